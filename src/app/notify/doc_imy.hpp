// The notification to IMY and its supplements as doc::Document values, built
// from the case's facts, its organisation, the latest assessment and decision and the
// notification's draft (the answers the case itself does not hold). Used by the document
// builders (doc_imy.cpp, through App::document) and by App::record_notification, which
// freezes the document as sent. The web pages use its texts (text()) for the draft form's
// labels, so that the form asks exactly what the document shows.
#pragma once
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/notify/notifications.hpp"
#include "doc/document.hpp"
#include "domain/incident.hpp"
#include "storage/assessment/assessment_repository.hpp"
#include "storage/database.hpp"
#include "storage/notify/notification_repository.hpp"
#include "domain/records.hpp"

namespace skydda::app::imy {

// Field key → value, as the draft stores it and as a sent document's fields are frozen.
using FieldMap = std::map<std::string, std::string>;

// The draft's keys (notification_drafts.fields_json): the answers IMY asks for that the case's
// facts do not hold. Choice keys take "yes" / "no" (data.encrypted also "partly").
struct DraftKey {
    std::string_view key;
    bool choice;      // yes/no(/partly) rather than free text
    bool to_imy_text; // free text that goes to IMY and is checked for personal data
};
std::span<const DraftKey> draft_keys();
const DraftKey* find_draft_key(std::string_view key);
inline constexpr size_t k_draft_text_max = 20000;

// Everything besides the case the builder reads.
struct Inputs {
    FieldMap draft;                                   // phase 0's draft merged with the phase's own
    std::optional<storage::AssessmentRecord> assessment; // latest
    std::optional<storage::DecisionRecord> decision;     // on the latest assessment, when taken
    Instant sent_at{};                                // lateness is judged at this instant
};

Result<Inputs> load_inputs(storage::Connection& db, const domain::Incident& incident, int64_t phase, Instant sent_at);

// The full notification, every item in IMY's order; items still to fill are marked missing.
doc::Document notification(const domain::Incident& incident, const domain::Organisation& organisation,
                           const Inputs& inputs, std::string_view language);
// The fields of a document, key → value (what is frozen and compared for supplements).
FieldMap fields_of(const doc::Document& document);
// A supplement: refers to the first notification and carries only the fields of `current`
// whose value differs from `previous` (the fields frozen, in Swedish, with the last
// notification sent; `current_sv` is `current`'s fields in Swedish), the fields still missing
// and the supplement's own note.
doc::Document supplement(const doc::Document& current, const FieldMap& current_sv, const FieldMap& previous,
                         const storage::NotificationRecord& first, int64_t phase, std::string_view note,
                         std::string_view language);
// The supplement document for `phase` (the next one after the last notification sent) as it
// stands now, from the drafts; also its fields in Swedish, for freezing.
struct SupplementBuild {
    doc::Document document;
    FieldMap fields_sv;
};
Result<SupplementBuild> build_supplement(storage::Connection& db, const domain::Incident& incident,
                                         const domain::Organisation& organisation,
                                         const std::vector<storage::NotificationRecord>& sent_to_imy, int64_t phase,
                                         Inputs inputs, std::string_view language);
// The fields frozen with a notification (details_json's "fields").
FieldMap frozen_fields(const storage::NotificationRecord& record);

// Free text that goes to IMY (a public record there) checked for personal identity numbers,
// e-mail addresses and phone numbers. Only the field and the kinds are reported, never what
// was found.
using PersonalDataWarning = app::PersonalDataWarning;
std::vector<PersonalDataWarning> personal_data_warnings(const doc::Document& document, Instant today);
// render_json with a "warnings" member added when there are any.
std::string document_json(const doc::Document& document, const std::vector<PersonalDataWarning>& warnings);

// Texts (doc_imy_text.cpp).
std::string_view text(std::string_view language, std::string_view key);
bool has_text(std::string_view key);
std::string code_text(std::string_view language, std::string_view list, std::string_view code);

} // namespace skydda::app::imy
