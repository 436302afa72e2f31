#ifndef OPENSTACK_IDENTITY_V2_INSTANTIATE_HPP
#define OPENSTACK_IDENTITY_V2_INSTANTIATE_HPP

// Separate compilation: include this first, in exactly one translation unit of a program whose
// every unit defines OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION (CMake: the option of that name).
// That unit compiles the readers, writers and validation of every document type; the others only
// declare them (detail/instances.hpp). With the single header, define OPENSTACK_IDENTITY_V2_SOURCE
// before including it in that one unit instead.

#if !defined(OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION)
#error "instantiate.hpp is for programs built with OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION"
#endif
#if defined(OPENSTACK_IDENTITY_V2_DETAIL_INSTANCES_HPP)
#error "include <openstack/identity/v2/instantiate.hpp> before any other header of the library"
#endif

#define OPENSTACK_IDENTITY_V2_SOURCE
#include <openstack/identity/v2.hpp>

#endif
