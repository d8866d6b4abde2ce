// Upload readers: a plain file, or one zip entry inflated chunk by chunk through libzip.
#include "analytics/import_source.hpp"

#include <zip.h>

#include <cerrno>
#include <cstdio>
#include <string>
#include <system_error>

#include "analytics/apple_health_parser.hpp"

namespace ugoki::analytics::import_source {

namespace {

using apple_health::format_error;

class file_reader final : public reader {
 public:
  explicit file_reader(const std::filesystem::path& path)
      : f_(std::fopen(path.c_str(), "rb")), size_(std::filesystem::file_size(path)) {
    if (f_ == nullptr) {
      throw std::system_error(errno, std::generic_category(), "cannot open the upload");
    }
  }
  ~file_reader() override { std::fclose(f_); }

  std::size_t read(char* buf, std::size_t n) override {
    std::size_t got = std::fread(buf, 1, n, f_);
    if (got == 0 && std::ferror(f_)) {
      throw std::system_error(errno, std::generic_category(), "cannot read the upload");
    }
    return got;
  }
  std::uint64_t size() const override { return size_; }

 private:
  std::FILE* f_;
  std::uint64_t size_;
};

// Finds the export: the standard path first, then a lone "export.xml" anywhere (an archive
// repacked by hand). Several candidates and no standard path is ambiguous: refused.
std::optional<zip_uint64_t> find_export_entry(zip_t* za) {
  zip_int64_t exact = zip_name_locate(za, std::string(zip_entry_name).c_str(), 0);
  if (exact >= 0) {
    return static_cast<zip_uint64_t>(exact);
  }
  std::optional<zip_uint64_t> found;
  zip_int64_t count = zip_get_num_entries(za, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* name = zip_get_name(za, static_cast<zip_uint64_t>(i), 0);
    if (name == nullptr) {
      continue;
    }
    std::string_view n(name);
    if (n == "export.xml" || n.ends_with("/export.xml")) {
      if (found) {
        return std::nullopt;
      }
      found = static_cast<zip_uint64_t>(i);
    }
  }
  return found;
}

class zip_reader final : public reader {
 public:
  explicit zip_reader(const std::filesystem::path& path) {
    int err = 0;
    za_ = zip_open(path.c_str(), ZIP_RDONLY, &err);
    if (za_ == nullptr) {
      if (err == ZIP_ER_OPEN || err == ZIP_ER_READ || err == ZIP_ER_MEMORY) {
        throw std::system_error(EIO, std::generic_category(), "cannot open the upload");
      }
      throw format_error("The zip archive is damaged or incomplete (was the upload cut short?)");
    }
    auto index = find_export_entry(za_);
    if (!index) {
      zip_discard(za_);
      throw format_error("The zip archive holds no apple_health_export/export.xml");
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(za_, *index, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) != 0) {
      size_ = st.size;
    }
    file_ = zip_fopen_index(za_, *index, 0);
    if (file_ == nullptr) {
      zip_discard(za_);
      throw format_error(
          "The zip archive's export.xml cannot be read (unsupported compression "
          "or encryption)");
    }
  }
  ~zip_reader() override {
    zip_fclose(file_);
    zip_discard(za_);  // read-only: nothing to write back
  }

  std::size_t read(char* buf, std::size_t n) override {
    zip_int64_t got = zip_fread(file_, buf, n);
    if (got < 0) {
      // Inflate errors, CRC mismatches and short data all mean the same to the user.
      throw format_error(
          "The zip archive is damaged or incomplete (its export.xml does not "
          "decompress)");
    }
    read_ += static_cast<std::uint64_t>(got);
    if (read_ > max_uncompressed_bytes) {
      throw format_error("The export is too large to import (over 16 GiB uncompressed)");
    }
    return static_cast<std::size_t>(got);
  }
  std::uint64_t size() const override { return size_; }

 private:
  zip_t* za_ = nullptr;
  zip_file_t* file_ = nullptr;
  std::uint64_t size_ = 0;
  std::uint64_t read_ = 0;
};

}  // namespace

std::optional<format> detect(std::string_view b) {
  if (b.size() >= 4 && b.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    return format::zip;
  }
  if (b.starts_with("\xEF\xBB\xBF")) {
    b.remove_prefix(3);
  }
  while (!b.empty() &&
         (b.front() == ' ' || b.front() == '\t' || b.front() == '\r' || b.front() == '\n')) {
    b.remove_prefix(1);
  }
  if (!b.empty() && b.front() == '<') {
    return format::xml;
  }
  return std::nullopt;
}

std::optional<format> detect_file(const std::filesystem::path& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return std::nullopt;
  }
  char buf[512];
  std::size_t n = std::fread(buf, 1, sizeof buf, f);
  std::fclose(f);
  return detect(std::string_view(buf, n));
}

std::unique_ptr<reader> open(const std::filesystem::path& path, format f) {
  if (f == format::zip) {
    return std::make_unique<zip_reader>(path);
  }
  return std::make_unique<file_reader>(path);
}

}  // namespace ugoki::analytics::import_source
