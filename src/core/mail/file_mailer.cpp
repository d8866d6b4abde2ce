// Development delivery: each message becomes an .eml file a developer can open.
#include <fstream>
#include <system_error>

#include "core/crypto/random.hpp"
#include "core/mail/mailer.hpp"

namespace ugoki::mail {

namespace {

class file_mailer final : public mailer {
 public:
  file_mailer(std::filesystem::path dir, std::string from)
      : dir_(std::move(dir)), from_(std::move(from)) {}

  void send(const message& m) override {
    const std::string id = crypto::to_hex(crypto::random_bytes(8));
    const auto now = std::chrono::system_clock::now();
    const std::string text = format_message(m, from_, now, id + "@ugoki.local");
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    const auto secs =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    const auto file = dir_ / (std::to_string(secs) + "-" + id + ".eml");
    std::ofstream out(file, std::ios::binary);
    out << text;
    if (!out.flush()) {
      throw delivery_error("mail: cannot write " + file.string());
    }
  }

 private:
  std::filesystem::path dir_;
  std::string from_;
};

}  // namespace

std::unique_ptr<mailer> make_file_mailer(std::filesystem::path dir, std::string from) {
  return std::make_unique<file_mailer>(std::move(dir), std::move(from));
}

}  // namespace ugoki::mail
