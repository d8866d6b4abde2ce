// Fasting rules: protocols now; sessions, schedules and streaks build on them.
#include "fasting/service.hpp"

#include "fasting/store.hpp"

namespace ugoki::fasting {

boost::asio::awaitable<std::vector<protocol>> service::protocols() {
  co_return co_await store::list_protocols(db_);
}

}  // namespace ugoki::fasting
