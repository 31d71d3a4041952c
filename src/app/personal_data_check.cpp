// The check of free text that goes to IMY: the scanner's own recognisers (personal identity and
// coordination numbers, e-mail addresses, phone numbers), so the warning agrees with what a
// scan of the same text would find. Only the kinds found leave this function.
#include <algorithm>

#include "app/outgoing_check.hpp"
#include "scan/identifiers.hpp"

namespace skydda::app {

std::vector<std::string> personal_data_kinds(std::string_view text, Instant today) {
    if (text.empty()) return {};
    auto date = stockholm_date(today);
    scan::IdentifierScanner scanner(scan::CivilDate{date.year, date.month, date.day});
    std::vector<scan::IdentifierMatch> matches;
    scanner.scan(text, scan::TextHints{}, matches);
    std::vector<std::string> kinds;
    auto add = [&](std::string_view kind) {
        if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.emplace_back(kind);
    };
    for (const auto& match : matches) {
        switch (match.category) {
        case scan::Category::personal_identity_number: add("personnummer"); break;
        case scan::Category::email: add("email"); break;
        case scan::Category::phone: add("phone"); break;
        default: break;
        }
    }
    return kinds;
}

} // namespace skydda::app
