#ifndef OPENSTACK_IDENTITY_V2_MODEL_LINK_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_LINK_HPP

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/model/namespaces.hpp>
#include <openstack/identity/v2/schema.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// An Atom link: {"rel": "self", "href": "..."}.
struct link {
    std::string rel;
    std::optional<std::string> type;
    std::string href;
    unknown_members extra;
    bool operator==(const link&) const = default;
};
BOOST_DESCRIBE_STRUCT(link, (), (rel, type, href))

template <>
struct schema<link> {
    static constexpr std::string_view doc = "An Atom link: {\"rel\": \"self\", \"href\": \"...\"}.";
    static constexpr std::string_view xml_ns = ns::atom;
    static constexpr field_def members[] = {
        field<&link::href>({.required = true}),
    };
};

}  // namespace openstack::identity::v2

#endif
