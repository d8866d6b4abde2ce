// The fasting admin parsers' shared field readers (admin_fields.hpp).
#include "fasting/admin_fields.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "core/language.hpp"

namespace ugoki::fasting::admin_fields {

namespace {

namespace bj = boost::json;

bool blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string served_but_english() {
  std::string out;
  for (std::string_view l : language::served) {
    if (l != language::fallback) {
      out += out.empty() ? "" : ", ";
      out += l;
    }
  }
  return out;
}

bool translatable_language(std::string_view l) {
  for (std::string_view s : language::served) {
    if (s == l && s != language::fallback) {
      return true;
    }
  }
  return false;
}

// One language's translation: its fields read into `out` (an object of the good ones), errors
// recorded in `r` under `prefix`.
void translation(json::field_reader& r, const bj::object& one, std::span<const translatable> fields,
                 const std::string& prefix, bj::object& out) {
  json::field_reader inner(one);
  for (const auto& kv : one) {
    bool known = false;
    for (const auto& f : fields) {
      known = known || kv.key() == f.name;
    }
    if (!known) {
      inner.add_error(std::string(kv.key()), "is not allowed");
    } else if (kv.value().is_null()) {
      inner.add_error(std::string(kv.key()), "cannot be null (leave it out to use the English)");
    }
  }
  if (one.empty()) {
    r.add_error(prefix.substr(0, prefix.size() - 1), "must name at least one field");
    return;
  }
  for (const auto& f : fields) {
    if (f.sentence_list) {
      if (auto list = sentences(inner, one, f.name, false)) {
        out[f.name] = bj::parse(*list);
      }
    } else if (auto t = text(inner, f.name, f.max_chars, false)) {
      out[f.name] = *t;
    }
  }
  for (const auto& e : inner.errors()) {
    r.add_error(prefix + e.field, e.message);
  }
}

}  // namespace

bool is_slug(std::string_view s) {
  if (s.empty() || s.size() > 64 || s.front() == '-' || s.back() == '-') {
    return false;
  }
  char prev = 'a';
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) {
      return false;
    }
    prev = c;
  }
  return true;
}

std::optional<std::string> slug(json::field_reader& r, bool required) {
  auto s = r.string("slug", 1, 64, required);
  if (s && !is_slug(*s)) {
    r.add_error("slug", "must be lowercase words of a-z and 0-9 joined by single hyphens");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> text(json::field_reader& r, std::string_view name, std::size_t max,
                                bool required) {
  auto s = r.string(name, 1, max, required);
  if (s && blank(*s)) {
    r.add_error(std::string(name), "must not be blank");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> sentences(json::field_reader& r, const bj::object& o,
                                     std::string_view name, bool required) {
  const bj::value* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) {
    if (required) {
      r.add_error(std::string(name), "is required");
    }
    return std::nullopt;
  }
  if (!v->is_array() || v->get_array().empty() || v->get_array().size() > 20) {
    r.add_error(std::string(name), "must be an array of 1 to 20 sentences");
    return std::nullopt;
  }
  bool ok = true;
  const auto& a = v->get_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_string() || a[i].get_string().empty() || a[i].get_string().size() > 300 ||
        blank(a[i].get_string())) {
      r.add_error(std::string(name) + "[" + std::to_string(i) + "]",
                  "must be a sentence of 1 to 300 characters");
      ok = false;
    }
  }
  return ok ? std::optional<std::string>(json::serialize(a)) : std::nullopt;
}

std::optional<std::string> translations(json::field_reader& r, const bj::object& o,
                                        std::span<const translatable> fields, bool allow_null) {
  const bj::value* v = o.if_contains("translations");
  if (v == nullptr) {
    return std::nullopt;
  }
  if (!v->is_object()) {
    r.add_error("translations", "must be an object of language codes to translations");
    return std::nullopt;
  }
  const std::size_t before = r.errors().size();
  bj::object out;
  for (const auto& kv : v->get_object()) {
    const std::string field = "translations." + std::string(kv.key());
    if (!translatable_language(kv.key())) {
      r.add_error(field, "must be one of: " + served_but_english());
    } else if (kv.value().is_null() && allow_null) {
      out[kv.key()] = nullptr;
    } else if (!kv.value().is_object()) {
      r.add_error(field, allow_null ? "must be an object of translated fields, or null"
                                    : "must be an object of translated fields");
    } else {
      bj::object one;
      translation(r, kv.value().get_object(), fields, field + ".", one);
      out[kv.key()] = std::move(one);
    }
  }
  if (r.errors().size() != before) {
    return std::nullopt;
  }
  return json::serialize(out);
}

void refuse_nulls(json::field_reader& r, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    if (r.has(name) && r.is_null(name)) {
      r.add_error(std::string(name), "cannot be null");
    }
  }
}

}  // namespace ugoki::fasting::admin_fields
