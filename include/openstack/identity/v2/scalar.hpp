#ifndef OPENSTACK_IDENTITY_V2_SCALAR_HPP
#define OPENSTACK_IDENTITY_V2_SCALAR_HPP

#include <openstack/identity/v2/version.hpp>
#include <string>
#include <string_view>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// Customization point for leaf types that travel as a string in every format
// (timestamps, version status, ...). A specialization provides:
//   static constexpr std::string_view name;   // e.g. "timestamp", used in messages and docs
//   static const char* parse(std::string_view text, T& out);  // nullptr on success, else a static message
//   static void format(const T& value, std::string& out);      // appends the text form
template <class T>
struct scalar_traits;

template <class T>
concept custom_scalar = requires {
    scalar_traits<T>::name;
};

}  // namespace openstack::identity::v2

#endif
