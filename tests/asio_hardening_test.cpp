#include <boost/test/unit_test.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

// Bad input against a real server on loopback: every case expects a specific status and fault
// kind, and the server answers a valid request afterwards. What asio_server_test already covers
// (a Content-Length or 3 x 64 KiB of chunks over the limit, a header field over the limit, a bad
// Content-Length, idle and partial requests under a short timeout, 503 over a connection limit
// of 2) is not repeated here. The rules are in docs/hardening.md.

#include "asio_server_fixture.hpp"
#include "support.hpp"

#include <openstack/identity/v2/asio/server.hpp>

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <dirent.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

// Thousands of connections at once: the suite raises the process's soft limit on descriptors.
BOOST_AUTO_TEST_SUITE(asio_hardening_test, *boost::unit_test::fixture(&osi_test::raise_fd_limit))

namespace v2 = openstack::identity::v2;
namespace ia = openstack::identity::v2::asio;
namespace proto = openstack::identity::v2::protocol;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;
using v2::fault_kind;
using namespace std::chrono_literals;

namespace {

using response = bhttp::response<bhttp::string_body>;

ia::server_options test_options() {
    ia::server_options o;
    o.public_listener = {"127.0.0.1", 0};
    o.admin_listener = ia::listen_address{"127.0.0.1", 0};
    o.threads = 2;
    o.handle_signals = false;
    o.header_timeout = 3s;
    o.body_timeout = 3s;
    o.drain_timeout = 3s;
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

// The default limits.
running_server& default_server() {
    static running_server s;
    return s;
}

// A body limit of 16 MiB, so that what the document reader does with huge input shows.
running_server& big_server() {
    static running_server s([] {
        auto o = test_options();
        o.body_limit = 16u << 20;
        o.body_timeout = 30s;
        return o;
    }());
    return s;
}

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

    response request(bhttp::verb v, std::string target, std::string body = {},
                     std::vector<std::pair<std::string, std::string>> headers = {}) {
        bhttp::request<bhttp::string_body> req{v, target, 11};
        req.set(bhttp::field::host, "127.0.0.1");
        for (auto& [k, val] : headers) req.set(k, val);
        req.body() = std::move(body);
        req.prepare_payload();
        // A server that refuses the body (413) stops reading it: the answer is read all the same.
        boost::system::error_code ec;
        bhttp::write(sock, req, ec);
        return read();
    }

    response read() {
        bhttp::response_parser<bhttp::string_body> p;
        p.body_limit(1 << 24);
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

// The answer is a fault document of this status and kind, in the media it says.
void expect_fault(const response& r, unsigned status, fault_kind kind, std::string_view message_part = {},
                  std::string_view path = {}) {
    BOOST_TEST(r.result_int() == status);
    const bool xml = r[bhttp::field::content_type] == "application/xml";
    BOOST_TEST((xml || r[bhttp::field::content_type] == "application/json"));
    auto f = xml ? v2::try_from_xml<v2::fault>(r.body()) : v2::try_from_json<v2::fault>(r.body());
    BOOST_TEST_REQUIRE(f.has_value(), "not a fault: " << r.body().substr(0, 300));
    BOOST_TEST(f->kind == kind);
    BOOST_TEST(f->code == static_cast<std::int64_t>(status));
    BOOST_TEST(f->message.find(message_part) != std::string::npos,
               "\"" << f->message << "\" lacks \"" << message_part << "\"");
    if (!path.empty()) BOOST_TEST(f->message.starts_with(std::string(path) + ": "), f->message);
}

// A new connection authenticates: the server is still up and working.
void still_answers(ia::server& srv) {
    client c(srv.public_endpoint());
    auto r = c.request(bhttp::verb::post, "/v2.0/tokens", osi_test::demo_auth_json,
                       {{"Content-Type", "application/json"}});
    BOOST_TEST(r.result_int() == 200u);
}

const std::string id_ns = R"( xmlns="http://docs.openstack.org/identity/api/v2.0")";

std::string json_auth(std::string_view password, std::string_view extra = {}) {
    return R"({"auth": {"tenantName": "demo")" + std::string(extra) +
           R"(, "passwordCredentials": {"username": "demo", "password": ")" + std::string(password) + R"("}}})";
}
std::string xml_auth(std::string_view password, std::string_view inner = {}) {
    return "<auth" + id_ns + R"( tenantName="demo"><passwordCredentials username="demo" password=")" +
           std::string(password) + "\"/>" + std::string(inner) + "</auth>";
}

const std::string json_ct = "application/json";
const std::string xml_ct = "application/xml";
constexpr const char* no_content_type = nullptr;

struct body_case {
    std::string name;
    const char* content_type;
    std::string body;
    unsigned status;
    fault_kind kind;
    std::string message_part;
    std::string path{};
    bool big = false;  // sent to big_server()
};

std::ostream& operator<<(std::ostream& os, const body_case& c) { return os << c.name; }

const std::vector<body_case>& body_cases() {
    static const std::vector<body_case> rows = [] {
        const std::string ten_mb(10u << 20, 'p');
        std::vector<body_case> t;
        auto bad = [&](std::string name, const char* ct, std::string body, std::string part, std::string path = {},
                       bool big = false) {
            t.push_back({std::move(name), ct, std::move(body), 400, fault_kind::bad_request, std::move(part),
                         std::move(path), big});
        };
        // Malformed documents and wrong types.
        bad("malformed JSON", json_ct.c_str(), R"({"auth": {"passwordCredentials": {"username": "demo",)",
            "malformed JSON");
        bad("malformed XML", xml_ct.c_str(),
            "<auth" + id_ns + R"(><passwordCredentials username="demo" password="p"></auth>)", "malformed XML");
        bad("JSON sent as XML", xml_ct.c_str(), json_auth("secretsecret"), "malformed XML");
        bad("XML sent as JSON", json_ct.c_str(), xml_auth("secretsecret"), "malformed JSON");
        bad("array where a string belongs", json_ct.c_str(), json_auth("secretsecret", R"(, "tenantId": ["t-demo"])"),
            "expected a string", "auth.tenantId");
        bad("object where credentials belong", json_ct.c_str(),
            R"({"auth": {"passwordCredentials": "demo:secretsecret"}})", "expected an object",
            "auth.passwordCredentials");
        bad("root is an array", json_ct.c_str(), R"([{"auth": {}}])", "expected an object");
        bad("XML in a foreign namespace", xml_ct.c_str(), R"(<auth xmlns="urn:x"><token id="t"/></auth>)", "namespace");
        // Nesting.
        bad("100,000-deep JSON nesting", json_ct.c_str(), R"({"auth": {"x": )" + std::string(100000, '['),
            "nesting deeper than 64");
        {
            std::string deep = "<auth" + id_ns + "><token id=\"t\"/>";
            for (int i = 0; i < 100000; ++i) deep += "<x>";
            for (int i = 0; i < 100000; ++i) deep += "</x>";
            bad("100,000-deep XML nesting", xml_ct.c_str(), deep + "</auth>", "nesting deeper than 64", {}, true);
        }
        // Size: over the body limit, and under a large limit the field's own limit.
        t.push_back({"10 MB string, default limit", json_ct.c_str(), json_auth(ten_mb), 413, fault_kind::over_limit,
                     "Larger than max_request_body_size (114688)"});
        bad("10 MB JSON string", json_ct.c_str(), json_auth(ten_mb), "longer than 4096 characters",
            "auth.passwordCredentials.password", true);
        bad("10 MB XML string", xml_ct.c_str(), xml_auth(ten_mb), "longer than 4096 characters",
            "auth.passwordCredentials.password", true);
        bad("10 MB of JSON whitespace", json_ct.c_str(), std::string(10u << 20, ' '), "malformed JSON", {}, true);
        // Invalid UTF-8, overlong forms, surrogates, beyond U+10FFFF, truncated sequences.
        for (auto [what, bytes] :
             std::vector<std::pair<std::string, std::string>>{{"invalid byte", "\xff"},
                                                              {"overlong /", "\xc0\xaf"},
                                                              {"overlong NUL", "\xc0\x80"},
                                                              {"3-byte overlong", "\xe0\x80\xaf"},
                                                              {"4-byte overlong", "\xf0\x80\x80\xaf"},
                                                              {"encoded surrogate", "\xed\xa0\x80"},
                                                              {"beyond U+10FFFF", "\xf4\x90\x80\x80"},
                                                              {"truncated sequence", "\xe2\x82"},
                                                              {"lone continuation byte", "\x80"}}) {
            bad("JSON, " + what, json_ct.c_str(), json_auth("pass" + bytes + "word"), "malformed JSON");
            bad("XML, " + what, xml_ct.c_str(), xml_auth("pass" + bytes + "word"), "malformed XML");
        }
        bad("JSON, lone surrogate escape", json_ct.c_str(), json_auth(R"(pass\ud800word)"), "malformed JSON");
        bad("XML, surrogate reference", xml_ct.c_str(), xml_auth("pass&#xD800;word"), "malformed XML");
        bad("XML, U+FFFF", xml_ct.c_str(), xml_auth("pass\xef\xbf\xbfword"), "malformed XML");
        // NUL and control characters.
        bad("JSON, raw NUL", json_ct.c_str(), json_auth(std::string("pass\0word", 9)), "malformed JSON");
        bad("JSON, escaped NUL", json_ct.c_str(), json_auth(R"(pass\u0000word)"), "NUL character",
            "auth.passwordCredentials.password");
        bad("JSON, raw control character", json_ct.c_str(), json_auth("pass\x01word"), "malformed JSON");
        bad("XML, raw NUL", xml_ct.c_str(), xml_auth(std::string("pass\0word", 9)), "malformed XML");
        bad("XML, NUL reference", xml_ct.c_str(), xml_auth("pass&#0;word"), "malformed XML");
        bad("XML, control character reference", xml_ct.c_str(), xml_auth("pass&#x1;word"), "malformed XML");
        bad("XML, raw control character", xml_ct.c_str(), xml_auth("pass\x1bword"), "malformed XML");
        // Duplicate keys: always an error (docs/hardening.md).
        bad("JSON duplicate key", json_ct.c_str(), json_auth("secretsecret", R"(, "tenantName": "admin")"),
            "member given more than once", "auth.tenantName");
        bad("JSON duplicate credentials", json_ct.c_str(),
            R"({"auth": {"passwordCredentials": {"username": "demo", "password": "a"}, "passwordCredentials": {"username": "demo", "password": "b"}}})",
            "member given more than once", "auth.passwordCredentials");
        bad("XML duplicate attribute", xml_ct.c_str(),
            "<auth" + id_ns + R"( tenantName="demo" tenantName="admin"><token id="t"/></auth>)",
            "member given more than once", "auth.tenantName");
        bad("XML attribute and element", xml_ct.c_str(), xml_auth("secretsecret", "<tenantName>admin</tenantName>"),
            "member given more than once", "auth.tenantName");
        // Numbers out of range.
        bad("number over uint64 for a string", json_ct.c_str(),
            json_auth("secretsecret", R"(, "tenantId": 18446744073709551616)"), "", "auth.tenantId");
        bad("number over double", json_ct.c_str(), json_auth("secretsecret", R"(, "tenantId": 1e999)"), "");
        bad("negative number for a string", json_ct.c_str(),
            json_auth("secretsecret", R"(, "tenantId": -9223372036854775809)"), "", "auth.tenantId");
        // Entities and DTDs.
        bad("billion laughs", xml_ct.c_str(), osi_test::data_file("xml/billion_laughs.xml"), "DOCTYPE");
        bad("external entity", xml_ct.c_str(), osi_test::data_file("xml/external_entity.xml"), "DOCTYPE");
        bad("DOCTYPE", xml_ct.c_str(), "<!DOCTYPE auth>" + xml_auth("secretsecret"), "DOCTYPE");
        bad("undeclared entity", xml_ct.c_str(), xml_auth("&xxe;"), "malformed XML");
        bad("processing instruction and CDATA are fine, the password is not", xml_ct.c_str(),
            "<?xml version=\"1.0\"?><auth" + id_ns + R"(><passwordCredentials username="demo"/><![CDATA[x]]></auth>)",
            "", "auth.passwordCredentials.password");
        // Content-Type.
        bad("no Content-Type, XML body", no_content_type, xml_auth("secretsecret"), "malformed JSON");
        for (const char* ct : {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain",
                               "text/json", "application/jsonx", "json", ""})
            if (*ct)
                t.push_back({std::string("Content-Type ") + ct, ct, json_auth("secretsecret"), 415,
                             fault_kind::bad_media_type, "Unsupported media type"});
        return t;
    }();
    return rows;
}

std::size_t open_fds() {
    std::size_t n = 0;
    if (DIR* d = ::opendir("/proc/self/fd")) {
        while (::readdir(d)) ++n;
        ::closedir(d);
    }
    return n - 2;  // "." and ".."
}

double cpu_seconds() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

bool wait_for(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_good_request_works) {
    // The control: both servers authenticate the demo user, by JSON, by XML and without Content-Type.
    for (running_server* s : {&default_server(), &big_server()}) {
        client c(s->srv.public_endpoint());
        BOOST_TEST(c.request(bhttp::verb::post, "/v2.0/tokens", osi_test::demo_auth_json, {{"Content-Type", json_ct}})
                       .result_int() == 200u);
        BOOST_TEST(c.request(bhttp::verb::post, "/v2.0/tokens", xml_auth("secretsecret"), {{"Content-Type", xml_ct}})
                       .result_int() == 200u);
        BOOST_TEST(c.request(bhttp::verb::post, "/v2.0/tokens", osi_test::demo_auth_json).result_int() == 200u);
    }
}

BOOST_DATA_TEST_CASE(bad_body, boost::unit_test::data::make(body_cases()), c) {
    running_server& s = c.big ? big_server() : default_server();
    {
        client cl(s.srv.public_endpoint());
        std::vector<std::pair<std::string, std::string>> h;
        if (c.content_type) h.emplace_back("Content-Type", c.content_type);
        const auto r = cl.request(bhttp::verb::post, "/v2.0/tokens", c.body, h);
        expect_fault(r, c.status, c.kind, c.message_part, c.path);
        // Bodies that were read keep the connection; one refused unread is answered and closed.
        if (c.status == 413) BOOST_TEST(cl.closed_by_server());
        else BOOST_TEST(cl.request(bhttp::verb::get, "/v2.0").result_int() == 200u);
    }
    still_answers(s.srv);
}

BOOST_AUTO_TEST_CASE(bad_targets) {
    auto& s = default_server();
    client c(s.srv.admin_endpoint());
    const std::vector<std::pair<std::string, std::string>> admin{{"X-Auth-Token", "ADMIN"}};
    expect_fault(c.request(bhttp::verb::get, "/v2.0/users?name=de%00mo", {}, admin), 400, fault_kind::bad_request,
                 "target");
    expect_fault(c.request(bhttp::verb::get, "/v2.0/users/%zz", {}, admin), 400, fault_kind::bad_request, "target");
    expect_fault(c.request(bhttp::verb::get, "/v2.0/users/u-demo%", {}, admin), 400, fault_kind::bad_request, "target");
    expect_fault(c.request(bhttp::verb::get, "/v2.0//users", {}, admin), 404, fault_kind::item_not_found);
    expect_fault(c.request(bhttp::verb::get, "/v2.0/users/" + std::string(8000, 'u'), {}, admin), 404,
                 fault_kind::item_not_found);
    expect_fault(c.request(bhttp::verb::get, "/v2.0/users/\xff\xfe", {}, admin), 404, fault_kind::item_not_found);
    // The fault about an unknown user is still a document: invalid UTF-8 in the target is not echoed raw.
    expect_fault(c.request(bhttp::verb::get, "/v2.0/users/%C0%AF", {}, admin), 404, fault_kind::item_not_found);
    expect_fault(c.request(bhttp::verb::get, "/v2.0/users/%C0%AF", {}, {{"X-Auth-Token", "ADMIN"}, {"Accept", xml_ct}}),
                 404, fault_kind::item_not_found);
    still_answers(s.srv);
}

BOOST_AUTO_TEST_CASE(chunked_bodies_over_the_limit) {
    auto& s = default_server();
    {
        // One chunk that says it is over the limit is refused before its data.
        client c(s.srv.public_endpoint());
        c.send_raw(
            "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: "
            "chunked\r\n\r\n"
            "1000000\r\n{\"auth\"");
        auto r = c.read();
        expect_fault(r, 413, fault_kind::over_limit, "114688");
        BOOST_TEST(!r.keep_alive());
        BOOST_TEST(c.closed_by_server());
    }
    {
        // A chunk size that overflows 64 bits.
        client c(s.srv.public_endpoint());
        c.send_raw(
            "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            "fffffffffffffffffffff\r\nx\r\n");
        auto r = c.read();
        BOOST_TEST((r.result_int() == 400u || r.result_int() == 413u));
        BOOST_TEST(c.closed_by_server());
    }
    {
        // Many small chunks that add up to more than the limit.
        client c(s.srv.public_endpoint());
        std::string body = "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 1200; ++i) body += "64\r\n" + std::string(100, ' ') + "\r\n";
        boost::system::error_code ec;
        net::write(c.sock, net::buffer(body), ec);
        auto r = c.read();
        expect_fault(r, 413, fault_kind::over_limit);
        BOOST_TEST(c.closed_by_server());
    }
    {
        // A chunk extension longer than the header limit.
        client c(s.srv.public_endpoint());
        boost::system::error_code ec;
        const std::string req = "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;" +
                                std::string(200000, 'e') + "\r\n{}{}{\r\n0\r\n\r\n";
        net::write(c.sock, net::buffer(req), ec);
        auto r = c.read();
        BOOST_TEST(r.result_int() >= 400u);
        BOOST_TEST(r.result_int() < 500u);
        BOOST_TEST(c.closed_by_server());
    }
    still_answers(s.srv);
}

// Trailers are refused (issue #16, items 1 and 6): one of 64 KiB killed the process (Beast throws
// inserting it), and a small one decided what a proxy in front had filtered out of the header.
BOOST_AUTO_TEST_CASE(trailers_are_refused) {
    auto& s = default_server();
    const std::string chunked = " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n";
    {
        client c(s.srv.admin_endpoint());
        boost::system::error_code ec;
        const std::string req = "GET /" + chunked + "\r\n0\r\nX: " + std::string(65534, 'a') + "\r\n\r\n";
        net::write(c.sock, net::buffer(req), ec);
        expect_fault(c.read(), 400, fault_kind::bad_request, "trailer");
        BOOST_TEST(c.closed_by_server());
    }
    {
        client c(s.srv.admin_endpoint());
        c.send_raw("GET /v2.0/users?name=admin" + chunked + "\r\n0\r\nX-Auth-Token: ADMIN\r\n\r\n");
        expect_fault(c.read(), 400, fault_kind::bad_request, "trailer fields are not accepted");
        BOOST_TEST(c.closed_by_server());
    }
    const std::string auth = json_auth("secretsecret");
    const std::string size = [&] {
        std::ostringstream os;
        os << std::hex << auth.size();
        return os.str();
    }();
    {
        // The media type only in the trailer.
        client c(s.srv.public_endpoint());
        c.send_raw("POST /v2.0/tokens" + chunked + "\r\n" + size + "\r\n" + auth +
                   "\r\n0\r\nContent-Type: application/json\r\n\r\n");
        expect_fault(c.read(), 400, fault_kind::bad_request, "trailer fields are not accepted");
    }
    {
        // Chunked without a trailer is read as before.
        client c(s.srv.public_endpoint());
        c.send_raw("POST /v2.0/tokens" + chunked + "Content-Type: application/json\r\n\r\n" + size + "\r\n" + auth +
                   "\r\n0\r\n\r\n");
        BOOST_TEST(c.read().result_int() == 200u);
    }
    still_answers(s.srv);
}

// Chunk framing counts against the header's budget (issue #16, item 2): a chunk-size line, a
// chunk extension or a trailer that never ends is refused when it reaches header_limit, instead
// of growing the connection's buffer until the body timeout.
BOOST_AUTO_TEST_CASE(chunk_framing_that_never_ends) {
    auto& s = default_server();
    const std::string head = "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (const std::string& framing :
         {std::string(100000, '0'), "5;" + std::string(100000, 'e'), "0\r\nX: " + std::string(100000, 'a')}) {
        client c(s.srv.public_endpoint());
        boost::system::error_code ec;
        net::write(c.sock, net::buffer(head + framing), ec);
        // Within the receive timeout (5 s) and before the body timeout (3 s) would only close it.
        auto r = c.read();
        BOOST_TEST((r.result_int() == 400u || r.result_int() == 413u), r.result_int());
        BOOST_TEST(c.closed_by_server());
    }
    still_answers(s.srv);
}

// Request smuggling (issue #16, item 5; RFC 9112 section 6): a body whose framing a proxy could
// read differently gets 400 (or 501 for a coding this server does not decode), and the
// connection closes: what follows it is never read as a second request.
BOOST_AUTO_TEST_CASE(ambiguous_framing_is_refused) {
    auto& s = default_server();
    const std::string next = "GET /v2.0 HTTP/1.1\r\nHost: x\r\n\r\n";
    struct framing_case {
        std::string headers;
        unsigned status;
    };
    const std::vector<framing_case> cases{
        {"Transfer-Encoding: xchunked\r\n", 400},
        {"Transfer-Encoding: chunked, identity\r\n", 400},
        {"Transfer-Encoding: gzip\r\nContent-Length: 36\r\n", 400},
        {"Transfer-Encoding: chunked\r\nContent-Length: 36\r\n", 400},
        {"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", 400},
        {"Transfer-Encoding: gzip, chunked\r\n", 501},
    };
    for (const auto& fc : cases) {
        BOOST_TEST_CONTEXT(fc.headers) {
            client c(s.srv.public_endpoint());
            c.send_raw("POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\n" + fc.headers + "\r\n" + next);
            auto r = c.read();
            BOOST_TEST(r.result_int() == fc.status);
            BOOST_TEST(!r.keep_alive());
            BOOST_TEST(c.closed_by_server());
        }
    }
    {
        client c(s.srv.public_endpoint());
        c.send_raw("POST /v2.0/tokens HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + next);
        expect_fault(c.read(), 400, fault_kind::bad_request, "HTTP/1.0");
        BOOST_TEST(c.closed_by_server());
    }
    still_answers(s.srv);
}

BOOST_AUTO_TEST_CASE(request_line_and_headers_over_the_limit) {
    auto& s = default_server();
    {
        client c(s.srv.public_endpoint());
        c.send_raw("GET /v2.0/" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
        auto r = c.read();
        expect_fault(r, 400, fault_kind::bad_request, "Malformed HTTP request");
        BOOST_TEST(c.closed_by_server());
    }
    {
        client c(s.srv.public_endpoint());
        std::string req = "GET /v2.0 HTTP/1.1\r\nHost: x\r\n";
        for (int i = 0; i < 3000; ++i) req += "X-A: b\r\n";
        boost::system::error_code ec;
        net::write(c.sock, net::buffer(req + "\r\n"), ec);
        expect_fault(c.read(), 400, fault_kind::bad_request, "Malformed HTTP request");
        BOOST_TEST(c.closed_by_server());
    }
    {
        // Header bytes that HTTP does not allow.
        client c(s.srv.public_endpoint());
        c.send_raw(std::string("GET /v2.0 HTTP/1.1\r\nHost: x\r\nX-A: a") + '\0' + "b\r\n\r\n");
        expect_fault(c.read(), 400, fault_kind::bad_request, "Malformed HTTP request");
    }
    {
        client c(s.srv.public_endpoint());
        c.send_raw("GET /v2.0 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
        expect_fault(c.read(), 400, fault_kind::bad_request, "Malformed HTTP request");
    }
    {
        client c(s.srv.public_endpoint());
        c.send_raw("POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n");
        auto r = c.read();
        BOOST_TEST((r.result_int() == 400u || r.result_int() == 413u));
    }
    still_answers(s.srv);
}

BOOST_AUTO_TEST_CASE(a_byte_a_second_runs_into_the_header_timeout) {
    auto o = test_options();
    o.header_timeout = 1500ms;
    running_server s(o);
    client slow(s.srv.public_endpoint());
    const std::string req = "GET /v2.0 HTTP/1.1\r\nHost: x\r\n\r\n";
    const auto t0 = std::chrono::steady_clock::now();
    bool closed = false;
    std::size_t sent = 0;
    for (; sent < req.size() && !closed; ++sent) {
        boost::system::error_code ec;
        net::write(slow.sock, net::buffer(&req[sent], 1), ec);
        if (ec) break;
        pollfd p{slow.sock.native_handle(), POLLIN, 0};
        if (::poll(&p, 1, 1000) > 0) closed = slow.closed_by_server();
        // Others are served while it trickles.
        if (sent == 0) still_answers(s.srv);
    }
    const auto took = std::chrono::steady_clock::now() - t0;
    BOOST_TEST((closed || slow.closed_by_server()));
    BOOST_TEST(sent < req.size());
    BOOST_TEST((took >= 1400ms));
    BOOST_TEST((took < 4s));
    still_answers(s.srv);
}

BOOST_AUTO_TEST_CASE(two_thousand_idle_connections) {
    auto o = test_options();
    o.max_connections = 500;  // on each listener
    o.max_connections_per_address = 0;
    o.header_timeout = 2s;
    running_server s(o);
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::unique_ptr<client>> idle;
    for (int i = 0; i < 2000; ++i)
        idle.push_back(std::make_unique<client>(i % 2 ? s.srv.public_endpoint() : s.srv.admin_endpoint()));
    BOOST_TEST(wait_for([&] { return s.srv.connections() == 2000u; }, 5s));
    {
        // Over the limit: told so at once, and closed.
        client c(s.srv.public_endpoint());
        auto r = c.request(bhttp::verb::get, "/v2.0");
        expect_fault(r, 503, fault_kind::service_unavailable, "Too many connections");
        BOOST_TEST(c.closed_by_server());
    }
    // The over-limit connections are let go after a second, the others after the header timeout.
    BOOST_TEST(wait_for([&] { return s.srv.connections() <= 1000u; }, 1900ms));
    BOOST_TEST(wait_for([&] { return s.srv.connections() == 0u; }, 5s));
    BOOST_TEST((std::chrono::steady_clock::now() - t0 >= 1900ms));
    std::size_t closed = 0;
    for (auto& c : idle) closed += c->closed_by_server();
    BOOST_TEST(closed == 2000u);
    idle.clear();
    still_answers(s.srv);
}

// Connection slots are not one pool (issue #16, item 4): clients filling the public listener leave
// the admin listener, where services validate tokens, its own; one client address holds at most
// max_connections_per_address.
BOOST_AUTO_TEST_CASE(connection_slots_per_listener_and_per_address) {
    {
        auto o = test_options();
        o.max_connections = 20;
        o.max_connections_per_address = 0;
        running_server s(o);
        std::vector<std::unique_ptr<client>> idle;
        for (int i = 0; i < 40; ++i) idle.push_back(std::make_unique<client>(s.srv.public_endpoint()));
        BOOST_TEST(wait_for([&] { return s.srv.connections() == 40u; }, 5s));
        client full(s.srv.public_endpoint());
        expect_fault(full.request(bhttp::verb::get, "/v2.0"), 503, fault_kind::service_unavailable);
        client admin(s.srv.admin_endpoint());
        BOOST_TEST(admin.request(bhttp::verb::get, "/v2.0").result_int() == 200u);
    }
    {
        auto o = test_options();
        o.max_connections_per_address = 5;
        running_server s(o);
        std::vector<std::unique_ptr<client>> idle;
        for (int i = 0; i < 5; ++i) idle.push_back(std::make_unique<client>(s.srv.public_endpoint()));
        BOOST_TEST(wait_for([&] { return s.srv.connections() == 5u; }, 5s));
        client sixth(s.srv.admin_endpoint());  // both listeners count
        expect_fault(sixth.request(bhttp::verb::get, "/v2.0"), 503, fault_kind::service_unavailable,
                     "Too many connections");
        BOOST_TEST(sixth.closed_by_server());
        idle.pop_back();
        bool served = false;  // a slot given back is taken again
        for (int i = 0; i < 200 && !served; ++i) {
            client c(s.srv.public_endpoint());
            served = c.request(bhttp::verb::get, "/v2.0").result_int() == 200u;
            if (!served) std::this_thread::sleep_for(20ms);
        }
        BOOST_TEST(served);
    }
}

// A keep-alive connection ends after max_requests_per_connection answers: the last one says
// Connection: close and the server closes, so one client cannot hold a slot for ever.
BOOST_AUTO_TEST_CASE(requests_per_connection) {
    auto o = test_options();
    o.max_requests_per_connection = 3;
    running_server s(o);
    client c(s.srv.admin_endpoint());
    for (int i = 1; i <= 3; ++i) {
        const auto r = c.request(bhttp::verb::get, "/v2.0");
        BOOST_TEST(r.result_int() == 200u);
        BOOST_TEST(r.keep_alive() == (i < 3), "answer " << i);
    }
    BOOST_TEST(c.closed_by_server());
    still_answers(s.srv);
}

// Password checks run on threads of their own (issue #16, item 8): while they are busy, the admin
// listener validates tokens at once; past auth_queue an authentication is told 503 with
// Retry-After instead of waiting.
BOOST_AUTO_TEST_CASE(password_checks_do_not_hold_up_validation) {
    // "slow" has a hash of 300,000 PBKDF2 iterations (about a quarter of a second here).
    auto cfg = boost::json::parse(osi_test::test_config).as_object();
    cfg["users"].as_array().push_back({{"id", "u-slow"},
                                       {"name", "slow"},
                                       {"password_hash", proto::crypto::hash_password("slowsecret", 300'000)}});
    auto backend = osi_test::make_test_backend(boost::json::serialize(cfg));
    auto o = test_options();
    o.auth_threads = 1;
    o.auth_queue = 2;
    ia::server srv(backend, o);
    srv.listen();
    srv.start();
    client first(srv.public_endpoint());
    const auto demo = first.request(bhttp::verb::post, "/v2.0/tokens", osi_test::demo_auth_json,
                                    {{"Content-Type", "application/json"}});
    BOOST_TEST_REQUIRE(demo.result_int() == 200u);
    const std::string token = std::string(boost::json::parse(demo.body()).at_pointer("/access/token/id").as_string());

    const std::string slow = R"({"auth":{"passwordCredentials":{"username":"slow","password":"slowsecret"}}})";
    std::vector<std::unique_ptr<client>> auths;
    for (int i = 0; i < 3; ++i) {
        auths.push_back(std::make_unique<client>(srv.public_endpoint()));
        auths.back()->send_raw(
            "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Content-Length: " +
            std::to_string(slow.size()) + "\r\n\r\n" + slow);
    }
    BOOST_TEST_REQUIRE(wait_for([&] { return srv.authentications() == 2u; }, 5s));
    client admin(srv.admin_endpoint());
    const auto v = admin.request(bhttp::verb::get, "/v2.0/tokens/" + token, {}, {{"X-Auth-Token", "ADMIN"}});
    BOOST_TEST(v.result_int() == 200u);
    BOOST_TEST(srv.authentications() > 0u, "the validation waited for the password checks");
    std::map<unsigned, int> statuses;
    for (auto& c : auths) {
        const auto r = c->read();
        ++statuses[r.result_int()];
        if (r.result_int() == 503u) {
            BOOST_TEST(r[bhttp::field::retry_after] == "1");
            expect_fault(r, 503, fault_kind::service_unavailable, "Too many authentications");
        }
    }
    BOOST_TEST(statuses[200] == 2);
    BOOST_TEST(statuses[503] == 1);
    BOOST_TEST(srv.authentications() == 0u);
}

namespace {

// A store whose token validation blocks until the test opens the gate (at most 10 s), as a
// database round trip would; everything else is the memory backend's.
struct gated_backend final : proto::backend {
    std::shared_ptr<proto::backend> inner;
    std::mutex mu;
    std::condition_variable cv;
    bool open = false;
    int waiting = 0;

    explicit gated_backend(std::shared_ptr<proto::backend> b) : inner(std::move(b)) {}
    void let_go() {
        std::lock_guard lk(mu);
        open = true;
        cv.notify_all();
    }
    int blocked() {
        std::lock_guard lk(mu);
        return waiting;
    }

    v2::result<v2::access_ptr> validate_token(std::string_view id) override {
        std::unique_lock lk(mu);
        ++waiting;
        cv.wait_for(lk, 10s, [&] { return open; });
        --waiting;
        lk.unlock();
        return inner->validate_token(id);
    }
    v2::result<v2::access> authenticate(const v2::auth& a) override { return inner->authenticate(a); }
    v2::result<proto::principal> authorize(std::string_view t) override { return inner->authorize(t); }
    v2::result<v2::endpoints> token_endpoints(std::string_view id) override { return inner->token_endpoints(id); }
    v2::result<void> revoke_token(std::string_view id) override { return inner->revoke_token(id); }
    v2::result<v2::tenants> tenants_for_token(std::string_view t) override { return inner->tenants_for_token(t); }
    v2::result<v2::tenants> list_tenants() override { return inner->list_tenants(); }
    v2::result<v2::tenant> tenant_by_id(std::string_view id) override { return inner->tenant_by_id(id); }
    v2::result<v2::tenant> tenant_by_name(std::string_view n) override { return inner->tenant_by_name(n); }
    v2::result<v2::user> user_by_id(std::string_view id) override { return inner->user_by_id(id); }
    v2::result<v2::user> user_by_name(std::string_view n) override { return inner->user_by_name(n); }
    v2::result<v2::roles> user_roles(std::string_view u, std::optional<std::string_view> t) override {
        return inner->user_roles(u, t);
    }
};

}  // namespace

// A backend that blocks (a SQL store) runs on backend_threads of its own: while validations
// wait on it, the single I/O thread answers other requests; past backend_queue a request is
// told 503 with Retry-After instead of waiting.
BOOST_AUTO_TEST_CASE(a_blocking_backend_does_not_hold_the_io_threads) {
    auto backend = std::make_shared<gated_backend>(osi_test::make_test_backend());
    auto o = test_options();
    o.threads = 1;
    o.backend_threads = 2;
    o.backend_queue = 2;
    ia::server srv(backend, o);
    srv.listen();
    srv.start();
    client first(srv.public_endpoint());
    const auto demo = first.request(bhttp::verb::post, "/v2.0/tokens", osi_test::demo_auth_json,
                                    {{"Content-Type", "application/json"}});
    BOOST_TEST_REQUIRE(demo.result_int() == 200u);
    const std::string token = std::string(boost::json::parse(demo.body()).at_pointer("/access/token/id").as_string());
    const std::string validate = "GET /v2.0/tokens/" + token + " HTTP/1.1\r\nHost: x\r\nX-Auth-Token: ADMIN\r\n\r\n";

    client a(srv.admin_endpoint());
    a.send_raw(validate);
    BOOST_TEST_REQUIRE(wait_for([&] { return backend->blocked() == 1; }, 5s));
    // The I/O thread and the second backend thread are free.
    client other(srv.admin_endpoint());
    BOOST_TEST(other.request(bhttp::verb::get, "/v2.0").result_int() == 200u);
    BOOST_TEST(backend->blocked() == 1, "the version was answered while the validation waited");

    client b(srv.admin_endpoint());
    b.send_raw(validate);
    BOOST_TEST_REQUIRE(wait_for([&] { return backend->blocked() == 2; }, 5s));
    client c(srv.admin_endpoint());
    const auto busy = c.request(bhttp::verb::get, "/v2.0/tokens/" + token, {}, {{"X-Auth-Token", "ADMIN"}});
    BOOST_TEST(busy.result_int() == 503u);
    BOOST_TEST(busy[bhttp::field::retry_after] == "1");
    expect_fault(busy, 503, fault_kind::service_unavailable, "Too many requests");

    backend->let_go();
    BOOST_TEST(a.read().result_int() == 200u);
    BOOST_TEST(b.read().result_int() == 200u);
    BOOST_TEST(c.request(bhttp::verb::get, "/v2.0/tokens/" + token, {}, {{"X-Auth-Token", "ADMIN"}}).result_int() ==
               200u);
    srv.stop();
    srv.wait();
}

BOOST_AUTO_TEST_CASE(out_of_file_descriptors_the_listener_waits_instead_of_spinning) {
    running_server s;
    still_answers(s.srv);
    // Sockets made while descriptors are left, connected when none are: the server cannot accept.
    net::io_context ioc;
    std::vector<tcp::socket> socks;
    for (int i = 0; i < 8; ++i) {
        socks.emplace_back(ioc);
        socks.back().open(tcp::v4());
    }
    rlimit saved{};
    ::getrlimit(RLIMIT_NOFILE, &saved);
    rlimit low = saved;
    low.rlim_cur = open_fds();
    BOOST_TEST_REQUIRE(::setrlimit(RLIMIT_NOFILE, &low) == 0);
    for (auto& sock : socks) sock.connect(s.srv.public_endpoint());
    const double cpu0 = cpu_seconds();
    std::this_thread::sleep_for(1s);
    const double spent = cpu_seconds() - cpu0;
    BOOST_TEST_REQUIRE(::setrlimit(RLIMIT_NOFILE, &saved) == 0);
    BOOST_TEST(spent < 0.3, "the server burnt " << spent << " s of CPU in 1 s without descriptors");
    // With descriptors back, the waiting connections are accepted and served.
    for (auto& sock : socks) {
        const std::string req = "GET /v2.0 HTTP/1.1\r\nHost: x\r\n\r\n";
        net::write(sock, net::buffer(req));
        timeval tv{5, 0};
        ::setsockopt(sock.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        beast::flat_buffer b;
        response r;
        bhttp::read(sock, b, r);
        BOOST_TEST(r.result_int() == 200u);
    }
    still_answers(s.srv);
}

BOOST_AUTO_TEST_CASE(a_client_that_disconnects_mid_response) {
    // No limit on requests per connection: the server must be left writing the answers.
    running_server s([] {
        auto o = test_options();
        o.max_requests_per_connection = 0;
        return o;
    }());
    {
        // Thousands of pipelined requests, never read: the server blocks writing, then the
        // client resets the connection.
        client c(s.srv.public_endpoint());
        c.sock.non_blocking(true);
        const std::string one = "GET /v2.0 HTTP/1.1\r\nHost: x\r\nAccept: application/xml\r\n\r\n";
        std::string many;
        for (int i = 0; i < 20000; ++i) many += one;
        std::size_t off = 0;
        const auto end = std::chrono::steady_clock::now() + 3s;
        while (off < many.size() && std::chrono::steady_clock::now() < end) {
            boost::system::error_code ec;
            off += c.sock.write_some(net::buffer(many.data() + off, many.size() - off), ec);
            if (ec == net::error::would_block) std::this_thread::sleep_for(20ms);
            else if (ec) break;
        }
        // 13 MB of answers do not fit in the socket buffers: the server is stuck mid-response.
        std::this_thread::sleep_for(300ms);
        int waiting = 0;
        ::ioctl(c.sock.native_handle(), FIONREAD, &waiting);
        BOOST_TEST(waiting > 0);
        BOOST_TEST(s.srv.connections() == 1u);
        c.sock.set_option(net::socket_base::linger(true, 0));
        c.sock.close();
    }
    BOOST_TEST(wait_for([&] { return s.srv.connections() == 0u; }, 3s));
    {
        // A response abandoned half-read.
        client c(s.srv.public_endpoint());
        c.send_raw("GET /v2.0 HTTP/1.1\r\nHost: x\r\n\r\n");
        char part[10];
        net::read(c.sock, net::buffer(part));
        c.sock.set_option(net::socket_base::linger(true, 0));
        c.sock.close();
    }
    BOOST_TEST(wait_for([&] { return s.srv.connections() == 0u; }, 3s));
    still_answers(s.srv);
}

BOOST_AUTO_TEST_SUITE_END()
