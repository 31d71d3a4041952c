// The use cases that touch every repository statement, on SQLite and on PostgreSQL; and what
// "several servers on one database" needs: two App objects on two Database objects share
// sessions, login throttling and the registry sequence through the database alone.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "app/app.hpp"
#include "domain/accounts.hpp"
#include "storage/migrations.hpp"
#include "support/test_database.hpp"
#include "support/test_keys.hpp"

using namespace skydda;
using namespace skydda::app;

namespace {

const Instant k_start = *parse_rfc3339("2026-03-02T10:00:00+01:00", "start");

domain::IncidentFacts misdirected_email(const std::string& title) {
    domain::IncidentFacts facts;
    facts.title = title;
    facts.what_happened = "misdirected_communication";
    facts.aware_at = k_start - std::chrono::hours(1);
    facts.data = {"name", "health"};
    facts.subjects_count = 1;
    facts.subject_groups = {"pupils"};
    return facts;
}

// One "server": its own Database object (connection pool) and App over the shared database.
struct Server {
    Server(const std::string& url, const Clock& clock)
        : database(test_support::with_test_keys(std::move(*storage::open_database(url)))), app(*database, clock) {}
    std::unique_ptr<storage::Database> database;
    App app;
};

class UseCases : public testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        SKIP_WITHOUT_DATABASE(m_database);
        auto database = storage::open_database(m_database.url());
        ASSERT_TRUE(database) << database.error().message;
        test_support::use_test_audit_key(**database);
        ASSERT_TRUE(storage::migrate(**database));
        m_one = std::make_unique<Server>(m_database.url(), m_clock);
        m_two = std::make_unique<Server>(m_database.url(), m_clock);
        m_org = *m_one->app.add_organisation(nullptr, {"Nämnd A", "212000-0001", "public"});
        for (auto role : {"reporter", "registrar", "handler"}) {
            auto id = m_one->app.add_user(nullptr, m_org, std::string(role) + "@example.se", role, role,
                                          std::string("correct horse battery"));
            ASSERT_TRUE(id) << id.error().message;
            m_actors[role] = *m_one->app.load_actor(*id);
        }
    }
    void TearDown() override {
        if (m_one) m_one->app.flush_audit();
        if (m_two) m_two->app.flush_audit();
    }

    test_support::TestDatabase m_database{GetParam()};
    ManualClock m_clock{k_start};
    std::unique_ptr<Server> m_one, m_two;
    std::string m_org;
    std::map<std::string, Actor> m_actors;
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, UseCases, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST_P(UseCases, CaseFileKeepsEveryItemAndTheAuditChainVerifies) {
    auto& app = m_one->app;
    auto incident = app.report_incident(m_actors["reporter"], m_org, misdirected_email("Mejl till fel mottagare"));
    ASSERT_TRUE(incident) << incident.error().message;
    ASSERT_TRUE(app.change_status(m_actors["registrar"], incident->id, domain::CaseStatus::registered, "", 1));
    ASSERT_TRUE(app.assign(m_actors["registrar"], incident->id, m_actors["handler"].user_id));
    ASSERT_TRUE(app.add_note(m_actors["handler"], incident->id, "Ringde mottagaren; 'raderat' enligt uppgift?"));
    auto task = app.add_task(m_actors["handler"], incident->id, {"Kontrollera loggar", "", k_start + std::chrono::hours(48)});
    ASSERT_TRUE(task) << task.error().message;
    ASSERT_TRUE(app.set_task_done(m_actors["handler"], task->id, true));
    auto question = app.ask_reporter(m_actors["handler"], incident->id, "Vem skickade?");
    ASSERT_TRUE(question) << question.error().message;
    ASSERT_TRUE(app.answer_question(m_actors["reporter"], question->id, "Jag"));
    std::string bytes("%PDF\0\xff\x00\x7f binary", 16);
    auto attachment = app.add_attachment(m_actors["handler"], incident->id, {"logg.pdf", "application/pdf", bytes});
    ASSERT_TRUE(attachment) << attachment.error().message;

    auto file = m_two->app.open_case(m_actors["handler"], incident->id);
    ASSERT_TRUE(file) << file.error().message;
    EXPECT_EQ(file->incident.status, domain::CaseStatus::registered);
    EXPECT_EQ(file->incident.handler_id, m_actors["handler"].user_id);
    ASSERT_EQ(file->notes.size(), 1u);
    EXPECT_EQ(file->notes[0].body, "Ringde mottagaren; 'raderat' enligt uppgift?");
    ASSERT_EQ(file->tasks.size(), 1u);
    EXPECT_TRUE(file->tasks[0].done_at);
    ASSERT_EQ(file->questions.size(), 1u);
    EXPECT_EQ(file->questions[0].answer, "Jag");
    ASSERT_EQ(file->attachments.size(), 1u);
    EXPECT_EQ(m_two->app.get_attachment(m_actors["handler"], attachment->id)->data, bytes);
    EXPECT_FALSE(m_two->app.inbox(m_actors["registrar"])->empty());
    auto listed = m_two->app.list_cases(m_actors["handler"], {m_org, domain::CaseStatus::registered, false, 10});
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed->size(), 1u);
    EXPECT_EQ(m_two->app.list_cases(m_actors["reporter"], {"", std::nullopt, true, 10})->size(), 1u);
    auto stale = app.change_status(m_actors["handler"], incident->id, domain::CaseStatus::assessing, "", 1);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::failed_precondition);
    auto audit = m_two->app.verify_audit();
    ASSERT_TRUE(audit);
    EXPECT_TRUE(audit->intact) << audit->problem;
}

TEST_P(UseCases, SessionsAndLoginThrottlingAreSharedByServers) {
    auto login = m_one->app.login("handler@example.se", "correct horse battery", "10.0.0.1");
    ASSERT_TRUE(login) << login.error().message;
    auto session = m_two->app.resolve_session(login->session_token);
    ASSERT_TRUE(session) << session.error().message;
    EXPECT_EQ(session->actor.user_id, m_actors["handler"].user_id);
    ASSERT_TRUE(m_two->app.logout(login->session_token));
    EXPECT_FALSE(m_one->app.resolve_session(login->session_token));

    // The failures one server saw slow the same client down on the other; a client that did
    // not fail signs in with the right password.
    for (int i = 0; i < domain::k_throttle_account_client.free; ++i)
        EXPECT_FALSE((i % 2 ? m_one : m_two)->app.login("handler@example.se", "wrong", "10.0.0.2"));
    auto throttled = m_one->app.login("handler@example.se", "correct horse battery", "10.0.0.2");
    ASSERT_FALSE(throttled);
    EXPECT_EQ(throttled.error().code, ErrorCode::too_many_requests);
    EXPECT_TRUE(m_two->app.login("handler@example.se", "correct horse battery", "10.0.0.3"));
}

TEST_P(UseCases, ConcurrentReportsThroughTwoServersGetUniqueGapFreeCaseNumbers) {
    std::mutex mutex;
    std::set<std::string> numbers;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            auto& app = (t % 2 ? m_two : m_one)->app;
            for (int i = 0; i < 10; ++i) {
                auto incident = app.report_incident(m_actors["reporter"], m_org, misdirected_email("Rapport"));
                ASSERT_TRUE(incident) << incident.error().message;
                std::lock_guard lock(mutex);
                numbers.insert(incident->case_number);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    ASSERT_EQ(numbers.size(), 40u);
    std::set<int> sequences;
    for (const auto& number : numbers) sequences.insert(std::stoi(number.substr(number.find_last_of("/-") + 1)));
    EXPECT_EQ(sequences.size(), 40u);
    EXPECT_EQ(*sequences.begin(), 1);
    EXPECT_EQ(*sequences.rbegin(), 40);
    auto audit = m_one->app.verify_audit();
    ASSERT_TRUE(audit);
    EXPECT_TRUE(audit->intact) << audit->problem;
}
