#ifndef OPENSTACK_IDENTITY_V2_ASIO_SERVER_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_SERVER_HPP

// An HTTP/1.1 server for the v2.0 API on Boost.Beast: a public and an admin listener, one
// handler each (protocol/request_handler.hpp), keep-alive, header/body/write timeouts, a connection limit, a
// multi-threaded io_context and graceful shutdown (SIGINT/SIGTERM or stop()): the listeners
// close, idle connections close, requests in flight are answered, then the threads return.
// Shaped like Beast's advanced server example.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/protocol/backend.hpp>
#include <openstack/identity/v2/asio/detail/config.hpp>
#include <openstack/identity/v2/protocol/request_handler.hpp>

#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::asio {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

struct listen_address {
    std::string host = "127.0.0.1";
    unsigned short port = 0;  // 0: an ephemeral port
};

struct server_options {
    listen_address public_listener{"127.0.0.1", 5000};
    std::optional<listen_address> admin_listener = listen_address{"127.0.0.1", 35357};
    // The URLs advertised in version documents and WWW-Authenticate; by default built from the
    // bound addresses ("http://127.0.0.1:5000").
    std::string public_url;
    std::string admin_url;
    unsigned threads = 2;
    // The whole request header must arrive within header_timeout (this is also how long an idle
    // keep-alive connection stays open); the body within body_timeout; a response must be
    // written within write_timeout.
    std::chrono::milliseconds header_timeout{std::chrono::seconds(10)};
    std::chrono::milliseconds body_timeout{std::chrono::seconds(30)};
    std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};
    // How long a graceful shutdown waits for requests in flight before it stops anyway.
    std::chrono::milliseconds drain_timeout{std::chrono::seconds(30)};
    // Open connections over these are answered 503 (after their request header) and closed.
    // max_connections counts each listener on its own, so that clients filling the public one
    // leave the admin one, where services validate tokens, its slots. One client address may
    // hold max_connections_per_address of them (0: no limit); behind a load balancer or proxy
    // every connection comes from its address: raise it there, or set 0.
    std::size_t max_connections = 1024;
    std::size_t max_connections_per_address = 256;
    // A keep-alive connection is closed after answering this many requests (the last answer says
    // `Connection: close`; 0: no limit), as nginx's keepalive_requests: a client cannot hold a
    // slot, and the instance behind a load balancer, for ever; clients reconnect.
    std::size_t max_requests_per_connection = 1000;
    // Authentications (POST /v2.0/tokens, which may check a password: PBKDF2, a few hundred
    // milliseconds at crypto::default_iterations) run on auth_threads threads of their own, so
    // that token validation, the hot path of every service, never waits behind them. At most
    // auth_queue run or wait at once; more are answered 503 with Retry-After at once. Unset: the
    // cores the I/O threads leave (hardware threads minus `threads`), at least 1. Hashing on every
    // core made validation's p99 3x slower under a password flood on 2 cores; leaving the I/O
    // threads their cores kept it within 1.5x (bench/). 0: on the I/O threads (no pool).
    std::optional<unsigned> auth_threads;
    std::size_t auth_queue = 64;
    // A backend whose calls block (a SQL store: a database round trip per call) must not hold the
    // I/O threads: with backend_threads > 0 every other request is handled on that many threads of
    // their own, at most backend_queue running or waiting (past it: 503 with Retry-After). 0: on
    // the I/O threads, for a backend that never blocks (the memory backend).
    unsigned backend_threads = 0;
    std::size_t backend_queue = 256;
    std::size_t body_limit = http::default_body_limit;
    std::uint32_t header_limit = 16 * 1024;
    bool handle_signals = true;  // SIGINT and SIGTERM start a graceful shutdown
    http::fault_options faults{};
    xml_options xml{};
    // What GET /v2.0/extensions lists on each listener: by default the extensions it serves.
    std::vector<extension> public_extensions = protocol::served_extensions(protocol::listener_kind::public_api);
    std::vector<extension> admin_extensions = protocol::served_extensions(protocol::listener_kind::admin_api);
    // One line per request ("public GET /v2.0 200"): method, path without query (token ids
    // masked), status. Never bodies or headers, so never passwords or tokens.
    std::function<void(const std::string&)> log;
};

class server {
public:
    server(std::shared_ptr<v2::protocol::backend> b, server_options opt);

    server(const server&) = delete;
    server& operator=(const server&) = delete;

    ~server();

    // Opens, binds and listens on both addresses. Throws boost::system::system_error.
    void listen();

    // Starts accepting and runs the io_context on the configured number of threads. Returns at once.
    void start();

    // Blocks until every thread has returned (after stop() or a signal).
    void wait();

    void run();

    // Graceful shutdown, from any thread: stop accepting, close idle connections, answer the
    // requests in flight, then let the threads return (forcibly after drain_timeout).
    void stop();

    tcp::endpoint public_endpoint() const;
    tcp::endpoint admin_endpoint() const;
    const std::string& public_url() const;
    const std::string& admin_url() const;
    std::size_t connections() const;
    // Authentications running or waiting for an auth thread.
    std::size_t authentications() const;
    const protocol::request_handler& public_handler() const;
    const protocol::request_handler& admin_handler() const;

private:
    struct state;
    class connection;
    class listener;

    std::shared_ptr<state> st_;
    std::vector<std::thread> threads_;
};

}  // namespace openstack::identity::v2::asio

#if OPENSTACK_IDENTITY_V2_ASIO_DEFINITIONS
#include <openstack/identity/v2/asio/impl/server.ipp>
#endif

#endif
