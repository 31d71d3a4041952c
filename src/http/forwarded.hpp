// The client's address behind reverse proxies: X-Forwarded-For is believed only from peers
// the operator trusts (config key trusted_proxies), and read from the right, so that a client
// cannot choose its own address by sending the header itself.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skydda::http {

// An address or a CIDR range; IPv4 is held as IPv4-mapped IPv6 (::ffff:a.b.c.d).
struct AddressRange {
    std::array<uint8_t, 16> bytes{};
    int prefix = 128;
    bool contains(const std::array<uint8_t, 16>& address) const;
};

std::optional<std::array<uint8_t, 16>> parse_ip(std::string_view text);
// "10.0.0.1, 192.168.0.0/16 ::1" (commas and/or spaces). nullopt: the entry at `bad` is wrong.
std::optional<std::vector<AddressRange>> parse_address_ranges(std::string_view list, std::string* bad = nullptr);

// The client address of a request from TCP peer `peer` with the X-Forwarded-For value
// `forwarded_for` (repeated headers joined by ", "): the peer itself unless it is trusted;
// then the rightmost X-Forwarded-For hop that is not a trusted proxy. When every hop is
// trusted, the leftmost; when a hop does not parse as an address, the trusted hop after it.
std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<AddressRange>& trusted);

} // namespace skydda::http
