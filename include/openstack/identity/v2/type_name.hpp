#ifndef OPENSTACK_IDENTITY_V2_TYPE_NAME_HPP
#define OPENSTACK_IDENTITY_V2_TYPE_NAME_HPP

#include <openstack/identity/v2/version.hpp>
#include <string_view>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// The unqualified C++ name of a (non-template) type, at compile time: "access",
// "catalog_entry". Tools use it to name document types (identity-doc --type, the
// reference pages, the $defs of json_schema).
template <class T>
constexpr std::string_view type_name() {
#if defined(__clang__) || defined(__GNUC__)
    std::string_view s = __PRETTY_FUNCTION__;  // "... [with T = ns::access; ...]" or "... [T = ns::access]"
    s.remove_prefix(s.find("T = ") + 4);
    s = s.substr(0, s.find_first_of(";]"));
#elif defined(_MSC_VER)
    std::string_view s = __FUNCSIG__;  // "... type_name<struct ns::access>(void)"
    s.remove_prefix(s.find("type_name<") + 10);
    s = s.substr(0, s.rfind(">("));
#else
#error "type_name needs __PRETTY_FUNCTION__ or __FUNCSIG__"
#endif
    if (auto colon = s.rfind("::"); colon != std::string_view::npos) s.remove_prefix(colon + 2);
    if (auto space = s.rfind(' '); space != std::string_view::npos) s.remove_prefix(space + 1);
    return s;
}

}  // namespace openstack::identity::v2

#endif
