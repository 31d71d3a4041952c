// The subcommand table and the dispatcher. `skydda --help` is generated from the table.
#include "cli/command.hpp"

#include <fmt/format.h>

#include <exception>
#include <iostream>

#include "cli/cmd_assess.hpp"
#include "cli/commands.hpp"
#include "cli/config.hpp"

namespace skydda::cli {

std::optional<std::string> CommandContext::option(std::string_view name) const {
    const std::string flag = "--" + std::string(name);
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == flag && i + 1 < args.size()) return args[i + 1];
        if (args[i].starts_with(flag + "=")) return args[i].substr(flag.size() + 1);
    }
    return std::nullopt;
}

bool CommandContext::flag(std::string_view name) const {
    const std::string flag = "--" + std::string(name);
    for (const auto& arg : args)
        if (arg == flag) return true;
    return false;
}

std::vector<std::string> CommandContext::positionals() const {
    // Options that take no value; every other --option consumes the next argument.
    static constexpr std::string_view k_bare[] = {"--password-stdin", "--demo", "--json", "--help", "--stats", "--update-case",
                                                 "--passphrase-stdin", "--unencrypted", "--data-keys", "--no-logo"};
    std::vector<std::string> found;
    for (size_t i = 0; i < args.size(); ++i) {
        const auto& arg = args[i];
        if (arg == "-" || !arg.starts_with("--")) {
            found.push_back(arg);
            continue;
        }
        bool bare = std::find(std::begin(k_bare), std::end(k_bare), arg) != std::end(k_bare);
        if (!bare && arg.find('=') == std::string::npos) ++i;
    }
    return found;
}

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"serve", "[--db URL] [--listen HOST:PORT] [--threads N] [--demo]",
         "start the web server and API (migrates first; --demo loads demo data into an empty database)", cmd_serve},
        {"migrate", "[--db URL]", "create or upgrade the database schema", cmd_migrate},
        {"org add",
         "--name NAME [--orgnr NNNNNN-NNNN] [--sector public|private|other] [--address TEXT] [--dpo-name TEXT] "
         "[--dpo-email TEXT] [--dpo-phone TEXT] [--registry-pattern P] [--group ID] [--db URL]",
         "add an organisation (a controller), in a group when given; prints {\"id\": ...}", cmd_org_add},
        {"org set-group", "ORG --group ID|'' [--db URL]",
         "move an organisation into a group (or out of any with ''); the group's suppliers and systems serve it",
         cmd_org_set_group},
        {"group add", "--name NAME [--db URL]",
         "add a group of organisations (a municipality with its nämnder) that share the register's suppliers and "
         "systems; prints {\"id\": ...}",
         cmd_group_add},
        {"group list", "[--db URL]", "list the groups as JSON", cmd_group_list},
        {"org list", "[--db URL]", "list organisations as JSON", cmd_org_list},
        {"org set", "ORG (--logo FILE | --logo '' | --no-logo) [--db URL]",
         "set the organisation's logo (ORG: its id or exact name; a PNG or JPEG of at most 256 KB and 1000 x 1000 "
         "pixels), or remove it; prints {\"id\": ..., \"logo\": ...}",
         cmd_org_set},
        {"unit add", "--org ORG --name NAME [--db URL]", "add a unit (förvaltning, school...) to an organisation",
         cmd_unit_add},
        {"user add", "--org ORG --email EMAIL --name NAME --role ROLE [--password-stdin] [--db URL]",
         "add a person, or a role for an existing person in another organisation; prints {\"id\": ...}", cmd_user_add},
        {"user password", "--email EMAIL --password-stdin [--db URL]",
         "set a person's password (read from standard input); ends all their sessions and API tokens",
         cmd_user_password},
        {"token create", "--email EMAIL [--token-days N] [--db URL]",
         "create an API token (expires after token_days); printed on the last line", cmd_token_create},
        {"token list", "[--email EMAIL] [--json] [--db URL]",
         "list API tokens (id, person, created, expires, last used; never the secret)", cmd_token_list},
        {"token revoke", "ID [--db URL]", "revoke an API token by its id (see token list)", cmd_token_revoke},
        {"audit verify", "[--db URL] [--checkpoint FILE]",
         "check the audit trail's keyed chain (and that it still holds a signed checkpoint's head); exit 0 when "
         "intact, 1 when tampered, 2 on bad input",
         cmd_audit_verify},
        {"audit checkpoint", "--out FILE [--db URL]",
         "write a signed checkpoint of the audit trail's head (entries, head MAC, time) to a new FILE",
         cmd_audit_checkpoint},
        {"audit list", "[--case ID] [--action ACTION] [--limit N] [--db URL]",
         "the audit trail as JSON lines, oldest first: who, when, what (reads included; never content)",
         cmd_audit_list},
        {"config show", "", "show configuration values and where each comes from (secrets masked)", cmd_config_show},
        {"demo", "[--db URL]", "load the demo municipality into an empty database and print the logins", cmd_demo},
        {"demo generate", "--incidents N [--orgs K] [--seed S] [--worked W] [--db URL]",
         "add N realistic cases over ten years in K new organisations: W (default 2000) worked through the use cases, "
         "the rest copies of their stored rows at other times (a progress bar on a terminal)",
         cmd_demo_generate},
        {"assess", "[FILE | --jsonl FILE]", "risk assessment by the assessment contract (JSON in, JSON out)", cmd_assess},
        {"export",
         "--db URL --case ID --document KIND --format pdf|html|json [--language sv|en] [--phase N] [--recipient ID] "
         "[--out FILE]",
         "export a document of a case (KIND: imy-notification, imy-supplement, subject-letter, processor-notice, "
         "internal-report)",
         cmd_export},
        {"scan",
         "[--json] [--stats] [--threads N] [--report FILE.html] [--lang sv|en] [--vocab DIR] [--today YYYY-MM-DD] "
         "[--attach CASE_ID [--label TEXT] [--update-case] [--db URL]] PATH...",
         "count the personal data in files (identity numbers, contact details, special categories); "
         "--attach stores the summary on a case",
         cmd_scan},
        {"backup", "--to FILE (--passphrase-stdin | --key-file FILE | --unencrypted [--format sqlite|portable]) [--db URL]",
         "back up the database, encrypted with a passphrase (argon2id) or a key file; --unencrypted: SQLite online "
         "backup or a consistent portable snapshot (PostgreSQL)",
         cmd_backup},
        {"restore", "--from FILE [--passphrase-stdin | --key-file FILE] [--db URL]",
         "restore a backup into an empty database (same master key); checks row counts and the audit trail",
         cmd_restore},
        {"keys rotate", "[--data-keys] [--db URL]",
         "a new master key (key_dir/master.key) wraps every data key again; --data-keys: new data keys "
         "re-encrypt the contents",
         cmd_keys_rotate},
        {"outbox list", "[--json] [--db URL]",
         "the e-mail outbox: each message's status, attempts, next attempt and last error (never the body)",
         cmd_outbox_list},
        {"outbox retry", "--id ID [--db URL]", "put a failed e-mail back in the queue now", cmd_outbox_retry},
        {"copy-db", "--from URL --to URL",
         "copy a database into an empty one (e.g. sqlite: to postgresql://); checks counts and the audit trail",
         cmd_copy_db},
    };
    return table;
}

namespace {

void print_help(std::ostream& out) {
    out << "Skydda — personal data breach handling (personuppgiftsincidenter)\n\n"
           "Usage: skydda COMMAND [OPTIONS]\n\nCommands:\n";
    for (const auto& command : commands()) out << fmt::format("  {:<14} {}\n", command.name, command.help);
    out << "\nRun 'skydda COMMAND --help' for a command's options. Configuration: 'skydda config show'.\n";
}

// Finds the longest table entry whose words start the argument list.
const Command* find_command(const std::vector<std::string>& args, size_t& words) {
    const Command* best = nullptr;
    for (const auto& command : commands()) {
        std::vector<std::string_view> parts;
        std::string_view name = command.name;
        while (!name.empty()) {
            auto space = name.find(' ');
            parts.push_back(name.substr(0, space));
            name = space == std::string_view::npos ? std::string_view() : name.substr(space + 1);
        }
        if (parts.size() > args.size()) continue;
        bool match = true;
        for (size_t i = 0; i < parts.size(); ++i) match = match && args[i] == parts[i];
        if (match && (!best || parts.size() > words)) {
            best = &command;
            words = parts.size();
        }
    }
    return best;
}

} // namespace

int run_cli(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        print_help(args.empty() ? err : out);
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        out << "skydda 0.1.0\n";
        return 0;
    }
    size_t words = 0;
    const Command* command = find_command(args, words);
    if (!command) {
        err << "skydda: unknown command '" << args[0] << "'; see 'skydda --help'\n";
        return 2;
    }
    CommandContext context{{args.begin() + static_cast<std::ptrdiff_t>(words), args.end()}, in, out, err};
    if (context.flag("help")) {
        out << "Usage: skydda " << command->name << ' ' << command->synopsis << "\n\n" << command->help << '\n';
        return 0;
    }
    // Boolean settings are read strictly, before any command runs (cli/config.cpp).
    if (auto booleans = check_boolean_settings(context); !booleans) return report_error(context, booleans.error());
    try {
        return command->run(context);
    } catch (const std::exception& exception) {
        err << "skydda: internal error: " << exception.what() << '\n';
        return 1;
    }
}

} // namespace skydda::cli
