// The raw Argon2id rate of this machine with our parameters (m=19 MiB, t=2, p=1): the ceiling
// for POST /auth/login. Usage: ugoki_argon2_rate [seconds] [threads]; prints hashes per second.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "core/crypto/password.hpp"

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 5.0;
  int threads = argc > 2 ? std::atoi(argv[2]) : 1;
  std::atomic<long> hashes{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> pool;
  auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < threads; ++i) {
    pool.emplace_back([&] {
      // verify_password is what login does for every attempt: one Argon2id computation.
      auto phc = ugoki::crypto::hash_password("correct horse battery staple");
      while (!stop.load()) {
        (void)ugoki::crypto::verify_password(phc, "correct horse battery staple");
        hashes.fetch_add(1);
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop.store(true);
  for (auto& t : pool) {
    t.join();
  }
  double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("%.1f\n", static_cast<double>(hashes.load()) / elapsed);
  return 0;
}
