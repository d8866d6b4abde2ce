// Named SQL statements and their text-format parameters, as every module's store.cpp writes them.
#pragma once

#include <charconv>
#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace ugoki::pg {

// One SQL statement. `name` is the prepared-statement name (unique per SQL text across the whole
// program) and the log label; an empty name runs the SQL unprepared. Declare as constexpr.
struct statement {
  std::string_view name;
  std::string_view sql;
};

// First in a pipeline (one implicit transaction) whose statements render timestamptz as text,
// e.g. a module's data export: the values then read "+00:00" whatever the server's TimeZone.
// SET LOCAL semantics: the setting ends with that transaction.
inline constexpr statement utc_for_this_transaction{"pg.utc_for_this_transaction",
                                                    "SELECT set_config('TimeZone', 'UTC', true)"};

// Positional parameters ($1, $2, ...), always sent in text format so the server infers types from
// the statement. Supports strings, integers, double, bool, std::nullopt and std::optional of those
// (an empty optional binds NULL). Values are never logged.
class params {
 public:
  params() = default;

  // params p{a, b, c}: binds each argument in order.
  template <class... Ts>
  requires(sizeof...(Ts) > 0 &&
           !(sizeof...(Ts) == 1 && (std::is_same_v<std::remove_cvref_t<Ts>, params> && ...)))
      params(Ts&&... values) {  // NOLINT: implicit on purpose, so {a, b} reads naturally
    values_.reserve(sizeof...(Ts));
    (add(std::forward<Ts>(values)), ...);
  }

  // Appends one parameter; see the class comment for the accepted types.
  template <class T>
  params& add(T&& value) {
    using U = std::remove_cvref_t<T>;
    if constexpr (std::is_same_v<U, std::nullopt_t>) {
      values_.emplace_back(std::nullopt);
    } else if constexpr (is_optional<U>::value) {
      if (value.has_value()) {
        add(*std::forward<T>(value));
      } else {
        values_.emplace_back(std::nullopt);
      }
    } else if constexpr (std::is_same_v<U, bool>) {
      values_.emplace_back(value ? "true" : "false");
    } else if constexpr (std::is_same_v<U, char>) {
      static_assert(!sizeof(U), "pg::params: bind a char as a std::string_view");
    } else if constexpr (std::is_integral_v<U>) {
      char buf[24];
      auto end = std::to_chars(buf, buf + sizeof buf, value).ptr;
      values_.emplace_back(std::string(buf, end));
    } else if constexpr (std::is_same_v<U, double> || std::is_same_v<U, float>) {
      values_.emplace_back(format_double(static_cast<double>(value)));
    } else if constexpr (std::is_convertible_v<T, std::string_view>) {
      if constexpr (std::is_pointer_v<U>) {
        // A null const char* binds NULL rather than crashing in string_view's constructor.
        if (value == nullptr) {
          values_.emplace_back(std::nullopt);
          return *this;
        }
      }
      values_.emplace_back(std::string(std::string_view(value)));
    } else {
      static_assert(!sizeof(U), "pg::params: unsupported parameter type");
    }
    return *this;
  }

  std::size_t size() const { return values_.size(); }
  bool empty() const { return values_.empty(); }
  // The text of parameter i, or nullopt for NULL (used by the connection to build libpq arrays).
  const std::optional<std::string>& at(std::size_t i) const { return values_[i]; }

 private:
  template <class T>
  struct is_optional : std::false_type {};
  template <class T>
  struct is_optional<std::optional<T>> : std::true_type {};

  // Shortest text that reads back to the same double; NaN and infinities in PostgreSQL's spelling.
  static std::string format_double(double v);

  std::vector<std::optional<std::string>> values_;
};

// A PostgreSQL array literal of UUIDs, "{id1,id2}", to bind to a `$n::uuid[]` parameter. The ids
// must be UUIDs (ids read from the database); nothing is quoted.
inline std::string uuid_array(const std::vector<std::string>& ids) {
  std::string out = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    out += ids[i];
  }
  out += '}';
  return out;
}

}  // namespace ugoki::pg
