// Strict JSON parsing, body parsing and field validation shared by every module's dto.cpp.
#include "core/json.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value_stack.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/json_writer.hpp"

namespace ugoki::json {

namespace {

namespace bj = boost::json;

// Boost.JSON's own value-building handler (detail/handler.hpp), plus a record of each open
// object's member names so a name given twice is caught (Boost.JSON 1.81 keeps the last).
class strict_handler {
 public:
  static constexpr std::size_t max_object_size = bj::object::max_size();
  static constexpr std::size_t max_array_size = bj::array::max_size();
  static constexpr std::size_t max_key_size = bj::string::max_size();
  static constexpr std::size_t max_string_size = bj::string::max_size();

  explicit strict_handler(bj::storage_ptr sp) : st(std::move(sp)) {}

  bj::value_stack st;
  std::string duplicate;  // set when the parse stopped at a repeated name

  bool on_document_begin(bj::error_code&) { return true; }
  bool on_document_end(bj::error_code&) { return true; }
  bool on_object_begin(bj::error_code&) {
    frames_.push_back(names_.size());
    return true;
  }
  bool on_object_end(std::size_t n, bj::error_code& ec) {
    const std::size_t first = frames_.back();
    frames_.pop_back();
    if (n > 1 && !unique_names(first)) {
      ec = bj::error::syntax;  // any parse error; `duplicate` says which
      return false;
    }
    names_.resize(first);
    st.push_object(n);
    return true;
  }
  bool on_array_begin(bj::error_code&) { return true; }
  bool on_array_end(std::size_t n, bj::error_code&) {
    st.push_array(n);
    return true;
  }
  bool on_key_part(bj::string_view s, std::size_t, bj::error_code&) {
    partial_.append(s.data(), s.size());
    st.push_chars(s);
    return true;
  }
  bool on_key(bj::string_view s, std::size_t, bj::error_code&) {
    partial_.append(s.data(), s.size());
    names_.push_back(std::move(partial_));
    partial_.clear();
    st.push_key(s);
    return true;
  }
  bool on_string_part(bj::string_view s, std::size_t, bj::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_string(bj::string_view s, std::size_t, bj::error_code&) {
    st.push_string(s);
    return true;
  }
  bool on_number_part(bj::string_view, bj::error_code&) { return true; }
  bool on_int64(std::int64_t i, bj::string_view, bj::error_code&) {
    st.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, bj::string_view, bj::error_code&) {
    st.push_uint64(u);
    return true;
  }
  bool on_double(double d, bj::string_view, bj::error_code&) {
    st.push_double(d);
    return true;
  }
  bool on_bool(bool b, bj::error_code&) {
    st.push_bool(b);
    return true;
  }
  bool on_null(bj::error_code&) {
    st.push_null();
    return true;
  }
  bool on_comment_part(bj::string_view, bj::error_code&) { return true; }
  bool on_comment(bj::string_view, bj::error_code&) { return true; }

 private:
  // Whether the names of the object whose first name is names_[first] are all different; the
  // first repeated one goes to `duplicate`. Sorting keeps a 100,000-member object linear-ish.
  bool unique_names(std::size_t first) {
    const std::size_t count = names_.size() - first;
    if (count <= 8) {
      for (std::size_t i = first; i < names_.size(); ++i) {
        for (std::size_t j = i + 1; j < names_.size(); ++j) {
          if (names_[i] == names_[j]) {
            duplicate = names_[i];
            return false;
          }
        }
      }
      return true;
    }
    std::vector<std::string_view> sorted(names_.begin() + static_cast<std::ptrdiff_t>(first),
                                         names_.end());
    std::sort(sorted.begin(), sorted.end());
    auto it = std::adjacent_find(sorted.begin(), sorted.end());
    if (it == sorted.end()) {
      return true;
    }
    duplicate = std::string(*it);
    return false;
  }

  std::vector<std::string> names_;   // member names of every open object, outermost first
  std::vector<std::size_t> frames_;  // where each open object's names start in names_
  std::string partial_;              // a name the parser delivered in pieces
};

}  // namespace

boost::system::result<bj::value, syntax_error> parse_strict(std::string_view text) {
  bj::parse_options options;
  options.max_depth = 32;
  bj::basic_parser<strict_handler> parser(options, bj::storage_ptr());
  parser.handler().st.reset(bj::storage_ptr());  // value_stack wants a reset before each value
  bj::error_code ec;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && used < text.size()) {
    ec = bj::error::extra_data;
  }
  if (ec || !parser.done()) {
    return syntax_error{std::move(parser.handler().duplicate)};
  }
  return parser.handler().st.release();
}

result<bj::object> parse_object(std::string_view body) {
  auto parsed = parse_strict(body);
  if (!parsed) {
    if (!parsed.error().duplicate_member.empty()) {
      return bad_request("VAL_001", "Request body names a member more than once",
                         {{std::move(parsed.error().duplicate_member), "is given more than once"}});
    }
    return bad_request("VAL_001", "Request body is not valid JSON");
  }
  if (!parsed->is_object()) {
    return bad_request("VAL_001", "Request body must be a JSON object");
  }
  return std::move(parsed->as_object());
}

namespace {

void write_value(writer& w, const boost::json::value& v);

void write_array(writer& w, const boost::json::array& a) {
  w.begin_array();
  for (const auto& e : a) {
    write_value(w, e);
  }
  w.end_array();
}

void write_object(writer& w, const boost::json::object& o) {
  w.begin_object();
  for (const auto& m : o) {
    w.escaped_key(m.key());
    write_value(w, m.value());
  }
  w.end_object();
}

void write_value(writer& w, const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null:
      w.null();
      break;
    case boost::json::kind::bool_:
      w.value(v.get_bool());
      break;
    case boost::json::kind::int64:
      w.value(v.get_int64());
      break;
    case boost::json::kind::uint64: {
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof buf, v.get_uint64());
      w.raw(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
      break;
    }
    case boost::json::kind::double_:
      w.value(v.get_double());
      break;
    case boost::json::kind::string:
      w.value(std::string_view(v.get_string()));
      break;
    case boost::json::kind::array:
      write_array(w, v.get_array());
      break;
    case boost::json::kind::object:
      write_object(w, v.get_object());
      break;
  }
}

}  // namespace

std::string serialize(const boost::json::value& v) {
  writer w;
  write_value(w, v);
  return w.take();
}

std::string serialize(const boost::json::object& o) {
  writer w;
  write_object(w, o);
  return w.take();
}

std::string serialize(const boost::json::array& a) {
  writer w;
  write_array(w, a);
  return w.take();
}

namespace {

// YYYY-MM-DDTHH:MM:SS, an optional fraction of 1 to 6 digits, then +00:00.
bool is_utc_instant(std::string_view s) {
  constexpr std::string_view shape = "dddd-dd-ddTdd:dd:dd";
  constexpr std::string_view utc = "+00:00";
  if (s.size() < shape.size() + utc.size() || !s.ends_with(utc)) {
    return false;
  }
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 'd' ? !digit(s[i]) : s[i] != shape[i]) {
      return false;
    }
  }
  std::string_view fraction = s.substr(shape.size(), s.size() - shape.size() - utc.size());
  if (fraction.empty()) {
    return true;
  }
  return fraction.size() >= 2 && fraction.size() <= 7 && fraction[0] == '.' &&
         std::all_of(fraction.begin() + 1, fraction.end(), digit);
}

}  // namespace

void spell_instants_with_z(bj::value& v) {
  if (auto* s = v.if_string()) {
    std::string_view text(s->data(), s->size());
    if (is_utc_instant(text)) {
      std::string fixed(text.substr(0, text.size() - 6));
      fixed += 'Z';
      *s = fixed;
    }
  } else if (auto* a = v.if_array()) {
    for (auto& e : *a) {
      spell_instants_with_z(e);
    }
  } else if (auto* o = v.if_object()) {
    for (auto& kv : *o) {
      spell_instants_with_z(kv.value());
    }
  }
}

std::string spell_instants_with_z(std::string_view json_text) {
  bj::value v = bj::parse(json_text);
  spell_instants_with_z(v);
  return serialize(v);
}

bool is_uuid(std::string_view s) {
  if (s.size() != 36) {
    return false;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') {
        return false;
      }
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

const boost::json::value* field_reader::find(std::string_view name, bool required) {
  auto it = obj_.find(name);
  if (it == obj_.end() || it->value().is_null()) {
    if (required) {
      add_error(std::string(name), "is required");
    }
    return nullptr;
  }
  return &it->value();
}

std::optional<std::string> field_reader::string(std::string_view name, std::size_t min_len,
                                                std::size_t max_len, bool required) {
  const auto* v = find(name, required);
  if (v == nullptr) {
    return std::nullopt;
  }
  if (!v->is_string()) {
    add_error(std::string(name), "must be a string");
    return std::nullopt;
  }
  std::string_view s = v->as_string();
  // Length in code points, as users count characters (the body is valid UTF-8: the parser checked).
  std::size_t code_points = 0;
  for (unsigned char c : s) {
    code_points += (c & 0xC0) != 0x80;
  }
  if (code_points < min_len || code_points > max_len) {
    add_error(std::string(name), "must be between " + std::to_string(min_len) + " and " +
                                     std::to_string(max_len) + " characters");
    return std::nullopt;
  }
  return std::string(s);
}

std::optional<std::int64_t> field_reader::integer(std::string_view name, std::int64_t min,
                                                  std::int64_t max, bool required) {
  const auto* v = find(name, required);
  if (v == nullptr) {
    return std::nullopt;
  }
  std::optional<std::int64_t> n;
  if (v->is_int64()) {
    n = v->as_int64();
  } else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    n = static_cast<std::int64_t>(v->as_uint64());
  } else if (v->is_double() && std::trunc(v->as_double()) == v->as_double() &&
             std::fabs(v->as_double()) < 9e15) {
    n = static_cast<std::int64_t>(v->as_double());
  }
  if (!n) {
    add_error(std::string(name), "must be an integer");
    return std::nullopt;
  }
  if (*n < min || *n > max) {
    add_error(std::string(name),
              "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<double> field_reader::number(std::string_view name, double min, double max,
                                           bool required) {
  const auto* v = find(name, required);
  if (v == nullptr) {
    return std::nullopt;
  }
  if (!v->is_number()) {
    add_error(std::string(name), "must be a number");
    return std::nullopt;
  }
  double d = v->to_number<double>();
  if (!std::isfinite(d) || d < min || d > max) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "must be between %g and %g", min, max);
    add_error(std::string(name), buf);
    return std::nullopt;
  }
  return d;
}

std::optional<bool> field_reader::boolean(std::string_view name, bool required) {
  const auto* v = find(name, required);
  if (v == nullptr) {
    return std::nullopt;
  }
  if (!v->is_bool()) {
    add_error(std::string(name), "must be true or false");
    return std::nullopt;
  }
  return v->as_bool();
}

std::optional<std::string> field_reader::one_of(std::string_view name,
                                                std::initializer_list<std::string_view> allowed,
                                                bool required) {
  const auto* v = find(name, required);
  if (v == nullptr) {
    return std::nullopt;
  }
  if (v->is_string()) {
    std::string_view s = v->as_string();
    for (auto a : allowed) {
      if (a == s) {
        return std::string(s);
      }
    }
  }
  std::string list;
  for (auto a : allowed) {
    list += list.empty() ? "" : ", ";
    list += a;
  }
  add_error(std::string(name), "must be one of: " + list);
  return std::nullopt;
}

std::optional<std::string> field_reader::uuid(std::string_view name, bool required) {
  const auto* v = find(name, required);
  if (v == nullptr) {
    return std::nullopt;
  }
  if (!v->is_string() || !is_uuid(v->as_string())) {
    add_error(std::string(name), "must be a UUID");
    return std::nullopt;
  }
  std::string s(v->as_string());
  for (auto& c : s) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return s;
}

bool field_reader::is_null(std::string_view name) const {
  auto it = obj_.find(name);
  return it != obj_.end() && it->value().is_null();
}

void field_reader::reject_unknown(std::initializer_list<std::string_view> allowed) {
  for (const auto& kv : obj_) {
    bool known = false;
    for (auto a : allowed) {
      known = known || kv.key() == a;
    }
    if (!known) {
      add_error(std::string(kv.key()), "is not allowed");
    }
  }
}

void field_reader::add_error(std::string field, std::string message) {
  errors_.push_back({std::move(field), std::move(message)});
}

std::optional<api_error> field_reader::failure() const {
  if (errors_.empty()) {
    return std::nullopt;
  }
  return validation(errors_);
}

}  // namespace ugoki::json
