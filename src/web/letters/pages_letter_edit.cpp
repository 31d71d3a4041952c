// The letter's edit page (/cases/{id}/letter: the parts in Swedish and English, finalise, the
// finalised letter's view) and the organisation's letter template
// (/organisations/{id}/letter-template). Works without JavaScript; every POST carries the CSRF token.
// Built as html::Html (web/markup.hpp): every text is escaped by construction.
#include <fmt/format.h>

#include "web/cases/cases.hpp"
#include "web/letters/letters_pages.hpp"
#include "web/outgoing_warning.hpp"

namespace skydda::web::pages::letter_pages {
namespace {

using domain::Action;
using domain::letter::Part;
using html::Html;

// --- the letter's edit page ------------------------------------------------------------------

Html parts_form(const Context& context, const domain::letter::Parts& parts, const std::vector<html::FieldError>& errors,
                const std::vector<app::PersonalDataWarning>& warnings = {}, const Form& values = {}) {
    Html out;
    for (auto part : domain::letter::k_parts) {
        std::string name(domain::letter::part_name(part));
        out += labelled(context, errors, name, part_label(context, part), context.t("letters.hint." + name),
                        [&](const Html& attrs) {
                            return html::format(R"(<textarea {} name="{}" rows="6">{}</textarea>)", attrs, name, parts[part]);
                        });
        out += acknowledge_control(context, warnings, name, field_label(context, name), values);
    }
    return out;
}

Html next_steps(const Context& context) {
    Html items;
    for (std::string_view step : {"write", "check", "finalise", "send"})
        items += html::format("<li>{}</li>", context.t(fmt::format("letters.next_step.{}", step)));
    return html::format(R"(<div class="panel" role="note"><h2>{}</h2><ol>{}</ol></div>)",
                        context.t("letters.next_steps_heading"), items);
}

domain::letter::Parts parts_from(const Form& form) {
    domain::letter::Parts parts;
    for (auto part : domain::letter::k_parts) parts[part] = form_value(form, domain::letter::part_name(part));
    return parts;
}

Html language_links(const Context& context, std::string_view base, std::string_view current) {
    Html out;
    for (std::string_view language : {"sv", "en"})
        out += language == current ? html::format("<li><strong>{}</strong></li>", context.t(fmt::format("letters.lang.{}", language)))
                                   : html::format(R"(<li><a href="{}?lang={}">{}</a></li>)", base, language,
                                                  context.t(fmt::format("letters.lang.{}", language)));
    return html::format(R"(<nav aria-label="{}"><ul class="inline">{}</ul></nav>)", context.t("letters.language"), out);
}

Html finalised_view(const Context& context, const app::SubjectLetter& letter) {
    Html out;
    for (auto part : domain::letter::k_parts)
        out += html::format(R"(<h2>{}</h2><p class="pre">{}</p>)", part_label(context, part), letter.parts[part]);
    return out;
}

http::Response render_letter(Context& context, std::string_view id, std::string_view language, int status,
                             const domain::letter::Parts* edited, int64_t version, std::vector<html::FieldError> errors,
                             const Form& values = {}) {
    auto letter = app::subject_letter(context.app, *context.actor, id, language);
    if (!letter) return error_page(context, letter.error());
    auto overview = app::letters_overview(context.app, *context.actor, id, 1);
    if (!overview) return error_page(context, overview.error());
    std::string url = case_url(id) + "/letter";
    Html body = html::error_summary(context, errors);
    body += html::format(R"(<p><a href="{}#letters">{}</a></p>)", case_url(id), context.t("letters.back"));
    body += language_links(context, url, language);
    body += html::format("<p>{}</p>", letter_status(context, *letter));
    bool may_edit = context.actor->allows(overview->incident.org_id, Action::notify) && !letter->finalised_at;
    if (!may_edit) {
        body += finalised_view(context, *letter);
    } else {
        body += next_steps(context);
        body += html::format("<p>{}</p>", context.t("letters.placeholders_hint"));
        body += html::format(
            R"(<form method="post" action="{}" id="field-letters-version">{}<input type="hidden" name="lang" value="{}"><input type="hidden" name="version" value="{}">{}<div class="actions"><button type="submit" name="action" value="save" class="button">{}</button> <button type="submit" name="action" value="finalise" class="button secondary">{}</button></div></form>)",
            url, html::csrf_field(context), language, edited ? version : letter->version,
            parts_form(context, edited ? *edited : letter->parts, errors, letter->warnings, values),
            context.t("common.save"), context.t("letters.finalise"));
    }
    body += html::format(R"(<p><a href="{}.pdf?lang={}">{}</a></p>)", url, language, context.t("letters.pdf"));
    std::string title = fmt_t(context, "letters.edit_title", fmt::arg("number", overview->incident.case_number),
                              fmt::arg("language", context.t("letters.lang." + std::string(language))));
    return html::page(context, status, {title, "", std::move(body), "cases", false});
}

} // namespace

http::Response show_letter(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    return render_letter(context, context.request.path_param("id"), language_of(context), 200, nullptr, 0, {});
}

http::Response save_letter(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    std::string id(context.request.path_param("id"));
    std::string language = form_value(form, "lang");
    auto version = number(form_value(form, "version")).value_or(-1);
    auto parts = parts_from(form);
    auto saved = app::save_subject_letter(context.app, *context.actor, id, language, parts, version);
    Result<app::SubjectLetter> result = saved;
    if (saved && form_value(form, "action") == "finalise")
        result = app::finalise_subject_letter(context.app, *context.actor, id, language, saved->version,
                                              form_values(form, "acknowledge_personal_data"));
    if (result) return http::Response::redirect(case_url(id) + (form_value(form, "action") == "finalise" ? "?done=letter_final#done" : "/letter?lang=" + language));
    const auto& error = result.error();
    if (error.code == ErrorCode::failed_precondition)
        return render_letter(context, id, language, 412, &parts, version,
                             {{"letters.version", std::string(context.t("error.stale"))}});
    if (error.code != ErrorCode::invalid_argument) return error_page(context, error);
    std::vector<html::FieldError> errors;
    if (saved && personal_data_refusal(error)) {
        // Saved, not finalised: the warning and its checkbox beside each part with a finding.
        auto letter = app::subject_letter(context.app, *context.actor, id, language);
        if (!letter) return error_page(context, letter.error());
        errors = unacknowledged_errors(context, letter->warnings, form,
                                       [&](const std::string& field) { return field_label(context, field); });
        return render_letter(context, id, language, 400, nullptr, 0, errors, form);
    }
    if (saved && error.message.starts_with("fill in")) {
        // Finalising refused: one line per missing part, each linking to its box.
        auto letter = app::subject_letter(context.app, *context.actor, id, language);
        if (letter)
            for (const auto& missing : letter->missing)
                errors.push_back({"letters." + missing.key, fmt_t(context, "letters.error.missing", fmt::arg("part", missing.label))});
        return render_letter(context, id, language, 400, nullptr, 0, errors);
    }
    errors.push_back({"letters." + error.field, part_error(context, error)});
    return render_letter(context, id, language, 400, &parts, version, errors);
}

namespace {

// --- the organisation's template -------------------------------------------------------------

http::Response render_template(Context& context, std::string_view org_id, std::string_view language, int status,
                               const domain::letter::Parts* edited, int64_t version, std::vector<html::FieldError> errors) {
    auto stored = app::letter_template(context.app, *context.actor, org_id, language);
    if (!stored) return error_page(context, stored.error());
    if (!context.actor->allows(org_id, Action::manage_templates)) return error_page(context, Error::denied());
    std::string url = "/organisations/" + http::percent_encode(org_id) + "/letter-template";
    Html body = html::error_summary(context, errors);
    body += language_links(context, url, language);
    body += html::format("<p>{}</p>", context.t(stored->version == 0 ? "letters.template_built_in" : "letters.template_intro"));
    body += html::format("<p>{}</p>", context.t("letters.placeholders_hint"));
    body += html::format(
        R"(<form method="post" action="{}" id="field-letters-version">{}<input type="hidden" name="lang" value="{}"><input type="hidden" name="version" value="{}">{}<button type="submit" class="button">{}</button></form>)",
        url, html::csrf_field(context), language, edited ? version : stored->version,
        parts_form(context, edited ? *edited : stored->parts, errors), context.t("common.save"));
    std::string title = fmt_t(context, "letters.template_title",
                              fmt::arg("language", context.t("letters.lang." + std::string(language))));
    return html::page(context, status, {title, "", std::move(body), "", false});
}

} // namespace

http::Response show_template(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    return render_template(context, context.request.path_param("id"), language_of(context), 200, nullptr, 0, {});
}

http::Response save_template(Context& context) {
    auto form = read_form(context);
    if (auto stop = guard(context, form_value(form, "csrf"))) return *stop;
    std::string org_id(context.request.path_param("id"));
    std::string language = form_value(form, "lang");
    auto version = number(form_value(form, "version")).value_or(-1);
    auto parts = parts_from(form);
    auto saved = app::save_letter_template(context.app, *context.actor, org_id, language, parts, version);
    if (saved) return http::Response::redirect("/organisations/" + http::percent_encode(org_id) + "/letter-template?lang=" + language);
    const auto& error = saved.error();
    if (error.code == ErrorCode::failed_precondition)
        return render_template(context, org_id, language, 412, &parts, version,
                               {{"letters.version", std::string(context.t("error.stale"))}});
    if (error.code != ErrorCode::invalid_argument) return error_page(context, error);
    return render_template(context, org_id, language, 400, &parts, version,
                           {{"letters." + error.field, part_error(context, error)}});
}

} // namespace skydda::web::pages::letter_pages
