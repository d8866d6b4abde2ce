// SQL of the workouts module's admin routes on its reference tables: exercises, catalogue
// routines and their slots (workout_routines, workout_routine_exercises). Every write records its
// admin_audit() entry ('workouts.exercise', 'workouts.routine') in its transaction. Every
// function throws pg::unavailable when the database is down and pg::error for a statement the
// server refuses (a bug: the service validates first).
#pragma once

#include <boost/asio/awaitable.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "workouts/admin_types.hpp"

namespace ugoki::pg {
class database;
class transaction;
}  // namespace ugoki::pg

namespace ugoki::workouts::admin_store {

// A page of exercises (retired ones too) matching `q`, in (sort_order, name, id) order, with the
// total. One round trip.
boost::asio::awaitable<admin::page<admin::exercise_row>> list_exercises(pg::database& db,
                                                                        const admin::list_query& q);

// Exercise `id`; nullopt when there is none.
boost::asio::awaitable<std::optional<admin::exercise_row>> find_exercise(pg::database& db,
                                                                         std::string id);

// Inserts `x` (its translations from `translations.set_json`) with a 'create' entry; nullopt
// when the slug is taken.
boost::asio::awaitable<std::optional<admin::exercise_row>> insert_exercise(
    pg::database& db, const admin::exercise_row& x, const admin::translations_change& translations,
    const actor& who);

// Exercise `id`, locked until the transaction ends; nullopt when there is none.
boost::asio::awaitable<std::optional<admin::exercise_row>> lock_exercise(pg::transaction& tx,
                                                                         std::string id);

// Writes every field of `x` (by x.e.id; the slug stays), merges `translations` into the stored
// ones, and records `action` ("update", "deactivate") with the fields that changed.
boost::asio::awaitable<admin::exercise_row> write_exercise(
    pg::transaction& tx, const admin::exercise_row& x,
    const admin::translations_change& translations, const actor& who, std::string action);

// What references exercise `id` (a locked one, so no new reference can appear before the
// transaction ends): "routines" (catalogue slots), "user_routines" (users' own intervals),
// "sessions" (logged sets, or a session's routine snapshot naming it). Empty: nothing does.
boost::asio::awaitable<std::vector<std::string>> exercise_references(pg::transaction& tx,
                                                                     std::string id);

// Deletes exercise `id` (unreferenced: see exercise_references) with a 'delete' entry.
boost::asio::awaitable<void> delete_exercise(pg::transaction& tx, std::string id, const actor& who);

// The state of each of `ids` that is an exercise: id -> active.
boost::asio::awaitable<std::map<std::string, bool>> exercise_states(
    pg::transaction& tx, const std::vector<std::string>& ids);

// A page of catalogue routines (retired ones too) with their slots, as list_exercises.
boost::asio::awaitable<admin::page<admin::routine_row>> list_routines(pg::database& db,
                                                                      const admin::list_query& q);

// Routine `id` with its slots; nullopt when there is none.
boost::asio::awaitable<std::optional<admin::routine_row>> find_routine(pg::database& db,
                                                                       std::string id);

// Routine `id` with its slots, locked until the transaction ends; nullopt when there is none.
boost::asio::awaitable<std::optional<admin::routine_row>> lock_routine(pg::transaction& tx,
                                                                       std::string id);

// Inserts `r` with its slots and derived columns and a 'create' entry; nullopt when the slug is
// taken (nothing written).
boost::asio::awaitable<std::optional<admin::routine_row>> insert_routine(
    pg::transaction& tx, const admin::routine_row& r, const actor& who);

// Writes every field of `r` (by r.id; the slug stays), replaces its slots when
// `replace_slots`, recomputes the derived columns, and records `action` with the fields that
// changed (the slots as one member, "exercises"). Returns the routine as stored.
boost::asio::awaitable<admin::routine_row> write_routine(pg::transaction& tx,
                                                         const admin::routine_row& r,
                                                         bool replace_slots, const actor& who,
                                                         std::string action);

// Whether any workout session was started from routine `id`.
boost::asio::awaitable<bool> routine_has_sessions(pg::transaction& tx, std::string id);

// Deletes routine `id` and its slots with a 'delete' entry.
boost::asio::awaitable<void> delete_routine(pg::transaction& tx, std::string id, const actor& who);

}  // namespace ugoki::workouts::admin_store
