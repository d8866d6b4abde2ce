// The API's one error vocabulary and the result type every service returns (docs/architecture.md,
// "Errors"). No HTTP, JSON or I/O here: pure domain code may include it.
#pragma once

#include <boost/system/result.hpp>

#include <string>
#include <utility>
#include <vector>

namespace ugoki {

struct field_error {
  std::string field;
  std::string message;
};

// A refusal the client is told about: status, stable code ("FAST_003"), public message and the
// fields at fault. `message` is public: never put internals, SQL or PII in it; those go to the
// log with the request id. The dispatcher renders it as the error envelope (API_CONVENTIONS.md).
struct api_error {
  // Not an aggregate on purpose: C++20 would let `api_error(404)` aggregate-initialise from one
  // int, which makes result<int> (and any result<T> of a number) ambiguous to construct.
  api_error() = default;
  api_error(int status_, std::string code_, std::string message_,
            std::vector<field_error> details_ = {})
      : status(status_),
        code(std::move(code_)),
        message(std::move(message_)),
        details(std::move(details_)) {}

  int status = 500;
  std::string code = "INT_001";
  std::string message = "Internal error";
  std::vector<field_error> details{};
  // Extra response headers (Allow on 405, Retry-After on 429/503).
  std::vector<std::pair<std::string, std::string>> headers{};
};

// What services, parsers and every other step a request goes through return: the value, or the
// expected refusal. Surprises (a dependency down, a bug) are exceptions, never an api_error.
template <class T = void>
using result = boost::system::result<T, api_error>;

// Lets result<T>::value() compile: a refusal that reaches value() is a programming error, thrown
// as std::logic_error (a 500), never shown to the client.
[[noreturn]] void throw_exception_from_error(const api_error& e, const boost::source_location& loc);

// Factories, so status and code stay consistent across modules.
api_error bad_request(std::string code, std::string message, std::vector<field_error> details = {});
// 400 VAL_001 "Invalid input" naming every field at fault.
api_error validation(std::vector<field_error> details);
api_error unauthorized(std::string code, std::string message);
api_error forbidden(std::string code, std::string message);
api_error not_found(std::string code, std::string message);
api_error conflict(std::string code, std::string message);
api_error unprocessable(std::string code, std::string message,
                        std::vector<field_error> details = {});
// 503 SVC_001 with Retry-After.
api_error unavailable(std::string message, int retry_after_seconds = 1);
// 500 INT_001; the detail belongs in the log.
api_error internal();

}  // namespace ugoki
