// Exercise filtering and ranking (library_search.hpp).
#include "workouts/library_search.hpp"

#include <algorithm>
#include <tuple>

namespace ugoki::workouts::search {

namespace {

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// "squats" -> "squat"; short words stay ("abs" is a word of its own).
std::string_view singular(std::string_view w) {
  if (w.size() > 3 && w.back() == 's') {
    w.remove_suffix(1);
  }
  return w;
}

// 2 when `word` (or its singular) equals one of `list` (or its singular), 1 when it is a prefix
// of one (3 letters or more), 0 otherwise.
int match(const std::vector<std::string>& list, std::string_view word) {
  int best = 0;
  std::string_view w = singular(word);
  for (const auto& item : list) {
    std::string_view s = singular(item);
    if (s == w) {
      return 2;
    }
    if (w.size() >= 3 && s.starts_with(w)) {
      best = 1;
    }
  }
  return best;
}

void append_words(std::vector<std::string>& out, std::string_view text, std::size_t max_words) {
  for (auto& w : words(text, max_words)) {
    out.push_back(std::move(w));
  }
}

}  // namespace

std::vector<std::string> words(std::string_view text, std::size_t max_words) {
  std::vector<std::string> out;
  std::string joined;
  std::string current;
  std::size_t parts = 0;
  auto flush = [&] {
    if (!current.empty()) {
      joined += current;
      ++parts;
      if (out.size() < max_words) {
        out.push_back(std::move(current));
      }
      current.clear();
    }
  };
  for (char c : text) {
    if (is_alnum(c)) {
      current.push_back(lower(c));
    } else {
      flush();
    }
  }
  flush();
  if (parts > 1 && out.size() < max_words) {
    out.push_back(std::move(joined));
  }
  return out;
}

search_terms terms_of(const exercise& e) {
  search_terms t;
  t.name = words(e.name);
  for (const auto& a : e.aliases) {
    append_words(t.aliases, a, 64);
  }
  t.description = words(e.description, 256);
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
    int best = std::max({name_score[match(t.name, w)], alias_score[match(t.aliases, w)],
                         description_score[match(t.description, w)]});
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
    // The joined form is not a query word: "push up" must not demand "pushup" too.
    query_words = words(*q.q, 64);  // q is at most 100 characters
    if (query_words.size() > 1) {
      query_words.pop_back();
    }
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
