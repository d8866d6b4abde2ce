// Password normalisation (utf8proc) and the new-password policy with the common-password list.
#include "core/crypto/password.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <fstream>
#include <memory>

namespace ugoki::crypto {
namespace {

// utf8proc_map with `options`. utf8proc allocates the result with malloc; we own and free it.
std::string map_utf8(std::string_view utf8, utf8proc_option_t options) {
  if (utf8.empty()) {
    return {};
  }
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                                      static_cast<utf8proc_ssize_t>(utf8.size()), &out, options);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
  if (len < 0) {
    // UTF8PROC_ERROR_INVALIDUTF8 in practice; NOMEM and OVERFLOW are treated alike because
    // the caller can do nothing better with them than refuse the input.
    throw invalid_password_encoding();
  }
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(len));
}

// The form list entries and candidates are compared in: NFC, then Unicode case folding (a
// superset of ASCII lowercasing; the shipped list is ASCII lowercase).
std::string fold(std::string_view utf8) {
  return map_utf8(
      utf8, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
}

}  // namespace

std::string normalize_password(std::string_view utf8) {
  // STABLE|COMPOSE is NFC; without COMPAT it is not NFKC, so "ﬁ" stays a ligature, as ASVS's
  // reference to NFC (not NFKC) implies.
  return map_utf8(utf8, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
}

std::size_t code_point_count(std::string_view utf8) {
  std::size_t n = 0;
  for (char c : utf8) {
    // Every code point has exactly one byte that is not a continuation byte (10xxxxxx).
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++n;
    }
  }
  return n;
}

common_passwords::common_passwords(const std::vector<std::string>& words) {
  words_.reserve(words.size());
  for (const auto& w : words) {
    if (!w.empty()) {
      words_.insert(fold(w));
    }
  }
}

common_passwords common_passwords::load(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("cannot read the common-password list " + path.string());
  }
  std::vector<std::string> words;
  words.reserve(10'000);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();  // tolerate a list saved with CRLF line ends
    }
    if (!line.empty()) {
      words.push_back(std::move(line));
    }
  }
  if (in.bad()) {
    throw std::runtime_error("error reading the common-password list " + path.string());
  }
  if (words.empty()) {
    throw std::runtime_error("the common-password list " + path.string() + " is empty");
  }
  return common_passwords(words);
}

bool common_passwords::contains(std::string_view password) const {
  if (words_.empty()) {
    return false;
  }
  try {
    return words_.contains(fold(password));
  } catch (const invalid_password_encoding&) {
    return false;
  }
}

password_policy::password_policy(const common_passwords& common, password_limits limits)
    : common_(common), limits_(limits) {}

std::vector<std::string> password_policy::check(std::string_view password) const {
  std::vector<std::string> problems;
  std::string normalized;
  try {
    normalized = normalize_password(password);
  } catch (const invalid_password_encoding&) {
    problems.emplace_back("must be valid UTF-8 text");
    return problems;
  }
  std::size_t length = code_point_count(normalized);
  if (length < limits_.min_code_points) {
    problems.push_back("must be at least " + std::to_string(limits_.min_code_points) +
                       " characters long");
  } else if (length > limits_.max_code_points) {
    problems.push_back("must be at most " + std::to_string(limits_.max_code_points) +
                       " characters long");
  }
  if (common_.contains(normalized)) {
    problems.emplace_back("is too common: it appears in lists of breached passwords");
  }
  return problems;
}

}  // namespace ugoki::crypto
