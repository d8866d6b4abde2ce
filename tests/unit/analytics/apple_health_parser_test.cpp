// Unit tests of the streaming export.xml reader: records out of any byte split, the real
// header with its DTD, nesting rules, and the clear failures for bad or truncated files.
// The header under test comes first: it must be self-contained.
#include "analytics/apple_health_parser.hpp"

#include <gtest/gtest.h>

#include <string>

#include "analytics/import_source.hpp"

namespace ugoki::analytics::apple_health {
namespace {

// The start of a real export: XML declaration, the internal DTD subset Apple ships, ExportDate
// and Me, as iOS 17 writes them (DTD shortened to a few declarations of each kind).
const std::string header = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 13 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
]>
<HealthData locale="en_US">
 <ExportDate value="2024-02-01 09:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1990-01-01" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"/>
)";

const std::string body =
    R"( <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale" unit="lb" creationDate="2024-01-05 08:31:00 +0100" startDate="2024-01-05 08:30:00 +0100" endDate="2024-01-05 08:30:00 +0100" value="165.3">
  <MetadataEntry key="HKWasUserEntered" value="1"/>
 </Record>
 <Record type="HKQuantityTypeIdentifierStepCount" sourceName="iPhone" unit="count" startDate="2024-01-05 09:00:00 +0100" endDate="2024-01-05 09:10:00 +0100" value="812"/>
 <Correlation type="HKCorrelationTypeIdentifierBloodPressure" startDate="2024-01-05 09:00:00 +0100" endDate="2024-01-05 09:00:00 +0100">
  <Record type="HKQuantityTypeIdentifierBloodPressureSystolic" sourceName="Cuff" unit="mmHg" startDate="2024-01-05 09:00:00 +0100" endDate="2024-01-05 09:00:00 +0100" value="120"/>
 </Correlation>
 <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" startDate="2024-01-05 18:00:00 +0100" endDate="2024-01-05 18:30:00 +0100"/>
 <ActivitySummary dateComponents="2024-01-05" activeEnergyBurned="420"/>
</HealthData>
)";

TEST(apple_health_parser, reads_top_level_records_and_counts_the_rest) {
  parser p;
  p.feed(header + body);
  p.finish();
  auto records = p.take_records();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].type, "HKQuantityTypeIdentifierBodyMass");
  EXPECT_EQ(records[0].unit, "lb");
  EXPECT_EQ(records[0].value, "165.3");
  EXPECT_EQ(records[0].start_date, "2024-01-05 08:30:00 +0100");
  EXPECT_EQ(records[0].end_date, "2024-01-05 08:30:00 +0100");
  EXPECT_EQ(records[1].type, "HKQuantityTypeIdentifierStepCount");
  EXPECT_EQ(records[1].value, "812");
  // The Correlation's nested record is not counted; Correlation, Workout, ActivitySummary,
  // ExportDate and Me are the other top-level elements.
  EXPECT_EQ(p.records_seen(), 2u);
  EXPECT_EQ(p.other_elements_seen(), 5u);
  EXPECT_TRUE(p.take_records().empty());
}

TEST(apple_health_parser, gives_the_same_records_whatever_the_byte_split) {
  const std::string doc = header + body;
  for (std::size_t chunk : {1u, 7u, 64u, 1000u}) {
    parser p;
    std::vector<raw_record> all;
    for (std::size_t i = 0; i < doc.size(); i += chunk) {
      p.feed(std::string_view(doc).substr(i, chunk));
      for (auto& r : p.take_records()) {
        all.push_back(std::move(r));
      }
    }
    p.finish();
    ASSERT_EQ(all.size(), 2u) << "chunk " << chunk;
    EXPECT_EQ(all[1].value, "812") << "chunk " << chunk;
  }
}

TEST(apple_health_parser, fails_a_truncated_file_with_its_line) {
  const std::string doc = header + body;
  parser p;
  p.feed(doc.substr(0, doc.size() / 2 + 40));
  try {
    p.finish();
    FAIL() << "a truncated file must not finish";
  } catch (const format_error& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("not a complete"), std::string::npos) << what;
    EXPECT_NE(what.find("line"), std::string::npos) << what;
  }
}

TEST(apple_health_parser, fails_malformed_xml_while_feeding) {
  parser p;
  EXPECT_THROW(p.feed(header + " <Record type=\"x\" <oops/>\n</HealthData>"), format_error);
}

TEST(apple_health_parser, refuses_another_root_element) {
  parser p;
  try {
    p.feed("<?xml version=\"1.0\"?><rss><channel/></rss>");
    p.finish();
    FAIL() << "a non-HealthData document must fail";
  } catch (const format_error& e) {
    EXPECT_NE(std::string(e.what()).find("<HealthData>"), std::string::npos);
  }
}

TEST(apple_health_parser, refuses_entity_declarations) {
  // The billion-laughs shape: refused at the first declaration, before any expansion.
  parser p;
  EXPECT_THROW(p.feed("<?xml version=\"1.0\"?><!DOCTYPE HealthData [<!ENTITY a \"aaaa\">"
                      "<!ENTITY b \"&a;&a;&a;&a;\">]><HealthData>&b;</HealthData>"),
               format_error);
}

TEST(apple_health_parser, fails_an_empty_document) {
  parser p;
  EXPECT_THROW(p.finish(), format_error);
}

TEST(apple_health_parser, leaves_oversized_attributes_empty) {
  parser p;
  p.feed("<HealthData><Record type=\"HKQuantityTypeIdentifierStepCount\" unit=\"count\" value=\"" +
         std::string(500, '9') + "\" startDate=\"2024-01-05 09:00:00 +0100\"/></HealthData>");
  p.finish();
  auto records = p.take_records();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].value, "");
  EXPECT_EQ(records[0].unit, "count");
}

TEST(import_source, detects_zip_and_xml_by_their_first_bytes) {
  using import_source::detect;
  using import_source::format;
  EXPECT_EQ(detect(std::string_view("PK\x03\x04rest", 8)), format::zip);
  EXPECT_EQ(detect("<?xml version=\"1.0\"?>"), format::xml);
  EXPECT_EQ(detect("\xEF\xBB\xBF\n  <HealthData>"), format::xml);
  EXPECT_EQ(detect("{\"json\": true}"), std::nullopt);
  EXPECT_EQ(detect("PK"), std::nullopt);
  EXPECT_EQ(detect(""), std::nullopt);
}

}  // namespace
}  // namespace ugoki::analytics::apple_health
