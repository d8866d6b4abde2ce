// The route table: (verb, path pattern) -> handler, with `:name` path parameters.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/http/request_context.hpp"
#include "core/http/response.hpp"

namespace ugoki::http {

// Who may call a route. Anything but `anyone` makes the dispatcher authenticate the caller first
// (401 without a valid token) and check the role (403 AUTH_003).
enum class access { anyone, user, premium, admin };

using handler = std::function<boost::asio::awaitable<response>(request_context&)>;

struct route {
  verb method;
  std::string pattern;  // "/api/v1/fasting/protocols/:id"
  handler fn;
  access level = access::anyone;
  std::size_t body_limit = 1024 * 1024;
  // false exempts the route from rate limiting (no bucket charged, no RateLimit-* headers):
  // health checks, metrics scrapes and the docs, which probes and browsers hit freely.
  bool rate_limited = true;
  // true: a POST that creates data; the dispatcher honours `Idempotency-Key` for it
  // (API_CONVENTIONS.md: same key and body within 24 h replays the first response).
  bool idempotent = false;
  // Non-empty: the body is streamed to a file in this directory instead of memory (uploads of
  // up to body_limit bytes); the handler finds it at request_context::body_file(). The server
  // deletes the file after the response, so a handler that keeps it renames it first.
  std::string spool_dir;
  // The media type a request body must have (415 REQ_002 otherwise), lowercase; parameters
  // such as "; charset=utf-8" are accepted. CSV imports take "text/csv".
  std::string_view body_type = "application/json";
  // The media types the route answers with (comma-separated, lowercase). A request whose Accept
  // admits none of them gets 406 REQ_005; errors are always application/json.
  std::string_view produces = "application/json";
  // true: the route reads a credential from a cookie (the web refresh token). A request that
  // carries cookies must then come from an allowed origin (Sec-Fetch-Site: same-origin, Origin
  // in the CORS allowlist, or no Origin and no cross-site Sec-Fetch-Site): 403 AUTH_007
  // otherwise, so another site cannot make a browser spend the cookie.
  bool cookie_credentials = false;
};

namespace detail {

// How bind_handler() keeps a dependency: services and other long-lived objects (lvalues) by
// reference, shared_ptrs, rvalues and small trivially copyable values (durations, flags) by value.
template <class T>
auto hold(T&& dep) {
  using plain = std::remove_cvref_t<T>;
  constexpr bool small_value = std::is_copy_constructible_v<plain> &&
                               std::is_trivially_copyable_v<plain> && sizeof(plain) <= 16;
  if constexpr (std::is_lvalue_reference_v<T> && !small_value) {
    return std::ref(dep);
  } else {
    return plain(std::forward<T>(dep));
  }
}

template <class T>
T& unwrap(std::reference_wrapper<T> r) {
  return r.get();
}
template <class T>
T& unwrap(const std::shared_ptr<T>& p) {
  return *p;
}
template <class T>
const T& unwrap(const T& v) {
  return v;
}

}  // namespace detail

// The handler fn(ctx, deps...): `fn` is a plain function (the coroutine) taking the request and
// its dependencies, as in `http::bind_handler(start_session, svc)`. Services are held by reference
// and must outlive the router; a shared_ptr is unwrapped (and kept alive by the route).
template <class Fn, class... Deps>
handler bind_handler(Fn fn, Deps&&... deps) {
  return [fn, ... held = detail::hold(std::forward<Deps>(deps))](request_context& ctx) {
    return fn(ctx, detail::unwrap(held)...);
  };
}

class router {
 public:
  enum class outcome { found, not_found, method_not_allowed };

  struct match {
    outcome result = outcome::not_found;
    const route* matched = nullptr;
    std::size_t index = 0;  // position in the table, used as the metrics label id
    std::string allow;      // for 405: the verbs the path accepts, "GET, HEAD"
  };

  // Adds a route. Throws std::invalid_argument on a malformed pattern or a duplicate (verb,
  // pattern), so a mistake in a route table stops the server at start-up.
  void add(route r);

  // Finds the route for a request and stores its path parameters in `ctx`.
  match find(verb method, std::string_view path, request_context& ctx) const;

  // The body limit of the route a request will reach (the largest of the path's in-memory routes
  // when the verb does not match, so the 405 still answers); the default limit when nothing
  // matches.
  std::size_t body_limit_for(verb method, std::string_view path) const;
  // The spool directory of the route (method, path) reaches; empty when it reads into memory
  // or nothing matches.
  std::string_view spool_dir_for(verb method, std::string_view path) const;

  std::size_t size() const { return routes_.size(); }
  const route& at(std::size_t index) const { return routes_[index]; }
  // The largest body any route accepts, so the reader can reject bigger bodies before routing.
  std::size_t max_body_limit() const { return max_body_limit_; }

 private:
  struct compiled {
    std::vector<std::string> segments;  // ":id" for parameters
  };
  bool matches(const compiled& c, std::string_view path, request_context* ctx) const;

  std::vector<route> routes_;
  std::vector<compiled> compiled_;
  // Exact-path lookup for routes without parameters: most requests resolve with one hash probe.
  struct path_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::vector<std::size_t>, path_hash, std::equal_to<>>
      static_paths_;
  std::vector<std::size_t> dynamic_routes_;
  std::size_t max_body_limit_ = 0;
};

}  // namespace ugoki::http
