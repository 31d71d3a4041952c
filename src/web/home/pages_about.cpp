// About the service, for everyone and signed out too: the privacy notice (/privacy) and the
// accessibility statement (/accessibility, lagen (2018:1937) om tillgänglighet till digital
// offentlig service, in the structure of DIGG's model), both generated from the organisations'
// data; the statement also from the last axe-core run (data/accessibility/axe-results.json).
#include <fmt/format.h>

#include <boost/json.hpp>

#include "web/home/home.hpp"

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

using html::Html;

// The catalogue text with the organisation's name, as text (escaped where it is inserted).
std::string with_org(const Context& context, std::string_view key, const domain::Organisation& org) {
    return fmt::format(fmt::runtime(context.t(key)), fmt::arg("organisation", org.name));
}

// "Dora Dataskyddsombud, dataskyddsombud@exempelby.se, 0123-45 67 00", e-mail as a link.
Html dpo_contact(const Context& context, const domain::Organisation& org) {
    if (org.dpo_name.empty() && org.dpo_email.empty() && org.dpo_phone.empty())
        return html::format("<p>{}</p>", context.t("privacy.no_contact"));
    Html items;
    if (!org.dpo_name.empty()) items += html::format("<li>{}</li>", org.dpo_name);
    if (!org.dpo_email.empty()) items += html::format(R"(<li><a href="mailto:{0}">{0}</a></li>)", org.dpo_email);
    if (!org.dpo_phone.empty()) items += html::format("<li>{}</li>", org.dpo_phone);
    return html::format(R"(<ul class="plain contact">{}</ul>)", items);
}

// The organisations a page is about: ?org= when it names one, else every one in scope.
std::vector<domain::Organisation> about_organisations(const Context& context) {
    return html::page_organisations(context, {});
}

// A heading of the level a section's parts have: h3 under an organisation's h2, else h2.
Html part_heading(const Context& context, bool several, std::string_view key) {
    return several ? html::format("<h3>{}</h3>", context.t(key)) : html::format("<h2>{}</h2>", context.t(key));
}

Html privacy_for(const Context& context, const domain::Organisation& org, bool several) {
    Html section;
    if (several) section += html::format(R"(<h2 id="org-{}">{}</h2>)", org.id, org.name);
    auto heading = [&](std::string_view key) { return part_heading(context, several, key); };
    section += heading("privacy.controller_heading");
    section += html::format("<p>{}</p>", with_org(context, "privacy.controller", org));
    Html facts;
    if (!org.orgnr.empty())
        facts += html::format(R"(<div class="row"><dt>{}</dt><dd>{}</dd></div>)", context.t("privacy.orgnr"), org.orgnr);
    if (!org.address.empty())
        facts += html::format(R"(<div class="row"><dt>{}</dt><dd>{}</dd></div>)", context.t("privacy.address"), org.address);
    if (!facts.empty()) section += html::format(R"(<dl class="summary">{}</dl>)", facts);
    section += heading("privacy.stored_heading");
    section += Html("<ul>");
    for (auto key : {"privacy.stored_account", "privacy.stored_report", "privacy.stored_log", "privacy.stored_sign_in"})
        section += html::format("<li>{}</li>", context.t(key));
    section += Html("</ul>");
    section += heading("privacy.why_heading") + html::format("<p>{}</p>", context.t("privacy.why"));
    section += heading("privacy.how_long_heading");
    section += html::format("<p>{}</p><p>{}</p>", with_org(context, "privacy.how_long_cases", org),
                            context.t("privacy.how_long_sessions"));
    section += heading("privacy.rights_heading");
    section += html::format("<p>{}</p><p>{}</p>", context.t("privacy.rights"), context.t("privacy.complaint"));
    section += heading("privacy.contact_heading");
    section += html::format("<p>{}</p>{}", context.t("privacy.contact"), dpo_contact(context, org));
    return section;
}

http::Response privacy(Context& context) {
    auto organisations = about_organisations(context);
    Html body = html::format(R"(<p class="lead">{}</p>)", context.t("privacy.intro"));
    if (organisations.empty()) body += html::format("<p>{}</p>", context.t("privacy.no_organisation"));
    for (const auto& org : organisations) body += privacy_for(context, org, organisations.size() > 1);
    html::PageOptions options{std::string(context.t("privacy.title")), "", std::move(body), "", true};
    if (organisations.size() == 1) options.org_id = organisations.front().id;
    return html::page(context, 200, options);
}

Html statement_for(const Context& context, const domain::Organisation& org, bool several) {
    Html section;
    if (several) section += html::format(R"(<h2 id="org-{}">{}</h2>)", org.id, org.name);
    auto heading = [&](std::string_view key) { return part_heading(context, several, key); };
    section += html::format("<p>{}</p>", with_org(context, "a11y.intro", org));
    section += heading("a11y.how_heading") + html::format("<p>{}</p>", context.t("a11y.how"));
    section += heading("a11y.cannot_heading") + html::format("<p>{}</p>", context.t("a11y.cannot")) + dpo_contact(context, org);
    section += heading("a11y.report_heading") + html::format("<p>{}</p>", context.t("a11y.report")) + dpo_contact(context, org);
    section += heading("a11y.supervision_heading");
    section += html::format(R"(<p>{}</p><p><a href="{}">{}</a></p>)", context.t("a11y.supervision"), k_digg_report,
                            context.t("a11y.supervision_link"));
    return section;
}

http::Response accessibility(Context& context) {
    auto organisations = about_organisations(context);
    auto run = last_axe_run();
    Html body;
    if (organisations.empty()) body += html::format("<p>{}</p>", context.t("privacy.no_organisation"));
    for (const auto& org : organisations) body += statement_for(context, org, organisations.size() > 1);
    // The technical part is the same for every organisation: it is one service.
    body += html::format("<h2>{}</h2><p>{}</p>", context.t("a11y.technical_heading"), context.t("a11y.technical"));
    body += html::format("<h2>{}</h2><ul><li>{}</li><li>{}</li></ul>", context.t("a11y.known_heading"),
                         context.t("a11y.known_pdf"), context.t("a11y.known_scan"));
    auto violations = run.violations == 0 ? std::string(context.t("a11y.violations_none"))
                                          : count_text(context.lang, "a11y.violations", run.violations);
    body += html::format("<h2>{}</h2><p>{}</p><p>{}</p>", context.t("a11y.tested_heading"),
                         fmt::format(fmt::runtime(context.t("a11y.tested")),
                                     fmt::arg("pages", number_text(context.lang, run.page_states)),
                                     fmt::arg("violations", violations)),
                         fmt::format(fmt::runtime(context.t("a11y.dates")), fmt::arg("date", run.date)));
    html::PageOptions options{std::string(context.t("a11y.title")), "", std::move(body), "", true};
    if (organisations.size() == 1) options.org_id = organisations.front().id;
    return html::page(context, 200, options);
}

} // namespace

void register_about(Site& site) {
    site.add("GET", "/privacy", privacy);
    site.add("GET", "/accessibility", accessibility);
}

} // namespace skydda::web::pages
