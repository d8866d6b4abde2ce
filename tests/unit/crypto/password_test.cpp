// The header under test comes first: it must be self-contained.
#include "core/crypto/password.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace ugoki::crypto {
namespace {

// Cheap parameters for tests that only need "some Argon2id hash"; the OWASP defaults get
// their own tests below.
const argon2_params fast{1, 8 * 1024};

const common_passwords& shipped_list() {
  static const common_passwords list =
      common_passwords::load(std::filesystem::path(UGOKI_TEST_DATA_DIR) / "common-passwords.txt");
  return list;
}

TEST(password, normalises_to_nfc_and_rejects_invalid_utf8) {
  // "é" precomposed (U+00E9) and decomposed (e + U+0301) normalise to the same bytes.
  EXPECT_EQ(normalize_password("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(normalize_password("cafe\xcc\x81"), "caf\xc3\xa9");
  EXPECT_EQ(normalize_password("  spaces kept  "), "  spaces kept  ");
  EXPECT_EQ(normalize_password(""), "");
  // NFC, not NFKC: the "fi" ligature stays.
  EXPECT_EQ(normalize_password("\xef\xac\x81"), "\xef\xac\x81");
  EXPECT_THROW(normalize_password("\xff\xfe"), invalid_password_encoding);
  EXPECT_THROW(normalize_password("\xc0\xaf"), invalid_password_encoding);      // overlong '/'
  EXPECT_THROW(normalize_password("\xed\xa0\x80"), invalid_password_encoding);  // surrogate
  EXPECT_THROW(normalize_password("abc\xe2\x82"), invalid_password_encoding);   // truncated
  EXPECT_EQ(code_point_count("caf\xc3\xa9"), 4u);
  EXPECT_EQ(code_point_count("\xf0\x9f\x94\x91"), 1u);  // one emoji, four bytes
}

TEST(password, shipped_list_has_the_top_10000_in_lowercase) {
  EXPECT_EQ(shipped_list().size(), 10000u);
  EXPECT_TRUE(shipped_list().contains("123456"));
  EXPECT_TRUE(shipped_list().contains("password"));
  EXPECT_TRUE(shipped_list().contains("PassWord"));  // case-insensitive
  EXPECT_TRUE(shipped_list().contains("qwertyuiop"));
  EXPECT_FALSE(shipped_list().contains("correct horse battery staple"));
  EXPECT_FALSE(shipped_list().contains("\xff"));
  EXPECT_THROW(common_passwords::load("/nonexistent/common-passwords.txt"), std::runtime_error);
}

TEST(password, loader_skips_blank_lines_and_crlf_and_refuses_an_empty_file) {
  auto dir = std::filesystem::temp_directory_path();
  auto path = dir / ("ugoki_common_" + std::to_string(::getpid()) + ".txt");
  {
    std::ofstream out(path, std::ios::binary);
    out << "hunter2hunter2\r\n\nletmeinletmein\n";
  }
  auto list = common_passwords::load(path);
  EXPECT_EQ(list.size(), 2u);
  EXPECT_TRUE(list.contains("HUNTER2hunter2"));
  { std::ofstream truncate(path, std::ios::binary | std::ios::trunc); }
  EXPECT_THROW(common_passwords::load(path), std::runtime_error);
  std::filesystem::remove(path);
}

TEST(password, policy_counts_code_points_after_normalisation) {
  password_policy policy(shipped_list());
  EXPECT_TRUE(policy.check("correct horse battery staple").empty());
  EXPECT_TRUE(policy.check("twelve chars").empty());  // exactly 12, spaces allowed
  EXPECT_EQ(policy.check("eleven char").size(), 1u);
  // 12 code points but 24 bytes: accepted (length is not counted in bytes).
  std::string twelve_cyrillic;
  for (int i = 0; i < 12; ++i) {
    twelve_cyrillic += "\xd0\xb6";
  }
  EXPECT_TRUE(policy.check(twelve_cyrillic).empty());
  // 11 precomposed letters written decomposed are 22 code points before NFC, 11 after.
  std::string decomposed;
  for (int i = 0; i < 11; ++i) {
    decomposed += "e\xcc\x81";
  }
  EXPECT_EQ(policy.check(decomposed).size(), 1u);
  EXPECT_TRUE(policy.check(std::string(128, 'x')).empty());
  auto too_long = policy.check(std::string(129, 'x'));
  ASSERT_EQ(too_long.size(), 1u);
  EXPECT_NE(too_long[0].find("128"), std::string::npos);
  EXPECT_EQ(policy.check("\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4").size(), 1u);
}

TEST(password, policy_rejects_common_passwords_case_insensitively) {
  password_policy policy(shipped_list());
  // Long entries of the list (12+ characters) pass the length rule and fail only this one.
  auto problems = policy.check("1qaz2wsx3edc");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("common"), std::string::npos);
  EXPECT_EQ(policy.check("QWERTY123456").size(), 1u);
  EXPECT_EQ(policy.check("password").size(), 2u);  // too short and too common
  EXPECT_TRUE(password_policy(common_passwords()).check("1qaz2wsx3edc").empty());
}

TEST(password, owasp_argon2id_phc_string) {
  std::string phc = hash_password("correct horse battery staple");
  // $argon2id$v=19$m=19456,t=2,p=1$<22-char salt = 16 bytes>$<43-char hash = 32 bytes>
  ASSERT_EQ(phc.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << phc;
  std::string tail = phc.substr(std::string("$argon2id$v=19$m=19456,t=2,p=1$").size());
  auto dollar = tail.find('$');
  ASSERT_NE(dollar, std::string::npos);
  EXPECT_EQ(dollar, 22u);
  EXPECT_EQ(tail.size() - dollar - 1, 43u);
  EXPECT_TRUE(verify_password(phc, "correct horse battery staple"));
  EXPECT_FALSE(verify_password(phc, "correct horse battery stapl"));
  EXPECT_FALSE(needs_rehash(phc));
  EXPECT_NE(hash_password("correct horse battery staple"), phc);  // fresh salt each time
}

TEST(password, verify_normalises_like_hash) {
  std::string phc = hash_password("caf\xc3\xa9 au lait please", fast);
  EXPECT_TRUE(verify_password(phc, "cafe\xcc\x81 au lait please"));
  EXPECT_FALSE(verify_password(phc, "CAF\xc3\x89 au lait please"));  // case still matters
  EXPECT_FALSE(verify_password(phc, "caf\xff au lait please"));
  EXPECT_THROW(hash_password("\xff", fast), invalid_password_encoding);
}

TEST(password, verify_refuses_garbage_hashes) {
  EXPECT_FALSE(verify_password("", "whatever password"));
  EXPECT_FALSE(verify_password("$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB", "whatever"));
  EXPECT_FALSE(verify_password(std::string(200, '$'), "whatever password"));
  EXPECT_FALSE(verify_password(std::string("$argon2id\0$", 11), "whatever password"));
}

TEST(password, needs_rehash_when_parameters_change) {
  std::string weak = hash_password("correct horse battery staple", fast);
  EXPECT_TRUE(needs_rehash(weak));  // defaults are stronger
  EXPECT_FALSE(needs_rehash(weak, fast));
  EXPECT_TRUE(needs_rehash(weak, argon2_params{2, 8 * 1024}));
  EXPECT_TRUE(needs_rehash("not a hash"));
  EXPECT_TRUE(needs_rehash(""));
}

// The '$'-separated fields of a PHC string: "", algorithm, version, parameters, salt, hash.
std::vector<std::string> phc_fields(const std::string& phc) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (std::size_t at; (at = phc.find('$', from)) != std::string::npos; from = at + 1) {
    out.push_back(phc.substr(from, at - from));
  }
  out.push_back(phc.substr(from));
  return out;
}

TEST(password, dummy_hash_costs_like_a_real_one_and_matches_nothing) {
  std::string dummy = make_dummy_hash();
  std::string real = hash_password("correct horse battery staple");
  EXPECT_FALSE(verify_password(dummy, "correct horse battery staple"));
  EXPECT_FALSE(verify_password(dummy, ""));
  // Same cost: verification runs Argon2id with the parameters written in the hash, so the same
  // algorithm, version, memory, passes, lanes and salt/hash sizes mean the same work. (Compared
  // as data, not timed: timings on a shared, sanitised machine made this test flaky.)
  auto d = phc_fields(dummy);
  auto r = phc_fields(real);
  ASSERT_EQ(d.size(), 6u) << dummy;
  ASSERT_EQ(r.size(), 6u) << real;
  EXPECT_EQ(d[1], "argon2id");
  EXPECT_EQ(d[1], r[1]);
  EXPECT_EQ(d[2], r[2]);  // v=19
  EXPECT_EQ(d[3], r[3]);  // m=...,t=...,p=...
  EXPECT_EQ(d[4].size(), r[4].size());
  EXPECT_EQ(d[5].size(), r[5].size());
  EXPECT_NE(d[4], r[4]) << "each hash has its own salt";
}

}  // namespace
}  // namespace ugoki::crypto
