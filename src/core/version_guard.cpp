// If-Match and `version` parsing for the admin routes' optimistic concurrency.
#include "core/version_guard.hpp"

#include <charconv>
#include <cstdint>

#include "core/json.hpp"
#include "core/text.hpp"

namespace ugoki::version_guard {

namespace {

constexpr std::string_view bad_if_match =
    "must be the ETag the entity was read with (\"v<version>\") or *";

}  // namespace

std::string etag_of(std::int64_t version) {
  return "\"v" + std::to_string(version) + "\"";
}

result<std::optional<std::int64_t>> parse_if_match(std::string_view header) {
  header = text::trim_ows(header);
  if (header.empty() || header == "*") {
    return std::optional<std::int64_t>{};
  }
  std::int64_t v = 0;
  if (header.size() >= 4 && header.front() == '"' && header.back() == '"' && header[1] == 'v') {
    const char* first = header.data() + 2;
    const char* last = header.data() + header.size() - 1;
    const auto [end, ec] = std::from_chars(first, last, v);
    if (ec == std::errc{} && end == last && v >= 1) {
      return std::optional<std::int64_t>{v};
    }
  }
  return validation({{"If-Match", std::string(bad_if_match)}});
}

std::optional<std::int64_t> read(json::field_reader& r, std::string_view if_match) {
  auto member = r.integer("version", 1, INT64_MAX);
  auto header = parse_if_match(if_match);
  if (!header) {
    r.add_error("If-Match", std::string(bad_if_match));
    return std::nullopt;
  }
  if (member && *header && **header != *member) {
    r.add_error("version", "differs from If-Match");
    return std::nullopt;
  }
  return member ? member : *header;
}

std::optional<std::int64_t> require(json::field_reader& r, std::string_view if_match) {
  const std::size_t before = r.errors().size();
  auto v = read(r, if_match);
  if (!v && r.errors().size() == before) {
    r.add_error("version", "is required (or send If-Match with the ETag the entity was read with)");
  }
  return v;
}

api_error stale(std::string message) {
  return api_error(412, "REQ_006", std::move(message));
}

}  // namespace ugoki::version_guard
