// The register of processing activities over the API (app/register/register.hpp):
//   POST|GET /api/v1/groups/{gid}/suppliers      GET|PATCH /api/v1/suppliers/{id}
//   GET /api/v1/suppliers/{id}/exposure   POST /api/v1/suppliers/{id}/incidents
//   POST|GET /api/v1/groups/{gid}/systems        GET|PATCH /api/v1/systems/{id}
// and, from api_activities.cpp, the processing activities.
// Bodies are read strictly: an unknown member, a bad code or a value of the wrong type is 400
// naming it ("agreement.signed_on", "recipients[1].kind"). PATCH and status changes take
// If-Match with the ETag from GET ("v3"); a stale one is 412.
#include <boost/json.hpp>
#include <fmt/format.h>

#include <charconv>
#include <span>

#include "app/register/register.hpp"
#include "domain/facts_json.hpp"
#include "web/api_json.hpp"
#include "web/register/register.hpp"
#include "web/register/register_json.hpp"

namespace skydda::web {
using namespace register_json;

namespace {

namespace json = boost::json;
namespace reg = domain::reg;

// --- reading bodies ----------------------------------------------------------------------------

Result<reg::Supplier> supplier_from(const json::object& body) {
    TRY_STATUS(only(body, "", {"name", "orgnr", "country", "role", "agreement", "sub_processors", "contact"}));
    reg::Supplier s;
    s.name = TRY(text_of(body, "name", "name"));
    s.orgnr = TRY(text_of(body, "orgnr", "orgnr"));
    s.country = TRY(text_of(body, "country", "country"));
    auto role = TRY(text_of(body, "role", "role"));
    auto parsed = reg::parse_supplier_role(role);
    if (!parsed)
        return fail(Error::invalid("role", "must be processor, sub_processor, joint_controller or independent_controller"));
    s.role = *parsed;
    if (const auto* agreement = TRY(object_of(body, "agreement"))) {
        TRY_STATUS(only(*agreement, "agreement.", {"signed_on", "reference", "expires_on"}));
        s.agreement.signed_on = TRY(text_of(*agreement, "signed_on", "agreement.signed_on"));
        s.agreement.reference = TRY(text_of(*agreement, "reference", "agreement.reference"));
        s.agreement.expires_on = TRY(text_of(*agreement, "expires_on", "agreement.expires_on"));
    }
    s.sub_processors = TRY(texts_of(body, "sub_processors"));
    s.contact = TRY(text_of(body, "contact", "contact"));
    return s;
}

json::object supplier_json(const app::App& app, const app::SupplierRecord& r) {
    const auto& s = r.supplier;
    json::array flags;
    for (const auto& flag : app::supplier_flags(app, r)) flags.emplace_back(flag);
    json::array subs;
    for (const auto& id : s.sub_processors) subs.emplace_back(id);
    return {{"id", r.id},
            {"group", r.group_id},
            {"name", s.name},
            {"orgnr", s.orgnr},
            {"country", s.country},
            {"role", reg::supplier_role_name(s.role)},
            {"agreement", json::object{{"signed_on", s.agreement.signed_on.empty() ? json::value(nullptr) : json::value(s.agreement.signed_on)},
                                       {"reference", s.agreement.reference},
                                       {"expires_on", s.agreement.expires_on.empty() ? json::value(nullptr) : json::value(s.agreement.expires_on)}}},
            {"sub_processors", std::move(subs)},
            {"contact", s.contact},
            {"flags", std::move(flags)},
            {"version", r.version},
            {"updated_at", format_stockholm(r.updated_at)}};
}

Result<reg::System> system_from(const json::object& body) {
    TRY_STATUS(only(body, "", {"name", "supplier", "owner_org", "hosting_country", "klassa"}));
    reg::System s;
    s.name = TRY(text_of(body, "name", "name"));
    s.supplier_id = TRY(text_of(body, "supplier", "supplier"));
    s.owner_org = TRY(text_of(body, "owner_org", "owner_org"));
    s.hosting_country = TRY(text_of(body, "hosting_country", "hosting_country"));
    if (const auto* klassa = TRY(object_of(body, "klassa"))) {
        TRY_STATUS(only(*klassa, "klassa.", {"k", "r", "t"}));
        s.klassa.k = TRY(level_of(*klassa, "k", "klassa.k", 0, 4));
        s.klassa.r = TRY(level_of(*klassa, "r", "klassa.r", 0, 4));
        s.klassa.t = TRY(level_of(*klassa, "t", "klassa.t", 0, 4));
    }
    return s;
}

json::object system_json(const app::SystemRecord& r) {
    const auto& s = r.system;
    auto level = [](const std::optional<int>& l) { return l ? json::value(*l) : json::value(nullptr); };
    return {{"id", r.id},
            {"group", r.group_id},
            {"name", s.name},
            {"supplier", s.supplier_id.empty() ? json::value(nullptr) : json::value(s.supplier_id)},
            {"owner_org", s.owner_org.empty() ? json::value(nullptr) : json::value(s.owner_org)},
            {"hosting_country", s.hosting_country},
            {"klassa", json::object{{"k", level(s.klassa.k)}, {"r", level(s.klassa.r)}, {"t", level(s.klassa.t)}}},
            {"version", r.version},
            {"updated_at", format_stockholm(r.updated_at)}};
}

// --- handlers ----------------------------------------------------------------------------------

Result<http::Response> post_supplier(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    auto supplier = TRY(supplier_from(body));
    auto saved = TRY(app::add_supplier(context.app, *context.actor, context.request.path_param("gid"), std::move(supplier)));
    return with_etag(json_response(201, supplier_json(context.app, saved)), saved.version);
}

Result<http::Response> list_suppliers(Context& context) {
    json::array items;
    for (const auto& s : TRY(app::list_suppliers(context.app, *context.actor, context.request.path_param("gid"))))
        items.push_back(supplier_json(context.app, s));
    return json_response(200, json::object{{"items", std::move(items)}});
}

Result<http::Response> get_supplier(Context& context) {
    auto found = TRY(app::get_supplier(context.app, *context.actor, context.request.path_param("id")));
    return with_etag(json_response(200, supplier_json(context.app, found)), found.version);
}

Result<http::Response> patch_supplier(Context& context) {
    auto id = context.request.path_param("id");
    auto current = TRY(app::get_supplier(context.app, *context.actor, id));
    auto expected = TRY(expected_version(context, current.version));
    auto patch = TRY(parse_body(context.request.body));
    // The stored supplier as the API writes it, with the patch's members over it.
    json::object merged{{"name", current.supplier.name},
                        {"orgnr", current.supplier.orgnr},
                        {"country", current.supplier.country},
                        {"role", reg::supplier_role_name(current.supplier.role)},
                        {"agreement", json::object{{"signed_on", current.supplier.agreement.signed_on},
                                                   {"reference", current.supplier.agreement.reference},
                                                   {"expires_on", current.supplier.agreement.expires_on}}},
                        {"sub_processors", string_array(current.supplier.sub_processors)},
                        {"contact", current.supplier.contact}};
    for (const auto& member : patch) merged[member.key()] = member.value();
    auto supplier = TRY(supplier_from(merged));
    auto saved = TRY(app::update_supplier(context.app, *context.actor, id, std::move(supplier), expected));
    return with_etag(json_response(200, supplier_json(context.app, saved)), saved.version);
}

Result<http::Response> get_exposure(Context& context) {
    auto exposure = TRY(app::supplier_exposure(context.app, *context.actor, context.request.path_param("id")));
    json::array organisations;
    for (const auto& org : exposure.organisations) {
        json::array activities;
        for (const auto& a : org.activities)
            activities.push_back(json::object{{"id", a.id},
                                              {"name", a.activity.name},
                                              {"status", reg::activity_status_name(a.status)},
                                              {"data", string_array(a.activity.data)},
                                              {"subject_groups", string_array(a.activity.subject_groups)}});
        organisations.push_back(json::object{{"org", org.org_id}, {"name", org.org_name}, {"processing_activities", std::move(activities)}});
    }
    json::array through, systems;
    for (const auto& s : exposure.through) through.push_back(json::object{{"id", s.id}, {"name", s.supplier.name}});
    for (const auto& s : exposure.systems) systems.push_back(json::object{{"id", s.id}, {"name", s.system.name}});
    return json_response(200, json::object{{"supplier", supplier_json(context.app, exposure.supplier)},
                                           {"through", std::move(through)},
                                           {"organisations", std::move(organisations)},
                                           {"data", string_array(exposure.data)},
                                           {"subject_groups", string_array(exposure.subject_groups)},
                                           {"systems", std::move(systems)}});
}

// POST /api/v1/suppliers/{id}/incidents: the breach's facts (as POST /api/v1/incidents takes
// them, without "org") opened in every exposed organisation the caller serves.
Result<http::Response> post_supplier_incidents(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    auto facts = TRY(domain::facts_from_json(body));
    auto incidents = TRY(app::report_supplier_breach(context.app, *context.actor, context.request.path_param("id"),
                                                     std::move(facts)));
    json::array items;
    for (const auto& incident : incidents) items.push_back(incident_json(incident, TRY(context.app.case_duties(incident))));
    return json_response(201, json::object{{"incidents", std::move(items)}});
}

Result<http::Response> post_system(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    auto system = TRY(system_from(body));
    auto saved = TRY(app::add_system(context.app, *context.actor, context.request.path_param("gid"), std::move(system)));
    return with_etag(json_response(201, system_json(saved)), saved.version);
}

Result<http::Response> list_systems(Context& context) {
    json::array items;
    for (const auto& s : TRY(app::list_systems(context.app, *context.actor, context.request.path_param("gid"))))
        items.push_back(system_json(s));
    return json_response(200, json::object{{"items", std::move(items)}});
}

Result<http::Response> get_system(Context& context) {
    auto found = TRY(app::get_system(context.app, *context.actor, context.request.path_param("id")));
    return with_etag(json_response(200, system_json(found)), found.version);
}

Result<http::Response> patch_system(Context& context) {
    auto id = context.request.path_param("id");
    auto current = TRY(app::get_system(context.app, *context.actor, id));
    auto expected = TRY(expected_version(context, current.version));
    auto patch = TRY(parse_body(context.request.body));
    auto merged = system_json(current);
    for (auto key : {"id", "group", "version", "updated_at"}) merged.erase(key);
    for (const auto& member : patch) merged[member.key()] = member.value();
    auto system = TRY(system_from(merged));
    auto saved = TRY(app::update_system(context.app, *context.actor, id, std::move(system), expected));
    return with_etag(json_response(200, system_json(saved)), saved.version);
}

} // namespace

void register_processing_register_api(Site& site) {
    site.add("POST", "/api/v1/groups/{gid}/suppliers", api_handler(post_supplier));
    site.add("GET", "/api/v1/groups/{gid}/suppliers", api_handler(list_suppliers));
    site.add("GET", "/api/v1/suppliers/{id}", api_handler(get_supplier));
    site.add("PATCH", "/api/v1/suppliers/{id}", api_handler(patch_supplier));
    site.add("GET", "/api/v1/suppliers/{id}/exposure", api_handler(get_exposure));
    site.add("POST", "/api/v1/suppliers/{id}/incidents", api_handler(post_supplier_incidents));
    site.add("POST", "/api/v1/groups/{gid}/systems", api_handler(post_system));
    site.add("GET", "/api/v1/groups/{gid}/systems", api_handler(list_systems));
    site.add("GET", "/api/v1/systems/{id}", api_handler(get_system));
    site.add("PATCH", "/api/v1/systems/{id}", api_handler(patch_system));
    register_activity_api(site);
}

} // namespace skydda::web
