// What the scanner counts: identifier categories and the special categories of personal data,
// named by their codes in the scan output (skydda.scan/1) and mapped onto the data codes of
// the assessment contract, so a scan result can feed `skydda assess`.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace skydda::scan {

enum class Category : uint8_t {
    personal_identity_number, // personnummer and samordningsnummer
    organisation_number,      // never counted as people
    email,
    phone,
    iban,
    bank_account, // Swedish bank account, bankgiro, plusgiro
    payment_card,
    ip_address,
    id_document, // passport and national ID numbers
    // Special categories and "extra skyddsvärda" data, found by vocabulary.
    health,
    genetic,
    biometric,
    racial_ethnic,
    political,
    religious_philosophical,
    trade_union,
    sex_life_orientation,
    criminal_offences,
    social_services,
};
inline constexpr size_t k_category_count = 19;
inline constexpr size_t k_first_special = static_cast<size_t>(Category::health);

std::string_view category_code(Category category);
std::optional<Category> parse_category(std::string_view code);
inline bool is_special(Category category) { return static_cast<size_t>(category) >= k_first_special; }
// The assessment contract's data code for what the category reveals; empty when none
// (an organisation number is not personal data).
std::string_view contract_data_code(Category category);
// Swedish and English names for summaries and reports.
std::string_view category_label(Category category, std::string_view language);

inline constexpr std::array<Category, k_category_count> all_categories() {
    std::array<Category, k_category_count> all{};
    for (size_t i = 0; i < k_category_count; ++i) all[i] = static_cast<Category>(i);
    return all;
}

} // namespace skydda::scan
