// The buffered stdout sink and its writer thread.
#include "core/log_sink.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>

namespace ugoki::log {

namespace {

constexpr std::size_t wake_writer_at = 64 * 1024;
// Past this the caller writes itself: if stdout cannot keep up, requests slow down rather than
// the process growing without bound (spdlog's own async queue blocks the same way).
constexpr std::size_t write_inline_at = 4 * 1024 * 1024;
constexpr auto drain_interval = std::chrono::milliseconds(100);

// Writes all of `s` to stdout; gives up on errors other than EINTR (nowhere left to report).
void write_stdout(const std::string& s) {
  std::size_t done = 0;
  while (done < s.size()) {
    ssize_t n = ::write(STDOUT_FILENO, s.data() + done, s.size() - done);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return;
    }
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

buffered_stdout_sink::buffered_stdout_sink() : writer_([this] { writer_loop(); }) {
  pending_.reserve(wake_writer_at * 2);
}

buffered_stdout_sink::~buffered_stdout_sink() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
  write_stdout(pending_);
}

void buffered_stdout_sink::sink_it_(const spdlog::details::log_msg& msg) {
  spdlog::memory_buf_t formatted;
  formatter_->format(msg, formatted);
  pending_.append(formatted.data(), formatted.size());
  if (pending_.size() >= write_inline_at) {
    write_stdout(pending_);
    pending_.clear();
  } else if (pending_.size() >= wake_writer_at &&
             pending_.size() - formatted.size() < wake_writer_at) {
    wake_.notify_one();  // once per crossing, not per line
  }
}

void buffered_stdout_sink::flush_() {
  // Called with mutex_ held (base_sink), so lines keep their order with the writer's chunks.
  write_stdout(pending_);
  pending_.clear();
}

void buffered_stdout_sink::writer_loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, drain_interval);
    if (!pending_.empty()) {
      // Written under the lock: ordering stays simple, and at 100 ms intervals the occasional
      // logger that waits behind one write(2) costs nothing measurable.
      write_stdout(pending_);
      pending_.clear();
    }
  }
}

}  // namespace ugoki::log
