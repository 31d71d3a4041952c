// The case file's "Skanningar" section: summaries that `skydda scan --attach` stored on the
// case (counts and data categories, never identifiers), and the offer to copy the figures into
// the case's facts.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/scan_update.hpp"
#include "scan/category.hpp"
#include "scan/report.hpp"
#include "web/pages.hpp"

namespace skydda::web::pages {
namespace {

namespace json = boost::json;

uint64_t number_at(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value && value->is_int64() ? static_cast<uint64_t>(value->as_int64()) : 0;
}

std::string findings_table(const Context& context, const json::object& summary) {
    const auto* findings = summary.if_contains("findings");
    if (!findings || !findings->is_object()) return {};
    std::string rows;
    for (auto category : scan::all_categories()) {
        const auto* entry = findings->as_object().if_contains(scan::category_code(category));
        if (!entry || !entry->is_object() || !number_at(entry->as_object(), "matches")) continue;
        const auto& counts = entry->as_object();
        rows += fmt::format(R"(<tr><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>)",
                            esc(scan::category_label(category, lang_code(context.lang))),
                            scan::format_count(number_at(counts, "matches"), lang_code(context.lang)),
                            scan::format_count(number_at(counts, "distinct"), lang_code(context.lang)),
                            scan::format_count(number_at(counts, "files"), lang_code(context.lang)));
    }
    if (rows.empty()) return fmt::format("<p>{}</p>", tx(context, "scan.nothing_found"));
    return fmt::format(R"(<table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th></tr></thead><tbody>{}</tbody></table>)",
                       tx(context, "scan.findings"), tx(context, "scan.category"), tx(context, "scan.matches"),
                       tx(context, "scan.distinct"), tx(context, "scan.files"), rows);
}

std::string update_offer(const Context& context, const app::CaseFile& file, const app::ScanRecord& scan) {
    const auto& incident = file.incident;
    if (scan.applied_at)
        return fmt::format("<p>{} {}.</p>", tx(context, "scan.applied"), esc(html::stockholm_time(*scan.applied_at)));
    auto update = domain::scan_update(incident.facts, scan.data, scan.subjects_estimate);
    if (update.empty()) return fmt::format("<p>{}</p>", tx(context, "scan.covered"));
    std::string items;
    for (const auto& code : update.add_data)
        items += fmt::format("<li>{}: {}</li>", tx(context, "scan.add_data"), code_label(context, "data", code));
    if (update.subjects_count)
        items += fmt::format("<li>{}: {} → {}</li>", tx(context, "scan.subjects_count"),
                             incident.facts.subjects_count ? number_text(context.lang, *incident.facts.subjects_count)
                                                           : std::string(tx(context, "scan.unknown")),
                             number_text(context.lang, *update.subjects_count));
    std::string offer = fmt::format("<p>{}</p><ul>{}</ul>", tx(context, "scan.proposal"), items);
    if (!context.actor->allows(incident.org_id, domain::Action::edit_facts) || !domain::is_open(incident.status))
        return offer;
    return offer + fmt::format(
        R"(<form method="post" action="/cases/{}/scans/{}/apply">{}<input type="hidden" name="version" value="{}"><button type="submit" class="button secondary">{}</button></form>)",
        http::percent_encode(incident.id), http::percent_encode(scan.id), html::csrf_field(context), incident.version,
        tx(context, "scan.apply"));
}

std::string one_scan(const Context& context, const app::CaseFile& file, const app::ScanRecord& scan) {
    json::object summary;
    if (auto parsed = json::parse(scan.summary_json); parsed.is_object()) summary = parsed.as_object();
    auto lang = lang_code(context.lang);
    std::string heading = fmt::format("{} {}", tx(context, "scan.heading_one"), esc(html::stockholm_time(scan.created_at)));
    if (!scan.label.empty()) heading += " · " + esc(scan.label);
    std::string totals = fmt::format("{}: {}; {}: {}; {}: {}", tx(context, "scan.files"),
                                     scan::format_count(number_at(summary, "files"), lang), tx(context, "scan.bytes"),
                                     scan::format_bytes(number_at(summary, "bytes"), lang), tx(context, "scan.subjects"),
                                     scan::format_count(static_cast<uint64_t>(scan.subjects_estimate), lang));
    if (auto unreadable = number_at(summary, "unreadable"))
        totals += fmt::format("; {}: {}", tx(context, "scan.unreadable"), unreadable);
    return fmt::format(R"(<article class="scan"><h3>{}</h3><p>{}</p>{}{}</article>)", heading, totals,
                       findings_table(context, summary), update_offer(context, file, scan));
}

} // namespace

std::string scans_section(const Context& context, const app::CaseFile& file) {
    std::string body;
    for (const auto& scan : file.scans) body += one_scan(context, file, scan);
    if (body.empty())
        body = fmt::format("<p>{}</p>", esc(fmt::format(fmt::runtime(context.t("scan.none")),
                                                         fmt::arg("case_number", file.incident.case_number))));
    return fmt::format(R"(<section id="scans" aria-labelledby="scans-heading"><h2 id="scans-heading">{}</h2>{}</section>)",
                       tx(context, "scan.section_heading"), body);
}

} // namespace skydda::web::pages
