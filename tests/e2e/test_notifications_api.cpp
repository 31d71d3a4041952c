// The notification endpoints against the real server: recording the notification to IMY
// (201, refused without a late reason, unknown fields refused), listing, and the draft with
// its ETag / If-Match.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "e2e_support.hpp"

using namespace skydda;
using namespace skydda::e2e;
namespace json = boost::json;

namespace {

class NotificationsApi : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new test_support::TempDir();
        const auto db = s_dir->db_url();
        s_org = id_from_json(run_skydda({"org", "add", "--db", db, "--name", "Nämnd A"}).out);
        auto other = id_from_json(run_skydda({"org", "add", "--db", db, "--name", "Nämnd B"}).out);
        for (const auto& role : {"reporter", "registrar", "handler", "dpo", "manager"})
            s_tokens[role] = add_account(db, s_org, role, role).token;
        s_tokens["outsider"] = add_account(db, other, "outsider", "dpo").token;
        s_server = new ServerProcess(db, free_port());
    }
    static void TearDownTestSuite() {
        delete s_server;
        delete s_dir;
    }

    static http::ClientResponse call(const std::string& who, const std::string& method, const std::string& target,
                                     const std::string& body = {},
                                     std::vector<std::pair<std::string, std::string>> headers = {}) {
        headers.emplace_back("Authorization", "Bearer " + s_tokens.at(who));
        if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
        return http::request("127.0.0.1", s_server->port(), method, target, body, headers);
    }
    static json::object parse(const http::ClientResponse& response) { return json::parse(response.body).as_object(); }
    static std::string error_field(const http::ClientResponse& response) {
        auto field = parse(response).at("error").at("field");
        return field.is_null() ? "" : std::string(field.as_string());
    }
    // Aware on 5 January: any notification after 8 January 09:00 is late.
    static std::string report() {
        auto response = call("reporter", "POST", "/api/v1/incidents",
                             R"({"org":")" + s_org + R"(","title":"Mejl till fel vårdnadshavare","what_happened":"misdirected_communication","data":["name","health"],"subjects":{"count":1,"groups":["pupils"]},"aware_at":"2026-01-05T09:00:00+01:00"})");
        EXPECT_EQ(response.status, 201) << response.body;
        return std::string(parse(response).at("id").as_string());
    }
    static std::string base(const std::string& id) { return "/api/v1/incidents/" + id + "/notifications"; }

    static inline test_support::TempDir* s_dir = nullptr;
    static inline ServerProcess* s_server = nullptr;
    static inline std::string s_org;
    static inline std::map<std::string, std::string> s_tokens;
};

constexpr const char* k_late_body =
    R"({"recipient":"imy","submitted_at":"2026-01-09T10:00:00+01:00","authority_reference":"IMY-2026-1234","supplement_promised":true)";

} // namespace

TEST_F(NotificationsApi, RefusesALateNotificationWithoutAReason) {
    auto id = report();
    auto refused = call("dpo", "POST", base(id), std::string(k_late_body) + "}");
    EXPECT_EQ(refused.status, 400) << refused.body;
    EXPECT_EQ(error_field(refused), "late_reason");
    EXPECT_TRUE(parse(call("dpo", "GET", base(id))).at("items").as_array().empty());
}

TEST_F(NotificationsApi, RecordsTheNotificationWith201) {
    auto id = report();
    auto created = call("dpo", "POST", base(id),
                        std::string(k_late_body) + R"(,"late_reason":"Upptäcktes under helgen.","details":{"channel":"e-tjänst"}})");
    ASSERT_EQ(created.status, 201) << created.body;
    auto body = parse(created);
    EXPECT_EQ(body.at("recipient").as_string(), "imy");
    EXPECT_EQ(body.at("phase").as_int64(), 0);
    EXPECT_TRUE(body.at("late").as_bool());
    EXPECT_EQ(body.at("seconds_after_awareness").as_int64(), 97 * 3600);
    EXPECT_EQ(body.at("authority_reference").as_string(), "IMY-2026-1234");
    EXPECT_FALSE(body.at("our_reference").as_string().empty());
    EXPECT_EQ(body.at("supplement_due_at").as_string(), "2026-02-06T10:00:00+01:00");
    EXPECT_EQ(body.at("details").at("channel").as_string(), "e-tjänst");
    EXPECT_FALSE(body.at("missing").as_array().empty());
    auto list = parse(call("manager", "GET", base(id)));
    ASSERT_EQ(list.at("items").as_array().size(), 1u);
    EXPECT_EQ(list.at("items").as_array()[0].at("id"), body.at("id"));
    // The same phase cannot be recorded twice.
    auto again = call("dpo", "POST", base(id),
                      std::string(k_late_body) + R"(,"late_reason":"Helgen.","phase":0})");
    EXPECT_EQ(again.status, 400);
    EXPECT_EQ(error_field(again), "phase");
}

TEST_F(NotificationsApi, RefusesUnknownFieldsAndWrongTypes) {
    auto id = report();
    auto unknown = call("dpo", "POST", base(id), std::string(k_late_body) + R"(,"late_reson":"typo"})");
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(error_field(unknown), "late_reson");
    auto wrong = call("dpo", "POST", base(id), std::string(k_late_body) + R"(,"acknowledge_personal_data":"yes"})");
    EXPECT_EQ(wrong.status, 400);
    EXPECT_EQ(error_field(wrong), "acknowledge_personal_data");
    auto future = call("dpo", "POST", base(id), R"({"recipient":"imy","submitted_at":"2999-01-01T00:00:00Z"})");
    EXPECT_EQ(future.status, 400);
    EXPECT_EQ(error_field(future), "submitted_at");
    auto recipient = call("dpo", "POST", base(id), R"({"recipient":"press","submitted_at":"2026-01-06T10:00:00+01:00"})");
    EXPECT_EQ(error_field(recipient), "recipient");
}

TEST_F(NotificationsApi, OnlyHandlersAndTheDpoMayRecord) {
    auto id = report();
    std::string body = std::string(k_late_body) + R"(,"late_reason":"Helgen."})";
    EXPECT_EQ(call("reporter", "POST", base(id), body).status, 403);
    EXPECT_EQ(call("manager", "POST", base(id), body).status, 403);
    EXPECT_EQ(call("outsider", "POST", base(id), body).status, 404);
    EXPECT_EQ(call("outsider", "GET", base(id)).status, 404);
}

TEST_F(NotificationsApi, DraftWithETagAndIfMatch) {
    auto id = report();
    auto empty = call("handler", "GET", base(id) + "/draft");
    ASSERT_EQ(empty.status, 200) << empty.body;
    EXPECT_EQ(empty.headers.at("etag"), "\"v0\"");
    auto saved = call("handler", "PUT", base(id) + "/draft", R"({"fields":{"contact.person":"Kim, 08-1"}})",
                      {{"If-Match", "\"v0\""}});
    ASSERT_EQ(saved.status, 200) << saved.body;
    EXPECT_EQ(saved.headers.at("etag"), "\"v1\"");
    EXPECT_EQ(parse(saved).at("fields").at("contact.person").as_string(), "Kim, 08-1");
    auto stale = call("dpo", "PUT", base(id) + "/draft", R"({"fields":{"contact.person":"Lo"}})", {{"If-Match", "\"v0\""}});
    EXPECT_EQ(stale.status, 412) << stale.body;
    auto unknown = call("dpo", "PUT", base(id) + "/draft", R"({"fields":{"colour":"red"}})");
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(error_field(unknown), "colour");
    auto supplement = call("dpo", "GET", base(id) + "/draft?phase=1");
    EXPECT_EQ(supplement.status, 200);
    EXPECT_EQ(parse(supplement).at("phase").as_int64(), 1);
    EXPECT_EQ(call("dpo", "GET", base(id) + "/draft?phase=x").status, 400);
    EXPECT_EQ(call("manager", "GET", base(id) + "/draft").status, 403);
}
