#ifndef OPENSTACK_IDENTITY_V2_MODEL_NAMESPACES_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_NAMESPACES_HPP

#include <openstack/identity/v2/version.hpp>
#include <string_view>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::ns {

inline constexpr std::string_view identity = "http://docs.openstack.org/identity/api/v2.0";
inline constexpr std::string_view common = "http://docs.openstack.org/common/api/v1.0";
inline constexpr std::string_view atom = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view os_ksadm = "http://docs.openstack.org/identity/api/ext/OS-KSADM/v1.0";
inline constexpr std::string_view os_kscatalog = "http://docs.openstack.org/identity/api/ext/OS-KSCATALOG/v1.0";
inline constexpr std::string_view os_ksec2 = "http://docs.openstack.org/identity/api/ext/OS-KSEC2/v1.0";
inline constexpr std::string_view os_kss3 = "http://docs.openstack.org/identity/api/ext/OS-KSS3/v1.0";
// XML schema dialect: members the XSDs cannot carry go into this foreign namespace (prefix "ks"),
// which the XSD wildcards (##other) accept. Our own choice, see docs/xml.md.
inline constexpr std::string_view keystone_ext = "urn:openstack:identity:v2:keystone-extra";

}  // namespace openstack::identity::v2::ns

#endif
