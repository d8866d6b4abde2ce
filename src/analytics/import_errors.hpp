// The Apple Health import's error codes (ANLY_010..ANLY_019, docs/errors.md), as api_error
// factories. Kept apart from errors.hpp so the import and the metrics routes evolve separately.
#pragma once

#include "core/error.hpp"

namespace ugoki::analytics::import_errors {

// GET /analytics/imports/:id: no such import of the caller's (another user's looks the same).
inline api_error import_not_found() {
  return not_found("ANLY_010", "Import not found");
}

// POST /analytics/imports while the caller's previous import is still pending or running.
inline api_error import_pending() {
  return conflict("ANLY_011", "An import is already in progress; wait until it finishes");
}

// POST /analytics/imports with a Content-Type that is not an XML or zip upload.
inline api_error unsupported_upload_type() {
  return api_error(415, "ANLY_012",
                   "Upload an Apple Health export.xml or export.zip (Content-Type "
                   "application/xml, text/xml, application/zip or application/octet-stream)",
                   {{"Content-Type", "is not an accepted upload type"}});
}

// POST /analytics/imports whose body is empty or neither XML nor a zip archive.
inline api_error not_an_export() {
  return unprocessable("ANLY_013", "The upload is neither an XML document nor a zip archive");
}

}  // namespace ugoki::analytics::import_errors
