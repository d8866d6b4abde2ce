// Transitional (issue 11): http::raise, until every module returns results.
#include "core/http/api_error.hpp"

namespace ugoki::http {

void raise(api_error error) {
  throw api_exception{std::move(error)};
}

}  // namespace ugoki::http
