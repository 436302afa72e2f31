#ifndef OPENSTACK_IDENTITY_V2_ASIO_DETAIL_CONFIG_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_DETAIL_CONFIG_HPP

// Header-only, or separate compilation (OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION in every
// translation unit): then the transport's functions are declared in the headers and defined once,
// in the unit that includes <openstack/identity/v2/asio/instantiate.hpp>, as Beast and Asio do.

#include <openstack/identity/v2/version.hpp>

#if defined(OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION)
#define OPENSTACK_IDENTITY_V2_ASIO_DECL
#if defined(OPENSTACK_IDENTITY_V2_ASIO_SOURCE)
#define OPENSTACK_IDENTITY_V2_ASIO_DEFINITIONS 1
#define OPENSTACK_IDENTITY_V2_ASIO_EXTERN
#else
#define OPENSTACK_IDENTITY_V2_ASIO_DEFINITIONS 0
#define OPENSTACK_IDENTITY_V2_ASIO_EXTERN extern
#endif
#else
#define OPENSTACK_IDENTITY_V2_ASIO_DECL inline
#define OPENSTACK_IDENTITY_V2_ASIO_DEFINITIONS 1
#endif

#endif
