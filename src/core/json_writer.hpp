// JSON text written straight into a string, for answers with many rows: building a
// boost::json::object per row (a hashed table, an allocation per member) cost more than the
// query that read the rows. Small objects and anything parsed stay with boost::json.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ugoki::json {

// Appends `s` as the inside of a JSON string: quote, backslash and control characters escaped,
// every other byte (UTF-8 included) as it is.
void append_escaped(std::string& out, std::string_view s);

// Writes one JSON value as a sequence of calls; commas go in by themselves. The caller nests
// begin_*/end_* correctly and puts a key before each member's value (as a serializer's caller
// would; nothing checks it at run time). Doubles are written in their shortest round-trip form,
// NaN and infinities as null.
class writer {
 public:
  explicit writer(std::size_t reserve = 256) { out_.reserve(reserve); }

  writer& begin_object();
  writer& end_object();
  writer& begin_array();
  writer& end_array();
  // A member name: a name of our own (a literal), written without escaping.
  writer& key(std::string_view k);
  // A member name from data (a parsed document's keys), escaped like a string value.
  writer& escaped_key(std::string_view k);

  writer& value(std::string_view s);
  writer& value(const char* s) { return value(std::string_view(s)); }
  writer& value(const std::string& s) { return value(std::string_view(s)); }
  writer& value(bool b);
  writer& value(int n) { return value(static_cast<std::int64_t>(n)); }
  writer& value(std::int64_t n);
  writer& value(double d);
  writer& null();
  template <class T>
  writer& value(const std::optional<T>& v) {
    return v ? value(*v) : null();
  }
  // An already serialised JSON value (for example jsonb text from PostgreSQL), written as is.
  writer& raw(std::string_view json_text);

  template <class T>
  writer& member(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void separate() {
    if (need_comma_) {
      out_ += ',';
    }
  }
  std::string out_;
  bool need_comma_ = false;  // a value was just completed at the current level
};

}  // namespace ugoki::json
