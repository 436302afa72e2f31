#ifndef OPENSTACK_IDENTITY_V2_XML_OPTIONS_HPP
#define OPENSTACK_IDENTITY_V2_XML_OPTIONS_HPP

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/options.hpp>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// Which XML a writer produces. Reading accepts both.
enum class xml_dialect : unsigned char {
    keystone,  // what Keystone (Juno) emitted: scalars as attributes, <role> under <user>, ...
    schema,    // valid against the published XSDs (xsd10/); see docs/xml.md
};

struct xml_options {
    xml_dialect dialect = xml_dialect::keystone;
    bool validate = false;  // check the type's rules first and fail instead of writing
    // Fault roots: keystone writes <error code title message/>, spec writes <itemNotFound code>...,
    // both (default) writes the dialect's own form (keystone: <error>, or the spec root when the
    // code does not tell the kind, as for userDisabled; schema: the spec root).
    fault_style faults = fault_style::both;
    bool declaration = true;  // prepend <?xml version="1.0" encoding="UTF-8"?>
};

}  // namespace openstack::identity::v2

#endif
