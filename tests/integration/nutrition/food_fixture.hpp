// The food side's service tests: a real PostgreSQL (migrated and seeded) and a real Redis on one
// io_context, products_service with an Open Food Facts address nothing listens on, and users.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/pg/migrate.hpp"
#include "core/redis/client.hpp"
#include "integration/pg/pg_fixture.hpp"
#include "nutrition/products_service.hpp"
#include "support/redis_test_env.hpp"

namespace ugoki::testing {

class food_test : public pg_test {
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
    // The cache is skipped while Redis is not connected yet: wait for it.
    ASSERT_TRUE(go(redis::testing::eventually([this] { return redis_->connected_count() == 1; },
                                              std::chrono::milliseconds(5000))));
    nutrition::products_settings s;
    s.off.base_url = "http://127.0.0.1:1";  // refused at once: no test reaches the internet
    s.off.timeout = std::chrono::milliseconds(500);
    s.key_prefix = redis::testing::key(pg_unique("food")) + ":";
    prefix_ = s.key_prefix;
    products_ = std::make_unique<nutrition::products_service>(*db_, *redis_, std::move(s));
  }

  void TearDown() override {
    if (redis_) {
      for (const auto& id : users_) {
        go(exec("DELETE FROM users WHERE id = $1::uuid", id));
      }
      for (const auto& code : codes_) {
        go(exec("DELETE FROM food_products WHERE code = $1", code));
      }
      products_.reset();
      redis_->stop();
      ioc_.restart();
      ioc_.run_for(std::chrono::seconds(2));
    }
  }

  // Runs `a` to completion (the Redis connection keeps the io_context busy, so pg_test::run,
  // which runs it dry, would never return).
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

  boost::asio::awaitable<std::string> new_user(std::string zone) {
    static constexpr pg::statement sql{
        "",
        "WITH u AS (INSERT INTO users (email) VALUES ($1) RETURNING id) "
        "INSERT INTO user_profiles (user_id, timezone) SELECT id, $2 FROM u "
        "RETURNING user_id::text"};
    auto rows = co_await db_->query(sql, pg::params{pg_unique("food") + "@example.test", zone});
    users_.push_back(rows[0].get<std::string>(0));
    co_return users_.back();
  }

  boost::asio::awaitable<pg::result> exec(std::string_view text, std::string arg) {
    pg::statement s{"", text};
    co_return co_await db_->query(s, pg::params{arg});
  }
  boost::asio::awaitable<pg::result> exec2(std::string_view text, std::string a, std::string b) {
    pg::statement s{"", text};
    co_return co_await db_->query(s, pg::params{a, b});
  }

  // A barcode no other test or run uses: "2" (GS1 in-store numbers), 11 digits from a random
  // start, and its check digit. Rows of it are deleted at tear-down.
  std::string fresh_code() {
    static std::uint64_t next = (std::random_device{}() % 1'000'000'000ULL) * 100;
    std::string digits = std::to_string(next++ % 100'000'000'000ULL);
    std::string body = "2" + std::string(11 - digits.size(), '0') + digits;
    int sum = 0;
    for (int i = 0; i < 12; ++i) {
      sum += (body[i] - '0') * (i % 2 == 0 ? 1 : 3);
    }
    std::string code = body + std::to_string((10 - sum % 10) % 10);
    codes_.push_back(code);
    return code;
  }

  // A public product of the table (as the import or an OFF answer would store it).
  nutrition::product public_product(const std::string& code, double kcal) {
    nutrition::product p;
    p.code = code;
    p.name = "Oat bar";
    p.brands = "Test Mills";
    p.per_100g.energy_kcal = kcal;
    p.per_100g.proteins_g = 10;
    p.per_100g.carbohydrates_g = 60;
    p.per_100g.sugars_g = 20;
    p.per_100g.fat_g = 15;
    p.per_100g.saturated_fat_g = 3;
    p.per_100g.fiber_g = 8;
    p.per_100g.salt_g = 0.5;
    p.serving_size = "1 bar (40 g)";
    p.serving_quantity_g = 40;
    return p;
  }

  boost::asio::awaitable<bool> redis_has(std::string key) {
    auto c = redis_->command("EXISTS", key);
    redis::reply r = co_await std::move(c);
    co_return r.integer() == 1;
  }

  std::unique_ptr<redis::client> redis_;
  std::unique_ptr<nutrition::products_service> products_;
  std::string prefix_;
  std::vector<std::string> users_;
  std::vector<std::string> codes_;
};

}  // namespace ugoki::testing
