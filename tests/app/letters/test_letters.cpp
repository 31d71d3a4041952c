// Letters to the data subjects: the template's placeholders, the case's letter refused at
// finalising while a point is empty, the recipients' CSV imported all or nothing with line
// numbers, e-mails queued once, who was informed, exemptions, and who may do what.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>

#include "app/app.hpp"
#include "app/letters/letters.hpp"
#include "doc/document.hpp"
#include "support/app_test.hpp"

using namespace skydda;
using namespace skydda::app;
using domain::letter::Part;

namespace {

const Instant k_start = *parse_rfc3339("2026-03-02T10:00:00+01:00", "start");

class Letters : public test_support::AppTest {
protected:
    Letters() : AppTest(k_start) {}
    void SetUp() override {
        AppTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        m_org = *m_app->add_organisation(nullptr, {"Barn- och utbildningsnämnden", "212000-0001", "public",
                                                   "Box 1, 111 11 Staden", "Dana Dataskydd", "dso@example.se",
                                                   "08-123 45 67"});
        auto other = *m_app->add_organisation(nullptr, {"Socialnämnden", "", "public"});
        for (auto role : {"reporter", "handler", "dpo", "admin", "auditor"}) m_actors[role] = person(m_org, role);
        m_actors["outsider"] = person(other, "dpo");
        domain::IncidentFacts facts;
        facts.title = "Elevlista skickad till fel vårdnadshavare";
        facts.what_happened = "disclosure_other";
        facts.description = "En lista med elevers namn skickades till fel mottagare.";
        facts.consequences = "Någon kan veta att ditt barn går i klassen.";
        facts.measures = "Vi har bett mottagaren radera listan.";
        facts.occurred_at = *parse_rfc3339("2026-03-01T09:00:00+01:00", "occurred_at");
        facts.data = {"name"};
        facts.subjects_count = 3;
        m_case = m_app->report_incident(m_actors["reporter"], m_org, facts)->id;
    }

    Actor& dpo() { return m_actors["dpo"]; }

    // The parts only the handler can write for the recipients.
    static void write_parts(domain::letter::Parts& parts) {
        parts[Part::consequences] = "Någon kan veta att ditt barn går i klassen.";
        parts[Part::measures_taken] = "Vi har bett mottagaren radera listan.";
        parts[Part::mitigation] = "{recipient_name}: vi följer upp att listan är raderad.";
    }

    // Fills the parts the template leaves empty and finalises.
    void finalise(std::string_view language) {
        auto letter = subject_letter(*m_app, dpo(), m_case, language);
        ASSERT_TRUE(letter) << letter.error().message;
        auto parts = letter->parts;
        write_parts(parts);
        auto saved = save_subject_letter(*m_app, dpo(), m_case, language, parts, letter->version);
        ASSERT_TRUE(saved) << saved.error().message;
        auto done = finalise_subject_letter(*m_app, dpo(), m_case, language, saved->version);
        ASSERT_TRUE(done) << done.error().message;
    }

    std::vector<int> lines_of(const RecipientImport& import) {
        std::vector<int> out;
        for (const auto& error : import.errors) out.push_back(error.line);
        return out;
    }

    std::string m_org, m_case;
    std::map<std::string, Actor> m_actors;
};

INSTANTIATE_TEST_SUITE_P(Backends, Letters, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST_P(Letters, TemplateStartsBuiltInAndRefusesUnknownPlaceholdersNamingThePart) {
    auto built_in = letter_template(*m_app, dpo(), m_org, "sv");
    ASSERT_TRUE(built_in) << built_in.error().message;
    EXPECT_EQ(built_in->version, 0);
    EXPECT_NE(built_in->parts[Part::contact].find("{dataskyddsombud}"), std::string::npos); // Swedish names
    auto parts = built_in->parts;
    parts[Part::consequences] = "Hej {recipient_name}, se {shoe_size}.";
    auto refused = save_letter_template(*m_app, dpo(), m_org, "sv", parts, 0);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(refused.error().field, "consequences");
    EXPECT_NE(refused.error().message.find("{shoe_size}"), std::string::npos);
    parts[Part::consequences] = "Hej {recipient_name}. Det här kan hända:";
    auto saved = save_letter_template(*m_app, m_actors["admin"], m_org, "sv", parts, 0);
    ASSERT_TRUE(saved) << saved.error().message;
    EXPECT_EQ(saved->version, 1);
    EXPECT_EQ(save_letter_template(*m_app, dpo(), m_org, "sv", parts, 0).error().code, ErrorCode::failed_precondition);
    EXPECT_EQ(letter_template(*m_app, dpo(), m_org, "sv")->parts[Part::consequences], parts[Part::consequences]);
}

TEST_P(Letters, OnlyDpoAndAdminEditTemplates) {
    auto parts = domain::letter::default_template("en");
    EXPECT_EQ(save_letter_template(*m_app, m_actors["handler"], m_org, "en", parts, 0).error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(save_letter_template(*m_app, m_actors["outsider"], m_org, "en", parts, 0).error().code,
              ErrorCode::not_found);
    EXPECT_EQ(save_letter_template(*m_app, dpo(), m_org, "de", parts, 0).error().field, "language");
    EXPECT_TRUE(letter_template(*m_app, m_actors["handler"], m_org, "en")); // handlers read it
}

TEST_P(Letters, CaseLetterIsPrefilledFromTheTemplateOnlyNeverFromTheCaseText) {
    auto letter = subject_letter(*m_app, m_actors["handler"], m_case, "sv");
    ASSERT_TRUE(letter) << letter.error().message;
    EXPECT_EQ(letter->version, 0);
    EXPECT_EQ(letter->parts, domain::letter::default_template("sv"));
    // What the handler must write for the recipients is shown as missing.
    std::vector<std::string> missing;
    for (const auto& item : letter->missing) missing.push_back(item.key);
    EXPECT_EQ(missing, (std::vector<std::string>{"consequences", "measures_taken", "mitigation"}));
}

TEST_P(Letters, PrefillNeverContainsTheDescriptionEvenWithPersonalData) {
    domain::IncidentFacts facts;
    facts.title = "Omdömen till fel vårdnadshavare";
    facts.what_happened = "disclosure_other";
    facts.description = "Omdömena om Anna Berg 570428-9999 (anna.berg@exempel.se) och Bo Ek 811218-9876 skickades fel.";
    facts.consequences = "Anna Berg 570428-9999 kan bli utsatt.";
    facts.measures = "Vi ringde bo.ek@exempel.se.";
    auto id = m_app->report_incident(m_actors["reporter"], m_org, facts)->id;
    for (std::string_view language : {"sv", "en"}) {
        auto letter = subject_letter(*m_app, m_actors["handler"], id, language);
        ASSERT_TRUE(letter) << letter.error().message;
        for (auto part : domain::letter::k_parts)
            for (std::string_view leaked : {"570428-9999", "811218-9876", "anna.berg@", "bo.ek@", "Anna Berg", "Omdömena"})
                EXPECT_EQ(letter->parts[part].find(leaked), std::string::npos)
                    << language << " " << domain::letter::part_name(part) << " holds " << leaked;
        EXPECT_TRUE(letter->warnings.empty());
        auto document = m_app->document(&dpo(), id, {DocumentKind::subject_letter, std::string(language), 0, ""});
        ASSERT_TRUE(document) << document.error().message;
        auto json = doc::render_json(*document);
        EXPECT_EQ(json.find("570428-9999"), std::string::npos);
        EXPECT_EQ(json.find("811218-9876"), std::string::npos);
    }
}

TEST_P(Letters, FinaliseWithPersonalDataInAPartIsRefusedNamingItUntilAcknowledged) {
    auto letter = *subject_letter(*m_app, dpo(), m_case, "sv");
    auto parts = letter.parts;
    write_parts(parts);
    parts[Part::cause] += " Det gällde eleven 570428-9999.";
    // The organisation's own contact details (frozen into the contact part) are not findings.
    parts[Part::contact] += "\nSkriv till dso@example.se eller ring 08-123 45 67.";
    auto saved = save_subject_letter(*m_app, dpo(), m_case, "sv", parts, 0);
    ASSERT_TRUE(saved) << saved.error().message;
    ASSERT_EQ(saved->warnings.size(), 1u);
    EXPECT_EQ(saved->warnings[0].key, "cause");
    EXPECT_EQ(saved->warnings[0].kinds, (std::vector<std::string>{"personnummer"}));
    auto refused = finalise_subject_letter(*m_app, dpo(), m_case, "sv", saved->version);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(refused.error().field, "cause");
    EXPECT_NE(refused.error().message.find("acknowledge_personal_data"), std::string::npos);
    EXPECT_NE(refused.error().message.find("personnummer"), std::string::npos);
    EXPECT_EQ(refused.error().message.find("570428"), std::string::npos) << "the value is never named";
    // Acknowledging another part is not enough.
    EXPECT_EQ(finalise_subject_letter(*m_app, dpo(), m_case, "sv", saved->version, {"consequences"}).error().field, "cause");
    EXPECT_FALSE(subject_letter(*m_app, dpo(), m_case, "sv")->finalised_at);

    auto done = finalise_subject_letter(*m_app, dpo(), m_case, "sv", saved->version, {"cause"});
    ASSERT_TRUE(done) << done.error().message;
    auto audit = *storage::transact_value<std::vector<storage::Row>>(*m_db, storage::TxMode::read, [](storage::Connection& db) {
        return db.query("SELECT actor_id, after_json FROM audit_log WHERE action = 'personal_data.acknowledge'");
    });
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].text(0), dpo().user_id);
    auto after = boost::json::parse(audit[0].text(1)).as_object();
    EXPECT_EQ(after.at("document").as_string(), "subject-letter.sv");
    EXPECT_EQ(after.at("step").as_string(), "finalise");
    EXPECT_EQ(boost::json::serialize(after.at("fields")), R"([{"field":"cause","kinds":["personnummer"]}])");
    EXPECT_EQ(audit[0].text(1).find("570428"), std::string::npos);
}

TEST_P(Letters, SendingWithPersonalDataInAFinalisedPartNeedsItsOwnAcknowledgement) {
    ASSERT_TRUE(import_recipients(*m_app, dpo(), m_case, "name,email\nAnna,anna@example.se\n"));
    auto parts = subject_letter(*m_app, dpo(), m_case, "sv")->parts;
    write_parts(parts);
    parts[Part::measures_taken] = "Vi har mejlat bo.ek@exempel.se om saken.";
    auto saved = *save_subject_letter(*m_app, dpo(), m_case, "sv", parts, 0);
    ASSERT_TRUE(finalise_subject_letter(*m_app, dpo(), m_case, "sv", saved.version, {"measures_taken"}));
    auto refused = queue_letter_emails(*m_app, dpo(), m_case);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(refused.error().field, "sv.measures_taken");
    EXPECT_NE(refused.error().message.find("acknowledge_personal_data"), std::string::npos);
    auto count = [&](std::string sql) {
        return storage::transact_value<std::vector<storage::Row>>(*m_db, storage::TxMode::read, [&](storage::Connection& db) {
                   return db.query(sql);
               })->at(0).integer(0);
    };
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE kind = 'letter'"), 0);
    auto queued = queue_letter_emails(*m_app, m_actors["handler"], m_case, {"sv.measures_taken"});
    ASSERT_TRUE(queued) << queued.error().message;
    EXPECT_EQ(queued->queued, 1u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.acknowledge' AND after_json LIKE "
                    "'%\"step\":\"send\"%' AND after_json LIKE '%sv.measures_taken%'"),
              1);
}

TEST_P(Letters, FinaliseIsRefusedWhileAPointIsEmptyNamingEachPart) {
    auto letter = *subject_letter(*m_app, dpo(), m_case, "sv");
    auto parts = letter.parts;
    parts[Part::consequences] = "Någon kan veta att ditt barn går i klassen.";
    parts[Part::measures_taken] = "Vi har bett mottagaren radera listan.";
    parts[Part::what_you_can_do] = "  ";
    auto saved = save_subject_letter(*m_app, m_actors["handler"], m_case, "sv", parts, 0);
    ASSERT_TRUE(saved) << saved.error().message;
    auto refused = finalise_subject_letter(*m_app, dpo(), m_case, "sv", saved->version);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(refused.error().field, "mitigation");
    EXPECT_NE(refused.error().message.find("what_you_can_do"), std::string::npos);
    auto document = m_app->document(&dpo(), m_case, {DocumentKind::subject_letter, "sv", 0, ""});
    ASSERT_TRUE(document) << document.error().message;
    EXPECT_FALSE(document->complete());
    EXPECT_EQ(document->missing.size(), 2u);
    EXPECT_TRUE(document->addressee.empty());
}

TEST_P(Letters, FinalisedLetterIsFrozenAndVersionsAreChecked) {
    auto letter = *subject_letter(*m_app, dpo(), m_case, "sv");
    auto parts = letter.parts;
    write_parts(parts);
    auto saved = *save_subject_letter(*m_app, dpo(), m_case, "sv", parts, 0);
    EXPECT_EQ(save_subject_letter(*m_app, dpo(), m_case, "sv", parts, 0).error().code, ErrorCode::failed_precondition);
    auto done = finalise_subject_letter(*m_app, dpo(), m_case, "sv", saved.version);
    ASSERT_TRUE(done) << done.error().message;
    EXPECT_TRUE(done->finalised_at);
    // The organisation's facts are frozen into the text.
    EXPECT_NE(done->parts[Part::contact].find("Dana Dataskydd"), std::string::npos);
    EXPECT_NE(done->parts[Part::cause].find("1 mars 2026"), std::string::npos);
    EXPECT_EQ(save_subject_letter(*m_app, dpo(), m_case, "sv", parts, done->version).error().code, ErrorCode::conflict);
    EXPECT_EQ(finalise_subject_letter(*m_app, dpo(), m_case, "sv", done->version).error().code, ErrorCode::conflict);
}

TEST_P(Letters, OnlyNotifiersEditTheCaseLetter) {
    auto parts = subject_letter(*m_app, dpo(), m_case, "sv")->parts;
    EXPECT_EQ(save_subject_letter(*m_app, m_actors["auditor"], m_case, "sv", parts, 0).error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(save_subject_letter(*m_app, m_actors["outsider"], m_case, "sv", parts, 0).error().code,
              ErrorCode::not_found);
    EXPECT_EQ(import_recipients(*m_app, m_actors["auditor"], m_case, "name,email\nA,a@example.se\n").error().code,
              ErrorCode::permission_denied);
}

TEST_P(Letters, CsvImportIsAllOrNothingWithLineNumbers) {
    std::string csv = "name,address,email,language\n"
                      "Anna Andersson,\"Storgatan 1\n111 22 Staden\",anna@example.se,sv\n"
                      "Bo Berg,,bo@example,en\n"                              // 4: bad e-mail
                      "Cecilia Ceder,,,sv\n"                                  // 5: neither
                      "Anna Andersson,\"storgatan 1\n111 22  staden\",,sv\n"  // 6: same name+address as 2
                      "David Dahl,,ANNA@example.se,sv\n"                      // 8: same e-mail as 2
                      "Eva Ek,,eva@example.se,de\n";                          // 9: language
    auto import = import_recipients(*m_app, dpo(), m_case, csv);
    ASSERT_TRUE(import) << import.error().message;
    EXPECT_EQ(import->imported, 0u);
    // A record's line is where it starts; Anna's address spans lines 2 and 3.
    EXPECT_EQ(lines_of(*import), (std::vector<int>{4, 5, 6, 8, 9}));
    EXPECT_EQ(import->errors[0].field, "email");
    EXPECT_EQ(import->errors[1].field, "address");
    EXPECT_EQ(import->errors[2].field, "name");
    EXPECT_NE(import->errors[3].message.find("line 2"), std::string::npos);
    EXPECT_EQ(import->errors[4].field, "language");
    EXPECT_TRUE(letters_overview(*m_app, dpo(), m_case)->recipients.empty());
}

TEST_P(Letters, CsvWithBomSemicolonsAndQuotedNewlinesImports) {
    std::string csv = "\xEF\xBB\xBFNamn;Adress;E-post;Språk\r\n"
                      "Åsa Öberg;\"Vägen 2\r\nlgh 1101\r\n222 33 Byn\";;sv\r\n"
                      "John Smith;;john@example.com;EN\r\n"
                      "\r\n";
    auto import = import_recipients(*m_app, dpo(), m_case, csv);
    ASSERT_TRUE(import) << import.error().message;
    ASSERT_TRUE(import->errors.empty()) << import->errors[0].line << ": " << import->errors[0].message;
    EXPECT_EQ(import->imported, 2u);
    auto overview = *letters_overview(*m_app, dpo(), m_case);
    ASSERT_EQ(overview.recipients.size(), 2u);
    EXPECT_EQ(overview.recipients[0].address, "Vägen 2\nlgh 1101\n222 33 Byn");
    EXPECT_EQ(overview.recipients[1].language, "en");
    // A second file repeating someone is refused as a whole.
    auto again = *import_recipients(*m_app, dpo(), m_case, "name,email\nNy Person,ny@example.se\nJ S,john@example.com\n");
    EXPECT_EQ(lines_of(again), (std::vector<int>{3}));
    EXPECT_EQ(letters_overview(*m_app, dpo(), m_case)->recipients.size(), 2u);
}

TEST_P(Letters, CsvHeaderAndQuotingErrors) {
    EXPECT_EQ(lines_of(*import_recipients(*m_app, dpo(), m_case, "")), (std::vector<int>{1}));
    EXPECT_EQ(import_recipients(*m_app, dpo(), m_case, "email,colour\n")->errors.size(), 2u);
    auto open = *import_recipients(*m_app, dpo(), m_case, "name,address\nA,\"Gatan 1\n");
    EXPECT_EQ(lines_of(open), (std::vector<int>{2}));
    auto columns = *import_recipients(*m_app, dpo(), m_case, "name,email\nA,a@example.se,extra\n");
    EXPECT_EQ(columns.errors.at(0).field, "csv");
}

TEST_P(Letters, TooManyRowsIsRefused) {
    std::string csv = "name,email\n";
    for (size_t i = 0; i <= domain::k_recipients_max; ++i) csv += "P,p" + std::to_string(i) + "@example.se\n";
    auto import = *import_recipients(*m_app, dpo(), m_case, csv);
    ASSERT_EQ(import.errors.size(), 1u);
    EXPECT_EQ(import.errors[0].line, static_cast<int>(domain::k_recipients_max) + 2);
    EXPECT_EQ(import.imported, 0u);
}

TEST_P(Letters, EmailsAreQueuedOnceAndRecipientsRecordedAsInformed) {
    ASSERT_TRUE(import_recipients(*m_app, dpo(), m_case,
                                  "name,address,email,language\n"
                                  "Anna,,anna@example.se,sv\n"
                                  "Bo,\"Gatan 1\n111 11 Staden\",,sv\n"
                                  "John,,john@example.com,en\n"));
    EXPECT_EQ(queue_letter_emails(*m_app, dpo(), m_case).error().code, ErrorCode::conflict); // not finalised
    finalise("sv");
    EXPECT_EQ(queue_letter_emails(*m_app, dpo(), m_case).error().field, "letter.en");
    finalise("en");
    auto first = queue_letter_emails(*m_app, m_actors["handler"], m_case);
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(first->queued, 2u);
    auto second = queue_letter_emails(*m_app, dpo(), m_case);
    ASSERT_TRUE(second);
    EXPECT_EQ(second->queued, 0u);
    EXPECT_EQ(second->already, 2u);
    auto outbox = *storage::transact_value<std::vector<storage::Row>>(*m_db, storage::TxMode::read, [](storage::Connection& db) {
        return db.query("SELECT to_address, body FROM outbox WHERE kind = 'letter' ORDER BY to_address");
    });
    ASSERT_EQ(outbox.size(), 2u);
    EXPECT_EQ(outbox[0].text(0), "anna@example.se");
    EXPECT_NE(outbox[0].text(1).find("Vad har hänt?"), std::string::npos);
    EXPECT_NE(outbox[0].text(1).find("Anna: vi följer upp"), std::string::npos); // the name, frozen text kept it open
    EXPECT_NE(outbox[1].text(1).find("What has happened?"), std::string::npos);
    // The printed letter is for Bo only; posting is recorded with its date.
    auto print = print_letters(*m_app, dpo(), m_case);
    ASSERT_TRUE(print) << print.error().message;
    ASSERT_EQ(print->size(), 1u);
    EXPECT_EQ((*print)[0].addressee, (std::vector<std::string>{"Bo", "Gatan 1", "111 11 Staden"}));
    auto posted_at = k_start + std::chrono::hours(2);
    EXPECT_EQ(*record_posted(*m_app, dpo(), m_case, posted_at), 1u);
    EXPECT_EQ(record_posted(*m_app, dpo(), m_case, posted_at).error().code, ErrorCode::conflict);
    auto overview = *letters_overview(*m_app, dpo(), m_case);
    EXPECT_EQ(overview.counts.total, 3);
    EXPECT_EQ(overview.counts.with_address, 1);
    EXPECT_EQ(overview.counts.with_email, 2);
    EXPECT_EQ(overview.counts.informed_email, 2);
    EXPECT_EQ(overview.counts.informed_post, 1);
    EXPECT_EQ(overview.counts.not_informed, 0);
    EXPECT_EQ(overview.recipients[1].informed_at, posted_at);
    // The audit keeps counts, never addresses.
    m_app->flush_audit();
    bool queued_audited = false;
    for (const auto& entry : audit_of(m_case)) {
        EXPECT_EQ(entry.after_json.find("example"), std::string::npos) << entry.action;
        queued_audited = queued_audited || entry.action == "letter.emails_queued";
    }
    EXPECT_TRUE(queued_audited);
}

TEST_P(Letters, LetterForOneRecipientHasTheAddresseeInTheirLanguage) {
    ASSERT_TRUE(import_recipients(*m_app, dpo(), m_case, "name,address,language\nJohn Smith,\"1 High St\nLondon\",en\n"));
    auto rid = letters_overview(*m_app, dpo(), m_case)->recipients.at(0).id;
    auto document = m_app->document(&dpo(), m_case, {DocumentKind::subject_letter, "en", 0, rid});
    ASSERT_TRUE(document) << document.error().message;
    EXPECT_EQ(document->addressee, (std::vector<std::string>{"John Smith", "1 High St", "London"}));
    EXPECT_EQ(document->title, "Information about a personal data breach");
    EXPECT_EQ(m_app->document(&dpo(), m_case, {DocumentKind::subject_letter, "sv", 0, "nobody"}).error().code,
              ErrorCode::not_found);
}

TEST_P(Letters, ExemptionNeedsAReasonAndForDisproportionateEffortThePublicCommunication) {
    ExemptionInput input{"encrypted", "", "", "", std::nullopt};
    EXPECT_EQ(record_exemption(*m_app, dpo(), m_case, input).error().field, "reason");
    input.ground = "maybe";
    input.reason = "Datorn var krypterad.";
    EXPECT_EQ(record_exemption(*m_app, dpo(), m_case, input).error().field, "ground");
    input.ground = "encrypted";
    EXPECT_EQ(record_exemption(*m_app, m_actors["auditor"], m_case, input).error().code, ErrorCode::permission_denied);
    ASSERT_TRUE(record_exemption(*m_app, dpo(), m_case, input));
    m_clock.advance(std::chrono::minutes(1));
    input.ground = "disproportionate_effort";
    input.reason = "Vi saknar adresser till de flesta.";
    EXPECT_EQ(record_exemption(*m_app, dpo(), m_case, input).error().field, "public_text");
    input.public_text = "Information om incidenten.";
    input.public_where = "Kommunens webbplats";
    EXPECT_EQ(record_exemption(*m_app, dpo(), m_case, input).error().field, "published_at");
    input.published_at = k_start;
    auto recorded = record_exemption(*m_app, dpo(), m_case, input);
    ASSERT_TRUE(recorded) << recorded.error().message;
    auto overview = *letters_overview(*m_app, dpo(), m_case);
    ASSERT_TRUE(overview.exemption);
    EXPECT_EQ(overview.exemption->ground, "disproportionate_effort");
    EXPECT_EQ(overview.exemption->public_where, "Kommunens webbplats");
}

} // namespace

// Regression: App::document used to stamp the request's language over the letter the builder
// wrote in the recipient's language, so an English letter was labelled (and page-numbered) as
// Swedish when fetched through the documents API with a recipient.
TEST_P(Letters, DocumentForARecipientKeepsTheRecipientsLanguage) {
    finalise("sv");
    finalise("en");
    ASSERT_TRUE(import_recipients(*m_app, dpo(), m_case, "name,email,language\nJohn Smith,john@example.com,en\n"));
    auto overview = *letters_overview(*m_app, dpo(), m_case);
    ASSERT_EQ(overview.recipients.size(), 1u);
    DocumentRequest request{DocumentKind::subject_letter, "sv", 0, overview.recipients[0].id};
    auto document = m_app->document(&dpo(), m_case, request);
    ASSERT_TRUE(document) << document.error().message;
    EXPECT_EQ(document->language, "en");
    // Without a recipient the request's language holds.
    auto blank = m_app->document(&dpo(), m_case, DocumentRequest{DocumentKind::subject_letter, "en", 0, {}});
    ASSERT_TRUE(blank) << blank.error().message;
    EXPECT_EQ(blank->language, "en");
}
