// Sending one message over SMTP with libcurl: STARTTLS or implicit TLS, optional login,
// timeouts. A reply in the 5xx range is a permanent refusal (ErrorCode::invalid_argument,
// field "smtp"); everything else that fails (connection, timeout, 4xx) is `unavailable` and
// worth a retry.
#pragma once
#include <chrono>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace skydda::mail {

enum class TlsMode { none, starttls, tls };
Result<TlsMode> parse_tls_mode(std::string_view text); // "none" | "starttls" | "tls"

struct SmtpSettings {
    std::string url;  // smtp://host:port (smtps:// is used for tls)
    std::string user; // empty: no login
    std::string password;
    TlsMode tls = TlsMode::starttls;
    std::chrono::seconds connect_timeout{10};
    std::chrono::seconds timeout{60}; // the whole transfer; keep it below the outbox lease
};

// Sends `data` (a complete message from build_message) from `from` to `to`.
Status smtp_send(const SmtpSettings& settings, std::string_view from, std::string_view to, std::string_view data);

} // namespace skydda::mail
