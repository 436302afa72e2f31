#ifndef OSI_TESTS_ASIO_SERVER_FIXTURE_HPP
#define OSI_TESTS_ASIO_SERVER_FIXTURE_HPP

// A small identity store for the server tests: the demo scenario with cheap password hashes.

#include <openstack/identity/v2/protocol/memory_backend.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <memory>
#include <string>

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

inline std::shared_ptr<openstack::identity::v2::protocol::memory_backend> make_test_backend() {
    auto cfg = openstack::identity::v2::protocol::parse_memory_config(test_config);
    auto b = std::make_shared<openstack::identity::v2::protocol::memory_backend>(std::move(cfg.value()));
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
