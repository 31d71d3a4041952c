// Notifications in the case file: the IMY notification's draft, and recording what was sent.
// Recording the notification to IMY freezes the document as sent (and its fields, so that a
// supplement can carry only what changed) and its lateness, both computed in the recording's
// own transaction from the facts as they stand.
#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>

#include "app/app.hpp"
#include "app/audit_support.hpp"
#include "app/case_access.hpp"
#include "app/notify/doc_imy.hpp"
#include "domain/duties.hpp"
#include "domain/workflow.hpp"
#include "storage/repositories.hpp"
#include "util/crypto.hpp"
#include "util/text.hpp"

namespace skydda::app {
using storage::Connection;
using storage::TxMode;
namespace json = boost::json;

namespace {

bool blank(std::string_view value) { return text::trim(value).empty(); }

Status check_phase(int64_t phase) {
    if (phase < 0 || phase > 1000) return fail(Error::invalid("phase", "must be a whole number from 0 to 1000"));
    return {};
}

NotificationDraft to_draft(std::string_view incident_id, int64_t phase,
                           const std::optional<storage::NotificationDraftRecord>& record) {
    NotificationDraft draft{std::string(incident_id), phase, {}, 0, {}, std::nullopt};
    if (!record) return draft;
    draft.version = record->version;
    draft.updated_by = record->updated_by;
    draft.updated_at = record->updated_at;
    boost::system::error_code error;
    auto parsed = json::parse(record->fields_json, error);
    if (!error && parsed.is_object())
        for (const auto& [key, value] : parsed.as_object())
            if (value.is_string()) draft.fields[std::string(key)] = std::string(value.get_string());
    return draft;
}

// Keys must be the draft's own; choices yes/no (encryption also "partly"); empty clears.
Status check_draft_fields(std::map<std::string, std::string>& fields) {
    for (auto it = fields.begin(); it != fields.end();) {
        const auto* key = imy::find_draft_key(it->first);
        if (!key) return fail(Error::invalid(it->first, "is not a field of the notification's draft"));
        TRY_STATUS(check_text_field(it->first, it->second, imy::k_draft_text_max, false));
        if (key->choice && !it->second.empty() && it->second != "yes" && it->second != "no" &&
            !(it->second == "partly" && it->first == "data.encrypted"))
            return fail(Error::invalid(it->first, it->first == "data.encrypted" ? "must be yes, no or partly"
                                                                                : "must be yes or no"));
        it = blank(it->second) ? fields.erase(it) : std::next(it);
    }
    return {};
}

std::string fields_json(const std::map<std::string, std::string>& fields) {
    json::object out;
    for (const auto& [key, value] : fields) out[key] = value;
    return json::serialize(out);
}

Status check_input(const NotificationInput& input, Instant now) {
    if (std::find(std::begin(k_notification_recipients), std::end(k_notification_recipients), input.recipient) ==
        std::end(k_notification_recipients))
        return fail(Error::invalid("recipient", "must be one of: imy, controller, subjects, public, nis2, dora"));
    if (!input.submitted_at) return fail(Error::invalid("submitted_at", "is required"));
    if (*input.submitted_at > now) return fail(Error::invalid("submitted_at", "cannot be in the future"));
    TRY_STATUS(check_text_field("authority_reference", input.authority_reference, k_reference_max, false));
    TRY_STATUS(check_text_field("our_reference", input.our_reference, k_reference_max, false));
    TRY_STATUS(check_text_field("late_reason", input.late_reason, imy::k_draft_text_max, false));
    TRY_STATUS(check_text_field("supplement_reason", input.supplement_reason, imy::k_draft_text_max, false));
    if (input.phase) TRY_STATUS(check_phase(*input.phase));
    if (input.recipient != "imy" && (input.supplement_promised || !input.supplement_reason.empty()))
        return fail(Error::invalid("supplement_promised", "applies to the notification to IMY only"));
    if (!input.details_json.empty()) {
        boost::system::error_code error;
        auto details = json::parse(input.details_json, error);
        if (error || !details.is_object()) return fail(Error::invalid("details", "must be a JSON object"));
        if (input.details_json.size() > 100000) return fail(Error::invalid("details", "must be at most 100 000 bytes"));
    }
    return {};
}

json::value details_value(const std::string& details_json) {
    if (details_json.empty()) return json::object{};
    return json::parse(details_json);
}

std::string join_labels(const doc::Document& document, std::string_view except) {
    std::string out;
    for (const auto& missing : document.missing)
        if (missing.key != except) out += (out.empty() ? "" : "; ") + missing.label;
    return out;
}

json::array warnings_json(const std::vector<PersonalDataWarning>& warnings) {
    json::array out;
    for (const auto& warning : warnings) {
        json::array kinds;
        for (const auto& kind : warning.kinds) kinds.emplace_back(kind);
        out.emplace_back(json::object{{"key", warning.key}, {"kinds", std::move(kinds)}});
    }
    return out;
}

std::string warning_message(const std::vector<PersonalDataWarning>& warnings) {
    std::string out = "the text for IMY seems to contain personal data (";
    for (size_t i = 0; i < warnings.size(); ++i) {
        out += (i ? "; " : "") + warnings[i].key + ": ";
        for (size_t k = 0; k < warnings[i].kinds.size(); ++k) out += (k ? ", " : "") + warnings[i].kinds[k];
    }
    return out + "); remove it, or confirm with acknowledge_personal_data that it must be sent";
}

// What the IMY notification (phase 0) or supplement (phase N) would be as sent at `at`, in
// Swedish (the language IMY reads), with the recording's answers laid over the draft.
struct Frozen {
    doc::Document document;
    imy::FieldMap fields;
    bool late = false;
};

Result<Frozen> imy_document(Connection& db, const domain::Incident& incident, const domain::Organisation& organisation,
                            const std::vector<storage::NotificationRecord>& sent, int64_t phase,
                            const NotificationInput& input) {
    auto inputs = TRY(imy::load_inputs(db, incident, phase, *input.submitted_at));
    if (!blank(input.late_reason)) inputs.draft["late.reason"] = input.late_reason;
    inputs.draft["supplement.will"] = input.supplement_promised ? "yes" : "no";
    if (!blank(input.supplement_reason)) inputs.draft["supplement.reason"] = input.supplement_reason;
    if (phase == 0) {
        Frozen out;
        out.document = imy::notification(incident, organisation, inputs, "sv");
        // Promised without saying why: what is missing is the reason.
        if (input.supplement_promised && blank(imy::fields_of(out.document)["supplement.reason"])) {
            inputs.draft["supplement.reason"] = join_labels(out.document, "supplement.reason");
            out.document = imy::notification(incident, organisation, inputs, "sv");
        }
        out.fields = imy::fields_of(out.document);
        auto since = *input.submitted_at - domain::awareness(incident);
        out.late = since > domain::k_authority_period;
        return out;
    }
    auto built = TRY(imy::build_supplement(db, incident, organisation, sent, phase, inputs, "sv"));
    Frozen out{std::move(built.document), std::move(built.fields_sv), false};
    // A supplement is late when it comes after the date promised for it.
    const auto& previous = sent.back();
    out.late = previous.supplement_due_at && *input.submitted_at > *previous.supplement_due_at;
    return out;
}

// The checks before anything is recorded, in the order a person fixes them.
Status check_sendable(const Frozen& frozen, const NotificationInput& input,
                      const std::vector<PersonalDataWarning>& warnings) {
    if (frozen.late && blank(input.late_reason) && blank(imy::fields_of(frozen.document)["late.reason"]))
        return fail(Error::invalid("late_reason", "is required: the notification is later than the time allowed; say why"));
    if (input.supplement_promised && blank(imy::fields_of(frozen.document)["supplement.reason"]))
        return fail(Error::invalid("supplement_reason", "is required when a supplement is promised: why, and what is missing"));
    if (!warnings.empty() && !input.acknowledge_personal_data)
        return fail(Error::invalid("acknowledge_personal_data", warning_message(warnings)));
    // IMY accepts an incomplete first notification when a supplement is promised (GDPR art. 33(4)).
    if (!frozen.document.missing.empty() && !input.supplement_promised) {
        const auto& first = frozen.document.missing.front();
        return fail(Error::invalid(first.key, "is missing (" + first.label +
                                                  "): fill it in, or promise a supplement (supplement_promised)"));
    }
    return {};
}

std::string record_audit_json(const storage::NotificationRecord& r) {
    json::object out{{"id", r.id},
                     {"recipient", r.recipient},
                     {"phase", r.phase},
                     {"submitted_at", format_utc(r.submitted_at)},
                     {"authority_reference", r.authority_reference},
                     {"our_reference", r.our_reference},
                     {"seconds_after_awareness", r.seconds_after_awareness},
                     {"late", r.late},
                     {"supplement_promised", r.supplement_promised}};
    if (r.supplement_due_at) out["supplement_due_at"] = format_utc(*r.supplement_due_at);
    return json::serialize(out);
}

// decided → notified on the first notification to IMY, when the workflow allows it.
Status move_to_notified(Connection& db, const Clock& clock, const Actor& actor, const domain::Incident& before) {
    if (!domain::check_transition(before.status, domain::CaseStatus::notified, "")) return {};
    domain::Incident after = before;
    after.status = domain::CaseStatus::notified;
    TRY(save_incident(db, clock, &actor, before, std::move(after), "incident.status"));
    return {};
}

std::vector<storage::NotificationRecord> sent_to(const std::vector<storage::NotificationRecord>& all,
                                                 std::string_view recipient) {
    std::vector<storage::NotificationRecord> out;
    for (const auto& record : all)
        if (record.recipient == recipient) out.push_back(record);
    return out;
}

} // namespace

Result<NotificationDraft> App::notification_draft(const Actor& actor, std::string_view incident_id, int64_t phase) {
    TRY_STATUS(check_phase(phase));
    std::string org_id;
    auto draft = TRY(storage::transact_value<NotificationDraft>(m_database, TxMode::read,
                                                                [&](Connection& db) -> Result<NotificationDraft> {
        auto incident = TRY(load_for(db, actor, incident_id, domain::Action::notify));
        org_id = incident.org_id;
        return to_draft(incident.id, phase, TRY(storage::find_notification_draft(db, incident.id, phase)));
    }));
    record_read(&actor, {org_id, "notification.draft.read", "incident", draft.incident_id,
                         read_count("phase", static_cast<size_t>(phase))});
    return draft;
}

Result<NotificationDraft> App::save_notification_draft(const Actor& actor, std::string_view incident_id, int64_t phase,
                                                       std::map<std::string, std::string> fields,
                                                       std::optional<int64_t> expected_version) {
    TRY_STATUS(check_phase(phase));
    TRY_STATUS(check_draft_fields(fields));
    return storage::transact_value<NotificationDraft>(m_database, TxMode::write,
                                                      [&](Connection& db) -> Result<NotificationDraft> {
        auto incident = TRY(load_for(db, actor, incident_id, domain::Action::notify));
        auto stored = TRY(storage::find_notification_draft(db, incident.id, phase));
        int64_t current = stored ? stored->version : 0;
        if (expected_version && *expected_version != current)
            return fail(Error{ErrorCode::failed_precondition,
                              "the draft was changed by someone else; reload it and make your changes again", "version"});
        storage::NotificationDraftRecord record{incident.id, phase, fields_json(fields), current, actor.user_id,
                                                m_clock.now()};
        if (!TRY(storage::save_notification_draft(db, record, current)))
            return fail(Error{ErrorCode::failed_precondition, "the draft was changed by someone else; reload it", "version"});
        TRY_STATUS(audit_change(db, m_clock, &actor,
                                {"notification.draft", "incident", incident.id, incident.org_id,
                                 stored ? stored->fields_json : std::string(), record.fields_json}));
        return to_draft(incident.id, phase, TRY(storage::find_notification_draft(db, incident.id, phase)));
    });
}

Result<ImyPreparation> App::imy_preparation(const Actor& actor, std::string_view incident_id, std::string_view language) {
    if (language != "sv" && language != "en") return fail(Error::invalid("language", "must be \"sv\" or \"en\""));
    std::string org_id;
    auto prepared = TRY(storage::transact_value<ImyPreparation>(m_database, TxMode::read, [&](Connection& db) -> Result<ImyPreparation> {
        auto incident = TRY(load_for(db, actor, incident_id, domain::Action::notify));
        org_id = incident.org_id;
        auto organisation = TRY(organisation_of(db, incident.org_id));
        ImyPreparation out;
        out.sent = TRY(storage::list_notifications(db, incident.id));
        auto to_imy = sent_to(out.sent, "imy");
        out.phase = to_imy.empty() ? 0 : to_imy.back().phase + 1;
        auto now = m_clock.now();
        auto inputs = TRY(imy::load_inputs(db, incident, out.phase, now));
        out.values = inputs.draft;
        if (out.phase == 0) {
            out.document = imy::notification(incident, organisation, inputs, language);
        } else {
            auto built = TRY(imy::build_supplement(db, incident, organisation, to_imy, out.phase, inputs, language));
            out.document = std::move(built.document);
        }
        out.warnings = imy::personal_data_warnings(out.document, now);
        out.draft = to_draft(incident.id, out.phase, TRY(storage::find_notification_draft(db, incident.id, out.phase)));
        out.aware = domain::awareness(incident);
        // A supplement is late after the date promised for it; the notification after 72 hours.
        if (out.phase == 0) out.late_now = now - out.aware > domain::k_authority_period;
        else out.late_now = to_imy.back().supplement_due_at && now > *to_imy.back().supplement_due_at;
        return out;
    }));
    // The document as it would be sent, the draft and every frozen notification.
    record_read(&actor, {org_id, "notification.preparation.read", "incident", std::string(incident_id),
                         read_count("phase", static_cast<size_t>(prepared.phase))});
    return prepared;
}

Result<storage::NotificationRecord> App::record_notification(const Actor& actor, std::string_view incident_id,
                                                             const NotificationInput& input) {
    auto now = m_clock.now();
    TRY_STATUS(check_input(input, now));
    return storage::transact_value<storage::NotificationRecord>(
        m_database, TxMode::write, [&](Connection& db) -> Result<storage::NotificationRecord> {
            auto incident = TRY(load_for(db, actor, incident_id, domain::Action::notify));
            auto organisation = TRY(organisation_of(db, incident.org_id));
            auto sent = sent_to(TRY(storage::list_notifications(db, incident.id)), input.recipient);
            int64_t phase = sent.empty() ? 0 : sent.back().phase + 1;
            if (input.phase && *input.phase != phase)
                return fail(Error::invalid("phase", fmt::format("must be {}: the next one for this recipient", phase)));

            storage::NotificationRecord record;
            record.id = crypto::new_id();
            record.incident_id = incident.id;
            record.recipient = input.recipient;
            record.phase = phase;
            record.submitted_at = *input.submitted_at;
            record.authority_reference = input.authority_reference;
            if (record.authority_reference.empty() && !sent.empty())
                record.authority_reference = sent.front().authority_reference;
            record.our_reference = blank(input.our_reference) ? incident.case_number : input.our_reference;
            record.seconds_after_awareness =
                std::chrono::duration_cast<std::chrono::seconds>(*input.submitted_at - domain::awareness(incident)).count();
            record.late_reason = input.late_reason;
            record.created_by = actor.user_id;
            record.created_at = now;
            json::object details{{"details", details_value(input.details_json)}};
            record.document_json = "{}";
            if (input.recipient == "imy") {
                auto frozen = TRY(imy_document(db, incident, organisation, sent, phase, input));
                auto warnings = imy::personal_data_warnings(frozen.document, now);
                TRY_STATUS(check_sendable(frozen, input, warnings));
                record.late = frozen.late;
                auto fields = imy::fields_of(frozen.document);
                if (record.late_reason.empty()) record.late_reason = fields["late.reason"];
                record.supplement_promised = input.supplement_promised;
                record.supplement_reason = input.supplement_promised ? fields["supplement.reason"] : std::string();
                if (input.supplement_promised) record.supplement_due_at = *input.submitted_at + k_supplement_period;
                record.document_json = imy::document_json(frozen.document, warnings);
                json::object frozen_fields;
                for (const auto& [key, value] : frozen.fields) frozen_fields[key] = value;
                details["fields"] = std::move(frozen_fields);
                json::array missing;
                for (const auto& item : frozen.document.missing) missing.emplace_back(item.key);
                details["missing"] = std::move(missing);
                details["warnings"] = warnings_json(warnings);
                details["personal_data_acknowledged"] = input.acknowledge_personal_data && !warnings.empty();
            }
            record.details_json = json::serialize(details);
            TRY_STATUS(storage::insert_notification(db, record));
            TRY_STATUS(audit_change(db, m_clock, &actor,
                                    {"notification.record", "incident", incident.id, incident.org_id, {},
                                     record_audit_json(record)}));
            if (input.recipient == "imy" && phase == 0) TRY_STATUS(move_to_notified(db, m_clock, actor, incident));
            return record;
        });
}

Result<std::vector<storage::NotificationRecord>> App::notifications(const Actor& actor, std::string_view incident_id) {
    std::string org_id;
    auto records = TRY(storage::transact_value<std::vector<storage::NotificationRecord>>(
        m_database, TxMode::read, [&](Connection& db) -> Result<std::vector<storage::NotificationRecord>> {
            auto [incident, view] = TRY(load_visible(db, actor, incident_id));
            if (view != CaseView::full) return fail(not_in_case());
            org_id = incident.org_id;
            return storage::list_notifications(db, incident.id);
        }));
    // Each record carries the document as sent (the frozen IMY notification).
    record_read(&actor, {org_id, "notification.read", "incident", std::string(incident_id),
                         read_count("notifications", records.size())});
    return records;
}

} // namespace skydda::app
