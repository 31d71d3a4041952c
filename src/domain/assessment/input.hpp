// The engine's input: the facts of skydda.assessment-input/1 (shared/reference/
// assessment-contract.md) as types. Every fact is optional; the engine assumes the worse
// plausible case for what is missing and says so.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "util/time.hpp"

namespace skydda::domain::assessment {

// Each enum's values are listed in the same order as its codes in k_*_codes below, so that
// code_of/parse_code can index the table.
enum class Role { controller, processor };
enum class Sector { public_sector, private_sector, other };
enum class Activity {
    healthcare, social_services, school, childcare, elderly_care, employment_services, finance,
    insurance, telecom, retail, housing, transport, hr, other
};
enum class WhatHappened { misdirected_communication, disclosure_other, unauthorised_access, loss, destruction, alteration };
enum class Cause { human_error, organisational, technical, internal_malicious, external_attack, unknown, other };
enum class DiscoveredBy { automated, routine, employee, processor, outsider_or_subject };
enum class Confidentiality { none, exposed, known_recipients, unknown_recipients, published };
enum class Integrity { none, altered_no_use, altered_recoverable, altered_unrecoverable };
enum class Availability { none, recoverable, temporary, permanent };
enum class ServiceImpact { none, minor, major, critical };
enum class Identifiability { negligible, limited, significant, maximum };
enum class Protection { none, encrypted, hashed, pseudonymised };
enum class DataType {
    name, contact, date_of_birth, personal_identity_number, id_document, images, education,
    employment, family, vehicle, online_identifiers, location, traffic_metadata, preferences,
    purchase_history, communication_content, financial, bank_account, payment_card, salary, debts,
    insurance, social_welfare, credentials, health, genetic, biometric, racial_ethnic, political,
    religious_philosophical, trade_union, sex_life_orientation, criminal_offences, social_services, other
};
enum class Group {
    children, pupils, students, patients, employees, job_seekers, customers, members, tenants,
    elected_officials, consultants, suppliers, residents, social_services_clients,
    elderly_care_recipients, vulnerable, protected_identity, public_figures, other
};

using namespace std::string_view_literals;
inline constexpr std::array k_role_codes{"controller"sv, "processor"sv};
inline constexpr std::array k_sector_codes{"public"sv, "private"sv, "other"sv};
inline constexpr std::array k_activity_codes{
    "healthcare"sv, "social_services"sv, "school"sv, "childcare"sv, "elderly_care"sv, "employment_services"sv,
    "finance"sv, "insurance"sv, "telecom"sv, "retail"sv, "housing"sv, "transport"sv, "hr"sv, "other"sv};
inline constexpr std::array k_what_happened_codes{"misdirected_communication"sv, "disclosure_other"sv,
                                                  "unauthorised_access"sv, "loss"sv, "destruction"sv, "alteration"sv};
inline constexpr std::array k_cause_codes{"human_error"sv, "organisational"sv, "technical"sv, "internal_malicious"sv,
                                          "external_attack"sv, "unknown"sv, "other"sv};
inline constexpr std::array k_discovered_by_codes{"automated"sv, "routine"sv, "employee"sv, "processor"sv,
                                                  "outsider_or_subject"sv};
inline constexpr std::array k_confidentiality_codes{"none"sv, "exposed"sv, "known_recipients"sv,
                                                    "unknown_recipients"sv, "published"sv};
inline constexpr std::array k_integrity_codes{"none"sv, "altered_no_use"sv, "altered_recoverable"sv,
                                              "altered_unrecoverable"sv};
inline constexpr std::array k_availability_codes{"none"sv, "recoverable"sv, "temporary"sv, "permanent"sv};
inline constexpr std::array k_service_impact_codes{"none"sv, "minor"sv, "major"sv, "critical"sv};
inline constexpr std::array k_identifiability_codes{"negligible"sv, "limited"sv, "significant"sv, "maximum"sv};
inline constexpr std::array k_protection_codes{"none"sv, "encrypted"sv, "hashed"sv, "pseudonymised"sv};
inline constexpr std::array k_data_codes{
    "name"sv, "contact"sv, "date_of_birth"sv, "personal_identity_number"sv, "id_document"sv, "images"sv,
    "education"sv, "employment"sv, "family"sv, "vehicle"sv, "online_identifiers"sv, "location"sv,
    "traffic_metadata"sv, "preferences"sv, "purchase_history"sv, "communication_content"sv, "financial"sv,
    "bank_account"sv, "payment_card"sv, "salary"sv, "debts"sv, "insurance"sv, "social_welfare"sv,
    "credentials"sv, "health"sv, "genetic"sv, "biometric"sv, "racial_ethnic"sv, "political"sv,
    "religious_philosophical"sv, "trade_union"sv, "sex_life_orientation"sv, "criminal_offences"sv,
    "social_services"sv, "other"sv};
inline constexpr std::array k_group_codes{
    "children"sv, "pupils"sv, "students"sv, "patients"sv, "employees"sv, "job_seekers"sv, "customers"sv,
    "members"sv, "tenants"sv, "elected_officials"sv, "consultants"sv, "suppliers"sv, "residents"sv,
    "social_services_clients"sv, "elderly_care_recipients"sv, "vulnerable"sv, "protected_identity"sv,
    "public_figures"sv, "other"sv};

// The code table of each enum, so that one template serves them all.
template <class E> constexpr std::span<const std::string_view> codes_of();
template <> constexpr std::span<const std::string_view> codes_of<Role>() { return k_role_codes; }
template <> constexpr std::span<const std::string_view> codes_of<Sector>() { return k_sector_codes; }
template <> constexpr std::span<const std::string_view> codes_of<Activity>() { return k_activity_codes; }
template <> constexpr std::span<const std::string_view> codes_of<WhatHappened>() { return k_what_happened_codes; }
template <> constexpr std::span<const std::string_view> codes_of<Cause>() { return k_cause_codes; }
template <> constexpr std::span<const std::string_view> codes_of<DiscoveredBy>() { return k_discovered_by_codes; }
template <> constexpr std::span<const std::string_view> codes_of<Confidentiality>() { return k_confidentiality_codes; }
template <> constexpr std::span<const std::string_view> codes_of<Integrity>() { return k_integrity_codes; }
template <> constexpr std::span<const std::string_view> codes_of<Availability>() { return k_availability_codes; }
template <> constexpr std::span<const std::string_view> codes_of<ServiceImpact>() { return k_service_impact_codes; }
template <> constexpr std::span<const std::string_view> codes_of<Identifiability>() { return k_identifiability_codes; }
template <> constexpr std::span<const std::string_view> codes_of<Protection>() { return k_protection_codes; }
template <> constexpr std::span<const std::string_view> codes_of<DataType>() { return k_data_codes; }
template <> constexpr std::span<const std::string_view> codes_of<Group>() { return k_group_codes; }

template <class E> constexpr std::string_view code_of(E value) {
    return codes_of<E>()[static_cast<std::size_t>(value)];
}
template <class E> constexpr std::optional<E> parse_code(std::string_view code) {
    const auto table = codes_of<E>();
    for (std::size_t i = 0; i < table.size(); ++i)
        if (table[i] == code) return static_cast<E>(i);
    return std::nullopt;
}

struct Effects {
    std::optional<Confidentiality> confidentiality;
    std::optional<Integrity> integrity;
    std::optional<Availability> availability;
};

struct Subjects {
    std::optional<std::int64_t> count;
    std::vector<Group> groups;
};

struct Input {
    Role role = Role::controller;
    std::optional<Sector> sector;
    std::optional<Activity> activity;
    std::optional<Instant> aware_at, occurred_at, discovered_at, ended_at;
    WhatHappened what_happened = WhatHappened::disclosure_other; // required in JSON
    std::optional<Cause> cause;
    std::optional<DiscoveredBy> discovered_by;
    Effects effects;
    std::optional<double> outage_hours;
    std::optional<ServiceImpact> service_impact;
    std::optional<std::vector<DataType>> data; // nullopt: not known (an empty list says "none")
    Subjects subjects;
    std::optional<std::int64_t> records;
    std::optional<Identifiability> identifiability;
    std::optional<Protection> protection;
    std::optional<bool> key_compromised;
    std::optional<std::int64_t> recipients;
    std::optional<bool> recipient_trusted, data_recovered_or_deleted, malicious, misuse_observed,
        publicly_available, mitigated_high_risk, contact_disproportionate;
    std::optional<bool> nis2_entity, significant_incident, dora_entity, major_ict_incident;
    // Optional fields added to input/1 (documented in docs/assessment.md):
    std::optional<int> controller_notice_hours; // processor's contract: hours to tell the controller
    std::optional<Instant> notified_at;         // when IMY was notified (starts the supplement period)
    std::optional<Instant> classified_at;       // DORA: when the incident was classified as major
};

} // namespace skydda::domain::assessment
