// Google OIDC ID tokens (a Pub/Sub push's Authorization header) against a JWKS stand-in on
// 127.0.0.1 serving keys made at test time: claims, algorithm, signature, key rotation and the
// key cache, and Google's certificate endpoint being down.
// The header under test comes first: it must be self-contained.
#include "core/outbound/google_id_token.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <atomic>
#include <mutex>
#include <thread>

#include "core/clock.hpp"
#include "core/crypto/jws.hpp"
#include "core/dependency_error.hpp"
#include "core/outbound/http_client.hpp"
#include "support/test_pki.hpp"

namespace ugoki::outbound::google {
namespace {

namespace asio = boost::asio;
namespace pki = ugoki::test_pki;
using namespace std::chrono_literals;

constexpr const char* oidc_audience = "https://api.ugoki.test/webhooks/google";
constexpr const char* oidc_account = "pubsub-push@ugoki-test.iam.gserviceaccount.com";

class oidc_test_clock final : public ugoki::clock {
 public:
  std::chrono::system_clock::time_point now() const override { return t_.load(); }
  void advance(std::chrono::seconds d) { t_.store(t_.load() + d); }

 private:
  std::atomic<std::chrono::system_clock::time_point> t_{std::chrono::system_clock::now()};
};

// Google's certificate endpoint on its own thread: answers the JWKS it holds (or a status).
class jwks_stand_in {
 public:
  jwks_stand_in()
      : acceptor_(ioc_, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    asio::co_spawn(
        ioc_, [this] { return accept_loop(); }, asio::detached);
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~jwks_stand_in() {
    ioc_.stop();
    thread_.join();
  }
  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) +
           "/oauth2/v3/certs";
  }
  void serve_keys(std::string jwks, int status = 200) {
    std::lock_guard lock(mutex_);
    jwks_ = std::move(jwks);
    status_ = status;
  }
  int fetches() const { return fetches_.load(); }

 private:
  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto socket = co_await acceptor_.async_accept(asio::use_awaitable);
      try {
        std::string data;
        co_await asio::async_read_until(socket, asio::dynamic_buffer(data), "\r\n\r\n",
                                        asio::use_awaitable);
        ++fetches_;
        std::string body;
        int status = 0;
        {
          std::lock_guard lock(mutex_);
          body = jwks_;
          status = status_;
        }
        std::string text = "HTTP/1.1 " + std::to_string(status) +
                           " X\r\nCache-Control: public, max-age=600, must-revalidate\r\n"
                           "Content-Length: " +
                           std::to_string(body.size()) + "\r\n\r\n" + body;
        co_await asio::async_write(socket, asio::buffer(text), asio::use_awaitable);
      } catch (const std::exception&) {
      }
    }
  }

  asio::io_context ioc_;
  asio::ip::tcp::acceptor acceptor_;
  std::thread thread_;
  std::mutex mutex_;
  std::string jwks_ = R"({"keys":[]})";
  int status_ = 200;
  std::atomic<int> fetches_{0};
};

using id_result = boost::system::result<id_token_claims, id_token_refusal>;

struct oidc_fixture : ::testing::Test {
  oidc_fixture() {
    google.serve_keys(R"({"keys":[)" + pki::rsa_jwk(key1.get(), "k1") + "," +
                      pki::rsa_jwk(pki::rsa_key().get(), "k0") + "]}");
  }
  std::int64_t now_s() const {
    return std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
  }
  // A token as Pub/Sub makes it, with `change` applied to the claims' JSON text.
  std::string token(EVP_PKEY* key, const std::string& kid, std::string claims = {},
                    const std::string& alg = "RS256") {
    if (claims.empty()) {
      claims = std::string(R"({"aud":")") + oidc_audience + R"(","azp":"1234","email":")" +
               oidc_account + R"(","email_verified":true,"exp":)" + std::to_string(now_s() + 3600) +
               R"(,"iat":)" + std::to_string(now_s()) +
               R"(,"iss":"https://accounts.google.com","sub":"1234"})";
    }
    return crypto::jws::sign_rs256(
        *key, R"({"alg":")" + alg + R"(","kid":")" + kid + R"(","typ":"JWT"})", claims);
  }
  id_result check(const std::string& t) {
    std::optional<id_result> out;
    asio::co_spawn(
        ioc,
        [this, &out, t]() -> asio::awaitable<void> { out.emplace(co_await verifier.verify(t)); },
        asio::detached);
    ioc.restart();
    ioc.run();
    return std::move(*out);
  }

  pki::key_ptr key1 = pki::rsa_key();
  jwks_stand_in google;
  oidc_test_clock clock;
  http_client http{{.total_timeout = 1500ms}};
  id_token_verifier verifier{
      {.audience = oidc_audience, .service_account_email = oidc_account, .certs_url = google.url()},
      http,
      clock};
  asio::io_context ioc;
};

TEST_F(oidc_fixture, accepts_a_push_token_and_fetches_the_keys_once_while_they_are_fresh) {
  auto got = check(token(key1.get(), "k1"));
  ASSERT_TRUE(got.has_value()) << to_string(got.error());
  EXPECT_EQ(got->email, oidc_account);
  EXPECT_EQ(got->subject, "1234");
  EXPECT_TRUE(check(token(key1.get(), "k1")).has_value());
  EXPECT_EQ(google.fetches(), 1);
  clock.advance(601s);  // past the answer's max-age
  EXPECT_TRUE(check(token(key1.get(), "k1")).has_value());
  EXPECT_EQ(google.fetches(), 2);
}

TEST_F(oidc_fixture, refuses_wrong_claims) {
  auto claims = [&](const std::string& iss, const std::string& aud, const std::string& email,
                    const char* verified, std::int64_t iat, std::int64_t exp) {
    return token(key1.get(), "k1",
                 R"({"aud":")" + aud + R"(","email":")" + email + R"(","email_verified":)" +
                     verified + R"(,"exp":)" + std::to_string(exp) + R"(,"iat":)" +
                     std::to_string(iat) + R"(,"iss":")" + iss + R"(","sub":"1"})");
  };
  auto t = now_s();
  const std::string g = "https://accounts.google.com";
  EXPECT_TRUE(check(claims("accounts.google.com", oidc_audience, oidc_account, "true", t, t + 60))
                  .has_value());
  EXPECT_EQ(
      check(claims("https://evil.example", oidc_audience, oidc_account, "true", t, t + 60)).error(),
      id_token_refusal::wrong_issuer);
  EXPECT_EQ(check(claims(g, "https://other.test/hook", oidc_account, "true", t, t + 60)).error(),
            id_token_refusal::wrong_audience);
  EXPECT_EQ(
      check(claims(g, oidc_audience, "other@x.iam.gserviceaccount.com", "true", t, t + 60)).error(),
      id_token_refusal::wrong_account);
  EXPECT_EQ(check(claims(g, oidc_audience, oidc_account, "false", t, t + 60)).error(),
            id_token_refusal::wrong_account);
  EXPECT_EQ(check(claims(g, oidc_audience, oidc_account, "true", t - 7200, t - 3600)).error(),
            id_token_refusal::expired);
  EXPECT_EQ(check(claims(g, oidc_audience, oidc_account, "true", t + 600, t + 3600)).error(),
            id_token_refusal::not_yet_valid);
}

TEST_F(oidc_fixture, refuses_other_algorithms_other_keys_and_tampering) {
  EXPECT_EQ(check(token(key1.get(), "k1", {}, "none")).error(), id_token_refusal::bad_header);
  EXPECT_EQ(check(token(key1.get(), "k1", {}, "HS256")).error(), id_token_refusal::bad_header);
  auto other = pki::rsa_key();
  EXPECT_EQ(check(token(other.get(), "k1")).error(), id_token_refusal::bad_signature);
  std::string t = token(key1.get(), "k1");
  t[t.size() - 5] = t[t.size() - 5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(check(t).error(), id_token_refusal::bad_signature);
  EXPECT_EQ(check("a.b").error(), id_token_refusal::malformed);
  EXPECT_EQ(check("").error(), id_token_refusal::malformed);
}

TEST_F(oidc_fixture, a_new_kid_fetches_the_keys_again_but_not_more_than_every_30_s) {
  ASSERT_TRUE(check(token(key1.get(), "k1")).has_value());
  auto rotated = pki::rsa_key();
  clock.advance(31s);
  EXPECT_EQ(check(token(rotated.get(), "k2")).error(), id_token_refusal::unknown_kid);
  EXPECT_EQ(google.fetches(), 2);
  google.serve_keys(R"({"keys":[)" + pki::rsa_jwk(rotated.get(), "k2") + "]}");
  EXPECT_EQ(check(token(rotated.get(), "k2")).error(), id_token_refusal::unknown_kid)
      << "within 30 s of the last fetch: no new fetch";
  EXPECT_EQ(google.fetches(), 2);
  clock.advance(31s);
  EXPECT_TRUE(check(token(rotated.get(), "k2")).has_value());
  EXPECT_EQ(google.fetches(), 3);
}

TEST_F(oidc_fixture, google_down_is_keys_unavailable_a_503_but_cached_keys_still_serve) {
  google.serve_keys("{}", 503);
  auto down = check(token(key1.get(), "k1"));
  ASSERT_FALSE(down.has_value());
  EXPECT_EQ(down.error(), id_token_refusal::keys_unavailable);
  EXPECT_THROW(down.value(), dependency_unavailable);

  google.serve_keys(R"({"keys":[)" + pki::rsa_jwk(key1.get(), "k1") + "]}");
  clock.advance(31s);
  ASSERT_TRUE(check(token(key1.get(), "k1")).has_value());
  google.serve_keys("{}", 503);
  clock.advance(700s);  // the keys are stale and Google is down: the stale key still verifies
  EXPECT_TRUE(check(token(key1.get(), "k1")).has_value());
}

TEST(google_oidc, refuses_unusable_settings) {
  oidc_test_clock clock;
  http_client http;
  EXPECT_THROW(
      id_token_verifier({.audience = "", .service_account_email = oidc_account}, http, clock),
      std::invalid_argument);
  EXPECT_THROW(
      id_token_verifier(
          {.audience = oidc_audience, .service_account_email = oidc_account, .certs_url = "certs"},
          http, clock),
      std::invalid_argument);
}

}  // namespace
}  // namespace ugoki::outbound::google
