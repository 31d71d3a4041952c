// Internal to the http layer: the parts of HTTP/1.1 framing that need no Beast/Asio, kept
// apart from server.cpp so they compile fast and can be unit-tested.
#pragma once
#include "http/http.hpp"

#include <chrono>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

namespace skydda::http::wire {

// Splits an origin-form ("/a?b") or absolute-form ("http://h/a?b") target and fills
// request.path (percent-decoded, '+' kept) and request.query. False for a malformed target.
bool fill_target(Request& request);

std::string_view reason_phrase(int status);

struct Framing {
    bool head_request = false; // HEAD: Content-Length of the body, but no body bytes
    bool keep_alive = true;
    bool http10 = false;       // an HTTP/1.0 keep-alive needs an explicit Connection header
};

// RFC 9112 6.1 and 6.3: whether a request's Transfer-Encoding may frame its body here. True when
// there is none; otherwise only HTTP/1.1, no Content-Length beside it, and the codings (every
// Transfer-Encoding field, in order) exactly `chunked`, the one coding this server decodes. Any
// other framing could be read differently by a proxy in front (request smuggling): such a
// request is answered 400 and its connection closed.
bool transfer_encoding_acceptable(const std::vector<std::string_view>& transfer_encodings, bool http10,
                                  bool has_content_length);

// The status actually sent: anything outside 200..599 becomes 500.
int effective_status(int status);
// True when the handler asked to close the connection ("Connection: close").
bool wants_close(const Response& response);
// Whether the response carries body bytes on the wire.
bool sends_body(const Response& response, const Framing& framing);
// Appends the status line and headers (ending in the blank line) to `out`. Handler headers
// are kept in order, framing headers (Content-Length, Connection, Transfer-Encoding) are
// always the server's own, CR/LF in values cannot split headers, and the default security
// headers and Date are added when the handler did not set them.
void serialize_head(const Response& response, const Framing& framing, std::string& out);

// An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), formatted once per second per thread.
std::string_view http_date(std::time_t now);

// {"method":..,"path":..,"status":..,"duration_ms":..,"bytes":..}; strings JSON-escaped.
std::string access_log_line(std::string_view method, std::string_view path, int status,
                            std::chrono::steady_clock::duration duration, size_t bytes);

} // namespace skydda::http::wire
