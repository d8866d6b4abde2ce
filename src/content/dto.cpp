// Parsers and renderers of the content routes (dto.hpp).
#include "content/dto.hpp"

#include <boost/json/object.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/cursor.hpp"
#include "core/json.hpp"
#include "core/json_writer.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace ugoki::content::dto {

namespace {

constexpr std::size_t max_query_length = 200;
constexpr std::size_t max_tag_length = 60;
constexpr std::size_t max_category_length = 60;

// A ranked page's cursor key: "r" and the float4 rank as PostgreSQL printed it (exact).
constexpr char rank_prefix = 'r';

bool is_slug(std::string_view s, std::size_t max) {
  if (s.empty() || s.size() > max || s.front() == '-' || s.back() == '-') {
    return false;
  }
  char prev = 0;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && prev != '-');
    if (!ok) {
      return false;
    }
    prev = c;
  }
  return true;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    n += (c & 0xC0) != 0x80;
  }
  return n;
}

std::optional<int> parse_limit(const std::optional<std::string>& raw,
                               std::vector<field_error>& errors) {
  if (!raw) {
    return std::nullopt;
  }
  int n = 0;
  auto [end, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), n);
  if (ec != std::errc{} || end != raw->data() + raw->size() || n < 1 || n > 100) {
    errors.push_back({"limit", "must be an integer between 1 and 100"});
    return std::nullopt;
  }
  return n;
}

// A float4 rank as text: finite, non-negative.
bool is_rank(std::string_view s) {
  if (s.empty() || s.size() > 32) {
    return false;
  }
  std::string copy(s);
  char* end = nullptr;
  double v = std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size() && std::isfinite(v) && v >= 0;
}

void write_instant(json::writer& w, std::string_view key, const std::optional<instant>& t) {
  w.key(key);
  if (t) {
    w.value(time::format_rfc3339(*t));
  } else {
    w.null();
  }
}

void write_summary_members(json::writer& w, const article_summary& s) {
  w.member("id", s.id)
      .member("slug", s.slug)
      .member("title", s.title)
      .member("summary", s.summary)
      .member("category", s.category);
  w.key("tags").begin_array();
  for (const auto& t : s.tags) {
    w.value(t);
  }
  w.end_array();
  w.member("premium", s.premium)
      .member("reading_time_minutes", s.reading_time_minutes)
      .member("author", s.author)
      .member("image_url", s.image_url)
      .member("language", s.language)
      .member("published_at", time::format_rfc3339(s.published_at));
}

void write_summary(json::writer& w, const article_summary& s) {
  w.begin_object();
  write_summary_members(w, s);
  if (s.snippet) {
    w.member("snippet", *s.snippet);
  }
  w.end_object();
}

void write_state(json::writer& w, const reader_state& s) {
  w.begin_object();
  w.member("bookmarked", s.bookmarked_at.has_value());
  write_instant(w, "bookmarked_at", s.bookmarked_at);
  w.member("progress_percent", s.percent).member("read", s.read_at.has_value());
  write_instant(w, "read_at", s.read_at);
  w.end_object();
}

}  // namespace

bool is_article_slug(std::string_view s) {
  return is_slug(s, 255);
}

result<article_query> parse_article_query(const article_params& p, const cursor_codec& codec,
                                          std::string language) {
  std::vector<field_error> errors;
  article_query q;
  q.language = std::move(language);
  if (p.category) {
    // Categories are data (editors add them): any slug-shaped one is a filter, an unknown one
    // matches nothing, as tags do.
    if (!is_slug(*p.category, max_category_length)) {
      errors.push_back({"category",
                        "must be a category slug (lowercase letters, digits and "
                        "hyphens)"});
    } else {
      q.category = p.category;
    }
  }
  if (p.tag) {
    if (!is_slug(*p.tag, max_tag_length)) {
      errors.push_back({"tag", "must be a tag slug (lowercase letters, digits and hyphens)"});
    } else {
      q.tag = p.tag;
    }
  }
  if (p.q) {
    std::string_view trimmed = text::trim_ows(*p.q);
    const std::size_t n = code_points(trimmed);
    if (n < 1 || n > max_query_length) {
      errors.push_back({"q", "must be between 1 and 200 characters"});
    } else {
      q.q = std::string(trimmed);
    }
  }
  if (auto n = parse_limit(p.limit, errors)) {
    q.limit = *n;
  }
  if (p.cursor) {
    bool ok = false;
    if (p.q) {
      auto pos = codec.decode(*p.cursor);
      if (pos && pos->sort_key.size() > 1 && pos->sort_key.front() == rank_prefix &&
          is_rank(std::string_view(pos->sort_key).substr(1))) {
        q.after_rank = pos->sort_key.substr(1);
        q.after_id = std::move(pos->id);
        ok = true;
      }
    } else if (auto pos = codec.decode_instant(*p.cursor)) {
      q.after_published_us = pos->micros;
      q.after_id = std::move(pos->id);
      ok = true;
    }
    if (!ok) {
      errors.push_back({"cursor", "is not a cursor this API issued for this list"});
    }
  }
  if (!errors.empty()) {
    return validation(std::move(errors));
  }
  return q;
}

result<bookmark_query> parse_bookmark_query(const bookmark_params& p, const cursor_codec& codec,
                                            std::string language) {
  std::vector<field_error> errors;
  bookmark_query q;
  q.language = std::move(language);
  if (auto n = parse_limit(p.limit, errors)) {
    q.limit = *n;
  }
  if (p.cursor) {
    if (auto pos = codec.decode_instant(*p.cursor)) {
      q.after_us = pos->micros;
      q.after_id = std::move(pos->id);
    } else {
      errors.push_back({"cursor", "is not a cursor this API issued for this list"});
    }
  }
  if (!errors.empty()) {
    return validation(std::move(errors));
  }
  return q;
}

result<progress_input> parse_progress(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"percent", "completed"});
  progress_input in;
  auto percent = r.integer("percent", 0, 100, true);
  auto completed = r.boolean("completed");
  in.percent = static_cast<int>(percent.value_or(0));
  in.completed = completed.value_or(false);
  return r.finish(in);
}

std::string render_articles(const article_page& page) {
  json::writer w(256 + page.items.size() * 512);
  w.begin_array();
  for (const auto& s : page.items) {
    write_summary(w, s);
  }
  w.end_array();
  return w.take();
}

std::string render_article_pagination(const article_page& page, const cursor_codec& codec) {
  if (!page.has_more || page.items.empty()) {
    return pagination_json(std::nullopt);
  }
  const article_summary& last = page.items.back();
  if (page.searched) {
    return pagination_json(codec.encode(std::string(1, rank_prefix) + last.rank, last.id));
  }
  return pagination_json(codec.encode_instant(
      std::chrono::system_clock::time_point(std::chrono::microseconds(last.published_us)),
      last.id));
}

std::string render_article(const article& a) {
  json::writer w(1024 + a.body_markdown.size() + a.citations_json.size());
  w.begin_object();
  write_summary_members(w, a.head);
  w.member("body_markdown", a.body_markdown);
  w.key("citations").raw(a.citations_json);
  w.key("available_languages").begin_array();
  for (const auto& l : a.available_languages) {
    w.value(l);
  }
  w.end_array();
  w.member("updated_at", time::format_rfc3339(a.updated_at));
  w.end_object();
  return w.take();
}

std::string render_categories(const std::vector<category>& items) {
  json::writer w;
  w.begin_array();
  for (const auto& c : items) {
    w.begin_object()
        .member("slug", c.slug)
        .member("name", c.name)
        .member("language", c.language)
        .member("article_count", c.article_count)
        .end_object();
  }
  w.end_array();
  return w.take();
}

namespace {
void write_bookmark(json::writer& w, const bookmark& b) {
  w.begin_object();
  w.member("bookmarked_at", time::format_rfc3339(b.created_at));
  w.key("article");
  write_summary(w, b.article);
  w.end_object();
}
}  // namespace

std::string render_bookmark(const bookmark& b) {
  json::writer w(1024);
  write_bookmark(w, b);
  return w.take();
}

std::string render_bookmarks(const bookmark_page& page) {
  json::writer w(256 + page.items.size() * 512);
  w.begin_array();
  for (const auto& b : page.items) {
    write_bookmark(w, b);
  }
  w.end_array();
  return w.take();
}

std::string render_bookmark_pagination(const bookmark_page& page, const cursor_codec& codec) {
  if (!page.has_more || page.items.empty()) {
    return pagination_json(std::nullopt);
  }
  const bookmark& last = page.items.back();
  return pagination_json(codec.encode_instant(
      std::chrono::system_clock::time_point(std::chrono::microseconds(last.created_us)),
      last.article.id));
}

std::string render_state(const reader_state& s) {
  json::writer w(160);
  write_state(w, s);
  return w.take();
}

}  // namespace ugoki::content::dto
