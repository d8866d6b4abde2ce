// The auth module's rules. Password work goes to the worker pool; tokens to token_store.
#include "auth/service.hpp"

#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <unordered_map>

#include "auth/errors.hpp"
#include "auth/export_store.hpp"
#include "auth/store.hpp"
#include "core/clock.hpp"
#include "core/crypto/jwt.hpp"
#include "core/crypto/password.hpp"
#include "core/crypto/random.hpp"
#include "core/log.hpp"
#include "core/pg/database.hpp"
#include "core/redis/errors.hpp"
#include "core/worker_pool.hpp"

namespace ugoki::auth {

namespace {

// Tokens this thread has verified, so a client's repeated requests cost one RSA verification per
// token instead of one per request. Only successes are kept, with their claims; expiry and nbf are
// re-checked on every hit, and revocation still goes through the session check each time. The
// owner pointer keeps two services in one process (tests) from trusting each other's entries.
struct verified_token {
  const service* owner;
  crypto::jwt::claims claims;
};
constexpr std::size_t verified_cache_limit = 8192;
thread_local std::unordered_map<std::string, verified_token> verified_cache;

bool still_valid(const crypto::jwt::claims& c, std::int64_t now, std::int64_t leeway) {
  return claims_still_valid(c.exp, c.nbf, c.iat, now, leeway);
}

using boost::asio::awaitable;

std::int64_t unix_seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::int64_t unix_millis(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// Refresh tokens are 43 characters; anything much longer is not ours and is not hashed.
constexpr std::size_t max_refresh_token = 256;

crypto::argon2_params argon2_of(const settings& s) {
  return {s.argon2_iterations, s.argon2_memory_bytes};
}

}  // namespace

service::service(pg::database& db, redis::client& redis, session_cache& sessions,
                 worker_pool& workers, const crypto::jwt::key_set& keys,
                 const crypto::password_policy& policy, const clock& clock, settings s,
                 std::string dummy_hash, account_rows rows)
    : db_(db),
      workers_(workers),
      keys_(keys),
      policy_(policy),
      clock_(clock),
      settings_(std::move(s)),
      dummy_hash_(std::move(dummy_hash)),
      account_rows_(std::move(rows)),
      tokens_(redis, settings_.redis_prefix, settings_.refresh_ttl, sessions),
      throttle_(redis, settings_.redis_prefix, settings_.throttle) {}

awaitable<result<sign_in_result>> service::register_account(register_input in, client_info client) {
  auto problems = policy_.check(in.password);
  if (!problems.empty()) {
    co_return errors::password_rejected("password", problems);
  }
  auto hash_job = [password = std::move(in.password), params = argon2_of(settings_)] {
    return crypto::hash_password(password, params);
  };
  std::string hash = co_await workers_.submit(std::move(hash_job));
  // The id is picked here, so the other modules' rows can name it in the same pipeline.
  const std::string id = crypto::random_uuid();
  std::vector<pg::command> rows;
  if (account_rows_) {
    rows = account_rows_(id, in.display_name);
  }
  auto created =
      co_await store::create_account(db_, id, std::move(in.email), std::move(hash), rows);
  if (!created) {
    co_return errors::email_taken();
  }
  token_pair tokens = co_await issue(*created, std::move(client.user_agent));
  log::info("account registered", log::fields().add("user_id", created->id));
  co_return sign_in_result{std::move(*created), std::move(tokens), false};
}

awaitable<result<sign_in_result>> service::login(login_input in, client_info client) {
  // Refused before any Argon2id work, so a throttled attacker costs us one Redis call.
  const std::int64_t now_ms = unix_millis(clock_.now());
  auto wait = co_await throttle_.wait_time(in.email, client.ip, now_ms);
  if (wait.count() > 0) {
    co_return errors::too_many_attempts(retry_after_seconds(wait));
  }
  auto found = co_await store::find_by_email(db_, in.email);
  const bool usable = found && found->password_hash;
  // Unknown emails verify against the dummy hash, so both failures cost one Argon2id run.
  std::string phc = usable ? *found->password_hash : dummy_hash_;
  auto verify_job = [phc, password = in.password] {
    return crypto::verify_password(phc, password);
  };
  bool match = co_await workers_.submit(std::move(verify_job));
  if (!match || !usable) {
    co_await throttle_.failed(in.email, client.ip, now_ms);
    if (found) {
      log::info("login refused", log::fields().add("user_id", found->id));
    }
    co_return errors::invalid_credentials();
  }
  co_await throttle_.succeeded(in.email);
  std::optional<std::string> rehash;
  if (crypto::needs_rehash(phc, argon2_of(settings_))) {
    auto hash_job = [password = std::move(in.password), params = argon2_of(settings_)] {
      return crypto::hash_password(password, params);
    };
    std::string fresh = co_await workers_.submit(std::move(hash_job));
    rehash = std::move(fresh);
  }
  const bool restore = found->deleted;
  bool recorded = co_await store::record_login(db_, found->id, restore, std::move(rehash));
  if (!recorded) {
    // Erased between the lookup and now.
    co_return errors::invalid_credentials();
  }
  found->deleted = false;
  token_pair tokens = co_await issue(*found, std::move(client.user_agent));
  log::info("login", log::fields().add("user_id", found->id).add("restored", restore));
  co_return sign_in_result{std::move(*found), std::move(tokens), restore};
}

awaitable<result<token_pair>> service::refresh(std::string refresh_token) {
  if (refresh_token.empty() || refresh_token.size() > max_refresh_token) {
    co_return errors::refresh_invalid();
  }
  auto rot = co_await tokens_.rotate(std::move(refresh_token), unix_millis(clock_.now()));
  if (rot.result == token_store::rotation::outcome::reused) {
    // RFC 9700 4.14.2: a used token came back, so one of two holders is an attacker; the
    // whole family is already revoked by the script.
    log::warn("refresh token reuse: session revoked",
              log::fields().add("session_id", rot.session_id));
    co_return errors::refresh_invalid();
  }
  if (rot.result != token_store::rotation::outcome::rotated) {
    co_return errors::refresh_invalid();
  }
  auto a = co_await store::find_live_by_id(db_, rot.user_id);
  if (!a) {
    co_await tokens_.revoke(rot.user_id, rot.session_id);
    co_return errors::refresh_invalid();
  }
  co_return token_pair{sign_access(*a, rot.session_id), settings_.access_ttl.count(),
                       std::move(rot.refresh_token), rot.session_id};
}

awaitable<result<void>> service::end_session(std::string user_id, std::string session_id) {
  bool ended = co_await tokens_.revoke(std::move(user_id), std::move(session_id));
  if (!ended) {
    co_return errors::session_not_found();
  }
  co_return result<void>{};
}

awaitable<result<void>> service::end_session_of(std::string_view access_token) {
  auto verified = co_await verify_access(access_token);
  if (!verified) {
    co_return std::move(verified.error());
  }
  // A concurrent sign-out may have ended it since the check: ended either way.
  co_await tokens_.revoke(std::move(verified->sub), std::string(session_id_of(verified->jti)));
  co_return result<void>{};
}

awaitable<std::int64_t> service::end_all_sessions(std::string user_id) {
  co_return co_await tokens_.revoke_all(std::move(user_id));
}

awaitable<result<void>> service::end_session_by_refresh_token(std::string refresh_token) {
  if (refresh_token.empty()) {
    co_return errors::invalid_token("Authentication required");
  }
  if (refresh_token.size() > max_refresh_token) {
    co_return errors::refresh_invalid();
  }
  bool ended = co_await tokens_.revoke_by_token(std::move(refresh_token));
  if (!ended) {
    co_return errors::refresh_invalid();
  }
  co_return result<void>{};
}

awaitable<result<void>> service::change_password(std::string user_id, std::string keep_session_id,
                                                 std::string current, std::string replacement) {
  auto problems = policy_.check(replacement);
  if (!problems.empty()) {
    co_return errors::password_rejected("new_password", problems);
  }
  auto a = co_await store::find_live_by_id(db_, user_id);
  if (!a) {
    co_return errors::token_invalid();  // the caller's token names an account that is gone
  }
  const bool usable = a->password_hash.has_value();
  std::string phc = usable ? *a->password_hash : dummy_hash_;
  auto verify_job = [phc, password = std::move(current)] {
    return crypto::verify_password(phc, password);
  };
  bool match = co_await workers_.submit(std::move(verify_job));
  if (!match || !usable) {
    auto e = errors::invalid_credentials();
    e.message = "Current password is wrong";
    e.details.push_back({"current_password", "is wrong"});
    co_return e;
  }
  auto hash_job = [password = std::move(replacement), params = argon2_of(settings_)] {
    return crypto::hash_password(password, params);
  };
  std::string hash = co_await workers_.submit(std::move(hash_job));
  bool updated = co_await store::set_password(db_, user_id, std::move(hash));
  if (!updated) {
    co_return errors::session_revoked();
  }
  auto ended = co_await tokens_.revoke_all(user_id, std::move(keep_session_id));
  log::info("password changed", log::fields().add("user_id", user_id).add("sessions_ended", ended));
  co_return result<void>{};
}

awaitable<std::optional<role_update>> service::grant_admin(std::string email) {
  auto r = co_await store::set_role(db_, std::move(email), "admin", std::nullopt, "role.grant");
  if (!r.found) {
    co_return std::nullopt;
  }
  log::info("admin role granted",
            log::fields().add("user_id", r.user_id).add("changed", r.changed));
  co_return role_update{r.user_id, r.before, "admin", r.changed, 0};
}

awaitable<std::optional<role_update>> service::revoke_admin(std::string email) {
  // Free, not premium: billing will derive premium from the subscription (0002's
  // subscriptions); until then a revoked admin is a free account.
  auto r = co_await store::set_role(db_, std::move(email), "free", "admin", "role.revoke");
  if (!r.found) {
    co_return std::nullopt;
  }
  // After the role change, so a refresh racing it re-reads the new role; every session ends, so
  // no access token signed with the admin role stays usable past the session cache's TTL.
  const std::int64_t ended = co_await tokens_.revoke_all(r.user_id);
  log::info("admin role revoked", log::fields()
                                      .add("user_id", r.user_id)
                                      .add("changed", r.changed)
                                      .add("sessions_ended", ended));
  co_return role_update{r.user_id, r.before, r.changed ? "free" : r.before, r.changed, ended};
}

awaitable<std::optional<role_update>> service::apply_plan(std::string user_id, bool premium) {
  std::string role = premium ? "premium" : "free";
  auto r = co_await store::set_plan_role(db_, std::move(user_id), role);
  if (!r.found) {
    co_return std::nullopt;
  }
  if (r.before == "admin") {
    co_return role_update{r.user_id, r.before, r.before, false, 0};
  }
  // After the row, so a refresh racing this signs the new role; the sessions' plan makes the
  // tokens signed before it carry the new role too (verify_access).
  const std::int64_t touched = co_await tokens_.set_plan(r.user_id, role);
  log::info(
      "subscription role applied",
      log::fields().add("user_id", r.user_id).add("changed", r.changed).add("sessions", touched));
  co_return role_update{r.user_id, r.before, role, r.changed, 0};
}

awaitable<void> service::forgive_login_failures(std::string email) {
  co_await throttle_.succeeded(std::move(email));
}

awaitable<std::vector<session_info>> service::sessions(std::string user_id,
                                                       std::string current_session_id) {
  auto list = co_await tokens_.list(std::move(user_id));
  for (auto& s : list) {
    s.current = s.id == current_session_id;
  }
  co_return list;
}

awaitable<result<crypto::jwt::claims>> service::verify_access(std::string_view token) {
  const auto now = clock_.now();
  const auto now_s =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const auto leeway_s = static_cast<std::int64_t>(settings_.leeway.count());
  boost::system::result<crypto::jwt::claims, crypto::jwt::verify_error> verified =
      crypto::jwt::verify_error::malformed;
  auto cached = verified_cache.find(std::string(token));
  if (cached != verified_cache.end() && cached->second.owner == this &&
      still_valid(cached->second.claims, now_s, leeway_s)) {
    verified = cached->second.claims;
  } else {
    verified = keys_.verify(token, now, settings_.issuer, settings_.audience, settings_.leeway);
    if (verified) {
      if (verified_cache.size() >= verified_cache_limit) {
        verified_cache.clear();  // crude but bounded; a full cache refills within seconds
      }
      verified_cache.insert_or_assign(std::string(token), verified_token{this, *verified});
    }
  }
  if (!verified) {
    log::debug("access token refused",
               log::fields().add("reason", crypto::jwt::to_string(verified.error())));
    if (verified.error() == crypto::jwt::verify_error::expired) {
      co_return errors::token_expired();
    }
    co_return errors::token_invalid();
  }
  std::string sid(session_id_of(verified->jti));
  if (sid.empty()) {
    co_return errors::token_invalid();
  }
  std::optional<std::string> plan;
  try {
    // The session must be the subject's own: a token naming one user's session and another
    // user's `sub` (only our signing key can make one) is refused, not served as `sub`. Since
    // sessions end when an account is deleted, this also refuses a `sub` that names nobody.
    plan = co_await tokens_.plan_of(sid, verified->sub);
  } catch (const redis::unavailable&) {
    if (settings_.redis_failure == redis_failure_mode::closed) {
      throw;
    }
    // Open mode: availability over immediate revocation; tokens live 15 minutes at most.
    plan = std::string();
  }
  if (!plan) {
    co_return errors::session_revoked();
  }
  // A subscription change after the token was signed (apply_plan) outranks its role claim;
  // an admin's claim is never lowered or raised by it.
  if (!plan->empty() && verified->role != "admin") {
    verified->role = *plan;
  }
  co_return std::move(*verified);
}

awaitable<std::optional<std::string>> service::export_account(std::string user_id) {
  co_return co_await export_store::account(db_, std::move(user_id));
}

awaitable<std::string> service::export_oauth_identities(std::string user_id) {
  co_return co_await export_store::oauth_identities(db_, std::move(user_id));
}

awaitable<std::string> service::export_mfa(std::string user_id) {
  co_return co_await export_store::mfa(db_, std::move(user_id));
}

awaitable<std::string> service::export_security_events(std::string user_id) {
  co_return co_await export_store::security_events(db_, std::move(user_id));
}

std::string service::jwks() const {
  return keys_.jwks_json();
}

awaitable<token_pair> service::issue(const account& a, std::string user_agent) {
  auto family =
      co_await tokens_.create_family(a.id, clean_user_agent(user_agent), unix_millis(clock_.now()));
  co_return token_pair{sign_access(a, family.session_id), settings_.access_ttl.count(),
                       std::move(family.refresh_token), family.session_id};
}

std::string service::sign_access(const account& a, const std::string& session_id) const {
  crypto::jwt::claims c;
  c.sub = a.id;
  c.email = a.email;
  c.role = a.role;
  c.iat = unix_seconds(clock_.now());
  c.exp = c.iat + settings_.access_ttl.count();
  c.iss = settings_.issuer;
  c.aud = settings_.audience;
  c.jti = make_token_id(session_id);
  return keys_.sign(c);
}

std::string_view session_id_of(std::string_view token_id) {
  auto dot = token_id.find('.');
  if (dot == std::string_view::npos || dot == 0) {
    return {};
  }
  return token_id.substr(0, dot);
}

std::string make_token_id(std::string_view session_id) {
  return std::string(session_id) + "." + crypto::random_token(16);
}

std::optional<std::string_view> bearer_token(std::string_view authorization) {
  constexpr std::string_view scheme = "bearer";
  if (authorization.size() <= scheme.size()) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != scheme[i]) {
      return std::nullopt;
    }
  }
  auto rest = authorization.substr(scheme.size());
  if (rest.front() != ' ') {
    return std::nullopt;
  }
  auto start = rest.find_first_not_of(' ');
  if (start == std::string_view::npos) {
    return std::nullopt;
  }
  rest = rest.substr(start);
  auto end = rest.find_last_not_of(' ');
  rest = rest.substr(0, end + 1);
  if (rest.find_first_of(" \t") != std::string_view::npos) {
    return std::nullopt;
  }
  return rest;
}

std::string clean_user_agent(std::string_view s, std::size_t max_code_points) {
  std::string out;
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < s.size() && count < max_code_points) {
    auto lead = static_cast<unsigned char>(s[i]);
    std::size_t len = lead < 0x80           ? 1
                      : (lead >> 5) == 0x6  ? 2
                      : (lead >> 4) == 0xE  ? 3
                      : (lead >> 3) == 0x1E ? 4
                                            : 0;
    bool whole = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; whole && k < len; ++k) {
      whole = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    }
    if (!whole) {
      ++i;  // a stray or truncated byte: dropped, never half a character
      continue;
    }
    if (len > 1 || (lead >= 0x20 && lead != 0x7F)) {
      out.append(s.substr(i, len));
      ++count;
    }
    i += len;
  }
  return out;
}

bool claims_still_valid(std::int64_t exp, std::optional<std::int64_t> nbf, std::int64_t iat,
                        std::int64_t now, std::int64_t leeway) {
  return now < exp + leeway && (!nbf || *nbf <= now + leeway) && iat <= now + leeway;
}

}  // namespace ugoki::auth
