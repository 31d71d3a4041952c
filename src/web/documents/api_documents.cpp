// GET /api/v1/incidents/{id}/documents/{kind}?format=pdf|html|json&language=sv|en&phase=N&recipient=ID
// and the helpers both delivery routes share (documents_web.hpp).
#include <fmt/format.h>

#include <charconv>

#include "web/api_json.hpp"
#include "web/documents/documents.hpp"
#include "web/documents/documents_web.hpp"

namespace skydda::web {

namespace {

Result<int> parse_phase(const std::optional<std::string>& text) {
    if (!text || text->empty()) return 0;
    int phase = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), phase);
    if (ec != std::errc() || end != text->data() + text->size() || phase < 0)
        return fail(Error::invalid("phase", "must be a whole number, 0 or more"));
    return phase;
}

Result<http::Response> get_document(Context& context) {
    auto query = TRY(parse_document_query(context.request, doc::Format::json, "sv"));
    auto document = TRY(context.app.document(&*context.actor, context.request.path_param("id"), query.request));
    return document_response(document, query.format);
}

} // namespace

Result<DocumentQuery> parse_document_query(const http::Request& request, doc::Format default_format,
                                           std::string_view default_language) {
    DocumentQuery query;
    auto kind = app::parse_document_kind(request.path_param("kind"));
    if (!kind)
        return fail(Error::invalid("kind", "must be imy-notification, imy-supplement, subject-letter, "
                                           "processor-notice or internal-report"));
    query.request.kind = *kind;
    if (auto format = request.query_param("format")) {
        auto parsed = doc::parse_format(*format);
        if (!parsed) return fail(Error::invalid("format", "must be pdf, html or json"));
        query.format = *parsed;
    } else {
        query.format = default_format;
    }
    query.request.language = request.query_param("language").value_or(std::string(default_language));
    if (query.request.language != "sv" && query.request.language != "en")
        return fail(Error::invalid("language", "must be sv or en"));
    query.request.phase = TRY(parse_phase(request.query_param("phase")));
    query.request.recipient_id = request.query_param("recipient").value_or("");
    return query;
}

std::string document_filename(const doc::Document& document, doc::Format format) {
    auto name = fmt::format("{}-{}.{}", document.reference, document.kind, doc::format_name(format));
    for (char& c : name) {
        bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
        if (!safe) c = '-';
    }
    return name;
}

Result<http::Response> document_response(const doc::Document& document, doc::Format format) {
    http::Response response;
    response.status = 200;
    response.body = TRY(doc::render(document, format));
    response.set_header("Content-Type", std::string(doc::content_type(format)));
    // Documents hold personal data: never kept by caches along the way.
    response.set_header("Cache-Control", "no-store");
    if (format == doc::Format::pdf)
        response.set_header("Content-Disposition",
                            fmt::format("attachment; filename=\"{}\"", document_filename(document, format)));
    if (format == doc::Format::html)
        // The page has its own inline stylesheet and nothing else: no scripts, images or frames.
        response.set_header("Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox");
    return response;
}

void register_documents_api(Site& site) {
    site.add("GET", "/api/v1/incidents/{id}/documents/{kind}", api_handler(get_document));
}

} // namespace skydda::web
