// Runs every golden case in tests/golden/assessment/*.json through the JSON layer and the
// engine. Each file: {"name", "input": {...}, "expected": {"risk", "notify_authority",
// "notify_subjects", "subjects_exemption", "severity_level", "reasons_include": [codes],
// optional "deadlines_include": [duties]}}.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/assessment/assessment_json.hpp"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

fs::path golden_dir() { return fs::path(SKYDDA_SOURCE_DIR) / "tests" / "golden" / "assessment"; }

std::vector<fs::path> golden_files() {
    std::vector<fs::path> files;
    if (!fs::exists(golden_dir())) return files;
    for (const auto& entry : fs::directory_iterator(golden_dir()))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

json::value read_json(const fs::path& path) {
    std::ifstream file(path);
    std::stringstream text;
    text << file.rdbuf();
    return json::parse(text.str());
}

class Golden : public testing::TestWithParam<fs::path> {};

TEST_P(Golden, MatchesExpectation) {
    const json::value doc = read_json(GetParam());
    const auto& expected = doc.at("expected").as_object();
    auto input = skydda::app::assessment_input_from_json(doc.at("input"));
    ASSERT_TRUE(input) << input.error().field << ": " << input.error().message;
    const json::object answer = skydda::app::assessment_to_json(skydda::domain::assessment::assess(*input));
    SCOPED_TRACE(json::serialize(answer));
    EXPECT_EQ(answer.at("risk"), expected.at("risk")) << doc.at("name");
    EXPECT_EQ(answer.at("notify_authority"), expected.at("notify_authority"));
    EXPECT_EQ(answer.at("notify_subjects"), expected.at("notify_subjects"));
    EXPECT_EQ(answer.at("subjects_exemption"), expected.at("subjects_exemption"));
    if (const auto* level = expected.if_contains("severity_level"))
        EXPECT_EQ(answer.at("severity").at("level"), *level);
    std::vector<std::string> codes;
    for (const auto& reason : answer.at("reasons").as_array())
        codes.emplace_back(reason.at("code").as_string());
    for (const auto& code : expected.at("reasons_include").as_array())
        EXPECT_NE(std::find(codes.begin(), codes.end(), code.as_string()), codes.end()) << "missing reason " << code;
    if (const auto* duties = expected.if_contains("deadlines_include")) {
        std::vector<std::string> found;
        for (const auto& deadline : answer.at("deadlines").as_array())
            found.emplace_back(deadline.at("duty").as_string());
        for (const auto& duty : duties->as_array())
            EXPECT_NE(std::find(found.begin(), found.end(), duty.as_string()), found.end()) << "missing deadline " << duty;
    }
}

INSTANTIATE_TEST_SUITE_P(Assessment, Golden, testing::ValuesIn(golden_files()),
                         [](const testing::TestParamInfo<fs::path>& info) {
                             std::string name = info.param.stem().string();
                             std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
                             return name;
                         });

TEST(GoldenSet, HasAtLeastFortyCases) { EXPECT_GE(golden_files().size(), 40u); }

} // namespace
