// The e-mails Skydda writes itself: the alert on a new report and the deadline reminders.
// Swedish first and English below (English first for people whose language is English). They
// carry no personal data from the report: a mailbox is a poor place for it, and the link asks
// the reader to sign in.
#include <fmt/format.h>

#include <algorithm>

#include "app/audit_support.hpp"
#include "app/mail/mail_support.hpp"
#include "domain/duties.hpp"
#include "domain/reminders.hpp"
#include "storage/mail/outbox_repository.hpp"
#include "storage/cases/duty_repository.hpp"
#include "storage/repositories.hpp"
#include "util/crypto.hpp"

namespace skydda::app {
using storage::Connection;

namespace {

constexpr domain::Role k_alerted_on_report[] = {domain::Role::registrar, domain::Role::manager, domain::Role::dpo,
                                                domain::Role::infosec};

struct Text {
    std::string subject, body;
};

std::string case_link(const MailOptions& options, std::string_view incident_id) {
    if (options.public_url.empty()) return {};
    auto base = options.public_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return fmt::format("{}/cases/{}", base, incident_id);
}

// Both languages in one body, the reader's own first.
std::string bilingual(std::string_view language, const std::string& swedish, const std::string& english) {
    const auto& first = language == "en" ? english : swedish;
    const auto& second = language == "en" ? swedish : english;
    return first + "\n-- \n\n" + second;
}

std::string open_line_sv(const std::string& link) {
    return link.empty() ? "Logga in i Skydda för att öppna ärendet.\n" : "Öppna ärendet: " + link + "\n";
}
std::string open_line_en(const std::string& link) {
    return link.empty() ? "Sign in to Skydda to open the case.\n" : "Open the case: " + link + "\n";
}

Text alert_text(const domain::User& user, const domain::Incident& incident, const domain::Organisation& org,
                Instant due, const std::string& link) {
    auto deadline = format_stockholm_human(due);
    auto swedish = fmt::format(
        "En ny personuppgiftsincident har rapporterats i Skydda.\n\n"
        "Ärende: {}\nOrganisation: {}\n"
        "Tidsfrist för anmälan till IMY: {} (72 timmar från att organisationen fick kännedom).\n\n{}\n"
        "Meddelandet innehåller inga uppgifter ur rapporten; de finns i ärendet.\n",
        incident.case_number, org.name, deadline, open_line_sv(link));
    auto english = fmt::format(
        "A new personal data breach was reported in Skydda.\n\n"
        "Case: {}\nOrganisation: {}\n"
        "Deadline for notifying IMY: {} (72 hours from when the organisation became aware).\n\n{}\n"
        "This message carries no details of the report; they are in the case.\n",
        incident.case_number, org.name, deadline, open_line_en(link));
    return {fmt::format("Ny personuppgiftsincident {} / New personal data breach", incident.case_number),
            bilingual(user.language, swedish, english)};
}

Text reminder_text(const domain::User& user, const domain::Incident& incident, const domain::Organisation& org,
                   const domain::Reminder& reminder, const std::string& link) {
    auto deadline = format_stockholm_human(reminder.deadline);
    auto hours = reminder.lead.count();
    bool authority = reminder.kind == domain::ReminderKind::authority;
    auto when_sv = hours % 24 == 0 && hours >= 48 ? fmt::format("{} dagar", hours / 24) : fmt::format("{} timmar", hours);
    auto when_en = hours % 24 == 0 && hours >= 48 ? fmt::format("{} days", hours / 24) : fmt::format("{} hours", hours);
    auto what_sv = authority ? std::string("anmälan till IMY")
                             : fmt::format("kompletteringen till IMY (utlovad i fas {})", reminder.phase);
    auto what_en = authority ? std::string("the notification to IMY")
                             : fmt::format("the supplement to IMY (promised in phase {})", reminder.phase);
    auto swedish = reminder.overdue
                       ? fmt::format("Försenad: {} skulle ha skickats senast {} och är inte registrerad som skickad. "
                                     "Skicka den till IMY och registrera den i ärendet.\n\nÄrende: {}\nOrganisation: {}\n\n{}",
                                     what_sv, deadline, incident.case_number, org.name, open_line_sv(link))
                       : fmt::format("Påminnelse: mindre än {} kvar till tidsfristen för {}.\n\nÄrende: {}\nOrganisation: "
                                     "{}\nTidsfrist: {}\n\n{}",
                                     when_sv, what_sv, incident.case_number, org.name, deadline, open_line_sv(link));
    auto english = reminder.overdue
                       ? fmt::format("Overdue: {} was due by {} and is not recorded as sent. Send it to IMY and record "
                                     "it on the case.\n\nCase: {}\nOrganisation: {}\n\n{}",
                                     what_en, deadline, incident.case_number, org.name, open_line_en(link))
                       : fmt::format("Reminder: less than {} left until the deadline for {}.\n\nCase: {}\nOrganisation: "
                                     "{}\nDeadline: {}\n\n{}",
                                     when_en, what_en, incident.case_number, org.name, deadline, open_line_en(link));
    if (reminder.decided) {
        swedish = "Beslutet i ärendet är att anmäla till IMY, men ingen anmälan är registrerad.\n" + swedish;
        english = "The case's decision is to notify IMY, but no notification is recorded.\n" + english;
    }
    auto subject = authority && reminder.overdue
                       ? fmt::format("Försenad anmälan {} till IMY (senast {}) / Notification to IMY overdue",
                                     incident.case_number, deadline)
                   : authority ? fmt::format("Påminnelse: {} kvar att anmäla {} till IMY / Reminder: {} left", when_sv,
                                           incident.case_number, when_en)
                   : reminder.overdue
                       ? fmt::format("Försenad komplettering {} (senast {}) / Supplement overdue", incident.case_number,
                                     deadline)
                       : fmt::format("Påminnelse: komplettering {} senast {} / Reminder: supplement due",
                                     incident.case_number, deadline);
    return {subject, bilingual(user.language, swedish, english)};
}

Result<bool> enqueue(Connection& db, const Clock& clock, const domain::Incident& incident, const domain::User& user,
                     std::string kind, std::string key, const Text& text) {
    storage::OutboxMessage message;
    message.id = crypto::new_id();
    message.org_id = incident.org_id;
    message.incident_id = incident.id;
    message.kind = std::move(kind);
    message.dedupe_key = std::move(key);
    message.to_address = user.email;
    message.subject = text.subject;
    message.body = text.body;
    message.next_attempt_at = clock.now();
    message.created_at = clock.now();
    return storage::enqueue_mail(db, message);
}

// The case's handler and the organisation's DPOs, each once.
Result<std::vector<domain::User>> reminder_recipients(Connection& db, const domain::Incident& incident) {
    std::vector<domain::User> people;
    if (auto handler = TRY(storage::find_user(db, incident.handler_id))) people.push_back(*handler);
    for (auto& dpo : TRY(storage::members_with_role(db, incident.org_id, domain::Role::dpo)))
        if (std::none_of(people.begin(), people.end(), [&](auto& p) { return p.id == dpo.id; })) people.push_back(dpo);
    return people;
}

// Queues one incident's due reminders; returns how many messages were new.
Result<size_t> queue_incident_reminders(Connection& db, const Clock& clock, const MailOptions& options,
                                        std::string_view incident_id) {
    auto incident = TRY(storage::find_incident(db, incident_id));
    if (!incident) return size_t{0};
    auto facts = TRY(storage::duty_facts(db, *incident));
    auto due = domain::reminders_due(incident->id, domain::case_duties(facts, clock.now()), clock.now());
    if (due.empty()) return size_t{0};
    auto org = TRY(storage::find_organisation(db, incident->org_id)).value_or(domain::Organisation{});
    auto link = case_link(options, incident->id);
    auto recipients = TRY(reminder_recipients(db, *incident));
    size_t queued = 0;
    for (const auto& reminder : due) {
        auto kind = reminder.kind == domain::ReminderKind::authority ? "reminder.imy" : "reminder.supplement";
        for (const auto& user : recipients) {
            auto text = reminder_text(user, *incident, org, reminder, link);
            if (!TRY(enqueue(db, clock, *incident, user, kind, reminder.key + ":" + user.id, text))) continue;
            ++queued;
            TRY_STATUS(audit_change(db, clock, nullptr,
                                    {"mail.reminder", "incident", incident->id, incident->org_id, "",
                                     fmt::format(R"({{"kind":"{}","lead_hours":{},"to_user":"{}"}})", kind,
                                                 reminder.lead.count(), user.id)}));
        }
    }
    return queued;
}

} // namespace

Status queue_report_alerts(Connection& db, const Clock& clock, const MailOptions& options,
                           const domain::Incident& incident, const domain::Organisation& organisation,
                           std::string_view except_user) {
    auto due = domain::awareness(incident) + domain::k_authority_period;
    auto link = case_link(options, incident.id);
    std::vector<std::string> told;
    for (auto role : k_alerted_on_report) {
        for (const auto& user : TRY(storage::members_with_role(db, incident.org_id, role))) {
            if (user.id == except_user || std::find(told.begin(), told.end(), user.id) != told.end()) continue;
            told.push_back(user.id);
            TRY(enqueue(db, clock, incident, user, "alert.reported",
                        fmt::format("alert.reported:{}:{}", incident.id, user.id),
                        alert_text(user, incident, organisation, due, link)));
        }
    }
    return {};
}

void App::set_mail_options(MailOptions options) { m_mail = std::move(options); }

Result<size_t> App::queue_due_reminders() {
    // Read first: on most minutes nothing is due, and a read costs no write lock.
    auto candidates = TRY(storage::transact_value<std::vector<std::string>>(
        m_database, storage::TxMode::read, [&](Connection& db) -> Result<std::vector<std::string>> {
            std::vector<std::string> due;
            for (const auto& id : TRY(storage::incidents_needing_reminders(db, m_clock.now(), std::chrono::hours(7 * 24)))) {
                auto incident = TRY(storage::find_incident(db, id));
                if (!incident) continue;
                auto facts = TRY(storage::duty_facts(db, *incident));
                auto reminders = domain::reminders_due(id, domain::case_duties(facts, m_clock.now()), m_clock.now());
                if (reminders.empty()) continue;
                auto people = static_cast<int64_t>(TRY(reminder_recipients(db, *incident)).size());
                for (const auto& reminder : reminders) {
                    // Already queued for everyone? (Checked again, atomically, by the dedupe key.)
                    if (TRY(storage::count_mail_with_key_prefix(db, reminder.key + ":")) < people) {
                        due.push_back(id);
                        break;
                    }
                }
            }
            return due;
        }));
    size_t queued = 0;
    for (const auto& id : candidates) {
        size_t added = 0; // set inside: the backend may run the transaction again after a conflict
        TRY_STATUS(m_database.transact(storage::TxMode::write, [&](Connection& db) -> Status {
            added = TRY(queue_incident_reminders(db, m_clock, m_mail, id));
            return {};
        }));
        queued += added;
    }
    if (queued > 0 && m_mail.on_queued) m_mail.on_queued();
    return queued;
}

} // namespace skydda::app
