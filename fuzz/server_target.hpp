#ifndef OSI_FUZZ_SERVER_TARGET_HPP
#define OSI_FUZZ_SERVER_TARGET_HPP

// What the socket fuzz target checks, shared with tests/fuzz_regressions_test.cpp.
// check_server: the input goes over a TCP connection to a real asio::server (both listeners on
// loopback, started once per process), so that the server's connection code is exercised too:
// header and body limits, chunk framing, trailers, keep-alive, pipelining, Expect, partial reads.
//
// The first byte picks the listener (bit 0: public, admin) and how the rest is written (bits 1-3:
// 0-3 all at once; 4-7 in segments of 1, 2, 7 or 64 bytes, at most 256 of them, then the rest at
// once). The client writes, shuts its write side down and reads until the server closes (within
// 3 s). Then, with the requests modelled by Beast's own request parser as the server reads them:
//   - the bytes read are a sequence of HTTP responses (a HEAD's answer has no body, refusals
//     too), nothing after the last and nothing cut short; interim responses are 100 Continue only;
//   - no 5xx but 501 (a transfer coding the server does not decode) and 503 "Too many ..."
//     (connection or authentication limits; the latter with Retry-After); every 4xx and 5xx is a
//     fault document of its code, every other body well-formed, Content-Length present (and, the
//     responses being framed by it, matching: check_response of handler_target.hpp);
//   - no more answers than requests; none after an answer that closes the connection or after
//     the answer to a request that asked to close (and that answer closes); every complete
//     request before that answered;
//   - the server closed the connection, and logged no "internal error" (an exception out of
//     ioc.run());
//   - every 128 inputs, and after a finding: the server's sessions are gone and a fresh
//     connection to each listener is answered GET /.
// What could only be a timeout firing under a starved CPU (a missing answer, a cut response, no
// close within 3 s) is retried once when the attempt took longer than the server's timeouts.
// Returns what is wrong (empty: nothing).
//
// Boost.Beast before 1.86 asserts in basic_parser::parse_chunk_header (`n >= 5`,
// boostorg/beast#2861) when a chunked body starts with its last chunk and the rest arrives in
// pieces ("0\r\n", then "\r"): where assertions are on, that aborts the process, the server's
// too (release builds, NDEBUG, parse it right). server_fuzz tolerates that one assertion in an
// assertion handler of its own; elsewhere, with assertions on and such a Beast, check_server
// writes every input at once (OSI_FUZZ_WHOLE_WRITES), so that the test suite's debug builds do not
// abort on it.

#include "handler_target.hpp"

#include <openstack/identity/v2/asio/server.hpp>

#include <boost/beast/http/parser.hpp>
#include <boost/version.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#if BOOST_VERSION < 108600 && !defined(NDEBUG) && !defined(BOOST_DISABLE_ASSERTS) && \
    !defined(BOOST_ENABLE_ASSERT_HANDLER)
#define OSI_FUZZ_WHOLE_WRITES 1
#else
#define OSI_FUZZ_WHOLE_WRITES 0
#endif

namespace osi_fuzz {

namespace bhttp = boost::beast::http;
namespace ia = openstack::identity::v2::asio;

// The process's server: the demo store of handler_target.hpp, short timeouts, small limits.
struct server_under_test {
    static constexpr std::chrono::milliseconds timeout{500};    // header, body and write
    static constexpr std::chrono::milliseconds deadline{3000};  // for the server to close

    std::mutex mu;
    std::vector<std::string> internal_errors;  // under mu
    std::atomic<bool> logged_internal_error{false};
    ia::server_options opt;
    std::shared_ptr<proto::memory_backend> store;
    std::optional<ia::server> srv;
    std::size_t inputs = 0;

    server_under_test()
        : store(std::make_shared<proto::memory_backend>(proto::parse_memory_config(handler_config).value())) {
        opt.public_listener = {"127.0.0.1", 0};
        opt.admin_listener = ia::listen_address{"127.0.0.1", 0};
        opt.threads = 2;
        opt.auth_threads = 1;
        opt.header_timeout = opt.body_timeout = opt.write_timeout = timeout;
        opt.drain_timeout = std::chrono::seconds(1);
        opt.handle_signals = false;
        // Limits of a few KiB (16 KiB and 112 KiB by default), so that inputs of a few KiB reach them.
        opt.header_limit = 4096;
        opt.body_limit = 8192;
        opt.admin_extensions = {v2::extension{.name = "OpenStack Keystone Admin",
                                              .namespace_ = "http://docs.openstack.org/identity/api/ext/OS-KSADM/v1.0",
                                              .alias = "OS-KSADM"}};
        opt.log = [this](const std::string& line) {
            if (line.find("internal error") == std::string::npos) return;
            std::lock_guard lk(mu);
            internal_errors.push_back(line);
            logged_internal_error = true;
        };
        srv.emplace(store, opt);
        srv->listen();
        store->set_listener_urls(srv->public_url(), srv->admin_url());
        srv->start();
    }

    std::string take_internal_errors() {
        if (!logged_internal_error) return {};
        std::lock_guard lk(mu);
        std::string s;
        for (const auto& l : internal_errors) s += (s.empty() ? "" : "; ") + l;
        internal_errors.clear();
        logged_internal_error = false;
        return s;
    }

    static server_under_test& get() {
        static server_under_test s;
        return s;
    }
};

namespace detail {

// What a client saw on one connection.
struct exchange_result {
    std::string received;
    bool closed = false;  // EOF or reset from the server
    std::chrono::steady_clock::duration took{};
    std::string error;  // a failure of the client itself
};

struct fd_guard {
    int fd;
    ~fd_guard() {
        if (fd >= 0) ::close(fd);
    }
};

// Connects, writes input in segments (0: at once), shuts the write side down and reads until the
// server closes or the deadline. Reads while writing, so that neither side can block the other.
inline exchange_result exchange(unsigned short port, std::string_view input, std::size_t segment,
                                std::chrono::milliseconds deadline) {
    exchange_result r;
    const auto t0 = std::chrono::steady_clock::now();
    const auto end = t0 + deadline;
    auto failed = [&r](const char* what) {
        r.error = std::string(what) + ": " + std::strerror(errno);
        return r;
    };
    fd_guard s{::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)};
    if (s.fd < 0) return failed("socket");
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int one = 1;
    ::setsockopt(s.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::fcntl(s.fd, F_SETFL, ::fcntl(s.fd, F_GETFL) | O_NONBLOCK);
    // Non-blocking, so that a signal (libFuzzer's timer) cannot interrupt it half-way.
    if (::connect(s.fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0) {
        if (errno != EINPROGRESS && errno != EINTR) return failed("connect");
        for (;;) {
            pollfd p{s.fd, POLLOUT, 0};
            using std::chrono::milliseconds;
            const auto left = std::chrono::duration_cast<milliseconds>(end - std::chrono::steady_clock::now()).count();
            if (left <= 0) {
                errno = ETIMEDOUT;
                return failed("connect");
            }
            const int k = ::poll(&p, 1, static_cast<int>(left) + 1);
            if (k < 0 && errno == EINTR) continue;
            if (k < 0) return failed("poll");
            if (k > 0) break;
        }
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err) {
            errno = err;
            return failed("connect");
        }
    }
    std::size_t off = 0, segments = 0;
    bool writing = true;
    auto finish_writing = [&] {
        writing = false;
        ::shutdown(s.fd, SHUT_WR);
    };
    if (input.empty()) finish_writing();
    char buf[65536];
    for (;;) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= end) break;
        pollfd p{s.fd, static_cast<short>(POLLIN | (writing ? POLLOUT : 0)), 0};
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - now).count() + 1;
        if (::poll(&p, 1, static_cast<int>(left)) < 0) {
            if (errno == EINTR) continue;
            r.error = std::string("poll: ") + std::strerror(errno);
            break;
        }
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = ::recv(s.fd, buf, sizeof buf, 0);
            if (n > 0) {
                r.received.append(buf, static_cast<std::size_t>(n));
                continue;
            }
            if (n == 0 || errno == ECONNRESET || errno == EPIPE) {
                r.closed = true;
                break;
            }
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                r.error = std::string("recv: ") + std::strerror(errno);
                break;
            }
        }
        if (writing && (p.revents & POLLOUT)) {
            std::size_t n = input.size() - off;
            if (segment && segments < 256) n = std::min(n, segment);
            const ssize_t w = ::send(s.fd, input.data() + off, n, MSG_NOSIGNAL);
            if (w > 0) {
                off += static_cast<std::size_t>(w);
                ++segments;
                if (off == input.size()) finish_writing();
            } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                finish_writing();  // the server closed: what it sent is still to be read
            }
        }
    }
    r.took = std::chrono::steady_clock::now() - t0;
    return r;
}

// A request as the server's parser reads it.
struct modelled_request {
    bhttp::verb method;
    bool keep_alive;
};

struct input_model {
    std::vector<modelled_request> complete;  // the requests read whole, in order
    bool more = false;                       // bytes after them (a request cut short, malformed or refused)
    bool more_is_head = false;               // ... whose request line was read, a HEAD
};

inline input_model model_requests(std::string_view in, const ia::server_options& o) {
    input_model m;
    while (!in.empty()) {
        bhttp::request_parser<bhttp::string_body> p;
        p.eager(true);
        p.header_limit(o.header_limit);
        p.body_limit(o.body_limit);
        boost::beast::error_code ec;
        std::size_t used = 0;
        bool thrown = false;
        try {
            while (!p.is_done() && used < in.size()) {
                const std::size_t n = p.put(boost::asio::buffer(in.data() + used, in.size() - used), ec);
                used += n;
                if (ec || n == 0) break;
            }
        } catch (const std::length_error&) {
            thrown = true;  // a field over 64 KiB (in a trailer): the server refuses it before
        }
        if (thrown || !p.is_done()) {
            m.more = true;
            m.more_is_head = p.get().method() == bhttp::verb::head;  // its request line was read
            return m;
        }
        m.complete.push_back({p.get().method(), p.get().keep_alive()});
        in.remove_prefix(used);
    }
    return m;
}

inline std::string fault_problem(const proto::response& res) {
    const bool xml = res[bhttp::field::content_type] == "application/xml";
    auto f = xml ? v2::try_from_xml<v2::fault>(res.body()) : v2::try_from_json<v2::fault>(res.body());
    if (!f) return "a " + std::to_string(res.result_int()) + " whose body is not a fault: " + f.error().what();
    if (f->code != static_cast<std::int64_t>(res.result_int())) return "a fault whose code is not the status";
    const unsigned status = res.result_int();
    if (status == 503) {
        if (!f->message.starts_with("Too many")) return "answered 503: " + res.body();
        if (f->message.starts_with("Too many authentications") && res[bhttp::field::retry_after].empty())
            return "a 503 for a full authentication queue without Retry-After";
    }
    return {};
}

// One final answer, to a request of this method.
inline std::string check_answer(bhttp::verb method, const proto::response& res) {
    const unsigned status = res.result_int();
    if (status >= 500 && status != 501 && status != 503)
        return "answered " + std::to_string(status) + ": " + res.body();
    proto::request req;
    req.method(method == bhttp::verb::unknown ? bhttp::verb::get : method);  // Beast throws on unknown
    if (status < 500) return check_response(req, res);
    if (res.find(bhttp::field::content_length) == res.end()) return "no Content-Length";
    if (method == bhttp::verb::head) return res.body().empty() ? std::string{} : "a body in the answer to HEAD";
    return fault_problem(res);
}

struct verdict {
    std::string why;
    bool timing = false;  // could be a timeout that fired because the CPU was starved
};

inline std::string printable(std::string_view s, std::size_t max = 200) {
    std::string out;
    for (char c : s.substr(0, max)) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f) out += c;
        else if (c == '\r') out += "\\r";
        else if (c == '\n') out += "\\n";
        else {
            static const char* hex = "0123456789abcdef";
            out += "\\x";
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
    if (s.size() > max) out += "...";
    return out;
}

inline verdict judge(const input_model& m, const exchange_result& r) {
    if (!r.error.empty()) return {"client: " + r.error};
    // How many answers the requests allow: one per request read, one for what followed them, none
    // after a request that asked to close.
    std::size_t allowed = m.complete.size() + (m.more ? 1 : 0);
    std::size_t expected = m.complete.size();
    for (std::size_t i = 0; i < m.complete.size(); ++i)
        if (!m.complete[i].keep_alive) {
            allowed = expected = i + 1;
            break;
        }
    std::string_view rest = r.received;
    std::size_t finals = 0;
    bool last_keeps = true;
    while (!rest.empty()) {
        const std::string at = " (answer " + std::to_string(finals + 1) + " at byte " +
                               std::to_string(r.received.size() - rest.size()) + ")";
        if (finals >= allowed)
            return {"more answers than requests: " + printable(rest) + at + " for " +
                    std::to_string(m.complete.size()) + " request(s)" + (m.more ? " and more" : "")};
        if (!last_keeps) return {"an answer after one that closed the connection: " + printable(rest) + at};
        const bool head = finals < m.complete.size() ? m.complete[finals].method == bhttp::verb::head : m.more_is_head;
        auto parse = [&](bool skip, std::size_t& used, boost::beast::error_code& ec) {
            auto p = std::make_unique<bhttp::response_parser<bhttp::string_body>>();
            p->eager(true);
            p->skip(skip);
            p->header_limit(64 * 1024);
            p->body_limit(16u << 20);
            used = 0;
            while (!p->is_done() && used < rest.size()) {
                const std::size_t n = p->put(boost::asio::buffer(rest.data() + used, rest.size() - used), ec);
                used += n;
                if (ec || n == 0) break;
                // Framed by the connection's end: no Content-Length and not chunked. Said below.
                if (p->is_header_done() && !p->chunked() && !p->content_length() && !p->is_done()) break;
            }
            return p;
        };
        std::size_t used = 0;
        boost::beast::error_code ec;
        auto p = parse(head, used, ec);
        if (!p->is_done()) {
            if (!ec && p->is_header_done() && !p->chunked() && !p->content_length())
                return {"an answer without Content-Length" + at + ": " + printable(rest)};
            if (ec == bhttp::error::need_more || (!ec && used == rest.size()))
                return {"an answer cut short" + at + ": " + printable(rest), true};
            return {"bytes that are not an HTTP response" + at + " (" + ec.message() + "): " + printable(rest)};
        }
        const proto::response& res = p->get();
        const unsigned status = res.result_int();
        if (status < 200) {
            if (status != 100) return {"an interim answer " + std::to_string(status) + at};
            rest.remove_prefix(used);
            continue;
        }
        const bhttp::verb method = finals < m.complete.size() ? m.complete[finals].method
                                   : head                     ? bhttp::verb::head
                                                              : bhttp::verb::unknown;
        if (std::string why = check_answer(method, res); !why.empty()) return {why + at};
        if (finals < m.complete.size() && !m.complete[finals].keep_alive && res.keep_alive())
            return {"a keep-alive answer to a request that asked to close" + at};
        last_keeps = res.keep_alive();
        ++finals;
        rest.remove_prefix(used);
    }
    if (!r.closed)
        return {"the server did not close the connection within " +
                    std::to_string(server_under_test::deadline.count()) + " ms",
                true};
    if (last_keeps && finals < expected)
        return {"the server closed the connection after " + std::to_string(finals) + " answer(s) to " +
                    std::to_string(m.complete.size()) + " complete request(s)",
                true};
    return {};
}

// Every session ended and both listeners answer GET /.
inline std::string probe(server_under_test& s) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (s.srv->connections() != 0) {
        if (std::chrono::steady_clock::now() > end)
            return std::to_string(s.srv->connections()) + " session(s) still open 2 s after their client";
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    const std::string get = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    for (const auto& ep : {s.srv->public_endpoint(), s.srv->admin_endpoint()}) {
        const auto r = exchange(ep.port(), get, 0, server_under_test::deadline);
        input_model m;
        m.complete.push_back({bhttp::verb::get, false});
        if (auto v = judge(m, r); !v.why.empty()) return "GET / on a fresh connection: " + v.why;
        if (!r.received.starts_with("HTTP/1.1 300 "))
            return "GET / on a fresh connection not answered 300: " + printable(r.received);
    }
    return {};
}

}  // namespace detail

inline std::string check_server(std::string_view input) {
    if (input.empty()) return {};
    auto& s = server_under_test::get();
    if (std::string e = s.take_internal_errors(); !e.empty())
        return "logged by the server after the previous input (or this one): " + e;
    const auto mode = static_cast<unsigned char>(input[0]);
    input.remove_prefix(1);
    const bool admin = mode & 1;
    static constexpr std::size_t segments[8] = {0, 0, 0, 0, 1, 2, 7, 64};
    const std::size_t segment = OSI_FUZZ_WHOLE_WRITES ? 0 : segments[(mode >> 1) & 7];
    const unsigned short port = (admin ? s.srv->admin_endpoint() : s.srv->public_endpoint()).port();
    const detail::input_model m = detail::model_requests(input, s.opt);
    std::string why;
    for (int attempt = 0; attempt < 2; ++attempt) {
        const auto r = detail::exchange(port, input, segment, server_under_test::deadline);
        const auto v = detail::judge(m, r);
        why = v.why;
        if (why.empty() || !v.timing || r.took < server_under_test::timeout) break;
    }
    if (std::string e = s.take_internal_errors(); !e.empty())
        why += std::string(why.empty() ? "" : "; ") + "logged by the server: " + e;
    if (!why.empty() || ++s.inputs % 128 == 0) {
        if (std::string p = detail::probe(s); !p.empty()) why += std::string(why.empty() ? "" : "; ") + p;
    }
    if (why.empty()) return {};
    return std::string(admin ? "admin" : "public") +
           (segment ? ", in " + std::to_string(segment) + "-byte segments" : "") + ": " + why;
}

}  // namespace osi_fuzz

#endif
