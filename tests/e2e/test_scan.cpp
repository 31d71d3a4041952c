// `skydda scan` through the real binary: counts and masked examples in JSON, the HTML report,
// bad input, and --attach storing the summary on a case and updating its facts.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>

#include "e2e_support.hpp"

using namespace skydda;
using namespace skydda::e2e;
namespace json = boost::json;

namespace {

// Fictional identifiers: valid check digits, nobody's real numbers as far as we know.
constexpr std::string_view k_letter =
    "Hej Anna Andersson (811218-9876),\n"
    "vi har fått läkarintyg som visar att du är sjukskriven, diagnos diabetes.\n"
    "Kontakt: anna.andersson@exempel.se, 070-123 45 67.\n"
    "Samma person med långt personnummer: 19811218-9876.\n"
    "Beställning 8501011237 och datum 2026-11-30 är inga personnummer.\n";
constexpr std::string_view k_list = "namn;personnummer\nBo Ek;6408233234\nSiv Al;850101-1236\n";

class ScanCli : public ::testing::Test {
protected:
    void SetUp() override {
        m_data = m_dir.path() / "läckan";
        std::filesystem::create_directories(m_data / "undermapp");
        std::ofstream(m_data / "brev.txt") << k_letter;
        std::ofstream(m_data / "undermapp" / "elever.csv") << k_list;
    }
    json::object scan_json(std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {"scan", "--json"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back(m_data.string());
        auto result = run_skydda(args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return json::parse(result.out).as_object();
    }
    static uint64_t count(const json::object& out, std::string_view category, std::string_view what) {
        return out.at("findings").at(category).at(what).to_number<uint64_t>();
    }
    test_support::TempDir m_dir;
    std::filesystem::path m_data;
};

TEST_F(ScanCli, CountsPeopleAndKindsOfDataInADirectory) {
    auto out = scan_json();
    EXPECT_EQ(out.at("schema"), "skydda.scan/1");
    EXPECT_EQ(out.at("files"), 2);
    EXPECT_EQ(count(out, "personal_identity_number", "matches"), 4);
    EXPECT_EQ(count(out, "personal_identity_number", "distinct"), 3); // one person written twice
    EXPECT_EQ(count(out, "personal_identity_number", "files"), 2);
    EXPECT_EQ(count(out, "email", "distinct"), 1);
    EXPECT_EQ(count(out, "phone", "distinct"), 1);
    EXPECT_GE(count(out, "health", "matches"), 1);
    auto data = out.at("data").as_array();
    for (auto code : {"personal_identity_number", "contact", "health"})
        EXPECT_NE(std::find(data.begin(), data.end(), json::value(code)), data.end()) << code;
    EXPECT_EQ(out.at("subjects_estimate").at("value"), 3);
    EXPECT_EQ(out.at("subjects_estimate").at("basis"), "personal_identity_number");
    EXPECT_EQ(out.at("per_file").as_array().size(), 2u);
    EXPECT_TRUE(out.at("unreadable").as_array().empty());
}

TEST_F(ScanCli, NoFullIdentifierInAnyOutput) {
    auto report = m_dir.path() / "rapport.html";
    auto json_run = run_skydda({"scan", "--json", m_data.string()});
    auto text_run = run_skydda({"scan", "--report", report.string(), m_data.string()});
    ASSERT_EQ(text_run.exit_code, 0) << text_run.err;
    std::ifstream file(report);
    std::string html((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    EXPECT_NE(html.find("<html lang=\"sv\">"), std::string::npos);
    EXPECT_NE(html.find("811218-****"), std::string::npos);
    for (const auto* output : {&json_run.out, &text_run.out, &html, &json_run.err, &text_run.err})
        for (auto secret : {"811218-9876", "8112189876", "anna.andersson@", "123 45 67", "6408233234"})
            EXPECT_EQ(output->find(secret), std::string::npos) << secret;
}

TEST_F(ScanCli, ExamplesNameFileAndLine) {
    auto out = scan_json();
    auto examples = out.at("examples").at("personal_identity_number").as_array();
    ASSERT_FALSE(examples.empty());
    EXPECT_EQ(examples[0].at("masked"), "811218-****");
    EXPECT_TRUE(examples[0].at("path").as_string().ends_with("brev.txt"));
    EXPECT_EQ(examples[0].at("line"), 1);
}

TEST_F(ScanCli, BadOptionsNameTheField) {
    auto threads = run_skydda({"scan", "--threads", "0", m_data.string()});
    EXPECT_EQ(threads.exit_code, 2);
    EXPECT_NE(threads.err.find("threads:"), std::string::npos);
    auto none = run_skydda({"scan"});
    EXPECT_EQ(none.exit_code, 2);
    EXPECT_NE(none.err.find("path:"), std::string::npos);
    auto update = run_skydda({"scan", "--update-case", m_data.string()});
    EXPECT_EQ(update.exit_code, 2);
    EXPECT_NE(update.err.find("update-case:"), std::string::npos);
}

TEST_F(ScanCli, AttachStoresTheSummaryAndUpdatesTheCase) {
    const auto db = m_dir.db_url();
    auto org = id_from_json(run_skydda({"org", "add", "--db", db, "--name", "Utbildningsnämnden"}).out);
    auto handler = add_account(db, org, "handler", "handler");
    ServerProcess server(db, free_port());
    auto call = [&](const std::string& method, const std::string& target, const std::string& body = {}) {
        std::vector<std::pair<std::string, std::string>> headers = {{"Authorization", "Bearer " + handler.token}};
        if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
        return http::request("127.0.0.1", server.port(), method, target, body, headers);
    };
    auto created = call("POST", "/api/v1/incidents",
                        R"({"org":")" + org + R"(","title":"Elevlista på webben","what_happened":"disclosure_other","data":["name"],"subjects":{"count":1}})");
    ASSERT_EQ(created.status, 201) << created.body;
    auto id = std::string(json::parse(created.body).at("id").as_string());

    auto missing = run_skydda({"scan", "--db", db, "--attach", "no-such-case", m_data.string()});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("attach:"), std::string::npos);

    auto attached = run_skydda({"scan", "--db", db, "--attach", id, "--label", "Webbexporten", "--update-case",
                                m_data.string()});
    ASSERT_EQ(attached.exit_code, 0) << attached.err;
    EXPECT_NE(attached.out.find("Ärendet är uppdaterat"), std::string::npos) << attached.out;

    auto incident = json::parse(call("GET", "/api/v1/incidents/" + id).body).as_object();
    EXPECT_EQ(incident.at("subjects").at("count"), 3);
    auto data = incident.at("data").as_array();
    EXPECT_NE(std::find(data.begin(), data.end(), json::value("personal_identity_number")), data.end());
    auto scans = json::parse(call("GET", "/api/v1/incidents/" + id + "/scans").body).as_object();
    ASSERT_EQ(scans.at("items").as_array().size(), 1u);
    const auto& scan = scans.at("items").as_array()[0].as_object();
    EXPECT_EQ(scan.at("label"), "Webbexporten");
    EXPECT_FALSE(scan.at("applied_at").is_null());
    EXPECT_EQ(json::serialize(scan).find("brev.txt"), std::string::npos); // no paths stored
    EXPECT_EQ(run_skydda({"audit", "verify", "--db", db}).exit_code, 0);
}

} // namespace

namespace {

TEST_F(ScanCli, ItsDataCodesFeedTheAssessment) {
    auto out = scan_json();
    json::object input{{"what_happened", "unauthorised_access"},
                       {"data", out.at("data")},
                       {"subjects", {{"count", out.at("subjects_estimate").at("value")}}}};
    auto assessed = run_skydda({"assess"}, json::serialize(input));
    ASSERT_EQ(assessed.exit_code, 0) << assessed.err;
    auto answer = json::parse(assessed.out).as_object();
    EXPECT_EQ(answer.at("schema"), "skydda.assessment/1");
    EXPECT_NE(assessed.out.find("special_category"), std::string::npos) << assessed.out; // health was found
}

} // namespace
