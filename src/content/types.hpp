// The content module's domain structs: articles as readers see them (in one language), the
// category list, bookmarks and reading progress. No JSON, no SQL.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/language.hpp"

namespace ugoki::content {

using instant = std::chrono::system_clock::time_point;

// The languages articles may be served in, English (the articles' own) first; each with the
// PostgreSQL text search configuration its translations are stemmed with. Adding one is a line
// here and translation rows (docs/content.md).
struct language_info {
  std::string_view code;
  std::string_view search_config;
};
inline constexpr std::array<language_info, 5> languages{
    {{"en", "english"}, {"de", "german"}, {"fr", "french"}, {"es", "spanish"}, {"it", "italian"}}};
inline constexpr std::string_view default_language = language::fallback;
inline constexpr auto language_codes = language::served;

// An article as a list shows it, in the language it is served in.
struct article_summary {
  std::string id;
  std::string slug;
  std::string title;
  std::string summary;
  std::string category;
  std::string language;  // the language served: a translation's, else "en"
  std::vector<std::string> tags;
  bool premium = false;
  int reading_time_minutes = 1;
  std::optional<std::string> author;
  std::optional<std::string> image_url;
  instant published_at{};
  std::int64_t published_us = 0;  // the cursor's key, exact
  // Search only: the ranked match's highlighted excerpt (HTML-safe text with <mark> around the
  // matched words, snippet.hpp) and the rank as PostgreSQL printed it (the cursor's key).
  std::optional<std::string> snippet;
  std::string rank;
};

// The caller's own state of one article.
struct reader_state {
  std::optional<instant> bookmarked_at;
  int percent = 0;
  std::optional<instant> read_at;
};

struct article {
  article_summary head;
  std::string body_markdown;
  std::string citations_json;                    // a JSON array, as stored
  std::vector<std::string> available_languages;  // "en" and every translation's
  instant updated_at{};
};

// One article of the snapshot (published or scheduled, not removed) in every language it has:
// English first, then its translations in `languages` order.
struct library_article {
  std::vector<article> versions;
  // The version served to a reader who negotiated `language`: its translation, else English.
  const article& in(std::string_view language) const {
    for (const auto& v : versions) {
      if (v.head.language == language) {
        return v;
      }
    }
    return versions.front();
  }
  const article_summary& head() const { return versions.front().head; }
};

// The readable articles as of a version of content_reference_version, found by current and
// former slugs. Scheduled articles are in it with their publish time: whether one is live is
// decided when it is asked for, against the clock.
struct article_library {
  std::int64_t version = 0;
  std::vector<library_article> articles;
  std::unordered_map<std::string, std::size_t> by_slug;  // current and former slugs

  const library_article* find(std::string_view slug) const {
    auto it = by_slug.find(std::string(slug));
    return it == by_slug.end() ? nullptr : &articles[it->second];
  }
};

// GET /content/articles: filters, page size, and where the previous page stopped.
struct article_query {
  std::optional<std::string> category;
  std::optional<std::string> tag;
  std::optional<std::string> q;
  int limit = 20;
  std::string language{default_language};
  // Without q: after (published_at, id); with q: after (rank, id).
  std::optional<std::int64_t> after_published_us;
  std::optional<std::string> after_rank;
  std::optional<std::string> after_id;
};

struct article_page {
  std::vector<article_summary> items;
  bool has_more = false;
  bool searched = false;  // q was given: the items are ranked, the cursor is by rank
};

struct category {
  std::string slug;
  std::string name;
  std::string language;
  int article_count = 0;
};

struct bookmark {
  article_summary article;
  instant created_at{};
  std::int64_t created_us = 0;
};

struct bookmark_query {
  int limit = 20;
  std::string language{default_language};
  std::optional<std::int64_t> after_us;
  std::optional<std::string> after_id;
};

struct bookmark_page {
  std::vector<bookmark> items;
  bool has_more = false;
};

// PUT /content/articles/:slug/progress.
struct progress_input {
  int percent = 0;
  bool completed = false;  // marks the article read whatever the percent
};

}  // namespace ugoki::content
