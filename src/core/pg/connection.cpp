// libpq pipeline mode on Asio: connect by polling, send a unit ending at one sync, read in order.
#include "core/pg/connection.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>
#include <optional>
#include <variant>

#include <spdlog/spdlog.h>

#include "core/pg/error.hpp"

namespace ugoki::pg::detail {

namespace asio = boost::asio;
using namespace boost::asio::experimental::awaitable_operators;
using descriptor = asio::posix::stream_descriptor;

namespace {

// Readiness check without blocking: true when `fd` has input (or room for output) right now.
bool ready_now(int fd, bool or_writable) {
  pollfd p{fd, static_cast<short>(POLLIN | (or_writable ? POLLOUT : 0)), 0};
  return ::poll(&p, 1, 0) > 0;
}

// Keeps a borrowed fd registered with the reactor for one wait; libpq owns (and closes) the fd.
struct borrowed_fd {
  descriptor d;
  borrowed_fd(const asio::any_io_executor& ex, int fd) : d(ex, fd) {}
  ~borrowed_fd() { d.release(); }
};

std::string field(const PGresult* r, int code) {
  const char* v = PQresultErrorField(r, code);
  return v ? v : "";
}

// Errors that mean "the server cannot serve now", as opposed to "your statement is wrong".
bool is_availability_error(const std::string& state) {
  return state == "57014"             // query_canceled: our statement_timeout fired
         || state.starts_with("08")   // connection exceptions
         || state.starts_with("57P")  // admin/crash shutdown, cannot connect now
         || state == "53300";         // too_many_connections
}

// Boost 1.81's `a || b` waits for the first *success*: an exception from `a` would leave us
// waiting for the timer. So the guarded side never throws; it hands its exception back instead.
template <class T>
asio::awaitable<std::pair<T, std::exception_ptr>> capture(asio::awaitable<T> a) {
  std::pair<T, std::exception_ptr> out;
  try {
    out.first = co_await std::move(a);
  } catch (...) {
    out.second = std::current_exception();
  }
  co_return out;
}

asio::awaitable<std::exception_ptr> capture(asio::awaitable<void> a) {
  std::exception_ptr failure;
  try {
    co_await std::move(a);
  } catch (...) {
    failure = std::current_exception();
  }
  co_return failure;
}

}  // namespace

connection::connection(asio::any_io_executor ex, ::pg_conn* conn)
    : conn_(conn), sock_(std::move(ex)) {}

connection::~connection() {
  // The descriptor only borrows libpq's fd: deregister it from the reactor without closing it,
  // then let PQfinish close it.
  if (sock_.is_open()) {
    sock_.release();
  }
  PQfinish(conn_);
}

asio::awaitable<std::unique_ptr<connection>> connection::open(asio::any_io_executor ex,
                                                              const settings& s,
                                                              std::chrono::milliseconds timeout) {
  // Our options follow the URL so they override anything it says; statement_timeout is the
  // server-side half of the statement deadline (the client-side half is in run()). UTC and ISO
  // fix the text form of timestamptz results, which pg::timestamp_us reads.
  const std::string options =
      "-c statement_timeout=" + std::to_string(s.statement_timeout.count()) +
      " -c TimeZone=UTC -c DateStyle=ISO";
  const char* keys[] = {"dbname", "application_name", "options", nullptr};
  const char* values[] = {s.url.c_str(), s.application_name.c_str(), options.c_str(), nullptr};
  ::pg_conn* raw = PQconnectStartParams(keys, values, 1);
  if (raw == nullptr) {
    throw unavailable("postgres: out of memory starting a connection");
  }
  std::unique_ptr<connection> conn(new connection(ex, raw));
  if (PQstatus(raw) == CONNECTION_BAD) {
    // Typically a malformed URL; the message never contains the password.
    throw unavailable(std::string("postgres: cannot start connection: ") + PQerrorMessage(raw));
  }
  asio::steady_timer timer(ex, timeout);
  auto outcome = co_await (capture(conn->connect_steps()) || timer.async_wait(asio::use_awaitable));
  if (outcome.index() == 1) {
    throw unavailable("postgres: connect timed out");
  }
  if (std::exception_ptr failure = std::get<0>(outcome)) {
    std::rethrow_exception(failure);
  }
  if (PQsetnonblocking(raw, 1) != 0 || PQenterPipelineMode(raw) != 1) {
    throw unavailable(std::string("postgres: cannot enter pipeline mode: ") + PQerrorMessage(raw));
  }
  conn->sock_.assign(PQsocket(raw));
  co_return conn;
}

asio::awaitable<void> connection::connect_steps() {
  auto ex = co_await asio::this_coro::executor;
  PostgresPollingStatusType st = PGRES_POLLING_WRITING;
  for (;;) {
    if (st == PGRES_POLLING_OK) {
      co_return;
    }
    if (st == PGRES_POLLING_FAILED) {
      throw unavailable(std::string("postgres: connect failed: ") + PQerrorMessage(conn_));
    }
    // libpq may switch sockets between steps (next host or address), so each wait registers
    // the current fd afresh instead of keeping a descriptor across steps.
    const int fd = PQsocket(conn_);
    const bool want_write = st == PGRES_POLLING_WRITING;
    pollfd p{fd, static_cast<short>(want_write ? POLLOUT : POLLIN), 0};
    if (::poll(&p, 1, 0) <= 0) {
      borrowed_fd b(ex, fd);
      co_await b.d.async_wait(want_write ? descriptor::wait_write : descriptor::wait_read,
                              asio::use_awaitable);
    }
    st = PQconnectPoll(conn_);
  }
}

bool connection::healthy_when_idle() {
  if (broken_ || PQstatus(conn_) != CONNECTION_OK) {
    return false;
  }
  // An idle connection in pipeline mode has nothing to read; input means EOF or a shutdown notice.
  return !ready_now(PQsocket(conn_), false);
}

void connection::fail_io(const char* during) {
  broken_ = true;
  throw unavailable(std::string("postgres: connection lost while ") + during + ": " +
                    PQerrorMessage(conn_));
}

asio::awaitable<void> connection::wait_ready(bool or_writable) {
  if (ready_now(PQsocket(conn_), or_writable)) {
    co_return;
  }
  if (or_writable) {
    co_await (sock_.async_wait(descriptor::wait_read, asio::use_awaitable) ||
              sock_.async_wait(descriptor::wait_write, asio::use_awaitable));
  } else {
    co_await sock_.async_wait(descriptor::wait_read, asio::use_awaitable);
  }
}

asio::awaitable<void> connection::flush() {
  for (;;) {
    const int r = PQflush(conn_);
    if (r == 0) {
      co_return;
    }
    if (r < 0) {
      fail_io("sending");
    }
    // The server may be blocked writing results to us while we are blocked writing to it, so
    // take input as well as waiting for room (libpq's documented PQflush loop).
    co_await wait_ready(true);
    if (PQconsumeInput(conn_) == 0) {
      fail_io("sending");
    }
  }
}

asio::awaitable<connection::unit_results> connection::exchange(std::span<const call> calls,
                                                               bool sync_each) {
  // Check names before sending anything: a half-sent unit would leave the pipeline out of step.
  for (const call& c : calls) {
    auto it = prepared_.find(c.stmt->name);
    if (it != prepared_.end() && it->second != c.stmt->sql) {
      throw std::logic_error("pg::statement name reused for different SQL: " +
                             std::string(c.stmt->name));
    }
  }

  // What the server will answer, in order: each prepare and each execute yields its result(s)
  // followed by a null, and the unit ends with PGRES_PIPELINE_SYNC.
  // With sync_each, a sync follows every call: each call is then its own unit (own implicit
  // transaction, own error) and the server answers each with its results and a sync.
  struct expected {
    bool is_prepare;
    std::size_t index;
    bool is_sync = false;
  };
  std::vector<expected> ops;
  ops.reserve(calls.size() * 2);
  std::vector<std::string_view> preparing;
  std::vector<const char*> values;
  for (std::size_t i = 0; i < calls.size(); ++i) {
    const statement& st = *calls[i].stmt;
    const params& p = *calls[i].args;
    values.clear();
    for (std::size_t j = 0; j < p.size(); ++j) {
      values.push_back(p.at(j) ? p.at(j)->c_str() : nullptr);
    }
    const int n = static_cast<int>(p.size());
    // string_views need not be NUL-terminated; libpq wants C strings.
    const std::string name(st.name);
    const std::string sql(st.sql);
    int ok = 1;
    if (name.empty()) {
      ok = PQsendQueryParams(conn_, sql.c_str(), n, nullptr, values.data(), nullptr, nullptr, 0);
    } else {
      if (!prepared_.contains(st.name) &&
          std::find(preparing.begin(), preparing.end(), st.name) == preparing.end()) {
        // Prepare and first execute travel in the same round trip.
        ok = PQsendPrepare(conn_, name.c_str(), sql.c_str(), 0, nullptr);
        ops.push_back({true, i});
        preparing.push_back(st.name);
      }
      ok = ok && PQsendQueryPrepared(conn_, name.c_str(), n, values.data(), nullptr, nullptr, 0);
    }
    if (!ok) {
      fail_io("queueing a statement");
    }
    ops.push_back({false, i});
    if (sync_each || i + 1 == calls.size()) {
      if (PQpipelineSync(conn_) != 1) {
        fail_io("queueing the sync");
      }
      ops.push_back({false, i, true});
    }
  }
  if (calls.empty() && PQpipelineSync(conn_) != 1) {
    fail_io("queueing the sync");
  }
  if (calls.empty()) {
    ops.push_back({false, 0, true});
  }
  co_await flush();

  unit_results out;
  out.results.resize(calls.size());
  out.errors.resize(calls.size());
  std::size_t next = 0;  // index into ops of the statement whose results come next
  for (;;) {
    while (PQisBusy(conn_) == 0) {
      PGresult* r = PQgetResult(conn_);
      if (r == nullptr) {
        // End of one statement's results. A dead connection also answers null forever, so
        // check it before advancing, and never advance past a sync.
        if (PQstatus(conn_) != CONNECTION_OK || next >= ops.size() || ops[next].is_sync) {
          fail_io("reading results");
        }
        ++next;
        continue;
      }
      const ExecStatusType status = PQresultStatus(r);
      if (status == PGRES_PIPELINE_SYNC) {
        PQclear(r);
        if (next >= ops.size() || !ops[next].is_sync) {
          fail_io("reading results (sync arrived early)");
        }
        if (++next == ops.size()) {
          co_return out;
        }
        continue;
      }
      if (next >= ops.size() || ops[next].is_sync) {
        PQclear(r);
        fail_io("reading results (more than expected)");
      }
      const expected& op = ops[next];
      const statement& st = *calls[op.index].stmt;
      if (status == PGRES_FATAL_ERROR) {
        std::optional<error>& first_error = out.errors[op.index];
        if (!first_error) {
          std::string state = field(r, PG_DIAG_SQLSTATE);
          // Class 22 messages quote the offending input, which may be a parameter value (PII).
          std::string text = state.starts_with("22") ? "invalid parameter value"
                                                     : field(r, PG_DIAG_MESSAGE_PRIMARY);
          first_error.emplace(state, std::string(st.name) + ": " + text + " (" + state + ")",
                              field(r, PG_DIAG_CONSTRAINT_NAME));
          if (state == "26000") {
            // The server no longer knows the statement (DEALLOCATE ALL?): prepare again next time.
            prepared_.erase(std::string(st.name));
          }
        }
        PQclear(r);
      } else if (status == PGRES_PIPELINE_ABORTED) {
        PQclear(r);  // skipped because an earlier statement of this unit failed
      } else if (op.is_prepare) {
        if (status == PGRES_COMMAND_OK) {
          prepared_.emplace(std::string(st.name), std::string(st.sql));
        }
        PQclear(r);
      } else if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
        out.results[op.index] = result(r);
      } else {
        PQclear(r);
        if (!out.errors[op.index]) {
          out.errors[op.index].emplace(
              "", std::string(st.name) + ": unsupported result status " + PQresStatus(status));
        }
      }
    }
    co_await wait_ready(false);
    if (PQconsumeInput(conn_) == 0) {
      fail_io("reading results");
    }
  }
}

asio::awaitable<std::vector<result>> connection::run(std::span<const call> calls,
                                                     std::chrono::milliseconds timeout) {
  if (broken_) {
    throw unavailable("postgres: connection is broken");
  }
  unit_results out = co_await guarded(calls, /*sync_each=*/false, timeout);
  // One unit: the first failure (in statement order) is the unit's; later statements were
  // skipped by the server.
  for (auto& e : out.errors) {
    if (e) {
      throw_as_error_or_unavailable(*e);
    }
  }
  co_return std::move(out.results);
}

asio::awaitable<std::vector<connection::outcome>> connection::run_each(
    std::span<const call> calls, std::chrono::milliseconds timeout) {
  if (broken_) {
    throw unavailable("postgres: connection is broken");
  }
  unit_results out = co_await guarded(calls, /*sync_each=*/true, timeout);
  std::vector<outcome> each(calls.size());
  for (std::size_t i = 0; i < calls.size(); ++i) {
    each[i].value = std::move(out.results[i]);
    each[i].failure = std::move(out.errors[i]);
  }
  co_return each;
}

void connection::throw_as_error_or_unavailable(const error& e) {
  if (is_availability_error(e.sqlstate())) {
    throw unavailable(e.sqlstate() == "57014" ? "postgres: statement timed out"
                                              : std::string("postgres: ") + e.what());
  }
  throw e;
}

asio::awaitable<connection::unit_results> connection::guarded(std::span<const call> calls,
                                                              bool sync_each,
                                                              std::chrono::milliseconds timeout) {
  asio::steady_timer timer(sock_.get_executor(), timeout);
  // as_tuple: a cancelled wait must not throw; an exception per query costs microseconds of
  // unwinding.
  auto raced = co_await (capture(exchange(calls, sync_each)) ||
                         timer.async_wait(asio::as_tuple(asio::use_awaitable)));
  if (raced.index() == 0) {
    auto& [results, failure] = std::get<0>(raced);
    if (failure) {
      try {
        std::rethrow_exception(failure);
      } catch (const boost::system::system_error& e) {
        // A reactor error on the socket: treat like any other broken connection.
        broken_ = true;
        throw unavailable(std::string("postgres: socket error: ") + e.what());
      }
    }
    co_return std::move(results);
  }
  {
    // No answer in time: the exchange was cancelled midway, so results may still be in flight
    // and the FIFO is out of step. The connection is dropped; the server's own
    // statement_timeout ends the statement there.
    broken_ = true;
    spdlog::warn(
        "postgres: statement {} timed out client-side after {} ms; dropping connection",
        calls.empty() || calls.front().stmt->name.empty() ? "(unnamed)" : calls.front().stmt->name,
        timeout.count());
    throw unavailable("postgres: statement timed out");
  }
}

}  // namespace ugoki::pg::detail
