#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "test_document_fixture.hpp"

namespace skydda::doc {
namespace {

using test_support::sample_document;

TEST(DocumentJson, RoundTripIsExact) {
    auto document = sample_document();
    document.addressee = {"Anna Åberg", "Storgatan 1", "123 45 Örebro"};
    auto json = render_json(document);
    auto parsed = parse_json(json);
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(render_json(*parsed), json);
    EXPECT_EQ(parsed->generated_at, document.generated_at);
    ASSERT_EQ(parsed->sections.size(), 2u);
    const auto& field = std::get<Field>(parsed->sections[0].blocks[1]);
    EXPECT_EQ(field.number, "2");
    EXPECT_TRUE(field.missing);
    const auto& table = std::get<Table>(parsed->sections[1].blocks[0]);
    EXPECT_EQ(table.rows[1][0], "Hälsa");
    EXPECT_EQ(parsed->addressee, document.addressee);
}

TEST(DocumentJson, CarriesMissingAndComplete) {
    auto value = boost::json::parse(render_json(sample_document())).as_object();
    ASSERT_EQ(value["missing"].as_array().size(), 1u);
    EXPECT_EQ(value["missing"].as_array()[0].as_object()["key"].as_string(), "controller.org_number");
    EXPECT_EQ(value["complete"].as_bool(), false);
    EXPECT_EQ(value["generated_at"].as_string(), "2026-10-23T07:00:00Z");
    EXPECT_EQ(value["sections"].as_array()[0].as_object()["blocks"].as_array()[0].as_object()["type"].as_string(),
              "field");
}

TEST(DocumentJson, MalformedInputNamesTheMember) {
    auto bad = parse_json("[1,2]");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().field, "document");
    auto object = boost::json::parse(render_json(sample_document())).as_object();
    object.erase("title");
    auto no_title = parse_json(boost::json::serialize(object));
    ASSERT_FALSE(no_title);
    EXPECT_EQ(no_title.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(no_title.error().field, "title");
    EXPECT_FALSE(parse_json("{not json"));
}

} // namespace
} // namespace skydda::doc

// Regression (found by fuzz_document_json under LeakSanitizer): a field missing a later member
// returned from inside a braced initializer, and GCC leaked the members already built. Under
// `make asan` this test failed with a leak report before the fix.
TEST(DocumentJson, FieldMissingAMemberIsRefusedNamingIt) {
    const char* text = R"({"kind":"imy-notification","language":"sv","title":"T","organisation":"O","reference":"R",
        "generated_at":"2026-11-30T10:00:00Z","addressee":[],"missing":[],"complete":true,
        "sections":[{"heading":"H","blocks":[{"type":"field","key":"a.long.key.that.is.heap.allocated",
        "number":"1234567890123456789012345","label":"a label long enough to live on the heap"}]}]})";
    auto parsed = skydda::doc::parse_json(text);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().field, "value");
}
