// JSON shapes of meal plans: the plan renderer and the parsers of their bodies and queries,
// which refuse 400 VAL_001 naming every bad field at once (unknown members included).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "nutrition/meal_plans_types.hpp"

namespace ugoki {
class cursor_codec;
}

namespace ugoki::nutrition::dto {

// POST /meal-plans: {week_start (YYYY-MM-DD), name? (1..200), items (0..100) of {day (0..6),
// slot (breakfast|lunch|dinner|snack), exactly one of recipe_id (UUID) | product_id (UUID) |
// free_text (1..200), servings? (0.25..20 in steps of 0.25, default 1)}}.
result<plan_input> parse_plan(std::string_view body);
// PATCH /meal-plans/:id: {name? (null clears), remove? [item ids], move? [{item_id, day?,
// slot?, servings?} with at least one of the three], add? [items as in POST]}; at least one
// member; an item id at most once across remove and move.
result<plan_patch> parse_plan_patch(std::string_view body);
// POST /meal-plans/:id/copy: {week_start}.
result<date> parse_copy(std::string_view body);
// POST /meal-plans/generate: {week_start, name?, daily_kcal? (1000..6000), profile? (bool,
// default true: the profile's diet, allergies and excluded foods), diet? (the profile diet
// vocabulary), exclude? [allergens]}.
result<generate_input> parse_generate(std::string_view body);
// GET /meal-plans: week? (YYYY-MM-DD), limit? (1..50, default 20), cursor?.
result<plan_list_query> parse_plan_list(const std::optional<std::string>& week,
                                        const std::optional<std::string>& limit,
                                        const std::optional<std::string>& cursor,
                                        const cursor_codec& codec);

// {id, name, week_start, week_end, items: [{id, day, date, slot, position, kind (recipe|
// product|free_text), recipe {id, slug, name, active} | null, product {id, name, code} | null,
// free_text, servings, kcal}], daily_kcal [7], total_kcal, created_at, updated_at}.
std::string render_plan(const meal_plan& p);
std::string render_plan_page(const plan_page& page);
std::string render_plan_pagination(const plan_page& page, const cursor_codec& codec);
// The export part with instants respelled with Z.
std::string render_plans_export(std::string_view stored);

}  // namespace ugoki::nutrition::dto
