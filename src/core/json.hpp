// JSON input helpers: body parsing and field readers that collect every field error at once.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/api_error.hpp"

namespace ugoki::json {

// Parses a request body that must be one JSON object. Raises 400 VAL_001 for malformed JSON,
// another JSON type, or nesting deeper than 32 levels.
boost::json::object parse_object(std::string_view body);

std::string serialize(const boost::json::value& v);

// Lowercase or uppercase 8-4-4-4-12 hex. The API writes lowercase.
bool is_uuid(std::string_view s);

// Reads fields from an object, collecting errors instead of failing on the first, so one
// response names every bad field. Call finish() last: it raises 400 VAL_001 with all details.
class field_reader {
 public:
  explicit field_reader(const boost::json::object& obj) : obj_(obj) {}

  // Each reader returns nullopt when the field is absent (and, when `required`, records
  // "is required") or invalid (recording why). JSON null counts as absent.
  std::optional<std::string> string(std::string_view name, std::size_t min_len, std::size_t max_len,
                                    bool required = false);
  std::optional<std::int64_t> integer(std::string_view name, std::int64_t min, std::int64_t max,
                                      bool required = false);
  std::optional<double> number(std::string_view name, double min, double max,
                               bool required = false);
  std::optional<bool> boolean(std::string_view name, bool required = false);
  std::optional<std::string> one_of(std::string_view name,
                                    std::initializer_list<std::string_view> allowed,
                                    bool required = false);
  std::optional<std::string> uuid(std::string_view name, bool required = false);
  // True when the key is present with an explicit null (PATCH semantics: clear the field).
  bool is_null(std::string_view name) const;
  bool has(std::string_view name) const { return obj_.contains(name); }

  // Records an error for every key not in `allowed` ("is not allowed").
  void reject_unknown(std::initializer_list<std::string_view> allowed);
  void add_error(std::string field, std::string message);

  bool ok() const { return errors_.empty(); }
  void finish() const;

 private:
  const boost::json::value* find(std::string_view name, bool required);
  const boost::json::object& obj_;
  std::vector<http::field_error> errors_;
};

}  // namespace ugoki::json
