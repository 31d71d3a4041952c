// Internal to app/processor/: what the notices (processor_notices.cpp: selection, sending, the
// overview) and the replies to them (processor_notice_replies.cpp) share.
#pragma once
#include <boost/json/object.hpp>

#include <string>
#include <string_view>

#include "app/processor/processor.hpp"

namespace skydda::app::notice_parts {

// The audit entry for a change of a notice, in the change's transaction; refreshes the case's
// stored urgency order, since the notices fulfil the case's duty.
Status audit(storage::Connection& db, const App& app, const Actor& actor, const domain::Incident& incident,
             std::string action, std::string entity_id, boost::json::object after);
// The notice `notice_id` when it belongs to `incident`; not_found otherwise.
Result<storage::NoticeRecord> notice_of_case(storage::Connection& db, const domain::Incident& incident,
                                             std::string_view notice_id);
// invalid_argument naming `field` when `at` is more than five minutes after `now`.
Status check_past(std::string_view field, Instant at, Instant now);
// The notice for one customer, finished as App::document finishes documents.
Result<doc::Document> notice_document(storage::Connection& db, const domain::Incident& incident,
                                      const domain::Organisation& organisation,
                                      const storage::CustomerRecord& customer, Instant now);
// Records the notice as given in the case's notifications (recipient "controller"), with the
// document frozen as sent. Lateness is against the agreement's deadline.
Status record_notification(storage::Connection& db, const domain::Incident& incident,
                           const storage::NoticeRecord& notice, const Actor& actor, const std::string& document_json,
                           Instant now);

} // namespace skydda::app::notice_parts
