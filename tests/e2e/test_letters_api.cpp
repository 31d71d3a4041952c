// The letters endpoints against the real server: the recipients' CSV refused as a whole with
// every error's line number, then imported; the letter refused at finalising naming the
// missing part; e-mails queued once; the exemption; who may do what.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "e2e_support.hpp"

using namespace skydda;
using namespace skydda::e2e;
namespace json = boost::json;

namespace {

class LettersApi : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new test_support::TempDir();
        const auto db = s_dir->db_url();
        s_org = id_from_json(run_skydda({"org", "add", "--db", db, "--name", "Nämnd A", "--dpo-name", "Dana DSO",
                                         "--dpo-email", "dso@example.se", "--dpo-phone", "08-1"}).out);
        for (const auto& role : {"reporter", "handler", "dpo", "auditor"}) s_tokens[role] = add_account(db, s_org, role, role).token;
        s_server = new ServerProcess(db, free_port());
    }
    static void TearDownTestSuite() {
        delete s_server;
        delete s_dir;
    }

    static http::ClientResponse call(const std::string& who, const std::string& method, const std::string& target,
                                     const std::string& body = {}, const std::string& type = "application/json") {
        std::vector<std::pair<std::string, std::string>> headers{{"Authorization", "Bearer " + s_tokens.at(who)}};
        if (!body.empty()) headers.emplace_back("Content-Type", type);
        return http::request("127.0.0.1", s_server->port(), method, target, body, headers);
    }
    static json::object parse(const http::ClientResponse& response) { return json::parse(response.body).as_object(); }
    static std::string report() {
        auto response = call("reporter", "POST", "/api/v1/incidents",
                             R"({"org":")" + s_org + R"(","title":"Lista till fel mottagare","what_happened":"disclosure_other","description":"En lista skickades fel.","consequences":"Någon kan se ditt namn.","measures":"Vi bad mottagaren radera den.","occurred_at":"2026-01-05T09:00:00+01:00","data":["name"]})");
        EXPECT_EQ(response.status, 201) << response.body;
        return std::string(parse(response).at("id").as_string());
    }
    static std::string base(const std::string& id) { return "/api/v1/incidents/" + id + "/letters"; }

    static inline test_support::TempDir* s_dir = nullptr;
    static inline ServerProcess* s_server = nullptr;
    static inline std::string s_org;
    static inline std::map<std::string, std::string> s_tokens;
};

} // namespace

TEST_F(LettersApi, CsvErrorsComeWithLineNumbersAndNothingIsImported) {
    auto id = report();
    std::string csv = "\xEF\xBB\xBFname;address;email;language\n"
                      "Anna;\"Gatan 1\n111 11 Staden\";anna@example.se;sv\n"
                      "Bo;;bo@@example.se;sv\n"
                      "Cia;;;sv\n"
                      "Dan;;ANNA@example.se;fi\n";
    auto refused = call("handler", "POST", base(id) + "/recipients", csv, "text/csv");
    ASSERT_EQ(refused.status, 400) << refused.body;
    auto body = parse(refused);
    EXPECT_EQ(body.at("error").at("field").as_string(), "csv");
    EXPECT_EQ(body.at("error_count").as_int64(), 4);
    std::vector<std::pair<int64_t, std::string>> lines;
    for (const auto& line : body.at("lines").as_array())
        lines.emplace_back(line.at("line").as_int64(), std::string(line.at("field").as_string()));
    EXPECT_EQ(lines, (std::vector<std::pair<int64_t, std::string>>{{4, "email"}, {5, "address"}, {6, "language"}, {6, "email"}}));
    auto overview = parse(call("handler", "GET", base(id)));
    EXPECT_EQ(overview.at("recipients").at("total").as_int64(), 0);

    auto imported = call("handler", "POST", base(id) + "/recipients",
                         "name,address,email,language\nAnna,\"Gatan 1\n111 11 Staden\",anna@example.se,sv\nJohn,,john@example.com,en\n",
                         "text/csv");
    ASSERT_EQ(imported.status, 201) << imported.body;
    EXPECT_EQ(parse(imported).at("imported").as_int64(), 2);
    EXPECT_EQ(call("auditor", "POST", base(id) + "/recipients", "name,email\nX,x@example.se\n", "text/csv").status, 403);
}

TEST_F(LettersApi, FinaliseNamesTheMissingPartThenEmailsAreQueuedOnce) {
    auto id = report();
    ASSERT_EQ(call("handler", "POST", base(id) + "/recipients", "name,email\nAnna,anna@example.se\n", "text/csv").status, 201);
    auto refused = call("dpo", "POST", base(id) + "/sv/finalise", R"({"version":0})");
    ASSERT_EQ(refused.status, 400) << refused.body;
    // Never prefilled from the case's own text: the parts only the handler can write are missing.
    EXPECT_EQ(parse(refused).at("error").at("field").as_string(), "consequences");
    auto letters = parse(call("dpo", "GET", base(id)));
    auto parts = letters.at("letters").as_array()[0].at("parts").as_object();
    EXPECT_EQ(json::serialize(parts).find("En lista skickades fel."), std::string::npos);
    parts["consequences"] = "Någon kan se ditt namn.";
    parts["measures_taken"] = "Vi bad mottagaren radera listan.";
    parts["mitigation"] = "Vi följer upp att listan är raderad.";
    auto saved = call("dpo", "PUT", base(id) + "/sv", json::serialize(json::object{{"version", 0}, {"parts", parts}}));
    ASSERT_EQ(saved.status, 200) << saved.body;
    EXPECT_TRUE(parse(saved).at("missing").as_array().empty());
    auto done = call("dpo", "POST", base(id) + "/sv/finalise", R"({"version":1})");
    ASSERT_EQ(done.status, 200) << done.body;
    auto first = call("handler", "POST", base(id) + "/emails");
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(parse(first).at("queued").as_int64(), 1);
    EXPECT_EQ(parse(call("handler", "POST", base(id) + "/emails")).at("already").as_int64(), 1);
    EXPECT_EQ(parse(call("dpo", "GET", base(id))).at("recipients").at("informed_email").as_int64(), 1);
}

TEST_F(LettersApi, PersonalDataInAPartIsA400NamingThePartAndAcknowledgePersonalData) {
    auto id = report();
    auto parts = parse(call("dpo", "GET", base(id))).at("letters").as_array()[0].at("parts").as_object();
    parts["consequences"] = "Någon kan se ditt namn.";
    parts["measures_taken"] = "Vi ringde 070-123 45 67.";
    parts["mitigation"] = "Vi följer upp.";
    auto saved = call("dpo", "PUT", base(id) + "/sv", json::serialize(json::object{{"version", 0}, {"parts", parts}}));
    ASSERT_EQ(saved.status, 200) << saved.body;
    auto warnings = parse(saved).at("warnings").as_array();
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].at("field").as_string(), "measures_taken");
    EXPECT_EQ(json::serialize(warnings[0].at("kinds")), R"(["phone"])");
    auto refused = call("dpo", "POST", base(id) + "/sv/finalise", R"({"version":1,"acknowledge_personal_data":["cause"]})");
    ASSERT_EQ(refused.status, 400) << refused.body;
    auto error = parse(refused).at("error").as_object();
    EXPECT_EQ(error.at("code").as_string(), "invalid_argument");
    EXPECT_EQ(error.at("field").as_string(), "measures_taken");
    EXPECT_NE(std::string(error.at("message").as_string()).find("acknowledge_personal_data"), std::string::npos);
    EXPECT_EQ(refused.body.find("070-123"), std::string::npos);
    EXPECT_EQ(call("dpo", "POST", base(id) + "/sv/finalise", R"({"version":1,"acknowledge":true})").status, 400);
    auto done = call("dpo", "POST", base(id) + "/sv/finalise", R"({"version":1,"acknowledge_personal_data":["measures_taken"]})");
    EXPECT_EQ(done.status, 200) << done.body;
}

TEST_F(LettersApi, ExemptionNeedsReasonAndPublicCommunicationForDisproportionateEffort) {
    auto id = report();
    auto refused = call("dpo", "POST", base(id) + "/exemption", R"({"ground":"mitigated"})");
    ASSERT_EQ(refused.status, 400);
    EXPECT_EQ(parse(refused).at("error").at("field").as_string(), "reason");
    auto no_public = call("dpo", "POST", base(id) + "/exemption", R"({"ground":"disproportionate_effort","reason":"Inga adresser."})");
    EXPECT_EQ(parse(no_public).at("error").at("field").as_string(), "public_text");
    auto recorded = call("dpo", "POST", base(id) + "/exemption",
                         R"({"ground":"disproportionate_effort","reason":"Inga adresser.","public_text":"Information.","public_where":"Kommunens webbplats","published_at":"2026-01-06T10:00:00+01:00"})");
    ASSERT_EQ(recorded.status, 201) << recorded.body;
    EXPECT_EQ(parse(recorded).at("published_at").as_string(), "2026-01-06T10:00:00+01:00");
}
