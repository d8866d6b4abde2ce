// The fasting module's rules: protocols and stages (reference data), and the session timer's
// state machine (start, end, cancel, correct) with its check-in logs. No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/language.hpp"
#include "fasting/time_rules.hpp"
#include "fasting/types.hpp"

namespace ugoki {
class clock;
namespace pg {
class database;
}
template <class T>
class snapshot_cache;
}  // namespace ugoki

namespace ugoki::fasting {

class service {
 public:
  // `db` and `clock` must outlive the service. Stages are kept in memory for `stage_ttl`.
  service(pg::database& db, const clock& clock,
          std::chrono::seconds stage_ttl = std::chrono::seconds(300));
  ~service();
  service(const service&) = delete;
  service& operator=(const service&) = delete;

  // The clock's now, in whole seconds (every instant the API writes has whole seconds): what
  // the request parsers check client instants against (time_rules.hpp).
  instant now() const;

  // The protocols or stages changed (an admin write, here or on another instance): the stage
  // snapshot and every snapshot registered with on_reference_changed reload at their next read.
  // Cheap; callable from any thread.
  void reference_changed();
  // Registers `drop` (it marks one snapshot stale, e.g. the routes' rendered catalogue) to run
  // on reference_changed(). Call before serving.
  void on_reference_changed(std::function<void()> drop);

  // Every active protocol, in display order. Throws pg::unavailable when the database is down.
  boost::asio::awaitable<std::vector<protocol>> protocols();

  // Every active stage, ordered by start, in English with their translations, read from the
  // database (the /fasting/stages route caches the rendered lists itself). Throws
  // pg::unavailable when the database is down.
  boost::asio::awaitable<std::vector<stage>> load_stages();

  // Starts a fast now or at req.started_at. Refuses 400 VAL_001 (field started_at) for a start
  // more than time_rules::clock_skew ahead of now or more than max_backdate behind it;
  // 422 FAST_002 for an unknown protocol; 409 FAST_001 while another fast runs (also when two
  // starts race: the database's one-active index decides); 409 FAST_004 when a backdated start
  // falls inside an earlier fast.
  boost::asio::awaitable<result<session>> start(std::string user_id, start_request req);

  // The user's running fast with its timer (elapsed, remaining, progress, current and next
  // stage), or nullopt when none runs. One database round trip (the session row); stages come
  // from the in-memory snapshot (loaded on first use, refreshed after stage_ttl). Throws
  // pg::unavailable when the database is down. This is the typed state the analytics
  // dashboard's bridge (app/bridges.cpp) maps to its own struct: no JSON crosses modules.
  // The stages' names and summaries are in `language` (one of language::served) where they have
  // that translation, English otherwise (stage_mark::language says which).
  boost::asio::awaitable<std::optional<active_session_view>> current(
      std::string user_id, std::string language = std::string(language::fallback));

  // One of the user's sessions; refuses 404 FAST_003 when it is not theirs or does not exist.
  boost::asio::awaitable<result<session>> get(std::string user_id, std::string id);

  // Corrects notes, target or start. Refuses 400 VAL_001 for a future start or one not before
  // the fast's end, 404 FAST_003, 409 FAST_004 when the new times overlap another fast.
  boost::asio::awaitable<result<session>> update(std::string user_id, std::string id,
                                                 session_patch patch);

  // Ends a running fast now or at `ended_at` (not in the future, not before the start):
  // completed when the target was reached, else ended_early. Refuses 400 VAL_001 (ended_at),
  // 404 FAST_003, 409 FAST_005 when the fast already finished.
  boost::asio::awaitable<result<session>> end(std::string user_id, std::string id,
                                              std::optional<instant> ended_at);

  // Cancels a running fast now (it counts toward no streak). Refuses 404 FAST_003, 409 FAST_005.
  boost::asio::awaitable<result<session>> cancel(std::string user_id, std::string id);

  // A page of the user's sessions, newest first. The query is validated by the caller.
  boost::asio::awaitable<history_page> history(std::string user_id, history_query q);

  // Adds a check-in to the user's session. Refuses 400 VAL_001 (logged_at) for a time in the
  // future or outside the session, 404 FAST_003.
  boost::asio::awaitable<result<session_log>> add_log(std::string user_id, std::string session_id,
                                                      new_log log);
  // The session's logs in time order; refuses 404 FAST_003.
  boost::asio::awaitable<result<std::vector<session_log>>> logs(std::string user_id,
                                                                std::string session_id);
  // Deletes one log; refuses 404 FAST_006 when the session has no such log of the user's.
  boost::asio::awaitable<result<void>> delete_log(std::string user_id, std::string session_id,
                                                  std::string log_id);

  // The fasting part of the user's data export (GET /users/me/export, docs/privacy.md), as
  // JSON text: {"logs": [...], "sessions": [...], "schedules": [...]}, every row of the user's
  // fasting_logs, fasting_sessions and fasting_schedules (soft-deleted ones too) with every
  // column but user_id, oldest first by created_at, instants RFC 3339 UTC with Z; empty arrays
  // for a user without fasts. The shape of the `fasting` key the export has had so far. Throws
  // pg::unavailable when the database is down.
  boost::asio::awaitable<std::string> export_part(std::string user_id);

 private:
  // The active stages localised once per served language at each refresh, by language.
  using localised_stages = std::map<std::string, std::vector<stage>, std::less<>>;
  using stage_cache = snapshot_cache<localised_stages>;

  pg::database& db_;
  const clock& clock_;
  std::unique_ptr<stage_cache> stages_;
  std::vector<std::function<void()>> reference_drops_;
};

}  // namespace ugoki::fasting
