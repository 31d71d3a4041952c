// `skydda serve`: migrate, optionally load demo data, then serve until SIGINT/SIGTERM.
#include <fmt/format.h>

#include <charconv>
#include <iostream>
#include <mutex>

#include "cli/audit_setup.hpp"
#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "cli/mail_setup.hpp"
#include "http/forwarded.hpp"
#include "http/http.hpp"
#include "web/site.hpp"

namespace skydda::cli {
namespace {

Result<std::pair<std::string, uint16_t>> parse_listen(const std::string& listen) {
    auto colon = listen.rfind(':');
    unsigned port = 0;
    if (colon == std::string::npos ||
        std::from_chars(listen.data() + colon + 1, listen.data() + listen.size(), port).ec != std::errc() || port > 65535)
        return fail(Error::invalid("listen", "must be HOST:PORT, e.g. 127.0.0.1:8080"));
    return std::pair{listen.substr(0, colon), static_cast<uint16_t>(port)};
}

Result<size_t> parse_connection_cap(const std::string& text) {
    size_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value > 100000)
        return fail(Error::invalid("max_connections_per_address", "must be a whole number from 0 (no cap) to 100000"));
    return value;
}

void print_banner(std::ostream& out, const std::string& url, const std::vector<DemoLogin>& logins) {
    out << "Skydda is running at " << url << "  (Ctrl-C stops it)\n";
    if (logins.empty()) return;
    out << "\nDemo logins (password for all: " << k_demo_password << "):\n";
    for (const auto& login : logins)
        out << fmt::format("  {:<36} {:<10} {}\n", login.email, login.role, login.organisation);
    out << std::flush;
}

} // namespace

int cmd_serve(CommandContext& context) {
    auto listen = parse_listen(config_value(context, "listen").value);
    if (!listen) return report_error(context, listen.error());
    int threads = std::atoi(config_value(context, "threads").value.c_str());
    if (threads < 1 || threads > 64) return report_error(context, Error::invalid("threads", "must be 1 to 64"));
    auto secure_cookies = config_bool(context, "secure_cookies");
    if (!secure_cookies) return report_error(context, secure_cookies.error());
    std::string bad_proxy;
    auto proxies = http::parse_address_ranges(config_value(context, "trusted_proxies").value, &bad_proxy);
    if (!proxies)
        return report_error(context, Error::invalid("trusted_proxies", "'" + bad_proxy +
                                                                           "' is not an IP address or CIDR range"));
    auto accounts = account_options(context);
    if (!accounts) return report_error(context, accounts.error());
    auto per_address = parse_connection_cap(config_value(context, "max_connections_per_address").value);
    if (!per_address) return report_error(context, per_address.error());
    auto database = open_migrated(context);
    if (!database) return report_error(context, database.error());
    // Signed checkpoints of the audit trail's head, when audit_checkpoint_dir is set.
    auto checkpoints = start_checkpoints(context, **database);
    if (!checkpoints) return report_error(context, checkpoints.error());
    SystemClock clock;
    app::App app(**database, clock);
    app.set_account_options(*accounts);
    // E-mail: configured before the first request can queue any; the delivery worker runs beside
    // the server and is stopped before the database closes.
    auto mail = start_mail(context, app, fmt::format("http://{}:{}", listen->first, listen->second));
    if (!mail) return report_error(context, mail.error());
    context.err << fmt::format(R"({{"level":"info","event":"mail","delivery":"{}"}})",
                               (*mail)->enabled() ? "on" : "off (messages stay queued)")
                << '\n';
    std::vector<DemoLogin> logins;
    if (context.flag("demo")) {
        auto loaded = load_demo(app);
        if (!loaded) return report_error(context, loaded.error());
        logins = std::move(*loaded);
        if (logins.empty())
            for (const auto& person : {"anna.rapportor", "rebecka.registrator", "hugo.handlaggare", "karin.chef",
                                       "dora.dso", "ingrid.infosak", "adam.admin", "greta.granskare"})
                logins.push_back({std::string(person) + "@exempelby.se", "", "(demo data already loaded)"});
    }
    web::WebConfig web_config;
    web_config.secure_cookies = *secure_cookies;
    web_config.trusted_proxies = std::move(*proxies);
    web::Site site(app, web_config);
    http::ServerOptions options;
    options.host = listen->first;
    options.port = listen->second;
    options.threads = threads;
    options.max_connections_per_address = *per_address;
    options.open_body_bytes = web::k_anonymous_body_bytes;
    options.body_limit = [&site](const http::Request& header) { return site.body_limit(header); };
    static std::mutex log_mutex;
    http::Server server(options, [&](http::Request& request) { return site.handle(request); },
                        [](std::string_view line) {
                            std::lock_guard lock(log_mutex);
                            std::cerr << line << '\n';
                        });
    uint16_t port = 0;
    try {
        port = server.start();
    } catch (const std::exception& exception) {
        context.err << "skydda: cannot listen on " << options.host << ':' << options.port << ": " << exception.what() << '\n';
        return 1;
    }
    print_banner(context.out, fmt::format("http://{}:{}/", options.host, port), logins);
    server.run(true);
    mail->reset();
    app.flush_audit();
    checkpoints->reset(); // the last checkpoint includes the reads flushed just before
    context.err << R"({"level":"info","event":"stopped"})" << '\n';
    return 0;
}

} // namespace skydda::cli
