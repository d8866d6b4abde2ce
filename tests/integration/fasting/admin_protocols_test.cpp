// fasting::admin_protocols against a real PostgreSQL (migrated and seeded) and Redis: a created,
// changed or retired protocol is what protocols() (the sessions' source) answers next, every
// write has its audit entry with the changed fields, and a refused write changes nothing.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>

#include <random>

#include "core/pg/migrate.hpp"
#include "core/redis/client.hpp"
#include "core/redis/reference_changes.hpp"
#include "fasting/admin_service.hpp"
#include "fasting/service.hpp"
#include "integration/pg/pg_fixture.hpp"
#include "support/redis_test_env.hpp"

namespace ugoki::testing {
namespace {

class fasting_admin_test : public pg_test {
 protected:
  void SetUp() override {
    pg_test::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    if (redis::testing::test_url().empty()) {
      UGOKI_SKIP_UNSET("UGOKI_TEST_REDIS_URL");
    }
    pg::migrate(settings_.url, UGOKI_MIGRATIONS_DIR);
    pg::run_sql_files(settings_.url, UGOKI_SEEDS_DIR);
    open();
    redis_ = std::make_unique<redis::client>(redis::testing::test_settings(), 1);
    redis_->attach_thread(0, ioc_.get_executor());
    changes_ = std::make_unique<redis::reference_changes>(
        *redis_, redis::testing::key(pg_unique("fasting-admin")) + ":");
    changes_->on("fasting", [this] { ++announced_; });
    admin_ = std::make_unique<fasting::admin_protocols>(*db_, *changes_);
    fasting_ = std::make_unique<fasting::service>(*db_, clock_);
    admin_id_ = go(one("INSERT INTO users (email) VALUES ($1) RETURNING id::text",
                       pg_unique("fadmin") + "@example.test"));
  }
  void TearDown() override {
    if (redis_) {
      for (const auto& slug : slugs_) {
        go(one("DELETE FROM fasting_protocols WHERE slug = $1 RETURNING slug", slug));
      }
      go(one("DELETE FROM users WHERE id = $1::uuid RETURNING id::text", admin_id_));
      admin_.reset();
      changes_.reset();
      redis_->stop();
      ioc_.restart();
      ioc_.run_for(std::chrono::seconds(2));
    }
  }

  template <class T>
  T go(boost::asio::awaitable<T> a) {
    std::exception_ptr failure;
    std::optional<T> value;
    bool done = false;
    boost::asio::co_spawn(ioc_, std::move(a), [&](std::exception_ptr e, T v) {
      failure = e;
      if (!e) {
        value.emplace(std::move(v));
      }
      done = true;
    });
    ioc_.restart();
    while (!done) {
      ioc_.run_one();
    }
    if (failure) {
      std::rethrow_exception(failure);
    }
    return std::move(*value);
  }
  // The first column of the first row as text ("" when none).
  boost::asio::awaitable<std::string> one(std::string_view text, std::string arg) {
    pg::statement s{"", text};
    auto rows = co_await db_->query(s, pg::params{arg});
    co_return rows.empty() ? std::string()
                           : rows[0].get<std::optional<std::string>>(0).value_or("");
  }

  fasting::admin_protocol fresh_protocol() {
    fasting::admin_protocol a;
    a.p.slug = "it-" + std::to_string(std::random_device{}() % 1'000'000'000);
    slugs_.push_back(a.p.slug);
    a.p.name = "15:9";
    a.p.kind = "daily_tre";
    a.p.description = "Fast 15 hours, eat within 9.";
    a.p.fasting_minutes = 900;
    a.p.eating_window_minutes = 540;
    a.p.difficulty = "beginner";
    a.p.recommended_frequency = "daily";
    a.p.benefits_json = R"(["Easy."])";
    a.p.considerations_json = R"(["Ask a doctor."])";
    a.sort_order = 35;
    return a;
  }
  actor admin_actor() { return actor{admin_id_, "req-fasting-admin"}; }
  std::string audit_of(const std::string& id) {
    return go(
        one("SELECT string_agg(action || ':' || (SELECT string_agg(k, ',' ORDER BY k) "
            "FROM jsonb_object_keys(changes) k), ' ' ORDER BY id) FROM admin_audit_log "
            "WHERE entity = 'fasting.protocol' AND entity_id = $1",
            id));
  }
  bool listed(const std::string& id) {
    for (const auto& p : go(fasting_->protocols())) {
      if (p.id == id) {
        return true;
      }
    }
    return false;
  }

  system_clock clock_;
  std::unique_ptr<redis::client> redis_;
  std::unique_ptr<redis::reference_changes> changes_;
  std::unique_ptr<fasting::admin_protocols> admin_;
  std::unique_ptr<fasting::service> fasting_;
  std::string admin_id_;
  std::vector<std::string> slugs_;
  int announced_ = 0;
};

TEST_F(fasting_admin_test, CreateUpdateDeactivateAreAuditedAndAnnounced) {
  auto created = go(admin_->create(admin_actor(), fresh_protocol()));
  ASSERT_TRUE(created) << created.error().code;
  const std::string id = created->p.id;
  EXPECT_TRUE(listed(id));
  EXPECT_EQ(announced_, 1);

  fasting::protocol_patch rename;
  rename.name = "15:9 (gentle)";
  rename.sort_order = 36;
  auto renamed = go(admin_->update(admin_actor(), id, rename));
  ASSERT_TRUE(renamed) << renamed.error().code;
  EXPECT_EQ(renamed->p.name, "15:9 (gentle)");
  EXPECT_EQ(renamed->sort_order, 36);

  auto retired = go(admin_->deactivate(admin_actor(), id, std::nullopt));
  ASSERT_TRUE(retired);
  EXPECT_FALSE(retired->active);
  EXPECT_FALSE(listed(id));
  // Retiring again answers it as it is, with no entry and no announcement.
  ASSERT_TRUE(go(admin_->deactivate(admin_actor(), id, std::nullopt)));
  EXPECT_EQ(announced_, 3);
  const std::string audit = audit_of(id);
  EXPECT_TRUE(audit.starts_with("create:benefits,considerations,description,difficulty,"));
  EXPECT_TRUE(audit.ends_with(" update:name,sort_order deactivate:is_active")) << audit;
  // Still in the admin's list, retired.
  auto page = go(admin_->list(1, 100));
  EXPECT_GE(page.total, 14);
}

TEST_F(fasting_admin_test, RefusalsChangeNothing) {
  auto created = go(admin_->create(admin_actor(), fresh_protocol()));
  ASSERT_TRUE(created);
  const std::string id = created->p.id;
  auto again = fresh_protocol();
  again.p.slug = created->p.slug;
  auto taken = go(admin_->create(admin_actor(), again));
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, "FAST_014");
  auto seeded = fresh_protocol();
  seeded.p.slug = "16-8";
  EXPECT_EQ(go(admin_->create(admin_actor(), seeded)).error().code, "FAST_014");

  // A daily window that no longer fills the day, and weekly without its fast days.
  fasting::protocol_patch broken;
  broken.eating_window_minutes = 600;
  auto refused = go(admin_->update(admin_actor(), id, broken));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "VAL_001");
  ASSERT_EQ(refused.error().details.size(), 1u);
  EXPECT_EQ(refused.error().details[0].field, "eating_window_seconds");
  fasting::protocol_patch weekly;
  weekly.kind = "weekly";
  auto incomplete = go(admin_->update(admin_actor(), id, weekly));
  ASSERT_FALSE(incomplete);
  EXPECT_EQ(incomplete.error().details.size(), 3u);  // window, fast_day_kcal, fast days
  EXPECT_EQ(go(one("SELECT kind || eating_window_minutes FROM fasting_protocols WHERE id = "
                   "$1::uuid",
                   id)),
            "daily_tre540");
  EXPECT_EQ(audit_of(id).find("update"), std::string::npos);

  auto unknown = go(admin_->update(admin_actor(), "00000000-0000-4000-8000-000000000000", weekly));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, "FAST_013");
  EXPECT_EQ(
      go(admin_->deactivate(admin_actor(), "00000000-0000-4000-8000-000000000000", std::nullopt))
          .error()
          .code,
      "FAST_013");
  EXPECT_EQ(announced_, 1);
}

}  // namespace
}  // namespace ugoki::testing
