// Administration subcommands: migrate, organisations, units, users, tokens, audit, config.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "cli/audit_setup.hpp"
#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "cli/master_key.hpp"
#include "doc/logo.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories.hpp"
#include "app/register/register.hpp"

namespace skydda::cli {

int report_error(CommandContext& context, const Error& error) {
    if (error.code == ErrorCode::invalid_argument) {
        context.err << (error.field.empty() ? std::string("input") : error.field) << ": " << error.message << '\n';
        return 2;
    }
    context.err << "skydda: " << error.message << '\n';
    return 1;
}

Result<std::unique_ptr<storage::Database>> open_configured(const CommandContext& context, std::string_view key) {
    auto pool = config_value(context, "db_pool").value;
    size_t pool_size = 0;
    auto [end, ec] = std::from_chars(pool.data(), pool.data() + pool.size(), pool_size);
    if (ec != std::errc() || end != pool.data() + pool.size() || pool_size < 1 || pool_size > 1000)
        return fail(Error::invalid("db_pool", "must be a number of connections from 1 to 1000"));
    auto url = config_value(context, key).value;
    auto database = TRY(storage::open_database(url, storage::DatabaseOptions{pool_size}));
    TRY_STATUS(attach_audit_key(*database, key_dir_for(context, url), false));
    database->set_key_ring(TRY(master_key_ring(context, url)));
    return database;
}

Result<std::unique_ptr<storage::Database>> open_migrated(const CommandContext& context) {
    auto database = TRY(open_configured(context, "db"));
    TRY_STATUS(attach_writing_audit_key(*database, key_dir(context)));
    TRY_STATUS(ensure_audit_signing_key(key_dir(context)));
    TRY(storage::migrate(*database));
    return database;
}

namespace {

void print_id(CommandContext& context, const std::string& id) {
    context.out << boost::json::serialize(boost::json::object{{"id", id}}) << '\n';
}

Result<std::string> required(const CommandContext& context, std::string_view name) {
    auto value = context.option(name);
    if (!value || value->empty()) return fail(Error::invalid(std::string(name), "is required (--" + std::string(name) + ")"));
    return *value;
}

// Runs `work` with an App over the configured, migrated database.
template <class Work>
int with_app(CommandContext& context, Work work) {
    auto accounts = account_options(context);
    if (!accounts) return report_error(context, accounts.error());
    auto database = open_migrated(context);
    if (!database) return report_error(context, database.error());
    SystemClock clock;
    app::App app(**database, clock);
    app.set_account_options(*accounts);
    return work(app);
}

int64_t last_audit_seq(storage::Database& database) {
    auto rows = storage::transact_value<std::vector<storage::Row>>(database, storage::TxMode::read, [](storage::Connection& db) {
        return db.query("SELECT MAX(seq) FROM audit_log");
    });
    return rows && !rows->empty() ? rows->at(0).integer(0) : 0; // no table yet: nothing to re-chain
}

// When this run re-chained an unkeyed trail (migration 10), says so in migrate's result.
std::string rechain_note(storage::Database& database, int64_t after_seq) {
    auto rows = storage::transact_value<std::vector<storage::Row>>(database, storage::TxMode::read, [&](storage::Connection& db) {
        return db.query("SELECT after_json FROM audit_log WHERE action = 'audit.rechain' AND seq > ?", {after_seq});
    });
    if (!rows || rows->empty()) return {};
    boost::system::error_code ec;
    auto note = boost::json::parse(rows->at(0).text(0), ec);
    if (ec || !note.is_object() || !note.as_object().contains("rechained")) return {};
    auto count = note.as_object().at("rechained");
    return fmt::format(", \"audit_rechained\": {}, \"audit_note\": \"the audit entries written before the keyed "
                       "chain were verified with the unkeyed hash only, then re-chained with the key\"",
                       boost::json::serialize(count));
}

// One line from standard input (the password), without its line end.
std::optional<std::string> password_from_stdin(CommandContext& context) {
    if (!context.flag("password-stdin")) return std::nullopt;
    std::string line;
    std::getline(context.in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

std::string time_or_empty(const std::optional<Instant>& at) { return at ? format_utc(*at) : std::string(); }

} // namespace

Result<app::AccountOptions> account_options(const CommandContext& context) {
    app::AccountOptions options;
    options.session_idle = std::chrono::seconds(TRY(config_integer(context, "session_idle_seconds", 1, 36000)));
    options.token_lifetime = std::chrono::days(TRY(config_integer(context, "token_days", 1, 3650)));
    return options;
}

int cmd_migrate(CommandContext& context) {
    auto database = open_configured(context, "db");
    if (!database) return report_error(context, database.error());
    if (auto keyed = attach_writing_audit_key(**database, key_dir(context)); !keyed)
        return report_error(context, keyed.error());
    if (auto seed = audit_signing_seed(key_dir(context), true); !seed) return report_error(context, seed.error());
    auto before = last_audit_seq(**database);
    auto applied = storage::migrate(**database);
    if (!applied) return report_error(context, applied.error());
    context.out << fmt::format("{{\"applied\": {}, \"schema_version\": {}{}}}\n", *applied,
                               storage::latest_schema_version(), *applied > 0 ? rechain_note(**database, before) : "");
    return 0;
}

int cmd_org_add(CommandContext& context) {
    app::OrganisationInput input;
    auto name = required(context, "name");
    if (!name) return report_error(context, name.error());
    input.name = *name;
    input.orgnr = context.option("orgnr").value_or("");
    input.sector = context.option("sector").value_or("public");
    input.address = context.option("address").value_or("");
    input.dpo_name = context.option("dpo-name").value_or("");
    input.dpo_email = context.option("dpo-email").value_or("");
    input.dpo_phone = context.option("dpo-phone").value_or("");
    input.registry_pattern = context.option("registry-pattern").value_or("");
    auto group = context.option("group").value_or("");
    return with_app(context, [&](app::App& app) {
        if (!group.empty()) {
            auto groups = app::list_groups(app);
            if (!groups) return report_error(context, groups.error());
            if (std::none_of(groups->begin(), groups->end(), [&](const app::GroupRecord& g) { return g.id == group; }))
                return report_error(context, Error::invalid("group", "no such group (see skydda group list)"));
        }
        auto id = app.add_organisation(nullptr, input);
        if (!id) return report_error(context, id.error());
        if (!group.empty())
            if (auto joined = app::set_organisation_group(app, nullptr, *id, group); !joined)
                return report_error(context, joined.error());
        print_id(context, *id);
        return 0;
    });
}

int cmd_org_list(CommandContext& context) {
    auto database = open_migrated(context);
    if (!database) return report_error(context, database.error());
    auto orgs = storage::transact_value<std::vector<domain::Organisation>>(
        **database, storage::TxMode::read, [](storage::Connection& db) { return storage::list_organisations(db); });
    if (!orgs) return report_error(context, orgs.error());
    boost::json::array items;
    for (const auto& org : *orgs)
        items.emplace_back(boost::json::object{{"id", org.id}, {"name", org.name}, {"orgnr", org.orgnr}});
    context.out << boost::json::serialize(boost::json::object{{"items", items}}) << '\n';
    return 0;
}

namespace {

// The organisation named on the command line: its id, or its exact name when that is unique.
Result<std::string> resolve_organisation(storage::Database& database, const std::string& name) {
    auto orgs = TRY(storage::transact_value<std::vector<domain::Organisation>>(
        database, storage::TxMode::read, [](storage::Connection& db) { return storage::list_organisations(db); }));
    std::vector<std::string> found;
    for (const auto& org : orgs)
        if (org.id == name) return org.id;
    for (const auto& org : orgs)
        if (org.name == name) found.push_back(org.id);
    if (found.size() == 1) return found.front();
    if (found.empty()) return fail(Error::invalid("org", "no organisation with that id or name (see skydda org list)"));
    return fail(Error::invalid("org", "several organisations have that name; give the id (see skydda org list)"));
}

// The logo file, read to one byte past the limit (the size check then names it too large).
Result<std::string> read_logo_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(Error::invalid("logo", "cannot read the file " + path));
    std::string data(doc::k_logo_max_bytes + 1, '\0');
    in.read(data.data(), static_cast<std::streamsize>(data.size()));
    data.resize(static_cast<size_t>(in.gcount()));
    return data;
}

} // namespace

int cmd_org_set(CommandContext& context) {
    auto positionals = context.positionals();
    if (positionals.size() != 1) return report_error(context, Error::invalid("org", "give one organisation (its id or name)"));
    auto logo_path = context.option("logo");
    bool remove = context.flag("no-logo") || (logo_path && logo_path->empty());
    if (!logo_path && !remove) return report_error(context, Error::invalid("logo", "give --logo FILE, --logo '' or --no-logo"));
    if (context.flag("no-logo") && logo_path && !logo_path->empty())
        return report_error(context, Error::invalid("logo", "give either --logo FILE or --no-logo"));
    std::optional<std::string> image;
    if (!remove) {
        auto data = read_logo_file(*logo_path);
        if (!data) return report_error(context, data.error());
        image = std::move(*data);
    }
    return with_app(context, [&](app::App& app) {
        auto org = resolve_organisation(app.database(), positionals.front());
        if (!org) return report_error(context, org.error());
        auto logo = app.set_organisation_logo(nullptr, *org, std::move(image));
        if (!logo) return report_error(context, logo.error());
        boost::json::value described = nullptr;
        if (*logo)
            described = boost::json::object{{"content_type", (*logo)->content_type}, {"width", (*logo)->width},
                                            {"height", (*logo)->height}, {"digest", (*logo)->digest}};
        context.out << boost::json::serialize(boost::json::object{{"id", *org}, {"logo", described}}) << '\n';
        return 0;
    });
}

int cmd_unit_add(CommandContext& context) {
    auto org = required(context, "org");
    auto name = required(context, "name");
    if (!org) return report_error(context, org.error());
    if (!name) return report_error(context, name.error());
    return with_app(context, [&](app::App& app) {
        auto id = app.add_unit(nullptr, *org, *name);
        if (!id) return report_error(context, id.error());
        print_id(context, *id);
        return 0;
    });
}

int cmd_user_add(CommandContext& context) {
    for (auto name : {"org", "email", "name", "role"})
        if (auto value = required(context, name); !value) return report_error(context, value.error());
    auto password = password_from_stdin(context);
    return with_app(context, [&](app::App& app) {
        auto id = app.add_user(nullptr, *context.option("org"), *context.option("email"), *context.option("name"),
                               *context.option("role"), password);
        if (!id) return report_error(context, id.error());
        print_id(context, *id);
        return 0;
    });
}

int cmd_token_create(CommandContext& context) {
    auto email = required(context, "email");
    if (!email) return report_error(context, email.error());
    return with_app(context, [&](app::App& app) {
        auto token = app.create_api_token(nullptr, *email);
        if (!token) return report_error(context, token.error());
        context.out << "API token for " << *email << " (shown once; store it safely):\n" << *token << '\n';
        return 0;
    });
}

int cmd_user_password(CommandContext& context) {
    auto email = required(context, "email");
    if (!email) return report_error(context, email.error());
    auto password = password_from_stdin(context);
    if (!password) return report_error(context, Error::invalid("password", "is read from standard input (--password-stdin)"));
    return with_app(context, [&](app::App& app) {
        if (auto done = app.reset_password(nullptr, *email, *password); !done) return report_error(context, done.error());
        context.out << "password set for " << *email << "; their sessions and API tokens are ended\n";
        return 0;
    });
}

int cmd_token_list(CommandContext& context) {
    auto email = context.option("email").value_or("");
    return with_app(context, [&](app::App& app) {
        auto tokens = app.api_tokens(nullptr, email);
        if (!tokens) return report_error(context, tokens.error());
        if (context.flag("json")) {
            boost::json::array items;
            for (const auto& token : *tokens) {
                boost::json::object item{{"id", token.id}, {"email", token.email}, {"created_at", format_utc(token.created_at)},
                                         {"expires_at", time_or_empty(token.expires_at)}, {"last_used_at", nullptr}};
                if (token.last_used_at) item["last_used_at"] = format_utc(*token.last_used_at);
                items.push_back(std::move(item));
            }
            context.out << boost::json::serialize(items) << '\n';
            return 0;
        }
        context.out << fmt::format("{:<32}  {:<30}  {:<20}  {:<20}  {}\n", "ID", "E-MAIL", "CREATED", "EXPIRES", "LAST USED");
        for (const auto& token : *tokens)
            context.out << fmt::format("{:<32}  {:<30}  {:<20}  {:<20}  {}\n", token.id, token.email,
                                       format_utc(token.created_at), time_or_empty(token.expires_at),
                                       token.last_used_at ? format_utc(*token.last_used_at) : "never");
        return 0;
    });
}

int cmd_token_revoke(CommandContext& context) {
    auto ids = context.positionals();
    if (ids.empty()) return report_error(context, Error::invalid("id", "is required (skydda token revoke ID)"));
    if (ids.size() > 1) return report_error(context, Error::invalid("id", "give one token id"));
    return with_app(context, [&](app::App& app) {
        if (auto done = app.revoke_api_token(nullptr, ids[0]); !done) return report_error(context, done.error());
        context.out << boost::json::serialize(boost::json::object{{"revoked", ids[0]}}) << '\n';
        return 0;
    });
}

int cmd_config_show(CommandContext& context) {
    for (const auto& key : config_keys()) {
        auto value = config_value(context, key.name);
        auto shown = key.secret_in_url ? mask_secrets(value.value) : value.value;
        if (key.secret && !value.value.empty()) shown = "****";
        context.out << fmt::format("{:<20} = {:<28} ({}; {}; {})\n", key.name, shown, value.origin, key.environment,
                                   key.help);
    }
    // The audit chain's key files (never the keys): where migrate creates them and serve reads them.
    auto keys = key_dir(context);
    const char* environment_key = audit_key_from_environment();
    context.out << fmt::format("{:<15} = {:<28} (key_dir; {}; the audit chain's MAC key, 0600{})\n", "audit_key_file",
                               audit_key_path(keys).string(), k_audit_key_environment,
                               environment_key ? "; unused: the environment's key is set" : "");
    context.out << fmt::format("{:<15} = {:<28} (key_dir; the Ed25519 seed that signs audit checkpoints, 0600)\n",
                               "audit_sign_key", audit_sign_key_path(keys).string());
    // The master key's file (never the key): encryption at rest, docs/security.md.
    if (master_key_from_environment())
        context.out << fmt::format("{:<15} = {:<28} ({}; {}; {})\n", "master_key", "****", "environment",
                                   k_master_key_environment, "master key of encryption at rest (overrides the file)");
    else
        context.out << fmt::format("{:<15} = {:<28} ({}; {}; {})\n", "master_key",
                                   master_key_path(context, config_value(context, "db").value).string(), "key_dir",
                                   k_master_key_environment,
                                   "file of the master key of encryption at rest, created 0600 by migrate");
    return 0;
}

// --- groups of organisations (the register's suppliers and systems are kept per group) -----

int cmd_group_add(CommandContext& context) {
    auto name = context.option("name");
    if (!name) return report_error(context, Error::invalid("name", "is required"));
    return with_app(context, [&](app::App& app) {
        auto group = app::add_group(app, nullptr, *name);
        if (!group) return report_error(context, group.error());
        print_id(context, group->id);
        return 0;
    });
}

int cmd_group_list(CommandContext& context) {
    return with_app(context, [&](app::App& app) {
        auto groups = app::list_groups(app);
        if (!groups) return report_error(context, groups.error());
        boost::json::array items;
        for (const auto& group : *groups) items.emplace_back(boost::json::object{{"id", group.id}, {"name", group.name}});
        context.out << boost::json::serialize(boost::json::object{{"items", items}}) << '\n';
        return 0;
    });
}

int cmd_org_set_group(CommandContext& context) {
    auto positionals = context.positionals();
    if (positionals.size() != 1) return report_error(context, Error::invalid("org", "give one organisation (its id)"));
    auto group = context.option("group");
    if (!group) return report_error(context, Error::invalid("group", "give --group ID, or --group '' for none"));
    return with_app(context, [&](app::App& app) {
        auto done = app::set_organisation_group(app, nullptr, positionals.front(), *group);
        if (!done) return report_error(context, done.error().code == ErrorCode::not_found
                                                    ? Error::invalid("org", "no organisation with that id (see skydda org list)")
                                                    : done.error());
        context.out << boost::json::serialize(boost::json::object{{"id", positionals.front()}, {"group", *group}}) << '\n';
        return 0;
    });
}

} // namespace skydda::cli
