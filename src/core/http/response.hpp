// What a handler returns: the envelope's `data` (already serialised), a raw body, nothing, or a
// refusal; and the helpers that turn a service's result<T> into one of those.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace ugoki::http {

struct response {
  enum class kind { envelope, raw, empty, error };

  int status = 200;
  kind body_kind = kind::envelope;
  // envelope: the serialised JSON of `data`; raw: the whole body.
  std::string body;
  // envelope only: serialised JSON of the `pagination` object, empty when the route has none.
  std::string pagination;
  // envelope only: members added to `meta` after timestamp and request_id, as serialised JSON
  // members without braces ("\"page\":1,\"per_page\":20,\"total\":57": the offset pagination of
  // admin tables, docs/admin.md); empty for none.
  std::string meta;
  // raw only; envelopes are always application/json.
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
  // error only: rendered by the dispatcher as the error envelope with its status.
  std::optional<api_error> error;
};

// 200 (or `status`) with `data_json` (serialised JSON) as the envelope's data.
response ok_json(std::string data_json, int status = 200);
// 201 with the created resource.
response created_json(std::string data_json);
// 204, no body.
response no_content();
// A non-enveloped body (OpenAPI document, docs page, Prometheus text, CSV).
response raw(int status, std::string body, std::string content_type);
// The refusal `e`, answered with its status as the error envelope.
response refused(api_error e);

// A service's outcome as the answer: render(value) as 200's data, or the refusal.
// `render` maps the value to its serialised JSON (usually a dto::render_* function).
template <class T, class Render>
response ok(result<T> r, Render&& render) {
  if (!r) {
    return refused(std::move(r.error()));
  }
  return ok_json(render(*r));
}
// The same with 201 for a created resource.
template <class T, class Render>
response created(result<T> r, Render&& render) {
  if (!r) {
    return refused(std::move(r.error()));
  }
  return created_json(render(*r));
}
// 204, or the refusal.
response no_content(result<void> r);

}  // namespace ugoki::http
