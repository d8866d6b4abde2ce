// Domain structs of the workout library: exercises, routines (the catalogue's and users' own),
// their intervals, and the in-process snapshot of the reference data. No JSON, SQL or HTTP.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ugoki::workouts {

using instant = std::chrono::system_clock::time_point;

// An exercise's text in a language other than English (migration 0035, `translations`): a field
// left out is served in English.
struct exercise_text {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::vector<std::string>> instructions;
};

struct exercise {
  std::string id;
  std::string slug;
  std::string name;
  std::string description;
  std::vector<std::string> instructions;
  // Ordered: the first is the primary muscle group, the rest secondary (seeds/020).
  std::vector<std::string> muscle_groups;
  std::vector<std::string> equipment;  // empty: bodyweight only
  std::vector<std::string> aliases;
  std::string difficulty;
  std::string category;
  double met_value = 0;
  std::string met_source;  // "Compendium 2011 code 02020"
  bool is_unilateral = false;
  std::optional<std::string> video_url;
  std::optional<std::string> thumbnail_url;
  int sort_order = 0;
  // Retired exercises stay in the snapshot so routines that use them still render; lists,
  // detail and new routines see active ones only.
  bool active = true;
  // By language of language::served other than English ("de", "fr").
  std::map<std::string, exercise_text, std::less<>> translations;
};

// One interval of a routine: an exercise for work_seconds (or reps, or both: reps as the target
// inside the time), then rest_seconds, repeated `rounds` times in a row.
struct interval {
  std::string block;  // warm_up | main | cool_down
  int position = 0;
  std::string exercise_id;
  std::optional<int> work_seconds;
  std::optional<int> reps;
  int rest_seconds = 0;
  int rounds = 1;
  std::optional<std::string> notes;
};

// A routine: catalogue (slug set) or a user's own (owner set). The main block runs `rounds`
// times with rest_between_rounds_seconds between; warm-up and cool-down run once.
struct routine {
  std::string id;
  std::optional<std::string> slug;
  std::optional<std::string> owner;
  std::string name;
  std::optional<std::string> description;
  std::optional<std::string> difficulty;  // catalogue only
  std::optional<std::string> category;    // catalogue only
  std::vector<std::string> goals;
  int rounds = 1;
  int rest_between_rounds_seconds = 0;
  bool is_premium = false;
  std::vector<std::string> equipment;  // union of the intervals' exercises'
  // Ordered warm_up, main, cool_down, then by position.
  std::vector<interval> intervals;
  std::optional<instant> created_at;  // own routines only
  std::optional<instant> updated_at;
  int sort_order = 0;  // catalogue only: the list's order is (sort_order, name, id)
};

// Lowercased words of an exercise's name, aliases and description (library_search.hpp).
struct search_terms {
  std::vector<std::string> name;
  std::vector<std::string> aliases;
  std::vector<std::string> description;
};

// The reference data as one immutable value: every active exercise and catalogue routine,
// with lookups. Shared read-only between requests (std::shared_ptr<const catalogue>).
struct catalogue {
  std::int64_t version = 0;
  std::vector<exercise> exercises;  // by sort_order, then id
  std::vector<search_terms> terms;  // parallel to exercises
  std::unordered_map<std::string, std::size_t> exercise_index;
  std::vector<routine> routines;  // by sort_order, then name
  std::unordered_map<std::string, std::size_t> routine_index;

  const exercise* find_exercise(const std::string& id) const {
    auto it = exercise_index.find(id);
    return it == exercise_index.end() ? nullptr : &exercises[it->second];
  }
  const routine* find_routine(const std::string& id) const {
    auto it = routine_index.find(id);
    return it == routine_index.end() ? nullptr : &routines[it->second];
  }
};

// GET /workouts/exercises: the validated filters and page position.
struct exercise_query {
  std::optional<std::string> muscle_group;
  std::optional<std::string> equipment;  // a vocabulary name, or "none" for bodyweight
  std::optional<std::string> difficulty;
  std::optional<std::string> category;
  std::optional<std::string> q;
  int limit = 20;
  // After this (rank, sort_order, id), from a cursor.
  struct position {
    int rank = 0;
    int sort_order = 0;
    std::string id;
  };
  std::optional<position> after;
};

struct exercise_page {
  std::vector<const exercise*> items;  // point into the catalogue the page was taken from
  std::vector<int> ranks;              // parallel to items; 0 without q
  bool has_more = false;
};

// GET /workouts/routines filters.
struct routine_filter {
  std::optional<std::string> difficulty;
  std::optional<int> max_minutes;
  std::optional<std::string> equipment;  // a vocabulary name, or "none"
  std::optional<std::string> goal;
  std::optional<bool> premium;
  int limit = 20;
  // After this catalogue routine (sort_order, name, id), from a cursor.
  struct position {
    int sort_order = 0;
    std::string name;
    std::string id;
  };
  std::optional<position> after;
};

// GET /workouts/routines/mine: a page of the caller's routines, oldest first.
struct own_routine_query {
  int limit = 20;
  std::optional<std::int64_t> after_created_us;  // after (created_at, id), from a cursor
  std::optional<std::string> after_id;
};

// Length and energy of a routine for one body mass (routine_rules.hpp).
struct routine_estimate {
  int duration_seconds = 0;
  int work_seconds = 0;
  int rest_seconds = 0;
  long estimated_kcal = 0;
  double body_mass_kg = 0;
  bool estimated = true;  // the default body mass was used
};

// A routine as answered: the routine, its estimate, and the catalogue its exercise ids resolve
// in. `full` is false for a premium routine shown to a free caller (summary only).
struct routine_view {
  routine r;
  routine_estimate estimate;
  std::shared_ptr<const catalogue> lib;
  bool full = true;
  // The language the exercises' names are shown in (the routes set it from Accept-Language).
  std::string language = "en";
};

// A page of routines; the next cursor comes from the last item.
struct routine_page {
  std::vector<routine_view> items;
  bool has_more = false;
};

// A user routine as a client writes it (POST, or the whole routine on PATCH).
struct own_routine_input {
  std::optional<std::string> name;
  std::optional<std::string> description;
  bool clear_description = false;
  std::optional<int> rounds;
  std::optional<int> rest_between_rounds_seconds;
  std::optional<std::vector<interval>> intervals;  // positions numbered 1.. in order
};

}  // namespace ugoki::workouts
