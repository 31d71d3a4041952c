// ENISA 2013 severity (shared/reference/enisa-severity.md). The numbers are shown to the user
// so they can check them; every change from a base score is explained as an info reason.
#include <algorithm>
#include <cmath>

#include "domain/assessment/facts.hpp"
#include "domain/assessment/reason_text.hpp"

namespace skydda::domain::assessment {
namespace {

// Base DPC per data type: 1 simple, 2 behavioural, 3 financial, 4 sensitive.
int base_dpc(DataType type) {
    switch (type) {
    case DataType::location:
    case DataType::traffic_metadata:
    case DataType::preferences:
    case DataType::purchase_history:
    case DataType::communication_content:
    // An identity document or a password is scored by what it opens: identity theft, an account.
    case DataType::id_document:
    case DataType::credentials:
    // A bare account number gives some but no real financial insight (ENISA: financial −1).
    case DataType::bank_account: return 2;
    case DataType::financial:
    case DataType::payment_card:
    case DataType::salary:
    case DataType::debts:
    case DataType::insurance:
    case DataType::social_welfare: return 3;
    case DataType::health:
    case DataType::genetic:
    case DataType::biometric:
    case DataType::racial_ethnic:
    case DataType::political:
    case DataType::religious_philosophical:
    case DataType::trade_union:
    case DataType::sex_life_orientation:
    case DataType::criminal_offences:
    // Swedish social services files reveal health, family and financial circumstances at once.
    case DataType::social_services: return 4;
    default: return 1;
    }
}

// The controller's field lets a plain list of names reveal more (ENISA: a diabetes web
// pharmacy's customer list scores 3, a restaurant's 1).
int activity_floor(std::optional<Activity> activity) {
    if (!activity) return 1;
    switch (*activity) {
    case Activity::healthcare:
    case Activity::social_services:
    case Activity::elderly_care: return 3;
    case Activity::finance:
    case Activity::insurance:
    case Activity::employment_services: return 2;
    default: return 1;
    }
}

bool vulnerable_people(const Facts& f) {
    return f.has_any({Group::children, Group::pupils, Group::patients, Group::social_services_clients,
                      Group::elderly_care_recipients, Group::vulnerable, Group::protected_identity});
}

int data_processing_context(const Facts& f, std::vector<Reason>& notes) {
    int dpc = 1;
    for (DataType type : f.data) dpc = std::max(dpc, base_dpc(type));
    if (const int floor = activity_floor(f.activity); floor > dpc) {
        dpc = floor;
        notes.push_back(make_reason("dpc_activity_context", Effect::info,
                                    fmt::format("Verksamhetens art gör att uppgifterna säger mer om personerna "
                                                "än de gör i sig (ENISA DPC höjt till {}).",
                                                dpc),
                                    fmt::format("The controller's field of activity makes the data reveal more "
                                                "about the people (ENISA DPC raised to {}).",
                                                dpc)));
    }
    if (f.has(Group::protected_identity) && dpc < 4) {
        // ENISA: names and phone numbers of people at risk (undercover police) score 4.
        dpc = 4;
        notes.push_back(make_reason("dpc_vulnerable_people", Effect::info,
                                    "Personer med skyddade personuppgifter kan skadas allvarligt av att även "
                                    "enkla uppgifter sprids (ENISA DPC 4).",
                                    "People with protected personal data can be seriously harmed even by simple "
                                    "data (ENISA DPC 4)."));
    } else if (vulnerable_people(f) && dpc < 4) {
        ++dpc;
        notes.push_back(make_reason("dpc_vulnerable_people", Effect::info,
                                    fmt::format("Personerna är barn eller i en utsatt ställning (ENISA DPC +1 "
                                                "till {}).",
                                                dpc),
                                    fmt::format("The people are children or in a vulnerable position (ENISA DPC "
                                                "+1 to {}).",
                                                dpc)));
    }
    const auto* in = f.input;
    if (in && in->records && f.count > 0 && *in->records > 50 * f.count && dpc < 4) {
        ++dpc;
        notes.push_back(make_reason("dpc_volume_per_person", Effect::info,
                                    fmt::format("Många uppgifter om varje person gör det möjligt att bygga en "
                                                "profil (ENISA DPC +1 till {}).",
                                                dpc),
                                    fmt::format("Many records about each person allow a profile to be built "
                                                "(ENISA DPC +1 to {}).",
                                                dpc)));
    }
    if (f.publicly_available && dpc > 1 && !f.has(Group::protected_identity)) {
        --dpc;
        notes.push_back(make_reason("dpc_publicly_available", Effect::info,
                                    fmt::format("Uppgifterna fanns redan allmänt tillgängliga (ENISA DPC −1 till "
                                                "{}).",
                                                dpc),
                                    fmt::format("The data were already publicly available (ENISA DPC −1 to {}).",
                                                dpc)));
    }
    return std::clamp(dpc, 1, 4);
}

double identifiability_value(Identifiability level) {
    switch (level) {
    case Identifiability::negligible: return 0.25;
    case Identifiability::limited: return 0.5;
    case Identifiability::significant: return 0.75;
    case Identifiability::maximum: return 1.0;
    }
    return 1.0;
}

// EI from the identifiers present when the user gave none (the contract's default: maximum
// when names or identity numbers are among the data).
Identifiability identifiability_from_data(const Facts& f) {
    if (!f.data_known || f.has_any({DataType::name, DataType::personal_identity_number, DataType::id_document,
                                    DataType::images, DataType::biometric}))
        return Identifiability::maximum;
    if (f.has_any({DataType::contact, DataType::bank_account, DataType::payment_card}))
        return Identifiability::significant;
    if (f.has_any({DataType::date_of_birth, DataType::online_identifiers, DataType::vehicle, DataType::credentials,
                   DataType::location}))
        return Identifiability::limited;
    return Identifiability::negligible;
}

double ease_of_identification(const Facts& f) {
    Identifiability level = f.input && f.input->identifiability ? *f.input->identifiability : identifiability_from_data(f);
    // Protection to the state of the art makes identification impractical without the key.
    if (f.unintelligible()) level = Identifiability::negligible;
    if (f.protection == Protection::pseudonymised && !f.key_compromised)
        level = std::min(level, Identifiability::limited);
    return identifiability_value(level);
}

double circumstances(const Facts& f) {
    double cb = 0.0;
    if (f.confidentiality == Confidentiality::known_recipients) cb += 0.25;
    if (f.spread_widely()) cb += 0.5;
    if (f.integrity == Integrity::altered_recoverable) cb += 0.25;
    if (f.integrity == Integrity::altered_unrecoverable) cb += 0.5;
    if (f.availability == Availability::temporary) cb += 0.25;
    if (f.availability == Availability::permanent) cb += 0.5;
    if (f.malicious) cb += 0.5;
    return cb;
}

SeverityLevel level_for(double score) {
    if (score < 2.0) return SeverityLevel::low;
    if (score < 3.0) return SeverityLevel::medium;
    if (score < 4.0) return SeverityLevel::high;
    return SeverityLevel::very_high;
}

} // namespace

Severity enisa_severity(const Facts& f, std::vector<Reason>& notes) {
    Severity s;
    s.dpc = data_processing_context(f, notes);
    s.ei = ease_of_identification(f);
    s.cb = circumstances(f);
    s.score = std::round((s.dpc * s.ei + s.cb) * 100.0) / 100.0;
    s.level = level_for(s.score);
    s.over_100_people = !f.count_known || f.count > 100;
    s.unintelligible = f.unintelligible();
    return s;
}

std::string decimal_sv(double value) {
    std::string text = decimal_en(value);
    std::replace(text.begin(), text.end(), '.', ',');
    return text;
}

std::string decimal_en(double value) { return fmt::format("{:g}", std::round(value * 100.0) / 100.0); }

} // namespace skydda::domain::assessment
