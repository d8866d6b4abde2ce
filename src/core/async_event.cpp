// async_event::wait: the timer's cancellation is the signal.
#include "core/async_event.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace ugoki {

boost::asio::awaitable<void> async_event::wait() {
  // A cancel() before the wait began is lost on the timer, hence the flag.
  if (!set_) {
    co_await timer_.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
  }
}

}  // namespace ugoki
