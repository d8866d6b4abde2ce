// Adapters through which one module asks another, built only by the composition root: the
// analytics dashboard reads the fasting module's timer and streaks without depending on it, and
// the user module's DELETE /users/me reaches auth's account deletion.
#pragma once

#include "analytics/service.hpp"
#include "user/account_routes.hpp"
#include "user/export.hpp"

namespace ugoki::fasting {
class service;
class plan_service;
}  // namespace ugoki::fasting
namespace ugoki::auth {
class deletion;
class service;
}  // namespace ugoki::auth

namespace ugoki::app {

// The dashboard's fasting parts as analytics' structs: the running fast with its stage
// (fasting::service::current) and the streak (fasting::plan_service::streaks). Both services
// must outlive the returned providers. The workout part stays absent until that module exists.
analytics::dashboard_sources dashboard_sources_of(fasting::service& sessions,
                                                  fasting::plan_service& plans);

// The data export's "sessions" part: the user's signed-in devices (auth::service::sessions, in
// Redis) as GET /auth/sessions renders them. `svc` must outlive the part.
user::export_part sessions_part_of(auth::service& svc);

// DELETE /users/me (a user-module route) deleting the account through auth, which owns the
// password, the sessions and the account row. `accounts` must outlive the returned function.
user::account_deleter account_deleter_of(auth::deletion& accounts);

}  // namespace ugoki::app
