// The header under test comes first: it must be self-contained.
#include "content/admin_dto.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace ugoki::content::admin::dto {
namespace {

std::vector<std::string> admin_dto_fields(const api_error& e) {
  std::vector<std::string> out;
  for (const auto& d : e.details) {
    out.push_back(d.field);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(content_admin_dto, a_patch_needs_the_version_from_if_match_or_the_body) {
  auto none = parse_article_patch(R"({"title":"New"})", "");
  ASSERT_FALSE(none);
  EXPECT_EQ(admin_dto_fields(none.error()), (std::vector<std::string>{"version"}));
  EXPECT_EQ(parse_article_patch(R"({"title":"New"})", "\"v3\"")->version, 3);
  EXPECT_EQ(parse_article_patch(R"({"version":4})", "")->version, 4);
  auto disagree = parse_article_patch(R"({"version":4})", "\"v3\"");
  ASSERT_FALSE(disagree);
  EXPECT_EQ(admin_dto_fields(disagree.error()), (std::vector<std::string>{"version"}));
}

TEST(content_admin_dto, a_patch_names_every_bad_member_and_clears_with_null) {
  auto bad = parse_article_patch(
      R"json({"version":1,"slug":"Bad Slug","title":"a\u0007b","status":"published",
          "image_url":"javascript:alert(1)","tags":["ok","ok"]})json",
      "");
  ASSERT_FALSE(bad);
  EXPECT_EQ(admin_dto_fields(bad.error()),
            (std::vector<std::string>{"image_url", "slug", "status", "tags", "title"}));
  auto cleared = parse_article_patch(R"({"version":1,"author":null,"image_url":"/m/a.png"})", "");
  ASSERT_TRUE(cleared);
  ASSERT_TRUE(cleared->author.has_value());
  EXPECT_FALSE(cleared->author->has_value());
  EXPECT_EQ(**cleared->image_url, "/m/a.png");
  EXPECT_FALSE(cleared->title.has_value());
  EXPECT_FALSE(parse_article_patch(R"({"version":1,"title":"a","title":"b"})", ""));
}

TEST(content_admin_dto, create_requires_the_text_and_refuses_control_characters) {
  auto missing = parse_article_create("{}");
  ASSERT_FALSE(missing);
  EXPECT_EQ(admin_dto_fields(missing.error()),
            (std::vector<std::string>{"body_markdown", "category", "summary", "title"}));
  auto ok = parse_article_create(
      R"({"title":"Fasting","summary":"Short.","body_markdown":"# Hi","category":"if",
          "tags":["safety"],"image_url":"https://cdn.example.com/a.png"})");
  ASSERT_TRUE(ok);
  EXPECT_FALSE(ok->premium);
  EXPECT_FALSE(ok->slug.has_value());
  auto c1 = parse_article_create(
      R"({"title":"A\u0085B","summary":"  ","body_markdown":"x","category":"if"})");
  ASSERT_FALSE(c1);
  EXPECT_EQ(admin_dto_fields(c1.error()), (std::vector<std::string>{"summary", "title"}));
}

TEST(content_admin_dto, publish_times_must_be_in_the_future) {
  const instant now = std::chrono::sys_days{std::chrono::year{2026} / 6 / 1};
  EXPECT_FALSE(parse_publish("", "", now)->at.has_value());
  EXPECT_TRUE(parse_publish(R"({"publish_at":"2026-06-01T00:00:01Z"})", "", now)->at);
  EXPECT_FALSE(parse_publish(R"({"publish_at":"2026-06-01T00:00:00Z"})", "", now));
  EXPECT_FALSE(parse_publish(R"({"publish_at":"tomorrow"})", "", now));
  EXPECT_FALSE(parse_publish(R"({"when":"x"})", "", now));
}

TEST(content_admin_dto, list_queries) {
  auto q = parse_article_list_query({"scheduled", "if", "  fast ", "2", "50"});
  ASSERT_TRUE(q);
  EXPECT_EQ(*q->q, "fast");
  EXPECT_EQ(q->page, 2);
  EXPECT_EQ(q->per_page, 50);
  auto bad = parse_article_list_query({"gone", "Bad!", std::nullopt, "0", "101"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(admin_dto_fields(bad.error()),
            (std::vector<std::string>{"category", "page", "per_page", "status"}));
}

TEST(content_admin_dto, category_names_are_languages_we_serve) {
  auto bad =
      parse_category_create(R"({"slug":"breath","name":"Breath","names":{"en":"x","xx":"y"}})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(admin_dto_fields(bad.error()), (std::vector<std::string>{"names.en", "names.xx"}));
  auto patch = parse_category_patch(R"({"names":{"de":null,"fr":"Respiration"}})");
  ASSERT_TRUE(patch);
  EXPECT_FALSE(patch->names.at("de").has_value());
  EXPECT_EQ(*patch->names.at("fr"), "Respiration");
}

}  // namespace
}  // namespace ugoki::content::admin::dto
