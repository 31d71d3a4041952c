#include "cli/config.hpp"

#include <charconv>
#include <cstdlib>
#include <stdexcept>

namespace skydda::cli {

const std::vector<ConfigKey>& config_keys() {
    static const std::vector<ConfigKey> keys = {
        {"db", "--db", "SKYDDA_DB", "sqlite:var/skydda.db", "database URL: sqlite:PATH or postgresql://...", true},
        {"db_pool", "--db-pool", "SKYDDA_DB_POOL", "8",
         "database connections per process (PostgreSQL: the most open at once; SQLite: idle ones kept)"},
        {"listen", "--listen", "SKYDDA_LISTEN", "127.0.0.1:8080", "HOST:PORT the server listens on"},
        {"threads", "--threads", "SKYDDA_THREADS", "4", "request threads of the server"},
        {"max_connections_per_address", "--max-connections-per-address", "SKYDDA_MAX_CONNECTIONS_PER_ADDRESS", "32",
         "open connections one client address may hold (an IPv6 /64 counts as one); more are refused with 503. "
         "Behind a reverse proxy every connection comes from the proxy: raise it there, or 0 for no cap"},
        {"secure_cookies", "--secure-cookies", "SKYDDA_SECURE_COOKIES", "false",
         "mark cookies Secure and send Strict-Transport-Security (set to true behind TLS)", false, false, true},
        // Accounts and sessions (README "Sign-in and sessions").
        {"trusted_proxies", "--trusted-proxies", "SKYDDA_TRUSTED_PROXIES", "",
         "reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For names the client; "
         "empty: none, the TCP peer is the client"},
        {"session_idle_seconds", "--session-idle-seconds", "SKYDDA_SESSION_IDLE_SECONDS", "1800",
         "a session unused this long ends (1 to 36000 seconds; the absolute limit is 10 hours)"},
        {"token_days", "--token-days", "SKYDDA_TOKEN_DAYS", "90", "API tokens expire this many days after creation (1 to 3650)"},
        // E-mail (docs/email.md). Without smtp_url, e-mail is off: messages stay queued.
        {"smtp_url", "--smtp-url", "SKYDDA_SMTP_URL", "",
         "SMTP relay, e.g. smtp://mail.kommun.se:587; empty: e-mail off (messages wait in the outbox)"},
        {"smtp_from", "--smtp-from", "SKYDDA_SMTP_FROM", "", "sender address of Skydda's e-mail (required with smtp_url)"},
        {"smtp_user", "--smtp-user", "SKYDDA_SMTP_USER", "", "SMTP login name; empty: no login"},
        {"smtp_password", "--smtp-password", "SKYDDA_SMTP_PASSWORD", "", "SMTP password (prefer the environment)",
         false, true},
        {"smtp_tls", "--smtp-tls", "SKYDDA_SMTP_TLS", "starttls",
         "none | starttls (required STARTTLS) | tls (implicit TLS, smtps://)"},
        {"smtp_retry_seconds", "--smtp-retry-seconds", "SKYDDA_SMTP_RETRY_SECONDS", "60",
         "wait after a failed attempt; doubles per attempt up to an hour; after 10 attempts a message fails"},
        {"public_url", "--public-url", "SKYDDA_PUBLIC_URL", "",
         "the address people open Skydda at, for links in e-mail; empty: http://LISTEN"},
        // Keys kept outside the database (docs/security.md): audit.key, audit-sign.key, master.key.
        {"key_dir", "--key-dir", "SKYDDA_KEY_DIR", "",
         "directory of the keys kept outside the database, created 0700 by migrate; empty: DB_FILE.keys "
         "beside an SQLite database, var/keys for PostgreSQL"},
        // Signed checkpoints of the audit trail's head (docs/audit.md), written by serve.
        {"audit_checkpoint_dir", "--audit-checkpoint-dir", "SKYDDA_AUDIT_CHECKPOINT_DIR", "",
         "directory serve writes a signed audit checkpoint to at start, every interval and at stop (e.g. a "
         "write-once mount); empty: off"},
        {"audit_checkpoint_interval", "--audit-checkpoint-interval", "SKYDDA_AUDIT_CHECKPOINT_INTERVAL", "3600",
         "seconds between serve's audit checkpoints (60 to 86400)"},
    };
    return keys;
}

ConfigValue config_value(const CommandContext& context, std::string_view name) {
    for (const auto& key : config_keys()) {
        if (key.name != name) continue;
        if (auto flag = context.option(key.flag.substr(2))) return {*flag, "flag"};
        if (const char* env = std::getenv(std::string(key.environment).c_str()); env && *env)
            return {env, "environment"};
        return {std::string(key.fallback), "default"};
    }
    throw std::logic_error("unknown configuration key");
}

Result<bool> config_bool(const CommandContext& context, std::string_view name) {
    auto value = config_value(context, name);
    auto text = value.value;
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (text == "true" || text == "1" || text == "yes") return true;
    if (text == "false" || text == "0" || text == "no") return false;
    return fail(Error::invalid(std::string(name), "must be true, false, 1, 0, yes or no (" + value.origin + " gave '" +
                                                      value.value + "')"));
}

Status check_boolean_settings(const CommandContext& context) {
    for (const auto& key : config_keys())
        if (key.boolean) TRY(config_bool(context, key.name));
    return {};
}

Result<int64_t> config_integer(const CommandContext& context, std::string_view name, int64_t min, int64_t max) {
    auto value = config_value(context, name).value;
    int64_t number = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (value.empty() || ec != std::errc() || end != value.data() + value.size() || number < min || number > max)
        return fail(Error::invalid(std::string(name),
                                   "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max)));
    return number;
}

std::filesystem::path key_dir(const CommandContext& context) { return key_dir_for(context, config_value(context, "db").value); }

std::filesystem::path key_dir_for(const CommandContext& context, std::string_view db) {
    auto configured = config_value(context, "key_dir").value;
    if (!configured.empty()) return configured;
    if (db.starts_with("sqlite:")) return std::string(db.substr(7)) + ".keys";
    return "var/keys";
}

std::string mask_secrets(std::string_view value) {
    // postgresql://user:password@host/db → postgresql://user:****@host/db
    auto scheme = value.find("://");
    auto at = value.find('@');
    if (scheme == std::string_view::npos || at == std::string_view::npos) return std::string(value);
    auto colon = value.find(':', scheme + 3);
    if (colon == std::string_view::npos || colon > at) return std::string(value);
    return std::string(value.substr(0, colon + 1)) + "****" + std::string(value.substr(at));
}

} // namespace skydda::cli
