// ugoki: serve | migrate | seed | jobs run-once | products import | admin grant/revoke.
// Configuration: UGOKI_* variables (and ./.env).
#include <CLI/CLI.hpp>

#include <cstdio>

#include "app/app.hpp"

#ifdef UGOKI_WITH_MIMALLOC
#include <mimalloc.h>
// A use of the library, so a linker that drops unused libraries (--as-needed) keeps it: its
// malloc replaces libc's only while it is loaded (src/CMakeLists.txt).
[[maybe_unused]] static const int mimalloc_version = mi_version();
#endif

int main(int argc, char** argv) {
  CLI::App cli{"Ugoki backend: intermittent fasting, HIIT, nutrition and progress tracking API"};
  cli.require_subcommand(1);
  auto* serve = cli.add_subcommand("serve", "Serve the HTTP API until SIGTERM");
  auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations");
  auto* seed = cli.add_subcommand("seed", "Load reference data (idempotent)");
  auto* jobs = cli.add_subcommand("jobs", "Background jobs");
  jobs->require_subcommand(1);
  auto* jobs_run_once =
      jobs->add_subcommand("run-once", "Run due jobs (and the periodic ones) until none is left");
  auto* products = cli.add_subcommand("products", "Food products");
  products->require_subcommand(1);
  auto* products_import = products->add_subcommand(
      "import", "Load Open Food Facts' CSV (tab-separated) or JSONL export into food_products");
  std::string import_file;
  std::size_t import_batch = 1000;
  products_import->add_option("FILE", import_file, "The export file (.csv/.tsv or .jsonl)")
      ->required();
  products_import->add_option("--batch", import_batch, "Rows per upsert statement")
      ->check(CLI::Range(1, 20000));
  auto* admin = cli.add_subcommand("admin", "Administrators (docs/admin.md)");
  admin->require_subcommand(1);
  std::string admin_email;
  auto* admin_grant =
      admin->add_subcommand("grant", "Make the account EMAIL an admin (audited, idempotent)");
  admin_grant->add_option("EMAIL", admin_email, "The account's email address")->required();
  auto* admin_revoke = admin->add_subcommand(
      "revoke", "Take admin from the account EMAIL (role free) and end its sessions (audited)");
  admin_revoke->add_option("EMAIL", admin_email, "The account's email address")->required();
  CLI11_PARSE(cli, argc, argv);

  ugoki::app::config cfg;
  try {
    ugoki::app::load_dotenv(".env");
    cfg = ugoki::app::load_config([](const char* name) { return std::getenv(name); });
  } catch (const ugoki::app::config_error& e) {
    std::fprintf(stderr, "ugoki: invalid configuration:\n");
    for (const auto& p : e.problems) {
      std::fprintf(stderr, "  - %s\n", p.c_str());
    }
    return 2;
  }
  if (serve->parsed()) {
    return ugoki::app::serve(cfg);
  }
  if (migrate->parsed()) {
    return ugoki::app::migrate(cfg);
  }
  if (jobs_run_once->parsed()) {
    return ugoki::app::run_jobs_once(cfg);
  }
  if (products_import->parsed()) {
    return ugoki::app::import_products(cfg, import_file, import_batch);
  }
  if (admin_grant->parsed() || admin_revoke->parsed()) {
    return ugoki::app::set_admin_role(cfg, admin_email, admin_grant->parsed());
  }
  if (seed->parsed()) {
    return ugoki::app::seed(cfg);
  }
  return 1;
}
