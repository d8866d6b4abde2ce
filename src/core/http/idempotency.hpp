// The Idempotency-Key step of the request pipeline: the store interface the dispatcher calls, key
// validation, the request fingerprint and the IDEMP_* errors. PostgreSQL's store: core/idempotency.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ugoki::http {

// The request header carrying the key, and the response header marking a replay.
inline constexpr std::string_view idempotency_key_header = "Idempotency-Key";
inline constexpr std::string_view idempotent_replayed_header = "Idempotent-Replayed";

// One keyed request as the store sees it. Keys are scoped per user: (user_id, key) is the
// identity; method, path and hash tell "the same request again" from "another request".
struct idempotent_request {
  std::string user_id;
  std::string key;     // validated by check_idempotency_key
  std::string method;  // "POST"
  std::string path;    // without the query string
  std::string hash;    // 32 raw bytes: idempotency_fingerprint(method, target, body)
};

// A response kept for replay: the status and the exact bytes and type that were sent.
struct stored_response {
  int status = 0;
  std::string content_type;  // empty when the response had none (204)
  std::string body;
};

enum class claim_status {
  claimed,         // first use (or an expired or abandoned key): run the handler, then complete()
  replay,          // the same request completed before: send `response` again
  in_flight,       // the same request is running now: 409 IDEMP_002
  mismatch,        // the key was used for a different method, path or body: 422 IDEMP_001
  unknown_caller,  // the signed-in user no longer exists (erased): 401 AUTH_002
};

struct claim {
  claim_status status = claim_status::claimed;
  stored_response response;  // replay only
  // claimed only: identifies this claim, so that complete() and abandon() of a claim that was
  // taken over (see idempotency_store::begin) cannot touch the newer one.
  std::string token;
};

// Where keys and responses live. Called on the request's I/O thread.
class idempotency_store {
 public:
  virtual ~idempotency_store() = default;
  // Claims (user_id, key) for `r`, or reports why not. An implementation may let a claim whose
  // response never arrived (its process died) be taken over after a while; it must say why that
  // cannot run the request twice, or what the risk is. Throws ugoki::dependency_unavailable when
  // its storage is down (the dispatcher answers 503 and the handler does not run).
  virtual boost::asio::awaitable<claim> begin(const idempotent_request& r) = 0;
  // Stores the response of the claim `token` for replay. A claim that was taken over in the
  // meantime is left alone. Throws ugoki::dependency_unavailable when the storage is down.
  virtual boost::asio::awaitable<void> complete(const idempotent_request& r,
                                                const std::string& token,
                                                const stored_response& response) = 0;
  // Forgets the claim `token` (the handler failed with a 5xx or threw), so a retry runs the
  // request for real. Throws ugoki::dependency_unavailable when the storage is down.
  virtual boost::asio::awaitable<void> abandon(const idempotent_request& r,
                                               const std::string& token) = 0;
};

// nullopt when `key` is a valid Idempotency-Key: 1 to 255 visible ASCII characters ('!'..'~').
// Otherwise the 400 VAL_001 to answer, with field "Idempotency-Key" in its details.
std::optional<api_error> check_idempotency_key(std::string_view key);

// SHA-256 (32 raw bytes) over the method, the request target (path and query string) and the
// body, each framed unambiguously, so the same request always has the same fingerprint and a
// changed byte anywhere gives another.
std::string idempotency_fingerprint(std::string_view method, std::string_view path,
                                    std::string_view query, std::string_view body);

// 422 IDEMP_001: the key was used before for a different method, path or body.
api_error idempotency_mismatch();
// 409 IDEMP_002 with Retry-After: 1: the first request with this key is still running.
api_error idempotency_in_flight();

}  // namespace ugoki::http
