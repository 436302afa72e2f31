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

#include <openstack/identity/v2/version.hpp>

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
