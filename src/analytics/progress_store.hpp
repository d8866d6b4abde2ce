// SQL for raw metric points and their hourly/daily rollups (progress_metrics and friends):
// batched ingest, single-point delete, bucketed reads. The only file with that SQL.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>
#include <vector>

#include "analytics/types.hpp"

namespace ugoki::pg {
class database;
class transaction;
}  // namespace ugoki::pg

namespace ugoki::analytics::progress_store {

// Stores `points` for `user_id` in ONE transaction, all or nothing, and updates the rollups in
// that same transaction (incrementally for new points; replaced points' buckets recomputed).
// A point whose (metric_type, time, source) is already stored, or repeated within the batch,
// counts as a duplicate. A point with an external_id replaces the point its record names when
// its external_version is higher (counts as updated) and is a duplicate otherwise.
// Preconditions: every point passed metric_registry's validation (known type, range, source,
// time bounds); the user exists. Any size works, but the caller bounds it (1000 per request;
// an import chunks its file). Throws pg::error if a CHECK still rejects a value or the user is
// gone (FK), pg::unavailable when the database is down; nothing is stored then.
boost::asio::awaitable<ingest_result> insert_points(pg::database& db, std::string user_id,
                                                    std::vector<metric_point> points);
// As above inside the caller's open transaction `tx` (no commit here), so an import can store a
// large file in several batches and commit or roll back once, or add its own bookkeeping.
// After a throw the server has aborted `tx`.
boost::asio::awaitable<ingest_result> insert_points(pg::transaction& tx, std::string user_id,
                                                    std::vector<metric_point> points);

// Deletes the caller's point (metric_type, time, source) and the wearable record naming it, and
// recomputes the local hour and local day it was in, in one transaction. Returns false when there
// is no such point of this user. Throws pg::unavailable when the database is down.
boost::asio::awaitable<bool> delete_point(pg::database& db, std::string user_id,
                                          std::string metric_type, time::instant at,
                                          std::string source);

}  // namespace ugoki::analytics::progress_store
