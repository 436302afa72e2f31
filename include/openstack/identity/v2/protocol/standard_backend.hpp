#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_STANDARD_BACKEND_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_STANDARD_BACKEND_HPP

// The backend of an identity server made of a store (protocol/store.hpp: memory or SQL) and a token
// provider (protocol/token_provider.hpp: UUID or Fernet): authentication, access documents with
// the templated catalog, revocation, and the caches that keep validation cheap.
//
// Revocation. Every token read (validation, authorization, rescoping, its endpoints and tenants)
// is checked against the store's revocation events, whichever the provider. The backend keeps
// the events in memory and fetches the new ones from the store at most every
// `revocation_refresh`: another instance's revocation (a shared SQL store) is seen within that
// time, this instance's at once. DELETE /v2.0/tokens/{id} records an event by the token's own
// audit id (the tokens rescoped from it stay good, as Keystone's), then the provider forgets the
// token (UUID: its record). Events are pruned once every token they could match has expired, at
// most a minute late.
//
// Catalog URLs may hold $(tenant_id)s (or $(project_id)s), $(user_id)s, $(public_url)s,
// $(admin_url)s, $(public_port)s and $(admin_port)s, the trailing "s" optional, substituted per
// token like Keystone's templated catalog; an endpoint with an unknown or unavailable variable is
// left out. A (user, tenant)'s catalog is made once and kept (set_listener_urls() starts over),
// until the store's templates change: they are read again at most every revocation_refresh (this
// instance's own change to them at once), and the catalogs dropped when they differ.
//
// Administration (OS-KSADM, OS-KSCRUD, OS-EC2) writes through to the store. Disabling, deleting or
// giving a new password to a user records a revocation event by user; removing a role on a
// tenant, one by user and tenant; disabling or deleting a tenant, one by tenant: so every instance
// sharing the store stops honouring the tokens within revocation_refresh.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/protocol/backend.hpp>
#include <openstack/identity/v2/protocol/crypto.hpp>
#include <openstack/identity/v2/protocol/ec2.hpp>
#include <openstack/identity/v2/protocol/store.hpp>
#include <openstack/identity/v2/protocol/token_provider.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstring>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

struct backend_options {
    std::string admin_token;  // empty: no admin token
    std::string admin_role = "admin";
    // The lifetime of a new token, and the longest any token has (a rescoped token keeps its
    // parent's expiry): revocation events are kept that long. Instances sharing a store share it.
    std::chrono::seconds token_lifetime{3600};
    std::size_t document_cache = 1024;  // validation answers kept, for this many tokens (0: none)
    // The PBKDF2 work of an unknown user's check: a name that exists must not answer slower than
    // one that does not, so at least the iterations of the dearest stored hash.
    unsigned pbkdf2_iterations = crypto::default_iterations;
    // How stale the backend's copy of the revocation events may be: one store query per interval
    // at most, and another instance's revocation seen within it (0: on every token read). A
    // second is far below a token's lifetime and costs a shared store one indexed query a second.
    std::chrono::milliseconds revocation_refresh{1000};
    std::function<time_point()> clock;  // empty: the system clock (tests move time)
};

namespace detail {

// The revocation events a backend has seen, by the fields they set: a token is looked up once per
// combination of fields that some event sets (usually one, the audit id), not against every
// event. Two events with the same fields are one, revoking what either revokes.
class revocation_index {
public:
    void add(const revocation_event& e) {
        auto [it, fresh] = shapes_[shape(e.audit_id.has_value(), e.user_id.has_value(), e.tenant_id.has_value())]
                               .try_emplace(key(e.audit_id, e.user_id, e.tenant_id),
                                            entry{e.issued_before, e.revoked_at});
        if (!fresh) {
            it->second.issued_before = std::max(it->second.issued_before, e.issued_before);
            it->second.revoked_at = std::max(it->second.revoked_at, e.revoked_at);
        }
    }

    // Whether an event matches the token: its own audit id, its user, its tenant, as the event sets.
    bool revokes(const token_data& t) const {
        for (unsigned s = 0; s < shapes_.size(); ++s) {
            if (shapes_[s].empty()) continue;
            std::optional<std::string_view> a, u, tn;
            if (s & audit_bit) {
                if (t.audit_ids.empty()) continue;
                a = t.audit_ids.front();
            }
            if (s & user_bit) u = t.user_id;
            if (s & tenant_bit) {
                if (!t.tenant_id) continue;
                tn = *t.tenant_id;
            }
            const auto it = shapes_[s].find(key(a, u, tn));
            if (it != shapes_[s].end() && t.issued <= it->second.issued_before) return true;
        }
        return false;
    }

    void prune(time_point before) {
        for (auto& m : shapes_) std::erase_if(m, [&](const auto& kv) { return kv.second.revoked_at < before; });
    }

private:
    static constexpr unsigned audit_bit = 1, user_bit = 2, tenant_bit = 4;
    static unsigned shape(bool audit, bool user, bool tenant) {
        return (audit ? audit_bit : 0) | (user ? user_bit : 0) | (tenant ? tenant_bit : 0);
    }
    // The fields the shape sets, each as its length and its text: no two field lists give one key.
    static std::string key(std::optional<std::string_view> a, std::optional<std::string_view> u,
                           std::optional<std::string_view> tn) {
        std::string k;
        for (const auto& f : {a, u, tn})
            if (f) k.append(std::to_string(f->size())).append(1, ':').append(*f);
        return k;
    }
    struct entry {
        time_point issued_before, revoked_at;
    };
    std::array<std::unordered_map<std::string, entry>, 8> shapes_;
};

}  // namespace detail

class standard_backend : public backend {
public:
    standard_backend(std::shared_ptr<store> s, std::shared_ptr<token_provider> p, backend_options o = {})
        : store_(std::move(s)), provider_(std::move(p)), opt_(std::move(o)),
          admin_digest_(crypto::sha256(opt_.admin_token)),
          dummy_(*crypto::parse_password_hash(crypto::hash_password("dummy", opt_.pbkdf2_iterations))),
          clock_(opt_.clock) {}

    // The listeners' URLs ("http://127.0.0.1:5000"), for $(public_url)s and friends.
    void set_listener_urls(std::string public_url, std::string admin_url) {
        std::lock_guard lk(mu_);
        public_url_ = std::move(public_url);
        admin_url_ = std::move(admin_url);
        catalogs_.clear();
    }

    // Tests move time.
    void set_clock(std::function<time_point()> f) {
        std::lock_guard lk(mu_);
        clock_ = std::move(f);
    }

    // Validation answers held (at most backend_options::document_cache).
    std::size_t cached_documents() {
        std::lock_guard lk(mu_);
        return docs_.size();
    }

    result<access> authenticate(const auth& a) override { return authenticate_at(a, {}); }

    result<principal> authorize(std::string_view tok) override {
        // As crypto::secrets_equal, with the admin token's digest made once.
        const token_key digest = crypto::sha256(tok);
        if (!opt_.admin_token.empty() && crypto::equal(digest.data(), admin_digest_.data(), digest.size()))
            return principal{.admin = true};
        auto t = live(tok, now());
        if (!t) return t.error();
        if (!*t) return unauthorized();
        auto sc = scope_of(**t);
        if (!sc) return sc.error();
        if (!*sc) return unauthorized();
        principal p{.user_id = (*t)->user_id, .tenant_id = (*t)->tenant_id};
        p.admin = std::any_of((*sc)->roles.begin(), (*sc)->roles.end(),
                              [&](const role& r) { return r.name == opt_.admin_role; });
        return p;
    }

    // A token is validated again and again (every service checks every request's token): the
    // answers for the last `document_cache` tokens validated are kept, so a repeat costs no copy.
    // A kept answer is handed out only after the token has been read again (expiry) and checked
    // against the revocation events.
    result<access_ptr> validate_token(std::string_view id) override {
        auto t = live(id, now());
        if (!t) return t.error();
        if (!*t) return not_found("token", "");
        const token_key key = crypto::sha256(id);
        {
            std::lock_guard lk(mu_);
            if (auto it = doc_index_.find(key); it != doc_index_.end()) return it->second->doc;
        }
        auto sc = scope_of(**t);
        if (!sc) return sc.error();
        if (!*sc) return not_found("token", "");
        auto a = make_access(**sc, **t);
        if (!a) return a.error();
        set_token(*a, std::string(id), **t);
        auto doc = std::make_shared<const access>(std::move(*a));
        if (opt_.document_cache == 0) return doc;
        std::lock_guard lk(mu_);
        if (auto it = doc_index_.find(key); it != doc_index_.end()) return it->second->doc;  // made meanwhile
        // The oldest document goes first.
        if (docs_.size() >= opt_.document_cache) {
            doc_index_.erase(docs_.front().key);
            docs_.pop_front();
        }
        docs_.push_back({key, doc});
        doc_index_.emplace(key, std::prev(docs_.end()));
        return doc;
    }

    result<endpoints> token_endpoints(std::string_view id) override {
        auto t = good(id);
        if (!t) return t.error();
        if (!*t) return not_found("token", "");
        endpoints out;
        if ((*t)->tenant_id) {
            auto cat = catalog_of((*t)->user_id, *(*t)->tenant_id);
            if (!cat) return cat.error();
            for (auto& svc : *cat)
                for (auto e : svc.endpoints) {
                    e.name = svc.name;
                    e.type = svc.type;
                    out.items.push_back(std::move(e));
                }
        }
        out.links.emplace();
        return out;
    }

    result<void> revoke_token(std::string_view id) override {
        const time_point now = this->now();
        if (auto r = maintain(now); !r) return r;
        auto t = live(id, now);
        if (!t) return t.error();
        if (!*t) return not_found("token", "");
        if (!(*t)->audit_ids.empty()) {
            // Matches the token even when it was stamped by a clock ahead of this one.
            const revocation_event e{
                .audit_id = (*t)->audit_ids.front(), .issued_before = std::max(now, (*t)->issued), .revoked_at = now};
            if (auto r = store_->add_revocation(e); !r) return r;
            std::lock_guard lk(mu_);
            revoked_.add(e);
        }
        if (auto r = provider_->revoke(id); !r) return r;
        std::lock_guard lk(mu_);
        if (auto it = doc_index_.find(crypto::sha256(id)); it != doc_index_.end()) {
            docs_.erase(it->second);
            doc_index_.erase(it);
        }
        return {};
    }

    result<tenants> tenants_for_token(std::string_view tok) override {
        auto t = good(tok);
        if (!t) return t.error();
        if (!*t) return unauthorized();
        auto list = store_->tenants_of((*t)->user_id);
        if (!list) return list.error();
        tenants out;
        out.items = std::move(*list);
        out.links.emplace();
        return out;
    }

    result<tenants> list_tenants() override {
        auto list = store_->list_tenants();
        if (!list) return list.error();
        tenants out;
        out.items = std::move(*list);
        out.links.emplace();
        return out;
    }

    result<tenant> tenant_by_id(std::string_view id) override { return found("tenant", id, store_->tenant_by_id(id)); }

    result<tenant> tenant_by_name(std::string_view name) override {
        return found("tenant", name, store_->tenant_by_name(name));
    }

    result<user> user_by_id(std::string_view id) override {
        auto u = found("user", id, store_->user_by_id(id));
        if (!u) return u.error();
        return to_user(*u);
    }

    result<user> user_by_name(std::string_view name) override {
        auto u = found("user", name, store_->user_by_name(name));
        if (!u) return u.error();
        return to_user(*u);
    }

    result<roles> user_roles(std::string_view user_id, std::optional<std::string_view> tenant_id) override {
        if (auto u = found("user", user_id, store_->user_by_id(user_id)); !u) return u.error();
        if (tenant_id)
            if (auto t = found("tenant", *tenant_id, store_->tenant_by_id(*tenant_id)); !t) return t.error();
        auto list = store_->roles_of(user_id, tenant_id);
        if (!list) return list.error();
        roles out;
        out.items = std::move(*list);
        return out;
    }

    result<tenant> create_tenant(const tenant& t) override {
        if (!t.name || t.name->empty()) return missing("tenant.name");
        tenant x{.id = t.id.value_or(crypto::random_id()),
                 .name = t.name,
                 .description = t.description.is_absent() ? nullable<std::string>(nullptr) : t.description,
                 .enabled = t.enabled.value_or(true)};
        if (auto r = store_->create_tenant(x); !r) return r.error();
        return x;
    }

    result<tenant> update_tenant(std::string_view id, const tenant& changes) override {
        auto t = found("tenant", id, store_->tenant_by_id(id));
        if (!t) return t.error();
        const bool was_enabled = t->enabled.value_or(true);
        if (changes.name) {
            if (changes.name->empty()) return missing("tenant.name");
            t->name = changes.name;
        }
        if (!changes.description.is_absent()) t->description = changes.description;
        if (changes.enabled) t->enabled = changes.enabled;
        auto r = store_->update_tenant(*t);
        if (!r) return r.error();
        if (!*r) return not_found("tenant", id);
        if (was_enabled && !t->enabled.value_or(true))
            if (auto e = revoke_by({.tenant_id = std::string(id)}); !e) return e.error();
        return std::move(*t);
    }

    result<void> delete_tenant(std::string_view id) override {
        auto r = store_->delete_tenant(id);
        if (!r) return r.error();
        if (!*r) return not_found("tenant", id);
        return revoke_by({.tenant_id = std::string(id)});
    }

    result<users> list_users() override { return users_doc(store_->list_users()); }

    result<users> tenant_users(std::string_view tenant_id) override {
        if (auto t = found("tenant", tenant_id, store_->tenant_by_id(tenant_id)); !t) return t.error();
        return users_doc(store_->users_of(tenant_id));
    }

    result<user> create_user(const user& u) override {
        if (!u.name || u.name->empty()) return missing("user.name");
        if (u.tenant_id)
            if (auto t = found("tenant", *u.tenant_id, store_->tenant_by_id(*u.tenant_id)); !t) return t.error();
        // A user made without a password has one nobody knows.
        stored_user x{.id = u.id.value_or(crypto::random_id()),
                      .name = *u.name,
                      .email = u.email,
                      .enabled = u.enabled.value_or(true),
                      .tenant_id = u.tenant_id,
                      .password = hash(u.password.value_or(crypto::random_id()))};
        if (auto r = store_->create_user(x); !r) return r.error();
        return to_user(x);
    }

    result<user> update_user(std::string_view id, const user& changes) override {
        auto u = found("user", id, store_->user_by_id(id));
        if (!u) return u.error();
        const bool was_enabled = u->enabled;
        if (changes.name) {
            if (changes.name->empty()) return missing("user.name");
            u->name = *changes.name;
        }
        if (changes.email) u->email = changes.email;
        if (changes.enabled) u->enabled = *changes.enabled;
        if (changes.tenant_id) {
            if (auto t = found("tenant", *changes.tenant_id, store_->tenant_by_id(*changes.tenant_id)); !t)
                return t.error();
            u->tenant_id = changes.tenant_id;
        }
        if (changes.password) u->password = hash(*changes.password);
        auto r = store_->update_user(*u);
        if (!r) return r.error();
        if (!*r) return not_found("user", id);
        if ((was_enabled && !u->enabled) || changes.password)
            if (auto e = revoke_by({.user_id = std::string(id)}); !e) return e.error();
        return to_user(*u);
    }

    result<void> delete_user(std::string_view id) override {
        auto r = store_->delete_user(id);
        if (!r) return r.error();
        if (!*r) return not_found("user", id);
        return revoke_by({.user_id = std::string(id)});
    }

    result<access> change_own_password(std::string_view tok, std::string_view user_id, std::string_view original,
                                       std::string_view password) override {
        auto t = good(tok);
        if (!t) return t.error();
        if (!*t) return unauthorized();
        if ((*t)->user_id != user_id) return backend_error(fault_kind::forbidden, "Token belongs to another user.");
        auto u = found("user", user_id, store_->user_by_id(user_id));
        if (!u) return u.error();
        if (!crypto::verify_password(original, u->password)) return unauthorized();
        u->password = hash(password);
        auto r = store_->update_user(*u);
        if (!r) return r.error();
        if (!*r) return not_found("user", user_id);
        const time_point at = now();
        if (auto e = revoke_by({.user_id = std::string(user_id)}, at); !e) return e.error();
        auth a;
        a.password_credentials = password_credentials{.user_id = u->id, .password = std::string(password)};
        a.tenant_id = (*t)->tenant_id;
        return authenticate_at(a, std::chrono::ceil<std::chrono::seconds>(at + std::chrono::microseconds(1)));
    }

    result<roles> list_roles() override {
        auto list = store_->list_roles();
        if (!list) return list.error();
        roles out;
        out.items = std::move(*list);
        return out;
    }

    result<role> role_by_id(std::string_view id) override {
        auto list = store_->list_roles();
        if (!list) return list.error();
        for (auto& r : *list)
            if (r.id == id) return std::move(r);
        return not_found("role", id);
    }

    result<role> create_role(const role& r) override {
        if (!r.name || r.name->empty()) return missing("role.name");
        role x{.id = r.id.value_or(crypto::random_id()), .name = r.name};
        if (auto c = store_->create_role(x); !c) return c.error();
        return x;
    }

    result<void> delete_role(std::string_view id) override {
        auto r = store_->delete_role(id);
        if (!r) return r.error();
        if (!*r) return not_found("role", id);
        forget_documents();
        return {};
    }

    result<role> grant_role(std::string_view user_id, std::optional<std::string_view> tenant_id,
                            std::string_view role_id) override {
        if (auto u = found("user", user_id, store_->user_by_id(user_id)); !u) return u.error();
        if (tenant_id)
            if (auto t = found("tenant", *tenant_id, store_->tenant_by_id(*tenant_id)); !t) return t.error();
        auto ro = role_by_id(role_id);
        if (!ro) return ro.error();
        auto r = store_->grant({.user_id = std::string(user_id),
                                .tenant_id = opt_string(tenant_id),
                                .role_id = std::string(role_id)});
        if (!r) return r.error();
        if (!*r) return conflict("Conflict occurred attempting to store role grant - the user has the role.");
        // Documents of the user's tokens list the roles they had.
        forget_documents();
        return ro;
    }

    result<void> revoke_role(std::string_view user_id, std::optional<std::string_view> tenant_id,
                             std::string_view role_id) override {
        auto r = store_->revoke({.user_id = std::string(user_id),
                                 .tenant_id = opt_string(tenant_id),
                                 .role_id = std::string(role_id)});
        if (!r) return r.error();
        if (!*r) return not_found("role grant", role_id);
        if (tenant_id) return revoke_by({.user_id = std::string(user_id), .tenant_id = std::string(*tenant_id)});
        forget_documents();
        return {};
    }

    result<services> list_services() override {
        auto list = store_->list_services();
        if (!list) return list.error();
        services out;
        for (const auto& x : *list) out.items.push_back(to_service(x));
        return out;
    }

    result<service> service_by_id(std::string_view id) override {
        auto list = store_->list_services();
        if (!list) return list.error();
        for (const auto& x : *list)
            if (x.id == id) return to_service(x);
        return not_found("service", id);
    }

    result<service> create_service(const service& s) override {
        if (s.type.empty()) return missing("OS-KSADM:service.type");
        stored_service x{.id = s.id.value_or(crypto::random_id()), .description = s.description, .entry = {}};
        x.entry.type = s.type;
        x.entry.name = s.name;
        if (auto r = store_->create_service(x); !r) return r.error();
        catalog_changed();
        return to_service(x);
    }

    result<void> delete_service(std::string_view id) override {
        auto r = store_->delete_service(id);
        if (!r) return r.error();
        if (!*r) return not_found("service", id);
        catalog_changed();
        return {};
    }

    result<std::vector<std::pair<std::string, endpoint>>> list_endpoints() override {
        auto list = store_->list_services();
        if (!list) return list.error();
        std::vector<std::pair<std::string, endpoint>> out;
        for (const auto& x : *list)
            for (const auto& e : x.entry.endpoints) out.emplace_back(x.id, e);
        return out;
    }

    result<endpoint> create_endpoint(std::string_view service_id, const endpoint& e) override {
        endpoint x = e;
        if (!x.id) x.id = crypto::random_id();
        auto r = store_->add_endpoint(service_id, x);
        if (!r) return r.error();
        if (!*r) return not_found("service", service_id);
        catalog_changed();
        return x;
    }

    result<void> delete_endpoint(std::string_view id) override {
        auto r = store_->delete_endpoint(id);
        if (!r) return r.error();
        if (!*r) return not_found("endpoint", id);
        catalog_changed();
        return {};
    }

    result<credential> create_ec2_credential(std::string_view user_id, std::string_view tenant_id) override {
        if (auto u = found("user", user_id, store_->user_by_id(user_id)); !u) return u.error();
        if (auto t = found("tenant", tenant_id, store_->tenant_by_id(tenant_id)); !t) return t.error();
        const ec2_record c{.access = crypto::random_id(),
                           .secret = crypto::random_id(),
                           .user_id = std::string(user_id),
                           .tenant_id = std::string(tenant_id)};
        if (auto r = store_->create_ec2(c); !r) return r.error();
        return to_credential(c);
    }

    result<std::vector<credential>> list_ec2_credentials(std::string_view user_id) override {
        if (auto u = found("user", user_id, store_->user_by_id(user_id)); !u) return u.error();
        auto list = store_->ec2_of(user_id);
        if (!list) return list.error();
        std::vector<credential> out;
        for (const auto& c : *list) out.push_back(to_credential(c));
        return out;
    }

    result<credential> ec2_credential(std::string_view user_id, std::string_view access) override {
        auto c = store_->ec2_by_access(access);
        if (!c) return c.error();
        if (!*c || (*c)->user_id != user_id) return not_found("credential", access);
        return to_credential(**c);
    }

    result<void> delete_ec2_credential(std::string_view user_id, std::string_view access) override {
        if (auto c = ec2_credential(user_id, access); !c) return c.error();
        auto r = store_->delete_ec2(access);
        if (!r) return r.error();
        if (!*r) return not_found("credential", access);
        return {};
    }

    // As Keystone's ec2tokens: the credential's user, scoped to its tenant, without a password.
    result<access> ec2_authenticate(const ec2_request& q) override {
        const time_point now = this->now();
        if (auto r = maintain(now); !r) return r.error();
        auto c = store_->ec2_by_access(q.access);
        if (!c) return c.error();
        if (!*c) return backend_error(fault_kind::unauthorized, "EC2 access key not found.");
        auto ok = ec2::signed_with(q, (*c)->secret);
        if (!ok) return ok.error();
        if (!*ok) return backend_error(fault_kind::unauthorized, "Invalid EC2 signature.");
        auto u = store_->user_by_id((*c)->user_id);
        if (!u) return u.error();
        if (!*u) return unauthorized();
        if (!(*u)->enabled)
            return backend_error(fault_kind::user_disabled, "The account is disabled for user: " + (*u)->id + ".");
        token_data t{.issued = now};
        t.expires = now + opt_.token_lifetime;
        t.audit_ids.push_back(crypto::random_audit_id());
        t.methods = fernet::method::password;
        return issue(std::move(**u), std::move(t), (*c)->tenant_id, std::nullopt);
    }

protected:
    time_point now() {
        std::lock_guard lk(mu_);
        return clock_ ? clock_() : std::chrono::system_clock::now();
    }

private:
    // How far the clocks of instances sharing a store (and the store's commits) may disagree:
    // fetches of revocation events overlap by this much, and events are kept this much longer.
    static constexpr std::chrono::seconds skew{10};
    // Expired tokens are purged, and old revocation events pruned, at most this often.
    static constexpr std::chrono::minutes maintenance{1};
    // Catalogs kept: a store may hold far more (user, tenant) pairs than a configuration (a few
    // KiB each). Past it they are made again as they are asked for.
    static constexpr std::size_t max_catalogs = 10'000;

    // What a token's document is made of.
    struct scope {
        stored_user user;
        std::optional<tenant> project;  // the tenant
        std::vector<role> roles;        // on the tenant
    };

    static error unauthorized() {
        return backend_error(fault_kind::unauthorized, "The request you have made requires authentication.");
    }
    static error not_found(std::string_view what, std::string_view id) {
        std::string m = "Could not find " + std::string(what);
        if (!id.empty()) m += ": " + std::string(id);
        return backend_error(fault_kind::item_not_found, m + ".");
    }
    template <class T>
    static result<T> found(std::string_view what, std::string_view id, result<std::optional<T>> r) {
        if (!r) return r.error();
        if (!*r) return not_found(what, id);
        return std::move(**r);
    }

    // A token issued no earlier than not_before: past the revocation events of a password just
    // changed, whose second a Fernet token's issue time (whole seconds) would fall in.
    result<access> authenticate_at(const auth& a, time_point not_before) {
        const time_point now = std::max(this->now(), not_before);
        if (auto r = maintain(now); !r) return r.error();
        std::optional<stored_user> u;
        token_data t{.issued = now};
        if (a.password_credentials) {
            const auto& pc = *a.password_credentials;
            result<std::optional<stored_user>> found{std::nullopt};
            if (pc.user_id && !pc.user_id->empty()) found = store_->user_by_id(*pc.user_id);
            else if (pc.username) found = store_->user_by_name(*pc.username);
            if (!found) return found.error();
            u = std::move(*found);
            // The same work whether or not the user exists.
            const bool ok = crypto::verify_password(pc.password, u ? u->password : dummy_) && u;
            if (!ok) return unauthorized();
            if (!u->enabled)
                return backend_error(fault_kind::user_disabled, "The account is disabled for user: " + u->id + ".");
            t.expires = now + opt_.token_lifetime;
            t.audit_ids.push_back(crypto::random_audit_id());
            t.methods = fernet::method::password;
        } else if (a.token) {
            auto parent = live(a.token->id, now);
            if (!parent) return parent.error();
            if (!*parent) return unauthorized();
            auto sc = scope_of(**parent);
            if (!sc) return sc.error();
            if (!*sc) return unauthorized();
            u = std::move((*sc)->user);
            t.expires = (*parent)->expires;  // a rescoped token keeps the original expiry
            t.audit_ids.push_back(crypto::random_audit_id());
            if (!(*parent)->audit_ids.empty()) t.audit_ids.push_back((*parent)->audit_ids.front());
            t.methods = (*parent)->methods | fernet::method::token;
        } else {
            return unauthorized();  // EC2 credentials come to POST /v2.0/ec2tokens
        }
        return issue(std::move(*u), std::move(t), a.tenant_id, a.tenant_name);
    }

    // A new token of the user, scoped to the tenant (by id, else by name) when one is given.
    result<access> issue(stored_user u, token_data t, const std::optional<std::string>& tenant_id,
                         const std::optional<std::string>& tenant_name) {
        t.user_id = u.id;
        scope sc{.user = std::move(u)};
        if (tenant_id || tenant_name) {
            auto found = tenant_id ? store_->tenant_by_id(*tenant_id) : store_->tenant_by_name(*tenant_name);
            if (!found) return found.error();
            if (!*found || !(*found)->enabled.value_or(true)) return unauthorized();
            auto roles = store_->roles_of(sc.user.id, *(*found)->id);
            if (!roles) return roles.error();
            if (roles->empty()) return unauthorized();
            t.tenant_id = (*found)->id;
            sc.project = std::move(*found);
            sc.roles = std::move(*roles);
        }
        auto doc = make_access(sc, t);
        if (!doc) return doc.error();
        auto id = provider_->issue(t);
        if (!id) return id.error();
        set_token(*doc, std::move(*id), t);
        return std::move(*doc);
    }

    static error missing(std::string path) {
        error e;
        e.code = make_error_code(errc::missing_member);
        e.kind = fault_kind::bad_request;
        e.path = std::move(path);
        e.message = "required member missing";
        return e;
    }

    static std::optional<std::string> opt_string(std::optional<std::string_view> s) {
        return s ? std::optional<std::string>(*s) : std::nullopt;
    }

    crypto::password_hash hash(std::string_view password) const {
        return *crypto::parse_password_hash(crypto::hash_password(password, opt_.pbkdf2_iterations));
    }

    result<users> users_doc(result<std::vector<stored_user>> list) {
        if (!list) return list.error();
        users out;
        for (const auto& u : *list) out.items.push_back(to_user(u));
        return out;
    }

    static service to_service(const stored_service& x) {
        return service{.id = x.id, .name = x.entry.name, .type = x.entry.type, .description = x.description};
    }

    static credential to_credential(const ec2_record& c) {
        credential x;
        x.access = c.access;
        x.secret = c.secret;
        x.user_id = c.user_id;
        x.tenant_id = c.tenant_id;
        x.trust_id = nullptr;
        return x;
    }

    // Revokes the tokens an event matches, issued at or before `at`: recorded in the store (other
    // instances fetch it) and in this backend's index at once.
    result<void> revoke_by(revocation_event e, std::optional<time_point> at = std::nullopt) {
        const time_point t = at.value_or(now());
        e.issued_before = t;
        e.revoked_at = t;
        if (auto r = store_->add_revocation(e); !r) return r;
        std::lock_guard lk(mu_);
        revoked_.add(e);
        return {};
    }

    // The validation answers kept list roles: a role's removal or a new grant makes them again.
    void forget_documents() {
        std::lock_guard lk(mu_);
        docs_.clear();
        doc_index_.clear();
    }

    // This instance's change to the catalog: the templates are read again for the next token.
    void catalog_changed() {
        std::lock_guard lk(mu_);
        templates_at_.reset();
    }

    // The store's templates, read again when revocation_refresh has passed since the last read
    // (another instance's change is seen within it); the catalogs made from older ones are dropped
    // when they changed.
    using templates_ptr = std::shared_ptr<const std::vector<catalog_entry>>;
    result<templates_ptr> templates() {
        const time_point t = now();
        {
            std::lock_guard lk(mu_);
            if (templates_ && templates_at_ && t >= *templates_at_ && t - *templates_at_ < opt_.revocation_refresh)
                return templates_;
        }
        auto fresh = store_->catalog();
        if (!fresh) return fresh.error();
        std::lock_guard lk(mu_);
        if (!templates_ || *fresh != *templates_) {
            templates_ = std::make_shared<const std::vector<catalog_entry>>(std::move(*fresh));
            catalogs_.clear();
        }
        templates_at_ = t;
        return templates_;
    }

    // The token, unless it is unknown, expired or revoked.
    result<std::optional<token_data>> live(std::string_view id, time_point now) {
        if (auto r = refresh(now); !r) return r.error();
        auto t = provider_->read(id, now);
        if (!t || !*t) return t;
        std::lock_guard lk(mu_);
        if (revoked_.revokes(**t)) return std::nullopt;
        return t;
    }

    // The token, unless it is unknown, expired or revoked, or its user or tenant is gone or
    // disabled.
    result<std::optional<token_data>> good(std::string_view id) {
        auto t = live(id, now());
        if (!t || !*t) return t;
        auto sc = scope_of(**t);
        if (!sc) return sc.error();
        if (!*sc) return std::nullopt;
        return t;
    }

    // The revocation events recorded since the last fetch, when it is older than
    // revocation_refresh. One fetch at a time: the others wait for it, then find it fresh.
    result<void> refresh(time_point now) {
        std::lock_guard rl(refresh_mu_);
        if (fetched_ && now >= *fetched_ && now - *fetched_ < opt_.revocation_refresh) return {};
        // The first fetch needs no event older than the tokens it could match.
        const time_point since = fetched_ ? *fetched_ - skew : now - opt_.token_lifetime - skew;
        auto events = store_->revocations(since);
        if (!events) return events.error();
        {
            std::lock_guard lk(mu_);
            for (const auto& e : *events) revoked_.add(e);
        }
        fetched_ = now;
        return {};
    }

    // Expired tokens purged and revocation events pruned, when the last time is a minute old.
    result<void> maintain(time_point now) {
        {
            std::lock_guard lk(mu_);
            if (maintained_ && now >= *maintained_ && now - *maintained_ < maintenance) return {};
            maintained_ = now;
        }
        if (auto r = store_->purge_tokens(now); !r) return r.error();
        const time_point before = now - opt_.token_lifetime - skew;
        if (auto r = store_->prune_revocations(before); !r) return r.error();
        std::lock_guard lk(mu_);
        revoked_.prune(before);
        return {};
    }

    // The user and tenant of a token that is still good, with the roles; std::nullopt when the
    // user or the tenant is gone or disabled.
    result<std::optional<scope>> scope_of(const token_data& t) {
        auto u = store_->user_by_id(t.user_id);
        if (!u) return u.error();
        if (!*u || !(*u)->enabled) return std::nullopt;
        scope sc{.user = std::move(**u)};
        if (t.tenant_id) {
            auto tn = store_->tenant_by_id(*t.tenant_id);
            if (!tn) return tn.error();
            if (!*tn || !(*tn)->enabled.value_or(true)) return std::nullopt;
            auto roles = store_->roles_of(t.user_id, *t.tenant_id);
            if (!roles) return roles.error();
            sc.project = std::move(*tn);
            sc.roles = std::move(*roles);
        }
        return sc;
    }

    // The access document but for the token's id, issue time and expiry (set_token).
    result<access> make_access(const scope& sc, const token_data& t) {
        access a;
        a.user.emplace();
        a.user->id = sc.user.id;
        a.user->name = sc.user.name;
        a.user->username = sc.user.name;
        a.user->roles.emplace();
        a.user->roles_links.emplace();
        a.metadata.emplace();
        a.metadata->is_admin = 0;
        a.metadata->roles.emplace();
        a.service_catalog.emplace();
        if (sc.project) {
            a.token.tenant = *sc.project;
            for (const role& r : sc.roles) {
                a.user->roles->push_back(role{.name = r.name});
                a.metadata->roles->push_back(*r.id);
            }
            auto cat = catalog_of(sc.user.id, *sc.project->id);
            if (!cat) return cat.error();
            *a.service_catalog = std::move(*cat);
        }
        a.token.audit_ids = t.audit_ids;
        return a;
    }

    static void set_token(access& a, std::string id, const token_data& t) {
        a.token.id = std::move(id);
        a.token.issued_at = timestamp{std::chrono::floor<std::chrono::microseconds>(t.issued), 6};
        a.token.expires = timestamp{std::chrono::floor<std::chrono::seconds>(t.expires), 0};
    }

    static user to_user(const stored_user& u) {
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
    static std::optional<std::string> substitute(const std::string& tpl, std::string_view user_id,
                                                 std::string_view tenant_id, const std::string& public_url,
                                                 const std::string& admin_url) {
        std::string out;
        for (std::size_t i = 0; i < tpl.size();) {
            if (tpl.compare(i, 2, "$(") == 0) {
                const auto close = tpl.find(')', i + 2);
                if (close == std::string::npos) return std::nullopt;
                const std::string var = tpl.substr(i + 2, close - i - 2);
                std::string val;
                if (var == "tenant_id" || var == "project_id") val = tenant_id;
                else if (var == "user_id") val = user_id;
                else if (var == "public_url") val = public_url;
                else if (var == "admin_url") val = admin_url;
                else if (var == "public_port") val = port_of(public_url);
                else if (var == "admin_port") val = port_of(admin_url);
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

    // A (user, tenant)'s catalog, made once from the store's templates.
    result<std::vector<catalog_entry>> catalog_of(std::string_view user_id, std::string_view tenant_id) {
        const std::pair<std::string_view, std::string_view> key{user_id, tenant_id};
        auto templates = this->templates();
        if (!templates) return templates.error();
        std::string public_url, admin_url;
        {
            std::lock_guard lk(mu_);
            if (auto it = catalogs_.find(key); it != catalogs_.end()) return it->second;
            public_url = public_url_;
            admin_url = admin_url_;
        }
        std::vector<catalog_entry> out;
        for (const auto& svc : **templates) {
            catalog_entry e = svc;
            e.endpoints.clear();
            for (const auto& ep : svc.endpoints) {
                endpoint x = ep;
                bool ok = true;
                for (auto* url : {&x.public_url, &x.internal_url, &x.admin_url})
                    if (*url) {
                        auto s = substitute(**url, user_id, tenant_id, public_url, admin_url);
                        if (!s) ok = false;
                        else *url = std::move(*s);
                    }
                if (ok) e.endpoints.push_back(std::move(x));
            }
            if (!e.endpoints_links) e.endpoints_links.emplace();
            if (!e.endpoints.empty()) out.push_back(std::move(e));
        }
        std::lock_guard lk(mu_);
        // Unless set_listener_urls() or new templates came meanwhile: this one was made from the old.
        if (public_url == public_url_ && admin_url == admin_url_ && *templates == templates_) {
            if (catalogs_.size() >= max_catalogs) catalogs_.clear();
            catalogs_.emplace(std::pair<std::string, std::string>(key), out);
        }
        return out;
    }

    const std::shared_ptr<store> store_;
    const std::shared_ptr<token_provider> provider_;
    const backend_options opt_;
    const token_key admin_digest_;
    const crypto::password_hash dummy_;

    std::mutex mu_;  // what follows, but for fetched_
    std::function<time_point()> clock_;
    std::string public_url_, admin_url_;
    struct pair_less {
        using is_transparent = void;
        template <class A, class B>
        bool operator()(const A& a, const B& b) const {
            const std::string_view a1 = a.first, a2 = a.second, b1 = b.first, b2 = b.second;
            return a1 < b1 || (a1 == b1 && a2 < b2);
        }
    };
    std::map<std::pair<std::string, std::string>, std::vector<catalog_entry>, pair_less> catalogs_;
    templates_ptr templates_;                 // the store's, which catalogs_ were made from
    std::optional<time_point> templates_at_;  // when they were read
    struct cached_doc {
        token_key key;
        access_ptr doc;
    };
    struct key_hash {
        std::size_t operator()(const token_key& k) const noexcept {
            std::size_t h;
            std::memcpy(&h, k.data(), sizeof h);
            return h;
        }
    };
    std::list<cached_doc> docs_;  // oldest first
    std::unordered_map<token_key, std::list<cached_doc>::iterator, key_hash> doc_index_;
    detail::revocation_index revoked_;
    std::optional<time_point> maintained_;

    std::mutex refresh_mu_;
    std::optional<time_point> fetched_;  // when the revocation events were last fetched
};

}  // namespace openstack::identity::v2::protocol

#endif
