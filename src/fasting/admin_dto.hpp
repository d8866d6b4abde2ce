// JSON of the fasting module's admin routes: protocol bodies (create, patch), the list's page
// parameters, and the admin's protocol object.
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
// sort_order? (0..100000, default 0), active? (default true). Texts must not be blank. Unknown
// members refused. 400 VAL_001 naming every bad field. The rules between fields (a daily
// window fills 24 h, ...) are the service's (protocol_problems).
result<admin_protocol> parse_protocol(std::string_view body);

// PATCH body: the same members but slug, each optional; nulls only for fast_day_kcal and
// fast_days_per_week; at least one member.
result<protocol_patch> parse_protocol_patch(std::string_view body);

// The public protocol object plus sort_order, active and updated_at.
std::string render_admin_protocol(const admin_protocol& p);
std::string render_admin_protocols(const protocol_page& page);

}  // namespace ugoki::fasting::admin_dto
