// JSON shapes of the shopping list: its renderers and the parsers of its bodies and query,
// which refuse 400 VAL_001 naming every bad field at once (unknown members included).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "nutrition/meal_plans_types.hpp"

namespace ugoki::nutrition::dto {

// GET /shopping-list: week? (YYYY-MM-DD, any day of the plan's week).
result<std::optional<date>> parse_shopping_week(const std::optional<std::string>& week);
// POST /shopping-list/items: {name (1..200, not blank), quantity? (0.01..100000, at most two
// decimals), unit? (1..32, not blank, needs quantity), aisle? (units::aisles, default other)}.
result<shopping_input> parse_shopping_item(std::string_view body);
// PATCH /shopping-list/items/:id: {checked? (bool), name?, quantity? (null clears it and the
// unit), unit? (replaced with quantity: giving either sets both), aisle?}; at least one member;
// name, aisle and checked may not be null.
result<shopping_patch> parse_shopping_patch(std::string_view body);

// {id, name, quantity, unit, aisle, checked, checked_at, source (plan|manual), meal_plan_id,
// created_at, updated_at}.
std::string render_shopping_item(const shopping_item& i);
// {meal_plan_id, week_start, week_end, aisles: [{aisle, items}] (shopping order, only aisles
// with items), item_count, checked_count}.
std::string render_shopping_list(const shopping_list& l);
// {removed: n}.
std::string render_cleared(std::int64_t removed);
// The export part with instants respelled with Z.
std::string render_shopping_export(std::string_view stored);

}  // namespace ugoki::nutrition::dto
