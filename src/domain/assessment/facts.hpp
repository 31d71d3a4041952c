// Facts with the gaps filled: every unknown replaced by the worse plausible value, each
// assumption recorded as a reason ("when in doubt, GDPR practice is to notify").
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/assessment/assessment.hpp"

namespace skydda::domain::assessment {

struct Facts {
    const Input* input = nullptr; // the raw input, for the facts that need no default
    Role role = Role::controller;
    WhatHappened what = WhatHappened::disclosure_other;
    Confidentiality confidentiality = Confidentiality::none;
    Integrity integrity = Integrity::none;
    Availability availability = Availability::none;
    ServiceImpact service_impact = ServiceImpact::none;
    std::optional<double> outage_hours;
    std::vector<DataType> data;
    bool data_known = true;
    std::int64_t count = 0;
    bool count_known = true;
    std::vector<Group> groups;
    Identifiability identifiability = Identifiability::maximum;
    Protection protection = Protection::none;
    bool key_compromised = false;
    std::int64_t recipients = 0;
    bool recipient_trusted = false;
    bool recovered_or_deleted = false;
    bool malicious = false;
    bool misuse_observed = false;
    bool publicly_available = false;
    bool mitigated_high_risk = false;
    bool contact_disproportionate = false;
    std::optional<Activity> activity;

    bool has(DataType type) const;
    bool has(Group group) const;
    bool has_any(std::initializer_list<DataType> types) const;
    bool has_any(std::initializer_list<Group> groups) const;
    // Art. 9 and 10 data (health, ethnicity, …, criminal offences).
    std::vector<DataType> special_categories() const;
    // Encrypted or hashed to the state of the art, and the key/salt not compromised.
    bool unintelligible() const;
    // Someone other than the authorised may have read, or may read, the data.
    bool confidentiality_lost() const { return confidentiality != Confidentiality::none && !unintelligible(); }
    bool integrity_lost() const {
        return integrity == Integrity::altered_recoverable || integrity == Integrity::altered_unrecoverable;
    }
    // The data reached more than a closed circle: unknown recipients or the public.
    bool spread_widely() const {
        return confidentiality == Confidentiality::unknown_recipients || confidentiality == Confidentiality::published;
    }
};

struct ResolvedFacts {
    Facts facts;
    std::vector<Reason> assumptions;
};

ResolvedFacts resolve_facts(const Input& input);

// ENISA 2013: SE = DPC × EI + CB, with the DPC adjustments explained as info reasons.
Severity enisa_severity(const Facts& facts, std::vector<Reason>& notes);

} // namespace skydda::domain::assessment
