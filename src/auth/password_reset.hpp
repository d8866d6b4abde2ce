// Password reset by email: the request (a job mails a single-use link), the confirmation (a new
// password, every session ended), and the job that sends the link. docs/password-reset.md.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <string>
#include <string_view>

#include "auth/service.hpp"

namespace ugoki {
class worker_pool;
namespace jobs {
struct job;
class registry;
}  // namespace jobs
namespace mail {
class mailer;
}
namespace crypto {
class password_policy;
}
}  // namespace ugoki

namespace ugoki::auth {

struct reset_settings {
  std::chrono::seconds token_ttl{30 * 60};
  // Mails per account per 24 hours; requests beyond it are answered alike and send nothing.
  int max_per_day = 5;
  // The app page that takes the token: <app_url>/reset-password#token=...
  std::string app_url = "http://localhost:3000";
};

// The job kind that mails a reset link (payload {}, the user in jobs.user_id).
inline constexpr std::string_view password_reset_job_kind = "auth.send_password_reset";

class password_reset {
 public:
  // Keeps references; each must outlive this object.
  password_reset(pg::database& db, worker_pool& workers, const crypto::password_policy& policy,
                 service& auth, mail::mailer& mailer, reset_settings s);

  // POST /auth/password-reset: when a live account has this email, queues the job that mails
  // its link (at most one pending per account). Says nothing about whether one exists.
  boost::asio::awaitable<void> request(std::string email);

  // POST /auth/password-reset/confirm: 400 AUTH_006 for a token that is malformed, unknown,
  // used or expired (checked before any hashing); 400 VAL_001 (field new_password) when the
  // password breaks the policy, the token staying usable. Otherwise sets the password, retires
  // the user's other reset tokens and ends every session.
  boost::asio::awaitable<result<void>> confirm(std::string token, std::string new_password);

  // The job: a fresh token (stored hashed), mailed as a link. Sends nothing when the account is
  // gone or had max_per_day tokens in the last 24 hours. A failed delivery deletes the token and
  // throws, so the job is retried. Blocks the calling thread while the mail server talks: jobs
  // thread only.
  boost::asio::awaitable<void> send_link(const jobs::job& j);

  // The policy a new password must pass (for dto::parse_reset_confirmation).
  const crypto::password_policy& password_rules() const { return policy_; }

 private:
  pg::database& db_;
  worker_pool& workers_;
  const crypto::password_policy& policy_;
  service& auth_;
  mail::mailer& mailer_;
  reset_settings settings_;
};

// Registers password_reset_job_kind, running `r.send_link`. `r` must outlive `kinds`.
void add_password_reset_job_kinds(jobs::registry& kinds, password_reset& r);

// Pure, unit-tested: whether `token` has the shape of ours (43 base64url characters).
bool is_reset_token_shape(std::string_view token);
// The link mailed for `token`: <app_url>/reset-password#token=<token>. The secret is in the
// fragment, which browsers never send to a server, so it stays out of web server and proxy logs
// and Referer headers; the app's page reads it from location.hash.
std::string reset_link(std::string_view app_url, std::string_view token);
// The mail's text for `email` with `link`, valid for `ttl`.
std::string reset_mail_text(std::string_view email, std::string_view link,
                            std::chrono::seconds ttl);

}  // namespace ugoki::auth
