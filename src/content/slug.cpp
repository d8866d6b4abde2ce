// Slugs (slug.hpp): utf8proc decomposes and case-folds, marks are stripped, a few letters that
// have no decomposition are spelled out.
#include "content/slug.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace ugoki::content {

namespace {

// Latin letters without a canonical decomposition, as their usual ASCII spelling (after case
// folding, so lowercase only).
std::string_view spelled(utf8proc_int32_t cp) {
  switch (cp) {
    case 0x00E6:
      return "ae";  // æ
    case 0x00F8:
      return "o";  // ø
    case 0x0153:
      return "oe";  // œ
    case 0x00F0:
      return "d";  // ð
    case 0x0111:
      return "d";  // đ
    case 0x00FE:
      return "th";  // þ
    case 0x0142:
      return "l";  // ł
    case 0x0131:
      return "i";  // ı
    case 0x0127:
      return "h";  // ħ
    case 0x0167:
      return "t";  // ŧ
    case 0x014B:
      return "ng";  // ŋ
    default:
      return {};
  }
}

bool is_apostrophe(utf8proc_int32_t cp) {
  return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

// Drops trailing hyphens.
void trim_hyphens(std::string& s) {
  while (!s.empty() && s.back() == '-') {
    s.pop_back();
  }
}

}  // namespace

std::string slugify(std::string_view title, std::size_t max_length) {
  utf8proc_uint8_t* mapped = nullptr;
  const auto options =
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                     UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
  const utf8proc_ssize_t len =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(title.data()),
                   static_cast<utf8proc_ssize_t>(title.size()), &mapped, options);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(mapped, &std::free);
  std::string out;
  bool separate = false;
  auto add = [&](std::string_view part) {
    if (separate && !out.empty()) {
      out += '-';
    }
    separate = false;
    out += part;
  };
  if (len >= 0) {
    const utf8proc_uint8_t* p = mapped;
    utf8proc_ssize_t left = len;
    while (left > 0) {
      utf8proc_int32_t cp = 0;
      const utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
      if (n <= 0) {
        break;
      }
      p += n;
      left -= n;
      if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
        const char c = static_cast<char>(cp);
        add(std::string_view(&c, 1));
      } else if (auto s = spelled(cp); !s.empty()) {
        add(s);
      } else if (!is_apostrophe(cp)) {
        separate = true;
      }
    }
  }
  if (out.size() > max_length) {
    // Cut at the last word boundary that fits, unless that would drop more than half.
    std::size_t cut = out.rfind('-', max_length);
    out.resize(cut != std::string::npos && cut >= max_length / 2 ? cut : max_length);
    trim_hyphens(out);
  }
  return out;
}

std::string slug_candidate(std::string_view base, int n, std::size_t max_length) {
  if (n <= 1) {
    return std::string(base.substr(0, max_length));
  }
  const std::string suffix = "-" + std::to_string(n);
  std::string out(base.substr(0, max_length - suffix.size()));
  trim_hyphens(out);
  return out + suffix;
}

bool is_slug(std::string_view s, std::size_t max_length) {
  if (s.empty() || s.size() > max_length || s.front() == '-' || s.back() == '-') {
    return false;
  }
  char prev = 0;
  for (char c : s) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!word && (c != '-' || prev == '-')) {
      return false;
    }
    prev = c;
  }
  return true;
}

}  // namespace ugoki::content
