#ifndef OPENSTACK_IDENTITY_V2_MODEL_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_HPP

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/model/access.hpp>
#include <openstack/identity/v2/model/admin.hpp>
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

// Every document type, once: X(type) for each. A type that shares its root with another comes
// after it: detect_document gives the earlier one a document both read alike. The type list below and the instances
// compiled once under OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION (detail/instances.hpp) both come from it.
#define OPENSTACK_IDENTITY_V2_DOCUMENT_TYPES(X) \
    X(access)                                   \
    X(auth)                                     \
    X(tenant)                                   \
    X(tenants)                                  \
    X(user)                                     \
    X(users)                                    \
    X(role)                                     \
    X(roles)                                    \
    X(endpoint)                                 \
    X(endpoints)                                \
    X(endpoint_template)                        \
    X(endpoint_templates)                       \
    X(extension)                                \
    X(extensions)                               \
    X(version)                                  \
    X(versions)                                 \
    X(choices)                                  \
    X(fault)                                    \
    X(service)                                  \
    X(services)                                 \
    X(password_credentials)                     \
    X(ec2_credentials)                          \
    X(s3_credentials)                           \
    X(credentials)                              \
    X(credential)                               \
    X(feed)                                     \
    X(endpoint_record)                          \
    X(endpoint_records)                         \
    X(credential_list)                          \
    X(credential_request)                       \
    X(password_change)                          \
    X(ec2_request)

// Every document type, for code that visits them all (tests, docs, tools).
#define OPENSTACK_IDENTITY_V2_DETAIL_COMMA_TYPE(T) , T
using document_types = boost::mp11::mp_pop_front<
    boost::mp11::mp_list<void OPENSTACK_IDENTITY_V2_DOCUMENT_TYPES(OPENSTACK_IDENTITY_V2_DETAIL_COMMA_TYPE)>>;
#undef OPENSTACK_IDENTITY_V2_DETAIL_COMMA_TYPE

}  // namespace openstack::identity::v2

#endif
