// The token-bucket Lua script, its keys and arguments, and the reply -> decision conversion.
#include "core/ratelimit/bucket.hpp"

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <stdexcept>

namespace ugoki::ratelimit {

namespace {

// One script call per request. Why Lua: read-refill-take-write must be atomic across every
// instance, and the Redis clock (TIME) is the one clock all instances share, so skew between
// API hosts cannot mint tokens. Redis 5+ replicates a script's effects, so TIME before a write
// is allowed. Tokens are fractional (a 100/min bucket refills 1/600 per ms); stored as
// {t = tokens, ts = ms}. A clock that steps back refills nothing instead of draining.
constexpr const char* script_text = R"lua(
local n = #KEYS
local window = tonumber(ARGV[n + 1])
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local caps, rates, tokens = {}, {}, {}
local allowed = 1
for i = 1, n do
  local cap = tonumber(ARGV[i])
  local rate = cap / window
  local state = redis.call('HMGET', KEYS[i], 't', 'ts')
  local t, ts = tonumber(state[1]), tonumber(state[2])
  if t == nil or ts == nil then
    t, ts = cap, now
  end
  if now > ts then
    t = t + (now - ts) * rate
  end
  if t > cap then
    t = cap
  end
  caps[i], rates[i], tokens[i] = cap, rate, t
  if t < 1 then
    allowed = 0
  end
end
local bind, bind_score = 1, nil
for i = 1, n do
  if allowed == 1 then
    tokens[i] = tokens[i] - 1
    local to_full = math.ceil((caps[i] - tokens[i]) / rates[i])
    redis.call('HSET', KEYS[i], 't', tostring(tokens[i]), 'ts', now)
    redis.call('PEXPIRE', KEYS[i], to_full + 1)
    if bind_score == nil or tokens[i] < bind_score then
      bind, bind_score = i, tokens[i]
    end
  else
    local wait = 0
    if tokens[i] < 1 then
      wait = (1 - tokens[i]) / rates[i]
    end
    if bind_score == nil or wait > bind_score then
      bind, bind_score = i, wait
    end
  end
end
local t, cap, rate = tokens[bind], caps[bind], rates[bind]
local retry = 0
if t < 1 then
  retry = math.ceil((1 - t) / rate)
end
return {allowed, cap, math.floor(t), math.ceil((cap - t) / rate), retry}
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

script_call make_call(const settings& s, const http::rate_subject& subject) {
  std::string client = client_bucket_id(subject.client_ip);
  script_call c;
  c.keys.reserve(2);
  if (subject.tier == http::rate_tier::anonymous) {
    c.keys.push_back(s.key_prefix + "ip:" + client);
  } else {
    // One bucket per user whatever the tier: a user who upgrades keeps the tokens they have,
    // and the script clamps them to the new capacity.
    c.keys.push_back(s.key_prefix + "user:" + subject.id);
  }
  c.keys.push_back(s.key_prefix + "ceiling:" + client);
  c.args = {std::to_string(capacity(s, subject.tier)), std::to_string(s.burst_ceiling),
            std::to_string(s.window.count())};
  return c;
}

const std::string& bucket_script_source() {
  static const std::string source = script_text;
  return source;
}

http::rate_decision to_decision(const redis::reply& r) {
  if (r.type() != redis::reply_type::array || r.elements().size() != 5) {
    throw std::runtime_error("rate-limit script returned an unexpected reply");
  }
  for (const auto& e : r.elements()) {
    if (e.type() != redis::reply_type::integer) {
      throw std::runtime_error("rate-limit script returned a non-integer field");
    }
  }
  const auto& e = r.elements();
  http::rate_decision d;
  d.allowed = e[0].integer() == 1;
  d.limit = e[1].integer();
  d.remaining = e[2].integer() < 0 ? 0 : e[2].integer();
  d.reset = ceil_seconds(e[3].integer());
  d.retry_after = d.allowed ? 0 : std::max<std::int64_t>(1, ceil_seconds(e[4].integer()));
  return d;
}

}  // namespace ugoki::ratelimit
