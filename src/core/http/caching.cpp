// ETag computation and conditional GET handling.
#include "core/http/caching.hpp"

#include <cstdint>
#include <cstdio>

#include "core/language.hpp"

namespace ugoki::http {

std::string make_etag(std::string_view body) {
  // FNV-1a 64: not cryptographic, only needs to change when the bytes change.
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : body) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

bool etag_matches(std::string_view header, std::string_view etag) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto comma = header.find(',', pos);
    if (comma == std::string_view::npos) {
      comma = header.size();
    }
    std::string_view item = header.substr(pos, comma - pos);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) {
      item.remove_prefix(1);
    }
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) {
      item.remove_suffix(1);
    }
    if (item.rfind("W/", 0) == 0) {
      item.remove_prefix(2);
    }
    if (item == "*" || item == etag) {
      return true;
    }
    pos = comma + 1;
  }
  return false;
}

response cacheable_json(const request_context& ctx, const std::string& data_json,
                        std::string_view etag, std::chrono::seconds max_age) {
  response r;
  if (etag_matches(ctx.header("If-None-Match"), etag)) {
    r.status = 304;
    r.body_kind = response::kind::empty;
  } else {
    r.body = data_json;
  }
  r.headers.emplace_back("ETag", std::string(etag));
  r.headers.emplace_back("Cache-Control", "public, max-age=" + std::to_string(max_age.count()));
  return r;
}

std::string_view negotiated_language(const request_context& ctx) {
  return language::pick(ctx.header("Accept-Language"), language::served, language::fallback);
}

response cacheable_localised_json(const request_context& ctx, const std::string& data_json,
                                  std::string_view etag, std::chrono::seconds max_age,
                                  std::string_view served_language) {
  response r = cacheable_json(ctx, data_json, etag, max_age);
  r.headers.emplace_back("Content-Language", std::string(served_language));
  r.headers.emplace_back("Vary", "Accept-Language");
  return r;
}

}  // namespace ugoki::http
