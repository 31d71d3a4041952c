// The notification to IMY and its supplements: the document in IMY's order prefilled from the
// case, its missing items, the draft with its version check, recording with frozen lateness
// and document, supplements with what changed, the personal data warning, and who may do it.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/assessment/assessments.hpp"
#include "app/notify/doc_imy.hpp"
#include "app/outgoing_check.hpp"
#include "domain/codes.hpp"
#include "support/app_test.hpp"

using namespace skydda;
using namespace skydda::app;
namespace json = boost::json;

namespace {

const Instant k_start = *parse_rfc3339("2026-03-02T10:00:00+01:00", "start");

const doc::Field* find_field(const doc::Document& document, std::string_view key) {
    for (const auto& section : document.sections)
        for (const auto& block : section.blocks)
            if (const auto* field = std::get_if<doc::Field>(&block); field && field->key == key) return field;
    return nullptr;
}

bool is_missing(const doc::Document& document, std::string_view key) {
    for (const auto& missing : document.missing)
        if (missing.key == key) return true;
    return false;
}

class Notifications : public test_support::AppTest {
protected:
    Notifications() : AppTest(k_start) {}
    void SetUp() override {
        AppTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        OrganisationInput org{"Nämnd A", "212000-0001", "public", "Box 1, 111 11 Staden", "Dana Dataskydd",
                              "dpo@example.se", "08-123 456", ""};
        m_org = *m_app->add_organisation(nullptr, org);
        m_other_org = *m_app->add_organisation(nullptr, {"Nämnd B", "", "private"});
        for (auto role : {"reporter", "registrar", "handler", "dpo", "manager"}) m_actors[role] = person(m_org, role);
        m_actors["outsider"] = person(m_other_org, "dpo");
    }
    const Actor& as(const std::string& who) { return m_actors.at(who); }

    domain::IncidentFacts complete_facts() {
        domain::IncidentFacts f;
        f.title = "Mejl till fel vårdnadshavare";
        f.description = "En lärare skickade ett omdöme till fel vårdnadshavare.";
        f.what_happened = "misdirected_communication";
        f.cause = "human_error";
        f.discovered_by = "employee";
        f.occurred_at = k_start - std::chrono::hours(3);
        f.discovered_at = k_start - std::chrono::hours(2);
        f.aware_at = k_start - std::chrono::hours(2);
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

    // A case moved to decided with an assessment and a decision on it.
    std::string decided_case(domain::IncidentFacts facts) {
        auto incident = m_app->report_incident(as("reporter"), m_org, facts);
        EXPECT_TRUE(incident) << incident.error().message;
        EXPECT_TRUE(m_app->change_status(as("registrar"), incident->id, domain::CaseStatus::registered, "", {}));
        EXPECT_TRUE(m_app->change_status(as("handler"), incident->id, domain::CaseStatus::assessing, "", {}));
        auto assessment = run_assessment(*m_app, as("handler"), incident->id, {});
        EXPECT_TRUE(assessment) << assessment.error().message;
        DecisionInput decision;
        decision.assessment_id = assessment->record.id;
        decision.agrees = true;
        decision.reasons = "Enligt bedömningen.";
        auto decided = record_decision(*m_app, as("dpo"), incident->id, decision);
        EXPECT_TRUE(decided) << decided.error().message;
        return incident->id;
    }

    void fill_draft(const std::string& id) {
        auto saved = m_app->save_notification_draft(as("dpo"), id, 0,
                                                    {{"contact.person", "Dana Dataskydd, 08-123 456"},
                                                     {"data.encrypted", "no"},
                                                     {"subjects.informed", "no"},
                                                     {"subjects.will_inform", "no"},
                                                     {"subjects.why_not", "Ingen hög risk."},
                                                     {"supplement.will", "no"}},
                                                    std::nullopt);
        ASSERT_TRUE(saved) << saved.error().message;
    }

    doc::Document imy_document(const std::string& id, std::string language = "sv") {
        DocumentRequest request;
        request.kind = DocumentKind::imy_notification;
        request.language = language;
        auto document = m_app->document(&as("dpo"), id, request);
        EXPECT_TRUE(document) << document.error().message;
        return document ? *document : doc::Document{};
    }

    NotificationInput to_imy(Instant at) {
        NotificationInput input;
        input.recipient = "imy";
        input.submitted_at = at;
        input.authority_reference = "IMY-2026-1234";
        return input;
    }

    std::string m_org, m_other_org;
    std::map<std::string, Actor> m_actors;
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, Notifications, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST(ImyTexts, EveryCodeHasImysWording) {
    using namespace domain::codes;
    for (auto [list, codes] : {std::pair{"what_happened", what_happened()}, {"cause", cause()},
                               {"discovered_by", discovered_by()}, {"sector", sector()}, {"data", data()},
                               {"groups", groups()}})
        for (auto code : codes)
            for (auto language : {"sv", "en"})
                EXPECT_NE(imy::code_text(language, list, code), code) << list << "." << code << " " << language;
    EXPECT_EQ(imy::code_text("sv", "what_happened", "loss"),
              "Förlust: Information har gått förlorad på något sätt, till exempel genom att en dator blivit stulen");
    EXPECT_EQ(imy::code_text("en", "sector", "public"), "Public sector");
}

TEST(ImyPersonalData, FindsKindsNeverValues) {
    auto kinds = app::personal_data_kinds("Eleven 570428-9999 mejlade anna.berg@exempel.se, ring 070-123 45 67", k_start);
    EXPECT_EQ(kinds, (std::vector<std::string>{"personnummer", "email", "phone"}));
    EXPECT_TRUE(app::personal_data_kinds("Ett omdöme skickades till fel vårdnadshavare den 2 mars.", k_start).empty());
}

TEST_P(Notifications, AnEmptyCaseListsWhatIsMissing) {
    domain::IncidentFacts facts;
    facts.title = "Något hände";
    auto incident = m_app->report_incident(as("reporter"), m_org, facts);
    ASSERT_TRUE(incident);
    auto document = imy_document(incident->id);
    for (auto key : {"contact.person", "breach.risk", "breach.occurred_at", "breach.what_happened", "breach.description",
                     "breach.discovered_by", "breach.cause", "subjects.count", "subjects.groups", "data.categories",
                     "data.encrypted", "consequences.description", "consequences.severity", "consequences.measures",
                     "subjects.informed", "supplement.will"})
        EXPECT_TRUE(is_missing(document, key)) << key;
    // Prefilled from the organisation; orgnr and the end time may be empty; not late yet.
    for (auto key : {"controller.name", "controller.orgnr", "controller.address", "controller.dpo", "contact.address",
                     "breach.sector", "breach.ended_at", "late.reason"})
        EXPECT_FALSE(is_missing(document, key)) << key;
    EXPECT_FALSE(document.complete());
}

TEST_P(Notifications, PrefillsInImysOrderAndWording) {
    auto id = decided_case(complete_facts());
    fill_draft(id);
    auto document = imy_document(id);
    EXPECT_TRUE(document.complete()) << (document.missing.empty() ? "" : document.missing.front().key);
    std::vector<std::string> keys;
    for (const auto& [key, value] : imy::fields_of(document)) keys.push_back(key);
    std::vector<std::string> order;
    for (const auto& section : document.sections)
        for (const auto& block : section.blocks)
            if (const auto* field = std::get_if<doc::Field>(&block)) order.push_back(field->key);
    std::vector<std::string> expected = {
        "controller.name", "controller.orgnr", "controller.address", "controller.reference", "controller.processors",
        "controller.dpo", "contact.person", "contact.address", "breach.risk", "breach.occurred_at",
        "breach.discovered_at", "breach.ended_at", "breach.what_happened", "breach.description", "breach.discovered_by",
        "breach.cause", "breach.sector", "subjects.count", "subjects.records", "subjects.groups", "data.categories",
        "data.encrypted", "consequences.description", "consequences.severity", "consequences.measures",
        "subjects.informed", "subjects.will_inform", "subjects.why_not", "late.reason", "supplement.will",
        "supplement.reason"};
    EXPECT_EQ(order, expected);
    EXPECT_EQ(find_field(document, "controller.name")->value, "Nämnd A");
    EXPECT_EQ(find_field(document, "controller.name")->number, "1");
    EXPECT_EQ(find_field(document, "controller.orgnr")->value, "212000-0001");
    EXPECT_EQ(find_field(document, "contact.address")->value, "Box 1, 111 11 Staden");
    EXPECT_EQ(find_field(document, "controller.dpo")->value, "Dana Dataskydd, dpo@example.se, 08-123 456");
    EXPECT_EQ(find_field(document, "controller.processors")->value, "Inga");
    EXPECT_EQ(find_field(document, "breach.what_happened")->number, "15");
    EXPECT_EQ(find_field(document, "breach.what_happened")->value,
              "Obehörigt röjande genom felaktigt utskick av mejl/brev/sms");
    EXPECT_EQ(find_field(document, "breach.discovered_by")->value, "En anställd informerade oss");
    EXPECT_EQ(find_field(document, "breach.cause")->value, "Mänskliga faktorn: Fel i det enskilda fallet");
    EXPECT_EQ(find_field(document, "breach.sector")->value, "Offentlig sektor");
    EXPECT_EQ(find_field(document, "subjects.groups")->number, "25");
    EXPECT_EQ(find_field(document, "data.categories")->value, "Namn\nHälsa (t.ex. diagnoser, sjukskrivning, mediciner)");
    EXPECT_TRUE(find_field(document, "breach.risk")->value.starts_with("Ja")) << find_field(document, "breach.risk")->value;
    EXPECT_FALSE(find_field(document, "consequences.severity")->value.empty());
    auto english = imy_document(id, "en");
    EXPECT_EQ(find_field(english, "breach.sector")->value, "Public sector");
    EXPECT_EQ(find_field(english, "breach.what_happened")->label, "What happened in the breach?");
}

TEST_P(Notifications, DraftsAreVersionedCheckedAndAudited) {
    auto id = decided_case(complete_facts());
    auto empty = m_app->notification_draft(as("dpo"), id, 0);
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->version, 0);
    auto saved = m_app->save_notification_draft(as("handler"), id, 0, {{"contact.person", "Kim"}}, 0);
    ASSERT_TRUE(saved) << saved.error().message;
    EXPECT_EQ(saved->version, 1);
    auto stale = m_app->save_notification_draft(as("dpo"), id, 0, {{"contact.person", "Lo"}}, 0);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::failed_precondition);
    auto unknown = m_app->save_notification_draft(as("dpo"), id, 0, {{"colour", "red"}}, 1);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().field, "colour");
    auto bad_choice = m_app->save_notification_draft(as("dpo"), id, 0, {{"data.encrypted", "maybe"}}, 1);
    ASSERT_FALSE(bad_choice);
    EXPECT_EQ(bad_choice.error().field, "data.encrypted");
    auto again = m_app->save_notification_draft(as("dpo"), id, 0, {{"contact.person", "Lo"}}, 1);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->version, 2);
    EXPECT_EQ(again->fields.at("contact.person"), "Lo");
    int drafts = 0;
    for (const auto& entry : audit_of(id)) drafts += entry.action == "notification.draft";
    EXPECT_EQ(drafts, 2);
}

TEST_P(Notifications, RecordsOnTimeFreezesTheDocumentAndMovesToNotified) {
    auto id = decided_case(complete_facts());
    fill_draft(id);
    m_clock.advance(std::chrono::hours(1));
    auto record = m_app->record_notification(as("dpo"), id, to_imy(m_clock.now()));
    ASSERT_TRUE(record) << record.error().field << ": " << record.error().message;
    EXPECT_EQ(record->phase, 0);
    EXPECT_FALSE(record->late);
    EXPECT_EQ(record->seconds_after_awareness, 3 * 3600);
    EXPECT_EQ(record->authority_reference, "IMY-2026-1234");
    EXPECT_FALSE(record->our_reference.empty()); // the case number
    EXPECT_FALSE(record->supplement_due_at);
    auto incident = m_app->get_incident(as("dpo"), id);
    EXPECT_EQ(incident->status, domain::CaseStatus::notified);
    EXPECT_EQ(incident->case_number, record->our_reference);

    // A later edit of the facts changes neither the document as sent nor its lateness.
    auto facts = incident->facts;
    facts.occurred_at = facts.discovered_at = facts.aware_at = k_start - std::chrono::hours(100);
    facts.description = "Ändrad beskrivning.";
    auto updated = m_app->update_facts(as("dpo"), id, facts, std::nullopt, "Loggarna visar ett tidigare intrång.");
    ASSERT_TRUE(updated) << updated.error().field << ": " << updated.error().message;
    auto list = m_app->notifications(as("manager"), id);
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ(list->front().document_json, record->document_json);
    EXPECT_EQ(list->front().details_json, record->details_json);
    EXPECT_EQ(list->front().seconds_after_awareness, 3 * 3600);
    EXPECT_FALSE(list->front().late);
    EXPECT_EQ(imy::frozen_fields(list->front()).at("breach.description"), complete_facts().description);
    bool audited = false;
    for (const auto& entry : audit_of(id)) audited = audited || entry.action == "notification.record";
    EXPECT_TRUE(audited);
}

TEST_P(Notifications, LateNeedsAReason) {
    auto id = decided_case(complete_facts());
    fill_draft(id);
    m_clock.advance(std::chrono::hours(80));
    auto refused = m_app->record_notification(as("dpo"), id, to_imy(m_clock.now()));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(refused.error().field, "late_reason");
    EXPECT_TRUE(m_app->notifications(as("dpo"), id)->empty());
    auto input = to_imy(m_clock.now());
    input.late_reason = "Incidenten upptäcktes under ett långt helgstängt.";
    auto record = m_app->record_notification(as("dpo"), id, input);
    ASSERT_TRUE(record) << record.error().field;
    EXPECT_TRUE(record->late);
    EXPECT_EQ(record->seconds_after_awareness, 82 * 3600);
    EXPECT_EQ(record->late_reason, input.late_reason);
    EXPECT_EQ(imy::frozen_fields(*record).at("late.reason"), input.late_reason);
}

TEST_P(Notifications, RefusesMissingItemsUnlessASupplementIsPromised) {
    auto facts = complete_facts();
    facts.consequences.clear();
    auto id = decided_case(facts);
    auto refused = m_app->record_notification(as("dpo"), id, to_imy(m_clock.now()));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "contact.person"); // the first missing item in IMY's order
    auto future = to_imy(m_clock.now() + std::chrono::hours(1));
    EXPECT_EQ(m_app->record_notification(as("dpo"), id, future).error().field, "submitted_at");
    auto input = to_imy(m_clock.now());
    input.supplement_promised = true;
    auto record = m_app->record_notification(as("dpo"), id, input);
    ASSERT_TRUE(record) << record.error().field << ": " << record.error().message;
    EXPECT_TRUE(record->supplement_promised);
    ASSERT_TRUE(record->supplement_due_at);
    EXPECT_EQ(*record->supplement_due_at, m_clock.now() + std::chrono::days(28));
    // Promised without saying why: the reason is what was missing.
    EXPECT_NE(record->supplement_reason.find("Kontaktperson"), std::string::npos) << record->supplement_reason;
    auto details = json::parse(record->details_json).as_object();
    EXPECT_FALSE(details.at("missing").as_array().empty());
}

TEST_P(Notifications, SupplementCarriesOnlyWhatChanged) {
    auto facts = complete_facts();
    facts.consequences.clear();
    auto id = decided_case(facts);
    auto first_input = to_imy(m_clock.now());
    first_input.supplement_promised = true;
    auto first = m_app->record_notification(as("dpo"), id, first_input);
    ASSERT_TRUE(first) << first.error().message;

    m_clock.advance(std::chrono::days(3));
    fill_draft(id);
    auto incident = *m_app->get_incident(as("dpo"), id);
    auto changed = incident.facts;
    changed.consequences = "Eleven kan känna sig utpekad.";
    ASSERT_TRUE(m_app->update_facts(as("dpo"), id, changed, std::nullopt));
    ASSERT_TRUE(m_app->save_notification_draft(as("dpo"), id, 1, {{"supplement.note", "Konsekvenserna är nu kända."}},
                                               std::nullopt));
    DocumentRequest request;
    request.kind = DocumentKind::imy_supplement;
    auto document = m_app->document(&as("dpo"), id, request);
    ASSERT_TRUE(document) << document.error().message;
    EXPECT_EQ(find_field(*document, "refers.authority_reference")->value, "IMY-2026-1234");
    EXPECT_EQ(find_field(*document, "refers.phase")->value, "1");
    EXPECT_TRUE(find_field(*document, "consequences.description"));
    EXPECT_TRUE(find_field(*document, "contact.person"));
    EXPECT_TRUE(find_field(*document, "supplement.note"));
    EXPECT_FALSE(find_field(*document, "controller.name")); // unchanged
    EXPECT_FALSE(find_field(*document, "breach.description"));
    EXPECT_TRUE(document->complete()) << document->missing.front().key;

    NotificationInput input;
    input.recipient = "imy";
    input.submitted_at = m_clock.now();
    auto supplement = m_app->record_notification(as("dpo"), id, input);
    ASSERT_TRUE(supplement) << supplement.error().field << ": " << supplement.error().message;
    EXPECT_EQ(supplement->phase, 1);
    EXPECT_EQ(supplement->authority_reference, "IMY-2026-1234");
    EXPECT_FALSE(supplement->late); // within the four weeks promised
    EXPECT_EQ(m_app->notifications(as("dpo"), id)->size(), 2u);
    auto wrong_phase = to_imy(m_clock.now());
    wrong_phase.phase = 5;
    EXPECT_EQ(m_app->record_notification(as("dpo"), id, wrong_phase).error().field, "phase");
}

TEST_P(Notifications, WarnsOfPersonalDataAndNeedsAnAcknowledgement) {
    auto facts = complete_facts();
    facts.description = "Omdömet om eleven 570428-9999 skickades till anna.berg@exempel.se.";
    auto id = decided_case(facts);
    fill_draft(id);
    auto preparation = m_app->imy_preparation(as("dpo"), id, "sv");
    ASSERT_TRUE(preparation) << preparation.error().message;
    ASSERT_EQ(preparation->warnings.size(), 1u);
    EXPECT_EQ(preparation->warnings[0].key, "breach.description");
    EXPECT_EQ(preparation->warnings[0].kinds, (std::vector<std::string>{"personnummer", "email"}));
    auto refused = m_app->record_notification(as("dpo"), id, to_imy(m_clock.now()));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "acknowledge_personal_data");
    EXPECT_NE(refused.error().message.find("breach.description"), std::string::npos);
    EXPECT_EQ(refused.error().message.find("570428"), std::string::npos);
    EXPECT_EQ(refused.error().message.find("anna.berg"), std::string::npos);
    auto input = to_imy(m_clock.now());
    input.acknowledge_personal_data = true;
    auto record = m_app->record_notification(as("dpo"), id, input);
    ASSERT_TRUE(record) << record.error().message;
    auto details = json::parse(record->details_json).as_object();
    EXPECT_EQ(details.at("warnings").as_array().size(), 1u);
    EXPECT_TRUE(details.at("personal_data_acknowledged").as_bool());
}

TEST_P(Notifications, OnlyHandlersAndTheDpoOfTheOrganisation) {
    auto id = decided_case(complete_facts());
    fill_draft(id);
    auto input = to_imy(m_clock.now());
    EXPECT_EQ(m_app->record_notification(as("reporter"), id, input).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(m_app->record_notification(as("manager"), id, input).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(m_app->record_notification(as("outsider"), id, input).error().code, ErrorCode::not_found);
    EXPECT_EQ(m_app->notification_draft(as("manager"), id, 0).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(m_app->notification_draft(as("outsider"), id, 0).error().code, ErrorCode::not_found);
    EXPECT_EQ(m_app->save_notification_draft(as("reporter"), id, 0, {}, std::nullopt).error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(m_app->notifications(as("reporter"), id).error().code, ErrorCode::not_found);
    EXPECT_EQ(m_app->notifications(as("outsider"), id).error().code, ErrorCode::not_found);
    EXPECT_TRUE(m_app->notifications(as("manager"), id));
    EXPECT_TRUE(m_app->record_notification(as("handler"), id, input));
}

TEST_P(Notifications, OtherRecipientsAreRecordedWithoutADocument) {
    auto id = decided_case(complete_facts());
    NotificationInput input;
    input.recipient = "subjects";
    input.submitted_at = m_clock.now();
    input.details_json = R"({"channel":"letter","count":1})";
    auto record = m_app->record_notification(as("handler"), id, input);
    ASSERT_TRUE(record) << record.error().message;
    EXPECT_EQ(record->document_json, "{}");
    EXPECT_EQ(json::parse(record->details_json).at("details").at("channel").as_string(), "letter");
    input.recipient = "press";
    EXPECT_EQ(m_app->record_notification(as("handler"), id, input).error().field, "recipient");
    input.recipient = "public";
    input.supplement_promised = true;
    EXPECT_EQ(m_app->record_notification(as("handler"), id, input).error().field, "supplement_promised");
    // Still decided: only the notification to IMY moves the case.
    EXPECT_EQ(m_app->get_incident(as("dpo"), id)->status, domain::CaseStatus::decided);
}
