// RFC 5322 formatting of outgoing mail: headers, CRLF line ends, encoded subjects, and the
// refusal of header injection.
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>

#include "core/mail/mailer.hpp"

namespace ugoki::mail {
namespace {

using namespace std::chrono;

const system_clock::time_point when = sys_days{2026y / November / 26} + 13h + 5min + 9s;

TEST(mail_message, headers_and_body_with_crlf) {
  message m{"ana@example.com", "Reset your Ugoki password", "Hello,\n\nline two\n"};
  auto text = format_message(m, "Ugoki <no-reply@ugoki.app>", when, "abc@ugoki.app");
  EXPECT_EQ(text,
            "Date: Thu, 26 Nov 2026 13:05:09 +0000\r\n"
            "From: Ugoki <no-reply@ugoki.app>\r\n"
            "To: <ana@example.com>\r\n"
            "Subject: Reset your Ugoki password\r\n"
            "Message-ID: <abc@ugoki.app>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n"
            "\r\n"
            "Hello,\r\n\r\nline two\r\n");
}

TEST(mail_message, a_subject_that_is_not_ascii_is_an_encoded_word) {
  message m{"ana@example.com", "Passwort zurücksetzen", "x"};
  auto text = format_message(m, "a@b.c", when, "id@b.c");
  // base64 of the UTF-8 bytes of "Passwort zurücksetzen"
  EXPECT_NE(text.find("Subject: =?UTF-8?B?UGFzc3dvcnQgenVyw7xja3NldHplbg==?=\r\n"),
            std::string::npos);
  EXPECT_TRUE(text.ends_with("x\r\n"));
}

TEST(mail_message, line_breaks_in_headers_are_refused) {
  EXPECT_THROW(format_message({"ana@example.com\r\nBcc: all@example.com", "s", "t"}, "a@b.c", when,
                              "id@b.c"),
               std::invalid_argument);
  EXPECT_THROW(format_message({"ana@example.com", "s\nBcc: x@y.z", "t"}, "a@b.c", when, "i@b.c"),
               std::invalid_argument);
  EXPECT_THROW(format_message({"not-an-address", "s", "t"}, "a@b.c", when, "i@b.c"),
               std::invalid_argument);
  EXPECT_THROW(format_message({"a@b.c>, <x@y.z", "s", "t"}, "a@b.c", when, "i@b.c"),
               std::invalid_argument);
}

TEST(mail_message, address_of_a_from_header) {
  EXPECT_EQ(address_of("Ugoki <no-reply@ugoki.app>"), "no-reply@ugoki.app");
  EXPECT_EQ(address_of("no-reply@ugoki.app"), "no-reply@ugoki.app");
}

}  // namespace
}  // namespace ugoki::mail
