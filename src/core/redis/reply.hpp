// redis::reply: one RESP2 reply as a plain value type, independent of hiredis structs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ugoki::redis {

enum class reply_type { string, status, integer, nil, array, error };

class reply {
 public:
  // A default reply is nil.
  reply() = default;

  // Factories used by the RESP reader and by tests; never throw except std::bad_alloc.
  static reply make_string(std::string s);
  static reply make_status(std::string s);
  static reply make_error(std::string s);
  static reply make_integer(std::int64_t v);
  static reply make_nil();
  static reply make_array(std::vector<reply> elements);

  // The RESP2 type; never throws. is_nil: a missing key or value; is_error: an error reply.
  reply_type type() const { return type_; }
  bool is_nil() const { return type_ == reply_type::nil; }
  bool is_error() const { return type_ == reply_type::error; }

  // The bytes of a string (binary-safe), the text of a status or of an error reply.
  // Throws std::logic_error for any other type: asking for it is a caller bug.
  const std::string& str() const;
  // The value of an integer reply. Throws std::logic_error for any other type.
  std::int64_t integer() const;
  // The elements of an array reply. Throws std::logic_error for any other type.
  const std::vector<reply>& elements() const;

  // Throws redis::error with the server's message when this is an error reply; else returns
  // *this, so `(co_await c.command({...})).throw_if_error().str()` reads in one line.
  const reply& throw_if_error() const;

 private:
  reply_type type_ = reply_type::nil;
  std::string str_;
  std::int64_t integer_ = 0;
  std::vector<reply> elements_;
};

// "string", "status", ... for logs and test messages.
const char* to_string(reply_type t);

}  // namespace ugoki::redis
