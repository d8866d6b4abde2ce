// Query parsing and rendering of the audit log route: every bad parameter named in one 400.
#include "admin/dto.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <vector>

#include "core/json.hpp"
#include "core/query.hpp"
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

}  // namespace

result<audit_query> parse_audit_query(const audit_params& p) {
  query::reader r;
  audit_query q;
  if (p.actor) {
    if (json::is_uuid(*p.actor)) {
      q.actor_id = *p.actor;
    } else {
      r.add_error("actor", "must be a UUID");
    }
  }
  if (p.entity) {
    if (is_entity_name(*p.entity)) {
      q.entity = *p.entity;
    } else {
      r.add_error("entity", "must be <module>.<kind>, such as content.article");
    }
  }
  if (p.entity_id) {
    if (!p.entity_id->empty() && p.entity_id->size() <= 200) {
      q.entity_id = *p.entity_id;
    } else {
      r.add_error("entity_id", "must be between 1 and 200 characters");
    }
  }
  auto read_instant = [&r](const char* name, const std::optional<std::string>& text,
                           std::optional<std::chrono::system_clock::time_point>& out) {
    if (text) {
      out = time::parse_rfc3339(*text);
      if (!out) {
        r.add_error(name, "must be an RFC 3339 date-time such as 2026-01-31T07:00:00Z");
      }
    }
  };
  read_instant("from", p.from, q.from);
  read_instant("to", p.to, q.to);
  if (q.from && q.to && *q.to < *q.from) {
    r.add_error("to", "must not be before from");
  }
  const query::offset_page pages = r.offset(p.page, p.per_page);
  q.page = pages.page;
  q.per_page = pages.per_page;
  return r.finish(std::move(q));
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

std::string render_pagination(const audit_page& page) {
  return query::render_offset_pagination(
      {static_cast<int>(page.page), static_cast<int>(page.per_page)}, page.total);
}

}  // namespace ugoki::admin::dto
