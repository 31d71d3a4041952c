// Notifications that leave the organisation, as recorded in the case file: the notification
// to IMY and its supplements (komplettering), and the record that the controller, the people
// or the public were told. The IMY notification is prepared in a draft (the answers the case's
// facts do not hold), checked for missing items and for personal data in its free text, and
// frozen when recorded: the document as sent and its lateness never change afterwards.
// The use cases are App members (app.hpp); docs/notifications.md describes the flow.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "doc/document.hpp"
#include "storage/notify/notification_repository.hpp"
#include "util/time.hpp"

namespace skydda::app {

// nis2: the NIS2 reports to the CSIRT (CERT-SE) under SFS 2025:1506, phase 0 the early warning,
// 1 the incident notification, 2 the final report; dora: the DORA reports to the supervisor
// (Finansinspektionen), phase 0 the initial, 1 the intermediate, 2 the final report. Recording
// them fulfils the duties of domain/duties.hpp.
inline constexpr std::string_view k_notification_recipients[] = {"imy", "controller", "subjects", "public", "nis2", "dora"};
// A promised supplement is due four weeks after the notification that promised it.
inline constexpr std::chrono::days k_supplement_period{28};
inline constexpr size_t k_reference_max = 100;

// A field of the document that may carry personal data by mistake: which field, which kinds
// ("personnummer", "email", "phone"); never the text found.
struct PersonalDataWarning {
    std::string key;
    std::vector<std::string> kinds;
};

// The draft of the notification (phase 0) or of supplement N (phase N): key → value, keys as
// listed in docs/notifications.md ("contact.person", "data.encrypted", ...).
struct NotificationDraft {
    std::string incident_id;
    int64_t phase = 0;
    std::map<std::string, std::string> fields;
    int64_t version = 0; // 0 until first saved
    std::string updated_by;
    std::optional<Instant> updated_at;
};

struct NotificationInput {
    std::string recipient;                // imy | controller | subjects | public
    std::optional<Instant> submitted_at;  // required; not in the future
    std::string authority_reference;      // IMY's case number, e.g. "IMY-2026-1234"
    std::string our_reference;            // default: the case number
    std::string late_reason;              // required when late
    bool supplement_promised = false;     // IMY only: a supplement will follow (due in 4 weeks)
    std::string supplement_reason;        // why, and what is missing (default: the missing items)
    std::optional<int64_t> phase;         // default: the next one for the recipient
    bool acknowledge_personal_data = false;
    std::string details_json;             // a JSON object kept with the record; "" for none
};

// What the case page's IMY section shows: the document as it would be sent now (the
// notification, or the next supplement once the notification is recorded), its missing items
// and personal data warnings, the draft behind it, and what was sent.
struct ImyPreparation {
    int64_t phase = 0;
    doc::Document document;
    std::vector<PersonalDataWarning> warnings;
    NotificationDraft draft;                // the phase's own draft (its version guards saving)
    std::map<std::string, std::string> values; // what the document used: phase 0's draft, then the phase's
    std::vector<storage::NotificationRecord> sent; // every recipient, oldest first
    Instant aware{};
    bool late_now = false; // sending now would be late (a supplement: after the date promised)
};

} // namespace skydda::app
