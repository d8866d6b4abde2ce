// Parsing and validation of Redis settings; errors name the problem, never the URL's secrets.
#include "core/redis/settings.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <charconv>
#include <stdexcept>

namespace ugoki::redis {
namespace {

[[noreturn]] void bad(const std::string& why) {
  throw std::invalid_argument("invalid Redis URL: " + why);
}

int parse_db(std::string_view path) {
  if (path.empty() || path == "/") {
    return 0;
  }
  std::string_view digits = path.substr(1);
  int db = -1;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), db);
  if (ec != std::errc{} || end != digits.data() + digits.size() || db < 0 || digits.empty()) {
    bad("the path must be a database number such as /0");
  }
  return db;
}

}  // namespace

endpoint parse_url(std::string_view url) {
  if (url.empty()) {
    bad("it is empty (expected redis://host:port or rediss://host:port)");
  }
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) {
    bad("it is not a URL (expected redis://[:password@]host[:port][/db])");
  }
  const boost::urls::url_view& u = *parsed;
  endpoint ep;
  if (u.scheme() == "redis") {
    ep.tls = false;
  } else if (u.scheme() == "rediss") {
    ep.tls = true;
  } else {
    bad("the scheme must be redis:// or rediss://");
  }
  if (!u.has_authority() || u.host().empty()) {
    bad("the host is missing");
  }
  // host_address() strips the brackets of an IPv6 literal, which the resolver wants bare.
  ep.host = u.host_address();
  if (u.has_port()) {
    // port_number() wraps silently above 65535, so parse the text.
    std::string_view text = u.port();
    unsigned port = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || port == 0 ||
        port > 65535) {
      bad("the port must be a number from 1 to 65535");
    }
    ep.port = static_cast<std::uint16_t>(port);
  }
  if (u.has_userinfo()) {
    ep.username = u.user();
    if (!u.has_password()) {
      // Ambiguous in the wild (user or password?), so refuse instead of guessing.
      bad("a user name needs a password (use redis://:password@host for a password alone)");
    }
    ep.password = u.password();
  }
  if (u.has_query() || u.has_fragment()) {
    bad("query strings and fragments are not supported");
  }
  ep.db = parse_db(u.encoded_path());
  return ep;
}

endpoint validate(const settings& s) {
  endpoint ep = parse_url(s.url);
  if (s.connect_timeout.count() <= 0) {
    throw std::invalid_argument("invalid Redis settings: connect timeout must be positive");
  }
  if (s.command_timeout.count() <= 0) {
    throw std::invalid_argument("invalid Redis settings: command timeout must be positive");
  }
  return ep;
}

}  // namespace ugoki::redis
