// The content module's error codes (CONT_001..CONT_029; docs/errors.md) and the admin API's
// precondition failure (REQ_006).
#pragma once

#include "core/error.hpp"
#include "core/version_guard.hpp"

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

// The admin API (docs/content.md, "Administration").
// No article, in any status, has this id.
inline api_error admin_article_not_found() {
  return not_found("CONT_010", "No article has this id");
}
// Another article has this slug now or had it before (its old links still answer).
inline api_error slug_taken() {
  return conflict("CONT_011", "This slug belongs to another article");
}
// Publishing, unpublishing or editing a removed article.
inline api_error article_removed() {
  return conflict("CONT_012", "This article was removed");
}
inline api_error category_not_found() {
  return not_found("CONT_013", "No such category");
}
inline api_error category_exists() {
  return conflict("CONT_014", "A category with this slug exists");
}
// Articles (removed ones included) are still filed under it.
inline api_error category_in_use() {
  return conflict("CONT_015", "Articles are still filed under this category");
}
inline api_error tag_not_found() {
  return not_found("CONT_016", "No such tag");
}
inline api_error tag_slug_taken() {
  return conflict("CONT_017", "Another tag has this slug");
}
inline api_error translation_not_found() {
  return not_found("CONT_018", "The article has no translation into this language");
}
// The write named a version (If-Match or `version`) that is no longer the entity's: another
// editor changed it since. Nothing was written.
inline api_error stale_version() {
  return version_guard::stale("The article changed since you read it; reload it");
}

}  // namespace ugoki::content::errors
