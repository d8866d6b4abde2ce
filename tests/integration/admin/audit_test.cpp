// admin::service::audit against a real PostgreSQL: entries written through admin_audit(), read
// back newest first with every filter, offset pages with a total, and the actor resolved through
// live_accounts (email while live, null once deleted, the whole actor null once erased).
#include "admin/service.hpp"

#include <gtest/gtest.h>

#include "core/pg/migrate.hpp"
#include "core/time.hpp"
#include "integration/pg/pg_fixture.hpp"

namespace ugoki::testing {
namespace {

class admin_audit_test : public pg_test {
 protected:
  void SetUp() override {
    pg_test::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    pg::migrate(settings_.url, UGOKI_MIGRATIONS_DIR);
    open();
    svc_ = std::make_unique<admin::service>(*db_);
    alice_email_ = pg_unique("audita") + "@example.test";
    alice_ = run(new_user(alice_email_));
    bob_ = run(new_user(pg_unique("auditb") + "@example.test"));
    // Entity ids unique to this run: other tests write to the same log in parallel.
    tag_ = pg_unique("e");
  }
  void TearDown() override {
    svc_.reset();
    if (db_) {
      run(exec("DELETE FROM admin_audit_log WHERE entity_id LIKE $1", tag_ + "%"));
      run(exec("DELETE FROM users WHERE id::text IN ($1)", alice_));
      run(exec("DELETE FROM users WHERE id::text IN ($1)", bob_));
    }
  }

  boost::asio::awaitable<std::string> new_user(std::string email) {
    static constexpr pg::statement insert{
        "", "INSERT INTO users (email) VALUES ($1) RETURNING id::text"};
    auto rows = co_await db_->query(insert, pg::params{email});
    co_return rows[0].get<std::string>(0);
  }
  boost::asio::awaitable<void> exec(std::string_view text, std::string arg) {
    pg::statement s{"", text};
    co_await db_->query(s, pg::params{arg});
  }
  // One entry by `actor` (empty: the command line), `minutes_ago` in the past.
  boost::asio::awaitable<void> append(std::string actor, std::string entity, std::string id,
                                      std::string action, int minutes_ago) {
    static constexpr pg::statement append_sql{"", R"(
SELECT admin_audit(NULLIF($1, '')::uuid, $2, $3, $4, '{"title": "Old"}'::jsonb,
                   '{"title": "New", "at": "2026-01-31T07:00:00+00:00"}'::jsonb, 'req-' || $3))"};
    // A separate statement: one statement's snapshot does not see the row its function added.
    static constexpr pg::statement backdate_sql{"", R"(
UPDATE admin_audit_log SET created_at = now() - make_interval(mins => $2::int)
 WHERE id = $1::bigint)"};
    auto rows = co_await db_->query(append_sql, pg::params{actor, entity, id, action});
    const auto entry = rows[0].get<std::int64_t>(0);
    co_await db_->query(backdate_sql, pg::params{entry, minutes_ago});
  }
  void write(const std::string& actor, const std::string& entity, const std::string& id,
             const std::string& action, int minutes_ago) {
    run(append(actor, entity, id, action, minutes_ago));
  }
  admin::audit_page read(admin::audit_query q) { return run(svc_->audit(std::move(q))); }

  std::unique_ptr<admin::service> svc_;
  std::string alice_;
  std::string alice_email_;
  std::string bob_;
  std::string tag_;
};

TEST_F(admin_audit_test, FiltersByActorNewestFirstWithTheActorsEmail) {
  write(alice_, "content.article", tag_ + "-1", "create", 30);
  write(alice_, "content.article", tag_ + "-1", "update", 20);
  write(bob_, "content.article", tag_ + "-1", "publish", 10);
  write(alice_, "fasting.protocol", tag_ + "-2", "update", 5);

  admin::audit_query q;
  q.actor_id = alice_;
  auto page = read(q);
  ASSERT_EQ(page.total, 3);
  ASSERT_EQ(page.items.size(), 3u);
  EXPECT_EQ(page.items[0].action, "update");
  EXPECT_EQ(page.items[0].entity, "fasting.protocol");
  EXPECT_EQ(page.items[1].action, "update");
  EXPECT_EQ(page.items[2].action, "create");
  EXPECT_EQ(page.items[2].actor_id, alice_);
  EXPECT_EQ(page.items[2].actor_email, alice_email_);
  EXPECT_EQ(page.items[2].request_id, "req-" + tag_ + "-1");
  // Only the fields that differ, each as before/after.
  EXPECT_NE(page.items[2].changes_json.find("\"title\": {\"after\": \"New\", \"before\": \"Old\"}"),
            std::string::npos)
      << page.items[2].changes_json;
}

TEST_F(admin_audit_test, FiltersByEntityAndIdAndPagesWithATotal) {
  for (int i = 0; i < 5; ++i) {
    write(bob_, "content.article", tag_ + "-p", "update", 50 - i);
  }
  write(bob_, "content.category", tag_ + "-p", "update", 1);

  admin::audit_query q;
  q.entity = "content.article";
  q.entity_id = tag_ + "-p";
  q.per_page = 2;
  q.page = 2;
  auto page = read(q);
  EXPECT_EQ(page.total, 5);
  ASSERT_EQ(page.items.size(), 2u);
  q.page = 3;
  auto last = read(q);
  ASSERT_EQ(last.items.size(), 1u);
  q.page = 4;
  auto past = read(q);
  EXPECT_TRUE(past.items.empty());
  EXPECT_EQ(past.total, 5);
  // Newest first across pages: page 2's entries are older than page 1's, newer than page 3's.
  q.page = 1;
  auto first = read(q);
  EXPECT_GT(first.items[1].created_at, page.items[0].created_at);
  EXPECT_GT(page.items[1].created_at, last.items[0].created_at);
}

TEST_F(admin_audit_test, FromAndToBoundTheCreationTime) {
  write(bob_, "content.article", tag_ + "-t", "create", 120);
  write(bob_, "content.article", tag_ + "-t", "update", 60);
  write(bob_, "content.article", tag_ + "-t", "publish", 1);
  const auto now = std::chrono::system_clock::now();
  admin::audit_query q;
  q.entity_id = tag_ + "-t";
  q.from = now - std::chrono::minutes(90);
  q.to = now - std::chrono::minutes(30);
  auto page = read(q);
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items[0].action, "update");
}

TEST_F(admin_audit_test, DeletedActorsLoseTheirEmailAndErasedOnesTheirId) {
  write(alice_, "content.article", tag_ + "-d", "create", 3);
  write("", "auth.user", tag_ + "-d", "role.grant", 2);
  admin::audit_query q;
  q.entity_id = tag_ + "-d";
  auto page = read(q);
  ASSERT_EQ(page.total, 2);
  EXPECT_FALSE(page.items[0].actor_id);  // the command line
  EXPECT_EQ(page.items[1].actor_email, alice_email_);

  run(
      exec("UPDATE users SET deleted_at = now(), erase_after = now() + interval '30 days' "
           "WHERE id = $1::uuid",
           alice_));
  page = read(q);
  EXPECT_EQ(page.items[1].actor_id, alice_);
  EXPECT_FALSE(page.items[1].actor_email);

  run(exec("DELETE FROM users WHERE id = $1::uuid", alice_));
  page = read(q);
  ASSERT_EQ(page.total, 2);  // the entry outlives the account
  EXPECT_FALSE(page.items[1].actor_id);
  EXPECT_FALSE(page.items[1].actor_email);
}

}  // namespace
}  // namespace ugoki::testing
