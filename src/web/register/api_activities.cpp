// The register's processing activities over the API (app/register/register.hpp):
//   POST|GET /api/v1/organisations/{org}/processing-activities
//   GET|PATCH /api/v1/processing-activities/{id}, POST .../status {"status"}, GET .../versions
//   GET /api/v1/organisations/{org}/register?format=json|pdf|html|csv|xlsx&language=sv|en
// An activity answers with its art. 30 items, "status", "version", "missing" (the items still
// empty) and "problems"; PATCH applies the members given over the stored ones.
#include <boost/json.hpp>
#include <fmt/format.h>

#include "app/register/register.hpp"
#include "web/api_json.hpp"
#include "web/register/register.hpp"
#include "web/register/register_json.hpp"

namespace skydda::web {
using namespace register_json;

namespace {

namespace json = boost::json;
namespace reg = domain::reg;

constexpr std::string_view k_activity_members[] = {
    "name",       "purposes",  "legal_bases", "balancing_test", "special_category_bases", "criminal_data_basis",
    "subject_groups", "data",  "sources",     "recipients",     "systems",                "suppliers",
    "transfers",  "retention", "security_measures", "responsible_unit", "owner", "review_interval_months",
    "on_behalf_of"};

// The activity with the members of `body` applied over `base` (a PATCH), or a new one (POST).
Result<reg::Activity> activity_from(const json::object& body, reg::Activity a) {
    TRY_STATUS(only(body, "", k_activity_members));
    auto has = [&](std::string_view key) { return body.contains(key); };
    if (has("name")) a.name = TRY(text_of(body, "name", "name"));
    if (has("purposes")) a.purposes = TRY(texts_of(body, "purposes"));
    if (has("legal_bases")) a.legal_bases = TRY(texts_of(body, "legal_bases"));
    if (has("balancing_test")) a.balancing_test = TRY(text_of(body, "balancing_test", "balancing_test"));
    if (has("special_category_bases")) a.special_category_bases = TRY(texts_of(body, "special_category_bases"));
    if (has("criminal_data_basis")) a.criminal_data_basis = TRY(text_of(body, "criminal_data_basis", "criminal_data_basis"));
    if (has("subject_groups")) a.subject_groups = TRY(texts_of(body, "subject_groups"));
    if (has("data")) a.data = TRY(texts_of(body, "data"));
    if (has("sources")) a.sources = TRY(text_of(body, "sources", "sources"));
    if (has("recipients")) {
        a.recipients.clear();
        const auto& value = body.at("recipients");
        if (!value.is_array()) return fail(Error::invalid("recipients", "must be an array of objects"));
        for (size_t i = 0; i < value.as_array().size(); ++i) {
            const auto field = fmt::format("recipients[{}]", i);
            const auto& item = value.as_array()[i];
            if (!item.is_object()) return fail(Error::invalid(field, "must be an object"));
            const auto& o = item.as_object();
            TRY_STATUS(only(o, field + ".", {"name", "kind", "country"}));
            reg::Recipient r;
            r.name = TRY(text_of(o, "name", field + ".name"));
            auto kind = reg::parse_recipient_kind(TRY(text_of(o, "kind", field + ".kind")));
            if (!kind) return fail(Error::invalid(field + ".kind", "must be internal, authority, processor or third_party"));
            r.kind = *kind;
            r.country = TRY(text_of(o, "country", field + ".country"));
            a.recipients.push_back(std::move(r));
        }
    }
    if (has("systems")) a.systems = TRY(texts_of(body, "systems"));
    if (has("suppliers")) a.suppliers = TRY(texts_of(body, "suppliers"));
    if (has("transfers")) {
        a.transfers.clear();
        const auto& value = body.at("transfers");
        if (!value.is_array()) return fail(Error::invalid("transfers", "must be an array of objects"));
        for (size_t i = 0; i < value.as_array().size(); ++i) {
            const auto field = fmt::format("transfers[{}]", i);
            const auto& item = value.as_array()[i];
            if (!item.is_object()) return fail(Error::invalid(field, "must be an object"));
            const auto& o = item.as_object();
            TRY_STATUS(only(o, field + ".", {"country", "mechanism", "supplier"}));
            reg::Transfer t;
            t.country = TRY(text_of(o, "country", field + ".country"));
            auto mechanism = TRY(text_of(o, "mechanism", field + ".mechanism"));
            if (!mechanism.empty()) {
                t.mechanism = reg::parse_transfer_mechanism(mechanism);
                if (!t.mechanism) return fail(Error::invalid(field + ".mechanism", "must be adequacy, scc, bcr or derogation"));
            }
            t.supplier_id = TRY(text_of(o, "supplier", field + ".supplier"));
            a.transfers.push_back(std::move(t));
        }
    }
    if (has("retention")) a.retention = TRY(text_of(body, "retention", "retention"));
    if (has("security_measures")) a.security_measures = TRY(text_of(body, "security_measures", "security_measures"));
    if (has("responsible_unit")) a.responsible_unit = TRY(text_of(body, "responsible_unit", "responsible_unit"));
    if (has("owner")) a.owner = TRY(text_of(body, "owner", "owner"));
    if (has("review_interval_months")) a.review_interval_months = TRY(level_of(body, "review_interval_months", "review_interval_months", 1, 60));
    if (has("on_behalf_of")) a.on_behalf_of = TRY(texts_of(body, "on_behalf_of"));
    return a;
}

json::object activity_out(const app::ActivityRecord& r) {
    auto out = json::parse(app::activity_json(r.activity)).as_object();
    out["id"] = r.id;
    out["org"] = r.org_id;
    out["status"] = reg::activity_status_name(r.status);
    out["version"] = r.version;
    out["missing"] = string_array(reg::missing_items(r.activity));
    out["problems"] = string_array(reg::activity_problems(r.activity));
    out["updated_at"] = format_stockholm(r.updated_at);
    return out;
}

Result<http::Response> post_activity(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    auto activity = TRY(activity_from(body, {}));
    auto saved = TRY(app::add_activity(context.app, *context.actor, context.request.path_param("org"), std::move(activity)));
    return with_etag(json_response(201, activity_out(saved)), saved.version);
}

Result<http::Response> list_activities(Context& context) {
    json::array items;
    for (const auto& a : TRY(app::list_activities(context.app, *context.actor, context.request.path_param("org"))))
        items.push_back(activity_out(a));
    return json_response(200, json::object{{"items", std::move(items)}});
}

Result<http::Response> get_activity(Context& context) {
    auto found = TRY(app::get_activity(context.app, *context.actor, context.request.path_param("id")));
    return with_etag(json_response(200, activity_out(found)), found.version);
}

Result<http::Response> patch_activity(Context& context) {
    auto id = context.request.path_param("id");
    auto current = TRY(app::get_activity(context.app, *context.actor, id));
    auto expected = TRY(expected_version(context, current.version));
    auto patch = TRY(parse_body(context.request.body));
    auto activity = TRY(activity_from(patch, current.activity));
    auto saved = TRY(app::update_activity(context.app, *context.actor, id, std::move(activity), expected));
    return with_etag(json_response(200, activity_out(saved)), saved.version);
}

Result<http::Response> post_activity_status(Context& context) {
    auto id = context.request.path_param("id");
    auto body = TRY(parse_body(context.request.body));
    TRY_STATUS(only(body, "", {"status"}));
    auto status = reg::parse_activity_status(TRY(text_of(body, "status", "status")));
    if (!status) return fail(Error::invalid("status", "must be draft, approved or archived"));
    auto current = TRY(app::get_activity(context.app, *context.actor, id));
    auto expected = TRY(expected_version(context, current.version));
    auto saved = TRY(app::set_activity_status(context.app, *context.actor, id, *status, expected));
    return with_etag(json_response(200, activity_out(saved)), saved.version);
}

Result<http::Response> get_activity_versions(Context& context) {
    json::array items;
    for (const auto& v : TRY(app::activity_history(context.app, *context.actor, context.request.path_param("id")))) {
        auto body = json::parse(app::activity_json(v.activity)).as_object();
        items.push_back(json::object{{"version", v.version},
                                     {"status", reg::activity_status_name(v.status)},
                                     {"changed_at", format_stockholm(v.changed_at)},
                                     {"activity", std::move(body)}});
    }
    return json_response(200, json::object{{"items", std::move(items)}});
}

// GET /api/v1/organisations/{org}/register?format=json|pdf|html|csv|xlsx&language=sv|en
Result<http::Response> get_register(Context& context) {
    std::string format = "json", language = "sv";
    for (const auto& [name, value] : context.request.query) {
        if (name == "format") format = value;
        else if (name == "language") language = value;
        else return fail(Error::invalid(name, "is not a parameter of the register"));
    }
    auto exported = TRY(app::export_register(context.app, *context.actor, context.request.path_param("org"), format, language));
    http::Response response;
    response.status = 200;
    response.body = std::move(exported.bytes);
    response.set_header("Content-Type", exported.content_type);
    response.set_header("Cache-Control", "no-store");
    if (format == "html")
        response.set_header("Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox");
    else if (format != "json")
        response.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", exported.filename));
    return response;
}

} // namespace

void register_activity_api(Site& site) {
    site.add("GET", "/api/v1/organisations/{org}/register", api_handler(get_register));
    site.add("POST", "/api/v1/organisations/{org}/processing-activities", api_handler(post_activity));
    site.add("GET", "/api/v1/organisations/{org}/processing-activities", api_handler(list_activities));
    site.add("GET", "/api/v1/processing-activities/{id}", api_handler(get_activity));
    site.add("PATCH", "/api/v1/processing-activities/{id}", api_handler(patch_activity));
    site.add("POST", "/api/v1/processing-activities/{id}/status", api_handler(post_activity_status));
    site.add("GET", "/api/v1/processing-activities/{id}/versions", api_handler(get_activity_versions));
}

} // namespace skydda::web
