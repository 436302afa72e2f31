#ifndef OPENSTACK_IDENTITY_V2_ASIO_CLIENT_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_CLIENT_HPP

// The client half of the Asio/Beast transport: one HTTP(S) request per operation, JSON or XML on the
// wire, typed errors for every fault dialect, timeouts and bounded retries. See docs/client.md.
//
// Every operation is one function, async_xxx(args..., token), with the completion signature
// void(client_result<T>) whatever the completion token: a callback, use_future (a future of the
// client_result<T>), use_awaitable (co_await gives it), use_blocking (the call returns it), ...

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2.hpp>
#include <openstack/identity/v2/asio/detail/config.hpp>
#include <openstack/identity/v2/catalog.hpp>
#include <openstack/identity/v2/http.hpp>
#include <openstack/identity/v2/xml.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/system/result.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <exception>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::asio {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

// ---------------------------------------------------------------------------------------------
// Errors

enum class client_errc {
    remote_fault = 1,   // the server answered with an error status (fault kind, status, message)
    bad_url,            // the URL cannot be parsed or has an unsupported scheme
    bad_response,       // a success status with a body that is not the expected document
    no_version,         // version discovery found no v2.0
    not_authenticated,  // a session could not obtain a token
    internal,           // an exception escaped an operation
    invalid_argument,   // an argument no request can carry (an empty token id): nothing was sent
};

class client_category_impl : public boost::system::error_category {
public:
    constexpr client_category_impl() noexcept : boost::system::error_category(0x6f73696476320004ull) {}
    const char* name() const noexcept override { return "openstack.identity.v2.client"; }
    std::string message(int ev) const override {
        switch (static_cast<client_errc>(ev)) {
        case client_errc::remote_fault: return "the server answered with a fault";
        case client_errc::bad_url: return "bad URL";
        case client_errc::bad_response: return "unexpected response document";
        case client_errc::no_version: return "the server offers no v2.0";
        case client_errc::not_authenticated: return "not authenticated";
        case client_errc::internal: return "internal error";
        case client_errc::invalid_argument: return "invalid argument";
        }
        return "client error";
    }
};

inline const boost::system::error_category& client_category() noexcept {
    static constexpr client_category_impl instance;
    return instance;
}

inline boost::system::error_code make_error_code(client_errc e) noexcept {
    return {static_cast<int>(e), client_category()};
}

// What went wrong. `code` is a transport error (asio, beast, ssl: connection refused, timeout,
// certificate) or a client_errc. For client_errc::remote_fault, `kind`, `status`, `message` and
// `details` come from the fault document (either dialect, JSON or XML), or from the status when the
// body is no document (Keystone's HTML 413 page); `body` keeps the start of such a body.
struct client_error {
    boost::system::error_code code;
    std::optional<fault_kind> kind;
    unsigned status = 0;
    std::string message;
    std::optional<std::string> details;
    std::string body;

    bool is_fault() const noexcept { return kind.has_value(); }

    // "unauthorized (401): The request you have made requires authentication."
    std::string what() const {
        std::string s;
        if (kind) {
            s.append(fault_name(*kind));
            if (status) s.append(" (").append(std::to_string(status)).append(")");
            s.append(": ").append(message);
            if (details && !details->empty()) s.append(" [").append(*details).append("]");
        } else {
            s.append(code.message());
            if (!message.empty()) s.append(": ").append(message);
        }
        return s;
    }
};

class client_exception : public boost::system::system_error {
public:
    explicit client_exception(client_error e) : boost::system::system_error(e.code, e.what()), error_(std::move(e)) {}
    const client_error& error() const noexcept { return error_; }

private:
    client_error error_;
};

[[noreturn]] inline void throw_exception_from_error(const client_error& e, const boost::source_location& loc) {
    boost::throw_exception(client_exception(e), loc);
}

template <class T>
using client_result = boost::system::result<T, client_error>;

inline client_error make_client_error(boost::system::error_code ec, std::string message = {}) {
    client_error e;
    e.code = ec;
    e.message = std::move(message);
    return e;
}

// ---------------------------------------------------------------------------------------------
// Options

using wire_format = http::media;  // json or xml

struct tls_options {
    std::string ca_file;    // PEM bundle to verify the server with
    std::string ca_path;    // directory of hashed CA certificates
    std::string cert_file;  // client certificate (chain), PEM
    std::string key_file;   // its private key, PEM
    bool insecure = false;  // do not verify the server certificate nor its name (explicit only)
};

// Retries happen on connection errors (resolve, connect, TLS handshake: nothing was sent) and on
// 503 and 429 answers, never on anything else. Backoff doubles from `initial_backoff` up to
// `max_backoff`; a Retry-After in seconds is honoured up to `max_backoff`.
struct retry_policy {
    unsigned max_retries = 2;
    std::chrono::milliseconds initial_backoff{200};
    std::chrono::milliseconds max_backoff{5000};
};

struct client_options {
    wire_format format = wire_format::json;
    std::chrono::milliseconds connect_timeout{10'000};  // resolve + connect + TLS handshake, per attempt
    std::chrono::milliseconds request_timeout{30'000};  // write + read, per attempt
    std::chrono::milliseconds total_timeout{120'000};   // everything, retries and backoff included
    retry_policy retry{};
    tls_options tls{};
    std::size_t max_response_size = 16u << 20;
    std::string user_agent = "openstack-identity-v2-client";
    read_options read{};  // how response documents are read
    xml_options xml{};    // how XML request documents are written
};

// ---------------------------------------------------------------------------------------------
// URLs: http(s)://host[:port][/path][?query]. Host may be an IPv6 literal in brackets.

struct parsed_url {
    std::string scheme;  // "http" or "https"
    std::string host;    // without brackets
    std::string port;    // always set (80/443 by default)
    std::string target;  // path and query, at least "/"

    bool tls() const noexcept { return scheme == "https"; }
    std::string host_header() const {
        std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
        if (port != (tls() ? "443" : "80")) h += ":" + port;
        return h;
    }
    std::string str() const { return scheme + "://" + host_header() + target; }
};

inline client_result<parsed_url> parse_url(std::string_view s) {
    auto bad = [&](const char* why) {
        return make_client_error(make_error_code(client_errc::bad_url), std::string(s) + ": " + why);
    };
    parsed_url u;
    const auto colon = s.find("://");
    if (colon == std::string_view::npos) return bad("no scheme");
    for (char c : s.substr(0, colon))
        u.scheme.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (u.scheme != "http" && u.scheme != "https") return bad("scheme is neither http nor https");
    std::string_view rest = s.substr(colon + 3);
    const auto slash = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, slash);
    std::string_view target = slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash);
    if (auto hash = target.find('#'); hash != std::string_view::npos) target = target.substr(0, hash);
    if (auto at = authority.rfind('@'); at != std::string_view::npos)
        return bad("credentials in URLs are not supported");
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) return bad("unterminated IPv6 literal");
        u.host = std::string(authority.substr(1, close - 1));
        authority = authority.substr(close + 1);
        if (!authority.empty()) {
            if (authority.front() != ':') return bad("junk after IPv6 literal");
            u.port = std::string(authority.substr(1));
        }
    } else {
        const auto pc = authority.rfind(':');
        u.host = std::string(authority.substr(0, pc));
        if (pc != std::string_view::npos) u.port = std::string(authority.substr(pc + 1));
    }
    if (u.host.empty()) return bad("no host");
    if (u.port.empty()) u.port = u.tls() ? "443" : "80";
    if (u.port.size() > 5 || u.port.find_first_not_of("0123456789") != std::string::npos) return bad("bad port");
    u.target = target.empty() ? "/" : std::string(target);
    if (u.target.front() == '?') u.target.insert(0, "/");
    return u;
}

// "http://h/v2.0/" + "tokens" = "http://h/v2.0/tokens" (one slash, whatever the sides have).
inline std::string join_url(std::string_view base, std::string_view rel) {
    std::string out(base);
    while (!out.empty() && out.back() == '/') out.pop_back();
    while (!rel.empty() && rel.front() == '/') rel.remove_prefix(1);
    out.push_back('/');
    out.append(rel);
    return out;
}

// The path of a URL ends with the version segment "/v2.0" (or "/v2.0/").
inline bool has_v2_suffix(std::string_view url) {
    while (!url.empty() && url.back() == '/') url.remove_suffix(1);
    return url.ends_with("/v2.0");
}

// The v2.0 base for a root or already versioned URL, never doubling "/v2.0".
inline std::string versioned_url(std::string_view url) {
    if (has_v2_suffix(url)) {
        std::string s(url);
        while (s.back() == '/') s.pop_back();
        return s;
    }
    return join_url(url, "v2.0");
}

// The root (unversioned) URL of a v2.0 base: "http://h:5000/v2.0" gives "http://h:5000/".
inline std::string root_url(std::string_view url) {
    std::string s(url);
    while (!s.empty() && s.back() == '/') s.pop_back();
    if (s.ends_with("/v2.0")) s.resize(s.size() - 5);
    return s + "/";
}

// Percent-encoding for path segments and query values (RFC 3986 unreserved characters pass).
inline std::string url_encode(std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Building authentication requests. Scope by tenant id wins over a tenant name when both are given
// (as keystoneauth, python-keystoneclient, jclouds and fog do): a request never carries both.

struct tenant_scope {
    std::optional<std::string> tenant_id;
    std::optional<std::string> tenant_name;
};

inline void apply_scope(auth& a, const tenant_scope& s) {
    if (s.tenant_id && !s.tenant_id->empty()) a.tenant_id = s.tenant_id;
    else if (s.tenant_name && !s.tenant_name->empty()) a.tenant_name = s.tenant_name;
}

inline auth password_auth(std::string username, std::string password, tenant_scope scope = {}) {
    auth a;
    a.password_credentials = v2::password_credentials{.username = std::move(username), .password = std::move(password)};
    apply_scope(a, scope);
    return a;
}

inline auth password_auth_by_user_id(std::string user_id, std::string password, tenant_scope scope = {}) {
    auth a;
    a.password_credentials = v2::password_credentials{.user_id = std::move(user_id), .password = std::move(password)};
    apply_scope(a, scope);
    return a;
}

inline auth token_auth(std::string token_id, tenant_scope scope = {}) {
    auth a;
    a.token = token_credentials{.id = std::move(token_id)};
    apply_scope(a, scope);
    return a;
}

// What version discovery found.
struct discovered_version {
    v2::version version;
    std::string url;  // the v2.0 base URL to use (the version's self link, or root + "/v2.0")
};

// ---------------------------------------------------------------------------------------------
// The HTTP exchange.

// One request: method, absolute URL, optional X-Auth-Token and body.
struct http_exchange {
    bhttp::verb method = bhttp::verb::get;
    std::string url;
    std::optional<std::string> auth_token;
    std::string body;
    wire_format format = wire_format::json;  // Accept, and Content-Type when there is a body
    std::string refused;                     // why the request must not be sent (perform fails with invalid_argument)
};

struct http_reply {
    unsigned status = 0;
    std::string content_type;
    std::string body;
    std::optional<std::chrono::seconds> retry_after;
};

// The completion token of a blocking call: the operation runs to completion on a private
// io_context in the calling thread, and the call returns its client_result<T>. Callable from any
// thread, including one that runs the client's executor (no deadlock); the client's executor is
// not used. Only the operations of the client and the session know it (detail::cli::launch): it
// is no token for Asio's own operations.
struct use_blocking_t {};
inline constexpr use_blocking_t use_blocking{};

namespace detail::cli {

struct shared {
    client_options options;
    net::ssl::context ssl{net::ssl::context::tls_client};
    std::optional<client_error> ssl_setup_error;
};

inline std::shared_ptr<shared> make_shared_state(client_options opt) {
    auto s = std::make_shared<shared>();
    s->options = std::move(opt);
    boost::system::error_code ec;
    auto& ctx = s->ssl;
    ctx.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 | net::ssl::context::no_sslv3,
                    ec);
    const auto& t = s->options.tls;
    auto note = [&](const char* what) {
        if (ec && !s->ssl_setup_error) s->ssl_setup_error = make_client_error(ec, what);
    };
    if (!t.ca_file.empty()) ctx.load_verify_file(t.ca_file, ec), note("CA file");
    if (!t.ca_path.empty()) ctx.add_verify_path(t.ca_path, ec), note("CA path");
    if (t.ca_file.empty() && t.ca_path.empty()) ctx.set_default_verify_paths(ec), ec.clear();
    if (!t.cert_file.empty()) ctx.use_certificate_chain_file(t.cert_file, ec), note("client certificate");
    if (!t.key_file.empty()) ctx.use_private_key_file(t.key_file, net::ssl::context::pem, ec), note("client key");
    ctx.set_verify_mode(t.insecure ? net::ssl::verify_none : net::ssl::verify_peer, ec);
    return s;
}

using clock = std::chrono::steady_clock;

inline std::chrono::milliseconds remaining(clock::time_point deadline) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
}

inline bool is_timeout(const boost::system::error_code& ec) {
    return ec == beast::error::timeout || ec == net::error::timed_out;
}

// One attempt's request and response over an established stream.
template <class Stream>
net::awaitable<client_result<http_reply>> exchange(Stream& stream, beast::tcp_stream& tcp, const shared& st,
                                                   const parsed_url& u, const http_exchange& x,
                                                   clock::time_point deadline) {
    boost::system::error_code ec;
    bhttp::request<bhttp::string_body> req{x.method, u.target, 11};
    req.set(bhttp::field::host, u.host_header());
    req.set(bhttp::field::user_agent, st.options.user_agent);
    req.set(bhttp::field::accept, http::content_type(x.format));
    if (x.auth_token) req.set("X-Auth-Token", *x.auth_token);
    if (!x.body.empty()) {
        req.set(bhttp::field::content_type, http::content_type(x.format));
        req.body() = x.body;
    }
    req.prepare_payload();
    tcp.expires_after(std::min(st.options.request_timeout, remaining(deadline)));
    co_await bhttp::async_write(stream, req, net::redirect_error(net::use_awaitable, ec));
    if (ec) co_return make_client_error(ec, is_timeout(ec) ? "request timed out (write)" : "write failed");
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(st.options.max_response_size);
    if (x.method == bhttp::verb::head) parser.skip(true);
    co_await bhttp::async_read(stream, buffer, parser, net::redirect_error(net::use_awaitable, ec));
    if (ec) co_return make_client_error(ec, is_timeout(ec) ? "request timed out (read)" : "read failed");
    auto& res = parser.get();
    http_reply out;
    out.status = res.result_int();
    out.content_type = std::string(res[bhttp::field::content_type]);
    out.body = std::move(res.body());
    if (auto ra = res[bhttp::field::retry_after]; !ra.empty()) {
        try {
            out.retry_after = std::chrono::seconds(std::stol(std::string(ra)));
        } catch (...) {
        }
    }
    co_return out;
}

// One attempt: resolve, connect, handshake, exchange. `connect_failed` tells a connection error
// (nothing sent: safe to retry) from a failure once the request was on its way.
template <class = void>  // see basic_client
net::awaitable<client_result<http_reply>> attempt(std::shared_ptr<shared> st, parsed_url u, http_exchange x,
                                                  clock::time_point deadline, bool& connect_failed) {
    auto ex = co_await net::this_coro::executor;
    boost::system::error_code ec;
    connect_failed = true;
    const auto connect_budget = std::min(st->options.connect_timeout, remaining(deadline));
    net::ip::tcp::resolver resolver(ex);
    auto results = co_await resolver.async_resolve(u.host, u.port, net::redirect_error(net::use_awaitable, ec));
    if (ec) co_return make_client_error(ec, "cannot resolve " + u.host);
    beast::tcp_stream tcp(ex);
    tcp.expires_after(connect_budget);
    co_await tcp.async_connect(results, net::redirect_error(net::use_awaitable, ec));
    if (ec)
        co_return make_client_error(ec,
                                    (is_timeout(ec) ? "connect timed out: " : "cannot connect to ") + u.host_header());
    if (!u.tls()) {
        connect_failed = false;
        auto r = co_await exchange(tcp, tcp, *st, u, x, deadline);
        tcp.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
        co_return r;
    }
    if (st->ssl_setup_error) co_return *st->ssl_setup_error;
    beast::ssl_stream<beast::tcp_stream> tls(std::move(tcp), st->ssl);
    SSL* ssl = tls.native_handle();
    boost::system::error_code addr_ec;
    (void)net::ip::make_address(u.host, addr_ec);
    if (addr_ec) SSL_set_tlsext_host_name(ssl, u.host.c_str());  // SNI only for names
    if (!st->options.tls.insecure) {
        X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
        if (addr_ec) X509_VERIFY_PARAM_set1_host(param, u.host.c_str(), 0);
        else X509_VERIFY_PARAM_set1_ip_asc(param, u.host.c_str());
    }
    beast::get_lowest_layer(tls).expires_after(connect_budget);
    co_await tls.async_handshake(net::ssl::stream_base::client, net::redirect_error(net::use_awaitable, ec));
    if (ec) {
        // A certificate that does not verify will not verify on a retry either.
        connect_failed = !(ec.category() == net::error::get_ssl_category());
        co_return make_client_error(ec, "TLS handshake with " + u.host_header() + " failed");
    }
    connect_failed = false;
    auto r = co_await exchange(tls, beast::get_lowest_layer(tls), *st, u, x, deadline);
    beast::get_lowest_layer(tls).socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
    co_return r;
}

// The request with the retry policy and the total timeout.
template <class = void>  // see basic_client
net::awaitable<client_result<http_reply>> perform(std::shared_ptr<shared> st, http_exchange x) {
    if (!x.refused.empty()) co_return make_client_error(make_error_code(client_errc::invalid_argument), x.refused);
    auto u = parse_url(x.url);
    if (!u) co_return u.error();
    const auto& opt = st->options;
    const auto deadline = clock::now() + opt.total_timeout;
    auto backoff = opt.retry.initial_backoff;
    for (unsigned n = 0;; ++n) {
        bool connect_failed = false;
        auto r = co_await attempt(st, *u, x, deadline, connect_failed);
        std::optional<std::chrono::milliseconds> wait;
        if (n < opt.retry.max_retries) {
            if (!r && connect_failed) {
                wait = backoff;
            } else if (r && (r->status == 503 || r->status == 429)) {
                wait = r->retry_after ? std::chrono::duration_cast<std::chrono::milliseconds>(*r->retry_after)
                                      : backoff;
            }
        }
        if (!wait) co_return r;
        wait = std::min(*wait, opt.retry.max_backoff);
        if (remaining(deadline) <= *wait) co_return r;
        net::steady_timer timer(co_await net::this_coro::executor, *wait);
        boost::system::error_code ec;
        co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
        backoff = std::min(backoff * 2, opt.retry.max_backoff);
    }
}

// The media of a reply body: its Content-Type when that names JSON or XML, else a look at the body.
inline std::optional<wire_format> reply_media(const http_reply& r) {
    if (!r.content_type.empty()) {
        if (auto m = http::body_media(r.content_type)) return m;
    }
    const auto p = r.body.find_first_not_of(" \t\r\n");
    if (p == std::string::npos) return std::nullopt;
    if (r.body[p] == '{') return wire_format::json;
    // A document, not an HTML page.
    if (r.body[p] == '<' && r.content_type.find("html") == std::string::npos && r.body.compare(p, 5, "<html") != 0 &&
        r.body.compare(p, 9, "<!DOCTYPE") != 0)
        return wire_format::xml;
    return std::nullopt;
}

template <class T>
result<T> read_document(const http_reply& r, wire_format m, const read_options& opt) {
    return m == wire_format::xml ? try_from_xml<T>(r.body, opt) : try_from_json<T>(r.body, opt);
}

inline std::string squeeze(std::string_view s, std::size_t max) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == '\r' || c == '\n' || c == '\t' || c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
        if (out.size() >= max) break;
    }
    return out;
}

// The text of an HTML page's <title> (or of its <h1>), else the body's first characters.
inline std::string page_text(std::string_view body) {
    for (std::string_view tag : {"title>", "h1>"}) {
        const auto a = body.find(tag);
        if (a == std::string_view::npos) continue;
        const auto b = body.find('<', a + tag.size());
        if (b == std::string_view::npos) continue;
        auto t = squeeze(body.substr(a + tag.size(), b - a - tag.size()), 200);
        if (!t.empty()) return t;
    }
    return squeeze(body, 200);
}

// The typed error for an error status: from a fault document in either dialect (JSON or XML),
// else from the status and whatever text the body has.
inline client_error fault_error(const http_reply& r, const read_options& opt) {
    client_error e;
    e.code = make_error_code(client_errc::remote_fault);
    e.status = r.status;
    if (auto m = reply_media(r)) {
        if (auto f = read_document<fault>(r, *m, opt)) {
            e.kind = f->kind;
            e.message = !f->message.empty()
                            ? f->message
                            : f->title.value_or(std::string(http::status_title(static_cast<int>(r.status))));
            e.details = f->details;
            return e;
        }
    }
    e.kind = fault_kind_for_status(static_cast<int>(r.status));
    e.body = r.body.substr(0, 4096);
    std::string text = page_text(r.body);
    e.message = std::string(http::status_title(static_cast<int>(r.status)));
    if (!text.empty() && text != e.message) e.message += ": " + text;
    return e;
}

template <class T>
client_result<T> decode(const http_reply& r, const read_options& opt) {
    const auto m = reply_media(r);
    if (!m) {
        return make_client_error(make_error_code(client_errc::bad_response),
                                 "status " + std::to_string(r.status) + " with a body that is neither JSON nor XML (" +
                                     (r.content_type.empty() ? std::string("no Content-Type") : r.content_type) + ")");
    }
    auto d = read_document<T>(r, *m, opt);
    if (!d) {
        auto e = make_client_error(d.error().code, "status " + std::to_string(r.status) + ": " + d.error().what());
        e.body = r.body.substr(0, 4096);
        return e;
    }
    return std::move(*d);
}

inline bool success(unsigned status) { return status >= 200 && status < 300; }

template <class Response>
net::awaitable<client_result<Response>> request(std::shared_ptr<shared> st, http_exchange x) {
    auto r = co_await perform(st, std::move(x));
    if (!r) co_return r.error();
    if (!success(r->status)) co_return fault_error(*r, st->options.read);
    co_return decode<Response>(*r, st->options.read);
}

// HEAD: true for 2xx, false for 404; other statuses are errors.
template <class = void>  // see basic_client
net::awaitable<client_result<bool>> check(std::shared_ptr<shared> st, http_exchange x) {
    auto r = co_await perform(st, std::move(x));
    if (!r) co_return r.error();
    if (success(r->status)) co_return true;
    if (r->status == 404) co_return false;
    co_return fault_error(*r, st->options.read);
}

// Keystone answers {} for the endpoints of an unscoped token: an empty list.
template <class = void>  // see basic_client
net::awaitable<client_result<endpoints>> token_endpoints(std::shared_ptr<shared> st, http_exchange x) {
    auto r = co_await perform(st, std::move(x));
    if (!r) co_return r.error();
    if (!success(r->status)) co_return fault_error(*r, st->options.read);
    if (squeeze(r->body, 8) == "{}") co_return endpoints{};
    co_return decode<endpoints>(*r, st->options.read);
}

template <class = void>  // see basic_client
net::awaitable<client_result<void>> no_content(std::shared_ptr<shared> st, http_exchange x) {
    auto r = co_await perform(st, std::move(x));
    if (!r) co_return r.error();
    if (!success(r->status)) co_return fault_error(*r, st->options.read);
    co_return client_result<void>{};
}

// GET / on the root: 300 (or 200) with {"versions": [...]} or {"versions": {"values": [...]}},
// {"choices": [...]}, or a single {"version": {...}}. Picks v2.0.
template <class = void>  // see basic_client
net::awaitable<client_result<discovered_version>> discover(std::shared_ptr<shared> st, http_exchange x) {
    const std::string root_u = x.url;
    auto r = co_await perform(st, std::move(x));
    if (!r) co_return r.error();
    if (!success(r->status) && r->status != 300) co_return fault_error(*r, st->options.read);
    std::vector<version> all;
    if (auto vs = decode<versions>(*r, st->options.read)) {
        all = std::move(vs->items);
    } else if (auto cs = decode<choices>(*r, st->options.read)) {
        all = std::move(cs->items);
    } else if (auto one = decode<version>(*r, st->options.read)) {
        all.push_back(std::move(*one));
    } else {
        co_return vs.error();
    }
    for (auto& v : all) {
        if (v.id != "v2.0") continue;
        discovered_version d;
        if (v.links)
            for (const auto& l : *v.links)
                if (l.rel == "self" && !l.href.empty()) d.url = versioned_url(l.href);
        if (d.url.empty()) d.url = versioned_url(root_u);
        d.version = std::move(v);
        co_return d;
    }
    std::string ids;
    for (const auto& v : all) ids += (ids.empty() ? "" : ", ") + v.id;
    co_return make_client_error(make_error_code(client_errc::no_version),
                                "the server offers: " + (ids.empty() ? std::string("nothing") : ids));
}

// What an operation that threw gives instead of its result.
inline client_error internal_error(std::exception_ptr e) {
    std::string what = "unknown exception";
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& x) {
        what = x.what();
    } catch (...) {
    }
    return make_client_error(make_error_code(client_errc::internal), what);
}

// Run an operation to completion on a private io_context in this thread.
template <class T>
client_result<T> run_blocking(net::awaitable<client_result<T>> op) {
    net::io_context ioc;
    std::optional<client_result<T>> out;
    net::co_spawn(ioc, std::move(op), [&](std::exception_ptr e, client_result<T> r) {
        out.emplace(e ? client_result<T>(internal_error(e)) : std::move(r));
    });
    ioc.run();
    if (!out) return make_client_error(make_error_code(client_errc::internal), "operation did not complete");
    return std::move(*out);
}

// The operation, awaited in place, with the exception that escapes it turned into its result.
template <class T>
net::awaitable<client_result<T>> guarded(net::awaitable<client_result<T>> op) {
    try {
        co_return co_await std::move(op);
    } catch (...) {
        co_return internal_error(std::current_exception());
    }
}

// Start an operation for a completion token: every operation of the client and the session ends
// here. Its completion signature is void(client_result<T>); an exception that escapes the
// operation completes it with client_errc::internal, whatever the token.
//  - use_blocking: run_blocking; the call returns the result.
//  - use_awaitable: the operation's own awaitable (guarded), awaited in place by the calling
//    coroutine and run on that coroutine's executor, not on `ex`: no hop to `ex` and back, which
//    the session's use_blocking calls (their client calls are use_awaitable) could not make when
//    nobody runs `ex`. That is sound because this token, use_awaitable_t<any_io_executor>, only completes in a
//    coroutine whose executor is any_io_executor, which is the executor the operation's awaitable needs (the result
//    type is the one async_initiate would give). Other use_awaitable_t<Executor> go below.
//  - any other token: co_spawn on `ex`; the handler is completed on its associated executor.
template <class T, class Token>
auto launch(net::any_io_executor ex, net::awaitable<client_result<T>> op, Token&& token) {
    using token_type = std::remove_cvref_t<Token>;
    if constexpr (std::is_same_v<token_type, use_blocking_t>) {
        return run_blocking(std::move(op));
    } else if constexpr (std::is_same_v<token_type, net::use_awaitable_t<net::any_io_executor>>) {
        return guarded(std::move(op));
    } else {
        return net::async_initiate<Token, void(client_result<T>)>(
            [ex](auto handler, net::awaitable<client_result<T>> op) {
                auto work = net::make_work_guard(net::get_associated_executor(handler, ex));
                net::co_spawn(ex, std::move(op),
                              [h = std::move(handler), work = std::move(work)](std::exception_ptr e,
                                                                               client_result<T> r) mutable {
                                  if (e) r = internal_error(e);
                                  auto hex = work.get_executor();
                                  work.reset();
                                  net::dispatch(hex, [h = std::move(h), r = std::move(r)]() mutable {
                                      std::move(h)(std::move(r));
                                  });
                              });
            },
            token, std::move(op));
    }
}

}  // namespace detail::cli

// ---------------------------------------------------------------------------------------------
// The client. Cheap to copy (the options and the TLS context are shared and never change); safe to
// use from several threads at once. One connection per request.
//
// A template only so that a program compiles the operations it uses and no others: GCC emits
// every inline coroutine it sees, called or not, with all it reaches (Beast, TLS, the readers of
// every document type). Use `client`.
template <class = void>
class basic_client {
public:
    using executor_type = net::any_io_executor;

    // `url` is the identity endpoint: "http://host:5000/v2.0", or the root "http://host:5000" to
    // which "/v2.0" is appended (never doubled). async_discover() finds it from the root instead.
    basic_client(executor_type ex, std::string url, client_options opt = {})
        : ex_(std::move(ex)), base_(versioned_url(url)), st_(detail::cli::make_shared_state(std::move(opt))) {}

    // Without an executor: for use_blocking and use_awaitable, which run the operation where they are
    // called; any other token runs it on the system executor's threads.
    explicit basic_client(std::string url, client_options opt = {})
        : basic_client(net::system_executor(), std::move(url), std::move(opt)) {}

    const executor_type& get_executor() const noexcept { return ex_; }
    const std::string& base_url() const noexcept { return base_; }
    void set_base_url(std::string url) { base_ = versioned_url(url); }
    const client_options& options() const noexcept { return st_->options; }

    // Every operation: its arguments, then the completion token (detail::cli::launch says how each
    // kind of token runs it).

    // --- the generic request: the operations below, and any route they do not cover ---------------

    // Send `x` (retries, timeouts), and read a 2xx answer as `Response`, or another status as a typed
    // fault. `make` and `encode` build `x`.
    template <class Response, class Token = net::default_completion_token_t<executor_type>>
    auto async_request(http_exchange x, Token&& token = {}) const {
        return launch(detail::cli::request<Response>(st_, std::move(x)), std::forward<Token>(token));
    }

    // The raw reply (any status) for a request.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_raw(http_exchange x, Token&& token = {}) const {
        return launch(detail::cli::perform(st_, std::move(x)), std::forward<Token>(token));
    }

    template <class Doc>
    std::string encode(const Doc& d) const {
        return options().format == wire_format::xml ? to_xml(d, options().xml) : to_json(d);
    }

    http_exchange make(bhttp::verb m, std::string_view path, std::optional<std::string> token = std::nullopt) const {
        http_exchange x;
        x.method = m;
        x.url = path.empty() ? base_ : join_url(base_, path);
        x.auth_token = std::move(token);
        x.format = options().format;
        return x;
    }

    // --- the operations ----------------------------------------------------------------------------

    // POST /tokens.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_authenticate(auth a, Token&& token = {}) const {
        auto x = make(bhttp::verb::post, "tokens");
        x.body = encode(a);
        return async_request<access>(std::move(x), std::forward<Token>(token));
    }

    // POST /ec2tokens: the access of an EC2-signed request (the credential's access key, the
    // request's host, verb, path and parameters, and its signature), as a service that takes EC2
    // calls asks for it. A wrong signature or an unknown key is 401.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_ec2_authenticate(ec2_request q, Token&& token = {}) const {
        auto x = make(bhttp::verb::post, "ec2tokens");
        x.body = encode(q);
        return async_request<access>(std::move(x), std::forward<Token>(token));
    }

    // GET /tokens/{id}[?belongsTo=] (admin).
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_validate_token(std::string admin_token, std::string token_id, std::optional<std::string> belongs_to,
                              Token&& token = {}) const {
        return async_request<access>(token_exchange(bhttp::verb::get, token_id, "", belongs_to, std::move(admin_token)),
                                     std::forward<Token>(token));
    }

    // HEAD /tokens/{id}[?belongsTo=] (admin): true for 2xx, false for 404; other statuses are errors.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_check_token(std::string admin_token, std::string token_id, std::optional<std::string> belongs_to,
                           Token&& token = {}) const {
        return launch(detail::cli::check(st_, token_exchange(bhttp::verb::head, token_id, "", belongs_to,
                                                             std::move(admin_token))),
                      std::forward<Token>(token));
    }

    // GET /tokens/{id}/endpoints (admin). Keystone answers {} for an unscoped token: an empty list.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_token_endpoints(std::string admin_token, std::string token_id, Token&& token = {}) const {
        return launch(detail::cli::token_endpoints(st_, token_exchange(bhttp::verb::get, token_id, "/endpoints",
                                                                       std::nullopt, std::move(admin_token))),
                      std::forward<Token>(token));
    }

    // GET /tenants: the tenants of the token.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_list_tenants(std::string auth_token, Token&& token = {}) const {
        return async_request<tenants>(make(bhttp::verb::get, "tenants", std::move(auth_token)),
                                      std::forward<Token>(token));
    }

    // GET /extensions.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_list_extensions(Token&& token = {}) const {
        return async_request<extensions>(make(bhttp::verb::get, "extensions"), std::forward<Token>(token));
    }

    // GET {base}: the v2.0 version document.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_version(Token&& token = {}) const {
        return async_request<version>(make(bhttp::verb::get, ""), std::forward<Token>(token));
    }

    // DELETE /tokens/{id} (admin).
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_revoke_token(std::string admin_token, std::string token_id, Token&& token = {}) const {
        return launch(detail::cli::no_content(st_, token_exchange(bhttp::verb::delete_, token_id, "", std::nullopt,
                                                                  std::move(admin_token))),
                      std::forward<Token>(token));
    }

    // --- the admin API (OS-KSADM, Keystone's endpoint registry, OS-EC2; docs/client.md) ----------------
    // Every one takes an admin token (on the admin URL) but async_change_own_password, which takes
    // the user's own token on the public URL. Writes answer with the document written; deletes,
    // grants and revocations with nothing.

    // POST /tenants.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_create_tenant(std::string admin_token, tenant t, Token&& token = {}) const {
        return send<tenant>(route(bhttp::verb::post, "tenants", {}, std::move(admin_token)), t,
                            std::forward<Token>(token));
    }

    // POST /tenants/{id} (Keystone's update; PUT is the same): the members given change.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_update_tenant(std::string admin_token, std::string tenant_id, tenant t, Token&& token = {}) const {
        return send<tenant>(route(bhttp::verb::post, "tenants/{}", {tenant_id}, std::move(admin_token)), t,
                            std::forward<Token>(token));
    }

    // DELETE /tenants/{id}.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_delete_tenant(std::string admin_token, std::string tenant_id, Token&& token = {}) const {
        return nothing(route(bhttp::verb::delete_, "tenants/{}", {tenant_id}, std::move(admin_token)),
                       std::forward<Token>(token));
    }

    // GET /tenants/{id}/users: the users with a role on the tenant.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_tenant_users(std::string admin_token, std::string tenant_id, Token&& token = {}) const {
        return async_request<users>(route(bhttp::verb::get, "tenants/{}/users", {tenant_id}, std::move(admin_token)),
                                    std::forward<Token>(token));
    }

    // GET /users.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_list_users(std::string admin_token, Token&& token = {}) const {
        return async_request<users>(route(bhttp::verb::get, "users", {}, std::move(admin_token)),
                                    std::forward<Token>(token));
    }

    // POST /users (name, password, email, tenantId, enabled).
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_create_user(std::string admin_token, user u, Token&& token = {}) const {
        return send<user>(route(bhttp::verb::post, "users", {}, std::move(admin_token)), u, std::forward<Token>(token));
    }

    // PUT /users/{id}: the members given change.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_update_user(std::string admin_token, std::string user_id, user u, Token&& token = {}) const {
        return send<user>(route(bhttp::verb::put, "users/{}", {user_id}, std::move(admin_token)), u,
                          std::forward<Token>(token));
    }

    // DELETE /users/{id}.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_delete_user(std::string admin_token, std::string user_id, Token&& token = {}) const {
        return nothing(route(bhttp::verb::delete_, "users/{}", {user_id}, std::move(admin_token)),
                       std::forward<Token>(token));
    }

    // PUT /users/{id}/OS-KSADM/password: sets the password (the user's tokens stop working).
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_set_user_password(std::string admin_token, std::string user_id, std::string password,
                                 Token&& token = {}) const {
        user u{.id = user_id, .password = std::move(password)};
        return send<user>(route(bhttp::verb::put, "users/{}/OS-KSADM/password", {user_id}, std::move(admin_token)), u,
                          std::forward<Token>(token));
    }

    // PUT /users/{id}/OS-KSADM/enabled.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_set_user_enabled(std::string admin_token, std::string user_id, bool enabled, Token&& token = {}) const {
        user u{.id = user_id, .enabled = enabled};
        return send<user>(route(bhttp::verb::put, "users/{}/OS-KSADM/enabled", {user_id}, std::move(admin_token)), u,
                          std::forward<Token>(token));
    }

    // PUT /users/{id}/OS-KSADM/tenant: the user's default tenant.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_set_user_tenant(std::string admin_token, std::string user_id, std::string tenant_id,
                               Token&& token = {}) const {
        user u{.id = user_id, .tenant_id = std::move(tenant_id)};
        return send<user>(route(bhttp::verb::put, "users/{}/OS-KSADM/tenant", {user_id}, std::move(admin_token)), u,
                          std::forward<Token>(token));
    }

    // PATCH /OS-KSCRUD/users/{id} on the public URL, with the user's own token: answers with a new
    // access (the old token stops working).
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_change_own_password(std::string own_token, std::string user_id, std::string original_password,
                                   std::string password, Token&& token = {}) const {
        password_change c{.password = std::move(password), .original_password = std::move(original_password)};
        return send<access>(route(bhttp::verb::patch, "OS-KSCRUD/users/{}", {user_id}, std::move(own_token)), c,
                            std::forward<Token>(token));
    }

    // GET /OS-KSADM/roles.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_list_roles(std::string admin_token, Token&& token = {}) const {
        return async_request<roles>(route(bhttp::verb::get, "OS-KSADM/roles", {}, std::move(admin_token)),
                                    std::forward<Token>(token));
    }

    // POST /OS-KSADM/roles.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_create_role(std::string admin_token, role r, Token&& token = {}) const {
        return send<role>(route(bhttp::verb::post, "OS-KSADM/roles", {}, std::move(admin_token)), r,
                          std::forward<Token>(token));
    }

    // GET /OS-KSADM/roles/{id}.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_get_role(std::string admin_token, std::string role_id, Token&& token = {}) const {
        return async_request<role>(route(bhttp::verb::get, "OS-KSADM/roles/{}", {role_id}, std::move(admin_token)),
                                   std::forward<Token>(token));
    }

    // DELETE /OS-KSADM/roles/{id}.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_delete_role(std::string admin_token, std::string role_id, Token&& token = {}) const {
        return nothing(route(bhttp::verb::delete_, "OS-KSADM/roles/{}", {role_id}, std::move(admin_token)),
                       std::forward<Token>(token));
    }

    // PUT /tenants/{t}/users/{u}/roles/OS-KSADM/{r}, or /users/{u}/roles/OS-KSADM/{r} (a global
    // grant) when tenant_id is std::nullopt.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_grant_role(std::string admin_token, std::optional<std::string> tenant_id, std::string user_id,
                          std::string role_id, Token&& token = {}) const {
        return nothing(grant(bhttp::verb::put, tenant_id, user_id, role_id, std::move(admin_token)),
                       std::forward<Token>(token));
    }

    // DELETE of the same.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_revoke_role(std::string admin_token, std::optional<std::string> tenant_id, std::string user_id,
                           std::string role_id, Token&& token = {}) const {
        return nothing(grant(bhttp::verb::delete_, tenant_id, user_id, role_id, std::move(admin_token)),
                       std::forward<Token>(token));
    }

    // GET /OS-KSADM/services.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_list_services(std::string admin_token, Token&& token = {}) const {
        return async_request<services>(route(bhttp::verb::get, "OS-KSADM/services", {}, std::move(admin_token)),
                                       std::forward<Token>(token));
    }

    // POST /OS-KSADM/services.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_create_service(std::string admin_token, service s, Token&& token = {}) const {
        return send<service>(route(bhttp::verb::post, "OS-KSADM/services", {}, std::move(admin_token)), s,
                             std::forward<Token>(token));
    }

    // GET /OS-KSADM/services/{id}.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_get_service(std::string admin_token, std::string service_id, Token&& token = {}) const {
        return async_request<service>(route(bhttp::verb::get, "OS-KSADM/services/{}", {service_id},
                                            std::move(admin_token)),
                                      std::forward<Token>(token));
    }

    // DELETE /OS-KSADM/services/{id}.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_delete_service(std::string admin_token, std::string service_id, Token&& token = {}) const {
        return nothing(route(bhttp::verb::delete_, "OS-KSADM/services/{}", {service_id}, std::move(admin_token)),
                       std::forward<Token>(token));
    }

    // GET /endpoints: the endpoint registry.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_list_endpoints(std::string admin_token, Token&& token = {}) const {
        return async_request<endpoint_records>(route(bhttp::verb::get, "endpoints", {}, std::move(admin_token)),
                                               std::forward<Token>(token));
    }

    // POST /endpoints.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_create_endpoint(std::string admin_token, endpoint_record e, Token&& token = {}) const {
        return send<endpoint_record>(route(bhttp::verb::post, "endpoints", {}, std::move(admin_token)), e,
                                     std::forward<Token>(token));
    }

    // DELETE /endpoints/{id}.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_delete_endpoint(std::string admin_token, std::string endpoint_id, Token&& token = {}) const {
        return nothing(route(bhttp::verb::delete_, "endpoints/{}", {endpoint_id}, std::move(admin_token)),
                       std::forward<Token>(token));
    }

    // POST /users/{id}/credentials/OS-EC2: a new access and secret for the user on the tenant.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_create_ec2_credential(std::string admin_token, std::string user_id, std::string tenant_id,
                                     Token&& token = {}) const {
        credential_request r{.tenant_id = std::move(tenant_id)};
        return send<credential>(route(bhttp::verb::post, "users/{}/credentials/OS-EC2", {user_id},
                                      std::move(admin_token)),
                                r, std::forward<Token>(token));
    }

    // GET /users/{id}/credentials/OS-EC2.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_list_ec2_credentials(std::string admin_token, std::string user_id, Token&& token = {}) const {
        return async_request<credential_list>(route(bhttp::verb::get, "users/{}/credentials/OS-EC2", {user_id},
                                                    std::move(admin_token)),
                                              std::forward<Token>(token));
    }

    // GET /users/{id}/credentials/OS-EC2/{access}.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_get_ec2_credential(std::string admin_token, std::string user_id, std::string access_key,
                                  Token&& token = {}) const {
        return async_request<credential>(route(bhttp::verb::get, "users/{}/credentials/OS-EC2/{}",
                                               {user_id, access_key}, std::move(admin_token)),
                                         std::forward<Token>(token));
    }

    // DELETE /users/{id}/credentials/OS-EC2/{access}.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_delete_ec2_credential(std::string admin_token, std::string user_id, std::string access_key,
                                     Token&& token = {}) const {
        return nothing(route(bhttp::verb::delete_, "users/{}/credentials/OS-EC2/{}", {user_id, access_key},
                             std::move(admin_token)),
                       std::forward<Token>(token));
    }

    // Version discovery from the root URL (std::nullopt: this client's URL without "/v2.0"); see
    // detail::cli::discover for the shapes accepted.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_discover(std::optional<std::string> root, Token&& token = {}) const {
        http_exchange x;
        x.url = root ? *root : root_url(base_);
        x.format = options().format;
        return launch(detail::cli::discover(st_, std::move(x)), std::forward<Token>(token));
    }

private:
    template <class T, class Token>
    auto launch(net::awaitable<client_result<T>> op, Token&& token) const {
        return detail::cli::launch(ex_, std::move(op), std::forward<Token>(token));
    }

    // `x` with `doc` as its body, its 2xx answer read as `Response`.
    template <class Response, class Doc, class Token>
    auto send(http_exchange x, const Doc& doc, Token&& token) const {
        x.body = encode(doc);
        return async_request<Response>(std::move(x), std::forward<Token>(token));
    }

    // `x`, whose 2xx answer carries nothing the caller needs.
    template <class Token>
    auto nothing(http_exchange x, Token&& token) const {
        return launch(detail::cli::no_content(st_, std::move(x)), std::forward<Token>(token));
    }

    // A request on `path`, whose each "{}" takes the next of `ids`, percent-encoded. An empty id
    // would name another route ("users/" + "" is /users): refused before anything is sent.
    http_exchange route(bhttp::verb m, std::string_view path, std::initializer_list<std::string_view> ids,
                        std::string auth_token) const {
        std::string p;
        std::string refused;
        auto id = ids.begin();
        for (std::size_t i = 0; i < path.size(); ++i) {
            if (path.substr(i, 2) != "{}" || id == ids.end()) {
                p.push_back(path[i]);
                continue;
            }
            if (id->empty() && refused.empty()) refused = "an id of " + std::string(path) + " is empty";
            p += url_encode(*id++);
            ++i;
        }
        http_exchange x = make(m, p, std::move(auth_token));
        x.refused = std::move(refused);
        return x;
    }

    http_exchange grant(bhttp::verb m, const std::optional<std::string>& tenant_id, std::string_view user_id,
                        std::string_view role_id, std::string admin_token) const {
        return tenant_id ? route(m, "tenants/{}/users/{}/roles/OS-KSADM/{}", {*tenant_id, user_id, role_id},
                                 std::move(admin_token))
                         : route(m, "users/{}/roles/OS-KSADM/{}", {user_id, role_id}, std::move(admin_token));
    }

    // A request on /tokens/{id}[suffix][?belongsTo=]. An id that no token has is refused here: an
    // empty one would name /tokens itself (405 from the server, or worse, another route).
    http_exchange token_exchange(bhttp::verb m, std::string_view id, std::string_view suffix,
                                 const std::optional<std::string>& belongs_to, std::string admin_token) const {
        std::string p = "tokens/" + url_encode(id);
        p += suffix;
        if (belongs_to) p += "?belongsTo=" + url_encode(*belongs_to);
        http_exchange x = make(m, p, std::move(admin_token));
        if (id.empty()) x.refused = "the token id is empty";
        else if (id.size() > 8192) x.refused = "the token id is over 8192 characters";
        else if (std::any_of(id.begin(), id.end(), [](char c) { return c <= ' ' || c >= 0x7f; }))
            x.refused = "the token id holds a space, a control character or a non-ASCII byte, which no token has";
        return x;
    }

    executor_type ex_;
    std::string base_;
    std::shared_ptr<detail::cli::shared> st_;
};

using client = basic_client<>;

// Separate compilation (detail/config.hpp): the operations are compiled once, in the unit that
// includes asio/instantiate.hpp; elsewhere they are only declared.
#if defined(OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION)
namespace detail::cli {
#define OPENSTACK_IDENTITY_V2_ASIO_DETAIL_OPERATION(T, name)                                                    \
    OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<T>> name<>(std::shared_ptr<shared>, \
                                                                                       http_exchange);
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_OPERATION(http_reply, perform)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_OPERATION(bool, check)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_OPERATION(endpoints, token_endpoints)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_OPERATION(void, no_content)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_OPERATION(discovered_version, discover)
#undef OPENSTACK_IDENTITY_V2_ASIO_DETAIL_OPERATION
#define OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(T)                                                                \
    OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<T>> request<T>(std::shared_ptr<shared>, \
                                                                                           http_exchange);
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(access)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(tenants)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(extensions)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(version)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(tenant)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(user)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(users)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(role)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(roles)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(service)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(services)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(endpoint_record)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(endpoint_records)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(credential)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(credential_list)
#undef OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST
// The results of the operations: blocking (use_blocking) and awaited in place (use_awaitable).
#define OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(T)                                                                \
    OPENSTACK_IDENTITY_V2_ASIO_EXTERN template client_result<T> run_blocking<T>(net::awaitable<client_result<T>>); \
    OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<T>> guarded<T>(                        \
        net::awaitable<client_result<T>>);
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(access)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(bool)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(endpoints)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(tenants)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(extensions)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(version)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(void)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(discovered_version)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(http_reply)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(tenant)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(user)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(users)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(role)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(roles)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(service)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(services)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(endpoint_record)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(endpoint_records)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(credential)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(credential_list)
#undef OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT
}  // namespace detail::cli
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template class basic_client<>;
#endif

}  // namespace openstack::identity::v2::asio

template <>
struct boost::system::is_error_code_enum<openstack::identity::v2::asio::client_errc> : std::true_type {};

#endif
