// Scan summaries on a case: `skydda scan --attach` stores what a scan of the leaked data found
// (counts and data codes, never identifiers or paths), and a handler may copy the figures into
// the case's facts. Both are audited changes.
#include "app/app.hpp"
#include "app/audit_support.hpp"
#include "app/case_access.hpp"
#include "domain/codes.hpp"
#include "storage/repositories.hpp"
#include "util/crypto.hpp"

namespace skydda::app {
using storage::Connection;
using storage::TxMode;

namespace {

Status check_attachment(const ScanAttachment& scan) {
    TRY_STATUS(check_text_field("label", scan.label, 200, false));
    if (scan.subjects_estimate < 0) return fail(Error::invalid("subjects_estimate", "must be a whole number >= 0"));
    for (const auto& code : scan.data)
        if (!domain::codes::contains(domain::codes::data(), code))
            return fail(Error::invalid("data", "unknown data code"));
    if (scan.summary_json.empty()) return fail(Error::invalid("summary", "is required"));
    return {};
}

// The CLI operator (null actor) may reach every case; a person needs to be allowed to edit it.
Result<domain::Incident> load_for_scan(Connection& db, const Actor* actor, std::string_view incident_id) {
    if (actor) return load_for(db, *actor, incident_id, domain::Action::edit_facts);
    auto incident = TRY(storage::find_incident(db, incident_id));
    if (!incident) return fail(Error::not_found("no such case"));
    return std::move(*incident);
}

} // namespace

Result<domain::Incident> App::find_case_as_operator(std::string_view incident_id) {
    return storage::transact_value<domain::Incident>(
        m_database, TxMode::read, [&](Connection& db) { return load_for_scan(db, nullptr, incident_id); });
}

Result<storage::ScanRecord> App::attach_scan(const Actor* actor, std::string_view incident_id,
                                             const ScanAttachment& scan) {
    TRY_STATUS(check_attachment(scan));
    return storage::transact_value<storage::ScanRecord>(
        m_database, TxMode::write, [&](Connection& db) -> Result<storage::ScanRecord> {
            auto incident = TRY(load_for_scan(db, actor, incident_id));
            storage::ScanRecord record{crypto::new_id(), incident.id, scan.label, scan.summary_json,
                                       scan.subjects_estimate, scan.data, actor ? actor->user_id : std::string(),
                                       m_clock.now(), std::nullopt};
            TRY_STATUS(storage::insert_scan(db, record));
            TRY_STATUS(audit_change(db, m_clock, actor,
                                    {"scan.attach", "incident", incident.id, incident.org_id, {}, scan.summary_json}));
            return record;
        });
}

Result<std::vector<storage::ScanRecord>> App::scans(const Actor& actor, std::string_view incident_id) {
    std::string org_id;
    auto scans = TRY(storage::transact_value<std::vector<storage::ScanRecord>>(
        m_database, TxMode::read, [&](Connection& db) -> Result<std::vector<storage::ScanRecord>> {
            auto [incident, view] = TRY(load_visible(db, actor, incident_id));
            if (view != CaseView::full) return fail(not_in_case());
            org_id = incident.org_id;
            return storage::list_scans(db, incident.id);
        }));
    record_read(&actor, {org_id, "scan.read", "incident", std::string(incident_id), read_count("scans", scans.size())});
    return scans;
}

Result<domain::Incident> App::apply_scan(const Actor* actor, std::string_view incident_id, std::string_view scan_id,
                                         std::optional<int64_t> expected_version) {
    return storage::transact_value<domain::Incident>(
        m_database, TxMode::write, [&](Connection& db) -> Result<domain::Incident> {
            auto scan = TRY(storage::find_scan(db, scan_id));
            if (!scan || scan->incident_id != incident_id) return fail(not_in_case());
            auto before = TRY(load_for_scan(db, actor, scan->incident_id));
            if (expected_version && *expected_version != before.version)
                return fail(Error{ErrorCode::failed_precondition,
                                  "the case was changed by someone else; reload it and apply the scan again", "version"});
            if (!domain::is_open(before.status)) return fail(Error::conflict("reopen the case before changing its facts"));
            auto update = domain::scan_update(before.facts, scan->data, scan->subjects_estimate);
            TRY_STATUS(storage::mark_scan_applied(db, scan->id, m_clock.now()));
            if (update.empty()) return before;
            domain::Incident after = before;
            after.facts = domain::apply_scan_update(before.facts, update);
            return save_incident(db, m_clock, actor, before, std::move(after), "incident.update_from_scan");
        });
}

} // namespace skydda::app
