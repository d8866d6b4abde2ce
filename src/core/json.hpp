// JSON input helpers: strict parsing (no duplicate member names), body parsing, field readers
// that collect every field error at once, and `nullable` for rendering optional values.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace ugoki::json {

// Why a text is not JSON we accept.
struct syntax_error {
  // The member name that appears twice in one object; empty when the text is malformed JSON or
  // nests deeper than 32 levels.
  std::string duplicate_member;
};

// Parses `text` as one JSON value, refusing an object that names a member twice anywhere in the
// document. RFC 8259 leaves duplicates to the parser, and two parsers that pick different ones
// (ours took the last) are a known way past a check; RFC 8725 asks JWT verifiers to refuse them.
// Nesting deeper than 32 levels is refused too.
boost::system::result<boost::json::value, syntax_error> parse_strict(std::string_view text);

// A request body that must be one JSON object. 400 VAL_001 for malformed JSON, a member named
// twice (named in the details), another JSON type, or nesting deeper than 32 levels.
result<boost::json::object> parse_object(std::string_view body);

// Compact JSON text of `v`, through json::writer: doubles in their shortest round-trip form
// ("70", "3.5"; Boost.JSON's own serializer writes "7E1", "3.5E0"), NaN and infinities as null.
std::string serialize(const boost::json::value& v);
std::string serialize(const boost::json::object& o);
std::string serialize(const boost::json::array& a);

// Respells, in every string value of `v` at any depth, a UTC instant as PostgreSQL's jsonb writes
// a timestamptz in a UTC session (YYYY-MM-DDTHH:MM:SS, an optional fraction of 1 to 6 digits,
// then +00:00) the way the API writes instants, with Z. Object keys, other offsets and every
// other string stay as they are. For JSON that SQL built (the data export's parts).
void spell_instants_with_z(boost::json::value& v);
// The same on JSON text; the text must be valid JSON (our own SQL's output: a parse failure is a
// bug and throws). The result is compact.
std::string spell_instants_with_z(std::string_view json_text);

// Lowercase or uppercase 8-4-4-4-12 hex. The API writes lowercase.
bool is_uuid(std::string_view s);

// The value, or JSON null when it is absent.
template <class T>
boost::json::value nullable(const std::optional<T>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}
// to_json(*v) (a string, a number, a value), or JSON null when it is absent: for instants,
// dates and other values that need formatting.
template <class T, class ToJson>
boost::json::value nullable(const std::optional<T>& v, ToJson&& to_json) {
  return v ? boost::json::value(to_json(*v)) : boost::json::value(nullptr);
}

// Reads fields from an object, collecting errors instead of failing on the first, so one
// response names every bad field. End with finish(value) (or failure()).
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
  const std::vector<field_error>& errors() const { return errors_; }
  // 400 VAL_001 naming every field at fault, or nullopt when there was none.
  std::optional<api_error> failure() const;
  // `value` when every field was good, else failure().
  template <class T>
  result<T> finish(T value) const {
    if (!errors_.empty()) {
      return validation(errors_);
    }
    return value;
  }

 private:
  const boost::json::value* find(std::string_view name, bool required);
  const boost::json::object& obj_;
  std::vector<field_error> errors_;
};

}  // namespace ugoki::json
