// Several servers, one database and one Fernet key repository: what a deployment behind a load
// balancer relies on (docs/server.md). Each server is an asio::server in this process with its
// own pool, sql_store, fernet_provider and standard_backend, as identity-server --store builds
// them; they meet only in the database (PostgreSQL started by the test, tests/postgres_fixture.hpp,
// or a SQLite file) and the key files. Requests go over HTTP on loopback.

#include "asio_server_fixture.hpp"
#include "postgres_fixture.hpp"
#include "support.hpp"

#include <openstack/identity/v2/asio/server.hpp>
#include <openstack/identity/v2/protocol/fernet.hpp>
#include <openstack/identity/v2/protocol/memory_backend.hpp>
#include <openstack/identity/v2/protocol/sql_store.hpp>
#include <openstack/identity/v2/protocol/standard_backend.hpp>
#include <openstack/identity/v2/protocol/token_provider.hpp>

#include <boost/asio/connect.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <sys/time.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

BOOST_AUTO_TEST_SUITE(asio_shared_store_test)

namespace ia = openstack::identity::v2::asio;
namespace proto = openstack::identity::v2::protocol;
namespace fernet = openstack::identity::v2::protocol::fernet;
namespace sql = openstack::identity::v2::protocol::sql;
namespace net = boost::asio;
namespace bhttp = boost::beast::http;
namespace fs = std::filesystem;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

proto::memory_config config() { return proto::parse_memory_config(osi_test::test_config).value(); }

// One request on a connection of its own; a 5 s receive timeout fails a stuck server's test.
bhttp::response<bhttp::string_body> call(const tcp::endpoint& ep, bhttp::verb v, const std::string& target,
                                         const std::string& body = {}, const std::string& token = {}) {
    net::io_context ioc;
    tcp::socket sock{ioc};
    sock.connect(ep);
    timeval tv{5, 0};
    ::setsockopt(sock.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    bhttp::request<bhttp::string_body> req{v, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    if (!token.empty()) req.set("X-Auth-Token", token);
    if (!body.empty()) {
        req.set(bhttp::field::content_type, "application/json");
        req.body() = body;
    }
    req.prepare_payload();
    bhttp::write(sock, req);
    boost::beast::flat_buffer buf;
    bhttp::response_parser<bhttp::string_body> p;
    p.body_limit(1 << 24);
    bhttp::read(sock, buf, p);
    return p.release();
}

std::string token_of(const bhttp::response<bhttp::string_body>& r) {
    BOOST_TEST_REQUIRE(r.result_int() == 200u, r.body());
    return std::string(boost::json::parse(r.body()).at_pointer("/access/token/id").as_string());
}

// A database at the latest schema, bootstrapped from the test configuration.
void prepare(const std::string& url) {
    auto p = sql::pool::open(url, {.size = 1});
    BOOST_TEST_REQUIRE(p.has_value(), p.error().what());
    auto v = sql::db_sync(**p);
    BOOST_TEST_REQUIRE(v.has_value(), v.error().what());
    auto s = proto::sql_store::open(std::move(*p));
    BOOST_TEST_REQUIRE(s.has_value(), s.error().what());
    auto loaded = (*s)->bootstrap(config());
    BOOST_TEST_REQUIRE(loaded.has_value(), loaded.error().what());
    BOOST_TEST_REQUIRE(*loaded);
}

// One server over the database at `url`: Fernet tokens from the repository `keys` when given,
// UUID tokens in the database otherwise.
struct node {
    std::shared_ptr<proto::standard_backend> backend;
    ia::server srv;

    static std::shared_ptr<proto::standard_backend> make(const std::string& url, const fs::path* keys) {
        auto p = sql::pool::open(url, {.size = 2});
        BOOST_TEST_REQUIRE(p.has_value(), p.error().what());
        auto s = proto::sql_store::open(std::move(*p));
        BOOST_TEST_REQUIRE(s.has_value(), s.error().what());
        std::shared_ptr<proto::sql_store> store = std::move(*s);
        std::shared_ptr<proto::token_provider> provider;
        if (keys) {
            // The repository is read again within 100 ms of a change.
            auto k = proto::fernet_provider::open(*keys, 100ms);
            BOOST_TEST_REQUIRE(k.has_value(), k.error().what());
            provider = std::move(*k);
        } else {
            provider = std::make_shared<proto::uuid_provider>(store);
        }
        const auto cfg = config();
        auto o = proto::memory_backend_options(cfg);
        // Another server's revocation is seen within this.
        o.revocation_refresh = 200ms;
        return std::make_shared<proto::standard_backend>(store, provider, o);
    }

    static ia::server_options options() {
        ia::server_options o;
        o.public_listener = {"127.0.0.1", 0};
        o.admin_listener = ia::listen_address{"127.0.0.1", 0};
        o.threads = 1;
        // SQL calls block: off the I/O thread, as identity-server does.
        o.backend_threads = 2;
        o.handle_signals = false;
        o.drain_timeout = 5s;
        return o;
    }

    node(const std::string& url, const fs::path* keys) : backend(make(url, keys)), srv(backend, options()) {
        srv.listen();
        backend->set_listener_urls(srv.public_url(), srv.admin_url());
        srv.start();
    }

    std::string issue() {
        return token_of(call(srv.public_endpoint(), bhttp::verb::post, "/v2.0/tokens", osi_test::demo_auth_json));
    }
    unsigned validate(const std::string& t) {
        return call(srv.admin_endpoint(), bhttp::verb::get, "/v2.0/tokens/" + t, {}, "ADMIN").result_int();
    }
    unsigned revoke(const std::string& t) {
        return call(srv.admin_endpoint(), bhttp::verb::delete_, "/v2.0/tokens/" + t, {}, "ADMIN").result_int();
    }
};

// The status `n` answers for `t` once it is `want`, polling for at most 5 s.
unsigned settles(node& n, const std::string& t, unsigned want) {
    unsigned got = 0;
    for (int i = 0; i < 50 && (got = n.validate(t)) != want; ++i) std::this_thread::sleep_for(100ms);
    return got;
}

// True when `token` opens with the repository's primary key alone: it was minted with it.
bool minted_by_primary(const fs::path& keys, const std::string& token) {
    auto k = fernet::load_keys(keys);
    BOOST_TEST_REQUIRE(k.has_value(), k.error().what());
    return fernet::decrypt(std::span<const fernet::key>(k->data(), 1), token).has_value();
}

void two_servers(const std::string& url) {
    prepare(url);
    osi_test::temp_dir dir;
    const fs::path keys = dir.path / "keys";
    BOOST_TEST_REQUIRE(fernet::setup(keys).has_value());

    auto a = std::make_unique<node>(url, &keys);
    node b(url, &keys);
    const std::string t1 = a->issue();
    BOOST_TEST(b.validate(t1) == 200u);
    BOOST_TEST(b.revoke(t1) == 204u);
    BOOST_TEST(settles(*a, t1, 404u) == 404u);

    // A server replaced over the same database and keys reads the tokens issued before.
    const std::string t2 = a->issue();
    BOOST_TEST(b.validate(t2) == 200u);
    a.reset();
    a = std::make_unique<node>(url, &keys);
    BOOST_TEST(a->validate(t2) == 200u);
    BOOST_TEST(a->validate(t1) == 404u);

    // Rotation, the servers running: the old primary is now a secondary, so tokens minted with it
    // still validate, and new ones are minted with the new primary (within the servers' 100 ms
    // refresh). The new primary was the staged key 0, which read tokens already: why Keystone
    // stages a key before it mints with it.
    BOOST_TEST_REQUIRE(minted_by_primary(keys, t2));
    BOOST_TEST_REQUIRE(fernet::rotate(keys).has_value());
    BOOST_TEST(!minted_by_primary(keys, t2));
    std::this_thread::sleep_for(150ms);
    const std::string t3 = b.issue();
    BOOST_TEST(minted_by_primary(keys, t3));
    BOOST_TEST(a->validate(t2) == 200u);
    BOOST_TEST(a->validate(t3) == 200u);
    BOOST_TEST(b.validate(t2) == 200u);

    // One rotation more purges t2's key (3 active keys: the staged one, the primary and one
    // secondary): t2 is refused everywhere once the servers have read the repository again;
    // t3's key is the secondary.
    BOOST_TEST_REQUIRE(fernet::rotate(keys, 3).has_value());
    BOOST_TEST(settles(*a, t2, 404u) == 404u);
    BOOST_TEST(settles(b, t2, 404u) == 404u);
    BOOST_TEST(a->validate(t3) == 200u);
    BOOST_TEST(minted_by_primary(keys, a->issue()));
}

BOOST_AUTO_TEST_CASE(two_servers_on_postgresql) { two_servers(osi_test::postgres().fresh_schema()); }

BOOST_AUTO_TEST_CASE(two_servers_on_one_sqlite_file) {
    osi_test::temp_dir dir;
    two_servers("sqlite:" + (dir.path / "identity.db").string());
}

// The same requests to a memory_backend server and to a standard_backend over sql_store (SQLite,
// UUID tokens) get the same answers: status, user, tenant, roles, tenant list (not the catalog:
// its identity endpoints name each server's own listener).
BOOST_AUTO_TEST_CASE(sql_store_answers_as_the_memory_store) {
    osi_test::temp_dir dir;
    const std::string url = "sqlite:" + (dir.path / "identity.db").string();
    prepare(url);
    node on_sql(url, nullptr);
    auto memory = std::make_shared<osi_test::test_backend>(config(), false);
    ia::server on_memory(memory, node::options());
    on_memory.listen();
    memory->set_listener_urls(on_memory.public_url(), on_memory.admin_url());
    on_memory.start();

    struct endpoints {
        tcp::endpoint pub, adm;
    };
    // What a scenario saw, tokens left out (they differ by design).
    auto scenario = [](endpoints e) {
        std::vector<std::string> seen;
        auto note = [&](const bhttp::response<bhttp::string_body>& r, std::initializer_list<const char*> members) {
            seen.push_back(std::to_string(r.result_int()));
            if (r.result_int() != 200u) return;
            const auto doc = boost::json::parse(r.body());
            for (const char* m : members) {
                boost::system::error_code ec;
                const auto* v = doc.find_pointer(m, ec);
                seen.push_back(std::string(m) + "=" + (v ? boost::json::serialize(*v) : "-"));
            }
        };
        const auto scoped = call(e.pub, bhttp::verb::post, "/v2.0/tokens", osi_test::demo_auth_json);
        note(scoped, {"/access/token/tenant", "/access/user/id", "/access/user/roles", "/access/metadata/roles"});
        const auto unscoped = call(e.pub, bhttp::verb::post, "/v2.0/tokens",
                                   R"({"auth":{"passwordCredentials":{"username":"demo","password":"secretsecret"}}})");
        note(unscoped, {"/access/token/tenant", "/access/user/id"});
        const std::string u = token_of(unscoped);
        note(call(e.pub, bhttp::verb::get, "/v2.0/tenants", {}, u), {"/tenants"});
        const auto rescoped = call(e.pub, bhttp::verb::post, "/v2.0/tokens",
                                   R"({"auth":{"tenantName":"demo","token":{"id":")" + u + R"("}}})");
        note(rescoped, {"/access/token/tenant", "/access/user/roles"});
        const std::string t = token_of(rescoped);
        note(call(e.adm, bhttp::verb::get, "/v2.0/tokens/" + t + "?belongsTo=t-demo", {}, "ADMIN"),
             {"/access/token/tenant", "/access/user"});
        note(call(e.adm, bhttp::verb::get, "/v2.0/tokens/" + t + "?belongsTo=t-admin", {}, "ADMIN"), {});
        note(call(e.pub, bhttp::verb::post, "/v2.0/tokens",
                  R"({"auth":{"passwordCredentials":{"username":"demo","password":"wrong"}}})"),
             {});
        note(call(e.adm, bhttp::verb::delete_, "/v2.0/tokens/" + t, {}, "ADMIN"), {});
        note(call(e.adm, bhttp::verb::get, "/v2.0/tokens/" + t, {}, "ADMIN"), {});
        note(call(e.pub, bhttp::verb::get, "/v2.0/tenants", {}, t), {});
        return seen;
    };
    const auto want = scenario({on_memory.public_endpoint(), on_memory.admin_endpoint()});
    const auto got = scenario({on_sql.srv.public_endpoint(), on_sql.srv.admin_endpoint()});
    BOOST_TEST(got == want, boost::test_tools::per_element());
    // The scenario did what it says: five answers of 200, 404 for the token of another tenant
    // (belongsTo), the wrong password 401, the revocation 204, the revoked token 404 to validate
    // and 401 to use.
    std::vector<std::string> statuses;
    for (const auto& s : want)
        if (s.find('=') == std::string::npos) statuses.push_back(s);
    const std::vector<std::string> expected{"200", "200", "200", "200", "200", "404", "401", "204", "404", "401"};
    BOOST_TEST(statuses == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
