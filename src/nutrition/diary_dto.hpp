// JSON shapes of the food diary: POST/PATCH /meals bodies, the ?date= query, the meal and day
// objects.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "nutrition/diary_types.hpp"

namespace ugoki::nutrition::dto {

// POST /meals: {eaten_at? (RFC 3339, not in the future, at most 30 days back), slot
// (breakfast|lunch|dinner|snack), name? (1..200), notes? (..1000), items (1..50), during_fast?
// (end_fast|keep_fast)}. An item is exactly one of {recipe_id, servings? (0 < s <= 100,
// default 1)}, {product_id | barcode, grams (0 < g <= 5000) | servings}, or {name, kcal
// (0..10000), protein_g?, carbs_g?, fat_g?, fiber_g?, sugar_g?, salt_g? (0..2000)}. 400
// VAL_001 naming every bad field ("items[1].grams"); unknown members refused at every level.
result<new_meal> parse_new_meal(std::string_view body, instant now);
// PATCH /meals/:id: the same members but during_fast, all optional (notes null clears them),
// at least one.
result<meal_patch> parse_meal_patch(std::string_view body, instant now);
// GET /diary?date=YYYY-MM-DD (required).
result<std::string> parse_diary_date(const std::optional<std::string>& date);

std::string render_meal(const meal& m);
std::string render_day(const diary_day& d);

}  // namespace ugoki::nutrition::dto
