// Language negotiation for localised data: Accept-Language (RFC 9110 section 12.5.4) parsed
// with q-values, and the best of the languages a piece of data exists in picked by RFC 4647
// lookup. Pure: no HTTP types, so a service may use it as well as a route.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ugoki::language {

// The languages Ugoki serves localised data in (articles and reference data alike), English
// first: every piece of data exists in English, a translation may exist in the others. Adding a
// language is a line here plus its translations (docs/content.md, docs/admin.md).
inline constexpr std::string_view fallback = "en";
inline constexpr std::array<std::string_view, 5> served{"en", "de", "fr", "es", "it"};

// One language range of an Accept-Language header: lowercase ("de-ch", "*"), with its weight.
struct range {
  std::string tag;
  double q = 1.0;
};

// The ranges of an Accept-Language value, highest q first (equal weights keep the header's
// order). Items that are not a language range (RFC 4647 2.1: 1*8ALPHA *("-" 1*8alphanum), or
// "*") or carry a malformed q are skipped; q=0 ranges are kept (they say "not this"). An empty,
// absent or wholly malformed header gives an empty list: no preference. At most 32 ranges are
// read, so a hostile header costs little.
std::vector<range> parse_accept_language(std::string_view header);

// The language of `available` (lowercase tags, e.g. {"en", "de", "fr"}) that `header` prefers,
// by lookup (RFC 4647 3.4): each range in preference order, then the range truncated one
// subtag at a time ("de-ch" then "de"), is compared with every available tag; a range "de"
// also takes an available "de-at" when no plain "de" exists. "*" takes `fallback`. A language
// refused with q=0 is never picked. `fallback` when nothing matches (it should be in
// `available`: the data's own language, English for ours).
std::string_view pick(std::string_view header, std::span<const std::string_view> available,
                      std::string_view fallback);

}  // namespace ugoki::language
