// E-mail end to end: `skydda serve` with smtp_url pointing at a real SMTP sink on loopback.
// A report through the API brings the alert e-mails; and messages queued while the relay was
// down survive a SIGKILL of the server and arrive exactly once after a restart.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <set>
#include <thread>

#include "e2e_support.hpp"
#include "storage/database.hpp"
#include "support/smtp_sink.hpp"
#include "support/test_database.hpp"

using namespace skydda;
using namespace skydda::e2e;
using test_support::mail_header;
using test_support::SmtpSink;

namespace {

// The server child inherits these; unset again when the test ends.
class MailEnvironment {
public:
    explicit MailEnvironment(int port) {
        setenv("SKYDDA_SMTP_URL", ("smtp://127.0.0.1:" + std::to_string(port)).c_str(), 1);
        setenv("SKYDDA_SMTP_FROM", "skydda@exempelby.se", 1);
        setenv("SKYDDA_SMTP_TLS", "none", 1);
        setenv("SKYDDA_SMTP_RETRY_SECONDS", "1", 1);
        setenv("SKYDDA_PUBLIC_URL", "https://skydda.exempelby.se", 1);
    }
    ~MailEnvironment() {
        for (auto name : {"SKYDDA_SMTP_URL", "SKYDDA_SMTP_FROM", "SKYDDA_SMTP_TLS", "SKYDDA_SMTP_RETRY_SECONDS",
                          "SKYDDA_PUBLIC_URL"})
            unsetenv(name);
    }
};

class MailEndToEnd : public testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        SKIP_WITHOUT_DATABASE(m_database);
        m_org = id_from_json(run_skydda({"org", "add", "--db", db(), "--name", "Exempelby kommun"}).out);
        m_reporter = add_account(db(), m_org, "reporter", "reporter");
        m_dpo = add_account(db(), m_org, "dpo", "dpo");
        add_account(db(), m_org, "registrar", "registrar");
    }
    std::string db() const { return m_database.url(); }

    std::string report(uint16_t port, const std::string& title) {
        auto response = http::request("127.0.0.1", port, "POST", "/api/v1/incidents",
                                      R"({"org":")" + m_org + R"(","title":")" + title +
                                          R"(","what_happened":"loss","data":["name"]})",
                                      {{"Authorization", "Bearer " + m_reporter.token},
                                       {"Content-Type", "application/json"}});
        EXPECT_EQ(response.status, 201) << response.body;
        return std::string(boost::json::parse(response.body).at("id").as_string());
    }

    std::vector<storage::Row> query(const std::string& sql) {
        auto database = storage::open_database(db());
        return *storage::transact_value<std::vector<storage::Row>>(
            **database, storage::TxMode::read, [&](storage::Connection& c) { return c.query(sql); });
    }

    test_support::TestDatabase m_database{GetParam()};
    test_support::TempDir m_mail_dir;
    std::string m_org;
    Account m_reporter, m_dpo;
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, MailEndToEnd, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST_P(MailEndToEnd, AReportBringsTheAlertEmails) {
    SmtpSink sink(m_mail_dir.path());
    MailEnvironment environment(sink.port());
    ServerProcess server(db(), free_port());
    auto id = report(server.port(), "Borttappad USB-sticka");
    auto received = sink.wait_for(2);
    ASSERT_EQ(received.size(), 2u);
    std::set<std::string> to;
    for (const auto& message : received) {
        to.insert(mail_header(message, "To"));
        auto text = test_support::mail_text(message);
        EXPECT_NE(text.find("Öppna ärendet: https://skydda.exempelby.se/cases/" + id), std::string::npos) << text;
        EXPECT_EQ(text.find("USB-sticka"), std::string::npos) << "the report's title must not be mailed";
        EXPECT_EQ(mail_header(message, "From"), "Skydda <skydda@exempelby.se>");
    }
    EXPECT_EQ(to, (std::set<std::string>{"<dpo@example.se>", "<registrar@example.se>"}));

    // The status, as the DPO sees it: JSON and the page, never the body.
    auto get = [&](const std::string& path, const std::string& token) {
        return http::request("127.0.0.1", server.port(), "GET", path, "", {{"Authorization", "Bearer " + token}});
    };
    // "sent" is committed just after the relay's reply, so it may trail the sink's file a moment.
    auto listed = get("/api/v1/outbox", m_dpo.token);
    for (int wait = 0; wait < 100 && listed.body.find("\"queued\"") != std::string::npos; ++wait) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        listed = get("/api/v1/outbox", m_dpo.token);
    }
    for (int wait = 0; wait < 100 && listed.body.find("\"sending\"") != std::string::npos; ++wait) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        listed = get("/api/v1/outbox", m_dpo.token);
    }
    ASSERT_EQ(listed.status, 200) << listed.body;
    auto outbox = boost::json::parse(listed.body).as_object();
    EXPECT_EQ(outbox.at("delivery").as_string(), "on");
    ASSERT_EQ(outbox.at("items").as_array().size(), 2u);
    for (const auto& item : outbox.at("items").as_array()) {
        EXPECT_EQ(item.at("status").as_string(), "sent");
        EXPECT_EQ(item.at("kind").as_string(), "alert.reported");
        EXPECT_EQ(item.at("incident").as_string(), id);
        EXPECT_FALSE(item.as_object().contains("body"));
    }
    EXPECT_EQ(get("/api/v1/outbox", m_reporter.token).status, 403);
    auto page = get("/outbox", m_dpo.token);
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("registrar@example.se"), std::string::npos);
    EXPECT_NE(page.body.find("Skickat"), std::string::npos);
    EXPECT_EQ(page.body.find("Öppna ärendet"), std::string::npos) << "no body on the status page";
    auto case_file = get("/cases/" + id, m_dpo.token);
    EXPECT_NE(case_file.body.find("E-post om ärendet"), std::string::npos);
}

TEST_P(MailEndToEnd, QueuedMailSurvivesSigkillAndArrivesExactlyOnce) {
    // The relay is down: its port is reserved but nobody listens.
    int relay_port = free_port();
    MailEnvironment environment(relay_port);
    auto server = std::make_unique<ServerProcess>(db(), free_port());
    std::set<std::string> incidents;
    for (int n = 0; n < 5; ++n) incidents.insert(report(server->port(), "Rapport " + std::to_string(n)));
    // Wait until the worker has tried every message at least once, then kill the server.
    for (int wait = 0; wait < 200; ++wait) {
        auto tried = query("SELECT COUNT(*) FROM outbox WHERE attempts > 0 AND status = 'queued'");
        if (tried.at(0).integer(0) == 10) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    server->kill_now();
    auto before = query("SELECT id, status, last_error FROM outbox");
    ASSERT_EQ(before.size(), 10u);
    for (const auto& row : before) {
        EXPECT_NE(row.text(1), "sent");
        EXPECT_FALSE(row.text(2).empty()) << "the failed attempt is recorded";
    }
    // The relay comes up on that port; the server restarts.
    SmtpSink sink(m_mail_dir.path(), 0, relay_port);
    server = std::make_unique<ServerProcess>(db(), free_port());
    auto received = sink.wait_for(10, std::chrono::seconds(30));
    std::this_thread::sleep_for(std::chrono::seconds(2)); // anything sent twice would show by now
    received = sink.messages();
    server->stop();
    ASSERT_EQ(received.size(), 10u);
    std::map<std::string, int> by_id;
    for (const auto& message : received) ++by_id[mail_header(message, "Message-ID")];
    EXPECT_EQ(by_id.size(), 10u);
    for (const auto& row : before) EXPECT_EQ(by_id["<outbox-" + row.text(0) + "@exempelby.se>"], 1) << row.text(0);
    auto sent = query("SELECT COUNT(*) FROM outbox WHERE status = 'sent'");
    EXPECT_EQ(sent.at(0).integer(0), 10);
}
