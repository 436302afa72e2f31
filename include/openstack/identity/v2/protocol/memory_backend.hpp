#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_MEMORY_BACKEND_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_MEMORY_BACKEND_HPP

// The example server's backend: a standard_backend over a memory_store loaded from a JSON
// configuration (memory_store.hpp describes it), with UUID tokens (uuid_provider). The
// configuration's admin_token, token_lifetime, admin_role, document_cache and
// max_tokens_per_user are the backend's and the provider's options.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/protocol/memory_store.hpp>
#include <openstack/identity/v2/protocol/standard_backend.hpp>
#include <openstack/identity/v2/protocol/token_provider.hpp>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <utility>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

// The backend's options a configuration gives (for a standard_backend over a memory_store with
// another provider, as identity-server --token-provider fernet makes).
inline backend_options memory_backend_options(const memory_config& c) {
    // An unknown user name costs what the dearest stored hash costs: a name that exists must not
    // answer slower than one that does not (a hash made at 200,000 iterations against the default
    // took 71 ms against 0.4 ms).
    unsigned iterations = c.pbkdf2_iterations;
    for (const auto& u : c.users) iterations = std::max(iterations, u.password.iterations);
    return {.admin_token = c.admin_token,
            .admin_role = c.admin_role,
            .token_lifetime = c.token_lifetime,
            .document_cache = c.document_cache,
            .pbkdf2_iterations = iterations};
}

class memory_backend final : public standard_backend {
public:
    explicit memory_backend(memory_config c) : memory_backend(parts_of(std::move(c))) {}

    std::size_t token_count() { return store_->memory_usage().tokens; }

    // What the backend holds, for monitoring: live tokens, the entries kept to expire and cap them
    // (each bounded by a small multiple of the live tokens), the validation answers kept and the
    // revocation events.
    struct usage {
        std::size_t tokens = 0, expiry_entries = 0, issue_order_entries = 0, documents = 0, revocations = 0;
    };
    usage memory_usage() {
        const auto s = store_->memory_usage();
        return {.tokens = s.tokens,
                .expiry_entries = s.expiry_entries,
                .issue_order_entries = s.issue_order_entries,
                .documents = cached_documents(),
                .revocations = s.revocations};
    }

    // Drops every expired token; returns how many.
    std::size_t purge_expired() { return store_->purge_tokens(now()).value(); }

private:
    struct parts {
        backend_options options;
        std::size_t max_tokens_per_user;
        std::shared_ptr<memory_store> store;
    };

    static parts parts_of(memory_config c) {
        auto o = memory_backend_options(c);
        const std::size_t cap = c.max_tokens_per_user;
        return {std::move(o), cap, std::make_shared<memory_store>(std::move(c))};
    }

    explicit memory_backend(parts p)
        : standard_backend(p.store, std::make_shared<uuid_provider>(p.store, p.max_tokens_per_user),
                           std::move(p.options)),
          store_(std::move(p.store)) {}

    std::shared_ptr<memory_store> store_;
};

}  // namespace openstack::identity::v2::protocol

#endif
