// /api/v1/auth routes and /.well-known/jwks.json: the table and its handlers.
#include "auth/routes.hpp"

#include <string>

#include "auth/dto.hpp"
#include "auth/errors.hpp"
#include "auth/password_reset.hpp"
#include "auth/service.hpp"
#include "core/http/api_error.hpp"  // transitional (issue 11)
#include "core/http/router.hpp"
#include "core/json.hpp"

namespace ugoki::auth {

namespace {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

// Auth bodies are a few short strings; a small limit keeps junk away from the JSON parser.
constexpr std::size_t auth_body_limit = 16 * 1024;
constexpr std::string_view refresh_cookie = "ugoki_refresh";

// The value of a service result, or its api_error raised for the dispatcher to render.
template <class T>
T take(result<T> r) {
  if (!r) {
    http::raise(r.error());
  }
  return std::move(*r);
}

void take(result<void> r) {
  if (!r) {
    http::raise(r.error());
  }
}

// Web clients (X-Client-Type: web) keep the refresh token in an HttpOnly cookie that page
// scripts cannot read, instead of in the body.
bool is_web(const request_context& ctx) {
  return ctx.header("X-Client-Type") == "web";
}

// Path limits the cookie to the auth routes; SameSite=Strict keeps other sites from sending it.
std::string set_refresh_cookie(std::string_view token, std::int64_t max_age) {
  return std::string(refresh_cookie) + "=" + std::string(token) +
         "; HttpOnly; Secure; SameSite=Strict; Path=/api/v1/auth; Max-Age=" +
         std::to_string(max_age);
}

// Web clients get the refresh token as the cookie instead of in the body (rendered without it).
response with_refresh_cookie(response res, bool web, const std::string& token, const service& svc) {
  if (web) {
    res.headers.emplace_back("Set-Cookie",
                             set_refresh_cookie(token, svc.config().refresh_ttl.count()));
  }
  return res;
}

std::string cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    auto end = header.find(';');
    auto part = header.substr(0, end);
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    auto start = part.find_first_not_of(' ');
    if (start == std::string_view::npos) {
      continue;
    }
    part = part.substr(start);
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
  }
  return {};
}

std::string session_of(const request_context& ctx) {
  return std::string(session_id_of(ctx.user()->token_id));
}

awaitable<response> register_account(request_context& ctx, service& svc) {
  auto in = dto::parse_register(ctx.body());
  client_info client{std::string(ctx.header("User-Agent")), ctx.client_ip()};
  auto done = co_await svc.register_account(std::move(in), std::move(client));
  auto out = take(std::move(done));
  const bool web = is_web(ctx);
  co_return with_refresh_cookie(http::created_json(dto::render_sign_in(out, !web, false)), web,
                                out.tokens.refresh_token, svc);
}

awaitable<response> login(request_context& ctx, service& svc) {
  auto in = dto::parse_login(ctx.body());
  client_info client{std::string(ctx.header("User-Agent")), ctx.client_ip()};
  auto done = co_await svc.login(std::move(in), std::move(client));
  auto out = take(std::move(done));
  const bool web = is_web(ctx);
  co_return with_refresh_cookie(http::ok_json(dto::render_sign_in(out, !web, true)), web,
                                out.tokens.refresh_token, svc);
}

awaitable<response> refresh(request_context& ctx, service& svc) {
  const bool web = is_web(ctx);
  std::string token = dto::parse_refresh(ctx.body(), web);
  if (token.empty() && web) {
    token = cookie_value(ctx.header("Cookie"), refresh_cookie);
  }
  auto done = co_await svc.refresh(std::move(token));
  auto pair = take(std::move(done));
  co_return with_refresh_cookie(http::ok_json(dto::render_tokens(pair, !web)), web,
                                pair.refresh_token, svc);
}

// Public route on purpose: a client whose access token has expired can still sign out with
// its refresh token (body, or the web cookie). With a Bearer token, that token's session ends.
awaitable<response> logout(request_context& ctx, service& svc) {
  const bool web = is_web(ctx);
  if (!ctx.header("Authorization").empty()) {
    auto token = bearer_token(ctx.header("Authorization"));
    if (!token) {
      http::raise(errors::token_invalid());
    }
    auto verified = co_await svc.verify_access(*token);
    auto claims = take(std::move(verified));
    std::string sid(session_id_of(claims.jti));
    co_await svc.end_session(std::move(claims.sub), std::move(sid));
  } else {
    std::string token = dto::parse_refresh(ctx.body(), true);
    if (token.empty() && web) {
      token = cookie_value(ctx.header("Cookie"), refresh_cookie);
    }
    if (token.empty()) {
      http::raise(errors::invalid_token("Authentication required"));
    }
    bool ended = co_await svc.end_session_by_refresh_token(std::move(token));
    if (!ended) {
      http::raise(errors::refresh_invalid());
    }
  }
  auto res = http::no_content();
  if (web) {
    res.headers.emplace_back("Set-Cookie", set_refresh_cookie("", 0));
  }
  co_return res;
}

awaitable<response> logout_all(request_context& ctx, service& svc) {
  co_await svc.end_all_sessions(ctx.user()->user_id);
  auto res = http::no_content();
  if (is_web(ctx)) {
    res.headers.emplace_back("Set-Cookie", set_refresh_cookie("", 0));
  }
  co_return res;
}

awaitable<response> change_password(request_context& ctx, service& svc) {
  auto in = dto::parse_password_change(ctx.body());
  std::string sid = session_of(ctx);
  auto done =
      co_await svc.change_password(ctx.user()->user_id, std::move(sid),
                                   std::move(in.current_password), std::move(in.new_password));
  take(std::move(done));
  co_return http::no_content();
}

awaitable<response> list_sessions(request_context& ctx, service& svc) {
  std::string sid = session_of(ctx);
  auto list = co_await svc.sessions(ctx.user()->user_id, std::move(sid));
  co_return http::ok_json(dto::render_sessions(list));
}

awaitable<response> delete_session(request_context& ctx, service& svc) {
  std::string id(ctx.path_param("id"));
  if (!json::is_uuid(id)) {
    http::raise(http::validation({{"id", "must be a UUID"}}));
  }
  for (auto& c : id) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  bool ended = co_await svc.end_session(ctx.user()->user_id, std::move(id));
  if (!ended) {
    http::raise(errors::session_not_found());
  }
  co_return http::no_content();
}

// 202 whether or not an account uses the address: the answer must not tell (no enumeration).
awaitable<response> request_password_reset(request_context& ctx, password_reset& resets) {
  std::string email = dto::parse_reset_request(ctx.body());
  co_await resets.request(std::move(email));
  co_return http::ok_json(
      R"({"message":"If an account uses this address, a link to reset its password is )"
      R"(on its way"})",
      202);
}

awaitable<response> confirm_password_reset(request_context& ctx, password_reset& resets) {
  auto in = dto::parse_reset_confirmation(ctx.body());
  auto done = co_await resets.confirm(std::move(in.token), std::move(in.new_password));
  take(std::move(done));
  co_return http::ok_json(R"({"message":"Your password was changed; sign in with the new one"})");
}

// The bare JWKS document (not enveloped): other services read it with standard JOSE clients.
awaitable<response> jwks(request_context&, service& svc) {
  auto res = http::raw(200, svc.jwks(), "application/json");
  res.headers.emplace_back("Cache-Control", "public, max-age=300");
  co_return res;
}

http::route auth_route(verb method, std::string pattern,
                       awaitable<response> (*fn)(request_context&, service&), service& svc,
                       access level) {
  return {method, std::move(pattern), [fn, &svc](request_context& ctx) { return fn(ctx, svc); },
          level, auth_body_limit};
}

http::route reset_route(std::string pattern,
                        awaitable<response> (*fn)(request_context&, password_reset&),
                        password_reset& resets) {
  return {verb::post, std::move(pattern),
          [fn, &resets](request_context& ctx) { return fn(ctx, resets); }, access::anyone,
          auth_body_limit};
}

}  // namespace

void add_password_reset_routes(http::router& router, password_reset& resets) {
  router.add(reset_route("/api/v1/auth/password-reset", request_password_reset, resets));
  router.add(reset_route("/api/v1/auth/password-reset/confirm", confirm_password_reset, resets));
}

void add_auth_routes(http::router& router, service& svc) {
  router.add(
      auth_route(verb::post, "/api/v1/auth/register", register_account, svc, access::anyone));
  router.add(auth_route(verb::post, "/api/v1/auth/login", login, svc, access::anyone));
  router.add(auth_route(verb::post, "/api/v1/auth/refresh", refresh, svc, access::anyone));
  router.add(auth_route(verb::post, "/api/v1/auth/logout", logout, svc, access::anyone));
  router.add(auth_route(verb::post, "/api/v1/auth/logout-all", logout_all, svc, access::user));
  router.add(auth_route(verb::post, "/api/v1/auth/password", change_password, svc, access::user));
  router.add(auth_route(verb::get, "/api/v1/auth/sessions", list_sessions, svc, access::user));
  router.add(
      auth_route(verb::delete_, "/api/v1/auth/sessions/:id", delete_session, svc, access::user));
  router.add(auth_route(verb::get, "/.well-known/jwks.json", jwks, svc, access::anyone));
}

}  // namespace ugoki::auth
