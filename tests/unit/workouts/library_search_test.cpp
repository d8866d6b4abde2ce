// Exercise filtering, ranking and paging over a hand-built snapshot (library_search.hpp).
#include "workouts/library_search.hpp"

#include <gtest/gtest.h>

#include "workouts/library_service.hpp"

namespace ugoki::workouts {
namespace {

exercise search_ex(std::string id, std::string name, std::vector<std::string> muscles,
                   std::vector<std::string> equipment, int order,
                   std::vector<std::string> aliases = {}, std::string description = "A move.") {
  exercise e;
  e.id = std::move(id);
  e.slug = "x" + e.id.substr(0, 4);
  e.name = std::move(name);
  e.description = std::move(description);
  e.muscle_groups = std::move(muscles);
  e.equipment = std::move(equipment);
  e.aliases = std::move(aliases);
  e.difficulty = "beginner";
  e.category = "strength";
  e.sort_order = order;
  return e;
}

catalogue search_lib() {
  catalogue lib;
  lib.exercises = {
      search_ex("00000000-0000-0000-0000-000000000001", "Push-Ups", {"chest", "triceps"}, {}, 10,
                {"pushup", "press-ups"}),
      search_ex("00000000-0000-0000-0000-000000000002", "Kettlebell Swings", {"glutes", "core"},
                {"kettlebell"}, 20),
      search_ex("00000000-0000-0000-0000-000000000003", "Forearm Plank", {"core"}, {}, 30,
                {"plank"}),
      search_ex("00000000-0000-0000-0000-000000000004", "Dead Bug", {"core"}, {}, 40, {},
                "Hold a plank-like brace while lying on your back."),
  };
  index_catalogue(lib);
  return lib;
}

std::vector<std::string> search_names(const exercise_page& p) {
  std::vector<std::string> out;
  for (const auto* e : p.items) {
    out.push_back(e->name);
  }
  return out;
}

TEST(library_search, filters_by_muscle_group_and_bodyweight) {
  auto lib = search_lib();
  exercise_query q;
  q.muscle_group = "core";
  EXPECT_EQ(search_names(search::select(lib, q)),
            (std::vector<std::string>{"Kettlebell Swings", "Forearm Plank", "Dead Bug"}));
  q.equipment = "none";
  EXPECT_EQ(search_names(search::select(lib, q)),
            (std::vector<std::string>{"Forearm Plank", "Dead Bug"}));
  q.equipment = "kettlebell";
  EXPECT_EQ(search_names(search::select(lib, q)), (std::vector<std::string>{"Kettlebell Swings"}));
}

TEST(library_search, name_beats_alias_beats_description) {
  auto lib = search_lib();
  exercise_query q;
  q.q = "plank";
  auto page = search::select(lib, q);
  // Forearm Plank: name 30; Dead Bug: description "plank" 5 ("plank-like" splits into plank).
  EXPECT_EQ(search_names(page), (std::vector<std::string>{"Forearm Plank", "Dead Bug"}));
  EXPECT_EQ(page.ranks, (std::vector<int>{30, 5}));
}

TEST(library_search, aliases_and_solid_spellings_match) {
  auto lib = search_lib();
  exercise_query q;
  q.q = "pushup";
  EXPECT_EQ(search_names(search::select(lib, q)), (std::vector<std::string>{"Push-Ups"}));
  q.q = "press ups";
  EXPECT_EQ(search_names(search::select(lib, q)), (std::vector<std::string>{"Push-Ups"}));
  q.q = "swing";  // singular finds the plural name
  EXPECT_EQ(search_names(search::select(lib, q)), (std::vector<std::string>{"Kettlebell Swings"}));
  q.q = "plank kettlebell";  // every word must match
  EXPECT_TRUE(search::select(lib, q).items.empty());
}

TEST(library_search, pages_continue_after_the_cursor_position) {
  auto lib = search_lib();
  exercise_query q;
  q.limit = 2;
  auto first = search::select(lib, q);
  EXPECT_EQ(search_names(first), (std::vector<std::string>{"Push-Ups", "Kettlebell Swings"}));
  EXPECT_TRUE(first.has_more);
  q.after = exercise_query::position{0, first.items.back()->sort_order, first.items.back()->id};
  auto second = search::select(lib, q);
  EXPECT_EQ(search_names(second), (std::vector<std::string>{"Forearm Plank", "Dead Bug"}));
  EXPECT_FALSE(second.has_more);
}

}  // namespace
}  // namespace ugoki::workouts
