#ifndef OPENSTACK_IDENTITY_V2_XML_HPP
#define OPENSTACK_IDENTITY_V2_XML_HPP

#include <openstack/identity/v2/xml/options.hpp>
#include <openstack/identity/v2/xml/read.hpp>
#include <openstack/identity/v2/xml/write.hpp>

#endif
