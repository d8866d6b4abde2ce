// Word splitting and matching for the in-memory searches (text.hpp).
#include "core/text.hpp"

namespace ugoki::text {

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

std::vector<std::string> query_words(std::string_view q, std::size_t max_words) {
  std::vector<std::string> out = words(q, max_words);
  if (out.size() > 1) {
    out.pop_back();
  }
  return out;
}

int word_match(const std::vector<std::string>& list, std::string_view word) {
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

}  // namespace ugoki::text
