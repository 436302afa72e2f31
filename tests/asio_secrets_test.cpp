#include <boost/test/unit_test.hpp>

// Passwords and tokens never show: a marker password and marker tokens go through every failure
// path (the readers' errors and exceptions, the server's faults, headers and access log, the
// client's errors, configuration errors), and none of them may carry it. Token ids come from
// OpenSSL's CSPRNG, secrets are compared in constant time (crypto.hpp; the test can show the
// results, not the timing), and every admin route refuses tokens that are not admin.

#include "asio_server_fixture.hpp"
#include "support.hpp"

#include <openstack/identity/v2/asio/client.hpp>
#include <openstack/identity/v2/protocol/crypto.hpp>
#include <openstack/identity/v2/asio/server.hpp>

#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <openssl/rand.h>

#include <sys/socket.h>
#include <sys/time.h>

#include <array>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

BOOST_AUTO_TEST_SUITE(asio_secrets_test)

namespace v2 = openstack::identity::v2;
namespace ia = openstack::identity::v2::asio;
namespace proto = openstack::identity::v2::protocol;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

namespace {

const std::string marker = "MARKER-pw-5f1d2c9a";          // a password
const std::string marker_token = "MARKER-tok-8b7e4a03";   // a token id nobody issued
const std::string admin_token = "MARKER-admin-c0ffee42";  // the configured admin token

// The fixture's store with the marker as a real password ("marker" in tenant "demo") and as the
// admin token.
std::shared_ptr<osi_test::test_backend> make_backend() {
    auto cfg = boost::json::parse(osi_test::test_config).as_object();
    cfg["admin_token"] = admin_token;
    cfg["users"].as_array().push_back({{"id", "u-marker"}, {"name", "marker"}, {"password", marker}});
    cfg["assignments"].as_array().push_back({{"user", "marker"},
                                             {"tenant", "demo"},
                                             {"roles", boost::json::array{"Member"}}});
    return osi_test::make_test_backend(boost::json::serialize(cfg));
}

struct logged_server {
    std::mutex mu;
    std::vector<std::string> lines;
    std::shared_ptr<osi_test::test_backend> backend = make_backend();
    ia::server srv;

    static ia::server_options options(logged_server* self) {
        ia::server_options o;
        o.public_listener = {"127.0.0.1", 0};
        o.admin_listener = ia::listen_address{"127.0.0.1", 0};
        o.handle_signals = false;
        o.header_timeout = 2s;
        o.log = [self](const std::string& line) {
            std::lock_guard lk(self->mu);
            self->lines.push_back(line);
        };
        return o;
    }

    logged_server() : srv(backend, options(this)) {
        srv.listen();
        backend->set_listener_urls(srv.public_url(), srv.admin_url());
        srv.start();
    }

    std::string log() {
        std::lock_guard lk(mu);
        std::string all;
        for (auto& l : lines) all += l + "\n";
        return all;
    }
};

using response = bhttp::response<bhttp::string_body>;

// The whole answer as the client sees it: status line, headers and body.
std::string wire(const response& r) {
    std::ostringstream os;
    os << r;
    return os.str();
}

response send(const tcp::endpoint& ep, bhttp::verb v, const std::string& target, const std::string& body = {},
              std::vector<std::pair<std::string, std::string>> headers = {}) {
    net::io_context ioc;
    tcp::socket sock(ioc);
    sock.connect(ep);
    timeval tv{5, 0};
    ::setsockopt(sock.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    bhttp::request<bhttp::string_body> req{v, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    for (auto& [k, val] : headers) req.set(k, val);
    req.body() = body;
    req.prepare_payload();
    boost::system::error_code ec;  // a refused body (413) is not read to the end
    bhttp::write(sock, req, ec);
    beast::flat_buffer buf;
    bhttp::response_parser<bhttp::string_body> p;
    p.body_limit(1 << 24);
    p.skip(v == bhttp::verb::head);
    bhttp::read(sock, buf, p);
    return p.release();
}

std::string token_of(const response& r) {
    return std::string(boost::json::parse(r.body()).at_pointer("/access/token/id").as_string());
}

bool shows(std::string_view text, std::string_view secret) { return text.find(secret) != std::string_view::npos; }

#define OSI_NO_SECRET(text, secret) BOOST_TEST(!shows(text, secret), "the secret shows in: " << (text).substr(0, 400))

const std::string id_ns = R"( xmlns="http://docs.openstack.org/identity/api/v2.0")";

// A "generator" for RAND_set_rand_method: every byte 0xab.
int fixed_bytes(unsigned char* buf, int n) {
    std::memset(buf, 0xab, static_cast<std::size_t>(n));
    return 1;
}
int rand_ok() { return 1; }

// Bad documents around the marker password (and, for tokens, the marker token).
std::vector<std::string> bad_json(const std::string& pw) {
    const std::string cred = R"("passwordCredentials": {"username": "demo", "password": ")" + pw + "\"}";
    return {
        R"({"auth": {)" + cred,                             // truncated
        R"({"auth": {)" + cred + "}} trailing",             // data after the document
        R"({"auth": {)" + cred + R"(, "tenantName": 5}})",  // wrong type elsewhere
        R"({"auth": {"passwordCredentials": {"username": "demo", "password": ")" + pw + R"(", "password": ")" + pw +
            R"("}}})",
        R"({"auth": {"passwordCredentials": {"username": "demo", "password": ")" + pw + R"(\u0000"}}})",
        R"({"auth": {"passwordCredentials": {"username": "demo", "password": ")" + pw + "\xc0\xaf" + R"("}}})",
        R"({"auth": {"passwordCredentials": {"username": "demo", "password": ")" + std::string(300, 'x') + pw +
            std::string(4000, 'x') + R"("}}})",
        R"({"auth": {"passwordCredentials": {"username": ")" + std::string(65, 'u') + R"(", "password": ")" + pw +
            R"("}}})",
        R"({"auth": {)" + cred + R"(, "token": {"id": ")" + marker_token + R"("}}})",  // conflicting
        R"({"auth": {)" + cred + R"(, "tenantId": "a", "tenantName": "b"}})",
        R"({"auth": {"passwordCredentials": {"username": "demo", "password": [")" + pw + R"("]}}})",
        R"({"auth": {"token": {"id": ")" + marker_token + R"(", "id": ")" + marker_token + R"("}}})",
        R"({"auth": {"token": {"id": ")" + marker_token + std::string(8200, 't') + R"("}}})",
        R"({"auth": {"token": ")" + marker_token + R"("}})",
        R"({"auth": {)" + cred + R"(, "x": [)" + std::string(100, '[') + "}}",
    };
}

std::vector<std::string> bad_xml(const std::string& pw) {
    const std::string cred = R"(<passwordCredentials username="demo" password=")" + pw + "\"/>";
    return {
        "<auth" + id_ns + ">" + cred,  // truncated
        "<auth" + id_ns + ">" + cred + "</auth><x/>",
        "<!DOCTYPE auth><auth" + id_ns + ">" + cred + "</auth>",
        "<auth" + id_ns + R"(><passwordCredentials username="demo" password=")" + pw + R"(" password=")" + pw +
            "\"/></auth>",
        "<auth" + id_ns + R"(><passwordCredentials username="demo" password=")" + pw + R"("><password>)" + pw +
            "</password></passwordCredentials></auth>",
        "<auth" + id_ns + R"(><passwordCredentials username="demo" password=")" + pw + "&#0;\"/></auth>",
        "<auth" + id_ns + R"(><passwordCredentials username="demo" password=")" + pw + "\xc0\xaf\"/></auth>",
        "<auth" + id_ns + R"(><passwordCredentials username="demo" password=")" + pw + "&bogus;\"/></auth>",
        "<auth" + id_ns + R"(><passwordCredentials username="demo" password=")" + std::string(5000, 'x') + pw +
            "\"/></auth>",
        "<auth" + id_ns + " tenantId=\"a\" tenantName=\"b\">" + cred + "</auth>",
        "<auth" + id_ns + ">" + cred + R"(<token id=")" + marker_token + "\"/></auth>",
        "<auth" + id_ns + R"(><token id=")" + marker_token + R"("><id>)" + marker_token + "</id></token></auth>",
        "<auth xmlns=\"urn:x\">" + cred + "</auth>",
        "<tenant" + id_ns + ">" + cred + "</tenant>",
    };
}

template <class T>
void reader_errors_hide(const std::string& doc, const std::string& secret, bool xml) {
    BOOST_TEST_CONTEXT(doc.substr(0, 160)) {
        auto r = xml ? v2::try_from_xml<T>(doc) : v2::try_from_json<T>(doc);
        BOOST_TEST_REQUIRE(!r.has_value());
        OSI_NO_SECRET(r.error().what(), secret);
        OSI_NO_SECRET(r.error().path, secret);
        OSI_NO_SECRET(r.error().element, secret);
        try {
            (void)(xml ? v2::from_xml<T>(doc) : v2::from_json<T>(doc));
            BOOST_ERROR("no exception");
        } catch (const std::exception& e) {
            OSI_NO_SECRET(std::string(e.what()), secret);
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(reader_errors_and_exceptions_never_carry_the_secret) {
    for (const auto& d : bad_json(marker)) {
        reader_errors_hide<v2::auth>(d, marker, false);
        reader_errors_hide<v2::auth>(d, marker_token, false);
    }
    for (const auto& d : bad_xml(marker)) {
        reader_errors_hide<v2::auth>(d, marker, true);
        reader_errors_hide<v2::auth>(d, marker_token, true);
    }
    // Read as the wrong type, too.
    reader_errors_hide<v2::access>(bad_json(marker)[2], marker, false);
    reader_errors_hide<v2::access>(bad_xml(marker)[3], marker, true);
}

BOOST_AUTO_TEST_CASE(configuration_errors_never_carry_the_password) {
    for (const std::string& cfg : {
             R"({"users": [{"id": "u", "name": "n", "password_hash": ")" + marker + R"("}]})",
             R"({"users": [{"id": "u", "name": "n", "password_hash": "pbkdf2-sha256$1000$)" + marker + R"($00"}]})",
             R"({"users": [{"id": "u", "password": ")" + marker + R"("}]})",
             R"({"users": [{"id": "u", "name": "n", "password": ")" + marker +
                 R"("}], "assignments": [{"user": "n", "roles": [")" + marker + "x\"]}]}",
             R"({"admin_token": ")" + admin_token + R"(", "users": [{"id": "u", "name": "n", "password": ")" + marker +
                 R"("}], "tenants": 5})",
             R"({"users": [{"id": "u", "name": "n", "password": ")" + marker + R"(" )",
         }) {
        auto r = proto::parse_memory_config(cfg);
        BOOST_TEST_REQUIRE(!r.has_value());
        OSI_NO_SECRET(r.error().what(), marker);
        OSI_NO_SECRET(r.error().what(), admin_token);
    }
}

BOOST_AUTO_TEST_CASE(server_faults_headers_and_log_never_carry_the_secret) {
    logged_server s;
    const auto pub = s.srv.public_endpoint(), adm = s.srv.admin_endpoint();
    const std::vector<std::pair<std::string, std::string>> json{{"Content-Type", "application/json"}};
    const std::vector<std::pair<std::string, std::string>> xml{{"Content-Type", "application/xml"},
                                                               {"Accept", "application/xml"}};
    std::vector<std::string> answers;
    auto note = [&](const response& r, unsigned status) {
        BOOST_TEST(r.result_int() == status, r.result_int() << " " << r.body().substr(0, 200));
        answers.push_back(wire(r));
    };

    // The real password works, so that what follows fails for the stated reason only.
    auto ok = send(pub, bhttp::verb::post, "/v2.0/tokens",
                   R"({"auth": {"tenantName": "demo", "passwordCredentials": {"username": "marker", "password": ")" +
                       marker + "\"}}}",
                   json);
    BOOST_TEST_REQUIRE(ok.result_int() == 200u);
    OSI_NO_SECRET(wire(ok), marker);
    const std::string real_token = token_of(ok);

    // Wrong password, wrong user, wrong tenant, disabled tenant, unknown tenant id: 401.
    for (auto [user, pw, scope] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"demo", marker, R"("tenantName": "demo")"},
             {"nobody", marker, R"("tenantName": "demo")"},
             {"marker", marker, R"("tenantName": "admin")"},
             {"marker", marker, R"("tenantName": "off")"},
             {"marker", marker, R"("tenantId": ")" + marker + "\""},
         }) {
        const std::string body = R"({"auth": {)" + scope + R"(, "passwordCredentials": {"username": ")" + user +
                                 R"(", "password": ")" + pw + "\"}}}";
        note(send(pub, bhttp::verb::post, "/v2.0/tokens", body, json), 401);
        const std::string xbody = "<auth" + id_ns + "><passwordCredentials username=\"" + user + "\" password=\"" + pw +
                                  "\"/></auth>";
        note(send(adm, bhttp::verb::post, "/v2.0/tokens", xbody, xml), user == "marker" ? 200 : 401);
    }
    // Malformed and invalid bodies around the secrets.
    for (const auto& d : bad_json(marker))
        answers.push_back(wire(send(pub, bhttp::verb::post, "/v2.0/tokens", d, json)));
    for (const auto& d : bad_xml(marker)) answers.push_back(wire(send(pub, bhttp::verb::post, "/v2.0/tokens", d, xml)));
    for (const auto& a : answers) {
        const auto status = std::stoi(a.substr(9, 3));
        BOOST_TEST((status == 200 || (status >= 400 && status < 500)), a.substr(0, 200));
    }
    // Over the limit, the wrong Content-Type.
    note(send(pub, bhttp::verb::post, "/v2.0/tokens",
              R"({"auth": {"passwordCredentials": {"password": ")" + marker + std::string(200000, ' ') + "\"}}}", json),
         413);
    note(send(pub, bhttp::verb::post, "/v2.0/tokens", "password=" + marker,
              {{"Content-Type", "application/x-www-form-urlencoded"}}),
         415);
    // Tokens in headers and targets: unknown, real but not admin, revoked.
    for (const std::string& tok : {marker_token, real_token, marker}) {
        note(send(adm, bhttp::verb::get, "/v2.0/tenants", {}, {{"X-Auth-Token", tok}}), tok == real_token ? 403 : 401);
        note(send(pub, bhttp::verb::get, "/v2.0/tenants", {}, {{"X-Auth-Token", tok}}), tok == real_token ? 200 : 401);
        note(send(pub, bhttp::verb::get, "/v2.0/tokens/" + tok, {}, {{"X-Auth-Token", admin_token}}), 404);
        note(send(pub, bhttp::verb::post, "/v2.0/tokens",
                  R"({"auth": {"token": {"id": ")" + tok + R"("}, "tenantName": "admin"}})", json),
             401);
    }
    note(send(adm, bhttp::verb::get, "/v2.0/tokens/" + marker_token, {}, {{"X-Auth-Token", admin_token}}), 404);
    note(send(adm, bhttp::verb::head, "/v2.0/tokens/" + marker_token, {}, {{"X-Auth-Token", admin_token}}), 404);
    note(send(adm, bhttp::verb::get, "/v2.0/tokens/" + marker_token + "/endpoints", {},
              {{"X-Auth-Token", admin_token}}),
         404);
    note(send(adm, bhttp::verb::delete_, "/v2.0/tokens/" + marker_token, {}, {{"X-Auth-Token", admin_token}}), 404);
    note(send(adm, bhttp::verb::get, "/v2.0/tokens/" + real_token + "?belongsTo=t-admin", {},
              {{"X-Auth-Token", admin_token}}),
         404);
    note(send(adm, bhttp::verb::put, "/v2.0/tokens/" + real_token, {}, {{"X-Auth-Token", admin_token}}), 405);
    note(send(adm, bhttp::verb::get, "/v2.0/tokens/" + real_token + "/bogus", {}, {{"X-Auth-Token", admin_token}}),
         404);
    note(send(adm, bhttp::verb::get, "/v2.0/tokens/" + real_token, {}, {{"X-Auth-Token", real_token}}), 403);
    note(send(adm, bhttp::verb::delete_, "/v2.0/tokens/" + real_token, {}, {{"X-Auth-Token", admin_token}}), 204);
    note(send(adm, bhttp::verb::get, "/v2.0/tokens/" + real_token, {}, {{"X-Auth-Token", admin_token}}), 404);
    // The router decodes the path: the id is masked however the path is spelled (issue #16, item 9).
    note(send(adm, bhttp::verb::get, "/v2.0/%74okens/" + marker_token, {}, {{"X-Auth-Token", admin_token}}), 404);
    note(send(adm, bhttp::verb::get, "/%76%32%2e%30/tokens/" + marker_token, {}, {{"X-Auth-Token", admin_token}}), 404);
    note(send(adm, bhttp::verb::get, "//v2.0/tokens/" + marker_token, {}, {{"X-Auth-Token", admin_token}}), 404);
    note(send(adm, bhttp::verb::get, "/v2.0/tokens//" + marker_token, {}, {{"X-Auth-Token", admin_token}}), 404);
    note(send(adm, bhttp::verb::get, "/v2.0/TOKENS/" + marker_token, {}, {{"X-Auth-Token", admin_token}}), 404);
    note(send(adm, bhttp::verb::get, "/v2.0/tokens%2F" + marker_token, {}, {{"X-Auth-Token", admin_token}}), 404);
    note(send(adm, bhttp::verb::get, "/v2.0/users/" + marker, {}, {{"X-Auth-Token", admin_token}}), 404);

    for (const auto& a : answers) {
        OSI_NO_SECRET(a, real_token);
        OSI_NO_SECRET(a, marker_token);
        OSI_NO_SECRET(a, admin_token);
    }
    // The marker as a password never shows; as a user id in a lookup it may (it is not a password there).
    for (std::size_t i = 0; i + 1 < answers.size(); ++i) OSI_NO_SECRET(answers[i], marker);
    const std::string log = s.log();
    BOOST_TEST(log.find("public POST /v2.0/tokens 200") != std::string::npos);
    BOOST_TEST(log.find("/v2.0/tokens/***") != std::string::npos);
    OSI_NO_SECRET(log, real_token);
    OSI_NO_SECRET(log, marker_token);
    OSI_NO_SECRET(log, admin_token);
    for (const auto& line : s.lines)
        if (line.find("/v2.0/users/") == std::string::npos) OSI_NO_SECRET(line, marker);
}

BOOST_AUTO_TEST_CASE(client_errors_never_carry_the_secret) {
    logged_server s;
    ia::client_options o;
    o.retry.max_retries = 0;
    o.connect_timeout = 2s;
    o.request_timeout = 2s;
    o.total_timeout = 5s;
    for (auto format : {ia::wire_format::json, ia::wire_format::xml}) {
        o.format = format;
        ia::client pub(s.srv.public_url() + "/v2.0", o), adm(s.srv.admin_url() + "/v2.0", o);
        std::vector<std::string> errors;
        auto expect_error = [&](const auto& r) {
            BOOST_TEST(!r.has_value());
            if (!r) errors.push_back(r.error().what() + r.error().body + r.error().details.value_or(""));
        };
        expect_error(pub.async_authenticate(ia::password_auth("demo", marker, {.tenant_name = "demo"}),
                                            ia::use_blocking));
        expect_error(pub.async_authenticate(ia::password_auth("marker", marker, {.tenant_name = "admin"}),
                                            ia::use_blocking));
        expect_error(pub.async_authenticate(ia::password_auth("marker", marker + std::string(5000, 'x')),
                                            ia::use_blocking));
        expect_error(pub.async_authenticate(ia::token_auth(marker_token, {.tenant_name = "demo"}), ia::use_blocking));
        expect_error(adm.async_validate_token(marker, marker_token, std::nullopt, ia::use_blocking));
        expect_error(adm.async_validate_token(admin_token, marker_token, std::nullopt, ia::use_blocking));
        expect_error(adm.async_token_endpoints(admin_token, marker_token, ia::use_blocking));
        expect_error(adm.async_revoke_token(admin_token, marker_token, ia::use_blocking));
        expect_error(adm.async_list_tenants(marker_token, ia::use_blocking));
        auto ok = pub.async_authenticate(ia::password_auth("marker", marker, {.tenant_name = "demo"}),
                                         ia::use_blocking);
        BOOST_TEST_REQUIRE(ok.has_value());
        expect_error(adm.async_list_tenants(ok->token.id, ia::use_blocking));
        expect_error(adm.async_validate_token(ok->token.id, ok->token.id, std::nullopt, ia::use_blocking));
        // Nobody listening.
        ia::client gone("http://127.0.0.1:1/v2.0", o);
        expect_error(gone.async_authenticate(ia::password_auth("marker", marker), ia::use_blocking));
        expect_error(gone.async_validate_token(admin_token, marker_token, std::nullopt, ia::use_blocking));
        for (const auto& e : errors) {
            OSI_NO_SECRET(e, marker);
            OSI_NO_SECRET(e, marker_token);
            OSI_NO_SECRET(e, admin_token);
            OSI_NO_SECRET(e, ok->token.id);
        }
        try {
            (void)pub.async_authenticate(ia::password_auth("demo", marker), ia::use_blocking).value();
            BOOST_ERROR("no exception");
        } catch (const std::exception& e) {
            OSI_NO_SECRET(std::string(e.what()), marker);
        }
    }
    OSI_NO_SECRET(s.log(), marker_token);
    OSI_NO_SECRET(s.log(), admin_token);
}

BOOST_AUTO_TEST_CASE(token_ids_come_from_the_csprng) {
    // Distinct, 128-bit, lower-case hex, from the server as from crypto::random_id.
    logged_server s;
    std::set<std::string> ids;
    for (int i = 0; i < 50; ++i) {
        auto r = send(s.srv.public_endpoint(), bhttp::verb::post, "/v2.0/tokens",
                      R"({"auth": {"passwordCredentials": {"username": "marker", "password": ")" + marker + "\"}}}",
                      {{"Content-Type", "application/json"}});
        BOOST_TEST_REQUIRE(r.result_int() == 200u);
        const auto a = v2::from_json<v2::access>(r.body());
        ids.insert(a.token.id);
        BOOST_TEST(a.token.id.size() == 32u);
        BOOST_TEST(a.token.id.find_first_not_of("0123456789abcdef") == std::string::npos);
        BOOST_TEST_REQUIRE(a.token.audit_ids.has_value());
        BOOST_TEST(a.token.audit_ids->at(0).size() == 22u);
    }
    BOOST_TEST(ids.size() == 50u);
    std::set<std::string> more;
    for (int i = 0; i < 10000; ++i) more.insert(proto::crypto::random_id());
    BOOST_TEST(more.size() == 10000u);
    // Each hex digit about equally often: 320,000 digits, 20,000 expected each.
    std::array<int, 16> count{};
    for (const auto& id : more)
        for (char c : id) ++count[static_cast<std::size_t>(c <= '9' ? c - '0' : c - 'a' + 10)];
    for (int n : count) BOOST_TEST((n > 19000 && n < 21000), n);

        // The bytes are RAND_bytes's: with OpenSSL's generator replaced, the ids follow it.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    static RAND_METHOD fixed{};
    fixed.bytes = &fixed_bytes;
    fixed.status = &rand_ok;
    const RAND_METHOD* saved = RAND_get_rand_method();
    BOOST_TEST_REQUIRE(RAND_set_rand_method(&fixed) == 1);
    const std::string id = proto::crypto::random_id();
    const std::string audit = proto::crypto::random_audit_id();
    RAND_set_rand_method(saved);
#pragma GCC diagnostic pop
    BOOST_TEST(id == "abababababababababababababababab");
    BOOST_TEST(audit == "q6urq6urq6urq6urq6urqw");
    BOOST_TEST(proto::crypto::random_id() != id);
}

BOOST_AUTO_TEST_CASE(secret_comparisons) {
    using proto::crypto::secrets_equal;
    BOOST_TEST(secrets_equal(admin_token, admin_token));
    BOOST_TEST(!secrets_equal(admin_token, admin_token + "x"));
    BOOST_TEST(!secrets_equal(admin_token, admin_token.substr(0, admin_token.size() - 1)));
    BOOST_TEST(!secrets_equal(admin_token, std::string(admin_token).replace(0, 1, "N")));
    BOOST_TEST(!secrets_equal("", admin_token));
    BOOST_TEST(secrets_equal("", ""));
    BOOST_TEST(!secrets_equal(std::string("a\0b", 3), std::string("a\0c", 3)));
    const auto h = proto::crypto::parse_password_hash(proto::crypto::hash_password(marker, 1000));
    BOOST_TEST_REQUIRE(h.has_value());
    BOOST_TEST(h->hash.size() == 32u);
    BOOST_TEST(h->salt.size() == 16u);
    BOOST_TEST(proto::crypto::verify_password(marker, *h));
    BOOST_TEST(!proto::crypto::verify_password(marker + "x", *h));
    BOOST_TEST(!proto::crypto::verify_password("", *h));
    // Salted: the same password hashes differently twice, and the text shows no password.
    const std::string a = proto::crypto::hash_password(marker, 1000), b = proto::crypto::hash_password(marker, 1000);
    BOOST_TEST(a != b);
    OSI_NO_SECRET(a, marker);
}

BOOST_AUTO_TEST_CASE(admin_routes_refuse_tokens_that_are_not_admin) {
    logged_server s;
    const auto pub = s.srv.public_endpoint(), adm = s.srv.admin_endpoint();
    auto auth = [&](const std::string& body) {
        auto r = send(pub, bhttp::verb::post, "/v2.0/tokens", body, {{"Content-Type", "application/json"}});
        BOOST_TEST_REQUIRE(r.result_int() == 200u);
        return token_of(r);
    };
    const std::string member = auth(osi_test::demo_auth_json);
    const std::string unscoped_admin =
        auth(R"({"auth": {"passwordCredentials": {"username": "admin", "password": "adminsecret"}}})");
    const std::string scoped_admin = auth(
        R"({"auth": {"tenantName": "admin", "passwordCredentials": {"username": "admin", "password": "adminsecret"}}})");
    const std::string victim = auth(osi_test::demo_auth_json);

    struct route {
        bhttp::verb method;
        std::string target;
        unsigned admin_status;
    };
    const std::vector<route> routes{
        {bhttp::verb::get, "/v2.0/tenants", 200},
        {bhttp::verb::get, "/v2.0/tenants?name=demo", 200},
        {bhttp::verb::get, "/v2.0/tenants/t-demo", 200},
        {bhttp::verb::get, "/v2.0/tokens/" + victim, 200},
        {bhttp::verb::head, "/v2.0/tokens/" + victim, 200},
        {bhttp::verb::get, "/v2.0/tokens/" + victim + "?belongsTo=t-demo", 200},
        {bhttp::verb::get, "/v2.0/tokens/" + victim + "/endpoints", 200},
        {bhttp::verb::head, "/v2.0/tokens/" + victim + "/endpoints", 200},
        {bhttp::verb::get, "/v2.0/users?name=demo", 200},
        {bhttp::verb::get, "/v2.0/users/u-demo", 200},
        {bhttp::verb::get, "/v2.0/users/u-admin/roles", 200},
        {bhttp::verb::get, "/v2.0/tenants/t-demo/users/u-demo/roles", 200},
        {bhttp::verb::delete_, "/v2.0/tokens/" + victim, 204},  // last: it revokes the victim
    };
    for (const auto& r : routes) {
        BOOST_TEST_CONTEXT(r.method << " " << r.target) {
            BOOST_TEST(send(adm, r.method, r.target).result_int() == 401u);
            BOOST_TEST(send(adm, r.method, r.target, {}, {{"X-Auth-Token", marker_token}}).result_int() == 401u);
            BOOST_TEST(send(adm, r.method, r.target, {}, {{"X-Auth-Token", member}}).result_int() == 403u);
            BOOST_TEST(send(adm, r.method, r.target, {}, {{"X-Auth-Token", victim}}).result_int() == 403u);
            BOOST_TEST(send(adm, r.method, r.target, {}, {{"X-Auth-Token", unscoped_admin}}).result_int() == 403u);
            auto refused = send(adm, r.method, r.target, {}, {{"X-Auth-Token", member}, {"Accept", "application/xml"}});
            BOOST_TEST(refused.result_int() == 403u);
            if (r.method != bhttp::verb::head) {
                auto f = v2::try_from_xml<v2::fault>(refused.body());
                BOOST_TEST_REQUIRE(f.has_value());
                BOOST_TEST(f->kind == v2::fault_kind::forbidden);
            }
            // The refusals changed nothing: the victim's token is still valid until an admin revokes it.
            BOOST_TEST(send(adm, bhttp::verb::head, "/v2.0/tokens/" + victim, {}, {{"X-Auth-Token", admin_token}})
                           .result_int() == 200u);
            const std::string& who = r.method == bhttp::verb::delete_ ? admin_token : scoped_admin;
            BOOST_TEST(send(adm, r.method, r.target, {}, {{"X-Auth-Token", who}}).result_int() == r.admin_status);
        }
    }
    BOOST_TEST(send(adm, bhttp::verb::get, "/v2.0/tokens/" + victim, {}, {{"X-Auth-Token", admin_token}})
                   .result_int() == 404u);
    // Admin routes are not on the public listener at all, whoever asks.
    BOOST_TEST(send(pub, bhttp::verb::get, "/v2.0/users/u-demo", {}, {{"X-Auth-Token", admin_token}}).result_int() ==
               404u);
    BOOST_TEST(send(pub, bhttp::verb::get, "/v2.0/tokens/" + member, {}, {{"X-Auth-Token", admin_token}})
                   .result_int() == 404u);
}

BOOST_AUTO_TEST_SUITE_END()
