// SQL for the fasting module's tables. Every function is one round trip, except where a write
// that changed nothing reads the row once more to say why; every user-owned row is filtered by
// the caller's user_id, so another user's id reads as missing.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

#include "fasting/types.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::fasting::store {

// Active protocols in display order. Throws pg::unavailable when the database cannot be reached.
boost::asio::awaitable<std::vector<protocol>> list_protocols(pg::database& db);

// Active stages ordered by start. Throws pg::unavailable as above.
boost::asio::awaitable<std::vector<stage>> list_stages(pg::database& db);

// Why a session write changed nothing; the service turns each into its API error.
enum class refusal {
  none,
  not_found,         // no such session (or log) of this user
  unknown_protocol,  // protocol_id names no active protocol
  active_exists,     // fasting_sessions_one_active_key: the user already has a running fast
  overlap,           // fasting_sessions_no_overlap: the times intersect another fast
  not_active,        // end/cancel of a finished fast
  bad_time,          // the instant is outside what the row allows (before start, after end)
};

template <class T>
struct write_result {
  std::optional<T> value;
  refusal why = refusal::none;
};

// The user's running fast, or nullopt. Uses the one-active partial index: one index probe.
boost::asio::awaitable<std::optional<session>> find_active(pg::database& db, std::string user_id);

// One of the user's (not deleted) sessions, or nullopt.
boost::asio::awaitable<std::optional<session>> find_session(pg::database& db, std::string user_id,
                                                            std::string id);

// Inserts a running fast starting at `started_at`, snapshotting the protocol's slug and name and
// the user's time zone (read with a subquery from user_zones, the view the user module publishes:
// the zone is part of the same row's meaning, and a second round trip to the user module would
// race a profile change anyway).
// The target is `target_seconds`, else the protocol's fasting length; one must be given.
// Refusals: unknown_protocol, active_exists, overlap (decided by the constraints, so two racing
// starts cannot both succeed). Throws pg::unavailable when the database is down.
boost::asio::awaitable<write_result<session>> insert_session(pg::database& db, std::string user_id,
                                                             const start_request& req,
                                                             instant started_at);

// Applies `patch` (started_at already validated against the clock). A new start keeps the
// target length unless target_seconds changes it; a finished fast's status is re-derived from
// its end and the new target. Refusals: not_found, bad_time (the new start is not before the
// fast's end), overlap.
boost::asio::awaitable<write_result<session>> update_session(pg::database& db, std::string user_id,
                                                             std::string id,
                                                             const session_patch& patch);

// Ends a running fast at `ended_at`: completed when the target was reached, else ended_early;
// end_local_date is the end's calendar date in the session's zone. Refusals: not_found,
// not_active, bad_time (ended_at before the start).
boost::asio::awaitable<write_result<session>> end_session(pg::database& db, std::string user_id,
                                                          std::string id, instant ended_at);

// Cancels a running fast at `at` (status cancelled, no streak day). Refusals: not_found,
// not_active.
boost::asio::awaitable<write_result<session>> cancel_session(pg::database& db, std::string user_id,
                                                             std::string id, instant at);

// A page of the user's sessions, newest start first, after the query's keyset position.
boost::asio::awaitable<history_page> history(pg::database& db, std::string user_id,
                                             const history_query& q);

// Adds a log to the user's session when `log.logged_at` (set) lies within [start, end], or
// [start, now] for a running fast. Refusals: not_found, bad_time.
boost::asio::awaitable<write_result<session_log>> insert_log(pg::database& db, std::string user_id,
                                                             std::string session_id,
                                                             const new_log& log, instant now);

// The session's logs in time order; nullopt when the session is not the user's.
boost::asio::awaitable<std::optional<std::vector<session_log>>> list_logs(pg::database& db,
                                                                          std::string user_id,
                                                                          std::string session_id);

// Soft-deletes one log of the user's session. False when there was no such live log.
boost::asio::awaitable<bool> delete_log(pg::database& db, std::string user_id,
                                        std::string session_id, std::string log_id);

// The fasting part of the user's data export: the JSON object {"logs", "sessions",
// "schedules"}, each an array of every row of the user's fasting_logs, fasting_sessions and
// fasting_schedules (soft-deleted rows included, as the export always showed them) with every
// column but user_id, ordered by created_at; instants as jsonb spells them in UTC ("+00:00",
// dto::render_export respells them with Z). One round trip.
// Throws pg::unavailable when the database is down.
boost::asio::awaitable<std::string> export_part(pg::database& db, std::string user_id);

}  // namespace ugoki::fasting::store
