// Builds the auth module's run-time parts from its settings.
#include "auth/runtime.hpp"

#include <stdexcept>

#include "core/crypto/random.hpp"
#include "core/log.hpp"

namespace ugoki::auth {

namespace {

crypto::jwt::key_set load_keys(const runtime_settings& s) {
  crypto::jwt::key_set keys;
  if (s.keys.empty()) {
    // Per-process key: tokens die with the process, which is what dev and tests want.
    keys.add_pem("dev-" + crypto::random_token(16).substr(0, 12), crypto::jwt::generate_dev_key());
    return keys;
  }
  for (const auto& k : s.keys) {
    try {
      keys.add_pem_file(k.kid, k.path);
    } catch (const std::exception& e) {
      throw std::runtime_error("UGOKI_JWT_KEYS: key " + k.kid + ": " + e.what());
    }
  }
  if (!s.signing_kid.empty()) {
    keys.set_signing_key(s.signing_kid);
  }
  if (keys.signing_kid().empty()) {
    throw std::runtime_error("UGOKI_JWT_KEYS: no private key to sign with");
  }
  return keys;
}

}  // namespace

runtime::runtime(const runtime_settings& s, pg::database& db, redis::client& redis,
                 const clock& clock, mail::mailer& mailer, account_rows rows)
    : keys_(load_keys(s)),
      common_(crypto::common_passwords::load(s.common_passwords_file)),
      policy_(common_),
      workers_(s.worker_threads, s.worker_queue, s.worker_nice),
      sessions_(s.service.session_cache_ttl),
      service_(
          db, redis, sessions_, workers_, keys_, policy_, clock, s.service,
          crypto::make_dummy_hash({s.service.argon2_iterations, s.service.argon2_memory_bytes}),
          std::move(rows)),
      resets_(db, workers_, policy_, service_, mailer, s.reset),
      deletion_(db, workers_, service_, s.deletion),
      authenticator_(service_) {
  log::info("auth ready", log::fields()
                              .add("signing_kid", keys_.signing_kid())
                              .add("common_passwords", common_.size())
                              .add("worker_threads", s.worker_threads));
}

}  // namespace ugoki::auth
