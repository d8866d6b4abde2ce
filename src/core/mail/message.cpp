// RFC 5322 formatting of a plain-text message.
#include <ctime>
#include <string>

#include "core/base64.hpp"
#include "core/mail/mailer.hpp"

namespace ugoki::mail {

namespace {

bool has_line_break(std::string_view s) {
  return s.find_first_of("\r\n") != std::string_view::npos;
}

bool is_ascii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) {
      return false;
    }
  }
  return true;
}

// RFC 2047 "encoded-word" for a header value that is not ASCII.
std::string encoded_word(std::string_view utf8) {
  return "=?UTF-8?B?" + base64::encode(utf8, base64::variant::standard) + "?=";
}

// "Thu, 26 Nov 2026 12:00:00 +0000" (RFC 5322 section 3.3), always in UTC.
std::string rfc5322_date(std::chrono::system_clock::time_point t) {
  static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
                tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

bool plausible_address(std::string_view a) {
  const auto at = a.find('@');
  if (a.size() < 3 || a.size() > 254 || at == 0 || at == std::string_view::npos ||
      at + 1 == a.size()) {
    return false;
  }
  for (unsigned char c : a) {
    if (c <= ' ' || c == '<' || c == '>' || c == ',' || c == '"' || c == 0x7f) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view address_of(std::string_view from) {
  const auto open = from.rfind('<');
  const auto close = from.rfind('>');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    return from;
  }
  return from.substr(open + 1, close - open - 1);
}

std::string format_message(const message& m, std::string_view from,
                           std::chrono::system_clock::time_point date,
                           std::string_view message_id) {
  if (has_line_break(m.to) || !plausible_address(m.to)) {
    throw std::invalid_argument("the recipient is not a plausible email address");
  }
  if (has_line_break(m.subject) || has_line_break(from) || has_line_break(message_id)) {
    throw std::invalid_argument("a header value holds a line break");
  }
  std::string out;
  out.reserve(m.text.size() + 512);
  out += "Date: " + rfc5322_date(date) + "\r\n";
  out += "From: " + std::string(from) + "\r\n";
  out += "To: <" + m.to + ">\r\n";
  out += "Subject: " + (is_ascii(m.subject) ? m.subject : encoded_word(m.subject)) + "\r\n";
  out += "Message-ID: <" + std::string(message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: 8bit\r\n";
  out += "\r\n";
  for (char c : m.text) {
    if (c == '\n') {
      out += "\r\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  if (!out.ends_with("\r\n")) {
    out += "\r\n";
  }
  return out;
}

}  // namespace ugoki::mail
