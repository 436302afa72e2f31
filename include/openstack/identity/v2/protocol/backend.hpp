#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_BACKEND_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_BACKEND_HPP

// What a server needs from an identity store. The adapter (handler.hpp) does the protocol:
// routing, negotiation, validation, faults, status codes and headers; a backend only answers
// questions about users, tenants, roles and tokens.
//
// Every method returns v2::result<T>. On failure the error's `kind` says which fault the client
// gets:
//   unauthorized          401 (bad credentials, unknown or expired token given as credentials)
//   user_disabled         403
//   forbidden             403
//   item_not_found        404 (unknown or expired token, unknown user/tenant)
//   service_unavailable   503 (the store cannot answer)
// Anything else, and any exception escaping a backend call, is answered 503 without the
// exception's text. Backends are called from several threads at once and must be thread-safe.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/model.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

// Who is calling, from the X-Auth-Token of a request.
struct principal {
    std::optional<std::string> user_id;    // absent for a service (admin) token
    std::optional<std::string> tenant_id;  // the token's scope
    bool admin = false;                    // may call the admin API
};

class backend {
public:
    virtual ~backend() = default;

    // POST /v2.0/tokens. The request has been read and validated (exactly one credential,
    // tenantId and tenantName not both). Answers the whole access document.
    virtual result<access> authenticate(const auth& request) = 0;

    // Resolves an X-Auth-Token. Unknown or expired: an error of kind unauthorized.
    virtual result<principal> authorize(std::string_view auth_token) = 0;

    // GET and HEAD /v2.0/tokens/{id}: the token's access document. Unknown or expired:
    // item_not_found. The hot path of every deployment, hence a shared document (a store can
    // build it once per token) rather than a copy per call.
    virtual result<access_ptr> validate_token(std::string_view token_id) = 0;

    // GET /v2.0/tokens/{id}/endpoints.
    virtual result<endpoints> token_endpoints(std::string_view token_id) = 0;

    // DELETE /v2.0/tokens/{id}.
    virtual result<void> revoke_token(std::string_view token_id) = 0;

    // GET /v2.0/tenants on the public listener: the tenants the token's user may scope to.
    virtual result<tenants> tenants_for_token(std::string_view auth_token) = 0;

    // Admin lookups.
    virtual result<tenants> list_tenants() = 0;
    virtual result<tenant> tenant_by_id(std::string_view id) = 0;
    virtual result<tenant> tenant_by_name(std::string_view name) = 0;
    virtual result<user> user_by_id(std::string_view id) = 0;
    virtual result<user> user_by_name(std::string_view name) = 0;
    // Roles of a user on a tenant, or the user's global roles when tenant_id is empty.
    virtual result<roles> user_roles(std::string_view user_id, std::optional<std::string_view> tenant_id) = 0;
};

// A failure of the given kind, for backends.
inline error backend_error(fault_kind kind, std::string message) {
    error e;
    e.kind = kind;
    e.message = std::move(message);
    return e;
}

}  // namespace openstack::identity::v2::protocol

#endif
