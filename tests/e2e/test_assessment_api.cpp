// The risk assessment endpoints against the real server: running the engine on a case,
// versions, decisions with their reasons, the workflow step and who may do what.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "e2e_support.hpp"

using namespace skydda;
using namespace skydda::e2e;
namespace json = boost::json;

namespace {

class AssessmentApi : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new test_support::TempDir();
        const auto db = s_dir->db_url();
        s_org_a = id_from_json(run_skydda({"org", "add", "--db", db, "--name", "Nämnd A"}).out);
        auto org_b = id_from_json(run_skydda({"org", "add", "--db", db, "--name", "Nämnd B"}).out);
        auto add = [&](const std::string& org, const std::string& who, const std::string& role) {
            s_tokens[who] = add_account(db, org, who, role).token;
        };
        for (const auto& role : {"reporter", "registrar", "handler", "dpo", "auditor", "admin"}) add(s_org_a, role, role);
        add(org_b, "outsider_handler", "handler");
        s_server = new ServerProcess(db, free_port());
    }
    static void TearDownTestSuite() {
        delete s_server;
        delete s_dir;
    }

    static http::ClientResponse call(const std::string& who, const std::string& method, const std::string& target,
                                     const std::string& body = {}) {
        std::vector<std::pair<std::string, std::string>> headers;
        if (!who.empty()) headers.emplace_back("Authorization", "Bearer " + s_tokens.at(who));
        if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
        return http::request("127.0.0.1", s_server->port(), method, target, body, headers);
    }
    static json::object parse(const http::ClientResponse& response) { return json::parse(response.body).as_object(); }
    static std::string error_field(const http::ClientResponse& response) {
        auto field = parse(response).at("error").at("field");
        return field.is_null() ? "" : std::string(field.as_string());
    }
    // A misdirected e-mail with health data about one pupil; moved to `assessing` unless told not to.
    static std::string report(bool to_assessing = true) {
        auto response = call("reporter", "POST", "/api/v1/incidents",
                             R"({"org":")" + s_org_a + R"(","title":"Mejl till fel vårdnadshavare","what_happened":"misdirected_communication","data":["name","health"],"subjects":{"count":1,"groups":["pupils"]},"effects":{"confidentiality":"known_recipients"},"aware_at":"2026-01-05T09:00:00+01:00"})");
        EXPECT_EQ(response.status, 201) << response.body;
        auto id = std::string(parse(response).at("id").as_string());
        if (to_assessing) {
            EXPECT_EQ(call("registrar", "POST", "/api/v1/incidents/" + id + "/status", R"({"status":"registered"})").status, 200);
            EXPECT_EQ(call("handler", "POST", "/api/v1/incidents/" + id + "/status", R"({"status":"assessing"})").status, 200);
        }
        return id;
    }
    static std::string base(const std::string& id) { return "/api/v1/incidents/" + id; }

    static inline test_support::TempDir* s_dir = nullptr;
    static inline ServerProcess* s_server = nullptr;
    static inline std::string s_org_a;
    static inline std::map<std::string, std::string> s_tokens;
};

} // namespace

TEST_F(AssessmentApi, RunsTheEngineOnTheCaseAndKeepsVersions) {
    auto id = report();
    auto first = call("handler", "POST", base(id) + "/assessment");
    ASSERT_EQ(first.status, 201) << first.body;
    auto body = parse(first);
    EXPECT_EQ(body.at("schema").as_string(), "skydda.assessment/1");
    EXPECT_EQ(body.at("ruleset").as_string(), "2026.1");
    EXPECT_EQ(body.at("version").as_int64(), 1);
    EXPECT_FALSE(body.at("assessment_id").as_string().empty());
    EXPECT_TRUE(body.at("notify_authority").as_bool());
    bool imy = false;
    for (const auto& deadline : body.at("deadlines").as_array())
        if (deadline.at("duty") == "notify_authority") {
            imy = true;
            EXPECT_EQ(deadline.at("due").as_string(), "2026-01-08T09:00:00+01:00");
        }
    EXPECT_TRUE(imy);

    auto second = call("dpo", "POST", base(id) + "/assessment", R"({"protection":"encrypted","subjects":{"count":40}})");
    ASSERT_EQ(second.status, 201) << second.body;
    EXPECT_EQ(parse(second).at("version").as_int64(), 2);

    auto list = call("auditor", "GET", base(id) + "/assessments");
    ASSERT_EQ(list.status, 200) << list.body;
    auto items = parse(list).at("items").as_array();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[1].at("input").at("protection"), "encrypted");
    EXPECT_EQ(items[1].at("input").at("subjects").at("count"), 40);
    EXPECT_EQ(items[1].at("input").at("subjects").at("groups"), (json::array{"pupils"}));
    EXPECT_TRUE(items[0].at("decision").is_null());
    EXPECT_EQ(items[0].at("output").at("risk"), body.at("risk"));
}

TEST_F(AssessmentApi, BadOverridesNameTheField) {
    auto id = report();
    struct Case {
        std::string body, field;
    } cases[] = {{"{not json", "body"},
                  {R"({"subjects":{"count":-1}})", "subjects.count"},
                  {R"({"colour":"red"})", "colour"},
                  {R"({"data":["name","shoe_size"]})", "data[1]"},
                  {R"({"what_happened":null})", "what_happened"}};
    for (const auto& c : cases) {
        auto response = call("handler", "POST", base(id) + "/assessment", c.body);
        EXPECT_EQ(response.status, 400) << c.body << " → " << response.body;
        EXPECT_EQ(error_field(response), c.field) << c.body;
    }
}

TEST_F(AssessmentApi, DecisionsNeedReasonsAndMoveTheCase) {
    auto id = report();
    auto assessment_id = std::string(parse(call("handler", "POST", base(id) + "/assessment")).at("assessment_id").as_string());
    auto decide = [&](const std::string& body) { return call("dpo", "POST", base(id) + "/decisions", body); };

    auto without = decide(R"({"assessment_id":")" + assessment_id + R"(","agrees":false,"risk":"unlikely"})");
    EXPECT_EQ(without.status, 400);
    EXPECT_EQ(error_field(without), "reasons");
    auto no_risk = decide(R"({"assessment_id":")" + assessment_id + R"(","agrees":false,"reasons":"x"})");
    EXPECT_EQ(error_field(no_risk), "risk");
    auto bad_risk = decide(R"({"assessment_id":")" + assessment_id + R"(","agrees":false,"risk":"tiny","reasons":"x"})");
    EXPECT_EQ(error_field(bad_risk), "risk");
    auto unknown = decide(R"({"assessment_id":"nope","agrees":true})");
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(error_field(unknown), "assessment_id");
    EXPECT_EQ(error_field(decide(R"({"assessment_id":")" + assessment_id + R"("})")), "agrees");

    auto decided = decide(R"({"assessment_id":")" + assessment_id + R"(","agrees":false,"risk":"high","reasons":"Känsliga uppgifter om ett barn."})");
    ASSERT_EQ(decided.status, 201) << decided.body;
    auto body = parse(decided);
    EXPECT_EQ(body.at("risk").as_string(), "high");
    EXPECT_FALSE(body.at("agrees").as_bool());
    EXPECT_EQ(body.at("case_status").as_string(), "decided");
    EXPECT_EQ(parse(call("handler", "GET", base(id))).at("status").as_string(), "decided");

    auto again = decide(R"({"assessment_id":")" + assessment_id + R"(","agrees":true})");
    EXPECT_EQ(again.status, 409) << again.body;
    auto items = parse(call("handler", "GET", base(id) + "/assessments")).at("items").as_array();
    EXPECT_EQ(items[0].at("decision").at("reasons").as_string(), "Känsliga uppgifter om ett barn.");
}

TEST_F(AssessmentApi, DecisionsNeedTheCaseToBeAssessed) {
    auto id = report(false);
    auto run = call("handler", "POST", base(id) + "/assessment");
    ASSERT_EQ(run.status, 201) << run.body;
    auto assessment_id = std::string(parse(run).at("assessment_id").as_string());
    auto refused = call("handler", "POST", base(id) + "/decisions",
                        R"({"assessment_id":")" + assessment_id + R"(","agrees":true,"reasons":"x"})");
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_NE(refused.body.find("assessing"), std::string::npos);
}

TEST_F(AssessmentApi, WhoMayAssessDecideAndRead) {
    auto id = report();
    for (const std::string who : {"reporter", "registrar", "auditor"})
        EXPECT_EQ(call(who, "POST", base(id) + "/assessment").status, 403) << who;
    EXPECT_EQ(call("outsider_handler", "POST", base(id) + "/assessment").status, 404);
    EXPECT_EQ(call("admin", "POST", base(id) + "/assessment").status, 404);
    EXPECT_EQ(call("", "POST", base(id) + "/assessment").status, 401);
    EXPECT_EQ(call("handler", "POST", base(id) + "/assessment").status, 201);
    for (const std::string who : {"handler", "dpo", "registrar", "auditor"})
        EXPECT_EQ(call(who, "GET", base(id) + "/assessments").status, 200) << who;
    EXPECT_EQ(call("reporter", "GET", base(id) + "/assessments").status, 403);
    EXPECT_EQ(call("outsider_handler", "GET", base(id) + "/assessments").status, 404);
    EXPECT_EQ(call("auditor", "POST", base(id) + "/decisions", R"({"assessment_id":"x","agrees":true})").status, 403);
}
