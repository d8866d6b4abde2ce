// Factories for api_error, and result<T>::value()'s throw.
#include "core/error.hpp"

#include <stdexcept>

namespace ugoki {

void throw_exception_from_error(const api_error& e, const boost::source_location& loc) {
  throw std::logic_error("unchecked api_error " + e.code + " at " + loc.file_name() + ":" +
                         std::to_string(loc.line()));
}

api_error bad_request(std::string code, std::string message, std::vector<field_error> details) {
  return {400, std::move(code), std::move(message), std::move(details)};
}

api_error validation(std::vector<field_error> details) {
  return {400, "VAL_001", "Invalid input", std::move(details)};
}

api_error unauthorized(std::string code, std::string message) {
  return {401, std::move(code), std::move(message)};
}

api_error forbidden(std::string code, std::string message) {
  return {403, std::move(code), std::move(message)};
}

api_error not_found(std::string code, std::string message) {
  return {404, std::move(code), std::move(message)};
}

api_error conflict(std::string code, std::string message) {
  return {409, std::move(code), std::move(message)};
}

api_error unprocessable(std::string code, std::string message, std::vector<field_error> details) {
  return {422, std::move(code), std::move(message), std::move(details)};
}

api_error unavailable(std::string message, int retry_after_seconds) {
  api_error e{503, "SVC_001", std::move(message)};
  e.headers.emplace_back("Retry-After", std::to_string(retry_after_seconds));
  return e;
}

api_error internal() {
  return {};
}

}  // namespace ugoki
