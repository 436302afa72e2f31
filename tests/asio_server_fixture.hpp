#ifndef OSI_TESTS_ASIO_SERVER_FIXTURE_HPP
#define OSI_TESTS_ASIO_SERVER_FIXTURE_HPP

// A small identity store for the server tests: the demo scenario with cheap password hashes, in
// memory, or in SQLite when the environment says OSI_TEST_STORE=sqlite (CTest runs the server
// tests both ways: tests/CMakeLists.txt).

#include <openstack/identity/v2/protocol/memory_backend.hpp>
#include <openstack/identity/v2/protocol/sql.hpp>
#include <openstack/identity/v2/protocol/sql_store.hpp>
#include <openstack/identity/v2/protocol/standard_backend.hpp>
#include <openstack/identity/v2/protocol/token_provider.hpp>

#include <stdlib.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace osi_test {

inline const char* test_config = R"({
  "admin_token": "ADMIN",
  "token_lifetime": 3600,
  "pbkdf2_iterations": 1000,
  "tenants": [
    {"id": "t-demo", "name": "demo", "description": null, "enabled": true},
    {"id": "t-admin", "name": "admin", "description": "Admin Tenant", "enabled": true},
    {"id": "t-off", "name": "off", "enabled": false}
  ],
  "roles": [
    {"id": "r-member", "name": "Member"},
    {"id": "r-another", "name": "anotherrole"},
    {"id": "r-admin", "name": "admin"},
    {"id": "r-global", "name": "global"}
  ],
  "users": [
    {"id": "u-demo", "name": "demo", "email": "demo@example.com", "tenantId": "t-demo", "password": "secretsecret"},
    {"id": "u-admin", "name": "admin", "password": "adminsecret"},
    {"id": "u-off", "name": "disabled", "enabled": false, "password": "offsecret"}
  ],
  "assignments": [
    {"user": "demo", "tenant": "demo", "roles": ["Member", "anotherrole"]},
    {"user": "admin", "tenant": "admin", "roles": ["admin"]},
    {"user": "admin", "roles": ["global"]},
    {"user": "disabled", "tenant": "demo", "roles": ["Member"]}
  ],
  "catalog": [
    {"type": "compute", "name": "nova", "endpoints": [
      {"id": "ep-nova", "region": "RegionOne", "publicURL": "http://127.0.0.1:8774/v2/$(tenant_id)s",
       "internalURL": "http://127.0.0.1:8774/v2/$(tenant_id)s", "adminURL": "http://127.0.0.1:8774/v2/$(tenant_id)s"}]},
    {"type": "identity", "name": "keystone", "endpoints": [
      {"id": "ep-ks", "region": "RegionOne", "publicURL": "$(public_url)s/v2.0", "adminURL": "$(admin_url)s/v2.0"}]}
  ]
})";

namespace detail {

// A directory of the test's, removed with what is in it (a base of test_backend, so that it goes
// after the store that has files open in it).
struct scratch_dir {
    std::filesystem::path path;
    explicit scratch_dir(bool wanted) {
        if (!wanted) return;
        std::string t = (std::filesystem::temp_directory_path() / "osi-store.XXXXXX").string();
        if (!::mkdtemp(t.data())) throw std::runtime_error("mkdtemp failed");
        path = t;
    }
    scratch_dir(const scratch_dir&) = delete;
    ~scratch_dir() {
        std::error_code ec;
        if (!path.empty()) std::filesystem::remove_all(path, ec);
    }
};

}  // namespace detail

// Whether the server tests run on SQLite (OSI_TEST_STORE=sqlite) rather than in memory.
inline bool sql_run() {
    const char* s = ::getenv("OSI_TEST_STORE");
    return s && std::strcmp(s, "sqlite") == 0;
}

// The server tests' backend: a standard_backend with UUID tokens, over a memory_store or a
// sql_store on a SQLite file (made, migrated and bootstrapped from the configuration).
class test_backend final : private detail::scratch_dir, public openstack::identity::v2::protocol::standard_backend {
    using memory_config = openstack::identity::v2::protocol::memory_config;

public:
    explicit test_backend(memory_config c, bool on_sql = sql_run()) : test_backend(parts_of(std::move(c), on_sql)) {}

    // Removes the UUID tokens expired at `t` (the backend's clock when not given); how many.
    std::size_t purge_expired(std::optional<openstack::identity::v2::protocol::time_point> t = std::nullopt) {
        return store_->purge_tokens(t.value_or(now())).value();
    }

private:
    struct parts {
        std::unique_ptr<detail::scratch_dir> dir;
        std::shared_ptr<openstack::identity::v2::protocol::store> store;
        openstack::identity::v2::protocol::backend_options options;
        std::size_t max_tokens_per_user;
    };

    static parts parts_of(memory_config c, bool on_sql) {
        namespace proto = openstack::identity::v2::protocol;
        parts p{std::make_unique<detail::scratch_dir>(on_sql), nullptr, proto::memory_backend_options(c),
                c.max_tokens_per_user};
        if (!on_sql) {
            p.store = std::make_shared<proto::memory_store>(std::move(c));
            return p;
        }
        auto pool = proto::sql::pool::open("sqlite:" + (p.dir->path / "identity.db").string(), {.size = 4});
        if (!pool) throw std::runtime_error(pool.error().what());
        if (auto v = proto::sql::db_sync(**pool); !v) throw std::runtime_error(v.error().what());
        auto store = proto::sql_store::open(std::move(*pool));
        if (!store) throw std::runtime_error(store.error().what());
        if (auto b = (*store)->bootstrap(c); !b || !*b) throw std::runtime_error("bootstrap failed");
        p.store = std::move(*store);
        return p;
    }

    explicit test_backend(parts p)
        : detail::scratch_dir(false),
          standard_backend(p.store,
                           std::make_shared<openstack::identity::v2::protocol::uuid_provider>(p.store,
                                                                                              p.max_tokens_per_user),
                           std::move(p.options)),
          store_(std::move(p.store)) {
        path = std::move(p.dir->path);  // now this object's to remove
        p.dir->path.clear();
    }

    std::shared_ptr<openstack::identity::v2::protocol::store> store_;
};

inline std::shared_ptr<test_backend> make_test_backend(std::string_view config = test_config) {
    auto cfg = openstack::identity::v2::protocol::parse_memory_config(config);
    auto b = std::make_shared<test_backend>(std::move(cfg.value()));
    b->set_listener_urls("http://127.0.0.1:5000", "http://127.0.0.1:35357");
    return b;
}

inline const std::string demo_auth_json =
    R"({"auth":{"tenantName":"demo","passwordCredentials":{"username":"demo","password":"secretsecret"}}})";

// Raises the process's soft limit on open descriptors (to 16384, or the hard limit).
inline void raise_fd_limit() {
    rlimit r{};
    ::getrlimit(RLIMIT_NOFILE, &r);
    r.rlim_cur = std::min<rlim_t>(r.rlim_max, 16384);
    ::setrlimit(RLIMIT_NOFILE, &r);
}

}  // namespace osi_test

#endif
