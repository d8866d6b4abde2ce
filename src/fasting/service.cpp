// Fasting rules: the timer's time checks, the mapping of store refusals to API errors, and the
// in-memory stage snapshot that keeps GET /sessions/current at one database round trip.
#include "fasting/service.hpp"

#include <stdexcept>

#include "core/clock.hpp"
#include "core/snapshot_cache.hpp"
#include "fasting/dto.hpp"
#include "fasting/errors.hpp"
#include "fasting/stages.hpp"
#include "fasting/store.hpp"

namespace ugoki::fasting {

namespace {

using store::refusal;

api_error bad_field(const char* field, const char* message) {
  return validation({{field, message}});
}

// A client instant that may not lie in the future: a little ahead (clock skew) counts as now.
result<instant> not_after_now(instant t, instant now, const char* field) {
  if (const char* problem = future_problem(t, now)) {
    return bad_field(field, problem);
  }
  return clamp_to_now(t, now);
}

// Every refusal a session write can meet, as the API reports it.
api_error refusal_error(refusal why, const char* time_field, const char* time_message) {
  switch (why) {
    case refusal::not_found:
      return errors::session_not_found();
    case refusal::unknown_protocol:
      return errors::invalid_protocol();
    case refusal::active_exists:
      return errors::session_active();
    case refusal::overlap:
      return errors::session_overlap();
    case refusal::not_active:
      return errors::session_finished();
    case refusal::bad_time:
      return bad_field(time_field, time_message);
    case refusal::none:
      break;
  }
  // A write that changed nothing without a reason is a bug, not the client's mistake.
  throw std::logic_error("fasting: a store write refused without a reason");
}

// The stages as the timer shows them in each served language.
boost::asio::awaitable<std::map<std::string, std::vector<stage>, std::less<>>> load_localised(
    pg::database& db) {
  std::vector<stage> stages = co_await store::list_stages(db);
  std::map<std::string, std::vector<stage>, std::less<>> out;
  for (std::string_view language : language::served) {
    std::vector<stage>& in = out[std::string(language)];
    in.reserve(stages.size());
    for (const auto& s : stages) {
      in.push_back(dto::localised(s, language));
    }
  }
  co_return out;
}

template <class T>
result<T> take(store::write_result<T> r, const char* time_field, const char* time_message) {
  if (!r.value) {
    return refusal_error(r.why, time_field, time_message);
  }
  return std::move(*r.value);
}

}  // namespace

service::service(pg::database& db, const clock& clock, std::chrono::seconds stage_ttl)
    : db_(db),
      clock_(clock),
      stages_(std::make_unique<stage_cache>([this] { return load_localised(db_); }, stage_ttl)) {}

service::~service() = default;

void service::reference_changed() {
  stages_->invalidate();
  for (const auto& drop : reference_drops_) {
    drop();
  }
}

void service::on_reference_changed(std::function<void()> drop) {
  reference_drops_.push_back(std::move(drop));
}

instant service::now() const {
  return std::chrono::floor<std::chrono::seconds>(clock_.now());
}

boost::asio::awaitable<std::vector<protocol>> service::protocols() {
  co_return co_await store::list_protocols(db_);
}

boost::asio::awaitable<std::vector<stage>> service::load_stages() {
  co_return co_await store::list_stages(db_);
}

boost::asio::awaitable<result<session>> service::start(std::string user_id, start_request req) {
  const instant t = now();
  instant started = t;
  if (req.started_at) {
    if (const char* problem = start_problem(*req.started_at, t)) {
      co_return bad_field("started_at", problem);
    }
    started = clamp_to_now(*req.started_at, t);
  }
  auto r = co_await store::insert_session(db_, std::move(user_id), req, started);
  co_return take(std::move(r), "started_at", "is not valid");
}

boost::asio::awaitable<std::optional<active_session_view>> service::current(std::string user_id,
                                                                            std::string language) {
  // The stage snapshot first: after the first load it is a memory read, and it must not hold
  // anything while the session query waits.
  auto snapshot = co_await stages_->get();
  auto in = snapshot->find(language);
  const std::vector<stage>& stages =
      in != snapshot->end() ? in->second : snapshot->find(language::fallback)->second;
  auto found = co_await store::find_active(db_, std::move(user_id));
  if (!found) {
    co_return std::nullopt;
  }
  active_session_view v;
  v.as_of = now();
  v.timer = compute_timer(stages, found->started_at, found->target_end_at, v.as_of);
  v.s = std::move(*found);
  co_return v;
}

boost::asio::awaitable<result<session>> service::get(std::string user_id, std::string id) {
  auto found = co_await store::find_session(db_, std::move(user_id), std::move(id));
  if (!found) {
    co_return errors::session_not_found();
  }
  co_return std::move(*found);
}

boost::asio::awaitable<result<session>> service::update(std::string user_id, std::string id,
                                                        session_patch patch) {
  if (patch.started_at) {
    auto checked = not_after_now(*patch.started_at, now(), "started_at");
    if (!checked) {
      co_return std::move(checked.error());
    }
    patch.started_at = *checked;
  }
  auto r = co_await store::update_session(db_, std::move(user_id), std::move(id), patch);
  co_return take(std::move(r), "started_at", "must be before the fast's end");
}

boost::asio::awaitable<result<session>> service::end(std::string user_id, std::string id,
                                                     std::optional<instant> ended_at) {
  const instant t = now();
  instant at = t;
  if (ended_at) {
    auto checked = not_after_now(*ended_at, t, "ended_at");
    if (!checked) {
      co_return std::move(checked.error());
    }
    at = *checked;
  }
  auto r = co_await store::end_session(db_, std::move(user_id), std::move(id), at);
  co_return take(std::move(r), "ended_at", "must not be before the fast's start");
}

boost::asio::awaitable<result<session>> service::cancel(std::string user_id, std::string id) {
  auto r = co_await store::cancel_session(db_, std::move(user_id), std::move(id), now());
  co_return take(std::move(r), "id", "is not valid");
}

boost::asio::awaitable<history_page> service::history(std::string user_id, history_query q) {
  co_return co_await store::history(db_, std::move(user_id), q);
}

boost::asio::awaitable<result<session_log>> service::add_log(std::string user_id,
                                                             std::string session_id, new_log log) {
  const instant t = now();
  if (log.logged_at) {
    auto checked = not_after_now(*log.logged_at, t, "logged_at");
    if (!checked) {
      co_return std::move(checked.error());
    }
    log.logged_at = *checked;
  }
  auto r = co_await store::insert_log(db_, std::move(user_id), std::move(session_id), log, t);
  co_return take(std::move(r), "logged_at", "must lie within the fast");
}

boost::asio::awaitable<result<std::vector<session_log>>> service::logs(std::string user_id,
                                                                       std::string session_id) {
  auto found = co_await store::list_logs(db_, std::move(user_id), std::move(session_id));
  if (!found) {
    co_return errors::session_not_found();
  }
  co_return std::move(*found);
}

boost::asio::awaitable<result<void>> service::delete_log(std::string user_id,
                                                         std::string session_id,
                                                         std::string log_id) {
  bool deleted =
      co_await store::delete_log(db_, std::move(user_id), std::move(session_id), std::move(log_id));
  if (!deleted) {
    co_return errors::log_not_found();
  }
  co_return result<void>{};
}

boost::asio::awaitable<std::string> service::export_part(std::string user_id) {
  std::string stored = co_await store::export_part(db_, std::move(user_id));
  co_return dto::render_export(stored);
}

}  // namespace ugoki::fasting
