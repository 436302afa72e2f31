#ifndef OPENSTACK_IDENTITY_V2_XML_WRITE_HPP
#define OPENSTACK_IDENTITY_V2_XML_WRITE_HPP

// Writing XML straight into a string from the described structs, driven by the same
// annotations as JSON; no DOM is built. Two dialects: keystone and schema (docs/xml.md).

#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/schema.hpp>
#include <openstack/identity/v2/validate/validate.hpp>
#include <openstack/identity/v2/xml/detail.hpp>
#include <openstack/identity/v2/xml/options.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <charconv>
#include <string>
#include <string_view>
#include <type_traits>

namespace openstack::identity::v2 {
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

inline void escape(std::string& out, std::string_view s, const std::array<unsigned char, 256>& cls) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
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

class writer {
public:
    writer(std::string& o, const xml_options& opt) : out(o), opt_(opt), d_(opt.dialect) {}
    std::string& out;

    template <class T>
    void document(const T& v) {
        if (opt_.declaration) out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        std::string_view name = root_element<T>();
        if constexpr (root_style_of<T>() == root_style::tagged) {
            using S = schema<T>;
            bool keystone = opt_.faults == fault_style::keystone ||
                            (opt_.faults == fault_style::both && d_ == xml_dialect::keystone);
            name = keystone ? S::alias_root : S::tag_name(v.*S::tag);
        }
        root_ = true;
        element(v, name, type_ns<T>(), {}, false, nullptr);
        if (decl_pos_ != std::string::npos) {
            std::string decls;
            if (used_atom_) decls.append(" xmlns:atom=\"").append(ns::atom).append("\"");
            if (used_ksadm_) decls.append(" xmlns:OS-KSADM=\"").append(ns::os_ksadm).append("\"");
            if (used_ks_) decls.append(" xmlns:ks=\"").append(ns::keystone_ext).append("\"");
            if (!decls.empty()) out.insert(decl_pos_, decls);
        }
    }

private:
    const xml_options& opt_;
    xml_dialect d_;
    bool root_ = false;
    std::size_t decl_pos_ = std::string::npos;
    bool used_atom_ = false, used_ksadm_ = false, used_ks_ = false;

    std::string_view prefix_for(std::string_view u) {
        if (u == ns::atom) return used_atom_ = true, "atom";
        if (u == ns::os_ksadm) return used_ksadm_ = true, "OS-KSADM";
        if (u == ns::keystone_ext) return used_ks_ = true, "ks";
        return {};
    }

    // Writes "<name" (with prefix or xmlns); returns the prefix used and sets the children's default ns.
    std::string_view open(std::string_view name, std::string_view u, std::string_view dflt, std::string_view& child_dflt) {
        out.push_back('<');
        child_dflt = dflt;
        std::string_view prefix;
        if (u != dflt) prefix = prefix_for(u);
        if (!prefix.empty()) out.append(prefix).push_back(':');
        out.append(name);
        if (u != dflt && prefix.empty()) {
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

    xml_meta meta(const member_meta& m, const member_meta* ctx, bool foreign) const {
        xml_meta x = effective(m, d_);
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
        if constexpr (is_optional<M>::value) return v.has_value();
        else if constexpr (is_nullable<M>::value) return v.has_value();  // nulls are dropped
        else return true;
    }
    template <class M>
    static const auto& get(const M& v) {
        if constexpr (is_optional<M>::value || is_nullable<M>::value) return *v;
        else return v;
    }

    template <class V>
    void scalar_text(const V& v, const std::array<unsigned char, 256>& cls) {
        if constexpr (std::is_same_v<V, std::string>) {
            escape(out, v, cls);
        } else if constexpr (std::is_same_v<V, bool>) {
            out.append(v ? "true" : "false");
        } else if constexpr (std::is_integral_v<V>) {
            char buf[24];
            auto r = std::to_chars(buf, buf + sizeof buf, v);
            out.append(buf, r.ptr);
        } else {
            std::string tmp;
            scalar_traits<V>::format(v, tmp);
            escape(out, tmp, cls);
        }
    }

    void attribute_name(std::string_view name, std::string_view u, bool foreign) {
        out.push_back(' ');
        std::string_view prefix = foreign ? prefix_for(ns::keystone_ext) : (u.empty() ? u : prefix_for(u));
        if (!prefix.empty()) out.append(prefix).push_back(':');
        out.append(name).append("=\"");
    }

    void json_scalar(const boost::json::value& v) {
        if (v.is_string()) escape(out, std::string_view(v.get_string()), attr_class);
        else out.append(boost::json::serialize(v));
    }

    // Members kept from reading (unknown_policy::keep): scalars as attributes, the rest as elements.
    void extra_attributes(const unknown_members& x, bool foreign) {
        for (const auto& kv : x.members) {
            const auto& v = kv.value();
            if (v.is_object() || v.is_array() || v.is_null() || !is_ncname(kv.key())) continue;
            attribute_name(kv.key(), {}, foreign);
            json_scalar(v);
            out.push_back('"');
        }
    }
    bool extra_elements(const unknown_members& x, std::string_view dflt, bool foreign) {
        bool any = false;
        for (const auto& kv : x.members) {
            const auto& v = kv.value();
            if (!(v.is_object() || v.is_array()) || !is_ncname(kv.key())) continue;
            any = true;
            json_element(kv.key(), v, dflt, foreign);
        }
        return any;
    }
    void json_element(std::string_view name, const boost::json::value& v, std::string_view dflt, bool foreign) {
        if (v.is_array()) {
            for (const auto& e : v.get_array()) json_element(name, e, dflt, foreign);
            return;
        }
        std::string_view cd;
        auto p = open(name, foreign ? ns::keystone_ext : dflt, dflt, cd);
        if (v.is_object()) {
            for (const auto& kv : v.get_object())
                if (!kv.value().is_object() && !kv.value().is_array() && !kv.value().is_null() && is_ncname(kv.key())) {
                    out.push_back(' ');
                    out.append(kv.key()).append("=\"");
                    json_scalar(kv.value());
                    out.push_back('"');
                }
            std::size_t mark = out.size();
            out.push_back('>');
            bool any = false;
            for (const auto& kv : v.get_object())
                if ((kv.value().is_object() || kv.value().is_array()) && is_ncname(kv.key()))
                    any = true, json_element(kv.key(), kv.value(), cd, foreign);
            if (!any) {
                out.resize(mark);
                out.append("/>");
            } else {
                close(p, name);
            }
        } else {
            out.push_back('>');
            if (!v.is_null()) {
                if (v.is_string()) escape(out, std::string_view(v.get_string()), text_class);
                else out.append(boost::json::serialize(v));
            }
            close(p, name);
        }
    }

    template <class T>
    void attributes(const T& v, const member_meta* ctx, bool foreign) {
        for_each_member<T>([&](auto d, const member_meta& m) {
            const auto& mv = v.*d.pointer;
            using M = std::remove_cvref_t<decltype(mv)>;
            using V = value_t<M>;
            if constexpr (is_scalar_v<V>) {
                xml_meta x = meta(m, ctx, foreign);
                if (x.form == xml_form::omit || !written(mv)) return;
                if (x.foreign) {
                    // inside a foreign element, its attributes need no prefix
                    attribute_name(local_part(m.json), {}, !foreign);
                } else {
                    if (!path_of(x.name).element.empty()) return;
                    if (x.form != xml_form::automatic && x.form != xml_form::attribute) return;
                    attribute_name(node_name(m, x), x.ns, false);
                }
                scalar_text(get(mv), attr_class);
                out.push_back('"');
            }
        });
        if constexpr (keeps_unknown<T>) extra_attributes(v.extra, !foreign && d_ == xml_dialect::schema);
    }

    // <version id info list/>: every path member of T under element `el`.
    template <class T>
    void path_element(const T& v, std::string_view el, std::string_view dflt, const member_meta* ctx, bool foreign) {
        bool any = false;
        for_each_member<T>([&](auto d, const member_meta& m) {
            using M = std::remove_cvref_t<decltype(v.*d.pointer)>;
            if constexpr (is_scalar_v<value_t<M>>) {
                xml_meta x = meta(m, ctx, foreign);
                if (!x.foreign && path_of(x.name).element == el && written(v.*d.pointer)) any = true;
            }
        });
        if (!any) return;
        std::string_view cd;
        auto p = open(el, dflt, dflt, cd);
        (void)p;
        for_each_member<T>([&](auto d, const member_meta& m) {
            const auto& mv = v.*d.pointer;
            using M = std::remove_cvref_t<decltype(mv)>;
            if constexpr (is_scalar_v<value_t<M>>) {
                xml_meta x = meta(m, ctx, foreign);
                auto path = path_of(x.name);
                if (x.foreign || path.element != el || !written(mv)) return;
                attribute_name(path.attribute == "info" ? std::string_view("inf") : path.attribute, {}, false);
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
        std::array<std::string_view, 4> paths{};
        std::size_t npaths = 0;
        for (int fg = 0; fg < 2; ++fg) {
            for (int ord = -2; ord <= 2; ++ord) {
                for_each_member<T>([&](auto d, const member_meta& m) {
                    const auto& mv = v.*d.pointer;
                    using M = std::remove_cvref_t<decltype(mv)>;
                    xml_meta x = meta(m, ctx, foreign);
                    if (x.form == xml_form::omit || x.foreign != bool(fg) || x.order != ord) return;
                    using V = value_t<M>;
                    if constexpr (is_scalar_v<V>) {
                        if (x.foreign) return;  // foreign scalars are attributes
                        if (auto p = path_of(x.name); !p.element.empty()) {
                            for (std::size_t i = 0; i < npaths; ++i)
                                if (paths[i] == p.element) return;
                            if (npaths < paths.size()) paths[npaths++] = p.element;
                            std::size_t before = out.size();
                            path_element(v, p.element, dflt, ctx, foreign);
                            any |= out.size() != before;
                            return;
                        }
                        if (x.form != xml_form::element) return;
                        if (!written(mv) && !x.always) return;
                        any = true;
                        std::string_view name = node_name(m, x), cd;
                        auto pre = open(name, x.ns.empty() ? dflt : x.ns, dflt, cd);
                        if (!written(mv)) {
                            out.append("/>");
                            return;
                        }
                        out.push_back('>');
                        scalar_text(get(mv), text_class);
                        close(pre, name);
                    } else {
                        any |= child(mv, m, x, dflt);
                    }
                });
            }
        }
        if constexpr (keeps_unknown<T>) any |= extra_elements(v.extra, dflt, foreign || d_ == xml_dialect::schema);
        return any;
    }

    template <class M>
    bool child(const M& mv, const member_meta& m, const xml_meta& x, std::string_view dflt) {
        using V = value_t<M>;
        std::string_view own_ns = x.foreign ? ns::keystone_ext : x.ns;
        if constexpr (is_vector<V>::value) {
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
            if (x.form == xml_form::unwrapped) {
                for (const auto& e : list) item(e, m, x, item_ns, dflt);
                return !list.empty();
            }
            std::string_view name = wrapper_name(m, x), cd;
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
                element(V{}, node_name(m, x), own_ns.empty() ? (type_ns<V>().empty() ? dflt : type_ns<V>()) : own_ns,
                        dflt, x.foreign, &m);
                return true;
            }
            std::string_view u = own_ns.empty() ? type_ns<V>() : own_ns;
            element(get(mv), node_name(m, x), u.empty() ? dflt : u, dflt, x.foreign, &m);
            return true;
        } else {
            static_assert(sizeof(V) == 0, "no XML mapping for this member type");
        }
    }

    template <class E>
    void item(const E& e, const member_meta& m, const xml_meta& x, std::string_view u, std::string_view dflt) {
        std::string_view name = item_name(m, x);
        if constexpr (is_scalar_v<E>) {
            if (name.empty()) name = "item";
            std::string_view cd;
            auto pre = open(name, u, dflt, cd);
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
        for_each_member<T>([&](auto d, const member_meta& m) {
            const auto& mv = v.*d.pointer;
            using M = std::remove_cvref_t<decltype(mv)>;
            if constexpr (is_scalar_v<value_t<M>>) {
                xml_meta x = meta(m, ctx, foreign);
                if (!x.foreign && x.form == xml_form::text && written(mv)) {
                    scalar_text(get(mv), text_class);
                    text = true;
                }
            }
        });
        bool any = children(v, cd, ctx, foreign);
        if (!any && !text) {
            out.resize(mark);
            out.append("/>");
        } else {
            close(pre, name);
        }
    }
};

}  // namespace detail::xml_write

// Appends the document to `out`. With opt.validate, checks the rules first.
template <document T>
result<void> try_to_xml(const T& v, std::string& out, const xml_options& opt = {}) {
    if (opt.validate)
        if (auto e = validate(v, root_style_of<T>() == root_style::members ? std::string_view{} : root_name<T>()))
            return std::move(*e);
    detail::xml_write::writer(out, opt).document(v);
    return {};
}

template <document T>
result<std::string> try_to_xml(const T& v, const xml_options& opt = {}) {
    std::string out;
    auto r = try_to_xml(v, out, opt);
    if (!r) return r.error();
    return out;
}

template <document T>
std::string to_xml(const T& v, const xml_options& opt = {}) {
    return try_to_xml(v, opt).value();
}

}  // namespace openstack::identity::v2

#endif
