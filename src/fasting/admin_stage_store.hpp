// SQL of the fasting module's admin routes on fasting_stages: the whole list (retired rows too),
// the table lock stage writes take, create and write. Every write records its admin_audit()
// entry ('fasting.stage') in the same statement.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "fasting/admin_types.hpp"

namespace ugoki::pg {
class database;
class transaction;
}  // namespace ugoki::pg

namespace ugoki::fasting::admin_stage_store {

// A page of every stage, active first, then by start, slug and id, with the total. One round
// trip. Throws pg::unavailable.
boost::asio::awaitable<stage_page> list_stages(pg::database& db, int page, int per_page);

// Stage `id`, retired or not; nullopt when there is none.
boost::asio::awaitable<std::optional<admin_stage>> find_stage(pg::database& db, std::string id);

// Takes the stage writers' lock until the transaction ends (readers go on: a stage write looks
// at every active stage, so two must not interleave), then reads every stage by start.
boost::asio::awaitable<std::vector<admin_stage>> lock_stages(pg::transaction& tx);

// Inserts `s` (its end and translations as given) with a 'create' entry; returns it as stored.
// nullopt when the slug is taken. Throws pg::error when a constraint refuses the row (the
// caller validates first, under lock_stages).
boost::asio::awaitable<std::optional<admin_stage>> insert_stage(pg::transaction& tx,
                                                                const admin_stage& s,
                                                                const actor& who);

// Writes every field of `s` (by s.id; the slug stays) but the translations, which take
// `translations_patch` as admin_store::write_protocol's do, with an entry of what changed
// (`action`: "update" or "deactivate"; the version is not recorded). Returns the row as stored.
boost::asio::awaitable<admin_stage> write_stage(pg::transaction& tx, const admin_stage& s,
                                                std::string translations_patch, const actor& who,
                                                std::string action);

}  // namespace ugoki::fasting::admin_stage_store
