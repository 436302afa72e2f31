#ifndef OPENSTACK_IDENTITY_V2_MODEL_NAMESPACES_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_NAMESPACES_HPP

// The XML namespaces of the v2.0 API and its extensions: one table that the XML reader (which
// namespaces are ours), the writer (which prefix to declare) and the docs read.

#include <openstack/identity/v2/version.hpp>
#include <string_view>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

namespace ns {

inline constexpr std::string_view identity = "http://docs.openstack.org/identity/api/v2.0";
inline constexpr std::string_view common = "http://docs.openstack.org/common/api/v1.0";
inline constexpr std::string_view atom = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view os_ksadm = "http://docs.openstack.org/identity/api/ext/OS-KSADM/v1.0";
inline constexpr std::string_view os_kscatalog = "http://docs.openstack.org/identity/api/ext/OS-KSCATALOG/v1.0";
inline constexpr std::string_view os_ksec2 = "http://docs.openstack.org/identity/api/ext/OS-KSEC2/v1.0";
inline constexpr std::string_view os_kss3 = "http://docs.openstack.org/identity/api/ext/OS-KSS3/v1.0";
inline constexpr std::string_view os_ksvalidate = "http://docs.openstack.org/identity/api/ext/OS-KSVALIDATE/v1.0";
// XML schema dialect: members the XSDs cannot carry go into this foreign namespace (prefix "ks"),
// which the XSD wildcards (##other) accept. Our own choice, see docs/xml.md.
inline constexpr std::string_view keystone_ext = "urn:openstack:identity:v2:keystone-extra";

}  // namespace ns

struct xml_namespace {
    std::string_view uri;
    // The prefix the writer declares on the root for elements and attributes in this namespace;
    // empty: elements switch the default namespace (xmlns="...") where they start.
    std::string_view prefix;
    std::string_view label;  // for the docs
};

inline constexpr xml_namespace namespaces[] = {
    {ns::identity, {}, "identity"},
    {ns::common, {}, "common"},
    {ns::atom, "atom", "atom"},
    {ns::os_ksadm, "OS-KSADM", "OS-KSADM"},
    {ns::os_kscatalog, {}, "OS-KSCATALOG"},
    {ns::os_ksec2, {}, "OS-KSEC2"},
    {ns::os_kss3, {}, "OS-KSS3"},
    {ns::os_ksvalidate, {}, "OS-KSVALIDATE"},
    {ns::keystone_ext, "ks", "ks"},
};

// The row of a namespace URI, or nullptr.
constexpr const xml_namespace* find_namespace(std::string_view uri) {
    for (const xml_namespace& n : namespaces)
        if (n.uri == uri) return &n;
    return nullptr;
}

}  // namespace openstack::identity::v2

#endif
