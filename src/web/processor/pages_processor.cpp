// The processor's customer register, /organisations/{id}/customers: the controllers it
// processes personal data for, added one by one or imported from CSV (all or nothing, errors
// with line numbers), edited and deactivated. For dpo and admin (Action::manage_templates).
// Built as html::Html (web/markup.hpp): every text is escaped by construction.
#include "web/processor/pages_processor.hpp"

#include <fmt/format.h>

#include "app/processor/processor.hpp"
#include "util/text.hpp"

namespace skydda::web::pages {

namespace processor {

using html::Html;

Html control(const Context& context, const std::vector<html::FieldError>& errors, const Control& c) {
    std::string id = html::field_id(c.name);
    return html::labelled_control(context,
                                  {id, context.t(c.label_key), c.hint_key.empty() ? std::string_view() : context.t(c.hint_key),
                                   find_error(errors, c.name)},
                                  [&](const Html& attrs) { return c.open + attrs + c.rest; });
}

std::string error_text(const Context& context, const Error& error) {
    if (error.code == ErrorCode::conflict && error.field == "orgnr") return std::string(context.t("processor.error.orgnr_taken"));
    std::string key = "processor.error." + error.field;
    if (!error.field.empty() && has_message(key)) return std::string(context.t(key));
    return error_message(context, error);
}

Result<Instant> local_time(const Context& context, std::string_view text, std::string_view field) {
    if (text::trim(text).empty()) return context.app.clock().now();
    return parse_stockholm_local(text::trim(text), field);
}

} // namespace processor

namespace {

using html::Html;
using processor::Control;

std::string org_url(std::string_view org_id) { return "/organisations/" + http::percent_encode(org_id) + "/customers"; }

std::optional<std::string> org_name(Context& context, std::string_view org_id) {
    auto orgs = context.app.organisations_of(*context.actor);
    if (!orgs) return std::nullopt;
    for (const auto& org : *orgs)
        if (org.id == org_id) return org.name;
    return std::nullopt;
}

Form form_from_customer(const app::CustomerRecord& c) {
    std::string emails;
    for (const auto& email : c.emails) emails += (emails.empty() ? "" : "\n") + email;
    return {{"name", c.name},
            {"orgnr", c.orgnr},
            {"emails", emails},
            {"contact_name", c.contact_name},
            {"notice_hours", c.notice_hours ? std::to_string(*c.notice_hours) : std::string()},
            {"agreement_reference", c.agreement_reference},
            {"language", c.language}};
}

Result<app::CustomerInput> customer_from_form(const Form& form) {
    app::CustomerInput input;
    input.name = form_value(form, "name");
    input.orgnr = form_value(form, "orgnr");
    const std::string emails = form_value(form, "emails");
    for (auto line : text::split(emails, '\n'))
        for (auto part : text::split(line, ','))
            if (!text::trim(part).empty()) input.emails.emplace_back(text::trim(part));
    input.contact_name = form_value(form, "contact_name");
    input.agreement_reference = form_value(form, "agreement_reference");
    input.language = form_value(form, "language").empty() ? "sv" : form_value(form, "language");
    auto hours = std::string(text::trim(form_value(form, "notice_hours")));
    if (!hours.empty()) {
        if (hours.size() > 4 || hours.find_first_not_of("0123456789") != std::string::npos)
            return fail(Error::invalid("notice_hours", "must be a whole number"));
        input.notice_hours = std::stoll(hours);
    }
    return input;
}

Html customer_fields(const Context& context, const Form& values, const std::vector<html::FieldError>& errors) {
    auto text_input = [&](std::string_view name, Html extra) {
        return html::format(R"( type="text" name="{}" value="{}"{}>)", name, form_value(values, name), extra);
    };
    std::string language = form_value(values, "language");
    Html options;
    for (auto code : {"sv", "en"})
        options += html::format(R"(<option value="{}"{}>{}</option>)", code, language == code ? Html(" selected") : Html(),
                                context.t(std::string("processor.language_") + code));
    const Html input("<input ");
    return processor::control(context, errors, {"name", "processor.name", "", input, text_input("name", Html(R"( maxlength="200")"))}) +
           processor::control(context, errors, {"orgnr", "processor.orgnr", "processor.orgnr_hint", input,
                                                text_input("orgnr", Html(R"( maxlength="11" inputmode="numeric" autocomplete="off")"))}) +
           processor::control(context, errors, {"emails", "processor.emails", "processor.emails_hint", Html("<textarea "),
                                                html::format(R"( name="emails" rows="3">{}</textarea>)", form_value(values, "emails"))}) +
           processor::control(context, errors, {"contact_name", "processor.contact_name", "", input,
                                                text_input("contact_name", Html(R"( maxlength="200")"))}) +
           processor::control(context, errors, {"notice_hours", "processor.notice_hours", "processor.notice_hours_hint", input,
                                                text_input("notice_hours", Html(R"( inputmode="numeric" size="4")"))}) +
           processor::control(context, errors, {"agreement_reference", "processor.agreement_reference", "", input,
                                                text_input("agreement_reference", Html(R"( maxlength="200")"))}) +
           processor::control(context, errors, {"language", "processor.language", "", Html("<select "),
                                                html::format(R"( name="language">{}</select>)", options)});
}

Html customer_row(const Context& context, std::string_view org_id, const app::CustomerRecord& c) {
    Html emails;
    for (const auto& email : c.emails) emails += (emails.empty() ? Html() : Html("<br>")) + html::text(email);
    Html toggle = html::format(
        R"(<form method="post" action="{}/{}/active" class="inline">{}<input type="hidden" name="active" value="{}"><button type="submit" class="button small secondary">{}<span class="visually-hidden"> {}</span></button></form>)",
        org_url(org_id), http::percent_encode(c.id), html::csrf_field(context), c.active ? "0" : "1",
        context.t(c.active ? "processor.deactivate" : "processor.activate"), c.name);
    return html::format(
        R"(<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td class="num">{}</td><td>{}</td><td><a href="{}/{}">{}<span class="visually-hidden"> {}</span></a> {}</td></tr>)",
        c.name, c.orgnr, emails,
        c.notice_hours ? std::to_string(*c.notice_hours) : std::string(context.t("processor.hours_none")),
        context.t(c.active ? "processor.active" : "processor.inactive"), org_url(org_id), http::percent_encode(c.id),
        context.t("processor.edit"), c.name, toggle);
}

struct ListState {
    int status = 200;
    Form values;
    std::vector<html::FieldError> errors;
    std::vector<app::CsvLineError> import_errors;
};

http::Response render_list(Context& context, std::string_view org_id, const ListState& state) {
    bool show_all = context.request.query_param("show").value_or("") == "all";
    auto customers = app::list_customers(context.app, *context.actor, org_id, show_all);
    if (!customers) return error_page(context, customers.error());
    auto name = org_name(context, org_id).value_or("");
    Html body = html::error_summary(context, state.errors);
    if (auto added = context.request.query_param("added"))
        body += html::format(R"(<p class="panel" role="status">{}</p>)",
                             fmt::format(fmt::runtime(context.t("processor.import_done")), fmt::arg("added", *added),
                                         fmt::arg("updated", context.request.query_param("updated").value_or("0"))));
    body += html::format(R"(<p class="lead">{}</p>)", context.t("processor.customers_intro"));
    body += html::format(R"(<p><a href="{}{}">{}</a></p>)", org_url(org_id), show_all ? "" : "?show=all",
                         context.t(show_all ? "processor.show_active" : "processor.show_inactive"));
    Html rows;
    for (const auto& customer : *customers) rows += customer_row(context, org_id, customer);
    body += rows.empty() ? html::format("<p>{}</p>", context.t("processor.customers_none"))
                         : html::format(R"(<table><caption>{} ({})</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col">{}</th><th scope="col"><span class="visually-hidden">{}</span></th></tr></thead><tbody>{}</tbody></table>)",
                                        context.t("processor.customers_count"), customers->size(), context.t("processor.name"),
                                        context.t("processor.orgnr"), context.t("processor.emails"),
                                        context.t("processor.notice_hours"), context.t("processor.status"),
                                        context.t("processor.edit"), rows);
    body += html::format(R"(<section aria-labelledby="add-heading"><h2 id="add-heading">{}</h2><form method="post" action="{}">{}{}<button type="submit" class="button">{}</button></form></section>)",
                         context.t("processor.add_heading"), org_url(org_id), html::csrf_field(context),
                         customer_fields(context, state.values, state.errors), context.t("processor.add"));
    Html import_errors;
    for (const auto& error : state.import_errors)
        import_errors += html::format("<li>{}: {}</li>",
                                      fmt::format(fmt::runtime(context.t("processor.import_line")), fmt::arg("line", error.line)),
                                      processor::error_text(context, Error::invalid(error.field, error.message)));
    if (!import_errors.empty())
        import_errors = html::format(R"(<div class="error-summary" role="alert"><h3>{}</h3><ul>{}</ul></div>)",
                                     context.t("processor.import_failed"), import_errors);
    body += html::format(R"(<section aria-labelledby="import-heading"><h2 id="import-heading">{}</h2><p>{}</p>{}<form method="post" action="{}/import" enctype="multipart/form-data">{}{}<button type="submit" class="button secondary">{}</button></form></section>)",
                         context.t("processor.import_heading"), context.t("processor.import_intro"), import_errors,
                         org_url(org_id), html::csrf_field(context),
                         processor::control(context, state.errors, {"csv", "processor.import_file", "", Html("<input "),
                                                                    Html(R"( type="file" name="csv" accept=".csv,text/csv,text/plain">)")}),
                         context.t("processor.import"));
    std::string title = fmt::format("{} – {}", context.t("processor.customers_title"), name);
    return html::page(context, state.status, {title, "", std::move(body), "", false});
}

http::Response show_list(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    return render_list(context, context.request.path_param("id"), {});
}

http::Response add(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto form = read_form(context);
    if (!csrf_ok(context, form_value(form, "csrf"))) return csrf_failed(context);
    std::string org_id(context.request.path_param("id"));
    auto input = customer_from_form(form);
    Result<app::CustomerRecord> added = input ? app::add_customer(context.app, *context.actor, org_id, *input)
                                                  : Result<app::CustomerRecord>(std::unexpected(input.error()));
    if (added) return http::Response::redirect(org_url(org_id));
    const auto& error = added.error();
    if (error.field.empty()) return error_page(context, error);
    return render_list(context, org_id, {http_status_for(error.code), form, {{error.field, processor::error_text(context, error)}}, {}});
}

http::Response render_edit(Context& context, const app::CustomerRecord& customer, int status, const Form& values,
                           std::vector<html::FieldError> errors) {
    Html body = html::error_summary(context, errors);
    body += html::format(R"(<p><a href="{}">{}</a></p>)", org_url(customer.org_id), context.t("processor.back_to_customers"));
    body += html::format(R"(<form method="post" action="{}/{}">{}{}<button type="submit" class="button">{}</button></form>)",
                         org_url(customer.org_id), http::percent_encode(customer.id), html::csrf_field(context),
                         customer_fields(context, values, errors), context.t("processor.save"));
    return html::page(context, status, {fmt::format("{}: {}", context.t("processor.edit_title"), customer.name), "", std::move(body), "", true});
}

http::Response show_edit(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto customer = app::get_customer(context.app, *context.actor, context.request.path_param("id"),
                                      context.request.path_param("cid"));
    if (!customer) return error_page(context, customer.error());
    return render_edit(context, *customer, 200, form_from_customer(*customer), {});
}

http::Response save(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto form = read_form(context);
    if (!csrf_ok(context, form_value(form, "csrf"))) return csrf_failed(context);
    std::string org_id(context.request.path_param("id"));
    auto customer = app::get_customer(context.app, *context.actor, org_id, context.request.path_param("cid"));
    if (!customer) return error_page(context, customer.error());
    auto input = customer_from_form(form);
    Result<app::CustomerRecord> saved = input ? app::update_customer(context.app, *context.actor, org_id, customer->id, *input)
                                                  : Result<app::CustomerRecord>(std::unexpected(input.error()));
    if (saved) return http::Response::redirect(org_url(org_id));
    if (saved.error().field.empty()) return error_page(context, saved.error());
    return render_edit(context, *customer, http_status_for(saved.error().code), form,
                       {{saved.error().field, processor::error_text(context, saved.error())}});
}

http::Response set_active(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto form = read_form(context);
    if (!csrf_ok(context, form_value(form, "csrf"))) return csrf_failed(context);
    std::string org_id(context.request.path_param("id"));
    auto changed = app::set_customer_active(context.app, *context.actor, org_id, context.request.path_param("cid"),
                                            form_value(form, "active") == "1");
    if (!changed) return error_page(context, changed.error());
    return http::Response::redirect(org_url(org_id) + (changed->active ? "" : "?show=all"));
}

http::Response import(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto parts = http::parse_multipart(context.request.header("content-type"), context.request.body);
    if (!parts) return error_page(context, Error::invalid("csv", "malformed upload"));
    std::string csrf, csv;
    for (const auto& part : *parts) {
        if (part.name == "csrf" && !part.filename) csrf = part.data;
        if (part.name == "csv") csv = part.data;
    }
    if (!csrf_ok(context, csrf)) return csrf_failed(context);
    std::string org_id(context.request.path_param("id"));
    auto imported = app::import_customers(context.app, *context.actor, org_id, csv);
    if (!imported) return error_page(context, imported.error());
    if (!imported->errors.empty()) {
        ListState state{400, {}, {}, imported->errors};
        if (imported->errors.size() == 1 && imported->errors[0].line == 0)
            state.errors.push_back({"csv", std::string(context.t("processor.error.csv"))});
        return render_list(context, org_id, state);
    }
    return http::Response::redirect(fmt::format("{}?added={}&updated={}", org_url(org_id), imported->added, imported->updated));
}

} // namespace

html::Html processor_home_links(Context& context) {
    auto orgs = context.app.organisations_of(*context.actor);
    if (!orgs) return {};
    Html out;
    for (const auto& org : *orgs)
        if (context.actor->allows(org.id, domain::Action::manage_templates) &&
            app::is_processor(context.app, *context.actor, org.id).value_or(false))
            out += html::format(R"(<li><a href="{}">{} – {}</a></li>)", org_url(org.id), context.t("processor.customers_title"),
                                org.name);
    return out;
}

void register_customer_pages(Site& site) {
    site.add("GET", "/organisations/{id}/customers", show_list);
    site.add("POST", "/organisations/{id}/customers", add);
    site.add("POST", "/organisations/{id}/customers/import", import);
    site.add("GET", "/organisations/{id}/customers/{cid}", show_edit);
    site.add("POST", "/organisations/{id}/customers/{cid}", save);
    site.add("POST", "/organisations/{id}/customers/{cid}/active", set_active);
}

} // namespace skydda::web::pages

namespace skydda::web {

void register_processor_pages(Site& site) {
    pages::register_customer_pages(site);
    pages::register_processor_notice_pages(site);
}

} // namespace skydda::web
