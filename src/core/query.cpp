// Query-parameter readers (query.hpp).
#include "core/query.hpp"

#include <algorithm>
#include <charconv>

namespace ugoki::query {

namespace {

template <class List>
std::string one_of_message(const List& allowed) {
  std::string m = "must be one of: ";
  bool first = true;
  for (const auto& a : allowed) {
    m += first ? "" : ", ";
    m += a;
    first = false;
  }
  return m;
}

// `raw` when it is one of `allowed`, else an error on `r` naming them all.
template <class List>
std::optional<std::string> checked_one_of(reader& r, std::string_view name,
                                          const std::optional<std::string>& raw,
                                          const List& allowed) {
  if (!raw) {
    return std::nullopt;
  }
  if (std::find(allowed.begin(), allowed.end(), *raw) == allowed.end()) {
    r.add_error(std::string(name), one_of_message(allowed));
    return std::nullopt;
  }
  return raw;
}

}  // namespace

std::optional<int> integer(std::string_view s, int min, int max) {
  int n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || end != s.data() + s.size() || n < min || n > max) {
    return std::nullopt;
  }
  return n;
}

std::optional<int> reader::integer(std::string_view name, const std::optional<std::string>& raw,
                                   int min, int max) {
  if (!raw) {
    return std::nullopt;
  }
  auto n = query::integer(*raw, min, max);
  if (!n) {
    add_error(std::string(name),
              "must be an integer between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return n;
}

offset_page reader::offset(const std::optional<std::string>& page,
                           const std::optional<std::string>& per_page) {
  offset_page p;
  p.page = integer("page", page, 1, offset_page::max_page).value_or(p.page);
  p.per_page = integer("per_page", per_page, 1, offset_page::max_per_page).value_or(p.per_page);
  return p;
}

std::string render_offset_pagination(const offset_page& p, long long total) {
  return "{\"page\":" + std::to_string(p.page) + ",\"per_page\":" + std::to_string(p.per_page) +
         ",\"total\":" + std::to_string(total) + "}";
}

std::optional<bool> reader::boolean(std::string_view name, const std::optional<std::string>& raw) {
  if (!raw) {
    return std::nullopt;
  }
  if (*raw == "true" || *raw == "false") {
    return *raw == "true";
  }
  add_error(std::string(name), "must be true or false");
  return std::nullopt;
}

std::optional<std::string> reader::one_of(std::string_view name,
                                          const std::optional<std::string>& raw,
                                          std::span<const std::string_view> allowed) {
  return checked_one_of(*this, name, raw, allowed);
}

std::optional<std::string> reader::one_of(std::string_view name,
                                          const std::optional<std::string>& raw,
                                          const std::vector<std::string>& allowed) {
  return checked_one_of(*this, name, raw, allowed);
}

std::optional<std::string> reader::text(std::string_view name,
                                        const std::optional<std::string>& raw, std::size_t min_len,
                                        std::size_t max_len) {
  if (!raw) {
    return std::nullopt;
  }
  if (raw->size() < min_len || raw->size() > max_len) {
    add_error(std::string(name), "must be between " + std::to_string(min_len) + " and " +
                                     std::to_string(max_len) + " characters");
    return std::nullopt;
  }
  return raw;
}

void reader::add_error(std::string field, std::string message) {
  errors_.push_back({std::move(field), std::move(message)});
}

}  // namespace ugoki::query
