// core/text.hpp: the search word splitter, query words and word matching.
#include "core/text.hpp"

#include <gtest/gtest.h>

namespace ugoki::text {
namespace {

using text_words = std::vector<std::string>;

TEST(text_words, lowercase_split_and_join) {
  EXPECT_EQ(words("Push-Ups"), (text_words{"push", "ups", "pushups"}));
  EXPECT_EQ(words("  plank "), (text_words{"plank"}));
  EXPECT_EQ(words("Tree nuts, 2x"), (text_words{"tree", "nuts", "2x", "treenuts2x"}));
  EXPECT_TRUE(words("--").empty());
  EXPECT_TRUE(words("").empty());
  EXPECT_EQ(words("Crème"), (text_words{"cr", "me", "crme"}));  // bytes past ASCII separate
}

TEST(text_words, max_words_counts_the_joined_form) {
  EXPECT_EQ(words("a b c", 4), (text_words{"a", "b", "c", "abc"}));
  EXPECT_EQ(words("a b c", 3), (text_words{"a", "b", "c"}));  // no room left for "abc"
  EXPECT_EQ(words("a b c", 2), (text_words{"a", "b"}));
}

TEST(text_query_words, drop_the_joined_form) {
  EXPECT_EQ(query_words("push up", 64), (text_words{"push", "up"}));
  EXPECT_EQ(query_words("Squats", 64), (text_words{"squats"}));
  EXPECT_TRUE(query_words("!!", 64).empty());
  // At the limit the last entry is a word, and it goes too (as the searches always did).
  EXPECT_EQ(query_words("a b c", 3), (text_words{"a", "b"}));
}

TEST(text_word_match, exact_prefix_and_plural) {
  const text_words list{"kettlebell", "swings", "abs"};
  EXPECT_EQ(word_match(list, "kettlebell"), 2);
  EXPECT_EQ(word_match(list, "swing"), 2);  // a trailing s is ignored on both sides
  EXPECT_EQ(word_match(list, "swings"), 2);
  EXPECT_EQ(word_match(list, "kett"), 1);  // a prefix of 3 letters or more
  EXPECT_EQ(word_match(list, "ke"), 0);
  EXPECT_EQ(word_match(list, "ab"), 0);
  EXPECT_EQ(word_match(list, "abs"), 2);  // 3 letters: the s stays
  EXPECT_EQ(word_match(list, "row"), 0);
  EXPECT_EQ(word_match({}, "row"), 0);
}

}  // namespace
}  // namespace ugoki::text
