// The SQL store (protocol/sql_store.hpp) and its SQL layer (protocol/sql.hpp), every case on both
// engines: SQLite in a temporary file, and PostgreSQL in a server the test starts itself
// (tests/postgres_fixture.hpp).

#include "postgres_fixture.hpp"
#include "support.hpp"

#include <openstack/identity/v2/protocol/sql_store.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

BOOST_AUTO_TEST_SUITE(sql_store_test)

namespace v2 = openstack::identity::v2;
namespace proto = openstack::identity::v2::protocol;
namespace sql = openstack::identity::v2::protocol::sql;
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using std::chrono::steady_clock;

// The PostgreSQL server of the run, a temporary directory, a free port (tests/postgres_fixture.hpp).
using osi_test::free_port;
using osi_test::postgres;
using osi_test::seconds_since;
using osi_test::temp_dir;

std::shared_ptr<sql::pool> open_pool(const std::string& url, sql::pool_options o = {}) {
    auto p = sql::pool::open(url, o);
    BOOST_TEST_REQUIRE(p.has_value(), p.error().what());
    return *p;
}

std::unique_ptr<proto::sql_store> synced(std::shared_ptr<sql::pool> p) {
    auto v = sql::db_sync(*p);
    BOOST_TEST_REQUIRE(v.has_value(), v.error().what());
    auto s = proto::sql_store::open(std::move(p));
    BOOST_TEST_REQUIRE(s.has_value(), s.error().what());
    return std::move(*s);
}

template <class T>
T value(v2::result<T> r) {
    BOOST_TEST_REQUIRE(r.has_value(), r.error().what());
    return std::move(*r);
}
void ok(const v2::result<void>& r) { BOOST_TEST_REQUIRE(r.has_value(), r.error().what()); }

proto::memory_config demo() {
    return value(proto::parse_memory_config(osi_test::read_file(std::string(OSI_DATA_DIR) +
                                                                "/../../examples/demo.json")));
}

// Roles created z, a, m; a user with roles given out of that order and twice.
constexpr std::string_view ordered_config = R"({
  "pbkdf2_iterations": 1,
  "tenants": [{"id": "t1", "name": "one"}, {"id": "t2", "name": "two", "enabled": false, "description": "off"},
              {"id": "t3", "name": "three"}],
  "roles": [{"id": "rz", "name": "z"}, {"id": "ra", "name": "a"}, {"id": "rm", "name": "m"}],
  "users": [{"id": "u", "name": "ursula", "password": "secret"},
            {"id": "v", "name": "vera", "enabled": false, "email": "v@example.com", "tenantId": "t2", "password": "x"}],
  "assignments": [{"user": "u", "tenant": "t1", "roles": ["m", "z", "z"]}, {"user": "u", "roles": ["a"]},
                  {"user": "u", "tenant": "t2", "roles": ["z"]}]})";

const proto::time_point t0 = std::chrono::sys_days{std::chrono::year{2030} / 1 / 1};

proto::token_key key(const std::string& name) { return proto::crypto::sha256(name); }

proto::token_record token(std::string user, proto::time_point issued, std::chrono::seconds life = 3600s) {
    return {.user_id = std::move(user),
            .tenant_id = "t1",
            .issued = issued,
            .expires = issued + life,
            .audit_ids = {"first-audit-id", "chain \"quoted\""}};
}

std::vector<std::string> names(const std::vector<v2::role>& roles) {
    std::vector<std::string> out;
    for (const auto& r : roles) out.push_back(r.name.value_or("?"));
    return out;
}
std::vector<std::string> ids(const std::vector<v2::tenant>& tenants) {
    std::vector<std::string> out;
    for (const auto& t : tenants) out.push_back(t.id.value_or("?"));
    return out;
}

// The engines each case runs on: a database of its own.
struct sqlite_db {
    temp_dir dir;
    std::string url() const { return "sqlite:" + (dir.path / "identity.db").string(); }
};
struct postgresql_db {
    std::string url_ = postgres().fresh_schema();
    std::string url() const { return url_; }
};
using engines = std::tuple<sqlite_db, postgresql_db>;

BOOST_AUTO_TEST_CASE(placeholders) {
    BOOST_TEST(sql::detail::sqlite_placeholders(R"(a = $1 AND b = '$2 it''s $3' AND "$4" = $10)") ==
               R"(a = ?1 AND b = '$2 it''s $3' AND "$4" = ?10)");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(migrations, DB, engines) {
    DB db;
    auto p = open_pool(db.url());
    BOOST_TEST(value(sql::schema_version(*p)) == 0);
    auto early = proto::sql_store::open(p);
    BOOST_TEST_REQUIRE(!early.has_value());
    BOOST_TEST(early.error().message.find("db_sync") != std::string::npos);

    BOOST_TEST(value(sql::db_sync(*p)) == sql::latest_version);
    BOOST_TEST(value(sql::db_sync(*p)) == sql::latest_version);  // nothing to do
    BOOST_TEST(value(sql::schema_version(*p)) == sql::latest_version);
    const auto rows = value(p->with([](sql::connection& c) { return c.query("SELECT version FROM migration"); }));
    BOOST_TEST(rows.rows.size() == std::size(sql::migrations));
    BOOST_TEST(proto::sql_store::open(p).has_value());

    // A later release's schema.
    ok(p->with([](sql::connection& c) -> v2::result<void> {
        auto r = c.query("INSERT INTO migration (version) VALUES ($1)", {sql::latest_version + 1});
        if (!r) return r.error();
        return {};
    }));
    auto sync = sql::db_sync(*p);
    BOOST_TEST_REQUIRE(!sync.has_value());
    BOOST_TEST((sync.error().kind == v2::fault_kind::service_unavailable));
    BOOST_TEST(sync.error().message.find("newer") != std::string::npos);
    auto late = proto::sql_store::open(p);
    BOOST_TEST_REQUIRE(!late.has_value());
    BOOST_TEST(late.error().message.find("newer") != std::string::npos);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(bootstrap_demo, DB, engines) {
    DB db;
    auto s = synced(open_pool(db.url()));
    const auto cfg = demo();
    BOOST_TEST(value(s->bootstrap(cfg)) == true);

    BOOST_TEST((value(s->list_tenants()) == cfg.tenants));
    for (const auto& t : cfg.tenants) {
        BOOST_TEST((value(s->tenant_by_id(*t.id)) == t));
        BOOST_TEST((value(s->tenant_by_name(*t.name)) == t));
    }
    BOOST_TEST(!value(s->tenant_by_id("nope")).has_value());
    BOOST_TEST(!value(s->tenant_by_name("nope")).has_value());
    for (const auto& u : cfg.users) {
        const proto::stored_user want{.id = u.id,
                                      .name = u.name,
                                      .email = u.email,
                                      .enabled = u.enabled,
                                      .tenant_id = u.tenant_id,
                                      .password = u.password};
        BOOST_TEST((value(s->user_by_id(u.id)) == want));
        BOOST_TEST((value(s->user_by_name(u.name)) == want));
    }
    BOOST_TEST(!value(s->user_by_id("nope")).has_value());
    BOOST_TEST(!value(s->user_by_name("nope")).has_value());

    const std::string demo_user = "9a6590b2ab024747bc2167c4e064d00d", demo_tenant = "fc394f2ab2df4114bde39905f800dc57";
    BOOST_TEST(names(value(s->roles_of(demo_user, demo_tenant))) == (std::vector<std::string>{"Member", "anotherrole"}),
               boost::test_tools::per_element());
    BOOST_TEST((value(s->roles_of(demo_user, demo_tenant))[0] ==
                v2::role{.id = "7598ac3c634d4c3da4b9126a5f67ca2b", .name = "Member"}));
    BOOST_TEST(value(s->roles_of(demo_user, std::nullopt)).empty());
    BOOST_TEST(ids(value(s->tenants_of(demo_user))) == std::vector<std::string>{demo_tenant},
               boost::test_tools::per_element());
    BOOST_TEST(value(s->tenants_of("nobody")).empty());
    const auto catalog = value(s->catalog());
    BOOST_TEST(catalog.size() == cfg.catalog.size());
    BOOST_TEST((catalog == cfg.catalog));

    // Loaded once: a second configuration leaves the database as it is.
    BOOST_TEST(value(s->bootstrap(value(proto::parse_memory_config(ordered_config)))) == false);
    BOOST_TEST((value(s->list_tenants()) == cfg.tenants));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(identity_order, DB, engines) {
    DB db;
    auto s = synced(open_pool(db.url()));
    BOOST_TEST(value(s->bootstrap(value(proto::parse_memory_config(ordered_config)))) == true);
    // Creation order, each role once, and the global roles apart.
    BOOST_TEST(names(value(s->roles_of("u", "t1"))) == (std::vector<std::string>{"z", "m"}),
               boost::test_tools::per_element());
    BOOST_TEST(names(value(s->roles_of("u", std::nullopt))) == std::vector<std::string>{"a"},
               boost::test_tools::per_element());
    BOOST_TEST(value(s->roles_of("u", "t3")).empty());
    // t2 is disabled, t3 holds no role of u.
    BOOST_TEST(ids(value(s->tenants_of("u"))) == std::vector<std::string>{"t1"}, boost::test_tools::per_element());
    BOOST_TEST(ids(value(s->list_tenants())) == (std::vector<std::string>{"t1", "t2", "t3"}),
               boost::test_tools::per_element());
    const auto t2 = value(s->tenant_by_id("t2"));
    BOOST_TEST_REQUIRE(t2.has_value());
    BOOST_TEST((t2->enabled == false && t2->description == "off"));
    BOOST_TEST(value(s->tenant_by_id("t1"))->description.is_null());
    const auto v = value(s->user_by_name("vera"));
    BOOST_TEST_REQUIRE(v.has_value());
    BOOST_TEST((!v->enabled && v->email == "v@example.com" && v->tenant_id == "t2"));
    const auto u = value(s->user_by_id("u"));
    BOOST_TEST_REQUIRE(u.has_value());
    BOOST_TEST((!u->email && !u->tenant_id));
    BOOST_TEST(proto::crypto::verify_password("secret", u->password));
    BOOST_TEST(value(s->catalog()).empty());
}

// The admin writes, and a second store on the same database seeing them.
BOOST_AUTO_TEST_CASE_TEMPLATE(admin_writes, DB, engines) {
    DB db;
    auto s = synced(open_pool(db.url()));
    BOOST_TEST(value(s->bootstrap(value(proto::parse_memory_config(ordered_config)))) == true);
    auto other = synced(open_pool(db.url()));
    auto conflict = [](const auto& r) { return !r.has_value() && r.error().kind == v2::fault_kind::tenant_conflict; };

    // Tenants: a new one comes last; names and ids are unique.
    const v2::tenant t4{.id = "t4", .name = "four", .description = nullptr, .enabled = true};
    ok(s->create_tenant(t4));
    BOOST_TEST(conflict(s->create_tenant(v2::tenant{.id = "t5", .name = "four", .enabled = true})));
    BOOST_TEST(conflict(s->create_tenant(v2::tenant{.id = "t4", .name = "five", .enabled = true})));
    BOOST_TEST(ids(value(other->list_tenants())) == (std::vector<std::string>{"t1", "t2", "t3", "t4"}),
               boost::test_tools::per_element());
    BOOST_TEST((value(other->tenant_by_id("t4")) == t4));
    BOOST_TEST(value(s->update_tenant(v2::tenant{.id = "t4", .name = "FOUR", .description = "d", .enabled = false})));
    BOOST_TEST((value(other->tenant_by_name("FOUR"))->description == "d"));
    BOOST_TEST(conflict(s->update_tenant(v2::tenant{.id = "t4", .name = "one", .enabled = true})));
    BOOST_TEST(!value(s->update_tenant(v2::tenant{.id = "nope", .name = "x", .enabled = true})));

    // Users.
    const proto::stored_user w{.id = "w",
                               .name = "wendy",
                               .email = "w@example.com",
                               .enabled = true,
                               .tenant_id = "t1",
                               .password = *proto::crypto::parse_password_hash(proto::crypto::hash_password("pw", 1))};
    ok(s->create_user(w));
    BOOST_TEST(conflict(s->create_user(proto::stored_user{.id = "w2", .name = "wendy", .password = w.password})));
    BOOST_TEST((value(other->user_by_id("w")) == w));
    auto w2 = w;
    w2.enabled = false;
    w2.email.reset();
    w2.password = *proto::crypto::parse_password_hash(proto::crypto::hash_password("new", 1));
    BOOST_TEST(value(s->update_user(w2)));
    BOOST_TEST((value(other->user_by_name("wendy")) == w2));
    auto taken = w2;
    taken.name = "ursula";
    BOOST_TEST(conflict(s->update_user(taken)));
    std::vector<std::string> user_names;
    for (const auto& u : value(other->list_users())) user_names.push_back(u.name);
    BOOST_TEST(user_names == (std::vector<std::string>{"ursula", "vera", "wendy"}), boost::test_tools::per_element());

    // Roles and grants.
    ok(s->create_role(v2::role{.id = "rb", .name = "b"}));
    BOOST_TEST(conflict(s->create_role(v2::role{.id = "rc", .name = "b"})));
    BOOST_TEST(names(value(other->list_roles())) == (std::vector<std::string>{"z", "a", "m", "b"}),
               boost::test_tools::per_element());
    BOOST_TEST(value(s->grant({.user_id = "w", .tenant_id = "t4", .role_id = "rb"})));
    BOOST_TEST(!value(s->grant({.user_id = "w", .tenant_id = "t4", .role_id = "rb"})));
    BOOST_TEST(value(s->grant({.user_id = "w", .tenant_id = std::nullopt, .role_id = "rb"})));
    BOOST_TEST(names(value(other->roles_of("w", "t4"))) == std::vector<std::string>{"b"},
               boost::test_tools::per_element());
    BOOST_TEST(value(other->users_of("t4")).size() == 1u);
    BOOST_TEST(value(s->revoke({.user_id = "w", .tenant_id = std::nullopt, .role_id = "rb"})));
    BOOST_TEST(!value(s->revoke({.user_id = "w", .tenant_id = std::nullopt, .role_id = "rb"})));
    BOOST_TEST(names(value(other->roles_of("w", "t4"))) == std::vector<std::string>{"b"},
               boost::test_tools::per_element());

    // Services and endpoints: the catalog follows.
    proto::stored_service svc{.id = "s1", .description = "Images", .entry = {}};
    svc.entry.type = "image";
    svc.entry.name = "glance";
    ok(s->create_service(svc));
    BOOST_TEST(conflict(s->create_service(svc)));
    v2::endpoint e;
    e.id = "e1";
    e.region = "R";
    e.public_url = "http://glance/$(tenant_id)s";
    BOOST_TEST(value(s->add_endpoint("s1", e)));
    BOOST_TEST(conflict(s->add_endpoint("s1", e)));
    e.id = "e2";
    BOOST_TEST(!value(s->add_endpoint("nope", e)));
    const auto services = value(other->list_services());
    BOOST_TEST_REQUIRE(services.size() == 1u);
    BOOST_TEST(services[0].id == "s1");
    BOOST_TEST(services[0].description == "Images");
    BOOST_TEST_REQUIRE(services[0].entry.endpoints.size() == 1u);
    BOOST_TEST(*services[0].entry.endpoints[0].public_url == "http://glance/$(tenant_id)s");
    BOOST_TEST(value(other->catalog()).size() == 1u);
    BOOST_TEST(value(s->delete_endpoint("e1")));
    BOOST_TEST(!value(s->delete_endpoint("e1")));
    BOOST_TEST(value(other->catalog()).at(0).endpoints.empty());
    BOOST_TEST(value(s->delete_service("s1")));
    BOOST_TEST(!value(s->delete_service("s1")));
    BOOST_TEST(value(other->catalog()).empty());

    // EC2 credentials.
    const proto::ec2_record c{.access = "AK", .secret = "SK", .user_id = "w", .tenant_id = "t4"};
    ok(s->create_ec2(c));
    BOOST_TEST(conflict(s->create_ec2(c)));
    BOOST_TEST((value(other->ec2_by_access("AK")) == c));
    BOOST_TEST(value(other->ec2_of("w")).size() == 1u);
    BOOST_TEST(value(other->ec2_of("u")).empty());
    BOOST_TEST(value(s->delete_ec2("AK")));
    BOOST_TEST(!value(other->ec2_by_access("AK")).has_value());
    ok(s->create_ec2(c));

    // Deletes take what hangs on the row.
    BOOST_TEST(value(s->delete_role("rb")));
    BOOST_TEST(value(other->roles_of("w", "t4")).empty());
    BOOST_TEST(!value(s->delete_role("rb")));
    BOOST_TEST(value(s->grant({.user_id = "u", .tenant_id = "t3", .role_id = "ra"})));
    BOOST_TEST(value(s->delete_tenant("t3")));
    BOOST_TEST(!value(s->delete_tenant("t3")));
    BOOST_TEST(value(other->roles_of("u", "t3")).empty());
    BOOST_TEST(value(s->delete_user("w")));
    BOOST_TEST(!value(s->delete_user("w")));
    BOOST_TEST(!value(other->user_by_id("w")).has_value());
    BOOST_TEST(!value(other->ec2_by_access("AK")).has_value());
}

// A version 1 database's catalog rows get ids (their seq) when migrated to version 2.
BOOST_AUTO_TEST_CASE(catalog_ids_after_migration) {
    sqlite_db db;
    auto p = open_pool(db.url());
    ok(p->with([](sql::connection& c) -> v2::result<void> {
        if (auto r = c.script("CREATE TABLE migration (version integer PRIMARY KEY)"); !r) return r;
        if (auto r = c.query("INSERT INTO migration (version) VALUES (1)"); !r) return r.error();
        if (auto r = c.script(sql::migrations[0].script); !r) return r;
        if (auto r = c.query(R"(INSERT INTO catalog (seq, entry) VALUES (0, '{"type":"compute","endpoints":[]}'))"); !r)
            return r.error();
        return {};
    }));
    auto s = synced(p);
    const auto services = value(s->list_services());
    BOOST_TEST_REQUIRE(services.size() == 1u);
    BOOST_TEST(services[0].id == "0");
    BOOST_TEST(services[0].entry.type == "compute");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(tokens, DB, engines) {
    DB db;
    auto s = synced(open_pool(db.url()));
    auto t = token("u1", t0);
    ok(s->put_token(key("a"), t, 1000));
    BOOST_TEST((value(s->find_token(key("a"), t0)) == t));
    BOOST_TEST((value(s->find_token(key("a"), t.expires - 1us)) == t));
    BOOST_TEST(!value(s->find_token(key("a"), t.expires)).has_value());  // expired at its expiry
    BOOST_TEST(!value(s->find_token(key("unknown"), t0)).has_value());

    // Kept to the microsecond, rounded down.
    auto fine = token("u1", t0 + 1500ns);
    ok(s->put_token(key("fine"), fine, 1000));
    BOOST_TEST((value(s->find_token(key("fine"), t0))->issued == t0 + 1us));

    // Put again: the new record.
    auto rescoped = t;
    rescoped.tenant_id = std::nullopt;
    rescoped.audit_ids = {};
    ok(s->put_token(key("a"), rescoped, 1000));
    BOOST_TEST((value(s->find_token(key("a"), t0)) == rescoped));

    BOOST_TEST(value(s->erase_token(key("a"))) == true);
    BOOST_TEST(value(s->erase_token(key("a"))) == false);
    BOOST_TEST(!value(s->find_token(key("a"), t0)).has_value());

    // The cap: u2's oldest live tokens go; an expired one neither counts nor goes; u1's stay.
    auto old = token("u2", t0 - 2h);
    ok(s->put_token(key("old"), old, 3));
    for (int i = 0; i < 5; ++i) ok(s->put_token(key("u2-" + std::to_string(i)), token("u2", t0 + i * 1s), 3));
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(value(s->find_token(key("u2-" + std::to_string(i)), t0 + 10s)).has_value() == (i >= 2), i);
    BOOST_TEST((value(s->find_token(key("old"), t0 - 90min)) == old));
    BOOST_TEST(value(s->find_token(key("fine"), t0)).has_value());

    // Purged: what has expired at the time given.
    BOOST_TEST(value(s->purge_tokens(t0)) == 1u);  // old
    BOOST_TEST(value(s->purge_tokens(t0)) == 0u);
    BOOST_TEST(value(s->purge_tokens(t0 + 1h + 3s)) == 3u);  // fine, u2-2 and u2-3
    BOOST_TEST(value(s->find_token(key("u2-4"), t0)).has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(revocations, DB, engines) {
    DB db;
    auto s = synced(open_pool(db.url()));
    const proto::revocation_event by_audit{.audit_id = "audit", .issued_before = t0, .revoked_at = t0 + 2s},
        by_user{.user_id = "u", .issued_before = t0 - 1s, .revoked_at = t0},
        by_role{.user_id = "u", .tenant_id = "t", .issued_before = t0, .revoked_at = t0 + 1s};
    for (const auto& e : {by_audit, by_user, by_role}) ok(s->add_revocation(e));
    BOOST_TEST((value(s->revocations(t0 - 1h)) == std::vector{by_user, by_role, by_audit}));
    BOOST_TEST((value(s->revocations(t0 + 1s)) == std::vector{by_role, by_audit}));  // at or after
    BOOST_TEST(value(s->revocations(t0 + 3s)).empty());
    BOOST_TEST(value(s->prune_revocations(t0 + 1s)) == 1u);  // before
    BOOST_TEST((value(s->revocations(t0 - 1h)) == std::vector{by_role, by_audit}));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(concurrent, DB, engines) {
    DB db;
    auto s = synced(open_pool(db.url(), {.size = 3, .wait = 20s}));
    const auto cfg = value(proto::parse_memory_config(ordered_config));
    // Two servers bootstrapping at once: one loads.
    std::atomic<int> loaded{0}, failed{0};
    {
        std::vector<std::jthread> ts;
        for (int i = 0; i < 2; ++i)
            ts.emplace_back([&] {
                auto r = s->bootstrap(cfg);
                if (!r) ++failed;
                else if (*r) ++loaded;
            });
    }
    BOOST_TEST(failed.load() == 0);
    BOOST_TEST(loaded.load() == 1);

    // Six threads on three connections, 20 tokens each, every fifth erased.
    constexpr int threads = 6, rounds = 20;
    {
        std::vector<std::jthread> ts;
        for (int i = 0; i < threads; ++i)
            ts.emplace_back([&, i] {
                const std::string user = "user-" + std::to_string(i);
                for (int j = 0; j < rounds; ++j) {
                    const auto k = key(user + "/" + std::to_string(j));
                    const bool put = s->put_token(k, token(user, t0 + j * 1ms), 1000).has_value();
                    const auto found = s->find_token(k, t0);
                    const auto roles = s->roles_of("u", "t1");
                    if (!put || !found || !*found || !roles || roles->size() != 2) ++failed;
                    if (j % 5 != 0) continue;
                    const auto erased = s->erase_token(k);
                    if (!erased || !*erased) ++failed;
                }
            });
    }
    BOOST_TEST(failed.load() == 0);
    for (int i = 0; i < threads; ++i)
        for (int j = 0; j < rounds; ++j) {
            const std::string user = "user-" + std::to_string(i);
            BOOST_TEST(value(s->find_token(key(user + "/" + std::to_string(j)), t0)).has_value() == (j % 5 != 0));
        }
}

// Two writers that both found a name free: the database's unique constraint refuses the second,
// which is a conflict (409), not an unavailable store (503).
BOOST_AUTO_TEST_CASE_TEMPLATE(unique_violation_is_a_conflict, DB, engines) {
    DB db;
    auto p = open_pool(db.url(), {.size = 4, .wait = 20s});
    auto s = synced(p);
    BOOST_TEST(value(s->bootstrap(value(proto::parse_memory_config(ordered_config)))) == true);
    const auto raw = p->with([](sql::connection& c) {
        return c.query("INSERT INTO tenant (id, name, enabled, seq) VALUES ('t9', 'one', 1, 99)");
    });
    BOOST_TEST_REQUIRE(!raw.has_value());
    BOOST_TEST(raw.error().kind == v2::fault_kind::tenant_conflict);
    BOOST_TEST(!value(s->tenant_by_id("t9")).has_value());

    // Eight threads on two stores create one name: one tenant, and every other answer a conflict.
    auto other = synced(open_pool(db.url(), {.size = 4, .wait = 20s}));
    std::atomic<int> created{0}, conflicts{0}, failed{0};
    {
        std::vector<std::jthread> ts;
        for (int i = 0; i < 8; ++i)
            ts.emplace_back([&, i] {
                auto& store = i % 2 ? *other : *s;
                const auto r = store.create_tenant(v2::tenant{
                    .id = "race-" + std::to_string(i), .name = "race", .enabled = true});
                if (r) ++created;
                else if (r.error().kind == v2::fault_kind::tenant_conflict) ++conflicts;
                else ++failed;
            });
    }
    BOOST_TEST(created.load() == 1);
    BOOST_TEST(conflicts.load() == 7);
    BOOST_TEST(failed.load() == 0);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(pool_exhaustion, DB, engines) {
    DB db;
    auto p = open_pool(db.url(), {.size = 1, .wait = 300ms});
    auto s = synced(p);
    {
        auto held = value(p->acquire());
        const auto start = steady_clock::now();
        auto r = s->user_by_id("u");
        const double waited = seconds_since(start);
        BOOST_TEST_REQUIRE(!r.has_value());
        BOOST_TEST((r.error().kind == v2::fault_kind::service_unavailable));
        BOOST_TEST(r.error().message.find("came free") != std::string::npos);
        BOOST_TEST(waited >= 0.29);
        BOOST_TEST(waited < 3.0);
    }
    BOOST_TEST(!value(s->user_by_id("u")).has_value());  // free again
}

BOOST_AUTO_TEST_CASE(memory_database) {
    auto s = synced(open_pool("sqlite::memory:", {.size = 8}));  // one connection: one database
    BOOST_TEST(value(s->bootstrap(value(proto::parse_memory_config(ordered_config)))) == true);
    BOOST_TEST(ids(value(s->tenants_of("u"))) == std::vector<std::string>{"t1"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(bad_urls) {
    for (const char* url : {"mysql://db/x", "sqlite:", "/tmp/x.db"}) {
        auto p = sql::pool::open(url);
        BOOST_TEST_REQUIRE(!p.has_value(), url);
        BOOST_TEST((p.error().kind == v2::fault_kind::bad_request), url);
    }
    auto missing = sql::pool::open("sqlite:/nonexistent-directory/x.db");
    BOOST_TEST_REQUIRE(!missing.has_value());
    BOOST_TEST((missing.error().kind == v2::fault_kind::service_unavailable));
    // Nothing listens there; the password stays out of the message: "127" is in it (the host)
    // unless cut out, and "*" is in its own replacement.
    const std::string port = std::to_string(free_port());
    for (const std::string password : {"s3cret-pw", "*", "127"}) {
        auto refused = sql::pool::open("postgresql://osi:" + password + "@127.0.0.1:" + port + "/db", {.wait = 2s});
        BOOST_TEST_REQUIRE(!refused.has_value());
        const std::string& m = refused.error().message;
        BOOST_TEST((refused.error().kind == v2::fault_kind::service_unavailable));
        BOOST_TEST(m.find("PostgreSQL") != std::string::npos, m);
        if (password != "*") BOOST_TEST(m.find(password) == std::string::npos, m);
    }
}

// The server restarts under a pool: its connections are lost, and replaced.
BOOST_AUTO_TEST_CASE(postgresql_restart) {
    auto& server = postgres();
    auto s = synced(open_pool(server.fresh_schema(), {.size = 2, .wait = 2s}));
    BOOST_TEST(value(s->bootstrap(value(proto::parse_memory_config(ordered_config)))) == true);
    BOOST_TEST(value(s->user_by_id("u")).has_value());

    // Down: the store says so.
    server.stop();
    auto down = s->user_by_id("u");
    BOOST_TEST_REQUIRE(!down.has_value());
    BOOST_TEST((down.error().kind == v2::fault_kind::service_unavailable));

    // Up again: a new connection, at once.
    server.start();
    BOOST_TEST(value(s->user_by_id("u")).has_value());

    // Restarted between two calls: the idle connection is found lost and the call retried.
    server.stop();
    server.start();
    BOOST_TEST(value(s->user_by_id("u")).has_value());
    BOOST_TEST(value(s->list_tenants()).size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
