// JSON rendering for the fasting module's responses.
#pragma once

#include <string>
#include <vector>

#include "fasting/types.hpp"

namespace ugoki::fasting::dto {

// The API's protocol object (durations in seconds, per API_CONVENTIONS.md), serialised.
std::string render_protocol(const protocol& p);
// A JSON array of rendered protocols.
std::string render_protocols(const std::vector<std::string>& rendered);

}  // namespace ugoki::fasting::dto
