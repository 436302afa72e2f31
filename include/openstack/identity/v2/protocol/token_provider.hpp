#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_TOKEN_PROVIDER_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_TOKEN_PROVIDER_HPP

// Token providers: what a token id stands for, and where that is kept. A UUID token is a random id
// whose data a store keeps (uuid_provider); a Fernet token carries its data, encrypted and signed
// with the key repository's keys, and nothing is kept (fernet_provider). Revocation is the
// backend's (standard_backend): every token is checked against the store's revocation events, of
// either provider.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/protocol/crypto.hpp>
#include <openstack/identity/v2/protocol/fernet.hpp>
#include <openstack/identity/v2/protocol/store.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

// What a token says.
struct token_data {
    std::string user_id;
    std::optional<std::string> tenant_id;  // the scope
    time_point issued;
    time_point expires;
    std::vector<std::string> audit_ids;  // the token's own first, then the chain it was rescoped from
    std::uint64_t methods = 0;           // fernet::method bits; a UUID token keeps none (0)
    friend bool operator==(const token_data&, const token_data&) = default;
};

class token_provider {
public:
    virtual ~token_provider() = default;

    // A new token's id. t.issued is rounded to what the token keeps (Fernet: whole seconds), so
    // that a document made from t is the one that reading the token makes later.
    virtual result<std::string> issue(token_data& t) = 0;

    // The token's data; std::nullopt when the id is no token of this provider, or one expired at
    // `now`. An error: the provider cannot answer (its store).
    virtual result<std::optional<token_data>> read(std::string_view id, time_point now) = 0;

    // Forgets what the provider keeps of the token (DELETE /v2.0/tokens/{id}, after the backend
    // has recorded the revocation event).
    virtual result<void> revoke(std::string_view id) = 0;
};

// 128-bit random ids (32 hex digits, Keystone's UUID tokens), kept in a store under their SHA-256.
class uuid_provider final : public token_provider {
public:
    // max_per_user: the live tokens a user may hold; past it, the user's oldest are removed.
    // Rescoping costs no password hash, so without it one user could fill the store (200,000
    // tokens in 14 s). A thousand covers a service account whose every worker holds a few.
    explicit uuid_provider(std::shared_ptr<store> s, std::size_t max_per_user = 1000)
        : store_(std::move(s)), max_per_user_(max_per_user) {}

    result<std::string> issue(token_data& t) override {
        std::string id = crypto::random_id();
        auto r = store_->put_token(crypto::sha256(id),
                                   {.user_id = t.user_id,
                                    .tenant_id = t.tenant_id,
                                    .issued = t.issued,
                                    .expires = t.expires,
                                    .audit_ids = t.audit_ids},
                                   max_per_user_);
        if (!r) return r.error();
        return id;
    }

    result<std::optional<token_data>> read(std::string_view id, time_point now) override {
        if (id.empty()) return std::nullopt;
        auto r = store_->find_token(crypto::sha256(id), now);
        if (!r) return r.error();
        if (!*r) return std::nullopt;
        token_record& t = **r;
        return token_data{.user_id = std::move(t.user_id),
                          .tenant_id = std::move(t.tenant_id),
                          .issued = t.issued,
                          .expires = t.expires,
                          .audit_ids = std::move(t.audit_ids)};
    }

    result<void> revoke(std::string_view id) override {
        auto r = store_->erase_token(crypto::sha256(id));
        if (!r) return r.error();
        return {};
    }

private:
    std::shared_ptr<store> store_;
    std::size_t max_per_user_;
};

// Keystone's Fernet tokens (fernet.hpp): the user, the methods, the tenant (as the payload's
// project), the expiry and the audit ids, in the token itself; the issue time is the Fernet
// timestamp. Any instance that has the keys reads them: nothing is kept, so revoking one is the
// revocation event alone.
class fernet_provider final : public token_provider {
public:
    // Fixed keys, never read again.
    explicit fernet_provider(fernet::provider keys)
        : keys_(std::make_shared<const fernet::provider>(std::move(keys))) {}

    // The keys of a key repository, read again at most once per `refresh` while tokens are
    // minted and read: a rotation (identity-manage fernet-rotate, or a repository copied from
    // the node that rotates) takes effect without a restart, as Keystone reads its repository
    // for every token. A repository that cannot be read at that moment (a copy half done, a bad
    // file) leaves the keys as they were, and is tried again a `refresh` later. The first read
    // must succeed: its error is returned.
    static result<std::shared_ptr<fernet_provider>> open(std::filesystem::path repository,
                                                         std::chrono::milliseconds refresh = std::chrono::seconds(1)) {
        auto keys = fernet::provider::load(repository);
        if (!keys) return keys.error();
        auto p = std::make_shared<fernet_provider>(std::move(*keys));
        p->repository_ = std::move(repository);
        p->refresh_ = refresh;
        p->next_check_ = ticks(std::chrono::steady_clock::now() + refresh);
        return p;
    }

    result<std::string> issue(token_data& t) override {
        const auto issued = std::chrono::floor<std::chrono::seconds>(t.issued);
        t.issued = issued;
        return keys()->mint({.user_id = t.user_id,
                             .methods = t.methods,
                             .project_id = t.tenant_id,
                             .expires_at = std::chrono::floor<std::chrono::microseconds>(t.expires),
                             .audit_ids = t.audit_ids},
                            issued);
    }

    result<std::optional<token_data>> read(std::string_view id, time_point now) override {
        auto r = keys()->read(id, now);
        // Not ours, tampered with or expired: no such token, as Keystone answers (404).
        if (!r) {
            if (r.error().kind == fault_kind::item_not_found) return std::nullopt;
            return r.error();
        }
        fernet::payload& p = r->payload;
        return token_data{.user_id = std::move(p.user_id),
                          .tenant_id = std::move(p.project_id),
                          .issued = r->issued_at,
                          .expires = p.expires_at,
                          .audit_ids = std::move(p.audit_ids),
                          .methods = p.methods};
    }

    // Nothing is kept: the revocation event does it all.
    result<void> revoke(std::string_view) override { return {}; }

private:
    static std::int64_t ticks(std::chrono::steady_clock::time_point t) { return t.time_since_epoch().count(); }

    // The keys in use, after reading the repository again when it is time to (one thread reads
    // it; the others go on with the keys they have).
    std::shared_ptr<const fernet::provider> keys() {
        if (!repository_.empty()) {
            const auto t = std::chrono::steady_clock::now();
            if (ticks(t) >= next_check_.load(std::memory_order_relaxed)) {
                std::unique_lock reading(reload_mu_, std::try_to_lock);
                if (reading && ticks(t) >= next_check_.load(std::memory_order_relaxed)) {
                    if (auto k = fernet::provider::load(repository_)) {
                        auto fresh = std::make_shared<const fernet::provider>(std::move(*k));
                        std::lock_guard l(mu_);
                        keys_ = std::move(fresh);
                    }
                    next_check_.store(ticks(t + refresh_), std::memory_order_relaxed);
                }
            }
        }
        std::lock_guard l(mu_);
        return keys_;
    }

    std::mutex mu_;  // keys_
    std::shared_ptr<const fernet::provider> keys_;
    std::filesystem::path repository_;  // empty: fixed keys
    std::chrono::milliseconds refresh_{0};
    std::mutex reload_mu_;
    std::atomic<std::int64_t> next_check_{0};
};

}  // namespace openstack::identity::v2::protocol

#endif
