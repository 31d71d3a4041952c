// The organisation's logo on the pages: served at /organisations/{id}/logo to its members only,
// cached privately by its version, and shown in the page header with the organisation's name as
// its alternative text.
#include <gtest/gtest.h>

#include "web/site_harness.hpp"
#include "support/logo_images.hpp"

namespace {

using namespace skydda;
using namespace skydda::test;

class OrgLogoPages : public SiteTest {
protected:
    OrgLogoPages() : SiteTest(*parse_rfc3339("2026-11-30T08:00:00+01:00", "t")) {}
    void seed() override {
        m_org = *m_app->add_organisation(nullptr, app::OrganisationInput{.name = "Socialnämnden"});
        m_other = *m_app->add_organisation(nullptr, app::OrganisationInput{.name = "Kulturnämnden"});
        m_handler = add_user(m_org, "hans@example.se", "Hans Handläggare", "handler");
        add_user(m_other, "kim@example.se", "Kim Kultur", "handler");
        auto set = m_app->set_organisation_logo(nullptr, m_org, test_support::k_png_40x20);
        ASSERT_TRUE(set) << set.error().message;
        m_digest = (*set)->digest;
    }
    std::string m_org, m_other, m_digest, m_handler;
};

TEST_F(OrgLogoPages, AMemberGetsTheImageCachedPrivately) {
    auto member = login("hans@example.se");
    auto logo = send("GET", "/organisations/" + m_org + "/logo?v=" + m_digest, {}, &member);
    ASSERT_EQ(logo.status, 200);
    EXPECT_EQ(logo.body, test_support::k_png_40x20);
    EXPECT_EQ(logo.header("content-type"), "image/png");
    EXPECT_EQ(logo.header("cache-control"), "private, max-age=86400");
    EXPECT_EQ(logo.header("etag"), "\"" + m_digest + "\"");
}

TEST_F(OrgLogoPages, RevalidatesByItsETag) {
    auto member = login("hans@example.se");
    http::Request request;
    request.method = "GET";
    request.target = request.path = "/organisations/" + m_org + "/logo";
    request.headers["cookie"] = member.cookie;
    request.headers["if-none-match"] = "\"" + m_digest + "\"";
    request.remote_address = "127.0.0.1";
    auto unchanged = m_site->handle(request);
    EXPECT_EQ(unchanged.status, 304);
    EXPECT_TRUE(unchanged.body.empty());
}

TEST_F(OrgLogoPages, NobodyElseSeesIt) {
    auto outsider = login("kim@example.se");
    auto denied = send("GET", "/organisations/" + m_org + "/logo", {}, &outsider);
    EXPECT_EQ(denied.status, 404);
    EXPECT_EQ(denied.header("cache-control"), "no-store");
    EXPECT_EQ(send("GET", "/organisations/" + m_org + "/logo").status, 404); // not signed in
    // An organisation without a logo answers the same.
    EXPECT_EQ(send("GET", "/organisations/" + m_other + "/logo", {}, &outsider).status, 404);
}

TEST_F(OrgLogoPages, TheHeaderShowsItWithTheOrganisationsName) {
    auto member = login("hans@example.se");
    auto home = send("GET", "/", {}, &member).body;
    auto header = home.substr(0, home.find("</header>"));
    EXPECT_NE(header.find(R"(<img class="org-logo" src="/organisations/)" + m_org + "/logo?v=" + m_digest +
                          R"(" alt="Socialnämnden" width="64" height="32">)"),
              std::string::npos)
        << header;
    // A member of an organisation without a logo gets no image.
    auto other = login("kim@example.se");
    auto page = send("GET", "/", {}, &other).body;
    EXPECT_EQ(page.substr(0, page.find("</header>")).find("<img"), std::string::npos);
}

// The documents of the organisation's cases carry it: the HTML embeds it (self-contained).
TEST_F(OrgLogoPages, TheCasesDocumentsCarryIt) {
    domain::IncidentFacts f;
    f.title = "Mejl till fel mottagare";
    f.what_happened = "misdirected_communication";
    f.aware_at = m_clock.now();
    auto handler = m_app->load_actor(m_handler);
    ASSERT_TRUE(handler);
    auto incident = m_app->report_incident(*handler, m_org, f);
    ASSERT_TRUE(incident) << incident.error().message;
    auto member = login("hans@example.se");
    auto html = send("GET", "/cases/" + incident->id + "/documents/imy-notification?format=html", {}, &member);
    ASSERT_EQ(html.status, 200) << html.body;
    EXPECT_NE(html.body.find(R"(<img src="data:image/png;base64,)"), std::string::npos);
    EXPECT_NE(html.body.find(R"(alt="Socialnämnden")"), std::string::npos);
    auto document = m_app->document(&*handler, incident->id, {app::DocumentKind::imy_notification, "sv", 0, {}});
    ASSERT_TRUE(document) << document.error().message;
    ASSERT_TRUE(document->logo.has_value());
    EXPECT_EQ(document->logo->data, test_support::k_png_40x20);
}

TEST_F(OrgLogoPages, RemovedItIsGone) {
    ASSERT_TRUE(m_app->set_organisation_logo(nullptr, m_org, std::nullopt));
    auto member = login("hans@example.se");
    EXPECT_EQ(send("GET", "/organisations/" + m_org + "/logo", {}, &member).status, 404);
    auto home = send("GET", "/", {}, &member).body;
    EXPECT_EQ(home.substr(0, home.find("</header>")).find("<img"), std::string::npos);
}

} // namespace
