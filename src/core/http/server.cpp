// Listeners and connection sessions: one io_context per thread, SO_REUSEPORT, keep-alive,
// limits and timeouts, and the SIGTERM drain.
#include "core/http/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <random>
#include <thread>
#include <unordered_set>

#include "core/http/detail/dispatcher.hpp"
#include "core/log.hpp"

namespace ugoki::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::use_awaitable;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

namespace {

// Per-connection state the drain needs: is the session between requests (safe to close)?
struct session_state {
  beast::tcp_stream* stream = nullptr;
  bool idle = true;
};

struct io_thread {
  explicit io_thread(std::size_t i) : index(i) {}
  std::size_t index;
  asio::io_context ioc{1};  // one thread per context: Asio can skip internal locking
  std::optional<tcp::acceptor> acceptor;
  std::unordered_set<session_state*> sessions;  // touched only on this thread
  std::thread thread;
};

// The spool file of one request: deleted when the request is over (answered, failed, or the
// client went away), unless the handler moved it elsewhere first.
struct spool_file {
  std::filesystem::path path;
  spool_file() = default;
  spool_file(const spool_file&) = delete;
  spool_file& operator=(const spool_file&) = delete;
  ~spool_file() {
    if (!path.empty()) {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
    }
  }
};

// "<dir>/upload-<32 hex>.part": unguessable enough to never collide (opened O_EXCL anyway).
std::filesystem::path new_spool_path(std::string_view dir) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  char name[48];
  std::snprintf(name, sizeof name, "upload-%016llx%016llx.part",
                static_cast<unsigned long long>(rng()), static_cast<unsigned long long>(rng()));
  return std::filesystem::path(dir) / name;
}

// The answer to a failed read of a request's `part` ("headers" or "body"), or nullopt when the
// client went away and nobody is left to answer. `other` is the answer to an error that is
// neither HTTP's nor the network's (a spool file that cannot be written).
std::optional<api_error> read_failure(const beast::error_code& ec, std::string_view part,
                                      std::optional<api_error> other) {
  if (ec == bhttp::error::header_limit) {
    return api_error{431, "REQ_003", "Request headers are too large"};
  }
  if (ec == bhttp::error::body_limit) {
    return api_error{413, "REQ_001", "Request body is too large"};
  }
  if (ec == beast::error::timeout) {
    return api_error{408, "REQ_004", "Request " + std::string(part) + " not received in time"};
  }
  if (ec == asio::error::eof || ec == bhttp::error::end_of_stream ||
      ec == asio::error::operation_aborted || ec == asio::error::connection_reset) {
    return std::nullopt;
  }
  if (ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category()) {
    return api_error{400, "VAL_001", "Malformed HTTP request"};
  }
  return other;
}

const api_error malformed{400, "VAL_001", "Malformed HTTP request"};

}  // namespace

struct server::impl {
  impl(server_settings s, const router& r, metrics::registry& m)
      : settings(std::move(s)), dispatch(settings, r, m), routes(r) {}

  asio::awaitable<void> accept_loop(io_thread& t);
  asio::awaitable<void> session(io_thread& t, tcp::socket socket);
  asio::awaitable<void> write_early_error(beast::tcp_stream& stream, api_error e,
                                          std::string_view request_id, unsigned version,
                                          std::size_t thread);
  // Reads the rest of the body into a new file in `dir` (routes with a spool_dir), each read
  // under body_timeout, so a large upload may take long as long as it keeps moving. Returns
  // nullopt when the body could not be read, with `early` set when the client gets an answer.
  asio::awaitable<std::optional<raw_request>> read_spooled(
      beast::tcp_stream& stream, beast::flat_buffer& buffer,
      bhttp::request_parser<bhttp::string_body>& header_parser, std::string_view dir,
      std::size_t limit, spool_file& spool, std::optional<api_error>& early);
  void begin_drain();

  server_settings settings;
  detail::dispatcher dispatch;
  const router& routes;
  std::vector<std::unique_ptr<io_thread>> threads;
  std::function<void(std::size_t, asio::any_io_executor)> thread_start;
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> open_sessions{0};
  asio::io_context control{1};  // signals and the drain timer, on the thread calling run()
};

server::server(server_settings settings, const router& routes, metrics::registry& metrics)
    : impl_(std::make_unique<impl>(std::move(settings), routes, metrics)) {}

server::~server() {
  for (auto& t : impl_->threads) {
    t->ioc.stop();
    if (t->thread.joinable()) {
      t->thread.join();
    }
  }
}

void server::set_authenticator(authenticator* auth) {
  impl_->dispatch.set_authenticator(auth);
}

void server::set_rate_limiter(rate_limiter* limiter) {
  impl_->dispatch.set_rate_limiter(limiter);
}

void server::set_idempotency_store(idempotency_store* store) {
  impl_->dispatch.set_idempotency_store(store);
}

void server::on_thread_start(std::function<void(std::size_t, asio::any_io_executor)> fn) {
  impl_->thread_start = std::move(fn);
}

std::uint16_t server::listen() {
  auto& s = impl_->settings;
  tcp::endpoint endpoint{asio::ip::make_address(s.host), s.port};
  std::size_t count = std::max<std::size_t>(1, s.threads);
  for (std::size_t i = 0; i < count; ++i) {
    auto t = std::make_unique<io_thread>(i);
    t->acceptor.emplace(t->ioc);
    auto& a = *t->acceptor;
    a.open(endpoint.protocol());
    a.set_option(tcp::acceptor::reuse_address(true));
    // Every thread has its own listening socket on the same port; the kernel spreads
    // connections across them, so no accept lock is shared between threads.
    a.set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true));
    a.bind(endpoint);
    a.listen(asio::socket_base::max_listen_connections);
    if (endpoint.port() == 0) {
      endpoint.port(a.local_endpoint().port());  // the others join the port the first got
    }
    impl_->threads.push_back(std::move(t));
  }
  return endpoint.port();
}

void server::run() {
  auto& self = *impl_;
  for (auto& tp : self.threads) {
    io_thread& t = *tp;
    asio::co_spawn(
        t.ioc, [&self, &t] { return self.accept_loop(t); },
        [](std::exception_ptr e) {
          if (e) {
            std::rethrow_exception(e);
          }
        });
    t.thread = std::thread([&self, &t] {
      if (self.thread_start) {
        self.thread_start(t.index, t.ioc.get_executor());
      }
      t.ioc.run();
    });
  }
  asio::signal_set signals(self.control, SIGINT, SIGTERM);
  signals.async_wait([this](const boost::system::error_code& ec, int) {
    if (!ec) {
      stop();
    }
  });
  self.control.run();  // returns once stop() has drained the sessions

  for (auto& t : self.threads) {
    t->ioc.stop();
  }
  for (auto& t : self.threads) {
    if (t->thread.joinable()) {
      t->thread.join();
    }
  }
}

void server::stop() {
  auto& self = *impl_;
  if (self.stopping.exchange(true)) {
    return;
  }
  log::info("draining", log::fields().add("open_connections", self.open_sessions.load()));
  self.begin_drain();
  // Poll until every session has ended or the grace period is over; then run() stops the loops.
  auto deadline = std::chrono::steady_clock::now() + self.settings.shutdown_grace;
  asio::co_spawn(
      self.control,
      [&self, deadline]() -> asio::awaitable<void> {
        asio::steady_timer timer(self.control);
        while (self.open_sessions.load() > 0 && std::chrono::steady_clock::now() < deadline) {
          timer.expires_after(std::chrono::milliseconds(10));
          co_await timer.async_wait(use_awaitable);
        }
        if (self.open_sessions.load() > 0) {
          log::warn("shutdown grace period over; closing connections",
                    log::fields().add("open_connections", self.open_sessions.load()));
        }
        self.control.stop();
      },
      [](std::exception_ptr e) {
        if (e) {
          std::rethrow_exception(e);
        }
      });
}

void server::impl::begin_drain() {
  for (auto& tp : threads) {
    io_thread& t = *tp;
    asio::post(t.ioc, [&t] {
      boost::system::error_code ignored;
      if (t.acceptor) {
        t.acceptor->close(ignored);
      }
      // Idle keep-alive connections are closed now; busy ones close after their response.
      for (auto* s : t.sessions) {
        if (s->idle) {
          s->stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
          s->stream->cancel();
        }
      }
    });
  }
}

asio::awaitable<void> server::impl::accept_loop(io_thread& t) {
  for (;;) {
    auto [ec, socket] = co_await t.acceptor->async_accept(tuple_awaitable);
    if (ec == asio::error::operation_aborted || stopping.load()) {
      co_return;
    }
    if (ec) {
      // EMFILE and friends: back off briefly instead of spinning.
      log::warn("accept failed", log::fields().add("error", ec.message()));
      asio::steady_timer timer(t.ioc, std::chrono::milliseconds(50));
      co_await timer.async_wait(tuple_awaitable);
      continue;
    }
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    asio::co_spawn(
        t.ioc, [this, &t, s = std::move(socket)]() mutable { return session(t, std::move(s)); },
        [](std::exception_ptr e) {
          if (e) {
            try {
              std::rethrow_exception(e);
            } catch (const std::exception& ex) {
              log::error("session failed", log::fields().add("detail", ex.what()));
            }
          }
        });
  }
}

asio::awaitable<void> server::impl::write_early_error(beast::tcp_stream& stream, api_error e,
                                                      std::string_view request_id, unsigned version,
                                                      std::size_t thread) {
  auto res = dispatch.early_error(e, request_id, version, thread);
  stream.expires_after(settings.write_timeout);
  co_await bhttp::async_write(stream, res, tuple_awaitable);
}

asio::awaitable<std::optional<raw_request>> server::impl::read_spooled(
    beast::tcp_stream& stream, beast::flat_buffer& buffer,
    bhttp::request_parser<bhttp::string_body>& header_parser, std::string_view dir,
    std::size_t limit, spool_file& spool, std::optional<api_error>& early) {
  // Only the header has been parsed, so Beast lets the parser switch to a file body.
  bhttp::request_parser<bhttp::file_body> parser{std::move(header_parser)};
  parser.body_limit(limit);
  spool.path = new_spool_path(dir);
  beast::error_code ec;
  parser.get().body().open(spool.path.c_str(), beast::file_mode::write_new, ec);
  if (ec) {
    spool.path.clear();  // not ours: write_new refused an existing file, or nothing was made
    log::error("cannot create upload spool file", log::fields().add("detail", ec.message()));
    early = unavailable("Uploads cannot be stored right now", 30);
    co_return std::nullopt;
  }
  while (!parser.is_done()) {
    stream.expires_after(settings.body_timeout);
    auto [rec, rn] = co_await bhttp::async_read_some(stream, buffer, parser, tuple_awaitable);
    (void)rn;
    if (!rec) {
      continue;
    }
    // Any other error is writing the file (disk full, ...): our problem, not the client's. When
    // the client went away mid-upload nobody is answered; the spool file goes with `spool`.
    early = read_failure(rec, "body", unavailable("Uploads cannot be stored right now", 30));
    if (early && early->status == 503) {
      log::error("cannot write upload spool file", log::fields().add("detail", rec.message()));
    }
    co_return std::nullopt;
  }
  auto message = parser.release();
  message.body().close();
  raw_request raw;
  raw.message = bhttp::request<bhttp::string_body>(std::move(message.base()));
  raw.body_file = spool.path.string();
  co_return raw;
}

asio::awaitable<void> server::impl::session(io_thread& t, tcp::socket socket) {
  std::string client_ip;
  {
    boost::system::error_code ec;
    auto ep = socket.remote_endpoint(ec);
    if (!ec) {
      client_ip = ep.address().to_string();
    }
  }
  beast::tcp_stream stream(std::move(socket));
  session_state state{&stream, true};
  t.sessions.insert(&state);
  open_sessions.fetch_add(1);
  struct unregister {
    io_thread& t;
    session_state* s;
    std::atomic<std::size_t>& open;
    ~unregister() {
      t.sessions.erase(s);
      open.fetch_sub(1);
    }
  } guard{t, &state, open_sessions};

  beast::flat_buffer buffer;
  while (!stopping.load()) {
    state.idle = true;
    if (buffer.size() == 0) {
      // Wait for the next request's first bytes under the keep-alive idle timeout.
      stream.expires_after(settings.idle_timeout);
      auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), tuple_awaitable);
      if (ec) {
        break;
      }
      buffer.commit(n);
    }
    state.idle = false;

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(settings.header_limit));
    parser.body_limit(routes.max_body_limit());
    stream.expires_after(settings.header_timeout);
    auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, tuple_awaitable);
    (void)hn;
    if (hec) {
      // Build the answer first and await it outside any temporary: GCC 12 mishandles
      // temporaries that live across a co_await in the same full-expression.
      std::optional<api_error> early = read_failure(hec, "headers", malformed);
      if (early) {
        co_await write_early_error(stream, std::move(*early), {}, 11, t.index);
      }
      break;
    }

    auto& header = parser.get();
    std::string_view client_id{header["X-Request-Id"].data(), header["X-Request-Id"].size()};
    // The route decides how large a body may be; the parser was armed with the largest any
    // route accepts, so tighten it before reading a byte of body.
    std::string_view target{header.target().data(), header.target().size()};
    const verb method = parse_verb({header.method_string().data(), header.method_string().size()});
    const std::string_view path = target.substr(0, target.find('?'));
    std::size_t limit = routes.body_limit_for(method, path);
    if (auto length = parser.content_length(); length && *length > limit) {
      api_error too_large{413, "REQ_001", "Request body is too large"};
      co_await write_early_error(stream, std::move(too_large), client_id, header.version(),
                                 t.index);
      break;
    }
    parser.body_limit(limit);
    // Routes with a spool_dir get their body in a file (uploads), deleted with `spool`.
    const std::string_view spool_dir = routes.spool_dir_for(method, path);
    spool_file spool;
    std::optional<raw_request> spooled;
    if (!parser.is_done() && header[bhttp::field::expect] == "100-continue") {
      bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, header.version()};
      stream.expires_after(settings.write_timeout);
      co_await bhttp::async_write(stream, cont, tuple_awaitable);
    }
    if (!parser.is_done() && !spool_dir.empty()) {
      std::optional<api_error> early;
      const unsigned version = header.version();
      const std::string request_id(client_id);  // the header goes with the parser
      spooled = co_await read_spooled(stream, buffer, parser, spool_dir, limit, spool, early);
      if (!spooled) {
        if (early) {
          co_await write_early_error(stream, std::move(*early), request_id, version, t.index);
        }
        break;
      }
    } else if (!parser.is_done()) {
      stream.expires_after(settings.body_timeout);
      auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, tuple_awaitable);
      (void)bn;
      if (bec) {
        std::optional<api_error> early = read_failure(bec, "body", malformed);
        if (early) {
          co_await write_early_error(stream, std::move(*early), client_id, header.version(),
                                     t.index);
        }
        break;
      }
    }

    raw_request raw;
    if (spooled) {
      raw = std::move(*spooled);
    } else {
      raw.message = parser.release();
    }
    auto res = co_await dispatch.handle(raw, client_ip, t.index);
    if (stopping.load()) {
      res.keep_alive(false);
    }
    bool keep_alive = res.keep_alive();
    stream.expires_after(settings.write_timeout);
    auto [wec, wn] = co_await bhttp::async_write(stream, res, tuple_awaitable);
    (void)wn;
    if (wec || !keep_alive) {
      break;
    }
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

}  // namespace ugoki::http
