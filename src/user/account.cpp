// Account deletion and erasure: the rules here, the SQL in the named statements below (this
// file's store part: the tables are the user module's own, plus the cross-module anonymisation
// of audit_log and jobs that only erasure does).
#include "user/account.hpp"

#include <string>
#include <vector>

#include "core/crypto/password.hpp"
#include "core/log.hpp"
#include "core/pg/database.hpp"
#include "core/worker_pool.hpp"
#include "user/errors.hpp"

namespace ugoki::user {

namespace {

using boost::asio::awaitable;

constexpr pg::statement password_hash_sql{
    "account_password_hash",
    "SELECT password_hash FROM users WHERE id = $1::uuid AND deleted_at IS NULL"};

constexpr pg::statement soft_delete_sql{"account_soft_delete", R"(
UPDATE users SET deleted_at = now(), erase_after = now() + $2::int * interval '1 second'
 WHERE id = $1::uuid AND deleted_at IS NULL)"};

constexpr pg::statement audit_delete_sql{"account_audit_deleted", R"(
INSERT INTO audit_log (user_id, action, request_id)
SELECT $1::uuid, 'account.deleted', left($2, 128) WHERE EXISTS (SELECT 1 FROM users
 WHERE id = $1::uuid))"};

// Oldest first; SKIP LOCKED lets two instances sweep at once without waiting on each other.
constexpr pg::statement due_sql{"account_erase_due", R"(
SELECT id FROM users WHERE erase_after <= now()
 ORDER BY erase_after LIMIT $1::int FOR UPDATE SKIP LOCKED)"};

// audit_log.user_id becomes NULL by its FK (ON DELETE SET NULL); the IP hash and request id
// would still let someone holding other logs tie the event back to the person, so they go too.
constexpr pg::statement anonymise_audit_sql{"account_erase_audit", R"(
UPDATE audit_log SET ip_hash = NULL, request_id = NULL, details = '{}'
 WHERE user_id = ANY($1::uuid[]))"};

// jobs.user_id has no FK (0012): pending work for the user is dropped; a job running right now
// keeps its row but loses the user id and payload.
constexpr pg::statement drop_jobs_sql{"account_erase_jobs", R"(
DELETE FROM jobs WHERE user_id = ANY($1::uuid[]) AND status <> 'running')"};

constexpr pg::statement anonymise_jobs_sql{"account_erase_running_jobs", R"(
UPDATE jobs SET user_id = NULL, payload = '{}' WHERE user_id = ANY($1::uuid[]))"};

constexpr pg::statement delete_users_sql{"account_erase_users",
                                         "DELETE FROM users WHERE id = ANY($1::uuid[])"};

// A PostgreSQL array literal of UUIDs (ids come from the database, so no quoting is needed).
std::string uuid_array(const std::vector<std::string>& ids) {
  std::string out = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    out += ids[i];
  }
  out += '}';
  return out;
}

api_error wrong_password() {
  return unauthorized("AUTH_001", "Password is wrong");
}

}  // namespace

account::account(pg::database& db, worker_pool& workers, session_ender end_sessions,
                 account_settings s)
    : db_(db), workers_(workers), end_sessions_(std::move(end_sessions)), settings_(s) {}

awaitable<result<void>> account::delete_account(std::string user_id, std::string password,
                                                std::string request_id) {
  pg::params lookup{user_id};
  pg::result found = co_await db_.query(password_hash_sql, lookup);
  if (found.empty()) {
    co_return errors::account_gone();
  }
  auto phc = found[0].get<std::optional<std::string>>(0);
  if (!phc) {
    auto e = wrong_password();
    e.details.push_back({"password", "this account has no password"});
    co_return e;
  }
  auto verify_job = [hash = *phc, pw = std::move(password)] {
    return crypto::verify_password(hash, pw);
  };
  bool match = co_await workers_.submit(std::move(verify_job));
  if (!match) {
    auto e = wrong_password();
    e.details.push_back({"password", "is wrong"});
    co_return e;
  }
  // Sessions end before the row changes: if Redis is down nothing has happened and the client
  // may retry; if the database then fails, the user is merely signed out.
  std::int64_t ended = co_await end_sessions_(user_id);
  std::vector<pg::command> commands;
  commands.push_back({&soft_delete_sql, pg::params{user_id, static_cast<std::int64_t>(
                                                                settings_.grace_period.count())}});
  commands.push_back({&audit_delete_sql, pg::params{user_id, request_id}});
  auto results = co_await db_.pipeline(commands);
  if (results[0].affected_rows() != 1) {
    co_return errors::account_gone();
  }
  log::info("account deleted", log::fields().add("user_id", user_id).add("sessions_ended", ended));
  co_return result<void>{};
}

awaitable<std::int64_t> account::erase_due() {
  std::int64_t total = 0;
  for (;;) {
    pg::transaction tx = co_await db_.begin();
    pg::params limit{settings_.erase_batch};
    pg::result due = co_await tx.query(due_sql, limit);
    if (due.empty()) {
      co_await tx.rollback();
      break;
    }
    std::vector<std::string> ids;
    for (auto row : due) {
      ids.push_back(row.get<std::string>(0));
    }
    const std::string array = uuid_array(ids);
    std::vector<pg::command> commands;
    commands.push_back({&anonymise_audit_sql, pg::params{array}});
    commands.push_back({&drop_jobs_sql, pg::params{array}});
    commands.push_back({&anonymise_jobs_sql, pg::params{array}});
    commands.push_back({&delete_users_sql, pg::params{array}});
    co_await tx.pipeline(commands);
    co_await tx.commit();
    // Soft delete already ended the sessions; a family created since (none should be) or a
    // failed revoke is caught here. After the commit: a Redis failure now only retries this.
    for (const auto& id : ids) {
      co_await end_sessions_(id);
    }
    // Only a count: a log line naming the erased id would outlive the erasure.
    log::info("accounts erased", log::fields().add("count", ids.size()));
    total += static_cast<std::int64_t>(ids.size());
    if (static_cast<int>(ids.size()) < settings_.erase_batch) {
      break;
    }
  }
  co_return total;
}

}  // namespace ugoki::user
