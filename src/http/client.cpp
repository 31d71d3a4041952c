// A small blocking HTTP/1.1 client for tests and benchmarks. It drives Beast's asynchronous
// operations on a private io_context so that every step has a deadline: a plain synchronous
// socket read can wait forever on a server that never answers.
#include "http/http.hpp"

// At -O2 GCC 12 reports "potential null pointer dereference" inside inlined Asio and
// shared_ptr internals (false positives in system headers that the flag cannot silence
// otherwise); it would break the -Werror release build.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <fmt/format.h>

#include <stdexcept>

namespace skydda::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using ErrorCode = boost::system::error_code;

constexpr std::chrono::seconds k_timeout{30};
constexpr uint64_t k_max_response_body = 256ULL * 1024 * 1024;

// Starts one asynchronous operation and runs the io_context until it completes.
template <typename Start>
void perform(asio::io_context& io, std::string_view step, Start start) {
    ErrorCode result;
    start([&result](ErrorCode error, auto&&...) { result = error; });
    io.restart();
    io.run();
    if (result) throw std::runtime_error(fmt::format("http::request: {} failed: {}", step, result.message()));
}

bool method_has_body(std::string_view method) {
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

} // namespace

ClientResponse request(std::string_view host, uint16_t port, std::string_view method, std::string_view target,
                       std::string_view body, const std::vector<std::pair<std::string, std::string>>& headers) {
    asio::io_context io;
    tcp::resolver resolver(io);
    ErrorCode error;
    auto endpoints = resolver.resolve(std::string(host), std::to_string(port), error);
    if (error) throw std::runtime_error(fmt::format("http::request: cannot resolve {}: {}", host, error.message()));

    beast::tcp_stream stream(io);
    stream.expires_after(k_timeout);
    perform(io, "connect", [&](auto handler) { stream.async_connect(endpoints, std::move(handler)); });

    bhttp::request<bhttp::string_body> message;
    message.version(11);
    message.method_string(method);
    message.target(target);
    message.set(bhttp::field::host, fmt::format("{}:{}", host, port));
    message.set(bhttp::field::connection, "close");
    for (const auto& [name, value] : headers) message.insert(name, value);
    message.body() = std::string(body);
    if (!body.empty() || method_has_body(method)) message.content_length(body.size());
    perform(io, "write", [&](auto handler) { bhttp::async_write(stream, message, std::move(handler)); });

    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(k_max_response_body);
    parser.header_limit(64 * 1024);
    if (method == "HEAD") parser.skip(true);
    perform(io, "read", [&](auto handler) { bhttp::async_read(stream, buffer, parser, std::move(handler)); });

    auto& answer = parser.get();
    ClientResponse response;
    response.status = static_cast<int>(answer.result_int());
    for (const auto& field : answer) {
        std::string name(field.name_string());
        for (char& c : name)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        auto [position, inserted] = response.headers.try_emplace(std::move(name), field.value());
        if (!inserted) {
            position->second += position->first == "set-cookie" ? "\n" : ", ";
            position->second += field.value();
        }
    }
    response.body = std::move(answer.body());
    ErrorCode ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return response;
}

} // namespace skydda::http
