#ifndef OPENSTACK_IDENTITY_V2_SRC_HPP
#define OPENSTACK_IDENTITY_V2_SRC_HPP

// Header-only Boost.JSON: include this in exactly one translation unit of a
// program that does not link Boost::json (CMake: OPENSTACK_IDENTITY_V2_HEADER_ONLY_JSON).

#include <boost/json/src.hpp>

#endif
