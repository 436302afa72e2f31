#ifndef OPENSTACK_IDENTITY_V2_MODEL_ACCESS_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_ACCESS_HPP

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/model/endpoint.hpp>
#include <openstack/identity/v2/model/tenant.hpp>
#include <openstack/identity/v2/model/timestamp.hpp>
#include <openstack/identity/v2/model/user.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

struct token {
    std::string id;
    std::optional<timestamp> issued_at;
    timestamp expires;
    std::optional<v2::tenant> tenant;
    std::optional<std::vector<std::string>> audit_ids;
    unknown_members extra;
    bool operator==(const token&) const = default;
};
BOOST_DESCRIBE_STRUCT(token, (), (id, issued_at, expires, tenant, audit_ids))

template <>
struct schema<token> {
    static constexpr std::string_view doc = "A token: its id goes in X-Auth-Token until it expires.";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&token::id>({.required = true, .max_length = 8192, .doc = "the token; clients send it as X-Auth-Token"}),
        field<&token::issued_at>({.xml_schema = xml_meta{.foreign = true}, .doc = "when the token was issued"}),
        field<&token::expires>({.required = true, .doc = "when the token stops being accepted"}),
        // TenantForAuthenticateResponse declares only id and name.
        field<&token::tenant>({.xml_schema = xml_meta{.always = true},
                               .xml_foreign = {"enabled", "description"},
                               .doc = "the tenant the token is scoped to; absent when unscoped"}),
        field<&token::audit_ids>({.xml = {.form = xml_form::wrapped, .name = "audit_id"},
                                  .xml_schema =
                                      xml_meta{.form = xml_form::wrapped, .name = "audit_id", .foreign = true},
                                  .doc = "the token's audit id, then that of the token it was rescoped from"}),
    };
};

// One service in the catalog, with its endpoints.
struct catalog_entry {
    std::string type;
    std::optional<std::string> name;
    std::vector<endpoint> endpoints;
    std::optional<std::vector<link>> endpoints_links;
    unknown_members extra;
    bool operator==(const catalog_entry&) const = default;
};
BOOST_DESCRIBE_STRUCT(catalog_entry, (), (type, name, endpoints, endpoints_links))

template <>
struct schema<catalog_entry> {
    static constexpr std::string_view doc = "One service in the catalog, with its endpoints.";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&catalog_entry::type>({.required = true, .doc = "service type: compute, identity, object-store, ..."}),
        // EndpointForService declares no id, name or type.
        field<&catalog_entry::endpoints>({.xml = {.form = xml_form::unwrapped, .name = "endpoint"},
                                          .xml_foreign = {"id", "name", "type"},
                                          .doc = "the URLs of the service, per region"}),
        field<&catalog_entry::endpoints_links>({.xml = {.form = xml_form::wrapped, .name = "link", .order = -1},
                                                .xml_schema = xml_meta{.form = xml_form::wrapped,
                                                                       .name = "link",
                                                                       .foreign = true}}),
    };
};

// Keystone's "metadata": is_admin (always 0) and the ids of the roles named in user.roles.
struct metadata {
    std::optional<std::int64_t> is_admin;
    std::optional<std::vector<std::string>> roles;
    unknown_members extra;
    bool operator==(const metadata&) const = default;
};
BOOST_DESCRIBE_STRUCT(metadata, (), (is_admin, roles))

template <>
struct schema<metadata> {
    static constexpr std::string_view doc =
        "Keystone's metadata: is_admin (always 0) and the ids of the roles named in user.roles.";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&metadata::is_admin>({.doc = "always 0"}),
        field<&metadata::roles>({.xml = {.form = xml_form::wrapped, .name = "role"},
                                 .doc = "ids of the roles named in user.roles, in the same order"}),
    };
};

// The token response: POST /v2.0/tokens and GET /v2.0/tokens/{id}.
struct access {
    v2::token token;
    std::optional<std::vector<catalog_entry>> service_catalog;
    std::optional<v2::user> user;
    std::optional<v2::metadata> metadata;
    unknown_members extra;
    bool operator==(const access&) const = default;
};
BOOST_DESCRIBE_STRUCT(access, (), (token, service_catalog, user, metadata))

// A token's access document, shared and immutable: a server's validation and a client's session
// hand it out without copying it.
using access_ptr = std::shared_ptr<const access>;

// What a service asks of a validated token. The views point into the document.

// The id of the tenant the token is scoped to; empty for an unscoped token.
inline std::string_view tenant_id(const access& a) noexcept {
    return a.token.tenant && a.token.tenant->id ? std::string_view(*a.token.tenant->id) : std::string_view();
}

// A role of the token's user: its name (user.roles) and its id. Keystone names the roles in
// user.roles and lists their ids in metadata.roles, in the same order; an id given in user.roles
// itself is taken first. Empty when the document has neither.
struct role_ref {
    std::string_view id;
    std::string_view name;
    bool operator==(const role_ref&) const = default;
};

inline std::vector<role_ref> roles_of(const access& a) {
    std::vector<role_ref> out;
    if (!a.user || !a.user->roles) return out;
    const std::vector<std::string>* ids = a.metadata && a.metadata->roles ? &*a.metadata->roles : nullptr;
    out.reserve(a.user->roles->size());
    for (std::size_t i = 0; i < a.user->roles->size(); ++i) {
        const role& r = (*a.user->roles)[i];
        role_ref ref{.name = r.name ? std::string_view(*r.name) : std::string_view()};
        if (r.id) ref.id = *r.id;
        else if (ids && i < ids->size()) ref.id = (*ids)[i];
        out.push_back(ref);
    }
    return out;
}

// Whether the token's user has the role of that name (names compare exactly, as Keystone's
// policy checks do).
inline bool has_role(const access& a, std::string_view name) noexcept {
    if (!a.user || !a.user->roles) return false;
    for (const role& r : *a.user->roles)
        if (r.name && *r.name == name) return true;
    return false;
}

template <>
struct schema<access> {
    static constexpr std::string_view doc = "The token response: POST /v2.0/tokens and GET /v2.0/tokens/{id}.";
    static constexpr std::string_view root = "access";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&access::token>({.required = true}),
        field<&access::service_catalog>(
            {.json = "serviceCatalog",
             .empty_object_is_list = true,
             .xml = {.form = xml_form::wrapped, .name = "service"},
             .xml_schema = xml_meta{.form = xml_form::wrapped, .name = "service", .order = 1, .omit_empty = true},
             .doc = "the services and their endpoints; empty when unscoped"}),
        // UserForAuthenticateResponse declares id, name and roles (required, wrapped).
        field<&access::user>({.xml_schema = xml_meta{.always = true},
                              .xml_foreign = {"username", "email", "enabled", "tenantId", "OS-KSADM:password"},
                              .xml_native = {"name", "roles"},
                              .doc = "the user the token was issued to, with the names of its roles"}),
        field<&access::metadata>({.xml_schema = xml_meta{.foreign = true}, .doc = "Keystone's; not in the spec"}),
    };
};

}  // namespace openstack::identity::v2

#endif
