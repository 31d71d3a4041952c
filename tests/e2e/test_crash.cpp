// An acknowledged report survives a crash: clients submit reports through the API while the
// server is killed with SIGKILL at random moments, again and again. Afterwards every report that
// got a 201 is there and complete, no report is half-present (each has its audit entry, the
// registry numbers have no gaps), and the audit chain verifies.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "e2e_support.hpp"
#include "storage/database.hpp"
#include "support/test_database.hpp"

using namespace skydda;
using namespace skydda::e2e;
namespace json = boost::json;

namespace {

constexpr int k_kills = 20;

struct Acknowledged {
    std::string id, case_number, title;
};

class Crash : public testing::TestWithParam<std::string> {
protected:
    void SetUp() override { SKIP_WITHOUT_DATABASE(m_database); }

    // Posts reports until `stop`, keeping those the server acknowledged with 201.
    void submit(const std::string& org, const std::string& token, std::atomic<uint16_t>& port, std::atomic<bool>& stop,
                int client) {
        for (int n = 0; !stop; ++n) {
            auto title = "krasch " + std::to_string(client) + "-" + std::to_string(n);
            try {
                auto response = http::request("127.0.0.1", port, "POST", "/api/v1/incidents",
                                              R"({"org":")" + org + R"(","title":")" + title +
                                                  R"(","what_happened":"loss","data":["name"]})",
                                              {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
                if (response.status != 201) continue;
                auto body = json::parse(response.body).as_object();
                std::lock_guard lock(m_mutex);
                m_acknowledged.push_back({std::string(body.at("id").as_string()),
                                          std::string(body.at("case_number").as_string()), title});
            } catch (const std::exception&) {
                // The server is down or died mid-request: this report was never acknowledged.
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
        }
    }

    test_support::TestDatabase m_database{GetParam()};
    std::mutex m_mutex;
    std::vector<Acknowledged> m_acknowledged;
};

std::vector<storage::Row> query(const std::string& url, const std::string& sql) {
    auto database = storage::open_database(url);
    EXPECT_TRUE(database) << database.error().message;
    return *storage::transact_value<std::vector<storage::Row>>(
        **database, storage::TxMode::read, [&](storage::Connection& c) { return c.query(sql); });
}

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, Crash, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST_P(Crash, EveryAcknowledgedReportSurvivesSigkill) {
    const auto db = m_database.url();
    auto org = id_from_json(run_skydda({"org", "add", "--db", db, "--name", "Nämnd A"}).out);
    auto account = add_account(db, org, "reporter", "reporter");
    std::atomic<uint16_t> port{free_port()};
    std::atomic<bool> stop{false};
    auto server = std::make_unique<ServerProcess>(db, port);
    std::vector<std::thread> clients;
    for (int client = 0; client < 3; ++client)
        clients.emplace_back([&, client] { submit(org, account.token, port, stop, client); });
    std::mt19937 random(std::random_device{}());
    for (int kill = 0; kill < k_kills; ++kill) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100 + random() % 300));
        server->kill_now();
        port = free_port();
        server = std::make_unique<ServerProcess>(db, port);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop = true;
    for (auto& client : clients) client.join();
    server->stop();

    ASSERT_GT(m_acknowledged.size(), static_cast<size_t>(k_kills)) << "too few reports got through to test anything";
    std::map<std::string, std::pair<std::string, std::string>> stored; // id → case number, title
    for (const auto& row : query(db, "SELECT id, case_number, title FROM incidents"))
        stored[row.text(0)] = {row.text(1), row.text(2)};
    for (const auto& report : m_acknowledged) {
        auto found = stored.find(report.id);
        ASSERT_NE(found, stored.end()) << "acknowledged report " << report.case_number << " is missing";
        EXPECT_EQ(found->second, std::make_pair(report.case_number, report.title));
    }
    // Nothing half-present: every stored report has its audit entry, and the registry numbers
    // run 1..N without gaps (a report cut off by the kill gave its number back).
    auto audited = query(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'incident.report'");
    EXPECT_EQ(audited.at(0).integer(0), static_cast<int64_t>(stored.size()));
    std::set<int> sequences;
    for (const auto& [id, value] : stored) sequences.insert(std::stoi(value.first.substr(value.first.rfind('/') + 1)));
    EXPECT_EQ(sequences.size(), stored.size());
    EXPECT_EQ(*sequences.rbegin(), static_cast<int>(stored.size()));
    auto verified = run_skydda({"audit", "verify", "--db", db});
    EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
    std::cout << "[ crash    ] " << k_kills << " kills, " << m_acknowledged.size() << " acknowledged, " << stored.size()
              << " stored\n";
}
