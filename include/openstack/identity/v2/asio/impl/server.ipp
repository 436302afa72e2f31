#ifndef OPENSTACK_IDENTITY_V2_ASIO_IMPL_SERVER_IPP
#define OPENSTACK_IDENTITY_V2_ASIO_IMPL_SERVER_IPP

// The server's connections (asio/server.hpp): header-only, or compiled once (detail/config.hpp).

#include <openstack/identity/v2/asio/server.hpp>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <map>
#include <mutex>
#include <unordered_set>
#include <utility>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::asio {

namespace detail {

inline std::string url_of(const tcp::endpoint& ep) {
    auto a = ep.address();
    std::string host = a.is_v6() ? "[" + a.to_string() + "]" : a.to_string();
    if (a.is_unspecified()) host = a.is_v6() ? "[::1]" : "127.0.0.1";
    return "http://" + host + ":" + std::to_string(ep.port());
}

template <class Executor>
std::optional<tcp::acceptor> open_acceptor(const Executor& ex, const listen_address& la) {
    tcp::endpoint ep{net::ip::make_address(la.host), la.port};
    std::optional<tcp::acceptor> acc(std::in_place, ex);
    acc->open(ep.protocol());
    acc->set_option(net::socket_base::reuse_address(true));
    acc->bind(ep);
    acc->listen(net::socket_base::max_listen_connections);
    return acc;
}

// What a connection may hold of a request besides its body: the header, then the chunk-size
// lines, chunk extensions and trailer of a chunked body. The read buffer never grows past it.
inline std::size_t input_budget(const server_options& o) { return std::max<std::size_t>(o.header_limit, 4096); }

template <class Fields>
std::size_t field_count(const Fields& f) {
    return static_cast<std::size_t>(std::distance(f.begin(), f.end()));
}

// How the body is framed, as RFC 9112 section 6 asks of a server: a Transfer-Encoding is
// "chunked" alone (the only coding this server reads), never with a Content-Length and never
// in HTTP/1.0. Anything else could be read as a different request by a proxy in front
// (request smuggling): the status and message of the answer, after which the connection closes.
template <class Request>
std::optional<std::pair<unsigned, std::string>> framing_fault(const Request& req) {
    namespace bh = beast::http;
    const auto n = req.count(bh::field::transfer_encoding);
    if (n == 0) return std::nullopt;
    auto bad = [](std::string m) { return std::pair<unsigned, std::string>{400, "Malformed HTTP request: " + m}; };
    if (n > 1) return bad("Transfer-Encoding given more than once.");
    if (req.count(bh::field::content_length)) return bad("both Transfer-Encoding and Content-Length.");
    if (req.version() < 11) return bad("Transfer-Encoding in an HTTP/1.0 request.");
    const beast::string_view te = req[bh::field::transfer_encoding];
    std::vector<std::string> codings;
    for (const auto& c : bh::token_list(te)) codings.emplace_back(c);
    if (codings.empty() || !beast::iequals(codings.back(), "chunked"))
        return bad("the last transfer coding is not chunked.");
    if (codings.size() > 1)
        return std::pair<unsigned, std::string>{501, "Transfer coding " + protocol::detail::printable(codings.front()) +
                                                         " is not implemented; send the body chunked only."};
    return std::nullopt;
}

}  // namespace detail

struct server::state {
    state(std::shared_ptr<v2::protocol::backend> b, server_options o)
        : backend(std::move(b)), opt(std::move(o)), ctl(net::make_strand(ioc)), drain_timer(ctl) {}

    net::io_context ioc;
    std::shared_ptr<v2::protocol::backend> backend;
    server_options opt;
    std::optional<tcp::acceptor> public_acc, admin_acc;
    tcp::endpoint public_ep, admin_ep;
    std::shared_ptr<protocol::request_handler> public_handler, admin_handler;
    bool listening = false;
    std::atomic<bool> started{false};
    std::atomic<bool> stopping{false};
    std::atomic<std::size_t> active{0};                   // connections, both listeners
    std::atomic<std::size_t> on_listener[2] = {};         // connections of the public (0) and admin (1) listener
    std::map<net::ip::address, std::size_t> per_address;  // under mu
    // Requests handled off the I/O threads: authentications (server_options::auth_threads), and
    // the others when the backend blocks (backend_threads).
    struct lane {
        std::optional<net::thread_pool> pool;
        std::atomic<std::size_t> waiting{0};  // running or queued there
        std::size_t queue = 0;
        std::string_view busy;  // the 503's message
    };
    lane auth{.busy = "Too many authentications in progress; try again later."};
    lane backend_lane{.busy = "Too many requests in progress; try again later."};
    std::optional<net::signal_set> signals;
    net::strand<net::io_context::executor_type> ctl;  // signals and the drain timer
    net::steady_timer drain_timer;
    std::mutex mu;
    std::vector<std::weak_ptr<listener>> listeners;
    std::unordered_set<connection*> connections;

    static void begin_stop(const std::shared_ptr<state>& st);
    void connection_gone() {
        if (--active == 0 && stopping) net::post(ctl, [this] { drain_timer.cancel(); });
    }
};

class server::connection : public std::enable_shared_from_this<connection> {
public:
    connection(std::shared_ptr<state> st, tcp::socket&& s, std::shared_ptr<protocol::request_handler> h,
               const char* side, int slot, net::ip::address from)
        : st_(std::move(st)), stream_(std::move(s)), buffer_(detail::input_budget(st_->opt)), h_(std::move(h)),
          side_(side), slot_(slot), from_(from) {
        // Counted here and uncounted in the destructor, whatever happens in between.
        const auto& o = st_->opt;
        reject_ = ++st_->on_listener[slot_] > o.max_connections;
        std::lock_guard lk(st_->mu);
        const std::size_t n = ++st_->per_address[from_];
        reject_ = reject_ || (o.max_connections_per_address && n > o.max_connections_per_address);
    }

    ~connection() {
        --st_->on_listener[slot_];
        {
            std::lock_guard lk(st_->mu);
            st_->connections.erase(this);
            if (auto it = st_->per_address.find(from_); it != st_->per_address.end() && --it->second == 0)
                st_->per_address.erase(it);
        }
        st_->connection_gone();
    }

    void run() {
        {
            std::lock_guard lk(st_->mu);
            st_->connections.insert(this);
        }
        net::dispatch(stream_.get_executor(), beast::bind_front_handler(&connection::read_header, shared_from_this()));
    }

    // From the server, on any thread.
    void shutdown() {
        net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
            self->stopping_ = true;
            if (self->idle_) {
                boost::system::error_code ec;
                self->stream_.socket().cancel(ec);
            }
        });
    }

private:
    void read_header() {
        if (stopping_ || st_->stopping) return close();
        parser_.emplace();
        parser_->body_limit(st_->opt.body_limit);
        parser_->header_limit(st_->opt.header_limit);
        fields_before_trailer_ = 0;
        parser_->on_chunk_header(last_chunk_);
        idle_ = true;
        // A connection over the limit gets a second at most to say what it wants.
        stream_.expires_after(reject_ ? std::min(st_->opt.header_timeout, std::chrono::milliseconds(1000))
                                      : st_->opt.header_timeout);
        header_bytes_ = 0;
        read_header_some();
    }

    // Beast applies header_limit to each read, not to the whole header (many short fields
    // would get through): the header is read piece by piece and counted here.
    void read_header_some() {
        beast::http::async_read_some(stream_, buffer_, *parser_,
                                     beast::bind_front_handler(&connection::on_header_some, shared_from_this()));
    }

    void on_header_some(beast::error_code ec, std::size_t n) {
        header_bytes_ += n;
        if (!ec && header_bytes_ > st_->opt.header_limit) ec = beast::http::error::header_limit;
        if (!ec && !parser_->is_header_done()) return read_header_some();
        on_header(ec, header_bytes_);
    }

    std::string accept() const {
        auto& m = parser_->get();
        auto it = m.find(beast::http::field::accept);
        return it == m.end() ? std::string{} : std::string(it->value());
    }

    void on_header(beast::error_code ec, std::size_t) {
        idle_ = false;
        if (ec == beast::http::error::end_of_stream || ec == net::error::operation_aborted ||
            ec == beast::error::timeout || ec == net::error::connection_reset || ec == net::error::eof)
            return close();
        if (ec == beast::http::error::body_limit)
            return answer_and_close(h_->fault_response(413,
                                                       "Request is too large. Larger than max_request_body_size (" +
                                                           std::to_string(st_->opt.body_limit) + ").",
                                                       accept(), parser_->get().version(),
                                                       parser_->get().method() == beast::http::verb::head));
        if (ec) {
            // Not HTTP, or a header over the limit: 400 and close.
            return answer_and_close(h_->fault_response(400, "Malformed HTTP request: " + ec.message() + ".", "", 11));
        }
        if (reject_)
            return answer_and_close(h_->fault_response(503, "Too many connections; try again later.", accept(),
                                                       parser_->get().version()));
        auto& req = parser_->get();
        if (auto bad = detail::framing_fault(req))
            return answer_and_close(h_->fault_response(bad->first, bad->second, accept(), req.version()));
        if (beast::iequals(req[beast::http::field::expect], "100-continue")) {
            auto cont = std::make_shared<beast::http::response<beast::http::empty_body>>(beast::http::status::continue_,
                                                                                         req.version());
            stream_.expires_after(st_->opt.write_timeout);
            beast::http::async_write(stream_, *cont,
                                     [self = shared_from_this(), cont](beast::error_code e, std::size_t) {
                                         if (e) return self->close();
                                         self->read_body();
                                     });
            return;
        }
        read_body();
    }

    void read_body() {
        stream_.expires_after(st_->opt.body_timeout);
        beast::http::async_read(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&connection::on_body, shared_from_this()));
    }

    void on_body(beast::error_code ec, std::size_t) {
        if (ec == beast::http::error::body_limit)
            return answer_and_close(h_->fault_response(413,
                                                       "Request is too large. Larger than max_request_body_size (" +
                                                           std::to_string(st_->opt.body_limit) + ").",
                                                       accept(), parser_->get().version()));
        if (ec == beast::http::error::buffer_overflow)
            return answer_and_close(h_->fault_response(400,
                                                       "Malformed HTTP request: chunk framing or trailer over " +
                                                           std::to_string(st_->opt.header_limit) + " bytes.",
                                                       accept(), parser_->get().version()));
        if (ec == beast::error::timeout || ec == net::error::operation_aborted) return close();
        if (ec && ec != beast::http::error::end_of_stream && !parser_->is_done()) {
            if (ec == net::error::eof || ec == beast::http::error::partial_message ||
                ec == net::error::connection_reset)
                return close();
            return answer_and_close(h_->fault_response(400, "Malformed HTTP request: " + ec.message() + ".", accept(),
                                                       11));
        }
        // Trailers are refused: a proxy in front filters headers and never sees them, so they must
        // not decide anything (Beast would merge them into the header).
        if (parser_->chunked() && detail::field_count(parser_->get()) != fields_before_trailer_)
            return answer_and_close(h_->fault_response(400, "Malformed HTTP request: trailer fields are not accepted.",
                                                       accept(), parser_->get().version()));
        auto req = std::make_shared<protocol::request>(parser_->release());
        if (st_->auth.pool && protocol::request_handler::checks_password(*req))
            return offload(st_->auth, std::move(req));
        if (st_->backend_lane.pool) return offload(st_->backend_lane, std::move(req));
        answer(*req, h_->handle(*req));
    }

    // On a thread of the lane; the answer is written from the connection's strand. A full queue
    // is told so at once: 503 with Retry-After, rather than a wait that holds the connection.
    void offload(state::lane& l, std::shared_ptr<protocol::request> req) {
        if (++l.waiting > l.queue) {
            --l.waiting;
            protocol::response r = h_->fault_response(503, std::string(l.busy),
                                                      std::string((*req)[beast::http::field::accept]), req->version());
            r.set(beast::http::field::retry_after, "1");
            r.keep_alive(req->keep_alive());
            return answer(*req, std::move(r));
        }
        // The work guard keeps the io_context running (during a graceful shutdown too) until the
        // answer is back on the strand.
        net::post(*l.pool, [self = shared_from_this(), &l, req = std::move(req),
                            work = net::make_work_guard(stream_.get_executor())]() mutable {
            auto res = std::make_shared<protocol::response>(self->h_->handle(*req));
            --l.waiting;
            net::post(self->stream_.get_executor(), [self, req = std::move(req), res, work = std::move(work)] {
                self->answer(*req, std::move(*res));
            });
        });
    }

    void answer(const protocol::request& req, protocol::response r) {
        auto res = std::make_shared<protocol::response>(std::move(r));
        const std::size_t most = st_->opt.max_requests_per_connection;
        if (st_->stopping || stopping_ || (most && ++answered_ >= most)) res->keep_alive(false);
        if (st_->opt.log) {
            // Token ids are secrets: "/v2.0/tokens/{id}[/endpoints]" is logged without the id.
            const std::string path =
                protocol::detail::printable(protocol::detail::masked_path(std::string_view(req.target().data(),
                                                                                           req.target().size())));
            st_->opt.log(std::string(side_) + " " + std::string(req.method_string()) + " " + path + " " +
                         std::to_string(res->result_int()));
        }
        write(std::move(res), false);
    }

    void answer_and_close(protocol::response r) {
        auto res = std::make_shared<protocol::response>(std::move(r));
        res->keep_alive(false);
        // The answer to a HEAD has no body, whatever refused it (found by server_fuzz). Beast sets
        // the method once the request line is parsed, even when a later field is malformed.
        if (parser_ && parser_->get().method() == beast::http::verb::head && !res->body().empty()) {
            res->set(beast::http::field::content_length, std::to_string(res->body().size()));
            res->body().clear();
        }
        if (st_->opt.log) st_->opt.log(std::string(side_) + " - - " + std::to_string(res->result_int()));
        write(std::move(res), true);
    }

    void write(std::shared_ptr<protocol::response> res, bool drain) {
        stream_.expires_after(st_->opt.write_timeout);
        auto sr = std::make_shared<beast::http::response_serializer<beast::http::string_body>>(*res);
        beast::http::async_write(stream_, *sr,
                                 [self = shared_from_this(), res, sr, drain](beast::error_code ec, std::size_t) {
                                     if (ec) return self->close();
                                     if (drain) return self->drain_and_close();
                                     if (!res->keep_alive()) return self->close();
                                     self->read_header();
                                 });
    }

    // After an answer sent without reading the whole request: stop sending, read and discard
    // what the client still sends for a moment (so that closing does not reset the
    // connection before the client read the answer), then close.
    void drain_and_close() {
        boost::system::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream_.expires_after(std::chrono::seconds(2));
        drain_buf_ = std::make_shared<std::array<char, 16384>>();
        drain_some();
    }

    void drain_some() {
        stream_.async_read_some(net::buffer(*drain_buf_),
                                [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                    self->drained_ += n;
                                    if (ec || self->drained_ > 8 * self->st_->opt.body_limit + (1u << 20))
                                        return self->close();
                                    self->drain_some();
                                });
    }

    void close() {
        boost::system::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.socket().close(ec);
    }

    std::shared_ptr<state> st_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<beast::http::request_parser<beast::http::string_body>> parser_;
    std::shared_ptr<protocol::request_handler> h_;
    const char* side_;
    int slot_;
    net::ip::address from_;
    bool reject_ = false;
    bool stopping_ = false;
    bool idle_ = false;
    std::shared_ptr<std::array<char, 16384>> drain_buf_;
    std::size_t drained_ = 0;
    std::size_t header_bytes_ = 0;
    std::size_t answered_ = 0;  // requests answered on this connection
    // The fields before the trailer (at the last chunk), to see whether the trailer added any.
    std::size_t fields_before_trailer_ = 0;
    std::function<void(std::uint64_t, beast::string_view, beast::error_code&)> last_chunk_ =
        [this](std::uint64_t size, beast::string_view, beast::error_code&) {
            if (size == 0) fields_before_trailer_ = detail::field_count(parser_->get());
        };
};

class server::listener : public std::enable_shared_from_this<listener> {
public:
    listener(std::shared_ptr<state> st, tcp::acceptor&& acc, std::shared_ptr<protocol::request_handler> h,
             const char* side, int slot)
        : st_(std::move(st)), acc_(std::move(acc)), h_(std::move(h)), side_(side), slot_(slot),
          retry_(acc_.get_executor()) {}

    void run() {
        {
            std::lock_guard lk(st_->mu);
            st_->listeners.push_back(weak_from_this());
        }
        net::dispatch(acc_.get_executor(), beast::bind_front_handler(&listener::accept, shared_from_this()));
    }

    void close() {
        net::dispatch(acc_.get_executor(), [self = shared_from_this()] {
            boost::system::error_code ec;
            self->acc_.close(ec);
            self->retry_.cancel();
        });
    }

private:
    void accept() {
        if (st_->stopping || !acc_.is_open()) return;
        acc_.async_accept(net::make_strand(st_->ioc),
                          beast::bind_front_handler(&listener::on_accept, shared_from_this()));
    }

    void on_accept(beast::error_code ec, tcp::socket s) {
        if (ec == net::error::operation_aborted || st_->stopping || !acc_.is_open()) return;
        if (!ec) {
            ++st_->active;
            boost::system::error_code ignored;
            s.set_option(tcp::no_delay(true), ignored);
            const auto from = s.remote_endpoint(ignored).address();
            std::make_shared<connection>(st_, std::move(s), h_, side_, slot_, from)->run();
        } else {
            // Out of descriptors or buffers: accepting again at once would spin. The
            // connection stays in the backlog until a descriptor is free.
            retry_.expires_after(std::chrono::milliseconds(50));
            retry_.async_wait([self = shared_from_this()](const boost::system::error_code& e) {
                if (!e) self->accept();
            });
            return;
        }
        accept();
    }

    std::shared_ptr<state> st_;
    tcp::acceptor acc_;
    std::shared_ptr<protocol::request_handler> h_;
    const char* side_;
    int slot_;
    net::steady_timer retry_;
};

OPENSTACK_IDENTITY_V2_ASIO_DECL void server::state::begin_stop(const std::shared_ptr<state>& st) {
    if (st->stopping.exchange(true)) return;
    // One handler does it all: while it runs the io_context has work, so the threads cannot run
    // out of work (and return) between closing the listeners and arming the drain timer.
    net::post(st->ctl, [st] {
        std::vector<std::shared_ptr<listener>> ls;
        std::vector<std::shared_ptr<connection>> ss;
        {
            std::lock_guard lk(st->mu);
            for (auto& w : st->listeners)
                if (auto l = w.lock()) ls.push_back(std::move(l));
            for (connection* s : st->connections)
                if (auto p = s->weak_from_this().lock()) ss.push_back(std::move(p));
        }
        for (auto& l : ls) l->close();
        for (auto& s : ss) s->shutdown();
        if (st->signals) {
            boost::system::error_code ec;
            st->signals->cancel(ec);
        }
        if (st->active == 0) return;
        st->drain_timer.expires_after(st->opt.drain_timeout);
        st->drain_timer.async_wait([st](const boost::system::error_code& ec) {
            if (!ec) st->ioc.stop();
        });
    });
}

OPENSTACK_IDENTITY_V2_ASIO_DECL server::server(std::shared_ptr<v2::protocol::backend> b, server_options opt)
    : st_(std::make_shared<state>(std::move(b), std::move(opt))) {}

OPENSTACK_IDENTITY_V2_ASIO_DECL server::~server() {
    stop();
    wait();
}

OPENSTACK_IDENTITY_V2_ASIO_DECL void server::listen() {
    if (st_->listening) return;
    auto& o = st_->opt;
    st_->public_acc = detail::open_acceptor(net::make_strand(st_->ioc), o.public_listener);
    st_->public_ep = st_->public_acc->local_endpoint();
    if (o.public_url.empty()) o.public_url = detail::url_of(st_->public_ep);
    if (o.admin_listener) {
        st_->admin_acc = detail::open_acceptor(net::make_strand(st_->ioc), *o.admin_listener);
        st_->admin_ep = st_->admin_acc->local_endpoint();
        if (o.admin_url.empty()) o.admin_url = detail::url_of(st_->admin_ep);
    }
    protocol::request_handler_options h;
    h.body_limit = o.body_limit;
    h.faults = o.faults;
    h.xml = o.xml;
    h.public_url = o.public_url;
    h.side = protocol::listener_kind::public_api;
    h.base_url = o.public_url;
    h.extensions = o.public_extensions;
    st_->public_handler = std::make_shared<protocol::request_handler>(st_->backend, h);
    h.side = protocol::listener_kind::admin_api;
    h.base_url = o.admin_url.empty() ? o.public_url : o.admin_url;
    h.extensions = o.admin_extensions;
    st_->admin_handler = std::make_shared<protocol::request_handler>(st_->backend, h);
    st_->listening = true;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL void server::start() {
    listen();
    if (st_->started.exchange(true)) return;
    auto st = st_;
    std::make_shared<listener>(st, std::move(*st->public_acc), st->public_handler, "public", 0)->run();
    st->public_acc.reset();
    if (st->admin_acc) {
        std::make_shared<listener>(st, std::move(*st->admin_acc), st->admin_handler, "admin", 1)->run();
        st->admin_acc.reset();
    }
    if (st->opt.handle_signals) {
        st->signals.emplace(st->ctl, SIGINT, SIGTERM);
        st->signals->async_wait([st](const boost::system::error_code& ec, int) {
            if (!ec) state::begin_stop(st);
        });
    }
    const unsigned n = st->opt.threads ? st->opt.threads : 1;
    const unsigned cores = std::thread::hardware_concurrency();
    const unsigned auth = st->opt.auth_threads.value_or(cores > n ? cores - n : 1);
    if (auth) st->auth.pool.emplace(auth);
    st->auth.queue = st->opt.auth_queue;
    if (st->opt.backend_threads) st->backend_lane.pool.emplace(st->opt.backend_threads);
    st->backend_lane.queue = st->opt.backend_queue;
    // A completion handler that throws ends its connection (the connection object goes with it);
    // the thread goes on running the others (Asio allows run() again after an exception, without
    // restart()).
    for (unsigned i = 0; i < n; ++i)
        threads_.emplace_back([st] {
            for (;;) {
                try {
                    st->ioc.run();
                    return;
                } catch (const std::exception& e) {
                    if (st->opt.log)
                        st->opt.log(std::string("internal error: ") + protocol::detail::printable(e.what()));
                }
            }
        });
}

OPENSTACK_IDENTITY_V2_ASIO_DECL void server::wait() {
    for (auto& t : threads_)
        if (t.joinable()) t.join();
    threads_.clear();
    for (auto* l : {&st_->auth, &st_->backend_lane})
        if (l->pool) l->pool->join();
}

OPENSTACK_IDENTITY_V2_ASIO_DECL void server::run() {
    start();
    wait();
}

OPENSTACK_IDENTITY_V2_ASIO_DECL void server::stop() {
    if (st_->started) state::begin_stop(st_);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL tcp::endpoint server::public_endpoint() const { return st_->public_ep; }
OPENSTACK_IDENTITY_V2_ASIO_DECL tcp::endpoint server::admin_endpoint() const { return st_->admin_ep; }
OPENSTACK_IDENTITY_V2_ASIO_DECL const std::string& server::public_url() const { return st_->opt.public_url; }
OPENSTACK_IDENTITY_V2_ASIO_DECL const std::string& server::admin_url() const { return st_->opt.admin_url; }
OPENSTACK_IDENTITY_V2_ASIO_DECL std::size_t server::connections() const { return st_->active.load(); }
OPENSTACK_IDENTITY_V2_ASIO_DECL std::size_t server::authentications() const { return st_->auth.waiting.load(); }
OPENSTACK_IDENTITY_V2_ASIO_DECL const protocol::request_handler& server::public_handler() const {
    return *st_->public_handler;
}
OPENSTACK_IDENTITY_V2_ASIO_DECL const protocol::request_handler& server::admin_handler() const {
    return *st_->admin_handler;
}

}  // namespace openstack::identity::v2::asio

#endif
