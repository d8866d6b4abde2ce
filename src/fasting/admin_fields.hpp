// Field readers the fasting admin parsers share (admin_dto.cpp for protocols,
// admin_stage_dto.cpp for stages): texts, slugs, sentence lists, translations, page parameters.
#pragma once

#include <boost/json/object.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/json.hpp"

namespace ugoki::fasting::admin_fields {

// Whether `s` is a slug: lowercase words of a-z and 0-9 joined by single hyphens, 1..64.
bool is_slug(std::string_view s);

// The required (or optional) slug member "slug"; records why a bad one is refused.
std::optional<std::string> slug(json::field_reader& r, bool required);

// A text of 1..max characters that is not blank.
std::optional<std::string> text(json::field_reader& r, std::string_view name, std::size_t max,
                                bool required);

// An array of 1..20 sentences of 1..300 characters, as JSON text; names a bad item
// (`benefits[2]`).
std::optional<std::string> sentences(json::field_reader& r, const boost::json::object& o,
                                     std::string_view name, bool required);

// A translatable field of a kind: a text of 1..max_chars, or (sentence_list) a sentences() list.
struct translatable {
  std::string_view name;
  std::size_t max_chars = 0;
  bool sentence_list = false;
};

// The member "translations" (docs/admin.md, "Localised reference data"): an object keyed by the
// served languages but English, each value an object of some of `fields` (at least one), read as
// the English fields are; with `allow_null` (PATCH) a language may be null (remove it). Records
// every bad member with its path (translations.xx, translations.de.name,
// translations.de.benefits[0]). nullopt when absent or bad; the object as JSON text otherwise.
std::optional<std::string> translations(json::field_reader& r, const boost::json::object& o,
                                        std::span<const translatable> fields, bool allow_null);

// Records "cannot be null" for each of `names` sent as null (PATCH members that must have a
// value when present).
void refuse_nulls(json::field_reader& r, std::initializer_list<std::string_view> names);

}  // namespace ugoki::fasting::admin_fields
