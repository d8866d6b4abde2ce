// The one error vocabulary of the API: status, stable code, public message, per-field details.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ugoki::http {

struct field_error {
  std::string field;
  std::string message;
};

// A failure the client is told about. `message` is public: never put internals, SQL or PII in it;
// those go to the log with the request id. Rendered by the dispatcher as the error envelope.
struct api_error {
  int status = 500;
  std::string code = "INT_001";
  std::string message = "Internal error";
  std::vector<field_error> details{};
  // Extra response headers (Allow on 405, Retry-After on 429/503).
  std::vector<std::pair<std::string, std::string>> headers{};
};

api_error bad_request(std::string code, std::string message, std::vector<field_error> details = {});
api_error validation(std::vector<field_error> details);
api_error unauthorized(std::string code, std::string message);
api_error forbidden(std::string code, std::string message);
api_error not_found(std::string code, std::string message);
api_error conflict(std::string code, std::string message);
api_error unprocessable(std::string code, std::string message,
                        std::vector<field_error> details = {});
api_error unavailable(std::string message, int retry_after_seconds = 1);
api_error internal();

// Thrown by code that cannot return a result (parsers deep in a call chain); the dispatcher
// renders it exactly like a returned api_error.
struct api_exception {
  api_error error;
};

[[noreturn]] void raise(api_error error);

}  // namespace ugoki::http
