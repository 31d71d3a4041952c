#include "domain/roles.hpp"

namespace skydda::domain {

std::optional<Role> parse_role(std::string_view text) {
    for (Role role : k_all_roles)
        if (role_name(role) == text) return role;
    return std::nullopt;
}

std::string_view role_name(Role role) {
    switch (role) {
    case Role::reporter: return "reporter";
    case Role::registrar: return "registrar";
    case Role::handler: return "handler";
    case Role::manager: return "manager";
    case Role::dpo: return "dpo";
    case Role::infosec: return "infosec";
    case Role::admin: return "admin";
    case Role::auditor: return "auditor";
    }
    return "reporter";
}

// The matrix is the product's access policy; tests/domain/test_incident.cpp (Roles.*) pins it down.
// The auditor reads everything and changes nothing. The admin administers accounts but does
// not read case files: case content is for those who handle it.
bool role_allows(Role role, Action action) {
    switch (action) {
    case Action::report: return true;
    case Action::read_all_cases:
        return role != Role::reporter && role != Role::admin;
    case Action::register_case: return role == Role::registrar || role == Role::dpo;
    case Action::assign: return role == Role::registrar || role == Role::handler || role == Role::dpo;
    case Action::edit_facts:
    case Action::change_status:
    case Action::ask_reporter: return role == Role::handler || role == Role::dpo;
    case Action::write_notes:
    case Action::manage_tasks:
    case Action::upload_attachment:
        return role == Role::registrar || role == Role::handler || role == Role::dpo || role == Role::manager ||
               role == Role::infosec;
    case Action::read_audit: return role == Role::auditor || role == Role::dpo || role == Role::admin;
    case Action::administer: return role == Role::admin;
    case Action::notify: return role == Role::handler || role == Role::dpo;
    case Action::manage_templates: return role == Role::dpo || role == Role::admin;
    case Action::write_dpo_report: return role == Role::dpo;
    case Action::manage_register: return role == Role::dpo || role == Role::admin;
    case Action::approve_register: return role == Role::dpo;
    }
    return false;
}

} // namespace skydda::domain
