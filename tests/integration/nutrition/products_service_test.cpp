// nutrition::products_service against a real PostgreSQL and Redis: a product of the table is
// served and put in the hot cache for 24 h (and then served from it), a pending submission is
// seen by its author only, and a product failing the sanity checks is stored with its flags.
// Open Food Facts is never reached (its address refuses connections).
#include <gtest/gtest.h>

#include <algorithm>

#include "integration/nutrition/food_fixture.hpp"
#include "nutrition/products_rules.hpp"
#include "nutrition/products_service.hpp"
#include "nutrition/products_store.hpp"

namespace ugoki::testing {
namespace {

class products_service_test : public food_test {
 protected:
  bool products_has_flag(const std::vector<std::string>& flags, const std::string& f) {
    return std::find(flags.begin(), flags.end(), f) != flags.end();
  }
  nutrition::product_submission products_submission(const std::string& code) {
    nutrition::product_submission s;
    s.code = code;
    s.name = "Home granola";
    s.per_100g.energy_kcal = 450;
    s.per_100g.proteins_g = 12;
    s.per_100g.carbohydrates_g = 55;
    s.per_100g.fat_g = 20;
    s.serving_size = "50 g";
    s.serving_quantity_g = 50;
    return s;
  }
};

TEST_F(products_service_test, ATableProductIsServedAndCachedForADay) {
  const std::string code = fresh_code();
  const std::string key = prefix_ + "product:" + code;
  auto stored = go(nutrition::products_store::upsert_public(*db_, public_product(code, 420)));
  EXPECT_FALSE(go(redis_has(key)));

  const std::string alice = go(new_user("UTC"));
  auto found = go(products_->by_code(alice, code));
  ASSERT_TRUE(found) << found.error().code;
  EXPECT_EQ(found->id, stored.id);
  EXPECT_EQ(found->name, "Oat bar");
  EXPECT_EQ(found->per_100g.energy_kcal, 420);
  EXPECT_EQ(found->serving_quantity_g, 40);
  EXPECT_EQ(products_->upstream_calls(), 0u);
  ASSERT_TRUE(go(redis_has(key)));
  const std::int64_t ttl = go(redis_->command("TTL", key)).integer();
  EXPECT_GT(ttl, 24 * 3600 - 60);
  EXPECT_LE(ttl, 24 * 3600);

  // The next look-up is answered by the cache: a change to the row is not seen until it expires.
  go(exec("UPDATE food_products SET name = 'Renamed' WHERE code = $1 AND submitted_by IS NULL",
          code));
  auto again = go(products_->by_code(alice, code));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->name, "Oat bar");
  EXPECT_EQ(again->id, stored.id);
  // Without the cache entry the table answers (the new name).
  go(redis_->command("DEL", key));
  auto fresh = go(products_->by_code(alice, code));
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->name, "Renamed");
  EXPECT_EQ(products_->upstream_calls(), 0u);
}

TEST_F(products_service_test, APendingSubmissionIsSeenByItsAuthorOnly) {
  const std::string alice = go(new_user("UTC"));
  const std::string bob = go(new_user("UTC"));
  const std::string code = fresh_code();
  auto mine = go(products_->submit(alice, products_submission(code)));
  ASSERT_TRUE(mine) << mine.error().code;
  EXPECT_EQ(mine->status, "pending");
  EXPECT_EQ(mine->source, "user");
  EXPECT_TRUE(mine->quality_flags.empty());
  // Per serving derived from per 100 g and the serving's grams.
  EXPECT_EQ(mine->per_serving.energy_kcal, 225);

  auto by_code = go(products_->by_code(alice, code));
  ASSERT_TRUE(by_code);
  EXPECT_EQ(by_code->id, mine->id);
  EXPECT_TRUE(go(products_->by_id(alice, mine->id)));
  ASSERT_EQ(go(products_->mine(alice)).size(), 1u);
  // A pending product never goes to the shared cache.
  EXPECT_FALSE(go(redis_has(prefix_ + "product:" + code)));

  // Bob does not see it: by id, in his list, nor by code (OFF's "no such product" remembered, so
  // the look-up ends at 404 without asking upstream).
  go(redis_->command("SET", prefix_ + "miss:" + code, "1", "EX", "60"));
  auto hidden = go(products_->by_code(bob, code));
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().status, 404);
  EXPECT_EQ(hidden.error().code, "NUTR_002");
  auto by_id = go(products_->by_id(bob, mine->id));
  ASSERT_FALSE(by_id);
  EXPECT_EQ(by_id.error().code, "NUTR_002");
  EXPECT_TRUE(go(products_->mine(bob)).empty());
  EXPECT_EQ(products_->upstream_calls(), 0u);

  // A second submission of the code by its author is refused; bob may submit his own.
  auto twice = go(products_->submit(alice, products_submission(code)));
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().status, 409);
  EXPECT_EQ(twice.error().code, "NUTR_003");
  auto bobs = go(products_->submit(bob, products_submission(code)));
  ASSERT_TRUE(bobs);
  EXPECT_NE(bobs->id, mine->id);
  EXPECT_EQ(go(products_->by_code(alice, code))->id, mine->id);
  auto rows = go(exec("SELECT count(*) FROM food_products WHERE code = $1", code));
  EXPECT_EQ(rows[0].get<std::int64_t>(0), 2);

  // Once a public product of the code exists, nobody can submit it, and it wins for everyone.
  const std::string other = fresh_code();
  go(nutrition::products_store::upsert_public(*db_, public_product(other, 380)));
  auto taken = go(products_->submit(alice, products_submission(other)));
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, "NUTR_003");
}

TEST_F(products_service_test, AProductFailingTheSanityChecksIsStoredFlagged) {
  const std::string alice = go(new_user("UTC"));
  const std::string code = fresh_code();
  auto s = products_submission(code);
  s.per_100g.saturated_fat_g = 25;  // more than the fat (20)
  s.per_100g.sugars_g = 70;         // more than the carbohydrates (55)
  auto stored = go(products_->submit(alice, s));
  ASSERT_TRUE(stored) << stored.error().code;
  EXPECT_TRUE(products_has_flag(stored->quality_flags, "saturated_fat_exceeds_fat"));
  EXPECT_TRUE(products_has_flag(stored->quality_flags, "sugars_exceed_carbohydrates"));
  auto rows =
      go(exec("SELECT quality_flags ? 'saturated_fat_exceeds_fat' AND "
              "quality_flags ? 'sugars_exceed_carbohydrates' FROM food_products WHERE code = $1",
              code));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0].get<bool>(0));
  // Served with its flags, not dropped.
  auto back = go(products_->by_code(alice, code));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->quality_flags, stored->quality_flags);

  // A public product (OFF or the import) keeps its flags in the table and the cache too.
  const std::string pub = fresh_code();
  auto p = public_product(pub, 950);  // over 900 kcal per 100 g, and far from its macros
  p.quality_flags = nutrition::sanity_flags(p.per_100g);
  ASSERT_TRUE(products_has_flag(p.quality_flags, "energy_out_of_range"));
  go(nutrition::products_store::upsert_public(*db_, p));
  auto served = go(products_->by_code(alice, pub));
  ASSERT_TRUE(served);
  EXPECT_EQ(served->quality_flags, p.quality_flags);
  auto cached = go(products_->by_code(alice, pub));  // from Redis now
  ASSERT_TRUE(cached);
  EXPECT_TRUE(go(redis_has(prefix_ + "product:" + pub)));
  EXPECT_EQ(cached->quality_flags, p.quality_flags);
}

}  // namespace
}  // namespace ugoki::testing
