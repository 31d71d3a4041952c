#include "http/http.hpp"

#include <gtest/gtest.h>

using namespace skydda::http;

namespace {

Request make_request(std::string method, std::string path) {
    Request request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.target = request.path;
    return request;
}

Handler reply(std::string text) {
    return [text](Request&) { return Response::text(200, text); };
}

} // namespace

TEST(Router, MatchesLiteralAndCapturedSegments) {
    Router router;
    router.add("GET", "/api/v1/incidents", reply("list"));
    router.add("GET", "/api/v1/incidents/{id}/notes/{note}", [](Request& request) {
        return Response::text(200, std::string(request.path_param("id")) + "/" + std::string(request.path_param("note")));
    });
    auto list = make_request("GET", "/api/v1/incidents");
    EXPECT_EQ(router.dispatch(list).body, "list");
    auto notes = make_request("GET", "/api/v1/incidents/42/notes/7");
    EXPECT_EQ(router.dispatch(notes).body, "42/7");
    EXPECT_EQ(notes.path_param("id"), "42");
    EXPECT_EQ(notes.path_param("missing"), "");
}

TEST(Router, RootAndTrailingSlashesAreDistinct) {
    Router router;
    router.add("GET", "/", reply("root"));
    router.add("GET", "/cases", reply("cases"));
    auto root = make_request("GET", "/");
    EXPECT_EQ(router.dispatch(root).body, "root");
    auto trailing = make_request("GET", "/cases/");
    EXPECT_EQ(router.dispatch(trailing).status, 404);
    auto empty = make_request("GET", "");
    EXPECT_EQ(router.dispatch(empty).status, 404);
}

TEST(Router, CapturesNeverMatchEmptySegmentsOrSpanSlashes) {
    Router router;
    router.add("GET", "/cases/{id}", reply("case"));
    for (std::string path : {"/cases/", "/cases//", "/cases/1/2", "/cases"}) {
        auto request = make_request("GET", path);
        EXPECT_EQ(router.dispatch(request).status, 404) << path;
    }
}

TEST(Router, LiteralBeatsCaptureWhateverTheOrder) {
    Router router;
    router.add("GET", "/incidents/{id}", reply("by id"));
    router.add("GET", "/incidents/new", reply("form"));
    auto form = make_request("GET", "/incidents/new");
    EXPECT_EQ(router.dispatch(form).body, "form");
    auto by_id = make_request("GET", "/incidents/12");
    EXPECT_EQ(router.dispatch(by_id).body, "by id");
}

TEST(Router, OtherMethodAnswers405WithAllow) {
    Router router;
    router.add("GET", "/cases/{id}", reply("get"));
    router.add("POST", "/cases/{id}", reply("post"));
    router.add("DELETE", "/other", reply("x"));
    auto put = make_request("PUT", "/cases/9");
    Response response = router.dispatch(put);
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.header("allow"), "GET, HEAD, POST");
    EXPECT_EQ(router.allowed_methods("/nowhere"), "");
}

TEST(Router, HeadFallsBackToGet) {
    Router router;
    router.add("GET", "/page", reply("page"));
    auto head = make_request("HEAD", "/page");
    EXPECT_EQ(router.dispatch(head).body, "page");
}

TEST(Router, NotFoundHandlerOrPlain404) {
    Router router;
    auto request = make_request("GET", "/nothing");
    Response plain = router.dispatch(request);
    EXPECT_EQ(plain.status, 404);
    router.set_not_found([](Request& r) { return Response::html(404, "<p>no " + r.path + "</p>"); });
    Response custom = router.dispatch(request);
    EXPECT_EQ(custom.status, 404);
    EXPECT_EQ(custom.body, "<p>no /nothing</p>");
    EXPECT_EQ(custom.header("Content-Type"), "text/html; charset=utf-8");
}

TEST(Router, RejectsPatternsWithoutLeadingSlash) {
    Router router;
    EXPECT_THROW(router.add("GET", "cases", reply("x")), std::invalid_argument);
}

TEST(Response, HelpersSetTypesAndLocation) {
    EXPECT_EQ(Response::text(200, "x").header("content-type"), "text/plain; charset=utf-8");
    EXPECT_EQ(Response::json(201, "{}").header("Content-Type"), "application/json");
    EXPECT_EQ(Response::json(201, "{}").status, 201);
    Response redirect = Response::redirect("/login");
    EXPECT_EQ(redirect.status, 303);
    EXPECT_EQ(redirect.header("location"), "/login");
    EXPECT_EQ(Response::redirect("/x", 302).status, 302);
}

TEST(Response, SetHeaderReplacesButCookiesAccumulate) {
    Response response;
    response.set_header("Cache-Control", "no-store");
    response.set_header("cache-control", "private");
    response.set_header("Set-Cookie", "a=1");
    response.set_header("Set-Cookie", "b=2");
    response.add_header("Link", "</a>");
    response.add_header("Link", "</b>");
    ASSERT_EQ(response.headers.size(), 5u);
    EXPECT_EQ(response.header("CACHE-CONTROL"), "private");
    EXPECT_EQ(response.header("missing"), "");
}

TEST(Request, HeaderQueryAndPathParamLookups) {
    Request request;
    request.headers["content-type"] = "text/plain";
    request.query = {{"a", "1"}, {"a", "2"}, {"empty", ""}};
    EXPECT_EQ(request.header("content-type"), "text/plain");
    EXPECT_EQ(request.header("Content-Type"), "text/plain");
    EXPECT_EQ(request.header("accept"), "");
    EXPECT_EQ(request.query_param("a"), "1");
    EXPECT_EQ(request.query_param("empty"), "");
    EXPECT_EQ(request.query_param("b"), std::nullopt);
}
