// The auth module's rules: sign-up, sign-in, token issue and rotation, sign-out, password
// change and sessions. No HTTP, JSON or SQL here; Argon2id runs only on the worker pool.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/login_throttle.hpp"
#include "auth/token_store.hpp"
#include "auth/types.hpp"
#include "core/crypto/jwt.hpp"
#include "core/error.hpp"

namespace ugoki {
class clock;
class worker_pool;
namespace pg {
class database;
struct command;
}  // namespace pg
namespace crypto {
class password_policy;
}
}  // namespace ugoki

namespace ugoki::auth {

struct register_input {
  std::string email;
  std::string password;
  std::optional<std::string> display_name;
};

struct login_input {
  std::string email;
  std::string password;
};

// The rows other modules keep for every account (the user module's profile and preferences),
// as statements to run in the pipeline that inserts the users row: one implicit transaction, so
// no account ever exists without them, while each module's SQL stays in its own store. Given
// the new account's id and the registration's display name; the composition root passes
// user::service::new_account_rows. Empty: no other rows.
using account_rows = std::function<std::vector<pg::command>(
    const std::string& user_id, const std::optional<std::string>& display_name)>;

// What `ugoki admin grant|revoke` did to an account.
struct role_update {
  std::string user_id;
  std::string before;  // the role it had
  std::string after;   // the role it has now
  bool changed = false;
  std::int64_t sessions_ended = 0;  // revoke only
};

class service {
 public:
  // Keeps references: every argument must outlive the service. `dummy_hash` is
  // crypto::make_dummy_hash() computed once at start.
  service(pg::database& db, redis::client& redis, session_cache& sessions, worker_pool& workers,
          const crypto::jwt::key_set& keys, const crypto::password_policy& policy,
          const clock& clock, settings s, std::string dummy_hash, account_rows rows = {});

  // Failures common to every call below: pg::unavailable, redis::unavailable and
  // worker_pool_busy propagate (the dispatcher answers 503 SVC_001).

  // New account with the other modules' rows (account_rows), in one transaction, signed in. 400
  // VAL_001 (field password) when the password breaks the policy; 409 USER_002 when the email is
  // taken (also by a deleted account inside its grace period: the address is free only once it is
  // erased).
  boost::asio::awaitable<result<sign_in_result>> register_account(register_input in,
                                                                  client_info client);

  // 401 AUTH_001 for an unknown email or a wrong password alike, after the same Argon2id work.
  // A soft-deleted account inside its grace period is restored (restored = true). 429
  // RATE_001 with Retry-After while the account or the client IP is throttled.
  boost::asio::awaitable<result<sign_in_result>> login(login_input in, client_info client);

  // Rotates the refresh token and issues a new access token. 401 AUTH_002 for an unknown,
  // expired or revoked token; a replayed one also revokes its whole family.
  boost::asio::awaitable<result<token_pair>> refresh(std::string refresh_token);

  // Ends one session of `user_id`. 404 AUTH_005 when it is not one of theirs (another user's
  // session id looks exactly like a missing one) or has already ended.
  boost::asio::awaitable<result<void>> end_session(std::string user_id, std::string session_id);
  // Ends the session of the access token `access_token` (logout with a Bearer token). 401
  // AUTH_002 when the token does not verify (verify_access).
  boost::asio::awaitable<result<void>> end_session_of(std::string_view access_token);
  // Ends every session of `user_id`; returns how many there were.
  boost::asio::awaitable<std::int64_t> end_all_sessions(std::string user_id);
  // Ends the session `refresh_token` belongs to (logout by refresh token, e.g. the web
  // cookie). 401 AUTH_002 when it is empty, unknown, or its session has already ended.
  boost::asio::awaitable<result<void>> end_session_by_refresh_token(std::string refresh_token);

  // Checks `current`, sets `replacement` (policy applies), and ends every session of the user
  // but `keep_session_id`. 401 AUTH_001 (field current_password) for a wrong current password,
  // 400 VAL_001 (field new_password) for a policy violation, 401 AUTH_002 when the account is
  // gone.
  boost::asio::awaitable<result<void>> change_password(std::string user_id,
                                                       std::string keep_session_id,
                                                       std::string current,
                                                       std::string replacement);

  // `ugoki admin grant EMAIL`: makes the live account `email` an admin, auditing the change
  // (auth.user, role.grant, actor NULL) in the same statement. Nothing is written when it is an
  // admin already. nullopt when no live account has this email. Its tokens keep their old role
  // until they are refreshed (refresh re-reads the role) or it signs in again.
  boost::asio::awaitable<std::optional<role_update>> grant_admin(std::string email);
  // `ugoki admin revoke EMAIL`: sets an admin's role back to free (audited, role.revoke) and ends
  // every session of the account, so no token it holds keeps admin access; a repeat (or an
  // account that was not an admin) changes no role but still ends the sessions, so a revoke
  // whose Redis step failed can be run again. nullopt when no live account has this email.
  // Throws redis::unavailable after the role change when Redis is down.
  boost::asio::awaitable<std::optional<role_update>> revoke_admin(std::string email);

  // Billing's entitlement decided the account's subscription role (`premium` true: "premium",
  // else "free"): sets it on the users row (never on an admin; audited role.subscription), then
  // on every live session of the account (token_store::set_plan), so access tokens already
  // issued carry the new role at once on every instance and the next refresh signs it.
  // Idempotent: a repeat writes the same values, so a run whose Redis step failed can simply be
  // run again. nullopt when no live account has this id (deleted, or erased). Throws
  // redis::unavailable after the role change when Redis is down.
  boost::asio::awaitable<std::optional<role_update>> apply_plan(std::string user_id, bool premium);

  // Clears the failed-login count (and so the sign-in delay) of the account `email`, as a
  // successful login would: after a password reset. Throws redis::unavailable.
  boost::asio::awaitable<void> forgive_login_failures(std::string email);

  // The user's sessions, oldest first, with `current` set on `current_session_id`.
  boost::asio::awaitable<std::vector<session_info>> sessions(std::string user_id,
                                                             std::string current_session_id);

  // Verifies an access token (RS256, kid, iss, aud, exp, nbf with leeway) and that its
  // session is alive and belongs to its subject (`sub`). 401 AUTH_002 otherwise. When Redis is
  // down: redis::unavailable in closed mode; in open mode the signature alone is trusted.
  boost::asio::awaitable<result<crypto::jwt::claims>> verify_access(std::string_view token);

  // The data export's parts of this module (user::export_part), as JSON text: the account
  // (nullopt when it does not exist or is deleted), linked social identities, MFA status (null
  // when none) and security events. Secrets are never included (auth/export_store.hpp).
  boost::asio::awaitable<std::optional<std::string>> export_account(std::string user_id);
  boost::asio::awaitable<std::string> export_oauth_identities(std::string user_id);
  boost::asio::awaitable<std::string> export_mfa(std::string user_id);
  boost::asio::awaitable<std::string> export_security_events(std::string user_id);

  // The password policy new passwords must pass (for the parsers, which name its verdict
  // with every other bad field).
  const crypto::password_policy& password_rules() const { return policy_; }

  // The JWKS document of every loaded public key.
  std::string jwks() const;
  const settings& config() const { return settings_; }
  // The channel on which every ended session id is published (subscribe the session cache).
  std::string revocation_channel() const { return tokens_.revocation_channel(); }

 private:
  boost::asio::awaitable<token_pair> issue(const account& a, std::string user_agent);
  std::string sign_access(const account& a, const std::string& session_id) const;

  pg::database& db_;
  worker_pool& workers_;
  const crypto::jwt::key_set& keys_;
  const crypto::password_policy& policy_;
  const clock& clock_;
  settings settings_;
  std::string dummy_hash_;
  account_rows account_rows_;
  token_store tokens_;
  login_throttle throttle_;
};

// Pure helpers, unit-tested.

// The session id carried by an access token's jti ("<sid>.<nonce>"); empty when absent.
// (jwt::claims has no `sid` member yet, so the session rides in the signed jti.)
std::string_view session_id_of(std::string_view token_id);
// A fresh jti for session `session_id`.
std::string make_token_id(std::string_view session_id);
// The token of an "Authorization: Bearer <token>" header (scheme case-insensitive); nullopt
// for another scheme, an empty token, or spaces inside it.
std::optional<std::string_view> bearer_token(std::string_view authorization);
// `s` cut to at most `max_code_points` whole UTF-8 code points, control characters dropped
// (user agents are shown back to users and must not break a UI or a log line).
std::string clean_user_agent(std::string_view s, std::size_t max_code_points = 200);
// Whether claims verified earlier are still within exp, nbf and iat at `now` (seconds since the
// epoch) with `leeway` seconds: what a cached verification must re-check on every use.
bool claims_still_valid(std::int64_t exp, std::optional<std::int64_t> nbf, std::int64_t iat,
                        std::int64_t now, std::int64_t leeway);

}  // namespace ugoki::auth
