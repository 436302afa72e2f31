#ifndef OPENSTACK_IDENTITY_V2_MODEL_ROLE_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_ROLE_HPP

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/model/link.hpp>

#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

struct role {
    std::optional<std::string> id;
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::optional<std::string> service_id;
    std::optional<std::string> tenant_id;
    unknown_members extra;
    bool operator==(const role&) const = default;
};
BOOST_DESCRIBE_STRUCT(role, (), (id, name, description, service_id, tenant_id))

template <>
struct schema<role> {
    static constexpr std::string_view doc = "A role: in a token's user and in role lists.";
    static constexpr std::string_view root = "role";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&role::description>({.xml = {.form = xml_form::element}, .xml_schema = xml_meta{}}),
        field<&role::service_id>({.json = "serviceId"}),
        field<&role::tenant_id>({.json = "tenantId", .max_length = 64}),
    };
};

struct roles {
    std::vector<role> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const roles&) const = default;
};
BOOST_DESCRIBE_STRUCT(roles, (), (items, links))

template <>
struct schema<roles> {
    static constexpr std::string_view doc =
        "GET /v2.0/tenants/{tenantId}/users/{userId}/roles; OS-KSADM: GET /v2.0/OS-KSADM/roles.";
    static constexpr std::string_view root = "roles";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&roles::items>({.json = "roles", .xml = {.form = xml_form::unwrapped, .name = "role"}}),
        field<&roles::links>({.json = "roles_links", .xml = {.form = xml_form::unwrapped, .name = "link"}}),
    };
};

}  // namespace openstack::identity::v2

#endif
