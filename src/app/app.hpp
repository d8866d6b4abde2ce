// The composition root: builds every dependency and module from a config, and runs the commands.
#pragma once

#include <cstddef>
#include <filesystem>

#include "app/config.hpp"

namespace ugoki::app {

// `ugoki serve`: connects, registers every module's routes, serves until SIGTERM. Returns the
// process exit code.
int serve(const config& cfg);
// `ugoki jobs run-once`: enqueues the periodic jobs as due now, runs due jobs until the queue
// is empty, and exits (cron, tests). Returns the process exit code.
int run_jobs_once(const config& cfg);
// `ugoki migrate`: applies pending migrations from cfg.migrations_dir.
int migrate(const config& cfg);
// `ugoki seed`: loads reference data from cfg.seeds_dir (idempotent).
int seed(const config& cfg);
// `ugoki products import FILE`: streams Open Food Facts' CSV or JSONL export into food_products
// (upsert by barcode, `batch` rows per statement), printing progress to stderr.
int import_products(const config& cfg, const std::filesystem::path& file, std::size_t batch);

}  // namespace ugoki::app
