// JSON of the recipes' administration: the list's query, recipe bodies (create, patch) with
// their translations, the admin's recipe object and DELETE's answer.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "nutrition/recipe_admin_types.hpp"

namespace ugoki::nutrition::recipe_admin_dto {

// ?q=1..100 characters&page=1..10000&per_page=1..100 (defaults 1 and 20); 400 VAL_001 naming
// each bad parameter.
result<admin_recipe_query> parse_list_query(const std::optional<std::string>& q,
                                            const std::optional<std::string>& page,
                                            const std::optional<std::string>& per_page);

// POST body: slug (lowercase words of a-z and 0-9 joined by single hyphens, at most 100),
// name (1..200), description (1..4000), steps (1..50 of 1..1000 characters), ingredients (1..50
// of {name 1..100, quantity? 0 < q <= 100000 (kept to 0.01), unit? (the unit vocabulary; needs
// a quantity), notes? 1..255, aisle? (the aisle vocabulary, default other)}, positions follow
// the order), prep_minutes and cook_minutes (0..1440), servings (1..50),
// nutrition_per_serving {kcal 0..5000 integer, protein_g, carbs_g, fat_g, fiber_g, sugar_g,
// sodium_mg 0..99999.9, kept to 0.1} (per serving, as the library stores it: the ingredients
// carry no nutrition to compute it from), diet_types, allergens, tags (their vocabularies, no
// repeats), meal_types (1..5 of theirs), is_premium? (false), active? (true), image_url? (an
// https:// URL of at most 500 characters, or null), translations? (below). Texts must not be
// blank. Unknown members refused. 400 VAL_001 naming every bad field.
//
// translations: {"<language>": {name?, description?, steps?, ingredients?: {"<position>":
// {name?, notes?}}}} for languages of language::served but English, each field with the limits
// of its English field, at least one field a language; in a PATCH "<language>": null removes it.
result<admin_recipe> parse_recipe(std::string_view body);

// PATCH body: the same members but slug, each optional (image_url may be null), translations
// per language (replacing that language's translation, or null to remove it), and the version
// the editor saw: If-Match ("v<version>") or a `version` member, one of them required. At least
// one member to change.
result<recipe_patch> parse_recipe_patch(std::string_view body, std::string_view if_match);

// The admin's recipe: {id, slug, name, description, steps, ingredients: [{position, name,
// quantity, unit, notes, aisle}], prep_minutes, cook_minutes, servings, nutrition_per_serving,
// diet_types, allergens, meal_types, tags, is_premium, active, image_url, translations (as
// stored), version, updated_at}.
std::string render_admin_recipe(const admin_recipe& a);
// A list item: the same without steps and ingredients (GET one has them).
std::string render_admin_recipe_items(const admin_recipe_page& page);
// DELETE's answer: {id, outcome: deleted | deactivated, meal_plan_items, diary_items}.
std::string render_removal(const recipe_removal& r);

}  // namespace ugoki::nutrition::recipe_admin_dto
