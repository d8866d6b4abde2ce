// JSON-lines formatter for spdlog. Lines from our structured API (log::info with fields) and
// plain spdlog calls made by libraries both come out as one valid JSON object per line.
#include "core/log.hpp"

#include <spdlog/formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "core/json_writer.hpp"
#include "core/log_sink.hpp"

namespace ugoki::log {

namespace {

// Marks a payload that is already `"msg":"...",fields` so the formatter does not escape it.
constexpr char structured_marker = '\x1f';

class json_formatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    using namespace std::chrono;
    auto t = msg.time;
    auto secs = time_point_cast<seconds>(t);
    auto ms = duration_cast<milliseconds>(t - secs).count();
    std::time_t tt = system_clock::to_time_t(secs);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char ts[48];
    std::snprintf(ts, sizeof ts, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms));
    std::string line = "{\"ts\":\"";
    line += ts;
    line += "\",\"level\":\"";
    auto level = spdlog::level::to_string_view(msg.level);
    line.append(level.data(), level.size());
    line += "\",";
    std::string_view payload(msg.payload.data(), msg.payload.size());
    if (!payload.empty() && payload.front() == structured_marker) {
      line.append(payload.substr(1));
    } else {
      line += "\"msg\":\"";
      json::append_escaped(line, payload);
      line += "\"";
    }
    line += "}\n";
    dest.append(line.data(), line.data() + line.size());
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<json_formatter>();
  }
};

void write(spdlog::level::level_enum level, std::string_view msg, const fields& f) {
  auto logger = spdlog::default_logger_raw();
  if (!logger->should_log(level)) {
    return;
  }
  std::string payload;
  payload.reserve(msg.size() + f.json().size() + 16);
  payload += structured_marker;
  payload += "\"msg\":\"";
  json::append_escaped(payload, msg);
  payload += "\"";
  payload += f.json();
  logger->log(level, std::string_view(payload));
}

}  // namespace

fields& fields::add(std::string_view key, std::string_view value) {
  json_ += ",\"";
  json::append_escaped(json_, key);
  json_ += "\":\"";
  json::append_escaped(json_, value);
  json_ += "\"";
  return *this;
}

fields& fields::add(std::string_view key, std::int64_t value) {
  json_ += ",\"";
  json::append_escaped(json_, key);
  json_ += "\":";
  json_ += std::to_string(value);
  return *this;
}

fields& fields::add(std::string_view key, std::size_t value) {
  return add(key, static_cast<std::int64_t>(value));
}

fields& fields::add(std::string_view key, double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", value);
  json_ += ",\"";
  json::append_escaped(json_, key);
  json_ += "\":";
  json_ += buf;
  return *this;
}

fields& fields::add(std::string_view key, bool value) {
  json_ += ",\"";
  json::append_escaped(json_, key);
  json_ += value ? "\":true" : "\":false";
  return *this;
}

void init(std::string_view level, bool async) {
  std::shared_ptr<spdlog::logger> logger;
  if (async) {
    logger = std::make_shared<spdlog::logger>("ugoki", std::make_shared<buffered_stdout_sink>());
  } else {
    logger = std::make_shared<spdlog::logger>("ugoki",
                                              std::make_shared<spdlog::sinks::stdout_sink_mt>());
  }
  logger->set_formatter(std::make_unique<json_formatter>());
  logger->set_level(spdlog::level::from_str(std::string(level)));
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

void shutdown() {
  spdlog::default_logger_raw()->flush();
  spdlog::shutdown();
}

void debug(std::string_view msg, const fields& f) {
  write(spdlog::level::debug, msg, f);
}
void info(std::string_view msg, const fields& f) {
  write(spdlog::level::info, msg, f);
}
void warn(std::string_view msg, const fields& f) {
  write(spdlog::level::warn, msg, f);
}
void error(std::string_view msg, const fields& f) {
  write(spdlog::level::err, msg, f);
}

}  // namespace ugoki::log
