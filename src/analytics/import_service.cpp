// Accepting Apple Health uploads and reading imports; the job itself is in import_job.cpp.
#include "analytics/import_service.hpp"

#include <cctype>
#include <exception>
#include <system_error>

#include "analytics/import_dto.hpp"
#include "analytics/import_errors.hpp"
#include "analytics/import_source.hpp"
#include "analytics/import_store.hpp"
#include "core/jobs/queue.hpp"
#include "core/jobs/runner.hpp"
#include "core/pg/database.hpp"

namespace ugoki::analytics {

namespace {

namespace fs = std::filesystem;
using boost::asio::awaitable;

// The media type without parameters, lowercased: "Application/XML; charset=utf-8" -> xml's.
std::string media_type(std::string_view v) {
  v = v.substr(0, v.find(';'));
  while (!v.empty() && v.back() == ' ') {
    v.remove_suffix(1);
  }
  std::string out;
  for (char c : v) {
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// The types browsers and HTTP clients send for an .xml or .zip file (x-zip-compressed is
// Windows'); octet-stream for clients that do not know. The bytes decide the format anyway.
bool accepted_type(std::string_view content_type) {
  std::string t = media_type(content_type);
  return t == "application/xml" || t == "text/xml" || t == "application/zip" ||
         t == "application/x-zip-compressed" || t == "application/octet-stream";
}

}  // namespace

import_service::import_service(pg::database& db, const clock& clk, import_settings s)
    : db_(db), clock_(clk), settings_(std::move(s)) {}

awaitable<result<metric_import>> import_service::create(std::string user_id,
                                                        std::string_view content_type,
                                                        std::string_view body_file) {
  if (!accepted_type(content_type)) {
    co_return import_errors::unsupported_upload_type();
  }
  const fs::path spooled(body_file);
  std::optional<import_source::format> format;
  if (!body_file.empty()) {
    format = import_source::detect_file(spooled);
  }
  if (!format) {
    co_return import_errors::not_an_export();
  }
  std::error_code size_error;
  auto size = static_cast<std::int64_t>(fs::file_size(spooled, size_error));
  const std::string extension = *format == import_source::format::zip ? ".zip" : ".xml";

  pg::transaction tx = co_await db_.begin();
  auto created = co_await import_store::create(tx, user_id, extension, size_error ? 0 : size);
  if (!created) {
    co_return import_errors::import_pending();  // `tx` rolls back as it goes
  }
  // Moved before the commit: once the import is visible, its job must find the file. The
  // server deletes the spool path after the response, so the upload must leave it now.
  const fs::path kept = settings_.upload_dir / created->second;
  fs::rename(spooled, kept);
  std::exception_ptr failure;
  try {
    jobs::job_spec spec;
    spec.kind = std::string(import_job_kind);
    spec.payload = import_dto::job_payload(created->first.id);
    spec.user_id = user_id;
    spec.dedupe_key = "import:" + created->first.id;
    spec.max_attempts = 3;
    auto enqueue = jobs::enqueue(tx, std::move(spec));
    co_await std::move(enqueue);
    co_await tx.commit();
  } catch (...) {
    failure = std::current_exception();
  }
  if (failure) {
    std::error_code ignored;
    fs::remove(kept, ignored);  // no import names it
    std::rethrow_exception(failure);
  }
  co_return created->first;
}

awaitable<result<metric_import>> import_service::find(std::string user_id, std::string id) {
  std::optional<metric_import> found =
      co_await import_store::find(db_, std::move(user_id), std::move(id));
  if (!found) {
    co_return import_errors::import_not_found();
  }
  co_return std::move(*found);
}

namespace {

awaitable<void> sweep(import_service& svc) {
  co_await svc.fail_abandoned();
}

}  // namespace

void add_import_job_kinds(jobs::registry& kinds, import_service& svc) {
  kinds.add(std::string(import_job_kind), [&svc](const jobs::job& j) { return svc.run_job(j); });
  kinds.add(std::string(import_sweep_job_kind), [&svc](const jobs::job&) { return sweep(svc); });
}

}  // namespace ugoki::analytics
