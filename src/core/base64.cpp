// The base64 codec on libsodium's sodium_bin2base64 / sodium_base642bin.
#include "core/base64.hpp"

#include <sodium.h>

namespace ugoki::base64 {

namespace {

int sodium_variant(variant v) {
  switch (v) {
    case variant::standard:
      return sodium_base64_VARIANT_ORIGINAL;
    case variant::standard_unpadded:
      return sodium_base64_VARIANT_ORIGINAL_NO_PADDING;
    case variant::url:
      return sodium_base64_VARIANT_URLSAFE;
    case variant::url_unpadded:
      break;
  }
  return sodium_base64_VARIANT_URLSAFE_NO_PADDING;
}

}  // namespace

std::string encode(std::string_view bytes, variant v) {
  const int sv = sodium_variant(v);
  // The encoded length plus the terminating NUL sodium writes.
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sv), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sv);
  out.resize(out.size() - 1);
  return out;
}

std::optional<std::string> decode(std::string_view text, variant v) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, &end, sodium_variant(v)) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(len);
  return out;
}

}  // namespace ugoki::base64
