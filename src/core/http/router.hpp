// The route table: (verb, path pattern) -> handler, with `:name` path parameters.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
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
};

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
