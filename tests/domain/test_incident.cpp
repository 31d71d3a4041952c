#include <gtest/gtest.h>

#include "domain/incident.hpp"
#include "domain/roles.hpp"

using namespace skydda;
using namespace skydda::domain;

namespace {
const Instant k_now = *parse_rfc3339("2026-11-23T12:00:00+01:00", "now");
IncidentFacts valid() {
    IncidentFacts facts;
    facts.title = "USB-minne tappat på bussen";
    facts.what_happened = "loss";
    facts.data = {"name", "health"};
    facts.subject_groups = {"patients"};
    return facts;
}
std::string field_of(const IncidentFacts& facts) {
    auto result = validate_facts(facts, k_now);
    return result ? std::string("(valid)") : result.error().field;
}
} // namespace

TEST(IncidentFacts, AValidReportPasses) { EXPECT_EQ(field_of(valid()), "(valid)"); }

TEST(IncidentFacts, EachProblemNamesItsField) {
    auto facts = valid();
    facts.title = " ";
    EXPECT_EQ(field_of(facts), "title");
    facts = valid();
    facts.title = std::string(201, 'a');
    EXPECT_EQ(field_of(facts), "title");
    facts = valid();
    facts.what_happened = "stolen";
    EXPECT_EQ(field_of(facts), "what_happened");
    facts = valid();
    facts.data.push_back("shoe_size");
    EXPECT_EQ(field_of(facts), "data");
    facts = valid();
    facts.data.push_back("name");
    EXPECT_EQ(field_of(facts), "data");
    facts = valid();
    facts.subject_groups = {"aliens"};
    EXPECT_EQ(field_of(facts), "subjects.groups");
    facts = valid();
    facts.subjects_count = -1;
    EXPECT_EQ(field_of(facts), "subjects.count");
    facts = valid();
    facts.effects.availability = "gone";
    EXPECT_EQ(field_of(facts), "effects.availability");
    facts = valid();
    facts.description = std::string("\xff\xfe", 2);
    EXPECT_EQ(field_of(facts), "description");
}

// Issue 11: control characters are refused in every free text of the facts, naming the field.
TEST(IncidentFacts, ControlCharactersAreRefusedNamingTheField) {
    auto facts = valid();
    facts.description = std::string("Rad ett\0dold", 12);
    auto refused = validate_facts(facts, k_now);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "description");
    EXPECT_EQ(refused.error().message, "must not contain control characters (found U+0000)");
    facts = valid();
    facts.title = "Titel\xC2\x85mer";
    EXPECT_EQ(field_of(facts), "title");
    facts = valid();
    facts.measures = "a\x1b[2Jb";
    EXPECT_EQ(field_of(facts), "measures");
    facts = valid();
    facts.consequences = "Rad ett\r\nRad två\n\tindrag";
    EXPECT_EQ(field_of(facts), "(valid)") << "tab, LF and CRLF are text";
}

TEST(IncidentFacts, TimesMustBeInOrderAndNotInTheFuture) {
    auto facts = valid();
    facts.occurred_at = k_now - std::chrono::hours(5);
    facts.discovered_at = k_now - std::chrono::hours(6);
    EXPECT_EQ(field_of(facts), "discovered_at");
    facts = valid();
    facts.aware_at = k_now + std::chrono::hours(1);
    EXPECT_EQ(field_of(facts), "aware_at");
}

TEST(Roles, AuditorReadsEverythingAndChangesNothing) {
    EXPECT_TRUE(role_allows(Role::auditor, Action::read_all_cases));
    EXPECT_TRUE(role_allows(Role::auditor, Action::read_audit));
    for (auto action : {Action::register_case, Action::assign, Action::edit_facts, Action::change_status,
                        Action::write_notes, Action::manage_tasks, Action::ask_reporter, Action::upload_attachment,
                        Action::administer, Action::notify, Action::manage_templates, Action::write_dpo_report,
                        Action::manage_register, Action::approve_register})
        EXPECT_FALSE(role_allows(Role::auditor, action));
}

TEST(Roles, ReporterSeesOnlyOwnReports) {
    EXPECT_TRUE(role_allows(Role::reporter, Action::report));
    EXPECT_FALSE(role_allows(Role::reporter, Action::read_all_cases));
}

TEST(Roles, AdminAdministersButDoesNotReadCaseFiles) {
    EXPECT_TRUE(role_allows(Role::admin, Action::administer));
    EXPECT_FALSE(role_allows(Role::admin, Action::read_all_cases));
}

TEST(Roles, RegistrarRegistersHandlerAndDpoWorkTheCase) {
    EXPECT_TRUE(role_allows(Role::registrar, Action::register_case));
    EXPECT_FALSE(role_allows(Role::registrar, Action::edit_facts));
    EXPECT_TRUE(role_allows(Role::handler, Action::edit_facts));
    EXPECT_TRUE(role_allows(Role::dpo, Action::change_status));
    EXPECT_FALSE(role_allows(Role::manager, Action::change_status));
    EXPECT_TRUE(role_allows(Role::manager, Action::write_notes));
    // Notifications leave the organisation: the handler and the DPO prepare and record them.
    EXPECT_TRUE(role_allows(Role::handler, Action::notify));
    EXPECT_TRUE(role_allows(Role::dpo, Action::notify));
    for (auto role : {Role::reporter, Role::registrar, Role::manager, Role::infosec, Role::admin})
        EXPECT_FALSE(role_allows(role, Action::notify));
    EXPECT_TRUE(role_allows(Role::dpo, Action::manage_templates));
    EXPECT_FALSE(role_allows(Role::handler, Action::manage_templates));
    // The annual report's own text is the DPO's word and no one else's.
    for (auto role : k_all_roles) EXPECT_EQ(role_allows(role, Action::write_dpo_report), role == Role::dpo);
    // The register of processing: the DPO and the administrator keep it; only the DPO approves.
    for (auto role : k_all_roles) {
        EXPECT_EQ(role_allows(role, Action::manage_register), role == Role::dpo || role == Role::admin);
        EXPECT_EQ(role_allows(role, Action::approve_register), role == Role::dpo);
    }
}

TEST(Time, TimestampsWithoutOffsetAreRefused) {
    auto result = parse_rfc3339("2026-10-23T09:00:00", "aware_at");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().field, "aware_at");
    EXPECT_NE(result.error().message.find("offset"), std::string::npos);
    EXPECT_EQ(format_utc(*parse_rfc3339("2026-10-23T09:00:00.123+02:00", "t")), "2026-10-23T07:00:00Z");
}

TEST(Time, StockholmLocalInputAcrossChanges) {
    EXPECT_FALSE(parse_stockholm_local("2026-03-29T02:30", "t")); // skipped hour
    EXPECT_EQ(format_utc(*parse_stockholm_local("2026-10-25T02:30", "t")), "2026-10-25T00:30:00Z"); // earlier
    EXPECT_EQ(format_utc(*parse_stockholm_local("2026-07-01T12:00", "t")), "2026-07-01T10:00:00Z");
}

TEST(Time, StockholmFormattingCarriesTheOffsetInForce) {
    EXPECT_EQ(format_stockholm(*parse_rfc3339("2026-07-01T10:00:00Z", "t")), "2026-07-01T12:00:00+02:00");
    EXPECT_EQ(format_stockholm(*parse_rfc3339("2026-12-31T23:30:00Z", "t")), "2027-01-01T00:30:00+01:00");
    EXPECT_EQ(format_stockholm(*parse_rfc3339("2026-10-25T00:59:59Z", "t")), "2026-10-25T02:59:59+02:00");
    EXPECT_EQ(format_stockholm(*parse_rfc3339("2026-10-25T01:00:00Z", "t")), "2026-10-25T02:00:00+01:00");
    EXPECT_EQ(format_utc(*parse_rfc3339("1999-02-28T23:59:59-05:00", "t")), "1999-03-01T04:59:59Z");
}
