// The organisation's logo at a stable address, /organisations/{id}/logo, for its members only
// (anyone else, and anyone not signed in, gets 404, as for anything they may not see). The
// page header links it with ?v=<digest>, so a browser may keep it: Cache-Control private (never
// a shared cache), a day, revalidated by its ETag. Site::handle leaves this header as it is.
#include <fmt/format.h>

#include <algorithm>

#include "http/http.hpp"
#include "web/accounts/accounts.hpp"
#include "web/html.hpp"
#include "web/site.hpp"

namespace skydda::web {

namespace {

http::Response not_found() { return http::Response::text(404, "not found\n"); }

http::Response show_logo(Context& context) {
    if (!context.actor) return not_found();
    auto logo = context.app.organisation_logo(*context.actor, context.request.path_param("id"));
    if (!logo) return not_found();
    auto etag = fmt::format("\"{}\"", logo->digest);
    if (context.request.header("if-none-match") == etag) {
        http::Response unchanged;
        unchanged.status = 304;
        unchanged.set_header("ETag", etag);
        unchanged.set_header("Cache-Control", std::string(k_logo_cache_control));
        return unchanged;
    }
    auto response = http::Response::text(200, std::move(logo->data), logo->content_type);
    response.set_header("ETag", etag);
    response.set_header("Cache-Control", std::string(k_logo_cache_control));
    return response;
}

} // namespace

bool is_logo_path(std::string_view path) {
    return path.starts_with("/organisations/") && path.ends_with("/logo") &&
           path.find('/', std::string_view("/organisations/").size()) == path.size() - 5;
}

void register_logo_pages(Site& site) { site.add("GET", "/organisations/{id}/logo", show_logo); }

namespace html {

Html organisation_logo(const Context& context, std::string_view org_id) {
    if (!context.actor || org_id.empty()) return {};
    auto logo = context.app.organisation_logo_info(*context.actor, org_id);
    if (!logo || !*logo) return {};
    // Shown 32 px high in the header; the width keeps the image's proportions (at most 160 px).
    constexpr int64_t k_height = 32, k_max_width = 160;
    int64_t width = std::max<int64_t>(1, (*logo)->width * k_height / std::max<int64_t>(1, (*logo)->height));
    int64_t height = k_height;
    if (width > k_max_width) {
        height = std::max<int64_t>(1, (*logo)->height * k_max_width / std::max<int64_t>(1, (*logo)->width));
        width = k_max_width;
    }
    return format(R"(<img class="org-logo" src="/organisations/{}/logo?v={}" alt="{}" width="{}" height="{}">)",
                  http::percent_encode(org_id), (*logo)->digest, (*logo)->org_name, width, height);
}

} // namespace html

} // namespace skydda::web
