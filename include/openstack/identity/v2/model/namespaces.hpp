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
// Rackspace's extensions (Rackspace Cloud Identity), met in the wild beside v2.0 members.
inline constexpr std::string_view rax_auth = "http://docs.rackspace.com/identity/api/ext/RAX-AUTH/v1.0";
inline constexpr std::string_view rax_ksgrp = "http://docs.rackspace.com/identity/api/ext/RAX-KSGRP/v1.0";
inline constexpr std::string_view rax_kskey = "http://docs.rackspace.com/identity/api/ext/RAX-KSKEY/v1.0";
inline constexpr std::string_view rax_ksqa = "http://docs.rackspace.com/identity/api/ext/RAX-KSQA/v1.0";
inline constexpr std::string_view rs_meta = "http://docs.rackspacecloud.com/identity/api/ext/meta/v2.0";
// The spec's sample user (samples/getuser-1.*): JSON's "OS-ROLE:roles" is <roles> in this one.
inline constexpr std::string_view os_role = "http://docs.openstack.org/identity/api/ext/role";
inline constexpr std::string_view hp_idm = "http://docs.openstack.org/identity/api/ext/HP-IDM/v1.0";

}  // namespace ns

struct xml_namespace {
    std::string_view uri;
    // The prefix the writer declares on the root for elements and attributes in this namespace;
    // empty: elements switch the default namespace (xmlns="...") where they start.
    std::string_view prefix;
    std::string_view label;  // for the docs
    // The prefix of this namespace's members in JSON ("OS-KSADM:password"); empty: their JSON
    // names have none. Kept unknown members map to and from it: XML's RAX-AUTH:defaultRegion
    // in this namespace is JSON's "RAX-AUTH:defaultRegion".
    std::string_view json_prefix = {};
    // A vendor's namespace: known for kept members only; its elements are never read as ours.
    bool vendor = false;
};

inline constexpr xml_namespace namespaces[] = {
    {ns::identity, {}, "identity"},
    {ns::common, {}, "common"},
    {ns::atom, "atom", "atom", "atom"},
    {ns::os_ksadm, "OS-KSADM", "OS-KSADM", "OS-KSADM"},
    {ns::os_kscatalog, {}, "OS-KSCATALOG", "OS-KSCATALOG"},
    {ns::os_ksec2, {}, "OS-KSEC2", "OS-KSEC2"},
    {ns::os_kss3, {}, "OS-KSS3", "OS-KSS3"},
    {ns::os_ksvalidate, {}, "OS-KSVALIDATE", "OS-KSVALIDATE"},
    {ns::keystone_ext, "ks", "ks"},
    {ns::rax_auth, "RAX-AUTH", "RAX-AUTH", "RAX-AUTH", true},
    {ns::rax_ksgrp, "RAX-KSGRP", "RAX-KSGRP", "RAX-KSGRP", true},
    {ns::rax_kskey, "RAX-KSKEY", "RAX-KSKEY", "RAX-KSKEY", true},
    {ns::rax_ksqa, "RAX-KSQA", "RAX-KSQA", "RAX-KSQA", true},
    {ns::rs_meta, "RS-META", "RS-META", "RS-META", true},
    {ns::os_role, "OS-ROLE", "OS-ROLE", "OS-ROLE", true},
    {ns::hp_idm, "HP-IDM", "HP-IDM", "HP-IDM", true},
};

// The row of a namespace URI, or nullptr.
constexpr const xml_namespace* find_namespace(std::string_view uri) {
    for (const xml_namespace& n : namespaces)
        if (n.uri == uri) return &n;
    return nullptr;
}

// The row whose members carry `prefix` in JSON, or nullptr.
constexpr const xml_namespace* find_json_prefix(std::string_view prefix) {
    for (const xml_namespace& n : namespaces)
        if (!prefix.empty() && n.json_prefix == prefix) return &n;
    return nullptr;
}

}  // namespace openstack::identity::v2

#endif
