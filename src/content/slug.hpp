// Article and tag slugs from titles (docs/content.md, "Administration"). Pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ugoki::content {

// The longest slug the admin API generates or accepts (the column allows 255).
inline constexpr std::size_t max_slug_length = 80;

// `title` as a slug: lowercase ASCII letters and digits in words joined by single hyphens.
// Accents are folded (é -> e, ß -> ss, æ -> ae, ø -> o, ł -> l, þ -> th), apostrophes dropped
// ("don't" -> "dont"), anything else separates words. At most `max_length` characters, cut at a
// word boundary when there is one. Empty when the title has no letter or digit that folds to
// ASCII (the caller picks a fallback) or is not valid UTF-8.
std::string slugify(std::string_view title, std::size_t max_length = max_slug_length);

// `base` with the collision suffix "-n" (n >= 2), shortened so the whole stays within
// `max_length`: slug_candidate("a-b", 2) == "a-b-2"; n == 1 gives `base` itself.
std::string slug_candidate(std::string_view base, int n, std::size_t max_length = max_slug_length);

// Whether `s` is a slug: 1..max_length characters of [a-z0-9] words joined by single hyphens.
bool is_slug(std::string_view s, std::size_t max_length = max_slug_length);

}  // namespace ugoki::content
