// The composition root: builds every dependency and module from a config, and runs the commands.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

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

// `ugoki admin grant EMAIL` (grant = true) and `ugoki admin revoke EMAIL`: sets the role of the
// live account `email` through the auth module (audited, role.grant / role.revoke, actor NULL);
// revoke also ends the account's sessions. Idempotent. Returns 0 on success, 1 with a message on
// stderr when no live account has this email or the database or Redis failed, 2 when the modules
// cannot start.
int set_admin_role(const config& cfg, const std::string& email, bool grant);

}  // namespace ugoki::app
