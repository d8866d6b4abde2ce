// JSON shapes of the workout library: exercise and routine renderers, and the parsers of its
// query strings and bodies, which refuse 400 VAL_001 naming every bad field at once.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "workouts/library_types.hpp"

namespace ugoki {
class cursor_codec;
}

namespace ugoki::workouts::dto {

// A list item: {id, slug, name, language, primary_muscle, muscle_groups, equipment, difficulty,
// category, met_value, is_unilateral, thumbnail_url}. The text is e's translation into
// `language` when it has one (each field it leaves out in English), and `language` says which
// language the item is in: `language`, or "en" when e has no translation into it.
std::string render_exercise_summary(const exercise& e, std::string_view language);
// GET /exercises/:id: the summary's members and description, instructions, muscles {primary,
// secondary}, aliases, met_source, compendium_code, media {image_url, video_url}; localised as
// the summary.
std::string render_exercise(const exercise& e, std::string_view language);
// Whether `e` has a translation into `language` (its answers are then in that language).
bool translated(const exercise& e, std::string_view language);
// A JSON array of already rendered items.
std::string render_array(const std::vector<std::string_view>& rendered);
// The pagination object of an exercise page; the cursor points after its last item.
std::string render_exercise_pagination(const exercise_page& page, const cursor_codec& codec);

// A routine with its estimate; `blocks` (warm_up, main, cool_down with their intervals) only
// when v.full, else null. Each interval's exercise {id, slug, name, language, ...} has its name
// in v.language when it has a translation into it (the routine's own text is English).
std::string render_routine(const routine_view& v);
// The Content-Language of a routine answer: v.language when an exercise it shows is in it,
// else "en".
std::string_view routine_language(const routine_view& v);
std::string render_routines(const std::vector<routine_view>& items);
// The pagination member of a routine page: the catalogue's cursor is (sort_order, name, id),
// an own routine page's (created_at, id).
std::string render_routine_pagination(const routine_page& page, const cursor_codec& codec);

// The query of GET /exercises as received.
struct exercise_params {
  std::optional<std::string> muscle_group;
  std::optional<std::string> equipment;
  std::optional<std::string> difficulty;
  std::optional<std::string> category;
  std::optional<std::string> q;
  std::optional<std::string> limit;
  std::optional<std::string> cursor;
};
// Each filter from its closed vocabulary (equipment also "none"), q of 1..100 characters,
// limit 1..100 (default 20), cursor as render_exercise_pagination made it.
result<exercise_query> parse_exercise_query(const exercise_params& p, const cursor_codec& codec);

// The query of GET /routines as received.
struct routine_params {
  std::optional<std::string> difficulty;
  std::optional<std::string> max_minutes;
  std::optional<std::string> equipment;
  std::optional<std::string> goal;
  std::optional<std::string> premium;
  std::optional<std::string> limit;
  std::optional<std::string> cursor;
};
// difficulty, equipment (or "none"), goal from their vocabularies; max_minutes 1..600;
// premium true|false.
result<routine_filter> parse_routine_filter(const routine_params& p, const cursor_codec& codec);
// GET /routines/mine: limit 1..100 (20), a cursor from render_routine_pagination.
result<own_routine_query> parse_own_routine_query(const std::optional<std::string>& limit,
                                                  const std::optional<std::string>& cursor,
                                                  const cursor_codec& codec);

// Whether an exercise id may be used in a new routine (active in the snapshot).
using exercise_check = std::function<bool(const std::string& id)>;

// POST /routines/mine (`patch` false): {name (1..100), description? (..1000), rounds? (1..50,
// default 1), rest_between_rounds_seconds? (0..900, default 0), intervals (1..50 items, at
// least one in the main block)}; each interval {block? (warm_up|main|cool_down, default main),
// exercise_id (an active library exercise), work_seconds? (5..3600), reps? (1..500), one of
// the two at least, rest_seconds? (0..600, default 0), rounds? (1..20, default 1), notes?
// (..500)}. PATCH (`patch` true): the same members, each optional; intervals replace the
// list; description null clears it. Errors name fields as "intervals[2].work_seconds".
result<own_routine_input> parse_own_routine(std::string_view body, const exercise_check& known,
                                            bool patch);

// The data export's part: the store's JSON array with instants respelled with Z.
std::string render_routines_export(std::string_view stored);

}  // namespace ugoki::workouts::dto
