// The fasting module's administration of its stages: the whole list, create, update, retire
// (never a hard delete: the seed would re-create a deleted seeded stage, and the audit entries
// keep naming a row), each audited in its statement and announced ("fasting") after the commit
// so every instance re-renders the stages and the timer's snapshot. The active stages tile the
// fast: each ends where the next begins (the ends are derived, and rewritten, audited, when a
// neighbour moves), the first starts at 0, the last is open-ended. No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "fasting/admin_types.hpp"

namespace ugoki {
namespace pg {
class database;
class transaction;
}  // namespace pg
namespace redis {
class reference_changes;
}
}  // namespace ugoki

namespace ugoki::fasting {

// The end every active stage of `stages` gets (by id) when they tile the fast: sorted by start,
// each ends where the next starts, the last is open-ended (nullopt). Refuses 409 FAST_017 when
// two active stages start together, or when some are active and none starts at 0; the detail
// names `field` (the member the write changed). Retired stages are left out. Pure.
result<std::map<std::string, std::optional<std::int64_t>>> stage_ends(
    const std::vector<admin_stage>& stages, const std::string& field);

class admin_stages {
 public:
  // `db` and `changes` must outlive the service.
  admin_stages(pg::database& db, redis::reference_changes& changes);
  admin_stages(const admin_stages&) = delete;
  admin_stages& operator=(const admin_stages&) = delete;

  // Every stage, retired ones too: active first, by start. Throws pg::unavailable.
  boost::asio::awaitable<stage_page> list(int page, int per_page);

  // One stage, retired or not. Refuses 404 FAST_015.
  boost::asio::awaitable<result<admin_stage>> get(std::string id);

  // Creates a stage (its end derived). Refuses 409 FAST_016 (slug taken), 409 FAST_017
  // (stage_ends).
  boost::asio::awaitable<result<admin_stage>> create(actor who, admin_stage s);

  // Changes the members in `patch` at the version the editor saw (patch.version); neighbours'
  // ends follow a moved start. Refuses 404 FAST_015, 412 REQ_006 (stale), 409 FAST_017.
  boost::asio::awaitable<result<admin_stage>> update(actor who, std::string id, stage_patch patch);

  // Retires a stage: readers and the timer stop showing it, the stage before it now ends where
  // the retired one ended. `version`, when given, must be the stage's (412 REQ_006). A retired
  // stage is answered as it is (no entry). Refuses 404 FAST_015, 409 FAST_017 (the first stage
  // while others stay).
  boost::asio::awaitable<result<admin_stage>> deactivate(actor who, std::string id,
                                                         std::optional<std::int64_t> version);

 private:
  // Writes `changed` (created when its id is empty) and every other active stage whose end
  // moves, then commits `tx` (which holds the stages' lock; `all` is every stage as locked).
  boost::asio::awaitable<result<admin_stage>> write(pg::transaction& tx, const actor& who,
                                                    std::vector<admin_stage> all,
                                                    admin_stage changed,
                                                    std::string translations_patch,
                                                    std::string action, std::string field);

  pg::database& db_;
  redis::reference_changes& changes_;
};

}  // namespace ugoki::fasting
