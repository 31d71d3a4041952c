// The case register's export (App::export_cases): every case a list's filters match, one row
// each with the columns a DPO reports from, as CSV or XLSX (doc/sheet.hpp), in Swedish or
// English. Audited once, as the export, naming every case in it.
#include <boost/json.hpp>

#include <map>

#include "app/app.hpp"
#include "app/documents/doc_labels.hpp"
#include "doc/sheet.hpp"
#include "storage/repositories.hpp"

namespace skydda::app {
namespace {

struct Column {
    std::string_view sv, en;
};
constexpr Column k_columns[] = {
    {"Diarienummer", "Case number"},
    {"Organisation", "Organisation"},
    {"Enhet", "Unit"},
    {"Rubrik", "Title"},
    {"Status", "Status"},
    {"Vad hände", "What happened"},
    {"Orsak", "Cause"},
    {"Upptäckt av", "Discovered by"},
    {"Inträffade", "Occurred"},
    {"Upptäcktes", "Discovered"},
    {"Kännedom", "Awareness"},
    {"Rapporterad", "Reported"},
    {"Registrerad", "Registered"},
    {"Handläggare", "Handler"},
    {"Risk enligt beslut", "Risk in the decision"},
    {"Anmälan till IMY", "Notification to IMY"},
    {"Anmäld till IMY", "Notified to IMY"},
    {"Timmar från kännedom till anmälan", "Hours from awareness to notification"},
    {"Berörda personer", "People affected"},
    {"Nästa tidsfrist", "Next deadline"},
};

doc::SheetCell text(std::string value) { return value.empty() ? doc::SheetCell{} : doc::SheetCell{std::move(value)}; }
doc::SheetCell when(const std::optional<Instant>& at) { return at ? doc::SheetCell{doc::SheetTime{*at}} : doc::SheetCell{}; }

} // namespace

Result<CaseExport> App::export_cases(const Actor& actor, CaseQuery query, std::string_view format,
                                     std::string_view language) {
    if (format != "csv" && format != "xlsx") return fail(Error::invalid("format", "must be csv or xlsx"));
    if (language != "sv" && language != "en") return fail(Error::invalid("lang", "must be sv or en"));
    query.limit = 500;
    query.cursor.clear();
    query.count_by_status = false;
    // Every page, counted once (on the first) and audited once (the export's entry below).
    std::vector<CaseSummary> cases;
    for (bool first = true;; first = false) {
        auto page = TRY(read_case_page(actor, query, first));
        if (first && page.total > static_cast<int64_t>(k_export_max))
            return fail(Error::invalid("limit", "matches more than " + std::to_string(k_export_max) +
                                                    " cases: narrow the filters (an organisation, a period)"));
        for (auto& item : page.items) cases.push_back(std::move(item));
        if (page.next_cursor.empty()) break;
        query.cursor = page.next_cursor;
    }
    // Names of the organisations and units the rows name, read once.
    std::map<std::string, std::string> org_names, unit_names;
    TRY_STATUS(m_database.transact(storage::TxMode::read, [&](storage::Connection& db) -> Status {
        for (const auto& item : cases) {
            const auto& incident = item.incident;
            if (!org_names.contains(incident.org_id)) {
                auto org = TRY(storage::find_organisation(db, incident.org_id));
                org_names[incident.org_id] = org ? org->name : incident.org_id;
                for (const auto& unit : TRY(storage::list_units(db, incident.org_id))) unit_names[unit.id] = unit.name;
            }
        }
        return {};
    }));
    doc::Sheet sheet;
    sheet.name = language == "en" ? "Cases" : "Ärenden";
    for (const auto& column : k_columns) sheet.header.emplace_back(language == "en" ? column.en : column.sv);
    for (const auto& [incident, duties, handler, risk] : cases) {
        const auto& f = incident.facts;
        const auto* imy = duties.find(domain::Duty::notify_authority);
        std::optional<Instant> notified = imy && imy->state == domain::DutyState::fulfilled ? imy->done_at : std::nullopt;
        doc::SheetCell hours;
        if (notified)
            hours = static_cast<int64_t>(std::chrono::duration_cast<std::chrono::hours>(*notified - duties.aware.at).count());
        const auto* next = duties.most_urgent();
        std::vector<doc::SheetCell> row{
            text(incident.case_number),
            text(org_names[incident.org_id]),
            text(f.unit_id.empty() ? std::string() : unit_names[f.unit_id]),
            text(f.title),
            text(std::string(label("status." + std::string(domain::status_name(incident.status)), language))),
            text(f.what_happened.empty() ? std::string() : code_label("what_happened", f.what_happened, language)),
            text(f.cause.empty() ? std::string() : code_label("cause", f.cause, language)),
            text(f.discovered_by.empty() ? std::string() : code_label("discovered_by", f.discovered_by, language)),
            when(f.occurred_at),
            when(f.discovered_at),
            when(duties.aware.at),
            when(incident.reported_at),
            when(incident.registered_at),
            text(handler),
            text(risk.empty() ? std::string() : std::string(label("assess.risk." + risk, language))),
            text(imy ? std::string(label("duties.state." + std::string(domain::duty_state_name(imy->state)), language))
                     : std::string()),
            when(notified),
            hours,
            f.subjects_count ? doc::SheetCell{static_cast<int64_t>(*f.subjects_count)} : doc::SheetCell{},
            next ? when(next->due) : doc::SheetCell{},
        };
        sheet.rows.push_back(std::move(row));
    }
    CaseExport out;
    out.rows = static_cast<int64_t>(sheet.rows.size());
    auto date = format_stockholm_date(m_clock.now());
    if (format == "csv") {
        out.bytes = doc::render_csv(sheet);
        out.content_type = "text/csv; charset=utf-8";
        out.filename = "arenden-" + date + ".csv";
    } else {
        out.bytes = TRY(doc::render_xlsx(sheet));
        out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        out.filename = "arenden-" + date + ".xlsx";
    }
    boost::json::object detail{{"format", format}, {"rows", out.rows}};
    boost::json::array listed;
    for (const auto& item : cases) listed.emplace_back(item.incident.id);
    detail["cases"] = std::move(listed);
    record_read(&actor, {cases_org(cases), "incident.list.export", "incident_list", {}, boost::json::serialize(detail)});
    return out;
}

} // namespace skydda::app
