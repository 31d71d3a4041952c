// Masking for reports: enough of an identifier stays visible to recognise its kind and to tell
// findings apart in a review ("850101-****"), never enough to identify the person.
#include <algorithm>
#include <string>

#include "scan/identifiers.hpp"
#include "scan/identifier_ascii.hpp"

namespace skydda::scan {
namespace {

using ascii::is_digit, ascii::is_alnum;


// Every character for which `counts` holds is numbered; those numbered below `keep_first` or
// at or above total - `keep_last` stay, the others become '*'. Other characters stay as they
// are (separators keep the layout readable).
template <typename Counts>
std::string keep_ends(std::string_view raw, size_t keep_first, size_t keep_last, Counts counts) {
    size_t total = static_cast<size_t>(std::count_if(raw.begin(), raw.end(), counts));
    if (keep_first + keep_last >= total) { // too short to show anything safely
        keep_first = 0;
        keep_last = 0;
    }
    std::string out(raw);
    size_t index = 0;
    for (char& c : out) {
        if (!counts(c)) continue;
        if (index >= keep_first && index + keep_last < total) c = '*';
        ++index;
    }
    return out;
}

std::string mask_identity_number(std::string_view raw) {
    std::string digits;
    char separator = '-';
    for (char c : raw) {
        if (is_digit(c)) digits += c;
        else if (c == '+') separator = '+';
    }
    size_t date_length = digits.size() >= 12 ? 8 : 6;
    if (digits.size() < date_length + 4) return std::string(raw.size(), '*');
    return digits.substr(0, date_length) + separator + "****";
}

std::string mask_email(std::string_view raw) {
    size_t at = raw.rfind('@');
    if (at == std::string_view::npos || at == 0) return std::string(raw.size(), '*');
    return std::string(1, raw[0]) + "***" + std::string(raw.substr(at));
}

std::string mask_ip(std::string_view raw) {
    if (raw.find(':') != std::string_view::npos) { // IPv6: the first two groups (the network)
        size_t first = raw.find(':');
        size_t second = raw.find(':', first + 1);
        if (second == std::string_view::npos || second == first + 1) return std::string(raw.substr(0, first)) + ":*";
        return std::string(raw.substr(0, second)) + ":*";
    }
    size_t first = raw.find('.');
    size_t second = first == std::string_view::npos ? first : raw.find('.', first + 1);
    if (second == std::string_view::npos) return std::string(raw.size(), '*');
    return std::string(raw.substr(0, second)) + ".*.*";
}

// "**** 1234": the last four characters of the document number. For an MRZ line the
// document number is its first nine characters without the filler.
std::string mask_document(std::string_view raw) {
    std::string number;
    std::string_view source = raw.size() == 44 ? raw.substr(0, 9) : raw;
    for (char c : source)
        if (is_alnum(c)) number += c;
    if (number.size() <= 4) return "****";
    return "**** " + number.substr(number.size() - 4);
}

} // namespace

std::string mask(Category category, std::string_view raw) {
    switch (category) {
    case Category::personal_identity_number:
    case Category::organisation_number:
        return mask_identity_number(raw);
    case Category::email:
        return mask_email(raw);
    case Category::phone:
        return keep_ends(raw, 3, 2, is_digit);
    case Category::iban:
        return keep_ends(raw, 4, 4, is_alnum);
    case Category::bank_account:
        return keep_ends(raw, 0, 4, is_digit);
    case Category::payment_card:
        return keep_ends(raw, 4, 4, is_digit);
    case Category::ip_address:
        return mask_ip(raw);
    case Category::id_document:
        return mask_document(raw);
    default: // special categories: a vocabulary term, not an identifier
        return std::string(raw);
    }
}

} // namespace skydda::scan
