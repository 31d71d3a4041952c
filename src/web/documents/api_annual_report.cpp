// The DPO's annual report over the API (App::annual_report, app/documents/doc_annual_report.cpp):
//   GET /api/v1/reports/annual?org=ID&year=YYYY&format=pdf|html|json&language=sv|en
//   GET /api/v1/reports/annual/text?org=ID&year=YYYY
//   PUT /api/v1/reports/annual/text {"org", "year", "text", "version"}
// and the parsing of the year both routes and the page share (documents_web.hpp).
#include <boost/json.hpp>

#include <charconv>

#include "web/api_json.hpp"
#include "web/documents/documents.hpp"
#include "web/documents/documents_web.hpp"

namespace skydda::web {

namespace json = boost::json;

Result<int> parse_year(std::string_view text) {
    int year = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (text.size() != 4 || ec != std::errc() || end != text.data() + text.size())
        return fail(Error::invalid("year", "must be a year (2026)"));
    return year;
}

json::object annual_text_json(const app::AnnualReportText& text) {
    json::array kinds;
    for (const auto& kind : text.personal_data) kinds.emplace_back(kind);
    return {{"org", text.org_id},
            {"year", text.year},
            {"text", text.body},
            {"version", text.version},
            {"updated_at", text.updated_at ? json::value(format_stockholm(*text.updated_at)) : json::value(nullptr)},
            {"updated_by", text.updated_by_name.empty() ? json::value(nullptr) : json::value(text.updated_by_name)},
            {"personal_data", std::move(kinds)}};
}

namespace {

struct AnnualQuery {
    std::string org;
    int year = 0;
    doc::Format format = doc::Format::json;
    std::string language = "sv";
};

Result<AnnualQuery> annual_query(const http::Request& request, bool document) {
    AnnualQuery query;
    bool has_year = false;
    for (const auto& [name, value] : request.query) {
        if (name == "org") query.org = value;
        else if (name == "year") {
            query.year = TRY(parse_year(value));
            has_year = true;
        } else if (document && name == "format") {
            auto format = doc::parse_format(value);
            if (!format) return fail(Error::invalid("format", "must be pdf, html or json"));
            query.format = *format;
        } else if (document && name == "language") {
            if (value != "sv" && value != "en") return fail(Error::invalid("language", "must be \"sv\" or \"en\""));
            query.language = value;
        } else return fail(Error::invalid(name, "is not a parameter of the annual report"));
    }
    if (query.org.empty()) return fail(Error::invalid("org", "is required"));
    if (!has_year) return fail(Error::invalid("year", "is required"));
    return query;
}

Result<http::Response> get_annual_report(Context& context) {
    auto query = TRY(annual_query(context.request, true));
    auto document = TRY(context.app.annual_report(*context.actor, query.org, query.year, query.language));
    return document_response(document, query.format);
}

Result<http::Response> get_annual_text(Context& context) {
    auto query = TRY(annual_query(context.request, false));
    auto text = TRY(context.app.annual_report_text(*context.actor, query.org, query.year));
    auto response = json_response(200, annual_text_json(text));
    response.set_header("Cache-Control", "no-store");
    return response;
}

Result<http::Response> put_annual_text(Context& context) {
    auto body = TRY(parse_body(context.request.body));
    TRY_STATUS(only_fields(body, {"org", "year", "text", "version"}));
    auto org = TRY(string_field(body, "org", true));
    const auto* year = body.if_contains("year");
    if (!year || !year->is_int64()) return fail(Error::invalid("year", "must be a year (2026)"));
    auto text = TRY(string_field(body, "text", true));
    int64_t version = 0;
    if (const auto* given = body.if_contains("version")) {
        if (!given->is_int64()) return fail(Error::invalid("version", "must be the version you read (0 for none)"));
        version = given->as_int64();
    }
    if (year->as_int64() < 1000 || year->as_int64() > 9999) return fail(Error::invalid("year", "must be a year (2026)"));
    auto saved = TRY(context.app.save_annual_report_text(*context.actor, org, static_cast<int>(year->as_int64()), text,
                                                         version));
    return json_response(200, annual_text_json(saved));
}

} // namespace

void register_annual_report_api(Site& site) {
    site.add("GET", "/api/v1/reports/annual", api_handler(get_annual_report));
    site.add("GET", "/api/v1/reports/annual/text", api_handler(get_annual_text));
    site.add("PUT", "/api/v1/reports/annual/text", api_handler(put_annual_text));
}

} // namespace skydda::web
