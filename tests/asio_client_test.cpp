#include <boost/test/unit_test.hpp>

#include "asio_server_fixture.hpp"
#include "canned_server.hpp"
#include "documents.hpp"

#include <openstack/identity/v2/asio/client.hpp>
#include <openstack/identity/v2/asio/server.hpp>
#include <openstack/identity/v2/asio/session.hpp>
#include <openstack/identity/v2/protocol/ec2.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

BOOST_AUTO_TEST_SUITE(asio_client_test)

namespace v2 = openstack::identity::v2;
namespace ia = openstack::identity::v2::asio;
namespace proto = openstack::identity::v2::protocol;
namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using osi_test::canned_request;
using osi_test::canned_response;
using osi_test::canned_server;
using osi_test::reply;
using namespace std::chrono_literals;

namespace {

ia::client_options fast() {
    ia::client_options o;
    o.retry.initial_backoff = 5ms;
    o.retry.max_backoff = 20ms;
    o.connect_timeout = 2s;
    o.request_timeout = 2s;
    o.total_timeout = 5s;
    return o;
}

// A Keystone-shaped server: the seed's token for POST /v2.0/tokens, Keystone's fault otherwise.
canned_response keystone_like(const canned_request& req) {
    const auto t = req.target();
    const bool xml = req[bhttp::field::accept].find("xml") != std::string::npos;
    if (req.method() == bhttp::verb::post && t == "/v2.0/tokens") {
        if (xml) return reply(200, osi_test::data_file("seed_access.xml"), "application/xml");
        return reply(200, osi_test::data_file("seed_access.json"));
    }
    if (t == "/v2.0/extensions")
        return reply(
            200,
            R"({"extensions": {"values": [{"name": "OpenStack Keystone Admin", "namespace": "http://docs.openstack.org/identity/api/ext/OS-KSADM/v1.0", "alias": "OS-KSADM", "updated": "2013-07-11T17:14:00-00:00", "description": "d", "links": []}]}})");
    if (xml)
        return reply(401, R"(<?xml version="1.0" encoding="UTF-8"?>
<error xmlns="http://docs.openstack.org/identity/api/v2.0" code="401" title="Unauthorized" message="The request you have made requires authentication."/>)",
                     "application/xml");
    return reply(
        401,
        R"({"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}})");
}

// A test document (written in Keystone's list style) with its lists plain, as the spec's samples have them.
template <class T>
std::string spec_lists(std::string_view stem) {
    const T value = v2::from_json<T>(osi_test::document_json(stem));
    return v2::to_json(value, v2::write_options{.lists = v2::list_style::spec});
}

}  // namespace

BOOST_AUTO_TEST_CASE(urls) {
    auto u = ia::parse_url("https://[::1]:35357/v2.0?x=1#frag");
    BOOST_TEST_REQUIRE(u.has_value());
    BOOST_TEST(u->host == "::1");
    BOOST_TEST(u->port == "35357");
    BOOST_TEST(u->target == "/v2.0?x=1");
    BOOST_TEST(u->host_header() == "[::1]:35357");
    BOOST_TEST(ia::parse_url("http://keystone").value().target == "/");
    BOOST_TEST(ia::parse_url("http://keystone").value().port == "80");
    BOOST_TEST(!ia::parse_url("ftp://x/").has_value());
    BOOST_TEST(!ia::parse_url("keystone:5000").has_value());
    BOOST_TEST(!ia::parse_url("http://:5000/").has_value());

    BOOST_TEST(ia::versioned_url("http://h:5000") == "http://h:5000/v2.0");
    BOOST_TEST(ia::versioned_url("http://h:5000/") == "http://h:5000/v2.0");
    BOOST_TEST(ia::versioned_url("http://h:5000/v2.0/") == "http://h:5000/v2.0");
    BOOST_TEST(ia::versioned_url("http://h/identity/v2.0") == "http://h/identity/v2.0");
    BOOST_TEST(ia::root_url("http://h:5000/v2.0/") == "http://h:5000/");
    BOOST_TEST(ia::join_url("http://h/v2.0/", "/tokens") == "http://h/v2.0/tokens");
    BOOST_TEST(ia::url_encode("a b/c") == "a%20b%2Fc");

    // Scope: the id wins, never both.
    auto a = ia::password_auth("u", "p", {.tenant_id = "t1", .tenant_name = "demo"});
    BOOST_TEST(a.tenant_id.value() == "t1");
    BOOST_TEST(!a.tenant_name.has_value());
}

BOOST_AUTO_TEST_CASE(authenticate_every_completion_style) {
    canned_server srv(keystone_like);
    net::io_context ioc;
    ia::client c(ioc.get_executor(), srv.url(), fast());
    const auto creds = ia::password_auth("demo", "secret", {.tenant_name = "demo"});

    // Blocking: done before anyone runs `ioc`, which it does not use.
    auto r = c.async_authenticate(creds, ia::use_blocking);
    BOOST_TEST_REQUIRE(r.has_value(), r.error().what());
    BOOST_TEST(r->token.id == "aaaaa-bbbbb-ccccc-dddd");
    BOOST_TEST(r->token.issued_at.has_value());  // zone-less issued_at read as UTC
    BOOST_TEST(r->service_catalog->size() == 10u);

    // Callback, future, coroutine.
    std::optional<ia::client_result<v2::access>> cb;
    std::optional<ia::client_result<v2::extensions>> nested;
    c.async_authenticate(creds, [&](ia::client_result<v2::access> x) {
        cb = std::move(x);
        // Blocking on the only thread that runs the client's executor: no deadlock.
        nested = c.async_list_extensions(ia::use_blocking);
    });
    auto fut = c.async_authenticate(creds, net::use_future);
    std::optional<ia::client_result<v2::access>> co;
    net::co_spawn(
        ioc, [&]() -> net::awaitable<void> { co = co_await c.async_authenticate(creds, net::use_awaitable); },
        net::detached);
    ioc.run();
    BOOST_TEST(cb->value().token.id == "aaaaa-bbbbb-ccccc-dddd");
    BOOST_TEST(nested->value().items.at(0).alias == "OS-KSADM");
    BOOST_TEST(fut.get().value().token.id == "aaaaa-bbbbb-ccccc-dddd");
    BOOST_TEST(co->value().token.id == "aaaaa-bbbbb-ccccc-dddd");

    // What went on the wire.
    auto seen = srv.requests();
    BOOST_TEST_REQUIRE(seen.size() == 5u);
    BOOST_TEST(seen[0].target == "/v2.0/tokens");
    BOOST_TEST(seen[0].content_type == "application/json");
    auto sent = v2::from_json<v2::auth>(seen[0].body);
    BOOST_TEST(sent.password_credentials->username.value() == "demo");
    BOOST_TEST(sent.tenant_name.value() == "demo");
}

BOOST_AUTO_TEST_CASE(xml_on_the_wire) {
    canned_server srv(keystone_like);
    auto o = fast();
    o.format = ia::wire_format::xml;
    ia::client c(srv.url(), o);
    auto r = c.async_authenticate(ia::token_auth("abc", {.tenant_id = "t1"}), ia::use_blocking);
    BOOST_TEST_REQUIRE(r.has_value(), r.error().what());
    BOOST_TEST(r->token.id == "aaaaa-bbbbb-ccccc-dddd");
    BOOST_TEST(r->service_catalog->front().endpoints.front().region.value() == "RegionOne");
    auto seen = srv.requests();
    BOOST_TEST(seen[0].accept == "application/xml");
    BOOST_TEST(seen[0].content_type == "application/xml");
    auto sent = v2::from_xml<v2::auth>(seen[0].body);
    BOOST_TEST(sent.token->id == "abc");
    BOOST_TEST(sent.tenant_id.value() == "t1");

    // Keystone's XML fault: attributes only.
    auto f = c.async_list_tenants("bad", ia::use_blocking);
    BOOST_TEST_REQUIRE(!f.has_value());
    BOOST_TEST((f.error().kind == v2::fault_kind::unauthorized));
    BOOST_TEST(f.error().status == 401u);
    BOOST_TEST(f.error().message == "The request you have made requires authentication.");
}

BOOST_AUTO_TEST_CASE(faults_in_every_dialect) {
    canned_server srv([](const canned_request& req) -> canned_response {
        const auto t = req.target();
        if (t == "/v2.0/tokens/keystone")
            return reply(
                404, R"({"error": {"code": 404, "title": "Not Found", "message": "Could not find token: keystone."}})");
        // The spec's itemNotFound (as the test documents have it: with Keystone's error beside it, and
        // in the schema dialect's XML, which has the details).
        if (t == "/v2.0/tokens/spec") return reply(404, osi_test::document_json("samples/item_not_found"));
        if (t == "/v2.0/tokens/specxml")
            return reply(404, osi_test::document_xml("samples/item_not_found", v2::xml_dialect::schema),
                         "application/xml");
        if (t == "/v2.0/tokens/disabled")
            return reply(403, R"({"userDisabled": {"code": 403, "message": "The account is disabled."}})");
        if (t == "/v2.0/tokens/garbage") return reply(200, "not json", "text/plain");
        if (t == "/v2.0/tokens/wrongdoc") return reply(200, R"({"tenant": {"id": "x"}})");
        // oslo.middleware's sizelimit page.
        return reply(413,
                     "<html>\n <head>\n  <title>413 Request Entity Too Large</title>\n </head>\n <body>\n  <h1>413 "
                     "Request Entity Too "
                     "Large</h1>\n  Request is too large. Larger than max_request_body_size (114688).<br /><br "
                     "/>\n\n\n\n </body>\n</html>",
                     "text/html; charset=UTF-8");
    });
    ia::client c(srv.url(), fast());

    auto k = c.async_validate_token("ADMIN", "keystone", std::nullopt, ia::use_blocking);
    BOOST_TEST_REQUIRE(!k.has_value());
    BOOST_TEST((k.error().kind == v2::fault_kind::item_not_found));
    BOOST_TEST(k.error().status == 404u);
    BOOST_TEST(k.error().message == "Could not find token: keystone.");
    BOOST_TEST((k.error().code == ia::client_errc::remote_fault));
    BOOST_TEST(k.error().what() == "itemNotFound (404): Could not find token: keystone.");

    auto s = c.async_validate_token("ADMIN", "spec", std::nullopt, ia::use_blocking);
    BOOST_TEST((s.error().kind == v2::fault_kind::item_not_found));
    BOOST_TEST(s.error().message == "Item not found.");
    BOOST_TEST(s.error().details.value() == "Error Details...");

    auto x = c.async_validate_token("ADMIN", "specxml", std::nullopt, ia::use_blocking);
    BOOST_TEST((x.error().kind == v2::fault_kind::item_not_found));
    BOOST_TEST(x.error().details.value() == "Error Details...");

    auto d = c.async_validate_token("ADMIN", "disabled", std::nullopt, ia::use_blocking);
    BOOST_TEST((d.error().kind == v2::fault_kind::user_disabled));

    auto h = c.async_authenticate(ia::password_auth("u", std::string(200000, 'x')), ia::use_blocking);
    BOOST_TEST_REQUIRE(!h.has_value());
    BOOST_TEST((h.error().kind == v2::fault_kind::over_limit));
    BOOST_TEST(h.error().status == 413u);
    BOOST_TEST(h.error().message == "Request Entity Too Large: 413 Request Entity Too Large");
    BOOST_TEST(h.error().body.find("max_request_body_size") != std::string::npos);

    auto g = c.async_validate_token("ADMIN", "garbage", std::nullopt, ia::use_blocking);
    BOOST_TEST((g.error().code == ia::client_errc::bad_response));
    BOOST_TEST(!g.error().is_fault());
    auto w = c.async_validate_token("ADMIN", "wrongdoc", std::nullopt, ia::use_blocking);
    BOOST_TEST((w.error().code == v2::errc::wrong_root));
    BOOST_CHECK_THROW(c.async_validate_token("ADMIN", "wrongdoc", std::nullopt, ia::use_blocking).value(),
                      ia::client_exception);
}

BOOST_AUTO_TEST_CASE(token_operations_and_lists) {
    canned_server srv([](const canned_request& req) -> canned_response {
        const auto t = req.target();
        if (req["X-Auth-Token"] != "ADMIN")
            return reply(401, R"({"error": {"code": 401, "title": "Unauthorized", "message": "no"}})");
        if (t == "/v2.0/tokens/aaaaa-bbbbb-ccccc-dddd?belongsTo=fc394f2ab2df4114bde39905f800dc57" ||
            t == "/v2.0/tokens/aaaaa-bbbbb-ccccc-dddd")
            return reply(200, osi_test::data_file("seed_access.json"));
        if (t == "/v2.0/tokens/aaaaa-bbbbb-ccccc-dddd/endpoints")
            return reply(200, osi_test::document_json("samples/endpoints"));
        if (t == "/v2.0/tokens/unscoped/endpoints") return reply(200, "{}");
        if (t == "/v2.0/tenants") return reply(200, osi_test::document_json("samples/tenants"));
        if (req.method() == bhttp::verb::delete_) return reply(204, "", "");
        return reply(404, R"({"error": {"code": 404, "title": "Not Found", "message": "Could not find token."}})");
    });
    ia::client c(srv.url(), fast());
    auto v = c.async_validate_token("ADMIN", "aaaaa-bbbbb-ccccc-dddd", "fc394f2ab2df4114bde39905f800dc57",
                                    ia::use_blocking);
    BOOST_TEST_REQUIRE(v.has_value(), v.error().what());
    BOOST_TEST(v->token.tenant->name.value() == "demo");
    BOOST_TEST(c.async_check_token("ADMIN", "aaaaa-bbbbb-ccccc-dddd", std::nullopt, ia::use_blocking).value() == true);
    BOOST_TEST(c.async_check_token("ADMIN", "other", std::nullopt, ia::use_blocking).value() == false);
    BOOST_TEST((c.async_check_token("bad", "x", std::nullopt, ia::use_blocking).error().kind ==
                v2::fault_kind::unauthorized));
    auto e = c.async_token_endpoints("ADMIN", "aaaaa-bbbbb-ccccc-dddd", ia::use_blocking);
    BOOST_TEST_REQUIRE(e.has_value(), e.error().what());
    BOOST_TEST(e->items.size() == 1u);
    BOOST_TEST(e->items[0].type.value() == "compute");
    BOOST_TEST(c.async_token_endpoints("ADMIN", "unscoped", ia::use_blocking).value().items.empty());
    auto t = c.async_list_tenants("ADMIN", ia::use_blocking);
    BOOST_TEST_REQUIRE(t.has_value(), t.error().what());
    BOOST_TEST(!t->items.empty());
    BOOST_TEST(c.async_revoke_token("ADMIN", "x", ia::use_blocking).has_value());

    // The generic request for any route, and the raw reply whatever its status.
    auto g = c.async_request<v2::tenants>(c.make(bhttp::verb::get, "tenants", std::string("ADMIN")), ia::use_blocking);
    BOOST_TEST_REQUIRE(g.has_value(), g.error().what());
    BOOST_TEST(g->items.size() == t->items.size());
    auto raw = c.async_raw(c.make(bhttp::verb::get, "tenants", std::string("bad")), ia::use_blocking);
    BOOST_TEST_REQUIRE(raw.has_value(), raw.error().what());
    BOOST_TEST(raw->status == 401u);
    BOOST_TEST(raw->body.find("Unauthorized") != std::string::npos);

    auto seen = srv.requests();
    BOOST_TEST(seen[0].auth_token == "ADMIN");
    BOOST_TEST(seen[1].method == bhttp::verb::head);

    // A token id no token has is refused before anything is sent (an empty one would name
    // /tokens itself: 405 from a server).
    const std::size_t sent = srv.requests().size();
    const auto refused = [](const auto& r, std::string_view why) {
        BOOST_TEST_REQUIRE(!r.has_value());
        BOOST_TEST((r.error().code == ia::client_errc::invalid_argument));
        BOOST_TEST(r.error().what().find(why) != std::string::npos, r.error().what());
    };
    refused(c.async_validate_token("ADMIN", "", std::nullopt, ia::use_blocking), "the token id is empty");
    refused(c.async_check_token("ADMIN", "", std::nullopt, ia::use_blocking), "the token id is empty");
    refused(c.async_token_endpoints("ADMIN", "", ia::use_blocking), "the token id is empty");
    refused(c.async_revoke_token("ADMIN", "", ia::use_blocking), "the token id is empty");
    for (const std::string bad : {"a b", "tab\t", "caf\xc3\xa9", "nl\n"})
        refused(c.async_validate_token("ADMIN", bad, std::nullopt, ia::use_blocking), "no token has");
    refused(c.async_validate_token("ADMIN", std::string(8193, 'a'), std::nullopt, ia::use_blocking), "over 8192");
    BOOST_TEST(srv.requests().size() == sent);
    // Every printable character is sent (URL-encoded), to be judged by the server.
    BOOST_TEST(c.async_validate_token("ADMIN", "gAAAA_-=~!/?#", std::nullopt, ia::use_blocking).error().status == 404u);
    BOOST_TEST(srv.requests().back().target == "/v2.0/tokens/gAAAA_-%3D~%21%2F%3F%23");
}

BOOST_AUTO_TEST_CASE(extensions_and_version_discovery) {
    std::string root;
    canned_server srv([&root](const canned_request& req) -> canned_response {
        const auto t = req.target();
        if (t == "/v2.0/extensions") return keystone_like(req);
        if (t == "/plain/v2.0/extensions") return reply(200, spec_lists<v2::extensions>("samples/extensions"));
        if (t == "/")
            return reply(
                300,
                R"({"versions": {"values": [{"id": "v3.0", "status": "stable", "links": [{"rel": "self", "href": ")" +
                    root +
                    R"(/v3/"}]}, {"id": "v2.0", "status": "deprecated", "updated": "2016-08-04T00:00:00Z", "links": [{"rel": "self", "href": ")" +
                    root + R"(/v2.0/"}]}]}})");
        if (t == "/spec/") return reply(300, spec_lists<v2::versions>("samples/versions"));
        if (t == "/nolink/") return reply(300, R"({"versions": [{"id": "v2.0", "status": "CURRENT"}]})");
        if (t == "/v3only/") return reply(300, R"({"versions": {"values": [{"id": "v3.0", "status": "stable"}]}})");
        if (t == "/v2.0") return reply(200, osi_test::document_json("samples/version"));
        return reply(404, R"({"error": {"code": 404, "title": "Not Found", "message": "nope"}})");
    });
    root = srv.root();
    ia::client c(srv.root(), fast());  // a root URL: /v2.0 appended
    BOOST_TEST(c.base_url() == srv.url());
    auto ext = c.async_list_extensions(ia::use_blocking);
    BOOST_TEST_REQUIRE(ext.has_value(), ext.error().what());
    BOOST_TEST(ext->items.at(0).alias == "OS-KSADM");
    ia::client plain(srv.root() + "/plain/v2.0/", fast());
    BOOST_TEST(plain.base_url() == srv.root() + "/plain/v2.0");
    auto ext2 = plain.async_list_extensions(ia::use_blocking);  // the spec's plain array
    BOOST_TEST_REQUIRE(ext2.has_value(), ext2.error().what());
    BOOST_TEST(ext2->items.size() == 2u);

    // values wrapper, self link with a trailing slash: no doubled /v2.0
    auto d = c.async_discover(std::nullopt, ia::use_blocking);
    BOOST_TEST_REQUIRE(d.has_value(), d.error().what());
    BOOST_TEST(d->url == srv.url());
    BOOST_TEST((d->version.status.value() == v2::version_status::deprecated));
    // plain list (the spec sample), link to another host kept
    auto s = c.async_discover(srv.root() + "/spec/", ia::use_blocking);
    BOOST_TEST_REQUIRE(s.has_value(), s.error().what());
    BOOST_TEST(s->url == "http://identity.api.openstack.org/v2.0");
    // no self link: root + v2.0
    BOOST_TEST(c.async_discover(srv.root() + "/nolink/", ia::use_blocking).value().url == srv.root() + "/nolink/v2.0");
    auto none = c.async_discover(srv.root() + "/v3only/", ia::use_blocking);
    BOOST_TEST((none.error().code == ia::client_errc::no_version));
    BOOST_TEST(none.error().message.find("v3.0") != std::string::npos);
    auto v = c.async_version(ia::use_blocking);
    BOOST_TEST_REQUIRE(v.has_value(), v.error().what());
    BOOST_TEST(v->id == "v2.0");
}

BOOST_AUTO_TEST_CASE(retries_and_timeouts) {
    std::atomic<int> n{0};
    canned_server srv([&n](const canned_request& req) -> canned_response {
        const auto t = req.target();
        if (t == "/v2.0/extensions") {  // 503, 429, then 200
            const int i = n++;
            if (i == 0) return reply(503, R"({"serviceUnavailable": {"code": 503, "message": "busy"}})");
            if (i == 1) {
                auto r = reply(429, "");
                r.set(bhttp::field::retry_after, "0");
                return r;
            }
            return keystone_like(req);
        }
        if (t == "/v2.0/tenants")
            return reply(503, R"({"serviceUnavailable": {"code": 503, "message": "still busy"}})");
        if (t == "/v2.0/tokens")
            return reply(500, R"({"error": {"code": 500, "title": "Internal Server Error", "message": "boom"}})");
        if (t == "/v2.0/tokens/slow") {
            std::this_thread::sleep_for(400ms);
            return keystone_like(req);
        }
        return reply(404, "");
    });
    ia::client c(srv.url(), fast());
    auto r = c.async_list_extensions(ia::use_blocking);
    BOOST_TEST_REQUIRE(r.has_value(), r.error().what());
    BOOST_TEST(srv.count(bhttp::verb::get, "/v2.0/extensions") == 3u);

    auto busy = c.async_list_tenants("t", ia::use_blocking);  // 1 + max_retries attempts, then the fault
    BOOST_TEST((busy.error().kind == v2::fault_kind::service_unavailable));
    BOOST_TEST(busy.error().message == "still busy");
    BOOST_TEST(srv.count(bhttp::verb::get, "/v2.0/tenants") == 3u);

    auto boom = c.async_authenticate(ia::password_auth("u", "p"), ia::use_blocking);  // 500: no retry
    BOOST_TEST((boom.error().kind == v2::fault_kind::identity_fault));
    BOOST_TEST(srv.count(bhttp::verb::post, "/v2.0/tokens") == 1u);

    auto o = fast();
    o.request_timeout = 100ms;
    auto slow = ia::client(srv.url(), o).async_validate_token("ADMIN", "slow", std::nullopt, ia::use_blocking);
    BOOST_TEST_REQUIRE(!slow.has_value());
    BOOST_TEST((slow.error().code == boost::beast::error::timeout));
    BOOST_TEST(srv.count(bhttp::verb::get, "/v2.0/tokens/slow") == 1u);  // sent: not retried
}

BOOST_AUTO_TEST_CASE(connection_errors_are_retried) {
    unsigned short port;
    {
        canned_server gone(keystone_like);
        port = gone.port();
    }
    auto o = fast();
    o.retry.max_retries = 3;
    const auto t0 = std::chrono::steady_clock::now();
    auto r =
        ia::client("http://127.0.0.1:" + std::to_string(port) + "/v2.0", o).async_list_extensions(ia::use_blocking);
    BOOST_TEST_REQUIRE(!r.has_value());
    BOOST_TEST((r.error().code == net::error::connection_refused));
    BOOST_TEST(!r.error().is_fault());
    BOOST_TEST((std::chrono::steady_clock::now() - t0 >= 5ms + 10ms + 20ms));  // three backoffs
}

BOOST_AUTO_TEST_CASE(https) {
    osi_test::test_certificate cert;
    canned_server srv(keystone_like, &cert);
    BOOST_TEST(srv.url().starts_with("https://127.0.0.1:"));

    auto o = fast();
    o.tls.ca_file = cert.cert.string();
    auto r = ia::client(srv.url(), o).async_list_extensions(ia::use_blocking);
    BOOST_TEST_REQUIRE(r.has_value(), r.error().what());

    auto untrusted =
        ia::client(srv.url(), fast()).async_list_extensions(ia::use_blocking);  // system CAs do not know it
    BOOST_TEST_REQUIRE(!untrusted.has_value());
    BOOST_TEST(untrusted.error().message.find("TLS handshake") != std::string::npos);

    o = fast();
    o.tls.insecure = true;
    BOOST_TEST(ia::client(srv.url(), o).async_list_extensions(ia::use_blocking).has_value());

    o = fast();
    o.tls.ca_file = "/nonexistent/ca.pem";
    auto bad = ia::client(srv.url(), o).async_list_extensions(ia::use_blocking);
    BOOST_TEST(bad.error().message == "CA file");
}

// The admin operations put on the wire what python-keystoneclient's v2_0 client puts there
// (keystoneclient/v2_0/{tenants,users,roles,services,endpoints,ec2}.py): method, path, body; and
// read Keystone's answers.
BOOST_AUTO_TEST_CASE(admin_operations_on_the_wire) {
    std::mutex m;
    std::vector<std::string> seen;  // "METHOD target body"
    canned_server srv([&](const canned_request& req) -> canned_response {
        {
            std::lock_guard lock(m);
            seen.push_back(std::string(req.method_string()) + " " + std::string(req.target()) +
                           (req.body().empty() ? "" : " " + req.body()));
        }
        if (req["X-Auth-Token"] != "ADMIN" && req["X-Auth-Token"] != "OWN")
            return reply(401, R"({"error": {"code": 401, "title": "Unauthorized", "message": "no"}})");
        const auto t = req.target();
        if (t.find("/nothing") != std::string_view::npos)
            return reply(404, R"({"error": {"code": 404, "title": "Not Found", "message": "Could not find user."}})");
        if (req.method() == bhttp::verb::delete_) return reply(204, "", "");
        if (req.method() == bhttp::verb::patch) return reply(200, osi_test::data_file("seed_access.json"));
        if (t.ends_with("/credentials/OS-EC2") && req.method() == bhttp::verb::post)
            return reply(200, osi_test::document_json("OS-EC2/credential"));
        if (t.ends_with("/credentials/OS-EC2")) return reply(200, osi_test::document_json("OS-EC2/credentials"));
        if (t == "/v2.0/endpoints" && req.method() == bhttp::verb::get)
            return reply(200, osi_test::document_json("admin/endpoints"));
        if (t == "/v2.0/OS-KSADM/services" && req.method() == bhttp::verb::get)
            return reply(200, osi_test::document_json("OS-KSADM/samples/services"));
        if (t == "/v2.0/OS-KSADM/roles" && req.method() == bhttp::verb::get)
            return reply(200, osi_test::document_json("OS-KSADM/samples/roles"));
        if (req.method() == bhttp::verb::get && t.ends_with("/users"))
            return reply(200, osi_test::document_json("OS-KSADM/samples/users"));
        if (t.find("/roles/OS-KSADM/") != std::string_view::npos)
            return reply(200, R"({"role": {"id": "r1", "name": "x"}})");
        return reply(200, req.body());  // Keystone answers a write with the document written (and its id)
    });
    ia::client c(srv.url(), fast());
    constexpr auto b = ia::use_blocking;

    auto tn = c.async_create_tenant("ADMIN", {.name = "acme", .description = "d", .enabled = true}, b);
    BOOST_TEST_REQUIRE(tn.has_value(), tn.error().what());
    BOOST_TEST(tn->name == std::optional<std::string>("acme"));
    BOOST_TEST(c.async_update_tenant("ADMIN", "t 1", {.name = "acme2"}, b).has_value());
    BOOST_TEST(c.async_delete_tenant("ADMIN", "t1", b).has_value());
    BOOST_TEST(c.async_tenant_users("ADMIN", "t1", b).value().items.size() == 2u);
    BOOST_TEST(c.async_list_users("ADMIN", b).value().items.size() == 2u);
    auto u = c.async_create_user("ADMIN", {.name = "bob", .email = "b@x", .enabled = true, .password = "pw"}, b);
    BOOST_TEST_REQUIRE(u.has_value(), u.error().what());
    BOOST_TEST(c.async_update_user("ADMIN", "u1", {.email = "c@x"}, b).has_value());
    BOOST_TEST(c.async_delete_user("ADMIN", "u1", b).has_value());
    BOOST_TEST(c.async_set_user_password("ADMIN", "u1", "new", b).has_value());
    BOOST_TEST(c.async_set_user_enabled("ADMIN", "u1", false, b).value().enabled == std::optional<bool>(false));
    BOOST_TEST(c.async_set_user_tenant("ADMIN", "u1", "t1", b).has_value());
    auto own = c.async_change_own_password("OWN", "u1", "old", "new", b);
    BOOST_TEST_REQUIRE(own.has_value(), own.error().what());
    BOOST_TEST(own->token.id == "aaaaa-bbbbb-ccccc-dddd");
    BOOST_TEST(c.async_list_roles("ADMIN", b).value().items.size() == 1u);
    BOOST_TEST(c.async_create_role("ADMIN", {.name = "ops"}, b).value().name == std::optional<std::string>("ops"));
    BOOST_TEST(c.async_delete_role("ADMIN", "r1", b).has_value());
    BOOST_TEST(c.async_grant_role("ADMIN", std::string("t1"), "u1", "r1", b).has_value());
    BOOST_TEST(c.async_revoke_role("ADMIN", std::nullopt, "u1", "r1", b).has_value());
    BOOST_TEST(c.async_list_services("ADMIN", b).value().items.size() == 2u);
    auto sv = c.async_create_service("ADMIN", {.name = "nova", .type = "compute", .description = "d"}, b);
    BOOST_TEST_REQUIRE(sv.has_value(), sv.error().what());
    BOOST_TEST(sv->type == "compute");
    BOOST_TEST(c.async_delete_service("ADMIN", "s1", b).has_value());
    BOOST_TEST(c.async_list_endpoints("ADMIN", b).value().items.size() == 2u);
    v2::endpoint_record e;
    e.region = "RegionOne";
    e.service_id = "s1";
    e.public_url = "http://p";
    auto ep = c.async_create_endpoint("ADMIN", e, b);
    BOOST_TEST_REQUIRE(ep.has_value(), ep.error().what());
    BOOST_TEST(ep->service_id == "s1");
    BOOST_TEST(c.async_delete_endpoint("ADMIN", "e1", b).has_value());
    auto k = c.async_create_ec2_credential("ADMIN", "u1", "t1", b);
    BOOST_TEST_REQUIRE(k.has_value(), k.error().what());
    BOOST_TEST(k->secret == std::optional<std::string>("c2a4b6d8e0f1a3c5e7b9d1f3a5c7e9b0"));
    BOOST_TEST(c.async_list_ec2_credentials("ADMIN", "u1", b).value().items.size() == 1u);
    BOOST_TEST(c.async_delete_ec2_credential("ADMIN", "u1", "AK", b).has_value());

    const std::vector<std::string> expected{
        R"(POST /v2.0/tenants {"tenant":{"name":"acme","description":"d","enabled":true}})",
        R"(POST /v2.0/tenants/t%201 {"tenant":{"name":"acme2"}})",
        "DELETE /v2.0/tenants/t1",
        "GET /v2.0/tenants/t1/users",
        "GET /v2.0/users",
        R"(POST /v2.0/users {"user":{"name":"bob","email":"b@x","enabled":true,"OS-KSADM:password":"pw"}})",
        R"(PUT /v2.0/users/u1 {"user":{"email":"c@x"}})",
        "DELETE /v2.0/users/u1",
        R"(PUT /v2.0/users/u1/OS-KSADM/password {"user":{"id":"u1","OS-KSADM:password":"new"}})",
        R"(PUT /v2.0/users/u1/OS-KSADM/enabled {"user":{"id":"u1","enabled":false}})",
        R"(PUT /v2.0/users/u1/OS-KSADM/tenant {"user":{"id":"u1","tenantId":"t1"}})",
        R"(PATCH /v2.0/OS-KSCRUD/users/u1 {"user":{"password":"new","original_password":"old"}})",
        "GET /v2.0/OS-KSADM/roles",
        R"(POST /v2.0/OS-KSADM/roles {"role":{"name":"ops"}})",
        "DELETE /v2.0/OS-KSADM/roles/r1",
        "PUT /v2.0/tenants/t1/users/u1/roles/OS-KSADM/r1",
        "DELETE /v2.0/users/u1/roles/OS-KSADM/r1",
        "GET /v2.0/OS-KSADM/services",
        R"(POST /v2.0/OS-KSADM/services {"OS-KSADM:service":{"name":"nova","type":"compute","description":"d"}})",
        "DELETE /v2.0/OS-KSADM/services/s1",
        "GET /v2.0/endpoints",
        R"(POST /v2.0/endpoints {"endpoint":{"region":"RegionOne","service_id":"s1","publicurl":"http://p"}})",
        "DELETE /v2.0/endpoints/e1",
        R"(POST /v2.0/users/u1/credentials/OS-EC2 {"tenant_id":"t1"})",
        "GET /v2.0/users/u1/credentials/OS-EC2",
        "DELETE /v2.0/users/u1/credentials/OS-EC2/AK",
    };
    {
        std::lock_guard lock(m);
        BOOST_TEST(seen == expected, boost::test_tools::per_element());
        seen.clear();
    }

    // Faults are typed as for every operation; an empty id is refused before anything is sent.
    auto nf = c.async_get_role("ADMIN", "nothing", b);
    BOOST_TEST_REQUIRE(!nf.has_value());
    BOOST_TEST((nf.error().kind == v2::fault_kind::item_not_found));
    BOOST_TEST(nf.error().status == 404u);
    BOOST_TEST((c.async_list_users("wrong", b).error().kind == v2::fault_kind::unauthorized));
    auto empty = c.async_delete_user("ADMIN", "", b);
    BOOST_TEST_REQUIRE(!empty.has_value());
    BOOST_TEST(empty.error().code == ia::make_error_code(ia::client_errc::invalid_argument));
    BOOST_TEST(c.async_grant_role("ADMIN", std::string(""), "u1", "r1", b).error().code ==
               ia::make_error_code(ia::client_errc::invalid_argument));
    std::lock_guard lock(m);
    BOOST_TEST(seen.size() == 2u);  // the 404 and the 401: the refused ones never left
}

// ---------------------------------------------------------------------------------------------
// Against the project's own server (asio/server.hpp + the memory backend), on loopback.

namespace {

struct project_server {
    std::shared_ptr<osi_test::test_backend> backend = osi_test::make_test_backend();
    ia::server srv;
    static ia::server_options options() {
        ia::server_options o;
        o.public_listener = {"127.0.0.1", 0};
        o.admin_listener = ia::listen_address{"127.0.0.1", 0};
        o.threads = 2;
        o.handle_signals = false;
        o.drain_timeout = 2s;
        return o;
    }
    project_server() : srv(backend, options()) {
        srv.listen();
        backend->set_listener_urls(srv.public_url(), srv.admin_url());
        srv.start();
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(project_server_every_operation) {
    project_server ps;
    for (auto format : {ia::wire_format::json, ia::wire_format::xml}) {
        BOOST_TEST_CONTEXT((format == ia::wire_format::xml ? "xml" : "json")) {
            auto o = fast();
            o.format = format;
            // Discovery from the root, then the public and admin clients.
            ia::client root(ps.srv.public_url(), o);
            auto d = root.async_discover(std::nullopt, ia::use_blocking);
            BOOST_TEST_REQUIRE(d.has_value(), d.error().what());
            BOOST_TEST(d->url == ps.srv.public_url() + "/v2.0");
            ia::client pub(d->url, o);
            ia::client adm(ps.srv.admin_url() + "/v2.0/", o);
            auto v = pub.async_version(ia::use_blocking);
            BOOST_TEST_REQUIRE(v.has_value(), v.error().what());
            BOOST_TEST(v->id == "v2.0");

            // Password, by tenant name, by tenant id, unscoped; then token rescoping.
            auto a = pub.async_authenticate(ia::password_auth("demo", "secretsecret", {.tenant_name = "demo"}),
                                            ia::use_blocking);
            BOOST_TEST_REQUIRE(a.has_value(), a.error().what());
            BOOST_TEST(a->token.tenant->id.value() == "t-demo");
            auto compute = v2::find_endpoint(*a, {.service_type = "compute"});
            BOOST_TEST(compute.value().url == "http://127.0.0.1:8774/v2/t-demo");
            auto by_id = pub.async_authenticate(ia::password_auth("demo", "secretsecret", {.tenant_id = "t-demo"}),
                                                ia::use_blocking);
            BOOST_TEST_REQUIRE(by_id.has_value(), by_id.error().what());
            auto unscoped = pub.async_authenticate(ia::password_auth("demo", "secretsecret"), ia::use_blocking);
            BOOST_TEST_REQUIRE(unscoped.has_value(), unscoped.error().what());
            BOOST_TEST(!unscoped->token.tenant.has_value());
            auto rescoped = pub.async_authenticate(ia::token_auth(unscoped->token.id, {.tenant_name = "demo"}),
                                                   ia::use_blocking);
            BOOST_TEST_REQUIRE(rescoped.has_value(), rescoped.error().what());
            BOOST_TEST(rescoped->token.tenant->name.value() == "demo");

            // The user's tenants, the extensions.
            auto ts = pub.async_list_tenants(unscoped->token.id, ia::use_blocking);
            BOOST_TEST_REQUIRE(ts.has_value(), ts.error().what());
            BOOST_TEST(ts->items.size() == 1u);
            BOOST_TEST(ts->items[0].name.value() == "demo");
            auto ext = pub.async_list_extensions(ia::use_blocking);
            BOOST_TEST_REQUIRE(ext.has_value(), ext.error().what());

            // Admin calls with the admin token.
            auto val = adm.async_validate_token("ADMIN", a->token.id, std::string("t-demo"), ia::use_blocking);
            BOOST_TEST_REQUIRE(val.has_value(), val.error().what());
            BOOST_TEST(val->token.id == a->token.id);
            auto wrong = adm.async_validate_token("ADMIN", a->token.id, std::string("t-admin"), ia::use_blocking);
            BOOST_TEST_REQUIRE(!wrong.has_value());
            BOOST_TEST(wrong.error().is_fault());  // Keystone: 401; the spec: 404
            BOOST_TEST(adm.async_check_token("ADMIN", a->token.id, std::nullopt, ia::use_blocking).value() == true);
            BOOST_TEST(adm.async_check_token("ADMIN", "no-such-token", std::nullopt, ia::use_blocking).value() ==
                       false);
            auto eps = adm.async_token_endpoints("ADMIN", a->token.id, ia::use_blocking);
            BOOST_TEST_REQUIRE(eps.has_value(), eps.error().what());
            BOOST_TEST(!eps->items.empty());
            auto none = adm.async_token_endpoints("ADMIN", unscoped->token.id, ia::use_blocking);
            BOOST_TEST_REQUIRE(none.has_value(), none.error().what());
            BOOST_TEST(none->items.empty());
            BOOST_TEST(adm.async_revoke_token("ADMIN", by_id->token.id, ia::use_blocking).has_value());
            BOOST_TEST(adm.async_check_token("ADMIN", by_id->token.id, std::nullopt, ia::use_blocking).value() ==
                       false);

            // Faults from our server, typed.
            auto bad = pub.async_authenticate(ia::password_auth("demo", "wrong"), ia::use_blocking);
            BOOST_TEST_REQUIRE(!bad.has_value());
            BOOST_TEST((bad.error().kind == v2::fault_kind::unauthorized));
            BOOST_TEST(bad.error().status == 401u);
            BOOST_TEST(!bad.error().message.empty());
            auto nf = adm.async_validate_token("ADMIN", "no-such-token", std::nullopt, ia::use_blocking);
            BOOST_TEST((nf.error().kind == v2::fault_kind::item_not_found));
            auto forbidden = adm.async_validate_token(a->token.id, by_id->token.id, std::nullopt, ia::use_blocking);
            BOOST_TEST(forbidden.error().is_fault());

            // A session on top.
            ia::session s(pub, ia::password_auth("demo", "secretsecret", {.tenant_name = "demo"}));
            BOOST_TEST(s.async_list_tenants(ia::use_blocking).value().items.size() == 1u);
            BOOST_TEST(s.async_endpoint({.service_type = "identity", .interfaces = {v2::interface_type::admin}},
                                        ia::use_blocking)
                           .value() == ps.srv.admin_url() + "/v2.0");
            adm.async_revoke_token("ADMIN", s.current()->token.id, ia::use_blocking).value();
            BOOST_TEST(s.async_list_tenants(ia::use_blocking).has_value());  // 401, new token, retried
            BOOST_TEST(s.authentications() == 2u);
        }
    }
}

// The admin operations against the project's server, in JSON and XML: each answer typed, each
// effect seen by the next call, and the server's faults as typed errors.
BOOST_AUTO_TEST_CASE(project_server_admin_operations) {
    project_server ps;
    constexpr auto b = ia::use_blocking;
    for (auto format : {ia::wire_format::json, ia::wire_format::xml}) {
        const std::string x = format == ia::wire_format::xml ? "x" : "j";
        BOOST_TEST_CONTEXT((format == ia::wire_format::xml ? "xml" : "json")) {
            auto o = fast();
            o.format = format;
            ia::client pub(ps.srv.public_url(), o);
            ia::client adm(ps.srv.admin_url(), o);

            auto t = adm.async_create_tenant("ADMIN", {.name = "acme-" + x, .enabled = true}, b);
            BOOST_TEST_REQUIRE(t.has_value(), t.error().what());
            const std::string tid = t->id.value();
            auto t2 = adm.async_update_tenant("ADMIN", tid, {.description = "Acme"}, b);
            BOOST_TEST_REQUIRE(t2.has_value(), t2.error().what());
            BOOST_TEST(t2->description.value() == "Acme");
            BOOST_TEST((adm.async_create_tenant("ADMIN", {.name = "acme-" + x}, b).error().status == 409u));

            auto u =
                adm.async_create_user("ADMIN",
                                      {.name = "bob-" + x, .enabled = true, .tenant_id = tid, .password = "first-pass"},
                                      b);
            BOOST_TEST_REQUIRE(u.has_value(), u.error().what());
            const std::string uid = u->id.value();
            BOOST_TEST(adm.async_update_user("ADMIN", uid, {.email = "bob@example.com"}, b).value().email ==
                       std::optional<std::string>("bob@example.com"));
            auto listed = adm.async_list_users("ADMIN", b);
            BOOST_TEST_REQUIRE(listed.has_value(), listed.error().what());
            BOOST_TEST(std::count_if(listed->items.begin(), listed->items.end(),
                                     [&](const v2::user& v) { return v.id == uid; }) == 1);

            auto r = adm.async_create_role("ADMIN", {.name = "ops-" + x}, b);
            BOOST_TEST_REQUIRE(r.has_value(), r.error().what());
            const std::string rid = r->id.value();
            BOOST_TEST(adm.async_get_role("ADMIN", rid, b).value().name == r->name);
            BOOST_TEST(adm.async_list_roles("ADMIN", b).value().items.size() >= 5u);
            auto g = adm.async_grant_role("ADMIN", tid, uid, rid, b);
            BOOST_TEST_REQUIRE(g.has_value(), g.error().what());
            BOOST_TEST(adm.async_tenant_users("ADMIN", tid, b).value().items.size() == 1u);
            BOOST_TEST(adm.async_grant_role("ADMIN", std::nullopt, uid, "r-global", b).has_value());

            auto s = adm.async_create_service("ADMIN", {.name = "widgets", .type = "widget-" + x}, b);
            BOOST_TEST_REQUIRE(s.has_value(), s.error().what());
            const std::string sid = s->id.value();
            BOOST_TEST(adm.async_get_service("ADMIN", sid, b).value().type == "widget-" + x);
            BOOST_TEST(!adm.async_list_services("ADMIN", b).value().items.empty());
            v2::endpoint_record e;
            e.region = "RegionOne";
            e.service_id = sid;
            e.public_url = "http://127.0.0.1:9999/" + x;
            auto ep = adm.async_create_endpoint("ADMIN", e, b);
            BOOST_TEST_REQUIRE(ep.has_value(), ep.error().what());
            BOOST_TEST(ep->service_id == sid);
            auto eps = adm.async_list_endpoints("ADMIN", b);
            BOOST_TEST_REQUIRE(eps.has_value(), eps.error().what());
            BOOST_TEST(std::count_if(eps->items.begin(), eps->items.end(),
                                     [&](const v2::endpoint_record& v) { return v.id == ep->id; }) == 1);

            // The new user, with the grant, finds the new endpoint in the token's catalog.
            auto a = pub.async_authenticate(ia::password_auth("bob-" + x, "first-pass", {.tenant_id = tid}), b);
            BOOST_TEST_REQUIRE(a.has_value(), a.error().what());
            BOOST_TEST(v2::find_endpoint(*a, {.service_type = "widget-" + x}).value().url ==
                       "http://127.0.0.1:9999/" + x);

            auto k = adm.async_create_ec2_credential("ADMIN", uid, tid, b);
            BOOST_TEST_REQUIRE(k.has_value(), k.error().what());
            BOOST_TEST(k->tenant_id == std::optional<std::string>(tid));
            BOOST_TEST(adm.async_get_ec2_credential("ADMIN", uid, k->access.value(), b).value().secret == k->secret);
            BOOST_TEST(adm.async_list_ec2_credentials("ADMIN", uid, b).value().items.size() == 1u);
            // A request signed with it (signature version 2) gets the user's token on the tenant.
            v2::ec2_request q;
            q.access = k->access.value();
            q.host = "ec2.example.com:8773";
            q.verb = "GET";
            q.path = "/";
            q.params.emplace();
            q.params->extra.members = {
                {"SignatureVersion", "2"}, {"Action", "DescribeInstances"}, {"AWSAccessKeyId", q.access}};
            q.signature = v2::protocol::ec2::signature(q, k->secret.value()).value();
            auto ea = pub.async_ec2_authenticate(q, b);
            BOOST_TEST_REQUIRE(ea.has_value(), ea.error().what());
            BOOST_TEST(ea->user->id == std::optional<std::string>(uid));
            BOOST_TEST(ea->token.tenant->id == std::optional<std::string>(tid));
            q.signature = "x" + q.signature;
            BOOST_TEST((pub.async_ec2_authenticate(q, b).error().kind == v2::fault_kind::unauthorized));

            // Passwords: the user's own change gives a new token; the admin's; each old one refused.
            auto own = pub.async_change_own_password(a->token.id, uid, "first-pass", "second-pass", b);
            BOOST_TEST_REQUIRE(own.has_value(), own.error().what());
            BOOST_TEST(own->token.id != a->token.id);
            BOOST_TEST((pub.async_authenticate(ia::password_auth("bob-" + x, "first-pass"), b).error().kind ==
                        v2::fault_kind::unauthorized));
            BOOST_TEST(adm.async_set_user_password("ADMIN", uid, "third-pass", b).has_value());
            BOOST_TEST(!pub.async_authenticate(ia::password_auth("bob-" + x, "second-pass"), b).has_value());
            BOOST_TEST(pub.async_authenticate(ia::password_auth("bob-" + x, "third-pass"), b).has_value());
            BOOST_TEST(adm.async_set_user_tenant("ADMIN", uid, "t-demo", b).value().tenant_id ==
                       std::optional<std::string>("t-demo"));
            BOOST_TEST(adm.async_set_user_enabled("ADMIN", uid, false, b).value().enabled ==
                       std::optional<bool>(false));
            BOOST_TEST(!pub.async_authenticate(ia::password_auth("bob-" + x, "third-pass"), b).has_value());

            // A user's token is no admin token.
            auto demo = pub.async_authenticate(ia::password_auth("demo", "secretsecret"), b);
            BOOST_TEST_REQUIRE(demo.has_value(), demo.error().what());
            BOOST_TEST((adm.async_list_users(demo->token.id, b).error().kind == v2::fault_kind::forbidden));

            // Deletes: 204, then 404 for each.
            auto gone = [&](auto&& del) {
                auto first = del();
                BOOST_TEST(first.has_value(), (first ? std::string() : first.error().what()));
                auto again = del();
                BOOST_TEST_REQUIRE(!again.has_value());
                BOOST_TEST((again.error().kind == v2::fault_kind::item_not_found), again.error().what());
            };
            gone([&] { return adm.async_delete_ec2_credential("ADMIN", uid, k->access.value(), b); });
            gone([&] { return adm.async_delete_endpoint("ADMIN", ep->id.value(), b); });
            gone([&] { return adm.async_delete_service("ADMIN", sid, b); });
            gone([&] { return adm.async_revoke_role("ADMIN", tid, uid, rid, b); });
            gone([&] { return adm.async_revoke_role("ADMIN", std::nullopt, uid, "r-global", b); });
            gone([&] { return adm.async_delete_role("ADMIN", rid, b); });
            gone([&] { return adm.async_delete_user("ADMIN", uid, b); });
            gone([&] { return adm.async_delete_tenant("ADMIN", tid, b); });
            BOOST_TEST((adm.async_get_role("ADMIN", rid, b).error().kind == v2::fault_kind::item_not_found));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
