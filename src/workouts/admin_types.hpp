// The workouts module's admin view of its reference data (exercises and catalogue routines, with
// retired rows, versions and translations) and the edits an admin makes. No JSON or SQL here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "workouts/library_types.hpp"

namespace ugoki::workouts::admin {

// An exercise as an admin reads and writes it: every column of `exercises` but timestamps.
// `e.translations` is not used here: the translations travel as stored JSON (translations_json,
// an object by language), because the store merges a PATCH's languages in SQL.
struct exercise_row {
  exercise e;
  std::string translations_json = "{}";
  std::int64_t version = 1;
  std::string updated_at;  // RFC 3339, UTC
};

// A PATCH's or POST's translations: languages to set (each replaced whole) as one JSON object
// text, and languages to remove ("de": null).
struct translations_change {
  std::string set_json = "{}";
  std::vector<std::string> remove;
  bool empty() const { return set_json == "{}" && remove.empty(); }
};

// A PATCH of an exercise: only the members present change; an inner nullopt clears the field.
// The slug, the exercise's stable key (seeds upsert by it), does not change.
struct exercise_patch {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::vector<std::string>> instructions;
  std::optional<std::vector<std::string>> muscle_groups;
  std::optional<std::vector<std::string>> equipment;
  std::optional<std::vector<std::string>> aliases;
  std::optional<std::string> difficulty;
  std::optional<std::string> category;
  std::optional<double> met_value;
  std::optional<std::string> met_source;
  std::optional<bool> is_unilateral;
  std::optional<std::optional<std::string>> video_url;
  std::optional<std::optional<std::string>> thumbnail_url;
  std::optional<int> sort_order;
  std::optional<bool> active;
  translations_change translations;
  // The version the editor saw (If-Match or the `version` member); required.
  std::optional<std::int64_t> version;
};

// GET /admin/workouts/exercises and /routines: `q` matches name or slug (case-insensitive
// substring), `active` filters on the state.
struct list_query {
  std::optional<std::string> q;
  std::optional<bool> active;
  int page = 1;
  int per_page = 20;
};

template <class T>
struct page {
  std::vector<T> items;
  int page_number = 1;
  int per_page = 20;
  std::int64_t total = 0;
};

// One slot of a catalogue routine as the admin writes it: positions are the list's order.
struct routine_slot {
  std::string block = "main";  // warm_up | main | cool_down
  std::string exercise_id;
  std::optional<int> work_seconds;  // overrides the routine's
  std::optional<int> reps;
  std::optional<std::string> notes;
};

// A catalogue routine as an admin reads and writes it (workout_routines and its slots).
// `equipment` and `estimated_duration_seconds` are derived from the slots on every write.
struct routine_row {
  std::string id;
  std::string slug;
  std::string name;
  std::string description;
  std::string difficulty;
  std::string category;  // hiit | tabata | emom | amrap | circuit
  std::vector<std::string> goals;
  int rounds = 1;
  int work_seconds = 30;
  int rest_seconds = 0;
  int rest_between_rounds_seconds = 0;
  bool is_premium = false;
  int sort_order = 0;
  bool active = true;
  std::vector<routine_slot> exercises;
  std::vector<std::string> equipment;
  int estimated_duration_seconds = 0;
  std::int64_t version = 1;
  std::string updated_at;
};

struct routine_patch {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::string> difficulty;
  std::optional<std::string> category;
  std::optional<std::vector<std::string>> goals;
  std::optional<int> rounds;
  std::optional<int> work_seconds;
  std::optional<int> rest_seconds;
  std::optional<int> rest_between_rounds_seconds;
  std::optional<bool> is_premium;
  std::optional<int> sort_order;
  std::optional<bool> active;
  std::optional<std::vector<routine_slot>> exercises;  // replaces the list
  std::optional<std::int64_t> version;
};

// What a DELETE did: removed the row, or retired it because something references it.
struct removal {
  bool deleted = false;
  std::vector<std::string> referenced_by;  // "routines", "user_routines", "sessions"
};

}  // namespace ugoki::workouts::admin
