#include "http/http.hpp"

#include <gtest/gtest.h>

using namespace skydda::http;
using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(PercentDecode, DecodesEscapesAndKeepsPlusUnlessAsked) {
    EXPECT_EQ(percent_decode("a%20b%2Bc+d", false), "a b+c+d");
    EXPECT_EQ(percent_decode("a%20b%2Bc+d", true), "a b+c d");
    EXPECT_EQ(percent_decode("%e5%C3%a5", false), std::string("\xe5\xc3\xa5"));
    EXPECT_EQ(percent_decode("", false), "");
}

TEST(PercentDecode, RejectsMalformedEscapes) {
    EXPECT_EQ(percent_decode("%G1", false), std::nullopt);
    EXPECT_EQ(percent_decode("%1G", false), std::nullopt);
    EXPECT_EQ(percent_decode("abc%", false), std::nullopt);
    EXPECT_EQ(percent_decode("abc%4", false), std::nullopt);
    EXPECT_EQ(percent_decode("%%41", false), std::nullopt);
}

TEST(PercentDecode, DecodesNulAndHighBytes) {
    auto decoded = percent_decode("%00%FF", false);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, std::string("\0\xff", 2));
}

TEST(PercentEncode, KeepsUnreservedOnly) {
    EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
    EXPECT_EQ(percent_encode("a b+c/&=?å"), "a%20b%2Bc%2F%26%3D%3F%C3%A5");
    EXPECT_EQ(percent_decode(percent_encode(std::string("\0\r\n\xff", 4)), false), std::string("\0\r\n\xff", 4));
}

TEST(ParseUrlencoded, SplitsPairsInOrder) {
    EXPECT_EQ(parse_urlencoded("b=2&a=1&b=3"), (Pairs{{"b", "2"}, {"a", "1"}, {"b", "3"}}));
}

TEST(ParseUrlencoded, PlusIsSpaceButEncodedPlusIsPlus) {
    EXPECT_EQ(parse_urlencoded("q=a+b%2Bc&x%20y=%26"), (Pairs{{"q", "a b+c"}, {"x y", "&"}}));
}

TEST(ParseUrlencoded, EdgeCases) {
    EXPECT_EQ(parse_urlencoded(""), Pairs{});
    EXPECT_EQ(parse_urlencoded("&&"), Pairs{});
    EXPECT_EQ(parse_urlencoded("flag"), (Pairs{{"flag", ""}}));
    EXPECT_EQ(parse_urlencoded("a=&=b"), (Pairs{{"a", ""}, {"", "b"}}));
    EXPECT_EQ(parse_urlencoded("a=1=2&"), (Pairs{{"a", "1=2"}}));
    EXPECT_EQ(parse_urlencoded("a=%C3%A5%C3%A4%C3%B6"), (Pairs{{"a", "åäö"}}));
}

TEST(ParseUrlencoded, RejectsBadEscapesAnywhere) {
    EXPECT_EQ(parse_urlencoded("a=%G1"), std::nullopt);
    EXPECT_EQ(parse_urlencoded("ok=1&b%=2"), std::nullopt);
    EXPECT_EQ(parse_urlencoded("a=1&b=%2"), std::nullopt);
}

TEST(ParseCookieHeader, ParsesPairsAndTrims) {
    EXPECT_EQ(parse_cookie_header("a=1; b=2;c=3 ;  d = 4 "), (Pairs{{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}}));
}

TEST(ParseCookieHeader, HandlesQuotesEmptyValuesAndJunk) {
    EXPECT_EQ(parse_cookie_header("a=\"quoted\"; b=; junk; =nameless; c=x=y"),
              (Pairs{{"a", "quoted"}, {"b", ""}, {"c", "x=y"}}));
    EXPECT_EQ(parse_cookie_header(""), Pairs{});
    EXPECT_EQ(parse_cookie_header(";;; "), Pairs{});
}

TEST(RequestCookie, FindsFirstCookieByName) {
    Request request;
    request.headers["cookie"] = "theme=dark; session=abc123; session=second";
    EXPECT_EQ(request.cookie("session"), "abc123");
    EXPECT_EQ(request.cookie("theme"), "dark");
    EXPECT_EQ(request.cookie("missing"), std::nullopt);
    Request without;
    EXPECT_EQ(without.cookie("session"), std::nullopt);
}

TEST(FormatSetCookie, DefaultsAreStrictAndHttpOnly) {
    EXPECT_EQ(format_set_cookie("session", "abc", CookieOptions{}), "session=abc; Path=/; HttpOnly; SameSite=Strict");
}

TEST(FormatSetCookie, AllAttributes) {
    CookieOptions options;
    options.secure = true;
    options.same_site = "Lax";
    options.path = "/app";
    options.max_age = std::chrono::hours(1);
    EXPECT_EQ(format_set_cookie("id", "v", options), "id=v; Path=/app; Max-Age=3600; HttpOnly; Secure; SameSite=Lax");
    options.http_only = false;
    options.max_age = std::chrono::seconds(-5); // deleting a cookie
    options.same_site = "bogus";
    EXPECT_EQ(format_set_cookie("id", "", options), "id=; Path=/app; Max-Age=0; Secure");
}

TEST(FormatSetCookie, CannotInjectAttributesOrHeaders) {
    std::string cookie = format_set_cookie("a;b", "x; Domain=evil\r\nSet-Cookie: y=1", CookieOptions{});
    EXPECT_EQ(cookie.find('\r'), std::string::npos);
    EXPECT_EQ(cookie.find('\n'), std::string::npos);
    EXPECT_TRUE(cookie.starts_with("ab=x%3B%20Domain=evil%0D%0ASet-Cookie:%20y=1; Path=/;")) << cookie;
}
