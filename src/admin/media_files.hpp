// The local media store's pure rules (which types, magic numbers, names) and its file
// operations. No HTTP, no JSON.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "admin/media_types.hpp"
#include "core/error.hpp"

namespace ugoki::admin::media {

// The file extension we store `content_type` under (jpg, png, webp, gif), or nullopt for any
// other type: SVG (it can carry script) and everything that is not one of these four images.
// Parameters (";charset=...") and case are ignored.
std::optional<std::string_view> extension_for(std::string_view content_type);
// The bare, lowercase media type of a Content-Type value ("image/png").
std::string bare_type(std::string_view content_type);
// Whether `head` (the file's first bytes, at least 12 when the file has them) starts with the
// signature of `content_type` (one of extension_for's four).
bool magic_matches(std::string_view content_type, std::string_view head);
// Whether `name` is one we could have stored: 64 lowercase hex, a dot, one of the extensions.
// Everything else (paths, "..", other extensions) is not, so a lookup never leaves the directory.
bool is_media_name(std::string_view name);
// The Content-Type of a stored name (is_media_name() must hold).
std::string_view content_type_of(std::string_view name);

// Moves the uploaded file `spooled` into `dir` as "<sha256>.<ext>" after checking that its bytes
// are an image of `content_type`. 400 ADMIN_002 for an empty file, 415 ADMIN_001 when the bytes
// do not match the type. Storing the same bytes twice keeps one file. Throws std::system_error
// when the file cannot be read or moved.
result<stored_media> store(const std::filesystem::path& dir, const std::filesystem::path& spooled,
                           std::string_view content_type);

// The bytes of the stored file `name`, or nullopt when there is none (or the name is not one of
// ours). Throws std::system_error on a read failure of a file that exists.
std::optional<std::string> read(const std::filesystem::path& dir, std::string_view name);

}  // namespace ugoki::admin::media
