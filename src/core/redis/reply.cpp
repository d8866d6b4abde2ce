// redis::reply accessors; wrong-type access is a caller bug and throws std::logic_error.
#include "core/redis/reply.hpp"

#include <stdexcept>
#include <utility>

#include "core/redis/errors.hpp"

namespace ugoki::redis {

reply reply::make_string(std::string s) {
  reply r;
  r.type_ = reply_type::string;
  r.str_ = std::move(s);
  return r;
}

reply reply::make_status(std::string s) {
  reply r = make_string(std::move(s));
  r.type_ = reply_type::status;
  return r;
}

reply reply::make_error(std::string s) {
  reply r = make_string(std::move(s));
  r.type_ = reply_type::error;
  return r;
}

reply reply::make_integer(std::int64_t v) {
  reply r;
  r.type_ = reply_type::integer;
  r.integer_ = v;
  return r;
}

reply reply::make_nil() {
  return reply{};
}

reply reply::make_array(std::vector<reply> elements) {
  reply r;
  r.type_ = reply_type::array;
  r.elements_ = std::move(elements);
  return r;
}

const std::string& reply::str() const {
  if (type_ != reply_type::string && type_ != reply_type::status && type_ != reply_type::error) {
    throw std::logic_error(std::string("redis reply is ") + to_string(type_) + ", not a string");
  }
  return str_;
}

std::int64_t reply::integer() const {
  if (type_ != reply_type::integer) {
    throw std::logic_error(std::string("redis reply is ") + to_string(type_) + ", not an integer");
  }
  return integer_;
}

const std::vector<reply>& reply::elements() const {
  if (type_ != reply_type::array) {
    throw std::logic_error(std::string("redis reply is ") + to_string(type_) + ", not an array");
  }
  return elements_;
}

const reply& reply::throw_if_error() const {
  if (type_ == reply_type::error) {
    throw redis::error(str_);
  }
  return *this;
}

const char* to_string(reply_type t) {
  switch (t) {
    case reply_type::string:
      return "string";
    case reply_type::status:
      return "status";
    case reply_type::integer:
      return "integer";
    case reply_type::nil:
      return "nil";
    case reply_type::array:
      return "array";
    case reply_type::error:
      return "error";
  }
  return "unknown";
}

}  // namespace ugoki::redis
