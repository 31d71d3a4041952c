// Internal to web/documents/: delivering documents over HTTP, shared by the JSON API
// (api_documents.cpp) and the browser route (pages_documents.cpp): reading the request's choice
// of kind, format, language, phase and recipient, and answering with the rendered document.
#pragma once
#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "app/documents/documents.hpp"
#include "doc/document.hpp"
#include "web/markup.hpp"
#include "web/site.hpp"

namespace skydda::web {

struct DocumentQuery {
    app::DocumentRequest request;
    doc::Format format = doc::Format::pdf;
};

// The {kind} path parameter and the query's format, language, phase and recipient; an error
// names the field at fault ("kind", "format", "language", "phase").
Result<DocumentQuery> parse_document_query(const http::Request& request, doc::Format default_format,
                                           std::string_view default_language);
// PDF as a download named "<case number>-<kind>.pdf", HTML as a page, JSON with its "missing".
Result<http::Response> document_response(const doc::Document& document, doc::Format format);
// "<case number>-<kind>.<format>" with anything but letters, digits, '.', '_' and '-' replaced.
std::string document_filename(const doc::Document& document, doc::Format format);
// The annual report's year from a query or form ("2026"); else invalid_argument naming "year".
Result<int> parse_year(std::string_view text);
// The DPO's text as the API answers it: {"org", "year", "text", "version", "updated_at",
// "updated_by", "personal_data": [kinds]}.
boost::json::object annual_text_json(const app::AnnualReportText& text);
// Download links (PDF, HTML) for one kind of document on a case, for the case file's sections.
html::Html document_links(const Context& context, std::string_view incident_id, app::DocumentKind kind);

} // namespace skydda::web
