// SQL of account deletion and erasure, as named statements.
#include "auth/deletion_store.hpp"

#include "core/pg/database.hpp"

namespace ugoki::auth::deletion_store {

namespace {

using boost::asio::awaitable;

// One statement: the audit row is written exactly when the account was live and is now deleted.
constexpr pg::statement soft_delete_sql{"auth.soft_delete", R"(
WITH deleted AS (
  UPDATE users SET deleted_at = now(), erase_after = now() + $2::int * interval '1 second'
   WHERE id = $1::uuid AND deleted_at IS NULL
  RETURNING id)
INSERT INTO audit_log (user_id, action, request_id)
SELECT id, 'account.deleted', left($3, 128) FROM deleted
RETURNING 1)"};

// Oldest first; SKIP LOCKED lets two instances sweep at once without waiting on each other.
constexpr pg::statement lock_due_sql{"auth.erase_lock_due", R"(
SELECT id::text FROM users WHERE erase_after <= now()
 ORDER BY erase_after LIMIT $1::int FOR UPDATE SKIP LOCKED)"};

// audit_log.user_id becomes NULL by its FK (ON DELETE SET NULL); the IP hash and request id
// would still let someone holding other logs tie the event back to the person, so they go too.
constexpr pg::statement anonymise_audit_sql{"auth.erase_audit", R"(
UPDATE audit_log SET ip_hash = NULL, request_id = NULL, details = '{}'
 WHERE user_id = ANY($1::uuid[]))"};

constexpr pg::statement delete_users_sql{"auth.erase_users", R"(
DELETE FROM users WHERE id = ANY($1::uuid[]))"};

}  // namespace

awaitable<bool> soft_delete(pg::database& db, std::string user_id, std::chrono::seconds grace,
                            std::string request_id) {
  pg::params args{user_id, static_cast<std::int64_t>(grace.count()), request_id};
  pg::result r = co_await db.query(soft_delete_sql, args);
  co_return !r.empty();
}

awaitable<std::vector<std::string>> lock_due(pg::transaction& tx, int limit) {
  pg::params args{limit};
  pg::result due = co_await tx.query(lock_due_sql, args);
  std::vector<std::string> ids;
  for (auto row : due) {
    ids.push_back(row.get<std::string>(0));
  }
  co_return ids;
}

awaitable<void> erase(pg::transaction& tx, const std::vector<std::string>& user_ids) {
  const std::string ids = pg::uuid_array(user_ids);
  std::vector<pg::command> commands;
  commands.push_back({&anonymise_audit_sql, pg::params{ids}});
  commands.push_back({&delete_users_sql, pg::params{ids}});
  co_await tx.pipeline(commands);
}

}  // namespace ugoki::auth::deletion_store
