// Validators for contact details, network addresses and travel documents.
#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "scan/validators.hpp"
#include "scan/identifier_ascii.hpp"
#include "util/text.hpp"

namespace skydda::scan {
namespace {

using ascii::is_digit, ascii::is_alpha, ascii::lower;


// Extensions of files that are often named "name@2x.png" and would otherwise pass as domains.
bool is_file_extension(std::string_view tld) {
    static constexpr std::array<std::string_view, 24> k_extensions{
        "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "tif", "tiff", "heic", "pdf",
        "css", "js", "json", "xml", "txt", "csv", "doc", "docx", "xls", "xlsx", "mp4", "html"};
    return std::find(k_extensions.begin(), k_extensions.end(), text::lower_ascii(tld)) != k_extensions.end();
}

bool domain_valid(std::string_view domain) {
    if (domain.empty() || domain.size() > 253) return false;
    size_t labels = 0, start = 0;
    while (start <= domain.size()) {
        size_t dot = domain.find('.', start);
        std::string_view label = domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
        for (char c : label)
            if (!is_alpha(c) && !is_digit(c) && c != '-') return false;
        ++labels;
        if (dot == std::string_view::npos) {
            bool letters = std::all_of(label.begin(), label.end(), is_alpha);
            return labels >= 2 && letters && label.size() >= 2 && !is_file_extension(label);
        }
        start = dot + 1;
    }
    return false;
}

} // namespace

bool email_valid(std::string_view address) {
    size_t at = address.find('@');
    if (at == std::string_view::npos || at == 0 || at > 64) return false;
    std::string_view local = address.substr(0, at);
    if (!std::all_of(local.begin(), local.end(), ascii::is_email_local)) return false;
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
    return domain_valid(address.substr(at + 1));
}

std::string email_normalised(std::string_view address) { return text::lower_ascii(address); }

namespace {

// Mobile numbers are 07[02369] + 7 digits; 020 (freephone), 077 (shared cost) and 0900/0939/
// 0944 (premium rate) are company services, not a person's number.
bool national_number_valid(std::string_view nsn) {
    if (nsn.size() < 7 || nsn.size() > 9 || nsn[0] == '0') return false;
    if (nsn[0] == '7') return nsn.size() == 9 && std::strchr("02369", nsn[1]) != nullptr;
    if (nsn.starts_with("20") || nsn.starts_with("900") || nsn.starts_with("939") || nsn.starts_with("944"))
        return false;
    return true;
}

} // namespace

std::optional<uint64_t> phone_e164(std::string_view written) {
    size_t pos = 0;
    bool international = false;
    if (written.starts_with("+46")) pos = 3, international = true;
    else if (written.starts_with("0046")) pos = 4, international = true;
    if (international && pos < written.size() && (written[pos] == ' ' || written[pos] == '-')) ++pos;
    std::string nsn;
    std::array<size_t, 8> groups{};
    size_t group_count = 0;
    char last_separator = 0;
    size_t separators = 0;
    bool hyphen = false;
    while (pos < written.size()) {
        size_t start = pos;
        while (pos < written.size() && is_digit(written[pos])) ++pos;
        if (pos == start || group_count == groups.size()) return std::nullopt;
        groups[group_count++] = pos - start;
        nsn.append(written.substr(start, pos - start));
        if (pos == written.size()) break;
        if (written[pos] != ' ' && written[pos] != '-') return std::nullopt;
        last_separator = written[pos];
        hyphen = hyphen || last_separator == '-';
        ++separators;
        ++pos;
    }
    if (group_count == 0) return std::nullopt;
    if (!international) {
        if (nsn.size() < 2 || nsn[0] != '0') return std::nullopt;
        nsn.erase(0, 1);
    }
    if (group_count > 1) {
        size_t first = groups[0] + (international ? 1 : 0); // counted with the trunk 0
        if (first < 2 || first > 4) return std::nullopt;
        for (size_t i = 1; i < group_count; ++i)
            if (groups[i] < 2) return std::nullopt;
        // "010101-1234" is written like a personnummer, not a phone number.
        if (group_count == 2 && separators == 1 && last_separator == '-' && groups[0] == 6 && groups[1] == 4)
            return std::nullopt;
        // Without a hyphen after the area code only the Swedish grouping (pairs and triples,
        // ending in a pair: "08 123 45 67") reads as a number; "041 117 132" is a table.
        if (!hyphen) {
            for (size_t i = 1; i < group_count; ++i)
                if (groups[i] > 3) return std::nullopt;
            if (groups[group_count - 1] != 2) return std::nullopt;
        }
    }
    if (!national_number_valid(nsn)) return std::nullopt;
    uint64_t value = 46;
    for (char c : nsn) value = value * 10 + static_cast<uint64_t>(c - '0');
    return value;
}

std::optional<uint32_t> parse_ipv4(std::string_view text) {
    uint32_t address = 0;
    size_t pos = 0;
    for (int octet = 0; octet < 4; ++octet) {
        if (octet > 0) {
            if (pos >= text.size() || text[pos] != '.') return std::nullopt;
            ++pos;
        }
        size_t start = pos;
        unsigned value = 0;
        while (pos < text.size() && is_digit(text[pos]) && pos - start < 3) value = value * 10 + static_cast<unsigned>(text[pos++] - '0');
        size_t length = pos - start;
        if (length == 0 || value > 255 || (length > 1 && text[start] == '0')) return std::nullopt;
        address = address << 8 | value;
    }
    if (pos != text.size()) return std::nullopt;
    uint32_t first = address >> 24;
    if (first == 0 || first == 127 || first >= 240) return std::nullopt; // this host, loopback, reserved
    // Section and version numbers ("23.2.2.1", "1.16.4.3") have small parts; a public address
    // has all four below 32 about 1 time in 500. Private 10.x networks stay (logs are full of them).
    if (first != 10 && (address & 0xE0E0E0E0u) == 0) return std::nullopt;
    return address;
}

std::optional<std::string> canonical_ipv6(std::string_view text) {
    if (text.size() < 3 || text.size() > 45) return std::nullopt;
    std::array<char, 46> input{};
    std::memcpy(input.data(), text.data(), text.size());
    std::array<unsigned char, 16> address{};
    if (inet_pton(AF_INET6, input.data(), address.data()) != 1) return std::nullopt;
    bool zero_prefix = std::all_of(address.begin(), address.end() - 1, [](unsigned char b) { return b == 0; });
    if (zero_prefix && address[15] <= 1) return std::nullopt; // "::" and "::1"
    // At least two written groups: "b::" or "::a" are option syntax ("-B::") far more often.
    size_t groups = 0;
    for (size_t i = 0; i < text.size(); ++i)
        if (text[i] != ':' && (i == 0 || text[i - 1] == ':')) ++groups;
    if (groups < 2) return std::nullopt;
    std::array<char, INET6_ADDRSTRLEN> output{};
    if (inet_ntop(AF_INET6, address.data(), output.data(), output.size()) == nullptr) return std::nullopt;
    return std::string(output.data());
}

bool mrz_td3_line2_valid(std::string_view line) {
    if (line.size() != 44) return false;
    for (char c : line)
        if (!is_digit(c) && !ascii::is_upper(c) && c != '<') return false;
    auto check = [&](size_t from, size_t length, size_t at) {
        return is_digit(line[at]) && mrz_check_digit(line.substr(from, length)) == line[at] - '0';
    };
    if (line[0] == '<') return false; // a document number is required
    if (!check(0, 9, 9) || !check(13, 6, 19) || !check(21, 6, 27)) return false;
    if (line[42] != '<' && !check(28, 14, 42)) return false;
    std::string composite(line.substr(0, 10));
    composite.append(line.substr(13, 7));
    composite.append(line.substr(21, 22));
    return is_digit(line[43]) && mrz_check_digit(composite) == line[43] - '0';
}

} // namespace skydda::scan
