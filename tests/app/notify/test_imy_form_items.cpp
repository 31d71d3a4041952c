// The notification document follows IMY's form item by item: every item in the form's order,
// under the form's sections, with IMY's question numbers and headings, in Swedish and English
// (tests/golden/imy/notification-items.tsv, from shared/reference/imy-notification-fields.md).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app/notify/doc_imy.hpp"

using namespace skydda;

namespace {

struct Item {
    std::string section, key, number, sv, en;
};

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream in(line);
    std::string part;
    while (std::getline(in, part, '\t')) out.push_back(part);
    if (!line.empty() && line.back() == '\t') out.emplace_back();
    return out;
}

std::vector<Item> golden_items() {
    std::ifstream in(SKYDDA_SOURCE_DIR "/tests/golden/imy/notification-items.tsv");
    std::vector<Item> items;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto parts = split_tabs(line);
        EXPECT_EQ(parts.size(), 5u) << line;
        if (parts.size() == 5) items.push_back({parts[0], parts[1], parts[2], parts[3], parts[4]});
    }
    return items;
}

// A case with every fact IMY asks for, so that every item is present.
doc::Document notification(std::string_view language) {
    domain::Incident incident;
    incident.id = "i1";
    incident.case_number = "PUI 2026/0001";
    incident.reported_at = *parse_rfc3339("2026-03-02T10:00:00+01:00", "t");
    auto& f = incident.facts;
    f.what_happened = "misdirected_communication";
    f.description = "Ett mejl gick till fel mottagare.";
    f.discovered_by = "employee";
    f.cause = "human_error";
    f.occurred_at = incident.reported_at - std::chrono::hours(3);
    f.discovered_at = incident.reported_at - std::chrono::hours(2);
    f.subjects_count = 1;
    f.subject_groups = {"pupils"};
    f.data = {"name"};
    f.consequences = "Eleven kan känna sig utpekad.";
    f.measures = "Mottagaren raderade mejlet.";
    domain::Organisation organisation{"o1", "Nämnd A", "212000-0001", "public", "Box 1, 111 11 Staden",
                                       "Dana Dataskydd", "dpo@example.se", "08-123 456", ""};
    app::imy::Inputs inputs;
    inputs.sent_at = incident.reported_at + std::chrono::hours(1);
    inputs.draft = {{"subjects.informed", "no"}, {"subjects.will_inform", "no"}};
    return app::imy::notification(incident, organisation, inputs, language);
}

std::vector<std::pair<std::string, const doc::Field*>> fields_in_order(const doc::Document& document) {
    std::vector<std::pair<std::string, const doc::Field*>> out;
    for (const auto& section : document.sections)
        for (const auto& block : section.blocks)
            if (const auto* field = std::get_if<doc::Field>(&block)) out.emplace_back(section.heading, field);
    return out;
}

TEST(ImyFormItems, EveryItemInTheFormsOrderWithItsNumberAndHeading) {
    auto golden = golden_items();
    ASSERT_EQ(golden.size(), 31u);
    for (std::string_view language : {"sv", "en"}) {
        SCOPED_TRACE(std::string(language));
        auto document = notification(language);
        auto fields = fields_in_order(document);
        ASSERT_EQ(fields.size(), golden.size());
        for (size_t i = 0; i < golden.size(); ++i) {
            const auto& [heading, field] = fields[i];
            const auto& item = golden[i];
            SCOPED_TRACE(item.key);
            EXPECT_EQ(field->key, item.key);
            EXPECT_EQ(field->number, item.number);
            EXPECT_EQ(field->label, language == "sv" ? item.sv : item.en);
            EXPECT_EQ(heading, app::imy::text(language, item.section));
        }
    }
}

// The reference numbers these items, in this order; each number appears, none other.
TEST(ImyFormItems, QuestionNumbersRunAsInTheReference) {
    std::vector<std::string> numbers;
    auto document = notification("sv"); // held: the fields point into it
    for (const auto& [heading, field] : fields_in_order(document))
        if (!field->number.empty() && (numbers.empty() || numbers.back() != field->number))
            numbers.push_back(field->number);
    std::vector<std::string> expected{"1", "2", "3", "9", "13", "15", "16", "17", "18", "19", "25", "26", "28", "30",
                                      "32", "34", "35"};
    EXPECT_EQ(numbers, expected);
}

// The reference's sections, in its order and words (the Swedish gloss left out).
TEST(ImyFormItems, SectionsAsInTheReference) {
    std::vector<std::string> headings;
    for (const auto& section : notification("en").sections) headings.push_back(section.heading);
    std::vector<std::string> expected{"Controller",    "Contact for the notification",     "The breach",
                                      "The data and the data subjects", "Consequences", "Information to the data subjects",
                                      "Late notification", "Supplement"};
    EXPECT_EQ(headings, expected);
}

// IMY's choices in the e-service's own words (15, 17, 18), as the document prints the answer.
TEST(ImyFormItems, ChoicesInImysWords) {
    auto document = notification("sv");
    for (const auto& [heading, field] : fields_in_order(document)) {
        if (field->key == "breach.what_happened")
            EXPECT_EQ(field->value, "Obehörigt röjande genom felaktigt utskick av mejl/brev/sms");
        if (field->key == "breach.discovered_by") EXPECT_EQ(field->value, "En anställd informerade oss");
        if (field->key == "breach.cause") EXPECT_EQ(field->value, "Mänskliga faktorn: Fel i det enskilda fallet");
        if (field->key == "breach.sector") EXPECT_EQ(field->value, "Offentlig sektor");
    }
    EXPECT_EQ(app::imy::code_text("sv", "what_happened", "loss"),
              "Förlust: Information har gått förlorad på något sätt, till exempel genom att en dator blivit stulen");
    EXPECT_EQ(app::imy::code_text("sv", "cause", "technical"),
              "Tekniskt fel, till exempel fel i mjukvara, programinställningar");
}

} // namespace
