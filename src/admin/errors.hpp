// The admin module's error codes (ADMIN_NNN), as api_error factories. docs/errors.md.
#pragma once

#include <string>

#include "core/error.hpp"

namespace ugoki::admin::errors {

// POST /admin/media (local storage): the bytes are not an image of the declared type (magic
// numbers), or not one of the types we store at all (SVG can carry script).
inline api_error media_type_mismatch(std::string declared) {
  return {415,
          "ADMIN_001",
          "The file is not a " + declared + " image",
          {{"body", "must be an image of the declared Content-Type"}}};
}
inline api_error media_empty() {
  return bad_request("ADMIN_002", "The upload is empty", {{"body", "must not be empty"}});
}

// GET /media/:name for a name that is not a stored file (or not a name we could have stored).
inline api_error media_not_found() {
  return not_found("ADMIN_003", "No such media file");
}
// POST /admin/media (local storage) with a Content-Type we do not store: 415 REQ_002, the code
// every route answers for a body of the wrong media type.
inline api_error media_type_refused() {
  return {415,
          "REQ_002",
          "Uploads must be image/jpeg, image/png, image/webp or image/gif",
          {{"Content-Type", "must be image/jpeg, image/png, image/webp or image/gif"}}};
}

}  // namespace ugoki::admin::errors
