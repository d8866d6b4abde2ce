// Unit tests of UGOKI_PII_KEYS in the configuration and of the PII sealing it configures:
// required in production, a stable dev key otherwise, malformed keys named at start-up.
// The header under test comes first: it must be self-contained.
#include "app/config.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "core/crypto/pii_cipher.hpp"

namespace ugoki::app {
namespace {

const std::map<std::string, std::string> minimal{
    {"UGOKI_DATABASE_URL", "postgresql:///ugoki?host=/tmp"},
    {"UGOKI_REDIS_URL", "redis://127.0.0.1:6379"}};

config load_pii_config(std::map<std::string, std::string> vars) {
  return load_config([vars = std::move(vars)](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  });
}

bool mentions_pii(std::map<std::string, std::string> vars) {
  try {
    load_pii_config(std::move(vars));
  } catch (const config_error& e) {
    return std::any_of(e.problems.begin(), e.problems.end(),
                       [](const std::string& p) { return p.rfind("UGOKI_PII_KEYS", 0) == 0; });
  }
  return false;
}

TEST(pii_config, development_uses_a_stable_dev_key) {
  auto a = crypto::pii_cipher::from_config(load_pii_config(minimal).pii_keys);
  auto b = crypto::pii_cipher::from_config(load_pii_config(minimal).pii_keys);
  EXPECT_EQ(a.active_kid(), "dev");
  // Another process (a restart, a second instance) reads what this one wrote.
  EXPECT_EQ(b.decrypt(a.encrypt("1990-01-01", "u:date_of_birth_enc"), "u:date_of_birth_enc"),
            "1990-01-01");
}

TEST(pii_config, production_requires_keys) {
  auto vars = minimal;
  vars["UGOKI_ENV"] = "production";
  EXPECT_TRUE(mentions_pii(vars));
  vars["UGOKI_PII_KEYS"] = crypto::pii_cipher::generate_key_spec("k2026");
  EXPECT_FALSE(mentions_pii(vars));
}

TEST(pii_config, malformed_keys_are_named_without_key_material) {
  auto vars = minimal;
  for (const char* bad : {"nokid", "k1:short", "k1:!!!!", "a:" /* empty key */}) {
    vars["UGOKI_PII_KEYS"] = bad;
    EXPECT_TRUE(mentions_pii(vars)) << bad;
  }
}

TEST(pii_config, a_ciphertext_is_bound_to_its_row_and_column) {
  auto c = crypto::pii_cipher::from_config(load_pii_config(minimal).pii_keys);
  auto blob = c.encrypt("peanuts", "user-a:allergies_enc");
  EXPECT_THROW(c.decrypt(blob, "user-b:allergies_enc"), crypto::pii_decrypt_error);
  EXPECT_THROW(c.decrypt(blob, "user-a:health_conditions_enc"), crypto::pii_decrypt_error);
}

}  // namespace
}  // namespace ugoki::app
