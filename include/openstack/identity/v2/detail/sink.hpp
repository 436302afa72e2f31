#ifndef OPENSTACK_IDENTITY_V2_DETAIL_SINK_HPP
#define OPENSTACK_IDENTITY_V2_DETAIL_SINK_HPP

// The writers' output. Text goes first into a buffer on the stack (a small document then costs
// the string one allocation of its exact size, and no zero-filling), then straight into the
// caller's string, which is grown in large steps and trimmed when the sink goes away (cheaper
// than std::string's per-call bookkeeping). Positions (size(), resize(), insert()) count from
// the start of the string.

#include <openstack/identity/v2/version.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::detail {

class sink {
public:
    explicit sink(std::string& s)
        : s_(s), base_(s.size()), start_(local_), cur_(local_), end_(local_ + sizeof local_) {}
    ~sink() {
        if (start_ == local_) s_.append(local_, static_cast<std::size_t>(cur_ - local_));
        else s_.resize(size());
    }
    sink(const sink&) = delete;
    sink& operator=(const sink&) = delete;

    // Room for n more bytes; write them at the returned pointer and hand the end to commit().
#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    inline char*
    reserve(std::size_t n) {
        if (static_cast<std::size_t>(end_ - cur_) < n) grow(n);
        return cur_;
    }
    void commit(char* p) noexcept { cur_ = p; }

#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    inline sink&
    append(const char* p, std::size_t n) {
        commit(put(reserve(n), p, n));
        return *this;
    }
    sink& append(std::string_view v) { return append(v.data(), v.size()); }
    template <std::size_t N>  // a literal: its length is known
    sink& append(const char (&z)[N]) {
        return append(z, N - 1);
    }
#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    inline void
    push_back(char c) {
        if (cur_ == end_) grow(1);
        *cur_++ = c;
    }
    std::size_t size() const { return base_ + static_cast<std::size_t>(cur_ - start_); }
    void resize(std::size_t n) { cur_ = start_ + (n - base_); }  // only to shrink
    void insert(std::size_t pos, std::string_view v) {
        if (start_ == local_) grow(0);
        std::size_t n = size();
        s_.resize(n);
        s_.insert(pos, v);
        n = s_.size();
        s_.resize(n + 1024);
        reset(n);
    }

    // Copies n bytes to `to` (which has room) and returns the end. Short copies, the usual case
    // for names, ids and values, are overlapping word moves: GCC's inline memcpy is slow for them.
    // GCC 12 at -O3 warns (-Warray-bounds) about the 8-byte branch for arrays shorter than 8 that
    // it cannot take: silenced here, so that users' -Werror builds are not broken by it.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
#endif
#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    static inline char*
    put(char* to, const char* p, std::size_t n) {
        if (n <= 16) {
            if (n >= 8) {
                std::uint64_t a, b;
                std::memcpy(&a, p, 8);
                std::memcpy(&b, p + n - 8, 8);
                std::memcpy(to, &a, 8);
                std::memcpy(to + n - 8, &b, 8);
            } else if (n >= 4) {
                std::uint32_t a, b;
                std::memcpy(&a, p, 4);
                std::memcpy(&b, p + n - 4, 4);
                std::memcpy(to, &a, 4);
                std::memcpy(to + n - 4, &b, 4);
            } else {
                for (std::size_t i = 0; i < n; ++i) to[i] = p[i];
            }
        } else {
            copy(to, p, n);
        }
        return to + n;
    }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

private:
#if defined(__GNUC__)
    [[gnu::noinline]]
#endif
    static void
    copy(char* to, const char* from, std::size_t n) {
        std::memcpy(to, from, n);
    }
#if defined(__GNUC__)
    [[gnu::noinline]]
#endif
    void
    grow(std::size_t n) {
        const std::size_t used = size();
        if (start_ == local_) {  // from the stack buffer to the string
            const std::size_t k = static_cast<std::size_t>(cur_ - local_);
            s_.resize(std::max(base_ + 4 * sizeof local_, used + n + 1024));
            std::memcpy(s_.data() + base_, local_, k);
        } else {
            s_.resize(std::max(s_.size() * 2, used + n + 1024));
        }
        reset(used);
    }
    void reset(std::size_t used) {
        start_ = s_.data() + base_;
        cur_ = s_.data() + used;
        end_ = s_.data() + s_.size();
    }
    std::string& s_;
    std::size_t base_;
    char local_[1024];
    char* start_;
    char* cur_;
    char* end_;
};

}  // namespace openstack::identity::v2::detail

#endif
