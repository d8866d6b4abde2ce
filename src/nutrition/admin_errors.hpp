// The nutrition module's admin error codes (NUTR_008..NUTR_012 on the food side), as api_error
// factories.
#pragma once

#include <string>

#include "core/error.hpp"

namespace ugoki::nutrition::errors {

inline api_error submission_not_found() {
  return not_found("NUTR_008", "No such submitted product");
}
// Approve, reject or edit a submission that was already reviewed.
inline api_error submission_reviewed(const std::string& status) {
  return conflict("NUTR_009", "This submission was already reviewed (" + status + ")");
}
// Approving a submission whose barcode already has a public product: the details name it, so
// the admin can edit that product instead and reject the submission.
inline api_error public_product_exists(const std::string& public_id) {
  api_error e = conflict("NUTR_010",
                         "A public product of this barcode exists: edit it and reject this "
                         "submission");
  e.details = {{"public_product_id", public_id}};
  return e;
}
// A submission's barcode changed to one its submitter already submitted.
inline api_error submission_code_taken() {
  api_error e = conflict("NUTR_011", "The submitter already submitted a product of this barcode");
  e.details = {{"barcode", "already submitted by the same user"}};
  return e;
}
inline api_error public_product_not_found() {
  return not_found("NUTR_012", "No such public product");
}

}  // namespace ugoki::nutrition::errors
