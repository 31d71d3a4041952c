// The processor's notice to a controller (GDPR art. 33(2)), holding what art. 33(3) asks for
// as far as it is known: the nature of the breach with categories and approximate numbers of
// people and records, our contact point, the likely consequences and the measures taken or
// proposed. What is not yet known is marked missing ("ännu inte känt") rather than left out,
// since art. 33(4) allows the information to follow in phases. It reminds the controller that
// it must assess its own duty to notify IMY within 72 hours of becoming aware.
#include <fmt/format.h>

#include "app/documents/doc_labels.hpp"
#include "app/documents/documents.hpp"
#include "app/processor/processor.hpp"
#include "storage/processor/processor_repository.hpp"
#include "util/text.hpp"

namespace skydda::app {
namespace {

struct Words {
    bool en;
    std::string_view operator()(std::string_view sv, std::string_view english) const { return en ? english : sv; }
};

std::string unknown(const Words& w) { return std::string(w("Ännu inte känt", "Not yet known")); }

doc::Field field(std::string key, std::string label, std::string value, const Words& w, bool required = true) {
    bool missing = required && value.empty();
    if (value.empty()) value = unknown(w);
    return doc::Field{std::move(key), "", std::move(label), std::move(value), missing};
}

// The controller's own figure when we know it, else the case's total, saying which it is.
std::string count_text(const std::optional<int64_t>& own, const std::optional<int64_t>& total, const Words& w) {
    if (own) return fmt::format("{} {}", *own, w("(hos er)", "(yours)"));
    if (!total) return {};
    return fmt::format("{} {}", *total, w("(sammanlagt för incidenten, för alla personuppgiftsansvariga)",
                                          "(in total for the incident, across all controllers)"));
}

std::string labels(const std::vector<std::string>& codes, std::string_view list, std::string_view language) {
    std::string out;
    for (const auto& code : codes) {
        if (!out.empty()) out += '\n';
        out += code_label(list, code, language);
    }
    return out;
}

doc::Section about_section(const DocumentSource& source, const storage::CustomerRecord* customer, const Words& w) {
    const auto& org = source.organisation;
    doc::Section section{std::string(w("Om underrättelsen", "About this notice")), {}};
    section.blocks.push_back(doc::Paragraph{std::string(w(
        "Vi behandlar personuppgifter för er räkning som personuppgiftsbiträde. Enligt artikel 33.2 i "
        "dataskyddsförordningen underrättar vi er utan onödigt dröjsmål om en personuppgiftsincident som kan "
        "beröra personuppgifter vi behandlar för er.",
        "We process personal data on your behalf as your processor. Under Article 33(2) of the GDPR we notify you "
        "without undue delay of a personal data breach that may affect personal data we process for you."))});
    section.blocks.push_back(field("processor.name", std::string(w("Personuppgiftsbiträde", "Processor")),
                                   org.orgnr.empty() ? org.name : fmt::format("{} ({})", org.name, org.orgnr), w));
    if (customer) {
        section.blocks.push_back(field("controller.name", std::string(w("Personuppgiftsansvarig", "Controller")),
                                       fmt::format("{} ({})", customer->name, customer->orgnr), w));
        if (!customer->agreement_reference.empty())
            section.blocks.push_back(field("agreement.reference", std::string(w("Personuppgiftsbiträdesavtal", "Data processing agreement")),
                                           customer->agreement_reference, w, false));
        if (customer->notice_hours)
            section.blocks.push_back(field("agreement.deadline", std::string(w("Avtalad tid för underrättelse", "Agreed notice time")),
                                           fmt::format("{} {} ({})", *customer->notice_hours, w("timmar", "hours"),
                                                       format_stockholm_human(domain::awareness(source.incident) +
                                                                              std::chrono::hours(*customer->notice_hours))),
                                           w, false));
    }
    section.blocks.push_back(field("reference", std::string(w("Vår referens", "Our reference")), source.incident.case_number, w));
    return section;
}

// The free text comes from the notice's text written for the controllers, never from the case's
// own description, consequences or measures (internal; they name the people involved).
doc::Section nature_section(const DocumentSource& source, const storage::NoticeRecord* notice,
                            const storage::NoticeTextRecord& written, const Words& w) {
    const auto& facts = source.incident.facts;
    auto language = source.request.language;
    doc::Section section{std::string(w("Incidentens art", "Nature of the breach")), {}};
    section.blocks.push_back(field("breach.what_happened", std::string(w("Vad som hände", "What happened")),
                                   facts.what_happened.empty() ? std::string()
                                                               : code_label("what_happened", facts.what_happened, language),
                                   w));
    section.blocks.push_back(field("breach.description", std::string(w("Beskrivning", "Description")), written.description, w));
    section.blocks.push_back(field("breach.occurred_at", std::string(w("När incidenten inträffade", "When it occurred")),
                                   fact_time_text(facts, "occurred_at", facts.occurred_at, language), w));
    section.blocks.push_back(field("breach.aware_at", std::string(w("När vi fick kännedom om den", "When we became aware of it")),
                                   format_stockholm_human(domain::awareness(source.incident)), w));
    section.blocks.push_back(field("breach.ended_at", std::string(w("När den upphörde", "When it ended")), fact_time_text(facts, "ended_at", facts.ended_at, language), w, false));
    section.blocks.push_back(field("breach.data", std::string(w("Kategorier av personuppgifter", "Categories of personal data")),
                                   labels(facts.data, "data", language), w));
    section.blocks.push_back(field("breach.groups", std::string(w("Kategorier av registrerade", "Categories of data subjects")),
                                   labels(facts.subject_groups, "groups", language), w));
    section.blocks.push_back(field("breach.subjects_count", std::string(w("Ungefärligt antal registrerade", "Approximate number of data subjects")),
                                   count_text(notice ? notice->subjects_count : std::nullopt, facts.subjects_count, w), w));
    section.blocks.push_back(field("breach.records", std::string(w("Ungefärligt antal registerposter", "Approximate number of records")),
                                   count_text(notice ? notice->records : std::nullopt, facts.records, w), w));
    return section;
}

doc::Section contact_section(const DocumentSource& source, const Words& w) {
    const auto& org = source.organisation;
    doc::Section section{std::string(w("Kontaktpunkt hos oss", "Our contact point")), {}};
    std::string contact = org.dpo_name;
    for (const auto* part : {&org.dpo_email, &org.dpo_phone})
        if (!part->empty()) {
            if (!contact.empty()) contact += '\n';
            contact += *part;
        }
    section.blocks.push_back(field("contact.point", std::string(w("Dataskyddsombud eller annan kontaktpunkt", "Data protection officer or other contact point")),
                                   contact, w));
    return section;
}

doc::Section consequences_section(const storage::NoticeTextRecord& written, const Words& w) {
    doc::Section section{std::string(w("Konsekvenser och åtgärder", "Consequences and measures")), {}};
    section.blocks.push_back(field("consequences", std::string(w("Sannolika konsekvenser", "Likely consequences")), written.consequences, w));
    section.blocks.push_back(field("measures", std::string(w("Vidtagna eller föreslagna åtgärder", "Measures taken or proposed")),
                                   written.measures, w));
    return section;
}

doc::Section duty_section(const Words& w) {
    doc::Section section{std::string(w("Vad ni behöver göra", "What you need to do")), {}};
    section.blocks.push_back(doc::Paragraph{std::string(w(
        "Ni är personuppgiftsansvariga och behöver själva bedöma om incidenten ska anmälas till "
        "Integritetsskyddsmyndigheten (IMY) och om de registrerade ska informeras. En anmälan ska göras inom 72 "
        "timmar från att ni fick kännedom om incidenten, vilket normalt är när ni tog emot denna underrättelse.",
        "You are the controller and must assess yourselves whether the breach is to be notified to the Swedish "
        "Authority for Privacy Protection (IMY) and whether the data subjects are to be informed. A notification is "
        "due within 72 hours of your becoming aware of the breach, which is normally when you received this notice."))});
    section.blocks.push_back(doc::Paragraph{std::string(w(
        "Uppgifter som markerats som ännu inte kända lämnar vi så snart vi har dem. Svara gärna och bekräfta att ni "
        "tagit emot underrättelsen, och ange vår referens.",
        "Information marked as not yet known will follow as soon as we have it. Please reply to confirm that you "
        "received this notice, quoting our reference."))});
    return section;
}

} // namespace

Result<doc::Document> build_processor_notice(storage::Connection& db, const DocumentSource& source) {
    std::optional<storage::CustomerRecord> customer;
    std::optional<storage::NoticeRecord> notice;
    if (!source.request.recipient_id.empty()) {
        customer = TRY(storage::find_customer(db, source.request.recipient_id));
        if (!customer || customer->org_id != source.organisation.id)
            return fail(Error::invalid("recipient", "not a customer of the case's organisation"));
        notice = TRY(storage::find_notice_for(db, source.incident.id, customer->id));
    }
    auto written = TRY(storage::find_notice_text(db, source.incident.id)).value_or(storage::NoticeTextRecord{});
    Words w{source.request.language == "en"};
    doc::Document document;
    document.language = source.request.language; // the words above are in it
    document.title = std::string(w("Underrättelse om personuppgiftsincident till personuppgiftsansvarig",
                                   "Notice of a personal data breach to the controller"));
    if (customer) {
        document.addressee.push_back(customer->name);
        if (!customer->contact_name.empty())
            document.addressee.push_back(fmt::format("{} {}", w("Att:", "Attn:"), customer->contact_name));
    }
    document.sections.push_back(about_section(source, customer ? &*customer : nullptr, w));
    document.sections.push_back(nature_section(source, notice ? &*notice : nullptr, written, w));
    document.sections.push_back(contact_section(source, w));
    document.sections.push_back(consequences_section(written, w));
    document.sections.push_back(duty_section(w));
    return document;
}

std::string notice_text(const doc::Document& document) {
    std::string out = document.title + "\n";
    if (!document.reference.empty()) out += document.organisation + " · " + document.reference + "\n";
    for (const auto& line : document.addressee) out += "\n" + line;
    if (!document.addressee.empty()) out += "\n";
    for (const auto& section : document.sections) {
        out += "\n" + section.heading + "\n" + std::string(text::code_points(section.heading), '-') + "\n";
        for (const auto& block : section.blocks) {
            if (const auto* f = std::get_if<doc::Field>(&block)) out += f->label + ": " + f->value + "\n";
            else if (const auto* p = std::get_if<doc::Paragraph>(&block)) out += p->text + "\n\n";
            else if (const auto* l = std::get_if<doc::List>(&block))
                for (const auto& item : l->items) out += "- " + item + "\n";
            else if (const auto* t = std::get_if<doc::Table>(&block))
                for (const auto& row : t->rows) {
                    for (const auto& cell : row) out += cell + "\t";
                    out += "\n";
                }
        }
    }
    return out;
}

} // namespace skydda::app
