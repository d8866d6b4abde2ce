// Account deletion and erasure: the rules here, the SQL in deletion_store.cpp.
#include "auth/deletion.hpp"

#include <string>
#include <vector>

#include "auth/deletion_store.hpp"
#include "auth/errors.hpp"
#include "auth/service.hpp"
#include "auth/store.hpp"
#include "core/crypto/password.hpp"
#include "core/jobs/queue.hpp"
#include "core/jobs/runner.hpp"
#include "core/log.hpp"
#include "core/pg/database.hpp"
#include "core/worker_pool.hpp"

namespace ugoki::auth {

namespace {

using boost::asio::awaitable;

api_error wrong_password(std::string why) {
  auto e = unauthorized("AUTH_001", "Password is wrong");
  e.details.push_back({"password", std::move(why)});
  return e;
}

awaitable<void> run_erasure(deletion& d) {
  co_await d.erase_due();
}

}  // namespace

deletion::deletion(pg::database& db, worker_pool& workers, service& auth, deletion_settings s)
    : db_(db), workers_(workers), auth_(auth), settings_(s) {}

awaitable<result<void>> deletion::delete_account(std::string user_id, std::string password,
                                                 std::string request_id) {
  auto account = co_await store::find_live_by_id(db_, user_id);
  if (!account) {
    co_return errors::token_invalid();  // the caller's token names an account that is gone
  }
  if (!account->password_hash) {
    co_return wrong_password("this account has no password");
  }
  auto verify_job = [hash = *account->password_hash, pw = std::move(password)] {
    return crypto::verify_password(hash, pw);
  };
  bool match = co_await workers_.submit(std::move(verify_job));
  if (!match) {
    co_return wrong_password("is wrong");
  }
  // Sessions end before the row changes: if Redis is down nothing has happened and the client
  // may retry; if the database then fails, the user is merely signed out.
  std::int64_t ended = co_await auth_.end_all_sessions(user_id);
  bool deleted = co_await deletion_store::soft_delete(db_, user_id, settings_.grace_period,
                                                      std::move(request_id));
  if (!deleted) {
    co_return errors::token_invalid();  // deleted by a concurrent request meanwhile
  }
  log::info("account deleted", log::fields().add("user_id", user_id).add("sessions_ended", ended));
  co_return result<void>{};
}

awaitable<std::int64_t> deletion::erase_due() {
  std::int64_t total = 0;
  for (;;) {
    pg::transaction tx = co_await db_.begin();
    std::vector<std::string> ids = co_await deletion_store::lock_due(tx, settings_.erase_batch);
    if (ids.empty()) {
      co_await tx.rollback();
      break;
    }
    // The jobs table is core's: its rows of these users go through core's queue API, in this
    // transaction.
    co_await jobs::forget_users(tx, ids);
    co_await deletion_store::erase(tx, ids);
    co_await tx.commit();
    // Soft delete already ended the sessions; a family created since (none should be) or a
    // failed revoke is caught here. After the commit: a Redis failure now only retries this.
    for (const auto& id : ids) {
      co_await auth_.end_all_sessions(id);
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

void add_erasure_job_kinds(jobs::registry& kinds, deletion& d) {
  kinds.add(std::string(erase_job_kind), [&d](const jobs::job&) { return run_erasure(d); });
}

}  // namespace ugoki::auth
