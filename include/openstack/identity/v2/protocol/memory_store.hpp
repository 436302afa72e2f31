#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_MEMORY_STORE_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_MEMORY_STORE_HPP

// The in-memory store (protocol/store.hpp): an identity loaded from a JSON configuration (users
// with PBKDF2 password hashes, tenants, roles, role assignments, a templated catalog), and the
// UUID provider's tokens and the revocation events, kept in memory until they expire.
//
// Configuration (see examples/demo.json):
//   {"admin_token": "ADMIN", "token_lifetime": 3600, "pbkdf2_iterations": 600000, "admin_role": "admin",
//    "tenants": [{"id", "name", "description", "enabled"}],
//    "roles": [{"id", "name"}],
//    "users": [{"id", "name", "email", "enabled", "tenantId", "password_hash": "pbkdf2-sha256$..."}],
//              ("password": "..." instead of password_hash is hashed at load and then forgotten)
//    "assignments": [{"user": "<id or name>", "tenant": "<id or name>", "roles": ["<id or name>", ...]}],
//    "catalog": [{"type", "name", "endpoints": [{"id", "region", "publicURL", "internalURL", "adminURL"}]}]}
// Catalog URLs may hold $(tenant_id)s, $(user_id)s, $(public_url)s, $(admin_url)s, $(public_port)s and
// $(admin_port)s (the trailing "s" is optional), substituted per token like Keystone's templated
// catalog (standard_backend); an endpoint with an unknown or unavailable variable is left out.
// admin_token, token_lifetime, admin_role, max_tokens_per_user and document_cache are the
// server's (memory_backend), not the store's.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/protocol/backend.hpp>
#include <openstack/identity/v2/protocol/crypto.hpp>
#include <openstack/identity/v2/protocol/store.hpp>
#include <openstack/identity/v2/json.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <queue>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

struct memory_config {
    std::string admin_token;  // empty: no admin token
    std::chrono::seconds token_lifetime{3600};
    unsigned pbkdf2_iterations = crypto::default_iterations;  // for "password" entries hashed at load
    std::string admin_role = "admin";
    std::vector<tenant> tenants;
    std::vector<role> roles;
    std::vector<stored_user> users;
    std::vector<assignment> assignments;
    std::vector<catalog_entry> catalog;  // templates
    std::size_t document_cache = 1024;   // validation answers kept, for this many tokens (0: none)
    // Live tokens per user: past it, the user's oldest live token is revoked. Rescoping costs no
    // password hash, so without it one user could fill the memory (200,000 tokens in 14 s). A
    // thousand covers a service account whose every worker holds a few.
    std::size_t max_tokens_per_user = 1000;
};

// The configuration file as the library reads it: described types, so that every error names
// its path (`users[0].password_hash`) and the ranges are rules of the schema.
namespace config {

struct tenant {
    std::string id;
    std::string name;
    nullable<std::string> description;
    bool enabled = true;
};
BOOST_DESCRIBE_STRUCT(tenant, (), (id, name, description, enabled))

struct role {
    std::string id;
    std::string name;
};
BOOST_DESCRIBE_STRUCT(role, (), (id, name))

struct user {
    std::string id;
    std::string name;
    std::optional<std::string> email;
    bool enabled = true;
    std::optional<std::string> tenant_id;
    std::optional<std::string> password_hash;  // "pbkdf2-sha256$iterations$salt$hash"
    std::optional<std::string> password;       // hashed at load, then forgotten
};
BOOST_DESCRIBE_STRUCT(user, (), (id, name, email, enabled, tenant_id, password_hash, password))

struct assignment {
    std::string user;                   // id or name
    std::optional<std::string> tenant;  // id or name; absent: a global role
    std::vector<std::string> roles;     // ids or names
};
BOOST_DESCRIBE_STRUCT(assignment, (), (user, tenant, roles))

struct file {
    std::string admin_token;
    std::int64_t token_lifetime = 3600;
    std::int64_t pbkdf2_iterations = crypto::default_iterations;
    std::string admin_role = "admin";
    std::int64_t max_tokens_per_user = 1000;
    std::int64_t document_cache = 1024;
    std::vector<config::tenant> tenants;
    std::vector<config::role> roles;
    std::vector<config::user> users;
    std::vector<config::assignment> assignments;
    std::vector<catalog_entry> catalog;
};
BOOST_DESCRIBE_STRUCT(file, (),
                      (admin_token, token_lifetime, pbkdf2_iterations, admin_role, max_tokens_per_user, document_cache,
                       tenants, roles, users, assignments, catalog))

}  // namespace config

}  // namespace openstack::identity::v2::protocol

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

template <>
struct schema<protocol::config::tenant> {
    static constexpr field_def members[] = {
        field<&protocol::config::tenant::id>({.required = true}),
        field<&protocol::config::tenant::name>({.required = true}),
    };
};
template <>
struct schema<protocol::config::role> {
    static constexpr field_def members[] = {
        field<&protocol::config::role::id>({.required = true}),
        field<&protocol::config::role::name>({.required = true}),
    };
};
template <>
struct schema<protocol::config::user> {
    static constexpr field_def members[] = {
        field<&protocol::config::user::id>({.required = true}),
        field<&protocol::config::user::name>({.required = true}),
        field<&protocol::config::user::tenant_id>({.json = "tenantId"}),
    };
    static constexpr presence_rule rules[] = {
        exactly_one<&protocol::config::user::password_hash, &protocol::config::user::password>()};
};
template <>
struct schema<protocol::config::assignment> {
    static constexpr field_def members[] = {
        field<&protocol::config::assignment::user>({.required = true}),
    };
};
template <>
struct schema<protocol::config::file> {
    using f = protocol::config::file;
    static constexpr field_def members[] = {
        // At most a year: past that a token is a credential that never expires (and far past it
        // the expiry time overflows: 1e10 s gave tokens that expired in 1759).
        field<&f::token_lifetime>({.range = int_range{1, 31'536'000}, .doc = "seconds"}),
        field<&f::pbkdf2_iterations>({.range = int_range{1, 10'000'000}}),
        // Live tokens per user: past it, the user's oldest live token is revoked. Rescoping costs
        // no password hash, so without it one user could fill the memory (200,000 tokens in 14 s).
        field<&f::max_tokens_per_user>({.range = int_range{1, 1'000'000}}),
        field<&f::document_cache>({.range = int_range{0, 100'000'000}}),
    };
};

}  // namespace openstack::identity::v2

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

namespace detail {

inline error config_error(std::string path, std::string message) {
    error e;
    e.code = make_error_code(errc::invalid_value);
    e.kind = fault_kind::bad_request;
    e.path = std::move(path);
    e.message = std::move(message);
    return e;
}

}  // namespace detail

// Reads a configuration through the library (config::file), then resolves its references and
// hashes its plain passwords. Errors carry the JSON path of the offending member; passwords
// never appear in them.
inline result<memory_config> parse_memory_config(std::string_view text) {
    using detail::config_error;
    auto r = try_from_json<config::file>(text);
    if (!r) return r.error();
    config::file& f = *r;
    memory_config c;
    c.admin_token = std::move(f.admin_token);
    c.token_lifetime = std::chrono::seconds(f.token_lifetime);
    c.pbkdf2_iterations = static_cast<unsigned>(f.pbkdf2_iterations);
    c.admin_role = std::move(f.admin_role);
    c.max_tokens_per_user = static_cast<std::size_t>(f.max_tokens_per_user);
    c.document_cache = static_cast<std::size_t>(f.document_cache);
    for (auto& t : f.tenants) {
        // Keystone writes a tenant without a description with "description": null.
        if (t.description.is_absent()) t.description = nullptr;
        c.tenants.push_back(tenant{
            .id = std::move(t.id), .name = std::move(t.name), .description = t.description, .enabled = t.enabled});
    }
    for (auto& x : f.roles) c.roles.push_back(role{.id = std::move(x.id), .name = std::move(x.name)});
    for (std::size_t i = 0; i < f.users.size(); ++i) {
        auto& u = f.users[i];
        stored_user x{.id = std::move(u.id),
                      .name = std::move(u.name),
                      .email = std::move(u.email),
                      .enabled = u.enabled,
                      .tenant_id = std::move(u.tenant_id),
                      .password = {}};
        if (u.password_hash) {
            auto ph = crypto::parse_password_hash(*u.password_hash);
            if (!ph)
                return config_error("users[" + std::to_string(i) + "].password_hash",
                                    "not a pbkdf2-sha256$iterations$salt$hash value");
            x.password = std::move(*ph);
        } else {
            x.password = *crypto::parse_password_hash(crypto::hash_password(*u.password, c.pbkdf2_iterations));
        }
        c.users.push_back(std::move(x));
    }
    // References by id first, then by name.
    auto find = [](auto& list, std::string_view k, auto id_of, auto name_of) -> decltype(&list[0]) {
        for (auto& e : list)
            if (id_of(e) == k) return &e;
        for (auto& e : list)
            if (name_of(e) == k) return &e;
        return nullptr;
    };
    for (std::size_t i = 0; i < f.assignments.size(); ++i) {
        const auto& a = f.assignments[i];
        const std::string path = "assignments[" + std::to_string(i) + "]";
        auto* u = find(
            c.users, a.user, [](auto& x) { return x.id; }, [](auto& x) { return x.name; });
        if (!u) return config_error(path + ".user", "unknown user");
        std::optional<std::string> tid;
        if (a.tenant) {
            auto* t = find(
                c.tenants, *a.tenant, [](auto& x) { return *x.id; }, [](auto& x) { return *x.name; });
            if (!t) return config_error(path + ".tenant", "unknown tenant");
            tid = t->id;
        }
        for (std::size_t j = 0; j < a.roles.size(); ++j) {
            auto* ro = find(
                c.roles, a.roles[j], [](auto& x) { return *x.id; }, [](auto& x) { return *x.name; });
            if (!ro) return config_error(path + ".roles[" + std::to_string(j) + "]", "unknown role");
            c.assignments.push_back({u->id, tid, *ro->id});
        }
    }
    c.catalog = std::move(f.catalog);
    return c;
}

// The store of memory_backend, and of tests: the identity of a memory_config, which the admin API
// changes (under a reader-writer lock; nothing is written back to the configuration), and the
// tokens and revocation events, under one mutex.
class memory_store final : public store {
public:
    // Revocation events kept at most: past it add_revocation fails (service_unavailable) rather
    // than forget one, which would make a revoked Fernet token good again. The backend prunes
    // them as the tokens they could match expire.
    static constexpr std::size_t default_max_revocations = 100'000;

    explicit memory_store(memory_config c, std::size_t max_revocations = default_max_revocations)
        : tenants_(std::move(c.tenants)), roles_(std::move(c.roles)), users_(std::move(c.users)),
          assignments_(std::move(c.assignments)), services_(services_of(std::move(c.catalog))),
          max_revocations_(max_revocations) {}

    result<std::optional<stored_user>> user_by_id(std::string_view id) override {
        std::shared_lock lk(id_mu_);
        return find_if(users_, [&](const stored_user& u) { return u.id == id; });
    }
    result<std::optional<stored_user>> user_by_name(std::string_view name) override {
        std::shared_lock lk(id_mu_);
        return find_if(users_, [&](const stored_user& u) { return u.name == name; });
    }
    result<std::optional<tenant>> tenant_by_id(std::string_view id) override {
        std::shared_lock lk(id_mu_);
        return find_if(tenants_, [&](const tenant& t) { return t.id && *t.id == id; });
    }
    result<std::optional<tenant>> tenant_by_name(std::string_view name) override {
        std::shared_lock lk(id_mu_);
        return find_if(tenants_, [&](const tenant& t) { return t.name && *t.name == name; });
    }
    result<std::vector<tenant>> list_tenants() override {
        std::shared_lock lk(id_mu_);
        return tenants_;
    }

    result<std::vector<role>> roles_of(std::string_view user_id, std::optional<std::string_view> tenant_id) override {
        std::shared_lock lk(id_mu_);
        std::vector<role> out;
        for (const auto& r : roles_)
            if (std::any_of(assignments_.begin(), assignments_.end(), [&](const assignment& a) {
                    return a.user_id == user_id && a.role_id == r.id && a.tenant_id == tenant_id;
                }))
                out.push_back(r);
        return out;
    }

    result<std::vector<tenant>> tenants_of(std::string_view user_id) override {
        std::shared_lock lk(id_mu_);
        std::vector<tenant> out;
        for (const auto& t : tenants_)
            if (t.enabled.value_or(true) &&
                std::any_of(assignments_.begin(), assignments_.end(),
                            [&](const assignment& a) { return a.user_id == user_id && a.tenant_id == t.id; }))
                out.push_back(t);
        return out;
    }

    result<std::vector<catalog_entry>> catalog() override {
        std::shared_lock lk(id_mu_);
        std::vector<catalog_entry> out;
        for (const auto& x : services_) out.push_back(x.entry);
        return out;
    }

    result<void> create_tenant(const tenant& t) override {
        std::unique_lock lk(id_mu_);
        if (std::any_of(tenants_.begin(), tenants_.end(),
                        [&](const tenant& x) { return x.id == t.id || x.name == t.name; }))
            return conflict("Conflict occurred attempting to store tenant - Duplicate entry.");
        tenants_.push_back(t);
        return {};
    }
    result<bool> update_tenant(const tenant& t) override {
        std::unique_lock lk(id_mu_);
        auto it = std::find_if(tenants_.begin(), tenants_.end(), [&](const tenant& x) { return x.id == t.id; });
        if (it == tenants_.end()) return false;
        if (std::any_of(tenants_.begin(), tenants_.end(),
                        [&](const tenant& x) { return x.id != t.id && x.name == t.name; }))
            return conflict("Conflict occurred attempting to store tenant - Duplicate entry.");
        *it = t;
        return true;
    }
    result<bool> delete_tenant(std::string_view id) override {
        std::unique_lock lk(id_mu_);
        if (!std::erase_if(tenants_, [&](const tenant& x) { return x.id == id; })) return false;
        std::erase_if(assignments_, [&](const assignment& a) { return a.tenant_id == id; });
        return true;
    }

    result<std::vector<stored_user>> list_users() override {
        std::shared_lock lk(id_mu_);
        return users_;
    }
    result<std::vector<stored_user>> users_of(std::string_view tenant_id) override {
        std::shared_lock lk(id_mu_);
        std::vector<stored_user> out;
        for (const auto& u : users_)
            if (std::any_of(assignments_.begin(), assignments_.end(),
                            [&](const assignment& a) { return a.user_id == u.id && a.tenant_id == tenant_id; }))
                out.push_back(u);
        return out;
    }
    result<void> create_user(const stored_user& u) override {
        std::unique_lock lk(id_mu_);
        if (std::any_of(users_.begin(), users_.end(),
                        [&](const stored_user& x) { return x.id == u.id || x.name == u.name; }))
            return conflict("Conflict occurred attempting to store user - Duplicate entry.");
        users_.push_back(u);
        return {};
    }
    result<bool> update_user(const stored_user& u) override {
        std::unique_lock lk(id_mu_);
        auto it = std::find_if(users_.begin(), users_.end(), [&](const stored_user& x) { return x.id == u.id; });
        if (it == users_.end()) return false;
        if (std::any_of(users_.begin(), users_.end(),
                        [&](const stored_user& x) { return x.id != u.id && x.name == u.name; }))
            return conflict("Conflict occurred attempting to store user - Duplicate entry.");
        *it = u;
        return true;
    }
    result<bool> delete_user(std::string_view id) override {
        std::unique_lock lk(id_mu_);
        if (!std::erase_if(users_, [&](const stored_user& x) { return x.id == id; })) return false;
        std::erase_if(assignments_, [&](const assignment& a) { return a.user_id == id; });
        std::erase_if(ec2_, [&](const ec2_record& c) { return c.user_id == id; });
        return true;
    }

    result<std::vector<role>> list_roles() override {
        std::shared_lock lk(id_mu_);
        return roles_;
    }
    result<void> create_role(const role& r) override {
        std::unique_lock lk(id_mu_);
        if (std::any_of(roles_.begin(), roles_.end(), [&](const role& x) { return x.id == r.id || x.name == r.name; }))
            return conflict("Conflict occurred attempting to store role - Duplicate entry.");
        roles_.push_back(role{.id = r.id, .name = r.name});
        return {};
    }
    result<bool> delete_role(std::string_view id) override {
        std::unique_lock lk(id_mu_);
        if (!std::erase_if(roles_, [&](const role& x) { return x.id == id; })) return false;
        std::erase_if(assignments_, [&](const assignment& a) { return a.role_id == id; });
        return true;
    }
    result<bool> grant(const assignment& a) override {
        std::unique_lock lk(id_mu_);
        if (std::find(assignments_.begin(), assignments_.end(), a) != assignments_.end()) return false;
        assignments_.push_back(a);
        return true;
    }
    result<bool> revoke(const assignment& a) override {
        std::unique_lock lk(id_mu_);
        return std::erase(assignments_, a) > 0;
    }

    result<std::vector<stored_service>> list_services() override {
        std::shared_lock lk(id_mu_);
        return services_;
    }
    result<void> create_service(const stored_service& s) override {
        std::unique_lock lk(id_mu_);
        if (std::any_of(services_.begin(), services_.end(), [&](const stored_service& x) { return x.id == s.id; }))
            return conflict("Conflict occurred attempting to store service - Duplicate entry.");
        services_.push_back(s);
        return {};
    }
    result<bool> delete_service(std::string_view id) override {
        std::unique_lock lk(id_mu_);
        return std::erase_if(services_, [&](const stored_service& x) { return x.id == id; }) > 0;
    }
    result<bool> add_endpoint(std::string_view service_id, const endpoint& e) override {
        std::unique_lock lk(id_mu_);
        for (const auto& s : services_)
            for (const auto& x : s.entry.endpoints)
                if (x.id == e.id) return conflict("Conflict occurred attempting to store endpoint - Duplicate entry.");
        for (auto& s : services_)
            if (s.id == service_id) {
                s.entry.endpoints.push_back(e);
                return true;
            }
        return false;
    }
    result<bool> delete_endpoint(std::string_view id) override {
        std::unique_lock lk(id_mu_);
        for (auto& s : services_)
            if (std::erase_if(s.entry.endpoints, [&](const endpoint& x) { return x.id == id; })) return true;
        return false;
    }

    result<void> create_ec2(const ec2_record& c) override {
        std::unique_lock lk(id_mu_);
        if (std::any_of(ec2_.begin(), ec2_.end(), [&](const ec2_record& x) { return x.access == c.access; }))
            return conflict("Conflict occurred attempting to store credential - Duplicate entry.");
        // As the identity, bounded by what an admin creates; each user's credentials are few.
        ec2_.push_back(c);
        return {};
    }
    result<std::optional<ec2_record>> ec2_by_access(std::string_view access) override {
        std::shared_lock lk(id_mu_);
        return find_if(ec2_, [&](const ec2_record& c) { return c.access == access; });
    }
    result<std::vector<ec2_record>> ec2_of(std::string_view user_id) override {
        std::shared_lock lk(id_mu_);
        std::vector<ec2_record> out;
        for (const auto& c : ec2_)
            if (c.user_id == user_id) out.push_back(c);
        return out;
    }
    result<bool> delete_ec2(std::string_view access) override {
        std::unique_lock lk(id_mu_);
        return std::erase_if(ec2_, [&](const ec2_record& c) { return c.access == access; }) > 0;
    }

    result<void> put_token(const token_key& key, const token_record& t, std::size_t max_per_user) override {
        std::lock_guard lk(mu_);
        // Every new token purges what has expired: only that is touched, so it stays cheap however
        // many tokens are live, and memory never holds more than the live tokens.
        purge_locked(t.issued);
        expiry_.emplace(t.expires, key);
        tokens_.insert_or_assign(key, t);
        cap_user_locked(t.user_id, key, max_per_user);
        bound_expiry_locked();
        return {};
    }

    result<std::optional<token_record>> find_token(const token_key& key, time_point now) override {
        std::lock_guard lk(mu_);
        auto it = tokens_.find(key);
        if (it == tokens_.end()) return std::nullopt;
        // The digests again, in constant time (the map's own comparison is not).
        if (!crypto::equal(it->first.data(), key.data(), key.size())) return std::nullopt;
        if (it->second.expires <= now) {
            erase_token_locked(it);
            return std::nullopt;
        }
        return it->second;
    }

    result<bool> erase_token(const token_key& key) override {
        std::lock_guard lk(mu_);
        auto it = tokens_.find(key);
        if (it == tokens_.end()) return false;
        erase_token_locked(it);
        return true;
    }

    result<std::size_t> purge_tokens(time_point now) override {
        std::lock_guard lk(mu_);
        return purge_locked(now);
    }

    result<void> add_revocation(const revocation_event& e) override {
        std::lock_guard lk(mu_);
        if (revocations_.size() >= max_revocations_)
            return backend_error(fault_kind::service_unavailable, "Too many revocation events.");
        revocations_.insert(std::upper_bound(revocations_.begin(), revocations_.end(), e.revoked_at, revoked_before),
                            e);
        return {};
    }

    result<std::vector<revocation_event>> revocations(time_point since) override {
        std::lock_guard lk(mu_);
        const auto from = std::lower_bound(revocations_.begin(), revocations_.end(), since,
                                           [](const revocation_event& e, time_point t) { return e.revoked_at < t; });
        return std::vector<revocation_event>(from, revocations_.end());
    }

    result<std::size_t> prune_revocations(time_point before) override {
        std::lock_guard lk(mu_);
        std::size_t n = 0;
        for (; !revocations_.empty() && revocations_.front().revoked_at < before; ++n) revocations_.pop_front();
        return n;
    }

    // What the store holds, for monitoring: live tokens, the entries kept to expire and cap them
    // (each bounded by a small multiple of the live tokens), and the revocation events.
    struct usage {
        std::size_t tokens = 0, expiry_entries = 0, issue_order_entries = 0, revocations = 0;
    };
    usage memory_usage() {
        std::lock_guard lk(mu_);
        usage u{.tokens = tokens_.size(), .expiry_entries = expiry_.size(), .revocations = revocations_.size()};
        for (const auto& [user, ut] : issued_) u.issue_order_entries += ut.keys.size();
        return u;
    }

private:
    struct key_hash {
        std::size_t operator()(const token_key& k) const noexcept {
            std::size_t h;
            std::memcpy(&h, k.data(), sizeof h);
            return h;
        }
    };
    using token_map = std::unordered_map<token_key, token_record, key_hash>;

    template <class T, class F>
    static std::optional<T> find_if(const std::vector<T>& list, F f) {
        const auto it = std::find_if(list.begin(), list.end(), f);
        return it == list.end() ? std::nullopt : std::optional<T>(*it);
    }

    static bool revoked_before(time_point t, const revocation_event& e) { return t < e.revoked_at; }

    // Only what has expired is touched (soonest expiry first).
    std::size_t purge_locked(time_point now) {
        std::size_t n = 0;
        while (!expiry_.empty() && expiry_.top().first <= now) {
            // Revoked tokens, and expired ones erased when looked up, are already gone.
            if (auto it = tokens_.find(expiry_.top().second); it != tokens_.end() && it->second.expires <= now) {
                erase_token_locked(it);
                ++n;
            }
            expiry_.pop();
        }
        return n;
    }

    void erase_token_locked(token_map::iterator it) {
        if (auto u = issued_.find(it->second.user_id); u != issued_.end()) --u->second.live;
        tokens_.erase(it);
    }

    // A new token of user: the user's oldest live tokens are removed past max_per_user. Keys of
    // tokens gone since (revoked, expired) are skipped, and dropped once they could outnumber the
    // live ones.
    void cap_user_locked(const std::string& user, const token_key& key, std::size_t max_per_user) {
        user_tokens& ut = issued_[user];
        ut.keys.push_back(key);
        ++ut.live;
        while (ut.live > max_per_user && !ut.keys.empty()) {
            const token_key oldest = ut.keys.front();
            ut.keys.pop_front();
            if (auto it = tokens_.find(oldest); it != tokens_.end()) erase_token_locked(it);
        }
        if (ut.keys.size() > 2 * ut.live + 16)
            std::erase_if(ut.keys, [&](const token_key& k) { return !tokens_.contains(k); });
    }

    // Removed tokens leave their expiry entry behind: the queue is made again from the live
    // tokens once it holds twice as many entries as there are tokens.
    void bound_expiry_locked() {
        if (expiry_.size() <= 2 * tokens_.size() + 1024) return;
        std::vector<expiry_entry> live;
        live.reserve(tokens_.size());
        for (const auto& [k, t] : tokens_) live.emplace_back(t.expires, k);
        expiry_ = decltype(expiry_)(std::greater<>{}, std::move(live));
    }

    std::shared_mutex id_mu_;  // the identity, which OS-KSADM changes
    std::vector<tenant> tenants_;
    std::vector<role> roles_;
    std::vector<stored_user> users_;
    std::vector<assignment> assignments_;
    std::vector<stored_service> services_;
    std::vector<ec2_record> ec2_;
    const std::size_t max_revocations_;

    std::mutex mu_;
    token_map tokens_;
    using expiry_entry = std::pair<time_point, token_key>;
    std::priority_queue<expiry_entry, std::vector<expiry_entry>, std::greater<>> expiry_;
    struct user_tokens {
        std::deque<token_key> keys;  // issue order, oldest first (some may be gone since)
        std::size_t live = 0;
    };
    std::unordered_map<std::string, user_tokens> issued_;  // by user id
    std::deque<revocation_event> revocations_;             // by revoked_at, oldest first
};

}  // namespace openstack::identity::v2::protocol

#endif
