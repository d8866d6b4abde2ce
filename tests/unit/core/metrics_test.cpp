// The header under test comes first: it must be self-contained.
#include "core/metrics.hpp"

#include <gtest/gtest.h>

namespace ugoki::metrics {
namespace {

TEST(metrics_registry, renders_counts_histogram_and_gauges) {
  registry m(2);
  m.set_route_labels({"GET /a", "GET /b/:id"});
  m.observe(0, 0, 200, 0.0004);
  m.observe(1, 0, 200, 0.002);
  m.observe(1, 1, 404, 0.02);
  m.observe(0, m.unmatched_route(), 599, 0.001);
  m.add_in_flight(3);
  m.add_in_flight(-1);
  m.add_gauge("ugoki_test_gauge", "A test gauge.", [] { return 7.0; });
  m.add_counter("ugoki_test_things_total", "A test counter.", [] { return 12.0; });
  std::string out = m.render();
  EXPECT_NE(out.find("ugoki_http_requests_total{route=\"GET /a\",status=\"200\"} 2\n"),
            std::string::npos);
  EXPECT_NE(out.find("ugoki_http_requests_total{route=\"GET /b/:id\",status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(out.find("ugoki_http_requests_total{route=\"unmatched\",status=\"other\"} 1\n"),
            std::string::npos);
  EXPECT_NE(
      out.find("ugoki_http_request_duration_seconds_bucket{route=\"GET /a\",le=\"0.0005\"} 1\n"),
      std::string::npos);
  EXPECT_NE(
      out.find("ugoki_http_request_duration_seconds_bucket{route=\"GET /a\",le=\"+Inf\"} 2\n"),
      std::string::npos);
  EXPECT_NE(out.find("ugoki_http_request_duration_seconds_count{route=\"GET /a\"} 2\n"),
            std::string::npos);
  EXPECT_NE(out.find("ugoki_http_requests_in_flight 2\n"), std::string::npos);
  EXPECT_NE(out.find("# TYPE ugoki_test_gauge gauge\nugoki_test_gauge 7\n"), std::string::npos);
  EXPECT_NE(out.find("# TYPE ugoki_test_things_total counter\nugoki_test_things_total 12\n"),
            std::string::npos);
}

}  // namespace
}  // namespace ugoki::metrics
