// The register of processing activities over the API (web/register/): 201 with the id, every
// bad member 400 naming it, versions as ETags with 412 when stale, approval refused while items
// are missing, and a supplier's exposure across the nämnder of a group.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/register/register.hpp"
#include "web/site_harness.hpp"

namespace {

using namespace skydda;
using namespace skydda::test;
namespace json = boost::json;

class RegisterApi : public SiteTest {
protected:
    RegisterApi() : SiteTest(*parse_rfc3339("2026-12-07T09:00:00+01:00", "now")) {}

    void seed() override {
        m_school = *m_app->add_organisation(nullptr, {.name = "Utbildningsnämnden", .orgnr = "212000-0001"});
        m_social = *m_app->add_organisation(nullptr, {.name = "Socialnämnden", .orgnr = "212000-0002"});
        m_outside = *m_app->add_organisation(nullptr, {.name = "Grannkommunen", .orgnr = "212000-0003"});
        m_group = app::add_group(*m_app, nullptr, "Exempelby kommun")->id;
        ASSERT_TRUE(app::set_organisation_group(*m_app, nullptr, m_school, m_group));
        ASSERT_TRUE(app::set_organisation_group(*m_app, nullptr, m_social, m_group));
        add_user(m_school, "dpo@example.se", "Dora Dataskydd", "dpo");
        ASSERT_TRUE(m_app->add_user(nullptr, m_social, "dpo@example.se", "Dora Dataskydd", "dpo", std::nullopt));
        add_user(m_school, "handler@example.se", "Hugo Handläggare", "handler");
        add_user(m_outside, "other@example.se", "Olle Annan", "dpo");
    }

    http::Response call(const std::string& who, std::string method, std::string target, std::string body = {},
                        std::string if_match = {}) {
        if (!m_tokens.contains(who)) m_tokens[who] = *m_app->create_api_token(nullptr, who);
        http::Request request;
        request.method = std::move(method);
        request.target = target;
        request.path = target.substr(0, target.find('?'));
        if (auto question = target.find('?'); question != std::string::npos)
            request.query = http::parse_urlencoded(target.substr(question + 1)).value_or(decltype(request.query){});
        request.headers["authorization"] = "Bearer " + m_tokens[who];
        if (!if_match.empty()) request.headers["if-match"] = if_match;
        if (!body.empty()) request.headers["content-type"] = "application/json";
        request.body = std::move(body);
        request.remote_address = "127.0.0.1";
        return m_site->handle(request);
    }
    json::object object(const http::Response& response) {
        auto parsed = json::parse(response.body);
        return parsed.is_object() ? parsed.as_object() : json::object{};
    }
    std::string field(const http::Response& response) {
        auto body = object(response);
        return body.contains("error") ? std::string(body.at("error").at("field").as_string()) : std::string();
    }

    std::string m_school, m_social, m_outside, m_group;
    std::map<std::string, std::string> m_tokens;
};

const char* k_dpo = "dpo@example.se";

TEST_F(RegisterApi, SuppliersAndSystemsAreTheGroupsAndEveryBadMemberIsNamed) {
    auto host = call(k_dpo, "POST", "/api/v1/groups/" + m_group + "/suppliers",
                     R"({"name": "Drifthallen AB", "orgnr": "556036-0793", "country": "SE", "role": "sub_processor"})");
    ASSERT_EQ(host.status, 201) << host.body;
    auto host_id = std::string(object(host).at("id").as_string());
    EXPECT_EQ(object(host).at("flags").as_array().size(), 1u) << "no signed agreement: " << host.body;
    EXPECT_EQ(header_value(host, "ETag"), "\"v1\"");
    auto platform = call(k_dpo, "POST", "/api/v1/groups/" + m_group + "/suppliers",
                         json::serialize(json::object{{"name", "Skolplattformen AB"},
                                                      {"country", "SE"},
                                                      {"role", "processor"},
                                                      {"agreement", json::object{{"signed_on", "2025-01-15"}, {"reference", "PUB-1"}}},
                                                      {"sub_processors", json::array{json::value(host_id)}}}));
    ASSERT_EQ(platform.status, 201) << platform.body;
    EXPECT_TRUE(object(platform).at("flags").as_array().empty());
    for (auto [body, name] :
         {std::pair{R"({"name": "X", "country": "SE", "role": "vendor"})", "role"},
          {R"({"name": "X", "country": "Sverige", "role": "processor"})", "country"},
          {R"({"name": "X", "country": "SE", "role": "processor", "colour": "red"})", "colour"},
          {R"({"name": "X", "country": "SE", "role": "processor", "agreement": {"signed_on": "igår"}})", "agreement.signed_on"},
          {R"({"name": "X", "country": "SE", "role": "processor", "orgnr": "556036-0794"})", "orgnr"},
          {R"({"country": "SE", "role": "processor"})", "name"}}) {
        auto refused = call(k_dpo, "POST", "/api/v1/groups/" + m_group + "/suppliers", body);
        EXPECT_EQ(refused.status, 400) << body;
        EXPECT_EQ(field(refused), name) << body;
    }
    auto system = call(k_dpo, "POST", "/api/v1/groups/" + m_group + "/systems",
                       json::serialize(json::object{{"name", "Skolplattformen"},
                                                    {"supplier", object(platform).at("id")},
                                                    {"owner_org", m_school},
                                                    {"klassa", json::object{{"k", 2}, {"r", 2}, {"t", 3}}}}));
    ASSERT_EQ(system.status, 201) << system.body;
    EXPECT_EQ(field(call(k_dpo, "POST", "/api/v1/groups/" + m_group + "/systems", R"({"name": "Y", "klassa": {"k": 7}})")),
              "klassa.k");
    EXPECT_EQ(call(k_dpo, "GET", "/api/v1/groups/" + m_group + "/suppliers").status, 200);
    // The handler reads but does not write; another municipality's DPO learns nothing.
    EXPECT_EQ(call("handler@example.se", "GET", "/api/v1/groups/" + m_group + "/systems").status, 200);
    EXPECT_EQ(call("handler@example.se", "POST", "/api/v1/groups/" + m_group + "/systems", R"({"name": "Z"})").status, 403);
    EXPECT_EQ(call("other@example.se", "GET", "/api/v1/suppliers/" + host_id).status, 404);
    // A supplier's change over the version read; a stale one is 412.
    auto patched = call(k_dpo, "PATCH", "/api/v1/suppliers/" + host_id, R"({"agreement": {"signed_on": "2026-01-01"}})", "\"v1\"");
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_TRUE(object(patched).at("flags").as_array().empty());
    EXPECT_EQ(call(k_dpo, "PATCH", "/api/v1/suppliers/" + host_id, R"({"contact": "x"})", "\"v1\"").status, 412);
}

TEST_F(RegisterApi, AnActivityIsADraftWithItsMissingItemsUntilTheDpoApprovesItAndItsSupplierKnowsWhoDependsOnIt) {
    auto vendor = object(call(k_dpo, "POST", "/api/v1/groups/" + m_group + "/suppliers",
                              R"({"name": "Omsorgssystem AB", "country": "SE", "role": "processor", "agreement": {"signed_on": "2024-05-01"}})"));
    auto vendor_id = std::string(vendor.at("id").as_string());
    auto draft = call(k_dpo, "POST", "/api/v1/organisations/" + m_social + "/processing-activities",
                      json::serialize(json::object{{"name", "Dokumentation i hemtjänsten"},
                                                   {"data", json::array{"name", "health"}},
                                                   {"subject_groups", json::array{"elderly_care_recipients"}},
                                                   {"suppliers", json::array{json::value(vendor_id)}}}));
    ASSERT_EQ(draft.status, 201) << draft.body;
    auto body = object(draft);
    auto id = std::string(body.at("id").as_string());
    EXPECT_EQ(body.at("status").as_string(), "draft");
    EXPECT_FALSE(body.at("missing").as_array().empty());
    ASSERT_EQ(body.at("problems").as_array().size(), 1u);
    EXPECT_EQ(body.at("problems").as_array()[0].as_string(), "special_category_without_basis");
    for (auto [bad, name] : {std::pair{R"({"name": "X", "legal_bases": ["6.1.g"]})", "legal_bases"},
                             {R"({"name": "X", "data": ["shoe_size"]})", "data"},
                             {R"({"name": "X", "recipients": [{"name": "IMY", "kind": "regulator"}]})", "recipients[0].kind"},
                             {R"({"name": "X", "transfers": [{"country": "US", "mechanism": "hope"}]})", "transfers[0].mechanism"},
                             {R"({"name": "X", "owner": "nobody"})", "owner"},
                             {R"({"purposes": ["Utan namn"]})", "name"}}) {
        auto refused = call(k_dpo, "POST", "/api/v1/organisations/" + m_social + "/processing-activities", bad);
        EXPECT_EQ(refused.status, 400) << bad;
        EXPECT_EQ(field(refused), name) << bad << " " << refused.body;
    }
    EXPECT_EQ(call(k_dpo, "POST", "/api/v1/processing-activities/" + id + "/status", R"({"status": "approved"})", "\"v1\"").status,
              409)
        << "not while items are missing";
    auto completed = call(k_dpo, "PATCH", "/api/v1/processing-activities/" + id,
                          R"({"purposes": ["Dokumentation enligt SoL"], "legal_bases": ["6.1.c"], "special_category_bases": ["9.2.h"],
                              "recipients": [{"name": "IVO", "kind": "authority"}], "retention": "Gallras efter fem år.",
                              "security_measures": "Behörighetsstyrning och loggning."})",
                          "\"v1\"");
    ASSERT_EQ(completed.status, 200) << completed.body;
    EXPECT_EQ(object(completed).at("missing").as_array().size(), 1u) << "the owner: " << completed.body;
    EXPECT_EQ(call(k_dpo, "PATCH", "/api/v1/processing-activities/" + id, R"({"sources": "x"})", "\"v1\"").status, 412);
    auto me = object(call(k_dpo, "GET", "/api/v1/me"));
    auto owned = call(k_dpo, "PATCH", "/api/v1/processing-activities/" + id,
                      json::serialize(json::object{{"owner", me.at("id")}}), "\"v2\"");
    ASSERT_EQ(owned.status, 200) << owned.body;
    auto approved = call(k_dpo, "POST", "/api/v1/processing-activities/" + id + "/status", R"({"status": "approved"})", "\"v3\"");
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(object(approved).at("status").as_string(), "approved");
    EXPECT_EQ(object(call(k_dpo, "GET", "/api/v1/processing-activities/" + id + "/versions")).at("items").as_array().size(), 4u);

    auto exposure = call(k_dpo, "GET", "/api/v1/suppliers/" + vendor_id + "/exposure");
    ASSERT_EQ(exposure.status, 200) << exposure.body;
    auto exposed = object(exposure);
    ASSERT_EQ(exposed.at("organisations").as_array().size(), 1u);
    EXPECT_EQ(exposed.at("organisations").as_array()[0].at("org").as_string(), m_social);
    EXPECT_EQ(exposed.at("data"), (json::array{"health", "name"}));
    // The supplier's breach opened where it exposes: one case, linked to the activity.
    auto opened = call(k_dpo, "POST", "/api/v1/suppliers/" + vendor_id + "/incidents",
                       R"({"title": "Intrång hos Omsorgssystem AB", "what_happened": "unauthorised_access"})");
    ASSERT_EQ(opened.status, 201) << opened.body;
    auto cases = object(opened).at("incidents").as_array();
    ASSERT_EQ(cases.size(), 1u);
    EXPECT_EQ(cases[0].at("org").as_string(), m_social);
    EXPECT_NE(opened.body.find(id), std::string::npos) << "the activity is linked: " << opened.body;
    EXPECT_EQ(field(call(k_dpo, "POST", "/api/v1/suppliers/" + vendor_id + "/incidents", R"({"title": "X", "org": "y"})")), "org");
    // The register as IMY asks to see it: the document model, and a row per activity.
    auto document = call(k_dpo, "GET", "/api/v1/organisations/" + m_social + "/register?format=json");
    ASSERT_EQ(document.status, 200) << document.body;
    EXPECT_EQ(object(document).at("kind").as_string(), "processing-register");
    EXPECT_NE(document.body.find("Dokumentation i hemtjänsten"), std::string::npos);
    EXPECT_NE(document.body.find("6.1 c rättslig förpliktelse"), std::string::npos) << "the legal basis in words";
    auto csv = call(k_dpo, "GET", "/api/v1/organisations/" + m_social + "/register?format=csv&language=en");
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find("Dokumentation i hemtjänsten"), std::string::npos);
    EXPECT_NE(csv.body.find("Processing activity"), std::string::npos) << "English headers";
    auto pdf = call(k_dpo, "GET", "/api/v1/organisations/" + m_social + "/register?format=pdf");
    EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
    EXPECT_EQ(call(k_dpo, "GET", "/api/v1/organisations/" + m_social + "/register?format=xlsx").body.substr(0, 2), "PK");
    EXPECT_EQ(field(call(k_dpo, "GET", "/api/v1/organisations/" + m_social + "/register?format=docx")), "format");
    EXPECT_EQ(call("other@example.se", "GET", "/api/v1/organisations/" + m_social + "/register").status, 404);
    // The school's handler is not the social services': it sees no organisation exposed.
    auto narrow = object(call("handler@example.se", "GET", "/api/v1/suppliers/" + vendor_id + "/exposure"));
    EXPECT_TRUE(narrow.at("organisations").as_array().empty());
}

} // namespace
