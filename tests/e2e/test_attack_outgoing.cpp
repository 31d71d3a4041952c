// Attack: the case's internal text must never leave the organisation in a letter to the data
// subjects or a notice to the controllers (issue 11, part 2). Against the real binary with a
// real SMTP sink: a case whose description names two people with their personal identity
// numbers and e-mail addresses; its letter is prefilled, finalised and e-mailed to a third
// person, and its processor notice sent to a customer; no delivered message carries either
// person's number or address. A part that does hold a personal identity number is refused
// (400 naming the field and acknowledge_personal_data) and delivered only after an audited
// acknowledgement.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <thread>

#include "e2e_support.hpp"
#include "storage/database.hpp"
#include "support/smtp_sink.hpp"
#include "support/test_database.hpp"

using namespace skydda;
using namespace skydda::e2e;
using test_support::mail_header;
using test_support::SmtpSink;
namespace json = boost::json;

namespace {

constexpr std::string_view k_leaks[] = {"570428-9999", "5704289999", "811218-9876", "8112189876",
                                        "anna.berg@exempel.se", "bo.ek@exempel.se"};
constexpr std::string_view k_description =
    "Omdömena om eleverna Anna Berg 570428-9999 (anna.berg@exempel.se) och Bo Ek 811218-9876 "
    "(bo.ek@exempel.se) skickades till fel vårdnadshavare.";

class MailEnvironment {
public:
    explicit MailEnvironment(int port) {
        setenv("SKYDDA_SMTP_URL", ("smtp://127.0.0.1:" + std::to_string(port)).c_str(), 1);
        setenv("SKYDDA_SMTP_FROM", "skydda@exempelby.se", 1);
        setenv("SKYDDA_SMTP_TLS", "none", 1);
        setenv("SKYDDA_SMTP_RETRY_SECONDS", "1", 1);
    }
    ~MailEnvironment() {
        for (auto name : {"SKYDDA_SMTP_URL", "SKYDDA_SMTP_FROM", "SKYDDA_SMTP_TLS", "SKYDDA_SMTP_RETRY_SECONDS"})
            unsetenv(name);
    }
};

// The message as text: quoted-printable soft breaks removed and =XX decoded (base64 parts stay
// as they are; the PDF they carry is checked through the frozen document instead).
std::string decoded(const std::string& message) {
    auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
    std::string out;
    for (size_t i = 0; i < message.size(); ++i) {
        if (message[i] == '=' && message.compare(i + 1, 2, "\r\n") == 0) {
            i += 2;
        } else if (message[i] == '=' && i + 2 < message.size() && hex(message[i + 1]) && hex(message[i + 2])) {
            out += static_cast<char>(std::stoi(message.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += message[i];
        }
    }
    return out;
}

class AttackOutgoing : public testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        SKIP_WITHOUT_DATABASE(m_database);
        m_org = id_from_json(run_skydda({"org", "add", "--db", db(), "--name", "Exempelby kommun", "--dpo-name",
                                         "Dana Dataskydd", "--dpo-email", "dso@exempelby.se", "--dpo-phone",
                                         "08-123 45 67"})
                                 .out);
        for (const auto& role : {"reporter", "handler", "dpo"}) m_accounts[role] = add_account(db(), m_org, role, role);
        m_sink = std::make_unique<SmtpSink>(m_mail_dir.path());
        m_environment = std::make_unique<MailEnvironment>(m_sink->port());
        m_server = std::make_unique<ServerProcess>(db(), free_port());
    }
    void TearDown() override {
        m_server.reset();
        m_environment.reset();
        m_sink.reset();
    }
    std::string db() const { return m_database.url(); }

    http::ClientResponse call(const std::string& who, const std::string& method, const std::string& target,
                              const std::string& body = {}, const std::string& type = "application/json") {
        std::vector<std::pair<std::string, std::string>> headers{{"Authorization", "Bearer " + m_accounts.at(who).token}};
        if (!body.empty()) headers.emplace_back("Content-Type", type);
        return http::request("127.0.0.1", m_server->port(), method, target, body, headers);
    }
    static json::object parse(const http::ClientResponse& response) { return json::parse(response.body).as_object(); }

    std::string report(std::string_view description) {
        json::object body{{"org", m_org},
                          {"title", "Omdömen till fel vårdnadshavare"},
                          {"what_happened", "disclosure_other"},
                          {"description", description},
                          {"consequences", "Anna Berg 570428-9999 kan bli utsatt för bedrägeri."},
                          {"measures", "Vi har ringt bo.ek@exempel.se och bett om radering."},
                          {"occurred_at", "2026-01-05T09:00:00+01:00"},
                          {"data", json::array{"name", "personal_identity_number"}}};
        auto response = call("reporter", "POST", "/api/v1/incidents", json::serialize(body));
        EXPECT_EQ(response.status, 201) << response.body;
        return std::string(parse(response).at("id").as_string());
    }
    static std::string letters(const std::string& id) { return "/api/v1/incidents/" + id + "/letters"; }

    // The Swedish letter as the API gives it, with the parts only the handler can write filled.
    json::object written_parts(const std::string& id) {
        auto overview = parse(call("handler", "GET", letters(id)));
        auto parts = overview.at("letters").as_array()[0].at("parts").as_object();
        parts["consequences"] = "Någon kan veta vilka omdömen ditt barn har fått.";
        parts["measures_taken"] = "Vi har bett mottagaren radera mejlet.";
        parts["mitigation"] = "Vi följer upp att mejlet är raderat.";
        return parts;
    }

    std::vector<storage::Row> query(const std::string& sql) {
        auto database = storage::open_database(db());
        return *storage::transact_value<std::vector<storage::Row>>(
            **database, storage::TxMode::read, [&](storage::Connection& c) { return c.query(sql); });
    }

    // Every message the sink has, once those to `to` number at least `count`.
    std::vector<std::string> delivered_to(const std::string& to, size_t count) {
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        for (;;) {
            auto all = m_sink->messages();
            size_t found = 0;
            for (const auto& message : all) found += mail_header(message, "To") == "<" + to + ">";
            if (found >= count || std::chrono::steady_clock::now() > until) return all;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }

    static void expect_no_leak(const std::vector<std::string>& messages) {
        for (const auto& message : messages) {
            auto text = decoded(message);
            for (auto leak : k_leaks)
                EXPECT_EQ(text.find(leak), std::string::npos) << leak << " was delivered to " << mail_header(message, "To");
        }
    }

    test_support::TestDatabase m_database{GetParam()};
    test_support::TempDir m_mail_dir;
    std::unique_ptr<SmtpSink> m_sink;
    std::unique_ptr<MailEnvironment> m_environment;
    std::unique_ptr<ServerProcess> m_server;
    std::string m_org;
    std::map<std::string, Account> m_accounts;
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, AttackOutgoing, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST_P(AttackOutgoing, TheLetterPrefilledFinalisedAndMailedCarriesNoneOfTheCasesPeople) {
    auto id = report(k_description);
    auto overview = call("handler", "GET", letters(id));
    ASSERT_EQ(overview.status, 200) << overview.body;
    for (auto leak : k_leaks) EXPECT_EQ(overview.body.find(leak), std::string::npos) << "prefilled with " << leak;
    auto saved = call("handler", "PUT", letters(id) + "/sv",
                      json::serialize(json::object{{"version", 0}, {"parts", written_parts(id)}}));
    ASSERT_EQ(saved.status, 200) << saved.body;
    auto done = call("dpo", "POST", letters(id) + "/sv/finalise", R"({"version":1})");
    ASSERT_EQ(done.status, 200) << done.body;
    ASSERT_EQ(call("handler", "POST", letters(id) + "/recipients", "name,email\nCarl Tredje,carl@exempel.se\n", "text/csv")
                  .status,
              201);
    auto mailed = call("handler", "POST", letters(id) + "/emails");
    ASSERT_EQ(mailed.status, 200) << mailed.body;
    EXPECT_EQ(parse(mailed).at("queued").as_int64(), 1);
    auto messages = delivered_to("carl@exempel.se", 1);
    bool letter_arrived = false;
    for (const auto& message : messages)
        letter_arrived = letter_arrived || (mail_header(message, "To") == "<carl@exempel.se>" &&
                                            decoded(message).find("mottagaren radera mejlet") != std::string::npos);
    ASSERT_TRUE(letter_arrived) << messages.size() << " messages";
    expect_no_leak(messages);
}

TEST_P(AttackOutgoing, TheProcessorNoticeSentToACustomerCarriesNoneOfTheCasesPeople) {
    auto id = report(k_description);
    auto customer = call("dpo", "POST", "/api/v1/organisations/" + m_org + "/customers",
                         R"({"name":"Kommun Ett","orgnr":"556016-0680","emails":["dpo@kommun-ett.se"],"notice_hours":24})");
    ASSERT_EQ(customer.status, 201) << customer.body;
    auto base = "/api/v1/incidents/" + id + "/processor-notices";
    ASSERT_EQ(call("handler", "POST", base, R"({"all":true})").status, 201);
    auto listed = call("handler", "GET", base);
    for (auto leak : k_leaks) EXPECT_EQ(listed.body.find(leak), std::string::npos) << leak;
    auto sent = call("handler", "POST", base + "/send");
    ASSERT_EQ(sent.status, 200) << sent.body;
    EXPECT_EQ(parse(sent).at("notices").as_int64(), 1);
    auto messages = delivered_to("dpo@kommun-ett.se", 1);
    bool notice_arrived = false;
    for (const auto& message : messages)
        notice_arrived = notice_arrived || mail_header(message, "To") == "<dpo@kommun-ett.se>";
    ASSERT_TRUE(notice_arrived) << messages.size() << " messages";
    expect_no_leak(messages);
    // The PDF attached is rendered from the document frozen as sent.
    auto frozen = query("SELECT document_json FROM notifications WHERE recipient = 'controller'");
    ASSERT_EQ(frozen.size(), 1u);
    for (auto leak : k_leaks) EXPECT_EQ(frozen[0].text(0).find(leak), std::string::npos) << leak;
}

TEST_P(AttackOutgoing, PersonalDataInAPartIsRefusedAndDeliveredOnlyAfterAnAuditedAcknowledgement) {
    auto id = report("Ett mejl med omdömen skickades till fel vårdnadshavare.");
    auto parts = written_parts(id);
    parts["cause"] = "Det gällde omdömet om eleven med personnummer 570428-9999.";
    ASSERT_EQ(call("handler", "PUT", letters(id) + "/sv", json::serialize(json::object{{"version", 0}, {"parts", parts}})).status,
              200);
    auto refused = call("dpo", "POST", letters(id) + "/sv/finalise", R"({"version":1})");
    ASSERT_EQ(refused.status, 400) << refused.body;
    auto error = parse(refused).at("error").as_object();
    EXPECT_EQ(error.at("field").as_string(), "cause");
    EXPECT_NE(std::string(error.at("message").as_string()).find("acknowledge_personal_data"), std::string::npos);
    EXPECT_EQ(refused.body.find("570428"), std::string::npos) << "the finding names the kind, never the value";
    auto wrong_shape = call("dpo", "POST", letters(id) + "/sv/finalise", R"({"version":1,"acknowledge_personal_data":true})");
    ASSERT_EQ(wrong_shape.status, 400);
    EXPECT_EQ(parse(wrong_shape).at("error").at("field").as_string(), "acknowledge_personal_data");
    auto done = call("dpo", "POST", letters(id) + "/sv/finalise", R"({"version":1,"acknowledge_personal_data":["cause"]})");
    ASSERT_EQ(done.status, 200) << done.body;

    ASSERT_EQ(call("handler", "POST", letters(id) + "/recipients", "name,email\nCarl Tredje,carl@exempel.se\n", "text/csv")
                  .status,
              201);
    auto not_yet = call("handler", "POST", letters(id) + "/emails");
    ASSERT_EQ(not_yet.status, 400) << not_yet.body;
    EXPECT_EQ(parse(not_yet).at("error").at("field").as_string(), "sv.cause");
    EXPECT_NE(not_yet.body.find("acknowledge_personal_data"), std::string::npos);
    EXPECT_EQ(query("SELECT COUNT(*) FROM outbox WHERE kind = 'letter'").at(0).integer(0), 0) << "nothing queued";
    auto mailed = call("handler", "POST", letters(id) + "/emails", R"({"acknowledge_personal_data":["sv.cause"]})");
    ASSERT_EQ(mailed.status, 200) << mailed.body;
    auto messages = delivered_to("carl@exempel.se", 1);
    bool arrived = false;
    for (const auto& message : messages)
        arrived = arrived || (mail_header(message, "To") == "<carl@exempel.se>" &&
                              decoded(message).find("570428-9999") != std::string::npos);
    EXPECT_TRUE(arrived) << "the acknowledged text is delivered as written";

    auto audited = query("SELECT actor_id, after_json FROM audit_log WHERE action = 'personal_data.acknowledge' ORDER BY seq");
    ASSERT_EQ(audited.size(), 2u);
    EXPECT_EQ(audited[0].text(0), m_accounts.at("dpo").id);
    EXPECT_NE(audited[0].text(1).find(R"("field":"cause","kinds":["personnummer"])"), std::string::npos) << audited[0].text(1);
    EXPECT_NE(audited[0].text(1).find(R"("step":"finalise")"), std::string::npos);
    EXPECT_EQ(audited[1].text(0), m_accounts.at("handler").id);
    EXPECT_NE(audited[1].text(1).find(R"("field":"sv.cause")"), std::string::npos) << audited[1].text(1);
    for (const auto& row : audited) EXPECT_EQ(row.text(1).find("570428"), std::string::npos);

    // The same for the notice to the controllers: its text for them holds a number.
    ASSERT_EQ(call("dpo", "POST", "/api/v1/organisations/" + m_org + "/customers",
                   R"({"name":"Kommun Ett","orgnr":"556016-0680","emails":["dpo@kommun-ett.se"]})")
                  .status,
              201);
    auto base = "/api/v1/incidents/" + id + "/processor-notices";
    ASSERT_EQ(call("handler", "POST", base, R"({"all":true})").status, 201);
    auto text = call("handler", "PUT", base + "/text",
                     R"({"description":"Omdömet om eleven 811218-9876 syntes.","consequences":"Spridning.","measures":"Rättat."})");
    ASSERT_EQ(text.status, 200) << text.body;
    auto held = call("handler", "POST", base + "/send");
    ASSERT_EQ(held.status, 400) << held.body;
    EXPECT_EQ(parse(held).at("error").at("field").as_string(), "description");
    EXPECT_NE(held.body.find("acknowledge_personal_data"), std::string::npos);
    EXPECT_EQ(query("SELECT COUNT(*) FROM outbox WHERE kind = 'processor.notice'").at(0).integer(0), 0);
    auto sent = call("handler", "POST", base + "/send", R"({"acknowledge_personal_data":["description"]})");
    ASSERT_EQ(sent.status, 200) << sent.body;
    auto notices = delivered_to("dpo@kommun-ett.se", 1);
    bool notice_arrived = false;
    for (const auto& message : notices)
        notice_arrived = notice_arrived || (mail_header(message, "To") == "<dpo@kommun-ett.se>" &&
                                            decoded(message).find("811218-9876") != std::string::npos);
    EXPECT_TRUE(notice_arrived);
    EXPECT_EQ(query("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.acknowledge' AND after_json LIKE "
                    "'%processor-notice%' AND after_json LIKE '%\"field\":\"description\"%'")
                  .at(0)
                  .integer(0),
              1);
}
