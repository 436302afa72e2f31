#ifndef OPENSTACK_IDENTITY_V2_HPP
#define OPENSTACK_IDENTITY_V2_HPP

// OpenStack Identity (Keystone) v2.0: documents, JSON, XML and validation.

#include <openstack/identity/v2/catalog.hpp>
#include <openstack/identity/v2/detect.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/http.hpp>
#include <openstack/identity/v2/json.hpp>
#include <openstack/identity/v2/model.hpp>
#include <openstack/identity/v2/options.hpp>
#include <openstack/identity/v2/schema.hpp>
#include <openstack/identity/v2/validate/validate.hpp>
#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/xml.hpp>

#include <openstack/identity/v2/detail/instances.hpp>

#endif
