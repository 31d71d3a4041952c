#include "storage/cases/duty_repository.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <unordered_map>

#include "domain/reminders.hpp"
#include "storage/cases/case_search.hpp"
#include "storage/repositories.hpp"

namespace skydda::storage {
namespace {

namespace json = boost::json;

constexpr size_t k_batch = 200; // ids per IN (...) list

std::string placeholders(size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += i ? ",?" : "?";
    return out;
}

// Runs `sql` (with one "{ids}" for the IN list) over the ids in batches, calling `row` for each.
template <typename F>
Status each_row(Connection& db, std::string_view sql, const std::vector<std::string>& ids, F&& row) {
    for (size_t start = 0; start < ids.size(); start += k_batch) {
        size_t n = std::min(k_batch, ids.size() - start);
        std::string text(sql);
        text.replace(text.find("{ids}"), 5, placeholders(n));
        std::vector<Value> params(ids.begin() + static_cast<std::ptrdiff_t>(start),
                                  ids.begin() + static_cast<std::ptrdiff_t>(start + n));
        auto rows = TRY(db.query(text, params));
        for (const auto& r : rows) row(r);
    }
    return {};
}

// What the latest assessment's input says about the organisation's role and the regimes.
void read_input(const std::string& text, domain::DutyFacts& f) {
    boost::system::error_code ec;
    auto value = json::parse(text, ec);
    if (ec || !value.is_object()) return;
    const auto& in = value.get_object();
    auto flag = [&](std::string_view key) {
        const auto* v = in.if_contains(key);
        return v && v->is_bool() && v->get_bool();
    };
    const auto* role = in.if_contains("role");
    f.processor = role && role->is_string() && role->get_string() == "processor";
    if (const auto* hours = in.if_contains("controller_notice_hours"); hours && hours->is_int64())
        f.controller_notice_hours = static_cast<int>(hours->get_int64());
    f.nis2 = flag("nis2_entity") && flag("significant_incident");
    f.dora = flag("dora_entity") && flag("major_ict_incident");
    if (const auto* at = in.if_contains("classified_at"); at && at->is_string())
        if (auto parsed = parse_rfc3339(std::string_view(at->get_string()), "classified_at")) f.dora_classified_at = *parsed;
}

} // namespace

Result<std::vector<std::string>> incidents_needing_reminders(Connection& db, Instant now, std::chrono::hours horizon) {
    std::vector<std::string> ids;
    // The clock never starts later than the report, so a report within the last 72 hours (and
    // the weeks of overdue reminders after them) covers every period that may remind.
    auto running = TRY(db.query("SELECT id FROM incidents WHERE status <> 'not_a_breach' AND reported_at > ?",
                                {format_utc(now - domain::k_authority_period -
                                            std::chrono::hours(24 * domain::k_authority_overdue_days))}));
    for (const auto& row : running) ids.push_back(row.text(0));
    auto promised = TRY(db.query(
        "SELECT DISTINCT n.incident_id FROM notifications n WHERE n.recipient = 'imy' AND n.supplement_promised = 1 "
        "AND n.supplement_due_at > ? AND n.supplement_due_at <= ? AND NOT EXISTS (SELECT 1 FROM notifications m "
        "WHERE m.incident_id = n.incident_id AND m.recipient = 'imy' AND m.phase > n.phase)",
        // Also those past due: the overdue reminders (domain/reminders.hpp) run for some weeks.
        {format_utc(now - std::chrono::hours(7 * 24 * domain::k_supplement_overdue_weeks)),
         format_utc(now + horizon)}));
    for (const auto& row : promised)
        if (std::find(ids.begin(), ids.end(), row.text(0)) == ids.end()) ids.push_back(row.text(0));
    return ids;
}

Result<std::vector<domain::DutyFacts>> duty_facts(Connection& db, std::span<const domain::Incident> incidents) {
    std::vector<domain::DutyFacts> out(incidents.size());
    std::unordered_map<std::string, size_t> index;
    std::vector<std::string> ids;
    for (size_t i = 0; i < incidents.size(); ++i) {
        const auto& incident = incidents[i];
        auto& f = out[i];
        f.incident_id = incident.id;
        f.status = incident.status;
        f.aware = domain::awareness_of(incident);
        f.updated_at = incident.updated_at;
        if (index.emplace(incident.id, i).second) ids.push_back(incident.id);
    }
    if (ids.empty()) return out;
    auto at = [&](const Row& r) -> domain::DutyFacts& { return out[index.at(r.text(0))]; };

    // The latest assessment's input (highest version) and the latest decision.
    std::unordered_map<std::string, int64_t> versions;
    TRY_STATUS(each_row(db, "SELECT incident_id, version, input_json FROM assessments WHERE incident_id IN ({ids})", ids,
                        [&](const Row& r) {
                            auto& best = versions[r.text(0)];
                            if (r.integer(1) <= best) return;
                            best = r.integer(1);
                            read_input(r.text(2), at(r));
                        }));
    TRY_STATUS(each_row(db,
                        "SELECT incident_id, notify_authority, notify_subjects, decided_at, risk FROM assessment_decisions "
                        "WHERE incident_id IN ({ids}) ORDER BY decided_at, id",
                        ids, [&](const Row& r) {
                            at(r).decision =
                                domain::DecisionFacts{r.integer(1) != 0, r.integer(2) != 0, r.time(3), r.text(4)};
                        }));
    // IMY: the notification (phase 0) and every promised supplement with the phase after it.
    struct Phase {
        int64_t phase;
        Instant submitted;
        bool promised;
        std::optional<Instant> due;
    };
    std::unordered_map<std::string, std::vector<Phase>> phases;
    TRY_STATUS(each_row(db,
                        "SELECT incident_id, recipient, phase, submitted_at, supplement_promised, supplement_due_at "
                        "FROM notifications WHERE incident_id IN ({ids}) ORDER BY phase",
                        ids, [&](const Row& r) {
                            auto recipient = r.text(1);
                            if (recipient == "imy") {
                                phases[r.text(0)].push_back(
                                    {r.integer(2), r.time(3), r.integer(4) != 0, r.optional_time(5)});
                                return;
                            }
                            auto& f = at(r);
                            auto first = [&](std::optional<Instant>& slot) {
                                if (!slot) slot = r.time(3);
                            };
                            if (recipient == "subjects") first(f.subjects_notified_at);
                            else if (recipient == "public") first(f.public_notified_at);
                            else if (recipient == "controller") first(f.controller_recorded_at);
                            else if (recipient == "nis2" || recipient == "dora") {
                                auto& reports = recipient == "nis2" ? f.nis2_reports : f.dora_reports;
                                auto phase = static_cast<size_t>(std::max<int64_t>(0, r.integer(2)));
                                if (phase < 16) {
                                    if (reports.size() <= phase) reports.resize(phase + 1);
                                    reports[phase] = r.time(3);
                                }
                            }
                        }));
    for (auto& [id, list] : phases) {
        auto& f = out[index.at(id)];
        for (const auto& p : list) {
            if (p.phase == 0) f.authority_notified_at = p.submitted;
            if (!p.promised || !p.due) continue;
            domain::PromisedSupplement s{p.phase, *p.due, false, std::nullopt};
            for (const auto& later : list)
                if (later.phase > p.phase) {
                    s.later_phase_recorded = true;
                    s.recorded_at = later.submitted;
                    break;
                }
            f.supplements.push_back(s);
        }
    }
    // The people: recipients informed, the latest exemption.
    TRY_STATUS(each_row(db,
                        "SELECT incident_id, COUNT(*), COUNT(informed_at), MAX(informed_at) FROM letter_recipients "
                        "WHERE incident_id IN ({ids}) GROUP BY incident_id",
                        ids, [&](const Row& r) {
                            auto& f = at(r);
                            f.recipients = r.integer(1);
                            f.recipients_informed = r.integer(2);
                            f.recipients_informed_at = r.optional_time(3);
                        }));
    TRY_STATUS(each_row(db,
                        "SELECT incident_id, ground, recorded_at, published_at FROM letter_exemptions WHERE "
                        "incident_id IN ({ids}) ORDER BY recorded_at, id",
                        ids, [&](const Row& r) {
                            auto& f = at(r);
                            f.exemption_ground = r.text(1);
                            f.exemption_at = r.time(2);
                            f.public_communication_at = r.optional_time(3);
                        }));
    // The controllers (the organisation as processor).
    TRY_STATUS(each_row(db,
                        "SELECT incident_id, COUNT(*), COUNT(sent_at), MAX(sent_at) FROM processor_notices WHERE "
                        "incident_id IN ({ids}) GROUP BY incident_id",
                        ids, [&](const Row& r) {
                            auto& f = at(r);
                            f.controller_notices = r.integer(1);
                            f.controller_notices_sent = r.integer(2);
                            f.controller_notified_at = r.optional_time(3);
                        }));
    return out;
}

Result<domain::DutyFacts> duty_facts(Connection& db, const domain::Incident& incident) {
    auto all = TRY(duty_facts(db, std::span<const domain::Incident>(&incident, 1)));
    return std::move(all.front());
}

namespace {

// The case's place in the urgency order and the columns the lists filter on (its search entry
// follows its text: storage/cases/case_search.hpp, index_case).
Status store_case_order(Connection& db, const domain::Incident& incident, const domain::DutyFacts& facts) {
    auto duties = domain::case_duties(facts, facts.updated_at);
    const auto* next = duties.most_urgent();
    int64_t rank = !next ? 2 : next->due ? 0 : 1;
    // "" rather than NULL without a due time: the lists' ORDER BY walks an index of these plain
    // columns (migration 16) and compares keys, which NULL would defeat.
    Value due = next && next->due ? Value(format_utc(*next->due)) : Value(std::string());
    Value risk = facts.decision ? text_or_null(facts.decision->risk) : Value(nullptr);
    std::optional<Instant> decided = facts.decision ? std::optional<Instant>(facts.decision->decided_at) : std::nullopt;
    // The people told: each notified, or a public communication instead (GDPR art. 34).
    std::optional<Instant> told;
    for (auto duty : {domain::Duty::notify_subjects, domain::Duty::public_communication})
        if (const auto* d = duties.find(duty); d && d->state == domain::DutyState::fulfilled && d->done_at)
            if (!told || *d->done_at < *told) told = d->done_at;
    TRY(db.execute("UPDATE incidents SET due_rank = ?, due_at = ?, due_decided = ?, unit_id = ?, what_happened = ?, "
                   "cause = ?, risk = ?, notified_at = ?, discovered_by = ?, decided_at = ?, subjects_told_at = ?, "
                   "clock_at = ? WHERE id = ?",
                   {rank, due, static_cast<int64_t>(next && next->decided), text_or_null(incident.facts.unit_id),
                    text_or_null(incident.facts.what_happened), text_or_null(incident.facts.cause), risk,
                    time_or_null(facts.authority_notified_at), text_or_null(incident.facts.discovered_by),
                    time_or_null(decided), time_or_null(told), format_utc(facts.aware.at), facts.incident_id}));
    return {};
}

} // namespace

Status refresh_due_order(Connection& db, std::string_view incident_id) {
    auto incident = TRY(find_incident(db, incident_id));
    if (!incident) return {};
    auto facts = TRY(duty_facts(db, *incident));
    return store_case_order(db, *incident, facts);
}

Result<int64_t> refresh_missing_due_orders(Connection& db) {
    // Every start migrates, so first a check that costs two index counts instead of a probe per
    // case: nothing to do when no case lacks its order and every case has its search entry (a
    // search entry names one case, and no case twice).
    auto check = TRY(db.query("SELECT EXISTS (SELECT 1 FROM incidents WHERE due_rank IS NULL), (SELECT COUNT(*) FROM "
                              "incidents), (SELECT COUNT(*) FROM incident_search_docs)"));
    if (!check.empty() && check[0].integer(0) == 0 && check[0].integer(1) == check[0].integer(2)) return int64_t{0};
    int64_t done = 0;
    while (true) {
        auto rows = TRY(db.query("SELECT i.id FROM incidents i WHERE i.due_rank IS NULL OR NOT EXISTS (SELECT 1 FROM "
                                 "incident_search_docs d WHERE d.incident_id = i.id) ORDER BY i.id LIMIT 200"));
        if (rows.empty()) return done;
        std::vector<domain::Incident> incidents;
        for (const auto& row : rows)
            if (auto incident = TRY(find_incident(db, row.text(0)))) incidents.push_back(std::move(*incident));
        auto facts = TRY(duty_facts(db, incidents));
        for (size_t i = 0; i < facts.size(); ++i) {
            TRY_STATUS(store_case_order(db, incidents[i], facts[i]));
            TRY_STATUS(index_case(db, incidents[i]));
        }
        done += static_cast<int64_t>(facts.size());
        if (facts.size() < rows.size()) return done; // a row vanished meanwhile: do not loop
    }
}

} // namespace skydda::storage
