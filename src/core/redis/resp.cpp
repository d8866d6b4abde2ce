// hiredis used only as a RESP formatter and reader; its reply structs never leave this file.
#include "core/redis/resp.hpp"

#include <hiredis/hiredis.h>

#include <cstdlib>
#include <memory>
#include <new>
#include <string>

#include "core/redis/errors.hpp"

namespace ugoki::redis {
namespace {

reply convert(const redisReply& r) {
  switch (r.type) {
    case REDIS_REPLY_STRING:
      return reply::make_string(std::string(r.str, r.len));
    case REDIS_REPLY_STATUS:
      return reply::make_status(std::string(r.str, r.len));
    case REDIS_REPLY_ERROR:
      return reply::make_error(std::string(r.str, r.len));
    case REDIS_REPLY_INTEGER:
      return reply::make_integer(r.integer);
    case REDIS_REPLY_ARRAY: {
      std::vector<reply> elements;
      elements.reserve(r.elements);
      for (std::size_t i = 0; i < r.elements; ++i) {
        elements.push_back(convert(*r.element[i]));
      }
      return reply::make_array(std::move(elements));
    }
    default:
      return reply::make_nil();
  }
}

std::string format_argv(std::size_t argc, const char** argv, const std::size_t* lens) {
  char* out = nullptr;
  int n = redisFormatCommandArgv(&out, static_cast<int>(argc), argv, lens);
  if (n < 0 || out == nullptr) {
    throw std::bad_alloc();
  }
  std::string bytes(out, static_cast<std::size_t>(n));
  redisFreeCommand(out);
  return bytes;
}

}  // namespace

std::string format_command(std::span<const std::string_view> args) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lens;
  argv.reserve(args.size());
  lens.reserve(args.size());
  for (std::string_view a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  return format_argv(args.size(), argv.data(), lens.data());
}

std::string format_command(const std::vector<std::string>& args) {
  std::vector<std::string_view> views(args.begin(), args.end());
  return format_command(std::span<const std::string_view>(views));
}

resp_reader::resp_reader() : reader_(redisReaderCreate()) {
  if (reader_ == nullptr) {
    throw std::bad_alloc();
  }
}

resp_reader::~resp_reader() {
  redisReaderFree(reader_);
}

void resp_reader::feed(const char* data, std::size_t size) {
  if (redisReaderFeed(reader_, data, size) != REDIS_OK) {
    throw unavailable(std::string("redis protocol error: ") + reader_->errstr);
  }
}

std::optional<reply> resp_reader::next() {
  void* raw = nullptr;
  if (redisReaderGetReply(reader_, &raw) != REDIS_OK) {
    throw unavailable(std::string("redis protocol error: ") + reader_->errstr);
  }
  if (raw == nullptr) {
    return std::nullopt;
  }
  std::unique_ptr<redisReply, decltype(&freeReplyObject)> owned(static_cast<redisReply*>(raw),
                                                                &freeReplyObject);
  return convert(*owned);
}

}  // namespace ugoki::redis
