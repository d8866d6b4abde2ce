// Structured logging: one JSON object per line on stdout, through spdlog.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ugoki::log {

// Key/value pairs appended to a log line. Values are JSON-escaped. Never add secrets, tokens,
// passwords or PII (emails, dates of birth, health data): ids and counts are fine.
class fields {
 public:
  fields& add(std::string_view key, std::string_view value);
  fields& add(std::string_view key, const char* value) { return add(key, std::string_view(value)); }
  fields& add(std::string_view key, const std::string& value) {
    return add(key, std::string_view(value));
  }
  fields& add(std::string_view key, std::int64_t value);
  fields& add(std::string_view key, int value) { return add(key, std::int64_t{value}); }
  fields& add(std::string_view key, std::size_t value);
  fields& add(std::string_view key, double value);
  fields& add(std::string_view key, bool value);
  const std::string& json() const { return json_; }

 private:
  std::string json_;  // `,"k":v,...` ready to append
};

// Installs the JSON formatter on spdlog's default logger. `level`: trace|debug|info|warn|error.
// `async` buffers lines and writes them from a background thread every 100 ms (warn and above
// at once), so request threads do not pay a write(2) per line (core/log_sink.hpp).
void init(std::string_view level, bool async);
// Flushes and stops the background writer.
void shutdown();

void debug(std::string_view msg, const fields& f = {});
void info(std::string_view msg, const fields& f = {});
void warn(std::string_view msg, const fields& f = {});
void error(std::string_view msg, const fields& f = {});

}  // namespace ugoki::log
