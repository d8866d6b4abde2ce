// Transitional (issue 11): the error vocabulary moved to core/error.hpp, and refusals are
// returned as result<T> instead of thrown. What is left here goes once every module returns
// results; new code must not include this header.
#pragma once

#include "core/error.hpp"

namespace ugoki::http {

using ugoki::api_error;
using ugoki::bad_request;
using ugoki::conflict;
using ugoki::field_error;
using ugoki::forbidden;
using ugoki::internal;
using ugoki::not_found;
using ugoki::unauthorized;
using ugoki::unavailable;
using ugoki::unprocessable;
using ugoki::validation;

// Thrown by code not yet converted to results; the dispatcher renders it like a returned error.
struct api_exception {
  api_error error;
};

[[noreturn]] void raise(api_error error);

}  // namespace ugoki::http
