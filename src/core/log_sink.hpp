// stdout for a busy server: log lines collect in a buffer that one writer thread drains every
// 100 ms (or sooner, once 64 KiB are waiting), so a request costs a memcpy, not a write(2) and a
// thread wake-up. Lines at warn and above are written at once (logger flush_on).
#pragma once

#include <spdlog/sinks/base_sink.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace ugoki::log {

class buffered_stdout_sink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  buffered_stdout_sink();
  // Stops the writer and writes what is left.
  ~buffered_stdout_sink() override;

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override;

 private:
  void writer_loop();

  std::string pending_;  // guarded by base_sink::mutex_
  bool stopping_ = false;
  std::condition_variable wake_;
  std::thread writer_;
};

}  // namespace ugoki::log
