// Login failure counters in Redis; each operation is one Lua script, so it is atomic.
#include "auth/login_throttle.hpp"

#include <algorithm>
#include <cctype>

#include "core/crypto/random.hpp"
#include "core/redis/reply.hpp"

namespace ugoki::auth {

namespace {

using boost::asio::awaitable;

// KEYS: account, ip. ARGV: now (ms). Each key is a hash {n = failures, until = ms}.
constexpr const char* check_lua = R"lua(
local wait = 0
for _, k in ipairs(KEYS) do
  local untl = tonumber(redis.call('HGET', k, 'until') or '0')
  if untl - tonumber(ARGV[1]) > wait then wait = untl - tonumber(ARGV[1]) end
end
return wait
)lua";

// KEYS: account, ip. ARGV: now (ms), account free, ip free, max delay (ms), window (s).
// delay = 1 s * 2^(n - free) once n reaches the free allowance, capped.
constexpr const char* fail_lua = R"lua(
local frees = {tonumber(ARGV[2]), tonumber(ARGV[3])}
for i, k in ipairs(KEYS) do
  local n = redis.call('HINCRBY', k, 'n', 1)
  if n >= frees[i] then
    local delay = math.min(1000 * 2 ^ math.min(n - frees[i], 30), tonumber(ARGV[4]))
    redis.call('HSET', k, 'until', string.format('%d', math.floor(tonumber(ARGV[1]) + delay)))
  end
  redis.call('EXPIRE', k, ARGV[5])
end
return 1
)lua";

// Emails compare case-insensitively (citext), so their counters must too; hashed so Redis
// holds no address.
std::string fold(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::int64_t retry_after_seconds(std::chrono::milliseconds wait) {
  return std::max<std::int64_t>(1, (wait.count() + 999) / 1000);
}

login_throttle::login_throttle(redis::client& redis, std::string prefix, throttle_settings s)
    : redis_(redis),
      prefix_(std::move(prefix)),
      settings_(s),
      check_(redis::make_script(check_lua)),
      fail_(redis::make_script(fail_lua)) {}

std::string login_throttle::account_key(std::string_view email) const {
  return prefix_ + "fail:acct:" + crypto::sha256_hex(fold(email));
}

std::string login_throttle::ip_key(std::string_view ip) const {
  return prefix_ + "fail:ip:" + std::string(ip);
}

awaitable<std::chrono::milliseconds> login_throttle::wait_time(std::string email, std::string ip,
                                                               std::int64_t now_ms) {
  if (!settings_.enabled) {
    co_return std::chrono::milliseconds(0);
  }
  std::vector<std::string> keys{account_key(email), ip_key(ip)};
  std::vector<std::string> args{std::to_string(now_ms)};
  redis::reply r = co_await redis_.eval(check_, std::move(keys), std::move(args));
  r.throw_if_error();
  co_return std::chrono::milliseconds(r.integer());
}

awaitable<void> login_throttle::failed(std::string email, std::string ip, std::int64_t now_ms) {
  if (!settings_.enabled) {
    co_return;
  }
  std::vector<std::string> keys{account_key(email), ip_key(ip)};
  std::vector<std::string> args{
      std::to_string(now_ms), std::to_string(settings_.account_free_failures),
      std::to_string(settings_.ip_free_failures),
      std::to_string(std::chrono::milliseconds(settings_.max_delay).count()),
      std::to_string(settings_.window.count())};
  redis::reply r = co_await redis_.eval(fail_, std::move(keys), std::move(args));
  r.throw_if_error();
}

awaitable<void> login_throttle::succeeded(std::string email) {
  if (!settings_.enabled) {
    co_return;
  }
  std::string key = account_key(email);
  redis::reply r = co_await redis_.command("DEL", key);
  r.throw_if_error();
}

}  // namespace ugoki::auth
