// SQL for the auth module, as named statements (the name is the prepared-statement name).
#include "auth/store.hpp"

#include "core/pg/database.hpp"

namespace ugoki::auth::store {

namespace {

using boost::asio::awaitable;

// Every statement that reads an account returns the same columns, in read_account's order.

// An address belongs to one account until that account is erased (0019), deleted or not.
constexpr pg::statement find_by_email_sql{"auth.find_by_email", R"(
SELECT id::text, email::text, role, email_verified,
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), password_hash,
       deleted_at IS NOT NULL
  FROM users
 WHERE email = $1 AND status = 'active' AND (deleted_at IS NULL OR erase_after > now()))"};

constexpr pg::statement find_live_by_id_sql{"auth.find_live_by_id", R"(
SELECT id::text, email::text, role, email_verified,
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), password_hash,
       deleted_at IS NOT NULL
  FROM users
 WHERE id = $1::uuid AND deleted_at IS NULL AND status = 'active')"};

constexpr pg::statement create_account_sql{"auth.create_account", R"(
INSERT INTO users (id, email, password_hash, password_changed_at)
VALUES ($1::uuid, $2, $3, now())
RETURNING id::text, email::text, role, email_verified,
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), password_hash,
       deleted_at IS NOT NULL)"};

constexpr pg::statement record_login_sql{"auth.record_login", R"(
UPDATE users
   SET last_login_at = now(), failed_login_count = 0, locked_until = NULL,
       deleted_at = CASE WHEN $2 THEN NULL ELSE deleted_at END,
       erase_after = CASE WHEN $2 THEN NULL ELSE erase_after END,
       password_hash = COALESCE($3, password_hash)
 WHERE id = $1::uuid)"};

constexpr pg::statement set_password_sql{"auth.set_password", R"(
UPDATE users SET password_hash = $2, password_changed_at = now()
 WHERE id = $1::uuid AND deleted_at IS NULL)"};

// Roles are changed from the command line (ugoki admin grant/revoke): the actor is NULL. The
// audit CTE is referenced by the final SELECT, which is what makes PostgreSQL run it; `changed`
// runs regardless (a data-modifying CTE always does).
constexpr pg::statement set_role_sql{"auth.set_role", R"(
WITH target AS (
  SELECT id, role FROM users WHERE email = $1 AND deleted_at IS NULL FOR UPDATE),
changed AS (
  UPDATE users u SET role = $2
    FROM target t
   WHERE u.id = t.id AND t.role <> $2 AND ($3::text IS NULL OR t.role = $3::text)
  RETURNING u.id, t.role AS before),
audit AS (
  SELECT admin_audit(NULL, 'auth.user', c.id::text, $4, jsonb_build_object('role', c.before),
                     jsonb_build_object('role', $2::text), NULL) AS entry
    FROM changed c)
SELECT t.id::text, t.role, (SELECT count(*) FROM audit) > 0
  FROM target t)"};

// The subscription role that billing derives (app/bridges.cpp); admins are never touched.
constexpr pg::statement set_plan_role_sql{"auth.set_plan_role", R"(
WITH target AS (
  SELECT id, role FROM users WHERE id = $1::uuid AND deleted_at IS NULL FOR UPDATE),
changed AS (
  UPDATE users u SET role = $2
    FROM target t
   WHERE u.id = t.id AND t.role <> $2 AND t.role IN ('free', 'premium')
  RETURNING u.id, t.role AS before),
audit AS (
  SELECT admin_audit(NULL, 'auth.user', c.id::text, 'role.subscription',
                     jsonb_build_object('role', c.before), jsonb_build_object('role', $2::text),
                     NULL) AS entry
    FROM changed c)
SELECT t.id::text, t.role, (SELECT count(*) FROM audit) > 0
  FROM target t)"};

account read_account(const pg::row& row) {
  account a;
  a.id = row.get<std::string>(0);
  a.email = row.get<std::string>(1);
  a.role = row.get<std::string>(2);
  a.email_verified = row.get<bool>(3);
  a.created_at = row.get<std::string>(4);
  a.password_hash = row.get<std::optional<std::string>>(5);
  a.deleted = row.get<bool>(6);
  return a;
}

}  // namespace

awaitable<std::optional<account>> find_by_email(pg::database& db, std::string email) {
  pg::params args{email};
  auto rows = co_await db.query(find_by_email_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_account(rows[0]);
}

awaitable<std::optional<account>> find_live_by_id(pg::database& db, std::string id) {
  pg::params args{id};
  auto rows = co_await db.query(find_live_by_id_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_account(rows[0]);
}

awaitable<std::optional<account>> create_account(pg::database& db, std::string id,
                                                 std::string email, std::string password_hash,
                                                 std::span<const pg::command> with) {
  std::vector<pg::command> commands;
  commands.push_back({&create_account_sql, pg::params{id, email, password_hash}});
  commands.insert(commands.end(), with.begin(), with.end());
  try {
    auto results = co_await db.pipeline(commands);
    co_return read_account(results[0][0]);
  } catch (const pg::error& e) {
    if (!e.is_unique_violation()) {
      throw;
    }
  }
  co_return std::nullopt;
}

awaitable<bool> record_login(pg::database& db, std::string id, bool restore,
                             std::optional<std::string> new_hash) {
  pg::params args{id, restore, new_hash};
  auto r = co_await db.query(record_login_sql, args);
  co_return r.affected_rows() == 1;
}

awaitable<role_change> set_role(pg::database& db, std::string email, std::string role,
                                std::optional<std::string> only_from, std::string action) {
  pg::params args{email, role, only_from, action};
  auto rows = co_await db.query(set_role_sql, args);
  role_change out;
  if (rows.empty()) {
    co_return out;
  }
  out.found = true;
  out.user_id = rows[0].get<std::string>(0);
  out.before = rows[0].get<std::string>(1);
  out.changed = rows[0].get<bool>(2);
  co_return out;
}

awaitable<role_change> set_plan_role(pg::database& db, std::string user_id, std::string role) {
  pg::params args{user_id, role};
  auto rows = co_await db.query(set_plan_role_sql, args);
  role_change out;
  if (rows.empty()) {
    co_return out;
  }
  out.found = true;
  out.user_id = rows[0].get<std::string>(0);
  out.before = rows[0].get<std::string>(1);
  out.changed = rows[0].get<bool>(2);
  co_return out;
}

awaitable<bool> set_password(pg::database& db, std::string id, std::string password_hash) {
  pg::params args{id, password_hash};
  auto r = co_await db.query(set_password_sql, args);
  co_return r.affected_rows() == 1;
}

}  // namespace ugoki::auth::store
