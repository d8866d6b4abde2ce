// Prometheus metrics: request counts and latency per route, in-flight requests, gauges.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ugoki::metrics {

// Counters are sharded per I/O thread (each thread writes only its own shard with relaxed atomics,
// so the request path never contends); a scrape sums the shards.
class registry {
 public:
  explicit registry(std::size_t threads);
  ~registry();

  // Call once, after every route is registered and before serving: `route_labels[i]` is the
  // template of route i ("GET /api/v1/fasting/protocols/:id"); one more label, "unmatched",
  // is added for requests no route took.
  void set_route_labels(std::vector<std::string> route_labels);

  std::size_t unmatched_route() const { return labels_.size() - 1; }

  // Records one finished request on I/O thread `thread`.
  void observe(std::size_t thread, std::size_t route, int status, double seconds);
  void add_in_flight(std::int64_t delta) { in_flight_.fetch_add(delta, std::memory_order_relaxed); }

  // A gauge read at scrape time (pool sizes, connection counts). `fn` must be thread-safe.
  void add_gauge(std::string name, std::string help, std::function<double()> fn);
  // A counter kept elsewhere (by the code that counts), read at scrape time; `name` should end
  // in _total and `fn` must be thread-safe and never decrease.
  void add_counter(std::string name, std::string help, std::function<double()> fn);

  // The Prometheus text exposition format (version 0.0.4).
  std::string render() const;

 private:
  struct shard;
  std::size_t threads_;
  std::vector<std::string> labels_;
  std::vector<std::unique_ptr<shard>> shards_;
  std::atomic<std::int64_t> in_flight_{0};
  struct gauge {
    std::string name, help;
    std::function<double()> fn;
    const char* type = "gauge";  // or "counter"
  };
  std::vector<gauge> gauges_;
};

}  // namespace ugoki::metrics
