// The letter to the data subjects as a document (kind "subject-letter"), and the pieces the
// letters use cases share: placeholder values, the prefill from the template (never from the
// case's internal text), and the check of what is missing.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "app/case_access.hpp"
#include "app/documents/documents.hpp"
#include "app/letters/letters_internal.hpp"
#include "storage/repositories.hpp"
#include "util/text.hpp"

namespace skydda::app {
namespace letters {
namespace {

namespace json = boost::json;
using domain::letter::Part;

constexpr std::string_view k_months_sv[] = {"januari", "februari", "mars",      "april",   "maj",      "juni",
                                            "juli",    "augusti",  "september", "oktober", "november", "december"};
constexpr std::string_view k_months_en[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};

std::string plain_date(Instant at, std::string_view language) {
    auto date = stockholm_date(at);
    auto month = static_cast<size_t>(date.month - 1) % 12;
    return fmt::format("{} {} {}", date.day, language == "en" ? k_months_en[month] : k_months_sv[month], date.year);
}

std::string missing_label(Part part, std::string_view language, const std::vector<std::string>& empty) {
    std::string heading(domain::letter::part_heading(part, language));
    if (heading.empty()) heading = language == "en" ? "Closing" : "Avslutning";
    if (empty.empty()) return heading;
    std::string names;
    for (const auto& name : empty) names += (names.empty() ? "{" : ", {") + name + "}";
    return fmt::format("{} ({} {})", heading, language == "en" ? "no value for" : "saknar värde för", names);
}

} // namespace

Values case_values(const domain::Incident& incident, const domain::Organisation& organisation,
                   std::string_view language) {
    Values values{{"organisation", organisation.name},   {"case_number", incident.case_number},
                  {"dpo_name", organisation.dpo_name},   {"dpo_email", organisation.dpo_email},
                  {"dpo_phone", organisation.dpo_phone}, {"occurred_date", ""}};
    if (incident.facts.occurred_at) values["occurred_date"] = plain_date(*incident.facts.occurred_at, language);
    return values;
}

domain::letter::Parts parse_parts(std::string_view text) {
    domain::letter::Parts parts;
    boost::system::error_code ec;
    auto value = json::parse(text, ec);
    if (ec || !value.is_object()) return parts;
    for (auto part : domain::letter::k_parts)
        if (const auto* found = value.as_object().if_contains(domain::letter::part_name(part)); found && found->is_string())
            parts[part] = std::string(found->get_string());
    return parts;
}

std::string parts_json(const domain::letter::Parts& parts) {
    json::object out;
    for (auto part : domain::letter::k_parts) out[domain::letter::part_name(part)] = parts[part];
    return json::serialize(out);
}

Result<LetterTemplate> load_template(storage::Connection& db, std::string_view org_id, std::string_view language) {
    LetterTemplate out{std::string(org_id), std::string(language), domain::letter::default_template(language), 0};
    if (auto stored = TRY(storage::find_letter_template(db, org_id, language))) {
        out.parts = parse_parts(stored->parts_json);
        out.version = stored->version;
    }
    return out;
}

Result<SubjectLetter> load_letter(storage::Connection& db, const domain::Incident& incident,
                                  std::string_view language) {
    SubjectLetter out;
    out.incident_id = incident.id;
    out.language = std::string(language);
    if (auto stored = TRY(storage::find_subject_letter(db, incident.id, language))) {
        out.parts = parse_parts(stored->parts_json);
        out.version = stored->version;
        out.finalised_at = stored->finalised_at;
        out.finalised_by = stored->finalised_by;
        return out;
    }
    // Only what was written for the people who get the letter: the organisation's template.
    // The case's description, consequences and measures are the case file's internal text (they
    // name the people involved, often with their personal identity numbers), so the parts they
    // used to fill start as the template has them (empty in the built-in one: shown as missing,
    // with a prompt on the page saying what to write).
    out.parts = TRY(load_template(db, incident.org_id, language)).parts;
    return out;
}

doc::Document letter_document(const domain::Incident& incident, const domain::Organisation& organisation,
                              std::string_view language, const domain::letter::Parts& parts,
                              const storage::RecipientRecord* recipient) {
    auto values = case_values(incident, organisation, language);
    values["recipient_name"] = recipient ? recipient->name : std::string();
    doc::Document document;
    document.kind = "subject-letter";
    document.language = std::string(language);
    document.title = std::string(domain::letter::letter_title(language));
    document.organisation = organisation.name;
    document.reference = incident.case_number;
    if (recipient) {
        document.addressee.push_back(recipient->name);
        for (auto line : text::split(recipient->address, '\n'))
            if (!line.empty()) document.addressee.emplace_back(line);
    }
    for (auto part : domain::letter::k_parts) {
        std::string text = domain::letter::substitute(parts[part], values);
        // A blank letter has no name to put in; that is not a gap in the letter.
        auto empty = domain::letter::empty_placeholders(parts[part], values);
        if (!recipient) std::erase(empty, std::string("recipient_name"));
        bool missing = (domain::letter::required(part) && text::trim(text).empty()) || !empty.empty();
        doc::Block block = doc::Paragraph{text};
        if (missing)
            block = doc::Field{std::string(domain::letter::part_name(part)), "", missing_label(part, language, empty),
                               text, true};
        if (part == Part::closing && !document.sections.empty()) {
            if (!text::trim(text).empty() || missing) document.sections.back().blocks.push_back(std::move(block));
            continue;
        }
        document.sections.push_back({std::string(domain::letter::part_heading(part, language)), {std::move(block)}});
    }
    doc::collect_missing(document);
    return document;
}

} // namespace letters

Result<doc::Document> build_subject_letter(storage::Connection& db, const DocumentSource& source) {
    std::optional<storage::RecipientRecord> recipient;
    std::string language = source.request.language;
    if (!source.request.recipient_id.empty()) {
        recipient = TRY(storage::find_recipient(db, source.request.recipient_id));
        if (!recipient || recipient->incident_id != source.incident.id)
            return fail(not_in_case());
        language = recipient->language;
    }
    auto letter = TRY(letters::load_letter(db, source.incident, language));
    return letters::letter_document(source.incident, source.organisation, language, letter.parts,
                                    recipient ? &*recipient : nullptr);
}

} // namespace skydda::app
