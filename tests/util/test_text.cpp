#include <gtest/gtest.h>

#include "util/text.hpp"

using skydda::text::valid_utf8;

TEST(ValidUtf8, AcceptsWellFormedTextOfEveryLength) {
    EXPECT_TRUE(valid_utf8(""));
    EXPECT_TRUE(valid_utf8("Örjan på förvaltningen"));
    EXPECT_TRUE(valid_utf8("\xE2\x82\xAC och \xF0\x9F\x98\x80"));       // €, an emoji
    EXPECT_TRUE(valid_utf8(std::string(40, 'a') + "å" + std::string(40, 'b'))); // across 16-byte blocks
    EXPECT_TRUE(valid_utf8("\xED\x9F\xBF\xF4\x8F\xBF\xBF"));            // U+D7FF, U+10FFFF
}

TEST(ValidUtf8, RefusesEveryKindOfMalformedSequence) {
    for (const char* bad : {"\xC3", "\xC3(", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                            "\xF5\x80\x80\x80", "\x80", "\xE2\x82", "\xFF"}) {
        EXPECT_FALSE(valid_utf8(bad)) << "bytes at the end";
        EXPECT_FALSE(valid_utf8(std::string(17, 'x') + bad + std::string(20, 'y'))) << "bytes in a block";
    }
    EXPECT_FALSE(valid_utf8(std::string(31, 'x') + "\xC3")); // a lead byte cut off at a block's end
}

TEST(LowerLatin, LowersAsciiAndLatin1LettersOnly) {
    EXPECT_EQ(skydda::text::lower_latin("ÅSA ÖBERG, ÉMILE & Ärende 42 ×"), "åsa öberg, émile & ärende 42 ×");
    EXPECT_EQ(skydda::text::lower_latin("Personnummer"), "personnummer");
}
