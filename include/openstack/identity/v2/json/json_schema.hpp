#ifndef OPENSTACK_IDENTITY_V2_JSON_JSON_SCHEMA_HPP
#define OPENSTACK_IDENTITY_V2_JSON_JSON_SCHEMA_HPP

// A JSON Schema (draft 2020-12) for each document type, made from the same annotations
// and rules as the reader and the validator: what the reader accepts, the schema accepts,
// and what the validator rejects, the schema rejects, except where JSON Schema cannot
// say it (docs/reference lists those places).

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/json/write.hpp>
#include <openstack/identity/v2/schema.hpp>
#include <openstack/identity/v2/type_name.hpp>

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
