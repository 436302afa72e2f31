#ifndef OPENSTACK_IDENTITY_V2_MODEL_SERVICE_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_SERVICE_HPP

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/model/link.hpp>

#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// OS-KSADM service registry entry.
struct service {
    std::optional<std::string> id;
    std::optional<std::string> name;
    std::string type;
    std::optional<std::string> description;
    unknown_members extra;
    bool operator==(const service&) const = default;
};
BOOST_DESCRIBE_STRUCT(service, (), (id, name, type, description))

template <>
struct schema<service> {
    static constexpr std::string_view doc = "OS-KSADM service: GET /v2.0/OS-KSADM/services/{id}.";
    static constexpr std::string_view root = "OS-KSADM:service";
    static constexpr std::string_view xml_ns = ns::os_ksadm;
    static constexpr field_def members[] = {
        field<&service::type>({.required = true}),
        field<&service::description>({.xml = {.form = xml_form::element}, .xml_schema = xml_meta{}}),
    };
};

struct services {
    std::vector<service> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const services&) const = default;
};
BOOST_DESCRIBE_STRUCT(services, (), (items, links))

template <>
struct schema<services> {
    static constexpr std::string_view doc = "OS-KSADM: GET /v2.0/OS-KSADM/services.";
    static constexpr std::string_view root = "OS-KSADM:services";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::os_ksadm;
    static constexpr field_def members[] = {
        field<&services::items>({.json = "OS-KSADM:services", .xml = {.form = xml_form::unwrapped, .name = "service"}}),
        field<&services::links>({.json = "OS-KSADM:services_links",
                                 .xml = {.form = xml_form::unwrapped, .name = "link"}}),
    };
};

}  // namespace openstack::identity::v2

#endif
