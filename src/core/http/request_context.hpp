// The request as handlers see it: method, path, parameters, headers, body, caller.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ugoki::http {

enum class verb { get, head, post, put, patch, delete_, options, unknown };

std::string_view to_string(verb v);
// "GET" -> verb::get; verb::unknown for anything else.
verb parse_verb(std::string_view method);

// The caller, once a route's authentication step has accepted a token.
struct principal {
  std::string user_id;
  std::string email;
  std::string role;  // free | premium | admin
  std::string token_id;
};

struct raw_request;  // the Beast message; defined in core/http/detail/raw_request.hpp

class request_context {
 public:
  static constexpr std::size_t max_path_params = 4;

  request_context(const raw_request& raw, std::string request_id, std::string client_ip);

  verb method() const { return method_; }
  // The path without the query string, not percent-decoded (routes match on raw segments).
  std::string_view path() const { return path_; }
  std::string_view query_string() const { return query_; }
  std::string_view body() const;
  // On routes with a spool_dir: the path of the file holding the whole body (body() is then
  // empty); empty when the request had no body. The server deletes it after the response.
  std::string_view body_file() const;
  // The header's value, or an empty view when absent. Names are case-insensitive.
  std::string_view header(std::string_view name) const;
  // How many times the header was sent (0 when absent).
  std::size_t header_count(std::string_view name) const;
  // A `:name` segment of the matched route; empty when the route has no such parameter.
  std::string_view path_param(std::string_view name) const;
  // A `:name` segment that must be a UUID, lowercased; 400 VAL_001 naming it otherwise.
  result<std::string> path_uuid(std::string_view name) const;
  // A percent-decoded query parameter, or nullopt when absent. The first occurrence wins.
  std::optional<std::string> query_param(std::string_view name) const;

  const std::string& request_id() const { return request_id_; }
  const std::string& client_ip() const { return client_ip_; }
  std::chrono::system_clock::time_point received_at() const { return received_at_; }

  // The authenticated caller; only null on routes with public access.
  const principal* user() const { return user_ ? &*user_ : nullptr; }
  void set_user(principal p) { user_ = std::move(p); }

  // Set by the router when the route matched.
  void set_path_param(std::size_t index, std::string_view name, std::string_view value);

 private:
  const raw_request& raw_;
  verb method_;
  std::string_view path_;
  std::string_view query_;
  std::string request_id_;
  std::string client_ip_;
  std::chrono::system_clock::time_point received_at_;
  std::optional<principal> user_;
  std::array<std::pair<std::string_view, std::string_view>, max_path_params> params_{};
};

}  // namespace ugoki::http
