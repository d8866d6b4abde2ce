// JSON shapes of the fasting module: protocol, stage, session and log renderers, and the
// request parsers (sessions_dto.cpp), which refuse 400 VAL_001 naming every bad field.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "fasting/types.hpp"

namespace ugoki {
class cursor_codec;
}

namespace ugoki::fasting::dto {

// `p` with its text in `language` (one of language::served) where its translations have that
// language, field by field (a field the translation lacks stays English); `language` of the
// result says which: `language` when a translation exists, else "en". Pure.
protocol localised(const protocol& p, std::string_view language);
stage localised(const stage& s, std::string_view language);

// The protocol's fields (durations in seconds, per API_CONVENTIONS.md), serialised: what the
// admin object extends.
std::string render_protocol_fields(const protocol& p);
// The API's public protocol object: its fields and "language" (the language they are in).
std::string render_protocol(const protocol& p);
// A JSON array of already rendered items.
std::string render_protocols(const std::vector<std::string>& rendered);
// The stage catalogue: a JSON array of stage objects with their sources and "language".
std::string render_stages(const std::vector<stage>& stages);

std::string render_session(const session& s);
// GET /sessions/current: {session, elapsed_seconds, remaining_seconds, progress,
// current_stage, next_stage, as_of}.
std::string render_current(const active_session_view& v);
std::string render_sessions(const std::vector<session>& items);
// The envelope's pagination object; the cursor points after `last` when has_more.
std::string render_pagination(const history_page& page, const cursor_codec& codec);
std::string render_log(const session_log& l);
std::string render_logs(const std::vector<session_log>& logs);

// The body parsers check client instants against `now` (service::now()) by time_rules.hpp, so
// a start in the future is named together with the body's other bad fields; the service checks
// them again whoever calls it.
// POST /sessions: {protocol_id?, target_hours? (1..168), started_at? (at most 48 h back),
// notes?}; at least one of protocol_id and target_hours.
result<start_request> parse_start(std::string_view body, instant now);
// PATCH /sessions/:id: {notes? (null clears), target_hours?, started_at?}.
result<session_patch> parse_patch(std::string_view body, instant now);
// POST /sessions/:id/end: an empty body or {ended_at?}.
result<std::optional<instant>> parse_end(std::string_view body, instant now);
// POST /sessions/:id/logs: {logged_at?, mood?, energy?, hunger? (1..5), symptoms? (<= 20
// distinct strings of 1..50 characters), note? (1..2000)}, with at least one of the last five.
result<new_log> parse_log(std::string_view body, instant now);

// The query string of GET /sessions/history, as received (absent parameters are nullopt).
struct history_params {
  std::optional<std::string> limit;
  std::optional<std::string> cursor;
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::optional<std::string> status;
};
// limit 1..100 (default 20), from/to YYYY-MM-DD with from <= to, status one of the session
// statuses, cursor as made by render_pagination (a tampered one is refused).
result<history_query> parse_history(const history_params& p, const cursor_codec& codec);

// The fasting part of the data export from store::export_part's jsonb text, with its instants
// spelled with Z as the API writes them (json::spell_instants_with_z). Pure.
std::string render_export(std::string_view jsonb_text);

}  // namespace ugoki::fasting::dto
