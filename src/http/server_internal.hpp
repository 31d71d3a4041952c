// Internal to http/: what the server's two files share: the state of the acceptor and of every
// session (Shared), the peer address helper, and the hand-over of an accepted socket to a session.
#pragma once
#include "http/http.hpp"

// At -O2 GCC 12 reports "potential null pointer dereference" inside inlined Asio and
// shared_ptr internals (false positives in system headers that the flag cannot silence
// otherwise); it would break the -Werror release build.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace skydda::http::server_detail {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using ErrorCode = boost::system::error_code;

class Session;

// What the acceptor and every session share. The io_context is declared last so that it is
// destroyed first: destroying it destroys pending handlers, whose sessions unregister below.
struct Shared {
    Shared(ServerOptions server_options, Handler request_handler, AccessLog log)
        : options(std::move(server_options)), handler(std::move(request_handler)), access_log(std::move(log)),
          io(std::max(1, options.threads)) {}

    void close_idle_sessions();
    // Counts an open connection of `peer`; false (and nothing counted) when it has the most
    // allowed already. release() when that connection is gone.
    bool admit(const std::string& peer);
    void release(const std::string& peer);

    ServerOptions options;
    Handler handler;
    AccessLog access_log;
    std::atomic<bool> stopping{false};
    std::mutex sessions_mutex;
    std::list<std::weak_ptr<Session>> sessions;
    std::mutex peers_mutex;
    std::unordered_map<std::string, size_t> open_per_peer;
    asio::io_context io;
};

// An IPv4 address seen through an IPv6 socket is the IPv4 address. (server_accept.cpp)
asio::ip::address plain_address(const asio::ip::address& address);

// Serves an accepted connection in a new Session; `counted_peer` is the key it was admitted
// under ("" when uncounted). (server.cpp)
void launch_session(Shared& shared, tcp::socket socket, std::string counted_peer);

} // namespace skydda::http::server_detail
