// Test fixture for Idempotency-Key against a real PostgreSQL: the migrated schema, users of this
// test only (deleted afterwards, which cascades to their keys), and helpers that read and age
// idempotency_keys rows.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/idempotency/pg_idempotency_store.hpp"
#include "core/pg/migrate.hpp"
#include "integration/pg/pg_fixture.hpp"

namespace ugoki::testing {

struct key_row {
  std::string method;
  std::string path;
  std::optional<int> status;
  std::optional<std::string> body;  // response_body as text (our bodies are UTF-8)
  bool in_flight = false;
};

class idempotency_test : public pg_test {
 protected:
  void SetUp() override {
    pg_test::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    // Idempotent and under an advisory lock, so parallel test processes are fine.
    pg::migrate(settings_.url, UGOKI_MIGRATIONS_DIR);
    open();
  }
  void TearDown() override {
    if (db_ && !users_.empty()) {
      run(delete_users());
    }
  }

  // A new account row; its id.
  std::string new_user() {
    std::string id = run(insert_user(pg_unique("idem") + "@example.test"));
    users_.push_back(id);
    return id;
  }

  // The row of (user, key), or nullopt when there is none.
  std::optional<key_row> row_of(const std::string& user, const std::string& key) {
    return run(read_row(user, key));
  }

  // Runs one statement with ($1 user, $2 key): ages rows in the tests.
  void exec(std::string_view sql, const std::string& user, const std::string& key) {
    run(exec_sql(sql, user, key));
  }

  http::idempotent_request request(const std::string& user, const std::string& key,
                                   std::string body, std::string method = "POST",
                                   std::string path = "/api/v1/things") {
    http::idempotent_request r;
    r.user_id = user;
    r.key = key;
    r.method = method;
    r.path = path;
    r.hash = http::idempotency_fingerprint(method, path, "", body);
    return r;
  }

 private:
  boost::asio::awaitable<std::string> insert_user(std::string email) {
    static constexpr pg::statement sql{"", "INSERT INTO users (email) VALUES ($1) RETURNING id"};
    pg::params args{email};
    pg::result r = co_await db_->query(sql, args);
    co_return r[0].get<std::string>(0);
  }
  boost::asio::awaitable<void> delete_users() {
    static constexpr pg::statement sql{"", "DELETE FROM users WHERE id = ANY($1::uuid[])"};
    std::string array = "{";
    for (std::size_t i = 0; i < users_.size(); ++i) {
      array += (i ? "," : "") + users_[i];
    }
    array += "}";
    pg::params args{array};
    co_await db_->query(sql, args);
  }
  boost::asio::awaitable<std::optional<key_row>> read_row(std::string user, std::string key) {
    static constexpr pg::statement sql{
        "",
        "SELECT method, path, response_status, convert_from(response_body, 'UTF8'), "
        "completed_at IS NULL FROM idempotency_keys WHERE user_id = $1::uuid AND key = $2"};
    pg::params args{user, key};
    pg::result r = co_await db_->query(sql, args);
    if (r.empty()) {
      co_return std::nullopt;
    }
    key_row row;
    row.method = r[0].get<std::string>(0);
    row.path = r[0].get<std::string>(1);
    row.status = r[0].get<std::optional<int>>(2);
    row.body = r[0].get<std::optional<std::string>>(3);
    row.in_flight = r[0].get<bool>(4);
    co_return row;
  }
  boost::asio::awaitable<void> exec_sql(std::string_view text, std::string user, std::string key) {
    pg::statement sql{"", text};
    pg::params args{user, key};
    co_await db_->query(sql, args);
  }

  std::vector<std::string> users_;
};

}  // namespace ugoki::testing
