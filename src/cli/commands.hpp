// The subcommand handlers listed in command.cpp's table, and what they share.
#pragma once
#include <memory>

#include "app/app.hpp"
#include "cli/command.hpp"
#include "storage/database.hpp"

namespace skydda::cli {

int cmd_serve(CommandContext& context);
int cmd_migrate(CommandContext& context);
int cmd_org_add(CommandContext& context);
int cmd_org_list(CommandContext& context);
int cmd_org_set(CommandContext& context);
int cmd_org_set_group(CommandContext& context); // cmd_admin.cpp, with the groups
int cmd_group_add(CommandContext& context);
int cmd_group_list(CommandContext& context);
int cmd_unit_add(CommandContext& context);
int cmd_user_add(CommandContext& context);
int cmd_token_create(CommandContext& context);
int cmd_token_list(CommandContext& context);
int cmd_token_revoke(CommandContext& context);
int cmd_user_password(CommandContext& context);
int cmd_audit_verify(CommandContext& context);     // cmd_audit.cpp
int cmd_audit_checkpoint(CommandContext& context);
int cmd_audit_list(CommandContext& context); // cmd_audit_list.cpp
int cmd_config_show(CommandContext& context);
int cmd_demo(CommandContext& context);
int cmd_demo_generate(CommandContext& context); // cmd_demo_generate.cpp
int cmd_scan(CommandContext& context);
int cmd_backup(CommandContext& context);
int cmd_restore(CommandContext& context);
int cmd_copy_db(CommandContext& context);
int cmd_export(CommandContext& context); // cmd_export.cpp
int cmd_outbox_list(CommandContext& context);  // cmd_outbox.cpp
int cmd_outbox_retry(CommandContext& context);
int cmd_keys_rotate(CommandContext& context); // cmd_keys.cpp

// Opens the database named by configuration key `key` ("db"), with the configured pool size.
Result<std::unique_ptr<storage::Database>> open_configured(const CommandContext& context, std::string_view key);
// Opens the configured database and brings its schema up to date.
Result<std::unique_ptr<storage::Database>> open_migrated(const CommandContext& context);
// The account settings (session_idle_seconds, token_days), checked.
Result<app::AccountOptions> account_options(const CommandContext& context);
// Prints an error the CLI way: "field: message" and exit 2 for bad input, else exit 1.
int report_error(CommandContext& context, const Error& error);
// A command's result as its exit code: the value, or the error reported as above.
inline int exit_code(CommandContext& context, const Result<int>& result) {
    return result ? *result : report_error(context, result.error());
}

struct DemoLogin {
    std::string email, role, organisation;
};
// Loads the demo municipality when the database has no organisations; returns the logins.
Result<std::vector<DemoLogin>> load_demo(app::App& app);
inline constexpr std::string_view k_demo_password = "skydda-demo-2026";

} // namespace skydda::cli
