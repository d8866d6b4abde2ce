// The food products' administration: review of submissions, fixes to public products.
#include "nutrition/admin_service.hpp"

#include "core/log.hpp"
#include "core/pg/database.hpp"
#include "core/pg/error.hpp"
#include "core/redis/client.hpp"
#include "core/redis/reference_changes.hpp"
#include "core/version_guard.hpp"
#include "nutrition/admin_errors.hpp"
#include "nutrition/admin_store.hpp"
#include "nutrition/patch.hpp"
#include "nutrition/products_rules.hpp"

namespace ugoki::nutrition {

namespace {

using boost::asio::awaitable;

// What the other users whose pending submission of an approved barcode was superseded read.
constexpr const char* superseded_reason =
    "Another submission of this barcode was approved: the public product replaces yours";

// Whether the version the editor saw (when they said) is not the row's.
bool stale(std::int64_t current, std::optional<std::int64_t> seen) {
  return seen && *seen != current;
}

}  // namespace

product apply_patch(product p, const product_patch& patch) {
  take_present(p.code, patch.code);
  take_present(p.name, patch.name);
  take_present(p.brands, patch.brands);
  take_present(p.serving_size, patch.serving_size);
  take_present(p.nutriscore_grade, patch.nutriscore_grade);
  take_present(p.nova_group, patch.nova_group);
  take_present(p.allergens, patch.allergens);
  take_present(p.image_url, patch.image_url);
  if (patch.per_100g || patch.serving_quantity_g) {
    take_present(p.per_100g, patch.per_100g);
    take_present(p.serving_quantity_g, patch.serving_quantity_g);
    // The label's own per-serving figures no longer match what the admin corrected.
    p.per_serving = per_serving(p.per_100g, {}, p.serving_quantity_g);
    p.quality_flags = sanity_flags(p.per_100g);
  }
  return p;
}

admin_service::admin_service(pg::database& db, redis::client& redis,
                             redis::reference_changes& changes, std::string key_prefix)
    : db_(db), redis_(redis), changes_(changes), key_prefix_(std::move(key_prefix)) {}

awaitable<review_page> admin_service::submissions(review_query q) {
  co_return co_await admin_store::list_reviews(db_, q);
}

awaitable<result<reviewed_product>> admin_service::edit_submission(actor who, std::string id,
                                                                   product_patch patch) {
  reviewed_product out;
  try {
    pg::transaction tx = co_await db_.begin();
    auto found = co_await admin_store::lock_submission(tx, id);
    if (!found) {
      co_return errors::submission_not_found();
    }
    if (found->item.status != "pending") {
      co_return errors::submission_reviewed(found->item.status);
    }
    if (stale(found->version, patch.version)) {
      co_return version_guard::stale("The product changed since you read it; reload it");
    }
    out = std::move(*found);
    versioned_product stored =
        co_await admin_store::write_product(tx, apply_patch(out.item, patch), who);
    out.item = std::move(stored.item);
    out.version = stored.version;
    out.public_product_id = co_await admin_store::public_id_of(tx, out.item.code, id);
    co_await tx.commit();
  } catch (const pg::error& e) {
    // The submitter's unique (submitted_by, code): they already submitted the new barcode.
    if (!e.is_unique_violation()) {
      throw;
    }
    co_return errors::submission_code_taken();
  }
  // A pending product is in no cache and no snapshot; the announcement keeps every admin
  // write's rule (docs/admin.md) and costs one recipe reload.
  co_await changes_.announce("nutrition");
  co_return out;
}

awaitable<result<versioned_product>> admin_service::approve(actor who, std::string id,
                                                            std::optional<std::int64_t> version) {
  versioned_product approved;
  std::string code;
  bool raced = false;
  try {
    pg::transaction tx = co_await db_.begin();
    auto found = co_await admin_store::lock_submission(tx, id);
    if (!found) {
      co_return errors::submission_not_found();
    }
    if (found->item.status != "pending") {
      co_return errors::submission_reviewed(found->item.status);
    }
    if (stale(found->version, version)) {
      co_return version_guard::stale("The product changed since you read it; reload it");
    }
    code = found->item.code;
    if (found->public_product_id) {
      co_return errors::public_product_exists(*found->public_product_id);
    }
    approved = co_await admin_store::approve(tx, id, code, who, superseded_reason);
    co_await tx.commit();
  } catch (const pg::error& e) {
    // An Open Food Facts look-up stored a public row of the code after our check.
    if (!e.is_unique_violation()) {
      throw;
    }
    raced = true;
  }
  if (raced) {
    pg::transaction tx = co_await db_.begin();
    auto other = co_await admin_store::public_id_of(tx, code, id);
    co_return errors::public_product_exists(other.value_or(""));
  }
  co_await forget_cached(code);
  co_await changes_.announce("nutrition");
  co_return approved;
}

awaitable<result<versioned_product>> admin_service::reject(actor who, std::string id,
                                                           std::string reason,
                                                           std::optional<std::int64_t> version) {
  pg::transaction tx = co_await db_.begin();
  auto found = co_await admin_store::lock_submission(tx, id);
  if (!found) {
    co_return errors::submission_not_found();
  }
  if (found->item.status != "pending") {
    co_return errors::submission_reviewed(found->item.status);
  }
  if (stale(found->version, version)) {
    co_return version_guard::stale("The product changed since you read it; reload it");
  }
  versioned_product rejected = co_await admin_store::reject(tx, id, std::move(reason), who);
  co_await tx.commit();
  co_await changes_.announce("nutrition");
  co_return rejected;
}

awaitable<result<versioned_product>> admin_service::public_product(std::string id) {
  auto found = co_await admin_store::find_public(db_, std::move(id));
  if (!found) {
    co_return errors::public_product_not_found();
  }
  co_return std::move(*found);
}

awaitable<result<versioned_product>> admin_service::edit_product(actor who, std::string id,
                                                                 product_patch patch) {
  pg::transaction tx = co_await db_.begin();
  auto found = co_await admin_store::lock_public(tx, id);
  if (!found) {
    co_return errors::public_product_not_found();
  }
  if (stale(found->version, patch.version)) {
    co_return version_guard::stale("The product changed since you read it; reload it");
  }
  versioned_product stored =
      co_await admin_store::write_product(tx, apply_patch(found->item, patch), who);
  co_await tx.commit();
  co_await forget_cached(stored.item.code);
  co_await changes_.announce("nutrition");
  co_return stored;
}

awaitable<void> admin_service::forget_cached(const std::string& code) {
  try {
    auto del = redis_.command("DEL", key_prefix_ + "product:" + code, key_prefix_ + "miss:" + code);
    redis::reply r = co_await std::move(del);
    if (r.is_error()) {
      log::warn("product cache entry not dropped", log::fields().add("detail", r.str()));
    }
  } catch (const std::exception& e) {
    log::warn("product cache entry not dropped", log::fields().add("detail", e.what()));
  }
}

}  // namespace ugoki::nutrition
