// /api/v1/auth routes and /.well-known/jwks.json: the table and its handlers.
#include "auth/routes.hpp"

#include <string>

#include "auth/dto.hpp"
#include "auth/errors.hpp"
#include "auth/password_reset.hpp"
#include "auth/service.hpp"
#include "core/http/router.hpp"

namespace ugoki::auth {

namespace {

using boost::asio::awaitable;
using http::access;
using http::request_context;
using http::response;
using http::verb;

// Auth bodies are a few short strings; a small limit keeps junk away from the JSON parser.
constexpr std::size_t auth_body_limit = 16 * 1024;
// The __Host- prefix makes browsers refuse the cookie unless it is Secure, has Path=/ and no
// Domain, so a sibling subdomain can neither plant one nor shadow ours (OWASP session management
// cheat sheet). Path=/ is the prefix's rule; only the routes marked cookie_credentials read it.
constexpr std::string_view refresh_cookie = "__Host-ugoki_refresh";

// Web clients (X-Client-Type: web) keep the refresh token in an HttpOnly cookie that page
// scripts cannot read, instead of in the body.
bool is_web(const request_context& ctx) {
  return ctx.header("X-Client-Type") == "web";
}

client_info client_of(const request_context& ctx) {
  return {std::string(ctx.header("User-Agent")), ctx.client_ip()};
}

// SameSite=Strict keeps browsers from sending it on other sites' requests; the dispatcher also
// refuses a cookie-carrying request to a cookie_credentials route from another origin.
std::string set_refresh_cookie(std::string_view token, std::int64_t max_age) {
  return std::string(refresh_cookie) + "=" + std::string(token) +
         "; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=" + std::to_string(max_age);
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

// The refresh token of a request: the body's, or a web client's cookie when the body has none.
// The body may be empty for web clients and, when `optional`, for everyone.
result<std::string> refresh_token_of(const request_context& ctx, bool optional) {
  const bool web = is_web(ctx);
  auto token = dto::parse_refresh(ctx.body(), optional || web);
  if (token && token->empty() && web) {
    return cookie_value(ctx.header("Cookie"), refresh_cookie);
  }
  return token;
}

std::string session_of(const request_context& ctx) {
  return std::string(session_id_of(ctx.user()->token_id));
}

// The answer to a sign-in (201 when it created the account): user and tokens, the refresh token
// as the cookie for web clients.
response signed_in(const request_context& ctx, const service& svc, result<sign_in_result> r,
                   bool created) {
  if (!r) {
    return http::refused(std::move(r.error()));
  }
  const bool web = is_web(ctx);
  std::string body = dto::render_sign_in(*r, !web, !created);
  return with_refresh_cookie(
      created ? http::created_json(std::move(body)) : http::ok_json(std::move(body)), web,
      r->tokens.refresh_token, svc);
}

awaitable<response> register_account(request_context& ctx, service& svc) {
  auto in = dto::parse_register(ctx.body(), svc.password_rules());
  if (!in) {
    co_return http::refused(std::move(in.error()));
  }
  auto done = co_await svc.register_account(std::move(*in), client_of(ctx));
  co_return signed_in(ctx, svc, std::move(done), true);
}

awaitable<response> login(request_context& ctx, service& svc) {
  auto in = dto::parse_login(ctx.body());
  if (!in) {
    co_return http::refused(std::move(in.error()));
  }
  auto done = co_await svc.login(std::move(*in), client_of(ctx));
  co_return signed_in(ctx, svc, std::move(done), false);
}

awaitable<response> refresh(request_context& ctx, service& svc) {
  auto token = refresh_token_of(ctx, false);
  if (!token) {
    co_return http::refused(std::move(token.error()));
  }
  auto pair = co_await svc.refresh(std::move(*token));
  if (!pair) {
    co_return http::refused(std::move(pair.error()));
  }
  const bool web = is_web(ctx);
  co_return with_refresh_cookie(http::ok_json(dto::render_tokens(*pair, !web)), web,
                                pair->refresh_token, svc);
}

// Public route on purpose: a client whose access token has expired can still sign out with
// its refresh token (body, or the web cookie). With a Bearer token, that token's session ends.
awaitable<response> logout(request_context& ctx, service& svc) {
  result<void> done;
  if (auto authorization = ctx.header("Authorization"); !authorization.empty()) {
    auto token = bearer_token(authorization);
    if (!token) {
      co_return http::refused(errors::token_invalid());
    }
    done = co_await svc.end_session_of(*token);
  } else {
    auto token = refresh_token_of(ctx, true);
    if (!token) {
      co_return http::refused(std::move(token.error()));
    }
    done = co_await svc.end_session_by_refresh_token(std::move(*token));
  }
  auto res = http::no_content(std::move(done));
  if (res.status == 204 && is_web(ctx)) {
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
  auto in = dto::parse_password_change(ctx.body(), svc.password_rules());
  if (!in) {
    co_return http::refused(std::move(in.error()));
  }
  co_return http::no_content(co_await svc.change_password(ctx.user()->user_id, session_of(ctx),
                                                          std::move(in->current_password),
                                                          std::move(in->new_password)));
}

awaitable<response> list_sessions(request_context& ctx, service& svc) {
  auto list = co_await svc.sessions(ctx.user()->user_id, session_of(ctx));
  co_return http::ok_json(dto::render_sessions(list));
}

awaitable<response> delete_session(request_context& ctx, service& svc) {
  auto id = ctx.path_uuid("id");
  if (!id) {
    co_return http::refused(std::move(id.error()));
  }
  co_return http::no_content(co_await svc.end_session(ctx.user()->user_id, std::move(*id)));
}

// 202 whether or not an account uses the address: the answer must not tell (no enumeration).
awaitable<response> request_password_reset(request_context& ctx, password_reset& resets) {
  auto email = dto::parse_reset_request(ctx.body());
  if (!email) {
    co_return http::refused(std::move(email.error()));
  }
  co_await resets.request(std::move(*email));
  co_return http::ok_json(
      R"({"message":"If an account uses this address, a link to reset its password is )"
      R"(on its way"})",
      202);
}

awaitable<response> confirm_password_reset(request_context& ctx, password_reset& resets) {
  auto in = dto::parse_reset_confirmation(ctx.body(), resets.password_rules());
  if (!in) {
    co_return http::refused(std::move(in.error()));
  }
  auto done = co_await resets.confirm(std::move(in->token), std::move(in->new_password));
  if (!done) {
    co_return http::refused(std::move(done.error()));
  }
  co_return http::ok_json(R"({"message":"Your password was changed; sign in with the new one"})");
}

// The bare JWKS document (not enveloped): other services read it with standard JOSE clients.
awaitable<response> jwks(request_context&, service& svc) {
  auto res = http::raw(200, svc.jwks(), "application/json");
  res.headers.emplace_back("Cache-Control", "public, max-age=300");
  co_return res;
}

}  // namespace

void add_password_reset_routes(http::router& router, password_reset& resets) {
  router.add({.method = verb::post,
              .pattern = "/api/v1/auth/password-reset",
              .fn = http::bind_handler(request_password_reset, resets),
              .body_limit = auth_body_limit});
  router.add({.method = verb::post,
              .pattern = "/api/v1/auth/password-reset/confirm",
              .fn = http::bind_handler(confirm_password_reset, resets),
              .body_limit = auth_body_limit});
}

void add_auth_routes(http::router& router, service& svc) {
  router.add({.method = verb::post,
              .pattern = "/api/v1/auth/register",
              .fn = http::bind_handler(register_account, svc),
              .body_limit = auth_body_limit});
  router.add({.method = verb::post,
              .pattern = "/api/v1/auth/login",
              .fn = http::bind_handler(login, svc),
              .body_limit = auth_body_limit});
  // Both read the web refresh cookie: a request carrying cookies must come from an allowed
  // origin (403 AUTH_007), so another site cannot make a browser spend it.
  router.add({.method = verb::post,
              .pattern = "/api/v1/auth/refresh",
              .fn = http::bind_handler(refresh, svc),
              .body_limit = auth_body_limit,
              .cookie_credentials = true});
  router.add({.method = verb::post,
              .pattern = "/api/v1/auth/logout",
              .fn = http::bind_handler(logout, svc),
              .body_limit = auth_body_limit,
              .cookie_credentials = true});
  router.add({.method = verb::post,
              .pattern = "/api/v1/auth/logout-all",
              .fn = http::bind_handler(logout_all, svc),
              .level = access::user,
              .body_limit = auth_body_limit});
  router.add({.method = verb::post,
              .pattern = "/api/v1/auth/password",
              .fn = http::bind_handler(change_password, svc),
              .level = access::user,
              .body_limit = auth_body_limit});
  router.add({.method = verb::get,
              .pattern = "/api/v1/auth/sessions",
              .fn = http::bind_handler(list_sessions, svc),
              .level = access::user,
              .body_limit = auth_body_limit});
  router.add({.method = verb::delete_,
              .pattern = "/api/v1/auth/sessions/:id",
              .fn = http::bind_handler(delete_session, svc),
              .level = access::user,
              .body_limit = auth_body_limit});
  router.add({.method = verb::get,
              .pattern = "/.well-known/jwks.json",
              .fn = http::bind_handler(jwks, svc),
              .body_limit = auth_body_limit});
}

}  // namespace ugoki::auth
