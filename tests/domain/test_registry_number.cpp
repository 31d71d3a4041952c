#include <gtest/gtest.h>

#include "domain/registry_number.hpp"

using namespace skydda::domain;

TEST(RegistryNumber, DefaultPatternPadsToFourDigits) {
    EXPECT_EQ(format_case_number(k_default_registry_pattern, 2026, 7), "PUI 2026/0007");
    EXPECT_EQ(format_case_number(k_default_registry_pattern, 2026, 12345), "PUI 2026/12345");
}

TEST(RegistryNumber, OtherPatterns) {
    EXPECT_EQ(format_case_number("SN {YYYY}/{NNNN}", 2027, 1), "SN 2027/0001");
    EXPECT_EQ(format_case_number("BUN-{YY}-{NNN}", 2026, 42), "BUN-26-042");
}

TEST(RegistryNumber, PatternMustHaveYearAndSequence) {
    EXPECT_TRUE(validate_registry_pattern("PUI {YYYY}/{NNNN}"));
    auto no_year = validate_registry_pattern("PUI {NNNN}");
    ASSERT_FALSE(no_year);
    EXPECT_EQ(no_year.error().field, "registry_pattern");
    EXPECT_FALSE(validate_registry_pattern("PUI {YYYY}"));
    EXPECT_FALSE(validate_registry_pattern("PUI {YYYY}/{XX}"));
    EXPECT_FALSE(validate_registry_pattern("PUI {YYYY/{NNNN}"));
}
