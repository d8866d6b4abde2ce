// The auth module's domain structs: accounts as auth sees them, token pairs, sessions, settings.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace ugoki::auth {

// The users row fields auth needs. `password_hash` is absent for OAuth-only accounts.
struct account {
  std::string id;
  std::string email;
  std::string role;  // free | premium | admin
  bool email_verified = false;
  std::string created_at;  // RFC 3339 UTC
  std::optional<std::string> password_hash;
  bool deleted = false;  // soft-deleted, inside the grace period
};

// What a client gets after register, login or refresh.
struct token_pair {
  std::string access_token;
  std::int64_t expires_in = 0;  // seconds
  std::string refresh_token;
  std::string session_id;
};

struct sign_in_result {
  account user;
  token_pair tokens;
  bool restored = false;  // login brought back a soft-deleted account
};

// Who is signing in from where: the user agent is stored with the session (GET
// /auth/sessions); the IP only feeds the login throttle and is never stored with the account.
struct client_info {
  std::string user_agent;
  std::string ip;
};

// One refresh-token family: one signed-in device.
struct session_info {
  std::string id;
  // Unix milliseconds: two sign-ins within one second still list in order.
  std::int64_t created_at = 0;
  std::int64_t last_used_at = 0;
  std::string user_agent;
  bool current = false;
};

// Login throttling (brute-force defence, OWASP ASVS 2.2.1).
struct throttle_settings {
  bool enabled = true;
  // Failures allowed before delays start: per account (the email as typed, case-folded, known
  // or not, so the answer never tells which) and per client IP (many accounts, one attacker).
  std::int64_t account_free_failures = 5;
  std::int64_t ip_free_failures = 50;
  // The first delay is 1 s and doubles with every further failure, up to this.
  std::chrono::seconds max_delay{900};
  // A counter is forgotten this long after its last failure.
  std::chrono::seconds window{900};
};

// What to do when Redis cannot say whether a session is still alive.
enum class redis_failure_mode { closed, open };

struct settings {
  std::string issuer = "ugoki";
  std::string audience = "ugoki-api";
  std::chrono::seconds access_ttl{15 * 60};
  std::chrono::seconds refresh_ttl{7 * 24 * 3600};
  std::chrono::seconds leeway{30};
  redis_failure_mode redis_failure = redis_failure_mode::closed;
  // Argon2id cost for new hashes; a stored hash made with other values is redone at login.
  unsigned long long argon2_iterations = 2;
  std::size_t argon2_memory_bytes = 19 * 1024 * 1024;
  // Key prefix of every Redis key auth writes, so several deployments can share one Redis.
  std::string redis_prefix = "ugoki:auth:";
  // How long a session Redis confirmed alive is trusted without asking again (auth/
  // session_cache.hpp says why that is safe); 0 asks Redis on every request.
  std::chrono::milliseconds session_cache_ttl{10'000};
  throttle_settings throttle;
};

}  // namespace ugoki::auth
