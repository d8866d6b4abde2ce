// The Apple Health import job: validate the file in one pass, store it in a second pass inside
// ONE transaction, and record the outcome. See docs/apple-health-import.md for the why.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <set>
#include <system_error>

#include "analytics/apple_health_mapping.hpp"
#include "analytics/apple_health_parser.hpp"
#include "analytics/import_dto.hpp"
#include "analytics/import_service.hpp"
#include "analytics/import_source.hpp"
#include "analytics/import_store.hpp"
#include "analytics/metric_registry.hpp"
#include "analytics/progress_store.hpp"
#include "core/clock.hpp"
#include "core/jobs/queue.hpp"
#include "core/log.hpp"
#include "core/pg/database.hpp"

namespace ugoki::analytics {

namespace {

namespace fs = std::filesystem;
using boost::asio::awaitable;

// Bytes handed to expat at a time: large enough to amortise the calls, small enough that one
// chunk's records (a few thousand) are a modest batch.
constexpr std::size_t read_chunk = 256 * 1024;

// Older points stay in the DEFAULT partition rather than creating a partition per month back
// to 1900 for one stray manual entry.
constexpr std::chrono::year oldest_partitioned_year{2000};

// "YYYY-MM-01" of the UTC month holding `t`, or nullopt before oldest_partitioned_year.
std::optional<std::string> month_of(time::instant t) {
  std::chrono::year_month_day d{std::chrono::floor<std::chrono::days>(t)};
  if (d.year() < oldest_partitioned_year) {
    return std::nullopt;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-01", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()));
  return std::string(buf);
}

void remove_file(const fs::path& file) {
  std::error_code ignored;
  fs::remove(file, ignored);
}

}  // namespace

struct import_service::progress {
  int pass_index = 0;  // 0: validating, 1: storing; each is half of the bar
  int reported = 0;
};

awaitable<void> import_service::pass(const import_target& t, const fs::path& file,
                                     pg::transaction* tx, import_counts& c,
                                     std::vector<std::string>* months, progress& prog) {
  auto format = import_source::detect_file(file);
  if (!format) {
    throw apple_health::format_error("The upload is neither an XML document nor a zip archive");
  }
  auto reader = import_source::open(file, *format);
  const std::uint64_t total = reader->size();
  apple_health::parser parser;
  std::vector<char> buf(read_chunk);
  std::vector<metric_point> batch;
  std::set<std::string> month_set;
  const time::instant now = clock_.now();
  std::uint64_t done = 0;
  c = import_counts{};
  for (;;) {
    // Parsing is CPU work on the jobs thread; it never runs on an I/O thread.
    std::size_t n = reader->read(buf.data(), buf.size());
    if (n == 0) {
      parser.finish();
    } else {
      parser.feed(std::string_view(buf.data(), n));
    }
    done += n;
    for (auto& record : parser.take_records()) {
      auto m = apple_health::map_record(record);
      if (m.kind == apple_health::mapped_kind::unsupported) {
        ++c.skipped_unsupported;
        continue;
      }
      // The same registry rule as POST /analytics/metrics: a bad record is skipped here
      // instead of failing the whole file, since one odd sample should not block years.
      if (m.kind == apple_health::mapped_kind::invalid ||
          !validate_point(m.point, now, "").empty()) {
        ++c.skipped_invalid;
        continue;
      }
      if (months != nullptr) {
        if (auto month = month_of(m.point.time)) {
          month_set.insert(std::move(*month));
        }
      }
      if (tx != nullptr) {
        batch.push_back(std::move(m.point));
      }
    }
    c.records_seen = static_cast<std::int64_t>(parser.records_seen());
    if (tx != nullptr && (batch.size() >= settings_.batch_size || (n == 0 && !batch.empty()))) {
      auto insert = progress_store::insert_points(*tx, t.user_id, std::move(batch));
      ingest_result stored = co_await std::move(insert);
      batch = {};
      c.points_inserted += static_cast<std::int64_t>(stored.inserted);
      c.duplicates += static_cast<std::int64_t>(stored.duplicates + stored.updated);
    }
    int pct = prog.pass_index * 50 + (total == 0 ? 0 : static_cast<int>(done * 50 / total));
    pct = std::min(pct, 99);
    if (pct >= prog.reported + 2) {
      prog.reported = pct;
      co_await import_store::set_progress(db_, t.id, pct);
    }
    if (n == 0) {
      break;
    }
  }
  if (months != nullptr) {
    months->assign(month_set.begin(), month_set.end());
  }
}

awaitable<void> import_service::process(const import_target& t, const fs::path& file,
                                        import_counts& c) {
  progress prog;
  std::vector<std::string> months;
  // Pass 1 reads the whole file without writing: a malformed or truncated file fails here,
  // before any transaction is open, and the months to partition are known.
  auto validate = pass(t, file, nullptr, c, &months, prog);
  co_await std::move(validate);

  // Partitions are DDL that locks progress_metrics; made in their own short transaction now,
  // since inside the import's transaction they would hold that lock for the whole import.
  bool partitioned = true;
  try {
    auto ensure = import_store::ensure_partitions(db_, months);
    co_await std::move(ensure);
  } catch (const pg::error&) {
    partitioned = false;  // lock not had in time: the DEFAULT partition takes the points
  }
  if (!partitioned) {
    log::warn("import: partitions not created; points go to the default partition",
              log::fields().add("import_id", t.id).add("months", months.size()));
  }

  // Pass 2 stores every point and the outcome in ONE transaction: all of it or nothing.
  prog.pass_index = 1;
  pg::transaction tx = co_await db_.begin();
  auto store = pass(t, file, &tx, c, nullptr, prog);
  co_await std::move(store);
  co_await import_store::complete(tx, t.id, c);
  co_await tx.commit();
}

awaitable<void> import_service::run_job(jobs::job j) {
  auto id = import_dto::import_id_of(j.payload);
  if (!id) {
    log::error("import job without an import id", log::fields().add("job_id", j.id));
    co_return;  // retrying cannot help
  }
  auto target = co_await import_store::find_target(db_, *id);
  if (!target) {
    // The user was erased (the row cascaded away): the file may still be here.
    remove_file(settings_.upload_dir / ("import-" + *id + ".xml"));
    remove_file(settings_.upload_dir / ("import-" + *id + ".zip"));
    co_return;
  }
  const fs::path file = settings_.upload_dir / target->file_name;
  bool runnable = co_await import_store::mark_running(db_, *id);
  if (!runnable) {
    remove_file(file);  // finished by an earlier run of this job
    co_return;
  }
  log::info("import started", log::fields().add("import_id", *id).add("attempt", j.attempts));

  import_counts counts;
  std::optional<std::string> failure;  // shown to the user
  std::exception_ptr transient;
  try {
    co_await process(*target, file, counts);
  } catch (const apple_health::format_error& e) {
    failure = e.what();
  } catch (const pg::unavailable&) {
    transient = std::current_exception();
  } catch (const std::system_error& e) {
    log::error("import: cannot read the upload",
               log::fields().add("import_id", *id).add("detail", e.what()));
    failure = "The uploaded file is no longer available; please upload it again";
  } catch (const std::exception& e) {
    log::error("import failed", log::fields().add("import_id", *id).add("detail", e.what()));
    failure = "The import failed unexpectedly; please try again later";
  }
  if (transient) {
    if (j.attempts < j.max_attempts) {
      // The file stays for the retry; the rolled-back transaction left nothing behind.
      std::rethrow_exception(transient);
    }
    failure =
        "The import could not be stored because the database was unavailable; please "
        "upload the file again";
  }
  remove_file(file);
  if (failure) {
    co_await import_store::fail(db_, *id, *failure, counts);
    log::info("import failed", log::fields().add("import_id", *id));
    co_return;
  }
  log::info("import completed", log::fields()
                                    .add("import_id", *id)
                                    .add("records", counts.records_seen)
                                    .add("inserted", counts.points_inserted)
                                    .add("duplicates", counts.duplicates));
}

awaitable<std::size_t> import_service::fail_abandoned() {
  // A job waiting for its retry is queued and still counts; the age is a margin on top (the
  // job queue's visibility timeout), so an import is never failed while anything may hold it.
  auto files = co_await import_store::fail_abandoned(db_, std::chrono::minutes(15));
  for (const auto& name : files) {
    remove_file(settings_.upload_dir / name);
  }
  if (!files.empty()) {
    log::warn("abandoned imports failed", log::fields().add("count", files.size()));
  }
  co_return files.size();
}

}  // namespace ugoki::analytics
