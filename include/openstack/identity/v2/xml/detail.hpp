#ifndef OPENSTACK_IDENTITY_V2_XML_DETAIL_HPP
#define OPENSTACK_IDENTITY_V2_XML_DETAIL_HPP

// What the XML reader and writer share: the effective annotation of a member in a
// dialect, default names, and the namespaces of the types.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/model/namespaces.hpp>
#include <openstack/identity/v2/schema.hpp>
#include <openstack/identity/v2/type_name.hpp>
#include <openstack/identity/v2/xml/options.hpp>

#include <array>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::detail::xml {

template <class V>
using value_t = typename unwrap<V>::type;

// Leaves are XML text: attributes, text-only elements, text content.
template <class V>
inline constexpr bool is_scalar_v = is_leaf<V>;

template <class V>
struct list_item {
    using type = void;
};
template <class E, class A>
struct list_item<std::vector<E, A>> {
    using type = E;
};

// "OS-KSADM:password" -> "password"
constexpr std::string_view local_part(std::string_view n) {
    auto p = n.rfind(':');
    return p == std::string_view::npos ? n : n.substr(p + 1);
}

template <class T>
constexpr std::string_view type_ns() {
    if constexpr (requires { schema<T>::xml_ns; }) return schema<T>::xml_ns;
    else return {};
}

// The root element: the schema's xml_root, the root key without its prefix, or for a type that
// is no document (a fragment) its C++ name.
template <class T>
constexpr std::string_view root_element() {
    if constexpr (requires { schema<T>::xml_root; }) return schema<T>::xml_root;
    else if constexpr (root_style_of<T>() == root_style::none) return type_name<T>();
    else return local_part(root_name<T>());
}

// The annotation that applies in a dialect.
constexpr xml_meta effective(const member_meta& m, xml_dialect d) {
    return d == xml_dialect::schema && m.xml_schema ? *m.xml_schema : m.xml;
}

// "version/@id" -> element "version", attribute "id"
struct split_path {
    std::string_view element, attribute;
};
constexpr split_path path_of(std::string_view name) {
    auto p = name.find("/@");
    if (p == std::string_view::npos) return {};
    return {name.substr(0, p), name.substr(p + 2)};
}

// Name of a scalar's attribute or element; of a struct's element; of a list's wrapper element.
constexpr std::string_view node_name(const member_meta& m, const xml_meta& x) {
    return x.name.empty() ? local_part(m.json) : x.name;
}
constexpr std::string_view wrapper_name(const member_meta& m, const xml_meta& x) {
    return x.list.empty() ? local_part(m.json) : x.list;
}
// Item element of a list; empty for lists whose items are written member by member
// (credentials: each item is one of several elements).
constexpr std::string_view item_name(const member_meta&, const xml_meta& x) { return x.name; }

// A member's annotation resolved at compile time for both dialects (index: xml_dialect).
struct resolved {
    xml_meta x[2];
    std::string_view name[2];     // attribute/element name (node_name)
    split_path path[2];           // "version/@id"
    std::string_view wrapper[2];  // wrapped list element
    std::string_view json_local;  // local_part(json)
    bool child[2] = {};           // a scalar written as a child element (element form or path)
    // ' name="' of an unqualified attribute, ready to append (writer's fast path)
    char attr_open[2][48] = {};
    unsigned char attr_len[2] = {};
};

constexpr resolved resolve_meta(const member_meta& m) {
    resolved r{};
    for (int i = 0; i < 2; ++i) {
        r.x[i] = effective(m, static_cast<xml_dialect>(i));
        r.name[i] = node_name(m, r.x[i]);
        r.path[i] = path_of(r.x[i].name);
        r.wrapper[i] = wrapper_name(m, r.x[i]);
        r.child[i] = r.x[i].form == xml_form::element || !r.path[i].element.empty();
        if (r.x[i].ns.empty() && r.name[i].size() + 3 <= sizeof r.attr_open[i]) {
            std::size_t n = 0;
            r.attr_open[i][n++] = ' ';
            for (char c : r.name[i]) r.attr_open[i][n++] = c;
            r.attr_open[i][n++] = '=';
            r.attr_open[i][n++] = '"';
            r.attr_len[i] = static_cast<unsigned char>(n);
        }
    }
    r.json_local = local_part(m.json);
    return r;
}

template <class T, class D>
struct resolved_holder {
    static constexpr resolved value = resolve_meta(meta_v<T, D>);
};
template <class T, class D>
inline constexpr const resolved& resolved_v = resolved_holder<T, D>::value;

inline bool in(std::string_view name, const auto& arr) {
    for (auto s : arr)
        if (!s.empty() && s == name) return true;
    return false;
}

// The namespaces of the types a read can meet that are not in `namespaces` (a user's own).
struct ns_set {
    std::array<std::string_view, 16> uris{};
    std::size_t size = 0;

    constexpr void add(std::string_view u) {
        if (u.empty() || find_namespace(u)) return;
        for (std::size_t i = 0; i < size; ++i)
            if (uris[i] == u) return;
        if (size < uris.size()) uris[size++] = u;
    }
    constexpr bool contains(std::string_view u) const {
        for (std::size_t i = 0; i < size; ++i)
            if (uris[i] == u) return true;
        return false;
    }
};

// Every type reachable from V, to a depth that ends recursive types.
template <class V, int Depth = 0>
constexpr void add_reachable_ns(ns_set& s) {
    constexpr category c = category_of<V>;
    if constexpr (Depth > 12) {
        return;
    } else if constexpr (c == category::optional || c == category::nullable) {
        add_reachable_ns<typename unwrap<V>::type, Depth>(s);
    } else if constexpr (c == category::list) {
        add_reachable_ns<typename V::value_type, Depth>(s);
    } else if constexpr (c == category::object) {
        s.add(type_ns<V>());
        for_each_member<V>([&](auto d, const member_meta& m) {
            s.add(m.xml.ns);
            if (m.xml_schema) s.add(m.xml_schema->ns);
            add_reachable_ns<std::remove_cvref_t<decltype(std::declval<V&>().*decltype(d)::pointer)>, Depth + 1>(s);
        });
    }
}

template <class T>
consteval ns_set reachable_ns() {
    ns_set s;
    add_reachable_ns<T>(s);
    return s;
}
template <class T>
struct reachable_ns_holder {
    static constexpr ns_set value = reachable_ns<T>();
};

// Namespaces we know: elements in them are read as ours, whatever the exact one: the table's
// (but a vendor's), and those of the types reachable from the type being read (`own`).
inline bool known_ns(std::string_view u, const ns_set& own) {
    if (u.empty() || own.contains(u)) return true;
    const xml_namespace* n = find_namespace(u);
    return n && !n->vendor;
}

inline constexpr std::string_view xsi_ns = "http://www.w3.org/2001/XMLSchema-instance";
// The key of a kept element's text beside its attributes or children.
inline constexpr std::string_view kept_text_key = "#text";

// Valid XML name without a colon (for keys of kept unknown members).
inline bool is_ncname(std::string_view s) {
    if (s.empty()) return false;
    auto start = [](unsigned char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
    };
    if (!start(static_cast<unsigned char>(s[0]))) return false;
    for (unsigned char c : s)
        if (!(start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.')) return false;
    return true;
}

// A kept member's JSON key as an XML name: "RAX-AUTH:x" (a JSON prefix of the namespace table)
// and "{uri}x" name their namespace; a plain "x" is in its context's (empty uri). Not ok: a key
// with no XML form (a prefix the table does not know, a local part that is no XML name).
struct kept_name {
    std::string_view uri;
    std::string_view local;
    bool ok = false;
};
inline kept_name parse_kept_key(std::string_view key) {
    kept_name k;
    if (key.starts_with('{')) {
        const auto close = key.find('}');
        if (close == std::string_view::npos || close == 1) return k;
        k.uri = key.substr(1, close - 1);
        k.local = key.substr(close + 1);
    } else if (const auto colon = key.find(':'); colon != std::string_view::npos) {
        const xml_namespace* n = find_json_prefix(key.substr(0, colon));
        if (!n) return k;
        k.uri = n->uri;
        k.local = key.substr(colon + 1);
    } else {
        k.local = key;
    }
    k.ok = is_ncname(k.local);
    return k;
}

// The JSON key of a member kept from XML, `local` in namespace `uri`, where `plain` is the
// namespace whose members need no prefix (an element's parent's; none for attributes): plain in
// that namespace and in the schema dialect's foreign one (whose members are Keystone's plain JSON
// members), the table's JSON prefix where it has one, else the URI in braces.
inline std::string kept_key(std::string_view uri, std::string_view local, std::string_view plain) {
    std::string k;
    if (uri == plain || uri.empty() || uri == ns::keystone_ext) {
    } else if (const xml_namespace* n = find_namespace(uri); n && !n->json_prefix.empty()) {
        k.append(n->json_prefix).push_back(':');
    } else {
        k.append("{").append(uri).append("}");
    }
    return k.append(local);
}

}  // namespace openstack::identity::v2::detail::xml

#endif
