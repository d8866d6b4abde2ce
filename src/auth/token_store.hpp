// Refresh-token families in Redis: one family per sign-in (device), tokens stored only as
// SHA-256, single use, rotated on every refresh, and reuse detection (RFC 9700 section 4.14).
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/session_cache.hpp"
#include "auth/types.hpp"
#include "core/redis/client.hpp"

namespace ugoki::auth {

// Keys (prefix "ugoki:auth:" by default):
//   fam:<sid>      hash {user_id, current (sha256 hex of the live token), created_at,
//                  last_used_at (Unix ms), user_agent}; while it exists, access tokens of the
//                  session are accepted
//   tok:<sha256>   -> sid, for every token ever issued in a live window, so a replayed old
//                  token is recognised (and revokes its family) instead of looking unknown
//                  and `plan` (free|premium) once billing changed the account's subscription
//                  role after the family began (set_plan), which then outranks the role its
//                  access tokens were signed with
//   user:<uid>     set of the user's sids, for logout-all and the session list
// Every key expires refresh_ttl after its last use. The scripts build family keys from stored
// sids, so this layout needs a single Redis (not Redis Cluster), as DESIGN.md runs it.
class token_store {
 public:
  struct issued {
    std::string session_id;
    std::string refresh_token;
  };

  struct rotation {
    enum class outcome { rotated, unknown, reused };
    outcome result = outcome::unknown;
    std::string session_id;     // set for rotated and reused
    std::string user_id;        // set for rotated
    std::string refresh_token;  // the new token, for rotated
  };

  // `cache` is consulted by alive() and told about every session this process ends; it must
  // outlive the store.
  token_store(redis::client& redis, std::string prefix, std::chrono::seconds ttl,
              session_cache& cache);

  // Starts a family for `user_id` with a fresh 256-bit token. `now` is Unix milliseconds. Throws
  // redis::unavailable when Redis is down and redis::error on an error reply.
  boost::asio::awaitable<issued> create_family(std::string user_id, std::string user_agent,
                                               std::int64_t now);

  // Atomically (one Lua script) checks `refresh_token` and, when it is its family's live
  // token, replaces it with a new one. A token of the family that was already used revokes
  // the whole family (outcome reused); a token never issued, expired, or of a revoked family
  // is unknown. Same failures as create_family.
  boost::asio::awaitable<rotation> rotate(std::string refresh_token, std::int64_t now);

  // True while the family `session_id` is alive and, when `user_id` is given, is that user's:
  // from the session cache when it knows, else one HGET of the family's owner (remembered, with
  // the owner, when alive). Throws redis::unavailable.
  boost::asio::awaitable<bool> alive(std::string session_id, std::string user_id = {});
  // As alive(), with the family's plan: nullopt when not alive, "" when no plan was set, else
  // "free" or "premium". Same source (cache, else one HMGET) and failures.
  boost::asio::awaitable<std::optional<std::string>> plan_of(std::string session_id,
                                                             std::string user_id = {});

  // Sets `plan` ("free" or "premium") on every live family of `user_id` and PUBLISHes each sid
  // on the revocation channel in the same script, so every instance's session cache forgets
  // them and reads the new plan on their next request (the sessions stay signed in). Returns
  // how many families were updated. Throws redis::unavailable.
  boost::asio::awaitable<std::int64_t> set_plan(std::string user_id, std::string plan);

  // Ends family `session_id` if it belongs to `user_id`. False when there is no such family
  // of that user (so another user's session id looks like a missing one). Same failures.
  boost::asio::awaitable<bool> revoke(std::string user_id, std::string session_id);

  // Ends the family `refresh_token` belongs to, whoever owns it (the token is the proof).
  // False when the token is unknown or its family already ended. Same failures.
  boost::asio::awaitable<bool> revoke_by_token(std::string refresh_token);

  // Ends every family of `user_id` except `keep_session_id` (empty: all). Returns how many.
  boost::asio::awaitable<std::int64_t> revoke_all(std::string user_id,
                                                  std::string keep_session_id = {});

  // The user's live families, oldest first; `current` is left false for the caller to set.
  boost::asio::awaitable<std::vector<session_info>> list(std::string user_id);

  // The pub/sub channel every ending script publishes the ended sid on; subscribe the
  // session cache to it.
  std::string revocation_channel() const;

 private:
  std::string family_key(std::string_view sid) const;
  std::string token_key(std::string_view token) const;
  std::string user_key(std::string_view user_id) const;

  redis::client& redis_;
  session_cache& cache_;
  std::string prefix_;
  std::chrono::seconds ttl_;
  redis::script create_;
  redis::script rotate_;
  redis::script revoke_;
  redis::script revoke_by_token_;
  redis::script revoke_all_;
  redis::script list_;
  redis::script set_plan_;
};

// A fresh session id: a random UUID v4 (lowercase), so it reads like every other id.
std::string new_session_id();

}  // namespace ugoki::auth
