// The Apple Health import: accepting an upload (a pending import and its job), reading an
// import's state, and the job that parses the file and stores its points all or nothing.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/import_types.hpp"
#include "core/error.hpp"

namespace ugoki {
class clock;
namespace pg {
class database;
class transaction;
}  // namespace pg
namespace jobs {
struct job;
class registry;
}  // namespace jobs
}  // namespace ugoki

namespace ugoki::analytics {

struct import_settings {
  // Where uploads are spooled and kept until their job has run (UGOKI_UPLOAD_DIR).
  std::filesystem::path upload_dir;
  // Points per insert_points call inside the import's one transaction.
  std::size_t batch_size = 2000;
};

// The job kind that processes an import.
inline constexpr std::string_view import_job_kind = "analytics.import_apple_health";
// The periodic job kind that fails abandoned imports (import_service::fail_abandoned).
inline constexpr std::string_view import_sweep_job_kind = "analytics.import_sweep";

class import_service {
 public:
  // Keeps references; `db` and `clk` must outlive the service.
  import_service(pg::database& db, const clock& clk, import_settings s);

  // Accepts the upload spooled at `body_file` (Content-Type `content_type`): checks the type
  // (415 ANLY_012) and the first bytes (422 ANLY_013: empty, neither XML nor zip), moves the
  // file into the upload directory under the import's name, and creates the pending import and
  // its job in one transaction. 409 ANLY_011 when the user has an import pending or running.
  // Those are returned as refusals; throws pg::unavailable when the database is down, and
  // std::filesystem::filesystem_error when the file cannot be moved.
  boost::asio::awaitable<result<metric_import>> create(std::string user_id,
                                                       std::string_view content_type,
                                                       std::string_view body_file);

  // The import `id` if it is `user_id`'s; 404 ANLY_010 otherwise (also for a malformed id).
  // Throws pg::unavailable.
  boost::asio::awaitable<result<metric_import>> find(std::string user_id, std::string id);

  // The job (kind import_job_kind): validates the whole file in a first pass (nothing written),
  // creates the months' partitions, then stores every point in ONE transaction that also marks
  // the import completed. A malformed or truncated file marks it failed with the reason and
  // stores nothing. The file is deleted when the import ends (completed or failed); a database
  // outage keeps it for the job's retry, except on the last attempt. Runs on the jobs thread.
  boost::asio::awaitable<void> run_job(jobs::job j);

  // Marks failed the imports no job will finish (import_store::fail_abandoned, older than 15
  // minutes) and deletes their files: without it, such an import would refuse the user's every
  // later upload with 409 ANLY_011. Returns how many. Runs on the jobs thread.
  boost::asio::awaitable<std::size_t> fail_abandoned();

  const import_settings& settings() const { return settings_; }

 private:
  struct progress;
  // One pass over the file: counts into `c`; with `tx`, stores the points through it; adds each
  // point's month ("YYYY-MM-01") to `months` when given.
  boost::asio::awaitable<void> pass(const import_target& t, const std::filesystem::path& file,
                                    pg::transaction* tx, import_counts& c,
                                    std::vector<std::string>* months, progress& prog);
  // Both passes and the commit. Throws apple_health::format_error for a bad file.
  boost::asio::awaitable<void> process(const import_target& t, const std::filesystem::path& file,
                                       import_counts& c);

  pg::database& db_;
  const clock& clock_;
  import_settings settings_;
};

// Registers import_job_kind (running `svc.run_job`) and import_sweep_job_kind (running
// `svc.fail_abandoned`) in `kinds`. `svc` must outlive `kinds`.
void add_import_job_kinds(jobs::registry& kinds, import_service& svc);

}  // namespace ugoki::analytics
