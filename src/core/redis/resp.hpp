// RESP2 wire format through hiredis: the command formatter and an incremental reply reader.
// Internal to core/redis (and its tests); services use client and subscriber.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/redis/reply.hpp"

struct redisReader;

namespace ugoki::redis {

// The RESP encoding of one command (binary-safe arguments). Throws std::bad_alloc only.
std::string format_command(std::span<const std::string_view> args);
std::string format_command(const std::vector<std::string>& args);

// Incremental reader: feed bytes as they arrive, take complete replies in order.
class resp_reader {
 public:
  resp_reader();
  ~resp_reader();
  resp_reader(const resp_reader&) = delete;
  resp_reader& operator=(const resp_reader&) = delete;

  // Appends received bytes. Throws redis::unavailable on a protocol error (the connection is
  // then unusable and must be dropped).
  void feed(const char* data, std::size_t size);
  // The next complete reply, or nullopt when more bytes are needed. Throws redis::unavailable on
  // a protocol error.
  std::optional<reply> next();

 private:
  redisReader* reader_;
};

}  // namespace ugoki::redis
