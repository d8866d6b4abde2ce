// The request pipeline: everything between "a request was parsed" and "a response is ready".
#include "core/http/detail/dispatcher.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/field.hpp>

#include <chrono>
#include <random>

#include "core/dependency_error.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "core/time.hpp"

namespace ugoki::http::detail {

namespace bhttp = boost::beast::http;

namespace {

bool sane_request_id(std::string_view v) {
  if (v.empty() || v.size() > 128) {
    return false;
  }
  for (char c : v) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == ':';
    if (!ok) {
      return false;
    }
  }
  return true;
}

bool iequals_prefix(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) {
    return false;
  }
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) {
      return false;
    }
  }
  return true;
}

// `type` (lowercase, e.g. "application/json"), optionally with parameters ("; charset=utf-8").
bool is_content_type(std::string_view v, std::string_view type) {
  if (!iequals_prefix(v, type)) {
    return false;
  }
  v.remove_prefix(type.size());
  return v.empty() || v.front() == ';' || v.front() == ' ';
}

bool role_allows(access level, std::string_view role) {
  switch (level) {
    case access::anyone:
    case access::user:
      return true;
    case access::premium:
      return role == "premium" || role == "admin";
    case access::admin:
      return role == "admin";
  }
  return false;
}

std::string envelope_meta(const std::string& request_id) {
  std::string meta = "\"meta\":{\"timestamp\":\"";
  meta += time::format_rfc3339(std::chrono::system_clock::now(), true);
  meta += "\",\"request_id\":\"";
  meta += request_id;  // sane by construction: no escaping needed
  meta += "\"}";
  return meta;
}

std::string error_body(const api_error& e, const std::string& request_id) {
  std::string body = "{\"success\":false,\"error\":{\"code\":\"";
  log::append_json_escaped(body, e.code);
  body += "\",\"message\":\"";
  log::append_json_escaped(body, e.message);
  body += "\",\"details\":[";
  for (std::size_t i = 0; i < e.details.size(); ++i) {
    body += i ? ",{\"field\":\"" : "{\"field\":\"";
    log::append_json_escaped(body, e.details[i].field);
    body += "\",\"message\":\"";
    log::append_json_escaped(body, e.details[i].message);
    body += "\"}";
  }
  body += "]},";
  body += envelope_meta(request_id);
  body += "}";
  return body;
}

}  // namespace

std::string make_request_id(std::string_view client_value) {
  if (sane_request_id(client_value)) {
    return std::string(client_value);
  }
  // Request ids need uniqueness, not unpredictability: a per-thread PRNG is enough.
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uint64_t hi = rng(), lo = rng();
  hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
  return buf;
}

bool dispatcher::origin_allowed(std::string_view origin) const {
  if (origin.empty()) {
    return false;
  }
  for (const auto& o : settings_.cors_origins) {
    if (o == origin) {
      return true;
    }
  }
  return false;
}

void dispatcher::add_common_headers(beast_response& res, const std::string& request_id,
                                    std::string_view origin) const {
  res.set("X-Request-Id", request_id);
  res.set("X-Content-Type-Options", "nosniff");
  res.set(bhttp::field::x_frame_options, "DENY");
  res.set("Referrer-Policy", "no-referrer");
  if (res.find("Content-Security-Policy") == res.end()) {
    res.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  }
  if (res.find(bhttp::field::cache_control) == res.end()) {
    res.set(bhttp::field::cache_control, "no-store");
  }
  if (settings_.hsts) {
    res.set(bhttp::field::strict_transport_security, "max-age=63072000; includeSubDomains");
  }
  if (origin_allowed(origin)) {
    res.set(bhttp::field::access_control_allow_origin, origin);
    res.set(bhttp::field::access_control_allow_credentials, "true");
    res.set(bhttp::field::access_control_expose_headers,
            "X-Request-Id, ETag, Retry-After, RateLimit-Limit, RateLimit-Remaining, "
            "RateLimit-Reset, Idempotent-Replayed");
    res.set(bhttp::field::vary, "Origin");
  }
}

beast_response dispatcher::render(response r, const std::string& request_id, unsigned version,
                                  bool head, std::string_view origin) const {
  beast_response res{static_cast<bhttp::status>(r.status), version};
  for (auto& [name, value] : r.headers) {
    res.set(name, value);
  }
  if (r.status == 304 || r.body_kind == response::kind::empty) {
    // No body for 204/304; keep the handler's ETag/Cache-Control headers.
  } else if (r.body_kind == response::kind::raw) {
    res.set(bhttp::field::content_type, r.content_type);
    res.body() = std::move(r.body);
  } else {
    std::string body;
    body.reserve(r.body.size() + r.pagination.size() + 128);
    body += "{\"success\":true,\"data\":";
    body += r.body;
    if (!r.pagination.empty()) {
      body += ",\"pagination\":";
      body += r.pagination;
    }
    body += ",";
    body += envelope_meta(request_id);
    body += "}";
    res.set(bhttp::field::content_type, "application/json");
    res.body() = std::move(body);
  }
  add_common_headers(res, request_id, origin);
  res.prepare_payload();
  if (head) {
    // HEAD keeps the GET's Content-Length but sends no body.
    auto length = res.body().size();
    res.body().clear();
    res.content_length(length);
  }
  return res;
}

beast_response dispatcher::render_error(const api_error& e, const std::string& request_id,
                                        unsigned version, std::string_view origin) const {
  beast_response res{static_cast<bhttp::status>(e.status), version};
  for (const auto& [name, value] : e.headers) {
    res.set(name, value);
  }
  res.set(bhttp::field::content_type, "application/json");
  res.body() = error_body(e, request_id);
  add_common_headers(res, request_id, origin);
  res.prepare_payload();
  return res;
}

beast_response dispatcher::early_error(const api_error& error, std::string_view client_request_id,
                                       unsigned http_version, std::size_t thread) {
  std::string request_id = make_request_id(client_request_id);
  auto res = render_error(error, request_id, http_version, {});
  res.keep_alive(false);
  metrics_.observe(thread, metrics_.unmatched_route(), error.status, 0.0);
  if (settings_.access_log) {
    log::info("request", log::fields()
                             .add("request_id", request_id)
                             .add("route", "unmatched")
                             .add("status", error.status)
                             .add("error_code", error.code));
  }
  return res;
}

std::string dispatcher::client_address(const raw_request& raw, std::string peer) const {
  if (client_ips_.empty()) {
    return peer;
  }
  // A proxy may add its own X-Forwarded-For line instead of appending to the client's; joined
  // in order they read as one list, whose right end the trusted proxies wrote.
  std::string forwarded;
  auto [first, last] = raw.message.equal_range("X-Forwarded-For");
  for (auto it = first; it != last; ++it) {
    if (!forwarded.empty()) {
      forwarded += ',';
    }
    forwarded.append(it->value().data(), it->value().size());
  }
  return client_ips_.resolve(peer, forwarded);
}

boost::asio::awaitable<void> dispatcher::charge(rate_subject subject,
                                                std::optional<rate_decision>& decision,
                                                std::size_t thread) {
  auto take = limiter_->take(subject);
  decision = co_await std::move(take);
  if (decision && !decision->allowed) {
    remember_denial(subject, *decision, thread);
    raise(too_many_requests(*decision));
  }
}

// A charge in progress: the limiter's take() runs as its own coroutine and fills this in.
struct dispatcher::pending_charge {
  explicit pending_charge(const boost::asio::any_io_executor& ex)
      : done(ex, boost::asio::steady_timer::time_point::max()) {}
  boost::asio::steady_timer done;
  bool finished = false;
  rate_subject subject;
  std::optional<rate_decision> decision;
  std::exception_ptr error;
};

bool dispatcher::runs_ahead(const route& r, verb method, const rate_subject& subject,
                            std::size_t thread) const {
  if ((method != verb::get && method != verb::head) || r.method != verb::get ||
      thread >= denied_.size()) {
    return false;
  }
  const denial_memo& memo = denied_[thread];
  if (memo.empty()) {
    return true;
  }
  const auto now = std::chrono::steady_clock::now();
  for (const std::string* key : {&subject.id, &subject.client_ip}) {
    auto it = memo.find(*key);
    if (it != memo.end() && it->second > now) {
      return false;
    }
  }
  return true;
}

void dispatcher::remember_denial(const rate_subject& subject, const rate_decision& d,
                                 std::size_t thread) {
  if (thread >= denied_.size()) {
    return;
  }
  denial_memo& memo = denied_[thread];
  const auto now = std::chrono::steady_clock::now();
  if (memo.size() >= 10'000) {  // keep it small: drop the lapsed ones, all if none lapsed
    std::erase_if(memo, [now](const auto& entry) { return entry.second <= now; });
    if (memo.size() >= 10'000) {
      memo.clear();
    }
  }
  const auto until = now + std::chrono::seconds(std::max<std::int64_t>(1, d.retry_after));
  memo[subject.id] = until;
  if (subject.client_ip != subject.id) {
    // The per-IP ceiling may be what denied it; other identities from there wait too.
    memo[subject.client_ip] = until;
  }
}

std::shared_ptr<dispatcher::pending_charge> dispatcher::start_charge(
    const boost::asio::any_io_executor& ex, rate_subject subject) {
  auto pending = std::make_shared<pending_charge>(ex);
  pending->subject = subject;
  boost::asio::co_spawn(ex, limiter_->take(std::move(subject)),
                        [pending](std::exception_ptr e, std::optional<rate_decision> d) {
                          pending->error = std::move(e);
                          pending->decision = d;
                          pending->finished = true;
                          pending->done.cancel();
                        });
  return pending;
}

boost::asio::awaitable<void> dispatcher::settle(pending_charge& pending,
                                                std::optional<rate_decision>& decision,
                                                std::size_t thread) {
  if (!pending.finished) {
    co_await pending.done.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
  }
  if (pending.error) {
    std::rethrow_exception(pending.error);
  }
  decision = pending.decision;
  if (decision && !decision->allowed) {
    remember_denial(pending.subject, *decision, thread);
  }
}

boost::asio::awaitable<beast_response> dispatcher::handle(raw_request& raw, std::string client_ip,
                                                          std::size_t thread) {
  const auto started = std::chrono::steady_clock::now();
  const auto ex = co_await boost::asio::this_coro::executor;
  metrics_.add_in_flight(1);
  auto& msg = raw.message;
  std::string request_id =
      make_request_id(std::string_view(msg["X-Request-Id"].data(), msg["X-Request-Id"].size()));
  request_context ctx(raw, request_id, client_address(raw, std::move(client_ip)));
  std::string_view origin = ctx.header("Origin");
  const unsigned version = msg.version();
  std::size_t route_index = metrics_.unmatched_route();
  std::string route_label = "unmatched";

  std::optional<beast_response> out;
  std::optional<api_error> failure;
  // Set once a bucket was charged; its figures go on the response, success or error.
  std::optional<rate_decision> limit;
  // A charge started before the handler ran (runs_ahead); settled after it, whatever happened.
  std::shared_ptr<pending_charge> pending;
  try {
    if (ctx.method() == verb::options && !ctx.header("Access-Control-Request-Method").empty()) {
      // CORS preflight: allowed origins get the grant, others a bare 204 the browser rejects.
      response pre = no_content();
      if (origin_allowed(origin)) {
        pre.headers.emplace_back("Access-Control-Allow-Methods",
                                 "GET, HEAD, POST, PUT, PATCH, DELETE");
        pre.headers.emplace_back("Access-Control-Allow-Headers",
                                 "Authorization, Content-Type, Idempotency-Key, X-Request-Id, "
                                 "X-Client-Type, If-None-Match");
        pre.headers.emplace_back("Access-Control-Max-Age", "600");
      }
      out = render(std::move(pre), request_id, version, false, origin);
    } else {
      auto match = routes_.find(ctx.method(), ctx.path(), ctx);
      const route* target = match.result == router::outcome::found ? match.matched : nullptr;
      // Unknown paths are charged too (per IP), or scanning for routes would be free.
      const bool limited = limiter_ != nullptr && (target == nullptr || target->rate_limited);
      if (limited && (target == nullptr || target->level == access::anyone)) {
        rate_subject anonymous{rate_tier::anonymous, ctx.client_ip(), ctx.client_ip()};
        if (target != nullptr && runs_ahead(*target, ctx.method(), anonymous, thread)) {
          pending = start_charge(ex, std::move(anonymous));
        } else {
          auto step = charge(std::move(anonymous), limit, thread);
          co_await std::move(step);
        }
      }
      if (match.result == router::outcome::not_found) {
        raise(not_found("RES_001", "No such resource"));
      }
      if (match.result == router::outcome::method_not_allowed) {
        api_error e{405, "RES_002", "Method not allowed on this resource"};
        e.headers.emplace_back("Allow", match.allow);
        raise(std::move(e));
      }
      const route& r = *match.matched;
      route_index = match.index;
      route_label = std::string(to_string(r.method)) + " " + r.pattern;
      if (r.level != access::anyone) {
        std::optional<api_error> rejected;
        if (auth_ == nullptr) {
          rejected = unauthorized("AUTH_002", "Authentication required");
        } else {
          try {
            principal caller = co_await auth_->authenticate(ctx);
            ctx.set_user(std::move(caller));
          } catch (api_exception& e) {
            rejected = std::move(e.error);
          }
        }
        if (limited) {
          // Signed-in callers pay from their own bucket at their tier. A request whose token
          // was refused pays as anonymous from its IP, so spraying tokens is limited too.
          rate_subject subject =
              rejected ? rate_subject{rate_tier::anonymous, ctx.client_ip(), ctx.client_ip()}
                       : rate_subject{tier_for_role(ctx.user()->role), ctx.user()->user_id,
                                      ctx.client_ip()};
          if (!rejected && runs_ahead(r, ctx.method(), subject, thread)) {
            pending = start_charge(ex, std::move(subject));
          } else {
            auto step = charge(std::move(subject), limit, thread);
            co_await std::move(step);
          }
        }
        if (rejected) {
          raise(std::move(*rejected));
        }
        if (!role_allows(r.level, ctx.user()->role)) {
          raise(forbidden("AUTH_003", "Your plan does not include this feature"));
        }
      }
      // After authentication and the rate limit, so every protected-route answer is charged.
      if (!ctx.body().empty() && !is_content_type(ctx.header("Content-Type"), r.body_type)) {
        raise({415, "REQ_002", "Request bodies must be " + std::string(r.body_type)});
      }
      // Idempotency-Key is honoured for signed-in callers on routes that create data; other
      // methods never write, so a key on them is ignored.
      const bool keyed = r.idempotent && idempotency_ != nullptr && ctx.user() != nullptr &&
                         ctx.method() != verb::get && ctx.method() != verb::head &&
                         msg.find("Idempotency-Key") != msg.end();
      if (keyed) {
        auto step = idempotent_call(r, ctx, msg.count("Idempotency-Key"), request_id, version,
                                    origin, failure);
        out = co_await std::move(step);
      } else {
        response res = co_await r.fn(ctx);
        out = render(std::move(res), request_id, version, ctx.method() == verb::head, origin);
      }
    }
  } catch (api_exception& e) {
    failure = std::move(e.error);
  } catch (const dependency_unavailable& e) {
    log::warn("dependency unavailable", log::fields()
                                            .add("request_id", request_id)
                                            .add("dependency", e.dependency())
                                            .add("detail", e.what()));
    failure = unavailable("A service this request needs is temporarily unavailable");
  } catch (const std::exception& e) {
    log::error("unhandled exception", log::fields()
                                          .add("request_id", request_id)
                                          .add("route", route_label)
                                          .add("detail", e.what()));
    failure = internal();
  }
  if (pending) {
    // The handler (or an error before it) is done; its answer stands only if the charge allows.
    bool closed = false;
    try {
      auto step = settle(*pending, limit, thread);
      co_await std::move(step);
    } catch (const dependency_unavailable& e) {
      log::warn("dependency unavailable", log::fields()
                                              .add("request_id", request_id)
                                              .add("dependency", e.dependency())
                                              .add("detail", e.what()));
      closed = true;
    }
    if (closed) {
      out.reset();
      failure = unavailable("A service this request needs is temporarily unavailable");
    } else if (limit && !limit->allowed) {
      out.reset();
      failure = too_many_requests(*limit);
    }
  }
  if (failure && !out) {
    out = render_error(*failure, request_id, version, origin);
  }
  if (limit) {
    for (auto& [name, value] : rate_limit_headers(*limit)) {
      out->set(name, value);
    }
  }
  out->keep_alive(msg.keep_alive());

  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  int status = static_cast<int>(out->result_int());
  metrics_.observe(thread, route_index, status, seconds);
  metrics_.add_in_flight(-1);
  if (settings_.access_log) {
    log::fields f;
    f.add("request_id", request_id)
        .add("method", to_string(ctx.method()))
        .add("route", route_label)
        .add("status", status)
        .add("duration_ms", seconds * 1000.0)
        .add("bytes", out->body().size());
    if (ctx.user() != nullptr) {
      f.add("user_id", ctx.user()->user_id);
    }
    if (failure) {
      f.add("error_code", failure->code);
    }
    log::info("request", f);
  }
  co_return std::move(*out);
}

}  // namespace ugoki::http::detail
