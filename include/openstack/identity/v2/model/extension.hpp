#ifndef OPENSTACK_IDENTITY_V2_MODEL_EXTENSION_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_EXTENSION_HPP

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/model/link.hpp>
#include <openstack/identity/v2/model/timestamp.hpp>

#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

struct extension {
    std::string name;
    std::string namespace_;
    std::string alias;
    std::optional<timestamp> updated;
    std::optional<std::string> description;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const extension&) const = default;
};
BOOST_DESCRIBE_STRUCT(extension, (), (name, namespace_, alias, updated, description, links))

template <>
struct schema<extension> {
    static constexpr std::string_view doc = "An API extension: GET /v2.0/extensions/{alias}.";
    static constexpr std::string_view root = "extension";
    static constexpr std::string_view xml_ns = ns::common;
    static constexpr field_def members[] = {
        field<&extension::name>({.required = true}),
        field<&extension::namespace_>({.json = "namespace", .required = true}),
        field<&extension::alias>({.required = true}),
        field<&extension::description>({.xml = {.form = xml_form::element},
                                        .xml_schema = xml_meta{.form = xml_form::element, .always = true}}),
        field<&extension::links>({.xml = {.form = xml_form::unwrapped, .name = "link", .ns = ns::atom}}),
    };
};

// GET /v2.0/extensions: {"extensions": {"values": [...]}} (Keystone) or {"extensions": [...]} (spec).
struct extensions {
    std::vector<extension> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const extensions&) const = default;
};
BOOST_DESCRIBE_STRUCT(extensions, (), (items, links))

template <>
struct schema<extensions> {
    static constexpr std::string_view doc = "GET /v2.0/extensions: the extensions the server offers.";
    static constexpr std::string_view root = "extensions";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::common;
    static constexpr field_def members[] = {
        field<&extensions::items>({.json = "extensions",
                                   .values_wrapper = true,
                                   .xml = {.form = xml_form::unwrapped, .name = "extension"}}),
        field<&extensions::links>({.json = "extensions_links",
                                   .xml = {.form = xml_form::unwrapped, .name = "link", .ns = ns::atom}}),
    };
};

}  // namespace openstack::identity::v2

#endif
