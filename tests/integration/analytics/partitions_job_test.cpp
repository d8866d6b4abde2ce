// analytics::add_partition_job_kind against a real PostgreSQL: the job the scheduler runs daily
// leaves progress_metrics partitioned for this month and the next three.
// The header under test comes first: it must be self-contained.
#include "analytics/service.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "core/jobs/queue.hpp"
#include "core/jobs/runner.hpp"
#include "core/pg/database.hpp"
#include "integration/analytics/analytics_fixture.hpp"

namespace ugoki::analytics {
namespace {

using namespace std::chrono;
using testing::analytics_test;

class partitions_job_test : public analytics_test {
 protected:
  // The partition holding the month `months_ahead` after the current one, or "" when none.
  std::string partition_for(int months_ahead) {
    static constexpr pg::statement sql{"", R"(
SELECT coalesce(to_regclass(to_char(date_trunc('month', now())
                                    + $1::int * interval '1 month', '"progress_metrics_"YYYY_MM'))::text,
                ''))"};
    pg::params args{months_ahead};
    return run(db_->query(sql, args))[0].get<std::string>(0);
  }
};

TEST_F(partitions_job_test, keeps_this_month_and_the_next_three_partitioned) {
  jobs::registry kinds;
  add_partition_job_kind(kinds, *db_);
  const jobs::handler* handler = kinds.find(partitions_job_kind);
  ASSERT_NE(handler, nullptr);
  EXPECT_EQ(partitions_job_kind, "progress.ensure_partitions");  // queued jobs keep this name
  run((*handler)(jobs::job{}));
  for (int ahead = 0; ahead <= 3; ++ahead) {
    EXPECT_NE(partition_for(ahead), "") << ahead << " months ahead";
  }
}

}  // namespace
}  // namespace ugoki::analytics
