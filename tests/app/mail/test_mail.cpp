// E-mail through the outbox: alerts queued with the report, delivered to a real SMTP sink on
// loopback, retried after a temporary refusal, given up after too many, re-claimed when a
// server died holding a claim, never sent twice by two servers on one database; reminders
// queued once per point and recipient. Every test runs on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "app/app.hpp"
#include "app/mail/mail.hpp"
#include "cli/smtp_transport.hpp"
#include "storage/mail/outbox_repository.hpp"
#include "support/app_test.hpp"
#include "support/smtp_sink.hpp"

using namespace skydda;
using namespace skydda::app;
using test_support::mail_header;
using test_support::SmtpSink;

namespace {

const Instant k_start = *parse_rfc3339("2026-05-04T09:00:00+02:00", "start");

// A transport that fails as told, for the tests that need no real relay.
class FakeTransport final : public MailTransport {
public:
    Status send(const OutgoingMail& mail) override {
        sent.push_back(mail.outbox_id);
        if (error) return fail(*error);
        return {};
    }
    std::optional<Error> error;
    std::vector<std::string> sent;
};

class Mail : public test_support::AppTest {
protected:
    Mail() : AppTest(k_start) {}
    void SetUp() override {
        AppTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        m_app->set_mail_options({true, "https://skydda.exempelby.se/", {}});
        m_org = *m_app->add_organisation(nullptr, {"Exempelby kommun", "212000-0001", "public"});
        for (auto role : {"reporter", "registrar", "manager", "dpo", "infosec", "handler", "admin"})
            m_actors[role] = person(m_org, role);
    }

    std::string report(const std::string& title = "Elevlista med personnummer på webben") {
        domain::IncidentFacts facts;
        facts.title = title;
        facts.description = "Listan med Svensson 19121212-1212 låg öppen.";
        facts.what_happened = "disclosure_other";
        facts.data = {"name"};
        auto incident = m_app->report_incident(m_actors["reporter"], m_org, facts);
        EXPECT_TRUE(incident) << incident.error().message;
        return incident->id;
    }

    std::vector<storage::OutboxMessage> outbox() { return *m_app->outbox(m_actors["dpo"]); }

    std::string body_of(const std::string& id) {
        return *storage::transact_value<std::string>(*m_db, storage::TxMode::read, [&](storage::Connection& db) -> Result<std::string> {
            auto rows = TRY(db.query("SELECT body FROM outbox WHERE id = ?", {id}));
            return rows.at(0).text(0);
        });
    }

    DeliveryOptions options(std::string worker = "w1") {
        DeliveryOptions o;
        o.worker_id = std::move(worker);
        return o;
    }

    std::unique_ptr<cli::SmtpTransport> smtp(const SmtpSink& sink) {
        mail::SmtpSettings settings;
        settings.url = sink.url();
        settings.tls = mail::TlsMode::none;
        return std::make_unique<cli::SmtpTransport>(settings, "skydda@exempelby.se");
    }

    std::string m_org;
    std::map<std::string, Actor> m_actors;
    test_support::TempDir m_mail_dir;
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, Mail, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST_P(Mail, ReportQueuesOneAlertPerRegistrarManagerDpoAndInfosecWithoutReportDetails) {
    auto id = report();
    auto queued = outbox();
    ASSERT_EQ(queued.size(), 4u);
    std::set<std::string> to;
    for (const auto& m : queued) {
        to.insert(m.to_address);
        EXPECT_EQ(m.kind, "alert.reported");
        EXPECT_EQ(m.status, "queued");
        EXPECT_EQ(m.incident_id, id);
        auto body = body_of(m.id);
        EXPECT_NE(body.find("https://skydda.exempelby.se/cases/" + id), std::string::npos) << body;
        EXPECT_NE(body.find("Exempelby kommun"), std::string::npos);
        EXPECT_NE(body.find("2026-05-07 09:00 (CEST)"), std::string::npos) << body; // 72 h after awareness
        EXPECT_LT(body.find("En ny personuppgiftsincident"), body.find("A new personal data breach"));
        EXPECT_EQ(body.find("Elevlista"), std::string::npos) << "the report's title must not be mailed";
        EXPECT_EQ(body.find("19121212"), std::string::npos);
        EXPECT_EQ(m.subject.find("Elevlista"), std::string::npos);
    }
    EXPECT_EQ(to, (std::set<std::string>{m_actors["registrar"].email, m_actors["manager"].email, m_actors["dpo"].email,
                                         m_actors["infosec"].email}));
}

TEST_P(Mail, OnlyDpoAndAdminSeeTheOutbox) {
    report();
    EXPECT_EQ(m_app->outbox(m_actors["admin"])->size(), 4u);
    EXPECT_EQ(m_app->outbox(m_actors["handler"]).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(m_app->outbox(m_actors["reporter"]).error().code, ErrorCode::permission_denied);
}

TEST_P(Mail, CaseMailListsTheCasesMessagesForThoseWhoNotify) {
    auto id = report();
    report("Ett annat ärende");
    EXPECT_EQ(m_app->case_mail(m_actors["dpo"], id)->size(), 4u);
    EXPECT_EQ(m_app->case_mail(m_actors["reporter"], id).error().code, ErrorCode::permission_denied);
}

TEST_P(Mail, DeliversToARealSmtpSink) {
    SmtpSink sink(m_mail_dir.path());
    auto id = report();
    auto transport = smtp(sink);
    MailDelivery delivery(*m_app, transport.get(), options());
    auto pass = delivery.run_once();
    ASSERT_TRUE(pass) << pass.error().message;
    EXPECT_EQ(pass->sent, 4u);
    auto received = sink.wait_for(4);
    ASSERT_EQ(received.size(), 4u);
    std::set<std::string> ids;
    for (const auto& m : outbox()) {
        EXPECT_EQ(m.status, "sent");
        EXPECT_EQ(m.sent_at, k_start);
        ids.insert("<outbox-" + m.id + "@exempelby.se>");
    }
    for (const auto& message : received) {
        EXPECT_TRUE(ids.contains(mail_header(message, "Message-ID"))) << message;
        EXPECT_EQ(mail_header(message, "Content-Type"), "text/plain; charset=utf-8");
        EXPECT_EQ(mail_header(message, "Date"), "Mon, 04 May 2026 07:00:00 +0000");
        EXPECT_TRUE(mail_header(message, "Subject").starts_with("Ny personuppgiftsincident ")) << message;
        EXPECT_NE(message.find("Tidsfrist f=C3=B6r anm=C3=A4lan till IMY"), std::string::npos) << message;
    }
    // Sent is sent: a second pass finds nothing.
    EXPECT_EQ(delivery.run_once()->sent, 0u);
    EXPECT_EQ(sink.messages().size(), 4u);
}

TEST_P(Mail, RetriesAfterATemporaryRefusalWithBackOff) {
    SmtpSink sink(m_mail_dir.path(), 1);
    report();
    auto transport = smtp(sink);
    MailDelivery delivery(*m_app, transport.get(), options());
    auto pass = *delivery.run_once();
    EXPECT_EQ(pass.sent, 3u);
    EXPECT_EQ(pass.retried, 1u);
    std::vector<storage::OutboxMessage> waiting;
    for (auto& m : outbox())
        if (m.status != "sent") waiting.push_back(m);
    ASSERT_EQ(waiting.size(), 1u);
    EXPECT_EQ(waiting[0].status, "queued");
    EXPECT_EQ(waiting[0].attempts, 1);
    EXPECT_EQ(waiting[0].next_attempt_at, k_start + std::chrono::minutes(1));
    EXPECT_NE(waiting[0].last_error.find("451"), std::string::npos) << waiting[0].last_error;
    EXPECT_EQ(delivery.run_once()->sent, 0u); // not due yet
    m_clock.advance(std::chrono::minutes(1));
    EXPECT_EQ(delivery.run_once()->sent, 1u);
    EXPECT_EQ(sink.wait_for(4).size(), 4u);
    for (auto& m : outbox()) EXPECT_EQ(m.status, "sent");
}

TEST_P(Mail, BackOffDoublesAndIsCapped) {
    EXPECT_EQ(retry_delay(1), std::chrono::minutes(1));
    EXPECT_EQ(retry_delay(2), std::chrono::minutes(2));
    EXPECT_EQ(retry_delay(3), std::chrono::minutes(4));
    EXPECT_EQ(retry_delay(6), std::chrono::minutes(32));
    EXPECT_EQ(retry_delay(7), std::chrono::minutes(60));
    EXPECT_EQ(retry_delay(50), std::chrono::minutes(60));
}

TEST_P(Mail, GivesUpAfterTheLastAttemptAndOnAPermanentRefusal) {
    report();
    FakeTransport transport;
    transport.error = Error{ErrorCode::unavailable, "SMTP 451: later", "smtp"};
    auto o = options();
    o.max_attempts = 3;
    MailDelivery delivery(*m_app, &transport, o);
    for (int round = 0; round < 3; ++round) {
        ASSERT_TRUE(delivery.run_once());
        m_clock.advance(std::chrono::hours(1));
    }
    for (auto& m : outbox()) {
        EXPECT_EQ(m.status, "failed");
        EXPECT_EQ(m.attempts, 3);
    }
    EXPECT_EQ(transport.sent.size(), 12u);
    // An operator retries one: queued again now, attempts reset, audited.
    auto one = outbox().front().id;
    ASSERT_TRUE(m_app->retry_mail(&m_actors["dpo"], one));
    EXPECT_EQ(m_app->retry_mail(&m_actors["handler"], one).error().code, ErrorCode::not_found);
    transport.error = Error::invalid("smtp", "SMTP 550: no such user");
    EXPECT_EQ(delivery.run_once()->failed, 1u); // permanent: no further attempts
    auto after = outbox();
    auto retried = std::find_if(after.begin(), after.end(), [&](const auto& m) { return m.id == one; });
    ASSERT_NE(retried, after.end());
    EXPECT_EQ(retried->attempts, 1);
}

TEST_P(Mail, ALeaseThatRanOutIsClaimedAgain) {
    report();
    // A server claims everything and dies before sending.
    auto claimed = *storage::transact_value<std::vector<storage::OutboxMessage>>(
        *m_db, storage::TxMode::write, [&](storage::Connection& db) {
            return storage::claim_due_mail(db, m_clock.now(), "dead-server", std::chrono::seconds(120), 50);
        });
    ASSERT_EQ(claimed.size(), 4u);
    FakeTransport transport;
    MailDelivery delivery(*m_app, &transport, options("live-server"));
    EXPECT_EQ(delivery.run_once()->sent, 0u) << "still leased to the dead server";
    m_clock.advance(std::chrono::seconds(119));
    EXPECT_EQ(delivery.run_once()->sent, 0u);
    m_clock.advance(std::chrono::seconds(1));
    EXPECT_EQ(delivery.run_once()->sent, 4u);
    for (auto& m : outbox()) {
        EXPECT_EQ(m.status, "sent");
        EXPECT_EQ(m.attempts, 2); // the dead server's attempt counts
    }
}

TEST_P(Mail, TwoServersOnOneDatabaseNeverSendTheSameMessageTwice) {
    SmtpSink sink(m_mail_dir.path());
    for (int n = 0; n < 10; ++n) report("Rapport " + std::to_string(n));
    // A second process: its own connections to the same database, its own App and worker.
    auto other_db = test_support::with_test_keys(std::move(*storage::open_database(m_dir.url())));
    App other(*other_db, m_clock);
    auto transport_a = smtp(sink), transport_b = smtp(sink);
    MailDelivery a(*m_app, transport_a.get(), options("server-a"));
    MailDelivery b(other, transport_b.get(), options("server-b"));
    std::atomic<size_t> sent_a{0}, sent_b{0};
    auto drain = [](MailDelivery& delivery, std::atomic<size_t>& sent) {
        for (int idle = 0; idle < 3;) {
            auto pass = delivery.run_once(false);
            ASSERT_TRUE(pass) << pass.error().message;
            sent += pass->sent;
            idle = pass->sent == 0 ? idle + 1 : 0;
        }
    };
    std::thread ta([&] { drain(a, sent_a); }), tb([&] { drain(b, sent_b); });
    ta.join();
    tb.join();
    EXPECT_EQ(sent_a + sent_b, 40u);
    auto received = sink.wait_for(40);
    ASSERT_EQ(received.size(), 40u);
    std::set<std::string> ids;
    for (const auto& message : received) ids.insert(mail_header(message, "Message-ID"));
    EXPECT_EQ(ids.size(), 40u) << "a message was sent twice";
    std::cout << "[ mail     ] server A sent " << sent_a << ", server B sent " << sent_b << '\n';
    other.flush_audit();
}

TEST_P(Mail, OffMeansQueuedNotLost) {
    report();
    MailDelivery delivery(*m_app, nullptr, options());
    auto pass = delivery.run_once();
    ASSERT_TRUE(pass);
    EXPECT_EQ(pass->sent, 0u);
    auto queued = outbox();
    ASSERT_FALSE(queued.empty()); // the report's alerts
    for (auto& m : queued) EXPECT_EQ(m.status, "queued");
}

TEST_P(Mail, RemindersBeforeTheDeadlineOncePerPointAndPerson) {
    auto id = report();
    ASSERT_TRUE(m_app->assign(m_actors["registrar"], id, m_actors["handler"].user_id));
    EXPECT_EQ(*m_app->queue_due_reminders(), 0u);
    m_clock.advance(std::chrono::hours(25)); // 47 hours left
    EXPECT_EQ(*m_app->queue_due_reminders(), 2u); // the handler and the DPO
    EXPECT_EQ(*m_app->queue_due_reminders(), 0u);
    m_clock.advance(std::chrono::hours(43)); // 4 hours left: the 24-hour point was missed
    EXPECT_EQ(*m_app->queue_due_reminders(), 2u);
    std::multiset<std::string> kinds;
    std::set<std::string> to;
    for (auto& m : outbox())
        if (m.kind != "alert.reported") {
            kinds.insert(m.dedupe_key.substr(0, m.dedupe_key.rfind(':')));
            to.insert(m.to_address);
        }
    EXPECT_EQ(kinds, (std::multiset<std::string>{"reminder:imy:" + id + ":48", "reminder:imy:" + id + ":48",
                                                 "reminder:imy:" + id + ":6", "reminder:imy:" + id + ":6"}));
    EXPECT_EQ(to, (std::set<std::string>{m_actors["handler"].email, m_actors["dpo"].email}));
}

TEST_P(Mail, NoReminderOnceImyIsNotified) {
    auto id = report();
    ASSERT_TRUE(m_db->transact(storage::TxMode::write, [&](storage::Connection& db) -> Status {
        TRY(db.execute("INSERT INTO notifications (id, incident_id, recipient, phase, submitted_at, our_reference, "
                       "seconds_after_awareness, late, details_json, document_json, created_at) VALUES ('n1', ?, 'imy', 0, ?, "
                       "'r', 3600, 0, '{}', '{}', ?)",
                       {id, format_utc(m_clock.now()), format_utc(m_clock.now())}));
        return {};
    }));
    m_clock.advance(std::chrono::hours(60));
    EXPECT_EQ(*m_app->queue_due_reminders(), 0u);
}

TEST_P(Mail, SupplementReminderUntilTheNextPhaseIsRecorded) {
    auto id = report();
    auto due = m_clock.now() + std::chrono::days(28);
    ASSERT_TRUE(m_db->transact(storage::TxMode::write, [&](storage::Connection& db) -> Status {
        TRY(db.execute("INSERT INTO notifications (id, incident_id, recipient, phase, submitted_at, our_reference, "
                       "seconds_after_awareness, late, supplement_promised, supplement_due_at, details_json, "
                       "document_json, created_at) VALUES ('n1', ?, 'imy', 0, ?, 'r', 3600, 0, 1, ?, '{}', '{}', ?)",
                       {id, format_utc(m_clock.now()), format_utc(due), format_utc(m_clock.now())}));
        return {};
    }));
    m_clock.set(due - std::chrono::days(7));
    EXPECT_EQ(*m_app->queue_due_reminders(), 1u); // the DPO (no handler assigned)
    m_clock.set(due - std::chrono::hours(12));
    EXPECT_EQ(*m_app->queue_due_reminders(), 1u);
    EXPECT_EQ(*m_app->queue_due_reminders(), 0u);
    // Past the due date: weekly until the supplement is recorded.
    m_clock.set(due + std::chrono::hours(1));
    EXPECT_EQ(*m_app->queue_due_reminders(), 1u);
    EXPECT_EQ(*m_app->queue_due_reminders(), 0u);
    m_clock.set(due + std::chrono::days(8));
    EXPECT_EQ(*m_app->queue_due_reminders(), 1u);
    ASSERT_TRUE(m_db->transact(storage::TxMode::write, [&](storage::Connection& db) -> Status {
        TRY(db.execute("INSERT INTO notifications (id, incident_id, recipient, phase, submitted_at, our_reference, "
                       "seconds_after_awareness, late, supplement_promised, details_json, document_json, created_at) "
                       "VALUES ('n2', ?, 'imy', 1, ?, 'r', 3600, 1, 0, '{}', '{}', ?)",
                       {id, format_utc(m_clock.now()), format_utc(m_clock.now())}));
        return {};
    }));
    m_clock.set(due + std::chrono::days(15));
    EXPECT_EQ(*m_app->queue_due_reminders(), 0u);
    int64_t overdue = 0;
    ASSERT_TRUE(m_db->transact(storage::TxMode::read, [&](storage::Connection& db) -> Status {
        overdue = TRY(db.query("SELECT COUNT(*) FROM outbox WHERE subject LIKE 'Försenad komplettering%'"))[0].integer(0);
        return {};
    }));
    EXPECT_EQ(overdue, 2);
}
