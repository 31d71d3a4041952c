#include <gtest/gtest.h>

#include "http/forwarded.hpp"

namespace skydda::http {
namespace {

std::vector<AddressRange> ranges(std::string_view list) {
    auto parsed = parse_address_ranges(list);
    EXPECT_TRUE(parsed) << list;
    return parsed.value_or(std::vector<AddressRange>{});
}

TEST(Forwarded, HeaderFromAnUntrustedPeerIsIgnored) {
    EXPECT_EQ(client_address("203.0.113.9", "10.1.1.1", {}), "203.0.113.9");
    EXPECT_EQ(client_address("203.0.113.9", "10.1.1.1", ranges("127.0.0.1")), "203.0.113.9");
}

TEST(Forwarded, TrustedProxyGivesTheRightmostUntrustedHop) {
    auto proxies = ranges("127.0.0.1, 10.0.0.0/8");
    EXPECT_EQ(client_address("127.0.0.1", "198.51.100.7", proxies), "198.51.100.7");
    // A client that writes its own header cannot choose its address: the proxy appends the real one.
    EXPECT_EQ(client_address("127.0.0.1", "1.2.3.4, 198.51.100.7", proxies), "198.51.100.7");
    // Hops through several trusted proxies are skipped.
    EXPECT_EQ(client_address("127.0.0.1", "198.51.100.7, 10.2.3.4", proxies), "198.51.100.7");
    EXPECT_EQ(client_address("127.0.0.1", "10.9.9.9, 10.2.3.4", proxies), "10.9.9.9");
    EXPECT_EQ(client_address("127.0.0.1", "", proxies), "127.0.0.1");
    EXPECT_EQ(client_address("127.0.0.1", "garbage, 10.2.3.4", proxies), "10.2.3.4");
    EXPECT_EQ(client_address("::ffff:127.0.0.1", "198.51.100.7:5555", proxies), "198.51.100.7");
}

TEST(Forwarded, RangesParseIpv4Ipv6AndRefuseGarbage) {
    auto proxies = ranges("192.168.0.0/16 2001:db8::/32 ::1");
    EXPECT_EQ(proxies.size(), 3u);
    EXPECT_EQ(client_address("192.168.77.1", "198.51.100.7", proxies), "198.51.100.7");
    EXPECT_EQ(client_address("192.169.0.1", "198.51.100.7", proxies), "192.169.0.1");
    EXPECT_EQ(client_address("2001:db8::5", "2001:db9::1", proxies), "2001:db9::1");
    EXPECT_EQ(client_address("::1", "198.51.100.7", proxies), "198.51.100.7");
    std::string bad;
    EXPECT_FALSE(parse_address_ranges("10.0.0.1, proxy.example.se", &bad));
    EXPECT_EQ(bad, "proxy.example.se");
    EXPECT_FALSE(parse_address_ranges("10.0.0.0/33", &bad));
    EXPECT_FALSE(parse_address_ranges("10.0.0.0/", &bad));
    EXPECT_TRUE(parse_address_ranges(""));
}

} // namespace
} // namespace skydda::http
