#include "domain/codes.hpp"

#include <algorithm>
#include <array>

namespace skydda::domain::codes {
namespace {
using namespace std::string_view_literals;
constexpr std::array k_what_happened = {"misdirected_communication"sv, "disclosure_other"sv, "unauthorised_access"sv,
                                        "loss"sv, "destruction"sv, "alteration"sv};
constexpr std::array k_cause = {"human_error"sv, "organisational"sv, "technical"sv, "internal_malicious"sv,
                                "external_attack"sv, "unknown"sv, "other"sv};
constexpr std::array k_discovered_by = {"automated"sv, "routine"sv, "employee"sv, "processor"sv,
                                        "outsider_or_subject"sv};
constexpr std::array k_sector = {"public"sv, "private"sv, "other"sv};
constexpr std::array k_confidentiality = {"none"sv, "exposed"sv, "known_recipients"sv, "unknown_recipients"sv,
                                          "published"sv};
constexpr std::array k_integrity = {"none"sv, "altered_no_use"sv, "altered_recoverable"sv, "altered_unrecoverable"sv};
constexpr std::array k_availability = {"none"sv, "recoverable"sv, "temporary"sv, "permanent"sv};
constexpr std::array k_data = {
    "name"sv, "contact"sv, "date_of_birth"sv, "personal_identity_number"sv, "id_document"sv, "images"sv,
    "education"sv, "employment"sv, "family"sv, "vehicle"sv, "online_identifiers"sv, "location"sv,
    "traffic_metadata"sv, "preferences"sv, "purchase_history"sv, "communication_content"sv, "financial"sv,
    "bank_account"sv, "payment_card"sv, "salary"sv, "debts"sv, "insurance"sv, "social_welfare"sv,
    "credentials"sv, "health"sv, "genetic"sv, "biometric"sv, "racial_ethnic"sv, "political"sv,
    "religious_philosophical"sv, "trade_union"sv, "sex_life_orientation"sv, "criminal_offences"sv,
    "social_services"sv, "other"sv};
constexpr std::array k_groups = {
    "children"sv, "pupils"sv, "students"sv, "patients"sv, "employees"sv, "job_seekers"sv, "customers"sv,
    "members"sv, "tenants"sv, "elected_officials"sv, "consultants"sv, "suppliers"sv, "residents"sv,
    "social_services_clients"sv, "elderly_care_recipients"sv, "vulnerable"sv, "protected_identity"sv,
    "public_figures"sv, "other"sv};
constexpr std::array k_special = {"health"sv, "genetic"sv, "biometric"sv, "racial_ethnic"sv, "political"sv,
                                  "religious_philosophical"sv, "trade_union"sv, "sex_life_orientation"sv,
                                  "criminal_offences"sv, "social_services"sv, "personal_identity_number"sv};
} // namespace

std::span<const std::string_view> what_happened() { return k_what_happened; }
std::span<const std::string_view> cause() { return k_cause; }
std::span<const std::string_view> discovered_by() { return k_discovered_by; }
std::span<const std::string_view> sector() { return k_sector; }
std::span<const std::string_view> confidentiality() { return k_confidentiality; }
std::span<const std::string_view> integrity() { return k_integrity; }
std::span<const std::string_view> availability() { return k_availability; }
std::span<const std::string_view> data() { return k_data; }
std::span<const std::string_view> groups() { return k_groups; }
std::span<const std::string_view> special_data() { return k_special; }

bool contains(std::span<const std::string_view> list, std::string_view code) {
    return std::find(list.begin(), list.end(), code) != list.end();
}

} // namespace skydda::domain::codes
