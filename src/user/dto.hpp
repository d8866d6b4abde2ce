// JSON <-> the user module's structs, with field validation. The only user files that include
// Boost.JSON (dto.cpp: profile; dto_settings.cpp: preferences and onboarding).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "user/profile_rules.hpp"
#include "user/types.hpp"

namespace ugoki::user::dto {

// {id, email, email_verified, role, created_at, profile: {every profile field, decrypted}};
// absent optional fields render as null, empty health lists as [].
std::string render_me(const me& m);
// The `profile` object of render_me alone (for the data export).
std::string render_profile(const profile& p);

// Parses a PATCH /users/me body; 400 VAL_001 naming every bad field at once: unknown or
// read-only fields (role, email_verified, id, user_id, email, timestamps), wrong types, ranges,
// enums, lengths, a non-https avatar_url, a malformed date_of_birth or locale, null for
// timezone or locale, and what breaks `rules` (time zone name, age; service::rules()).
result<profile_patch> parse_profile_patch(std::string_view body, const profile_rules& rules);

// Parses a DELETE /users/me body, {password}; 400 VAL_001 naming every bad or unknown field.
result<std::string> parse_delete_account(std::string_view body);

// A string list as the JSON array text that is encrypted at rest, and back. decode throws
// std::invalid_argument when `json` is not an array of strings.
std::string encode_list(const std::vector<std::string>& items);
std::vector<std::string> decode_list(std::string_view json);

// The stored dietary_preferences document's members (parse_profile_patch validated it when it
// was written): the diet, or nullopt, and the excluded foods. A broken document reads as empty.
struct dietary_preferences_view {
  std::optional<std::string> diet;
  std::vector<std::string> excluded_foods;
};
dietary_preferences_view read_dietary_preferences(std::string_view json);

// The preferences object of GET/PATCH /users/me/preferences.
std::string render_preferences(const preferences& p);

// Parses a PATCH /users/me/preferences body; 400 VAL_001 naming every bad field
// (unknown keys, ranges, HH:MM times, quiet hours given without their pair, unknown
// notification types or non-boolean toggles).
result<preferences_patch> parse_preferences_patch(std::string_view body);

// Parses a POST /users/me/onboarding body; 400 VAL_001 naming every bad field.
result<onboarding_answers> parse_onboarding(std::string_view body);

// The answers as the JSON document encrypted at rest (same keys as the request body).
std::string encode_answers(const onboarding_answers& a);

// {recommendation: {protocol, fitness_level, consult_doctor, reasons, message}, completed_at}.
std::string render_onboarding(const onboarding_result& r);

}  // namespace ugoki::user::dto
