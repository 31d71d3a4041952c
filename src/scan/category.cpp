#include "scan/category.hpp"

namespace skydda::scan {
namespace {

struct CategoryInfo {
    std::string_view code, data_code, sv, en;
};

// In the order of the enum.
constexpr CategoryInfo k_info[k_category_count] = {
    {"personal_identity_number", "personal_identity_number", "Personnummer och samordningsnummer",
     "Personal identity numbers"},
    {"organisation_number", "", "Organisationsnummer", "Organisation numbers"},
    {"email", "contact", "E-postadresser", "E-mail addresses"},
    {"phone", "contact", "Telefonnummer", "Phone numbers"},
    {"iban", "bank_account", "IBAN", "IBAN"},
    {"bank_account", "bank_account", "Bankkonto, bankgiro och plusgiro", "Bank accounts, bankgiro and plusgiro"},
    {"payment_card", "payment_card", "Betalkortsnummer", "Payment card numbers"},
    {"ip_address", "online_identifiers", "IP-adresser", "IP addresses"},
    {"id_document", "id_document", "Pass- och id-kortsnummer", "Passport and ID card numbers"},
    {"health", "health", "Hälsa", "Health"},
    {"genetic", "genetic", "Genetiska uppgifter", "Genetic data"},
    {"biometric", "biometric", "Biometriska uppgifter", "Biometric data"},
    {"racial_ethnic", "racial_ethnic", "Etniskt ursprung", "Racial or ethnic origin"},
    {"political", "political", "Politiska åsikter", "Political opinions"},
    {"religious_philosophical", "religious_philosophical", "Religiös eller filosofisk övertygelse",
     "Religious or philosophical beliefs"},
    {"trade_union", "trade_union", "Medlemskap i fackförening", "Trade union membership"},
    {"sex_life_orientation", "sex_life_orientation", "Sexualliv eller sexuell läggning",
     "Sex life or sexual orientation"},
    {"criminal_offences", "criminal_offences", "Lagöverträdelser", "Criminal offences"},
    {"social_services", "social_services", "Socialtjänst", "Social services"},
};

} // namespace

std::string_view category_code(Category category) { return k_info[static_cast<size_t>(category)].code; }

std::optional<Category> parse_category(std::string_view code) {
    for (size_t i = 0; i < k_category_count; ++i)
        if (k_info[i].code == code) return static_cast<Category>(i);
    return std::nullopt;
}

std::string_view contract_data_code(Category category) { return k_info[static_cast<size_t>(category)].data_code; }

std::string_view category_label(Category category, std::string_view language) {
    const auto& info = k_info[static_cast<size_t>(category)];
    return language == "en" ? info.en : info.sv;
}

} // namespace skydda::scan
