// The header under test comes first: it must be self-contained.
#include "core/http/client_ip.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace ugoki::http {
namespace {

TEST(ip_network, parses_cidr_blocks_and_bare_addresses) {
  auto net = ip_network::parse("10.0.0.0/8");
  ASSERT_TRUE(net);
  EXPECT_TRUE(net->contains(*parse_ip("10.255.1.2")));
  EXPECT_FALSE(net->contains(*parse_ip("11.0.0.1")));
  EXPECT_FALSE(net->contains(*parse_ip("::1")));

  auto host = ip_network::parse("192.0.2.7");
  ASSERT_TRUE(host);
  EXPECT_TRUE(host->contains(*parse_ip("192.0.2.7")));
  EXPECT_FALSE(host->contains(*parse_ip("192.0.2.8")));

  auto v6 = ip_network::parse("fd00::/8");
  ASSERT_TRUE(v6);
  EXPECT_TRUE(v6->contains(*parse_ip("fd12:3456::1")));
  EXPECT_FALSE(v6->contains(*parse_ip("fe80::1")));

  auto odd = ip_network::parse("172.16.0.0/12");
  ASSERT_TRUE(odd);
  EXPECT_TRUE(odd->contains(*parse_ip("172.31.255.255")));
  EXPECT_FALSE(odd->contains(*parse_ip("172.32.0.0")));

  auto all = ip_network::parse("0.0.0.0/0");
  ASSERT_TRUE(all);
  EXPECT_TRUE(all->contains(*parse_ip("8.8.8.8")));
}

TEST(ip_network, ipv4_mapped_ipv6_counts_as_ipv4) {
  auto net = ip_network::parse("127.0.0.0/8");
  ASSERT_TRUE(net);
  EXPECT_TRUE(net->contains(boost::asio::ip::make_address("::ffff:127.0.0.1")));
  EXPECT_EQ(parse_ip("::ffff:10.1.2.3")->to_string(), "10.1.2.3");
}

TEST(ip_network, rejects_typos) {
  for (const char* bad : {"", "10.0.0.0/33", "10.0.0.1/8", "10.0.0.0/", "10.0.0.0/x", "fd00::/129",
                          "example.com", "10.0.0.0/8/8", "1.2.3.4:80"}) {
    EXPECT_FALSE(ip_network::parse(bad)) << bad;
  }
  EXPECT_THROW(client_ip_resolver({"10.0.0.0/8", "nope"}), std::invalid_argument);
}

TEST(client_ip, without_trusted_proxies_forwarded_for_is_ignored) {
  client_ip_resolver r;
  EXPECT_EQ(r.resolve("203.0.113.9", "1.1.1.1"), "203.0.113.9");
}

TEST(client_ip, an_untrusted_peer_cannot_spoof) {
  client_ip_resolver r({"10.0.0.0/8"});
  EXPECT_EQ(r.resolve("203.0.113.9", "1.1.1.1"), "203.0.113.9");
}

TEST(client_ip, trusted_proxy_chain_is_walked_from_the_right) {
  client_ip_resolver r({"10.0.0.0/8", "192.168.0.0/16"});
  // The client sent a fake entry; our proxies appended the real address and each other's.
  EXPECT_EQ(r.resolve("10.0.0.1", "6.6.6.6, 198.51.100.4, 192.168.1.1"), "198.51.100.4");
  EXPECT_EQ(r.resolve("10.0.0.1", "198.51.100.4"), "198.51.100.4");
  EXPECT_EQ(r.resolve("10.0.0.1", " 2001:db8::5 "), "2001:db8::5");
  EXPECT_EQ(r.resolve("10.0.0.1", "[2001:db8::5]"), "2001:db8::5");
  // No header: the proxy itself is all we know.
  EXPECT_EQ(r.resolve("10.0.0.1", ""), "10.0.0.1");
  // Only trusted hops: the leftmost is the best guess.
  EXPECT_EQ(r.resolve("10.0.0.1", "10.0.0.2, 10.0.0.3"), "10.0.0.2");
  // Garbage stops the walk at the last good hop.
  EXPECT_EQ(r.resolve("10.0.0.1", "198.51.100.4, garbage"), "10.0.0.1");
  EXPECT_EQ(r.resolve("10.0.0.1", "garbage, 10.0.0.9"), "10.0.0.9");
  EXPECT_EQ(r.resolve("10.0.0.1", "garbage, 198.51.100.7"), "198.51.100.7");
}

}  // namespace
}  // namespace ugoki::http
