// The content module's SQL: articles (with their translation in the language asked for),
// categories, bookmarks and reading progress. Every function is one round trip; each throws
// pg::unavailable when the database is down and pg::error on a bug.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

#include "content/types.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::content::store {

// A page of live articles (published, publish time come, not removed) passing the query's
// filters, newest first, or ranked by the full-text match when q is set (with snippets).
// `search_config` is the text search configuration of q.language.
boost::asio::awaitable<article_page> articles(pg::database& db, const article_query& q,
                                              std::string_view search_config);

// The version stamp of the readable articles (content_reference_version).
boost::asio::awaitable<std::int64_t> library_version(pg::database& db);

// Every article that is published or scheduled and not removed, in English and each of its
// translations, with the former slugs that still find it, and the version it is as of. One
// round trip (a pipeline).
boost::asio::awaitable<article_library> load_library(pg::database& db);

// `user_id`'s bookmark and progress of the article `article_id` (all empty when none).
boost::asio::awaitable<reader_state> reader_state_of(pg::database& db, std::string user_id,
                                                     std::string article_id);

// The categories in order, named in `language` when translated, each with its live articles.
boost::asio::awaitable<std::vector<category>> categories(pg::database& db, std::string language);

// Saves a live article for the user (nothing when already saved). nullopt when there is no such
// live article; otherwise the bookmark and whether this call created it.
struct saved {
  bookmark b;
  bool created = false;
};
boost::asio::awaitable<std::optional<saved>> add_bookmark(pg::database& db, std::string user_id,
                                                          std::string slug, std::string language);

// Removes the user's bookmark of the article (nothing when there is none). false when no
// article has that slug (a removed one included: its bookmark goes with it anyway).
boost::asio::awaitable<bool> remove_bookmark(pg::database& db, std::string user_id,
                                             std::string slug);

// The user's bookmarks of live articles, newest first.
boost::asio::awaitable<bookmark_page> bookmarks(pg::database& db, std::string user_id,
                                                const bookmark_query& q);

// Records how far the user read a live article: percent as given, read_at set the first time
// `completed` (kept afterwards). Writes nothing for a premium article unless `premium_caller`.
struct progress_outcome {
  bool found = false;
  bool premium = false;  // the article is premium (and nothing was written unless allowed)
  reader_state state;
};
boost::asio::awaitable<progress_outcome> set_progress(pg::database& db, std::string user_id,
                                                      std::string slug, progress_input in,
                                                      bool premium_caller);

// The export's "content" member: {"bookmarks": [...], "reading_progress": [...]} as JSON text.
boost::asio::awaitable<std::string> export_user(pg::database& db, std::string user_id);

}  // namespace ugoki::content::store
