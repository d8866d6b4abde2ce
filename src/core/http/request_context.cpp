// request_context: typed access to the parts of a Beast request that handlers need.
#include "core/http/request_context.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <cctype>

#include "core/http/detail/raw_request.hpp"
#include "core/json.hpp"

namespace ugoki::http {

namespace bhttp = boost::beast::http;

namespace {

verb to_verb(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get:
      return verb::get;
    case bhttp::verb::head:
      return verb::head;
    case bhttp::verb::post:
      return verb::post;
    case bhttp::verb::put:
      return verb::put;
    case bhttp::verb::patch:
      return verb::patch;
    case bhttp::verb::delete_:
      return verb::delete_;
    case bhttp::verb::options:
      return verb::options;
    default:
      return verb::unknown;
  }
}

}  // namespace

std::string_view to_string(verb v) {
  switch (v) {
    case verb::get:
      return "GET";
    case verb::head:
      return "HEAD";
    case verb::post:
      return "POST";
    case verb::put:
      return "PUT";
    case verb::patch:
      return "PATCH";
    case verb::delete_:
      return "DELETE";
    case verb::options:
      return "OPTIONS";
    case verb::unknown:
      break;
  }
  return "UNKNOWN";
}

verb parse_verb(std::string_view method) {
  return to_verb(bhttp::string_to_verb(boost::beast::string_view{method.data(), method.size()}));
}

request_context::request_context(const raw_request& raw, std::string request_id,
                                 std::string client_ip)
    : raw_(raw),
      method_(to_verb(raw.message.method())),
      request_id_(std::move(request_id)),
      client_ip_(std::move(client_ip)),
      received_at_(std::chrono::system_clock::now()) {
  std::string_view target{raw.message.target().data(), raw.message.target().size()};
  auto q = target.find('?');
  path_ = target.substr(0, q);
  if (q != std::string_view::npos) {
    query_ = target.substr(q + 1);
  }
}

std::string_view request_context::body() const {
  return raw_.message.body();
}

std::string_view request_context::body_file() const {
  return raw_.body_file;
}

std::string_view request_context::header(std::string_view name) const {
  auto it = raw_.message.find(boost::beast::string_view{name.data(), name.size()});
  if (it == raw_.message.end()) {
    return {};
  }
  return {it->value().data(), it->value().size()};
}

std::size_t request_context::header_count(std::string_view name) const {
  return raw_.message.count(boost::beast::string_view{name.data(), name.size()});
}

std::string_view request_context::path_param(std::string_view name) const {
  for (const auto& [key, value] : params_) {
    if (key == name) {
      return value;
    }
  }
  return {};
}

result<std::string> request_context::path_uuid(std::string_view name) const {
  std::string id(path_param(name));
  if (!json::is_uuid(id)) {
    return validation({{std::string(name), "must be a UUID"}});
  }
  for (auto& c : id) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return id;
}

std::optional<std::string> request_context::query_param(std::string_view name) const {
  if (query_.empty()) {
    return std::nullopt;
  }
  // Boost.URL does the percent-decoding; a malformed query yields "absent", which every
  // caller validates anyway.
  std::string origin = "/?";
  origin.append(query_);
  auto parsed = boost::urls::parse_origin_form(origin);
  if (!parsed) {
    return std::nullopt;
  }
  auto params = parsed->params();
  auto it = params.find(boost::core::string_view{name.data(), name.size()});
  if (it == params.end()) {
    return std::nullopt;
  }
  return std::string((*it).value);
}

void request_context::set_path_param(std::size_t index, std::string_view name,
                                     std::string_view value) {
  if (index < params_.size()) {
    params_[index] = {name, value};
  }
}

}  // namespace ugoki::http
