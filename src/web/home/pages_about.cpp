// About the service, for everyone and signed out too: the privacy notice (/privacy) and the
// accessibility statement (/accessibility, lagen (2018:1937) om tillgänglighet till digital
// offentlig service, in the structure of DIGG's model), both generated from the organisations'
// data; the statement also from the last axe-core run (data/accessibility/axe-results.json).
#include <fmt/format.h>

#include <boost/json.hpp>

#include "web/pages.hpp"

namespace skydda::web::pages {
namespace {
#include "axe_results.inc"

constexpr std::string_view k_digg_report = "https://www.digg.se/tdosanmalan";

struct AxeRun {
    std::string date;
    long long page_states = 0, violations = 0;
};

AxeRun last_axe_run() {
    AxeRun run;
    boost::system::error_code error;
    auto value = boost::json::parse(k_axe_results_json, error);
    if (error || !value.is_object()) return run;
    const auto& object = value.as_object();
    if (auto* date = object.if_contains("date"); date && date->is_string()) run.date = std::string(date->as_string());
    if (auto* pages = object.if_contains("page_states"); pages && pages->is_int64()) run.page_states = pages->as_int64();
    if (auto* found = object.if_contains("violations"); found && found->is_int64()) run.violations = found->as_int64();
    return run;
}

std::string with_org(const Context& context, std::string_view key, const domain::Organisation& org) {
    return esc(fmt::format(fmt::runtime(context.t(key)), fmt::arg("organisation", org.name)));
}

// "Dora Dataskyddsombud, dataskyddsombud@exempelby.se, 0123-45 67 00", e-mail as a link.
std::string dpo_contact(const Context& context, const domain::Organisation& org) {
    if (org.dpo_name.empty() && org.dpo_email.empty() && org.dpo_phone.empty())
        return fmt::format("<p>{}</p>", tx(context, "privacy.no_contact"));
    std::string items;
    if (!org.dpo_name.empty()) items += fmt::format("<li>{}</li>", esc(org.dpo_name));
    if (!org.dpo_email.empty()) items += fmt::format(R"(<li><a href="mailto:{0}">{0}</a></li>)", esc(org.dpo_email));
    if (!org.dpo_phone.empty()) items += fmt::format("<li>{}</li>", esc(org.dpo_phone));
    return fmt::format(R"(<ul class="plain contact">{}</ul>)", items);
}

// The organisations a page is about: ?org= when it names one, else every one in scope.
std::vector<domain::Organisation> about_organisations(const Context& context) {
    return html::page_organisations(context, {});
}

std::string privacy_for(const Context& context, const domain::Organisation& org, bool several) {
    std::string section;
    std::string id = "org-" + esc(org.id);
    if (several) section += fmt::format(R"(<h2 id="{}">{}</h2>)", id, esc(org.name));
    std::string level = several ? "h3" : "h2";
    auto heading = [&](std::string_view key) { return fmt::format("<{0}>{1}</{0}>", level, tx(context, key)); };
    section += heading("privacy.controller_heading");
    section += fmt::format("<p>{}</p>", with_org(context, "privacy.controller", org));
    std::string facts;
    if (!org.orgnr.empty())
        facts += fmt::format(R"(<div class="row"><dt>{}</dt><dd>{}</dd></div>)", tx(context, "privacy.orgnr"), esc(org.orgnr));
    if (!org.address.empty())
        facts += fmt::format(R"(<div class="row"><dt>{}</dt><dd>{}</dd></div>)", tx(context, "privacy.address"), esc(org.address));
    if (!facts.empty()) section += fmt::format(R"(<dl class="summary">{}</dl>)", facts);
    section += heading("privacy.stored_heading");
    section += "<ul>";
    for (auto key : {"privacy.stored_account", "privacy.stored_report", "privacy.stored_log", "privacy.stored_sign_in"})
        section += fmt::format("<li>{}</li>", tx(context, key));
    section += "</ul>";
    section += heading("privacy.why_heading") + fmt::format("<p>{}</p>", tx(context, "privacy.why"));
    section += heading("privacy.how_long_heading");
    section += fmt::format("<p>{}</p><p>{}</p>", with_org(context, "privacy.how_long_cases", org),
                           tx(context, "privacy.how_long_sessions"));
    section += heading("privacy.rights_heading");
    section += fmt::format("<p>{}</p><p>{}</p>", tx(context, "privacy.rights"), tx(context, "privacy.complaint"));
    section += heading("privacy.contact_heading");
    section += fmt::format("<p>{}</p>{}", tx(context, "privacy.contact"), dpo_contact(context, org));
    return section;
}

http::Response privacy(Context& context) {
    auto organisations = about_organisations(context);
    std::string body = fmt::format(R"(<p class="lead">{}</p>)", tx(context, "privacy.intro"));
    if (organisations.empty()) body += fmt::format("<p>{}</p>", tx(context, "privacy.no_organisation"));
    for (const auto& org : organisations) body += privacy_for(context, org, organisations.size() > 1);
    html::PageOptions options{std::string(context.t("privacy.title")), "", unconverted(body), "", true};
    if (organisations.size() == 1) options.org_id = organisations.front().id;
    return html::page(context, 200, options);
}

std::string statement_for(const Context& context, const domain::Organisation& org, bool several) {
    std::string section;
    if (several) section += fmt::format(R"(<h2 id="org-{}">{}</h2>)", esc(org.id), esc(org.name));
    std::string level = several ? "h3" : "h2";
    auto heading = [&](std::string_view key) { return fmt::format("<{0}>{1}</{0}>", level, tx(context, key)); };
    section += fmt::format("<p>{}</p>", with_org(context, "a11y.intro", org));
    section += heading("a11y.how_heading") + fmt::format("<p>{}</p>", tx(context, "a11y.how"));
    section += heading("a11y.cannot_heading") + fmt::format("<p>{}</p>", tx(context, "a11y.cannot")) + dpo_contact(context, org);
    section += heading("a11y.report_heading") + fmt::format("<p>{}</p>", tx(context, "a11y.report")) + dpo_contact(context, org);
    section += heading("a11y.supervision_heading");
    section += fmt::format(R"(<p>{}</p><p><a href="{}">{}</a></p>)", tx(context, "a11y.supervision"), k_digg_report,
                           tx(context, "a11y.supervision_link"));
    return section;
}

http::Response accessibility(Context& context) {
    auto organisations = about_organisations(context);
    auto run = last_axe_run();
    std::string body;
    if (organisations.empty()) body += fmt::format("<p>{}</p>", tx(context, "privacy.no_organisation"));
    for (const auto& org : organisations) body += statement_for(context, org, organisations.size() > 1);
    // The technical part is the same for every organisation: it is one service.
    body += fmt::format("<h2>{}</h2><p>{}</p>", tx(context, "a11y.technical_heading"), tx(context, "a11y.technical"));
    body += fmt::format("<h2>{}</h2><ul><li>{}</li><li>{}</li></ul>", tx(context, "a11y.known_heading"),
                        tx(context, "a11y.known_pdf"), tx(context, "a11y.known_scan"));
    auto violations = run.violations == 0 ? std::string(context.t("a11y.violations_none"))
                                          : count_text(context.lang, "a11y.violations", run.violations);
    body += fmt::format("<h2>{}</h2><p>{}</p><p>{}</p>", tx(context, "a11y.tested_heading"),
                        esc(fmt::format(fmt::runtime(context.t("a11y.tested")),
                                        fmt::arg("pages", number_text(context.lang, run.page_states)),
                                        fmt::arg("violations", violations))),
                        esc(fmt::format(fmt::runtime(context.t("a11y.dates")), fmt::arg("date", run.date))));
    html::PageOptions options{std::string(context.t("a11y.title")), "", unconverted(body), "", true};
    if (organisations.size() == 1) options.org_id = organisations.front().id;
    return html::page(context, 200, options);
}

} // namespace

void register_about(Site& site) {
    site.add("GET", "/privacy", privacy);
    site.add("GET", "/accessibility", accessibility);
}

} // namespace skydda::web::pages
