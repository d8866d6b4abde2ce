// SQL for metric_imports, as named statements; times leave as RFC 3339 UTC text.
#include "analytics/import_store.hpp"

#include "core/json.hpp"
#include "core/pg/database.hpp"

namespace ugoki::analytics::import_store {

namespace {

using boost::asio::awaitable;

// Both return the import as read_import() reads it: `queued` is spelled `pending` (the API's
// word) and instants leave as RFC 3339 UTC text. The file name is derived from the id in the same
// statement, so the row never names a file other than its own.
constexpr pg::statement create_sql{"analytics.import_create", R"(
WITH n AS (SELECT gen_random_uuid() AS id)
INSERT INTO metric_imports AS i (id, user_id, kind, file_path, file_size_bytes)
SELECT n.id, $1::uuid, 'apple_health_export', 'import-' || n.id::text || $2, $3::bigint FROM n
RETURNING i.id::text, CASE i.status WHEN 'queued' THEN 'pending' ELSE i.status END,
          i.file_size_bytes, i.points_total, i.points_inserted, i.points_duplicate,
          i.points_skipped, i.points_failed, i.progress_pct::int, i.error,
          to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
          to_char(i.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
          to_char(i.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
          i.file_path)"};

constexpr pg::statement find_sql{"analytics.import_find", R"(
SELECT i.id::text, CASE i.status WHEN 'queued' THEN 'pending' ELSE i.status END,
       i.file_size_bytes, i.points_total, i.points_inserted, i.points_duplicate,
       i.points_skipped, i.points_failed, i.progress_pct::int, i.error,
       to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(i.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(i.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
  FROM metric_imports i
 WHERE i.id = $1::uuid AND i.user_id = $2::uuid)"};

constexpr pg::statement find_target_sql{
    "analytics.import_find_target",
    "SELECT id::text, user_id::text, status, file_path FROM metric_imports WHERE id = $1::uuid"};

constexpr pg::statement mark_running_sql{
    "analytics.import_mark_running",
    "UPDATE metric_imports SET status = 'running', started_at = coalesce(started_at, now()), "
    "progress_pct = 0 WHERE id = $1::uuid AND status IN ('queued', 'running') RETURNING 1"};

constexpr pg::statement set_progress_sql{"analytics.import_set_progress",
                                         "UPDATE metric_imports SET progress_pct = $2::smallint "
                                         "WHERE id = $1::uuid AND status = 'running'"};

// clock_timestamp(), not now(): inside the import's long transaction now() is its start.
constexpr pg::statement complete_sql{
    "analytics.import_complete",
    "UPDATE metric_imports SET status = 'completed', finished_at = clock_timestamp(), "
    "progress_pct = 100, "
    "error = NULL, points_total = $2::bigint, points_inserted = $3::bigint, "
    "points_duplicate = $4::bigint, points_skipped = $5::bigint, points_failed = $6::bigint "
    "WHERE id = $1::uuid"};

constexpr pg::statement fail_sql{
    "analytics.import_fail",
    "UPDATE metric_imports SET status = 'failed', finished_at = now(), error = left($2, 2000), "
    "points_total = $3::bigint, points_inserted = 0, points_duplicate = 0, "
    "points_skipped = $4::bigint, points_failed = $5::bigint "
    "WHERE id = $1::uuid AND status IN ('queued', 'running')"};

// An import's job carries the dedupe key "import:<id>" (import_service::create); a queued or
// running job may still finish it, anything else (failed, purged) will not.
constexpr pg::statement fail_abandoned_sql{
    "analytics.import_fail_abandoned",
    "UPDATE metric_imports i SET status = 'failed', finished_at = now(), "
    "error = 'The import did not finish; please upload the file again' "
    "WHERE i.status IN ('queued', 'running') "
    "AND i.created_at < now() - $1::int * interval '1 second' "
    "AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.dedupe_key = 'import:' || i.id::text "
    "AND j.status IN ('queued', 'running')) "
    "RETURNING i.file_path"};

// set_config(..., true) is SET LOCAL in a form that can be prepared.
constexpr pg::statement lock_timeout_sql{"analytics.import_lock_timeout",
                                         "SELECT set_config('lock_timeout', '2s', true)"};
constexpr pg::statement ensure_partitions_sql{
    "analytics.import_ensure_partitions",
    "SELECT coalesce(sum(ensure_progress_partitions(m, 1)), 0)::int "
    "FROM unnest($1::date[]) AS m"};

metric_import read_import(const pg::row& r) {
  metric_import m;
  m.id = r.get<std::string>(0);
  m.status = r.get<std::string>(1);
  m.file_size_bytes = r.get<std::optional<std::int64_t>>(2);
  m.counts.records_seen = r.get<std::int64_t>(3);
  m.counts.points_inserted = r.get<std::int64_t>(4);
  m.counts.duplicates = r.get<std::int64_t>(5);
  m.counts.skipped_unsupported = r.get<std::int64_t>(6);
  m.counts.skipped_invalid = r.get<std::int64_t>(7);
  m.progress_pct = r.get<int>(8);
  m.error = r.get<std::optional<std::string>>(9);
  m.created_at = r.get<std::string>(10);
  m.started_at = r.get<std::optional<std::string>>(11);
  m.finished_at = r.get<std::optional<std::string>>(12);
  return m;
}

}  // namespace

awaitable<std::optional<std::pair<metric_import, std::string>>> create(pg::transaction& tx,
                                                                       std::string user_id,
                                                                       std::string extension,
                                                                       std::int64_t size_bytes) {
  pg::params args{user_id, extension, size_bytes};
  bool pending = false;
  pg::result rows;
  try {
    rows = co_await tx.query(create_sql, args);
  } catch (const pg::error& e) {
    if (!e.is_unique_violation() || e.constraint() != "metric_imports_one_pending_key") {
      throw;
    }
    pending = true;
  }
  if (pending) {
    co_return std::nullopt;
  }
  co_return std::pair{read_import(rows[0]), rows[0].get<std::string>(13)};
}

awaitable<std::optional<metric_import>> find(pg::database& db, std::string user_id,
                                             std::string id) {
  if (!json::is_uuid(id)) {
    co_return std::nullopt;  // a malformed id is as absent as another user's
  }
  pg::params args{id, user_id};
  pg::result rows = co_await db.query(find_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_import(rows[0]);
}

awaitable<std::optional<import_target>> find_target(pg::database& db, std::string id) {
  if (!json::is_uuid(id)) {
    co_return std::nullopt;
  }
  pg::params args{id};
  pg::result rows = co_await db.query(find_target_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  auto r = rows[0];
  co_return import_target{r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
                          r.get<std::string>(3)};
}

awaitable<bool> mark_running(pg::database& db, std::string id) {
  pg::params args{id};
  pg::result rows = co_await db.query(mark_running_sql, args);
  co_return !rows.empty();
}

awaitable<void> set_progress(pg::database& db, std::string id, int pct) {
  pg::params args{id, pct};
  co_await db.query(set_progress_sql, args);
}

awaitable<void> complete(pg::transaction& tx, std::string id, const import_counts& c) {
  pg::params args{id,           c.records_seen,        c.points_inserted,
                  c.duplicates, c.skipped_unsupported, c.skipped_invalid};
  co_await tx.query(complete_sql, args);
}

awaitable<void> fail(pg::database& db, std::string id, std::string message,
                     const import_counts& c) {
  pg::params args{id, message, c.records_seen, c.skipped_unsupported, c.skipped_invalid};
  co_await db.query(fail_sql, args);
}

awaitable<std::vector<std::string>> fail_abandoned(pg::database& db,
                                                   std::chrono::seconds older_than) {
  pg::params args{static_cast<std::int64_t>(older_than.count())};
  pg::result rows = co_await db.query(fail_abandoned_sql, args);
  std::vector<std::string> files;
  files.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    files.push_back(rows[i].get<std::string>(0));
  }
  co_return files;
}

awaitable<int> ensure_partitions(pg::database& db, std::vector<std::string> months) {
  if (months.empty()) {
    co_return 0;
  }
  std::string array = "{";
  for (std::size_t i = 0; i < months.size(); ++i) {
    array += i ? "," : "";
    array += months[i];  // "YYYY-MM-01": digits and dashes only, no quoting needed
  }
  array += "}";
  pg::transaction tx = co_await db.begin();
  co_await tx.query(lock_timeout_sql);
  pg::params args{array};
  pg::result rows = co_await tx.query(ensure_partitions_sql, args);
  co_await tx.commit();
  co_return rows[0].get<int>(0);
}

}  // namespace ugoki::analytics::import_store
