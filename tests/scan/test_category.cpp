#include <gtest/gtest.h>

#include "scan/category.hpp"

using namespace skydda::scan;

TEST(Category, CodesRoundTripAndMapOntoTheContract) {
    for (auto category : all_categories()) EXPECT_EQ(parse_category(category_code(category)), category);
    EXPECT_EQ(contract_data_code(Category::email), "contact");
    EXPECT_EQ(contract_data_code(Category::organisation_number), "");
    EXPECT_TRUE(is_special(Category::health));
    EXPECT_FALSE(is_special(Category::id_document));
    EXPECT_FALSE(parse_category("nonsense"));
}
