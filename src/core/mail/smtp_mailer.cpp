// SMTP delivery through libcurl's SMTP client (EHLO, optional STARTTLS and AUTH, MAIL FROM,
// RCPT TO, DATA with dot-stuffing done by libcurl).
#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "core/crypto/random.hpp"
#include "core/mail/mailer.hpp"

namespace ugoki::mail {

namespace {

struct upload {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* u = static_cast<upload*>(user);
  const std::size_t n = std::min(size * count, u->data.size() - u->offset);
  std::memcpy(buffer, u->data.data() + u->offset, n);
  u->offset += n;
  return n;
}

struct curl_deleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct slist_deleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

class smtp_mailer final : public mailer {
 public:
  explicit smtp_mailer(smtp_settings s) : settings_(std::move(s)) {
    // Thread-safe since libcurl 7.84 (Debian 12 ships 7.88); reference counted.
    curl_global_init(CURL_GLOBAL_DEFAULT);
  }
  ~smtp_mailer() override { curl_global_cleanup(); }

  void send(const message& m) override {
    const std::string_view sender = address_of(settings_.from);
    const auto at = sender.find('@');
    const std::string domain(at == std::string_view::npos ? "ugoki.local" : sender.substr(at + 1));
    const std::string text =
        format_message(m, settings_.from, std::chrono::system_clock::now(),
                       crypto::to_hex(crypto::random_bytes(16)) + "@" + domain);

    std::unique_ptr<CURL, curl_deleter> curl(curl_easy_init());
    if (!curl) {
      throw delivery_error("smtp: cannot create a libcurl handle");
    }
    CURL* c = curl.get();
    const std::string envelope_from = "<" + std::string(sender) + ">";
    const std::string rcpt = "<" + m.to + ">";
    std::unique_ptr<curl_slist, slist_deleter> recipients(curl_slist_append(nullptr, rcpt.c_str()));
    upload body{text};
    curl_easy_setopt(c, CURLOPT_URL, settings_.url.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, envelope_from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(c, CURLOPT_READDATA, &body);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout.count()));
    if (settings_.starttls) {
      curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    }
    if (!settings_.username.empty()) {
      curl_easy_setopt(c, CURLOPT_USERNAME, settings_.username.c_str());
      curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
    }
    char detail[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
    const CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
      long reply = 0;
      curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
      throw delivery_error("smtp: " + std::string(detail[0] ? detail : curl_easy_strerror(rc)) +
                           (reply ? " (server replied " + std::to_string(reply) + ")" : ""));
    }
  }

 private:
  smtp_settings settings_;
};

}  // namespace

std::unique_ptr<mailer> make_smtp_mailer(smtp_settings s) {
  return std::make_unique<smtp_mailer>(std::move(s));
}

}  // namespace ugoki::mail
