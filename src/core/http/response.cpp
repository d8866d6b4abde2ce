// Constructors for handler responses.
#include "core/http/response.hpp"

namespace ugoki::http {

response ok_json(std::string data_json, int status) {
  response r;
  r.status = status;
  r.body = std::move(data_json);
  return r;
}

response created_json(std::string data_json) {
  return ok_json(std::move(data_json), 201);
}

response no_content() {
  response r;
  r.status = 204;
  r.body_kind = response::kind::empty;
  return r;
}

response raw(int status, std::string body, std::string content_type) {
  response r;
  r.status = status;
  r.body_kind = response::kind::raw;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

response refused(api_error e) {
  response r;
  r.status = e.status;
  r.body_kind = response::kind::error;
  r.error = std::move(e);
  return r;
}

response no_content(result<void> r) {
  if (!r) {
    return refused(std::move(r.error()));
  }
  return no_content();
}

}  // namespace ugoki::http
