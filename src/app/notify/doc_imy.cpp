// The notification to IMY and its supplements as documents. Every item of IMY's e-service in
// its order, with IMY's question numbers, prefilled from the case; what the case cannot know
// (who IMY should contact, whether the data were encrypted, whether the people have been told,
// whether a supplement will follow) comes from the notification's draft.
#include "app/notify/doc_imy.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "app/documents/doc_labels.hpp"
#include "app/documents/documents.hpp"
#include "domain/duties.hpp"
#include "util/text.hpp"

namespace skydda::app {
namespace imy {
namespace {
namespace json = boost::json;

constexpr std::array k_draft_keys = {
    DraftKey{"contact.person", false, false},  DraftKey{"contact.address", false, false},
    DraftKey{"controller.processors", false, false}, DraftKey{"data.encrypted", true, false},
    DraftKey{"subjects.informed", true, false}, DraftKey{"subjects.informed_at", false, true},
    DraftKey{"subjects.will_inform", true, false}, DraftKey{"subjects.will_inform_at", false, true},
    DraftKey{"subjects.why_not", false, true}, DraftKey{"late.reason", false, true},
    DraftKey{"supplement.will", true, false}, DraftKey{"supplement.reason", false, true},
    DraftKey{"supplement.note", false, true},
};


std::string value_of(const FieldMap& map, std::string_view key) {
    auto found = map.find(std::string(key));
    return found == map.end() ? std::string() : found->second;
}

bool blank(std::string_view value) { return text::trim(value).empty(); }

std::string codes_text(std::string_view language, std::string_view list, const std::vector<std::string>& codes) {
    std::string out;
    for (const auto& code : codes) out += (out.empty() ? "" : "\n") + code_text(language, list, code);
    return out;
}

std::string joined(std::initializer_list<std::string_view> parts, std::string_view separator) {
    std::string out;
    for (auto part : parts)
        if (!blank(part)) out += (out.empty() ? "" : std::string(separator)) + std::string(part);
    return out;
}

// A yes/no answer with an optional "when", in the document's language.
std::string answer(std::string_view language, std::string_view choice, std::string_view when_text) {
    if (choice.empty()) return {};
    auto word = std::string(text(language, choice));
    return blank(when_text) ? word : word + ", " + std::string(when_text);
}

class SectionBuilder {
public:
    SectionBuilder(doc::Document& document, std::string_view language, std::string_view heading_key)
        : m_language(language), m_section(&document.sections.emplace_back()) {
        m_section->heading = std::string(text(language, heading_key));
    }
    void field(std::string_view key, std::string_view number, std::string value, bool missing) {
        m_section->blocks.emplace_back(
            doc::Field{std::string(key), std::string(number), std::string(text(m_language, key)), std::move(value),
                       missing});
    }
    // Required: missing when empty.
    void required(std::string_view key, std::string_view number, std::string value) {
        bool missing = blank(value);
        field(key, number, std::move(value), missing);
    }
    void paragraph(std::string text_value) { m_section->blocks.emplace_back(doc::Paragraph{std::move(text_value)}); }

private:
    std::string_view m_language;
    doc::Section* m_section;
};

struct Assessed {
    std::string risk;           // the decided level, else the engine's
    std::string severity_level; // ENISA band
    double severity_score = 0;
};

Assessed assessed(const Inputs& inputs) {
    Assessed out;
    if (inputs.assessment) {
        boost::system::error_code error;
        auto output = json::parse(inputs.assessment->output_json, error);
        if (!error && output.is_object()) {
            const auto& o = output.as_object();
            if (const auto* risk = o.if_contains("risk"); risk && risk->is_string()) out.risk = risk->get_string();
            if (const auto* s = o.if_contains("severity"); s && s->is_object()) {
                const auto& severity = s->as_object();
                if (const auto* level = severity.if_contains("level"); level && level->is_string())
                    out.severity_level = level->get_string();
                if (const auto* score = severity.if_contains("score"); score && score->is_number())
                    out.severity_score = score->to_number<double>();
            }
        }
    }
    if (inputs.decision && !inputs.decision->risk.empty()) out.risk = inputs.decision->risk;
    return out;
}

void controller_section(doc::Document& document, std::string_view language, const domain::Incident& incident,
                        const domain::Organisation& organisation, const FieldMap& draft) {
    SectionBuilder s(document, language, "section.controller");
    s.required("controller.name", "1", organisation.name);
    s.field("controller.orgnr", "2", organisation.orgnr, false); // empty for a sole trader
    s.required("controller.address", "3", organisation.address);
    s.field("controller.reference", "", incident.case_number, false);
    auto processors = value_of(draft, "controller.processors");
    if (blank(processors)) processors = incident.facts.processor_name;
    if (blank(processors) && incident.facts.processor_involved == false) processors = text(language, "none");
    s.field("controller.processors", "", processors, blank(processors) && incident.facts.processor_involved == true);
    s.required("controller.dpo", "",
               blank(organisation.dpo_name)
                   ? std::string()
                   : joined({organisation.dpo_name, organisation.dpo_email, organisation.dpo_phone}, ", "));
}

void contact_section(doc::Document& document, std::string_view language, const domain::Organisation& organisation,
                     const FieldMap& draft) {
    SectionBuilder s(document, language, "section.contact");
    s.required("contact.person", "9", value_of(draft, "contact.person"));
    auto address = value_of(draft, "contact.address");
    s.required("contact.address", "9", blank(address) ? organisation.address : address);
}

void breach_section(doc::Document& document, std::string_view language, const domain::Incident& incident,
                    const domain::Organisation& organisation, const Assessed& assessment) {
    const auto& f = incident.facts;
    SectionBuilder s(document, language, "section.breach");
    s.required("breach.risk", "", assessment.risk.empty() ? std::string() : code_text(language, "risk", assessment.risk));
    s.required("breach.occurred_at", "13", fact_time_text(f, "occurred_at", f.occurred_at, language));
    s.required("breach.discovered_at", "13", fact_time_text(f, "discovered_at", f.discovered_at, language));
    s.field("breach.ended_at", "13", f.ended_at ? fact_time_text(f, "ended_at", f.ended_at, language) : std::string(text(language, "ongoing")), false);
    s.required("breach.what_happened", "15", f.what_happened.empty() ? "" : code_text(language, "what_happened", f.what_happened));
    s.required("breach.description", "16", f.description);
    s.required("breach.discovered_by", "17", f.discovered_by.empty() ? "" : code_text(language, "discovered_by", f.discovered_by));
    std::string cause = f.cause.empty() ? "" : code_text(language, "cause", f.cause);
    if (f.cause == "other" && !blank(f.cause_other)) cause += ": " + f.cause_other;
    s.required("breach.cause", "18", cause);
    s.required("breach.sector", "19", organisation.sector.empty() ? "" : code_text(language, "sector", organisation.sector));
}

void data_section(doc::Document& document, std::string_view language, const domain::IncidentFacts& f,
                  const FieldMap& draft) {
    SectionBuilder s(document, language, "section.data");
    s.required("subjects.count", "", f.subjects_count ? std::to_string(*f.subjects_count) : std::string());
    s.field("subjects.records", "", f.records ? std::to_string(*f.records) : std::string(text(language, "unknown")), false);
    s.required("subjects.groups", "25", codes_text(language, "groups", f.subject_groups));
    s.required("data.categories", "26", codes_text(language, "data", f.data));
    s.required("data.encrypted", "", answer(language, value_of(draft, "data.encrypted"), ""));
}

void consequences_section(doc::Document& document, std::string_view language, const domain::IncidentFacts& f,
                          const Assessed& assessment) {
    SectionBuilder s(document, language, "section.consequences");
    s.required("consequences.description", "28", f.consequences);
    std::string severity;
    if (!assessment.severity_level.empty())
        severity = fmt::format("{} ({} {:.2f})", code_text(language, "severity", assessment.severity_level),
                               text(language, "severity.method"), assessment.severity_score);
    s.required("consequences.severity", "", severity);
    s.required("consequences.measures", "30", f.measures);
}

void subjects_section(doc::Document& document, std::string_view language, const Inputs& inputs) {
    const auto& draft = inputs.draft;
    SectionBuilder s(document, language, "section.subjects");
    auto informed = value_of(draft, "subjects.informed");
    s.required("subjects.informed", "32", answer(language, informed, value_of(draft, "subjects.informed_at")));
    if (informed == "yes") {
        s.field("subjects.will_inform", "34", std::string(text(language, "not_asked")), false);
        s.field("subjects.why_not", "35", "", false);
        return;
    }
    // The decision on the latest assessment answers "will you inform them" until the draft does.
    auto will = value_of(draft, "subjects.will_inform");
    std::string will_text = answer(language, will, value_of(draft, "subjects.will_inform_at"));
    if (will.empty() && inputs.decision) {
        will = inputs.decision->notify_subjects ? "yes" : "no";
        will_text = inputs.decision->notify_subjects ? std::string(text(language, "will_inform.decided"))
                                                     : std::string(text(language, "no"));
    }
    s.required("subjects.will_inform", "34", will_text);
    auto why_not = value_of(draft, "subjects.why_not");
    if (blank(why_not) && will == "no" && inputs.decision && !inputs.decision->notify_subjects)
        why_not = text(language, "why_not.no_high_risk");
    s.field("subjects.why_not", "35", why_not, will == "no" && blank(why_not));
}

void late_section(doc::Document& document, std::string_view language, const domain::Incident& incident,
                  const Inputs& inputs) {
    auto aware = domain::awareness(incident);
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(inputs.sent_at - aware);
    bool late = seconds > domain::k_authority_period;
    SectionBuilder s(document, language, "section.late");
    s.paragraph(fmt::format("{}: {}. {}", text(language, "awareness"), format_stockholm_human(aware),
                            fmt::format(fmt::runtime(text(language, "hours_after")), std::max<int64_t>(0, seconds.count()) / 3600)));
    auto reason = value_of(inputs.draft, "late.reason");
    s.field("late.reason", "", reason, late && blank(reason));
}

void supplement_section(doc::Document& document, std::string_view language, const FieldMap& draft) {
    SectionBuilder s(document, language, "section.supplement");
    auto will = value_of(draft, "supplement.will");
    s.required("supplement.will", "", answer(language, will, ""));
    auto reason = value_of(draft, "supplement.reason");
    s.field("supplement.reason", "", reason, will == "yes" && blank(reason));
}

} // namespace

std::span<const DraftKey> draft_keys() { return k_draft_keys; }

const DraftKey* find_draft_key(std::string_view key) {
    for (const auto& draft_key : k_draft_keys)
        if (draft_key.key == key) return &draft_key;
    return nullptr;
}

Result<Inputs> load_inputs(storage::Connection& db, const domain::Incident& incident, int64_t phase, Instant sent_at) {
    Inputs inputs;
    inputs.sent_at = sent_at;
    // A supplement's draft holds only what it changes; the notification's draft is the base.
    std::vector<int64_t> phases{0};
    if (phase != 0) phases.push_back(phase);
    for (int64_t p : phases) {
        auto draft = TRY(storage::find_notification_draft(db, incident.id, p));
        if (!draft) continue;
        boost::system::error_code error;
        auto parsed = json::parse(draft->fields_json, error);
        if (error || !parsed.is_object()) continue;
        for (const auto& [key, value] : parsed.as_object())
            if (value.is_string()) inputs.draft[std::string(key)] = std::string(value.get_string());
    }
    auto assessments = TRY(storage::list_assessments(db, incident.id));
    if (!assessments.empty()) {
        inputs.assessment = assessments.back();
        inputs.decision = TRY(storage::find_decision_for(db, assessments.back().id));
    }
    return inputs;
}

doc::Document notification(const domain::Incident& incident, const domain::Organisation& organisation,
                           const Inputs& inputs, std::string_view language) {
    doc::Document document;
    document.kind = "imy-notification";
    document.language = std::string(language);
    document.title = std::string(text(language, "title"));
    document.organisation = organisation.name;
    document.reference = incident.case_number;
    document.generated_at = inputs.sent_at;
    auto assessment = assessed(inputs);
    controller_section(document, language, incident, organisation, inputs.draft);
    contact_section(document, language, organisation, inputs.draft);
    breach_section(document, language, incident, organisation, assessment);
    data_section(document, language, incident.facts, inputs.draft);
    consequences_section(document, language, incident.facts, assessment);
    subjects_section(document, language, inputs);
    late_section(document, language, incident, inputs);
    supplement_section(document, language, inputs.draft);
    doc::collect_missing(document);
    return document;
}

FieldMap fields_of(const doc::Document& document) {
    FieldMap out;
    for (const auto& section : document.sections)
        for (const auto& block : section.blocks)
            if (const auto* field = std::get_if<doc::Field>(&block)) out[field->key] = field->value;
    return out;
}

doc::Document supplement(const doc::Document& current, const FieldMap& current_sv, const FieldMap& previous,
                         const storage::NotificationRecord& first, int64_t phase, std::string_view note,
                         std::string_view language) {
    doc::Document document;
    document.kind = "imy-supplement";
    document.language = std::string(language);
    document.title = std::string(text(language, "title.supplement"));
    document.organisation = current.organisation;
    document.reference = current.reference;
    document.generated_at = current.generated_at;
    {
        SectionBuilder s(document, language, "section.refers");
        s.required("refers.authority_reference", "", first.authority_reference);
        s.field("refers.our_reference", "", first.our_reference, false);
        s.field("refers.submitted_at", "", format_stockholm_human(first.submitted_at), false);
        s.field("refers.phase", "", std::to_string(phase), false);
    }
    auto& changes = document.sections.emplace_back();
    changes.heading = std::string(text(language, "section.changes"));
    for (const auto& section : current.sections)
        for (const auto& block : section.blocks) {
            const auto* field = std::get_if<doc::Field>(&block);
            if (!field) continue;
            auto before = previous.find(field->key);
            auto now = current_sv.find(field->key);
            bool changed = before == previous.end() || now == current_sv.end() || before->second != now->second;
            // Still-missing items stay listed: they are what the supplement was promised for.
            if (changed || field->missing) changes.blocks.emplace_back(*field);
        }
    if (!blank(note))
        changes.blocks.emplace_back(doc::Field{"supplement.note", "", std::string(text(language, "supplement.note")),
                                               std::string(note), false});
    if (changes.blocks.empty()) changes.blocks.emplace_back(doc::Paragraph{std::string(text(language, "no_changes"))});
    doc::collect_missing(document);
    return document;
}

FieldMap frozen_fields(const storage::NotificationRecord& record) {
    FieldMap out;
    boost::system::error_code error;
    auto details = json::parse(record.details_json, error);
    if (error || !details.is_object()) return out;
    if (const auto* fields = details.as_object().if_contains("fields"); fields && fields->is_object())
        for (const auto& [key, value] : fields->as_object())
            if (value.is_string()) out[std::string(key)] = std::string(value.get_string());
    return out;
}

Result<SupplementBuild> build_supplement(storage::Connection&, const domain::Incident& incident,
                                         const domain::Organisation& organisation,
                                         const std::vector<storage::NotificationRecord>& sent_to_imy, int64_t phase,
                                         Inputs inputs, std::string_view language) {
    if (sent_to_imy.empty()) return fail(Error::conflict("record the notification to IMY before a supplement"));
    const auto& first = sent_to_imy.front();
    // The first notification's lateness stands; a supplement does not reopen it.
    inputs.sent_at = first.submitted_at;
    if (!inputs.draft.contains("late.reason")) inputs.draft["late.reason"] = first.late_reason;
    auto note = value_of(inputs.draft, "supplement.note");
    // Compared in Swedish (the frozen documents are Swedish); built once when that is the language.
    auto current = notification(incident, organisation, inputs, language);
    auto current_sv = fields_of(language == "sv" ? current : notification(incident, organisation, inputs, "sv"));
    auto previous = frozen_fields(sent_to_imy.back());
    SupplementBuild out{supplement(current, current_sv, previous, first, phase, note, language), current_sv};
    return out;
}

} // namespace imy

Result<doc::Document> build_imy_notification(storage::Connection& db, const DocumentSource& source) {
    auto inputs = TRY(imy::load_inputs(db, source.incident, 0, source.now));
    return imy::notification(source.incident, source.organisation, inputs, source.request.language);
}

Result<doc::Document> build_imy_supplement(storage::Connection& db, const DocumentSource& source) {
    std::vector<storage::NotificationRecord> sent;
    for (auto& record : TRY(storage::list_notifications(db, source.incident.id)))
        if (record.recipient == "imy") sent.push_back(std::move(record));
    if (sent.empty())
        return fail(Error::conflict("record the notification to IMY before preparing a supplement to it"));
    int64_t phase = source.request.phase == 0 ? sent.back().phase + 1 : source.request.phase;
    // A supplement already sent is shown as it was sent.
    for (const auto& record : sent)
        if (record.phase == phase) return doc::parse_json(record.document_json);
    if (phase != sent.back().phase + 1)
        return fail(Error::invalid("phase", "must be a supplement already sent or the next one"));
    auto inputs = TRY(imy::load_inputs(db, source.incident, phase, source.now));
    auto built = TRY(imy::build_supplement(db, source.incident, source.organisation, sent, phase, std::move(inputs),
                                           source.request.language));
    return std::move(built.document);
}

} // namespace skydda::app
