// The header under test comes first: it must be self-contained.
#include "content/slug.hpp"

#include <gtest/gtest.h>

namespace ugoki::content {
namespace {

TEST(content_slug, titles_become_lowercase_ascii_words) {
  EXPECT_EQ(slugify("Intermittent Fasting: Explained!"), "intermittent-fasting-explained");
  EXPECT_EQ(slugify("  16:8 -- a  beginner's guide  "), "16-8-a-beginners-guide");
  EXPECT_EQ(slugify("Don’t skip breakfast?"), "dont-skip-breakfast");
}

TEST(content_slug, latin_accents_fold) {
  EXPECT_EQ(slugify("Crème brûlée à la française"), "creme-brulee-a-la-francaise");
  EXPECT_EQ(slugify("Ernährung und Schlaf: Größe"), "ernahrung-und-schlaf-grosse");
  EXPECT_EQ(slugify("Æble, Øl, Œuvre, Łódź, Þing, Ðá"), "aeble-ol-oeuvre-lodz-thing-da");
  EXPECT_EQ(slugify("Ｆｕｌｌｗｉｄｔｈ"), "fullwidth");
}

TEST(content_slug, nothing_foldable_is_empty) {
  EXPECT_EQ(slugify("断食"), "");
  EXPECT_EQ(slugify("!!!"), "");
  EXPECT_EQ(slugify(""), "");
  EXPECT_EQ(slugify("ok\xff\xfe bad utf8"), "");
}

TEST(content_slug, long_titles_cut_at_a_word_boundary) {
  const std::string title(39, 'a');
  const std::string s = slugify(title + " " + title + " tail");
  EXPECT_EQ(s, title + "-" + title);
  EXPECT_LE(s.size(), max_slug_length);
  EXPECT_EQ(slugify(std::string(100, 'b')), std::string(80, 'b'));
  EXPECT_TRUE(is_slug(slugify("word " + std::string(100, 'c'))));
}

TEST(content_slug, collision_candidates_stay_within_the_bound) {
  EXPECT_EQ(slug_candidate("fasting", 1), "fasting");
  EXPECT_EQ(slug_candidate("fasting", 2), "fasting-2");
  const std::string base = std::string(77, 'a') + "-bc";
  EXPECT_EQ(slug_candidate(base, 12), std::string(77, 'a') + "-12");
  EXPECT_TRUE(is_slug(slug_candidate(std::string(78, 'a') + "-b", 3)));
}

TEST(content_slug, validity) {
  EXPECT_TRUE(is_slug("a"));
  EXPECT_TRUE(is_slug("a-1-b"));
  EXPECT_FALSE(is_slug(""));
  EXPECT_FALSE(is_slug("-a"));
  EXPECT_FALSE(is_slug("a-"));
  EXPECT_FALSE(is_slug("a--b"));
  EXPECT_FALSE(is_slug("A"));
  EXPECT_FALSE(is_slug(std::string(81, 'a')));
}

}  // namespace
}  // namespace ugoki::content
