// "Mitt konto": the person changes their own password (ending every other session and every
// API token) and sees, creates and revokes their own API tokens. Forms only, no JavaScript.
// Built as html::Html (web/markup.hpp): every text is escaped by construction.
#include <fmt/format.h>

#include "web/accounts/accounts.hpp"

namespace skydda::web::pages {
namespace {

using html::Html;

// The account page is for people signed in with their password, never for an API token (a
// token must not mint tokens that outlive its own revocation).
std::optional<http::Response> require_password_session(Context& context) {
    if (auto redirect = require_sign_in(context)) return redirect;
    if (context.via_token) return page_error(context, Error::denied("sign in with your password to manage your account"));
    return std::nullopt;
}

Html when(const Context& context, const std::optional<Instant>& at) {
    return html::text(at ? html::stockholm_time(*at) : std::string(context.t("account.token_never")));
}

// The user's words for a refused password (domain::check_password's messages).
std::string password_error_text(const Context& context, const Error& error) {
    const auto& m = error.message;
    if (error.field == "current_password") return std::string(context.t("account.error.current"));
    if (m.find("at least") != std::string::npos) return std::string(context.t("account.error.short"));
    if (m.find("at most") != std::string::npos) return std::string(context.t("account.error.long"));
    if (m.find("common") != std::string::npos) return std::string(context.t("account.error.common"));
    if (m.find("e-mail") != std::string::npos) return std::string(context.t("account.error.email"));
    return std::string(context.t("account.error.invalid"));
}

Html password_field(const Context& context, std::string_view name, std::string_view autocomplete,
                    const std::vector<html::FieldError>& errors) {
    std::string id = html::field_id(name);
    return html::labelled_control(context, {id, context.t(fmt::format("account.{}", name)), "", find_error(errors, name)},
                                  [&](const Html& attrs) {
                                      return html::format(R"(<input {} type="password" name="{}" autocomplete="{}" required>)",
                                                          attrs, name, autocomplete);
                                  });
}

Html tokens_section(const Context& context, const std::vector<domain::ApiTokenRow>& tokens) {
    Html body = html::format(
        R"(<section aria-labelledby="tokens-heading"><h2 id="tokens-heading">{}</h2><p>{}</p>)",
        context.t("account.tokens_heading"),
        fmt::format(fmt::runtime(context.t("account.tokens_intro")),
                    fmt::arg("days", context.app.account_options().token_lifetime.count())));
    if (tokens.empty()) {
        body += html::format("<p>{}</p>", context.t("account.tokens_none"));
    } else {
        Html rows;
        for (const auto& token : tokens)
            rows += html::format(
                R"(<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td><form method="post" action="/account/tokens/{}/revoke" class="inline">{}<button type="submit" class="button secondary">{}</button></form></td></tr>)",
                token.id, html::stockholm_time(token.created_at), when(context, token.expires_at),
                when(context, token.last_used_at), http::percent_encode(token.id), html::csrf_field(context),
                context.t("account.revoke"));
        body += html::format(
            R"(<table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col"><span class="visually-hidden">{}</span></th></tr></thead><tbody>{}</tbody></table>)",
            context.t("account.tokens_caption"), context.t("account.token_id"), context.t("account.token_created"),
            context.t("account.token_expires"), context.t("account.token_last_used"), context.t("account.revoke"),
            rows);
    }
    body += html::format(
        R"(<form method="post" action="/account/tokens">{}<div class="actions"><button type="submit" class="button secondary">{}</button></div></form></section>)",
        html::csrf_field(context), context.t("account.create_token"));
    return body;
}

http::Response account_page(Context& context, int status, std::vector<html::FieldError> errors) {
    auto tokens = context.app.api_tokens(&*context.actor, "");
    if (!tokens) return error_page(context, tokens.error());
    Html body = html::error_summary(context, errors);
    body += html::format("<p>{}</p>", context.t("account.intro"));
    if (context.request.query_param("changed").value_or("") == "1")
        body += html::format(R"(<p class="notice" role="status">{}</p>)", context.t("account.changed"));
    if (context.request.query_param("revoked").value_or("") == "1")
        body += html::format(R"(<p class="notice" role="status">{}</p>)", context.t("account.revoked"));
    body += html::format(
        R"(<section aria-labelledby="password-heading"><h2 id="password-heading">{}</h2><p>{}</p><form method="post" action="/account/password" novalidate>{}<input type="hidden" name="username" autocomplete="username" value="{}">{}{}{}<div class="actions"><button type="submit" class="button">{}</button></div></form></section>)",
        context.t("account.password_heading"), context.t("account.password_rules"), html::csrf_field(context),
        context.actor->email, password_field(context, "current_password", "current-password", errors),
        password_field(context, "new_password", "new-password", errors),
        password_field(context, "new_password_repeat", "new-password", errors), context.t("account.change_button"));
    body += tokens_section(context, *tokens);
    std::string title(context.t("account.title"));
    auto response = html::page(context, status,
                               {errors.empty() ? title : std::string(context.t("page.error.title_prefix")) + title, title,
                                std::move(body), "account", false});
    response.set_header("Cache-Control", "no-store");
    return response;
}

http::Response show_account(Context& context) {
    if (auto refused = require_password_session(context)) return *refused;
    return account_page(context, 200, {});
}

http::Response change_password(Context& context) {
    if (auto refused = require_password_session(context)) return *refused;
    auto form = read_form(context);
    if (!csrf_ok(context, form_value(form, "csrf"))) return csrf_failed(context);
    auto current = form_value(form, "current_password");
    auto fresh = form_value(form, "new_password");
    if (fresh != form_value(form, "new_password_repeat"))
        return account_page(context, 400, {{"new_password_repeat", std::string(context.t("account.error.repeat"))}});
    auto result = context.app.change_password(*context.actor, current, fresh);
    if (!result) {
        if (result.error().code != ErrorCode::invalid_argument) return error_page(context, result.error());
        auto field = result.error().field == "current_password" ? "current_password" : "new_password";
        return account_page(context, 400, {{field, password_error_text(context, result.error())}});
    }
    // Every session ended with the change, this one too: the browser gets the new one.
    auto response = http::Response::redirect("/account?changed=1");
    response.set_header("Set-Cookie", http::format_set_cookie(k_session_cookie, result->session_token,
                                                              cookie_options(context, app::k_session_lifetime)));
    return response;
}

http::Response create_token(Context& context) {
    if (auto refused = require_password_session(context)) return *refused;
    auto form = read_form(context);
    if (!csrf_ok(context, form_value(form, "csrf"))) return csrf_failed(context);
    auto token = context.app.create_api_token(&*context.actor, context.actor->email);
    if (!token) return error_page(context, token.error());
    auto body = html::format(
        R"(<p>{}</p><p><label for="new-token" class="visually-hidden">{}</label><input type="text" id="new-token" readonly value="{}" spellcheck="false" size="60"></p><p><a href="/account">{}</a></p>)",
        context.t("account.created"), context.t("account.created_title"), *token, context.t("account.back"));
    auto response = html::page(context, 201, {std::string(context.t("account.created_title")), "", std::move(body), "account", true});
    response.set_header("Cache-Control", "no-store");
    return response;
}

http::Response revoke_token(Context& context) {
    if (auto refused = require_password_session(context)) return *refused;
    auto form = read_form(context);
    if (!csrf_ok(context, form_value(form, "csrf"))) return csrf_failed(context);
    auto done = context.app.revoke_api_token(&*context.actor, context.request.path_param("id"));
    if (!done) return page_error(context, Error::not_found());
    return http::Response::redirect("/account?revoked=1");
}

} // namespace

void register_account(Site& site) {
    site.add("GET", "/account", show_account);
    site.add("POST", "/account/password", change_password);
    site.add("POST", "/account/tokens", create_token);
    site.add("POST", "/account/tokens/{id}/revoke", revoke_token);
}

} // namespace skydda::web::pages
