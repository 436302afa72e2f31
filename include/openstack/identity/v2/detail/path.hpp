#ifndef OPENSTACK_IDENTITY_V2_DETAIL_PATH_HPP
#define OPENSTACK_IDENTITY_V2_DETAIL_PATH_HPP

#include <openstack/identity/v2/version.hpp>
#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::detail {

// A path in JSON names, built while walking and turned into text only for errors:
// access.serviceCatalog[2].endpoints[0].publicURL
class path {
public:
    void push(std::string_view name) { segs_.push_back({name, 0, false}); }
    void push(std::size_t index) { segs_.push_back({{}, index, true}); }
    void pop() noexcept { segs_.pop_back(); }

    std::string str() const {
        std::string s;
        for (const auto& seg : segs_) append(s, seg);
        return s;
    }

    struct segment {
        std::string_view name;
        std::size_t index;
        bool is_index;
    };

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

private:
    std::vector<segment> segs_;
};

// Length in Unicode code points of valid UTF-8 text (what Keystone's limits count).
inline std::size_t utf8_length(std::string_view s) noexcept {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

}  // namespace openstack::identity::v2::detail

#endif
