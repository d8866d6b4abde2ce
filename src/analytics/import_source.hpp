// Where an import's XML bytes come from: the uploaded export.xml itself, or the export.xml
// entry of an uploaded export.zip, read as a stream (libzip) and never extracted whole.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

namespace ugoki::analytics::import_source {

enum class format { xml, zip };

// Sniffs the first bytes of an upload: a zip local-file header ("PK\3\4") is zip; an optional
// UTF-8 byte-order mark and whitespace followed by '<' is xml; anything else is nullopt.
std::optional<format> detect(std::string_view first_bytes);

// As detect(), reading the start of the file at `path`; nullopt also when it cannot be read.
std::optional<format> detect_file(const std::filesystem::path& path);

// A forward-only stream of the document's bytes.
class reader {
 public:
  virtual ~reader() = default;
  // Fills up to `n` bytes of `buf`; returns 0 at the end. Throws apple_health::format_error
  // when the archive is damaged (bad CRC, truncated data) and std::system_error on I/O errors.
  virtual std::size_t read(char* buf, std::size_t n) = 0;
  // The document's size in bytes (uncompressed for a zip), for progress.
  virtual std::uint64_t size() const = 0;
};

// The entry the zip holds the export in: apple_health_export/export.xml, or failing that the
// only entry named export.xml at any depth.
inline constexpr std::string_view zip_entry_name = "apple_health_export/export.xml";

// Most uncompressed bytes read from a zip: a real export is a few GB at most, and the cap stops
// a zip bomb from burning CPU for hours.
inline constexpr std::uint64_t max_uncompressed_bytes = 16ull << 30;

// Opens the upload at `path` as format `f`. Throws apple_health::format_error with a message
// for the user when the zip cannot be opened (damaged, truncated) or holds no export.xml, and
// std::system_error when the file cannot be opened.
std::unique_ptr<reader> open(const std::filesystem::path& path, format f);

}  // namespace ugoki::analytics::import_source
