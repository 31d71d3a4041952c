// The internal report: the full case file for the registry (diariet). Everything recorded on the
// case in one document: the facts with their labels, the timeline and the 72-hour deadline, the
// people, notes, tasks, questions, attachments, assessments and decisions, scans and a summary of
// the audit trail. Nothing in it is required, so it never has missing items.
#include <fmt/format.h>

#include <map>

#include "app/documents/doc_labels.hpp"
#include "app/documents/documents.hpp"
#include "domain/duties.hpp"
#include "storage/cases/duty_repository.hpp"
#include "storage/assessment/assessment_repository.hpp"
#include "storage/audit_log.hpp"
#include "storage/repositories.hpp"
#include "storage/scans/scan_repository.hpp"

namespace skydda::app {

namespace {

using doc::Field;
using doc::Section;
using doc::Table;

// The audit trail's newest entries listed one by one; older ones are only counted.
constexpr size_t k_newest_audit_entries = 50;
// Bounds the read of a case's audit trail; a case has a few hundred entries at most.
constexpr size_t k_audit_read_limit = 100000;

class InternalReport {
public:
    InternalReport(storage::Connection& db, const DocumentSource& source)
        : m_db(db), m_source(source), m_incident(source.incident), m_language(source.request.language) {}

    Result<doc::Document> build() {
        doc::Document document;
        document.title = text("internal.title");
        document.sections.push_back(TRY(case_section()));
        document.sections.push_back(TRY(timeline_section()));
        for (auto& section : facts_sections()) document.sections.push_back(std::move(section));
        document.sections.push_back(TRY(notes_section()));
        document.sections.push_back(TRY(tasks_section()));
        document.sections.push_back(TRY(questions_section()));
        document.sections.push_back(TRY(attachments_section()));
        for (auto& section : TRY(assessments_section())) document.sections.push_back(std::move(section));
        document.sections.push_back(TRY(scans_section()));
        document.sections.push_back(TRY(audit_section()));
        return document;
    }

private:
    std::string text(std::string_view key) const { return std::string(label(key, m_language)); }
    std::string code(std::string_view group, std::string_view value) const {
        return code_label(group, value, m_language);
    }
    std::string when(Instant at) const { return format_stockholm_human(at); }
    std::string when(const std::optional<Instant>& at) const { return at ? when(*at) : text("common.not_given"); }
    std::string when(const domain::IncidentFacts& facts, std::string_view field, const std::optional<Instant>& at) const {
        return at ? fact_time_text(facts, field, at, m_language) : text("common.not_given");
    }
    std::string count(const std::optional<int64_t>& n) const {
        return n ? std::to_string(*n) : text("common.dont_know");
    }
    std::string yes_no(bool value) const { return text(value ? "common.yes" : "common.no"); }
    std::string yes_no(const std::optional<bool>& value) const {
        return value ? yes_no(*value) : text("common.dont_know");
    }
    std::string or_not_given(const std::string& value) const { return value.empty() ? text("common.not_given") : value; }
    std::string codes(std::string_view group, const std::vector<std::string>& values) const {
        if (values.empty()) return text("common.dont_know");
        std::string out;
        for (const auto& value : values) {
            if (!out.empty()) out += '\n';
            out += code(group, value);
        }
        return out;
    }
    Field field(std::string key, std::string_view label_key, std::string value) const {
        return Field{std::move(key), "", text(label_key), std::move(value), false};
    }

    // The name of a user, looked up once; the local operator when the id is empty.
    Result<std::string> person(const std::string& user_id) {
        if (user_id.empty()) return text("internal.local_operator");
        if (auto it = m_people.find(user_id); it != m_people.end()) return it->second;
        auto user = TRY(storage::find_user(m_db, user_id));
        auto name = user ? (user->name.empty() ? user->email : user->name) : user_id;
        m_people.emplace(user_id, name);
        return name;
    }

    Result<Section> case_section() {
        Section section{text("internal.case"), {}};
        section.blocks.push_back(field("case.number", "case.number", m_incident.case_number));
        section.blocks.push_back(field("case.title", "internal.title_field", m_incident.facts.title));
        section.blocks.push_back(field("case.organisation", "case.organisation", m_source.organisation.name));
        section.blocks.push_back(field("case.unit", "internal.unit", TRY(unit_name())));
        section.blocks.push_back(
            field("case.status", "case.status", code("status", domain::status_name(m_incident.status))));
        if (!m_incident.status_reason.empty())
            section.blocks.push_back(field("case.status_reason", "case.status_reason", m_incident.status_reason));
        section.blocks.push_back(field("case.reporter", "case.reporter", TRY(person(m_incident.reporter_id))));
        section.blocks.push_back(field("case.handler", "case.handler",
                                       m_incident.handler_id.empty() ? text("internal.nobody")
                                                                     : TRY(person(m_incident.handler_id))));
        return section;
    }

    Result<std::string> unit_name() {
        if (m_incident.facts.unit_id.empty()) return text("common.not_given");
        for (const auto& unit : TRY(storage::list_units(m_db, m_incident.org_id)))
            if (unit.id == m_incident.facts.unit_id) return unit.name;
        return m_incident.facts.unit_id;
    }

    // The same duty the case page shows (domain/duties.hpp), computed now.
    Result<Section> timeline_section() {
        const auto& facts = m_incident.facts;
        auto facts_now = TRY(storage::duty_facts(m_db, m_incident));
        auto duties = domain::case_duties(facts_now, m_source.now);
        const auto* duty = duties.find(domain::Duty::notify_authority);
        if (!duty) duty = duties.find(domain::Duty::notify_controller);
        std::string left;
        if (duty && duty->state == domain::DutyState::fulfilled && duty->done_at)
            left = fmt::format("{}: {}", text("internal.deadline_done"), when(duty->done_at));
        else if (duty && duty->state == domain::DutyState::not_required)
            left = text("internal.deadline_not_required");
        else if (duty && duty->state == domain::DutyState::open && duty->remaining.count() >= 0)
            left = fmt::format("{}: {} {}", text("internal.deadline_left"),
                               std::chrono::duration_cast<std::chrono::hours>(duty->remaining).count(),
                               text("internal.hours"));
        else if (duty && duty->state == domain::DutyState::open)
            left = text("internal.deadline_passed");
        auto due = duty && duty->due ? *duty->due : duties.aware.at + domain::k_authority_period;
        return Section{text("internal.timeline"),
                       {field("timeline.reported_at", "case.reported_at", when(m_incident.reported_at)),
                        field("timeline.registered_at", "internal.registered_at", when(m_incident.registered_at)),
                        field("facts.occurred_at", "report.q.occurred_at", when(facts, "occurred_at", facts.occurred_at)),
                        field("facts.discovered_at", "report.q.discovered_at", when(facts, "discovered_at", facts.discovered_at)),
                        field("timeline.aware", "internal.aware", when(duties.aware.at)),
                        field("facts.ended_at", "report.q.ended_at", when(facts, "ended_at", facts.ended_at)),
                        field("timeline.deadline", "internal.deadline", when(due) + (left.empty() ? "" : "\n" + left))}};
    }

    std::vector<Section> facts_sections() const {
        const auto& f = m_incident.facts;
        auto cause = code("cause", f.cause);
        if (!f.cause_other.empty()) cause += "\n" + f.cause_other;
        return {
            Section{text("report.section.about"),
                    {field("facts.description", "report.q.description", or_not_given(f.description)),
                     field("facts.what_happened", "report.q.what_happened", code("what_happened", f.what_happened)),
                     field("facts.cause", "report.q.cause", cause),
                     field("facts.discovered_by", "report.q.discovered_by", code("discovered_by", f.discovered_by))}},
            Section{text("report.section.data"),
                    {field("facts.data", "report.q.data", codes("data", f.data)),
                     field("facts.records", "report.q.records", count(f.records))}},
            Section{text("report.section.subjects"),
                    {field("facts.subjects_count", "report.q.subjects.count", count(f.subjects_count)),
                     field("facts.subject_groups", "report.q.subjects.groups", codes("groups", f.subject_groups))}},
            Section{text("report.section.effects"),
                    {field("facts.effects.confidentiality", "report.q.effects.confidentiality",
                           code("confidentiality", f.effects.confidentiality)),
                     field("facts.effects.integrity", "report.q.effects.integrity", code("integrity", f.effects.integrity)),
                     field("facts.effects.availability", "report.q.effects.availability",
                           code("availability", f.effects.availability)),
                     field("facts.recipients", "report.q.recipients", count(f.recipients)),
                     field("facts.recipient_trusted", "report.q.recipient_trusted", yes_no(f.recipient_trusted))}},
            Section{text("report.section.consequences"),
                    {field("facts.consequences", "report.q.consequences", or_not_given(f.consequences)),
                     field("facts.measures", "report.q.measures", or_not_given(f.measures))}},
            Section{text("report.section.processor"),
                    {field("facts.processor_involved", "report.q.processor_involved", yes_no(f.processor_involved)),
                     field("facts.processor_name", "report.q.processor_name", or_not_given(f.processor_name))}},
        };
    }

    // A section holding one table, or "None recorded." when it has no rows.
    Section table_section(std::string_view heading_key, Table table) const {
        Section section{text(heading_key), {}};
        if (table.rows.empty())
            section.blocks.push_back(doc::Paragraph{text("internal.none_recorded")});
        else
            section.blocks.push_back(std::move(table));
        return section;
    }

    Table table(std::initializer_list<std::string_view> header_keys) const {
        Table out;
        for (auto key : header_keys) out.headers.push_back(text(key));
        return out;
    }

    Result<Section> notes_section() {
        auto out = table({"internal.col.time", "internal.col.by", "internal.col.note"});
        for (const auto& note : TRY(storage::list_notes(m_db, m_incident.id)))
            out.rows.push_back({when(note.created_at),
                                note.author_name.empty() ? TRY(person(note.author_id)) : note.author_name, note.body});
        return table_section("internal.notes", std::move(out));
    }

    Result<Section> tasks_section() {
        auto out = table({"internal.col.task", "internal.col.assignee", "internal.col.due", "internal.col.done"});
        for (const auto& task : TRY(storage::list_tasks(m_db, m_incident.id)))
            out.rows.push_back({task.title,
                                task.assignee_name.empty() ? TRY(person(task.assignee_id)) : task.assignee_name,
                                task.due_at ? when(*task.due_at) : "", task.done_at ? when(*task.done_at) : ""});
        return table_section("internal.tasks", std::move(out));
    }

    Result<Section> questions_section() {
        auto out = table({"internal.col.time", "internal.col.by", "internal.col.question", "internal.col.answer",
                          "internal.col.answered"});
        for (const auto& question : TRY(storage::list_questions(m_db, m_incident.id)))
            out.rows.push_back({when(question.asked_at),
                                question.asked_by_name.empty() ? TRY(person(question.asked_by)) : question.asked_by_name,
                                question.question, question.answer,
                                question.answered_at ? when(*question.answered_at) : ""});
        return table_section("internal.questions", std::move(out));
    }

    Result<Section> attachments_section() {
        auto out = table({"internal.col.file", "internal.col.type", "internal.col.size", "internal.col.hash",
                          "internal.col.time", "internal.col.by"});
        for (const auto& file : TRY(storage::list_attachments(m_db, m_incident.id)))
            out.rows.push_back({file.filename, file.content_type, std::to_string(file.size), file.blake2b,
                                when(file.uploaded_at), TRY(person(file.uploaded_by))});
        return table_section("internal.attachments", std::move(out));
    }

    Result<std::vector<Section>> assessments_section();
    Result<Section> scans_section();
    Result<Section> audit_section();

    storage::Connection& m_db;
    const DocumentSource& m_source;
    const domain::Incident& m_incident;
    std::string m_language;
    std::map<std::string, std::string> m_people;
};

Result<std::vector<Section>> InternalReport::assessments_section() {
    auto assessments = table({"internal.col.version", "internal.col.ruleset", "internal.col.time", "internal.col.by"});
    for (const auto& a : TRY(storage::list_assessments(m_db, m_incident.id)))
        assessments.rows.push_back({std::to_string(a.version), a.ruleset, when(a.created_at),
                                    a.created_by_name.empty() ? TRY(person(a.created_by)) : a.created_by_name});
    auto decisions = table({"internal.col.time", "internal.col.by", "internal.col.risk", "internal.col.notify_authority",
                            "internal.col.notify_subjects", "internal.col.agrees", "internal.col.reasons"});
    for (const auto& d : TRY(storage::list_decisions(m_db, m_incident.id)))
        decisions.rows.push_back({when(d.decided_at), d.decided_by_name.empty() ? TRY(person(d.decided_by)) : d.decided_by_name,
                                  code("risk", d.risk), yes_no(d.notify_authority), yes_no(d.notify_subjects),
                                  yes_no(d.agrees), d.reasons});
    return std::vector<Section>{table_section("internal.assessments", std::move(assessments)),
                                table_section("internal.decisions", std::move(decisions))};
}

Result<Section> InternalReport::scans_section() {
    auto out = table({"internal.col.time", "internal.col.label", "internal.col.subjects", "internal.col.data",
                      "internal.col.applied"});
    for (const auto& scan : TRY(storage::list_scans(m_db, m_incident.id)))
        out.rows.push_back({when(scan.created_at), scan.label, std::to_string(scan.subjects_estimate),
                            codes("data", scan.data), scan.applied_at ? when(*scan.applied_at) : ""});
    return table_section("internal.scans", std::move(out));
}

// Counts by action, the first and latest entry, and the newest entries one by one.
Result<Section> InternalReport::audit_section() {
    auto entries = TRY(storage::audit_for_incident(m_db, m_incident.id, k_audit_read_limit)); // newest first
    Section section{text("internal.audit"), {}};
    if (entries.empty()) {
        section.blocks.push_back(doc::Paragraph{text("internal.none_recorded")});
        return section;
    }
    section.blocks.push_back(doc::Paragraph{fmt::format(fmt::runtime(text("internal.audit_summary")), entries.size(),
                                                        when(entries.back().at), when(entries.front().at))});
    std::map<std::string, size_t> by_action;
    for (const auto& entry : entries) ++by_action[entry.action];
    auto counts = table({"internal.col.action", "internal.col.count"});
    for (const auto& [action, n] : by_action) counts.rows.push_back({action, std::to_string(n)});
    section.blocks.push_back(doc::Paragraph{text("internal.audit_by_action")});
    section.blocks.push_back(std::move(counts));
    auto newest = table({"internal.col.time", "internal.col.by", "internal.col.action"});
    for (size_t i = 0; i < entries.size() && i < k_newest_audit_entries; ++i)
        newest.rows.push_back({when(entries[i].at), TRY(person(entries[i].actor_id)), entries[i].action});
    section.blocks.push_back(doc::Paragraph{fmt::format(fmt::runtime(text("internal.audit_newest")), newest.rows.size())});
    section.blocks.push_back(std::move(newest));
    return section;
}

} // namespace

Result<doc::Document> build_internal_report(storage::Connection& db, const DocumentSource& source) {
    return InternalReport(db, source).build();
}

} // namespace skydda::app
