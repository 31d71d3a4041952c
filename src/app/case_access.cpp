#include "app/case_access.hpp"

#include "app/audit_support.hpp"
#include "storage/repositories.hpp"
#include "util/text.hpp"

namespace skydda::app {

Error not_in_case() { return Error::not_found("no such case, or nothing with that id on it"); }

CaseView view_of(const Actor& actor, const domain::Incident& incident) {
    if (actor.allows(incident.org_id, domain::Action::read_all_cases)) return CaseView::full;
    if (incident.reporter_id == actor.user_id) return CaseView::reporter;
    return CaseView::none;
}

Result<std::pair<domain::Incident, CaseView>> load_visible(storage::Connection& db, const Actor& actor,
                                                           std::string_view incident_id) {
    auto incident = TRY(storage::find_incident(db, incident_id));
    if (!incident) return fail(not_in_case());
    auto view = view_of(actor, *incident);
    if (view == CaseView::none) return fail(not_in_case());
    return std::pair{std::move(*incident), view};
}

Result<domain::Incident> load_for(storage::Connection& db, const Actor& actor, std::string_view incident_id,
                                  domain::Action action) {
    auto [incident, view] = TRY(load_visible(db, actor, incident_id));
    (void)view;
    if (!actor.allows(incident.org_id, action)) return fail(Error::denied());
    return std::move(incident);
}

Result<domain::Incident> save_incident(storage::Connection& db, const Clock& clock, const Actor* actor,
                                       const domain::Incident& before, domain::Incident after, std::string action) {
    after.updated_at = clock.now();
    if (!TRY(storage::update_incident(db, after, before.version)))
        return fail(Error{ErrorCode::failed_precondition, "the case was changed by someone else; reload it", "version"});
    after.version = before.version + 1;
    TRY_STATUS(audit_change(db, clock, actor,
                            {std::move(action), "incident", after.id, after.org_id, incident_audit_json(before),
                             incident_audit_json(after)}));
    return after;
}

Status check_text_field(std::string_view field, std::string_view value, size_t max, bool required) {
    if (required && text::trim(value).empty()) return fail(Error::invalid(std::string(field), "is required"));
    return text::check_free_text(field, value, max);
}

Result<domain::Organisation> organisation_of(storage::Connection& db, std::string_view org_id) {
    auto organisation = TRY(storage::find_organisation(db, org_id));
    if (!organisation) return fail(Error::internal("the case's organisation is missing"));
    return std::move(*organisation);
}

} // namespace skydda::app
