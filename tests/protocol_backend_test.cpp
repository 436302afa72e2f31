#include <boost/test/unit_test.hpp>

// The standard backend (protocol/standard_backend.hpp) over the memory store with Fernet tokens:
// the handler's key scenarios, and revocation, which every instance sharing a store sees through
// the store's events, Fernet tokens or UUID.

#include "asio_server_fixture.hpp"
#include "support.hpp"

#include <openstack/identity/v2/protocol/fernet.hpp>
#include <openstack/identity/v2/protocol/memory_store.hpp>
#include <openstack/identity/v2/protocol/request_handler.hpp>
#include <openstack/identity/v2/protocol/standard_backend.hpp>
#include <openstack/identity/v2/protocol/token_provider.hpp>

#include <boost/json.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

BOOST_AUTO_TEST_SUITE(protocol_backend_test)

namespace v2 = openstack::identity::v2;
namespace proto = openstack::identity::v2::protocol;
namespace fernet = openstack::identity::v2::protocol::fernet;
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

using clock_ptr = std::shared_ptr<proto::time_point>;

std::shared_ptr<proto::memory_store> make_store(std::size_t max_revocations =
                                                    proto::memory_store::default_max_revocations) {
    return std::make_shared<proto::memory_store>(proto::parse_memory_config(osi_test::test_config).value(),
                                                 max_revocations);
}

// The fixture's options, on a clock the test moves, events fetched on every read unless told.
proto::backend_options options(const clock_ptr& now, std::chrono::milliseconds refresh = 0ms,
                               std::size_t document_cache = 1024) {
    auto o = proto::memory_backend_options(proto::parse_memory_config(osi_test::test_config).value());
    o.revocation_refresh = refresh;
    o.document_cache = document_cache;
    o.clock = [now] { return *now; };
    return o;
}

std::shared_ptr<proto::standard_backend> make_backend(std::shared_ptr<proto::store> store,
                                                      std::shared_ptr<proto::token_provider> provider,
                                                      proto::backend_options o) {
    auto b = std::make_shared<proto::standard_backend>(std::move(store), std::move(provider), std::move(o));
    b->set_listener_urls("http://127.0.0.1:5000", "http://127.0.0.1:35357");
    return b;
}

std::shared_ptr<proto::fernet_provider> fernet_with(const fernet::key& k) {
    return std::make_shared<proto::fernet_provider>(fernet::provider({k}));
}

proto::request_handler handler(std::shared_ptr<proto::backend> b, proto::listener_kind side) {
    proto::request_handler_options o;
    o.side = side;
    o.base_url = side == proto::listener_kind::public_api ? "http://127.0.0.1:5000" : "http://127.0.0.1:35357";
    o.public_url = "http://127.0.0.1:5000";
    return proto::request_handler(std::move(b), o);
}

proto::response call(const proto::request_handler& h, bhttp::verb v, const std::string& target, std::string body = {},
                     std::string_view token = {}) {
    proto::request req{v, target, 11};
    if (!token.empty()) req.set("X-Auth-Token", token);
    if (v == bhttp::verb::post) {
        req.set(bhttp::field::content_type, "application/json");
        req.body() = std::move(body);
        req.prepare_payload();
    }
    return h.handle(req);
}

std::string rescope_body(const std::string& token, std::string_view tenant = "demo") {
    return R"({"auth":{"tenantName":")" + std::string(tenant) + R"(","token":{"id":")" + token + R"("}}})";
}

}  // namespace

// A server instance: a backend and its two listeners' handlers.
struct instance {
    std::shared_ptr<proto::standard_backend> backend;
    proto::request_handler pub = handler(backend, proto::listener_kind::public_api);
    proto::request_handler adm = handler(backend, proto::listener_kind::admin_api);

    v2::access authenticate(const std::string& body = osi_test::demo_auth_json) {
        auto r = call(pub, bhttp::verb::post, "/v2.0/tokens", body);
        BOOST_TEST_REQUIRE(r.result_int() == 200u, r.body());
        return v2::from_json<v2::access>(r.body());
    }
    unsigned validate(const std::string& token) {
        return call(adm, bhttp::verb::get, "/v2.0/tokens/" + token, {}, "ADMIN").result_int();
    }
    unsigned revoke(const std::string& token) {
        return call(adm, bhttp::verb::delete_, "/v2.0/tokens/" + token, {}, "ADMIN").result_int();
    }
};

// Two instances over one store, with the same Fernet keys, on one clock.
struct fernet_pair {
    clock_ptr now = std::make_shared<proto::time_point>(std::chrono::system_clock::now());
    std::shared_ptr<proto::memory_store> store = make_store();
    fernet::key key = fernet::key::generate();
    instance one{make_backend(store, fernet_with(key), options(now))};
    instance two{make_backend(store, fernet_with(key), options(now))};
};

BOOST_FIXTURE_TEST_SUITE(fernet_tokens, fernet_pair)

BOOST_AUTO_TEST_CASE(issue_validate_and_use) {
    const auto a = one.authenticate();
    const std::string& t = a.token.id;
    // A Fernet token: base64url, far longer than a UUID, and nothing kept in the store.
    BOOST_TEST(t.size() > 100u);
    BOOST_TEST(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
               std::string::npos);
    BOOST_TEST(store->memory_usage().tokens == 0u);
    BOOST_TEST(a.token.tenant->id == "t-demo");
    BOOST_TEST(a.token.audit_ids->size() == 1u);
    BOOST_TEST(a.service_catalog->size() == 2u);
    // Either instance reads it, to the same document.
    for (instance* s : {&one, &two}) {
        auto r = call(s->adm, bhttp::verb::get, "/v2.0/tokens/" + t, {}, "ADMIN");
        BOOST_TEST_REQUIRE(r.result_int() == 200u);
        BOOST_TEST((v2::from_json<v2::access>(r.body()) == a));
        BOOST_TEST(call(s->adm, bhttp::verb::head, "/v2.0/tokens/" + t, {}, "ADMIN").result_int() == 200u);
        auto e = call(s->adm, bhttp::verb::get, "/v2.0/tokens/" + t + "/endpoints", {}, "ADMIN");
        BOOST_TEST(v2::from_json<v2::endpoints>(e.body()).items.size() == 2u);
        auto ts = call(s->pub, bhttp::verb::get, "/v2.0/tenants", {}, t);
        BOOST_TEST_REQUIRE(ts.result_int() == 200u);
        BOOST_TEST(v2::from_json<v2::tenants>(ts.body()).items.at(0).id == "t-demo");
    }
    // The payload is Keystone's: the user, the tenant as the project, the password method.
    const auto info = fernet::provider({key}).read(t).value();
    BOOST_TEST(info.payload.user_id == "u-demo");
    BOOST_TEST(info.payload.project_id == "t-demo");
    BOOST_TEST(info.payload.methods == fernet::method::password);
    BOOST_TEST(info.payload.audit_ids == *a.token.audit_ids);
    // A user's token is no admin's; an admin's is.
    BOOST_TEST(call(one.adm, bhttp::verb::get, "/v2.0/tokens/" + t, {}, t).result_int() == 403u);
    const auto admin = one.authenticate(
        R"({"auth":{"tenantName":"admin","passwordCredentials":{"username":"admin","password":"adminsecret"}}})");
    BOOST_TEST(call(one.adm, bhttp::verb::get, "/v2.0/tokens/" + t, {}, admin.token.id).result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(rescoped_keeps_expiry_and_chains_audit_ids) {
    const auto unscoped =
        one.authenticate(R"({"auth":{"passwordCredentials":{"username":"demo","password":"secretsecret"}}})");
    BOOST_TEST(!unscoped.token.tenant);
    *now += 10min;
    const auto r = one.authenticate(rescope_body(unscoped.token.id));
    BOOST_TEST(r.token.tenant->id == "t-demo");
    BOOST_TEST(r.token.expires == unscoped.token.expires);
    BOOST_TEST_REQUIRE(r.token.audit_ids->size() == 2u);
    BOOST_TEST(r.token.audit_ids->at(1) == unscoped.token.audit_ids->at(0));
    BOOST_TEST(fernet::provider({key}).read(r.token.id, *now).value().payload.methods ==
               (fernet::method::password | fernet::method::token));
    BOOST_TEST(two.validate(r.token.id) == 200u);
    // No roles on the tenant: 401.
    BOOST_TEST(call(one.pub, bhttp::verb::post, "/v2.0/tokens", rescope_body(unscoped.token.id, "admin"))
                   .result_int() == 401u);
}

BOOST_AUTO_TEST_CASE(revoked_is_404_on_every_instance) {
    const auto parent = one.authenticate();
    const auto child = one.authenticate(rescope_body(parent.token.id));
    const std::string& t = parent.token.id;
    BOOST_TEST(one.validate(t) == 200u);
    BOOST_TEST(two.revoke(t) == 204u);
    BOOST_TEST(store->memory_usage().revocations == 1u);
    for (instance* s : {&one, &two}) {
        BOOST_TEST(s->validate(t) == 404u);
        BOOST_TEST(s->revoke(t) == 404u);
        BOOST_TEST(call(s->pub, bhttp::verb::get, "/v2.0/tenants", {}, t).result_int() == 401u);
        BOOST_TEST(call(s->pub, bhttp::verb::post, "/v2.0/tokens", rescope_body(t)).result_int() == 401u);
        BOOST_TEST(call(s->adm, bhttp::verb::get, "/v2.0/tokens/" + t + "/endpoints", {}, "ADMIN").result_int() ==
                   404u);
        // The event names the revoked token's own audit id: the token rescoped from it stays good.
        BOOST_TEST(s->validate(child.token.id) == 200u);
    }
}

BOOST_AUTO_TEST_CASE(disabled_user_or_tenant_makes_the_token_invalid) {
    // Tokens the store's data refuses now (as after the user or tenant was disabled), minted with
    // the instance's own keys.
    auto mint = [&](std::string user, std::optional<std::string> tenant) {
        proto::token_data d{.user_id = std::move(user),
                            .tenant_id = std::move(tenant),
                            .issued = *now,
                            .expires = *now + 1h,
                            .audit_ids = {proto::crypto::random_audit_id()},
                            .methods = fernet::method::password};
        return fernet_with(key)->issue(d).value();
    };
    for (const std::string& t : {mint("u-off", "t-demo"), mint("u-off", std::nullopt), mint("u-demo", "t-off"),
                                 mint("u-gone", std::nullopt)}) {
        BOOST_TEST(one.validate(t) == 404u);
        BOOST_TEST(call(one.pub, bhttp::verb::get, "/v2.0/tenants", {}, t).result_int() == 401u);
        BOOST_TEST(call(one.pub, bhttp::verb::post, "/v2.0/tokens", rescope_body(t)).result_int() == 401u);
    }
    BOOST_TEST(one.validate(mint("u-demo", "t-demo")) == 200u);
    // The disabled user cannot get one.
    auto r = call(one.pub, bhttp::verb::post, "/v2.0/tokens",
                  R"({"auth":{"passwordCredentials":{"username":"disabled","password":"offsecret"}}})");
    BOOST_TEST(r.result_int() == 403u);
}

BOOST_AUTO_TEST_CASE(other_keys_tampering_and_expiry_are_404) {
    const std::string t = one.authenticate().token.id;
    instance other{make_backend(store, fernet_with(fernet::key::generate()), options(now))};
    BOOST_TEST(other.validate(t) == 404u);
    BOOST_TEST(call(other.pub, bhttp::verb::get, "/v2.0/tenants", {}, t).result_int() == 401u);
    BOOST_TEST(one.validate(other.authenticate().token.id) == 404u);
    std::string tampered = t;
    tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
    BOOST_TEST(one.validate(tampered) == 404u);
    BOOST_TEST(one.validate("0123456789abcdef0123456789abcdef") == 404u);
    // A rotated repository (the old primary now secondary) still reads it.
    instance rotated{
        make_backend(store, std::make_shared<proto::fernet_provider>(fernet::provider({fernet::key::generate(), key})),
                     options(now))};
    BOOST_TEST(rotated.validate(t) == 200u);
    *now += 3601s;
    BOOST_TEST(one.validate(t) == 404u);
    BOOST_TEST(call(one.pub, bhttp::verb::post, "/v2.0/tokens", rescope_body(t)).result_int() == 401u);
}

BOOST_AUTO_TEST_SUITE_END()

// An instance fetches the store's events at most every revocation_refresh: another instance's
// revocation is seen once that much time has passed, its own at once.
BOOST_AUTO_TEST_CASE(events_are_seen_within_the_refresh) {
    auto now = std::make_shared<proto::time_point>(std::chrono::system_clock::now());
    auto store = make_store();
    const auto key = fernet::key::generate();
    instance one{make_backend(store, fernet_with(key), options(now, 1000ms))};
    instance two{make_backend(store, fernet_with(key), options(now, 1000ms))};
    const std::string t = one.authenticate().token.id, u = one.authenticate().token.id;
    BOOST_TEST(one.validate(t) == 200u);  // events fetched now
    BOOST_TEST(two.revoke(t) == 204u);
    BOOST_TEST(two.validate(t) == 404u);
    *now += 999ms;
    BOOST_TEST(one.validate(t) == 200u);
    *now += 1ms;
    BOOST_TEST(one.validate(t) == 404u);
    BOOST_TEST(one.validate(u) == 200u);
}

// A kept validation answer is handed out only to a token that is still good: revoked here or on
// another instance, expired, it is 404, and the answer kept for it is never seen again.
BOOST_AUTO_TEST_CASE(kept_documents_are_never_handed_out_revoked) {
    auto now = std::make_shared<proto::time_point>(std::chrono::system_clock::now());
    auto store = make_store();
    const auto key = fernet::key::generate();
    auto b1 = make_backend(store, fernet_with(key), options(now));
    auto b2 = make_backend(store, fernet_with(key), options(now));
    instance one{b1}, two{b2};
    const std::string t = one.authenticate().token.id, u = one.authenticate().token.id, w = one.authenticate().token.id;
    const auto doc = b1->validate_token(t).value();
    BOOST_TEST(b1->validate_token(t).value() == doc);  // kept
    BOOST_TEST(b1->validate_token(u).has_value());
    BOOST_TEST(b1->cached_documents() == 2u);
    BOOST_TEST(two.revoke(t) == 204u);
    auto gone = b1->validate_token(t);
    BOOST_TEST_REQUIRE(!gone.has_value());
    BOOST_TEST((gone.error().kind == v2::fault_kind::item_not_found));
    BOOST_TEST(b1->revoke_token(u).has_value());  // here: its answer is dropped at once
    BOOST_TEST(b1->cached_documents() == 1u);
    BOOST_TEST(!b1->validate_token(u).has_value());
    BOOST_TEST(b1->validate_token(w).has_value());
    *now += 2h;
    BOOST_TEST(!b1->validate_token(w).has_value());
    // UUID tokens alike: a record erased by another instance, and its event.
    auto u1 = make_backend(store, std::make_shared<proto::uuid_provider>(store), options(now));
    auto u2 = make_backend(store, std::make_shared<proto::uuid_provider>(store), options(now));
    instance three{u1}, four{u2};
    const std::string x = three.authenticate().token.id;
    BOOST_TEST(x.size() == 32u);
    BOOST_TEST(u1->validate_token(x).value()->token.id == x);
    BOOST_TEST(u2->validate_token(x).has_value());
    BOOST_TEST(four.revoke(x) == 204u);
    BOOST_TEST(!u1->validate_token(x).has_value());
    BOOST_TEST(three.revoke(x) == 404u);
}

// Events are kept until every token they could match has expired (the token lifetime, plus the
// clock skew allowed), then pruned from the store and from each instance.
BOOST_AUTO_TEST_CASE(old_events_are_pruned) {
    auto now = std::make_shared<proto::time_point>(std::chrono::system_clock::now());
    auto store = make_store();
    instance one{make_backend(store, fernet_with(fernet::key::generate()), options(now))};
    for (int i = 0; i < 3; ++i) BOOST_TEST(one.revoke(one.authenticate().token.id) == 204u);
    BOOST_TEST(store->memory_usage().revocations == 3u);
    *now += 3600s;
    one.authenticate();
    BOOST_TEST(store->memory_usage().revocations == 3u);  // a token revoked at the start may still be live
    *now += 2min;
    one.authenticate();
    BOOST_TEST(store->memory_usage().revocations == 0u);
}

// The memory store keeps a bounded number of events: past it a revocation fails (503) and the
// token stays good, rather than an older revoked token coming back.
BOOST_AUTO_TEST_CASE(a_full_event_store_refuses_revocations) {
    auto now = std::make_shared<proto::time_point>(std::chrono::system_clock::now());
    auto store = make_store(2);
    instance one{make_backend(store, fernet_with(fernet::key::generate()), options(now))};
    std::vector<std::string> t;
    for (int i = 0; i < 3; ++i) t.push_back(one.authenticate().token.id);
    BOOST_TEST(one.revoke(t[0]) == 204u);
    BOOST_TEST(one.revoke(t[1]) == 204u);
    BOOST_TEST(one.revoke(t[2]) == 503u);
    BOOST_TEST(one.validate(t[0]) == 404u);
    BOOST_TEST(one.validate(t[2]) == 200u);
}

namespace {

// A store that stops answering when told, as a database that went away.
struct flaky_store final : proto::store {
    std::shared_ptr<proto::memory_store> s = make_store();
    bool down = false;

    template <class T>
    v2::result<T> up(v2::result<T> r) {
        if (down) return proto::backend_error(v2::fault_kind::service_unavailable, "The database is unreachable.");
        return r;
    }
    v2::result<std::optional<proto::stored_user>> user_by_id(std::string_view id) override {
        return up(s->user_by_id(id));
    }
    v2::result<std::optional<proto::stored_user>> user_by_name(std::string_view n) override {
        return up(s->user_by_name(n));
    }
    v2::result<std::optional<v2::tenant>> tenant_by_id(std::string_view id) override { return up(s->tenant_by_id(id)); }
    v2::result<std::optional<v2::tenant>> tenant_by_name(std::string_view n) override {
        return up(s->tenant_by_name(n));
    }
    v2::result<std::vector<v2::tenant>> list_tenants() override { return up(s->list_tenants()); }
    v2::result<std::vector<v2::role>> roles_of(std::string_view u, std::optional<std::string_view> t) override {
        return up(s->roles_of(u, t));
    }
    v2::result<std::vector<v2::tenant>> tenants_of(std::string_view u) override { return up(s->tenants_of(u)); }
    v2::result<std::vector<v2::catalog_entry>> catalog() override { return up(s->catalog()); }
    v2::result<void> put_token(const proto::token_key& k, const proto::token_record& t, std::size_t m) override {
        return up(s->put_token(k, t, m));
    }
    v2::result<std::optional<proto::token_record>> find_token(const proto::token_key& k, proto::time_point n) override {
        return up(s->find_token(k, n));
    }
    v2::result<bool> erase_token(const proto::token_key& k) override { return up(s->erase_token(k)); }
    v2::result<std::size_t> purge_tokens(proto::time_point n) override { return up(s->purge_tokens(n)); }
    v2::result<void> add_revocation(const proto::revocation_event& e) override { return up(s->add_revocation(e)); }
    v2::result<std::vector<proto::revocation_event>> revocations(proto::time_point since) override {
        return up(s->revocations(since));
    }
    v2::result<std::size_t> prune_revocations(proto::time_point b) override { return up(s->prune_revocations(b)); }
};

}  // namespace

// Without the store, no token is taken for good: a revocation might be missed. 503, then
// service as before once it is back.
BOOST_AUTO_TEST_CASE(a_store_that_cannot_answer_is_503) {
    auto now = std::make_shared<proto::time_point>(std::chrono::system_clock::now());
    auto store = std::make_shared<flaky_store>();
    instance one{make_backend(store, fernet_with(fernet::key::generate()), options(now))};
    const std::string t = one.authenticate().token.id;
    store->down = true;
    BOOST_TEST(one.validate(t) == 503u);
    BOOST_TEST(call(one.pub, bhttp::verb::get, "/v2.0/tenants", {}, t).result_int() == 503u);
    BOOST_TEST(call(one.pub, bhttp::verb::post, "/v2.0/tokens", osi_test::demo_auth_json).result_int() == 503u);
    BOOST_TEST(one.revoke(t) == 503u);
    store->down = false;
    BOOST_TEST(one.validate(t) == 200u);
}

BOOST_AUTO_TEST_SUITE_END()
