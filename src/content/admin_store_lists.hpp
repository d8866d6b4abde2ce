// Lists inside SQL parameters, shared by the admin store files: slugs and languages joined with
// the unit separator (U+001F, never in a slug), and a page's offset.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ugoki::content::admin::store::detail {

// `items` joined with U+001F (string_to_array($n, E'\x1f') splits them again).
inline std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) {
      out += '\x1f';
    }
    out += s;
  }
  return out;
}

// The rows before page `page` (1-based) of `per_page` rows.
inline std::int64_t offset_of(int page, int per_page) {
  return static_cast<std::int64_t>(page - 1) * per_page;
}

}  // namespace ugoki::content::admin::store::detail
