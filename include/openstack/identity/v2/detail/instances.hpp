#ifndef OPENSTACK_IDENTITY_V2_DETAIL_INSTANCES_HPP
#define OPENSTACK_IDENTITY_V2_DETAIL_INSTANCES_HPP

// Separate compilation of the codec (OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION, defined in every
// translation unit of the program): the readers, writers and validation of every document type
// are compiled once, in the translation unit that includes <openstack/identity/v2/instantiate.hpp>,
// and declared `extern template` everywhere else. Most of the cost of a translation unit that
// reads or writes documents is these instantiations; a program of many such units (a test suite,
// a service) compiles them once instead of once per unit. Types of one's own that are not in
// OPENSTACK_IDENTITY_V2_DOCUMENT_TYPES are instantiated where they are used, as without the macro.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/json/read.hpp>
#include <openstack/identity/v2/json/write.hpp>
#include <openstack/identity/v2/model.hpp>
#include <openstack/identity/v2/validate/validate.hpp>
#include <openstack/identity/v2/xml/read.hpp>
#include <openstack/identity/v2/xml/write.hpp>

#if defined(OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION)

// `extern template` everywhere but in the one unit that defines OPENSTACK_IDENTITY_V2_SOURCE
// (instantiate.hpp), where these are the explicit instantiation definitions.
#if defined(OPENSTACK_IDENTITY_V2_SOURCE)
#define OPENSTACK_IDENTITY_V2_DETAIL_EXTERN
#else
#define OPENSTACK_IDENTITY_V2_DETAIL_EXTERN extern
#endif

// The entry points every other operation goes through (from_json, to_json, validate and the
// rest call these), so that nothing of the engine is instantiated outside the source unit.
#define OPENSTACK_IDENTITY_V2_DETAIL_INSTANCES(T)                                                                   \
    OPENSTACK_IDENTITY_V2_DETAIL_EXTERN template result<T> try_from_json<T>(std::string_view, const read_options&); \
    OPENSTACK_IDENTITY_V2_DETAIL_EXTERN template result<T> try_from_xml<T>(std::string_view, const read_options&);  \
    OPENSTACK_IDENTITY_V2_DETAIL_EXTERN template result<void> try_to_json<T>(const T&, std::string&,                \
                                                                             const write_options&);                 \
    OPENSTACK_IDENTITY_V2_DETAIL_EXTERN template result<void> try_to_xml<T>(const T&, std::string&,                 \
                                                                            const xml_options&);                    \
    OPENSTACK_IDENTITY_V2_DETAIL_EXTERN template std::vector<error> validate_all<T>(const T&, std::string_view,     \
                                                                                    std::size_t);

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {
OPENSTACK_IDENTITY_V2_DOCUMENT_TYPES(OPENSTACK_IDENTITY_V2_DETAIL_INSTANCES)
}  // namespace openstack::identity::v2

#undef OPENSTACK_IDENTITY_V2_DETAIL_INSTANCES
#undef OPENSTACK_IDENTITY_V2_DETAIL_EXTERN

#endif

#endif
