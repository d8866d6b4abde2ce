// SQL of the admin module, as named statements (the name is the prepared-statement name).
#include "admin/store.hpp"

#include <array>

#include "core/pg/database.hpp"
#include "core/time.hpp"

namespace ugoki::admin::store {

namespace {

using boost::asio::awaitable;

// Every filter is optional ($n IS NULL): an admin table, small next to the user data, where one
// prepared statement beats composing SQL. The actor's email comes from auth's view of live
// accounts: an erased actor's entry has actor_id NULL (0028's ON DELETE SET NULL).
constexpr pg::statement list_audit_sql{"admin.list_audit", R"(
SELECT a.id, a.actor_id::text, la.email::text, a.entity, a.entity_id, a.action, a.changes::text,
       a.request_id,
       to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
  FROM admin_audit_log a
  LEFT JOIN live_accounts la ON la.user_id = a.actor_id
 WHERE ($1::uuid IS NULL OR a.actor_id = $1::uuid)
   AND ($2::text IS NULL OR a.entity = $2::text)
   AND ($3::text IS NULL OR a.entity_id = $3::text)
   AND ($4::timestamptz IS NULL OR a.created_at >= $4::timestamptz)
   AND ($5::timestamptz IS NULL OR a.created_at <= $5::timestamptz)
 ORDER BY a.created_at DESC, a.id DESC
 LIMIT $6 OFFSET $7)"};

constexpr pg::statement count_audit_sql{"admin.count_audit", R"(
SELECT count(*)
  FROM admin_audit_log a
 WHERE ($1::uuid IS NULL OR a.actor_id = $1::uuid)
   AND ($2::text IS NULL OR a.entity = $2::text)
   AND ($3::text IS NULL OR a.entity_id = $3::text)
   AND ($4::timestamptz IS NULL OR a.created_at >= $4::timestamptz)
   AND ($5::timestamptz IS NULL OR a.created_at <= $5::timestamptz))"};

constexpr pg::statement record_sql{"admin.record", R"(
SELECT admin_audit($1::uuid, $2, $3, $4, NULL, $5::jsonb, $6))"};

std::optional<std::string> instant_text(
    const std::optional<std::chrono::system_clock::time_point>& t) {
  if (!t) {
    return std::nullopt;
  }
  return time::format_rfc3339_micros(
      std::chrono::duration_cast<std::chrono::microseconds>(t->time_since_epoch()).count());
}

}  // namespace

awaitable<audit_page> list_audit(pg::database& db, audit_query q) {
  const std::optional<std::string> from = instant_text(q.from);
  const std::optional<std::string> to = instant_text(q.to);
  const std::int64_t offset = (q.page - 1) * q.per_page;
  const std::array<pg::command, 2> commands{
      pg::command{&list_audit_sql,
                  pg::params{q.actor_id, q.entity, q.entity_id, from, to, q.per_page, offset}},
      pg::command{&count_audit_sql, pg::params{q.actor_id, q.entity, q.entity_id, from, to}}};
  auto results = co_await db.pipeline(commands);
  audit_page page;
  page.page = q.page;
  page.per_page = q.per_page;
  page.total = results[1][0].get<std::int64_t>(0);
  for (const auto& row : results[0]) {
    audit_entry e;
    e.id = row.get<std::int64_t>(0);
    e.actor_id = row.get<std::optional<std::string>>(1);
    e.actor_email = row.get<std::optional<std::string>>(2);
    e.entity = row.get<std::string>(3);
    e.entity_id = row.get<std::string>(4);
    e.action = row.get<std::string>(5);
    e.changes_json = row.get<std::string>(6);
    e.request_id = row.get<std::optional<std::string>>(7);
    e.created_at = row.get<std::string>(8);
    page.items.push_back(std::move(e));
  }
  co_return page;
}

awaitable<std::int64_t> record(pg::database& db, const actor& who, std::string entity,
                               std::string entity_id, std::string action, std::string after_json) {
  std::optional<std::string> actor_id;
  if (!who.user_id.empty()) {
    actor_id = who.user_id;
  }
  std::optional<std::string> request_id;
  if (!who.request_id.empty()) {
    request_id = who.request_id;
  }
  pg::params args{actor_id, entity, entity_id, action, after_json, request_id};
  auto rows = co_await db.query(record_sql, args);
  co_return rows[0].get<std::int64_t>(0);
}

}  // namespace ugoki::admin::store
