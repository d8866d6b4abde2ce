// The food diary's rules: meals resolved from recipes, products and free text (numbers copied
// at log time), fast-aware logging, the day view with targets and energy out, the dashboard's
// intake and the export. No HTTP, JSON or SQL here.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>

#include "core/error.hpp"
#include "nutrition/diary_types.hpp"

namespace ugoki {
class clock;
namespace pg {
class database;
}
}  // namespace ugoki

namespace ugoki::nutrition {

class products_service;

class diary_service {
 public:
  // Every reference must outlive the service.
  diary_service(pg::database& db, const clock& clock, products_service& products,
                diary_sources sources);

  // The clock's now in whole seconds (what eaten_at defaults to and is checked against).
  instant now() const;

  // Logs a meal. Items are resolved first (a recipe by id, a product by id or barcode, the
  // barcode through products_service::by_code, Open Food Facts included): 422 NUTR_006 naming
  // each unknown recipe or product, servings of a product without a serving size, or values
  // over diary_rules.hpp's bounds; 404 NUTR_002 / 503 SVC_002 from the barcode look-up. Then,
  // when a fast is running and eaten_at is not before its start: without during_fast 409
  // NUTR_005 (the fast in details); end_fast ends it at eaten_at through the fasting module
  // (completed or ended early by its rule; 409 NUTR_007 when it cannot be ended there);
  // keep_fast logs and leaves the fast alone.
  boost::asio::awaitable<result<meal>> log_meal(std::string user_id, new_meal req);

  // Changes a meal of the user's; new items replace the old (resolved as above). 404 NUTR_004.
  boost::asio::awaitable<result<meal>> update(std::string user_id, std::string id,
                                              meal_patch patch);
  // 404 NUTR_004 when the meal is not the user's.
  boost::asio::awaitable<result<meal>> get(std::string user_id, std::string id);
  boost::asio::awaitable<result<void>> remove(std::string user_id, std::string id);

  // The day (YYYY-MM-DD, the user's local date): meals, totals, targets, energy out, budget.
  boost::asio::awaitable<diary_day> day(std::string user_id, std::string date);

  // kcal eaten today (the user's zone) and the goal, for the dashboard.
  struct intake {
    std::string date;
    double kcal = 0;
    std::optional<int> goal;
  };
  boost::asio::awaitable<intake> today(std::string user_id);

  // The export's meals: a JSON array, every meal with its items (instants with Z).
  boost::asio::awaitable<std::string> export_part(std::string user_id);

 private:
  boost::asio::awaitable<result<std::vector<logged_item>>> resolve(
      const std::string& user_id, const std::vector<item_request>& items);

  pg::database& db_;
  const clock& clock_;
  products_service& products_;
  diary_sources sources_;
};

}  // namespace ugoki::nutrition
