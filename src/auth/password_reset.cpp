// Password reset: request, confirmation, and the job that mails the link.
#include "auth/password_reset.hpp"

#include <stdexcept>

#include "auth/errors.hpp"
#include "auth/reset_store.hpp"
#include "auth/store.hpp"
#include "core/crypto/password.hpp"
#include "core/crypto/random.hpp"
#include "core/jobs/queue.hpp"
#include "core/jobs/runner.hpp"
#include "core/log.hpp"
#include "core/mail/mailer.hpp"
#include "core/pg/database.hpp"
#include "core/worker_pool.hpp"

namespace ugoki::auth {

namespace {

using boost::asio::awaitable;

std::string token_hash_hex(std::string_view token) {
  return crypto::to_hex(crypto::sha256(token));
}

}  // namespace

bool is_reset_token_shape(std::string_view token) {
  if (token.size() != 43) {
    return false;
  }
  for (char c : token) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) {
      return false;
    }
  }
  return true;
}

std::string reset_link(std::string_view app_url, std::string_view token) {
  return std::string(app_url) + "/reset-password#token=" + std::string(token);
}

std::string reset_mail_text(std::string_view email, std::string_view link,
                            std::chrono::seconds ttl) {
  std::string t;
  t += "Hello,\n\n";
  t += "someone, hopefully you, asked to reset the password of the Ugoki account ";
  t += email;
  t += ".\nOpen this link within " + std::to_string(ttl.count() / 60) +
       " minutes to choose a new one:\n\n";
  t += link;
  t += "\n\nIf you did not ask for this, ignore this mail: your password stays as it is.\n\n";
  t += "Ugoki\n";
  return t;
}

password_reset::password_reset(pg::database& db, worker_pool& workers,
                               const crypto::password_policy& policy, service& auth,
                               mail::mailer& mailer, reset_settings s)
    : db_(db),
      workers_(workers),
      policy_(policy),
      auth_(auth),
      mailer_(mailer),
      settings_(std::move(s)) {}

awaitable<void> password_reset::request(std::string email) {
  auto account = co_await store::find_by_email(db_, std::move(email));
  if (!account || account->deleted) {
    co_return;  // a deleted account inside its grace period is restored by login, not here
  }
  jobs::job_spec spec;
  spec.kind = std::string(password_reset_job_kind);
  spec.user_id = account->id;
  // A second request while the first mail is pending sends one mail, not two.
  spec.dedupe_key = "password-reset:" + account->id;
  spec.max_attempts = 5;
  auto enqueue = jobs::enqueue(db_, std::move(spec));
  co_await std::move(enqueue);
}

awaitable<result<void>> password_reset::confirm(std::string token, std::string new_password) {
  if (!is_reset_token_shape(token)) {
    co_return errors::reset_token_invalid();
  }
  const std::string hash_hex = token_hash_hex(token);
  auto owner = co_await reset_store::usable_for(db_, hash_hex);
  if (!owner) {
    co_return errors::reset_token_invalid();
  }
  auto problems = policy_.check(new_password);
  if (!problems.empty()) {
    co_return errors::password_rejected("new_password", problems);
  }
  const crypto::argon2_params params{auth_.config().argon2_iterations,
                                     auth_.config().argon2_memory_bytes};
  auto hash_job = [password = std::move(new_password), params] {
    return crypto::hash_password(password, params);
  };
  std::string phc = co_await workers_.submit(std::move(hash_job));
  // Sessions end before the password changes: with Redis down this fails (503) and nothing has
  // changed, rather than a new password leaving an attacker's sessions alive. Ended again after,
  // for a sign-in with the old password in between.
  auto ended = co_await auth_.end_all_sessions(*owner);
  auto account = co_await reset_store::redeem(db_, hash_hex, std::move(phc));
  if (!account) {
    co_return errors::reset_token_invalid();  // redeemed by a concurrent request meanwhile
  }
  try {
    ended += co_await auth_.end_all_sessions(account->id);
    // Whoever holds the link controls the mailbox: the sign-in delays that forgetting the
    // password earned the account end with it.
    co_await auth_.forgive_login_failures(account->email);
  } catch (const std::exception& e) {
    log::error("password reset: sessions after the change not ended",
               log::fields().add("user_id", account->id).add("detail", std::string(e.what())));
  }
  log::info("password reset",
            log::fields().add("user_id", account->id).add("sessions_ended", ended));
  co_return result<void>{};
}

awaitable<void> password_reset::send_link(const jobs::job& j) {
  if (!j.user_id) {
    co_return;
  }
  auto account = co_await store::find_live_by_id(db_, *j.user_id);
  if (!account) {
    co_return;  // deleted since the request
  }
  const std::int64_t sent = co_await reset_store::tokens_last_day(db_, account->id);
  if (sent >= settings_.max_per_day) {
    log::warn("password reset mail not sent: daily limit reached",
              log::fields().add("user_id", account->id));
    co_return;
  }
  const std::string token = crypto::random_token(32);
  std::string hash_hex = token_hash_hex(token);
  auto insert =
      reset_store::insert_token(db_, account->id, std::move(hash_hex), settings_.token_ttl);
  const std::string row = co_await std::move(insert);
  const std::string link = reset_link(settings_.app_url, token);
  mail::message m{account->email, "Reset your Ugoki password",
                  reset_mail_text(account->email, link, settings_.token_ttl)};
  std::string failure;
  bool retry = true;
  try {
    mailer_.send(m);
  } catch (const mail::delivery_error& e) {
    failure = e.what();
  } catch (const std::invalid_argument& e) {
    failure = e.what();  // an address no relay would take: trying again cannot help
    retry = false;
  }
  if (!failure.empty()) {
    // The user never saw this token: it must neither work nor count toward the daily limit.
    auto forget = reset_store::delete_token(db_, row);
    co_await std::move(forget);
    if (retry) {
      throw mail::delivery_error(failure);
    }
    log::warn("password reset mail not sent",
              log::fields().add("user_id", account->id).add("detail", failure));
  }
  if (failure.empty()) {
    log::info("password reset mail sent", log::fields().add("user_id", account->id));
  }
}

void add_password_reset_job_kinds(jobs::registry& kinds, password_reset& r) {
  kinds.add(std::string(password_reset_job_kind),
            [&r](const jobs::job& j) { return r.send_link(j); });
}

}  // namespace ugoki::auth
