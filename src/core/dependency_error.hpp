// A dependency (PostgreSQL, Redis, a worker pool) cannot serve right now. The dispatcher answers
// 503 SVC_001 with Retry-After; the client may retry. Clients of each dependency derive from it.
#pragma once

#include <stdexcept>
#include <string>

namespace ugoki {

class dependency_unavailable : public std::runtime_error {
 public:
  dependency_unavailable(std::string dependency, const std::string& what)
      : std::runtime_error(what), dependency_(std::move(dependency)) {}
  // "postgres", "redis", "workers": a label for logs and metrics, never shown to clients.
  const std::string& dependency() const { return dependency_; }

 private:
  std::string dependency_;
};

}  // namespace ugoki
