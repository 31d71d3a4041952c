// assess(): resolve the facts, score them with ENISA, let every rule weigh in, then derive
// the duties. The reasons are ordered so that a reader meets the conclusion first, then the
// factors that set, raised and lowered it, and last the notes and assumptions.
#include <algorithm>

#include "domain/assessment/duties.hpp"
#include "domain/assessment/rules/rule.hpp"

namespace skydda::domain::assessment {
namespace {

int effect_rank(Effect effect) {
    switch (effect) {
    case Effect::sets: return 0;
    case Effect::raises: return 1;
    case Effect::lowers: return 2;
    case Effect::info: return 3;
    }
    return 3;
}

RiskLevel enisa_level_as_risk(SeverityLevel level) {
    if (level == SeverityLevel::low) return RiskLevel::unlikely;
    return level == SeverityLevel::very_high ? RiskLevel::high : RiskLevel::risk;
}

Reason conclusion(const Assessment& a, Role role) {
    if (role == Role::processor)
        return make_reason(fmt::format("conclusion_{}", risk_name(a.risk)), Effect::sets,
                           fmt::format("Bedömning: {}. Som personuppgiftsbiträde underrättar ni den "
                                       "personuppgiftsansvarige, som beslutar om anmälan.",
                                       risk_label_sv(a.risk)),
                           fmt::format("Assessment: {}. As a processor you tell the controller, who decides "
                                       "on notification.",
                                       risk_label_en(a.risk)));
    switch (a.risk) {
    case RiskLevel::unlikely:
        return make_reason("conclusion_unlikely", Effect::sets,
                           "Bedömning: det är osannolikt att incidenten medför en risk för personernas "
                           "rättigheter och friheter. Den behöver inte anmälas till IMY, men ska dokumenteras "
                           "internt med skälen för bedömningen (artikel 33.5).",
                           "Assessment: the breach is unlikely to result in a risk to people's rights and "
                           "freedoms. It need not be notified to IMY but must be documented internally with the "
                           "reasons (art. 33(5)).");
    case RiskLevel::risk:
        return make_reason("conclusion_risk", Effect::sets,
                           "Bedömning: incidenten kan medföra en risk för personernas rättigheter och friheter. "
                           "Anmäl den till IMY inom 72 timmar från kännedom (artikel 33.1).",
                           "Assessment: the breach may result in a risk to people's rights and freedoms. Notify "
                           "IMY within 72 hours of awareness (art. 33(1)).");
    case RiskLevel::high:
        return make_reason("conclusion_high", Effect::sets,
                           "Bedömning: incidenten medför sannolikt en hög risk för personernas rättigheter och "
                           "friheter. Anmäl den till IMY inom 72 timmar från kännedom och informera de "
                           "registrerade utan onödigt dröjsmål, om inget undantag gäller (artikel 33 och 34).",
                           "Assessment: the breach is likely to result in a high risk to people's rights and "
                           "freedoms. Notify IMY within 72 hours of awareness and tell the people without undue "
                           "delay unless an exemption applies (art. 33 and 34).");
    }
    return make_reason("conclusion_risk", Effect::sets, "", "");
}

Reason differs_from_enisa(const Assessment& a) {
    const RiskLevel band = enisa_level_as_risk(a.severity.level);
    return make_reason("legal_differs_from_enisa", Effect::info,
                       fmt::format("ENISA-nivån {} skulle i sig ge bedömningen {}. Faktorerna ovan, som poängen "
                                   "inte fångar, gör att den rättsliga bedömningen i stället blir {}.",
                                   severity_label_sv(a.severity.level), risk_label_sv(band), risk_label_sv(a.risk)),
                       fmt::format("The ENISA band {} alone would mean {}. The factors above, which the score does "
                                   "not capture, make the legal conclusion {} instead.",
                                   severity_label_en(a.severity.level), risk_label_en(band), risk_label_en(a.risk)));
}

} // namespace

std::string_view risk_name(RiskLevel level) {
    switch (level) {
    case RiskLevel::unlikely: return "unlikely";
    case RiskLevel::risk: return "risk";
    case RiskLevel::high: return "high";
    }
    return "risk";
}

std::string_view effect_name(Effect effect) {
    switch (effect) {
    case Effect::raises: return "raises";
    case Effect::lowers: return "lowers";
    case Effect::sets: return "sets";
    case Effect::info: return "info";
    }
    return "info";
}

std::string_view severity_level_name(SeverityLevel level) {
    switch (level) {
    case SeverityLevel::low: return "low";
    case SeverityLevel::medium: return "medium";
    case SeverityLevel::high: return "high";
    case SeverityLevel::very_high: return "very_high";
    }
    return "high";
}

std::string_view exemption_name(Exemption exemption) {
    switch (exemption) {
    case Exemption::encrypted: return "encrypted";
    case Exemption::mitigated: return "mitigated";
    case Exemption::disproportionate_effort: return "disproportionate_effort";
    }
    return "encrypted";
}

Assessment assess(const Input& input) {
    ResolvedFacts resolved = resolve_facts(input);
    const Facts& facts = resolved.facts;
    std::vector<Reason> notes;
    Assessment a;
    a.severity = enisa_severity(facts, notes);

    Verdict verdict;
    for (const auto& rule : rules()) rule->apply(facts, a.severity, verdict);
    a.risk = verdict.risk();

    std::vector<Reason> factors = verdict.take_reasons();
    std::stable_sort(factors.begin(), factors.end(),
                     [](const Reason& x, const Reason& y) { return effect_rank(x.effect) < effect_rank(y.effect); });
    if (a.risk != enisa_level_as_risk(a.severity.level)) factors.push_back(differs_from_enisa(a));

    std::vector<Reason> duties;
    decide_duties(facts, a, duties);

    // Duties that set something (role, exemption) belong next to the conclusion; their notes
    // (missing times, assumed classification) after the factors.
    std::vector<Reason> duty_notes;
    auto split = std::stable_partition(duties.begin(), duties.end(), [](const Reason& r) { return r.effect != Effect::info; });
    std::move(split, duties.end(), std::back_inserter(duty_notes));
    duties.erase(split, duties.end());

    a.reasons.push_back(conclusion(a, facts.role));
    for (auto* part : {&duties, &factors, &duty_notes, &notes, &resolved.assumptions})
        std::move(part->begin(), part->end(), std::back_inserter(a.reasons));
    return a;
}

} // namespace skydda::domain::assessment
