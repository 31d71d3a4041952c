#include "http/http.hpp"

#include <gtest/gtest.h>

using namespace skydda::http;

namespace {

const std::string k_type = "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk";
const std::string k_dash = "------WebKitFormBoundary7MA4YWxk";

std::string part(std::string_view headers, std::string_view data) {
    return k_dash + "\r\n" + std::string(headers) + "\r\n\r\n" + std::string(data) + "\r\n";
}

} // namespace

TEST(Multipart, ParsesFieldsAndFiles) {
    std::string body = part("Content-Disposition: form-data; name=\"title\"", "Lost laptop") +
                       part("Content-Disposition: form-data; name=\"evidence\"; filename=\"log.txt\"\r\n"
                            "Content-Type: application/octet-stream",
                            "line1\r\nline2") +
                       k_dash + "--\r\n";
    auto parts = parse_multipart(k_type, body);
    ASSERT_TRUE(parts);
    ASSERT_EQ(parts->size(), 2u);
    EXPECT_EQ((*parts)[0].name, "title");
    EXPECT_EQ((*parts)[0].filename, std::nullopt);
    EXPECT_EQ((*parts)[0].content_type, "text/plain");
    EXPECT_EQ((*parts)[0].data, "Lost laptop");
    EXPECT_EQ((*parts)[1].name, "evidence");
    EXPECT_EQ((*parts)[1].filename, "log.txt");
    EXPECT_EQ((*parts)[1].content_type, "application/octet-stream");
    EXPECT_EQ((*parts)[1].data, "line1\r\nline2");
}

TEST(Multipart, KeepsBinaryDataWithNulsCrlfsAndBoundaryLookalikes) {
    static constexpr char k_bytes[] = "\0\xff\r\n\r\n--\r\n------WebKitFormBoundary7MA4YWx\x01\0";
    std::string binary(k_bytes, sizeof k_bytes - 1);
    binary += k_dash.substr(0, 10) + "\r\n";
    std::string body = "preamble is ignored\r\n" +
                       part("content-disposition: form-data; name=file; filename=\"a.bin\"", binary) + k_dash +
                       "--\r\nepilogue";
    auto parts = parse_multipart(k_type, body);
    ASSERT_TRUE(parts);
    ASSERT_EQ(parts->size(), 1u);
    EXPECT_EQ((*parts)[0].data, binary);
    EXPECT_EQ((*parts)[0].data.size(), binary.size());
    EXPECT_EQ((*parts)[0].filename, "a.bin");
}

TEST(Multipart, BoundaryMayBeQuotedAndParametersReordered) {
    std::string body = "--a b:c\r\nContent-Disposition: form-data; filename=\"C:\\x\\y.pdf\"; name=\"doc\"\r\n\r\n"
                       "%PDF\r\n--a b:c--";
    auto parts = parse_multipart("Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\"", body);
    ASSERT_TRUE(parts);
    ASSERT_EQ(parts->size(), 1u);
    EXPECT_EQ((*parts)[0].name, "doc");
    EXPECT_EQ((*parts)[0].filename, "C:\\x\\y.pdf");
    EXPECT_EQ((*parts)[0].data, "%PDF");
}

TEST(Multipart, EmptyValuesAndEmptyFilename) {
    std::string body = part("Content-Disposition: form-data; name=\"empty\"", "") +
                       part("Content-Disposition: form-data; name=\"upload\"; filename=\"\"", "") + k_dash + "--";
    auto parts = parse_multipart(k_type, body);
    ASSERT_TRUE(parts);
    ASSERT_EQ(parts->size(), 2u);
    EXPECT_EQ((*parts)[0].data, "");
    EXPECT_EQ((*parts)[1].filename, "");
}

TEST(Multipart, RejectsMalformedInput) {
    std::string good_part = part("Content-Disposition: form-data; name=\"a\"", "1");
    EXPECT_FALSE(parse_multipart("multipart/form-data", good_part + k_dash + "--"));           // no boundary
    EXPECT_FALSE(parse_multipart("application/x-www-form-urlencoded; boundary=x", "--x--"));  // wrong type
    EXPECT_FALSE(parse_multipart("multipart/form-data; boundary=\"unterminated", "--x--"));
    EXPECT_FALSE(parse_multipart("multipart/form-data; boundary=" + std::string(71, 'b'), "")); // too long
    EXPECT_FALSE(parse_multipart(k_type, good_part));                                         // no close
    EXPECT_FALSE(parse_multipart(k_type, ""));
    EXPECT_FALSE(parse_multipart(k_type, "no delimiter at all"));
    EXPECT_FALSE(parse_multipart(k_type, part("Content-Type: text/plain", "x") + k_dash + "--")); // no disposition
    EXPECT_FALSE(parse_multipart(k_type, part("Content-Disposition: form-data", "x") + k_dash + "--")); // no name
    EXPECT_FALSE(parse_multipart(k_type, part("Content-Disposition: attachment; name=a", "x") + k_dash + "--"));
    EXPECT_FALSE(parse_multipart(k_type, part("Content-Disposition form-data; name=a", "x") + k_dash + "--"));
    EXPECT_FALSE(parse_multipart(k_type, k_dash + "\r\nContent-Disposition: form-data; name=a\r\n1\r\n" + k_dash + "--"));
    EXPECT_FALSE(parse_multipart(k_type, k_dash + "junk\r\n" + good_part.substr(k_dash.size() + 2) + k_dash + "--"));
}

TEST(Multipart, EnforcesMaxParts) {
    std::string body;
    for (int i = 0; i < 5; ++i) body += part("Content-Disposition: form-data; name=\"f\"", "x");
    body += k_dash + "--";
    EXPECT_TRUE(parse_multipart(k_type, body, 5));
    EXPECT_FALSE(parse_multipart(k_type, body, 4));
    EXPECT_FALSE(parse_multipart(k_type, body, 0));
}

TEST(Multipart, LargeHostileBodyIsFast) {
    // Many near-miss delimiters and no blank line: must stay linear.
    std::string near_miss = "\r\n" + k_dash.substr(0, k_dash.size() - 1);
    std::string body = part("Content-Disposition: form-data; name=\"a\"", "");
    body.resize(body.size() - 2);
    for (int i = 0; i < 100000; ++i) body += near_miss;
    body += "\r\n" + k_dash + "--";
    auto started = std::chrono::steady_clock::now();
    auto parts = parse_multipart(k_type, body);
    auto elapsed = std::chrono::steady_clock::now() - started;
    ASSERT_TRUE(parts);
    EXPECT_EQ((*parts)[0].data.size(), near_miss.size() * 100000);
    EXPECT_LT(elapsed, std::chrono::seconds(2));

    std::string headers_forever = k_dash + "\r\nContent-Disposition: form-data; name=a" + std::string(1 << 20, 'x');
    EXPECT_FALSE(parse_multipart(k_type, headers_forever));
}
