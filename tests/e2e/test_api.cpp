// The JSON API against the real server: validation, versions, workflow, and the matrix of
// every role × route × own/other organisation.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <regex>
#include <thread>

#include "e2e_support.hpp"
#include "support/test_database.hpp"

using namespace skydda;
using namespace skydda::e2e;
namespace json = boost::json;

namespace {

const std::vector<std::string> k_roles = {"reporter", "registrar", "handler", "manager",
                                          "dpo",      "infosec",   "admin",   "auditor"};

// Runs against a server on SQLite and against a server on PostgreSQL.
class Api : public ::testing::TestWithParam<std::string> {
protected:
    // One database and server per backend, made on first use and kept for the whole suite.
    struct Environment {
        explicit Environment(const std::string& backend) : database(backend) {}
        test_support::TestDatabase database;
        std::unique_ptr<ServerProcess> server;
        std::string org_a, org_b;
        std::map<std::string, std::string> tokens, user_ids;
    };

    void SetUp() override {
        auto& environment = s_environments[GetParam()];
        if (!environment) environment = make_environment(GetParam());
        s_env = environment.get();
        SKIP_WITHOUT_DATABASE(s_env->database);
    }
    static void TearDownTestSuite() { s_environments.clear(); }

    static std::unique_ptr<Environment> make_environment(const std::string& backend) {
        auto environment = std::make_unique<Environment>(backend);
        if (!environment->database.available()) return environment;
        const auto db = environment->database.url();
        environment->org_a =
            id_from_json(run_skydda({"org", "add", "--db", db, "--name", "Nämnd A", "--orgnr", "212000-0001"}).out);
        environment->org_b = id_from_json(run_skydda({"org", "add", "--db", db, "--name", "Nämnd B"}).out);
        auto add = [&](const std::string& org, const std::string& who, const std::string& role) {
            auto account = add_account(db, org, who, role);
            environment->tokens[who] = account.token;
            environment->user_ids[who] = account.id;
        };
        for (const auto& role : k_roles) add(environment->org_a, role, role);
        add(environment->org_b, "outsider_reporter", "reporter");
        add(environment->org_b, "outsider_handler", "handler");
        environment->server = std::make_unique<ServerProcess>(db, free_port());
        return environment;
    }

    static http::ClientResponse call(const std::string& who, const std::string& method, const std::string& target,
                                     const std::string& body = {},
                                     std::vector<std::pair<std::string, std::string>> headers = {}) {
        if (!who.empty()) headers.emplace_back("Authorization", "Bearer " + s_env->tokens.at(who));
        if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
        return http::request("127.0.0.1", s_env->server->port(), method, target, body, headers);
    }
    static json::object parse(const http::ClientResponse& response) { return json::parse(response.body).as_object(); }
    static std::string error_field(const http::ClientResponse& response) {
        auto body = parse(response);
        auto& field = body.at("error").at("field");
        return field.is_null() ? "" : std::string(field.as_string());
    }
    static std::string report(const std::string& who = "reporter", const std::string& extra = "") {
        auto response = call(who, "POST", "/api/v1/incidents",
                             R"({"org":")" + s_env->org_a + R"(","title":"Mejl till fel vårdnadshavare","what_happened":"misdirected_communication","data":["name","health"],"subjects":{"count":1,"groups":["pupils"]},"aware_at":"2026-01-05T09:00:00+01:00")" + extra + "}");
        EXPECT_EQ(response.status, 201) << response.body;
        return std::string(parse(response).at("id").as_string());
    }

    static inline std::map<std::string, std::unique_ptr<Environment>> s_environments;
    static inline Environment* s_env = nullptr;
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, Api, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST_P(Api, HealthAndOpenApi) {
    EXPECT_EQ(call("", "GET", "/healthz").status, 200);
    auto doc = call("", "GET", "/api/v1/openapi.json");
    ASSERT_EQ(doc.status, 200);
    EXPECT_EQ(parse(doc).at("openapi").as_string(), "3.1.0");
}

TEST_P(Api, CredentialsAreRequired) {
    EXPECT_EQ(call("", "GET", "/api/v1/incidents").status, 401);
    auto wrong = http::request("127.0.0.1", s_env->server->port(), "GET", "/api/v1/incidents", {},
                               {{"Authorization", "Bearer sk_not_a_token"}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(parse(wrong).at("error").at("code").as_string(), "unauthenticated");
}

TEST_P(Api, ReportGetsACaseNumberAndTheClock) {
    auto response = call("reporter", "POST", "/api/v1/incidents",
                         R"({"org":")" + s_env->org_a + R"(","title":"Stulen dator","what_happened":"loss","aware_at":"2026-10-23T09:00:00+02:00"})");
    ASSERT_EQ(response.status, 201) << response.body;
    auto body = parse(response);
    EXPECT_TRUE(std::regex_match(std::string(body.at("case_number").as_string()), std::regex(R"(PUI \d{4}/\d{4})")));
    EXPECT_EQ(body.at("status").as_string(), "reported");
    // 72 hours across the end of summer time: one hour earlier on the wall clock.
    EXPECT_EQ(body.at("clock").at("due").as_string(), "2026-10-26T08:00:00+01:00");
    EXPECT_FALSE(response.headers["etag"].empty());
}

TEST_P(Api, BadInputNamesTheField) {
    auto post = [&](const std::string& body) { return call("reporter", "POST", "/api/v1/incidents", body); };
    const std::string org = R"("org":")" + s_env->org_a + R"(")";
    struct Case {
        std::string body, field;
    } cases[] = {
        {"{not json", "body"},
        {"[1,2]", "body"},
        {"{" + org + "}", "title"},
        {"{" + org + R"(,"title":"x","what_happened":"stolen"})", "what_happened"},
        {"{" + org + R"(,"title":"x","aware_at":"2026-10-23T09:00:00"})", "aware_at"},
        {"{" + org + R"(,"title":"x","subjects":{"count":"many"}})", "subjects.count"},
        {"{" + org + R"(,"title":"x","subjects":{"count":-3}})", "subjects.count"},
        {"{" + org + R"(,"title":"x","data":["name","shoe_size"]})", "data"},
        {"{" + org + R"(,"title":"x","colour":"red"})", "colour"},
        {"{" + org + R"(,"title":")" + std::string(201, 'a') + R"("})", "title"},
        {"{" + org + R"(,"title":"x","effects":{"confidentiality":"leaked"}})", "effects.confidentiality"},
        {R"({"title":"x"})", "org"},
    };
    for (const auto& c : cases) {
        auto response = post(c.body);
        EXPECT_EQ(response.status, 400) << c.body;
        EXPECT_EQ(error_field(response), c.field) << c.body << " → " << response.body;
    }
}

TEST_P(Api, StaleVersionAnswers412) {
    auto id = report();
    auto first = call("handler", "GET", "/api/v1/incidents/" + id);
    auto etag = first.headers["etag"];
    auto ok = call("handler", "PATCH", "/api/v1/incidents/" + id, R"({"records":12})", {{"If-Match", etag}});
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(parse(ok).at("records").as_int64(), 12);
    EXPECT_NE(ok.headers["etag"], etag);
    auto stale = call("handler", "PATCH", "/api/v1/incidents/" + id, R"({"records":13})", {{"If-Match", etag}});
    EXPECT_EQ(stale.status, 412);
    auto unchanged = parse(call("handler", "GET", "/api/v1/incidents/" + id));
    EXPECT_EQ(unchanged.at("records").as_int64(), 12);
}

TEST_P(Api, WorkflowAndNotesTasksQuestions) {
    auto id = report();
    auto path = "/api/v1/incidents/" + id;
    EXPECT_EQ(call("registrar", "POST", path + "/status", R"({"status":"registered"})").status, 200);
    EXPECT_EQ(call("registrar", "POST", path + "/assign", R"({"handler":")" + s_env->user_ids["handler"] + R"("})").status, 200);
    EXPECT_EQ(call("handler", "POST", path + "/status", R"({"status":"closed"})").status, 409);
    EXPECT_EQ(call("handler", "POST", path + "/status", R"({"status":"assessing"})").status, 200);
    EXPECT_EQ(call("handler", "POST", path + "/notes", R"({"body":"Ringt mottagaren."})").status, 201);
    auto task = call("handler", "POST", path + "/tasks", R"({"title":"Bedöm risken","due_at":"2026-12-01T12:00:00+01:00"})");
    ASSERT_EQ(task.status, 201);
    auto task_id = std::string(parse(task).at("id").as_string());
    EXPECT_EQ(call("handler", "POST", "/api/v1/tasks/" + task_id + "/done", R"({"done":true})").status, 200);
    auto question = call("handler", "POST", path + "/questions", R"({"question":"Vilken klass gällde det?"})");
    ASSERT_EQ(question.status, 201);
    auto question_id = std::string(parse(question).at("id").as_string());
    EXPECT_EQ(call("outsider_reporter", "POST", "/api/v1/questions/" + question_id + "/answer", R"({"answer":"x"})").status, 404);
    EXPECT_EQ(call("reporter", "POST", "/api/v1/questions/" + question_id + "/answer", R"({"answer":"Klass 7B"})").status, 200);
    EXPECT_EQ(call("reporter", "POST", "/api/v1/questions/" + question_id + "/answer", R"({"answer":"igen"})").status, 409);
    auto notes = parse(call("dpo", "GET", path + "/notes"));
    EXPECT_EQ(notes.at("items").as_array().size(), 1u);
    auto closed = call("handler", "POST", path + "/status", R"({"status":"not_a_breach"})");
    EXPECT_EQ(closed.status, 400);
    EXPECT_EQ(error_field(closed), "reason");
}

TEST_P(Api, ListsSortByUrgencyAndRespectLimit) {
    report();
    report();
    auto list = call("dpo", "GET", "/api/v1/incidents?org=" + s_env->org_a + "&limit=2");
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(parse(list).at("items").as_array().size(), 2u);
    EXPECT_EQ(error_field(call("dpo", "GET", "/api/v1/incidents?limit=0")), "limit");
}

// The matrix: for each caller, the expected status of each route on a case of organisation A
// reported by A's reporter. Outsiders belong to organisation B only.
TEST_P(Api, RoleRouteOrganisationMatrix) {
    struct Route {
        std::string name, method, suffix, body;
    };
    const std::vector<Route> routes = {
        {"read", "GET", "", ""},
        {"patch", "PATCH", "", R"({"records":5})"},
        {"notes.read", "GET", "/notes", ""},
        {"notes.write", "POST", "/notes", R"({"body":"anteckning"})"},
        {"tasks.read", "GET", "/tasks", ""},
        {"tasks.write", "POST", "/tasks", R"({"title":"uppgift"})"},
        {"questions.write", "POST", "/questions", R"({"question":"fråga?"})"},
        {"status", "POST", "/status", R"({"status":"not_a_breach","reason":"inga personuppgifter"})"},
        {"register", "POST", "/status", R"({"status":"registered"})"},
    };
    // Expected codes per caller, in the order of `routes`.
    const std::map<std::string, std::vector<int>> expected = {
        {"reporter", {200, 403, 403, 403, 403, 403, 403, 403, 403}},
        {"registrar", {200, 403, 200, 201, 200, 201, 403, 403, 200}},
        {"handler", {200, 200, 200, 201, 200, 201, 201, 200, 403}},
        {"manager", {200, 403, 200, 201, 200, 201, 403, 403, 403}},
        {"dpo", {200, 200, 200, 201, 200, 201, 201, 200, 200}},
        {"infosec", {200, 403, 200, 201, 200, 201, 403, 403, 403}},
        {"admin", {404, 404, 404, 404, 404, 404, 404, 404, 404}},
        {"auditor", {200, 403, 200, 403, 200, 403, 403, 403, 403}},
        {"outsider_reporter", {404, 404, 404, 404, 404, 404, 404, 404, 404}},
        {"outsider_handler", {404, 404, 404, 404, 404, 404, 404, 404, 404}},
    };
    for (const auto& [who, codes] : expected) {
        for (size_t i = 0; i < routes.size(); ++i) {
            auto id = report(); // a fresh case, so that state changes do not mix
            const auto& route = routes[i];
            auto response = call(who, route.method, "/api/v1/incidents/" + id + route.suffix, route.body);
            EXPECT_EQ(response.status, codes[i]) << who << " " << route.name << ": " << response.body;
        }
        // Listing organisation A's cases.
        auto list = call(who, "GET", "/api/v1/incidents?org=" + s_env->org_a);
        int want = who.starts_with("outsider") ? 404 : (who == "reporter" || who == "admin") ? 403 : 200;
        EXPECT_EQ(list.status, want) << who << " list";
        // Reporting into organisation A.
        auto create = call(who, "POST", "/api/v1/incidents", R"({"org":")" + s_env->org_a + R"(","title":"x"})");
        EXPECT_EQ(create.status, who.starts_with("outsider") ? 400 : 201) << who << " create";
    }
}

TEST_P(Api, ReporterSeesOwnReportsOnly) {
    auto own = report();
    auto other = report("handler");
    EXPECT_EQ(call("reporter", "GET", "/api/v1/incidents/" + own).status, 200);
    EXPECT_EQ(call("reporter", "GET", "/api/v1/incidents/" + other).status, 404);
    auto mine = parse(call("reporter", "GET", "/api/v1/incidents?mine=true"));
    for (const auto& item : mine.at("items").as_array())
        EXPECT_EQ(item.at("reporter").as_string(), s_env->user_ids["reporter"]);
}

TEST_P(Api, AuditTrailStaysIntactThroughApiUse) {
    report();
    // Reads are audited in batches: give the server a moment to write them. (Tampering is
    // detected in test_cli.cpp, Cli.AuditVerifyFindsATamperedEntry.)
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    auto verified = run_skydda({"audit", "verify", "--db", s_env->database.url()});
    EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
    EXPECT_NE(verified.out.find("intact"), std::string::npos);
}
