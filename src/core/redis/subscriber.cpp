// The pub/sub connection: its own reconnect loop, subscription replay and message dispatch.
#include "core/redis/subscriber.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <array>
#include <atomic>
#include <set>
#include <vector>

#include "core/log.hpp"
#include "core/redis/resp.hpp"
#include "core/redis/transport.hpp"

namespace ugoki::redis {
namespace asio = boost::asio;
using asio::use_awaitable;

class subscriber::impl : public std::enable_shared_from_this<impl> {
 public:
  impl(settings s, asio::any_io_executor ex)
      : ex_(std::move(ex)),
        settings_(std::move(s)),
        endpoint_(validate(settings_)),
        tls_(make_tls_context(settings_, endpoint_)),
        backoff_timer_(ex_) {}

  // Everything below runs on ex_ (the public methods post here).
  void change(const char* verb, std::set<std::string>& set, std::string name, bool add) {
    bool changed = add ? set.insert(name).second : set.erase(name) > 0;
    if (changed && up_) {
      std::string_view args[] = {verb, name};
      send(format_command(std::span<const std::string_view>(args)));
    }
  }

  void stop() {
    stopped_ = true;
    backoff_timer_.cancel();
    if (transport_) {
      transport_->close();
    }
  }

  static asio::awaitable<void> run(std::shared_ptr<impl> self);

  asio::any_io_executor ex_;
  settings settings_;
  endpoint endpoint_;
  std::shared_ptr<asio::ssl::context> tls_;
  std::shared_ptr<transport> transport_;
  asio::steady_timer backoff_timer_;
  handler handler_;
  std::function<void(bool)> state_handler_;
  bool reported_up_ = false;
  std::set<std::string> channels_;
  std::set<std::string> patterns_;
  std::string out_;
  bool writing_ = false;
  bool up_ = false;
  bool stopped_ = false;
  std::atomic<bool> connected_{false};

 private:
  void send(std::string bytes) {
    out_ += bytes;
    if (writing_ || !transport_) {
      return;
    }
    writing_ = true;
    asio::co_spawn(ex_, write_loop(shared_from_this(), transport_), [](std::exception_ptr) {});
  }

  static asio::awaitable<void> write_loop(std::shared_ptr<impl> self,
                                          std::shared_ptr<transport> t) {
    try {
      while (!self->out_.empty() && self->transport_ == t && t->is_open()) {
        std::string chunk;
        chunk.swap(self->out_);
        co_await t->write(asio::buffer(chunk));
      }
    } catch (const std::exception&) {
      t->close();
    }
    self->writing_ = false;
    // A reconnect may have queued subscriptions while this writer was stuck on the old socket.
    if (self->transport_ != t && !self->out_.empty()) {
      std::string bytes;
      bytes.swap(self->out_);
      self->send(std::move(bytes));
    }
  }

  // Sends every subscription in one write; Redis answers each with a confirmation we ignore.
  void resubscribe() {
    out_.clear();
    auto all = [this](const char* verb, const std::set<std::string>& names) {
      if (names.empty()) {
        return;
      }
      std::vector<std::string> args{verb};
      args.insert(args.end(), names.begin(), names.end());
      out_ += format_command(args);
    };
    all("SUBSCRIBE", channels_);
    all("PSUBSCRIBE", patterns_);
    if (!out_.empty()) {
      std::string bytes;
      bytes.swap(out_);
      send(std::move(bytes));
    }
  }

  void dispatch(const reply& r) {
    if (r.type() != reply_type::array || r.elements().empty() ||
        r.elements()[0].type() != reply_type::string) {
      if (r.is_error()) {
        log::warn("redis subscriber error reply", log::fields().add("detail", r.str()));
      }
      return;
    }
    const auto& e = r.elements();
    const std::string& kind = e[0].str();
    std::string_view channel;
    std::string_view payload;
    if (kind == "message" && e.size() == 3) {
      channel = e[1].str();
      payload = e[2].str();
    } else if (kind == "pmessage" && e.size() == 4) {
      channel = e[2].str();
      payload = e[3].str();
    } else {
      // (p)subscribe confirmations carry the connection's subscription count: once it covers
      // every wanted subscription, delivery is reliable.
      if ((kind == "subscribe" || kind == "psubscribe") && e.size() == 3 &&
          e[2].type() == reply_type::integer &&
          static_cast<std::size_t>(e[2].integer()) == channels_.size() + patterns_.size()) {
        report_state(true);
      }
      return;
    }
    if (!handler_) {
      return;
    }
    try {
      handler_(channel, payload);
    } catch (const std::exception& ex) {
      log::error("redis subscriber handler threw", log::fields().add("detail", ex.what()));
    }
  }

  void report_state(bool up) {
    if (!state_handler_ || up == reported_up_) {
      return;
    }
    reported_up_ = up;
    try {
      state_handler_(up);
    } catch (const std::exception& ex) {
      log::error("redis subscriber state handler threw", log::fields().add("detail", ex.what()));
    }
  }

  asio::awaitable<void> read_loop(std::shared_ptr<transport> t, resp_reader& reader) {
    std::array<char, 16384> buf;
    for (;;) {
      while (auto r = reader.next()) {
        dispatch(*r);
      }
      std::size_t n = co_await t->read_some(asio::buffer(buf));
      reader.feed(buf.data(), n);
    }
  }

  friend class subscriber;
};

asio::awaitable<void> subscriber::impl::run(std::shared_ptr<impl> self) {
  backoff delays;
  while (!self->stopped_) {
    auto t = std::make_shared<transport>(self->ex_, self->tls_);
    self->transport_ = t;
    resp_reader reader;
    std::string failure;
    bool was_up = false;
    try {
      // Pub/sub ignores the database number, so no SELECT.
      co_await establish(t, reader, self->endpoint_, false, self->settings_.connect_timeout);
      if (!self->stopped_) {
        was_up = true;
        self->up_ = true;
        delays.reset();
        self->resubscribe();
        self->connected_.store(true, std::memory_order_relaxed);
        log::info("redis subscriber connected", log::fields()
                                                    .add("channels", self->channels_.size())
                                                    .add("patterns", self->patterns_.size()));
        co_await self->read_loop(t, reader);
      }
    } catch (const std::exception& e) {
      failure = describe(e);
    }
    self->up_ = false;
    self->connected_.store(false, std::memory_order_relaxed);
    self->report_state(false);
    t->close();
    if (self->stopped_) {
      break;
    }
    log::warn(was_up ? "redis subscriber connection lost" : "redis subscriber connect failed",
              log::fields().add("detail", failure));
    self->backoff_timer_.expires_after(delays.next());
    co_await self->backoff_timer_.async_wait(asio::as_tuple(use_awaitable));
  }
}

subscriber::subscriber(settings s, asio::any_io_executor ex)
    : impl_(std::make_shared<impl>(std::move(s), std::move(ex))) {}

subscriber::~subscriber() {
  stop();
}

void subscriber::on_message(handler h) {
  impl_->handler_ = std::move(h);
}

void subscriber::on_state(std::function<void(bool up)> h) {
  impl_->state_handler_ = std::move(h);
}

void subscriber::subscribe(std::string channel) {
  asio::post(impl_->ex_, [i = impl_, c = std::move(channel)]() mutable {
    i->change("SUBSCRIBE", i->channels_, std::move(c), true);
  });
}

void subscriber::psubscribe(std::string pattern) {
  asio::post(impl_->ex_, [i = impl_, p = std::move(pattern)]() mutable {
    i->change("PSUBSCRIBE", i->patterns_, std::move(p), true);
  });
}

void subscriber::unsubscribe(std::string channel) {
  asio::post(impl_->ex_, [i = impl_, c = std::move(channel)]() mutable {
    i->change("UNSUBSCRIBE", i->channels_, std::move(c), false);
  });
}

void subscriber::punsubscribe(std::string pattern) {
  asio::post(impl_->ex_, [i = impl_, p = std::move(pattern)]() mutable {
    i->change("PUNSUBSCRIBE", i->patterns_, std::move(p), false);
  });
}

void subscriber::start() {
  asio::co_spawn(impl_->ex_, impl::run(impl_), [](std::exception_ptr e) {
    if (e) {
      log::error("redis subscriber task ended unexpectedly");
    }
  });
}

void subscriber::stop() {
  asio::post(impl_->ex_, [i = impl_] { i->stop(); });
}

bool subscriber::connected() const {
  return impl_->connected_.load(std::memory_order_relaxed);
}

}  // namespace ugoki::redis
