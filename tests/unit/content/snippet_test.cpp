// The header under test comes first: it must be self-contained.
#include "content/snippet.hpp"

#include <gtest/gtest.h>

namespace ugoki::content {
namespace {

TEST(content_snippet, marks_matches_and_escapes_everything_else) {
  EXPECT_EQ(render_snippet("a \x01"
                           "fast\x02 & <b>\"x\"</b> 'y'"),
            "a <mark>fast</mark> &amp; &lt;b&gt;&quot;x&quot;&lt;/b&gt; &#39;y&#39;");
}

TEST(content_snippet, collapses_whitespace_and_drops_markdown_marks) {
  EXPECT_EQ(render_snippet("## The \x01switch\x02\n\n  **bold** and __this__\t end "),
            "The <mark>switch</mark> bold and this end");
  EXPECT_EQ(render_snippet("5 * 3 and C# stay"), "5 * 3 and C# stay");
}

TEST(content_snippet, unpaired_markers_and_control_characters_never_break_the_markup) {
  EXPECT_EQ(render_snippet("\x02open \x01word"), "open <mark>word</mark>");
  EXPECT_EQ(render_snippet("\x01\x01twice\x02\x02"), "<mark>twice</mark>");
  EXPECT_EQ(render_snippet("bell\x07 nul-free"), "bell nul-free");
  EXPECT_EQ(render_snippet(""), "");
}

}  // namespace
}  // namespace ugoki::content
