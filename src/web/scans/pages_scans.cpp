// The case file's "Skanningar" section: summaries that `skydda scan --attach` stored on the
// case (counts and data categories, never identifiers), and the offer to copy the figures into
// the case's facts. Built as html::Html (web/markup.hpp): every text is escaped by construction.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/scan_update.hpp"
#include "scan/category.hpp"
#include "scan/report.hpp"
#include "web/scans/scans.hpp"

namespace skydda::web::pages {
namespace {

namespace json = boost::json;
using html::Html;

uint64_t number_at(const json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value && value->is_int64() ? static_cast<uint64_t>(value->as_int64()) : 0;
}

Html findings_table(const Context& context, const json::object& summary) {
    const auto* findings = summary.if_contains("findings");
    if (!findings || !findings->is_object()) return {};
    Html rows;
    for (auto category : scan::all_categories()) {
        const auto* entry = findings->as_object().if_contains(scan::category_code(category));
        if (!entry || !entry->is_object() || !number_at(entry->as_object(), "matches")) continue;
        const auto& counts = entry->as_object();
        rows += html::format(R"(<tr><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>)",
                             scan::category_label(category, lang_code(context.lang)),
                             scan::format_count(number_at(counts, "matches"), lang_code(context.lang)),
                             scan::format_count(number_at(counts, "distinct"), lang_code(context.lang)),
                             scan::format_count(number_at(counts, "files"), lang_code(context.lang)));
    }
    if (rows.empty()) return html::format("<p>{}</p>", context.t("scan.nothing_found"));
    return html::format(R"(<table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th></tr></thead><tbody>{}</tbody></table>)",
                        context.t("scan.findings"), context.t("scan.category"), context.t("scan.matches"),
                        context.t("scan.distinct"), context.t("scan.files"), rows);
}

Html update_offer(const Context& context, const app::CaseFile& file, const app::ScanRecord& scan) {
    const auto& incident = file.incident;
    if (scan.applied_at)
        return html::format("<p>{} {}.</p>", context.t("scan.applied"), html::stockholm_time(*scan.applied_at));
    auto update = domain::scan_update(incident.facts, scan.data, scan.subjects_estimate);
    if (update.empty()) return html::format("<p>{}</p>", context.t("scan.covered"));
    Html items;
    for (const auto& code : update.add_data)
        items += html::format("<li>{}: {}</li>", context.t("scan.add_data"), code_label(context, "data", code));
    if (update.subjects_count)
        items += html::format("<li>{}: {} → {}</li>", context.t("scan.subjects_count"),
                              incident.facts.subjects_count ? number_text(context.lang, *incident.facts.subjects_count)
                                                            : std::string(context.t("scan.unknown")),
                              number_text(context.lang, *update.subjects_count));
    Html offer = html::format("<p>{}</p><ul>{}</ul>", context.t("scan.proposal"), items);
    if (!context.actor->allows(incident.org_id, domain::Action::edit_facts) || !domain::is_open(incident.status))
        return offer;
    return offer + html::format(
        R"(<form method="post" action="/cases/{}/scans/{}/apply">{}<input type="hidden" name="version" value="{}"><button type="submit" class="button secondary">{}</button></form>)",
        http::percent_encode(incident.id), http::percent_encode(scan.id), html::csrf_field(context), incident.version,
        context.t("scan.apply"));
}

Html one_scan(const Context& context, const app::CaseFile& file, const app::ScanRecord& scan) {
    json::object summary;
    if (auto parsed = json::parse(scan.summary_json); parsed.is_object()) summary = parsed.as_object();
    auto lang = lang_code(context.lang);
    Html heading = html::format("{} {}", context.t("scan.heading_one"), html::stockholm_time(scan.created_at));
    if (!scan.label.empty()) heading += html::format(" · {}", scan.label);
    Html totals = html::format("{}: {}; {}: {}; {}: {}", context.t("scan.files"),
                               scan::format_count(number_at(summary, "files"), lang), context.t("scan.bytes"),
                               scan::format_bytes(number_at(summary, "bytes"), lang), context.t("scan.subjects"),
                               scan::format_count(static_cast<uint64_t>(scan.subjects_estimate), lang));
    if (auto unreadable = number_at(summary, "unreadable"))
        totals += html::format("; {}: {}", context.t("scan.unreadable"), unreadable);
    return html::format(R"(<article class="scan"><h3>{}</h3><p>{}</p>{}{}</article>)", heading, totals,
                        findings_table(context, summary), update_offer(context, file, scan));
}

} // namespace

html::Html scans_section(const Context& context, const app::CaseFile& file) {
    Html body;
    for (const auto& scan : file.scans) body += one_scan(context, file, scan);
    if (body.empty())
        body = html::format("<p>{}</p>", fmt::format(fmt::runtime(context.t("scan.none")),
                                                      fmt::arg("case_number", file.incident.case_number)));
    return html::format(R"(<section id="scans" aria-labelledby="scans-heading"><h2 id="scans-heading">{}</h2>{}</section>)",
                        context.t("scan.section_heading"), body);
}

} // namespace skydda::web::pages
