// fasting::admin_stages (and the protocols' version guard) against a real PostgreSQL (migrated
// and seeded) and Redis: a stage created at 150 h makes deep ketosis end there and retiring it
// gives the open end back, both audited; the timer's snapshot (service::current's source) and
// load_stages see each write; translations are replaced per language and removed by null; a
// stale version, a start taken or no stage at 0 change nothing.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>

#include <random>

#include "core/pg/migrate.hpp"
#include "core/redis/client.hpp"
#include "core/redis/reference_changes.hpp"
#include "fasting/admin_service.hpp"
#include "fasting/admin_stage_service.hpp"
#include "fasting/service.hpp"
#include "integration/pg/pg_fixture.hpp"
#include "support/redis_test_env.hpp"

namespace ugoki::testing {
namespace {

constexpr std::int64_t stages_test_hour = 3600;

class fasting_stages_admin_test : public pg_test {
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
        *redis_, redis::testing::key(pg_unique("fasting-stages")) + ":");
    fasting_ = std::make_unique<fasting::service>(*db_, clock_);
    changes_->on("fasting", [this] {
      ++announced_;
      fasting_->reference_changed();
    });
    stages_ = std::make_unique<fasting::admin_stages>(*db_, *changes_);
    protocols_ = std::make_unique<fasting::admin_protocols>(*db_, *changes_);
    admin_id_ = go(one("INSERT INTO users (email) VALUES ($1) RETURNING id::text",
                       pg_unique("fstage") + "@example.test"));
  }
  void TearDown() override {
    if (redis_) {
      for (const auto& slug : slugs_) {
        go(one("DELETE FROM fasting_stages WHERE slug = $1 RETURNING slug", slug));
        go(one("DELETE FROM fasting_protocols WHERE slug = $1 RETURNING slug", slug));
      }
      go(one("DELETE FROM users WHERE id = $1::uuid RETURNING id::text", admin_id_));
      stages_.reset();
      protocols_.reset();
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
  boost::asio::awaitable<std::string> one(std::string_view text, std::string arg) {
    pg::statement s{"", text};
    auto rows = co_await db_->query(s, pg::params{arg});
    co_return rows.empty() ? std::string()
                           : rows[0].get<std::optional<std::string>>(0).value_or("");
  }

  std::string unique_slug() {
    std::string slug = "it-" + std::to_string(std::random_device{}() % 1'000'000'000);
    slugs_.push_back(slug);
    return slug;
  }
  fasting::admin_stage fresh_stage(std::int64_t starts) {
    fasting::admin_stage a;
    a.s.slug = unique_slug();
    a.s.name = "Late";
    a.s.starts_after_seconds = starts;
    a.s.summary = "Very late.";
    a.s.description = "A stage for the test.";
    a.s.source = "None.";
    a.s.disclaimer = "Not advice.";
    return a;
  }
  actor admin_actor() { return actor{admin_id_, "req-fasting-stages"}; }
  std::string audit_of(const std::string& id) {
    return go(
        one("SELECT string_agg(action || ':' || changes::text, ' ' ORDER BY id) "
            "FROM admin_audit_log WHERE entity = 'fasting.stage' AND entity_id = $1",
            id));
  }
  std::optional<std::int64_t> public_end(const std::string& slug) {
    for (const auto& s : go(fasting_->load_stages())) {
      if (s.slug == slug) {
        return s.ends_after_seconds;
      }
    }
    return -1;
  }
  std::string deep_ketosis_id() {
    return go(one("SELECT id::text FROM fasting_stages WHERE slug = $1", "deep-ketosis"));
  }

  system_clock clock_;
  std::unique_ptr<redis::client> redis_;
  std::unique_ptr<redis::reference_changes> changes_;
  std::unique_ptr<fasting::service> fasting_;
  std::unique_ptr<fasting::admin_stages> stages_;
  std::unique_ptr<fasting::admin_protocols> protocols_;
  std::string admin_id_;
  std::vector<std::string> slugs_;
  int announced_ = 0;
};

TEST_F(fasting_stages_admin_test, CreateAndRetireRetileTheNeighbourAudited) {
  auto created = go(stages_->create(admin_actor(), fresh_stage(150 * stages_test_hour)));
  ASSERT_TRUE(created) << created.error().code;
  EXPECT_EQ(created->s.ends_after_seconds, std::nullopt);  // the last stage now
  EXPECT_EQ(created->version, 1);
  EXPECT_EQ(public_end("deep-ketosis"), 150 * stages_test_hour);
  EXPECT_EQ(announced_, 1);
  const std::string deep = deep_ketosis_id();
  EXPECT_TRUE(
      audit_of(deep).ends_with(R"(update:{"ends_at_hours": {"after": 150.00, "before": null}})"))
      << audit_of(deep);

  auto retired = go(stages_->deactivate(admin_actor(), created->id, created->version));
  ASSERT_TRUE(retired) << retired.error().code;
  EXPECT_FALSE(retired->active);
  EXPECT_EQ(public_end("deep-ketosis"), std::nullopt);
  EXPECT_EQ(public_end(created->s.slug), -1);
  EXPECT_TRUE(audit_of(created->id)
                  .ends_with(R"(deactivate:{"is_active": {"after": false, "before": true}})"))
      << audit_of(created->id);
  // Retiring again: answered as it is, nothing written or announced.
  ASSERT_TRUE(go(stages_->deactivate(admin_actor(), created->id, std::nullopt)));
  EXPECT_EQ(announced_, 2);
}

TEST_F(fasting_stages_admin_test, RefusalsChangeNothing) {
  auto taken = go(stages_->create(admin_actor(), fresh_stage(72 * stages_test_hour)));
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, "FAST_017");
  auto seeded = fresh_stage(150 * stages_test_hour);
  seeded.s.slug = "ketosis";
  EXPECT_EQ(go(stages_->create(admin_actor(), seeded)).error().code, "FAST_016");

  const std::string deep = deep_ketosis_id();
  auto found = go(stages_->get(deep));
  ASSERT_TRUE(found);
  fasting::stage_patch stale;
  stale.name = "Late";
  stale.version = found->version + 1;
  EXPECT_EQ(go(stages_->update(admin_actor(), deep, stale)).error().code, "REQ_006");
  fasting::stage_patch moved;
  moved.starts_after_seconds = 24 * stages_test_hour;  // where ketosis starts
  moved.version = found->version;
  EXPECT_EQ(go(stages_->update(admin_actor(), deep, moved)).error().code, "FAST_017");
  const std::string anabolic =
      go(one("SELECT id::text FROM fasting_stages WHERE slug = $1", "anabolic"));
  auto first = go(stages_->deactivate(admin_actor(), anabolic, std::nullopt));
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().code, "FAST_017");
  EXPECT_EQ(first.error().details.at(0).field, "id");
  EXPECT_EQ(go(stages_->get(deep))->version, found->version);
  EXPECT_EQ(announced_, 0);
  EXPECT_EQ(go(stages_->get("00000000-0000-4000-8000-000000000000")).error().code, "FAST_015");
}

TEST_F(fasting_stages_admin_test, TranslationsReplacePerLanguageAndNullRemoves) {
  auto created = go(stages_->create(admin_actor(), fresh_stage(150 * stages_test_hour)));
  ASSERT_TRUE(created);
  fasting::stage_patch de;
  de.translations_json = R"({"de": {"name": "Spät"}, "fr": {"name": "Tard"}})";
  de.version = 1;
  auto one_more = go(stages_->update(admin_actor(), created->id, de));
  ASSERT_TRUE(one_more) << one_more.error().code;
  EXPECT_EQ(one_more->version, 2);
  fasting::stage_patch replace;
  replace.translations_json = R"({"de": {"summary": "Sehr spät."}, "fr": null})";
  replace.version = 2;
  auto replaced = go(stages_->update(admin_actor(), created->id, replace));
  ASSERT_TRUE(replaced);
  EXPECT_EQ(replaced->s.translations_json, R"({"de": {"summary": "Sehr spät."}})");
  // The timer's snapshot has it in German (the name falls back to English).
  bool seen = false;
  for (const auto& s : go(fasting_->load_stages())) {
    if (s.slug == created->s.slug) {
      EXPECT_EQ(s.translations_json, R"({"de": {"summary": "Sehr spät."}})");
      seen = true;
    }
  }
  EXPECT_TRUE(seen);
  ASSERT_TRUE(go(stages_->deactivate(admin_actor(), created->id, std::nullopt)));
}

TEST_F(fasting_stages_admin_test, ProtocolsRefuseAStaleVersion) {
  fasting::admin_protocol p;
  p.p.slug = unique_slug();
  p.p.name = "15:9";
  p.p.kind = "daily_tre";
  p.p.description = "Fast 15 hours, eat within 9.";
  p.p.fasting_minutes = 900;
  p.p.eating_window_minutes = 540;
  p.p.difficulty = "beginner";
  p.p.recommended_frequency = "daily";
  p.p.benefits_json = R"(["Easy."])";
  p.p.considerations_json = R"(["Ask a doctor."])";
  p.p.translations_json = R"({"de": {"name": "15:9 de"}})";
  auto created = go(protocols_->create(admin_actor(), p));
  ASSERT_TRUE(created) << created.error().code;
  EXPECT_EQ(created->version, 1);
  fasting::protocol_patch rename;
  rename.name = "15:9 (gentle)";
  rename.version = 1;
  auto renamed = go(protocols_->update(admin_actor(), created->p.id, rename));
  ASSERT_TRUE(renamed);
  EXPECT_EQ(renamed->version, 2);
  EXPECT_EQ(renamed->p.translations_json, R"({"de": {"name": "15:9 de"}})");
  auto stale = go(protocols_->update(admin_actor(), created->p.id, rename));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, "REQ_006");
  EXPECT_EQ(stale.error().status, 412);
  EXPECT_EQ(go(protocols_->deactivate(admin_actor(), created->p.id, 1)).error().code, "REQ_006");
  EXPECT_EQ(go(protocols_->get(created->p.id))->p.name, "15:9 (gentle)");
  ASSERT_TRUE(go(protocols_->deactivate(admin_actor(), created->p.id, 2)));
}

}  // namespace
}  // namespace ugoki::testing
