// A generic HTTP layer: request/response values, routing, form and cookie parsing, and the
// server that carries them over TCP. Knows nothing of GDPR or of Skydda's data. Only
// server.cpp, server_accept.cpp (Asio alone) and client.cpp include Boost.Beast/Asio;
// everything else sees these small types.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace skydda::http {

// Header names are stored lower-case.
struct Request {
    std::string method;                            // "GET", "POST", ...
    std::string target;                            // raw target, "/cases/1?x=2"
    std::string path;                              // percent-decoded path without query
    std::vector<std::pair<std::string, std::string>> query; // decoded, in order
    std::map<std::string, std::string> headers;    // lower-case names
    std::string body;
    std::string remote_address;                    // peer IP, for throttling and logs
    std::map<std::string, std::string> path_params; // filled by the router: {id} -> value

    std::string_view header(std::string_view name) const; // lower-case name; "" when absent
    std::optional<std::string> query_param(std::string_view name) const;
    std::string_view path_param(std::string_view name) const;
    std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers; // in order; Set-Cookie may repeat
    std::string body;

    void set_header(std::string name, std::string value); // replaces; Set-Cookie always appends
    void add_header(std::string name, std::string value); // appends, even when already present
    std::string_view header(std::string_view name) const; // case-insensitive; "" when absent

    static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
    static Response html(int status, std::string body);
    static Response json(int status, std::string body);
    static Response redirect(std::string location, int status = 303);
};

using Handler = std::function<Response(Request&)>;

// Routes by method and path pattern. Patterns are literal segments and {name} captures, e.g.
// "/api/v1/incidents/{id}/notes". A path that matches a pattern under another method answers
// 405 with Allow; no match answers 404 (through the not-found handler when one is set).
class Router {
public:
    void add(std::string method, std::string pattern, Handler handler);
    void set_not_found(Handler handler);
    Response dispatch(Request& request) const;
    // "GET, HEAD, POST" for the routes whose pattern matches `path`; "" when none does.
    std::string allowed_methods(std::string_view path) const;

private:
    struct Route {
        std::string method;
        std::vector<std::string> segments;
        Handler handler;
    };
    std::vector<Route> m_routes;
    Handler m_not_found;
};

// application/x-www-form-urlencoded and query strings: '+' is a space, %XX decoded. Returns
// nullopt for malformed percent escapes.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_urlencoded(std::string_view body);
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);
std::string percent_encode(std::string_view text);
// "a=1; b=2" -> {{a,1},{b,2}}
std::vector<std::pair<std::string, std::string>> parse_cookie_header(std::string_view header);

struct CookieOptions {
    bool http_only = true;
    bool secure = false;
    std::string same_site = "Strict";
    std::string path = "/";
    std::optional<std::chrono::seconds> max_age; // none: a session cookie
};
std::string format_set_cookie(std::string_view name, std::string_view value, const CookieOptions& options);

// multipart/form-data (RFC 7578). Parts keep their raw bytes.
struct FormPart {
    std::string name;
    std::optional<std::string> filename; // present for file inputs
    std::string content_type;            // "text/plain" when absent
    std::string data;
};
// Returns nullopt on malformed input. `content_type` is the request's Content-Type header.
std::optional<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body,
                                                     size_t max_parts = 64);

// Decides from a request's header (method, target, headers, peer; the body not yet read) how
// many body bytes it may send. The application uses it to take large bodies (uploads,
// imports) only from callers who are signed in.
using BodyLimit = std::function<size_t(const Request& header)>;

struct ServerOptions {
    std::string host = "127.0.0.1";
    uint16_t port = 8080;                 // 0 picks a free port
    int threads = 2;
    size_t max_body_bytes = 12 * 1024 * 1024; // the hard cap, whatever body_limit says
    // A body that may be larger than this (a Content-Length above it, or chunked) is read only
    // after body_limit allowed it; one over the limit is answered 413 before it is read and
    // the connection closed. Without body_limit every request may send max_body_bytes.
    size_t open_body_bytes = 64 * 1024;
    BodyLimit body_limit;
    size_t max_header_bytes = 16 * 1024;
    // Open connections from one peer (an IPv4 address, an IPv6 /64); a connection beyond it is
    // answered 503 and closed at once. Behind a proxy the peer is the proxy. 0: no cap.
    size_t max_connections_per_address = 0;
    std::chrono::seconds read_timeout{30};
    std::chrono::seconds idle_timeout{60};
};

// One line per request goes to this sink (a JSON object: method, route path without query,
// status, duration_ms, bytes). The server never logs bodies, query strings or headers.
using AccessLog = std::function<void(std::string_view json_line)>;

class Server {
public:
    Server(ServerOptions options, Handler handler, AccessLog access_log = {});
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and listens; returns the bound port (useful with port 0). Throws on bind failure.
    uint16_t start();
    // Blocks until stop() or SIGINT/SIGTERM (when handle_signals), then drains connections.
    void run(bool handle_signals);
    // Thread-safe; makes run() return after in-flight requests complete.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// A small blocking HTTP/1.1 client for tests and benchmarks (one request per connection).
struct ClientResponse {
    int status = 0;
    std::map<std::string, std::string> headers; // lower-case names; Set-Cookie values joined by "\n"
    std::string body;
};
ClientResponse request(std::string_view host, uint16_t port, std::string_view method, std::string_view target,
                       std::string_view body = {},
                       const std::vector<std::pair<std::string, std::string>>& headers = {});

} // namespace skydda::http
