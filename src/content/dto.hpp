// JSON and query-string <-> the content module's structs. Parsers name every bad field in one
// 400 VAL_001; renderers write the API's JSON text (api/openapi.yaml, Content).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "content/types.hpp"
#include "core/error.hpp"

namespace ugoki {
class cursor_codec;
}

namespace ugoki::content::dto {

// Whether `s` can be an article slug (lowercase letters, digits, single hyphens, <= 255).
bool is_article_slug(std::string_view s);

// GET /content/articles's query parameters, percent-decoded, as given.
struct article_params {
  std::optional<std::string> category;
  std::optional<std::string> tag;
  std::optional<std::string> q;
  std::optional<std::string> limit;
  std::optional<std::string> cursor;
};

// category and tag slugs (unknown ones simply match nothing), q 1..200
// characters after trimming (websearch syntax: words, "phrases", -not, or), limit 1..100, a
// cursor this API issued for the same kind of list (ranked with q, by date without).
// `language` is the one the route negotiated.
result<article_query> parse_article_query(const article_params& p, const cursor_codec& codec,
                                          std::string language);

struct bookmark_params {
  std::optional<std::string> limit;
  std::optional<std::string> cursor;
};
result<bookmark_query> parse_bookmark_query(const bookmark_params& p, const cursor_codec& codec,
                                            std::string language);

// {"percent": 0..100 integer (required), "completed": boolean (optional)}; nothing else.
result<progress_input> parse_progress(std::string_view body);

// A page's items as a JSON array, and its pagination object (the next cursor signed).
std::string render_articles(const article_page& page);
std::string render_article_pagination(const article_page& page, const cursor_codec& codec);

// One article with its body (the same for every reader: the caller's state is render_state's).
std::string render_article(const article& a);

std::string render_categories(const std::vector<category>& items);

std::string render_bookmark(const bookmark& b);
std::string render_bookmarks(const bookmark_page& page);
std::string render_bookmark_pagination(const bookmark_page& page, const cursor_codec& codec);

// The caller's state of an article (GET .../state and PUT .../progress).
std::string render_state(const reader_state& s);

}  // namespace ugoki::content::dto
