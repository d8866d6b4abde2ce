// Migrations: advisory lock, schema_migrations bookkeeping, checksums, one transaction per file.
#include "core/pg/migrate.hpp"

#include <libpq-fe.h>
#include <openssl/evp.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include <spdlog/spdlog.h>

#include "core/pg/error.hpp"

namespace ugoki::pg {

namespace {

// Fixed key shared by every ugoki process: "ugoki" in ASCII.
constexpr const char* lock_sql = "SELECT pg_advisory_lock(448612035433)";
constexpr const char* unlock_sql = "SELECT pg_advisory_unlock(448612035433)";

struct conn_closer {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using conn_ptr = std::unique_ptr<PGconn, conn_closer>;

struct result_clear {
  void operator()(PGresult* r) const { PQclear(r); }
};
using result_ptr = std::unique_ptr<PGresult, result_clear>;

conn_ptr connect(const std::string& url) {
  conn_ptr c(PQconnectdb(url.c_str()));
  if (!c || PQstatus(c.get()) != CONNECTION_OK) {
    throw unavailable(std::string("postgres: cannot connect: ") +
                      (c ? PQerrorMessage(c.get()) : "out of memory"));
  }
  // Silence NOTICEs such as "extension already exists, skipping".
  PQsetNoticeProcessor(
      c.get(), [](void*, const char*) {}, nullptr);
  return c;
}

// Runs SQL (possibly several statements) and throws pg::error if the server rejects it.
result_ptr exec(PGconn* c, const std::string& sql, const std::string& label,
                const std::vector<std::string>& args = {}) {
  std::vector<const char*> values;
  for (const auto& a : args) {
    values.push_back(a.c_str());
  }
  // Without parameters, PQexec uses the simple protocol, which allows multi-statement files.
  result_ptr r(args.empty() ? PQexec(c, sql.c_str())
                            : PQexecParams(c, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                           values.data(), nullptr, nullptr, 0));
  const ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
    return r;
  }
  if (PQstatus(c) != CONNECTION_OK) {
    throw unavailable("postgres: connection lost during " + label);
  }
  auto field = [&](int code) {
    const char* v = r ? PQresultErrorField(r.get(), code) : nullptr;
    return std::string(v ? v : "");
  };
  const std::string state = field(PG_DIAG_SQLSTATE);
  throw error(
      state,
      label + ": " + (r ? field(PG_DIAG_MESSAGE_PRIMARY) : PQerrorMessage(c)) + " (" + state + ")",
      field(PG_DIAG_CONSTRAINT_NAME));
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    throw migration_error("cannot read " + p.string());
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string sha256_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0xf];
  }
  return out;
}

// Files of `dir` with extension .sql, sorted by name.
std::vector<std::filesystem::path> sql_files(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".sql") {
      files.push_back(e.path());
    }
  }
  if (ec) {
    throw migration_error("cannot list " + dir.string() + ": " + ec.message());
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.filename() < b.filename(); });
  return files;
}

bool is_migration_name(const std::string& stem) {
  return stem.size() > 5 && stem[4] == '_' &&
         std::all_of(stem.begin(), stem.begin() + 4,
                     [](char ch) { return ch >= '0' && ch <= '9'; });
}

}  // namespace

std::vector<std::string> migrate(const std::string& url, const std::filesystem::path& dir,
                                 spdlog::logger& log) {
  // Read and check every file before touching the database.
  std::vector<std::pair<std::string, std::string>> files;  // version, contents
  for (const auto& p : sql_files(dir)) {
    const std::string stem = p.stem().string();
    if (!is_migration_name(stem)) {
      throw migration_error("migration file not named NNNN_name.sql: " + p.filename().string());
    }
    if (!files.empty() && files.back().first.substr(0, 4) == stem.substr(0, 4)) {
      throw migration_error("two migrations numbered " + stem.substr(0, 4));
    }
    files.emplace_back(stem, read_file(p));
  }

  conn_ptr c = connect(url);
  exec(c.get(), "SET client_min_messages = warning", "settings");
  // Session-level lock: a second migrator waits here until the first is done, then finds
  // everything applied. Released explicitly below, or by the server when the connection closes.
  exec(c.get(), lock_sql, "advisory lock");
  exec(c.get(),
       "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, "
       "checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
       "schema_migrations");
  std::map<std::string, std::string> applied;
  result_ptr rows = exec(c.get(), "SELECT version, checksum FROM schema_migrations", "read");
  for (int i = 0; i < PQntuples(rows.get()); ++i) {
    applied.emplace(PQgetvalue(rows.get(), i, 0), PQgetvalue(rows.get(), i, 1));
  }

  std::vector<std::string> done;
  for (const auto& [version, sql] : files) {
    const std::string sum = sha256_hex(sql);
    if (auto it = applied.find(version); it != applied.end()) {
      if (it->second != sum) {
        throw migration_error("migration " + version +
                              " was edited after it was applied (checksum differs); "
                              "add a new migration instead");
      }
      continue;
    }
    exec(c.get(), "BEGIN", version);
    try {
      exec(c.get(), sql, version);
      exec(c.get(), "INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)", version,
           {version, sum});
      exec(c.get(), "COMMIT", version);
    } catch (const error&) {
      PQclear(PQexec(c.get(), "ROLLBACK"));
      throw;
    }
    log.info("migration {} applied", version);
    done.push_back(version);
  }
  exec(c.get(), unlock_sql, "advisory unlock");
  return done;
}

std::vector<std::string> migrate(const std::string& url, const std::filesystem::path& dir) {
  return migrate(url, dir, *spdlog::default_logger());
}

std::vector<std::string> run_sql_files(const std::string& url, const std::filesystem::path& dir) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& p : sql_files(dir)) {
    files.emplace_back(p.filename().string(), read_file(p));
  }
  conn_ptr c = connect(url);
  exec(c.get(), "SET client_min_messages = warning", "settings");
  exec(c.get(), "BEGIN", "seed");
  std::vector<std::string> done;
  try {
    for (const auto& [name, sql] : files) {
      exec(c.get(), sql, name);
      done.push_back(name);
    }
    exec(c.get(), "COMMIT", "seed");
  } catch (const error&) {
    PQclear(PQexec(c.get(), "ROLLBACK"));
    throw;
  }
  return done;
}

}  // namespace ugoki::pg
