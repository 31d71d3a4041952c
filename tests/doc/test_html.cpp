#include <gtest/gtest.h>

#include "test_document_fixture.hpp"

namespace skydda::doc {
namespace {

using test_support::sample_document;

TEST(DocumentHtml, IsACompletePageInTheDocumentsLanguage) {
    auto html = render_html(sample_document());
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(html.find("<html lang=\"sv\">"), std::string::npos);
    EXPECT_NE(html.find("<h1>Anmälan av personuppgiftsincident</h1>"), std::string::npos);
    EXPECT_NE(html.find("<h2>Personuppgiftsansvarig</h2>"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_NE(html.find("@media print"), std::string::npos);
    auto english = sample_document();
    english.language = "en";
    EXPECT_NE(render_html(english).find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(render_html(english).find("Missing information"), std::string::npos);
}

TEST(DocumentHtml, FieldsAreADescriptionListWithMissingMarked) {
    auto html = render_html(sample_document());
    EXPECT_NE(html.find("<dl>\n<dt><span class=\"number\">1.</span> Organisationens namn</dt>\n<dd>Östra Göinge kommun</dd>"),
              std::string::npos);
    EXPECT_NE(html.find("<strong class=\"missing\">Saknas</strong>"), std::string::npos);
}

TEST(DocumentHtml, MissingItemsAreListedBeforeTheSections) {
    auto html = render_html(sample_document());
    auto notice = html.find("Uppgifter som saknas");
    ASSERT_NE(notice, std::string::npos);
    EXPECT_LT(notice, html.find("<h2>Personuppgiftsansvarig</h2>"));
    EXPECT_NE(html.find("<li><a href=\"#missing-controller.org_number\">Organisationsnummer</a></li>"),
              std::string::npos);
    EXPECT_NE(html.find("<dt id=\"missing-controller.org_number\">"), std::string::npos);
    auto complete = sample_document();
    complete.missing.clear();
    EXPECT_EQ(render_html(complete).find("Uppgifter som saknas"), std::string::npos);
}

TEST(DocumentHtml, EscapesEverything) {
    auto document = sample_document();
    document.title = "<script>alert(1)</script>";
    document.organisation = "A & B \"AB\"";
    document.sections[0].heading = "<img src=x onerror=y>";
    document.addressee = {"<b>Namn</b>"};
    document.missing.push_back({"k", "<i>x</i>"});
    auto html = render_html(document);
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_EQ(html.find("<b>"), std::string::npos);
    EXPECT_EQ(html.find("<i>"), std::string::npos);
    EXPECT_NE(html.find("&lt;i&gt;x&lt;/i&gt;"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(html.find("A &amp; B &quot;AB&quot;"), std::string::npos);
    EXPECT_NE(html.find("Andra stycket &lt;b&gt;&amp;&quot;&#39;"), std::string::npos);
}

TEST(DocumentHtml, TablesHaveColumnHeaders) {
    auto html = render_html(sample_document());
    EXPECT_NE(html.find("<th scope=\"col\">Kategori</th>"), std::string::npos);
    EXPECT_NE(html.find("<td>Hälsa</td>"), std::string::npos);
    EXPECT_NE(html.find("<li>Första punkten</li>"), std::string::npos);
}

} // namespace
} // namespace skydda::doc
