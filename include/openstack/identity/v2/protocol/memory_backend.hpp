#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_MEMORY_BACKEND_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_MEMORY_BACKEND_HPP

// An in-memory identity store loaded from a JSON configuration: users with PBKDF2 password
// hashes, tenants, roles, role assignments, a templated catalog and an admin token. Tokens are
// 128-bit random ids kept in memory (keyed by their SHA-256) until they expire.
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
// catalog; an endpoint with an unknown or unavailable variable is left out.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/protocol/backend.hpp>
#include <openstack/identity/v2/protocol/crypto.hpp>
#include <openstack/identity/v2/json.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

struct memory_user {
    std::string id;
    std::string name;
    std::optional<std::string> email;
    bool enabled = true;
    std::optional<std::string> tenant_id;
    crypto::password_hash password;
};

struct memory_assignment {
    std::string user_id;
    std::optional<std::string> tenant_id;  // absent: a global role
    std::string role_id;
};

struct memory_config {
    std::string admin_token;  // empty: no admin token
    std::chrono::seconds token_lifetime{3600};
    unsigned pbkdf2_iterations = crypto::default_iterations;  // for "password" entries hashed at load
    std::string admin_role = "admin";
    std::vector<tenant> tenants;
    std::vector<role> roles;
    std::vector<memory_user> users;
    std::vector<memory_assignment> assignments;
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
        memory_user x{.id = std::move(u.id),
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

class memory_backend final : public backend {
public:
    using clock_fn = std::function<std::chrono::system_clock::time_point()>;

    explicit memory_backend(memory_config c) : c_(std::move(c)), admin_digest_(crypto::sha256(c_.admin_token)) {
        // An unknown user name costs what the dearest stored hash costs: a name that exists must
        // not answer slower than one that does not (a hash made at 200,000 iterations against the
        // default took 71 ms against 0.4 ms).
        unsigned iterations = c_.pbkdf2_iterations;
        for (const auto& u : c_.users) iterations = std::max(iterations, u.password.iterations);
        dummy_ = *crypto::parse_password_hash(crypto::hash_password("dummy", iterations));
    }

    // The listeners' URLs ("http://127.0.0.1:5000"), for $(public_url)s and friends.
    void set_listener_urls(std::string public_url, std::string admin_url) {
        std::lock_guard lk(mu_);
        public_url_ = std::move(public_url);
        admin_url_ = std::move(admin_url);
        catalogs_.clear();
    }

    // Tests move time.
    void set_clock(clock_fn f) {
        std::lock_guard lk(mu_);
        clock_ = std::move(f);
    }

    std::size_t token_count() {
        std::lock_guard lk(mu_);
        return tokens_.size();
    }

    // What the store holds, for monitoring: live tokens, and the entries kept to expire and cap
    // them (each bounded by a small multiple of the live tokens).
    struct usage {
        std::size_t tokens = 0, expiry_entries = 0, issue_order_entries = 0, documents = 0;
    };
    usage memory_usage() {
        std::lock_guard lk(mu_);
        usage u{.tokens = tokens_.size(), .expiry_entries = expiry_.size(), .documents = docs_};
        for (const auto& [user, ut] : issued_) u.issue_order_entries += ut.keys.size();
        return u;
    }

    // Drops every expired token; returns how many.
    std::size_t purge_expired() {
        std::lock_guard lk(mu_);
        return purge_locked();
    }

    result<access> authenticate(const auth& a) override {
        const memory_user* u = nullptr;
        std::optional<std::chrono::system_clock::time_point> expires;
        std::vector<std::string> audit;
        if (a.password_credentials) {
            // Users never change after construction: the (slow) hash runs outside the lock.
            const auto& pc = *a.password_credentials;
            if (pc.user_id && !pc.user_id->empty()) u = user_by_id_locked(*pc.user_id);
            else if (pc.username) u = user_by_name_locked(*pc.username);
            // The same work whether or not the user exists.
            const bool ok = crypto::verify_password(pc.password, u ? u->password : dummy_) && u;
            if (!ok) return unauthorized();
            if (!u->enabled)
                return backend_error(fault_kind::user_disabled, "The account is disabled for user: " + u->id + ".");
            audit.push_back(crypto::random_audit_id());
        }
        std::lock_guard lk(mu_);
        purge_locked();
        if (a.password_credentials) {
            // checked above
        } else if (a.token) {
            const token_record* t = find_token_locked(a.token->id);
            if (!t) return unauthorized();
            u = user_by_id_locked(t->user_id);
            if (!u || !u->enabled) return unauthorized();
            expires = t->expires;  // a rescoped token keeps the original expiry
            audit.push_back(crypto::random_audit_id());
            if (!t->audit_ids.empty()) audit.push_back(t->audit_ids.front());
        } else {
            return unauthorized();  // EC2 credentials are not supported by this store
        }
        std::optional<std::string> tenant_id;
        if (a.tenant_id || a.tenant_name) {
            const tenant* t = a.tenant_id ? tenant_by_id_locked(*a.tenant_id) : tenant_by_name_locked(*a.tenant_name);
            if (!t || !t->enabled.value_or(true) || roles_of(u->id, *t->id).empty()) return unauthorized();
            tenant_id = t->id;
        }
        token_record rec;
        rec.id = crypto::random_id();
        rec.user_id = u->id;
        rec.tenant_id = tenant_id;
        rec.issued = now();
        rec.expires = expires.value_or(rec.issued + c_.token_lifetime);
        rec.audit_ids = std::move(audit);
        const token_key key = crypto::sha256(rec.id);
        auto acc = build_access_locked(rec);
        if (!acc) return unauthorized();
        expiry_.emplace(rec.expires, key);
        tokens_.insert_or_assign(key, std::move(rec));
        cap_user_locked(u->id, key);
        bound_expiry_locked();
        return std::move(*acc);
    }

    result<principal> authorize(std::string_view tok) override {
        // As crypto::secrets_equal, with the admin token's digest made once.
        const token_key digest = crypto::sha256(tok);
        if (!c_.admin_token.empty() && crypto::equal(digest.data(), admin_digest_.data(), digest.size()))
            return principal{.admin = true};
        std::lock_guard lk(mu_);
        const token_record* t = find_token_locked(tok);
        if (!t) return unauthorized();
        const memory_user* u = user_by_id_locked(t->user_id);
        if (!u || !u->enabled) return unauthorized();
        principal p{.user_id = t->user_id, .tenant_id = t->tenant_id};
        if (t->tenant_id)
            for (const role* r : roles_of(t->user_id, *t->tenant_id))
                if (r->name == c_.admin_role) p.admin = true;
        return p;
    }

    // A token is validated again and again (every service checks every request's token): the
    // answers for the last `document_cache` tokens validated are kept, so a repeat costs no
    // copy. Users, tenants, roles and the catalog never change after construction.
    result<access_ptr> validate_token(std::string_view id) override {
        std::lock_guard lk(mu_);
        const auto found = find_token_it_locked(id);
        if (found == tokens_.end()) return not_found("token", "");
        token_record& t = found->second;
        if (t.doc) return t.doc;
        auto acc = build_access_locked(t);
        if (!acc) return not_found("token", "");
        auto doc = std::make_shared<const access>(std::move(*acc));
        if (c_.document_cache > 0) {
            // The oldest documents go first; slots of tokens revoked or expired since are skipped.
            while (docs_ >= c_.document_cache && !cached_.empty()) {
                auto it = tokens_.find(cached_.front());
                cached_.pop_front();
                if (it != tokens_.end() && it->second.doc) {
                    it->second.doc.reset();
                    --docs_;
                }
            }
            t.doc = doc;
            ++docs_;
            cached_.push_back(found->first);
            // Slots of tokens gone since are dropped once they could outnumber the documents.
            if (cached_.size() > 2 * c_.document_cache)
                std::erase_if(cached_, [&](const token_key& k) {
                    auto it = tokens_.find(k);
                    return it == tokens_.end() || !it->second.doc;
                });
        }
        return doc;
    }

    result<endpoints> token_endpoints(std::string_view id) override {
        std::lock_guard lk(mu_);
        const token_record* t = find_token_locked(id);
        if (!t) return not_found("token", "");
        endpoints out;
        if (t->tenant_id)
            for (auto& svc : catalog_locked(t->user_id, *t->tenant_id))
                for (auto e : svc.endpoints) {
                    e.name = svc.name;
                    e.type = svc.type;
                    out.items.push_back(std::move(e));
                }
        out.links.emplace();
        return out;
    }

    result<void> revoke_token(std::string_view id) override {
        std::lock_guard lk(mu_);
        const auto it = find_token_it_locked(id);
        if (it == tokens_.end()) return not_found("token", "");
        erase_token_locked(it);
        return {};
    }

    result<tenants> tenants_for_token(std::string_view tok) override {
        std::lock_guard lk(mu_);
        const token_record* t = find_token_locked(tok);
        if (!t) return unauthorized();
        tenants out;
        for (const auto& x : c_.tenants)
            if (x.enabled.value_or(true) && !roles_of(t->user_id, *x.id).empty()) out.items.push_back(x);
        out.links.emplace();
        return out;
    }

    result<tenants> list_tenants() override {
        tenants out;
        out.items = c_.tenants;
        out.links.emplace();
        return out;
    }

    result<tenant> tenant_by_id(std::string_view id) override {
        if (const tenant* t = tenant_by_id_locked(id)) return *t;
        return not_found("tenant", id);
    }

    result<tenant> tenant_by_name(std::string_view name) override {
        if (const tenant* t = tenant_by_name_locked(name)) return *t;
        return not_found("tenant", name);
    }

    result<user> user_by_id(std::string_view id) override {
        if (const memory_user* u = user_by_id_locked(id)) return to_user(*u);
        return not_found("user", id);
    }

    result<user> user_by_name(std::string_view name) override {
        if (const memory_user* u = user_by_name_locked(name)) return to_user(*u);
        return not_found("user", name);
    }

    result<roles> user_roles(std::string_view user_id, std::optional<std::string_view> tenant_id) override {
        if (!user_by_id_locked(user_id)) return not_found("user", user_id);
        roles out;
        if (tenant_id) {
            if (!tenant_by_id_locked(*tenant_id)) return not_found("tenant", *tenant_id);
            for (const role* r : roles_of(user_id, *tenant_id)) out.items.push_back(*r);
        } else {
            for (const auto& a : c_.assignments)
                if (a.user_id == user_id && !a.tenant_id)
                    if (const role* r = role_by_id(a.role_id)) out.items.push_back(*r);
        }
        return out;
    }

private:
    struct token_record {
        std::string id;
        std::string user_id;
        std::optional<std::string> tenant_id;
        std::chrono::system_clock::time_point issued, expires;
        std::vector<std::string> audit_ids;
        access_ptr doc;  // the validation answer, while cached
    };
    using token_key = std::array<unsigned char, 32>;  // SHA-256 of the token id
    struct key_hash {
        std::size_t operator()(const token_key& k) const noexcept {
            std::size_t h;
            std::memcpy(&h, k.data(), sizeof h);
            return h;
        }
    };
    using token_map = std::unordered_map<token_key, token_record, key_hash>;

    static error unauthorized() {
        return backend_error(fault_kind::unauthorized, "The request you have made requires authentication.");
    }
    static error not_found(std::string_view what, std::string_view id) {
        std::string m = "Could not find " + std::string(what);
        if (!id.empty()) m += ": " + std::string(id);
        return backend_error(fault_kind::item_not_found, m + ".");
    }

    std::chrono::system_clock::time_point now() const { return clock_ ? clock_() : std::chrono::system_clock::now(); }

    // Only what has expired is touched (soonest expiry first), so purging on every
    // authentication stays cheap however many tokens are live.
    std::size_t purge_locked() {
        const auto t = now();
        std::size_t n = 0;
        while (!expiry_.empty() && expiry_.top().first <= t) {
            // Revoked tokens, and expired ones erased when looked up, are already gone.
            if (auto it = tokens_.find(expiry_.top().second); it != tokens_.end() && it->second.expires <= t) {
                erase_token_locked(it);
                ++n;
            }
            expiry_.pop();
        }
        return n;
    }

    // The token's record when it exists and has not expired. The map is keyed by the id's
    // SHA-256, and the digest is compared again in constant time.
    token_map::iterator find_token_it_locked(std::string_view id) {
        if (id.empty()) return tokens_.end();
        const token_key digest = crypto::sha256(id);
        auto it = tokens_.find(digest);
        if (it == tokens_.end()) return it;
        // The digests again, in constant time (the map's own comparison is not).
        if (!crypto::equal(it->first.data(), digest.data(), digest.size())) return tokens_.end();
        if (it->second.expires <= now()) {
            erase_token_locked(it);
            return tokens_.end();
        }
        return it;
    }
    token_record* find_token_locked(std::string_view id) {
        auto it = find_token_it_locked(id);
        return it == tokens_.end() ? nullptr : &it->second;
    }
    void erase_token_locked(token_map::iterator it) {
        if (it->second.doc) --docs_;
        if (auto u = issued_.find(it->second.user_id); u != issued_.end()) --u->second.live;
        tokens_.erase(it);
    }

    // A new token of user: the user's oldest live tokens are revoked past max_tokens_per_user.
    // Keys of tokens gone since (revoked, expired) are skipped, and dropped once they could
    // outnumber the live ones.
    void cap_user_locked(const std::string& user, const token_key& key) {
        user_tokens& ut = issued_[user];
        ut.keys.push_back(key);
        ++ut.live;
        while (ut.live > c_.max_tokens_per_user && !ut.keys.empty()) {
            const token_key oldest = ut.keys.front();
            ut.keys.pop_front();
            if (auto it = tokens_.find(oldest); it != tokens_.end()) erase_token_locked(it);
        }
        if (ut.keys.size() > 2 * ut.live + 16)
            std::erase_if(ut.keys, [&](const token_key& k) { return !tokens_.contains(k); });
    }

    // Revoked tokens leave their expiry entry behind: the queue is made again from the live
    // tokens once it holds twice as many entries as there are tokens.
    void bound_expiry_locked() {
        if (expiry_.size() <= 2 * tokens_.size() + 1024) return;
        std::vector<expiry_entry> live;
        live.reserve(tokens_.size());
        for (const auto& [k, t] : tokens_) live.emplace_back(t.expires, k);
        expiry_ = decltype(expiry_)(std::greater<>{}, std::move(live));
    }

    const memory_user* user_by_id_locked(std::string_view id) const {
        for (const auto& u : c_.users)
            if (u.id == id) return &u;
        return nullptr;
    }
    const memory_user* user_by_name_locked(std::string_view n) const {
        for (const auto& u : c_.users)
            if (u.name == n) return &u;
        return nullptr;
    }
    const tenant* tenant_by_id_locked(std::string_view id) const {
        for (const auto& t : c_.tenants)
            if (t.id && *t.id == id) return &t;
        return nullptr;
    }
    const tenant* tenant_by_name_locked(std::string_view n) const {
        for (const auto& t : c_.tenants)
            if (t.name && *t.name == n) return &t;
        return nullptr;
    }
    const role* role_by_id(std::string_view id) const {
        for (const auto& r : c_.roles)
            if (r.id && *r.id == id) return &r;
        return nullptr;
    }
    std::vector<const role*> roles_of(std::string_view user_id, std::string_view tenant_id) const {
        std::vector<const role*> out;
        for (const auto& a : c_.assignments)
            if (a.user_id == user_id && a.tenant_id && *a.tenant_id == tenant_id)
                if (const role* r = role_by_id(a.role_id); r && std::find(out.begin(), out.end(), r) == out.end())
                    out.push_back(r);
        return out;
    }

    static user to_user(const memory_user& u) {
        user x;
        x.id = u.id;
        x.name = u.name;
        x.username = u.name;
        x.email = u.email;
        x.enabled = u.enabled;
        x.tenant_id = u.tenant_id;
        return x;
    }

    static std::string port_of(const std::string& url) {
        auto p = url.rfind(':');
        return p == std::string::npos || url.find("//") > p ? std::string{} : url.substr(p + 1);
    }

    // $(var)s substitution; nullopt when a variable is unknown or unavailable.
    std::optional<std::string> substitute(const std::string& tpl, std::string_view user_id,
                                          std::string_view tenant_id) const {
        std::string out;
        for (std::size_t i = 0; i < tpl.size();) {
            if (tpl.compare(i, 2, "$(") == 0) {
                const auto close = tpl.find(')', i + 2);
                if (close == std::string::npos) return std::nullopt;
                const std::string var = tpl.substr(i + 2, close - i - 2);
                std::string val;
                if (var == "tenant_id" || var == "project_id") val = tenant_id;
                else if (var == "user_id") val = user_id;
                else if (var == "public_url") val = public_url_;
                else if (var == "admin_url") val = admin_url_;
                else if (var == "public_port") val = port_of(public_url_);
                else if (var == "admin_port") val = port_of(admin_url_);
                else return std::nullopt;
                if (val.empty()) return std::nullopt;
                out += val;
                i = close + 1;
                if (i < tpl.size() && tpl[i] == 's') ++i;
            } else {
                out.push_back(tpl[i++]);
            }
        }
        return out;
    }

    // A (user, tenant)'s catalog is made once: the templates, users and tenants never change, and
    // set_listener_urls() starts over.
    const std::vector<catalog_entry>& catalog_locked(std::string_view user_id, std::string_view tenant_id) const {
        const std::pair<std::string_view, std::string_view> key{user_id, tenant_id};
        auto it = catalogs_.find(key);
        if (it == catalogs_.end())
            it = catalogs_.emplace(std::pair<std::string, std::string>(key), make_catalog(user_id, tenant_id)).first;
        return it->second;
    }

    std::vector<catalog_entry> make_catalog(std::string_view user_id, std::string_view tenant_id) const {
        std::vector<catalog_entry> out;
        for (const auto& svc : c_.catalog) {
            catalog_entry e = svc;
            e.endpoints.clear();
            for (const auto& ep : svc.endpoints) {
                endpoint x = ep;
                bool ok = true;
                for (auto* url : {&x.public_url, &x.internal_url, &x.admin_url})
                    if (*url) {
                        auto s = substitute(**url, user_id, tenant_id);
                        if (!s) ok = false;
                        else *url = std::move(*s);
                    }
                if (ok) e.endpoints.push_back(std::move(x));
            }
            if (!e.endpoints_links) e.endpoints_links.emplace();
            if (!e.endpoints.empty()) out.push_back(std::move(e));
        }
        return out;
    }

    std::optional<access> build_access_locked(const token_record& t) const {
        const memory_user* u = user_by_id_locked(t.user_id);
        if (!u || !u->enabled) return std::nullopt;
        access a;
        a.token.id = t.id;
        a.token.issued_at = timestamp{std::chrono::floor<std::chrono::microseconds>(t.issued), 6};
        a.token.expires = timestamp{std::chrono::floor<std::chrono::seconds>(t.expires), 0};
        a.token.audit_ids = t.audit_ids;
        a.user.emplace();
        a.user->id = u->id;
        a.user->name = u->name;
        a.user->username = u->name;
        a.user->roles.emplace();
        a.user->roles_links.emplace();
        a.metadata.emplace();
        a.metadata->is_admin = 0;
        a.metadata->roles.emplace();
        a.service_catalog.emplace();
        if (t.tenant_id) {
            const tenant* tn = tenant_by_id_locked(*t.tenant_id);
            if (!tn || !tn->enabled.value_or(true)) return std::nullopt;
            a.token.tenant = *tn;
            for (const role* r : roles_of(u->id, *t.tenant_id)) {
                a.user->roles->push_back(role{.name = r->name});
                a.metadata->roles->push_back(*r->id);
            }
            *a.service_catalog = catalog_locked(u->id, *t.tenant_id);
        }
        return a;
    }

    memory_config c_;
    std::array<unsigned char, 32> admin_digest_;
    crypto::password_hash dummy_;
    std::mutex mu_;
    clock_fn clock_;
    std::string public_url_, admin_url_;
    token_map tokens_;
    using expiry_entry = std::pair<std::chrono::system_clock::time_point, token_key>;
    std::priority_queue<expiry_entry, std::vector<expiry_entry>, std::greater<>> expiry_;
    struct user_tokens {
        std::deque<token_key> keys;  // issue order, oldest first (some may be gone since)
        std::size_t live = 0;
    };
    std::unordered_map<std::string, user_tokens> issued_;  // by user id
    std::deque<token_key> cached_;  // tokens given a document, oldest first (some may be gone since)
    std::size_t docs_ = 0;          // records holding a document
    struct pair_less {
        using is_transparent = void;
        template <class A, class B>
        bool operator()(const A& a, const B& b) const {
            const std::string_view a1 = a.first, a2 = a.second, b1 = b.first, b2 = b.second;
            return a1 < b1 || (a1 == b1 && a2 < b2);
        }
    };
    mutable std::map<std::pair<std::string, std::string>, std::vector<catalog_entry>, pair_less> catalogs_;
};

}  // namespace openstack::identity::v2::protocol

#endif
