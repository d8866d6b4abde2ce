// nutrition::admin_service against a real PostgreSQL and Redis: approving a submission makes it
// the public product of its barcode for everyone (the hot cache's old answer dropped) and
// supersedes the other users' pending submissions; a rejection's reason reaches its submitter;
// edits re-derive per-serving values and flags; every write has its audit entry and a refused
// one changes nothing.
#include <gtest/gtest.h>

#include "core/redis/reference_changes.hpp"
#include "integration/nutrition/food_fixture.hpp"
#include "nutrition/admin_service.hpp"
#include "nutrition/products_service.hpp"
#include "nutrition/products_store.hpp"

namespace ugoki::testing {
namespace {

class nutrition_admin_test : public food_test {
 protected:
  void SetUp() override {
    food_test::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    changes_ = std::make_unique<redis::reference_changes>(*redis_, prefix_);
    changes_->on("nutrition", [this] { ++announced_; });
    admin_ = std::make_unique<nutrition::admin_service>(*db_, *redis_, *changes_, prefix_);
    admin_id_ = go(new_user("UTC"));
  }
  void TearDown() override {
    admin_.reset();
    changes_.reset();
    food_test::TearDown();
  }

  nutrition::product_submission admin_submission(const std::string& code, std::string name) {
    nutrition::product_submission s;
    s.code = code;
    s.name = std::move(name);
    s.per_100g.energy_kcal = 450;
    s.per_100g.proteins_g = 12;
    s.per_100g.carbohydrates_g = 55;
    s.per_100g.fat_g = 20;
    s.serving_size = "50 g";
    s.serving_quantity_g = 50;
    return s;
  }
  actor admin_actor() { return actor{admin_id_, "req-admin-test"}; }

  // The audit entries of a product: "action|changes->'status'->>'after'" in order.
  std::vector<std::string> audit_of(const std::string& id) {
    auto rows = go(
        exec("SELECT action || '|' || coalesce(changes->'status'->>'after', '') || '|' || "
             "coalesce(request_id, '') FROM admin_audit_log WHERE entity = 'nutrition.product' AND "
             "entity_id = $1 ORDER BY id",
             id));
    std::vector<std::string> out;
    for (const auto& r : rows) {
      out.push_back(r.get<std::string>(0));
    }
    return out;
  }
  std::string status_of(const std::string& id) {
    return go(exec("SELECT status FROM food_products WHERE id = $1::uuid", id))[0].get<std::string>(
        0);
  }

  std::unique_ptr<redis::reference_changes> changes_;
  std::unique_ptr<nutrition::admin_service> admin_;
  std::string admin_id_;
  int announced_ = 0;
};

TEST_F(nutrition_admin_test, ApprovingPublishesForEveryoneAndSupersedesTheOthers) {
  const std::string alice = go(new_user("UTC"));
  const std::string bob = go(new_user("UTC"));
  const std::string carol = go(new_user("UTC"));
  const std::string code = fresh_code();
  auto mine = go(products_->submit(alice, admin_submission(code, "Alice's granola")));
  auto bobs = go(products_->submit(bob, admin_submission(code, "Bob's granola")));
  ASSERT_TRUE(mine && bobs);
  // What the hot cache could hold for the code before (a remembered upstream miss, a stale
  // entry): neither may answer once the product is public.
  go(redis_->command("SET", prefix_ + "miss:" + code, "1", "EX", "600"));
  go(redis_->command("SET", prefix_ + "product:" + code, "{\"stale\":true}", "EX", "600"));

  auto approved = go(admin_->approve(admin_actor(), mine->id, std::nullopt));
  ASSERT_TRUE(approved) << approved.error().code;
  EXPECT_EQ(approved->item.id, mine->id);
  EXPECT_EQ(approved->item.status, "published");
  EXPECT_EQ(approved->item.source, "user");
  EXPECT_FALSE(go(redis_has(prefix_ + "miss:" + code)));
  EXPECT_FALSE(go(redis_has(prefix_ + "product:" + code)));
  EXPECT_EQ(announced_, 1);

  // Everyone gets it by code, bob too (his own pending one is superseded).
  for (const auto& who : {alice, bob, carol}) {
    auto found = go(products_->by_code(who, code));
    ASSERT_TRUE(found) << found.error().code;
    EXPECT_EQ(found->id, mine->id);
    EXPECT_EQ(found->name, "Alice's granola");
  }
  EXPECT_EQ(products_->upstream_calls(), 0u);
  EXPECT_EQ(status_of(bobs->id), "rejected");
  auto bob_list = go(products_->mine(bob));
  ASSERT_EQ(bob_list.size(), 1u);
  EXPECT_EQ(bob_list[0].status, "rejected");
  ASSERT_TRUE(bob_list[0].rejection_reason);
  EXPECT_NE(bob_list[0].rejection_reason->find("Another submission"), std::string::npos);
  // Alice still finds her contribution in her list.
  auto alice_list = go(products_->mine(alice));
  ASSERT_EQ(alice_list.size(), 1u);
  EXPECT_EQ(alice_list[0].status, "published");

  // One entry each, in the approval's transaction.
  EXPECT_EQ(audit_of(mine->id), std::vector<std::string>{"approve|published|req-admin-test"});
  EXPECT_EQ(audit_of(bobs->id), std::vector<std::string>{"reject|rejected|req-admin-test"});

  // Reviewed: a second approval or a rejection is refused.
  auto again = go(admin_->approve(admin_actor(), mine->id, std::nullopt));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "NUTR_009");
  auto late = go(admin_->reject(admin_actor(), bobs->id, "late", std::nullopt));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, "NUTR_009");
}

TEST_F(nutrition_admin_test, ApprovingWhenAPublicProductExistsIsRefusedAndChangesNothing) {
  const std::string alice = go(new_user("UTC"));
  const std::string code = fresh_code();
  auto mine = go(products_->submit(alice, admin_submission(code, "Mine")));
  ASSERT_TRUE(mine);
  // Open Food Facts answered the code since (another user's scan).
  auto pub = go(nutrition::products_store::upsert_public(*db_, public_product(code, 410)));
  auto refused = go(admin_->approve(admin_actor(), mine->id, std::nullopt));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 409);
  EXPECT_EQ(refused.error().code, "NUTR_010");
  ASSERT_EQ(refused.error().details.size(), 1u);
  EXPECT_EQ(refused.error().details[0].message, pub.id);
  EXPECT_EQ(status_of(mine->id), "pending");
  EXPECT_TRUE(audit_of(mine->id).empty());
  EXPECT_EQ(announced_, 0);

  auto unknown =
      go(admin_->approve(admin_actor(), "00000000-0000-4000-8000-000000000000", std::nullopt));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, "NUTR_008");
  // A public product is not a submission.
  auto not_submission = go(admin_->approve(admin_actor(), pub.id, std::nullopt));
  ASSERT_FALSE(not_submission);
  EXPECT_EQ(not_submission.error().code, "NUTR_008");
}

TEST_F(nutrition_admin_test, ARejectionReachesItsSubmitterWhoMaySubmitAgain) {
  const std::string alice = go(new_user("UTC"));
  const std::string code = fresh_code();
  auto mine = go(products_->submit(alice, admin_submission(code, "Blurry photo bar")));
  ASSERT_TRUE(mine);
  auto rejected = go(
      admin_->reject(admin_actor(), mine->id, "The label's numbers are unreadable", std::nullopt));
  ASSERT_TRUE(rejected) << rejected.error().code;
  EXPECT_EQ(rejected->item.status, "rejected");
  EXPECT_EQ(rejected->item.rejection_reason, "The label's numbers are unreadable");
  EXPECT_EQ(audit_of(mine->id), std::vector<std::string>{"reject|rejected|req-admin-test"});

  auto listed = go(products_->mine(alice));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].rejection_reason, "The label's numbers are unreadable");
  auto by_id = go(products_->by_id(alice, mine->id));
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->status, "rejected");
  // The barcode no longer answers the rejected product, even to its submitter (the remembered
  // miss keeps Open Food Facts out of the test).
  go(redis_->command("SET", prefix_ + "miss:" + code, "1", "EX", "60"));
  auto scanned = go(products_->by_code(alice, code));
  ASSERT_FALSE(scanned);
  EXPECT_EQ(scanned.error().code, "NUTR_002");

  // Submitting again replaces the rejected one: same row, pending, no reason.
  auto again = go(products_->submit(alice, admin_submission(code, "Clear photo bar")));
  ASSERT_TRUE(again) << again.error().code;
  EXPECT_EQ(again->id, mine->id);
  EXPECT_EQ(again->status, "pending");
  EXPECT_FALSE(again->rejection_reason);
  // While pending, a second submission is still refused.
  auto twice = go(products_->submit(alice, admin_submission(code, "Third")));
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, "NUTR_003");
}

TEST_F(nutrition_admin_test, EditingASubmissionDerivesServingAndFlagsAndIsAudited) {
  const std::string alice = go(new_user("UTC"));
  const std::string code = fresh_code();
  const std::string other = fresh_code();
  auto mine = go(products_->submit(alice, admin_submission(code, "Granola")));
  auto second = go(products_->submit(alice, admin_submission(other, "Muesli")));
  ASSERT_TRUE(mine && second);

  nutrition::product_patch patch;
  patch.name = "Crunchy granola";
  patch.brands = std::optional<std::string>{"Home"};
  nutrition::nutrients n;
  n.energy_kcal = 400;
  n.proteins_g = 10;
  n.carbohydrates_g = 60;
  n.fat_g = 12;
  n.sugars_g = 70;  // more than the carbohydrates: flagged
  patch.per_100g = n;
  patch.serving_quantity_g = std::optional<double>{40};
  auto edited = go(admin_->edit_submission(admin_actor(), mine->id, patch));
  ASSERT_TRUE(edited) << edited.error().code;
  EXPECT_EQ(edited->item.name, "Crunchy granola");
  EXPECT_EQ(edited->item.brands, "Home");
  EXPECT_EQ(edited->item.status, "pending");
  EXPECT_EQ(edited->item.per_serving.energy_kcal, 160);
  EXPECT_EQ(edited->item.quality_flags, std::vector<std::string>{"sugars_exceed_carbohydrates"});
  EXPECT_EQ(edited->submitted_by, alice);
  auto changed =
      go(exec("SELECT string_agg(k, ',' ORDER BY k) FROM admin_audit_log, "
              "jsonb_object_keys(changes) k WHERE entity_id = $1 AND action = 'update'",
              mine->id));
  EXPECT_EQ(changed[0].get<std::string>(0),
            "brand,name,nutriments_100g,nutriments_serving,quality_flags,serving_size_g");

  // The same patch again changes nothing: no second entry.
  ASSERT_TRUE(go(admin_->edit_submission(admin_actor(), mine->id, patch)));
  EXPECT_EQ(audit_of(mine->id).size(), 1u);

  // Moving it to a barcode its submitter already submitted is refused, nothing written.
  nutrition::product_patch clash;
  clash.code = other;
  clash.name = "Renamed in vain";
  auto refused = go(admin_->edit_submission(admin_actor(), mine->id, clash));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "NUTR_011");
  EXPECT_EQ(go(products_->by_id(alice, mine->id))->name, "Crunchy granola");

  auto unknown =
      go(admin_->edit_submission(admin_actor(), "00000000-0000-4000-8000-000000000000", patch));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, "NUTR_008");
}

TEST_F(nutrition_admin_test, FixingAPublicProductDropsTheHotCacheEntry) {
  const std::string alice = go(new_user("UTC"));
  const std::string code = fresh_code();
  auto pub = go(nutrition::products_store::upsert_public(*db_, public_product(code, 420)));
  ASSERT_TRUE(go(products_->by_code(alice, code)));  // now in the hot cache
  ASSERT_TRUE(go(redis_has(prefix_ + "product:" + code)));

  nutrition::product_patch patch;
  patch.name = "Oat bar (fixed)";
  patch.nova_group = std::optional<int>{};
  patch.allergens = std::vector<std::string>{"gluten", "oats"};
  auto fixed = go(admin_->edit_product(admin_actor(), pub.id, patch));
  ASSERT_TRUE(fixed) << fixed.error().code;
  EXPECT_EQ(fixed->item.name, "Oat bar (fixed)");
  EXPECT_FALSE(go(redis_has(prefix_ + "product:" + code)));
  auto served = go(products_->by_code(alice, code));
  ASSERT_TRUE(served);
  EXPECT_EQ(served->name, "Oat bar (fixed)");
  EXPECT_EQ(served->allergens, (std::vector<std::string>{"gluten", "oats"}));
  EXPECT_EQ(audit_of(pub.id), std::vector<std::string>{"update||req-admin-test"});
  EXPECT_EQ(announced_, 1);
  // The next Open Food Facts import of the code keeps the admin's fix (0033, admin_touched).
  EXPECT_EQ(go(nutrition::products_store::upsert_batch(*db_, {public_product(code, 430)})), 0u);
  auto after_import = go(products_->by_code(alice, code));
  ASSERT_TRUE(after_import);
  EXPECT_EQ(after_import->name, "Oat bar (fixed)");

  // Submissions are not public products.
  auto mine = go(products_->submit(alice, admin_submission(fresh_code(), "Mine")));
  auto refused = go(admin_->edit_product(admin_actor(), mine->id, patch));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "NUTR_012");
}

TEST_F(nutrition_admin_test, TheQueueListsPendingFirstWithTheTotal) {
  const std::string alice = go(new_user("UTC"));
  const std::string bob = go(new_user("UTC"));
  const std::string c1 = fresh_code();
  const std::string c2 = fresh_code();
  auto first = go(products_->submit(alice, admin_submission(c1, "First")));
  auto second = go(products_->submit(bob, admin_submission(c2, "Second")));
  ASSERT_TRUE(first && second);
  ASSERT_TRUE(go(admin_->reject(admin_actor(), first->id, "Not food", std::nullopt)));

  nutrition::review_query q;
  q.per_page = 100;
  auto all = go(admin_->submissions(q));
  EXPECT_GE(all.total, 2);
  // Every pending row precedes every reviewed one.
  bool seen_reviewed = false;
  std::size_t at_second = all.items.size();
  std::size_t at_first = all.items.size();
  for (std::size_t i = 0; i < all.items.size(); ++i) {
    const auto& item = all.items[i];
    if (item.item.status != "pending") {
      seen_reviewed = true;
    } else {
      EXPECT_FALSE(seen_reviewed) << "pending after a reviewed one at " << i;
    }
    at_second = item.item.id == second->id ? i : at_second;
    at_first = item.item.id == first->id ? i : at_first;
  }
  ASSERT_LT(at_second, at_first);
  EXPECT_EQ(all.items[at_second].submitted_by, bob);
  EXPECT_EQ(all.items[at_first].reviewed_by, admin_id_);
  EXPECT_TRUE(all.items[at_first].reviewed_at);

  q.status = "rejected";
  q.per_page = 1;
  auto rejected = go(admin_->submissions(q));
  EXPECT_LE(rejected.items.size(), 1u);
  EXPECT_GE(rejected.total, 1);
  for (const auto& item : rejected.items) {
    EXPECT_EQ(item.item.status, "rejected");
  }
}

TEST_F(nutrition_admin_test, AStaleVersionIsRefusedAndChangesNothing) {
  const std::string alice = go(new_user("UTC"));
  const std::string code = fresh_code();
  auto pub = go(nutrition::products_store::upsert_public(*db_, public_product(code, 420)));
  auto seen = go(admin_->public_product(pub.id));
  ASSERT_TRUE(seen) << seen.error().code;

  nutrition::product_patch patch;
  patch.name = "First fix";
  patch.version = seen->version;
  auto first = go(admin_->edit_product(admin_actor(), pub.id, patch));
  ASSERT_TRUE(first) << first.error().code;
  EXPECT_EQ(first->version, seen->version + 1);

  // A second editor who read the same version is refused; the row keeps the first fix.
  patch.name = "Second fix";
  auto stale = go(admin_->edit_product(admin_actor(), pub.id, patch));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().status, 412);
  EXPECT_EQ(stale.error().code, "REQ_006");
  auto now = go(admin_->public_product(pub.id));
  EXPECT_EQ(now->item.name, "First fix");
  EXPECT_EQ(now->version, first->version);
  EXPECT_EQ(audit_of(pub.id).size(), 1u);

  // The review actions too: a submission approved at an old version is refused.
  auto mine = go(products_->submit(alice, admin_submission(fresh_code(), "Versioned bar")));
  ASSERT_TRUE(mine);
  auto refused = go(admin_->approve(admin_actor(), mine->id, std::int64_t{99}));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "REQ_006");
  EXPECT_EQ(status_of(mine->id), "pending");
  auto rejected = go(admin_->reject(admin_actor(), mine->id, "Nope", std::int64_t{1}));
  ASSERT_TRUE(rejected) << rejected.error().code;
  EXPECT_EQ(rejected->version, 2);
}

}  // namespace
}  // namespace ugoki::testing
