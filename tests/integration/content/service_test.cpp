// content::service against a real PostgreSQL with the seeded articles and translations: what
// readers may see (publish time, removal, premium bodies), translations and their fallback,
// ranked search with safe snippets, bookmarks and progress (owner only, idempotent, read kept),
// the export, and erasure with the account.
#include "content/service.hpp"

#include <gtest/gtest.h>

#include <cctype>

#include "core/pg/migrate.hpp"
#include "integration/pg/pg_fixture.hpp"

namespace ugoki::testing {
namespace {

constexpr const char* content_free_slug = "intermittent-fasting-explained";
constexpr const char* content_premium_slug = "early-time-restricted-eating";

// The reader's clock, set by the test: decides which scheduled articles are live.
class content_test_clock final : public clock {
 public:
  std::chrono::system_clock::time_point now() const override { return now_; }
  std::chrono::system_clock::time_point now_ = std::chrono::system_clock::now();
};

class content_service_test : public pg_test {
 protected:
  void SetUp() override {
    pg_test::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    pg::migrate(settings_.url, UGOKI_MIGRATIONS_DIR);
    pg::run_sql_files(settings_.url, UGOKI_SEEDS_DIR);
    open();
    // Poll 0: every read checks the version stamp, so a test sees its own writes at once.
    svc_ = std::make_unique<content::service>(*db_, clock_, std::chrono::milliseconds(0));
    alice_ = run(new_user());
    bob_ = run(new_user());
  }
  void TearDown() override {
    svc_.reset();
    for (const auto& id : {alice_, bob_}) {
      if (db_ && !id.empty()) {
        run(sql("DELETE FROM users WHERE id = $1::uuid", id));
      }
    }
    if (db_) {
      run(sql("DELETE FROM content_articles WHERE slug LIKE $1", "content-test-%"));
    }
  }

  boost::asio::awaitable<std::string> new_user() {
    static constexpr pg::statement insert{
        "", "INSERT INTO users (email) VALUES ($1) RETURNING id::text"};
    auto rows = co_await db_->query(insert, pg::params{pg_unique("cont") + "@example.test"});
    co_return rows[0].get<std::string>(0);
  }
  boost::asio::awaitable<pg::result> sql(std::string_view text, std::string arg) {
    pg::statement s{"", text};
    co_return co_await db_->query(s, pg::params{arg});
  }
  std::string scalar(std::string_view text, std::string arg) {
    return std::string(run(sql(text, std::move(arg)))[0].text(0));
  }
  content::article_query query() { return {}; }
  // A slug no other run uses: pg_unique's letters and digits, lowercased.
  static std::string test_slug(const std::string& tag) {
    std::string out = "content-test-";
    for (char c : pg_unique(tag)) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    return out;
  }

  content_test_clock clock_;
  std::unique_ptr<content::service> svc_;
  std::string alice_;
  std::string bob_;
};

TEST_F(content_service_test, PublishTimeAndRemovalDecideWhatReadersSee) {
  const std::string slug = test_slug("s");
  run(
      sql("INSERT INTO content_articles (slug, title, summary, body_markdown, category, "
          "reading_time_minutes, published_at) VALUES ($1, 'Soon', 'Soon', 'Body', 'sleep', 1, "
          "now() + interval '1 hour')",
          slug));
  auto hidden = run(svc_->article_by_slug(slug, "en", true));
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, "CONT_001");
  EXPECT_EQ(run(svc_->state(alice_, slug)).error().code, "CONT_001");
  // Its publish time comes: live with no write and no reload (the snapshot knows the time).
  const auto version = run(svc_->library())->version;
  clock_.now_ += std::chrono::hours(2);
  EXPECT_TRUE(run(svc_->article_by_slug(slug, "en", true)));
  EXPECT_EQ(run(svc_->library())->version, version);
  clock_.now_ = std::chrono::system_clock::now();
  run(sql("UPDATE content_articles SET published_at = now() - interval '1 second' WHERE slug = $1",
          slug));
  EXPECT_TRUE(run(svc_->article_by_slug(slug, "en", true)));
  auto q = query();
  q.category = "sleep";
  q.limit = 100;
  auto page = run(svc_->articles(q));
  EXPECT_EQ(page.items.front().slug, slug);  // newest first
  run(sql("UPDATE content_articles SET deleted_at = now() WHERE slug = $1", slug));
  EXPECT_FALSE(run(svc_->article_by_slug(slug, "en", true)));
}

TEST_F(content_service_test, FormerSlugsAndEditsReachTheSnapshot) {
  const std::string alias = test_slug("a");
  run(
      sql("INSERT INTO content_article_slug_aliases (slug, article_id) SELECT $1, id "
          "FROM content_articles WHERE slug = 'what-tabata-really-means'",
          alias));
  auto a = run(svc_->article_by_slug(alias, "en", false));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->a->head.slug, "what-tabata-really-means");
  run(sql("DELETE FROM content_article_slug_aliases WHERE slug = $1", alias));
  EXPECT_FALSE(run(svc_->article_by_slug(alias, "en", false)));
}

TEST_F(content_service_test, PremiumBodiesOnlyForPremiumCallers) {
  auto refused = run(svc_->article_by_slug(content_premium_slug, "en", false));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 403);
  EXPECT_EQ(refused.error().code, "AUTH_003");
  auto a = run(svc_->article_by_slug(content_premium_slug, "en", true));
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->a->head.premium);
  EXPECT_GT(a->a->body_markdown.size(), 200u);
  // A free reader's own state of it is theirs to read (saving one is allowed).
  EXPECT_TRUE(run(svc_->state(alice_, content_premium_slug)));
  // Progress on it: refused and nothing written for a free caller.
  auto p = run(svc_->set_progress(alice_, content_premium_slug, {50, false}, false));
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, "AUTH_003");
  EXPECT_EQ(
      scalar("SELECT count(*) FROM content_reading_progress WHERE user_id = $1::uuid", alice_),
      "0");
}

TEST_F(content_service_test, TranslationsWhereTheyExistEnglishOtherwise) {
  auto de = run(svc_->article_by_slug(content_free_slug, "de", false));
  ASSERT_TRUE(de);
  EXPECT_EQ(de->a->head.language, "de");
  EXPECT_EQ(de->a->head.title, "Intervallfasten, einfach erklärt");
  EXPECT_EQ(de->a->available_languages, (std::vector<std::string>{"en", "de", "fr"}));
  auto en = run(svc_->article_by_slug("what-tabata-really-means", "de", false));
  ASSERT_TRUE(en);
  EXPECT_EQ(en->a->head.language, "en");
  auto cats = run(svc_->categories("fr"));
  ASSERT_EQ(cats.size(), 7u);
  EXPECT_EQ(cats.front().slug, "beginners");
  EXPECT_EQ(cats.front().name, "Premiers pas");
  EXPECT_EQ(cats.front().language, "fr");
}

TEST_F(content_service_test, SearchRanksTitleOverBodyAndSnippetsAreSafe) {
  const std::string in_title = test_slug("t");
  const std::string in_body = test_slug("b");
  run(
      sql("INSERT INTO content_articles (slug, title, summary, body_markdown, category, "
          "reading_time_minutes, published_at) VALUES ($1, 'Zymurgy basics', 'About brewing', "
          "'Plain <script>alert(1)</script> text', 'research', 1, now() - interval '1 day')",
          in_title));
  run(
      sql("INSERT INTO content_articles (slug, title, summary, body_markdown, category, "
          "reading_time_minutes, published_at) VALUES ($1, 'Brewing notes', 'Notes', "
          "'Some zymurgy & <b>chemistry</b> here', 'research', 1, now() - interval '2 days')",
          in_body));
  auto q = query();
  q.q = "zymurgy";
  auto page = run(svc_->articles(q));
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].slug, in_title);
  EXPECT_EQ(page.items[1].slug, in_body);
  ASSERT_TRUE(page.items[1].snippet);
  EXPECT_NE(page.items[1].snippet->find("<mark>zymurgy</mark>"), std::string::npos);
  EXPECT_NE(page.items[1].snippet->find("&amp;"), std::string::npos);
  for (const auto& item : page.items) {
    EXPECT_EQ(item.snippet->find("<script"), std::string::npos);
    EXPECT_EQ(item.snippet->find("<b>"), std::string::npos);
  }
  // The next page by rank starts after the first item.
  q.limit = 1;
  auto first = run(svc_->articles(q));
  ASSERT_TRUE(first.has_more);
  q.after_rank = first.items[0].rank;
  q.after_id = first.items[0].id;
  auto second = run(svc_->articles(q));
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].slug, in_body);
  EXPECT_FALSE(second.has_more);
}

TEST_F(content_service_test, BookmarksAreIdempotentAndTheOwnersAlone) {
  auto first = run(svc_->bookmark(alice_, content_free_slug, "en"));
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->created);
  auto again = run(svc_->bookmark(alice_, content_free_slug, "en"));
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->b.created_us, first->b.created_us);
  EXPECT_EQ(scalar("SELECT count(*) FROM content_bookmarks WHERE user_id = $1::uuid", alice_), "1");
  EXPECT_TRUE(run(svc_->bookmarks(bob_, {})).items.empty());
  EXPECT_FALSE(run(svc_->state(bob_, content_free_slug))->bookmarked_at);
  EXPECT_TRUE(run(svc_->state(alice_, content_free_slug))->bookmarked_at);
  // Bob removing "his" bookmark leaves Alice's alone.
  EXPECT_TRUE(run(svc_->unbookmark(bob_, content_free_slug)));
  EXPECT_EQ(scalar("SELECT count(*) FROM content_bookmarks WHERE user_id = $1::uuid", alice_), "1");
  EXPECT_TRUE(run(svc_->unbookmark(alice_, content_free_slug)));
  EXPECT_EQ(scalar("SELECT count(*) FROM content_bookmarks WHERE user_id = $1::uuid", alice_), "0");
  EXPECT_EQ(run(svc_->bookmark(alice_, "no-such-article", "en")).error().code, "CONT_001");
}

TEST_F(content_service_test, ProgressKeepsReadOnceFinished) {
  auto done = run(svc_->set_progress(alice_, content_free_slug, {100, false}, false));
  ASSERT_TRUE(done);
  ASSERT_TRUE(done->read_at);
  auto back = run(svc_->set_progress(alice_, content_free_slug, {20, false}, false));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->percent, 20);
  EXPECT_EQ(back->read_at, done->read_at);
  auto other = run(svc_->set_progress(bob_, content_free_slug, {10, false}, false));
  EXPECT_FALSE(other->read_at);
  auto state = run(svc_->state(alice_, content_free_slug));
  EXPECT_EQ(state->percent, 20);
  EXPECT_EQ(state->read_at, done->read_at);
}

TEST_F(content_service_test, ExportedAndErasedWithTheAccount) {
  ASSERT_TRUE(run(svc_->bookmark(alice_, content_free_slug, "en")));
  ASSERT_TRUE(run(svc_->set_progress(alice_, content_free_slug, {30, true}, false)));
  const std::string json = run(svc_->export_part(alice_));
  EXPECT_NE(json.find("\"bookmarks\": [{"), std::string::npos) << json;
  EXPECT_NE(json.find(content_free_slug), std::string::npos);
  EXPECT_NE(json.find("\"percent\": 30"), std::string::npos);
  EXPECT_EQ(json.find("user_id"), std::string::npos);
  EXPECT_EQ(run(svc_->export_part(bob_)), R"({"bookmarks": [], "reading_progress": []})");
  run(sql("DELETE FROM users WHERE id = $1::uuid", alice_));
  EXPECT_EQ(scalar("SELECT count(*) FROM content_bookmarks WHERE user_id = $1::uuid", alice_), "0");
  EXPECT_EQ(
      scalar("SELECT count(*) FROM content_reading_progress WHERE user_id = $1::uuid", alice_),
      "0");
  alice_.clear();
}

}  // namespace
}  // namespace ugoki::testing
