// The identifier scanner: one forward pass. SSE2 skips bytes that cannot start a candidate
// (everything but digits, '@', ':' and '<'), 32 bytes per step; each interesting byte is
// handed to a small local parser that finds the candidate's extent and runs its validator.
// Letters before an IBAN's check digits and the '+' of "+46" are found by looking back from
// the first digit. Candidates never span lines; every read is bounds-checked.
#include "scan/identifiers.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <optional>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "scan/identifier_ascii.hpp"
#include "scan/identifier_context.hpp"

namespace skydda::scan {
namespace {

using ascii::is_digit, ascii::is_upper, ascii::is_hex, ascii::to_number;

// Letters, digits, '_' and any non-ASCII byte (a letter of a UTF-8 word): what glues a number
// into a longer token.
bool is_word_byte(char c) {
    return ascii::is_alnum(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool is_interesting(char c) { return is_digit(c) || c == ':' || c == '@' || c == '<'; }

// The next byte at or after `pos` that may start a candidate.
size_t next_interesting(std::string_view text, size_t pos) {
    const char* data = text.data();
    size_t size = text.size();
#if defined(__SSE2__)
    // Digits and ':' are 0x30..0x3A: shifted by 0x50 they become the signed bytes -128..-118.
    const __m128i bias = _mm_set1_epi8(0x50);
    const __m128i limit = _mm_set1_epi8(-117);
    const __m128i less = _mm_set1_epi8('<');
    const __m128i at = _mm_set1_epi8('@');
    auto hits = [&](__m128i v) {
        __m128i range = _mm_cmplt_epi8(_mm_add_epi8(v, bias), limit);
        return _mm_or_si128(range, _mm_or_si128(_mm_cmpeq_epi8(v, less), _mm_cmpeq_epi8(v, at)));
    };
    while (pos + 32 <= size) {
        __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i_u*>(data + pos));
        __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i_u*>(data + pos + 16));
        auto mask = static_cast<uint32_t>(_mm_movemask_epi8(hits(a))) |
                    static_cast<uint32_t>(_mm_movemask_epi8(hits(b))) << 16;
        if (mask != 0) return pos + static_cast<size_t>(__builtin_ctz(mask));
        pos += 32;
    }
#endif
    while (pos < size && !is_interesting(data[pos])) ++pos;
    return pos;
}

// Digit groups separated by single spaces, hyphens or pluses: "070-123 45 67", "850101-1234".
struct Cluster {
    static constexpr size_t k_max = 8;
    // Left uninitialised on purpose (this is built for every digit run); only the first
    // `count` entries are ever read.
    size_t count = 0;
    std::array<size_t, k_max> begin;
    std::array<size_t, k_max> end;
    std::array<char, k_max> separator; // separator[i]: the byte before group i (i > 0)
    size_t digits(size_t groups) const {
        size_t total = 0;
        for (size_t i = 0; i < groups; ++i) total += end[i] - begin[i];
        return total;
    }
    size_t length(size_t i) const { return end[i] - begin[i]; }
};

// A run this long is no identifier (card numbers have at most 19 digits): skip it whole.
constexpr size_t k_max_run = 24;

class Pass {
public:
    Pass(std::string_view text, const TextHints& hints, CivilDate today, std::vector<IdentifierMatch>& out)
        : m_text(text), m_hints(hints), m_today(today), m_out(out) {}

    void run() {
        size_t pos = 0;
        while ((pos = next_interesting(m_text, pos)) < m_text.size()) pos = dispatch(pos);
    }

private:
    std::string_view m_text;
    const TextHints& m_hints;
    CivilDate m_today;
    std::vector<IdentifierMatch>& m_out;
    size_t m_last_end = 0;
    // CSV column tracking, advanced lazily and only forward.
    size_t m_column_pos = 0;
    size_t m_column = 0;
    size_t m_line = 0;
    bool m_in_quotes = false;
    // The context words of the current line, a gate before the exact window test.
    size_t m_context_line_begin = 0;
    size_t m_context_line_end = 0;
    unsigned m_context_line_flags = 0;
    bool m_context_line_known = false;

    char at(size_t i) const { return i < m_text.size() ? m_text[i] : '\n'; }
    char before(size_t i) const { return i > 0 ? m_text[i - 1] : '\n'; }

    // Lines longer than this are not gated (the exact test still runs), so that the gate
    // costs at most a constant per candidate.
    static constexpr size_t k_max_gated_line = 4096;

    unsigned line_context(size_t pos) {
        if (!m_context_line_known || pos < m_context_line_begin || pos >= m_context_line_end) {
            size_t floor = m_context_line_known && pos >= m_context_line_end ? m_context_line_end : 0;
            floor = std::max(floor, pos > k_max_gated_line ? pos - k_max_gated_line : size_t{0});
            const char* data = m_text.data();
            auto* previous = static_cast<const char*>(memrchr(data + floor, '\n', pos - floor));
            size_t begin = previous != nullptr ? static_cast<size_t>(previous - data) + 1 : floor;
            size_t span = std::min(m_text.size() - pos, k_max_gated_line);
            auto* next = static_cast<const char*>(std::memchr(data + pos, '\n', span));
            size_t end = next != nullptr ? static_cast<size_t>(next - data) : pos + span;
            bool whole = (begin == 0 || m_text[begin - 1] == '\n') && (end == m_text.size() || m_text[end] == '\n');
            m_context_line_begin = begin;
            m_context_line_end = end;
            m_context_line_flags = whole ? context_in(m_text.substr(begin, end - begin)) : ~0u;
            m_context_line_known = true;
        }
        return m_context_line_flags;
    }

    // True when a context word of `flag` occurs before `pos` on its line, within the window.
    bool has_context(size_t pos, unsigned flag) {
        return (line_context(pos) & flag) != 0 && (context_before(m_text, pos) & flag) != 0;
    }

    size_t emit(Category category, uint64_t key, size_t begin, size_t end) {
        if (begin < m_last_end) return std::max(end, begin + 1);
        m_out.push_back({category, key, begin, end});
        m_last_end = end;
        return end;
    }

    size_t dispatch(size_t pos) {
        char c = m_text[pos];
        if (c == '@') return email(pos);
        if (c == ':') return ipv6(pos);
        if (c == '<') return mrz(pos);
        return digits(pos);
    }

    // --- Boundaries -------------------------------------------------------------------------

    // True when the identifier may end before `i`: no word byte follows, and no '-', '.' or
    // '+' that continues the number ("850101-1234-5", "1.2.3.4.5").
    bool clean_end(size_t i) const {
        if (i >= m_text.size()) return true;
        char c = m_text[i];
        if (is_word_byte(c)) return false;
        if ((c == '-' || c == '.' || c == '+' || c == '/') && is_digit(at(i + 1))) return false;
        return true;
    }

    // True when a number may start at `i`: not glued to a word and not the continuation of a
    // dotted, hyphenated or slashed number ("2026-11-30", "1.2.3", "10:30").
    bool clean_start(size_t i) const {
        char p = before(i);
        if (is_word_byte(p)) return false;
        bool joiner = p == '-' || p == '.' || p == '/' || p == ':' || p == '+';
        return !(joiner && i >= 2 && is_digit(m_text[i - 2]));
    }

    size_t column_of(size_t pos) {
        for (; m_column_pos < pos; ++m_column_pos) {
            char c = m_text[m_column_pos];
            if (c == '\n') {
                m_column = 0, m_in_quotes = false, ++m_line;
            } else if (c == '"') {
                m_in_quotes = !m_in_quotes;
            } else if (c == m_hints.delimiter && !m_in_quotes) {
                ++m_column;
            }
        }
        return m_column;
    }

    bool in_pin_column(size_t pos) {
        if (m_hints.delimiter == 0 || m_hints.pin_columns.empty()) return false;
        size_t column = column_of(pos);
        if (m_line == 0 && m_hints.has_header) return false;
        return std::find(m_hints.pin_columns.begin(), m_hints.pin_columns.end(), column) != m_hints.pin_columns.end();
    }

    Cluster cluster_at(size_t pos) const {
        Cluster cluster;
        size_t i = pos;
        while (cluster.count < Cluster::k_max) {
            size_t start = i;
            while (i < m_text.size() && is_digit(m_text[i])) ++i;
            cluster.begin[cluster.count] = start;
            cluster.end[cluster.count] = i;
            ++cluster.count;
            char next = at(i);
            if ((next != ' ' && next != '-' && next != '+') || !is_digit(at(i + 1))) break;
            if (cluster.count < Cluster::k_max) cluster.separator[cluster.count] = next;
            ++i;
        }
        return cluster;
    }

    std::string cluster_digits(const Cluster& cluster, size_t from, size_t to) const {
        std::string out;
        for (size_t i = from; i < to; ++i) out.append(m_text.substr(cluster.begin[i], cluster.length(i)));
        return out;
    }

    // --- Digits ---------------------------------------------------------------------------------

    size_t digits(size_t pos) {
        size_t run_end = pos;
        while (run_end < m_text.size() && is_digit(m_text[run_end])) ++run_end;
        if (is_upper(before(pos))) {
            if (auto end = iban(pos)) return *end;
        }
        if (run_end - pos > k_max_run || !clean_start(pos)) return run_end;
        // A lone run of up to six digits can only be the first octet of an IPv4 address.
        char next = at(run_end);
        bool continues = next == ' ' || next == '-' || next == '+' || next == '.';
        if (run_end - pos <= 6 && !continues) return run_end;
        Cluster cluster = cluster_at(pos);
        if (auto end = digit_candidates(cluster, pos)) return *end;
        return run_end;
    }

    std::optional<size_t> digit_candidates(const Cluster& cluster, size_t pos) {
        if (before(pos) == '+' || m_text.substr(pos).starts_with("0046")) {
            if (auto end = phone(cluster, before(pos) == '+' ? pos - 1 : pos)) return end;
        }
        if (auto end = separated_pin(cluster)) return end;
        if (auto end = single_run(cluster)) return end;
        if (auto end = ipv4(pos)) return end;
        if (m_text[pos] == '0' && before(pos) != '+') { // "+0100" is a time zone, not a trunk 0
            if (auto end = phone(cluster, pos)) return end;
        }
        if (auto end = card(cluster)) return end;
        if (auto end = giro_or_account(cluster)) return end;
        return std::nullopt;
    }

    // YYMMDD-NNNN, YYMMDD+NNNN, YYYYMMDD-NNNN and organisation numbers NNNNNN-NNNN, 16NNNNNN-NNNN.
    std::optional<size_t> separated_pin(const Cluster& c) {
        if (c.count < 2 || c.length(1) != 4 || (c.length(0) != 6 && c.length(0) != 8)) return std::nullopt;
        char separator = c.separator[1];
        if ((separator != '-' && separator != '+') || !clean_end(c.end[1])) return std::nullopt;
        if (c.count > 2 && c.separator[2] != ' ') return std::nullopt;
        std::string number = cluster_digits(c, 0, 2);
        bool org_shape = c.length(0) == 6 ? number[2] >= '2' : number.starts_with("16") && number[4] >= '2';
        if (org_shape) {
            if (separator != '-') return std::nullopt;
            auto org = parse_organisation_number(number);
            if (!org) return std::nullopt;
            return emit(Category::organisation_number, *org, c.begin[0], c.end[1]);
        }
        auto pin = normalise_personal_number(number, separator, m_today);
        if (!pin) return std::nullopt;
        return emit(Category::personal_identity_number, *pin, c.begin[0], c.end[1]);
    }

    // An unseparated run: 12-digit personnummer, 10-digit personnummer/organisation number
    // with context, card numbers, eight-digit document numbers with context.
    std::optional<size_t> single_run(const Cluster& c) {
        size_t begin = c.begin[0], end = c.end[0];
        if (!clean_end(end) || (c.count > 1 && c.separator[1] != ' ')) return std::nullopt;
        std::string_view run = m_text.substr(begin, end - begin);
        if (run.size() == 12) {
            if (auto pin = normalise_personal_number(run, 0, m_today))
                return emit(Category::personal_identity_number, *pin, begin, end);
            if (run.starts_with("16") && has_context(begin, context_org)) {
                if (auto org = parse_organisation_number(run)) return emit(Category::organisation_number, *org, begin, end);
            }
            return std::nullopt;
        }
        if (run.size() == 10) return ten_digits(run, begin, end);
        if (run.size() == 8 && has_context(begin, context_document))
            return emit(Category::id_document, hash_key(run), begin, end);
        return std::nullopt;
    }

    std::optional<size_t> ten_digits(std::string_view run, size_t begin, size_t end) {
        if (run[2] < '2') {
            auto pin = normalise_personal_number(run, 0, m_today);
            if (pin && (in_pin_column(begin) || has_context(begin, context_pin)))
                return emit(Category::personal_identity_number, *pin, begin, end);
        } else if (organisation_number_valid(run) && has_context(begin, context_org)) {
            return emit(Category::organisation_number, to_number(run), begin, end);
        }
        return std::nullopt;
    }

    // True when a space-separated digit group comes right before `begin`: the candidate
    // would be the tail of a longer grouped number ("SE45 5000 0000 0583 9825"). A run after
    // '.', ':' or '/' ends an address, time or date instead, and groups nothing.
    bool follows_group(size_t begin) const {
        if (before(begin) != ' ' || begin < 2 || !is_digit(m_text[begin - 2])) return false;
        size_t run = begin - 2;
        while (run > 0 && begin - run < 32 && is_digit(m_text[run - 1])) --run;
        char p = before(run);
        return p != '.' && p != ':' && p != '/';
    }

    // Phone numbers: all of the cluster's groups make one number, so the middle of a longer
    // grouped number never reads as one; or, when more digits follow, a prefix in the
    // canonical "area code-rest" grouping ("070-174 06 05", "08-465 050 05").
    std::optional<size_t> phone(const Cluster& c, size_t begin) {
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

    static bool canonical_phone_grouping(const Cluster& c, size_t k) {
        if (c.separator[1] != '-' || c.length(k - 1) != 2) return false;
        for (size_t i = 2; i < k; ++i)
            if (c.separator[i] != ' ' || c.length(i) < 2 || c.length(i) > 3) return false;
        return c.length(1) >= 2 && c.length(1) <= 3;
    }

    std::optional<size_t> phone_groups(const Cluster& c, size_t begin, size_t k) {
        size_t end = c.end[k - 1];
        if (c.digits(k) > 13 || !clean_end(end)) return std::nullopt;
        auto number = phone_e164(m_text.substr(begin, end - begin));
        if (!number) return std::nullopt;
        bool mobile = *number / 100'000'000 == 467; // 46 7X XXX XX XX
        if (k == 1 && begin == c.begin[0] && !mobile && !has_context(begin, context_phone))
            return std::nullopt; // an unseparated landline number looks like any order number
        return emit(Category::phone, *number, begin, end);
    }

    // Payment cards: unseparated, or a first group of four and further groups of 3..6.
    std::optional<size_t> card(const Cluster& c) {
        if (follows_group(c.begin[0])) return std::nullopt;
        size_t groups = c.count;
        for (size_t k = groups; k >= 1; --k) {
            size_t digits = c.digits(k);
            if (digits < 13 || digits > 19 || !clean_end(c.end[k - 1])) continue;
            if (k < c.count && c.separator[k] != ' ') continue;
            if (k > 1 && !grouped_like_card(c, k)) continue;
            std::string number = cluster_digits(c, 0, k);
            if (payment_card_valid(number)) return emit(Category::payment_card, to_number(number), c.begin[0], c.end[k - 1]);
        }
        return std::nullopt;
    }

    static bool grouped_like_card(const Cluster& c, size_t k) {
        if (c.length(0) != 4) return false;
        for (size_t i = 1; i < k; ++i) {
            if (c.separator[i] != c.separator[1] || c.separator[i] == '+') return false;
            if (c.length(i) < 3 || c.length(i) > 6) return false;
        }
        return true;
    }

    // "Git 1.7.12.1", "version 10.0.19041.1": four-part version numbers are valid addresses.
    bool after_version_word(size_t pos) const {
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

    size_t ipv4_end(size_t pos) const {
        size_t end = pos;
        while (end < m_text.size() && end - pos < 16 && (is_digit(m_text[end]) || m_text[end] == '.')) ++end;
        while (end > pos && m_text[end - 1] == '.') --end; // a full stop after the address
        return end;
    }

    std::optional<size_t> ipv4(size_t pos) {
        if (at(pos + 1) != '.' && at(pos + 2) != '.' && at(pos + 3) != '.') return std::nullopt;
        size_t end = ipv4_end(pos);
        if (!clean_end(end)) return std::nullopt;
        auto address = parse_ipv4(m_text.substr(pos, end - pos));
        if (!address || after_version_word(pos)) return std::nullopt;
        return emit(Category::ip_address, *address, pos, end);
    }

    // Bankgiro, plusgiro and bank accounts: check digits and a context word.
    std::optional<size_t> giro_or_account(const Cluster& c) {
        constexpr unsigned k_banking = context_bankgiro | context_plusgiro | context_account;
        if (c.digits(c.count) < 2 || (line_context(c.begin[0]) & k_banking) == 0) return std::nullopt;
        size_t begin = c.begin[0];
        auto shape_end = [&](size_t k) { return clean_end(c.end[k - 1]) && (k == c.count || c.separator[k] == ' '); };
        if (c.count >= 2 && c.separator[1] == '-' && (c.length(0) == 3 || c.length(0) == 4) && c.length(1) == 4 &&
            shape_end(2)) {
            std::string number = cluster_digits(c, 0, 2);
            if (bankgiro_valid(number) && has_context(begin, context_bankgiro))
                return emit(Category::bank_account, hash_key("bg" + number), begin, c.end[1]);
        }
        if (auto end = plusgiro(c)) return end;
        return bank_account(c);
    }

    // "1234-5", "12 34 56-7", "4 12 34 56-7": spaces between groups, a hyphen before the check digit.
    std::optional<size_t> plusgiro(const Cluster& c) {
        for (size_t k = 2; k <= c.count; ++k) {
            if (c.separator[k - 1] != '-' || c.length(k - 1) != 1) continue;
            bool spaces = true;
            for (size_t i = 1; i + 1 < k; ++i) spaces = spaces && c.separator[i] == ' ';
            if (!spaces || !clean_end(c.end[k - 1]) || (k < c.count && c.separator[k] != ' ')) return std::nullopt;
            std::string number = cluster_digits(c, 0, k);
            if (plusgiro_valid(number) && has_context(c.begin[0], context_plusgiro))
                return emit(Category::bank_account, hash_key("pg" + number), c.begin[0], c.end[k - 1]);
            return std::nullopt;
        }
        return std::nullopt;
    }

    // Clearing number then account: "6123-123 456 789", "5001-12 345 67", "8327-9 123 456 789-0",
    // "3300-8501011234" or unseparated "33008501011234"; needs a context word.
    std::optional<size_t> bank_account(const Cluster& c) {
        size_t begin = c.begin[0];
        if (c.length(0) < 4 || !has_clearing_rule(m_text.substr(begin, 4))) return std::nullopt;
        std::string clearing;
        size_t first = 1;
        if (c.length(0) == 4 && c.count >= 3 && c.separator[1] == '-' && c.length(1) == 1 && m_text[begin] == '8') {
            clearing = cluster_digits(c, 0, 2), first = 2; // Swedbank "8327-9"
        } else if ((c.length(0) == 4 || (c.length(0) == 5 && m_text[begin] == '8')) && c.count >= 2) {
            clearing = cluster_digits(c, 0, 1);
        } else if (c.count == 1 && c.length(0) >= 11 && c.length(0) <= 15) {
            return unseparated_account(c);
        } else {
            return std::nullopt;
        }
        for (size_t k = c.count; k > first; --k) {
            if (!clean_end(c.end[k - 1])) continue;
            std::string account = cluster_digits(c, first, k);
            if (account.size() < 6 || account.size() > 10) continue;
            if (!bank_account_valid(clearing, account)) continue;
            if (!has_context(begin, context_account)) return std::nullopt;
            return emit(Category::bank_account, hash_key(clearing.substr(0, 4) + account), begin, c.end[k - 1]);
        }
        return std::nullopt;
    }

    std::optional<size_t> unseparated_account(const Cluster& c) {
        std::string_view run = m_text.substr(c.begin[0], c.length(0));
        if (!clean_end(c.end[0])) return std::nullopt;
        for (size_t clearing_length : {size_t{4}, size_t{5}}) {
            if (clearing_length == 5 && run[0] != '8') continue;
            auto clearing = run.substr(0, clearing_length), account = run.substr(clearing_length);
            if (!bank_account_valid(clearing, account)) continue;
            if (!has_context(c.begin[0], context_account)) return std::nullopt;
            return emit(Category::bank_account, hash_key(std::string(clearing.substr(0, 4)) + std::string(account)),
                        c.begin[0], c.end[0]);
        }
        return std::nullopt;
    }

    // --- IBAN: country code, check digits, BBAN in groups of four ----------------------------------

    std::optional<size_t> iban(size_t pos) {
        if (pos < 2 || !is_upper(m_text[pos - 2]) || is_word_byte(before(pos - 2))) return std::nullopt;
        std::string_view country = m_text.substr(pos - 2, 2);
        size_t length = static_cast<size_t>(iban_length(country));
        if (length == 0 || !is_digit(at(pos + 1))) return std::nullopt;
        std::string compact(country);
        size_t i = pos;
        while (compact.size() < length && i < m_text.size()) {
            char c = m_text[i];
            if (is_digit(c) || is_upper(c)) {
                compact += c, ++i;
            } else if (c == ' ' && compact.size() % 4 == 0 && (is_digit(at(i + 1)) || is_upper(at(i + 1)))) {
                ++i;
            } else {
                break;
            }
        }
        if (compact.size() != length || !clean_end(i) || !iban_valid(compact)) return std::nullopt;
        return emit(Category::iban, hash_key(compact), pos - 2, i);
    }

    // --- E-mail ---------------------------------------------------------------------------------

    static bool domain_char(char c) { return ascii::is_alnum(c) || c == '-' || c == '.'; }

    size_t email(size_t pos) {
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

    size_t ipv6(size_t pos) {
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

    size_t mrz(size_t pos) {
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
};

} // namespace

IdentifierScanner::IdentifierScanner(CivilDate today) : m_today(today) {}

void IdentifierScanner::scan(std::string_view text, const TextHints& hints, std::vector<IdentifierMatch>& out) const {
    Pass(text, hints, m_today, out).run();
}

uint64_t hash_key(std::string_view normalised) {
    using Key = std::array<unsigned char, crypto_shorthash_KEYBYTES>;
    static const Key key = [] {
        Key generated{};
        if (sodium_init() < 0) std::abort(); // no randomness: nothing safe to do
        randombytes_buf(generated.data(), generated.size());
        return generated;
    }();
    std::array<unsigned char, crypto_shorthash_BYTES> hash{};
    crypto_shorthash(hash.data(), reinterpret_cast<const unsigned char*>(normalised.data()), normalised.size(),
                     key.data());
    uint64_t value = 0;
    std::memcpy(&value, hash.data(), sizeof value);
    return value;
}

} // namespace skydda::scan
