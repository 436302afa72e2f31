// The server baseline: a minimal Boost.Beast HTTP/1.1 server (Beast's async example, reduced)
// answering every request with the same body of a given size, on N threads, keep-alive.
//
//   osi_bench_beast --port P --body-size BYTES [--threads N]
// Prints "listening PORT" once bound; SIGINT/SIGTERM stop it.

#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

class session : public std::enable_shared_from_this<session> {
public:
    session(tcp::socket&& s, std::shared_ptr<const std::string> body) : stream_(std::move(s)), body_(std::move(body)) {}

    void run() { net::dispatch(stream_.get_executor(), beast::bind_front_handler(&session::read, shared_from_this())); }

private:
    void read() {
        req_ = {};
        stream_.expires_after(std::chrono::seconds(30));
        http::async_read(stream_, buffer_, req_, beast::bind_front_handler(&session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec) return close();
        res_ = {http::status::ok, req_.version()};
        res_.set(http::field::content_type, "application/json");
        res_.keep_alive(req_.keep_alive());
        res_.body() = *body_;
        res_.prepare_payload();
        http::async_write(stream_, res_, beast::bind_front_handler(&session::on_write, shared_from_this()));
    }

    void on_write(beast::error_code ec, std::size_t) {
        if (ec || !res_.keep_alive()) return close();
        read();
    }

    void close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    http::request<http::string_body> req_;
    http::response<http::string_body> res_;
    std::shared_ptr<const std::string> body_;
};

class listener : public std::enable_shared_from_this<listener> {
public:
    listener(net::io_context& ioc, tcp::endpoint ep, std::shared_ptr<const std::string> body)
        : ioc_(ioc), acc_(net::make_strand(ioc)), body_(std::move(body)) {
        acc_.open(ep.protocol());
        acc_.set_option(net::socket_base::reuse_address(true));
        acc_.bind(ep);
        acc_.listen(net::socket_base::max_listen_connections);
    }
    unsigned short port() const { return acc_.local_endpoint().port(); }
    void accept() {
        acc_.async_accept(net::make_strand(ioc_), [self = shared_from_this()](beast::error_code ec, tcp::socket s) {
            if (!ec) {
                s.set_option(tcp::no_delay(true), ec);
                std::make_shared<session>(std::move(s), self->body_)->run();
            }
            self->accept();
        });
    }

private:
    net::io_context& ioc_;
    tcp::acceptor acc_;
    std::shared_ptr<const std::string> body_;
};

}  // namespace

int main(int argc, char** argv) {
    unsigned short port = 0;
    std::size_t size = 1024;
    unsigned threads = 2;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view a = argv[i];
        if (a == "--port") port = static_cast<unsigned short>(std::atoi(argv[i + 1]));
        else if (a == "--body-size") size = std::strtoull(argv[i + 1], nullptr, 10);
        else if (a == "--threads") threads = static_cast<unsigned>(std::atoi(argv[i + 1]));
    }
    auto body = std::make_shared<const std::string>(size, 'x');
    net::io_context ioc;
    auto l = std::make_shared<listener>(ioc, tcp::endpoint{net::ip::make_address("127.0.0.1"), port}, body);
    l->accept();
    std::cout << "listening " << l->port() << std::endl;
    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code, int) { ioc.stop(); });
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
    ioc.run();
    for (auto& t : pool) t.join();
    return 0;
}
