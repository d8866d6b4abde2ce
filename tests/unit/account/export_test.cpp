// The data export: user::exporter assembles the modules' parts in order and stops at an absent
// account; json::spell_instants_with_z turns PostgreSQL's "+00:00" instants into RFC 3339 "Z"
// in the document, and nothing else changes.
#include "user/export.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace ugoki::user {
namespace {

using boost::asio::awaitable;

class fixed_clock final : public clock {
 public:
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::time_point(std::chrono::seconds(1769842800));
  }
};

awaitable<std::optional<std::string>> answer(std::optional<std::string> text, int& calls) {
  ++calls;
  co_return text;
}

// A part answering `text` for every user, counting its calls. (A plain lambda returning the
// coroutine: a capturing lambda must not be a coroutine itself.)
export_part part(std::string name, std::optional<std::string> text, int& calls) {
  return {std::move(name), [text, &calls](std::string) { return answer(text, calls); }};
}

std::optional<std::string> run(exporter& e, std::string user_id) {
  boost::asio::io_context ioc;
  auto f = boost::asio::co_spawn(ioc, e.export_json(std::move(user_id)), boost::asio::use_future);
  ioc.run();
  return f.get();
}

TEST(exporter, assembles_the_parts_in_order_with_instants_in_utc) {
  fixed_clock clock;
  int calls = 0;
  std::vector<export_part> parts;
  parts.push_back(part("account", R"({"created_at":"2026-01-31T07:00:00.5+00:00"})", calls));
  parts.push_back(part("mfa", "null", calls));
  parts.push_back(part("fasting", R"({"sessions":[]})", calls));
  exporter e(std::move(parts), clock);
  EXPECT_EQ(
      run(e, "u1"),
      R"({"format":"ugoki.export.v1","user_id":"u1","exported_at":"2026-01-31T07:00:00.000Z",)"
      R"("account":{"created_at":"2026-01-31T07:00:00.5Z"},"mfa":null,)"
      R"("fasting":{"sessions":[]}})");
  EXPECT_EQ(calls, 3);
}

TEST(exporter, no_account_no_export_and_nothing_else_read) {
  fixed_clock clock;
  int calls = 0;
  std::vector<export_part> parts;
  parts.push_back(part("account", std::nullopt, calls));
  parts.push_back(part("profile", "{}", calls));
  exporter e(std::move(parts), clock);
  EXPECT_EQ(run(e, "gone"), std::nullopt);
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace ugoki::user
