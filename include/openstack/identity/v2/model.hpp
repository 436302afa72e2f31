#ifndef OPENSTACK_IDENTITY_V2_MODEL_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_HPP

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/model/access.hpp>
#include <openstack/identity/v2/model/auth.hpp>
#include <openstack/identity/v2/model/credentials.hpp>
#include <openstack/identity/v2/model/endpoint.hpp>
#include <openstack/identity/v2/model/extension.hpp>
#include <openstack/identity/v2/model/fault.hpp>
#include <openstack/identity/v2/model/feed.hpp>
#include <openstack/identity/v2/model/link.hpp>
#include <openstack/identity/v2/model/role.hpp>
#include <openstack/identity/v2/model/service.hpp>
#include <openstack/identity/v2/model/tenant.hpp>
#include <openstack/identity/v2/model/user.hpp>
#include <openstack/identity/v2/model/version.hpp>

#include <boost/mp11/list.hpp>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// Every document type, for code that visits them all (tests, docs, tools).
using document_types =
    boost::mp11::mp_list<access, auth, tenant, tenants, user, users, role, roles, endpoint, endpoints,
                         endpoint_template, endpoint_templates, extension, extensions, version, versions, choices,
                         fault, service, services, password_credentials, ec2_credentials, s3_credentials,
                         credentials, credential, feed>;

}  // namespace openstack::identity::v2

#endif
