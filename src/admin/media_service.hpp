// Media uploads for article images: stored on local disk by content hash, or uploaded by the
// client straight to an S3-compatible bucket through a presigned PUT. Every upload is audited
// (admin.media, create). docs/admin.md, "Media".
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "admin/media_types.hpp"
#include "core/actor.hpp"
#include "core/error.hpp"

namespace ugoki {
class clock;
namespace pg {
class database;
}
}  // namespace ugoki

namespace ugoki::admin {

class media_service {
 public:
  // Keeps references: `db` and `clock` must outlive the service.
  media_service(pg::database& db, const clock& clock, media_settings s);

  bool uses_s3() const { return settings_.s3.has_value(); }
  const media_settings& settings() const { return settings_; }
  // Where uploads spool before they are checked: inside dir, so storing one is a rename. The
  // composition root creates it at start (serve, local storage only).
  std::string spool_dir() const;

  // Local storage: checks and stores the uploaded file `spooled` (the request body) declared as
  // `content_type`, and audits it. 415 ADMIN_001 when the bytes are not that image type (or it
  // is not one we store), 400 ADMIN_002 for an empty body. Throws pg::unavailable, and
  // std::system_error when the file cannot be moved.
  boost::asio::awaitable<result<stored_media>> store(actor who, std::string spooled,
                                                     std::string content_type);

  // S3: a presigned PUT for an upload of `req.size` bytes of `req.content_type` (already
  // validated by media_dto::parse_upload_request), valid for url_ttl, under a fresh key; audited.
  // Throws pg::unavailable.
  boost::asio::awaitable<result<presigned_upload>> presign(actor who, upload_request req);

  // The bytes of the stored file `name` (local storage), or nullopt when there is none.
  std::optional<std::string> read(std::string_view name) const;

 private:
  pg::database& db_;
  const clock& clock_;
  media_settings settings_;
};

// Pure: the Host header value and the scheme://host[:port] of an S3 endpoint URL, default
// ports dropped (clients leave them out of Host, and Host is signed). nullopt when `endpoint` is
// not http(s)://host[:port] with an optional trailing '/'.
std::optional<std::string> endpoint_host(std::string_view endpoint);

}  // namespace ugoki::admin
