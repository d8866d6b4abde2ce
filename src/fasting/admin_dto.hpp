// JSON of the fasting module's admin routes: protocol and stage bodies (create, patch, with
// their translations and the version guard), the lists' page parameters, and the admin objects.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.hpp"
#include "fasting/admin_types.hpp"

namespace ugoki::fasting::admin_dto {

// ?page=1..10000&per_page=1..100 (defaults 1 and 20); 400 VAL_001 naming each bad one.
result<std::pair<int, int>> parse_page(const std::optional<std::string>& page,
                                       const std::optional<std::string>& per_page);

// POST body: slug (^[a-z0-9]+(-[a-z0-9]+)*$, ..64), name (1..100), kind (daily_tre | weekly |
// alternate_day | extended), description (1..4000), fasting_seconds (3600..604800, whole
// minutes), eating_window_seconds (0..86400, whole minutes), fast_day_kcal? (200..1000 or
// null), fast_days_per_week? (1..6 or null), weekday_rules? (object, default {}), difficulty,
// recommended_frequency, benefits and considerations (1..20 sentences of 1..300 characters),
// sort_order? (0..100000, default 0), active? (default true), translations? ({"de": {name?,
// description?, benefits?, considerations?}}: served languages but en, each field as its English
// one, at least one). Texts must not be blank. Unknown members refused. 400 VAL_001 naming every
// bad field (translations.de.name). The rules between fields (a daily window fills 24 h, ...)
// are the service's (protocol_problems).
result<admin_protocol> parse_protocol(std::string_view body);

// PATCH body: the same members but slug, each optional; nulls only for fast_day_kcal,
// fast_days_per_week and a language of translations (removes it); at least one member. The
// version the editor saw is required: `if_match` ("v<version>") or a `version` member.
result<protocol_patch> parse_protocol_patch(std::string_view body, std::string_view if_match);

// POST .../deactivate and DELETE: an empty body or {"version"?}, and If-Match: the version when
// either names one (checked then), nullopt otherwise.
result<std::optional<std::int64_t>> parse_precondition(std::string_view body,
                                                       std::string_view if_match);

// POST stage body: slug (as a protocol's), name (1..100), starts_after_seconds (0..604800, whole
// quarter hours), summary (1..300), description (1..4000), source (1..2000), disclaimer
// (1..1000), active? (default true), translations? ({"de": {name?, summary?, description?,
// disclaimer?}}). No ends_after_seconds: it is derived (the next stage's start). 400 VAL_001
// naming every bad field.
result<admin_stage> parse_stage(std::string_view body);

// PATCH stage body: the same members but slug, each optional, translations as for protocols,
// at least one; the version required as for protocols.
result<stage_patch> parse_stage_patch(std::string_view body, std::string_view if_match);

// The public protocol object without "language", plus sort_order, active, version,
// translations (as stored) and updated_at.
std::string render_admin_protocol(const admin_protocol& p);
std::string render_admin_protocols(const protocol_page& page);

// {id, slug, name, starts_after_seconds, ends_after_seconds, summary, description, source,
// disclaimer, active, version, translations, updated_at}.
std::string render_admin_stage(const admin_stage& s);
std::string render_admin_stages(const stage_page& page);

}  // namespace ugoki::fasting::admin_dto
