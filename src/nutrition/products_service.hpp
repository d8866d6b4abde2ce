// Barcode look-ups (Redis hot cache, the local table, then Open Food Facts under one
// server-wide rate), users' product submissions, and the products part of the export.
// No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "nutrition/off_client.hpp"
#include "nutrition/products_types.hpp"

namespace ugoki {
namespace pg {
class database;
}
namespace redis {
class client;
struct script;
}  // namespace redis
}  // namespace ugoki

namespace ugoki::nutrition {

struct products_settings {
  off_settings off;
  // Open Food Facts allows about 15 product reads a minute per address: one token bucket in
  // Redis for every instance (UGOKI_OFF_READS_PER_MINUTE).
  int off_reads_per_minute = 15;
  std::chrono::seconds cache_ttl{24 * 3600};  // a product in the Redis hot cache
  std::chrono::seconds miss_ttl{3600};        // OFF's "no such product", remembered
  std::string key_prefix = "ugoki:food:";
};

class products_service {
 public:
  // `db` and `redis` must outlive the service. Throws std::invalid_argument for a bad OFF URL.
  products_service(pg::database& db, redis::client& redis, products_settings s);
  ~products_service();
  products_service(const products_service&) = delete;
  products_service& operator=(const products_service&) = delete;

  // The product of a normalised code (barcode.hpp) as `user_id` may see it. In order: the Redis
  // hot cache (public products, 24 h; a Redis failure skips it), the local table (the public
  // row, else the caller's own pending submission), the remembered upstream miss, then Open Food
  // Facts: one call per code at a time in this process (concurrent callers wait for the same
  // answer), charged to the server-wide bucket first. A found product is flagged by
  // products_rules.hpp, stored and cached.
  // Refuses 404 NUTR_002 (nowhere, or OFF says status 0), 503 SVC_002 with Retry-After when the
  // bucket is empty (OFF not called) or OFF is down, slow (settings.off.timeout) or answers 5xx.
  // Throws pg::unavailable when the database is down.
  boost::asio::awaitable<result<product>> by_code(std::string user_id, std::string code);
  // As by_code, rendered for GET /barcode/:code (dto::render_product). A hot-cache hit is
  // answered as stored: the cache holds render_product's text, so no parse and render again.
  boost::asio::awaitable<result<std::string>> rendered_by_code(std::string user_id,
                                                               std::string code);

  // A product by id: public or the caller's own submission; 404 NUTR_002 otherwise.
  boost::asio::awaitable<result<product>> by_id(std::string user_id, std::string id);

  // Stores the caller's submission as pending (visible to them only, usable in their diary),
  // flagged by the sanity checks. Refuses 409 NUTR_003 when a public product of the code
  // exists or the caller already submitted it (a rejected submission is replaced instead).
  boost::asio::awaitable<result<product>> submit(std::string user_id, product_submission s);

  // The caller's submissions (rejected ones with the reason; approved ones, now public, too),
  // newest first.
  boost::asio::awaitable<std::vector<product>> mine(std::string user_id);

  // The caller's submissions for the data export, a JSON array (instants with Z).
  boost::asio::awaitable<std::string> export_part(std::string user_id);

  // How many times Open Food Facts was called (metrics and tests).
  std::uint64_t upstream_calls() const { return upstream_calls_.load(); }

 private:
  struct flight;
  // The hot cache's entry of a code (render_product's text) and whether an upstream miss is
  // remembered; both empty when Redis is down.
  struct cache_probe {
    std::optional<std::string> product_json;
    bool remembered_miss = false;
  };
  boost::asio::awaitable<cache_probe> probe_cache(const std::string& code);
  // by_code past the hot cache: the table, the remembered miss, Open Food Facts.
  boost::asio::awaitable<result<product>> past_cache(std::string user_id, std::string code,
                                                     bool remembered_miss);
  boost::asio::awaitable<result<product>> from_upstream(std::string code);
  boost::asio::awaitable<result<product>> fetch_once(std::string code);
  boost::asio::awaitable<std::optional<int>> take_token();  // nullopt: granted; else wait s
  boost::asio::awaitable<void> cache(const product& p);

  pg::database& db_;
  redis::client& redis_;
  products_settings settings_;
  off_client off_;
  std::unique_ptr<redis::script> bucket_;
  std::mutex flights_mutex_;
  std::unordered_map<std::string, std::shared_ptr<flight>> flights_;
  std::atomic<std::uint64_t> upstream_calls_{0};
};

}  // namespace ugoki::nutrition
