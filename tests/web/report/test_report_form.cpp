// The reporting e-service's form (issue 12): the unit decides the organisation and no
// organisation is a silent default; a date alone is an answer and nothing typed is dropped; plain
// words beside IMY's terms; only what an employee can answer, the rest on the handler's form; the
// API's report with the unit alone and a date alone.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>

#include "app/app.hpp"
#include "domain/incident.hpp"
#include "web/i18n.hpp"
#include "web/site_harness.hpp"

namespace {

using namespace skydda;
using namespace skydda::test;
namespace json = boost::json;

Instant at(int y, int mo, int d, int h, int mi = 0) {
    using namespace std::chrono;
    return sys_days{year{y} / month{static_cast<unsigned>(mo)} / day{static_cast<unsigned>(d)}} + hours{h} + minutes{mi};
}

bool has(const std::string& html, std::string_view text) { return html.find(text) != std::string::npos; }

// The <select name="unit"> of the page, or "".
std::string unit_select(const std::string& html) {
    auto start = html.find("name=\"unit\"");
    if (start == std::string::npos) return {};
    start = html.rfind("<select", start);
    return html.substr(start, html.find("</select>", start) - start);
}

class ReportFormTest : public SiteTest {
protected:
    ReportFormTest() : SiteTest(at(2026, 3, 10, 9)) {} // 10:00 CET

    void seed() override {
        m_school = m_app->add_organisation(nullptr, {.name = "Barn- och utbildningsnämnden"}).value();
        m_social = m_app->add_organisation(nullptr, {.name = "Socialnämnden"}).value();
        m_school_unit = m_app->add_unit(nullptr, m_school, "Björkskolan").value();
        m_social_unit = m_app->add_unit(nullptr, m_social, "Hemtjänsten").value();
        // Anna works for both nämnder, Sven for the school only.
        m_ids["anna@example.se"] = add_user(m_school, "anna@example.se", "Anna Rapportör", "reporter");
        ASSERT_TRUE(m_app->add_user(nullptr, m_social, "anna@example.se", "Anna Rapportör", "reporter", std::nullopt));
        m_ids["sven@example.se"] = add_user(m_school, "sven@example.se", "Sven Rapportör", "reporter");
        m_ids["hugo@example.se"] = add_user(m_school, "hugo@example.se", "Hugo Handläggare", "handler");
        m_ids["hilda@example.se"] = add_user(m_social, "hilda@example.se", "Hilda Handläggare", "handler");
    }

    Fields basic(std::string title = "E-post till fel vårdnadshavare") {
        return {{"title", std::move(title)}, {"what_happened", "misdirected_communication"}, {"data", "name"}};
    }

    Fields with(Fields fields, const Fields& more) {
        fields.insert(fields.end(), more.begin(), more.end());
        return fields;
    }

    // Sends the report; returns the stored incident.
    domain::Incident submit(const Session& session, const Fields& fields, std::string_view reader_email) {
        auto response = post("/report/submit", fields, session);
        EXPECT_EQ(response.status, 303) << response.body.substr(0, 3000);
        auto id = header_value(response, "Location").substr(std::string("/report/receipt/").size());
        auto reader = m_app->load_actor(user_id(reader_email)).value();
        return m_app->get_incident(reader, id).value();
    }

    std::string user_id(std::string_view email) { return m_ids[std::string(email)]; }

    http::Response api(std::string method, std::string target, std::string body, const std::string& token) {
        http::Request request;
        request.method = std::move(method);
        request.target = target;
        request.path = target;
        request.headers["authorization"] = "Bearer " + token;
        if (!body.empty()) request.headers["content-type"] = "application/json";
        request.body = std::move(body);
        request.remote_address = "127.0.0.1";
        return m_site->handle(request);
    }

    std::string token(std::string_view email) { return m_app->create_api_token(nullptr, email).value(); }

    std::string m_school, m_social, m_school_unit, m_social_unit;
    std::map<std::string, std::string> m_ids;
};

// --- the organisation follows from the unit -------------------------------------------------

TEST_F(ReportFormTest, MultiOrganisationReporterGetsNoSilentDefault) {
    auto anna = login("anna@example.se");
    auto form = send("GET", "/report", {}, &anna);
    ASSERT_EQ(form.status, 200);
    // No organisation select whose first option the browser would send unasked.
    EXPECT_FALSE(has(form.body, "name=\"org\"")) << "an organisation is chosen apart from the unit";
    auto select = unit_select(form.body);
    ASSERT_FALSE(select.empty());
    // The units of both organisations, grouped, each group with "another unit or don't know".
    EXPECT_TRUE(has(select, "<optgroup label=\"Barn- och utbildningsnämnden\">"));
    EXPECT_TRUE(has(select, "<optgroup label=\"Socialnämnden\">"));
    EXPECT_TRUE(has(select, ">Björkskolan<"));
    EXPECT_TRUE(has(select, ">Hemtjänsten<"));
    EXPECT_TRUE(has(select, "value=\"org:" + m_social + "\""));
    EXPECT_TRUE(has(select, "Annan enhet eller vet inte (Socialnämnden)"));
    // Nothing chosen beforehand.
    EXPECT_TRUE(has(select, "<option value=\"\" selected>Välj enhet</option>")) << select;

    // Sending without choosing is an error naming the unit box, not a report in the first nämnd.
    auto unchosen = post("/report/check", basic(), anna);
    EXPECT_EQ(unchosen.status, 400);
    EXPECT_TRUE(has(unchosen.body, "href=\"#field-unit\""));
    EXPECT_TRUE(has(unchosen.body, "Välj enheten där det hände"));
    auto not_sent = post("/report/submit", basic(), anna);
    EXPECT_EQ(not_sent.status, 400);
}

TEST_F(ReportFormTest, TheUnitDecidesTheOrganisationAndItsNameIsShown) {
    auto anna = login("anna@example.se");
    auto check = post("/report/check", with(basic(), {{"unit", m_social_unit}}), anna);
    ASSERT_EQ(check.status, 200) << check.body.substr(0, 2000);
    EXPECT_TRUE(has(check.body, "<dd>Socialnämnden</dd>"));
    EXPECT_TRUE(has(check.body, "Hemtjänsten"));
    auto incident = submit(anna, with(basic(), {{"unit", m_social_unit}}), "hilda@example.se");
    EXPECT_EQ(incident.org_id, m_social);
    EXPECT_EQ(incident.facts.unit_id, m_social_unit);

    // "Another unit, or don't know" in an organisation: the organisation, no unit.
    auto other = submit(anna, with(basic(), {{"unit", "org:" + m_school}}), "hugo@example.se");
    EXPECT_EQ(other.org_id, m_school);
    EXPECT_TRUE(other.facts.unit_id.empty());

    // A unit that does not belong to the organisation named beside it is refused.
    auto mixed = post("/report/check", with(basic(), {{"unit", m_social_unit}, {"org", m_school}}), anna);
    EXPECT_EQ(mixed.status, 400);
    EXPECT_TRUE(has(mixed.body, "href=\"#field-unit\""));
    // "Ändra" brings the choice back.
    auto change = post("/report", with(basic(), {{"unit", "org:" + m_school}}), anna);
    EXPECT_TRUE(has(unit_select(change.body), "value=\"org:" + m_school + "\" selected"));
}

TEST_F(ReportFormTest, SingleOrganisationReporterSeesItsName) {
    auto sven = login("sven@example.se");
    auto form = send("GET", "/report", {}, &sven);
    EXPECT_TRUE(has(form.body, "Du rapporterar för <strong>Barn- och utbildningsnämnden</strong>"));
    EXPECT_TRUE(has(unit_select(form.body), "<option value=\"\">Annan enhet eller vet inte</option>"));
    auto incident = submit(sven, basic(), "hugo@example.se"); // no unit: the one organisation, shown
    EXPECT_EQ(incident.org_id, m_school);
}

// --- dates ------------------------------------------------------------------------------------

TEST_F(ReportFormTest, TimesAreTextBoxesSoNothingTypedIsDropped) {
    auto sven = login("sven@example.se");
    auto form = send("GET", "/report", {}, &sven);
    // A browser's date-time picker sends "" for a half-typed value: none on the form.
    EXPECT_FALSE(has(form.body, "type=\"datetime-local\""));
    EXPECT_TRUE(has(form.body, "name=\"discovered_at.date\""));
    EXPECT_TRUE(has(form.body, "name=\"discovered_at.time\""));
    EXPECT_TRUE(has(form.body, "Skriv datum som 2026-12-01 och tid som 14:30"));
}

TEST_F(ReportFormTest, ADateAloneIsAnAnswerAndTheClockRunsFromTheStartOfThatDay) {
    auto sven = login("sven@example.se");
    auto fields = with(basic(), {{"discovered_at.date", "2026-03-09"}, {"discovered_at.time", ""}});
    auto check = post("/report/check", fields, sven);
    ASSERT_EQ(check.status, 200) << check.body.substr(0, 3000);
    EXPECT_TRUE(has(check.body, "2026-03-09, tid okänd"));
    auto incident = submit(sven, fields, "hugo@example.se");
    ASSERT_TRUE(incident.facts.discovered_at);
    EXPECT_EQ(*incident.facts.discovered_at, at(2026, 3, 8, 23)); // 00:00 CET on 9 March
    EXPECT_TRUE(domain::time_unknown(incident.facts, "discovered_at"));
    // Kännedom, unknown, is the discovery: the earliest moment of that day, never later.
    auto awareness = domain::awareness_of(incident);
    EXPECT_EQ(awareness.at, at(2026, 3, 8, 23));
    EXPECT_EQ(awareness.source, domain::AwarenessSource::discovered);

    // The case page says the time is unknown.
    auto hugo = login("hugo@example.se");
    auto page = send("GET", "/cases/" + incident.id, {}, &hugo);
    EXPECT_TRUE(has(page.body, "2026-03-09, tid okänd"));
    // The handler's facts form shows the date with the time empty, and saving it as it is keeps it so.
    auto edit = send("GET", "/cases/" + incident.id + "/edit", {}, &hugo);
    EXPECT_TRUE(has(edit.body, "name=\"discovered_at.date\" value=\"2026-03-09\""));
    EXPECT_TRUE(has(edit.body, "name=\"discovered_at.time\" value=\"\""));
}

TEST_F(ReportFormTest, ADateAndATimeAreOneInstant) {
    auto sven = login("sven@example.se");
    auto incident = submit(sven, with(basic(), {{"discovered_at.date", "2026-3-9"}, {"discovered_at.time", "14.30"},
                                                {"occurred_at.date", "2026-03-09 08:05"}}),
                           "hugo@example.se");
    EXPECT_EQ(incident.facts.discovered_at, at(2026, 3, 9, 13, 30));
    EXPECT_EQ(incident.facts.occurred_at, at(2026, 3, 9, 7, 5)); // date and time typed in the date box
    EXPECT_TRUE(incident.facts.time_unknown.empty());
}

TEST_F(ReportFormTest, HalfTypedDatesAndTimesAreErrorsThatSayWhatToType) {
    auto sven = login("sven@example.se");
    struct Case {
        Fields fields;
        std::string link, message;
    };
    const Case cases[] = {
        {{{"discovered_at.date", "2026-03-"}}, "#field-discovered-at", "skriv datum som 2026-12-01"},
        {{{"discovered_at.date", "9 mars"}}, "#field-discovered-at", "skriv datum som 2026-12-01"},
        {{{"discovered_at.date", "2026-02-30"}}, "#field-discovered-at", "skriv datum som 2026-12-01"},
        {{{"discovered_at.date", "2026-03-09"}, {"discovered_at.time", "14:3"}}, "#field-discovered-at-time",
         "skriv tid som 14:30"},
        {{{"discovered_at.date", "2026-03-09"}, {"discovered_at.time", "25:00"}}, "#field-discovered-at-time",
         "skriv tid som 14:30"},
        {{{"discovered_at.time", "14:30"}}, "#field-discovered-at", "du har skrivit en tid men inget datum"},
        {{{"discovered_at.date", "2026-03-11"}}, "#field-discovered-at", "tiden har inte varit än"},
        {{{"occurred_at.date", "2026-03-09"}, {"discovered_at.date", "2026-03-08"}}, "#field-discovered-at",
         "kan inte vara före när incidenten inträffade"},
    };
    for (const auto& c : cases) {
        auto response = post("/report/check", with(basic(), c.fields), sven);
        EXPECT_EQ(response.status, 400) << c.link << " " << c.message;
        EXPECT_TRUE(has(response.body, "href=\"" + c.link + "\"")) << c.message;
        EXPECT_TRUE(has(response.body, c.message)) << c.message;
        // What was typed is shown again, to be corrected.
        for (const auto& [name, value] : c.fields)
            EXPECT_TRUE(has(response.body, "name=\"" + name + "\" value=\"" + value + "\"")) << name << "=" << value;
    }
    // A date alone the same day as a known occurrence time is in order (to the day).
    auto same_day = post("/report/check",
                         with(basic(), {{"occurred_at.date", "2026-03-09"}, {"occurred_at.time", "14:00"},
                                        {"discovered_at.date", "2026-03-09"}}),
                         sven);
    EXPECT_EQ(same_day.status, 200) << same_day.body.substr(0, 2000);
}

TEST_F(ReportFormTest, ErrorsInEnglishSayWhatToTypeToo) {
    auto sven = login("sven@example.se");
    auto response = send("POST", "/report/check",
                         form_encode(with(basic(), {{"discovered_at.date", "2026-03-"}, {"csrf", sven.csrf}})), &sven,
                         "application/x-www-form-urlencoded", std::string(web::k_lang_cookie) + "=en");
    EXPECT_EQ(response.status, 400);
    EXPECT_TRUE(has(response.body, "write the date as 2026-12-01"));
}

// --- what the reporter is asked -------------------------------------------------------------

TEST_F(ReportFormTest, PlainWordsStandBesideImysTerms) {
    auto sven = login("sven@example.se");
    auto form = send("GET", "/report", {}, &sven);
    EXPECT_TRUE(has(form.body, "Obehörigt röjande genom felaktigt utskick av mejl/brev/sms <span class=\"plain\">– något "
                               "skickades till fel person</span>"));
    EXPECT_TRUE(has(form.body, "Antagonistiskt angrepp: Angrepp utifrån <span class=\"plain\">– någon utanför"));
    EXPECT_TRUE(has(form.body, "En utomstående eller registrerad informerade oss <span class=\"plain\">"));
    auto english = send("GET", "/report", {}, &sven, "", std::string(web::k_lang_cookie) + "=en");
    EXPECT_TRUE(has(english.body, "<span class=\"plain\">– something was sent to the wrong person</span>"));
    auto questions = send("GET", "/report/questions");
    EXPECT_TRUE(has(questions.body, "<span class=\"plain\">– någon gjorde ett misstag, en gång</span>"));
}

TEST_F(ReportFormTest, TheReporterIsAskedOnlyWhatAnEmployeeCanAnswer) {
    auto sven = login("sven@example.se");
    auto form = send("GET", "/report", {}, &sven);
    for (std::string_view name : {"aware_at.date", "records", "effects.confidentiality", "effects.integrity",
                                  "effects.availability", "recipients", "recipient_trusted", "consequences",
                                  "processor_involved", "processor_name"})
        EXPECT_FALSE(has(form.body, "name=\"" + std::string(name) + "\"")) << name << " is asked of the reporter";
    for (std::string_view name : {"title", "description", "what_happened", "cause", "discovered_by", "occurred_at.date",
                                  "discovered_at.date", "ended_at.date", "data", "subjects.count", "subjects.groups",
                                  "measures"})
        EXPECT_TRUE(has(form.body, "name=\"" + std::string(name) + "\"")) << name << " is not asked";
    auto questions = send("GET", "/report/questions");
    EXPECT_FALSE(has(questions.body, "Är mottagaren pålitlig"));

    // Such an answer sent anyway (a script, an older form) is kept, not dropped.
    auto fields = with(basic(), {{"recipient_trusted", "yes"}, {"records", "12"}});
    auto change = post("/report", fields, sven);
    EXPECT_TRUE(has(change.body, "<input type=\"hidden\" name=\"recipient_trusted\" value=\"yes\">"));
    auto incident = submit(sven, fields, "hugo@example.se");
    EXPECT_EQ(incident.facts.recipient_trusted, true);
    EXPECT_EQ(incident.facts.records, 12);

    // The handler's facts form asks them.
    auto hugo = login("hugo@example.se");
    auto edit = send("GET", "/cases/" + incident.id + "/edit", {}, &hugo);
    for (std::string_view name : {"aware_at.date", "records", "effects.confidentiality", "recipient_trusted",
                                  "consequences", "processor_involved"})
        EXPECT_TRUE(has(edit.body, "name=\"" + std::string(name) + "\"")) << name << " is not on the handler's form";
}

// --- the API ------------------------------------------------------------------------------------

TEST_F(ReportFormTest, ApiTakesTheOrganisationFromTheUnitAndADateAlone) {
    auto anna = token("anna@example.se");
    auto created = api("POST", "/api/v1/incidents",
                       json::serialize(json::object{{"title", "Stulen dator"},
                                                    {"unit", m_social_unit},
                                                    {"discovered_at", "2026-03-09"},
                                                    {"recipient_trusted", false},
                                                    {"effects", json::object{{"confidentiality", "exposed"}}}}),
                       anna);
    ASSERT_EQ(created.status, 201) << created.body;
    auto body = json::parse(created.body).as_object();
    EXPECT_EQ(body.at("org").as_string(), m_social);
    EXPECT_EQ(body.at("discovered_at").as_string(), "2026-03-09T00:00:00+01:00");
    EXPECT_EQ(json::serialize(body.at("time_unknown")), R"(["discovered_at"])");
    EXPECT_EQ(body.at("clock").as_object().at("aware_at").as_string(), "2026-03-09T00:00:00+01:00");
    EXPECT_EQ(body.at("recipient_trusted").as_bool(), false); // the handler's fields are still taken
    EXPECT_EQ(body.at("effects").as_object().at("confidentiality").as_string(), "exposed");

    // No organisation and no unit: 400 naming the organisation, never a default.
    auto none = api("POST", "/api/v1/incidents", R"({"title":"Utan organisation"})", anna);
    EXPECT_EQ(none.status, 400);
    EXPECT_EQ(json::parse(none.body).at("error").at("field").as_string(), "org");
    // A unit of an organisation the caller does not belong to.
    auto sven = token("sven@example.se");
    auto foreign = api("POST", "/api/v1/incidents", json::serialize(json::object{{"title", "X"}, {"unit", m_social_unit}}), sven);
    EXPECT_EQ(foreign.status, 400);
    EXPECT_EQ(json::parse(foreign.body).at("error").at("field").as_string(), "unit");

    // time_unknown with a time of day that is not the start of the day: refused, naming the time.
    auto contradiction = api("POST", "/api/v1/incidents",
                             json::serialize(json::object{{"title", "X"}, {"org", m_school},
                                                          {"discovered_at", "2026-03-09T14:00:00+01:00"},
                                                          {"time_unknown", json::array{"discovered_at"}}}),
                             anna);
    EXPECT_EQ(contradiction.status, 400);
    EXPECT_EQ(json::parse(contradiction.body).at("error").at("field").as_string(), "discovered_at");

    // PATCH giving the time of day: no longer "time unknown".
    auto hilda = token("hilda@example.se");
    std::string id(body.at("id").as_string());
    auto patched = api("PATCH", "/api/v1/incidents/" + id,
                       R"({"discovered_at":"2026-03-09T07:15:00+01:00","aware_reason":"Rapportören mindes tiden"})", hilda);
    ASSERT_EQ(patched.status, 200) << patched.body;
    auto after = json::parse(patched.body).as_object();
    EXPECT_FALSE(after.contains("time_unknown"));
    EXPECT_EQ(after.at("discovered_at").as_string(), "2026-03-09T07:15:00+01:00");
}

} // namespace
