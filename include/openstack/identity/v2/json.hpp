#ifndef OPENSTACK_IDENTITY_V2_JSON_HPP
#define OPENSTACK_IDENTITY_V2_JSON_HPP

#include <openstack/identity/v2/json/json_schema.hpp>
#include <openstack/identity/v2/json/read.hpp>
#include <openstack/identity/v2/json/write.hpp>

#endif
