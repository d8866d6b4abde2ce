// redis::client: per-thread shard lookup, command/pipeline/eval on top of redis::connection.
#include "core/redis/client.hpp"

#include <boost/asio/post.hpp>

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

#include "core/redis/connection.hpp"
#include "core/redis/resp.hpp"

namespace ugoki::redis {
namespace asio = boost::asio;

namespace {

std::atomic<std::uint64_t> next_client_id{1};

// The shards this thread serves, by client id. Almost always one entry (one client per process);
// tests create several clients over time, and expired entries are swept on attach.
struct shard_entry {
  std::uint64_t client_id;
  std::weak_ptr<connection> conn;
};
thread_local std::vector<shard_entry> local_shards;

// Log label: the command name only, since arguments may hold tokens or PII.
std::string command_name(std::string_view first) {
  return std::string(first.substr(0, 32));
}

}  // namespace

script make_script(std::string source) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int len = 0;
  if (EVP_Digest(source.data(), source.size(), digest.data(), &len, EVP_sha1(), nullptr) != 1) {
    throw std::runtime_error("SHA-1 of a Redis script failed");
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string sha;
  sha.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    sha.push_back(hex[digest[i] >> 4]);
    sha.push_back(hex[digest[i] & 0x0f]);
  }
  return script{std::move(source), std::move(sha)};
}

client::client(settings s, std::size_t threads)
    : settings_(std::move(s)),
      endpoint_(validate(settings_)),
      tls_(make_tls_context(settings_, endpoint_)),
      connected_(std::make_shared<std::atomic<std::size_t>>(0)),
      shards_(threads),
      id_(next_client_id.fetch_add(1)) {
  if (threads == 0) {
    throw std::invalid_argument("redis client needs at least one thread");
  }
}

client::~client() = default;

void client::attach_thread(std::size_t index, asio::any_io_executor ex) {
  if (index >= shards_.size()) {
    throw std::out_of_range("redis client: thread index out of range");
  }
  if (shards_[index]) {
    throw std::logic_error("redis client: thread attached twice");
  }
  std::erase_if(local_shards, [](const shard_entry& e) { return e.conn.expired(); });
  auto conn = std::make_shared<connection>(ex, settings_, endpoint_, tls_, connected_);
  shards_[index] = conn;
  local_shards.push_back(shard_entry{id_, conn});
  conn->start();
}

connection& client::local() const {
  for (const shard_entry& e : local_shards) {
    if (e.client_id == id_) {
      if (auto conn = e.conn.lock()) {
        return *conn;
      }
    }
  }
  throw std::logic_error("redis client used on a thread without attach_thread");
}

asio::awaitable<std::vector<reply>> client::execute(std::string bytes, std::size_t count,
                                                    std::string name) {
  co_return co_await local().execute(std::move(bytes), count, name);
}

asio::awaitable<reply> client::execute_one(std::string bytes, std::string name) {
  auto replies = co_await execute(std::move(bytes), 1, std::move(name));
  co_return std::move(replies.front());
}

asio::awaitable<reply> client::command(std::initializer_list<std::string_view> args) {
  if (args.size() == 0) {
    throw std::invalid_argument("redis command without a name");
  }
  // Format before returning the coroutine: the initializer_list's array dies with the caller's
  // full-expression, the coroutine may run later.
  std::string bytes = format_command(std::span<const std::string_view>(args.begin(), args.size()));
  return execute_one(std::move(bytes), command_name(*args.begin()));
}

asio::awaitable<reply> client::command(const std::vector<std::string>& args) {
  if (args.empty()) {
    throw std::invalid_argument("redis command without a name");
  }
  std::string bytes = format_command(args);
  return execute_one(std::move(bytes), command_name(args.front()));
}

asio::awaitable<std::vector<reply>> client::pipeline(std::vector<std::vector<std::string>> cmds) {
  if (cmds.empty()) {
    co_return std::vector<reply>{};
  }
  std::string bytes;
  for (const auto& c : cmds) {
    if (c.empty()) {
      throw std::invalid_argument("redis pipeline holds a command without a name");
    }
    bytes += format_command(c);
  }
  co_return co_await execute(std::move(bytes), cmds.size(), "pipeline");
}

asio::awaitable<reply> client::eval(const script& s, std::vector<std::string> keys,
                                    std::vector<std::string> args) {
  std::vector<std::string> cmd;
  cmd.reserve(3 + keys.size() + args.size());
  cmd.emplace_back("EVALSHA");
  cmd.push_back(s.sha1);
  cmd.push_back(std::to_string(keys.size()));
  std::move(keys.begin(), keys.end(), std::back_inserter(cmd));
  std::move(args.begin(), args.end(), std::back_inserter(cmd));
  reply r = co_await command(cmd);
  if (!r.is_error() || !r.str().starts_with("NOSCRIPT")) {
    co_return r;
  }
  // Redis restarted or SCRIPT FLUSH ran: load and retry once. Both go out in one write.
  std::vector<std::vector<std::string>> retry{{"SCRIPT", "LOAD", s.source}};
  retry.push_back(std::move(cmd));
  auto replies = co_await pipeline(std::move(retry));
  co_return std::move(replies.back());
}

asio::awaitable<void> client::ping() {
  reply r = co_await command("PING");
  if (r.type() != reply_type::status || r.str() != "PONG") {
    throw unavailable("redis PING did not answer PONG");
  }
}

std::size_t client::connected_count() const {
  return connected_->load(std::memory_order_relaxed);
}

void client::stop() {
  for (const auto& conn : shards_) {
    if (conn) {
      asio::post(conn->executor(), [conn] { conn->stop(); });
    }
  }
}

}  // namespace ugoki::redis
