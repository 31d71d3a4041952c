// The PDF is tagged for screen readers as far as cairo 1.16 allows (doc/render_pdf.cpp): a
// structure tree of the document model's headings, paragraphs, fields, tables and lists, marked
// content, the document's language and title in the catalog, and the metadata. Read back with
// poppler (pdfinfo -struct-text) and from the bytes.
#include <gtest/gtest.h>

#include "pdf_text.hpp"
#include "test_document_fixture.hpp"

namespace skydda::doc {
namespace {

using test_support::pdf_tool;
using test_support::sample_document;

bool has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// The value of one of pdfinfo's "Name:   value" lines.
std::string info_value(const std::string& info, const std::string& name) {
    auto at = info.find("\n" + name + ":");
    if (at == std::string::npos && info.rfind(name + ":", 0) == 0) at = 0;
    else if (at == std::string::npos) return {};
    else ++at;
    auto start = info.find_first_not_of(' ', at + name.size() + 1);
    return info.substr(start, info.find('\n', start) - start);
}

size_t count(const std::string& text, std::string_view part) {
    size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
    return n;
}

TEST(DocumentPdfTagged, HasAStructureTreeAndMarkedContent) {
    auto pdf = render_pdf(sample_document());
    ASSERT_TRUE(pdf) << pdf.error().message;
    EXPECT_TRUE(has(*pdf, "/StructTreeRoot"));
    EXPECT_TRUE(has(*pdf, "/MarkInfo << /Marked true >>"));
    EXPECT_TRUE(has(*pdf, "/ParentTree"));
    auto info = pdf_tool(*pdf, "pdfinfo");
    EXPECT_EQ(info_value(info, "Tagged"), "yes") << info;
}

TEST(DocumentPdfTagged, TagsEveryKindOfBlock) {
    auto structure = pdf_tool(*render_pdf(sample_document()), "pdfinfo", "-struct-text");
    // pdfinfo prints one element per line, indented by depth, with the text of its content.
    for (const char* tag : {"Document", "H1", "Sect", "H2", "L", "LI", "Lbl", "LBody", "P", "Table", "TR", "TH", "TD"})
        EXPECT_TRUE(has(structure, std::string(tag) + " ") || has(structure, std::string(tag) + "\n")) << tag << "\n"
                                                                                                       << structure;
    EXPECT_TRUE(has(structure, "\"Anmälan av personuppgiftsincident\"")) << structure; // the H1's text
    EXPECT_TRUE(has(structure, "\"1. Organisationens namn\"")) << structure;            // a field's label
    EXPECT_TRUE(has(structure, "\"Östra Göinge kommun\"")) << structure;                // its answer
    EXPECT_TRUE(has(structure, "\"Kategori\"")) << structure;                           // a TH
    EXPECT_TRUE(has(structure, "\"Fanns i bilagan\"")) << structure;                    // a TD
    EXPECT_TRUE(has(structure, "\"Första punkten\"")) << structure;                     // a list item
    // Two sections, two table rows under the header, two list items, two fields.
    EXPECT_EQ(count(structure, "  Sect"), 2u) << structure;
    EXPECT_EQ(count(structure, " TH\n"), 3u) << structure;
    EXPECT_EQ(count(structure, " TD\n"), 6u) << structure;
}

// The running header and footer are not part of the structure: a screen reader following the
// tags does not read "Sida 1 av 2" in the middle of a paragraph that continues on page 2.
TEST(DocumentPdfTagged, AParagraphOverAPageBreakStaysOneElementWithoutTheFooter) {
    auto document = sample_document();
    std::string text;
    for (int i = 0; text.size() < 9000; ++i) text += "ord" + std::to_string(i) + " ";
    document.sections[0].blocks.emplace_back(Paragraph{text});
    auto pdf = render_pdf(document);
    ASSERT_TRUE(pdf);
    EXPECT_GE(test_support::pdf_pages(*pdf), 2);
    auto structure = pdf_tool(*pdf, "pdfinfo", "-struct-text");
    EXPECT_FALSE(has(structure, "Sida 1 av")) << structure;
    EXPECT_FALSE(has(structure, "Ärende SKY-2026-0042")) << structure;
    // The long paragraph is one P whose parts are Spans, one per page.
    EXPECT_GE(count(structure, "Span"), 2u) << structure;
}

TEST(DocumentPdfTagged, LanguageAndTitleInTheCatalog) {
    auto pdf = *render_pdf(sample_document());
    EXPECT_TRUE(has(pdf, "/Lang (sv)"));
    EXPECT_TRUE(has(pdf, "/DisplayDocTitle true"));
    auto english = sample_document();
    english.language = "en";
    EXPECT_TRUE(has(*render_pdf(english), "/Lang (en)"));
    // The incremental update is read by poppler: the text and the page count are still there.
    EXPECT_TRUE(has(test_support::pdf_text(pdf), "Östra Göinge kommun"));
    EXPECT_EQ(test_support::pdf_pages(pdf), 1);
}

TEST(DocumentPdfTagged, Metadata) {
    auto info = pdf_tool(*render_pdf(sample_document()), "pdfinfo");
    EXPECT_EQ(info_value(info, "Title"), "Anmälan av personuppgiftsincident") << info;
    EXPECT_EQ(info_value(info, "Author"), "Östra Göinge kommun") << info;
    EXPECT_EQ(info_value(info, "Subject"), "Ärende SKY-2026-0042") << info;
    EXPECT_EQ(info_value(info, "Keywords"), "imy-notification") << info;
    EXPECT_EQ(info_value(info, "Creator"), "Skydda") << info;
}

// A merged print file: one Document, a Part per document.
TEST(DocumentPdfTagged, MergedFileHasAPartPerDocument) {
    std::vector<Document> documents{sample_document(), sample_document(), sample_document()};
    auto structure = pdf_tool(*render_pdf(documents), "pdfinfo", "-struct");
    EXPECT_EQ(count(structure, "Document"), 1u) << structure;
    EXPECT_EQ(count(structure, "Part"), 3u) << structure;
    EXPECT_EQ(count(structure, "H1"), 3u) << structure;
}

} // namespace
} // namespace skydda::doc
