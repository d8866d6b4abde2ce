// Fasting history as CSV (RFC 4180) for export and import: formatting and row-by-row parsing.
// Pure: no I/O; protocol slugs and time zone names are checked by the service.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace ugoki::fasting {

// The header row of an export, which is also the column set an import accepts.
inline constexpr std::string_view csv_columns[] = {
    "date", "start", "end", "hours", "target_hours", "status", "protocol", "timezone", "notes"};

// One fast as exported.
struct portable_fast {
  std::string local_date;  // YYYY-MM-DD the fast started on, in its zone
  std::chrono::system_clock::time_point started_at;
  std::optional<std::chrono::system_clock::time_point> ended_at;  // nullopt while active
  std::int64_t target_seconds = 0;
  std::string status;         // active | completed | ended_early | cancelled
  std::string protocol_slug;  // empty for a custom length
  std::string protocol_name;
  std::string timezone;
  std::string notes;
};

// Spreadsheet formula guard (OWASP "CSV Injection"). A spreadsheet runs a cell that begins with
// =, +, -, @, tab or carriage return as a formula, so a note such as =HYPERLINK(...) would run
// when the export is opened. guard_cell prefixes such a text with one single quote, which
// spreadsheets read as "this cell is text" and do not display; format_csv also wraps every
// guarded cell in double quotes. So that the import can remove exactly the quotes the export
// added, a text whose first character other than single quotes is one of those six gets the
// prefix too ("'=x" is written "''=x"): a text needs the guard iff it matches ^'*[=+\-@\t\r].
std::string guard_cell(std::string_view text);
// The inverse, applied by the import to every cell: drops the leading single quote of a cell
// that needs the guard (^''*[=+\-@\t\r]); any other cell is returned unchanged, so a note that
// starts with a quote followed by other text ("'tis") keeps it. unguard_cell(guard_cell(t)) == t
// for every text. A hand-written cell "'=x" therefore imports as "=x"; write "''=x" to keep it.
std::string_view unguard_cell(std::string_view cell);

// The CSV document: the header row then one row per fast, CRLF line ends, fields quoted when
// they hold a comma, quote, CR or LF (quotes doubled) or carry the formula guard (guard_cell,
// applied to every text cell). Instants are RFC 3339 UTC, hours have two decimals, and an active
// fast has empty end and hours.
std::string format_csv(std::span<const portable_fast> fasts);

// One valid import row. `line` is the physical line its record starts on (the header is 1).
struct import_row {
  int line = 0;
  std::chrono::system_clock::time_point started_at;
  std::chrono::system_clock::time_point ended_at;
  std::int64_t target_seconds = 0;
  std::string status;  // completed | ended_early | cancelled
  std::optional<std::string> protocol_slug;
  std::optional<std::string> timezone;
  std::optional<std::string> notes;
};

struct import_parse {
  std::vector<import_row> rows;
  // One entry per problem, field "line N" (or "header" / "body"), message naming the column.
  std::vector<field_error> errors;
  // The document itself is unusable (broken quoting, bad header, empty, too many rows), as
  // opposed to individual rows being wrong.
  bool malformed = false;
};

// Parses an import body: a header row naming columns of csv_columns (any order; start, end,
// target_hours and status are required; date and hours are read back only to be checked, since
// they derive from the others), then rows. Every cell is read through unguard_cell, so an
// export's guarded notes come back as they were written. Each row needs start < end <= now, RFC
// 3339 instants with an offset, a length of at most 14 days, target_hours in 1..168, a status of
// completed, ended_early or cancelled consistent with the length (completed iff the target was
// reached), notes of at most 2000 characters (code points, as the API counts them). Non-cancelled
// rows may not overlap each other. More than `max_rows` rows is one "body" error. A UTF-8 byte
// order mark is skipped.
import_parse parse_import_csv(std::string_view text, std::chrono::system_clock::time_point now,
                              std::size_t max_rows);

// RFC 4180 records with the line each starts on; throws nothing: an unterminated quote or a
// stray quote inside an unquoted field is reported in `error` with its line.
struct csv_record {
  int line = 0;
  std::vector<std::string> fields;
};
struct csv_document {
  std::vector<csv_record> records;
  std::optional<field_error> error;
};
csv_document parse_csv(std::string_view text);

}  // namespace ugoki::fasting
