// The request pipeline: everything between "a request was parsed" and "a response is ready",
// as the stages named in detail/dispatcher.hpp, in the order a request meets them.
#include "core/http/detail/dispatcher.hpp"

#include <chrono>

#include "core/dependency_error.hpp"
#include "core/http/negotiation.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"

namespace ugoki::http::detail {

namespace {

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

// GET and HEAD on a GET route change nothing, so their handler may run while the limiter
// decides (see admission::admit).
bool is_safe(const route& r, verb method) {
  return r.method == verb::get && (method == verb::get || method == verb::head);
}

rate_subject anonymous_subject(const request_context& ctx) {
  return {rate_tier::anonymous, ctx.client_ip(), ctx.client_ip()};
}

}  // namespace

boost::asio::awaitable<beast_response> dispatcher::handle(raw_request& raw, std::string client_ip,
                                                          std::size_t thread) {
  metrics_.add_in_flight(1);
  const auto& msg = raw.message;
  std::string request_id =
      make_request_id(std::string_view(msg["X-Request-Id"].data(), msg["X-Request-Id"].size()));
  exchange x(raw, std::move(request_id), client_address(raw, std::move(client_ip)), thread);
  x.origin = x.ctx.header("Origin");
  x.version = msg.version();
  x.keep_alive = msg.keep_alive();
  x.route_index = metrics_.unmatched_route();

  std::optional<beast_response> out;
  if (x.ctx.method() == verb::options && !x.ctx.header("Access-Control-Request-Method").empty()) {
    out = preflight(x);
  } else {
    // Refusals come back as values; what is thrown is a surprise, answered 503 or 500 here.
    try {
      auto staged = run_stages(x);
      result<beast_response> answered = co_await std::move(staged);
      if (answered) {
        out = std::move(*answered);
      } else {
        x.failure = std::move(answered.error());
      }
    } catch (const dependency_unavailable& e) {
      log::warn("dependency unavailable", log::fields()
                                              .add("request_id", x.request_id)
                                              .add("dependency", e.dependency())
                                              .add("detail", e.what()));
      x.failure = unavailable("A service this request needs is temporarily unavailable");
    } catch (const std::exception& e) {
      log::error("unhandled exception", log::fields()
                                            .add("request_id", x.request_id)
                                            .add("route", x.route_label)
                                            .add("detail", e.what()));
      x.failure = internal();
    }
    if (x.charge.running) {
      // The handler ran while the limiter decided; its answer stands only if the charge allows.
      auto settling = admission_.settle(x.charge, thread);
      result<void> settled = co_await std::move(settling);
      if (!settled) {
        out.reset();
        x.failure = std::move(settled.error());
      }
    }
  }
  if (!out) {
    out = envelope_.render_error(*x.failure, x.request_id, x.version, x.origin);
  }
  co_return finish(x, std::move(*out));
}

beast_response dispatcher::preflight(exchange& x) const {
  response pre = no_content();
  if (envelope_.origin_allowed(x.origin)) {
    pre.headers.emplace_back("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE");
    pre.headers.emplace_back("Access-Control-Allow-Headers",
                             "Authorization, Content-Type, Idempotency-Key, X-Request-Id, "
                             "X-Client-Type, If-None-Match");
    pre.headers.emplace_back("Access-Control-Max-Age", "600");
  }
  return envelope_.render(std::move(pre), x.request_id, x.version, false, x.origin);
}

boost::asio::awaitable<result<beast_response>> dispatcher::run_stages(exchange& x) {
  auto resolving = resolve(x);
  if (result<void> resolved = co_await std::move(resolving); !resolved) {
    co_return std::move(resolved.error());
  }
  if (x.target->level != access::anyone) {
    auto authenticating = authenticate(x);
    if (result<void> admitted = co_await std::move(authenticating); !admitted) {
      co_return std::move(admitted.error());
    }
  }
  if (result<void> checked = check(x); !checked) {
    co_return std::move(checked.error());
  }
  auto invoking = invoke(x);
  co_return co_await std::move(invoking);
}

boost::asio::awaitable<result<void>> dispatcher::resolve(exchange& x) {
  router::match match = routes_.find(x.ctx.method(), x.ctx.path(), x.ctx);
  const route* found = match.result == router::outcome::found ? match.matched : nullptr;
  const bool limited = admission_.enabled() && (found == nullptr || found->rate_limited);
  if (limited && (found == nullptr || found->level == access::anyone)) {
    const bool safe = found != nullptr && is_safe(*found, x.ctx.method());
    auto admitting = admission_.admit(anonymous_subject(x.ctx), safe, x.charge, x.thread);
    if (result<void> admitted = co_await std::move(admitting); !admitted) {
      co_return admitted;
    }
  }
  if (match.result == router::outcome::not_found) {
    co_return not_found("RES_001", "No such resource");
  }
  if (match.result == router::outcome::method_not_allowed) {
    api_error e{405, "RES_002", "Method not allowed on this resource"};
    e.headers.emplace_back("Allow", match.allow);
    co_return e;
  }
  x.target = match.matched;
  x.route_index = match.index;
  x.route_label = std::string(to_string(found->method)) + " " + found->pattern;
  co_return result<void>{};
}

boost::asio::awaitable<result<void>> dispatcher::authenticate(exchange& x) {
  const route& r = *x.target;
  std::optional<api_error> rejected;
  if (auth_ == nullptr) {
    rejected = unauthorized("AUTH_002", "Authentication required");
  } else {
    auto verifying = auth_->authenticate(x.ctx);
    result<principal> caller = co_await std::move(verifying);
    if (caller) {
      x.ctx.set_user(std::move(*caller));
    } else {
      rejected = std::move(caller.error());
    }
  }
  if (admission_.enabled() && r.rate_limited) {
    // Signed-in callers pay from their own bucket at their tier. A request whose token was
    // refused pays as anonymous from its IP, so spraying tokens is limited too.
    rate_subject subject = rejected ? anonymous_subject(x.ctx)
                                    : rate_subject{tier_for_role(x.ctx.user()->role),
                                                   x.ctx.user()->user_id, x.ctx.client_ip()};
    const bool safe = !rejected && is_safe(r, x.ctx.method());
    auto admitting = admission_.admit(std::move(subject), safe, x.charge, x.thread);
    if (result<void> admitted = co_await std::move(admitting); !admitted) {
      co_return admitted;
    }
  }
  if (rejected) {
    co_return std::move(*rejected);
  }
  if (!role_allows(r.level, x.ctx.user()->role)) {
    co_return forbidden("AUTH_003", "Your plan does not include this feature");
  }
  co_return result<void>{};
}

result<void> dispatcher::check(const exchange& x) const {
  const route& r = *x.target;
  if (!x.ctx.body().empty() && !is_content_type(x.ctx.header("Content-Type"), r.body_type)) {
    return api_error{415, "REQ_002", "Request bodies must be " + std::string(r.body_type)};
  }
  if (!accepts(x.ctx.header("Accept"), r.produces)) {
    api_error e{406, "REQ_005", "This resource is only available as " + std::string(r.produces)};
    e.details.push_back({"Accept", "must admit " + std::string(r.produces)});
    return e;
  }
  if (r.cookie_credentials && x.ctx.header_count("Cookie") > 0) {
    // A browser names the page's origin on every cross-site request that can carry cookies
    // (and Sec-Fetch-Site says "cross-site"); a request with neither is not from a browser page.
    // "same-origin" is the browser's word that the page is this server's own (the admin console
    // at /admin), whose origin need not be in the CORS allowlist; pages cannot forge the header.
    const std::string_view site = x.ctx.header("Sec-Fetch-Site");
    const bool same_site =
        site == "same-origin" ||
        (!x.origin.empty() ? envelope_.origin_allowed(x.origin) : site.empty() || site == "none");
    if (!same_site) {
      return forbidden("AUTH_007", "Cookies are only accepted from the app's own pages");
    }
  }
  return {};
}

boost::asio::awaitable<result<beast_response>> dispatcher::invoke(exchange& x) {
  const route& r = *x.target;
  // Idempotency-Key is honoured for signed-in callers on routes that create data; other
  // methods never write, so a key on them is ignored.
  const bool keyed = r.idempotent && idempotency_ != nullptr && x.ctx.user() != nullptr &&
                     x.ctx.method() != verb::get && x.ctx.method() != verb::head &&
                     x.ctx.header_count(idempotency_key_header) > 0;
  if (keyed) {
    auto calling = idempotent_call(x);
    co_return co_await std::move(calling);
  }
  auto handling = r.fn(x.ctx);
  response handled = co_await std::move(handling);
  co_return render_handled(x, std::move(handled));
}

beast_response dispatcher::render_handled(exchange& x, response r) {
  if (r.body_kind == response::kind::error && r.error) {
    x.failure = *r.error;
  }
  return envelope_.render(std::move(r), x.request_id, x.version, x.ctx.method() == verb::head,
                          x.origin);
}

beast_response dispatcher::finish(exchange& x, beast_response out) {
  if (x.charge.decision) {
    for (auto& [name, value] : rate_limit_headers(*x.charge.decision)) {
      out.set(name, value);
    }
  }
  out.keep_alive(x.keep_alive);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - x.started).count();
  const int status = static_cast<int>(out.result_int());
  metrics_.observe(x.thread, x.route_index, status, seconds);
  metrics_.add_in_flight(-1);
  if (settings_.access_log) {
    log::fields f;
    f.add("request_id", x.request_id)
        .add("method", to_string(x.ctx.method()))
        .add("route", x.route_label)
        .add("status", status)
        .add("duration_ms", seconds * 1000.0)
        .add("bytes", out.body().size());
    if (x.ctx.user() != nullptr) {
      f.add("user_id", x.ctx.user()->user_id);
    }
    if (x.failure) {
      f.add("error_code", x.failure->code);
    }
    log::info("request", f);
  }
  return out;
}

beast_response dispatcher::early_error(const api_error& error, std::string_view client_request_id,
                                       unsigned http_version, std::size_t thread) {
  std::string request_id = make_request_id(client_request_id);
  auto res = envelope_.render_error(error, request_id, http_version, {});
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

}  // namespace ugoki::http::detail
