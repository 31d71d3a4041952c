// Every read of case content or people's data leaves exactly one audit entry per response
// (who, when, what, about which case), lists included (naming every case shown); a task goes
// only to someone who may read the case; the administrator sees the data subjects' addresses in
// the outbox masked; a child of another case answers like a missing case.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/app.hpp"
#include "app/assessment/assessments.hpp"
#include "app/letters/letters.hpp"
#include "app/processor/processor.hpp"
#include "storage/mail/outbox_repository.hpp"
#include "storage/audit_log.hpp"
#include "storage/repositories.hpp"
#include "support/app_test.hpp"
#include "util/crypto.hpp"

using namespace skydda;
using namespace skydda::app;

namespace {

const Instant k_start = *parse_rfc3339("2026-03-02T10:00:00+01:00", "start");

class ReadAudit : public test_support::AppTest {
protected:
    ReadAudit() : AppTest(k_start) {}
    void SetUp() override {
        AppTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        m_org = *m_app->add_organisation(nullptr, {"Barn- och utbildningsnämnden", "212000-0001", "public"});
        m_other = *m_app->add_organisation(nullptr, {"Socialnämnden", "", "public"});
        for (auto role : {"reporter", "handler", "dpo", "admin", "auditor"}) m_actors[role] = person(m_org, role);
        m_actors["outsider"] = person(m_other, "handler");
        m_case = report("Elevlista på öppen webbsida");
        m_second = report("Fel mottagare av betyg");
        m_elsewhere = m_app->report_incident(m_actors["outsider"], m_other, facts("Journal i fel låda"))->id;
    }

    static domain::IncidentFacts facts(std::string title) {
        domain::IncidentFacts out;
        out.title = std::move(title);
        out.what_happened = "disclosure_other";
        out.data = {"name"};
        out.subjects_count = 30;
        return out;
    }
    std::string report(std::string title) { return m_app->report_incident(m_actors["reporter"], m_org, facts(title))->id; }

    int64_t last_seq() {
        m_app->flush_audit();
        auto rows = *storage::transact_value<std::vector<storage::Row>>(
            *m_db, storage::TxMode::read, [](storage::Connection& db) { return db.query("SELECT MAX(seq) FROM audit_log"); });
        return rows.empty() ? 0 : rows[0].integer(0);
    }
    // The entries written after `mark`, oldest first.
    std::vector<domain::AuditEntry> since(int64_t mark) {
        m_app->flush_audit();
        auto all = *storage::transact_value<std::vector<domain::AuditEntry>>(
            *m_db, storage::TxMode::read, [](storage::Connection& db) { return storage::list_audit(db, {"", "", 10000}); });
        std::erase_if(all, [&](const domain::AuditEntry& e) { return e.seq <= mark; });
        return all;
    }
    // Runs `read` and checks it left exactly one entry: `action` by `who` about `entity_id`.
    template <class Read>
    boost::json::object expect_one_read(Read read, const Actor& who, std::string_view action, std::string_view entity,
                                        std::string_view entity_id) {
        auto mark = last_seq();
        read();
        auto entries = since(mark);
        EXPECT_EQ(entries.size(), 1u) << action;
        if (entries.size() != 1) return {};
        const auto& entry = entries[0];
        EXPECT_EQ(entry.action, action);
        EXPECT_EQ(entry.actor_id, who.user_id) << action;
        EXPECT_EQ(entry.entity, entity) << action;
        EXPECT_EQ(entry.entity_id, entity_id) << action;
        EXPECT_EQ(entry.at, m_clock.now()) << action;
        EXPECT_EQ(entry.before_json, "") << action;
        if (entry.after_json.empty()) return {};
        return boost::json::parse(entry.after_json).as_object();
    }

    std::string m_org, m_other, m_case, m_second, m_elsewhere;
    std::map<std::string, Actor> m_actors;
};

INSTANTIATE_TEST_SUITE_P(Backends, ReadAudit, testing::Values("sqlite", "postgresql"), test_support::backend_name);

int64_t count_of(const boost::json::object& detail, std::string_view key) {
    auto* value = detail.if_contains(key);
    return value ? value->to_number<int64_t>() : -1;
}

std::vector<std::string> ids_of(const boost::json::object& detail, std::string_view key) {
    std::vector<std::string> out;
    if (auto* list = detail.if_contains(key))
        for (const auto& id : list->as_array()) out.emplace_back(id.as_string());
    std::sort(out.begin(), out.end());
    return out;
}

TEST_P(ReadAudit, AListOfCasesIsOneEntryNamingEveryCaseShown) {
    auto& handler = m_actors["handler"];
    auto detail = expect_one_read([&] { ASSERT_TRUE(m_app->list_cases(handler, {})); }, handler, "incident.list.read",
                                  "incident_list", "");
    auto expected = std::vector<std::string>{m_case, m_second};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(ids_of(detail, "cases"), expected); // never the other organisation's case
    // The reporter's own reports: the same entry, by them.
    auto& reporter = m_actors["reporter"];
    CaseQuery mine;
    mine.mine = true;
    detail = expect_one_read([&] { ASSERT_TRUE(m_app->list_cases(reporter, mine)); }, reporter, "incident.list.read",
                             "incident_list", "");
    EXPECT_EQ(ids_of(detail, "cases"), expected);
    // An empty list shows nothing and is not an entry.
    auto mark = last_seq();
    CaseQuery none;
    none.status = domain::CaseStatus::closed;
    ASSERT_TRUE(m_app->list_cases(handler, none));
    EXPECT_TRUE(since(mark).empty());
}

TEST_P(ReadAudit, EachReadWithinACaseIsOneEntryOnTheCase) {
    auto& handler = m_actors["handler"];
    auto& dpo = m_actors["dpo"];
    ASSERT_TRUE(m_app->add_note(handler, m_case, "Ringde skolan."));
    ASSERT_TRUE(m_app->add_task(handler, m_case, {"Ta bort sidan", dpo.user_id, std::nullopt}));
    ASSERT_TRUE(m_app->ask_reporter(handler, m_case, "Hur många elever?"));
    ASSERT_TRUE(m_app->attach_scan(nullptr, m_case, {R"({"schema":"skydda.scan/1"})", {"contact"}, 3, "Export"}));
    auto attachment = m_app->add_attachment(handler, m_case, {"lista.txt", "text/plain", "Anna\nBo\n"});
    ASSERT_TRUE(attachment);

    auto detail = expect_one_read([&] { ASSERT_TRUE(m_app->notes(handler, m_case)); }, handler, "note.read", "incident", m_case);
    EXPECT_EQ(count_of(detail, "notes"), 1);
    detail = expect_one_read([&] { ASSERT_TRUE(m_app->tasks(handler, m_case)); }, handler, "task.read", "incident", m_case);
    EXPECT_EQ(count_of(detail, "tasks"), 1);
    auto& reporter = m_actors["reporter"];
    detail = expect_one_read([&] { ASSERT_TRUE(m_app->questions(reporter, m_case)); }, reporter, "question.read",
                             "incident", m_case);
    EXPECT_EQ(count_of(detail, "questions"), 1);
    detail = expect_one_read([&] { ASSERT_TRUE(m_app->scans(handler, m_case)); }, handler, "scan.read", "incident", m_case);
    EXPECT_EQ(count_of(detail, "scans"), 1);
    detail = expect_one_read([&] { ASSERT_TRUE(m_app->get_attachment(handler, attachment->id, m_case)); }, handler,
                             "attachment.read", "incident", m_case);
    EXPECT_EQ(std::string(detail["attachment"].as_string()), attachment->id);
    expect_one_read([&] { ASSERT_TRUE(m_app->get_incident(handler, m_case)); }, handler, "incident.read", "incident", m_case);
    expect_one_read([&] { ASSERT_TRUE(m_app->open_case(handler, m_case)); }, handler, "incident.read", "incident", m_case);
    detail = expect_one_read([&] { ASSERT_TRUE(m_app->notifications(dpo, m_case)); }, dpo, "notification.read",
                             "incident", m_case);
    EXPECT_EQ(count_of(detail, "notifications"), 0);
    expect_one_read([&] { ASSERT_TRUE(m_app->notification_draft(dpo, m_case, 0)); }, dpo, "notification.draft.read",
                    "incident", m_case);
    expect_one_read([&] { ASSERT_TRUE(m_app->imy_preparation(dpo, m_case, "sv")); }, dpo,
                    "notification.preparation.read", "incident", m_case);
    expect_one_read([&] { ASSERT_TRUE(m_app->document(&dpo, m_case, {DocumentKind::imy_notification, "sv", 0, ""})); },
                    dpo, "document.read:imy-notification", "incident", m_case);
    expect_one_read([&] { ASSERT_TRUE(subject_letter(*m_app, dpo, m_case, "sv")); }, dpo, "letter.read", "incident", m_case);
    detail = expect_one_read([&] { ASSERT_TRUE(processor_overview(*m_app, dpo, m_case)); }, dpo,
                             "processor_notice.read", "incident", m_case);
    EXPECT_EQ(count_of(detail, "notices"), 0);
    ASSERT_TRUE(run_assessment(*m_app, handler, m_case, {}));
    detail = expect_one_read([&] { ASSERT_TRUE(list_assessments(*m_app, handler, m_case)); }, handler, "assessment.read",
                             "incident", m_case);
    EXPECT_EQ(count_of(detail, "assessments"), 1);
}

TEST_P(ReadAudit, TheLettersPageRecordsTheRecipientsItShows) {
    auto& dpo = m_actors["dpo"];
    // Without recipients: the letters only.
    expect_one_read([&] { ASSERT_TRUE(letters_overview(*m_app, dpo, m_case)); }, dpo, "letter.read", "incident", m_case);
    ASSERT_TRUE(import_recipients(*m_app, dpo, m_case, "name,email\nAnna,anna@example.se\nBo,bo@example.se\n"));
    auto mark = last_seq();
    ASSERT_TRUE(letters_overview(*m_app, dpo, m_case));
    auto entries = since(mark);
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].action, "letter.read");
    EXPECT_EQ(entries[1].action, "letter.recipients.read");
    EXPECT_EQ(entries[1].entity_id, m_case);
    EXPECT_EQ(entries[1].actor_id, dpo.user_id);
    EXPECT_EQ(count_of(boost::json::parse(entries[1].after_json).as_object(), "recipients"), 2);
}

TEST_P(ReadAudit, TheCustomerRegisterIsAudited) {
    auto& dpo = m_actors["dpo"];
    auto added = add_customer(*m_app, dpo, m_org, {"Kommun 1", "556000-0019", {"dpo@kommun1.se"}, "Kim", 24, "A-1"});
    ASSERT_TRUE(added) << added.error().field << ": " << added.error().message;
    auto detail = expect_one_read([&] { ASSERT_TRUE(list_customers(*m_app, dpo, m_org, true)); }, dpo, "customers.read",
                                  "organisation", m_org);
    EXPECT_EQ(count_of(detail, "customers"), 1);
    detail = expect_one_read([&] { ASSERT_TRUE(get_customer(*m_app, dpo, m_org, added->id)); }, dpo, "customer.read",
                             "organisation", m_org);
    EXPECT_EQ(ids_of(detail, "customers"), std::vector<std::string>{added->id});
}

TEST_P(ReadAudit, TheInboxNamesItsCasesAndHidesCasesThePersonCannotSee) {
    auto& reporter = m_actors["reporter"];
    ASSERT_TRUE(m_app->ask_reporter(m_actors["handler"], m_case, "Hur många elever?"));
    auto detail = expect_one_read([&] { ASSERT_TRUE(m_app->inbox(reporter)); }, reporter, "inbox.read", "inbox",
                                  reporter.user_id);
    EXPECT_EQ(ids_of(detail, "cases"), std::vector<std::string>{m_case});
    // A note about a case the person cannot see (left from before a role changed) is not shown.
    auto admin = m_actors["admin"];
    ASSERT_TRUE(m_db->transact(storage::TxMode::write, [&](storage::Connection& db) {
        return storage::insert_inbox_notification(
            db, {crypto::new_id(), admin.user_id, m_case, "task", {}, {}, m_clock.now(), false});
    }));
    auto mark = last_seq();
    auto inbox = m_app->inbox(admin);
    ASSERT_TRUE(inbox);
    EXPECT_TRUE(inbox->empty());
    EXPECT_TRUE(since(mark).empty());
}

storage::OutboxMessage letter_mail(const std::string& org, const std::string& incident, const std::string& to) {
    storage::OutboxMessage m;
    m.id = crypto::new_id();
    m.org_id = org;
    m.incident_id = incident;
    m.kind = "letter";
    m.to_address = to;
    m.subject = "Information om en personuppgiftsincident";
    m.body = "Hej";
    m.created_at = m.next_attempt_at = k_start;
    return m;
}

std::string letter_to(const std::vector<storage::OutboxMessage>& messages) {
    for (const auto& m : messages)
        if (m.kind == "letter") return m.to_address;
    return "(no letter)";
}

TEST_P(ReadAudit, TheAdministratorSeesTheSubjectsAddressesMaskedAndTheDpoInFull) {
    ASSERT_TRUE(m_db->transact(storage::TxMode::write, [&](storage::Connection& db) -> Status {
        TRY(storage::enqueue_mail(db, letter_mail(m_org, m_case, "anna.andersson@example.se")));
        return {};
    }));
    auto& admin = m_actors["admin"];
    auto detail = expect_one_read(
        [&] {
            auto seen = m_app->outbox(admin);
            ASSERT_TRUE(seen);
            EXPECT_EQ(letter_to(*seen), "a***@example.se");
        },
        admin, "outbox.read", "outbox", "");
    auto cases = ids_of(detail, "cases"); // the report alerts' cases and the letter's
    EXPECT_NE(std::find(cases.begin(), cases.end(), m_case), cases.end());
    auto seen = m_app->outbox(m_actors["dpo"]);
    ASSERT_TRUE(seen);
    EXPECT_EQ(letter_to(*seen), "anna.andersson@example.se");
    EXPECT_EQ(mask_address("åsa@example.se"), "å***@example.se");
    EXPECT_EQ(mask_address("no-at-sign"), "***");
}

TEST_P(ReadAudit, ATaskGoesOnlyToSomeoneWhoMayReadTheCase) {
    auto& handler = m_actors["handler"];
    for (auto role : {"reporter", "admin"}) {
        auto refused = m_app->add_task(handler, m_case, {"Ring skolan", m_actors[role].user_id, std::nullopt});
        ASSERT_FALSE(refused) << role;
        EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument) << role;
        EXPECT_EQ(refused.error().field, "assignee") << role;
    }
    auto elsewhere = m_app->add_task(handler, m_case, {"Ring skolan", m_actors["outsider"].user_id, std::nullopt});
    ASSERT_FALSE(elsewhere);
    EXPECT_EQ(elsewhere.error().field, "assignee");
    // Nothing written: no task, no inbox note for the reporter.
    EXPECT_TRUE(m_app->tasks(handler, m_case)->empty());
    EXPECT_TRUE(m_app->inbox(m_actors["admin"])->empty());
    EXPECT_TRUE(m_app->add_task(handler, m_case, {"Ring skolan", m_actors["dpo"].user_id, std::nullopt}));
    // The page's list of assignees holds the same people.
    auto file = m_app->open_case(handler, m_case);
    ASSERT_TRUE(file);
    for (const auto& member : file->members) {
        EXPECT_NE(member.id, m_actors["reporter"].user_id);
        EXPECT_NE(member.id, m_actors["admin"].user_id);
    }
}

TEST_P(ReadAudit, AChildOfAnotherCaseAnswersLikeAMissingCase) {
    auto& handler = m_actors["handler"];
    auto task = m_app->add_task(handler, m_case, {"Ta bort sidan", "", std::nullopt});
    ASSERT_TRUE(task);
    auto question = m_app->ask_reporter(handler, m_case, "Hur många?");
    ASSERT_TRUE(question);
    auto attachment = m_app->add_attachment(handler, m_case, {"lista.txt", "text/plain", "Anna\n"});
    ASSERT_TRUE(attachment);
    auto missing = m_app->get_incident(handler, "no-such-case").error();
    auto invisible = m_app->get_incident(handler, m_elsewhere).error();
    EXPECT_EQ(missing.code, ErrorCode::not_found);
    EXPECT_EQ(invisible.message, missing.message);
    auto alike = [&](const Error& error) {
        EXPECT_EQ(error.code, ErrorCode::not_found);
        EXPECT_EQ(error.message, missing.message);
        EXPECT_EQ(error.field, missing.field);
    };
    alike(m_app->set_task_done(handler, task->id, true, m_second).error());
    alike(m_app->set_task_done(handler, "no-such-task", true, m_case).error());
    alike(m_app->answer_question(m_actors["reporter"], question->id, "30", m_second).error());
    alike(m_app->get_attachment(handler, attachment->id, m_second).error());
    alike(m_app->get_attachment(handler, "no-such-attachment", m_case).error());
    // Nothing changed, and the refused attachment read left no read entry.
    EXPECT_FALSE(m_app->tasks(handler, m_case)->front().done_at);
    EXPECT_TRUE(m_app->set_task_done(handler, task->id, true, m_case));
}

} // namespace
