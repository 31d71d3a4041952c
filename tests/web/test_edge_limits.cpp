// Issue 11 at the web edge: who may send a large body (Site::body_limit, asked by the server
// from the header alone), CRLF from forms stored as LF, control characters and attachment names
// refused with the field named on the page.
#include <gtest/gtest.h>

#include <limits>

#include "app/app.hpp"
#include "web/site_harness.hpp"
#include "web/site.hpp"

namespace {

using namespace skydda;
using namespace skydda::test;

class EdgeLimits : public SiteTest {
protected:
    EdgeLimits() : SiteTest(*parse_rfc3339("2026-03-10T09:00:00+01:00", "now")) {}

    void seed() override {
        m_org = m_app->add_organisation(nullptr, {.name = "Kulturförvaltningen"}).value();
        m_handler_id = add_user(m_org, "hans@example.se", "Hans Handläggare", "handler");
        auto handler = *m_app->load_actor(m_handler_id);
        domain::IncidentFacts facts;
        facts.title = "Mejl till fel mottagare";
        facts.what_happened = "misdirected_communication";
        m_case = m_app->report_incident(handler, m_org, facts).value().id;
        m_token = m_app->create_api_token(nullptr, "hans@example.se").value();
    }

    static http::Request header_with(std::string name, std::string value) {
        http::Request request;
        request.method = "POST";
        request.target = request.path = "/cases/x/attachments";
        if (!name.empty()) request.headers[name] = std::move(value);
        return request;
    }

    std::string m_org, m_case, m_token, m_handler_id;
};

TEST_F(EdgeLimits, OnlySignedInCallersMaySendLargeBodies) {
    auto session = login("hans@example.se");
    EXPECT_EQ(m_site->body_limit(header_with("", "")), web::k_anonymous_body_bytes);
    EXPECT_EQ(m_site->body_limit(header_with("cookie", std::string(web::k_session_cookie) + "=forged")),
              web::k_anonymous_body_bytes);
    EXPECT_EQ(m_site->body_limit(header_with("authorization", "Bearer nope")), web::k_anonymous_body_bytes);
    EXPECT_EQ(m_site->body_limit(header_with("cookie", session.cookie)), std::numeric_limits<size_t>::max());
    EXPECT_EQ(m_site->body_limit(header_with("authorization", "Bearer " + m_token)), std::numeric_limits<size_t>::max());
}

TEST_F(EdgeLimits, FormTextKeepsLfAndControlCharactersAreRefusedNamingTheField) {
    auto session = login("hans@example.se");
    auto added = post("/cases/" + m_case + "/notes", {{"body", "Rad ett\r\nRad två"}}, session);
    EXPECT_EQ(added.status, 303) << added.body;
    auto notes = m_app->notes(*m_app->load_actor(m_handler_id), m_case);
    ASSERT_EQ(notes->size(), 1u);
    EXPECT_EQ(notes->at(0).body, "Rad ett\nRad två") << "CRLF from the browser is stored as LF";

    auto refused = post("/cases/" + m_case + "/notes", {{"body", std::string("dolt\0x", 6)}}, session);
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("href=\"#field-body\""), std::string::npos) << "the error summary links the field";
    EXPECT_NE(refused.body.find("styrtecken"), std::string::npos);
}

TEST_F(EdgeLimits, AttachmentNamesWithDotsOrBidiControlsAreRefusedOnThePage) {
    auto session = login("hans@example.se");
    for (std::string name : {"..", "faktura\xE2\x80\xAEgpj.exe"}) {
        auto refused = upload("/cases/" + m_case + "/attachments", session, "file", name, "%PDF-1.4", "application/pdf");
        EXPECT_EQ(refused.status, 400) << name;
        EXPECT_NE(refused.body.find("href=\"#field-file\""), std::string::npos) << name;
        EXPECT_NE(refused.body.find("Byt namn på filen"), std::string::npos) << name;
    }
    auto fine = upload("/cases/" + m_case + "/attachments", session, "file", "logg.pdf", "%PDF-1.4", "application/pdf");
    EXPECT_EQ(fine.status, 303);
}

} // namespace
