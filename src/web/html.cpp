#include "web/html.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/text.hpp"

namespace skydda::web::html {

std::string escape(std::string_view text) { return text::html_escape(text); }

std::string field_id(std::string_view name) {
    std::string id = "field-";
    for (char c : name) id += (c == '.' || c == '_') ? '-' : c;
    return id;
}

Html error_line(const Context& context, std::string_view id, std::string_view message) {
    return format(R"(<p class="error-message" id="{}-error"><span class="visually-hidden">{}</span> {}</p>)", id,
                  context.t("page.error.prefix"), message);
}

Html labelled_control(const Context& context, const LabelledField& field, const ControlMarkup& control) {
    Html hint, error;
    std::string described;
    if (!field.hint.empty()) {
        hint = format(R"(<p class="hint" id="{}-hint">{}</p>)", field.id, field.hint);
        described.append(field.id).append("-hint");
    }
    if (field.error) {
        error = error_line(context, field.id, field.error->message);
        if (!described.empty()) described += ' ';
        described.append(field.id).append("-error");
    }
    Html attrs = format(R"(id="{}"{}{})", field.id,
                        described.empty() ? Html() : format(R"( aria-describedby="{}")", described),
                        field.error ? Html(R"( aria-invalid="true")") : Html());
    return format(R"(<div class="field{}"><label for="{}">{}</label>{}{}{}</div>)",
                  field.error ? Html(" has-error") : Html(), field.id, field.label, hint, error, control(attrs));
}

Html csrf_field(const Context& context) {
    return format(R"(<input type="hidden" name="csrf" value="{}">)", context.csrf_token);
}

std::string stockholm_time(const Instant& instant) { return format_stockholm_human(instant); }

std::string duration_text(const Context& context, std::chrono::seconds remaining) {
    bool negative = remaining.count() < 0;
    auto total = std::chrono::abs(remaining);
    auto days = std::chrono::duration_cast<std::chrono::days>(total);
    auto hours = std::chrono::duration_cast<std::chrono::hours>(total - days);
    auto minutes = std::chrono::duration_cast<std::chrono::minutes>(total - days - hours);
    std::string d = context.lang == Lang::en ? "d" : "d", h = "h", m = "min";
    std::string out = days.count() > 0 ? fmt::format("{} {} {} {}", days.count(), d, hours.count(), h)
                      : hours.count() > 0 ? fmt::format("{} {} {} {}", hours.count(), h, minutes.count(), m)
                                          : fmt::format("{} {}", minutes.count(), m);
    return negative ? "−" + out : out;
}

Html error_summary(const Context& context, const std::vector<FieldError>& errors) {
    if (errors.empty()) return {};
    Html items;
    for (const auto& error : errors)
        items += format(R"(<li><a href="#{}">{}</a></li>)", field_id(error.field), error.message);
    return format(R"(<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">{}</h2><ul>{}</ul></div>)",
                  context.t("error.summary_title"), items);
}

std::string error_text(const Context& context, const Error& error) {
    switch (error.code) {
    case ErrorCode::not_found: return std::string(context.t("error.not_found"));
    case ErrorCode::permission_denied: return std::string(context.t("error.forbidden"));
    case ErrorCode::failed_precondition: return std::string(context.t("error.stale"));
    case ErrorCode::internal: return std::string(context.t("error.internal"));
    default: break;
    }
    // Field errors: the field's label is shown by the form; the message says what is wrong.
    return error.message;
}

namespace {

constexpr std::string_view k_nav_items[][3] = {
    {"report", "/report", "layout.report"},
    {"mine", "/my", "layout.my_reports"},
    {"cases", "/cases", "layout.cases"},
    {"statistics", "/statistics", "layout.statistics"},
    {"inbox", "/inbox", "layout.inbox"},
    {"outbox", "/outbox", "layout.outbox"}, // the DPO's and the administrator's only
    {"account", "/account", "layout.account"}, // the person's password and API tokens
};

Html navigation(const Context& context, std::string_view active) {
    Html items;
    for (const auto& item : k_nav_items) {
        if (!context.actor && item[0] != "report") continue;
        if (item[0] == "outbox" && !app::sees_outbox(*context.actor)) continue;
        // Only where the person works cases: a reporter's own reports are under "Mina rapporter".
        if ((item[0] == "cases" || item[0] == "statistics") &&
            context.actor->org_ids_allowing(domain::Action::read_all_cases).empty())
            continue;
        bool current = item[0] == active;
        items += format(R"(<li><a href="{}"{}>{}</a></li>)", item[1],
                        current ? Html(R"( aria-current="page")") : Html(), context.t(item[2]));
    }
    Html account;
    if (context.actor) {
        account = format(
            R"(<form method="post" action="/logout" class="inline">{}<span class="who">{} {}</span> <button type="submit" class="link">{}</button></form>)",
            csrf_field(context), context.t("layout.signed_in_as"), context.actor->name, context.t("layout.sign_out"));
    } else {
        account = format(R"(<a href="/login">{}</a>)", context.t("layout.sign_in"));
    }
    std::string other = context.lang == Lang::en ? "sv" : "en";
    std::string back = http::percent_encode(context.request.target);
    return format(R"(<nav aria-label="{}"><ul class="nav">{}</ul><div class="account">{} <a href="/lang/{}?next={}" lang="{}">{}</a></div></nav>)",
                  context.t("layout.nav"), items, account, other, back, other, context.t("layout.language_switch"));
}

} // namespace

http::Response page(const Context& context, int status, const PageOptions& options) {
    auto organisations = page_organisations(context, options);
    auto body = fmt::format(R"(<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Skydda</title>
<link rel="stylesheet" href="/static/skydda.css">
</head>
<body>
<a class="skip" href="#main">{skip}</a>
<header class="top"><div class="brand-block"><a class="brand" href="/">Skydda <span>{tagline}</span></a>{org_logo}{organisation}</div>{nav}</header>
<main id="main" class="{width}">
<h1>{heading}</h1>
{content}
</main>
{footer}
</body>
</html>
)",
                            fmt::arg("lang", lang_code(context.lang)), fmt::arg("title", escape(options.title)),
                            fmt::arg("skip", escape(context.t("layout.skip"))),
                            fmt::arg("tagline", escape(context.t("app.tagline"))),
                            fmt::arg("org_logo", organisations.size() == 1
                                                     ? organisation_logo(context, organisations.front().id)
                                                     : Html()),
                            fmt::arg("nav", navigation(context, options.active)),
                            fmt::arg("organisation", header_organisation(context, organisations)),
                            fmt::arg("footer", footer(context, organisations)),
                            fmt::arg("width", options.narrow ? "narrow" : "wide"),
                            fmt::arg("heading", escape(options.heading.empty() ? options.title : options.heading)),
                            fmt::arg("content", label_table_cells(options.body)));
    auto response = http::Response::html(status, std::move(body));
    response.set_header("Cache-Control", "no-store");
    response.set_header("Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                        "form-action 'self'; frame-ancestors 'none'");
    return response;
}

} // namespace skydda::web::html

namespace skydda::web {

http::Response page_error(Context& context, const Error& error) {
    int status = http_status_for(error.code);
    std::string title = status == 404 ? "404" : std::to_string(status);
    auto body = html::format(R"(<p>{}</p>{})", html::error_text(context, error), html::error_next_steps(context));
    return html::page(context, status, {title, html::error_text(context, error), std::move(body), "", true});
}

std::optional<http::Response> require_sign_in(Context& context) {
    if (context.actor) return std::nullopt;
    return http::Response::redirect("/login?next=" + http::percent_encode(context.request.target));
}

} // namespace skydda::web
