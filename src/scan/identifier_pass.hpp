// Internal to scan/: the identifier scanner's forward pass (Pass) with its cursor, boundary and
// context tests and digit-group Cluster; its recognisers are defined in identifier*.cpp.
#pragma once
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scan/identifier_ascii.hpp"
#include "scan/identifier_context.hpp"
#include "scan/identifiers.hpp"

namespace skydda::scan::identifier_detail {

using ascii::is_digit, ascii::is_upper, ascii::is_hex, ascii::to_number;

// Letters, digits, '_' and any non-ASCII byte (a letter of a UTF-8 word): what glues a number
// into a longer token.
inline bool is_word_byte(char c) {
    return ascii::is_alnum(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
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

class Pass {
public:
    Pass(std::string_view text, const TextHints& hints, CivilDate today, std::vector<IdentifierMatch>& out)
        : m_text(text), m_hints(hints), m_today(today), m_out(out) {}

    void run();

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

    // --- Recognisers ---------------------------------------------------------------------------
    // Each returns the position the pass goes on from; those returning std::optional give
    // nullopt when the candidate is none of theirs.

    // identifiers.cpp
    size_t dispatch(size_t pos);
    size_t digits(size_t pos);
    std::optional<size_t> digit_candidates(const Cluster& cluster, size_t pos);
    std::optional<size_t> separated_pin(const Cluster& c);
    std::optional<size_t> single_run(const Cluster& c);
    std::optional<size_t> ten_digits(std::string_view run, size_t begin, size_t end);

    // identifier_contact.cpp
    std::optional<size_t> phone(const Cluster& c, size_t begin);
    static bool canonical_phone_grouping(const Cluster& c, size_t k);
    std::optional<size_t> phone_groups(const Cluster& c, size_t begin, size_t k);
    bool after_version_word(size_t pos) const;
    size_t ipv4_end(size_t pos) const;
    std::optional<size_t> ipv4(size_t pos);
    static bool domain_char(char c);
    size_t email(size_t pos);
    size_t ipv6(size_t pos);
    size_t mrz(size_t pos);

    // identifier_banking.cpp
    std::optional<size_t> card(const Cluster& c);
    static bool grouped_like_card(const Cluster& c, size_t k);
    std::optional<size_t> giro_or_account(const Cluster& c);
    std::optional<size_t> plusgiro(const Cluster& c);
    std::optional<size_t> bank_account(const Cluster& c);
    std::optional<size_t> unseparated_account(const Cluster& c);
    std::optional<size_t> iban(size_t pos);
};

} // namespace skydda::scan::identifier_detail
