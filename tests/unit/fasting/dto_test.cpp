// The fasting module's request parsers: every bad field of a body or query is named in one
// 400 (issue 10 item 3), client instants are checked against the service's now, and good
// input is read back exactly. The header under test comes first: it must be self-contained.
#include "fasting/dto.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/cursor.hpp"
#include "core/time.hpp"
#include "fasting/plan_dto.hpp"
#include "support/validation.hpp"

namespace ugoki::fasting {
namespace {

using namespace std::chrono;
using testing::bad_fields;
using fields = std::vector<std::string>;

// 2026-03-28 22:00:00 UTC, as service::now() would give it.
const instant service_now = sys_days{2026y / March / 28} + 22h;

std::string at(instant t) {
  return "\"" + time::format_rfc3339(t) + "\"";
}

TEST(fasting_dto, a_start_names_every_bad_field_including_its_time) {
  // Too far back, an empty note, a zero target and a field a client may not set, all at once.
  EXPECT_EQ(bad_fields([&] {
              return dto::parse_start(R"({"target_hours":0,"notes":"","status":"active",)"
                                      R"("started_at":)" +
                                          at(service_now - 48h - 1s) + "}",
                                      service_now);
            }),
            (fields{"notes", "started_at", "status", "target_hours"}));
  EXPECT_EQ(bad_fields([&] {
              return dto::parse_start(
                  R"({"protocol_id":"x","started_at":)" + at(service_now + 61s) + "}", service_now);
            }),
            (fields{"protocol_id", "started_at"}));
  // The boundaries are the service's: 48 h back and 60 s of clock skew are accepted.
  auto ok = dto::parse_start(R"({"target_hours":16.5,"started_at":)" + at(service_now - 48h) + "}",
                             service_now);
  ASSERT_TRUE(ok) << ok.error().details.front().field;
  EXPECT_EQ(*ok->target_seconds, 16 * 3600 + 1800);
  EXPECT_EQ(*ok->started_at, service_now - 48h);
  EXPECT_TRUE(dto::parse_start(R"({"target_hours":16,"started_at":)" + at(service_now + 60s) + "}",
                               service_now));
}

TEST(fasting_dto, a_patch_names_a_future_start_with_the_other_bad_fields) {
  EXPECT_EQ(bad_fields([&] {
              return dto::parse_patch(R"({"notes":"","target_hours":200,"id":"x","started_at":)" +
                                          at(service_now + 2h) + "}",
                                      service_now);
            }),
            (fields{"id", "notes", "started_at", "target_hours"}));
  auto ok =
      dto::parse_patch(R"({"notes":null,"started_at":)" + at(service_now - 3h) + "}", service_now);
  ASSERT_TRUE(ok);
  EXPECT_TRUE(ok->clear_notes);
  EXPECT_EQ(*ok->started_at, service_now - 3h);
}

TEST(fasting_dto, an_end_names_a_future_time_and_unknown_fields) {
  EXPECT_EQ(bad_fields([&] {
              return dto::parse_end(R"({"extra":1,"ended_at":)" + at(service_now + 1h) + "}",
                                    service_now);
            }),
            (fields{"ended_at", "extra"}));
  auto empty = dto::parse_end("", service_now);
  ASSERT_TRUE(empty);
  EXPECT_FALSE(*empty);
}

TEST(fasting_dto, a_log_names_every_bad_field_at_once) {
  EXPECT_EQ(bad_fields([&] {
              return dto::parse_log(R"({"mood":6,"energy":0,"note":"","symptoms":[1],)"
                                    R"("session_id":"x","logged_at":)" +
                                        at(service_now + 1h) + "}",
                                    service_now);
            }),
            (fields{"energy", "logged_at", "mood", "note", "session_id", "symptoms"}));
  auto ok = dto::parse_log(R"({"hunger":2,"symptoms":["a","a","b"]})", service_now);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->symptoms_json, R"(["a","b"])");
}

TEST(fasting_dto, a_history_query_names_limit_cursor_from_to_and_status_together) {
  cursor_codec codec("test secret");
  EXPECT_EQ(bad_fields([&] {
              return dto::parse_history({"0", "abc", "2026-02-30", "yesterday", "paused"}, codec);
            }),
            (fields{"cursor", "from", "limit", "status", "to"}));
  // from after to is named with the other bad fields, not instead of them.
  EXPECT_EQ(bad_fields([&] {
              return dto::parse_history(
                  {"101", std::nullopt, "2026-03-02", "2026-03-01", "cancelled"}, codec);
            }),
            (fields{"from", "limit"}));
  auto ok = dto::parse_history(
      {"5", codec.encode("1774735200000000", "0b6e8a43-5f4e-4c36-9b87-2f0c3a7d1e55"), "2026-03-01",
       "2026-03-02", "completed"},
      codec);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->limit, 5);
  EXPECT_EQ(*ok->after_started_us, 1774735200000000);
  EXPECT_EQ(*ok->status, "completed");
}

TEST(fasting_plan_dto, a_schedule_body_lists_every_bad_field_in_its_draft) {
  auto draft = plan_dto::parse_schedule(
      R"({"protocol_id":"x","fasting_seconds":3601,"start_time":"25:00","weekdays":[0],)"
      R"("anchor_date":"2026-02-30","reminder_minutes_before":5000,"colour":"red"})");
  ASSERT_TRUE(draft);
  fields named;
  for (const auto& e : draft->invalid) {
    named.push_back(e.field);
  }
  std::sort(named.begin(), named.end());
  named.erase(std::unique(named.begin(), named.end()), named.end());
  EXPECT_EQ(named, (fields{"anchor_date", "colour", "fasting_seconds", "protocol_id",
                           "reminder_minutes_before", "start_time", "weekdays"}));
  // Only a body that is not a JSON object is refused by the parser itself.
  auto not_object = plan_dto::parse_schedule("[1]");
  ASSERT_FALSE(not_object);
  EXPECT_EQ(not_object.error().code, "VAL_001");
  auto ok = plan_dto::parse_schedule(R"({"fasting_seconds":57600,"start_time":"20:00"})");
  ASSERT_TRUE(ok);
  EXPECT_TRUE(ok->invalid.empty());
  EXPECT_EQ(*ok->input.fasting_minutes, 960);
}

TEST(fasting_plan_dto, queries_name_every_bad_parameter) {
  EXPECT_EQ(bad_fields([] { return plan_dto::parse_upcoming("0", "2026-02-30"); }),
            (fields{"days", "from"}));
  EXPECT_EQ(bad_fields([] { return plan_dto::parse_upcoming("x", std::nullopt); }),
            (fields{"days"}));
  EXPECT_EQ(bad_fields([] { return plan_dto::parse_stats("2026-13-01", "today"); }),
            (fields{"from", "to"}));
  EXPECT_EQ(bad_fields([] { return plan_dto::parse_export_format("xml"); }), (fields{"format"}));
  auto upcoming = plan_dto::parse_upcoming(std::nullopt, "2026-04-01");
  ASSERT_TRUE(upcoming);
  EXPECT_EQ(upcoming->days, 14);
  EXPECT_EQ(*upcoming->from, sys_days{2026y / April / 1});
  EXPECT_EQ(*plan_dto::parse_export_format(std::nullopt), plan_dto::export_format::csv);
}

TEST(fasting_dto, LocalisedTextFallsBackFieldByField) {
  protocol p;
  p.id = "p1";
  p.name = "16:8";
  p.description = "Fast 16 hours.";
  p.benefits_json = R"(["Simple."])";
  p.considerations_json = R"(["Ask a doctor."])";
  p.translations_json =
      R"({"de": {"description": "16 Stunden fasten.", "benefits": ["Einfach."]}})";
  protocol de = dto::localised(p, "de");
  EXPECT_EQ(de.language, "de");
  EXPECT_EQ(de.name, "16:8");  // not translated: English
  EXPECT_EQ(de.description, "16 Stunden fasten.");
  EXPECT_EQ(de.benefits_json, R"(["Einfach."])");
  EXPECT_EQ(de.considerations_json, R"(["Ask a doctor."])");
  EXPECT_NE(dto::render_protocol(de).find(R"("language":"de")"), std::string::npos);
  protocol fr = dto::localised(p, "fr");
  EXPECT_EQ(fr.language, "en");
  EXPECT_EQ(fr.description, "Fast 16 hours.");
  EXPECT_EQ(dto::render_protocol_fields(p).find("language"), std::string::npos);

  stage s;
  s.name = "Ketosis";
  s.summary = "Ketones rise.";
  s.source = "Cahill 2006.";
  s.translations_json = R"({"fr": {"name": "Cétose", "source": "ignored"}})";
  stage sf = dto::localised(s, "fr");
  EXPECT_EQ(sf.language, "fr");
  EXPECT_EQ(sf.name, "Cétose");
  EXPECT_EQ(sf.summary, "Ketones rise.");
  EXPECT_EQ(sf.source, "Cahill 2006.");  // citations are never translated
  EXPECT_EQ(dto::localised(s, "en").language, "en");
}

}  // namespace
}  // namespace ugoki::fasting
