// content::admin::store against a real PostgreSQL: slugs picked past current and former ones,
// renames that keep the old slug as an alias (and take back one's own), versions bumped by any
// UPDATE (a hand-run one too), one audit entry per write and none for a no-op, categories that
// cannot be deleted while used.
#include "content/admin_store.hpp"

#include <gtest/gtest.h>

#include "core/pg/migrate.hpp"
#include "integration/pg/pg_fixture.hpp"

namespace ugoki::testing {
namespace {

namespace cas = content::admin::store;

class content_admin_store_test : public pg_test {
 protected:
  void SetUp() override {
    pg_test::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    pg::migrate(settings_.url, UGOKI_MIGRATIONS_DIR);
    pg::run_sql_files(settings_.url, UGOKI_SEEDS_DIR);
    open();
    admin_.user_id = scalar("INSERT INTO users (email) VALUES ($1) RETURNING id::text",
                            pg_unique("cadm") + "@example.test");
    admin_.request_id = "content-admin-store-test";
    base_ = "content-admin-" + lower_alnum(pg_unique("a"));
  }
  void TearDown() override {
    if (db_) {
      run(sql("DELETE FROM content_articles WHERE slug LIKE $1", base_ + "%"));
      run(sql("DELETE FROM users WHERE id = $1::uuid", admin_.user_id));
    }
  }

  static std::string lower_alnum(const std::string& s) {
    std::string out;
    for (char c : s) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    return out;
  }
  boost::asio::awaitable<pg::result> sql(std::string_view text, std::string arg) {
    pg::statement s{"", text};
    co_return co_await db_->query(s, pg::params{arg});
  }
  std::string scalar(std::string_view text, std::string arg) {
    return std::string(run(sql(text, std::move(arg)))[0].text(0));
  }
  std::string audit_count(const std::string& id) {
    return scalar("SELECT count(*) FROM admin_audit_log WHERE entity_id = $1", id);
  }
  content::admin::article_detail create(std::vector<std::string> slugs) {
    content::admin::article_input in;
    in.title = "Title";
    in.summary = "Summary";
    in.body_markdown = "Body";
    in.category = "sleep";
    auto out = run(cas::create_article(*db_, admin_, in, std::move(slugs), 1));
    EXPECT_EQ(out.r, cas::refusal::none);
    return *out.value;
  }

  actor admin_;
  std::string base_;
};

TEST_F(content_admin_store_test, SlugsSkipCurrentAndFormerOnesAndRenamesKeepAliases) {
  auto a = create({base_, base_ + "-2"});
  EXPECT_EQ(a.row.slug, base_);
  content::admin::article_patch p;
  p.slug = base_ + "-new";
  auto renamed = run(cas::update_article(*db_, admin_, a.row.id, p, std::nullopt));
  ASSERT_EQ(renamed.r, cas::refusal::none);
  EXPECT_EQ(renamed.value->former_slugs, std::vector<std::string>{base_});
  // The first candidate is a former slug now: the next article gets the second.
  EXPECT_EQ(create({base_, base_ + "-2"}).row.slug, base_ + "-2");
  // An explicit former slug of another article is refused.
  auto taken = run(cas::create_article(*db_, admin_, {}, {base_}, 1));
  EXPECT_EQ(taken.r, cas::refusal::slug_taken);
  // Taking back its own former slug drops the alias.
  p.slug = base_;
  auto back = run(cas::update_article(*db_, admin_, a.row.id, p, std::nullopt));
  ASSERT_EQ(back.r, cas::refusal::none);
  EXPECT_EQ(back.value->row.slug, base_);
  EXPECT_EQ(back.value->former_slugs, std::vector<std::string>{base_ + "-new"});
}

TEST_F(content_admin_store_test, AnyUpdateMovesTheVersionAndNoOpsRecordNothing) {
  auto a = create({base_});
  EXPECT_EQ(audit_count(a.row.id), "1");
  // A hand-run UPDATE makes the editor's version stale.
  run(sql("UPDATE content_articles SET summary = 'By hand' WHERE id = $1::uuid", a.row.id));
  content::admin::article_patch p;
  p.title = "Edited";
  p.version = a.row.version;
  EXPECT_EQ(run(cas::update_article(*db_, admin_, a.row.id, p, std::nullopt)).r,
            cas::refusal::stale);
  EXPECT_EQ(scalar("SELECT title FROM content_articles WHERE id = $1::uuid", a.row.id), "Title");
  // The same values again: the version moves, the audit log does not.
  p.version = a.row.version + 1;
  p.title = "Title";
  auto same = run(cas::update_article(*db_, admin_, a.row.id, p, std::nullopt));
  ASSERT_EQ(same.r, cas::refusal::none);
  EXPECT_EQ(same.value->row.version, a.row.version + 2);
  EXPECT_EQ(audit_count(a.row.id), "1");
  // Unpublishing a draft changes nothing and records nothing.
  auto down =
      run(cas::change_state(*db_, admin_, a.row.id, cas::action::unpublish, std::nullopt, {}));
  ASSERT_EQ(down.r, cas::refusal::none);
  EXPECT_EQ(down.value->row.status, "draft");
  EXPECT_EQ(audit_count(a.row.id), "1");
  auto removed =
      run(cas::change_state(*db_, admin_, a.row.id, cas::action::remove, std::nullopt, {}));
  EXPECT_EQ(removed.value->row.status, "removed");
  EXPECT_EQ(
      run(cas::change_state(*db_, admin_, a.row.id, cas::action::publish, std::nullopt, {})).r,
      cas::refusal::removed);
  EXPECT_EQ(audit_count(a.row.id), "2");
}

TEST_F(content_admin_store_test, ACategoryInUseCannotBeDeleted) {
  content::admin::category_input in;
  in.slug = base_;
  in.name = "Test";
  ASSERT_EQ(run(cas::create_category(*db_, admin_, in)).r, cas::refusal::none);
  EXPECT_EQ(run(cas::create_category(*db_, admin_, in)).r, cas::refusal::exists);
  content::admin::article_input a;
  a.title = "T";
  a.summary = "S";
  a.body_markdown = "B";
  a.category = base_;
  auto made = run(cas::create_article(*db_, admin_, a, {base_ + "-in-cat"}, 1));
  ASSERT_EQ(made.r, cas::refusal::none);
  EXPECT_EQ(run(cas::delete_category(*db_, admin_, base_)), cas::refusal::in_use);
  run(sql("DELETE FROM content_articles WHERE id = $1::uuid", made.value->row.id));
  EXPECT_EQ(run(cas::delete_category(*db_, admin_, base_)), cas::refusal::none);
  EXPECT_EQ(run(cas::delete_category(*db_, admin_, base_)), cas::refusal::not_found);
  a.category = "no-such-category";
  EXPECT_EQ(run(cas::create_article(*db_, admin_, a, {base_ + "-x"}, 1)).r,
            cas::refusal::unknown_category);
}

}  // namespace
}  // namespace ugoki::testing
