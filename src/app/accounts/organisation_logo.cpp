// The organisation's logo: set and removed by the operator (CLI) or the organisation's
// administrator, read by its members (the page header, the logo route, the documents).
#include <boost/json.hpp>

#include "app/app.hpp"
#include "app/audit_support.hpp"
#include "doc/logo.hpp"
#include "storage/repositories.hpp"
#include "util/crypto.hpp"

namespace skydda::app {

using storage::Connection;
using storage::TxMode;

Result<std::optional<storage::LogoRecord>> App::set_organisation_logo(const Actor* actor, std::string_view org_id,
                                                                      std::optional<std::string> image) {
    if (actor && !actor->allows(org_id, domain::Action::administer)) return fail(Error::denied());
    std::optional<storage::LogoRecord> logo;
    if (image) {
        auto checked = TRY(doc::check_logo(std::move(*image)));
        logo = storage::LogoRecord{std::string(org_id), {}, checked.content_type, std::move(checked.data),
                                   checked.width, checked.height, {}, m_clock.now()};
        logo->digest = crypto::hash_hex(logo->data);
    }
    TRY_STATUS(m_database.transact(TxMode::write, [&](Connection& db) -> Status {
        auto organisation = TRY(storage::find_organisation(db, org_id));
        if (!organisation) return fail(Error::invalid("org", "no such organisation"));
        auto before = TRY(storage::find_logo_info(db, org_id));
        auto describe = [](const std::optional<storage::LogoRecord>& record) -> std::string {
            if (!record) return {};
            return boost::json::serialize(boost::json::object{{"content_type", record->content_type},
                                                              {"width", record->width},
                                                              {"height", record->height},
                                                              {"digest", record->digest}});
        };
        if (logo) {
            logo->org_name = organisation->name;
            TRY_STATUS(storage::put_logo(db, *logo));
        } else if (!TRY(storage::delete_logo(db, org_id))) {
            return {}; // nothing to remove: no change, no entry
        }
        return audit_change(db, m_clock, actor,
                            {"organisation.logo", "organisation", std::string(org_id), std::string(org_id),
                             describe(before), describe(logo)});
    }));
    if (logo) logo->data.clear();
    return logo;
}

Result<storage::LogoRecord> App::organisation_logo(const Actor& actor, std::string_view org_id) {
    if (!actor.member_of(org_id)) return fail(Error::not_found("no logo"));
    auto logo = TRY(storage::transact_value<std::optional<storage::LogoRecord>>(
        m_database, TxMode::read, [&](Connection& db) { return storage::find_logo(db, org_id); }));
    if (!logo) return fail(Error::not_found("no logo"));
    return std::move(*logo);
}

Result<std::optional<storage::LogoRecord>> App::organisation_logo_info(const Actor& actor, std::string_view org_id) {
    if (!actor.member_of(org_id)) return std::optional<storage::LogoRecord>();
    return storage::transact_value<std::optional<storage::LogoRecord>>(
        m_database, TxMode::read, [&](Connection& db) { return storage::find_logo_info(db, org_id); });
}

} // namespace skydda::app
