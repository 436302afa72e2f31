// openstack-identity-v2 0.1.0: single header generated from include/openstack/identity/v2/asio.hpp
// by scripts/amalgamate.py. Do not edit: change include/ and run the script.
// SPDX-License-Identifier: Apache-2.0
#ifndef OPENSTACK_IDENTITY_V2_ASIO_SINGLE_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_SINGLE_HPP

// ---- begin openstack/identity/v2/asio.hpp
#ifndef OPENSTACK_IDENTITY_V2_ASIO_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_HPP

// The optional transport (target openstack::identity_v2_asio): the server protocol
// (<openstack/identity/v2/protocol.hpp>) and the socket layer on Boost.Asio/Beast, a server and a
// client with its token-keeping session, and the service side of a token (a validator with its
// caches, and a middleware that puts a handler behind it).

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
// ---- begin openstack/identity/v2/protocol.hpp
#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_HPP

// The server side of v2.0 without sockets (target openstack::identity_v2_asio, which it shares
// with the socket layer for Beast's HTTP messages and OpenSSL): the request handler (a Beast
// request in, a response out), the backend interface, the standard backend over a store (memory
// or SQL: SQLite, PostgreSQL) and a token provider (UUID or Fernet), the in-memory backend,
// password hashes and Fernet tokens. Embed it in any HTTP server; <openstack/identity/v2/asio.hpp>
// adds Asio's.

// ---- begin openstack/identity/v2/protocol/backend.hpp
#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_BACKEND_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_BACKEND_HPP

// What a server needs from an identity store. The adapter (handler.hpp) does the protocol:
// routing, negotiation, validation, faults, status codes and headers; a backend only answers
// questions about users, tenants, roles and tokens.
//
// Every method returns v2::result<T>. On failure the error's `kind` says which fault the client
// gets:
//   unauthorized          401 (bad credentials, unknown or expired token given as credentials)
//   user_disabled         403
//   forbidden             403
//   item_not_found        404 (unknown or expired token, unknown user/tenant)
//   service_unavailable   503 (the store cannot answer)
// Anything else, and any exception escaping a backend call, is answered 503 without the
// exception's text. Backends are called from several threads at once and must be thread-safe.


#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

// Who is calling, from the X-Auth-Token of a request.
struct principal {
    std::optional<std::string> user_id;    // absent for a service (admin) token
    std::optional<std::string> tenant_id;  // the token's scope
    bool admin = false;                    // may call the admin API
};

// A failure of the given kind, for backends.
inline error backend_error(fault_kind kind, std::string message) {
    error e;
    e.kind = kind;
    e.message = std::move(message);
    return e;
}

// What the admin operations of a backend or store that does not administer its identity answer:
// forbidden (403).
inline error read_only_error() { return backend_error(fault_kind::forbidden, "This identity store is read-only."); }

class backend {
public:
    virtual ~backend() = default;

    // POST /v2.0/tokens. The request has been read and validated (exactly one credential,
    // tenantId and tenantName not both). Answers the whole access document.
    virtual result<access> authenticate(const auth& request) = 0;

    // Resolves an X-Auth-Token. Unknown or expired: an error of kind unauthorized.
    virtual result<principal> authorize(std::string_view auth_token) = 0;

    // GET and HEAD /v2.0/tokens/{id}: the token's access document. Unknown or expired:
    // item_not_found. The hot path of every deployment, hence a shared document (a store can
    // build it once per token) rather than a copy per call.
    virtual result<access_ptr> validate_token(std::string_view token_id) = 0;

    // GET /v2.0/tokens/{id}/endpoints.
    virtual result<endpoints> token_endpoints(std::string_view token_id) = 0;

    // DELETE /v2.0/tokens/{id}.
    virtual result<void> revoke_token(std::string_view token_id) = 0;

    // GET /v2.0/tenants on the public listener: the tenants the token's user may scope to.
    virtual result<tenants> tenants_for_token(std::string_view auth_token) = 0;

    // Admin lookups.
    virtual result<tenants> list_tenants() = 0;
    virtual result<tenant> tenant_by_id(std::string_view id) = 0;
    virtual result<tenant> tenant_by_name(std::string_view name) = 0;
    virtual result<user> user_by_id(std::string_view id) = 0;
    virtual result<user> user_by_name(std::string_view name) = 0;
    // Roles of a user on a tenant, or the user's global roles when tenant_id is empty.
    virtual result<roles> user_roles(std::string_view user_id, std::optional<std::string_view> tenant_id) = 0;

    // Administration: OS-KSADM, OS-KSCRUD and OS-EC2. The documents have been read and validated.
    // An unknown id is item_not_found; a taken name (or id) tenant_conflict (409). A new row
    // gets a random id unless the document gives one. A backend that does not administer its
    // identity keeps these defaults: forbidden (403), "read-only".
    virtual result<tenant> create_tenant(const tenant& /*t*/) { return read_only_error(); }
    // The members the document sets replace the tenant's.
    virtual result<tenant> update_tenant(std::string_view /*id*/, const tenant& /*changes*/) {
        return read_only_error();
    }
    virtual result<void> delete_tenant(std::string_view /*id*/) { return read_only_error(); }
    virtual result<users> list_users() { return read_only_error(); }
    // The users with a role on the tenant.
    virtual result<users> tenant_users(std::string_view /*tenant_id*/) { return read_only_error(); }
    // A password absent: one nobody knows.
    virtual result<user> create_user(const user& /*u*/) { return read_only_error(); }
    // The members the document sets replace the user's (a password is hashed). Disabling the
    // user or changing the password revokes the user's tokens.
    virtual result<user> update_user(std::string_view /*id*/, const user& /*changes*/) { return read_only_error(); }
    virtual result<void> delete_user(std::string_view /*id*/) { return read_only_error(); }
    // PATCH /v2.0/OS-KSCRUD/users/{id}: the token's own user changes the password, proving the
    // original; the user's tokens are revoked, and the answer is a new token of the same scope.
    virtual result<access> change_own_password(std::string_view /*auth_token*/, std::string_view /*user_id*/,
                                               std::string_view /*original*/, std::string_view /*password*/) {
        return read_only_error();
    }
    virtual result<roles> list_roles() { return read_only_error(); }
    virtual result<role> role_by_id(std::string_view /*id*/) { return read_only_error(); }
    virtual result<role> create_role(const role& /*r*/) { return read_only_error(); }
    virtual result<void> delete_role(std::string_view /*id*/) { return read_only_error(); }
    // A role of the user on the tenant, or a global role when tenant_id is absent. Removing one
    // from a tenant revokes the user's tokens scoped to it.
    virtual result<role> grant_role(std::string_view /*user_id*/, std::optional<std::string_view> /*tenant_id*/,
                                    std::string_view /*role_id*/) {
        return read_only_error();
    }
    virtual result<void> revoke_role(std::string_view /*user_id*/, std::optional<std::string_view> /*tenant_id*/,
                                     std::string_view /*role_id*/) {
        return read_only_error();
    }
    virtual result<services> list_services() { return read_only_error(); }
    virtual result<service> service_by_id(std::string_view /*id*/) { return read_only_error(); }
    virtual result<service> create_service(const service& /*s*/) { return read_only_error(); }
    virtual result<void> delete_service(std::string_view /*id*/) { return read_only_error(); }  // with its endpoints
    // The catalog's endpoints with the id of their service. The next token's catalog has the change.
    virtual result<std::vector<std::pair<std::string, endpoint>>> list_endpoints() { return read_only_error(); }
    virtual result<endpoint> create_endpoint(std::string_view /*service_id*/, const endpoint& /*e*/) {
        return read_only_error();
    }
    virtual result<void> delete_endpoint(std::string_view /*id*/) { return read_only_error(); }
    // OS-EC2 credentials of a user: a new access key and secret for the tenant.
    virtual result<credential> create_ec2_credential(std::string_view /*user_id*/, std::string_view /*tenant_id*/) {
        return read_only_error();
    }
    virtual result<std::vector<credential>> list_ec2_credentials(std::string_view /*user_id*/) {
        return read_only_error();
    }
    virtual result<credential> ec2_credential(std::string_view /*user_id*/, std::string_view /*access*/) {
        return read_only_error();
    }
    virtual result<void> delete_ec2_credential(std::string_view /*user_id*/, std::string_view /*access*/) {
        return read_only_error();
    }
    // POST /v2.0/ec2tokens: a token for the credential's user and tenant, when the request's
    // signature (v2 or v4) is the credential's secret's.
    virtual result<access> ec2_authenticate(const ec2_request& /*request*/) { return read_only_error(); }
};

}  // namespace openstack::identity::v2::protocol

#endif
// ---- end openstack/identity/v2/protocol/backend.hpp
// ---- begin openstack/identity/v2/protocol/crypto.hpp
#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_CRYPTO_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_CRYPTO_HPP

// The few cryptographic primitives the example backend and the Fernet tokens need, from OpenSSL:
// random ids, base64url, PBKDF2-HMAC-SHA256 password hashes, SHA-256, HMAC-SHA256 and
// constant-time comparison.

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/opensslv.h>
#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol::crypto {

inline std::string to_hex(const unsigned char* p, std::size_t n) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s(2 * n, '0');
    for (std::size_t i = 0; i < n; ++i) {
        s[2 * i] = digits[p[i] >> 4];
        s[2 * i + 1] = digits[p[i] & 15];
    }
    return s;
}

inline std::optional<std::vector<unsigned char>> from_hex(std::string_view s) {
    if (s.size() % 2) return std::nullopt;
    std::vector<unsigned char> out(s.size() / 2);
    auto v = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int hi = v(s[2 * i]), lo = v(s[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out[i] = static_cast<unsigned char>(hi * 16 + lo);
    }
    return out;
}

// n bytes from OpenSSL's CSPRNG. Throws if the generator fails.
inline std::vector<unsigned char> random_bytes(std::size_t n) {
    std::vector<unsigned char> b(n);
    if (n && RAND_bytes(b.data(), static_cast<int>(n)) != 1) throw std::runtime_error("RAND_bytes failed");
    return b;
}

// A 128-bit random identifier as 32 lower-case hex digits (the shape of Keystone's UUID tokens).
inline std::string random_id() {
    auto b = random_bytes(16);
    return to_hex(b.data(), b.size());
}

// base64url (RFC 4648 section 5) through OpenSSL's base64, whose alphabet differs in two
// characters ('+' and '/' for '-' and '_'). Padded as Python's urlsafe_b64encode writes it, or
// unpadded as Keystone's ids and tokens are.
inline std::string base64url_encode(const unsigned char* p, std::size_t n, bool pad = true) {
    std::string s(4 * ((n + 2) / 3) + 1, '\0');  // EVP_EncodeBlock ends it with a NUL
    const int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(s.data()), p, static_cast<int>(n));
    s.resize(static_cast<std::size_t>(len));
    for (char& c : s) {
        if (c == '+') c = '-';
        else if (c == '/') c = '_';
    }
    if (!pad) s.erase(s.find_last_not_of('=') + 1);
    return s;
}

// The bytes of base64url text, padded or not. Only the url-safe alphabet is accepted (no '+',
// '/' nor whitespace), and padding only where it makes the length a multiple of four.
inline std::optional<std::vector<unsigned char>> base64url_decode(std::string_view s) {
    std::size_t n = s.size();
    if (n % 4 == 0)
        for (int i = 0; i < 2 && n > 0 && s[n - 1] == '='; ++i) --n;
    if (n % 4 == 1) return std::nullopt;
    std::string t(s.substr(0, n));
    for (char& c : t) {
        if (c == '-') c = '+';
        else if (c == '_') c = '/';
        else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return std::nullopt;
    }
    const std::size_t pads = (4 - n % 4) % 4;
    t.append(pads, '=');
    std::vector<unsigned char> out(t.size() / 4 * 3);
    const int len = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(t.data()),
                                    static_cast<int>(t.size()));
    if (len < 0) return std::nullopt;
    // EVP_DecodeBlock counts the padding as zero bytes.
    out.resize(static_cast<std::size_t>(len) - pads);
    return out;
}

// 16 random bytes as 22 characters of unpadded base64url (Keystone's audit ids).
inline std::string random_audit_id() {
    const auto b = random_bytes(16);
    return base64url_encode(b.data(), b.size(), false);
}

inline std::array<unsigned char, 32> sha256(std::string_view data) {
    std::array<unsigned char, 32> out{};
    unsigned int len = 0;
#if OPENSSL_VERSION_MAJOR >= 3
    // Fetched once: with EVP_sha256(), OpenSSL 3 looks the algorithm up again on every digest.
    static EVP_MD* const fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    const EVP_MD* md = fetched ? fetched : EVP_sha256();
#else
    const EVP_MD* md = EVP_sha256();
#endif
    if (EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    return out;
}

inline std::array<unsigned char, 32> hmac_sha256(const unsigned char* key, std::size_t key_size, const unsigned char* p,
                                                 std::size_t n) {
    std::array<unsigned char, 32> out{};
    unsigned int len = 0;
    if (!HMAC(EVP_sha256(), key, static_cast<int>(key_size), p, n, out.data(), &len))
        throw std::runtime_error("HMAC-SHA256 failed");
    return out;
}

// Equal-length buffers compared in constant time.
inline bool equal(const unsigned char* a, const unsigned char* b, std::size_t n) noexcept {
    return CRYPTO_memcmp(a, b, n) == 0;
}

// Strings of any length compared in time that depends only on their lengths' digests: both are
// hashed first, so neither the length nor the content of the secret leaks through timing.
inline bool secrets_equal(std::string_view a, std::string_view b) {
    const auto x = sha256(a), y = sha256(b);
    return equal(x.data(), y.data(), x.size());
}

inline std::vector<unsigned char> pbkdf2_sha256(std::string_view password, const std::vector<unsigned char>& salt,
                                                unsigned iterations, std::size_t length = 32) {
    std::vector<unsigned char> out(length);
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                          static_cast<int>(salt.size()), static_cast<int>(iterations), EVP_sha256(),
                          static_cast<int>(length), out.data()) != 1)
        throw std::runtime_error("PBKDF2 failed");
    return out;
}

// PBKDF2-HMAC-SHA256 iterations for new password hashes: OWASP's Password Storage Cheat Sheet
// (2023) asks 600,000 for this function. A check then costs about 0.2 s of one core (bench/), which is
// why checks run on threads of their own (server_options::auth_threads).
inline constexpr unsigned default_iterations = 600'000;

struct password_hash {
    unsigned iterations = 0;
    std::vector<unsigned char> salt;
    std::vector<unsigned char> hash;
    friend bool operator==(const password_hash&, const password_hash&) = default;
};

// The text form: "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>".
inline std::string format_password_hash(const password_hash& h) {
    return "pbkdf2-sha256$" + std::to_string(h.iterations) + "$" + to_hex(h.salt.data(), h.salt.size()) + "$" +
           to_hex(h.hash.data(), h.hash.size());
}

// The text form of a new hash of the password, with a fresh 16-byte salt.
inline std::string hash_password(std::string_view password, unsigned iterations = default_iterations) {
    if (iterations == 0) iterations = 1;
    password_hash h{.iterations = iterations, .salt = random_bytes(16), .hash = {}};
    h.hash = pbkdf2_sha256(password, h.salt, iterations);
    return format_password_hash(h);
}

inline std::optional<password_hash> parse_password_hash(std::string_view s) {
    constexpr std::string_view prefix = "pbkdf2-sha256$";
    if (s.substr(0, prefix.size()) != prefix) return std::nullopt;
    s.remove_prefix(prefix.size());
    const auto d1 = s.find('$');
    if (d1 == std::string_view::npos) return std::nullopt;
    password_hash h;
    const auto it = s.substr(0, d1);
    auto [p, ec] = std::from_chars(it.data(), it.data() + it.size(), h.iterations);
    if (ec != std::errc{} || p != it.data() + it.size() || h.iterations == 0 || h.iterations > 10'000'000)
        return std::nullopt;
    s.remove_prefix(d1 + 1);
    const auto d2 = s.find('$');
    if (d2 == std::string_view::npos) return std::nullopt;
    auto salt = from_hex(s.substr(0, d2));
    auto hash = from_hex(s.substr(d2 + 1));
    if (!salt || !hash || salt->empty() || hash->size() < 16) return std::nullopt;
    h.salt = std::move(*salt);
    h.hash = std::move(*hash);
    return h;
}

// Recomputes and compares in constant time.
inline bool verify_password(std::string_view password, const password_hash& h) {
    const auto got = pbkdf2_sha256(password, h.salt, h.iterations, h.hash.size());
    return equal(got.data(), h.hash.data(), got.size());
}

}  // namespace openstack::identity::v2::protocol::crypto

#endif
// ---- end openstack/identity/v2/protocol/crypto.hpp
// ---- begin openstack/identity/v2/protocol/ec2.hpp
#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_EC2_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_EC2_HPP

// The signature of an EC2 request (POST /v2.0/ec2tokens), as keystoneclient's Ec2Signer
// (keystoneclient/contrib/ec2/utils.py) computes it and Keystone's ec2tokens compared it:
// signature version 2 (HMAC-SHA256 over the verb, host, path and sorted query, base64) and AWS
// signature version 4 (the canonical request, the credential scope's derived key, hex).
// Versions 0 and 1 (HMAC-SHA1 over the parameters alone) are not computed: nothing signs with
// them any more, and they do not cover the host or path.


#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol::ec2 {

namespace detail {

using pairs = std::vector<std::pair<std::string, std::string>>;

// A member's value as Python's str() of it: strings as they are, anything else as JSON.
inline pairs values_of(const std::optional<ec2_values>& v) {
    pairs out;
    if (!v) return out;
    for (const auto& m : v->extra.members) {
        const auto& x = m.value();
        out.emplace_back(std::string(m.key()), x.is_string() ? std::string(x.get_string()) : boost::json::serialize(x));
    }
    return out;
}

inline const std::string* find(const pairs& p, std::string_view name) {
    for (const auto& [k, v] : p)
        if (k == name) return &v;
    return nullptr;
}

// Python's urllib.parse.quote(s, safe): unreserved characters and `safe` as they are, every other
// byte %XX in upper case.
inline std::string quote(std::string_view s, std::string_view safe) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '_' || c == '.' || c == '-' || c == '~' ||
            safe.find(ch) != std::string_view::npos) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(digits[c >> 4]);
            out.push_back(digits[c & 15]);
        }
    }
    return out;
}

// Ec2Signer._canonical_qs: sorted by name (bytes), name=value, values quoted keeping -_~.
inline std::string canonical_qs(pairs p) {
    std::sort(p.begin(), p.end());
    std::string out;
    for (const auto& [k, v] : p) {
        if (!out.empty()) out += '&';
        out += quote(k, "") + '=' + quote(v, "-_~");
    }
    return out;
}

inline std::string base64(const std::array<unsigned char, 32>& d) {
    std::string s(4 * ((d.size() + 2) / 3) + 1, '\0');
    const int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(s.data()), d.data(), static_cast<int>(d.size()));
    s.resize(static_cast<std::size_t>(len));
    return s;
}

inline std::array<unsigned char, 32> hmac(std::string_view key, std::string_view msg) {
    return crypto::hmac_sha256(reinterpret_cast<const unsigned char*>(key.data()), key.size(),
                               reinterpret_cast<const unsigned char*>(msg.data()), msg.size());
}

inline std::string_view as_text(const std::array<unsigned char, 32>& d) {
    return {reinterpret_cast<const char*>(d.data()), d.size()};
}

inline std::string lower_trimmed(std::string_view s) {
    const auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    std::string out(b == std::string_view::npos ? std::string_view{} : s.substr(b, e - b + 1));
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

inline std::string trimmed(std::string_view s) {
    const auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    return std::string(b == std::string_view::npos ? std::string_view{} : s.substr(b, e - b + 1));
}

inline error bad_signature(std::string message) {
    error e;
    e.kind = fault_kind::unauthorized;
    e.message = std::move(message);
    return e;
}

}  // namespace detail

// The signature the request would carry if signed with `secret`, for the request's version; an
// error (unauthorized) when the request is of no version computed here or lacks what it needs.
inline result<std::string> signature(const ec2_request& q, std::string_view secret) {
    using namespace detail;
    pairs params = values_of(q.params);
    const pairs headers = values_of(q.headers);
    const std::string verb = q.verb.value_or(""), host = q.host.value_or(""), path = q.path.value_or("");
    const std::string* version = find(params, "SignatureVersion");
    if (version && *version == "2") {
        // The signer sets SignatureMethod before it signs.
        std::erase_if(params, [](const auto& p) { return p.first == "SignatureMethod"; });
        params.emplace_back("SignatureMethod", "HmacSHA256");
        return base64(hmac(secret, verb + '\n' + host + '\n' + path + '\n' + canonical_qs(std::move(params))));
    }
    const std::string* authz = find(headers, "Authorization");
    const std::string* algorithm = find(params, "X-Amz-Algorithm");
    const bool v4 = authz ? authz->starts_with("AWS4-HMAC-SHA256") : algorithm && *algorithm == "AWS4-HMAC-SHA256";
    if (!v4) return bad_signature(version ? "Unknown signature version: " + *version : "Unexpected signature format.");
    // A parameter of the Authorization header ("Credential=...,"), else X-Amz-<name>.
    auto auth_param = [&](std::string_view name) -> std::string {
        if (authz) {
            const std::string key = std::string(name) + '=';
            const auto at = authz->find(key);
            if (at == std::string::npos) return {};
            const auto from = at + key.size();
            return authz->substr(from, authz->find(',', from) == std::string::npos ? std::string::npos
                                                                                   : authz->find(',', from) - from);
        }
        const std::string* v = find(params, "X-Amz-" + std::string(name));
        return v ? *v : std::string{};
    };
    const std::string signed_headers = auth_param("SignedHeaders");
    std::string canonical_headers;
    for (std::size_t i = 0; i <= signed_headers.size();) {
        const auto semi = std::min(signed_headers.find(';', i), signed_headers.size());
        const std::string h = signed_headers.substr(i, semi - i);
        i = semi + 1;
        for (const auto& [k, v] : headers)
            if (lower_trimmed(k) == h) {
                canonical_headers += h + ':' + trimmed(v) + '\n';
                break;
            }
    }
    if (canonical_headers.empty()) canonical_headers = "\n";
    std::string upper_verb = verb;
    for (char& c : upper_verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const std::string query = upper_verb == "POST" ? std::string{} : canonical_qs(params);
    const std::string canonical_request = upper_verb + '\n' + path + '\n' + query + '\n' + canonical_headers + '\n' +
                                          signed_headers + '\n' + q.body_hash.value_or("");
    // Credential=<access>/<date>/<region>/<service>/aws4_request
    std::vector<std::string> scope_parts;
    const std::string credential = auth_param("Credential");
    for (std::size_t i = 0; i <= credential.size();) {
        const auto slash = std::min(credential.find('/', i), credential.size());
        scope_parts.push_back(credential.substr(i, slash - i));
        i = slash + 1;
    }
    if (scope_parts.size() < 4) return bad_signature("The request's credential scope is incomplete.");
    const std::string scope = credential.substr(credential.find('/') + 1);
    const std::string* header_date = find(headers, "X-Amz-Date");
    const std::string* param_date = find(params, "X-Amz-Date");
    const std::string date = header_date ? *header_date : param_date ? *param_date : std::string{};
    if (!date.starts_with(scope_parts[1])) return bad_signature("Request date mismatch error.");
    const auto cr_hash = crypto::sha256(canonical_request);
    const std::string to_sign = "AWS4-HMAC-SHA256\n" + date + '\n' + scope + '\n' +
                                crypto::to_hex(cr_hash.data(), cr_hash.size());
    auto key = hmac("AWS4" + std::string(secret), scope_parts[1]);
    key = hmac(as_text(key), scope_parts[2]);
    key = hmac(as_text(key), scope_parts[3]);
    key = hmac(as_text(key), "aws4_request");
    const auto sig = hmac(as_text(key), to_sign);
    return crypto::to_hex(sig.data(), sig.size());
}

// Whether the request is signed with `secret`. As Keystone, a host with a port is tried again
// without it: some libraries sign without the port.
inline result<bool> signed_with(const ec2_request& q, std::string_view secret) {
    auto s = signature(q, secret);
    if (!s) return s.error();
    if (crypto::secrets_equal(*s, q.signature)) return true;
    if (!q.host || q.host->find(':') == std::string::npos) return false;
    ec2_request bare = q;
    bare.host = q.host->substr(0, q.host->find(':'));
    s = signature(bare, secret);
    if (!s) return s.error();
    return crypto::secrets_equal(*s, q.signature);
}

}  // namespace openstack::identity::v2::protocol::ec2

#endif
// ---- end openstack/identity/v2/protocol/ec2.hpp
// ---- begin openstack/identity/v2/protocol/fernet.hpp
#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_FERNET_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_FERNET_HPP

// Keystone's Fernet tokens (issue #18), without sockets or server: the Fernet format
// (github.com/fernet/spec) over OpenSSL, the msgpack payloads Keystone packs for v2.0 tokens
// (keystone/token/token_formatters.py), its key repository (keystone/common/fernet_utils.py),
// and a provider that mints with the primary key and reads with every key (MultiFernet).
//
// Errors: a token that fails to read is fault_kind::item_not_found, as Keystone's Fernet
// provider answers any token it cannot read (TokenNotFound, 404); a request authenticated by
// such a token is answered 401 by the caller, as Keystone does. A bad key or key repository is
// fault_kind::identity_fault (500, Keystone's KeysNotFound), with the file in error::path.
// Token text never appears in an error.

#include <msgpuck.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol::fernet {

enum class errc {
    malformed_token = 1,  // not base64url, not version 0x80, or not the size of a token
    bad_signature,        // no key's HMAC matches
    bad_padding,          // signed, but the plaintext's PKCS#7 padding is wrong
    expired,              // older than the TTL asked for, or past the payload's expiry
    from_the_future,      // stamped more than max_clock_skew ahead of now
    bad_payload,          // signed, but not a v2.0 payload (Keystone's versions 0 and 2)
    bad_key,              // not base64url of 32 bytes
    no_keys,              // a key repository without a key
};

class error_category_impl : public boost::system::error_category {
public:
    constexpr error_category_impl() noexcept : boost::system::error_category(0x6f73696476320003ull) {}
    const char* name() const noexcept override { return "openstack.identity.v2.fernet"; }
    std::string message(int ev) const override { return message(ev, nullptr, 0); }
    const char* message(int ev, char*, std::size_t) const noexcept override {
        switch (static_cast<errc>(ev)) {
        case errc::malformed_token: return "malformed Fernet token";
        case errc::bad_signature: return "Fernet token not signed by any key";
        case errc::bad_padding: return "Fernet token with bad padding";
        case errc::expired: return "Fernet token expired";
        case errc::from_the_future: return "Fernet token from the future";
        case errc::bad_payload: return "not a v2.0 Fernet payload";
        case errc::bad_key: return "not a Fernet key (base64url of 32 bytes)";
        case errc::no_keys: return "no Fernet keys";
        }
        return "unknown error";
    }
    boost::system::error_condition default_error_condition(int ev) const noexcept override {
        const auto e = static_cast<errc>(ev);
        return make_error_condition(e == errc::bad_key || e == errc::no_keys ? fault_kind::identity_fault
                                                                             : fault_kind::item_not_found);
    }
};

inline const boost::system::error_category& error_category() noexcept {
    static constexpr error_category_impl instance;
    return instance;
}

inline boost::system::error_code make_error_code(errc e) noexcept { return {static_cast<int>(e), error_category()}; }

namespace detail {

inline error make_error(boost::system::error_code code, fault_kind kind, std::string path, std::string message) {
    error e;
    e.code = code;
    e.kind = kind;
    e.path = std::move(path);
    e.message = std::move(message);
    return e;
}

inline error token_error(errc e) {
    return make_error(make_error_code(e), fault_kind::item_not_found, {}, make_error_code(e).message());
}

// A key repository's file or directory: identity_fault, naming it.
inline error file_error(boost::system::error_code code, const std::filesystem::path& p, std::string message) {
    return make_error(code, fault_kind::identity_fault, p.string(), std::move(message));
}

inline error errno_error(const std::filesystem::path& p, std::string_view what, int err) {
    const boost::system::error_code code(err, boost::system::generic_category());
    return file_error(code, p, std::string(what) + ": " + code.message());
}

inline error fs_error(const std::filesystem::path& p, std::string_view what, const std::error_code& ec) {
    return errno_error(p, what, ec.value());
}

}  // namespace detail

// A Fernet key: the signing key (16 bytes), then the encryption key (16 bytes). Zeroed when
// destroyed.
class key {
public:
    static constexpr std::size_t size = 32;

    // Base64url of 32 bytes, padded (as Python writes keys) or not. Whitespace around it (a key
    // file's newline) is ignored, as Python's decoder does.
    static result<key> parse(std::string_view text) {
        const auto first = text.find_first_not_of(" \t\r\n");
        text = first == std::string_view::npos ? std::string_view{} : text.substr(first);
        text = text.substr(0, text.find_last_not_of(" \t\r\n") + 1);
        auto bytes = crypto::base64url_decode(text);
        if (!bytes)
            return detail::make_error(make_error_code(errc::bad_key), fault_kind::identity_fault, {}, "not base64url");
        key k;
        const std::size_t n = bytes->size();
        if (n == size) std::copy(bytes->begin(), bytes->end(), k.bytes_.begin());
        OPENSSL_cleanse(bytes->data(), n);
        if (n != size)
            return detail::make_error(make_error_code(errc::bad_key), fault_kind::identity_fault, {},
                                      std::to_string(n) + " bytes, not 32");
        return k;
    }

    // A new key from OpenSSL's CSPRNG.
    static key generate() {
        key k;
        if (RAND_bytes(k.bytes_.data(), static_cast<int>(size)) != 1) throw std::runtime_error("RAND_bytes failed");
        return k;
    }

    // Padded base64url, as Python's Fernet.generate_key() writes it (and Keystone's key files).
    std::string text() const { return crypto::base64url_encode(bytes_.data(), size); }

    const unsigned char* signing() const noexcept { return bytes_.data(); }
    const unsigned char* encryption() const noexcept { return bytes_.data() + 16; }

    key(const key&) = default;
    key& operator=(const key&) = default;
    ~key() { OPENSSL_cleanse(bytes_.data(), size); }

private:
    key() = default;
    std::array<unsigned char, size> bytes_{};
};

// The spec's limit on how far ahead of now a token's timestamp may be, when a TTL is checked.
inline constexpr std::chrono::seconds max_clock_skew{60};

inline std::chrono::sys_seconds now_seconds() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

namespace detail {

inline constexpr std::size_t header_size = 1 + 8 + 16;  // version, timestamp, IV
inline constexpr std::size_t mac_size = 32;

struct cipher_ctx_deleter {
    void operator()(EVP_CIPHER_CTX* c) const noexcept { EVP_CIPHER_CTX_free(c); }
};
using cipher_ctx = std::unique_ptr<EVP_CIPHER_CTX, cipher_ctx_deleter>;

}  // namespace detail

// The Fernet token of plaintext under k, stamped with time and encrypted with this IV, padded as
// the spec writes tokens. The IV must be new for every token: this form is for the spec's test
// vectors; the one below draws it.
inline std::string encrypt(const key& k, std::string_view plaintext, std::chrono::sys_seconds time,
                           std::span<const unsigned char, 16> iv) {
    std::vector<unsigned char> t(detail::header_size + plaintext.size() + 16 + detail::mac_size);
    t[0] = 0x80;
    const auto ts = static_cast<std::uint64_t>(time.time_since_epoch().count());
    for (int i = 0; i < 8; ++i) t[1 + i] = static_cast<unsigned char>(ts >> (56 - 8 * i));
    std::copy(iv.begin(), iv.end(), t.begin() + 9);
    detail::cipher_ctx ctx(EVP_CIPHER_CTX_new());
    int n = 0, fin = 0;
    unsigned char* out = t.data() + detail::header_size;
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, k.encryption(), iv.data()) != 1 ||
        EVP_EncryptUpdate(ctx.get(), out, &n, reinterpret_cast<const unsigned char*>(plaintext.data()),
                          static_cast<int>(plaintext.size())) != 1 ||
        EVP_EncryptFinal_ex(ctx.get(), out + n, &fin) != 1)
        throw std::runtime_error("AES-128-CBC encryption failed");
    const std::size_t signed_size = detail::header_size + static_cast<std::size_t>(n + fin);
    const auto mac = crypto::hmac_sha256(k.signing(), 16, t.data(), signed_size);
    std::copy(mac.begin(), mac.end(), t.begin() + static_cast<std::ptrdiff_t>(signed_size));
    return crypto::base64url_encode(t.data(), signed_size + detail::mac_size);
}

// The Fernet token of plaintext under k, stamped now, with a random IV.
inline std::string encrypt(const key& k, std::string_view plaintext, std::chrono::sys_seconds now = now_seconds()) {
    std::array<unsigned char, 16> iv{};
    if (RAND_bytes(iv.data(), static_cast<int>(iv.size())) != 1) throw std::runtime_error("RAND_bytes failed");
    return encrypt(k, plaintext, now, iv);
}

// What a token holds: its plaintext, and when it was made.
struct message {
    std::string data;
    std::chrono::sys_seconds time{};
};

// The plaintext of a token made under any of keys, as the spec verifies (and Python's
// MultiFernet): the HMAC compared in constant time before anything is decrypted. With a TTL, a
// token older than it, or stamped more than max_clock_skew ahead of now, fails. Padding is
// optional (Keystone strips it).
inline result<message> decrypt(std::span<const key> keys, std::string_view token,
                               std::optional<std::chrono::seconds> ttl = std::nullopt,
                               std::chrono::sys_seconds now = now_seconds()) {
    const auto t = crypto::base64url_decode(token);
    // At least one block of ciphertext: PKCS#7 always adds one.
    if (!t || t->size() < detail::header_size + 16 + detail::mac_size ||
        (t->size() - detail::header_size - detail::mac_size) % 16 != 0 || (*t)[0] != 0x80)
        return detail::token_error(errc::malformed_token);
    std::uint64_t ts = 0;
    for (std::size_t i = 1; i <= 8; ++i) ts = (ts << 8) | (*t)[i];
    // Seconds that sys_seconds cannot hold were never a time a token was made.
    if (ts > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return detail::token_error(errc::malformed_token);
    const std::chrono::sys_seconds time{std::chrono::seconds{static_cast<std::int64_t>(ts)}};
    if (ttl) {
        if (time < now - *ttl) return detail::token_error(errc::expired);
        if (time > now + max_clock_skew) return detail::token_error(errc::from_the_future);
    }
    const std::size_t signed_size = t->size() - detail::mac_size;
    for (const key& k : keys) {
        const auto mac = crypto::hmac_sha256(k.signing(), 16, t->data(), signed_size);
        if (!crypto::equal(mac.data(), t->data() + signed_size, mac.size())) continue;
        std::string plain(signed_size - detail::header_size, '\0');
        auto* out = reinterpret_cast<unsigned char*>(plain.data());
        detail::cipher_ctx ctx(EVP_CIPHER_CTX_new());
        int n = 0, fin = 0;
        if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, k.encryption(), t->data() + 9) != 1 ||
            EVP_DecryptUpdate(ctx.get(), out, &n, t->data() + detail::header_size,
                              static_cast<int>(signed_size - detail::header_size)) != 1)
            throw std::runtime_error("AES-128-CBC decryption failed");
        if (EVP_DecryptFinal_ex(ctx.get(), out + n, &fin) != 1) return detail::token_error(errc::bad_padding);
        plain.resize(static_cast<std::size_t>(n + fin));
        return message{std::move(plain), time};
    }
    return detail::token_error(errc::bad_signature);
}

// Authentication methods, as Keystone packs them: bit 2^i for the i-th name of its [auth]
// methods option, whose default (keystone/conf/constants.py) is external, password, token,
// oauth1, mapped, application_credential. A deployment that changes that option changes these.
namespace method {
inline constexpr std::uint64_t external = 1, password = 2, token = 4, oauth1 = 8, mapped = 16,
                               application_credential = 32;
}  // namespace method

// The payload of a v2.0 token: Keystone's version 0 (unscoped) without a project, version 2
// (project-scoped) with one.
struct payload {
    std::string user_id;
    std::uint64_t methods = 0;  // method:: bits
    std::optional<std::string> project_id;
    std::chrono::sys_time<std::chrono::microseconds> expires_at{};
    std::vector<std::string> audit_ids;  // Keystone's: 22 characters of unpadded base64url

    int version() const noexcept { return project_id ? 2 : 0; }
    friend bool operator==(const payload&, const payload&) = default;
};

namespace detail {

// An id as 32 lower-case hex digits: the only form of UUID that Keystone's packing (16 bytes)
// gives back as it was. Keystone also packs the other forms uuid.UUID() accepts (upper case,
// hyphens) as bytes, and reads them back as lower-case hex; they are packed as text here.
inline std::optional<std::vector<unsigned char>> uuid_bytes(std::string_view id) {
    if (id.size() != 32 || id.find_first_not_of("0123456789abcdef") != std::string_view::npos) return std::nullopt;
    return crypto::from_hex(id);
}

inline char* put_id(char* w, std::string_view id) {
    w = mp_encode_array(w, 2);
    if (const auto b = uuid_bytes(id)) {
        w = mp_encode_bool(w, true);
        return mp_encode_bin(w, reinterpret_cast<const char*>(b->data()), 16);
    }
    w = mp_encode_bool(w, false);
    return mp_encode_str(w, id.data(), static_cast<std::uint32_t>(id.size()));
}

// Readers over a buffer that mp_check has validated: each checks the type before decoding.
inline bool take_uint(const char*& p, std::uint64_t& v) {
    if (mp_typeof(*p) != MP_UINT) return false;
    v = mp_decode_uint(&p);
    return true;
}

// Strings and binary alike: msgpack before 1.0 (Keystone's before Ussuri) packed bytes as str.
inline bool take_blob(const char*& p, std::string_view& v) {
    std::uint32_t n = 0;
    const char* s = nullptr;
    if (mp_typeof(*p) == MP_STR) s = mp_decode_str(&p, &n);
    else if (mp_typeof(*p) == MP_BIN) s = mp_decode_bin(&p, &n);
    else return false;
    v = {s, n};
    return true;
}

// Keystone's (is_bytes, value) pair: 16 bytes of a UUID, or the id's text.
inline bool take_id(const char*& p, std::string& id) {
    std::string_view v;
    if (mp_typeof(*p) != MP_ARRAY || mp_decode_array(&p) != 2 || mp_typeof(*p) != MP_BOOL) return false;
    const bool is_bytes = mp_decode_bool(&p);
    if (!take_blob(p, v) || (is_bytes && v.size() != 16)) return false;
    id = is_bytes ? crypto::to_hex(reinterpret_cast<const unsigned char*>(v.data()), 16) : std::string(v);
    return true;
}

// Seconds since the epoch as a float, Keystone's expires_at, to microseconds; rounded half to
// even as Python's datetime.utcfromtimestamp does. Years 1 to 9999, Python's datetime range.
inline bool take_time(const char*& p, std::chrono::sys_time<std::chrono::microseconds>& t) {
    if (mp_typeof(*p) != MP_DOUBLE) return false;
    const double s = mp_decode_double(&p);
    if (!(s >= -62135596800.0 && s < 253402300800.0)) return false;
    t = std::chrono::sys_time<std::chrono::microseconds>{
        std::chrono::microseconds{static_cast<std::int64_t>(std::nearbyint(s * 1e6))}};
    return true;
}

inline error bad_payload(std::string message) {
    return make_error(make_error_code(errc::bad_payload), fault_kind::item_not_found, {}, std::move(message));
}

}  // namespace detail

// Keystone's msgpack of a payload, byte for byte: [version, user, methods, (project,)
// expires_at, audit_ids], each id an (is_bytes, value) pair, expires_at a float of seconds,
// the audit ids their 16 bytes. An audit id that is not unpadded base64url fails
// (errc::invalid_value, bad_request).
inline result<std::string> pack(const payload& p) {
    std::vector<std::vector<unsigned char>> audit;
    std::size_t size = 64 + p.user_id.size() + p.project_id.value_or("").size();
    for (std::size_t i = 0; i < p.audit_ids.size(); ++i) {
        auto b = crypto::base64url_decode(p.audit_ids[i]);
        // Keystone writes them back unpadded: only that form reads back as it was.
        if (!b || crypto::base64url_encode(b->data(), b->size(), false) != p.audit_ids[i])
            return detail::make_error(v2::make_error_code(v2::errc::invalid_value), fault_kind::bad_request,
                                      "audit_ids[" + std::to_string(i) + "]", "not unpadded base64url");
        size += 5 + b->size();
        audit.push_back(std::move(*b));
    }
    std::string out(size, '\0');
    char* w = mp_encode_array(out.data(), p.project_id ? 6 : 5);
    w = mp_encode_uint(w, static_cast<std::uint64_t>(p.version()));
    w = detail::put_id(w, p.user_id);
    w = mp_encode_uint(w, p.methods);
    if (p.project_id) w = detail::put_id(w, *p.project_id);
    // Exact: microseconds below 2^53 are exact doubles, and the division rounds once, as
    // Python's timedelta.total_seconds() does.
    w = mp_encode_double(w, static_cast<double>(p.expires_at.time_since_epoch().count()) / 1e6);
    w = mp_encode_array(w, static_cast<std::uint32_t>(audit.size()));
    for (const auto& b : audit)
        w = mp_encode_bin(w, reinterpret_cast<const char*>(b.data()), static_cast<std::uint32_t>(b.size()));
    out.resize(static_cast<std::size_t>(w - out.data()));
    return out;
}

// A payload Keystone packed for a v2.0 token (versions 0 and 2; v2.0 had no other scopes).
inline result<payload> unpack(std::string_view data) {
    const char* p = data.data();
    const char* end = data.data() + data.size();
    {
        const char* q = p;
        if (data.empty() || mp_check(&q, end) != 0 || q != end) return detail::bad_payload("not one msgpack value");
    }
    payload out;
    std::uint64_t version = 0;
    if (mp_typeof(*p) != MP_ARRAY) return detail::bad_payload("not a msgpack array");
    const std::uint32_t n = mp_decode_array(&p);
    if (n == 0 || !detail::take_uint(p, version) || (version != 0 && version != 2))
        return detail::bad_payload("payload version not 0 (unscoped) or 2 (project-scoped)");
    if (n != (version == 2 ? 6u : 5u)) return detail::bad_payload("payload of the wrong length for its version");
    if (!detail::take_id(p, out.user_id)) return detail::bad_payload("bad user id");
    if (!detail::take_uint(p, out.methods)) return detail::bad_payload("bad methods");
    if (version == 2 && !detail::take_id(p, out.project_id.emplace())) return detail::bad_payload("bad project id");
    if (!detail::take_time(p, out.expires_at)) return detail::bad_payload("bad expiry");
    if (mp_typeof(*p) != MP_ARRAY) return detail::bad_payload("bad audit ids");
    const std::uint32_t audits = mp_decode_array(&p);
    for (std::uint32_t i = 0; i < audits; ++i) {
        std::string_view b;
        if (!detail::take_blob(p, b)) return detail::bad_payload("bad audit id");
        out.audit_ids.push_back(crypto::base64url_encode(reinterpret_cast<const unsigned char*>(b.data()), b.size(),
                                                         false));
    }
    return out;
}

// The key repository, as Keystone's fernet_utils keeps it: a directory of files named by
// number, each a key's text. 0 is the staged key (the next primary), the highest number the
// primary (it mints), the others secondary; all of them read tokens.

inline constexpr unsigned default_max_active_keys = 3;  // Keystone's [fernet_tokens] max_active_keys

namespace detail {

// A key file's number: decimal digits without leading zeros ("0.tmp" and other names are not
// keys). Keystone's int(name) also takes "01" or "+1"; such names are left alone here.
inline std::optional<unsigned long long> key_number(const std::string& name) {
    unsigned long long v = 0;
    if (name.empty() || (name.size() > 1 && name[0] == '0')) return std::nullopt;
    const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), v);
    if (ec != std::errc{} || end != name.data() + name.size()) return std::nullopt;
    return v;
}

// A key file's text; files over 4 KiB are not keys (a key is 44 characters).
inline result<std::string> read_key_file(const std::filesystem::path& p) {
    const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno_error(p, "cannot read the key", errno);
    std::string text(4097, '\0');
    std::size_t n = 0;
    while (n < text.size()) {
        const ssize_t r = ::read(fd, text.data() + n, text.size() - n);
        if (r > 0) n += static_cast<std::size_t>(r);
        else if (r == 0) break;
        else if (errno != EINTR) {
            const int err = errno;
            ::close(fd);
            OPENSSL_cleanse(text.data(), text.size());
            return errno_error(p, "cannot read the key", err);
        }
    }
    ::close(fd);
    if (n == text.size()) return file_error(make_error_code(errc::bad_key), p, "not a Fernet key: over 4096 bytes");
    text.resize(n);
    return text;
}

// The repository's key files by number, the empty ones left out as Keystone does.
inline result<std::map<unsigned long long, std::filesystem::path>> key_files(const std::filesystem::path& dir) {
    std::error_code ec;
    std::map<unsigned long long, std::filesystem::path> files;
    std::filesystem::directory_iterator it(dir, ec), end;
    if (ec) return fs_error(dir, "cannot read the key repository", ec);
    for (; it != end; it.increment(ec)) {
        const auto number = key_number(it->path().filename().string());
        // Followed links, and what cannot be looked at skipped, as Python's os.path.isfile does.
        std::error_code fec;
        if (!number || !it->is_regular_file(fec) || it->file_size(fec) == 0 || fec) continue;
        files.emplace(*number, it->path());
    }
    if (ec) return fs_error(dir, "cannot read the key repository", ec);
    return files;
}

// A new key, written as Keystone writes one: to 0.tmp, readable by its owner only (Keystone's
// umask 0177), to be renamed to 0.
inline result<void> write_new_key(const std::filesystem::path& tmp) {
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return errno_error(tmp, "cannot write a new key", errno);
    std::string text = key::generate().text();
    bool ok = ::fchmod(fd, 0600) == 0;  // a 0.tmp left by a crash keeps its mode otherwise
    for (std::size_t n = 0; ok && n < text.size();) {
        const ssize_t r = ::write(fd, text.data() + n, text.size() - n);
        if (r > 0) n += static_cast<std::size_t>(r);
        else ok = r < 0 && errno == EINTR;
    }
    ok = ok && ::fsync(fd) == 0;
    const int err = errno;
    OPENSSL_cleanse(text.data(), text.size());
    ::close(fd);
    if (!ok) {
        ::unlink(tmp.c_str());
        return errno_error(tmp, "cannot write a new key", err);
    }
    return {};
}

inline result<void> rename_file(const std::filesystem::path& from, const std::filesystem::path& to) {
    std::error_code ec;
    std::filesystem::rename(from, to, ec);
    if (ec) return fs_error(to, "cannot rename " + from.filename().string() + " to it", ec);
    return {};
}

}  // namespace detail

// Keystone's rotate_keys: the staged key 0 becomes the primary (the highest number plus one), a
// new staged key 0 replaces it, and the oldest secondary keys are removed until max_active_keys
// remain, the staged one included. Keystone's minimum, 1, keeps the staged key alone.
inline result<void> rotate(const std::filesystem::path& dir, unsigned max_active_keys = default_max_active_keys) {
    if (max_active_keys < 1)
        return detail::make_error(v2::make_error_code(v2::errc::invalid_value), fault_kind::identity_fault,
                                  "max_active_keys", "at least 1");
    auto files = detail::key_files(dir);
    if (!files) return files.error();
    if (!files->contains(0))
        return detail::file_error(make_error_code(errc::no_keys), dir / "0",
                                  "no staged key to promote (set the repository up first)");
    const unsigned long long primary = files->rbegin()->first + 1;
    // The new key first, as Keystone: between the two renames only is there no key 0.
    if (auto r = detail::write_new_key(dir / "0.tmp"); !r) return r;
    if (auto r = detail::rename_file(dir / "0", dir / std::to_string(primary)); !r) return r;
    if (auto r = detail::rename_file(dir / "0.tmp", dir / "0"); !r) return r;
    files->erase(0);
    files->emplace(primary, dir / std::to_string(primary));
    while (files->size() > max_active_keys - 1) {
        std::error_code ec;
        if (!std::filesystem::remove(files->begin()->second, ec) && ec)
            return detail::fs_error(files->begin()->second, "cannot remove the excess key", ec);
        files->erase(files->begin());
    }
    return {};
}

// Keystone's initialize_key_repository (keystone-manage fernet_setup): the directory is made
// (mode 0700) when missing, and a repository without a key 0 gets one, which a rotation then
// promotes: keys 0 (staged) and 1 (primary). A repository with a key 0 is left as it is.
inline result<void> setup(const std::filesystem::path& dir, unsigned max_active_keys = default_max_active_keys) {
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec)) {
        if (ec) return detail::fs_error(dir, "cannot reach the key repository", ec);
        std::filesystem::create_directories(dir, ec);
        if (!ec) std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
        if (ec) return detail::fs_error(dir, "cannot make the key repository", ec);
    }
    if (std::filesystem::exists(dir / "0", ec)) return {};
    if (ec) return detail::fs_error(dir / "0", "cannot reach the staged key", ec);
    if (auto r = detail::write_new_key(dir / "0.tmp"); !r) return r;
    if (auto r = detail::rename_file(dir / "0.tmp", dir / "0"); !r) return r;
    return rotate(dir, max_active_keys);
}

// Keystone's load_keys: every key of the repository, the primary first (it mints), then the
// secondary keys from the newest, the staged key 0 last. A file that is not a key fails, naming
// it (Keystone fails later, on every token).
inline result<std::vector<key>> load_keys(const std::filesystem::path& dir) {
    auto files = detail::key_files(dir);
    if (!files) return files.error();
    if (files->empty()) return detail::file_error(make_error_code(errc::no_keys), dir, "no keys in the repository");
    std::vector<key> keys;
    for (auto it = files->rbegin(); it != files->rend(); ++it) {
        auto text = detail::read_key_file(it->second);
        if (!text) return text.error();
        auto k = key::parse(*text);
        OPENSSL_cleanse(text->data(), text->size());
        if (!k) return detail::file_error(k.error().code, it->second, "not a Fernet key: " + k.error().message);
        keys.push_back(std::move(*k));
    }
    return keys;
}

// What a v2.0 token says: its payload, and when it was minted (the Fernet timestamp: Keystone's
// issued_at).
struct token_info {
    fernet::payload payload;
    std::chrono::sys_seconds issued_at{};
};

// Mints and reads v2.0 tokens as Keystone's Fernet provider: minted with the primary key, padding
// stripped; read with every key, padding restored, and refused once the payload has expired.
class provider {
public:
    // Keys as load_keys gives them, the primary first. Throws std::invalid_argument without one.
    explicit provider(std::vector<key> keys) : keys_(std::move(keys)) {
        if (keys_.empty()) throw std::invalid_argument("a Fernet provider needs a key");
    }

    static result<provider> load(const std::filesystem::path& repository) {
        auto keys = load_keys(repository);
        if (!keys) return keys.error();
        return provider(std::move(*keys));
    }

    result<std::string> mint(const payload& p, std::chrono::sys_seconds now = now_seconds()) const {
        auto data = pack(p);
        if (!data) return data.error();
        auto token = encrypt(keys_.front(), *data, now);
        token.erase(token.find_last_not_of('=') + 1);
        return token;
    }

    result<token_info> read(std::string_view token,
                            std::chrono::system_clock::time_point now = std::chrono::system_clock::now()) const {
        auto m = decrypt(keys_, token);
        if (!m) return m.error();
        auto p = unpack(m->data);
        if (!p) return p.error();
        if (p->expires_at <= now) return detail::token_error(errc::expired);
        return token_info{std::move(*p), m->time};
    }

    std::span<const key> keys() const noexcept { return keys_; }

private:
    std::vector<key> keys_;
};

}  // namespace openstack::identity::v2::protocol::fernet

template <>
struct boost::system::is_error_code_enum<openstack::identity::v2::protocol::fernet::errc> : std::true_type {};

#endif
// ---- end openstack/identity/v2/protocol/fernet.hpp
// ---- begin openstack/identity/v2/protocol/memory_backend.hpp
#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_MEMORY_BACKEND_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_MEMORY_BACKEND_HPP

// The example server's backend: a standard_backend over a memory_store loaded from a JSON
// configuration (memory_store.hpp describes it), with UUID tokens (uuid_provider). The
// configuration's admin_token, token_lifetime, admin_role, document_cache and
// max_tokens_per_user are the backend's and the provider's options.

// ---- begin openstack/identity/v2/protocol/memory_store.hpp
#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_MEMORY_STORE_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_MEMORY_STORE_HPP

// The in-memory store (protocol/store.hpp): an identity loaded from a JSON configuration (users
// with PBKDF2 password hashes, tenants, roles, role assignments, a templated catalog), and the
// UUID provider's tokens and the revocation events, kept in memory until they expire.
//
// Configuration (see examples/demo.json):
//   {"admin_token": "ADMIN", "token_lifetime": 3600, "pbkdf2_iterations": 600000, "admin_role": "admin",
//    "tenants": [{"id", "name", "description", "enabled"}],
//    "roles": [{"id", "name"}],
//    "users": [{"id", "name", "email", "enabled", "tenantId", "password_hash": "pbkdf2-sha256$..."}],
//              ("password": "..." instead of password_hash is hashed at load and then forgotten)
//    "assignments": [{"user": "<id or name>", "tenant": "<id or name>", "roles": ["<id or name>", ...]}],
//    "catalog": [{"type", "name", "endpoints": [{"id", "region", "publicURL", "internalURL", "adminURL"}]}]}
// Catalog URLs may hold $(tenant_id)s, $(user_id)s, $(public_url)s, $(admin_url)s, $(public_port)s and
// $(admin_port)s (the trailing "s" is optional), substituted per token like Keystone's templated
// catalog (standard_backend); an endpoint with an unknown or unavailable variable is left out.
// admin_token, token_lifetime, admin_role, max_tokens_per_user and document_cache are the
// server's (memory_backend), not the store's.

// ---- begin openstack/identity/v2/protocol/store.hpp
#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_STORE_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_STORE_HPP

// What an identity server keeps, apart from how it answers: users with their password hashes,
// tenants, roles, role assignments, the catalog's templates, the UUID provider's tokens and the
// revocation events. A backend (standard_backend) answers the protocol's questions from a store
// and a token provider; the store is memory (memory_store) or SQL (sql_store: SQLite or
// PostgreSQL, shared by several server instances).
//
// Every call returns v2::result<T>. Absence is not an error: lookups answer std::nullopt or an
// empty list. An error means the store could not answer (kind service_unavailable: the database
// is unreachable, a query failed). Stores are called from several threads at once and must be
// thread-safe; the calls may block (a database round trip), so a server runs them off its I/O
// threads.


#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

using time_point = std::chrono::system_clock::time_point;

// A user as a store keeps it: the document's members and the password hash.
struct stored_user {
    std::string id;
    std::string name;
    std::optional<std::string> email;
    bool enabled = true;
    std::optional<std::string> tenant_id;  // the default tenant
    crypto::password_hash password;
    friend bool operator==(const stored_user&, const stored_user&) = default;
};

// A role on a tenant, or a global role when tenant_id is absent.
struct assignment {
    std::string user_id;
    std::optional<std::string> tenant_id;
    std::string role_id;
    friend bool operator==(const assignment&, const assignment&) = default;
};

// The SHA-256 of a token id: stores keep no token id itself, so that reading the store (a backup,
// a replica) gives no usable token.
using token_key = std::array<unsigned char, 32>;

// A token of the UUID provider.
struct token_record {
    std::string user_id;
    std::optional<std::string> tenant_id;  // the scope
    time_point issued;
    time_point expires;
    std::vector<std::string> audit_ids;  // the token's own first, then the chain it was rescoped from
    friend bool operator==(const token_record&, const token_record&) = default;
};

// A revocation event, the v2.0 part of Keystone's revocation_event table: it revokes every token
// issued at or before issued_before whose fields equal each field the event sets. DELETE
// /v2.0/tokens/{id} sets audit_id; a user disabled, deleted or given a new password sets user_id;
// a role removed from a user on a tenant sets user_id and tenant_id.
struct revocation_event {
    std::optional<std::string> audit_id;
    std::optional<std::string> user_id;
    std::optional<std::string> tenant_id;
    time_point issued_before;
    time_point revoked_at;  // events are pruned once every token they could match has expired
    friend bool operator==(const revocation_event&, const revocation_event&) = default;
};

// A service of the catalog as OS-KSADM administers it: its id and description, and the catalog
// entry (type, name, endpoint templates) that tokens carry.
struct stored_service {
    std::string id;
    std::optional<std::string> description;
    catalog_entry entry;
    friend bool operator==(const stored_service&, const stored_service&) = default;
};

// An EC2 credential (OS-EC2): the access key, its secret, and the user and tenant of the tokens
// POST /v2.0/ec2tokens makes with it.
struct ec2_record {
    std::string access;
    std::string secret;
    std::string user_id;
    std::string tenant_id;
    friend bool operator==(const ec2_record&, const ec2_record&) = default;
};

// A create's failure: the id or the unique name is taken (409).
inline error conflict(std::string message) {
    error e;
    e.kind = fault_kind::tenant_conflict;
    e.message = std::move(message);
    return e;
}

// A configuration's catalog as services: each gets a random id, and each endpoint without an id
// one too, so that OS-KSADM can name them.
inline std::vector<stored_service> services_of(std::vector<catalog_entry> catalog) {
    std::vector<stored_service> out;
    for (auto& e : catalog) {
        for (auto& ep : e.endpoints)
            if (!ep.id) ep.id = crypto::random_id();
        out.push_back({.id = crypto::random_id(), .description = std::nullopt, .entry = std::move(e)});
    }
    return out;
}

class store {
public:
    virtual ~store() = default;

    // Identity: users, tenants, roles and assignments.
    virtual result<std::optional<stored_user>> user_by_id(std::string_view id) = 0;
    virtual result<std::optional<stored_user>> user_by_name(std::string_view name) = 0;
    virtual result<std::optional<tenant>> tenant_by_id(std::string_view id) = 0;
    virtual result<std::optional<tenant>> tenant_by_name(std::string_view name) = 0;
    virtual result<std::vector<tenant>> list_tenants() = 0;
    // The user's roles on the tenant, or the user's global roles when tenant_id is absent; each
    // role once, in the order the roles were created.
    virtual result<std::vector<role>> roles_of(std::string_view user_id, std::optional<std::string_view> tenant_id) = 0;
    // The enabled tenants on which the user has a role.
    virtual result<std::vector<tenant>> tenants_of(std::string_view user_id) = 0;
    // The catalog's templates ($(tenant_id)s and friends unsubstituted).
    virtual result<std::vector<catalog_entry>> catalog() = 0;

    // Administration (OS-KSADM, OS-EC2). A create whose id or unique name (tenant, user, role) is
    // taken fails with kind tenant_conflict (409); an update or delete of an unknown id answers
    // false. Deletes take what hangs on the deleted row with them: a tenant's and a role's
    // assignments, a user's assignments and EC2 credentials, a service's endpoints. A store that
    // does not administer its identity keeps the defaults: forbidden (403), "read-only".
    // Tenants and roles: id and name set. An update is by id, of every other member.
    virtual result<void> create_tenant(const tenant& /*t*/) { return read_only_error(); }
    virtual result<bool> update_tenant(const tenant& /*t*/) { return read_only_error(); }
    virtual result<bool> delete_tenant(std::string_view /*id*/) { return read_only_error(); }
    virtual result<std::vector<stored_user>> list_users() { return read_only_error(); }
    // The users with a role on the tenant.
    virtual result<std::vector<stored_user>> users_of(std::string_view /*tenant_id*/) { return read_only_error(); }
    virtual result<void> create_user(const stored_user& /*u*/) { return read_only_error(); }
    virtual result<bool> update_user(const stored_user& /*u*/) { return read_only_error(); }
    virtual result<bool> delete_user(std::string_view /*id*/) { return read_only_error(); }
    // In the order of creation.
    virtual result<std::vector<role>> list_roles() { return read_only_error(); }
    virtual result<void> create_role(const role& /*r*/) { return read_only_error(); }
    virtual result<bool> delete_role(std::string_view /*id*/) { return read_only_error(); }
    // Whether the assignment was added (false: it was there) or removed (false: it was not).
    virtual result<bool> grant(const assignment& /*a*/) { return read_only_error(); }
    virtual result<bool> revoke(const assignment& /*a*/) { return read_only_error(); }
    // In the order of creation.
    virtual result<std::vector<stored_service>> list_services() { return read_only_error(); }
    virtual result<void> create_service(const stored_service& /*s*/) { return read_only_error(); }
    virtual result<bool> delete_service(std::string_view /*id*/) { return read_only_error(); }
    // Adds the endpoint (its id set) to the service's; false when there is no such service.
    virtual result<bool> add_endpoint(std::string_view /*service_id*/, const endpoint& /*e*/) {
        return read_only_error();
    }
    virtual result<bool> delete_endpoint(std::string_view /*id*/) { return read_only_error(); }
    virtual result<void> create_ec2(const ec2_record& /*c*/) { return read_only_error(); }
    virtual result<std::optional<ec2_record>> ec2_by_access(std::string_view /*access*/) { return read_only_error(); }
    virtual result<std::vector<ec2_record>> ec2_of(std::string_view /*user_id*/) { return read_only_error(); }
    virtual result<bool> delete_ec2(std::string_view /*access*/) { return read_only_error(); }

    // The UUID provider's tokens. put_token keeps at most max_per_user live tokens of the user:
    // past it, the user's oldest are removed.
    virtual result<void> put_token(const token_key& key, const token_record& t, std::size_t max_per_user) = 0;
    // The token, unless it is unknown or expired at `now`.
    virtual result<std::optional<token_record>> find_token(const token_key& key, time_point now) = 0;
    // Whether there was such a token.
    virtual result<bool> erase_token(const token_key& key) = 0;
    // Removes every token expired at `now`; how many.
    virtual result<std::size_t> purge_tokens(time_point now) = 0;

    // Revocation events.
    virtual result<void> add_revocation(const revocation_event& e) = 0;
    // The events revoked at or after `since`, oldest first.
    virtual result<std::vector<revocation_event>> revocations(time_point since) = 0;
    // Removes the events revoked before `before`; how many.
    virtual result<std::size_t> prune_revocations(time_point before) = 0;
};

}  // namespace openstack::identity::v2::protocol

#endif
// ---- end openstack/identity/v2/protocol/store.hpp

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <queue>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

struct memory_config {
    std::string admin_token;  // empty: no admin token
    std::chrono::seconds token_lifetime{3600};
    unsigned pbkdf2_iterations = crypto::default_iterations;  // for "password" entries hashed at load
    std::string admin_role = "admin";
    std::vector<tenant> tenants;
    std::vector<role> roles;
    std::vector<stored_user> users;
    std::vector<assignment> assignments;
    std::vector<catalog_entry> catalog;  // templates
    std::size_t document_cache = 1024;   // validation answers kept, for this many tokens (0: none)
    // Live tokens per user: past it, the user's oldest live token is revoked. Rescoping costs no
    // password hash, so without it one user could fill the memory (200,000 tokens in 14 s). A
    // thousand covers a service account whose every worker holds a few.
    std::size_t max_tokens_per_user = 1000;
};

// The configuration file as the library reads it: described types, so that every error names
// its path (`users[0].password_hash`) and the ranges are rules of the schema.
namespace config {

struct tenant {
    std::string id;
    std::string name;
    nullable<std::string> description;
    bool enabled = true;
};
BOOST_DESCRIBE_STRUCT(tenant, (), (id, name, description, enabled))

struct role {
    std::string id;
    std::string name;
};
BOOST_DESCRIBE_STRUCT(role, (), (id, name))

struct user {
    std::string id;
    std::string name;
    std::optional<std::string> email;
    bool enabled = true;
    std::optional<std::string> tenant_id;
    std::optional<std::string> password_hash;  // "pbkdf2-sha256$iterations$salt$hash"
    std::optional<std::string> password;       // hashed at load, then forgotten
};
BOOST_DESCRIBE_STRUCT(user, (), (id, name, email, enabled, tenant_id, password_hash, password))

struct assignment {
    std::string user;                   // id or name
    std::optional<std::string> tenant;  // id or name; absent: a global role
    std::vector<std::string> roles;     // ids or names
};
BOOST_DESCRIBE_STRUCT(assignment, (), (user, tenant, roles))

struct file {
    std::string admin_token;
    std::int64_t token_lifetime = 3600;
    std::int64_t pbkdf2_iterations = crypto::default_iterations;
    std::string admin_role = "admin";
    std::int64_t max_tokens_per_user = 1000;
    std::int64_t document_cache = 1024;
    std::vector<config::tenant> tenants;
    std::vector<config::role> roles;
    std::vector<config::user> users;
    std::vector<config::assignment> assignments;
    std::vector<catalog_entry> catalog;
};
BOOST_DESCRIBE_STRUCT(file, (),
                      (admin_token, token_lifetime, pbkdf2_iterations, admin_role, max_tokens_per_user, document_cache,
                       tenants, roles, users, assignments, catalog))

}  // namespace config

}  // namespace openstack::identity::v2::protocol

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

template <>
struct schema<protocol::config::tenant> {
    static constexpr field_def members[] = {
        field<&protocol::config::tenant::id>({.required = true}),
        field<&protocol::config::tenant::name>({.required = true}),
    };
};
template <>
struct schema<protocol::config::role> {
    static constexpr field_def members[] = {
        field<&protocol::config::role::id>({.required = true}),
        field<&protocol::config::role::name>({.required = true}),
    };
};
template <>
struct schema<protocol::config::user> {
    static constexpr field_def members[] = {
        field<&protocol::config::user::id>({.required = true}),
        field<&protocol::config::user::name>({.required = true}),
        field<&protocol::config::user::tenant_id>({.json = "tenantId"}),
    };
    static constexpr presence_rule rules[] = {
        exactly_one<&protocol::config::user::password_hash, &protocol::config::user::password>()};
};
template <>
struct schema<protocol::config::assignment> {
    static constexpr field_def members[] = {
        field<&protocol::config::assignment::user>({.required = true}),
    };
};
template <>
struct schema<protocol::config::file> {
    using f = protocol::config::file;
    static constexpr field_def members[] = {
        // At most a year: past that a token is a credential that never expires (and far past it
        // the expiry time overflows: 1e10 s gave tokens that expired in 1759).
        field<&f::token_lifetime>({.range = int_range{1, 31'536'000}, .doc = "seconds"}),
        field<&f::pbkdf2_iterations>({.range = int_range{1, 10'000'000}}),
        // Live tokens per user: past it, the user's oldest live token is revoked. Rescoping costs
        // no password hash, so without it one user could fill the memory (200,000 tokens in 14 s).
        field<&f::max_tokens_per_user>({.range = int_range{1, 1'000'000}}),
        field<&f::document_cache>({.range = int_range{0, 100'000'000}}),
    };
};

}  // namespace openstack::identity::v2

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

namespace detail {

inline error config_error(std::string path, std::string message) {
    error e;
    e.code = make_error_code(errc::invalid_value);
    e.kind = fault_kind::bad_request;
    e.path = std::move(path);
    e.message = std::move(message);
    return e;
}

}  // namespace detail

// Reads a configuration through the library (config::file), then resolves its references and
// hashes its plain passwords. Errors carry the JSON path of the offending member; passwords
// never appear in them.
inline result<memory_config> parse_memory_config(std::string_view text) {
    using detail::config_error;
    auto r = try_from_json<config::file>(text);
    if (!r) return r.error();
    config::file& f = *r;
    memory_config c;
    c.admin_token = std::move(f.admin_token);
    c.token_lifetime = std::chrono::seconds(f.token_lifetime);
    c.pbkdf2_iterations = static_cast<unsigned>(f.pbkdf2_iterations);
    c.admin_role = std::move(f.admin_role);
    c.max_tokens_per_user = static_cast<std::size_t>(f.max_tokens_per_user);
    c.document_cache = static_cast<std::size_t>(f.document_cache);
    for (auto& t : f.tenants) {
        // Keystone writes a tenant without a description with "description": null.
        if (t.description.is_absent()) t.description = nullptr;
        c.tenants.push_back(tenant{
            .id = std::move(t.id), .name = std::move(t.name), .description = t.description, .enabled = t.enabled});
    }
    for (auto& x : f.roles) c.roles.push_back(role{.id = std::move(x.id), .name = std::move(x.name)});
    for (std::size_t i = 0; i < f.users.size(); ++i) {
        auto& u = f.users[i];
        stored_user x{.id = std::move(u.id),
                      .name = std::move(u.name),
                      .email = std::move(u.email),
                      .enabled = u.enabled,
                      .tenant_id = std::move(u.tenant_id),
                      .password = {}};
        if (u.password_hash) {
            auto ph = crypto::parse_password_hash(*u.password_hash);
            if (!ph)
                return config_error("users[" + std::to_string(i) + "].password_hash",
                                    "not a pbkdf2-sha256$iterations$salt$hash value");
            x.password = std::move(*ph);
        } else {
            x.password = *crypto::parse_password_hash(crypto::hash_password(*u.password, c.pbkdf2_iterations));
        }
        c.users.push_back(std::move(x));
    }
    // References by id first, then by name.
    auto find = [](auto& list, std::string_view k, auto id_of, auto name_of) -> decltype(&list[0]) {
        for (auto& e : list)
            if (id_of(e) == k) return &e;
        for (auto& e : list)
            if (name_of(e) == k) return &e;
        return nullptr;
    };
    for (std::size_t i = 0; i < f.assignments.size(); ++i) {
        const auto& a = f.assignments[i];
        const std::string path = "assignments[" + std::to_string(i) + "]";
        auto* u = find(
            c.users, a.user, [](auto& x) { return x.id; }, [](auto& x) { return x.name; });
        if (!u) return config_error(path + ".user", "unknown user");
        std::optional<std::string> tid;
        if (a.tenant) {
            auto* t = find(
                c.tenants, *a.tenant, [](auto& x) { return *x.id; }, [](auto& x) { return *x.name; });
            if (!t) return config_error(path + ".tenant", "unknown tenant");
            tid = t->id;
        }
        for (std::size_t j = 0; j < a.roles.size(); ++j) {
            auto* ro = find(
                c.roles, a.roles[j], [](auto& x) { return *x.id; }, [](auto& x) { return *x.name; });
            if (!ro) return config_error(path + ".roles[" + std::to_string(j) + "]", "unknown role");
            c.assignments.push_back({u->id, tid, *ro->id});
        }
    }
    c.catalog = std::move(f.catalog);
    return c;
}

// The store of memory_backend, and of tests: the identity of a memory_config, which the admin API
// changes (under a reader-writer lock; nothing is written back to the configuration), and the
// tokens and revocation events, under one mutex.
class memory_store final : public store {
public:
    // Revocation events kept at most: past it add_revocation fails (service_unavailable) rather
    // than forget one, which would make a revoked Fernet token good again. The backend prunes
    // them as the tokens they could match expire.
    static constexpr std::size_t default_max_revocations = 100'000;

    explicit memory_store(memory_config c, std::size_t max_revocations = default_max_revocations)
        : tenants_(std::move(c.tenants)), roles_(std::move(c.roles)), users_(std::move(c.users)),
          assignments_(std::move(c.assignments)), services_(services_of(std::move(c.catalog))),
          max_revocations_(max_revocations) {}

    result<std::optional<stored_user>> user_by_id(std::string_view id) override {
        std::shared_lock lk(id_mu_);
        return find_if(users_, [&](const stored_user& u) { return u.id == id; });
    }
    result<std::optional<stored_user>> user_by_name(std::string_view name) override {
        std::shared_lock lk(id_mu_);
        return find_if(users_, [&](const stored_user& u) { return u.name == name; });
    }
    result<std::optional<tenant>> tenant_by_id(std::string_view id) override {
        std::shared_lock lk(id_mu_);
        return find_if(tenants_, [&](const tenant& t) { return t.id && *t.id == id; });
    }
    result<std::optional<tenant>> tenant_by_name(std::string_view name) override {
        std::shared_lock lk(id_mu_);
        return find_if(tenants_, [&](const tenant& t) { return t.name && *t.name == name; });
    }
    result<std::vector<tenant>> list_tenants() override {
        std::shared_lock lk(id_mu_);
        return tenants_;
    }

    result<std::vector<role>> roles_of(std::string_view user_id, std::optional<std::string_view> tenant_id) override {
        std::shared_lock lk(id_mu_);
        std::vector<role> out;
        for (const auto& r : roles_)
            if (std::any_of(assignments_.begin(), assignments_.end(), [&](const assignment& a) {
                    return a.user_id == user_id && a.role_id == r.id && a.tenant_id == tenant_id;
                }))
                out.push_back(r);
        return out;
    }

    result<std::vector<tenant>> tenants_of(std::string_view user_id) override {
        std::shared_lock lk(id_mu_);
        std::vector<tenant> out;
        for (const auto& t : tenants_)
            if (t.enabled.value_or(true) &&
                std::any_of(assignments_.begin(), assignments_.end(),
                            [&](const assignment& a) { return a.user_id == user_id && a.tenant_id == t.id; }))
                out.push_back(t);
        return out;
    }

    result<std::vector<catalog_entry>> catalog() override {
        std::shared_lock lk(id_mu_);
        std::vector<catalog_entry> out;
        for (const auto& x : services_) out.push_back(x.entry);
        return out;
    }

    result<void> create_tenant(const tenant& t) override {
        std::unique_lock lk(id_mu_);
        if (std::any_of(tenants_.begin(), tenants_.end(),
                        [&](const tenant& x) { return x.id == t.id || x.name == t.name; }))
            return conflict("Conflict occurred attempting to store tenant - Duplicate entry.");
        tenants_.push_back(t);
        return {};
    }
    result<bool> update_tenant(const tenant& t) override {
        std::unique_lock lk(id_mu_);
        auto it = std::find_if(tenants_.begin(), tenants_.end(), [&](const tenant& x) { return x.id == t.id; });
        if (it == tenants_.end()) return false;
        if (std::any_of(tenants_.begin(), tenants_.end(),
                        [&](const tenant& x) { return x.id != t.id && x.name == t.name; }))
            return conflict("Conflict occurred attempting to store tenant - Duplicate entry.");
        *it = t;
        return true;
    }
    result<bool> delete_tenant(std::string_view id) override {
        std::unique_lock lk(id_mu_);
        if (!std::erase_if(tenants_, [&](const tenant& x) { return x.id == id; })) return false;
        std::erase_if(assignments_, [&](const assignment& a) { return a.tenant_id == id; });
        return true;
    }

    result<std::vector<stored_user>> list_users() override {
        std::shared_lock lk(id_mu_);
        return users_;
    }
    result<std::vector<stored_user>> users_of(std::string_view tenant_id) override {
        std::shared_lock lk(id_mu_);
        std::vector<stored_user> out;
        for (const auto& u : users_)
            if (std::any_of(assignments_.begin(), assignments_.end(),
                            [&](const assignment& a) { return a.user_id == u.id && a.tenant_id == tenant_id; }))
                out.push_back(u);
        return out;
    }
    result<void> create_user(const stored_user& u) override {
        std::unique_lock lk(id_mu_);
        if (std::any_of(users_.begin(), users_.end(),
                        [&](const stored_user& x) { return x.id == u.id || x.name == u.name; }))
            return conflict("Conflict occurred attempting to store user - Duplicate entry.");
        users_.push_back(u);
        return {};
    }
    result<bool> update_user(const stored_user& u) override {
        std::unique_lock lk(id_mu_);
        auto it = std::find_if(users_.begin(), users_.end(), [&](const stored_user& x) { return x.id == u.id; });
        if (it == users_.end()) return false;
        if (std::any_of(users_.begin(), users_.end(),
                        [&](const stored_user& x) { return x.id != u.id && x.name == u.name; }))
            return conflict("Conflict occurred attempting to store user - Duplicate entry.");
        *it = u;
        return true;
    }
    result<bool> delete_user(std::string_view id) override {
        std::unique_lock lk(id_mu_);
        if (!std::erase_if(users_, [&](const stored_user& x) { return x.id == id; })) return false;
        std::erase_if(assignments_, [&](const assignment& a) { return a.user_id == id; });
        std::erase_if(ec2_, [&](const ec2_record& c) { return c.user_id == id; });
        return true;
    }

    result<std::vector<role>> list_roles() override {
        std::shared_lock lk(id_mu_);
        return roles_;
    }
    result<void> create_role(const role& r) override {
        std::unique_lock lk(id_mu_);
        if (std::any_of(roles_.begin(), roles_.end(), [&](const role& x) { return x.id == r.id || x.name == r.name; }))
            return conflict("Conflict occurred attempting to store role - Duplicate entry.");
        roles_.push_back(role{.id = r.id, .name = r.name});
        return {};
    }
    result<bool> delete_role(std::string_view id) override {
        std::unique_lock lk(id_mu_);
        if (!std::erase_if(roles_, [&](const role& x) { return x.id == id; })) return false;
        std::erase_if(assignments_, [&](const assignment& a) { return a.role_id == id; });
        return true;
    }
    result<bool> grant(const assignment& a) override {
        std::unique_lock lk(id_mu_);
        if (std::find(assignments_.begin(), assignments_.end(), a) != assignments_.end()) return false;
        assignments_.push_back(a);
        return true;
    }
    result<bool> revoke(const assignment& a) override {
        std::unique_lock lk(id_mu_);
        return std::erase(assignments_, a) > 0;
    }

    result<std::vector<stored_service>> list_services() override {
        std::shared_lock lk(id_mu_);
        return services_;
    }
    result<void> create_service(const stored_service& s) override {
        std::unique_lock lk(id_mu_);
        if (std::any_of(services_.begin(), services_.end(), [&](const stored_service& x) { return x.id == s.id; }))
            return conflict("Conflict occurred attempting to store service - Duplicate entry.");
        services_.push_back(s);
        return {};
    }
    result<bool> delete_service(std::string_view id) override {
        std::unique_lock lk(id_mu_);
        return std::erase_if(services_, [&](const stored_service& x) { return x.id == id; }) > 0;
    }
    result<bool> add_endpoint(std::string_view service_id, const endpoint& e) override {
        std::unique_lock lk(id_mu_);
        for (const auto& s : services_)
            for (const auto& x : s.entry.endpoints)
                if (x.id == e.id) return conflict("Conflict occurred attempting to store endpoint - Duplicate entry.");
        for (auto& s : services_)
            if (s.id == service_id) {
                s.entry.endpoints.push_back(e);
                return true;
            }
        return false;
    }
    result<bool> delete_endpoint(std::string_view id) override {
        std::unique_lock lk(id_mu_);
        for (auto& s : services_)
            if (std::erase_if(s.entry.endpoints, [&](const endpoint& x) { return x.id == id; })) return true;
        return false;
    }

    result<void> create_ec2(const ec2_record& c) override {
        std::unique_lock lk(id_mu_);
        if (std::any_of(ec2_.begin(), ec2_.end(), [&](const ec2_record& x) { return x.access == c.access; }))
            return conflict("Conflict occurred attempting to store credential - Duplicate entry.");
        // As the identity, bounded by what an admin creates; each user's credentials are few.
        ec2_.push_back(c);
        return {};
    }
    result<std::optional<ec2_record>> ec2_by_access(std::string_view access) override {
        std::shared_lock lk(id_mu_);
        return find_if(ec2_, [&](const ec2_record& c) { return c.access == access; });
    }
    result<std::vector<ec2_record>> ec2_of(std::string_view user_id) override {
        std::shared_lock lk(id_mu_);
        std::vector<ec2_record> out;
        for (const auto& c : ec2_)
            if (c.user_id == user_id) out.push_back(c);
        return out;
    }
    result<bool> delete_ec2(std::string_view access) override {
        std::unique_lock lk(id_mu_);
        return std::erase_if(ec2_, [&](const ec2_record& c) { return c.access == access; }) > 0;
    }

    result<void> put_token(const token_key& key, const token_record& t, std::size_t max_per_user) override {
        std::lock_guard lk(mu_);
        // Every new token purges what has expired: only that is touched, so it stays cheap however
        // many tokens are live, and memory never holds more than the live tokens.
        purge_locked(t.issued);
        expiry_.emplace(t.expires, key);
        tokens_.insert_or_assign(key, t);
        cap_user_locked(t.user_id, key, max_per_user);
        bound_expiry_locked();
        return {};
    }

    result<std::optional<token_record>> find_token(const token_key& key, time_point now) override {
        std::lock_guard lk(mu_);
        auto it = tokens_.find(key);
        if (it == tokens_.end()) return std::nullopt;
        // The digests again, in constant time (the map's own comparison is not).
        if (!crypto::equal(it->first.data(), key.data(), key.size())) return std::nullopt;
        if (it->second.expires <= now) {
            erase_token_locked(it);
            return std::nullopt;
        }
        return it->second;
    }

    result<bool> erase_token(const token_key& key) override {
        std::lock_guard lk(mu_);
        auto it = tokens_.find(key);
        if (it == tokens_.end()) return false;
        erase_token_locked(it);
        return true;
    }

    result<std::size_t> purge_tokens(time_point now) override {
        std::lock_guard lk(mu_);
        return purge_locked(now);
    }

    result<void> add_revocation(const revocation_event& e) override {
        std::lock_guard lk(mu_);
        if (revocations_.size() >= max_revocations_)
            return backend_error(fault_kind::service_unavailable, "Too many revocation events.");
        revocations_.insert(std::upper_bound(revocations_.begin(), revocations_.end(), e.revoked_at, revoked_before),
                            e);
        return {};
    }

    result<std::vector<revocation_event>> revocations(time_point since) override {
        std::lock_guard lk(mu_);
        const auto from = std::lower_bound(revocations_.begin(), revocations_.end(), since,
                                           [](const revocation_event& e, time_point t) { return e.revoked_at < t; });
        return std::vector<revocation_event>(from, revocations_.end());
    }

    result<std::size_t> prune_revocations(time_point before) override {
        std::lock_guard lk(mu_);
        std::size_t n = 0;
        for (; !revocations_.empty() && revocations_.front().revoked_at < before; ++n) revocations_.pop_front();
        return n;
    }

    // What the store holds, for monitoring: live tokens, the entries kept to expire and cap them
    // (each bounded by a small multiple of the live tokens), and the revocation events.
    struct usage {
        std::size_t tokens = 0, expiry_entries = 0, issue_order_entries = 0, revocations = 0;
    };
    usage memory_usage() {
        std::lock_guard lk(mu_);
        usage u{.tokens = tokens_.size(), .expiry_entries = expiry_.size(), .revocations = revocations_.size()};
        for (const auto& [user, ut] : issued_) u.issue_order_entries += ut.keys.size();
        return u;
    }

private:
    struct key_hash {
        std::size_t operator()(const token_key& k) const noexcept {
            std::size_t h;
            std::memcpy(&h, k.data(), sizeof h);
            return h;
        }
    };
    using token_map = std::unordered_map<token_key, token_record, key_hash>;

    template <class T, class F>
    static std::optional<T> find_if(const std::vector<T>& list, F f) {
        const auto it = std::find_if(list.begin(), list.end(), f);
        return it == list.end() ? std::nullopt : std::optional<T>(*it);
    }

    static bool revoked_before(time_point t, const revocation_event& e) { return t < e.revoked_at; }

    // Only what has expired is touched (soonest expiry first).
    std::size_t purge_locked(time_point now) {
        std::size_t n = 0;
        while (!expiry_.empty() && expiry_.top().first <= now) {
            // Revoked tokens, and expired ones erased when looked up, are already gone.
            if (auto it = tokens_.find(expiry_.top().second); it != tokens_.end() && it->second.expires <= now) {
                erase_token_locked(it);
                ++n;
            }
            expiry_.pop();
        }
        return n;
    }

    void erase_token_locked(token_map::iterator it) {
        if (auto u = issued_.find(it->second.user_id); u != issued_.end()) --u->second.live;
        tokens_.erase(it);
    }

    // A new token of user: the user's oldest live tokens are removed past max_per_user. Keys of
    // tokens gone since (revoked, expired) are skipped, and dropped once they could outnumber the
    // live ones.
    void cap_user_locked(const std::string& user, const token_key& key, std::size_t max_per_user) {
        user_tokens& ut = issued_[user];
        ut.keys.push_back(key);
        ++ut.live;
        while (ut.live > max_per_user && !ut.keys.empty()) {
            const token_key oldest = ut.keys.front();
            ut.keys.pop_front();
            if (auto it = tokens_.find(oldest); it != tokens_.end()) erase_token_locked(it);
        }
        if (ut.keys.size() > 2 * ut.live + 16)
            std::erase_if(ut.keys, [&](const token_key& k) { return !tokens_.contains(k); });
    }

    // Removed tokens leave their expiry entry behind: the queue is made again from the live
    // tokens once it holds twice as many entries as there are tokens.
    void bound_expiry_locked() {
        if (expiry_.size() <= 2 * tokens_.size() + 1024) return;
        std::vector<expiry_entry> live;
        live.reserve(tokens_.size());
        for (const auto& [k, t] : tokens_) live.emplace_back(t.expires, k);
        expiry_ = decltype(expiry_)(std::greater<>{}, std::move(live));
    }

    std::shared_mutex id_mu_;  // the identity, which OS-KSADM changes
    std::vector<tenant> tenants_;
    std::vector<role> roles_;
    std::vector<stored_user> users_;
    std::vector<assignment> assignments_;
    std::vector<stored_service> services_;
    std::vector<ec2_record> ec2_;
    const std::size_t max_revocations_;

    std::mutex mu_;
    token_map tokens_;
    using expiry_entry = std::pair<time_point, token_key>;
    std::priority_queue<expiry_entry, std::vector<expiry_entry>, std::greater<>> expiry_;
    struct user_tokens {
        std::deque<token_key> keys;  // issue order, oldest first (some may be gone since)
        std::size_t live = 0;
    };
    std::unordered_map<std::string, user_tokens> issued_;  // by user id
    std::deque<revocation_event> revocations_;             // by revoked_at, oldest first
};

}  // namespace openstack::identity::v2::protocol

#endif
// ---- end openstack/identity/v2/protocol/memory_store.hpp
// ---- begin openstack/identity/v2/protocol/standard_backend.hpp
#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_STANDARD_BACKEND_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_STANDARD_BACKEND_HPP

// The backend of an identity server made of a store (protocol/store.hpp: memory or SQL) and a token
// provider (protocol/token_provider.hpp: UUID or Fernet): authentication, access documents with
// the templated catalog, revocation, and the caches that keep validation cheap.
//
// Revocation. Every token read (validation, authorization, rescoping, its endpoints and tenants)
// is checked against the store's revocation events, whichever the provider. The backend keeps
// the events in memory and fetches the new ones from the store at most every
// `revocation_refresh`: another instance's revocation (a shared SQL store) is seen within that
// time, this instance's at once. DELETE /v2.0/tokens/{id} records an event by the token's own
// audit id (the tokens rescoped from it stay good, as Keystone's), then the provider forgets the
// token (UUID: its record). Events are pruned once every token they could match has expired, at
// most a minute late.
//
// Catalog URLs may hold $(tenant_id)s (or $(project_id)s), $(user_id)s, $(public_url)s,
// $(admin_url)s, $(public_port)s and $(admin_port)s, the trailing "s" optional, substituted per
// token like Keystone's templated catalog; an endpoint with an unknown or unavailable variable is
// left out. A (user, tenant)'s catalog is made once and kept (set_listener_urls() starts over),
// until the store's templates change: they are read again at most every revocation_refresh (this
// instance's own change to them at once), and the catalogs dropped when they differ.
//
// Administration (OS-KSADM, OS-KSCRUD, OS-EC2) writes through to the store. Disabling, deleting or
// giving a new password to a user records a revocation event by user; removing a role on a
// tenant, one by user and tenant; disabling or deleting a tenant, one by tenant: so every instance
// sharing the store stops honouring the tokens within revocation_refresh.

// ---- begin openstack/identity/v2/protocol/token_provider.hpp
#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_TOKEN_PROVIDER_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_TOKEN_PROVIDER_HPP

// Token providers: what a token id stands for, and where that is kept. A UUID token is a random id
// whose data a store keeps (uuid_provider); a Fernet token carries its data, encrypted and signed
// with the key repository's keys, and nothing is kept (fernet_provider). Revocation is the
// backend's (standard_backend): every token is checked against the store's revocation events, of
// either provider.


#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

// What a token says.
struct token_data {
    std::string user_id;
    std::optional<std::string> tenant_id;  // the scope
    time_point issued;
    time_point expires;
    std::vector<std::string> audit_ids;  // the token's own first, then the chain it was rescoped from
    std::uint64_t methods = 0;           // fernet::method bits; a UUID token keeps none (0)
    friend bool operator==(const token_data&, const token_data&) = default;
};

class token_provider {
public:
    virtual ~token_provider() = default;

    // A new token's id. t.issued is rounded to what the token keeps (Fernet: whole seconds), so
    // that a document made from t is the one that reading the token makes later.
    virtual result<std::string> issue(token_data& t) = 0;

    // The token's data; std::nullopt when the id is no token of this provider, or one expired at
    // `now`. An error: the provider cannot answer (its store).
    virtual result<std::optional<token_data>> read(std::string_view id, time_point now) = 0;

    // Forgets what the provider keeps of the token (DELETE /v2.0/tokens/{id}, after the backend
    // has recorded the revocation event).
    virtual result<void> revoke(std::string_view id) = 0;
};

// 128-bit random ids (32 hex digits, Keystone's UUID tokens), kept in a store under their SHA-256.
class uuid_provider final : public token_provider {
public:
    // max_per_user: the live tokens a user may hold; past it, the user's oldest are removed.
    // Rescoping costs no password hash, so without it one user could fill the store (200,000
    // tokens in 14 s). A thousand covers a service account whose every worker holds a few.
    explicit uuid_provider(std::shared_ptr<store> s, std::size_t max_per_user = 1000)
        : store_(std::move(s)), max_per_user_(max_per_user) {}

    result<std::string> issue(token_data& t) override {
        std::string id = crypto::random_id();
        auto r = store_->put_token(crypto::sha256(id),
                                   {.user_id = t.user_id,
                                    .tenant_id = t.tenant_id,
                                    .issued = t.issued,
                                    .expires = t.expires,
                                    .audit_ids = t.audit_ids},
                                   max_per_user_);
        if (!r) return r.error();
        return id;
    }

    result<std::optional<token_data>> read(std::string_view id, time_point now) override {
        if (id.empty()) return std::nullopt;
        auto r = store_->find_token(crypto::sha256(id), now);
        if (!r) return r.error();
        if (!*r) return std::nullopt;
        token_record& t = **r;
        return token_data{.user_id = std::move(t.user_id),
                          .tenant_id = std::move(t.tenant_id),
                          .issued = t.issued,
                          .expires = t.expires,
                          .audit_ids = std::move(t.audit_ids)};
    }

    result<void> revoke(std::string_view id) override {
        auto r = store_->erase_token(crypto::sha256(id));
        if (!r) return r.error();
        return {};
    }

private:
    std::shared_ptr<store> store_;
    std::size_t max_per_user_;
};

// Keystone's Fernet tokens (fernet.hpp): the user, the methods, the tenant (as the payload's
// project), the expiry and the audit ids, in the token itself; the issue time is the Fernet
// timestamp. Any instance that has the keys reads them: nothing is kept, so revoking one is the
// revocation event alone.
class fernet_provider final : public token_provider {
public:
    // Fixed keys, never read again.
    explicit fernet_provider(fernet::provider keys)
        : keys_(std::make_shared<const fernet::provider>(std::move(keys))) {}

    // The keys of a key repository, read again at most once per `refresh` while tokens are
    // minted and read: a rotation (identity-manage fernet-rotate, or a repository copied from
    // the node that rotates) takes effect without a restart, as Keystone reads its repository
    // for every token. A repository that cannot be read at that moment (a copy half done, a bad
    // file) leaves the keys as they were, and is tried again a `refresh` later. The first read
    // must succeed: its error is returned.
    static result<std::shared_ptr<fernet_provider>> open(std::filesystem::path repository,
                                                         std::chrono::milliseconds refresh = std::chrono::seconds(1)) {
        auto keys = fernet::provider::load(repository);
        if (!keys) return keys.error();
        auto p = std::make_shared<fernet_provider>(std::move(*keys));
        p->repository_ = std::move(repository);
        p->refresh_ = refresh;
        p->next_check_ = ticks(std::chrono::steady_clock::now() + refresh);
        return p;
    }

    result<std::string> issue(token_data& t) override {
        const auto issued = std::chrono::floor<std::chrono::seconds>(t.issued);
        t.issued = issued;
        return keys()->mint({.user_id = t.user_id,
                             .methods = t.methods,
                             .project_id = t.tenant_id,
                             .expires_at = std::chrono::floor<std::chrono::microseconds>(t.expires),
                             .audit_ids = t.audit_ids},
                            issued);
    }

    result<std::optional<token_data>> read(std::string_view id, time_point now) override {
        auto r = keys()->read(id, now);
        // Not ours, tampered with or expired: no such token, as Keystone answers (404).
        if (!r) {
            if (r.error().kind == fault_kind::item_not_found) return std::nullopt;
            return r.error();
        }
        fernet::payload& p = r->payload;
        return token_data{.user_id = std::move(p.user_id),
                          .tenant_id = std::move(p.project_id),
                          .issued = r->issued_at,
                          .expires = p.expires_at,
                          .audit_ids = std::move(p.audit_ids),
                          .methods = p.methods};
    }

    // Nothing is kept: the revocation event does it all.
    result<void> revoke(std::string_view) override { return {}; }

private:
    static std::int64_t ticks(std::chrono::steady_clock::time_point t) { return t.time_since_epoch().count(); }

    // The keys in use, after reading the repository again when it is time to (one thread reads
    // it; the others go on with the keys they have).
    std::shared_ptr<const fernet::provider> keys() {
        if (!repository_.empty()) {
            const auto t = std::chrono::steady_clock::now();
            if (ticks(t) >= next_check_.load(std::memory_order_relaxed)) {
                std::unique_lock reading(reload_mu_, std::try_to_lock);
                if (reading && ticks(t) >= next_check_.load(std::memory_order_relaxed)) {
                    if (auto k = fernet::provider::load(repository_)) {
                        auto fresh = std::make_shared<const fernet::provider>(std::move(*k));
                        std::lock_guard l(mu_);
                        keys_ = std::move(fresh);
                    }
                    next_check_.store(ticks(t + refresh_), std::memory_order_relaxed);
                }
            }
        }
        std::lock_guard l(mu_);
        return keys_;
    }

    std::mutex mu_;  // keys_
    std::shared_ptr<const fernet::provider> keys_;
    std::filesystem::path repository_;  // empty: fixed keys
    std::chrono::milliseconds refresh_{0};
    std::mutex reload_mu_;
    std::atomic<std::int64_t> next_check_{0};
};

}  // namespace openstack::identity::v2::protocol

#endif
// ---- end openstack/identity/v2/protocol/token_provider.hpp

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstring>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

struct backend_options {
    std::string admin_token;  // empty: no admin token
    std::string admin_role = "admin";
    // The lifetime of a new token, and the longest any token has (a rescoped token keeps its
    // parent's expiry): revocation events are kept that long. Instances sharing a store share it.
    std::chrono::seconds token_lifetime{3600};
    std::size_t document_cache = 1024;  // validation answers kept, for this many tokens (0: none)
    // The PBKDF2 work of an unknown user's check: a name that exists must not answer slower than
    // one that does not, so at least the iterations of the dearest stored hash.
    unsigned pbkdf2_iterations = crypto::default_iterations;
    // How stale the backend's copy of the revocation events may be: one store query per interval
    // at most, and another instance's revocation seen within it (0: on every token read). A
    // second is far below a token's lifetime and costs a shared store one indexed query a second.
    std::chrono::milliseconds revocation_refresh{1000};
    std::function<time_point()> clock;  // empty: the system clock (tests move time)
};

namespace detail {

// The revocation events a backend has seen, by the fields they set: a token is looked up once per
// combination of fields that some event sets (usually one, the audit id), not against every
// event. Two events with the same fields are one, revoking what either revokes.
class revocation_index {
public:
    void add(const revocation_event& e) {
        auto [it, fresh] = shapes_[shape(e.audit_id.has_value(), e.user_id.has_value(), e.tenant_id.has_value())]
                               .try_emplace(key(e.audit_id, e.user_id, e.tenant_id),
                                            entry{e.issued_before, e.revoked_at});
        if (!fresh) {
            it->second.issued_before = std::max(it->second.issued_before, e.issued_before);
            it->second.revoked_at = std::max(it->second.revoked_at, e.revoked_at);
        }
    }

    // Whether an event matches the token: its own audit id, its user, its tenant, as the event sets.
    bool revokes(const token_data& t) const {
        for (unsigned s = 0; s < shapes_.size(); ++s) {
            if (shapes_[s].empty()) continue;
            std::optional<std::string_view> a, u, tn;
            if (s & audit_bit) {
                if (t.audit_ids.empty()) continue;
                a = t.audit_ids.front();
            }
            if (s & user_bit) u = t.user_id;
            if (s & tenant_bit) {
                if (!t.tenant_id) continue;
                tn = *t.tenant_id;
            }
            const auto it = shapes_[s].find(key(a, u, tn));
            if (it != shapes_[s].end() && t.issued <= it->second.issued_before) return true;
        }
        return false;
    }

    void prune(time_point before) {
        for (auto& m : shapes_) std::erase_if(m, [&](const auto& kv) { return kv.second.revoked_at < before; });
    }

private:
    static constexpr unsigned audit_bit = 1, user_bit = 2, tenant_bit = 4;
    static unsigned shape(bool audit, bool user, bool tenant) {
        return (audit ? audit_bit : 0) | (user ? user_bit : 0) | (tenant ? tenant_bit : 0);
    }
    // The fields the shape sets, each as its length and its text: no two field lists give one key.
    static std::string key(std::optional<std::string_view> a, std::optional<std::string_view> u,
                           std::optional<std::string_view> tn) {
        std::string k;
        for (const auto& f : {a, u, tn})
            if (f) k.append(std::to_string(f->size())).append(1, ':').append(*f);
        return k;
    }
    struct entry {
        time_point issued_before, revoked_at;
    };
    std::array<std::unordered_map<std::string, entry>, 8> shapes_;
};

}  // namespace detail

class standard_backend : public backend {
public:
    standard_backend(std::shared_ptr<store> s, std::shared_ptr<token_provider> p, backend_options o = {})
        : store_(std::move(s)), provider_(std::move(p)), opt_(std::move(o)),
          admin_digest_(crypto::sha256(opt_.admin_token)),
          dummy_(*crypto::parse_password_hash(crypto::hash_password("dummy", opt_.pbkdf2_iterations))),
          clock_(opt_.clock) {}

    // The listeners' URLs ("http://127.0.0.1:5000"), for $(public_url)s and friends.
    void set_listener_urls(std::string public_url, std::string admin_url) {
        std::lock_guard lk(mu_);
        public_url_ = std::move(public_url);
        admin_url_ = std::move(admin_url);
        catalogs_.clear();
    }

    // Tests move time.
    void set_clock(std::function<time_point()> f) {
        std::lock_guard lk(mu_);
        clock_ = std::move(f);
    }

    // Validation answers held (at most backend_options::document_cache).
    std::size_t cached_documents() {
        std::lock_guard lk(mu_);
        return docs_.size();
    }

    result<access> authenticate(const auth& a) override { return authenticate_at(a, {}); }

    result<principal> authorize(std::string_view tok) override {
        // As crypto::secrets_equal, with the admin token's digest made once.
        const token_key digest = crypto::sha256(tok);
        if (!opt_.admin_token.empty() && crypto::equal(digest.data(), admin_digest_.data(), digest.size()))
            return principal{.admin = true};
        auto t = live(tok, now());
        if (!t) return t.error();
        if (!*t) return unauthorized();
        auto sc = scope_of(**t);
        if (!sc) return sc.error();
        if (!*sc) return unauthorized();
        principal p{.user_id = (*t)->user_id, .tenant_id = (*t)->tenant_id};
        p.admin = std::any_of((*sc)->roles.begin(), (*sc)->roles.end(),
                              [&](const role& r) { return r.name == opt_.admin_role; });
        return p;
    }

    // A token is validated again and again (every service checks every request's token): the
    // answers for the last `document_cache` tokens validated are kept, so a repeat costs no copy.
    // A kept answer is handed out only after the token has been read again (expiry) and checked
    // against the revocation events.
    result<access_ptr> validate_token(std::string_view id) override {
        auto t = live(id, now());
        if (!t) return t.error();
        if (!*t) return not_found("token", "");
        const token_key key = crypto::sha256(id);
        {
            std::lock_guard lk(mu_);
            if (auto it = doc_index_.find(key); it != doc_index_.end()) return it->second->doc;
        }
        auto sc = scope_of(**t);
        if (!sc) return sc.error();
        if (!*sc) return not_found("token", "");
        auto a = make_access(**sc, **t);
        if (!a) return a.error();
        set_token(*a, std::string(id), **t);
        auto doc = std::make_shared<const access>(std::move(*a));
        if (opt_.document_cache == 0) return doc;
        std::lock_guard lk(mu_);
        if (auto it = doc_index_.find(key); it != doc_index_.end()) return it->second->doc;  // made meanwhile
        // The oldest document goes first.
        if (docs_.size() >= opt_.document_cache) {
            doc_index_.erase(docs_.front().key);
            docs_.pop_front();
        }
        docs_.push_back({key, doc});
        doc_index_.emplace(key, std::prev(docs_.end()));
        return doc;
    }

    result<endpoints> token_endpoints(std::string_view id) override {
        auto t = good(id);
        if (!t) return t.error();
        if (!*t) return not_found("token", "");
        endpoints out;
        if ((*t)->tenant_id) {
            auto cat = catalog_of((*t)->user_id, *(*t)->tenant_id);
            if (!cat) return cat.error();
            for (auto& svc : *cat)
                for (auto e : svc.endpoints) {
                    e.name = svc.name;
                    e.type = svc.type;
                    out.items.push_back(std::move(e));
                }
        }
        out.links.emplace();
        return out;
    }

    result<void> revoke_token(std::string_view id) override {
        const time_point now = this->now();
        if (auto r = maintain(now); !r) return r;
        auto t = live(id, now);
        if (!t) return t.error();
        if (!*t) return not_found("token", "");
        if (!(*t)->audit_ids.empty()) {
            // Matches the token even when it was stamped by a clock ahead of this one.
            const revocation_event e{
                .audit_id = (*t)->audit_ids.front(), .issued_before = std::max(now, (*t)->issued), .revoked_at = now};
            if (auto r = store_->add_revocation(e); !r) return r;
            std::lock_guard lk(mu_);
            revoked_.add(e);
        }
        if (auto r = provider_->revoke(id); !r) return r;
        std::lock_guard lk(mu_);
        if (auto it = doc_index_.find(crypto::sha256(id)); it != doc_index_.end()) {
            docs_.erase(it->second);
            doc_index_.erase(it);
        }
        return {};
    }

    result<tenants> tenants_for_token(std::string_view tok) override {
        auto t = good(tok);
        if (!t) return t.error();
        if (!*t) return unauthorized();
        auto list = store_->tenants_of((*t)->user_id);
        if (!list) return list.error();
        tenants out;
        out.items = std::move(*list);
        out.links.emplace();
        return out;
    }

    result<tenants> list_tenants() override {
        auto list = store_->list_tenants();
        if (!list) return list.error();
        tenants out;
        out.items = std::move(*list);
        out.links.emplace();
        return out;
    }

    result<tenant> tenant_by_id(std::string_view id) override { return found("tenant", id, store_->tenant_by_id(id)); }

    result<tenant> tenant_by_name(std::string_view name) override {
        return found("tenant", name, store_->tenant_by_name(name));
    }

    result<user> user_by_id(std::string_view id) override {
        auto u = found("user", id, store_->user_by_id(id));
        if (!u) return u.error();
        return to_user(*u);
    }

    result<user> user_by_name(std::string_view name) override {
        auto u = found("user", name, store_->user_by_name(name));
        if (!u) return u.error();
        return to_user(*u);
    }

    result<roles> user_roles(std::string_view user_id, std::optional<std::string_view> tenant_id) override {
        if (auto u = found("user", user_id, store_->user_by_id(user_id)); !u) return u.error();
        if (tenant_id)
            if (auto t = found("tenant", *tenant_id, store_->tenant_by_id(*tenant_id)); !t) return t.error();
        auto list = store_->roles_of(user_id, tenant_id);
        if (!list) return list.error();
        roles out;
        out.items = std::move(*list);
        return out;
    }

    result<tenant> create_tenant(const tenant& t) override {
        if (!t.name || t.name->empty()) return missing("tenant.name");
        tenant x{.id = t.id.value_or(crypto::random_id()),
                 .name = t.name,
                 .description = t.description.is_absent() ? nullable<std::string>(nullptr) : t.description,
                 .enabled = t.enabled.value_or(true)};
        if (auto r = store_->create_tenant(x); !r) return r.error();
        return x;
    }

    result<tenant> update_tenant(std::string_view id, const tenant& changes) override {
        auto t = found("tenant", id, store_->tenant_by_id(id));
        if (!t) return t.error();
        const bool was_enabled = t->enabled.value_or(true);
        if (changes.name) {
            if (changes.name->empty()) return missing("tenant.name");
            t->name = changes.name;
        }
        if (!changes.description.is_absent()) t->description = changes.description;
        if (changes.enabled) t->enabled = changes.enabled;
        auto r = store_->update_tenant(*t);
        if (!r) return r.error();
        if (!*r) return not_found("tenant", id);
        if (was_enabled && !t->enabled.value_or(true))
            if (auto e = revoke_by({.tenant_id = std::string(id)}); !e) return e.error();
        return std::move(*t);
    }

    result<void> delete_tenant(std::string_view id) override {
        auto r = store_->delete_tenant(id);
        if (!r) return r.error();
        if (!*r) return not_found("tenant", id);
        return revoke_by({.tenant_id = std::string(id)});
    }

    result<users> list_users() override { return users_doc(store_->list_users()); }

    result<users> tenant_users(std::string_view tenant_id) override {
        if (auto t = found("tenant", tenant_id, store_->tenant_by_id(tenant_id)); !t) return t.error();
        return users_doc(store_->users_of(tenant_id));
    }

    result<user> create_user(const user& u) override {
        if (!u.name || u.name->empty()) return missing("user.name");
        if (u.tenant_id)
            if (auto t = found("tenant", *u.tenant_id, store_->tenant_by_id(*u.tenant_id)); !t) return t.error();
        // A user made without a password has one nobody knows.
        stored_user x{.id = u.id.value_or(crypto::random_id()),
                      .name = *u.name,
                      .email = u.email,
                      .enabled = u.enabled.value_or(true),
                      .tenant_id = u.tenant_id,
                      .password = hash(u.password.value_or(crypto::random_id()))};
        if (auto r = store_->create_user(x); !r) return r.error();
        return to_user(x);
    }

    result<user> update_user(std::string_view id, const user& changes) override {
        auto u = found("user", id, store_->user_by_id(id));
        if (!u) return u.error();
        const bool was_enabled = u->enabled;
        if (changes.name) {
            if (changes.name->empty()) return missing("user.name");
            u->name = *changes.name;
        }
        if (changes.email) u->email = changes.email;
        if (changes.enabled) u->enabled = *changes.enabled;
        if (changes.tenant_id) {
            if (auto t = found("tenant", *changes.tenant_id, store_->tenant_by_id(*changes.tenant_id)); !t)
                return t.error();
            u->tenant_id = changes.tenant_id;
        }
        if (changes.password) u->password = hash(*changes.password);
        auto r = store_->update_user(*u);
        if (!r) return r.error();
        if (!*r) return not_found("user", id);
        if ((was_enabled && !u->enabled) || changes.password)
            if (auto e = revoke_by({.user_id = std::string(id)}); !e) return e.error();
        return to_user(*u);
    }

    result<void> delete_user(std::string_view id) override {
        auto r = store_->delete_user(id);
        if (!r) return r.error();
        if (!*r) return not_found("user", id);
        return revoke_by({.user_id = std::string(id)});
    }

    result<access> change_own_password(std::string_view tok, std::string_view user_id, std::string_view original,
                                       std::string_view password) override {
        auto t = good(tok);
        if (!t) return t.error();
        if (!*t) return unauthorized();
        if ((*t)->user_id != user_id) return backend_error(fault_kind::forbidden, "Token belongs to another user.");
        auto u = found("user", user_id, store_->user_by_id(user_id));
        if (!u) return u.error();
        if (!crypto::verify_password(original, u->password)) return unauthorized();
        u->password = hash(password);
        auto r = store_->update_user(*u);
        if (!r) return r.error();
        if (!*r) return not_found("user", user_id);
        const time_point at = now();
        if (auto e = revoke_by({.user_id = std::string(user_id)}, at); !e) return e.error();
        auth a;
        a.password_credentials = password_credentials{.user_id = u->id, .password = std::string(password)};
        a.tenant_id = (*t)->tenant_id;
        return authenticate_at(a, std::chrono::ceil<std::chrono::seconds>(at + std::chrono::microseconds(1)));
    }

    result<roles> list_roles() override {
        auto list = store_->list_roles();
        if (!list) return list.error();
        roles out;
        out.items = std::move(*list);
        return out;
    }

    result<role> role_by_id(std::string_view id) override {
        auto list = store_->list_roles();
        if (!list) return list.error();
        for (auto& r : *list)
            if (r.id == id) return std::move(r);
        return not_found("role", id);
    }

    result<role> create_role(const role& r) override {
        if (!r.name || r.name->empty()) return missing("role.name");
        role x{.id = r.id.value_or(crypto::random_id()), .name = r.name};
        if (auto c = store_->create_role(x); !c) return c.error();
        return x;
    }

    result<void> delete_role(std::string_view id) override {
        auto r = store_->delete_role(id);
        if (!r) return r.error();
        if (!*r) return not_found("role", id);
        forget_documents();
        return {};
    }

    result<role> grant_role(std::string_view user_id, std::optional<std::string_view> tenant_id,
                            std::string_view role_id) override {
        if (auto u = found("user", user_id, store_->user_by_id(user_id)); !u) return u.error();
        if (tenant_id)
            if (auto t = found("tenant", *tenant_id, store_->tenant_by_id(*tenant_id)); !t) return t.error();
        auto ro = role_by_id(role_id);
        if (!ro) return ro.error();
        auto r = store_->grant({.user_id = std::string(user_id),
                                .tenant_id = opt_string(tenant_id),
                                .role_id = std::string(role_id)});
        if (!r) return r.error();
        if (!*r) return conflict("Conflict occurred attempting to store role grant - the user has the role.");
        // Documents of the user's tokens list the roles they had.
        forget_documents();
        return ro;
    }

    result<void> revoke_role(std::string_view user_id, std::optional<std::string_view> tenant_id,
                             std::string_view role_id) override {
        auto r = store_->revoke({.user_id = std::string(user_id),
                                 .tenant_id = opt_string(tenant_id),
                                 .role_id = std::string(role_id)});
        if (!r) return r.error();
        if (!*r) return not_found("role grant", role_id);
        if (tenant_id) return revoke_by({.user_id = std::string(user_id), .tenant_id = std::string(*tenant_id)});
        forget_documents();
        return {};
    }

    result<services> list_services() override {
        auto list = store_->list_services();
        if (!list) return list.error();
        services out;
        for (const auto& x : *list) out.items.push_back(to_service(x));
        return out;
    }

    result<service> service_by_id(std::string_view id) override {
        auto list = store_->list_services();
        if (!list) return list.error();
        for (const auto& x : *list)
            if (x.id == id) return to_service(x);
        return not_found("service", id);
    }

    result<service> create_service(const service& s) override {
        if (s.type.empty()) return missing("OS-KSADM:service.type");
        stored_service x{.id = s.id.value_or(crypto::random_id()), .description = s.description, .entry = {}};
        x.entry.type = s.type;
        x.entry.name = s.name;
        if (auto r = store_->create_service(x); !r) return r.error();
        catalog_changed();
        return to_service(x);
    }

    result<void> delete_service(std::string_view id) override {
        auto r = store_->delete_service(id);
        if (!r) return r.error();
        if (!*r) return not_found("service", id);
        catalog_changed();
        return {};
    }

    result<std::vector<std::pair<std::string, endpoint>>> list_endpoints() override {
        auto list = store_->list_services();
        if (!list) return list.error();
        std::vector<std::pair<std::string, endpoint>> out;
        for (const auto& x : *list)
            for (const auto& e : x.entry.endpoints) out.emplace_back(x.id, e);
        return out;
    }

    result<endpoint> create_endpoint(std::string_view service_id, const endpoint& e) override {
        endpoint x = e;
        if (!x.id) x.id = crypto::random_id();
        auto r = store_->add_endpoint(service_id, x);
        if (!r) return r.error();
        if (!*r) return not_found("service", service_id);
        catalog_changed();
        return x;
    }

    result<void> delete_endpoint(std::string_view id) override {
        auto r = store_->delete_endpoint(id);
        if (!r) return r.error();
        if (!*r) return not_found("endpoint", id);
        catalog_changed();
        return {};
    }

    result<credential> create_ec2_credential(std::string_view user_id, std::string_view tenant_id) override {
        if (auto u = found("user", user_id, store_->user_by_id(user_id)); !u) return u.error();
        if (auto t = found("tenant", tenant_id, store_->tenant_by_id(tenant_id)); !t) return t.error();
        const ec2_record c{.access = crypto::random_id(),
                           .secret = crypto::random_id(),
                           .user_id = std::string(user_id),
                           .tenant_id = std::string(tenant_id)};
        if (auto r = store_->create_ec2(c); !r) return r.error();
        return to_credential(c);
    }

    result<std::vector<credential>> list_ec2_credentials(std::string_view user_id) override {
        if (auto u = found("user", user_id, store_->user_by_id(user_id)); !u) return u.error();
        auto list = store_->ec2_of(user_id);
        if (!list) return list.error();
        std::vector<credential> out;
        for (const auto& c : *list) out.push_back(to_credential(c));
        return out;
    }

    result<credential> ec2_credential(std::string_view user_id, std::string_view access) override {
        auto c = store_->ec2_by_access(access);
        if (!c) return c.error();
        if (!*c || (*c)->user_id != user_id) return not_found("credential", access);
        return to_credential(**c);
    }

    result<void> delete_ec2_credential(std::string_view user_id, std::string_view access) override {
        if (auto c = ec2_credential(user_id, access); !c) return c.error();
        auto r = store_->delete_ec2(access);
        if (!r) return r.error();
        if (!*r) return not_found("credential", access);
        return {};
    }

    // As Keystone's ec2tokens: the credential's user, scoped to its tenant, without a password.
    result<access> ec2_authenticate(const ec2_request& q) override {
        const time_point now = this->now();
        if (auto r = maintain(now); !r) return r.error();
        auto c = store_->ec2_by_access(q.access);
        if (!c) return c.error();
        if (!*c) return backend_error(fault_kind::unauthorized, "EC2 access key not found.");
        auto ok = ec2::signed_with(q, (*c)->secret);
        if (!ok) return ok.error();
        if (!*ok) return backend_error(fault_kind::unauthorized, "Invalid EC2 signature.");
        auto u = store_->user_by_id((*c)->user_id);
        if (!u) return u.error();
        if (!*u) return unauthorized();
        if (!(*u)->enabled)
            return backend_error(fault_kind::user_disabled, "The account is disabled for user: " + (*u)->id + ".");
        token_data t{.issued = now};
        t.expires = now + opt_.token_lifetime;
        t.audit_ids.push_back(crypto::random_audit_id());
        t.methods = fernet::method::password;
        return issue(std::move(**u), std::move(t), (*c)->tenant_id, std::nullopt);
    }

protected:
    time_point now() {
        std::lock_guard lk(mu_);
        return clock_ ? clock_() : std::chrono::system_clock::now();
    }

private:
    // How far the clocks of instances sharing a store (and the store's commits) may disagree:
    // fetches of revocation events overlap by this much, and events are kept this much longer.
    static constexpr std::chrono::seconds skew{10};
    // Expired tokens are purged, and old revocation events pruned, at most this often.
    static constexpr std::chrono::minutes maintenance{1};
    // Catalogs kept: a store may hold far more (user, tenant) pairs than a configuration (a few
    // KiB each). Past it they are made again as they are asked for.
    static constexpr std::size_t max_catalogs = 10'000;

    // What a token's document is made of.
    struct scope {
        stored_user user;
        std::optional<tenant> project;  // the tenant
        std::vector<role> roles;        // on the tenant
    };

    static error unauthorized() {
        return backend_error(fault_kind::unauthorized, "The request you have made requires authentication.");
    }
    static error not_found(std::string_view what, std::string_view id) {
        std::string m = "Could not find " + std::string(what);
        if (!id.empty()) m += ": " + std::string(id);
        return backend_error(fault_kind::item_not_found, m + ".");
    }
    template <class T>
    static result<T> found(std::string_view what, std::string_view id, result<std::optional<T>> r) {
        if (!r) return r.error();
        if (!*r) return not_found(what, id);
        return std::move(**r);
    }

    // A token issued no earlier than not_before: past the revocation events of a password just
    // changed, whose second a Fernet token's issue time (whole seconds) would fall in.
    result<access> authenticate_at(const auth& a, time_point not_before) {
        const time_point now = std::max(this->now(), not_before);
        if (auto r = maintain(now); !r) return r.error();
        std::optional<stored_user> u;
        token_data t{.issued = now};
        if (a.password_credentials) {
            const auto& pc = *a.password_credentials;
            result<std::optional<stored_user>> found{std::nullopt};
            if (pc.user_id && !pc.user_id->empty()) found = store_->user_by_id(*pc.user_id);
            else if (pc.username) found = store_->user_by_name(*pc.username);
            if (!found) return found.error();
            u = std::move(*found);
            // The same work whether or not the user exists.
            const bool ok = crypto::verify_password(pc.password, u ? u->password : dummy_) && u;
            if (!ok) return unauthorized();
            if (!u->enabled)
                return backend_error(fault_kind::user_disabled, "The account is disabled for user: " + u->id + ".");
            t.expires = now + opt_.token_lifetime;
            t.audit_ids.push_back(crypto::random_audit_id());
            t.methods = fernet::method::password;
        } else if (a.token) {
            auto parent = live(a.token->id, now);
            if (!parent) return parent.error();
            if (!*parent) return unauthorized();
            auto sc = scope_of(**parent);
            if (!sc) return sc.error();
            if (!*sc) return unauthorized();
            u = std::move((*sc)->user);
            t.expires = (*parent)->expires;  // a rescoped token keeps the original expiry
            t.audit_ids.push_back(crypto::random_audit_id());
            if (!(*parent)->audit_ids.empty()) t.audit_ids.push_back((*parent)->audit_ids.front());
            t.methods = (*parent)->methods | fernet::method::token;
        } else {
            return unauthorized();  // EC2 credentials come to POST /v2.0/ec2tokens
        }
        return issue(std::move(*u), std::move(t), a.tenant_id, a.tenant_name);
    }

    // A new token of the user, scoped to the tenant (by id, else by name) when one is given.
    result<access> issue(stored_user u, token_data t, const std::optional<std::string>& tenant_id,
                         const std::optional<std::string>& tenant_name) {
        t.user_id = u.id;
        scope sc{.user = std::move(u)};
        if (tenant_id || tenant_name) {
            auto found = tenant_id ? store_->tenant_by_id(*tenant_id) : store_->tenant_by_name(*tenant_name);
            if (!found) return found.error();
            if (!*found || !(*found)->enabled.value_or(true)) return unauthorized();
            auto roles = store_->roles_of(sc.user.id, *(*found)->id);
            if (!roles) return roles.error();
            if (roles->empty()) return unauthorized();
            t.tenant_id = (*found)->id;
            sc.project = std::move(*found);
            sc.roles = std::move(*roles);
        }
        auto doc = make_access(sc, t);
        if (!doc) return doc.error();
        auto id = provider_->issue(t);
        if (!id) return id.error();
        set_token(*doc, std::move(*id), t);
        return std::move(*doc);
    }

    static error missing(std::string path) {
        error e;
        e.code = make_error_code(errc::missing_member);
        e.kind = fault_kind::bad_request;
        e.path = std::move(path);
        e.message = "required member missing";
        return e;
    }

    static std::optional<std::string> opt_string(std::optional<std::string_view> s) {
        return s ? std::optional<std::string>(*s) : std::nullopt;
    }

    crypto::password_hash hash(std::string_view password) const {
        return *crypto::parse_password_hash(crypto::hash_password(password, opt_.pbkdf2_iterations));
    }

    result<users> users_doc(result<std::vector<stored_user>> list) {
        if (!list) return list.error();
        users out;
        for (const auto& u : *list) out.items.push_back(to_user(u));
        return out;
    }

    static service to_service(const stored_service& x) {
        return service{.id = x.id, .name = x.entry.name, .type = x.entry.type, .description = x.description};
    }

    static credential to_credential(const ec2_record& c) {
        credential x;
        x.access = c.access;
        x.secret = c.secret;
        x.user_id = c.user_id;
        x.tenant_id = c.tenant_id;
        x.trust_id = nullptr;
        return x;
    }

    // Revokes the tokens an event matches, issued at or before `at`: recorded in the store (other
    // instances fetch it) and in this backend's index at once.
    result<void> revoke_by(revocation_event e, std::optional<time_point> at = std::nullopt) {
        const time_point t = at.value_or(now());
        e.issued_before = t;
        e.revoked_at = t;
        if (auto r = store_->add_revocation(e); !r) return r;
        std::lock_guard lk(mu_);
        revoked_.add(e);
        return {};
    }

    // The validation answers kept list roles: a role's removal or a new grant makes them again.
    void forget_documents() {
        std::lock_guard lk(mu_);
        docs_.clear();
        doc_index_.clear();
    }

    // This instance's change to the catalog: the templates are read again for the next token.
    void catalog_changed() {
        std::lock_guard lk(mu_);
        templates_at_.reset();
    }

    // The store's templates, read again when revocation_refresh has passed since the last read
    // (another instance's change is seen within it); the catalogs made from older ones are dropped
    // when they changed.
    using templates_ptr = std::shared_ptr<const std::vector<catalog_entry>>;
    result<templates_ptr> templates() {
        const time_point t = now();
        {
            std::lock_guard lk(mu_);
            if (templates_ && templates_at_ && t >= *templates_at_ && t - *templates_at_ < opt_.revocation_refresh)
                return templates_;
        }
        auto fresh = store_->catalog();
        if (!fresh) return fresh.error();
        std::lock_guard lk(mu_);
        if (!templates_ || *fresh != *templates_) {
            templates_ = std::make_shared<const std::vector<catalog_entry>>(std::move(*fresh));
            catalogs_.clear();
        }
        templates_at_ = t;
        return templates_;
    }

    // The token, unless it is unknown, expired or revoked.
    result<std::optional<token_data>> live(std::string_view id, time_point now) {
        if (auto r = refresh(now); !r) return r.error();
        auto t = provider_->read(id, now);
        if (!t || !*t) return t;
        std::lock_guard lk(mu_);
        if (revoked_.revokes(**t)) return std::nullopt;
        return t;
    }

    // The token, unless it is unknown, expired or revoked, or its user or tenant is gone or
    // disabled.
    result<std::optional<token_data>> good(std::string_view id) {
        auto t = live(id, now());
        if (!t || !*t) return t;
        auto sc = scope_of(**t);
        if (!sc) return sc.error();
        if (!*sc) return std::nullopt;
        return t;
    }

    // The revocation events recorded since the last fetch, when it is older than
    // revocation_refresh. One fetch at a time: the others wait for it, then find it fresh.
    result<void> refresh(time_point now) {
        std::lock_guard rl(refresh_mu_);
        if (fetched_ && now >= *fetched_ && now - *fetched_ < opt_.revocation_refresh) return {};
        // The first fetch needs no event older than the tokens it could match.
        const time_point since = fetched_ ? *fetched_ - skew : now - opt_.token_lifetime - skew;
        auto events = store_->revocations(since);
        if (!events) return events.error();
        {
            std::lock_guard lk(mu_);
            for (const auto& e : *events) revoked_.add(e);
        }
        fetched_ = now;
        return {};
    }

    // Expired tokens purged and revocation events pruned, when the last time is a minute old.
    result<void> maintain(time_point now) {
        {
            std::lock_guard lk(mu_);
            if (maintained_ && now >= *maintained_ && now - *maintained_ < maintenance) return {};
            maintained_ = now;
        }
        if (auto r = store_->purge_tokens(now); !r) return r.error();
        const time_point before = now - opt_.token_lifetime - skew;
        if (auto r = store_->prune_revocations(before); !r) return r.error();
        std::lock_guard lk(mu_);
        revoked_.prune(before);
        return {};
    }

    // The user and tenant of a token that is still good, with the roles; std::nullopt when the
    // user or the tenant is gone or disabled.
    result<std::optional<scope>> scope_of(const token_data& t) {
        auto u = store_->user_by_id(t.user_id);
        if (!u) return u.error();
        if (!*u || !(*u)->enabled) return std::nullopt;
        scope sc{.user = std::move(**u)};
        if (t.tenant_id) {
            auto tn = store_->tenant_by_id(*t.tenant_id);
            if (!tn) return tn.error();
            if (!*tn || !(*tn)->enabled.value_or(true)) return std::nullopt;
            auto roles = store_->roles_of(t.user_id, *t.tenant_id);
            if (!roles) return roles.error();
            sc.project = std::move(*tn);
            sc.roles = std::move(*roles);
        }
        return sc;
    }

    // The access document but for the token's id, issue time and expiry (set_token).
    result<access> make_access(const scope& sc, const token_data& t) {
        access a;
        a.user.emplace();
        a.user->id = sc.user.id;
        a.user->name = sc.user.name;
        a.user->username = sc.user.name;
        a.user->roles.emplace();
        a.user->roles_links.emplace();
        a.metadata.emplace();
        a.metadata->is_admin = 0;
        a.metadata->roles.emplace();
        a.service_catalog.emplace();
        if (sc.project) {
            a.token.tenant = *sc.project;
            for (const role& r : sc.roles) {
                a.user->roles->push_back(role{.name = r.name});
                a.metadata->roles->push_back(*r.id);
            }
            auto cat = catalog_of(sc.user.id, *sc.project->id);
            if (!cat) return cat.error();
            *a.service_catalog = std::move(*cat);
        }
        a.token.audit_ids = t.audit_ids;
        return a;
    }

    static void set_token(access& a, std::string id, const token_data& t) {
        a.token.id = std::move(id);
        a.token.issued_at = timestamp{std::chrono::floor<std::chrono::microseconds>(t.issued), 6};
        a.token.expires = timestamp{std::chrono::floor<std::chrono::seconds>(t.expires), 0};
    }

    static user to_user(const stored_user& u) {
        user x;
        x.id = u.id;
        x.name = u.name;
        x.username = u.name;
        x.email = u.email;
        x.enabled = u.enabled;
        x.tenant_id = u.tenant_id;
        return x;
    }

    static std::string port_of(const std::string& url) {
        auto p = url.rfind(':');
        return p == std::string::npos || url.find("//") > p ? std::string{} : url.substr(p + 1);
    }

    // $(var)s substitution; nullopt when a variable is unknown or unavailable.
    static std::optional<std::string> substitute(const std::string& tpl, std::string_view user_id,
                                                 std::string_view tenant_id, const std::string& public_url,
                                                 const std::string& admin_url) {
        std::string out;
        for (std::size_t i = 0; i < tpl.size();) {
            if (tpl.compare(i, 2, "$(") == 0) {
                const auto close = tpl.find(')', i + 2);
                if (close == std::string::npos) return std::nullopt;
                const std::string var = tpl.substr(i + 2, close - i - 2);
                std::string val;
                if (var == "tenant_id" || var == "project_id") val = tenant_id;
                else if (var == "user_id") val = user_id;
                else if (var == "public_url") val = public_url;
                else if (var == "admin_url") val = admin_url;
                else if (var == "public_port") val = port_of(public_url);
                else if (var == "admin_port") val = port_of(admin_url);
                else return std::nullopt;
                if (val.empty()) return std::nullopt;
                out += val;
                i = close + 1;
                if (i < tpl.size() && tpl[i] == 's') ++i;
            } else {
                out.push_back(tpl[i++]);
            }
        }
        return out;
    }

    // A (user, tenant)'s catalog, made once from the store's templates.
    result<std::vector<catalog_entry>> catalog_of(std::string_view user_id, std::string_view tenant_id) {
        const std::pair<std::string_view, std::string_view> key{user_id, tenant_id};
        auto templates = this->templates();
        if (!templates) return templates.error();
        std::string public_url, admin_url;
        {
            std::lock_guard lk(mu_);
            if (auto it = catalogs_.find(key); it != catalogs_.end()) return it->second;
            public_url = public_url_;
            admin_url = admin_url_;
        }
        std::vector<catalog_entry> out;
        for (const auto& svc : **templates) {
            catalog_entry e = svc;
            e.endpoints.clear();
            for (const auto& ep : svc.endpoints) {
                endpoint x = ep;
                bool ok = true;
                for (auto* url : {&x.public_url, &x.internal_url, &x.admin_url})
                    if (*url) {
                        auto s = substitute(**url, user_id, tenant_id, public_url, admin_url);
                        if (!s) ok = false;
                        else *url = std::move(*s);
                    }
                if (ok) e.endpoints.push_back(std::move(x));
            }
            if (!e.endpoints_links) e.endpoints_links.emplace();
            if (!e.endpoints.empty()) out.push_back(std::move(e));
        }
        std::lock_guard lk(mu_);
        // Unless set_listener_urls() or new templates came meanwhile: this one was made from the old.
        if (public_url == public_url_ && admin_url == admin_url_ && *templates == templates_) {
            if (catalogs_.size() >= max_catalogs) catalogs_.clear();
            catalogs_.emplace(std::pair<std::string, std::string>(key), out);
        }
        return out;
    }

    const std::shared_ptr<store> store_;
    const std::shared_ptr<token_provider> provider_;
    const backend_options opt_;
    const token_key admin_digest_;
    const crypto::password_hash dummy_;

    std::mutex mu_;  // what follows, but for fetched_
    std::function<time_point()> clock_;
    std::string public_url_, admin_url_;
    struct pair_less {
        using is_transparent = void;
        template <class A, class B>
        bool operator()(const A& a, const B& b) const {
            const std::string_view a1 = a.first, a2 = a.second, b1 = b.first, b2 = b.second;
            return a1 < b1 || (a1 == b1 && a2 < b2);
        }
    };
    std::map<std::pair<std::string, std::string>, std::vector<catalog_entry>, pair_less> catalogs_;
    templates_ptr templates_;                 // the store's, which catalogs_ were made from
    std::optional<time_point> templates_at_;  // when they were read
    struct cached_doc {
        token_key key;
        access_ptr doc;
    };
    struct key_hash {
        std::size_t operator()(const token_key& k) const noexcept {
            std::size_t h;
            std::memcpy(&h, k.data(), sizeof h);
            return h;
        }
    };
    std::list<cached_doc> docs_;  // oldest first
    std::unordered_map<token_key, std::list<cached_doc>::iterator, key_hash> doc_index_;
    detail::revocation_index revoked_;
    std::optional<time_point> maintained_;

    std::mutex refresh_mu_;
    std::optional<time_point> fetched_;  // when the revocation events were last fetched
};

}  // namespace openstack::identity::v2::protocol

#endif
// ---- end openstack/identity/v2/protocol/standard_backend.hpp

#include <algorithm>
#include <cstddef>
#include <memory>
#include <utility>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

// The backend's options a configuration gives (for a standard_backend over a memory_store with
// another provider, as identity-server --token-provider fernet makes).
inline backend_options memory_backend_options(const memory_config& c) {
    // An unknown user name costs what the dearest stored hash costs: a name that exists must not
    // answer slower than one that does not (a hash made at 200,000 iterations against the default
    // took 71 ms against 0.4 ms).
    unsigned iterations = c.pbkdf2_iterations;
    for (const auto& u : c.users) iterations = std::max(iterations, u.password.iterations);
    return {.admin_token = c.admin_token,
            .admin_role = c.admin_role,
            .token_lifetime = c.token_lifetime,
            .document_cache = c.document_cache,
            .pbkdf2_iterations = iterations};
}

class memory_backend final : public standard_backend {
public:
    explicit memory_backend(memory_config c) : memory_backend(parts_of(std::move(c))) {}

    std::size_t token_count() { return store_->memory_usage().tokens; }

    // What the backend holds, for monitoring: live tokens, the entries kept to expire and cap them
    // (each bounded by a small multiple of the live tokens), the validation answers kept and the
    // revocation events.
    struct usage {
        std::size_t tokens = 0, expiry_entries = 0, issue_order_entries = 0, documents = 0, revocations = 0;
    };
    usage memory_usage() {
        const auto s = store_->memory_usage();
        return {.tokens = s.tokens,
                .expiry_entries = s.expiry_entries,
                .issue_order_entries = s.issue_order_entries,
                .documents = cached_documents(),
                .revocations = s.revocations};
    }

    // Drops every expired token; returns how many.
    std::size_t purge_expired() { return store_->purge_tokens(now()).value(); }

private:
    struct parts {
        backend_options options;
        std::size_t max_tokens_per_user;
        std::shared_ptr<memory_store> store;
    };

    static parts parts_of(memory_config c) {
        auto o = memory_backend_options(c);
        const std::size_t cap = c.max_tokens_per_user;
        return {std::move(o), cap, std::make_shared<memory_store>(std::move(c))};
    }

    explicit memory_backend(parts p)
        : standard_backend(p.store, std::make_shared<uuid_provider>(p.store, p.max_tokens_per_user),
                           std::move(p.options)),
          store_(std::move(p.store)) {}

    std::shared_ptr<memory_store> store_;
};

}  // namespace openstack::identity::v2::protocol

#endif
// ---- end openstack/identity/v2/protocol/memory_backend.hpp
// ---- begin openstack/identity/v2/protocol/request_handler.hpp
#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_REQUEST_HANDLER_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_REQUEST_HANDLER_HPP

// The v2.0 protocol as a function: a Beast request in, a Beast response out, no socket.
// Routing (public and admin listeners as Keystone served them), content negotiation, request
// validation, admin checks, faults, status codes and headers. See docs/server.md.

// ---- begin openstack/identity/v2/asio/detail/config.hpp
#ifndef OPENSTACK_IDENTITY_V2_ASIO_DETAIL_CONFIG_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_DETAIL_CONFIG_HPP

// Header-only, or separate compilation (OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION in every
// translation unit): then the transport's functions are declared in the headers and defined once,
// in the unit that includes <openstack/identity/v2/asio/instantiate.hpp>, as Beast and Asio do.


#if defined(OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION)
#define OPENSTACK_IDENTITY_V2_ASIO_DECL
#if defined(OPENSTACK_IDENTITY_V2_ASIO_SOURCE)
#define OPENSTACK_IDENTITY_V2_ASIO_DEFINITIONS 1
#define OPENSTACK_IDENTITY_V2_ASIO_EXTERN
#else
#define OPENSTACK_IDENTITY_V2_ASIO_DEFINITIONS 0
#define OPENSTACK_IDENTITY_V2_ASIO_EXTERN extern
#endif
#else
#define OPENSTACK_IDENTITY_V2_ASIO_DECL inline
#define OPENSTACK_IDENTITY_V2_ASIO_DEFINITIONS 1
#endif

#endif
// ---- end openstack/identity/v2/asio/detail/config.hpp

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>

#include <array>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

namespace bhttp = boost::beast::http;

using request = bhttp::request<bhttp::string_body>;
using response = bhttp::response<bhttp::string_body>;

// Which of Keystone's two listeners a handler serves.
enum class listener_kind : unsigned char {
    public_api,  // Keystone's port 5000
    admin_api,   // Keystone's port 35357: the public routes plus token validation and lookups
};

struct request_handler_options {
    listener_kind side = listener_kind::public_api;
    // This listener's absolute base URL without a trailing slash ("http://127.0.0.1:5000"): the
    // self links of the version documents are built from it.
    std::string base_url = "http://127.0.0.1:5000";
    // The public listener's URL, for WWW-Authenticate on 401 (defaults to base_url).
    std::string public_url;
    std::size_t body_limit = http::default_body_limit;
    http::fault_options faults{};       // JSON fault dialect (both by default) and XML options
    xml_options xml{};                  // XML response options (Keystone's dialect by default)
    read_options read{};                // how request bodies are read (max_size is body_limit)
    std::vector<extension> extensions;  // what GET /v2.0/extensions lists
    std::string version_status = "stable";
    std::string version_updated = "2014-04-17T00:00:00Z";
};

// The extensions whose routes a listener of request_handler serves, in the documents Keystone's v2
// gave them (its admin_crud, user_crud and ec2 extensions): OS-KSCRUD and OS-EC2 (POST
// /v2.0/ec2tokens) on both listeners, OS-KSADM on the admin one. Clients decide from this list:
// jclouds uses the admin API only where OS-KSADM is listed.
inline std::vector<extension> served_extensions(listener_kind side) {
    auto make = [](std::string_view alias, std::string_view name, std::string_view updated,
                   std::string_view description) {
        extension e;
        e.name = name;
        e.namespace_ = "http://docs.openstack.org/identity/api/ext/" + std::string(alias) + "/v1.0";
        e.alias = alias;
        e.updated.emplace();
        v2::detail::parse_text(updated, *e.updated);
        e.description = std::string(description);
        e.links = {link{.rel = "describedby",
                        .type = std::string("text/html"),
                        .href = "https://github.com/openstack/identity-api"}};
        return e;
    };
    std::vector<extension> out;
    if (side == listener_kind::admin_api)
        out.push_back(make("OS-KSADM", "OpenStack Keystone Admin", "2013-07-11T17:14:00Z",
                           "OpenStack extensions to Keystone v2.0 API enabling Administrative Operations."));
    out.push_back(make("OS-KSCRUD", "OpenStack Keystone User CRUD", "2013-07-07T12:00:00Z",
                       "OpenStack extensions to Keystone v2.0 API enabling User Operations."));
    out.push_back(make("OS-EC2", "OpenStack EC2 API", "2013-07-07T12:00:00Z", "OpenStack EC2 Credentials backend."));
    return out;
}

// The generic texts Keystone sent (details of a 401/403 would help an attacker).
inline constexpr std::string_view unauthorized_message = "The request you have made requires authentication.";
inline constexpr std::string_view forbidden_message = "You are not authorized to perform the requested action.";

class request_handler;

namespace detail {

struct routed;  // a request matched to a row (impl/request_handler.ipp)

// The methods a route answers, a set; Allow lists them in this order.
enum class methods : unsigned char { get = 1, head = 2, post = 4, put = 8, delete_ = 16, patch = 32 };
constexpr methods operator|(methods a, methods b) noexcept {
    return static_cast<methods>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}

// The listeners that serve a route: both, or the admin listener only (404 on the public one),
// where the route answers an admin's token only.
enum class listeners : unsigned char { both, admin };

// A row of the route table. path is matched segment by segment on the decoded target: a {name}
// segment matches any non-empty segment, which the member reads as capture("name"). Rows with
// the same path are one resource: their methods together are its Allow.
struct route {
    methods allow;
    std::string_view path;
    listeners on;
    response (request_handler::*answer)(const routed&) const;
};

// The route table (impl/request_handler.ipp): every route, and all that routing knows.
OPENSTACK_IDENTITY_V2_ASIO_DECL std::span<const route> routes();

}  // namespace detail

class request_handler {
public:
    request_handler(std::shared_ptr<v2::protocol::backend> b, request_handler_options opt);

    const request_handler_options& options() const noexcept { return opt_; }

    // The whole protocol. Never throws for anything a client sends; backend exceptions are 503.
    response handle(const request& req) const;

    // Whether answering req may check or hash a password (POST /v2.0/tokens, a user's creation or
    // password): PBKDF2, tens of milliseconds, which the server runs off its I/O threads.
    static bool checks_password(const request& req);

    // A fault answer for a request whose body was not (fully) read, e.g. 413 from the socket
    // layer or 503 over the connection limit. The connection is to be closed after it.
    response fault_response(int status, std::string message, std::string_view accept, unsigned version = 11,
                            bool head = false) const;

private:
    friend std::span<const detail::route> detail::routes();

    static http::media response_media(const request& req);
    template <class T>
    std::string write(const T& doc, http::media m) const;
    template <class T>
    response document(bhttp::status s, const T& doc, http::media m) const;
    // 200 with the backend's document, or its fault.
    template <class T>
    response reply(const result<T>& x, http::media m) const;
    response make_fault_response(int status, std::string message, http::media m,
                                 std::optional<std::string> details = std::nullopt) const;
    // A backend failure as a fault answer. 5xx-like kinds become 503 without the backend's text
    // for exceptions.
    response backend_fault(const error& e, http::media m) const;
    // Calls the backend; exceptions become service_unavailable.
    template <class F>
    auto call(F&& f) const -> decltype(f());
    static std::string_view auth_token(const request& req);
    // The caller's principal, or the 401/403/503 answer.
    std::variant<principal, response> caller(const request& req, http::media m, bool need_admin) const;
    version version_document() const;
    response dispatch(const request& req, http::media m) const;
    static error not_found_as(error e, std::string message);

    // The routes, one member a row of detail::routes().
    response list_versions(const detail::routed& r) const;
    response show_version(const detail::routed& r) const;
    response list_extensions(const detail::routed& r) const;
    response show_extension(const detail::routed& r) const;
    response authenticate(const detail::routed& r) const;
    response validate_token(const detail::routed& r) const;
    response revoke_token(const detail::routed& r) const;
    response list_token_endpoints(const detail::routed& r) const;
    response list_tenants(const detail::routed& r) const;
    response show_tenant(const detail::routed& r) const;
    response list_tenant_user_roles(const detail::routed& r) const;
    response find_user(const detail::routed& r) const;
    response show_user(const detail::routed& r) const;
    response list_user_roles(const detail::routed& r) const;
    // Administration (OS-KSADM, OS-KSCRUD, OS-EC2).
    response create_tenant(const detail::routed& r) const;
    response update_tenant(const detail::routed& r) const;
    response delete_tenant(const detail::routed& r) const;
    response list_tenant_users(const detail::routed& r) const;
    response create_user(const detail::routed& r) const;
    response update_user(const detail::routed& r) const;
    response delete_user(const detail::routed& r) const;
    response change_own_password(const detail::routed& r) const;
    response list_roles(const detail::routed& r) const;
    response create_role(const detail::routed& r) const;
    response show_role(const detail::routed& r) const;
    response delete_role(const detail::routed& r) const;
    response grant_role(const detail::routed& r) const;
    response revoke_role(const detail::routed& r) const;
    response list_services(const detail::routed& r) const;
    response create_service(const detail::routed& r) const;
    response show_service(const detail::routed& r) const;
    response delete_service(const detail::routed& r) const;
    response list_endpoints(const detail::routed& r) const;
    response create_endpoint(const detail::routed& r) const;
    response delete_endpoint(const detail::routed& r) const;
    response list_ec2_credentials(const detail::routed& r) const;
    response create_ec2_credential(const detail::routed& r) const;
    response show_ec2_credential(const detail::routed& r) const;
    response delete_ec2_credential(const detail::routed& r) const;
    response ec2_authenticate(const detail::routed& r) const;

    // f(T&) with the request's body read as a T (JSON or XML by Content-Type), or the 400/415
    // answer of a body that is not one.
    template <class T, class F>
    response with_body(const detail::routed& r, F&& f) const;
    // 200 with a new token's access document (Cache-Control: no-store), or the backend's fault.
    response token_reply(const result<access>& x, http::media m) const;
    // 204, or the backend's fault.
    response done(const result<void>& x, http::media m) const;

    std::shared_ptr<v2::protocol::backend> backend_;
    request_handler_options opt_;
};

}  // namespace openstack::identity::v2::protocol

#if OPENSTACK_IDENTITY_V2_ASIO_DEFINITIONS
// ---- begin openstack/identity/v2/protocol/impl/request_handler.ipp
#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_IMPL_REQUEST_HANDLER_IPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_IMPL_REQUEST_HANDLER_IPP

// The protocol (protocol/request_handler.hpp): header-only, or compiled once (detail/config.hpp).


#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

namespace detail {

OPENSTACK_IDENTITY_V2_ASIO_DECL int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Percent-decoding; plus_is_space for query strings. nullopt for a bad escape or a NUL.
OPENSTACK_IDENTITY_V2_ASIO_DECL std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            c = static_cast<char>(hi * 16 + lo);
            if (c == '\0') return std::nullopt;
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        out.push_back(c);
    }
    return out;
}

struct request_target {
    std::vector<std::string> segments;
    std::vector<std::pair<std::string, std::string>> query;

    const std::string* param(std::string_view name) const {
        for (const auto& [k, v] : query)
            if (k == name) return &v;
        return nullptr;
    }
};

// Text from the client (a path, an id) echoed in a fault: bytes that are not UTF-8 and control
// characters become '?', so that the fault stays a valid JSON or XML document.
OPENSTACK_IDENTITY_V2_ASIO_DECL std::string printable(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    for (std::size_t i = 0; i < s.size();) {
        const unsigned c = p[i];
        const std::size_t len = c < 0x80             ? 1
                                : (c & 0xe0) == 0xc0 ? 2
                                : (c & 0xf0) == 0xe0 ? 3
                                : (c & 0xf8) == 0xf0 ? 4
                                                     : 0;
        std::uint32_t cp = len == 1 ? c : c & (0x7f >> len);
        bool ok = len != 0 && s.size() - i >= len;
        for (std::size_t k = 1; ok && k < len; ++k) {
            ok = (p[i + k] & 0xc0) == 0x80;
            cp = cp << 6 | (p[i + k] & 0x3f);
        }
        constexpr std::uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
        ok = ok && (len == 1 ? cp >= 0x20 && cp != 0x7f
                             : cp >= least[len] && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) && cp != 0xfffe &&
                                   cp != 0xffff);
        if (ok) {
            out.append(s.substr(i, len));
            i += len;
        } else {
            out.push_back('?');
            ++i;
        }
    }
    return out;
}

// The path of a target without its query and with token ids masked ("/v2.0/tokens/***/endpoints"):
// token ids are secrets, and this is what logs and faults show. The router decodes each segment,
// so the segment after "tokens" is masked however either is spelled ("%74okens", "//v2.0/tokens/",
// "TOKENS"), and a segment that decodes to something with "tokens/" in it is masked whole.
OPENSTACK_IDENTITY_V2_ASIO_DECL std::string masked_path(std::string_view target) {
    const std::string_view path = target.substr(0, target.find('?'));
    std::string out;
    bool mask_next = false;
    for (std::size_t i = 0;;) {
        const auto slash = path.find('/', i);
        const std::string_view seg = path.substr(i, slash == std::string_view::npos ? slash : slash - i);
        std::string lower = percent_decode(seg, false).value_or(std::string(seg));
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (mask_next && !seg.empty()) {
            out += "***";
            mask_next = false;
        } else if (lower.find("tokens/") != std::string::npos) {
            out += "***";
        } else {
            out += seg;
            mask_next = mask_next || lower == "tokens";
        }
        if (slash == std::string_view::npos) break;
        out += '/';
        i = slash + 1;
    }
    return out;
}

// Splits an origin-form target. One trailing slash is ignored (as Keystone's url_normalize).
OPENSTACK_IDENTITY_V2_ASIO_DECL std::optional<request_target> parse_target(std::string_view t) {
    if (t.empty() || t.front() != '/') return std::nullopt;
    request_target out;
    std::string_view path = t, query;
    if (auto q = t.find('?'); q != std::string_view::npos) {
        path = t.substr(0, q);
        query = t.substr(q + 1);
    }
    if (auto h = path.find('#'); h != std::string_view::npos) path = path.substr(0, h);
    if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    path.remove_prefix(1);
    while (!path.empty()) {
        auto slash = path.find('/');
        auto seg = percent_decode(path.substr(0, slash), false);
        if (!seg) return std::nullopt;
        out.segments.push_back(std::move(*seg));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
        if (path.empty()) out.segments.emplace_back();
    }
    while (!query.empty()) {
        auto amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        auto k = percent_decode(pair.substr(0, eq), true);
        auto v = percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
        if (!k || !v) return std::nullopt;
        out.query.emplace_back(std::move(*k), std::move(*v));
    }
    return out;
}

// The methods a route can answer, in the order Allow lists them.
inline constexpr std::pair<methods, bhttp::verb> method_verbs[] = {
    {methods::get, bhttp::verb::get}, {methods::head, bhttp::verb::head},       {methods::post, bhttp::verb::post},
    {methods::put, bhttp::verb::put}, {methods::delete_, bhttp::verb::delete_}, {methods::patch, bhttp::verb::patch}};

constexpr bool has(methods set, methods m) { return (static_cast<unsigned>(set) & static_cast<unsigned>(m)) != 0; }

OPENSTACK_IDENTITY_V2_ASIO_DECL methods method_of(bhttp::verb v) {
    for (auto [m, verb] : method_verbs)
        if (verb == v) return m;
    return methods{};
}

// The Allow header: "GET, HEAD, DELETE".
OPENSTACK_IDENTITY_V2_ASIO_DECL std::string allow_header(methods set) {
    std::string out;
    for (auto [m, verb] : method_verbs) {
        if (!has(set, m)) continue;
        if (!out.empty()) out += ", ";
        out += bhttp::to_string(verb);
    }
    return out;
}

// Whether a row's path matches a target's segments. Literal segments and captures are never
// empty, so a target with an empty segment ("/v2.0//tokens") matches no row.
OPENSTACK_IDENTITY_V2_ASIO_DECL bool matches(std::string_view path, const std::vector<std::string>& segments) {
    std::size_t i = 0;
    for (path.remove_prefix(1); !path.empty(); ++i) {
        const auto slash = path.find('/');
        const std::string_view p = path.substr(0, slash);
        path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
        if (i == segments.size() || (p.front() == '{' ? segments[i].empty() : segments[i] != p)) return false;
    }
    return i == segments.size();
}

// The rows a target's path matches on a listener: the first that answers the method, and the
// methods that any of them answers (none: no such resource on this listener).
struct route_match {
    const route* row = nullptr;
    methods allow{};
};

OPENSTACK_IDENTITY_V2_ASIO_DECL route_match match_route(const std::vector<std::string>& segments, listener_kind side,
                                                        bhttp::verb v) {
    route_match out;
    const methods m = method_of(v);
    for (const route& row : routes()) {
        if (row.on == listeners::admin && side != listener_kind::admin_api) continue;
        if (!matches(row.path, segments)) continue;
        out.allow = out.allow | row.allow;
        if (!out.row && has(row.allow, m)) out.row = &row;
    }
    return out;
}

// A request matched to a row, as the row's member reads it.
struct routed {
    const request& req;
    http::media media;  // the answer's
    const route& row;
    const request_target& target;

    // The decoded segment at {name} in the row's path. A name the path lacks is the handler's bug
    // (500, which the route table test finds).
    std::string_view capture(std::string_view name) const {
        const std::string key = "/{" + std::string(name) + "}";
        const auto at = row.path.find(key);
        if (at == std::string_view::npos)
            throw std::logic_error("no {" + std::string(name) + "} in " + std::string(row.path));
        return target.segments[std::count(row.path.begin(), row.path.begin() + at, '/')];
    }
};

}  // namespace detail

OPENSTACK_IDENTITY_V2_ASIO_DECL request_handler::request_handler(std::shared_ptr<v2::protocol::backend> b,
                                                                 request_handler_options opt)
    : backend_(std::move(b)), opt_(std::move(opt)) {
    opt_.read.max_size = opt_.body_limit;
    if (opt_.public_url.empty()) opt_.public_url = opt_.base_url;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL bool request_handler::checks_password(const request& req) {
    const auto t = detail::parse_target(std::string_view(req.target().data(), req.target().size()));
    if (!t) return false;
    // The admin listener serves every route.
    const auto r = detail::match_route(t->segments, listener_kind::admin_api, req.method());
    if (!r.row) return false;
    const auto a = r.row->answer;
    return a == &request_handler::authenticate || a == &request_handler::create_user ||
           a == &request_handler::update_user || a == &request_handler::change_own_password;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::handle(const request& req) const {
    const http::media m = response_media(req);
    response res = dispatch(req, m);
    res.version(req.version());
    res.keep_alive(req.keep_alive());
    res.set(bhttp::field::vary, "X-Auth-Token");
    if (req.method() == bhttp::verb::head) {
        // The GET's headers, Content-Length included, and no body.
        const std::size_t n = res.body().size();
        res.body().clear();
        res.set(bhttp::field::content_length, std::to_string(n));
    } else if (res.result() != bhttp::status::no_content) {
        res.prepare_payload();
    }
    return res;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::fault_response(int status, std::string message,
                                                                         std::string_view accept, unsigned version,
                                                                         bool head) const {
    const http::media m = http::negotiate(accept).value_or(http::media::json);
    response res = make_fault_response(status, std::move(message), m);
    res.version(version);
    res.keep_alive(false);
    res.set(bhttp::field::vary, "X-Auth-Token");
    if (head) {
        const std::size_t n = res.body().size();
        res.body().clear();
        res.set(bhttp::field::content_length, std::to_string(n));
    } else {
        res.prepare_payload();
    }
    return res;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL http::media request_handler::response_media(const request& req) {
    auto it = req.find(bhttp::field::accept);
    if (it == req.end()) return http::media::json;
    return http::negotiate(it->value()).value_or(http::media::json);
}

template <class T>
std::string request_handler::write(const T& doc, http::media m) const {
    if (m == http::media::xml) return to_xml(doc, opt_.xml);
    write_options w;
    w.faults = opt_.faults.json;
    return to_json(doc, w);
}

template <class T>
response request_handler::document(bhttp::status s, const T& doc, http::media m) const {
    response res{s, 11};
    res.set(bhttp::field::content_type, http::content_type(m));
    res.body() = write(doc, m);
    return res;
}

template <class T>
response request_handler::reply(const result<T>& x, http::media m) const {
    return x ? document(bhttp::status::ok, *x, m) : backend_fault(x.error(), m);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response
request_handler::make_fault_response(int status, std::string message, http::media m,
                                     std::optional<std::string> details) const {
    fault f = http::make_status_fault(status, detail::printable(message));
    if (details) f.details = detail::printable(*details);
    response res{static_cast<bhttp::status>(status), 11};
    res.set(bhttp::field::content_type, http::content_type(m));
    res.body() = http::fault_body(f, m, opt_.faults);
    if (status == 401) res.set(bhttp::field::www_authenticate, "Keystone uri=\"" + opt_.public_url + "\"");
    return res;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::backend_fault(const error& e, http::media m) const {
    switch (e.kind) {
    case fault_kind::unauthorized:
        return make_fault_response(401, e.message.empty() ? std::string(unauthorized_message) : e.message, m);
    case fault_kind::forbidden:
    case fault_kind::user_disabled: {
        response r = make_fault_response(403, e.message.empty() ? std::string(forbidden_message) : e.message, m);
        if (e.kind == fault_kind::user_disabled) {
            fault f = http::make_status_fault(403, detail::printable(e.message));
            f.kind = fault_kind::user_disabled;
            r.body() = http::fault_body(f, m, opt_.faults);
        }
        return r;
    }
    case fault_kind::item_not_found:
        return make_fault_response(404, e.message.empty() ? "Could not find the requested item." : e.message, m);
    case fault_kind::bad_request:
        return make_fault_response(400, e.what(), m, e.path.empty() ? std::nullopt : std::optional(e.path));
    case fault_kind::tenant_conflict: return make_fault_response(409, e.message, m);
    default: return make_fault_response(503, e.message.empty() ? "The identity store is unavailable." : e.message, m);
    }
}

template <class F>
auto request_handler::call(F&& f) const -> decltype(f()) {
    try {
        return f();
    } catch (...) {
        return backend_error(fault_kind::service_unavailable, "The identity store is unavailable.");
    }
}

OPENSTACK_IDENTITY_V2_ASIO_DECL std::string_view request_handler::auth_token(const request& req) {
    auto it = req.find("X-Auth-Token");
    return it == req.end() ? std::string_view{} : std::string_view(it->value().data(), it->value().size());
}

OPENSTACK_IDENTITY_V2_ASIO_DECL std::variant<principal, response> request_handler::caller(const request& req,
                                                                                          http::media m,
                                                                                          bool need_admin) const {
    const std::string_view tok = auth_token(req);
    if (tok.empty()) return make_fault_response(401, std::string(unauthorized_message), m);
    auto p = call([&] { return backend_->authorize(tok); });
    if (!p) {
        if (p.error().kind == fault_kind::unauthorized || p.error().kind == fault_kind::item_not_found)
            return make_fault_response(401, std::string(unauthorized_message), m);
        return backend_fault(p.error(), m);
    }
    if (need_admin && !p->admin) return make_fault_response(403, std::string(forbidden_message), m);
    return std::move(*p);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL version request_handler::version_document() const {
    version v;
    v.id = "v2.0";
    v.status = version_status{opt_.version_status};
    timestamp t;
    if (!value_traits<timestamp>::parse(opt_.version_updated, t)) v.updated = t;
    v.links = std::vector<link>{
        link{.rel = "self", .href = opt_.base_url + "/v2.0/"},
        link{.rel = "describedby", .type = "text/html", .href = "https://docs.openstack.org/"},
    };
    v.media_types = std::vector<media_type>{
        media_type{.base = "application/json", .type = "application/vnd.openstack.identity-v2.0+json"},
        media_type{.base = "application/xml", .type = "application/vnd.openstack.identity-v2.0+xml"},
    };
    return v;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::dispatch(const request& req, http::media m) const {
    const std::string_view target(req.target().data(), req.target().size());
    const auto t = detail::parse_target(target);
    if (!t) return make_fault_response(400, "The request target is not a valid path.", m);
    const auto r = detail::match_route(t->segments, opt_.side, req.method());
    if (r.allow == detail::methods{})
        return make_fault_response(404, "(" + detail::masked_path(target) + "): The resource could not be found.", m);
    if (!r.row) {
        response res =
            make_fault_response(405, "Method " + std::string(req.method_string()) + " is not allowed on this resource.",
                                m);
        res.set(bhttp::field::allow, detail::allow_header(r.allow));
        return res;
    }
    if (req.body().size() > opt_.body_limit)
        return make_fault_response(413,
                                   "Request is too large. Larger than max_request_body_size (" +
                                       std::to_string(opt_.body_limit) + ").",
                                   m);
    try {
        if (r.row->on == detail::listeners::admin) {
            auto who = caller(req, m, true);
            if (auto* res = std::get_if<response>(&who)) return std::move(*res);
        }
        return (this->*r.row->answer)(detail::routed{req, m, *r.row, *t});
    } catch (const std::bad_alloc&) {
        return make_fault_response(503, "The service is out of memory.", m);
    } catch (...) {
        return make_fault_response(500, "An unexpected error prevented the server from fulfilling your request.", m);
    }
}

OPENSTACK_IDENTITY_V2_ASIO_DECL error request_handler::not_found_as(error e, std::string message) {
    if (e.kind == fault_kind::item_not_found || e.kind == fault_kind::unauthorized) {
        e.kind = fault_kind::item_not_found;
        e.message = std::move(message);
    }
    return e;
}

// clang-format off
OPENSTACK_IDENTITY_V2_ASIO_DECL std::span<const detail::route> detail::routes() {
    using enum methods;
    using enum listeners;
    static constexpr route table[] = {
        {get | head, "/",                                               both,  &request_handler::list_versions},
        {get | head, "/v2.0",                                           both,  &request_handler::show_version},
        {get | head, "/v2.0/extensions",                                both,  &request_handler::list_extensions},
        {get | head, "/v2.0/extensions/{alias}",                        both,  &request_handler::show_extension},
        {post,       "/v2.0/tokens",                                    both,  &request_handler::authenticate},
        {get | head, "/v2.0/tokens/{token_id}",                         admin, &request_handler::validate_token},
        {delete_,    "/v2.0/tokens/{token_id}",                         admin, &request_handler::revoke_token},
        {get | head, "/v2.0/tokens/{token_id}/endpoints",               admin, &request_handler::list_token_endpoints},
        {get | head, "/v2.0/tenants",                                   both,  &request_handler::list_tenants},
        {get | head, "/v2.0/tenants/{tenant_id}",                       admin, &request_handler::show_tenant},
        {get | head, "/v2.0/tenants/{tenant_id}/users/{user_id}/roles", admin, &request_handler::list_tenant_user_roles},
        {get | head, "/v2.0/users",                                     admin, &request_handler::find_user},
        {get | head, "/v2.0/users/{user_id}",                           admin, &request_handler::show_user},
        {get | head, "/v2.0/users/{user_id}/roles",                     admin, &request_handler::list_user_roles},
        // OS-KSADM (Keystone's admin_crud), OS-KSCRUD and OS-EC2.
        {post,       "/v2.0/tenants",                                   admin, &request_handler::create_tenant},
        {put | post, "/v2.0/tenants/{tenant_id}",                       admin, &request_handler::update_tenant},
        {delete_,    "/v2.0/tenants/{tenant_id}",                       admin, &request_handler::delete_tenant},
        {get | head, "/v2.0/tenants/{tenant_id}/users",                 admin, &request_handler::list_tenant_users},
        {put,        "/v2.0/tenants/{tenant_id}/users/{user_id}/roles/OS-KSADM/{role_id}", admin, &request_handler::grant_role},
        {delete_,    "/v2.0/tenants/{tenant_id}/users/{user_id}/roles/OS-KSADM/{role_id}", admin, &request_handler::revoke_role},
        {post,       "/v2.0/users",                                     admin, &request_handler::create_user},
        {put,        "/v2.0/users/{user_id}",                           admin, &request_handler::update_user},
        {delete_,    "/v2.0/users/{user_id}",                           admin, &request_handler::delete_user},
        {put,        "/v2.0/users/{user_id}/OS-KSADM/password",         admin, &request_handler::update_user},
        {put,        "/v2.0/users/{user_id}/OS-KSADM/enabled",          admin, &request_handler::update_user},
        {put,        "/v2.0/users/{user_id}/OS-KSADM/tenant",           admin, &request_handler::update_user},
        {put,        "/v2.0/users/{user_id}/password",                  admin, &request_handler::update_user},
        {put,        "/v2.0/users/{user_id}/enabled",                   admin, &request_handler::update_user},
        {put,        "/v2.0/users/{user_id}/tenant",                    admin, &request_handler::update_user},
        {put,        "/v2.0/users/{user_id}/roles/OS-KSADM/{role_id}",  admin, &request_handler::grant_role},
        {delete_,    "/v2.0/users/{user_id}/roles/OS-KSADM/{role_id}",  admin, &request_handler::revoke_role},
        {get | head, "/v2.0/users/{user_id}/credentials/OS-EC2",        admin, &request_handler::list_ec2_credentials},
        {post,       "/v2.0/users/{user_id}/credentials/OS-EC2",        admin, &request_handler::create_ec2_credential},
        {get | head, "/v2.0/users/{user_id}/credentials/OS-EC2/{access}", admin, &request_handler::show_ec2_credential},
        {delete_,    "/v2.0/users/{user_id}/credentials/OS-EC2/{access}", admin, &request_handler::delete_ec2_credential},
        {get | head, "/v2.0/OS-KSADM/roles",                            admin, &request_handler::list_roles},
        {post,       "/v2.0/OS-KSADM/roles",                            admin, &request_handler::create_role},
        {get | head, "/v2.0/OS-KSADM/roles/{role_id}",                  admin, &request_handler::show_role},
        {delete_,    "/v2.0/OS-KSADM/roles/{role_id}",                  admin, &request_handler::delete_role},
        {get | head, "/v2.0/OS-KSADM/services",                         admin, &request_handler::list_services},
        {post,       "/v2.0/OS-KSADM/services",                         admin, &request_handler::create_service},
        {get | head, "/v2.0/OS-KSADM/services/{service_id}",            admin, &request_handler::show_service},
        {delete_,    "/v2.0/OS-KSADM/services/{service_id}",            admin, &request_handler::delete_service},
        {get | head, "/v2.0/endpoints",                                 admin, &request_handler::list_endpoints},
        {post,       "/v2.0/endpoints",                                 admin, &request_handler::create_endpoint},
        {delete_,    "/v2.0/endpoints/{endpoint_id}",                   admin, &request_handler::delete_endpoint},
        // The caller's own token, which the member checks.
        {patch,      "/v2.0/OS-KSCRUD/users/{user_id}",                 both,  &request_handler::change_own_password},
        {post,       "/v2.0/ec2tokens",                                 both,  &request_handler::ec2_authenticate},
    };
    return table;
}
// clang-format on

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_versions(const detail::routed& r) const {
    versions vs;
    vs.items.push_back(version_document());
    return document(bhttp::status::multiple_choices, vs, r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::show_version(const detail::routed& r) const {
    return document(bhttp::status::ok, version_document(), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_extensions(const detail::routed& r) const {
    extensions es;
    es.items = opt_.extensions;
    return document(bhttp::status::ok, es, r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::show_extension(const detail::routed& r) const {
    const std::string_view alias = r.capture("alias");
    for (const auto& e : opt_.extensions)
        if (e.alias == alias) return document(bhttp::status::ok, e, r.media);
    return make_fault_response(404, "Could not find extension: " + std::string(alias) + ".", r.media);
}

template <class T, class F>
response request_handler::with_body(const detail::routed& r, F&& f) const {
    std::string_view ct;
    if (auto it = r.req.find(bhttp::field::content_type); it != r.req.end())
        ct = std::string_view(it->value().data(), it->value().size());
    const auto in = http::body_media(ct);
    if (!in)
        return make_fault_response(415,
                                   "Unsupported media type: " + std::string(ct) +
                                       " (send application/json or application/xml).",
                                   r.media);
    const std::string_view body = r.req.body();
    result<T> a = *in == http::media::xml ? try_from_xml<T>(body, opt_.read) : try_from_json<T>(body, opt_.read);
    if (!a) {
        const error& e = a.error();
        const int status = http_status(e.kind);
        return make_fault_response(status, e.what(), r.media, e.path.empty() ? std::nullopt : std::optional(e.path));
    }
    return f(*a);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::done(const result<void>& x, http::media m) const {
    return x ? response{bhttp::status::no_content, 11} : backend_fault(x.error(), m);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::authenticate(const detail::routed& r) const {
    return with_body<auth>(r, [&](auth& a) {
        return token_reply(call([&] { return backend_->authenticate(a); }), r.media);
    });
}

// A new token's access document, which no cache keeps.
OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::token_reply(const result<access>& x, http::media m) const {
    if (!x) return backend_fault(x.error(), m);
    response res = document(bhttp::status::ok, *x, m);
    res.set(bhttp::field::cache_control, "no-store");
    return res;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::validate_token(const detail::routed& r) const {
    const std::string_view id = r.capture("token_id");
    auto x = call([&]() -> result<access_ptr> {
        auto doc = backend_->validate_token(id);
        if (doc && !*doc) return backend_error(fault_kind::service_unavailable, "The identity store is unavailable.");
        return doc;
    });
    if (!x) return backend_fault(not_found_as(x.error(), "Could not find token."), r.media);
    if (const std::string* belongs = r.target.param("belongsTo")) {
        const auto& scope = (*x)->token.tenant;
        const bool ok = scope && scope->id && *scope->id == *belongs;
        if (!ok) return make_fault_response(404, "Could not find token.", r.media);
    }
    response res = document(bhttp::status::ok, **x, r.media);
    res.set(bhttp::field::cache_control, "no-store");
    return res;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::revoke_token(const detail::routed& r) const {
    const std::string_view id = r.capture("token_id");
    auto x = call([&] { return backend_->revoke_token(id); });
    if (!x) return backend_fault(not_found_as(x.error(), "Could not find token."), r.media);
    return response{bhttp::status::no_content, 11};
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_token_endpoints(const detail::routed& r) const {
    const std::string_view id = r.capture("token_id");
    auto x = call([&] { return backend_->token_endpoints(id); });
    if (!x) return backend_fault(not_found_as(x.error(), "Could not find token."), r.media);
    endpoints e = std::move(*x);
    if (!e.links) e.links.emplace();
    return document(bhttp::status::ok, e, r.media);
}

// On the public listener, the tenants of the caller's token; on the admin listener, for an admin,
// all tenants or the one named by ?name=.
OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_tenants(const detail::routed& r) const {
    const bool admin = opt_.side == listener_kind::admin_api;
    auto who = caller(r.req, r.media, admin);
    if (auto* res = std::get_if<response>(&who)) return std::move(*res);
    if (admin) {
        if (const std::string* name = r.target.param("name"))
            return reply(call([&] { return backend_->tenant_by_name(*name); }), r.media);
        return reply(call([&] { return backend_->list_tenants(); }), r.media);
    }
    auto x = call([&] { return backend_->tenants_for_token(auth_token(r.req)); });
    if (!x && x.error().kind == fault_kind::item_not_found)
        return make_fault_response(401, std::string(unauthorized_message), r.media);
    return reply(x, r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::show_tenant(const detail::routed& r) const {
    const std::string_view id = r.capture("tenant_id");
    return reply(call([&] { return backend_->tenant_by_id(id); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_tenant_user_roles(const detail::routed& r) const {
    const std::string_view tenant = r.capture("tenant_id"), user = r.capture("user_id");
    return reply(call([&] { return backend_->user_roles(user, tenant); }), r.media);
}

// GET /v2.0/users: the user named by ?name=, or all users.
OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::find_user(const detail::routed& r) const {
    if (const std::string* name = r.target.param("name"))
        return reply(call([&] { return backend_->user_by_name(*name); }), r.media);
    return reply(call([&] { return backend_->list_users(); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::show_user(const detail::routed& r) const {
    const std::string_view id = r.capture("user_id");
    return reply(call([&] { return backend_->user_by_id(id); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_user_roles(const detail::routed& r) const {
    const std::string_view id = r.capture("user_id");
    return reply(call([&] { return backend_->user_roles(id, std::nullopt); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::create_tenant(const detail::routed& r) const {
    return with_body<tenant>(r, [&](tenant& t) {
        return reply(call([&] { return backend_->create_tenant(t); }), r.media);
    });
}

// Keystone's tenant update is POST (keystoneclient) or PUT.
OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::update_tenant(const detail::routed& r) const {
    return with_body<tenant>(r, [&](tenant& t) {
        return reply(call([&] { return backend_->update_tenant(r.capture("tenant_id"), t); }), r.media);
    });
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::delete_tenant(const detail::routed& r) const {
    return done(call([&] { return backend_->delete_tenant(r.capture("tenant_id")); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_tenant_users(const detail::routed& r) const {
    return reply(call([&] { return backend_->tenant_users(r.capture("tenant_id")); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::create_user(const detail::routed& r) const {
    return with_body<user>(r, [&](user& u) { return reply(call([&] { return backend_->create_user(u); }), r.media); });
}

// PUT /users/{id} and its OS-KSADM password, enabled and tenant forms: each sends a user document
// with the members it changes.
OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::update_user(const detail::routed& r) const {
    return with_body<user>(r, [&](user& u) {
        return reply(call([&] { return backend_->update_user(r.capture("user_id"), u); }), r.media);
    });
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::delete_user(const detail::routed& r) const {
    return done(call([&] { return backend_->delete_user(r.capture("user_id")); }), r.media);
}

// On either listener, with the user's own token (any other is 403).
OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::change_own_password(const detail::routed& r) const {
    auto who = caller(r.req, r.media, false);
    if (auto* res = std::get_if<response>(&who)) return std::move(*res);
    return with_body<password_change>(r, [&](password_change& p) {
        return token_reply(call([&] {
                               return backend_->change_own_password(auth_token(r.req), r.capture("user_id"),
                                                                    p.original_password, p.password);
                           }),
                           r.media);
    });
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_roles(const detail::routed& r) const {
    return reply(call([&] { return backend_->list_roles(); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::create_role(const detail::routed& r) const {
    return with_body<role>(r,
                           [&](role& ro) { return reply(call([&] { return backend_->create_role(ro); }), r.media); });
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::show_role(const detail::routed& r) const {
    return reply(call([&] { return backend_->role_by_id(r.capture("role_id")); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::delete_role(const detail::routed& r) const {
    return done(call([&] { return backend_->delete_role(r.capture("role_id")); }), r.media);
}

// The tenant form, or the global one (a path without {tenant_id}).
OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::grant_role(const detail::routed& r) const {
    const bool on_tenant = r.row.path.find("{tenant_id}") != std::string_view::npos;
    const std::optional<std::string_view> tenant = on_tenant ? std::optional(r.capture("tenant_id")) : std::nullopt;
    return reply(call([&] { return backend_->grant_role(r.capture("user_id"), tenant, r.capture("role_id")); }),
                 r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::revoke_role(const detail::routed& r) const {
    const bool on_tenant = r.row.path.find("{tenant_id}") != std::string_view::npos;
    const std::optional<std::string_view> tenant = on_tenant ? std::optional(r.capture("tenant_id")) : std::nullopt;
    return done(call([&] { return backend_->revoke_role(r.capture("user_id"), tenant, r.capture("role_id")); }),
                r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_services(const detail::routed& r) const {
    return reply(call([&] { return backend_->list_services(); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::create_service(const detail::routed& r) const {
    return with_body<service>(r, [&](service& s) {
        return reply(call([&] { return backend_->create_service(s); }), r.media);
    });
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::show_service(const detail::routed& r) const {
    return reply(call([&] { return backend_->service_by_id(r.capture("service_id")); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::delete_service(const detail::routed& r) const {
    return done(call([&] { return backend_->delete_service(r.capture("service_id")); }), r.media);
}

namespace detail {

OPENSTACK_IDENTITY_V2_ASIO_DECL endpoint_record to_record(std::string service_id, const endpoint& e) {
    return endpoint_record{.id = e.id,
                           .region = e.region,
                           .service_id = std::move(service_id),
                           .public_url = e.public_url,
                           .admin_url = e.admin_url,
                           .internal_url = e.internal_url};
}

}  // namespace detail

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_endpoints(const detail::routed& r) const {
    auto x = call([&] { return backend_->list_endpoints(); });
    if (!x) return backend_fault(x.error(), r.media);
    endpoint_records out;
    for (auto& [service_id, e] : *x) out.items.push_back(detail::to_record(std::move(service_id), e));
    return document(bhttp::status::ok, out, r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::create_endpoint(const detail::routed& r) const {
    return with_body<endpoint_record>(r, [&](endpoint_record& in) {
        endpoint e;
        e.id = in.id;
        e.region = in.region;
        e.public_url = in.public_url;
        e.admin_url = in.admin_url;
        e.internal_url = in.internal_url;
        auto x = call([&] { return backend_->create_endpoint(in.service_id, e); });
        if (!x) return backend_fault(x.error(), r.media);
        return document(bhttp::status::ok, detail::to_record(in.service_id, *x), r.media);
    });
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::delete_endpoint(const detail::routed& r) const {
    return done(call([&] { return backend_->delete_endpoint(r.capture("endpoint_id")); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_ec2_credentials(const detail::routed& r) const {
    auto x = call([&] { return backend_->list_ec2_credentials(r.capture("user_id")); });
    if (!x) return backend_fault(x.error(), r.media);
    credential_list out;
    out.items = std::move(*x);
    return document(bhttp::status::ok, out, r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::create_ec2_credential(const detail::routed& r) const {
    return with_body<credential_request>(r, [&](credential_request& c) {
        return reply(call([&] { return backend_->create_ec2_credential(r.capture("user_id"), c.tenant_id); }), r.media);
    });
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::show_ec2_credential(const detail::routed& r) const {
    return reply(call([&] { return backend_->ec2_credential(r.capture("user_id"), r.capture("access")); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::delete_ec2_credential(const detail::routed& r) const {
    return done(call([&] { return backend_->delete_ec2_credential(r.capture("user_id"), r.capture("access")); }),
                r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::ec2_authenticate(const detail::routed& r) const {
    return with_body<ec2_request>(r, [&](ec2_request& q) {
        return token_reply(call([&] { return backend_->ec2_authenticate(q); }), r.media);
    });
}

}  // namespace openstack::identity::v2::protocol

#endif
// ---- end openstack/identity/v2/protocol/impl/request_handler.ipp
#endif

#endif
// ---- end openstack/identity/v2/protocol/request_handler.hpp
// ---- begin openstack/identity/v2/protocol/sql.hpp
#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_SQL_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_SQL_HPP

// A small SQL layer for the SQL store: one interface over SQLite (libsqlite3) and PostgreSQL
// (libpq), opened by URL, and a bounded pool of connections.
//
//   sqlite:PATH            a database file, created when missing; WAL mode, so that the pool's
//                          connections read while one writes
//   sqlite::memory:        a private in-memory database; its pool holds one connection, since
//                          every SQLite connection to :memory: is a database of its own
//   postgresql://user@host:port/db?...  (or postgres://...) given to libpq as it is; a
//                          connect_timeout is added unless the URL sets one
//
// Statements are written once, with PostgreSQL's placeholders ($1, $2, ...; SQLite is given ?1,
// ?2, ...), prepared on a connection's first use and run with parameters: no value is ever put
// into SQL text. Values travel as text (SQLite binds integers as integers, so that LIMIT and
// comparisons see numbers); NULL is std::nullopt.
//
// Errors are v2::error of kind service_unavailable (a URL that is none of the above: bad_request),
// but for a statement refused by a unique constraint: tenant_conflict (409), which is how a second
// writer that lost a race (two instances creating one name at once) learns it.
// Their messages hold the engine's own primary message, never the URL, and a password the URL
// carries is cut out of libpq's messages. A connection found lost (the server restarted, a
// failover) is dropped with the pool's idle ones, and the call is tried once more on a new one.


// libpq's header is in its own directory on Debian (/usr/include/postgresql), which the CMake
// targets add; a program that does not use them finds it there.
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#else
#include <postgresql/libpq-fe.h>
#endif
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <concepts>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol::sql {

enum class engine : unsigned char { sqlite, postgresql };

inline error unavailable(std::string message) {
    return backend_error(fault_kind::service_unavailable, std::move(message));
}

inline error duplicate() {
    return backend_error(fault_kind::tenant_conflict, "Conflict occurred attempting to store - Duplicate entry.");
}

// A statement's parameter: text, an integer or NULL. It refers to the caller's text.
struct param {
    enum class type : unsigned char { null, text, integer };
    type kind = type::null;
    std::string_view text;
    std::int64_t integer = 0;

    param(std::nullopt_t) noexcept {}
    param(std::string_view s) noexcept : kind(type::text), text(s) {}
    param(const std::string& s) noexcept : param(std::string_view(s)) {}
    param(const char* s) noexcept : param(std::string_view(s)) {}
    param(const std::optional<std::string>& s) noexcept {
        if (s) *this = param(*s);
    }
    param(std::optional<std::string_view> s) noexcept {
        if (s) *this = param(*s);
    }
    template <std::integral I>
    param(I v) noexcept : kind(type::integer), integer(static_cast<std::int64_t>(v)) {}
};

using row = std::vector<std::optional<std::string>>;

struct answer {
    std::vector<row> rows;
    std::size_t changed = 0;  // rows inserted, updated or deleted
};

class connection {
public:
    virtual ~connection() = default;
    virtual engine kind() const noexcept = 0;
    // One statement, placeholders $1..$n. It is prepared on first use and kept for the
    // connection's life: callers run a fixed set of statements.
    virtual result<answer> query(std::string_view sql, std::span<const param> params) = 0;
    result<answer> query(std::string_view sql, std::initializer_list<param> params = {}) {
        return query(sql, std::span<const param>(params.begin(), params.size()));
    }
    // Statements without parameters, run as written: schema changes, transaction control.
    virtual result<void> script(std::string_view sql) = 0;
    // The server is gone: the connection cannot be used again.
    virtual bool broken() const noexcept = 0;
};

namespace detail {

// PostgreSQL's $n placeholders as SQLite's ?n, outside quoted text and names.
inline std::string sqlite_placeholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size());
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
            c = '?';
        }
        out.push_back(c);
    }
    return out;
}

class sqlite_connection final : public connection {
public:
    static result<std::unique_ptr<connection>> open(const std::string& path, std::chrono::milliseconds busy) {
        sqlite3* db = nullptr;
        const int rc = sqlite3_open_v2(path.c_str(), &db,
                                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
        std::unique_ptr<sqlite_connection> c(new sqlite_connection(db));  // closes db, even when open failed
        if (rc != SQLITE_OK) return c->fail("cannot open the database");
        // A writer waits for another connection's write as long as a caller waits for a connection.
        sqlite3_busy_timeout(db, static_cast<int>(busy.count()));
        // SQLite checks foreign keys only when asked, per connection. WAL lets the pool's
        // connections read while one writes; in WAL, synchronous=NORMAL cannot corrupt the file
        // (a power cut may lose the last transactions, not a crash of the process).
        auto r = c->script(path == ":memory:"
                               ? "PRAGMA foreign_keys = ON"
                               : "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
        if (!r) return r.error();
        return std::unique_ptr<connection>(std::move(c));
    }

    ~sqlite_connection() override {
        for (auto& [sql, st] : statements_) sqlite3_finalize(st);
        sqlite3_close_v2(db_);
    }

    engine kind() const noexcept override { return engine::sqlite; }
    bool broken() const noexcept override { return false; }

    result<answer> query(std::string_view sql, std::span<const param> params) override {
        auto it = statements_.find(sql);
        if (it == statements_.end()) {
            const std::string text = sqlite_placeholders(sql);
            sqlite3_stmt* st = nullptr;
            if (sqlite3_prepare_v3(db_, text.data(), static_cast<int>(text.size()), SQLITE_PREPARE_PERSISTENT, &st,
                                   nullptr) != SQLITE_OK)
                return fail("cannot prepare a statement");
            it = statements_.emplace(std::string(sql), st).first;
        }
        sqlite3_stmt* st = it->second;
        // Resets the statement whatever happens, which ends its implicit read transaction.
        const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> reset(st, sqlite3_reset);
        sqlite3_clear_bindings(st);
        for (std::size_t i = 0; i < params.size(); ++i) {
            const param& p = params[i];
            const int at = static_cast<int>(i + 1);
            int rc = SQLITE_OK;
            if (p.kind == param::type::text)
                rc = sqlite3_bind_text64(st, at, p.text.data(), p.text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
            else if (p.kind == param::type::integer) rc = sqlite3_bind_int64(st, at, p.integer);
            if (rc != SQLITE_OK) return fail("cannot bind a parameter");
        }
        answer a;
        const int columns = sqlite3_column_count(st);
        for (;;) {
            const int rc = sqlite3_step(st);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) return fail("a statement failed");
            row& r = a.rows.emplace_back(static_cast<std::size_t>(columns));
            for (int i = 0; i < columns; ++i)
                if (sqlite3_column_type(st, i) != SQLITE_NULL) {
                    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
                    r[static_cast<std::size_t>(i)].emplace(p, static_cast<std::size_t>(sqlite3_column_bytes(st, i)));
                }
        }
        if (!sqlite3_stmt_readonly(st)) a.changed = static_cast<std::size_t>(sqlite3_changes64(db_));
        return a;
    }

    result<void> script(std::string_view sql) override {
        const std::string text(sql);
        if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) return fail("a statement failed");
        return {};
    }

private:
    explicit sqlite_connection(sqlite3* db) : db_(db) {}

    error fail(std::string_view what) const {
        if (db_) {
            const int code = sqlite3_extended_errcode(db_);
            if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) return duplicate();
        }
        return unavailable("SQLite: " + std::string(what) + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory"));
    }

    sqlite3* db_;
    std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
};

// The password a PostgreSQL URL carries, to be cut out of libpq's messages; nullopt when libpq
// cannot read the URL.
inline std::optional<std::string> pg_password(const std::string& url) {
    char* message = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &message);
    if (message) PQfreemem(message);  // it may quote the URL
    if (!options) return std::nullopt;
    std::string password;
    for (const PQconninfoOption* o = options; o->keyword; ++o)
        if (std::strcmp(o->keyword, "password") == 0 && o->val) password = o->val;
    PQconninfoFree(options);
    return password;
}

class pg_connection final : public connection {
public:
    static result<std::unique_ptr<connection>> open(const std::string& url, const std::string& password,
                                                    std::chrono::seconds connect_timeout) {
        // Keywords in order, later ones winning: the URL's own connect_timeout, if any, wins.
        const std::string timeout = std::to_string(connect_timeout.count());
        const char* const keys[] = {"connect_timeout", "dbname", nullptr};
        const char* const values[] = {timeout.c_str(), url.c_str(), nullptr};
        PGconn* pg = PQconnectdbParams(keys, values, 1);
        if (!pg) return unavailable("PostgreSQL: out of memory");
        std::unique_ptr<pg_connection> c(new pg_connection(pg, password));
        if (PQstatus(pg) != CONNECTION_OK) return c->fail(nullptr, "cannot connect");
        // Notices ("relation already exists, skipping") would go to stderr.
        PQsetNoticeProcessor(
            pg, [](void*, const char*) {}, nullptr);
        return std::unique_ptr<connection>(std::move(c));
    }

    ~pg_connection() override { PQfinish(pg_); }

    engine kind() const noexcept override { return engine::postgresql; }
    bool broken() const noexcept override { return PQstatus(pg_) == CONNECTION_BAD; }

    result<answer> query(std::string_view sql, std::span<const param> params) override {
        auto it = statements_.find(sql);
        if (it == statements_.end()) {
            std::string name = "osi_" + std::to_string(statements_.size());
            const result_ptr r(PQprepare(pg_, name.c_str(), std::string(sql).c_str(), 0, nullptr));
            if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) return fail(r.get(), "cannot prepare a statement");
            it = statements_.emplace(std::string(sql), std::move(name)).first;
        }
        // Text parameters, NUL-terminated; the vectors are sized once so the pointers stay.
        std::vector<std::string> texts(params.size());
        std::vector<const char*> values(params.size(), nullptr);
        for (std::size_t i = 0; i < params.size(); ++i) {
            if (params[i].kind == param::type::null) continue;
            texts[i] = params[i].kind == param::type::text ? std::string(params[i].text)
                                                           : std::to_string(params[i].integer);
            values[i] = texts[i].c_str();
        }
        const result_ptr r(PQexecPrepared(pg_, it->second.c_str(), static_cast<int>(params.size()), values.data(),
                                          nullptr, nullptr, 0));
        const ExecStatusType status = PQresultStatus(r.get());
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return fail(r.get(), "a statement failed");
        answer a;
        const int rows = PQntuples(r.get()), columns = PQnfields(r.get());
        a.rows.reserve(static_cast<std::size_t>(rows));
        for (int i = 0; i < rows; ++i) {
            row& x = a.rows.emplace_back(static_cast<std::size_t>(columns));
            for (int j = 0; j < columns; ++j)
                if (!PQgetisnull(r.get(), i, j))
                    x[static_cast<std::size_t>(j)].emplace(PQgetvalue(r.get(), i, j),
                                                           static_cast<std::size_t>(PQgetlength(r.get(), i, j)));
        }
        // PQcmdTuples counts a SELECT's rows too: only a command's count is a change.
        if (status == PGRES_COMMAND_OK) a.changed = std::strtoull(PQcmdTuples(r.get()), nullptr, 10);
        return a;
    }

    result<void> script(std::string_view sql) override {
        const result_ptr r(PQexec(pg_, std::string(sql).c_str()));
        const ExecStatusType status = PQresultStatus(r.get());
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return fail(r.get(), "a statement failed");
        return {};
    }

private:
    struct clear {
        void operator()(PGresult* r) const noexcept { PQclear(r); }
    };
    using result_ptr = std::unique_ptr<PGresult, clear>;

    pg_connection(PGconn* pg, std::string password) : pg_(pg), password_(std::move(password)) {}

    // The server's primary message and SQLSTATE, or libpq's own message when there is no server
    // answer (a lost connection); the URL's password cut out of it.
    error fail(const PGresult* r, std::string_view what) const {
        if (const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
            state && std::string_view(state) == "23505")  // unique_violation
            return duplicate();
        std::string m;
        if (const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr) {
            m = primary;
            if (const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE))
                m.append(" (SQLSTATE ").append(state).append(")");
        } else {
            m = PQerrorMessage(pg_);
        }
        while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
        for (auto& c : m)
            if (c == '\n') c = ' ';
        if (!password_.empty())
            for (auto at = m.find(password_); at != std::string::npos; at = m.find(password_, at + 3))
                m.replace(at, password_.size(), "***");
        return unavailable("PostgreSQL: " + std::string(what) + ": " + m);
    }

    PGconn* pg_;
    std::string password_;
    std::map<std::string, std::string, std::less<>> statements_;  // SQL to the prepared statement's name
};

}  // namespace detail

struct pool_options {
    std::size_t size = 4;                  // connections at most (at least 1)
    std::chrono::milliseconds wait{5000};  // for a free connection; then service_unavailable
};

// A bounded pool of connections to one database. Leases must not outlive their pool.
class pool {
public:
    class lease {
    public:
        lease(lease&& o) noexcept : pool_(std::exchange(o.pool_, nullptr)), c_(std::move(o.c_)) {}
        lease& operator=(lease&&) = delete;
        ~lease() {
            if (pool_) pool_->release(std::move(c_));
        }
        connection& operator*() const noexcept { return *c_; }
        connection* operator->() const noexcept { return c_.get(); }

    private:
        friend class pool;
        lease(pool* p, std::unique_ptr<connection> c) noexcept : pool_(p), c_(std::move(c)) {}
        pool* pool_;
        std::unique_ptr<connection> c_;
    };

    // Reads the URL and opens a first connection, so that a wrong URL or an unreachable database
    // fails here rather than on the first request.
    static result<std::shared_ptr<pool>> open(std::string url, pool_options o = {}) {
        std::shared_ptr<pool> p;
        o.size = std::max<std::size_t>(o.size, 1);
        if (url.starts_with("sqlite:")) {
            std::string path = url.substr(7);
            if (path.empty()) return bad_url();
            if (path == ":memory:") o.size = 1;
            p.reset(new pool(engine::sqlite, o,
                             [path, wait = o.wait] { return detail::sqlite_connection::open(path, wait); }));
        } else if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
            auto password = detail::pg_password(url);
            if (!password) return bad_url();
            // libpq counts whole seconds, and takes less than 2 as 2.
            const auto timeout = std::max(std::chrono::ceil<std::chrono::seconds>(o.wait), std::chrono::seconds(2));
            p.reset(new pool(engine::postgresql, o, [url, password = std::move(*password), timeout] {
                return detail::pg_connection::open(url, password, timeout);
            }));
        } else {
            return bad_url();
        }
        auto first = p->acquire();
        if (!first) return first.error();
        return p;
    }

    engine kind() const noexcept { return engine_; }

    // A connection: an idle one, or a new one while fewer than `size` are open; else the first
    // one released within `wait`.
    result<lease> acquire() {
        std::unique_lock lk(mu_);
        if (!freed_.wait_for(lk, options_.wait, [&] { return !idle_.empty() || open_ < options_.size; }))
            return unavailable("no database connection came free within " + std::to_string(options_.wait.count()) +
                               " ms (a pool of " + std::to_string(options_.size) + ")");
        if (!idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            return lease(this, std::move(c));
        }
        ++open_;
        lk.unlock();
        auto c = connect_();
        if (!c) {
            lk.lock();
            --open_;
            freed_.notify_one();
            return c.error();
        }
        return lease(this, std::move(*c));
    }

    // f(connection&) -> result<T> on a leased connection, and once more on a new connection when
    // the first was found lost (its server restarted since it was last used).
    template <class F>
    std::invoke_result_t<F&, connection&> with(F&& f) {
        for (int attempt = 0;; ++attempt) {
            auto c = acquire();
            if (!c) return c.error();
            auto r = f(**c);
            if (r || attempt == 1 || !(*c)->broken()) return r;
        }
    }

    // The same in a transaction: committed when f succeeds, else rolled back. SQLite's begins
    // IMMEDIATE, taking the write lock at once: a transaction that read first and then wrote
    // could not wait for another writer (SQLITE_BUSY at once, whatever the timeout).
    template <class F>
    std::invoke_result_t<F&, connection&> transact(F&& f) {
        return with([&](connection& c) -> std::invoke_result_t<F&, connection&> {
            if (auto b = c.script(c.kind() == engine::sqlite ? "BEGIN IMMEDIATE" : "BEGIN"); !b) return b.error();
            // Rolls back unless committed: on a failure, and on an exception out of f.
            struct open_transaction {
                connection& c;
                bool done = false;
                ~open_transaction() {
                    if (!done && !c.broken()) (void)c.script("ROLLBACK");
                }
            } t{c};
            auto r = f(c);
            if (!r) return r;
            if (auto k = c.script("COMMIT"); !k) return k.error();
            t.done = true;
            return r;
        });
    }

private:
    using connect_fn = std::function<result<std::unique_ptr<connection>>()>;

    pool(engine e, pool_options o, connect_fn f) : engine_(e), options_(o), connect_(std::move(f)) {}

    static error bad_url() {
        error e;
        e.code = make_error_code(errc::invalid_value);
        e.kind = fault_kind::bad_request;
        e.message = "not a database URL: sqlite:PATH, sqlite::memory: or postgresql://user@host:port/database";
        return e;
    }

    void release(std::unique_ptr<connection> c) {
        std::vector<std::unique_ptr<connection>> lost;  // closed outside the lock
        {
            std::lock_guard lk(mu_);
            if (c->broken()) {
                // The server went away (a restart, a failover): the idle connections to it are
                // lost too, and would each fail one call before being found out.
                lost = std::move(idle_);
                idle_.clear();
                open_ -= lost.size() + 1;
                lost.push_back(std::move(c));
            } else {
                idle_.push_back(std::move(c));
            }
        }
        freed_.notify_all();
    }

    const engine engine_;
    const pool_options options_;
    const connect_fn connect_;
    std::mutex mu_;
    std::condition_variable freed_;
    std::vector<std::unique_ptr<connection>> idle_;
    std::size_t open_ = 0;  // idle and leased
};

}  // namespace openstack::identity::v2::protocol::sql

#endif
// ---- end openstack/identity/v2/protocol/sql.hpp
// ---- begin openstack/identity/v2/protocol/sql_store.hpp
#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_SQL_STORE_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_SQL_STORE_HPP

// The store in SQL (SQLite or PostgreSQL, protocol/sql.hpp), which several server instances can
// share: Keystone's tables, simplified to what v2.0 keeps.
//
//   migration(version)                               the schema versions applied
//   tenant(id, name unique, description, enabled, seq)
//   "user"(id, name unique, email, enabled, tenant_id, password)   password: its hash's text form
//   role(id, name unique, seq)
//   assignment(user_id, tenant_id, role_id)          tenant_id NULL: a global role; unique
//   catalog(seq, entry, id unique, description)      one service as the library's JSON
//   ec2_credential(access, secret, user_id, tenant_id)
//   token(digest, user_id, tenant_id, issued, expires, audit_ids)
//   revocation_event(audit_id, user_id, tenant_id, issued_before, revoked_at)
//
// Times are integer microseconds since the epoch (a time_point is kept to the microsecond,
// rounded down); booleans are integers 0 and 1; seq is the order of creation, which lists and
// roles follow. A token's digest is the lower-case hex of the token_key; its audit ids a JSON
// array.
//
// The catalog is kept whole, one row of JSON per service, rather than as service and endpoint
// tables: the store reads all of it for a token (the backend substitutes the templates per
// token), and the JSON carries every member the model has (regions, version fields, members
// kept from a configuration) without a column for each. OS-KSADM's endpoint writes rewrite their
// service's row, in a transaction that locks it first.
//
// The schema is versioned (sql::migrations): db_sync() applies the missing versions in order,
// each in a transaction, and does nothing on a database that is up to date. sql_store::open()
// takes only a database at this code's version: older, it asks for db_sync; newer (written by a
// later release), it refuses.


#include <boost/json.hpp>

#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

namespace sql {

// A schema version: statements without parameters, in SQL that both engines read.
struct migration {
    int version;
    std::string_view script;
};

inline constexpr migration migrations[] = {
    {1, R"sql(
CREATE TABLE tenant (
    id text PRIMARY KEY,
    name text NOT NULL UNIQUE,
    description text,
    enabled integer NOT NULL,
    seq bigint NOT NULL UNIQUE
);
CREATE TABLE "user" (
    id text PRIMARY KEY,
    name text NOT NULL UNIQUE,
    email text,
    enabled integer NOT NULL,
    tenant_id text,
    password text NOT NULL
);
CREATE TABLE role (
    id text PRIMARY KEY,
    name text NOT NULL UNIQUE,
    seq bigint NOT NULL UNIQUE
);
CREATE TABLE assignment (
    user_id text NOT NULL REFERENCES "user" (id),
    tenant_id text REFERENCES tenant (id),
    role_id text NOT NULL REFERENCES role (id)
);
-- NULLs are distinct in a unique constraint: a global role is unique through coalesce.
CREATE UNIQUE INDEX assignment_unique ON assignment (user_id, coalesce(tenant_id, ''), role_id);
CREATE TABLE catalog (
    seq bigint PRIMARY KEY,
    entry text NOT NULL
);
CREATE TABLE token (
    digest text PRIMARY KEY,
    user_id text NOT NULL,
    tenant_id text,
    issued bigint NOT NULL,
    expires bigint NOT NULL,
    audit_ids text NOT NULL
);
CREATE INDEX token_expires ON token (expires);
CREATE INDEX token_user ON token (user_id, issued);
CREATE TABLE revocation_event (
    audit_id text,
    user_id text,
    tenant_id text,
    issued_before bigint NOT NULL,
    revoked_at bigint NOT NULL
);
CREATE INDEX revocation_event_revoked_at ON revocation_event (revoked_at);
)sql"},
    // OS-KSADM names services by id; OS-EC2 keeps credentials.
    {2, R"sql(
ALTER TABLE catalog ADD COLUMN id text;
ALTER TABLE catalog ADD COLUMN description text;
UPDATE catalog SET id = CAST(seq AS text);
CREATE UNIQUE INDEX catalog_id ON catalog (id);
CREATE TABLE ec2_credential (
    access text PRIMARY KEY,
    secret text NOT NULL,
    user_id text NOT NULL,
    tenant_id text NOT NULL
);
CREATE INDEX ec2_credential_user ON ec2_credential (user_id);
)sql"},
};

inline constexpr int latest_version = migrations[std::size(migrations) - 1].version;

// The database's schema version: 0 when it has none yet.
inline result<int> schema_version(pool& p) {
    return p.with([](connection& c) -> result<int> {
        auto t = c.query(c.kind() == engine::sqlite
                             ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'migration'"
                             : "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = "
                               "'migration'");
        if (!t) return t.error();
        if (t->rows.empty() || t->rows[0][0] == "0") return 0;
        auto v = c.query("SELECT max(version) FROM migration");
        if (!v) return v.error();
        if (v->rows.empty() || !v->rows[0][0]) return 0;
        int n = 0;
        const std::string& s = *v->rows[0][0];
        if (std::from_chars(s.data(), s.data() + s.size(), n).ec != std::errc{})
            return unavailable("the migration table holds an unreadable version");
        return n;
    });
}

inline error newer_schema(int version) {
    return unavailable("the database's schema is version " + std::to_string(version) + ", newer than this program's (" +
                       std::to_string(latest_version) + ")");
}

// Brings the database to latest_version; answers it.
inline result<int> db_sync(pool& p) {
    auto made = p.with([](connection& c) {
        return c.script("CREATE TABLE IF NOT EXISTS migration (version integer PRIMARY KEY)");
    });
    if (!made) return made.error();
    auto v = schema_version(p);
    if (!v) return v.error();
    if (*v > latest_version) return newer_schema(*v);
    for (const migration& m : migrations) {
        if (m.version <= *v) continue;
        // The version's row first: a second db_sync at the same time fails on it (after waiting
        // for this one), finds the version applied and goes on.
        auto r = p.transact([&](connection& c) -> result<void> {
            if (auto x = c.query("INSERT INTO migration (version) VALUES ($1)", {m.version}); !x) return x.error();
            return c.script(m.script);
        });
        if (!r) {
            auto now = schema_version(p);
            if (!now || *now < m.version) return r.error();
        }
    }
    return latest_version;
}

}  // namespace sql

class sql_store final : public store {
public:
    // A store on the pool's database, which must be at sql::latest_version.
    static result<std::unique_ptr<sql_store>> open(std::shared_ptr<sql::pool> p) {
        auto v = sql::schema_version(*p);
        if (!v) return v.error();
        if (*v > sql::latest_version) return sql::newer_schema(*v);
        if (*v < sql::latest_version)
            return sql::unavailable("the database's schema is version " + std::to_string(*v) + ", this program's " +
                                    std::to_string(sql::latest_version) + ": run db_sync");
        return std::unique_ptr<sql_store>(new sql_store(std::move(p)));
    }
    static result<std::unique_ptr<sql_store>> open(std::string url, sql::pool_options o = {}) {
        auto p = sql::pool::open(std::move(url), o);
        if (!p) return p.error();
        return open(std::move(*p));
    }

    // Loads a configuration's tenants, roles, users, assignments and catalog into a database
    // that holds none of them, in one transaction, and answers true. A database that holds any
    // is left as it is: false. So every server of a deployment may bootstrap from the same file
    // at start: the first one loads it.
    result<bool> bootstrap(const memory_config& cfg) {
        auto r = pool_->transact([&](sql::connection& c) -> result<bool> {
            auto e = empty(c);
            if (!e || !*e) return e;
            for (std::size_t i = 0; i < cfg.tenants.size(); ++i) {
                const tenant& t = cfg.tenants[i];
                auto x = c.query("INSERT INTO tenant (id, name, description, enabled, seq) VALUES ($1, $2, $3, $4, $5)",
                                 {t.id, t.name, t.description ? sql::param(*t.description) : std::nullopt,
                                  t.enabled.value_or(true), i});
                if (!x) return x.error();
            }
            for (std::size_t i = 0; i < cfg.roles.size(); ++i) {
                const role& ro = cfg.roles[i];
                auto x = c.query("INSERT INTO role (id, name, seq) VALUES ($1, $2, $3)", {ro.id, ro.name, i});
                if (!x) return x.error();
            }
            for (const stored_user& u : cfg.users) {
                auto x = c.query(
                    "INSERT INTO \"user\" (id, name, email, enabled, tenant_id, password) VALUES ($1, $2, $3, $4, $5, "
                    "$6)",
                    {u.id, u.name, u.email, u.enabled, u.tenant_id, crypto::format_password_hash(u.password)});
                if (!x) return x.error();
            }
            // A configuration may name a role twice.
            for (const assignment& a : cfg.assignments) {
                auto x = c.query(
                    "INSERT INTO assignment (user_id, tenant_id, role_id) VALUES ($1, $2, $3) "
                    "ON CONFLICT DO NOTHING",
                    {a.user_id, a.tenant_id, a.role_id});
                if (!x) return x.error();
            }
            const auto services = services_of(cfg.catalog);
            for (std::size_t i = 0; i < services.size(); ++i) {
                auto x = c.query("INSERT INTO catalog (seq, entry, id, description) VALUES ($1, $2, $3, $4)",
                                 {i, to_json(services[i].entry), services[i].id, services[i].description});
                if (!x) return x.error();
            }
            return true;
        });
        if (r) return r;
        // Another server bootstrapping at the same time won (PostgreSQL: this one's rows waited
        // for its commit, then collided with them).
        auto e = pool_->with([](sql::connection& c) { return empty(c); });
        if (e && !*e) return false;
        return r;
    }

    result<std::optional<stored_user>> user_by_id(std::string_view id) override {
        return user_where("SELECT id, name, email, enabled, tenant_id, password FROM \"user\" WHERE id = $1", id);
    }
    result<std::optional<stored_user>> user_by_name(std::string_view name) override {
        return user_where("SELECT id, name, email, enabled, tenant_id, password FROM \"user\" WHERE name = $1", name);
    }

    result<std::optional<tenant>> tenant_by_id(std::string_view id) override {
        return first(tenants_where("SELECT id, name, description, enabled FROM tenant WHERE id = $1", {id}));
    }
    result<std::optional<tenant>> tenant_by_name(std::string_view name) override {
        return first(tenants_where("SELECT id, name, description, enabled FROM tenant WHERE name = $1", {name}));
    }
    result<std::vector<tenant>> list_tenants() override {
        return tenants_where("SELECT id, name, description, enabled FROM tenant ORDER BY seq", {});
    }

    result<std::vector<role>> roles_of(std::string_view user_id, std::optional<std::string_view> tenant_id) override {
        return pool_->with([&](sql::connection& c) -> result<std::vector<role>> {
            auto r = tenant_id ? c.query(
                                     "SELECT id, name FROM role r WHERE EXISTS (SELECT 1 FROM assignment a "
                                     "WHERE a.role_id = r.id AND a.user_id = $1 AND a.tenant_id = $2) ORDER BY seq",
                                     {user_id, *tenant_id})
                               : c.query(
                                     "SELECT id, name FROM role r WHERE EXISTS (SELECT 1 FROM assignment a "
                                     "WHERE a.role_id = r.id AND a.user_id = $1 AND a.tenant_id IS NULL) ORDER BY seq",
                                     {user_id});
            if (!r) return r.error();
            std::vector<role> out;
            for (auto& x : r->rows) out.push_back(role{.id = std::move(x[0]), .name = std::move(x[1])});
            return out;
        });
    }

    result<std::vector<tenant>> tenants_of(std::string_view user_id) override {
        return tenants_where(
            "SELECT id, name, description, enabled FROM tenant t WHERE enabled = 1 AND EXISTS "
            "(SELECT 1 FROM assignment a WHERE a.tenant_id = t.id AND a.user_id = $1) ORDER BY seq",
            {user_id});
    }

    result<std::vector<catalog_entry>> catalog() override {
        return pool_->with([&](sql::connection& c) -> result<std::vector<catalog_entry>> {
            auto r = c.query("SELECT entry FROM catalog ORDER BY seq");
            if (!r) return r.error();
            std::vector<catalog_entry> out;
            for (auto& x : r->rows) {
                auto e = try_from_json<catalog_entry>(x[0].value_or(""), {.unknown = unknown_policy::keep});
                if (!e) return unreadable("catalog entry");
                out.push_back(std::move(*e));
            }
            return out;
        });
    }

    result<void> create_tenant(const tenant& t) override {
        return pool_->transact([&](sql::connection& c) -> result<void> {
            auto taken = c.query("SELECT 1 FROM tenant WHERE id = $1 OR name = $2", {t.id, t.name});
            if (!taken) return taken.error();
            if (!taken->rows.empty())
                return conflict("Conflict occurred attempting to store tenant - Duplicate entry.");
            auto seq = next_seq(c, "SELECT coalesce(max(seq), -1) + 1 FROM tenant");
            if (!seq) return seq.error();
            auto x = c.query("INSERT INTO tenant (id, name, description, enabled, seq) VALUES ($1, $2, $3, $4, $5)",
                             {t.id, t.name, t.description ? sql::param(*t.description) : std::nullopt,
                              t.enabled.value_or(true), *seq});
            if (!x) return x.error();
            return {};
        });
    }
    result<bool> update_tenant(const tenant& t) override {
        return pool_->transact([&](sql::connection& c) -> result<bool> {
            auto taken = c.query("SELECT 1 FROM tenant WHERE id <> $1 AND name = $2", {t.id, t.name});
            if (!taken) return taken.error();
            if (!taken->rows.empty())
                return conflict("Conflict occurred attempting to store tenant - Duplicate entry.");
            auto x = c.query("UPDATE tenant SET name = $2, description = $3, enabled = $4 WHERE id = $1",
                             {t.id, t.name, t.description ? sql::param(*t.description) : std::nullopt,
                              t.enabled.value_or(true)});
            if (!x) return x.error();
            return x->changed > 0;
        });
    }
    result<bool> delete_tenant(std::string_view id) override {
        return delete_with({"DELETE FROM assignment WHERE tenant_id = $1", "DELETE FROM tenant WHERE id = $1"}, id);
    }

    result<std::vector<stored_user>> list_users() override {
        return users_where("SELECT id, name, email, enabled, tenant_id, password FROM \"user\" ORDER BY name", {});
    }
    result<std::vector<stored_user>> users_of(std::string_view tenant_id) override {
        return users_where(
            "SELECT id, name, email, enabled, tenant_id, password FROM \"user\" u WHERE EXISTS "
            "(SELECT 1 FROM assignment a WHERE a.user_id = u.id AND a.tenant_id = $1) ORDER BY name",
            {tenant_id});
    }
    result<void> create_user(const stored_user& u) override {
        return pool_->transact([&](sql::connection& c) -> result<void> {
            auto taken = c.query("SELECT 1 FROM \"user\" WHERE id = $1 OR name = $2", {u.id, u.name});
            if (!taken) return taken.error();
            if (!taken->rows.empty()) return conflict("Conflict occurred attempting to store user - Duplicate entry.");
            auto x = c.query(
                "INSERT INTO \"user\" (id, name, email, enabled, tenant_id, password) VALUES ($1, $2, $3, $4, $5, $6)",
                {u.id, u.name, u.email, u.enabled, u.tenant_id, crypto::format_password_hash(u.password)});
            if (!x) return x.error();
            return {};
        });
    }
    result<bool> update_user(const stored_user& u) override {
        return pool_->transact([&](sql::connection& c) -> result<bool> {
            auto taken = c.query("SELECT 1 FROM \"user\" WHERE id <> $1 AND name = $2", {u.id, u.name});
            if (!taken) return taken.error();
            if (!taken->rows.empty()) return conflict("Conflict occurred attempting to store user - Duplicate entry.");
            auto x = c.query(
                "UPDATE \"user\" SET name = $2, email = $3, enabled = $4, tenant_id = $5, password = $6 WHERE id = $1",
                {u.id, u.name, u.email, u.enabled, u.tenant_id, crypto::format_password_hash(u.password)});
            if (!x) return x.error();
            return x->changed > 0;
        });
    }
    result<bool> delete_user(std::string_view id) override {
        return delete_with({"DELETE FROM assignment WHERE user_id = $1",
                            "DELETE FROM ec2_credential WHERE user_id = $1", "DELETE FROM \"user\" WHERE id = $1"},
                           id);
    }

    result<std::vector<role>> list_roles() override {
        return pool_->with([&](sql::connection& c) -> result<std::vector<role>> {
            auto r = c.query("SELECT id, name FROM role ORDER BY seq");
            if (!r) return r.error();
            std::vector<role> out;
            for (auto& x : r->rows) out.push_back(role{.id = std::move(x[0]), .name = std::move(x[1])});
            return out;
        });
    }
    result<void> create_role(const role& ro) override {
        return pool_->transact([&](sql::connection& c) -> result<void> {
            auto taken = c.query("SELECT 1 FROM role WHERE id = $1 OR name = $2", {ro.id, ro.name});
            if (!taken) return taken.error();
            if (!taken->rows.empty()) return conflict("Conflict occurred attempting to store role - Duplicate entry.");
            auto seq = next_seq(c, "SELECT coalesce(max(seq), -1) + 1 FROM role");
            if (!seq) return seq.error();
            auto x = c.query("INSERT INTO role (id, name, seq) VALUES ($1, $2, $3)", {ro.id, ro.name, *seq});
            if (!x) return x.error();
            return {};
        });
    }
    result<bool> delete_role(std::string_view id) override {
        return delete_with({"DELETE FROM assignment WHERE role_id = $1", "DELETE FROM role WHERE id = $1"}, id);
    }
    result<bool> grant(const assignment& a) override {
        return pool_->with([&](sql::connection& c) -> result<bool> {
            auto x = c.query(
                "INSERT INTO assignment (user_id, tenant_id, role_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                {a.user_id, a.tenant_id, a.role_id});
            if (!x) return x.error();
            return x->changed > 0;
        });
    }
    result<bool> revoke(const assignment& a) override {
        return pool_->with([&](sql::connection& c) -> result<bool> {
            auto x = a.tenant_id
                         ? c.query("DELETE FROM assignment WHERE user_id = $1 AND tenant_id = $2 AND role_id = $3",
                                   {a.user_id, *a.tenant_id, a.role_id})
                         : c.query("DELETE FROM assignment WHERE user_id = $1 AND tenant_id IS NULL AND role_id = $2",
                                   {a.user_id, a.role_id});
            if (!x) return x.error();
            return x->changed > 0;
        });
    }

    result<std::vector<stored_service>> list_services() override {
        return pool_->with([&](sql::connection& c) { return services(c); });
    }
    result<void> create_service(const stored_service& s) override {
        return pool_->transact([&](sql::connection& c) -> result<void> {
            auto taken = c.query("SELECT 1 FROM catalog WHERE id = $1", {s.id});
            if (!taken) return taken.error();
            if (!taken->rows.empty())
                return conflict("Conflict occurred attempting to store service - Duplicate entry.");
            auto seq = next_seq(c, "SELECT coalesce(max(seq), -1) + 1 FROM catalog");
            if (!seq) return seq.error();
            auto x = c.query("INSERT INTO catalog (seq, entry, id, description) VALUES ($1, $2, $3, $4)",
                             {*seq, to_json(s.entry), s.id, s.description});
            if (!x) return x.error();
            return {};
        });
    }
    result<bool> delete_service(std::string_view id) override {
        return delete_with({"DELETE FROM catalog WHERE id = $1"}, id);
    }
    result<bool> add_endpoint(std::string_view service_id, const endpoint& e) override {
        return pool_->transact([&](sql::connection& c) -> result<bool> {
            // Every row locked (PostgreSQL; SQLite's transaction holds the write lock): endpoint
            // ids are unique over all services, and the row is rewritten from what was read.
            if (auto l = c.query("UPDATE catalog SET entry = entry"); !l) return l.error();
            auto all = services(c);
            if (!all) return all.error();
            for (const auto& s : *all)
                for (const auto& x : s.entry.endpoints)
                    if (x.id == e.id)
                        return conflict("Conflict occurred attempting to store endpoint - Duplicate entry.");
            for (auto& s : *all)
                if (s.id == service_id) {
                    s.entry.endpoints.push_back(e);
                    return rewrite(c, s);
                }
            return false;
        });
    }
    result<bool> delete_endpoint(std::string_view id) override {
        return pool_->transact([&](sql::connection& c) -> result<bool> {
            if (auto l = c.query("UPDATE catalog SET entry = entry"); !l) return l.error();
            auto all = services(c);
            if (!all) return all.error();
            for (auto& s : *all)
                if (std::erase_if(s.entry.endpoints, [&](const endpoint& x) { return x.id == id; }))
                    return rewrite(c, s);
            return false;
        });
    }

    result<void> create_ec2(const ec2_record& e) override {
        return pool_->transact([&](sql::connection& c) -> result<void> {
            auto taken = c.query("SELECT 1 FROM ec2_credential WHERE access = $1", {e.access});
            if (!taken) return taken.error();
            if (!taken->rows.empty())
                return conflict("Conflict occurred attempting to store credential - Duplicate entry.");
            auto x = c.query("INSERT INTO ec2_credential (access, secret, user_id, tenant_id) VALUES ($1, $2, $3, $4)",
                             {e.access, e.secret, e.user_id, e.tenant_id});
            if (!x) return x.error();
            return {};
        });
    }
    result<std::optional<ec2_record>> ec2_by_access(std::string_view access) override {
        auto r = ec2_where("SELECT access, secret, user_id, tenant_id FROM ec2_credential WHERE access = $1", access);
        if (!r) return r.error();
        if (r->empty()) return std::nullopt;
        return std::move(r->front());
    }
    result<std::vector<ec2_record>> ec2_of(std::string_view user_id) override {
        return ec2_where(
            "SELECT access, secret, user_id, tenant_id FROM ec2_credential WHERE user_id = $1 ORDER BY access",
            user_id);
    }
    result<bool> delete_ec2(std::string_view access) override {
        return delete_with({"DELETE FROM ec2_credential WHERE access = $1"}, access);
    }

    // The cap counts the tokens live at t.issued. Under PostgreSQL's read committed isolation,
    // tokens of one user put at the same moment do not see each other before they commit: the
    // user may hold a few over the cap, until the next put.
    result<void> put_token(const token_key& key, const token_record& t, std::size_t max_per_user) override {
        const std::string digest = hex(key);
        boost::json::array audit;
        for (const auto& a : t.audit_ids) audit.emplace_back(a);
        const std::string audit_ids = boost::json::serialize(audit);
        return pool_->transact([&](sql::connection& c) -> result<void> {
            auto x = c.query(
                "INSERT INTO token (digest, user_id, tenant_id, issued, expires, audit_ids) "
                "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (digest) DO UPDATE SET "
                "user_id = excluded.user_id, tenant_id = excluded.tenant_id, issued = excluded.issued, "
                "expires = excluded.expires, audit_ids = excluded.audit_ids",
                {digest, t.user_id, t.tenant_id, micros(t.issued), micros(t.expires), audit_ids});
            if (!x) return x.error();
            auto y = c.query(
                "DELETE FROM token WHERE user_id = $1 AND expires > $2 AND digest NOT IN "
                "(SELECT digest FROM token WHERE user_id = $1 AND expires > $2 "
                "ORDER BY issued DESC, digest DESC LIMIT $3)",
                {t.user_id, micros(t.issued), max_per_user});
            if (!y) return y.error();
            return {};
        });
    }

    result<std::optional<token_record>> find_token(const token_key& key, time_point now) override {
        return pool_->with([&](sql::connection& c) -> result<std::optional<token_record>> {
            auto r = c.query(
                "SELECT user_id, tenant_id, issued, expires, audit_ids FROM token "
                "WHERE digest = $1 AND expires > $2",
                {hex(key), micros(now)});
            if (!r) return r.error();
            if (r->rows.empty()) return std::nullopt;
            auto& x = r->rows[0];
            token_record t;
            t.user_id = x[0].value_or("");
            t.tenant_id = std::move(x[1]);
            auto issued = integer(x[2]), expires = integer(x[3]);
            boost::system::error_code ec;
            const auto audit = boost::json::parse(x[4].value_or(""), ec);
            if (!issued || !expires || ec || !audit.is_array()) return unreadable("token");
            t.issued = from_micros(*issued);
            t.expires = from_micros(*expires);
            for (const auto& a : audit.get_array()) {
                if (!a.is_string()) return unreadable("token");
                t.audit_ids.emplace_back(a.get_string());
            }
            return t;
        });
    }

    result<bool> erase_token(const token_key& key) override {
        return pool_->with([&](sql::connection& c) -> result<bool> {
            auto r = c.query("DELETE FROM token WHERE digest = $1", {hex(key)});
            if (!r) return r.error();
            return r->changed > 0;
        });
    }

    result<std::size_t> purge_tokens(time_point now) override {
        return changed("DELETE FROM token WHERE expires <= $1", micros(now));
    }

    result<void> add_revocation(const revocation_event& e) override {
        return pool_->with([&](sql::connection& c) -> result<void> {
            auto r = c.query(
                "INSERT INTO revocation_event (audit_id, user_id, tenant_id, issued_before, revoked_at) "
                "VALUES ($1, $2, $3, $4, $5)",
                {e.audit_id, e.user_id, e.tenant_id, micros(e.issued_before), micros(e.revoked_at)});
            if (!r) return r.error();
            return {};
        });
    }

    result<std::vector<revocation_event>> revocations(time_point since) override {
        return pool_->with([&](sql::connection& c) -> result<std::vector<revocation_event>> {
            auto r = c.query(
                "SELECT audit_id, user_id, tenant_id, issued_before, revoked_at FROM revocation_event "
                "WHERE revoked_at >= $1 ORDER BY revoked_at, issued_before",
                {micros(since)});
            if (!r) return r.error();
            std::vector<revocation_event> out;
            for (auto& x : r->rows) {
                auto before = integer(x[3]), at = integer(x[4]);
                if (!before || !at) return unreadable("revocation event");
                out.push_back({.audit_id = std::move(x[0]),
                               .user_id = std::move(x[1]),
                               .tenant_id = std::move(x[2]),
                               .issued_before = from_micros(*before),
                               .revoked_at = from_micros(*at)});
            }
            return out;
        });
    }

    result<std::size_t> prune_revocations(time_point before) override {
        return changed("DELETE FROM revocation_event WHERE revoked_at < $1", micros(before));
    }

private:
    explicit sql_store(std::shared_ptr<sql::pool> p) : pool_(std::move(p)) {}

    static error unreadable(std::string_view what) {
        return sql::unavailable("the database holds an unreadable " + std::string(what));
    }

    static std::int64_t micros(time_point t) {
        return std::chrono::floor<std::chrono::microseconds>(t.time_since_epoch()).count();
    }
    static time_point from_micros(std::int64_t v) { return time_point(std::chrono::microseconds(v)); }
    static std::string hex(const token_key& k) { return crypto::to_hex(k.data(), k.size()); }

    static std::optional<std::int64_t> integer(const std::optional<std::string>& s) {
        std::int64_t v = 0;
        if (!s || std::from_chars(s->data(), s->data() + s->size(), v).ec != std::errc{}) return std::nullopt;
        return v;
    }

    static result<bool> empty(sql::connection& c) {
        auto r = c.query(
            "SELECT (SELECT count(*) FROM tenant) + (SELECT count(*) FROM \"user\") + "
            "(SELECT count(*) FROM role) + (SELECT count(*) FROM catalog)");
        if (!r) return r.error();
        return !r->rows.empty() && r->rows[0][0] == "0";
    }

    result<std::optional<stored_user>> user_where(std::string_view sql, std::string_view key) {
        auto r = users_where(sql, {key});
        if (!r) return r.error();
        if (r->empty()) return std::nullopt;
        return std::move(r->front());
    }

    result<std::vector<stored_user>> users_where(std::string_view sql, std::initializer_list<sql::param> params) {
        return pool_->with([&](sql::connection& c) -> result<std::vector<stored_user>> {
            auto r = c.query(sql, params);
            if (!r) return r.error();
            std::vector<stored_user> out;
            for (auto& x : r->rows) {
                auto password = crypto::parse_password_hash(x[5].value_or(""));
                if (!password) return unreadable("password hash");
                out.push_back(stored_user{.id = x[0].value_or(""),
                                          .name = x[1].value_or(""),
                                          .email = std::move(x[2]),
                                          .enabled = x[3] == "1",
                                          .tenant_id = std::move(x[4]),
                                          .password = std::move(*password)});
            }
            return out;
        });
    }

    result<std::vector<ec2_record>> ec2_where(std::string_view sql, std::string_view key) {
        return pool_->with([&](sql::connection& c) -> result<std::vector<ec2_record>> {
            auto r = c.query(sql, {key});
            if (!r) return r.error();
            std::vector<ec2_record> out;
            for (auto& x : r->rows)
                out.push_back({.access = x[0].value_or(""),
                               .secret = x[1].value_or(""),
                               .user_id = x[2].value_or(""),
                               .tenant_id = x[3].value_or("")});
            return out;
        });
    }

    static result<std::int64_t> next_seq(sql::connection& c, std::string_view sql) {
        auto r = c.query(sql);
        if (!r) return r.error();
        auto v = r->rows.empty() ? std::nullopt : integer(r->rows[0][0]);
        if (!v) return unreadable("sequence number");
        return *v;
    }

    // The statements, in one transaction, each on the id; whether the last removed a row.
    result<bool> delete_with(std::initializer_list<std::string_view> statements, std::string_view id) {
        return pool_->transact([&](sql::connection& c) -> result<bool> {
            std::size_t changed = 0;
            for (auto sql : statements) {
                auto x = c.query(sql, {id});
                if (!x) return x.error();
                changed = x->changed;
            }
            return changed > 0;
        });
    }

    static result<std::vector<stored_service>> services(sql::connection& c) {
        auto r = c.query("SELECT id, description, entry FROM catalog ORDER BY seq");
        if (!r) return r.error();
        std::vector<stored_service> out;
        for (auto& x : r->rows) {
            auto e = try_from_json<catalog_entry>(x[2].value_or(""), {.unknown = unknown_policy::keep});
            if (!e) return unreadable("catalog entry");
            out.push_back({.id = x[0].value_or(""), .description = std::move(x[1]), .entry = std::move(*e)});
        }
        return out;
    }

    static result<bool> rewrite(sql::connection& c, const stored_service& s) {
        auto x = c.query("UPDATE catalog SET entry = $2 WHERE id = $1", {s.id, to_json(s.entry)});
        if (!x) return x.error();
        return true;
    }

    result<std::vector<tenant>> tenants_where(std::string_view sql, std::initializer_list<sql::param> params) {
        return pool_->with([&](sql::connection& c) -> result<std::vector<tenant>> {
            auto r = c.query(sql, params);
            if (!r) return r.error();
            std::vector<tenant> out;
            for (auto& x : r->rows) {
                tenant t{
                    .id = std::move(x[0]), .name = std::move(x[1]), .description = nullptr, .enabled = x[3] == "1"};
                if (x[2]) t.description = std::move(*x[2]);  // NULL: Keystone's "description": null
                out.push_back(std::move(t));
            }
            return out;
        });
    }

    static result<std::optional<tenant>> first(result<std::vector<tenant>> r) {
        if (!r) return r.error();
        if (r->empty()) return std::nullopt;
        return std::move(r->front());
    }

    result<std::size_t> changed(std::string_view sql, std::int64_t at) {
        return pool_->with([&](sql::connection& c) -> result<std::size_t> {
            auto r = c.query(sql, {at});
            if (!r) return r.error();
            return r->changed;
        });
    }

    std::shared_ptr<sql::pool> pool_;
};

}  // namespace openstack::identity::v2::protocol

#endif
// ---- end openstack/identity/v2/protocol/sql_store.hpp

#endif
// ---- end openstack/identity/v2/protocol.hpp
// ---- begin openstack/identity/v2/asio/server.hpp
#ifndef OPENSTACK_IDENTITY_V2_ASIO_SERVER_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_SERVER_HPP

// An HTTP/1.1 server for the v2.0 API on Boost.Beast: a public and an admin listener, one
// handler each (protocol/request_handler.hpp), keep-alive, header/body/write timeouts, a connection limit, a
// multi-threaded io_context and graceful shutdown (SIGINT/SIGTERM or stop()): the listeners
// close, idle connections close, requests in flight are answered, then the threads return.
// Shaped like Beast's advanced server example.


#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::asio {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

struct listen_address {
    std::string host = "127.0.0.1";
    unsigned short port = 0;  // 0: an ephemeral port
};

struct server_options {
    listen_address public_listener{"127.0.0.1", 5000};
    std::optional<listen_address> admin_listener = listen_address{"127.0.0.1", 35357};
    // The URLs advertised in version documents and WWW-Authenticate; by default built from the
    // bound addresses ("http://127.0.0.1:5000").
    std::string public_url;
    std::string admin_url;
    unsigned threads = 2;
    // The whole request header must arrive within header_timeout (this is also how long an idle
    // keep-alive connection stays open); the body within body_timeout; a response must be
    // written within write_timeout.
    std::chrono::milliseconds header_timeout{std::chrono::seconds(10)};
    std::chrono::milliseconds body_timeout{std::chrono::seconds(30)};
    std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};
    // How long a graceful shutdown waits for requests in flight before it stops anyway.
    std::chrono::milliseconds drain_timeout{std::chrono::seconds(30)};
    // Open connections over these are answered 503 (after their request header) and closed.
    // max_connections counts each listener on its own, so that clients filling the public one
    // leave the admin one, where services validate tokens, its slots. One client address may
    // hold max_connections_per_address of them (0: no limit); behind a load balancer or proxy
    // every connection comes from its address: raise it there, or set 0.
    std::size_t max_connections = 1024;
    std::size_t max_connections_per_address = 256;
    // A keep-alive connection is closed after answering this many requests (the last answer says
    // `Connection: close`; 0: no limit), as nginx's keepalive_requests: a client cannot hold a
    // slot, and the instance behind a load balancer, for ever; clients reconnect.
    std::size_t max_requests_per_connection = 1000;
    // Authentications (POST /v2.0/tokens, which may check a password: PBKDF2, a few hundred
    // milliseconds at crypto::default_iterations) run on auth_threads threads of their own, so
    // that token validation, the hot path of every service, never waits behind them. At most
    // auth_queue run or wait at once; more are answered 503 with Retry-After at once. Unset: the
    // cores the I/O threads leave (hardware threads minus `threads`), at least 1. Hashing on every
    // core made validation's p99 3x slower under a password flood on 2 cores; leaving the I/O
    // threads their cores kept it within 1.5x (bench/). 0: on the I/O threads (no pool).
    std::optional<unsigned> auth_threads;
    std::size_t auth_queue = 64;
    // A backend whose calls block (a SQL store: a database round trip per call) must not hold the
    // I/O threads: with backend_threads > 0 every other request is handled on that many threads of
    // their own, at most backend_queue running or waiting (past it: 503 with Retry-After). 0: on
    // the I/O threads, for a backend that never blocks (the memory backend).
    unsigned backend_threads = 0;
    std::size_t backend_queue = 256;
    std::size_t body_limit = http::default_body_limit;
    std::uint32_t header_limit = 16 * 1024;
    bool handle_signals = true;  // SIGINT and SIGTERM start a graceful shutdown
    http::fault_options faults{};
    xml_options xml{};
    // What GET /v2.0/extensions lists on each listener: by default the extensions it serves.
    std::vector<extension> public_extensions = protocol::served_extensions(protocol::listener_kind::public_api);
    std::vector<extension> admin_extensions = protocol::served_extensions(protocol::listener_kind::admin_api);
    // One line per request ("public GET /v2.0 200"): method, path without query (token ids
    // masked), status. Never bodies or headers, so never passwords or tokens.
    std::function<void(const std::string&)> log;
};

class server {
public:
    server(std::shared_ptr<v2::protocol::backend> b, server_options opt);

    server(const server&) = delete;
    server& operator=(const server&) = delete;

    ~server();

    // Opens, binds and listens on both addresses. Throws boost::system::system_error.
    void listen();

    // Starts accepting and runs the io_context on the configured number of threads. Returns at once.
    void start();

    // Blocks until every thread has returned (after stop() or a signal).
    void wait();

    void run();

    // Graceful shutdown, from any thread: stop accepting, close idle connections, answer the
    // requests in flight, then let the threads return (forcibly after drain_timeout).
    void stop();

    tcp::endpoint public_endpoint() const;
    tcp::endpoint admin_endpoint() const;
    const std::string& public_url() const;
    const std::string& admin_url() const;
    std::size_t connections() const;
    // Authentications running or waiting for an auth thread.
    std::size_t authentications() const;
    const protocol::request_handler& public_handler() const;
    const protocol::request_handler& admin_handler() const;

private:
    struct state;
    class connection;
    class listener;

    std::shared_ptr<state> st_;
    std::vector<std::thread> threads_;
};

}  // namespace openstack::identity::v2::asio

#if OPENSTACK_IDENTITY_V2_ASIO_DEFINITIONS
// ---- begin openstack/identity/v2/asio/impl/server.ipp
#ifndef OPENSTACK_IDENTITY_V2_ASIO_IMPL_SERVER_IPP
#define OPENSTACK_IDENTITY_V2_ASIO_IMPL_SERVER_IPP

// The server's connections (asio/server.hpp): header-only, or compiled once (detail/config.hpp).


#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <map>
#include <mutex>
#include <unordered_set>
#include <utility>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::asio {

namespace detail {

inline std::string url_of(const tcp::endpoint& ep) {
    auto a = ep.address();
    std::string host = a.is_v6() ? "[" + a.to_string() + "]" : a.to_string();
    if (a.is_unspecified()) host = a.is_v6() ? "[::1]" : "127.0.0.1";
    return "http://" + host + ":" + std::to_string(ep.port());
}

template <class Executor>
std::optional<tcp::acceptor> open_acceptor(const Executor& ex, const listen_address& la) {
    tcp::endpoint ep{net::ip::make_address(la.host), la.port};
    std::optional<tcp::acceptor> acc(std::in_place, ex);
    acc->open(ep.protocol());
    acc->set_option(net::socket_base::reuse_address(true));
    acc->bind(ep);
    acc->listen(net::socket_base::max_listen_connections);
    return acc;
}

// What a connection may hold of a request besides its body: the header, then the chunk-size
// lines, chunk extensions and trailer of a chunked body. The read buffer never grows past it.
inline std::size_t input_budget(const server_options& o) { return std::max<std::size_t>(o.header_limit, 4096); }

template <class Fields>
std::size_t field_count(const Fields& f) {
    return static_cast<std::size_t>(std::distance(f.begin(), f.end()));
}

// How the body is framed, as RFC 9112 section 6 asks of a server: a Transfer-Encoding is
// "chunked" alone (the only coding this server reads), never with a Content-Length and never
// in HTTP/1.0. Anything else could be read as a different request by a proxy in front
// (request smuggling): the status and message of the answer, after which the connection closes.
template <class Request>
std::optional<std::pair<unsigned, std::string>> framing_fault(const Request& req) {
    namespace bh = beast::http;
    const auto n = req.count(bh::field::transfer_encoding);
    if (n == 0) return std::nullopt;
    auto bad = [](std::string m) { return std::pair<unsigned, std::string>{400, "Malformed HTTP request: " + m}; };
    if (n > 1) return bad("Transfer-Encoding given more than once.");
    if (req.count(bh::field::content_length)) return bad("both Transfer-Encoding and Content-Length.");
    if (req.version() < 11) return bad("Transfer-Encoding in an HTTP/1.0 request.");
    const beast::string_view te = req[bh::field::transfer_encoding];
    std::vector<std::string> codings;
    for (const auto& c : bh::token_list(te)) codings.emplace_back(c);
    if (codings.empty() || !beast::iequals(codings.back(), "chunked"))
        return bad("the last transfer coding is not chunked.");
    if (codings.size() > 1)
        return std::pair<unsigned, std::string>{501, "Transfer coding " + protocol::detail::printable(codings.front()) +
                                                         " is not implemented; send the body chunked only."};
    return std::nullopt;
}

}  // namespace detail

struct server::state {
    state(std::shared_ptr<v2::protocol::backend> b, server_options o)
        : backend(std::move(b)), opt(std::move(o)), ctl(net::make_strand(ioc)), drain_timer(ctl) {}

    net::io_context ioc;
    std::shared_ptr<v2::protocol::backend> backend;
    server_options opt;
    std::optional<tcp::acceptor> public_acc, admin_acc;
    tcp::endpoint public_ep, admin_ep;
    std::shared_ptr<protocol::request_handler> public_handler, admin_handler;
    bool listening = false;
    std::atomic<bool> started{false};
    std::atomic<bool> stopping{false};
    std::atomic<std::size_t> active{0};                   // connections, both listeners
    std::atomic<std::size_t> on_listener[2] = {};         // connections of the public (0) and admin (1) listener
    std::map<net::ip::address, std::size_t> per_address;  // under mu
    // Requests handled off the I/O threads: authentications (server_options::auth_threads), and
    // the others when the backend blocks (backend_threads).
    struct lane {
        std::optional<net::thread_pool> pool;
        std::atomic<std::size_t> waiting{0};  // running or queued there
        std::size_t queue = 0;
        std::string_view busy;  // the 503's message
    };
    lane auth{.busy = "Too many authentications in progress; try again later."};
    lane backend_lane{.busy = "Too many requests in progress; try again later."};
    std::optional<net::signal_set> signals;
    net::strand<net::io_context::executor_type> ctl;  // signals and the drain timer
    net::steady_timer drain_timer;
    std::mutex mu;
    std::vector<std::weak_ptr<listener>> listeners;
    std::unordered_set<connection*> connections;

    static void begin_stop(const std::shared_ptr<state>& st);
    void connection_gone() {
        if (--active == 0 && stopping) net::post(ctl, [this] { drain_timer.cancel(); });
    }
};

class server::connection : public std::enable_shared_from_this<connection> {
public:
    connection(std::shared_ptr<state> st, tcp::socket&& s, std::shared_ptr<protocol::request_handler> h,
               const char* side, int slot, net::ip::address from)
        : st_(std::move(st)), stream_(std::move(s)), buffer_(detail::input_budget(st_->opt)), h_(std::move(h)),
          side_(side), slot_(slot), from_(from) {
        // Counted here and uncounted in the destructor, whatever happens in between.
        const auto& o = st_->opt;
        reject_ = ++st_->on_listener[slot_] > o.max_connections;
        std::lock_guard lk(st_->mu);
        const std::size_t n = ++st_->per_address[from_];
        reject_ = reject_ || (o.max_connections_per_address && n > o.max_connections_per_address);
    }

    ~connection() {
        --st_->on_listener[slot_];
        {
            std::lock_guard lk(st_->mu);
            st_->connections.erase(this);
            if (auto it = st_->per_address.find(from_); it != st_->per_address.end() && --it->second == 0)
                st_->per_address.erase(it);
        }
        st_->connection_gone();
    }

    void run() {
        {
            std::lock_guard lk(st_->mu);
            st_->connections.insert(this);
        }
        net::dispatch(stream_.get_executor(), beast::bind_front_handler(&connection::read_header, shared_from_this()));
    }

    // From the server, on any thread.
    void shutdown() {
        net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
            self->stopping_ = true;
            if (self->idle_) {
                boost::system::error_code ec;
                self->stream_.socket().cancel(ec);
            }
        });
    }

private:
    void read_header() {
        if (stopping_ || st_->stopping) return close();
        parser_.emplace();
        parser_->body_limit(st_->opt.body_limit);
        parser_->header_limit(st_->opt.header_limit);
        fields_before_trailer_ = 0;
        parser_->on_chunk_header(last_chunk_);
        idle_ = true;
        // A connection over the limit gets a second at most to say what it wants.
        stream_.expires_after(reject_ ? std::min(st_->opt.header_timeout, std::chrono::milliseconds(1000))
                                      : st_->opt.header_timeout);
        header_bytes_ = 0;
        read_header_some();
    }

    // Beast applies header_limit to each read, not to the whole header (many short fields
    // would get through): the header is read piece by piece and counted here.
    void read_header_some() {
        beast::http::async_read_some(stream_, buffer_, *parser_,
                                     beast::bind_front_handler(&connection::on_header_some, shared_from_this()));
    }

    void on_header_some(beast::error_code ec, std::size_t n) {
        header_bytes_ += n;
        if (!ec && header_bytes_ > st_->opt.header_limit) ec = beast::http::error::header_limit;
        if (!ec && !parser_->is_header_done()) return read_header_some();
        on_header(ec, header_bytes_);
    }

    std::string accept() const {
        auto& m = parser_->get();
        auto it = m.find(beast::http::field::accept);
        return it == m.end() ? std::string{} : std::string(it->value());
    }

    void on_header(beast::error_code ec, std::size_t) {
        idle_ = false;
        if (ec == beast::http::error::end_of_stream || ec == net::error::operation_aborted ||
            ec == beast::error::timeout || ec == net::error::connection_reset || ec == net::error::eof)
            return close();
        if (ec == beast::http::error::body_limit)
            return answer_and_close(h_->fault_response(413,
                                                       "Request is too large. Larger than max_request_body_size (" +
                                                           std::to_string(st_->opt.body_limit) + ").",
                                                       accept(), parser_->get().version(),
                                                       parser_->get().method() == beast::http::verb::head));
        if (ec) {
            // Not HTTP, or a header over the limit: 400 and close.
            return answer_and_close(h_->fault_response(400, "Malformed HTTP request: " + ec.message() + ".", "", 11));
        }
        if (reject_)
            return answer_and_close(h_->fault_response(503, "Too many connections; try again later.", accept(),
                                                       parser_->get().version()));
        auto& req = parser_->get();
        if (auto bad = detail::framing_fault(req))
            return answer_and_close(h_->fault_response(bad->first, bad->second, accept(), req.version()));
        if (beast::iequals(req[beast::http::field::expect], "100-continue")) {
            auto cont = std::make_shared<beast::http::response<beast::http::empty_body>>(beast::http::status::continue_,
                                                                                         req.version());
            stream_.expires_after(st_->opt.write_timeout);
            beast::http::async_write(stream_, *cont,
                                     [self = shared_from_this(), cont](beast::error_code e, std::size_t) {
                                         if (e) return self->close();
                                         self->read_body();
                                     });
            return;
        }
        read_body();
    }

    void read_body() {
        stream_.expires_after(st_->opt.body_timeout);
        beast::http::async_read(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&connection::on_body, shared_from_this()));
    }

    void on_body(beast::error_code ec, std::size_t) {
        if (ec == beast::http::error::body_limit)
            return answer_and_close(h_->fault_response(413,
                                                       "Request is too large. Larger than max_request_body_size (" +
                                                           std::to_string(st_->opt.body_limit) + ").",
                                                       accept(), parser_->get().version()));
        if (ec == beast::http::error::buffer_overflow)
            return answer_and_close(h_->fault_response(400,
                                                       "Malformed HTTP request: chunk framing or trailer over " +
                                                           std::to_string(st_->opt.header_limit) + " bytes.",
                                                       accept(), parser_->get().version()));
        if (ec == beast::error::timeout || ec == net::error::operation_aborted) return close();
        if (ec && ec != beast::http::error::end_of_stream && !parser_->is_done()) {
            if (ec == net::error::eof || ec == beast::http::error::partial_message ||
                ec == net::error::connection_reset)
                return close();
            return answer_and_close(h_->fault_response(400, "Malformed HTTP request: " + ec.message() + ".", accept(),
                                                       11));
        }
        // Trailers are refused: a proxy in front filters headers and never sees them, so they must
        // not decide anything (Beast would merge them into the header).
        if (parser_->chunked() && detail::field_count(parser_->get()) != fields_before_trailer_)
            return answer_and_close(h_->fault_response(400, "Malformed HTTP request: trailer fields are not accepted.",
                                                       accept(), parser_->get().version()));
        auto req = std::make_shared<protocol::request>(parser_->release());
        if (st_->auth.pool && protocol::request_handler::checks_password(*req))
            return offload(st_->auth, std::move(req));
        if (st_->backend_lane.pool) return offload(st_->backend_lane, std::move(req));
        answer(*req, h_->handle(*req));
    }

    // On a thread of the lane; the answer is written from the connection's strand. A full queue
    // is told so at once: 503 with Retry-After, rather than a wait that holds the connection.
    void offload(state::lane& l, std::shared_ptr<protocol::request> req) {
        if (++l.waiting > l.queue) {
            --l.waiting;
            protocol::response r = h_->fault_response(503, std::string(l.busy),
                                                      std::string((*req)[beast::http::field::accept]), req->version());
            r.set(beast::http::field::retry_after, "1");
            r.keep_alive(req->keep_alive());
            return answer(*req, std::move(r));
        }
        // The work guard keeps the io_context running (during a graceful shutdown too) until the
        // answer is back on the strand.
        net::post(*l.pool, [self = shared_from_this(), &l, req = std::move(req),
                            work = net::make_work_guard(stream_.get_executor())]() mutable {
            auto res = std::make_shared<protocol::response>(self->h_->handle(*req));
            --l.waiting;
            net::post(self->stream_.get_executor(), [self, req = std::move(req), res, work = std::move(work)] {
                self->answer(*req, std::move(*res));
            });
        });
    }

    void answer(const protocol::request& req, protocol::response r) {
        auto res = std::make_shared<protocol::response>(std::move(r));
        const std::size_t most = st_->opt.max_requests_per_connection;
        if (st_->stopping || stopping_ || (most && ++answered_ >= most)) res->keep_alive(false);
        if (st_->opt.log) {
            // Token ids are secrets: "/v2.0/tokens/{id}[/endpoints]" is logged without the id.
            const std::string path =
                protocol::detail::printable(protocol::detail::masked_path(std::string_view(req.target().data(),
                                                                                           req.target().size())));
            st_->opt.log(std::string(side_) + " " + std::string(req.method_string()) + " " + path + " " +
                         std::to_string(res->result_int()));
        }
        write(std::move(res), false);
    }

    void answer_and_close(protocol::response r) {
        auto res = std::make_shared<protocol::response>(std::move(r));
        res->keep_alive(false);
        // The answer to a HEAD has no body, whatever refused it (found by server_fuzz). Beast sets
        // the method once the request line is parsed, even when a later field is malformed.
        if (parser_ && parser_->get().method() == beast::http::verb::head && !res->body().empty()) {
            res->set(beast::http::field::content_length, std::to_string(res->body().size()));
            res->body().clear();
        }
        if (st_->opt.log) st_->opt.log(std::string(side_) + " - - " + std::to_string(res->result_int()));
        write(std::move(res), true);
    }

    void write(std::shared_ptr<protocol::response> res, bool drain) {
        stream_.expires_after(st_->opt.write_timeout);
        auto sr = std::make_shared<beast::http::response_serializer<beast::http::string_body>>(*res);
        beast::http::async_write(stream_, *sr,
                                 [self = shared_from_this(), res, sr, drain](beast::error_code ec, std::size_t) {
                                     if (ec) return self->close();
                                     if (drain) return self->drain_and_close();
                                     if (!res->keep_alive()) return self->close();
                                     self->read_header();
                                 });
    }

    // After an answer sent without reading the whole request: stop sending, read and discard
    // what the client still sends for a moment (so that closing does not reset the
    // connection before the client read the answer), then close.
    void drain_and_close() {
        boost::system::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream_.expires_after(std::chrono::seconds(2));
        drain_buf_ = std::make_shared<std::array<char, 16384>>();
        drain_some();
    }

    void drain_some() {
        stream_.async_read_some(net::buffer(*drain_buf_),
                                [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                    self->drained_ += n;
                                    if (ec || self->drained_ > 8 * self->st_->opt.body_limit + (1u << 20))
                                        return self->close();
                                    self->drain_some();
                                });
    }

    void close() {
        boost::system::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.socket().close(ec);
    }

    std::shared_ptr<state> st_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<beast::http::request_parser<beast::http::string_body>> parser_;
    std::shared_ptr<protocol::request_handler> h_;
    const char* side_;
    int slot_;
    net::ip::address from_;
    bool reject_ = false;
    bool stopping_ = false;
    bool idle_ = false;
    std::shared_ptr<std::array<char, 16384>> drain_buf_;
    std::size_t drained_ = 0;
    std::size_t header_bytes_ = 0;
    std::size_t answered_ = 0;  // requests answered on this connection
    // The fields before the trailer (at the last chunk), to see whether the trailer added any.
    std::size_t fields_before_trailer_ = 0;
    std::function<void(std::uint64_t, beast::string_view, beast::error_code&)> last_chunk_ =
        [this](std::uint64_t size, beast::string_view, beast::error_code&) {
            if (size == 0) fields_before_trailer_ = detail::field_count(parser_->get());
        };
};

class server::listener : public std::enable_shared_from_this<listener> {
public:
    listener(std::shared_ptr<state> st, tcp::acceptor&& acc, std::shared_ptr<protocol::request_handler> h,
             const char* side, int slot)
        : st_(std::move(st)), acc_(std::move(acc)), h_(std::move(h)), side_(side), slot_(slot),
          retry_(acc_.get_executor()) {}

    void run() {
        {
            std::lock_guard lk(st_->mu);
            st_->listeners.push_back(weak_from_this());
        }
        net::dispatch(acc_.get_executor(), beast::bind_front_handler(&listener::accept, shared_from_this()));
    }

    void close() {
        net::dispatch(acc_.get_executor(), [self = shared_from_this()] {
            boost::system::error_code ec;
            self->acc_.close(ec);
            self->retry_.cancel();
        });
    }

private:
    void accept() {
        if (st_->stopping || !acc_.is_open()) return;
        acc_.async_accept(net::make_strand(st_->ioc),
                          beast::bind_front_handler(&listener::on_accept, shared_from_this()));
    }

    void on_accept(beast::error_code ec, tcp::socket s) {
        if (ec == net::error::operation_aborted || st_->stopping || !acc_.is_open()) return;
        if (!ec) {
            ++st_->active;
            boost::system::error_code ignored;
            s.set_option(tcp::no_delay(true), ignored);
            const auto from = s.remote_endpoint(ignored).address();
            std::make_shared<connection>(st_, std::move(s), h_, side_, slot_, from)->run();
        } else {
            // Out of descriptors or buffers: accepting again at once would spin. The
            // connection stays in the backlog until a descriptor is free.
            retry_.expires_after(std::chrono::milliseconds(50));
            retry_.async_wait([self = shared_from_this()](const boost::system::error_code& e) {
                if (!e) self->accept();
            });
            return;
        }
        accept();
    }

    std::shared_ptr<state> st_;
    tcp::acceptor acc_;
    std::shared_ptr<protocol::request_handler> h_;
    const char* side_;
    int slot_;
    net::steady_timer retry_;
};

OPENSTACK_IDENTITY_V2_ASIO_DECL void server::state::begin_stop(const std::shared_ptr<state>& st) {
    if (st->stopping.exchange(true)) return;
    // One handler does it all: while it runs the io_context has work, so the threads cannot run
    // out of work (and return) between closing the listeners and arming the drain timer.
    net::post(st->ctl, [st] {
        std::vector<std::shared_ptr<listener>> ls;
        std::vector<std::shared_ptr<connection>> ss;
        {
            std::lock_guard lk(st->mu);
            for (auto& w : st->listeners)
                if (auto l = w.lock()) ls.push_back(std::move(l));
            for (connection* s : st->connections)
                if (auto p = s->weak_from_this().lock()) ss.push_back(std::move(p));
        }
        for (auto& l : ls) l->close();
        for (auto& s : ss) s->shutdown();
        if (st->signals) {
            boost::system::error_code ec;
            st->signals->cancel(ec);
        }
        if (st->active == 0) return;
        st->drain_timer.expires_after(st->opt.drain_timeout);
        st->drain_timer.async_wait([st](const boost::system::error_code& ec) {
            if (!ec) st->ioc.stop();
        });
    });
}

OPENSTACK_IDENTITY_V2_ASIO_DECL server::server(std::shared_ptr<v2::protocol::backend> b, server_options opt)
    : st_(std::make_shared<state>(std::move(b), std::move(opt))) {}

OPENSTACK_IDENTITY_V2_ASIO_DECL server::~server() {
    stop();
    wait();
}

OPENSTACK_IDENTITY_V2_ASIO_DECL void server::listen() {
    if (st_->listening) return;
    auto& o = st_->opt;
    st_->public_acc = detail::open_acceptor(net::make_strand(st_->ioc), o.public_listener);
    st_->public_ep = st_->public_acc->local_endpoint();
    if (o.public_url.empty()) o.public_url = detail::url_of(st_->public_ep);
    if (o.admin_listener) {
        st_->admin_acc = detail::open_acceptor(net::make_strand(st_->ioc), *o.admin_listener);
        st_->admin_ep = st_->admin_acc->local_endpoint();
        if (o.admin_url.empty()) o.admin_url = detail::url_of(st_->admin_ep);
    }
    protocol::request_handler_options h;
    h.body_limit = o.body_limit;
    h.faults = o.faults;
    h.xml = o.xml;
    h.public_url = o.public_url;
    h.side = protocol::listener_kind::public_api;
    h.base_url = o.public_url;
    h.extensions = o.public_extensions;
    st_->public_handler = std::make_shared<protocol::request_handler>(st_->backend, h);
    h.side = protocol::listener_kind::admin_api;
    h.base_url = o.admin_url.empty() ? o.public_url : o.admin_url;
    h.extensions = o.admin_extensions;
    st_->admin_handler = std::make_shared<protocol::request_handler>(st_->backend, h);
    st_->listening = true;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL void server::start() {
    listen();
    if (st_->started.exchange(true)) return;
    auto st = st_;
    std::make_shared<listener>(st, std::move(*st->public_acc), st->public_handler, "public", 0)->run();
    st->public_acc.reset();
    if (st->admin_acc) {
        std::make_shared<listener>(st, std::move(*st->admin_acc), st->admin_handler, "admin", 1)->run();
        st->admin_acc.reset();
    }
    if (st->opt.handle_signals) {
        st->signals.emplace(st->ctl, SIGINT, SIGTERM);
        st->signals->async_wait([st](const boost::system::error_code& ec, int) {
            if (!ec) state::begin_stop(st);
        });
    }
    const unsigned n = st->opt.threads ? st->opt.threads : 1;
    const unsigned cores = std::thread::hardware_concurrency();
    const unsigned auth = st->opt.auth_threads.value_or(cores > n ? cores - n : 1);
    if (auth) st->auth.pool.emplace(auth);
    st->auth.queue = st->opt.auth_queue;
    if (st->opt.backend_threads) st->backend_lane.pool.emplace(st->opt.backend_threads);
    st->backend_lane.queue = st->opt.backend_queue;
    // A completion handler that throws ends its connection (the connection object goes with it);
    // the thread goes on running the others (Asio allows run() again after an exception, without
    // restart()).
    for (unsigned i = 0; i < n; ++i)
        threads_.emplace_back([st] {
            for (;;) {
                try {
                    st->ioc.run();
                    return;
                } catch (const std::exception& e) {
                    if (st->opt.log)
                        st->opt.log(std::string("internal error: ") + protocol::detail::printable(e.what()));
                }
            }
        });
}

OPENSTACK_IDENTITY_V2_ASIO_DECL void server::wait() {
    for (auto& t : threads_)
        if (t.joinable()) t.join();
    threads_.clear();
    for (auto* l : {&st_->auth, &st_->backend_lane})
        if (l->pool) l->pool->join();
}

OPENSTACK_IDENTITY_V2_ASIO_DECL void server::run() {
    start();
    wait();
}

OPENSTACK_IDENTITY_V2_ASIO_DECL void server::stop() {
    if (st_->started) state::begin_stop(st_);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL tcp::endpoint server::public_endpoint() const { return st_->public_ep; }
OPENSTACK_IDENTITY_V2_ASIO_DECL tcp::endpoint server::admin_endpoint() const { return st_->admin_ep; }
OPENSTACK_IDENTITY_V2_ASIO_DECL const std::string& server::public_url() const { return st_->opt.public_url; }
OPENSTACK_IDENTITY_V2_ASIO_DECL const std::string& server::admin_url() const { return st_->opt.admin_url; }
OPENSTACK_IDENTITY_V2_ASIO_DECL std::size_t server::connections() const { return st_->active.load(); }
OPENSTACK_IDENTITY_V2_ASIO_DECL std::size_t server::authentications() const { return st_->auth.waiting.load(); }
OPENSTACK_IDENTITY_V2_ASIO_DECL const protocol::request_handler& server::public_handler() const {
    return *st_->public_handler;
}
OPENSTACK_IDENTITY_V2_ASIO_DECL const protocol::request_handler& server::admin_handler() const {
    return *st_->admin_handler;
}

}  // namespace openstack::identity::v2::asio

#endif
// ---- end openstack/identity/v2/asio/impl/server.ipp
#endif

#endif
// ---- end openstack/identity/v2/asio/server.hpp
// ---- begin openstack/identity/v2/asio/client.hpp
#ifndef OPENSTACK_IDENTITY_V2_ASIO_CLIENT_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_CLIENT_HPP

// The client half of the Asio/Beast transport: one HTTP(S) request per operation, JSON or XML on the
// wire, typed errors for every fault dialect, timeouts and bounded retries. See docs/client.md.
//
// Every operation is one function, async_xxx(args..., token), with the completion signature
// void(client_result<T>) whatever the completion token: a callback, use_future (a future of the
// client_result<T>), use_awaitable (co_await gives it), use_blocking (the call returns it), ...


#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/system/result.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <exception>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::asio {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

// ---------------------------------------------------------------------------------------------
// Errors

enum class client_errc {
    remote_fault = 1,   // the server answered with an error status (fault kind, status, message)
    bad_url,            // the URL cannot be parsed or has an unsupported scheme
    bad_response,       // a success status with a body that is not the expected document
    no_version,         // version discovery found no v2.0
    not_authenticated,  // a session could not obtain a token
    internal,           // an exception escaped an operation
    invalid_argument,   // an argument no request can carry (an empty token id): nothing was sent
};

class client_category_impl : public boost::system::error_category {
public:
    constexpr client_category_impl() noexcept : boost::system::error_category(0x6f73696476320004ull) {}
    const char* name() const noexcept override { return "openstack.identity.v2.client"; }
    std::string message(int ev) const override {
        switch (static_cast<client_errc>(ev)) {
        case client_errc::remote_fault: return "the server answered with a fault";
        case client_errc::bad_url: return "bad URL";
        case client_errc::bad_response: return "unexpected response document";
        case client_errc::no_version: return "the server offers no v2.0";
        case client_errc::not_authenticated: return "not authenticated";
        case client_errc::internal: return "internal error";
        case client_errc::invalid_argument: return "invalid argument";
        }
        return "client error";
    }
};

inline const boost::system::error_category& client_category() noexcept {
    static constexpr client_category_impl instance;
    return instance;
}

inline boost::system::error_code make_error_code(client_errc e) noexcept {
    return {static_cast<int>(e), client_category()};
}

// What went wrong. `code` is a transport error (asio, beast, ssl: connection refused, timeout,
// certificate) or a client_errc. For client_errc::remote_fault, `kind`, `status`, `message` and
// `details` come from the fault document (either dialect, JSON or XML), or from the status when the
// body is no document (Keystone's HTML 413 page); `body` keeps the start of such a body.
struct client_error {
    boost::system::error_code code;
    std::optional<fault_kind> kind;
    unsigned status = 0;
    std::string message;
    std::optional<std::string> details;
    std::string body;

    bool is_fault() const noexcept { return kind.has_value(); }

    // "unauthorized (401): The request you have made requires authentication."
    std::string what() const {
        std::string s;
        if (kind) {
            s.append(fault_name(*kind));
            if (status) s.append(" (").append(std::to_string(status)).append(")");
            s.append(": ").append(message);
            if (details && !details->empty()) s.append(" [").append(*details).append("]");
        } else {
            s.append(code.message());
            if (!message.empty()) s.append(": ").append(message);
        }
        return s;
    }
};

class client_exception : public boost::system::system_error {
public:
    explicit client_exception(client_error e) : boost::system::system_error(e.code, e.what()), error_(std::move(e)) {}
    const client_error& error() const noexcept { return error_; }

private:
    client_error error_;
};

[[noreturn]] inline void throw_exception_from_error(const client_error& e, const boost::source_location& loc) {
    boost::throw_exception(client_exception(e), loc);
}

template <class T>
using client_result = boost::system::result<T, client_error>;

inline client_error make_client_error(boost::system::error_code ec, std::string message = {}) {
    client_error e;
    e.code = ec;
    e.message = std::move(message);
    return e;
}

// ---------------------------------------------------------------------------------------------
// Options

using wire_format = http::media;  // json or xml

struct tls_options {
    std::string ca_file;    // PEM bundle to verify the server with
    std::string ca_path;    // directory of hashed CA certificates
    std::string cert_file;  // client certificate (chain), PEM
    std::string key_file;   // its private key, PEM
    bool insecure = false;  // do not verify the server certificate nor its name (explicit only)
};

// Retries happen on connection errors (resolve, connect, TLS handshake: nothing was sent) and on
// 503 and 429 answers, never on anything else. Backoff doubles from `initial_backoff` up to
// `max_backoff`; a Retry-After in seconds is honoured up to `max_backoff`.
struct retry_policy {
    unsigned max_retries = 2;
    std::chrono::milliseconds initial_backoff{200};
    std::chrono::milliseconds max_backoff{5000};
};

struct client_options {
    wire_format format = wire_format::json;
    std::chrono::milliseconds connect_timeout{10'000};  // resolve + connect + TLS handshake, per attempt
    std::chrono::milliseconds request_timeout{30'000};  // write + read, per attempt
    std::chrono::milliseconds total_timeout{120'000};   // everything, retries and backoff included
    retry_policy retry{};
    tls_options tls{};
    std::size_t max_response_size = 16u << 20;
    std::string user_agent = "openstack-identity-v2-client";
    read_options read{};  // how response documents are read
    xml_options xml{};    // how XML request documents are written
};

// ---------------------------------------------------------------------------------------------
// URLs: http(s)://host[:port][/path][?query]. Host may be an IPv6 literal in brackets.

struct parsed_url {
    std::string scheme;  // "http" or "https"
    std::string host;    // without brackets
    std::string port;    // always set (80/443 by default)
    std::string target;  // path and query, at least "/"

    bool tls() const noexcept { return scheme == "https"; }
    std::string host_header() const {
        std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
        if (port != (tls() ? "443" : "80")) h += ":" + port;
        return h;
    }
    std::string str() const { return scheme + "://" + host_header() + target; }
};

inline client_result<parsed_url> parse_url(std::string_view s) {
    auto bad = [&](const char* why) {
        return make_client_error(make_error_code(client_errc::bad_url), std::string(s) + ": " + why);
    };
    parsed_url u;
    const auto colon = s.find("://");
    if (colon == std::string_view::npos) return bad("no scheme");
    for (char c : s.substr(0, colon))
        u.scheme.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (u.scheme != "http" && u.scheme != "https") return bad("scheme is neither http nor https");
    std::string_view rest = s.substr(colon + 3);
    const auto slash = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, slash);
    std::string_view target = slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash);
    if (auto hash = target.find('#'); hash != std::string_view::npos) target = target.substr(0, hash);
    if (auto at = authority.rfind('@'); at != std::string_view::npos)
        return bad("credentials in URLs are not supported");
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) return bad("unterminated IPv6 literal");
        u.host = std::string(authority.substr(1, close - 1));
        authority = authority.substr(close + 1);
        if (!authority.empty()) {
            if (authority.front() != ':') return bad("junk after IPv6 literal");
            u.port = std::string(authority.substr(1));
        }
    } else {
        const auto pc = authority.rfind(':');
        u.host = std::string(authority.substr(0, pc));
        if (pc != std::string_view::npos) u.port = std::string(authority.substr(pc + 1));
    }
    if (u.host.empty()) return bad("no host");
    if (u.port.empty()) u.port = u.tls() ? "443" : "80";
    if (u.port.size() > 5 || u.port.find_first_not_of("0123456789") != std::string::npos) return bad("bad port");
    u.target = target.empty() ? "/" : std::string(target);
    if (u.target.front() == '?') u.target.insert(0, "/");
    return u;
}

// "http://h/v2.0/" + "tokens" = "http://h/v2.0/tokens" (one slash, whatever the sides have).
inline std::string join_url(std::string_view base, std::string_view rel) {
    std::string out(base);
    while (!out.empty() && out.back() == '/') out.pop_back();
    while (!rel.empty() && rel.front() == '/') rel.remove_prefix(1);
    out.push_back('/');
    out.append(rel);
    return out;
}

// The path of a URL ends with the version segment "/v2.0" (or "/v2.0/").
inline bool has_v2_suffix(std::string_view url) {
    while (!url.empty() && url.back() == '/') url.remove_suffix(1);
    return url.ends_with("/v2.0");
}

// The v2.0 base for a root or already versioned URL, never doubling "/v2.0".
inline std::string versioned_url(std::string_view url) {
    if (has_v2_suffix(url)) {
        std::string s(url);
        while (s.back() == '/') s.pop_back();
        return s;
    }
    return join_url(url, "v2.0");
}

// The root (unversioned) URL of a v2.0 base: "http://h:5000/v2.0" gives "http://h:5000/".
inline std::string root_url(std::string_view url) {
    std::string s(url);
    while (!s.empty() && s.back() == '/') s.pop_back();
    if (s.ends_with("/v2.0")) s.resize(s.size() - 5);
    return s + "/";
}

// Percent-encoding for path segments and query values (RFC 3986 unreserved characters pass).
inline std::string url_encode(std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Building authentication requests. Scope by tenant id wins over a tenant name when both are given
// (as keystoneauth, python-keystoneclient, jclouds and fog do): a request never carries both.

struct tenant_scope {
    std::optional<std::string> tenant_id;
    std::optional<std::string> tenant_name;
};

inline void apply_scope(auth& a, const tenant_scope& s) {
    if (s.tenant_id && !s.tenant_id->empty()) a.tenant_id = s.tenant_id;
    else if (s.tenant_name && !s.tenant_name->empty()) a.tenant_name = s.tenant_name;
}

inline auth password_auth(std::string username, std::string password, tenant_scope scope = {}) {
    auth a;
    a.password_credentials = v2::password_credentials{.username = std::move(username), .password = std::move(password)};
    apply_scope(a, scope);
    return a;
}

inline auth password_auth_by_user_id(std::string user_id, std::string password, tenant_scope scope = {}) {
    auth a;
    a.password_credentials = v2::password_credentials{.user_id = std::move(user_id), .password = std::move(password)};
    apply_scope(a, scope);
    return a;
}

inline auth token_auth(std::string token_id, tenant_scope scope = {}) {
    auth a;
    a.token = token_credentials{.id = std::move(token_id)};
    apply_scope(a, scope);
    return a;
}

// What version discovery found.
struct discovered_version {
    v2::version version;
    std::string url;  // the v2.0 base URL to use (the version's self link, or root + "/v2.0")
};

// ---------------------------------------------------------------------------------------------
// The HTTP exchange.

// One request: method, absolute URL, optional X-Auth-Token and body.
struct http_exchange {
    bhttp::verb method = bhttp::verb::get;
    std::string url;
    std::optional<std::string> auth_token;
    std::string body;
    wire_format format = wire_format::json;  // Accept, and Content-Type when there is a body
    std::string refused;                     // why the request must not be sent (perform fails with invalid_argument)
};

struct http_reply {
    unsigned status = 0;
    std::string content_type;
    std::string body;
    std::optional<std::chrono::seconds> retry_after;
};

// The completion token of a blocking call: the operation runs to completion on a private
// io_context in the calling thread, and the call returns its client_result<T>. Callable from any
// thread, including one that runs the client's executor (no deadlock); the client's executor is
// not used. Only the operations of the client and the session know it (detail::cli::launch): it
// is no token for Asio's own operations.
struct use_blocking_t {};
inline constexpr use_blocking_t use_blocking{};

namespace detail::cli {

struct shared {
    client_options options;
    net::ssl::context ssl{net::ssl::context::tls_client};
    std::optional<client_error> ssl_setup_error;
};

inline std::shared_ptr<shared> make_shared_state(client_options opt) {
    auto s = std::make_shared<shared>();
    s->options = std::move(opt);
    boost::system::error_code ec;
    auto& ctx = s->ssl;
    ctx.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 | net::ssl::context::no_sslv3,
                    ec);
    const auto& t = s->options.tls;
    auto note = [&](const char* what) {
        if (ec && !s->ssl_setup_error) s->ssl_setup_error = make_client_error(ec, what);
    };
    if (!t.ca_file.empty()) ctx.load_verify_file(t.ca_file, ec), note("CA file");
    if (!t.ca_path.empty()) ctx.add_verify_path(t.ca_path, ec), note("CA path");
    if (t.ca_file.empty() && t.ca_path.empty()) ctx.set_default_verify_paths(ec), ec.clear();
    if (!t.cert_file.empty()) ctx.use_certificate_chain_file(t.cert_file, ec), note("client certificate");
    if (!t.key_file.empty()) ctx.use_private_key_file(t.key_file, net::ssl::context::pem, ec), note("client key");
    ctx.set_verify_mode(t.insecure ? net::ssl::verify_none : net::ssl::verify_peer, ec);
    return s;
}

using clock = std::chrono::steady_clock;

inline std::chrono::milliseconds remaining(clock::time_point deadline) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
}

inline bool is_timeout(const boost::system::error_code& ec) {
    return ec == beast::error::timeout || ec == net::error::timed_out;
}

// One attempt's request and response over an established stream.
template <class Stream>
net::awaitable<client_result<http_reply>> exchange(Stream& stream, beast::tcp_stream& tcp, const shared& st,
                                                   const parsed_url& u, const http_exchange& x,
                                                   clock::time_point deadline) {
    boost::system::error_code ec;
    bhttp::request<bhttp::string_body> req{x.method, u.target, 11};
    req.set(bhttp::field::host, u.host_header());
    req.set(bhttp::field::user_agent, st.options.user_agent);
    req.set(bhttp::field::accept, http::content_type(x.format));
    if (x.auth_token) req.set("X-Auth-Token", *x.auth_token);
    if (!x.body.empty()) {
        req.set(bhttp::field::content_type, http::content_type(x.format));
        req.body() = x.body;
    }
    req.prepare_payload();
    tcp.expires_after(std::min(st.options.request_timeout, remaining(deadline)));
    co_await bhttp::async_write(stream, req, net::redirect_error(net::use_awaitable, ec));
    if (ec) co_return make_client_error(ec, is_timeout(ec) ? "request timed out (write)" : "write failed");
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(st.options.max_response_size);
    if (x.method == bhttp::verb::head) parser.skip(true);
    co_await bhttp::async_read(stream, buffer, parser, net::redirect_error(net::use_awaitable, ec));
    if (ec) co_return make_client_error(ec, is_timeout(ec) ? "request timed out (read)" : "read failed");
    auto& res = parser.get();
    http_reply out;
    out.status = res.result_int();
    out.content_type = std::string(res[bhttp::field::content_type]);
    out.body = std::move(res.body());
    if (auto ra = res[bhttp::field::retry_after]; !ra.empty()) {
        try {
            out.retry_after = std::chrono::seconds(std::stol(std::string(ra)));
        } catch (...) {
        }
    }
    co_return out;
}

// One attempt: resolve, connect, handshake, exchange. `connect_failed` tells a connection error
// (nothing sent: safe to retry) from a failure once the request was on its way.
template <class = void>  // see basic_client
net::awaitable<client_result<http_reply>> attempt(std::shared_ptr<shared> st, parsed_url u, http_exchange x,
                                                  clock::time_point deadline, bool& connect_failed) {
    auto ex = co_await net::this_coro::executor;
    boost::system::error_code ec;
    connect_failed = true;
    const auto connect_budget = std::min(st->options.connect_timeout, remaining(deadline));
    net::ip::tcp::resolver resolver(ex);
    auto results = co_await resolver.async_resolve(u.host, u.port, net::redirect_error(net::use_awaitable, ec));
    if (ec) co_return make_client_error(ec, "cannot resolve " + u.host);
    beast::tcp_stream tcp(ex);
    tcp.expires_after(connect_budget);
    co_await tcp.async_connect(results, net::redirect_error(net::use_awaitable, ec));
    if (ec)
        co_return make_client_error(ec,
                                    (is_timeout(ec) ? "connect timed out: " : "cannot connect to ") + u.host_header());
    if (!u.tls()) {
        connect_failed = false;
        auto r = co_await exchange(tcp, tcp, *st, u, x, deadline);
        tcp.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
        co_return r;
    }
    if (st->ssl_setup_error) co_return *st->ssl_setup_error;
    beast::ssl_stream<beast::tcp_stream> tls(std::move(tcp), st->ssl);
    SSL* ssl = tls.native_handle();
    boost::system::error_code addr_ec;
    (void)net::ip::make_address(u.host, addr_ec);
    if (addr_ec) SSL_set_tlsext_host_name(ssl, u.host.c_str());  // SNI only for names
    if (!st->options.tls.insecure) {
        X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
        if (addr_ec) X509_VERIFY_PARAM_set1_host(param, u.host.c_str(), 0);
        else X509_VERIFY_PARAM_set1_ip_asc(param, u.host.c_str());
    }
    beast::get_lowest_layer(tls).expires_after(connect_budget);
    co_await tls.async_handshake(net::ssl::stream_base::client, net::redirect_error(net::use_awaitable, ec));
    if (ec) {
        // A certificate that does not verify will not verify on a retry either.
        connect_failed = !(ec.category() == net::error::get_ssl_category());
        co_return make_client_error(ec, "TLS handshake with " + u.host_header() + " failed");
    }
    connect_failed = false;
    auto r = co_await exchange(tls, beast::get_lowest_layer(tls), *st, u, x, deadline);
    beast::get_lowest_layer(tls).socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
    co_return r;
}

// The request with the retry policy and the total timeout.
template <class = void>  // see basic_client
net::awaitable<client_result<http_reply>> perform(std::shared_ptr<shared> st, http_exchange x) {
    if (!x.refused.empty()) co_return make_client_error(make_error_code(client_errc::invalid_argument), x.refused);
    auto u = parse_url(x.url);
    if (!u) co_return u.error();
    const auto& opt = st->options;
    const auto deadline = clock::now() + opt.total_timeout;
    auto backoff = opt.retry.initial_backoff;
    for (unsigned n = 0;; ++n) {
        bool connect_failed = false;
        auto r = co_await attempt(st, *u, x, deadline, connect_failed);
        std::optional<std::chrono::milliseconds> wait;
        if (n < opt.retry.max_retries) {
            if (!r && connect_failed) {
                wait = backoff;
            } else if (r && (r->status == 503 || r->status == 429)) {
                wait = r->retry_after ? std::chrono::duration_cast<std::chrono::milliseconds>(*r->retry_after)
                                      : backoff;
            }
        }
        if (!wait) co_return r;
        wait = std::min(*wait, opt.retry.max_backoff);
        if (remaining(deadline) <= *wait) co_return r;
        net::steady_timer timer(co_await net::this_coro::executor, *wait);
        boost::system::error_code ec;
        co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
        backoff = std::min(backoff * 2, opt.retry.max_backoff);
    }
}

// The media of a reply body: its Content-Type when that names JSON or XML, else a look at the body.
inline std::optional<wire_format> reply_media(const http_reply& r) {
    if (!r.content_type.empty()) {
        if (auto m = http::body_media(r.content_type)) return m;
    }
    const auto p = r.body.find_first_not_of(" \t\r\n");
    if (p == std::string::npos) return std::nullopt;
    if (r.body[p] == '{') return wire_format::json;
    // A document, not an HTML page.
    if (r.body[p] == '<' && r.content_type.find("html") == std::string::npos && r.body.compare(p, 5, "<html") != 0 &&
        r.body.compare(p, 9, "<!DOCTYPE") != 0)
        return wire_format::xml;
    return std::nullopt;
}

template <class T>
result<T> read_document(const http_reply& r, wire_format m, const read_options& opt) {
    return m == wire_format::xml ? try_from_xml<T>(r.body, opt) : try_from_json<T>(r.body, opt);
}

inline std::string squeeze(std::string_view s, std::size_t max) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == '\r' || c == '\n' || c == '\t' || c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
        if (out.size() >= max) break;
    }
    return out;
}

// The text of an HTML page's <title> (or of its <h1>), else the body's first characters.
inline std::string page_text(std::string_view body) {
    for (std::string_view tag : {"title>", "h1>"}) {
        const auto a = body.find(tag);
        if (a == std::string_view::npos) continue;
        const auto b = body.find('<', a + tag.size());
        if (b == std::string_view::npos) continue;
        auto t = squeeze(body.substr(a + tag.size(), b - a - tag.size()), 200);
        if (!t.empty()) return t;
    }
    return squeeze(body, 200);
}

// The typed error for an error status: from a fault document in either dialect (JSON or XML),
// else from the status and whatever text the body has.
inline client_error fault_error(const http_reply& r, const read_options& opt) {
    client_error e;
    e.code = make_error_code(client_errc::remote_fault);
    e.status = r.status;
    if (auto m = reply_media(r)) {
        if (auto f = read_document<fault>(r, *m, opt)) {
            e.kind = f->kind;
            e.message = !f->message.empty()
                            ? f->message
                            : f->title.value_or(std::string(http::status_title(static_cast<int>(r.status))));
            e.details = f->details;
            return e;
        }
    }
    e.kind = fault_kind_for_status(static_cast<int>(r.status));
    e.body = r.body.substr(0, 4096);
    std::string text = page_text(r.body);
    e.message = std::string(http::status_title(static_cast<int>(r.status)));
    if (!text.empty() && text != e.message) e.message += ": " + text;
    return e;
}

template <class T>
client_result<T> decode(const http_reply& r, const read_options& opt) {
    const auto m = reply_media(r);
    if (!m) {
        return make_client_error(make_error_code(client_errc::bad_response),
                                 "status " + std::to_string(r.status) + " with a body that is neither JSON nor XML (" +
                                     (r.content_type.empty() ? std::string("no Content-Type") : r.content_type) + ")");
    }
    auto d = read_document<T>(r, *m, opt);
    if (!d) {
        auto e = make_client_error(d.error().code, "status " + std::to_string(r.status) + ": " + d.error().what());
        e.body = r.body.substr(0, 4096);
        return e;
    }
    return std::move(*d);
}

inline bool success(unsigned status) { return status >= 200 && status < 300; }

template <class Response>
net::awaitable<client_result<Response>> request(std::shared_ptr<shared> st, http_exchange x) {
    auto r = co_await perform(st, std::move(x));
    if (!r) co_return r.error();
    if (!success(r->status)) co_return fault_error(*r, st->options.read);
    co_return decode<Response>(*r, st->options.read);
}

// HEAD: true for 2xx, false for 404; other statuses are errors.
template <class = void>  // see basic_client
net::awaitable<client_result<bool>> check(std::shared_ptr<shared> st, http_exchange x) {
    auto r = co_await perform(st, std::move(x));
    if (!r) co_return r.error();
    if (success(r->status)) co_return true;
    if (r->status == 404) co_return false;
    co_return fault_error(*r, st->options.read);
}

// Keystone answers {} for the endpoints of an unscoped token: an empty list.
template <class = void>  // see basic_client
net::awaitable<client_result<endpoints>> token_endpoints(std::shared_ptr<shared> st, http_exchange x) {
    auto r = co_await perform(st, std::move(x));
    if (!r) co_return r.error();
    if (!success(r->status)) co_return fault_error(*r, st->options.read);
    if (squeeze(r->body, 8) == "{}") co_return endpoints{};
    co_return decode<endpoints>(*r, st->options.read);
}

template <class = void>  // see basic_client
net::awaitable<client_result<void>> no_content(std::shared_ptr<shared> st, http_exchange x) {
    auto r = co_await perform(st, std::move(x));
    if (!r) co_return r.error();
    if (!success(r->status)) co_return fault_error(*r, st->options.read);
    co_return client_result<void>{};
}

// GET / on the root: 300 (or 200) with {"versions": [...]} or {"versions": {"values": [...]}},
// {"choices": [...]}, or a single {"version": {...}}. Picks v2.0.
template <class = void>  // see basic_client
net::awaitable<client_result<discovered_version>> discover(std::shared_ptr<shared> st, http_exchange x) {
    const std::string root_u = x.url;
    auto r = co_await perform(st, std::move(x));
    if (!r) co_return r.error();
    if (!success(r->status) && r->status != 300) co_return fault_error(*r, st->options.read);
    std::vector<version> all;
    if (auto vs = decode<versions>(*r, st->options.read)) {
        all = std::move(vs->items);
    } else if (auto cs = decode<choices>(*r, st->options.read)) {
        all = std::move(cs->items);
    } else if (auto one = decode<version>(*r, st->options.read)) {
        all.push_back(std::move(*one));
    } else {
        co_return vs.error();
    }
    for (auto& v : all) {
        if (v.id != "v2.0") continue;
        discovered_version d;
        if (v.links)
            for (const auto& l : *v.links)
                if (l.rel == "self" && !l.href.empty()) d.url = versioned_url(l.href);
        if (d.url.empty()) d.url = versioned_url(root_u);
        d.version = std::move(v);
        co_return d;
    }
    std::string ids;
    for (const auto& v : all) ids += (ids.empty() ? "" : ", ") + v.id;
    co_return make_client_error(make_error_code(client_errc::no_version),
                                "the server offers: " + (ids.empty() ? std::string("nothing") : ids));
}

// What an operation that threw gives instead of its result.
inline client_error internal_error(std::exception_ptr e) {
    std::string what = "unknown exception";
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& x) {
        what = x.what();
    } catch (...) {
    }
    return make_client_error(make_error_code(client_errc::internal), what);
}

// Run an operation to completion on a private io_context in this thread.
template <class T>
client_result<T> run_blocking(net::awaitable<client_result<T>> op) {
    net::io_context ioc;
    std::optional<client_result<T>> out;
    net::co_spawn(ioc, std::move(op), [&](std::exception_ptr e, client_result<T> r) {
        out.emplace(e ? client_result<T>(internal_error(e)) : std::move(r));
    });
    ioc.run();
    if (!out) return make_client_error(make_error_code(client_errc::internal), "operation did not complete");
    return std::move(*out);
}

// The operation, awaited in place, with the exception that escapes it turned into its result.
template <class T>
net::awaitable<client_result<T>> guarded(net::awaitable<client_result<T>> op) {
    try {
        co_return co_await std::move(op);
    } catch (...) {
        co_return internal_error(std::current_exception());
    }
}

// Start an operation for a completion token: every operation of the client and the session ends
// here. Its completion signature is void(client_result<T>); an exception that escapes the
// operation completes it with client_errc::internal, whatever the token.
//  - use_blocking: run_blocking; the call returns the result.
//  - use_awaitable: the operation's own awaitable (guarded), awaited in place by the calling
//    coroutine and run on that coroutine's executor, not on `ex`: no hop to `ex` and back, which
//    the session's use_blocking calls (their client calls are use_awaitable) could not make when
//    nobody runs `ex`. That is sound because this token, use_awaitable_t<any_io_executor>, only completes in a
//    coroutine whose executor is any_io_executor, which is the executor the operation's awaitable needs (the result
//    type is the one async_initiate would give). Other use_awaitable_t<Executor> go below.
//  - any other token: co_spawn on `ex`; the handler is completed on its associated executor.
template <class T, class Token>
auto launch(net::any_io_executor ex, net::awaitable<client_result<T>> op, Token&& token) {
    using token_type = std::remove_cvref_t<Token>;
    if constexpr (std::is_same_v<token_type, use_blocking_t>) {
        return run_blocking(std::move(op));
    } else if constexpr (std::is_same_v<token_type, net::use_awaitable_t<net::any_io_executor>>) {
        return guarded(std::move(op));
    } else {
        return net::async_initiate<Token, void(client_result<T>)>(
            [ex](auto handler, net::awaitable<client_result<T>> op) {
                auto work = net::make_work_guard(net::get_associated_executor(handler, ex));
                net::co_spawn(ex, std::move(op),
                              [h = std::move(handler), work = std::move(work)](std::exception_ptr e,
                                                                               client_result<T> r) mutable {
                                  if (e) r = internal_error(e);
                                  auto hex = work.get_executor();
                                  work.reset();
                                  net::dispatch(hex, [h = std::move(h), r = std::move(r)]() mutable {
                                      std::move(h)(std::move(r));
                                  });
                              });
            },
            token, std::move(op));
    }
}

}  // namespace detail::cli

// ---------------------------------------------------------------------------------------------
// The client. Cheap to copy (the options and the TLS context are shared and never change); safe to
// use from several threads at once. One connection per request.
//
// A template only so that a program compiles the operations it uses and no others: GCC emits
// every inline coroutine it sees, called or not, with all it reaches (Beast, TLS, the readers of
// every document type). Use `client`.
template <class = void>
class basic_client {
public:
    using executor_type = net::any_io_executor;

    // `url` is the identity endpoint: "http://host:5000/v2.0", or the root "http://host:5000" to
    // which "/v2.0" is appended (never doubled). async_discover() finds it from the root instead.
    basic_client(executor_type ex, std::string url, client_options opt = {})
        : ex_(std::move(ex)), base_(versioned_url(url)), st_(detail::cli::make_shared_state(std::move(opt))) {}

    // Without an executor: for use_blocking and use_awaitable, which run the operation where they are
    // called; any other token runs it on the system executor's threads.
    explicit basic_client(std::string url, client_options opt = {})
        : basic_client(net::system_executor(), std::move(url), std::move(opt)) {}

    const executor_type& get_executor() const noexcept { return ex_; }
    const std::string& base_url() const noexcept { return base_; }
    void set_base_url(std::string url) { base_ = versioned_url(url); }
    const client_options& options() const noexcept { return st_->options; }

    // Every operation: its arguments, then the completion token (detail::cli::launch says how each
    // kind of token runs it).

    // --- the generic request: the operations below, and any route they do not cover ---------------

    // Send `x` (retries, timeouts), and read a 2xx answer as `Response`, or another status as a typed
    // fault. `make` and `encode` build `x`.
    template <class Response, class Token = net::default_completion_token_t<executor_type>>
    auto async_request(http_exchange x, Token&& token = {}) const {
        return launch(detail::cli::request<Response>(st_, std::move(x)), std::forward<Token>(token));
    }

    // The raw reply (any status) for a request.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_raw(http_exchange x, Token&& token = {}) const {
        return launch(detail::cli::perform(st_, std::move(x)), std::forward<Token>(token));
    }

    template <class Doc>
    std::string encode(const Doc& d) const {
        return options().format == wire_format::xml ? to_xml(d, options().xml) : to_json(d);
    }

    http_exchange make(bhttp::verb m, std::string_view path, std::optional<std::string> token = std::nullopt) const {
        http_exchange x;
        x.method = m;
        x.url = path.empty() ? base_ : join_url(base_, path);
        x.auth_token = std::move(token);
        x.format = options().format;
        return x;
    }

    // --- the operations ----------------------------------------------------------------------------

    // POST /tokens.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_authenticate(auth a, Token&& token = {}) const {
        auto x = make(bhttp::verb::post, "tokens");
        x.body = encode(a);
        return async_request<access>(std::move(x), std::forward<Token>(token));
    }

    // POST /ec2tokens: the access of an EC2-signed request (the credential's access key, the
    // request's host, verb, path and parameters, and its signature), as a service that takes EC2
    // calls asks for it. A wrong signature or an unknown key is 401.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_ec2_authenticate(ec2_request q, Token&& token = {}) const {
        auto x = make(bhttp::verb::post, "ec2tokens");
        x.body = encode(q);
        return async_request<access>(std::move(x), std::forward<Token>(token));
    }

    // GET /tokens/{id}[?belongsTo=] (admin).
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_validate_token(std::string admin_token, std::string token_id, std::optional<std::string> belongs_to,
                              Token&& token = {}) const {
        return async_request<access>(token_exchange(bhttp::verb::get, token_id, "", belongs_to, std::move(admin_token)),
                                     std::forward<Token>(token));
    }

    // HEAD /tokens/{id}[?belongsTo=] (admin): true for 2xx, false for 404; other statuses are errors.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_check_token(std::string admin_token, std::string token_id, std::optional<std::string> belongs_to,
                           Token&& token = {}) const {
        return launch(detail::cli::check(st_, token_exchange(bhttp::verb::head, token_id, "", belongs_to,
                                                             std::move(admin_token))),
                      std::forward<Token>(token));
    }

    // GET /tokens/{id}/endpoints (admin). Keystone answers {} for an unscoped token: an empty list.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_token_endpoints(std::string admin_token, std::string token_id, Token&& token = {}) const {
        return launch(detail::cli::token_endpoints(st_, token_exchange(bhttp::verb::get, token_id, "/endpoints",
                                                                       std::nullopt, std::move(admin_token))),
                      std::forward<Token>(token));
    }

    // GET /tenants: the tenants of the token.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_list_tenants(std::string auth_token, Token&& token = {}) const {
        return async_request<tenants>(make(bhttp::verb::get, "tenants", std::move(auth_token)),
                                      std::forward<Token>(token));
    }

    // GET /extensions.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_list_extensions(Token&& token = {}) const {
        return async_request<extensions>(make(bhttp::verb::get, "extensions"), std::forward<Token>(token));
    }

    // GET {base}: the v2.0 version document.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_version(Token&& token = {}) const {
        return async_request<version>(make(bhttp::verb::get, ""), std::forward<Token>(token));
    }

    // DELETE /tokens/{id} (admin).
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_revoke_token(std::string admin_token, std::string token_id, Token&& token = {}) const {
        return launch(detail::cli::no_content(st_, token_exchange(bhttp::verb::delete_, token_id, "", std::nullopt,
                                                                  std::move(admin_token))),
                      std::forward<Token>(token));
    }

    // --- the admin API (OS-KSADM, Keystone's endpoint registry, OS-EC2; docs/client.md) ----------------
    // Every one takes an admin token (on the admin URL) but async_change_own_password, which takes
    // the user's own token on the public URL. Writes answer with the document written; deletes,
    // grants and revocations with nothing.

    // POST /tenants.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_create_tenant(std::string admin_token, tenant t, Token&& token = {}) const {
        return send<tenant>(route(bhttp::verb::post, "tenants", {}, std::move(admin_token)), t,
                            std::forward<Token>(token));
    }

    // POST /tenants/{id} (Keystone's update; PUT is the same): the members given change.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_update_tenant(std::string admin_token, std::string tenant_id, tenant t, Token&& token = {}) const {
        return send<tenant>(route(bhttp::verb::post, "tenants/{}", {tenant_id}, std::move(admin_token)), t,
                            std::forward<Token>(token));
    }

    // DELETE /tenants/{id}.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_delete_tenant(std::string admin_token, std::string tenant_id, Token&& token = {}) const {
        return nothing(route(bhttp::verb::delete_, "tenants/{}", {tenant_id}, std::move(admin_token)),
                       std::forward<Token>(token));
    }

    // GET /tenants/{id}/users: the users with a role on the tenant.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_tenant_users(std::string admin_token, std::string tenant_id, Token&& token = {}) const {
        return async_request<users>(route(bhttp::verb::get, "tenants/{}/users", {tenant_id}, std::move(admin_token)),
                                    std::forward<Token>(token));
    }

    // GET /users.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_list_users(std::string admin_token, Token&& token = {}) const {
        return async_request<users>(route(bhttp::verb::get, "users", {}, std::move(admin_token)),
                                    std::forward<Token>(token));
    }

    // POST /users (name, password, email, tenantId, enabled).
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_create_user(std::string admin_token, user u, Token&& token = {}) const {
        return send<user>(route(bhttp::verb::post, "users", {}, std::move(admin_token)), u, std::forward<Token>(token));
    }

    // PUT /users/{id}: the members given change.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_update_user(std::string admin_token, std::string user_id, user u, Token&& token = {}) const {
        return send<user>(route(bhttp::verb::put, "users/{}", {user_id}, std::move(admin_token)), u,
                          std::forward<Token>(token));
    }

    // DELETE /users/{id}.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_delete_user(std::string admin_token, std::string user_id, Token&& token = {}) const {
        return nothing(route(bhttp::verb::delete_, "users/{}", {user_id}, std::move(admin_token)),
                       std::forward<Token>(token));
    }

    // PUT /users/{id}/OS-KSADM/password: sets the password (the user's tokens stop working).
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_set_user_password(std::string admin_token, std::string user_id, std::string password,
                                 Token&& token = {}) const {
        user u{.id = user_id, .password = std::move(password)};
        return send<user>(route(bhttp::verb::put, "users/{}/OS-KSADM/password", {user_id}, std::move(admin_token)), u,
                          std::forward<Token>(token));
    }

    // PUT /users/{id}/OS-KSADM/enabled.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_set_user_enabled(std::string admin_token, std::string user_id, bool enabled, Token&& token = {}) const {
        user u{.id = user_id, .enabled = enabled};
        return send<user>(route(bhttp::verb::put, "users/{}/OS-KSADM/enabled", {user_id}, std::move(admin_token)), u,
                          std::forward<Token>(token));
    }

    // PUT /users/{id}/OS-KSADM/tenant: the user's default tenant.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_set_user_tenant(std::string admin_token, std::string user_id, std::string tenant_id,
                               Token&& token = {}) const {
        user u{.id = user_id, .tenant_id = std::move(tenant_id)};
        return send<user>(route(bhttp::verb::put, "users/{}/OS-KSADM/tenant", {user_id}, std::move(admin_token)), u,
                          std::forward<Token>(token));
    }

    // PATCH /OS-KSCRUD/users/{id} on the public URL, with the user's own token: answers with a new
    // access (the old token stops working).
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_change_own_password(std::string own_token, std::string user_id, std::string original_password,
                                   std::string password, Token&& token = {}) const {
        password_change c{.password = std::move(password), .original_password = std::move(original_password)};
        return send<access>(route(bhttp::verb::patch, "OS-KSCRUD/users/{}", {user_id}, std::move(own_token)), c,
                            std::forward<Token>(token));
    }

    // GET /OS-KSADM/roles.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_list_roles(std::string admin_token, Token&& token = {}) const {
        return async_request<roles>(route(bhttp::verb::get, "OS-KSADM/roles", {}, std::move(admin_token)),
                                    std::forward<Token>(token));
    }

    // POST /OS-KSADM/roles.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_create_role(std::string admin_token, role r, Token&& token = {}) const {
        return send<role>(route(bhttp::verb::post, "OS-KSADM/roles", {}, std::move(admin_token)), r,
                          std::forward<Token>(token));
    }

    // GET /OS-KSADM/roles/{id}.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_get_role(std::string admin_token, std::string role_id, Token&& token = {}) const {
        return async_request<role>(route(bhttp::verb::get, "OS-KSADM/roles/{}", {role_id}, std::move(admin_token)),
                                   std::forward<Token>(token));
    }

    // DELETE /OS-KSADM/roles/{id}.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_delete_role(std::string admin_token, std::string role_id, Token&& token = {}) const {
        return nothing(route(bhttp::verb::delete_, "OS-KSADM/roles/{}", {role_id}, std::move(admin_token)),
                       std::forward<Token>(token));
    }

    // PUT /tenants/{t}/users/{u}/roles/OS-KSADM/{r}, or /users/{u}/roles/OS-KSADM/{r} (a global
    // grant) when tenant_id is std::nullopt.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_grant_role(std::string admin_token, std::optional<std::string> tenant_id, std::string user_id,
                          std::string role_id, Token&& token = {}) const {
        return nothing(grant(bhttp::verb::put, tenant_id, user_id, role_id, std::move(admin_token)),
                       std::forward<Token>(token));
    }

    // DELETE of the same.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_revoke_role(std::string admin_token, std::optional<std::string> tenant_id, std::string user_id,
                           std::string role_id, Token&& token = {}) const {
        return nothing(grant(bhttp::verb::delete_, tenant_id, user_id, role_id, std::move(admin_token)),
                       std::forward<Token>(token));
    }

    // GET /OS-KSADM/services.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_list_services(std::string admin_token, Token&& token = {}) const {
        return async_request<services>(route(bhttp::verb::get, "OS-KSADM/services", {}, std::move(admin_token)),
                                       std::forward<Token>(token));
    }

    // POST /OS-KSADM/services.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_create_service(std::string admin_token, service s, Token&& token = {}) const {
        return send<service>(route(bhttp::verb::post, "OS-KSADM/services", {}, std::move(admin_token)), s,
                             std::forward<Token>(token));
    }

    // GET /OS-KSADM/services/{id}.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_get_service(std::string admin_token, std::string service_id, Token&& token = {}) const {
        return async_request<service>(route(bhttp::verb::get, "OS-KSADM/services/{}", {service_id},
                                            std::move(admin_token)),
                                      std::forward<Token>(token));
    }

    // DELETE /OS-KSADM/services/{id}.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_delete_service(std::string admin_token, std::string service_id, Token&& token = {}) const {
        return nothing(route(bhttp::verb::delete_, "OS-KSADM/services/{}", {service_id}, std::move(admin_token)),
                       std::forward<Token>(token));
    }

    // GET /endpoints: the endpoint registry.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_list_endpoints(std::string admin_token, Token&& token = {}) const {
        return async_request<endpoint_records>(route(bhttp::verb::get, "endpoints", {}, std::move(admin_token)),
                                               std::forward<Token>(token));
    }

    // POST /endpoints.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_create_endpoint(std::string admin_token, endpoint_record e, Token&& token = {}) const {
        return send<endpoint_record>(route(bhttp::verb::post, "endpoints", {}, std::move(admin_token)), e,
                                     std::forward<Token>(token));
    }

    // DELETE /endpoints/{id}.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_delete_endpoint(std::string admin_token, std::string endpoint_id, Token&& token = {}) const {
        return nothing(route(bhttp::verb::delete_, "endpoints/{}", {endpoint_id}, std::move(admin_token)),
                       std::forward<Token>(token));
    }

    // POST /users/{id}/credentials/OS-EC2: a new access and secret for the user on the tenant.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_create_ec2_credential(std::string admin_token, std::string user_id, std::string tenant_id,
                                     Token&& token = {}) const {
        credential_request r{.tenant_id = std::move(tenant_id)};
        return send<credential>(route(bhttp::verb::post, "users/{}/credentials/OS-EC2", {user_id},
                                      std::move(admin_token)),
                                r, std::forward<Token>(token));
    }

    // GET /users/{id}/credentials/OS-EC2.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_list_ec2_credentials(std::string admin_token, std::string user_id, Token&& token = {}) const {
        return async_request<credential_list>(route(bhttp::verb::get, "users/{}/credentials/OS-EC2", {user_id},
                                                    std::move(admin_token)),
                                              std::forward<Token>(token));
    }

    // GET /users/{id}/credentials/OS-EC2/{access}.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_get_ec2_credential(std::string admin_token, std::string user_id, std::string access_key,
                                  Token&& token = {}) const {
        return async_request<credential>(route(bhttp::verb::get, "users/{}/credentials/OS-EC2/{}",
                                               {user_id, access_key}, std::move(admin_token)),
                                         std::forward<Token>(token));
    }

    // DELETE /users/{id}/credentials/OS-EC2/{access}.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_delete_ec2_credential(std::string admin_token, std::string user_id, std::string access_key,
                                     Token&& token = {}) const {
        return nothing(route(bhttp::verb::delete_, "users/{}/credentials/OS-EC2/{}", {user_id, access_key},
                             std::move(admin_token)),
                       std::forward<Token>(token));
    }

    // Version discovery from the root URL (std::nullopt: this client's URL without "/v2.0"); see
    // detail::cli::discover for the shapes accepted.
    template <class Token = net::default_completion_token_t<executor_type>>
    auto async_discover(std::optional<std::string> root, Token&& token = {}) const {
        http_exchange x;
        x.url = root ? *root : root_url(base_);
        x.format = options().format;
        return launch(detail::cli::discover(st_, std::move(x)), std::forward<Token>(token));
    }

private:
    template <class T, class Token>
    auto launch(net::awaitable<client_result<T>> op, Token&& token) const {
        return detail::cli::launch(ex_, std::move(op), std::forward<Token>(token));
    }

    // `x` with `doc` as its body, its 2xx answer read as `Response`.
    template <class Response, class Doc, class Token>
    auto send(http_exchange x, const Doc& doc, Token&& token) const {
        x.body = encode(doc);
        return async_request<Response>(std::move(x), std::forward<Token>(token));
    }

    // `x`, whose 2xx answer carries nothing the caller needs.
    template <class Token>
    auto nothing(http_exchange x, Token&& token) const {
        return launch(detail::cli::no_content(st_, std::move(x)), std::forward<Token>(token));
    }

    // A request on `path`, whose each "{}" takes the next of `ids`, percent-encoded. An empty id
    // would name another route ("users/" + "" is /users): refused before anything is sent.
    http_exchange route(bhttp::verb m, std::string_view path, std::initializer_list<std::string_view> ids,
                        std::string auth_token) const {
        std::string p;
        std::string refused;
        auto id = ids.begin();
        for (std::size_t i = 0; i < path.size(); ++i) {
            if (path.substr(i, 2) != "{}" || id == ids.end()) {
                p.push_back(path[i]);
                continue;
            }
            if (id->empty() && refused.empty()) refused = "an id of " + std::string(path) + " is empty";
            p += url_encode(*id++);
            ++i;
        }
        http_exchange x = make(m, p, std::move(auth_token));
        x.refused = std::move(refused);
        return x;
    }

    http_exchange grant(bhttp::verb m, const std::optional<std::string>& tenant_id, std::string_view user_id,
                        std::string_view role_id, std::string admin_token) const {
        return tenant_id ? route(m, "tenants/{}/users/{}/roles/OS-KSADM/{}", {*tenant_id, user_id, role_id},
                                 std::move(admin_token))
                         : route(m, "users/{}/roles/OS-KSADM/{}", {user_id, role_id}, std::move(admin_token));
    }

    // A request on /tokens/{id}[suffix][?belongsTo=]. An id that no token has is refused here: an
    // empty one would name /tokens itself (405 from the server, or worse, another route).
    http_exchange token_exchange(bhttp::verb m, std::string_view id, std::string_view suffix,
                                 const std::optional<std::string>& belongs_to, std::string admin_token) const {
        std::string p = "tokens/" + url_encode(id);
        p += suffix;
        if (belongs_to) p += "?belongsTo=" + url_encode(*belongs_to);
        http_exchange x = make(m, p, std::move(admin_token));
        if (id.empty()) x.refused = "the token id is empty";
        else if (id.size() > 8192) x.refused = "the token id is over 8192 characters";
        else if (std::any_of(id.begin(), id.end(), [](char c) { return c <= ' ' || c >= 0x7f; }))
            x.refused = "the token id holds a space, a control character or a non-ASCII byte, which no token has";
        return x;
    }

    executor_type ex_;
    std::string base_;
    std::shared_ptr<detail::cli::shared> st_;
};

using client = basic_client<>;

// Separate compilation (detail/config.hpp): the operations are compiled once, in the unit that
// includes asio/instantiate.hpp; elsewhere they are only declared.
#if defined(OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION)
namespace detail::cli {
#define OPENSTACK_IDENTITY_V2_ASIO_DETAIL_OPERATION(T, name)                                                    \
    OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<T>> name<>(std::shared_ptr<shared>, \
                                                                                       http_exchange);
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_OPERATION(http_reply, perform)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_OPERATION(bool, check)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_OPERATION(endpoints, token_endpoints)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_OPERATION(void, no_content)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_OPERATION(discovered_version, discover)
#undef OPENSTACK_IDENTITY_V2_ASIO_DETAIL_OPERATION
#define OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(T)                                                                \
    OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<T>> request<T>(std::shared_ptr<shared>, \
                                                                                           http_exchange);
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(access)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(tenants)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(extensions)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(version)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(tenant)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(user)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(users)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(role)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(roles)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(service)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(services)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(endpoint_record)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(endpoint_records)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(credential)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST(credential_list)
#undef OPENSTACK_IDENTITY_V2_ASIO_DETAIL_REQUEST
// The results of the operations: blocking (use_blocking) and awaited in place (use_awaitable).
#define OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(T)                                                                \
    OPENSTACK_IDENTITY_V2_ASIO_EXTERN template client_result<T> run_blocking<T>(net::awaitable<client_result<T>>); \
    OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<T>> guarded<T>(                        \
        net::awaitable<client_result<T>>);
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(access)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(bool)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(endpoints)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(tenants)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(extensions)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(version)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(void)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(discovered_version)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(http_reply)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(tenant)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(user)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(users)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(role)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(roles)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(service)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(services)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(endpoint_record)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(endpoint_records)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(credential)
OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT(credential_list)
#undef OPENSTACK_IDENTITY_V2_ASIO_DETAIL_RESULT
}  // namespace detail::cli
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template class basic_client<>;
#endif

}  // namespace openstack::identity::v2::asio

template <>
struct boost::system::is_error_code_enum<openstack::identity::v2::asio::client_errc> : std::true_type {};

#endif
// ---- end openstack/identity/v2/asio/client.hpp
// ---- begin openstack/identity/v2/asio/session.hpp
#ifndef OPENSTACK_IDENTITY_V2_ASIO_SESSION_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_SESSION_HPP

// A session: the credentials, the current access (token + catalog), and the rules that keep it valid.
//
//  - Before expiry: a token is renewed once `now >= expires - window`, where window is
//    `refresh_before` (default 120 s, keystoneauth's) but at most half the token's lifetime as seen
//    when it was obtained, so that short-lived tokens are not renewed on every call.
//  - After a 401: the call is retried once with a new token. If another caller already replaced the
//    token that failed, its replacement is used without authenticating again.
//  - Re-authentication always sends the credentials the session was given (password, or the
//    caller's token), never the session's current token (fog#3266: an expired token inside the
//    authentication request gets "token not found").
//  - Thread-safe: every member may be called from any thread. Concurrent callers that find the token
//    missing or stale share one authentication request. So a use_blocking call may wait for an
//    authentication another call started: not on a thread that this other call needs (the only
//    thread of its executor), or it waits forever.


#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::asio {

struct session_options {
    std::chrono::seconds refresh_before{120};
};

namespace detail::sess {

struct waiter {
    virtual ~waiter() = default;
    virtual void complete(const client_result<access_ptr>& r) = 0;
};

template <class Handler, class Work>
struct waiter_impl final : waiter {
    Handler h;
    Work work;
    waiter_impl(Handler hh, Work w) : h(std::move(hh)), work(std::move(w)) {}
    void complete(const client_result<access_ptr>& r) override {
        auto ex = work.get_executor();
        work.reset();
        net::post(ex, [h = std::move(h), r]() mutable { std::move(h)(std::move(r)); });
    }
};

// One authentication in flight, and whoever waits for it.
struct refresh {
    bool done = false;
    client_result<access_ptr> result = make_client_error(make_error_code(client_errc::not_authenticated));
    std::vector<std::unique_ptr<waiter>> waiters;
};

struct state {
    state(asio::client c, auth a, session_options o) : cli(std::move(c)), credentials(std::move(a)), options(o) {}
    asio::client cli;
    const auth credentials;
    const session_options options;
    mutable std::mutex m;
    access_ptr current;
    std::chrono::system_clock::time_point refresh_at{};
    std::shared_ptr<refresh> pending;
    unsigned authentications = 0;
};

inline bool fresh(const state& s, const access_ptr& a) { return a && std::chrono::system_clock::now() < s.refresh_at; }

// The state's client, named through a dependent expression: GCC instantiates what a template
// calls non-dependently at the template's definition, and would then emit the client's
// authentication, and all it reaches, in every unit that includes this header (47 s against 20 s
// to compile one that uses none of it). Hence also get<Void>, async_wait<Void> and the generic
// lambdas below.
template <class Void>
const asio::client& client_of(const state& s) {
    return s.cli;
}

template <class Void, class Token>
auto async_wait(std::shared_ptr<state> st, std::shared_ptr<refresh> r, Token&& token) {
    return net::async_initiate<Token, void(client_result<access_ptr>)>(
        [st, r](auto handler) {
            auto work = net::make_work_guard(net::get_associated_executor(handler, st->cli.get_executor()));
            std::unique_lock lk(st->m);
            if (r->done) {
                auto res = r->result;
                lk.unlock();
                auto ex = work.get_executor();
                net::post(ex, [h = std::move(handler), res]() mutable { std::move(h)(std::move(res)); });
                return;
            }
            r->waiters.push_back(std::make_unique<waiter_impl<decltype(handler), decltype(work)>>(std::move(handler),
                                                                                                  std::move(work)));
        },
        token);
}

// A valid access: the current one if fresh (and not `failed`), else one authentication shared by
// every concurrent caller.
template <class Void = void>  // see basic_client
net::awaitable<client_result<access_ptr>> get(std::shared_ptr<state> st, access_ptr failed) {
    std::shared_ptr<refresh> r;
    bool leader = false;
    {
        std::lock_guard lk(st->m);
        if (st->current && st->current != failed && fresh(*st, st->current)) co_return st->current;
        if (!st->pending) {
            st->pending = std::make_shared<refresh>();
            leader = true;
        }
        r = st->pending;
    }
    if (!leader) co_return co_await async_wait<Void>(st, r, net::use_awaitable);

    // Whatever happens, the waiters are completed and the next caller may try again.
    client_result<access> a = make_client_error(make_error_code(client_errc::internal));
    try {
        a = co_await client_of<Void>(*st).async_authenticate(st->credentials, net::use_awaitable);
    } catch (const std::exception& e) {
        a = make_client_error(make_error_code(client_errc::internal), e.what());
    }
    client_result<access_ptr> out = a ? client_result<access_ptr>(std::make_shared<const access>(std::move(*a)))
                                      : client_result<access_ptr>(a.error());
    std::vector<std::unique_ptr<waiter>> ws;
    {
        std::lock_guard lk(st->m);
        if (out) {
            const auto now = std::chrono::system_clock::now();
            const auto expires =
                std::chrono::time_point_cast<std::chrono::system_clock::duration>((*out)->token.expires.time());
            auto window = std::chrono::duration_cast<std::chrono::system_clock::duration>(st->options.refresh_before);
            if (expires > now) window = std::min(window, (expires - now) / 2);
            st->current = *out;
            st->refresh_at = expires - window;
            ++st->authentications;
        }
        st->pending.reset();
        r->done = true;
        r->result = out;
        ws.swap(r->waiters);
    }
    for (auto& w : ws) w->complete(out);
    co_return out;
}

// Run `f(client, token_id)`; on a 401, once more with a new token.
template <class T, class F>
net::awaitable<client_result<T>> with_token(std::shared_ptr<state> st, F f) {
    auto a = co_await get<std::void_t<F>>(st, nullptr);
    if (!a) co_return a.error();
    client_result<T> r = co_await f(st->cli, (*a)->token.id);
    if (!r && r.error().status == 401) {
        auto b = co_await get<std::void_t<F>>(st, *a);
        if (!b) co_return b.error();
        r = co_await f(st->cli, (*b)->token.id);
    }
    co_return r;
}

// The session's operations, as functions rather than lambdas in basic_session's members: one
// coroutine each whatever the completion token, which separate compilation declares below. Their
// calls into the client and into get() are dependent (see client_of).

template <class Void = void>  // see basic_client
net::awaitable<client_result<std::string>> token_of(std::shared_ptr<state> st) {
    auto a = co_await get<Void>(st, nullptr);
    if (!a) co_return a.error();
    co_return (*a)->token.id;
}

template <class Void = void>  // see basic_client
net::awaitable<client_result<std::string>> endpoint_of(std::shared_ptr<state> st, endpoint_filter f) {
    auto a = co_await get<Void>(st, nullptr);
    if (!a) co_return a.error();
    auto m = find_endpoint(**a, f);
    if (!m) {
        client_error e;
        e.code = m.error().code;
        e.message = m.error().message;
        co_return e;
    }
    co_return m->url;
}

template <class = void>  // see basic_client
net::awaitable<client_result<tenants>> list_tenants(std::shared_ptr<state> st) {
    return with_token<tenants>(std::move(st), [](const auto& c, std::string t) {
        return c.async_list_tenants(std::move(t), net::use_awaitable);
    });
}

template <class = void>  // see basic_client
net::awaitable<client_result<access>> validate_token(std::shared_ptr<state> st, std::string id,
                                                     std::optional<std::string> belongs_to) {
    return with_token<access>(std::move(st),
                              [id = std::move(id), belongs_to = std::move(belongs_to)](const auto& c, std::string t) {
                                  return c.async_validate_token(std::move(t), id, belongs_to, net::use_awaitable);
                              });
}

template <class = void>  // see basic_client
net::awaitable<client_result<bool>> check_token(std::shared_ptr<state> st, std::string id,
                                                std::optional<std::string> belongs_to) {
    return with_token<bool>(std::move(st),
                            [id = std::move(id), belongs_to = std::move(belongs_to)](const auto& c, std::string t) {
                                return c.async_check_token(std::move(t), id, belongs_to, net::use_awaitable);
                            });
}

template <class = void>  // see basic_client
net::awaitable<client_result<endpoints>> token_endpoints(std::shared_ptr<state> st, std::string id) {
    return with_token<endpoints>(std::move(st), [id = std::move(id)](const auto& c, std::string t) {
        return c.async_token_endpoints(std::move(t), id, net::use_awaitable);
    });
}

}  // namespace detail::sess

// A template for the reason basic_client is. Use `session`.
template <class V = void>
class basic_session {
public:
    // `credentials`: see password_auth() / token_auth(). The client says where and how.
    basic_session(asio::client c, auth credentials, session_options opt = {})
        : st_(std::make_shared<detail::sess::state>(std::move(c), std::move(credentials), opt)) {}

    const asio::client& client() const noexcept { return st_->cli; }

    // The current access without any request (null before the first authentication).
    access_ptr current() const {
        std::lock_guard lk(st_->m);
        return st_->current;
    }
    // Forget the token: the next call authenticates.
    void invalidate() {
        std::lock_guard lk(st_->m);
        st_->current.reset();
    }
    // How many authentication requests succeeded (for diagnostics and tests).
    unsigned authentications() const {
        std::lock_guard lk(st_->m);
        return st_->authentications;
    }

    // Every operation: its arguments, then the completion token, as the client's.

    // A valid access: the current one, or a new one.
    template <class Token = net::default_completion_token_t<net::any_io_executor>>
    auto async_access(Token&& token = {}) const {
        return launch(detail::sess::get<V>(st_, nullptr), std::forward<Token>(token));
    }

    // The token id of a valid access.
    template <class Token = net::default_completion_token_t<net::any_io_executor>>
    auto async_token(Token&& token = {}) const {
        return launch(detail::sess::token_of<V>(st_), std::forward<Token>(token));
    }

    // The endpoint URL for a catalog lookup (find_endpoint's rule) on a valid access.
    template <class Token = net::default_completion_token_t<net::any_io_executor>>
    auto async_endpoint(endpoint_filter f, Token&& token = {}) const {
        return launch(detail::sess::endpoint_of<V>(st_, std::move(f)), std::forward<Token>(token));
    }

    // Authenticated calls: the session's token as X-Auth-Token, 401 → one retry with a new token.
    // `f(client, token_id)` gives the awaitable of a client operation with that token, for
    // instance `c.async_list_tenants(std::move(token_id), net::use_awaitable)`.
    template <class T, class F, class Token = net::default_completion_token_t<net::any_io_executor>>
    auto async_with_token(F f, Token&& token = {}) const {
        return launch(detail::sess::with_token<T>(st_, std::move(f)), std::forward<Token>(token));
    }

    // GET /tenants with the session's token.
    template <class Token = net::default_completion_token_t<net::any_io_executor>>
    auto async_list_tenants(Token&& token = {}) const {
        return launch(detail::sess::list_tenants<V>(st_), std::forward<Token>(token));
    }

    // Validation with the session's token as the admin token (Keystone lets a user validate their own).
    template <class Token = net::default_completion_token_t<net::any_io_executor>>
    auto async_validate_token(std::string id, std::optional<std::string> belongs_to, Token&& token = {}) const {
        return launch(detail::sess::validate_token<V>(st_, std::move(id), std::move(belongs_to)),
                      std::forward<Token>(token));
    }
    template <class Token = net::default_completion_token_t<net::any_io_executor>>
    auto async_check_token(std::string id, std::optional<std::string> belongs_to, Token&& token = {}) const {
        return launch(detail::sess::check_token<V>(st_, std::move(id), std::move(belongs_to)),
                      std::forward<Token>(token));
    }
    template <class Token = net::default_completion_token_t<net::any_io_executor>>
    auto async_token_endpoints(std::string id, Token&& token = {}) const {
        return launch(detail::sess::token_endpoints<V>(st_, std::move(id)), std::forward<Token>(token));
    }

private:
    template <class T, class Token>
    auto launch(net::awaitable<client_result<T>> op, Token&& token) const {
        return detail::cli::launch(st_->cli.get_executor(), std::move(op), std::forward<Token>(token));
    }

    std::shared_ptr<detail::sess::state> st_;
};

using session = basic_session<>;

// Separate compilation: as the client's operations (client.hpp).
#if defined(OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION)
namespace detail::cli {
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template client_result<access_ptr> run_blocking<access_ptr>(
    net::awaitable<client_result<access_ptr>>);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template client_result<std::string> run_blocking<std::string>(
    net::awaitable<client_result<std::string>>);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<access_ptr>> guarded<access_ptr>(
    net::awaitable<client_result<access_ptr>>);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<std::string>> guarded<std::string>(
    net::awaitable<client_result<std::string>>);
}  // namespace detail::cli
namespace detail::sess {
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<access_ptr>> get<>(std::shared_ptr<state>,
                                                                                           access_ptr);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<std::string>> token_of<>(
    std::shared_ptr<state>);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<std::string>> endpoint_of<>(
    std::shared_ptr<state>, endpoint_filter);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<tenants>> list_tenants<>(
    std::shared_ptr<state>);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<access>> validate_token<>(
    std::shared_ptr<state>, std::string, std::optional<std::string>);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<bool>> check_token<>(
    std::shared_ptr<state>, std::string, std::optional<std::string>);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<endpoints>> token_endpoints<>(
    std::shared_ptr<state>, std::string);
}  // namespace detail::sess
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template class basic_session<>;
#endif

}  // namespace openstack::identity::v2::asio

#endif
// ---- end openstack/identity/v2/asio/session.hpp
// ---- begin openstack/identity/v2/asio/memcache_crypt.hpp
#ifndef OPENSTACK_IDENTITY_V2_ASIO_MEMCACHE_CRYPT_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_MEMCACHE_CRYPT_HPP

// The protection of what a token validator stores in memcached, as keystonemiddleware's auth_token
// does it (auth_token/_memcache_crypt.py, memcache_security_strategy MAC or ENCRYPT with
// memcache_secret_key): HMAC-SHA384(secret, token id || strategy) split in three 16-byte keys, the
// first naming the entry, the second signing it (HMAC-SHA384, base64), the third encrypting it
// (AES-128-CBC, random IV, PKCS#7 padding) under ENCRYPT. The stored value is
// base64(MAC) || base64([IV || ciphertext] or the plain data). Whoever can write to memcached but
// lacks the secret can neither forge an entry nor, under ENCRYPT, read one; an entry whose MAC
// does not verify is a miss. OpenSSL's EVP does the work.


#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::asio {

// What protects memcached entries (auth_token's memcache_security_strategy).
enum class memcache_protection : unsigned char {
    none,     // plain JSON under "tokens/" + sha256 hex of the token id (auth_token without a strategy)
    mac,      // signed: a tampered entry is a miss
    encrypt,  // signed and encrypted
};

namespace memcache_crypt {

inline constexpr std::size_t digest_size = 48;                            // SHA-384
inline constexpr std::size_t key_size = digest_size / 3;                  // 16
inline constexpr std::size_t mac_b64_size = 4 * ((digest_size + 2) / 3);  // 64

// The three keys of one token (derive_keys).
struct keys {
    std::array<unsigned char, key_size> cache_key{};
    std::array<unsigned char, key_size> mac{};
    std::array<unsigned char, key_size> encryption{};
    memcache_protection strategy = memcache_protection::mac;
};

inline std::string_view strategy_name(memcache_protection p) noexcept {
    return p == memcache_protection::encrypt ? "ENCRYPT" : "MAC";
}

inline std::array<unsigned char, digest_size> hmac_sha384(const unsigned char* key, std::size_t key_len,
                                                          std::string_view data) {
    std::array<unsigned char, digest_size> out{};
    unsigned len = 0;
    if (!HMAC(EVP_sha384(), key, static_cast<int>(key_len), reinterpret_cast<const unsigned char*>(data.data()),
              data.size(), out.data(), &len) ||
        len != digest_size)
        throw std::runtime_error("HMAC-SHA384 failed");
    return out;
}

inline std::string base64(const unsigned char* p, std::size_t n) {
    std::string s(4 * ((n + 2) / 3) + 1, '\0');
    const int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(s.data()), p, static_cast<int>(n));
    s.resize(static_cast<std::size_t>(len));
    return s;
}

// Standard base64 (with padding) back to bytes; nullopt when it is not.
inline std::optional<std::string> unbase64(std::string_view s) {
    if (s.size() % 4) return std::nullopt;
    std::string out(s.size() / 4 * 3, '\0');
    const int len = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                    reinterpret_cast<const unsigned char*>(s.data()), static_cast<int>(s.size()));
    if (len < 0) return std::nullopt;
    std::size_t n = static_cast<std::size_t>(len);
    // EVP_DecodeBlock counts the padding as zero bytes.
    if (!s.empty() && s.back() == '=') --n;
    if (s.size() > 1 && s[s.size() - 2] == '=') --n;
    out.resize(n);
    return out;
}

// derive_keys(token, secret, strategy).
inline keys derive(std::string_view token_id, std::string_view secret, memcache_protection strategy) {
    std::string data(token_id);
    data += strategy_name(strategy);
    const auto d = hmac_sha384(reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), data);
    keys k;
    k.strategy = strategy;
    std::copy_n(d.begin(), key_size, k.cache_key.begin());
    std::copy_n(d.begin() + key_size, key_size, k.mac.begin());
    std::copy_n(d.begin() + 2 * key_size, key_size, k.encryption.begin());
    return k;
}

// The memcached key of the entry: auth_token's "tokens/" + base64 of the cache key.
inline std::string cache_key(const keys& k) { return "tokens/" + base64(k.cache_key.data(), k.cache_key.size()); }

inline std::string sign(const keys& k, std::string_view data) {
    const auto m = hmac_sha384(k.mac.data(), k.mac.size(), data);
    return base64(m.data(), m.size());
}

namespace detail {
struct cipher_ctx_free {
    void operator()(EVP_CIPHER_CTX* c) const noexcept { EVP_CIPHER_CTX_free(c); }
};
using cipher_ctx = std::unique_ptr<EVP_CIPHER_CTX, cipher_ctx_free>;
}  // namespace detail

// IV || AES-128-CBC(key, PKCS#7(data)).
inline std::string encrypt(const keys& k, std::string_view data) {
    const auto iv = protocol::crypto::random_bytes(16);
    std::string out(16 + data.size() + 16, '\0');
    std::copy(iv.begin(), iv.end(), out.begin());
    detail::cipher_ctx ctx(EVP_CIPHER_CTX_new());
    auto* o = reinterpret_cast<unsigned char*>(out.data()) + 16;
    int n = 0, fin = 0;
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, k.encryption.data(), iv.data()) != 1 ||
        EVP_EncryptUpdate(ctx.get(), o, &n, reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size())) != 1 ||
        EVP_EncryptFinal_ex(ctx.get(), o + n, &fin) != 1)
        throw std::runtime_error("AES-128-CBC encryption failed");
    out.resize(16 + static_cast<std::size_t>(n + fin));
    return out;
}

inline std::optional<std::string> decrypt(const keys& k, std::string_view data) {
    if (data.size() < 32 || data.size() % 16) return std::nullopt;
    std::string out(data.size() - 16, '\0');
    detail::cipher_ctx ctx(EVP_CIPHER_CTX_new());
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    const auto* in = reinterpret_cast<const unsigned char*>(data.data());
    int n = 0, fin = 0;
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, k.encryption.data(), in) != 1 ||
        EVP_DecryptUpdate(ctx.get(), o, &n, in + 16, static_cast<int>(data.size() - 16)) != 1 ||
        EVP_DecryptFinal_ex(ctx.get(), o + n, &fin) != 1)
        return std::nullopt;
    out.resize(static_cast<std::size_t>(n + fin));
    return out;
}

// protect_data: the value stored.
inline std::string protect(const keys& k, std::string_view data) {
    const std::string body =
        k.strategy == memcache_protection::encrypt
            ? [&] {
                  const std::string e = encrypt(k, data);
                  return base64(reinterpret_cast<const unsigned char*>(e.data()), e.size());
              }()
            : base64(reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return sign(k, body) + body;
}

// unprotect_data: the data, or nullopt when the MAC does not verify or the rest is not what
// protect() writes.
inline std::optional<std::string> unprotect(const keys& k, std::string_view value) {
    if (value.size() < mac_b64_size) return std::nullopt;
    const std::string_view body = value.substr(mac_b64_size);
    const std::string mac = sign(k, body);
    if (!protocol::crypto::equal(reinterpret_cast<const unsigned char*>(mac.data()),
                                 reinterpret_cast<const unsigned char*>(value.data()), mac_b64_size))
        return std::nullopt;
    auto data = unbase64(body);
    if (!data || k.strategy != memcache_protection::encrypt) return data;
    return decrypt(k, *data);
}

}  // namespace memcache_crypt

}  // namespace openstack::identity::v2::asio

#endif
// ---- end openstack/identity/v2/asio/memcache_crypt.hpp
// ---- begin openstack/identity/v2/asio/token_validator.hpp
#ifndef OPENSTACK_IDENTITY_V2_ASIO_TOKEN_VALIDATOR_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_TOKEN_VALIDATOR_HPP

// The service side of a token: a service that receives X-Auth-Token asks the identity admin API
// (GET /v2.0/tokens/{id}) who is calling, as keystonemiddleware's auth_token and Ceph RGW do, and
// keeps the answers for a while. See docs/token-validator.md (and docs/protecting-a-service.md).
//
//  - Authenticated with a static admin token, or with a service user's credentials kept by a
//    session (asio/session.hpp): a 401 on the session's own token makes it authenticate once
//    more and retry (RGW's stale admin token: hours of 403s).
//  - A cache in process: LRU, at most cache_size entries, each kept cache_time (auth_token's
//    token_cache_time) but never past the token's own expiry; tokens found invalid are kept
//    negative_cache_time. Concurrent requests for one uncached token make one validation.
//  - Optionally a cache shared in memcached (libmemcached), its entries protected as auth_token's
//    (asio/memcache_crypt.hpp). The key is never the token id itself.
//  - Accepted roles (RGW's rgw_keystone_accepted_roles): fnmatch(3) patterns, one of which a role
//    name of the token must match. Service tokens (X-Service-Token) must hold one of
//    service_token_roles when service_token_roles_required (auth_token's defaults).
//  - A validation sent to a listener that is not the admin API (Keystone's public port: 404 on
//    the route), or refused because the validator's own credentials are not an admin's (401 after
//    the retry, 403), is a configuration error, never "token not found".
//
// Memcached calls block the calling thread (libmemcached is synchronous), bounded by
// memcache_timeout: a service on loopback or LAN memcached pays well under a millisecond, once per
// token per validator, since the cache in process answers first.


#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fnmatch.h>
#include <libmemcached/memcached.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::asio {

// The client options a validator uses by default: a service waits seconds, not minutes, for the
// identity service before it answers 503.
inline client_options validator_client_options() {
    client_options o;
    o.connect_timeout = std::chrono::seconds(3);
    o.request_timeout = std::chrono::seconds(5);
    o.total_timeout = std::chrono::seconds(10);
    o.retry.max_retries = 1;
    return o;
}

struct token_validator_options {
    // The identity admin API: "http://keystone:35357/v2.0" (or its root, to which "/v2.0" is added).
    std::string identity_url;
    // How the validator authenticates its own requests: a static admin token, or (when admin_token
    // is empty) the credentials of a service user with an admin role (password_auth(...)).
    std::string admin_token;
    std::optional<auth> service_credentials;
    // Tokens must be scoped to this tenant id (belongsTo).
    std::optional<std::string> belongs_to;
    // How long a valid token is kept (never past its expiry); 0: no cache in process.
    std::chrono::seconds cache_time{300};
    // How long a token found invalid is kept (so that a flood of bad tokens does not reach the
    // identity service); 0: not kept.
    std::chrono::seconds negative_cache_time{10};
    // At most this many tokens in the cache in process (least recently used go first).
    std::size_t cache_size = 10000;
    // The shared cache: "host:port" of each memcached server (none: no shared cache), the secret
    // and the protection of what is stored (none stores the access document in clear, under a
    // SHA-256 of the token id).
    std::vector<std::string> memcached_servers;
    std::string memcache_secret;
    memcache_protection memcache_strategy = memcache_protection::none;
    std::chrono::milliseconds memcache_timeout{500};  // connect and each read or write
    // Role names a token must have one of (fnmatch(3) patterns: "Member", "admin", "swift*");
    // empty: every valid token is accepted.
    std::vector<std::string> accepted_roles;
    // A service token (X-Service-Token) must have one of these roles (exact names).
    std::vector<std::string> service_token_roles{"service"};
    bool service_token_roles_required = true;
    // Requests whose token is missing, invalid or cannot be checked go on marked Invalid instead
    // of being answered 401 or 503 (auth_token's delay_auth_decision); the middleware reads it.
    bool delay_auth_decision = false;
    // The URL clients authenticate at, for WWW-Authenticate on a 401: by default the identity
    // URL's root.
    std::string www_authenticate_uri;
    client_options client = validator_client_options();
};

// What one token turned out to be.
enum class token_status : unsigned char {
    confirmed,      // valid, and it has an accepted role
    missing,        // no token was sent
    invalid,        // unknown, expired, revoked, malformed, or not scoped to belongs_to
    forbidden,      // valid, but none of the accepted (or, for a service token, required) roles
    unavailable,    // the identity service could not be reached, timed out or answered 5xx
    misconfigured,  // the identity service refused the validator itself: not the admin API, not admin credentials
};

constexpr std::string_view to_string(token_status s) noexcept {
    switch (s) {
    case token_status::confirmed: return "confirmed";
    case token_status::missing: return "missing";
    case token_status::invalid: return "invalid";
    case token_status::forbidden: return "forbidden";
    case token_status::unavailable: return "unavailable";
    case token_status::misconfigured: return "misconfigured";
    }
    return "unknown";
}

inline std::ostream& operator<<(std::ostream& os, token_status s) { return os << to_string(s); }

struct token_verdict {
    token_status status = token_status::missing;
    access_ptr access;    // the validated document (confirmed and forbidden)
    std::string reason;   // why, for logs; never holds the token id
    bool cached = false;  // answered from a cache (in process or memcached), not by the identity service
};

// A request's tokens: the user's (X-Auth-Token) and the service's (X-Service-Token), if sent.
struct validation {
    token_verdict user;
    std::optional<token_verdict> service;

    // The user token is confirmed, and so is the service token when one was sent.
    bool confirmed() const noexcept {
        return user.status == token_status::confirmed && (!service || service->status == token_status::confirmed);
    }
};

// Counters, for diagnostics, tests and benches.
struct validator_stats {
    std::uint64_t local_hits = 0;          // answered by the cache in process
    std::uint64_t memcached_hits = 0;      // answered by memcached
    std::uint64_t identity_requests = 0;   // validations sent to the identity service
    std::uint64_t coalesced = 0;           // waited for a validation another request had started
    std::uint64_t memcached_rejected = 0;  // entries found in memcached whose protection did not verify
};

namespace detail::tv {

using sys_clock = std::chrono::system_clock;

// A libmemcached handle (not thread-safe: used under the cache's mutex).
class memcached_cache {
public:
    memcached_cache(const std::vector<std::string>& servers, std::chrono::milliseconds timeout) {
        mc_ = memcached_create(nullptr);
        if (!mc_) throw std::runtime_error("memcached_create failed");
        const auto ms = static_cast<std::uint64_t>(timeout.count());
        memcached_behavior_set(mc_, MEMCACHED_BEHAVIOR_CONNECT_TIMEOUT, ms);
        memcached_behavior_set(mc_, MEMCACHED_BEHAVIOR_POLL_TIMEOUT, ms);
        memcached_behavior_set(mc_, MEMCACHED_BEHAVIOR_RCV_TIMEOUT, ms * 1000);
        memcached_behavior_set(mc_, MEMCACHED_BEHAVIOR_SND_TIMEOUT, ms * 1000);
        // A server that failed is not tried again for a second, so a dead memcached costs one
        // timeout a second, not one per request.
        memcached_behavior_set(mc_, MEMCACHED_BEHAVIOR_RETRY_TIMEOUT, 1);
        for (const auto& s : servers) {
            const auto colon = s.rfind(':');
            std::string host = s.substr(0, colon);
            unsigned port = 11211;
            if (colon != std::string::npos) {
                const std::string_view p = std::string_view(s).substr(colon + 1);
                auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), port);
                if (ec != std::errc() || end != p.data() + p.size() || port == 0 || port > 65535) {
                    memcached_free(mc_);
                    throw std::invalid_argument("memcached server \"" + s + "\": bad port");
                }
            }
            if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
            if (memcached_server_add(mc_, host.c_str(), static_cast<in_port_t>(port)) != MEMCACHED_SUCCESS) {
                memcached_free(mc_);
                throw std::invalid_argument("memcached server \"" + s + "\" is not usable");
            }
        }
    }
    memcached_cache(const memcached_cache&) = delete;
    memcached_cache& operator=(const memcached_cache&) = delete;
    ~memcached_cache() { memcached_free(mc_); }

    std::optional<std::string> get(const std::string& key) {
        std::lock_guard lk(m_);
        std::size_t len = 0;
        std::uint32_t flags = 0;
        memcached_return_t rc{};
        char* v = memcached_get(mc_, key.data(), key.size(), &len, &flags, &rc);
        if (!v) return std::nullopt;
        std::string out(v, len);
        std::free(v);
        return out;
    }

    void set(const std::string& key, const std::string& value, std::chrono::seconds ttl) {
        std::lock_guard lk(m_);
        memcached_set(mc_, key.data(), key.size(), value.data(), value.size(), static_cast<time_t>(ttl.count()), 0);
    }

private:
    std::mutex m_;
    memcached_st* mc_ = nullptr;
};

// A validation in flight and whoever waits for it.
struct waiter {
    virtual ~waiter() = default;
    virtual void complete(const token_verdict& v) = 0;
};

template <class Handler, class Work>
struct waiter_impl final : waiter {
    Handler h;
    Work work;
    waiter_impl(Handler hh, Work w) : h(std::move(hh)), work(std::move(w)) {}
    void complete(const token_verdict& v) override {
        auto ex = work.get_executor();
        work.reset();
        net::post(ex, [h = std::move(h), v]() mutable { std::move(h)(std::move(v)); });
    }
};

struct flight {
    bool done = false;
    token_verdict result;
    std::vector<std::unique_ptr<waiter>> waiters;
};

// A cache entry: what the identity service said (confirmed: valid; invalid), until when.
struct entry {
    std::string key;
    token_verdict verdict;
    sys_clock::time_point until;
};

struct state {
    state(net::any_io_executor ex, token_validator_options o)
        : options(std::move(o)), cli(ex, options.identity_url, options.client) {
        if (options.identity_url.empty()) throw std::invalid_argument("token validator: no identity URL");
        if (options.admin_token.empty() && !options.service_credentials)
            throw std::invalid_argument("token validator: neither an admin token nor service credentials");
        if (options.memcache_strategy != memcache_protection::none && options.memcache_secret.empty())
            throw std::invalid_argument("token validator: a memcache strategy needs a memcache secret");
        if (options.admin_token.empty()) sess.emplace(cli, *options.service_credentials);
        if (!options.memcached_servers.empty())
            memcached = std::make_unique<memcached_cache>(options.memcached_servers, options.memcache_timeout);
        if (options.www_authenticate_uri.empty()) {
            www_authenticate = root_url(cli.base_url());
            while (www_authenticate.size() > 1 && www_authenticate.back() == '/') www_authenticate.pop_back();
        } else {
            www_authenticate = options.www_authenticate_uri;
        }
    }

    const token_validator_options options;
    asio::client cli;
    std::optional<asio::session> sess;
    std::unique_ptr<memcached_cache> memcached;
    std::string www_authenticate;

    mutable std::mutex m;
    std::list<entry> lru;  // most recently used first
    std::unordered_map<std::string, std::list<entry>::iterator> index;
    std::unordered_map<std::string, std::shared_ptr<flight>> flights;
    std::optional<bool> admin_api;  // what the probe found (see is_admin_api)
    validator_stats stats;
};

// The key of a token in the cache in process: a SHA-256 of its id, so that the map holds no token.
inline std::string local_key(std::string_view token) {
    const auto d = protocol::crypto::sha256(token);
    return protocol::crypto::to_hex(d.data(), d.size());
}

template <class Void, class Token>
auto async_wait(std::shared_ptr<state> st, std::shared_ptr<flight> f, Token&& token) {
    return net::async_initiate<Token, void(token_verdict)>(
        [st, f](auto handler) {
            auto work = net::make_work_guard(net::get_associated_executor(handler, st->cli.get_executor()));
            std::unique_lock lk(st->m);
            if (f->done) {
                auto res = f->result;
                lk.unlock();
                auto ex = work.get_executor();
                net::post(ex, [h = std::move(handler), res]() mutable { std::move(h)(std::move(res)); });
                return;
            }
            f->waiters.push_back(std::make_unique<waiter_impl<decltype(handler), decltype(work)>>(std::move(handler),
                                                                                                  std::move(work)));
        },
        token);
}

// Under st.m: the cached verdict for key, if any and still good.
inline std::optional<token_verdict> lookup(state& st, const std::string& key) {
    auto it = st.index.find(key);
    if (it == st.index.end()) return std::nullopt;
    if (sys_clock::now() >= it->second->until) {
        st.lru.erase(it->second);
        st.index.erase(it);
        return std::nullopt;
    }
    st.lru.splice(st.lru.begin(), st.lru, it->second);
    token_verdict v = it->second->verdict;
    v.cached = true;
    return v;
}

// Under st.m: keep a verdict until `until`, within the size bound.
inline void store(state& st, const std::string& key, const token_verdict& v, sys_clock::time_point until) {
    if (st.options.cache_size == 0 || until <= sys_clock::now()) return;
    if (auto it = st.index.find(key); it != st.index.end()) {
        st.lru.erase(it->second);
        st.index.erase(it);
    }
    while (st.lru.size() >= st.options.cache_size) {
        st.index.erase(st.lru.back().key);
        st.lru.pop_back();
    }
    st.lru.push_front(entry{key, v, until});
    st.index.emplace(key, st.lru.begin());
}

inline sys_clock::time_point expiry_of(const access& a) {
    return std::chrono::time_point_cast<sys_clock::duration>(a.token.expires.time());
}

// How long a valid token may be kept: cache_time, never past its expiry.
inline sys_clock::time_point keep_until(const state& st, const access& a, sys_clock::time_point now) {
    return std::min(now + st.options.cache_time, expiry_of(a));
}

// The memcached entry of a token: its key, and the value for a validated access.
// The value is "<until, Unix seconds>\n<access JSON>", protected as the strategy says.
inline std::string memcached_key(const state& st, std::string_view token) {
    if (st.options.memcache_strategy == memcache_protection::none) return "tokens/" + local_key(token);
    return memcache_crypt::cache_key(memcache_crypt::derive(token, st.options.memcache_secret,
                                                            st.options.memcache_strategy));
}

// Read and write the memcached entry (templates, like every operation here, so that a program
// compiles them only if it uses the validator).
template <class Void>
std::optional<token_verdict> shared_get(state& st, std::string_view token, sys_clock::time_point& until) {
    auto raw = st.memcached->get(memcached_key(st, token));
    if (!raw) return std::nullopt;
    std::optional<std::string> data = std::move(raw);
    if (st.options.memcache_strategy != memcache_protection::none) {
        data = memcache_crypt::unprotect(memcache_crypt::derive(token, st.options.memcache_secret,
                                                                st.options.memcache_strategy),
                                         *data);
        if (!data) {
            std::lock_guard lk(st.m);
            ++st.stats.memcached_rejected;
            return std::nullopt;
        }
    }
    const auto nl = data->find('\n');
    if (nl == std::string::npos) return std::nullopt;
    std::int64_t secs = 0;
    auto [end, ec] = std::from_chars(data->data(), data->data() + nl, secs);
    if (ec != std::errc() || end != data->data() + nl) return std::nullopt;
    auto doc = try_from_json<access>(std::string_view(*data).substr(nl + 1));
    if (!doc || doc->token.id != token) return std::nullopt;
    const auto now = sys_clock::now();
    until = std::min(sys_clock::time_point(std::chrono::seconds(secs)), expiry_of(*doc));
    if (until <= now) return std::nullopt;
    token_verdict v;
    v.status = token_status::confirmed;
    v.access = std::make_shared<const access>(std::move(*doc));
    v.cached = true;
    return v;
}

template <class Void>
void shared_put(state& st, std::string_view token, const access& a, sys_clock::time_point until) {
    const auto now = sys_clock::now();
    // Rounded up: a cache time of 1 s must not store for 0 s (memcached's "never expires").
    const auto ttl = std::chrono::ceil<std::chrono::seconds>(until - now);
    if (ttl.count() <= 0) return;
    std::string value =
        std::to_string(std::chrono::duration_cast<std::chrono::seconds>(until.time_since_epoch()).count());
    value += '\n';
    value += to_json(a);
    if (st.options.memcache_strategy != memcache_protection::none)
        value = memcache_crypt::protect(memcache_crypt::derive(token, st.options.memcache_secret,
                                                               st.options.memcache_strategy),
                                        value);
    st.memcached->set(memcached_key(st, token), value, ttl);
}

inline token_verdict verdict(token_status s, std::string reason) {
    token_verdict v;
    v.status = s;
    v.reason = std::move(reason);
    return v;
}

// Whether the identity URL is the admin API, asked once: GET /v2.0/users is an admin route, which
// Keystone's public listener (and ours) does not have (404); the admin listener answers anything
// else (200, 400 without a name, 401/403). nullopt: the identity service could not say.
template <class Void = void>
net::awaitable<std::optional<bool>> is_admin_api(std::shared_ptr<state> st) {
    {
        std::lock_guard lk(st->m);
        if (st->admin_api) co_return st->admin_api;
    }
    client_result<http_reply> r = make_client_error(make_error_code(client_errc::internal));
    if (st->sess) {
        r = co_await st->sess->template async_with_token<http_reply>(
            [](const auto& c, std::string t) {
                return c.async_raw(c.make(bhttp::verb::get, "users", std::move(t)), net::use_awaitable);
            },
            net::use_awaitable);
    } else {
        r = co_await st->cli.async_raw(st->cli.make(bhttp::verb::get, "users", st->options.admin_token),
                                       net::use_awaitable);
    }
    if (!r || r->status >= 500) co_return std::nullopt;
    std::lock_guard lk(st->m);
    st->admin_api = r->status != 404;
    co_return st->admin_api;
}

// What the identity service says of a token (no cache).
template <class Void = void>
net::awaitable<token_verdict> ask_identity(std::shared_ptr<state> st, std::string token) {
    {
        std::lock_guard lk(st->m);
        ++st->stats.identity_requests;
    }
    client_result<access> r = make_client_error(make_error_code(client_errc::internal));
    if (st->sess) r = co_await st->sess->async_validate_token(token, st->options.belongs_to, net::use_awaitable);
    else
        r = co_await st->cli.async_validate_token(st->options.admin_token, token, st->options.belongs_to,
                                                  net::use_awaitable);
    if (r) {
        if (expiry_of(*r) <= sys_clock::now()) co_return verdict(token_status::invalid, "the token has expired");
        token_verdict v;
        v.status = token_status::confirmed;
        v.access = std::make_shared<const access>(std::move(*r));
        co_return v;
    }
    const client_error& e = r.error();
    if (e.code == client_errc::invalid_argument) co_return verdict(token_status::invalid, "malformed token");
    if (e.code != client_errc::remote_fault) {
        if (e.code == client_errc::bad_url) co_return verdict(token_status::misconfigured, e.what());
        co_return verdict(token_status::unavailable, "the identity service is unavailable: " + e.what());
    }
    if (e.status == 404) {
        const auto admin = co_await is_admin_api<Void>(st);
        if (!admin) co_return verdict(token_status::unavailable, "the identity service is unavailable");
        if (!*admin)
            co_return verdict(token_status::misconfigured,
                              "the identity URL " + st->cli.base_url() +
                                  " is not the admin API (it has no token validation route): use the admin endpoint");
        co_return verdict(token_status::invalid, "token not found");
    }
    if (e.status == 401 || e.status == 403)
        co_return verdict(token_status::misconfigured,
                          std::string("the identity service refused the validator's own ") +
                              (st->sess ? "credentials" : "admin token") + " (" + std::to_string(e.status) +
                              "): they must be an admin's, on the admin API");
    if (e.status >= 500 || e.status == 429)
        co_return verdict(token_status::unavailable, "the identity service is unavailable: " + e.what());
    co_return verdict(token_status::invalid, e.what());
}

// A token's verdict from the caches or the identity service, one validation per uncached token
// whatever the number of concurrent callers. Role checks are the caller's.
template <class Void = void>
net::awaitable<token_verdict> check(std::shared_ptr<state> st, std::string token) {
    if (token.empty()) co_return verdict(token_status::missing, "no token");
    const std::string key = local_key(token);
    std::shared_ptr<flight> f;
    bool leader = false;
    {
        std::lock_guard lk(st->m);
        if (auto v = lookup(*st, key)) {
            ++st->stats.local_hits;
            co_return *v;
        }
        auto it = st->flights.find(key);
        if (it == st->flights.end()) {
            f = std::make_shared<flight>();
            st->flights.emplace(key, f);
            leader = true;
        } else {
            f = it->second;
            ++st->stats.coalesced;
        }
    }
    if (!leader) co_return co_await async_wait<Void>(st, f, net::use_awaitable);

    token_verdict v;
    sys_clock::time_point until{};
    try {
        std::optional<token_verdict> shared;
        if (st->memcached && st->options.cache_time.count() > 0) shared = shared_get<Void>(*st, token, until);
        if (shared) {
            v = std::move(*shared);
        } else {
            v = co_await ask_identity<Void>(st, token);
            const auto now = sys_clock::now();
            if (v.status == token_status::confirmed) {
                until = keep_until(*st, *v.access, now);
                if (st->memcached && st->options.cache_time.count() > 0) shared_put<Void>(*st, token, *v.access, until);
            } else if (v.status == token_status::invalid) {
                until = now + st->options.negative_cache_time;
            }
        }
    } catch (const std::exception& e) {
        v = verdict(token_status::unavailable, std::string("validation failed: ") + e.what());
    }
    std::vector<std::unique_ptr<waiter>> ws;
    {
        std::lock_guard lk(st->m);
        if (v.cached) ++st->stats.memcached_hits;
        const bool keep = v.status == token_status::confirmed ? st->options.cache_time.count() > 0
                                                              : v.status == token_status::invalid;
        if (keep && until != sys_clock::time_point{}) store(*st, key, v, until);
        st->flights.erase(key);
        f->done = true;
        f->result = v;
        ws.swap(f->waiters);
    }
    for (auto& w : ws) w->complete(v);
    co_return v;
}

// Whether a role of the token matches one of the patterns (fnmatch(3)); with `exact`, one of the
// names.
inline bool has_any_role(const access& a, const std::vector<std::string>& patterns, bool exact) {
    if (!a.user || !a.user->roles) return false;
    for (const role& r : *a.user->roles) {
        if (!r.name) continue;
        for (const auto& p : patterns)
            if (exact ? *r.name == p : ::fnmatch(p.c_str(), r.name->c_str(), 0) == 0) return true;
    }
    return false;
}

template <class Void = void>
net::awaitable<client_result<validation>> validate(std::shared_ptr<state> st, std::string token,
                                                   std::optional<std::string> service_token) {
    validation out;
    out.user = co_await check<Void>(st, std::move(token));
    const auto& o = st->options;
    if (out.user.status == token_status::confirmed && !o.accepted_roles.empty() &&
        !has_any_role(*out.user.access, o.accepted_roles, false)) {
        out.user.status = token_status::forbidden;
        out.user.reason = "the token has none of the accepted roles";
    }
    if (service_token) {
        out.service = co_await check<Void>(st, std::move(*service_token));
        if (out.service->status == token_status::confirmed && o.service_token_roles_required &&
            !has_any_role(*out.service->access, o.service_token_roles, true)) {
            out.service->status = token_status::forbidden;
            out.service->reason = "the service token has none of the service roles";
        }
    }
    co_return out;
}

}  // namespace detail::tv

// A template for the reason basic_client is. Use `token_validator`. Cheap to copy (the state is
// shared); safe to use from several threads at once.
template <class V = void>
class basic_token_validator {
public:
    // Throws std::invalid_argument for options no validator can work with (no identity URL,
    // neither admin token nor credentials, a memcache strategy without a secret, a bad memcached
    // address).
    basic_token_validator(net::any_io_executor ex, token_validator_options opt)
        : st_(std::make_shared<detail::tv::state>(std::move(ex), std::move(opt))) {}

    const token_validator_options& options() const noexcept { return st_->options; }

    // What goes in WWW-Authenticate: Keystone uri="...".
    const std::string& www_authenticate_uri() const noexcept { return st_->www_authenticate; }

    // The session that keeps the validator's own token (service credentials), or null.
    const asio::session* session() const noexcept { return st_->sess ? &*st_->sess : nullptr; }

    validator_stats stats() const {
        std::lock_guard lk(st_->m);
        return st_->stats;
    }

    // Forgets every token kept in process (not those in memcached).
    void clear_cache() {
        std::lock_guard lk(st_->m);
        st_->lru.clear();
        st_->index.clear();
    }

    // Validates the user token (empty: none was sent) and the service token, if any. Completion
    // signature void(client_result<validation>), with any completion token the client takes; the
    // outcome is in the validation (an error only if an exception escaped).
    template <class Token = net::default_completion_token_t<net::any_io_executor>>
    auto async_validate(std::string token, std::optional<std::string> service_token = std::nullopt,
                        Token&& completion = {}) const {
        return detail::cli::launch(st_->cli.get_executor(),
                                   detail::tv::validate<V>(st_, std::move(token), std::move(service_token)),
                                   std::forward<Token>(completion));
    }

private:
    std::shared_ptr<detail::tv::state> st_;
};

using token_validator = basic_token_validator<>;

// Separate compilation: as the client's operations (client.hpp).
#if defined(OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION)
namespace detail::cli {
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template client_result<validation> run_blocking<validation>(
    net::awaitable<client_result<validation>>);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<validation>> guarded<validation>(
    net::awaitable<client_result<validation>>);
}  // namespace detail::cli
namespace detail::tv {
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<validation>> validate<>(
    std::shared_ptr<state>, std::string, std::optional<std::string>);
}  // namespace detail::tv
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template class basic_token_validator<>;
#endif

}  // namespace openstack::identity::v2::asio

#endif
// ---- end openstack/identity/v2/asio/token_validator.hpp
// ---- begin openstack/identity/v2/asio/middleware.hpp
#ifndef OPENSTACK_IDENTITY_V2_ASIO_MIDDLEWARE_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_MIDDLEWARE_HPP

// keystonemiddleware's auth_token for Beast: in front of any request handler, it removes every
// identity header the caller sent (a caller must not forge X-Roles), validates X-Auth-Token (or
// X-Storage-Token) and X-Service-Token with a token_validator, then either sets the identity
// headers as auth_token does and calls the handler, or answers:
//   401 + WWW-Authenticate: Keystone uri="..."  no token, or an invalid one (user or service token)
//   403                                          a valid token without an accepted role
//   503                                          the identity service cannot be reached
//   500                                          the validator is misconfigured (not the admin API, not admin
//   credentials)
// In deferred mode (delay_auth_decision) every request goes on, marked X-Identity-Status: Invalid
// when its token is not confirmed: the handler decides. See docs/token-validator.md.
//
// The pieces (strip_identity_headers, set_identity_headers, rejection_status, rejection_response,
// authorize) serve callers that are not a request -> response function, such as a proxy that
// streams bodies.


#include <boost/asio/awaitable.hpp>
#include <boost/beast/http.hpp>

#include <concepts>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::asio {

using http_response = bhttp::response<bhttp::string_body>;

// The headers auth_token sets (and so removes from what the caller sent), v2 tokens' subset of
// its _request.py, with the deprecated ones. Every other X-Service-* header is removed too, except
// X-Service-Token, which is the caller's to send.
inline constexpr std::string_view identity_headers[] = {"X-Identity-Status",
                                                        "X-Domain-Id",
                                                        "X-Domain-Name",
                                                        "X-Project-Id",
                                                        "X-Project-Name",
                                                        "X-Project-Domain-Id",
                                                        "X-Project-Domain-Name",
                                                        "X-User-Id",
                                                        "X-User-Name",
                                                        "X-User-Domain-Id",
                                                        "X-User-Domain-Name",
                                                        "X-Roles",
                                                        "X-Service-Catalog",
                                                        "X-Is-Admin-Project",
                                                        "X-Tenant-Id",
                                                        "X-Tenant-Name",
                                                        "X-Tenant",
                                                        "X-User",
                                                        "X-Role",
                                                        "X-Trust-Id",
                                                        "X-Service-Identity-Status"};

inline constexpr std::string_view service_header_prefix = "X-Service-";

// Removes every identity header from `f`.
inline void strip_identity_headers(bhttp::fields& f) {
    for (auto h : identity_headers) f.erase(h);
    for (auto it = f.begin(); it != f.end();) {
        const std::string_view name = it->name_string();
        if (name.size() > service_header_prefix.size() &&
            http::detail::iequals(name.substr(0, service_header_prefix.size()), service_header_prefix) &&
            !http::detail::iequals(name, "X-Service-Token"))
            it = f.erase(it);
        else ++it;
    }
}

// The user's token: X-Auth-Token, or the legacy X-Storage-Token (Swift); empty when neither.
inline std::string request_token(const bhttp::fields& f) {
    if (auto it = f.find("X-Auth-Token"); it != f.end()) return std::string(it->value());
    if (auto it = f.find("X-Storage-Token"); it != f.end()) return std::string(it->value());
    return {};
}

inline std::optional<std::string> request_service_token(const bhttp::fields& f) {
    if (auto it = f.find("X-Service-Token"); it != f.end()) return std::string(it->value());
    return std::nullopt;
}

namespace detail::mw {

inline std::string roles_header(const access& a) {
    std::string out;
    for (const auto& r : roles_of(a)) {
        if (r.name.empty()) continue;
        if (!out.empty()) out += ',';
        out += r.name;
    }
    return out;
}

// The catalog as v2 JSON: the value of "serviceCatalog", a list (empty for an unscoped token).
inline std::string catalog_json(const access& a) {
    std::string out = "[";
    if (a.service_catalog)
        for (const auto& e : *a.service_catalog) {
            if (out.size() > 1) out += ',';
            out += to_json(e);
        }
    out += ']';
    return out;
}

// The headers of one confirmed token, under `prefix` ("X-" or "X-Service-").
inline void set_token_headers(bhttp::fields& f, std::string_view prefix, const access& a) {
    auto put = [&](std::string_view name, std::string_view value) {
        std::string h(prefix);
        h += name;
        f.set(h, value);
    };
    if (a.user) {
        if (a.user->id) put("User-Id", *a.user->id);
        if (a.user->name) put("User-Name", *a.user->name);
        else if (a.user->username) put("User-Name", *a.user->username);
    }
    const std::string_view tenant = tenant_id(a);
    const std::string_view tenant_name = a.token.tenant && a.token.tenant->name
                                             ? std::string_view(*a.token.tenant->name)
                                             : std::string_view();
    if (!tenant.empty()) put("Project-Id", tenant);
    if (!tenant_name.empty()) put("Project-Name", tenant_name);
    put("Roles", roles_header(a));
}

}  // namespace detail::mw

// Sets the identity headers of a validation (after strip_identity_headers): X-Identity-Status
// always, the user's headers when the user token is confirmed, X-Service-Identity-Status and the
// X-Service-* ones when a service token was sent.
inline void set_identity_headers(bhttp::fields& f, const validation& v) {
    const bool user_ok = v.user.status == token_status::confirmed;
    f.set("X-Identity-Status", user_ok ? "Confirmed" : "Invalid");
    if (user_ok) {
        const access& a = *v.user.access;
        detail::mw::set_token_headers(f, "X-", a);
        // The deprecated names (auth_token still sets them).
        if (!tenant_id(a).empty()) {
            f.set("X-Tenant-Id", tenant_id(a));
            f.set("X-Tenant", a.token.tenant->name ? *a.token.tenant->name : std::string(tenant_id(a)));
            if (a.token.tenant->name) f.set("X-Tenant-Name", *a.token.tenant->name);
        }
        if (a.user && a.user->name) f.set("X-User", *a.user->name);
        f.set("X-Role", detail::mw::roles_header(a));
        // v2 has no admin project: every project is one, as auth_token says for v2 tokens.
        f.set("X-Is-Admin-Project", "True");
        f.set("X-Service-Catalog", detail::mw::catalog_json(a));
    }
    if (v.service) {
        const bool ok = v.service->status == token_status::confirmed;
        f.set("X-Service-Identity-Status", ok ? "Confirmed" : "Invalid");
        if (ok) detail::mw::set_token_headers(f, "X-Service-", *v.service->access);
    }
}

// The status a request gets for a validation, or 0 when it goes on (always 0 in deferred mode).
inline unsigned rejection_status(const validation& v, bool delay_auth_decision) {
    if (v.confirmed() || delay_auth_decision) return 0;
    auto rank = [](token_status s) -> unsigned {
        switch (s) {
        case token_status::confirmed: return 0;
        case token_status::misconfigured: return 500;
        case token_status::unavailable: return 503;
        case token_status::forbidden: return 403;
        case token_status::missing:
        case token_status::invalid: return 401;
        }
        return 401;
    };
    const unsigned user = rank(v.user.status);
    unsigned service = v.service ? rank(v.service->status) : 0;
    if (service == 403) service = 401;  // a service token without the service role is not one
    // Whatever stops the service from deciding (500, 503) goes first, then 401, then 403.
    for (unsigned s : {500u, 503u, 401u, 403u})
        if (user == s || service == s) return s;
    return 401;
}

// The answer to a request that does not go on, in the media its Accept asks (JSON by default).
inline http_response rejection_response(unsigned status, std::string_view www_authenticate_uri, std::string_view accept,
                                        unsigned version, bool keep_alive) {
    const http::media m = http::negotiate(accept).value_or(http::media::json);
    std::string message;
    switch (status) {
    case 401: message = "The request you have made requires authentication."; break;
    case 403: message = "You are not authorized to perform the requested action."; break;
    case 503: message = "The Keystone service is temporarily unavailable."; break;
    default: message = "The service cannot validate tokens: its identity settings are wrong."; break;
    }
    http_response res{static_cast<bhttp::status>(status), version};
    res.set(bhttp::field::content_type, http::content_type(m));
    if (status == 401)
        res.set(bhttp::field::www_authenticate, "Keystone uri=\"" + std::string(www_authenticate_uri) + "\"");
    res.body() = http::fault_body(http::make_status_fault(static_cast<int>(status), std::move(message)), m);
    res.keep_alive(keep_alive);
    res.prepare_payload();
    return res;
}

// The whole of it on a request header: strips the identity headers, validates its tokens, sets
// the headers. Returns the answer the request gets instead of going on, if any. `Validator` is
// token_validator: a template parameter so that GCC does not emit the whole validator in every unit
// that includes this header (it instantiates a coroutine template's non-dependent calls at its
// definition). `log`, when given, hears every request's validation and the status it was answered
// (0: it went on), for a log line: the verdicts' reasons never hold a token id.
using validation_log = std::function<void(const validation&, unsigned status)>;

template <class Validator, class Fields>
net::awaitable<std::optional<http_response>> authorize(const Validator& tv, bhttp::header<true, Fields>& req,
                                                       const validation_log& log = {}) {
    std::string token = request_token(req);
    std::optional<std::string> service = request_service_token(req);
    strip_identity_headers(req);
    auto r = co_await tv.async_validate(std::move(token), std::move(service), net::use_awaitable);
    validation v;
    if (r) {
        v = std::move(*r);
    } else {
        v.user.status = token_status::unavailable;
        v.user.reason = r.error().what();
    }
    set_identity_headers(req, v);
    const unsigned status = rejection_status(v, tv.options().delay_auth_decision);
    if (log) log(v, status);
    if (!status) co_return std::nullopt;
    // Keep-alive as Beast's message::keep_alive() reads it, from the header alone.
    bhttp::token_list connection{req[bhttp::field::connection]};  // exists() is not const
    const bool keep_alive = req.version() >= 11 ? !connection.exists("close") : connection.exists("keep-alive");
    co_return rejection_response(status, tv.www_authenticate_uri(), req[bhttp::field::accept], req.version(),
                                 keep_alive);
}

// A request handler behind the middleware. Handler: http_response(bhttp::request<Body>) or
// net::awaitable<http_response>(bhttp::request<Body>).
template <class Handler>
class middleware {
public:
    middleware(token_validator tv, Handler h, validation_log log = {})
        : tv_(std::move(tv)), h_(std::move(h)), log_(std::move(log)) {}

    const token_validator& validator() const noexcept { return tv_; }

    template <class Body>
    net::awaitable<http_response> operator()(bhttp::request<Body> req) const {
        if (auto answer = co_await authorize(tv_, req.base(), log_)) co_return std::move(*answer);
        using result = std::invoke_result_t<const Handler&, bhttp::request<Body>>;
        if constexpr (std::is_same_v<result, net::awaitable<http_response>>) co_return co_await h_(std::move(req));
        else co_return h_(std::move(req));
    }

private:
    token_validator tv_;
    Handler h_;
    validation_log log_;
};

}  // namespace openstack::identity::v2::asio

#endif
// ---- end openstack/identity/v2/asio/middleware.hpp

#endif
// ---- end openstack/identity/v2/asio.hpp

#endif  // OPENSTACK_IDENTITY_V2_ASIO_SINGLE_HPP
