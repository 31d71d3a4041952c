// The listening side of the server: the acceptor, the cap on open connections per peer address
// (one over it is refused with a 503 at accept), and Server's start, run and stop.
#include "http/http.hpp"
#include "http/server_internal.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace skydda::http {
namespace server_detail {

asio::ip::address plain_address(const asio::ip::address& address) {
    if (address.is_v6() && address.to_v6().is_v4_mapped())
        return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
    return address;
}

bool Shared::admit(const std::string& peer) {
    std::lock_guard lock(peers_mutex);
    auto position = open_per_peer.try_emplace(peer, 0).first;
    if (position->second >= options.max_connections_per_address) return false; // never 0 here: cap > 0
    ++position->second;
    return true;
}

void Shared::release(const std::string& peer) {
    std::lock_guard lock(peers_mutex);
    auto position = open_per_peer.find(peer);
    if (position != open_per_peer.end() && --position->second == 0) open_per_peer.erase(position);
}

} // namespace server_detail

namespace {

using namespace server_detail;

// What connections are counted under: the IPv4 address, or the /64 of an IPv6 address (one
// subscriber commonly holds a whole /64).
std::string peer_key(const asio::ip::address& address) {
    auto plain = plain_address(address);
    if (plain.is_v4()) return plain.to_string();
    auto bytes = plain.to_v6().to_bytes();
    std::fill(bytes.begin() + 8, bytes.end(), 0);
    return asio::ip::address_v6(bytes).to_string() + "/64";
}

// A connection over its peer's cap gets a short 503 and is closed before anything of it is read.
// The write does not wait: on a socket just accepted the send buffer is empty, so it fits.
void refuse_connection(tcp::socket& socket) {
    static const std::string k_refusal = [] {
        std::string_view body = "Too many connections from your address\n";
        return fmt::format("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                           "Content-Length: {}\r\nRetry-After: 10\r\nConnection: close\r\n\r\n{}",
                           body.size(), body);
    }();
    ErrorCode ignored;
    socket.non_blocking(true, ignored);
    socket.write_some(asio::buffer(k_refusal), ignored);
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
}

tcp::endpoint resolve_endpoint(const std::string& host, uint16_t port) {
    ErrorCode error;
    auto address = asio::ip::make_address(host, error);
    if (!error) return {address, port};
    asio::io_context io;
    tcp::resolver resolver(io);
    auto results = resolver.resolve(host, std::to_string(port), error);
    if (error || results.empty())
        throw std::runtime_error(fmt::format("cannot resolve listen address {}: {}", host, error.message()));
    return results.begin()->endpoint();
}

} // namespace

struct Server::Impl {
    Impl(ServerOptions options, Handler handler, AccessLog access_log)
        : shared(std::move(options), std::move(handler), std::move(access_log)), control(asio::make_strand(shared.io)),
          acceptor(control), accept_retry(control) {}

    void accept() {
        acceptor.async_accept(asio::make_strand(shared.io), [this](ErrorCode error, tcp::socket socket) {
            if (error == asio::error::operation_aborted || shared.stopping) return;
            if (error) {
                // Typically EMFILE: back off instead of spinning on a failing accept.
                accept_retry.expires_after(std::chrono::milliseconds(50));
                accept_retry.async_wait([this](ErrorCode wait_error) {
                    if (!wait_error && !shared.stopping) accept();
                });
                return;
            }
            ErrorCode ignored;
            socket.set_option(tcp::no_delay(true), ignored);
            std::string peer;
            if (shared.options.max_connections_per_address > 0) {
                ErrorCode endpoint_error;
                auto endpoint = socket.remote_endpoint(endpoint_error);
                if (!endpoint_error) peer = peer_key(endpoint.address());
                if (!peer.empty() && !shared.admit(peer)) {
                    refuse_connection(socket);
                    return accept();
                }
            }
            launch_session(shared, std::move(socket), std::move(peer));
            accept();
        });
    }

    // Runs on `control`, the strand that owns the acceptor, the retry timer and the signals.
    void shut_down() {
        ErrorCode ignored;
        acceptor.close(ignored);
        accept_retry.cancel();
        if (signals) signals->cancel(ignored);
        shared.close_idle_sessions();
    }

    void run_io() {
        while (true) {
            try {
                shared.io.run();
                return;
            } catch (...) {
                // A throwing completion handler lost its connection; the server goes on.
            }
        }
    }

    Shared shared;
    asio::strand<asio::io_context::executor_type> control;
    tcp::acceptor acceptor;
    asio::steady_timer accept_retry;
    std::optional<asio::signal_set> signals;
};

Server::Server(ServerOptions options, Handler handler, AccessLog access_log)
    : m_impl(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(access_log))) {}

Server::~Server() = default;

uint16_t Server::start() {
    Impl& impl = *m_impl;
    if (impl.acceptor.is_open()) throw std::logic_error("Server::start called twice");
    tcp::endpoint endpoint = resolve_endpoint(impl.shared.options.host, impl.shared.options.port);
    ErrorCode error;
    auto fail = [&](std::string_view step) {
        ErrorCode ignored;
        impl.acceptor.close(ignored);
        throw std::runtime_error(fmt::format("cannot {} {}:{}: {}", step, impl.shared.options.host,
                                             impl.shared.options.port, error.message()));
    };
    if (impl.acceptor.open(endpoint.protocol(), error)) fail("open");
    if (impl.acceptor.set_option(tcp::acceptor::reuse_address(true), error)) fail("configure");
    if (impl.acceptor.bind(endpoint, error)) fail("bind");
    if (impl.acceptor.listen(asio::socket_base::max_listen_connections, error)) fail("listen on");
    uint16_t port = impl.acceptor.local_endpoint(error).port();
    if (error) fail("read the address of");
    if (!impl.shared.stopping) asio::dispatch(impl.control, [&impl] { impl.accept(); });
    return port;
}

void Server::run(bool handle_signals) {
    Impl& impl = *m_impl;
    if (handle_signals && !impl.shared.stopping) {
        impl.signals.emplace(impl.control, SIGINT, SIGTERM);
        impl.signals->async_wait([this](ErrorCode error, int) {
            if (!error) stop();
        });
    }
    std::vector<std::thread> workers;
    for (int i = 1; i < impl.shared.options.threads; ++i) workers.emplace_back([&impl] { impl.run_io(); });
    impl.run_io();
    for (auto& worker : workers) worker.join();
    impl.signals.reset();
}

void Server::stop() {
    Impl& impl = *m_impl;
    if (impl.shared.stopping.exchange(true)) return;
    asio::post(impl.control, [&impl] { impl.shut_down(); });
}

} // namespace skydda::http
