// Processor duties through the real server: the customer register (JSON and CSV import),
// selecting the customers on a case, sending, acknowledging, questions, and who may do what.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "e2e_support.hpp"

using namespace skydda;
using namespace skydda::e2e;
namespace json = boost::json;

namespace {

// A valid organisation number for `n` (Luhn digit computed).
std::string orgnr(int n) {
    std::string digits = std::to_string(556000000 + n);
    int sum = 0;
    for (size_t i = 0; i < digits.size(); ++i) {
        int d = digits[i] - '0';
        if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
    }
    digits += static_cast<char>('0' + (10 - sum % 10) % 10);
    return digits.substr(0, 6) + "-" + digits.substr(6);
}

class ProcessorApi : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new test_support::TempDir();
        const auto db = s_dir->db_url();
        s_org = id_from_json(run_skydda({"org", "add", "--db", db, "--name", "Skolplattform AB"}).out);
        auto other = id_from_json(run_skydda({"org", "add", "--db", db, "--name", "Annan AB"}).out);
        for (const auto& role : {"reporter", "handler", "dpo", "auditor"}) s_tokens[role] = add_account(db, s_org, role, role).token;
        s_tokens["outsider"] = add_account(db, other, "outsider", "dpo").token;
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
    static std::string error_field(const http::ClientResponse& response) {
        auto field = parse(response).at("error").at("field");
        return field.is_null() ? "" : std::string(field.as_string());
    }
    static std::string customers() { return "/api/v1/organisations/" + s_org + "/customers"; }

    static inline test_support::TempDir* s_dir = nullptr;
    static inline ServerProcess* s_server = nullptr;
    static inline std::string s_org;
    static inline std::map<std::string, std::string> s_tokens;
};

} // namespace

TEST_F(ProcessorApi, CustomersNoticesAcknowledgementsAndQuestions) {
    // The register: validation names the field; CSV is all or nothing with line numbers.
    auto bad = call("dpo", "POST", customers(), R"({"name":"Kommun","orgnr":"556016-0681","emails":["a@kommun.se"]})");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(error_field(bad), "orgnr");
    auto one = call("dpo", "POST", customers(),
                    R"({"name":"Kommun 1","orgnr":")" + orgnr(1) + R"(","emails":["dpo@kommun1.se"],"notice_hours":24,"language":"en"})");
    ASSERT_EQ(one.status, 201) << one.body;
    auto failed = call("dpo", "POST", customers(), "Kommun 2," + orgnr(2) + ",b@kommun2.se,\nKommun 3,123,c@kommun3.se,\n", "text/csv");
    EXPECT_EQ(failed.status, 400);
    EXPECT_EQ(error_field(failed), "csv");
    EXPECT_EQ(parse(failed).at("lines").as_array().at(0).at("line").as_int64(), 2);
    EXPECT_EQ(parse(call("dpo", "GET", customers())).at("items").as_array().size(), 1u);
    auto imported = call("dpo", "POST", customers(), "Kommun 2," + orgnr(2) + ",b@kommun2.se,36\nKommun 3," + orgnr(3) + ",c@kommun3.se,\n", "text/csv");
    ASSERT_EQ(imported.status, 200) << imported.body;
    EXPECT_EQ(parse(imported).at("added").as_int64(), 2);
    EXPECT_EQ(call("handler", "POST", customers(), R"({"name":"X","orgnr":")" + orgnr(9) + R"(","emails":["x@x.se"]})").status, 403);
    EXPECT_EQ(call("outsider", "GET", customers()).status, 404);

    // A case; the handler selects one customer, then all: only the new ones are added.
    auto reported = call("reporter", "POST", "/api/v1/incidents",
                         R"({"org":")" + s_org + R"(","title":"Intrång i skolplattformen","what_happened":"unauthorised_access","data":["name"],"aware_at":"2026-01-05T09:00:00+01:00"})");
    ASSERT_EQ(reported.status, 201) << reported.body;
    std::string base = "/api/v1/incidents/" + std::string(parse(reported).at("id").as_string()) + "/processor-notices";
    auto first_id = std::string(parse(one).at("id").as_string());
    auto selected = call("handler", "POST", base, R"({"customer_ids":[")" + first_id + R"("]})");
    ASSERT_EQ(selected.status, 201) << selected.body;
    EXPECT_EQ(parse(selected).at("added").as_int64(), 1);
    auto all = call("handler", "POST", base, R"({"all":true})");
    EXPECT_EQ(parse(all).at("added").as_int64(), 2);
    EXPECT_EQ(parse(all).at("total").as_int64(), 3);
    EXPECT_EQ(error_field(call("handler", "POST", base, R"({"customer_ids":["nope"]})")), "customer_ids");
    EXPECT_EQ(call("auditor", "POST", base, R"({"all":true})").status, 403);
    EXPECT_EQ(call("outsider", "GET", base).status, 404);

    auto listed = parse(call("auditor", "GET", base));
    EXPECT_EQ(listed.at("counts").at("selected").as_int64(), 3);
    EXPECT_EQ(listed.at("counts").at("overdue").as_int64(), 2); // aware in January, 24 and 36 hours
    std::string notice_id;
    for (const auto& item : listed.at("items").as_array())
        if (item.at("customer_id").as_string() == first_id) {
            notice_id = std::string(item.at("id").as_string());
            EXPECT_EQ(item.at("deadline_at").as_string(), "2026-01-06T09:00:00+01:00");
        }
    ASSERT_FALSE(notice_id.empty());

    auto figures = call("handler", "PUT", base + "/" + notice_id + "/figures", R"({"subjects_count":40,"records":null})");
    ASSERT_EQ(figures.status, 200) << figures.body;
    EXPECT_EQ(parse(figures).at("subjects_count").as_int64(), 40);
    EXPECT_EQ(error_field(call("handler", "PUT", base + "/" + notice_id + "/figures", R"({"records":"many"})")), "records");
    auto sent = call("handler", "POST", base + "/send");
    ASSERT_EQ(sent.status, 200) << sent.body;
    EXPECT_EQ(parse(sent).at("notices").as_int64(), 3);
    EXPECT_EQ(parse(sent).at("mails_queued").as_int64(), 3);
    EXPECT_EQ(parse(call("handler", "POST", base + "/send")).at("notices").as_int64(), 0);

    EXPECT_EQ(error_field(call("handler", "POST", base + "/" + notice_id + "/acknowledge", R"({"acknowledged_by":""})")),
              "acknowledged_by");
    auto acknowledged = call("handler", "POST", base + "/" + notice_id + "/acknowledge", R"({"acknowledged_by":"Kim Kontakt"})");
    ASSERT_EQ(acknowledged.status, 200) << acknowledged.body;
    EXPECT_EQ(parse(acknowledged).at("status").as_string(), "acknowledged");
    auto asked = call("dpo", "POST", base + "/" + notice_id + "/questions", R"({"question":"Gäller det förskolan?"})");
    ASSERT_EQ(asked.status, 201) << asked.body;
    auto answered = call("dpo", "POST", base + "/" + notice_id + "/questions",
                         R"({"question_id":")" + std::string(parse(asked).at("id").as_string()) + R"(","answer":"Nej."})");
    EXPECT_EQ(answered.status, 200) << answered.body;
    listed = parse(call("handler", "GET", base));
    EXPECT_EQ(listed.at("counts").at("acknowledged").as_int64(), 1);
    EXPECT_EQ(listed.at("counts").at("with_open_questions").as_int64(), 0);
    EXPECT_EQ(call("handler", "POST", base + "/" + notice_id + "/questions", R"({"shoe":1})").status, 400);
}
