// The token-bucket Lua script and the pure conversions around it: Redis keys, script arguments,
// and the script's reply -> http::rate_decision. No I/O here, so all of it is unit-tested.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/rate_limit.hpp"
#include "core/redis/reply.hpp"

namespace ugoki::ratelimit {

// What the limiter does when Redis cannot answer: `open` lets the request through without
// RateLimit-* headers, `closed` refuses it with 503 SVC_001.
enum class failure_mode { open, closed };

struct settings {
  // Bucket capacities, in requests per window; each bucket refills at capacity per window.
  std::int64_t anonymous = 30;  // per client IP
  std::int64_t free = 100;      // per user
  std::int64_t premium = 300;   // per user
  // Per client IP, over every identity seen from it: one host cannot add up many accounts (or
  // anonymous and signed-in traffic) beyond this.
  std::int64_t burst_ceiling = 500;
  std::chrono::milliseconds window{60'000};
  failure_mode on_failure = failure_mode::open;
  std::string key_prefix = "ugoki:rl:";
};

// Throws std::invalid_argument with a clear message unless every capacity is 1..1'000'000, no
// tier exceeds the burst ceiling, and the window is 1 s..1 h.
void validate(const settings& s);

// The capacity of a tier's bucket.
std::int64_t capacity(const settings& s, http::rate_tier tier);

// The part of a client IP that identifies a client: IPv4 addresses as they are, IPv6 addresses
// cut to their /64 ("2001:db8:1:2::/64"), since one host usually owns a whole /64 and could
// otherwise rotate through it to get fresh buckets. Unparseable input is returned unchanged.
std::string client_bucket_id(std::string_view ip);

// The script's KEYS and ARGV for one request: the tier bucket (user id, or client IP for
// anonymous callers) first, then the per-IP ceiling bucket; ARGV holds both capacities and the
// window in milliseconds.
struct script_call {
  std::vector<std::string> keys;
  std::vector<std::string> args;
};
script_call make_call(const settings& s, const http::rate_subject& subject);
// The same for several requests charged in one script call: each subject's two keys and two
// capacities in order, the window last.
script_call make_batch_call(const settings& s, const std::vector<http::rate_subject>& subjects);

// The Lua source: for each subject in turn (two KEYS each), takes one token from both of its
// buckets or from neither, atomically, refilling each by the time elapsed on the Redis clock
// (TIME) since its last use. A bucket whose key is missing is full, so every key expires when
// its bucket would be full again. Replies, per subject, {allowed (0|1), capacity, remaining
// tokens (floor), ms until full, ms until one token} for the bucket that binds: on a denial the
// one that frees up last, otherwise the one with the fewest tokens left.
const std::string& bucket_script_source();

// Converts the script's reply into header units: milliseconds become whole seconds rounded up,
// so a client that waits the advertised time always finds the token. Throws std::runtime_error
// when the reply is not the five-integer array the script returns.
http::rate_decision to_decision(const redis::reply& r);
// The same for a batch of `subjects` (5 integers each, in order).
std::vector<http::rate_decision> to_decisions(const redis::reply& r, std::size_t subjects);

}  // namespace ugoki::ratelimit
