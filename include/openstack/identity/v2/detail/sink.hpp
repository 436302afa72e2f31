#ifndef OPENSTACK_IDENTITY_V2_DETAIL_SINK_HPP
#define OPENSTACK_IDENTITY_V2_DETAIL_SINK_HPP

// The writers' output. Text goes first into a buffer of the thread's, kept from one document to
// the next, then into the caller's string in one append: a document costs the string one
// allocation of its exact size, and no zero-filling. Growing the caller's string instead (as this
// did) had every large document touch fresh pages: glibc hands blocks of 128 KiB and more back to
// the system when they are freed, so each call faulted its doubling buffer in again, and writing a
// 143 KB catalog took 9 times as long as a 107 KB one (bench/README.md). Positions (size(),
// resize(), insert()) count from the start of the string.

#include <openstack/identity/v2/version.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::detail {

class sink {
public:
    explicit sink(std::string& s) : s_(s), base_(s.size()) {
        buffer& t = thread_buffer();
        // A sink made while another is writing on this thread (a nested write) has its own.
        buf_ = t.busy ? &own_ : &t;
        buf_->busy = true;
        reset(0);
    }
    ~sink() {
        if (cur_ != start_) s_.append(start_, static_cast<std::size_t>(cur_ - start_));
        buf_->busy = false;
        // What a thread keeps is bounded: a larger document's buffer goes with it.
        if (buf_->size > max_kept) *buf_ = buffer{};
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
        char* at = reserve(v.size()) - (size() - pos);
        std::memmove(at + v.size(), at, size() - pos);
        std::memcpy(at, v.data(), v.size());
        cur_ += v.size();
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

    // The most a thread keeps between documents.
    static constexpr std::size_t max_kept = 1 << 20;

private:
    // Bytes that are not zeroed when the buffer grows (unlike a string's).
    struct buffer {
        std::unique_ptr<char[]> data;
        std::size_t size = 0;
        bool busy = false;
    };

    static buffer& thread_buffer() {
        static thread_local buffer b;
        return b;
    }

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
        const std::size_t used = static_cast<std::size_t>(cur_ - start_);
        const std::size_t size = std::max({buf_->size * 2, used + n + 1024, std::size_t(4096)});
        auto data = std::make_unique_for_overwrite<char[]>(size);
        if (used) std::memcpy(data.get(), start_, used);
        buf_->data = std::move(data);
        buf_->size = size;
        reset(used);
    }
    void reset(std::size_t used) {
        start_ = buf_->data.get();
        cur_ = start_ + used;
        end_ = start_ + buf_->size;
    }

    std::string& s_;
    std::size_t base_;
    buffer own_;
    buffer* buf_;
    char* start_;
    char* cur_;
    char* end_;
};

}  // namespace openstack::identity::v2::detail

#endif
