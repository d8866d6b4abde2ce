// ugoki: serve | migrate | seed. Configuration comes from UGOKI_* variables (and ./.env).
#include <CLI/CLI.hpp>

#include <cstdio>

#include "app/app.hpp"

int main(int argc, char** argv) {
  CLI::App cli{"Ugoki backend: intermittent fasting, HIIT, nutrition and progress tracking API"};
  cli.require_subcommand(1);
  auto* serve = cli.add_subcommand("serve", "Serve the HTTP API until SIGTERM");
  auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations");
  auto* seed = cli.add_subcommand("seed", "Load reference data (idempotent)");
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
  if (seed->parsed()) {
    return ugoki::app::seed(cfg);
  }
  return 1;
}
