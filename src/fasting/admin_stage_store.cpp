// SQL of the fasting stages' administration as named statements. Hours are numeric(6,2) in the
// table and whole seconds in the API (the parser allows quarter hours, exact in both). Audit
// entries leave out created_at, updated_at and version (not content).
#include "fasting/admin_stage_store.hpp"

#include "core/pg/database.hpp"

namespace ugoki::fasting::admin_stage_store {

namespace {

// The 13 columns read_stage reads, from a fasting_stages row named `f`.
#define UGOKI_STAGE_COLUMNS                                                                 \
  "f.id::text, f.slug, f.name, round(f.starts_at_hours * 3600)::int8, "                     \
  "round(f.ends_at_hours * 3600)::int8, f.summary, f.description, f.source, f.disclaimer, " \
  "f.is_active, f.version, f.translations::text, "                                          \
  "to_char(f.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
#define UGOKI_STAGE_AUDIT_ROW(alias) "to_jsonb(" alias ") - 'updated_at' - 'created_at' - 'version'"

constexpr pg::statement list_sql{"fasting_admin.list_stages", "SELECT " UGOKI_STAGE_COLUMNS R"(
FROM fasting_stages f ORDER BY f.is_active DESC, f.starts_at_hours, f.slug, f.id
LIMIT $1::int8 OFFSET $2::int8)"};

constexpr pg::statement count_sql{"fasting_admin.count_stages",
                                  "SELECT count(*) FROM fasting_stages"};

constexpr pg::statement find_sql{"fasting_admin.find_stage", "SELECT " UGOKI_STAGE_COLUMNS R"(
FROM fasting_stages f WHERE f.id = $1::uuid)"};

// Admin stage writes take this lock (released at the transaction's end) before they read the
// stages, so two never decide on the same set; readers are not held up. A row lock would miss
// the rows a concurrent create inserts.
constexpr pg::statement lock_sql{
    "fasting_admin.lock_stages",
    "SELECT pg_advisory_xact_lock(hashtextextended('fasting.stages', 0))"};

constexpr pg::statement all_sql{"fasting_admin.all_stages", "SELECT " UGOKI_STAGE_COLUMNS R"(
FROM fasting_stages f ORDER BY f.starts_at_hours, f.id)"};

// $1 slug, $2 name, $3 start (s), $4 end (s or NULL), $5 summary, $6 description, $7 source,
// $8 disclaimer, $9 active, $10 translations, $11 actor, $12 request id. A taken slug inserts
// nothing.
constexpr pg::statement insert_sql{"fasting_admin.insert_stage", R"(
WITH after AS (
  INSERT INTO fasting_stages (slug, name, starts_at_hours, ends_at_hours, summary, description,
                              source, disclaimer, is_active, translations)
  VALUES ($1, $2, $3::int8 / 3600.0, $4::int8 / 3600.0, $5, $6, $7, $8, $9::bool, $10::jsonb)
  ON CONFLICT (slug) DO NOTHING
  RETURNING *)
SELECT )" UGOKI_STAGE_COLUMNS R"(,
       admin_audit($11::uuid, 'fasting.stage', f.id::text, 'create', NULL,
                   )" UGOKI_STAGE_AUDIT_ROW("f") R"(, $12)
FROM after f)"};

// $1 id, $2..$9 as insert's (name .. active), $10 the translations patch, $11 actor,
// $12 request id, $13 the action.
constexpr pg::statement write_sql{"fasting_admin.write_stage", R"(
WITH before AS (SELECT )" UGOKI_STAGE_AUDIT_ROW("f") R"( AS j FROM fasting_stages f
                 WHERE f.id = $1::uuid),
     after AS (
       UPDATE fasting_stages
          SET name = $2, starts_at_hours = $3::int8 / 3600.0,
              ends_at_hours = $4::int8 / 3600.0, summary = $5, description = $6, source = $7,
              disclaimer = $8, is_active = $9::bool,
              translations = jsonb_strip_nulls(translations || $10::jsonb)
        WHERE id = $1::uuid
       RETURNING *)
SELECT )" UGOKI_STAGE_COLUMNS R"(,
       admin_audit($11::uuid, 'fasting.stage', $1::text, $13, (SELECT j FROM before),
                   )" UGOKI_STAGE_AUDIT_ROW("f") R"(, $12)
FROM after f)"};

#undef UGOKI_STAGE_AUDIT_ROW
#undef UGOKI_STAGE_COLUMNS

admin_stage read_stage(const pg::row& r) {
  admin_stage out;
  stage& s = out.s;
  out.id = r.get<std::string>(0);
  s.slug = r.get<std::string>(1);
  s.name = r.get<std::string>(2);
  s.starts_after_seconds = r.get<std::int64_t>(3);
  s.ends_after_seconds = r.get<std::optional<std::int64_t>>(4);
  s.summary = r.get<std::string>(5);
  s.description = r.get<std::string>(6);
  s.source = r.get<std::string>(7);
  s.disclaimer = r.get<std::string>(8);
  out.active = r.get<bool>(9);
  out.version = r.get<std::int64_t>(10);
  s.translations_json = r.get<std::string>(11);
  out.updated_at = r.get<std::string>(12);
  return out;
}

// name .. active, in the statements' order ($2..$9).
void add_fields(pg::params& args, const admin_stage& a) {
  const stage& s = a.s;
  args.add(s.name);
  args.add(s.starts_after_seconds);
  args.add(s.ends_after_seconds);
  args.add(s.summary);
  args.add(s.description);
  args.add(s.source);
  args.add(s.disclaimer);
  args.add(a.active);
}

}  // namespace

boost::asio::awaitable<stage_page> list_stages(pg::database& db, int page, int per_page) {
  std::vector<pg::command> commands;
  commands.push_back(
      {&list_sql, pg::params{std::int64_t{per_page}, std::int64_t{page - 1} * per_page}});
  commands.push_back({&count_sql, pg::params{}});
  auto results = co_await db.pipeline(commands);
  stage_page out;
  out.page = page;
  out.per_page = per_page;
  for (const auto& row : results[0]) {
    out.items.push_back(read_stage(row));
  }
  out.total = results[1][0].get<std::int64_t>(0);
  co_return out;
}

boost::asio::awaitable<std::optional<admin_stage>> find_stage(pg::database& db, std::string id) {
  auto rows = co_await db.query(find_sql, pg::params{id});
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_stage(rows[0]);
}

boost::asio::awaitable<std::vector<admin_stage>> lock_stages(pg::transaction& tx) {
  co_await tx.query(lock_sql);
  auto rows = co_await tx.query(all_sql);
  std::vector<admin_stage> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    out.push_back(read_stage(row));
  }
  co_return out;
}

boost::asio::awaitable<std::optional<admin_stage>> insert_stage(pg::transaction& tx,
                                                                const admin_stage& s,
                                                                const actor& who) {
  pg::params args{s.s.slug};
  add_fields(args, s);
  args.add(s.s.translations_json);
  args.add(who.user_id);
  args.add(who.request_id);
  auto rows = co_await tx.query(insert_sql, args);
  if (rows.empty()) {
    co_return std::nullopt;
  }
  co_return read_stage(rows[0]);
}

boost::asio::awaitable<admin_stage> write_stage(pg::transaction& tx, const admin_stage& s,
                                                std::string translations_patch, const actor& who,
                                                std::string action) {
  pg::params args{s.id};
  add_fields(args, s);
  args.add(std::move(translations_patch));
  args.add(who.user_id);
  args.add(who.request_id);
  args.add(std::move(action));
  auto rows = co_await tx.query(write_sql, args);
  co_return read_stage(rows[0]);
}

}  // namespace ugoki::fasting::admin_stage_store
