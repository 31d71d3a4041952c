// Communication to the data subjects in the browser: the case file's section "Information till
// de registrerade" (letter status, recipients, downloads, e-mails, posting, exemption), the
// letter's edit page (/cases/{id}/letter), the recipients' CSV upload with its line errors, the
// PDFs, and the organisation's template (/organisations/{id}/letter-template). Works without
// JavaScript; every POST carries the CSRF token; errors are listed in a summary at the top.
#include <fmt/format.h>

#include "app/letters/letters.hpp"
#include "web/outgoing_warning.hpp"
#include "web/pages.hpp"

namespace skydda::web {

void register_letters_pages(Site& site);

namespace pages {
namespace {

using domain::Action;
using domain::letter::Part;

constexpr size_t k_recipients_shown = 50;
constexpr size_t k_csv_errors_shown = 200;

std::string case_url(std::string_view id) { return "/cases/" + http::percent_encode(id); }

std::string language_of(const Context& context) {
    auto lang = context.request.query_param("lang").value_or("");
    if (lang.empty()) lang = form_value(read_form(context), "lang");
    return domain::letter::is_language(lang) ? lang : std::string(lang_code(context.lang));
}

std::optional<int64_t> number(std::string_view text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    for (char c : text)
        if (c < '0' || c > '9') return std::nullopt;
    return std::stoll(std::string(text));
}

std::string fmt_t(const Context& context, std::string_view key, auto&&... args) {
    return fmt::format(fmt::runtime(context.t(key)), std::forward<decltype(args)>(args)...);
}

// A labelled control with its hint and error line; `control` has "{attrs}" where the id goes.
std::string labelled(const Context& context, const std::vector<html::FieldError>& errors, std::string_view name,
                     std::string_view label, std::string_view hint, std::string_view control) {
    // Prefixed so that the ids never meet the case file's own forms on the same page.
    std::string key = "letters." + std::string(name);
    std::string id = html::field_id(key);
    const auto* error = find_error(errors, key);
    std::string described, extra;
    if (!hint.empty()) {
        extra += fmt::format(R"(<p class="hint" id="{}-hint">{}</p>)", id, hint);
        described = id + "-hint";
    }
    if (error) {
        extra += fmt::format(R"(<p class="error-message" id="{}-error"><span class="visually-hidden">{}</span> {}</p>)",
                             id, tx(context, "page.error.prefix"), esc(error->message));
        described += (described.empty() ? "" : " ") + id + "-error";
    }
    std::string attrs = fmt::format(R"(id="{}"{}{})", id,
                                    described.empty() ? "" : fmt::format(R"( aria-describedby="{}")", described),
                                    error ? R"( aria-invalid="true")" : "");
    std::string out(control);
    if (auto at = out.find("{attrs}"); at != std::string::npos) out.replace(at, 7, attrs);
    return fmt::format(R"(<div class="field{}"><label for="{}">{}</label>{}{}</div>)", error ? " has-error" : "", id,
                       label, extra, out);
}

std::string part_label(const Context& context, Part part) {
    return tx(context, fmt::format("letters.part.{}", domain::letter::part_name(part)));
}

// "cause" → "Vad har hänt?"; "sv.cause" → "Svenska: Vad har hänt?" (plain text).
std::string field_label(const Context& context, std::string_view field) {
    std::string language;
    if (auto dot = field.find('.'); dot != std::string_view::npos) {
        language = std::string(field.substr(0, dot));
        field = field.substr(dot + 1);
    }
    auto part = domain::letter::parse_part(field);
    std::string label = part ? std::string(context.t(fmt::format("letters.part.{}", domain::letter::part_name(*part))))
                             : std::string(field);
    return language.empty() ? label : fmt::format("{}: {}", context.t("letters.lang." + language), label);
}

bool personal_data_refusal(const Error& error) {
    return error.code == ErrorCode::invalid_argument && error.message.find("acknowledge_personal_data") != std::string::npos;
}

// The finalised letters' findings as the e-mails would carry them ("sv.cause").
std::vector<app::PersonalDataWarning> sending_warnings(const app::LettersOverview& overview) {
    std::vector<app::PersonalDataWarning> out;
    for (const auto& letter : overview.letters) {
        if (!letter.finalised_at) continue;
        for (const auto& warning : letter.warnings) out.push_back({letter.language + "." + warning.key, warning.kinds});
    }
    return out;
}

// The user's words for a refused part: an unknown placeholder (named) or a text too long.
std::string part_error(const Context& context, const Error& error) {
    auto part = domain::letter::parse_part(error.field);
    if (!part) return error_message(context, error);
    auto open = error.message.find('{');
    auto close = error.message.find('}', open == std::string::npos ? 0 : open);
    if (error.message.starts_with("unknown placeholder") && open != std::string::npos && close != std::string::npos)
        return fmt_t(context, "letters.error.placeholder", fmt::arg("part", context.t("letters.part." + error.field)),
                     fmt::arg("name", error.message.substr(open, close - open + 1)));
    return fmt_t(context, "letters.error.part_text", fmt::arg("part", context.t("letters.part." + error.field)));
}

// --- the letter's status and the section ---------------------------------------------------

std::string letter_status(const Context& context, const app::SubjectLetter& letter) {
    if (letter.finalised_at)
        return fmt_t(context, "letters.status.finalised", fmt::arg("time", html::stockholm_time(*letter.finalised_at)));
    if (!letter.missing.empty()) {
        std::string names;
        for (const auto& missing : letter.missing) {
            auto part = domain::letter::parse_part(missing.key);
            names += (names.empty() ? "" : ", ") + (part ? part_label(context, *part) : esc(missing.key));
        }
        return fmt::format("{}: {}", tx(context, "letters.status.missing"), names);
    }
    return tx(context, "letters.status.draft");
}

std::string letters_table(const Context& context, const app::LettersOverview& overview) {
    std::string url = case_url(overview.incident.id);
    std::string rows;
    for (const auto& letter : overview.letters)
        rows += fmt::format(
            R"(<tr><th scope="row">{}</th><td>{}</td><td><a href="{}/letter?lang={}">{}</a> · <a href="{}/letter.pdf?lang={}">{}</a></td></tr>)",
            tx(context, "letters.lang." + letter.language), letter_status(context, letter), url, letter.language,
            tx(context, letter.finalised_at ? "letters.show" : "letters.edit"), url, letter.language,
            tx(context, "letters.pdf"));
    return fmt::format(
        R"(<table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
        tx(context, "letters.letter_heading"), tx(context, "letters.language"), tx(context, "letters.status"),
        tx(context, "letters.actions"), rows);
}

// For one person not yet informed: how and when, recorded by hand (e.g. told by phone).
std::string informed_form(const Context& context, std::string_view incident_id, const storage::RecipientRecord& r) {
    std::string how_id = html::field_id("letters.how." + r.id), at_id = html::field_id("letters.at." + r.id);
    std::string options;
    for (std::string_view how : {"post", "email", "other"})
        options += fmt::format(R"(<option value="{}">{}</option>)", how, tx(context, fmt::format("letters.how.{}", how)));
    return fmt::format(
        R"(<form method="post" action="{}/letters/recipients/{}/informed" class="inline">{}<label for="{}" class="visually-hidden">{} {}</label><select id="{}" name="how">{}</select> <label for="{}" class="visually-hidden">{} {}</label><input id="{}" type="date" name="at"> <button type="submit" class="button small secondary">{}</button></form>)",
        case_url(incident_id), http::percent_encode(r.id), html::csrf_field(context), how_id, tx(context, "letters.how"),
        esc(r.name), how_id, options, at_id, tx(context, "letters.at"), esc(r.name), at_id,
        tx(context, "letters.record_informed"));
}

std::string informed_text(const Context& context, const storage::RecipientRecord& r) {
    if (r.informed_how.empty()) return tx(context, "letters.not_informed");
    return fmt::format("{} {}", tx(context, "letters.how." + r.informed_how),
                       r.informed_at ? esc(html::stockholm_time(*r.informed_at)) : std::string());
}

std::string recipients_part(const Context& context, const app::LettersOverview& overview, bool may_notify) {
    std::string url = case_url(overview.incident.id);
    if (overview.recipients.empty()) return fmt::format("<p>{}</p>", tx(context, "letters.no_recipients"));
    std::string out = fmt::format(
        "<p>{}</p>", esc(count_text(context.lang, "letters.summary", static_cast<long long>(overview.counts.total),
                                    {{"post", static_cast<long long>(overview.counts.with_address)},
                                     {"email", static_cast<long long>(overview.counts.with_email)}})));
    out += fmt::format("<p>{}</p>", esc(fmt_t(context, "letters.informed_summary", fmt::arg("post", overview.counts.informed_post),
                                              fmt::arg("email", overview.counts.informed_email),
                                              fmt::arg("other", overview.counts.informed_other),
                                              fmt::arg("none", overview.counts.not_informed))));
    std::string rows;
    for (const auto& r : overview.recipients) {
        std::string channels;
        if (!r.address.empty()) channels = tx(context, "letters.how.post");
        if (!r.email.empty()) {
            if (!channels.empty()) channels += ", ";
            channels += tx(context, "letters.how.email");
        }
        std::string informed = informed_text(context, r);
        if (r.informed_how.empty() && may_notify) informed.append(" ").append(informed_form(context, overview.incident.id, r));
        rows += fmt::format(R"(<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td><a href="{}/letters/recipients/{}.pdf">{}</a></td></tr>)",
                            esc(r.name), channels, tx(context, "letters.lang." + r.language), informed, url,
                            http::percent_encode(r.id), tx(context, "letters.pdf"));
    }
    out += fmt::format(
        R"(<table id="field-letters-informed"><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
        tx(context, "letters.recipients_table"), tx(context, "letters.name"), tx(context, "letters.channels"),
        tx(context, "letters.language"), tx(context, "letters.informed"), tx(context, "letters.letter"), rows);
    if (overview.counts.total > static_cast<int64_t>(overview.recipients.size()))
        out += fmt::format("<p>{}</p>", esc(fmt_t(context, "letters.shown_first", fmt::arg("count", k_recipients_shown))));
    return out;
}

std::string import_form(const Context& context, const app::LettersOverview& overview,
                        const std::vector<html::FieldError>& errors) {
    return fmt::format(R"(<form method="post" action="{}/letters/recipients" enctype="multipart/form-data"><h4>{}</h4>{}{}<button type="submit" class="button secondary">{}</button></form>)",
                       case_url(overview.incident.id), tx(context, "letters.import_heading"), html::csrf_field(context),
                       labelled(context, errors, "csv", tx(context, "letters.csv_file"), tx(context, "letters.csv_hint"),
                                R"(<input {attrs} type="file" name="file" accept=".csv,text/csv">)"),
                       tx(context, "letters.import_button"));
}

std::string delivery_forms(const Context& context, const app::LettersOverview& overview, const Form& values,
                           const std::vector<html::FieldError>& errors) {
    std::string url = case_url(overview.incident.id);
    std::string out = fmt::format(R"(<h3>{}</h3><p>{}</p><ul><li><a href="{}/letters/print.pdf">{}</a></li></ul>)",
                                  tx(context, "letters.send_heading"), tx(context, "letters.send_intro"), url,
                                  tx(context, "letters.print_link"));
    auto warnings = sending_warnings(overview);
    std::string acknowledgements;
    if (!warnings.empty()) acknowledgements = fmt::format("<p>{}</p>", tx(context, "letters.send_warnings"));
    for (const auto& warning : warnings)
        acknowledgements += acknowledge_control(context, warnings, warning.key, field_label(context, warning.key), values);
    out += fmt::format(R"(<form method="post" action="{}/letters/emails">{}{}<button type="submit" class="button secondary" id="field-letters-emails">{}</button></form>)",
                       url, html::csrf_field(context), acknowledgements, tx(context, "letters.emails_button"));
    std::string date = fmt::format(R"(<input {{attrs}} type="date" name="posted_at" value="{}">)",
                                   esc(form_value(values, "posted_at")));
    out += fmt::format(R"(<form method="post" action="{}/letters/posted">{}{}<button type="submit" class="button secondary">{}</button></form>)",
                       url, html::csrf_field(context),
                       labelled(context, errors, "posted_at", tx(context, "letters.posted_at"),
                                tx(context, "letters.posted_hint"), date),
                       tx(context, "letters.posted_button"));
    return out;
}

std::string exemption_part(const Context& context, const app::LettersOverview& overview, const Form& values,
                           const std::vector<html::FieldError>& errors, bool may_notify) {
    std::string out;
    if (const auto& e = overview.exemption) {
        out += fmt::format(R"(<p><strong>{}</strong> {}</p><p class="pre">{}</p>)", tx(context, "letters.exemption_recorded"),
                           tx(context, "letters.ground." + e->ground), esc(e->reason));
        if (!e->public_text.empty())
            out += fmt::format(R"(<p>{}: {} · {}</p><p class="pre">{}</p>)", tx(context, "letters.public"),
                               esc(e->public_where), e->published_at ? esc(html::stockholm_time(*e->published_at)) : "",
                               esc(e->public_text));
    }
    if (!may_notify) return out.empty() ? fmt::format("<p>{}</p>", tx(context, "letters.no_exemption")) : out;
    std::string ground = form_value(values, "ground");
    std::string radios;
    for (std::string_view code : {"encrypted", "mitigated", "disproportionate_effort"})
        radios += fmt::format(R"(<div class="choice"><input type="radio" name="ground" value="{0}" id="field-letters-ground-{0}"{1}> <label for="field-letters-ground-{0}">{2}</label></div>)",
                              code, ground == code ? " checked" : "", tx(context, fmt::format("letters.ground.{}", code)));
    const auto* ground_error = find_error(errors, "letters.ground");
    std::string fieldset = fmt::format(R"(<fieldset class="field{}" id="field-letters-ground"><legend>{}</legend>{}{}</fieldset>)",
                                       ground_error ? " has-error" : "", tx(context, "letters.ground"),
                                       ground_error ? fmt::format(R"(<p class="error-message">{}</p>)", esc(ground_error->message)) : "",
                                       radios);
    auto area = [&](std::string_view name) {
        return fmt::format(R"(<textarea {{attrs}} name="{}" rows="4">{}</textarea>)", name, esc(form_value(values, name)));
    };
    out += fmt::format(
        R"(<form method="post" action="{}/letters/exemption">{}{}{}<h4>{}</h4><p class="hint">{}</p>{}{}{}<button type="submit" class="button secondary">{}</button></form>)",
        case_url(overview.incident.id), html::csrf_field(context), fieldset,
        labelled(context, errors, "reason", tx(context, "letters.reason"), tx(context, "letters.reason_hint"), area("reason")),
        tx(context, "letters.public_heading"), tx(context, "letters.public_hint"),
        labelled(context, errors, "public_text", tx(context, "letters.public_text"), "", area("public_text")),
        labelled(context, errors, "public_where", tx(context, "letters.public_where"), tx(context, "letters.public_where_hint"),
                 fmt::format(R"(<input {{attrs}} type="text" name="public_where" maxlength="500" value="{}">)",
                             esc(form_value(values, "public_where")))),
        labelled(context, errors, "published_at", tx(context, "letters.published_at"), "",
                 fmt::format(R"(<input {{attrs}} type="date" name="published_at" value="{}">)",
                             esc(form_value(values, "published_at")))),
        tx(context, "letters.exemption_button"));
    return out;
}

std::string letters_body(const Context& context, const app::LettersOverview& overview, const Form& values,
                         const std::vector<html::FieldError>& errors) {
    bool may_notify = context.actor->allows(overview.incident.org_id, Action::notify);
    std::string out = fmt::format("<p>{}</p>", tx(context, "letters.intro"));
    out += letters_table(context, overview);
    if (context.actor->allows(overview.incident.org_id, Action::manage_templates))
        out += fmt::format(R"(<p><a href="/organisations/{}/letter-template?lang={}">{}</a></p>)",
                           http::percent_encode(overview.incident.org_id), lang_code(context.lang),
                           tx(context, "letters.template_link"));
    out += fmt::format("<h3>{}</h3>", tx(context, "letters.recipients_heading"));
    out += recipients_part(context, overview, may_notify);
    if (may_notify) out += import_form(context, overview, errors) + delivery_forms(context, overview, values, errors);
    out += fmt::format("<h3>{}</h3>", tx(context, "letters.exemption_heading"));
    out += exemption_part(context, overview, values, errors, may_notify);
    return out;
}

// --- the letters page (also where a failed POST comes back) --------------------------------

http::Response render_letters(Context& context, std::string_view id, int status, const Form& values,
                              const std::vector<html::FieldError>& errors) {
    auto overview = app::letters_overview(context.app, *context.actor, id, k_recipients_shown);
    if (!overview) return error_page(context, overview.error());
    std::string body = html::error_summary(context, errors);
    body += fmt::format(R"(<p><a href="{}#letters">{}</a></p>)", case_url(id), tx(context, "letters.back"));
    // The same parts as the case page's section, under its h2 here too (no h1 → h3 jump).
    body += fmt::format("<h2>{}</h2>", tx(context, "letters.heading"));
    body += letters_body(context, *overview, values, errors);
    std::string title = fmt_t(context, "letters.page_title", fmt::arg("number", overview->incident.case_number));
    return html::page(context, status, {title, "", body, "cases", false});
}

std::optional<http::Response> guard(Context& context, std::string_view csrf) {
    if (auto redirect = require_sign_in(context)) return redirect;
    if (!csrf_ok(context, csrf)) return csrf_failed(context);
    return std::nullopt;
}

std::string error_for(const Context& context, const Error& error) {
    std::string key = "letters.error." + error.field;
    if (error.code == ErrorCode::invalid_argument && has_message(key)) return std::string(context.t(key));
    if (error.code == ErrorCode::conflict && error.field.starts_with("letter."))
        return std::string(context.t("letters.error.finalise_first"));
    if (error.code == ErrorCode::conflict) return std::string(context.t("letters.error.conflict"));
    return error_message(context, error);
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

http::Response pdf_response(Context& context, Result<std::string> pdf, std::string_view filename) {
    if (!pdf) return error_page(context, pdf.error());
    auto response = http::Response::text(200, std::move(*pdf), "application/pdf");
    response.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", filename));
    response.set_header("Cache-Control", "no-store");
    response.set_header("X-Content-Type-Options", "nosniff");
    return response;
}

http::Response letter_pdf(Context& context, std::string recipient_id, std::string language) {
    std::string id(context.request.path_param("id"));
    auto document = context.app.document(&*context.actor, id, {app::DocumentKind::subject_letter, language, 0, recipient_id});
    if (!document) return error_page(context, document.error());
    auto pdf = doc::render_pdf(*document);
    return pdf_response(context, std::move(pdf), recipient_id.empty() ? "brev-" + language + ".pdf" : "brev.pdf");
}

http::Response blank_pdf(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    return letter_pdf(context, "", language_of(context));
}

http::Response recipient_pdf(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    std::string rid(context.request.path_param("rid"));
    if (!rid.ends_with(".pdf")) return page_error(context, Error::not_found());
    rid.resize(rid.size() - 4);
    // The builder finds the person on the case and writes in their own language.
    return letter_pdf(context, rid, language_of(context));
}

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

// --- the letter's edit page ------------------------------------------------------------------

std::string parts_form(const Context& context, const domain::letter::Parts& parts,
                       const std::vector<html::FieldError>& errors,
                       const std::vector<app::PersonalDataWarning>& warnings = {}, const Form& values = {}) {
    std::string out;
    for (auto part : domain::letter::k_parts) {
        std::string name(domain::letter::part_name(part));
        out += labelled(context, errors, name, part_label(context, part), tx(context, "letters.hint." + name),
                        fmt::format(R"(<textarea {{attrs}} name="{}" rows="6">{}</textarea>)", name, esc(parts[part])));
        out += acknowledge_control(context, warnings, name, field_label(context, name), values);
    }
    return out;
}

std::string next_steps(const Context& context) {
    std::string items;
    for (std::string_view step : {"write", "check", "finalise", "send"})
        items += fmt::format("<li>{}</li>", tx(context, fmt::format("letters.next_step.{}", step)));
    return fmt::format(R"(<div class="panel" role="note"><h2>{}</h2><ol>{}</ol></div>)",
                       tx(context, "letters.next_steps_heading"), items);
}

domain::letter::Parts parts_from(const Form& form) {
    domain::letter::Parts parts;
    for (auto part : domain::letter::k_parts) parts[part] = form_value(form, domain::letter::part_name(part));
    return parts;
}

std::string language_links(const Context& context, std::string_view base, std::string_view current) {
    std::string out;
    for (std::string_view language : {"sv", "en"})
        out += language == current ? fmt::format("<li><strong>{}</strong></li>", tx(context, fmt::format("letters.lang.{}", language)))
                                   : fmt::format(R"(<li><a href="{}?lang={}">{}</a></li>)", base, language,
                                                 tx(context, fmt::format("letters.lang.{}", language)));
    return fmt::format(R"(<nav aria-label="{}"><ul class="inline">{}</ul></nav>)", tx(context, "letters.language"), out);
}

std::string finalised_view(const Context& context, const app::SubjectLetter& letter) {
    std::string out;
    for (auto part : domain::letter::k_parts)
        out += fmt::format(R"(<h2>{}</h2><p class="pre">{}</p>)", part_label(context, part), esc(letter.parts[part]));
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
    std::string body = html::error_summary(context, errors);
    body += fmt::format(R"(<p><a href="{}#letters">{}</a></p>)", case_url(id), tx(context, "letters.back"));
    body += language_links(context, url, language);
    body += fmt::format("<p>{}</p>", letter_status(context, *letter));
    bool may_edit = context.actor->allows(overview->incident.org_id, Action::notify) && !letter->finalised_at;
    if (!may_edit) {
        body += finalised_view(context, *letter);
    } else {
        body += next_steps(context);
        body += fmt::format("<p>{}</p>", tx(context, "letters.placeholders_hint"));
        body += fmt::format(
            R"(<form method="post" action="{}" id="field-letters-version">{}<input type="hidden" name="lang" value="{}"><input type="hidden" name="version" value="{}">{}<div class="actions"><button type="submit" name="action" value="save" class="button">{}</button> <button type="submit" name="action" value="finalise" class="button secondary">{}</button></div></form>)",
            url, html::csrf_field(context), language, edited ? version : letter->version,
            parts_form(context, edited ? *edited : letter->parts, errors, letter->warnings, values),
            tx(context, "common.save"), tx(context, "letters.finalise"));
    }
    body += fmt::format(R"(<p><a href="{}.pdf?lang={}">{}</a></p>)", url, language, tx(context, "letters.pdf"));
    std::string title = fmt_t(context, "letters.edit_title", fmt::arg("number", overview->incident.case_number),
                              fmt::arg("language", context.t("letters.lang." + std::string(language))));
    return html::page(context, status, {title, "", body, "cases", false});
}

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

// --- the organisation's template -------------------------------------------------------------

http::Response render_template(Context& context, std::string_view org_id, std::string_view language, int status,
                               const domain::letter::Parts* edited, int64_t version, std::vector<html::FieldError> errors) {
    auto stored = app::letter_template(context.app, *context.actor, org_id, language);
    if (!stored) return error_page(context, stored.error());
    if (!context.actor->allows(org_id, Action::manage_templates)) return error_page(context, Error::denied());
    std::string url = "/organisations/" + http::percent_encode(org_id) + "/letter-template";
    std::string body = html::error_summary(context, errors);
    body += language_links(context, url, language);
    body += fmt::format("<p>{}</p>", tx(context, stored->version == 0 ? "letters.template_built_in" : "letters.template_intro"));
    body += fmt::format("<p>{}</p>", tx(context, "letters.placeholders_hint"));
    body += fmt::format(
        R"(<form method="post" action="{}" id="field-letters-version">{}<input type="hidden" name="lang" value="{}"><input type="hidden" name="version" value="{}">{}<button type="submit" class="button">{}</button></form>)",
        url, html::csrf_field(context), language, edited ? version : stored->version,
        parts_form(context, edited ? *edited : stored->parts, errors), tx(context, "common.save"));
    std::string title = fmt_t(context, "letters.template_title",
                              fmt::arg("language", context.t("letters.lang." + std::string(language))));
    return html::page(context, status, {title, "", body, "", false});
}

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

} // namespace

std::string letters_section(Context& context, const app::CaseFile& file) {
    if (!file.full_view || !context.actor->allows(file.incident.org_id, Action::read_all_cases)) return {};
    auto overview = app::letters_overview(context.app, *context.actor, file.incident.id, k_recipients_shown);
    if (!overview) return {};
    return fmt::format(R"(<section id="letters" aria-labelledby="letters-heading"><h2 id="letters-heading">{}</h2>{}</section>)",
                       tx(context, "letters.heading"), letters_body(context, *overview, {}, {}));
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
