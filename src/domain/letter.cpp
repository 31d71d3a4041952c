#include "domain/letter.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/text.hpp"

namespace skydda::domain::letter {
namespace {

struct PartInfo {
    std::string_view name, heading_sv, heading_en;
};

constexpr PartInfo k_info[] = {
    {"cause", "Vad har hänt?", "What has happened?"},
    {"contact", "Vem kan du fråga?", "Who can you ask?"},
    {"consequences", "Vad kan det betyda för dig?", "What can it mean for you?"},
    {"measures_taken", "Vad har vi gjort?", "What have we done?"},
    {"mitigation", "Hur minskar vi skadan för dig?", "How are we limiting the harm to you?"},
    {"what_you_can_do", "Vad kan du göra?", "What can you do?"},
    {"closing", "", ""},
};

// ASCII lower case, "_", and the bytes of UTF-8 letters such as å, ä, ö (checked by name later).
bool placeholder_char(char c) { return (c >= 'a' && c <= 'z') || c == '_' || static_cast<unsigned char>(c) >= 0x80; }

// Calls visit(name, begin, end) for every "{name}" in `text`.
template <class Visit> void each_placeholder(std::string_view text, Visit&& visit) {
    for (size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        size_t end = open + 1;
        while (end < text.size() && placeholder_char(text[end])) ++end;
        if (end == open + 1 || end >= text.size() || text[end] != '}') continue;
        visit(text.substr(open + 1, end - open - 1), open, end + 1);
    }
}

bool known(std::string_view name) {
    name = canonical_placeholder(name);
    return std::find(std::begin(k_placeholders), std::end(k_placeholders), name) != std::end(k_placeholders);
}

} // namespace

std::string_view canonical_placeholder(std::string_view name) {
    static_assert(std::size(k_placeholders) == std::size(k_swedish_placeholders));
    for (size_t i = 0; i < std::size(k_swedish_placeholders); ++i)
        if (k_swedish_placeholders[i] == name) return k_placeholders[i];
    return name;
}

std::string_view part_name(Part part) { return k_info[static_cast<size_t>(part)].name; }

std::optional<Part> parse_part(std::string_view name) {
    for (auto part : k_parts)
        if (part_name(part) == name) return part;
    return std::nullopt;
}

bool required(Part part) { return part != Part::closing; }

std::string_view part_heading(Part part, std::string_view language) {
    const auto& info = k_info[static_cast<size_t>(part)];
    return language == "en" ? info.heading_en : info.heading_sv;
}

std::string_view letter_title(std::string_view language) {
    return language == "en" ? "Information about a personal data breach" : "Information om en personuppgiftsincident";
}

bool is_language(std::string_view language) { return language == "sv" || language == "en"; }

std::vector<std::string> placeholders_in(std::string_view text) {
    std::vector<std::string> out;
    each_placeholder(text, [&](std::string_view name, size_t, size_t) { out.emplace_back(name); });
    return out;
}

Status check_parts(const Parts& parts) {
    for (auto part : k_parts) {
        const auto& text = parts[part];
        std::string field(part_name(part));
        TRY_STATUS(text::check_free_text(field, text, k_part_max));
        for (const auto& name : placeholders_in(text))
            if (!known(name))
                return fail(Error::invalid(field, fmt::format("unknown placeholder {{{}}} in {}", name, field)));
    }
    return {};
}

std::string substitute(std::string_view text, const std::map<std::string, std::string, std::less<>>& values) {
    std::string out;
    size_t copied = 0;
    each_placeholder(text, [&](std::string_view name, size_t begin, size_t end) {
        auto found = values.find(canonical_placeholder(name));
        if (found == values.end()) return;
        out.append(text.substr(copied, begin - copied)).append(found->second);
        copied = end;
    });
    out.append(text.substr(copied));
    return out;
}

std::vector<std::string> empty_placeholders(std::string_view text,
                                            const std::map<std::string, std::string, std::less<>>& values) {
    std::vector<std::string> out;
    each_placeholder(text, [&](std::string_view name, size_t, size_t) {
        auto found = values.find(canonical_placeholder(name));
        if (found != values.end() && text::trim(found->second).empty()) out.emplace_back(name);
    });
    return out;
}

Parts default_template(std::string_view language) {
    // Consequences, what has been done and mitigation have no lead of their own: the headings
    // frame them and only the case can fill them.
    Parts parts;
    if (language == "en") {
        parts[Part::cause] = "We at {organisation} have found that personal data about you may have reached someone who "
                             "should not have it. It happened on {occurred_date}.";
        parts[Part::what_you_can_do] =
            "Be careful with e-mails, text messages and calls that ask for your details or for money. Do not click on "
            "links in such messages. If you use the same password in several places, change it. Tell us if you notice "
            "anything odd.\n\nYou have the right to complain to the Swedish Authority for Privacy Protection (IMY), "
            "www.imy.se.";
        parts[Part::contact] = "If you have questions, contact our data protection officer {dpo_name}.\nE-mail: "
                               "{dpo_email}\nPhone: {dpo_phone}\nPlease give our reference {case_number}.";
        parts[Part::closing] = "We are sorry that this has happened.\n\nKind regards\n{organisation}";
        return parts;
    }
    parts[Part::cause] = "Vi på {organisation} har upptäckt att personuppgifter om dig kan ha kommit till någon som inte "
                         "skulle ha dem. Det hände {datum_för_incidenten}.";
    parts[Part::what_you_can_do] =
        "Var försiktig med mejl, sms och samtal där någon ber om dina uppgifter eller om pengar. Klicka inte på länkar "
        "i sådana meddelanden. Byt lösenord om du använder samma lösenord på flera ställen. Säg till oss om du märker "
        "något konstigt.\n\nDu har rätt att klaga hos Integritetsskyddsmyndigheten (IMY), www.imy.se.";
    parts[Part::contact] = "Har du frågor? Kontakta vårt dataskyddsombud {dataskyddsombud}.\nE-post: "
                           "{dataskyddsombudets_epost}\nTelefon: {dataskyddsombudets_telefon}\nAnge vårt ärendenummer "
                           "{ärendenummer}.";
    parts[Part::closing] = "Vi ber om ursäkt för det som har hänt.\n\nMed vänliga hälsningar\n{organisation}";
    return parts;
}

} // namespace skydda::domain::letter
