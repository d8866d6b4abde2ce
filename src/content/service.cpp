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

service::service(pg::database& db, const clock& clock, std::chrono::milliseconds poll)
    : db_(db),
      clock_(clock),
      snapshot_([&db] { return store::library_version(db); },
                [&db] { return store::load_library(db); }, poll) {}

awaitable<std::shared_ptr<const article_library>> service::library() {
  return snapshot_.get();
}

void service::library_changed() {
  snapshot_.changed();
}

const library_article* service::live(const article_library& lib, std::string_view slug) const {
  const library_article* entry = lib.find(slug);
  // Scheduled articles are in the snapshot: one whose publish time has come is live now, with
  // no reload and no job (the snapshot changes only when the data does).
  if (entry == nullptr || entry->head().published_at > clock_.now()) {
    return nullptr;
  }
  return entry;
}

awaitable<result<service::found_article>> service::article_by_slug(std::string_view slug,
                                                                   std::string_view language,
                                                                   bool premium_caller) {
  auto lib = co_await library();
  const library_article* entry = live(*lib, slug);
  if (entry == nullptr) {
    co_return errors::article_not_found();
  }
  // The gate comes before any caching decision of the route: a refused caller gets the 403
  // whatever validator it presents.
  if (entry->head().premium && !premium_caller) {
    co_return errors::premium_article();
  }
  const article* a = &entry->in(language);
  co_return found_article{std::move(lib), a};
}

awaitable<result<reader_state>> service::state(std::string user_id, std::string_view slug) {
  auto lib = co_await library();
  const library_article* entry = live(*lib, slug);
  if (entry == nullptr) {
    co_return errors::article_not_found();
  }
  co_return co_await store::reader_state_of(db_, std::move(user_id), entry->head().id);
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
