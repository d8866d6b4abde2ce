// The JSON writer of json_writer.hpp.
#include "core/json_writer.hpp"

#include <charconv>
#include <cmath>

namespace ugoki::json {

void append_escaped(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  std::size_t plain = 0;  // start of the run of bytes that need no escape
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      continue;
    }
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        const char esc[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
        out.append(esc, sizeof esc);
      }
    }
  }
  out.append(s.data() + plain, s.size() - plain);
}

writer& writer::begin_object() {
  separate();
  out_ += '{';
  need_comma_ = false;
  return *this;
}

writer& writer::end_object() {
  out_ += '}';
  need_comma_ = true;
  return *this;
}

writer& writer::begin_array() {
  separate();
  out_ += '[';
  need_comma_ = false;
  return *this;
}

writer& writer::end_array() {
  out_ += ']';
  need_comma_ = true;
  return *this;
}

writer& writer::key(std::string_view k) {
  separate();
  out_ += '"';
  out_ += k;
  out_ += "\":";
  need_comma_ = false;
  return *this;
}

writer& writer::escaped_key(std::string_view k) {
  separate();
  out_ += '"';
  append_escaped(out_, k);
  out_ += "\":";
  need_comma_ = false;
  return *this;
}

writer& writer::value(std::string_view s) {
  separate();
  out_ += '"';
  append_escaped(out_, s);
  out_ += '"';
  need_comma_ = true;
  return *this;
}

writer& writer::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  need_comma_ = true;
  return *this;
}

writer& writer::value(std::int64_t n) {
  separate();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, r.ptr);
  need_comma_ = true;
  return *this;
}

writer& writer::value(double d) {
  if (!std::isfinite(d)) {
    return null();
  }
  separate();
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, d);
  out_.append(buf, r.ptr);
  need_comma_ = true;
  return *this;
}

writer& writer::null() {
  separate();
  out_ += "null";
  need_comma_ = true;
  return *this;
}

writer& writer::raw(std::string_view json_text) {
  separate();
  out_ += json_text;
  need_comma_ = true;
  return *this;
}

}  // namespace ugoki::json
