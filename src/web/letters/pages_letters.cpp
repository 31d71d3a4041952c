// Communication to the data subjects in the browser: the case file's section "Information till
// de registrerade" (letter status, recipients, downloads, e-mails, posting, exemption), the
// letter's edit page (/cases/{id}/letter), the recipients' CSV upload with its line errors, the
// PDFs, and the organisation's template (/organisations/{id}/letter-template). Works without
// JavaScript; every POST carries the CSRF token; errors are listed in a summary at the top.
// Built as html::Html (web/markup.hpp): every text is escaped by construction.
#include <fmt/format.h>

#include "web/letters/letters.hpp"
#include "web/letters/letters_pages.hpp"
#include "web/outgoing_warning.hpp"

namespace skydda::web {

namespace pages {
namespace {

using namespace letter_pages;
using html::Html;

using domain::Action;
using domain::letter::Part;

constexpr size_t k_recipients_shown = 50;
constexpr size_t k_csv_errors_shown = 200;

// The finalised letters' findings as the e-mails would carry them ("sv.cause").
std::vector<app::PersonalDataWarning> sending_warnings(const app::LettersOverview& overview) {
    std::vector<app::PersonalDataWarning> out;
    for (const auto& letter : overview.letters) {
        if (!letter.finalised_at) continue;
        for (const auto& warning : letter.warnings) out.push_back({letter.language + "." + warning.key, warning.kinds});
    }
    return out;
}

// --- the letter's status and the section ---------------------------------------------------


Html letters_table(const Context& context, const app::LettersOverview& overview) {
    std::string url = case_url(overview.incident.id);
    Html rows;
    for (const auto& letter : overview.letters)
        rows += html::format(
            R"(<tr><th scope="row">{}</th><td>{}</td><td><a href="{}/letter?lang={}">{}</a> · <a href="{}/letter.pdf?lang={}">{}</a></td></tr>)",
            context.t("letters.lang." + letter.language), letter_status(context, letter), url, letter.language,
            context.t(letter.finalised_at ? "letters.show" : "letters.edit"), url, letter.language,
            context.t("letters.pdf"));
    return html::format(
        R"(<table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
        context.t("letters.letter_heading"), context.t("letters.language"), context.t("letters.status"),
        context.t("letters.actions"), rows);
}

// For one person not yet informed: how and when, recorded by hand (e.g. told by phone).
Html informed_form(const Context& context, std::string_view incident_id, const app::RecipientRecord& r) {
    std::string how_id = html::field_id("letters.how." + r.id), at_id = html::field_id("letters.at." + r.id);
    Html options;
    for (std::string_view how : {"post", "email", "other"})
        options += html::format(R"(<option value="{}">{}</option>)", how, context.t(fmt::format("letters.how.{}", how)));
    return html::format(
        R"(<form method="post" action="{}/letters/recipients/{}/informed" class="inline">{}<label for="{}" class="visually-hidden">{} {}</label><select id="{}" name="how">{}</select> <label for="{}" class="visually-hidden">{} {}</label><input id="{}" type="date" name="at"> <button type="submit" class="button small secondary">{}</button></form>)",
        case_url(incident_id), http::percent_encode(r.id), html::csrf_field(context), how_id, context.t("letters.how"),
        r.name, how_id, options, at_id, context.t("letters.at"), r.name, at_id, context.t("letters.record_informed"));
}

// Plain text.
std::string informed_text(const Context& context, const app::RecipientRecord& r) {
    if (r.informed_how.empty()) return std::string(context.t("letters.not_informed"));
    return fmt::format("{} {}", context.t("letters.how." + r.informed_how),
                       r.informed_at ? html::stockholm_time(*r.informed_at) : std::string());
}

Html recipients_part(const Context& context, const app::LettersOverview& overview, bool may_notify) {
    std::string url = case_url(overview.incident.id);
    if (overview.recipients.empty()) return html::format("<p>{}</p>", context.t("letters.no_recipients"));
    Html out = html::format(
        "<p>{}</p>", count_text(context.lang, "letters.summary", static_cast<long long>(overview.counts.total),
                                {{"post", static_cast<long long>(overview.counts.with_address)},
                                 {"email", static_cast<long long>(overview.counts.with_email)}}));
    out += html::format("<p>{}</p>", fmt_t(context, "letters.informed_summary", fmt::arg("post", overview.counts.informed_post),
                                           fmt::arg("email", overview.counts.informed_email),
                                           fmt::arg("other", overview.counts.informed_other),
                                           fmt::arg("none", overview.counts.not_informed)));
    Html rows;
    for (const auto& r : overview.recipients) {
        std::string channels;
        if (!r.address.empty()) channels = context.t("letters.how.post");
        if (!r.email.empty()) {
            if (!channels.empty()) channels += ", ";
            channels += context.t("letters.how.email");
        }
        Html informed = html::text(informed_text(context, r));
        if (r.informed_how.empty() && may_notify) informed += Html(" ") + informed_form(context, overview.incident.id, r);
        rows += html::format(R"(<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td><a href="{}/letters/recipients/{}.pdf">{}</a></td></tr>)",
                             r.name, channels, context.t("letters.lang." + r.language), informed, url,
                             http::percent_encode(r.id), context.t("letters.pdf"));
    }
    out += html::format(
        R"(<table id="field-letters-informed"><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
        context.t("letters.recipients_table"), context.t("letters.name"), context.t("letters.channels"),
        context.t("letters.language"), context.t("letters.informed"), context.t("letters.letter"), rows);
    if (overview.counts.total > static_cast<int64_t>(overview.recipients.size()))
        out += html::format("<p>{}</p>", fmt_t(context, "letters.shown_first", fmt::arg("count", k_recipients_shown)));
    return out;
}

Html import_form(const Context& context, const app::LettersOverview& overview, const std::vector<html::FieldError>& errors) {
    return html::format(R"(<form method="post" action="{}/letters/recipients" enctype="multipart/form-data"><h4>{}</h4>{}{}<button type="submit" class="button secondary">{}</button></form>)",
                        case_url(overview.incident.id), context.t("letters.import_heading"), html::csrf_field(context),
                        labelled(context, errors, "csv", context.t("letters.csv_file"), context.t("letters.csv_hint"),
                                 [](const Html& attrs) {
                                     return html::format(R"(<input {} type="file" name="file" accept=".csv,text/csv">)", attrs);
                                 }),
                        context.t("letters.import_button"));
}

// A text or date input, its value kept from the form.
Control input(std::string_view type, std::string_view name, const Form& values, Html more = {}) {
    return [type, name, value = form_value(values, name), more](const Html& attrs) {
        return html::format(R"(<input {} type="{}" name="{}"{} value="{}">)", attrs, type, name, more, value);
    };
}

Html delivery_forms(const Context& context, const app::LettersOverview& overview, const Form& values,
                    const std::vector<html::FieldError>& errors) {
    std::string url = case_url(overview.incident.id);
    Html out = html::format(R"(<h3>{}</h3><p>{}</p><ul><li><a href="{}/letters/print.pdf">{}</a></li></ul>)",
                            context.t("letters.send_heading"), context.t("letters.send_intro"), url,
                            context.t("letters.print_link"));
    auto warnings = sending_warnings(overview);
    Html acknowledgements;
    if (!warnings.empty()) acknowledgements = html::format("<p>{}</p>", context.t("letters.send_warnings"));
    for (const auto& warning : warnings)
        acknowledgements += acknowledge_control(context, warnings, warning.key, field_label(context, warning.key), values);
    out += html::format(R"(<form method="post" action="{}/letters/emails">{}{}<button type="submit" class="button secondary" id="field-letters-emails">{}</button></form>)",
                        url, html::csrf_field(context), acknowledgements, context.t("letters.emails_button"));
    out += html::format(R"(<form method="post" action="{}/letters/posted">{}{}<button type="submit" class="button secondary">{}</button></form>)",
                        url, html::csrf_field(context),
                        labelled(context, errors, "posted_at", context.t("letters.posted_at"),
                                 context.t("letters.posted_hint"), input("date", "posted_at", values)),
                        context.t("letters.posted_button"));
    return out;
}

Html exemption_part(const Context& context, const app::LettersOverview& overview, const Form& values,
                    const std::vector<html::FieldError>& errors, bool may_notify) {
    Html out;
    if (const auto& e = overview.exemption) {
        out += html::format(R"(<p><strong>{}</strong> {}</p><p class="pre">{}</p>)", context.t("letters.exemption_recorded"),
                            context.t("letters.ground." + e->ground), e->reason);
        if (!e->public_text.empty())
            out += html::format(R"(<p>{}: {} · {}</p><p class="pre">{}</p>)", context.t("letters.public"), e->public_where,
                                e->published_at ? html::stockholm_time(*e->published_at) : "", e->public_text);
    }
    if (!may_notify) return out.empty() ? html::format("<p>{}</p>", context.t("letters.no_exemption")) : out;
    std::string ground = form_value(values, "ground");
    Html radios;
    for (std::string_view code : {"encrypted", "mitigated", "disproportionate_effort"})
        radios += html::format(R"(<div class="choice"><input type="radio" name="ground" value="{0}" id="field-letters-ground-{0}"{1}> <label for="field-letters-ground-{0}">{2}</label></div>)",
                               code, ground == code ? Html(" checked") : Html(), context.t(fmt::format("letters.ground.{}", code)));
    const auto* ground_error = find_error(errors, "letters.ground");
    Html fieldset = html::format(R"(<fieldset class="field{}" id="field-letters-ground"><legend>{}</legend>{}{}</fieldset>)",
                                 ground_error ? Html(" has-error") : Html(), context.t("letters.ground"),
                                 ground_error ? html::format(R"(<p class="error-message">{}</p>)", ground_error->message) : Html(),
                                 radios);
    auto area = [&](std::string_view name) -> Control {
        return [name, value = form_value(values, name)](const Html& attrs) {
            return html::format(R"(<textarea {} name="{}" rows="4">{}</textarea>)", attrs, name, value);
        };
    };
    out += html::format(
        R"(<form method="post" action="{}/letters/exemption">{}{}{}<h4>{}</h4><p class="hint">{}</p>{}{}{}<button type="submit" class="button secondary">{}</button></form>)",
        case_url(overview.incident.id), html::csrf_field(context), fieldset,
        labelled(context, errors, "reason", context.t("letters.reason"), context.t("letters.reason_hint"), area("reason")),
        context.t("letters.public_heading"), context.t("letters.public_hint"),
        labelled(context, errors, "public_text", context.t("letters.public_text"), "", area("public_text")),
        labelled(context, errors, "public_where", context.t("letters.public_where"), context.t("letters.public_where_hint"),
                 input("text", "public_where", values, Html(R"( maxlength="500")"))),
        labelled(context, errors, "published_at", context.t("letters.published_at"), "", input("date", "published_at", values)),
        context.t("letters.exemption_button"));
    return out;
}

Html letters_body(const Context& context, const app::LettersOverview& overview, const Form& values,
                  const std::vector<html::FieldError>& errors) {
    bool may_notify = context.actor->allows(overview.incident.org_id, Action::notify);
    Html out = html::format("<p>{}</p>", context.t("letters.intro"));
    out += letters_table(context, overview);
    if (context.actor->allows(overview.incident.org_id, Action::manage_templates))
        out += html::format(R"(<p><a href="/organisations/{}/letter-template?lang={}">{}</a></p>)",
                            http::percent_encode(overview.incident.org_id), lang_code(context.lang),
                            context.t("letters.template_link"));
    out += html::format("<h3>{}</h3>", context.t("letters.recipients_heading"));
    out += recipients_part(context, overview, may_notify);
    if (may_notify) out += import_form(context, overview, errors) + delivery_forms(context, overview, values, errors);
    out += html::format("<h3>{}</h3>", context.t("letters.exemption_heading"));
    out += exemption_part(context, overview, values, errors, may_notify);
    return out;
}

// --- the letters page (also where a failed POST comes back) --------------------------------

http::Response render_letters(Context& context, std::string_view id, int status, const Form& values,
                              const std::vector<html::FieldError>& errors) {
    auto overview = app::letters_overview(context.app, *context.actor, id, k_recipients_shown);
    if (!overview) return error_page(context, overview.error());
    Html body = html::error_summary(context, errors);
    body += html::format(R"(<p><a href="{}#letters">{}</a></p>)", case_url(id), context.t("letters.back"));
    // The same parts as the case page's section, under its h2 here too (no h1 → h3 jump).
    body += html::format("<h2>{}</h2>", context.t("letters.heading"));
    body += letters_body(context, *overview, values, errors);
    std::string title = fmt_t(context, "letters.page_title", fmt::arg("number", overview->incident.case_number));
    return html::page(context, status, {title, "", std::move(body), "cases", false});
}

// Back to the case's letters section, or the letters page with the error.
template <class T>
http::Response finish(Context& context, const Result<T>& result, const Form& values, std::string fallback_field) {
    std::string id(context.request.path_param("id"));
    if (result) {
        // What was done, from the route (pages_case_notice.cpp confirms it on the case page).
        auto path = context.request.path;
        std::string done = path.ends_with("/informed") ? "informed" : path.ends_with("/exemption") ? "exemption" : "letters_sent";
        return http::Response::redirect(case_url(id) + "?done=" + done + "#done");
    }
    const auto& error = result.error();
    if (error.code != ErrorCode::invalid_argument && error.code != ErrorCode::conflict) return error_page(context, error);
    std::string field = error.code == ErrorCode::invalid_argument && !error.field.empty() ? error.field : fallback_field;
    return render_letters(context, id, http_status_for(error.code), values, {{"letters." + field, error_for(context, error)}});
}

http::Response show_letters(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    return render_letters(context, context.request.path_param("id"), 200, {}, {});
}

std::string csv_error_text(const Context& context, const domain::CsvLineError& error) {
    std::string key = "letters.csv." + error.code;
    std::string what = has_message(key) ? fmt_t(context, key, fmt::arg("other", error.other_line)) : error.message;
    if (error.code == "duplicate_email" || error.code == "duplicate_address")
        if (error.other_line == 0) what = std::string(context.t(key + "_stored"));
    return fmt_t(context, "letters.csv.line", fmt::arg("line", error.line), fmt::arg("message", what));
}

http::Response import(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto parts = http::parse_multipart(context.request.header("content-type"), context.request.body);
    if (!parts) return error_page(context, Error::invalid("file", "malformed upload"));
    std::string csrf;
    const http::FormPart* file = nullptr;
    for (const auto& part : *parts) {
        if (part.name == "csrf" && !part.filename) csrf = part.data;
        if (part.name == "file" && part.filename) file = &part;
    }
    if (auto stop = guard(context, csrf)) return *stop;
    std::string id(context.request.path_param("id"));
    if (!file || file->data.empty())
        return render_letters(context, id, 400, {}, {{"letters.csv", std::string(context.t("letters.error.csv"))}});
    auto result = app::import_recipients(context.app, *context.actor, id, file->data);
    if (!result) return finish(context, result, {}, "csv");
    if (result->errors.empty()) return http::Response::redirect(case_url(id) + "?done=recipients#done");
    std::vector<html::FieldError> errors{{"letters.csv", count_text(context.lang, "letters.csv.count", static_cast<long long>(result->errors.size()))}};
    for (size_t i = 0; i < result->errors.size() && i < k_csv_errors_shown; ++i)
        errors.push_back({"letters.csv", csv_error_text(context, result->errors[i])});
    return render_letters(context, id, 400, {}, errors);
}

http::Response queue_emails(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    std::string id(context.request.path_param("id"));
    auto queued = app::queue_letter_emails(context.app, *context.actor, id, form_values(form, "acknowledge_personal_data"));
    if (!queued && personal_data_refusal(queued.error())) {
        auto overview = app::letters_overview(context.app, *context.actor, id, 1);
        if (!overview) return error_page(context, overview.error());
        auto errors = unacknowledged_errors(context, sending_warnings(*overview), form,
                                            [&](const std::string& field) { return field_label(context, field); });
        return render_letters(context, id, 400, form, errors);
    }
    return finish(context, queued, form, "emails");
}

Result<Instant> date_field(const Form& form, std::string_view name) {
    auto text = form_value(form, name);
    if (text.size() != 10) return fail(Error::invalid(std::string(name), "a date is required"));
    return parse_stockholm_local(text + "T12:00", name);
}

http::Response posted(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    auto at = date_field(form, "posted_at");
    if (!at) return finish(context, Result<size_t>(std::unexpected(at.error())), form, "posted_at");
    return finish(context, app::record_posted(context.app, *context.actor, context.request.path_param("id"), *at), form,
                  "posted_at");
}

http::Response informed(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    auto at = date_field(form, "at");
    if (!at) return finish(context, Result<int>(std::unexpected(Error::invalid("informed", "a date is required"))), form, "informed");
    auto result = app::record_informed(context.app, *context.actor, context.request.path_param("id"),
                                       context.request.path_param("rid"), form_value(form, "how"), *at);
    if (!result && result.error().code == ErrorCode::invalid_argument)
        return finish(context, Result<int>(std::unexpected(Error::invalid("informed", result.error().message))), form,
                      "informed");
    return finish(context, result, form, "informed");
}

http::Response exemption(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    app::ExemptionInput input{form_value(form, "ground"), form_value(form, "reason"), form_value(form, "public_text"),
                              form_value(form, "public_where"), std::nullopt};
    if (input.ground == "disproportionate_effort" && !form_value(form, "published_at").empty()) {
        auto at = date_field(form, "published_at");
        if (!at) return finish(context, Result<int>(std::unexpected(at.error())), form, "published_at");
        input.published_at = *at;
    }
    return finish(context, app::record_exemption(context.app, *context.actor, context.request.path_param("id"), input), form,
                  "ground");
}

// --- PDFs ------------------------------------------------------------------------------------

http::Response print_pdf(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto documents = app::print_letters(context.app, *context.actor, context.request.path_param("id"));
    if (!documents) {
        if (documents.error().code == ErrorCode::conflict)
            return render_letters(context, context.request.path_param("id"), 409, {},
                                  {{"letters.emails", error_for(context, documents.error())}});
        return error_page(context, documents.error());
    }
    return pdf_response(context, doc::render_pdf(std::span<const doc::Document>(*documents)), "brev-utskrift.pdf");
}

} // namespace

Html letters_section(Context& context, const app::CaseFile& file) {
    if (!file.full_view || !context.actor->allows(file.incident.org_id, Action::read_all_cases)) return {};
    auto overview = app::letters_overview(context.app, *context.actor, file.incident.id, k_recipients_shown);
    if (!overview) return {};
    return html::format(R"(<section id="letters" aria-labelledby="letters-heading"><h2 id="letters-heading">{}</h2>{}</section>)",
                        context.t("letters.heading"), letters_body(context, *overview, {}, {}));
}

} // namespace pages

void register_letters_pages(Site& site) {
    site.add("GET", "/cases/{id}/letters", pages::show_letters);
    site.add("GET", "/cases/{id}/letter", pages::show_letter);
    site.add("POST", "/cases/{id}/letter", pages::save_letter);
    site.add("GET", "/cases/{id}/letter.pdf", pages::blank_pdf);
    site.add("POST", "/cases/{id}/letters/recipients", pages::import);
    site.add("GET", "/cases/{id}/letters/recipients/{rid}", pages::recipient_pdf);
    site.add("GET", "/cases/{id}/letters/print.pdf", pages::print_pdf);
    site.add("POST", "/cases/{id}/letters/emails", pages::queue_emails);
    site.add("POST", "/cases/{id}/letters/posted", pages::posted);
    site.add("POST", "/cases/{id}/letters/exemption", pages::exemption);
    site.add("POST", "/cases/{id}/letters/recipients/{rid}/informed", pages::informed);
    site.add("GET", "/organisations/{id}/letter-template", pages::show_template);
    site.add("POST", "/organisations/{id}/letter-template", pages::save_template);
}

} // namespace skydda::web
