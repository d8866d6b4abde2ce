// The client's address: the TCP peer, or X-Forwarded-For when the peer is a trusted proxy.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ugoki::http {

// An IPv4 or IPv6 network in CIDR notation ("10.0.0.0/8", "fd00::/8"); a bare address is a /32
// or /128. IPv4-mapped IPv6 addresses ("::ffff:10.1.2.3") count as their IPv4 address.
class ip_network {
 public:
  // Parses "address/prefix" or "address". Returns nullopt for anything else: a bad address, a
  // prefix out of range (over 32 for IPv4, 128 for IPv6), or host bits set ("10.0.0.1/8"), which
  // is almost always a typo in a proxy list.
  static std::optional<ip_network> parse(std::string_view text);

  // Whether `address` lies in this network. Never throws.
  bool contains(const boost::asio::ip::address& address) const;

 private:
  std::variant<boost::asio::ip::network_v4, boost::asio::ip::network_v6> net_;
};

// Parses an address as it appears in X-Forwarded-For or from the socket: "1.2.3.4", "2001:db8::1"
// or "[2001:db8::1]" (a port is not accepted), with IPv4-mapped IPv6 unmapped. nullopt otherwise.
std::optional<boost::asio::ip::address> parse_ip(std::string_view text);

// Finds the client address of a request. X-Forwarded-For is believed only when the TCP peer is
// one of the trusted proxies; a client talking to us directly could write anything there.
class client_ip_resolver {
 public:
  // `trusted` holds CIDR strings (UGOKI_TRUSTED_PROXIES). Throws std::invalid_argument naming the
  // first entry ip_network::parse rejects.
  explicit client_ip_resolver(const std::vector<std::string>& trusted = {});

  // The client address for a request from `peer` whose X-Forwarded-For values, joined by commas
  // in header order, are `forwarded_for` (empty when absent). When the peer is trusted, walks
  // the list from the right (each proxy appends the address it saw) past trusted proxies and
  // returns the first address that is not one: the rightmost hop no trusted proxy vouches for
  // is the client. An unparseable entry ends the walk at the last good hop. Without trusted
  // proxies, or for an untrusted peer, returns `peer` as given.
  std::string resolve(std::string_view peer, std::string_view forwarded_for) const;

  bool empty() const { return trusted_.empty(); }

 private:
  bool trusted(const boost::asio::ip::address& a) const;

  std::vector<ip_network> trusted_;
};

}  // namespace ugoki::http
