#include "domain/organisation_number.hpp"

namespace skydda::domain {
namespace {

bool luhn_valid(std::string_view digits) {
    int sum = 0;
    bool double_it = false;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        int digit = *it - '0';
        if (double_it) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
        sum += digit;
        double_it = !double_it;
    }
    return sum % 10 == 0;
}

} // namespace

bool organisation_number_valid(std::string_view written) {
    if (written.size() != 11 || written[6] != '-') return false;
    std::string_view::size_type index = 0;
    char digits[10];
    for (char c : written) {
        if (c == '-') continue;
        if (c < '0' || c > '9') return false;
        digits[index++] = c;
    }
    if (index != 10 || digits[2] < '2') return false;
    return luhn_valid(std::string_view(digits, 10));
}

} // namespace skydda::domain
