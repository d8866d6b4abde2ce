// The data export: the parts of every module, fetched in order, assembled into one document with
// instants spelled with Z.
#include "user/export.hpp"

#include <boost/json.hpp>

#include <cctype>
#include <vector>

#include "core/clock.hpp"
#include "core/json.hpp"
#include "core/time.hpp"

namespace ugoki::user {

namespace {

using boost::asio::awaitable;
namespace json = boost::json;

}  // namespace

exporter::exporter(std::vector<export_part> parts, const clock& clock)
    : parts_(std::move(parts)), clock_(clock) {}

awaitable<std::optional<std::string>> exporter::export_json(std::string user_id) {
  json::object out;
  out["format"] = "ugoki.export.v1";
  out["user_id"] = user_id;
  out["exported_at"] = time::format_rfc3339(clock_.now(), true);
  for (const auto& part : parts_) {
    auto text = co_await part.fetch(user_id);
    if (!text) {
      co_return std::nullopt;
    }
    json::value v = json::parse(*text);
    // The connections' TimeZone is UTC (core/pg/connection.cpp), so PostgreSQL writes instants
    // with +00:00; the export spells them with Z like the rest of the API.
    ugoki::json::spell_instants_with_z(v);
    out[part.name] = std::move(v);
  }
  co_return json::serialize(out);
}

}  // namespace ugoki::user
