// The register of processing activities as IMY asks to see it (GDPR art. 30(4)): the
// controller, then each activity that is not archived with every art. 30 item in words, what
// it still lacks and what is wrong, and the group's suppliers with their agreements; through
// the document model (PDF, HTML, JSON) or as a spreadsheet, one row per activity (CSV, XLSX).
#include <fmt/format.h>

#include <map>

#include "app/case_access.hpp"
#include "app/documents/doc_labels.hpp"
#include "app/register/register.hpp"
#include "app/register/register_internal.hpp"
#include "doc/sheet.hpp"
#include "storage/repositories.hpp"

namespace skydda::app {
using namespace register_access;

namespace {

namespace reg = domain::reg;
using storage::Connection;
using storage::TxMode;

struct Loaded {
    domain::Organisation organisation;
    std::vector<ActivityRecord> activities;
    std::vector<SupplierRecord> suppliers;
    std::map<std::string, std::string> system_names, supplier_names;
};

class Words {
public:
    explicit Words(std::string_view language) : m_language(language) {}
    std::string operator()(std::string_view key) const { return std::string(label(key, m_language)); }
    std::string codes(std::string_view group, const std::vector<std::string>& values) const {
        std::string out;
        for (const auto& value : values) out += (out.empty() ? "" : ", ") + code_label(group, value, m_language);
        return out;
    }
    std::string keyed(std::string_view prefix, const std::vector<std::string>& values) const {
        std::string out;
        for (const auto& value : values) out += (out.empty() ? "" : ", ") + (*this)(std::string(prefix) + value);
        return out;
    }
    std::string_view language() const { return m_language; }

private:
    std::string_view m_language;
};

std::string names(const std::vector<std::string>& ids, const std::map<std::string, std::string>& by_id) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ", ") + (by_id.contains(id) ? by_id.at(id) : id);
    return out;
}

std::string recipients_text(const Words& w, const reg::Activity& a) {
    std::string out;
    for (const auto& r : a.recipients)
        out += (out.empty() ? "" : "\n") + fmt::format("{} ({}{})", r.name, w(fmt::format("register.kind.{}", reg::recipient_kind_name(r.kind))),
                                                     r.country.empty() ? "" : ", " + r.country);
    return out;
}

std::string transfers_text(const Words& w, const reg::Activity& a, const std::map<std::string, std::string>& suppliers) {
    std::string out;
    for (const auto& t : a.transfers) {
        auto mechanism = t.mechanism ? w(fmt::format("register.mechanism.{}", reg::transfer_mechanism_name(*t.mechanism)))
                                     : w("register.mechanism.none");
        auto via = t.supplier_id.empty() ? std::string() : " · " + names({t.supplier_id}, suppliers);
        out += (out.empty() ? "" : "\n") + fmt::format("{}: {}{}", t.country, mechanism, via);
    }
    return out;
}

std::string joined(const std::vector<std::string>& lines, std::string_view separator) {
    std::string out;
    for (const auto& line : lines) out += (out.empty() ? "" : std::string(separator)) + line;
    return out;
}

doc::Document register_document(const Loaded& l, const Words& w, std::string_view today) {
    doc::Document document;
    document.title = w("register.title");
    document.reference = l.organisation.orgnr;
    doc::Section controller{w("register.controller"), {}};
    auto field = [](std::string key, std::string label, std::string value) {
        return doc::Field{std::move(key), "", std::move(label), std::move(value), false};
    };
    controller.blocks.push_back(field("controller.name", w("register.name"), l.organisation.name));
    controller.blocks.push_back(field("controller.orgnr", w("register.orgnr"), l.organisation.orgnr));
    controller.blocks.push_back(field("controller.address", w("register.address"), l.organisation.address));
    controller.blocks.push_back(field("controller.dpo", w("register.dpo"),
                                      joined({l.organisation.dpo_name, l.organisation.dpo_email, l.organisation.dpo_phone}, ", ")));
    document.sections.push_back(std::move(controller));
    if (l.activities.empty()) document.sections.push_back({w("register.title"), {doc::Paragraph{w("register.no_activities")}}});
    for (const auto& r : l.activities) {
        const auto& a = r.activity;
        doc::Section section{a.name, {}};
        auto add = [&](std::string_view key, std::string_view label_key, std::string value) {
            if (!value.empty()) section.blocks.push_back(field(fmt::format("{}.{}", r.id, key), w(label_key), std::move(value)));
        };
        add("status", "register.status", w(fmt::format("register.status.{}", reg::activity_status_name(r.status))));
        add("purposes", "register.purposes", joined(a.purposes, "\n"));
        add("legal_bases", "register.legal_bases", w.keyed("register.basis.", a.legal_bases));
        add("balancing_test", "register.balancing_test", a.balancing_test);
        add("special_category_bases", "register.special_bases", joined(a.special_category_bases, ", "));
        add("criminal_data_basis", "register.criminal_basis", a.criminal_data_basis);
        add("subject_groups", "register.subject_groups", w.codes("groups", a.subject_groups));
        add("data", "register.data", w.codes("data", a.data));
        add("sources", "register.sources", a.sources);
        add("recipients", "register.recipients", recipients_text(w, a));
        add("systems", "register.systems", names(a.systems, l.system_names));
        add("suppliers", "register.suppliers", names(a.suppliers, l.supplier_names));
        add("transfers", "register.transfers", transfers_text(w, a, l.supplier_names));
        add("retention", "register.retention", a.retention);
        add("security_measures", "register.security", a.security_measures);
        add("missing", "register.missing", w.keyed("register.item.", reg::missing_items(a)));
        add("problems", "register.problems", w.keyed("register.problem.", reg::activity_problems(a)));
        document.sections.push_back(std::move(section));
    }
    doc::Table suppliers{{w("register.col.name"), w("register.col.role"), w("register.col.country"),
                          w("register.col.agreement"), w("register.col.flags")},
                         {}};
    for (const auto& s : l.suppliers)
        suppliers.rows.push_back(
            {s.supplier.name, w(fmt::format("register.role.{}", reg::supplier_role_name(s.supplier.role))), s.supplier.country,
             joined({s.supplier.agreement.reference, s.supplier.agreement.signed_on}, ", "),
             w.keyed("register.flag.", reg::supplier_flags(s.supplier, today))});
    if (!suppliers.rows.empty()) document.sections.push_back({w("register.supplier_table"), {std::move(suppliers)}});
    return document;
}

doc::Sheet register_sheet(const Loaded& l, const Words& w) {
    doc::Sheet sheet;
    sheet.name = w.language() == "en" ? "Processing" : "Behandlingar";
    sheet.header = {w("register.col.activity"), w("register.status"),      w("register.purposes"),
                    w("register.legal_bases"),  w("register.special_bases"), w("register.subject_groups"),
                    w("register.data"),         w("register.recipients"),  w("register.systems"),
                    w("register.suppliers"),    w("register.transfers"),   w("register.retention"),
                    w("register.security"),     w("register.missing"),     w("register.problems")};
    for (const auto& r : l.activities) {
        const auto& a = r.activity;
        std::vector<std::string> cells{a.name,
                                       w(fmt::format("register.status.{}", reg::activity_status_name(r.status))),
                                       joined(a.purposes, "; "),
                                       w.keyed("register.basis.", a.legal_bases),
                                       joined(a.special_category_bases, ", "),
                                       w.codes("groups", a.subject_groups),
                                       w.codes("data", a.data),
                                       recipients_text(w, a),
                                       names(a.systems, l.system_names),
                                       names(a.suppliers, l.supplier_names),
                                       transfers_text(w, a, l.supplier_names),
                                       a.retention,
                                       a.security_measures,
                                       w.keyed("register.item.", reg::missing_items(a)),
                                       w.keyed("register.problem.", reg::activity_problems(a))};
        std::vector<doc::SheetCell> row;
        for (auto& cell : cells) row.emplace_back(std::move(cell));
        sheet.rows.push_back(std::move(row));
    }
    return sheet;
}

} // namespace

Result<RegisterExport> export_register(App& app, const Actor& actor, std::string_view org_id, std::string_view format,
                                       std::string_view language) {
    TRY_STATUS(require_org(actor, org_id, false));
    if (language != "sv" && language != "en") return fail(Error::invalid("language", "must be \"sv\" or \"en\""));
    auto document_format = doc::parse_format(format);
    if (!document_format && format != "csv" && format != "xlsx")
        return fail(Error::invalid("format", "must be json, pdf, html, csv or xlsx"));
    auto loaded = TRY(storage::transact_value<Loaded>(app.database(), TxMode::read, [&](Connection& db) -> Result<Loaded> {
        Loaded l;
        l.organisation = TRY(organisation_of(db, org_id));
        for (auto& a : TRY(storage::list_activities(db, org_id)))
            if (a.status != reg::ActivityStatus::archived) l.activities.push_back(std::move(a));
        auto group = TRY(storage::organisation_group(db, org_id));
        if (!group.empty()) {
            l.suppliers = TRY(storage::list_suppliers(db, group));
            for (const auto& s : l.suppliers) l.supplier_names[s.id] = s.supplier.name;
            for (const auto& s : TRY(storage::list_systems(db, group))) l.system_names[s.id] = s.system.name;
        }
        return l;
    }));
    const Words words(language);
    RegisterExport out;
    const auto today = format_stockholm_date(app.clock().now());
    auto base = fmt::format("register-{}-{}", loaded.organisation.orgnr.empty() ? std::string(org_id) : loaded.organisation.orgnr,
                            today);
    if (document_format) {
        auto document = register_document(loaded, words, today);
        document.kind = "processing-register";
        document.language = std::string(language);
        document.organisation = loaded.organisation.name;
        document.generated_at = app.clock().now();
        out.bytes = TRY(doc::render(document, *document_format));
        out.content_type = std::string(doc::content_type(*document_format));
        out.filename = base + "." + std::string(doc::format_name(*document_format));
    } else {
        auto sheet = register_sheet(loaded, words);
        out.bytes = format == "csv" ? doc::render_csv(sheet) : TRY(doc::render_xlsx(sheet));
        out.content_type = format == "csv" ? "text/csv; charset=utf-8"
                                           : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        out.filename = base + "." + std::string(format);
    }
    out.activities = static_cast<int64_t>(loaded.activities.size());
    return out;
}

} // namespace skydda::app
