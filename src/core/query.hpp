// Query-parameter readers that collect every bad parameter at once, so one 400 names them all:
// the query-string counterpart of json::field_reader, with the API's shared error texts.
#pragma once

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace ugoki::query {

// The detail of a cursor that does not decode or does not fit the list it was given to.
inline constexpr std::string_view foreign_cursor = "is not a cursor this API issued";

// The whole of `s` as a decimal integer in [min, max] ("+", spaces and fractions refused), or
// nullopt. For parameters and for the parts of a cursor's sort key.
std::optional<int> integer(std::string_view s, int min, int max);

// Offset pagination of admin tables (`?page=&per_page=`, API_CONVENTIONS.md; docs/admin.md).
struct offset_page {
  // Pages past 10000 are refused: a deep offset scans every row before it; narrow the filters.
  static constexpr int max_page = 10'000;
  static constexpr int max_per_page = 100;
  int page = 1;
  int per_page = 20;
  // The rows to skip for this page.
  long long offset() const { return static_cast<long long>(page - 1) * per_page; }
};

// The envelope's `pagination` object of an offset page: {"page":N,"per_page":N,"total":N}.
std::string render_offset_pagination(const offset_page& p, long long total);

// Reads optional query parameters (nullopt when absent), recording a field error named after
// the parameter for each bad one instead of stopping at the first. End with finish(value).
class reader {
 public:
  // An integer in [min, max]; else "must be an integer between MIN and MAX".
  std::optional<int> integer(std::string_view name, const std::optional<std::string>& raw, int min,
                             int max);
  // "true" or "false"; else "must be true or false".
  std::optional<bool> boolean(std::string_view name, const std::optional<std::string>& raw);
  // One of `allowed`, spelled exactly; else "must be one of: a, b, c" (in the order given).
  std::optional<std::string> one_of(std::string_view name, const std::optional<std::string>& raw,
                                    std::span<const std::string_view> allowed);
  std::optional<std::string> one_of(std::string_view name, const std::optional<std::string>& raw,
                                    std::initializer_list<std::string_view> allowed) {
    return one_of(name, raw, std::span(allowed.begin(), allowed.size()));
  }
  std::optional<std::string> one_of(std::string_view name, const std::optional<std::string>& raw,
                                    const std::vector<std::string>& allowed);
  // Text of min_len to max_len bytes, as it is; else "must be between MIN and MAX characters".
  std::optional<std::string> text(std::string_view name, const std::optional<std::string>& raw,
                                  std::size_t min_len, std::size_t max_len);

  // `page` (1..offset_page::max_page) and `per_page` (1..offset_page::max_per_page), each
  // defaulting when absent; a bad one is an integer error named after it.
  offset_page offset(const std::optional<std::string>& page,
                     const std::optional<std::string>& per_page);

  // Records an error of the caller's own (a cursor that does not decode, a range out of order).
  void add_error(std::string field, std::string message);

  bool ok() const { return errors_.empty(); }
  // `value` when every parameter was good, else 400 VAL_001 naming each one at fault, in the
  // order they were read.
  template <class T>
  result<T> finish(T value) {
    if (!errors_.empty()) {
      return validation(std::move(errors_));
    }
    return value;
  }

 private:
  std::vector<field_error> errors_;
};

}  // namespace ugoki::query
