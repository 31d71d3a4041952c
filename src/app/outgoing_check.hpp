// Internal to app/: the personal-data check on text that leaves the organisation (the letter to
// the data subjects, the notices to the controllers and the e-mails that carry them). It is
// the IMY text's check (the scanner's recognisers for personal identity and coordination
// numbers, e-mail addresses and phone numbers); a finding names the field and the kinds found,
// never the value. Sending or finalising with a finding needs an acknowledgement naming the
// field, which is written to the audit trail (who, which field, which kinds).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "app/app.hpp"

namespace skydda::app {

// The kinds of personal data in `text` ("personnummer", "email", "phone"), by the scanner's
// recognisers, so the warning agrees with what a scan of the same text would find
// (personal_data_check.cpp). Never the values found.
std::vector<std::string> personal_data_kinds(std::string_view text, Instant today);

struct OutgoingText {
    std::string field; // as the API and the page name it: "cause", "sv.cause", "description"
    std::string text;
};

// The findings in `texts`. `own` are the organisation's own published details (its DPO's
// e-mail address and phone, the case number), which an outgoing text is meant to carry: they
// are blanked before the check, wherever they appear.
std::vector<PersonalDataWarning> outgoing_findings(const std::vector<OutgoingText>& texts,
                                                   const std::vector<std::string>& own, Instant today);
// The organisation's own details that `outgoing_findings` leaves alone.
std::vector<std::string> own_details(const domain::Organisation& organisation, const domain::Incident& incident);

// invalid_argument naming the first field with a finding that `acknowledged` does not name;
// the message lists every such field with its kinds and says how to acknowledge.
Status check_acknowledged(const std::vector<PersonalDataWarning>& findings,
                          const std::vector<std::string>& acknowledged);

// The audit entry "personal_data.acknowledge" for the acknowledged findings (none: nothing is
// written), in the caller's transaction: {"document", "step", "fields": [{"field", "kinds"}]}.
Status audit_acknowledged(storage::Connection& db, const Clock& clock, const Actor& actor,
                          const domain::Incident& incident, std::string_view document, std::string_view step,
                          const std::vector<PersonalDataWarning>& findings);

} // namespace skydda::app
