// Redis connection settings and the parser of redis:// and rediss:// URLs (used at start-up).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace ugoki::redis {

struct settings {
  // redis://[[user]:password@]host[:port][/db] or rediss://... for TLS. Port defaults to 6379.
  std::string url;
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds command_timeout{2000};
  // rediss:// only: PEM file of trusted CAs; empty means the system trust store.
  std::string tls_ca_file{};
};

// A parsed URL. `password` is a secret: never log it (nor the URL it came from).
struct endpoint {
  bool tls = false;
  std::string host;
  std::uint16_t port = 6379;
  std::string username;  // ACL user (Redis 6+); empty means the default user
  std::string password;  // empty: no AUTH
  int db = 0;            // SELECTed on connect when not 0
};

// Parses a Redis URL. Throws std::invalid_argument with a message saying what is wrong (it never
// quotes the URL, which may hold a password): bad scheme, missing host, bad port, bad db, a query
// or fragment, or a user name without a password.
endpoint parse_url(std::string_view url);

// Checks the whole settings block (URL and timeouts) for config validation at start-up.
// Throws std::invalid_argument with a clear message; returns the parsed endpoint.
endpoint validate(const settings& s);

}  // namespace ugoki::redis
