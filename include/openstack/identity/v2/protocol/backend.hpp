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

// A failure of the given kind, for backends.
inline error backend_error(fault_kind kind, std::string message) {
    error e;
    e.kind = kind;
    e.message = std::move(message);
    return e;
}

// What the admin operations of a backend or store that does not administer its identity answer:
// forbidden (403).
inline error read_only_error() { return backend_error(fault_kind::forbidden, "This identity store is read-only."); }

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

    // Administration: OS-KSADM, OS-KSCRUD and OS-EC2. The documents have been read and validated.
    // An unknown id is item_not_found; a taken name (or id) tenant_conflict (409). A new row
    // gets a random id unless the document gives one. A backend that does not administer its
    // identity keeps these defaults: forbidden (403), "read-only".
    virtual result<tenant> create_tenant(const tenant& /*t*/) { return read_only_error(); }
    // The members the document sets replace the tenant's.
    virtual result<tenant> update_tenant(std::string_view /*id*/, const tenant& /*changes*/) {
        return read_only_error();
    }
    virtual result<void> delete_tenant(std::string_view /*id*/) { return read_only_error(); }
    virtual result<users> list_users() { return read_only_error(); }
    // The users with a role on the tenant.
    virtual result<users> tenant_users(std::string_view /*tenant_id*/) { return read_only_error(); }
    // A password absent: one nobody knows.
    virtual result<user> create_user(const user& /*u*/) { return read_only_error(); }
    // The members the document sets replace the user's (a password is hashed). Disabling the
    // user or changing the password revokes the user's tokens.
    virtual result<user> update_user(std::string_view /*id*/, const user& /*changes*/) { return read_only_error(); }
    virtual result<void> delete_user(std::string_view /*id*/) { return read_only_error(); }
    // PATCH /v2.0/OS-KSCRUD/users/{id}: the token's own user changes the password, proving the
    // original; the user's tokens are revoked, and the answer is a new token of the same scope.
    virtual result<access> change_own_password(std::string_view /*auth_token*/, std::string_view /*user_id*/,
                                               std::string_view /*original*/, std::string_view /*password*/) {
        return read_only_error();
    }
    virtual result<roles> list_roles() { return read_only_error(); }
    virtual result<role> role_by_id(std::string_view /*id*/) { return read_only_error(); }
    virtual result<role> create_role(const role& /*r*/) { return read_only_error(); }
    virtual result<void> delete_role(std::string_view /*id*/) { return read_only_error(); }
    // A role of the user on the tenant, or a global role when tenant_id is absent. Removing one
    // from a tenant revokes the user's tokens scoped to it.
    virtual result<role> grant_role(std::string_view /*user_id*/, std::optional<std::string_view> /*tenant_id*/,
                                    std::string_view /*role_id*/) {
        return read_only_error();
    }
    virtual result<void> revoke_role(std::string_view /*user_id*/, std::optional<std::string_view> /*tenant_id*/,
                                     std::string_view /*role_id*/) {
        return read_only_error();
    }
    virtual result<services> list_services() { return read_only_error(); }
    virtual result<service> service_by_id(std::string_view /*id*/) { return read_only_error(); }
    virtual result<service> create_service(const service& /*s*/) { return read_only_error(); }
    virtual result<void> delete_service(std::string_view /*id*/) { return read_only_error(); }  // with its endpoints
    // The catalog's endpoints with the id of their service. The next token's catalog has the change.
    virtual result<std::vector<std::pair<std::string, endpoint>>> list_endpoints() { return read_only_error(); }
    virtual result<endpoint> create_endpoint(std::string_view /*service_id*/, const endpoint& /*e*/) {
        return read_only_error();
    }
    virtual result<void> delete_endpoint(std::string_view /*id*/) { return read_only_error(); }
    // OS-EC2 credentials of a user: a new access key and secret for the tenant.
    virtual result<credential> create_ec2_credential(std::string_view /*user_id*/, std::string_view /*tenant_id*/) {
        return read_only_error();
    }
    virtual result<std::vector<credential>> list_ec2_credentials(std::string_view /*user_id*/) {
        return read_only_error();
    }
    virtual result<credential> ec2_credential(std::string_view /*user_id*/, std::string_view /*access*/) {
        return read_only_error();
    }
    virtual result<void> delete_ec2_credential(std::string_view /*user_id*/, std::string_view /*access*/) {
        return read_only_error();
    }
    // POST /v2.0/ec2tokens: a token for the credential's user and tenant, when the request's
    // signature (v2 or v4) is the credential's secret's.
    virtual result<access> ec2_authenticate(const ec2_request& /*request*/) { return read_only_error(); }
};

}  // namespace openstack::identity::v2::protocol

#endif
