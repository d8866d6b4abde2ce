// The content module's parsers: every bad field named at once, cursors of the right kind.
#include "content/dto.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/cursor.hpp"

namespace ugoki::content::dto {
namespace {

const cursor_codec content_dto_codec("content-dto-test-secret");

std::vector<std::string> content_dto_fields(const api_error& e) {
  std::vector<std::string> out;
  for (const auto& d : e.details) {
    out.push_back(d.field);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(content_dto, article_query_defaults_and_filters) {
  auto q = parse_article_query({}, content_dto_codec, "de");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->limit, 20);
  EXPECT_EQ(q->language, "de");
  EXPECT_FALSE(q->q);
  auto f = parse_article_query({"hiit", "sleep", "  tabata  ", "5", std::nullopt},
                               content_dto_codec, "en");
  ASSERT_TRUE(f);
  EXPECT_EQ(*f->category, "hiit");
  EXPECT_EQ(*f->tag, "sleep");
  EXPECT_EQ(*f->q, "tabata");
  EXPECT_EQ(f->limit, 5);
}

TEST(content_dto, article_query_names_every_bad_field) {
  auto q =
      parse_article_query({"Cooking!", "Bad_Tag", "   ", "101", "forged"}, content_dto_codec, "en");
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().code, "VAL_001");
  EXPECT_EQ(content_dto_fields(q.error()),
            (std::vector<std::string>{"category", "cursor", "limit", "q", "tag"}));
  auto long_q = parse_article_query(
      {std::nullopt, std::nullopt, std::string(201, 'a'), std::nullopt, std::nullopt},
      content_dto_codec, "en");
  EXPECT_FALSE(long_q);
}

TEST(content_dto, cursors_belong_to_their_kind_of_list) {
  const std::string id = "3f0c2a4e-1b2d-4c5e-8f90-1a2b3c4d5e6f";
  const std::string dated =
      content_dto_codec.encode_instant(std::chrono::system_clock::time_point{}, id);
  const std::string ranked = content_dto_codec.encode("r0.0607927", id);
  auto by_date = parse_article_query(
      {std::nullopt, std::nullopt, std::nullopt, std::nullopt, dated}, content_dto_codec, "en");
  ASSERT_TRUE(by_date);
  EXPECT_EQ(*by_date->after_published_us, 0);
  auto by_rank = parse_article_query({std::nullopt, std::nullopt, "fasting", std::nullopt, ranked},
                                     content_dto_codec, "en");
  ASSERT_TRUE(by_rank);
  EXPECT_EQ(*by_rank->after_rank, "0.0607927");
  EXPECT_EQ(*by_rank->after_id, id);
  EXPECT_FALSE(parse_article_query({std::nullopt, std::nullopt, "fasting", std::nullopt, dated},
                                   content_dto_codec, "en"));
  EXPECT_FALSE(parse_article_query({std::nullopt, std::nullopt, std::nullopt, std::nullopt, ranked},
                                   content_dto_codec, "en"));
  // A signed key that is not a rank (NaN, negative) is refused too.
  EXPECT_FALSE(parse_article_query(
      {std::nullopt, std::nullopt, "x", std::nullopt, content_dto_codec.encode("rnan", id)},
      content_dto_codec, "en"));
  EXPECT_FALSE(parse_article_query(
      {std::nullopt, std::nullopt, "x", std::nullopt, content_dto_codec.encode("r-1", id)},
      content_dto_codec, "en"));
}

TEST(content_dto, progress_body) {
  auto ok = parse_progress(R"({"percent": 40})");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->percent, 40);
  EXPECT_FALSE(ok->completed);
  auto done = parse_progress(R"({"percent": 0, "completed": true})");
  ASSERT_TRUE(done);
  EXPECT_TRUE(done->completed);
  auto bad = parse_progress(R"({"percent": 101, "completed": "yes", "read": true})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(content_dto_fields(bad.error()),
            (std::vector<std::string>{"completed", "percent", "read"}));
  EXPECT_FALSE(parse_progress(R"({})"));
  EXPECT_FALSE(parse_progress(R"({"percent": 4.5})"));
  EXPECT_FALSE(parse_progress("[]"));
}

TEST(content_dto, article_slugs) {
  EXPECT_TRUE(is_article_slug("the-5-2-approach"));
  EXPECT_FALSE(is_article_slug("Not_A_Slug"));
  EXPECT_FALSE(is_article_slug("double--hyphen"));
  EXPECT_FALSE(is_article_slug("-lead"));
  EXPECT_FALSE(is_article_slug(""));
  EXPECT_FALSE(is_article_slug(std::string(256, 'a')));
}

}  // namespace
}  // namespace ugoki::content::dto
