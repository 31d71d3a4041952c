// Small helpers the page files share: forms, labels, errors, cookies.
#include <fmt/format.h>

#include "domain/duties.hpp"
#include "util/text.hpp"
#include "web/pages.hpp"

namespace skydda::web::pages {

std::string case_url(std::string_view id) { return "/cases/" + http::percent_encode(id); }

html::Html code_label(const Context& context, std::string_view list, std::string_view code) {
    if (code.empty()) return html::text(context.t("common.dont_know"));
    return html::text(label(context.lang, list, code));
}

html::Html status_label(const Context& context, domain::CaseStatus status) {
    return html::text(label(context.lang, "status", domain::status_name(status)));
}

// Browsers send a textarea's line breaks as CRLF; the text is kept with LF only.
Form read_form(const Context& context) {
    auto parsed = http::parse_urlencoded(context.request.body);
    if (!parsed) return {};
    for (auto& [name, value] : *parsed)
        if (value.find('\r') != std::string::npos) value = text::normalise_newlines(value);
    return std::move(*parsed);
}

std::string form_value(const Form& form, std::string_view name) {
    for (const auto& [key, value] : form)
        if (key == name) return value;
    return {};
}

std::vector<std::string> form_values(const Form& form, std::string_view name) {
    std::vector<std::string> out;
    for (const auto& [key, value] : form)
        if (key == name) out.push_back(value);
    return out;
}

bool form_has(const Form& form, std::string_view name) {
    for (const auto& [key, value] : form)
        if (key == name) return true;
    return false;
}

html::Html hidden_fields(const Form& form) {
    html::Html out;
    for (const auto& [key, value] : form)
        if (key != "csrf") out += html::format("<input type=\"hidden\" name=\"{}\" value=\"{}\">\n", key, value);
    return out;
}

std::string safe_next(std::string_view next) {
    if (!next.starts_with('/') || next.starts_with("//") || next.starts_with("/\\")) return "/";
    for (char c : next)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') return "/";
    return std::string(next);
}

std::string error_message(const Context& context, const Error& error) {
    switch (error.code) {
    case ErrorCode::conflict: return std::string(context.t("page.error.conflict"));
    case ErrorCode::too_many_requests: return std::string(context.t("login.error.throttled"));
    case ErrorCode::unavailable: return std::string(context.t("page.error.unavailable"));
    case ErrorCode::invalid_argument:
        if (error.message.starts_with(text::k_control_character_error)) return std::string(context.t("page.error.control"));
        return std::string(context.t("page.error.invalid"));
    case ErrorCode::unauthenticated: return std::string(context.t("page.error.signed_out"));
    default: return html::error_text(context, error);
    }
}

http::Response error_page(Context& context, const Error& error) {
    if (error.code == ErrorCode::not_found || error.code == ErrorCode::permission_denied ||
        error.code == ErrorCode::internal)
        return page_error(context, error);
    int status = http_status_for(error.code);
    auto message = error_message(context, error);
    auto body = html::format(R"(<p>{}</p>{})", message, html::error_next_steps(context));
    return html::page(context, status, {std::string(context.t("page.error.title")), message, std::move(body), "", true});
}

http::Response csrf_failed(Context& context) {
    auto message = std::string(context.t("error.csrf"));
    auto body = html::format(R"(<p>{}</p><p>{}</p>{})", message, context.t("error.next_reload"),
                             html::error_next_steps(context));
    return html::page(context, 403, {std::string(context.t("page.error.title")), message, std::move(body), "", true});
}

http::CookieOptions cookie_options(const Context& context, std::optional<std::chrono::seconds> max_age,
                                   std::string path) {
    http::CookieOptions options;
    options.http_only = true;
    options.secure = context.config.secure_cookies;
    options.same_site = "Strict";
    options.path = std::move(path);
    options.max_age = max_age;
    return options;
}

const html::FieldError* find_error(const std::vector<html::FieldError>& errors, std::string_view field) {
    for (const auto& error : errors)
        if (error.field == field) return &error;
    return nullptr;
}

html::Html field_error_line(const Context& context, std::string_view field, std::string_view message) {
    return html::error_line(context, html::field_id(field), message);
}

} // namespace skydda::web::pages
