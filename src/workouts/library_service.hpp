// The workout library's rules: the reference snapshot (exercises, catalogue routines), routine
// estimates for the caller's body mass, premium gating, and users' own routines. No HTTP, JSON
// or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/versioned_snapshot.hpp"
#include "workouts/calories.hpp"
#include "workouts/library_types.hpp"
#include "workouts/routine_source.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::workouts {

class library_service {
 public:
  // `db` must outlive the service. `mass` answers the caller's body mass for estimates. The
  // snapshot re-reads the reference data's version stamp at most once per `poll` and reloads
  // everything only when it changed (docs/workouts.md, "Exercise library").
  library_service(pg::database& db, body_mass_source mass,
                  std::chrono::milliseconds poll = std::chrono::seconds(1));
  ~library_service();
  library_service(const library_service&) = delete;
  library_service& operator=(const library_service&) = delete;

  // The current snapshot of the reference data. Loads it on first use (throws pg::unavailable
  // when the database is down then); afterwards a failing refresh keeps the last good one.
  boost::asio::awaitable<std::shared_ptr<const catalogue>> reference();

  // For the content/admin module after it edits exercises or routines: this instance checks the
  // version stamp on its next read instead of up to `poll` later. Other instances need nothing:
  // the database's triggers bump the stamp on every write, and they poll it. Thread-safe.
  void reference_changed();

  // One active exercise; 404 WORK_001 otherwise.
  boost::asio::awaitable<result<std::pair<std::shared_ptr<const catalogue>, const exercise*>>>
  exercise_by_id(std::string id);

  // The catalogue routines passing `f`, each with its estimate at the caller's body mass and
  // full = false (a list shows summaries).
  boost::asio::awaitable<routine_page> routines(std::string user_id, routine_filter f);

  // A catalogue routine or one of the user's own, with full blocks and its estimate.
  // 404 WORK_002 when it is neither (another user's routine included); 403 AUTH_003 for a
  // premium catalogue routine when `premium_caller` is false.
  boost::asio::awaitable<result<routine_view>> routine_by_id(std::string user_id, std::string id,
                                                             bool premium_caller);

  // The routine_source the sessions part starts workouts from (routine_source.hpp):
  // routine_by_id rendered as GET /workouts/routines/:id renders it.
  routine_source source();

  // Creates a user routine from validated input (every member present, exercise ids active:
  // the parser checked them against reference()). 409 WORK_003 at max_own_routines.
  boost::asio::awaitable<result<routine_view>> create_own(std::string user_id,
                                                          own_routine_input in);
  // The user's routines, oldest first, with estimates (full blocks).
  boost::asio::awaitable<routine_page> own_routines(std::string user_id, own_routine_query q);
  // One of the user's routines; 404 WORK_002 otherwise.
  boost::asio::awaitable<result<routine_view>> own_routine(std::string user_id, std::string id);
  // Changes the members given (validated); 404 WORK_002.
  boost::asio::awaitable<result<routine_view>> update_own(std::string user_id, std::string id,
                                                          own_routine_input in);
  // Deletes one; 404 WORK_002.
  boost::asio::awaitable<result<void>> delete_own(std::string user_id, std::string id);

  // The data export's "workout_routines" member: the user's routines as a JSON array.
  boost::asio::awaitable<std::string> export_part(std::string user_id);

 private:
  boost::asio::awaitable<std::vector<routine_view>> with_estimates(
      std::string user_id, std::vector<routine> routines, std::shared_ptr<const catalogue> lib,
      bool full);
  boost::asio::awaitable<result<routine_to_start>> start_routine(std::string user_id,
                                                                 std::string id, bool premium);

  pg::database& db_;
  body_mass_source mass_;
  // The exercises and catalogue routines, reloaded when workout_reference_version's stamp
  // changes.
  versioned_snapshot<catalogue> snapshot_;
};

// Fills the search terms and id lookups of a catalogue the store read.
void index_catalogue(catalogue& lib);

}  // namespace ugoki::workouts
