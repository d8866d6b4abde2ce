// Idempotency-Key: key validation, the request fingerprint, the IDEMP_* errors, and the
// dispatcher's step that claims a key, runs the handler once and replays its response.
#include "core/http/idempotency.hpp"

#include <openssl/evp.h>

#include <boost/beast/http/field.hpp>

#include <cstdint>
#include <exception>
#include <stdexcept>

#include "core/http/detail/dispatcher.hpp"
#include "core/log.hpp"

namespace ugoki::http {

namespace {

constexpr std::size_t max_key_length = 255;

// Length-prefixed, so ("a", "bc") and ("ab", "c") cannot hash alike.
void frame(EVP_MD_CTX* md, std::string_view part) {
  std::uint64_t n = part.size();
  unsigned char len[8];
  for (int i = 7; i >= 0; --i) {
    len[i] = static_cast<unsigned char>(n & 0xFF);
    n >>= 8;
  }
  if (EVP_DigestUpdate(md, len, sizeof len) != 1 ||
      EVP_DigestUpdate(md, part.data(), part.size()) != 1) {
    throw std::runtime_error("openssl: SHA-256 update failed");
  }
}

}  // namespace

std::optional<api_error> check_idempotency_key(std::string_view key) {
  std::string problem;
  if (key.empty()) {
    problem = "must not be empty";
  } else if (key.size() > max_key_length) {
    problem = "must be at most 255 characters";
  } else {
    for (char c : key) {
      // Visible ASCII only: no spaces, controls or non-ASCII bytes, which would read differently
      // through proxies and logs and make two "equal" keys differ.
      if (c < '!' || c > '~') {
        problem = "must be visible ASCII characters (! to ~)";
        break;
      }
    }
  }
  if (problem.empty()) {
    return std::nullopt;
  }
  return validation({{std::string(idempotency_key_header), problem}});
}

std::string idempotency_fingerprint(std::string_view method, std::string_view path,
                                    std::string_view query, std::string_view body) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!md || EVP_DigestInit_ex(md.get(), EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("openssl: SHA-256 init failed");
  }
  frame(md.get(), method);
  frame(md.get(), path);
  frame(md.get(), query);
  frame(md.get(), body);
  std::string out(32, '\0');
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(md.get(), reinterpret_cast<unsigned char*>(out.data()), &size) != 1 ||
      size != out.size()) {
    throw std::runtime_error("openssl: SHA-256 final failed");
  }
  return out;
}

api_error idempotency_mismatch() {
  return unprocessable(
      "IDEMP_001", "Idempotency-Key was already used with a different request",
      {{std::string(idempotency_key_header), "reused with a different method, path or body"}});
}

api_error idempotency_in_flight() {
  api_error e =
      conflict("IDEMP_002", "A request with this Idempotency-Key is still being processed");
  e.details.push_back(
      {std::string(idempotency_key_header), "in progress; retry after Retry-After seconds"});
  e.headers.emplace_back("Retry-After", "1");
  return e;
}

namespace detail {

namespace bhttp = boost::beast::http;

boost::asio::awaitable<void> dispatcher::forget_claim(const idempotent_request& req,
                                                      const std::string& token) {
  try {
    co_await idempotency_->abandon(req, token);
  } catch (const std::exception& e) {
    // The row stays in flight: retries get 409 until the store lets the claim be taken over.
    log::warn("idempotency key not released",
              log::fields().add("user_id", req.user_id).add("detail", e.what()));
  }
}

boost::asio::awaitable<result<beast_response>> dispatcher::idempotent_call(exchange& x) {
  request_context& ctx = x.ctx;
  if (ctx.header_count(idempotency_key_header) > 1) {
    co_return validation({{std::string(idempotency_key_header), "must be sent once"}});
  }
  std::string_view key = ctx.header(idempotency_key_header);
  if (auto bad = check_idempotency_key(key)) {
    co_return std::move(*bad);
  }
  idempotent_request req;
  req.user_id = ctx.user()->user_id;
  req.key = std::string(key);
  req.method = std::string(to_string(ctx.method()));
  req.path = std::string(ctx.path());
  req.hash = idempotency_fingerprint(req.method, ctx.path(), ctx.query_string(), ctx.body());

  // A dependency failure here propagates: 503, and the handler never ran.
  auto begun = idempotency_->begin(req);
  claim c = co_await std::move(begun);
  if (c.status == claim_status::mismatch) {
    co_return idempotency_mismatch();
  }
  if (c.status == claim_status::in_flight) {
    co_return idempotency_in_flight();
  }
  if (c.status == claim_status::unknown_caller) {
    co_return unauthorized("AUTH_002", "Authentication required");
  }
  if (c.status == claim_status::replay) {
    beast_response res{static_cast<bhttp::status>(c.response.status), x.version};
    if (!c.response.content_type.empty()) {
      res.set(bhttp::field::content_type, c.response.content_type);
    }
    res.body() = std::move(c.response.body);
    res.set(idempotent_replayed_header, "true");
    envelope_.add_common_headers(res, x.request_id, x.origin);
    res.prepare_payload();
    co_return res;
  }

  std::optional<beast_response> out;
  std::exception_ptr thrown;
  try {
    auto handling = x.target->fn(ctx);
    response handled = co_await std::move(handling);
    out = render_handled(x, std::move(handled));
  } catch (...) {
    thrown = std::current_exception();
  }
  // Stripe's rule: a result is kept once the route started executing. A 400 is a request
  // refused as invalid before anything happened: keeping it would answer the client's corrected
  // retry (same key, new body) with IDEMP_001. A crash, a dependency outage or a 5xx says
  // nothing about the request itself: a retry must run for real.
  const unsigned status = out ? out->result_int() : 500;
  if (thrown || status == 400 || status >= 500) {
    co_await forget_claim(req, c.token);
    if (thrown) {
      std::rethrow_exception(thrown);
    }
    co_return std::move(*out);
  }
  stored_response kept;
  kept.status = static_cast<int>(status);
  kept.content_type = std::string(out->base()[bhttp::field::content_type]);
  kept.body = out->body();
  try {
    co_await idempotency_->complete(req, c.token, kept);
  } catch (const std::exception& e) {
    // The work is done and its answer is right: send it. Retries with this key get 409 until
    // the claim may be taken over (see the store for what that risks).
    log::warn("idempotent response not stored", log::fields()
                                                    .add("request_id", x.request_id)
                                                    .add("user_id", req.user_id)
                                                    .add("detail", e.what()));
  }
  co_return std::move(*out);
}

}  // namespace detail

}  // namespace ugoki::http
