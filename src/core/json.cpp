// Body parsing and field validation shared by every module's dto.cpp.
#include "core/json.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cmath>

namespace ugoki::json {

boost::json::object parse_object(std::string_view body) {
  boost::json::parse_options options;
  options.max_depth = 32;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec, {}, options);
  if (ec) {
    http::raise(http::bad_request("VAL_001", "Request body is not valid JSON"));
  }
  if (!v.is_object()) {
    http::raise(http::bad_request("VAL_001", "Request body must be a JSON object"));
  }
  return std::move(v.as_object());
}

std::string serialize(const boost::json::value& v) {
  return boost::json::serialize(v);
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

void field_reader::finish() const {
  if (!errors_.empty()) {
    http::raise(http::validation(errors_));
  }
}

}  // namespace ugoki::json
