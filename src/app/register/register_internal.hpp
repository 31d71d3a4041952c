// Internal to app/register/: the access checks and small helpers the register's use cases share
// (register.cpp: groups, suppliers, systems; activities.cpp: activities and exposure).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "app/app.hpp"
#include "storage/database.hpp"

namespace skydda::app::register_access {

// Whether the actor keeps (write) or reads the register in any of a group's `members`.
bool allowed_in_group(const Actor& actor, const std::vector<std::string>& members, bool write);
// not_found unless the actor belongs to a member of the group; denied unless allowed there.
Status require_group(storage::Connection& db, const Actor& actor, std::string_view group_id, bool write);
// The same for one organisation.
Status require_org(const Actor& actor, std::string_view org_id, bool write);
std::string trimmed(std::string_view text);
// A save over another version than the one read (HTTP 412 with If-Match).
Error stale(std::string_view what);

} // namespace skydda::app::register_access
