// Media uploads for article images (docs/admin.md, "Media"): settings and outcomes.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ugoki::admin {

// An S3-compatible bucket, addressed path-style: <endpoint>/<bucket>/<key>.
struct s3_settings {
  std::string endpoint;  // scheme://host[:port], no path
  std::string bucket;
  std::string region;
  std::string access_key_id;
  std::string secret_access_key;
  std::string public_base_url;  // what readers fetch: <public_base_url>/<key>
  std::chrono::seconds url_ttl{900};
};

struct media_settings {
  // Local storage: files under dir, named by content hash, served at /media/<name>.
  std::filesystem::path dir = "var/media";
  std::int64_t max_bytes = 5 * 1024 * 1024;
  // Set: uploads go straight to the bucket through presigned PUTs; nothing is stored here.
  std::optional<s3_settings> s3;
};

// A file stored on local disk.
struct stored_media {
  std::string name;  // "<sha256 hex>.<ext>"
  std::string url;   // "/media/<name>"
  std::string content_type;
  std::int64_t size = 0;
};

// What POST /admin/media asks for in S3 mode.
struct upload_request {
  std::string content_type;
  std::int64_t size = 0;
};

// A presigned PUT the client sends the file with.
struct presigned_upload {
  std::string method = "PUT";
  std::string upload_url;
  // Headers the client must send with exactly these values (they are signed).
  std::vector<std::pair<std::string, std::string>> headers;
  std::string url;  // where readers get the file once uploaded
  std::string key;  // the object key in the bucket
  std::string content_type;
  std::int64_t size = 0;
  std::chrono::system_clock::time_point expires_at;
};

}  // namespace ugoki::admin
