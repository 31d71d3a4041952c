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

// The one rule for free text (issue 11): control characters refused, tab and line breaks kept.
TEST(FreeText, RefusesNulC0DelAndC1ButKeepsTabNewlineAndCrlf) {
    using skydda::text::check_free_text;
    using skydda::text::first_control_character;
    EXPECT_EQ(first_control_character("Rad 1\n\tRad 2\r\nRad 3 – åäö €"), -1);
    EXPECT_EQ(first_control_character(std::string("a\0b", 3)), 0);
    EXPECT_EQ(first_control_character("a\x1b[31mröd"), 0x1b) << "ESC: terminal escapes";
    EXPECT_EQ(first_control_character("a\x7f"), 0x7f);
    EXPECT_EQ(first_control_character("a\rb"), '\r') << "a CR only as part of CRLF";
    EXPECT_EQ(first_control_character("slut\r"), '\r');
    EXPECT_EQ(first_control_character("a\xC2\x85" "b"), 0x85) << "U+0085 NEXT LINE";
    EXPECT_EQ(first_control_character("\xC2\x80"), 0x80);
    EXPECT_EQ(first_control_character("\xC2\x9F"), 0x9f);
    EXPECT_EQ(first_control_character("\xC2\xA0 \xC2\xA9"), -1) << "NBSP and © are text";

    auto nul = check_free_text("body", std::string("Anteckning\0dold", 15), 100);
    ASSERT_FALSE(nul);
    EXPECT_EQ(nul.error().field, "body");
    EXPECT_EQ(nul.error().code, skydda::ErrorCode::invalid_argument);
    EXPECT_EQ(nul.error().message, "must not contain control characters (found U+0000)");
    auto next_line = check_free_text("title", "a\xC2\x85", 100);
    ASSERT_FALSE(next_line);
    EXPECT_EQ(next_line.error().message, "must not contain control characters (found U+0085)");
    EXPECT_EQ(check_free_text("title", "\xC3(", 100).error().message, "must be valid UTF-8 text");
    EXPECT_EQ(check_free_text("title", "åäö", 2).error().message, "must be at most 2 characters");
    EXPECT_TRUE(check_free_text("title", "åäö", 3));
}

TEST(FreeText, NormalisesCrlfToLfOnly) {
    EXPECT_EQ(skydda::text::normalise_newlines("a\r\nb\r\n"), "a\nb\n");
    EXPECT_EQ(skydda::text::normalise_newlines("a\rb"), "a\rb") << "a lone CR is left for the rule to refuse";
}

TEST(FreeText, FindsBidirectionalOverridesAndIsolates) {
    using skydda::text::has_bidi_control;
    EXPECT_TRUE(has_bidi_control("faktura\xE2\x80\xAEgpj.exe")); // U+202E RIGHT-TO-LEFT OVERRIDE
    EXPECT_TRUE(has_bidi_control("\xE2\x80\xAA"));               // U+202A
    EXPECT_TRUE(has_bidi_control("x\xE2\x81\xA6y"));             // U+2066
    EXPECT_TRUE(has_bidi_control("x\xE2\x81\xA9"));              // U+2069
    EXPECT_FALSE(has_bidi_control("x\xE2\x80\xA9y")) << "U+2029 is no override";
    EXPECT_FALSE(has_bidi_control("x\xE2\x81\xA5y")) << "U+2065";
    EXPECT_FALSE(has_bidi_control("rapport – 2026.pdf"));
}
