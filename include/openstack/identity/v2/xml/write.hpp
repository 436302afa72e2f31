#ifndef OPENSTACK_IDENTITY_V2_XML_WRITE_HPP
#define OPENSTACK_IDENTITY_V2_XML_WRITE_HPP

// Writing XML straight into a string from the described structs, driven by the same
// annotations as JSON; no DOM is built. Two dialects: keystone and schema (docs/xml.md).

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/detail/sink.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/schema.hpp>
#include <openstack/identity/v2/validate/validate.hpp>
#include <openstack/identity/v2/xml/detail.hpp>
#include <openstack/identity/v2/xml/options.hpp>

#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {
namespace detail::xml_write {

using namespace detail::xml;

// 0: as is; 1: escape; 2: not representable in XML 1.0 (C0 controls but tab/LF/CR).
inline constexpr auto attr_class = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = 2;
    t['\t'] = t['\n'] = t['\r'] = 1;
    t['&'] = t['<'] = t['>'] = t['"'] = 1;
    return t;
}();
inline constexpr auto text_class = [] {
    auto t = attr_class;
    t['\t'] = t['\n'] = t['"'] = 0;
    return t;
}();

using detail::sink;

// Whether any of the 8 bytes in w is < 0x20 or one of & < > " (SWAR; the usual URL or id has none).
inline bool word_needs_escape(std::uint64_t w) {
    constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    auto has_zero = [](std::uint64_t x) { return (x - ones) & ~x & high; };
    auto has_byte = [&](std::uint64_t b) { return has_zero(w ^ (ones * b)); };
    std::uint64_t below_space = (w - ones * 0x20) & ~w & high;
    return below_space | has_byte('&') | has_byte('<') | has_byte('>') | has_byte('"');
}

#if defined(__SSE2__)
// Whether any of 16 bytes is < 0x20 or one of & < > ".
inline bool needs_escape(__m128i x) {
    const __m128i low = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));  // x <= 0x1F
    // x | 4 == '&' is exactly " and &; x | 2 == '>' is exactly < and >.
    const __m128i amp = _mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(4)), _mm_set1_epi8('&'));
    const __m128i gt = _mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(2)), _mm_set1_epi8('>'));
    return _mm_movemask_epi8(_mm_or_si128(low, _mm_or_si128(amp, gt))) != 0;
}
inline bool block_needs_escape(const char* p) {
    return needs_escape(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}
#endif

// Whether s holds nothing to escape (may say no for clean text: the caller then looks closer).
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
    if (n >= 8) {
        std::uint64_t a, b;
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

// Copies s to `to` (room for s.size() bytes) when it holds nothing to escape, checking and
// copying in one pass; false otherwise (what was copied is then to be overwritten).
inline bool copy_clean(char* to, std::string_view s) {
#if defined(__SSE2__)
    const char* p = s.data();
    const std::size_t n = s.size();
    if (n >= 16) {
        for (std::size_t i = 0; i + 16 < n; i += 16) {
            const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
            if (needs_escape(x)) return false;
            _mm_storeu_si128(reinterpret_cast<__m128i*>(to + i), x);
        }
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16));  // the last block, overlapping
        if (needs_escape(x)) return false;
        _mm_storeu_si128(reinterpret_cast<__m128i*>(to + n - 16), x);
        return true;
    }
#endif
    if (!clean(s)) return false;
    sink::put(to, s.data(), s.size());
    return true;
}

inline void escape(sink& out, std::string_view s, const std::array<unsigned char, 256>& cls) {
    if (clean(s)) {
        out.append(s.data(), s.size());
        return;
    }
    std::size_t run = 0;
    std::size_t i = 0;
    for (; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (!cls[c]) continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '&': out.append("&amp;"); break;
        case '<': out.append("&lt;"); break;
        case '>': out.append("&gt;"); break;
        case '"': out.append("&quot;"); break;
        case '\t': out.append("&#9;"); break;
        case '\n': out.append("&#10;"); break;
        case '\r': out.append("&#13;"); break;
        default: out.append("\xEF\xBF\xBD"); break;  // U+FFFD: XML 1.0 cannot carry C0 controls
        }
    }
    out.append(s.data() + run, s.size() - run);
}

// Compile-time facts about a type's XML shape in a dialect (index: xml_dialect).
struct shape {
    bool children[2] = {};    // any member that may become a child element
    bool paths[2] = {};       // any "element/@attribute" member
    unsigned groups[2] = {};  // (foreign, order) groups of child members, as in writer::children
};

template <class T>
consteval shape shape_of() {
    shape r{};
    for_each_member<T>([&](auto d, const member_meta&) {
        using M = std::remove_cvref_t<decltype(std::declval<const T&>().*decltype(d)::pointer)>;
        constexpr bool scalar = is_scalar_v<value_t<M>>;
        const auto& rm = resolved_v<T, decltype(d)>;
        for (int i = 0; i < 2; ++i) {
            const xml_meta& x = rm.x[i];
            if (x.form == xml_form::omit) continue;
            if (!rm.path[i].element.empty()) r.paths[i] = true;
            bool child = !scalar || x.form == xml_form::element || !rm.path[i].element.empty();
            if (child || (i == 1 && x.foreign)) {
                r.children[i] = r.children[i] || child || !scalar;
                r.groups[i] |= 1u << (unsigned(x.foreign) * 5 + unsigned(x.order + 2));
            }
        }
    });
    return r;
}
template <class T>
inline constexpr shape shape_v = shape_of<T>();

// For "element/@attribute" members: the member's index, and per dialect the index of the
// first member sharing its element (-1: not a path member).
struct path_info {
    int index = -1;
    int group[2] = {-1, -1};
};

template <class T, class D>
consteval path_info path_info_of() {
    path_info r{};
    int i = 0;
    for_each_member<T>([&](auto d, const member_meta&) {
        if (std::is_same_v<decltype(d), D>) r.index = i;
        ++i;
    });
    const auto& me = resolved_v<T, D>;
    for (int k = 0; k < 2; ++k) {
        if (me.path[k].element.empty()) continue;
        int j = 0;
        for_each_member<T>([&](auto d, const member_meta&) {
            if (r.group[k] < 0 && resolved_v<T, decltype(d)>.path[k].element == me.path[k].element) r.group[k] = j;
            ++j;
        });
    }
    return r;
}
template <class T, class D>
inline constexpr path_info path_info_v = path_info_of<T, D>();

template <class T>
consteval bool has_text_member() {
    bool any = false;
    for_each_member<T>([&](auto, const member_meta& m) {
        any = any || m.xml.form == xml_form::text || (m.xml_schema && m.xml_schema->form == xml_form::text);
    });
    return any;
}

// One writer per dialect, so that what a dialect makes of each member (attribute or element,
// namespace, foreign or not) is decided at compile time.
template <xml_dialect Dialect>
class writer {
public:
    writer(std::string& o, const xml_options& opt) : out(o), opt_(opt) {}
    sink out;

    template <class T>
    void document(const T& v) {
        if (opt_.declaration) out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        std::string_view name = root_element<T>();
        if constexpr (root_style_of<T>() == root_style::tagged) {
            using S = schema<T>;
            // <error> carries only the code: a kind the code does not tell (userDisabled is a 403,
            // like forbidden) keeps its own root unless Keystone's form is asked for.
            bool keystone = opt_.faults == fault_style::keystone ||
                            (opt_.faults == fault_style::both && d_ == xml_dialect::keystone &&
                             S::tag_from_value(v) == v.*S::tag);
            name = keystone ? S::alias_root : S::tag_name(v.*S::tag);
        }
        root_ = true;
        element(v, name, type_ns<T>(), {}, false, nullptr);
        if (decl_pos_ != std::string::npos) {
            std::string decls;
            auto declare = [&](std::string_view prefix, std::string_view uri) {
                decls.append(" xmlns:").append(prefix).append("=\"");
                for (char ch : uri)  // a kept member's "{uri}" may hold anything
                    ch == '&'   ? decls.append("&amp;")
                    : ch == '<' ? decls.append("&lt;")
                    : ch == '"' ? decls.append("&quot;")
                                : decls.append(1, ch);
                decls.push_back('"');
            };
            for (std::size_t i = 0; i < std::size(namespaces); ++i)
                if (used_ >> i & 1) declare(declared_prefix(namespaces[i]), namespaces[i].uri);
            for (const auto& [uri, prefix] : made_up_) declare(prefix, uri);
            if (!decls.empty()) out.insert(decl_pos_, decls);
        }
    }

    // The first kept member the document could not carry: writing it fails (never a silent drop).
    const std::optional<error>& unwritable() const noexcept { return unwritable_; }

private:
    const xml_options& opt_;
    static constexpr xml_dialect d_ = Dialect;
    bool root_ = false;
    static constexpr int di() { return static_cast<int>(Dialect); }
    std::size_t decl_pos_ = std::string::npos;
    std::uint32_t used_ = 0;  // rows of `namespaces` whose prefix is used, declared on the root
    static_assert(std::size(namespaces) <= 32);
    // Namespaces of kept attributes outside the table (and xsi for nil), with prefixes made up.
    std::vector<std::pair<std::string, std::string>> made_up_;
    std::optional<error> unwritable_;

    static constexpr std::string_view declared_prefix(const xml_namespace& n) {
        return n.prefix.empty() ? n.json_prefix : n.prefix;
    }

    // The prefix of a kept attribute in namespace u, declared on the root.
    std::string attribute_prefix(std::string_view u) {
        for (std::size_t i = 0; i < std::size(namespaces); ++i)
            if (namespaces[i].uri == u && !declared_prefix(namespaces[i]).empty()) {
                used_ |= std::uint32_t(1) << i;
                return std::string(declared_prefix(namespaces[i]));
            }
        for (const auto& [uri, prefix] : made_up_)
            if (uri == u) return prefix;
        made_up_.emplace_back(std::string(u), u == xsi_ns ? "xsi" : "ns" + std::to_string(made_up_.size() + 1));
        return made_up_.back().second;
    }

    void cannot_write(std::string_view key, std::string why) {
        if (unwritable_) return;
        error e;
        e.code = make_error_code(errc::not_representable);
        e.kind = fault_kind_of(errc::not_representable);
        e.path = std::string(key);
        e.message = "the kept member cannot be written in XML: " + std::move(why);
        unwritable_ = std::move(e);
    }

    // The prefix of a namespace with one (declared on the root once used); empty for the others.
    std::string_view prefix_for(std::string_view u) {
        for (std::size_t i = 0; i < std::size(namespaces); ++i)
            if (namespaces[i].uri == u) {
                if (namespaces[i].prefix.empty()) return {};
                used_ |= std::uint32_t(1) << i;
                return namespaces[i].prefix;
            }
        return {};
    }

    // Writes "<name" (with prefix or xmlns); returns the prefix used and sets the children's default ns.
    std::string_view open(std::string_view name, std::string_view u, std::string_view dflt,
                          std::string_view& child_dflt) {
        out.push_back('<');
        child_dflt = dflt;
        std::string_view prefix;
        bool same = (u.data() == dflt.data() && u.size() == dflt.size()) || u == dflt;
        if (!same) prefix = prefix_for(u);
        if (!prefix.empty()) out.append(prefix).push_back(':');
        out.append(name);
        if (!same && prefix.empty()) {
            out.append(" xmlns=\"").append(u).push_back('"');
            child_dflt = u;
        }
        if (root_) {
            root_ = false;
            decl_pos_ = out.size();
        }
        return prefix;
    }
    void close(std::string_view prefix, std::string_view name) {
        out.append("</");
        if (!prefix.empty()) out.append(prefix).push_back(':');
        out.append(name).push_back('>');
    }

    // The resolved annotation, with the foreign flag of this context.
    struct eff {
        const xml_meta* p;
        bool foreign;
        xml_form form;
        int order;
        bool always, omit_empty;
        std::string_view ns;
    };

    template <class T, class D>
    eff meta(D, const member_meta& m, const member_meta* ctx, bool foreign) const {
        const xml_meta& r = resolved_v<T, D>.x[static_cast<int>(d_)];
        eff x{&r, r.foreign, r.form, r.order, r.always, r.omit_empty, r.ns};
        if (d_ == xml_dialect::schema) {
            if (ctx && in(m.json, ctx->xml_foreign)) x.foreign = true;
            if (ctx && in(m.json, ctx->xml_native)) x.foreign = false;
            if (foreign) x.foreign = true;
        } else {
            x.foreign = false;
        }
        return x;
    }

    template <class M>
    static bool written(const M& v) {
        if constexpr (category_of<M> == category::optional) return v.has_value();
        else if constexpr (category_of<M> == category::nullable) return v.has_value();  // nulls are dropped
        else return true;
    }
    template <class M>
    static const auto& get(const M& v) {
        if constexpr (category_of<M> == category::optional || category_of<M> == category::nullable) return *v;
        else return v;
    }

    template <class V>
    void scalar_text(const V& v, const std::array<unsigned char, 256>& cls) {
        if constexpr (category_of<V> == category::string) {
            escape(out, v, cls);
        } else {
            // Other leaves format into a string per thread, so that a timestamp costs no allocation.
            static thread_local std::string text;
            text.clear();
            format_text(v, text);
            escape(out, text, cls);
        }
    }

    void attribute_name(std::string_view name, std::string_view u, bool foreign) {
        out.push_back(' ');
        std::string_view prefix = foreign ? prefix_for(ns::keystone_ext) : (u.empty() ? u : prefix_for(u));
        if (!prefix.empty()) out.append(prefix).push_back(':');
        out.append(name).append("=\"");
    }

    // ` name="value"` from the prepared ` name="`.
#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    inline void
    plain_attribute(const char* open, std::size_t n, std::string_view v) {
        char* p = sink::put(out.reserve(n + v.size() + 1), open, n);
        if (copy_clean(p, v)) {
            p += v.size();
            *p++ = '"';
            out.commit(p);
            return;
        }
        out.append(open, n);
        escape(out, v, attr_class);
        out.push_back('"');
    }

    // Whether T's element may get child elements: a member that is not a scalar, a scalar
    // element that is written, or kept unknown members.
    template <class T>
    bool may_have_children(const T& v) const {
        bool any = false;
        for_each_member<T>([&](auto d, const member_meta&) {
            const auto& mv = v.*d.pointer;
            using M = std::remove_cvref_t<decltype(mv)>;
            if constexpr (!is_scalar_v<value_t<M>>) {
                any = true;
            } else {
                constexpr const resolved& r = resolved_v<T, decltype(d)>;
                if (r.child[di()] && (written(mv) || r.x[di()].always)) any = true;
            }
        });
        if constexpr (keeps_unknown<T>) any = any || !v.extra.members.empty();
        return any;
    }

    static bool is_text(const boost::json::value& v) { return v.is_string() || v.is_number() || v.is_bool(); }

    // A kept scalar as text: strings as they are, numbers in their shortest form (2.5, not 2.5E0).
    void json_scalar(const boost::json::value& v, const std::array<unsigned char, 256>& cls) {
        char buf[32];
        switch (v.kind()) {
        case boost::json::kind::string: escape(out, std::string_view(v.get_string()), cls); return;
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
        default: return;
        }
    }

    // Members kept from reading (unknown_policy::keep), their namespaces from their keys
    // (parse_kept_key): scalars as attributes, the rest as elements. Plain keys are in the
    // context's namespace (`foreign`: the schema dialect's foreign one). What XML cannot carry
    // fails the document.
    void kept_attributes(const boost::json::object& o, bool foreign) {
        for (const auto& kv : o) {
            if (!is_text(kv.value()) || kv.key() == kept_text_key) continue;
            const kept_name k = parse_kept_key(kv.key());
            if (!k.ok) {
                cannot_write(kv.key(), "its name is no XML name, or its prefix names no namespace of the table");
                continue;
            }
            out.push_back(' ');
            const std::string prefix = !k.uri.empty() ? attribute_prefix(k.uri)
                                       : foreign      ? std::string(prefix_for(ns::keystone_ext))
                                                      : std::string();
            if (!prefix.empty()) out.append(prefix).push_back(':');
            out.append(k.local).append("=\"");
            json_scalar(kv.value(), attr_class);
            out.push_back('"');
        }
    }
    void extra_attributes(const unknown_members& x, bool foreign) {
        kept_attributes(x.members, foreign);
        if (x.members.contains(kept_text_key)) cannot_write(kept_text_key, "text beside a type's members");
        if (!x.beside.empty()) cannot_write(x.beside.begin()->key(), "a member beside the root element");
    }
    bool extra_elements(const unknown_members& x, std::string_view dflt, bool foreign) {
        return kept_elements(x.members, foreign ? ns::keystone_ext : dflt, dflt);
    }
    // `ctx`: the namespace of plain keys; `dflt`: the default namespace where they are written.
    bool kept_elements(const boost::json::object& o, std::string_view ctx, std::string_view dflt) {
        bool any = false;
        for (const auto& kv : o) {
            const auto& v = kv.value();
            if (is_text(v)) continue;
            const kept_name k = parse_kept_key(kv.key());
            if (!k.ok) {
                cannot_write(kv.key(), "its name is no XML name, or its prefix names no namespace of the table");
                continue;
            }
            const std::string_view u = k.uri.empty() ? ctx : k.uri;
            if (!v.is_array()) {
                kept_element(k.local, u, v, dflt);
                any = true;
                continue;
            }
            if (v.get_array().empty()) cannot_write(kv.key(), "an empty list has no XML form");
            for (const auto& e : v.get_array()) {
                if (e.is_array()) {
                    cannot_write(kv.key(), "a list in a list has no XML form");
                    continue;
                }
                kept_element(k.local, u, e, dflt);
                any = true;
            }
        }
        return any;
    }
    void kept_element(std::string_view name, std::string_view u, const boost::json::value& v, std::string_view dflt) {
        std::string_view cd;
        auto p = open(name, u, dflt, cd);
        if (v.is_null()) {
            out.push_back(' ');
            out.append(attribute_prefix(xsi_ns)).append(":nil=\"true\"/>");
            return;
        }
        if (!v.is_object()) {
            out.push_back('>');
            json_scalar(v, text_class);
            close(p, name);
            return;
        }
        const auto& o = v.get_object();
        kept_attributes(o, false);
        const std::size_t mark = out.size();
        out.push_back('>');
        bool any = false;
        if (const auto* text = o.if_contains(kept_text_key); text && is_text(*text)) {
            json_scalar(*text, text_class);
            any = true;
        }
        if (kept_elements(o, u, cd) || any) {
            close(p, name);
        } else {
            out.resize(mark);
            out.append("/>");
        }
    }

    template <class T>
    void attributes(const T& v, const member_meta* ctx, bool foreign) {
        for_each_member<T>([&](auto d, const member_meta& m) {
            const auto& mv = v.*d.pointer;
            using M = std::remove_cvref_t<decltype(mv)>;
            using V = value_t<M>;
            if constexpr (is_scalar_v<V>) {
                eff x = meta<T>(d, m, ctx, foreign);
                if (x.form == xml_form::omit || !written(mv)) return;
                if (x.foreign) {
                    // inside a foreign element, its attributes need no prefix
                    attribute_name(resolved_v<T, decltype(d)>.json_local, {}, !foreign);
                } else {
                    const auto& r = resolved_v<T, decltype(d)>;
                    if (!r.path[di()].element.empty()) return;
                    if (x.form != xml_form::automatic && x.form != xml_form::attribute) return;
                    if constexpr (std::is_same_v<V, std::string>) {
                        if (r.attr_len[di()]) {  // the usual case: one copy for ` name="value"`
                            plain_attribute(r.attr_open[di()], r.attr_len[di()], get(mv));
                            return;
                        }
                    }
                    if (r.attr_len[di()]) out.append(r.attr_open[di()], r.attr_len[di()]);
                    else attribute_name(r.name[di()], x.ns, false);
                }
                scalar_text(get(mv), attr_class);
                out.push_back('"');
            }
        });
        if constexpr (keeps_unknown<T>)
            if (!v.extra.empty()) extra_attributes(v.extra, !foreign && d_ == xml_dialect::schema);
    }

    // <version id info list/>: every path member of T in the group (same element `el`).
    template <class T>
    void path_element(const T& v, int group, std::string_view el, std::string_view dflt, const member_meta* ctx,
                      bool foreign) {
        bool any = false;
        for_each_member<T>([&](auto d, const member_meta& m) {
            using M = std::remove_cvref_t<decltype(v.*d.pointer)>;
            if constexpr (is_scalar_v<value_t<M>>) {
                if (path_info_v<T, decltype(d)>.group[di()] != group || !written(v.*d.pointer)) return;
                if (!meta<T>(d, m, ctx, foreign).foreign) any = true;
            }
        });
        if (!any) return;
        std::string_view cd;
        open(el, dflt, dflt, cd);
        for_each_member<T>([&](auto d, const member_meta& m) {
            const auto& mv = v.*d.pointer;
            using M = std::remove_cvref_t<decltype(mv)>;
            if constexpr (is_scalar_v<value_t<M>>) {
                if (path_info_v<T, decltype(d)>.group[di()] != group || !written(mv)) return;
                if (meta<T>(d, m, ctx, foreign).foreign) return;
                attribute_name(resolved_v<T, decltype(d)>.path[di()].attribute, {}, false);
                scalar_text(get(mv), attr_class);
                out.push_back('"');
            }
        });
        out.append("/>");
    }

    // The child elements of T's element; returns whether any was written.
    template <class T>
    bool children(const T& v, std::string_view dflt, const member_meta* ctx, bool foreign) {
        bool any = false;
        // Which (foreign, order) groups exist: usually one, so usually one pass.
        unsigned groups = shape_v<T>.groups[di()];
        if (d_ == xml_dialect::schema && (ctx || foreign)) {
            groups = 0;
            for_each_member<T>([&](auto d, const member_meta& m) {
                eff x = meta<T>(d, m, ctx, foreign);
                if (x.form != xml_form::omit) groups |= 1u << (unsigned(x.foreign) * 5 + unsigned(x.order + 2));
            });
        }
        for (int fg = 0; fg < 2; ++fg) {
            for (int ord = -2; ord <= 2; ++ord) {
                if (!(groups & (1u << (unsigned(fg) * 5 + unsigned(ord + 2))))) continue;
                for_each_member<T>([&](auto d, const member_meta& m) {
                    const auto& mv = v.*d.pointer;
                    using M = std::remove_cvref_t<decltype(mv)>;
                    using V = value_t<M>;
                    if constexpr (is_scalar_v<V>)
                        if (!resolved_v<T, decltype(d)>.child[di()]) return;  // an attribute
                    eff x = meta<T>(d, m, ctx, foreign);
                    if (x.form == xml_form::omit || x.foreign != bool(fg) || x.order != ord) return;
                    if constexpr (is_scalar_v<V>) {
                        if (x.foreign) return;  // foreign scalars are attributes
                        if (x.form != xml_form::element && !shape_v<T>.paths[di()]) return;
                        constexpr const path_info& pi = path_info_v<T, decltype(d)>;
                        if (pi.group[di()] >= 0) {
                            // the first member of a group writes the element for all of them
                            if (pi.group[di()] != pi.index) return;
                            std::size_t before = out.size();
                            path_element(v, pi.group[di()], resolved_v<T, decltype(d)>.path[di()].element, dflt, ctx,
                                         foreign);
                            any |= out.size() != before;
                            return;
                        }
                        if (x.form != xml_form::element) return;
                        if (!written(mv) && !x.always) return;
                        any = true;
                        std::string_view name = resolved_v<T, decltype(d)>.name[di()], cd;
                        // a scalar element is in its type's namespace, like the type's own element
                        std::string_view own = type_ns<T>().empty() ? dflt : type_ns<T>();
                        auto pre = open(name, x.ns.empty() ? own : x.ns, dflt, cd);
                        if (!written(mv)) {
                            out.append("/>");
                            return;
                        }
                        if (keeps_space(get(mv))) out.append(preserve_space);
                        out.push_back('>');
                        scalar_text(get(mv), text_class);
                        close(pre, name);
                    } else {
                        any |= child(mv, m, resolved_v<T, decltype(d)>, x, dflt);
                    }
                });
            }
        }
        if constexpr (keeps_unknown<T>) any |= extra_elements(v.extra, dflt, foreign || d_ == xml_dialect::schema);
        return any;
    }

    template <class M>
    bool child(const M& mv, const member_meta& m, const resolved& r, const eff& x, std::string_view dflt) {
        using V = value_t<M>;
        std::string_view own_ns = x.foreign ? ns::keystone_ext : x.ns;
        if constexpr (category_of<V> == category::list) {
            using E = typename V::value_type;
            bool present = written(mv);
            if (!present && !(x.always && !x.foreign)) return false;
            static const V empty_list{};
            const V& list = present ? get(mv) : empty_list;
            if (list.empty() && x.omit_empty) return false;
            std::string_view item_ns = own_ns;
            if constexpr (described<E>)
                if (item_ns.empty()) item_ns = type_ns<E>();
            if (item_ns.empty()) item_ns = dflt;
            // An unwrapped list that is there but empty has no items to show it: Keystone's dialect
            // writes its empty wrapper (which readers take), so that it does not read back as absent.
            // The schema dialect cannot (the XSDs have no such element) and omits it.
            if (x.form == xml_form::unwrapped &&
                !(d_ == xml_dialect::keystone && present && list.empty() && !std::is_same_v<M, V>)) {
                for (const auto& e : list) item(e, m, x, item_ns, dflt);
                return !list.empty();
            }
            std::string_view name = r.wrapper[di()], cd;
            auto pre = open(name, own_ns.empty() ? dflt : own_ns, dflt, cd);
            if (list.empty()) {
                out.append("/>");
                return true;
            }
            out.push_back('>');
            if (x.foreign) item_ns = ns::keystone_ext;
            for (const auto& e : list) item(e, m, x, item_ns, cd);
            close(pre, name);
            return true;
        } else if constexpr (described<V>) {
            if (!written(mv)) {
                if (!x.always || x.foreign) return false;
                element(V{}, r.name[di()], own_ns.empty() ? (type_ns<V>().empty() ? dflt : type_ns<V>()) : own_ns, dflt,
                        x.foreign, &m);
                return true;
            }
            std::string_view u = own_ns.empty() ? type_ns<V>() : own_ns;
            element(get(mv), r.name[di()], u.empty() ? dflt : u, dflt, x.foreign, &m);
            return true;
        } else {
            static_assert(sizeof(V) == 0, "no XML mapping for this member type");
        }
    }

    template <class E>
    void item(const E& e, const member_meta& m, const eff& x, std::string_view u, std::string_view dflt) {
        std::string_view name = item_name(m, *x.p);
        if constexpr (is_scalar_v<E>) {
            if (name.empty()) name = "item";
            std::string_view cd;
            auto pre = open(name, u, dflt, cd);
            if (keeps_space(e)) out.append(preserve_space);
            out.push_back('>');
            scalar_text(e, text_class);
            close(pre, name);
        } else {
            if (name.empty()) {  // the item's members stand for it (credentials)
                children(e, dflt, &m, x.foreign);
                return;
            }
            element(e, name, u, dflt, x.foreign, &m);
        }
    }

    // A string that starts or ends with white space says xml:space="preserve" on its element:
    // readers trim element text otherwise.
    static constexpr std::string_view preserve_space = " xml:space=\"preserve\"";
    template <class V>
    static bool keeps_space(const V& v) {
        if constexpr (std::is_same_v<V, std::string>) {
            auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
            return !v.empty() && (ws(v.front()) || ws(v.back()));
        } else {
            return false;
        }
    }

    template <class T>
    void element(const T& v, std::string_view name, std::string_view u, std::string_view dflt, bool foreign,
                 const member_meta* ctx) {
        std::string_view cd;
        if (foreign) u = ns::keystone_ext;
        auto pre = open(name, u, dflt, cd);
        attributes(v, ctx, foreign);
        std::size_t mark = out.size();
        out.push_back('>');
        bool text = false;
        if constexpr (has_text_member<T>())
            for_each_member<T>([&](auto d, const member_meta& m) {
                const auto& mv = v.*d.pointer;
                using M = std::remove_cvref_t<decltype(mv)>;
                if constexpr (is_scalar_v<value_t<M>>) {
                    eff x = meta<T>(d, m, ctx, foreign);
                    if (!x.foreign && x.form == xml_form::text && written(mv)) {
                        if (keeps_space(get(mv))) {
                            out.insert(mark, preserve_space);  // before the '>' at mark
                            mark += preserve_space.size();
                        }
                        scalar_text(get(mv), text_class);
                        text = true;
                    }
                }
            });
        bool any = false;
        bool maybe_children = shape_v<T>.children[di()] || (d_ == xml_dialect::schema && (ctx || foreign));
        if constexpr (keeps_unknown<T>) maybe_children = maybe_children || !v.extra.members.empty();
        if (maybe_children && may_have_children(v)) any = children(v, cd, ctx, foreign);
        if (!any && !text) {
            out.resize(mark);
            out.append("/>");
        } else {
            close(pre, name);
        }
    }
};

}  // namespace detail::xml_write

// Appends the document (or, for a type that is no document, its element named after the type)
// to `out`. With opt.validate, checks the rules first.
template <described T>
result<void> try_to_xml(const T& v, std::string& out, const xml_options& opt = {}) {
    if (opt.validate)
        if (auto e = validate(v, root_path<T>())) return std::move(*e);
    const std::size_t start = out.size();
    std::optional<error> failed;
    auto write = [&]<xml_dialect D>() {
        detail::xml_write::writer<D> w(out, opt);  // its sink hands the text over when it goes
        w.document(v);
        failed = w.unwritable();
    };
    if (opt.dialect == xml_dialect::schema) write.template operator()<xml_dialect::schema>();
    else write.template operator()<xml_dialect::keystone>();
    if (!failed) return {};
    out.resize(start);
    return std::move(*failed);
}

template <described T>
result<std::string> try_to_xml(const T& v, const xml_options& opt = {}) {
    std::string out;
    auto r = try_to_xml(v, out, opt);
    if (!r) return r.error();
    return out;
}

template <described T>
std::string to_xml(const T& v, const xml_options& opt = {}) {
    return try_to_xml(v, opt).value();
}

}  // namespace openstack::identity::v2

#endif
