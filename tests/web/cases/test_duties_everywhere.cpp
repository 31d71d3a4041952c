// Issue 12: "for every sequence of events (report, edit kännedom, assess, decide, record
// notification, reopen), the page, the API, the lists and the reminders agree on every due
// time". Random sequences from a fixed seed (deterministic), driven through the use cases on a
// hand-moved clock; after every step the case page, GET /api/v1/incidents/{id}, the API list,
// the start page's urgent list and the reminder scheduler are compared with one computation.
// Plus the three defects the issue reports, each as it was seen.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <random>

#include "app/assessment/assessments.hpp"
#include "domain/duties.hpp"
#include "domain/reminders.hpp"
#include "storage/cases/duty_repository.hpp"
#include "web/html.hpp"
#include "web/report/report.hpp"
#include "web/site_harness.hpp"

namespace {

using namespace skydda;
using namespace skydda::test;
namespace json = boost::json;
using std::chrono::hours;
using std::chrono::minutes;

Instant at(int y, int mo, int d, int h, int mi = 0) {
    using namespace std::chrono;
    return sys_days{year{y} / month{static_cast<unsigned>(mo)} / day{static_cast<unsigned>(d)}} + hours{h} + minutes{mi};
}

size_t count_of(const std::string& text, const std::string& part) {
    size_t n = 0;
    for (auto pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + part.size())) ++n;
    return n;
}

class DutiesEverywhere : public SiteTest {
protected:
    DutiesEverywhere() : SiteTest(at(2026, 11, 30, 8)) {}

    void seed() override {
        app::OrganisationInput org{.name = "Utbildningsnämnden", .orgnr = "212000-0001", .address = "Box 1, Staden",
                                   .dpo_name = "Dora", .dpo_email = "dpo@example.se"};
        m_org = *m_app->add_organisation(nullptr, org);
        for (auto role : {"reporter", "registrar", "handler", "dpo"})
            m_ids[role] = add_user(m_org, std::string(role) + "@example.se", role, role);
    }

    app::Actor as(const std::string& role) { return *m_app->load_actor(m_ids.at(role)); }

    domain::IncidentFacts facts(std::optional<Instant> discovered, std::optional<Instant> aware) {
        domain::IncidentFacts f;
        f.title = "Elevers hälsouppgifter till fel vårdnadshavare";
        f.description = "Ett mejl med elevhälsans anteckningar gick till fel vårdnadshavare.";
        f.what_happened = "misdirected_communication";
        f.cause = "human_error";
        f.discovered_at = discovered;
        f.aware_at = aware;
        f.data = {"name", "health"};
        f.subjects_count = 3;
        f.subject_groups = {"pupils"};
        f.effects.confidentiality = "known_recipients";
        return f;
    }

    // The one computation, and everything that shows it, compared.
    void expect_agreement(const std::string& id, const std::string& step) {
        SCOPED_TRACE(step);
        auto incident = m_app->get_incident(as("dpo"), id);
        ASSERT_TRUE(incident);
        auto duties = m_app->case_duties(*incident);
        ASSERT_TRUE(duties);
        const auto& imy = duties->items.front();
        ++m_seen[std::string(domain::duty_state_name(imy.state)) + (imy.decided ? "+decided" : "")];
        ASSERT_TRUE(imy.due.has_value());
        auto session = login("dpo@example.se");
        // The API's case and its list.
        auto api = json::parse(send("GET", "/api/v1/incidents/" + id, {}, &session).body).as_object();
        EXPECT_EQ(api.at("clock").at("due").as_string(), format_stockholm(*imy.due));
        EXPECT_EQ(api.at("clock").at("aware_at").as_string(), format_stockholm(duties->aware.at));
        EXPECT_EQ(api.at("clock").at("state").as_string(), domain::duty_state_name(imy.state));
        EXPECT_EQ(api.at("duties").as_array().size(), duties->items.size());
        auto list = json::parse(send("GET", "/api/v1/incidents", {}, &session).body).as_object();
        bool listed = false;
        for (const auto& item : list.at("items").as_array()) {
            if (item.at("id").as_string() != id) continue;
            listed = true;
            EXPECT_EQ(item.at("clock").at("due").as_string(), format_stockholm(*imy.due));
            EXPECT_EQ(item.at("clock").at("state").as_string(), domain::duty_state_name(imy.state));
            EXPECT_EQ(item.at("next_duty").is_null(), duties->most_urgent() == nullptr);
        }
        EXPECT_TRUE(listed);
        // The case page: the clock box and the table of duties show the same time, and no
        // other time is offered for IMY.
        auto page = send("GET", "/cases/" + id, {}, &session).body;
        auto due_text = web::html::escape(web::html::stockholm_time(*imy.due));
        EXPECT_GE(count_of(page, due_text), 2u) << "the clock box and the table: " << due_text;
        EXPECT_EQ(page.find("Klockan stoppad"), std::string::npos);
        bool decided_open = imy.state == domain::DutyState::open && imy.decided;
        EXPECT_EQ(page.find("Beslutat – inte anmält") != std::string::npos, decided_open);
        // The start page's urgent list: every case with an open duty.
        auto home = send("GET", "/", {}, &session).body;
        auto urgent = home.substr(0, home.find("home.links") == std::string::npos ? home.size() : home.find("home.links"));
        EXPECT_EQ(urgent.find(incident->case_number) != std::string::npos, duties->most_urgent() != nullptr);
        // The stored urgency order the lists sort by (migration 14) is this computation's.
        auto stored = *storage::transact_value<std::vector<storage::Row>>(
            *m_db, storage::TxMode::read, [&](storage::Connection& db) {
                return db.query("SELECT due_rank, due_at, due_decided FROM incidents WHERE id = ?", {id});
            });
        const auto* next = duties->most_urgent();
        EXPECT_EQ(stored.front().integer(0), !next ? 2 : next->due ? 0 : 1);
        if (next && next->due) EXPECT_EQ(stored.front().text(1), format_utc(*next->due));
        EXPECT_EQ(stored.front().integer(2) != 0, next && next->decided);
        // The reminder scheduler: a candidate whenever a reminder may be due, with this deadline.
        auto now = m_clock.now();
        auto candidates = *storage::transact_value<std::vector<std::string>>(
            *m_db, storage::TxMode::read,
            [&](storage::Connection& db) { return storage::incidents_needing_reminders(db, now, hours(7 * 24)); });
        bool candidate = std::find(candidates.begin(), candidates.end(), id) != candidates.end();
        if (imy.state == domain::DutyState::open && now >= *imy.due - hours(48) &&
            now < *imy.due + hours(24 * domain::k_authority_overdue_days))
            EXPECT_TRUE(candidate);
        for (const auto& reminder : domain::reminders_due(id, *duties, now))
            if (reminder.kind == domain::ReminderKind::authority) EXPECT_EQ(reminder.deadline, *imy.due);
    }

    std::string m_org;
    std::map<std::string, std::string> m_ids;
    std::map<std::string, int> m_seen; // the IMY duty's states the checks met
};

TEST_F(DutiesEverywhere, EverySequenceOfEventsAgreesEverywhere) {
    std::mt19937 random(20261202); // fixed: the same sequences on every run
    for (int sequence = 0; sequence < 10; ++sequence) {
        auto now = m_clock.now();
        std::optional<Instant> discovered, aware;
        if (random() % 2) discovered = now - hours(random() % 20);
        if (random() % 2) aware = (discovered ? *discovered : now) + minutes(random() % 120);
        if (aware && *aware > now) aware = now;
        auto reported = m_app->report_incident(as("reporter"), m_org, facts(discovered, aware));
        ASSERT_TRUE(reported) << reported.error().message;
        const auto id = reported->id;
        std::string trail = "report";
        expect_agreement(id, trail);
        for (int step = 0; step < 6; ++step) {
            m_clock.advance(hours(random() % 30) + minutes(random() % 60));
            auto incident = *m_app->get_incident(as("dpo"), id);
            switch (random() % 6) {
            case 0: { // edit kännedom (earlier or later), with a reason
                auto f = incident.facts;
                auto base = domain::awareness(incident);
                f.aware_at = (random() % 2) ? base - hours(random() % 10) : base + minutes(random() % 300);
                if (*f.aware_at > m_clock.now()) f.aware_at = m_clock.now();
                (void)m_app->update_facts(as("handler"), id, f, std::nullopt, "Rättat efter samtal med skolan.");
                trail += " · edit kännedom";
                break;
            }
            case 1: { // register, confirming kännedom
                app::App::AwarenessInput confirm{domain::awareness(incident), ""};
                (void)m_app->change_status(as("registrar"), id, domain::CaseStatus::registered, "", std::nullopt, &confirm);
                trail += " · register";
                break;
            }
            case 2: { // assess and decide (the engine's answer, or "no risk" overriding it)
                if (incident.status == domain::CaseStatus::registered)
                    (void)m_app->change_status(as("handler"), id, domain::CaseStatus::assessing, "", std::nullopt);
                auto assessment = app::run_assessment(*m_app, as("handler"), id, {});
                if (!assessment) break;
                app::DecisionInput decision;
                decision.assessment_id = assessment->record.id;
                decision.agrees = random() % 3 != 0;
                if (!decision.agrees) decision.risk = domain::assessment::RiskLevel::unlikely;
                decision.reasons = "Bedömt av dataskyddsombudet.";
                (void)app::record_decision(*m_app, as("dpo"), id, decision);
                trail += decision.agrees ? " · decide (engine)" : " · decide (no risk)";
                break;
            }
            case 3: { // record the notification to IMY
                app::NotificationInput input;
                input.recipient = "imy";
                input.submitted_at = m_clock.now();
                input.authority_reference = "IMY-2026-1234";
                input.late_reason = "Fördröjt av helgen.";
                input.supplement_promised = true;
                input.supplement_reason = "Uppgifter saknas ännu.";
                (void)m_app->record_notification(as("dpo"), id, input);
                trail += " · record notification";
                break;
            }
            case 4: { // reopen (or send back to assessment)
                if (!domain::is_open(incident.status) || incident.status == domain::CaseStatus::decided)
                    (void)m_app->change_status(as("handler"), id, domain::CaseStatus::assessing, "Nya uppgifter.", std::nullopt);
                trail += " · reopen";
                break;
            }
            default: { // close
                (void)m_app->change_status(as("handler"), id, domain::CaseStatus::closed, "", std::nullopt);
                trail += " · close";
                break;
            }
            }
            expect_agreement(id, trail);
            if (HasFailure()) return;
        }
    }
    // The sequences reached every state that matters, so the agreement was checked in each.
    for (auto state : {"open", "open+decided", "fulfilled", "not_required"}) EXPECT_GT(m_seen[state], 0) << state;
}

// "After the DPO saves a decision (notify IMY: yes), the case says Klockan stoppad – ärendet är
// beslutat and leaves the urgent list on the start page and sinks to the bottom of /cases".
TEST_F(DutiesEverywhere, ADecisionToNotifyStaysOnTopUntilNotified) {
    auto quiet = m_app->report_incident(as("reporter"), m_org, facts(std::nullopt, m_clock.now()));
    m_clock.advance(hours(1));
    auto urgent = m_app->report_incident(as("reporter"), m_org, facts(std::nullopt, m_clock.now() - hours(30)));
    ASSERT_TRUE(quiet && urgent);
    ASSERT_TRUE(m_app->change_status(as("registrar"), urgent->id, domain::CaseStatus::registered, "", std::nullopt));
    ASSERT_TRUE(m_app->change_status(as("handler"), urgent->id, domain::CaseStatus::assessing, "", std::nullopt));
    auto assessment = app::run_assessment(*m_app, as("handler"), urgent->id, {});
    ASSERT_TRUE(assessment);
    app::DecisionInput decision{assessment->record.id, true, std::nullopt, "Hälsouppgifter om barn."};
    auto decided = app::record_decision(*m_app, as("dpo"), urgent->id, decision);
    ASSERT_TRUE(decided) << decided.error().message;
    ASSERT_TRUE(decided->decision.notify_authority);
    auto session = login("dpo@example.se");
    auto page = send("GET", "/cases/" + urgent->id, {}, &session).body;
    EXPECT_EQ(page.find("Klockan stoppad"), std::string::npos);
    EXPECT_NE(page.find("Beslutat – inte anmält"), std::string::npos);
    EXPECT_NE(page.find("Anmäl till IMY"), std::string::npos); // the next step
    auto home = send("GET", "/", {}, &session).body;
    EXPECT_NE(home.find(urgent->case_number), std::string::npos);
    auto cases = send("GET", "/cases", {}, &session).body;
    EXPECT_LT(cases.find(urgent->case_number), cases.find(quiet->case_number));
    auto list = json::parse(send("GET", "/api/v1/incidents", {}, &session).body).as_object();
    EXPECT_EQ(list.at("items").as_array().front().at("id").as_string(), urgent->id);
    EXPECT_EQ(list.at("items").as_array().front().at("clock").at("urgency").as_string(), "running");
    EXPECT_TRUE(list.at("items").as_array().front().at("clock").at("decided").as_bool());
}

// "After kännedom was corrected, one case page showed two IMY deadlines": the table was frozen
// from the stored assessment.
TEST_F(DutiesEverywhere, CorrectingKannedomMovesEveryDeadlineOnThePage) {
    auto reported = m_app->report_incident(as("reporter"), m_org, facts(std::nullopt, m_clock.now() - hours(2)));
    ASSERT_TRUE(reported);
    ASSERT_TRUE(m_app->change_status(as("registrar"), reported->id, domain::CaseStatus::registered, "", std::nullopt));
    ASSERT_TRUE(m_app->change_status(as("handler"), reported->id, domain::CaseStatus::assessing, "", std::nullopt));
    ASSERT_TRUE(app::run_assessment(*m_app, as("handler"), reported->id, {}));
    auto old_due = domain::awareness(*reported) + hours(72);
    // A form sends times to the minute: the same minute back is no change and needs no reason.
    auto same = reported->facts;
    same.aware_at = *same.aware_at + std::chrono::seconds(42);
    auto with_seconds = m_app->update_facts(as("handler"), reported->id, same, std::nullopt, "Sekunderna från systemloggen.");
    ASSERT_TRUE(with_seconds) << with_seconds.error().message;
    same.aware_at = std::chrono::floor<minutes>(*same.aware_at);
    auto resent = m_app->update_facts(as("handler"), reported->id, same, std::nullopt);
    ASSERT_TRUE(resent) << resent.error().field;
    EXPECT_EQ(resent->facts.aware_at, with_seconds->facts.aware_at);
    auto f = resent->facts;
    f.aware_at = std::chrono::floor<minutes>(*f.aware_at) - hours(11);
    auto refused = m_app->update_facts(as("handler"), reported->id, f, std::nullopt);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "aware_reason");
    ASSERT_TRUE(m_app->update_facts(as("handler"), reported->id, f, std::nullopt, "Skolan visste redan kvällen innan."));
    auto session = login("dpo@example.se");
    auto page = send("GET", "/cases/" + reported->id, {}, &session).body;
    auto new_due = *f.aware_at + hours(72);
    old_due = *with_seconds->facts.aware_at + hours(72);
    EXPECT_GE(count_of(page, web::html::escape(web::html::stockholm_time(new_due))), 2u);
    auto duties_part = page.substr(page.find("id=\"duties\""));
    duties_part = duties_part.substr(0, duties_part.find("</section>"));
    EXPECT_EQ(duties_part.find(web::html::escape(web::html::stockholm_time(old_due))), std::string::npos);
    bool audited = false;
    auto trail = storage::transact_value<std::vector<domain::AuditEntry>>(
        *m_db, storage::TxMode::read,
        [&](storage::Connection& db) { return storage::audit_for_incident(db, reported->id, 100); });
    ASSERT_TRUE(trail); // held: a range-for over *temporary() would read freed memory
    for (const auto& entry : *trail)
        audited = audited || (entry.action == "incident.aware" &&
                              entry.after_json.find("Skolan visste redan") != std::string::npos);
    EXPECT_TRUE(audited);
}

// "A reporter gave the discovery time and left kännedom empty: kännedom became the report time,
// eleven hours later".
TEST_F(DutiesEverywhere, WithoutKannedomTheClockRunsFromTheDiscovery) {
    auto discovered = m_clock.now() - hours(11);
    auto reported = m_app->report_incident(as("reporter"), m_org, facts(discovered, std::nullopt));
    ASSERT_TRUE(reported);
    auto session = login("dpo@example.se");
    auto api = json::parse(send("GET", "/api/v1/incidents/" + reported->id, {}, &session).body).as_object();
    EXPECT_EQ(api.at("clock").at("aware_at").as_string(), format_stockholm(discovered));
    EXPECT_EQ(api.at("clock").at("aware_source").as_string(), "discovered");
    EXPECT_EQ(api.at("clock").at("due").as_string(), format_stockholm(discovered + hours(72)));
    auto page = send("GET", "/cases/" + reported->id, {}, &session).body;
    EXPECT_NE(page.find("upptäcktes"), std::string::npos);
    // The registrar is asked to confirm it, prefilled with the discovery time.
    auto registrar = login("registrar@example.se");
    auto register_page = send("GET", "/cases/" + reported->id, {}, &registrar).body;
    EXPECT_NE(register_page.find(R"(name="aware_at" value=")" + format_stockholm_local_input(discovered) + "\""),
              std::string::npos);
    auto version = std::to_string(reported->version);
    auto later = post("/cases/" + reported->id + "/register",
                      {{"version", version}, {"aware_at", format_stockholm_local_input(m_clock.now())}}, registrar);
    EXPECT_EQ(later.status, 400) << "moving the clock later needs a reason";
    // The error summary's link lands on the reason box, which names its hint and error line
    // (the box was "field-aware_reason", the link "#field-aware-reason").
    EXPECT_NE(later.body.find(R"(href="#field-aware-reason")"), std::string::npos);
    EXPECT_NE(later.body.find(R"(<textarea id="field-aware-reason" aria-describedby="field-aware-reason-hint field-aware-reason-error" aria-invalid="true")"),
              std::string::npos);
    expect_anchors_land(later.body, "register-without-reason");
    auto confirmed = post("/cases/" + reported->id + "/register",
                          {{"version", version}, {"aware_at", format_stockholm_local_input(discovered)}}, registrar);
    EXPECT_EQ(confirmed.status, 303) << confirmed.body;
    auto after = m_app->get_incident(as("dpo"), reported->id);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->status, domain::CaseStatus::registered);
    EXPECT_EQ(after->facts.aware_at, discovered);
}

// The handler's facts form asks for the reason the same way: the summary's link lands on the
// box and the box names its error line (the edit form's box was "field-aware_reason" with a
// class "error" where every other field has "has-error").
TEST_F(DutiesEverywhere, TheEditFormLinksTheMissingReasonToItsBox) {
    auto reported = m_app->report_incident(as("reporter"), m_org, facts(std::nullopt, m_clock.now() - hours(2)));
    ASSERT_TRUE(reported);
    ASSERT_TRUE(m_app->change_status(as("registrar"), reported->id, domain::CaseStatus::registered, "", std::nullopt));
    auto handler = login("handler@example.se");
    auto edit = send("GET", "/cases/" + reported->id + "/edit", {}, &handler);
    ASSERT_EQ(edit.status, 200);
    expect_anchors_land(edit.body, "edit");
    // The facts as they stand, kännedom moved eleven hours back, no reason.
    auto moved = reported->facts;
    moved.aware_at = std::chrono::floor<minutes>(domain::awareness(*reported)) - hours(11);
    auto fields = web::pages::form_from_facts(moved);
    fields.emplace_back("version", input_value(edit.body, "version"));
    auto refused = post("/cases/" + reported->id + "/edit", fields, handler);
    ASSERT_EQ(refused.status, 400) << refused.body.substr(0, 2000);
    EXPECT_NE(refused.body.find(R"(href="#field-aware-reason")"), std::string::npos);
    EXPECT_NE(refused.body.find(R"(<div class="field has-error"><label for="field-aware-reason">)"), std::string::npos);
    EXPECT_NE(refused.body.find(R"(id="field-aware-reason-error")"), std::string::npos);
    expect_anchors_land(refused.body, "edit-without-reason");
}

} // namespace

namespace {

// NIS2 steps are duties like the others: shown with their times from kännedom and recorded
// from the case page's table, phase by phase.
TEST_F(DutiesEverywhere, Nis2ReportsAreRecordedFromTheTableOfDuties) {
    auto reported = m_app->report_incident(as("reporter"), m_org, facts(std::nullopt, m_clock.now() - hours(1)));
    ASSERT_TRUE(reported);
    ASSERT_TRUE(m_app->change_status(as("registrar"), reported->id, domain::CaseStatus::registered, "", std::nullopt));
    ASSERT_TRUE(m_app->change_status(as("handler"), reported->id, domain::CaseStatus::assessing, "", std::nullopt));
    ASSERT_TRUE(app::run_assessment(*m_app, as("handler"), reported->id,
                                    json::object{{"nis2_entity", true}, {"significant_incident", true}}));
    auto dpo = login("dpo@example.se");
    auto page = send("GET", "/cases/" + reported->id, {}, &dpo).body;
    EXPECT_NE(page.find(R"(action="/cases/)" + reported->id + R"(/reports")"), std::string::npos);
    EXPECT_NE(page.find(R"(id="report-nis2-0-at")"), std::string::npos);
    EXPECT_EQ(page.find(R"(id="report-nis2-1-at")"), std::string::npos) << "only the next step of each regime";
    auto recorded = post("/cases/" + reported->id + "/reports",
                         {{"recipient", "nis2"}, {"phase", "0"}, {"submitted_at", format_stockholm_local_input(m_clock.now())},
                          {"authority_reference", "CERT-SE 2026-77"}},
                         dpo);
    EXPECT_EQ(recorded.status, 303) << recorded.body;
    auto incident = m_app->get_incident(as("dpo"), reported->id);
    auto duties = m_app->case_duties(*incident);
    ASSERT_TRUE(duties);
    EXPECT_EQ(duties->find(domain::Duty::nis2_early_warning)->state, domain::DutyState::fulfilled);
    EXPECT_EQ(duties->find(domain::Duty::nis2_notification)->state, domain::DutyState::open);
    page = send("GET", "/cases/" + reported->id, {}, &dpo).body;
    EXPECT_NE(page.find(R"(id="report-nis2-1-at")"), std::string::npos);
    // A reporter cannot record one.
    auto reporter = login("reporter@example.se");
    auto refused = post("/cases/" + reported->id + "/reports",
                        {{"recipient", "nis2"}, {"phase", "1"}, {"submitted_at", format_stockholm_local_input(m_clock.now())}},
                        reporter);
    EXPECT_NE(refused.status, 303);
    EXPECT_EQ(m_app->case_duties(*incident)->find(domain::Duty::nis2_notification)->state, domain::DutyState::open);
}

} // namespace

namespace {

// The register form shows kännedom to the minute: confirming it unchanged keeps the stored
// time (with its seconds) and writes no change of kännedom.
TEST_F(DutiesEverywhere, ConfirmingKannedomUnchangedAtRegistrationChangesNothing) {
    auto given = m_clock.now() - hours(3) + std::chrono::seconds(27);
    auto reported = m_app->report_incident(as("reporter"), m_org, facts(std::nullopt, given));
    ASSERT_TRUE(reported);
    auto registrar = login("registrar@example.se");
    auto confirmed = post("/cases/" + reported->id + "/register",
                          {{"version", std::to_string(reported->version)}, {"aware_at", format_stockholm_local_input(given)}},
                          registrar);
    EXPECT_EQ(confirmed.status, 303) << confirmed.body;
    auto after = m_app->get_incident(as("dpo"), reported->id);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->status, domain::CaseStatus::registered);
    EXPECT_EQ(after->facts.aware_at, given);
    auto trail = storage::transact_value<std::vector<domain::AuditEntry>>(
        *m_db, storage::TxMode::read,
        [&](storage::Connection& db) { return storage::audit_for_incident(db, reported->id, 100); });
    ASSERT_TRUE(trail); // held: a range-for over *temporary() would read freed memory
    for (const auto& entry : *trail)
        EXPECT_NE(entry.action, "incident.aware");
}

} // namespace
