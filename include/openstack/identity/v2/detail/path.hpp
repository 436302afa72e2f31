#ifndef OPENSTACK_IDENTITY_V2_DETAIL_PATH_HPP
#define OPENSTACK_IDENTITY_V2_DETAIL_PATH_HPP

#include <openstack/identity/v2/version.hpp>
#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>
#include <iterator>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::detail {

// A path in JSON names, turned into text only for errors:
// access.serviceCatalog[2].endpoints[0].publicURL
struct path {
    struct segment {
        std::string_view name;
        std::size_t index;
        bool is_index;
    };
    static segment of(std::string_view name) noexcept { return {name, 0, false}; }
    static segment of(std::size_t index) noexcept { return {{}, index, true}; }

    static void append(std::string& s, const segment& seg) {
        if (seg.is_index) {
            char buf[24];
            auto r = std::to_chars(buf, buf + sizeof buf, seg.index);
            s.push_back('[');
            s.append(buf, r.ptr);
            s.push_back(']');
        } else {
            if (!s.empty()) s.push_back('.');
            s.append(seg.name);
        }
    }
};

// Where a walk is: a chain of nodes on the call stack (each step costs two stores), turned
// into text only for an error.
struct at_node {
    const at_node* up;
    path::segment seg;

    // The path of `at` (may be null), then `last`.
    static std::string str(const at_node* at, std::string_view last = {}) {
        const at_node* chain[64];
        std::size_t n = 0;
        for (; at && n < std::size(chain); at = at->up) chain[n++] = at;  // deeper: the innermost part
        std::string s;
        while (n) path::append(s, chain[--n]->seg);
        if (!last.empty()) path::append(s, path::of(last));
        return s;
    }
};

// Length in Unicode code points of valid UTF-8 text (what Keystone's limits count).
inline std::size_t utf8_length(std::string_view s) noexcept {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

}  // namespace openstack::identity::v2::detail

#endif
