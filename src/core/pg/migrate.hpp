// Schema migrations and seed files, applied over a plain blocking connection (CLI steps only).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace spdlog {
class logger;
}

namespace ugoki::pg {

// A migration that cannot be applied as asked: an applied file was edited, two files share a
// number, or the directory is unreadable. Fix the files; retrying will not help.
class migration_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Applies the NNNN_name.sql files of `dir` not yet applied, in name order, each in its own
// transaction, recording each in schema_migrations(version, checksum, applied_at) with its
// SHA-256. Holds a PostgreSQL advisory lock throughout, so concurrent callers apply each file
// once. Returns the versions (file stems) applied by this call. Files must not contain
// transaction control. Throws migration_error (edited or duplicate files), pg::error (a file
// failed: it is rolled back and later files are not tried) or pg::unavailable (cannot connect).
std::vector<std::string> migrate(const std::string& url, const std::filesystem::path& dir,
                                 spdlog::logger& log);
// As above, logging to spdlog's default logger.
std::vector<std::string> migrate(const std::string& url, const std::filesystem::path& dir);

// Executes every *.sql file of `dir` in name order inside ONE transaction (all or nothing), for
// `ugoki seed`; the files should be idempotent (upserts). Returns the file names executed.
// Throws pg::error (rolled back) or pg::unavailable.
std::vector<std::string> run_sql_files(const std::string& url, const std::filesystem::path& dir);

}  // namespace ugoki::pg
