// The start page (welcome or dashboard), sign-in and sign-out, and the language switch.
#include <algorithm>
#include <fmt/format.h>

#include <map>

#include "domain/duties.hpp"
#include "util/crypto.hpp"
#include "web/cases/cases.hpp"
#include "web/home/home.hpp"
#include "web/processor/processor.hpp"

namespace skydda::web::pages {
namespace {

constexpr std::chrono::seconds k_login_form_lifetime{3600};
constexpr std::chrono::seconds k_lang_lifetime{365LL * 24 * 3600};

} // namespace

namespace {

using html::Html;

Html welcome(const Context& context) {
    Html body = html::format(R"(<p class="lead">{}</p><p>{}</p>)", context.t("home.what"), context.t("home.risk"));
    body += html::format(R"(<h2>{}</h2><ul>)", context.t("home.examples_heading"));
    for (auto key : {"home.example1", "home.example2", "home.example3", "home.example4"})
        body += html::format("<li>{}</li>", context.t(key));
    body += Html("</ul>");
    body += html::format(R"(<p>{}</p>)", context.t("home.always_report"));
    body += html::format(R"(<p class="actions"><a class="button" href="/report">{}</a> <a class="button secondary" href="/login">{}</a></p>)",
                         context.t("home.report_button"), context.t("layout.sign_in"));
    body += html::format(R"(<p><a href="/report/questions">{}</a></p>)", context.t("report.questions_link"));
    return body;
}

// Every case with an open duty, the most urgent first (a decision to notify IMY that is not
// yet carried out among them), with its organisation.
Html urgent_cases(Context& context) {
    auto cases = context.app.list_cases(*context.actor, {});
    if (!cases) return {};
    std::map<std::string, std::string> names;
    if (auto orgs = context.app.organisations_of(*context.actor))
        for (const auto& org : *orgs) names[org.id] = org.name;
    Html rows;
    int shown = 0;
    for ([[maybe_unused]] const auto& [incident, duties, handler, risk] : *cases) {
        if (!duties.most_urgent()) continue;
        if (++shown > 10) break;
        rows += html::format(R"(<tr><th scope="row" data-label="{}"><a href="/cases/{}">{}</a></th><td data-label="{}">{}</td><td data-label="{}">{}</td><td data-label="{}">{}</td><td data-label="{}">{}</td></tr>)",
                             context.t("cases.col_number"), http::percent_encode(incident.id), incident.case_number,
                             context.t("cases.col_title"), incident.facts.title, context.t("cases.col_org"),
                             names[incident.org_id], context.t("cases.col_status"),
                             status_label(context, incident.status), context.t("cases.col_clock"),
                             clock_cell(context, duties));
    }
    Html out = html::format("<h2>{}</h2>", context.t("home.urgent_heading"));
    if (rows.empty()) return out + html::format("<p>{}</p>", context.t("home.no_urgent"));
    return out + html::format(
                     R"(<table class="stack"><caption class="visually-hidden">{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>)",
                     context.t("home.urgent_heading"), context.t("cases.col_number"), context.t("cases.col_title"),
                     context.t("cases.col_org"), context.t("cases.col_status"), context.t("cases.col_clock"), rows);
}

Html dashboard(Context& context) {
    Html body;
    size_t unread = 0;
    if (auto inbox = context.app.inbox(*context.actor))
        unread = static_cast<size_t>(std::count_if(inbox->begin(), inbox->end(), [](auto& n) { return !n.read; }));
    body += html::format(R"(<p class="lead">{}</p>)",
                         fmt::format(fmt::runtime(context.t("home.hello")), fmt::arg("name", context.actor->name)));
    body += html::format(R"(<div class="panel"><p><a href="/inbox">{}</a></p></div>)",
                         count_text(context.lang, "home.unread", static_cast<long long>(unread)));
    bool worker = !context.actor->org_ids_allowing(domain::Action::read_all_cases).empty();
    if (worker) body += urgent_cases(context);
    body += html::format("<h2>{}</h2><ul class=\"links\">", context.t("home.links_heading"));
    body += html::format(R"(<li><a href="/report">{}</a></li><li><a href="/my">{}</a></li>)", context.t("layout.report"),
                         context.t("layout.my_reports"));
    if (worker)
        body += html::format(R"(<li><a href="/cases">{}</a></li><li><a href="/inbox">{}</a></li>)",
                             context.t("layout.cases"), context.t("layout.inbox"));
    body += processor_home_links(context); // the customer registers (dpo, admin)
    body += html::format(R"(<li><a href="/report/questions">{}</a></li></ul>)", context.t("report.questions_link"));
    return body;
}

http::Response home(Context& context) {
    if (!context.actor)
        return html::page(context, 200, {std::string(context.t("home.title")), "", welcome(context), "", true});
    return html::page(context, 200, {std::string(context.t("home.dashboard_title")), "", dashboard(context), "", false});
}

http::Response login_form(Context& context, int status, std::string_view email, std::string_view next,
                          std::vector<html::FieldError> errors) {
    auto token = crypto::random_token(24);
    Html body = html::error_summary(context, errors);
    auto field = [&](std::string_view name, std::string_view type, std::string_view autocomplete, std::string_view value) {
        std::string id = html::field_id(name);
        return html::labelled_control(context, {id, context.t(fmt::format("login.{}", name)), "", find_error(errors, name)},
                                      [&](const Html& attrs) {
                                          return html::format(R"(<input {} type="{}" name="{}" autocomplete="{}" value="{}"{} required>)",
                                                              attrs, type, name, autocomplete, value,
                                                              type == "email" ? Html(R"( spellcheck="false")") : Html());
                                      });
    };
    body += html::format(R"(<p>{}</p><form method="post" action="/login" novalidate><input type="hidden" name="login_csrf" value="{}"><input type="hidden" name="next" value="{}">{}{}<div class="actions"><button type="submit" class="button">{}</button></div></form>)",
                         context.t("login.intro"), token, safe_next(next),
                         field("email", "email", "username", email), field("password", "password", "current-password", ""),
                         context.t("layout.sign_in"));
    body += html::format(R"(<p>{}</p>)", context.t("login.help"));
    std::string title = std::string(context.t("login.title"));
    auto response = html::page(context, status,
                               {errors.empty() ? title : std::string(context.t("page.error.title_prefix")) + title, title,
                                std::move(body), "", true});
    response.set_header("Set-Cookie", http::format_set_cookie(k_login_csrf_cookie, token,
                                                              cookie_options(context, k_login_form_lifetime, "/login")));
    return response;
}

http::Response show_login(Context& context) {
    auto next = context.request.query_param("next").value_or("/");
    if (context.actor) return http::Response::redirect(safe_next(next));
    return login_form(context, 200, "", next, {});
}

http::Response do_login(Context& context) {
    auto form = read_form(context);
    auto email = form_value(form, "email");
    auto password = form_value(form, "password");
    auto next = form_value(form, "next");
    auto cookie = context.request.cookie(k_login_csrf_cookie);
    auto submitted = form_value(form, "login_csrf");
    if (!cookie || cookie->empty() || !crypto::equal_constant_time(*cookie, submitted))
        return login_form(context, 403, email, next, {{"email", std::string(context.t("error.csrf"))}});
    std::vector<html::FieldError> missing;
    if (email.empty()) missing.push_back({"email", std::string(context.t("login.error.email"))});
    if (password.empty()) missing.push_back({"password", std::string(context.t("login.error.password"))});
    if (!missing.empty()) return login_form(context, 400, email, next, std::move(missing));
    std::chrono::seconds wait{0};
    auto result = context.app.login(email, password, context.request.remote_address, &wait);
    if (!result) {
        if (result.error().code == ErrorCode::too_many_requests) {
            // Refused without looking at the password; Retry-After says when this client may try.
            auto response = login_form(
                context, 429, email, next,
                {{"email", fmt::format(fmt::runtime(context.t("login.error.throttled_seconds")),
                                       fmt::arg("seconds", wait.count()))}});
            response.set_header("Retry-After", std::to_string(wait.count()));
            return response;
        }
        if (result.error().code == ErrorCode::unauthenticated)
            return login_form(context, 401, email, next, {{"password", std::string(context.t("login.error.wrong"))}});
        return error_page(context, result.error());
    }
    auto response = http::Response::redirect(safe_next(next));
    response.set_header("Set-Cookie", http::format_set_cookie(k_session_cookie, result->session_token,
                                                              cookie_options(context, app::k_session_lifetime)));
    response.set_header("Set-Cookie", http::format_set_cookie(k_login_csrf_cookie, "",
                                                              cookie_options(context, std::chrono::seconds(0), "/login")));
    return response;
}

http::Response do_logout(Context& context) {
    auto form = read_form(context);
    if (context.actor && !csrf_ok(context, form_value(form, "csrf"))) return csrf_failed(context);
    if (auto cookie = context.request.cookie(k_session_cookie)) (void)context.app.logout(*cookie);
    auto response = http::Response::redirect("/");
    response.set_header("Set-Cookie",
                        http::format_set_cookie(k_session_cookie, "", cookie_options(context, std::chrono::seconds(0))));
    return response;
}

http::Response switch_language(Context& context) {
    auto code = context.request.path_param("code");
    if (code != "sv" && code != "en") return page_error(context, Error::not_found());
    auto response = http::Response::redirect(safe_next(context.request.query_param("next").value_or("/")));
    auto options = cookie_options(context, k_lang_lifetime);
    options.same_site = "Lax";
    response.set_header("Set-Cookie", http::format_set_cookie(k_lang_cookie, code, options));
    return response;
}

} // namespace

void register_home(Site& site) {
    site.add("GET", "/", home);
    site.add("GET", "/login", show_login);
    site.add("POST", "/login", do_login);
    site.add("POST", "/logout", do_logout);
    site.add("GET", "/lang/{code}", switch_language);
}

} // namespace skydda::web::pages
