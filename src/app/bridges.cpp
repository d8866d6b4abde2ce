// The cross-module adapters of bridges.hpp.
#include "app/bridges.hpp"

#include <optional>
#include <string>
#include <utility>

#include "auth/deletion.hpp"
#include "auth/dto.hpp"
#include "auth/service.hpp"
#include "fasting/dto.hpp"
#include "fasting/plan_routes.hpp"
#include "fasting/plan_service.hpp"
#include "fasting/service.hpp"

namespace ugoki::app {

namespace {

using boost::asio::awaitable;

awaitable<std::optional<std::string>> sessions_json(auth::service& svc, std::string user_id) {
  auto list = co_await svc.sessions(std::move(user_id), "");
  co_return auth::dto::render_sessions(list);
}

awaitable<std::optional<std::string>> active_fast_json(fasting::service& svc, std::string user_id) {
  auto view = co_await svc.current(std::move(user_id));
  if (!view) {
    co_return std::nullopt;
  }
  co_return fasting::dto::render_current(*view);
}

}  // namespace

analytics::dashboard_sources dashboard_sources_of(fasting::service& sessions,
                                                  fasting::plan_service& plans) {
  analytics::dashboard_sources s;
  // Plain lambdas returning the coroutine call: a capturing lambda must not itself be a
  // coroutine (its captures would die with the lambda object before the frame resumes).
  s.active_fast = [&sessions](std::string user_id) {
    return active_fast_json(sessions, std::move(user_id));
  };
  s.fasting_streak = [&plans](std::string user_id) {
    return fasting::streak_json(plans, std::move(user_id));
  };
  return s;
}

user::export_part sessions_part_of(auth::service& svc) {
  return {"sessions",
          [&svc](std::string user_id) { return sessions_json(svc, std::move(user_id)); }};
}

user::account_deleter account_deleter_of(auth::deletion& accounts) {
  return [&accounts](std::string user_id, std::string password, std::string request_id) {
    return accounts.delete_account(std::move(user_id), std::move(password), std::move(request_id));
  };
}

}  // namespace ugoki::app
