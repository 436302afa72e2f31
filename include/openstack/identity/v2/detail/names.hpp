#ifndef OPENSTACK_IDENTITY_V2_DETAIL_NAMES_HPP
#define OPENSTACK_IDENTITY_V2_DETAIL_NAMES_HPP

// Matching a name read from a document against names known at compile time, mostly by
// comparing integers: the readers' member lookup.

#include <openstack/identity/v2/version.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::detail {

// The first 8 bytes of a name as a number (byte i in bits 8i..8i+7).
constexpr std::uint64_t name_head(std::string_view k) noexcept {
    const std::size_t n = k.size() < 8 ? k.size() : 8;
    if (!std::is_constant_evaluated() && std::endian::native == std::endian::little) {
        auto load = [&]<class U>(U, std::size_t at) {
            U u;
            std::memcpy(&u, k.data() + at, sizeof u);
            return std::uint64_t(u);
        };
        // Two loads that overlap cover every length without a loop.
        if (n == 8) return load(std::uint64_t{}, 0);
        if (n >= 4) return load(std::uint32_t{}, 0) | load(std::uint32_t{}, n - 4) << (8 * (n - 4));
        if (n == 0) return 0;
        return std::uint64_t(static_cast<unsigned char>(k[0])) |
               std::uint64_t(static_cast<unsigned char>(k[n / 2])) << (8 * (n / 2)) |
               std::uint64_t(static_cast<unsigned char>(k[n - 1])) << (8 * (n - 1));
    }
    std::uint64_t h = 0;
    for (std::size_t i = 0; i < n; ++i) h |= std::uint64_t(static_cast<unsigned char>(k[i])) << (8 * i);
    return h;
}

// Whether a member of index i is among `bits` (every member past 64 is).
constexpr bool has_bit(std::uint64_t bits, unsigned i) noexcept { return i >= 64 || (bits >> i & 1); }

// Whether `name` (whose name_head is `head`) is `known` (whose name_head is `known_head`).
inline bool same_name(std::string_view known, std::uint64_t known_head, std::string_view name,
                      std::uint64_t head) noexcept {
    return known_head == head && known.size() == name.size() &&
           (name.size() <= 8 || std::memcmp(known.data() + 8, name.data() + 8, name.size() - 8) == 0);
}

// Distinct names, each with a set of bits (members by declaration index), made at compile time.
template <std::size_t N>
struct name_bits {
    struct entry {
        std::string_view name;
        std::uint64_t head = 0;
        std::uint64_t bits = 0;
    };
    std::array<entry, N> entries{};
    std::size_t size = 0;
    std::uint64_t any = 0;  // bits that every name selects

    constexpr void add(std::string_view name, unsigned bit) {
        if (name.empty()) return;
        if (bit >= 64) {  // a type this large is not filtered
            any = ~std::uint64_t(0);
            return;
        }
        const std::uint64_t b = std::uint64_t(1) << bit;
        for (std::size_t i = 0; i < size; ++i)
            if (entries[i].name == name) {
                entries[i].bits |= b;
                return;
            }
        entries[size++] = {name, name_head(name), b};
    }
    constexpr void add_any(unsigned bit) { any |= bit < 64 ? std::uint64_t(1) << bit : ~std::uint64_t(0); }

    std::uint64_t operator()(std::string_view name) const noexcept {
        const std::uint64_t head = name_head(name);
        for (std::size_t i = 0; i < size; ++i)
            if (same_name(entries[i].name, entries[i].head, name, head)) return entries[i].bits | any;
        return any;
    }
};

}  // namespace openstack::identity::v2::detail

#endif
