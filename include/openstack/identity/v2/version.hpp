#ifndef OPENSTACK_IDENTITY_V2_VERSION_HPP
#define OPENSTACK_IDENTITY_V2_VERSION_HPP

#define OPENSTACK_IDENTITY_V2_VERSION_MAJOR 0
#define OPENSTACK_IDENTITY_V2_VERSION_MINOR 1
#define OPENSTACK_IDENTITY_V2_VERSION_PATCH 0

// Everything lives in an inline namespace named after the version, so that two tools
// vendoring different versions can be linked into one program. Code names the plain
// openstack::identity::v2; only the symbols carry the version.
#define OPENSTACK_IDENTITY_V2_ABI_CAT(a, b, c) abi_v##a##_##b##_##c
#define OPENSTACK_IDENTITY_V2_ABI_NAME(a, b, c) OPENSTACK_IDENTITY_V2_ABI_CAT(a, b, c)
#define OPENSTACK_IDENTITY_V2_ABI                                                                            \
    OPENSTACK_IDENTITY_V2_ABI_NAME(OPENSTACK_IDENTITY_V2_VERSION_MAJOR, OPENSTACK_IDENTITY_V2_VERSION_MINOR, \
                                   OPENSTACK_IDENTITY_V2_VERSION_PATCH)
#define OPENSTACK_IDENTITY_V2_NAMESPACE openstack::identity::v2::inline OPENSTACK_IDENTITY_V2_ABI

#endif
