// GET /api/v1/incidents as the case register (issue 14): the answer's shape, following
// next_cursor to the end, every parameter checked (400 naming it), and the /cases page's
// filters, search and paging without JavaScript.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "web/site_harness.hpp"

namespace {

using namespace skydda;
using namespace skydda::test;
namespace json = boost::json;

Instant at(int y, int mo, int d, int h) {
    using namespace std::chrono;
    return sys_days{year{y} / month{static_cast<unsigned>(mo)} / day{static_cast<unsigned>(d)}} + hours{h};
}

class CaseRegisterApi : public SiteTest {
protected:
    CaseRegisterApi() : SiteTest(at(2026, 11, 30, 8)) {}

    void seed() override {
        m_org = *m_app->add_organisation(nullptr, {.name = "Utbildningsnämnden", .orgnr = "212000-0001"});
        m_other = *m_app->add_organisation(nullptr, {.name = "Socialnämnden", .orgnr = "212000-0002"});
        m_ids["reporter"] = add_user(m_org, "reporter@example.se", "Rut Rapportör", "reporter");
        m_ids["dpo"] = add_user(m_org, "dpo@example.se", "Dora Dataskydd", "dpo");
        ASSERT_TRUE(m_app->add_user(nullptr, m_other, "dpo@example.se", "Dora Dataskydd", "dpo", std::nullopt));
        m_ids["other"] = add_user(m_other, "other@example.se", "Olle Annan", "reporter");
        auto reporter = *m_app->load_actor(m_ids["reporter"]);
        for (int i = 0; i < 12; ++i) {
            domain::IncidentFacts f;
            f.title = i % 3 == 0 ? "Stulen dator " + std::to_string(i) : "Mejl till fel mottagare " + std::to_string(i);
            f.what_happened = i % 3 == 0 ? "loss" : "misdirected_communication";
            f.aware_at = m_clock.now() - std::chrono::hours(i * 5);
            ASSERT_TRUE(m_app->report_incident(reporter, m_org, f));
            m_clock.advance(std::chrono::minutes(3));
        }
        domain::IncidentFacts theirs;
        theirs.title = "Stulen dator i socialtjänsten";
        theirs.what_happened = "loss";
        ASSERT_TRUE(m_app->report_incident(*m_app->load_actor(m_ids["other"]), m_other, theirs));
    }

    json::object get_json(const Session& session, const std::string& target, int status = 200) {
        auto response = send("GET", target, {}, &session);
        EXPECT_EQ(response.status, status) << target << ": " << response.body;
        auto parsed = json::parse(response.body);
        return parsed.is_object() ? parsed.as_object() : json::object{};
    }

    std::string m_org, m_other;
    std::map<std::string, std::string> m_ids;
};

TEST_F(CaseRegisterApi, AnswersItemsNextCursorAndTotalAndTheCursorReachesEveryCase) {
    auto dpo = login("dpo@example.se");
    auto first = get_json(dpo, "/api/v1/incidents?org=" + m_org + "&limit=5");
    EXPECT_EQ(first.at("total").as_int64(), 12);
    EXPECT_EQ(first.at("items").as_array().size(), 5u);
    ASSERT_TRUE(first.at("next_cursor").is_string());
    std::set<std::string> seen;
    auto page = first;
    for (int n = 0; n < 10; ++n) {
        for (const auto& item : page.at("items").as_array()) EXPECT_TRUE(seen.insert(std::string(item.at("id").as_string())).second);
        if (page.at("next_cursor").is_null()) break;
        page = get_json(dpo, "/api/v1/incidents?org=" + m_org + "&limit=5&cursor=" +
                                 http::percent_encode(page.at("next_cursor").as_string()));
    }
    EXPECT_EQ(seen.size(), 12u);
    // The default page is 50; the DPO of both nämnder sees both without `org`.
    auto all = get_json(dpo, "/api/v1/incidents");
    EXPECT_EQ(all.at("total").as_int64(), 13);
    EXPECT_TRUE(all.at("next_cursor").is_null());
    // Search and filters in the query string.
    EXPECT_EQ(get_json(dpo, "/api/v1/incidents?q=datorer&org=" + m_org).at("total").as_int64(), 4);
    EXPECT_EQ(get_json(dpo, "/api/v1/incidents?what_happened=loss&org=" + m_org).at("total").as_int64(), 4);
    auto found = get_json(dpo, "/api/v1/incidents?q=datorer&what_happened=loss&org=" + m_org);
    EXPECT_EQ(found.at("total").as_int64(), 4);
    for (const auto& item : found.at("items").as_array())
        EXPECT_NE(std::string(item.at("title").as_string()).find("dator"), std::string::npos);
    auto by_number = get_json(dpo, "/api/v1/incidents?sort=case_number&limit=1&org=" + m_org);
    EXPECT_EQ(by_number.at("items").as_array().at(0).at("title").as_string(), "Stulen dator 0");
}

TEST_F(CaseRegisterApi, AnUnknownParameterOrABadValueIs400NamingIt) {
    auto dpo = login("dpo@example.se");
    for (auto [query, field] : std::vector<std::pair<std::string, std::string>>{
             {"colour=red", "colour"},
             {"limit=0", "limit"},
             {"limit=501", "limit"},
             {"limit=ten", "limit"},
             {"open=yes", "open"},
             {"notified=1", "notified"},
             {"overdue=false", "overdue"},
             {"risk=medium", "risk"},
             {"what_happened=fire", "what_happened"},
             {"cause=bad_luck", "cause"},
             {"aware_from=yesterday", "aware_from"},
             {"reported_to=2026-13-01", "reported_to"},
             {"sort=title", "sort"},
             {"status=open", "status"},
             {"cursor=abc", "cursor"},
             {"org=x&org=y", "org"},
         }) {
        auto answer = get_json(dpo, "/api/v1/incidents?" + query, 400);
        EXPECT_EQ(answer.at("error").at("field").as_string(), field) << query;
    }
}

TEST_F(CaseRegisterApi, TheExportHasEveryMatchingCaseAsCsvOrXlsxAndIsAudited) {
    auto dpo = login("dpo@example.se");
    auto csv = send("GET", "/api/v1/incidents/export?format=csv&what_happened=loss&org=" + m_org, {}, &dpo);
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(header_value(csv, "Content-Type"), "text/csv; charset=utf-8");
    EXPECT_NE(header_value(csv, "Content-Disposition").find("attachment; filename=\"arenden-2026-"), std::string::npos);
    EXPECT_EQ(header_value(csv, "Cache-Control"), "no-store");
    EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
    size_t lines = 0;
    for (char c : csv.body) lines += c == '\n';
    EXPECT_EQ(lines, 5u) << "the header and the four cases: " << csv.body;
    EXPECT_NE(csv.body.find("Diarienummer;Organisation;Enhet;Rubrik;Status"), std::string::npos);
    EXPECT_NE(csv.body.find("Stulen dator 9"), std::string::npos);
    EXPECT_EQ(csv.body.find("socialtjänsten"), std::string::npos) << "only the chosen organisation";
    auto english = send("GET", "/api/v1/incidents/export?lang=en&org=" + m_org, {}, &dpo);
    EXPECT_NE(english.body.find("Case number;Organisation;Unit;Title;Status"), std::string::npos);
    auto xlsx = send("GET", "/api/v1/incidents/export?format=xlsx", {}, &dpo);
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
    EXPECT_EQ(send("GET", "/api/v1/incidents/export?format=pdf", {}, &dpo).status, 400);
    EXPECT_EQ(send("GET", "/api/v1/incidents/export?colour=red", {}, &dpo).status, 400);
    // A reporter exports only their own reports.
    auto reporter = login("reporter@example.se");
    auto own = send("GET", "/api/v1/incidents/export", {}, &reporter);
    ASSERT_EQ(own.status, 200);
    EXPECT_EQ(own.body.find("socialtjänsten"), std::string::npos);
    m_app->flush_audit();
    bool audited = false;
    auto trail = storage::transact_value<std::vector<storage::Row>>(*m_db, storage::TxMode::read, [](storage::Connection& db) {
        return db.query("SELECT after_json FROM audit_log WHERE action = 'incident.list.export'");
    });
    ASSERT_TRUE(trail);
    for (const auto& row : *trail) audited = audited || row.text(0).find("\"format\":\"csv\"") != std::string::npos;
    EXPECT_TRUE(audited);
}

TEST_F(CaseRegisterApi, StatisticsAnswerTheCountsAndThePageDrawsThemWithTheirTables) {
    auto dpo = login("dpo@example.se");
    auto stats = get_json(dpo, "/api/v1/statistics?org=" + m_org);
    EXPECT_EQ(stats.at("total").as_int64(), 12);
    EXPECT_EQ(stats.at("by_what_happened").at("loss").as_int64(), 4);
    EXPECT_EQ(stats.at("by_what_happened").at("misdirected_communication").as_int64(), 8);
    EXPECT_EQ(stats.at("by_risk").at("undecided").as_int64(), 12);
    EXPECT_TRUE(stats.at("notified_within_72h_share").is_null()) << "no notification: no share";
    EXPECT_EQ(get_json(dpo, "/api/v1/statistics?org=all").at("total").as_int64(), 13);
    EXPECT_EQ(get_json(dpo, "/api/v1/statistics?from=2027-01-01").at("total").as_int64(), 0);
    EXPECT_EQ(get_json(dpo, "/api/v1/statistics?colour=red", 400).at("error").at("field").as_string(), "colour");
    EXPECT_EQ(get_json(dpo, "/api/v1/statistics?from=igår", 400).at("error").at("field").as_string(), "from");
    auto reporter = login("reporter@example.se");
    EXPECT_EQ(send("GET", "/api/v1/statistics", {}, &reporter).status, 403);

    auto page = send("GET", "/statistics?org=" + m_org + "&from=2026-01-01&to=2026-12-31", {}, &dpo);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find(R"(<svg role="img")"), std::string::npos);
    EXPECT_NE(page.body.find("Vad hände (IMY:s kategorier)"), std::string::npos);
    EXPECT_TRUE(std::regex_search(page.body, std::regex(R"(<th [^>]*scope="row">2026-11</th><td[^>]*>12</td>)")))
        << "the chart's table";
    expect_clean_page(page.body, "statistics", std::regex(R"(>\s*(stats|cases)\.[a-z_.]+)"));
    auto wrong = send("GET", "/statistics?from=2026-12-31&to=2026-01-01", {}, &dpo);
    EXPECT_EQ(wrong.status, 400);
    EXPECT_NE(wrong.body.find(R"(href="#field-to")"), std::string::npos);
    expect_anchors_land(wrong.body, "statistics-wrong-order");
    EXPECT_EQ(send("GET", "/statistics", {}, &reporter).status, 403);
}

TEST_F(CaseRegisterApi, APersonSavesAViewUnderANameAndOnlyTheySeeIt) {
    auto dpo = login("dpo@example.se");
    auto page = send("GET", "/cases?q=dator&open=true", {}, &dpo);
    EXPECT_NE(page.body.find(R"(<input type="hidden" name="query" value="q=dator&amp;open=true">)"), std::string::npos);
    auto saved = post("/cases/views", {{"query", "q=dator&open=true"}, {"view_name", "Datorer, öppna"}}, dpo);
    ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 1000);
    EXPECT_EQ(header_value(saved, "Location"), "/cases?q=dator&open=true");
    auto list = send("GET", "/cases", {}, &dpo);
    EXPECT_NE(list.body.find(R"(<a href="/cases?q=dator&amp;open=true">Datorer, öppna</a>)"), std::string::npos);
    // A nameless view is an error on the page, linked to the name box; a query the list does not
    // take is refused.
    auto nameless = post("/cases/views", {{"query", "q=dator"}, {"view_name", "  "}}, dpo);
    EXPECT_EQ(nameless.status, 400);
    EXPECT_NE(nameless.body.find(R"(href="#field-view-name")"), std::string::npos);
    expect_anchors_land(nameless.body, "view-nameless");
    EXPECT_EQ(post("/cases/views", {{"query", "risk=medium"}, {"view_name", "Fel"}}, dpo).status, 400);
    EXPECT_EQ(post("/cases/views", {{"query", "q=dator"}, {"view_name", "Utan token"}}, dpo, false).status, 403);
    // Another person sees none of it and cannot delete it.
    ASSERT_TRUE(m_app->add_user(nullptr, m_org, "dpo2@example.se", "Dag Dataskydd", "dpo", std::string(k_password)));
    auto other = login("dpo2@example.se");
    EXPECT_EQ(send("GET", "/cases", {}, &other).body.find("Datorer, öppna"), std::string::npos);
    auto views = m_app->saved_views(*m_app->load_actor(m_ids["dpo"]));
    ASSERT_TRUE(views);
    ASSERT_EQ(views->size(), 1u);
    EXPECT_EQ(post("/cases/views/" + views->front().id + "/delete", {}, other).status, 404);
    EXPECT_EQ(post("/cases/views/" + views->front().id + "/delete", {}, dpo).status, 303);
    EXPECT_EQ(send("GET", "/cases", {}, &dpo).body.find("Datorer, öppna"), std::string::npos);
}

TEST_F(CaseRegisterApi, TheCasesPageFiltersSearchesAndPagesWithoutJavaScript) {
    auto dpo = login("dpo@example.se");
    auto page = send("GET", "/cases?q=dator&org=" + m_org, {}, &dpo);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find(R"(name="q" value="dator")"), std::string::npos) << "the search box keeps the words";
    EXPECT_NE(page.body.find("Stulen dator 3"), std::string::npos);
    EXPECT_EQ(page.body.find("Mejl till fel mottagare"), std::string::npos);
    EXPECT_EQ(page.body.find("socialtjänsten"), std::string::npos) << "only the chosen nämnd";
    EXPECT_NE(page.body.find("4 ärenden"), std::string::npos) << "the count of matches";
    expect_anchors_land(page.body, "cases-search");
    expect_clean_page(page.body, "cases-search", std::regex(R"(>\s*cases\.[a-z_.]+)"));
    // Paging: 12 cases, 5 per page; the next page's link carries the filters and the cursor.
    auto first = send("GET", "/cases?limit=5&org=" + m_org, {}, &dpo);
    ASSERT_EQ(first.status, 200);
    auto marker = std::string(R"(<a rel="next" href=")");
    auto at_next = first.body.find(marker);
    ASSERT_NE(at_next, std::string::npos) << "a link to the next page";
    auto href = first.body.substr(at_next + marker.size());
    href = href.substr(0, href.find('"'));
    for (size_t amp; (amp = href.find("&amp;")) != std::string::npos;) href.replace(amp, 5, "&");
    EXPECT_NE(href.find("cursor="), std::string::npos);
    EXPECT_NE(href.find("limit=5"), std::string::npos);
    auto second = send("GET", href, {}, &dpo);
    EXPECT_EQ(second.status, 200);
    EXPECT_NE(second.body.find("12 ärenden"), std::string::npos);
    // A bad filter is a message on the page, not a lost list.
    auto bad = send("GET", "/cases?aware_from=igår", {}, &dpo);
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("error-summary"), std::string::npos);
    expect_anchors_land(bad.body, "cases-bad-filter");
}

} // namespace

namespace {

http::Response bearer(SiteTest& test, web::Site& site, std::string method, std::string target, std::string body,
                      const std::string& token) {
    (void)test;
    http::Request request;
    request.method = std::move(method);
    request.target = target;
    auto question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string::npos)
        request.query = http::parse_urlencoded(target.substr(question + 1)).value_or(decltype(request.query){});
    request.headers["authorization"] = "Bearer " + token;
    if (!body.empty()) request.headers["content-type"] = "application/json";
    request.body = std::move(body);
    request.remote_address = "127.0.0.1";
    return site.handle(request);
}

} // namespace

// The DPO's annual report: the API's formats and checks, the text written over the API with
// its version, and the page where the DPO writes it and downloads the report, without JavaScript.
TEST_F(CaseRegisterApi, TheAnnualReportIsADocumentAndTheDpoWritesItsText) {
    auto token = *m_app->create_api_token(nullptr, "dpo@example.se");
    auto call = [&](std::string method, std::string target, std::string body = {}) {
        return bearer(*this, *m_site, std::move(method), std::move(target), std::move(body), token);
    };
    auto report = call("GET", "/api/v1/reports/annual?org=" + m_org + "&year=2026");
    ASSERT_EQ(report.status, 200) << report.body;
    auto document = json::parse(report.body).as_object();
    EXPECT_EQ(document.at("kind").as_string(), "annual-report");
    EXPECT_FALSE(document.at("complete").as_bool()) << "the DPO's text is missing";
    auto pdf = call("GET", "/api/v1/reports/annual?org=" + m_org + "&year=2026&format=pdf&language=en");
    EXPECT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
    EXPECT_EQ(header_value(pdf, "Cache-Control"), "no-store");
    for (auto [query, field] : {std::pair{"year=2026", "org"}, {"org=ORG", "year"}, {"org=ORG&year=26", "year"},
                                {"org=ORG&year=2026&format=docx", "format"}, {"org=ORG&year=2026&colour=red", "colour"},
                                {"org=ORG&year=2017", "year"}}) {
        std::string target = "/api/v1/reports/annual?" + std::regex_replace(std::string(query), std::regex("ORG"), m_org);
        auto refused = call("GET", target);
        EXPECT_EQ(refused.status, 400) << target;
        EXPECT_EQ(json::parse(refused.body).at("error").at("field").as_string(), field) << target;
    }
    EXPECT_EQ(call("GET", "/api/v1/reports/annual?org=" + m_other + "&year=2026").status, 200) << "Dora serves both";
    auto outsider = *m_app->create_api_token(nullptr, "other@example.se");
    EXPECT_EQ(bearer(*this, *m_site, "GET", "/api/v1/reports/annual?org=" + m_org + "&year=2026", {}, outsider).status, 404)
        << "another organisation's person learns nothing of this one";

    auto saved = call("PUT", "/api/v1/reports/annual/text",
                      json::serialize(json::object{{"org", m_org}, {"year", 2026}, {"text", "Utbilda i e-post."}, {"version", 0}}));
    ASSERT_EQ(saved.status, 200) << saved.body;
    EXPECT_EQ(json::parse(saved.body).at("version").as_int64(), 1);
    auto stale = call("PUT", "/api/v1/reports/annual/text",
                      json::serialize(json::object{{"org", m_org}, {"year", 2026}, {"text", "Annat"}, {"version", 0}}));
    EXPECT_EQ(stale.status, 409);
    EXPECT_EQ(call("PUT", "/api/v1/reports/annual/text", R"({"org":"x","year":"2026","text":"a"})").status, 400);
    auto text = json::parse(call("GET", "/api/v1/reports/annual/text?org=" + m_org + "&year=2026").body).as_object();
    EXPECT_EQ(text.at("text").as_string(), "Utbilda i e-post.");
    EXPECT_EQ(text.at("updated_by").as_string(), "Dora Dataskydd");
    auto reporter_token = *m_app->create_api_token(nullptr, "reporter@example.se");
    EXPECT_EQ(bearer(*this, *m_site, "PUT", "/api/v1/reports/annual/text",
                     json::serialize(json::object{{"org", m_org}, {"year", 2026}, {"text", "Mitt"}, {"version", 1}}),
                     reporter_token)
                  .status,
              403);

    // The page: the text in its box, the download links, a save that redirects with a notice.
    auto dpo = login("dpo@example.se");
    auto page = send("GET", "/statistics/annual?org=" + m_org + "&year=2026", {}, &dpo);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find(">Utbilda i e-post.</textarea>"), std::string::npos);
    EXPECT_NE(page.body.find("/statistics/annual/document?org=" + m_org + "&amp;year=2026"), std::string::npos);
    expect_clean_page(page.body, "annual-report", std::regex(R"(>\s*(annual|annual_page)\.[a-z_.]+)"));
    auto posted = post("/statistics/annual", {{"org", m_org}, {"year", "2026"}, {"version", "1"}, {"text", "Ny text 19121212-1212."}}, dpo);
    ASSERT_EQ(posted.status, 303) << posted.body.substr(0, 800);
    auto location = header_value(posted, "Location");
    EXPECT_EQ(location, "/statistics/annual?org=" + m_org + "&year=2026&done=saved#done");
    auto after = send("GET", location.substr(0, location.find('#')), {}, &dpo);
    EXPECT_NE(after.body.find("Texten är sparad."), std::string::npos);
    EXPECT_NE(after.body.find("personuppgifter (personnummer)"), std::string::npos) << "the public-record warning";
    auto conflict = post("/statistics/annual", {{"org", m_org}, {"year", "2026"}, {"version", "1"}, {"text", "Gammal"}}, dpo);
    EXPECT_EQ(conflict.status, 409);
    EXPECT_NE(conflict.body.find(R"(href="#field-text")"), std::string::npos);
    expect_anchors_land(conflict.body, "annual-conflict");
    EXPECT_EQ(post("/statistics/annual", {{"org", m_org}, {"year", "2026"}, {"version", "2"}, {"text", "x"}}, dpo, false).status,
              403);
    auto html = send("GET", "/statistics/annual/document?org=" + m_org + "&year=2026&format=html", {}, &dpo);
    EXPECT_EQ(html.status, 200);
    EXPECT_NE(html.body.find("Ny text"), std::string::npos);
    auto reporter = login("reporter@example.se");
    EXPECT_EQ(send("GET", "/statistics/annual", {}, &reporter).status, 403);
}
