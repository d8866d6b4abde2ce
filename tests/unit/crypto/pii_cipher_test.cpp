// The header under test comes first: it must be self-contained.
#include "core/crypto/pii_cipher.hpp"

#include <gtest/gtest.h>

namespace ugoki::crypto {
namespace {

constexpr std::string_view ad = "9b2f0c1e-0000-4000-8000-000000000001/date_of_birth";

TEST(pii_cipher, round_trips_and_uses_a_fresh_nonce) {
  auto cipher = pii_cipher::from_config(pii_cipher::generate_key_spec("k1"));
  EXPECT_EQ(cipher.active_kid(), "k1");
  std::string blob = cipher.encrypt("1990-04-01", ad);
  // version | kid_len | "k1" | nonce(12) | ciphertext(10) | tag(16)
  ASSERT_EQ(blob.size(), 1u + 1u + 2u + 12u + 10u + 16u);
  EXPECT_EQ(blob[0], 1);
  EXPECT_EQ(blob.substr(1, 3), std::string("\x02k1"));
  EXPECT_EQ(blob.find("1990-04-01"), std::string::npos);
  EXPECT_EQ(cipher.decrypt(blob, ad), "1990-04-01");
  EXPECT_NE(cipher.encrypt("1990-04-01", ad), blob);  // random nonce: no equality leak
  EXPECT_EQ(cipher.decrypt(cipher.encrypt("", ad), ad), "");
  std::string binary("\0\xff\x01 allergies: peanuts", 23);
  EXPECT_EQ(cipher.decrypt(cipher.encrypt(binary, ad), ad), binary);
}

TEST(pii_cipher, any_tampered_byte_is_refused) {
  auto cipher = pii_cipher::from_config(pii_cipher::generate_key_spec("k1"));
  std::string blob = cipher.encrypt("asthma; diabetes type 2", ad);
  for (std::size_t i = 0; i < blob.size(); ++i) {
    std::string bad = blob;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    EXPECT_THROW(cipher.decrypt(bad, ad), pii_decrypt_error) << "byte " << i;
  }
  EXPECT_THROW(cipher.decrypt(blob.substr(0, blob.size() - 1), ad), pii_decrypt_error);
  EXPECT_THROW(cipher.decrypt(blob + "x", ad), pii_decrypt_error);
  EXPECT_THROW(cipher.decrypt("", ad), pii_decrypt_error);
  EXPECT_THROW(cipher.decrypt(std::string("\x01\x02k1", 4), ad), pii_decrypt_error);
}

TEST(pii_cipher, ciphertext_moved_to_another_row_or_column_fails) {
  auto cipher = pii_cipher::from_config(pii_cipher::generate_key_spec("k1"));
  std::string blob = cipher.encrypt("1990-04-01", ad);
  EXPECT_THROW(cipher.decrypt(blob, "9b2f0c1e-0000-4000-8000-000000000002/date_of_birth"),
               pii_decrypt_error);
  EXPECT_THROW(cipher.decrypt(blob, "9b2f0c1e-0000-4000-8000-000000000001/allergies"),
               pii_decrypt_error);
  EXPECT_THROW(cipher.decrypt(blob, ""), pii_decrypt_error);
}

TEST(pii_cipher, rotation_keeps_old_ciphertexts_readable) {
  std::string old_spec = pii_cipher::generate_key_spec("2025-01");
  std::string new_spec = pii_cipher::generate_key_spec("2026-01");
  auto before = pii_cipher::from_config(old_spec);
  std::string old_blob = before.encrypt("peanuts", ad);

  auto after = pii_cipher::from_config(new_spec + "," + old_spec);
  EXPECT_EQ(after.active_kid(), "2026-01");
  EXPECT_EQ(after.decrypt(old_blob, ad), "peanuts");
  std::string new_blob = after.encrypt("peanuts", ad);
  EXPECT_EQ(new_blob.substr(2, 7), "2026-01");
  EXPECT_THROW(before.decrypt(new_blob, ad), pii_decrypt_error);  // unknown kid

  // Once the old key is retired, its ciphertexts no longer open.
  auto retired = pii_cipher::from_config(new_spec);
  EXPECT_THROW(retired.decrypt(old_blob, ad), pii_decrypt_error);
  // Same kid, different key bytes: authentication fails.
  auto impostor = pii_cipher::from_config(pii_cipher::generate_key_spec("2025-01"));
  EXPECT_THROW(impostor.decrypt(old_blob, ad), pii_decrypt_error);
}

TEST(pii_cipher, config_parsing_is_strict) {
  // 32 zero bytes in standard base64, and URL-safe without padding.
  EXPECT_NO_THROW(pii_cipher::from_config("a:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
  EXPECT_NO_THROW(pii_cipher::from_config("a:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
  EXPECT_THROW(pii_cipher::from_config(""), std::invalid_argument);
  EXPECT_THROW(pii_cipher::from_config("no-colon"), std::invalid_argument);
  EXPECT_THROW(pii_cipher::from_config(":AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
               std::invalid_argument);
  EXPECT_THROW(pii_cipher::from_config("a:AAAA"), std::invalid_argument);  // 3 bytes
  EXPECT_THROW(pii_cipher::from_config("a:!!!!AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
               std::invalid_argument);
  std::string k = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  EXPECT_THROW(pii_cipher::from_config("a:" + k + ",a:" + k), std::invalid_argument);
  EXPECT_THROW(pii_cipher::from_config("a:" + k + ","), std::invalid_argument);
  EXPECT_THROW(pii_cipher::generate_key_spec("bad:kid"), std::invalid_argument);
  try {
    pii_cipher::from_config("a:" + k + ",b:" + k.substr(0, 20));
    FAIL() << "expected invalid_argument";
  } catch (const std::invalid_argument& e) {
    // The message locates the entry without echoing key material.
    EXPECT_EQ(std::string(e.what()).find(k.substr(0, 20)), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("entry 2"), std::string::npos);
  }
}

}  // namespace
}  // namespace ugoki::crypto
