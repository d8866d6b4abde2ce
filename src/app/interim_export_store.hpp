// TEMPORARY: the data export's parts whose tables have no owning module yet (notifications,
// issue 16; billing now exports its own part). No route writes those tables, but the export
// must stay complete, so their parts are kept exactly as the export had them. Each moves into
// its module's store when the module lands, and app.cpp then takes that module's part instead.
#pragma once

#include <string_view>

#include "user/export.hpp"

namespace ugoki::pg {
class database;
}

namespace ugoki::app::interim {

// The part `name` of a table group no module owns yet: "notifications" {inbox, devices}.
// Throws std::invalid_argument for any other name.
user::export_part unowned_part(pg::database& db, std::string_view name);

}  // namespace ugoki::app::interim
