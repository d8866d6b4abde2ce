// Filtering and ranked full-text search over the exercise snapshot: pure, no I/O, so a list
// request is a scan of ~60 in-memory rows (docs/workouts.md, "Exercise library").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "workouts/library_types.hpp"

namespace ugoki::workouts::search {

// The search terms of an exercise: words of its name, its aliases, its description, and of its
// translations' names and descriptions (in every language: one ranking serves all).
search_terms terms_of(const exercise& e);

// How well `e` matches every word of the query (`query_words`, from text::query_words()): the sum
// over the words of the best of name 30 (exact) / 20 (prefix), alias 25 / 15, description 5 / 3. A
// prefix counts from 3 letters; a trailing "s" is ignored ("squats" finds "squat"). 0 when any
// word matches nothing: every word must match.
int rank(const search_terms& t, const std::vector<std::string>& query_words);

// The page of `lib.exercises` that `q` asks for: filters (muscle_group in any of the exercise's
// groups; equipment "none" = no equipment), then, with q.q, only matches ordered by rank
// (highest first), then sort_order and id; after q.after; at most q.limit items.
exercise_page select(const catalogue& lib, const exercise_query& q);

}  // namespace ugoki::workouts::search
