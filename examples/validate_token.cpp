// A service that protects its one handler with v2.0 tokens: every request goes through the
// middleware (asio/middleware.hpp), which validates X-Auth-Token at the identity admin API and sets
// the identity headers, as keystonemiddleware's auth_token does for a Python service. The handler
// answers with who is calling. See docs/token-validator.md.
//
//   validate-token --listen 127.0.0.1:8080 --identity-url http://127.0.0.1:35357/v2.0
//                  (--admin-token TOKEN | --user NAME --password PASSWORD --tenant NAME)
//                  [--accepted-roles Member,admin] [--delay-auth-decision]
//
//   curl -H "X-Auth-Token: $TOKEN" http://127.0.0.1:8080/
//   user demo (u-demo), tenant t-demo, roles Member,anotherrole

#include <openstack/identity/v2/asio.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

namespace v2 = openstack::identity::v2;
namespace ia = openstack::identity::v2::asio;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

// The service's own handler: it runs only for requests the middleware let through, and reads the
// headers the middleware set (never ones the caller sent: those were removed).
ia::http_response hello(const bhttp::request<bhttp::string_body>& req) {
    ia::http_response res{bhttp::status::ok, req.version()};
    res.set(bhttp::field::content_type, "text/plain");
    if (req["X-Identity-Status"] == "Confirmed")
        res.body() = "user " + std::string(req["X-User-Name"]) + " (" + std::string(req["X-User-Id"]) + "), tenant " +
                     std::string(req["X-Tenant-Id"]) + ", roles " + std::string(req["X-Roles"]) + "\n";
    else res.body() = "anonymous (no valid token)\n";  // only with --delay-auth-decision
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    return res;
}

template <class Service>
net::awaitable<void> serve(tcp::socket socket, const Service& service) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (;;) {
        bhttp::request<bhttp::string_body> req;
        stream.expires_after(std::chrono::seconds(30));
        boost::system::error_code ec;
        co_await bhttp::async_read(stream, buffer, req, net::redirect_error(net::use_awaitable, ec));
        if (ec) co_return;
        const bool keep_alive = req.keep_alive();
        auto res = co_await service(std::move(req));
        co_await bhttp::async_write(stream, res, net::redirect_error(net::use_awaitable, ec));
        if (ec || !keep_alive || !res.keep_alive()) co_return;
    }
}

int usage() {
    std::cerr << "usage: validate-token --listen HOST:PORT --identity-url ADMIN_URL\n"
                 "                      (--admin-token TOKEN | --user NAME --password PASSWORD --tenant NAME)\n"
                 "                      [--accepted-roles R1,R2] [--delay-auth-decision]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::string listen = "127.0.0.1:8080", user, password, tenant;
    ia::token_validator_options o;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--listen") listen = value();
        else if (a == "--identity-url") o.identity_url = value();
        else if (a == "--admin-token") o.admin_token = value();
        else if (a == "--user") user = value();
        else if (a == "--password") password = value();
        else if (a == "--tenant") tenant = value();
        else if (a == "--delay-auth-decision") o.delay_auth_decision = true;
        else if (a == "--accepted-roles") {
            std::istringstream in(value());
            for (std::string r; std::getline(in, r, ',');)
                if (!r.empty()) o.accepted_roles.push_back(r);
        } else return usage();
    }
    if (!user.empty()) o.service_credentials = ia::password_auth(user, password, {.tenant_name = tenant});
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) return usage();

    try {
        net::io_context ioc;
        ia::token_validator validator(ioc.get_executor(), o);
        ia::middleware service(validator, hello);
        tcp::acceptor acceptor(ioc, {net::ip::make_address(listen.substr(0, colon)),
                                     static_cast<unsigned short>(std::stoi(listen.substr(colon + 1)))});
        net::signal_set signals(ioc, SIGINT, SIGTERM);
        signals.async_wait([&](auto, int) { ioc.stop(); });
        net::co_spawn(
            ioc,
            [&]() -> net::awaitable<void> {
                for (;;)
                    net::co_spawn(ioc, serve(co_await acceptor.async_accept(net::use_awaitable), service),
                                  net::detached);
            },
            net::detached);
        std::cout << "listening on " << acceptor.local_endpoint() << std::endl;
        ioc.run();
    } catch (const std::exception& e) {
        std::cerr << "validate-token: " << e.what() << "\n";
        return 1;
    }
}
