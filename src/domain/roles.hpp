// Roles and what each may do within its own organisation (least privilege). The check of
// *which* organisation happens in app/: a role only ever applies where it was granted.
#pragma once
#include <optional>
#include <string_view>

namespace skydda::domain {

enum class Role { reporter, registrar, handler, manager, dpo, infosec, admin, auditor };

std::optional<Role> parse_role(std::string_view text);
std::string_view role_name(Role role);
inline constexpr Role k_all_roles[] = {Role::reporter, Role::registrar, Role::handler, Role::manager,
                                       Role::dpo,      Role::infosec,   Role::admin,   Role::auditor};

enum class Action {
    report,            // file a report (every member)
    read_all_cases,    // see every case of the organisation
    register_case,     // registrar: register and route
    assign,            // choose the handler
    edit_facts,        // change the case's facts
    change_status,     // move through the workflow
    write_notes,       // dated notes (löpande anteckningar)
    manage_tasks,      // create and complete tasks
    ask_reporter,      // put a question to the reporter
    upload_attachment, // attach files to any case
    read_audit,        // read the audit trail
    administer,        // organisation, units, users
    notify,            // prepare and record notifications: IMY, the people, controllers
    manage_templates,  // the organisation's letter templates and its customers (as processor)
    write_dpo_report,  // the DPO's own text in the annual report (assessments, recommendations)
    manage_register,   // the register of processing: activities, the group's suppliers and systems
    approve_register,  // approve a processing activity (the DPO's review)
};

bool role_allows(Role role, Action action);

} // namespace skydda::domain
