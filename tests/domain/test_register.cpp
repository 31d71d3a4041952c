// The register of processing activities' rules (domain/register.hpp): the checks name the field
// at fault, a processor without an agreement is flagged, an activity lists the art. 30 items it
// lacks and the problems that must not pass silently.
#include <gtest/gtest.h>

#include "domain/register.hpp"

using namespace skydda;
using namespace skydda::domain::reg;

namespace {

std::string field_of(const Status& status) { return status ? std::string() : status.error().field; }

Activity complete() {
    Activity a;
    a.name = "Elevhälsans journalföring";
    a.purposes = {"Dokumentera elevhälsans insatser"};
    a.legal_bases = {"6.1.c"};
    a.special_category_bases = {"9.2.h"};
    a.subject_groups = {"pupils"};
    a.data = {"name", "health"};
    a.recipients = {{"Skolläkare", RecipientKind::internal, ""}};
    a.retention = "Gallras inte (arkivlagen).";
    a.security_measures = "Behörighetsstyrning, loggning.";
    a.owner = "u1";
    return a;
}

} // namespace

TEST(Register, ASupplierNeedsANameACountryAndGoodDates) {
    Supplier s{"Skolplattformen AB", "556677-8899", "SE", SupplierRole::processor, {}, {}, ""};
    EXPECT_TRUE(check_supplier(s));
    auto bad = s;
    bad.name = " ";
    EXPECT_EQ(field_of(check_supplier(bad)), "name");
    bad = s;
    bad.country = "Sverige";
    EXPECT_EQ(field_of(check_supplier(bad)), "country");
    bad = s;
    bad.orgnr = "5566778899";
    EXPECT_EQ(field_of(check_supplier(bad)), "orgnr");
    bad = s;
    bad.agreement = {"2026-13-01", "", ""};
    EXPECT_EQ(field_of(check_supplier(bad)), "agreement.signed_on");
    bad = s;
    bad.agreement = {"2026-03-01", "PUB-1", "2025-03-01"};
    EXPECT_EQ(field_of(check_supplier(bad)), "agreement.expires_on");
}

TEST(Register, AProcessorWithoutASignedAgreementIsFlagged) {
    Supplier s{"Molnet Inc", "", "US", SupplierRole::processor, {}, {}, ""};
    EXPECT_EQ(supplier_flags(s, "2026-12-07"), (std::vector<std::string>{"no_agreement", "third_country"}));
    s.agreement = {"2024-01-01", "PUB-7", "2026-06-30"};
    EXPECT_EQ(supplier_flags(s, "2026-12-07"), (std::vector<std::string>{"agreement_expired", "third_country"}));
    s.country = "NO"; // the EEA
    s.agreement.expires_on = "2027-06-30";
    EXPECT_TRUE(supplier_flags(s, "2026-12-07").empty());
    Supplier independent{"Skatteverket", "202100-5448", "SE", SupplierRole::independent_controller, {}, {}, ""};
    EXPECT_TRUE(supplier_flags(independent, "2026-12-07").empty()) << "no PUB-avtal between controllers";
}

TEST(Register, SystemsTakeKlassaLevelsZeroToFour) {
    System s{"Elevregistret", "", "", "SE", {3, 2, 2}};
    EXPECT_TRUE(check_system(s));
    s.klassa.r = 5;
    EXPECT_EQ(field_of(check_system(s)), "klassa.r");
    s.klassa.r = 2;
    s.hosting_country = "se";
    EXPECT_EQ(field_of(check_system(s)), "hosting_country");
}

TEST(Register, AnActivitysCodesAreTheContractsAndEachBadOneIsNamed) {
    EXPECT_TRUE(check_activity(complete()));
    auto a = complete();
    a.legal_bases = {"6.1.g"};
    EXPECT_EQ(field_of(check_activity(a)), "legal_bases");
    a = complete();
    a.special_category_bases = {"9.1.a"};
    EXPECT_EQ(field_of(check_activity(a)), "special_category_bases");
    a = complete();
    a.data = {"shoe_size"};
    EXPECT_EQ(field_of(check_activity(a)), "data");
    a = complete();
    a.subject_groups = {"martians"};
    EXPECT_EQ(field_of(check_activity(a)), "subject_groups");
    a = complete();
    a.recipients.push_back({"", RecipientKind::authority, ""});
    EXPECT_EQ(field_of(check_activity(a)), "recipients[1].name");
    a = complete();
    a.transfers = {{"DE", std::nullopt, ""}};
    EXPECT_EQ(field_of(check_activity(a)), "transfers[0].country") << "Germany is no third country";
    a = complete();
    a.review_interval_months = 0;
    EXPECT_EQ(field_of(check_activity(a)), "review_interval_months");
    Activity draft;
    draft.name = "Bara ett namn";
    EXPECT_TRUE(check_activity(draft)) << "a draft needs only its name";
    draft.name = "";
    EXPECT_EQ(field_of(check_activity(draft)), "name");
}

TEST(Register, MissingItemsAreTheArticle30sAndAProcessorsAreItsOwn) {
    EXPECT_TRUE(missing_items(complete()).empty());
    Activity draft;
    draft.name = "Utkast";
    EXPECT_EQ(missing_items(draft), (std::vector<std::string>{"purposes", "legal_bases", "subject_groups", "data",
                                                              "recipients", "retention", "security_measures", "owner"}));
    draft.on_behalf_of = {"customer-1"}; // art. 30(2): the controller's purposes are not the processor's to state
    EXPECT_EQ(missing_items(draft), (std::vector<std::string>{"security_measures", "owner"}));
}

TEST(Register, ProblemsAreShownNotSilentlyAccepted) {
    EXPECT_TRUE(activity_problems(complete()).empty());
    auto a = complete();
    a.special_category_bases.clear();
    EXPECT_EQ(activity_problems(a), (std::vector<std::string>{"special_category_without_basis"}));
    a = complete();
    a.data.push_back("criminal_offences");
    EXPECT_EQ(activity_problems(a), (std::vector<std::string>{"criminal_data_without_basis"}));
    a.criminal_data_basis = "Lag (2018:1200) 3 kap.";
    EXPECT_TRUE(activity_problems(a).empty());
    a = complete();
    a.transfers = {{"US", std::nullopt, ""}};
    EXPECT_EQ(activity_problems(a), (std::vector<std::string>{"transfer_without_mechanism"}));
    a.transfers[0].mechanism = TransferMechanism::scc;
    EXPECT_TRUE(activity_problems(a).empty());
    a = complete();
    a.legal_bases = {"6.1.f"};
    EXPECT_EQ(activity_problems(a), (std::vector<std::string>{"legitimate_interest_without_balancing"}));
    a.balancing_test = "Intresset väger tyngre eftersom …";
    EXPECT_TRUE(activity_problems(a).empty());
    a.data = {"name", "personal_identity_number"};
    a.special_category_bases.clear();
    EXPECT_TRUE(activity_problems(a).empty()) << "a personal identity number is sensitive in Sweden but not art. 9";
}
