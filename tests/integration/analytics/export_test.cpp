// analytics::service::export_progress against a real PostgreSQL: the `progress` part of the data
// export with every analytics table of the user's, the cap on points, instants with Z, no
// user_id or file path, and nothing of another user's.
// The header under test comes first: it must be self-contained.
#include "analytics/service.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <gtest/gtest.h>

#include "analytics/import_store.hpp"
#include "analytics/progress_store.hpp"
#include "core/clock.hpp"
#include "core/pg/database.hpp"
#include "integration/analytics/analytics_fixture.hpp"

namespace ugoki::analytics {
namespace {

using namespace std::chrono;
using testing::analytics_test;
namespace bj = boost::json;

const time::instant export_t0 = sys_days{2026y / March / 10} + hours(8);

class export_test : public analytics_test {
 protected:
  bj::object export_of(const std::string& user, std::int64_t max_points) {
    service svc(*db_, clock_);
    std::string text = run(svc.export_progress(user, max_points));
    return bj::parse(text).as_object();
  }
  // An Apple Health import as POST /analytics/imports creates it (pending, with its file).
  boost::asio::awaitable<std::string> create_import(std::string user) {
    pg::transaction tx = co_await db_->begin();
    auto created = co_await import_store::create(tx, user, ".xml", 1234);
    co_await tx.commit();
    co_return created->first.id;
  }
  // Every string of `v` that still ends with +00:00 (PostgreSQL's UTC spelling).
  static int plus_zero_instants(const bj::value& v) {
    if (const auto* s = v.if_string()) {
      return s->size() > 6 && std::string_view(*s).ends_with("+00:00") ? 1 : 0;
    }
    int n = 0;
    if (const auto* a = v.if_array()) {
      for (const auto& e : *a) {
        n += plus_zero_instants(e);
      }
    } else if (const auto* o = v.if_object()) {
      for (const auto& kv : *o) {
        n += plus_zero_instants(kv.value());
      }
    }
    return n;
  }
  static bool names_user_or_file(const bj::array& rows) {
    for (const auto& r : rows) {
      if (r.as_object().contains("user_id") || r.as_object().contains("file_path")) {
        return true;
      }
    }
    return false;
  }

  system_clock clock_;
};

TEST_F(export_test, holds_every_table_newest_points_first_with_instants_in_z) {
  auto weight = point("weight_kg", export_t0, 80, "manual");
  weight.metadata_json = R"({"scale":"home"})";
  auto synced = point("weight_kg", export_t0 + hours(24) + milliseconds(250), 79.5);
  synced.external_id = "HK-1";
  synced.external_version = 1;
  // 23:30 UTC is 00:30 the next day in Berlin: its own local day.
  auto steps = point("steps", sys_days{2026y / March / 11} + hours(23) + minutes(30), 500);
  run(progress_store::insert_points(*db_, user_, {weight, synced, steps}));
  const std::string import_id = run(create_import(user_));
  const std::string other = make_user("UTC");
  run(progress_store::insert_points(*db_, other, {point("weight_kg", export_t0, 60)}));

  bj::object part = export_of(user_, 2);
  std::vector<std::string> keys;
  for (const auto& kv : part) {
    keys.emplace_back(kv.key());
  }
  // jsonb's order, which the export has always had.
  EXPECT_EQ(keys, (std::vector<std::string>{"daily", "imports", "metrics", "metrics_total",
                                            "metric_records", "metrics_truncated"}));
  EXPECT_EQ(plus_zero_instants(part), 0);
  EXPECT_EQ(part["metrics_total"].as_int64(), 3);
  EXPECT_EQ(part["metrics_truncated"].as_bool(), true);

  const bj::array& metrics = part["metrics"].as_array();
  ASSERT_EQ(metrics.size(), 2u);  // the newest two of three, newest first
  EXPECT_EQ(metrics[0].at("time").as_string(), "2026-03-11T23:30:00Z");
  EXPECT_EQ(metrics[0].at("metric_type").as_string(), "steps");
  EXPECT_EQ(metrics[0].at("value").to_number<double>(), 500);
  EXPECT_EQ(metrics[1].at("time").as_string(), "2026-03-11T08:00:00.25Z");
  EXPECT_EQ(metrics[1].at("external_id").as_string(), "HK-1");
  EXPECT_EQ(metrics[1].at("external_version").as_int64(), 1);
  EXPECT_TRUE(metrics[1].at("created_at").as_string().ends_with("Z"));
  EXPECT_FALSE(names_user_or_file(metrics));

  const bj::array& records = part["metric_records"].as_array();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].at("external_id").as_string(), "HK-1");
  EXPECT_EQ(records[0].at("time").as_string(), "2026-03-11T08:00:00.25Z");
  EXPECT_FALSE(names_user_or_file(records));

  // Local days in Berlin, by metric then bucket; each starts at local midnight (in UTC).
  const bj::array& daily = part["daily"].as_array();
  ASSERT_EQ(daily.size(), 3u);
  EXPECT_EQ(daily[0].at("metric_type").as_string(), "steps");
  EXPECT_EQ(daily[0].at("day").as_string(), "2026-03-12");
  EXPECT_EQ(daily[0].at("bucket_start").as_string(), "2026-03-11T23:00:00Z");
  EXPECT_EQ(daily[1].at("day").as_string(), "2026-03-10");
  EXPECT_EQ(daily[2].at("day").as_string(), "2026-03-11");
  EXPECT_EQ(daily[2].at("count").as_int64(), 1);
  EXPECT_FALSE(names_user_or_file(daily));

  const bj::array& imports = part["imports"].as_array();
  ASSERT_EQ(imports.size(), 1u);
  EXPECT_EQ(imports[0].at("id").as_string(), import_id);
  EXPECT_EQ(imports[0].at("file_size_bytes").as_int64(), 1234);
  EXPECT_TRUE(imports[0].at("created_at").as_string().ends_with("Z"));
  EXPECT_FALSE(names_user_or_file(imports));

  bj::object whole = export_of(user_, 3);
  EXPECT_EQ(whole["metrics"].as_array().size(), 3u);
  EXPECT_EQ(whole["metrics_truncated"].as_bool(), false);
  EXPECT_EQ(whole["metrics"].as_array()[2].at("metadata"), bj::parse(R"({"scale":"home"})"));
}

TEST_F(export_test, a_user_without_data_gets_empty_lists) {
  service svc(*db_, clock_);
  EXPECT_EQ(run(svc.export_progress(user_, 50'000)),
            R"({"daily":[],"imports":[],"metrics":[],"metrics_total":0,"metric_records":[],)"
            R"("metrics_truncated":false})");
}

}  // namespace
}  // namespace ugoki::analytics
