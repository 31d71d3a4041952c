// Internal to app/: queuing the e-mails that use cases cause (the alert on a new report) in
// the caller's transaction.
#pragma once
#include "app/app.hpp"

namespace skydda::app {

// One e-mail to each registrar, manager, DPO and information security officer of the case's
// organisation (but not `except_user`, who made the report). The message carries no personal
// data from the report: the case number, the organisation, the deadline and a link.
Status queue_report_alerts(storage::Connection& db, const Clock& clock, const MailOptions& options,
                           const domain::Incident& incident, const domain::Organisation& organisation,
                           std::string_view except_user);

} // namespace skydda::app
