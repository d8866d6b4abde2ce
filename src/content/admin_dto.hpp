// JSON, query strings and If-Match <-> the content administration's structs. Parsers name every
// bad field in one 400 VAL_001 and refuse unknown members; renderers write the API's JSON
// (api/openapi.yaml, "Content administration").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "content/admin_types.hpp"
#include "core/error.hpp"

namespace ugoki::content::admin::dto {

// The most characters a body (article or translation) may have, and a summary.
inline constexpr std::size_t max_body_chars = 100'000;
inline constexpr std::size_t max_summary_chars = 1'000;

struct article_list_params {
  std::optional<std::string> status;
  std::optional<std::string> category;
  std::optional<std::string> q;
  std::optional<std::string> page;
  std::optional<std::string> per_page;
};
// status one of `statuses`, category a slug, q 1..200 characters, page >= 1, per_page 1..100.
result<article_list_query> parse_article_list_query(const article_list_params& p);
// page >= 1 (default 1), per_page 1..100 (default 20).
result<list_query> parse_list_query(const std::optional<std::string>& page,
                                    const std::optional<std::string>& per_page);

// {"title" 1..300, "summary" 1..1000 (plain text: no control characters), "body_markdown"
// 1..100000, "category" a slug, "tags"? [slugs] (at most 20, no repeats), "premium"? bool,
// "slug"? a slug, "author"? 1..100 plain text, "image_url"? an http(s) URL or a path from "/"}.
result<article_input> parse_article_create(std::string_view body);

// The same members, all optional (author and image_url may be null to clear them), plus
// "version" (integer); `if_match` is the header. Either the header or the member must name the
// version the editor saw (400 naming `version` otherwise); both present must agree.
result<article_patch> parse_article_patch(std::string_view body, std::string_view if_match);

// POST .../publish: {"publish_at"?: an RFC 3339 instant after `now` (scheduled), "version"?}.
// An empty body publishes now.
struct publish_request {
  std::optional<instant> at;
  precondition pre;
};
result<publish_request> parse_publish(std::string_view body, std::string_view if_match,
                                      instant now);
// POST .../unpublish and DELETE: {"version"?} or no body, and If-Match.
result<precondition> parse_precondition(std::string_view body, std::string_view if_match);

// {"title", "summary", "body_markdown"} as for an article, all required.
result<translation_input> parse_translation(std::string_view body);
// A path's language: one of `languages` other than English (400 naming `language`).
result<std::string> parse_translation_language(std::string_view language);

// {"slug" (required), "name" 1..60, "position"? integer 0..10000, "names"? {"de": "..."}}.
result<category_input> parse_category_create(std::string_view body);
// {"name"?, "position"?, "names"? {"de": "..." | null}}.
result<category_patch> parse_category_patch(std::string_view body);
// {"name" 1..60, "slug"?}; {"name"?, "slug"?}.
result<tag_input> parse_tag_create(std::string_view body);
result<tag_patch> parse_tag_patch(std::string_view body);

std::string render_article_rows(const std::vector<article_row>& rows);
std::string render_article(const article_detail& a);
std::string render_translation(const translation_detail& t);
std::string render_categories(const std::vector<category_detail>& items);
std::string render_category(const category_detail& c);
std::string render_tags(const std::vector<tag_detail>& items);
std::string render_tag(const tag_detail& t);

}  // namespace ugoki::content::admin::dto
