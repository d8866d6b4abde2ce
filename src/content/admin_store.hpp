// The content administration's SQL: articles in every status, their tags, former slugs and
// translations, categories and tags. Every write is one transaction that also records its
// admin_audit() entry (docs/admin.md). Each function throws pg::unavailable when the database
// is down and pg::error on a bug; expected refusals are returned as `refusal`.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

#include "content/admin_types.hpp"
#include "core/actor.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::content::admin::store {

enum class refusal {
  none,
  not_found,         // no such article, category, tag or translation
  stale,             // the precondition's version is not the article's
  removed,           // the article was removed
  slug_taken,        // another article's current or former slug; another tag's slug
  unknown_category,  // the category named does not exist
  unknown_tags,      // tags named do not exist (listed in `unknown`)
  exists,            // a category with this slug exists
  in_use,            // a category articles are filed under
};

template <class T>
struct outcome {
  refusal r = refusal::none;
  std::optional<T> value;
  bool created = false;              // put_translation: a new translation
  std::vector<std::string> unknown;  // unknown_tags
};

boost::asio::awaitable<page<article_row>> list_articles(pg::database& db,
                                                        const article_list_query& q);
// Any article by id, removed ones included.
boost::asio::awaitable<std::optional<article_detail>> get_article(pg::database& db, std::string id);

// Creates a draft with the first of `slugs` that no article has or had (an explicit slug is the
// only candidate: slug_taken when it is in use). A concurrent create that takes the same slug
// makes the unique index refuse one of them, which then tries again. unknown_category,
// unknown_tags.
boost::asio::awaitable<outcome<article_detail>> create_article(pg::database& db, const actor& who,
                                                               const article_input& in,
                                                               std::vector<std::string> slugs,
                                                               int reading_time_minutes);

// Applies the patch (its body already sanitised; reading time recomputed when the body
// changed). A new slug keeps the old one answering (content_article_slug_aliases); taking back
// one of the article's own former slugs drops that alias. not_found, stale, removed,
// slug_taken, unknown_category, unknown_tags.
boost::asio::awaitable<outcome<article_detail>> update_article(
    pg::database& db, const actor& who, std::string id, const article_patch& p,
    std::optional<int> reading_time_minutes);

// State changes. publish: now (no-op when already live) or at `at` (scheduled); unpublish:
// takes it down (no-op when not published or scheduled); remove: soft delete (no-op when
// already removed). A no-op writes nothing and records nothing. not_found, stale, removed
// (publish and unpublish of a removed article).
enum class action { publish, unpublish, remove };
boost::asio::awaitable<outcome<article_detail>> change_state(pg::database& db, const actor& who,
                                                             std::string id, action a,
                                                             std::optional<instant> at,
                                                             precondition pre);

// A translation: read, upsert (created says which), delete. not_found when the article (or for
// get/delete the translation) does not exist; removed for a removed article's upsert.
boost::asio::awaitable<std::optional<translation_detail>> get_translation(pg::database& db,
                                                                          std::string id,
                                                                          std::string language);
boost::asio::awaitable<outcome<translation_detail>> put_translation(
    pg::database& db, const actor& who, std::string id, std::string language,
    std::string search_config, const translation_input& in);
boost::asio::awaitable<refusal> delete_translation(pg::database& db, const actor& who,
                                                   std::string id, std::string language);

// Categories in display order, each with its translated names and article count.
boost::asio::awaitable<page<category_detail>> list_categories(pg::database& db, list_query q);
// exists.
boost::asio::awaitable<outcome<category_detail>> create_category(pg::database& db, const actor& who,
                                                                 const category_input& in);
// not_found.
boost::asio::awaitable<outcome<category_detail>> update_category(pg::database& db, const actor& who,
                                                                 std::string slug,
                                                                 const category_patch& p);
// not_found, in_use.
boost::asio::awaitable<refusal> delete_category(pg::database& db, const actor& who,
                                                std::string slug);

boost::asio::awaitable<page<tag_detail>> list_tags(pg::database& db, list_query q);
// slug_taken.
boost::asio::awaitable<outcome<tag_detail>> create_tag(pg::database& db, const actor& who,
                                                       std::string slug, std::string name);
// not_found, slug_taken.
boost::asio::awaitable<outcome<tag_detail>> update_tag(pg::database& db, const actor& who,
                                                       std::string id, const tag_patch& p);
// not_found. The tag leaves every article it was on.
boost::asio::awaitable<refusal> delete_tag(pg::database& db, const actor& who, std::string id);

}  // namespace ugoki::content::admin::store
