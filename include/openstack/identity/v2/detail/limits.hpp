#ifndef OPENSTACK_IDENTITY_V2_DETAIL_LIMITS_HPP
#define OPENSTACK_IDENTITY_V2_DETAIL_LIMITS_HPP

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/options.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::detail {

// read_options::max_size, checked before any parsing by every reader: one error (too_large,
// overLimit) whatever the format.
inline std::optional<error> over_size(std::string_view text, const read_options& opt) {
    if (text.size() <= opt.max_size) return std::nullopt;
    error e;
    e.code = make_error_code(errc::too_large);
    e.kind = fault_kind_of(errc::too_large);
    e.message = "document of " + std::to_string(text.size()) + " bytes is over the limit of " +
                std::to_string(opt.max_size);
    return e;
}

}  // namespace openstack::identity::v2::detail

#endif
