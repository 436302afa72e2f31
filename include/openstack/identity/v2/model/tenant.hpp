#ifndef OPENSTACK_IDENTITY_V2_MODEL_TENANT_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_TENANT_HPP

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/model/link.hpp>

#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

struct tenant {
    std::optional<std::string> id;
    std::optional<std::string> name;
    nullable<std::string> description;
    std::optional<bool> enabled;
    unknown_members extra;
    bool operator==(const tenant&) const = default;
};
BOOST_DESCRIBE_STRUCT(tenant, (), (id, name, description, enabled))

template <>
struct schema<tenant> {
    static constexpr std::string_view doc = "A tenant (project): GET /v2.0/tenants/{id}, and a token's scope.";
    static constexpr std::string_view root = "tenant";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&tenant::id>({.max_length = 64}),
        field<&tenant::name>({.max_length = 64}),
        field<&tenant::description>({.xml = {.form = xml_form::element},
                                     .xml_schema = xml_meta{.form = xml_form::element, .always = true},
                                     .doc = "null when not set"}),
    };
};

struct tenants {
    std::vector<tenant> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const tenants&) const = default;
};
BOOST_DESCRIBE_STRUCT(tenants, (), (items, links))

template <>
struct schema<tenants> {
    static constexpr std::string_view doc =
        "GET /v2.0/tenants: the tenants of the token's user (public), or all (admin).";
    static constexpr std::string_view root = "tenants";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&tenants::items>({.json = "tenants", .xml = {.form = xml_form::unwrapped, .name = "tenant"}}),
        field<&tenants::links>({.json = "tenants_links", .xml = {.form = xml_form::unwrapped, .name = "link"}}),
    };
};

}  // namespace openstack::identity::v2

#endif
