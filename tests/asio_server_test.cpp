#include <boost/test/unit_test.hpp>

#include "asio_server_fixture.hpp"
#include "support.hpp"

#include <openstack/identity/v2/asio/server.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <sys/socket.h>
#include <sys/time.h>

#include <chrono>
#include <csignal>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

BOOST_AUTO_TEST_SUITE(asio_server_test)

namespace v2 = openstack::identity::v2;
namespace ia = openstack::identity::v2::asio;
namespace proto = openstack::identity::v2::protocol;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

namespace {

ia::server_options test_options() {
    ia::server_options o;
    o.public_listener = {"127.0.0.1", 0};
    o.admin_listener = ia::listen_address{"127.0.0.1", 0};
    o.threads = 2;
    o.handle_signals = false;
    o.header_timeout = 2s;
    o.body_timeout = 2s;
    o.drain_timeout = 5s;
    return o;
}

struct running_server {
    std::shared_ptr<osi_test::test_backend> backend = osi_test::make_test_backend();
    ia::server srv;
    explicit running_server(ia::server_options o = test_options()) : srv(backend, std::move(o)) {
        srv.listen();
        backend->set_listener_urls(srv.public_url(), srv.admin_url());
        srv.start();
    }
};

// A blocking client connection with a receive timeout, so that a server bug fails a test
// instead of hanging it.
struct client {
    net::io_context ioc;
    tcp::socket sock{ioc};
    beast::flat_buffer buf;

    explicit client(const tcp::endpoint& ep) {
        sock.connect(ep);
        timeval tv{5, 0};
        ::setsockopt(sock.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }

    void send_raw(std::string_view s) { net::write(sock, net::buffer(s.data(), s.size())); }

    bhttp::response<bhttp::string_body> request(bhttp::verb v, std::string target, std::string body = {},
                                                std::vector<std::pair<std::string, std::string>> headers = {}) {
        bhttp::request<bhttp::string_body> req{v, target, 11};
        req.set(bhttp::field::host, "127.0.0.1");
        for (auto& [k, val] : headers) req.set(k, val);
        if (!body.empty()) {
            if (req.find(bhttp::field::content_type) == req.end())
                req.set(bhttp::field::content_type, "application/json");
            req.body() = std::move(body);
        }
        req.prepare_payload();
        bhttp::write(sock, req);
        return read(v == bhttp::verb::head);
    }

    bhttp::response<bhttp::string_body> read(bool head = false) {
        bhttp::response_parser<bhttp::string_body> p;
        p.body_limit(1 << 24);
        p.skip(head);
        bhttp::read(sock, buf, p);
        return p.release();
    }

    // True when the server closed the connection (EOF or reset) within the receive timeout.
    bool closed_by_server() {
        char c;
        boost::system::error_code ec;
        sock.read_some(net::buffer(&c, 1), ec);
        return ec == net::error::eof || ec == net::error::connection_reset;
    }
};

const std::string auth_body = osi_test::demo_auth_json;

std::string token_of(const bhttp::response<bhttp::string_body>& r) {
    return std::string(boost::json::parse(r.body()).at_pointer("/access/token/id").as_string());
}

void still_answers(ia::server& srv) {
    client c(srv.public_endpoint());
    auto r = c.request(bhttp::verb::get, "/v2.0");
    BOOST_TEST(r.result_int() == 200u);
}

}  // namespace

BOOST_AUTO_TEST_CASE(keep_alive_head_and_urls) {
    running_server s;
    BOOST_TEST(s.srv.public_url() == "http://127.0.0.1:" + std::to_string(s.srv.public_endpoint().port()));
    client c(s.srv.public_endpoint());
    auto root = c.request(bhttp::verb::get, "/");
    BOOST_TEST(root.result_int() == 300u);
    BOOST_TEST(root.keep_alive());
    auto vs = v2::from_json<v2::versions>(root.body());
    BOOST_TEST(vs.items.at(0).links->at(0).href == s.srv.public_url() + "/v2.0/");
    auto tok = c.request(bhttp::verb::post, "/v2.0/tokens", auth_body);
    BOOST_TEST(tok.result_int() == 200u);
    const std::string t = token_of(tok);
    auto a = v2::from_json<v2::access>(tok.body());
    BOOST_TEST(*a.service_catalog->at(1).endpoints.at(0).public_url == s.srv.public_url() + "/v2.0");
    BOOST_TEST(*a.service_catalog->at(1).endpoints.at(0).admin_url == s.srv.admin_url() + "/v2.0");
    auto head = c.request(bhttp::verb::head, "/v2.0");
    BOOST_TEST(head.result_int() == 200u);
    BOOST_TEST(head.body().empty());
    BOOST_TEST(std::stoul(std::string(head[bhttp::field::content_length])) > 0u);
    // Errors keep the connection.
    BOOST_TEST(c.request(bhttp::verb::get, "/nothing").result_int() == 404u);
    BOOST_TEST(c.request(bhttp::verb::get, "/v2.0/tokens").result_int() == 405u);
    BOOST_TEST(c.request(bhttp::verb::post, "/v2.0/tokens", "{").result_int() == 400u);
    BOOST_TEST(c.request(bhttp::verb::get, "/v2.0/tenants", {}, {{"X-Auth-Token", t}}).result_int() == 200u);

    client adm(s.srv.admin_endpoint());
    for (int i = 0; i < 3; ++i) {
        auto v = adm.request(bhttp::verb::get, "/v2.0/tokens/" + t + "?belongsTo=t-demo", {},
                             {{"X-Auth-Token", "ADMIN"}});
        BOOST_TEST(v.result_int() == 200u);
        auto h = adm.request(bhttp::verb::head, "/v2.0/tokens/" + t, {}, {{"X-Auth-Token", "ADMIN"}});
        BOOST_TEST(h.result_int() == 200u);
        BOOST_TEST(h[bhttp::field::content_length] == std::to_string(v.body().size()));
        auto h4 = adm.request(bhttp::verb::head, "/v2.0/tokens/" + t + "?belongsTo=x", {}, {{"X-Auth-Token", "ADMIN"}});
        BOOST_TEST(h4.result_int() == 404u);
    }
    // Connection: close is honoured.
    auto last = c.request(bhttp::verb::get, "/v2.0", {}, {{"Connection", "close"}});
    BOOST_TEST(last.result_int() == 200u);
    BOOST_TEST(!last.keep_alive());
    BOOST_TEST(c.closed_by_server());
}

// By default each listener lists the extensions it serves, in Keystone's documents: OS-KSADM on
// the admin listener only (jclouds uses the admin API only where it is listed).
BOOST_AUTO_TEST_CASE(extensions_listed_are_those_served) {
    running_server s;
    auto aliases = [](const std::string& body) {
        std::vector<std::string> out;
        for (const auto& e : v2::from_json<v2::extensions>(body).items) out.push_back(e.alias);
        return out;
    };
    client pub(s.srv.public_endpoint());
    client adm(s.srv.admin_endpoint());
    auto p = pub.request(bhttp::verb::get, "/v2.0/extensions");
    BOOST_TEST(p.result_int() == 200u);
    BOOST_TEST((aliases(p.body()) == std::vector<std::string>{"OS-KSCRUD", "OS-EC2"}));
    auto a = adm.request(bhttp::verb::get, "/v2.0/extensions");
    BOOST_TEST((aliases(a.body()) == std::vector<std::string>{"OS-KSADM", "OS-KSCRUD", "OS-EC2"}));
    auto one = adm.request(bhttp::verb::get, "/v2.0/extensions/OS-KSADM");
    BOOST_TEST(one.result_int() == 200u);
    const auto e = v2::from_json<v2::extension>(one.body());
    BOOST_TEST(e.namespace_ == v2::ns::os_ksadm);
    BOOST_TEST(e.name == "OpenStack Keystone Admin");
    BOOST_TEST(v2::to_string(e.updated.value()) == "2013-07-11T17:14:00Z");
    BOOST_TEST(e.links.value().at(0).rel == "describedby");
    BOOST_TEST(pub.request(bhttp::verb::get, "/v2.0/extensions/OS-KSADM").result_int() == 404u);
}

BOOST_AUTO_TEST_CASE(body_over_the_limit_is_413_then_close) {
    running_server s;
    {
        client c(s.srv.public_endpoint());
        std::string big(200000, 'x');
        bhttp::request<bhttp::string_body> req{bhttp::verb::post, "/v2.0/tokens", 11};
        req.set(bhttp::field::content_type, "application/json");
        req.body() = big;
        req.prepare_payload();
        bhttp::write(c.sock, req);
        auto r = c.read();
        BOOST_TEST(r.result_int() == 413u);
        BOOST_TEST(r[bhttp::field::content_type] == "application/json");
        auto f = v2::try_from_json<v2::fault>(r.body());
        BOOST_TEST_REQUIRE(f.has_value());
        BOOST_TEST(f->kind == v2::fault_kind::over_limit);
        BOOST_TEST(!r.keep_alive());
        BOOST_TEST(c.closed_by_server());
    }
    {
        // Chunked, no Content-Length: found while reading the body; XML when asked for.
        client c(s.srv.public_endpoint());
        c.send_raw(
            "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nAccept: application/xml\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n");
        std::string chunk(65536, 'y');
        char size[32];
        std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
        boost::system::error_code ec;
        for (int i = 0; i < 3 && !ec; ++i) {
            std::string part = size + chunk + "\r\n";
            net::write(c.sock, net::buffer(part), ec);
        }
        auto r = c.read();
        BOOST_TEST(r.result_int() == 413u);
        BOOST_TEST(r[bhttp::field::content_type] == "application/xml");
        BOOST_TEST(v2::try_from_xml<v2::fault>(r.body()).has_value());
    }
    // Exactly the limit is read.
    {
        client c(s.srv.public_endpoint());
        std::string at(v2::http::default_body_limit, ' ');
        at.replace(0, auth_body.size(), auth_body);
        BOOST_TEST(c.request(bhttp::verb::post, "/v2.0/tokens", at).result_int() == 200u);
    }
    still_answers(s.srv);
}

BOOST_AUTO_TEST_CASE(malformed_http_is_400_and_the_server_goes_on) {
    running_server s;
    {
        client c(s.srv.public_endpoint());
        c.send_raw("THIS IS NOT HTTP\r\n\r\n");
        auto r = c.read();
        BOOST_TEST(r.result_int() == 400u);
        BOOST_TEST(c.closed_by_server());
    }
    still_answers(s.srv);
    {
        client c(s.srv.public_endpoint());
        c.send_raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
        auto r = c.read();
        BOOST_TEST(r.result_int() == 400u);
    }
    still_answers(s.srv);
    {
        client c(s.srv.public_endpoint());
        c.send_raw("POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
        BOOST_TEST(c.read().result_int() == 400u);
    }
    {
        // Every fault of the handler over a socket, on one connection.
        client c(s.srv.admin_endpoint());
        BOOST_TEST(c.request(bhttp::verb::post, "/v2.0/tokens", "x=1", {{"Content-Type", "text/plain"}}).result_int() ==
                   415u);
        BOOST_TEST(c.request(bhttp::verb::post, "/v2.0/tokens", R"({"auth":{}})").result_int() == 400u);
        BOOST_TEST(c.request(bhttp::verb::get, "/v2.0/tokens/x").result_int() == 401u);
        BOOST_TEST(c.request(bhttp::verb::get, "/v2.0/tokens/x", {}, {{"X-Auth-Token", "ADMIN"}}).result_int() == 404u);
        BOOST_TEST(c.request(bhttp::verb::options, "/v2.0/tokens/x").result_int() == 405u);
        BOOST_TEST(c.request(bhttp::verb::get, "/v2.0", {}, {{"Accept", "application/xml"}}).result_int() == 200u);
    }
    still_answers(s.srv);
}

BOOST_AUTO_TEST_CASE(timeouts_close_slow_connections) {
    auto o = test_options();
    o.header_timeout = 300ms;
    o.body_timeout = 300ms;
    running_server s(o);
    const auto t0 = std::chrono::steady_clock::now();
    client idle(s.srv.public_endpoint());
    client partial_header(s.srv.public_endpoint());
    partial_header.send_raw("GET /v2.0 HTTP/1.1\r\nHost: x\r\n");
    client partial_body(s.srv.public_endpoint());
    partial_body.send_raw(
        "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        "100\r\n\r\n{\"auth\"");
    BOOST_TEST(idle.closed_by_server());
    BOOST_TEST(partial_header.closed_by_server());
    BOOST_TEST(partial_body.closed_by_server());
    BOOST_TEST((std::chrono::steady_clock::now() - t0 < 4s));
    // An idle keep-alive connection is closed after the header timeout too.
    client ka(s.srv.public_endpoint());
    BOOST_TEST(ka.request(bhttp::verb::get, "/v2.0").result_int() == 200u);
    BOOST_TEST(ka.closed_by_server());
    still_answers(s.srv);
}

BOOST_AUTO_TEST_CASE(expect_100_continue) {
    running_server s;
    client c(s.srv.public_endpoint());
    c.send_raw(
        "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: "
        "100-continue\r\nContent-Length: " +
        std::to_string(auth_body.size()) + "\r\n\r\n");
    bhttp::response_parser<bhttp::empty_body> p;
    bhttp::read_header(c.sock, c.buf, p);
    BOOST_TEST(p.get().result_int() == 100u);
    c.send_raw(auth_body);
    auto r = c.read();
    BOOST_TEST(r.result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(connection_limit_answers_503) {
    auto o = test_options();
    o.max_connections = 2;
    running_server s(o);
    auto a = std::make_unique<client>(s.srv.public_endpoint());
    client b(s.srv.public_endpoint());
    BOOST_TEST(a->request(bhttp::verb::get, "/v2.0").result_int() == 200u);
    BOOST_TEST(b.request(bhttp::verb::get, "/v2.0").result_int() == 200u);
    {
        client c(s.srv.public_endpoint());
        auto r = c.request(bhttp::verb::get, "/v2.0");
        BOOST_TEST(r.result_int() == 503u);
        BOOST_TEST(v2::try_from_json<v2::fault>(r.body())->kind == v2::fault_kind::service_unavailable);
        BOOST_TEST(c.closed_by_server());
    }
    a.reset();
    // Once a slot is free, new connections are served again.
    bool served = false;
    for (int i = 0; i < 200 && !served; ++i) {
        client d(s.srv.public_endpoint());
        served = d.request(bhttp::verb::get, "/v2.0").result_int() == 200u;
        if (!served) std::this_thread::sleep_for(20ms);
    }
    BOOST_TEST(served);
}

BOOST_AUTO_TEST_CASE(many_clients_at_once) {
    running_server s;
    std::vector<std::future<int>> fs;
    for (int t = 0; t < 4; ++t)
        fs.push_back(std::async(std::launch::async, [&] {
            int ok = 0;
            client c(s.srv.public_endpoint());
            for (int i = 0; i < 10; ++i) {
                auto r = c.request(bhttp::verb::post, "/v2.0/tokens", auth_body);
                ok += r.result_int() == 200u;
            }
            return ok;
        }));
    for (auto& f : fs) BOOST_TEST(f.get() == 10);
    // Every one kept: all expire within a day.
    BOOST_TEST(s.backend->purge_expired(std::chrono::system_clock::now() + std::chrono::hours(24)) == 40u);
}

BOOST_AUTO_TEST_CASE(graceful_shutdown_finishes_requests_in_flight) {
    running_server s;
    client idle(s.srv.public_endpoint());
    BOOST_TEST(idle.request(bhttp::verb::get, "/v2.0").result_int() == 200u);
    client busy(s.srv.public_endpoint());
    // The 100 Continue proves that the server has read the header: the request is in flight.
    busy.send_raw(
        "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
        "Content-Length: " +
        std::to_string(auth_body.size()) + "\r\n\r\n");
    {
        bhttp::response_parser<bhttp::empty_body> p;
        bhttp::read_header(busy.sock, busy.buf, p);
        BOOST_TEST_REQUIRE(p.get().result_int() == 100u);
    }
    busy.send_raw(auth_body.substr(0, 10));
    const auto ep = s.srv.public_endpoint();
    s.srv.stop();
    BOOST_TEST(idle.closed_by_server());
    busy.send_raw(auth_body.substr(10));
    auto r = busy.read();
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(!r.keep_alive());
    auto done = std::async(std::launch::async, [&] { s.srv.wait(); });
    BOOST_TEST((done.wait_for(5s) == std::future_status::ready));
    net::io_context ioc;
    tcp::socket sock(ioc);
    boost::system::error_code ec;
    sock.connect(ep, ec);
    BOOST_TEST(ec.failed());
}

BOOST_AUTO_TEST_CASE(sigterm_stops_the_server) {
    auto o = test_options();
    o.handle_signals = true;
    running_server s(o);
    still_answers(s.srv);
    std::raise(SIGTERM);
    auto done = std::async(std::launch::async, [&] { s.srv.wait(); });
    BOOST_TEST((done.wait_for(5s) == std::future_status::ready));
}

BOOST_AUTO_TEST_SUITE_END()
