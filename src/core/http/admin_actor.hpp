// The admin making a request, for the audit entry written with its change (docs/admin.md).
#pragma once

#include "core/actor.hpp"
#include "core/http/request_context.hpp"

namespace ugoki::http {

// The caller of a route with `.level = access::admin`: the dispatcher has authenticated them,
// so user() is set.
inline actor actor_of(const request_context& ctx) {
  return actor{ctx.user()->user_id, ctx.request_id()};
}

}  // namespace ugoki::http
