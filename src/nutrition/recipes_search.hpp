// Filtering and ranked search over the recipe snapshot, and the mapping of a profile's free-text
// allergies onto the recipe allergen vocabulary: pure, no I/O (docs/nutrition.md, "Recipes").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "nutrition/recipes_types.hpp"

namespace ugoki::nutrition::recipe_search {

// The allergen vocabulary of migration 0007, in its order.
const std::vector<std::string>& allergen_vocabulary();
// The diet and tag vocabularies of migrations 0007 and 0025.
const std::vector<std::string>& diet_vocabulary();
const std::vector<std::string>& tag_vocabulary();

// The recipe allergens a profile's allergies name: each entry lowercased, trimmed, compared
// with the vocabulary and its synonyms ("peanut", "milk", "lactose", "wheat", "prawns", "tree
// nuts", "eggs", ...). Entries that name none are ignored (they cannot filter recipes). Sorted,
// unique.
std::vector<std::string> allergens_of(const std::vector<std::string>& allergies);

recipe_terms terms_of(const recipe& r);

// How well every query word matches: per word the best of name 30 (exact) / 20 (prefix of 3+
// letters), ingredient 15 / 10, tag 10 / 6, description 5 / 3; a trailing "s" is ignored. 0
// when a word matches nothing (every word must match).
int rank(const recipe_terms& t, const std::vector<std::string>& query_words);

// Whether `r` passes the filters of `q` (diet, max prep, kcal range, tag) and contains none of
// `excluded` allergens. Retired recipes never pass.
bool passes(const recipe& r, const recipe_query& q, const std::vector<std::string>& excluded);

// The page: recipes passing the filters, with q only matches by rank (highest first), then name
// and id; after q.after; at most q.limit.
recipe_page select(const recipe_book& book, const recipe_query& q,
                   const std::vector<std::string>& excluded);

// Sorts a book the store read by (name, id) in byte order and fills its terms and lookups.
void index_book(recipe_book& book);

}  // namespace ugoki::nutrition::recipe_search
