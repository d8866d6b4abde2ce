// Barcode look-ups through the hot cache, the table and Open Food Facts; submissions.
#include "nutrition/products_service.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>

#include "core/async_event.hpp"
#include "core/json.hpp"
#include "core/log.hpp"
#include "core/redis/client.hpp"
#include "nutrition/food_errors.hpp"
#include "nutrition/products_dto.hpp"
#include "nutrition/products_rules.hpp"
#include "nutrition/products_store.hpp"

namespace ugoki::nutrition {

namespace {

using boost::asio::awaitable;

// A token bucket on the Redis clock: KEYS[1] holds {tokens, ms}; ARGV: capacity, window ms.
// Refills capacity tokens per window; replies {1, 0} when a token was taken, else {0, ms until
// one is back}. The key expires once the bucket would be full again.
constexpr const char* bucket_lua = R"(
local cap = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'ms')
local tokens = tonumber(b[1])
local ms = tonumber(b[2])
if tokens == nil or ms == nil then
  tokens = cap
  ms = now
end
tokens = math.min(cap, tokens + math.max(0, now - ms) * cap / window)
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) * window / cap)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ms', tostring(now))
redis.call('PEXPIRE', KEYS[1], window)
return {allowed, wait}
)";

}  // namespace

// One upstream call in progress for a code, and who waits for it. Waiters may sit on other I/O
// threads: each parks on an async_event of its own executor, which the leader sets by posting
// there.
struct products_service::flight {
  std::optional<result<product>> outcome;
  std::vector<std::pair<boost::asio::any_io_executor, std::shared_ptr<async_event>>> waiters;
};

products_service::products_service(pg::database& db, redis::client& redis, products_settings s)
    : db_(db),
      redis_(redis),
      settings_(std::move(s)),
      off_(settings_.off),
      bucket_(std::make_unique<redis::script>(redis::make_script(bucket_lua))) {}

products_service::~products_service() = default;

awaitable<products_service::cache_probe> products_service::probe_cache(const std::string& code) {
  cache_probe out;
  try {
    auto get = redis_.command("MGET", settings_.key_prefix + "product:" + code,
                              settings_.key_prefix + "miss:" + code);
    redis::reply r = co_await std::move(get);
    if (!r.is_error() && r.elements().size() == 2) {
      if (!r.elements()[0].is_nil()) {
        out.product_json = r.elements()[0].str();
      }
      out.remembered_miss = !r.elements()[1].is_nil();
    }
  } catch (const redis::unavailable&) {
    // The hot cache is an optimisation: the table answers without it.
  }
  co_return out;
}

awaitable<result<product>> products_service::by_code(std::string user_id, std::string code) {
  cache_probe cached = co_await probe_cache(code);
  if (cached.product_json) {
    if (auto p = dto::parse_cached(*cached.product_json)) {
      co_return std::move(*p);
    }
  }
  co_return co_await past_cache(std::move(user_id), std::move(code), cached.remembered_miss);
}

awaitable<result<std::string>> products_service::rendered_by_code(std::string user_id,
                                                                  std::string code) {
  cache_probe cached = co_await probe_cache(code);
  // Only public products are cached, so the entry is anyone's to read. A damaged entry (not
  // an object) goes the long way, as in by_code.
  if (cached.product_json && cached.product_json->starts_with('{') &&
      cached.product_json->ends_with('}')) {
    co_return std::move(*cached.product_json);
  }
  auto found = co_await past_cache(std::move(user_id), std::move(code), cached.remembered_miss);
  if (!found) {
    co_return std::move(found.error());
  }
  co_return dto::render_product(*found);
}

awaitable<result<product>> products_service::past_cache(std::string user_id, std::string code,
                                                        bool remembered_miss) {
  auto found = co_await products_store::find_by_code(db_, code, user_id);
  if (found) {
    if (found->status == "published") {
      co_await cache(*found);
    }
    co_return std::move(*found);
  }
  if (remembered_miss) {
    co_return errors::product_not_found();
  }
  co_return co_await from_upstream(std::move(code));
}

awaitable<result<product>> products_service::from_upstream(std::string code) {
  std::shared_ptr<flight> joined;
  std::shared_ptr<async_event> parked;
  const auto ex = co_await boost::asio::this_coro::executor;
  {
    std::lock_guard lock(flights_mutex_);
    auto it = flights_.find(code);
    if (it != flights_.end()) {
      joined = it->second;
      parked = std::make_shared<async_event>(ex);
      joined->waiters.emplace_back(ex, parked);
    } else {
      joined = std::make_shared<flight>();
      flights_.emplace(code, joined);
    }
  }
  if (parked) {
    co_await parked->wait();
    std::lock_guard lock(flights_mutex_);
    if (!joined->outcome) {
      co_return errors::upstream_unavailable(1, "The food database is not answering; retry");
    }
    co_return *joined->outcome;
  }
  result<product> outcome = errors::upstream_unavailable(1, "The food database is unavailable");
  try {
    outcome = co_await fetch_once(code);
  } catch (...) {
    // Waiters must still be released; they answer 503 and this request gets the exception.
    std::lock_guard lock(flights_mutex_);
    flights_.erase(code);
    for (auto& [waiter_ex, ev] : joined->waiters) {
      boost::asio::post(waiter_ex, [ev] { ev->set(); });
    }
    throw;
  }
  std::lock_guard lock(flights_mutex_);
  joined->outcome = outcome;
  flights_.erase(code);
  for (auto& [waiter_ex, ev] : joined->waiters) {
    boost::asio::post(waiter_ex, [ev] { ev->set(); });
  }
  co_return outcome;
}

awaitable<std::optional<int>> products_service::take_token() {
  const std::string key = settings_.key_prefix + "off_bucket";
  const auto window_ms = std::to_string(60'000);
  auto call =
      redis_.eval(*bucket_, {key}, {std::to_string(settings_.off_reads_per_minute), window_ms});
  redis::reply r = co_await std::move(call);
  r.throw_if_error();
  const auto& e = r.elements();
  if (e.size() == 2 && e[0].integer() == 1) {
    co_return std::nullopt;
  }
  const std::int64_t wait_ms = e.size() == 2 ? e[1].integer() : 1000;
  co_return static_cast<int>((wait_ms + 999) / 1000);
}

awaitable<result<product>> products_service::fetch_once(std::string code) {
  std::optional<int> wait;
  try {
    wait = co_await take_token();
  } catch (const redis::unavailable&) {
    // Without the shared bucket no instance may know its share: OFF is not called.
    co_return errors::upstream_unavailable(
        5, "The food database cannot be asked right now; retry shortly");
  }
  if (wait) {
    co_return errors::upstream_unavailable(
        *wait, "Too many new products are being looked up; retry after the time given");
  }
  ++upstream_calls_;
  off_result answer = co_await off_.fetch(code);
  switch (answer.what) {
    case off_result::outcome::found: {
      product stored = co_await products_store::upsert_public(db_, *answer.found);
      co_await cache(stored);
      co_return stored;
    }
    case off_result::outcome::not_found: {
      try {
        auto set = redis_.command("SET", settings_.key_prefix + "miss:" + code, "1", "EX",
                                  std::to_string(settings_.miss_ttl.count()));
        co_await std::move(set);
      } catch (const redis::unavailable&) {
      }
      co_return errors::product_not_found();
    }
    case off_result::outcome::unavailable:
      break;
  }
  log::warn("open food facts unavailable", log::fields().add("detail", answer.detail));
  co_return errors::upstream_unavailable(
      30, "The food database (Open Food Facts) is unavailable; retry later");
}

awaitable<void> products_service::cache(const product& p) {
  try {
    auto set =
        redis_.command("SET", settings_.key_prefix + "product:" + p.code, dto::render_product(p),
                       "EX", std::to_string(settings_.cache_ttl.count()));
    co_await std::move(set);
  } catch (const redis::unavailable&) {
  }
}

awaitable<result<product>> products_service::by_id(std::string user_id, std::string id) {
  auto found = co_await products_store::find_by_id(db_, std::move(id), std::move(user_id));
  if (!found) {
    co_return errors::product_not_found();
  }
  co_return std::move(*found);
}

awaitable<result<product>> products_service::submit(std::string user_id, product_submission s) {
  product p;
  p.code = std::move(s.code);
  p.name = std::move(s.name);
  p.brands = std::move(s.brands);
  p.per_100g = s.per_100g;
  p.serving_size = std::move(s.serving_size);
  p.serving_quantity_g = s.serving_quantity_g;
  p.per_serving = per_serving(p.per_100g, {}, p.serving_quantity_g);
  p.quality_flags = sanity_flags(p.per_100g);
  auto stored = co_await products_store::insert_submission(db_, std::move(user_id), p);
  if (!stored) {
    co_return errors::product_exists();
  }
  co_return std::move(*stored);
}

awaitable<std::vector<product>> products_service::mine(std::string user_id) {
  co_return co_await products_store::list_submissions(db_, std::move(user_id));
}

awaitable<std::string> products_service::export_part(std::string user_id) {
  std::string text = co_await products_store::export_submissions(db_, std::move(user_id));
  co_return json::spell_instants_with_z(text);
}

}  // namespace ugoki::nutrition
