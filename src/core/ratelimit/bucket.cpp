// The token-bucket Lua script, its keys and arguments, and the reply -> decision conversion.
#include "core/ratelimit/bucket.hpp"

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <stdexcept>

namespace ugoki::ratelimit {

namespace {

// One script call per batch of requests (one or more subjects, two buckets each). Why Lua:
// read-check-write must be atomic across every instance, and the Redis clock (TIME) is the one
// clock all instances share, so skew between API hosts cannot mint tokens. Redis 5+ replicates
// a script's effects, so TIME before a write is allowed. Subjects are charged in order, so two
// requests of one user in the same batch see each other's take.
//
// Each bucket is kept GCRA-style (the generic cell rate algorithm, equivalent to a token bucket
// of `cap` tokens refilled at cap per window): one string, the "theoretical arrival time" `tat`
// in Redis-clock milliseconds, meaning "the bucket is full again at tat". With the emission
// interval T = window / cap, the bucket holds cap - (tat - now) / T tokens, and a request may
// take one when tat + T - now <= window. A missing key is a full bucket; each key expires when
// its bucket would be full again. tat is written with %.17g so fractional milliseconds survive
// (T is 0.06 ms at 1e6 per second).
//
// What a script costs is its redis.call()s, so a batch reads every key once (one MGET), charges
// the subjects in order on those values in Lua, and writes each changed key once at the end:
// the per-IP ceiling that every request from one address shares is then one SET per batch.
constexpr const char* script_text = R"lua(
local window = tonumber(ARGV[#ARGV])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + tonumber(clock[2]) / 1000
-- Each distinct key once: the per-IP ceiling repeats for every request from one address.
local tats, names = {}, {}
for i = 1, #KEYS do
  local key = KEYS[i]
  if tats[key] == nil then
    tats[key] = false
    names[#names + 1] = key
  end
end
local stored = redis.call('MGET', unpack(names))
for i = 1, #names do
  tats[names[i]] = tonumber(stored[i]) or now
end
-- Per subject, plain locals rather than tables: this loop is most of the script's time.
local changed, out, o = {}, {}, 0
for base = 0, #KEYS - 2, 2 do
  local k1, k2 = KEYS[base + 1], KEYS[base + 2]
  local cap1, cap2 = tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2])
  local step1, step2 = window / cap1, window / cap2
  local t1, t2 = math.max(tats[k1], now), math.max(tats[k2], now)
  local allowed, cap, step, tat = 1, cap1, step1, t1
  if t1 + step1 - now > window + 1e-6 or t2 + step2 - now > window + 1e-6 then
    -- Denied: the bucket that frees up last binds (the first on a tie).
    allowed = 0
    if t2 + step2 > t1 + step1 then
      cap, step, tat = cap2, step2, t2
    end
  else
    -- Allowed: both pay; the bucket with the fewest tokens left binds (the first on a tie).
    t1, t2 = t1 + step1, t2 + step2
    tats[k1], tats[k2] = t1, t2
    changed[k1], changed[k2] = true, true
    tat = t1
    if cap2 - (t2 - now) / step2 < cap1 - (t1 - now) / step1 then
      cap, step, tat = cap2, step2, t2
    end
  end
  local to_full = tat - now
  local retry = 0
  if allowed == 0 then
    retry = math.max(0, math.ceil(tat + step - window - now))
  end
  out[o + 1], out[o + 2], out[o + 3] = allowed, cap, math.floor(cap - to_full / step + 1e-9)
  out[o + 4], out[o + 5] = math.ceil(to_full), retry
  o = o + 5
end
for key in pairs(changed) do
  redis.call('SET', key, string.format('%.17g', tats[key]), 'PX', math.ceil(tats[key] - now) + 1)
end
return out
)lua";

std::int64_t ceil_seconds(std::int64_t ms) {
  return ms <= 0 ? 0 : (ms + 999) / 1000;
}

}  // namespace

void validate(const settings& s) {
  auto check = [](std::int64_t v, const char* what) {
    if (v < 1 || v > 1'000'000) {
      throw std::invalid_argument(std::string(what) + " must be 1 to 1000000 requests per window");
    }
  };
  check(s.anonymous, "the anonymous limit");
  check(s.free, "the free limit");
  check(s.premium, "the premium limit");
  check(s.burst_ceiling, "the burst ceiling");
  if (s.anonymous > s.burst_ceiling || s.free > s.burst_ceiling || s.premium > s.burst_ceiling) {
    throw std::invalid_argument("no tier limit may exceed the burst ceiling");
  }
  if (s.window < std::chrono::seconds(1) || s.window > std::chrono::hours(1)) {
    throw std::invalid_argument("the window must be 1 second to 1 hour");
  }
}

std::int64_t capacity(const settings& s, http::rate_tier tier) {
  switch (tier) {
    case http::rate_tier::anonymous:
      return s.anonymous;
    case http::rate_tier::free:
      return s.free;
    case http::rate_tier::premium:
      return s.premium;
  }
  return s.anonymous;
}

std::string client_bucket_id(std::string_view ip) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(std::string(ip), ec);
  if (ec || !a.is_v6() || a.to_v6().is_v4_mapped()) {
    return std::string(ip);
  }
  auto bytes = a.to_v6().to_bytes();
  for (std::size_t i = 8; i < bytes.size(); ++i) {
    bytes[i] = 0;
  }
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

namespace {

void add_subject(const settings& s, const http::rate_subject& subject, script_call& c) {
  std::string client = client_bucket_id(subject.client_ip);
  if (subject.tier == http::rate_tier::anonymous) {
    c.keys.push_back(s.key_prefix + "ip:" + client);
  } else {
    // One bucket per user whatever the tier: a user who upgrades keeps the tokens they have,
    // and the script clamps them to the new capacity.
    c.keys.push_back(s.key_prefix + "user:" + subject.id);
  }
  c.keys.push_back(s.key_prefix + "ceiling:" + client);
  c.args.push_back(std::to_string(capacity(s, subject.tier)));
  c.args.push_back(std::to_string(s.burst_ceiling));
}

}  // namespace

script_call make_call(const settings& s, const http::rate_subject& subject) {
  script_call c;
  c.keys.reserve(2);
  c.args.reserve(3);
  add_subject(s, subject, c);
  c.args.push_back(std::to_string(s.window.count()));
  return c;
}

script_call make_batch_call(const settings& s, const std::vector<http::rate_subject>& subjects) {
  script_call c;
  c.keys.reserve(2 * subjects.size());
  c.args.reserve(2 * subjects.size() + 1);
  for (const auto& subject : subjects) {
    add_subject(s, subject, c);
  }
  c.args.push_back(std::to_string(s.window.count()));
  return c;
}

const std::string& bucket_script_source() {
  static const std::string source = script_text;
  return source;
}

std::vector<http::rate_decision> to_decisions(const redis::reply& r, std::size_t subjects) {
  if (r.type() != redis::reply_type::array || r.elements().size() != 5 * subjects) {
    throw std::runtime_error("rate-limit script returned an unexpected reply");
  }
  for (const auto& e : r.elements()) {
    if (e.type() != redis::reply_type::integer) {
      throw std::runtime_error("rate-limit script returned a non-integer field");
    }
  }
  std::vector<http::rate_decision> out;
  out.reserve(subjects);
  const auto& all = r.elements();
  for (std::size_t i = 0; i < subjects; ++i) {
    const auto* e = &all[5 * i];
    http::rate_decision d;
    d.allowed = e[0].integer() == 1;
    d.limit = e[1].integer();
    d.remaining = e[2].integer() < 0 ? 0 : e[2].integer();
    d.reset = ceil_seconds(e[3].integer());
    d.retry_after = d.allowed ? 0 : std::max<std::int64_t>(1, ceil_seconds(e[4].integer()));
    out.push_back(d);
  }
  return out;
}

http::rate_decision to_decision(const redis::reply& r) {
  return to_decisions(r, 1).front();
}

}  // namespace ugoki::ratelimit
