// The fasting module's administration of its protocols: the whole catalogue, create, update,
// deactivate (never a hard delete: sessions reference protocols), each audited in its
// statement and announced ("fasting") after the commit so every instance re-renders the
// catalogue. No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "fasting/admin_types.hpp"

namespace ugoki {
namespace pg {
class database;
}
namespace redis {
class reference_changes;
}
}  // namespace ugoki

namespace ugoki::fasting {

// What the database's CHECKs (migration 0003) would refuse in `p`, as field errors named like
// the API's members: a daily_tre window and fast must make 24 h; weekly and alternate_day need
// fast_day_kcal and no window; the others no fast_day_kcal; extended no window;
// fast_days_per_week only for weekly, which needs it. Empty when the protocol is consistent.
std::vector<field_error> protocol_problems(const admin_protocol& p);

class admin_protocols {
 public:
  // `db` and `changes` must outlive the service.
  admin_protocols(pg::database& db, redis::reference_changes& changes);
  admin_protocols(const admin_protocols&) = delete;
  admin_protocols& operator=(const admin_protocols&) = delete;

  // Every protocol, retired ones too, in catalogue order. Throws pg::unavailable.
  boost::asio::awaitable<protocol_page> list(int page, int per_page);

  // One protocol, retired or not. Refuses 404 FAST_013.
  boost::asio::awaitable<result<admin_protocol>> get(std::string id);

  // Creates a protocol. Refuses 400 VAL_001 (protocol_problems), 409 FAST_014 (slug taken).
  boost::asio::awaitable<result<admin_protocol>> create(actor who, admin_protocol p);

  // Changes the members in `patch` at the version the editor saw (patch.version). Refuses
  // 404 FAST_013, 412 REQ_006 when the version is stale, 400 VAL_001 when the result breaks
  // protocol_problems (nothing written).
  boost::asio::awaitable<result<admin_protocol>> update(actor who, std::string id,
                                                        protocol_patch patch);

  // Retires a protocol: readers stop listing it, sessions that reference it keep it. A retired
  // one is answered as it is (no entry). `version`, when given, must be the protocol's: 412
  // REQ_006 otherwise. Refuses 404 FAST_013.
  boost::asio::awaitable<result<admin_protocol>> deactivate(actor who, std::string id,
                                                            std::optional<std::int64_t> version);

 private:
  pg::database& db_;
  redis::reference_changes& changes_;
};

}  // namespace ugoki::fasting
