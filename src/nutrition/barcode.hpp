// GTIN check digits and the one spelling the product table keys barcodes by: EAN-13, EAN-8,
// UPC-A and UPC-E are verified, UPC-E is expanded to UPC-A, and UPC-A is written as the
// 13-digit GTIN with a leading zero (as Open Food Facts keys it). Pure; no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ugoki::nutrition {

struct barcode {
  std::string code;  // the normalised key: 13 digits (EAN-13, UPC-A, UPC-E) or 8 (EAN-8)
  std::string kind;  // ean13 | ean8 | upca | upce: what was scanned
};

// The GS1 mod-10 check digit of `digits` (all but the check digit), weights 3,1,3,... from the
// right. `digits` must be ASCII digits only.
int gtin_check_digit(std::string_view digits);

// Expands an 8-digit UPC-E code (number system 0 or 1, six digits, check digit) to its 12-digit
// UPC-A form, check digit included (copied, not verified). nullopt when the input is not
// 8 digits with number system 0 or 1.
std::optional<std::string> expand_upce(std::string_view upce);

// Verifies and normalises a scanned code:
// - 13 digits: EAN-13, check digit verified, kept as is;
// - 12 digits: UPC-A, verified, prefixed with 0 (its GTIN-13 spelling);
// - 8 digits: EAN-8 when its own check digit holds; otherwise, starting with 0 or 1, UPC-E when
//   the check digit of its UPC-A expansion holds (then expanded and prefixed with 0);
// anything else (other lengths, non-digits, a wrong check digit) is nullopt with `why` set to
// a message for the client.
std::optional<barcode> parse_barcode(std::string_view text, std::string* why = nullptr);

}  // namespace ugoki::nutrition
