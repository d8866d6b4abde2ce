// Small ASCII text helpers that HTTP headers and tokens need in several places, and the word
// splitting and matching of the in-memory searches (workouts' exercises, nutrition's recipes).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ugoki::text {

// `s` without leading and trailing spaces and tabs (HTTP's optional whitespace, RFC 9110 5.6.3).
inline std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// Whether `a` and `b` are equal ignoring ASCII case (media types, header tokens); bytes outside
// A-Z compare as they are, whatever the locale.
inline bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) {
      return false;
    }
  }
  return true;
}

// The lowercase ASCII-alphanumeric words of `text` ("Push-Ups" -> push, ups), plus the words
// joined ("pushups") when there are several, so hyphenated and solid spellings both match. At
// most `max_words` words are kept, the joined form included (it is left out when the words
// alone reach the limit). Every other byte separates words.
std::vector<std::string> words(std::string_view text, std::size_t max_words = 64);

// The words a search query must all match: words(q, max_words) without its last entry when it
// has several (the joined form: "push up" must not also demand "pushup").
std::vector<std::string> query_words(std::string_view q, std::size_t max_words);

// How well a query word matches a list of words (from words()): 2 when `word` equals one of
// them, 1 when it is a prefix of one (3 letters or more), 0 otherwise. A trailing "s" of a word
// longer than 3 letters is ignored on both sides ("squats" finds "squat"; "abs" stays).
int word_match(const std::vector<std::string>& list, std::string_view word);

}  // namespace ugoki::text
