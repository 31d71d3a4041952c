#include "http/wire.hpp"

#include <gtest/gtest.h>

using namespace skydda::http;

namespace {

std::string head_of(const Response& response, wire::Framing framing = {}) {
    std::string out;
    wire::serialize_head(response, framing, out);
    return out;
}

} // namespace

TEST(Wire, FillTargetDecodesPathAndQuery) {
    Request request;
    request.target = "/cases/%C3%A5%2Fx+y?q=a+b%2Bc&flag";
    ASSERT_TRUE(wire::fill_target(request));
    EXPECT_EQ(request.path, "/cases/å/x+y");
    ASSERT_EQ(request.query.size(), 2u);
    EXPECT_EQ(request.query[0], (std::pair<std::string, std::string>{"q", "a b+c"}));
    EXPECT_EQ(request.query[1], (std::pair<std::string, std::string>{"flag", ""}));
}

TEST(Wire, FillTargetAcceptsAbsoluteForm) {
    Request request;
    request.target = "http://example.se:8080/a/b?x=1";
    ASSERT_TRUE(wire::fill_target(request));
    EXPECT_EQ(request.path, "/a/b");
    request.target = "http://example.se?x=1";
    ASSERT_TRUE(wire::fill_target(request));
    EXPECT_EQ(request.path, "/");
    EXPECT_EQ(request.query_param("x"), "1");
}

TEST(Wire, FillTargetRejectsMalformed) {
    for (std::string target : {"/bad%G1", "/ok?x=%zz", "*", "relative", "/nul%00byte", ""}) {
        Request request;
        request.target = target;
        EXPECT_FALSE(wire::fill_target(request)) << target;
    }
}

TEST(Wire, HeadHasDefaultsAndContentLength) {
    std::string head = head_of(Response::text(200, "hello"));
    EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\n")) << head;
    EXPECT_NE(head.find("Content-Type: text/plain; charset=utf-8\r\n"), std::string::npos);
    EXPECT_NE(head.find("X-Content-Type-Options: nosniff\r\n"), std::string::npos);
    EXPECT_NE(head.find("Referrer-Policy: same-origin\r\n"), std::string::npos);
    EXPECT_NE(head.find("X-Frame-Options: DENY\r\n"), std::string::npos);
    EXPECT_NE(head.find("Content-Length: 5\r\n"), std::string::npos);
    EXPECT_NE(head.find("\r\nDate: "), std::string::npos);
    EXPECT_EQ(head.find("Connection:"), std::string::npos);
    EXPECT_TRUE(head.ends_with("\r\n\r\n"));
}

TEST(Wire, HandlerHeadersWinAndFramingIsOurs) {
    Response response = Response::text(200, "abc");
    response.set_header("X-Frame-Options", "SAMEORIGIN");
    response.set_header("Content-Length", "999");
    response.set_header("Transfer-Encoding", "chunked");
    response.set_header("Evil", "a\r\nInjected: yes");
    response.set_header("Bad Name", "x");
    std::string head = head_of(response);
    EXPECT_NE(head.find("X-Frame-Options: SAMEORIGIN\r\n"), std::string::npos);
    EXPECT_EQ(head.find("DENY"), std::string::npos);
    EXPECT_NE(head.find("Content-Length: 3\r\n"), std::string::npos);
    EXPECT_EQ(head.find("999"), std::string::npos);
    EXPECT_EQ(head.find("chunked"), std::string::npos);
    EXPECT_EQ(head.find("\r\nInjected"), std::string::npos);
    EXPECT_NE(head.find("Evil: a  Injected: yes\r\n"), std::string::npos);
    EXPECT_EQ(head.find("Bad Name"), std::string::npos);
}

TEST(Wire, ConnectionAndStatusEdgeCases) {
    EXPECT_NE(head_of(Response::text(200, ""), {.keep_alive = false}).find("Connection: close\r\n"), std::string::npos);
    EXPECT_NE(head_of(Response::text(200, ""), {.http10 = true}).find("Connection: keep-alive\r\n"), std::string::npos);
    Response no_content;
    no_content.status = 204;
    EXPECT_EQ(head_of(no_content).find("Content-Length"), std::string::npos);
    Response odd;
    odd.status = 42;
    EXPECT_TRUE(head_of(odd).starts_with("HTTP/1.1 500 Internal Server Error\r\n"));
    EXPECT_EQ(wire::effective_status(101), 500);
    Response head_response = Response::text(200, "12345");
    wire::Framing head{.head_request = true};
    EXPECT_NE(head_of(head_response, head).find("Content-Length: 5\r\n"), std::string::npos);
    EXPECT_FALSE(wire::sends_body(head_response, head));
    EXPECT_TRUE(wire::sends_body(head_response, {}));
    Response closing;
    closing.set_header("Connection", "Close");
    EXPECT_TRUE(wire::wants_close(closing));
    EXPECT_FALSE(wire::wants_close(Response{}));
}

TEST(Wire, HttpDateIsImfFixdate) {
    EXPECT_EQ(wire::http_date(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
    EXPECT_EQ(wire::http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
}

TEST(Wire, AccessLogLineIsEscapedJson) {
    std::string line = wire::access_log_line("GET", "/a\"b\\c\n\xff", 200, std::chrono::microseconds(1500), 12);
    EXPECT_EQ(line, "{\"method\":\"GET\",\"path\":\"/a\\\"b\\\\c\\u000a\\ufffd\",\"status\":200,\"duration_ms\":1.500,"
                    "\"bytes\":12}");
    EXPECT_EQ(wire::access_log_line("POST", "/å", 201, {}, 0),
              "{\"method\":\"POST\",\"path\":\"/å\",\"status\":201,\"duration_ms\":0.000,\"bytes\":0}");
}

// RFC 9112 6.1 and 6.3 (issue 11): only a lone `chunked` on HTTP/1.1 without Content-Length.
TEST(Wire, TransferEncodingMustBeChunkedAloneOnHttp11WithoutContentLength) {
    using wire::transfer_encoding_acceptable;
    EXPECT_TRUE(transfer_encoding_acceptable({}, false, true)) << "no Transfer-Encoding at all";
    EXPECT_TRUE(transfer_encoding_acceptable({}, true, false));
    EXPECT_TRUE(transfer_encoding_acceptable({"chunked"}, false, false));
    EXPECT_TRUE(transfer_encoding_acceptable({"Chunked"}, false, false));
    EXPECT_TRUE(transfer_encoding_acceptable({" chunked ,"}, false, false)) << "empty list elements do not count";
    EXPECT_FALSE(transfer_encoding_acceptable({"chunked"}, true, false)) << "HTTP/1.0";
    EXPECT_FALSE(transfer_encoding_acceptable({"chunked"}, false, true)) << "with Content-Length";
    EXPECT_FALSE(transfer_encoding_acceptable({"chunked, identity"}, false, false)) << "chunked not last";
    EXPECT_FALSE(transfer_encoding_acceptable({"identity"}, false, false));
    EXPECT_FALSE(transfer_encoding_acceptable({"gzip, chunked"}, false, false)) << "a coding we do not decode";
    EXPECT_FALSE(transfer_encoding_acceptable({"gzip", "chunked"}, false, false)) << "over two fields";
    EXPECT_FALSE(transfer_encoding_acceptable({"chunked", "chunked"}, false, false)) << "chunked twice";
    EXPECT_FALSE(transfer_encoding_acceptable({"chunked;x=1"}, false, false));
    EXPECT_FALSE(transfer_encoding_acceptable({""}, false, false)) << "no coding named";
}
