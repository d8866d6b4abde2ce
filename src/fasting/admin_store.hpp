// SQL of the fasting module's admin routes on fasting_protocols: the whole catalogue (retired
// rows too), create, lock and write. Every write records its admin_audit() entry
// ('fasting.protocol') in the same statement.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

#include "core/actor.hpp"
#include "fasting/admin_types.hpp"

namespace ugoki::pg {
class database;
class transaction;
}  // namespace ugoki::pg

namespace ugoki::fasting::admin_store {

// A page of every protocol, active or not, in catalogue order (sort_order, name, id), with the
// total. One round trip. Throws pg::unavailable.
boost::asio::awaitable<protocol_page> list_protocols(pg::database& db, int page, int per_page);

// Inserts `p` (its translations too) with a 'create' entry; returns it as stored. nullopt when the
// slug is taken. Throws pg::error when a CHECK refuses the row (the caller validates first).
boost::asio::awaitable<std::optional<admin_protocol>> insert_protocol(pg::database& db,
                                                                      const admin_protocol& p,
                                                                      const actor& who);

// Protocol `id`, or nullopt when there is none. Throws pg::unavailable.
boost::asio::awaitable<std::optional<admin_protocol>> find_protocol(pg::database& db,
                                                                    std::string id);

// Protocol `id`, locked until the transaction ends; nullopt when there is none.
boost::asio::awaitable<std::optional<admin_protocol>> lock_protocol(pg::transaction& tx,
                                                                    std::string id);

// Writes every field of `p` (by p.p.id; the slug stays) but the translations, which take
// `translations_patch` ({"de": {...} | null}: each language replaces the stored one, null
// removes it; "{}" keeps them), with an entry of what changed (`action` names it: "update" or
// "deactivate"; the version is not recorded). Returns the row as stored (its version bumped).
boost::asio::awaitable<admin_protocol> write_protocol(pg::transaction& tx, const admin_protocol& p,
                                                      std::string translations_patch,
                                                      const actor& who, std::string action);

}  // namespace ugoki::fasting::admin_store
