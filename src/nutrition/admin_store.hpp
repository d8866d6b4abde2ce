// SQL of the nutrition module's admin routes on food_products: the review queue of users'
// submissions, locking a submission or a public product for an edit, writing an edit, approving
// and rejecting. Every write records its admin_audit() entry in the same transaction.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

#include "core/actor.hpp"
#include "nutrition/admin_types.hpp"

namespace ugoki::pg {
class database;
class transaction;
}  // namespace ugoki::pg

namespace ugoki::nutrition::admin_store {

// A page of users' products (pending and rejected submissions, approved contributions):
// pending first, oldest first, then the reviewed ones newest review first; with the total of
// the filter. One round trip. Throws pg::unavailable when the database is down.
boost::asio::awaitable<review_page> list_reviews(pg::database& db, const review_query& q);

// The user's product `id` (a submission, or an approved contribution), locked until the
// transaction ends; nullopt when there is none.
boost::asio::awaitable<std::optional<reviewed_product>> lock_submission(pg::transaction& tx,
                                                                        std::string id);

// The public product `id` (submitted_by NULL, found) with its version, locked; nullopt when
// there is none.
boost::asio::awaitable<std::optional<versioned_product>> lock_public(pg::transaction& tx,
                                                                     std::string id);

// The public product `id` with its version, unlocked; nullopt when there is none.
boost::asio::awaitable<std::optional<versioned_product>> find_public(pg::database& db,
                                                                     std::string id);

// Writes p's content (code, name, brands, nutriments, serving, grade, NOVA, allergens, image,
// flags) to row p.id, with an 'update' audit entry of the fields that changed (none when none
// did). Returns the row as stored, with its new version. Throws pg::error with a unique
// violation when the new code collides with another row of the same owner (the caller's
// refusal).
boost::asio::awaitable<versioned_product> write_product(pg::transaction& tx, const product& p,
                                                        const actor& who);

// The public product of `code` other than `except_id`, if any (found rows only).
boost::asio::awaitable<std::optional<std::string>> public_id_of(pg::transaction& tx,
                                                                std::string code,
                                                                std::string except_id);

// Approves pending submission `id` of `code`: it becomes the public row of its code
// (submitted_by moves to contributed_by), a remembered "not found" public placeholder of the
// code is dropped, and every other user's pending submission of the code is rejected with
// `superseded_reason`; each row gets its audit entry ('approve', 'reject'). Returns the
// approved product. Throws pg::error with a unique violation when a public row of the code
// appeared meanwhile.
boost::asio::awaitable<versioned_product> approve(pg::transaction& tx, std::string id,
                                                  std::string code, const actor& who,
                                                  std::string superseded_reason);

// Rejects pending submission `id` with `reason`, audited ('reject'). Returns the row.
boost::asio::awaitable<versioned_product> reject(pg::transaction& tx, std::string id,
                                                 std::string reason, const actor& who);

}  // namespace ugoki::nutrition::admin_store
