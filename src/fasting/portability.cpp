// CSV export and import of fasting history (RFC 4180), validated row by row.
#include "fasting/portability.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/time.hpp"

namespace ugoki::fasting {

namespace {

using std::chrono::system_clock;

constexpr std::int64_t max_fast_seconds = 14LL * 24 * 3600;
constexpr std::size_t max_notes = 2000;

// The characters that make a spreadsheet read a cell as a formula (OWASP CSV Injection).
constexpr std::string_view formula_starts = "=+-@\t\r";

// ^'*[=+\-@\t\r]: the texts guard_cell prefixes (see portability.hpp for why leading quotes
// are skipped).
bool needs_guard(std::string_view text) {
  const std::size_t first = text.find_first_not_of('\'');
  return first != std::string_view::npos &&
         formula_starts.find(text[first]) != std::string_view::npos;
}

// A text cell: guarded, then quoted per RFC 4180 when it holds a separator, a quote or a line
// break, and always when guarded (OWASP: quote the field too).
void append_field(std::string& out, std::string_view v) {
  const bool guarded = needs_guard(v);
  if (!guarded && v.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += v;
    return;
  }
  out += '"';
  if (guarded) {
    out += '\'';
  }
  for (char c : v) {
    if (c == '"') {
      out += '"';
    }
    out += c;
  }
  out += '"';
}

// Characters as the API counts them (code points of UTF-8 text).
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    n += (c & 0xC0) != 0x80;
  }
  return n;
}

// Strict UTF-8 (no overlong forms, surrogates or code points above U+10FFFF) without NUL, which
// PostgreSQL's text cannot hold; the offset of the first bad byte, or npos.
std::size_t invalid_text_at(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) {
      return i;
    }
    if (c < 0x80) {
      ++i;
      continue;
    }
    // The sequence's length, its smallest code point (shorter forms are overlong) and its
    // leading bits.
    std::size_t len = 4;
    unsigned min = 0x10000;
    unsigned cp = c & 0x07;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      min = 0x80;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      min = 0x800;
      cp = c & 0x0F;
    } else if ((c & 0xF8) != 0xF0) {
      return i;
    }
    if (i + len > s.size()) {
      return i;
    }
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) {
        return i;
      }
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

std::string hours_text(std::int64_t seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(seconds) / 3600.0);
  return buf;
}

std::string line_field(int line) {
  return "line " + std::to_string(line);
}

// A plain decimal ("16", "16.5", "16.25"), no sign, exponent or spaces.
std::optional<double> parse_decimal(std::string_view s) {
  if (s.empty() || s.find_first_not_of("0123456789.") != std::string_view::npos) {
    return std::nullopt;
  }
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) {
    return std::nullopt;
  }
  return v;
}

}  // namespace

std::string guard_cell(std::string_view text) {
  return needs_guard(text) ? "'" + std::string(text) : std::string(text);
}

std::string_view unguard_cell(std::string_view cell) {
  if (cell.starts_with('\'') && needs_guard(cell)) {
    cell.remove_prefix(1);
  }
  return cell;
}

std::string format_csv(std::span<const portable_fast> fasts) {
  std::string out;
  for (std::size_t i = 0; i < std::size(csv_columns); ++i) {
    out += i ? "," : "";
    out += csv_columns[i];
  }
  out += "\r\n";
  for (const auto& f : fasts) {
    append_field(out, f.local_date);
    out += ',';
    out += time::format_rfc3339(f.started_at);
    out += ',';
    if (f.ended_at) {
      out += time::format_rfc3339(*f.ended_at);
      out += ',';
      out += hours_text(
          std::chrono::duration_cast<std::chrono::seconds>(*f.ended_at - f.started_at).count());
    } else {
      out += ',';
    }
    out += ',';
    out += hours_text(f.target_seconds);
    out += ',';
    append_field(out, f.status);
    out += ',';
    append_field(out, f.protocol_slug);
    out += ',';
    append_field(out, f.timezone);
    out += ',';
    append_field(out, f.notes);
    out += "\r\n";
  }
  return out;
}

csv_document parse_csv(std::string_view text) {
  csv_document doc;
  std::size_t i = 0;
  int line = 1;
  while (i < text.size()) {
    csv_record rec;
    rec.line = line;
    std::string field;
    bool end_of_record = false;
    while (!end_of_record) {
      field.clear();
      if (i < text.size() && text[i] == '"') {
        ++i;
        const int opened = line;
        bool closed = false;
        while (i < text.size()) {
          char c = text[i++];
          if (c == '"') {
            if (i < text.size() && text[i] == '"') {
              field += '"';
              ++i;
              continue;
            }
            closed = true;
            break;
          }
          line += c == '\n' ? 1 : 0;
          field += c;
        }
        if (!closed) {
          doc.error = field_error{line_field(opened), "a quoted field is not closed"};
          return doc;
        }
        if (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
          doc.error = field_error{line_field(line), "text after a closing quote"};
          return doc;
        }
      } else {
        while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
          if (text[i] == '"') {
            doc.error = field_error{line_field(line), "a quote inside an unquoted field"};
            return doc;
          }
          field += text[i++];
        }
      }
      rec.fields.push_back(field);
      if (i < text.size() && text[i] == ',') {
        ++i;
        continue;
      }
      // CRLF, LF or a lone CR ends the record (some spreadsheet exports still write CR).
      if (i < text.size() && text[i] == '\r') {
        ++i;
      }
      if (i < text.size() && text[i] == '\n') {
        ++i;
      }
      ++line;
      end_of_record = true;
    }
    // A blank line carries no record (a trailing newline, or spacing a user left in).
    if (!(rec.fields.size() == 1 && rec.fields[0].empty())) {
      doc.records.push_back(std::move(rec));
    }
  }
  return doc;
}

import_parse parse_import_csv(std::string_view text, system_clock::time_point now,
                              std::size_t max_rows) {
  import_parse out;
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }
  // Text the database cannot store (a NUL, bytes that are not UTF-8) makes the document
  // unreadable: refused whole, by the line it is on, before anything is stored.
  if (const std::size_t bad = invalid_text_at(text); bad != std::string_view::npos) {
    const auto line =
        1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
    out.errors.push_back({line_field(static_cast<int>(line)), "is not UTF-8 text without NUL"});
    out.malformed = true;
    return out;
  }
  csv_document doc = parse_csv(text);
  if (doc.error) {
    out.errors.push_back(*doc.error);
    out.malformed = true;
    return out;
  }
  if (doc.records.empty()) {
    out.errors.push_back({"body", "the CSV is empty: expected a header row and fasts"});
    out.malformed = true;
    return out;
  }
  // Columns by name, so a spreadsheet that reordered them still imports.
  std::map<std::string, std::size_t, std::less<>> column;
  const auto& header = doc.records.front().fields;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string& name = header[c];
    if (std::find(std::begin(csv_columns), std::end(csv_columns), name) == std::end(csv_columns)) {
      out.errors.push_back({"header", "unknown column '" + name + "'"});
    } else if (!column.emplace(name, c).second) {
      out.errors.push_back({"header", "column '" + name + "' appears twice"});
    }
  }
  for (std::string_view required : {"start", "end", "target_hours", "status"}) {
    if (!column.contains(required)) {
      out.errors.push_back({"header", "column '" + std::string(required) + "' is required"});
    }
  }
  if (doc.records.size() - 1 > max_rows) {
    out.errors.push_back(
        {"body", "at most " + std::to_string(max_rows) + " fasts can be imported at once"});
  }
  if (!out.errors.empty()) {
    out.malformed = true;
    return out;
  }

  for (std::size_t r = 1; r < doc.records.size(); ++r) {
    const csv_record& rec = doc.records[r];
    const std::string where = line_field(rec.line);
    if (rec.fields.size() != header.size()) {
      out.errors.push_back({where, "has " + std::to_string(rec.fields.size()) +
                                       " fields, the header has " + std::to_string(header.size())});
      continue;
    }
    // Every cell without the export's formula guard (guard_cell).
    auto cell = [&](std::string_view name) -> std::string_view {
      auto it = column.find(name);
      return it == column.end() ? std::string_view{}
                                : unguard_cell(std::string_view(rec.fields[it->second]));
    };
    std::vector<std::string> problems;
    auto start = time::parse_rfc3339(cell("start"));
    auto end = time::parse_rfc3339(cell("end"));
    if (!start) {
      problems.push_back("start must be an RFC 3339 instant with an offset");
    }
    if (!end) {
      problems.push_back("end must be an RFC 3339 instant with an offset");
    }
    bool times_ok = start && end;
    if (start && end) {
      times_ok = *end > *start;
      if (*end <= *start) {
        problems.push_back("end must be after start");
      } else if (*end - *start > std::chrono::seconds(max_fast_seconds)) {
        problems.push_back("a fast may last at most 14 days");
      }
      if (*end > now) {
        problems.push_back("end must not be in the future");
      }
    }
    auto target_hours = parse_decimal(cell("target_hours"));
    std::int64_t target = 0;
    if (!target_hours || *target_hours < 1 || *target_hours > 168) {
      problems.push_back("target_hours must be a number of hours from 1 to 168");
    } else {
      target = std::llround(*target_hours * 3600);
    }
    std::string status(cell("status"));
    if (status != "completed" && status != "ended_early" && status != "cancelled") {
      problems.push_back("status must be completed, ended_early or cancelled");
    } else if (times_ok && target > 0 && status != "cancelled") {
      const bool reached = *end - *start >= std::chrono::seconds(target);
      if (reached != (status == "completed")) {
        problems.push_back(reached ? "status must be completed: the target was reached"
                                   : "status must be ended_early: the target was not reached");
      }
    }
    if (auto d = cell("date"); !d.empty() && !time::parse_date(d)) {
      problems.push_back("date must be YYYY-MM-DD");
    }
    if (auto h = cell("hours"); !h.empty() && !parse_decimal(h)) {
      problems.push_back("hours must be a number");
    }
    if (code_points(cell("notes")) > max_notes) {
      problems.push_back("notes must be at most 2000 characters");
    }
    if (cell("timezone").size() > 64) {
      problems.push_back("timezone must be at most 64 characters");
    }
    if (cell("protocol").size() > 64) {
      problems.push_back("protocol must be at most 64 characters");
    }
    for (auto& p : problems) {
      out.errors.push_back({where, std::move(p)});
    }
    if (!problems.empty()) {
      continue;
    }
    import_row row;
    row.line = rec.line;
    row.started_at = *start;
    row.ended_at = *end;
    row.target_seconds = target;
    row.status = std::move(status);
    auto optional_cell = [&](std::string_view name) -> std::optional<std::string> {
      auto v = cell(name);
      return v.empty() ? std::nullopt : std::optional<std::string>(v);
    };
    row.protocol_slug = optional_cell("protocol");
    row.timezone = optional_cell("timezone");
    row.notes = optional_cell("notes");
    out.rows.push_back(std::move(row));
  }

  // Rows that overlap each other would fail the database's exclusion constraint as a whole;
  // name both lines instead. Cancelled fasts are outside that constraint, as in the app.
  std::vector<const import_row*> counted;
  for (const auto& row : out.rows) {
    if (row.status != "cancelled") {
      counted.push_back(&row);
    }
  }
  std::sort(counted.begin(), counted.end(),
            [](const import_row* a, const import_row* b) { return a->started_at < b->started_at; });
  // The row reaching furthest so far: a long fast can overlap several later ones.
  const import_row* furthest = nullptr;
  for (const import_row* row : counted) {
    if (furthest != nullptr && row->started_at < furthest->ended_at) {
      out.errors.push_back(
          {line_field(row->line), "overlaps the fast on line " + std::to_string(furthest->line)});
    }
    if (furthest == nullptr || row->ended_at > furthest->ended_at) {
      furthest = row;
    }
  }
  return out;
}

}  // namespace ugoki::fasting
