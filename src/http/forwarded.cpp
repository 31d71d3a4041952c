#include "http/forwarded.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace skydda::http {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// "[::1]:443", "1.2.3.4:5678" as some proxies write them → the address alone.
std::string_view strip_port(std::string_view hop) {
    if (hop.starts_with('[')) {
        auto close = hop.find(']');
        return close == std::string_view::npos ? hop : hop.substr(1, close - 1);
    }
    auto colon = hop.find(':');
    if (colon != std::string_view::npos && hop.find(':', colon + 1) == std::string_view::npos) return hop.substr(0, colon);
    return hop;
}

} // namespace

bool AddressRange::contains(const std::array<uint8_t, 16>& address) const {
    int full = prefix / 8, rest = prefix % 8;
    if (std::memcmp(bytes.data(), address.data(), static_cast<size_t>(full)) != 0) return false;
    if (rest == 0) return true;
    auto mask = static_cast<uint8_t>(0xFF << (8 - rest));
    return (bytes[static_cast<size_t>(full)] & mask) == (address[static_cast<size_t>(full)] & mask);
}

std::optional<std::array<uint8_t, 16>> parse_ip(std::string_view text) {
    std::string copy(trim(text));
    std::array<uint8_t, 16> out{};
    in_addr v4{};
    if (inet_pton(AF_INET, copy.c_str(), &v4) == 1) {
        out[10] = out[11] = 0xFF;
        std::memcpy(out.data() + 12, &v4, 4);
        return out;
    }
    in6_addr v6{};
    if (inet_pton(AF_INET6, copy.c_str(), &v6) == 1) {
        std::memcpy(out.data(), &v6, 16);
        return out;
    }
    return std::nullopt;
}

std::optional<std::vector<AddressRange>> parse_address_ranges(std::string_view list, std::string* bad) {
    std::vector<AddressRange> out;
    size_t i = 0;
    while (i < list.size()) {
        while (i < list.size() && (list[i] == ',' || list[i] == ' ' || list[i] == '\t')) ++i;
        size_t start = i;
        while (i < list.size() && list[i] != ',' && list[i] != ' ' && list[i] != '\t') ++i;
        auto entry = list.substr(start, i - start);
        if (entry.empty()) continue;
        auto slash = entry.find('/');
        auto address = parse_ip(entry.substr(0, slash));
        bool v4 = entry.substr(0, slash).find(':') == std::string_view::npos;
        AddressRange range;
        bool ok = address.has_value();
        if (ok) {
            range.bytes = *address;
            if (slash != std::string_view::npos) {
                auto digits = entry.substr(slash + 1);
                int prefix = -1;
                auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
                ok = !digits.empty() && ec == std::errc() && end == digits.data() + digits.size() && prefix >= 0 &&
                     prefix <= (v4 ? 32 : 128);
                range.prefix = v4 ? prefix + 96 : prefix;
            }
        }
        if (!ok) {
            if (bad) *bad = std::string(entry);
            return std::nullopt;
        }
        out.push_back(range);
    }
    return out;
}

std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<AddressRange>& trusted) {
    auto is_trusted = [&](const std::array<uint8_t, 16>& address) {
        for (const auto& range : trusted)
            if (range.contains(address)) return true;
        return false;
    };
    auto peer_address = parse_ip(peer);
    if (trusted.empty() || !peer_address || !is_trusted(*peer_address)) return std::string(peer);
    std::string client(peer);
    while (!forwarded_for.empty()) {
        auto comma = forwarded_for.rfind(',');
        auto hop = trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
        forwarded_for = comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
        if (hop.empty()) continue;
        auto address = parse_ip(strip_port(hop));
        if (!address) return client; // garbage written by a trusted proxy's client: stop at the proxy
        client = std::string(strip_port(hop));
        if (!is_trusted(*address)) return client;
    }
    return client;
}

} // namespace skydda::http
