// The admin console's static files: loaded once at start-up, served with a strict CSP.
#include "ops/console_routes.hpp"

#include <boost/asio/awaitable.hpp>

#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "core/http/caching.hpp"
#include "core/http/router.hpp"
#include "core/log.hpp"

namespace ugoki::ops {

namespace {

using boost::asio::awaitable;
using http::verb;

// The console runs only its own scripts, never inline ones, and fetches only this origin.
// require-trusted-types-for makes every HTML-parsing sink (innerHTML and friends) throw, so
// nothing an article body holds can become markup in the Markdown preview, even through a bug
// in the console. Images may come from https (articles show media from the configured store).
constexpr std::string_view console_csp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https:; "
    "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "require-trusted-types-for 'script'; trusted-types 'none'";

struct console_file {
  std::string body;
  std::string content_type;
  std::string etag;
  bool page = false;  // index.html: never cached
};

std::optional<std::string_view> media_type_of(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  static constexpr std::pair<std::string_view, std::string_view> types[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".map", "application/json"},
  };
  for (const auto& [known, type] : types) {
    if (ext == known) {
      return type;
    }
  }
  return std::nullopt;
}

std::shared_ptr<const console_file> read_file(const std::filesystem::path& path,
                                              std::string_view content_type) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    log::warn("admin console file unreadable", log::fields().add("path", path.string()));
    return nullptr;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  auto f = std::make_shared<console_file>();
  f->body = ss.str();
  f->content_type = std::string(content_type);
  f->etag = http::make_etag(f->body);
  f->page = path.filename() == "index.html";
  return f;
}

http::response serve(const http::request_context& ctx, const console_file& file) {
  http::response r;
  if (!file.page && http::etag_matches(ctx.header("If-None-Match"), file.etag)) {
    r.status = 304;
    r.body_kind = http::response::kind::empty;
  } else {
    r = http::raw(200, file.body, file.content_type);
  }
  if (!file.page) {
    r.headers.emplace_back("ETag", file.etag);
  }
  r.headers.emplace_back("Cache-Control", file.page ? "no-store" : "no-cache");
  r.headers.emplace_back("Content-Security-Policy", std::string(console_csp));
  return r;
}

}  // namespace

void add_console_routes(http::router& router, const std::filesystem::path& assets_dir) {
  std::error_code ec;
  std::filesystem::recursive_directory_iterator it(assets_dir, ec);
  if (ec) {
    log::warn("admin console directory unreadable",
              log::fields().add("path", assets_dir.string()).add("detail", ec.message()));
    return;
  }
  std::size_t served = 0;
  for (const auto& entry : it) {
    if (!entry.is_regular_file()) {
      continue;
    }
    auto type = media_type_of(entry.path());
    if (!type) {
      continue;
    }
    auto file = read_file(entry.path(), *type);
    if (!file) {
      continue;
    }
    const std::string relative = entry.path().lexically_relative(assets_dir).generic_string();
    // The route's Accept check takes the media type without parameters (static storage).
    const std::string_view produces = type->substr(0, type->find(';'));
    std::vector<std::string> paths{"/admin/" + relative};
    if (relative == "index.html") {
      paths.emplace_back("/admin");
    }
    for (auto& path : paths) {
      // The console is static and tiny; like the API docs it is not rate limited, so a reload
      // never spends the anonymous bucket that sign-in needs.
      router.add({.method = verb::get,
                  .pattern = std::move(path),
                  .fn = [file](http::request_context& ctx) -> awaitable<http::response> {
                    co_return serve(ctx, *file);
                  },
                  .rate_limited = false,
                  .produces = produces});
    }
    ++served;
  }
  log::info("admin console", log::fields().add("path", assets_dir.string()).add("files", served));
}

}  // namespace ugoki::ops
