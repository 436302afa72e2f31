#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_STORE_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_STORE_HPP

// What an identity server keeps, apart from how it answers: users with their password hashes,
// tenants, roles, role assignments, the catalog's templates, the UUID provider's tokens and the
// revocation events. A backend (standard_backend) answers the protocol's questions from a store
// and a token provider; the store is memory (memory_store) or SQL (sql_store: SQLite or
// PostgreSQL, shared by several server instances).
//
// Every call returns v2::result<T>. Absence is not an error: lookups answer std::nullopt or an
// empty list. An error means the store could not answer (kind service_unavailable: the database
// is unreachable, a query failed). Stores are called from several threads at once and must be
// thread-safe; the calls may block (a database round trip), so a server runs them off its I/O
// threads.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/model.hpp>
#include <openstack/identity/v2/protocol/backend.hpp>
#include <openstack/identity/v2/protocol/crypto.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

using time_point = std::chrono::system_clock::time_point;

// A user as a store keeps it: the document's members and the password hash.
struct stored_user {
    std::string id;
    std::string name;
    std::optional<std::string> email;
    bool enabled = true;
    std::optional<std::string> tenant_id;  // the default tenant
    crypto::password_hash password;
    friend bool operator==(const stored_user&, const stored_user&) = default;
};

// A role on a tenant, or a global role when tenant_id is absent.
struct assignment {
    std::string user_id;
    std::optional<std::string> tenant_id;
    std::string role_id;
    friend bool operator==(const assignment&, const assignment&) = default;
};

// The SHA-256 of a token id: stores keep no token id itself, so that reading the store (a backup,
// a replica) gives no usable token.
using token_key = std::array<unsigned char, 32>;

// A token of the UUID provider.
struct token_record {
    std::string user_id;
    std::optional<std::string> tenant_id;  // the scope
    time_point issued;
    time_point expires;
    std::vector<std::string> audit_ids;  // the token's own first, then the chain it was rescoped from
    friend bool operator==(const token_record&, const token_record&) = default;
};

// A revocation event, the v2.0 part of Keystone's revocation_event table: it revokes every token
// issued at or before issued_before whose fields equal each field the event sets. DELETE
// /v2.0/tokens/{id} sets audit_id; a user disabled, deleted or given a new password sets user_id;
// a role removed from a user on a tenant sets user_id and tenant_id.
struct revocation_event {
    std::optional<std::string> audit_id;
    std::optional<std::string> user_id;
    std::optional<std::string> tenant_id;
    time_point issued_before;
    time_point revoked_at;  // events are pruned once every token they could match has expired
    friend bool operator==(const revocation_event&, const revocation_event&) = default;
};

// A service of the catalog as OS-KSADM administers it: its id and description, and the catalog
// entry (type, name, endpoint templates) that tokens carry.
struct stored_service {
    std::string id;
    std::optional<std::string> description;
    catalog_entry entry;
    friend bool operator==(const stored_service&, const stored_service&) = default;
};

// An EC2 credential (OS-EC2): the access key, its secret, and the user and tenant of the tokens
// POST /v2.0/ec2tokens makes with it.
struct ec2_record {
    std::string access;
    std::string secret;
    std::string user_id;
    std::string tenant_id;
    friend bool operator==(const ec2_record&, const ec2_record&) = default;
};

// A create's failure: the id or the unique name is taken (409).
inline error conflict(std::string message) {
    error e;
    e.kind = fault_kind::tenant_conflict;
    e.message = std::move(message);
    return e;
}

// A configuration's catalog as services: each gets a random id, and each endpoint without an id
// one too, so that OS-KSADM can name them.
inline std::vector<stored_service> services_of(std::vector<catalog_entry> catalog) {
    std::vector<stored_service> out;
    for (auto& e : catalog) {
        for (auto& ep : e.endpoints)
            if (!ep.id) ep.id = crypto::random_id();
        out.push_back({.id = crypto::random_id(), .description = std::nullopt, .entry = std::move(e)});
    }
    return out;
}

class store {
public:
    virtual ~store() = default;

    // Identity: users, tenants, roles and assignments.
    virtual result<std::optional<stored_user>> user_by_id(std::string_view id) = 0;
    virtual result<std::optional<stored_user>> user_by_name(std::string_view name) = 0;
    virtual result<std::optional<tenant>> tenant_by_id(std::string_view id) = 0;
    virtual result<std::optional<tenant>> tenant_by_name(std::string_view name) = 0;
    virtual result<std::vector<tenant>> list_tenants() = 0;
    // The user's roles on the tenant, or the user's global roles when tenant_id is absent; each
    // role once, in the order the roles were created.
    virtual result<std::vector<role>> roles_of(std::string_view user_id, std::optional<std::string_view> tenant_id) = 0;
    // The enabled tenants on which the user has a role.
    virtual result<std::vector<tenant>> tenants_of(std::string_view user_id) = 0;
    // The catalog's templates ($(tenant_id)s and friends unsubstituted).
    virtual result<std::vector<catalog_entry>> catalog() = 0;

    // Administration (OS-KSADM, OS-EC2). A create whose id or unique name (tenant, user, role) is
    // taken fails with kind tenant_conflict (409); an update or delete of an unknown id answers
    // false. Deletes take what hangs on the deleted row with them: a tenant's and a role's
    // assignments, a user's assignments and EC2 credentials, a service's endpoints. A store that
    // does not administer its identity keeps the defaults: forbidden (403), "read-only".
    // Tenants and roles: id and name set. An update is by id, of every other member.
    virtual result<void> create_tenant(const tenant& /*t*/) { return read_only_error(); }
    virtual result<bool> update_tenant(const tenant& /*t*/) { return read_only_error(); }
    virtual result<bool> delete_tenant(std::string_view /*id*/) { return read_only_error(); }
    virtual result<std::vector<stored_user>> list_users() { return read_only_error(); }
    // The users with a role on the tenant.
    virtual result<std::vector<stored_user>> users_of(std::string_view /*tenant_id*/) { return read_only_error(); }
    virtual result<void> create_user(const stored_user& /*u*/) { return read_only_error(); }
    virtual result<bool> update_user(const stored_user& /*u*/) { return read_only_error(); }
    virtual result<bool> delete_user(std::string_view /*id*/) { return read_only_error(); }
    // In the order of creation.
    virtual result<std::vector<role>> list_roles() { return read_only_error(); }
    virtual result<void> create_role(const role& /*r*/) { return read_only_error(); }
    virtual result<bool> delete_role(std::string_view /*id*/) { return read_only_error(); }
    // Whether the assignment was added (false: it was there) or removed (false: it was not).
    virtual result<bool> grant(const assignment& /*a*/) { return read_only_error(); }
    virtual result<bool> revoke(const assignment& /*a*/) { return read_only_error(); }
    // In the order of creation.
    virtual result<std::vector<stored_service>> list_services() { return read_only_error(); }
    virtual result<void> create_service(const stored_service& /*s*/) { return read_only_error(); }
    virtual result<bool> delete_service(std::string_view /*id*/) { return read_only_error(); }
    // Adds the endpoint (its id set) to the service's; false when there is no such service.
    virtual result<bool> add_endpoint(std::string_view /*service_id*/, const endpoint& /*e*/) {
        return read_only_error();
    }
    virtual result<bool> delete_endpoint(std::string_view /*id*/) { return read_only_error(); }
    virtual result<void> create_ec2(const ec2_record& /*c*/) { return read_only_error(); }
    virtual result<std::optional<ec2_record>> ec2_by_access(std::string_view /*access*/) { return read_only_error(); }
    virtual result<std::vector<ec2_record>> ec2_of(std::string_view /*user_id*/) { return read_only_error(); }
    virtual result<bool> delete_ec2(std::string_view /*access*/) { return read_only_error(); }

    // The UUID provider's tokens. put_token keeps at most max_per_user live tokens of the user:
    // past it, the user's oldest are removed.
    virtual result<void> put_token(const token_key& key, const token_record& t, std::size_t max_per_user) = 0;
    // The token, unless it is unknown or expired at `now`.
    virtual result<std::optional<token_record>> find_token(const token_key& key, time_point now) = 0;
    // Whether there was such a token.
    virtual result<bool> erase_token(const token_key& key) = 0;
    // Removes every token expired at `now`; how many.
    virtual result<std::size_t> purge_tokens(time_point now) = 0;

    // Revocation events.
    virtual result<void> add_revocation(const revocation_event& e) = 0;
    // The events revoked at or after `since`, oldest first.
    virtual result<std::vector<revocation_event>> revocations(time_point since) = 0;
    // Removes the events revoked before `before`; how many.
    virtual result<std::size_t> prune_revocations(time_point before) = 0;
};

}  // namespace openstack::identity::v2::protocol

#endif
