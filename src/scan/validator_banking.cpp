// Validators for IBANs, Swedish bank accounts, bankgiro, plusgiro and payment cards.
#include <algorithm>
#include <array>

#include "scan/validators.hpp"
#include "scan/identifier_ascii.hpp"

namespace skydda::scan {
namespace {

using ascii::all_digits;


struct IbanCountry {
    std::string_view code;
    int length;
};

// The SEPA countries and a few more, from the SWIFT IBAN registry.
constexpr std::array<IbanCountry, 48> k_iban_countries{{
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"BA", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21},
    {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DK", 18}, {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FO", 18},
    {"FR", 27}, {"GB", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"HR", 21}, {"HU", 28}, {"IE", 22},
    {"IL", 23}, {"IS", 26}, {"IT", 27}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27},
    {"ME", 22}, {"MK", 19}, {"MT", 31}, {"NL", 18}, {"NO", 15}, {"PL", 28}, {"PT", 25}, {"RO", 24},
    {"RS", 22}, {"SA", 24}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"TR", 26}, {"VA", 22},
}};

enum class AccountRule : uint8_t {
    type1_comment1, // mod 11 over clearing digits 2-4 and 7 account digits
    type1_comment2, // mod 11 over the 4 clearing digits and 7 account digits
    type2_comment1, // 10 account digits, mod 10 (Luhn)
    type2_comment2, // 9 account digits, mod 11 (Handelsbanken)
    type2_comment3, // up to 10 account digits, mod 10 (Swedbank 8xxx-x, Plusgirot)
};

struct ClearingRange {
    int from, to;
    AccountRule rule;
};

// Bankgirot's "Bankernas kontonummeruppbyggnad", the banks we are sure of. Ranges are checked
// in order, so the personkonto exceptions (3300, 3782) come before Nordea's wider ranges.
constexpr std::array<ClearingRange, 27> k_clearing_ranges{{
    {3300, 3300, AccountRule::type2_comment1}, {3782, 3782, AccountRule::type2_comment1},
    {1100, 1199, AccountRule::type1_comment1}, {1200, 1399, AccountRule::type1_comment1},
    {1400, 2099, AccountRule::type1_comment1}, {2400, 2499, AccountRule::type1_comment1},
    {3000, 3399, AccountRule::type1_comment1}, {3400, 3409, AccountRule::type1_comment1},
    {3410, 3999, AccountRule::type1_comment1}, {4000, 4999, AccountRule::type1_comment2},
    {5000, 5999, AccountRule::type1_comment1}, {6000, 6999, AccountRule::type2_comment2},
    {7000, 7999, AccountRule::type1_comment1}, {8000, 8999, AccountRule::type2_comment3},
    {9020, 9029, AccountRule::type1_comment2}, {9060, 9069, AccountRule::type1_comment1},
    {9120, 9124, AccountRule::type1_comment1}, {9130, 9149, AccountRule::type1_comment1},
    {9150, 9169, AccountRule::type1_comment2}, {9180, 9189, AccountRule::type2_comment1},
    {9250, 9259, AccountRule::type1_comment1}, {9270, 9279, AccountRule::type1_comment1},
    {9500, 9549, AccountRule::type2_comment3}, {9550, 9569, AccountRule::type1_comment2},
    {9890, 9899, AccountRule::type2_comment1}, {9960, 9969, AccountRule::type2_comment3},
    {9460, 9469, AccountRule::type1_comment1},
}};

std::string padded(std::string_view digits, size_t width) {
    return std::string(width > digits.size() ? width - digits.size() : 0, '0') + std::string(digits);
}

bool account_valid(AccountRule rule, std::string_view clearing, std::string_view account) {
    switch (rule) {
    case AccountRule::type1_comment1:
        return account.size() == 7 && mod11_valid(std::string(clearing.substr(1, 3)) + std::string(account));
    case AccountRule::type1_comment2:
        return account.size() == 7 && mod11_valid(std::string(clearing.substr(0, 4)) + std::string(account));
    case AccountRule::type2_comment1:
        return account.size() == 10 && luhn_valid(account);
    case AccountRule::type2_comment2:
        return account.size() == 9 && mod11_valid(account);
    case AccountRule::type2_comment3:
        return account.size() >= 6 && account.size() <= 10 && luhn_valid(padded(account, 10));
    }
    return false;
}

bool in_range(std::string_view digits, std::string_view low, std::string_view high) {
    std::string_view prefix = digits.substr(0, low.size());
    return prefix >= low && prefix <= high;
}

} // namespace

int iban_length(std::string_view country) {
    for (const auto& entry : k_iban_countries)
        if (entry.code == country) return entry.length;
    return 0;
}

bool iban_valid(std::string_view compact) {
    if (compact.size() < 15 || compact.size() > 34) return false;
    if (iban_length(compact.substr(0, 2)) != static_cast<int>(compact.size())) return false;
    if (!all_digits(compact.substr(2, 2))) return false;
    unsigned remainder = 0;
    for (size_t i = 0; i < compact.size(); ++i) {
        char c = compact[(i + 4) % compact.size()];
        if (c >= '0' && c <= '9') remainder = (remainder * 10 + static_cast<unsigned>(c - '0')) % 97;
        else if (ascii::is_upper(c)) remainder = (remainder * 100 + static_cast<unsigned>(c - 'A' + 10)) % 97;
        else return false;
    }
    return remainder == 1;
}

bool bankgiro_valid(std::string_view digits) {
    return (digits.size() == 7 || digits.size() == 8) && luhn_valid(digits);
}

bool plusgiro_valid(std::string_view digits) { return digits.size() >= 2 && digits.size() <= 8 && luhn_valid(digits); }

namespace {

const ClearingRange* clearing_range(std::string_view clearing) {
    if (clearing.size() < 4 || !all_digits(clearing.substr(0, 4))) return nullptr;
    auto number = static_cast<int>(ascii::to_number(clearing.substr(0, 4)));
    for (const auto& range : k_clearing_ranges)
        if (number >= range.from && number <= range.to) return &range;
    return nullptr;
}

} // namespace

bool has_clearing_rule(std::string_view clearing) { return clearing_range(clearing) != nullptr; }

bool bank_account_valid(std::string_view clearing, std::string_view account) {
    if (!all_digits(clearing) || !all_digits(account) || (clearing.size() != 4 && clearing.size() != 5)) return false;
    if (clearing.size() == 5 && (clearing[0] != '8' || !luhn_valid(clearing))) return false;
    const ClearingRange* range = clearing_range(clearing);
    return range != nullptr && account_valid(range->rule, clearing, account);
}

bool payment_card_valid(std::string_view digits) {
    size_t n = digits.size();
    if (n < 13 || n > 19 || !all_digits(digits) || !luhn_valid(digits)) return false;
    auto length_in = [n](size_t low, size_t high) { return n >= low && n <= high; };
    if (digits[0] == '4') return n == 13 || n == 16 || n == 19;                                       // Visa
    if (in_range(digits, "51", "55") || in_range(digits, "2221", "2720")) return n == 16;              // Mastercard
    if (digits.starts_with("34") || digits.starts_with("37")) return n == 15;                          // Amex
    if (in_range(digits, "300", "305") || digits.starts_with("36")) return n == 14;                    // Diners
    if (digits.starts_with("6011") || in_range(digits, "644", "649") || digits.starts_with("65"))      // Discover
        return length_in(16, 19);
    if (in_range(digits, "3528", "3589")) return length_in(16, 19);                                    // JCB
    if (digits.starts_with("62")) return length_in(16, 19);                                            // UnionPay
    if (in_range(digits, "2200", "2204")) return n == 16;                                              // Mir
    if (digits.starts_with("50") || in_range(digits, "56", "58") || digits.starts_with("639") ||       // Maestro
        digits.starts_with("67"))
        return length_in(13, 19);
    return false;
}

} // namespace skydda::scan
