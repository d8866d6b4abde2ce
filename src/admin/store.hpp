// SQL of the admin module: admin_audit_log (migration 0028), the one table it owns.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>

#include "admin/types.hpp"
#include "core/actor.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::admin::store {

// Every function throws pg::unavailable when the database cannot be reached and pg::error for
// anything the server rejects.

// The entries matching `q`, newest first (created_at, then id), page `q.page` of `q.per_page`,
// with the number of all matches: two statements in one round trip (one snapshot).
boost::asio::awaitable<audit_page> list_audit(pg::database& db, audit_query q);

// Appends one entry through admin_audit() for a write that is not a row of ours (a stored media
// file): action `action` on `entity`/`entity_id` by `who`, with `after_json` (a JSON object) as
// the new state. Returns the entry's id.
boost::asio::awaitable<std::int64_t> record(pg::database& db, const actor& who, std::string entity,
                                            std::string entity_id, std::string action,
                                            std::string after_json);

}  // namespace ugoki::admin::store
