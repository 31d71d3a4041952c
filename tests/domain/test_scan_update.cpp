#include <gtest/gtest.h>

#include "domain/scan_update.hpp"

using namespace skydda::domain;

TEST(ScanUpdate, AddsOnlyMissingCategoriesInContractOrder) {
    IncidentFacts facts;
    facts.data = {"health", "name"};
    auto update = scan_update(facts, {"health", "contact", "personal_identity_number"}, 0);
    EXPECT_EQ(update.add_data, (std::vector<std::string>{"contact", "personal_identity_number"}));
    EXPECT_FALSE(update.subjects_count);
    auto after = apply_scan_update(facts, update);
    EXPECT_EQ(after.data, (std::vector<std::string>{"name", "contact", "personal_identity_number", "health"}));
}

TEST(ScanUpdate, RaisesButNeverLowersTheNumberOfPeople) {
    IncidentFacts facts;
    facts.subjects_count = 300;
    EXPECT_FALSE(scan_update(facts, {}, 120).subjects_count);
    EXPECT_EQ(scan_update(facts, {}, 1200).subjects_count, 1200);
    facts.subjects_count.reset(); // unknown: the scan's figure is better than none
    EXPECT_EQ(scan_update(facts, {}, 5).subjects_count, 5);
    EXPECT_TRUE(scan_update(facts, {}, 0).empty());
}
