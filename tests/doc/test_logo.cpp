// The organisation's logo: checked by its magic bytes and decoded size (doc/logo.hpp), drawn in
// the first page's header of the PDF and embedded in the HTML as a data: URI.
#include <gtest/gtest.h>

#include <regex>

#include "doc/logo.hpp"
#include "pdf_text.hpp"
#include "support/logo_images.hpp"
#include "test_document_fixture.hpp"

namespace skydda::doc {
namespace {

using namespace test_support;

TEST(Logo, AcceptsPngAndJpegWithTheirSize) {
    auto png = check_logo(k_png_40x20);
    ASSERT_TRUE(png) << png.error().message;
    EXPECT_EQ(png->content_type, "image/png");
    EXPECT_EQ(png->width, 40);
    EXPECT_EQ(png->height, 20);
    auto jpeg = check_logo(k_jpeg_60x30);
    ASSERT_TRUE(jpeg) << jpeg.error().message;
    EXPECT_EQ(jpeg->content_type, "image/jpeg");
    EXPECT_EQ(jpeg->width, 60);
    EXPECT_EQ(jpeg->height, 30);
}

TEST(Logo, RefusesWhatIsNotAnImageOrTooLarge) {
    for (const auto& [data, words] : std::vector<std::pair<std::string, std::string>>{
             {"", "empty"},
             {"GIF89a....", "PNG or JPEG"},
             {"<svg xmlns='http://www.w3.org/2000/svg'/>", "PNG or JPEG"},
             {k_png_2000x10, "1000 × 1000"},
             {k_jpeg_1200x40, "1000 × 1000"},
             {k_png_40x20.substr(0, 40), "readable PNG"}, // cut short
             {std::string("\xFF\xD8\xFF\xD9", 4), "readable JPEG"},
             {k_png_40x20 + std::string(300 * 1024, '\0'), "256 KB"},
         }) {
        auto checked = check_logo(data);
        ASSERT_FALSE(checked) << words;
        EXPECT_EQ(checked.error().code, ErrorCode::invalid_argument);
        EXPECT_EQ(checked.error().field, "logo");
        EXPECT_NE(checked.error().message.find(words), std::string::npos) << checked.error().message;
    }
}

TEST(Logo, DrawnOnTheFirstPageOfThePdf) {
    for (const auto* image : {&k_png_40x20, &k_jpeg_60x30}) {
        auto document = sample_document();
        document.logo = *check_logo(*image);
        auto pdf = render_pdf(document);
        ASSERT_TRUE(pdf) << pdf.error().message;
        auto images = pdf_tool(*pdf, "pdfimages", "-list");
        // pdfimages' columns: page, num, type, width, height, color, comp, bpc, enc, ...
        std::regex listed(image == &k_png_40x20 ? R"(\n\s+1\s+\d+\s+image\s+40\s+20\s+rgb\s+3\s+8\s+image)"
                                                : R"(\n\s+1\s+\d+\s+image\s+60\s+30\s+rgb\s+3\s+8\s+jpeg)");
        EXPECT_TRUE(std::regex_search(images, listed)) << images;
        // The organisation's name is still printed beside it.
        EXPECT_NE(pdf_page_text(*pdf, 1).find("Östra Göinge kommun"), std::string::npos);
    }
    // Without a logo there is no image.
    auto plain = pdf_tool(*render_pdf(sample_document()), "pdfimages", "-list");
    EXPECT_EQ(plain.find(" image "), std::string::npos) << plain;
}

TEST(Logo, EmbeddedInTheHtmlAsADataUri) {
    auto document = sample_document();
    document.logo = *check_logo(k_png_40x20);
    auto html = render_html(document);
    EXPECT_NE(html.find(R"(<img src="data:image/png;base64,iVBORw0KGgo)"), std::string::npos) << html;
    EXPECT_NE(html.find(R"(alt="Östra Göinge kommun" width="40" height="20")"), std::string::npos) << html;
    EXPECT_EQ(render_html(sample_document()).find("<img"), std::string::npos);
    // The JSON form leaves the logo out (a frozen document is stored without the image).
    EXPECT_EQ(render_json(document), render_json(sample_document()));
}

} // namespace
} // namespace skydda::doc
