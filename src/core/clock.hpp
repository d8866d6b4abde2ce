// Time as a dependency: services take a `const clock&` so tests can pin "now".
#pragma once

#include <chrono>

namespace ugoki {

class clock {
 public:
  virtual ~clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;
};

class system_clock final : public clock {
 public:
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now();
  }
};

}  // namespace ugoki
