// The content module's rules: what readers see of articles (live ones only, premium bodies for
// premium callers only, in the language they asked for), categories, and each reader's
// bookmarks and reading progress. No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "content/types.hpp"
#include "core/error.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::content {

// The text search configuration of a language of `languages` ("english" for anything else).
std::string_view search_config_of(std::string_view language);

class service {
 public:
  // `db` must outlive the service.
  explicit service(pg::database& db) : db_(db) {}
  // Routes hold the service by reference (router.hpp's bind_handler copies small copyable
  // values instead).
  service(const service&) = delete;
  service& operator=(const service&) = delete;

  // A page of live articles for a validated query (dto::parse_article_query). Premium articles
  // are listed like the others (premium: true, summary, no body).
  boost::asio::awaitable<article_page> articles(article_query q);

  // One live article with the caller's state of it. 404 CONT_001 when there is no such live
  // article (drafts, scheduled and removed ones included); 403 AUTH_003 for a premium article
  // when `premium_caller` is false.
  boost::asio::awaitable<result<article>> article_by_slug(std::string slug, std::string language,
                                                          std::string user_id, bool premium_caller);

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
  pg::database& db_;
};

}  // namespace ugoki::content
