// SQL of the fasting protocols' administration as named statements. Audit entries leave out
// created_at and updated_at (not content).
#include "fasting/admin_store.hpp"

#include "core/pg/database.hpp"
#include "core/pg/error.hpp"

namespace ugoki::fasting::admin_store {

namespace {

// The 19 columns read_protocol reads, from a fasting_protocols row named `f`.
#define UGOKI_PROTOCOL_COLUMNS                                                              \
  "f.id::text, f.slug, f.name, f.kind, f.description, f.fasting_minutes, "                  \
  "f.eating_window_minutes, f.fast_day_kcal, f.fast_days_per_week, f.weekday_rules::text, " \
  "f.difficulty, f.recommended_frequency, f.benefits::text, f.considerations::text, "       \
  "f.sort_order, f.is_active, "                                                             \
  "to_char(f.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "            \
  "f.version, f.translations::text"
#define UGOKI_AUDIT_ROW(alias) "to_jsonb(" alias ") - 'updated_at' - 'created_at' - 'version'"

constexpr pg::statement list_sql{"fasting_admin.list", "SELECT " UGOKI_PROTOCOL_COLUMNS R"(
FROM fasting_protocols f ORDER BY f.sort_order, f.name, f.id LIMIT $1::int8 OFFSET $2::int8)"};

constexpr pg::statement count_sql{"fasting_admin.count", "SELECT count(*) FROM fasting_protocols"};

// $1..$15 the fields (slug first), $16 translations, $17 actor, $18 request id. A taken slug
// inserts nothing.
constexpr pg::statement insert_sql{"fasting_admin.insert", R"(
WITH after AS (
  INSERT INTO fasting_protocols (slug, name, kind, description, fasting_minutes,
                                 eating_window_minutes, fast_day_kcal, fast_days_per_week,
                                 weekday_rules, difficulty, recommended_frequency, benefits,
                                 considerations, sort_order, is_active, translations)
  VALUES ($1, $2, $3, $4, $5::int4, $6::int4, $7::int4, $8::int4, $9::jsonb, $10, $11,
          $12::jsonb, $13::jsonb, $14::int4, $15::bool, $16::jsonb)
  ON CONFLICT (slug) DO NOTHING
  RETURNING *)
SELECT )" UGOKI_PROTOCOL_COLUMNS R"(,
       admin_audit($17::uuid, 'fasting.protocol', f.id::text, 'create', NULL,
                   )" UGOKI_AUDIT_ROW("f") R"(, $18)
FROM after f)"};

constexpr pg::statement lock_sql{"fasting_admin.lock", "SELECT " UGOKI_PROTOCOL_COLUMNS R"(
FROM fasting_protocols f WHERE f.id = $1::uuid FOR UPDATE)"};

constexpr pg::statement find_sql{"fasting_admin.find", "SELECT " UGOKI_PROTOCOL_COLUMNS R"(
FROM fasting_protocols f WHERE f.id = $1::uuid)"};

// $1 id, $2..$15 the fields but slug, $16 the translations patch ({"de": {...} | null}: each
// language replaces the stored one, null removes it), $17 actor, $18 request id, $19 the action.
constexpr pg::statement write_sql{"fasting_admin.write", R"(
WITH before AS (SELECT )" UGOKI_AUDIT_ROW("f") R"( AS j FROM fasting_protocols f
                 WHERE f.id = $1::uuid),
     after AS (
       UPDATE fasting_protocols
          SET name = $2, kind = $3, description = $4, fasting_minutes = $5::int4,
              eating_window_minutes = $6::int4, fast_day_kcal = $7::int4,
              fast_days_per_week = $8::int4, weekday_rules = $9::jsonb, difficulty = $10,
              recommended_frequency = $11, benefits = $12::jsonb, considerations = $13::jsonb,
              sort_order = $14::int4, is_active = $15::bool,
              translations = jsonb_strip_nulls(translations || $16::jsonb)
        WHERE id = $1::uuid
       RETURNING *)
SELECT )" UGOKI_PROTOCOL_COLUMNS R"(,
       admin_audit($17::uuid, 'fasting.protocol', $1::text, $19, (SELECT j FROM before),
                   )" UGOKI_AUDIT_ROW("f") R"(, $18)
FROM after f)"};

#undef UGOKI_AUDIT_ROW
#undef UGOKI_PROTOCOL_COLUMNS

admin_protocol read_protocol(const pg::row& r) {
  admin_protocol out;
  protocol& p = out.p;
  p.id = r.get<std::string>(0);
  p.slug = r.get<std::string>(1);
  p.name = r.get<std::string>(2);
  p.kind = r.get<std::string>(3);
  p.description = r.get<std::string>(4);
  p.fasting_minutes = r.get<int>(5);
  p.eating_window_minutes = r.get<int>(6);
  p.fast_day_kcal = r.get<std::optional<int>>(7);
  p.fast_days_per_week = r.get<std::optional<int>>(8);
  p.weekday_rules_json = r.get<std::string>(9);
  p.difficulty = r.get<std::string>(10);
  p.recommended_frequency = r.get<std::string>(11);
  p.benefits_json = r.get<std::string>(12);
  p.considerations_json = r.get<std::string>(13);
  out.sort_order = r.get<int>(14);
  out.active = r.get<bool>(15);
  out.updated_at = r.get<std::string>(16);
  out.version = r.get<std::int64_t>(17);
  p.translations_json = r.get<std::string>(18);
  return out;
}

// The fields but slug, in the statements' order ($2.. of write, $2.. of insert).
void add_fields(pg::params& args, const admin_protocol& a) {
  const protocol& p = a.p;
  args.add(p.name);
  args.add(p.kind);
  args.add(p.description);
  args.add(p.fasting_minutes);
  args.add(p.eating_window_minutes);
  args.add(p.fast_day_kcal);
  args.add(p.fast_days_per_week);
  args.add(p.weekday_rules_json);
  args.add(p.difficulty);
  args.add(p.recommended_frequency);
  args.add(p.benefits_json);
  args.add(p.considerations_json);
  args.add(a.sort_order);
  args.add(a.active);
}

}  // namespace

boost::asio::awaitable<protocol_page> list_protocols(pg::database& db, int page, int per_page) {
  std::vector<pg::command> commands;
  commands.push_back(
      {&list_sql, pg::params{std::int64_t{per_page}, std::int64_t{page - 1} * per_page}});
  commands.push_back({&count_sql, pg::params{}});
  auto results = co_await db.pipeline(commands);
  protocol_page out;
  out.page = page;
  out.per_page = per_page;
  for (const auto& row : results[0]) {
    out.items.push_back(read_protocol(row));
  }
  out.total = results[1][0].get<std::int64_t>(0);
  co_return out;
}

boost::asio::awaitable<std::optional<admin_protocol>> insert_protocol(pg::database& db,
                                                                      const admin_protocol& p,
                                                                      const actor& who) {
  pg::params args{p.p.slug};
  add_fields(args, p);
  args.add(p.p.translations_json);
  args.add(who.user_id);
  args.add(who.request_id);
  auto rows = co_await db.query(insert_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_protocol(rows[0]);
}

boost::asio::awaitable<std::optional<admin_protocol>> lock_protocol(pg::transaction& tx,
                                                                    std::string id) {
  auto rows = co_await tx.query(lock_sql, pg::params{id});
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_protocol(rows[0]);
}

boost::asio::awaitable<std::optional<admin_protocol>> find_protocol(pg::database& db,
                                                                    std::string id) {
  auto rows = co_await db.query(find_sql, pg::params{id});
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_protocol(rows[0]);
}

boost::asio::awaitable<admin_protocol> write_protocol(pg::transaction& tx, const admin_protocol& p,
                                                      std::string translations_patch,
                                                      const actor& who, std::string action) {
  pg::params args{p.p.id};
  add_fields(args, p);
  args.add(std::move(translations_patch));
  args.add(who.user_id);
  args.add(who.request_id);
  args.add(std::move(action));
  auto rows = co_await tx.query(write_sql, args);
  co_return read_protocol(rows[0]);
}

}  // namespace ugoki::fasting::admin_store
