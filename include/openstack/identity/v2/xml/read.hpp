#ifndef OPENSTACK_IDENTITY_V2_XML_READ_HPP
#define OPENSTACK_IDENTITY_V2_XML_READ_HPP

// Reading XML into the described structs, driven by the same annotations as JSON.
// pugixml parses (no DTD, no entity expansion: a DOCTYPE is rejected); the tree is
// walked once, generically, and the type's rules are checked with validate().
// The reader is lenient: both dialects, any child order, scalars as attribute or
// element, wrapped or unwrapped lists, any prefix for our namespaces.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/detail/limits.hpp>
#include <openstack/identity/v2/detail/names.hpp>
#include <openstack/identity/v2/detail/path.hpp>
#include <openstack/identity/v2/detail/sink.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/options.hpp>
#include <openstack/identity/v2/schema.hpp>
#include <openstack/identity/v2/validate/validate.hpp>
#include <openstack/identity/v2/xml/detail.hpp>

#include <boost/json/value.hpp>

#include <pugixml.hpp>

#include <charconv>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {
namespace detail::xml_read {

using namespace detail::xml;

inline std::string_view trim(std::string_view s) {
    auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && ws(s.front())) s.remove_prefix(1);
    while (!s.empty() && ws(s.back())) s.remove_suffix(1);
    return s;
}

// The namespace URI bound to `prefix` (empty: the default namespace) at element e.
inline std::string_view resolve(pugi::xml_node e, std::string_view prefix) {
    if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
    for (; e && e.type() == pugi::node_element; e = e.parent()) {
        for (auto a = e.first_attribute(); a; a = a.next_attribute()) {
            std::string_view n = a.name();
            if (prefix.empty() ? n == "xmlns"
                               : (n.size() == prefix.size() + 6 && n.starts_with("xmlns:") && n.substr(6) == prefix))
                return a.value();
        }
    }
    return {};
}

struct qname {
    std::string_view prefix, local;
};
inline qname split(std::string_view n) {
    auto p = n.find(':');
    if (p == std::string_view::npos) return {{}, n};
    return {n.substr(0, p), n.substr(p + 1)};
}
// The same for a name as pugixml holds it: one pass finds both its end and its colon (names are
// short, so this beats strlen and then memchr, two calls each).
inline qname split(const char* n) {
    const char* colon = nullptr;
    const char* p = n;
    for (; *p; ++p)
        if (*p == ':' && !colon) colon = p;
    if (!colon) return {{}, {n, static_cast<std::size_t>(p - n)}};
    return {{n, static_cast<std::size_t>(colon - n)}, {colon + 1, static_cast<std::size_t>(p - colon - 1)}};
}
// Whether a split attribute name declares a namespace (xmlns, xmlns:p).
inline bool is_xmlns(const qname& q) { return q.prefix.empty() ? q.local == "xmlns" : q.prefix == "xmlns"; }

// "/access/serviceCatalog/service[3]/endpoint/@id"
inline std::string location(pugi::xml_node e, std::string_view attr = {}) {
    std::string s;
    for (; e && e.type() == pugi::node_element; e = e.parent()) {
        std::string part = "/";
        part += e.name();
        std::size_t index = 0, count = 0;
        for (auto sib = e.parent().first_child(); sib; sib = sib.next_sibling()) {
            if (sib.type() != pugi::node_element || std::string_view(sib.name()) != e.name()) continue;
            ++count;
            if (sib == e) index = count;
        }
        if (count > 1) part += "[" + std::to_string(index) + "]";
        s.insert(0, part);
    }
    if (!attr.empty()) s.append("/@").append(attr);
    return s;
}

inline std::string text_of(pugi::xml_node e) {
    std::string s;
    for (auto n = e.first_child(); n; n = n.next_sibling())
        if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) s += n.value();
    return s;
}

// An element's text: its one text node as it is (the usual case, no copy), else its text nodes
// joined in `joined`.
inline std::string_view text_view(pugi::xml_node e, std::string& joined) {
    const pugi::xml_node n = e.first_child();
    if (!n) return {};
    if (!n.next_sibling() && (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata)) return n.value();
    joined = text_of(e);
    return joined;
}

class context {
public:
    context(const read_options& o, const ns_set& own) : opt(o), own_ns(own) {}
    const read_options& opt;
    const ns_set& own_ns;         // the namespaces of the types being read that the table does not have
    const at_node* at = nullptr;  // where the walk is
    error err;
    bool failed = false;
    // The default namespace in scope at ns_parent: siblings share it, so it is looked up once.
    pugi::xml_node ns_parent;
    std::string_view ns_parent_default;
    // Whether the document says xml:space anywhere; when it does not, no element's ancestors
    // need to be asked.
    bool spaces = true;

    // Whether elements in namespace `uri` are ours (known_ns). Every element of a document names
    // the same few declarations, so the last one found known is remembered by its address.
    bool known(std::string_view uri) {
        if (uri.data() == known_uri_.data() && uri.size() == known_uri_.size()) return true;
        if (!known_ns(uri, own_ns)) return false;
        known_uri_ = uri;
        return true;
    }

    bool fail(errc code, std::string message, pugi::xml_node where, std::string_view attr = {},
              std::string_view last = {}) {
        if (failed) return false;
        failed = true;
        err.code = make_error_code(code);
        err.kind = fault_kind_of(code);  // as the JSON reader: too_large is overLimit
        err.message = std::move(message);
        err.path = at_node::str(at, last);
        if (where) err.element = location(where, attr);
        return false;
    }

private:
    std::string_view known_uri_;
};

// Element text is trimmed (documents are indented), unless xml:space="preserve" says otherwise
// (the writer says so for strings that start or end with white space).
inline std::string_view element_text(const context& c, pugi::xml_node e, std::string_view text) {
    if (c.spaces)
        for (; e && e.type() == pugi::node_element; e = e.parent())
            if (auto a = e.attribute("xml:space")) return std::string_view(a.value()) == "preserve" ? text : trim(text);
    return trim(text);
}

// One step down the path, for as long as the walk is below it.
class step {
public:
    step(context& c, path::segment s) : c_(c), node_{c.at, s} { c.at = &node_; }
    ~step() { c_.at = node_.up; }
    step(const step&) = delete;
    step& operator=(const step&) = delete;

private:
    context& c_;
    at_node node_;
};

// The namespace URI of `prefix` at element e, as resolve(), without walking up the tree again
// for each sibling when the prefix is the default one.
inline std::string_view resolve(context& c, pugi::xml_node e, std::string_view prefix) {
    if (!prefix.empty()) return resolve(e, prefix);
    for (auto a = e.first_attribute(); a; a = a.next_attribute())
        if (const char* n = a.name(); n[0] == 'x' && std::strcmp(n, "xmlns") == 0) return a.value();
    const pugi::xml_node p = e.parent();
    if (p != c.ns_parent) {
        c.ns_parent = p;
        c.ns_parent_default = resolve(p, {});
    }
    return c.ns_parent_default;
}

// ---- scalars ----------------------------------------------------------------------------

template <class V>
bool parse_scalar(context& c, std::string_view text, V& v, pugi::xml_node where, std::string_view attr) {
    if (const char* why = parse_text(category_of<V> == category::string ? text : trim(text), v)) {
        // The text is quoted for booleans and numbers, never for strings (passwords) or custom leaves.
        constexpr category w = category_of<V>;
        if constexpr (w == category::boolean || w == category::integer || w == category::number)
            if (std::string_view(why) != "number out of range")
                return c.fail(errc::invalid_value, std::string(why) + ", got \"" + std::string(text) + "\"", where,
                              attr);
        return c.fail(errc::invalid_value, why, where, attr);
    }
    return true;
}

// Assign into a member of type M (possibly optional/nullable) from text.
template <class M>
bool scalar_into(context& c, M& m, std::string_view text, pugi::xml_node where, std::string_view attr) {
    if constexpr (category_of<M> == category::optional || category_of<M> == category::nullable)
        return parse_scalar(c, text, m.emplace(), where, attr);
    else return parse_scalar(c, text, m, where, attr);
}

template <class M>
auto& emplace_value(M& m) {
    if constexpr (category_of<M> == category::optional) return m ? *m : m.emplace();
    else if constexpr (category_of<M> == category::nullable) return m.has_value() ? *m : m.emplace();
    else return m;
}

// ---- unknown members ----------------------------------------------------------------------

// The namespace of an element.
inline std::string_view ns_of(pugi::xml_node e) { return resolve(e, split(e.name()).prefix); }

// A kept element as JSON: text alone is a string (xsi:nil="true" is null), else an object of its
// attributes and children, repeated children as arrays, and its text, if any, as "#text". Keys
// name their namespace where it is not the element's own (kept_key).
inline boost::json::value element_to_json(pugi::xml_node e) {
    const std::string_view own = ns_of(e);
    boost::json::object o;
    bool nil = false;
    for (auto a : e.attributes()) {
        std::string_view n = a.name();
        if (n == "xmlns" || n.starts_with("xmlns:")) continue;
        const qname q = split(n);
        const std::string_view uri = q.prefix.empty() ? std::string_view{} : resolve(e, q.prefix);
        if (uri == xsi_ns) {
            nil = nil || (q.local == "nil" && trim(a.value()) == "true");
            continue;
        }
        o[kept_key(uri, q.local, {})] = a.value();
    }
    bool has_children = false;
    for (auto ch : e.children()) {
        if (ch.type() != pugi::node_element) continue;
        has_children = true;
        const std::string key = kept_key(ns_of(ch), split(ch.name()).local, own);
        auto v = element_to_json(ch);
        if (auto* old = o.if_contains(key)) {
            if (!old->is_array()) *old = boost::json::array{std::move(*old)};
            old->as_array().push_back(std::move(v));
        } else {
            o[key] = std::move(v);
        }
    }
    const std::string all = text_of(e);  // trim's view must not outlive it
    const std::string_view text = trim(all);
    if (!has_children && o.empty()) {
        if (nil) return nullptr;
        return boost::json::value(text);
    }
    if (!text.empty()) o[kept_text_key] = text;
    return o;
}

template <class T>
bool unknown(context& c, T& out, pugi::xml_node e, pugi::xml_attribute a) {
    const unknown_policy policy = open_members<T> ? unknown_policy::keep : c.opt.unknown;
    const bool reject = policy == unknown_policy::reject;
    if (!reject && !(policy == unknown_policy::keep && keeps_unknown<T>)) return true;
    std::string_view qn = a ? a.name() : e.name();
    const qname q = split(qn);
    // The member's name as JSON spells it (RAX-AUTH:foo), in the path and as the kept key.
    const std::string key = a ? kept_key(q.prefix.empty() ? std::string_view{} : resolve(e, q.prefix), q.local, {})
                              : kept_key(ns_of(e), q.local, ns_of(e.parent()));
    if (reject)
        return c.fail(errc::unknown_member,
                      std::string(a ? "unknown attribute \"" : "unknown element \"") + std::string(qn) + "\"", e,
                      a ? std::string_view(a.name()) : std::string_view{}, key);
    if constexpr (keeps_unknown<T>) {
        auto& mem = out.extra.members;
        if (a) {
            if (mem.contains(key))
                return c.fail(errc::duplicate_member, "member given more than once", e, a.name(), key);
            mem[key] = a.value();
        } else if (auto* old = mem.if_contains(key)) {
            if (!old->is_array()) *old = boost::json::array{std::move(*old)};
            old->as_array().push_back(element_to_json(e));
        } else {
            mem[key] = element_to_json(e);
        }
    }
    return true;
}

// ---- structs --------------------------------------------------------------------------------

template <class T>
bool read_struct(context& c, pugi::xml_node e, T& out);

template <class T>
bool read_child(context& c, pugi::xml_node ch, std::string_view local, T& out, std::uint64_t& seen, bool& found);

inline bool names_match(std::string_view local, const member_meta& m, auto&& name_of) {
    if (name_of(m.xml) == local) return true;
    if (m.xml_schema && name_of(*m.xml_schema) == local) return true;
    return false;
}

// Whether `local` is one of a member's names in the two dialects (resolved at compile time).
inline bool either(const std::string_view (&names)[2], std::string_view local) {
    return names[0] == local || names[1] == local;
}

// A scalar's attribute or element name in either dialect (an "element/@attribute" path is
// not), or its JSON name.
inline bool scalar_named(const resolved& r, std::string_view local) {
    return (r.path[0].element.empty() && r.name[0] == local) || (r.path[1].element.empty() && r.name[1] == local) ||
           r.json_local == local;
}

// Which members an attribute, a child element or a path element ("version/@id") of a given
// name may be, found at compile time, so that the walk tests only those members.
template <class T>
constexpr std::size_t member_count() {
    std::size_t n = 0;
    for_each_member<T>([&](auto, const member_meta&) { ++n; });
    return n;
}

template <class T, class D>
using member_value_t = value_t<std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>>;

template <class T>
constexpr auto attribute_names() {
    name_bits<3 * member_count<T>() + 1> t{};
    unsigned i = 0;
    for_each_member<T>([&](auto d, const member_meta&) {
        const resolved& r = resolved_v<T, decltype(d)>;
        if constexpr (is_scalar_v<member_value_t<T, decltype(d)>>) {  // as scalar_named()
            if (r.path[0].element.empty()) t.add(r.name[0], i);
            if (r.path[1].element.empty()) t.add(r.name[1], i);
            t.add(r.json_local, i);
        }
        ++i;
    });
    return t;
}

template <class T>
constexpr auto child_names() {
    name_bits<4 * member_count<T>() + 1> t{};
    unsigned i = 0;
    for_each_member<T>([&](auto d, const member_meta& m) {
        using V = member_value_t<T, decltype(d)>;
        const resolved& r = resolved_v<T, decltype(d)>;
        if constexpr (is_scalar_v<V> || category_of<V> == category::object) {
            if (!is_scalar_v<V> || r.path[0].element.empty()) t.add(r.name[0], i);
            if (!is_scalar_v<V> || r.path[1].element.empty()) t.add(r.name[1], i);
            t.add(r.json_local, i);
        } else if constexpr (category_of<V> == category::list) {
            t.add(r.wrapper[0], i);
            t.add(r.wrapper[1], i);
            if (!m.xml.name.empty()) {
                t.add(m.xml.name, i);
                if (m.xml_schema) t.add(m.xml_schema->name, i);
            } else if (described<typename V::value_type>) {
                t.add_any(i);  // items written member by member: any child may be one
            }
        }
        ++i;
    });
    return t;
}

template <class T>
constexpr auto path_names() {
    name_bits<2 * member_count<T>() + 1> t{};
    unsigned i = 0;
    for_each_member<T>([&](auto d, const member_meta&) {
        if constexpr (is_scalar_v<member_value_t<T, decltype(d)>>)
            for (const split_path& p : resolved_v<T, decltype(d)>.path) t.add(p.element, i);
        ++i;
    });
    return t;
}

template <class T>
inline constexpr auto attribute_names_v = attribute_names<T>();
template <class T>
inline constexpr auto child_names_v = child_names<T>();
template <class T>
inline constexpr auto path_names_v = path_names<T>();

inline bool mark(context& c, std::uint64_t& seen, unsigned index, pugi::xml_node e, std::string_view attr,
                 std::string_view json) {
    std::uint64_t bit = std::uint64_t(1) << (index & 63);
    if (seen & bit) return c.fail(errc::duplicate_member, "member given more than once", e, attr, json);
    seen |= bit;
    return true;
}

// An attribute of e: a scalar member of T.
template <class T>
bool read_attribute(context& c, pugi::xml_node e, pugi::xml_attribute a, std::string_view local, T& out,
                    std::uint64_t& seen, bool& found) {
    const std::uint64_t want = attribute_names_v<T>(local);
    if (!want) return true;
    bool ok = true;
    unsigned index = 0;
    for_each_member<T>([&](auto d, const member_meta& m) {
        unsigned i = index++;
        if (found || !ok || !has_bit(want, i)) return;
        using M = std::remove_cvref_t<decltype(out.*d.pointer)>;
        using V = value_t<M>;
        if constexpr (is_scalar_v<V>) {
            if (!scalar_named(resolved_v<T, decltype(d)>, local)) return;
            found = true;
            if (!(ok = mark(c, seen, i, e, a.name(), m.json))) return;
            const step in_member(c, path::of(m.json));
            ok = scalar_into(c, out.*d.pointer, a.value(), e, a.name());
        }
    });
    return ok;
}

// A child element <version id info list/> holding path members ("version/@id").
template <class T>
bool read_path_element(context& c, pugi::xml_node ch, std::string_view local, T& out, std::uint64_t& seen,
                       bool& found) {
    if constexpr (path_names_v<T>.size == 0) return true;
    const std::uint64_t want = path_names_v<T>(local);
    if (!want) return true;
    bool ok = true;
    unsigned index = 0;
    for_each_member<T>([&](auto d, const member_meta& m) {
        unsigned i = index++;
        if (!ok || !has_bit(want, i)) return;
        using M = std::remove_cvref_t<decltype(out.*d.pointer)>;
        if constexpr (is_scalar_v<value_t<M>>) {
            for (const split_path& p : resolved_v<T, decltype(d)>.path) {
                if (p.element.empty() || p.element != local) continue;
                found = true;
                if (auto a = ch.attribute(std::string(p.attribute).c_str())) {
                    if (!(ok = mark(c, seen, i, ch, a.name(), m.json))) return;
                    const step in_member(c, path::of(m.json));
                    ok = scalar_into(c, out.*d.pointer, a.value(), ch, a.name());
                }
                return;
            }
        }
    });
    return ok;
}

template <class E>
bool read_item(context& c, pugi::xml_node ch, E& item) {
    if constexpr (is_scalar_v<E>) {
        std::string joined;
        return parse_scalar(c, element_text(c, ch, text_view(ch, joined)), item, ch, {});
    } else return read_struct(c, ch, item);
}

template <class T>
bool read_child(context& c, pugi::xml_node ch, std::string_view local, T& out, std::uint64_t& seen, bool& found) {
    const std::uint64_t want = child_names_v<T>(local);
    bool ok = true;
    unsigned index = 0;
    if (want)
        for_each_member<T>([&](auto d, const member_meta& m) {
            unsigned i = index++;
            if (found || !ok || !has_bit(want, i)) return;
            using M = std::remove_cvref_t<decltype(out.*d.pointer)>;
            using V = value_t<M>;
            if constexpr (is_scalar_v<V>) {
                if (!scalar_named(resolved_v<T, decltype(d)>, local)) return;
                found = true;
                if (!(ok = mark(c, seen, i, ch, {}, m.json))) return;
                const step in_member(c, path::of(m.json));
                std::string joined;
                ok = scalar_into(c, out.*d.pointer, element_text(c, ch, text_view(ch, joined)), ch, {});
            } else if constexpr (category_of<V> == category::list) {
                using E = typename V::value_type;
                auto item = [&](const xml_meta& x) { return item_name(m, x); };
                if (either(resolved_v<T, decltype(d)>.wrapper, local)) {
                    // <roles><role/>...</roles>
                    found = true;
                    if (!(ok = mark(c, seen, i, ch, {}, m.json))) return;
                    V& list = emplace_value(out.*d.pointer);
                    const step in_member(c, path::of(m.json));
                    for (auto gc = ch.first_child(); gc; gc = gc.next_sibling()) {
                        if (gc.type() != pugi::node_element) continue;
                        const qname q = split(gc.name());
                        if (!c.known(resolve(c, gc, q.prefix))) continue;
                        if constexpr (described<E>) {
                            if (item(m.xml).empty()) {  // items written member by member
                                E e{};
                                std::uint64_t s2 = 0;
                                bool f2 = false;
                                {
                                    const step in_item(c, path::of(list.size()));
                                    ok = read_child(c, gc, q.local, e, s2, f2);
                                }
                                if (!ok) break;
                                if (f2) new_item(list) = std::move(e);
                                continue;
                            }
                        }
                        if (!names_match(q.local, m, item) && !(item(m.xml).empty() && !is_scalar_v<E>)) {
                            if (c.opt.unknown == unknown_policy::reject) {
                                ok = c.fail(errc::unknown_member,
                                            "unexpected element \"" + std::string(gc.name()) + "\" in a list", gc);
                                break;
                            }
                            continue;
                        }
                        {
                            const step in_item(c, path::of(list.size()));
                            ok = read_item(c, gc, new_item(list));
                        }
                        if (!ok) break;
                    }
                    return;
                }
                if (!item(m.xml).empty() && names_match(local, m, item)) {
                    // <endpoint/><endpoint/> directly under the parent
                    found = true;
                    V& list = emplace_value(out.*d.pointer);
                    const step in_member(c, path::of(m.json));
                    const step in_item(c, path::of(list.size()));
                    ok = read_item(c, ch, new_item(list));
                    return;
                }
                if constexpr (described<E>) {
                    if (item(m.xml).empty()) {
                        // credentials: each child element is one item, named after the item's member
                        E e{};
                        std::uint64_t s2 = 0;
                        bool f2 = false;
                        auto& list_ref = out.*d.pointer;
                        std::size_t n = 0;
                        if constexpr (category_of<M> == category::optional) n = list_ref ? list_ref->size() : 0;
                        else n = list_ref.size();
                        {
                            const step in_member(c, path::of(m.json));
                            const step in_item(c, path::of(n));
                            ok = read_child(c, ch, local, e, s2, f2);
                        }
                        if (ok && f2) {
                            found = true;
                            new_item(emplace_value(out.*d.pointer)) = std::move(e);
                        }
                    }
                }
            } else if constexpr (described<V>) {
                constexpr const resolved& r = resolved_v<T, decltype(d)>;
                if (!either(r.name, local) && r.json_local != local) return;
                found = true;
                if (!(ok = mark(c, seen, i, ch, {}, m.json))) return;
                const step in_member(c, path::of(m.json));
                ok = read_struct(c, ch, emplace_value(out.*d.pointer));
            }
        });
    if (ok && !found) ok = read_path_element(c, ch, local, out, seen, found);
    return ok;
}

template <class T>
bool read_struct(context& c, pugi::xml_node e, T& out) {
    std::uint64_t seen = 0;
    for (auto a = e.first_attribute(); a; a = a.next_attribute()) {
        const qname q = split(a.name());
        if (is_xmlns(q)) continue;
        if (!q.prefix.empty()) {
            auto uri = resolve(e, q.prefix);
            if (uri == xsi_ns || q.prefix == "xml") continue;
            if (!c.known(uri)) {
                if (!unknown(c, out, e, a)) return false;
                continue;
            }
        }
        bool found = false;
        if (!read_attribute(c, e, a, q.local, out, seen, found)) return false;
        if (!found && !unknown(c, out, e, a)) return false;
    }
    // text content (xml_form::text)
    bool ok = true;
    unsigned index = 0;
    for_each_member<T>([&](auto d, const member_meta& m) {
        using M = std::remove_cvref_t<decltype(out.*d.pointer)>;
        const unsigned i = index++;
        if constexpr (is_scalar_v<value_t<M>>) {
            if (ok && (m.xml.form == xml_form::text || (m.xml_schema && m.xml_schema->form == xml_form::text))) {
                std::string joined;
                auto t = element_text(c, e, text_view(e, joined));
                if (!t.empty()) {
                    seen |= std::uint64_t(1) << (i & 63);
                    const step in_member(c, path::of(m.json));
                    ok = scalar_into(c, out.*d.pointer, t, e, {});
                }
            }
        }
    });
    if (!ok) return false;
    for (auto ch = e.first_child(); ch; ch = ch.next_sibling()) {
        if (ch.type() != pugi::node_element) continue;
        const qname q = split(ch.name());
        auto uri = resolve(c, ch, q.prefix);
        bool found = false;
        if (c.known(uri) && !read_child(c, ch, q.local, out, seen, found)) return false;
        if (!found && !unknown(c, out, ch, {})) return false;
    }
    // As in JSON: a required member whose type cannot say "absent" (a number, a timestamp, a
    // status, an object) must be there; validation cannot tell its default from a value.
    if (c.opt.validate) {
        index = 0;
        for_each_member<T>([&](auto d, const member_meta& m) {
            using M = std::remove_cvref_t<decltype(out.*d.pointer)>;
            const unsigned i = index++;
            if (!says_absent<M> && ok && m.required && i < 64 && !(seen >> i & 1))
                ok = c.fail(errc::missing_member, "required member is missing", e, {}, m.json);
        });
    }
    return ok;
}

// Depth of the element tree, without recursion.
inline bool too_deep(const pugi::xml_document& doc, std::size_t max) {
    std::size_t depth = 0;
    pugi::xml_node n = doc.first_child();
    while (n) {
        if (n.type() == pugi::node_element && depth + 1 > max) return true;
        if (n.first_child()) {
            n = n.first_child();
            ++depth;
            continue;
        }
        while (n && !n.next_sibling()) {
            n = n.parent();
            if (!n || n.type() == pugi::node_document) return false;
            --depth;
        }
        if (n) n = n.next_sibling();
    }
    return false;
}

// XML 1.0's Char production.
constexpr bool xml_char(std::uint64_t c) {
    return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) ||
           (c >= 0x10000 && c <= 0x10ffff);
}

#if defined(__SSE2__)
// Whether 16 bytes are all printable ASCII, tab, LF or CR.
inline bool plain_block(const char* p) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i ws = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\t')),
                                    _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')),
                                                 _mm_cmpeq_epi8(x, _mm_set1_epi8('\r'))));
    const __m128i low = _mm_cmplt_epi8(x, _mm_set1_epi8(0x20));  // also every byte >= 0x80 (negative)
    return _mm_movemask_epi8(_mm_andnot_si128(ws, low)) == 0;
}
#endif

// The offset of the first byte that does not start a well-formed UTF-8 sequence of a character XML
// allows (overlong forms, surrogates, over U+10FFFF, truncated sequences, NUL and other control
// characters): pugixml takes bytes as they come.
inline std::size_t bad_character(std::string_view t) {
    const auto* p = reinterpret_cast<const unsigned char*>(t.data());
    for (std::size_t i = 0, n = t.size(); i < n;) {
#if defined(__SSE2__)
        if (n - i >= 16 && plain_block(t.data() + i)) {  // the usual text: ASCII, tab, LF, CR
            i += 16;
            continue;
        }
#endif
        const unsigned c = p[i];
        if (c < 0x80) {
            if (c < 0x20 && !xml_char(c)) return i;
            ++i;
            continue;
        }
        const std::size_t len = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
        if (len == 0 || n - i < len) return i;
        std::uint32_t cp = c & (0x7f >> len);
        for (std::size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xc0) != 0x80) return i;
            cp = cp << 6 | (p[i + k] & 0x3f);
        }
        constexpr std::uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < least[len] || !xml_char(cp)) return i;
        i += len;
    }
    return std::string_view::npos;
}

// A reference that is not one of XML's five, a character reference: well-formedness
// errors that pugixml would let through as literal text (undeclared entities).
inline std::size_t bad_reference(std::string_view t) {
    if (t.find('&') == std::string_view::npos) return std::string_view::npos;  // the usual case
    auto ref_ok = [&](std::size_t i) {
        auto semi = t.find(';', i);
        if (semi == std::string_view::npos || semi - i > 12) return false;
        auto ref = t.substr(i + 1, semi - i - 1);
        if (ref == "amp" || ref == "lt" || ref == "gt" || ref == "quot" || ref == "apos") return true;
        if (ref.size() < 2 || ref[0] != '#') return false;
        bool hex = ref[1] == 'x';
        auto digits = ref.substr(hex ? 2 : 1);
        if (digits.empty()) return false;
        std::uint64_t cp = 0;  // at most 10 hex digits: no overflow
        for (char ch : digits) {
            const int d = ch >= '0' && ch <= '9'          ? ch - '0'
                          : hex && ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                          : hex && ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                                          : -1;
            if (d < 0) return false;
            cp = cp * (hex ? 16 : 10) + static_cast<unsigned>(d);
        }
        return xml_char(cp);  // &#0;, &#xD800; and the like name no character XML allows
    };
    // Text, tags and quoted attribute values (pugixml lets a '<' into one: it starts nothing
    // there); comments, CDATA and processing instructions hold no references.
    bool in_tag = false;
    char quote = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char ch = t[i];
        if (quote) {
            if (ch == quote) quote = 0;
            else if (ch == '&' && !ref_ok(i)) return i;
        } else if (in_tag) {
            if (ch == '"' || ch == '\'') quote = ch;
            else if (ch == '>') in_tag = false;
        } else if (ch == '<') {
            bool skipped = false;
            for (auto [open, close] :
                 {std::pair<std::string_view, std::string_view>{"<!--", "-->"}, {"<![CDATA[", "]]>"}, {"<?", "?>"}}) {
                if (t.compare(i, open.size(), open) != 0) continue;
                auto e = t.find(close, i + open.size());
                i = e == std::string_view::npos ? t.size() : e + close.size() - 1;
                skipped = true;
                break;
            }
            in_tag = !skipped;
        } else if (ch == '&' && !ref_ok(i)) {
            return i;
        }
    }
    return std::string_view::npos;
}

// parse_ws_pcdata_single: an element whose only content is white space keeps it (xml:space="preserve").
// parse_fragment: text around the root element is kept (pugixml drops it otherwise), so that the
// reader refuses it as JSON refuses data after the document; the reader asks for the one root.
inline constexpr unsigned parse_flags = pugi::parse_escapes | pugi::parse_eol | pugi::parse_cdata |
                                        pugi::parse_doctype | pugi::parse_wconv_attribute |
                                        pugi::parse_ws_pcdata_single | pugi::parse_fragment;

// The copy of a document that pugixml parses in place (it writes into what it parses): a buffer
// of the thread's, kept from one document to the next up to what the writers keep, so that a read
// costs no allocation of the document's size (load_buffer's own copy was a fresh block, and past
// glibc's 128 KiB threshold fresh pages, on every call). Like load_buffer's copy it ends in a NUL
// that is parsed with it: pugixml overwrites the last byte it is given, and a document's own last
// byte would be lost (text after the root element would go unseen).
class scratch {
public:
    explicit scratch(std::string_view text) : b_(kept()) {
        if (b_.size < text.size() + 1) {
            b_.data = std::make_unique_for_overwrite<char[]>(text.size() + 1);
            b_.size = text.size() + 1;
        }
        if (!text.empty()) std::memcpy(b_.data.get(), text.data(), text.size());
        b_.data[text.size()] = '\0';
    }
    ~scratch() {
        if (b_.size > sink::max_kept) b_ = buffer{};
    }
    scratch(const scratch&) = delete;
    scratch& operator=(const scratch&) = delete;
    char* data() const noexcept { return b_.data.get(); }

private:
    struct buffer {
        std::unique_ptr<char[]> data;
        std::size_t size = 0;
    };
    // A read calls nothing that reads another document, so one per thread is enough.
    static buffer& kept() {
        static thread_local buffer b;
        return b;
    }
    buffer& b_;
};

template <class T>
result<T> read(std::string_view text, const read_options& opt) {
    constexpr auto style = root_style_of<T>();
    context c(opt, reachable_ns_holder<T>::value);
    T out{};
    if (auto e = over_size(text, opt)) return *e;
    if (auto at = bad_character(text); at != std::string_view::npos) {
        c.fail(errc::malformed_xml, "malformed XML: not UTF-8, or a character XML does not allow", {});
        c.err.offset = at;
        return c.err;
    }
    c.spaces = text.find("xml:space") != std::string_view::npos;
    const scratch copy(text);
    pugi::xml_document doc;  // after `copy`: it points into it
    auto r = doc.load_buffer_inplace(copy.data(), text.size() + 1, parse_flags, pugi::encoding_utf8);
    for (auto n : doc.children()) {
        if (n.type() == pugi::node_doctype) {
            c.fail(errc::forbidden_markup, "DOCTYPE declarations are not accepted", {});
            c.err.offset = text.find("<!DOCTYPE");
            return c.err;
        }
    }
    if (!r) {
        // A DTD that pugixml could not even skip is still a DTD.
        auto dt = text.find("<!DOCTYPE");
        if (dt != std::string_view::npos && (r.offset < 0 || std::size_t(r.offset) >= dt)) {
            c.fail(errc::forbidden_markup, "DOCTYPE declarations are not accepted", {});
            c.err.offset = dt;
            return c.err;
        }
        c.fail(errc::malformed_xml, std::string("malformed XML: ") + r.description(), {});
        c.err.offset = static_cast<std::size_t>(r.offset);
        return c.err;
    }
    if (auto at = bad_reference(text); at != std::string_view::npos) {
        c.fail(errc::malformed_xml,
               "malformed XML: undeclared entity, bare '&' or a reference to a character XML does not allow", {});
        c.err.offset = at;
        return c.err;
    }
    if (too_deep(doc, opt.max_depth)) {
        c.fail(errc::too_deep, "nesting deeper than " + std::to_string(opt.max_depth), {});
        return c.err;
    }
    pugi::xml_node root = doc.document_element();
    if (!root) {
        c.fail(errc::malformed_xml, "malformed XML: no root element", {});
        c.err.offset = text.size();
        return c.err;
    }
    // One root element and nothing but markup around it (pugixml takes a second root, or text).
    for (auto n : doc.children()) {
        if (n == root ||
            (n.type() != pugi::node_element && n.type() != pugi::node_pcdata && n.type() != pugi::node_cdata))
            continue;
        c.fail(errc::malformed_xml, "malformed XML: content outside the root element", {});
        c.err.offset = static_cast<std::size_t>(n.offset_debug());
        return c.err;
    }
    auto q = split(root.name());
    auto uri = resolve(root, q.prefix);
    if (!known_ns(uri, c.own_ns)) {
        c.fail(errc::wrong_root,
               "root element \"" + std::string(root.name()) + "\" is in namespace \"" + std::string(uri) + "\"", root);
        return c.err;
    }
    if constexpr (style == root_style::tagged) {
        using S = schema<T>;
        if (auto tag = S::tag_from_name(q.local)) {
            out.*S::tag = *tag;
            const step in_root(c, path::of(S::tag_name(*tag)));
            if (!read_struct(c, root, out)) return c.err;
        } else if (q.local == S::alias_root) {
            const step in_root(c, path::of(S::alias_root));
            if (!read_struct(c, root, out)) return c.err;
            out.*S::tag = S::tag_from_value(out);
        } else {
            c.fail(errc::wrong_root, "expected a fault element, got \"" + std::string(root.name()) + "\"", root);
            return c.err;
        }
    } else {
        if (q.local != root_element<T>()) {
            c.fail(errc::wrong_root,
                   "expected the root element \"" + std::string(root_element<T>()) + "\", got \"" +
                       std::string(root.name()) + "\"",
                   root);
            return c.err;
        }
        const at_node top{nullptr, path::of(root_name<T>())};
        if constexpr (style != root_style::members) c.at = &top;
        if (!read_struct(c, root, out)) return c.err;
    }
    if (opt.validate)
        if (auto e = validate(out, root_path<T>()); e) return std::move(*e);
    return out;
}

}  // namespace detail::xml_read

// Reads a whole XML document (<access>...</access> for access). Never throws for bad input.
template <described T>
result<T> try_from_xml(std::string_view text, const read_options& opt = {}) {
    return detail::xml_read::read<T>(text, opt);
}

// Throws v2::exception for bad input.
template <described T>
T from_xml(std::string_view text, const read_options& opt = {}) {
    return try_from_xml<T>(text, opt).value();
}

}  // namespace openstack::identity::v2

#endif
