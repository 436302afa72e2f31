#ifndef OPENSTACK_IDENTITY_V2_OPTIONS_HPP
#define OPENSTACK_IDENTITY_V2_OPTIONS_HPP

#include <openstack/identity/v2/version.hpp>
#include <cstddef>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// What reading does with members a type does not know (vendor extensions such as
// "RAX-AUTH:defaultRegion").
enum class unknown_policy : unsigned char {
    ignore,  // skip them (default)
    reject,  // fail with errc::unknown_member and the member's path
    keep,    // keep them in the value's `extra` and write them back
};

struct read_options {
    unknown_policy unknown = unknown_policy::ignore;
    bool validate = true;              // apply the type's rules after reading
    std::size_t max_depth = 64;        // nesting limit, counted in objects and arrays
    std::size_t max_size = 16u << 20;  // bytes; larger documents fail with errc::too_large
};

// How fault documents are written.
enum class fault_style : unsigned char {
    both,      // {"itemNotFound": {...}, "error": {...}}: every client finds what it reads
    spec,      // {"itemNotFound": {"code", "message", "details"}}
    keystone,  // {"error": {"code", "title", "message"}}
};

// How list documents that Keystone wrapped ({"extensions": {"values": [...]}}) are written.
enum class list_style : unsigned char {
    keystone,  // as Keystone wrote them
    spec,      // plain arrays, as the spec samples
};

struct write_options {
    bool validate = false;  // check the type's rules first and fail instead of writing
    fault_style faults = fault_style::both;
    list_style lists = list_style::keystone;
};

}  // namespace openstack::identity::v2

#endif
