// Media uploads: local storage with an audit entry, or presigned S3 PUTs (crypto::sigv4).
#include "admin/media_service.hpp"

#include "admin/media_files.hpp"
#include "admin/store.hpp"
#include "core/clock.hpp"
#include "core/crypto/random.hpp"
#include "core/crypto/sigv4.hpp"
#include "core/json_writer.hpp"

namespace ugoki::admin {

namespace {

using boost::asio::awaitable;

// {"content_type","size","url","storage"}: the audit entry's after-state.
std::string audit_after(std::string_view content_type, std::int64_t size, std::string_view url,
                        std::string_view storage) {
  std::string out = "{\"content_type\":\"";
  json::append_escaped(out, content_type);
  out += "\",\"size\":" + std::to_string(size) + ",\"url\":\"";
  json::append_escaped(out, url);
  out += "\",\"storage\":\"";
  out += storage;
  out += "\"}";
  return out;
}

}  // namespace

media_service::media_service(pg::database& db, const clock& clock, media_settings s)
    : db_(db), clock_(clock), settings_(std::move(s)) {}

std::string media_service::spool_dir() const {
  return (settings_.dir / ".spool").string();
}

awaitable<result<stored_media>> media_service::store(actor who, std::string spooled,
                                                     std::string content_type) {
  auto stored = media::store(settings_.dir, spooled, content_type);
  if (!stored) {
    co_return stored;
  }
  // After the file is in place: an entry never names a file that is not there. A failure here
  // leaves an unaudited file, harmless (its name is its content) and overwritten by a retry.
  co_await store::record(db_, who, "admin.media", stored->name, "create",
                         audit_after(stored->content_type, stored->size, stored->url, "local"));
  co_return stored;
}

awaitable<result<presigned_upload>> media_service::presign(actor who, upload_request req) {
  const s3_settings& s3 = *settings_.s3;
  const auto ext = media::extension_for(req.content_type);
  presigned_upload out;
  out.content_type = req.content_type;
  out.size = req.size;
  // A fresh random key: the bytes are not ours to hash, and a guessable key would let one
  // upload replace another.
  out.key = "media/" + crypto::random_uuid() + "." + std::string(ext.value_or("bin"));
  const auto now = clock_.now();
  out.expires_at = now + s3.url_ttl;
  crypto::sigv4::presign_request r;
  r.method = "PUT";
  r.host = endpoint_host(s3.endpoint).value_or("");
  r.path = "/" + s3.bucket + "/" + out.key;
  r.region = s3.region;
  r.access_key_id = s3.access_key_id;
  r.secret_access_key = s3.secret_access_key;
  r.at = now;
  r.expires = s3.url_ttl;
  // Signed, so the bucket refuses a body of another type or size than the one allowed here.
  out.headers = {{"Content-Type", req.content_type}, {"Content-Length", std::to_string(req.size)}};
  r.headers = out.headers;
  std::string base = s3.endpoint;
  while (base.ends_with('/')) {
    base.pop_back();
  }
  out.upload_url =
      base + crypto::sigv4::uri_encode(r.path, true) + "?" + crypto::sigv4::presign_query(r);
  std::string public_base = s3.public_base_url;
  while (public_base.ends_with('/')) {
    public_base.pop_back();
  }
  out.url = public_base + "/" + out.key;
  co_await store::record(db_, who, "admin.media", out.key, "create",
                         audit_after(out.content_type, out.size, out.url, "s3"));
  co_return out;
}

std::optional<std::string> media_service::read(std::string_view name) const {
  return media::read(settings_.dir, name);
}

std::optional<std::string> endpoint_host(std::string_view endpoint) {
  std::string_view rest;
  std::string_view default_port;
  if (endpoint.starts_with("https://")) {
    rest = endpoint.substr(8);
    default_port = ":443";
  } else if (endpoint.starts_with("http://")) {
    rest = endpoint.substr(7);
    default_port = ":80";
  } else {
    return std::nullopt;
  }
  if (rest.ends_with('/')) {
    rest.remove_suffix(1);
  }
  if (rest.empty() || rest.find_first_of("/?#@ ") != std::string_view::npos) {
    return std::nullopt;
  }
  if (rest.ends_with(default_port)) {
    rest.remove_suffix(default_port.size());
  }
  return std::string(rest);
}

}  // namespace ugoki::admin
