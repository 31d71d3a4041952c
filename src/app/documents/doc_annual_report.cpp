// The DPO's annual report (verksamhetsberättelse) of one organisation and one calendar year,
// through the document model (PDF, HTML, JSON): the year's figures as App::statistics counts
// them, the trend over the years before, what happened and why, the late notifications with
// their reasons, the recurring causes and the DPO's own assessments and recommendations, which
// the DPO writes in the product (App::save_annual_report_text). The text is the one item the
// report cannot be complete without.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include <boost/json.hpp>

#include "app/app.hpp"
#include "app/audit_support.hpp"
#include "app/case_access.hpp"
#include "app/documents/doc_labels.hpp"
#include "app/outgoing_check.hpp"
#include "storage/cases/case_statistics.hpp"
#include "storage/repositories.hpp"
#include "util/text.hpp"

namespace skydda::app {
namespace {

using doc::Field;
using storage::TxMode;
using doc::Section;
using doc::Table;

Result<Instant> year_start(int year) { return parse_stockholm_date(fmt::format("{:04}-01-01", year), "year"); }

Status check_year(int year, Instant now) {
    const int last = stockholm_year(now);
    if (year < k_annual_first_year || year > last)
        return fail(Error::invalid("year", fmt::format("must be a year from {} to {}", k_annual_first_year, last)));
    return {};
}

// The organisation must be one of the actor's, and its cases theirs to read.
Status check_reader(const Actor& actor, std::string_view org_id) {
    if (org_id.empty()) return fail(Error::invalid("org", "is required"));
    if (!actor.member_of(org_id)) return fail(Error::not_found("no such organisation"));
    if (!actor.allows(org_id, domain::Action::read_all_cases)) return fail(Error::denied());
    return {};
}

std::string annual_id(std::string_view org_id, int year) { return fmt::format("{}/{}", org_id, year); }

class AnnualReport {
public:
    AnnualReport(const CaseStatistics& stats, const std::vector<std::pair<int, int64_t>>& trend,
                 const AnnualReportText& text, int year, std::string_view language)
        : m_stats(stats), m_trend(trend), m_text(text), m_year(year), m_language(language) {}

    doc::Document build() const {
        doc::Document document;
        document.title = fmt::format(fmt::runtime(label("annual.title", m_language)), fmt::arg("year", m_year));
        document.reference = fmt::format("{}", m_year);
        document.sections.push_back(summary());
        document.sections.push_back(dpo_section());
        document.sections.push_back(trend());
        document.sections.push_back(coded("annual.what_happened", "what_happened", m_stats.by_what_happened));
        document.sections.push_back(coded("annual.cause", "cause", m_stats.by_cause));
        document.sections.push_back(coded("annual.discovered_by", "discovered_by", m_stats.by_discovered_by));
        document.sections.push_back(risk());
        document.sections.push_back(months());
        document.sections.push_back(late());
        document.sections.push_back(recurring());
        document.sections.push_back(method());
        return document;
    }

private:
    std::string text(std::string_view key) const { return std::string(label(key, m_language)); }

    static std::string share(int64_t part, int64_t whole) {
        if (whole == 0) return "–";
        return fmt::format("{} %", std::lround(100.0 * static_cast<double>(part) / static_cast<double>(whole)));
    }
    std::string count_share(int64_t part, int64_t whole) const {
        return fmt::format(fmt::runtime(text("annual.count_share")), fmt::arg("count", part),
                           fmt::arg("share", share(part, whole)));
    }
    std::string hours(const HoursFigure& figure) const {
        if (!figure.median) return "–";
        return fmt::format(fmt::runtime(text("annual.hours_value")), fmt::arg("median", fmt::format("{:.1f}", *figure.median)),
                           fmt::arg("p90", fmt::format("{:.1f}", *figure.p90)), fmt::arg("count", figure.count));
    }

    Section summary() const {
        const auto& s = m_stats;
        Section section{text("annual.summary"), {}};
        section.blocks.push_back(Field{"period", "", text("annual.period"),
                                       fmt::format(fmt::runtime(text("annual.period_value")),
                                                   fmt::arg("from", fmt::format("{}-01-01", m_year)),
                                                   fmt::arg("to", fmt::format("{}-12-31", m_year))),
                                       false});
        section.blocks.push_back(Field{"total", "", text("annual.total"), std::to_string(s.total), false});
        section.blocks.push_back(Field{"notified", "", text("annual.notified"), count_share(s.notified, s.total), false});
        section.blocks.push_back(Field{"notified_within_72h", "", text("annual.within_72h"),
                                       count_share(s.notified_within_72h, s.notified), false});
        section.blocks.push_back(Field{"hours_to_decision", "", text("annual.to_decision"), hours(s.hours_to_decision), false});
        section.blocks.push_back(
            Field{"hours_to_notification", "", text("annual.to_notification"), hours(s.hours_to_notification), false});
        section.blocks.push_back(
            Field{"subjects_told", "", text("annual.subjects_told"), count_share(s.subjects_told, s.total), false});
        return section;
    }

    Section dpo_section() const {
        Section section{text("annual.dpo"), {}};
        section.blocks.push_back(Field{"dpo_text", "", text("annual.dpo_text"), m_text.body, text::trim(m_text.body).empty()});
        if (m_text.updated_at)
            section.blocks.push_back(doc::Paragraph{fmt::format(fmt::runtime(text("annual.dpo_signed")),
                                                                fmt::arg("name", m_text.updated_by_name),
                                                                fmt::arg("at", format_stockholm_human(*m_text.updated_at)))});
        return section;
    }

    Section trend() const {
        Table table{{text("annual.col.year"), text("annual.col.count")}, {}};
        for (const auto& [year, count] : m_trend) table.rows.push_back({std::to_string(year), std::to_string(count)});
        return {text("annual.trend"), {table}};
    }

    Section coded(std::string_view heading, std::string_view group, const std::map<std::string, int64_t>& by) const {
        std::vector<std::pair<std::string, int64_t>> rows;
        for (const auto& [code, count] : by)
            rows.emplace_back(code.empty() ? text("common.not_given") : code_label(group, code, m_language), count);
        std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        Table table{{text("annual.col.category"), text("annual.col.count")}, {}};
        for (const auto& [name, count] : rows) table.rows.push_back({name, count_share(count, m_stats.total)});
        return {text(heading), {table}};
    }

    Section risk() const {
        Table table{{text("annual.col.category"), text("annual.col.count")}, {}};
        for (std::string_view code : {"high", "risk", "unlikely", ""}) {
            auto found = m_stats.by_risk.find(std::string(code));
            if (found == m_stats.by_risk.end()) continue;
            table.rows.push_back({code.empty() ? text("annual.risk_undecided") : text(std::string("risk.") + std::string(code)),
                                  count_share(found->second, m_stats.total)});
        }
        return {text("annual.risk"), {table}};
    }

    Section months() const {
        Table table{{text("annual.col.month"), text("annual.col.count")}, {}};
        for (int month = 1; month <= 12; ++month) {
            auto key = fmt::format("{:04}-{:02}", m_year, month);
            auto found = m_stats.by_month.find(key);
            table.rows.push_back({key, std::to_string(found == m_stats.by_month.end() ? 0 : found->second)});
        }
        return {text("annual.by_month"), {table}};
    }

    Section late() const {
        Section section{text("annual.late"), {}};
        if (m_stats.late_notifications.empty()) {
            section.blocks.push_back(doc::Paragraph{text("annual.none_late")});
            return section;
        }
        Table table{{text("annual.col.case"), text("annual.col.hours"), text("annual.col.reason")}, {}};
        for (const auto& item : m_stats.late_notifications)
            table.rows.push_back({item.case_number, fmt::format("{:.1f}", item.hours),
                                  item.reason.empty() ? text("annual.no_reason") : item.reason});
        section.blocks.push_back(std::move(table));
        return section;
    }

    Section recurring() const {
        Section section{text("annual.recurring"), {}};
        if (m_stats.recurring_causes.empty()) {
            section.blocks.push_back(doc::Paragraph{text("annual.none_recurring")});
            return section;
        }
        doc::List list;
        for (const auto& [cause, count] : m_stats.recurring_causes)
            list.items.push_back(fmt::format(fmt::runtime(text("annual.recurring_item")),
                                             fmt::arg("cause", code_label("cause", cause, m_language)),
                                             fmt::arg("count", count)));
        section.blocks.push_back(std::move(list));
        return section;
    }

    Section method() const {
        auto org = m_stats.org_ids.empty() ? std::string() : m_stats.org_ids.front();
        auto query = fmt::format("GET /api/v1/incidents/export?org={}&reported_from={}-01-01&reported_to={}-12-31", org,
                                 m_year, m_year);
        return {text("annual.method"),
                {doc::Paragraph{fmt::format(fmt::runtime(text("annual.method_text")), fmt::arg("export", query))}}};
    }

    const CaseStatistics& m_stats;
    const std::vector<std::pair<int, int64_t>>& m_trend;
    const AnnualReportText& m_text;
    int m_year;
    std::string_view m_language;
};

Result<AnnualReportText> read_text(storage::Connection& db, std::string_view org_id, int year, Instant now) {
    AnnualReportText out{std::string(org_id), year, {}, 0, std::nullopt, {}, {}};
    auto stored = TRY(storage::find_annual_report_text(db, org_id, year));
    if (!stored) return out;
    out.body = std::move(stored->body);
    out.version = stored->version;
    out.updated_at = stored->updated_at;
    auto user = TRY(storage::find_user(db, stored->updated_by));
    out.updated_by_name = user ? user->name : std::string();
    out.personal_data = personal_data_kinds(out.body, now);
    return out;
}

} // namespace

Result<AnnualReportText> App::annual_report_text(const Actor& actor, std::string_view org_id, int year) {
    TRY_STATUS(check_reader(actor, org_id));
    TRY_STATUS(check_year(year, m_clock.now()));
    auto text = TRY(storage::transact_value<AnnualReportText>(
        m_database, TxMode::read, [&](storage::Connection& db) { return read_text(db, org_id, year, m_clock.now()); }));
    record_read(&actor, {std::string(org_id), "report.annual.text.read", "annual_report", annual_id(org_id, year), {}});
    return text;
}

Result<AnnualReportText> App::save_annual_report_text(const Actor& actor, std::string_view org_id, int year,
                                                      std::string_view body, int64_t expected_version) {
    TRY_STATUS(check_reader(actor, org_id));
    if (!actor.allows(org_id, domain::Action::write_dpo_report)) return fail(Error::denied());
    TRY_STATUS(check_year(year, m_clock.now()));
    auto cleaned = text::normalise_newlines(body);
    TRY_STATUS(text::check_free_text("text", cleaned, k_annual_text_max));
    if (expected_version < 0) return fail(Error::invalid("version", "must be 0 or more"));
    TRY_STATUS(m_database.transact(TxMode::write, [&](storage::Connection& db) -> Status {
        auto before = TRY(storage::find_annual_report_text(db, org_id, year));
        int64_t current = before ? before->version : 0;
        if (current != expected_version)
            return fail(Error::conflict("the text was changed by someone else since you read it: read it again"));
        storage::AnnualReportText row{std::string(org_id), year, cleaned, current + 1, m_clock.now(), actor.user_id};
        if (!TRY(storage::save_annual_report_text(db, row)))
            return fail(Error::conflict("the text was changed by someone else since you read it: read it again"));
        boost::json::object after{{"year", year}, {"version", row.version}, {"text", cleaned}};
        std::string before_json;
        if (before)
            before_json = boost::json::serialize(
                boost::json::object{{"year", year}, {"version", before->version}, {"text", before->body}});
        return audit_change(db, m_clock, &actor,
                            {"report.annual.text", "annual_report", annual_id(org_id, year), std::string(org_id),
                             std::move(before_json), boost::json::serialize(after)});
    }));
    return storage::transact_value<AnnualReportText>(
        m_database, TxMode::read, [&](storage::Connection& db) { return read_text(db, org_id, year, m_clock.now()); });
}

Result<doc::Document> App::annual_report(const Actor& actor, std::string_view org_id, int year,
                                         std::string_view language) {
    TRY_STATUS(check_reader(actor, org_id));
    TRY_STATUS(check_year(year, m_clock.now()));
    if (language != "sv" && language != "en") return fail(Error::invalid("language", "must be \"sv\" or \"en\""));
    const Instant from = TRY(year_start(year)), to = TRY(year_start(year + 1));
    auto stats = TRY(tally_cases({std::string(org_id)}, from, to));
    std::vector<std::pair<int, int64_t>> trend;
    AnnualReportText text;
    doc::Document document;
    std::string organisation_name;
    TRY_STATUS(m_database.transact(TxMode::read, [&](storage::Connection& db) -> Status {
        const int first = std::max(k_annual_first_year, year - k_annual_trend_years + 1);
        for (int y = first; y <= year; ++y)
            trend.emplace_back(y, y == year ? stats.total
                                            : TRY(storage::count_reported(db, {std::string(org_id)}, TRY(year_start(y)),
                                                                          TRY(year_start(y + 1)))));
        text = TRY(read_text(db, org_id, year, m_clock.now()));
        organisation_name = TRY(organisation_of(db, org_id)).name;
        document = AnnualReport(stats, trend, text, year, language).build();
        return attach_logo(db, document, org_id);
    }));
    document.kind = "annual-report";
    document.language = std::string(language);
    document.organisation = organisation_name;
    document.generated_at = m_clock.now();
    doc::collect_missing(document);
    // The report names late cases and their reasons: a read of the register, audited.
    record_read(&actor, {std::string(org_id), "report.annual.read", "annual_report", annual_id(org_id, year),
                         boost::json::serialize(boost::json::object{{"total", stats.total}})});
    return document;
}

} // namespace skydda::app
