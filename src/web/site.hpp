// The web layer's entry: builds the router with the JSON API and the HTML pages, and resolves
// who is asking (session cookie or API token) before any handler runs.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "app/app.hpp"
#include "http/forwarded.hpp"
#include "http/http.hpp"
#include "web/i18n.hpp"

namespace skydda::web {

struct WebConfig {
    bool secure_cookies = false; // set behind TLS; also sends Strict-Transport-Security
    // Reverse proxies whose X-Forwarded-For is believed (config key trusted_proxies).
    std::vector<http::AddressRange> trusted_proxies;
};

// HSTS, sent on every response when secure cookies are on (one year; no includeSubDomains:
// Skydda does not know the other hosts of the domain).
inline constexpr std::string_view k_hsts_value = "max-age=31536000";

inline constexpr std::string_view k_session_cookie = "skydda_session";
inline constexpr std::string_view k_lang_cookie = "skydda_lang";
inline constexpr std::string_view k_login_csrf_cookie = "skydda_login_csrf";
// The largest body anyone may send without being signed in: forms and sign-in fit easily;
// uploads and imports need a session or an API token (Site::body_limit).
inline constexpr size_t k_anonymous_body_bytes = 64 * 1024;

// Everything a handler needs about the request beyond the request itself.
struct Context {
    app::App& app;
    const WebConfig& config;
    http::Request& request;
    std::optional<app::Actor> actor;
    std::string csrf_token;   // the session's, to put in forms
    bool via_token = false;   // Bearer token: no CSRF check needed
    Lang lang = Lang::sv;

    std::string_view t(std::string_view key) const { return web::t(lang, key); }
};

using PageHandler = std::function<http::Response(Context&)>;

class Site {
public:
    Site(app::App& app, WebConfig config);
    http::Response handle(http::Request& request);
    // Registers a handler that receives a resolved Context.
    void add(std::string method, std::string pattern, PageHandler handler);
    // For routes that never look at the caller (health, static files, the API description):
    // no session or token look-up, so they cost no database work.
    void add_public(std::string method, std::string pattern, PageHandler handler);
    // For http::ServerOptions::body_limit: the body a request may send, from its header. A
    // caller the session cookie or Bearer token resolves may send any size (the server caps
    // it); anyone else k_anonymous_body_bytes. The server asks only for larger bodies, so the
    // look-up is made again by the handler only for those.
    size_t body_limit(const http::Request& header);

private:
    void add_route(std::string method, std::string pattern, PageHandler handler, bool resolve_caller);

    app::App& m_app;
    WebConfig m_config;
    http::Router m_router;
};

// Shared responses
http::Response api_error(const Error& error);
http::Response page_error(Context& context, const Error& error);
// HTML pages: redirect to sign-in when nobody is signed in.
std::optional<http::Response> require_sign_in(Context& context);
// For HTML form posts: the form's csrf field must equal the session's token.
bool csrf_ok(const Context& context, std::string_view submitted);

} // namespace skydda::web
