// SQL for the fasting module, as named statements (the name is the prepared-statement name).
// Instants travel as RFC 3339 text in and epoch microseconds out, so no zone setting matters.
#include "fasting/store.hpp"

#include <cstdio>

#include "core/pg/database.hpp"
#include "core/time.hpp"
#include "fasting/portability.hpp"

namespace ugoki::fasting::store {

namespace {

// Session rows come back as these 14 columns (read_session), timestamps as PostgreSQL's own UTC
// text (pg::timestamp_us), the cheapest form for the server to produce: GET /sessions/current
// reads this row on every poll. Log rows come back as read_log's 9 columns, instants in epoch
// microseconds. Each statement spells its columns out, so the SQL reads as it runs.

constexpr pg::statement list_protocols_sql{"fasting.list_protocols", R"(
SELECT id::text, slug, name, kind, description, fasting_minutes, eating_window_minutes,
       fast_day_kcal, fast_days_per_week, weekday_rules::text, difficulty, recommended_frequency,
       benefits::text, considerations::text, translations::text
FROM fasting_protocols WHERE is_active ORDER BY sort_order, name)"};

// numeric hours -> whole seconds (a stage may start at 12.5 h).
constexpr pg::statement list_stages_sql{"fasting.list_stages", R"(
SELECT slug, name, round(starts_at_hours * 3600)::int8, round(ends_at_hours * 3600)::int8,
       summary, description, source, disclaimer, translations::text
FROM fasting_stages WHERE is_active ORDER BY starts_at_hours)"};

constexpr pg::statement find_active_sql{"fasting.find_active", R"(
SELECT id::text, protocol_id::text, protocol_slug, protocol_name, status, started_at,
       target_end_at, actual_end_at, timezone, end_local_date::text, notes, source, created_at,
       updated_at
FROM fasting_sessions WHERE user_id = $1::uuid AND status = 'active')"};

constexpr pg::statement find_session_sql{"fasting.find_session", R"(
SELECT id::text, protocol_id::text, protocol_slug, protocol_name, status, started_at,
       target_end_at, actual_end_at, timezone, end_local_date::text, notes, source, created_at,
       updated_at
FROM fasting_sessions WHERE id = $2::uuid AND user_id = $1::uuid AND deleted_at IS NULL)"};

// One row from (SELECT 1) LEFT JOIN the protocol: a custom fast ($2 NULL) inserts with no
// protocol; a protocol id that matches no active protocol inserts nothing (unknown_protocol).
// The zone comes from the user module's view user_zones (see store.hpp); an account without a
// profile row fasts in UTC.
constexpr pg::statement insert_session_sql{"fasting.insert_session", R"(
INSERT INTO fasting_sessions (user_id, protocol_id, protocol_slug, protocol_name, started_at,
                              target_end_at, timezone, notes)
SELECT $1::uuid, p.id, p.slug, p.name, $3::timestamptz,
       $3::timestamptz + make_interval(secs => coalesce($4::int8, p.fasting_minutes::int8 * 60)),
       coalesce((SELECT z.timezone FROM user_zones z WHERE z.user_id = $1::uuid), 'UTC'), $5
FROM (SELECT 1) AS one LEFT JOIN fasting_protocols p ON p.id = $2::uuid AND p.is_active
WHERE $2::uuid IS NULL OR p.id IS NOT NULL
RETURNING id::text, protocol_id::text, protocol_slug, protocol_name, status, started_at,
          target_end_at, actual_end_at, timezone, end_local_date::text, notes, source,
          created_at, updated_at)"};

// In SET and WHERE, f.* are the old values. $3: notes given (a value or null to clear). The new
// start is coalesce($5, f.started_at); the new target is that start plus the new length
// ($6 seconds) or the old one.
constexpr pg::statement update_session_sql{"fasting.update_session", R"(
UPDATE fasting_sessions f
SET notes = CASE WHEN $3::bool THEN $4 ELSE f.notes END,
    started_at = coalesce($5::timestamptz, f.started_at),
    target_end_at = coalesce($5::timestamptz, f.started_at)
                    + coalesce(make_interval(secs => $6::int8), f.target_end_at - f.started_at),
    status = CASE WHEN f.status IN ('completed', 'ended_early') THEN
               CASE WHEN f.actual_end_at >= coalesce($5::timestamptz, f.started_at)
                      + coalesce(make_interval(secs => $6::int8), f.target_end_at - f.started_at)
                    THEN 'completed' ELSE 'ended_early' END
             ELSE f.status END
WHERE f.id = $2::uuid AND f.user_id = $1::uuid AND f.deleted_at IS NULL
  AND (f.actual_end_at IS NULL OR f.actual_end_at > coalesce($5::timestamptz, f.started_at))
RETURNING id::text, protocol_id::text, protocol_slug, protocol_name, status, started_at,
          target_end_at, actual_end_at, timezone, end_local_date::text, notes, source,
          created_at, updated_at)"};

constexpr pg::statement end_session_sql{"fasting.end_session", R"(
UPDATE fasting_sessions
SET actual_end_at = $3::timestamptz,
    status = CASE WHEN $3::timestamptz >= target_end_at THEN 'completed' ELSE 'ended_early' END,
    end_local_date = ($3::timestamptz AT TIME ZONE timezone)::date
WHERE id = $2::uuid AND user_id = $1::uuid AND deleted_at IS NULL AND status = 'active'
  AND $3::timestamptz >= started_at
RETURNING id::text, protocol_id::text, protocol_slug, protocol_name, status, started_at,
          target_end_at, actual_end_at, timezone, end_local_date::text, notes, source,
          created_at, updated_at)"};

// greatest(): a start clamped to "now" by another instance's clock may be a second ahead.
constexpr pg::statement cancel_session_sql{"fasting.cancel_session", R"(
UPDATE fasting_sessions
SET status = 'cancelled', actual_end_at = greatest($3::timestamptz, started_at)
WHERE id = $2::uuid AND user_id = $1::uuid AND deleted_at IS NULL AND status = 'active'
RETURNING id::text, protocol_id::text, protocol_slug, protocol_name, status, started_at,
          target_end_at, actual_end_at, timezone, end_local_date::text, notes, source,
          created_at, updated_at)"};

// Keyset pagination on fasting_sessions_history_idx: the row comparison is an index condition
// (no sort), and the first page passes ('infinity', max uuid) rather than NULLs so the plan is
// the same for every page. The date filters compare the local start date in the session's own
// zone; the UTC bounds widened by a day on each side (no zone is more than 14 h off) narrow the
// scan first.
constexpr pg::statement history_sql{"fasting.history", R"(
SELECT id::text, protocol_id::text, protocol_slug, protocol_name, status, started_at,
       target_end_at, actual_end_at, timezone, end_local_date::text, notes, source, created_at,
       updated_at
FROM fasting_sessions
WHERE user_id = $1::uuid AND deleted_at IS NULL
  AND (started_at, id) < ($2::timestamptz, $3::uuid)
  AND ($4::text IS NULL OR status = $4::text)
  AND ($5::date IS NULL OR (started_at >= ($5::date - 1)::timestamp AT TIME ZONE 'UTC'
                            AND (started_at AT TIME ZONE timezone)::date >= $5::date))
  AND ($6::date IS NULL OR (started_at < ($6::date + 2)::timestamp AT TIME ZONE 'UTC'
                            AND (started_at AT TIME ZONE timezone)::date <= $6::date))
ORDER BY started_at DESC, id DESC LIMIT $7::int4)"};

constexpr pg::statement insert_log_sql{"fasting.insert_log", R"(
INSERT INTO fasting_logs (user_id, session_id, logged_at, mood, energy, hunger, symptoms, note)
SELECT s.user_id, s.id, $3::timestamptz, $4::int2, $5::int2, $6::int2, $7::jsonb, $8
FROM fasting_sessions s
WHERE s.id = $2::uuid AND s.user_id = $1::uuid AND s.deleted_at IS NULL
  AND $3::timestamptz >= s.started_at
  AND $3::timestamptz <= coalesce(s.actual_end_at, $9::timestamptz)
RETURNING id::text, session_id::text, (extract(epoch from logged_at) * 1000000)::int8,
          mood::int4, energy::int4, hunger::int4, symptoms::text, note,
          (extract(epoch from created_at) * 1000000)::int8)"};

// The session row always comes back when it is the user's, so an empty result means 404 and a
// row with a NULL log id means a session without logs.
constexpr pg::statement list_logs_sql{"fasting.list_logs", R"(
SELECT l.id::text, s.id::text, (extract(epoch from l.logged_at) * 1000000)::int8,
       l.mood::int4, l.energy::int4, l.hunger::int4, l.symptoms::text, l.note,
       (extract(epoch from l.created_at) * 1000000)::int8
FROM fasting_sessions s
LEFT JOIN fasting_logs l ON l.user_id = s.user_id AND l.session_id = s.id
                         AND l.deleted_at IS NULL
WHERE s.id = $2::uuid AND s.user_id = $1::uuid AND s.deleted_at IS NULL
ORDER BY l.logged_at, l.id)"};

constexpr pg::statement delete_log_sql{"fasting.delete_log", R"(
UPDATE fasting_logs SET deleted_at = now()
WHERE id = $3::uuid AND session_id = $2::uuid AND user_id = $1::uuid AND deleted_at IS NULL)"};

// The data export's statements run after pg::utc_for_this_transaction: timestamptz renders as
// +00:00, which dto::render_export turns into Z.

// to_jsonb: every column, so a column a migration adds is exported without a change here.
// jsonb_build_object orders the keys logs, sessions, schedules (jsonb sorts them by length).
constexpr pg::statement export_part_sql{"fasting.export_part", R"(
SELECT jsonb_build_object(
  'schedules', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
                FROM fasting_schedules t WHERE t.user_id = $1::uuid),
  'sessions', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
               FROM fasting_sessions t WHERE t.user_id = $1::uuid),
  'logs', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'user_id' ORDER BY t.created_at), '[]')
           FROM fasting_logs t WHERE t.user_id = $1::uuid))::text)"};

instant from_us(std::int64_t us) {
  return instant(std::chrono::duration_cast<instant::duration>(std::chrono::microseconds(us)));
}

std::string text(instant t) {
  return time::format_rfc3339(t);
}

session read_session(const pg::row& r) {
  session s;
  s.id = r.get<std::string>(0);
  s.protocol_id = r.get<std::optional<std::string>>(1);
  s.protocol_slug = r.get<std::optional<std::string>>(2);
  s.protocol_name = r.get<std::optional<std::string>>(3);
  s.status = r.get<std::string>(4);
  s.started_at = from_us(r.get<pg::timestamp_us>(5).value);
  s.target_end_at = from_us(r.get<pg::timestamp_us>(6).value);
  if (auto end = r.get<std::optional<pg::timestamp_us>>(7)) {
    s.ended_at = from_us(end->value);
  }
  s.timezone = r.get<std::string>(8);
  s.end_local_date = r.get<std::optional<std::string>>(9);
  s.notes = r.get<std::optional<std::string>>(10);
  s.source = r.get<std::string>(11);
  s.created_at = from_us(r.get<pg::timestamp_us>(12).value);
  s.updated_at = from_us(r.get<pg::timestamp_us>(13).value);
  return s;
}

session_log read_log(const pg::row& r) {
  session_log l;
  l.id = r.get<std::string>(0);
  l.session_id = r.get<std::string>(1);
  l.logged_at = from_us(r.get<std::int64_t>(2));
  l.mood = r.get<std::optional<int>>(3);
  l.energy = r.get<std::optional<int>>(4);
  l.hunger = r.get<std::optional<int>>(5);
  l.symptoms_json = r.get<std::string>(6);
  l.note = r.get<std::optional<std::string>>(7);
  l.created_at = from_us(r.get<std::int64_t>(8));
  return l;
}

std::optional<session> first_session(const pg::result& rows) {
  if (rows.empty()) {
    return std::nullopt;
  }
  return read_session(rows[0]);
}

// The constraint names of migrations/0004_fasting.sql; anything else is a bug and propagates.
refusal classify(const pg::error& e) {
  if (e.is_unique_violation() && e.constraint() == "fasting_sessions_one_active_key") {
    return refusal::active_exists;
  }
  if (e.is_exclusion_violation() && e.constraint() == "fasting_sessions_no_overlap") {
    return refusal::overlap;
  }
  return refusal::none;
}

// After a guarded write matched no row: why not, from the row as it is now.
boost::asio::awaitable<refusal> explain(pg::database& db, const std::string& user_id,
                                        const std::string& id, bool must_be_active) {
  auto found = co_await find_session(db, user_id, id);
  if (!found) {
    co_return refusal::not_found;
  }
  if (must_be_active && found->status != "active") {
    co_return refusal::not_active;
  }
  co_return refusal::bad_time;
}

}  // namespace

boost::asio::awaitable<std::vector<protocol>> list_protocols(pg::database& db) {
  auto rows = co_await db.query(list_protocols_sql);
  std::vector<protocol> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    protocol p;
    p.id = row.get<std::string>(0);
    p.slug = row.get<std::string>(1);
    p.name = row.get<std::string>(2);
    p.kind = row.get<std::string>(3);
    p.description = row.get<std::string>(4);
    p.fasting_minutes = row.get<int>(5);
    p.eating_window_minutes = row.get<int>(6);
    p.fast_day_kcal = row.get<std::optional<int>>(7);
    p.fast_days_per_week = row.get<std::optional<int>>(8);
    p.weekday_rules_json = row.get<std::string>(9);
    p.difficulty = row.get<std::string>(10);
    p.recommended_frequency = row.get<std::string>(11);
    p.benefits_json = row.get<std::string>(12);
    p.considerations_json = row.get<std::string>(13);
    p.translations_json = row.get<std::string>(14);
    out.push_back(std::move(p));
  }
  co_return out;
}

boost::asio::awaitable<std::vector<stage>> list_stages(pg::database& db) {
  auto rows = co_await db.query(list_stages_sql);
  std::vector<stage> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    stage s;
    s.slug = row.get<std::string>(0);
    s.name = row.get<std::string>(1);
    s.starts_after_seconds = row.get<std::int64_t>(2);
    s.ends_after_seconds = row.get<std::optional<std::int64_t>>(3);
    s.summary = row.get<std::string>(4);
    s.description = row.get<std::string>(5);
    s.source = row.get<std::string>(6);
    s.disclaimer = row.get<std::string>(7);
    s.translations_json = row.get<std::string>(8);
    out.push_back(std::move(s));
  }
  co_return out;
}

boost::asio::awaitable<std::optional<session>> find_active(pg::database& db, std::string user_id) {
  pg::params args{user_id};
  auto rows = co_await db.query(find_active_sql, args);
  co_return first_session(rows);
}

boost::asio::awaitable<std::optional<session>> find_session(pg::database& db, std::string user_id,
                                                            std::string id) {
  pg::params args{user_id, id};
  auto rows = co_await db.query(find_session_sql, args);
  co_return first_session(rows);
}

boost::asio::awaitable<write_result<session>> insert_session(pg::database& db, std::string user_id,
                                                             const start_request& req,
                                                             instant started_at) {
  pg::params args{user_id, req.protocol_id, text(started_at), req.target_seconds, req.notes};
  write_result<session> out;
  try {
    auto rows = co_await db.query(insert_session_sql, args);
    out.value = first_session(rows);
    if (!out.value) {
      out.why = refusal::unknown_protocol;
    }
  } catch (const pg::error& e) {
    out.why = classify(e);
    if (out.why == refusal::none) {
      throw;
    }
  }
  co_return out;
}

boost::asio::awaitable<write_result<session>> update_session(pg::database& db, std::string user_id,
                                                             std::string id,
                                                             const session_patch& patch) {
  std::optional<std::string> start;
  if (patch.started_at) {
    start = text(*patch.started_at);
  }
  bool notes_given = patch.notes.has_value() || patch.clear_notes;
  pg::params args{user_id, id, notes_given, patch.notes, start, patch.target_seconds};
  write_result<session> out;
  try {
    auto rows = co_await db.query(update_session_sql, args);
    out.value = first_session(rows);
  } catch (const pg::error& e) {
    out.why = classify(e);
    if (out.why == refusal::none) {
      throw;
    }
  }
  if (!out.value && out.why == refusal::none) {
    out.why = co_await explain(db, user_id, id, false);
  }
  co_return out;
}

namespace {

// End and cancel: one guarded UPDATE of the running session; when it matched nothing, a second
// look says why (not found, or already finished).
boost::asio::awaitable<write_result<session>> finish_session(pg::database& db,
                                                             const pg::statement& stmt,
                                                             std::string user_id, std::string id,
                                                             instant at) {
  pg::params args{user_id, id, text(at)};
  auto rows = co_await db.query(stmt, args);
  write_result<session> out;
  out.value = first_session(rows);
  if (!out.value) {
    out.why = co_await explain(db, user_id, id, true);
  }
  co_return out;
}

}  // namespace

boost::asio::awaitable<write_result<session>> end_session(pg::database& db, std::string user_id,
                                                          std::string id, instant ended_at) {
  return finish_session(db, end_session_sql, std::move(user_id), std::move(id), ended_at);
}

boost::asio::awaitable<write_result<session>> cancel_session(pg::database& db, std::string user_id,
                                                             std::string id, instant at) {
  return finish_session(db, cancel_session_sql, std::move(user_id), std::move(id), at);
}

boost::asio::awaitable<history_page> history(pg::database& db, std::string user_id,
                                             const history_query& q) {
  // One row more than the page tells whether another page follows.
  std::string after =
      q.after_started_us ? time::format_rfc3339_micros(*q.after_started_us) : "infinity";
  std::string after_id = q.after_id.value_or("ffffffff-ffff-ffff-ffff-ffffffffffff");
  pg::params args{user_id, after, after_id, q.status, q.from, q.to, q.limit + 1};
  auto rows = co_await db.query(history_sql, args);
  history_page page;
  for (const auto& row : rows) {
    if (page.items.size() == static_cast<std::size_t>(q.limit)) {
      page.has_more = true;
      break;
    }
    page.items.push_back(read_session(row));
  }
  co_return page;
}

boost::asio::awaitable<write_result<session_log>> insert_log(pg::database& db, std::string user_id,
                                                             std::string session_id,
                                                             const new_log& log, instant now) {
  instant at = log.logged_at.value_or(now);
  pg::params args{user_id,    session_id,        text(at), log.mood, log.energy,
                  log.hunger, log.symptoms_json, log.note, text(now)};
  auto rows = co_await db.query(insert_log_sql, args);
  write_result<session_log> out;
  if (!rows.empty()) {
    out.value = read_log(rows[0]);
    co_return out;
  }
  out.why = co_await explain(db, user_id, session_id, false);
  co_return out;
}

boost::asio::awaitable<std::optional<std::vector<session_log>>> list_logs(pg::database& db,
                                                                          std::string user_id,
                                                                          std::string session_id) {
  pg::params args{user_id, session_id};
  auto rows = co_await db.query(list_logs_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  std::vector<session_log> out;
  for (const auto& row : rows) {
    if (!row.is_null(0)) {
      out.push_back(read_log(row));
    }
  }
  co_return out;
}

boost::asio::awaitable<bool> delete_log(pg::database& db, std::string user_id,
                                        std::string session_id, std::string log_id) {
  pg::params args{user_id, session_id, log_id};
  auto rows = co_await db.query(delete_log_sql, args);
  co_return rows.affected_rows() == 1;
}

boost::asio::awaitable<std::string> export_part(pg::database& db, std::string user_id) {
  std::vector<pg::command> commands;
  commands.push_back({&pg::utc_for_this_transaction, pg::params{}});
  commands.push_back({&export_part_sql, pg::params{user_id}});
  auto results = co_await db.pipeline(commands);
  co_return results[1][0].get<std::string>(0);
}

}  // namespace ugoki::fasting::store
