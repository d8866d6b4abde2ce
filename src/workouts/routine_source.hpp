// What a workout session needs of a routine when it starts. The library part (library_service,
// which owns routines: the catalogue's and users' own) answers; the sessions part asks through
// this function type, so neither includes the other and the composition root joins them.
#pragma once

#include <functional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "core/error.hpp"

namespace ugoki::workouts {

struct routine_to_start {
  std::string id;
  std::string name;
  // The routine as GET /workouts/routines/:id renders its full blocks (a JSON object): kept in
  // the session (workout_sessions.routine_snapshot) so a finished workout reads as it was done
  // even after the routine is edited or retired.
  std::string snapshot_json;
};

// The routine `routine_id` as `user_id` may start it: a catalogue routine, or one of the user's
// own. Refusals: not found (also another user's routine: 404, never 403), and 403 AUTH_003 for a
// premium routine when `premium_caller` is false.
using routine_source = std::function<boost::asio::awaitable<result<routine_to_start>>(
    std::string user_id, std::string routine_id, bool premium_caller)>;

}  // namespace ugoki::workouts
