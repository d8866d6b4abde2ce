// Text formatting of parameters that are not already text.
#include "core/pg/params.hpp"

#include <cmath>

namespace ugoki::pg {

std::string params::format_double(double v) {
  if (std::isnan(v)) {
    return "NaN";
  }
  if (std::isinf(v)) {
    return v > 0 ? "Infinity" : "-Infinity";
  }
  // to_chars without a precision gives the shortest text that round-trips exactly.
  char buf[32];
  auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  return std::string(buf, end);
}

}  // namespace ugoki::pg
