// The content module's rules (service.hpp).
#include "content/service.hpp"

#include "content/errors.hpp"
#include "content/snippet.hpp"
#include "content/store.hpp"

namespace ugoki::content {

using boost::asio::awaitable;

std::string_view search_config_of(std::string_view language) {
  for (const auto& l : languages) {
    if (l.code == language) {
      return l.search_config;
    }
  }
  return "english";
}

awaitable<article_page> service::articles(article_query q) {
  const std::string_view config = search_config_of(q.language);
  article_page page = co_await store::articles(db_, q, config);
  for (auto& item : page.items) {
    if (item.snippet) {
      item.snippet = render_snippet(*item.snippet);
    }
  }
  co_return page;
}

awaitable<result<article>> service::article_by_slug(std::string slug, std::string language,
                                                    std::string user_id, bool premium_caller) {
  auto found = co_await store::article_by_slug(db_, std::move(slug), std::move(language),
                                               std::move(user_id));
  if (!found) {
    co_return errors::article_not_found();
  }
  // The gate comes before any caching decision of the route: a refused caller gets the 403
  // whatever validator it presents.
  if (found->head.premium && !premium_caller) {
    co_return errors::premium_article();
  }
  co_return std::move(*found);
}

awaitable<std::vector<category>> service::categories(std::string language) {
  co_return co_await store::categories(db_, std::move(language));
}

awaitable<result<service::saved_bookmark>> service::bookmark(std::string user_id, std::string slug,
                                                             std::string language) {
  auto saved =
      co_await store::add_bookmark(db_, std::move(user_id), std::move(slug), std::move(language));
  if (!saved) {
    co_return errors::article_not_found();
  }
  co_return saved_bookmark{std::move(saved->b), saved->created};
}

awaitable<result<void>> service::unbookmark(std::string user_id, std::string slug) {
  // Awaited into a variable first: gcc 12 miscompiles a co_await inside an if condition.
  bool found = co_await store::remove_bookmark(db_, std::move(user_id), std::move(slug));
  if (!found) {
    co_return errors::article_not_found();
  }
  co_return result<void>{};
}

awaitable<bookmark_page> service::bookmarks(std::string user_id, bookmark_query q) {
  co_return co_await store::bookmarks(db_, std::move(user_id), q);
}

awaitable<result<reader_state>> service::set_progress(std::string user_id, std::string slug,
                                                      progress_input in, bool premium_caller) {
  in.completed = in.completed || in.percent == 100;
  auto out =
      co_await store::set_progress(db_, std::move(user_id), std::move(slug), in, premium_caller);
  if (!out.found) {
    co_return errors::article_not_found();
  }
  if (out.premium && !premium_caller) {
    co_return errors::premium_article();
  }
  co_return out.state;
}

awaitable<std::string> service::export_part(std::string user_id) {
  co_return co_await store::export_user(db_, std::move(user_id));
}

}  // namespace ugoki::content
