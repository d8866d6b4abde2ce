// The Beast message behind a request_context; seen only by the server and request_context.cpp.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string>

namespace ugoki::http {

struct raw_request {
  boost::beast::http::request<boost::beast::http::string_body> message;
  // For routes with a spool_dir: the file holding the body (message.body() is then empty).
  std::string body_file;
};

}  // namespace ugoki::http
