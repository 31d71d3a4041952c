// The words of the notification to IMY and its supplements, Swedish and English side by side:
// IMY's questions in the order and wording of its e-service (shared/reference/
// imy-notification-fields.md) and the labels of the contract's codes in IMY's own choices.
// The app layer cannot see the web layer's catalogues, so the code labels are kept here too,
// with the same wording as web/messages_core.cpp (tests/app/notify/test_notifications.cpp checks
// that every code has one).
#include <string>
#include <unordered_map>

#include "app/notify/doc_imy.hpp"
#include "app/documents/doc_labels.hpp"

namespace skydda::app::imy {
namespace {

struct Text {
    std::string_view key, sv, en;
};

constexpr Text k_texts[] = {
    {"title", "Anmälan av personuppgiftsincident till IMY", "Personal data breach notification to IMY"},
    {"title.supplement", "Komplettering av anmälan om personuppgiftsincident", "Supplement to a personal data breach notification"},
    {"section.controller", "Personuppgiftsansvarig", "Controller"},
    {"section.contact", "Kontaktperson för anmälan", "Contact for the notification"},
    {"section.breach", "Personuppgiftsincidenten", "The breach"},
    {"section.data", "Personuppgifterna och de registrerade", "The data and the data subjects"},
    {"section.consequences", "Konsekvenser", "Consequences"},
    {"section.subjects", "Information till de registrerade", "Information to the data subjects"},
    {"section.late", "Sen anmälan", "Late notification"},
    {"section.supplement", "Komplettering", "Supplement"},
    {"section.refers", "Komplettering avser", "This supplement refers to"},
    {"section.changes", "Nytt eller ändrat sedan förra anmälan", "New or changed since the previous notification"},
    {"controller.name", "Namn på den personuppgiftsansvarige där incidenten inträffade",
     "Name of the controller where the breach happened"},
    {"controller.orgnr", "Organisationsnummer (XXXXXX-XXXX)", "Organisation number (XXXXXX-XXXX)"},
    {"controller.address", "Postadress", "Postal address"},
    {"controller.reference", "Eget referensnummer (diarienummer)", "Own reference number (registry number)"},
    {"controller.processors", "Personuppgiftsbiträden och underbiträden som berörs",
     "Processors and sub-processors involved"},
    {"controller.dpo", "Dataskyddsombud: namn och kontaktuppgifter", "Data protection officer: name and contact details"},
    {"contact.person", "Kontaktperson som IMY kan nå (namn, telefon, e-post)",
     "Contact person IMY can reach (name, phone, e-mail)"},
    {"contact.address", "Adress dit IMY ska skicka post", "Address IMY should write to"},
    {"breach.risk", "Medför incidenten en risk för de registrerades rättigheter och friheter?",
     "Does the breach entail a risk to the data subjects' rights and freedoms?"},
    {"breach.occurred_at", "När inträffade incidenten?", "When did the breach happen?"},
    {"breach.discovered_at", "När upptäcktes incidenten?", "When was the breach discovered?"},
    {"breach.ended_at", "När upphörde incidenten?", "When did the breach end?"},
    {"breach.what_happened", "Vad har hänt vid incidenten?", "What happened in the breach?"},
    {"breach.description", "Kort beskrivning av incidenten", "Short description of the breach"},
    {"breach.discovered_by", "Hur upptäckte ni incidenten?", "How did you discover the breach?"},
    {"breach.cause", "Varför inträffade incidenten enligt er uppfattning?", "Why did the breach happen, in your view?"},
    {"breach.sector", "Inom vilken sektor inträffade incidenten?", "In which sector did the breach happen?"},
    {"subjects.count", "Hur många registrerade berörs?", "How many data subjects are affected?"},
    {"subjects.records", "Hur många registerposter berörs?", "How many personal data records are affected?"},
    {"subjects.groups", "Vilka grupper tillhör de registrerade?", "Which groups do the data subjects belong to?"},
    {"data.categories", "Vilka typer av personuppgifter berörs?", "Which kinds of personal data are affected?"},
    {"data.encrypted", "Var personuppgifterna krypterade?", "Were the data encrypted?"},
    {"consequences.description", "Vilka kan konsekvenserna bli för de registrerade?",
     "What may the consequences be for the data subjects?"},
    {"consequences.severity", "Hur allvarlig är incidenten för de registrerades integritet?",
     "How serious is the breach for the data subjects' privacy?"},
    {"consequences.measures", "Hur har ni agerat efter incidenten? Åtgärder som vidtagits eller planeras för att lösa, "
                              "förebygga eller mildra",
     "How have you acted after the breach? Measures taken or planned to solve, prevent or mitigate"},
    {"subjects.informed", "Har ni informerat de registrerade? När?", "Have you informed the data subjects? When?"},
    {"subjects.will_inform", "Kommer ni att informera de registrerade? När?", "Will you inform the data subjects? When?"},
    {"subjects.why_not", "Om inte, varför?", "If not, why not?"},
    {"late.reason", "Anmälan görs senare än 72 timmar efter att vi fick kännedom om incidenten: varför?",
     "The notification is made later than 72 hours after we became aware of the breach: why?"},
    {"supplement.will", "Kommer ni att komplettera anmälan?", "Will you supplement the notification?"},
    {"supplement.reason", "Varför, och vad saknas?", "Why, and what is missing?"},
    {"supplement.note", "Vad kompletteringen tillför", "What this supplement adds"},
    {"refers.authority_reference", "IMY:s diarienummer för anmälan", "IMY's case number of the notification"},
    {"refers.our_reference", "Vårt referensnummer", "Our reference number"},
    {"refers.submitted_at", "Anmälan skickades", "The notification was sent"},
    {"refers.phase", "Kompletteringens nummer", "Number of this supplement"},
    // Answers
    {"yes", "Ja", "Yes"},
    {"no", "Nej", "No"},
    {"partly", "Delvis", "Partly"},
    {"unknown", "Okänt", "Unknown"},
    {"none", "Inga", "None"},
    {"ongoing", "Incidenten pågår eller slutet är inte känt", "The breach is ongoing or its end is not known"},
    {"not_asked", "Behöver inte besvaras (de registrerade har informerats)",
     "Need not be answered (the data subjects have been informed)"},
    {"risk.unlikely", "Nej: det är osannolikt att incidenten medför en risk", "No: the breach is unlikely to result in a risk"},
    {"risk.risk", "Ja: incidenten medför en risk", "Yes: the breach entails a risk"},
    {"risk.high", "Ja: incidenten medför sannolikt en hög risk", "Yes: the breach is likely to entail a high risk"},
    {"severity.low", "Låg", "Low"},
    {"severity.medium", "Medel", "Medium"},
    {"severity.high", "Hög", "High"},
    {"severity.very_high", "Mycket hög", "Very high"},
    {"severity.method", "enligt ENISA:s metod, poäng", "by the ENISA method, score"},
    {"will_inform.decided", "Ja: beslutat efter riskbedömningen", "Yes: decided after the risk assessment"},
    {"why_not.no_high_risk", "Incidenten bedöms inte sannolikt medföra en hög risk för de registrerade (artikel 34.1 GDPR)",
     "The breach is not considered likely to result in a high risk to the data subjects (GDPR art. 34(1))"},
    {"awareness", "Vi fick kännedom om incidenten", "We became aware of the breach"},
    {"hours_after", "Anmälan görs {} timmar efter kännedom.", "The notification is made {} hours after awareness."},
    {"no_changes", "Inget nytt eller ändrat sedan förra anmälan.", "Nothing new or changed since the previous notification."},
    {"missing_list", "Saknas", "Missing"},
    // The contract's codes in IMY's wording
    {"groups.other", "Andra", "Others"},};

const std::unordered_map<std::string_view, const Text*>& index() {
    static const auto instance = [] {
        std::unordered_map<std::string_view, const Text*> map;
        for (const auto& text : k_texts) map.emplace(text.key, &text);
        return map;
    }();
    return instance;
}

} // namespace

std::string_view text(std::string_view language, std::string_view key) {
    auto found = index().find(key);
    if (found == index().end()) return key;
    return language == "en" ? found->second->en : found->second->sv;
}

bool has_text(std::string_view key) { return index().contains(key); }

// IMY's own wording where it differs from the catalogue's (the risk levels); otherwise the
// documents' shared code labels (doc_labels.cpp), which are IMY's wording for IMY's choices.
std::string code_text(std::string_view language, std::string_view list, std::string_view code) {
    std::string key = std::string(list) + "." + std::string(code);
    if (has_text(key)) return std::string(text(language, key));
    return code.empty() ? std::string() : code_label(list, code, language);
}

} // namespace skydda::app::imy
