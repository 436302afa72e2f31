#include <boost/test/unit_test.hpp>

#include "asio_server_fixture.hpp"
#include "postgres_fixture.hpp"
#include "support.hpp"

#include <openstack/identity/v2/asio/client.hpp>
#include <openstack/identity/v2/asio/memcache_crypt.hpp>
#include <openstack/identity/v2/asio/middleware.hpp>
#include <openstack/identity/v2/asio/server.hpp>
#include <openstack/identity/v2/asio/token_validator.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>

#include <libmemcached/memcached.h>
#include <pwd.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// The token validator and the middleware (asio/token_validator.hpp, asio/middleware.hpp) against
// the project's identity server on loopback, and a memcached the test starts on a free loopback
// port (as the user nobody when run as root).

BOOST_AUTO_TEST_SUITE(asio_validator_test)

namespace v2 = openstack::identity::v2;
namespace ia = openstack::identity::v2::asio;
namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using namespace std::chrono_literals;

namespace {

// The identity server, counting the token validations it answers (its request log: "admin GET
// /v2.0/tokens/*** 200").
struct identity {
    std::shared_ptr<osi_test::test_backend> backend;
    std::atomic<int> validations{0};
    ia::server srv;

    explicit identity(std::string_view config = osi_test::test_config)
        : backend(osi_test::make_test_backend(config)), srv(backend, options(this)) {
        srv.listen();
        backend->set_listener_urls(srv.public_url(), srv.admin_url());
        srv.start();
    }
    ~identity() {
        srv.stop();
        srv.wait();
    }
    static ia::server_options options(identity* self) {
        ia::server_options o;
        o.public_listener = {"127.0.0.1", 0};
        o.admin_listener = ia::listen_address{"127.0.0.1", 0};
        o.threads = 2;
        o.handle_signals = false;
        o.drain_timeout = 2s;
        o.log = [self](const std::string& line) {
            if (line.starts_with("admin GET /v2.0/tokens/***")) ++self->validations;
        };
        return o;
    }
    std::string admin_url() const { return srv.admin_url() + "/v2.0"; }

    // A token of the user demo (roles Member and anotherrole on tenant demo), or of admin.
    v2::access login(const std::string& user = "demo") const {
        ia::client pub(srv.public_url());
        auto a = user == "demo" ? ia::password_auth("demo", "secretsecret", {.tenant_name = "demo"})
                                : ia::password_auth("admin", "adminsecret", {.tenant_name = "admin"});
        auto r = pub.async_authenticate(a, ia::use_blocking);
        if (!r) throw std::runtime_error(r.error().what());
        return *r;
    }
    void revoke(const std::string& id) const {
        ia::client adm(admin_url());
        auto r = adm.async_revoke_token("ADMIN", id, ia::use_blocking);
        if (!r) throw std::runtime_error(r.error().what());
    }
};

// memcached on a free loopback port, stopped at the end.
struct memcached_server {
    int port = osi_test::free_port();
    pid_t pid = 0;

    memcached_server() {
        const std::string p = std::to_string(port);
        std::vector<std::string> argv{"/usr/bin/memcached", "-l", "127.0.0.1", "-p", p, "-U", "0", "-m", "16"};
        if (::geteuid() == 0) argv.insert(argv.end(), {"-u", "nobody"});
        std::vector<char*> args;
        for (auto& a : argv) args.push_back(a.data());
        args.push_back(nullptr);
        pid = ::fork();
        if (pid < 0) throw std::runtime_error("fork failed");
        if (pid == 0) {
            ::execv(args[0], args.data());
            ::_exit(127);
        }
        // Ready when it answers a version request (at most 5 s).
        const auto end = std::chrono::steady_clock::now() + 5s;
        for (;;) {
            memcached_st* mc = memcached_create(nullptr);
            memcached_server_add(mc, "127.0.0.1", static_cast<in_port_t>(port));
            const bool up = memcached_version(mc) == MEMCACHED_SUCCESS;
            memcached_free(mc);
            if (up) break;
            int status = 0;
            if (::waitpid(pid, &status, WNOHANG) == pid) throw std::runtime_error("memcached exited at start");
            if (std::chrono::steady_clock::now() > end) throw std::runtime_error("memcached not ready within 5 s");
            std::this_thread::sleep_for(20ms);
        }
    }
    ~memcached_server() {
        ::kill(pid, SIGTERM);
        int status = 0;
        ::waitpid(pid, &status, 0);
    }
    std::string address() const { return "127.0.0.1:" + std::to_string(port); }

    // Direct access to the entries, as someone who can reach memcached but lacks the secret.
    std::optional<std::string> get(const std::string& key) const {
        memcached_st* mc = memcached_create(nullptr);
        memcached_server_add(mc, "127.0.0.1", static_cast<in_port_t>(port));
        std::size_t len = 0;
        std::uint32_t flags = 0;
        memcached_return_t rc{};
        char* v = memcached_get(mc, key.data(), key.size(), &len, &flags, &rc);
        std::optional<std::string> out;
        if (v) out.emplace(v, len), std::free(v);
        memcached_free(mc);
        return out;
    }
    void set(const std::string& key, const std::string& value) const {
        memcached_st* mc = memcached_create(nullptr);
        memcached_server_add(mc, "127.0.0.1", static_cast<in_port_t>(port));
        memcached_set(mc, key.data(), key.size(), value.data(), value.size(), 60, 0);
        memcached_free(mc);
    }
};

ia::token_validator_options admin_options(const identity& id) {
    ia::token_validator_options o;
    o.identity_url = id.admin_url();
    o.admin_token = "ADMIN";
    o.client.total_timeout = 3s;
    return o;
}

// What the protected handler saw.
struct seen {
    std::mutex m;
    std::vector<bhttp::fields> requests;
};

using request = bhttp::request<bhttp::string_body>;

request make_request(const std::map<std::string, std::string>& headers) {
    request req{bhttp::verb::get, "/resource", 11};
    for (const auto& [k, v] : headers) req.set(k, v);
    return req;
}

struct protected_service {
    net::thread_pool pool{2};
    std::shared_ptr<seen> log = std::make_shared<seen>();
    ia::token_validator tv;

    explicit protected_service(ia::token_validator_options o) : tv(pool.get_executor(), std::move(o)) {}
    ~protected_service() { pool.join(); }

    ia::http_response call(request req) {
        auto handler = [log = log](request r) {
            std::lock_guard lk(log->m);
            log->requests.push_back(r.base());
            ia::http_response res{bhttp::status::ok, r.version()};
            res.body() = "hello";
            res.prepare_payload();
            return res;
        };
        ia::middleware mw(tv, handler);
        return net::co_spawn(pool, mw(std::move(req)), net::use_future).get();
    }
    ia::validation validate(std::string token, std::optional<std::string> service = std::nullopt) {
        auto r = tv.async_validate(std::move(token), std::move(service), ia::use_blocking);
        BOOST_TEST_REQUIRE(r.has_value());
        return *r;
    }
    bhttp::fields last() {
        std::lock_guard lk(log->m);
        BOOST_TEST_REQUIRE(!log->requests.empty());
        return log->requests.back();
    }
    std::size_t calls() {
        std::lock_guard lk(log->m);
        return log->requests.size();
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(identity_headers_are_set_and_forged_ones_removed) {
    identity id;
    protected_service svc(admin_options(id));
    const auto demo = id.login();
    auto res = svc.call(make_request({{"X-Auth-Token", demo.token.id},
                                      {"X-Identity-Status", "Confirmed"},
                                      {"X-Roles", "admin"},
                                      {"X-Role", "admin"},
                                      {"X-User-Id", "u-admin"},
                                      {"X-Tenant", "admin"},
                                      {"X-Is-Admin-Project", "True"},
                                      {"X-Service-Roles", "service"},
                                      {"X-Service-Identity-Status", "Confirmed"},
                                      {"x-service-whatever", "forged"}}));
    BOOST_TEST(res.result_int() == 200);
    const auto h = svc.last();
    BOOST_TEST(h["X-Identity-Status"] == "Confirmed");
    BOOST_TEST(h["X-User-Id"] == "u-demo");
    BOOST_TEST(h["X-User-Name"] == "demo");
    BOOST_TEST(h["X-Tenant-Id"] == "t-demo");
    BOOST_TEST(h["X-Project-Id"] == "t-demo");
    BOOST_TEST(h["X-Tenant-Name"] == "demo");
    BOOST_TEST(h["X-Project-Name"] == "demo");
    BOOST_TEST(h["X-Tenant"] == "demo");
    BOOST_TEST(h["X-User"] == "demo");
    BOOST_TEST(h["X-Roles"] == "Member,anotherrole");
    BOOST_TEST(h["X-Role"] == "Member,anotherrole");
    BOOST_TEST(h["X-Is-Admin-Project"] == "True");
    const std::string catalog(h["X-Service-Catalog"]);
    BOOST_TEST(catalog.starts_with("[{"));
    BOOST_TEST(catalog.find("\"compute\"") != std::string::npos);
    // No service token was sent: every forged X-Service-* header is gone.
    BOOST_TEST((h.find("X-Service-Roles") == h.end()));
    BOOST_TEST((h.find("X-Service-Identity-Status") == h.end()));
    BOOST_TEST((h.find("x-service-whatever") == h.end()));
    BOOST_TEST(h["X-Auth-Token"] == demo.token.id);
}

BOOST_AUTO_TEST_CASE(no_token_bad_token_malformed_token_get_401) {
    identity id;
    protected_service svc(admin_options(id));
    for (std::string token : {"", "no-such-token", "bad token\x01"}) {
        BOOST_TEST_CONTEXT("token \"" << token << "\"") {
            auto res = svc.call(token.empty() ? make_request({{"X-Roles", "admin"}})
                                              : make_request({{"X-Auth-Token", token}}));
            BOOST_TEST(res.result_int() == 401);
            BOOST_TEST(std::string(res[bhttp::field::www_authenticate]) ==
                       "Keystone uri=\"" + id.srv.admin_url() + "\"");
            BOOST_TEST(res.body().find("\"code\":401") != std::string::npos, res.body());
        }
    }
    BOOST_TEST(svc.calls() == 0u);
    // The malformed one was refused before any request, the unknown one asked once.
    BOOST_TEST(id.validations == 1);
    BOOST_TEST(svc.validate("no-such-token").user.status == ia::token_status::invalid);
    BOOST_TEST(id.validations == 1);  // negative cache
    // XML when the caller asks for it.
    auto res = svc.call(make_request({{"X-Auth-Token", "no-such-token"}, {"Accept", "application/xml"}}));
    BOOST_TEST(res.result_int() == 401);
    BOOST_TEST(res.body().find("code=\"401\"") != std::string::npos, res.body());
}

BOOST_AUTO_TEST_CASE(revoked_token_is_refused_once_the_cache_time_passes) {
    identity id;
    auto o = admin_options(id);
    o.cache_time = 1s;
    protected_service svc(o);
    const auto demo = id.login();
    BOOST_TEST(svc.validate(demo.token.id).user.status == ia::token_status::confirmed);
    id.revoke(demo.token.id);
    auto cached = svc.validate(demo.token.id);
    BOOST_TEST(cached.user.status == ia::token_status::confirmed);
    BOOST_TEST(cached.user.cached);
    std::this_thread::sleep_for(1200ms);
    auto res = svc.call(make_request({{"X-Auth-Token", demo.token.id}}));
    BOOST_TEST(res.result_int() == 401);
    BOOST_TEST(id.validations == 2);
}

BOOST_AUTO_TEST_CASE(expired_token_is_refused_whatever_the_cache_time) {
    std::string config = osi_test::test_config;
    config.replace(config.find("\"token_lifetime\": 3600"), 22, "\"token_lifetime\": 2");
    identity id(config);
    protected_service svc(admin_options(id));  // cache_time 300 s
    const auto demo = id.login();
    BOOST_TEST(svc.validate(demo.token.id).user.status == ia::token_status::confirmed);
    std::this_thread::sleep_for(2100ms);
    auto v = svc.validate(demo.token.id);
    BOOST_TEST(v.user.status == ia::token_status::invalid);
    BOOST_TEST(!v.user.cached);
}

BOOST_AUTO_TEST_CASE(token_without_an_accepted_role_gets_403) {
    identity id;
    auto o = admin_options(id);
    o.accepted_roles = {"admin", "swift*"};
    protected_service svc(o);
    const auto demo = id.login();
    auto res = svc.call(make_request({{"X-Auth-Token", demo.token.id}}));
    BOOST_TEST(res.result_int() == 403);
    BOOST_TEST(svc.calls() == 0u);

    o.accepted_roles = {"admin", "Memb*"};
    protected_service svc2(o);
    BOOST_TEST(svc2.call(make_request({{"X-Auth-Token", demo.token.id}})).result_int() == 200);
}

BOOST_AUTO_TEST_CASE(many_requests_with_one_token_make_one_validation) {
    identity id;
    protected_service svc(admin_options(id));
    const auto demo = id.login();
    for (int i = 0; i < 100; ++i)
        BOOST_TEST_REQUIRE(svc.call(make_request({{"X-Auth-Token", demo.token.id}})).result_int() == 200);
    BOOST_TEST(id.validations == 1);
    BOOST_TEST(svc.tv.stats().identity_requests == 1u);
    BOOST_TEST(svc.tv.stats().local_hits == 99u);
}

BOOST_AUTO_TEST_CASE(concurrent_requests_for_one_token_make_one_validation) {
    identity id;
    protected_service svc(admin_options(id));
    const auto demo = id.login();
    std::vector<std::future<ia::client_result<ia::validation>>> fs;
    for (int i = 0; i < 20; ++i) fs.push_back(svc.tv.async_validate(demo.token.id, std::nullopt, net::use_future));
    for (auto& f : fs) {
        auto r = f.get();
        BOOST_TEST_REQUIRE(r.has_value());
        BOOST_TEST(r->user.status == ia::token_status::confirmed);
    }
    BOOST_TEST(id.validations == 1);
    const auto s = svc.tv.stats();
    BOOST_TEST(s.identity_requests == 1u);
    BOOST_TEST(s.coalesced + s.local_hits == 19u);
}

BOOST_AUTO_TEST_CASE(two_validators_on_one_memcached_share_the_cache) {
    identity id;
    memcached_server mc;
    const auto demo = id.login();
    for (auto strategy :
         {ia::memcache_protection::none, ia::memcache_protection::mac, ia::memcache_protection::encrypt}) {
        BOOST_TEST_CONTEXT("strategy " << static_cast<int>(strategy)) {
            auto o = admin_options(id);
            o.memcached_servers = {mc.address()};
            o.memcache_secret = strategy == ia::memcache_protection::none ? "" : "shared secret";
            o.memcache_strategy = strategy;
            protected_service a(o), b(o);
            const int before = id.validations;
            BOOST_TEST(a.validate(demo.token.id).user.status == ia::token_status::confirmed);
            BOOST_TEST(id.validations == before + (strategy == ia::memcache_protection::none ? 1 : 1));
            auto v = b.validate(demo.token.id);
            BOOST_TEST(v.user.status == ia::token_status::confirmed);
            BOOST_TEST(v.user.cached);
            BOOST_TEST(v.user.access->token.id == demo.token.id);
            BOOST_TEST(b.tv.stats().memcached_hits == 1u);
            BOOST_TEST(b.tv.stats().identity_requests == 0u);
            // The key is never the token id, nor is the token id readable under ENCRYPT.
            BOOST_TEST(!mc.get(demo.token.id).has_value());
            BOOST_TEST(!mc.get("tokens/" + demo.token.id).has_value());
            if (strategy == ia::memcache_protection::encrypt) {
                const auto keys = ia::memcache_crypt::derive(demo.token.id, "shared secret", strategy);
                auto raw = mc.get(ia::memcache_crypt::cache_key(keys));
                BOOST_TEST_REQUIRE(raw.has_value());
                BOOST_TEST(raw->find("u-demo") == std::string::npos);
            }
            // The next strategy starts afresh (its entries have other keys, except none's).
            if (strategy == ia::memcache_protection::none) {
                const auto d = v2::protocol::crypto::sha256(demo.token.id);
                BOOST_TEST(mc.get("tokens/" + v2::protocol::crypto::to_hex(d.data(), d.size())).has_value());
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(tampered_memcached_entry_is_a_miss) {
    identity id;
    memcached_server mc;
    const auto demo = id.login();
    for (auto strategy : {ia::memcache_protection::mac, ia::memcache_protection::encrypt}) {
        BOOST_TEST_CONTEXT("strategy " << static_cast<int>(strategy)) {
            auto o = admin_options(id);
            o.memcached_servers = {mc.address()};
            o.memcache_secret = "shared secret";
            o.memcache_strategy = strategy;
            protected_service a(o);
            BOOST_TEST(a.validate(demo.token.id).user.status == ia::token_status::confirmed);
            const auto key = ia::memcache_crypt::cache_key(ia::memcache_crypt::derive(demo.token.id, "shared secret",
                                                                                      strategy));
            auto raw = mc.get(key);
            BOOST_TEST_REQUIRE(raw.has_value());
            // One character of the body changed (still base64).
            std::string bad = *raw;
            char& c = bad[ia::memcache_crypt::mac_b64_size + 5];
            c = c == 'A' ? 'B' : 'A';
            mc.set(key, bad);
            protected_service b(o);
            const int before = id.validations;
            auto v = b.validate(demo.token.id);
            BOOST_TEST(v.user.status == ia::token_status::confirmed);
            BOOST_TEST(!v.user.cached);
            BOOST_TEST(id.validations == before + 1);
            BOOST_TEST(b.tv.stats().memcached_rejected == 1u);
            // An entry made with another secret, claiming the admin role, is no identity either.
            auto forged = demo;
            forged.user->roles = std::vector<v2::role>{v2::role{.id = "r-admin", .name = "admin"}};
            const auto other = ia::memcache_crypt::derive(demo.token.id, "guessed secret", strategy);
            mc.set(key, ia::memcache_crypt::protect(other, "9999999999\n" + v2::to_json(forged)));
            auto oc = o;
            oc.accepted_roles = {"admin"};
            protected_service c2(oc);
            auto w = c2.validate(demo.token.id);
            BOOST_TEST(w.user.status == ia::token_status::forbidden);
            BOOST_TEST(c2.tv.stats().memcached_rejected == 1u);
        }
    }
}

BOOST_AUTO_TEST_CASE(memcache_crypt_round_trip_and_keys) {
    for (auto strategy : {ia::memcache_protection::mac, ia::memcache_protection::encrypt}) {
        const auto k = ia::memcache_crypt::derive("token", "secret", strategy);
        const auto value = ia::memcache_crypt::protect(k, "some data");
        BOOST_TEST(ia::memcache_crypt::unprotect(k, value).value_or("") == "some data");
        BOOST_TEST(!ia::memcache_crypt::unprotect(ia::memcache_crypt::derive("token", "other", strategy), value));
        BOOST_TEST(!ia::memcache_crypt::unprotect(k, value.substr(0, 10)));
        // MAC signs base64 of the data; ENCRYPT signs base64 of IV || ciphertext.
        const std::string plain = ia::memcache_crypt::base64(reinterpret_cast<const unsigned char*>("some data"), 9);
        BOOST_TEST((value.substr(ia::memcache_crypt::mac_b64_size) == plain) ==
                   (strategy == ia::memcache_protection::mac));
    }
    // The derivation, against HMAC-SHA384(b"secret", b"tokenMAC") computed by Python's hmac.
    const auto k = ia::memcache_crypt::derive("token", "secret", ia::memcache_protection::mac);
    BOOST_TEST(ia::memcache_crypt::cache_key(k) == "tokens/yC4apZW6eWwsziSdyhzD9A==");
}

BOOST_AUTO_TEST_CASE(identity_stopped_gives_503_or_invalid_when_deferred) {
    std::optional<identity> id(std::in_place);
    auto o = admin_options(*id);
    o.client.total_timeout = 2s;
    o.client.retry.max_retries = 0;
    protected_service svc(o);
    auto d = o;
    d.delay_auth_decision = true;
    protected_service deferred(d);
    const auto demo = id->login(), other = id->login();
    BOOST_TEST(svc.call(make_request({{"X-Auth-Token", demo.token.id}})).result_int() == 200);
    id.reset();  // the identity server stops
    // A token it has cached still passes; one it has not gets 503, and the handler never runs.
    BOOST_TEST(svc.call(make_request({{"X-Auth-Token", demo.token.id}})).result_int() == 200);
    auto res = svc.call(make_request({{"X-Auth-Token", other.token.id}}));
    BOOST_TEST(res.result_int() == 503);
    BOOST_TEST(res.body().find("temporarily unavailable") != std::string::npos, res.body());
    BOOST_TEST(svc.calls() == 2u);
    BOOST_TEST(svc.validate(other.token.id).user.status == ia::token_status::unavailable);
    // Deferred: the request goes on, marked Invalid, without the identity the caller claimed.
    res = deferred.call(make_request({{"X-Auth-Token", other.token.id}, {"X-User-Id", "u-admin"}}));
    BOOST_TEST(res.result_int() == 200);
    const auto h = deferred.last();
    BOOST_TEST(h["X-Identity-Status"] == "Invalid");
    BOOST_TEST((h.find("X-User-Id") == h.end()));
}

BOOST_AUTO_TEST_CASE(deferred_mode_passes_invalid_tokens_on) {
    identity id;
    auto o = admin_options(id);
    o.delay_auth_decision = true;
    protected_service svc(o);
    auto res = svc.call(make_request({{"X-Auth-Token", "no-such-token"}, {"X-Roles", "admin"}}));
    BOOST_TEST(res.result_int() == 200);
    auto h = svc.last();
    BOOST_TEST(h["X-Identity-Status"] == "Invalid");
    BOOST_TEST((h.find("X-Roles") == h.end()));
    res = svc.call(make_request({}));
    BOOST_TEST(res.result_int() == 200);
    BOOST_TEST(svc.last()["X-Identity-Status"] == "Invalid");
    const auto demo = id.login();
    res = svc.call(make_request({{"X-Auth-Token", demo.token.id}}));
    BOOST_TEST(svc.last()["X-Identity-Status"] == "Confirmed");
}

BOOST_AUTO_TEST_CASE(public_endpoint_is_a_configuration_error) {
    identity id;
    const auto demo = id.login();
    auto o = admin_options(id);
    o.identity_url = id.srv.public_url() + "/v2.0";
    protected_service svc(o);
    auto v = svc.validate(demo.token.id);
    BOOST_TEST(v.user.status == ia::token_status::misconfigured);
    BOOST_TEST(v.user.reason.find("not the admin API") != std::string::npos, v.user.reason);
    BOOST_TEST(svc.call(make_request({{"X-Auth-Token", demo.token.id}})).result_int() == 500);
    // With a service user's credentials too.
    o.admin_token.clear();
    o.service_credentials = ia::password_auth("admin", "adminsecret", {.tenant_name = "admin"});
    protected_service svc2(o);
    BOOST_TEST(svc2.validate(demo.token.id).user.status == ia::token_status::misconfigured);
    // Credentials that are not an admin's, on the admin API.
    auto n = admin_options(id);
    n.admin_token.clear();
    n.service_credentials = ia::password_auth("demo", "secretsecret", {.tenant_name = "demo"});
    protected_service svc3(n);
    auto w = svc3.validate(demo.token.id);
    BOOST_TEST(w.user.status == ia::token_status::misconfigured, w.user.reason);
}

BOOST_AUTO_TEST_CASE(own_token_revoked_means_one_reauthentication) {
    identity id;
    auto o = admin_options(id);
    o.admin_token.clear();
    o.service_credentials = ia::password_auth("admin", "adminsecret", {.tenant_name = "admin"});
    protected_service svc(o);
    const auto demo = id.login();
    BOOST_TEST(svc.validate(demo.token.id).user.status == ia::token_status::confirmed);
    BOOST_TEST_REQUIRE(svc.tv.session() != nullptr);
    BOOST_TEST(svc.tv.session()->authentications() == 1u);
    id.revoke(svc.tv.session()->current()->token.id);
    const auto other = id.login();
    BOOST_TEST(svc.validate(other.token.id).user.status == ia::token_status::confirmed);
    BOOST_TEST(svc.tv.session()->authentications() == 2u);
}

BOOST_AUTO_TEST_CASE(service_tokens_need_a_service_role) {
    identity id;
    const auto demo = id.login();
    const auto admin = id.login("admin");
    protected_service svc(admin_options(id));  // service_token_roles: service
    auto res = svc.call(make_request({{"X-Auth-Token", demo.token.id}, {"X-Service-Token", demo.token.id}}));
    BOOST_TEST(res.result_int() == 401);
    auto o = admin_options(id);
    o.service_token_roles = {"admin"};
    protected_service svc2(o);
    res = svc2.call(make_request({{"X-Auth-Token", demo.token.id}, {"X-Service-Token", admin.token.id}}));
    BOOST_TEST(res.result_int() == 200);
    const auto h = svc2.last();
    BOOST_TEST(h["X-Identity-Status"] == "Confirmed");
    BOOST_TEST(h["X-Service-Identity-Status"] == "Confirmed");
    BOOST_TEST(h["X-Service-User-Id"] == "u-admin");
    BOOST_TEST(h["X-Service-Roles"] == "admin");
    BOOST_TEST(h["X-Service-Token"] == admin.token.id);
    // An invalid service token: 401 even with a good user token; deferred, marked Invalid.
    res = svc2.call(make_request({{"X-Auth-Token", demo.token.id}, {"X-Service-Token", "no-such-token"}}));
    BOOST_TEST(res.result_int() == 401);
}

BOOST_AUTO_TEST_CASE(bad_options_are_refused) {
    net::thread_pool pool{1};
    ia::token_validator_options o;
    BOOST_CHECK_THROW(ia::token_validator(pool.get_executor(), o), std::invalid_argument);
    o.identity_url = "http://127.0.0.1:1/v2.0";
    BOOST_CHECK_THROW(ia::token_validator(pool.get_executor(), o), std::invalid_argument);
    o.admin_token = "ADMIN";
    o.memcache_strategy = ia::memcache_protection::mac;
    BOOST_CHECK_THROW(ia::token_validator(pool.get_executor(), o), std::invalid_argument);
    o.memcache_secret = "s";
    o.memcached_servers = {"127.0.0.1:notaport"};
    BOOST_CHECK_THROW(ia::token_validator(pool.get_executor(), o), std::invalid_argument);
    pool.join();
}

BOOST_AUTO_TEST_SUITE_END()
