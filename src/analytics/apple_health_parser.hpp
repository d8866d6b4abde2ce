// A streaming reader of Apple Health's export.xml: feed it bytes as they come (libexpat), take
// the <Record> elements it has found. Pure: no I/O, no database, so it is unit-tested alone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ugoki::analytics::apple_health {

// The file is not a readable Apple Health export (malformed or truncated XML, another root
// element, a forbidden DTD construct). what() is safe to show the user: it names the problem
// and the line, never the file's content.
class format_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The attributes of one top-level <Record> that the mapping reads, as written in the file.
struct raw_record {
  std::string type;        // "HKQuantityTypeIdentifierBodyMass"
  std::string unit;        // "lb"; empty for category records (sleep)
  std::string value;       // "165.3", or "HKCategoryValueSleepAnalysisAsleepCore"
  std::string start_date;  // "2024-01-05 08:30:00 +0100"
  std::string end_date;
};

class parser {
 public:
  parser();
  ~parser();
  parser(const parser&) = delete;
  parser& operator=(const parser&) = delete;

  // Parses the next bytes of the document (any split, even inside a tag). Records completed by
  // them are queued for take_records(). Throws format_error on malformed XML, a root element
  // other than <HealthData>, or an entity declaration (refused: no entity expansion at all).
  void feed(std::string_view bytes);
  // Declares the end of the document. Throws format_error when it is incomplete (a truncated
  // file: unclosed elements) or held no <HealthData> root.
  void finish();
  // The records parsed since the last call, in document order.
  std::vector<raw_record> take_records();

  // Every <Record> child of <HealthData> seen so far (records nested in <Correlation> are
  // copies of top-level ones and are not counted).
  std::uint64_t records_seen() const { return records_seen_; }
  // Other top-level elements (Workout, ActivitySummary, ...) seen so far; the import skips them.
  std::uint64_t other_elements_seen() const { return other_seen_; }

 private:
  struct callbacks;  // expat's C callbacks, friends of the state below
  void fail_from_expat();

  struct expat;  // owns the XML_Parser
  std::unique_ptr<expat> xml_;
  int depth_ = 0;
  bool root_seen_ = false;
  std::string abort_reason_;  // set by a callback that stopped the parser
  std::uint64_t records_seen_ = 0;
  std::uint64_t other_seen_ = 0;
  std::vector<raw_record> records_;
};

}  // namespace ugoki::analytics::apple_health
