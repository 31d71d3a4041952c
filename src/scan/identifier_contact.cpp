// The recognisers of contact details, network addresses and travel documents: phone numbers,
// IPv4 addresses, e-mail addresses, IPv6 addresses and the machine-readable zone of a passport.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "scan/identifier_pass.hpp"

namespace skydda::scan::identifier_detail {

// Phone numbers: all of the cluster's groups make one number, so the middle of a longer
// grouped number never reads as one; or, when more digits follow, a prefix in the
// canonical "area code-rest" grouping ("070-174 06 05", "08-465 050 05").
std::optional<size_t> Pass::phone(const Cluster& c, size_t begin) {
    if (follows_group(begin)) return std::nullopt;
    if (m_text[c.begin[0]] == '0' && at(c.begin[0] + 1) == '0' && !m_text.substr(c.begin[0]).starts_with("0046"))
        return std::nullopt;
    size_t groups = c.count;
    for (size_t i = 1; i < c.count; ++i)
        if (c.separator[i] == '+') groups = std::min(groups, i);
    if (groups == c.count) {
        if (auto end = phone_groups(c, begin, groups)) return end;
    }
    for (size_t k = groups; k >= 3; --k) {
        if (k == c.count || c.separator[k] != ' ' || !canonical_phone_grouping(c, k)) continue;
        if (auto end = phone_groups(c, begin, k)) return end;
    }
    return std::nullopt;
}

bool Pass::canonical_phone_grouping(const Cluster& c, size_t k) {
    if (c.separator[1] != '-' || c.length(k - 1) != 2) return false;
    for (size_t i = 2; i < k; ++i)
        if (c.separator[i] != ' ' || c.length(i) < 2 || c.length(i) > 3) return false;
    return c.length(1) >= 2 && c.length(1) <= 3;
}

std::optional<size_t> Pass::phone_groups(const Cluster& c, size_t begin, size_t k) {
    size_t end = c.end[k - 1];
    if (c.digits(k) > 13 || !clean_end(end)) return std::nullopt;
    auto number = phone_e164(m_text.substr(begin, end - begin));
    if (!number) return std::nullopt;
    bool mobile = *number / 100'000'000 == 467; // 46 7X XXX XX XX
    if (k == 1 && begin == c.begin[0] && !mobile && !has_context(begin, context_phone))
        return std::nullopt; // an unseparated landline number looks like any order number
    return emit(Category::phone, *number, begin, end);
}

// "Git 1.7.12.1", "version 10.0.19041.1": four-part version numbers are valid addresses.
bool Pass::after_version_word(size_t pos) const {
    size_t start = pos > 24 ? pos - 24 : 0;
    std::string window;
    for (size_t i = start; i < pos; ++i) {
        char c = m_text[i];
        window += c == '\n' ? ' ' : ascii::lower(c);
    }
    for (std::string_view word : {"version", "release", "git ", "build", "firmware", "utgåva"})
        if (window.find(word) != std::string::npos) return true;
    return false;
}

size_t Pass::ipv4_end(size_t pos) const {
    size_t end = pos;
    while (end < m_text.size() && end - pos < 16 && (is_digit(m_text[end]) || m_text[end] == '.')) ++end;
    while (end > pos && m_text[end - 1] == '.') --end; // a full stop after the address
    return end;
}

std::optional<size_t> Pass::ipv4(size_t pos) {
    if (at(pos + 1) != '.' && at(pos + 2) != '.' && at(pos + 3) != '.') return std::nullopt;
    size_t end = ipv4_end(pos);
    if (!clean_end(end)) return std::nullopt;
    auto address = parse_ipv4(m_text.substr(pos, end - pos));
    if (!address || after_version_word(pos)) return std::nullopt;
    return emit(Category::ip_address, *address, pos, end);
}

// --- E-mail ---------------------------------------------------------------------------------

bool Pass::domain_char(char c) { return ascii::is_alnum(c) || c == '-' || c == '.'; }

size_t Pass::email(size_t pos) {
    size_t floor = std::max(m_last_end, pos > 64 ? pos - 64 : size_t{0});
    size_t begin = pos;
    while (begin > floor && ascii::is_email_local(m_text[begin - 1])) --begin;
    if (begin > 0 && (static_cast<unsigned char>(m_text[begin - 1]) >= 0x80 || m_text[begin - 1] == '@'))
        return pos + 1; // the local part continues in letters we do not accept
    if (begin > 0 && ascii::is_email_local(m_text[begin - 1])) return pos + 1; // longer than 64
    while (begin < pos && !ascii::is_alnum(m_text[begin]))
        ++begin;
    size_t end = pos + 1;
    while (end < m_text.size() && end - pos <= 254 && domain_char(m_text[end])) ++end;
    while (end > pos + 1 && (m_text[end - 1] == '.' || m_text[end - 1] == '-')) --end;
    if (begin == pos || is_word_byte(at(end)) || at(end) == '@') return pos + 1;
    std::string_view address = m_text.substr(begin, end - begin);
    if (!email_valid(address)) return pos + 1;
    return emit(Category::email, hash_key(email_normalised(address)), begin, end);
}

// --- IPv6 -------------------------------------------------------------------------------------

size_t Pass::ipv6(size_t pos) {
    bool hex_around = is_hex(before(pos)) || is_hex(at(pos + 1)) || at(pos + 1) == ':';
    if (!hex_around) return pos + 1;
    size_t floor = std::max(m_last_end, pos > 45 ? pos - 45 : size_t{0});
    size_t begin = pos;
    while (begin > floor && (is_hex(m_text[begin - 1]) || m_text[begin - 1] == ':')) --begin;
    size_t end = pos + 1;
    while (end < m_text.size() && end - begin < 46 && (is_hex(m_text[end]) || m_text[end] == ':' || m_text[end] == '.'))
        ++end;
    while (end > pos + 1 && m_text[end - 1] == '.') --end;
    if (is_word_byte(before(begin)) || before(begin) == '.' || is_word_byte(at(end)))
        return pos + 1;
    std::string_view candidate = m_text.substr(begin, end - begin);
    if (std::count(candidate.begin(), candidate.end(), ':') < 2) return pos + 1;
    auto canonical = canonical_ipv6(candidate);
    if (!canonical) return pos + 1;
    return emit(Category::ip_address, hash_key(*canonical), begin, end);
}

// --- ICAO 9303 TD3 machine-readable zone, second line ------------------------------------------

size_t Pass::mrz(size_t pos) {
    size_t run_end = pos;
    while (run_end < m_text.size() && m_text[run_end] == '<') ++run_end;
    if (run_end - pos < 2) return run_end;
    size_t line_begin = pos;
    while (line_begin > 0 && pos - line_begin < 44 && m_text[line_begin - 1] != '\n') --line_begin;
    size_t line_end = pos;
    while (line_end < m_text.size() && line_end - line_begin <= 44 && m_text[line_end] != '\n' &&
           m_text[line_end] != '\r')
        ++line_end;
    if (line_end - line_begin != 44 || (line_begin > 0 && m_text[line_begin - 1] != '\n')) return run_end;
    std::string_view line = m_text.substr(line_begin, 44);
    if (!mrz_td3_line2_valid(line)) return run_end;
    // The document number and nationality name the document.
    return emit(Category::id_document, hash_key(std::string("mrz") + std::string(line.substr(0, 13))), line_begin,
                line_end);
}

} // namespace skydda::scan::identifier_detail
