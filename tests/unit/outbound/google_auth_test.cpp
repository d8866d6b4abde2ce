// Google service-account OAuth against a token endpoint stand-in on 127.0.0.1 that verifies each
// assertion's RS256 signature with the account's public key and checks its claims, as Google
// does: the cache, the single flight across threads, and the mapping of each failure.
// The header under test comes first: it must be self-contained.
#include "core/outbound/google_auth.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <atomic>
#include <mutex>
#include <thread>

#include "core/base64.hpp"
#include "core/clock.hpp"
#include "core/dependency_error.hpp"
#include "core/outbound/http_client.hpp"
#include "support/test_pki.hpp"

namespace ugoki::outbound::google {
namespace {

namespace asio = boost::asio;
namespace pki = ugoki::test_pki;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

constexpr const char* oauth_scope = "https://www.googleapis.com/auth/firebase.messaging";
constexpr const char* oauth_email = "push@ugoki-test.iam.gserviceaccount.com";

class oauth_test_clock final : public ugoki::clock {
 public:
  std::chrono::system_clock::time_point now() const override { return t_.load(); }
  void advance(std::chrono::seconds d) { t_.store(t_.load() + d); }

 private:
  std::atomic<std::chrono::system_clock::time_point> t_{std::chrono::system_clock::now()};
};

// What the stand-in answers next: a status and body, after a delay; `hang` never answers.
struct oauth_answer {
  int status = 200;
  std::string body;
  std::string extra_headers;
  std::chrono::milliseconds delay{0};
  bool hang = false;
};

// Google's token endpoint on its own thread: checks the grant type, the assertion's signature
// with `public_key` and its claims (iss, scope, aud = its own URL, iat near now, exp - iat <=
// 3600), then answers the scripted answer; a bad assertion gets Google's 400 invalid_grant.
class oauth_stand_in {
 public:
  // `clock` is the time the stand-in checks iat against (the test's own, like the client's).
  oauth_stand_in(EVP_PKEY* public_key, const ugoki::clock& clock)
      : key_(public_key),
        clock_(clock),
        acceptor_(ioc_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    asio::co_spawn(
        ioc_, [this] { return accept_loop(); }, asio::detached);
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~oauth_stand_in() {
    ioc_.stop();
    thread_.join();
  }
  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + "/token";
  }
  void answer_with(oauth_answer a) {
    std::lock_guard lock(mutex_);
    next_ = std::move(a);
  }
  int exchanges() const { return exchanges_.load(); }
  std::string last_refusal() const {
    std::lock_guard lock(mutex_);
    return refusal_;
  }

  static std::string token_body(const std::string& token, int expires_in = 3599) {
    return R"({"access_token":")" + token + R"(","expires_in":)" + std::to_string(expires_in) +
           R"(,"token_type":"Bearer"})";
  }

 private:
  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto socket = co_await acceptor_.async_accept(asio::use_awaitable);
      asio::co_spawn(
          ioc_, [this, s = std::move(socket)]() mutable { return serve(std::move(s)); },
          asio::detached);
    }
  }

  // Why the assertion would not get a token; empty when Google would accept it.
  std::string check_assertion(const std::string& form) const {
    const std::string grant = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer";
    auto amp = form.find('&');
    if (form.substr(0, amp) != grant || amp == std::string::npos ||
        form.compare(amp + 1, 10, "assertion=") != 0) {
      return "unsupported_grant_type";
    }
    std::string jwt = form.substr(amp + 11);
    auto dot1 = jwt.find('.');
    auto dot2 = jwt.rfind('.');
    auto sig = base64::decode_url(jwt.substr(dot2 + 1));
    auto header = base64::decode_url(jwt.substr(0, dot1));
    auto claims = base64::decode_url(jwt.substr(dot1 + 1, dot2 - dot1 - 1));
    if (dot1 == dot2 || !sig || !header || !claims) {
      return "malformed";
    }
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    bool valid =
        EVP_DigestVerifyInit(md, nullptr, EVP_sha256(), nullptr, key_) == 1 &&
        EVP_DigestVerify(md, reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                         reinterpret_cast<const unsigned char*>(jwt.data()), dot2) == 1;
    EVP_MD_CTX_free(md);
    if (!valid) {
      return "Invalid JWT Signature.";
    }
    auto h = boost::json::parse(*header).as_object();
    auto c = boost::json::parse(*claims).as_object();
    std::int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
    std::int64_t iat = c["iat"].as_int64();
    std::int64_t exp = c["exp"].as_int64();
    auto text = [](const boost::json::object& o, const char* name) {
      const boost::json::value* v = o.if_contains(name);
      return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
    };
    if (text(h, "alg") != "RS256" || text(c, "iss") != oauth_email ||
        text(c, "scope") != oauth_scope || text(c, "aud") != url() || std::abs(iat - now) > 300 ||
        exp <= iat || exp - iat > 3600) {
      return "Invalid JWT claims.";
    }
    return {};
  }

  asio::awaitable<void> serve(tcp::socket socket) {
    try {
      std::string data;
      std::size_t end = co_await asio::async_read_until(socket, asio::dynamic_buffer(data),
                                                        "\r\n\r\n", asio::use_awaitable);
      std::size_t length = std::stoul(data.substr(data.find("Content-Length: ") + 16));
      while (data.size() < end + length) {
        char chunk[4096];
        std::size_t n = co_await socket.async_read_some(asio::buffer(chunk), asio::use_awaitable);
        data.append(chunk, n);
      }
      ++exchanges_;
      oauth_answer a;
      {
        std::lock_guard lock(mutex_);
        a = next_;
      }
      if (a.hang) {
        asio::steady_timer forever(ioc_, std::chrono::hours(1));
        co_await forever.async_wait(asio::use_awaitable);
      }
      if (auto why = check_assertion(data.substr(end)); !why.empty()) {
        std::lock_guard lock(mutex_);
        refusal_ = why;
        a.status = 400;
        a.body = R"({"error":"invalid_grant","error_description":")" + why + "\"}";
      }
      asio::steady_timer wait(ioc_, a.delay);
      co_await wait.async_wait(asio::use_awaitable);
      std::string text = "HTTP/1.1 " + std::to_string(a.status) +
                         " X\r\nContent-Type: application/json\r\nContent-Length: " +
                         std::to_string(a.body.size()) + "\r\n" + a.extra_headers + "\r\n" + a.body;
      co_await asio::async_write(socket, asio::buffer(text), asio::use_awaitable);
    } catch (const std::exception&) {
      // The client gave up (its timeout): nothing to answer.
    }
  }

  EVP_PKEY* key_;
  const ugoki::clock& clock_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  mutable std::mutex mutex_;
  oauth_answer next_{.body = token_body("tok-1")};
  std::string refusal_;
  std::atomic<int> exchanges_{0};
};

service_account oauth_account(EVP_PKEY* key) {
  return {.client_email = oauth_email,
          .private_key_pem = pki::private_key_pem(key),
          .private_key_id = "kid-1"};
}

using token_result = boost::system::result<std::string, token_error>;

// Runs `n` access_token() calls at once on `ioc` and answers their outcomes.
std::vector<token_result> oauth_calls(asio::io_context& ioc, token_source& source, int n = 1) {
  std::vector<std::optional<token_result>> got(n);
  for (int i = 0; i < n; ++i) {
    asio::co_spawn(
        ioc,
        [&source, &got, i]() -> asio::awaitable<void> {
          got[i].emplace(co_await source.access_token());
        },
        asio::detached);
  }
  ioc.restart();
  ioc.run();
  std::vector<token_result> out;
  for (auto& g : got) {
    out.push_back(std::move(*g));
  }
  return out;
}

// The token, or why there is none (so a failure prints the reason instead of aborting).
std::string oauth_token(const token_result& r) {
  return r.has_value() ? *r : "refused: " + r.error().detail;
}

struct oauth_fixture : ::testing::Test {
  pki::key_ptr key = pki::rsa_key();
  oauth_test_clock clock;
  oauth_stand_in google{key.get(), clock};
  http_client http{{.total_timeout = 1500ms}};
  token_source source{
      oauth_account(key.get()), {.scope = oauth_scope, .token_uri = google.url()}, http, clock};
  asio::io_context ioc;
};

TEST(google_oauth, the_assertion_is_rs256_with_the_grant_claims) {
  auto key = pki::rsa_key();
  auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
  std::string jwt = make_assertion(oauth_account(key.get()), oauth_scope,
                                   "https://oauth2.googleapis.com/token", now, 3600s);
  auto dot1 = jwt.find('.');
  auto dot2 = jwt.rfind('.');
  EXPECT_EQ(*base64::decode_url(jwt.substr(0, dot1)),
            R"({"alg":"RS256","typ":"JWT","kid":"kid-1"})");
  EXPECT_EQ(*base64::decode_url(jwt.substr(dot1 + 1, dot2 - dot1 - 1)),
            std::string(R"({"iss":")") + oauth_email + R"(","scope":")" + oauth_scope +
                R"(","aud":"https://oauth2.googleapis.com/token","iat":1800000000,)"
                R"("exp":1800003600})");
}

TEST(google_oauth, reads_a_service_account_key_and_names_what_is_wrong) {
  auto key = pki::rsa_key();
  std::string pem = pki::private_key_pem(key.get());
  boost::json::object o{{"type", "service_account"},
                        {"client_email", oauth_email},
                        {"private_key", pem},
                        {"private_key_id", "abc"},
                        {"token_uri", "https://oauth2.googleapis.com/token"}};
  auto a = parse_service_account(boost::json::serialize(o));
  EXPECT_EQ(a.client_email, oauth_email);
  EXPECT_EQ(a.private_key_id, "abc");
  EXPECT_EQ(a.token_uri, "https://oauth2.googleapis.com/token");

  auto refused_for = [&](boost::json::object bad) {
    try {
      parse_service_account(boost::json::serialize(bad));
    } catch (const std::invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()).find("PRIVATE KEY"), std::string::npos) << "no key quoted";
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  auto no_email = o;
  no_email.erase("client_email");
  EXPECT_NE(refused_for(no_email).find("client_email"), std::string::npos);
  auto not_a_key = o;
  not_a_key["private_key"] = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
  EXPECT_NE(refused_for(not_a_key).find("private key"), std::string::npos);
  auto ec = o;
  ec["private_key"] = pki::private_key_pem(pki::ec_key().get());
  EXPECT_NE(refused_for(ec).find("RSA"), std::string::npos);
  auto user = o;
  user["type"] = "authorized_user";
  EXPECT_NE(refused_for(user).find("type"), std::string::npos);
  EXPECT_THROW(parse_service_account("[]"), std::invalid_argument);
}

TEST_F(oauth_fixture, exchanges_once_and_caches_until_shortly_before_expiry) {
  auto first = oauth_calls(ioc, source);
  ASSERT_TRUE(first[0].has_value()) << first[0].error().detail << google.last_refusal();
  EXPECT_EQ(*first[0], "tok-1");
  EXPECT_EQ(google.exchanges(), 1);

  google.answer_with({.body = oauth_stand_in::token_body("tok-2")});
  clock.advance(3599s - 300s - 1s);  // still more than refresh_before (300 s) left
  EXPECT_EQ(oauth_token(oauth_calls(ioc, source)[0]), "tok-1");
  EXPECT_EQ(google.exchanges(), 1);

  clock.advance(2s);
  EXPECT_EQ(oauth_token(oauth_calls(ioc, source)[0]), "tok-2");
  EXPECT_EQ(google.exchanges(), 2);

  source.invalidate();
  google.answer_with({.body = oauth_stand_in::token_body("tok-3")});
  EXPECT_EQ(oauth_token(oauth_calls(ioc, source)[0]), "tok-3");
  EXPECT_EQ(google.exchanges(), 3);
}

TEST_F(oauth_fixture, concurrent_callers_on_several_threads_share_one_exchange) {
  google.answer_with({.body = oauth_stand_in::token_body("tok-1"), .delay = 200ms});
  asio::io_context other;
  std::vector<token_result> there;
  std::thread t([&] { there = oauth_calls(other, source, 5); });
  auto here = oauth_calls(ioc, source, 5);
  t.join();
  EXPECT_EQ(google.exchanges(), 1);
  for (const auto& r : here) {
    EXPECT_EQ(r.value(), "tok-1");
  }
  for (const auto& r : there) {
    EXPECT_EQ(r.value(), "tok-1");
  }
}

TEST_F(oauth_fixture, a_refused_grant_is_a_configuration_error_shared_by_the_waiters) {
  google.answer_with({.status = 401,
                      .body = R"({"error":"invalid_client","error_description":"x@y disabled"})",
                      .delay = 100ms});
  auto got = oauth_calls(ioc, source, 3);
  EXPECT_EQ(google.exchanges(), 1);
  for (const auto& r : got) {
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().what, token_error::kind::configuration);
    EXPECT_EQ(r.error().detail, "HTTP 401 invalid_client") << "the code, not the description";
  }
  EXPECT_THROW(got[0].value(), std::runtime_error);
  try {
    got[0].value();
  } catch (const dependency_unavailable&) {
    ADD_FAILURE() << "a refused grant is no 503: retrying will not fix it";
  } catch (const std::runtime_error&) {
  }
}

TEST_F(oauth_fixture, an_assertion_signed_with_another_key_is_refused_by_the_stand_in) {
  auto other_key = pki::rsa_key();
  token_source wrong{oauth_account(other_key.get()),
                     {.scope = oauth_scope, .token_uri = google.url()},
                     http,
                     clock};
  auto got = oauth_calls(ioc, wrong);
  ASSERT_FALSE(got[0].has_value());
  EXPECT_EQ(got[0].error().what, token_error::kind::configuration);
  EXPECT_EQ(got[0].error().detail, "HTTP 400 invalid_grant");
  EXPECT_EQ(google.last_refusal(), "Invalid JWT Signature.");
}

TEST_F(oauth_fixture, a_5xx_is_retryable_with_its_retry_after_and_is_not_cached) {
  google.answer_with(
      {.status = 503, .body = R"({"error":"backend"})", .extra_headers = "Retry-After: 7\r\n"});
  auto got = oauth_calls(ioc, source);
  ASSERT_FALSE(got[0].has_value());
  EXPECT_EQ(got[0].error().what, token_error::kind::unavailable);
  EXPECT_EQ(got[0].error().retry_after, 7s);
  EXPECT_THROW(got[0].value(), dependency_unavailable);

  google.answer_with({.body = oauth_stand_in::token_body("tok-after")});
  EXPECT_EQ(oauth_token(oauth_calls(ioc, source)[0]), "tok-after");
  EXPECT_EQ(google.exchanges(), 2);
}

TEST_F(oauth_fixture, a_silent_endpoint_or_an_answer_without_a_token_is_retryable) {
  google.answer_with({.hang = true});
  auto t0 = std::chrono::steady_clock::now();
  auto silent = oauth_calls(ioc, source);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 3s);
  ASSERT_FALSE(silent[0].has_value());
  EXPECT_EQ(silent[0].error().what, token_error::kind::unavailable);
  EXPECT_EQ(silent[0].error().detail.substr(0, 7), "timeout");

  google.answer_with({.body = R"({"token_type":"Bearer","expires_in":3599})"});
  auto tokenless = oauth_calls(ioc, source);
  ASSERT_FALSE(tokenless[0].has_value());
  EXPECT_EQ(tokenless[0].error().what, token_error::kind::unavailable);
}

TEST(google_oauth, refuses_unusable_settings_at_construction) {
  auto key = pki::rsa_key();
  oauth_test_clock clock;
  http_client http;
  auto account = oauth_account(key.get());
  EXPECT_THROW(token_source(account, {.scope = ""}, http, clock), std::invalid_argument);
  EXPECT_THROW(
      token_source(account, {.scope = oauth_scope, .token_uri = "oauth2/token"}, http, clock),
      std::invalid_argument);
  EXPECT_THROW(
      token_source(account, {.scope = oauth_scope, .assertion_lifetime = 7200s}, http, clock),
      std::invalid_argument);
}

}  // namespace
}  // namespace ugoki::outbound::google
