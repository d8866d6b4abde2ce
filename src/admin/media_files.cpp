// The local media store: images checked by their magic numbers, named by their SHA-256, written
// by rename (atomic on one file system) so a reader never sees half a file.
#include "admin/media_files.hpp"

#include <array>
#include <cerrno>
#include <fstream>
#include <iterator>
#include <system_error>

#include "admin/errors.hpp"
#include "core/crypto/random.hpp"

namespace ugoki::admin::media {

namespace {

struct known_type {
  std::string_view type;
  std::string_view extension;
};

// No SVG: an SVG is a document that can run script when opened from our origin.
constexpr std::array<known_type, 4> known_types{
    {{"image/jpeg", "jpg"}, {"image/png", "png"}, {"image/webp", "webp"}, {"image/gif", "gif"}}};

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw std::system_error(errno, std::generic_category(), "cannot open the upload");
  }
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) {
    throw std::system_error(errno, std::generic_category(), "cannot read the upload");
  }
  return bytes;
}

}  // namespace

std::string bare_type(std::string_view content_type) {
  const auto end = content_type.find_first_of("; \t");
  std::string out(content_type.substr(0, end));
  for (char& c : out) {
    c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  }
  return out;
}

std::optional<std::string_view> extension_for(std::string_view content_type) {
  const std::string type = bare_type(content_type);
  for (const auto& k : known_types) {
    if (k.type == type) {
      return k.extension;
    }
  }
  return std::nullopt;
}

bool magic_matches(std::string_view content_type, std::string_view head) {
  const std::string type = bare_type(content_type);
  if (type == "image/jpeg") {
    return head.starts_with("\xFF\xD8\xFF");
  }
  if (type == "image/png") {
    return head.starts_with(std::string_view("\x89PNG\r\n\x1A\n", 8));
  }
  if (type == "image/gif") {
    return head.starts_with("GIF87a") || head.starts_with("GIF89a");
  }
  if (type == "image/webp") {
    return head.size() >= 12 && head.starts_with("RIFF") && head.substr(8, 4) == "WEBP";
  }
  return false;
}

bool is_media_name(std::string_view name) {
  const auto dot = name.find('.');
  if (dot != 64) {
    return false;
  }
  for (char c : name.substr(0, 64)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  const std::string_view ext = name.substr(65);
  for (const auto& k : known_types) {
    if (k.extension == ext) {
      return true;
    }
  }
  return false;
}

std::string_view content_type_of(std::string_view name) {
  const std::string_view ext = name.substr(name.find('.') + 1);
  for (const auto& k : known_types) {
    if (k.extension == ext) {
      return k.type;
    }
  }
  return "application/octet-stream";
}

result<stored_media> store(const std::filesystem::path& dir, const std::filesystem::path& spooled,
                           std::string_view content_type) {
  const auto extension = extension_for(content_type);
  const std::string type = bare_type(content_type);
  // Bounded by the route's body limit (UGOKI_MEDIA_MAX_BYTES): reading it whole is fine.
  const std::string bytes = spooled.empty() ? std::string() : slurp(spooled);
  if (bytes.empty()) {
    return errors::media_empty();
  }
  if (!extension || !magic_matches(type, std::string_view(bytes).substr(0, 16))) {
    return errors::media_type_mismatch(type);
  }
  stored_media out;
  out.name = crypto::sha256_hex(bytes) + "." + std::string(*extension);
  out.url = "/media/" + out.name;
  out.content_type = type;
  out.size = static_cast<std::int64_t>(bytes.size());
  const std::filesystem::path target = dir / out.name;
  if (!std::filesystem::exists(target)) {
    // The spool directory is inside `dir` (same file system), so this is a rename, atomic.
    std::filesystem::rename(spooled, target);
    std::filesystem::permissions(
        target, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                    std::filesystem::perms::group_read | std::filesystem::perms::others_read);
  }
  return out;
}

std::optional<std::string> read(const std::filesystem::path& dir, std::string_view name) {
  if (!is_media_name(name)) {
    return std::nullopt;
  }
  std::ifstream in(dir / std::string(name), std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) {
    throw std::system_error(errno, std::generic_category(), "cannot read a media file");
  }
  return bytes;
}

}  // namespace ugoki::admin::media
