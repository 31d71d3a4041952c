// HTML that is safe by construction: an `Html` value is markup, and the only ways to make one
// are a string literal written in the source (`Html(R"(<p>)")`), escaped text (`text(...)`),
// `format`, which escapes every argument that is not itself `Html`, and joining `Html` values.
// So text from a person, a catalogue or the database cannot become markup by a forgotten
// escape: passed where markup goes, it is escaped. The one way in for markup built elsewhere
// is `Html::trusted`, for code that rewrites markup and escapes what it adds (the page shell's
// table relabelling, web/html_shell.cpp); tests/util/test_layout.cpp allows it nowhere else.
#pragma once
#include <fmt/format.h>

#include <concepts>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace skydda::web::html {

std::string escape(std::string_view text);

// A string literal: only a constant expression can make one, so no runtime text passes.
struct Literal {
    template <std::size_t N>
    consteval Literal(const char (&text)[N]) : view(text, N - 1) {} // NOLINT: implicit on purpose
    std::string_view view;
};

class Html;
namespace detail {
template <class>
using view_t = std::string_view; // what each argument of `format` is once it is markup
}

class Html {
public:
    Html() = default;
    Html(Literal literal) : m_markup(literal.view) {} // NOLINT: a literal is markup the source wrote

    // Markup from a renderer that escapes what it inserts (doc::render_html); see the header.
    static Html trusted(std::string markup) { return Html(std::move(markup), 0); }

    const std::string& str() const& { return m_markup; }
    std::string str() && { return std::move(m_markup); }
    bool empty() const { return m_markup.empty(); }

    Html& operator+=(const Html& other) {
        m_markup += other.m_markup;
        return *this;
    }
    friend Html operator+(Html left, const Html& right) {
        left += right;
        return left;
    }
    friend bool operator==(const Html&, const Html&) = default;

private:
    Html(std::string markup, int) : m_markup(std::move(markup)) {}
    std::string m_markup;
    friend Html text(std::string_view text);
    template <class... Args>
    friend Html format(fmt::format_string<detail::view_t<Args>...> format_string, Args&&... args);
};

// Text as markup: every <, >, &, " and ' escaped.
inline Html text(std::string_view text) { return Html(escape(text), 0); }

namespace detail {

// What `format` puts in the markup for one argument: Html as it is, anything else escaped.
inline std::string_view markup_of(const Html& value) { return value.str(); }
inline std::string markup_of(std::string_view value) { return escape(value); }
template <class T>
    requires(std::is_arithmetic_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char>)
std::string markup_of(T value) {
    return fmt::format("{}", value);
}

} // namespace detail

// fmt::format whose format string (a literal) is markup and whose arguments are text: each is
// escaped unless it is Html. Numbers are written as fmt writes them. Format specs apply to the
// escaped text; a spec that needs a number ({:.1f}) does not compile: format the number first.
template <class... Args>
Html format(fmt::format_string<detail::view_t<Args>...> format_string, Args&&... args) {
    return Html(fmt::format(format_string, std::string_view(detail::markup_of(args))...), 0);
}

} // namespace skydda::web::html

// Html in fmt::format writes its markup as it is (it is markup already); the result is a
// std::string, which becomes Html again only through html::format or Html::trusted.
template <>
struct fmt::formatter<skydda::web::html::Html> : fmt::formatter<std::string_view> {
    template <class FormatContext>
    auto format(const skydda::web::html::Html& value, FormatContext& context) const {
        return fmt::formatter<std::string_view>::format(std::string_view(value.str()), context);
    }
};
