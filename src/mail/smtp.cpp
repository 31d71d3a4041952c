#include "mail/smtp.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <cstring>
#include <mutex>

namespace skydda::mail {
namespace {

struct Upload {
    std::string_view data;
    size_t offset = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    size_t n = std::min(size * count, upload->data.size() - upload->offset);
    std::memcpy(buffer, upload->data.data() + upload->offset, n);
    upload->offset += n;
    return n;
}

// curl_global_init is not thread-safe in every libcurl build; do it once, before any worker.
void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string url_for(const SmtpSettings& settings) {
    if (settings.tls == TlsMode::tls && settings.url.starts_with("smtp://"))
        return "smtps://" + settings.url.substr(7);
    return settings.url;
}

struct Easy {
    CURL* handle = curl_easy_init();
    curl_slist* recipients = nullptr;
    ~Easy() {
        curl_slist_free_all(recipients);
        if (handle) curl_easy_cleanup(handle);
    }
};

} // namespace

Result<TlsMode> parse_tls_mode(std::string_view text) {
    if (text == "none") return TlsMode::none;
    if (text == "starttls") return TlsMode::starttls;
    if (text == "tls") return TlsMode::tls;
    return fail(Error::invalid("smtp_tls", "must be none, starttls or tls"));
}

Status smtp_send(const SmtpSettings& settings, std::string_view from, std::string_view to, std::string_view data) {
    global_init();
    Easy easy;
    if (!easy.handle) return fail(Error::internal("libcurl could not start"));
    CURL* curl = easy.handle;
    auto url = url_for(settings);
    // fmt rather than "<" + std::string(...): GCC 12 warns falsely (-Wrestrict) on the latter.
    std::string mail_from = fmt::format("<{}>", from), rcpt_to = fmt::format("<{}>", to);
    easy.recipients = curl_slist_append(nullptr, rcpt_to.c_str());
    Upload upload{data};
    char error_buffer[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, easy.recipients);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(data.size()));
    curl_easy_setopt(curl, CURLOPT_USE_SSL,
                     settings.tls == TlsMode::none ? static_cast<long>(CURLUSESSL_NONE) : static_cast<long>(CURLUSESSL_ALL));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(settings.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(settings.timeout.count()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L); // threads: no SIGALRM for DNS timeouts
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    if (!settings.user.empty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, settings.user.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, settings.password.c_str());
    }
    CURLcode code = curl_easy_perform(curl);
    if (code == CURLE_OK) return {};
    long reply = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
    std::string message = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
    if (reply > 0) message = "SMTP " + std::to_string(reply) + ": " + message;
    // Only a definite 5xx refusal of the message is permanent; a failed login (535) may be a
    // configuration error that an operator fixes, so it is retried like a temporary failure.
    if (reply >= 500 && reply < 600 && code != CURLE_LOGIN_DENIED)
        return fail(Error::invalid("smtp", message));
    return fail(Error{ErrorCode::unavailable, message, "smtp"});
}

} // namespace skydda::mail
