#include <gtest/gtest.h>

#include <sstream>

#include "app/assessment/assessment_json.hpp"
#include "util/json_text.hpp"

using namespace skydda;
using namespace skydda::app;

namespace {

Error error_for(std::string_view text) {
    auto result = parse_assessment_input(text);
    EXPECT_FALSE(result) << text;
    return result ? Error{} : result.error();
}

constexpr std::string_view k_minimal = R"({"what_happened":"loss"})";

} // namespace

TEST(AssessmentJson, ReadsAFullDocument) {
    auto in = parse_assessment_input(R"({
        "schema": "skydda.assessment-input/1", "role": "processor", "sector": "public", "activity": "school",
        "aware_at": "2026-10-23T09:00:00+02:00", "occurred_at": "2026-10-22T09:00:00Z",
        "what_happened": "misdirected_communication", "cause": "human_error", "discovered_by": "employee",
        "effects": {"confidentiality": "known_recipients", "integrity": "none", "availability": "none"},
        "outage_hours": 1.5, "service_impact": "minor", "data": ["name", "health", "name"],
        "subjects": {"count": 3, "groups": ["pupils"]}, "records": 10, "identifiability": "limited",
        "protection": "none", "key_compromised": false, "recipients": 1, "recipient_trusted": true,
        "data_recovered_or_deleted": false, "malicious": false, "misuse_observed": false,
        "publicly_available": false, "mitigated_high_risk": false, "contact_disproportionate": false,
        "nis2_entity": false, "significant_incident": false, "dora_entity": false, "major_ict_incident": false,
        "controller_notice_hours": 12, "notified_at": null})");
    ASSERT_TRUE(in) << in.error().field << ": " << in.error().message;
    EXPECT_EQ(in->role, domain::assessment::Role::processor);
    EXPECT_EQ(in->data->size(), 2u); // duplicates collapse
    EXPECT_EQ(in->subjects.count, 3);
    EXPECT_EQ(in->controller_notice_hours, 12);
    EXPECT_DOUBLE_EQ(*in->outage_hours, 1.5);
    EXPECT_FALSE(in->notified_at); // null means unknown
}

TEST(AssessmentJson, RefusesBadInputNamingTheField) {
    struct Case {
        std::string_view text, field, message_part;
    };
    const Case cases[] = {
        {R"({"what_happened":"loss","subjects":{"count":-1}})", "subjects.count", "must be a whole number >= 0"},
        {R"({"what_happened":"loss","subjects":{"count":2.5}})", "subjects.count", "whole number"},
        {R"({"what_happened":"loss","subjects":{"count":"3"}})", "subjects.count", "whole number"},
        {R"({"what_happened":"loss","colour":"red"})", "colour", "not a known field"},
        {R"({"what_happened":"loss","effects":{"smell":"bad"}})", "effects.smell", "not a known field"},
        {R"({"what_happened":"loss","data":["name","shoe_size"]})", "data[1]", "must be one of"},
        {R"({"what_happened":"loss","subjects":{"groups":["aliens"]}})", "subjects.groups[0]", "must be one of"},
        {R"({"what_happened":"earthquake"})", "what_happened", "must be one of"},
        {R"({"role":"controller"})", "what_happened", "is required"},
        {R"({"what_happened":"loss","aware_at":"2026-10-23T09:00:00"})", "aware_at", "offset"},
        {R"({"what_happened":"loss","aware_at":12})", "aware_at", "RFC 3339"},
        {R"({"what_happened":"loss","malicious":"yes"})", "malicious", "true or false"},
        {R"({"what_happened":"loss","outage_hours":-2})", "outage_hours", ">= 0"},
        {R"({"what_happened":"loss","effects":"bad"})", "effects", "must be an object"},
        {R"({"what_happened":"loss","data":"name"})", "data", "array"},
        {R"({"what_happened":"loss","schema":"other/1"})", "schema", "skydda.assessment-input/1"},
        {R"({"what_happened":"loss","recipients":-3})", "recipients", "whole number"},
        {R"([1,2])", "input", "object"},
        {R"({"what_happened":)", "input", "not valid JSON"},
    };
    for (const auto& c : cases) {
        const Error e = error_for(c.text);
        EXPECT_EQ(e.code, ErrorCode::invalid_argument) << c.text;
        EXPECT_EQ(e.field, c.field) << c.text;
        EXPECT_NE(e.message.find(c.message_part), std::string::npos) << c.text << " → " << e.message;
    }
}

TEST(AssessmentJson, OutputFollowsTheContract) {
    auto in = parse_assessment_input(
        R"({"aware_at":"2026-10-23T09:00:00+02:00","what_happened":"misdirected_communication",
            "effects":{"confidentiality":"known_recipients"},"data":["name","health"],"subjects":{"count":1}})");
    ASSERT_TRUE(in);
    const auto out = assessment_to_json(domain::assessment::assess(*in));
    EXPECT_EQ(out.at("schema"), "skydda.assessment/1");
    EXPECT_EQ(out.at("ruleset"), "2026.1");
    EXPECT_EQ(out.at("risk"), "high");
    EXPECT_EQ(out.at("notify_authority"), true);
    EXPECT_EQ(out.at("notify_subjects"), true);
    EXPECT_TRUE(out.at("subjects_exemption").is_null());
    for (auto key : {"dpc", "ei", "cb", "score", "level", "over_100_people", "unintelligible"})
        EXPECT_TRUE(out.at("severity").as_object().contains(key)) << key;
    const auto& deadline = out.at("deadlines").at(0).as_object();
    EXPECT_EQ(deadline.at("duty"), "notify_authority");
    EXPECT_EQ(deadline.at("regime"), "gdpr");
    EXPECT_EQ(deadline.at("due"), "2026-10-26T08:00:00+01:00");
    EXPECT_EQ(deadline.at("basis"), "GDPR art. 33(1)");
    const auto& reason = out.at("reasons").at(0).as_object();
    EXPECT_TRUE(reason.at("text").as_object().contains("sv"));
    EXPECT_TRUE(reason.at("text").as_object().contains("en"));
}

TEST(AssessmentJson, DocumentRunPrintsOneDocumentOrOneErrorLine) {
    std::istringstream good{std::string(k_minimal)};
    std::ostringstream out, err;
    EXPECT_EQ(assess_document(good, out, err), 0);
    EXPECT_TRUE(err.str().empty());
    EXPECT_TRUE(boost::json::parse(out.str()).is_object());

    std::istringstream bad{R"({"what_happened":"loss","subjects":{"count":-1}})"};
    std::ostringstream out2, err2;
    EXPECT_EQ(assess_document(bad, out2, err2), 2);
    EXPECT_TRUE(out2.str().empty());
    EXPECT_EQ(err2.str(), "subjects.count: must be a whole number >= 0\n");
}

TEST(AssessmentJson, JsonLinesContinuePastBadLines) {
    std::istringstream in{std::string(k_minimal) + "\n{\"what_happened\":\"nope\"}\n\n" + std::string(k_minimal) + "\n"};
    std::ostringstream out, err;
    EXPECT_EQ(assess_lines(in, out, err), 2);
    std::istringstream lines{out.str()};
    std::string line;
    std::vector<boost::json::value> docs;
    while (std::getline(lines, line)) docs.push_back(boost::json::parse(line));
    ASSERT_EQ(docs.size(), 3u);
    EXPECT_EQ(docs[0].at("schema"), "skydda.assessment/1");
    EXPECT_EQ(docs[1].at("line"), 2);
    EXPECT_EQ(docs[1].at("error").at("field"), "what_happened");
    EXPECT_EQ(docs[2].at("schema"), "skydda.assessment/1");

    std::istringstream all_good{std::string(k_minimal) + "\n"};
    std::ostringstream out2, err2;
    EXPECT_EQ(assess_lines(all_good, out2, err2), 0);
}

TEST(JsonText, WritesFractionsAsDecimals) {
    boost::json::value value = boost::json::parse(R"({"ei":1.0,"cb":0.25,"score":3.75,"n":3,"s":"1E0","a":[2.5,true,null]})");
    EXPECT_EQ(skydda::json_text(value), R"({"ei":1.0,"cb":0.25,"score":3.75,"n":3,"s":"1E0","a":[2.5,true,null]})");
}
