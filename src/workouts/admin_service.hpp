// The workouts module's administration of its reference data: exercises and catalogue routines
// (list, read, create, update, delete), each write audited in its transaction, checked against
// the version the editor saw, and announced ("workouts") after the commit so every instance
// reloads its library snapshot. No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "workouts/admin_types.hpp"

namespace ugoki {
namespace pg {
class database;
}
namespace redis {
class reference_changes;
}
}  // namespace ugoki

namespace ugoki::workouts {

class admin_service {
 public:
  // `db` and `changes` must outlive the service.
  admin_service(pg::database& db, redis::reference_changes& changes);
  admin_service(const admin_service&) = delete;
  admin_service& operator=(const admin_service&) = delete;

  // Every exercise matching `q`, retired ones too. Throws pg::unavailable.
  boost::asio::awaitable<admin::page<admin::exercise_row>> exercises(admin::list_query q);
  // One exercise, retired or not; 404 WORK_001.
  boost::asio::awaitable<result<admin::exercise_row>> exercise(std::string id);
  // 409 WORK_004 when the slug is taken.
  boost::asio::awaitable<result<admin::exercise_row>> create_exercise(
      actor who, admin::exercise_row x, admin::translations_change translations);
  // Changes the members in `patch` at patch.version: 404 WORK_001, 412 REQ_006 when the
  // exercise has another version (nothing written).
  boost::asio::awaitable<result<admin::exercise_row>> update_exercise(actor who, std::string id,
                                                                      admin::exercise_patch patch);
  // Deletes an exercise nothing references (nullopt); one that a catalogue routine, a user's
  // routine or a session (a logged set, a routine snapshot) names is retired instead (active
  // false, answered as it now is), so history and routines keep resolving it. 404 WORK_001,
  // 412 REQ_006 when `version` is given and stale.
  boost::asio::awaitable<result<std::optional<admin::exercise_row>>> delete_exercise(
      actor who, std::string id, std::optional<std::int64_t> version);

  boost::asio::awaitable<admin::page<admin::routine_row>> routines(admin::list_query q);
  // 404 WORK_002.
  boost::asio::awaitable<result<admin::routine_row>> routine(std::string id);
  // 400 VAL_001 when a slot names no exercise or a retired one, or an emom routine's
  // work_seconds is not 60; 409 WORK_005 when the slug is taken.
  boost::asio::awaitable<result<admin::routine_row>> create_routine(actor who,
                                                                    admin::routine_row r);
  // As create_routine's checks (a retired exercise the routine already uses may stay), plus
  // 404 WORK_002 and 412 REQ_006.
  boost::asio::awaitable<result<admin::routine_row>> update_routine(actor who, std::string id,
                                                                    admin::routine_patch patch);
  // Deletes a routine no session was started from (nullopt); otherwise retires it (sessions
  // keep their snapshot either way). 404 WORK_002, 412 REQ_006.
  boost::asio::awaitable<result<std::optional<admin::routine_row>>> delete_routine(
      actor who, std::string id, std::optional<std::int64_t> version);

 private:
  pg::database& db_;
  redis::reference_changes& changes_;
};

}  // namespace ugoki::workouts
