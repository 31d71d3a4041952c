// The HTTP/1.1 server over Boost.Beast/Asio. One io_context runs on `threads` threads; each
// connection is a Session whose operations are serialised on its own strand, so the blocking
// handler occupies one io thread while the other threads keep serving other connections.
//
// Connection life: wait for the first bytes (read timeout on a new connection, idle timeout
// between keep-alive requests) -> parse the header (and body) under the read timeout ->
// handle -> write -> loop. Once the header is in, its framing is checked (RFC 9112 6.1/6.3) and
// a body larger than open_body_bytes is read only when the application's body_limit allows it.
// Connections are counted per peer address; one over the cap is refused at accept. stop()
// closes the acceptor and cancels only connections that are waiting for a request;
// connections with a request under way finish it and then close.
//
// This file holds the connections (Session); the acceptor, the cap per peer address and
// Server's start, run and stop are in server_accept.cpp.
#include "http/http.hpp"
#include "http/server_internal.hpp"
#include "http/wire.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <vector>

namespace skydda::http::server_detail {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

constexpr size_t k_read_chunk = 8192;
// How long a connection that sent more than we accepted (413, 400) is drained before it is
// closed: closing with unread bytes makes the kernel send RST, which can destroy the error
// response before the client reads it.
constexpr std::chrono::seconds k_linger{3};
constexpr std::string_view k_continue = "HTTP/1.1 100 Continue\r\n\r\n";

bool iequals(std::string_view left, std::string_view right) {
    return left.size() == right.size() && std::equal(left.begin(), left.end(), right.begin(), [](char a, char b) {
               return (a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a) == (b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
           });
}

} // namespace

class Session : public std::enable_shared_from_this<Session> {
public:
    // `counted_peer` is the key this connection was admitted under ("" when uncounted).
    Session(Shared& shared, tcp::socket socket, std::string counted_peer)
        : m_shared(shared), m_socket(std::move(socket)), m_watchdog(m_socket.get_executor()),
          m_counted_peer(std::move(counted_peer)) {
        ErrorCode error;
        auto endpoint = m_socket.remote_endpoint(error);
        if (!error) m_remote_address = plain_address(endpoint.address()).to_string();
    }

    ~Session() {
        if (!m_counted_peer.empty()) m_shared.release(m_counted_peer);
        std::lock_guard lock(m_shared.sessions_mutex);
        m_shared.sessions.erase(m_registration);
    }

    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    static void launch(Shared& shared, tcp::socket socket, std::string counted_peer) {
        auto session = std::make_shared<Session>(shared, std::move(socket), std::move(counted_peer));
        {
            std::lock_guard lock(shared.sessions_mutex);
            session->m_registration = shared.sessions.insert(shared.sessions.end(), session);
        }
        asio::dispatch(session->m_socket.get_executor(), [session] {
            session->set_deadline(session->m_shared.options.read_timeout);
            session->arm_watchdog();
            session->wait_for_request(true);
        });
    }

    tcp::socket::executor_type executor() { return m_socket.get_executor(); }

    // Runs on the session's strand after stop(): a connection waiting for a request (or
    // lingering after an error) is closed now; one with a request under way finishes it.
    void close_if_idle() {
        if (m_state == State::idle || m_state == State::lingering) close();
    }

private:
    enum class State { idle, reading, handling, writing, lingering };
    using Clock = std::chrono::steady_clock;

    // Timeouts: one timer per connection that wakes at the deadline and re-arms when the
    // deadline has moved on. Requests only move m_deadline, so a busy keep-alive connection
    // costs no timer operations per request.
    void set_deadline(Clock::duration timeout) { m_deadline = Clock::now() + timeout; }

    void arm_watchdog() {
        m_watchdog.expires_at(m_deadline);
        m_watchdog.async_wait([self = shared_from_this()](ErrorCode error) {
            if (error || self->m_closed) return;
            if (Clock::now() >= self->m_deadline) return self->close();
            self->arm_watchdog();
        });
    }

    void wait_for_request(bool first) {
        if (m_shared.stopping) return close();
        m_state = State::idle;
        m_parser.emplace();
        m_parser->body_limit(m_shared.options.max_body_bytes);
        m_parser->header_limit(static_cast<uint32_t>(
            std::min<size_t>(m_shared.options.max_header_bytes, std::numeric_limits<uint32_t>::max())));
        if (m_buffer.size() > 0) { // a pipelined request is already here
            start_request();
            return parse();
        }
        set_deadline(first ? m_shared.options.read_timeout : m_shared.options.idle_timeout);
        read_more();
    }

    void start_request() {
        m_state = State::reading;
        m_started = Clock::now();
        m_deadline = m_started + m_shared.options.read_timeout;
    }

    void read_more() {
        m_socket.async_read_some(m_buffer.prepare(k_read_chunk),
                                 beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    void on_read(ErrorCode error, size_t bytes) {
        if (error) return close(); // EOF, reset, or cancelled by the watchdog or stop()
        m_buffer.commit(bytes);
        if (m_state == State::idle) start_request();
        parse();
    }

    // Feeds buffered bytes to the parser without another asynchronous hop: in the common case
    // a whole request arrives in one read and is handled right here.
    void parse() {
        while (m_buffer.size() > 0) {
            ErrorCode error;
            size_t used = m_parser->put(m_buffer.data(), error);
            m_buffer.consume(used);
            if (error == bhttp::error::need_more) break;
            if (error) return fail_read(error);
            if (m_parser->is_header_done() && !m_parser->eager()) {
                m_parser->eager(true); // the header is in; take the body as it comes
                if (int status = check_header()) return refuse(status);
                if (!m_parser->is_done() && expects_continue()) return send_continue();
            }
            if (m_parser->is_done()) return handle();
            if (used == 0) break;
        }
        read_more();
    }

    // Runs once the header is in, before any body byte is taken: 0 to go on, else the status
    // to refuse the request with (and close). Framing first (RFC 9112 6.1, 6.3), then the size.
    int check_header() {
        const auto& message = m_parser->get();
        std::vector<std::string_view> codings;
        for (const auto& field : message)
            if (field.name() == bhttp::field::transfer_encoding) codings.push_back(field.value());
        bool has_length = message.find(bhttp::field::content_length) != message.end();
        if (!wire::transfer_encoding_acceptable(codings, message.version() < 11, has_length)) return 400;
        const auto& options = m_shared.options;
        auto length = m_parser->content_length();
        bool chunked = m_parser->chunked();
        if (!options.body_limit || (!chunked && (!length || *length <= options.open_body_bytes))) return 0;
        size_t limit = options.open_body_bytes;
        try {
            Request head = request_head();
            (void)wire::fill_target(head);
            limit = std::min(options.body_limit(head), options.max_body_bytes);
        } catch (...) {
            // A failing decision allows no more than anyone may send.
        }
        if (chunked) m_parser->body_limit(limit); // counted as the chunks arrive
        else if (*length > limit) return 413;
        return 0;
    }

    void refuse(int status) {
        remember_for_log();
        send(Response::text(status, fmt::format("{}\n", wire::reason_phrase(status))),
             wire::Framing{.head_request = false, .keep_alive = false, .http10 = false}, true);
    }

    bool expects_continue() const {
        const auto& message = m_parser->get();
        return message.version() >= 11 && iequals(message[bhttp::field::expect], "100-continue");
    }

    void send_continue() {
        asio::async_write(m_socket, asio::buffer(k_continue.data(), k_continue.size()),
                          [self = shared_from_this()](ErrorCode error, size_t) {
                              if (error) return self->close();
                              self->parse();
                          });
    }

    void fail_read(ErrorCode error) {
        int status = 400;
        if (error == bhttp::error::body_limit) status = 413;
        if (error == bhttp::error::header_limit) status = 431;
        refuse(status);
    }

    // For error answers the request never reaches the handler; log what the header gave us.
    void remember_for_log() {
        if (!m_shared.access_log) return;
        m_method.clear();
        m_path.clear();
        if (!m_parser || !m_parser->is_header_done()) return;
        const auto& message = m_parser->get();
        m_method = message.method_string();
        std::string_view target = message.target();
        m_path = target.substr(0, target.find('?'));
    }

    // The request as far as its header goes: method, target, headers (lower-case names) and
    // the peer; path and query are not filled in yet.
    Request request_head() const {
        const auto& message = m_parser->get();
        Request request;
        request.method = message.method_string();
        request.target = message.target();
        request.remote_address = m_remote_address;
        for (const auto& field : message) {
            std::string name(field.name_string());
            for (char& c : name)
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            auto [position, inserted] = request.headers.try_emplace(std::move(name), field.value());
            if (!inserted) {
                // Repeated fields combine into one list (RFC 9110 5.3); cookies use "; ".
                position->second += position->first == "cookie" ? "; " : ", ";
                position->second += field.value();
            }
        }
        return request;
    }

    void handle() {
        m_state = State::handling;
        auto& message = m_parser->get();
        Request request = request_head();
        request.body = std::move(message.body());
        wire::Framing framing{.head_request = message.method() == bhttp::verb::head,
                              .keep_alive = message.keep_alive(),
                              .http10 = message.version() < 11};
        m_parser.reset();

        Response response = wire::fill_target(request) ? call_handler(request) : Response::text(400, "Bad Request\n");
        framing.keep_alive = framing.keep_alive && !m_shared.stopping && !wire::wants_close(response);
        if (m_shared.access_log) {
            m_method = std::move(request.method);
            m_path = std::move(request.path);
        }
        send(std::move(response), framing, false);
    }

    Response call_handler(Request& request) {
        try {
            return m_shared.handler(request);
        } catch (...) {
            // The exception text may hold personal data or internals: the client gets nothing
            // of it, and the server carries on.
            return Response::text(500, "Internal Server Error\n");
        }
    }

    void send(Response response, wire::Framing framing, bool linger) {
        m_state = State::writing;
        m_response = std::move(response);
        m_framing = framing;
        m_linger = linger;
        m_head.clear();
        wire::serialize_head(m_response, m_framing, m_head);
        m_body_bytes = wire::sends_body(m_response, m_framing) ? m_response.body.size() : 0;
        std::array<asio::const_buffer, 2> buffers{asio::buffer(m_head), asio::buffer(m_response.body.data(), m_body_bytes)};
        set_deadline(m_shared.options.read_timeout);
        asio::async_write(m_socket, buffers, beast::bind_front_handler(&Session::on_written, shared_from_this()));
    }

    void on_written(ErrorCode error, size_t) {
        log_request();
        m_response = Response{}; // releases a large body now rather than at the next request
        if (error) return close();
        if (m_linger) return linger();
        if (!m_framing.keep_alive || m_shared.stopping) return close();
        wait_for_request(false);
    }

    void log_request() {
        if (!m_shared.access_log) return;
        try {
            m_shared.access_log(wire::access_log_line(m_method, m_path, wire::effective_status(m_response.status),
                                                      Clock::now() - m_started, m_body_bytes));
        } catch (...) {
            // A failing log sink must not take the connection (or the server) down.
        }
    }

    void linger() {
        m_state = State::lingering;
        ErrorCode ignored;
        m_socket.shutdown(tcp::socket::shutdown_send, ignored);
        m_buffer.clear();
        set_deadline(k_linger);
        drain();
    }

    void drain() {
        m_socket.async_read_some(m_buffer.prepare(k_read_chunk), [self = shared_from_this()](ErrorCode error, size_t) {
            if (error) return self->close();
            self->drain(); // bytes land in the prepared area and are simply overwritten
        });
    }

    void close() {
        if (m_closed) return;
        m_closed = true;
        ErrorCode ignored;
        m_socket.shutdown(tcp::socket::shutdown_both, ignored);
        m_socket.close(ignored); // pending operations complete with operation_aborted
        m_watchdog.cancel();
    }

    Shared& m_shared;
    tcp::socket m_socket;
    asio::steady_timer m_watchdog;
    Clock::time_point m_deadline;
    bool m_closed = false;
    beast::flat_buffer m_buffer;
    std::optional<bhttp::request_parser<bhttp::string_body>> m_parser;
    std::string m_remote_address;
    State m_state = State::idle;
    Clock::time_point m_started;
    Response m_response;
    wire::Framing m_framing;
    bool m_linger = false;
    std::string m_head; // reused: after the first response no allocation is needed here
    size_t m_body_bytes = 0;
    std::string m_method; // for the access log only
    std::string m_path;
    std::list<std::weak_ptr<Session>>::iterator m_registration;
    std::string m_counted_peer;
};

void Shared::close_idle_sessions() {
    std::vector<std::shared_ptr<Session>> live;
    {
        std::lock_guard lock(sessions_mutex);
        for (const auto& weak : sessions)
            if (auto session = weak.lock()) live.push_back(std::move(session));
    }
    // Outside the lock: dropping the last reference runs ~Session, which takes the lock.
    for (auto& session : live) asio::post(session->executor(), [session] { session->close_if_idle(); });
}

void launch_session(Shared& shared, tcp::socket socket, std::string counted_peer) {
    Session::launch(shared, std::move(socket), std::move(counted_peer));
}

} // namespace skydda::http::server_detail
