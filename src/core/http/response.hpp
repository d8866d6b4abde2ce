// What a handler returns: the envelope's `data` (already serialised), or a raw body, or nothing.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ugoki::http {

struct response {
  enum class kind { envelope, raw, empty };

  int status = 200;
  kind body_kind = kind::envelope;
  // envelope: the serialised JSON of `data`; raw: the whole body.
  std::string body;
  // envelope only: serialised JSON of the `pagination` object, empty when the route has none.
  std::string pagination;
  // raw only; envelopes are always application/json.
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
};

// 200 (or `status`) with `data_json` (serialised JSON) as the envelope's data.
response ok_json(std::string data_json, int status = 200);
// 201 with the created resource.
response created_json(std::string data_json);
// 204, no body.
response no_content();
// A non-enveloped body (OpenAPI document, docs page, Prometheus text).
response raw(int status, std::string body, std::string content_type);

}  // namespace ugoki::http
