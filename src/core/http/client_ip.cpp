// CIDR matching (Asio's network_v4/network_v6) and the X-Forwarded-For walk behind
// client_ip_resolver.
#include "core/http/client_ip.hpp"

#include <charconv>
#include <stdexcept>

#include "core/text.hpp"

namespace ugoki::http {

namespace ip = boost::asio::ip;

std::optional<ip::address> parse_ip(std::string_view text) {
  text = ugoki::text::trim_ows(text);
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  if (text.empty() || text.size() > 64) {
    return std::nullopt;
  }
  boost::system::error_code ec;
  auto a = ip::make_address(std::string(text), ec);
  if (ec) {
    return std::nullopt;
  }
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return ip::address(ip::make_address_v4(ip::v4_mapped, a.to_v6()));
  }
  return a;
}

std::optional<ip_network> ip_network::parse(std::string_view text) {
  text = ugoki::text::trim_ows(text);
  const auto slash = text.find('/');
  auto address = parse_ip(text.substr(0, slash));
  if (!address) {
    return std::nullopt;
  }
  const unsigned max_prefix = address->is_v4() ? 32 : 128;
  unsigned prefix = max_prefix;
  if (slash != std::string_view::npos) {
    std::string_view p = text.substr(slash + 1);
    auto r = std::from_chars(p.data(), p.data() + p.size(), prefix);
    if (p.empty() || r.ec != std::errc{} || r.ptr != p.data() + p.size() || prefix > max_prefix) {
      return std::nullopt;
    }
  }
  // Host bits set ("10.0.0.1/8") means the author meant something else; refuse to guess.
  ip_network n;
  if (address->is_v4()) {
    ip::network_v4 net(address->to_v4(), static_cast<unsigned short>(prefix));
    if (net != net.canonical()) {
      return std::nullopt;
    }
    n.net_ = net;
  } else {
    ip::network_v6 net(address->to_v6(), static_cast<unsigned short>(prefix));
    if (net != net.canonical()) {
      return std::nullopt;
    }
    n.net_ = net;
  }
  return n;
}

bool ip_network::contains(const ip::address& address) const {
  ip::address a = address;
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    a = ip::make_address_v4(ip::v4_mapped, a.to_v6());
  }
  // The network of the same prefix around `a` is this one exactly when `a` lies in it.
  if (const auto* v4 = std::get_if<ip::network_v4>(&net_)) {
    return a.is_v4() && ip::network_v4(a.to_v4(), v4->prefix_length()).canonical() == *v4;
  }
  const auto& v6 = std::get<ip::network_v6>(net_);
  return a.is_v6() && ip::network_v6(a.to_v6(), v6.prefix_length()).canonical() == v6;
}

client_ip_resolver::client_ip_resolver(const std::vector<std::string>& trusted) {
  for (const auto& t : trusted) {
    auto n = ip_network::parse(t);
    if (!n) {
      throw std::invalid_argument("\"" + t +
                                  "\" is not an address or CIDR block (e.g. 10.0.0.0/8)");
    }
    trusted_.push_back(*n);
  }
}

bool client_ip_resolver::trusted(const ip::address& a) const {
  for (const auto& n : trusted_) {
    if (n.contains(a)) {
      return true;
    }
  }
  return false;
}

std::string client_ip_resolver::resolve(std::string_view peer,
                                        std::string_view forwarded_for) const {
  if (trusted_.empty() || forwarded_for.empty()) {
    return std::string(peer);
  }
  auto hop = parse_ip(peer);
  if (!hop || !trusted(*hop)) {
    return std::string(peer);
  }
  // Walk right to left: each entry was appended by the hop to its right, which we trust.
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    auto comma = rest.rfind(',');
    std::string_view entry = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    if (ugoki::text::trim_ows(entry).empty()) {
      continue;
    }
    auto a = parse_ip(entry);
    if (!a) {
      break;  // garbage from further left; the last good hop is the best we know
    }
    hop = a;
    if (!trusted(*a)) {
      break;
    }
  }
  return hop->to_string();
}

}  // namespace ugoki::http
