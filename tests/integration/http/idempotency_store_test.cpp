// idempotency::pg_idempotency_store against a real PostgreSQL: claim, replay of the exact bytes,
// mismatch, in flight, per-user scope, abandon, expired and stale rows, the fence, the purge,
// an erased user and a database that is down.
#include "core/idempotency/pg_idempotency_store.hpp"

#include <gtest/gtest.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "integration/http/idempotency_fixture.hpp"

namespace ugoki::testing {
namespace {

using http::claim_status;

class idempotency_store_test : public idempotency_test {
 protected:
  http::claim begin(const http::idempotent_request& r) { return run(store().begin(r)); }
  void complete(const http::idempotent_request& r, const std::string& token,
                http::stored_response res) {
    run(store().complete(r, token, res));
  }
  idempotency::pg_idempotency_store& store() {
    if (!store_) {
      store_.emplace(*db_);
    }
    return *store_;
  }
  std::optional<idempotency::pg_idempotency_store> store_;
};

http::stored_response created(std::string body) {
  return {201, "application/json", std::move(body)};
}

TEST_F(idempotency_store_test, first_use_claims_and_a_repeat_replays_the_exact_bytes) {
  auto user = new_user();
  auto req = request(user, "k-1", R"({"a":1})");
  auto first = begin(req);
  ASSERT_EQ(first.status, claim_status::claimed);
  EXPECT_FALSE(first.token.empty());
  auto row = row_of(user, "k-1");
  ASSERT_TRUE(row);
  EXPECT_TRUE(row->in_flight);
  EXPECT_EQ(row->method, "POST");
  EXPECT_EQ(row->path, "/api/v1/things");

  // A newline and non-ASCII in the body survive the round trip byte for byte.
  const std::string body = "{\"success\":true,\"data\":{\"n\":\"caf\xc3\xa9\\n\"}}\n";
  complete(req, first.token, created(body));
  row = row_of(user, "k-1");
  ASSERT_TRUE(row);
  EXPECT_FALSE(row->in_flight);
  EXPECT_EQ(row->status, 201);

  for (int i = 0; i < 2; ++i) {
    auto again = begin(req);
    ASSERT_EQ(again.status, claim_status::replay);
    EXPECT_EQ(again.response.status, 201);
    EXPECT_EQ(again.response.content_type, "application/json");
    EXPECT_EQ(again.response.body, body);
  }
}

TEST_F(idempotency_store_test, an_empty_body_without_content_type_replays_as_such) {
  auto user = new_user();
  auto req = request(user, "k-204", "");
  auto c = begin(req);
  complete(req, c.token, {204, "", ""});
  auto again = begin(req);
  ASSERT_EQ(again.status, claim_status::replay);
  EXPECT_EQ(again.response.status, 204);
  EXPECT_EQ(again.response.content_type, "");
  EXPECT_EQ(again.response.body, "");
}

TEST_F(idempotency_store_test, another_body_path_or_method_is_a_mismatch_in_flight_or_done) {
  auto user = new_user();
  auto req = request(user, "k-2", R"({"a":1})");
  auto c = begin(req);
  ASSERT_EQ(c.status, claim_status::claimed);
  EXPECT_EQ(begin(request(user, "k-2", R"({"a":2})")).status, claim_status::mismatch);
  complete(req, c.token, created("{}"));
  EXPECT_EQ(begin(request(user, "k-2", R"({"a":2})")).status, claim_status::mismatch);
  EXPECT_EQ(begin(request(user, "k-2", R"({"a":1})", "POST", "/api/v1/other")).status,
            claim_status::mismatch);
  EXPECT_EQ(begin(request(user, "k-2", R"({"a":1})", "PUT")).status, claim_status::mismatch);
  // The stored response is untouched by the refused requests.
  EXPECT_EQ(row_of(user, "k-2")->status, 201);
  EXPECT_EQ(row_of(user, "k-2")->method, "POST");
}

TEST_F(idempotency_store_test, the_same_request_while_in_flight_is_reported_in_flight) {
  auto user = new_user();
  auto req = request(user, "k-3", "{}");
  ASSERT_EQ(begin(req).status, claim_status::claimed);
  EXPECT_EQ(begin(req).status, claim_status::in_flight);
  EXPECT_TRUE(row_of(user, "k-3")->in_flight);
}

TEST_F(idempotency_store_test, keys_are_scoped_per_user) {
  auto ann = new_user();
  auto bob = new_user();
  auto a = begin(request(ann, "shared", R"({"who":"ann"})"));
  auto b = begin(request(bob, "shared", R"({"who":"bob"})"));
  EXPECT_EQ(a.status, claim_status::claimed);
  EXPECT_EQ(b.status, claim_status::claimed);
  complete(request(ann, "shared", R"({"who":"ann"})"), a.token, created("ann"));
  EXPECT_TRUE(row_of(bob, "shared")->in_flight) << "completing ann's key leaves bob's alone";
  EXPECT_EQ(begin(request(ann, "shared", R"({"who":"ann"})")).response.body, "ann");
}

TEST_F(idempotency_store_test, abandon_forgets_the_claim_so_a_retry_runs_again) {
  auto user = new_user();
  auto req = request(user, "k-4", "{}");
  auto c = begin(req);
  run(store().abandon(req, "0"));
  EXPECT_TRUE(row_of(user, "k-4")) << "another claim's token removes nothing";
  run(store().abandon(req, c.token));
  EXPECT_FALSE(row_of(user, "k-4"));
  EXPECT_EQ(begin(req).status, claim_status::claimed);
}

TEST_F(idempotency_store_test, an_expired_key_is_replaced_as_if_new) {
  auto user = new_user();
  auto old = request(user, "k-5", R"({"v":"old"})");
  auto c = begin(old);
  complete(old, c.token, created("old"));
  exec(
      "UPDATE idempotency_keys SET created_at = now() - interval '25 hours', "
      "completed_at = now() - interval '25 hours', expires_at = now() - interval '1 hour' "
      "WHERE user_id = $1::uuid AND key = $2",
      user, "k-5");
  // Another body would be a mismatch if the key were live; expired, it starts afresh.
  auto fresh = request(user, "k-5", R"({"v":"new"})");
  auto again = begin(fresh);
  ASSERT_EQ(again.status, claim_status::claimed);
  auto row = row_of(user, "k-5");
  ASSERT_TRUE(row);
  EXPECT_TRUE(row->in_flight);
  EXPECT_EQ(row->body, std::nullopt);
  complete(fresh, again.token, created("new"));
  EXPECT_EQ(begin(fresh).response.body, "new");
}

// The purge picks expired rows from its snapshot, then waits for each row's lock. A claim that
// re-takes an expired key in that window must survive: deleting it would forget a request in
// flight, and its retry would run again. Found when a parallel test's purge ate this file's k-5.
TEST_F(idempotency_store_test, the_purge_spares_an_expired_key_a_claim_retook_while_it_waited) {
  auto user = new_user();
  auto old = request(user, "k-9", "{}");
  auto c = begin(old);
  complete(old, c.token, created("old"));
  exec(
      "UPDATE idempotency_keys SET created_at = now() - interval '25 hours', "
      "completed_at = now() - interval '25 hours', expires_at = now() - interval '1 hour' "
      "WHERE user_id = $1::uuid AND key = $2",
      user, "k-9");

  auto race = [&]() -> boost::asio::awaitable<std::int64_t> {
    using namespace boost::asio::experimental::awaitable_operators;
    // What a claim of the expired key writes, held uncommitted so the purge must wait for it.
    static constexpr pg::statement retake{"", R"(
UPDATE idempotency_keys SET response_status = NULL, response_body = NULL, completed_at = NULL,
       created_at = now(), expires_at = now() + interval '24 hours'
 WHERE user_id = $1::uuid AND key = $2)"};
    static constexpr pg::statement purge_waiting{"", R"(
SELECT count(*) FROM pg_stat_activity
 WHERE wait_event_type = 'Lock' AND query LIKE '%DELETE FROM idempotency_keys%')"};
    static constexpr pg::statement clear_stats{"", "SELECT pg_stat_clear_snapshot()"};
    pg::transaction tx = co_await db_->begin();
    co_await tx.query(retake, pg::params{user, std::string("k-9")});
    auto release_once_blocked = [&]() -> boost::asio::awaitable<void> {
      auto ex = co_await boost::asio::this_coro::executor;
      for (int i = 0; i < 500; ++i) {  // bounded: 10 s
        // A transaction reads pg_stat_activity once and keeps it: drop that copy each time.
        co_await tx.query(clear_stats, pg::params{});
        pg::result waiting = co_await tx.query(purge_waiting, pg::params{});
        if (waiting[0].get<std::int64_t>(0) > 0) {
          break;
        }
        boost::asio::steady_timer t(ex, std::chrono::milliseconds(20));
        co_await t.async_wait(boost::asio::use_awaitable);
      }
      co_await tx.commit();
    };
    // `&&` runs both at once; the void side adds nothing to the result.
    std::int64_t purged = co_await (idempotency::purge_expired(*db_) && release_once_blocked());
    co_return purged;
  };
  run(race());
  auto row = row_of(user, "k-9");
  ASSERT_TRUE(row) << "the purge deleted a key a claim had just re-taken";
  EXPECT_TRUE(row->in_flight);
}

TEST_F(idempotency_store_test, a_stale_claim_is_taken_over_and_fenced_from_its_old_owner) {
  auto user = new_user();
  auto req = request(user, "k-6", "{}");
  auto crashed = begin(req);
  exec(
      "UPDATE idempotency_keys SET created_at = now() - interval '3 minutes' "
      "WHERE user_id = $1::uuid AND key = $2",
      user, "k-6");
  EXPECT_EQ(begin(request(user, "k-6", R"({"other":1})")).status, claim_status::mismatch)
      << "only the same request may take a stale claim over";
  auto retry = begin(req);
  ASSERT_EQ(retry.status, claim_status::claimed);
  EXPECT_NE(retry.token, crashed.token);
  // The old owner wakes up late: neither its response nor its abandon touches the new claim.
  complete(req, crashed.token, created("late"));
  run(store().abandon(req, crashed.token));
  auto row = row_of(user, "k-6");
  ASSERT_TRUE(row);
  EXPECT_TRUE(row->in_flight);
  complete(req, retry.token, created("retry"));
  EXPECT_EQ(begin(req).response.body, "retry");
}

TEST_F(idempotency_store_test, a_fresh_claim_is_not_taken_over) {
  auto user = new_user();
  auto req = request(user, "k-7", "{}");
  begin(req);
  exec(
      "UPDATE idempotency_keys SET created_at = now() - interval '90 seconds' "
      "WHERE user_id = $1::uuid AND key = $2",
      user, "k-7");
  EXPECT_EQ(begin(req).status, claim_status::in_flight);
}

TEST_F(idempotency_store_test, purge_deletes_expired_keys_only) {
  auto user = new_user();
  for (const char* key : {"live", "dead"}) {
    auto req = request(user, key, "{}");
    auto c = begin(req);
    complete(req, c.token, created(key));
  }
  exec(
      "UPDATE idempotency_keys SET created_at = now() - interval '2 days', "
      "completed_at = now() - interval '2 days', expires_at = now() - interval '1 day' "
      "WHERE user_id = $1::uuid AND key = $2",
      user, "dead");
  auto purged = run(idempotency::purge_expired(*db_));
  EXPECT_GE(purged, 1);
  EXPECT_FALSE(row_of(user, "dead"));
  EXPECT_TRUE(row_of(user, "live"));
}

TEST_F(idempotency_store_test, a_user_that_no_longer_exists_is_401) {
  auto req = request("00000000-0000-4000-8000-000000000001", "k-8", "{}");
  EXPECT_EQ(begin(req).status, http::claim_status::unknown_caller);
}

TEST_F(idempotency_store_test, a_database_that_is_down_is_a_dependency_failure) {
  pg::settings down = settings_;
  down.url = "postgresql://127.0.0.1:1/none?connect_timeout=1";
  down.acquire_timeout = std::chrono::milliseconds(300);
  down.connect_timeout = std::chrono::milliseconds(300);
  pg::database dead(down, 1);
  dead.attach_thread(0, ioc_.get_executor());
  idempotency::pg_idempotency_store s(dead);
  auto req = request("00000000-0000-4000-8000-000000000002", "k-9", "{}");
  EXPECT_THROW(run(s.begin(req)), dependency_unavailable);
}

}  // namespace
}  // namespace ugoki::testing
