// The register of processing activities as use cases (app/register/register.hpp), on both
// backends: a group's suppliers and systems kept once and used by every member's activities,
// who may change and read them, an activity's references, versions and approval, and a
// supplier's exposure through its sub-processors, never naming an organisation the caller
// cannot see.
#include <gtest/gtest.h>

#include "app/processor/processor.hpp"
#include "app/register/register.hpp"
#include "support/app_test.hpp"

using namespace skydda;
using namespace skydda::app;
namespace reg = skydda::domain::reg;

namespace {

const Instant k_start = *parse_rfc3339("2026-12-07T10:00:00+01:00", "start");

class RegisterUseCases : public test_support::AppTest {
protected:
    RegisterUseCases() : AppTest(k_start) {}
    void SetUp() override {
        AppTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        m_school = *m_app->add_organisation(nullptr, {"Utbildningsnämnden", "212000-0001", "public"});
        m_social = *m_app->add_organisation(nullptr, {"Socialnämnden", "212000-0002", "public"});
        m_outside = *m_app->add_organisation(nullptr, {"Grannkommunen", "212000-0003", "public"});
        m_group = add_group(*m_app, nullptr, "Exempelby kommun")->id;
        ASSERT_TRUE(set_organisation_group(*m_app, nullptr, m_school, m_group));
        ASSERT_TRUE(set_organisation_group(*m_app, nullptr, m_social, m_group));
        m_dpo = person(m_school, "dpo");
        m_social_dpo = person(m_social, "dpo");
        m_handler = person(m_school, "handler");
        m_reporter = person(m_school, "reporter");
        m_outsider = person(m_outside, "dpo");
    }

    reg::Supplier supplier(std::string name, reg::SupplierRole role = reg::SupplierRole::processor) {
        return {std::move(name), "556036-0793", "SE", role, {"2025-01-15", "PUB-2025-1", ""}, {}, "support@example.se"};
    }
    reg::Activity activity(std::string name, std::vector<std::string> suppliers = {}, std::vector<std::string> systems = {}) {
        reg::Activity a;
        a.name = std::move(name);
        a.purposes = {"Elevernas skolgång"};
        a.legal_bases = {"6.1.e"};
        a.subject_groups = {"pupils"};
        a.data = {"name", "contact"};
        a.recipients = {{"Vårdnadshavare", reg::RecipientKind::third_party, ""}};
        a.retention = "Gallras efter tre år.";
        a.security_measures = "Behörighetsstyrning.";
        a.suppliers = std::move(suppliers);
        a.systems = std::move(systems);
        return a;
    }

    std::string m_school, m_social, m_outside, m_group;
    Actor m_dpo, m_social_dpo, m_handler, m_reporter, m_outsider;
};

} // namespace

TEST_P(RegisterUseCases, AGroupKeepsItsSuppliersOnceForEveryMemberAndOnlyItsKeepersChangeThem) {
    auto added = add_supplier(*m_app, m_dpo, m_group, supplier("Skolplattformen AB"));
    ASSERT_TRUE(added) << added.error().field << ": " << added.error().message;
    EXPECT_EQ(added->version, 1);
    // The social services' DPO sees and edits the same supplier: it is the group's.
    auto seen = list_suppliers(*m_app, m_social_dpo, m_group);
    ASSERT_TRUE(seen);
    ASSERT_EQ(seen->size(), 1u);
    auto changed = supplier("Skolplattformen AB");
    changed.agreement.reference = "PUB-2025-2";
    auto updated = update_supplier(*m_app, m_social_dpo, added->id, changed, 1);
    ASSERT_TRUE(updated) << updated.error().message;
    EXPECT_EQ(updated->version, 2);
    EXPECT_EQ(update_supplier(*m_app, m_dpo, added->id, changed, 1).error().code, ErrorCode::failed_precondition)
        << "a save over a version no longer current";
    // A handler reads it (they link cases to the register) but does not change it; a reporter
    // does neither; another municipality's DPO learns nothing of the group.
    EXPECT_TRUE(get_supplier(*m_app, m_handler, added->id));
    EXPECT_EQ(add_supplier(*m_app, m_handler, m_group, supplier("X")).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(list_suppliers(*m_app, m_reporter, m_group).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(get_supplier(*m_app, m_outsider, added->id).error().code, ErrorCode::not_found);
    EXPECT_EQ(list_suppliers(*m_app, m_outsider, m_group).error().code, ErrorCode::not_found);
    // A bad organisation number and a sub-processor outside the group are named.
    auto bad = supplier("Fel AB");
    bad.orgnr = "556036-0794";
    EXPECT_EQ(add_supplier(*m_app, m_dpo, m_group, bad).error().field, "orgnr");
    bad = supplier("Fel AB");
    bad.sub_processors = {"no-such-id"};
    EXPECT_EQ(add_supplier(*m_app, m_dpo, m_group, bad).error().field, "sub_processors");
    // A processor without a signed agreement is flagged.
    auto unsigned_one = supplier("Osignerat AB");
    unsigned_one.agreement = {};
    auto flagged = add_supplier(*m_app, m_dpo, m_group, unsigned_one);
    ASSERT_TRUE(flagged);
    EXPECT_EQ(supplier_flags(*m_app, *flagged), (std::vector<std::string>{"no_agreement"}));
}

TEST_P(RegisterUseCases, AnActivityNamesTheGroupsSystemsAndSuppliersAndIsApprovedByTheDpoWhenComplete) {
    auto vendor = *add_supplier(*m_app, m_dpo, m_group, supplier("Skolplattformen AB"));
    auto system = add_system(*m_app, m_dpo, m_group, {"Skolplattformen", vendor.id, m_school, "SE", {2, 2, 2}});
    ASSERT_TRUE(system) << system.error().field << ": " << system.error().message;
    auto draft = reg::Activity{};
    draft.name = "Frånvarohantering";
    auto saved = add_activity(*m_app, m_dpo, m_school, draft);
    ASSERT_TRUE(saved) << saved.error().message;
    EXPECT_EQ(saved->status, reg::ActivityStatus::draft);
    EXPECT_FALSE(reg::missing_items(saved->activity).empty());
    // Approval waits for the missing items; the handler may not approve or change it.
    EXPECT_EQ(set_activity_status(*m_app, m_dpo, saved->id, reg::ActivityStatus::approved, 1).error().field, "status");
    auto full = activity("Frånvarohantering", {vendor.id}, {system->id});
    full.owner = m_dpo.user_id;
    EXPECT_EQ(update_activity(*m_app, m_handler, saved->id, full, 1).error().code, ErrorCode::permission_denied);
    auto complete = update_activity(*m_app, m_dpo, saved->id, full, 1);
    ASSERT_TRUE(complete) << complete.error().field << ": " << complete.error().message;
    EXPECT_TRUE(reg::missing_items(complete->activity).empty());
    auto approved = set_activity_status(*m_app, m_dpo, saved->id, reg::ActivityStatus::approved, 2);
    ASSERT_TRUE(approved) << approved.error().message;
    EXPECT_EQ(approved->status, reg::ActivityStatus::approved);
    // A change after approval makes it a draft again; every version is kept.
    full.retention = "Gallras efter fem år.";
    auto changed = update_activity(*m_app, m_dpo, saved->id, full, 3);
    ASSERT_TRUE(changed);
    EXPECT_EQ(changed->status, reg::ActivityStatus::draft);
    auto history = activity_history(*m_app, m_handler, saved->id);
    ASSERT_TRUE(history);
    ASSERT_EQ(history->size(), 4u);
    EXPECT_EQ(history->at(2).status, reg::ActivityStatus::approved);
    EXPECT_EQ(history->at(3).activity.retention, "Gallras efter fem år.");
    // References outside the organisation or its group are named.
    auto outside_supplier = activity("Fel", {"no-such-supplier"});
    EXPECT_EQ(add_activity(*m_app, m_dpo, m_school, outside_supplier).error().field, "suppliers");
    auto wrong_owner = activity("Fel");
    wrong_owner.owner = m_social_dpo.user_id;
    EXPECT_EQ(add_activity(*m_app, m_dpo, m_school, wrong_owner).error().field, "owner");
    auto ungrouped = activity("Grannens", {vendor.id});
    EXPECT_EQ(add_activity(*m_app, m_outsider, m_outside, ungrouped).error().field, "suppliers");
    // Another organisation's activities are not this DPO's to read.
    EXPECT_EQ(get_activity(*m_app, m_outsider, saved->id).error().code, ErrorCode::not_found);
    EXPECT_EQ(list_activities(*m_app, m_reporter, m_school).error().code, ErrorCode::permission_denied);
}

TEST_P(RegisterUseCases, ASuppliersExposureReachesThroughItsSubProcessorsAndNamesOnlyVisibleOrganisations) {
    // The hosting company is a sub-processor of the school platform and of the care system.
    auto host = *add_supplier(*m_app, m_dpo, m_group, supplier("Drifthallen AB", reg::SupplierRole::sub_processor));
    auto platform_input = supplier("Skolplattformen AB");
    platform_input.sub_processors = {host.id};
    auto platform = *add_supplier(*m_app, m_dpo, m_group, platform_input);
    auto care_input = supplier("Omsorgssystem AB");
    care_input.sub_processors = {host.id};
    auto care = *add_supplier(*m_app, m_social_dpo, m_group, care_input);
    auto journal = *add_system(*m_app, m_social_dpo, m_group, {"Journalsystemet", care.id, m_social, "SE", {3, 3, 2}});
    auto school_activity = activity("Frånvarohantering", {platform.id});
    ASSERT_TRUE(add_activity(*m_app, m_dpo, m_school, school_activity));
    auto care_activity = activity("Dokumentation i hemtjänsten", {}, {journal.id});
    care_activity.subject_groups = {"elderly_care_recipients"};
    care_activity.data = {"name", "health"};
    ASSERT_TRUE(add_activity(*m_app, m_social_dpo, m_social, care_activity));

    // The DPO of both nämnder (a second membership) sees both.
    ASSERT_TRUE(m_app->add_user(nullptr, m_social, m_dpo.email, m_dpo.name, "dpo", std::nullopt));
    auto both = *m_app->load_actor(m_dpo.user_id);
    auto exposure = supplier_exposure(*m_app, both, host.id);
    ASSERT_TRUE(exposure) << exposure.error().message;
    ASSERT_EQ(exposure->organisations.size(), 2u);
    EXPECT_EQ(exposure->through.size(), 2u) << "both processors that use the host";
    EXPECT_EQ(exposure->data, (std::vector<std::string>{"contact", "health", "name"}));
    EXPECT_EQ(exposure->subject_groups, (std::vector<std::string>{"elderly_care_recipients", "pupils"}));
    ASSERT_EQ(exposure->systems.size(), 1u);
    EXPECT_EQ(exposure->systems[0].system.name, "Journalsystemet");
    // The school's handler sees only the school's processing.
    auto narrow = supplier_exposure(*m_app, m_handler, host.id);
    ASSERT_TRUE(narrow);
    ASSERT_EQ(narrow->organisations.size(), 1u);
    EXPECT_EQ(narrow->organisations[0].org_id, m_school);
    EXPECT_EQ(narrow->data, (std::vector<std::string>{"contact", "name"}));
    EXPECT_EQ(supplier_exposure(*m_app, m_outsider, host.id).error().code, ErrorCode::not_found);
}

// A breach at a supplier serving both nämnder: one case in each, in one transaction, each with
// its own case number, the exposed activities linked and their data and groups added.
TEST_P(RegisterUseCases, ASupplierBreachOpensACaseInEveryExposedOrganisationOrNone) {
    auto vendor = *add_supplier(*m_app, m_dpo, m_group, supplier("Skolplattformen AB"));
    auto school_activity = *add_activity(*m_app, m_dpo, m_school, activity("Frånvarohantering", {vendor.id}));
    auto care = activity("Kontakt med vårdnadshavare", {vendor.id});
    care.subject_groups = {"children"};
    care.data = {"name", "social_services"};
    auto care_activity = *add_activity(*m_app, m_social_dpo, m_social, care);
    ASSERT_TRUE(m_app->add_user(nullptr, m_social, m_dpo.email, m_dpo.name, "dpo", std::nullopt));
    auto both = *m_app->load_actor(m_dpo.user_id);

    domain::IncidentFacts base;
    base.title = "Intrång hos Skolplattformen AB";
    base.what_happened = "unauthorised_access";
    base.aware_at = m_clock.now();
    // A unit of the school is no unit of the social services: the second case fails, so none is made.
    auto unit = *m_app->add_unit(nullptr, m_school, "Skolan");
    auto with_unit = base;
    with_unit.unit_id = unit;
    auto refused = report_supplier_breach(*m_app, both, vendor.id, with_unit);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "unit");
    CaseQuery all;
    EXPECT_TRUE(m_app->find_cases(both, all)->items.empty()) << "every case or none";

    auto opened = report_supplier_breach(*m_app, both, vendor.id, base);
    ASSERT_TRUE(opened) << opened.error().field << ": " << opened.error().message;
    ASSERT_EQ(opened->size(), 2u);
    const auto& school_case = opened->at(0).org_id == m_school ? opened->at(0) : opened->at(1);
    const auto& care_case = opened->at(0).org_id == m_school ? opened->at(1) : opened->at(0);
    // Each in its organisation's own series; the refused attempt took no number.
    EXPECT_EQ(school_case.case_number, "PUI 2026/0001");
    EXPECT_EQ(care_case.case_number, "PUI 2026/0001");
    EXPECT_EQ(school_case.facts.processing_activities, (std::vector<std::string>{school_activity.id}));
    EXPECT_EQ(care_case.facts.processing_activities, (std::vector<std::string>{care_activity.id}));
    EXPECT_EQ(care_case.facts.data, (std::vector<std::string>{"name", "social_services"}));
    EXPECT_EQ(care_case.facts.subject_groups, (std::vector<std::string>{"children"}));
    EXPECT_EQ(care_case.facts.processor_name, "Skolplattformen AB");
    EXPECT_EQ(care_case.facts.processor_involved, true);
    // The school's DPO alone opens only the school's case.
    auto alone = report_supplier_breach(*m_app, m_handler, vendor.id, base);
    ASSERT_TRUE(alone);
    ASSERT_EQ(alone->size(), 1u);
    EXPECT_EQ(alone->front().org_id, m_school);
    // A case links only its own organisation's activities.
    auto wrong = base;
    wrong.processing_activities = {care_activity.id};
    EXPECT_EQ(m_app->report_incident(m_handler, m_school, wrong).error().field, "processing_activities");
}

INSTANTIATE_TEST_SUITE_P(Backends, RegisterUseCases, testing::Values("sqlite", "postgresql"), test_support::backend_name);
