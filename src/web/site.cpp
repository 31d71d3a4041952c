#include "web/site.hpp"

#include <boost/json.hpp>
#include <iostream>
#include <limits>

#include "util/crypto.hpp"
#include "web/accounts/accounts.hpp"
#include "web/assessment/assessment.hpp"
#include "web/cases/cases.hpp"
#include "web/documents/documents.hpp"
#include "web/home/home.hpp"
#include "web/letters/letters.hpp"
#include "web/mail/mail.hpp"
#include "web/notify/notify.hpp"
#include "web/processor/processor.hpp"
#include "web/register/register.hpp"
#include "web/report/report.hpp"

namespace skydda::web {

namespace {
Lang language_of(const http::Request& request);
std::optional<Error> authenticate(Context& context);
} // namespace

Site::Site(app::App& app, WebConfig config) : m_app(app), m_config(config) {
    // Every capability's routes (web/<capability>/<capability>.hpp).
    register_api(*this);
    pages::register_home(*this);
    pages::register_account(*this);
    pages::register_report(*this);
    pages::register_case_lists(*this);
    pages::register_case_register(*this);
    pages::register_statistics_pages(*this);
    register_statistics_api(*this);
    pages::register_case_file(*this);
    pages::register_case_actions(*this);
    pages::register_case_log(*this);
    pages::register_static(*this);
    pages::register_about(*this);
    register_assessment_api(*this);
    register_assessment_pages(*this);
    register_notification_api(*this);   // api_notifications.cpp
    register_notification_pages(*this); // pages_notifications.cpp
    register_documents_api(*this);
    register_documents_pages(*this);
    register_annual_report_api(*this);
    register_annual_report_pages(*this);
    register_processing_register_api(*this);
    register_outbox_pages(*this);
    register_outbox_api(*this);
    register_processor_pages(*this);
    register_processor_api(*this);
    register_letters_api(*this);
    register_letters_pages(*this);
    register_logo_pages(*this);
    m_router.set_not_found([this](http::Request& request) {
        if (request.path.starts_with("/api/")) return api_error(Error::not_found());
        // The person's own navigation and language on the not-found page too.
        Context context{m_app, m_config, request, std::nullopt, {}, false, language_of(request)};
        (void)authenticate(context);
        return page_error(context, Error::not_found());
    });
}

// Nothing a signed-in person is shown may stay in a browser's or a proxy's cache: every answer
// but the stylesheet, the OpenAPI document, the health check and an organisation's logo as its
// member gets it (private, web/accounts/pages_logo.cpp) is Cache-Control: no-store.
http::Response Site::handle(http::Request& request) {
    // From here on remote_address is the client's, also behind trusted reverse proxies.
    request.remote_address =
        http::client_address(request.remote_address, request.header("x-forwarded-for"), m_config.trusted_proxies);
    auto response = m_router.dispatch(request);
    bool shared = request.path.starts_with("/static/") || request.path == "/api/v1/openapi.json" ||
                  request.path == "/healthz" ||
                  (is_logo_path(request.path) && response.header("cache-control") == k_logo_cache_control);
    if (!shared) response.set_header("Cache-Control", "no-store");
    if (m_config.secure_cookies) response.set_header("Strict-Transport-Security", std::string(k_hsts_value));
    return response;
}

namespace {

Lang language_of(const http::Request& request) {
    auto cookie = request.cookie(k_lang_cookie);
    if (cookie && *cookie == "en") return Lang::en;
    if (!cookie && request.header("accept-language").starts_with("en")) return Lang::en;
    return Lang::sv;
}

// Resolves the caller. A Bearer header that does not resolve is an error (401), never a
// fall-back to the cookie: integrations must learn their token is wrong.
std::optional<Error> authenticate(Context& context) {
    auto authorization = context.request.header("authorization");
    if (authorization.starts_with("Bearer ")) {
        auto actor = context.app.resolve_api_token(authorization.substr(7));
        if (!actor) return actor.error();
        context.actor = std::move(*actor);
        context.via_token = true;
        return std::nullopt;
    }
    if (auto cookie = context.request.cookie(k_session_cookie)) {
        if (auto session = context.app.resolve_session(*cookie)) {
            context.actor = std::move(session->actor);
            context.csrf_token = std::move(session->csrf_token);
        }
    }
    return std::nullopt;
}

} // namespace

size_t Site::body_limit(const http::Request& header) {
    http::Request request = header;
    Context context{m_app, m_config, request, std::nullopt, {}, false, Lang::sv};
    if (authenticate(context) || !context.actor) return k_anonymous_body_bytes;
    return std::numeric_limits<size_t>::max();
}

void Site::add(std::string method, std::string pattern, PageHandler handler) {
    add_route(std::move(method), std::move(pattern), std::move(handler), true);
}

void Site::add_public(std::string method, std::string pattern, PageHandler handler) {
    add_route(std::move(method), std::move(pattern), std::move(handler), false);
}

void Site::add_route(std::string method, std::string pattern, PageHandler handler, bool resolve_caller) {
    m_router.add(std::move(method), std::move(pattern),
                 [this, resolve_caller, handler = std::move(handler)](http::Request& request) {
        Context context{m_app, m_config, request, std::nullopt, {}, false, language_of(request)};
        if (resolve_caller) {
            if (auto error = authenticate(context); error && request.path.starts_with("/api/")) return api_error(*error);
        }
        if (context.actor && !context.via_token && context.actor->language == "en" && !request.cookie(k_lang_cookie))
            context.lang = Lang::en;
        try {
            return handler(context);
        } catch (const std::exception& exception) {
            // One boundary for third-party exceptions: log the kind, never the content.
            std::cerr << R"({"level":"error","event":"handler_exception","path":)"
                      << boost::json::serialize(boost::json::value(request.path)) << "}\n";
            if (request.path.starts_with("/api/")) return api_error(Error::internal("internal error"));
            return page_error(context, Error::internal("internal error"));
        }
    });
}

http::Response api_error(const Error& error) {
    boost::json::object body;
    boost::json::object inner{{"code", error_code_name(error.code)}, {"message", error.message}};
    if (!error.field.empty()) inner["field"] = error.field;
    else inner["field"] = nullptr;
    body["error"] = std::move(inner);
    auto response = http::Response::json(http_status_for(error.code), boost::json::serialize(body));
    if (error.code == ErrorCode::unauthenticated) response.set_header("WWW-Authenticate", "Bearer");
    return response;
}

bool csrf_ok(const Context& context, std::string_view submitted) {
    if (context.via_token) return true;
    return !context.csrf_token.empty() && crypto::equal_constant_time(context.csrf_token, submitted);
}

} // namespace skydda::web
