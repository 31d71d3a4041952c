// Internal to app/: who sees what of a case. Anything the actor may not see answers
// not_found, so that a case's existence never leaks across organisations.
#pragma once
#include "app/app.hpp"
#include "storage/database.hpp"

namespace skydda::app {

enum class CaseView { none, reporter, full };

// The one answer for anything that is not there within a case: a missing case, a case the
// actor may not see, and a task, question, scan, attachment, recipient or notice that is
// missing or belongs to another case than the one in the request's path all answer alike
// (404, the same message), so no answer tells which ids exist.
Error not_in_case();

CaseView view_of(const Actor& actor, const domain::Incident& incident);
// Loads the case when the actor may see it at all.
Result<std::pair<domain::Incident, CaseView>> load_visible(storage::Connection& db, const Actor& actor,
                                                           std::string_view incident_id);
// Loads the case and checks that the actor may perform `action` on it.
Result<domain::Incident> load_for(storage::Connection& db, const Actor& actor, std::string_view incident_id,
                                  domain::Action action);
// Writes a changed case when nobody changed it meanwhile, with its audit entry; `actor` null
// is the local operator (CLI).
Result<domain::Incident> save_incident(storage::Connection& db, const Clock& clock, const Actor* actor,
                                       const domain::Incident& before, domain::Incident after, std::string action);
// The case's organisation; its absence is an internal error (a foreign key guarantees it).
Result<domain::Organisation> organisation_of(storage::Connection& db, std::string_view org_id);
Status check_text_field(std::string_view field, std::string_view value, size_t max, bool required);

} // namespace skydda::app
