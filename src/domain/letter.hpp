// The letter to the data subjects (GDPR art. 34): its parts in IMY's order, the placeholders a
// template may use, and the built-in template in clear and plain Swedish and English. Pure:
// texts in, texts out.
#pragma once
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace skydda::domain::letter {

// IMY's five points (cause, contact, consequences, what has been done, mitigation), what the
// person can do, and the closing.
enum class Part { cause, contact, consequences, measures_taken, mitigation, what_you_can_do, closing };
inline constexpr Part k_parts[] = {Part::cause,      Part::consequences,    Part::measures_taken, Part::mitigation,
                                   Part::what_you_can_do, Part::contact,    Part::closing};
inline constexpr size_t k_part_count = 7;
std::string_view part_name(Part part); // "cause", "measures_taken", ...
std::optional<Part> parse_part(std::string_view name);
// Every part but the closing must be filled before the letter can be finalised.
bool required(Part part);
// The part's heading in the letter ("Vad har hänt?"), in "sv" or "en".
std::string_view part_heading(Part part, std::string_view language);
std::string_view letter_title(std::string_view language);

inline constexpr size_t k_part_max = 10000; // characters per part

struct Parts {
    std::array<std::string, k_part_count> text;
    std::string& operator[](Part part) { return text[static_cast<size_t>(part)]; }
    const std::string& operator[](Part part) const { return text[static_cast<size_t>(part)]; }
    bool operator==(const Parts&) const = default;
};

bool is_language(std::string_view language); // "sv" or "en"

// {organisation}, {case_number}, {dpo_name}, {dpo_email}, {dpo_phone}, {occurred_date},
// {recipient_name}, each also by its Swedish name (k_swedish_placeholders: {ärendenummer},
// {mottagarens_namn}, ...), which the Swedish template uses; both are filled the same. A
// placeholder is "{" lower-case letters (å, ä, ö included) and "_" "}"; other braces are text.
inline constexpr std::string_view k_placeholders[] = {"organisation", "case_number", "dpo_name", "dpo_email",
                                                      "dpo_phone",    "occurred_date", "recipient_name"};
// The Swedish name of each placeholder of k_placeholders, in the same order.
inline constexpr std::string_view k_swedish_placeholders[] = {
    "organisation", "ärendenummer", "dataskyddsombud", "dataskyddsombudets_epost", "dataskyddsombudets_telefon",
    "datum_för_incidenten", "mottagarens_namn"};
// The placeholder's own (English) name for a Swedish one; the name itself otherwise.
std::string_view canonical_placeholder(std::string_view name);
std::vector<std::string> placeholders_in(std::string_view text);
// Unknown placeholders, over-long or invalid UTF-8 text: invalid_argument naming the part.
Status check_parts(const Parts& parts);

// Replaces the placeholders that `values` holds; the others stay as written.
std::string substitute(std::string_view text, const std::map<std::string, std::string, std::less<>>& values);
// The placeholders in `text` whose value in `values` is empty (for "missing" checks).
std::vector<std::string> empty_placeholders(std::string_view text,
                                            const std::map<std::string, std::string, std::less<>>& values);

// The built-in template. The cause has a lead sentence for the handler to go on from;
// consequences, what has been done and mitigation are empty (only the handler can write them
// for the people who get the letter; the case's own text is internal and never copied in);
// what the person can do, the contact and the closing are complete texts.
Parts default_template(std::string_view language);

} // namespace skydda::domain::letter
