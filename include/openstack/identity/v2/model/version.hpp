#ifndef OPENSTACK_IDENTITY_V2_MODEL_VERSION_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_VERSION_HPP

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/model/link.hpp>
#include <openstack/identity/v2/model/timestamp.hpp>
#include <openstack/identity/v2/model/version_status.hpp>

#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

struct media_type {
    std::string base;
    std::string type;
    unknown_members extra;
    bool operator==(const media_type&) const = default;
};
BOOST_DESCRIBE_STRUCT(media_type, (), (base, type))

template <>
struct schema<media_type> {
    static constexpr std::string_view doc = "A media type a version serves.";
    static constexpr std::string_view xml_ns = ns::common;
};

// Version discovery: GET /v2.0 answers {"version": ...}.
struct version {
    std::string id;
    version_status status;
    std::optional<timestamp> updated;
    std::optional<std::vector<link>> links;
    std::optional<std::vector<media_type>> media_types;
    unknown_members extra;
    bool operator==(const version&) const = default;
};
BOOST_DESCRIBE_STRUCT(version, (), (id, status, updated, links, media_types))

template <>
struct schema<version> {
    static constexpr std::string_view doc = "Version discovery: GET /v2.0.";
    static constexpr std::string_view root = "version";
    static constexpr std::string_view xml_ns = ns::common;
    static constexpr field_def members[] = {
        field<&version::id>({.required = true}),
        field<&version::status>({.required = true,
                                 .doc = "CURRENT, SUPPORTED, DEPRECATED, EXPERIMENTAL (spec); stable, deprecated"}),
        field<&version::links>({.xml = {.form = xml_form::unwrapped, .name = "link", .ns = ns::atom}}),
        field<&version::media_types>(
            {.json = "media-types",
             .xml = {.form = xml_form::wrapped, .name = "media-type"},
             .xml_schema = xml_meta{.form = xml_form::wrapped, .name = "media-type", .order = -1, .omit_empty = true},
             .doc = "the media types the version serves"}),
    };
};

// GET / answers 300 with {"versions": {"values": [...]}} (Keystone) or {"versions": [...]} (spec).
struct versions {
    std::vector<version> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const versions&) const = default;
};
BOOST_DESCRIBE_STRUCT(versions, (), (items, links))

template <>
struct schema<versions> {
    static constexpr std::string_view doc = "GET /: 300 Multiple Choices with the versions the server offers.";
    static constexpr std::string_view root = "versions";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::common;
    static constexpr field_def members[] = {
        field<&versions::items>({.json = "versions",
                                 .values_wrapper = true,
                                 .xml = {.form = xml_form::unwrapped, .name = "version"}}),
        field<&versions::links>({.json = "versions_links",
                                 .xml = {.form = xml_form::unwrapped, .name = "link", .ns = ns::atom}}),
    };
};

// 300 Multiple Choices when a request names no version.
struct choices {
    std::vector<version> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const choices&) const = default;
};
BOOST_DESCRIBE_STRUCT(choices, (), (items, links))

template <>
struct schema<choices> {
    static constexpr std::string_view doc = "300 Multiple Choices when a request names no version.";
    static constexpr std::string_view root = "choices";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::common;
    static constexpr field_def members[] = {
        field<&choices::items>({.json = "choices", .xml = {.form = xml_form::unwrapped, .name = "version"}}),
        field<&choices::links>({.json = "choices_links",
                                .empty_string_is_list = true,
                                .xml = {.form = xml_form::unwrapped, .name = "link", .ns = ns::atom}}),
    };
};

}  // namespace openstack::identity::v2

#endif
