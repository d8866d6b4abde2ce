// SQL for fasting plans, streaks, stats and export/import, as named statements. Zone arithmetic
// (local day boundaries, DST) is PostgreSQL's, from the IANA database it ships.
#include "fasting/plan_store.hpp"

#include "core/pg/database.hpp"
#include "core/time.hpp"

namespace ugoki::fasting::plan_store {

namespace {

using std::chrono::sys_days;

// The user's current zone is the one the user module publishes in the view user_zones
// (migrations/0018): user depends on fasting, so fasting cannot ask user::service, and the zone
// must join these statements anyway. A user without a profile row is in UTC.

constexpr pg::statement find_schedule_sql{"fasting.plan.find_schedule", R"(
SELECT s.id::text, s.protocol_id::text, p.slug, p.name, coalesce(p.kind, 'custom'),
       s.fasting_minutes, p.fast_day_kcal, array_to_string(s.weekdays, ','),
       to_char(s.start_local_time, 'HH24:MI'), s.timezone, to_char(s.anchor_date, 'YYYY-MM-DD'),
       s.reminder_minutes_before::int,
       to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(s.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(($2::timestamptz AT TIME ZONE s.timezone)::date, 'YYYY-MM-DD')
FROM fasting_schedules s LEFT JOIN fasting_protocols p ON p.id = s.protocol_id
WHERE s.user_id = $1::uuid AND s.deleted_at IS NULL)"};

// One plan per user (0014's partial unique index); a PUT replaces it in place, keeping its id.
constexpr pg::statement save_schedule_sql{"fasting.plan.save_schedule", R"(
INSERT INTO fasting_schedules (user_id, protocol_id, fasting_minutes, weekdays, start_local_time,
                               timezone, reminder_minutes_before, anchor_date)
VALUES ($1::uuid, $2::uuid, $3::int, $4::smallint[], $5::time, $6, $7::smallint, $8::date)
ON CONFLICT (user_id) WHERE deleted_at IS NULL DO UPDATE
SET protocol_id = EXCLUDED.protocol_id, fasting_minutes = EXCLUDED.fasting_minutes,
    weekdays = EXCLUDED.weekdays, start_local_time = EXCLUDED.start_local_time,
    timezone = EXCLUDED.timezone, reminder_minutes_before = EXCLUDED.reminder_minutes_before,
    anchor_date = EXCLUDED.anchor_date, active = true)"};

constexpr pg::statement find_protocol_sql{"fasting.plan.find_protocol", R"(
SELECT kind, fasting_minutes, fast_day_kcal, fast_days_per_week,
       coalesce((weekday_rules->>'non_consecutive')::boolean, false)
FROM fasting_protocols WHERE id = $1::uuid AND is_active)"};

constexpr pg::statement user_local_now_sql{"fasting.plan.user_local_now", R"(
SELECT z.tz, to_char(($2::timestamptz AT TIME ZONE z.tz)::date, 'YYYY-MM-DD')
FROM (SELECT coalesce((SELECT timezone FROM user_zones WHERE user_id = $1::uuid), 'UTC')
             AS tz) z)"};

constexpr pg::statement zone_today_sql{"fasting.plan.zone_today", R"(
SELECT to_char(($2::timestamptz AT TIME ZONE $1)::date, 'YYYY-MM-DD'))"};

// `date + time` is a wall-clock timestamp; AT TIME ZONE turns it into an instant by the zone's
// rules on that date. The length is elapsed time, so a fast over a DST change ends an hour
// earlier or later on the wall clock.
constexpr pg::statement resolve_fasts_sql{"fasting.plan.resolve_fasts", R"(
SELECT to_char(d, 'YYYY-MM-DD'), floor(extract(epoch FROM x.s))::int8,
       floor(extract(epoch FROM x.e))::int8,
       to_char(x.s AT TIME ZONE $1, 'YYYY-MM-DD"T"HH24:MI:SS'),
       to_char(x.e AT TIME ZONE $1, 'YYYY-MM-DD"T"HH24:MI:SS')
FROM unnest($4::date[]) AS d,
     LATERAL (SELECT (d + $2::time) AT TIME ZONE $1 AS s,
                     ((d + $2::time) AT TIME ZONE $1) + make_interval(mins => $3::int) AS e) x
ORDER BY d)"};

constexpr pg::statement finished_fasts_sql{"fasting.plan.finished_fasts", R"(
SELECT to_char(end_local_date, 'YYYY-MM-DD'), status = 'completed',
       floor(extract(epoch FROM actual_end_at - started_at))::int8
FROM fasting_sessions
WHERE user_id = $1::uuid AND deleted_at IS NULL AND status IN ('completed', 'ended_early')
  AND end_local_date IS NOT NULL)"};

// Each local day is [midnight, next midnight) in the zone: 23 or 25 hours across DST changes.
// A fast's share of a day is the intersection of the two ranges. The FILTER matters: on a day
// without fasts the LEFT JOIN's NULLs would make greatest()/least() span the whole day.
constexpr pg::statement stats_sql{"fasting.plan.stats", R"(
WITH z AS (SELECT coalesce((SELECT timezone FROM user_zones WHERE user_id = $1::uuid), 'UTC')
                  AS tz),
     days AS (SELECT g::date AS day, g::date::timestamp AT TIME ZONE z.tz AS lo,
                     (g::date + 1)::timestamp AT TIME ZONE z.tz AS hi, z.tz
              FROM z, generate_series($2::date::timestamp, $3::date::timestamp,
                                      interval '1 day') g)
SELECT to_char(days.day, 'YYYY-MM-DD'), floor(extract(epoch FROM days.hi - days.lo))::int8,
       coalesce(floor(sum(extract(epoch FROM least(coalesce(f.actual_end_at, $4::timestamptz),
                                                   days.hi)
                                             - greatest(f.started_at, days.lo)))
                      FILTER (WHERE f.id IS NOT NULL)), 0)::int8,
       count(f.id)::int, days.tz
FROM days
LEFT JOIN fasting_sessions f ON f.user_id = $1::uuid AND f.deleted_at IS NULL
                            AND f.status <> 'cancelled' AND f.started_at < days.hi
                            AND coalesce(f.actual_end_at, $4::timestamptz) > days.lo
GROUP BY days.day, days.lo, days.hi, days.tz ORDER BY days.day)"};

constexpr pg::statement export_sql{"fasting.plan.export", R"(
SELECT to_char((started_at AT TIME ZONE timezone)::date, 'YYYY-MM-DD'),
       floor(extract(epoch FROM started_at))::int8, floor(extract(epoch FROM actual_end_at))::int8,
       floor(extract(epoch FROM target_end_at - started_at))::int8, status,
       coalesce(protocol_slug, ''), coalesce(protocol_name, ''), timezone, coalesce(notes, '')
FROM fasting_sessions WHERE user_id = $1::uuid AND deleted_at IS NULL
ORDER BY started_at, id)"};

constexpr pg::statement protocol_slugs_sql{"fasting.plan.protocol_slugs", R"(
SELECT slug FROM fasting_protocols)"};

// Compared to the second because the export writes whole seconds: re-importing an export of
// the same account finds the app's own sessions as duplicates.
constexpr pg::statement import_check_sql{"fasting.plan.import_check", R"(
SELECT EXISTS (SELECT 1 FROM fasting_sessions f
               WHERE f.user_id = $1::uuid AND f.deleted_at IS NULL AND f.status = r.st
                 AND date_trunc('second', f.started_at) = r.s
                 AND date_trunc('second', f.actual_end_at) = r.e),
       r.st <> 'cancelled'
       AND EXISTS (SELECT 1 FROM fasting_sessions f
                   WHERE f.user_id = $1::uuid AND f.deleted_at IS NULL
                     AND f.status <> 'cancelled'
                     AND tstzrange(f.started_at, coalesce(f.actual_end_at, 'infinity'), '[)')
                         && tstzrange(r.s, r.e, '[)'))
FROM unnest($2::timestamptz[], $3::timestamptz[], $4::text[]) WITH ORDINALITY
     AS r(s, e, st, n)
ORDER BY r.n)"};

// end_local_date is the day the fast ended in its own zone: what streaks count.
constexpr pg::statement import_insert_sql{"fasting.plan.import_insert", R"(
INSERT INTO fasting_sessions (user_id, protocol_id, protocol_slug, protocol_name, started_at,
                              target_end_at, actual_end_at, status, timezone, end_local_date,
                              notes, source)
SELECT $1::uuid, p.id, p.slug, p.name, r.s, r.s + make_interval(secs => r.t), r.e, r.st, r.tz,
       CASE WHEN r.st <> 'cancelled' THEN (r.e AT TIME ZONE r.tz)::date END, r.notes, 'import'
FROM unnest($2::timestamptz[], $3::timestamptz[], $4::text[], $5::int8[], $6::text[],
            $7::text[], $8::text[]) AS r(s, e, st, t, slug, tz, notes)
LEFT JOIN fasting_protocols p ON p.slug = r.slug)"};

// A PostgreSQL array literal of text elements, each quoted (NULL for nullopt), so any
// character survives; the server casts it to the column type.
class array_literal {
 public:
  void add(const std::optional<std::string>& v) {
    out_ += out_.empty() ? "{" : ",";
    if (!v) {
      out_ += "NULL";
      return;
    }
    out_ += '"';
    for (char c : *v) {
      if (c == '"' || c == '\\') {
        out_ += '\\';
      }
      out_ += c;
    }
    out_ += '"';
  }
  std::string str() const { return out_.empty() ? "{}" : out_ + "}"; }

 private:
  std::string out_;
};

instant from_epoch(std::int64_t s) {
  return instant(std::chrono::seconds(s));
}

sys_days to_days(std::string_view text) {
  auto d = time::parse_date(text);
  if (!d) {
    throw pg::error("", "fasting.plan: unreadable date from the server");
  }
  return sys_days(*d);
}

std::vector<int> parse_weekdays(std::string_view csv) {
  std::vector<int> out;
  for (char c : csv) {
    if (c >= '1' && c <= '7') {
      out.push_back(c - '0');
    }
  }
  return out;
}

schedule read_schedule(const pg::row& row) {
  schedule s;
  s.id = row.get<std::string>(0);
  s.protocol_id = row.get<std::optional<std::string>>(1);
  s.protocol_slug = row.get<std::optional<std::string>>(2);
  s.protocol_name = row.get<std::optional<std::string>>(3);
  s.kind = row.get<std::string>(4);
  s.fasting_minutes = row.get<int>(5);
  s.fast_day_kcal = row.get<std::optional<int>>(6);
  s.weekdays = parse_weekdays(row.text(7));
  s.start_time = row.get<std::string>(8);
  s.timezone = row.get<std::string>(9);
  s.anchor_date = row.get<std::optional<std::string>>(10);
  s.reminder_minutes_before = row.get<std::optional<int>>(11);
  s.created_at = row.get<std::string>(12);
  s.updated_at = row.get<std::string>(13);
  s.today = row.get<std::string>(14);
  return s;
}

}  // namespace

boost::asio::awaitable<std::optional<schedule>> find_schedule(pg::database& db,
                                                              const std::string& user_id,
                                                              instant now) {
  auto rows = co_await db.query(find_schedule_sql, {user_id, time::format_rfc3339(now, true)});
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_schedule(rows[0]);
}

boost::asio::awaitable<std::optional<plan_protocol>> find_protocol(pg::database& db,
                                                                   const std::string& id) {
  auto rows = co_await db.query(find_protocol_sql, {id});
  if (rows.empty()) {
    co_return std::nullopt;
  }
  plan_protocol p;
  p.kind = rows[0].get<std::string>(0);
  p.fasting_minutes = rows[0].get<int>(1);
  p.fast_day_kcal = rows[0].get<std::optional<int>>(2);
  p.fast_days_per_week = rows[0].get<std::optional<int>>(3);
  p.non_consecutive = rows[0].get<bool>(4);
  co_return p;
}

boost::asio::awaitable<local_now> user_local_now(pg::database& db, const std::string& user_id,
                                                 instant now) {
  auto rows = co_await db.query(user_local_now_sql, {user_id, time::format_rfc3339(now, true)});
  co_return local_now{rows[0].get<std::string>(0), to_days(rows[0].text(1))};
}

boost::asio::awaitable<sys_days> zone_today(pg::database& db, const std::string& timezone,
                                            instant now) {
  auto rows = co_await db.query(zone_today_sql, {timezone, time::format_rfc3339(now, true)});
  co_return to_days(rows[0].text(0));
}

boost::asio::awaitable<schedule> save_schedule(pg::database& db, const std::string& user_id,
                                               const schedule_input& in, instant now) {
  array_literal weekdays;
  for (int d : in.weekdays.value_or(std::vector<int>{})) {
    weekdays.add(std::to_string(d));
  }
  std::optional<std::string> anchor;
  if (in.anchor_date) {
    anchor = time::format_date(std::chrono::year_month_day(*in.anchor_date));
  }
  const std::string at = time::format_rfc3339(now, true);
  // Written and read back in one round trip; the pipeline is one implicit transaction.
  std::vector<pg::command> commands;
  commands.push_back({&save_schedule_sql,
                      {user_id, in.protocol_id, in.fasting_minutes, weekdays.str(), in.start_time,
                       in.timezone, in.reminder_minutes_before, anchor}});
  commands.push_back({&find_schedule_sql, {user_id, at}});
  auto results = co_await db.pipeline(commands);
  co_return read_schedule(results[1][0]);
}

boost::asio::awaitable<std::vector<planned_fast>> resolve_fasts(pg::database& db,
                                                                const std::string& timezone,
                                                                const std::string& start_time,
                                                                int fasting_minutes,
                                                                std::span<const sys_days> dates) {
  array_literal list;
  for (auto d : dates) {
    list.add(time::format_date(std::chrono::year_month_day(d)));
  }
  auto rows =
      co_await db.query(resolve_fasts_sql, {timezone, start_time, fasting_minutes, list.str()});
  std::vector<planned_fast> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    planned_fast f;
    f.local_date = row.get<std::string>(0);
    f.start_at = from_epoch(row.get<std::int64_t>(1));
    f.end_at = from_epoch(row.get<std::int64_t>(2));
    f.start_local = row.get<std::string>(3);
    f.end_local = row.get<std::string>(4);
    f.fasting_minutes = fasting_minutes;
    out.push_back(std::move(f));
  }
  co_return out;
}

boost::asio::awaitable<std::vector<finished_fast>> finished_fasts(pg::database& db,
                                                                  const std::string& user_id) {
  auto rows = co_await db.query(finished_fasts_sql, {user_id});
  std::vector<finished_fast> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    out.push_back({to_days(row.text(0)), row.get<bool>(1), row.get<std::int64_t>(2)});
  }
  co_return out;
}

boost::asio::awaitable<daily_stats> stats(pg::database& db, const std::string& user_id,
                                          sys_days from, sys_days to, instant now) {
  auto rows =
      co_await db.query(stats_sql, {user_id, time::format_date(std::chrono::year_month_day(from)),
                                    time::format_date(std::chrono::year_month_day(to)),
                                    time::format_rfc3339(now, true)});
  daily_stats out;
  for (const auto& row : rows) {
    out.days.push_back({row.get<std::string>(0), row.get<std::int64_t>(1), row.get<std::int64_t>(2),
                        row.get<int>(3)});
    out.timezone = row.get<std::string>(4);
  }
  co_return out;
}

boost::asio::awaitable<std::vector<portable_fast>> export_fasts(pg::database& db,
                                                                const std::string& user_id) {
  auto rows = co_await db.query(export_sql, {user_id});
  std::vector<portable_fast> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    portable_fast f;
    f.local_date = row.get<std::string>(0);
    f.started_at = from_epoch(row.get<std::int64_t>(1));
    if (auto end = row.get<std::optional<std::int64_t>>(2)) {
      f.ended_at = from_epoch(*end);
    }
    f.target_seconds = row.get<std::int64_t>(3);
    f.status = row.get<std::string>(4);
    f.protocol_slug = row.get<std::string>(5);
    f.protocol_name = row.get<std::string>(6);
    f.timezone = row.get<std::string>(7);
    f.notes = row.get<std::string>(8);
    out.push_back(std::move(f));
  }
  co_return out;
}

boost::asio::awaitable<std::vector<std::string>> protocol_slugs(pg::database& db) {
  auto rows = co_await db.query(protocol_slugs_sql);
  std::vector<std::string> out;
  for (const auto& row : rows) {
    out.push_back(row.get<std::string>(0));
  }
  co_return out;
}

boost::asio::awaitable<import_outcome> import_fasts(pg::database& db, const std::string& user_id,
                                                    std::span<const import_row> rows) {
  array_literal starts, ends, statuses;
  for (const auto& r : rows) {
    starts.add(time::format_rfc3339(r.started_at, true));
    ends.add(time::format_rfc3339(r.ended_at, true));
    statuses.add(r.status);
  }
  import_outcome out;
  // Checked and written in one transaction so the answer describes what was written.
  auto tx = co_await db.begin();
  auto checks =
      co_await tx.query(import_check_sql, {user_id, starts.str(), ends.str(), statuses.str()});
  array_literal s, e, st, t, slug, tz, notes;
  std::size_t i = 0;
  for (const auto& row : checks) {
    const import_row& r = rows[i++];
    if (row.get<bool>(0)) {
      ++out.result.skipped_duplicates;
      continue;
    }
    if (row.get<bool>(1)) {
      out.overlapping_lines.push_back(r.line);
      continue;
    }
    s.add(time::format_rfc3339(r.started_at, true));
    e.add(time::format_rfc3339(r.ended_at, true));
    st.add(r.status);
    t.add(std::to_string(r.target_seconds));
    slug.add(r.protocol_slug);
    tz.add(r.timezone);
    notes.add(r.notes);
    ++out.result.imported;
  }
  if (!out.overlapping_lines.empty()) {
    out.result = {};
    co_return out;  // the transaction rolls back unused
  }
  try {
    if (out.result.imported > 0) {
      co_await tx.query(import_insert_sql, {user_id, s.str(), e.str(), st.str(), t.str(),
                                            slug.str(), tz.str(), notes.str()});
    }
    co_await tx.commit();
  } catch (const pg::error& error) {
    // The one refusal expected here: a fast stored since the check. Anything else is a bug.
    if (!error.is_exclusion_violation() || error.constraint() != "fasting_sessions_no_overlap") {
      throw;
    }
    out = {};
    out.concurrent_overlap = true;
  }
  co_return out;
}

}  // namespace ugoki::fasting::plan_store
