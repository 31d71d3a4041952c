#include "domain/assessment/facts.hpp"

#include <algorithm>

#include "domain/assessment/reason_text.hpp"

namespace skydda::domain::assessment {
namespace {

// What a breach of this kind most plausibly did to confidentiality when nobody said: the worse
// plausible reading, because an unexamined exfiltration is the classic missed notification.
Confidentiality assumed_confidentiality(const Input& in) {
    if (in.cause == Cause::external_attack || in.cause == Cause::internal_malicious)
        return Confidentiality::unknown_recipients;
    switch (in.what_happened) {
    case WhatHappened::misdirected_communication:
    case WhatHappened::disclosure_other: return Confidentiality::known_recipients;
    case WhatHappened::unauthorised_access: return Confidentiality::unknown_recipients;
    case WhatHappened::loss: return Confidentiality::exposed;
    case WhatHappened::destruction:
    case WhatHappened::alteration: return Confidentiality::none;
    }
    return Confidentiality::unknown_recipients;
}

void resolve_effects(const Input& in, Facts& f, std::vector<Reason>& out) {
    if (in.effects.confidentiality) {
        f.confidentiality = *in.effects.confidentiality;
    } else {
        f.confidentiality = assumed_confidentiality(in);
        if (f.confidentiality != Confidentiality::none)
            out.push_back(make_reason(
                "assumed_confidentiality", Effect::info,
                fmt::format("Det är inte angivet vem som kan ha tagit del av uppgifterna. Vi utgår från det "
                            "värre troliga fallet för den här typen av incident ({}).",
                            code_of(f.confidentiality)),
                fmt::format("Who may have seen the data is not stated. We assume the worse plausible case "
                            "for this kind of breach ({}).",
                            code_of(f.confidentiality))));
    }
    if (in.effects.integrity) {
        f.integrity = *in.effects.integrity;
    } else if (in.what_happened == WhatHappened::alteration) {
        f.integrity = Integrity::altered_recoverable;
        out.push_back(make_reason("assumed_integrity", Effect::info,
                                  "Det är inte angivet om de ändrade uppgifterna har använts. Vi utgår från att "
                                  "de kan ha använts felaktigt.",
                                  "It is not stated whether the altered data were used. We assume they may "
                                  "have been misused."));
    }
    if (in.effects.availability) {
        f.availability = *in.effects.availability;
    } else if (in.what_happened == WhatHappened::destruction || in.what_happened == WhatHappened::loss) {
        f.availability = in.what_happened == WhatHappened::destruction ? Availability::permanent : Availability::temporary;
        out.push_back(make_reason(
            "assumed_availability", Effect::info,
            "Det är inte angivet om uppgifterna finns kvar i en säkerhetskopia. Vi utgår från att de inte "
            "går att återställa direkt.",
            "It is not stated whether a backup exists. We assume the data cannot be restored at once."));
    }
}

void resolve_data(const Input& in, Facts& f) {
    if (in.data) {
        f.data = *in.data;
        return;
    }
    // Identifying data are almost always involved; sensitive data cannot be ruled out.
    f.data = {DataType::name};
    f.data_known = false; // rule_data_unknown sets the floor and says why
}

void resolve_subjects(const Input& in, Facts& f, std::vector<Reason>& out) {
    f.groups = in.subjects.groups;
    if (in.subjects.count) {
        f.count = *in.subjects.count;
        return;
    }
    f.count_known = false;
    out.push_back(make_reason("assumed_count_unknown", Effect::info,
                              "Antalet berörda personer är inte angivet. Vi utgår från att fler än 100 "
                              "personer kan vara berörda.",
                              "The number of people affected is not stated. We assume more than 100 people "
                              "may be affected."));
}

void resolve_protection(const Input& in, Facts& f, std::vector<Reason>& out) {
    f.protection = in.protection.value_or(Protection::none);
    if (!in.protection && f.confidentiality != Confidentiality::none)
        out.push_back(make_reason("assumed_unprotected", Effect::info,
                                  "Det är inte angivet om uppgifterna var krypterade. Vi utgår från att de var "
                                  "läsbara.",
                                  "It is not stated whether the data were encrypted. We assume they were "
                                  "readable."));
    if (f.protection == Protection::none) return;
    if (in.key_compromised) {
        f.key_compromised = *in.key_compromised;
    } else {
        f.key_compromised = true;
        out.push_back(make_reason("assumed_key_compromised", Effect::info,
                                  "Det är inte angivet om nyckeln eller lösenordet också kan ha röjts. Vi utgår "
                                  "från att skyddet inte räcker förrän det är bekräftat att nyckeln är säker.",
                                  "It is not stated whether the key or password was also compromised. We do not "
                                  "rely on the protection until the key is confirmed safe."));
    }
}

void resolve_recipients(const Input& in, Facts& f, std::vector<Reason>& out) {
    f.recipients = in.recipients.value_or(0);
    f.recipient_trusted = in.recipient_trusted.value_or(false);
    f.recovered_or_deleted = in.data_recovered_or_deleted.value_or(false);
    if (f.confidentiality != Confidentiality::known_recipients || in.recipient_trusted) return;
    out.push_back(make_reason("assumed_recipient_untrusted", Effect::info,
                              "Det är inte angivet om mottagaren är pålitlig och har tystnadsplikt. Vi utgår "
                              "från att mottagaren inte är det.",
                              "It is not stated whether the recipient is trustworthy and bound by "
                              "confidentiality. We assume not."));
}

void resolve_intent(const Input& in, Facts& f, std::vector<Reason>& out) {
    if (in.malicious) {
        f.malicious = *in.malicious;
        return;
    }
    const bool by_cause = in.cause == Cause::internal_malicious || in.cause == Cause::external_attack;
    const bool cause_unknown = !in.cause || in.cause == Cause::unknown;
    f.malicious = by_cause || (cause_unknown && in.what_happened == WhatHappened::unauthorised_access);
    if (f.malicious && !by_cause)
        out.push_back(make_reason("assumed_malicious", Effect::info,
                                  "Orsaken till den obehöriga åtkomsten är okänd. Vi utgår från att den kan ha "
                                  "varit avsiktlig.",
                                  "The cause of the unauthorised access is unknown. We assume it may have been "
                                  "intentional."));
}

} // namespace

bool Facts::has(DataType type) const { return std::find(data.begin(), data.end(), type) != data.end(); }
bool Facts::has(Group group) const { return std::find(groups.begin(), groups.end(), group) != groups.end(); }
bool Facts::has_any(std::initializer_list<DataType> types) const {
    return std::any_of(types.begin(), types.end(), [&](DataType t) { return has(t); });
}
bool Facts::has_any(std::initializer_list<Group> list) const {
    return std::any_of(list.begin(), list.end(), [&](Group g) { return has(g); });
}

std::vector<DataType> Facts::special_categories() const {
    static constexpr std::array k_special{DataType::health, DataType::genetic, DataType::biometric,
                                          DataType::racial_ethnic, DataType::political,
                                          DataType::religious_philosophical, DataType::trade_union,
                                          DataType::sex_life_orientation, DataType::criminal_offences};
    std::vector<DataType> found;
    for (DataType type : k_special)
        if (has(type)) found.push_back(type);
    return found;
}

bool Facts::unintelligible() const {
    return (protection == Protection::encrypted || protection == Protection::hashed) && !key_compromised;
}

ResolvedFacts resolve_facts(const Input& in) {
    ResolvedFacts out;
    Facts& f = out.facts;
    f.input = &in;
    f.role = in.role;
    f.what = in.what_happened;
    f.service_impact = in.service_impact.value_or(ServiceImpact::none);
    f.outage_hours = in.outage_hours;
    f.activity = in.activity;
    f.misuse_observed = in.misuse_observed.value_or(false);
    f.publicly_available = in.publicly_available.value_or(false);
    f.mitigated_high_risk = in.mitigated_high_risk.value_or(false);
    f.contact_disproportionate = in.contact_disproportionate.value_or(false);
    resolve_effects(in, f, out.assumptions);
    resolve_data(in, f);
    resolve_subjects(in, f, out.assumptions);
    resolve_protection(in, f, out.assumptions);
    resolve_recipients(in, f, out.assumptions);
    resolve_intent(in, f, out.assumptions);
    return out;
}

} // namespace skydda::domain::assessment
