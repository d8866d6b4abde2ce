// SQL for metric_imports (the Apple Health import's rows) and the partitions an import needs.
// The only file with that SQL.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>

#include <optional>
#include <string>
#include <vector>

#include "analytics/import_types.hpp"

namespace ugoki::pg {
class database;
class transaction;
}  // namespace ugoki::pg

namespace ugoki::analytics::import_store {

// Inside `tx`: a new pending (queued) Apple Health import for `user_id`, its file named
// "import-<id><extension>" in the upload directory. Returns the row, or nullopt when the user
// already has a pending or running import (metric_imports_one_pending_key; `tx` is then
// aborted). Throws pg::error on other rejections, pg::unavailable when the database is down.
boost::asio::awaitable<std::optional<std::pair<metric_import, std::string>>> create(
    pg::transaction& tx, std::string user_id, std::string extension, std::int64_t size_bytes);

// The import `id` if it is `user_id`'s; nullopt otherwise (also for a malformed id). Throws
// pg::unavailable when the database is down.
boost::asio::awaitable<std::optional<metric_import>> find(pg::database& db, std::string user_id,
                                                          std::string id);

// The import `id` for its job, whoever owns it; nullopt when it is gone (user erased).
boost::asio::awaitable<std::optional<import_target>> find_target(pg::database& db, std::string id);

// queued|running -> running, started_at set once, progress 0. False when it is finished.
boost::asio::awaitable<bool> mark_running(pg::database& db, std::string id);

// Progress of a running import (0-99); outside the import's transaction, so GET sees it.
boost::asio::awaitable<void> set_progress(pg::database& db, std::string id, int pct);

// Inside the import's transaction: completed with `c`, so the points and the status commit
// together (a crash before commit leaves neither).
boost::asio::awaitable<void> complete(pg::transaction& tx, std::string id, const import_counts& c);

// failed with `message` (shown to the user) and the counts of what was read; no points count as
// inserted or duplicate, since the import's transaction was rolled back.
boost::asio::awaitable<void> fail(pg::database& db, std::string id, std::string message,
                                  const import_counts& c);

// Imports left pending or running with no job that could still finish them (the job failed on
// its last attempt while the database was down, or its worker died for the last time), created
// more than `older_than` ago: marked failed with an error asking for a new upload, so the
// user's next upload is accepted. Returns the upload file names of those imports.
boost::asio::awaitable<std::vector<std::string>> fail_abandoned(pg::database& db,
                                                                std::chrono::seconds older_than);

// Creates the monthly progress_metrics partitions for `months` ("YYYY-MM-01") that are missing,
// in a short transaction of its own that waits at most 2 s for the table lock. Returns how many
// were created. Throws pg::error when the lock was not had in time (the points then land in the
// DEFAULT partition, which works) and pg::unavailable when the database is down.
boost::asio::awaitable<int> ensure_partitions(pg::database& db, std::vector<std::string> months);

}  // namespace ugoki::analytics::import_store
