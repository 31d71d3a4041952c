// The identifier recognisers: one pass over UTF-8 text that finds candidates (digit runs,
// '@', ':' for IPv6, letters before digits for IBAN) and runs each category's validator on
// them only. Validators live in validators.hpp and are public for their tests.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scan/category.hpp"
#include "scan/text.hpp"
#include "scan/validators.hpp" // CivilDate and the validators

namespace skydda::scan {

struct IdentifierMatch {
    Category category;
    // Equal keys mean the same identifier. personal_identity_number: the normalised 12-digit
    // number (YYYYMMDDNNNC) as an integer; organisation_number: the 10-digit number; phone: the
    // E.164 digits without '+'; payment_card: the digits; ip_address (v4): the address;
    // everything else: hash_key() of the normalised text.
    uint64_t key;
    size_t begin; // byte offsets of the identifier in the scanned text
    size_t end;
};

class IdentifierScanner {
public:
    explicit IdentifierScanner(CivilDate today);
    // Appends every validated identifier in `text`, in order of position.
    void scan(std::string_view text, const TextHints& hints, std::vector<IdentifierMatch>& out) const;

private:
    CivilDate m_today;
};

// The identifier with most of it hidden, for reports: "850101-****", "a***@exempel.se".
std::string mask(Category category, std::string_view raw);

// A keyed 64-bit hash (SipHash-2-4, key random per process) of a normalised identifier.
uint64_t hash_key(std::string_view normalised);

} // namespace skydda::scan
