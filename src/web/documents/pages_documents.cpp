// GET /cases/{id}/documents/{kind}?format=pdf|html: the documents for the browser (session
// cookie), for the download links on the case file, and those links (document_links), built as
// html::Html (web/markup.hpp).
#include <fmt/format.h>

#include "web/documents/documents.hpp"
#include "web/documents/documents_web.hpp"

namespace skydda::web {

namespace {

Result<http::Response> document_for_browser(Context& context) {
    auto query = TRY(parse_document_query(context.request, doc::Format::pdf, lang_code(context.lang)));
    if (query.format == doc::Format::json) return fail(Error::invalid("format", "must be pdf or html"));
    auto document = TRY(context.app.document(&*context.actor, context.request.path_param("id"), query.request));
    return document_response(document, query.format);
}

http::Response get_document_page(Context& context) {
    if (auto redirect = require_sign_in(context)) return *redirect;
    auto response = document_for_browser(context);
    return response ? std::move(*response) : pages::error_page(context, response.error());
}

} // namespace

html::Html document_links(const Context& context, std::string_view incident_id, app::DocumentKind kind) {
    auto base = fmt::format("/cases/{}/documents/{}", incident_id, app::document_kind_name(kind)); // escaped below
    auto language = lang_code(context.lang);
    return html::format(R"(<ul class="document-links"><li><a href="{0}?format=pdf&amp;language={1}" download>{2}</a></li>)"
                        R"(<li><a href="{0}?format=html&amp;language={1}">{3}</a></li></ul>)",
                        base, language, context.t("documents.download_pdf"), context.t("documents.open_html"));
}

void register_documents_pages(Site& site) { site.add("GET", "/cases/{id}/documents/{kind}", get_document_page); }

} // namespace skydda::web
