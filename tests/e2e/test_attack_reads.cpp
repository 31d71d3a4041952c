// Attacks on who reads what, against the real server on loopback (issue 11, parts 3 and 5):
// every read of case content over the API leaves its entry in the audit trail (`skydda audit
// list`), lists naming their cases; a reporter cannot be given a task on a case they cannot
// read; a child of case A asked for under case B's path answers exactly like a missing case;
// the administrator sees the data subjects' addresses in the outbox masked.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "e2e_support.hpp"
#include "support/temp_dir.hpp"

using namespace skydda;
using namespace skydda::e2e;
namespace json = boost::json;

namespace {

class AttackReads : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new test_support::TempDir();
        const auto db = s_dir->db_url();
        s_org = id_from_json(run_skydda({"org", "add", "--db", db, "--name", "Nämnd A", "--dpo-name", "Dana DSO",
                                         "--dpo-email", "dso@example.se", "--dpo-phone", "08-1"}).out);
        s_other = id_from_json(run_skydda({"org", "add", "--db", db, "--name", "Nämnd B"}).out);
        for (const auto& role : {"reporter", "handler", "dpo", "admin"}) {
            auto account = add_account(db, s_org, role, role);
            s_tokens[role] = account.token;
            s_ids[role] = account.id;
        }
        auto outsider = add_account(db, s_other, "outsider", "handler");
        s_tokens["outsider"] = outsider.token;
        s_ids["outsider"] = outsider.id;
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
    static std::string report(const std::string& who = "reporter", const std::string& org = s_org,
                              const std::string& title = "Elevlista till fel mottagare") {
        auto response = call(who, "POST", "/api/v1/incidents",
                             R"({"org":")" + org + R"(","title":")" + title + R"(","what_happened":"disclosure_other","description":"En lista skickades fel.","occurred_at":"2026-01-05T09:00:00+01:00","data":["name"],"subjects":{"count":2}})");
        EXPECT_EQ(response.status, 201) << response.body;
        return std::string(parse(response).at("id").as_string());
    }
    static std::string created_id(const http::ClientResponse& response) {
        EXPECT_EQ(response.status, 201) << response.body;
        return std::string(parse(response).at("id").as_string());
    }

    // `skydda audit list` with `args`, once the server's read buffer (200 ms) was written.
    static std::vector<json::object> audit(const std::vector<std::string>& args) {
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
        std::vector<std::string> command{"audit", "list", "--db", s_dir->db_url(), "--limit", "100000"};
        command.insert(command.end(), args.begin(), args.end());
        auto listed = run_skydda(command);
        EXPECT_EQ(listed.exit_code, 0) << listed.err;
        std::vector<json::object> out;
        std::istringstream lines(listed.out);
        for (std::string line; std::getline(lines, line);)
            if (!line.empty()) out.push_back(json::parse(line).as_object());
        return out;
    }
    static size_t count_reads(const std::vector<json::object>& entries, std::string_view action, std::string_view who) {
        size_t n = 0;
        for (const auto& entry : entries)
            n += std::string(entry.at("action").as_string()) == action &&
                 std::string(entry.at("actor").as_string()) == s_ids.at(std::string(who));
        return n;
    }

    // A browser session through the login form: the session cookie and the page's CSRF token.
    struct Session {
        std::string cookie, csrf;
    };
    static Session sign_in(const std::string& who) {
        auto port = s_server->port();
        auto form = http::request("127.0.0.1", port, "GET", "/login?next=%2F");
        std::smatch match;
        std::string cookies = form.headers["set-cookie"];
        EXPECT_TRUE(std::regex_search(cookies, match, std::regex("skydda_login_csrf=([^;\\n]+)")));
        std::string login_csrf = match[1];
        auto signed_in = http::request(
            "127.0.0.1", port, "POST", "/login",
            "email=" + who + "%40example.se&password=correct+horse+battery&next=%2F&login_csrf=" + login_csrf,
            {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", "skydda_login_csrf=" + login_csrf}});
        EXPECT_EQ(signed_in.status, 303) << signed_in.body;
        cookies = signed_in.headers["set-cookie"];
        EXPECT_TRUE(std::regex_search(cookies, match, std::regex("skydda_session=([^;\\n]+)")));
        Session session{"skydda_session=" + match[1].str(), ""};
        auto home = http::request("127.0.0.1", port, "GET", "/", {}, {{"Cookie", session.cookie}});
        EXPECT_TRUE(std::regex_search(home.body, match, std::regex(R"re(name="csrf" value="([^"]+)")re")));
        session.csrf = match[1];
        return session;
    }
    static http::ClientResponse post_form(const Session& session, const std::string& target, const std::string& fields) {
        return http::request("127.0.0.1", s_server->port(), "POST", target, fields + "&csrf=" + session.csrf,
                             {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", session.cookie}});
    }

    static inline test_support::TempDir* s_dir = nullptr;
    static inline ServerProcess* s_server = nullptr;
    static inline std::string s_org, s_other;
    static inline std::map<std::string, std::string> s_tokens, s_ids;
};

} // namespace

TEST_F(AttackReads, EveryKindOfCaseContentReadOverTheApiIsInTheAuditTrail) {
    auto id = report();
    auto other = report();
    ASSERT_EQ(call("handler", "POST", "/api/v1/incidents/" + id + "/notes", R"({"body":"Ringde skolan."})").status, 201);
    ASSERT_EQ(call("handler", "POST", "/api/v1/incidents/" + id + "/questions", R"({"question":"Hur många?"})").status, 201);
    ASSERT_EQ(call("handler", "POST", "/api/v1/incidents/" + id + "/letters/recipients", "name,email\nAnna,anna@example.se\n",
                   "text/csv").status, 201);
    const std::string base = "/api/v1/incidents/" + id;
    // Each read, by whom, and the entry it must leave on the case.
    const std::vector<std::tuple<std::string, std::string, std::string>> reads = {
        {"handler", base, "incident.read"},
        {"handler", base + "/notes", "note.read"},
        {"handler", base + "/tasks", "task.read"},
        {"reporter", base + "/questions", "question.read"},
        {"handler", base + "/scans", "scan.read"},
        {"dpo", base + "/notifications", "notification.read"},
        {"dpo", base + "/notifications/draft", "notification.draft.read"},
        {"dpo", base + "/letters", "letter.read"},
        {"dpo", base + "/documents/imy-notification?format=json", "document.read:imy-notification"},
        {"dpo", base + "/processor-notices", "processor_notice.read"},
        {"dpo", base + "/assessments", "assessment.read"},
    };
    for (const auto& [who, target, action] : reads) {
        auto response = call(who, "GET", target);
        EXPECT_EQ(response.status, 200) << target << ": " << response.body;
        EXPECT_EQ(response.headers["cache-control"], "no-store") << target;
    }
    auto trail = audit({"--case", id});
    for (const auto& [who, target, action] : reads) EXPECT_EQ(count_reads(trail, action, who), 1u) << target;
    for (const auto& entry : trail)
        if (std::string(entry.at("action").as_string()).ends_with(".read") && entry.at("entity").as_string() == "incident")
            EXPECT_EQ(std::string(entry.at("entity_id").as_string()), id);

    // A list is one entry naming every case it showed; so is the customer register.
    ASSERT_EQ(call("handler", "GET", "/api/v1/incidents").status, 200);
    ASSERT_EQ(call("dpo", "GET", "/api/v1/organisations/" + s_org + "/customers").status, 200);
    auto lists = audit({"--action", "incident.list.read"});
    ASSERT_FALSE(lists.empty());
    const auto& last = lists.back();
    EXPECT_EQ(std::string(last.at("actor").as_string()), s_ids["handler"]);
    EXPECT_EQ(std::string(last.at("actor_email").as_string()), "handler@example.se");
    std::set<std::string> named;
    for (const auto& case_id : last.at("detail").at("cases").as_array()) named.insert(std::string(case_id.as_string()));
    EXPECT_TRUE(named.contains(id));
    EXPECT_TRUE(named.contains(other));
    EXPECT_EQ(audit({"--case", other, "--action", "incident.list.read"}).size(), lists.size()); // found by either case
    EXPECT_EQ(count_reads(audit({"--action", "customers.read"}), "customers.read", "dpo"), 1u);
    // Bad input to the command names the option.
    auto bad = run_skydda({"audit", "list", "--db", s_dir->db_url(), "--case", "x' OR '1'='1"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("case:"), std::string::npos);
}

TEST_F(AttackReads, AReporterCannotBeAssignedATaskOnACaseTheyCannotRead) {
    auto id = report("handler", s_org, "Hemlig lista hos rektorn");
    for (const auto* who : {"reporter", "admin", "outsider"}) {
        auto refused = call("handler", "POST", "/api/v1/incidents/" + id + "/tasks",
                            R"({"title":"Kontrollera listan","assignee":")" + s_ids[who] + R"("})");
        EXPECT_EQ(refused.status, 400) << who << ": " << refused.body;
        EXPECT_EQ(std::string(parse(refused).at("error").at("field").as_string()), "assignee") << who;
    }
    // Nothing leaked: the reporter has no note naming the case, and no task was made.
    EXPECT_TRUE(parse(call("handler", "GET", "/api/v1/incidents/" + id + "/tasks")).at("items").as_array().empty());
    auto reporter = sign_in("reporter");
    auto inbox = http::request("127.0.0.1", s_server->port(), "GET", "/inbox", {}, {{"Cookie", reporter.cookie}});
    EXPECT_EQ(inbox.status, 200);
    EXPECT_EQ(inbox.body.find("Hemlig lista hos rektorn"), std::string::npos);
    auto assigned = call("handler", "POST", "/api/v1/incidents/" + id + "/tasks",
                         R"({"title":"Kontrollera listan","assignee":")" + s_ids["dpo"] + R"("})");
    EXPECT_EQ(assigned.status, 201) << assigned.body;
}

TEST_F(AttackReads, AChildOfAnotherCaseAnswersExactlyLikeAMissingCase) {
    auto a = report();
    auto b = report();
    // A task of case A, marked done under case B's path, on the pages.
    auto task = created_id(call("handler", "POST", "/api/v1/incidents/" + a + "/tasks", R"({"title":"Ta bort listan"})"));
    auto handler = sign_in("handler");
    auto foreign = post_form(handler, "/cases/" + b + "/tasks/" + task + "/done", "done=1");
    auto missing = post_form(handler, "/cases/no-such-case/tasks/no-such-task/done", "done=1");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(foreign.status, missing.status);
    // The page shell's language link returns to the path asked for; everything else is the same.
    auto shell = [](const std::string& body) { return std::regex_replace(body, std::regex("next=[^\"]*"), "next="); };
    EXPECT_EQ(shell(foreign.body), shell(missing.body));
    auto tasks = parse(call("handler", "GET", "/api/v1/incidents/" + a + "/tasks")).at("items").as_array();
    ASSERT_EQ(tasks.size(), 1u);
    EXPECT_TRUE(tasks[0].at("done_at").is_null()) << "the task of case A was changed through case B's path";
    // A recipient of case A under case B's path, over the API: the body of a missing case.
    ASSERT_EQ(call("handler", "POST", "/api/v1/incidents/" + a + "/letters/recipients", "name,email\nAnna,anna@example.se\n",
                   "text/csv").status, 201);
    auto page = http::request("127.0.0.1", s_server->port(), "GET", "/cases/" + a + "/letters", {},
                              {{"Cookie", handler.cookie}});
    std::smatch match;
    ASSERT_TRUE(std::regex_search(page.body, match, std::regex("/letters/recipients/([0-9a-f]+)"))) << page.body;
    std::string recipient = match[1];
    auto api_missing = call("dpo", "GET", "/api/v1/incidents/no-such-case");
    auto api_foreign = call("dpo", "POST", "/api/v1/incidents/" + b + "/letters/recipients/" + recipient + "/informed",
                            R"({"how":"other","at":"2026-01-06T10:00:00+01:00"})");
    EXPECT_EQ(api_missing.status, 404);
    EXPECT_EQ(api_foreign.status, api_missing.status);
    EXPECT_EQ(api_foreign.body, api_missing.body);
    auto document = call("dpo", "GET", "/api/v1/incidents/" + b + "/documents/subject-letter?format=json&recipient=" + recipient);
    EXPECT_EQ(document.status, 404);
    EXPECT_EQ(document.body, api_missing.body);
    // The other organisation's case: the same answer again.
    auto elsewhere = report("outsider", s_other);
    EXPECT_EQ(call("dpo", "GET", "/api/v1/incidents/" + elsewhere).body, api_missing.body);
}

TEST_F(AttackReads, TheAdministratorSeesTheSubjectsAddressesMaskedInTheOutbox) {
    auto id = report();
    const std::string base = "/api/v1/incidents/" + id + "/letters";
    ASSERT_EQ(call("handler", "POST", base + "/recipients", "name,email\nAnna,anna.andersson@example.se\n", "text/csv").status,
              201);
    auto letters = parse(call("dpo", "GET", base));
    auto parts = letters.at("letters").as_array()[0].at("parts").as_object();
    for (auto& [key, value] : parts)
        if (value.as_string().empty()) value = "Vi följer upp ärendet och hör av oss.";
    auto saved = call("dpo", "PUT", base + "/sv", json::serialize(json::object{{"version", 0}, {"parts", parts}}));
    ASSERT_EQ(saved.status, 200) << saved.body;
    auto done = call("dpo", "POST", base + "/sv/finalise", R"({"version":1})");
    ASSERT_EQ(done.status, 200) << done.body;
    ASSERT_EQ(call("handler", "POST", base + "/emails").status, 200);

    auto address_seen_by = [&](const std::string& who) {
        auto outbox = call(who, "GET", "/api/v1/outbox");
        EXPECT_EQ(outbox.status, 200) << outbox.body;
        EXPECT_EQ(outbox.headers["cache-control"], "no-store");
        auto body = parse(outbox);
        for (const auto& item : body.at("items").as_array())
            if (item.at("kind").as_string() == "letter" && item.at("incident").is_string() && item.at("incident").as_string() == id)
                return std::string(item.at("to").as_string());
        return std::string("(none)");
    };
    EXPECT_EQ(address_seen_by("admin"), "a***@example.se");
    EXPECT_EQ(address_seen_by("dpo"), "anna.andersson@example.se");
    auto admin = sign_in("admin");
    auto page = http::request("127.0.0.1", s_server->port(), "GET", "/outbox", {}, {{"Cookie", admin.cookie}});
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find("anna.andersson@example.se"), std::string::npos);
    EXPECT_NE(page.body.find("a***@example.se"), std::string::npos);
    // Both reads are in the trail, naming the case.
    auto reads = audit({"--action", "outbox.read"});
    EXPECT_GE(count_reads(reads, "outbox.read", "admin"), 2u);
    EXPECT_GE(count_reads(reads, "outbox.read", "dpo"), 1u);
}
