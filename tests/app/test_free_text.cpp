// Issue 11: one rule for free text (no control characters) in every use case that takes text,
// and attachment names that are plain names. A refused input names its field and leaves nothing
// written.
#include <gtest/gtest.h>

#include "support/app_test.hpp"

using namespace skydda;
using namespace skydda::app;

namespace {

const Instant k_start = *parse_rfc3339("2026-03-02T10:00:00+01:00", "start");

class FreeText : public test_support::AppTest {
protected:
    FreeText() : AppTest(k_start) {}
    void SetUp() override {
        AppTest::SetUp();
        if (IsSkipped()) return;
        m_org = *m_app->add_organisation(nullptr, {"Nämnd A", "212000-0001", "public"});
        m_handler = person(m_org, "handler");
        m_reporter = person(m_org, "reporter");
        domain::IncidentFacts facts;
        facts.title = "Mejl till fel mottagare";
        facts.what_happened = "misdirected_communication";
        auto incident = m_app->report_incident(m_reporter, m_org, facts);
        ASSERT_TRUE(incident) << incident.error().message;
        m_case = incident->id;
    }

    static std::string field_of(const Error& error) {
        EXPECT_EQ(error.code, ErrorCode::invalid_argument) << error.message;
        return error.field;
    }

    std::string m_org, m_case;
    Actor m_handler, m_reporter;
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Backends, FreeText, testing::Values("sqlite"), test_support::backend_name);

TEST_P(FreeText, EveryUseCaseRefusesControlCharactersNamingTheField) {
    auto note = m_app->add_note(m_handler, m_case, std::string("Ringde\0dolt", 11));
    ASSERT_FALSE(note);
    EXPECT_EQ(field_of(note.error()), "body");
    EXPECT_EQ(note.error().message, "must not contain control characters (found U+0000)");
    auto next_line = m_app->add_note(m_handler, m_case, "Ringde\xC2\x85skolan");
    ASSERT_FALSE(next_line);
    EXPECT_EQ(next_line.error().message, "must not contain control characters (found U+0085)");
    EXPECT_TRUE(m_app->notes(m_handler, m_case)->empty()) << "nothing half-written";

    auto task = m_app->add_task(m_handler, m_case, NewTask{"Ring\x1b[2J", "", std::nullopt});
    ASSERT_FALSE(task);
    EXPECT_EQ(field_of(task.error()), "title");
    auto question = m_app->ask_reporter(m_handler, m_case, "Vem\rfick mejlet?");
    ASSERT_FALSE(question);
    EXPECT_EQ(field_of(question.error()), "question") << "a lone CR";
    auto unit = m_app->add_unit(nullptr, m_org, "Skol\x7f");
    ASSERT_FALSE(unit);
    EXPECT_EQ(field_of(unit.error()), "name");
    auto facts = m_app->open_case(m_handler, m_case)->incident.facts;
    facts.description = "Rad\x01";
    auto updated = m_app->update_facts(m_handler, m_case, facts, std::nullopt);
    ASSERT_FALSE(updated);
    EXPECT_EQ(field_of(updated.error()), "description");

    EXPECT_TRUE(m_app->add_note(m_handler, m_case, "Rad ett\r\nRad två\n\tindrag")) << "tab, LF, CRLF are text";
}

TEST_P(FreeText, AttachmentNamesArePlainNames) {
    auto upload = [&](std::string name) { return m_app->add_attachment(m_handler, m_case, {name, "application/pdf", "%PDF-1.4"}); };
    for (const std::string& bad : std::vector<std::string>{"..", ".", " .. ", "../etc/passwd", "a/b.pdf", "C:\\Users\\x\\b.pdf",
                            "faktura\xE2\x80\xAEgpj.exe", "x\xE2\x81\xA6y.pdf", "x\xE2\x81\xA9.pdf", "a\tb.pdf",
                            "a\nb.pdf", std::string("a\0b.pdf", 7), "a\xC2\x85" "b.pdf", "\xff.pdf"}) {
        auto refused = upload(bad);
        ASSERT_FALSE(refused) << bad;
        EXPECT_EQ(field_of(refused.error()), "file") << bad;
    }
    auto bidi = upload("faktura\xE2\x80\xAEgpj.exe");
    EXPECT_NE(bidi.error().message.find("bidirectional"), std::string::npos) << bidi.error().message;
    EXPECT_NE(upload("..").error().message.find(". or .."), std::string::npos);
    EXPECT_TRUE(m_app->open_case(m_handler, m_case)->attachments.empty()) << "nothing half-written";

    auto fine = upload("Rapport \"slutlig\" (2) – åäö.pdf");
    ASSERT_TRUE(fine) << fine.error().message;
    EXPECT_EQ(fine->filename, "Rapport slutlig (2) – åäö.pdf");
    EXPECT_TRUE(upload("..hidden.pdf")) << "dots inside a name are fine";
}
