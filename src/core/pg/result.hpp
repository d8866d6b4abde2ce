// Query results: a result owns the server's answer; a row is a cheap view of one of its rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/pg/error.hpp"

struct pg_result;  // libpq's PGresult, kept out of every header but core/pg's .cpp files

namespace ugoki::pg {

// A timestamptz column read from PostgreSQL's own text form ("2026-11-26 05:44:11.123456+00";
// every connection runs with TimeZone=UTC and DateStyle=ISO): microseconds since the Unix epoch.
// Cheaper for the server than converting in SQL: extract(epoch) is numeric arithmetic and
// to_char slower still, and the database core is the one the benchmarks run out of.
struct timestamp_us {
  std::int64_t value = 0;
};

// One row of a result. Valid while the result it came from is alive. Column indexes are 0-based.
class row {
 public:
  row(const ::pg_result* res, int index) : res_(res), index_(index) {}

  // Number of columns.
  int size() const;
  // True when the value in column `col` is SQL NULL. Throws pg::error for a bad column index.
  bool is_null(int col) const;
  // The raw text of column `col` ("" for NULL). Throws pg::error for a bad column index.
  std::string_view text(int col) const;
  // Index of the column named `name`; throws pg::error when there is none.
  int column(std::string_view name) const;

  // Reads column `col` as T: std::string, std::string_view (valid while the result lives), int,
  // std::int64_t, double, bool, timestamp_us, or std::optional of those (NULL reads as nullopt).
  // Throws pg::error on NULL into a non-optional, or on text that does not parse as T.
  template <class T>
  T get(int col) const {
    if constexpr (is_optional<T>::value) {
      if (is_null(col)) {
        return std::nullopt;
      }
      return get<typename T::value_type>(col);
    } else {
      if (is_null(col)) {
        throw_null(col);
      }
      return parse(text(col), static_cast<T*>(nullptr), col);
    }
  }
  // As get(int), by column name.
  template <class T>
  T get(std::string_view name) const {
    return get<T>(column(name));
  }

 private:
  template <class T>
  struct is_optional : std::false_type {};
  template <class T>
  struct is_optional<std::optional<T>> : std::true_type {};

  [[noreturn]] void throw_null(int col) const;
  std::string parse(std::string_view s, std::string*, int) const { return std::string(s); }
  std::string_view parse(std::string_view s, std::string_view*, int) const { return s; }
  int parse(std::string_view s, int*, int col) const;
  long parse(std::string_view s, long*, int col) const;
  long long parse(std::string_view s, long long*, int col) const;
  double parse(std::string_view s, double*, int col) const;
  bool parse(std::string_view s, bool*, int col) const;
  timestamp_us parse(std::string_view s, timestamp_us*, int col) const;

  const ::pg_result* res_;
  int index_;
};

// The rows of one statement (empty for commands without RETURNING). Cheap to move; shares the
// underlying server answer when copied.
class result {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = row;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = row;

    iterator() = default;
    iterator(const ::pg_result* res, int index) : res_(res), index_(index) {}
    row operator*() const { return row(res_, index_); }
    iterator& operator++() {
      ++index_;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++index_;
      return old;
    }
    bool operator==(const iterator& other) const { return index_ == other.index_; }

   private:
    const ::pg_result* res_ = nullptr;
    int index_ = 0;
  };

  result() = default;
  // Takes ownership of a libpq result (core/pg internal; PQclear runs when the last copy dies).
  explicit result(::pg_result* res);

  std::size_t size() const;
  bool empty() const { return size() == 0; }
  // Row i; no bounds check beyond libpq's (an out-of-range row reads as NULL).
  row operator[](std::size_t i) const { return row(res_.get(), static_cast<int>(i)); }
  iterator begin() const { return iterator(res_.get(), 0); }
  iterator end() const { return iterator(res_.get(), static_cast<int>(size())); }
  // Rows inserted, updated or deleted by the statement (0 for SELECT and utility commands).
  std::int64_t affected_rows() const;
  // The command tag ("INSERT 0 1", "COMMIT", ...); empty for a default-constructed result.
  std::string_view command_tag() const;

 private:
  std::shared_ptr<::pg_result> res_;
};

// The values of a column built with string_agg(value, E'\x1f'): the unit separator cannot occur
// in our text, so one text column carries a list without an array parser. "" is no values.
std::vector<std::string> split_aggregate(std::string_view joined);

}  // namespace ugoki::pg
