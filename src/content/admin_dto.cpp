// The content administration's parsers and renderers (admin_dto.hpp).
#include "content/admin_dto.hpp"

#include <algorithm>

#include "content/markdown.hpp"
#include "content/slug.hpp"
#include "core/json.hpp"
#include "core/json_writer.hpp"
#include "core/query.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "core/version_guard.hpp"

namespace ugoki::content::admin::dto {

namespace {

namespace bj = boost::json;

constexpr std::size_t max_tags = 20;
constexpr std::string_view slug_rule =
    "must be lowercase letters and digits in words joined by "
    "single hyphens, at most 80 characters";

// Plain text may not carry control characters (C0, DEL, C1): they render as nothing or break
// layouts in clients, and nothing an editor types needs them.
bool has_control(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) {
      return true;
    }
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      return true;
    }
  }
  return false;
}

std::optional<std::string> plain_text(json::field_reader& r, std::string_view name,
                                      std::size_t max_len, bool required) {
  auto v = r.string(name, 1, max_len, required);
  if (v && has_control(*v)) {
    r.add_error(std::string(name), "must not contain control characters");
    return std::nullopt;
  }
  if (v && text::trim_ows(*v).empty()) {
    r.add_error(std::string(name), "must not be blank");
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> slug_field(json::field_reader& r, std::string_view name, bool required) {
  auto v = r.string(name, 1, max_slug_length, required);
  if (v && !is_slug(*v)) {
    r.add_error(std::string(name), std::string(slug_rule));
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> body_field(json::field_reader& r, bool required) {
  return r.string("body_markdown", 1, max_body_chars, required);
}

// An absolute http(s) URL or a path on our own host ("/media/..."), no script-capable scheme.
std::optional<std::string> image_url_field(json::field_reader& r) {
  auto v = r.string("image_url", 1, 500, false);
  if (!v) {
    return v;
  }
  const std::string_view s = *v;
  const bool web = s.size() > 8 && (text::iequals_ascii(s.substr(0, 7), "http://") ||
                                    text::iequals_ascii(s.substr(0, 8), "https://"));
  const bool path = s.front() == '/' && (s.size() == 1 || s[1] != '/');
  if (has_control(s) || s.find(' ') != std::string_view::npos || !(web || path) ||
      !is_safe_url(s)) {
    r.add_error("image_url", "must be an http(s) URL or a path starting with /");
    return std::nullopt;
  }
  return v;
}

std::optional<std::vector<std::string>> tags_field(const bj::object& obj, json::field_reader& r) {
  auto it = obj.find("tags");
  if (it == obj.end() || it->value().is_null()) {
    return std::nullopt;
  }
  if (!it->value().is_array() || it->value().as_array().size() > max_tags) {
    r.add_error("tags", "must be an array of at most 20 tag slugs");
    return std::nullopt;
  }
  std::vector<std::string> tags;
  for (const auto& t : it->value().as_array()) {
    if (!t.is_string() || !is_slug(t.as_string())) {
      r.add_error("tags", "must be an array of at most 20 tag slugs");
      return std::nullopt;
    }
    std::string slug(t.as_string());
    if (std::find(tags.begin(), tags.end(), slug) != tags.end()) {
      r.add_error("tags", "names a tag twice");
      return std::nullopt;
    }
    tags.push_back(std::move(slug));
  }
  return tags;
}

// Reads an optional string that null clears (PATCH's author and image_url).
template <class Read>
std::optional<std::optional<std::string>> clearable(json::field_reader& r, std::string_view name,
                                                    Read read) {
  if (!r.has(name)) {
    return std::nullopt;
  }
  if (r.is_null(name)) {
    return std::optional<std::string>{};
  }
  auto v = read();
  if (!v) {
    return std::nullopt;  // the reader recorded why
  }
  return std::optional<std::string>{std::move(*v)};
}

// An optional body: empty means {}.
result<bj::object> optional_object(std::string_view body) {
  if (text::trim_ows(body).empty()) {
    return bj::object{};
  }
  return json::parse_object(body);
}

std::optional<std::map<std::string, std::optional<std::string>>> names_field(const bj::object& obj,
                                                                             json::field_reader& r,
                                                                             bool allow_null) {
  auto it = obj.find("names");
  if (it == obj.end()) {
    return std::nullopt;
  }
  if (!it->value().is_object()) {
    r.add_error("names", "must be an object of language codes to names");
    return std::nullopt;
  }
  std::map<std::string, std::optional<std::string>> out;
  for (const auto& kv : it->value().as_object()) {
    const std::string field = "names." + std::string(kv.key());
    if (!parse_translation_language(kv.key())) {
      r.add_error(field, "must be one of: de, fr, es, it");
      continue;
    }
    if (kv.value().is_null() && allow_null) {
      out.emplace(std::string(kv.key()), std::nullopt);
      continue;
    }
    bj::object one;
    one["name"] = kv.value();
    json::field_reader inner(one);
    auto name = plain_text(inner, "name", 60, true);
    for (const auto& e : inner.errors()) {
      r.add_error(field, e.message);
    }
    if (name) {
      out.emplace(std::string(kv.key()), std::move(*name));
    }
  }
  return out;
}

void write_instant(json::writer& w, std::string_view key, const std::optional<instant>& t) {
  w.key(key);
  if (t) {
    w.value(time::format_rfc3339(*t));
  } else {
    w.null();
  }
}

void write_strings(json::writer& w, std::string_view key, const std::vector<std::string>& v) {
  w.key(key).begin_array();
  for (const auto& s : v) {
    w.value(s);
  }
  w.end_array();
}

void write_row_members(json::writer& w, const article_row& a) {
  w.member("id", a.id)
      .member("slug", a.slug)
      .member("title", a.title)
      .member("category", a.category)
      .member("status", a.status)
      .member("premium", a.premium);
  write_strings(w, "tags", a.tags);
  write_instant(w, "published_at", a.published_at);
  w.member("updated_at", time::format_rfc3339(a.updated_at)).member("version", a.version);
}

}  // namespace

result<article_list_query> parse_article_list_query(const article_list_params& p) {
  query::reader r;
  article_list_query q;
  if (p.status) {
    if (std::find(statuses.begin(), statuses.end(), *p.status) == statuses.end()) {
      r.add_error("status", "must be one of: draft, scheduled, published, unpublished, removed");
    }
    q.status = p.status;
  }
  if (p.category) {
    if (!is_slug(*p.category)) {
      r.add_error("category", std::string(slug_rule));
    }
    q.category = p.category;
  }
  if (p.q) {
    std::string_view t = text::trim_ows(*p.q);
    if (t.empty() || t.size() > 200 || has_control(t)) {
      r.add_error("q", "must be 1 to 200 characters");
    }
    q.q = std::string(t);
  }
  const query::offset_page pages = r.offset(p.page, p.per_page);
  q.page = pages.page;
  q.per_page = pages.per_page;
  return r.finish(q);
}

result<list_query> parse_list_query(const std::optional<std::string>& page,
                                    const std::optional<std::string>& per_page) {
  query::reader r;
  const query::offset_page pages = r.offset(page, per_page);
  return r.finish(list_query{pages.page, pages.per_page});
}

result<article_input> parse_article_create(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"slug", "title", "summary", "body_markdown", "category", "tags", "premium",
                    "author", "image_url"});
  article_input in;
  in.slug = slug_field(r, "slug", false);
  in.title = plain_text(r, "title", 300, true).value_or("");
  in.summary = plain_text(r, "summary", max_summary_chars, true).value_or("");
  in.body_markdown = body_field(r, true).value_or("");
  in.category = slug_field(r, "category", true).value_or("");
  in.tags = tags_field(*obj, r).value_or(std::vector<std::string>{});
  in.premium = r.boolean("premium").value_or(false);
  in.author = plain_text(r, "author", 100, false);
  in.image_url = image_url_field(r);
  return r.finish(std::move(in));
}

result<article_patch> parse_article_patch(std::string_view body, std::string_view if_match) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"slug", "title", "summary", "body_markdown", "category", "tags", "premium",
                    "author", "image_url", "version"});
  article_patch p;
  p.slug = slug_field(r, "slug", false);
  p.title = plain_text(r, "title", 300, false);
  p.summary = plain_text(r, "summary", max_summary_chars, false);
  p.body_markdown = body_field(r, false);
  p.category = slug_field(r, "category", false);
  p.tags = tags_field(*obj, r);
  p.premium = r.boolean("premium");
  p.author = clearable(r, "author", [&] { return plain_text(r, "author", 100, false); });
  p.image_url = clearable(r, "image_url", [&] { return image_url_field(r); });
  p.version = version_guard::require(r, if_match);
  return r.finish(std::move(p));
}

result<publish_request> parse_publish(std::string_view body, std::string_view if_match,
                                      instant now) {
  auto obj = optional_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"publish_at", "version"});
  publish_request req;
  if (auto at = r.string("publish_at", 1, 64)) {
    req.at = time::parse_rfc3339(*at);
    if (!req.at) {
      r.add_error("publish_at", "must be an RFC 3339 instant");
    } else if (*req.at <= now) {
      r.add_error("publish_at", "must be in the future (leave it out to publish now)");
    }
  }
  req.pre.version = version_guard::read(r, if_match);
  return r.finish(std::move(req));
}

result<precondition> parse_precondition(std::string_view body, std::string_view if_match) {
  auto obj = optional_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"version"});
  precondition pre;
  pre.version = version_guard::read(r, if_match);
  return r.finish(pre);
}

result<translation_input> parse_translation(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"title", "summary", "body_markdown"});
  translation_input in;
  in.title = plain_text(r, "title", 300, true).value_or("");
  in.summary = plain_text(r, "summary", max_summary_chars, true).value_or("");
  in.body_markdown = body_field(r, true).value_or("");
  return r.finish(std::move(in));
}

result<std::string> parse_translation_language(std::string_view language) {
  for (const auto& l : languages) {
    if (l.code == language && l.code != default_language) {
      return std::string(language);
    }
  }
  return validation({{"language", "must be one of: de, fr, es, it"}});
}

result<category_input> parse_category_create(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"slug", "name", "position", "names"});
  category_input in;
  in.slug = slug_field(r, "slug", true).value_or("");
  if (in.slug.size() > 60) {
    r.add_error("slug", "must be at most 60 characters");
  }
  in.name = plain_text(r, "name", 60, true).value_or("");
  in.position = static_cast<int>(r.integer("position", 0, 10'000).value_or(0));
  for (auto& [language, name] :
       names_field(*obj, r, false).value_or(std::map<std::string, std::optional<std::string>>{})) {
    in.names.emplace(language, name.value_or(""));
  }
  return r.finish(std::move(in));
}

result<category_patch> parse_category_patch(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"name", "position", "names"});
  category_patch p;
  p.name = plain_text(r, "name", 60, false);
  if (auto pos = r.integer("position", 0, 10'000)) {
    p.position = static_cast<int>(*pos);
  }
  p.names =
      names_field(*obj, r, true).value_or(std::map<std::string, std::optional<std::string>>{});
  return r.finish(std::move(p));
}

result<tag_input> parse_tag_create(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"slug", "name"});
  tag_input in;
  in.slug = slug_field(r, "slug", false);
  in.name = plain_text(r, "name", 60, true).value_or("");
  return r.finish(std::move(in));
}

result<tag_patch> parse_tag_patch(std::string_view body) {
  auto obj = json::parse_object(body);
  if (!obj) {
    return std::move(obj.error());
  }
  json::field_reader r(*obj);
  r.reject_unknown({"slug", "name"});
  tag_patch p;
  p.slug = slug_field(r, "slug", false);
  p.name = plain_text(r, "name", 60, false);
  return r.finish(std::move(p));
}

std::string render_article_rows(const std::vector<article_row>& rows) {
  json::writer w(256 + rows.size() * 320);
  w.begin_array();
  for (const auto& a : rows) {
    w.begin_object();
    write_row_members(w, a);
    w.end_object();
  }
  w.end_array();
  return w.take();
}

std::string render_article(const article_detail& a) {
  json::writer w(1024 + a.body_markdown.size() + a.citations_json.size());
  w.begin_object();
  write_row_members(w, a.row);
  w.member("summary", a.summary)
      .member("body_markdown", a.body_markdown)
      .member("author", a.author)
      .member("image_url", a.image_url)
      .member("reading_time_minutes", a.reading_time_minutes);
  w.key("citations").raw(a.citations_json);
  write_strings(w, "former_slugs", a.former_slugs);
  write_strings(w, "translations", a.translations);
  w.member("created_at", time::format_rfc3339(a.created_at));
  write_instant(w, "unpublished_at", a.unpublished_at);
  write_instant(w, "deleted_at", a.deleted_at);
  w.end_object();
  return w.take();
}

std::string render_translation(const translation_detail& t) {
  json::writer w(512 + t.body_markdown.size());
  w.begin_object()
      .member("language", t.language)
      .member("title", t.title)
      .member("summary", t.summary)
      .member("body_markdown", t.body_markdown)
      .member("updated_at", time::format_rfc3339(t.updated_at))
      .end_object();
  return w.take();
}

std::string render_category(const category_detail& c) {
  json::writer w;
  w.begin_object()
      .member("slug", c.slug)
      .member("name", c.name)
      .member("position", c.position)
      .member("article_count", c.article_count);
  w.key("names").begin_object();
  for (const auto& [language, name] : c.names) {
    w.member(language, name);
  }
  w.end_object();
  w.end_object();
  return w.take();
}

std::string render_categories(const std::vector<category_detail>& items) {
  std::string out = "[";
  for (const auto& c : items) {
    if (out.size() > 1) {
      out += ',';
    }
    out += render_category(c);
  }
  out += ']';
  return out;
}

std::string render_tag(const tag_detail& t) {
  json::writer w;
  w.begin_object()
      .member("id", t.id)
      .member("slug", t.slug)
      .member("name", t.name)
      .member("article_count", t.article_count)
      .end_object();
  return w.take();
}

std::string render_tags(const std::vector<tag_detail>& items) {
  std::string out = "[";
  for (const auto& t : items) {
    if (out.size() > 1) {
      out += ',';
    }
    out += render_tag(t);
  }
  out += ']';
  return out;
}

}  // namespace ugoki::content::admin::dto
