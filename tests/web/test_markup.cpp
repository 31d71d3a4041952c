// Issue 13: HTML safe by construction (web/markup.hpp). Text becomes markup only escaped; only
// literals, `format` and `text` make Html, so a forgotten escape cannot produce markup.
#include <gtest/gtest.h>

#include <string>
#include <type_traits>

#include "web/markup.hpp"

namespace {

using skydda::web::html::Html;
namespace html = skydda::web::html;

// Runtime text cannot become Html: not from std::string, not from a char pointer.
static_assert(!std::is_constructible_v<Html, std::string>);
static_assert(!std::is_constructible_v<Html, std::string_view>);
static_assert(!std::is_constructible_v<Html, const char*>);
static_assert(!std::is_convertible_v<std::string, Html>);

TEST(Markup, ArgumentsAreEscapedUnlessTheyAreHtml) {
    std::string name = R"(<script>alert("x")</script> & 'co')";
    auto out = html::format(R"(<p title="{}">{}</p>{})", name, name, Html("<br>"));
    EXPECT_EQ(out.str(), "<p title=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;\">"
                         "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p><br>");
}

TEST(Markup, HtmlNestsWithoutBeingEscapedTwice) {
    auto item = html::format("<li>{}</li>", "a < b");
    auto list = html::format("<ul>{}</ul>", item);
    EXPECT_EQ(list.str(), "<ul><li>a &lt; b</li></ul>");
}

TEST(Markup, NumbersAreWrittenAsNumbers) {
    EXPECT_EQ(html::format("<td>{}</td><td>{}</td>", 42, int64_t{-7}).str(), "<td>42</td><td>-7</td>");
}

TEST(Markup, TextJoinAndLiterals) {
    Html out("<p>");
    out += html::text("Tom & Jerry");
    out += Html("</p>");
    EXPECT_EQ(out.str(), "<p>Tom &amp; Jerry</p>");
    EXPECT_EQ((Html("<a>") + html::text("<b>")).str(), "<a>&lt;b&gt;");
    EXPECT_TRUE(Html().empty());
}

TEST(Markup, TrustedIsForRenderersThatEscapeThemselves) {
    EXPECT_EQ(Html::trusted("<section>done</section>").str(), "<section>done</section>");
}

} // namespace
