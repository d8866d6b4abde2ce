// The content administration's rules: article bodies sanitised and slugs chosen on write, the
// store's refusals as the API's errors, and every committed write announced so readers on every
// instance see it at once (docs/admin.md). No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>

#include "content/admin_types.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"

namespace ugoki::pg {
class database;
}
namespace ugoki::redis {
class reference_changes;
}

namespace ugoki::content::admin {

// Reading time of a Markdown body at 200 words a minute, 1..120 (the column's range).
int reading_time_of(std::string_view markdown);

class service {
 public:
  // `db`, `changes` and `clock` must outlive the service.
  service(pg::database& db, redis::reference_changes& changes, const clock& clock);
  service(const service&) = delete;
  service& operator=(const service&) = delete;

  instant now() const { return clock_.now(); }

  boost::asio::awaitable<page<article_row>> articles(article_list_query q);
  // 404 CONT_010.
  boost::asio::awaitable<result<article_detail>> article(std::string id);
  // A draft. The body is sanitised (markdown.hpp); the slug is the one given (409 CONT_011 when
  // another article has or had it) or generated from the title, with -2, -3... on collision.
  // 400 VAL_001 for an unknown category or tags.
  boost::asio::awaitable<result<article_detail>> create(actor who, article_input in);
  // A partial update at the version the editor saw: 404 CONT_010, 412 REQ_006 when stale, 409
  // CONT_012 for a removed article, 409 CONT_011 for a slug in use, 400 as create.
  boost::asio::awaitable<result<article_detail>> update(actor who, std::string id, article_patch p);
  // Publishes now, or schedules at `at`; takes down; removes (soft). 404 CONT_010, 412
  // REQ_006, 409 CONT_012 (publish or unpublish a removed article).
  boost::asio::awaitable<result<article_detail>> publish(actor who, std::string id,
                                                         std::optional<instant> at,
                                                         precondition pre);
  boost::asio::awaitable<result<article_detail>> unpublish(actor who, std::string id,
                                                           precondition pre);
  boost::asio::awaitable<result<void>> remove(actor who, std::string id, precondition pre);

  // Translations (language validated by the caller): 404 CONT_010 / CONT_018; put: 409
  // CONT_012 for a removed article; its body sanitised like the article's.
  boost::asio::awaitable<result<translation_detail>> translation(std::string id,
                                                                 std::string language);
  struct saved_translation {
    translation_detail t;
    bool created = false;
  };
  boost::asio::awaitable<result<saved_translation>> put_translation(actor who, std::string id,
                                                                    std::string language,
                                                                    translation_input in);
  boost::asio::awaitable<result<void>> delete_translation(actor who, std::string id,
                                                          std::string language);

  boost::asio::awaitable<page<category_detail>> categories(list_query q);
  // 409 CONT_014.
  boost::asio::awaitable<result<category_detail>> create_category(actor who, category_input in);
  // 404 CONT_013.
  boost::asio::awaitable<result<category_detail>> update_category(actor who, std::string slug,
                                                                  category_patch p);
  // 404 CONT_013, 409 CONT_015 while articles are filed under it.
  boost::asio::awaitable<result<void>> delete_category(actor who, std::string slug);

  boost::asio::awaitable<page<tag_detail>> tags(list_query q);
  // The slug given or generated from the name (400 naming slug when the name has nothing to
  // make one of); 409 CONT_017 when another tag has it.
  boost::asio::awaitable<result<tag_detail>> create_tag(actor who, tag_input in);
  // 404 CONT_016, 409 CONT_017.
  boost::asio::awaitable<result<tag_detail>> update_tag(actor who, std::string id, tag_patch p);
  // 404 CONT_016; the tag leaves the articles it was on.
  boost::asio::awaitable<result<void>> delete_tag(actor who, std::string id);

 private:
  boost::asio::awaitable<void> announce();

  pg::database& db_;
  redis::reference_changes& changes_;
  const clock& clock_;
};

}  // namespace ugoki::content::admin
