// The content administration's rules (admin_service.hpp).
#include "content/admin_service.hpp"

#include "content/admin_store.hpp"
#include "content/errors.hpp"
#include "content/markdown.hpp"
#include "content/service.hpp"
#include "content/slug.hpp"
#include "core/redis/reference_changes.hpp"

namespace ugoki::content::admin {

namespace {

using boost::asio::awaitable;

// How many suffixed slugs a generated one tries (-2 .. -50) before giving up with a 409.
constexpr int slug_attempts = 50;

// Sanitises a body in place; false when it cannot be made safe (a cmark defect: refused).
bool sanitise(std::string& body) {
  auto clean = sanitize_markdown(body);
  if (!clean) {
    return false;
  }
  body = std::move(*clean);
  return true;
}

api_error unsafe_body() {
  return validation({{"body_markdown", "could not be made safe; simplify the Markdown"}});
}

// The store's refusal as the API's error, for an article write.
api_error article_error(const store::refusal r, const std::vector<std::string>& unknown) {
  switch (r) {
    case store::refusal::stale:
      return errors::stale_version();
    case store::refusal::removed:
      return errors::article_removed();
    case store::refusal::slug_taken:
      return errors::slug_taken();
    case store::refusal::unknown_category:
      return validation({{"category", "no such category"}});
    case store::refusal::unknown_tags: {
      std::string names;
      for (const auto& t : unknown) {
        names += names.empty() ? t : ", " + t;
      }
      return validation({{"tags", "no such tag: " + names}});
    }
    default:
      return errors::admin_article_not_found();
  }
}

}  // namespace

int reading_time_of(std::string_view markdown) {
  int words = 0;
  bool in_word = false;
  for (char c : markdown) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    words += !space && !in_word;
    in_word = !space;
  }
  return std::clamp((words + 199) / 200, 1, 120);
}

service::service(pg::database& db, redis::reference_changes& changes, const clock& clock)
    : db_(db), changes_(changes), clock_(clock) {}

awaitable<void> service::announce() {
  co_await changes_.announce("content");
}

awaitable<page<article_row>> service::articles(article_list_query q) {
  co_return co_await store::list_articles(db_, q);
}

awaitable<result<article_detail>> service::article(std::string id) {
  auto found = co_await store::get_article(db_, std::move(id));
  if (!found) {
    co_return errors::admin_article_not_found();
  }
  co_return std::move(*found);
}

awaitable<result<article_detail>> service::create(actor who, article_input in) {
  if (!sanitise(in.body_markdown)) {
    co_return unsafe_body();
  }
  std::vector<std::string> slugs;
  if (in.slug) {
    slugs.push_back(*in.slug);
  } else {
    std::string base = slugify(in.title);
    if (base.empty()) {
      base = "article";
    }
    for (int n = 1; n <= slug_attempts; ++n) {
      slugs.push_back(slug_candidate(base, n));
    }
  }
  const int minutes = reading_time_of(in.body_markdown);
  auto out = co_await store::create_article(db_, who, in, std::move(slugs), minutes);
  if (out.r != store::refusal::none) {
    co_return article_error(out.r, out.unknown);
  }
  co_await announce();
  co_return std::move(*out.value);
}

awaitable<result<article_detail>> service::update(actor who, std::string id, article_patch p) {
  std::optional<int> minutes;
  if (p.body_markdown) {
    if (!sanitise(*p.body_markdown)) {
      co_return unsafe_body();
    }
    minutes = reading_time_of(*p.body_markdown);
  }
  auto out = co_await store::update_article(db_, who, std::move(id), p, minutes);
  if (out.r != store::refusal::none) {
    co_return article_error(out.r, out.unknown);
  }
  co_await announce();
  co_return std::move(*out.value);
}

awaitable<result<article_detail>> service::publish(actor who, std::string id,
                                                   std::optional<instant> at, precondition pre) {
  auto out = co_await store::change_state(db_, who, std::move(id), store::action::publish, at, pre);
  if (out.r != store::refusal::none) {
    co_return article_error(out.r, out.unknown);
  }
  co_await announce();
  co_return std::move(*out.value);
}

awaitable<result<article_detail>> service::unpublish(actor who, std::string id, precondition pre) {
  auto out = co_await store::change_state(db_, who, std::move(id), store::action::unpublish,
                                          std::nullopt, pre);
  if (out.r != store::refusal::none) {
    co_return article_error(out.r, out.unknown);
  }
  co_await announce();
  co_return std::move(*out.value);
}

awaitable<result<void>> service::remove(actor who, std::string id, precondition pre) {
  auto out = co_await store::change_state(db_, who, std::move(id), store::action::remove,
                                          std::nullopt, pre);
  if (out.r != store::refusal::none) {
    co_return article_error(out.r, out.unknown);
  }
  co_await announce();
  co_return result<void>{};
}

awaitable<result<translation_detail>> service::translation(std::string id, std::string language) {
  auto found = co_await store::get_translation(db_, id, language);
  if (found) {
    co_return std::move(*found);
  }
  auto article = co_await store::get_article(db_, std::move(id));
  if (!article) {
    co_return errors::admin_article_not_found();
  }
  co_return errors::translation_not_found();
}

awaitable<result<service::saved_translation>> service::put_translation(actor who, std::string id,
                                                                       std::string language,
                                                                       translation_input in) {
  if (!sanitise(in.body_markdown)) {
    co_return unsafe_body();
  }
  const std::string config(search_config_of(language));
  auto out = co_await store::put_translation(db_, who, std::move(id), language, config, in);
  if (out.r == store::refusal::not_found) {
    co_return errors::admin_article_not_found();
  }
  if (out.r == store::refusal::removed) {
    co_return errors::article_removed();
  }
  co_await announce();
  co_return saved_translation{std::move(*out.value), out.created};
}

awaitable<result<void>> service::delete_translation(actor who, std::string id,
                                                    std::string language) {
  auto r = co_await store::delete_translation(db_, who, id, std::move(language));
  if (r != store::refusal::none) {
    auto article = co_await store::get_article(db_, std::move(id));
    if (!article) {
      co_return errors::admin_article_not_found();
    }
    co_return errors::translation_not_found();
  }
  co_await announce();
  co_return result<void>{};
}

awaitable<page<category_detail>> service::categories(list_query q) {
  co_return co_await store::list_categories(db_, q);
}

awaitable<result<category_detail>> service::create_category(actor who, category_input in) {
  auto out = co_await store::create_category(db_, who, in);
  if (out.r != store::refusal::none) {
    co_return errors::category_exists();
  }
  co_await announce();
  co_return std::move(*out.value);
}

awaitable<result<category_detail>> service::update_category(actor who, std::string slug,
                                                            category_patch p) {
  auto out = co_await store::update_category(db_, who, std::move(slug), p);
  if (out.r != store::refusal::none) {
    co_return errors::category_not_found();
  }
  co_await announce();
  co_return std::move(*out.value);
}

awaitable<result<void>> service::delete_category(actor who, std::string slug) {
  auto r = co_await store::delete_category(db_, who, std::move(slug));
  if (r == store::refusal::not_found) {
    co_return errors::category_not_found();
  }
  if (r == store::refusal::in_use) {
    co_return errors::category_in_use();
  }
  co_await announce();
  co_return result<void>{};
}

awaitable<page<tag_detail>> service::tags(list_query q) {
  co_return co_await store::list_tags(db_, q);
}

awaitable<result<tag_detail>> service::create_tag(actor who, tag_input in) {
  std::string slug;
  if (in.slug) {
    slug = *in.slug;
  } else {
    slug = slugify(in.name);
  }
  if (slug.empty()) {
    co_return validation({{"slug", "is required when the name has no letters or digits"}});
  }
  auto out = co_await store::create_tag(db_, who, std::move(slug), std::move(in.name));
  if (out.r != store::refusal::none) {
    co_return errors::tag_slug_taken();
  }
  co_await announce();
  co_return std::move(*out.value);
}

awaitable<result<tag_detail>> service::update_tag(actor who, std::string id, tag_patch p) {
  auto out = co_await store::update_tag(db_, who, std::move(id), p);
  if (out.r == store::refusal::not_found) {
    co_return errors::tag_not_found();
  }
  if (out.r == store::refusal::slug_taken) {
    co_return errors::tag_slug_taken();
  }
  co_await announce();
  co_return std::move(*out.value);
}

awaitable<result<void>> service::delete_tag(actor who, std::string id) {
  auto r = co_await store::delete_tag(db_, who, std::move(id));
  if (r != store::refusal::none) {
    co_return errors::tag_not_found();
  }
  co_await announce();
  co_return result<void>{};
}

}  // namespace ugoki::content::admin
