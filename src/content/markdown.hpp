// Article bodies on write: Markdown parsed by cmark, stripped of everything that could run
// script in a client that renders it (raw HTML, script-capable link and image URLs), and
// written back as CommonMark (docs/content.md, "Administration"). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ugoki::content {

// Whether a link or image destination (as cmark decoded it: entities and backslash escapes
// resolved) may reach a client: a relative reference or an http, https or mailto URL. Tabs and
// newlines inside it and control characters or spaces around it are ignored first, as browsers
// do (WHATWG URL), so "java\tscript:" and " javascript:" are recognised; anything else with a
// scheme (javascript:, vbscript:, data:, file:, an unknown or malformed one) is refused.
bool is_safe_url(std::string_view url);

// `markdown` as CommonMark in which raw HTML (blocks and inline) has become literal text and
// every link or image with an unsafe destination has been replaced by its text. Invalid UTF-8
// and NULs become U+FFFD. Idempotent: sanitising the result returns it unchanged. nullopt only
// if the rendered text would not re-parse to a clean document (a cmark defect; the caller
// refuses the body rather than store it).
std::optional<std::string> sanitize_markdown(std::string_view markdown);

}  // namespace ugoki::content
