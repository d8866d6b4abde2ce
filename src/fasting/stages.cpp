// Stage and progress arithmetic of the fasting timer.
#include "fasting/stages.hpp"

#include <algorithm>

namespace ugoki::fasting {

namespace {

stage_mark mark(const stage& s, instant started_at) {
  stage_mark m;
  m.slug = s.slug;
  m.name = s.name;
  m.summary = s.summary;
  m.language = s.language;
  m.starts_at = started_at + std::chrono::seconds(s.starts_after_seconds);
  if (s.ends_after_seconds) {
    m.ends_at = started_at + std::chrono::seconds(*s.ends_after_seconds);
  }
  return m;
}

}  // namespace

timer_state compute_timer(const std::vector<stage>& stages, instant started_at,
                          instant target_end_at, instant now) {
  using std::chrono::duration_cast;
  using std::chrono::seconds;
  timer_state t;
  t.elapsed_seconds = std::max<std::int64_t>(0, duration_cast<seconds>(now - started_at).count());
  t.remaining_seconds =
      std::max<std::int64_t>(0, duration_cast<seconds>(target_end_at - now).count());
  // The store's CHECK keeps target_end_at > started_at; the guard only avoids a division by
  // zero if a row ever broke that.
  std::int64_t target = duration_cast<seconds>(target_end_at - started_at).count();
  t.progress =
      target > 0 ? static_cast<double>(t.elapsed_seconds) / static_cast<double>(target) : 1.0;
  for (const auto& s : stages) {
    if (s.starts_after_seconds <= t.elapsed_seconds) {
      t.current_stage = mark(s, started_at);
    } else {
      t.next_stage = mark(s, started_at);
      break;
    }
  }
  return t;
}

}  // namespace ugoki::fasting
