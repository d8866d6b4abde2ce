// The content administration's domain structs: articles in every status as editors see them,
// categories with their translated names, tags, and the inputs of each write. No JSON, no SQL.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/types.hpp"

namespace ugoki::content::admin {

// Where an article stands (derived, never stored): removed (deleted_at set), draft (never
// published), unpublished (taken down since), scheduled (publish time to come), published.
inline constexpr std::array<std::string_view, 5> statuses{"draft", "scheduled", "published",
                                                          "unpublished", "removed"};

// A row of the admin list.
struct article_row {
  std::string id;
  std::string slug;
  std::string title;
  std::string category;
  std::string status;
  bool premium = false;
  std::vector<std::string> tags;
  std::optional<instant> published_at;
  instant updated_at{};
  std::int64_t version = 1;
};

// Everything an editor needs of one article.
struct article_detail {
  article_row row;
  std::string summary;
  std::string body_markdown;
  std::optional<std::string> author;
  std::optional<std::string> image_url;
  int reading_time_minutes = 1;
  std::string citations_json;             // a JSON array, as stored (read-only here)
  std::vector<std::string> former_slugs;  // oldest first
  std::vector<std::string> translations;  // language codes
  instant created_at{};
  std::optional<instant> unpublished_at;
  std::optional<instant> deleted_at;
};

struct article_list_query {
  std::optional<std::string> status;
  std::optional<std::string> category;
  std::optional<std::string> q;  // a substring of the title, case-insensitive
  int page = 1;
  int per_page = 20;
};

template <class T>
struct page {
  std::vector<T> items;
  std::int64_t total = 0;
  int page_number = 1;
  int per_page = 20;
};

// POST /admin/content/articles (validated; the body already sanitised by the service).
struct article_input {
  std::optional<std::string> slug;  // none: generated from the title
  std::string title;
  std::string summary;
  std::string body_markdown;
  std::string category;
  std::vector<std::string> tags;
  bool premium = false;
  std::optional<std::string> author;
  std::optional<std::string> image_url;
};

// PATCH /admin/content/articles/:id: only what is set changes. The outer optional of author and
// image_url says whether the member was sent, the inner one whether it was null (cleared).
struct article_patch {
  std::optional<std::string> slug;
  std::optional<std::string> title;
  std::optional<std::string> summary;
  std::optional<std::string> body_markdown;
  std::optional<std::string> category;
  std::optional<std::vector<std::string>> tags;
  std::optional<bool> premium;
  std::optional<std::optional<std::string>> author;
  std::optional<std::optional<std::string>> image_url;
  std::optional<std::int64_t> version;  // the version the editor saw (or If-Match)
};

// An action's optional precondition (If-Match or a `version` member).
struct precondition {
  std::optional<std::int64_t> version;
};

// PUT /admin/content/articles/:id/translations/:language.
struct translation_input {
  std::string title;
  std::string summary;
  std::string body_markdown;
};

struct translation_detail {
  std::string language;
  std::string title;
  std::string summary;
  std::string body_markdown;
  instant updated_at{};
};

struct category_detail {
  std::string slug;
  std::string name;
  int position = 0;
  std::map<std::string, std::string> names;  // language -> name, English excluded
  std::int64_t article_count = 0;            // every article in it, removed ones included
};

struct category_input {
  std::string slug;
  std::string name;
  int position = 0;
  std::map<std::string, std::string> names;
};

// Translated names: a language mapped to a name sets it, to nullopt (JSON null) removes it.
struct category_patch {
  std::optional<std::string> name;
  std::optional<int> position;
  std::map<std::string, std::optional<std::string>> names;
};

struct tag_detail {
  std::string id;
  std::string slug;
  std::string name;
  std::int64_t article_count = 0;
};

struct tag_input {
  std::optional<std::string> slug;  // none: from the name
  std::string name;
};

struct tag_patch {
  std::optional<std::string> slug;
  std::optional<std::string> name;
};

struct list_query {
  int page = 1;
  int per_page = 20;
};

}  // namespace ugoki::content::admin
