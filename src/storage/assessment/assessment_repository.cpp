#include "storage/assessment/assessment_repository.hpp"

namespace skydda::storage {
namespace {

constexpr const char* k_assessment_select =
    "SELECT a.id, a.incident_id, a.version, a.ruleset, a.input_json, a.output_json, a.created_by, u.name, "
    "a.created_at FROM assessments a JOIN users u ON u.id = a.created_by ";

AssessmentRecord read_assessment(const Row& row) {
    return AssessmentRecord{row.text(0), row.text(1), row.integer(2), row.text(3), row.text(4),
                            row.text(5), row.text(6), row.text(7), row.time(8)};
}

constexpr const char* k_decision_select =
    "SELECT d.id, d.assessment_id, d.incident_id, d.agrees, d.risk, d.notify_authority, d.notify_subjects, "
    "d.reasons, d.decided_by, u.name, d.decided_at FROM assessment_decisions d JOIN users u ON u.id = d.decided_by ";

DecisionRecord read_decision(const Row& row) {
    return DecisionRecord{row.text(0), row.text(1), row.text(2), row.integer(3) != 0, row.text(4),
                          row.integer(5) != 0, row.integer(6) != 0, row.text(7), row.text(8), row.text(9),
                          row.time(10)};
}

} // namespace

Status insert_assessment(Connection& db, const AssessmentRecord& r) {
    TRY(db.execute("INSERT INTO assessments (id, incident_id, version, ruleset, input_json, output_json, created_by, "
                   "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   {r.id, r.incident_id, r.version, r.ruleset, r.input_json, r.output_json, r.created_by,
                    format_utc(r.created_at)}));
    return {};
}

Result<int64_t> next_assessment_version(Connection& db, std::string_view incident_id) {
    // Runs in the writer's transaction (writers are serialised); UNIQUE (incident_id, version)
    // backs it up should two writers ever race.
    auto rows = TRY(db.query("SELECT MAX(version) FROM assessments WHERE incident_id = ?", {std::string(incident_id)}));
    return (rows.empty() ? 0 : rows[0].integer(0)) + 1;
}

Result<std::optional<AssessmentRecord>> find_assessment(Connection& db, std::string_view id) {
    auto rows = TRY(db.query(std::string(k_assessment_select) + "WHERE a.id = ?", {std::string(id)}));
    if (rows.empty()) return std::optional<AssessmentRecord>();
    return std::optional<AssessmentRecord>(read_assessment(rows[0]));
}

Result<std::vector<AssessmentRecord>> list_assessments(Connection& db, std::string_view incident_id) {
    auto rows = TRY(db.query(std::string(k_assessment_select) + "WHERE a.incident_id = ? ORDER BY a.version",
                             {std::string(incident_id)}));
    std::vector<AssessmentRecord> out;
    for (const auto& row : rows) out.push_back(read_assessment(row));
    return out;
}

Status insert_decision(Connection& db, const DecisionRecord& r) {
    TRY(db.execute("INSERT INTO assessment_decisions (id, assessment_id, incident_id, agrees, risk, notify_authority, "
                   "notify_subjects, reasons, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {r.id, r.assessment_id, r.incident_id, int64_t{r.agrees}, r.risk, int64_t{r.notify_authority},
                    int64_t{r.notify_subjects}, text_or_null(r.reasons), r.decided_by, format_utc(r.decided_at)}));
    return {};
}

Result<std::optional<DecisionRecord>> find_decision_for(Connection& db, std::string_view assessment_id) {
    auto rows = TRY(db.query(std::string(k_decision_select) + "WHERE d.assessment_id = ?", {std::string(assessment_id)}));
    if (rows.empty()) return std::optional<DecisionRecord>();
    return std::optional<DecisionRecord>(read_decision(rows[0]));
}

Result<std::vector<DecisionRecord>> list_decisions(Connection& db, std::string_view incident_id) {
    auto rows = TRY(db.query(std::string(k_decision_select) + "WHERE d.incident_id = ? ORDER BY d.decided_at, d.id",
                             {std::string(incident_id)}));
    std::vector<DecisionRecord> out;
    for (const auto& row : rows) out.push_back(read_decision(row));
    return out;
}

} // namespace skydda::storage
