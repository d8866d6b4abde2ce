// admin::dto: the audit log's query parser names every bad parameter; rendering keeps the stored
// changes, resolves the actor and spells instants with Z.
#include "admin/dto.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace ugoki::admin {
namespace {

bool names(const api_error& e, const std::string& field) {
  return std::any_of(e.details.begin(), e.details.end(),
                     [&](const field_error& f) { return f.field == field; });
}

TEST(admin_audit_dto, DefaultsToTheFirstPageOfTwenty) {
  auto q = dto::parse_audit_query({});
  ASSERT_TRUE(q);
  EXPECT_EQ(q->page, 1);
  EXPECT_EQ(q->per_page, 20);
  EXPECT_FALSE(q->actor_id || q->entity || q->entity_id || q->from || q->to);
}

TEST(admin_audit_dto, ReadsEveryFilter) {
  dto::audit_params p;
  p.actor = "0b7e7dd2-8e52-4d5c-9a53-1f0f6d1c0a11";
  p.entity = "content.article";
  p.entity_id = "42";
  p.from = "2026-01-01T00:00:00+02:00";
  p.to = "2026-02-01T00:00:00Z";
  p.page = "3";
  p.per_page = "100";
  auto q = dto::parse_audit_query(p);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->actor_id, p.actor);
  EXPECT_EQ(q->entity, "content.article");
  EXPECT_EQ(q->entity_id, "42");
  EXPECT_EQ(q->page, 3);
  EXPECT_EQ(q->per_page, 100);
  EXPECT_LT(*q->from, *q->to);
}

TEST(admin_audit_dto, NamesEveryBadParameterAtOnce) {
  dto::audit_params p;
  p.actor = "alice";
  p.entity = "Content.Article";
  p.entity_id = "";
  p.from = "yesterday";
  p.to = "2026-02-30T00:00:00Z";
  p.page = "0";
  p.per_page = "101";
  auto q = dto::parse_audit_query(p);
  ASSERT_FALSE(q);
  const api_error e = q.error();
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.code, "VAL_001");
  for (const char* f : {"actor", "entity", "entity_id", "from", "to", "page", "per_page"}) {
    EXPECT_TRUE(names(e, f)) << f;
  }
}

TEST(admin_audit_dto, RefusesARangeThatEndsBeforeItStarts) {
  dto::audit_params p;
  p.from = "2026-02-01T00:00:00Z";
  p.to = "2026-01-01T00:00:00Z";
  auto q = dto::parse_audit_query(p);
  ASSERT_FALSE(q);
  EXPECT_TRUE(names(q.error(), "to"));
  for (const char* bad : {"content", ".article", "content.", "content.art-icle", "1x.y", "a.b.c"}) {
    dto::audit_params e;
    e.entity = bad;
    EXPECT_FALSE(dto::parse_audit_query(e)) << bad;
  }
  for (const char* bad : {"1.5", "2x", "-1", ""}) {
    dto::audit_params e;
    e.page = bad;
    EXPECT_FALSE(dto::parse_audit_query(e)) << bad;
  }
}

TEST(admin_audit_dto, RendersEntriesAndThePageMeta) {
  audit_page page;
  page.total = 41;
  page.page = 2;
  page.per_page = 20;
  audit_entry by_admin;
  by_admin.id = 7;
  by_admin.actor_id = "0b7e7dd2-8e52-4d5c-9a53-1f0f6d1c0a11";
  by_admin.actor_email = "ed@example.test";
  by_admin.entity = "content.article";
  by_admin.entity_id = "a1";
  by_admin.action = "update";
  by_admin.changes_json =
      R"({"published_at": {"after": "2026-01-31T07:00:00.5+00:00", "before": null}})";
  by_admin.request_id = "req-1";
  by_admin.created_at = "2026-01-31T07:00:00.000000Z";
  audit_entry by_cli = by_admin;
  by_cli.actor_id.reset();
  by_cli.actor_email.reset();
  by_cli.request_id.reset();
  by_cli.changes_json = "{}";
  page.items = {by_admin, by_cli};
  EXPECT_EQ(dto::render_audit_entries(page),
            R"([{"id":7,"actor":{"id":"0b7e7dd2-8e52-4d5c-9a53-1f0f6d1c0a11",)"
            R"("email":"ed@example.test"},"entity":"content.article","entity_id":"a1",)"
            R"("action":"update","changes":{"published_at":{"after":"2026-01-31T07:00:00.5Z",)"
            R"("before":null}},"request_id":"req-1","created_at":"2026-01-31T07:00:00.000000Z"},)"
            R"({"id":7,"actor":null,"entity":"content.article","entity_id":"a1",)"
            R"("action":"update","changes":{},"request_id":null,)"
            R"("created_at":"2026-01-31T07:00:00.000000Z"}])");
  EXPECT_EQ(dto::render_page_meta(page), R"("page":2,"per_page":20,"total":41)");
}

}  // namespace
}  // namespace ugoki::admin
