// Communication to the data subjects (GDPR art. 34): the organisation's letter template, the
// case's letter in Swedish and English (finalised only when IMY's five points and "what you
// can do" are filled, then frozen), the people to inform imported from a CSV file as a whole,
// delivery by printed post or queued e-mail with a record of who was informed, when and how,
// and the art. 34(3) exemptions. Free functions over App so that app.hpp stays as is; each
// change is one transaction with its audit entry (counts and ids only, never addresses or
// letter bodies).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "doc/document.hpp"
#include "domain/letter.hpp"
#include "domain/recipients_csv.hpp"
#include "storage/letters/letter_repository.hpp"

namespace skydda::app {
// The rows this capability hands to the web layer, under app's name (web never names storage).
using storage::RecipientRecord;

struct LetterTemplate {
    std::string org_id, language;
    domain::letter::Parts parts;
    int64_t version = 0; // 0: the built-in template (nothing stored yet)
};

// Read by those who may edit templates or notify in the organisation.
Result<LetterTemplate> letter_template(App& app, const Actor& actor, std::string_view org_id, std::string_view language);
// Needs Action::manage_templates. `expected_version` as read (0 when built-in); a stale one is
// failed_precondition naming "version". Unknown placeholders: 400 naming the part.
Result<LetterTemplate> save_letter_template(App& app, const Actor& actor, std::string_view org_id,
                                            std::string_view language, const domain::letter::Parts& parts,
                                            int64_t expected_version);

struct SubjectLetter {
    std::string incident_id, language;
    domain::letter::Parts parts;
    int64_t version = 0; // 0: prefilled, not stored yet
    std::optional<Instant> finalised_at;
    std::string finalised_by;
    std::vector<doc::Missing> missing; // what must be filled before it can be finalised
    // Parts that seem to hold personal data (personal identity numbers, e-mail addresses, phone
    // numbers other than the organisation's own): key = the part, kinds only, never the value.
    std::vector<PersonalDataWarning> warnings;
};

// The case's letter in `language`: stored, or prefilled from the organisation's template (never
// from the case's own text: its description, consequences, measures and notes are internal).
// Needs Action::read_all_cases.
Result<SubjectLetter> subject_letter(App& app, const Actor& actor, std::string_view incident_id,
                                     std::string_view language);
// Needs Action::notify; refused once finalised (conflict).
Result<SubjectLetter> save_subject_letter(App& app, const Actor& actor, std::string_view incident_id,
                                          std::string_view language, const domain::letter::Parts& parts,
                                          int64_t expected_version);
// Freezes the letter (the document JSON is stored). Refused with invalid_argument while a
// point is empty: `field` is the first missing part, the message lists them all. A part that
// seems to hold personal data is refused (invalid_argument naming the part) unless
// `acknowledge_personal_data` names it; the acknowledgement is audited.
Result<SubjectLetter> finalise_subject_letter(App& app, const Actor& actor, std::string_view incident_id,
                                              std::string_view language, int64_t expected_version,
                                              const std::vector<std::string>& acknowledge_personal_data = {});

struct RecipientImport {
    std::vector<domain::CsvLineError> errors; // when not empty, nothing was imported
    size_t imported = 0;
    size_t total = 0; // on the case's list afterwards
};
// Needs Action::notify. The whole file in one transaction: any error, nothing imported.
Result<RecipientImport> import_recipients(App& app, const Actor& actor, std::string_view incident_id,
                                          std::string_view csv);

struct LettersOverview {
    domain::Incident incident;
    std::vector<SubjectLetter> letters; // sv, en
    std::vector<storage::RecipientRecord> recipients; // the first `recipients_shown`, in import order
    storage::RecipientCounts counts;                  // of the whole list
    std::optional<storage::ExemptionRecord> exemption;
};
// Needs Action::read_all_cases. A read within the case file (whose opening is audited).
// `recipients_shown` 0 means the whole list.
Result<LettersOverview> letters_overview(App& app, const Actor& actor, std::string_view incident_id,
                                         size_t recipients_shown = 50);

// Every postal recipient's finalised letter (those not informed by e-mail), for one merged
// print file. Needs Action::notify; audited with the count.
Result<std::vector<doc::Document>> print_letters(App& app, const Actor& actor, std::string_view incident_id);

struct MailResult {
    size_t queued = 0, already = 0;
};
// Queues the letter to every recipient with an e-mail address, once per recipient ever (the
// outbox's dedupe key), and records them informed by e-mail. Needs the letters finalised in
// the recipients' languages (conflict otherwise). Needs Action::notify. The finalised parts are
// checked for personal data again: a finding is refused naming "{language}.{part}" (e.g.
// "sv.cause") unless `acknowledge_personal_data` names it; the acknowledgement is audited.
Result<MailResult> queue_letter_emails(App& app, const Actor& actor, std::string_view incident_id,
                                       const std::vector<std::string>& acknowledge_personal_data = {});
// Records the printed letters as sent by post on `posted_at` (recipients with a postal address
// not yet informed). Returns how many. Needs Action::notify.
Result<size_t> record_posted(App& app, const Actor& actor, std::string_view incident_id, Instant posted_at);
// One person informed some other way ("post", "email" or "other").
Result<storage::RecipientRecord> record_informed(App& app, const Actor& actor, std::string_view incident_id,
                                                 std::string_view recipient_id, std::string_view how, Instant at);

struct ExemptionInput {
    std::string ground; // encrypted (a) | mitigated (b) | disproportionate_effort (c)
    std::string reason;
    // disproportionate_effort only: the public communication instead
    std::string public_text, public_where;
    std::optional<Instant> published_at;
};
inline constexpr size_t k_exemption_text_max = 20000;
// Needs Action::notify; reason required; for (c) the public communication too.
Result<storage::ExemptionRecord> record_exemption(App& app, const Actor& actor, std::string_view incident_id,
                                                  const ExemptionInput& input);

// The letter as plain text (the e-mail body).
std::string letter_text(const doc::Document& document);

} // namespace skydda::app
