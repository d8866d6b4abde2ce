// JSON and query strings <-> the workout reference data's administration (exercises and
// catalogue routines). Parsers name every bad field in one 400 VAL_001 and refuse unknown
// members; renderers write the admin objects (api/openapi.yaml, "Workouts administration").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "workouts/admin_types.hpp"

namespace ugoki::workouts::admin_dto {

// Limits of the text fields, the same for English and each translation.
inline constexpr std::size_t max_name_chars = 100;
inline constexpr std::size_t max_description_chars = 1000;
inline constexpr std::size_t max_instruction_chars = 300;
inline constexpr std::size_t min_instructions = 3;  // migration 0005's CHECK
inline constexpr std::size_t max_instructions = 6;

// ?q= (1..100 characters), ?active=true|false, ?page=, ?per_page= (1..100, default 20).
result<admin::list_query> parse_list_query(const std::optional<std::string>& q,
                                           const std::optional<std::string>& active,
                                           const std::optional<std::string>& page,
                                           const std::optional<std::string>& per_page);

// POST /admin/workouts/exercises: slug (^[a-z0-9]+(-[a-z0-9]+)*$, ..64), name (1..100),
// description (1..1000), instructions (3..6 steps of 1..300 characters), muscle_groups (1..16 of
// the vocabulary, no repeats; the first is the primary), equipment? (of the vocabulary, no
// repeats; [] is bodyweight), aliases? (..10 of 1..60 characters), difficulty, category,
// met_value (1.0..25.0, one decimal), met_source ("Compendium 2011|2024 code NNNNN"),
// is_unilateral? (false), video_url? and thumbnail_url? (https URLs ..2000 or null),
// sort_order? (0..100000, 0), active? (true), translations? ({"de": {name?, description?,
// instructions?}}: languages of language::served but en, at least one field each, the English
// limits). Text must not be blank nor hold control characters.
struct exercise_input {
  admin::exercise_row row;
  admin::translations_change translations;
};
result<exercise_input> parse_exercise(std::string_view body);

// PATCH: the same members but slug, each optional (video_url and thumbnail_url may be null to
// clear them; a language of translations may be null to remove it), plus "version"; `if_match`
// is the header. The header or the member must name the version the editor saw; at least one
// field must change.
result<admin::exercise_patch> parse_exercise_patch(std::string_view body,
                                                   std::string_view if_match);

// POST /admin/workouts/routines: slug, name (1..100), description (1..1000), difficulty,
// category (hiit|tabata|emom|amrap|circuit), goals? (of the vocabulary, no repeats), rounds
// (1..50), work_seconds (5..3600), rest_seconds? (0..600, 0), rest_between_rounds_seconds?
// (0..900, 0), is_premium? (false), sort_order? (0..100000, 0), active? (true), exercises (1..50
// slots in the order warm_up, main, cool_down, at least one main): each {block? (main),
// exercise_id (a UUID), work_seconds? (5..3600 or null), reps? (1..500 or null), notes?
// (1..500 or null)}. Errors name slots as "exercises[2].reps". Whether the ids are exercises,
// and emom's 60-second minute, are the service's to check.
result<admin::routine_row> parse_routine(std::string_view body);

// PATCH: the same members but slug, each optional (exercises replaces the list), plus
// "version" / If-Match as for exercises.
result<admin::routine_patch> parse_routine_patch(std::string_view body, std::string_view if_match);

// DELETE: an optional {"version"} body and If-Match; nullopt when neither names one.
result<std::optional<std::int64_t>> parse_delete(std::string_view body, std::string_view if_match);

// The admin objects: every field as written, plus id, version and updated_at (and for routines
// the derived equipment and estimated_duration_seconds).
std::string render_exercise(const admin::exercise_row& x);
std::string render_exercises(const std::vector<admin::exercise_row>& items);
std::string render_routine(const admin::routine_row& r);
std::string render_routines(const std::vector<admin::routine_row>& items);

}  // namespace ugoki::workouts::admin_dto
