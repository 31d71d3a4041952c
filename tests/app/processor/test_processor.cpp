// Processor duties on both backends: the customer register (validation, CSV import all or
// nothing), the fan-out of notices on a case (one transaction, reselection adds only new ones,
// deadlines from the agreements), sending through the outbox once per address, acknowledgements
// and questions, and who may see or do what.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "app/app.hpp"
#include "app/processor/processor.hpp"
#include "doc/document.hpp"
#include "support/app_test.hpp"

using namespace skydda;
using namespace skydda::app;

namespace {

const Instant k_start = *parse_rfc3339("2026-03-02T10:00:00+01:00", "start");

// A valid organisation number "55NNNN-NNNC" for `n`: the Luhn digit computed here.
std::string orgnr(int n) {
    std::string digits = fmt::format("556{:06d}", n);
    int sum = 0;
    for (size_t i = 0; i < digits.size(); ++i) {
        int d = digits[i] - '0';
        if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
    }
    digits += static_cast<char>('0' + (10 - sum % 10) % 10);
    return digits.substr(0, 6) + "-" + digits.substr(6);
}

class Processor : public test_support::AppTest {
protected:
    Processor() : AppTest(k_start) {}
    void SetUp() override {
        AppTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        OrganisationInput supplier{"Skolplattform AB", "556016-0680", "private"};
        supplier.dpo_name = "Dora Dataskydd";
        supplier.dpo_email = "dpo@skolplattform.se";
        m_org = *m_app->add_organisation(nullptr, supplier);
        m_other = *m_app->add_organisation(nullptr, {"Annan AB", "", "private"});
        for (auto role : {"reporter", "handler", "dpo", "admin", "auditor"}) m_actors[role] = person(m_org, role);
        m_actors["outsider"] = person(m_other, "dpo");
        domain::IncidentFacts facts;
        facts.title = "Intrång i skolplattformen";
        facts.what_happened = "unauthorised_access";
        facts.data = {"name", "personal_identity_number"};
        facts.subject_groups = {"pupils"};
        facts.subjects_count = 12000;
        facts.aware_at = k_start - std::chrono::hours(2);
        m_case = m_app->report_incident(m_actors["reporter"], m_org, facts)->id;
    }

    CustomerInput customer(int n, std::optional<int64_t> hours = 24) {
        return {fmt::format("Kommun {}", n), orgnr(n), {fmt::format("dpo{}@kommun{}.se", n, n)}, "Kim Kontakt", hours,
                "PUB-2024-" + std::to_string(n)};
    }
    std::vector<std::string> add_customers(int count) {
        std::vector<std::string> ids;
        for (int n = 1; n <= count; ++n) {
            auto added = add_customer(*m_app, m_actors["dpo"], m_org, customer(n));
            EXPECT_TRUE(added) << added.error().field << ": " << added.error().message;
            ids.push_back(added->id);
        }
        return ids;
    }
    int64_t count(const std::string& sql) {
        return *storage::transact_value<int64_t>(*m_db, storage::TxMode::read, [&](storage::Connection& db) -> Result<int64_t> {
            auto rows = TRY(db.query(sql));
            return rows.at(0).integer(0);
        });
    }

    std::string m_org, m_other, m_case;
    std::map<std::string, Actor> m_actors;
};

INSTANTIATE_TEST_SUITE_P(Backends, Processor, testing::Values("sqlite", "postgresql"), test_support::backend_name);

TEST_P(Processor, CustomerValidationNamesTheField) {
    auto& dpo = m_actors["dpo"];
    auto bad = customer(1);
    bad.orgnr = "556016-0681"; // wrong check digit
    EXPECT_EQ(add_customer(*m_app, dpo, m_org, bad).error().field, "orgnr");
    bad.orgnr = "5560160680"; // no hyphen
    EXPECT_EQ(add_customer(*m_app, dpo, m_org, bad).error().field, "orgnr");
    bad = customer(1);
    bad.emails = {};
    EXPECT_EQ(add_customer(*m_app, dpo, m_org, bad).error().field, "emails");
    bad.emails = {"inte-en-adress"};
    EXPECT_EQ(add_customer(*m_app, dpo, m_org, bad).error().field, "emails");
    bad = customer(1, 0);
    EXPECT_EQ(add_customer(*m_app, dpo, m_org, bad).error().field, "notice_hours");
    bad = customer(1);
    bad.name = " ";
    EXPECT_EQ(add_customer(*m_app, dpo, m_org, bad).error().field, "name");
    ASSERT_TRUE(add_customer(*m_app, dpo, m_org, customer(1)));
    auto twice = add_customer(*m_app, dpo, m_org, customer(1));
    EXPECT_EQ(twice.error().code, ErrorCode::conflict);
    EXPECT_EQ(twice.error().field, "orgnr");
}

TEST_P(Processor, OnlyDpoAndAdminManageCustomersAndOtherOrganisationsSeeNothing) {
    EXPECT_EQ(add_customer(*m_app, m_actors["handler"], m_org, customer(1)).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(add_customer(*m_app, m_actors["outsider"], m_org, customer(1)).error().code, ErrorCode::not_found);
    auto added = add_customer(*m_app, m_actors["admin"], m_org, customer(1));
    ASSERT_TRUE(added);
    EXPECT_EQ(list_customers(*m_app, m_actors["outsider"], m_org, true).error().code, ErrorCode::not_found);
    EXPECT_EQ(get_customer(*m_app, m_actors["outsider"], m_other, added->id).error().code, ErrorCode::not_found);
    EXPECT_EQ(list_customers(*m_app, m_actors["reporter"], m_org, true).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(list_customers(*m_app, m_actors["handler"], m_org, false)->size(), 1u);
    auto changed = customer(1, 36);
    changed.emails.push_back("incident@kommun1.se");
    auto updated = update_customer(*m_app, m_actors["dpo"], m_org, added->id, changed);
    ASSERT_TRUE(updated);
    EXPECT_EQ(updated->notice_hours, 36);
    EXPECT_EQ(updated->emails.size(), 2u);
    ASSERT_TRUE(set_customer_active(*m_app, m_actors["dpo"], m_org, added->id, false));
    EXPECT_TRUE(list_customers(*m_app, m_actors["dpo"], m_org, false)->empty());
    EXPECT_EQ(list_customers(*m_app, m_actors["dpo"], m_org, true)->size(), 1u);
}

TEST_P(Processor, CsvImportIsAllOrNothingWithLineNumbers) {
    auto& dpo = m_actors["dpo"];
    std::string csv = "namn;orgnr;epost;timmar\n"
                      "Kommun 1;" + orgnr(1) + ";a@kommun1.se;24\n"
                      "Kommun 2;556016-0681;b@kommun2.se;24\n"   // line 3: check digit
                      "\n"
                      "Kommun 4;" + orgnr(4) + ";inte-adress;\n" // line 5: e-mail
                      "Kommun 1 igen;" + orgnr(1) + ";c@kommun1.se;x\n"; // line 6: hours
    auto result = import_customers(*m_app, dpo, m_org, csv);
    ASSERT_TRUE(result);
    ASSERT_EQ(result->errors.size(), 3u);
    EXPECT_EQ(result->errors[0].line, 3u);
    EXPECT_EQ(result->errors[0].field, "orgnr");
    EXPECT_EQ(result->errors[1].line, 5u);
    EXPECT_EQ(result->errors[1].field, "emails");
    EXPECT_EQ(result->errors[2].line, 6u);
    EXPECT_EQ(result->errors[2].field, "notice_hours");
    EXPECT_EQ(count("SELECT COUNT(*) FROM processor_customers"), 0);

    auto duplicate = import_customers(*m_app, dpo, m_org,
                                      "Kommun 1," + orgnr(1) + ",a@kommun1.se,24\nKommun 1b," + orgnr(1) + ",b@kommun1.se,\n");
    ASSERT_EQ(duplicate->errors.size(), 1u);
    EXPECT_EQ(duplicate->errors[0].line, 2u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM processor_customers"), 0);

    auto good = import_customers(*m_app, dpo, m_org,
                                 "Kommun 1," + orgnr(1) + ",a@kommun1.se b@kommun1.se,24\n\"Kommun 2, Utbildning\"," +
                                     orgnr(2) + ",c@kommun2.se,\n");
    ASSERT_TRUE(good && good->errors.empty());
    EXPECT_EQ(good->added, 2);
    auto again = import_customers(*m_app, dpo, m_org, "Kommun Ett," + orgnr(1) + ",a@kommun1.se,36\n");
    EXPECT_EQ(again->updated, 1);
    auto listed = *list_customers(*m_app, dpo, m_org, false);
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[1].name, "Kommun Ett");
    EXPECT_EQ(listed[1].notice_hours, 36);
    EXPECT_EQ(listed[0].name, "Kommun 2, Utbildning");
    EXPECT_FALSE(listed[0].notice_hours);
    EXPECT_EQ(import_customers(*m_app, m_actors["handler"], m_org, "x").error().code, ErrorCode::permission_denied);
}

TEST_P(Processor, FanOutToThreeHundredCustomersInOneTransaction) {
    std::string csv;
    for (int n = 1; n <= 300; ++n)
        csv += fmt::format("Kommun {},{},dpo@kommun{}.se registrator@kommun{}.se,{}\n", n, orgnr(n), n, n, n % 2 ? "24" : "");
    ASSERT_TRUE(import_customers(*m_app, m_actors["dpo"], m_org, csv)->errors.empty());
    auto started = std::chrono::steady_clock::now();
    auto selected = select_customers(*m_app, m_actors["handler"], m_case, {true, {}});
    auto select_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    ASSERT_TRUE(selected) << selected.error().message;
    EXPECT_EQ(selected->added, 300);
    EXPECT_EQ(count("SELECT COUNT(*) FROM processor_notices"), 300);
    // Deadlines from the agreements: awareness (2 h before the start) + 24 h, or none.
    auto overview = *processor_overview(*m_app, m_actors["handler"], m_case);
    int with_deadline = 0;
    for (const auto& view : overview.notices)
        if (view.notice.deadline_at) {
            ++with_deadline;
            EXPECT_EQ(*view.notice.deadline_at, k_start + std::chrono::hours(22));
        }
    EXPECT_EQ(with_deadline, 150);
    started = std::chrono::steady_clock::now();
    auto sent = send_notices(*m_app, m_actors["handler"], m_case, {});
    auto send_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    ASSERT_TRUE(sent) << sent.error().message;
    EXPECT_EQ(sent->notices, 300);
    EXPECT_EQ(sent->mails_queued, 600);
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE kind = 'processor.notice'"), 600);
    EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE recipient = 'controller'"), 300);
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE attachment_name IS NOT NULL"), 600);
    std::cout << "[ figures  ] " << GetParam() << ": select 300 customers " << select_ms << " ms, send 300 notices (600 mails, "
              << "300 PDFs) " << send_ms << " ms\n";
}

TEST_P(Processor, ReselectingAddsOnlyNewCustomersAndOneTransactionFailsWhole) {
    auto ids = add_customers(3);
    auto first = select_customers(*m_app, m_actors["dpo"], m_case, {false, {ids[0], ids[1]}});
    ASSERT_TRUE(first);
    EXPECT_EQ(first->added, 2);
    // An unknown id refuses the whole selection, also the known new customer beside it.
    auto refused = select_customers(*m_app, m_actors["dpo"], m_case, {false, {ids[2], "nope"}});
    EXPECT_EQ(refused.error().field, "customer_ids");
    EXPECT_EQ(count("SELECT COUNT(*) FROM processor_notices"), 2);
    auto second = select_customers(*m_app, m_actors["dpo"], m_case, {true, {}});
    EXPECT_EQ(second->added, 1);
    EXPECT_EQ(second->already, 2);
    EXPECT_EQ(second->total, 3);
    // An unknown id refuses the whole selection.
    auto bad = select_customers(*m_app, m_actors["dpo"], m_case, {false, {ids[0], "nope"}});
    EXPECT_EQ(bad.error().field, "customer_ids");
    EXPECT_EQ(select_customers(*m_app, m_actors["dpo"], m_case, {false, {}}).error().field, "customer_ids");
    EXPECT_EQ(count("SELECT COUNT(*) FROM processor_notices"), 3);
}

TEST_P(Processor, MailsAreQueuedOncePerAddressAndOverdueShows) {
    auto ids = add_customers(2);
    ASSERT_TRUE(select_customers(*m_app, m_actors["handler"], m_case, {true, {}}));
    m_clock.advance(std::chrono::hours(23)); // past awareness + 24 h
    auto overview = *processor_overview(*m_app, m_actors["handler"], m_case);
    EXPECT_EQ(overview.counts.overdue, 2);
    auto first_notice = overview.notices[0].notice.id;
    auto sent = send_notices(*m_app, m_actors["handler"], m_case, {first_notice});
    ASSERT_TRUE(sent);
    EXPECT_EQ(sent->notices, 1);
    EXPECT_EQ(sent->mails_queued, 1);
    EXPECT_TRUE(sent->pdf_attached);
    auto again = send_notices(*m_app, m_actors["handler"], m_case, {});
    EXPECT_EQ(again->notices, 1);
    EXPECT_EQ(send_notices(*m_app, m_actors["handler"], m_case, {})->notices, 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE kind = 'processor.notice'"), 2);
    EXPECT_EQ(count("SELECT COUNT(DISTINCT dedupe_key) FROM outbox WHERE kind = 'processor.notice'"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE recipient = 'controller' AND late = 1"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE recipient = 'controller' AND details_json LIKE "
                    "'{\"details\":{\"customer_id\":%' AND document_json LIKE '%processor-notice%'"), 2);
    overview = *processor_overview(*m_app, m_actors["auditor"], m_case);
    EXPECT_EQ(overview.counts.sent, 2);
    EXPECT_EQ(overview.counts.overdue, 0);
    EXPECT_FALSE(overview.may_notify);
    auto body = *storage::transact_value<std::string>(*m_db, storage::TxMode::read, [&](storage::Connection& db) -> Result<std::string> {
        return TRY(db.query("SELECT body FROM outbox WHERE kind = 'processor.notice' ORDER BY to_address"))[0].text(0);
    });
    EXPECT_NE(body.find("Underrättelse om personuppgiftsincident"), std::string::npos);
    EXPECT_NE(body.find("Ännu inte känt"), std::string::npos); // consequences not given
    EXPECT_NE(body.find("72"), std::string::npos);
    EXPECT_NE(body.find("Dora Dataskydd"), std::string::npos);
    auto attachment = *storage::transact_value<std::string>(*m_db, storage::TxMode::read, [&](storage::Connection& db) -> Result<std::string> {
        return TRY(db.query("SELECT attachment FROM outbox WHERE kind = 'processor.notice' ORDER BY to_address"))[0].blob(0);
    });
    EXPECT_TRUE(attachment.starts_with("%PDF-")) << attachment.substr(0, 8);
}

TEST_P(Processor, OtherWaysAcknowledgementsAndQuestions) {
    auto ids = add_customers(1);
    ASSERT_TRUE(select_customers(*m_app, m_actors["handler"], m_case, {true, {}}));
    auto notice = processor_overview(*m_app, m_actors["handler"], m_case)->notices.at(0).notice;
    EXPECT_EQ(acknowledge_notice(*m_app, m_actors["handler"], m_case, notice.id, k_start, "Kim").error().code,
              ErrorCode::conflict);
    EXPECT_EQ(mark_notice_sent(*m_app, m_actors["handler"], m_case, notice.id, "pigeon", k_start).error().field, "via");
    EXPECT_EQ(mark_notice_sent(*m_app, m_actors["handler"], m_case, notice.id, "phone", k_start + std::chrono::hours(5))
                  .error().field, "sent_at");
    auto marked = mark_notice_sent(*m_app, m_actors["handler"], m_case, notice.id, "phone", k_start);
    ASSERT_TRUE(marked);
    EXPECT_EQ(marked->sent_via, "phone");
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE kind = 'processor.notice'"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE recipient = 'controller'"), 1);
    EXPECT_EQ(acknowledge_notice(*m_app, m_actors["handler"], m_case, notice.id, k_start, "").error().field,
              "acknowledged_by");
    auto acknowledged = acknowledge_notice(*m_app, m_actors["dpo"], m_case, notice.id, k_start, "Kim Kontakt");
    ASSERT_TRUE(acknowledged);
    EXPECT_EQ(acknowledged->status, "acknowledged");
    auto question = add_notice_question(*m_app, m_actors["handler"], m_case, notice.id,
                                        {k_start, "Gäller det även förskolan?", ""});
    ASSERT_TRUE(question);
    auto overview = *processor_overview(*m_app, m_actors["handler"], m_case);
    EXPECT_EQ(overview.counts.with_open_questions, 1);
    EXPECT_EQ(overview.counts.acknowledged, 1);
    ASSERT_TRUE(answer_notice_question(*m_app, m_actors["handler"], m_case, question->id, "Nej, bara grundskolan."));
    EXPECT_EQ(answer_notice_question(*m_app, m_actors["handler"], m_case, question->id, "Igen").error().code,
              ErrorCode::conflict);
    EXPECT_EQ(processor_overview(*m_app, m_actors["handler"], m_case)->counts.with_open_questions, 0);
    EXPECT_EQ(add_notice_question(*m_app, m_actors["handler"], m_case, notice.id, {k_start, "", ""}).error().field,
              "question");
    EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'processor_notice.%'"), 5);
}

TEST_P(Processor, RolesAndOtherOrganisations) {
    auto ids = add_customers(1);
    EXPECT_EQ(select_customers(*m_app, m_actors["reporter"], m_case, {true, {}}).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(select_customers(*m_app, m_actors["auditor"], m_case, {true, {}}).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(select_customers(*m_app, m_actors["outsider"], m_case, {true, {}}).error().code, ErrorCode::not_found);
    EXPECT_EQ(processor_overview(*m_app, m_actors["outsider"], m_case).error().code, ErrorCode::not_found);
    // A customer of another organisation cannot be selected on this case.
    auto foreign = add_customer(*m_app, m_actors["outsider"], m_other, customer(9));
    ASSERT_TRUE(foreign);
    EXPECT_EQ(select_customers(*m_app, m_actors["dpo"], m_case, {false, {foreign->id}}).error().field, "customer_ids");
    ASSERT_TRUE(select_customers(*m_app, m_actors["dpo"], m_case, {true, {}}));
    auto notice = processor_overview(*m_app, m_actors["dpo"], m_case)->notices.at(0).notice;
    EXPECT_EQ(mark_notice_sent(*m_app, m_actors["outsider"], m_case, notice.id, "phone", k_start).error().code,
              ErrorCode::not_found);
}

TEST_P(Processor, TheNoticeDocumentInBothLanguages) {
    auto ids = add_customers(1);
    DocumentRequest request{DocumentKind::processor_notice, "en", 0, ids[0]};
    auto document = m_app->document(&m_actors["handler"], m_case, request);
    ASSERT_TRUE(document) << document.error().message;
    EXPECT_EQ(document->title, "Notice of a personal data breach to the controller");
    EXPECT_EQ(document->addressee.at(0), "Kommun 1");
    EXPECT_FALSE(document->complete());
    bool consequences_missing = false;
    for (const auto& missing : document->missing) consequences_missing = consequences_missing || missing.key == "consequences";
    EXPECT_TRUE(consequences_missing);
    auto text = notice_text(*document);
    EXPECT_NE(text.find("Personal identity or coordination numbers"), std::string::npos);
    EXPECT_NE(text.find("12000"), std::string::npos);
    request.language = "sv";
    auto swedish = m_app->document(&m_actors["handler"], m_case, request);
    ASSERT_TRUE(swedish);
    EXPECT_NE(notice_text(*swedish).find("Personnummer eller samordningsnummer"), std::string::npos);
    // This controller's own figures, when given, replace the totals in its notice.
    ASSERT_TRUE(select_customers(*m_app, m_actors["handler"], m_case, {true, {}}));
    auto notice = processor_overview(*m_app, m_actors["handler"], m_case)->notices.at(0).notice;
    EXPECT_EQ(set_notice_figures(*m_app, m_actors["handler"], m_case, notice.id, -1, {}).error().field, "subjects_count");
    ASSERT_TRUE(set_notice_figures(*m_app, m_actors["handler"], m_case, notice.id, 40, std::nullopt));
    request.language = "en";
    auto own = notice_text(*m_app->document(&m_actors["handler"], m_case, request));
    EXPECT_NE(own.find("40 (yours)"), std::string::npos);
    EXPECT_EQ(own.find("12000"), std::string::npos);
    ASSERT_TRUE(send_notices(*m_app, m_actors["handler"], m_case, {}));
    EXPECT_EQ(set_notice_figures(*m_app, m_actors["handler"], m_case, notice.id, 41, {}).error().code, ErrorCode::conflict);
    request.recipient_id = "someone-else";
    EXPECT_EQ(m_app->document(&m_actors["handler"], m_case, request).error().field, "recipient");
}

} // namespace

TEST_P(Processor, TheNoticeNeverCarriesTheCaseDescriptionOnlyTheTextForTheControllers) {
    domain::IncidentFacts facts;
    facts.title = "Omdömen i fel klass";
    facts.what_happened = "unauthorised_access";
    facts.description = "Eleverna Anna Berg 570428-9999 och Bo Ek 811218-9876 syntes för fel klass.";
    facts.consequences = "Anna Berg (anna.berg@exempel.se) kan bli utsatt.";
    facts.measures = "Vi ringde Bo Ek på 070-123 45 67.";
    auto id = m_app->report_incident(m_actors["reporter"], m_org, facts)->id;
    auto ids = add_customers(1);
    DocumentRequest request{DocumentKind::processor_notice, "sv", 0, ids[0]};
    auto before = m_app->document(&m_actors["handler"], id, request);
    ASSERT_TRUE(before) << before.error().message;
    auto json = doc::render_json(*before);
    for (std::string_view leaked : {"570428-9999", "811218-9876", "anna.berg@", "070-123", "Anna Berg"})
        EXPECT_EQ(json.find(leaked), std::string::npos) << leaked;
    std::vector<std::string> missing;
    for (const auto& item : before->missing) missing.push_back(item.key);
    for (std::string key : {"breach.description", "consequences", "measures"})
        EXPECT_NE(std::find(missing.begin(), missing.end(), key), missing.end()) << key;

    EXPECT_EQ(save_notice_text(*m_app, m_actors["auditor"], id, {"x", "", "", {}}).error().code, ErrorCode::permission_denied);
    auto saved = save_notice_text(*m_app, m_actors["handler"], id,
                                  {"Obehöriga kunde se omdömen i skolplattformen.", "Uppgifter om elever kan spridas.",
                                   "Behörigheterna är rättade.", {}});
    ASSERT_TRUE(saved) << saved.error().message;
    auto after = notice_text(*m_app->document(&m_actors["handler"], id, request));
    EXPECT_NE(after.find("Obehöriga kunde se omdömen"), std::string::npos);
    EXPECT_NE(after.find("Behörigheterna är rättade."), std::string::npos);
    EXPECT_EQ(after.find("570428-9999"), std::string::npos);
    auto overview = *processor_overview(*m_app, m_actors["handler"], id);
    EXPECT_EQ(overview.text.description, "Obehöriga kunde se omdömen i skolplattformen.");
    EXPECT_TRUE(overview.warnings.empty());
}

TEST_P(Processor, SendingATextWithPersonalDataIsRefusedNamingTheFieldUntilAcknowledged) {
    add_customers(2);
    ASSERT_TRUE(select_customers(*m_app, m_actors["handler"], m_case, {true, {}}));
    ASSERT_TRUE(save_notice_text(*m_app, m_actors["handler"], m_case,
                                 {"Eleven 570428-9999 kunde ses av andra.", "Uppgifter kan spridas.", "Rättat.", {}}));
    auto overview = *processor_overview(*m_app, m_actors["handler"], m_case);
    ASSERT_EQ(overview.warnings.size(), 1u);
    EXPECT_EQ(overview.warnings[0].key, "description");
    auto refused = send_notices(*m_app, m_actors["handler"], m_case, {});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(refused.error().field, "description");
    EXPECT_NE(refused.error().message.find("acknowledge_personal_data"), std::string::npos);
    EXPECT_EQ(refused.error().message.find("570428"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE kind = 'processor.notice'"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM processor_notices WHERE sent_at IS NOT NULL"), 0);

    auto sent = send_notices(*m_app, m_actors["handler"], m_case, {}, {"description"});
    ASSERT_TRUE(sent) << sent.error().message;
    EXPECT_EQ(sent->notices, 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.acknowledge' AND after_json LIKE "
                    "'%\"document\":\"processor-notice\"%' AND after_json LIKE '%\"field\":\"description\"%' AND "
                    "after_json NOT LIKE '%570428%' AND actor_id = '" + m_actors["handler"].user_id + "'"),
              1);
}
