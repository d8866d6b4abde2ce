// Accept-Language parsing and RFC 4647 lookup (language.hpp).
#include "core/language.hpp"

#include <algorithm>
#include <cstdlib>

#include "core/text.hpp"

namespace ugoki::language {

namespace {

constexpr std::size_t max_ranges = 32;

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// RFC 4647 2.1 language-range, lowercased; empty when `s` is not one.
std::string as_range(std::string_view s) {
  if (s == "*") {
    return "*";
  }
  std::string out;
  std::size_t subtag = 0;
  bool first = true;
  for (char c : s) {
    if (c == '-') {
      if (subtag == 0) {
        return {};
      }
      subtag = 0;
      first = false;
      out += '-';
      continue;
    }
    if (!(is_alpha(c) || (!first && is_digit(c))) || ++subtag > 8) {
      return {};
    }
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return subtag == 0 ? std::string{} : out;
}

// RFC 9110 weight: "q=" then 0[.ddd] or 1[.000]; -1 when malformed.
double weight(std::string_view v) {
  if (v.empty() || v.size() > 5 || (v[0] != '0' && v[0] != '1')) {
    return -1;
  }
  if (v.size() > 1) {
    if (v[1] != '.') {
      return -1;
    }
    for (char c : v.substr(2)) {
      if (!is_digit(c) || (v[0] == '1' && c != '0')) {
        return -1;
      }
    }
  }
  return std::strtod(std::string(v).c_str(), nullptr);
}

// The item's weight from its parameters ("; q=0.5"); 1 when absent, -1 when malformed.
double quality(std::string_view params) {
  double q = 1.0;
  while (!params.empty()) {
    auto semi = params.find(';');
    std::string_view p = text::trim_ows(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (p.empty()) {
      continue;
    }
    if (p.size() < 2 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=') {
      return -1;  // Accept-Language has no other parameter
    }
    q = weight(p.substr(2));
    if (q < 0) {
      return -1;
    }
  }
  return q;
}

bool refused(const std::vector<range>& ranges, std::string_view tag) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const range& r) { return r.q <= 0 && r.tag == tag; });
}

}  // namespace

std::vector<range> parse_accept_language(std::string_view header) {
  std::vector<range> out;
  while (!header.empty() && out.size() < max_ranges) {
    auto comma = header.find(',');
    std::string_view item = text::trim_ows(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto semi = item.find(';');
    std::string tag = as_range(text::trim_ows(item.substr(0, semi)));
    double q = quality(semi == std::string_view::npos ? std::string_view{} : item.substr(semi));
    if (!tag.empty() && q >= 0) {
      out.push_back({std::move(tag), q});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const range& a, const range& b) { return a.q > b.q; });
  return out;
}

std::string_view pick(std::string_view header, std::span<const std::string_view> available,
                      std::string_view fallback) {
  if (header.empty()) {
    return fallback;
  }
  const std::vector<range> ranges = parse_accept_language(header);
  auto usable = [&](std::string_view tag) { return !refused(ranges, tag); };
  for (const range& r : ranges) {
    if (r.q <= 0) {
      break;  // sorted: the rest are refusals too
    }
    if (r.tag == "*") {
      return fallback;
    }
    // Lookup: the range, then shorter and shorter prefixes of it.
    std::string_view want = r.tag;
    while (!want.empty()) {
      for (std::string_view a : available) {
        if (a == want && usable(a)) {
          return a;
        }
      }
      auto dash = want.rfind('-');
      want = dash == std::string_view::npos ? std::string_view{} : want.substr(0, dash);
    }
    // A plain "de" also takes a regional "de-at" when that is all there is.
    for (std::string_view a : available) {
      if (a.size() > r.tag.size() && a.starts_with(r.tag) && a[r.tag.size()] == '-' && usable(a)) {
        return a;
      }
    }
  }
  return fallback;
}

}  // namespace ugoki::language
