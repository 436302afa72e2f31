#ifndef OPENSTACK_IDENTITY_V2_SCHEMA_HPP
#define OPENSTACK_IDENTITY_V2_SCHEMA_HPP

// The annotation vocabulary. Every document type is a plain aggregate with a
// BOOST_DESCRIBE_STRUCT line and, next to it, a sparse `schema<T>` specialization
// that says only what differs from the defaults: names, XML placement, limits and
// cross-member rules. JSON, XML, validation and the docs all read these tables.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/value.hpp>

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
