// TEMPORARY: SQL of the export parts whose modules are not built yet (see the header).
// Every part is one statement, as the export's single statement had them; the connections'
// TimeZone is UTC, so instants come out as +00:00 and the exporter spells them with Z.
#include "app/interim_export_store.hpp"

#include <optional>
#include <stdexcept>
#include <string>

#include "core/pg/database.hpp"

namespace ugoki::app::interim {

namespace {

using boost::asio::awaitable;

// Push tokens are credentials, not the user's data; dedupe keys are internal.
constexpr pg::statement notifications_sql{"export_notifications", R"(
SELECT jsonb_build_object(
  'inbox', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' - 'dedupe_key'
                                      ORDER BY t.created_at), '[]')
              FROM notifications t WHERE t.user_id = $1::uuid),
  'devices', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' - 'token'
                                        ORDER BY t.created_at), '[]')
                FROM device_tokens t WHERE t.user_id = $1::uuid))::text)"};

awaitable<std::optional<std::string>> run(pg::database& db, const pg::statement& stmt,
                                          pg::params args) {
  pg::result rows = co_await db.query(stmt, args);
  co_return rows[0].get<std::string>(0);
}

// A part that runs `stmt` with the user id.
user::export_part part_of(std::string name, pg::database& db, const pg::statement& stmt) {
  return {std::move(name),
          [&db, &stmt](std::string user_id) { return run(db, stmt, pg::params{user_id}); }};
}

}  // namespace

user::export_part unowned_part(pg::database& db, std::string_view name) {
  if (name == "notifications") {
    return part_of("notifications", db, notifications_sql);
  }
  throw std::invalid_argument("no such export part: " + std::string(name));
}

}  // namespace ugoki::app::interim
