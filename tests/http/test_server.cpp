// Integration tests: a real Server on a free port, driven by http::request and by raw
// sockets where the test needs control over the connection (keep-alive, pipelining, timeouts).
#include "http/http.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>

using namespace skydda::http;
using namespace std::chrono_literals;

namespace {

// A blocking TCP connection with a receive timeout so that a broken server fails the test
// instead of hanging it.
class RawConnection {
public:
    explicit RawConnection(uint16_t port) : m_fd(::socket(AF_INET, SOCK_STREAM, 0)) {
        timeval timeout{.tv_sec = 5, .tv_usec = 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_connected = ::connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
    ~RawConnection() { ::close(m_fd); }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool connected() const { return m_connected; }

    void send(std::string_view data) {
        while (!data.empty()) {
            ssize_t sent = ::send(m_fd, data.data(), data.size(), MSG_NOSIGNAL);
            if (sent <= 0) return;
            data.remove_prefix(static_cast<size_t>(sent));
        }
    }

    // Reads one response framed by Content-Length; "" when the connection closed first.
    std::string read_response() {
        while (true) {
            size_t header_end = m_pending.find("\r\n\r\n");
            if (header_end != std::string::npos) {
                size_t length = content_length(m_pending.substr(0, header_end));
                size_t total = header_end + 4 + length;
                if (m_pending.size() >= total) {
                    std::string response = m_pending.substr(0, total);
                    m_pending.erase(0, total);
                    return response;
                }
            }
            if (!fill()) return {};
        }
    }

    // True when the server closes the connection (EOF) before the receive timeout.
    bool closed_by_peer() {
        char byte;
        return ::recv(m_fd, &byte, 1, 0) == 0;
    }

private:
    bool fill() {
        char chunk[4096];
        ssize_t received = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (received <= 0) return false;
        m_pending.append(chunk, static_cast<size_t>(received));
        return true;
    }

    static size_t content_length(const std::string& head) {
        size_t position = head.find("Content-Length: ");
        return position == std::string::npos ? 0 : std::stoul(head.substr(position + 16));
    }

    int m_fd;
    bool m_connected = false;
    std::string m_pending;
};

class ServerTest : public ::testing::Test {
protected:
    uint16_t start(Handler handler, ServerOptions options = {}) {
        options.host = "127.0.0.1";
        options.port = 0;
        m_server = std::make_unique<Server>(options, std::move(handler), [this](std::string_view line) {
            std::lock_guard lock(m_log_mutex);
            m_log.emplace_back(line);
        });
        m_port = m_server->start();
        m_run = std::async(std::launch::async, [this] { m_server->run(false); });
        return m_port;
    }

    // stop() must make run() return; a hang here fails rather than blocks the suite.
    bool stop_and_wait(std::chrono::seconds limit = 5s) {
        m_server->stop();
        bool returned = m_run.wait_for(limit) == std::future_status::ready;
        if (returned) m_server.reset();
        return returned;
    }

    void TearDown() override {
        if (m_server) {
            ASSERT_TRUE(stop_and_wait());
        }
    }

    std::vector<std::string> log_lines(size_t at_least) {
        for (int attempt = 0; attempt < 200; ++attempt) {
            {
                std::lock_guard lock(m_log_mutex);
                if (m_log.size() >= at_least) return m_log;
            }
            std::this_thread::sleep_for(10ms);
        }
        std::lock_guard lock(m_log_mutex);
        return m_log;
    }

    ClientResponse get(std::string target) { return request("127.0.0.1", m_port, "GET", target); }

    std::unique_ptr<Server> m_server;
    std::future<void> m_run;
    uint16_t m_port = 0;
    std::mutex m_log_mutex;
    std::vector<std::string> m_log;
};

Response echo(Request& request) {
    std::string text = request.method + "|" + request.path + "|";
    for (const auto& [name, value] : request.query) text += name + "=" + value + ";";
    text += "|" + std::string(request.header("x-test")) + "|" + request.remote_address + "|" + request.body;
    return Response::text(200, text);
}

} // namespace

TEST_F(ServerTest, FillsRequestFromTheWire) {
    start(echo);
    ClientResponse response =
        request("127.0.0.1", m_port, "GET", "/cases/%C3%A5r%202024?q=a+b%2Bc&x=1", {}, {{"X-Test", "Hej"}});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "GET|/cases/år 2024|q=a b+c;x=1;|Hej|127.0.0.1|");
}

TEST_F(ServerTest, AddsDefaultHeadersButKeepsHandlerOnes) {
    start([](Request&) {
        Response response = Response::html(200, "<p>x</p>");
        response.set_header("X-Frame-Options", "SAMEORIGIN");
        response.set_header("Set-Cookie", "a=1; HttpOnly");
        response.set_header("Set-Cookie", "b=2; HttpOnly");
        return response;
    });
    ClientResponse response = get("/");
    EXPECT_EQ(response.headers["content-length"], "8");
    EXPECT_EQ(response.headers["content-type"], "text/html; charset=utf-8");
    EXPECT_EQ(response.headers["x-content-type-options"], "nosniff");
    EXPECT_EQ(response.headers["referrer-policy"], "same-origin");
    EXPECT_EQ(response.headers["x-frame-options"], "SAMEORIGIN");
    EXPECT_EQ(response.headers["set-cookie"], "a=1; HttpOnly\nb=2; HttpOnly");
    EXPECT_FALSE(response.headers["date"].empty());
}

TEST_F(ServerTest, PostsBinaryBodies) {
    start(echo);
    std::string body("\0\r\n\xff binary \r\n\r\n", 16);
    ClientResponse response = request("127.0.0.1", m_port, "POST", "/upload", body);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "POST|/upload|||127.0.0.1|" + body);
}

TEST_F(ServerTest, HeadSendsLengthWithoutBody) {
    start([](Request&) { return Response::text(200, "twelve bytes"); });
    ClientResponse response = request("127.0.0.1", m_port, "HEAD", "/");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.headers["content-length"], "12");
    EXPECT_EQ(response.body, "");
}

TEST_F(ServerTest, KeepAliveServesManyRequestsOnOneConnection) {
    std::atomic<int> calls{0};
    start([&](Request& request) { return Response::text(200, request.path + "#" + std::to_string(++calls)); });
    RawConnection connection(m_port);
    ASSERT_TRUE(connection.connected());
    for (int i = 1; i <= 3; ++i) {
        connection.send("GET /n HTTP/1.1\r\nHost: x\r\n\r\n");
        std::string response = connection.read_response();
        ASSERT_TRUE(response.starts_with("HTTP/1.1 200 OK\r\n")) << response;
        EXPECT_TRUE(response.ends_with("/n#" + std::to_string(i))) << response;
        EXPECT_EQ(response.find("Connection: close"), std::string::npos);
    }
    // Pipelined: two requests in one segment, two responses in order.
    connection.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_TRUE(connection.read_response().ends_with("/a#4"));
    std::string last = connection.read_response();
    EXPECT_TRUE(last.ends_with("/b#5")) << last;
    EXPECT_NE(last.find("Connection: close\r\n"), std::string::npos);
    EXPECT_TRUE(connection.closed_by_peer());
}

TEST_F(ServerTest, Http10ClosesUnlessKeepAliveAsked) {
    start([](Request&) { return Response::text(200, "ok"); });
    RawConnection plain(m_port);
    plain.send("GET / HTTP/1.0\r\n\r\n");
    EXPECT_NE(plain.read_response().find("Connection: close"), std::string::npos);
    EXPECT_TRUE(plain.closed_by_peer());
    RawConnection kept(m_port);
    kept.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    EXPECT_NE(kept.read_response().find("Connection: keep-alive"), std::string::npos);
    kept.send("GET / HTTP/1.0\r\n\r\n");
    EXPECT_TRUE(kept.read_response().starts_with("HTTP/1.1 200"));
}

TEST_F(ServerTest, OverLongBodyAnswers413WithoutCallingHandler) {
    std::atomic<int> calls{0};
    ServerOptions options;
    options.max_body_bytes = 1024;
    start(
        [&](Request&) {
            ++calls;
            return Response::text(200, "ok");
        },
        options);
    EXPECT_EQ(request("127.0.0.1", m_port, "POST", "/", std::string(1024, 'a')).status, 200);
    ClientResponse response = request("127.0.0.1", m_port, "POST", "/", std::string(64 * 1024, 'a'));
    EXPECT_EQ(response.status, 413);
    EXPECT_EQ(calls.load(), 1);

    // Chunked bodies are counted as they arrive.
    RawConnection chunked(m_port);
    chunked.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" + std::string(1024, 'b') +
                 "\r\n10\r\n" + std::string(16, 'c') + "\r\n0\r\n\r\n");
    EXPECT_TRUE(chunked.read_response().starts_with("HTTP/1.1 413 ")) << "chunked";
    EXPECT_EQ(calls.load(), 1);
}

TEST_F(ServerTest, OversizedHeaderAnswers431) {
    ServerOptions options;
    options.max_header_bytes = 1024;
    start([](Request&) { return Response::text(200, "ok"); }, options);
    ClientResponse response = request("127.0.0.1", m_port, "GET", "/", {}, {{"X-Big", std::string(4096, 'x')}});
    EXPECT_EQ(response.status, 431);
}

TEST_F(ServerTest, MalformedRequestsAnswer400) {
    start([](Request&) { return Response::text(200, "ok"); });
    EXPECT_EQ(get("/bad%G1").status, 400);
    EXPECT_EQ(get("/ok?x=%zz").status, 400);
    RawConnection garbage(m_port);
    garbage.send("NOT HTTP AT ALL\r\n\r\n");
    EXPECT_TRUE(garbage.read_response().starts_with("HTTP/1.1 400 ")) << "garbage";
}

TEST_F(ServerTest, HandlerExceptionBecomes500AndServerCarriesOn) {
    start([](Request& request) -> Response {
        if (request.path == "/throw") throw std::runtime_error("secret internals: personnummer 19121212-1212");
        if (request.path == "/throw-int") throw 42;
        return Response::text(200, "fine");
    });
    ClientResponse failed = get("/throw");
    EXPECT_EQ(failed.status, 500);
    EXPECT_EQ(failed.body.find("secret"), std::string::npos);
    EXPECT_EQ(get("/throw-int").status, 500);
    EXPECT_EQ(get("/ok").body, "fine");
}

TEST_F(ServerTest, AccessLogHasPathButNoQueryOrHeaders) {
    start(echo);
    request("127.0.0.1", m_port, "GET", "/cases/7?email=anna%40example.se", {}, {{"Cookie", "session=s3cr3t"}});
    auto lines = log_lines(1);
    ASSERT_EQ(lines.size(), 1u);
    const std::string& line = lines[0];
    EXPECT_TRUE(line.starts_with("{\"method\":\"GET\",\"path\":\"/cases/7\",\"status\":200,\"duration_ms\":")) << line;
    EXPECT_NE(line.find("\"bytes\":"), std::string::npos);
    EXPECT_EQ(line.find("anna"), std::string::npos);
    EXPECT_EQ(line.find("s3cr3t"), std::string::npos);
    EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST_F(ServerTest, ExpectContinueIsHonoured) {
    start(echo);
    RawConnection connection(m_port);
    connection.send("POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
    std::string interim = connection.read_response();
    EXPECT_EQ(interim, "HTTP/1.1 100 Continue\r\n\r\n");
    connection.send("hello");
    std::string response = connection.read_response();
    EXPECT_TRUE(response.ends_with("|hello")) << response;
}

TEST_F(ServerTest, ReadTimeoutClosesSlowConnections) {
    ServerOptions options;
    options.read_timeout = 1s;
    options.idle_timeout = 1s;
    start([](Request&) { return Response::text(200, "ok"); }, options);
    RawConnection slow(m_port);
    slow.send("GET / HTTP/1.1\r\nHo");
    auto started = std::chrono::steady_clock::now();
    EXPECT_TRUE(slow.closed_by_peer());
    EXPECT_LT(std::chrono::steady_clock::now() - started, 4s);
    RawConnection idle(m_port);
    idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_TRUE(idle.read_response().starts_with("HTTP/1.1 200"));
    EXPECT_TRUE(idle.closed_by_peer());
}

TEST_F(ServerTest, StopReturnsRunEvenWithIdleKeepAliveConnections) {
    start([](Request&) { return Response::text(200, "ok"); });
    RawConnection idle(m_port);
    idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(idle.read_response().starts_with("HTTP/1.1 200"));
    RawConnection silent(m_port); // connected, never sends
    auto started = std::chrono::steady_clock::now();
    ASSERT_TRUE(stop_and_wait());
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
    EXPECT_TRUE(idle.closed_by_peer());
}

TEST_F(ServerTest, StopLetsInFlightRequestsFinish) {
    std::promise<void> entered;
    start([&](Request&) {
        entered.set_value();
        std::this_thread::sleep_for(300ms);
        return Response::text(200, "finished");
    });
    auto client = std::async(std::launch::async, [this] { return get("/slow"); });
    entered.get_future().wait();
    ASSERT_TRUE(stop_and_wait());
    ClientResponse response = client.get();
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "finished");
    EXPECT_EQ(response.headers["connection"], "close");
}

TEST_F(ServerTest, StopIsIdempotentAndWorksBeforeRun) {
    Server server(ServerOptions{.port = 0}, [](Request&) { return Response{}; });
    server.start();
    server.stop();
    server.stop();
    auto run = std::async(std::launch::async, [&] { server.run(true); });
    EXPECT_EQ(run.wait_for(5s), std::future_status::ready);
}

TEST_F(ServerTest, StartThrowsWhenPortIsTaken) {
    uint16_t port = start([](Request&) { return Response{}; });
    ServerOptions options;
    options.port = port;
    Server second(options, [](Request&) { return Response{}; });
    EXPECT_THROW(second.start(), std::runtime_error);
}

TEST_F(ServerTest, ConcurrentClientsOnSeveralThreads) {
    ServerOptions options;
    options.threads = 4;
    start([](Request& request) { return Response::text(200, request.path); }, options);
    std::vector<std::future<bool>> clients;
    for (int client = 0; client < 8; ++client) {
        clients.push_back(std::async(std::launch::async, [this, client] {
            for (int i = 0; i < 20; ++i) {
                std::string path = "/c" + std::to_string(client) + "/" + std::to_string(i);
                if (get(path).body != path) return false;
            }
            return true;
        }));
    }
    for (auto& client : clients) EXPECT_TRUE(client.get());
}

TEST_F(ServerTest, RequestArrivingInPiecesIsReassembled) {
    start(echo);
    RawConnection connection(m_port);
    std::string message = "POST /pieces?a=1 HTTP/1.1\r\nHost: x\r\nX-Test: t\r\nContent-Length: 10\r\n\r\n0123456789";
    for (size_t i = 0; i < message.size(); i += 7) {
        connection.send(message.substr(i, 7));
        std::this_thread::sleep_for(2ms);
    }
    std::string response = connection.read_response();
    EXPECT_TRUE(response.ends_with("POST|/pieces|a=1;|t|127.0.0.1|0123456789")) << response;
}

// Issue 11: a body over open_body_bytes is read only when body_limit allows it; otherwise 413
// comes as soon as the header is in, without waiting for the body.
TEST_F(ServerTest, LargeBodiesNeedTheApplicationsConsentBeforeTheyAreRead) {
    std::atomic<int> calls{0}, asked{0};
    ServerOptions options;
    options.open_body_bytes = 1024;
    options.body_limit = [&](const Request& header) -> size_t {
        ++asked;
        EXPECT_EQ(header.path, "/upload");
        EXPECT_TRUE(header.body.empty());
        return header.header("x-signed-in") == "yes" ? 1024 * 1024 : 1024;
    };
    start(
        [&](Request& request) {
            ++calls;
            return Response::text(200, std::to_string(request.body.size()));
        },
        options);
    EXPECT_EQ(request("127.0.0.1", m_port, "POST", "/upload", std::string(1000, 'a')).body, "1000");
    EXPECT_EQ(asked.load(), 0) << "a small body needs no decision";

    RawConnection anonymous(m_port);
    anonymous.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 204800\r\n\r\n" + std::string(100, 'b'));
    auto started = std::chrono::steady_clock::now();
    std::string refused = anonymous.read_response();
    EXPECT_TRUE(refused.starts_with("HTTP/1.1 413 ")) << refused;
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s) << "the server did not wait for the body";
    EXPECT_NE(refused.find("Connection: close"), std::string::npos);
    EXPECT_TRUE(anonymous.closed_by_peer());

    ClientResponse allowed =
        request("127.0.0.1", m_port, "POST", "/upload", std::string(200 * 1024, 'c'), {{"X-Signed-In", "yes"}});
    EXPECT_EQ(allowed.status, 200);
    EXPECT_EQ(allowed.body, std::to_string(200 * 1024));

    RawConnection chunked(m_port);
    chunked.send("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" +
                 std::string(2048, 'd') + "\r\n0\r\n\r\n");
    EXPECT_TRUE(chunked.read_response().starts_with("HTTP/1.1 413 ")) << "chunked: counted against the same limit";
    EXPECT_EQ(calls.load(), 2);
    EXPECT_EQ(asked.load(), 3);
}

// Issue 11, RFC 9112 6.1/6.3: framing a proxy could read differently is refused and closed.
TEST_F(ServerTest, InvalidTransferEncodingAnswers400AndClosesTheConnection) {
    std::atomic<int> calls{0};
    start([&](Request&) {
        ++calls;
        return Response::text(200, "ok");
    });
    const std::string smuggled = "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
    for (std::string head : {"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n",
                             "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n",
                             "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n",
                             "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n",
                             "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
                             "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\nContent-Length: 5\r\n",
                             "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n"}) {
        RawConnection connection(m_port);
        connection.send(head + "\r\n" + smuggled);
        std::string response = connection.read_response();
        EXPECT_TRUE(response.starts_with("HTTP/1.1 400 ")) << head << response;
        EXPECT_TRUE(connection.closed_by_peer()) << head;
    }
    EXPECT_EQ(calls.load(), 0) << "neither the request nor the smuggled one reached the handler";
    RawConnection fine(m_port);
    fine.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n");
    EXPECT_TRUE(fine.read_response().starts_with("HTTP/1.1 200 "));
}

// Issue 11: open connections are capped per peer address; the others go on working.
TEST_F(ServerTest, ConnectionsOverThePerAddressCapAreRefused) {
    ServerOptions options;
    options.max_connections_per_address = 3;
    start([](Request&) { return Response::text(200, "ok"); }, options);
    std::vector<std::unique_ptr<RawConnection>> open;
    for (int i = 0; i < 3; ++i) {
        open.push_back(std::make_unique<RawConnection>(m_port));
        open.back()->send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        ASSERT_TRUE(open.back()->read_response().starts_with("HTTP/1.1 200 ")) << i;
    }
    RawConnection fourth(m_port);
    std::string refused = fourth.read_response();
    EXPECT_TRUE(refused.starts_with("HTTP/1.1 503 ")) << refused;
    EXPECT_TRUE(fourth.closed_by_peer());
    for (auto& connection : open) {
        connection->send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        EXPECT_TRUE(connection->read_response().starts_with("HTTP/1.1 200 ")) << "the admitted ones still work";
    }
    open.pop_back(); // one closes: its place is free again (once the server has seen the close)
    bool admitted = false;
    for (int attempt = 0; attempt < 50 && !admitted; ++attempt) {
        RawConnection again(m_port);
        again.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        admitted = again.read_response().starts_with("HTTP/1.1 200 ");
        if (!admitted) std::this_thread::sleep_for(20ms);
    }
    EXPECT_TRUE(admitted);
}
