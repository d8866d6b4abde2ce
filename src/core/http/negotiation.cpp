// Content-Type matching and Accept negotiation (RFC 9110 sections 8.3 and 12.5.1).
#include "core/http/negotiation.hpp"

#include <charconv>
#include <cstdlib>
#include <string>

#include "core/text.hpp"

namespace ugoki::http::detail {

namespace {

// Calls fn(item) for each comma-separated, trimmed, non-empty item; stops when fn returns false.
template <class Fn>
void for_each_item(std::string_view list, Fn&& fn) {
  while (!list.empty()) {
    auto comma = list.find(',');
    std::string_view item = text::trim_ows(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    if (!item.empty() && !fn(item)) {
      return;
    }
  }
}

// How closely a media range matches a type: 3 exact, 2 "type/*", 1 "*/*", 0 not at all.
int specificity(std::string_view range, std::string_view type) {
  if (range == "*/*") {
    return 1;
  }
  auto slash = type.find('/');
  if (range.size() == slash + 2 && range.ends_with("/*") &&
      text::iequals_ascii(range.substr(0, slash), type.substr(0, slash))) {
    return 2;
  }
  return text::iequals_ascii(range, type) ? 3 : 0;
}

// The q parameter of a range's parameters ("; q=0.5; level=1"): 1 when absent, -1 when
// malformed.
double quality(std::string_view params) {
  double q = 1.0;
  bool bad = false;
  while (!params.empty()) {
    auto semi = params.find(';');
    std::string_view p = text::trim_ows(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      std::string value(p.substr(2));
      char* end = nullptr;
      q = std::strtod(value.c_str(), &end);
      bad = value.empty() || end != value.c_str() + value.size() || q < 0 || q > 1;
    }
  }
  return bad ? -1.0 : q;
}

}  // namespace

bool is_content_type(std::string_view value, std::string_view type) {
  if (value.size() < type.size() || !text::iequals_ascii(value.substr(0, type.size()), type)) {
    return false;
  }
  value.remove_prefix(type.size());
  return value.empty() || value.front() == ';' || value.front() == ' ';
}

bool accepts(std::string_view accept, std::string_view produces) {
  accept = text::trim_ows(accept);
  // What nearly every client sends, decided without parsing.
  if (accept.empty() || accept == "*/*" || accept == produces) {
    return true;
  }
  bool malformed = false;
  bool any_acceptable = false;
  bool any_range = false;
  for_each_item(produces, [&](std::string_view type) {
    int best = 0;
    double best_q = 0.0;
    for_each_item(accept, [&](std::string_view item) {
      auto semi = item.find(';');
      std::string_view range = text::trim_ows(item.substr(0, semi));
      double q = quality(semi == std::string_view::npos ? std::string_view{} : item.substr(semi));
      any_range = true;
      if (q < 0 || range.find('/') == std::string_view::npos) {
        malformed = true;
        return false;
      }
      int s = specificity(range, type);
      if (s > best) {
        best = s;
        best_q = q;
      }
      return true;
    });
    any_acceptable = any_acceptable || (best > 0 && best_q > 0);
    return !malformed && !any_acceptable;
  });
  // A list of nothing (",,") states no preference, like no header at all.
  return malformed || any_acceptable || !any_range;
}

}  // namespace ugoki::http::detail
