#include <boost/test/unit_test.hpp>

#include "canned_server.hpp"
#include "documents.hpp"
#include "support.hpp"

#include <openstack/identity/v2/asio/session.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

BOOST_AUTO_TEST_SUITE(asio_session_test)

namespace v2 = openstack::identity::v2;
namespace ia = openstack::identity::v2::asio;
namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using osi_test::canned_request;
using osi_test::canned_response;
using osi_test::canned_server;
using osi_test::reply;
using namespace std::chrono_literals;

namespace {

// A token issuer: tokens "tok-1", "tok-2", ... living `lifetime`; GET /v2.0/tenants and the
// token calls (GET and HEAD /v2.0/tokens/{id}, GET /v2.0/tokens/{id}/endpoints on the tokens it
// issued) accept the tokens not revoked; POST /v2.0/tokens takes `auth_delay`.
struct issuer {
    std::chrono::milliseconds lifetime{3600s};
    std::chrono::milliseconds auth_delay{0};
    std::mutex m;
    int next = 0;
    std::set<std::string> valid;
    std::vector<std::string> auth_bodies;

    canned_response operator()(const canned_request& req) {
        if (req.method() == bhttp::verb::post && req.target() == "/v2.0/tokens") {
            std::this_thread::sleep_for(auth_delay);
            std::lock_guard lk(m);
            auth_bodies.push_back(req.body());
            auto a = v2::from_json<v2::access>(osi_test::data_file("seed_access.json"));
            a.token.id = "tok-" + std::to_string(++next);
            a.token.issued_at = v2::timestamp::now();
            a.token.expires = v2::timestamp{
                a.token.issued_at->time() + std::chrono::duration_cast<std::chrono::microseconds>(lifetime), 6};
            valid.insert(a.token.id);
            return reply(200, v2::to_json(a));
        }
        std::lock_guard lk(m);
        if (!valid.count(std::string(req["X-Auth-Token"])))
            return reply(
                401,
                R"({"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}})");
        const std::string t(req.target());
        if (t == "/v2.0/tenants")
            return reply(200, R"({"tenants": [{"id": "t1", "name": "demo", "enabled": true}], "tenants_links": []})");
        if (t.starts_with("/v2.0/tokens/")) {
            std::string id = t.substr(13);
            const bool endpoints = id.ends_with("/endpoints");
            if (endpoints) id.resize(id.size() - 10);
            if (id.starts_with("tok-") && std::stoi(id.substr(4)) <= next) {
                if (endpoints) return reply(200, osi_test::document_json("samples/endpoints"));
                auto a = v2::from_json<v2::access>(osi_test::data_file("seed_access.json"));
                a.token.id = id;
                return reply(200, v2::to_json(a));
            }
        }
        return reply(404, R"({"error": {"code": 404, "title": "Not Found", "message": "nope"}})");
    }
    void revoke_all() {
        std::lock_guard lk(m);
        valid.clear();
    }
};

ia::client_options fast() {
    ia::client_options o;
    o.retry.initial_backoff = 5ms;
    o.connect_timeout = 2s;
    o.request_timeout = 5s;
    return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(renews_before_expiry) {
    issuer is;
    is.lifetime = 2000ms;
    canned_server srv([&](const canned_request& r) { return is(r); });
    // Default window 120 s, clamped to half the 2 s lifetime: renewed about 1 s after issue.
    ia::session s(ia::client(srv.url(), fast()), ia::password_auth("demo", "secretsecret", {.tenant_name = "demo"}));
    BOOST_TEST(s.current() == nullptr);
    BOOST_TEST(s.async_token(ia::use_blocking).value() == "tok-1");
    BOOST_TEST(s.async_token(ia::use_blocking).value() == "tok-1");
    BOOST_TEST(s.async_list_tenants(ia::use_blocking).value().items.size() == 1u);
    BOOST_TEST(s.authentications() == 1u);
    std::this_thread::sleep_for(1100ms);
    BOOST_TEST(s.async_token(ia::use_blocking).value() == "tok-2");
    BOOST_TEST(s.authentications() == 2u);

    // Re-authentication sent the password again, never a token.
    std::lock_guard lk(is.m);
    BOOST_TEST_REQUIRE(is.auth_bodies.size() == 2u);
    for (const auto& b : is.auth_bodies) {
        auto a = v2::from_json<v2::auth>(b);
        BOOST_TEST(a.password_credentials.has_value());
        BOOST_TEST(!a.token.has_value());
        BOOST_TEST(a.tenant_name.value() == "demo");
    }
}

BOOST_AUTO_TEST_CASE(configurable_window) {
    issuer is;
    is.lifetime = 10s;
    canned_server srv([&](const canned_request& r) { return is(r); });
    ia::session s(ia::client(srv.url(), fast()), ia::password_auth("demo", "x"), {.refresh_before = 1s});
    BOOST_TEST(s.async_token(ia::use_blocking).value() == "tok-1");
    BOOST_TEST(s.async_token(ia::use_blocking).value() == "tok-1");  // 10 s left, window 1 s: kept
    BOOST_TEST(s.authentications() == 1u);
    s.invalidate();
    BOOST_TEST(s.async_token(ia::use_blocking).value() == "tok-2");
}

BOOST_AUTO_TEST_CASE(reauthenticates_once_after_401) {
    issuer is;
    canned_server srv([&](const canned_request& r) { return is(r); });
    ia::session s(ia::client(srv.url(), fast()), ia::password_auth("demo", "secretsecret"));
    BOOST_TEST(s.async_list_tenants(ia::use_blocking).has_value());
    is.revoke_all();  // tok-1 now gets 401
    auto t = s.async_list_tenants(ia::use_blocking);
    BOOST_TEST_REQUIRE(t.has_value(), t.error().what());
    BOOST_TEST(s.current()->token.id == "tok-2");
    BOOST_TEST(srv.count(bhttp::verb::get, "/v2.0/tenants") == 3u);
    {
        std::lock_guard lk(is.m);
        BOOST_TEST(is.auth_bodies.back().find("tok-1") == std::string::npos);
        BOOST_TEST(v2::from_json<v2::auth>(is.auth_bodies.back()).password_credentials.has_value());
    }

    // A server that keeps saying 401: one retry, then the fault.
    canned_server no([](const canned_request& r) -> canned_response {
        if (r.method() == bhttp::verb::post) return reply(200, osi_test::data_file("seed_access.json"));
        return reply(401, R"({"error": {"code": 401, "title": "Unauthorized", "message": "no"}})");
    });
    ia::session s2(ia::client(no.url(), fast()), ia::password_auth("demo", "x"));
    auto f = s2.async_list_tenants(ia::use_blocking);
    BOOST_TEST((f.error().kind == v2::fault_kind::unauthorized));
    BOOST_TEST(no.count(bhttp::verb::get) == 2u);
    BOOST_TEST(no.count(bhttp::verb::post) == 2u);  // the seed's token is long expired: each get renews

    // Bad credentials: the authentication's own 401 is the answer, no loop.
    canned_server deny([](const canned_request&) {
        return reply(401, R"({"error": {"code": 401, "title": "Unauthorized", "message": "bad credentials"}})");
    });
    ia::session s3(ia::client(deny.url(), fast()), ia::password_auth("demo", "wrong"));
    BOOST_TEST(s3.async_list_tenants(ia::use_blocking).error().message == "bad credentials");
    BOOST_TEST(deny.count(bhttp::verb::post) == 1u);
}

BOOST_AUTO_TEST_CASE(concurrent_callers_share_one_authentication) {
    issuer is;
    is.auth_delay = 150ms;
    canned_server srv([&](const canned_request& r) { return is(r); });
    net::thread_pool pool(4);
    ia::session s(ia::client(pool.get_executor(), srv.url(), fast()), ia::password_auth("demo", "x"));

    // Threads with blocking calls, and async callers on a pool, all at once.
    std::vector<std::future<ia::client_result<std::string>>> futures;
    for (int i = 0; i < 6; ++i) futures.push_back(s.async_token(net::use_future));
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&] {
            if (s.async_token(ia::use_blocking).value() == "tok-1" &&
                s.async_list_tenants(ia::use_blocking).has_value())
                ++ok;
        });
    for (auto& t : threads) t.join();
    for (auto& f : futures) BOOST_TEST(f.get().value() == "tok-1");
    BOOST_TEST(ok == 4);
    BOOST_TEST(s.authentications() == 1u);
    BOOST_TEST(srv.count(bhttp::verb::post, "/v2.0/tokens") == 1u);

    // After a 401 seen by many: still a single new token.
    is.revoke_all();
    std::vector<std::future<ia::client_result<v2::tenants>>> lists;
    for (int i = 0; i < 6; ++i) lists.push_back(s.async_list_tenants(net::use_future));
    for (auto& f : lists) BOOST_TEST(f.get().has_value());
    BOOST_TEST(srv.count(bhttp::verb::post, "/v2.0/tokens") == 2u);
    pool.join();
}

BOOST_AUTO_TEST_CASE(endpoint_lookup_and_coroutines) {
    issuer is;
    canned_server srv([&](const canned_request& r) { return is(r); });
    net::io_context ioc;
    ia::session s(ia::client(ioc.get_executor(), srv.url(), fast()), ia::password_auth("demo", "x"));
    std::optional<ia::client_result<std::string>> url, bad;
    // (filters built outside the coroutine: GCC 12 miscompiles string literals in co_await operands)
    const v2::endpoint_filter compute{.service_type = "compute", .interfaces = {v2::interface_type::internal}};
    const v2::endpoint_filter nope{.service_type = "nope"};
    net::co_spawn(
        ioc,
        [&]() -> net::awaitable<void> {
            url = co_await s.async_endpoint(compute, net::use_awaitable);
            bad = co_await s.async_endpoint(nope, net::use_awaitable);
        },
        net::detached);
    ioc.run();
    BOOST_TEST(url->value() == "http://23.253.72.207:8774/v2/fc394f2ab2df4114bde39905f800dc57");
    BOOST_TEST((bad->error().code == v2::catalog_errc::no_service));
    BOOST_TEST(s.authentications() == 1u);
}

BOOST_AUTO_TEST_CASE(token_calls_with_the_session_token) {
    issuer is;
    canned_server srv([&](const canned_request& r) { return is(r); });
    ia::session s(ia::client(srv.url(), fast()), ia::password_auth("demo", "x"));
    auto a = s.async_access(ia::use_blocking);
    BOOST_TEST_REQUIRE(a.has_value(), a.error().what());
    BOOST_TEST((*a)->token.id == "tok-1");
    BOOST_TEST(s.async_validate_token("tok-1", std::nullopt, ia::use_blocking).value().token.id == "tok-1");
    BOOST_TEST(s.async_check_token("tok-1", std::nullopt, ia::use_blocking).value() == true);
    BOOST_TEST(s.async_check_token("tok-99", std::nullopt, ia::use_blocking).value() == false);
    BOOST_TEST(s.async_token_endpoints("tok-1", ia::use_blocking).value().items.size() == 1u);
    BOOST_TEST(srv.requests().back().auth_token == "tok-1");

    // Any route through async_with_token: the session's token, and one retry after a 401.
    is.revoke_all();
    auto t = s.async_with_token<v2::tenants>(
        [](const ia::client& c, std::string token) {
            return c.async_request<v2::tenants>(c.make(bhttp::verb::get, "tenants", std::move(token)),
                                                net::use_awaitable);
        },
        ia::use_blocking);
    BOOST_TEST_REQUIRE(t.has_value(), t.error().what());
    BOOST_TEST(t->items.at(0).name.value() == "demo");
    BOOST_TEST(s.authentications() == 2u);
    BOOST_TEST(srv.requests().back().auth_token == "tok-2");
}

// An exception that escapes an operation completes it with client_errc::internal, whatever the
// token: the blocking runner, use_awaitable (awaited in place) and use_future (co_spawned).
BOOST_AUTO_TEST_CASE(exceptions_become_internal_errors) {
    issuer is;
    canned_server srv([&](const canned_request& r) { return is(r); });
    net::io_context ioc;
    ia::session s(ia::client(ioc.get_executor(), srv.url(), fast()), ia::password_auth("demo", "x"));
    const auto boom = [](const ia::client&, std::string) -> net::awaitable<ia::client_result<v2::tenants>> {
        throw std::runtime_error("boom");
    };
    auto check = [](const ia::client_result<v2::tenants>& r) {
        BOOST_TEST_REQUIRE(!r.has_value());
        BOOST_TEST((r.error().code == ia::client_errc::internal));
        BOOST_TEST(r.error().message == "boom");
    };
    // Before anyone runs `ioc`: the session's client calls run in place, never on the client's executor.
    check(s.async_with_token<v2::tenants>(boom, ia::use_blocking));
    std::optional<ia::client_result<v2::tenants>> awaited;
    net::co_spawn(
        ioc,
        [&]() -> net::awaitable<void> { awaited = co_await s.async_with_token<v2::tenants>(boom, net::use_awaitable); },
        net::detached);
    auto fut = s.async_with_token<v2::tenants>(boom, net::use_future);
    ioc.run();
    check(awaited.value());
    check(fut.get());
}

BOOST_AUTO_TEST_SUITE_END()
