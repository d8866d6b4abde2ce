// SQL for the fasting module, as named statements (the name is the prepared-statement name).
#include "fasting/store.hpp"

#include "core/pg/database.hpp"

namespace ugoki::fasting::store {

namespace {

constexpr pg::statement list_protocols_sql{
    "fasting.list_protocols",
    "SELECT id::text, slug, name, kind, description, fasting_minutes, eating_window_minutes, "
    "fast_day_kcal, fast_days_per_week, weekday_rules::text, difficulty, recommended_frequency, "
    "benefits::text, considerations::text "
    "FROM fasting_protocols WHERE is_active ORDER BY sort_order, name"};

}  // namespace

boost::asio::awaitable<std::vector<protocol>> list_protocols(pg::database& db) {
  auto rows = co_await db.query(list_protocols_sql);
  std::vector<protocol> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    protocol p;
    p.id = row.get<std::string>(0);
    p.slug = row.get<std::string>(1);
    p.name = row.get<std::string>(2);
    p.kind = row.get<std::string>(3);
    p.description = row.get<std::string>(4);
    p.fasting_minutes = row.get<int>(5);
    p.eating_window_minutes = row.get<int>(6);
    p.fast_day_kcal = row.get<std::optional<int>>(7);
    p.fast_days_per_week = row.get<std::optional<int>>(8);
    p.weekday_rules_json = row.get<std::string>(9);
    p.difficulty = row.get<std::string>(10);
    p.recommended_frequency = row.get<std::string>(11);
    p.benefits_json = row.get<std::string>(12);
    p.considerations_json = row.get<std::string>(13);
    out.push_back(std::move(p));
  }
  co_return out;
}

}  // namespace ugoki::fasting::store
