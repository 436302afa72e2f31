// identity-auth-proxy: puts any HTTP service behind v2.0 tokens, as keystonemiddleware's
// auth_token does in front of a Python service. A reverse proxy: every request's X-Auth-Token is
// validated against the identity admin API (asio::token_validator, cached), the identity headers
// are set (asio/middleware.hpp), and the request goes to the upstream, or is answered 401, 403,
// 503 (500 when the validator's own settings are wrong).
//
//   identity-auth-proxy --listen ADDR:PORT --upstream URL --identity-url ADMIN_URL
//                       (--admin-token T | OS_USERNAME, OS_PASSWORD, OS_TENANT_NAME or OS_TENANT_ID)
//                       [--cache-time S] [--memcached HOST:PORT[,HOST:PORT...]
//                       --memcache-secret S --memcache-strategy mac|encrypt] [--accepted-roles LIST]
//                       [--delay-auth-decision] [--body-limit BYTES] [--threads N]
//                       [--max-connections N] [--upstream-connections N] [--timeout S]
//                       [--header-timeout S]
//
// Bodies stream both ways through a buffer of 16 KiB per connection: nothing is held whole, so
// the only size limit is --body-limit (requests; none by default). The upstream's answer passes
// through unchanged but for the hop-by-hop headers (Connection and the fields it names,
// Keep-Alive, TE, Upgrade, Proxy-*). Connections to the upstream are kept alive and reused
// (at most --upstream-connections idle ones). Request headers are at most 16 KiB, the upstream's
// 64 KiB; at most --max-connections clients at once (more are answered 503); a request header must
// arrive within --header-timeout, and every other read or write progress within --timeout.
//
// The service user (OS_* variables) authenticates at --identity-url: Keystone's admin API issues
// tokens as its public one does. On start it prints "listening http://ADDR:PORT" on stdout (port 0
// picks one). One line per request on stderr: client address, method, path without query, status,
// milliseconds, the identity (user and tenant ids) or why there is none. Never a token.
// Bad arguments: a message and exit code 2. SIGINT or SIGTERM stop it.

#include <openstack/identity/v2/asio/middleware.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <poll.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace ia = openstack::identity::v2::asio;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;

namespace {

constexpr std::size_t request_header_limit = 16 * 1024;
constexpr std::size_t response_header_limit = 64 * 1024;
constexpr std::size_t chunk_size = 16 * 1024;

struct settings {
    std::string listen_host;
    unsigned short listen_port = 0;
    ia::parsed_url upstream;
    std::string prefix;  // the upstream URL's path, put before every request's target
    std::optional<std::uint64_t> body_limit;
    unsigned threads = 2;
    std::size_t max_connections = 1024;
    std::size_t upstream_connections = 32;
    std::chrono::seconds timeout{60};
    std::chrono::seconds header_timeout{15};
};

int usage() {
    std::cerr << "usage: identity-auth-proxy --listen ADDR:PORT --upstream URL --identity-url ADMIN_URL\n"
                 "                           (--admin-token T | OS_USERNAME, OS_PASSWORD, OS_TENANT_NAME in the "
                 "environment)\n"
                 "                           [--cache-time S] [--memcached HOST:PORT[,...] --memcache-secret S\n"
                 "                           --memcache-strategy mac|encrypt] [--accepted-roles ROLE[,ROLE...]]\n"
                 "                           [--delay-auth-decision] [--body-limit BYTES] [--threads N]\n"
                 "                           [--max-connections N] [--upstream-connections N] [--timeout S]\n"
                 "                           [--header-timeout S]\n";
    return 2;
}

int bad(const std::string& message) {
    std::cerr << "identity-auth-proxy: " << message << "\n";
    return 2;
}

std::optional<unsigned long long> number(const char* v, unsigned long long lo, unsigned long long hi) {
    if (!v || !*v || *v == '-') return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const unsigned long long n = std::strtoull(v, &end, 10);
    if (*end || errno || n < lo || n > hi) return std::nullopt;
    return n;
}

std::vector<std::string> split_list(std::string_view s) {
    std::vector<std::string> out;
    while (!s.empty()) {
        const auto comma = s.find(',');
        std::string_view item = s.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) out.emplace_back(item);
        if (comma == std::string_view::npos) break;
        s.remove_prefix(comma + 1);
    }
    return out;
}

// One write per line: lines from several threads never interleave.
void log_line(std::string line) {
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
}

// The headers that concern one connection, not the message (RFC 9110 section 7.6.1): never passed on.
template <class Fields>
void strip_hop_by_hop(Fields& f) {
    for (const auto& name : bhttp::token_list(f[bhttp::field::connection])) {
        const std::string n(name);
        if (!beast::iequals(n, "close") && !beast::iequals(n, "keep-alive")) f.erase(n);
    }
    for (auto field :
         {bhttp::field::connection, bhttp::field::keep_alive, bhttp::field::proxy_connection, bhttp::field::te,
          bhttp::field::upgrade, bhttp::field::proxy_authorization, bhttp::field::proxy_authenticate})
        f.erase(field);
}

// A request whose body could be read two ways (request smuggling, RFC 9112 section 6): the status
// and message it gets instead of going on.
std::optional<std::pair<unsigned, std::string>> framing_fault(const bhttp::request_header<>& req) {
    const auto n = req.count(bhttp::field::transfer_encoding);
    if (n == 0) return std::nullopt;
    if (n > 1 || req.count(bhttp::field::content_length) || req.version() < 11)
        return std::pair<unsigned, std::string>{400,
                                                "Transfer-Encoding given twice, with Content-Length, or in HTTP/1.0."};
    std::vector<std::string> codings;
    for (const auto& c : bhttp::token_list(req[bhttp::field::transfer_encoding])) codings.emplace_back(c);
    if (codings.size() != 1 || !beast::iequals(codings.front(), "chunked"))
        return std::pair<unsigned, std::string>{501, "Only the chunked transfer coding is implemented."};
    return std::nullopt;
}

// Connections to the upstream that answered in full and may be used again.
class upstream_pool {
public:
    upstream_pool(net::io_context& ioc, const settings& s) : ioc_(ioc), max_(s.upstream_connections) {
        tcp::resolver r(ioc);
        endpoints_ = r.resolve(s.upstream.host, s.upstream.port);
    }

    // An idle connection, or a new one (`reused` says which). `check`: make sure the upstream has
    // not closed an idle one (a poll(2)), for a request that cannot be sent again.
    net::awaitable<beast::error_code> get(std::optional<beast::tcp_stream>& out, bool& reused, bool check,
                                          std::chrono::seconds timeout) {
        {
            std::lock_guard lk(m_);
            while (!idle_.empty()) {
                tcp::socket s = std::move(idle_.back());
                idle_.pop_back();
                if (check && !still_idle(s)) continue;
                out.emplace(std::move(s));
                reused = true;
                co_return beast::error_code{};
            }
        }
        reused = false;
        out.emplace(ioc_.get_executor());
        out->expires_after(timeout);
        auto [ec, ep] = co_await out->async_connect(endpoints_, net::as_tuple(net::use_awaitable));
        if (!ec) out->socket().set_option(tcp::no_delay(true), ec);
        co_return ec;
    }

    void put(beast::tcp_stream&& s) {
        s.expires_never();
        std::lock_guard lk(m_);
        if (idle_.size() < max_) idle_.push_back(s.release_socket());
    }

private:
    // An idle HTTP connection has nothing to read: readable means the upstream closed it (or sent
    // what no request asked for), and it is not used again.
    static bool still_idle(tcp::socket& s) {
        pollfd p{s.native_handle(), POLLIN | POLLRDHUP, 0};
        return ::poll(&p, 1, 0) == 0;
    }

    net::io_context& ioc_;
    std::size_t max_;
    tcp::resolver::results_type endpoints_;
    std::mutex m_;
    std::vector<tcp::socket> idle_;
};

struct proxy {
    proxy(net::io_context& ioc, settings s, ia::token_validator_options vo)
        : cfg(std::move(s)), validator(ioc.get_executor(), std::move(vo)), upstream(ioc, cfg) {}

    const settings cfg;
    ia::token_validator validator;
    upstream_pool upstream;
    std::atomic<std::size_t> connections{0};
};

enum class side { none, in, out };

struct relay_result {
    side where = side::none;
    beast::error_code ec;
};

// Beast's http_relay, as a coroutine: the body from `in` (its header read) to `out` (its header
// written), a chunk at a time.
template <bool isRequest>
net::awaitable<relay_result> relay_body(beast::tcp_stream& in, beast::flat_buffer& in_buf,
                                        bhttp::parser<isRequest, bhttp::buffer_body>& p, beast::tcp_stream& out,
                                        bhttp::serializer<isRequest, bhttp::buffer_body>& sr, char* chunk,
                                        std::chrono::seconds timeout) {
    const auto tok = net::as_tuple(net::use_awaitable);
    do {
        auto& body = p.get().body();
        if (!p.is_done()) {
            body.data = chunk;
            body.size = chunk_size;
            in.expires_after(timeout);
            auto [ec, n] = co_await bhttp::async_read(in, in_buf, p, tok);
            if (ec == bhttp::error::need_buffer) ec = {};
            if (ec) co_return relay_result{side::in, ec};
            body.size = chunk_size - body.size;
            body.data = chunk;
            body.more = !p.is_done();
        } else {
            body.data = nullptr;
            body.size = 0;
            body.more = false;
        }
        out.expires_after(timeout);
        auto [ec, n] = co_await bhttp::async_write(out, sr, tok);
        if (ec == bhttp::error::need_buffer) ec = {};
        if (ec) co_return relay_result{side::out, ec};
    } while (!p.is_done() && !sr.is_done());
    co_return relay_result{};
}

// The path for the log: without the query (which may hold signatures), control bytes and
// non-ASCII bytes as '?', at most 200 bytes.
std::string path_of(beast::string_view target) {
    std::string out(target.substr(0, std::min(target.find('?'), std::size_t(200))));
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7e) c = '?';
    return out;
}

class connection {
public:
    connection(std::shared_ptr<proxy> px, tcp::socket s)
        : px_(std::move(px)), client_(std::move(s)), in_(request_header_limit + 4096),
          up_buf_(response_header_limit + 4096), chunk_(std::make_unique<char[]>(chunk_size)) {
        // Beast reads 512 bytes at a time into an empty buffer: a small answer would take three reads.
        in_.reserve(4096);
        up_buf_.reserve(chunk_size);
        beast::error_code ec;
        const auto ep = client_.socket().remote_endpoint(ec);
        peer_ = ec ? "-" : ep.address().to_string();
    }

    net::awaitable<void> run() {
        // Counted for as long as the coroutine lives, whatever ends it.
        struct slot {
            std::atomic<std::size_t>& n;
            ~slot() { --n; }
        } counted{px_->connections};
        if (++px_->connections > px_->cfg.max_connections) {
            auto res = simple(503, "Too many connections; try again later.", 11, false);
            client_.expires_after(std::chrono::seconds(1));
            co_await bhttp::async_write(client_, res, net::as_tuple(net::use_awaitable));
            log_line(peer_ + " - - 503 too many connections");
            co_return close();
        }
        while (co_await one()) {
        }
        close();
    }

private:
    static bhttp::response<bhttp::string_body> simple(unsigned status, std::string message, unsigned version,
                                                      bool keep_alive) {
        bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(status), version};
        res.set(bhttp::field::content_type, "text/plain; charset=UTF-8");
        res.body() = std::move(message) + "\n";
        res.keep_alive(keep_alive);
        res.prepare_payload();
        return res;
    }

    // The request header, read piece by piece: Beast applies header_limit to each read, not to the
    // whole header.
    net::awaitable<beast::error_code> read_header(bhttp::request_parser<bhttp::buffer_body>& p) {
        client_.expires_after(px_->cfg.header_timeout);
        std::size_t bytes = 0;
        while (!p.is_header_done()) {
            auto [ec, n] = co_await bhttp::async_read_some(client_, in_, p, net::as_tuple(net::use_awaitable));
            if (ec == bhttp::error::need_buffer) ec = {};
            bytes += n;
            if (!ec && bytes > request_header_limit) ec = bhttp::error::header_limit;
            if (ec) co_return ec;
        }
        co_return beast::error_code{};
    }

    // Answers a request from here (the rejections, and the upstream's failures) and logs it.
    // False: the connection closes.
    net::awaitable<bool> answer(bhttp::response<bhttp::string_body> res, bool body_read, const std::string& what,
                                std::string_view note) {
        if (!body_read) res.keep_alive(false);
        client_.expires_after(px_->cfg.timeout);
        auto [ec, n] = co_await bhttp::async_write(client_, res, net::as_tuple(net::use_awaitable));
        log_line(what + " " + std::to_string(res.result_int()) + " " + elapsed() + " " + std::string(note));
        if (!ec && !body_read) co_await drain();
        co_return !ec && res.keep_alive();
    }

    // After an answer sent without reading the whole request: stop sending, then read and discard
    // what the client still sends for a moment (at most 1 MiB, 2 s), so that closing does not
    // reset the connection before the client has read the answer.
    net::awaitable<void> drain() {
        beast::error_code ec;
        client_.socket().shutdown(tcp::socket::shutdown_send, ec);
        client_.expires_after(std::chrono::seconds(2));
        for (std::size_t total = 0; total < (std::size_t(1) << 20);) {
            auto [e, n] = co_await client_.async_read_some(net::buffer(chunk_.get(), chunk_size),
                                                           net::as_tuple(net::use_awaitable));
            if (e) break;
            total += n;
        }
    }

    std::string elapsed() const {
        const auto us =
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started_).count();
        return std::to_string(us / 1000) + "." + std::to_string(us / 100 % 10) + "ms";
    }

    // One request and its answer. False: the connection closes.
    net::awaitable<bool> one() {
        const auto& cfg = px_->cfg;
        bhttp::request_parser<bhttp::buffer_body> p;
        p.header_limit(static_cast<std::uint32_t>(request_header_limit));
        p.body_limit(cfg.body_limit ? boost::optional<std::uint64_t>(*cfg.body_limit) : boost::none);
        if (auto ec = co_await read_header(p)) {
            if (ec == bhttp::error::end_of_stream || ec == net::error::eof || ec == beast::error::timeout ||
                ec == net::error::connection_reset || ec == net::error::operation_aborted)
                co_return false;
            started_ = std::chrono::steady_clock::now();
            co_return co_await answer(simple(ec == bhttp::error::body_limit ? 413 : 400,
                                             "Malformed HTTP request: " + ec.message() + ".", 11, false),
                                      false, peer_ + " - -", "");
        }
        started_ = std::chrono::steady_clock::now();
        auto& req = p.get();
        const std::string what = peer_ + " " + std::string(req.method_string()) + " " + path_of(req.target());
        const bool client_keep_alive = req.keep_alive();
        const unsigned client_version = req.version();
        if (auto f = framing_fault(req))
            co_return co_await answer(simple(f->first, f->second, 11, false), false, what, "");

        // Who is calling.
        std::string token = ia::request_token(req);
        std::optional<std::string> service_token = ia::request_service_token(req);
        ia::strip_identity_headers(req);
        auto r = co_await px_->validator.async_validate(std::move(token), std::move(service_token), net::use_awaitable);
        ia::validation v;
        if (r) v = std::move(*r);
        else v.user = {ia::token_status::unavailable, nullptr, r.error().what(), false};
        ia::set_identity_headers(req, v);
        std::string identity;
        if (v.user.status == ia::token_status::confirmed) {
            identity = "user=" + std::string(req["X-User-Id"]) + " tenant=" + std::string(req["X-Project-Id"]);
            if (v.user.cached) identity += " cached";
        } else {
            identity = "identity=" + std::string(ia::to_string(v.user.status));
            if (!v.user.reason.empty()) identity += " (" + v.user.reason + ")";
        }
        if (v.service) identity += " service=" + std::string(ia::to_string(v.service->status));
        if (const unsigned status = ia::rejection_status(v, px_->validator.options().delay_auth_decision)) {
            co_return co_await answer(ia::rejection_response(status, px_->validator.www_authenticate_uri(),
                                                             req[bhttp::field::accept], req.version(),
                                                             client_keep_alive),
                                      p.is_done(), what, identity);
        }

        // On to the upstream.
        const bool expect_continue = beast::iequals(req[bhttp::field::expect], "100-continue");
        req.erase(bhttp::field::expect);
        strip_hop_by_hop(req);
        const bool head = req.method() == bhttp::verb::head;
        const bool no_body = p.is_done();
        if (!cfg.prefix.empty()) req.target(cfg.prefix + std::string(req.target()));
        req.version(11);
        {
            std::string xff(req["X-Forwarded-For"]);
            req.set("X-Forwarded-For", xff.empty() ? peer_ : xff + ", " + peer_);
        }

        std::optional<beast::tcp_stream> up;
        beast::flat_buffer& up_buf = up_buf_;
        up_buf.clear();
        std::optional<bhttp::response_parser<bhttp::buffer_body>> rp;
        // A connection kept alive may have been closed by the upstream at the moment it was
        // taken: a request without a body is sent again once, on a new connection.
        for (int attempt = 0;; ++attempt) {
            bool reused = false;
            if (auto ec = co_await px_->upstream.get(up, reused, !no_body, cfg.timeout)) {
                co_return co_await answer(simple(ec == beast::error::timeout ? 504 : 502,
                                                 "The upstream service cannot be reached: " + ec.message() + ".",
                                                 client_version, client_keep_alive),
                                          no_body, what, "upstream: " + ec.message());
            }
            bhttp::serializer<true, bhttp::buffer_body> sr{req};
            relay_result rr;
            if (no_body) {
                // The header is all (a chunked body is never done at its header).
                up->expires_after(cfg.timeout);
                auto [ec, n] = co_await bhttp::async_write_header(*up, sr, net::as_tuple(net::use_awaitable));
                if (ec) rr = {side::out, ec};
            } else {
                if (expect_continue) {
                    bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
                    client_.expires_after(cfg.timeout);
                    auto [ec, n] = co_await bhttp::async_write(client_, cont, net::as_tuple(net::use_awaitable));
                    if (ec) co_return false;
                }
                // The header goes with the body's first chunk.
                rr = co_await relay_body(client_, in_, p, *up, sr, chunk_.get(), cfg.timeout);
            }
            if (rr.where == side::in) {
                log_line(what + " - " + elapsed() + " " + identity + " client broke off: " + rr.ec.message());
                co_return false;
            }
            beast::error_code ec = rr.ec;
            if (!ec) {
                rp.emplace();
                rp->header_limit(static_cast<std::uint32_t>(response_header_limit));
                rp->body_limit(boost::none);
                if (head) rp->skip(true);
                up->expires_after(cfg.timeout);
                std::tie(ec, std::ignore) = co_await bhttp::async_read_header(*up, up_buf, *rp,
                                                                              net::as_tuple(net::use_awaitable));
                // Interim answers (100 Continue, 103 Early Hints) are the upstream's business with us.
                while (!ec && rp->get().result_int() / 100 == 1 && rp->get().result_int() != 101) {
                    rp.emplace();
                    rp->header_limit(static_cast<std::uint32_t>(response_header_limit));
                    rp->body_limit(boost::none);
                    if (head) rp->skip(true);
                    std::tie(ec, std::ignore) = co_await bhttp::async_read_header(*up, up_buf, *rp,
                                                                                  net::as_tuple(net::use_awaitable));
                }
                if (!ec && rp->get().result_int() == 101) ec = bhttp::error::bad_version;
            }
            if (!ec) break;
            up.reset();
            if (reused && no_body && attempt == 0 && up_buf.size() == 0 &&
                (ec == net::error::eof || ec == bhttp::error::end_of_stream || ec == net::error::connection_reset ||
                 ec == net::error::broken_pipe))
                continue;
            co_return co_await answer(simple(ec == beast::error::timeout ? 504 : 502,
                                             "The upstream service failed to answer: " + ec.message() + ".",
                                             client_version, client_keep_alive),
                                      p.is_done(), what, "upstream: " + ec.message());
        }

        // The upstream's answer, through.
        auto& res = rp->get();
        const bool upstream_keep_alive = rp->keep_alive();
        strip_hop_by_hop(res);
        bool keep = client_keep_alive && !rp->need_eof();
        if (client_version < 11 && res.chunked()) {
            // An HTTP/1.0 client reads no chunks: the body ends with the connection.
            res.chunked(false);
            keep = false;
        }
        res.keep_alive(keep);
        const unsigned status = res.result_int();
        bhttp::serializer<false, bhttp::buffer_body> rs{res};
        relay_result rr;
        if (rp->is_done()) {
            // No body (HEAD, 204, 304, Content-Length: 0): the header is all.
            client_.expires_after(cfg.timeout);
            auto [ec, n] = co_await bhttp::async_write_header(client_, rs, net::as_tuple(net::use_awaitable));
            if (ec) rr = {side::out, ec};
        } else {
            // The header goes with the body's first chunk: one write for a small answer.
            rr = co_await relay_body(*up, up_buf, *rp, client_, rs, chunk_.get(), cfg.timeout);
        }
        if (rr.where == side::none && upstream_keep_alive && up_buf.size() == 0) px_->upstream.put(std::move(*up));
        log_line(what + " " + std::to_string(status) + " " + elapsed() + " " + identity +
                 (rr.where == side::in ? " upstream broke off: " + rr.ec.message() : std::string()));
        co_return rr.where == side::none&& keep;
    }

    void close() {
        beast::error_code ec;
        client_.socket().shutdown(tcp::socket::shutdown_both, ec);
        client_.socket().close(ec);
    }

    std::shared_ptr<proxy> px_;
    beast::tcp_stream client_;
    beast::flat_buffer in_;
    beast::flat_buffer up_buf_;  // the upstream's answer, each request in turn
    std::unique_ptr<char[]> chunk_;
    std::string peer_;
    std::chrono::steady_clock::time_point started_;
};

net::awaitable<void> accept_loop(std::shared_ptr<proxy> px, tcp::acceptor& acc, net::io_context& ioc) {
    for (;;) {
        auto [ec, s] = co_await acc.async_accept(net::make_strand(ioc), net::as_tuple(net::use_awaitable));
        if (ec == net::error::operation_aborted) co_return;
        if (ec) {
            // Out of file descriptors, for instance: wait a little rather than spin.
            net::steady_timer t(ioc, std::chrono::milliseconds(100));
            co_await t.async_wait(net::as_tuple(net::use_awaitable));
            continue;
        }
        s.set_option(tcp::no_delay(true), ec);
        auto ex = s.get_executor();
        auto c = std::make_shared<connection>(px, std::move(s));
        net::co_spawn(
            ex, [c]() -> net::awaitable<void> { co_await c->run(); }, net::detached);
    }
}

}  // namespace

int main(int argc, char** argv) {
    settings cfg;
    ia::token_validator_options vo;
    std::string upstream_url;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        auto seconds = [&](unsigned long long lo, unsigned long long hi) {
            const auto n = number(next(), lo, hi);
            if (!n)
                std::exit(bad(std::string(a) + " takes a number of seconds between " + std::to_string(lo) + " and " +
                              std::to_string(hi)));
            return std::chrono::seconds(*n);
        };
        auto count = [&](unsigned long long lo, unsigned long long hi) {
            const auto n = number(next(), lo, hi);
            if (!n)
                std::exit(bad(std::string(a) + " takes an integer between " + std::to_string(lo) + " and " +
                              std::to_string(hi)));
            return *n;
        };
        auto text = [&]() {
            const char* v = next();
            if (!v || !*v) std::exit(bad(std::string(a) + " takes a value"));
            return std::string(v);
        };
        if (a == "--listen") {
            const std::string v = text();
            const auto colon = v.rfind(':');
            const auto port = colon == std::string::npos ? std::nullopt : number(v.c_str() + colon + 1, 0, 65535);
            std::string host = colon == std::string::npos ? std::string() : v.substr(0, colon);
            if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
            beast::error_code ec;
            net::ip::make_address(host, ec);
            if (!port || ec) return bad("--listen takes ADDR:PORT, an IP address and a port (0: any free one)");
            cfg.listen_host = host;
            cfg.listen_port = static_cast<unsigned short>(*port);
        } else if (a == "--upstream") {
            upstream_url = text();
        } else if (a == "--identity-url") {
            vo.identity_url = text();
        } else if (a == "--admin-token") {
            vo.admin_token = text();
        } else if (a == "--cache-time") {
            vo.cache_time = seconds(0, 86400);
        } else if (a == "--memcached") {
            for (auto& s : split_list(text())) vo.memcached_servers.push_back(std::move(s));
        } else if (a == "--memcache-secret") {
            vo.memcache_secret = text();
        } else if (a == "--memcache-strategy") {
            const std::string v = text();
            if (v == "mac" || v == "MAC") vo.memcache_strategy = ia::memcache_protection::mac;
            else if (v == "encrypt" || v == "ENCRYPT") vo.memcache_strategy = ia::memcache_protection::encrypt;
            else return bad("--memcache-strategy takes mac or encrypt");
        } else if (a == "--accepted-roles") {
            vo.accepted_roles = split_list(text());
        } else if (a == "--delay-auth-decision") {
            vo.delay_auth_decision = true;
        } else if (a == "--body-limit") {
            cfg.body_limit = count(1, std::uint64_t(1) << 50);
        } else if (a == "--threads") {
            cfg.threads = static_cast<unsigned>(count(1, 256));
        } else if (a == "--max-connections") {
            cfg.max_connections = static_cast<std::size_t>(count(1, 1'000'000));
        } else if (a == "--upstream-connections") {
            cfg.upstream_connections = static_cast<std::size_t>(count(0, 100'000));
        } else if (a == "--timeout") {
            cfg.timeout = seconds(1, 86400);
        } else if (a == "--header-timeout") {
            cfg.header_timeout = seconds(1, 3600);
        } else if (a == "--help" || a == "-h") {
            usage();
            return 0;
        } else {
            std::cerr << "identity-auth-proxy: unknown argument " << a << "\n";
            return usage();
        }
    }
    if (cfg.listen_host.empty()) return bad("--listen ADDR:PORT is required");
    if (upstream_url.empty()) return bad("--upstream URL is required");
    if (vo.identity_url.empty()) return bad("--identity-url ADMIN_URL (the identity admin API) is required");
    auto up = ia::parse_url(upstream_url);
    if (!up) return bad("--upstream: " + up.error().what());
    if (up->tls()) return bad("--upstream: only http:// upstreams (the service next to the proxy)");
    if (up->target.find('?') != std::string::npos) return bad("--upstream: a URL without a query");
    cfg.upstream = *up;
    cfg.prefix = up->target;
    while (!cfg.prefix.empty() && cfg.prefix.back() == '/') cfg.prefix.pop_back();
    if (!ia::parse_url(vo.identity_url)) return bad("--identity-url: " + ia::parse_url(vo.identity_url).error().what());
    if (vo.admin_token.empty()) {
        auto env = [](const char* name) {
            const char* v = std::getenv(name);
            return v ? std::string(v) : std::string();
        };
        const std::string user = env("OS_USERNAME"), password = env("OS_PASSWORD");
        if (user.empty() || password.empty())
            return bad(
                "no credentials for validating tokens: give --admin-token T, or set OS_USERNAME and "
                "OS_PASSWORD (and OS_TENANT_NAME or OS_TENANT_ID) of a service user with an admin role");
        ia::tenant_scope scope;
        if (auto t = env("OS_TENANT_ID"); !t.empty()) scope.tenant_id = t;
        if (auto t = env("OS_TENANT_NAME"); !t.empty()) scope.tenant_name = t;
        vo.service_credentials = ia::password_auth(user, password, scope);
    }
    if (vo.memcached_servers.empty() != vo.memcache_secret.empty() ||
        vo.memcache_secret.empty() != (vo.memcache_strategy == ia::memcache_protection::none))
        return bad("--memcached, --memcache-secret and --memcache-strategy go together");

    try {
        net::io_context ioc(static_cast<int>(cfg.threads));
        auto px = std::make_shared<proxy>(ioc, cfg, std::move(vo));
        tcp::acceptor acc(ioc);
        const tcp::endpoint ep{net::ip::make_address(cfg.listen_host), cfg.listen_port};
        acc.open(ep.protocol());
        acc.set_option(net::socket_base::reuse_address(true));
        acc.bind(ep);
        acc.listen(net::socket_base::max_listen_connections);
        const auto bound = acc.local_endpoint();
        const std::string host = bound.address().is_v6() ? "[" + bound.address().to_string() + "]"
                                                         : bound.address().to_string();
        std::cout << "listening http://" << host << ":" << bound.port() << std::endl;
        net::signal_set signals(ioc, SIGINT, SIGTERM);
        signals.async_wait([&](beast::error_code, int) { ioc.stop(); });
        net::co_spawn(ioc, accept_loop(px, acc, ioc), net::detached);
        std::vector<std::thread> pool;
        for (unsigned i = 1; i < cfg.threads; ++i) pool.emplace_back([&] { ioc.run(); });
        ioc.run();
        for (auto& t : pool) t.join();
    } catch (const std::invalid_argument& e) {
        return bad(e.what());
    } catch (const std::exception& e) {
        std::cerr << "identity-auth-proxy: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
