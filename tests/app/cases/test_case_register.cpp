// The case register at scale (issue 14): every filter of a list, the free text search with
// Swedish word forms, the cursor that yields every matching case exactly once while cases are
// added, the orders, and one organisation's cases never in another's list; on both backends.
#include <gtest/gtest.h>

#include <set>

#include "app/assessment/assessments.hpp"
#include "app/notify/notifications.hpp"
#include "storage/cases/case_search.hpp"
#include "support/app_test.hpp"

using namespace skydda;
using namespace skydda::app;
using std::chrono::hours;

namespace {

const Instant k_start = *parse_rfc3339("2026-11-30T10:00:00+01:00", "start");

class CaseRegister : public test_support::AppTest {
protected:
    CaseRegister() : AppTest(k_start) {}
    void SetUp() override {
        AppTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        OrganisationInput org{"Nämnd A", "212000-0001", "public", "Box 1, 111 11 Staden", "Dana Dataskydd",
                              "dpo@example.se", "08-123 456", ""};
        m_org = *m_app->add_organisation(nullptr, org);
        m_other = *m_app->add_organisation(nullptr, {"Nämnd B", "212000-0002", "public"});
        for (auto role : {"reporter", "registrar", "handler", "dpo"}) m_actors[role] = person(m_org, role);
        m_actors["other_dpo"] = person(m_other, "dpo");
        m_actors["other_reporter"] = person(m_other, "reporter");
        m_school = *m_app->add_unit(nullptr, m_org, "Skolan");
        m_care = *m_app->add_unit(nullptr, m_org, "Hemtjänsten");
    }
    const Actor& as(const std::string& who) { return m_actors.at(who); }

    domain::IncidentFacts facts(std::string title, std::string description = {}) {
        domain::IncidentFacts f;
        f.title = std::move(title);
        f.description = std::move(description);
        f.what_happened = "misdirected_communication";
        f.cause = "human_error";
        f.discovered_by = "employee";
        f.unit_id = m_school;
        f.occurred_at = m_clock.now() - hours(100);
        f.aware_at = m_clock.now() - hours(1);
        f.data = {"name", "health"};
        f.subjects_count = 1;
        f.subject_groups = {"pupils"};
        f.effects.confidentiality = "known_recipients";
        f.recipients = 1;
        f.recipient_trusted = false;
        f.consequences = "Eleven kan känna sig utpekad.";
        f.measures = "Mottagaren har raderat mejlet.";
        f.processor_involved = false;
        return f;
    }
    std::string report(const domain::IncidentFacts& f, const std::string& who = "reporter",
                       const std::string& org = "") {
        auto incident = m_app->report_incident(as(who), org.empty() ? m_org : org, f);
        EXPECT_TRUE(incident) << incident.error().field << ": " << incident.error().message;
        return incident ? incident->id : "";
    }
    // Assessed and decided with the engine's answer (a pupil's health data to the wrong
    // guardian: notify IMY).
    void decide(const std::string& id, std::optional<domain::assessment::RiskLevel> risk = std::nullopt) {
        ASSERT_TRUE(m_app->change_status(as("registrar"), id, domain::CaseStatus::registered, "", {}));
        ASSERT_TRUE(m_app->change_status(as("handler"), id, domain::CaseStatus::assessing, "", {}));
        auto assessment = run_assessment(*m_app, as("handler"), id, {});
        ASSERT_TRUE(assessment) << assessment.error().message;
        DecisionInput decision;
        decision.assessment_id = assessment->record.id;
        decision.agrees = !risk;
        decision.risk = risk;
        decision.reasons = "Enligt bedömningen.";
        auto decided = record_decision(*m_app, as("dpo"), id, decision);
        ASSERT_TRUE(decided) << decided.error().message;
    }
    void notify_imy(const std::string& id, const std::string& late_reason = {}) {
        auto saved = m_app->save_notification_draft(as("dpo"), id, 0,
                                                    {{"contact.person", "Dana Dataskydd, 08-123 456"},
                                                     {"data.encrypted", "no"},
                                                     {"subjects.informed", "no"},
                                                     {"subjects.will_inform", "no"},
                                                     {"subjects.why_not", "Ingen hög risk."},
                                                     {"supplement.will", "no"}},
                                                    std::nullopt);
        ASSERT_TRUE(saved) << saved.error().message;
        NotificationInput input;
        input.recipient = "imy";
        input.submitted_at = m_clock.now();
        input.authority_reference = "IMY-2026-1234";
        input.supplement_promised = true; // the discovery time follows
        input.supplement_reason = "Tidpunkten för upptäckten utreds.";
        input.late_reason = late_reason;
        auto record = m_app->record_notification(as("dpo"), id, input);
        ASSERT_TRUE(record) << record.error().field << ": " << record.error().message;
    }
    // The ids the DPO's list shows for `query` (every page), checking that `total` agrees.
    std::vector<std::string> found(CaseQuery query, const std::string& who = "dpo") {
        std::vector<std::string> ids;
        int64_t total = -1;
        for (int pages = 0; pages < 100; ++pages) {
            auto page = m_app->find_cases(as(who), query);
            EXPECT_TRUE(page) << page.error().field << ": " << page.error().message;
            if (!page) return ids;
            if (total >= 0) EXPECT_EQ(page->total, total);
            total = page->total;
            for (const auto& item : page->items) ids.push_back(item.incident.id);
            if (page->next_cursor.empty()) break;
            query.cursor = page->next_cursor;
        }
        EXPECT_EQ(static_cast<int64_t>(ids.size()), total);
        return ids;
    }
    std::set<std::string> found_set(CaseQuery query, const std::string& who = "dpo") {
        auto ids = found(std::move(query), who);
        return {ids.begin(), ids.end()};
    }
    CaseQuery in_org() {
        CaseQuery query;
        query.org_id = m_org;
        return query;
    }

    std::string m_org, m_other, m_school, m_care;
    std::map<std::string, Actor> m_actors;
};

TEST_P(CaseRegister, FollowingTheCursorYieldsEveryCaseOnceWhileCasesAreAdded) {
    std::set<std::string> before;
    for (int i = 0; i < 23; ++i) {
        m_clock.advance(std::chrono::minutes(7));
        auto f = facts("Fall " + std::to_string(i));
        f.aware_at = m_clock.now() - hours(i % 5 * 10); // deadlines in several orders
        before.insert(report(f));
    }
    for (auto sort : {CaseSort::urgency, CaseSort::reported, CaseSort::case_number}) {
        auto query = in_org();
        query.sort = sort;
        query.limit = 5;
        std::vector<std::string> seen;
        int added = 0;
        while (true) {
            auto page = m_app->find_cases(as("dpo"), query);
            ASSERT_TRUE(page) << page.error().message;
            EXPECT_LE(page->items.size(), 5u);
            for (const auto& item : page->items) seen.push_back(item.incident.id);
            if (page->next_cursor.empty()) break;
            query.cursor = page->next_cursor;
            // A case reported between two pages, most urgent of all and newest.
            auto f = facts("Ny under bläddringen");
            f.aware_at = m_clock.now() - hours(71);
            report(f);
            ++added;
        }
        std::set<std::string> distinct(seen.begin(), seen.end());
        EXPECT_EQ(distinct.size(), seen.size()) << case_sort_name(sort) << ": a case was shown twice";
        for (const auto& id : before) EXPECT_TRUE(distinct.contains(id)) << case_sort_name(sort) << ": a case was lost";
        EXPECT_GT(added, 3);
    }
}

TEST_P(CaseRegister, TheOrdersAreUrgencyReportTimeAndCaseNumber) {
    auto old = report(facts("Äldst"));
    m_clock.advance(hours(1));
    auto f = facts("Nära fristen");
    f.aware_at = m_clock.now() - hours(70);
    auto urgent = report(f);
    m_clock.advance(hours(1));
    auto newest = report(facts("Nyast"));
    auto query = in_org();
    EXPECT_EQ(found(query), (std::vector<std::string>{urgent, old, newest}));
    query.sort = CaseSort::reported;
    EXPECT_EQ(found(query), (std::vector<std::string>{newest, urgent, old}));
    query.sort = CaseSort::case_number;
    EXPECT_EQ(found(query), (std::vector<std::string>{old, urgent, newest}));
}

TEST_P(CaseRegister, EachFilterKeepsOnlyTheCasesItNames) {
    auto plain = report(facts("Mejl till fel vårdnadshavare"));
    auto f = facts("Stulen dator");
    f.what_happened = "loss";
    f.cause = "external_attack";
    f.unit_id = m_care;
    m_clock.advance(hours(30));
    f.aware_at = m_clock.now() - hours(2);
    auto stolen = report(f);
    auto decided_high = report(facts("Hälsouppgifter i fel brev"));
    decide(decided_high);
    auto decided_none = report(facts("Brev till kollega"));
    decide(decided_none, domain::assessment::RiskLevel::unlikely);
    auto notified = report(facts("Anmäld till IMY"));
    decide(notified);
    notify_imy(notified);
    auto closed = report(facts("Inte en incident"));
    ASSERT_TRUE(m_app->change_status(as("registrar"), closed, domain::CaseStatus::registered, "", {}));
    ASSERT_TRUE(m_app->change_status(as("handler"), closed, domain::CaseStatus::not_a_breach, "Ingen personuppgift.", {}));

    auto with = [&](auto&& set) {
        auto query = in_org();
        set(query);
        return found_set(query);
    };
    using Set = std::set<std::string>;
    EXPECT_EQ(with([](CaseQuery&) {}).size(), 6u);
    EXPECT_EQ(with([](CaseQuery& q) { q.open = false; }), Set{closed});
    EXPECT_EQ(with([](CaseQuery& q) { q.open = true; }).size(), 5u);
    EXPECT_EQ(with([&](CaseQuery& q) { q.unit_id = m_care; }), Set{stolen});
    EXPECT_EQ(with([](CaseQuery& q) { q.what_happened = "loss"; }), Set{stolen});
    EXPECT_EQ(with([](CaseQuery& q) { q.cause = "external_attack"; }), Set{stolen});
    EXPECT_EQ(with([](CaseQuery& q) { q.risk = "none"; }), Set{decided_none});
    auto high = with([](CaseQuery& q) { q.risk = "high"; });
    auto risk = with([](CaseQuery& q) { q.risk = "risk"; });
    EXPECT_EQ(high.size() + risk.size(), 2u) << "the engine's decisions are risk or high";
    EXPECT_EQ(with([](CaseQuery& q) { q.notified = true; }), Set{notified});
    EXPECT_EQ(with([](CaseQuery& q) { q.notified = false; }).size(), 5u);
    EXPECT_EQ(with([](CaseQuery& q) { q.status = domain::CaseStatus::not_a_breach; }), Set{closed});
    // Kännedom and report time, [from, to).
    auto later = m_clock.now() - hours(10);
    EXPECT_EQ(with([&](CaseQuery& q) { q.aware_from = later; }).count(plain), 0u);
    EXPECT_TRUE(with([&](CaseQuery& q) { q.aware_from = later; }).contains(stolen));
    EXPECT_EQ(with([&](CaseQuery& q) { q.reported_to = later; }), Set{plain});
    EXPECT_EQ(with([&](CaseQuery& q) { q.reported_from = later; }).count(plain), 0u);
    // The 72 hours of the first case run out: it is overdue, the others are not yet.
    EXPECT_TRUE(with([](CaseQuery& q) { q.overdue = true; }).empty());
    m_clock.advance(hours(45));
    EXPECT_EQ(with([](CaseQuery& q) { q.overdue = true; }), Set{plain});
    // Filters combine.
    EXPECT_TRUE(with([&](CaseQuery& q) {
                    q.unit_id = m_care;
                    q.risk = "none";
                }).empty());
}

TEST_P(CaseRegister, FreeTextFindsWordFormsNotesAndTheCaseNumber) {
    auto laptop = report(facts("Stulen dator", "Datorn stals ur bilen vid skolan."));
    auto mail = report(facts("Mejl till fel vårdnadshavare", "Elevhälsans anteckningar skickades fel."));
    auto noted = report(facts("Lista på forum"));
    ASSERT_TRUE(m_app->add_note(as("handler"), noted, "Listan med personnummer hittades på ett diskussionsforum."));
    auto in_b = facts("Stulen dator i nämnd B");
    in_b.unit_id.clear();
    auto other = report(in_b, "other_reporter", m_other);
    auto search = [&](std::string text) {
        auto query = in_org();
        query.text = std::move(text);
        return found_set(query);
    };
    using Set = std::set<std::string>;
    EXPECT_EQ(search("dator"), Set{laptop});
    EXPECT_EQ(search("datorer"), Set{laptop}) << "a plural finds the singular's forms";
    EXPECT_EQ(search("DATORN"), Set{laptop});
    EXPECT_EQ(search("stulen datorn"), Set{laptop});
    EXPECT_EQ(search("vårdnadshavaren"), Set{mail});
    EXPECT_EQ(search("diskussionsforum"), Set{noted}) << "the notes are searched";
    EXPECT_EQ(search("dator forum"), Set{}) << "every word must match";
    EXPECT_EQ(search("  ,.;  "), (Set{laptop, mail, noted})) << "no words: no filter";
    auto number = m_app->get_incident(as("dpo"), mail)->case_number;
    EXPECT_EQ(search(number), Set{mail});
    // Another organisation's case is never found, neither by its DPO's search of ours nor in
    // everything the DPO of A sees.
    auto everything = CaseQuery{};
    everything.text = "dator";
    EXPECT_EQ(found_set(everything), Set{laptop});
    EXPECT_EQ(found_set(everything, "other_dpo"), Set{other});
    // A note added later is found; the index follows every change.
    ASSERT_TRUE(m_app->add_note(as("handler"), laptop, "Polisanmälan gjord."));
    EXPECT_EQ(search("polisanmälan"), Set{laptop});
    auto incident = *m_app->get_incident(as("dpo"), laptop);
    auto changed = incident.facts;
    changed.title = "Förlorad surfplatta";
    changed.description = "Ingen dator.";
    ASSERT_TRUE(m_app->update_facts(as("handler"), laptop, changed, std::nullopt));
    EXPECT_EQ(search("surfplattor"), Set{laptop});
    EXPECT_TRUE(search("stals").empty()) << "the old description is no longer indexed";
}

TEST_P(CaseRegister, AReporterSeesOnlyTheirOwnAndBadValuesNameTheirField) {
    auto mine = report(facts("Min rapport"));
    report(facts("Någon annans"), "registrar");
    CaseQuery query;
    EXPECT_EQ(found_set(query, "reporter"), std::set<std::string>{mine});
    query.mine = true;
    query.org_id = m_other;
    EXPECT_TRUE(found_set(query, "reporter").empty()) << "mine in an organisation: only that one's";
    auto refused = [&](auto&& set) {
        auto q = in_org();
        set(q);
        auto page = m_app->find_cases(as("dpo"), q);
        return page ? std::string("(accepted)") : page.error().field;
    };
    EXPECT_EQ(refused([](CaseQuery& q) { q.risk = "medium"; }), "risk");
    EXPECT_EQ(refused([](CaseQuery& q) { q.cause = "sunspots"; }), "cause");
    EXPECT_EQ(refused([](CaseQuery& q) { q.what_happened = "x"; }), "what_happened");
    EXPECT_EQ(refused([](CaseQuery& q) { q.cursor = "not-a-cursor"; }), "cursor");
    // A cursor of one order does not page another.
    auto q = in_org();
    q.limit = 1;
    report(facts("En till"));
    auto first = m_app->find_cases(as("dpo"), q);
    ASSERT_TRUE(first);
    ASSERT_FALSE(first->next_cursor.empty());
    EXPECT_EQ(refused([&](CaseQuery& c) {
                  c.cursor = first->next_cursor;
                  c.sort = CaseSort::reported;
              }),
              "cursor");
    auto other_org = CaseQuery{};
    other_org.org_id = m_other;
    EXPECT_FALSE(m_app->find_cases(as("dpo"), other_org)) << "not a member";
}

TEST_P(CaseRegister, MigrateRebuildsTheSearchIndexABackupLeavesOut) {
    auto laptop = report(facts("Stulen dator"));
    ASSERT_TRUE(m_db->transact(storage::TxMode::write, [](storage::Connection& db) -> Status {
        if (db.dialect() == "sqlite") TRY(db.execute("DELETE FROM incident_search"));
        TRY(db.execute("DELETE FROM incident_search_docs"));
        return {};
    }));
    auto query = in_org();
    query.text = "dator";
    EXPECT_TRUE(found_set(query).empty());
    ASSERT_TRUE(storage::migrate(*m_db));
    EXPECT_EQ(found_set(query), std::set<std::string>{laptop});
    EXPECT_TRUE(storage::is_search_index_table("incident_search_docs"));
    EXPECT_TRUE(storage::is_search_index_table("incident_search_data"));
    EXPECT_FALSE(storage::is_search_index_table("incidents"));
}

// The statistics against figures computed by hand: three cases of Nämnd A, one of Nämnd B.
TEST_P(CaseRegister, StatisticsAgreeWithAHandCount) {
    auto b = report(facts("Mejl till fel vårdnadshavare")); // kännedom 1 h before the report
    m_clock.advance(hours(2));
    decide(b); // 3 h from kännedom
    m_clock.advance(hours(1));
    notify_imy(b); // 4 h
    auto c = report(facts("Brev till fel adress"));
    m_clock.advance(hours(2));
    decide(c); // 3 h
    m_clock.advance(hours(78));
    notify_imy(c, "Anmälan fördröjdes av helgen."); // 81 h: late
    auto f = facts("Stulen dator");
    f.what_happened = "loss";
    f.cause = "external_attack";
    f.discovered_by = "outsider_or_subject";
    auto a = report(f); // 2026-12-03
    auto in_b = facts("Nämnd B:s incident");
    in_b.unit_id.clear();
    report(in_b, "other_reporter", m_other);

    auto stats = m_app->statistics(as("dpo"), m_org, std::nullopt, std::nullopt);
    ASSERT_TRUE(stats) << stats.error().message;
    EXPECT_EQ(stats->total, 3);
    EXPECT_EQ(stats->by_what_happened, (std::map<std::string, int64_t>{{"loss", 1}, {"misdirected_communication", 2}}));
    EXPECT_EQ(stats->by_cause, (std::map<std::string, int64_t>{{"external_attack", 1}, {"human_error", 2}}));
    EXPECT_EQ(stats->by_discovered_by, (std::map<std::string, int64_t>{{"employee", 2}, {"outsider_or_subject", 1}}));
    EXPECT_EQ(stats->by_month, (std::map<std::string, int64_t>{{"2026-11", 2}, {"2026-12", 1}}));
    EXPECT_EQ(stats->by_unit, (std::map<std::string, int64_t>{{m_school, 3}}));
    EXPECT_EQ(stats->decided, 2);
    EXPECT_EQ(stats->notified, 2);
    EXPECT_EQ(stats->notified_within_72h, 1);
    EXPECT_EQ(stats->hours_to_decision.count, 2);
    EXPECT_EQ(stats->hours_to_decision.median, 3.0);
    EXPECT_EQ(stats->hours_to_decision.p90, 3.0);
    EXPECT_EQ(stats->hours_to_notification.median, 4.0);
    EXPECT_EQ(stats->hours_to_notification.p90, 81.0);
    ASSERT_EQ(stats->late_notifications.size(), 1u);
    EXPECT_EQ(stats->late_notifications[0].incident_id, c);
    EXPECT_EQ(stats->late_notifications[0].reason, "Anmälan fördröjdes av helgen.");
    EXPECT_EQ(stats->late_notifications[0].hours, 81.0);
    EXPECT_EQ(stats->recurring_causes, (std::vector<std::pair<std::string, int64_t>>{{"human_error", 2}}));
    // A period: December only.
    auto december = m_app->statistics(as("dpo"), m_org, *parse_rfc3339("2026-12-01T00:00:00+01:00", "from"), std::nullopt);
    ASSERT_TRUE(december);
    EXPECT_EQ(december->total, 1);
    EXPECT_EQ(december->by_what_happened, (std::map<std::string, int64_t>{{"loss", 1}}));
    (void)a;
    // "all": the organisations the DPO serves, never Nämnd B's case; its DPO is refused ours.
    auto all = m_app->statistics(as("dpo"), "all", std::nullopt, std::nullopt);
    ASSERT_TRUE(all);
    EXPECT_EQ(all->total, 3);
    EXPECT_FALSE(m_app->statistics(as("other_dpo"), m_org, std::nullopt, std::nullopt));
    EXPECT_EQ(m_app->statistics(as("other_dpo"), "all", std::nullopt, std::nullopt)->total, 1);
    EXPECT_FALSE(m_app->statistics(as("reporter"), "all", std::nullopt, std::nullopt)) << "a reporter sees no statistics";
    // The export of the same selection has the same cases.
    auto exported = m_app->export_cases(as("dpo"), in_org(), "csv", "sv");
    ASSERT_TRUE(exported) << exported.error().message;
    EXPECT_EQ(exported->rows, 3);
}

// A DPO serving two nämnder: each organisation's page is read from its own index and merged
// (storage's per-organisation union); following the cursor in each order must give every case
// of both once, in the order one sorted list of all of them has (the search path, which sorts
// the matches in one query).
TEST_P(CaseRegister, AListOverSeveralOrganisationsMergesTheirPagesInOneOrder) {
    ASSERT_TRUE(m_app->add_user(nullptr, m_other, "dpo-both@example.se", "Dora Båda", "dpo", std::nullopt));
    auto both_id = m_app->add_user(nullptr, m_org, "dpo-both@example.se", "Dora Båda", "dpo", std::nullopt);
    ASSERT_TRUE(both_id) << both_id.error().message;
    m_actors["both"] = *m_app->load_actor(*both_id);
    ASSERT_EQ(as("both").memberships.size(), 2u);
    std::vector<std::string> ids;
    for (int i = 0; i < 12; ++i) {
        auto f = facts("Incident nummer " + std::to_string(i));
        f.aware_at = m_clock.now() - hours(i % 4 == 0 ? 70 : i);
        bool in_b = i % 3 == 0;
        if (in_b) f.unit_id.clear();
        ids.push_back(report(f, in_b ? "other_reporter" : "reporter", in_b ? m_other : ""));
        if (i % 5 == 0 && !in_b) decide(ids.back());
        m_clock.advance(std::chrono::minutes(7));
    }
    for (auto sort : {CaseSort::urgency, CaseSort::reported, CaseSort::case_number}) {
        CaseQuery paged;
        paged.sort = sort;
        paged.limit = 3;
        auto merged = found(paged, "both");
        CaseQuery searched;
        searched.sort = sort;
        searched.text = "incident"; // every case: one query over both organisations
        searched.limit = 500;
        auto one_list = found(searched, "both");
        EXPECT_EQ(merged.size(), 12u);
        EXPECT_EQ(merged, one_list) << "sort " << static_cast<int>(sort);
    }
}

namespace {
const doc::Field* find_field(const doc::Document& document, std::string_view key) {
    for (const auto& section : document.sections)
        for (const auto& block : section.blocks)
            if (const auto* field = std::get_if<doc::Field>(&block); field && field->key == key) return field;
    return nullptr;
}
const doc::Section* find_section(const doc::Document& document, std::string_view heading) {
    for (const auto& section : document.sections)
        if (section.heading == heading) return &section;
    return nullptr;
}
} // namespace

// The DPO's annual report: the year's figures as the statistics count them, the trend, the late
// notification with its reason, and the DPO's own text, which only the DPO writes.
TEST_P(CaseRegister, TheAnnualReportCountsTheYearAndCarriesTheDposText) {
    auto b = report(facts("Mejl till fel vårdnadshavare"));
    m_clock.advance(hours(2));
    decide(b);
    m_clock.advance(hours(78));
    notify_imy(b, "Anmälan fördröjdes av helgen."); // 81 h from kännedom: late
    report(facts("Brev till fel adress"));
    auto in_b = facts("Nämnd B:s incident");
    in_b.unit_id.clear();
    report(in_b, "other_reporter", m_other);

    auto report_2026 = m_app->annual_report(as("dpo"), m_org, 2026, "sv");
    ASSERT_TRUE(report_2026) << report_2026.error().field << ": " << report_2026.error().message;
    EXPECT_EQ(report_2026->kind, "annual-report");
    EXPECT_EQ(report_2026->organisation, "Nämnd A");
    ASSERT_TRUE(find_field(*report_2026, "total"));
    EXPECT_EQ(find_field(*report_2026, "total")->value, "2") << "Nämnd B's case is not Nämnd A's";
    EXPECT_EQ(find_field(*report_2026, "notified")->value, "1 (50 %)");
    EXPECT_EQ(find_field(*report_2026, "notified_within_72h")->value, "0 (0 %)");
    // Nothing written yet: the DPO's text is the one missing item.
    ASSERT_EQ(report_2026->missing.size(), 1u);
    EXPECT_EQ(report_2026->missing[0].key, "dpo_text");
    const auto* trend = find_section(*report_2026, "Utvecklingen över åren");
    ASSERT_TRUE(trend);
    const auto& years = std::get<doc::Table>(trend->blocks.at(0)).rows;
    ASSERT_EQ(years.size(), 5u);
    EXPECT_EQ(years.front(), (std::vector<std::string>{"2022", "0"}));
    EXPECT_EQ(years.back(), (std::vector<std::string>{"2026", "2"}));
    const auto* late = find_section(*report_2026, "Sena anmälningar och skälen");
    ASSERT_TRUE(late);
    const auto& late_rows = std::get<doc::Table>(late->blocks.at(0)).rows;
    ASSERT_EQ(late_rows.size(), 1u);
    EXPECT_EQ(late_rows[0][2], "Anmälan fördröjdes av helgen.");
    // In English, and the year before has no cases.
    auto english_2025 = m_app->annual_report(as("dpo"), m_org, 2025, "en");
    ASSERT_TRUE(english_2025);
    EXPECT_EQ(english_2025->title, "The data protection officer's annual report 2025");
    EXPECT_EQ(find_field(*english_2025, "total")->value, "0");

    // Only the DPO writes the text; over the version read.
    EXPECT_EQ(m_app->save_annual_report_text(as("handler"), m_org, 2026, "Text", 0).error().code, ErrorCode::permission_denied);
    auto saved = m_app->save_annual_report_text(as("dpo"), m_org, 2026, "Fler utbildningar om e-post.\r\n\r\nRutin.", 0);
    ASSERT_TRUE(saved) << saved.error().message;
    EXPECT_EQ(saved->version, 1);
    EXPECT_EQ(saved->body, "Fler utbildningar om e-post.\n\nRutin.");
    EXPECT_TRUE(saved->personal_data.empty());
    auto stale = m_app->save_annual_report_text(as("dpo"), m_org, 2026, "Äldre", 0);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::conflict);
    auto with_number = m_app->save_annual_report_text(as("dpo"), m_org, 2026, "Se 19121212-1212.", 1);
    ASSERT_TRUE(with_number);
    EXPECT_EQ(with_number->personal_data, (std::vector<std::string>{"personnummer"}));
    auto complete = m_app->annual_report(as("dpo"), m_org, 2026, "sv");
    ASSERT_TRUE(complete);
    EXPECT_TRUE(complete->complete());
    EXPECT_EQ(find_field(*complete, "dpo_text")->value, "Se 19121212-1212.");
    auto read = m_app->annual_report_text(as("handler"), m_org, 2026);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->version, 2);
    EXPECT_EQ(read->updated_by_name, as("dpo").name);

    // Another organisation's DPO, a reporter and a year out of range are refused.
    EXPECT_EQ(m_app->annual_report(as("other_dpo"), m_org, 2026, "sv").error().code, ErrorCode::not_found);
    EXPECT_EQ(m_app->annual_report(as("reporter"), m_org, 2026, "sv").error().code, ErrorCode::permission_denied);
    EXPECT_EQ(m_app->annual_report(as("dpo"), m_org, 2017, "sv").error().field, "year");
    EXPECT_EQ(m_app->annual_report(as("dpo"), m_org, 2027, "sv").error().field, "year");
    EXPECT_EQ(m_app->annual_report(as("dpo"), m_org, 2026, "de").error().field, "language");
    EXPECT_EQ(m_app->save_annual_report_text(as("dpo"), m_org, 2026, std::string(k_annual_text_max + 1, 'a'), 2).error().field,
              "text");
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseRegister, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST(CaseSearchWords, SplitsLowersAndStemsSwedish) {
    EXPECT_EQ(storage::search_words("Stulen DATOR, PUI 2026/0012 – Åsa Öberg"),
              (std::vector<std::string>{"stulen", "dator", "pui", "2026", "0012", "åsa", "öberg"}));
    EXPECT_EQ(storage::swedish_stem("datorerna"), storage::swedish_stem("datorer"));
    EXPECT_EQ(storage::swedish_stem("vårdnadshavaren"), storage::swedish_stem("vårdnadshavare"));
    EXPECT_TRUE(storage::search_words("«»§ — …").empty());
}

} // namespace
