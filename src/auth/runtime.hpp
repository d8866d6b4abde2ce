// Everything the auth module needs at run time, built once at start: JWT keys, the password
// policy with its common-password list, the Argon2id worker pool, the service, password reset,
// account deletion, the authenticator.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "auth/authenticator.hpp"
#include "auth/deletion.hpp"
#include "auth/password_reset.hpp"
#include "auth/service.hpp"
#include "auth/types.hpp"
#include "core/crypto/jwt.hpp"
#include "core/crypto/password.hpp"
#include "core/worker_pool.hpp"

namespace ugoki::auth {

struct runtime_settings {
  struct key_file {
    std::string kid;
    std::filesystem::path path;
  };
  // Empty: one RSA-2048 key is generated for this process (development and test only; the
  // config refuses that in production).
  std::vector<key_file> keys;
  std::string signing_kid;  // empty: the first private key loaded
  std::filesystem::path common_passwords_file;
  std::size_t worker_threads = 1;
  std::size_t worker_queue = 256;
  int worker_nice = 10;
  settings service;
  reset_settings reset;
  deletion_settings deletion;
};

class runtime {
 public:
  // Loads the keys and the password list, starts the worker pool and computes the dummy
  // hash. Throws std::runtime_error / std::invalid_argument with a message naming the bad
  // key or file, so start-up fails with one clear line.
  // `mailer` (reset links) must outlive the runtime; `rows` is service.hpp's account_rows.
  runtime(const runtime_settings& s, pg::database& db, redis::client& redis, const clock& clock,
          mail::mailer& mailer, account_rows rows = {});
  runtime(const runtime&) = delete;
  runtime& operator=(const runtime&) = delete;

  service& svc() { return service_; }
  password_reset& resets() { return resets_; }
  deletion& deletions() { return deletion_; }
  http::authenticator& access_authenticator() { return authenticator_; }
  worker_pool& workers() { return workers_; }
  // Feed it from a redis::subscriber on svc().revocation_channel() (see session_cache.hpp).
  session_cache& sessions() { return sessions_; }

 private:
  crypto::jwt::key_set keys_;
  crypto::common_passwords common_;
  crypto::password_policy policy_;
  worker_pool workers_;
  session_cache sessions_;
  service service_;
  password_reset resets_;
  deletion deletion_;
  auth::authenticator authenticator_;
};

}  // namespace ugoki::auth
