// Announcing reference-data changes to every instance over Redis pub/sub.
#include "core/redis/reference_changes.hpp"

#include <exception>
#include <utility>

#include "core/log.hpp"
#include "core/redis/client.hpp"

namespace ugoki::redis {

reference_changes::reference_changes(client& redis, std::string prefix)
    : redis_(redis), channel_(std::move(prefix) + "reference-changed") {}

void reference_changes::on(std::string topic, std::function<void()> refresh) {
  refreshes_.emplace(std::move(topic), std::move(refresh));
}

void reference_changes::received(std::string_view topic) const {
  auto [first, last] = refreshes_.equal_range(topic);
  for (auto it = first; it != last; ++it) {
    it->second();
  }
}

boost::asio::awaitable<void> reference_changes::announce(std::string topic) {
  received(topic);
  try {
    co_await redis_.command("PUBLISH", channel_, topic);
  } catch (const std::exception& e) {
    // The write is committed; the other instances see it at their next version poll or TTL.
    log::warn("reference change not published",
              log::fields().add("topic", topic).add("detail", e.what()));
  }
}

}  // namespace ugoki::redis
