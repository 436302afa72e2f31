#ifndef OPENSTACK_IDENTITY_V2_JSON_WRITE_HPP
#define OPENSTACK_IDENTITY_V2_JSON_WRITE_HPP

// Writing JSON straight into a string from the described structs: no DOM.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/detail/sink.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/options.hpp>
#include <openstack/identity/v2/schema.hpp>
#include <openstack/identity/v2/validate/validate.hpp>

#include <boost/json/value.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <string>
#include <string_view>
#include <type_traits>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {
namespace detail::json_write {

inline constexpr auto needs_escape = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = true;
    t['"'] = t['\\'] = true;
    return t;
}();

#if defined(__SSE2__)
// Whether any of 16 bytes is < 0x20, '"' or '\\'.
inline bool needs_escape16(__m128i x) {
    const __m128i low = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));  // x <= 0x1F
    const __m128i hit = _mm_or_si128(low, _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                                                       _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
    return _mm_movemask_epi8(hit) != 0;
}
inline bool block_needs_escape(const char* p) {
    return needs_escape16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}
#endif

// Whether s needs no escaping (the usual id, name or URL).
inline bool clean(std::string_view s) {
    const char* p = s.data();
    std::size_t n = s.size();
#if defined(__SSE2__)
    if (n >= 16) {
        for (std::size_t i = 0; i + 16 < n; i += 16)
            if (block_needs_escape(p + i)) return false;
        return !block_needs_escape(p + n - 16);  // the last block, overlapping
    }
#endif
    for (std::size_t i = 0; i < n; ++i)
        if (needs_escape[static_cast<unsigned char>(p[i])]) return false;
    return true;
}

inline void escape_into(sink& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (!needs_escape[c]) continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out.append("\\\"", 2); break;
        case '\\': out.append("\\\\", 2); break;
        case '\n': out.append("\\n", 2); break;
        case '\r': out.append("\\r", 2); break;
        case '\t': out.append("\\t", 2); break;
        case '\b': out.append("\\b", 2); break;
        case '\f': out.append("\\f", 2); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            out.append(u, 6);
        }
        }
    }
    out.append(s.data() + run, s.size() - run);
}

// Whether any of the 8 bytes in w is < 0x20, '"' or '\\' (SWAR).
inline bool word_needs_escape(std::uint64_t w) {
    constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    auto has_zero = [](std::uint64_t x) { return (x - ones) & ~x & high; };
    return ((w - ones * 0x20) & ~w & high) | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\'));
}

// clean() for the short strings (ids, names) that make most members: whole words at a time.
inline bool clean_short(std::string_view s) {
    const char* p = s.data();
    const std::size_t n = s.size();
    if (n >= 16) return clean(s);
    std::uint64_t a, b;
    if (n >= 8) {
        std::memcpy(&a, p, 8);
        std::memcpy(&b, p + n - 8, 8);
        return !word_needs_escape(a) && !word_needs_escape(b);
    }
    std::uint64_t w = 0x6161616161616161ull;  // "aaaaaaaa": nothing to escape
    if (n >= 4) {
        std::uint32_t x, y;
        std::memcpy(&x, p, 4);
        std::memcpy(&y, p + n - 4, 4);
        w = x | std::uint64_t(y) << 32;
    } else {
        for (std::size_t i = 0; i < n; ++i) w = (w << 8) | static_cast<unsigned char>(p[i]);
    }
    return !word_needs_escape(w);
}

// Copies s to `to` (room for s.size() bytes) when it needs no escaping, checking and copying
// in one pass; false otherwise (what was copied is then to be overwritten).
inline bool copy_clean(char* to, std::string_view s) {
#if defined(__SSE2__)
    const char* p = s.data();
    const std::size_t n = s.size();
    if (n >= 16) {
        for (std::size_t i = 0; i + 16 < n; i += 16) {
            const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
            if (needs_escape16(x)) return false;
            _mm_storeu_si128(reinterpret_cast<__m128i*>(to + i), x);
        }
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16));  // the last block, overlapping
        if (needs_escape16(x)) return false;
        _mm_storeu_si128(reinterpret_cast<__m128i*>(to + n - 16), x);
        return true;
    }
#endif
    if (!clean_short(s)) return false;
    sink::put(to, s.data(), s.size());
    return true;
}

// "s", escaped.
inline void string(sink& out, std::string_view s) {
    char* p = out.reserve(s.size() + 2);
    *p = '"';
    if (copy_clean(p + 1, s)) {
        p += s.size() + 1;
        *p++ = '"';
        out.commit(p);
        return;
    }
    out.push_back('"');
    escape_into(out, s);
    out.push_back('"');
}

inline void string(std::string& out, std::string_view s) {
    sink to(out);
    string(to, s);
}

// A member's key as written after another member: ,"name": (escaped at compile time).
constexpr std::size_t key_size(std::string_view name) {
    std::size_t n = 4;  // , " " :
    for (char ch : name) {
        const auto c = static_cast<unsigned char>(ch);
        n += c == '"' || c == '\\' ? 2 : c < 0x20 ? 6 : 1;
    }
    return n;
}

template <std::size_t N>
constexpr std::array<char, N> key_text(std::string_view name) {
    constexpr char hex[] = "0123456789abcdef";
    std::array<char, N> out{};
    std::size_t i = 0;
    out[i++] = ',';
    out[i++] = '"';
    for (char ch : name) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out[i++] = '\\';
            out[i++] = ch;
        } else if (c < 0x20) {
            for (char e : {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]}) out[i++] = e;
        } else {
            out[i++] = ch;
        }
    }
    out[i++] = '"';
    out[i++] = ':';
    return out;
}

template <class T, class D>
struct key_holder {
    static constexpr auto value = key_text<key_size(meta_v<T, D>.json)>(meta_v<T, D>.json);
};

// A kept member's value as read: numbers in their shortest form that reads back the same
// (2.5, not Boost.JSON's 2.5E0).
inline void kept(sink& out, const boost::json::value& v) {
    char buf[32];
    switch (v.kind()) {
    case boost::json::kind::object: {
        out.push_back('{');
        bool first = true;
        for (const auto& kv : v.get_object()) {
            if (!first) out.push_back(',');
            first = false;
            string(out, kv.key());
            out.push_back(':');
            kept(out, kv.value());
        }
        out.push_back('}');
        return;
    }
    case boost::json::kind::array: {
        out.push_back('[');
        bool first = true;
        for (const auto& e : v.get_array()) {
            if (!first) out.push_back(',');
            first = false;
            kept(out, e);
        }
        out.push_back(']');
        return;
    }
    case boost::json::kind::string: string(out, v.get_string()); return;
    case boost::json::kind::int64:
        out.append(buf, std::to_chars(buf, buf + sizeof buf, v.get_int64()).ptr - buf);
        return;
    case boost::json::kind::uint64:
        out.append(buf, std::to_chars(buf, buf + sizeof buf, v.get_uint64()).ptr - buf);
        return;
    case boost::json::kind::double_:
        out.append(buf, std::to_chars(buf, buf + sizeof buf, v.get_double()).ptr - buf);
        return;
    case boost::json::kind::bool_: out.append(v.get_bool() ? "true" : "false"); return;
    case boost::json::kind::null: out.append("null"); return;
    }
}

inline void runtime_key(sink& out, std::string_view k, bool first) {
    if (!first) out.push_back(',');
    string(out, k);
    out.push_back(':');
}

class writer {
public:
    writer(std::string& o, const write_options& opt) : out(o), opt_(opt) {}
    sink out;

    template <class V>
    static bool written(const V& v) {
        if constexpr (category_of<V> == category::optional) return v.has_value();
        else if constexpr (category_of<V> == category::nullable) return !v.is_absent();
        else return true;
    }

    template <class V>
    void value(const V& v, const member_meta* m) {
        constexpr category c = category_of<V>;
        if constexpr (c == category::optional) {
            value(*v, m);
        } else if constexpr (c == category::nullable) {
            if (v.is_null()) out.append("null", 4);
            else value(*v, m);
        } else if constexpr (c == category::string) {
            string(out, v);
        } else if constexpr (c == category::boolean) {
            if (v) out.append("true", 4);
            else out.append("false", 5);
        } else if constexpr (c == category::integer || c == category::number) {
            // Shortest round trip for floating point; a NaN or infinity (which JSON lacks, and
            // validation refuses) is written as null rather than as invalid JSON.
            if constexpr (c == category::number) {
                if (!std::isfinite(v)) {
                    out.append("null", 4);
                    return;
                }
            }
            char* p = out.reserve(32);
            out.commit(std::to_chars(p, p + 32, v).ptr);
        } else if constexpr (c == category::enumeration || c == category::custom) {
            if constexpr (wire_of<V> == category::string) {
                // Into a string per thread, so that a timestamp costs no allocation.
                static thread_local std::string text;
                text.clear();
                detail::format_text(v, text);
                string(out, text);
            } else {
                value(value_traits<V>::format(v), m);
            }
        } else if constexpr (c == category::list) {
            bool wrap = m && m->values_wrapper && opt_.lists == list_style::keystone;
            if (wrap) out.append("{\"values\":", 10);
            out.push_back('[');
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (i) out.push_back(',');
                value(v[i], m);
            }
            out.push_back(']');
            if (wrap) out.push_back('}');
        } else {
            static_assert(c == category::object);
            out.push_back('{');
            members(v);
            out.push_back('}');
        }
    }

    // The members of v, without braces; returns whether any was written.
    template <class T>
    bool members(const T& v) {
        std::size_t skip = 1;  // the first key goes without its comma
        for_each_member<T>([&](auto d, const member_meta& m) {
            const auto& mv = v.*d.pointer;
            if (!written(mv)) return;
            constexpr const auto& k = key_holder<T, decltype(d)>::value;
            out.append(k.data() + skip, k.size() - skip);
            skip = 0;
            value(mv, &m);
        });
        if constexpr (keeps_unknown<T>) {
            for (const auto& kv : v.extra.members) {
                runtime_key(out, kv.key(), skip);
                skip = 0;
                kept(out, kv.value());
            }
        }
        return !skip;
    }

    // Members kept beside the root member.
    template <class T>
    void beside(const T& v) {
        if constexpr (keeps_unknown<T>) {
            for (const auto& kv : v.extra.beside) {
                runtime_key(out, kv.key(), false);
                kept(out, kv.value());
            }
        }
    }

    template <class T>
    void document(const T& v) {
        constexpr auto style = root_style_of<T>();
        if constexpr (style == root_style::members || style == root_style::none) {
            value(v, nullptr);
        } else if constexpr (style == root_style::tagged) {
            using S = schema<T>;
            out.push_back('{');
            if (opt_.faults != fault_style::keystone) {
                runtime_key(out, S::tag_name(v.*S::tag), true);
                value(v, nullptr);
            }
            if (opt_.faults != fault_style::spec) {
                runtime_key(out, S::alias_root, opt_.faults != fault_style::both);
                value(v, nullptr);
            }
            beside(v);
            out.push_back('}');
        } else {
            out.push_back('{');
            runtime_key(out, root_name<T>(), true);
            value(v, nullptr);
            beside(v);
            out.push_back('}');
        }
    }

private:
    const write_options& opt_;
};

}  // namespace detail::json_write

// Appends the document (or the object of a type that is no document) to `out`. With
// opt.validate, checks the rules first.
template <described T>
result<void> try_to_json(const T& v, std::string& out, const write_options& opt = {}) {
    if (opt.validate)
        if (auto e = validate(v, root_path<T>())) return std::move(*e);
    detail::json_write::writer(out, opt).document(v);
    return {};
}

template <described T>
result<std::string> try_to_json(const T& v, const write_options& opt = {}) {
    std::string out;
    auto r = try_to_json(v, out, opt);
    if (!r) return r.error();
    return out;
}

template <described T>
std::string to_json(const T& v, const write_options& opt = {}) {
    return try_to_json(v, opt).value();
}

}  // namespace openstack::identity::v2

#endif
