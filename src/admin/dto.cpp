// Query parsing and rendering of the audit log route: every bad parameter named in one 400.
#include "admin/dto.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <charconv>
#include <vector>

#include "core/json.hpp"
#include "core/time.hpp"

namespace ugoki::admin::dto {

namespace {

namespace bj = boost::json;

// admin_audit_log's own CHECK on entity (0028): "<module>.<kind>", lowercase letters and '_'.
bool is_entity_name(std::string_view s) {
  const auto dot = s.find('.');
  if (dot == std::string_view::npos || s.size() > 100) {
    return false;
  }
  auto part_ok = [](std::string_view part) {
    if (part.empty() || part.front() < 'a' || part.front() > 'z') {
      return false;
    }
    for (char c : part) {
      if (!((c >= 'a' && c <= 'z') || c == '_')) {
        return false;
      }
    }
    return true;
  };
  return part_ok(s.substr(0, dot)) && part_ok(s.substr(dot + 1));
}

std::optional<std::int64_t> whole_number(std::string_view s, std::int64_t min, std::int64_t max) {
  std::int64_t v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc{} || r.ptr != s.data() + s.size() || v < min || v > max) {
    return std::nullopt;
  }
  return v;
}

}  // namespace

result<audit_query> parse_audit_query(const audit_params& p) {
  std::vector<field_error> bad;
  audit_query q;
  if (p.actor) {
    if (json::is_uuid(*p.actor)) {
      q.actor_id = *p.actor;
    } else {
      bad.push_back({"actor", "must be a UUID"});
    }
  }
  if (p.entity) {
    if (is_entity_name(*p.entity)) {
      q.entity = *p.entity;
    } else {
      bad.push_back({"entity", "must be <module>.<kind>, such as content.article"});
    }
  }
  if (p.entity_id) {
    if (!p.entity_id->empty() && p.entity_id->size() <= 200) {
      q.entity_id = *p.entity_id;
    } else {
      bad.push_back({"entity_id", "must be between 1 and 200 characters"});
    }
  }
  auto read_instant = [&bad](const char* name, const std::optional<std::string>& text,
                             std::optional<std::chrono::system_clock::time_point>& out) {
    if (text) {
      out = time::parse_rfc3339(*text);
      if (!out) {
        bad.push_back({name, "must be an RFC 3339 date-time such as 2026-01-31T07:00:00Z"});
      }
    }
  };
  read_instant("from", p.from, q.from);
  read_instant("to", p.to, q.to);
  if (q.from && q.to && *q.to < *q.from) {
    bad.push_back({"to", "must not be before from"});
  }
  if (p.page) {
    // Deep offsets cost a scan of everything before them; past page 10000 narrow the filters.
    auto v = whole_number(*p.page, 1, 10'000);
    if (v) {
      q.page = *v;
    } else {
      bad.push_back({"page", "must be an integer from 1 to 10000"});
    }
  }
  if (p.per_page) {
    auto v = whole_number(*p.per_page, 1, 100);
    if (v) {
      q.per_page = *v;
    } else {
      bad.push_back({"per_page", "must be an integer from 1 to 100"});
    }
  }
  if (!bad.empty()) {
    return validation(std::move(bad));
  }
  return q;
}

std::string render_audit_entries(const audit_page& page) {
  bj::array out;
  out.reserve(page.items.size());
  for (const auto& e : page.items) {
    bj::value actor = nullptr;
    if (e.actor_id) {
      actor = bj::object{{"id", *e.actor_id}, {"email", json::nullable(e.actor_email)}};
    }
    // The stored jsonb, with instants that to_jsonb wrote as +00:00 spelled with Z as the API
    // writes them everywhere else.
    bj::value changes = bj::parse(e.changes_json);
    json::spell_instants_with_z(changes);
    out.push_back(bj::object{{"id", e.id},
                             {"actor", std::move(actor)},
                             {"entity", e.entity},
                             {"entity_id", e.entity_id},
                             {"action", e.action},
                             {"changes", std::move(changes)},
                             {"request_id", json::nullable(e.request_id)},
                             {"created_at", e.created_at}});
  }
  return json::serialize(out);
}

std::string render_page_meta(const audit_page& page) {
  return "\"page\":" + std::to_string(page.page) +
         ",\"per_page\":" + std::to_string(page.per_page) +
         ",\"total\":" + std::to_string(page.total);
}

}  // namespace ugoki::admin::dto
