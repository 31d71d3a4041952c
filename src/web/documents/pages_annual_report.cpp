// /statistics/annual: the DPO's annual report of an organisation and a year. The DPO writes
// the assessments and recommendations here (POST /statistics/annual, the one part the report
// cannot be complete without); everyone who may read the organisation's cases downloads the
// report as PDF or opens it as a page (GET /statistics/annual/document). Built as html::Html.
#include <fmt/format.h>

#include <charconv>

#include "web/cases/cases.hpp"
#include "web/documents/documents.hpp"
#include "web/documents/documents_web.hpp"
#include "web/outgoing_warning.hpp"

namespace skydda::web {
namespace {

using html::Html;

struct Choice {
    std::string org;
    int year = 0;
};

// The organisation and year asked for; the person's first organisation and this year when
// not given. An error names "org" or "year".
Result<Choice> choice(Context& context, const std::vector<std::string>& visible, std::string_view org_text,
                      std::string_view year_text) {
    Choice out{std::string(org_text), stockholm_year(context.app.clock().now())};
    if (out.org.empty()) out.org = visible.front();
    if (!year_text.empty()) out.year = TRY(parse_year(year_text));
    return out;
}

std::string annual_url(const Choice& c) {
    return fmt::format("/statistics/annual?org={}&year={}", http::percent_encode(c.org), c.year);
}

struct EditState {
    std::vector<html::FieldError> errors;
    std::optional<std::string> text; // what the person wrote, when the save failed
    bool saved = false;
};

http::Response render(Context& context, std::string_view org_text, std::string_view year_text, int status,
                      const EditState& state) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto visible = context.actor->org_ids_allowing(domain::Action::read_all_cases);
    if (visible.empty()) return pages::error_page(context, Error::denied());
    auto chosen = choice(context, visible, org_text, year_text);
    if (!chosen) return pages::error_page(context, chosen.error());
    auto stored = context.app.annual_report_text(*context.actor, chosen->org, chosen->year);
    if (!stored) return pages::error_page(context, stored.error());
    const auto names = pages::organisation_names(context);
    const int this_year = stockholm_year(context.app.clock().now());

    Html body = state.errors.empty() ? Html() : html::error_summary(context, state.errors);
    if (state.saved)
        body += html::format(R"(<div class="panel done" id="done" role="status"><p>{}</p></div>)", context.t("annual_page.saved"));
    body += html::format("<p>{}</p>", context.t("annual_page.intro"));
    // Which report: a GET form that works without JavaScript.
    Html org_options, year_options;
    for (const auto& id : visible)
        org_options += html::format(R"(<option value="{}"{}>{}</option>)", id, id == chosen->org ? Html(" selected") : Html(),
                                    names.contains(id) ? names.at(id) : id);
    for (int y = this_year; y >= app::k_annual_first_year; --y)
        year_options += html::format(R"(<option value="{}"{}>{}</option>)", y, y == chosen->year ? Html(" selected") : Html(), y);
    auto select = [&](std::string_view name, std::string_view label_key, const Html& options) {
        return html::labelled_control(context, {html::field_id(name), context.t(label_key), "", nullptr}, [&](const Html& attrs) {
            return html::format(R"(<select {} name="{}">{}</select>)", attrs, name, options);
        });
    };
    body += html::format(R"(<form method="get" action="/statistics/annual" class="filters">{}{}<div class="actions"><button type="submit" class="button secondary">{}</button></div></form>)",
                         select("org", "cases.col_org", org_options), select("year", "annual_page.year", year_options),
                         context.t("annual_page.show"));
    // The report itself.
    auto document = fmt::format("/statistics/annual/document?org={}&year={}&language={}", http::percent_encode(chosen->org),
                                chosen->year, lang_code(context.lang));
    body += html::format(
        R"(<section aria-labelledby="report-heading"><h2 id="report-heading">{}</h2><p>{}</p><ul class="document-links"><li><a href="{}&amp;format=pdf" download>{}</a></li><li><a href="{}&amp;format=html">{}</a></li></ul></section>)",
        context.t("annual_page.report"), context.t("annual_page.report_hint"), document,
        context.t("documents.download_pdf"), document, context.t("documents.open_html"));
    // The DPO's text.
    Html text_part;
    const auto& text = *stored;
    if (!text.personal_data.empty())
        text_part += html::format(R"(<p class="panel warning" role="note">{}</p>)",
                                  fmt::format(fmt::runtime(context.t("annual_page.personal_data")),
                                              fmt::arg("kinds", pages::personal_data_kinds_text(context, text.personal_data))));
    if (text.updated_at)
        text_part += html::format("<p>{}</p>", fmt::format(fmt::runtime(context.t("annual_page.signed")),
                                                            fmt::arg("name", text.updated_by_name),
                                                            fmt::arg("at", format_stockholm_human(*text.updated_at))));
    if (context.actor->allows(chosen->org, domain::Action::write_dpo_report)) {
        const html::FieldError* error = pages::find_error(state.errors, "text");
        auto area = html::labelled_control(
            context, {html::field_id("text"), context.t("annual_page.text"), context.t("annual_page.text_hint"), error},
            [&](const Html& attrs) {
                return html::format(R"(<textarea {} name="text" rows="14">{}</textarea>)", attrs, state.text.value_or(text.body));
            });
        text_part += html::format(
            R"(<form method="post" action="/statistics/annual">{}<input type="hidden" name="org" value="{}"><input type="hidden" name="year" value="{}"><input type="hidden" name="version" value="{}">{}<div class="actions"><button type="submit" class="button">{}</button></div></form>)",
            html::csrf_field(context), chosen->org, chosen->year, text.version, area, context.t("annual_page.save"));
        if (state.text && *state.text != text.body && !text.body.empty())
            text_part += html::format(R"(<h3>{}</h3><pre class="stored-text">{}</pre>)", context.t("annual_page.stored"), text.body);
    } else {
        text_part += text.body.empty() ? html::format("<p>{}</p>", context.t("annual_page.not_written"))
                                       : html::format(R"(<pre class="stored-text">{}</pre>)", text.body);
    }
    body += html::format(R"(<section aria-labelledby="text-heading"><h2 id="text-heading">{}</h2>{}</section>)",
                         context.t("annual.dpo"), text_part);
    body += html::format(R"(<p><a href="/statistics?org={}&amp;from={}-01-01&amp;to={}-12-31">{}</a></p>)",
                         http::percent_encode(chosen->org), chosen->year, chosen->year, context.t("annual_page.statistics"));
    std::string title = fmt::format(fmt::runtime(context.t("annual_page.title")), fmt::arg("year", chosen->year));
    return html::page(context, status,
                      {state.errors.empty() ? title : std::string(context.t("page.error.title_prefix")) + title, title,
                       std::move(body), "statistics", false, chosen->org});
}

http::Response annual_page(Context& context) {
    auto param = [&](std::string_view name) { return context.request.query_param(name).value_or(""); };
    EditState state;
    state.saved = param("done") == "saved";
    return render(context, param("org"), param("year"), 200, state);
}

http::Response save_text(Context& context) {
    auto form = pages::read_form(context);
    if (auto redirect = require_sign_in(context)) return *redirect;
    if (!csrf_ok(context, pages::form_value(form, "csrf"))) return pages::csrf_failed(context);
    auto org = pages::form_value(form, "org");
    auto year_text = pages::form_value(form, "year");
    auto year = parse_year(year_text);
    if (!year) return pages::error_page(context, year.error());
    int64_t version = 0;
    auto version_text = pages::form_value(form, "version");
    auto [end, ec] = std::from_chars(version_text.data(), version_text.data() + version_text.size(), version);
    if (ec != std::errc() || end != version_text.data() + version_text.size())
        return pages::error_page(context, Error::invalid("version", "must be a number"));
    auto text = pages::form_value(form, "text");
    auto saved = context.app.save_annual_report_text(*context.actor, org, *year, text, version);
    if (saved) return http::Response::redirect(annual_url({org, *year}) + "&done=saved#done");
    EditState state;
    state.text = text;
    if (saved.error().code == ErrorCode::conflict)
        state.errors.push_back({"text", std::string(context.t("annual_page.conflict"))});
    else if (saved.error().field == "text")
        state.errors.push_back({"text", std::string(context.t("annual_page.text_error"))});
    else
        return pages::error_page(context, saved.error());
    return render(context, org, year_text, saved.error().code == ErrorCode::conflict ? 409 : 400, state);
}

Result<http::Response> document_for_browser(Context& context) {
    auto param = [&](std::string_view name) { return context.request.query_param(name).value_or(""); };
    int year = TRY(parse_year(param("year")));
    auto format = doc::parse_format(param("format").empty() ? "pdf" : param("format"));
    if (!format || *format == doc::Format::json) return fail(Error::invalid("format", "must be pdf or html"));
    auto language = param("language").empty() ? std::string(lang_code(context.lang)) : param("language");
    auto document = TRY(context.app.annual_report(*context.actor, param("org"), year, language));
    return document_response(document, *format);
}

http::Response annual_document(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto response = document_for_browser(context);
    return response ? std::move(*response) : pages::error_page(context, response.error());
}

} // namespace

void register_annual_report_pages(Site& site) {
    site.add("GET", "/statistics/annual", annual_page);
    site.add("POST", "/statistics/annual", save_text);
    site.add("GET", "/statistics/annual/document", annual_document);
}

} // namespace skydda::web
