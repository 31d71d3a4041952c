// The recognisers of banking identifiers: payment cards, bankgiro and plusgiro numbers, Swedish
// bank accounts (clearing number and account number) and IBANs.
#include <optional>
#include <string>
#include <string_view>

#include "scan/identifier_pass.hpp"

namespace skydda::scan::identifier_detail {

// Payment cards: unseparated, or a first group of four and further groups of 3..6.
std::optional<size_t> Pass::card(const Cluster& c) {
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

bool Pass::grouped_like_card(const Cluster& c, size_t k) {
    if (c.length(0) != 4) return false;
    for (size_t i = 1; i < k; ++i) {
        if (c.separator[i] != c.separator[1] || c.separator[i] == '+') return false;
        if (c.length(i) < 3 || c.length(i) > 6) return false;
    }
    return true;
}

// Bankgiro, plusgiro and bank accounts: check digits and a context word.
std::optional<size_t> Pass::giro_or_account(const Cluster& c) {
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
std::optional<size_t> Pass::plusgiro(const Cluster& c) {
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
std::optional<size_t> Pass::bank_account(const Cluster& c) {
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

std::optional<size_t> Pass::unseparated_account(const Cluster& c) {
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

std::optional<size_t> Pass::iban(size_t pos) {
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

} // namespace skydda::scan::identifier_detail
