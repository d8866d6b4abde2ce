// CSV export format and the import's row-by-row validation (RFC 4180 quoting, line numbers).
#include "fasting/portability.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"

namespace ugoki::fasting {
namespace {

using namespace std::chrono;

const system_clock::time_point now = sys_days{2026y / April / 1} + 12h;
const std::string header = "date,start,end,hours,target_hours,status,protocol,timezone,notes\r\n";

std::vector<std::string> messages_for(const import_parse& p, std::string_view field) {
  std::vector<std::string> out;
  for (const auto& e : p.errors) {
    if (e.field == field) {
      out.push_back(e.message);
    }
  }
  return out;
}

TEST(portability, formats_header_rows_and_quotes) {
  portable_fast f;
  f.local_date = "2026-03-28";
  f.started_at = sys_days{2026y / March / 28} + 19h;
  f.ended_at = f.started_at + 16h + 30min;
  f.target_seconds = 16 * 3600;
  f.status = "completed";
  f.protocol_slug = "16-8";
  f.timezone = "Europe/Berlin";
  f.notes = "felt \"great\", then\nhungry";
  portable_fast active = f;
  active.ended_at.reset();
  active.status = "active";
  active.notes.clear();
  active.protocol_slug.clear();
  std::vector<portable_fast> fasts{f, active};
  EXPECT_EQ(format_csv(fasts),
            header +
                "2026-03-28,2026-03-28T19:00:00Z,2026-03-29T11:30:00Z,16.50,16.00,completed,16-8,"
                "Europe/Berlin,\"felt \"\"great\"\", then\nhungry\"\r\n"
                "2026-03-28,2026-03-28T19:00:00Z,,,16.00,active,,Europe/Berlin,\r\n");
}

TEST(portability, parses_rfc4180_records_with_their_lines) {
  auto doc = parse_csv("a,b\r\n\"x,1\",\"multi\nline\"\n\nlast,\"q\"\"q\"");
  ASSERT_FALSE(doc.error);
  ASSERT_EQ(doc.records.size(), 3u);
  EXPECT_EQ(doc.records[1].fields, (std::vector<std::string>{"x,1", "multi\nline"}));
  EXPECT_EQ(doc.records[1].line, 2);
  EXPECT_EQ(doc.records[2].line, 5);  // after the record spanning 2-3 and a blank line
  EXPECT_EQ(doc.records[2].fields, (std::vector<std::string>{"last", "q\"q"}));
}

TEST(portability, reports_broken_quoting) {
  auto open = parse_csv("a,b\n\"never closed,x\n");
  ASSERT_TRUE(open.error);
  EXPECT_EQ(open.error->field, "line 2");
  auto stray = parse_csv("a,b\nab\"c,d\n");
  ASSERT_TRUE(stray.error);
  EXPECT_EQ(stray.error->field, "line 2");
}

TEST(portability, round_trip_through_format_and_parse) {
  portable_fast f;
  f.local_date = "2026-03-28";
  f.started_at = sys_days{2026y / March / 28} + 19h;
  f.ended_at = f.started_at + 12h;
  f.target_seconds = 16 * 3600;
  f.status = "ended_early";
  f.timezone = "Europe/Berlin";
  f.notes = "line one\nline, two";
  std::vector<portable_fast> fasts{f};
  auto parsed = parse_import_csv(format_csv(fasts), now, 100);
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front().message;
  ASSERT_EQ(parsed.rows.size(), 1u);
  const auto& r = parsed.rows[0];
  EXPECT_EQ(r.line, 2);
  EXPECT_EQ(r.started_at, f.started_at);
  EXPECT_EQ(r.ended_at, *f.ended_at);
  EXPECT_EQ(r.target_seconds, 16 * 3600);
  EXPECT_EQ(r.status, "ended_early");
  EXPECT_FALSE(r.protocol_slug);
  EXPECT_EQ(r.timezone, "Europe/Berlin");
  EXPECT_EQ(r.notes, f.notes);
}

TEST(portability, columns_in_any_order_and_bom) {
  auto parsed = parse_import_csv(
      "\xEF\xBB\xBFstatus,target_hours,end,start\n"
      "completed,16,2026-03-02T12:00:00+01:00,2026-03-01T20:00:00+01:00\n",
      now, 100);
  ASSERT_TRUE(parsed.errors.empty());
  ASSERT_EQ(parsed.rows.size(), 1u);
  EXPECT_EQ(parsed.rows[0].started_at, sys_days{2026y / March / 1} + 19h);
  EXPECT_FALSE(parsed.rows[0].timezone);
}

TEST(portability, every_bad_row_is_named_by_line) {
  std::string csv = header +
                    ",not-a-time,2026-03-02T12:00:00Z,,16,completed,,,\r\n"              // line 2
                    ",2026-03-02T12:00:00Z,2026-03-02T11:00:00Z,,16,completed,,,\r\n"    // 3
                    ",2026-03-01T20:00:00Z,2026-03-02T06:00:00Z,,16,completed,,,\r\n"    // 4
                    ",2026-03-01T20:00:00Z,2026-03-02T16:00:00Z,,16,ended_early,,,\r\n"  // 5
                    ",2026-03-05T20:00:00Z,2026-03-06T16:00:00Z,,0.5,completed,,,\r\n"   // 6
                    ",2026-03-31T20:00:00Z,2026-04-02T16:00:00Z,,16,completed,,,\r\n"    // 7
                    ",2026-03-07T20:00:00Z,2026-03-08T16:00:00Z,,16,active,,,\r\n"       // 8
                    "2026/03/09,2026-03-09T20:00:00Z,2026-03-10T16:00:00Z,x,16,completed,,,\r\n"
                    "only,three,fields\r\n"                                               // 10
                    ",2026-03-11T20:00:00Z,2026-03-12T16:00:00Z,,16,completed,,,ok\r\n";  // 11
  auto parsed = parse_import_csv(csv, now, 100);
  EXPECT_FALSE(parsed.malformed);
  EXPECT_EQ(messages_for(parsed, "line 2").size(), 1u);
  EXPECT_EQ(messages_for(parsed, "line 3"), (std::vector<std::string>{"end must be after start"}));
  EXPECT_EQ(messages_for(parsed, "line 4"),
            (std::vector<std::string>{"status must be ended_early: the target was not reached"}));
  EXPECT_EQ(messages_for(parsed, "line 5"),
            (std::vector<std::string>{"status must be completed: the target was reached"}));
  EXPECT_EQ(messages_for(parsed, "line 6").size(), 1u);
  EXPECT_EQ(messages_for(parsed, "line 7"),
            (std::vector<std::string>{"end must not be in the future"}));
  EXPECT_EQ(messages_for(parsed, "line 8").size(), 1u);
  EXPECT_EQ(messages_for(parsed, "line 9").size(), 2u);  // date and hours
  EXPECT_EQ(messages_for(parsed, "line 10").size(), 1u);
  EXPECT_TRUE(messages_for(parsed, "line 11").empty());
  ASSERT_EQ(parsed.rows.size(), 1u);
  EXPECT_EQ(parsed.rows[0].line, 11);
}

TEST(portability, overlapping_rows_name_each_other) {
  std::string csv = header +
                    ",2026-03-01T00:00:00Z,2026-03-03T00:00:00Z,,16,completed,,,\r\n"   // 2: long
                    ",2026-03-01T12:00:00Z,2026-03-01T20:00:00Z,,8,cancelled,,,\r\n"    // 3
                    ",2026-03-01T06:00:00Z,2026-03-01T22:00:00Z,,16,completed,,,\r\n"   // 4
                    ",2026-03-02T06:00:00Z,2026-03-02T22:00:00Z,,16,completed,,,\r\n"   // 5
                    ",2026-03-03T00:00:00Z,2026-03-03T16:00:00Z,,16,completed,,,\r\n";  // 6
  auto parsed = parse_import_csv(csv, now, 100);
  // Cancelled fasts may overlap (as in the app); back-to-back is fine.
  EXPECT_TRUE(messages_for(parsed, "line 3").empty());
  EXPECT_EQ(messages_for(parsed, "line 4"),
            (std::vector<std::string>{"overlaps the fast on line 2"}));
  EXPECT_EQ(messages_for(parsed, "line 5"),
            (std::vector<std::string>{"overlaps the fast on line 2"}));
  EXPECT_TRUE(messages_for(parsed, "line 6").empty());
}

TEST(portability, header_problems_and_limits_are_malformed) {
  auto unknown = parse_import_csv("start,end,target_hours,status,colour\n", now, 100);
  EXPECT_TRUE(unknown.malformed);
  EXPECT_EQ(messages_for(unknown, "header"), (std::vector<std::string>{"unknown column 'colour'"}));
  auto missing = parse_import_csv("start,end\n", now, 100);
  EXPECT_EQ(messages_for(missing, "header").size(), 2u);
  EXPECT_TRUE(parse_import_csv("", now, 100).malformed);
  std::string two = header +
                    ",2026-03-01T00:00:00Z,2026-03-01T16:00:00Z,,16,completed,,,\r\n"
                    ",2026-03-02T00:00:00Z,2026-03-02T16:00:00Z,,16,completed,,,\r\n";
  auto too_many = parse_import_csv(two, now, 1);
  EXPECT_TRUE(too_many.malformed);
  EXPECT_EQ(messages_for(too_many, "body").size(), 1u);
  EXPECT_TRUE(parse_import_csv(two, now, 2).errors.empty());
}

// The OWASP CSV-injection guard: which texts get the quote, and that the import removes exactly
// the quote the export added.
TEST(portability, formula_guard_prefixes_a_quote_and_the_import_removes_only_that) {
  const std::vector<std::pair<std::string, std::string>> guarded = {
      {"=HYPERLINK(\"http://evil.example\",\"x\")", "'=HYPERLINK(\"http://evil.example\",\"x\")"},
      {"+1+1", "'+1+1"},
      {"-2", "'-2"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\t=1", "'\t=1"},
      {"\r=1", "'\r=1"},
      // A user's own leading quotes before a formula character get one more, so the import's
      // removal of one quote gives them back.
      {"'=already quoted", "''=already quoted"},
      {"''-2", "'''-2"},
  };
  for (const auto& [text, cell] : guarded) {
    EXPECT_EQ(guard_cell(text), cell) << text;
    EXPECT_EQ(unguard_cell(cell), text) << cell;
  }
  // Left as they are, both ways: nothing a spreadsheet would run, quotes before other text.
  for (std::string text : {"", "'", "''", "'tis the season", "fine, then =1", "16-8", "UTC",
                           "Etc/GMT-5", "\xE2\x80\x94 a dash", " =1", "\n=1"}) {
    EXPECT_EQ(guard_cell(text), text) << text;
    EXPECT_EQ(unguard_cell(text), text) << text;
  }
  // What the import makes of a hand-written "'=x": the guard's quote, so "=x" (documented).
  EXPECT_EQ(unguard_cell("'=x"), "=x");
}

TEST(portability, exports_hostile_notes_as_quoted_text_and_imports_them_back_exactly) {
  const std::vector<std::string> notes = {"=HYPERLINK(\"http://evil.example\",\"click\")",
                                          "+1+1",
                                          "-2",
                                          "@SUM(A1)",
                                          "\t=1",
                                          "'=already quoted",
                                          "-- a dash, then a comma",
                                          "ordinary"};
  std::vector<portable_fast> fasts;
  for (std::size_t i = 0; i < notes.size(); ++i) {
    portable_fast f;
    f.local_date = "2026-03-0" + std::to_string(i + 1);
    f.started_at = sys_days{2026y / March / static_cast<unsigned>(i + 1)};
    f.ended_at = f.started_at + 12h;
    f.target_seconds = 16 * 3600;
    f.status = "ended_early";
    f.timezone = "UTC";
    f.notes = notes[i];
    fasts.push_back(f);
  }
  const std::string csv = format_csv(fasts);
  const std::string row = ",12.00,16.00,ended_early,,UTC,";
  EXPECT_NE(csv.find(row + "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"\r\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find(row + "\"'+1+1\"\r\n"), std::string::npos);
  EXPECT_NE(csv.find(row + "\"'-2\"\r\n"), std::string::npos);
  EXPECT_NE(csv.find(row + "\"'@SUM(A1)\"\r\n"), std::string::npos);
  EXPECT_NE(csv.find(row + "\"'\t=1\"\r\n"), std::string::npos);
  EXPECT_NE(csv.find(row + "\"''=already quoted\"\r\n"), std::string::npos);
  EXPECT_NE(csv.find(row + "\"'-- a dash, then a comma\"\r\n"), std::string::npos);
  EXPECT_NE(csv.find(row + "ordinary\r\n"), std::string::npos);
  // No cell of the document begins with a formula character.
  for (const auto& rec : parse_csv(csv).records) {
    for (const auto& field : rec.fields) {
      EXPECT_TRUE(field.empty() ||
                  std::string_view("=+-@\t\r").find(field[0]) == std::string_view::npos)
          << field;
    }
  }
  auto parsed = parse_import_csv(csv, now, 100);
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front().message;
  ASSERT_EQ(parsed.rows.size(), notes.size());
  for (std::size_t i = 0; i < notes.size(); ++i) {
    EXPECT_EQ(parsed.rows[i].notes, notes[i]);
  }
}

TEST(portability, notes_are_counted_in_characters_like_the_api_counts_them) {
  std::string accents;
  for (int i = 0; i < 2000; ++i) {
    accents += "\xC3\xA9";  // é: 2000 characters, 4000 bytes, as POST /fasting/sessions allows
  }
  const std::string row = ",2026-03-01T20:00:00Z,2026-03-02T06:00:00Z,,16,ended_early,,,";
  auto ok = parse_import_csv(header + row + accents + "\r\n", now, 100);
  EXPECT_TRUE(ok.errors.empty());
  const std::string formula = "=" + accents.substr(2);  // 2000 characters, starting with =
  auto guarded = parse_import_csv(header + row + "\"'" + formula + "\"\r\n", now, 100);
  ASSERT_TRUE(guarded.errors.empty()) << "the guard's quote does not count";
  EXPECT_EQ(*guarded.rows[0].notes, formula);
  auto long_note = parse_import_csv(header + row + accents + "x\r\n", now, 100);
  EXPECT_EQ(messages_for(long_note, "line 2"),
            (std::vector<std::string>{"notes must be at most 2000 characters"}));
}

// PostgreSQL text holds UTF-8 without NUL: anything else would fail the insert as a 500.
TEST(portability, text_that_is_not_utf8_or_holds_nul_is_malformed_by_line) {
  const std::string row = ",2026-03-01T20:00:00Z,2026-03-02T06:00:00Z,,16,ended_early,,,";
  for (std::string bad :
       {std::string("\xFF"), std::string("a\0b", 3), std::string("\xC0\xAF"),
        std::string("\xED\xA0\x80"), std::string("\xF4\x90\x80\x80"), std::string("\xE2\x82")}) {
    auto parsed = parse_import_csv(header + row + "ok\r\n" + row + bad + "\r\n", now, 100);
    EXPECT_TRUE(parsed.malformed);
    EXPECT_EQ(messages_for(parsed, "line 3").size(), 1u);
  }
  auto fine = parse_import_csv(header + row + "\xF0\x9F\x8D\x8E \xE2\x80\x94 ok\r\n", now, 100);
  EXPECT_TRUE(fine.errors.empty());
}

}  // namespace
}  // namespace ugoki::fasting
