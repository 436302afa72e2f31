// openstack-identity-v2 0.1.0: single header generated from include/openstack/identity/v2.hpp
// by scripts/amalgamate.py. Do not edit: change include/ and run the script.
// SPDX-License-Identifier: Apache-2.0
#ifndef OPENSTACK_IDENTITY_V2_SINGLE_HPP
#define OPENSTACK_IDENTITY_V2_SINGLE_HPP

// ---- begin openstack/identity/v2.hpp
#ifndef OPENSTACK_IDENTITY_V2_HPP
#define OPENSTACK_IDENTITY_V2_HPP

// OpenStack Identity (Keystone) v2.0: documents, JSON, XML and validation.

// ---- begin openstack/identity/v2/catalog.hpp
#ifndef OPENSTACK_IDENTITY_V2_CATALOG_HPP
#define OPENSTACK_IDENTITY_V2_CATALOG_HPP

// Service catalog lookup on an `access` value. No transport: usable on any token response.
//
// The rule (docs/client.md):
//  1. services: `type` equal to the requested type (exact), and `name` equal when one is asked for;
//  2. endpoints: every endpoint of those services, in catalog order, whose region equals the
//     requested one (exact) when one is given; with no region every region is considered; with an
//     endpoint id only that endpoint;
//  3. interfaces: tried in the preference order given (default: public only); the first interface
//     for which some endpoint has a non-empty URL wins; empty URLs (Keystone's `publicURL: ""`) are skipped;
//  4. several endpoints left: `first` takes the first in catalog order (keystoneauth, gophercloud);
//     `strict` fails with `catalog_errc::ambiguous` and lists the candidates, unless all of them carry
//     the same URL (duplicated entries are not an ambiguity).

// ---- begin openstack/identity/v2/version.hpp
#ifndef OPENSTACK_IDENTITY_V2_VERSION_HPP
#define OPENSTACK_IDENTITY_V2_VERSION_HPP

#define OPENSTACK_IDENTITY_V2_VERSION_MAJOR 0
#define OPENSTACK_IDENTITY_V2_VERSION_MINOR 1
#define OPENSTACK_IDENTITY_V2_VERSION_PATCH 0

// Everything lives in an inline namespace named after the version, so that two tools
// vendoring different versions can be linked into one program. Code names the plain
// openstack::identity::v2; only the symbols carry the version.
#define OPENSTACK_IDENTITY_V2_ABI_CAT(a, b, c) abi_v##a##_##b##_##c
#define OPENSTACK_IDENTITY_V2_ABI_NAME(a, b, c) OPENSTACK_IDENTITY_V2_ABI_CAT(a, b, c)
#define OPENSTACK_IDENTITY_V2_ABI                                                                            \
    OPENSTACK_IDENTITY_V2_ABI_NAME(OPENSTACK_IDENTITY_V2_VERSION_MAJOR, OPENSTACK_IDENTITY_V2_VERSION_MINOR, \
                                   OPENSTACK_IDENTITY_V2_VERSION_PATCH)
#define OPENSTACK_IDENTITY_V2_NAMESPACE openstack::identity::v2::inline OPENSTACK_IDENTITY_V2_ABI

#endif
// ---- end openstack/identity/v2/version.hpp
// ---- begin openstack/identity/v2/model/access.hpp
#ifndef OPENSTACK_IDENTITY_V2_MODEL_ACCESS_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_ACCESS_HPP

// ---- begin openstack/identity/v2/model/endpoint.hpp
#ifndef OPENSTACK_IDENTITY_V2_MODEL_ENDPOINT_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_ENDPOINT_HPP

// ---- begin openstack/identity/v2/model/link.hpp
#ifndef OPENSTACK_IDENTITY_V2_MODEL_LINK_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_LINK_HPP

// ---- begin openstack/identity/v2/model/namespaces.hpp
#ifndef OPENSTACK_IDENTITY_V2_MODEL_NAMESPACES_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_NAMESPACES_HPP

// The XML namespaces of the v2.0 API and its extensions: one table that the XML reader (which
// namespaces are ours), the writer (which prefix to declare) and the docs read.

#include <string_view>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

namespace ns {

inline constexpr std::string_view identity = "http://docs.openstack.org/identity/api/v2.0";
inline constexpr std::string_view common = "http://docs.openstack.org/common/api/v1.0";
inline constexpr std::string_view atom = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view os_ksadm = "http://docs.openstack.org/identity/api/ext/OS-KSADM/v1.0";
inline constexpr std::string_view os_kscatalog = "http://docs.openstack.org/identity/api/ext/OS-KSCATALOG/v1.0";
inline constexpr std::string_view os_ksec2 = "http://docs.openstack.org/identity/api/ext/OS-KSEC2/v1.0";
inline constexpr std::string_view os_kss3 = "http://docs.openstack.org/identity/api/ext/OS-KSS3/v1.0";
inline constexpr std::string_view os_ksvalidate = "http://docs.openstack.org/identity/api/ext/OS-KSVALIDATE/v1.0";
// XML schema dialect: members the XSDs cannot carry go into this foreign namespace (prefix "ks"),
// which the XSD wildcards (##other) accept. Our own choice, see docs/xml.md.
inline constexpr std::string_view keystone_ext = "urn:openstack:identity:v2:keystone-extra";
// Rackspace's extensions (Rackspace Cloud Identity), met in the wild beside v2.0 members.
inline constexpr std::string_view rax_auth = "http://docs.rackspace.com/identity/api/ext/RAX-AUTH/v1.0";
inline constexpr std::string_view rax_ksgrp = "http://docs.rackspace.com/identity/api/ext/RAX-KSGRP/v1.0";
inline constexpr std::string_view rax_kskey = "http://docs.rackspace.com/identity/api/ext/RAX-KSKEY/v1.0";
inline constexpr std::string_view rax_ksqa = "http://docs.rackspace.com/identity/api/ext/RAX-KSQA/v1.0";
inline constexpr std::string_view rs_meta = "http://docs.rackspacecloud.com/identity/api/ext/meta/v2.0";
// The spec's sample user (samples/getuser-1.*): JSON's "OS-ROLE:roles" is <roles> in this one.
inline constexpr std::string_view os_role = "http://docs.openstack.org/identity/api/ext/role";
inline constexpr std::string_view hp_idm = "http://docs.openstack.org/identity/api/ext/HP-IDM/v1.0";

}  // namespace ns

struct xml_namespace {
    std::string_view uri;
    // The prefix the writer declares on the root for elements and attributes in this namespace;
    // empty: elements switch the default namespace (xmlns="...") where they start.
    std::string_view prefix;
    std::string_view label;  // for the docs
    // The prefix of this namespace's members in JSON ("OS-KSADM:password"); empty: their JSON
    // names have none. Kept unknown members map to and from it: XML's RAX-AUTH:defaultRegion
    // in this namespace is JSON's "RAX-AUTH:defaultRegion".
    std::string_view json_prefix = {};
    // A vendor's namespace: known for kept members only; its elements are never read as ours.
    bool vendor = false;
};

inline constexpr xml_namespace namespaces[] = {
    {ns::identity, {}, "identity"},
    {ns::common, {}, "common"},
    {ns::atom, "atom", "atom", "atom"},
    {ns::os_ksadm, "OS-KSADM", "OS-KSADM", "OS-KSADM"},
    {ns::os_kscatalog, {}, "OS-KSCATALOG", "OS-KSCATALOG"},
    {ns::os_ksec2, {}, "OS-KSEC2", "OS-KSEC2"},
    {ns::os_kss3, {}, "OS-KSS3", "OS-KSS3"},
    {ns::os_ksvalidate, {}, "OS-KSVALIDATE", "OS-KSVALIDATE"},
    {ns::keystone_ext, "ks", "ks"},
    {ns::rax_auth, "RAX-AUTH", "RAX-AUTH", "RAX-AUTH", true},
    {ns::rax_ksgrp, "RAX-KSGRP", "RAX-KSGRP", "RAX-KSGRP", true},
    {ns::rax_kskey, "RAX-KSKEY", "RAX-KSKEY", "RAX-KSKEY", true},
    {ns::rax_ksqa, "RAX-KSQA", "RAX-KSQA", "RAX-KSQA", true},
    {ns::rs_meta, "RS-META", "RS-META", "RS-META", true},
    {ns::os_role, "OS-ROLE", "OS-ROLE", "OS-ROLE", true},
    {ns::hp_idm, "HP-IDM", "HP-IDM", "HP-IDM", true},
};

// The row of a namespace URI, or nullptr.
constexpr const xml_namespace* find_namespace(std::string_view uri) {
    for (const xml_namespace& n : namespaces)
        if (n.uri == uri) return &n;
    return nullptr;
}

// The row whose members carry `prefix` in JSON, or nullptr.
constexpr const xml_namespace* find_json_prefix(std::string_view prefix) {
    for (const xml_namespace& n : namespaces)
        if (!prefix.empty() && n.json_prefix == prefix) return &n;
    return nullptr;
}

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/model/namespaces.hpp
// ---- begin openstack/identity/v2/schema.hpp
#ifndef OPENSTACK_IDENTITY_V2_SCHEMA_HPP
#define OPENSTACK_IDENTITY_V2_SCHEMA_HPP

// The annotation vocabulary. Every document type is a plain aggregate with a
// BOOST_DESCRIBE_STRUCT line and, next to it, a sparse `schema<T>` specialization
// that says only what differs from the defaults: names, XML placement, limits and
// cross-member rules. JSON, XML, validation and the docs all read these tables.

// ---- begin openstack/identity/v2/value.hpp
#ifndef OPENSTACK_IDENTITY_V2_VALUE_HPP
#define OPENSTACK_IDENTITY_V2_VALUE_HPP

// What kind of value a member's type is: the one classification that JSON, XML, validation,
// the JSON Schema and the docs dispatch on (as Boost.JSON's conversion categories). Each format
// handles each category once; adding a category means one case per format, nothing else.
//
// Leaves a user defines travel through `value_traits<T>`, found before any built-in rule, so it
// also re-spells an enumeration or a number:
//
//   template <> struct value_traits<my_type> {
//       static constexpr std::string_view name = "my type";  // messages, docs, JSON Schema
//       using wire = std::string;  // or std::int64_t, double, bool (default: std::string)
//       // wire std::string: text in, appended text out
//       static const char* parse(std::string_view text, my_type& out);  // nullptr, or a static message
//       static void format(const my_type& v, std::string& out);
//       // other wires: the number or boolean in and out
//       //   static const char* parse(std::int64_t x, my_type& out);
//       //   static std::int64_t format(const my_type& v);
//       // Optional, for the JSON Schema and the docs:
//       //   description, pattern, min_length, example (a valid text), beyond (what the reader
//       //   rejects that the pattern cannot tell)
//   };
//
// Enumerations described with BOOST_DESCRIBE_ENUM are strings spelled as their enumerators.


#include <boost/describe/enum.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

template <class T>
struct value_traits;

template <class T>
class nullable;

// A type with its own value_traits.
template <class T>
concept custom_value = requires {
    value_traits<T>::name;
};

enum class category : unsigned char {
    optional,     // std::optional<T>: absent or a T
    nullable,     // nullable<T>: absent, null or a T
    list,         // std::vector<T>
    object,       // a described struct
    string,       // std::string
    boolean,      // bool
    integer,      // integral types but bool
    number,       // floating point
    enumeration,  // a described enum: its enumerators' names
    custom,       // value_traits<T>: travels as its wire type
};

namespace detail {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_nullable : std::false_type {};
template <class T>
struct is_nullable<nullable<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};

template <class V>
consteval category classify() {
    if constexpr (is_optional<V>::value) return category::optional;
    else if constexpr (is_nullable<V>::value) return category::nullable;
    else if constexpr (custom_value<V>) return category::custom;
    else if constexpr (std::is_same_v<V, std::string>) return category::string;
    else if constexpr (std::is_same_v<V, bool>) return category::boolean;
    else if constexpr (std::is_integral_v<V>) return category::integer;
    else if constexpr (std::is_floating_point_v<V>) return category::number;
    else if constexpr (std::is_enum_v<V> && boost::describe::has_describe_enumerators<V>::value)
        return category::enumeration;
    else if constexpr (is_vector<V>::value) return category::list;
    else if constexpr (boost::describe::has_describe_members<V>::value) return category::object;
    else
        static_assert(sizeof(V) == 0,
                      "no mapping for this member type: describe it (BOOST_DESCRIBE_STRUCT or BOOST_DESCRIBE_ENUM) "
                      "or give it a value_traits specialization");
}

}  // namespace detail

template <class V>
inline constexpr category category_of = detail::classify<V>();

// Written as one JSON value that is not an object or array, and as XML text.
template <class V>
inline constexpr bool is_leaf = category_of<V> >= category::string;

// A type that says "absent" itself; a required member of another type must be seen when read.
template <class V>
inline constexpr bool says_absent = category_of<V> == category::optional || category_of<V> == category::nullable ||
                                    category_of<V> == category::string || category_of<V> == category::list;

// How a leaf travels: the category of its wire form (a custom leaf's `wire`, an enumeration's
// string); every other leaf is its own.
namespace detail {
template <class V>
consteval category wire_category() {
    if constexpr (category_of<V> == category::custom) {
        if constexpr (requires { typename value_traits<V>::wire; }) return category_of<typename value_traits<V>::wire>;
        else return category::string;
    } else if constexpr (category_of<V> == category::enumeration) {
        return category::string;
    } else {
        return category_of<V>;
    }
}
}  // namespace detail

template <class V>
inline constexpr category wire_of = detail::wire_category<V>();

// ---- leaves as text (XML, messages, and JSON strings of enumerations and custom leaves) ----

namespace detail {

// "expected one of bronze, silver, gold": built once per type, so that it can be a static message.
template <class E>
const char* enum_choices() {
    static const std::string text = [] {
        std::string s = "expected one of ";
        bool first = true;
        boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
            s.append(first ? "" : ", ").append(d.name);
            first = false;
        });
        return s;
    }();
    return text.c_str();
}

template <class E>
const char* parse_enum(std::string_view text, E& out) {
    bool found = false;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
        if (!found && text == d.name) {
            out = d.value;
            found = true;
        }
    });
    return found ? nullptr : enum_choices<E>();
}

template <class E>
std::string_view enum_name(E v) {
    std::string_view name;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
        if (name.empty() && v == d.value) name = d.name;
    });
    return name;
}

// "expected <what>" for a leaf, in messages.
template <class V>
constexpr std::string_view leaf_name() {
    constexpr category c = category_of<V>;
    if constexpr (c == category::custom) return value_traits<V>::name;
    else if constexpr (c == category::string) return "a string";
    else if constexpr (c == category::boolean) return "a boolean";
    else if constexpr (c == category::integer) return "an integer";
    else if constexpr (c == category::number) return "a number";
    else return "one of the allowed values";
}

// Parses text into any leaf: nullptr, or a static message. The text is taken as it is (XML trims
// white space around non-string leaves first; JSON does not).
template <class V>
const char* parse_text(std::string_view text, V& out) {
    constexpr category c = category_of<V>;
    if constexpr (c == category::string) {
        out.assign(text);
        return nullptr;
    } else if constexpr (c == category::boolean) {
        if (text == "true" || text == "1") out = true;
        else if (text == "false" || text == "0") out = false;
        else return "expected a boolean (true or false)";
        return nullptr;
    } else if constexpr (c == category::integer || c == category::number) {
        auto t = text;
        if (!t.empty() && t.front() == '+') t.remove_prefix(1);
        V x{};
        const auto r = std::from_chars(t.data(), t.data() + t.size(), x);
        if (r.ec == std::errc::result_out_of_range) return "number out of range";
        if (t.empty() || r.ec != std::errc{} || r.ptr != t.data() + t.size())
            return c == category::integer ? "expected an integer" : "expected a number";
        out = x;
        return nullptr;
    } else if constexpr (c == category::enumeration) {
        return parse_enum(text, out);
    } else {
        static_assert(c == category::custom);
        using traits = value_traits<V>;
        if constexpr (wire_of<V> == category::string) {
            return traits::parse(text, out);
        } else {
            typename traits::wire w{};
            if (const char* why = parse_text(text, w)) return why;
            return traits::parse(w, out);
        }
    }
}

// Appends the text of any leaf.
template <class V>
void format_text(const V& v, std::string& out) {
    constexpr category c = category_of<V>;
    if constexpr (c == category::string) {
        out += v;
    } else if constexpr (c == category::boolean) {
        out += v ? "true" : "false";
    } else if constexpr (c == category::integer || c == category::number) {
        char buf[32];
        out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
    } else if constexpr (c == category::enumeration) {
        out += enum_name(v);
    } else {
        static_assert(c == category::custom);
        if constexpr (wire_of<V> == category::string) value_traits<V>::format(v, out);
        else format_text(value_traits<V>::format(v), out);
    }
}

}  // namespace detail

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/value.hpp

#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/json/object.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// Where a member goes in XML.
enum class xml_form : unsigned char {
    automatic,  // scalars as attributes, objects as elements, lists wrapped
    attribute,
    element,    // scalar as a text-only child element
    text,       // text content of the parent element
    wrapped,    // <roles><role/>...</roles>
    unwrapped,  // <endpoint/><endpoint/> directly under the parent
    omit,       // not written in XML
};

// How a member is written in each XML dialect, when the two differ.
struct xml_meta {
    xml_form form = xml_form::automatic;
    std::string_view name{};  // element or attribute name; for lists the item element
    std::string_view list{};  // wrapper element of a wrapped list (default: the JSON name)
    std::string_view ns{};    // namespace of the element or attribute, when not the parent's
    // XML extensions (see docs/xml.md). A `name` of the form "version/@id" puts a scalar
    // in attribute `id` of child element <version> (members sharing the element share it).
    int order = 0;            // child elements are written by ascending order, then declaration order
    bool always = false;      // write the element even when the value is absent (empty element)
    bool omit_empty = false;  // write nothing for an empty list
    bool foreign = false;     // written in the foreign namespace (ns::keystone_ext), after declared content
};

// The values an integer member may take.
struct int_range {
    std::int64_t min, max;
};

struct member_meta {
    std::string_view json{};                    // JSON key (default: the C++ name)
    std::array<std::string_view, 2> aliases{};  // further keys accepted when reading
    bool required = false;                      // must be present (strings: non-empty)
    std::size_t max_length = 0;                 // in characters (code points); 0: no limit
    std::optional<int_range> range{};           // integers: the values allowed
    bool numbers_as_text = false;               // a JSON number is accepted as its text
    bool values_wrapper = false;                // Keystone writes this list as {"values": [...]}
    bool empty_object_is_list = false;          // {} reads as an empty list (Essex's unscoped catalog)
    bool empty_string_is_list = false;          // "" reads as an empty list (the spec's choices.json)
    xml_meta xml{};                             // both dialects
    std::optional<xml_meta> xml_schema{};       // schema dialect, when it differs
    // Schema dialect, in this member's value only: JSON names of its members that are written in
    // the foreign namespace here (xml_foreign) or, though foreign in the type, declared here (xml_native).
    std::array<std::string_view, 6> xml_foreign{};
    std::array<std::string_view, 4> xml_native{};
    std::string_view doc{};  // one line for the reference docs
};

// A member's identity that costs little to name: the compiler's own spelling of the
// member pointer (e.g. "... [with auto P = &ns::endpoint::public_url]"), compared as text.
// Tables compare these instead of walking the Describe list, which keeps including the
// model cheap. (Addresses of per-member variables would be cheaper still, but GCC does not
// fold their comparison in constant expressions under -fsanitize=address.)
using member_id = std::string_view;

namespace detail {
template <auto P>
constexpr std::string_view member_key() noexcept {
    return __PRETTY_FUNCTION__;
}
}  // namespace detail

template <auto P>
inline constexpr member_id member_id_of = detail::member_key<P>();

// One row of a schema's member table.
struct field_def {
    member_id member;
    member_meta meta;
};

template <auto P>
requires std::is_member_object_pointer_v<decltype(P)>
consteval field_def field(member_meta m) { return {member_id_of<P>, m}; }

// Cross-member presence rules.
enum class presence : unsigned char { at_most_one, exactly_one, at_least_one };

struct presence_rule {
    presence kind;
    std::array<member_id, 4> members{};
    std::size_t size = 0;
};

template <auto... P>
requires(sizeof...(P) >= 1 && sizeof...(P) <= 4 &&
         (std::is_member_object_pointer_v<decltype(P)> && ...)) consteval presence_rule at_most_one() {
    return {presence::at_most_one, {member_id_of<P>...}, sizeof...(P)};
}
template <auto... P>
requires(sizeof...(P) >= 1 && sizeof...(P) <= 4 &&
         (std::is_member_object_pointer_v<decltype(P)> && ...)) consteval presence_rule exactly_one() {
    return {presence::exactly_one, {member_id_of<P>...}, sizeof...(P)};
}
template <auto... P>
requires(sizeof...(P) >= 1 && sizeof...(P) <= 4 &&
         (std::is_member_object_pointer_v<decltype(P)> && ...)) consteval presence_rule at_least_one() {
    return {presence::at_least_one, {member_id_of<P>...}, sizeof...(P)};
}

// How a type sits at the root of a document.
enum class root_style : unsigned char {
    none,     // not a document root
    wrapped,  // {"access": {...}}
    members,  // {"tenants": [...], "tenants_links": [...]}: the members are the top-level keys
    tagged,   // {"<kind name>": {...}}: the root key selects the value of a member (faults)
};

// The sparse per-type table. Specializations may provide:
//   static constexpr std::string_view root;        // root key (and XML root element)
//   static constexpr root_style style;             // default: wrapped when root is given
//   static constexpr std::string_view xml_ns;      // namespace of the type's elements
//   static constexpr std::string_view xml_root;    // XML root element, when not `root` minus its prefix
//   static constexpr field_def members[] = {field<&T::m>({...}), ...};
//   static constexpr presence_rule rules[] = {at_most_one<&T::a, &T::b>(), ...};
//   static constexpr std::string_view doc;         // one line for the reference docs
//   static constexpr bool open;                    // every member not declared is the value's own:
//                                                  // kept in `extra` whatever the unknown policy
template <class T>
struct schema {};

// A member's value may be absent, null, or a value. Used where the difference
// is on the wire (Keystone sends "description": null).
template <class T>
class nullable {
public:
    nullable() = default;
    nullable(std::nullptr_t) : null_(true) {}
    nullable(T v) : value_(std::move(v)) {}
    template <class U>
    requires std::is_constructible_v<T, U&&> &&
        (!std::is_same_v<std::remove_cvref_t<U>, nullable>)&&(!std::is_same_v<std::remove_cvref_t<U>, std::nullptr_t>)
            nullable(U&& v)
        : value_(std::in_place, std::forward<U>(v)) {}

    bool has_value() const noexcept { return value_.has_value(); }
    explicit operator bool() const noexcept { return has_value(); }
    bool is_null() const noexcept { return null_; }
    bool is_absent() const noexcept { return !null_ && !value_; }

    T& operator*() noexcept { return *value_; }
    const T& operator*() const noexcept { return *value_; }
    T* operator->() noexcept { return &*value_; }
    const T* operator->() const noexcept { return &*value_; }
    const T& value() const { return value_.value(); }
    template <class U>
    T value_or(U&& d) const {
        return value_.value_or(std::forward<U>(d));
    }
    T& emplace() {
        null_ = false;
        return value_.emplace();
    }
    void set_null() noexcept {
        value_.reset();
        null_ = true;
    }
    void reset() noexcept {
        value_.reset();
        null_ = false;
    }

    friend bool operator==(const nullable&, const nullable&) = default;

private:
    std::optional<T> value_;
    bool null_ = false;
};

// Members a type does not know, kept when reading with unknown_policy::keep and
// written back, so that a proxy passes documents through unchanged.
struct unknown_members {
    boost::json::object members;
    // Members beside the document's root member ({"access": {...}, "RAX-AUTH:x": ...}), kept on
    // the root type's value; JSON only (XML has one root element).
    boost::json::object beside;
    bool empty() const noexcept { return members.empty() && beside.empty(); }
    friend bool operator==(const unknown_members&, const unknown_members&) = default;
};

namespace detail {

// A new last item of a list being read. Lists in these documents are rarely of one item
// (endpoints come in threes): the first takes room for 4, which saves two growth steps and
// their moves.
template <class V>
typename V::value_type& new_item(V& v) {
    if (v.capacity() == 0) v.reserve(4);
    return v.emplace_back();
}

template <class T>
struct unwrap {
    using type = T;
};
template <class T>
struct unwrap<std::optional<T>> {
    using type = T;
};
template <class T>
struct unwrap<nullable<T>> {
    using type = T;
};

template <class T>
using public_members = boost::describe::describe_members<T, boost::describe::mod_public>;

}  // namespace detail

template <class T>
concept described = boost::describe::has_describe_members<T>::value;

template <class T>
concept keeps_unknown = requires(T& t) {
    { t.extra } -> std::same_as<unknown_members&>;
};

// A type whose undeclared members are its content (a map of names to values), not strangers.
template <class T>
concept open_members = keeps_unknown<T> && requires {
    requires schema<T>::open;
};

template <class T>
constexpr std::string_view root_name() {
    if constexpr (requires { schema<T>::root; }) return schema<T>::root;
    else return {};
}

template <class T>
constexpr root_style root_style_of() {
    if constexpr (requires { schema<T>::style; }) return schema<T>::style;
    else if constexpr (requires { schema<T>::root; }) return root_style::wrapped;
    else return root_style::none;
}

template <class T>
concept document = (root_style_of<T>() != root_style::none);

// Where the paths of a value's errors start: its root key, or nothing when its members are the
// top level (list documents, and types that are no document).
template <class T>
constexpr std::string_view root_path() {
    constexpr auto style = root_style_of<T>();
    if constexpr (style == root_style::members || style == root_style::none) return {};
    else return root_name<T>();
}

namespace detail {

// Every row of T's tables must name a described public member of T.
template <class T>
consteval bool tables_name_described_members() {
    auto described = []<template <class...> class L, class... D>(L<D...>, member_id id) {
        return ((id == member_id_of<D::pointer>) || ...);
    };
    if constexpr (requires { schema<T>::members; })
        for (const field_def& f : schema<T>::members)
            if (!described(public_members<T>{}, f.member)) return false;
    if constexpr (requires { schema<T>::rules; })
        for (const presence_rule& r : schema<T>::rules)
            for (std::size_t i = 0; i < r.size; ++i)
                if (!described(public_members<T>{}, r.members[i])) return false;
    return true;
}

}  // namespace detail

// The annotation of member D of T, with defaults filled in.
template <class T, class D>
consteval member_meta meta_of() {
    static_assert(detail::tables_name_described_members<T>(),
                  "schema<T> names a member that is not public in BOOST_DESCRIBE_STRUCT");
    member_meta m{};
    if constexpr (requires { schema<T>::members; })
        for (const field_def& f : schema<T>::members)
            if (f.member == member_id_of<D::pointer>) m = f.meta;
    if (m.json.empty()) m.json = D::name;
    return static_cast<const member_meta&>(m);  // no NRVO: GCC 12 rejects it in nested constant evaluation
}

namespace detail {
template <class T, class D>
struct meta_holder {
    static constexpr member_meta value = meta_of<T, D>();
};
}  // namespace detail

template <class T, class D>
inline constexpr const member_meta& meta_v = detail::meta_holder<T, D>::value;

// Calls f(descriptor, meta) for each described member of T, in declaration order.
template <class T, class F>
constexpr void for_each_member(F&& f) {
    boost::mp11::mp_for_each<detail::public_members<T>>([&](auto d) { f(d, meta_v<T, decltype(d)>); });
}

// Whether a member counts as given, for required members and presence rules:
// an empty string or list is as good as none (Keystone: `if not username`).
template <class V>
constexpr bool is_present(const V& v) {
    constexpr category c = category_of<V>;
    if constexpr (c == category::optional) return v.has_value() && is_present(*v);
    else if constexpr (c == category::nullable) return v.is_null() || (v.has_value() && is_present(*v));
    else if constexpr (c == category::list || c == category::string) return !v.empty();
    else return true;
}

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/schema.hpp

#include <boost/describe/class.hpp>

#include <optional>
#include <string>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// An Atom link: {"rel": "self", "href": "..."}.
struct link {
    std::string rel;
    std::optional<std::string> type;
    std::string href;
    unknown_members extra;
    bool operator==(const link&) const = default;
};
BOOST_DESCRIBE_STRUCT(link, (), (rel, type, href))

template <>
struct schema<link> {
    static constexpr std::string_view doc = "An Atom link: {\"rel\": \"self\", \"href\": \"...\"}.";
    static constexpr std::string_view xml_ns = ns::atom;
    static constexpr field_def members[] = {
        field<&link::href>({.required = true}),
    };
};

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/model/link.hpp

#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// One endpoint of a catalog entry, or of a token's endpoint list (which adds name and type).
struct endpoint {
    std::optional<std::string> id;
    std::optional<std::string> name;
    std::optional<std::string> type;
    nullable<std::string> region;
    std::optional<std::string> public_url;
    std::optional<std::string> internal_url;
    std::optional<std::string> admin_url;
    std::optional<std::string> tenant_id;
    std::optional<std::string> version_id;
    std::optional<std::string> version_info;
    std::optional<std::string> version_list;
    unknown_members extra;
    bool operator==(const endpoint&) const = default;
};
BOOST_DESCRIBE_STRUCT(endpoint, (),
                      (id, name, type, region, public_url, internal_url, admin_url, tenant_id, version_id, version_info,
                       version_list))

template <>
struct schema<endpoint> {
    static constexpr std::string_view doc =
        "One endpoint of a catalog entry, or of a token's endpoint list (which adds name and type).";
    static constexpr std::string_view root = "endpoint";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&endpoint::region>({.doc = "null when the endpoint has no region"}),
        field<&endpoint::id>({.numbers_as_text = true}),
        field<&endpoint::public_url>({.json = "publicURL"}),
        field<&endpoint::internal_url>({.json = "internalURL"}),
        field<&endpoint::admin_url>({.json = "adminURL"}),
        field<&endpoint::tenant_id>({.json = "tenantId", .numbers_as_text = true}),
        field<&endpoint::version_id>({.json = "versionId",
                                      .xml = {.name = "version/@id"},
                                      .doc = "the spec's; Keystone never sent versionId, versionInfo, versionList"}),
        field<&endpoint::version_info>({.json = "versionInfo", .xml = {.name = "version/@info"}}),
        field<&endpoint::version_list>({.json = "versionList", .xml = {.name = "version/@list"}}),
    };
    static constexpr presence_rule rules[] = {
        at_least_one<&endpoint::public_url, &endpoint::internal_url, &endpoint::admin_url>(),
    };
};

// A token's endpoints: GET /v2.0/tokens/{id}/endpoints.
struct endpoints {
    std::vector<endpoint> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const endpoints&) const = default;
};
BOOST_DESCRIBE_STRUCT(endpoints, (), (items, links))

template <>
struct schema<endpoints> {
    static constexpr std::string_view doc = "A token's endpoints: GET /v2.0/tokens/{id}/endpoints.";
    static constexpr std::string_view root = "endpoints";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&endpoints::items>({.json = "endpoints", .xml = {.form = xml_form::unwrapped, .name = "endpoint"}}),
        field<&endpoints::links>({.json = "endpoints_links", .xml = {.form = xml_form::unwrapped, .name = "link"}}),
    };
};

// OS-KSCATALOG endpoint template.
struct endpoint_template {
    std::optional<std::string> id;
    nullable<std::string> region;
    std::optional<bool> global;
    std::optional<std::string> type;
    std::optional<std::string> public_url;
    std::optional<std::string> internal_url;
    std::optional<std::string> admin_url;
    std::optional<std::string> version_id;
    std::optional<std::string> version_info;
    std::optional<std::string> version_list;
    std::optional<bool> enabled;
    unknown_members extra;
    bool operator==(const endpoint_template&) const = default;
};
BOOST_DESCRIBE_STRUCT(endpoint_template, (),
                      (id, region, global, type, public_url, internal_url, admin_url, version_id, version_info,
                       version_list, enabled))

template <>
struct schema<endpoint_template> {
    static constexpr std::string_view doc = "OS-KSCATALOG endpoint template (Keystone never implemented OS-KSCATALOG).";
    static constexpr std::string_view root = "OS-KSCATALOG:endpointTemplate";
    static constexpr std::string_view xml_ns = ns::os_kscatalog;
    static constexpr field_def members[] = {
        field<&endpoint_template::id>({.numbers_as_text = true}),
        field<&endpoint_template::public_url>({.json = "publicURL"}),
        field<&endpoint_template::internal_url>({.json = "internalURL"}),
        field<&endpoint_template::admin_url>({.json = "adminURL"}),
        field<&endpoint_template::version_id>({.json = "versionId", .xml = {.name = "version/@id"}}),
        field<&endpoint_template::version_info>({.json = "versionInfo", .xml = {.name = "version/@info"}}),
        field<&endpoint_template::version_list>({.json = "versionList", .xml = {.name = "version/@list"}}),
    };
};

struct endpoint_templates {
    std::vector<endpoint_template> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const endpoint_templates&) const = default;
};
BOOST_DESCRIBE_STRUCT(endpoint_templates, (), (items, links))

template <>
struct schema<endpoint_templates> {
    static constexpr std::string_view doc = "OS-KSCATALOG: GET /v2.0/OS-KSCATALOG/endpointTemplates.";
    // The published sample spells the list "endpointsTemplates"; the XSD element is endpointTemplates.
    static constexpr std::string_view root = "OS-KSCATALOG:endpointsTemplates";
    static constexpr std::string_view xml_root = "endpointTemplates";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::os_kscatalog;
    static constexpr field_def members[] = {
        field<&endpoint_templates::items>({.json = "OS-KSCATALOG:endpointsTemplates",
                                           .aliases = {"OS-KSCATALOG:endpointTemplates"},
                                           .xml = {.form = xml_form::unwrapped, .name = "endpointTemplate"}}),
        field<&endpoint_templates::links>({.json = "OS-KSCATALOG:endpointsTemplates_links",
                                           .aliases = {"OS-KSCATALOG:endpointTemplates_links"},
                                           .xml = {.form = xml_form::unwrapped, .name = "link"}}),
    };
};

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/model/endpoint.hpp
// ---- begin openstack/identity/v2/model/tenant.hpp
#ifndef OPENSTACK_IDENTITY_V2_MODEL_TENANT_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_TENANT_HPP


#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

struct tenant {
    std::optional<std::string> id;
    std::optional<std::string> name;
    nullable<std::string> description;
    std::optional<bool> enabled;
    unknown_members extra;
    bool operator==(const tenant&) const = default;
};
BOOST_DESCRIBE_STRUCT(tenant, (), (id, name, description, enabled))

template <>
struct schema<tenant> {
    static constexpr std::string_view doc = "A tenant (project): GET /v2.0/tenants/{id}, and a token's scope.";
    static constexpr std::string_view root = "tenant";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&tenant::id>({.max_length = 64}),
        field<&tenant::name>({.max_length = 64}),
        field<&tenant::description>({.xml = {.form = xml_form::element},
                                     .xml_schema = xml_meta{.form = xml_form::element, .always = true},
                                     .doc = "null when not set"}),
    };
};

struct tenants {
    std::vector<tenant> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const tenants&) const = default;
};
BOOST_DESCRIBE_STRUCT(tenants, (), (items, links))

template <>
struct schema<tenants> {
    static constexpr std::string_view doc =
        "GET /v2.0/tenants: the tenants of the token's user (public), or all (admin).";
    static constexpr std::string_view root = "tenants";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&tenants::items>({.json = "tenants", .xml = {.form = xml_form::unwrapped, .name = "tenant"}}),
        field<&tenants::links>({.json = "tenants_links", .xml = {.form = xml_form::unwrapped, .name = "link"}}),
    };
};

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/model/tenant.hpp
// ---- begin openstack/identity/v2/model/timestamp.hpp
#ifndef OPENSTACK_IDENTITY_V2_MODEL_TIMESTAMP_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_TIMESTAMP_HPP

#include <compare>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <version>
#if defined(__cpp_lib_format)
#include <format>
#endif
// Clocks and durations only: with libstdc++, C++20's <chrono> adds the calendar and time zones,
// a twentieth of the compile cost of the core header, for nothing the model uses.
#if defined(__GLIBCXX__) && __has_include(<bits/chrono.h>)
#include <bits/chrono.h>
#else
#include <chrono>
#endif


namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

class timestamp {
public:
    using time_point = std::chrono::sys_time<std::chrono::microseconds>;

    constexpr timestamp() noexcept = default;
    constexpr explicit timestamp(time_point t, int digits = 0) noexcept
        : time_(t), digits_(digits < 0   ? 0
                            : digits > 6 ? 6
                                         : digits) {}

    // Six digits so that the text form carries the full value.
    static timestamp now() {
        return timestamp{std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now()), 6};
    }

    constexpr time_point time() const noexcept { return time_; }
    constexpr int fraction_digits() const noexcept { return digits_; }

    friend constexpr bool operator==(const timestamp& a, const timestamp& b) noexcept { return a.time_ == b.time_; }
    friend constexpr std::strong_ordering operator<=>(const timestamp& a, const timestamp& b) noexcept {
        return a.time_ <=> b.time_;
    }

private:
    time_point time_{};
    int digits_ = 0;
};

namespace detail {

constexpr bool ts_fixed(std::string_view s, std::size_t& i, std::size_t n, int& out) noexcept {
    if (s.size() - i < n) return false;
    int v = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const char c = s[i + k];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    i += n;
    out = v;
    return true;
}

constexpr bool ts_lit(std::string_view s, std::size_t& i, char a, char b = '\0') noexcept {
    if (i < s.size() && (s[i] == a || (b != '\0' && s[i] == b))) {
        ++i;
        return true;
    }
    return false;
}

constexpr char* ts_put(char* p, unsigned long long v, int width) noexcept {
    char* end = p + width;
    for (char* q = end; q != p;) {
        *--q = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    return end;
}

// Civil dates as day counts since 1970-01-01 (proleptic Gregorian), after H. Hinnant's
// algorithms: plain integer arithmetic, cheaper to compile and run than <chrono>'s calendar.
constexpr long long days_from_civil(long long y, unsigned m, unsigned d) noexcept {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

struct civil_date {
    long long year;
    unsigned month, day;
};

constexpr civil_date civil_from_days(long long z) noexcept {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<long long>(yoe) + era * 400 + (m <= 2), m, d};
}

constexpr unsigned days_in_month(long long y, unsigned m) noexcept {
    if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
    return (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
}

inline constexpr long long micros_per_day = 86'400'000'000;

}  // namespace detail

template <>
struct value_traits<timestamp> {
    static constexpr std::string_view name = "timestamp";
    static constexpr std::string_view description =
        "ISO 8601 date and time, YYYY-MM-DDThh:mm:ss[.fraction][Z|+hh:mm|-hh:mm]; no zone means UTC; written in "
        "UTC with Z and the fraction's digits as read (up to 6)";
    // YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm|±hhmm], months of 30 and 31 days, no year 0, no leap second,
    // no line break (a trailing "\n" would pass Python's `$`).
    static constexpr std::string_view pattern =
        "^(?!.*\\n)(?!0000)[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-"
        "(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|[12][0-9]))[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
        "(?:\\.[0-9]+)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):?[0-5][0-9])?$";
    static constexpr std::size_t min_length = 1;
    static constexpr std::string_view example = "2014-01-31T15:30:58Z";
    static constexpr std::string_view beyond =
        "February 29 in a year that is not a leap year, and instants that fall outside the years 1 to 9999 once "
        "the offset is applied";

    static constexpr const char* parse(std::string_view s, timestamp& out) noexcept {
        using detail::ts_fixed;
        using detail::ts_lit;
        constexpr const char* syntax =
            "expected an ISO 8601 timestamp (YYYY-MM-DDThh:mm:ss[.fraction][Z|+hh:mm|-hh:mm])";
        if (s.empty()) return "timestamp must not be empty";

        std::size_t i = 0;
        int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
        if (!ts_fixed(s, i, 4, y) || !ts_lit(s, i, '-') || !ts_fixed(s, i, 2, mo) || !ts_lit(s, i, '-') ||
            !ts_fixed(s, i, 2, d) || !ts_lit(s, i, 'T', 't') || !ts_fixed(s, i, 2, h) || !ts_lit(s, i, ':') ||
            !ts_fixed(s, i, 2, mi) || !ts_lit(s, i, ':') || !ts_fixed(s, i, 2, se))
            return syntax;

        long long micros = 0;
        int digits = 0;
        if (ts_lit(s, i, '.')) {
            const std::size_t start = i;
            for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i)
                if (i - start < 6) micros = micros * 10 + (s[i] - '0');
            const std::size_t n = i - start;
            if (n == 0) return syntax;
            digits = n < 6 ? static_cast<int>(n) : 6;
            for (int k = digits; k < 6; ++k) micros *= 10;
        }

        int offset = 0;
        if (i < s.size()) {
            const char c = s[i];
            if (c == 'Z' || c == 'z') {
                ++i;
            } else if (c == '+' || c == '-') {
                ++i;
                int oh = 0, om = 0;
                if (!ts_fixed(s, i, 2, oh)) return syntax;
                ts_lit(s, i, ':');
                if (!ts_fixed(s, i, 2, om)) return syntax;
                if (oh > 23 || om > 59) return "timezone offset out of range";
                offset = (oh * 60 + om) * (c == '-' ? -1 : 1);
            } else {
                return syntax;
            }
        }
        if (i != s.size()) return syntax;

        if (y < 1) return "year out of range";
        if (mo < 1 || mo > 12) return "month out of range";
        if (d < 1 || static_cast<unsigned>(d) > detail::days_in_month(y, static_cast<unsigned>(mo)))
            return "day out of range for month";
        if (h > 23) return "hour out of range";
        if (mi > 59) return "minute out of range";
        if (se > 59) return "second out of range";

        const long long day = detail::days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
        const long long us = day * detail::micros_per_day + ((h * 60LL + mi - offset) * 60 + se) * 1'000'000 + micros;
        if (us < detail::days_from_civil(1, 1, 1) * detail::micros_per_day ||
            us >= detail::days_from_civil(10000, 1, 1) * detail::micros_per_day)
            return "timestamp out of range after timezone adjustment";
        const timestamp::time_point t{std::chrono::microseconds{us}};
        out = timestamp{t, digits};
        return nullptr;
    }

    static void format(const timestamp& v, std::string& out) {
        using detail::ts_put;
        const long long us = v.time().time_since_epoch().count();
        long long day = us / detail::micros_per_day;
        long long rem = us % detail::micros_per_day;
        if (rem < 0) {
            rem += detail::micros_per_day;
            --day;
        }
        const detail::civil_date date = detail::civil_from_days(day);
        const auto secs = static_cast<unsigned>(rem / 1'000'000);

        char buf[40];
        char* p = buf;
        long long y = date.year;
        if (y < 0) {
            *p++ = '-';
            y = -y;
        }
        int width = 4;
        for (long long rest = y; rest > 9999; rest /= 10) ++width;
        p = ts_put(p, y, width);
        *p++ = '-';
        p = ts_put(p, date.month, 2);
        *p++ = '-';
        p = ts_put(p, date.day, 2);
        *p++ = 'T';
        p = ts_put(p, secs / 3600, 2);
        *p++ = ':';
        p = ts_put(p, secs / 60 % 60, 2);
        *p++ = ':';
        p = ts_put(p, secs % 60, 2);
        if (const int n = v.fraction_digits(); n > 0) {
            *p++ = '.';
            auto frac = static_cast<unsigned>(rem % 1'000'000);
            for (int k = n; k < 6; ++k) frac /= 10;
            p = ts_put(p, frac, n);
        }
        *p++ = 'Z';
        out.append(buf, static_cast<std::size_t>(p - buf));
    }
};

// The wire text: "2026-12-07T14:00:00Z", with the fraction digits the timestamp keeps.
inline std::string to_string(const timestamp& t) {
    std::string s;
    value_traits<timestamp>::format(t, s);
    return s;
}

// As to_string. A template, so that this header needs only <iosfwd>.
template <class Traits>
std::basic_ostream<char, Traits>& operator<<(std::basic_ostream<char, Traits>& os, const timestamp& t) {
    return os << to_string(t);
}

}  // namespace openstack::identity::v2

// std::format("{}", t) and its width, fill and alignment, as for a string: where the standard
// library has <format> (libstdc++ 13, libc++ 17); GCC 12's has not.
#if defined(__cpp_lib_format)
template <>
struct std::formatter<OPENSTACK_IDENTITY_V2_NAMESPACE::timestamp, char> : std::formatter<std::string_view, char> {
    template <class Context>
    auto format(const OPENSTACK_IDENTITY_V2_NAMESPACE::timestamp& t, Context& ctx) const {
        return std::formatter<std::string_view, char>::format(OPENSTACK_IDENTITY_V2_NAMESPACE::to_string(t), ctx);
    }
};
#endif

#endif
// ---- end openstack/identity/v2/model/timestamp.hpp
// ---- begin openstack/identity/v2/model/user.hpp
#ifndef OPENSTACK_IDENTITY_V2_MODEL_USER_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_USER_HPP

// ---- begin openstack/identity/v2/model/role.hpp
#ifndef OPENSTACK_IDENTITY_V2_MODEL_ROLE_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_ROLE_HPP


#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

struct role {
    std::optional<std::string> id;
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::optional<std::string> service_id;
    std::optional<std::string> tenant_id;
    unknown_members extra;
    bool operator==(const role&) const = default;
};
BOOST_DESCRIBE_STRUCT(role, (), (id, name, description, service_id, tenant_id))

template <>
struct schema<role> {
    static constexpr std::string_view doc = "A role: in a token's user and in role lists.";
    static constexpr std::string_view root = "role";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&role::description>({.xml = {.form = xml_form::element}, .xml_schema = xml_meta{}}),
        field<&role::service_id>({.json = "serviceId"}),
        field<&role::tenant_id>({.json = "tenantId", .max_length = 64}),
    };
};

struct roles {
    std::vector<role> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const roles&) const = default;
};
BOOST_DESCRIBE_STRUCT(roles, (), (items, links))

template <>
struct schema<roles> {
    static constexpr std::string_view doc =
        "GET /v2.0/tenants/{tenantId}/users/{userId}/roles; OS-KSADM: GET /v2.0/OS-KSADM/roles.";
    static constexpr std::string_view root = "roles";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&roles::items>({.json = "roles", .xml = {.form = xml_form::unwrapped, .name = "role"}}),
        field<&roles::links>({.json = "roles_links", .xml = {.form = xml_form::unwrapped, .name = "link"}}),
    };
};

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/model/role.hpp

#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// A user as the token response shows it, and as the admin API reads and writes it
// (OS-KSADM adds the password on create and update).
struct user {
    std::optional<std::string> id;
    std::optional<std::string> name;
    std::optional<std::string> username;
    std::optional<std::string> email;
    std::optional<bool> enabled;
    std::optional<std::string> tenant_id;
    std::optional<std::string> password;
    std::optional<std::vector<role>> roles;
    std::optional<std::vector<link>> roles_links;
    unknown_members extra;
    bool operator==(const user&) const = default;
};
BOOST_DESCRIBE_STRUCT(user, (), (id, name, username, email, enabled, tenant_id, password, roles, roles_links))

template <>
struct schema<user> {
    static constexpr std::string_view doc =
        "A user: in a token response, and GET /v2.0/users/{id} (OS-KSADM adds the password on create and update).";
    static constexpr std::string_view root = "user";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&user::id>({.max_length = 64}),
        field<&user::name>({.max_length = 64, .xml_schema = xml_meta{.foreign = true}}),
        field<&user::username>({.max_length = 64, .doc = "Keystone's copy of name"}),
        field<&user::tenant_id>({.json = "tenantId",
                                 .max_length = 64,
                                 .xml_schema = xml_meta{.foreign = true},
                                 .doc = "the user's default tenant"}),
        field<&user::password>({.json = "OS-KSADM:password",
                                .aliases = {"password"},
                                .max_length = 4096,
                                .xml = {.name = "password", .ns = ns::os_ksadm},
                                .doc = "OS-KSADM: on create and update only"}),
        field<&user::roles>({.xml = {.form = xml_form::unwrapped, .name = "role"},
                             .xml_schema =
                                 xml_meta{.form = xml_form::wrapped, .name = "role", .always = true, .foreign = true},
                             .doc = "in a token: the user's roles on the token's tenant"}),
        field<&user::roles_links>({.xml = {.form = xml_form::wrapped, .name = "link", .order = -1},
                                   .xml_schema = xml_meta{.form = xml_form::wrapped, .name = "link", .foreign = true}}),
    };
};

struct users {
    std::vector<user> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const users&) const = default;
};
BOOST_DESCRIBE_STRUCT(users, (), (items, links))

template <>
struct schema<users> {
    static constexpr std::string_view doc = "OS-KSADM: GET /v2.0/users and GET /v2.0/tenants/{id}/users.";
    static constexpr std::string_view root = "users";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&users::items>({.json = "users", .xml = {.form = xml_form::unwrapped, .name = "user"}}),
        field<&users::links>({.json = "users_links", .xml = {.form = xml_form::unwrapped, .name = "link"}}),
    };
};

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/model/user.hpp

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

struct token {
    std::string id;
    std::optional<timestamp> issued_at;
    timestamp expires;
    std::optional<v2::tenant> tenant;
    std::optional<std::vector<std::string>> audit_ids;
    unknown_members extra;
    bool operator==(const token&) const = default;
};
BOOST_DESCRIBE_STRUCT(token, (), (id, issued_at, expires, tenant, audit_ids))

template <>
struct schema<token> {
    static constexpr std::string_view doc = "A token: its id goes in X-Auth-Token until it expires.";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&token::id>({.required = true, .max_length = 8192, .doc = "the token; clients send it as X-Auth-Token"}),
        field<&token::issued_at>({.xml_schema = xml_meta{.foreign = true}, .doc = "when the token was issued"}),
        field<&token::expires>({.required = true, .doc = "when the token stops being accepted"}),
        // TenantForAuthenticateResponse declares only id and name.
        field<&token::tenant>({.xml_schema = xml_meta{.always = true},
                               .xml_foreign = {"enabled", "description"},
                               .doc = "the tenant the token is scoped to; absent when unscoped"}),
        field<&token::audit_ids>({.xml = {.form = xml_form::wrapped, .name = "audit_id"},
                                  .xml_schema =
                                      xml_meta{.form = xml_form::wrapped, .name = "audit_id", .foreign = true},
                                  .doc = "the token's audit id, then that of the token it was rescoped from"}),
    };
};

// One service in the catalog, with its endpoints.
struct catalog_entry {
    std::string type;
    std::optional<std::string> name;
    std::vector<endpoint> endpoints;
    std::optional<std::vector<link>> endpoints_links;
    unknown_members extra;
    bool operator==(const catalog_entry&) const = default;
};
BOOST_DESCRIBE_STRUCT(catalog_entry, (), (type, name, endpoints, endpoints_links))

template <>
struct schema<catalog_entry> {
    static constexpr std::string_view doc = "One service in the catalog, with its endpoints.";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&catalog_entry::type>({.required = true, .doc = "service type: compute, identity, object-store, ..."}),
        // EndpointForService declares no id, name or type.
        field<&catalog_entry::endpoints>({.xml = {.form = xml_form::unwrapped, .name = "endpoint"},
                                          .xml_foreign = {"id", "name", "type"},
                                          .doc = "the URLs of the service, per region"}),
        field<&catalog_entry::endpoints_links>({.xml = {.form = xml_form::wrapped, .name = "link", .order = -1},
                                                .xml_schema = xml_meta{.form = xml_form::wrapped,
                                                                       .name = "link",
                                                                       .foreign = true}}),
    };
};

// Keystone's "metadata": is_admin (always 0) and the ids of the roles named in user.roles.
struct metadata {
    std::optional<std::int64_t> is_admin;
    std::optional<std::vector<std::string>> roles;
    unknown_members extra;
    bool operator==(const metadata&) const = default;
};
BOOST_DESCRIBE_STRUCT(metadata, (), (is_admin, roles))

template <>
struct schema<metadata> {
    static constexpr std::string_view doc =
        "Keystone's metadata: is_admin (always 0) and the ids of the roles named in user.roles.";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&metadata::is_admin>({.doc = "always 0"}),
        field<&metadata::roles>({.xml = {.form = xml_form::wrapped, .name = "role"},
                                 .doc = "ids of the roles named in user.roles, in the same order"}),
    };
};

// The token response: POST /v2.0/tokens and GET /v2.0/tokens/{id}.
struct access {
    v2::token token;
    std::optional<std::vector<catalog_entry>> service_catalog;
    std::optional<v2::user> user;
    std::optional<v2::metadata> metadata;
    unknown_members extra;
    bool operator==(const access&) const = default;
};
BOOST_DESCRIBE_STRUCT(access, (), (token, service_catalog, user, metadata))

// A token's access document, shared and immutable: a server's validation and a client's session
// hand it out without copying it.
using access_ptr = std::shared_ptr<const access>;

// What a service asks of a validated token. The views point into the document.

// The id of the tenant the token is scoped to; empty for an unscoped token.
inline std::string_view tenant_id(const access& a) noexcept {
    return a.token.tenant && a.token.tenant->id ? std::string_view(*a.token.tenant->id) : std::string_view();
}

// A role of the token's user: its name (user.roles) and its id. Keystone names the roles in
// user.roles and lists their ids in metadata.roles, in the same order; an id given in user.roles
// itself is taken first. Empty when the document has neither.
struct role_ref {
    std::string_view id;
    std::string_view name;
    bool operator==(const role_ref&) const = default;
};

inline std::vector<role_ref> roles_of(const access& a) {
    std::vector<role_ref> out;
    if (!a.user || !a.user->roles) return out;
    const std::vector<std::string>* ids = a.metadata && a.metadata->roles ? &*a.metadata->roles : nullptr;
    out.reserve(a.user->roles->size());
    for (std::size_t i = 0; i < a.user->roles->size(); ++i) {
        const role& r = (*a.user->roles)[i];
        role_ref ref{.name = r.name ? std::string_view(*r.name) : std::string_view()};
        if (r.id) ref.id = *r.id;
        else if (ids && i < ids->size()) ref.id = (*ids)[i];
        out.push_back(ref);
    }
    return out;
}

// Whether the token's user has the role of that name (names compare exactly, as Keystone's
// policy checks do).
inline bool has_role(const access& a, std::string_view name) noexcept {
    if (!a.user || !a.user->roles) return false;
    for (const role& r : *a.user->roles)
        if (r.name && *r.name == name) return true;
    return false;
}

template <>
struct schema<access> {
    static constexpr std::string_view doc = "The token response: POST /v2.0/tokens and GET /v2.0/tokens/{id}.";
    static constexpr std::string_view root = "access";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&access::token>({.required = true}),
        field<&access::service_catalog>(
            {.json = "serviceCatalog",
             .empty_object_is_list = true,
             .xml = {.form = xml_form::wrapped, .name = "service"},
             .xml_schema = xml_meta{.form = xml_form::wrapped, .name = "service", .order = 1, .omit_empty = true},
             .doc = "the services and their endpoints; empty when unscoped"}),
        // UserForAuthenticateResponse declares id, name and roles (required, wrapped).
        field<&access::user>({.xml_schema = xml_meta{.always = true},
                              .xml_foreign = {"username", "email", "enabled", "tenantId", "OS-KSADM:password"},
                              .xml_native = {"name", "roles"},
                              .doc = "the user the token was issued to, with the names of its roles"}),
        field<&access::metadata>({.xml_schema = xml_meta{.foreign = true}, .doc = "Keystone's; not in the spec"}),
    };
};

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/model/access.hpp

#include <boost/system/error_category.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>
#include <boost/system/system_error.hpp>
#include <boost/throw_exception.hpp>

#include <algorithm>
#include <cctype>
#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

enum class interface_type : unsigned char { public_, internal, admin };

constexpr std::string_view interface_name(interface_type i) noexcept {
    switch (i) {
    case interface_type::public_: return "public";
    case interface_type::internal: return "internal";
    case interface_type::admin: return "admin";
    }
    return "public";
}

// "public", "publicURL", "internal", "internalURL", "admin", "adminURL", case-insensitive.
inline std::optional<interface_type> parse_interface(std::string_view s) noexcept {
    std::string l;
    for (char c : s) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (l.size() > 3 && l.ends_with("url")) l.resize(l.size() - 3);
    if (l == "public") return interface_type::public_;
    if (l == "internal" || l == "private") return interface_type::internal;
    if (l == "admin") return interface_type::admin;
    return std::nullopt;
}

inline const std::optional<std::string>& endpoint_url(const endpoint& e, interface_type i) noexcept {
    switch (i) {
    case interface_type::internal: return e.internal_url;
    case interface_type::admin: return e.admin_url;
    default: return e.public_url;
    }
}

enum class match_policy : unsigned char {
    first,   // several candidates: the first in catalog order
    strict,  // several candidates with different URLs: catalog_errc::ambiguous
};

struct endpoint_filter {
    std::string service_type;
    std::vector<interface_type> interfaces{interface_type::public_};  // in order of preference
    std::optional<std::string> region;
    std::optional<std::string> service_name;
    std::optional<std::string> endpoint_id;
    match_policy policy = match_policy::first;
};

// One candidate: the service, the endpoint, the interface and its URL.
struct endpoint_match {
    const catalog_entry* service = nullptr;
    const v2::endpoint* endpoint = nullptr;
    interface_type interface = interface_type::public_;
    std::string url;
    std::string region;  // empty when the endpoint has none
};

enum class catalog_errc {
    no_catalog = 1,  // the access has no service catalog (unscoped token)
    no_service,      // no service of that type (and name)
    no_endpoint,     // services found, but no endpoint for the region / interfaces asked
    ambiguous,       // strict lookup and several endpoints with different URLs
    bad_interface,   // an interface name that is none of public/internal/admin
};

class catalog_category_impl : public boost::system::error_category {
public:
    constexpr catalog_category_impl() noexcept : boost::system::error_category(0x6f73696476320003ull) {}
    const char* name() const noexcept override { return "openstack.identity.v2.catalog"; }
    std::string message(int ev) const override {
        switch (static_cast<catalog_errc>(ev)) {
        case catalog_errc::no_catalog: return "the token has no service catalog";
        case catalog_errc::no_service: return "no service of that type in the catalog";
        case catalog_errc::no_endpoint: return "no endpoint matches the region and interface";
        case catalog_errc::ambiguous: return "several endpoints match";
        case catalog_errc::bad_interface: return "unknown interface";
        }
        return "catalog error";
    }
};

inline const boost::system::error_category& catalog_category() noexcept {
    static constexpr catalog_category_impl instance;
    return instance;
}

inline boost::system::error_code make_error_code(catalog_errc e) noexcept {
    return {static_cast<int>(e), catalog_category()};
}

struct catalog_error {
    boost::system::error_code code;
    std::string message;                     // says what was asked, and lists the candidates
    std::vector<endpoint_match> candidates;  // for `ambiguous` (and `no_endpoint`: what the service has)
    std::string what() const { return message.empty() ? code.message() : message; }
};

class catalog_exception : public boost::system::system_error {
public:
    explicit catalog_exception(catalog_error e) : boost::system::system_error(e.code, e.what()), error_(std::move(e)) {}
    const catalog_error& error() const noexcept { return error_; }

private:
    catalog_error error_;
};

[[noreturn]] inline void throw_exception_from_error(const catalog_error& e, const boost::source_location& loc) {
    boost::throw_exception(catalog_exception(e), loc);
}

template <class T>
using catalog_result = boost::system::result<T, catalog_error>;

namespace detail {

inline std::string describe_match(const endpoint_match& m) {
    std::string s(interface_name(m.interface));
    s.append(" ").append(m.url);
    if (!m.region.empty()) s.append(" (region ").append(m.region).append(")");
    if (m.service && m.service->name) s.append(" [").append(*m.service->name).append("]");
    return s;
}

inline std::string describe_filter(const endpoint_filter& f) {
    std::string s = "type '" + f.service_type + "'";
    if (f.service_name) s += ", name '" + *f.service_name + "'";
    if (f.region) s += ", region '" + *f.region + "'";
    if (f.endpoint_id) s += ", endpoint id '" + *f.endpoint_id + "'";
    s += ", interface ";
    for (std::size_t i = 0; i < f.interfaces.size(); ++i) {
        if (i) s += "|";
        s += interface_name(f.interfaces[i]);
    }
    return s;
}

}  // namespace detail

// Every endpoint of the matching services and regions, for every requested interface with a
// non-empty URL, in preference order then catalog order. The lookup's candidate list.
// (The lookups are templates on `access` only so that a program that never calls them does
// not compile them.)
template <std::same_as<access> A>
std::vector<endpoint_match> endpoint_candidates(const A& a, const endpoint_filter& f) {
    std::vector<endpoint_match> out;
    if (!a.service_catalog) return out;
    for (interface_type itf : f.interfaces) {
        for (const catalog_entry& s : *a.service_catalog) {
            if (s.type != f.service_type) continue;
            if (f.service_name && s.name.value_or("") != *f.service_name) continue;
            for (const endpoint& e : s.endpoints) {
                const std::string region = e.region.has_value() ? *e.region : std::string();
                if (f.region && region != *f.region) continue;
                if (f.endpoint_id && e.id.value_or("") != *f.endpoint_id) continue;
                const auto& u = endpoint_url(e, itf);
                if (!u || u->empty()) continue;
                out.push_back(endpoint_match{&s, &e, itf, *u, region});
            }
        }
    }
    return out;
}

// The lookup described at the top of this file.
template <std::same_as<access> A>
catalog_result<endpoint_match> find_endpoint(const A& a, const endpoint_filter& f) {
    auto fail = [&](catalog_errc c, std::string msg, std::vector<endpoint_match> cands = {}) {
        return catalog_error{make_error_code(c), std::move(msg), std::move(cands)};
    };
    if (!a.service_catalog || a.service_catalog->empty())
        return fail(catalog_errc::no_catalog, "the token has no service catalog (unscoped token?)");
    if (f.interfaces.empty()) return fail(catalog_errc::bad_interface, "no interface requested");
    const bool any_service =
        std::any_of(a.service_catalog->begin(), a.service_catalog->end(), [&](const catalog_entry& s) {
            return s.type == f.service_type && (!f.service_name || s.name.value_or("") == *f.service_name);
        });
    if (!any_service) return fail(catalog_errc::no_service, "no service matches " + detail::describe_filter(f));
    auto all = endpoint_candidates(a, f);
    if (all.empty()) {
        endpoint_filter loose = f;
        loose.region.reset();
        loose.endpoint_id.reset();
        loose.interfaces = {interface_type::public_, interface_type::internal, interface_type::admin};
        auto available = endpoint_candidates(a, loose);
        std::string msg = "no endpoint matches " + detail::describe_filter(f);
        if (!available.empty()) {
            msg += "; the catalog has:";
            for (const auto& m : available) msg += "\n  " + detail::describe_match(m);
        }
        return fail(catalog_errc::no_endpoint, std::move(msg), std::move(available));
    }
    // Only the best interface's candidates compete.
    std::vector<endpoint_match> best;
    for (auto& m : all)
        if (m.interface == all.front().interface) best.push_back(m);
    if (f.policy == match_policy::strict && best.size() > 1) {
        const bool same = std::all_of(best.begin(), best.end(),
                                      [&](const endpoint_match& m) { return m.url == best.front().url; });
        if (!same) {
            std::string msg = std::to_string(best.size()) + " endpoints match " + detail::describe_filter(f) +
                              " (give a region, a service name or an endpoint id):";
            for (const auto& m : best) msg += "\n  " + detail::describe_match(m);
            return fail(catalog_errc::ambiguous, std::move(msg), std::move(best));
        }
    }
    return best.front();
}

// Convenience: the URL only.
template <std::same_as<access> A>
catalog_result<std::string> endpoint_url_for(const A& a, const endpoint_filter& f) {
    auto r = find_endpoint(a, f);
    if (!r) return r.error();
    return r->url;
}

}  // namespace openstack::identity::v2

template <>
struct boost::system::is_error_code_enum<openstack::identity::v2::catalog_errc> : std::true_type {};

#endif
// ---- end openstack/identity/v2/catalog.hpp
// ---- begin openstack/identity/v2/detect.hpp
#ifndef OPENSTACK_IDENTITY_V2_DETECT_HPP
#define OPENSTACK_IDENTITY_V2_DETECT_HPP

// Which document type a text is, for tools that take any v2.0 document (identity-doc):
// the format from the first character, the type from the root key or root element, and
// the types by name. Generic over a type list (document_types by default).

// ---- begin openstack/identity/v2/error.hpp
#ifndef OPENSTACK_IDENTITY_V2_ERROR_HPP
#define OPENSTACK_IDENTITY_V2_ERROR_HPP

#include <boost/assert/source_location.hpp>
#include <boost/system/error_category.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/error_condition.hpp>
#include <boost/system/result.hpp>
#include <boost/system/system_error.hpp>
#include <boost/throw_exception.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// The v2.0 fault documents. Each kind knows its root name and HTTP status.
enum class fault_kind : unsigned char {
    identity_fault = 1,
    bad_request,
    unauthorized,
    forbidden,
    user_disabled,
    item_not_found,
    bad_method,
    tenant_conflict,
    over_limit,
    bad_media_type,
    service_unavailable,
};

// The fault kinds in one table: the root name of their documents, the HTTP status a server
// answers with, and that status's reason phrase (Keystone's error "title"). The first row of a
// status is the kind a bare status stands for (403: forbidden, not userDisabled).
struct fault_row {
    fault_kind kind;
    std::string_view name;
    int status;
    std::string_view title;
};

inline constexpr fault_row fault_table[] = {
    {fault_kind::identity_fault, "identityFault", 500, "Internal Server Error"},
    {fault_kind::bad_request, "badRequest", 400, "Bad Request"},
    {fault_kind::unauthorized, "unauthorized", 401, "Unauthorized"},
    {fault_kind::forbidden, "forbidden", 403, "Forbidden"},
    {fault_kind::user_disabled, "userDisabled", 403, "Forbidden"},
    {fault_kind::item_not_found, "itemNotFound", 404, "Not Found"},
    {fault_kind::bad_method, "badMethod", 405, "Method Not Allowed"},
    {fault_kind::tenant_conflict, "tenantConflict", 409, "Conflict"},
    {fault_kind::over_limit, "overLimit", 413, "Request Entity Too Large"},
    {fault_kind::bad_media_type, "badMediaType", 415, "Unsupported Media Type"},
    {fault_kind::service_unavailable, "serviceUnavailable", 503, "Service Unavailable"},
};

inline constexpr auto all_fault_kinds = [] {
    std::array<fault_kind, std::size(fault_table)> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = fault_table[i].kind;
    return out;
}();

constexpr const fault_row& fault_info(fault_kind k) noexcept {
    for (const fault_row& r : fault_table)
        if (r.kind == k) return r;
    return fault_table[0];
}

constexpr std::string_view fault_name(fault_kind k) noexcept { return fault_info(k).name; }
constexpr int http_status(fault_kind k) noexcept { return fault_info(k).status; }

constexpr std::optional<fault_kind> fault_kind_from_name(std::string_view name) noexcept {
    for (const fault_row& r : fault_table)
        if (r.name == name) return r.kind;
    return std::nullopt;
}

// The kind a bare status code stands for (Keystone's {"error": {...}} carries only a code).
constexpr fault_kind fault_kind_for_status(int status) noexcept {
    for (const fault_row& r : fault_table)
        if (r.status == status) return r.kind;
    return status >= 400 && status < 500 ? fault_kind::bad_request : fault_kind::identity_fault;
}

// What went wrong while reading, validating or writing a document.
enum class errc {
    malformed_json = 1,   // not JSON at all, or truncated
    malformed_xml,        // not well-formed XML
    forbidden_markup,     // DOCTYPE, entity declarations and the like
    too_deep,             // nesting over the configured limit
    too_large,            // document over the configured size
    wrong_root,           // the root member or element is not the expected one
    wrong_type,           // e.g. a number where a string belongs
    invalid_value,        // the right type, but not an acceptable value (a bad timestamp)
    missing_member,       // a required member is absent or empty
    unknown_member,       // a member the type does not know, in strict mode
    duplicate_member,     // the same member twice in one object
    too_long,             // a string over its limit
    conflicting_members,  // members that must not appear together
    missing_alternative,  // none of the members of which one is required
    not_representable,    // writing: a kept member the format cannot carry (an empty list in XML)
};

class error_category_impl : public boost::system::error_category {
public:
    constexpr error_category_impl() noexcept : boost::system::error_category(0x6f73696476320001ull) {}
    const char* name() const noexcept override { return "openstack.identity.v2"; }
    std::string message(int ev) const override { return message(ev, nullptr, 0); }
    const char* message(int ev, char*, std::size_t) const noexcept override {
        switch (static_cast<errc>(ev)) {
        case errc::malformed_json: return "malformed JSON";
        case errc::malformed_xml: return "malformed XML";
        case errc::forbidden_markup: return "forbidden XML markup";
        case errc::too_deep: return "document nested too deeply";
        case errc::too_large: return "document too large";
        case errc::wrong_root: return "unexpected root";
        case errc::wrong_type: return "wrong type";
        case errc::invalid_value: return "invalid value";
        case errc::missing_member: return "missing member";
        case errc::unknown_member: return "unknown member";
        case errc::duplicate_member: return "duplicate member";
        case errc::too_long: return "value too long";
        case errc::conflicting_members: return "conflicting members";
        case errc::missing_alternative: return "missing alternative";
        case errc::not_representable: return "not representable in this format";
        }
        return "unknown error";
    }
    boost::system::error_condition default_error_condition(int ev) const noexcept override;
};

class fault_category_impl : public boost::system::error_category {
public:
    constexpr fault_category_impl() noexcept : boost::system::error_category(0x6f73696476320002ull) {}
    const char* name() const noexcept override { return "openstack.identity.v2.fault"; }
    std::string message(int ev) const override { return std::string(fault_name(static_cast<fault_kind>(ev))); }
};

inline const boost::system::error_category& error_category() noexcept {
    static constexpr error_category_impl instance;
    return instance;
}

inline const boost::system::error_category& fault_category() noexcept {
    static constexpr fault_category_impl instance;
    return instance;
}

inline boost::system::error_code make_error_code(errc e) noexcept { return {static_cast<int>(e), error_category()}; }

// Fault kinds are error conditions: `ec == fault_kind::bad_request` holds for every document error.
inline boost::system::error_condition make_error_condition(fault_kind k) noexcept {
    return {static_cast<int>(k), fault_category()};
}

// The fault a server answers a document error with.
constexpr fault_kind fault_kind_of(errc e) noexcept {
    return e == errc::too_large ? fault_kind::over_limit : fault_kind::bad_request;
}

inline boost::system::error_condition error_category_impl::default_error_condition(int ev) const noexcept {
    return make_error_condition(fault_kind_of(static_cast<errc>(ev)));
}

// One error: what (code), which fault a server answers with (kind), where (path in JSON names,
// and for XML the element), and why (message). Byte offset for malformed input.
struct error {
    static constexpr std::size_t no_offset = static_cast<std::size_t>(-1);

    boost::system::error_code code;
    fault_kind kind = fault_kind::bad_request;
    std::string path;
    std::string message;
    std::size_t offset = no_offset;
    std::string element;

    // "access.token.id: required member is missing"
    std::string what() const {
        std::string s;
        if (!path.empty()) s.append(path).append(": ");
        s.append(message.empty() ? code.message() : message);
        if (offset != no_offset) s.append(" (at byte ").append(std::to_string(offset)).append(")");
        if (!element.empty()) s.append(" (element ").append(element).append(")");
        return s;
    }

    friend bool operator==(const error&, const error&) = default;

    template <class Ostream>
    friend Ostream& operator<<(Ostream& os, const error& e) {
        return os << e.what();
    }
};

class exception : public boost::system::system_error {
public:
    explicit exception(v2::error e) : boost::system::system_error(e.code, e.what()), error_(std::move(e)) {}
    const v2::error& error() const noexcept { return error_; }
    fault_kind kind() const noexcept { return error_.kind; }

private:
    v2::error error_;
};

template <class T>
using result = boost::system::result<T, error>;

[[noreturn]] inline void throw_exception_from_error(const error& e, const boost::source_location& loc) {
    boost::throw_exception(exception(e), loc);
}

}  // namespace openstack::identity::v2

template <>
struct boost::system::is_error_code_enum<openstack::identity::v2::errc> : std::true_type {};
template <>
struct boost::system::is_error_condition_enum<openstack::identity::v2::fault_kind> : std::true_type {};

#endif
// ---- end openstack/identity/v2/error.hpp
// ---- begin openstack/identity/v2/json/read.hpp
#ifndef OPENSTACK_IDENTITY_V2_JSON_READ_HPP
#define OPENSTACK_IDENTITY_V2_JSON_READ_HPP

// Reading JSON straight from Boost.JSON's basic_parser events into described
// structs: no DOM is built. Each type gets one handler function (its "ops");
// objects and arrays push frames; member lookup uses a per-type table made at
// compile time from the Describe list and the schema.

// ---- begin openstack/identity/v2/detail/limits.hpp
#ifndef OPENSTACK_IDENTITY_V2_DETAIL_LIMITS_HPP
#define OPENSTACK_IDENTITY_V2_DETAIL_LIMITS_HPP

// ---- begin openstack/identity/v2/options.hpp
#ifndef OPENSTACK_IDENTITY_V2_OPTIONS_HPP
#define OPENSTACK_IDENTITY_V2_OPTIONS_HPP

#include <cstddef>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// What reading does with members a type does not know (vendor extensions such as
// "RAX-AUTH:defaultRegion").
enum class unknown_policy : unsigned char {
    ignore,  // skip them (default)
    reject,  // fail with errc::unknown_member and the member's path
    keep,    // keep them in the value's `extra` and write them back
};

struct read_options {
    unknown_policy unknown = unknown_policy::ignore;
    bool validate = true;              // apply the type's rules after reading
    std::size_t max_depth = 64;        // nesting limit, counted in objects and arrays
    std::size_t max_size = 16u << 20;  // bytes; larger documents fail with errc::too_large
};

// How fault documents are written.
enum class fault_style : unsigned char {
    both,      // {"itemNotFound": {...}, "error": {...}}: every client finds what it reads
    spec,      // {"itemNotFound": {"code", "message", "details"}}
    keystone,  // {"error": {"code", "title", "message"}}
};

// How list documents that Keystone wrapped ({"extensions": {"values": [...]}}) are written.
enum class list_style : unsigned char {
    keystone,  // as Keystone wrote them
    spec,      // plain arrays, as the spec samples
};

struct write_options {
    bool validate = false;  // check the type's rules first and fail instead of writing
    fault_style faults = fault_style::both;
    list_style lists = list_style::keystone;
};

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/options.hpp

#include <optional>
#include <string>
#include <string_view>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::detail {

// read_options::max_size, checked before any parsing by every reader: one error (too_large,
// overLimit) whatever the format.
inline std::optional<error> over_size(std::string_view text, const read_options& opt) {
    if (text.size() <= opt.max_size) return std::nullopt;
    error e;
    e.code = make_error_code(errc::too_large);
    e.kind = fault_kind_of(errc::too_large);
    e.message = "document of " + std::to_string(text.size()) + " bytes is over the limit of " +
                std::to_string(opt.max_size);
    return e;
}

}  // namespace openstack::identity::v2::detail

#endif
// ---- end openstack/identity/v2/detail/limits.hpp
// ---- begin openstack/identity/v2/detail/names.hpp
#ifndef OPENSTACK_IDENTITY_V2_DETAIL_NAMES_HPP
#define OPENSTACK_IDENTITY_V2_DETAIL_NAMES_HPP

// Matching a name read from a document against names known at compile time, mostly by
// comparing integers: the readers' member lookup.


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
// ---- end openstack/identity/v2/detail/names.hpp
// ---- begin openstack/identity/v2/detail/path.hpp
#ifndef OPENSTACK_IDENTITY_V2_DETAIL_PATH_HPP
#define OPENSTACK_IDENTITY_V2_DETAIL_PATH_HPP

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
// ---- end openstack/identity/v2/detail/path.hpp
// ---- begin openstack/identity/v2/validate/validate.hpp
#ifndef OPENSTACK_IDENTITY_V2_VALIDATE_VALIDATE_HPP
#define OPENSTACK_IDENTITY_V2_VALIDATE_VALIDATE_HPP

// The rules declared in each type's schema (required members, lengths, presence
// rules), applied to a value whatever format it came from.


#include <cmath>
#include <cstdint>
#include <iterator>
#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {
namespace detail::check {

class walker {
public:
    explicit walker(std::size_t max) : max_(max) {}

    std::vector<error> errors;

    bool full() const { return errors.size() >= max_; }

    void add(const at_node* at, errc code, std::string message, std::string_view last = {}) {
        if (full()) return;
        error e;
        e.code = make_error_code(code);
        e.kind = fault_kind_of(code);
        e.path = at_node::str(at, last);
        e.message = std::move(message);
        errors.push_back(std::move(e));
    }

    template <class V>
    void value(const V& v, const member_meta& m, const at_node* at) {
        constexpr category c = category_of<V>;
        if constexpr (c == category::optional || c == category::nullable) {
            if (v.has_value()) value(*v, m, at);
        } else if constexpr (c == category::string) {
            if (m.max_length && v.size() > m.max_length && utf8_length(v) > m.max_length)
                add(at, errc::too_long, "longer than " + std::to_string(m.max_length) + " characters");
        } else if constexpr (c == category::integer) {
            if (m.range && (std::cmp_less(v, m.range->min) || std::cmp_greater(v, m.range->max)))
                add(at, errc::invalid_value,
                    "must be between " + std::to_string(m.range->min) + " and " + std::to_string(m.range->max));
        } else if constexpr (c == category::number) {
            // Neither JSON nor the readers have infinities or NaN: such a value cannot be written.
            if (!std::isfinite(v)) add(at, errc::invalid_value, "not a finite number");
        } else if constexpr (c == category::enumeration) {
            if (detail::enum_name(v).empty()) add(at, errc::invalid_value, detail::enum_choices<V>());
        } else if constexpr (c == category::list) {
            for (std::size_t i = 0; i < v.size() && !full(); ++i) {
                const at_node here{at, path::of(i)};
                value(v[i], m, &here);
            }
        } else if constexpr (c == category::object) {
            object(v, at);
        }
    }

    template <class T>
    void object(const T& v, const at_node* at) {
        for_each_member<T>([&](auto d, const member_meta& m) {
            if (full()) return;
            const auto& mv = v.*d.pointer;
            const at_node here{at, path::of(m.json)};
            if (m.required && !is_present(mv))
                add(&here, errc::missing_member,
                    std::is_same_v<std::remove_cvref_t<decltype(mv)>, std::string>
                        ? "required member is missing or empty"
                        : "required member is missing");
            else value(mv, m, &here);
        });
        if constexpr (requires { schema<T>::rules; }) [&]<std::size_t... R>(std::index_sequence<R...>) {
                (check_rule<T, R>(v, at), ...);
            }
        (std::make_index_sequence<std::size(schema<T>::rules)>{});
    }

    // The members rule R of T names, as bits by declaration index (found at compile time,
    // so that checking a rule compares no names).
    template <class T, std::size_t R>
    static constexpr std::uint64_t rule_mask() {
        std::uint64_t mask = 0;
        unsigned index = 0;
        for_each_member<T>([&](auto d, const member_meta&) {
            const presence_rule& r = schema<T>::rules[R];
            for (std::size_t k = 0; k < r.size; ++k)
                if (member_id_of<decltype(d)::pointer> == r.members[k] && index < 64) mask |= std::uint64_t(1) << index;
            ++index;
        });
        return mask;
    }

    template <class T, std::size_t R>
    void check_rule(const T& v, const at_node* at) {
        constexpr std::uint64_t mask = rule_mask<T, R>();
        constexpr presence kind = schema<T>::rules[R].kind;
        unsigned count = 0;
        unsigned index = 0;
        for_each_member<T>([&](auto d, const member_meta&) {
            if ((mask >> index++ & 1) && is_present(v.*d.pointer)) ++count;
        });
        const bool ok = kind == presence::at_least_one  ? count >= 1
                        : kind == presence::at_most_one ? count <= 1
                                                        : count == 1;
        if (!ok) rule(v, schema<T>::rules[R], at);
    }

    template <class T>
    void rule(const T& v, const presence_rule& r, const at_node* at) {
        if (full()) return;
        std::size_t count = 0;
        std::string_view second;
        for_each_rule_member<T>(r, [&](auto d, const member_meta& m) {
            if (is_present(v.*d.pointer) && ++count == 2) second = m.json;
        });
        const bool too_many = count > 1 && r.kind != presence::at_least_one;
        const bool too_few = count == 0 && r.kind != presence::at_most_one;
        if (!too_many && !too_few) return;
        std::string names;  // only on failure: the usual document costs no allocation here
        for_each_rule_member<T>(r, [&](auto, const member_meta& m) {
            names.append(names.empty() ? "" : ", ").append(m.json);
        });
        if (too_many) add(at, errc::conflicting_members, "only one of " + names + " may be given", second);
        else add(at, errc::missing_alternative, (r.size == 1 ? "" : "one of ") + names + " is required");
    }

    // Calls f(descriptor, meta) for the members a rule names, in the rule's order.
    template <class T, class F>
    static void for_each_rule_member(const presence_rule& r, F&& f) {
        for (std::size_t k = 0; k < r.size; ++k)
            for_each_member<T>([&](auto d, const member_meta& m) {
                if (member_id_of<decltype(d)::pointer> == r.members[k]) f(d, m);
            });
    }

private:
    std::size_t max_;
};

}  // namespace detail::check

// Every rule the value breaks (up to `max`), with paths that start at `root`
// (a document's root key, or empty).
template <described T>
std::vector<error> validate_all(const T& v, std::string_view root = {}, std::size_t max = 100) {
    detail::check::walker w(max);
    const detail::at_node top{nullptr, detail::path::of(root)};
    w.object(v, root.empty() ? nullptr : &top);
    return std::move(w.errors);
}

// The first rule the value breaks.
template <described T>
std::optional<error> validate(const T& v, std::string_view root = {}) {
    auto all = validate_all(v, root, 1);
    if (all.empty()) return std::nullopt;
    return std::move(all.front());
}

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/validate/validate.hpp

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_stack.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {
namespace detail::json_read {

enum class event : unsigned char { object, array, string, int64, uint64, real, boolean, null };

struct scalar {
    std::string_view text;  // strings, and the raw text of numbers
    bool escaped = true;    // a string not taken verbatim from the input
    std::int64_t i = 0;
    std::uint64_t u = 0;
    bool b = false;
};

class context;
struct frame;

// The stack of open objects and arrays, kept per thread so that a read does not allocate it
// (a read never starts another one on the same thread).
inline std::vector<frame>& frame_stack();

using handler = bool (*)(context&, void* obj, const member_meta* meta, event ev, const scalar& s);

struct member_entry {
    std::string_view key;
    std::uint64_t head;
    unsigned index;
    handler handle;  // takes the struct, hands its member to the member type's handler
    const member_meta* meta;
};

struct struct_table {
    const member_entry* entries;
    std::size_t size;
    unknown_members* (*extra)(void*);
    std::uint64_t must_see;  // required members whose type cannot say "absent" (numbers, timestamps, ...)
    bool open;               // schema<T>::open: undeclared members are kept whatever the policy
};

struct frame {
    enum kind_t : unsigned char { object, array, values, skip, capture, root } kind;
    void* obj = nullptr;
    const struct_table* table = nullptr;
    const member_meta* meta = nullptr;
    handler add = nullptr;   // a list's next item: a new item, then its value's handler
    handler self = nullptr;  // a {"values": [...]} wrapper hands "values" back to the list's handler
    std::uint64_t seen = 0;
    std::size_t index = 0;
    const member_entry* current = nullptr;
    bool has_current = false;
};

inline std::vector<frame>& frame_stack() {
    static thread_local std::vector<frame> frames = [] {
        std::vector<frame> v;
        v.reserve(16);
        return v;
    }();
    return frames;
}

struct target {
    void* obj = nullptr;
    handler handle = nullptr;
    const member_meta* meta = nullptr;
};

class context {
public:
    explicit context(const read_options& o) : opt(o), frames(frame_stack()) { frames.clear(); }

    const read_options& opt;
    std::vector<frame>& frames;
    target pending{};
    std::string root_key;  // the root member when the root is wrapped or tagged
    bool saw_tag = false;
    bool saw_alias = false;
    std::uint64_t root_seen = 0;  // members seen in a list document's top-level object

    // An error about a top-level key: its path is the key alone.
    bool fail_at_root(errc code, std::string message, std::string_view key) {
        fail(code, std::move(message));
        err.path.assign(key);
        return false;
    }
    error err;
    bool failed = false;

    // Keeping an unknown member: its key and a value_stack fed with its events.
    std::string capture_key;
    boost::json::object* capture_into = nullptr;  // where a kept member goes
    boost::json::value_stack capture_stack;
    std::vector<std::size_t> capture_counts;

    bool fail(errc code, std::string message, std::string_view last = {}) {
        if (failed) return false;
        failed = true;
        err.code = code;
        err.kind = fault_kind_of(code);
        err.message = std::move(message);
        err.path = path_str(last);
        return false;
    }

    std::string path_str(std::string_view last = {}) const {
        std::string s;
        if (!root_key.empty()) s = root_key;
        for (const auto& f : frames) {
            if (f.kind == frame::object && f.has_current) {
                if (f.current) path::append(s, {f.current->meta->json, 0, false});
            } else if (f.kind == frame::array && f.has_current) {
                path::append(s, {{}, f.index, true});
            } else if (f.kind == frame::values && f.has_current) {
                path::append(s, {"values", 0, false});
            }
        }
        if (!last.empty()) path::append(s, {last, 0, false});
        return s;
    }
};

template <class V>
bool handle(context& c, void* p, const member_meta* m, event ev, const scalar& s);

inline const char* describe(event ev) {
    switch (ev) {
    case event::object: return "an object";
    case event::array: return "an array";
    case event::string: return "a string";
    case event::int64:
    case event::uint64:
    case event::real: return "a number";
    case event::boolean: return "a boolean";
    case event::null: return "null";
    }
    return "a value";
}

inline bool wrong_type(context& c, const char* expected, event ev) {
    return c.fail(errc::wrong_type, std::string("expected ") + expected + ", got " + describe(ev));
}

template <class T, class D>
bool handle_member(context& c, void* o, const member_meta* m, event ev, const scalar& s) {
    auto& v = static_cast<T*>(o)->*D::pointer;
    return handle<std::remove_cvref_t<decltype(v)>>(c, &v, m, ev, s);
}

template <class T>
constexpr std::size_t entry_count() {
    std::size_t n = 0;
    for_each_member<T>([&](auto, const member_meta& m) {
        ++n;
        for (std::size_t k = 0; k < m.aliases.size(); ++k) n += !m.aliases[k].empty();
    });
    return n;
}

template <class T>
constexpr auto make_entries() {
    std::array<member_entry, entry_count<T>()> out{};
    std::size_t i = 0;
    unsigned index = 0;
    for_each_member<T>([&](auto d, const member_meta&) {
        using D = decltype(d);
        const member_meta* meta = &meta_v<T, D>;
        out[i++] = {meta->json, name_head(meta->json), index, &handle_member<T, D>, meta};
        for (std::size_t k = 0; k < meta->aliases.size(); ++k)
            if (!meta->aliases[k].empty())
                out[i++] = {meta->aliases[k], name_head(meta->aliases[k]), index, &handle_member<T, D>, meta};
        ++index;
    });
    return out;
}

template <class T>
inline constexpr auto entries_v = make_entries<T>();

template <class T>
unknown_members* extra_of(void* o) {
    if constexpr (keeps_unknown<T>) return &static_cast<T*>(o)->extra;
    else return nullptr;
}

// A required std::string, optional, nullable or list says "absent" itself and is left to
// validation; other required members must be seen while reading.
template <class T>
constexpr std::uint64_t must_see_mask() {
    std::uint64_t mask = 0;
    unsigned index = 0;
    for_each_member<T>([&](auto d, const member_meta& m) {
        using V = std::remove_cvref_t<decltype(std::declval<T&>().*decltype(d)::pointer)>;
        if (m.required && !says_absent<V> && index < 64) mask |= std::uint64_t(1) << index;
        ++index;
    });
    return mask;
}

template <class T>
inline constexpr struct_table table_v{entries_v<T>.data(), entries_v<T>.size(), &extra_of<T>, must_see_mask<T>(),
                                      open_members<T>};

template <class V>
bool add_item(context& c, void* vec, const member_meta* m, event ev, const scalar& s) {
    return handle<typename V::value_type>(c, &detail::new_item(*static_cast<V*>(vec)), m, ev, s);
}

inline bool push_object(context& c, void* obj, const struct_table* t) {
    frame f{};
    f.kind = frame::object;
    f.obj = obj;
    f.table = t;
    c.frames.push_back(f);
    return true;
}

template <class V>
bool handle(context& c, void* p, const member_meta* m, event ev, const scalar& s) {
    V& v = *static_cast<V*>(p);
    constexpr category cat = category_of<V>;
    if constexpr (cat == category::optional) {
        if (ev == event::null) {
            v.reset();
            return true;
        }
        return handle<typename V::value_type>(c, &v.emplace(), m, ev, s);
    } else if constexpr (cat == category::nullable) {
        if (ev == event::null) {
            v.set_null();
            return true;
        }
        using U = typename detail::unwrap<V>::type;
        return handle<U>(c, &v.emplace(), m, ev, s);
    } else if constexpr (cat == category::string) {
        if (ev == event::string) {
            // Raw input cannot hold a NUL inside a string (the parser rejects control
            // characters): only unescaped text (\u0000) can.
            if (s.escaped && s.text.find('\0') != std::string_view::npos)
                return c.fail(errc::invalid_value, "string contains a NUL character");
            v.assign(s.text);
            return true;
        }
        if (m && m->numbers_as_text && (ev == event::int64 || ev == event::uint64)) {
            v.assign(s.text);
            return true;
        }
        return wrong_type(c, "a string", ev);
    } else if constexpr (cat == category::boolean) {
        if (ev != event::boolean) return wrong_type(c, "a boolean", ev);
        v = s.b;
        return true;
    } else if constexpr (cat == category::integer) {
        if (ev == event::int64) {
            if (s.i < std::numeric_limits<V>::min() || s.i > std::numeric_limits<V>::max())
                return c.fail(errc::invalid_value, "number out of range");
            v = static_cast<V>(s.i);
            return true;
        }
        if (ev == event::uint64) return c.fail(errc::invalid_value, "number out of range");
        if (ev == event::real && s.text.find_first_of(".eE") == std::string_view::npos)
            return c.fail(errc::invalid_value, "number out of range");
        return wrong_type(c, "an integer", ev);
    } else if constexpr (cat == category::number) {
        if (ev != event::int64 && ev != event::uint64 && ev != event::real) return wrong_type(c, "a number", ev);
        // From the number's text: the nearest V, whatever width the parser converted to.
        if (const char* why = detail::parse_text(s.text, v)) return c.fail(errc::invalid_value, why);
        return true;
    } else if constexpr (cat == category::enumeration || cat == category::custom) {
        // Through the wire form: a string for enumerations and string-coded leaves.
        constexpr category w = wire_of<V>;
        if constexpr (w == category::string) {
            if (ev != event::string) return wrong_type(c, "a string", ev);
            if (const char* why = detail::parse_text(s.text, v)) return c.fail(errc::invalid_value, why);
            return true;
        } else {
            typename value_traits<V>::wire x{};
            if (!handle<decltype(x)>(c, &x, m, ev, s)) return false;
            if (const char* why = value_traits<V>::parse(x, v)) return c.fail(errc::invalid_value, why);
            return true;
        }
    } else if constexpr (cat == category::list) {
        if (ev == event::array || ev == event::object) {
            v.clear();
            frame f{};
            f.kind = ev == event::array ? frame::array : frame::values;
            f.obj = p;
            f.meta = m;
            f.add = &add_item<V>;
            f.self = &handle<V>;
            c.frames.push_back(f);
            return true;
        }
        // The spec's choices.json writes an empty list as "": only where a member says so.
        if (ev == event::string && s.text.empty() && m && m->empty_string_is_list) {
            v.clear();
            return true;
        }
        return wrong_type(c, "an array", ev);
    } else {
        static_assert(cat == category::object);
        if (ev != event::object) return wrong_type(c, "an object", ev);
        return push_object(c, p, &table_v<V>);
    }
}

// Events for a value nobody wants (ignored members).
inline bool skip_value(context& c, void*, const member_meta*, event ev, const scalar&) {
    if (ev == event::object || ev == event::array) {
        frame f{};
        f.kind = frame::skip;
        c.frames.push_back(f);
    }
    return true;
}

// Keeping an unknown member: a marker; the handler feeds the value's events to a value_stack.
inline bool capture_start(context&, void*, const member_meta*, event, const scalar&) { return true; }

inline bool not_an_object_root(context& c, void*, const member_meta*, event ev, const scalar&) {
    return c.fail(errc::wrong_root, std::string("expected an object at the root, got ") + describe(ev));
}

template <class T>
bool members_root(context& c, void* p, const member_meta* m, event ev, const scalar& s) {
    if (ev != event::object) return not_an_object_root(c, p, m, ev, s);
    return handle<T>(c, p, m, ev, s);
}

// The index of a list document's primary member (the one named like the root).
template <class T>
constexpr unsigned root_member_index() {
    unsigned index = 0, found = 0;
    for_each_member<T>([&](auto, const member_meta& m) {
        if (m.json == root_name<T>()) found = index;
        ++index;
    });
    return found;
}

// The root: knows the document's shape and where its value goes.
template <class T>
struct root_binding {
    static bool take(context& c, void* into, bool& seen, std::string_view key) {
        if (seen) return c.fail_at_root(errc::duplicate_member, "root member given more than once", key);
        seen = true;
        c.pending = {into, &handle<T>, nullptr};
        c.root_key.assign(key);
        return true;
    }

    static bool on_key(context& c, T& out, T* alias, std::string_view key) {
        constexpr auto style = root_style_of<T>();
        if constexpr (style == root_style::wrapped) {
            if (key == root_name<T>()) return take(c, &out, c.saw_tag, key);
        } else if constexpr (style == root_style::tagged) {
            using S = schema<T>;
            if (auto tag = S::tag_from_name(key)) {
                if (c.saw_tag)
                    return c.fail_at_root(errc::duplicate_member, "more than one fault in one document", key);
                out.*S::tag = *tag;
                return take(c, &out, c.saw_tag, key);
            }
            if (key == S::alias_root) return take(c, alias, c.saw_alias, key);
        }
        if (c.opt.unknown == unknown_policy::reject)
            return c.fail_at_root(errc::unknown_member, "unknown root member \"" + std::string(key) + "\"", key);
        if constexpr (keeps_unknown<T>) {
            if (c.opt.unknown == unknown_policy::keep) {
                if (out.extra.beside.contains(key))
                    return c.fail_at_root(errc::duplicate_member, "root member given more than once", key);
                c.capture_key.assign(key);
                c.capture_into = &out.extra.beside;
                c.pending = {nullptr, &capture_start, nullptr};
                return true;
            }
        }
        c.pending = {nullptr, &skip_value, nullptr};
        return true;
    }
};

class handler_impl {
public:
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    context* c = nullptr;
    bool (*root_key)(context&, void* out, void* alias, std::string_view) = nullptr;
    void* out = nullptr;
    void* alias = nullptr;
    target root_target{};
    bool seen_root_value = false;

    std::string_view input;  // the whole text being read
    std::string key_buf;
    std::string str_buf;
    std::string num_buf;

    using ec_t = boost::system::error_code;

    bool stop(ec_t& ec) {
        ec = c->err.code ? c->err.code : make_error_code(errc::malformed_json);
        return false;
    }

    bool value(event ev, const scalar& s, ec_t& ec) {
        context& x = *c;
        target t{};
        if (x.frames.empty()) {
            if (seen_root_value) return true;
            seen_root_value = true;
            t = root_target;
        } else {
            frame& f = x.frames.back();
            switch (f.kind) {
            case frame::skip:
                if (ev == event::object || ev == event::array) x.frames.push_back(f);
                return true;
            case frame::capture: return capture(ev, s, ec);
            case frame::array:
                if (f.has_current) ++f.index;
                f.has_current = true;
                t = {f.obj, f.add, f.meta};
                break;
            case frame::values:
            case frame::object:
            case frame::root:
                t = x.pending;
                x.pending = {};
                break;
            }
        }
        if (!t.handle) {
            x.fail(errc::malformed_json, "unexpected value");
            return stop(ec);
        }
        if (t.handle == &capture_start) return capture(ev, s, ec);
        if (!t.handle(x, t.obj, t.meta, ev, s)) return stop(ec);
        return true;
    }

    bool capture(event ev, const scalar& s, ec_t&) {
        context& x = *c;
        auto& st = x.capture_stack;
        bool starting = x.frames.empty() || x.frames.back().kind != frame::capture;
        if (starting) {
            st.reset();
            x.capture_counts.clear();
        } else {
            ++x.capture_counts.back();
        }
        switch (ev) {
        case event::object:
        case event::array: {
            frame f{};
            f.kind = frame::capture;
            f.index = ev == event::object;
            x.frames.push_back(f);
            x.capture_counts.push_back(0);
            return true;
        }
        case event::string: st.push_string(s.text); break;
        case event::int64: st.push_int64(s.i); break;
        case event::uint64: st.push_uint64(s.u); break;
        case event::real: st.push_double(std::strtod(std::string(s.text).c_str(), nullptr)); break;
        case event::boolean: st.push_bool(s.b); break;
        case event::null: st.push_null(); break;
        }
        if (starting) finish_capture();
        return true;
    }

    void finish_capture() {
        context& x = *c;
        if (x.capture_into) x.capture_into->insert_or_assign(x.capture_key, x.capture_stack.release());
        else x.capture_stack.release();
    }

    bool end_container(ec_t& ec) {
        context& x = *c;
        if (x.frames.empty()) return true;
        frame f = x.frames.back();
        if (f.kind == frame::values && !f.has_current && !(f.meta && f.meta->empty_object_is_list)) {
            x.fail(errc::wrong_type, "expected an array, or an object with \"values\"");
            return stop(ec);
        }
        if (f.kind == frame::object && (f.seen & f.table->must_see) != f.table->must_see) {
            for (std::size_t i = 0; i < f.table->size; ++i) {
                const member_entry& e = f.table->entries[i];
                if (e.index < 64 && (f.table->must_see >> e.index & 1) && !(f.seen >> e.index & 1)) {
                    x.frames.back().has_current = false;
                    x.fail(errc::missing_member, "required member is missing", e.meta->json);
                    return stop(ec);
                }
            }
        }
        x.frames.pop_back();
        if (x.frames.empty()) x.root_seen = f.seen;
        if (f.kind == frame::capture) {
            std::size_t n = x.capture_counts.back();
            x.capture_counts.pop_back();
            if (f.index) x.capture_stack.push_object(n);
            else x.capture_stack.push_array(n);
            if (x.frames.empty() || x.frames.back().kind != frame::capture) finish_capture();
        }
        return true;
    }

    bool on_document_begin(ec_t&) { return true; }
    bool on_document_end(ec_t&) { return true; }

    bool on_object_begin(ec_t& ec) {
        context& x = *c;
        if (x.frames.empty() && !seen_root_value && root_key) {
            // The document's own root object: wrapped and tagged roots look at its keys.
            seen_root_value = true;
            frame f{};
            f.kind = frame::root;
            x.frames.push_back(f);
            return true;
        }
        return value(event::object, {}, ec);
    }
    bool on_object_end(std::size_t, ec_t& ec) { return end_container(ec); }
    bool on_array_begin(ec_t& ec) { return value(event::array, {}, ec); }
    bool on_array_end(std::size_t, ec_t& ec) { return end_container(ec); }

    bool on_key_part(boost::json::string_view s, std::size_t, ec_t&) {
        key_buf.append(s.data(), s.size());
        return true;
    }
    bool on_key(boost::json::string_view s, std::size_t n, ec_t& ec) {
        std::string_view key(s.data(), s.size());
        if (n != s.size()) {
            key_buf.append(s.data(), s.size());
            key = key_buf;
        }
        bool ok = on_full_key(key, ec);
        key_buf.clear();
        return ok;
    }

    bool on_full_key(std::string_view key, ec_t& ec) {
        context& x = *c;
        frame& f = x.frames.back();
        switch (f.kind) {
        case frame::skip: return true;
        case frame::capture: x.capture_stack.push_key(key); return true;
        case frame::root:
            if (!root_key(x, out, alias, key)) return stop(ec);
            return true;
        case frame::values:
            if (key == "values") {
                if (f.has_current) {
                    x.fail(errc::duplicate_member, "member given more than once");
                    return stop(ec);
                }
                f.has_current = true;
                x.pending = {f.obj, f.self, f.meta};
                return true;
            }
            x.fail(errc::wrong_type, "expected an array, or an object with \"values\"");
            return stop(ec);
        case frame::array: break;
        case frame::object: {
            const struct_table& t = *f.table;
            const std::uint64_t head = name_head(key);
            // Members usually come in declaration order: start after the last one matched.
            std::size_t start = f.current ? std::size_t(f.current - t.entries) + 1 : 0;
            for (std::size_t n = 0, i = start; n < t.size; ++n, ++i) {
                if (i == t.size) i = 0;
                const member_entry& e = t.entries[i];
                if (!same_name(e.key, e.head, key, head)) continue;
                f.current = &e;
                f.has_current = true;
                if (e.index < 64) {
                    std::uint64_t bit = std::uint64_t(1) << e.index;
                    if (f.seen & bit) {
                        x.fail(errc::duplicate_member, "member given more than once");
                        return stop(ec);
                    }
                    f.seen |= bit;
                }
                x.pending = {f.obj, e.handle, e.meta};
                return true;
            }
            f.current = nullptr;
            f.has_current = true;
            switch (t.open ? unknown_policy::keep : x.opt.unknown) {
            case unknown_policy::reject:
                x.fail(errc::unknown_member, "unknown member \"" + std::string(key) + "\"", key);
                return stop(ec);
            case unknown_policy::keep:
                if (unknown_members* u = t.extra(f.obj)) {
                    if (u->members.contains(key)) {
                        x.fail(errc::duplicate_member, "member given more than once", key);
                        return stop(ec);
                    }
                    x.capture_key.assign(key);
                    x.capture_into = &u->members;
                    x.pending = {nullptr, &capture_start, nullptr};
                    return true;
                }
                [[fallthrough]];
            case unknown_policy::ignore: x.pending = {nullptr, &skip_value, nullptr}; return true;
            }
            return true;
        }
        }
        return true;
    }

    bool on_string_part(boost::json::string_view s, std::size_t, ec_t&) {
        str_buf.append(s.data(), s.size());
        return true;
    }
    bool on_string(boost::json::string_view s, std::size_t n, ec_t& ec) {
        scalar v;
        if (n != s.size()) {
            str_buf.append(s.data(), s.size());
            v.text = str_buf;
        } else {
            v.text = {s.data(), s.size()};
            const auto at = reinterpret_cast<std::uintptr_t>(s.data()) - reinterpret_cast<std::uintptr_t>(input.data());
            v.escaped = at > input.size() || s.size() > input.size() - at;
        }
        bool ok = value(event::string, v, ec);
        str_buf.clear();
        return ok;
    }
    bool on_number_part(boost::json::string_view s, ec_t&) {
        num_buf.append(s.data(), s.size());
        return true;
    }
    scalar number_text(boost::json::string_view s) {
        scalar v;
        if (!num_buf.empty()) {
            num_buf.append(s.data(), s.size());
            v.text = num_buf;
        } else {
            v.text = {s.data(), s.size()};
        }
        return v;
    }
    bool on_int64(std::int64_t i, boost::json::string_view s, ec_t& ec) {
        scalar v = number_text(s);
        v.i = i;
        bool ok = value(event::int64, v, ec);
        num_buf.clear();
        return ok;
    }
    bool on_uint64(std::uint64_t u, boost::json::string_view s, ec_t& ec) {
        scalar v = number_text(s);
        v.u = u;
        bool ok = value(event::uint64, v, ec);
        num_buf.clear();
        return ok;
    }
    bool on_double(double, boost::json::string_view s, ec_t& ec) {
        scalar v = number_text(s);
        bool ok = value(event::real, v, ec);
        num_buf.clear();
        return ok;
    }
    bool on_bool(bool b, ec_t& ec) {
        scalar v;
        v.b = b;
        return value(event::boolean, v, ec);
    }
    bool on_null(ec_t& ec) { return value(event::null, {}, ec); }
    bool on_comment_part(boost::json::string_view, ec_t&) { return true; }
    bool on_comment(boost::json::string_view, ec_t&) { return true; }
};

// Only for finding where a syntax error is.
struct null_handler {
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);
    using ec_t = boost::system::error_code;
    using sv = boost::json::string_view;
    bool on_document_begin(ec_t&) { return true; }
    bool on_document_end(ec_t&) { return true; }
    bool on_object_begin(ec_t&) { return true; }
    bool on_object_end(std::size_t, ec_t&) { return true; }
    bool on_array_begin(ec_t&) { return true; }
    bool on_array_end(std::size_t, ec_t&) { return true; }
    bool on_key_part(sv, std::size_t, ec_t&) { return true; }
    bool on_key(sv, std::size_t, ec_t&) { return true; }
    bool on_string_part(sv, std::size_t, ec_t&) { return true; }
    bool on_string(sv, std::size_t, ec_t&) { return true; }
    bool on_number_part(sv, ec_t&) { return true; }
    bool on_int64(std::int64_t, sv, ec_t&) { return true; }
    bool on_uint64(std::uint64_t, sv, ec_t&) { return true; }
    bool on_double(double, sv, ec_t&) { return true; }
    bool on_bool(bool, ec_t&) { return true; }
    bool on_null(ec_t&) { return true; }
    bool on_comment_part(sv, ec_t&) { return true; }
    bool on_comment(sv, ec_t&) { return true; }
};

// Where a syntax error is: basic_parser does not say, so find the shortest prefix
// that already fails (only on the error path). A template, so that only a TU that
// reads JSON instantiates the parser.
template <class Handler = null_handler>
std::size_t syntax_error_offset(std::string_view text, std::size_t max_depth) {
    auto fails = [&](std::size_t n) {
        boost::json::parse_options po;
        po.max_depth = max_depth;
        boost::json::basic_parser<Handler> p(po);
        boost::system::error_code ec;
        p.write_some(true, text.data(), n, ec);
        return bool(ec);
    };
    if (!fails(text.size())) return text.size();
    std::size_t lo = 0, hi = text.size();  // fails(hi), !fails(lo)
    while (hi - lo > 1) {
        std::size_t mid = lo + (hi - lo) / 2;
        (fails(mid) ? hi : lo) = mid;
    }
    return hi - 1;
}

template <class T>
bool root_key_fn(context& c, void* out, void* alias, std::string_view key) {
    return root_binding<T>::on_key(c, *static_cast<T*>(out), static_cast<T*>(alias), key);
}

template <class T>
void merge_missing(T& into, const T& from) {
    for_each_member<T>([&](auto d, const member_meta&) {
        if (!is_present(into.*d.pointer) && is_present(from.*d.pointer)) into.*d.pointer = from.*d.pointer;
    });
}

template <class T>
result<T> read(std::string_view text, const read_options& opt) {
    constexpr auto style = root_style_of<T>();
    context ctx(opt);
    T out{};
    // Only a tagged root (faults) has a second root member to merge.
    std::conditional_t<style == root_style::tagged, T, std::nullptr_t> alias{};
    if (auto e = over_size(text, opt)) return *e;
    boost::json::parse_options po;
    po.max_depth = opt.max_depth;
    boost::json::basic_parser<handler_impl> p(po);
    handler_impl& h = p.handler();
    h.c = &ctx;
    h.input = text;
    h.out = &out;
    if constexpr (style == root_style::tagged) h.alias = &alias;
    // A list document's members, and a type that is no document (a fragment), are the root object.
    if constexpr (style == root_style::members || style == root_style::none)
        h.root_target = {&out, &members_root<T>, nullptr};
    else h.root_target = {nullptr, &not_an_object_root, nullptr}, h.root_key = &root_key_fn<T>;

    boost::system::error_code ec;
    std::size_t used = p.write_some(false, text.data(), text.size(), ec);
    if (!ec && used < text.size()) {
        ctx.fail(errc::malformed_json, "malformed JSON: data after the document");
        ctx.err.path.clear();
        ctx.err.offset = used;
        return ctx.err;
    }
    if (ec) {
        if (!ctx.failed) {
            ctx.failed = true;
            ctx.err.code = make_error_code(ec == boost::json::error::too_deep ? errc::too_deep : errc::malformed_json);
            ctx.err.kind = fault_kind::bad_request;
            ctx.err.message = ec == boost::json::error::too_deep
                                  ? "nesting deeper than " + std::to_string(opt.max_depth)
                                  : "malformed JSON: " + ec.message();
            ctx.err.offset = syntax_error_offset(text, opt.max_depth);
        }
        return ctx.err;
    }
    if constexpr (style == root_style::none) {
    } else if constexpr (style == root_style::members) {
        if (!(ctx.root_seen >> root_member_index<T>() & 1)) {
            ctx.fail(errc::wrong_root, "expected an object with the member \"" + std::string(root_name<T>()) + "\"");
            return ctx.err;
        }
    } else {
        if (ctx.root_key.empty()) {
            ctx.fail(errc::wrong_root,
                     "expected an object with the root member \"" + std::string(root_name<T>()) + "\"");
            return ctx.err;
        }
        if constexpr (style == root_style::tagged) {
            using S = schema<T>;
            // The alias root carries no tag: derive it, or merge it into the tagged value.
            if (!ctx.saw_tag) {
                out = std::move(alias);
                out.*S::tag = S::tag_from_value(out);
            } else if (ctx.saw_alias) {
                merge_missing(out, alias);
            }
        }
    }
    if (opt.validate)
        if (auto e = validate(out, root_path<T>()); e) return std::move(*e);
    return out;
}

}  // namespace detail::json_read

// Reads a whole document ({"access": {...}} for access), or the object of a described type that
// is no document (a fragment: {"name": ..., ...}). Never throws for bad input.
template <described T>
result<T> try_from_json(std::string_view text, const read_options& opt = {}) {
    return detail::json_read::read<T>(text, opt);
}

// Throws v2::exception for bad input.
template <described T>
T from_json(std::string_view text, const read_options& opt = {}) {
    return try_from_json<T>(text, opt).value();
}

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/json/read.hpp
// ---- begin openstack/identity/v2/model.hpp
#ifndef OPENSTACK_IDENTITY_V2_MODEL_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_HPP

// ---- begin openstack/identity/v2/model/admin.hpp
#ifndef OPENSTACK_IDENTITY_V2_MODEL_ADMIN_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_ADMIN_HPP

// The documents of Keystone's v2.0 admin API that the core and OS-KSADM documents do not cover:
// the endpoint registry (/endpoints), OS-EC2 credentials, OS-KSCRUD's own-password change and
// the ec2tokens request. Several share a root with an older document ("endpoint", "user",
// "credentials"): detect_document tells them apart by their members (detect.hpp).

// ---- begin openstack/identity/v2/model/credentials.hpp
#ifndef OPENSTACK_IDENTITY_V2_MODEL_CREDENTIALS_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_CREDENTIALS_HPP


#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

struct password_credentials {
    std::optional<std::string> username;
    std::optional<std::string> user_id;
    std::string password;
    unknown_members extra;
    bool operator==(const password_credentials&) const = default;
};
BOOST_DESCRIBE_STRUCT(password_credentials, (), (username, user_id, password))

template <>
struct schema<password_credentials> {
    static constexpr std::string_view doc = "A user name (or id) and password: in auth, and as an OS-KSADM credential.";
    static constexpr std::string_view root = "passwordCredentials";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&password_credentials::username>({.max_length = 64}),
        // PasswordCredentialsRequiredUsername takes no other attribute, not even a foreign one.
        field<&password_credentials::user_id>({.json = "userId",
                                               .max_length = 64,
                                               .xml_schema = xml_meta{.form = xml_form::omit}}),
        field<&password_credentials::password>({.required = true, .max_length = 4096}),
    };
    static constexpr presence_rule rules[] = {
        at_least_one<&password_credentials::username, &password_credentials::user_id>(),
    };
};

// The token of a token-authentication request: {"id": "..."}.
struct token_credentials {
    std::string id;
    unknown_members extra;
    bool operator==(const token_credentials&) const = default;
};
BOOST_DESCRIBE_STRUCT(token_credentials, (), (id))

template <>
struct schema<token_credentials> {
    static constexpr std::string_view doc = "The token of a token authentication (rescoping): {\"id\": \"...\"}.";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&token_credentials::id>({.required = true, .max_length = 8192}),
    };
};

// OS-KSEC2. The JSON sample carries "secret", the XML sample "key": both are kept.
struct ec2_credentials {
    std::optional<std::string> username;
    std::optional<std::string> key;
    std::optional<std::string> secret;
    std::optional<std::string> signature;
    unknown_members extra;
    bool operator==(const ec2_credentials&) const = default;
};
BOOST_DESCRIBE_STRUCT(ec2_credentials, (), (username, key, secret, signature))

template <>
struct schema<ec2_credentials> {
    static constexpr std::string_view doc = "OS-KSEC2 credentials: in auth, and as an OS-KSADM credential.";
    static constexpr std::string_view root = "OS-KSEC2-ec2Credentials";
    static constexpr std::string_view xml_root = "ec2Credentials";
    static constexpr std::string_view xml_ns = ns::os_ksec2;
    static constexpr field_def members[] = {
        field<&ec2_credentials::username>({.max_length = 64}),
        field<&ec2_credentials::secret>({.xml_schema = xml_meta{.foreign = true}}),
    };
};

// OS-KSS3. As for EC2, the JSON sample carries "secret", the XML sample and the XSD "key": both are kept.
struct s3_credentials {
    std::optional<std::string> username;
    std::optional<std::string> key;
    std::optional<std::string> secret;
    std::optional<std::string> signature;
    unknown_members extra;
    bool operator==(const s3_credentials&) const = default;
};
BOOST_DESCRIBE_STRUCT(s3_credentials, (), (username, key, secret, signature))

template <>
struct schema<s3_credentials> {
    static constexpr std::string_view doc = "OS-KSS3 credentials (an OS-KSADM credential).";
    static constexpr std::string_view root = "OS-KSS3:s3Credentials";
    static constexpr std::string_view xml_ns = ns::os_kss3;
    static constexpr field_def members[] = {
        field<&s3_credentials::username>({.max_length = 64}),
        field<&s3_credentials::secret>({.xml_schema = xml_meta{.foreign = true}}),
    };
};

// One entry of an OS-KSADM credentials list: exactly one kind of credential.
struct credential_entry {
    std::optional<v2::password_credentials> password_credentials;
    std::optional<v2::ec2_credentials> ec2_credentials;
    std::optional<v2::s3_credentials> s3_credentials;
    unknown_members extra;
    bool operator==(const credential_entry&) const = default;
};
BOOST_DESCRIBE_STRUCT(credential_entry, (), (password_credentials, ec2_credentials, s3_credentials))

template <>
struct schema<credential_entry> {
    static constexpr std::string_view doc =
        "One entry of an OS-KSADM credentials list: exactly one kind of credential.";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&credential_entry::password_credentials>({.json = "passwordCredentials"}),
        field<&credential_entry::ec2_credentials>({.json = "OS-KSEC2-ec2Credentials",
                                                   .aliases = {"OS-KSEC2:ec2Credentials"},
                                                   .xml = {.name = "ec2Credentials", .ns = ns::os_ksec2}}),
        field<&credential_entry::s3_credentials>({.json = "OS-KSS3:s3Credentials",
                                                  .xml = {.name = "s3Credentials", .ns = ns::os_kss3}}),
    };
    static constexpr presence_rule rules[] = {
        exactly_one<&credential_entry::password_credentials, &credential_entry::ec2_credentials,
                    &credential_entry::s3_credentials>(),
    };
};

struct credentials {
    std::vector<credential_entry> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const credentials&) const = default;
};
BOOST_DESCRIBE_STRUCT(credentials, (), (items, links))

template <>
struct schema<credentials> {
    static constexpr std::string_view doc = "OS-KSADM: GET /v2.0/users/{userId}/OS-KSADM/credentials.";
    static constexpr std::string_view root = "credentials";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&credentials::items>({.json = "credentials", .xml = {.form = xml_form::unwrapped}}),
        // CredentialListType has no wildcard: the links have nowhere to go in the schema dialect.
        field<&credentials::links>({.json = "credentials_links",
                                    .xml = {.form = xml_form::unwrapped, .name = "link"},
                                    .xml_schema = xml_meta{.form = xml_form::omit}}),
    };
};

// Keystone's OS-EC2 credential: POST /v2.0/users/{id}/credentials/OS-EC2.
struct credential {
    std::optional<std::string> access;
    std::optional<std::string> secret;
    std::optional<std::string> tenant_id;
    std::optional<std::string> user_id;
    nullable<std::string> trust_id;
    unknown_members extra;
    bool operator==(const credential&) const = default;
};
BOOST_DESCRIBE_STRUCT(credential, (), (access, secret, tenant_id, user_id, trust_id))

template <>
struct schema<credential> {
    static constexpr std::string_view doc = "Keystone's OS-EC2 credential: POST /v2.0/users/{id}/credentials/OS-EC2.";
    static constexpr std::string_view root = "credential";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        // Its id: a list entry without one is no OS-EC2 credential (RAX-KSKEY's apiKeyCredentials).
        field<&credential::access>({.required = true, .doc = "the access key, the credential's id"}),
    };
};

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/model/credentials.hpp

#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// An endpoint as Keystone's endpoint registry has it: GET|POST /v2.0/endpoints. Not the
// catalog's endpoint: it names its service and spells the URLs in lower case.
struct endpoint_record {
    std::optional<std::string> id;
    nullable<std::string> region;
    std::string service_id;
    std::optional<std::string> public_url;
    std::optional<std::string> admin_url;
    std::optional<std::string> internal_url;
    unknown_members extra;
    bool operator==(const endpoint_record&) const = default;
};
BOOST_DESCRIBE_STRUCT(endpoint_record, (), (id, region, service_id, public_url, admin_url, internal_url))

template <>
struct schema<endpoint_record> {
    static constexpr std::string_view doc =
        "Keystone's registered endpoint: POST /v2.0/endpoints (not the catalog's endpoint: service_id, publicurl).";
    static constexpr std::string_view root = "endpoint";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&endpoint_record::id>({.max_length = 64}),
        field<&endpoint_record::region>({.max_length = 255, .doc = "null when the endpoint has no region"}),
        field<&endpoint_record::service_id>({.required = true, .max_length = 64}),
        field<&endpoint_record::public_url>({.json = "publicurl"}),
        field<&endpoint_record::admin_url>({.json = "adminurl"}),
        field<&endpoint_record::internal_url>({.json = "internalurl"}),
    };
    static constexpr presence_rule rules[] = {
        at_least_one<&endpoint_record::public_url, &endpoint_record::admin_url, &endpoint_record::internal_url>(),
    };
};

struct endpoint_records {
    std::vector<endpoint_record> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const endpoint_records&) const = default;
};
BOOST_DESCRIBE_STRUCT(endpoint_records, (), (items, links))

template <>
struct schema<endpoint_records> {
    static constexpr std::string_view doc = "Keystone's endpoint registry: GET /v2.0/endpoints.";
    static constexpr std::string_view root = "endpoints";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&endpoint_records::items>({.json = "endpoints",
                                         .xml = {.form = xml_form::unwrapped, .name = "endpoint"}}),
        field<&endpoint_records::links>({.json = "endpoints_links",
                                         .xml = {.form = xml_form::unwrapped, .name = "link"}}),
    };
};

// A user's OS-EC2 credentials (credential, in credentials.hpp): GET /v2.0/users/{id}/credentials/OS-EC2.
// Not `credentials`, the OS-KSADM list of password, EC2 and S3 credentials.
struct credential_list {
    std::vector<credential> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const credential_list&) const = default;
};
BOOST_DESCRIBE_STRUCT(credential_list, (), (items, links))

template <>
struct schema<credential_list> {
    static constexpr std::string_view doc =
        "Keystone's OS-EC2 credentials of a user: GET /v2.0/users/{id}/credentials/OS-EC2.";
    static constexpr std::string_view root = "credentials";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&credential_list::items>({.json = "credentials",
                                        .xml = {.form = xml_form::unwrapped, .name = "credential"}}),
        field<&credential_list::links>({.json = "credentials_links",
                                        .xml = {.form = xml_form::unwrapped, .name = "link"}}),
    };
};

// The request that creates an OS-EC2 credential: {"tenant_id": "..."}. Keystone's body has no
// root key; in XML, which Keystone never spoke here, our own <credentialRequest tenant_id="..."/>
// in the OS-KSEC2 namespace (<credential> would be the credential's).
struct credential_request {
    std::string tenant_id;
    unknown_members extra;
    bool operator==(const credential_request&) const = default;
};
BOOST_DESCRIBE_STRUCT(credential_request, (), (tenant_id))

template <>
struct schema<credential_request> {
    static constexpr std::string_view doc =
        "Creates an OS-EC2 credential: POST /v2.0/users/{id}/credentials/OS-EC2 {\"tenant_id\": ...}.";
    static constexpr std::string_view root = "tenant_id";
    static constexpr std::string_view xml_root = "credentialRequest";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::os_ksec2;
    static constexpr field_def members[] = {
        field<&credential_request::tenant_id>({.required = true, .max_length = 64}),
    };
};

// OS-KSCRUD: a user changes their own password, PATCH /v2.0/OS-KSCRUD/users/{id}.
struct password_change {
    std::string password;
    std::string original_password;
    unknown_members extra;
    bool operator==(const password_change&) const = default;
};
BOOST_DESCRIBE_STRUCT(password_change, (), (password, original_password))

template <>
struct schema<password_change> {
    static constexpr std::string_view doc =
        "OS-KSCRUD: a user's own password change, PATCH /v2.0/OS-KSCRUD/users/{id} (answered with an access).";
    static constexpr std::string_view root = "user";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&password_change::password>({.required = true, .max_length = 4096, .doc = "the new password"}),
        field<&password_change::original_password>({.required = true, .max_length = 4096}),
    };
};

// Names and values of an EC2 request (its query parameters, or its headers for signature v4):
// any member is one of them, kept whatever the read's unknown policy.
struct ec2_values {
    unknown_members extra;
    bool operator==(const ec2_values&) const = default;
};
BOOST_DESCRIBE_STRUCT(ec2_values, (), ())

template <>
struct schema<ec2_values> {
    static constexpr std::string_view doc = "Names and values of an EC2 request: every member is kept.";
    static constexpr std::string_view xml_ns = ns::os_ksec2;
    static constexpr bool open = true;
};

// POST /v2.0/ec2tokens: an EC2 request signed with a credential's secret, as keystoneclient's
// Ec2Signer (keystoneclient/contrib/ec2/utils.py) and Keystone's ec2tokens read it.
struct ec2_request {
    std::string access;
    std::string signature;
    std::optional<std::string> host;
    std::optional<std::string> verb;
    std::optional<std::string> path;
    std::optional<ec2_values> params;
    std::optional<ec2_values> headers;
    std::optional<std::string> body_hash;
    unknown_members extra;
    bool operator==(const ec2_request&) const = default;
};
BOOST_DESCRIBE_STRUCT(ec2_request, (), (access, signature, host, verb, path, params, headers, body_hash))

template <>
struct schema<ec2_request> {
    static constexpr std::string_view doc =
        "POST /v2.0/ec2tokens: a signed EC2 request (signature v2 or v4), answered with an access.";
    static constexpr std::string_view root = "credentials";
    static constexpr std::string_view xml_ns = ns::os_ksec2;
    static constexpr field_def members[] = {
        field<&ec2_request::access>({.required = true, .max_length = 255, .doc = "the credential's access key"}),
        field<&ec2_request::signature>({.required = true, .max_length = 1024}),
        field<&ec2_request::host>({.max_length = 1024}),
        field<&ec2_request::verb>({.max_length = 16}),
        field<&ec2_request::path>({.max_length = 8192}),
        field<&ec2_request::params>({.doc = "the query parameters (v2: SignatureVersion, Timestamp, ...)"}),
        field<&ec2_request::headers>({.doc = "v4: the request's headers"}),
        field<&ec2_request::body_hash>({.max_length = 128, .doc = "v4: SHA-256 of the body, hex"}),
    };
};

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/model/admin.hpp
// ---- begin openstack/identity/v2/model/auth.hpp
#ifndef OPENSTACK_IDENTITY_V2_MODEL_AUTH_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_AUTH_HPP


#include <optional>
#include <string>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// The authentication request: POST /v2.0/tokens.
struct auth {
    std::optional<std::string> tenant_name;
    std::optional<std::string> tenant_id;
    std::optional<v2::password_credentials> password_credentials;
    std::optional<token_credentials> token;
    std::optional<v2::ec2_credentials> ec2_credentials;
    unknown_members extra;
    bool operator==(const auth&) const = default;
};
BOOST_DESCRIBE_STRUCT(auth, (), (tenant_name, tenant_id, password_credentials, token, ec2_credentials))

template <>
struct schema<auth> {
    static constexpr std::string_view doc = "The authentication request: POST /v2.0/tokens.";
    static constexpr std::string_view root = "auth";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&auth::token>({.doc = "authenticate with a token (rescoping)"}),
        field<&auth::tenant_name>({.json = "tenantName",
                                   .max_length = 64,
                                   .doc = "scope the token to this tenant, by name"}),
        field<&auth::tenant_id>({.json = "tenantId", .max_length = 64, .doc = "scope the token to this tenant, by id"}),
        field<&auth::password_credentials>({.json = "passwordCredentials", .doc = "authenticate with a password"}),
        field<&auth::ec2_credentials>({.json = "OS-KSEC2-ec2Credentials",
                                       .aliases = {"OS-KSEC2:ec2Credentials"},
                                       .xml = {.name = "ec2Credentials", .ns = ns::os_ksec2},
                                       .doc = "authenticate with EC2 credentials (OS-KSEC2)"}),
    };
    static constexpr presence_rule rules[] = {
        at_most_one<&auth::tenant_name, &auth::tenant_id>(),
        exactly_one<&auth::password_credentials, &auth::token, &auth::ec2_credentials>(),
    };
};

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/model/auth.hpp
// ---- begin openstack/identity/v2/model/extension.hpp
#ifndef OPENSTACK_IDENTITY_V2_MODEL_EXTENSION_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_EXTENSION_HPP


#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

struct extension {
    std::string name;
    std::string namespace_;
    std::string alias;
    std::optional<timestamp> updated;
    std::optional<std::string> description;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const extension&) const = default;
};
BOOST_DESCRIBE_STRUCT(extension, (), (name, namespace_, alias, updated, description, links))

template <>
struct schema<extension> {
    static constexpr std::string_view doc = "An API extension: GET /v2.0/extensions/{alias}.";
    static constexpr std::string_view root = "extension";
    static constexpr std::string_view xml_ns = ns::common;
    static constexpr field_def members[] = {
        field<&extension::name>({.required = true}),
        field<&extension::namespace_>({.json = "namespace", .required = true}),
        field<&extension::alias>({.required = true}),
        field<&extension::description>({.xml = {.form = xml_form::element},
                                        .xml_schema = xml_meta{.form = xml_form::element, .always = true}}),
        field<&extension::links>({.xml = {.form = xml_form::unwrapped, .name = "link", .ns = ns::atom}}),
    };
};

// GET /v2.0/extensions: {"extensions": {"values": [...]}} (Keystone) or {"extensions": [...]} (spec).
struct extensions {
    std::vector<extension> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const extensions&) const = default;
};
BOOST_DESCRIBE_STRUCT(extensions, (), (items, links))

template <>
struct schema<extensions> {
    static constexpr std::string_view doc = "GET /v2.0/extensions: the extensions the server offers.";
    static constexpr std::string_view root = "extensions";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::common;
    static constexpr field_def members[] = {
        field<&extensions::items>({.json = "extensions",
                                   .values_wrapper = true,
                                   .xml = {.form = xml_form::unwrapped, .name = "extension"}}),
        field<&extensions::links>({.json = "extensions_links",
                                   .xml = {.form = xml_form::unwrapped, .name = "link", .ns = ns::atom}}),
    };
};

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/model/extension.hpp
// ---- begin openstack/identity/v2/model/fault.hpp
#ifndef OPENSTACK_IDENTITY_V2_MODEL_FAULT_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_FAULT_HPP


#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// A fault document. The spec names the root after the kind ({"itemNotFound": {...}});
// Keystone always sent {"error": {"code", "title", "message"}}. Both read into this type.
struct fault {
    fault_kind kind = fault_kind::identity_fault;
    std::int64_t code = 500;
    std::string message;
    std::optional<std::string> details;
    std::optional<std::string> title;
    std::optional<timestamp> retry_at;
    unknown_members extra;
    bool operator==(const fault&) const = default;
};
BOOST_DESCRIBE_STRUCT(fault, (), (code, message, details, title, retry_at))

template <>
struct schema<fault> {
    static constexpr std::string_view doc = "A fault (error) document: the body of every 4xx and 5xx answer.";
    static constexpr std::string_view root = "identityFault";
    static constexpr root_style style = root_style::tagged;
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr auto tag = &fault::kind;
    static constexpr std::string_view alias_root = "error";
    static constexpr std::string_view tag_name(fault_kind k) { return fault_name(k); }
    static constexpr std::optional<fault_kind> tag_from_name(std::string_view n) { return fault_kind_from_name(n); }
    static constexpr fault_kind tag_from_value(const fault& f) {
        return fault_kind_for_status(static_cast<int>(f.code));
    }
    static constexpr field_def members[] = {
        field<&fault::code>({.required = true, .doc = "the HTTP status"}),
        // Keystone wrote every scalar of <error> as an attribute; the XSD wants elements.
        field<&fault::message>({.xml_schema = xml_meta{.form = xml_form::element, .always = true}}),
        field<&fault::details>({.xml_schema = xml_meta{.form = xml_form::element},
                                .doc = "more about the error (spec)"}),
        field<&fault::title>({.xml_schema = xml_meta{.foreign = true}, .doc = "the HTTP reason phrase (Keystone)"}),
        field<&fault::retry_at>({.json = "retryAt", .doc = "overLimit: when to try again"}),
    };
};

inline fault make_fault(fault_kind kind, std::string message, std::optional<std::string> details = std::nullopt) {
    fault f;
    f.kind = kind;
    f.code = http_status(kind);
    f.message = std::move(message);
    f.details = std::move(details);
    f.title = std::string(fault_info(kind).title);
    return f;
}

// The fault a server answers with for a document error.
inline fault make_fault(const error& e) { return make_fault(e.kind, e.what()); }

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/model/fault.hpp
// ---- begin openstack/identity/v2/model/feed.hpp
#ifndef OPENSTACK_IDENTITY_V2_MODEL_FEED_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_FEED_HPP


#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// Atom text construct: <title type="text">Version v2.0</title>.
struct atom_text {
    std::optional<std::string> type;
    std::string text;
    unknown_members extra;
    bool operator==(const atom_text&) const = default;
};
BOOST_DESCRIBE_STRUCT(atom_text, (), (type, text))

template <>
struct schema<atom_text> {
    static constexpr std::string_view doc = "An Atom text construct: <title type=\"text\">Version v2.0</title>.";
    static constexpr std::string_view xml_ns = ns::atom;
    static constexpr field_def members[] = {
        field<&atom_text::text>({.xml = {.form = xml_form::text}}),
    };
};

struct atom_person {
    std::optional<std::string> name;
    std::optional<std::string> uri;
    unknown_members extra;
    bool operator==(const atom_person&) const = default;
};
BOOST_DESCRIBE_STRUCT(atom_person, (), (name, uri))

template <>
struct schema<atom_person> {
    static constexpr std::string_view doc = "An Atom person (a feed author).";
    static constexpr std::string_view xml_ns = ns::atom;
    static constexpr field_def members[] = {
        field<&atom_person::name>({.xml = {.form = xml_form::element}}),
        field<&atom_person::uri>({.xml = {.form = xml_form::element}}),
    };
};

struct atom_entry {
    std::string id;
    std::optional<atom_text> title;
    std::optional<timestamp> updated;
    std::optional<std::vector<link>> links;
    std::optional<atom_text> content;
    unknown_members extra;
    bool operator==(const atom_entry&) const = default;
};
BOOST_DESCRIBE_STRUCT(atom_entry, (), (id, title, updated, links, content))

template <>
struct schema<atom_entry> {
    static constexpr std::string_view doc = "An Atom entry: one version.";
    static constexpr std::string_view xml_ns = ns::atom;
    static constexpr field_def members[] = {
        field<&atom_entry::id>({.required = true, .xml = {.form = xml_form::element}}),
        field<&atom_entry::updated>({.xml = {.form = xml_form::element}}),
        field<&atom_entry::links>({.xml = {.form = xml_form::unwrapped, .name = "link"}}),
    };
};

// The Atom feed form of version discovery (samples/version-atom.xml, versions-atom.xml).
struct feed {
    std::optional<atom_text> title;
    std::optional<timestamp> updated;
    std::string id;
    std::optional<atom_person> author;
    std::optional<std::vector<link>> links;
    std::vector<atom_entry> entries;
    unknown_members extra;
    bool operator==(const feed&) const = default;
};
BOOST_DESCRIBE_STRUCT(feed, (), (title, updated, id, author, links, entries))

template <>
struct schema<feed> {
    static constexpr std::string_view doc =
        "The Atom feed form of version discovery (samples/version-atom.xml, versions-atom.xml).";
    static constexpr std::string_view root = "feed";
    static constexpr std::string_view xml_ns = ns::atom;
    static constexpr field_def members[] = {
        field<&feed::updated>({.xml = {.form = xml_form::element}}),
        field<&feed::id>({.required = true, .xml = {.form = xml_form::element}}),
        field<&feed::links>({.xml = {.form = xml_form::unwrapped, .name = "link"}}),
        field<&feed::entries>({.xml = {.form = xml_form::unwrapped, .name = "entry"}}),
    };
};

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/model/feed.hpp
// ---- begin openstack/identity/v2/model/service.hpp
#ifndef OPENSTACK_IDENTITY_V2_MODEL_SERVICE_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_SERVICE_HPP


#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// OS-KSADM service registry entry.
struct service {
    std::optional<std::string> id;
    std::optional<std::string> name;
    std::string type;
    std::optional<std::string> description;
    unknown_members extra;
    bool operator==(const service&) const = default;
};
BOOST_DESCRIBE_STRUCT(service, (), (id, name, type, description))

template <>
struct schema<service> {
    static constexpr std::string_view doc = "OS-KSADM service: GET /v2.0/OS-KSADM/services/{id}.";
    static constexpr std::string_view root = "OS-KSADM:service";
    static constexpr std::string_view xml_ns = ns::os_ksadm;
    static constexpr field_def members[] = {
        field<&service::type>({.required = true}),
        field<&service::description>({.xml = {.form = xml_form::element}, .xml_schema = xml_meta{}}),
    };
};

struct services {
    std::vector<service> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const services&) const = default;
};
BOOST_DESCRIBE_STRUCT(services, (), (items, links))

template <>
struct schema<services> {
    static constexpr std::string_view doc = "OS-KSADM: GET /v2.0/OS-KSADM/services.";
    static constexpr std::string_view root = "OS-KSADM:services";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::os_ksadm;
    static constexpr field_def members[] = {
        field<&services::items>({.json = "OS-KSADM:services", .xml = {.form = xml_form::unwrapped, .name = "service"}}),
        field<&services::links>({.json = "OS-KSADM:services_links",
                                 .xml = {.form = xml_form::unwrapped, .name = "link"}}),
    };
};

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/model/service.hpp
// ---- begin openstack/identity/v2/model/version.hpp
#ifndef OPENSTACK_IDENTITY_V2_MODEL_VERSION_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_VERSION_HPP

// ---- begin openstack/identity/v2/model/version_status.hpp
#ifndef OPENSTACK_IDENTITY_V2_MODEL_VERSION_STATUS_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_VERSION_STATUS_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>


namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

class version_status {
public:
    enum kind { current, supported, deprecated, experimental, unknown };

    version_status() = default;
    explicit version_status(kind k);
    explicit version_status(std::string spelling) : kind_(classify(spelling)), spelling_(std::move(spelling)) {}

    kind value() const noexcept { return kind_; }
    const std::string& spelling() const noexcept { return spelling_; }

    friend bool operator==(const version_status&, const version_status&) = default;

    static constexpr kind classify(std::string_view s) noexcept {
        if (iequals(s, "current") || iequals(s, "stable")) return current;
        if (iequals(s, "supported")) return supported;
        if (iequals(s, "deprecated")) return deprecated;
        if (iequals(s, "experimental") || iequals(s, "beta") || iequals(s, "alpha")) return experimental;
        return unknown;
    }

private:
    static constexpr bool iequals(std::string_view a, std::string_view lower) noexcept {
        if (a.size() != lower.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            const char c = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
            if (c != lower[i]) return false;
        }
        return true;
    }

    kind kind_ = unknown;
    std::string spelling_;
};

constexpr std::string_view to_string(version_status::kind k) noexcept {
    switch (k) {
    case version_status::current: return "CURRENT";
    case version_status::supported: return "SUPPORTED";
    case version_status::deprecated: return "DEPRECATED";
    case version_status::experimental: return "EXPERIMENTAL";
    case version_status::unknown: break;
    }
    return "UNKNOWN";
}

// Classifying the canonical spelling maps out-of-range enumerator values to unknown.
inline version_status::version_status(kind k) : kind_(classify(to_string(k))), spelling_(to_string(k)) {}

template <>
struct value_traits<version_status> {
    static constexpr std::string_view name = "version status";
    static constexpr std::string_view description =
        "not empty; CURRENT, SUPPORTED, DEPRECATED, EXPERIMENTAL (any case, and stable, beta, alpha) are recognised, "
        "others are kept as unknown; written as read";
    static constexpr std::size_t min_length = 1;
    static constexpr std::string_view example = "CURRENT";

    static const char* parse(std::string_view text, version_status& out) {
        if (text.empty()) return "version status must not be empty";
        out = version_status{std::string(text)};
        return nullptr;
    }

    static void format(const version_status& v, std::string& out) { out += v.spelling(); }
};

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/model/version_status.hpp

#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

struct media_type {
    std::string base;
    std::string type;
    unknown_members extra;
    bool operator==(const media_type&) const = default;
};
BOOST_DESCRIBE_STRUCT(media_type, (), (base, type))

template <>
struct schema<media_type> {
    static constexpr std::string_view doc = "A media type a version serves.";
    static constexpr std::string_view xml_ns = ns::common;
};

// Version discovery: GET /v2.0 answers {"version": ...}.
struct version {
    std::string id;
    version_status status;
    std::optional<timestamp> updated;
    std::optional<std::vector<link>> links;
    std::optional<std::vector<media_type>> media_types;
    unknown_members extra;
    bool operator==(const version&) const = default;
};
BOOST_DESCRIBE_STRUCT(version, (), (id, status, updated, links, media_types))

template <>
struct schema<version> {
    static constexpr std::string_view doc = "Version discovery: GET /v2.0.";
    static constexpr std::string_view root = "version";
    static constexpr std::string_view xml_ns = ns::common;
    static constexpr field_def members[] = {
        field<&version::id>({.required = true}),
        field<&version::status>({.required = true,
                                 .doc = "CURRENT, SUPPORTED, DEPRECATED, EXPERIMENTAL (spec); stable, deprecated"}),
        field<&version::links>({.xml = {.form = xml_form::unwrapped, .name = "link", .ns = ns::atom}}),
        field<&version::media_types>(
            {.json = "media-types",
             .xml = {.form = xml_form::wrapped, .name = "media-type"},
             .xml_schema = xml_meta{.form = xml_form::wrapped, .name = "media-type", .order = -1, .omit_empty = true},
             .doc = "the media types the version serves"}),
    };
};

// GET / answers 300 with {"versions": {"values": [...]}} (Keystone) or {"versions": [...]} (spec).
struct versions {
    std::vector<version> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const versions&) const = default;
};
BOOST_DESCRIBE_STRUCT(versions, (), (items, links))

template <>
struct schema<versions> {
    static constexpr std::string_view doc = "GET /: 300 Multiple Choices with the versions the server offers.";
    static constexpr std::string_view root = "versions";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::common;
    static constexpr field_def members[] = {
        field<&versions::items>({.json = "versions",
                                 .values_wrapper = true,
                                 .xml = {.form = xml_form::unwrapped, .name = "version"}}),
        field<&versions::links>({.json = "versions_links",
                                 .xml = {.form = xml_form::unwrapped, .name = "link", .ns = ns::atom}}),
    };
};

// 300 Multiple Choices when a request names no version.
struct choices {
    std::vector<version> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const choices&) const = default;
};
BOOST_DESCRIBE_STRUCT(choices, (), (items, links))

template <>
struct schema<choices> {
    static constexpr std::string_view doc = "300 Multiple Choices when a request names no version.";
    static constexpr std::string_view root = "choices";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::common;
    static constexpr field_def members[] = {
        field<&choices::items>({.json = "choices", .xml = {.form = xml_form::unwrapped, .name = "version"}}),
        field<&choices::links>({.json = "choices_links",
                                .empty_string_is_list = true,
                                .xml = {.form = xml_form::unwrapped, .name = "link", .ns = ns::atom}}),
    };
};

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/model/version.hpp

#include <boost/mp11/list.hpp>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// Every document type, once: X(type) for each. A type that shares its root with another comes
// after it: detect_document gives the earlier one a document both read alike. The type list below and the instances
// compiled once under OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION (detail/instances.hpp) both come from it.
#define OPENSTACK_IDENTITY_V2_DOCUMENT_TYPES(X) \
    X(access)                                   \
    X(auth)                                     \
    X(tenant)                                   \
    X(tenants)                                  \
    X(user)                                     \
    X(users)                                    \
    X(role)                                     \
    X(roles)                                    \
    X(endpoint)                                 \
    X(endpoints)                                \
    X(endpoint_template)                        \
    X(endpoint_templates)                       \
    X(extension)                                \
    X(extensions)                               \
    X(version)                                  \
    X(versions)                                 \
    X(choices)                                  \
    X(fault)                                    \
    X(service)                                  \
    X(services)                                 \
    X(password_credentials)                     \
    X(ec2_credentials)                          \
    X(s3_credentials)                           \
    X(credentials)                              \
    X(credential)                               \
    X(feed)                                     \
    X(endpoint_record)                          \
    X(endpoint_records)                         \
    X(credential_list)                          \
    X(credential_request)                       \
    X(password_change)                          \
    X(ec2_request)

// Every document type, for code that visits them all (tests, docs, tools).
#define OPENSTACK_IDENTITY_V2_DETAIL_COMMA_TYPE(T) , T
using document_types = boost::mp11::mp_pop_front<
    boost::mp11::mp_list<void OPENSTACK_IDENTITY_V2_DOCUMENT_TYPES(OPENSTACK_IDENTITY_V2_DETAIL_COMMA_TYPE)>>;
#undef OPENSTACK_IDENTITY_V2_DETAIL_COMMA_TYPE

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/model.hpp
// ---- begin openstack/identity/v2/type_name.hpp
#ifndef OPENSTACK_IDENTITY_V2_TYPE_NAME_HPP
#define OPENSTACK_IDENTITY_V2_TYPE_NAME_HPP

#include <string_view>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// The unqualified C++ name of a (non-template) type, at compile time: "access",
// "catalog_entry". Tools use it to name document types (identity-doc --type, the
// reference pages, the $defs of json_schema).
template <class T>
constexpr std::string_view type_name() {
#if defined(__clang__) || defined(__GNUC__)
    std::string_view s = __PRETTY_FUNCTION__;  // "... [with T = ns::access; ...]" or "... [T = ns::access]"
    s.remove_prefix(s.find("T = ") + 4);
    s = s.substr(0, s.find_first_of(";]"));
#elif defined(_MSC_VER)
    std::string_view s = __FUNCSIG__;  // "... type_name<struct ns::access>(void)"
    s.remove_prefix(s.find("type_name<") + 10);
    s = s.substr(0, s.rfind(">("));
#else
#error "type_name needs __PRETTY_FUNCTION__ or __FUNCSIG__"
#endif
    if (auto colon = s.rfind("::"); colon != std::string_view::npos) s.remove_prefix(colon + 2);
    if (auto space = s.rfind(' '); space != std::string_view::npos) s.remove_prefix(space + 1);
    return s;
}

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/type_name.hpp
// ---- begin openstack/identity/v2/xml/read.hpp
#ifndef OPENSTACK_IDENTITY_V2_XML_READ_HPP
#define OPENSTACK_IDENTITY_V2_XML_READ_HPP

// Reading XML into the described structs, driven by the same annotations as JSON.
// pugixml parses (no DTD, no entity expansion: a DOCTYPE is rejected); the tree is
// walked once, generically, and the type's rules are checked with validate().
// The reader is lenient: both dialects, any child order, scalars as attribute or
// element, wrapped or unwrapped lists, any prefix for our namespaces.

// ---- begin openstack/identity/v2/detail/sink.hpp
#ifndef OPENSTACK_IDENTITY_V2_DETAIL_SINK_HPP
#define OPENSTACK_IDENTITY_V2_DETAIL_SINK_HPP

// The writers' output. Text goes first into a buffer of the thread's, kept from one document to
// the next, then into the caller's string in one append: a document costs the string one
// allocation of its exact size, and no zero-filling. Growing the caller's string instead (as this
// did) had every large document touch fresh pages: glibc hands blocks of 128 KiB and more back to
// the system when they are freed, so each call faulted its doubling buffer in again, and writing a
// 143 KB catalog took 9 times as long as a 107 KB one (bench/README.md). Positions (size(),
// resize(), insert()) count from the start of the string.


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
// ---- end openstack/identity/v2/detail/sink.hpp
// ---- begin openstack/identity/v2/xml/detail.hpp
#ifndef OPENSTACK_IDENTITY_V2_XML_DETAIL_HPP
#define OPENSTACK_IDENTITY_V2_XML_DETAIL_HPP

// What the XML reader and writer share: the effective annotation of a member in a
// dialect, default names, and the namespaces of the types.

// ---- begin openstack/identity/v2/xml/options.hpp
#ifndef OPENSTACK_IDENTITY_V2_XML_OPTIONS_HPP
#define OPENSTACK_IDENTITY_V2_XML_OPTIONS_HPP


namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// Which XML a writer produces. Reading accepts both.
enum class xml_dialect : unsigned char {
    keystone,  // what Keystone (Juno) emitted: scalars as attributes, <role> under <user>, ...
    schema,    // valid against the published XSDs (xsd10/); see docs/xml.md
};

struct xml_options {
    xml_dialect dialect = xml_dialect::keystone;
    bool validate = false;  // check the type's rules first and fail instead of writing
    // Fault roots: keystone writes <error code title message/>, spec writes <itemNotFound code>...,
    // both (default) writes the dialect's own form (keystone: <error>, or the spec root when the
    // code does not tell the kind, as for userDisabled; schema: the spec root).
    fault_style faults = fault_style::both;
    bool declaration = true;  // prepend <?xml version="1.0" encoding="UTF-8"?>
};

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/xml/options.hpp

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
// ---- end openstack/identity/v2/xml/detail.hpp

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
// ---- end openstack/identity/v2/xml/read.hpp

#include <boost/mp11/algorithm.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

enum class document_format : unsigned char { json, xml };

// XML when the first character after blanks (and a UTF-8 byte order mark) is '<', else JSON.
constexpr document_format format_of(std::string_view text) noexcept {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    auto i = text.find_first_not_of(" \t\r\n");
    return i != std::string_view::npos && text[i] == '<' ? document_format::xml : document_format::json;
}

inline constexpr std::size_t document_type_count = boost::mp11::mp_size<document_types>::value;

// Calls f(std::type_identity<T>{}) with the document type at `index` in document_types.
template <class F>
decltype(auto) visit_document_type(std::size_t index, F&& f) {
    return boost::mp11::mp_with_index<document_type_count>(index, [&](auto i) -> decltype(auto) {
        return f(std::type_identity<boost::mp11::mp_at_c<document_types, i>>{});
    });
}

// The type_name of document type number `index` ("access", "endpoint_templates").
// These are templates so that a program that does not call them does not instantiate them.
template <class Types = document_types>
std::string_view document_type_name(std::size_t index) {
    return boost::mp11::mp_with_index<boost::mp11::mp_size<Types>::value>(index, [](auto i) {
        return type_name<boost::mp11::mp_at_c<Types, i>>();
    });
}

// The index of the document type called `name`, if there is one.
template <class Types = document_types>
std::optional<std::size_t> document_type_index(std::string_view name) {
    for (std::size_t i = 0; i < boost::mp11::mp_size<Types>::value; ++i)
        if (document_type_name<Types>(i) == name) return i;
    return std::nullopt;
}

// The index of the document type whose root the text has. The text is read as every type, with
// validation off and unknown members ignored, so the answer is the reader's own: a type fits
// when reading fails for any reason but the root. When several fit, those that also read with
// unknown members rejected are preferred (the registry's {"endpoint": {"publicurl"}} is not the
// catalog's endpoint); types that share one root and still tie (an empty list) give the
// document to the first of them in Types. Errors: the reader's, when the text fails before any
// root is looked at (malformed, too large, too deep, DOCTYPE); wrong_root when no type or
// several fit. Costs a read or two per type: meant for tools, not for request handling.
// A template so that only a program that calls it instantiates the readers of every type.
template <class Types = document_types>
result<std::size_t> detect_document(std::string_view text, read_options opt = {}) {
    constexpr std::size_t count = boost::mp11::mp_size<Types>::value;
    opt.validate = false;
    const bool xml = format_of(text) == document_format::xml;
    auto read_as = [&](std::size_t i, const read_options& o) {
        return boost::mp11::mp_with_index<count>(i, [&](auto n) -> std::optional<error> {
            using T = boost::mp11::mp_at_c<Types, n>;
            auto r = xml ? try_from_xml<T>(text, o) : try_from_json<T>(text, o);
            if (r) return std::nullopt;
            return r.error();
        });
    };
    auto root_of = [](std::size_t i) {
        return boost::mp11::mp_with_index<count>(i, [](auto n) { return root_name<boost::mp11::mp_at_c<Types, n>>(); });
    };
    read_options loose = opt, strict = opt;
    loose.unknown = unknown_policy::ignore;
    strict.unknown = unknown_policy::reject;
    std::optional<error> errors[count];
    bool fit[count] = {}, clean[count] = {};
    std::size_t fits = 0, cleans = 0;
    for (std::size_t i = 0; i < count; ++i) {
        errors[i] = read_as(i, loose);
        fit[i] = !errors[i] || errors[i]->code != make_error_code(errc::wrong_root);
        fits += fit[i];
    }
    if (fits == count && count > 1 && errors[0]) return *errors[0];  // failed before the root
    if (fits > 1)
        for (std::size_t i = 0; i < count; ++i)
            if (fit[i]) cleans += clean[i] = !read_as(i, strict);
    // The candidates: the clean fits if there are any, else every fit.
    auto candidate = [&](std::size_t i) { return cleans > 0 ? clean[i] : fit[i]; };
    std::optional<std::size_t> first;
    bool one_root = true;
    for (std::size_t i = 0; i < count; ++i)
        if (candidate(i)) {
            if (!first) first = i;
            else one_root = one_root && root_of(i) == root_of(*first);
        }
    if (first && one_root) return *first;
    error e;
    e.code = make_error_code(errc::wrong_root);
    e.kind = fault_kind::bad_request;
    if (fits == 0) {
        e.message = xml ? "the root element is not that of a v2.0 document"
                        : "no top-level member names a v2.0 document";
        return e;
    }
    e.message = "the document has the roots of more than one type:";
    const char* sep = " ";
    for (std::size_t i = 0; i < count; ++i)
        if (candidate(i)) {
            e.message.append(sep).append(document_type_name<Types>(i));
            sep = ", ";
        }
    return e;
}

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/detect.hpp
// ---- begin openstack/identity/v2/http.hpp
#ifndef OPENSTACK_IDENTITY_V2_HTTP_HPP
#define OPENSTACK_IDENTITY_V2_HTTP_HPP

// HTTP helpers shared by servers and clients, with no transport: media types, Accept and
// Content-Type negotiation, and fault bodies.

// ---- begin openstack/identity/v2/json.hpp
#ifndef OPENSTACK_IDENTITY_V2_JSON_HPP
#define OPENSTACK_IDENTITY_V2_JSON_HPP

// ---- begin openstack/identity/v2/json/json_schema.hpp
#ifndef OPENSTACK_IDENTITY_V2_JSON_JSON_SCHEMA_HPP
#define OPENSTACK_IDENTITY_V2_JSON_JSON_SCHEMA_HPP

// A JSON Schema (draft 2020-12) for each document type, made from the same annotations
// and rules as the reader and the validator: what the reader accepts, the schema accepts,
// and what the validator rejects, the schema rejects, except where JSON Schema cannot
// say it (docs/reference lists those places).

// ---- begin openstack/identity/v2/json/write.hpp
#ifndef OPENSTACK_IDENTITY_V2_JSON_WRITE_HPP
#define OPENSTACK_IDENTITY_V2_JSON_WRITE_HPP

// Writing JSON straight into a string from the described structs: no DOM.


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
// ---- end openstack/identity/v2/json/write.hpp

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// The top-level keys that make a JSON document one of type T: the root key; for list documents
// the primary member and its aliases; for tagged roots every tag name and the alias root.
template <document T>
std::vector<std::string_view> json_root_keys() {
    std::vector<std::string_view> keys;
    constexpr auto style = root_style_of<T>();
    if constexpr (style == root_style::wrapped) {
        keys.push_back(root_name<T>());
    } else if constexpr (style == root_style::members) {
        for_each_member<T>([&](auto, const member_meta& m) {
            if (m.json != root_name<T>()) return;
            keys.push_back(m.json);
            for (auto a : m.aliases)
                if (!a.empty()) keys.push_back(a);
        });
    } else {
        using S = schema<T>;
        using E = std::remove_cvref_t<decltype(std::declval<T&>().*S::tag)>;
        // Every value of the tag's enumeration that has a name of its own.
        for (unsigned i = 0; i < 256; ++i) {
            auto e = static_cast<E>(i);
            auto back = S::tag_from_name(S::tag_name(e));
            if (back && *back == e) keys.push_back(S::tag_name(e));
        }
        keys.push_back(S::alias_root);
    }
    return keys;
}

namespace detail::json_schema {

using json_write::string;

inline void key(std::string& out, std::string_view k) {
    string(out, k);
    out.push_back(':');
}

// Whether a value given under its key can still not count as given (is_present): null, "" or [].
template <class V>
constexpr bool can_be_empty() {
    if constexpr (category_of<V> == category::optional) return true;
    else if constexpr (category_of<V> == category::nullable) return can_be_empty<typename unwrap<V>::type>();
    else return category_of<V> == category::string || category_of<V> == category::list;
}

// The JSON Schema type of a leaf's wire form.
template <class V>
constexpr std::string_view wire_type() {
    constexpr category w = wire_of<V>;
    return w == category::boolean   ? "boolean"
           : w == category::integer ? "integer"
           : w == category::number  ? "number"
                                    : "string";
}

// A short name for a value type, for $defs keys of lists.
template <class V>
std::string label() {
    constexpr category c = category_of<V>;
    if constexpr (c == category::custom) {
        std::string s(value_traits<V>::name);
        for (char& ch : s)
            if (ch == ' ') ch = '-';
        return s;
    } else if constexpr (c == category::list) {
        return label<typename V::value_type>() + "-list";
    } else if constexpr (c == category::object || c == category::enumeration) {
        return std::string(type_name<V>());
    } else {
        return std::string(wire_type<V>());
    }
}

// "$ref":"#/$defs/<name>" (members, no braces) and {"$ref":...}.
// Built by appending: GCC 12 at -O3 warns falsely (-Wrestrict) about "literal" + std::string&&.
inline std::string def_ref_member(std::string_view def) {
    std::string s = "\"$ref\":\"#/$defs/";
    s.append(def).push_back('"');
    return s;
}
inline std::string def_ref(std::string_view def) {
    std::string s = "{";
    s.append(def_ref_member(def)).push_back('}');
    return s;
}

// A template only so that nothing of it is compiled unless json_schema<T>() is used.
template <class = void>
class builder {
public:
    std::vector<std::pair<std::string, std::string>> defs;  // name, schema

    // The members of a schema (no braces) for a value of type M (the member's declared type).
    // `present`: the value must count as given (not null, not "", not an empty list).
    template <class M>
    void member(std::string& out, const member_meta& m, bool present) {
        if constexpr (category_of<M> == category::optional) value<typename M::value_type>(out, m, present, !present);
        else if constexpr (category_of<M> == category::nullable) value<typename unwrap<M>::type>(out, m, present, true);
        else value<M>(out, m, present, false);
    }

    // The $defs name of T's object schema, defined on first use.
    template <class T>
    std::string object_def() {
        std::string name(type_name<T>());
        if (!find(name)) {
            defs.push_back({name, {}});  // reserved first: types may nest themselves
            std::string body = object<T>();
            find(name)->second = std::move(body);
        }
        return name;
    }

    template <class T>
    std::string object() {
        std::string out = "{\"type\":\"object\"";
        if constexpr (requires { schema<T>::doc; }) {
            out.append(",\"description\":");
            string(out, schema<T>::doc);
        }
        out.append(",\"properties\":{");
        std::string required, rules;
        bool first = true;
        for_each_member<T>([&](auto d, const member_meta& m) {
            using M = std::remove_cvref_t<decltype(std::declval<T&>().*decltype(d)::pointer)>;
            bool aliased = false;
            for (auto a : m.aliases) aliased = aliased || !a.empty();
            for_each_key(m, [&](std::string_view k) {
                if (!first) out.push_back(',');
                first = false;
                key(out, k);
                out.push_back('{');
                if (!m.doc.empty()) {
                    out.append("\"description\":");
                    string(out, m.doc);
                    out.push_back(',');
                }
                member<M>(out, m, m.required && !aliased);
                out.push_back('}');
            });
            if (m.required && !aliased) {
                if (!required.empty()) required.push_back(',');
                string(required, m.json);
            } else if (m.required) {
                add_rule(rules, "required: " + keys_text(m), "\"allOf\":[" + present<M>(m) + "]");
            }
            if (aliased) add_rule(rules, "at most one of " + keys_text(m), "\"not\":" + any_two_keys(m));
        });
        out.push_back('}');
        if (!required.empty()) out.append(",\"required\":[").append(required).push_back(']');
        if constexpr (requires { schema<T>::rules; })
            for (const presence_rule& r : schema<T>::rules) presence_rule_of<T>(rules, r);
        if (!rules.empty()) out.append(",\"allOf\":[").append(rules).push_back(']');
        out.append(",\"additionalProperties\":true}");
        return out;
    }

private:
    std::pair<std::string, std::string>* find(std::string_view name) {
        for (auto& d : defs)
            if (d.first == name) return &d;
        return nullptr;
    }

    template <class F>
    static void for_each_key(const member_meta& m, F&& f) {
        f(m.json);
        for (auto a : m.aliases)
            if (!a.empty()) f(a);
    }

    static std::string keys_text(const member_meta& m) {
        std::string s;
        for_each_key(m, [&](std::string_view k) { s.append(s.empty() ? "" : ", ").append(k); });
        return s;
    }

    // {"anyOf":[{"required":[a,b]},...]}: two of the member's keys at once (the reader's duplicate).
    static std::string any_two_keys(const member_meta& m) {
        std::vector<std::string_view> keys;
        for_each_key(m, [&](std::string_view k) { keys.push_back(k); });
        std::vector<std::string> pairs;
        for (std::size_t i = 0; i < keys.size(); ++i)
            for (std::size_t j = i + 1; j < keys.size(); ++j) {
                std::string s = "{\"required\":[";
                string(s, keys[i]);
                s.push_back(',');
                string(s, keys[j]);
                pairs.push_back(s + "]}");
            }
        return any_of(pairs);
    }

    // {"anyOf":[...]}, or the one schema itself.
    static std::string any_of(const std::vector<std::string>& v) {
        if (v.size() == 1) return v[0];
        std::string s = "{\"anyOf\":[";
        for (std::size_t i = 0; i < v.size(); ++i) s.append(i ? "," : "").append(v[i]);
        return s + "]}";
    }

    static void add_rule(std::string& rules, std::string_view description, std::string_view members) {
        if (!rules.empty()) rules.push_back(',');
        rules.append("{\"description\":");
        string(rules, description);
        rules.push_back(',');
        rules.append(members).push_back('}');
    }

    // A schema matching objects in which the member counts as given (is_present), under any of its keys.
    template <class M>
    std::string present(const member_meta& m) {
        std::vector<std::string> branches;
        for_each_key(m, [&](std::string_view k) {
            std::string b = "{\"required\":[";
            string(b, k);
            b.append("]");
            if constexpr (can_be_empty<M>()) {
                b.append(",\"properties\":{");
                key(b, k);
                b.push_back('{');
                member<M>(b, m, true);
                b.append("}}");
            }
            branches.push_back(b + "}");
        });
        return any_of(branches);
    }

    template <class T>
    void presence_rule_of(std::string& rules, const presence_rule& r) {
        std::vector<std::string> given;
        std::string names;
        for (std::size_t k = 0; k < r.size; ++k)
            for_each_member<T>([&](auto d, const member_meta& m) {
                if (member_id_of<decltype(d)::pointer> != r.members[k]) return;
                using M = std::remove_cvref_t<decltype(std::declval<T&>().*decltype(d)::pointer)>;
                given.push_back(present<M>(m));
                names.append(names.empty() ? "" : ", ").append(m.json);
            });
        auto list = [&](const std::vector<std::string>& v) {
            std::string s = "[";
            for (std::size_t i = 0; i < v.size(); ++i) s.append(i ? "," : "").append(v[i]);
            return s + "]";
        };
        switch (r.kind) {
        case presence::at_most_one: {
            std::vector<std::string> pairs;
            for (std::size_t i = 0; i < given.size(); ++i)
                for (std::size_t j = i + 1; j < given.size(); ++j)
                    pairs.push_back("{\"allOf\":[" + given[i] + "," + given[j] + "]}");
            if (!pairs.empty()) add_rule(rules, "at most one of " + names, "\"not\":" + any_of(pairs));
            break;
        }
        case presence::exactly_one: add_rule(rules, "exactly one of " + names, "\"oneOf\":" + list(given)); break;
        case presence::at_least_one: add_rule(rules, "at least one of " + names, "\"anyOf\":" + list(given)); break;
        }
    }

    static void type(std::string& out, std::string_view t, bool integer_too, bool null_ok) {
        out.append("\"type\":");
        if (!integer_too && !null_ok) {
            string(out, t);
            return;
        }
        out.push_back('[');
        string(out, t);
        if (integer_too) out.append(",\"integer\"");
        if (null_ok) out.append(",\"null\"");
        out.push_back(']');
    }

    template <class I>
    static void range(std::string& out) {
        // The reader takes integers as int64 at most: larger ones are out of range whatever I is.
        constexpr auto lo = std::numeric_limits<I>::min() < std::numeric_limits<std::int64_t>::min()
                                ? std::numeric_limits<std::int64_t>::min()
                                : static_cast<std::int64_t>(std::numeric_limits<I>::min());
        constexpr auto hi = static_cast<std::uint64_t>(std::numeric_limits<I>::max()) >
                                    static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                                ? std::numeric_limits<std::int64_t>::max()
                                : static_cast<std::int64_t>(std::numeric_limits<I>::max());
        out.append(",\"minimum\":").append(std::to_string(lo));
        out.append(",\"maximum\":").append(std::to_string(hi));
    }

    template <class V>
    void value(std::string& out, const member_meta& m, bool present, bool null_ok) {
        constexpr category c = category_of<V>;
        if constexpr (c == category::string) {
            type(out, "string", m.numbers_as_text, null_ok);
            out.append(",\"pattern\":\"^[^\\\\u0000]*$\"");  // the reader rejects NUL characters
            if (present) out.append(",\"minLength\":1");
            if (m.max_length) out.append(",\"maxLength\":").append(std::to_string(m.max_length));
            if (m.numbers_as_text)  // as Boost.JSON parses them: int64 or uint64
                out.append(",\"minimum\":")
                    .append(std::to_string(std::numeric_limits<std::int64_t>::min()))
                    .append(",\"maximum\":")
                    .append(std::to_string(std::numeric_limits<std::uint64_t>::max()));
        } else if constexpr (c == category::boolean || c == category::number) {
            type(out, wire_type<V>(), false, null_ok);
        } else if constexpr (c == category::integer) {
            type(out, "integer", false, null_ok);
            if (m.range)
                out.append(",\"minimum\":")
                    .append(std::to_string(m.range->min))
                    .append(",\"maximum\":")
                    .append(std::to_string(m.range->max));
            else range<V>(out);
        } else if constexpr (c == category::enumeration) {
            type(out, "string", false, null_ok);
            out.append(",\"enum\":[");
            bool first = true;
            boost::mp11::mp_for_each<boost::describe::describe_enumerators<V>>([&](auto d) {
                if (!first) out.push_back(',');
                first = false;
                string(out, d.name);
            });
            if (null_ok) out.append(",null");
            out.push_back(']');
        } else if constexpr (c == category::custom) {
            using X = value_traits<V>;
            type(out, wire_type<V>(), false, null_ok);
            if constexpr (requires { X::description; })
                if (m.doc.empty()) {  // the member's own doc is the description then
                    out.append(",\"description\":");
                    string(out, X::description);
                }
            if constexpr (requires { X::min_length; })
                out.append(",\"minLength\":").append(std::to_string(X::min_length));
            if constexpr (requires { X::pattern; }) {
                out.append(",\"pattern\":");
                string(out, X::pattern);
            }
            if constexpr (requires { X::example; }) {
                out.append(",\"examples\":[");
                string(out, X::example);
                out.push_back(']');
            }
        } else if constexpr (c == category::list) {
            std::string list = list_def<V>(m);
            nullable_wrap(out,
                          present ? "\"allOf\":[" + def_ref(list) + ",{\"not\":" + def_ref(empty_list_def<V>(m)) + "}]"
                                  : def_ref_member(list),
                          null_ok);
        } else {
            static_assert(c == category::object);
            nullable_wrap(out, def_ref_member(object_def<V>()), null_ok);
        }
    }

    static void nullable_wrap(std::string& out, const std::string& members, bool null_ok) {
        if (null_ok) out.append("\"anyOf\":[{\"type\":\"null\"},{").append(members).append("}]");
        else out.append(members);
    }

    // What the reader takes for a list: an array, {"values": <list>} (Keystone's wrapper, at any
    // depth), "" where empty_string_is_list (choices.json's), and {} where empty_object_is_list.
    template <class V>
    std::string list_def(const member_meta& m) {
        using E = typename V::value_type;
        std::string name = list_name<V>(m);
        std::string item = "{";
        value<E>(item, m, false, false);
        item.push_back('}');
        return define(name, "{\"anyOf\":[{\"type\":\"array\",\"items\":" + item +
                                "},{\"type\":\"object\",\"properties\":{\"values\":" + def_ref(name) + "}" +
                                (m.empty_object_is_list ? "" : ",\"required\":[\"values\"]") +
                                ",\"additionalProperties\":false}" +
                                (m.empty_string_is_list ? ",{\"const\":\"\"}" : "") + "]}");
    }

    // The forms of a list that hold no item (for required lists and presence rules).
    template <class V>
    std::string empty_list_def(const member_meta& m) {
        std::string name = list_name<V>(m) + "-empty";
        return define(name, std::string("{\"anyOf\":[{\"const\":[]},") +
                                (m.empty_string_is_list ? "{\"const\":\"\"}," : "") +
                                "{\"type\":\"object\",\"properties\":{\"values\":" + def_ref(name) + "}" +
                                (m.empty_object_is_list ? "" : ",\"required\":[\"values\"]") +
                                ",\"additionalProperties\":false}]}");
    }

    // Everything a list's schema depends on is in its name.
    template <class V>
    static std::string list_name(const member_meta& m) {
        std::string name = label<V>();
        if (m.max_length) name += "-max" + std::to_string(m.max_length);
        if (m.numbers_as_text) name += "-or-integers";
        if (m.empty_object_is_list) name += "-or-empty-object";
        if (m.empty_string_is_list) name += "-or-empty-string";
        return name;
    }

    std::string define(std::string name, std::string body) {
        if (!find(name)) defs.push_back({name, std::move(body)});
        return name;
    }
};

}  // namespace detail::json_schema

// The JSON Schema (draft 2020-12) of T's JSON documents, as compact JSON text.
template <document T>
std::string json_schema() {
    using namespace detail::json_schema;
    builder<> b;
    const std::string def = b.object_def<T>();
    std::string out = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"title\":";
    string(out, type_name<T>());
    if constexpr (requires { schema<T>::doc; }) {
        out.append(",\"description\":");
        string(out, schema<T>::doc);
    }
    const auto keys = json_root_keys<T>();
    constexpr auto style = root_style_of<T>();
    auto any_key_required = [&] {
        std::string s;
        if (keys.size() == 1) {
            s = "\"required\":[";
            string(s, keys[0]);
            return s + "]";
        }
        s = "\"anyOf\":[";
        for (std::size_t i = 0; i < keys.size(); ++i) {
            s.append(i ? ",{\"required\":[" : "{\"required\":[");
            string(s, keys[i]);
            s.append("]}");
        }
        return s + "]";
    };
    if constexpr (style == root_style::members) {
        // The document's object is T's object; its primary member must be there.
        out.append(",").append(def_ref_member(def)).append(",").append(any_key_required());
    } else {
        out.append(",\"type\":\"object\",\"properties\":{");
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (i) out.push_back(',');
            key(out, keys[i]);
            out.append(def_ref(def));
        }
        out.push_back('}');
        if constexpr (style == root_style::wrapped) {
            out.append(",").append(any_key_required());
        } else {
            // One named fault, with or without the alias root; or the alias root alone.
            const std::size_t tags = keys.size() - 1;
            std::string one_tag = "{\"oneOf\":[";
            std::string any_tag = "{\"anyOf\":[";
            for (std::size_t i = 0; i < tags; ++i) {
                std::string r = "{\"required\":[";
                string(r, keys[i]);
                r.append("]}");
                one_tag.append(i ? "," : "").append(r);
                any_tag.append(i ? "," : "").append(r);
            }
            one_tag.append("]}");
            any_tag.append("]}");
            out.append(",\"anyOf\":[").append(one_tag).append(",{\"required\":[");
            string(out, keys[tags]);
            out.append("],\"not\":").append(any_tag).append("}]");
        }
    }
    out.append(",\"$defs\":{");
    for (std::size_t i = 0; i < b.defs.size(); ++i) {
        if (i) out.push_back(',');
        key(out, b.defs[i].first);
        out.append(b.defs[i].second);
    }
    out.append("}}");
    return out;
}

}  // namespace openstack::identity::v2

#endif
// ---- end openstack/identity/v2/json/json_schema.hpp

#endif
// ---- end openstack/identity/v2/json.hpp
// ---- begin openstack/identity/v2/xml.hpp
#ifndef OPENSTACK_IDENTITY_V2_XML_HPP
#define OPENSTACK_IDENTITY_V2_XML_HPP

// ---- begin openstack/identity/v2/xml/write.hpp
#ifndef OPENSTACK_IDENTITY_V2_XML_WRITE_HPP
#define OPENSTACK_IDENTITY_V2_XML_WRITE_HPP

// Writing XML straight into a string from the described structs, driven by the same
// annotations as JSON; no DOM is built. Two dialects: keystone and schema (docs/xml.md).


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
// ---- end openstack/identity/v2/xml/write.hpp

#endif
// ---- end openstack/identity/v2/xml.hpp

#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::http {

// The two representations of every v2.0 document.
enum class media : unsigned char { json, xml };

constexpr std::string_view content_type(media m) noexcept {
    return m == media::xml ? "application/xml" : "application/json";
}

// HTTP reason phrase: the fault table's, and those of the statuses no fault kind has.
constexpr std::string_view status_title(int status) noexcept {
    for (const fault_row& r : fault_table)
        if (r.status == status) return r.title;
    return status == 410 ? "Gone" : status == 501 ? "Not Implemented" : "Error";
}

// The default limit on request bodies (Keystone's max_request_body_size).
inline constexpr std::size_t default_body_limit = 114688;

namespace detail {

constexpr char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

constexpr std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

constexpr bool iends_with(std::string_view s, std::string_view suffix) noexcept {
    return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

// "type/subtype" of a media type, parameters stripped and trimmed.
constexpr std::string_view essence(std::string_view s) noexcept {
    if (auto semi = s.find(';'); semi != std::string_view::npos) s = s.substr(0, semi);
    return trim(s);
}

// The media a "type/subtype" names: JSON, XML or neither. Vendor types count by their suffix
// (application/vnd.openstack.identity-v2.0+json).
constexpr std::optional<media> classify(std::string_view t) noexcept {
    if (iequals(t, "application/json") ||
        (t.size() > 12 && iequals(t.substr(0, 12), "application/") && iends_with(t, "+json")))
        return media::json;
    if (iequals(t, "application/xml") || iequals(t, "text/xml") ||
        (t.size() > 12 && iequals(t.substr(0, 12), "application/") && iends_with(t, "+xml")))
        return media::xml;
    return std::nullopt;
}

// The q parameter of one Accept entry (1 when absent, 0 when unparsable).
constexpr int quality(std::string_view entry) noexcept {
    std::size_t pos = entry.find(';');
    while (pos != std::string_view::npos) {
        std::string_view rest = entry.substr(pos + 1);
        std::size_t next = rest.find(';');
        std::string_view param = trim(rest.substr(0, next));
        if (param.size() >= 2 && lower(param[0]) == 'q' && param[1] == '=') {
            std::string_view v = param.substr(2);
            int whole = 0, frac = 0, fdigits = 0;
            std::size_t i = 0;
            if (i >= v.size() || v[i] < '0' || v[i] > '9') return 0;
            // Only whether the whole part is at least 1 matters: it stops growing there (no overflow).
            while (i < v.size() && v[i] >= '0' && v[i] <= '9') {
                if (whole < 10) whole = whole * 10 + (v[i] - '0');
                ++i;
            }
            if (i < v.size() && v[i] == '.') {
                ++i;
                while (i < v.size() && v[i] >= '0' && v[i] <= '9') {
                    if (fdigits < 3) {
                        frac = frac * 10 + (v[i] - '0');
                        ++fdigits;
                    }
                    ++i;
                }
            }
            if (i != v.size()) return 0;
            while (fdigits < 3) {
                frac *= 10;
                ++fdigits;
            }
            const int thousandths = whole >= 1 ? 1000 : frac;
            return thousandths;
        }
        pos = next == std::string_view::npos ? std::string_view::npos : pos + 1 + next;
    }
    return 1000;
}

}  // namespace detail

// The response media for an Accept header. No Accept, an empty one, */* or application/* give
// JSON; XML only when asked for by name with at least JSON's quality. Returns nullopt when the
// header accepts neither (a server may answer 406 or, like Keystone, JSON anyway).
constexpr std::optional<media> negotiate(std::string_view accept) noexcept {
    accept = detail::trim(accept);
    if (accept.empty()) return media::json;
    // For each media: the quality of its most specific matching range (2 exact, 1 wildcard).
    int q[2] = {-1, -1}, spec[2] = {0, 0};
    while (!accept.empty()) {
        std::size_t comma = accept.find(',');
        std::string_view entry = accept.substr(0, comma);
        accept = comma == std::string_view::npos ? std::string_view{} : accept.substr(comma + 1);
        std::string_view type = detail::essence(entry);
        if (type.empty()) continue;
        const int qv = detail::quality(entry);
        auto apply = [&](int i, int s) {
            if (s > spec[i] || (s == spec[i] && qv > q[i])) {
                spec[i] = s;
                q[i] = qv;
            }
        };
        if (auto m = detail::classify(type)) {
            apply(static_cast<int>(*m), 3);
        } else if (detail::iequals(type, "*/*")) {
            apply(0, 1);
            apply(1, 1);
        } else if (detail::iequals(type, "application/*")) {
            apply(0, 2);
            apply(1, 2);
        } else if (detail::iequals(type, "text/*")) {
            apply(1, 2);
        }
    }
    const bool json_ok = q[0] > 0, xml_ok = q[1] > 0;
    if (xml_ok && (!json_ok || q[1] > q[0] || (q[1] == q[0] && spec[1] > spec[0]))) return media::xml;
    if (json_ok) return media::json;
    return std::nullopt;
}

// The media of a request body from its Content-Type. An absent or empty header counts as JSON
// (as Keystone did); anything that is neither JSON nor XML is nullopt (415).
constexpr std::optional<media> body_media(std::string_view content_type) noexcept {
    std::string_view t = detail::essence(content_type);
    if (t.empty()) return media::json;
    return detail::classify(t);
}

// How fault documents are written, per media.
struct fault_options {
    fault_style json = fault_style::both;
    xml_options xml{};
};

// The body of a fault answer in the given media. (A template only so that a TU that
// never writes a fault does not instantiate both writers.)
template <std::same_as<fault> Fault>
std::string fault_body(const Fault& f, media m, const fault_options& opt = {}) {
    if (m == media::xml) return to_xml(f, opt.xml);
    write_options w;
    w.faults = opt.json;
    return to_json(f, w);
}

// The fault for a status with a message; the title is the reason phrase.
inline fault make_status_fault(int status, std::string message) {
    fault f = make_fault(fault_kind_for_status(status), std::move(message));
    f.code = status;
    f.title = std::string(status_title(status));
    return f;
}

}  // namespace openstack::identity::v2::http

#endif
// ---- end openstack/identity/v2/http.hpp

// ---- begin openstack/identity/v2/detail/instances.hpp
#ifndef OPENSTACK_IDENTITY_V2_DETAIL_INSTANCES_HPP
#define OPENSTACK_IDENTITY_V2_DETAIL_INSTANCES_HPP

// Separate compilation of the codec (OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION, defined in every
// translation unit of the program): the readers, writers and validation of every document type
// are compiled once, in the translation unit that includes <openstack/identity/v2/instantiate.hpp>,
// and declared `extern template` everywhere else. Most of the cost of a translation unit that
// reads or writes documents is these instantiations; a program of many such units (a test suite,
// a service) compiles them once instead of once per unit. Types of one's own that are not in
// OPENSTACK_IDENTITY_V2_DOCUMENT_TYPES are instantiated where they are used, as without the macro.


#if defined(OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION)

// `extern template` everywhere but in the one unit that defines OPENSTACK_IDENTITY_V2_SOURCE
// (instantiate.hpp), where these are the explicit instantiation definitions.
#if defined(OPENSTACK_IDENTITY_V2_SOURCE)
#define OPENSTACK_IDENTITY_V2_DETAIL_EXTERN
#else
#define OPENSTACK_IDENTITY_V2_DETAIL_EXTERN extern
#endif

// The entry points every other operation goes through (from_json, to_json, validate and the
// rest call these), so that nothing of the engine is instantiated outside the source unit.
#define OPENSTACK_IDENTITY_V2_DETAIL_INSTANCES(T)                                                                   \
    OPENSTACK_IDENTITY_V2_DETAIL_EXTERN template result<T> try_from_json<T>(std::string_view, const read_options&); \
    OPENSTACK_IDENTITY_V2_DETAIL_EXTERN template result<T> try_from_xml<T>(std::string_view, const read_options&);  \
    OPENSTACK_IDENTITY_V2_DETAIL_EXTERN template result<void> try_to_json<T>(const T&, std::string&,                \
                                                                             const write_options&);                 \
    OPENSTACK_IDENTITY_V2_DETAIL_EXTERN template result<void> try_to_xml<T>(const T&, std::string&,                 \
                                                                            const xml_options&);                    \
    OPENSTACK_IDENTITY_V2_DETAIL_EXTERN template std::vector<error> validate_all<T>(const T&, std::string_view,     \
                                                                                    std::size_t);

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {
OPENSTACK_IDENTITY_V2_DOCUMENT_TYPES(OPENSTACK_IDENTITY_V2_DETAIL_INSTANCES)
}  // namespace openstack::identity::v2

#undef OPENSTACK_IDENTITY_V2_DETAIL_INSTANCES
#undef OPENSTACK_IDENTITY_V2_DETAIL_EXTERN

#endif

#endif
// ---- end openstack/identity/v2/detail/instances.hpp

#endif
// ---- end openstack/identity/v2.hpp

#endif  // OPENSTACK_IDENTITY_V2_SINGLE_HPP
