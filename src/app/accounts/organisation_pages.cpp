// What the page shell shows of an organisation: the header's name and the footer's DPO contact.
#include "app/app.hpp"
#include "app/case_access.hpp"
#include "storage/repositories.hpp"

namespace skydda::app {
using storage::Connection;
using storage::TxMode;

Result<std::vector<domain::Organisation>> App::public_organisations() {
    return storage::transact_value<std::vector<domain::Organisation>>(
        m_database, TxMode::read, [](Connection& db) { return storage::list_organisations(db); });
}

// No read audit: the organisation is not case content, and the case itself is not returned.
Result<domain::Organisation> App::case_organisation(const Actor& actor, std::string_view incident_id) {
    return storage::transact_value<domain::Organisation>(
        m_database, TxMode::read, [&](Connection& db) -> Result<domain::Organisation> {
            auto visible = TRY(load_visible(db, actor, incident_id));
            return organisation_of(db, visible.first.org_id);
        });
}

} // namespace skydda::app
