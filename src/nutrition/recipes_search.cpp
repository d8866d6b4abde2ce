// Recipe filtering, ranking and allergy mapping (recipes_search.hpp).
#include "nutrition/recipes_search.hpp"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

#include "core/text.hpp"

namespace ugoki::nutrition::recipe_search {

namespace {

bool contains(const std::vector<std::string>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

// Free-text spellings of each allergen, after lowercasing and trimming (whole entries, or an
// entry's words: "severe peanut allergy" names peanuts).
const std::vector<std::pair<std::string, std::string>>& synonyms() {
  static const std::vector<std::pair<std::string, std::string>> list{{"gluten", "gluten"},
                                                                     {"wheat", "gluten"},
                                                                     {"coeliac", "gluten"},
                                                                     {"celiac", "gluten"},
                                                                     {"barley", "gluten"},
                                                                     {"rye", "gluten"},
                                                                     {"dairy", "dairy"},
                                                                     {"milk", "dairy"},
                                                                     {"lactose", "dairy"},
                                                                     {"cheese", "dairy"},
                                                                     {"egg", "egg"},
                                                                     {"eggs", "egg"},
                                                                     {"nuts", "nuts"},
                                                                     {"nut", "nuts"},
                                                                     {"treenut", "nuts"},
                                                                     {"treenuts", "nuts"},
                                                                     {"walnut", "nuts"},
                                                                     {"almond", "nuts"},
                                                                     {"cashew", "nuts"},
                                                                     {"peanut", "peanuts"},
                                                                     {"peanuts", "peanuts"},
                                                                     {"groundnut", "peanuts"},
                                                                     {"soy", "soy"},
                                                                     {"soya", "soy"},
                                                                     {"soybean", "soy"},
                                                                     {"tofu", "soy"},
                                                                     {"fish", "fish"},
                                                                     {"salmon", "fish"},
                                                                     {"cod", "fish"},
                                                                     {"tuna", "fish"},
                                                                     {"shellfish", "shellfish"},
                                                                     {"crustacean", "shellfish"},
                                                                     {"crustaceans", "shellfish"},
                                                                     {"prawn", "shellfish"},
                                                                     {"prawns", "shellfish"},
                                                                     {"shrimp", "shellfish"},
                                                                     {"crab", "shellfish"},
                                                                     {"lobster", "shellfish"},
                                                                     {"mollusc", "shellfish"},
                                                                     {"sesame", "sesame"},
                                                                     {"tahini", "sesame"}};
  return list;
}

}  // namespace

const std::vector<std::string>& allergen_vocabulary() {
  static const std::vector<std::string> v{"gluten", "dairy", "egg",       "nuts",  "peanuts",
                                          "soy",    "fish",  "shellfish", "sesame"};
  return v;
}

const std::vector<std::string>& diet_vocabulary() {
  static const std::vector<std::string> v{"vegetarian",  "vegan",      "keto",
                                          "low_carb",    "paleo",      "mediterranean",
                                          "gluten_free", "dairy_free", "high_protein"};
  return v;
}

const std::vector<std::string>& tag_vocabulary() {
  static const std::vector<std::string> v{"quick",  "no_cook",    "one_pot",      "batch_cook",
                                          "budget", "comfort",    "light",        "spicy",
                                          "sweet",  "high_fibre", "fast_friendly"};
  return v;
}

std::vector<std::string> allergens_of(const std::vector<std::string>& allergies) {
  std::set<std::string> out;
  for (const auto& entry : allergies) {
    auto ws = text::words(entry, 16);
    // "tree nuts" reads as "tree", "nuts", "treenuts": the joined form is among the words.
    for (const auto& w : ws) {
      for (const auto& [spelling, allergen] : synonyms()) {
        if (w == spelling) {
          // "peanut" must not also read as "nut": only peanut words map to peanuts.
          out.insert(allergen);
        }
      }
    }
  }
  return {out.begin(), out.end()};
}

recipe_terms terms_of(const recipe& r) {
  recipe_terms t;
  t.name = text::words(r.name);
  for (const auto& i : r.ingredients) {
    for (auto& w : text::words(i.name, 16)) {
      t.ingredients.push_back(std::move(w));
    }
  }
  for (const auto& tag : r.tags) {
    for (auto& w : text::words(tag, 4)) {
      t.tags.push_back(std::move(w));
    }
  }
  t.description = text::words(r.description, 256);
  return t;
}

int rank(const recipe_terms& t, const std::vector<std::string>& query_words) {
  if (query_words.empty()) {
    return 0;
  }
  static constexpr int name_score[] = {0, 20, 30};
  static constexpr int ingredient_score[] = {0, 10, 15};
  static constexpr int tag_score[] = {0, 6, 10};
  static constexpr int description_score[] = {0, 3, 5};
  int total = 0;
  for (const auto& w : query_words) {
    int best = std::max({name_score[text::word_match(t.name, w)],
                         ingredient_score[text::word_match(t.ingredients, w)],
                         tag_score[text::word_match(t.tags, w)],
                         description_score[text::word_match(t.description, w)]});
    if (best == 0) {
      return 0;
    }
    total += best;
  }
  return total;
}

bool passes(const recipe& r, const recipe_query& q, const std::vector<std::string>& excluded) {
  if (!r.active) {
    return false;
  }
  if (q.diet && !contains(r.diet_types, *q.diet)) {
    return false;
  }
  if (q.tag && !contains(r.tags, *q.tag)) {
    return false;
  }
  if (q.max_prep_minutes && r.prep_minutes > *q.max_prep_minutes) {
    return false;
  }
  if ((q.min_kcal && r.per_serving.kcal < *q.min_kcal) ||
      (q.max_kcal && r.per_serving.kcal > *q.max_kcal)) {
    return false;
  }
  for (const auto& a : excluded) {
    if (contains(r.allergens, a)) {
      return false;
    }
  }
  return true;
}

recipe_page select(const recipe_book& book, const recipe_query& q,
                   const std::vector<std::string>& excluded) {
  struct hit {
    int rank;
    const recipe* r;
  };
  std::vector<std::string> query_words;
  if (q.q) {
    query_words = text::query_words(*q.q, 16);
  }
  std::vector<hit> hits;
  for (std::size_t i = 0; i < book.recipes.size(); ++i) {
    const recipe& r = book.recipes[i];
    if (!passes(r, q, excluded)) {
      continue;
    }
    int score = 0;
    if (q.q) {
      score = rank(book.terms[i], query_words);
      if (score == 0) {
        continue;
      }
    }
    hits.push_back({score, &r});
  }
  // The book is in (name, id) order; a stable sort by rank keeps it among equals.
  std::stable_sort(hits.begin(), hits.end(),
                   [](const hit& a, const hit& b) { return a.rank > b.rank; });
  auto key = [](int score, const std::string& name, const std::string& id) {
    return std::make_tuple(-score, std::string_view(name), std::string_view(id));
  };
  recipe_page page;
  page.excluded = excluded;
  for (const hit& h : hits) {
    if (q.after &&
        key(h.rank, h.r->name, h.r->id) <= key(q.after->rank, q.after->name, q.after->id)) {
      continue;
    }
    if (static_cast<int>(page.items.size()) == q.limit) {
      page.has_more = true;
      break;
    }
    page.items.push_back(h.r);
    page.ranks.push_back(h.rank);
  }
  return page;
}

void index_book(recipe_book& book) {
  // select() and its cursors rely on (name, id) byte order, whatever order the rows came in.
  std::sort(book.recipes.begin(), book.recipes.end(), [](const recipe& a, const recipe& b) {
    return std::tie(a.name, a.id) < std::tie(b.name, b.id);
  });
  book.terms.clear();
  book.by_id.clear();
  book.by_slug.clear();
  for (std::size_t i = 0; i < book.recipes.size(); ++i) {
    book.terms.push_back(terms_of(book.recipes[i]));
    book.by_id[book.recipes[i].id] = i;
    book.by_slug[book.recipes[i].slug] = i;
  }
}

}  // namespace ugoki::nutrition::recipe_search
