// Outgoing email: the message, the mailer interface, and its two implementations (SMTP through
// libcurl; files for development). A send blocks: call it on the jobs thread, never on an I/O
// thread.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ugoki::mail {

// A plain-text mail to one recipient. `to` is a bare address ("ana@example.com").
struct message {
  std::string to;
  std::string subject;
  std::string text;  // UTF-8, lines separated by "\n"
};

// Delivery failed (server unreachable, refused, timed out); the message may be retried. The
// text names the cause, never the recipient or the content.
class delivery_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class mailer {
 public:
  virtual ~mailer() = default;
  // Delivers `m`, blocking until the server has accepted it. Throws delivery_error.
  virtual void send(const message& m) = 0;
};

struct smtp_settings {
  // smtp://host:port (STARTTLS per `starttls`) or smtps://host:port (TLS from the start).
  std::string url;
  std::string username;  // empty: no AUTH
  std::string password;
  // Refuse to send unless the connection is upgraded with STARTTLS (production default).
  bool starttls = false;
  // "Ugoki <no-reply@ugoki.app>": the From header; the address inside is the envelope sender.
  std::string from = "Ugoki <no-reply@ugoki.app>";
  std::chrono::seconds timeout{20};
};

std::unique_ptr<mailer> make_smtp_mailer(smtp_settings s);

// Writes each message as an .eml file into `dir` (created if missing): development without a
// mail server, where a developer opens the file to follow a link.
std::unique_ptr<mailer> make_file_mailer(std::filesystem::path dir, std::string from);

// Pure, unit-tested.
// The message as RFC 5322 text with CRLF line ends: Date, From, To, Subject (RFC 2047 encoded
// when not ASCII), Message-ID, MIME-Version and a text/plain UTF-8 8bit body. Throws
// std::invalid_argument when `to` or the subject holds a line break (header injection) or `to`
// is not a plausible address.
std::string format_message(const message& m, std::string_view from,
                           std::chrono::system_clock::time_point date, std::string_view message_id);
// The address inside "Name <addr>", or the whole string when there are no angle brackets.
std::string_view address_of(std::string_view from);

}  // namespace ugoki::mail
