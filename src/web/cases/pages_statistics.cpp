// /statistics: the case register's figures for a period, per nämnd or across every one the
// person serves: the key figures of the 72 hours, and server-drawn SVG bar charts each with its
// data table beside it (the same numbers, for a screen reader and without JavaScript), the late
// notifications with their reasons and the causes that recur. Built as html::Html.
#include <fmt/format.h>

#include <algorithm>

#include "web/cases/cases.hpp"

namespace skydda::web::pages {
namespace {

using html::Html;

struct Bar {
    std::string label;
    int64_t count;
};

std::string decimal(double value) { return fmt::format("{:.1f}", value); }

// A horizontal bar chart: one bar per row, its length proportional to the largest. The SVG is
// a picture of the table beside it (role="img", named by the caption).
Html bar_chart(const Context& context, std::string_view id, std::string_view caption, const std::vector<Bar>& bars) {
    if (bars.empty()) return {};
    int64_t largest = 1;
    for (const auto& bar : bars) largest = std::max(largest, bar.count);
    const int row = 26, width = 480, label_width = 190;
    Html shapes;
    for (size_t i = 0; i < bars.size(); ++i) {
        const int y = static_cast<int>(i) * row;
        const int length = static_cast<int>(static_cast<double>(width - label_width - 50) * static_cast<double>(bars[i].count) /
                                            static_cast<double>(largest));
        std::string label = bars[i].label.size() > 30 ? bars[i].label.substr(0, 28) + "…" : bars[i].label;
        shapes += html::format(
            R"(<text x="{}" y="{}" text-anchor="end" font-size="13" fill="#1b1b1b">{}</text><rect x="{}" y="{}" width="{}" height="18" fill="#1d4f91"/><text x="{}" y="{}" font-size="13" fill="#1b1b1b">{}</text>)",
            label_width - 6, y + 14, label, label_width, y + 2, std::max(length, 1), label_width + std::max(length, 1) + 6,
            y + 14, bars[i].count);
    }
    Html rows;
    for (const auto& bar : bars) rows += html::format(R"(<tr><th scope="row">{}</th><td>{}</td></tr>)", bar.label, bar.count);
    return html::format(
        R"(<section aria-labelledby="{}-heading"><h2 id="{}-heading">{}</h2><div class="chart"><svg role="img" aria-labelledby="{}-heading" viewBox="0 0 {} {}" xmlns="http://www.w3.org/2000/svg">{}</svg><table><caption class="visually-hidden">{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table></div></section>)",
        id, id, caption, id, width, static_cast<int>(bars.size()) * row, shapes, caption, context.t("stats.col_what"),
        context.t("stats.col_count"), rows);
}

std::vector<Bar> coded(const Context& context, const std::map<std::string, int64_t>& by, std::string_view list) {
    std::vector<Bar> bars;
    for (const auto& [code, count] : by)
        bars.push_back({code.empty() ? std::string(context.t("stats.not_given")) : std::string(label(context.lang, list, code)), count});
    std::stable_sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) { return a.count > b.count; });
    return bars;
}

std::string share_text(int64_t part, int64_t whole) {
    if (whole == 0) return "–";
    return fmt::format("{} %", static_cast<int>(std::lround(100.0 * static_cast<double>(part) / static_cast<double>(whole))));
}

Html figures(const Context& context, const app::CaseStatistics& s) {
    auto item = [&](std::string_view key, const std::string& value) {
        return html::format(R"(<div><dt>{}</dt><dd>{}</dd></div>)", context.t(key), value);
    };
    auto hours = [&](const app::HoursFigure& f) {
        if (!f.median) return std::string("–");
        return fmt::format(fmt::runtime(context.t("stats.hours_value")), fmt::arg("median", decimal(*f.median)),
                           fmt::arg("p90", decimal(*f.p90)));
    };
    return html::format(R"(<dl class="figures">{}{}{}{}{}{}</dl>)", item("stats.total", std::to_string(s.total)),
                        item("stats.notified", fmt::format("{} ({})", s.notified, share_text(s.notified, s.total))),
                        item("stats.within_72h", fmt::format("{} ({})", s.notified_within_72h,
                                                             share_text(s.notified_within_72h, s.notified))),
                        item("stats.to_decision", hours(s.hours_to_decision)),
                        item("stats.to_notification", hours(s.hours_to_notification)),
                        item("stats.subjects_told", fmt::format("{} ({})", s.subjects_told, share_text(s.subjects_told, s.total))));
}

http::Response statistics_page(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto visible = context.actor->org_ids_allowing(domain::Action::read_all_cases);
    if (visible.empty()) return error_page(context, Error::denied());
    const auto org_names = organisation_names(context);
    auto param = [&](std::string_view name) { return context.request.query_param(name).value_or(""); };
    std::string org = param("org"), from_text = param("from"), to_text = param("to");
    // The current year unless a period is given.
    if (from_text.empty() && to_text.empty()) {
        int year = stockholm_year(context.app.clock().now());
        from_text = fmt::format("{}-01-01", year);
        to_text = fmt::format("{}-12-31", year);
    }
    std::optional<html::FieldError> error;
    Result<app::CaseStatistics> stats = app::CaseStatistics{};
    auto from = query_moment("from", from_text, false);
    auto to = query_moment("to", to_text, true);
    if (!from) error = html::FieldError{"from", std::string(context.t("stats.error.date"))};
    else if (!to) error = html::FieldError{"to", std::string(context.t("stats.error.date"))};
    else {
        stats = context.app.statistics(*context.actor, org, *from, *to);
        if (!stats && stats.error().field == "to") error = html::FieldError{"to", std::string(context.t("stats.error.order"))};
        else if (!stats) return error_page(context, stats.error());
    }
    auto input = [&](std::string_view name, std::string_view label_key, const std::string& value) {
        const html::FieldError* e = error && error->field == name ? &*error : nullptr;
        return html::labelled_control(context, {html::field_id(name), context.t(label_key), "", e}, [&](const Html& attrs) {
            return html::format(R"(<input {} type="date" name="{}" value="{}">)", attrs, name, value);
        });
    };
    Html org_select;
    if (visible.size() > 1) {
        Html options = html::format(R"(<option value="all">{}</option>)", context.t("stats.all_orgs"));
        for (const auto& id : visible)
            options += html::format(R"(<option value="{}"{}>{}</option>)", id, id == org ? Html(" selected") : Html(),
                                    org_names.contains(id) ? org_names.at(id) : id);
        org_select = html::labelled_control(context, {html::field_id("org"), context.t("cases.col_org"), "", nullptr},
                                            [&](const Html& attrs) {
                                                return html::format(R"(<select {} name="org">{}</select>)", attrs, options);
                                            });
    }
    Html body = error ? html::error_summary(context, {*error}) : Html();
    body += html::format(R"(<p>{}</p><form method="get" action="/statistics" class="filters">{}{}{}<div class="actions"><button type="submit" class="button secondary">{}</button></div></form>)",
                         context.t("stats.intro"), org_select, input("from", "stats.from", from_text),
                         input("to", "stats.to", to_text), context.t("cases.filter"));
    if (!error && stats) {
        const auto& s = *stats;
        body += figures(context, s);
        std::vector<Bar> months;
        for (const auto& [month, count] : s.by_month) months.push_back({month, count});
        body += bar_chart(context, "by-month", context.t("stats.by_month"), months);
        body += bar_chart(context, "by-what", context.t("stats.by_what_happened"), coded(context, s.by_what_happened, "what_happened"));
        body += bar_chart(context, "by-cause", context.t("stats.by_cause"), coded(context, s.by_cause, "cause"));
        body += bar_chart(context, "by-discovery", context.t("stats.by_discovered_by"), coded(context, s.by_discovered_by, "discovered_by"));
        if (s.org_ids.size() > 1) {
            std::vector<Bar> orgs;
            for (const auto& [id, count] : s.by_org) orgs.push_back({org_names.contains(id) ? org_names.at(id) : id, count});
            body += bar_chart(context, "by-org", context.t("stats.by_org"), orgs);
        }
        Html late;
        for (const auto& item : s.late_notifications)
            late += html::format(R"(<tr><th scope="row"><a href="{}">{}</a></th><td>{}</td><td>{}</td></tr>)",
                                 case_url(item.incident_id), item.case_number, decimal(item.hours),
                                 item.reason.empty() ? std::string(context.t("stats.no_reason")) : item.reason);
        body += html::format(R"(<section aria-labelledby="late-heading"><h2 id="late-heading">{}</h2>{}</section>)",
                             context.t("stats.late"),
                             late.empty() ? html::format("<p>{}</p>", context.t("stats.none_late"))
                                          : html::format(R"(<table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
                                                         context.t("cases.col_number"), context.t("stats.col_hours"),
                                                         context.t("stats.col_reason"), late));
        Html recurring;
        for (const auto& [cause, count] : s.recurring_causes)
            recurring += html::format("<li>{}: {}</li>", label(context.lang, "cause", cause), count);
        if (!recurring.empty())
            body += html::format(R"(<section aria-labelledby="recurring-heading"><h2 id="recurring-heading">{}</h2><ul>{}</ul></section>)",
                                 context.t("stats.recurring"), recurring);
        std::string export_query = "reported_from=" + http::percent_encode(from_text) + "&reported_to=" +
                                   http::percent_encode(to_text) + (org.empty() || org == "all" ? "" : "&org=" + http::percent_encode(org));
        body += html::format(R"(<p>{} <a href="/api/v1/incidents/export?format=xlsx&{}" download>{}</a></p>)",
                             context.t("stats.reproduce"), export_query, context.t("stats.export"));
        if (!org.empty() && org != "all")
            body += html::format(R"(<p><a href="/statistics/annual?org={}">{}</a></p>)", http::percent_encode(org),
                                 context.t("stats.annual_link"));
        else if (visible.size() == 1)
            body += html::format(R"(<p><a href="/statistics/annual">{}</a></p>)", context.t("stats.annual_link"));
    }
    std::string title(context.t("stats.title"));
    return html::page(context, error ? 400 : 200,
                      {error ? std::string(context.t("page.error.title_prefix")) + title : title, title, std::move(body),
                       "statistics", false});
}

} // namespace

void register_statistics_pages(Site& site) { site.add("GET", "/statistics", statistics_page); }

} // namespace skydda::web::pages
