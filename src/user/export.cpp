// The data export: the parts of every module, fetched in order, assembled into one document with
// instants spelled with Z.
#include "user/export.hpp"

#include <boost/json.hpp>

#include <cctype>
#include <vector>

#include "core/clock.hpp"
#include "core/time.hpp"

namespace ugoki::user {

namespace {

using boost::asio::awaitable;
namespace json = boost::json;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// "YYYY-MM-DDTHH:MM:SS[.f]+00:00"
bool is_utc_instant(std::string_view s) {
  if (s.size() < 25 || s.substr(s.size() - 6) != "+00:00") {
    return false;
  }
  const std::string_view shape = "dddd-dd-ddTdd:dd:dd";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 'd' ? !is_digit(s[i]) : s[i] != shape[i]) {
      return false;
    }
  }
  return true;
}

void fix_instants(json::value& v) {
  if (auto* s = v.if_string()) {
    std::string_view text(s->data(), s->size());
    if (is_utc_instant(text)) {
      std::string fixed(text.substr(0, text.size() - 6));
      fixed += 'Z';
      *s = fixed;
    }
  } else if (auto* a = v.if_array()) {
    for (auto& e : *a) {
      fix_instants(e);
    }
  } else if (auto* o = v.if_object()) {
    for (auto& kv : *o) {
      fix_instants(kv.value());
    }
  }
}

}  // namespace

std::string utc_instants_with_z(std::string_view text) {
  json::value v = json::parse(text);
  fix_instants(v);
  return json::serialize(v);
}

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
    fix_instants(v);
    out[part.name] = std::move(v);
  }
  co_return json::serialize(out);
}

}  // namespace ugoki::user
