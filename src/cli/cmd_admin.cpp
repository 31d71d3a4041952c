// Administration subcommands: migrate, organisations, units, users, tokens, audit, config.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "cli/master_key.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories.hpp"

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
    database->set_key_ring(TRY(master_key_ring(context, url)));
    return database;
}

Result<std::unique_ptr<storage::Database>> open_migrated(const CommandContext& context) {
    auto database = TRY(open_configured(context, "db"));
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
    auto database = open_migrated(context);
    if (!database) return report_error(context, database.error());
    SystemClock clock;
    app::App app(**database, clock);
    return work(app);
}

} // namespace

int cmd_migrate(CommandContext& context) {
    auto database = open_configured(context, "db");
    if (!database) return report_error(context, database.error());
    auto applied = storage::migrate(**database);
    if (!applied) return report_error(context, applied.error());
    context.out << fmt::format("{{\"applied\": {}, \"schema_version\": {}}}\n", *applied, storage::latest_schema_version());
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
    return with_app(context, [&](app::App& app) {
        auto id = app.add_organisation(nullptr, input);
        if (!id) return report_error(context, id.error());
        print_id(context, *id);
        return 0;
    });
}

int cmd_org_list(CommandContext& context) {
    auto database = open_migrated(context);
    if (!database) return report_error(context, database.error());
    auto orgs = storage::transact_value<std::vector<storage::Organisation>>(
        **database, storage::TxMode::read, [](storage::Connection& db) { return storage::list_organisations(db); });
    if (!orgs) return report_error(context, orgs.error());
    boost::json::array items;
    for (const auto& org : *orgs)
        items.emplace_back(boost::json::object{{"id", org.id}, {"name", org.name}, {"orgnr", org.orgnr}});
    context.out << boost::json::serialize(boost::json::object{{"items", items}}) << '\n';
    return 0;
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
    std::optional<std::string> password;
    if (context.flag("password-stdin")) {
        std::string line;
        std::getline(context.in, line);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        password = line;
    }
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

int cmd_audit_verify(CommandContext& context) {
    return with_app(context, [&](app::App& app) {
        auto result = app.verify_audit();
        if (!result) return report_error(context, result.error());
        if (result->intact) {
            context.out << fmt::format("audit trail intact: {} entries\n", result->entries);
            return 0;
        }
        context.out << fmt::format("audit trail BROKEN at entry {}: {} ({} entries verified before it)\n",
                                   result->first_broken_seq, result->problem, result->entries);
        return 1;
    });
}

int cmd_config_show(CommandContext& context) {
    for (const auto& key : config_keys()) {
        auto value = config_value(context, key.name);
        auto shown = key.secret_in_url ? mask_secrets(value.value) : value.value;
        if (key.secret && !value.value.empty()) shown = "****";
        context.out << fmt::format("{:<15} = {:<28} ({}; {}; {})\n", key.name, shown, value.origin, key.environment,
                                   key.help);
    }
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

} // namespace skydda::cli
