#ifndef OPENSTACK_IDENTITY_V2_MODEL_ENDPOINT_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_ENDPOINT_HPP

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/model/link.hpp>

#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// One endpoint of a catalog entry, or of a token's endpoint list (which adds name and type).
struct endpoint {
    std::optional<std::string> id;
    std::optional<std::string> name;
    std::optional<std::string> type;
    nullable<std::string> region;
    std::optional<std::string> public_url;
    std::optional<std::string> internal_url;
    std::optional<std::string> admin_url;
    std::optional<std::string> tenant_id;
    std::optional<std::string> version_id;
    std::optional<std::string> version_info;
    std::optional<std::string> version_list;
    unknown_members extra;
    bool operator==(const endpoint&) const = default;
};
BOOST_DESCRIBE_STRUCT(endpoint, (),
                      (id, name, type, region, public_url, internal_url, admin_url, tenant_id, version_id, version_info,
                       version_list))

template <>
struct schema<endpoint> {
    static constexpr std::string_view doc =
        "One endpoint of a catalog entry, or of a token's endpoint list (which adds name and type).";
    static constexpr std::string_view root = "endpoint";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&endpoint::region>({.doc = "null when the endpoint has no region"}),
        field<&endpoint::id>({.numbers_as_text = true}),
        field<&endpoint::public_url>({.json = "publicURL"}),
        field<&endpoint::internal_url>({.json = "internalURL"}),
        field<&endpoint::admin_url>({.json = "adminURL"}),
        field<&endpoint::tenant_id>({.json = "tenantId", .numbers_as_text = true}),
        field<&endpoint::version_id>({.json = "versionId",
                                      .xml = {.name = "version/@id"},
                                      .doc = "the spec's; Keystone never sent versionId, versionInfo, versionList"}),
        field<&endpoint::version_info>({.json = "versionInfo", .xml = {.name = "version/@info"}}),
        field<&endpoint::version_list>({.json = "versionList", .xml = {.name = "version/@list"}}),
    };
    static constexpr presence_rule rules[] = {
        at_least_one<&endpoint::public_url, &endpoint::internal_url, &endpoint::admin_url>(),
    };
};

// A token's endpoints: GET /v2.0/tokens/{id}/endpoints.
struct endpoints {
    std::vector<endpoint> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const endpoints&) const = default;
};
BOOST_DESCRIBE_STRUCT(endpoints, (), (items, links))

template <>
struct schema<endpoints> {
    static constexpr std::string_view doc = "A token's endpoints: GET /v2.0/tokens/{id}/endpoints.";
    static constexpr std::string_view root = "endpoints";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&endpoints::items>({.json = "endpoints", .xml = {.form = xml_form::unwrapped, .name = "endpoint"}}),
        field<&endpoints::links>({.json = "endpoints_links", .xml = {.form = xml_form::unwrapped, .name = "link"}}),
    };
};

// OS-KSCATALOG endpoint template.
struct endpoint_template {
    std::optional<std::string> id;
    nullable<std::string> region;
    std::optional<bool> global;
    std::optional<std::string> type;
    std::optional<std::string> public_url;
    std::optional<std::string> internal_url;
    std::optional<std::string> admin_url;
    std::optional<std::string> version_id;
    std::optional<std::string> version_info;
    std::optional<std::string> version_list;
    std::optional<bool> enabled;
    unknown_members extra;
    bool operator==(const endpoint_template&) const = default;
};
BOOST_DESCRIBE_STRUCT(endpoint_template, (),
                      (id, region, global, type, public_url, internal_url, admin_url, version_id, version_info,
                       version_list, enabled))

template <>
struct schema<endpoint_template> {
    static constexpr std::string_view doc = "OS-KSCATALOG endpoint template (Keystone never implemented OS-KSCATALOG).";
    static constexpr std::string_view root = "OS-KSCATALOG:endpointTemplate";
    static constexpr std::string_view xml_ns = ns::os_kscatalog;
    static constexpr field_def members[] = {
        field<&endpoint_template::id>({.numbers_as_text = true}),
        field<&endpoint_template::public_url>({.json = "publicURL"}),
        field<&endpoint_template::internal_url>({.json = "internalURL"}),
        field<&endpoint_template::admin_url>({.json = "adminURL"}),
        field<&endpoint_template::version_id>({.json = "versionId", .xml = {.name = "version/@id"}}),
        field<&endpoint_template::version_info>({.json = "versionInfo", .xml = {.name = "version/@info"}}),
        field<&endpoint_template::version_list>({.json = "versionList", .xml = {.name = "version/@list"}}),
    };
};

struct endpoint_templates {
    std::vector<endpoint_template> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const endpoint_templates&) const = default;
};
BOOST_DESCRIBE_STRUCT(endpoint_templates, (), (items, links))

template <>
struct schema<endpoint_templates> {
    static constexpr std::string_view doc = "OS-KSCATALOG: GET /v2.0/OS-KSCATALOG/endpointTemplates.";
    // The published sample spells the list "endpointsTemplates"; the XSD element is endpointTemplates.
    static constexpr std::string_view root = "OS-KSCATALOG:endpointsTemplates";
    static constexpr std::string_view xml_root = "endpointTemplates";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::os_kscatalog;
    static constexpr field_def members[] = {
        field<&endpoint_templates::items>({.json = "OS-KSCATALOG:endpointsTemplates",
                                           .aliases = {"OS-KSCATALOG:endpointTemplates"},
                                           .xml = {.form = xml_form::unwrapped, .name = "endpointTemplate"}}),
        field<&endpoint_templates::links>({.json = "OS-KSCATALOG:endpointsTemplates_links",
                                           .aliases = {"OS-KSCATALOG:endpointTemplates_links"},
                                           .xml = {.form = xml_form::unwrapped, .name = "link"}}),
    };
};

}  // namespace openstack::identity::v2

#endif
