// Exercise filtering and ranking (library_search.hpp).
#include "workouts/library_search.hpp"

#include <algorithm>
#include <tuple>

#include "core/text.hpp"

namespace ugoki::workouts::search {

namespace {

void append_words(std::vector<std::string>& out, std::string_view text, std::size_t max_words) {
  for (auto& w : text::words(text, max_words)) {
    out.push_back(std::move(w));
  }
}

}  // namespace

search_terms terms_of(const exercise& e) {
  search_terms t;
  t.name = text::words(e.name);
  for (const auto& a : e.aliases) {
    append_words(t.aliases, a, 64);
  }
  t.description = text::words(e.description, 256);
  // Translated names and descriptions too, so a reader finds an exercise by the words they are
  // shown ("Liegestütze"); ranking stays one figure for every language.
  for (const auto& [language, tr] : e.translations) {
    if (tr.name) {
      append_words(t.name, *tr.name, 64);
    }
    if (tr.description) {
      append_words(t.description, *tr.description, 256);
    }
  }
  return t;
}

int rank(const search_terms& t, const std::vector<std::string>& query_words) {
  if (query_words.empty()) {
    return 0;
  }
  int total = 0;
  for (const auto& w : query_words) {
    static constexpr int name_score[] = {0, 20, 30};
    static constexpr int alias_score[] = {0, 15, 25};
    static constexpr int description_score[] = {0, 3, 5};
    int best = std::max({name_score[text::word_match(t.name, w)],
                         alias_score[text::word_match(t.aliases, w)],
                         description_score[text::word_match(t.description, w)]});
    if (best == 0) {
      return 0;
    }
    total += best;
  }
  return total;
}

exercise_page select(const catalogue& lib, const exercise_query& q) {
  struct hit {
    int rank;
    const exercise* e;
  };
  std::vector<std::string> query_words;
  if (q.q) {
    query_words = text::query_words(*q.q, 64);  // q is at most 100 characters
  }
  std::vector<hit> hits;
  for (std::size_t i = 0; i < lib.exercises.size(); ++i) {
    const exercise& e = lib.exercises[i];
    auto has = [](const std::vector<std::string>& list, const std::string& v) {
      return std::find(list.begin(), list.end(), v) != list.end();
    };
    if ((q.muscle_group && !has(e.muscle_groups, *q.muscle_group)) ||
        (q.difficulty && e.difficulty != *q.difficulty) ||
        (q.category && e.category != *q.category)) {
      continue;
    }
    if (q.equipment &&
        (*q.equipment == "none" ? !e.equipment.empty() : !has(e.equipment, *q.equipment))) {
      continue;
    }
    int r = 0;
    if (q.q) {
      r = rank(lib.terms[i], query_words);
      if (r == 0) {
        continue;
      }
    }
    hits.push_back({r, &e});
  }
  // Exercises are already in (sort_order, id) order; a stable sort by rank keeps it for ties.
  if (q.q) {
    std::stable_sort(hits.begin(), hits.end(),
                     [](const hit& a, const hit& b) { return a.rank > b.rank; });
  }
  auto key = [](int rank, int sort_order, const std::string& id) {
    return std::make_tuple(-rank, sort_order, std::string_view(id));
  };
  exercise_page page;
  for (const hit& h : hits) {
    if (q.after && key(h.rank, h.e->sort_order, h.e->id) <=
                       key(q.after->rank, q.after->sort_order, q.after->id)) {
      continue;
    }
    if (static_cast<int>(page.items.size()) == q.limit) {
      page.has_more = true;
      break;
    }
    page.items.push_back(h.e);
    page.ranks.push_back(h.rank);
  }
  return page;
}

}  // namespace ugoki::workouts::search
