// One non-blocking libpq connection in pipeline mode, driven by Asio (internal to core/pg).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/pg/error.hpp"
#include "core/pg/params.hpp"
#include "core/pg/result.hpp"
#include "core/pg/settings.hpp"

struct pg_conn;  // libpq's PGconn

namespace ugoki::pg::detail {

// A statement and its parameters, both owned by the caller for the duration of the call.
struct call {
  const statement* stmt;
  const params* args;
};

class connection {
 public:
  // Opens a connection (non-blocking PQconnectStart/PQconnectPoll), then switches it to
  // non-blocking pipeline mode. Throws pg::unavailable if the server cannot be reached, refuses
  // us, or takes longer than `timeout`.
  static boost::asio::awaitable<std::unique_ptr<connection>> open(
      boost::asio::any_io_executor ex, const settings& s, std::chrono::milliseconds timeout);

  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;
  ~connection();

  // Sends every call (preparing statements on first use) followed by ONE sync, then reads one
  // result per call. The calls form one implicit transaction unless inside BEGIN..COMMIT.
  // Throws pg::error when the server rejected a call (the connection stays usable: the sync was
  // reached); pg::unavailable when the connection broke, the server is shutting down, or no
  // answer came within `timeout` (the connection is then broken and must be dropped).
  boost::asio::awaitable<std::vector<result>> run(std::span<const call> calls,
                                                  std::chrono::milliseconds timeout);

  // One call's outcome when calls run independently: its result, or the server's error.
  struct outcome {
    result value;
    std::optional<error> failure;
  };
  // Sends every call with a sync after each, so every call is its own implicit transaction and
  // one call's error leaves the others untouched; reads all of them. Used to share one round
  // trip among unrelated requests. Throws pg::unavailable as run() does (then for all calls).
  boost::asio::awaitable<std::vector<outcome>> run_each(std::span<const call> calls,
                                                        std::chrono::milliseconds timeout);

  // Throws `e`, or pg::unavailable when its SQLSTATE means the server cannot serve us now
  // (shutdown, statement timeout), as run() reports errors.
  [[noreturn]] static void throw_as_error_or_unavailable(const error& e);

  // True once the connection can no longer be trusted (I/O failure, timeout, lost sync).
  bool broken() const { return broken_; }
  // Marks the connection untrustworthy (state unknown after a failed ROLLBACK): it gets dropped.
  void mark_broken() { broken_ = true; }

  // For a connection sitting idle in the pool: false if the server closed it or sent anything
  // unexpected (shutdown notice), so the pool never hands out a connection known to be dead.
  bool healthy_when_idle();

 private:
  connection(boost::asio::any_io_executor ex, ::pg_conn* conn);

  boost::asio::awaitable<void> connect_steps();
  struct unit_results {
    std::vector<result> results;
    std::vector<std::optional<error>> errors;  // per call
  };
  boost::asio::awaitable<unit_results> exchange(std::span<const call> calls, bool sync_each);
  // exchange() raced against `timeout`; a timeout or socket error breaks the connection.
  boost::asio::awaitable<unit_results> guarded(std::span<const call> calls, bool sync_each,
                                               std::chrono::milliseconds timeout);
  boost::asio::awaitable<void> flush();
  // Waits until the socket has input (or, with `or_writable`, room for output). Checks current
  // readiness first: Asio's epoll reactor is edge-triggered and would miss data already queued.
  boost::asio::awaitable<void> wait_ready(bool or_writable);
  [[noreturn]] void fail_io(const char* during);

  ::pg_conn* conn_;
  boost::asio::posix::stream_descriptor sock_;
  // Statement name -> SQL text of the statements prepared on this connection.
  std::map<std::string, std::string, std::less<>> prepared_;
  bool broken_ = false;
};

}  // namespace ugoki::pg::detail
