// Ingest and delete of metric points with their rollups, in as few round trips as possible:
// a batch travels as a handful of array parameters, unnested server-side, and one statement
// inserts the new points and folds exactly those into the hourly and daily rollups.
#include "analytics/progress_store.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "core/pg/database.hpp"

namespace ugoki::analytics::progress_store {

namespace {

using boost::asio::awaitable;

// Taken first in every write: concurrent ingests share it, while a profile update (which may
// change the zone and rebuild the hourly and daily rollups, see 0017) waits for them and they
// for it. Through the user module's view (0018): PostgreSQL locks the profile row behind it.
constexpr pg::statement lock_zone_sql{"analytics_lock_zone", R"(
SELECT 1 FROM user_zones WHERE user_id = $1::uuid FOR SHARE)"};

// External-id batches of one user run one at a time: the record's version decides who wins,
// and the decision must see the previous batch's records.
constexpr pg::statement lock_records_sql{"analytics_lock_records", R"(
SELECT pg_advisory_xact_lock(hashtextextended('progress_metric_records:' || $1, 0)))"};

// New points only (ON CONFLICT DO NOTHING RETURNING), and the rollups of exactly those, keyed by
// the user's zone (0015, 0017): the local clock hour (date_trunc in the zone keeps each point's
// own offset, so :30/:45 zones and DST changes are exact) and the local day. Input is sorted by
// primary key and buckets are upserted in key order, so concurrent batches lock rows in one
// order and cannot deadlock. $9 lists "source/external_id" of replacing points so the caller
// can count them as updated rather than inserted.
constexpr pg::statement insert_sql{"analytics_insert_points", R"(
WITH ins AS (
  INSERT INTO progress_metrics (user_id, metric_type, time, source, value, metadata, external_id,
                                external_version)
  SELECT $1::uuid, t.metric_type, timestamptz 'epoch' + t.us * interval '1 microsecond',
         t.source, t.value, coalesce(t.metadata, '{}'::jsonb), t.external_id, t.external_version
    FROM unnest($2::text[], $3::int8[], $4::text[], $5::float8[], $6::jsonb[], $7::text[],
                $8::int8[])
         AS t(metric_type, us, source, value, metadata, external_id, external_version)
  ON CONFLICT DO NOTHING
  RETURNING metric_type, time, value, source, external_id),
zone AS (
  SELECT coalesce((SELECT timezone FROM user_zones WHERE user_id = $1::uuid), 'UTC') AS name),
hourly AS (
  INSERT INTO progress_metrics_hourly AS h (user_id, metric_type, bucket_start, count, sum, min,
                                            max)
  SELECT $1::uuid, i.metric_type, date_trunc('hour', i.time, z.name) AS b, count(*),
         sum(i.value), min(i.value), max(i.value)
    FROM ins i CROSS JOIN zone z GROUP BY i.metric_type, b ORDER BY i.metric_type, b
  ON CONFLICT (user_id, metric_type, bucket_start) DO UPDATE
    SET count = h.count + excluded.count, sum = h.sum + excluded.sum,
        min = least(h.min, excluded.min), max = greatest(h.max, excluded.max),
        updated_at = now()),
daily AS (
  INSERT INTO progress_metrics_daily AS d (user_id, metric_type, day, bucket_start, count, sum,
                                           min, max)
  SELECT $1::uuid, i.metric_type, (i.time AT TIME ZONE z.name)::date AS day,
         ((i.time AT TIME ZONE z.name)::date)::timestamp AT TIME ZONE z.name, count(*),
         sum(i.value), min(i.value), max(i.value)
    FROM ins i CROSS JOIN zone z
   GROUP BY i.metric_type, day, z.name ORDER BY i.metric_type, day
  ON CONFLICT (user_id, metric_type, day) DO UPDATE
    SET count = d.count + excluded.count, sum = d.sum + excluded.sum,
        min = least(d.min, excluded.min), max = greatest(d.max, excluded.max),
        updated_at = now())
SELECT count(*),
       count(*) FILTER (WHERE source || '/' || external_id = ANY ($9::text[]))
  FROM ins)"};

// Decides every external-id point against its record: the highest version per record in the
// batch wins if it is newer than the stored one. Winners' records are written and the point a
// replaced record named is deleted (only if it still carries that identity). Returns the
// winners' input positions (1-based) and, for replacements, where the old point was.
constexpr pg::statement decide_external_sql{"analytics_decide_external", R"(
WITH input AS (
  SELECT * FROM unnest($2::text[], $3::int8[], $4::text[], $5::text[], $6::int8[])
           WITH ORDINALITY AS t(metric_type, us, source, external_id, external_version, ord)),
latest AS (
  SELECT DISTINCT ON (source, external_id) *
    FROM input ORDER BY source, external_id, external_version DESC, ord),
winners AS (
  SELECT l.*, r.metric_type AS old_type, r.time AS old_time
    FROM latest l LEFT JOIN progress_metric_records r
      ON r.user_id = $1::uuid AND r.source = l.source AND r.external_id = l.external_id
   WHERE r.external_id IS NULL OR r.external_version < l.external_version),
rec AS (
  INSERT INTO progress_metric_records (user_id, source, external_id, metric_type, time,
                                       external_version)
  SELECT $1::uuid, source, external_id, metric_type,
         timestamptz 'epoch' + us * interval '1 microsecond', external_version
    FROM winners ORDER BY source, external_id
  ON CONFLICT (user_id, source, external_id) DO UPDATE
    SET metric_type = excluded.metric_type, time = excluded.time,
        external_version = excluded.external_version),
del AS (
  DELETE FROM progress_metrics m USING winners w
   WHERE w.old_time IS NOT NULL AND m.user_id = $1::uuid AND m.metric_type = w.old_type
     AND m.time = w.old_time AND m.source = w.source AND m.external_id = w.external_id
  RETURNING 1)
SELECT ord, old_type, old_time FROM winners ORDER BY ord)"};

// Recomputes the local hours and days of replaced or deleted points from raw points (0017).
constexpr pg::statement refresh_sql{"analytics_refresh_rollups", R"(
SELECT refresh_progress_rollups($1::uuid, t.metric_type, t.time)
  FROM unnest($2::text[], $3::timestamptz[]) AS t(metric_type, time))"};

// The point and the record that names it go together; the record only if it still names
// this point (a newer version may have moved it elsewhere).
constexpr pg::statement delete_sql{"analytics_delete_point", R"(
WITH del AS (
  DELETE FROM progress_metrics
   WHERE user_id = $1::uuid AND metric_type = $2
     AND time = timestamptz 'epoch' + $3::int8 * interval '1 microsecond' AND source = $4
  RETURNING metric_type, time, source, external_id),
rec AS (
  DELETE FROM progress_metric_records r USING del
   WHERE r.user_id = $1::uuid AND r.source = del.source AND r.external_id = del.external_id
     AND r.metric_type = del.metric_type AND r.time = del.time)
SELECT count(*) FROM del)"};

constexpr pg::statement refresh_one_sql{"analytics_refresh_one", R"(
SELECT refresh_progress_rollups($1::uuid, $2,
                                timestamptz 'epoch' + $3::int8 * interval '1 microsecond'))"};

// One text[] / int8[] / float8[] literal, built by appending elements.
class array_literal {
 public:
  void add_text(std::string_view s) {
    sep();
    out_ += '"';
    for (char c : s) {
      if (c == '"' || c == '\\') {
        out_ += '\\';
      }
      out_ += c;
    }
    out_ += '"';
  }
  void add_null() {
    sep();
    out_ += "NULL";
  }
  template <class N>
  void add_number(N v) {
    sep();
    char buf[32];
    auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    out_.append(buf, end);
  }
  std::string finish() && {
    out_ += '}';
    return std::move(out_);
  }

 private:
  void sep() {
    if (!first_) {
      out_ += ',';
    }
    first_ = false;
  }
  std::string out_ = "{";
  bool first_ = true;
};

std::int64_t epoch_micros(time::instant t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

bool key_less(const metric_point& a, const metric_point& b) {
  if (a.metric_type != b.metric_type) {
    return a.metric_type < b.metric_type;
  }
  if (a.time != b.time) {
    return a.time < b.time;
  }
  return a.source < b.source;
}

std::string record_key(const metric_point& p) {
  return p.source + "/" + p.external_id.value_or("");
}

pg::params insert_args(const std::string& user_id, const std::vector<const metric_point*>& pts,
                       const std::vector<std::string>& replacing) {
  array_literal types, us, sources, values, metadata, ext_ids, ext_versions, replaced;
  for (const metric_point* p : pts) {
    types.add_text(p->metric_type);
    us.add_number(epoch_micros(p->time));
    sources.add_text(p->source);
    values.add_number(p->value);
    if (p->metadata_json) {
      metadata.add_text(*p->metadata_json);
    } else {
      metadata.add_null();
    }
    if (p->external_id) {
      ext_ids.add_text(*p->external_id);
    } else {
      ext_ids.add_null();
    }
    if (p->external_version) {
      ext_versions.add_number(*p->external_version);
    } else {
      ext_versions.add_null();
    }
  }
  for (const auto& k : replacing) {
    replaced.add_text(k);
  }
  return pg::params{user_id,
                    std::move(types).finish(),
                    std::move(us).finish(),
                    std::move(sources).finish(),
                    std::move(values).finish(),
                    std::move(metadata).finish(),
                    std::move(ext_ids).finish(),
                    std::move(ext_versions).finish(),
                    std::move(replaced).finish()};
}

pg::params decide_args(const std::string& user_id, const std::vector<const metric_point*>& pts) {
  array_literal types, us, sources, ext_ids, ext_versions;
  for (const metric_point* p : pts) {
    types.add_text(p->metric_type);
    us.add_number(epoch_micros(p->time));
    sources.add_text(p->source);
    ext_ids.add_text(p->external_id.value_or(""));
    ext_versions.add_number(p->external_version.value_or(0));
  }
  return pg::params{user_id,
                    std::move(types).finish(),
                    std::move(us).finish(),
                    std::move(sources).finish(),
                    std::move(ext_ids).finish(),
                    std::move(ext_versions).finish()};
}

// What the external-id decision leaves to insert, and the buckets it must recompute.
struct external_plan {
  std::vector<const metric_point*> winners;
  std::vector<std::string> replacing;  // record keys of winners that replaced a record
  array_literal old_types;
  array_literal old_times;
  std::size_t stale = 0;  // points that lost to a newer or equal version
};

external_plan plan_from(const pg::result& r, const std::vector<const metric_point*>& ext) {
  external_plan plan;
  for (pg::row row : r) {
    const auto ord = static_cast<std::size_t>(row.get<std::int64_t>(0));
    const metric_point* p = ext.at(ord - 1);
    plan.winners.push_back(p);
    if (!row.is_null(2)) {
      plan.replacing.push_back(record_key(*p));
      plan.old_types.add_text(row.text(1));
      plan.old_times.add_text(row.text(2));
    }
  }
  plan.stale = ext.size() - plan.winners.size();
  return plan;
}

// The whole ingest on an open transaction: one round trip for plain batches, two when some
// points carry external ids (the decision must precede the insert).
awaitable<ingest_result> ingest(pg::transaction& tx, std::string user_id,
                                std::vector<metric_point> points) {
  ingest_result out;
  if (points.empty()) {
    co_return out;
  }
  std::sort(points.begin(), points.end(), key_less);
  std::vector<const metric_point*> plain;
  std::vector<const metric_point*> ext;
  for (const auto& p : points) {
    (p.external_id ? ext : plain).push_back(&p);
  }
  pg::params user_arg{user_id};
  std::vector<pg::command> cmds;
  cmds.push_back({&lock_zone_sql, user_arg});
  external_plan plan;
  if (!ext.empty()) {
    pg::params lock_arg{user_id};
    std::vector<pg::command> first;
    first.push_back({&lock_records_sql, lock_arg});
    first.push_back({&lock_zone_sql, user_arg});
    first.push_back({&decide_external_sql, decide_args(user_id, ext)});
    std::vector<pg::result> decided = co_await tx.pipeline(first);
    plan = plan_from(decided.back(), ext);
    plain.insert(plain.end(), plan.winners.begin(), plan.winners.end());
    std::sort(plain.begin(), plain.end(),
              [](const metric_point* a, const metric_point* b) { return key_less(*a, *b); });
    cmds.clear();
  }
  const bool refresh = !plan.replacing.empty();
  cmds.push_back({&insert_sql, insert_args(user_id, plain, plan.replacing)});
  if (refresh) {
    pg::params refresh_args{user_id, std::move(plan.old_types).finish(),
                            std::move(plan.old_times).finish()};
    cmds.push_back({&refresh_sql, std::move(refresh_args)});
  }
  std::vector<pg::result> results = co_await tx.pipeline(cmds);
  const pg::result& counts = results[ext.empty() ? 1 : 0];
  const auto inserted = static_cast<std::size_t>(counts[0].get<std::int64_t>(0));
  const auto replaced_inserted = static_cast<std::size_t>(counts[0].get<std::int64_t>(1));
  out.updated = plan.replacing.size();
  out.inserted = inserted - replaced_inserted;
  out.duplicates = points.size() - out.inserted - out.updated;
  co_return out;
}

}  // namespace

awaitable<ingest_result> insert_points(pg::database& db, std::string user_id,
                                       std::vector<metric_point> points) {
  const bool any_external = std::any_of(points.begin(), points.end(),
                                        [](const metric_point& p) { return p.external_id; });
  if (!any_external && !points.empty()) {
    // The common case: lock and insert in one pipeline, which is one round trip and one
    // implicit transaction (all or nothing) without BEGIN/COMMIT trips.
    std::sort(points.begin(), points.end(), key_less);
    std::vector<const metric_point*> plain;
    for (const auto& p : points) {
      plain.push_back(&p);
    }
    pg::params user_arg{user_id};
    std::vector<pg::command> cmds;
    cmds.push_back({&lock_zone_sql, user_arg});
    cmds.push_back({&insert_sql, insert_args(user_id, plain, {})});
    std::vector<pg::result> results = co_await db.pipeline(cmds);
    ingest_result r;
    r.inserted = static_cast<std::size_t>(results[1][0].get<std::int64_t>(0));
    r.duplicates = points.size() - r.inserted;
    co_return r;
  }
  pg::transaction tx = co_await db.begin();
  ingest_result r = co_await ingest(tx, std::move(user_id), std::move(points));
  co_await tx.commit();
  co_return r;
}

awaitable<ingest_result> insert_points(pg::transaction& tx, std::string user_id,
                                       std::vector<metric_point> points) {
  co_return co_await ingest(tx, std::move(user_id), std::move(points));
}

awaitable<bool> delete_point(pg::database& db, std::string user_id, std::string metric_type,
                             time::instant at, std::string source) {
  const std::int64_t us = epoch_micros(at);
  pg::params lock_args{user_id};
  pg::params delete_args{user_id, metric_type, us, source};
  pg::params refresh_args{user_id, metric_type, us};
  // The refresh follows the delete in the same implicit transaction, so it sees the point gone;
  // for a missing point it rewrites the buckets unchanged.
  std::vector<pg::command> cmds;
  cmds.push_back({&lock_zone_sql, lock_args});
  cmds.push_back({&delete_sql, delete_args});
  cmds.push_back({&refresh_one_sql, refresh_args});
  std::vector<pg::result> results = co_await db.pipeline(cmds);
  co_return results[1][0].get<std::int64_t>(0) > 0;
}

}  // namespace ugoki::analytics::progress_store
