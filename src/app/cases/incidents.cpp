// Reporting, reading, editing and moving incidents through the workflow.
#include <boost/json.hpp>

#include <algorithm>

#include "app/app.hpp"
#include "app/audit_support.hpp"
#include "app/case_access.hpp"
#include "app/mail/mail_support.hpp"
#include "domain/duties.hpp"
#include "storage/cases/duty_repository.hpp"
#include "domain/registry_number.hpp"
#include "domain/workflow.hpp"
#include "storage/register/register_repository.hpp"
#include "storage/repositories.hpp"
#include "util/crypto.hpp"
#include "util/text.hpp"

namespace skydda::app {
using domain::CaseStatus;
using domain::Incident;
using storage::Connection;
using storage::TxMode;

App::App(storage::Database& database, const Clock& clock)
    : m_database(database), m_clock(clock),
      m_read_audit(std::make_unique<ReadAuditBuffer>(database, std::chrono::milliseconds(200))) {}

App::~App() = default;

void App::flush_audit() { m_read_audit->flush(); }

void App::record_read(const Actor* actor, ReadRecord read) {
    domain::AuditEntry entry;
    entry.at = m_clock.now();
    entry.actor_id = actor ? actor->user_id : std::string();
    entry.org_id = std::move(read.org_id);
    entry.action = std::move(read.action);
    entry.entity = std::move(read.entity);
    entry.entity_id = std::move(read.entity_id);
    entry.after_json = std::move(read.detail_json);
    m_read_audit->record(std::move(entry));
}

namespace {

// Routing: who is told about a new report (in-app inbox; e-mail comes with its own issue).
constexpr domain::Role k_told_on_report[] = {domain::Role::registrar, domain::Role::manager, domain::Role::dpo,
                                             domain::Role::infosec};

Status notify_roles(Connection& db, const Incident& incident, Instant now, std::string_view kind,
                    std::string_view except_user) {
    std::vector<std::string> told;
    for (auto role : k_told_on_report) {
        for (const auto& user : TRY(storage::members_with_role(db, incident.org_id, role))) {
            if (user.id == except_user || std::find(told.begin(), told.end(), user.id) != told.end()) continue;
            told.push_back(user.id);
            TRY_STATUS(storage::insert_inbox_notification(
                db, {crypto::new_id(), user.id, incident.id, std::string(kind), {}, {}, now, false}));
        }
    }
    return {};
}

Status notify_user(Connection& db, std::string_view user_id, const Incident& incident, Instant now,
                   std::string_view kind) {
    if (user_id.empty()) return {};
    return storage::insert_inbox_notification(
        db, {crypto::new_id(), std::string(user_id), incident.id, std::string(kind), {}, {}, now, false});
}

Status check_version(const Incident& incident, std::optional<int64_t> expected) {
    if (expected && *expected != incident.version)
        return fail(Error{ErrorCode::failed_precondition,
                          "the case was changed by someone else (version " + std::to_string(incident.version) +
                              "); reload it and apply your change again",
                          "version"});
    return {};
}

// Writes the changed incident with its audit entry; before/after make the history readable.
} // namespace

Result<Incident> App::report_incident(const Actor& actor, std::string_view org_id, domain::IncidentFacts facts) {
    std::vector<std::pair<std::string, domain::IncidentFacts>> one;
    one.emplace_back(std::string(org_id), std::move(facts));
    auto reported = TRY(report_incidents(actor, std::move(one)));
    return std::move(reported.front());
}

Result<std::vector<Incident>> App::report_incidents(const Actor& actor,
                                                    std::vector<std::pair<std::string, domain::IncidentFacts>> reports) {
    std::vector<Incident> out;
    for (auto& [org_id, facts] : reports) {
        if (org_id.empty()) return fail(Error::invalid("org", "is required"));
        if (!actor.member_of(org_id)) return fail(Error::invalid("org", "you are not a member of that organisation"));
        TRY_STATUS(domain::validate_facts(facts, m_clock.now()));
        Incident incident;
        incident.id = crypto::new_id();
        incident.org_id = org_id;
        incident.facts = std::move(facts);
        incident.reported_at = m_clock.now();
        incident.updated_at = incident.reported_at;
        incident.reporter_id = actor.user_id;
        out.push_back(std::move(incident));
    }
    // All in one transaction: every case or none.
    TRY_STATUS(m_database.transact(TxMode::write, [&](Connection& db) -> Status {
        for (auto& incident : out) {
            const auto& org_id = incident.org_id;
            auto org = TRY(storage::find_organisation(db, org_id));
            if (!org) return fail(Error::invalid("org", "no such organisation"));
            if (!incident.facts.unit_id.empty()) {
                auto units = TRY(storage::list_units(db, org_id));
                if (std::none_of(units.begin(), units.end(), [&](auto& u) { return u.id == incident.facts.unit_id; }))
                    return fail(Error::invalid("unit", "is not a unit of that organisation"));
            }
            if (!TRY(storage::activities_belong_to(db, org_id, incident.facts.processing_activities)))
                return fail(Error::invalid("processing_activities", "must be processing activities of the organisation"));
            int year = stockholm_year(incident.reported_at);
            auto sequence = TRY(storage::next_registry_sequence(db, org_id, year));
            incident.case_number = domain::format_case_number(org->registry_pattern, year, sequence);
            TRY_STATUS(storage::insert_incident(db, incident));
            TRY_STATUS(notify_roles(db, incident, m_clock.now(), "reported", actor.user_id));
            TRY_STATUS(queue_report_alerts(db, m_clock, m_mail, incident, *org, actor.user_id));
            TRY_STATUS(audit_change(db, m_clock, &actor, {"incident.report", "incident", incident.id, incident.org_id, "",
                                                          incident_audit_json(incident)}));
        }
        return {};
    }));
    if (m_mail.on_queued) m_mail.on_queued(); // the alert e-mails were committed with the report
    return out;
}

Result<Incident> App::get_incident(const Actor& actor, std::string_view id) {
    auto incident = TRY(storage::transact_value<Incident>(m_database, TxMode::read, [&](Connection& db) -> Result<Incident> {
        return TRY(load_visible(db, actor, id)).first;
    }));
    record_read(&actor, {incident.org_id, "incident.read", "incident", incident.id, {}});
    return incident;
}

Result<CaseFile> App::open_case(const Actor& actor, std::string_view id) {
    auto file = TRY(storage::transact_value<CaseFile>(m_database, TxMode::read, [&](Connection& db) -> Result<CaseFile> {
        auto [incident, view] = TRY(load_visible(db, actor, id));
        CaseFile result;
        result.full_view = view == CaseView::full;
        result.organisation = TRY(storage::find_organisation(db, incident.org_id)).value_or(domain::Organisation{});
        if (auto reporter = TRY(storage::find_user(db, incident.reporter_id))) result.reporter_name = reporter->name;
        if (auto handler = TRY(storage::find_user(db, incident.handler_id))) result.handler_name = handler->name;
        for (const auto& unit : TRY(storage::list_units(db, incident.org_id)))
            if (unit.id == incident.facts.unit_id) result.unit_name = unit.name;
        result.questions = TRY(storage::list_questions(db, incident.id));
        if (result.full_view) {
            result.notes = TRY(storage::list_notes(db, incident.id));
            result.tasks = TRY(storage::list_tasks(db, incident.id));
            result.attachments = TRY(storage::list_attachments(db, incident.id));
            result.scans = TRY(storage::list_scans(db, incident.id));
            result.handlers = TRY(storage::members_with_role(db, incident.org_id, domain::Role::handler));
            for (auto dpo : TRY(storage::members_with_role(db, incident.org_id, domain::Role::dpo)))
                if (std::none_of(result.handlers.begin(), result.handlers.end(), [&](auto& u) { return u.id == dpo.id; }))
                    result.handlers.push_back(dpo);
            for (auto role : domain::k_all_roles)
                for (auto user : TRY(storage::members_with_role(db, incident.org_id, role)))
                    // Task assignees: those who read the case and act on it (add_task checks the same).
                    if (domain::role_allows(role, domain::Action::read_all_cases) && role != domain::Role::auditor &&
                        std::none_of(result.members.begin(), result.members.end(), [&](auto& u) { return u.id == user.id; }))
                        result.members.push_back(user);
        } else {
            // The reporter sees their own attachments only.
            for (auto& a : TRY(storage::list_attachments(db, incident.id)))
                if (a.uploaded_by == actor.user_id) result.attachments.push_back(a);
        }
        if (actor.allows(incident.org_id, domain::Action::read_audit)) {
            // The latest changes, for "Senaste händelser" (the whole log is app/cases/case_log.cpp).
            result.audit = TRY(storage::case_trail(db, {incident.id, storage::TrailKind::changes, 0, 0, 20}));
            for (const auto& entry : result.audit)
                if (!entry.actor_id.empty() && !result.actor_names.contains(entry.actor_id))
                    if (auto user = TRY(storage::find_user(db, entry.actor_id)))
                        result.actor_names.emplace(user->id, user->name);
        }
        result.unread_inbox = TRY(storage::has_unread_inbox(db, actor.user_id, incident.id));
        auto duty_facts = TRY(storage::duty_facts(db, incident));
        result.duties = domain::case_duties(duty_facts, m_clock.now());
        result.incident = std::move(incident);
        return result;
    }));
    record_read(&actor, {file.incident.org_id, "incident.read", "incident", file.incident.id, {}});
    // A write transaction only when there is something to mark: viewing a case is a read.
    if (file.unread_inbox)
        (void)m_database.transact(TxMode::write, [&](Connection& db) {
            return storage::mark_inbox_read(db, actor.user_id, file.incident.id, m_clock.now());
        });
    return file;
}

Result<domain::CaseDuties> App::case_duties(const Incident& incident) {
    auto facts = TRY(storage::transact_value<domain::DutyFacts>(
        m_database, TxMode::read, [&](Connection& db) { return storage::duty_facts(db, incident); }));
    return domain::case_duties(facts, m_clock.now());
}

namespace {

// A form shows times to the minute: the same minute sent back is no change of kännedom.
void keep_the_same_minute(const Incident& before, Incident& after) {
    if (before.facts.aware_at && after.facts.aware_at &&
        std::chrono::floor<std::chrono::minutes>(*before.facts.aware_at) == *after.facts.aware_at)
        after.facts.aware_at = before.facts.aware_at;
}

// Kännedom starts the clock: a change is its own audit entry with the reason, and a reason is
// required when a given kännedom changes or the clock would start later than before.
Status audit_awareness(Connection& db, const Clock& clock, const Actor& actor, const Incident& before,
                       const Incident& after, std::string_view reason) {
    auto was = domain::awareness_of(before), now = domain::awareness_of(after);
    if (before.facts.aware_at == after.facts.aware_at && was.at == now.at) return {};
    TRY_STATUS(check_text_field("aware_reason", reason, 2000, false));
    bool needs_reason = (before.facts.aware_at && before.facts.aware_at != after.facts.aware_at) || now.at > was.at;
    if (needs_reason && text::trim(reason).empty())
        return fail(Error::invalid("aware_reason", "is required when kännedom changes: say why the new time is right"));
    auto json_of = [](const domain::Awareness& a, const std::optional<Instant>& given) {
        boost::json::object o{{"aware_at", format_utc(a.at)}, {"source", domain::awareness_source_name(a.source)}};
        o["given"] = given ? boost::json::value(format_utc(*given)) : boost::json::value(nullptr);
        return boost::json::serialize(o);
    };
    auto detail = json_of(now, after.facts.aware_at);
    if (!text::trim(reason).empty()) {
        auto parsed = boost::json::parse(detail).as_object();
        parsed["reason"] = std::string(reason);
        detail = boost::json::serialize(parsed);
    }
    return audit_change(db, clock, &actor,
                        {"incident.aware", "incident", after.id, after.org_id, json_of(was, before.facts.aware_at), detail});
}

} // namespace

Result<Incident> App::update_facts(const Actor& actor, std::string_view id, domain::IncidentFacts facts,
                                   std::optional<int64_t> expected_version, std::string_view aware_reason) {
    TRY_STATUS(domain::validate_facts(facts, m_clock.now()));
    return storage::transact_value<Incident>(m_database, TxMode::write, [&](Connection& db) -> Result<Incident> {
        auto before = TRY(load_for(db, actor, id, domain::Action::edit_facts));
        TRY_STATUS(check_version(before, expected_version));
        if (!domain::is_open(before.status)) return fail(Error::conflict("reopen the case before changing its facts"));
        if (!facts.unit_id.empty() && facts.unit_id != before.facts.unit_id) {
            auto units = TRY(storage::list_units(db, before.org_id));
            if (std::none_of(units.begin(), units.end(), [&](auto& u) { return u.id == facts.unit_id; }))
                return fail(Error::invalid("unit", "is not a unit of that organisation"));
        }
        if (facts.processing_activities != before.facts.processing_activities &&
            !TRY(storage::activities_belong_to(db, before.org_id, facts.processing_activities)))
            return fail(Error::invalid("processing_activities", "must be processing activities of the organisation"));
        Incident after = before;
        after.facts = facts;
        keep_the_same_minute(before, after);
        TRY_STATUS(audit_awareness(db, m_clock, actor, before, after, aware_reason));
        return save_incident(db, m_clock, &actor, before, std::move(after), "incident.update");
    });
}

Result<Incident> App::change_status(const Actor& actor, std::string_view id, CaseStatus to, std::string_view reason,
                                    std::optional<int64_t> expected_version, const AwarenessInput* aware) {
    TRY_STATUS(check_text_field("reason", reason, 2000, false));
    if (aware && to != CaseStatus::registered)
        return fail(Error::invalid("aware_at", "can be confirmed only when registering; edit the facts instead"));
    return storage::transact_value<Incident>(m_database, TxMode::write, [&](Connection& db) -> Result<Incident> {
        auto action = to == CaseStatus::registered ? domain::Action::register_case : domain::Action::change_status;
        auto before = TRY(load_for(db, actor, id, action));
        TRY_STATUS(check_version(before, expected_version));
        TRY_STATUS(domain::check_transition(before.status, to, reason));
        Incident after = before;
        after.status = to;
        after.status_reason = std::string(reason);
        if (to == CaseStatus::registered) after.registered_at = m_clock.now();
        if (aware) {
            after.facts.aware_at = aware->aware_at;
            keep_the_same_minute(before, after);
            TRY_STATUS(domain::validate_facts(after.facts, m_clock.now()));
            TRY_STATUS(audit_awareness(db, m_clock, actor, before, after, aware->reason));
        }
        return save_incident(db, m_clock, &actor, before, std::move(after), "incident.status");
    });
}

Result<Incident> App::assign(const Actor& actor, std::string_view id, std::string_view handler_id) {
    return storage::transact_value<Incident>(m_database, TxMode::write, [&](Connection& db) -> Result<Incident> {
        auto before = TRY(load_for(db, actor, id, domain::Action::assign));
        auto user = TRY(storage::find_user(db, handler_id));
        if (!user) return fail(Error::invalid("handler", "no such user"));
        auto memberships = TRY(storage::memberships_of(db, user->id)); // not inside the braces: see render_json.cpp
        Actor handler{user->id, user->name, user->email, user->language, std::move(memberships)};
        if (!handler.has_role(before.org_id, domain::Role::handler) && !handler.has_role(before.org_id, domain::Role::dpo))
            return fail(Error::invalid("handler", "must be a handler or DPO of the case's organisation"));
        Incident after = before;
        after.handler_id = handler.user_id;
        auto saved = TRY(save_incident(db, m_clock, &actor, before, std::move(after), "incident.assign"));
        if (handler.user_id != actor.user_id) TRY_STATUS(notify_user(db, handler.user_id, saved, m_clock.now(), "assigned"));
        return saved;
    });
}

} // namespace skydda::app
