// GS1 check digits and the UPC-E expansion (GS1 General Specifications, section 7.9; the
// UPC-E zero-suppression table).
#include "nutrition/barcode.hpp"

#include <algorithm>

namespace ugoki::nutrition {

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool check_digit_holds(std::string_view code) {
  return gtin_check_digit(code.substr(0, code.size() - 1)) == code.back() - '0';
}

}  // namespace

int gtin_check_digit(std::string_view digits) {
  int sum = 0;
  int weight = 3;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    sum += (*it - '0') * weight;
    weight = weight == 3 ? 1 : 3;
  }
  return (10 - sum % 10) % 10;
}

std::optional<std::string> expand_upce(std::string_view e) {
  if (e.size() != 8 || !all_digits(e) || (e[0] != '0' && e[0] != '1')) {
    return std::nullopt;
  }
  const std::string_view d = e.substr(1, 6);  // the six data digits
  std::string body;                           // manufacturer (5) + product (5)
  switch (d[5]) {
    case '0':
    case '1':
    case '2':
      body = std::string{d[0], d[1], d[5], '0', '0', '0', '0', d[2], d[3], d[4]};
      break;
    case '3':
      body = std::string{d[0], d[1], d[2], '0', '0', '0', '0', '0', d[3], d[4]};
      break;
    case '4':
      body = std::string{d[0], d[1], d[2], d[3], '0', '0', '0', '0', '0', d[4]};
      break;
    default:
      body = std::string{d[0], d[1], d[2], d[3], d[4], '0', '0', '0', '0', d[5]};
      break;
  }
  return std::string(1, e[0]) + body + e[7];
}

std::optional<barcode> parse_barcode(std::string_view text, std::string* why) {
  auto refuse = [why](const char* message) -> std::optional<barcode> {
    if (why != nullptr) {
      *why = message;
    }
    return std::nullopt;
  };
  if (!all_digits(text)) {
    return refuse("must be 8, 12 or 13 digits (EAN-8, UPC-E, UPC-A or EAN-13)");
  }
  switch (text.size()) {
    case 13:
      if (!check_digit_holds(text)) {
        return refuse("has a wrong EAN-13 check digit");
      }
      return barcode{std::string(text), "ean13"};
    case 12:
      if (!check_digit_holds(text)) {
        return refuse("has a wrong UPC-A check digit");
      }
      return barcode{"0" + std::string(text), "upca"};
    case 8: {
      if (check_digit_holds(text)) {
        return barcode{std::string(text), "ean8"};
      }
      auto upca = expand_upce(text);
      if (upca && check_digit_holds(*upca)) {
        return barcode{"0" + *upca, "upce"};
      }
      return refuse("has a wrong check digit (neither EAN-8 nor UPC-E)");
    }
    default:
      return refuse("must be 8, 12 or 13 digits (EAN-8, UPC-E, UPC-A or EAN-13)");
  }
}

}  // namespace ugoki::nutrition
