// The content module's rules: what readers see of articles (live ones only, premium bodies for
// premium callers only, in the language they asked for), categories, and each reader's
// bookmarks and reading progress. No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "content/types.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/versioned_snapshot.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::content {

// The text search configuration of a language of `languages` ("english" for anything else).
std::string_view search_config_of(std::string_view language);

class service {
 public:
  // `db` and `clock` must outlive the service. The article snapshot re-reads the version stamp
  // at most once per `poll` and reloads only when it changed (docs/content.md, "The article
  // snapshot").
  service(pg::database& db, const clock& clock,
          std::chrono::milliseconds poll = std::chrono::seconds(1));
  // Routes hold the service by reference (router.hpp's bind_handler copies small copyable
  // values instead).
  service(const service&) = delete;
  service& operator=(const service&) = delete;

  // A page of live articles for a validated query (dto::parse_article_query). Premium articles
  // are listed like the others (premium: true, summary, no body).
  boost::asio::awaitable<article_page> articles(article_query q);

  // The current snapshot of readable articles. Loads it on first use (throws pg::unavailable
  // when the database is down then); afterwards a failing refresh keeps the last good one.
  boost::asio::awaitable<std::shared_ptr<const article_library>> library();

  // For the admin half after it edits articles: this instance checks the version stamp on its
  // next read instead of up to `poll` later (other instances poll the stamp, which the
  // database's triggers bump on every write). Thread-safe.
  void library_changed();

  // One live article (its publish time come, by the clock) by its slug or a former one, in
  // `language` when translated, else English; the snapshot it is in keeps it alive. 404
  // CONT_001 when there is no such live article (drafts, scheduled and removed ones included);
  // 403 AUTH_003 for a premium article when `premium_caller` is false. No query.
  struct found_article {
    std::shared_ptr<const article_library> lib;
    const article* a = nullptr;
  };
  boost::asio::awaitable<result<found_article>> article_by_slug(std::string_view slug,
                                                                std::string_view language,
                                                                bool premium_caller);

  // The user's own state of a live article (bookmark, progress, read): one query. 404 CONT_001
  // as article_by_slug; premium articles included (a free reader may save one).
  boost::asio::awaitable<result<reader_state>> state(std::string user_id, std::string_view slug);

  // The categories in display order with their live article counts.
  boost::asio::awaitable<std::vector<category>> categories(std::string language);

  // Saves an article for the user; saving it again changes nothing. The bookmark and whether
  // this call created it; 404 CONT_001 when there is no such live article.
  struct saved_bookmark {
    bookmark b;
    bool created = false;
  };
  boost::asio::awaitable<result<saved_bookmark>> bookmark(std::string user_id, std::string slug,
                                                          std::string language);
  // Removes the user's bookmark (nothing to do when there is none); 404 CONT_001 when no
  // article has the slug.
  boost::asio::awaitable<result<void>> unbookmark(std::string user_id, std::string slug);
  // The user's bookmarks of live articles, newest first.
  boost::asio::awaitable<bookmark_page> bookmarks(std::string user_id, bookmark_query q);

  // Records the user's reading progress (validated: percent 0..100). The article is read from
  // the first time percent reaches 100 or `completed` is given, and stays read. 404 CONT_001;
  // 403 AUTH_003 on a premium article for a caller who is not premium (nothing written).
  boost::asio::awaitable<result<reader_state>> set_progress(std::string user_id, std::string slug,
                                                            progress_input in, bool premium_caller);

  // The data export's "content" member: the user's bookmarks and reading progress as JSON.
  boost::asio::awaitable<std::string> export_part(std::string user_id);

 private:
  // The live article with that slug in `lib`, or nullptr.
  const library_article* live(const article_library& lib, std::string_view slug) const;

  pg::database& db_;
  const clock& clock_;
  // The readable articles, reloaded when content_reference_version's stamp changes.
  versioned_snapshot<article_library> snapshot_;
};

}  // namespace ugoki::content
