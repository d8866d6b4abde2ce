// The content module's error codes (CONT_001..CONT_029; docs/errors.md).
#pragma once

#include "core/error.hpp"

namespace ugoki::content::errors {

// Also a draft, a scheduled article before its time and a removed one: they do not exist for
// readers.
inline api_error article_not_found() {
  return not_found("CONT_001", "No such article");
}
// The body of a premium article (or progress on one) asked for by a caller who is not premium.
inline api_error premium_article() {
  return forbidden("AUTH_003", "This article is part of Premium");
}

}  // namespace ugoki::content::errors
