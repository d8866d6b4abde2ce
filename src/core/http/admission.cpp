// Rate-limit admission: charge now or alongside the handler, and the per-thread denial memo.
#include "core/http/admission.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>

#include <algorithm>
#include <exception>

#include "core/async_event.hpp"
#include "core/dependency_error.hpp"
#include "core/log.hpp"

namespace ugoki::http::detail {

// A charge in progress: the limiter's take() runs as its own coroutine and fills this in.
struct charge_ticket::pending {
  explicit pending(const boost::asio::any_io_executor& ex) : done(ex) {}
  async_event done;
  rate_subject subject;
  std::optional<rate_decision> decision;
  std::exception_ptr error;
};

boost::asio::awaitable<result<void>> admission::admit(rate_subject subject, bool safe,
                                                      charge_ticket& ticket, std::size_t thread) {
  if (safe && may_run_ahead(subject, thread)) {
    const auto ex = co_await boost::asio::this_coro::executor;
    auto running = std::make_shared<charge_ticket::pending>(ex);
    running->subject = subject;
    boost::asio::co_spawn(ex, limiter_->take(std::move(subject)),
                          [running](std::exception_ptr e, std::optional<rate_decision> d) {
                            running->error = std::move(e);
                            running->decision = d;
                            running->done.set();
                          });
    ticket.running = std::move(running);
    co_return result<void>{};
  }
  auto take = limiter_->take(subject);
  ticket.decision = co_await std::move(take);
  if (ticket.decision && !ticket.decision->allowed) {
    remember_denial(subject, *ticket.decision, thread);
    co_return too_many_requests(*ticket.decision);
  }
  co_return result<void>{};
}

boost::asio::awaitable<result<void>> admission::settle(charge_ticket& ticket, std::size_t thread) {
  charge_ticket::pending& running = *ticket.running;
  co_await running.done.wait();
  if (running.error) {
    try {
      std::rethrow_exception(running.error);
    } catch (const dependency_unavailable& e) {
      log::warn("dependency unavailable",
                log::fields().add("dependency", e.dependency()).add("detail", e.what()));
      co_return unavailable("A service this request needs is temporarily unavailable");
    } catch (const std::exception& e) {
      log::error("rate limiter failed", log::fields().add("detail", e.what()));
      co_return internal();
    }
  }
  ticket.decision = running.decision;
  if (ticket.decision && !ticket.decision->allowed) {
    remember_denial(running.subject, *ticket.decision, thread);
    co_return too_many_requests(*ticket.decision);
  }
  co_return result<void>{};
}

bool admission::may_run_ahead(const rate_subject& subject, std::size_t thread) const {
  if (thread >= denied_.size()) {
    return false;
  }
  const denial_memo& memo = denied_[thread];
  if (memo.empty()) {
    return true;
  }
  const auto now = std::chrono::steady_clock::now();
  for (const std::string* key : {&subject.id, &subject.client_ip}) {
    auto it = memo.find(*key);
    if (it != memo.end() && it->second > now) {
      return false;
    }
  }
  return true;
}

void admission::remember_denial(const rate_subject& subject, const rate_decision& d,
                                std::size_t thread) {
  if (thread >= denied_.size()) {
    return;
  }
  denial_memo& memo = denied_[thread];
  const auto now = std::chrono::steady_clock::now();
  if (memo.size() >= 10'000) {  // keep it small: drop the lapsed ones, all if none lapsed
    std::erase_if(memo, [now](const auto& entry) { return entry.second <= now; });
    if (memo.size() >= 10'000) {
      memo.clear();
    }
  }
  const auto until = now + std::chrono::seconds(std::max<std::int64_t>(1, d.retry_after));
  memo[subject.id] = until;
  if (subject.client_ip != subject.id) {
    // The per-IP ceiling may be what denied it; other identities from there wait too.
    memo[subject.client_ip] = until;
  }
}

}  // namespace ugoki::http::detail
