// From the legal level to duties: who must be told (art. 33/34), which art. 34(3) exemption
// applies, and the deadlines of GDPR, NIS2 and DORA.
#include "domain/assessment/duties.hpp"

#include "domain/assessment/reason_text.hpp"

namespace skydda::domain::assessment {
namespace {

void processor_duties(const Facts& f, Assessment& a, std::vector<Reason>& out) {
    const auto hours = f.input->controller_notice_hours;
    out.push_back(make_reason(
        "processor_role", Effect::sets,
        hours ? fmt::format("Organisationen är personuppgiftsbiträde. Den anmäler inte själv till IMY utan ska "
                            "underrätta den personuppgiftsansvarige utan onödigt dröjsmål, enligt avtalet "
                            "inom {} timmar (artikel 33.2). Den ansvarige gör riskbedömningen och beslutar om "
                            "anmälan och information till de registrerade.",
                            *hours)
              : std::string("Organisationen är personuppgiftsbiträde. Den anmäler inte själv till IMY utan ska "
                            "underrätta den personuppgiftsansvarige utan onödigt dröjsmål (artikel 33.2). Vi "
                            "sätter 24 timmar från kännedom som mål. Den ansvarige gör riskbedömningen och "
                            "beslutar om anmälan och information till de registrerade."),
        hours ? fmt::format("The organisation is a processor. It does not notify IMY itself but tells the "
                            "controller without undue delay, under the contract within {} hours (art. 33(2)). The "
                            "controller assesses the risk and decides on notification and communication.",
                            *hours)
              : std::string("The organisation is a processor. It does not notify IMY itself but tells the "
                            "controller without undue delay (art. 33(2)); we use 24 hours from awareness as the "
                            "target. The controller assesses the risk and decides on notification and "
                            "communication.")));
    a.notify_authority = false;
    a.notify_subjects = false;
    if (f.input->aware_at)
        a.deadlines.push_back({Duty::notify_controller, Regime::gdpr, processor_notice_due(*f.input->aware_at, hours),
                               hours ? "GDPR art. 33(2); contract" : "GDPR art. 33(2); target 24 h"});
}

bool confidentiality_only(const Facts& f) {
    return !f.integrity_lost() && (f.availability == Availability::none || f.availability == Availability::recoverable);
}

std::optional<Exemption> exemption_for(const Facts& f, std::vector<Reason>& out) {
    if (f.unintelligible() && confidentiality_only(f)) {
        out.push_back(make_reason("exemption_encrypted", Effect::sets,
                                  "De registrerade behöver inte informeras eftersom uppgifterna är oläsliga för "
                                  "obehöriga: de var krypterade och nyckeln är säker (artikel 34.3 a).",
                                  "The people need not be told because the data are unintelligible to others: "
                                  "encrypted with the key safe (art. 34(3)(a))."));
        return Exemption::encrypted;
    }
    if (f.mitigated_high_risk) {
        out.push_back(make_reason("exemption_mitigated", Effect::sets,
                                  "De registrerade behöver inte informeras eftersom åtgärder efter incidenten gör "
                                  "att den höga risken inte längre sannolikt kommer att inträffa (artikel 34.3 b). "
                                  "Dokumentera åtgärderna.",
                                  "The people need not be told because measures taken since the breach mean the "
                                  "high risk is no longer likely to materialise (art. 34(3)(b)). Document them."));
        return Exemption::mitigated;
    }
    if (f.contact_disproportionate) {
        out.push_back(make_reason("exemption_disproportionate_effort", Effect::sets,
                                  "Att kontakta var och en skulle kräva oproportionerligt stor ansträngning "
                                  "(artikel 34.3 c). Ni måste i stället informera genom ett offentligt meddelande "
                                  "eller en lika effektiv åtgärd, till exempel på webbplatsen och i press, så att "
                                  "de berörda kan skydda sig.",
                                  "Contacting each person would take disproportionate effort (art. 34(3)(c)). You "
                                  "must instead make a public communication or an equally effective measure, e.g. "
                                  "on the website and in the press, so the people can protect themselves."));
        return Exemption::disproportionate_effort;
    }
    return std::nullopt;
}

void controller_duties(const Facts& f, Assessment& a, std::vector<Reason>& out) {
    a.notify_authority = a.risk != RiskLevel::unlikely;
    const auto& in = *f.input;
    if (a.notify_authority && in.aware_at)
        a.deadlines.push_back({Duty::notify_authority, Regime::gdpr, gdpr_authority_due(*in.aware_at), "GDPR art. 33(1)"});
    if (a.notify_authority && in.notified_at)
        a.deadlines.push_back({Duty::supplement_authority, Regime::gdpr, gdpr_supplement_due(*in.notified_at),
                               "GDPR art. 33(4); IMY practice: 4 weeks"});
    if (a.risk != RiskLevel::high) return;
    a.subjects_exemption = exemption_for(f, out);
    a.notify_subjects = !a.subjects_exemption;
    if (a.notify_subjects)
        a.deadlines.push_back({Duty::notify_subjects, Regime::gdpr, std::nullopt, "GDPR art. 34(1): without undue delay"});
    if (a.subjects_exemption == Exemption::disproportionate_effort)
        a.deadlines.push_back({Duty::public_communication, Regime::gdpr, std::nullopt,
                               "GDPR art. 34(3)(c): without undue delay"});
}

void nis2_duties(const Input& in, Assessment& a) {
    if (!in.nis2_entity.value_or(false) || !in.significant_incident.value_or(false) || !in.aware_at) return;
    const auto d = nis2_deadlines(*in.aware_at);
    a.deadlines.push_back({Duty::nis2_early_warning, Regime::nis2, d.early_warning, "NIS2 art. 23(4)(a); SFS 2025:1506"});
    a.deadlines.push_back({Duty::nis2_notification, Regime::nis2, d.notification, "NIS2 art. 23(4)(b); SFS 2025:1506"});
    a.deadlines.push_back({Duty::nis2_final_report, Regime::nis2, d.final_report,
                           "NIS2 art. 23(4)(d): one month after the notification, counted from its latest time"});
}

void dora_duties(const Input& in, Assessment& a, std::vector<Reason>& out) {
    if (!in.dora_entity.value_or(false) || !in.major_ict_incident.value_or(false) || !in.aware_at) return;
    if (!in.classified_at)
        out.push_back(make_reason("dora_classification_assumed", Effect::info,
                                  "Tidpunkten då incidenten klassades som allvarlig enligt DORA är inte angiven. "
                                  "Vi räknar från kännedom, vilket ger den tidigaste fristen.",
                                  "The time the incident was classified as major under DORA is not given. We "
                                  "count from awareness, which gives the earliest deadline."));
    const auto d = dora_deadlines(*in.aware_at, in.classified_at);
    a.deadlines.push_back({Duty::dora_initial, Regime::dora, d.initial, "Reg. (EU) 2025/301 art. 5(1)(a)"});
    a.deadlines.push_back({Duty::dora_intermediate, Regime::dora, d.intermediate,
                           "Reg. (EU) 2025/301 art. 5(1)(b), counted from the initial report's latest time"});
    a.deadlines.push_back({Duty::dora_final, Regime::dora, d.final_report, "Reg. (EU) 2025/301 art. 5(1)(c)"});
}

} // namespace

void decide_duties(const Facts& f, Assessment& a, std::vector<Reason>& out) {
    if (f.role == Role::processor)
        processor_duties(f, a, out);
    else
        controller_duties(f, a, out);
    nis2_duties(*f.input, a);
    dora_duties(*f.input, a, out);
    const bool needs_clock = a.notify_authority || f.role == Role::processor;
    if (needs_clock && !f.input->aware_at)
        out.push_back(make_reason("aware_at_missing", Effect::info,
                                  "Tidpunkten för kännedom (aware_at) saknas, så fristerna kan inte räknas ut. "
                                  "Fristen på 72 timmar löper ändå från när ni fick kännedom om incidenten.",
                                  "The time of awareness (aware_at) is missing, so deadlines cannot be computed. "
                                  "The 72-hour period still runs from when you became aware."));
}

} // namespace skydda::domain::assessment
