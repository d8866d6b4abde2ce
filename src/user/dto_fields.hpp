// Field readers shared by the user module's dto files (PATCH semantics, lists, times, tags).
// Internal to src/user: includes Boost.JSON, so only dto*.cpp include it.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "user/types.hpp"

namespace ugoki::user::dto::detail {

namespace bj = boost::json;

// The PATCH reading of `name`: absent -> nullopt; null -> {nullopt}; otherwise {read()} when the
// reader accepted the value (it records the error otherwise and we report absent).
template <class T, class Read>
patch_field<T> patch(json::field_reader& r, std::string_view name, Read read) {
  if (!r.has(name)) {
    return std::nullopt;
  }
  if (r.is_null(name)) {
    return std::optional<T>{};
  }
  auto v = read();
  if (!v) {
    return std::nullopt;
  }
  return std::optional<T>{T(std::move(*v))};
}

// "HH:MM", 00:00..23:59.
inline bool is_hh_mm(std::string_view s) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (s.size() != 5 || s[2] != ':' || !digit(s[0]) || !digit(s[1]) || !digit(s[3]) ||
      !digit(s[4])) {
    return false;
  }
  int h = (s[0] - '0') * 10 + (s[1] - '0');
  int m = (s[3] - '0') * 10 + (s[4] - '0');
  return h < 24 && m < 60;
}

// A BCP 47-like tag as the tables accept it: ^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$.
inline bool is_language_tag(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] >= 'a' && s[i] <= 'z') {
    ++i;
  }
  if (i < 2 || i > 3) {
    return false;
  }
  while (i < s.size()) {
    if (s[i] != '-') {
      return false;
    }
    std::size_t start = ++i;
    while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                            (s[i] >= '0' && s[i] <= '9'))) {
      ++i;
    }
    if (i - start < 2 || i - start > 8) {
      return false;
    }
  }
  return true;
}

// A string read with `read` that must also satisfy `ok`, else `message` is recorded.
template <class Ok>
std::optional<std::string> checked(json::field_reader& r, std::string_view name,
                                   std::size_t max_len, Ok ok, const char* message) {
  auto s = r.string(name, 1, max_len);
  if (s && !ok(*s)) {
    r.add_error(std::string(name), message);
    return std::nullopt;
  }
  return s;
}

// An array of at most `max_items` distinct strings of 1..max_len characters (code points).
inline std::optional<std::vector<std::string>> string_list(json::field_reader& r,
                                                           const bj::object& obj,
                                                           std::string_view name,
                                                           std::size_t max_items,
                                                           std::size_t max_len) {
  auto it = obj.find(name);
  if (it == obj.end() || it->value().is_null()) {
    return std::nullopt;
  }
  const std::string field(name);
  if (!it->value().is_array()) {
    r.add_error(field, "must be an array of strings");
    return std::nullopt;
  }
  const auto& arr = it->value().as_array();
  if (arr.size() > max_items) {
    r.add_error(field, "must have at most " + std::to_string(max_items) + " items");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& v : arr) {
    if (!v.is_string()) {
      r.add_error(field, "must be an array of strings");
      return std::nullopt;
    }
    std::string_view s = v.as_string();
    std::size_t code_points = 0;
    for (unsigned char c : s) {
      code_points += (c & 0xC0) != 0x80;
    }
    if (code_points < 1 || code_points > max_len) {
      r.add_error(field, "items must be between 1 and " + std::to_string(max_len) + " characters");
      return std::nullopt;
    }
    if (std::find(out.begin(), out.end(), s) == out.end()) {
      out.emplace_back(s);
    }
  }
  return out;
}

}  // namespace ugoki::user::dto::detail
