// Sharded counters and histograms rendered in the Prometheus text format.
#include "core/metrics.hpp"

#include <array>
#include <cstdio>

namespace ugoki::metrics {

namespace {

// Statuses get their own series; anything else is counted under "other" so the series count
// stays bounded whatever clients send.
constexpr std::array<int, 24> tracked_statuses{200, 201, 204, 206, 301, 302, 304, 400,
                                               401, 403, 404, 405, 408, 409, 410, 413,
                                               415, 422, 429, 431, 500, 502, 503, 504};
constexpr std::size_t status_slots = tracked_statuses.size() + 1;

constexpr std::array<double, 14> bucket_bounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                               0.1,    0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

std::size_t status_slot(int status) {
  for (std::size_t i = 0; i < tracked_statuses.size(); ++i) {
    if (tracked_statuses[i] == status) {
      return i;
    }
  }
  return tracked_statuses.size();
}

std::string escape_label(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\\' || c == '"') {
      out += '\\';
    }
    out += (c == '\n') ? ' ' : c;
  }
  return out;
}

std::string format_double(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

struct registry::shard {
  struct route_stats {
    std::array<std::atomic<std::uint64_t>, status_slots> by_status{};
    std::array<std::atomic<std::uint64_t>, bucket_bounds.size() + 1> buckets{};
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum_micros{0};
  };
  explicit shard(std::size_t routes) : routes(routes) {}
  std::vector<route_stats> routes;
};

void registry::set_route_labels(std::vector<std::string> route_labels) {
  labels_ = std::move(route_labels);
  labels_.emplace_back("unmatched");
  shards_.clear();
  for (std::size_t i = 0; i < threads_; ++i) {
    shards_.push_back(std::make_unique<shard>(labels_.size()));
  }
}

registry::registry(std::size_t threads) : threads_(threads) {}

registry::~registry() = default;

void registry::observe(std::size_t thread, std::size_t route, int status, double seconds) {
  auto& stats = shards_[thread % shards_.size()]->routes[route];
  constexpr auto relaxed = std::memory_order_relaxed;
  stats.by_status[status_slot(status)].fetch_add(1, relaxed);
  std::size_t b = 0;
  while (b < bucket_bounds.size() && seconds > bucket_bounds[b]) {
    ++b;
  }
  stats.buckets[b].fetch_add(1, relaxed);
  stats.count.fetch_add(1, relaxed);
  stats.sum_micros.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), relaxed);
}

void registry::add_gauge(std::string name, std::string help, std::function<double()> fn) {
  gauges_.push_back({std::move(name), std::move(help), std::move(fn)});
}

void registry::add_counter(std::string name, std::string help, std::function<double()> fn) {
  gauges_.push_back({std::move(name), std::move(help), std::move(fn), "counter"});
}

std::string registry::render() const {
  constexpr auto relaxed = std::memory_order_relaxed;
  std::string out;
  out.reserve(16 * 1024);
  out += "# HELP ugoki_http_requests_total HTTP requests by route template and status.\n";
  out += "# TYPE ugoki_http_requests_total counter\n";
  for (std::size_t r = 0; r < labels_.size(); ++r) {
    for (std::size_t s = 0; s < status_slots; ++s) {
      std::uint64_t total = 0;
      for (const auto& sh : shards_) {
        total += sh->routes[r].by_status[s].load(relaxed);
      }
      if (total == 0) {
        continue;
      }
      std::string status =
          s < tracked_statuses.size() ? std::to_string(tracked_statuses[s]) : "other";
      out += "ugoki_http_requests_total{route=\"" + escape_label(labels_[r]) + "\",status=\"" +
             status + "\"} " + std::to_string(total) + "\n";
    }
  }
  out += "# HELP ugoki_http_request_duration_seconds Request latency by route template.\n";
  out += "# TYPE ugoki_http_request_duration_seconds histogram\n";
  for (std::size_t r = 0; r < labels_.size(); ++r) {
    std::uint64_t count = 0, sum = 0;
    std::array<std::uint64_t, bucket_bounds.size() + 1> buckets{};
    for (const auto& sh : shards_) {
      const auto& st = sh->routes[r];
      count += st.count.load(relaxed);
      sum += st.sum_micros.load(relaxed);
      for (std::size_t b = 0; b < buckets.size(); ++b) {
        buckets[b] += st.buckets[b].load(relaxed);
      }
    }
    if (count == 0) {
      continue;
    }
    std::string label = "route=\"" + escape_label(labels_[r]) + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < buckets.size(); ++b) {
      cumulative += buckets[b];
      std::string le = b < bucket_bounds.size() ? format_double(bucket_bounds[b]) : "+Inf";
      out += "ugoki_http_request_duration_seconds_bucket{" + label + ",le=\"" + le + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    out += "ugoki_http_request_duration_seconds_sum{" + label + "} " +
           format_double(static_cast<double>(sum) / 1e6) + "\n";
    out +=
        "ugoki_http_request_duration_seconds_count{" + label + "} " + std::to_string(count) + "\n";
  }
  out += "# HELP ugoki_http_requests_in_flight Requests being handled now.\n";
  out += "# TYPE ugoki_http_requests_in_flight gauge\n";
  out += "ugoki_http_requests_in_flight " + std::to_string(in_flight_.load(relaxed)) + "\n";
  for (const auto& g : gauges_) {
    out += "# HELP " + g.name + " " + g.help + "\n";
    out += "# TYPE " + g.name + " " + g.type + "\n";
    out += g.name + " " + format_double(g.fn()) + "\n";
  }
  return out;
}

}  // namespace ugoki::metrics
