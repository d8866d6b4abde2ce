// export.xml through libexpat: top-level <Record> attributes out, everything else counted.
#include "analytics/apple_health_parser.hpp"

#include <expat.h>

#include <cstring>
#include <limits>

namespace ugoki::analytics::apple_health {

namespace {

// Longer attribute values are no HealthKit type, unit, number or date: such a record is kept
// with an empty field, which the mapping then skips as invalid, and memory stays bounded.
constexpr std::size_t max_attribute_bytes = 128;

void copy_bounded(std::string& out, const XML_Char* value) {
  std::size_t n = std::strlen(value);
  if (n <= max_attribute_bytes) {
    out.assign(value, n);
  }
}

}  // namespace

struct parser::expat {
  XML_Parser p = nullptr;
  ~expat() {
    if (p != nullptr) {
      XML_ParserFree(p);
    }
  }
};

struct parser::callbacks {
  static void start(void* data, const XML_Char* name, const XML_Char** atts) {
    auto& self = *static_cast<parser*>(data);
    ++self.depth_;
    if (self.depth_ == 1) {
      if (std::strcmp(name, "HealthData") != 0) {
        stop(self,
             "The file is not an Apple Health export (its root element is not "
             "<HealthData>)");
        return;
      }
      self.root_seen_ = true;
      return;
    }
    if (self.depth_ != 2) {
      return;  // MetadataEntry, records inside a Correlation, workout events, ...
    }
    if (std::strcmp(name, "Record") != 0) {
      ++self.other_seen_;
      return;
    }
    ++self.records_seen_;
    raw_record r;
    for (std::size_t i = 0; atts[i] != nullptr; i += 2) {
      const XML_Char* key = atts[i];
      const XML_Char* value = atts[i + 1];
      if (std::strcmp(key, "type") == 0) {
        copy_bounded(r.type, value);
      } else if (std::strcmp(key, "unit") == 0) {
        copy_bounded(r.unit, value);
      } else if (std::strcmp(key, "value") == 0) {
        copy_bounded(r.value, value);
      } else if (std::strcmp(key, "startDate") == 0) {
        copy_bounded(r.start_date, value);
      } else if (std::strcmp(key, "endDate") == 0) {
        copy_bounded(r.end_date, value);
      }
    }
    self.records_.push_back(std::move(r));
  }

  static void end(void* data, const XML_Char*) { --static_cast<parser*>(data)->depth_; }

  // Apple's DTD declares elements and attributes only. An entity declaration has no business in
  // an export and is the vehicle of entity-expansion attacks, so the file is refused outright.
  static void entity_declaration(void* data, const XML_Char*, int, const XML_Char*, int,
                                 const XML_Char*, const XML_Char*, const XML_Char*,
                                 const XML_Char*) {
    stop(*static_cast<parser*>(data),
         "The file is not an Apple Health export (it declares XML entities)");
  }

  static void stop(parser& self, std::string reason) {
    if (self.abort_reason_.empty()) {
      self.abort_reason_ = std::move(reason);
    }
    XML_StopParser(self.xml_->p, XML_FALSE);
  }
};

parser::parser() : xml_(std::make_unique<expat>()) {
  xml_->p = XML_ParserCreate(nullptr);
  if (xml_->p == nullptr) {
    throw std::bad_alloc();
  }
  XML_SetUserData(xml_->p, this);
  XML_SetElementHandler(xml_->p, &callbacks::start, &callbacks::end);
  XML_SetEntityDeclHandler(xml_->p, &callbacks::entity_declaration);
  // Never fetch an external DTD or entity: the export must be self-contained.
  XML_SetParamEntityParsing(xml_->p, XML_PARAM_ENTITY_PARSING_NEVER);
}

parser::~parser() = default;

void parser::fail_from_expat() {
  if (!abort_reason_.empty()) {
    throw format_error(abort_reason_);
  }
  auto code = XML_GetErrorCode(xml_->p);
  std::string message =
      "The file is not a complete, well-formed Apple Health export (XML error "
      "at line " +
      std::to_string(XML_GetCurrentLineNumber(xml_->p)) + ": " + XML_ErrorString(code) + ")";
  throw format_error(message);
}

void parser::feed(std::string_view bytes) {
  // expat takes an int length: feed huge buffers in slices.
  constexpr std::size_t slice = std::numeric_limits<int>::max() / 2;
  while (!bytes.empty()) {
    std::size_t n = std::min(bytes.size(), slice);
    if (XML_Parse(xml_->p, bytes.data(), static_cast<int>(n), XML_FALSE) != XML_STATUS_OK) {
      fail_from_expat();
    }
    bytes.remove_prefix(n);
  }
}

void parser::finish() {
  if (XML_Parse(xml_->p, nullptr, 0, XML_TRUE) != XML_STATUS_OK) {
    fail_from_expat();
  }
  if (!root_seen_) {
    throw format_error("The file is not an Apple Health export (no <HealthData> element)");
  }
}

std::vector<raw_record> parser::take_records() {
  std::vector<raw_record> out;
  out.swap(records_);
  return out;
}

}  // namespace ugoki::analytics::apple_health
