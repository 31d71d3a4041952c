// The register of processing activities (GDPR art. 30): the codes it uses, the checks of its
// entries, and what an entry still lacks or gets wrong. Suppliers and systems are kept once
// per group of organisations (a municipality with its nämnder); each organisation keeps its own
// processing activities, which name the group's systems and suppliers. Subject groups and data
// categories are the assessment contract's codes (domain/codes.hpp), so a breach case and the
// register speak the same language. Deterministic; no storage.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace skydda::domain::reg {

// --- suppliers ----------------------------------------------------------------------------
enum class SupplierRole { processor, sub_processor, joint_controller, independent_controller };
std::optional<SupplierRole> parse_supplier_role(std::string_view text);
std::string_view supplier_role_name(SupplierRole role);

struct Agreement {
    std::string signed_on;  // YYYY-MM-DD, "" when not signed
    std::string reference;
    std::string expires_on; // YYYY-MM-DD, "" when it does not expire
};

struct Supplier {
    std::string name;
    std::string orgnr;   // Swedish organisation number NNNNNN-NNNN, or "" (a foreign company)
    std::string country; // ISO 3166-1 alpha-2 ("SE")
    SupplierRole role = SupplierRole::processor;
    Agreement agreement;
    std::vector<std::string> sub_processors; // supplier ids of the same group
    std::string contact;
};

// invalid_argument naming the field: name, orgnr, country, role, agreement.signed_on, ...
Status check_supplier(const Supplier& supplier);

// What is wrong with a supplier on `today` (YYYY-MM-DD): "no_agreement" (a processor or
// sub-processor without a signed data processing agreement, GDPR art. 28(3)),
// "agreement_expired", "third_country" (outside the EU/EEA).
std::vector<std::string> supplier_flags(const Supplier& supplier, std::string_view today);

// --- systems ------------------------------------------------------------------------------
// SKR's KLASSA levels for confidentiality, integrity and availability: 0 (none) to 4.
struct Klassa {
    std::optional<int> k, r, t;
};

struct System {
    std::string name;
    std::string supplier_id; // "" for a system the organisation runs itself
    std::string owner_org;   // the organisation that owns it (systemägare), or ""
    std::string hosting_country;
    Klassa klassa;
};
Status check_system(const System& system);

// --- processing activities ----------------------------------------------------------------
enum class RecipientKind { internal, authority, processor, third_party };
std::optional<RecipientKind> parse_recipient_kind(std::string_view text);
std::string_view recipient_kind_name(RecipientKind kind);

enum class TransferMechanism { adequacy, scc, bcr, derogation };
std::optional<TransferMechanism> parse_transfer_mechanism(std::string_view text);
std::string_view transfer_mechanism_name(TransferMechanism mechanism);

struct Recipient {
    std::string name;
    RecipientKind kind = RecipientKind::internal;
    std::string country; // "" for Sweden / not given
};

struct Transfer {
    std::string country;                       // outside the EU/EEA
    std::optional<TransferMechanism> mechanism; // none: a problem
    std::string supplier_id;
};

enum class ActivityStatus { draft, approved, archived };
std::optional<ActivityStatus> parse_activity_status(std::string_view text);
std::string_view activity_status_name(ActivityStatus status);

struct Activity {
    std::string name;
    std::vector<std::string> purposes;
    std::vector<std::string> legal_bases;            // "6.1.a" .. "6.1.f"
    std::string balancing_test;                       // the interest balancing behind 6.1.f
    std::vector<std::string> special_category_bases; // "9.2.a" .. "9.2.j"
    std::string criminal_data_basis;                  // art. 10: the law that allows it
    std::vector<std::string> subject_groups;          // codes::groups()
    std::vector<std::string> data;                    // codes::data()
    std::string sources;
    std::vector<Recipient> recipients;
    std::vector<std::string> systems;   // system ids of the organisation's group
    std::vector<std::string> suppliers; // supplier ids of the organisation's group
    std::vector<Transfer> transfers;
    std::string retention;
    std::string security_measures;
    std::string responsible_unit; // a unit id of the organisation
    std::string owner;            // a user id
    std::optional<int> review_interval_months;
    std::vector<std::string> on_behalf_of; // processor customer ids: the processor's register
};

// Codes, sizes and shapes; invalid_argument naming the field ("legal_bases", "data",
// "recipients[1].kind", "transfers[0].mechanism", "review_interval_months"). Only `name` is
// required: a draft may lack anything else.
Status check_activity(const Activity& activity);

// The items of art. 30(1) (or 30(2) for a processor's activity) still empty, by field name:
// "purposes", "legal_bases", "subject_groups", "data", "recipients", "retention",
// "security_measures" ("legal_bases" and "purposes" are the controller's; a processor's
// activity lists "on_behalf_of" and "suppliers" instead).
std::vector<std::string> missing_items(const Activity& activity);

// What must not be silently accepted: "special_category_without_basis" (art. 9 data without an
// art. 9(2) basis), "criminal_data_without_basis" (art. 10), "transfer_without_mechanism"
// (chapter V), "legitimate_interest_without_balancing" (6.1.f without a recorded balancing test).
std::vector<std::string> activity_problems(const Activity& activity);

// ISO 3166-1 alpha-2 countries of the EU/EEA (where no transfer safeguard is needed).
bool in_eea(std::string_view country);

} // namespace skydda::domain::reg
