// Brute-force defence for POST /auth/login: failures counted per account and per client IP in
// Redis, with a delay that doubles after each failure past a free allowance (OWASP ASVS 2.2.1).
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "auth/types.hpp"
#include "core/redis/client.hpp"

namespace ugoki::auth {

class login_throttle {
 public:
  login_throttle(redis::client& redis, std::string prefix, throttle_settings s);

  // How long the caller must wait before trying `email` from `ip` again (zero when free to
  // try). `now_ms` is Unix milliseconds. Throws redis::unavailable when Redis is down.
  boost::asio::awaitable<std::chrono::milliseconds> wait_time(std::string email, std::string ip,
                                                              std::int64_t now_ms);
  // Counts one failed login for both the account and the IP, and sets their next delay.
  boost::asio::awaitable<void> failed(std::string email, std::string ip, std::int64_t now_ms);
  // A successful login clears the account's counter (not the IP's: one success proves nothing
  // about the other accounts an address is trying).
  boost::asio::awaitable<void> succeeded(std::string email);

  bool enabled() const { return settings_.enabled; }

 private:
  std::string account_key(std::string_view email) const;
  std::string ip_key(std::string_view ip) const;

  redis::client& redis_;
  std::string prefix_;
  throttle_settings settings_;
  redis::script check_;
  redis::script fail_;
};

// Seconds to put in Retry-After for a wait of `wait`: rounded up, at least 1.
std::int64_t retry_after_seconds(std::chrono::milliseconds wait);

}  // namespace ugoki::auth
