// The nutrition module's administration of food products: the review of users' submissions
// (edit, approve, reject) and fixes to public products, each audited in its transaction, the
// Redis hot cache of the barcode dropped and the change announced after the commit.
// No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "nutrition/admin_types.hpp"

namespace ugoki {
namespace pg {
class database;
}
namespace redis {
class client;
class reference_changes;
}  // namespace redis
}  // namespace ugoki

namespace ugoki::nutrition {

class admin_service {
 public:
  // Every dependency must outlive the service. `key_prefix` is products_settings::key_prefix:
  // the hot cache's keys (product:{code}, miss:{code}) the service drops after a change.
  admin_service(pg::database& db, redis::client& redis, redis::reference_changes& changes,
                std::string key_prefix);

  // The review queue: users' submissions and approved contributions, pending first (oldest
  // first), then the reviewed ones (newest review first), with the total of the filter.
  // Throws pg::unavailable when the database is down.
  boost::asio::awaitable<review_page> submissions(review_query q);

  // Edits a pending submission before it is approved; the per-serving values and sanity flags
  // follow the edited per-100 g values and serving. Refuses 404 NUTR_008, 409 NUTR_009 (not
  // pending), 412 REQ_006 (patch.version, when given, is not the row's), 409 NUTR_011 (the new
  // barcode is one its submitter already submitted).
  boost::asio::awaitable<result<reviewed_product>> edit_submission(actor who, std::string id,
                                                                   product_patch patch);

  // Makes a pending submission the public product of its barcode (every user's look-up
  // answers it at once), and rejects the other users' pending submissions of that barcode
  // (superseded). Refuses 404 NUTR_008, 409 NUTR_009 (not pending), 412 REQ_006 when `version`
  // (the one the admin saw, optional) is not the row's, 409 NUTR_010 when a public product of
  // the barcode exists (its id in the details: edit it, reject this one).
  boost::asio::awaitable<result<versioned_product>> approve(actor who, std::string id,
                                                            std::optional<std::int64_t> version);

  // Rejects a pending submission with a reason its submitter sees. Refuses 404 NUTR_008,
  // 409 NUTR_009, 412 REQ_006 as approve.
  boost::asio::awaitable<result<versioned_product>> reject(actor who, std::string id,
                                                           std::string reason,
                                                           std::optional<std::int64_t> version);

  // A public product with its version (what If-Match names). Refuses 404 NUTR_012.
  boost::asio::awaitable<result<versioned_product>> public_product(std::string id);

  // Fixes a public product (the barcode cannot change); per-serving values and flags follow.
  // Refuses 404 NUTR_012, 412 REQ_006 when patch.version (optional) is not the row's.
  boost::asio::awaitable<result<versioned_product>> edit_product(actor who, std::string id,
                                                                 product_patch patch);

 private:
  // Drops the hot cache's entries of `code` (the product and a remembered miss), so no
  // instance answers the old product. Redis down: logged; the entry then lives out its TTL.
  boost::asio::awaitable<void> forget_cached(const std::string& code);

  pg::database& db_;
  redis::client& redis_;
  redis::reference_changes& changes_;
  std::string key_prefix_;
};

// `p` with `patch` applied: per_serving is derived again from per 100 g and the serving's
// grams when either changed, and the sanity flags follow per 100 g. Pure.
product apply_patch(product p, const product_patch& patch);

}  // namespace ugoki::nutrition
