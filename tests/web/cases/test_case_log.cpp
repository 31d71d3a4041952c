// Issue 12: the case's history (Logg) readable, and a confirmation after every action. The
// log page in words, each change before → after with field labels, reads folded into "Läst av
// N personer" with a filter, paging newest first, who may see it; the case page's "Senaste
// händelser"; the notices after a POST (only known keys, nothing reflected).
#include <gtest/gtest.h>

#include <regex>

#include "app/assessment/assessments.hpp"
#include "app/cases/case_log.hpp"
#include "storage/audit_log.hpp"
#include "web/site_harness.hpp"

namespace {

using namespace skydda;
using namespace skydda::test;

Instant at(int y, int mo, int d, int h, int mi = 0) {
    using namespace std::chrono;
    return sys_days{year{y} / month{static_cast<unsigned>(mo)} / day{static_cast<unsigned>(d)}} + hours{h} + minutes{mi};
}

size_t count_of(const std::string& text, const std::string& part) {
    size_t n = 0;
    for (auto pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + part.size())) ++n;
    return n;
}

// The href of the first link whose text is `text`.
std::string link_to(const std::string& html, const std::string& text) {
    auto end = html.find(">" + text + "</a>");
    if (end == std::string::npos) return {};
    auto start = html.rfind("href=\"", end);
    if (start == std::string::npos) return {};
    start += 6;
    std::string href = html.substr(start, html.find('"', start) - start);
    for (auto pos = href.find("&amp;"); pos != std::string::npos; pos = href.find("&amp;")) href.replace(pos, 5, "&");
    return href;
}

// Where a redirect leads, as a browser asks for it (without the #fragment).
std::string target_of(const http::Response& response) {
    std::string location(response.header("Location"));
    return location.substr(0, location.find('#'));
}

class CaseLog : public SiteTest {
protected:
    CaseLog() : SiteTest(at(2026, 11, 30, 8)) {}

    void seed() override {
        app::OrganisationInput org{.name = "Utbildningsnämnden", .orgnr = "212000-0001", .address = "Box 1, Staden",
                                   .dpo_name = "Dora", .dpo_email = "dpo@example.se"};
        m_org = *m_app->add_organisation(nullptr, org);
        m_ids["reporter"] = add_user(m_org, "reporter@example.se", "Rebecka Rapportör", "reporter");
        m_ids["registrar"] = add_user(m_org, "registrar@example.se", "Rebecka Registrator", "registrar");
        m_ids["handler"] = add_user(m_org, "handler@example.se", "Hanna Handläggare", "handler");
        m_ids["dpo"] = add_user(m_org, "dpo@example.se", "Dora Dataskyddsombud", "dpo");
        m_ids["auditor"] = add_user(m_org, "auditor@example.se", "Albin Granskare", "auditor");
        app::OrganisationInput other_org{.name = "Socialnämnden", .orgnr = "212000-0002", .address = "Box 2, Staden",
                                         .dpo_name = "Otto", .dpo_email = "otto@example.se"};
        auto other = *m_app->add_organisation(nullptr, other_org);
        m_ids["other"] = add_user(other, "otto@example.se", "Otto Annan", "dpo");
        domain::IncidentFacts f;
        f.title = "Elevers hälsouppgifter till fel vårdnadshavare";
        f.description = "Ett mejl gick till fel vårdnadshavare.";
        f.what_happened = "misdirected_communication";
        f.cause = "human_error";
        f.discovered_at = at(2026, 11, 30, 7);
        f.data = {"name", "health"};
        f.subjects_count = 3;
        f.subject_groups = {"pupils"};
        f.effects.confidentiality = "known_recipients";
        auto incident = m_app->report_incident(as("reporter"), m_org, f);
        ASSERT_TRUE(incident) << incident.error().message;
        m_id = incident->id;
    }

    app::Actor as(const std::string& role) { return *m_app->load_actor(m_ids.at(role)); }
    std::string log_url() const { return "/cases/" + m_id + "/log"; }

    // Registered on the page, kännedom corrected, the number of people raised, assessed.
    void work_the_case() {
        auto registrar = login("registrar@example.se");
        auto page = send("GET", "/cases/" + m_id, {}, &registrar);
        auto registered = post("/cases/" + m_id + "/register",
                               {{"version", input_value(page.body, "version")}, {"aware_at", "2026-11-30T07:00"},
                                {"aware_reason", ""}},
                               registrar);
        ASSERT_EQ(registered.status, 303) << registered.body;
        m_clock.advance(std::chrono::minutes(30));
        auto incident = *m_app->get_incident(as("dpo"), m_id);
        auto facts = incident.facts;
        facts.aware_at = at(2026, 11, 29, 21);
        facts.subjects_count = 5;
        auto updated = m_app->update_facts(as("dpo"), m_id, facts, incident.version, "Rektorn visste redan på kvällen.");
        ASSERT_TRUE(updated) << updated.error().message;
        m_clock.advance(std::chrono::minutes(30));
        auto assessed = app::run_assessment(*m_app, as("dpo"), m_id, {});
        ASSERT_TRUE(assessed) << assessed.error().message;
        m_app->flush_audit();
    }

    std::string m_org, m_id;
    std::map<std::string, std::string> m_ids;
};

TEST_F(CaseLog, SaysWhatHappenedInWordsWithChangesBeforeAndAfter) {
    work_the_case();
    auto dpo = login("dpo@example.se");
    auto log = send("GET", log_url(), {}, &dpo);
    ASSERT_EQ(log.status, 200) << log.body;
    const auto& body = log.body;
    EXPECT_NE(body.find("Rebecka Rapportör rapporterade incidenten"), std::string::npos);
    EXPECT_NE(body.find("Rebecka Registrator registrerade ärendet"), std::string::npos);
    EXPECT_NE(body.find("Dora Dataskyddsombud bedömde risken: "), std::string::npos);
    // Kännedom: the time before and after, and the reason.
    EXPECT_NE(body.find("Dora Dataskyddsombud ändrade kännedom: 2026-11-30 07:00 (CET) → 2026-11-29 22:00 (CET)"),
              std::string::npos)
        << body;
    EXPECT_NE(body.find("Rektorn visste redan på kvällen."), std::string::npos);
    // The facts changed: the field's label, before and after; no JSON keys.
    EXPECT_NE(body.find("Dora Dataskyddsombud ändrade uppgifterna om incidenten"), std::string::npos);
    EXPECT_NE(body.find("<dt>Antal personer</dt><dd><span class=\"visually-hidden\">Före: </span>3 <span aria-hidden=\"true\">→</span>"),
              std::string::npos)
        << body;
    EXPECT_NE(body.find("<dt>Status</dt><dd><span class=\"visually-hidden\">Före: </span>Rapporterad"), std::string::npos);
    EXPECT_EQ(body.find("subjects.count"), std::string::npos);
    EXPECT_EQ(body.find("incident.status"), std::string::npos);
    EXPECT_EQ(body.find("\"facts\""), std::string::npos);
    // Newest first: the assessment above the report.
    EXPECT_LT(body.find("bedömde risken"), body.find("rapporterade incidenten"));
    expect_unique_ids(body, "log");
    expect_clean_page(body, "log", std::regex(R"(>\s*log\.[a-z_.]+)"));
    // English too.
    auto english = send("GET", log_url(), {}, &dpo, "application/x-www-form-urlencoded", "skydda_lang=en");
    EXPECT_NE(english.body.find("Rebecka Registrator registered the case"), std::string::npos) << english.body.substr(0, 400);
}

TEST_F(CaseLog, ReadsAreFoldedAndTheFilterShowsEitherKind) {
    work_the_case();
    auto handler = login("handler@example.se");
    auto dpo = login("dpo@example.se");
    ASSERT_EQ(send("GET", "/cases/" + m_id, {}, &handler).status, 200);
    ASSERT_EQ(send("GET", "/cases/" + m_id, {}, &dpo).status, 200);
    ASSERT_EQ(send("GET", "/cases/" + m_id, {}, &dpo).status, 200);
    m_app->flush_audit();
    auto all = send("GET", log_url(), {}, &dpo).body;
    // The newest line: the reads since the assessment, by the handler and the DPO (and those
    // of the assessment's own page), folded.
    EXPECT_TRUE(std::regex_search(all, std::regex(R"(<details><summary>Läst av [2-9] personer \([0-9]+ läsningar\))"))) << all;
    EXPECT_LT(all.find("<details><summary>Läst av"), all.find("bedömde risken"));
    EXPECT_NE(all.find("Hanna Handläggare öppnade ärendet"), std::string::npos);
    EXPECT_NE(all.find("Dora Dataskyddsombud öppnade ärendet"), std::string::npos);
    // The filter is a GET form with the three choices, the chosen one checked.
    EXPECT_NE(all.find(R"(<form method="get" action="/cases/)" + m_id + "/log\""), std::string::npos);
    EXPECT_NE(all.find(R"(value="all" id="log-filter-all" checked)"), std::string::npos);
    auto changes = send("GET", log_url() + "?filter=changes", {}, &dpo).body;
    EXPECT_EQ(changes.find("Läst av"), std::string::npos);
    EXPECT_EQ(changes.find("öppnade ärendet"), std::string::npos);
    EXPECT_NE(changes.find("registrerade ärendet"), std::string::npos);
    EXPECT_NE(changes.find(R"(value="changes" id="log-filter-changes" checked)"), std::string::npos);
    auto reads = send("GET", log_url() + "?filter=reads", {}, &dpo).body;
    EXPECT_EQ(reads.find("registrerade ärendet"), std::string::npos);
    EXPECT_EQ(reads.find("Läst av"), std::string::npos); // one line per read here
    EXPECT_GE(count_of(reads, "Dora Dataskyddsombud öppnade ärendet"), 2u);
    EXPECT_NE(reads.find("Hanna Handläggare öppnade ärendet"), std::string::npos);
    // An unknown filter is all.
    EXPECT_NE(send("GET", log_url() + "?filter=%3Cb%3E", {}, &dpo).body.find("registrerade ärendet"), std::string::npos);
}

TEST_F(CaseLog, PagesNewestFirstWithOlderAndNewerLinks) {
    for (int i = 0; i < 60; ++i) {
        m_clock.advance(std::chrono::minutes(1));
        ASSERT_TRUE(m_app->add_note(as("handler"), m_id, "Anteckning " + std::to_string(i)));
    }
    auto dpo = login("dpo@example.se");
    auto first = send("GET", log_url() + "?filter=changes", {}, &dpo).body;
    EXPECT_EQ(count_of(first, "Hanna Handläggare skrev en anteckning"), 50u);
    EXPECT_EQ(first.find("rapporterade incidenten"), std::string::npos);
    EXPECT_TRUE(link_to(first, "Nyare händelser").empty());
    auto older = link_to(first, "Äldre händelser");
    ASSERT_FALSE(older.empty()) << first;
    EXPECT_NE(older.find("filter=changes"), std::string::npos);
    auto second = send("GET", older, {}, &dpo).body;
    EXPECT_EQ(count_of(second, "Hanna Handläggare skrev en anteckning"), 10u);
    EXPECT_NE(second.find("Rebecka Rapportör rapporterade incidenten"), std::string::npos);
    EXPECT_TRUE(link_to(second, "Äldre händelser").empty());
    auto newer = link_to(second, "Nyare händelser");
    ASSERT_FALSE(newer.empty()) << second;
    auto back = send("GET", newer, {}, &dpo).body;
    EXPECT_EQ(count_of(back, "Hanna Handläggare skrev en anteckning"), 50u);
    EXPECT_TRUE(link_to(back, "Nyare händelser").empty());
    // A cursor past the end says so and links to the newest.
    auto past = send("GET", log_url() + "?before=1", {}, &dpo).body;
    EXPECT_NE(past.find("Inga fler händelser åt det hållet."), std::string::npos);
    EXPECT_FALSE(link_to(past, "Till de senaste händelserna").empty());
}

TEST_F(CaseLog, ConsecutiveReadsAcrossABatchStayOneLine) {
    // Many reads between two changes: one line, whatever the batch size of the reading.
    for (int i = 0; i < 700; ++i) m_app->record_read(nullptr, {m_org, "incident.read", "incident", m_id, {}});
    m_app->flush_audit();
    ASSERT_TRUE(m_app->add_note(as("handler"), m_id, "Efter läsningarna"));
    auto log = app::case_log(*m_app, as("dpo"), m_id, {});
    ASSERT_TRUE(log) << log.error().message;
    ASSERT_EQ(log->lines.size(), 3u);
    EXPECT_EQ(log->lines[0].entry.action, "note.add");
    EXPECT_EQ(log->lines[1].reads.size(), 700u);
    EXPECT_EQ(log->lines[2].entry.action, "incident.report");
    EXPECT_FALSE(log->older);
    EXPECT_FALSE(log->newer);
    EXPECT_EQ(log->reads, 700);
    EXPECT_EQ(log->readers, 1);
}

TEST_F(CaseLog, AnUnknownActionShowsItsNameAndTheActor) {
    auto status = m_db->transact(storage::TxMode::write, [&](storage::Connection& db) -> Status {
        domain::AuditEntry entry;
        entry.at = m_clock.now();
        entry.actor_id = m_ids["handler"];
        entry.org_id = m_org;
        entry.action = "future.thing";
        entry.entity = "incident";
        entry.entity_id = m_id;
        TRY(storage::append_audit(db, entry));
        return {};
    });
    ASSERT_TRUE(status);
    auto dpo = login("dpo@example.se");
    auto body = send("GET", log_url(), {}, &dpo).body;
    EXPECT_NE(body.find("Hanna Handläggare: händelsen future.thing"), std::string::npos) << body;
}

TEST_F(CaseLog, OnlyThoseWhoReadTheAuditTrailSeeItAndTheReadIsAudited) {
    EXPECT_EQ(send("GET", log_url()).status, 303); // sign in first
    auto reporter = login("reporter@example.se");
    EXPECT_EQ(send("GET", log_url(), {}, &reporter).status, 403);
    auto handler = login("handler@example.se");
    EXPECT_EQ(send("GET", log_url(), {}, &handler).status, 403);
    auto other = login("otto@example.se");
    auto foreign = send("GET", log_url(), {}, &other);
    EXPECT_EQ(foreign.status, 404);
    EXPECT_EQ(foreign.body.find("Elevers"), std::string::npos);
    EXPECT_EQ(send("GET", "/cases/0000/log", {}, &other).status, 404);
    auto auditor = login("auditor@example.se");
    EXPECT_EQ(send("GET", log_url(), {}, &auditor).status, 200);
    auto dpo = login("dpo@example.se");
    EXPECT_EQ(send("GET", log_url(), {}, &dpo).status, 200);
    m_app->flush_audit();
    auto trail = *storage::transact_value<std::vector<domain::AuditEntry>>(
        *m_db, storage::TxMode::read, [&](storage::Connection& db) {
            return storage::case_trail(db, {m_id, storage::TrailKind::reads, 0, 0, 100});
        });
    size_t log_reads = 0;
    for (const auto& entry : trail)
        if (entry.action == "audit.read") {
            ++log_reads;
            EXPECT_TRUE(entry.actor_id == m_ids["dpo"] || entry.actor_id == m_ids["auditor"]);
        }
    EXPECT_EQ(log_reads, 2u);
    // The handler's case page has no log section; the DPO's has the short one.
    EXPECT_EQ(send("GET", "/cases/" + m_id, {}, &handler).body.find("Hela loggen"), std::string::npos);
}

TEST_F(CaseLog, TheCasePageShowsTheLatestChangesInWordsAndLinksToTheLog) {
    work_the_case();
    auto dpo = login("dpo@example.se");
    auto page = send("GET", "/cases/" + m_id, {}, &dpo).body;
    auto section = page.substr(page.find("id=\"audit\""));
    EXPECT_NE(section.find("Senaste händelser"), std::string::npos);
    EXPECT_NE(section.find("Dora Dataskyddsombud bedömde risken"), std::string::npos);
    EXPECT_NE(section.find("Rebecka Registrator registrerade ärendet"), std::string::npos);
    EXPECT_EQ(section.find("öppnade ärendet"), std::string::npos);
    EXPECT_EQ(section.find("incident.read"), std::string::npos);
    EXPECT_EQ(link_to(page, "Hela loggen"), log_url());
    EXPECT_NE(page.find(R"(<a href="#audit">)"), std::string::npos); // the section link "Logg"
}

TEST(CaseLogLines, FieldChangesComeFromBeforeAndAfter) {
    domain::AuditEntry entry;
    entry.action = "incident.update";
    entry.entity = "incident";
    entry.before_json = R"({"status":"registered","handler":"","facts":{"title":"A","data":["name"],"subjects":{"count":3}}})";
    entry.after_json = R"({"status":"registered","handler":"u1","facts":{"title":"A","data":["name","health"],"subjects":{"count":null}}})";
    auto changes = app::field_changes(entry);
    ASSERT_EQ(changes.size(), 3u);
    EXPECT_EQ(changes[0].field, "handler");
    EXPECT_EQ(changes[0].after, "u1");
    EXPECT_EQ(changes[1].field, "data");
    EXPECT_EQ(changes[1].before, "name");
    EXPECT_EQ(changes[1].after, "name,health");
    EXPECT_EQ(changes[2].field, "subjects.count");
    EXPECT_EQ(changes[2].before, "3");
    EXPECT_EQ(changes[2].after, "");
    entry.before_json.clear(); // a report has no before
    EXPECT_TRUE(app::field_changes(entry).empty());
}

TEST(CaseLogLines, ConsecutiveReadsFoldAndTheReadsFilterKeepsEachRead) {
    auto entry = [](int64_t seq, std::string action) {
        domain::AuditEntry e;
        e.seq = seq;
        e.action = std::move(action);
        return e;
    };
    std::vector<domain::AuditEntry> trail{entry(6, "incident.read"), entry(5, "document.read:imy"), entry(4, "note.add"),
                                           entry(3, "incident.read"), entry(2, "incident.status"), entry(1, "incident.read")};
    size_t used = 0;
    auto lines = app::log_lines(trail, app::LogFilter::all, 50, false, &used);
    ASSERT_EQ(lines.size(), 5u);
    EXPECT_EQ(lines[0].reads.size(), 2u);
    EXPECT_EQ(lines[1].entry.seq, 4);
    EXPECT_EQ(used, 6u);
    // A run of reads at the end, when more may follow, waits for the next batch.
    lines = app::log_lines(trail, app::LogFilter::all, 50, true, &used);
    EXPECT_EQ(lines.size(), 4u);
    EXPECT_EQ(used, 5u);
    // At most `max_lines`.
    lines = app::log_lines(trail, app::LogFilter::all, 2, false, &used);
    EXPECT_EQ(lines.size(), 2u);
    EXPECT_EQ(used, 3u);
    lines = app::log_lines({entry(3, "incident.read"), entry(2, "note.read")}, app::LogFilter::reads, 50, true, &used);
    EXPECT_EQ(lines.size(), 2u);
    EXPECT_TRUE(app::is_read_action("document.read:imy"));
    EXPECT_FALSE(app::is_read_action("incident.reader"));
}

// --- the confirmation after an action -------------------------------------------------------

TEST_F(CaseLog, EveryActionOnTheCaseEndsWithAConfirmationAndTheNextStep) {
    auto registrar = login("registrar@example.se");
    auto page = send("GET", "/cases/" + m_id, {}, &registrar);
    auto registered = post("/cases/" + m_id + "/register",
                           {{"version", input_value(page.body, "version")}, {"aware_at", ""}, {"handler", ""}}, registrar);
    ASSERT_EQ(registered.status, 303);
    EXPECT_EQ(header_value(registered, "Location"), "/cases/" + m_id + "?done=registered#done");
    auto after = send("GET", target_of(registered), {}, &registrar).body;
    EXPECT_NE(after.find(R"(<div class="panel done" id="done" role="status" aria-labelledby="done-heading"><h2 id="done-heading" tabindex="-1">Ärendet är registrerat.</h2>)"),
              std::string::npos)
        << after;
    EXPECT_NE(after.find(R"(Nästa steg: <a href="/cases/)" + m_id + R"(/assessment">bedöm risken</a>)"), std::string::npos);
    EXPECT_LT(after.find("id=\"done\""), after.find("id=\"overview\""));
    expect_unique_ids(after, "case with notice");

    auto handler = login("handler@example.se");
    auto note = post("/cases/" + m_id + "/notes", {{"body", "Ringde rektorn."}}, handler);
    EXPECT_EQ(header_value(note, "Location"), "/cases/" + m_id + "?done=note#done");
    auto task = post("/cases/" + m_id + "/tasks", {{"title", "Ring vårdnadshavaren"}, {"assignee", ""}, {"due_at", ""}}, handler);
    EXPECT_EQ(header_value(task, "Location"), "/cases/" + m_id + "?done=task#done");
    EXPECT_NE(send("GET", target_of(task), {}, &handler).body.find("Uppgiften är tillagd."), std::string::npos);
    auto question = post("/cases/" + m_id + "/questions", {{"question", "Vem fick mejlet?"}}, handler);
    EXPECT_EQ(header_value(question, "Location"), "/cases/" + m_id + "?done=question#done");
    page = send("GET", "/cases/" + m_id, {}, &handler);
    auto status = post("/cases/" + m_id + "/status", {{"version", input_value(page.body, "version")}, {"to", "assessing"}, {"reason", ""}},
                       handler);
    ASSERT_EQ(status.status, 303);
    auto status_page = send("GET", target_of(status), {}, &handler).body;
    EXPECT_NE(status_page.find("Ärendets status är nu: Under bedömning."), std::string::npos);
    EXPECT_NE(status_page.find("Nästa steg:"), std::string::npos);

    // The reporter's answer: their next step is their reports.
    auto reporter = login("reporter@example.se");
    auto questions = *m_app->questions(as("reporter"), m_id);
    ASSERT_EQ(questions.size(), 1u);
    auto answered = post("/cases/" + m_id + "/questions/" + questions[0].id + "/answer", {{"answer", "Fel förälder."}}, reporter);
    EXPECT_EQ(header_value(answered, "Location"), "/cases/" + m_id + "?done=answer#done");
    auto reporter_page = send("GET", target_of(answered), {}, &reporter).body;
    EXPECT_NE(reporter_page.find(R"(Ditt svar är skickat. Tack!</h2><p>Nästa steg: <a href="/my">)"), std::string::npos) << reporter_page;

    // The assessment and the decision say so on the assessment page.
    auto dpo = login("dpo@example.se");
    auto assessment = send("GET", "/cases/" + m_id + "/assessment", {}, &dpo);
    ASSERT_EQ(assessment.status, 200);
    auto decided = send("GET", "/cases/" + m_id + "/assessment?done=decided", {}, &dpo).body;
    EXPECT_NE(decided.find("Beslutet är sparat."), std::string::npos);
    EXPECT_NE(decided.find("#duties\">se vad som ska göras och när</a>"), std::string::npos);
}

TEST_F(CaseLog, OnlyKnownConfirmationKeysShowAndNothingIsReflected) {
    auto dpo = login("dpo@example.se");
    for (std::string key : {"%3Cscript%3Ealert(1)%3C%2Fscript%3E", "nonsense", "", "registered%20"}) {
        auto page = send("GET", "/cases/" + m_id + "?done=" + key, {}, &dpo);
        EXPECT_EQ(page.status, 200);
        EXPECT_EQ(page.body.find("done-heading"), std::string::npos) << key;
        EXPECT_EQ(page.body.find("<script>alert"), std::string::npos);
        EXPECT_EQ(page.body.find(">nonsense"), std::string::npos);
    }
    auto english = send("GET", "/cases/" + m_id + "?done=facts", {}, &dpo, "application/x-www-form-urlencoded", "skydda_lang=en");
    EXPECT_NE(english.body.find("The facts of the breach are saved."), std::string::npos);
    EXPECT_NE(english.body.find("Next step:"), std::string::npos);
}

} // namespace
