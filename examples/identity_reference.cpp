// Writes the reference of every v2.0 document type from the annotations (docs/reference/):
// <type>.md (members, JSON names, XML placement in both dialects, types, rules, a complete
// example written by the library) and <type>.schema.json (json_schema<T>()), plus README.md.
//
//   identity-reference docs/reference
//
// Nothing here knows a document type: it walks document_types and each type's members.

#include "pretty.hpp"

#include <openstack/identity/v2.hpp>
#include <openstack/identity/v2/type_name.hpp>

#include <boost/mp11/algorithm.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace v2 = openstack::identity::v2;
namespace vd = v2::detail;
namespace vx = v2::detail::xml;
namespace vs = v2::detail::json_schema;

namespace {

// Built by appending: GCC 12 at -O3 warns falsely (-Wrestrict) about "literal" + std::string&&.
std::string code(std::string_view s) { return std::string("`").append(s).append("`"); }

std::string join(const std::vector<std::string>& v, std::string_view sep) {
    std::string s;
    for (const auto& e : v) s.append(s.empty() ? "" : sep).append(e);
    return s;
}

// Short names of the namespaces, for the tables (the XML writer's prefixes where it has one).
std::string_view ns_name(std::string_view u) {
    const v2::xml_namespace* n = v2::find_namespace(u);
    return n ? n->label : u;
}

template <class M>
struct inner {
    using type = M;
};
template <class M>
struct inner<std::optional<M>> : inner<M> {};
template <class M>
struct inner<v2::nullable<M>> : inner<M> {};
template <class E, class A>
struct inner<std::vector<E, A>> : inner<E> {};
template <class M>
using inner_t = typename inner<M>::type;

// What a page found while walking its types, for the notes at its end.
struct findings {
    bool integers = false;
    std::vector<std::string> scalar_limits;  // custom scalars' "beyond" notes
    std::vector<std::string> scalars;        // "name: description" of the custom scalars met
    std::vector<std::string> text_numbers_with_length;
};

template <class V>
std::string type_text(const v2::member_meta& m) {
    using c = v2::category;
    constexpr c k = v2::category_of<V>;
    if constexpr (k == c::optional) {
        return type_text<typename V::value_type>(m);
    } else if constexpr (k == c::nullable) {
        return type_text<typename vd::unwrap<V>::type>(m) + " or null";
    } else if constexpr (k == c::string) {
        return m.numbers_as_text ? "string or integer" : "string";
    } else if constexpr (k == c::boolean) {
        return "boolean";
    } else if constexpr (k == c::integer) {
        return "integer (" + std::string(std::is_signed_v<V> ? "signed " : "unsigned ") +
               std::to_string(std::numeric_limits<V>::digits + std::is_signed_v<V>) + "-bit)";
    } else if constexpr (k == c::number) {
        return "number";
    } else if constexpr (k == c::enumeration) {
        std::string names;
        boost::mp11::mp_for_each<boost::describe::describe_enumerators<V>>([&](auto d) {
            names += (names.empty() ? "" : ", ") + code(d.name);
        });
        return "string: one of " + names;
    } else if constexpr (k == c::custom) {
        return std::string(vs::wire_type<V>()) + ": [" + std::string(v2::value_traits<V>::name) + "](#value-types)";
    } else if constexpr (k == c::list) {
        return "list of " + type_text<typename V::value_type>(m);
    } else {
        std::string n(v2::type_name<V>());
        return "[" + n + "](#" + n + ")";
    }
}

template <class T, class M>
std::string required_text(const v2::member_meta& m) {
    using V = typename vd::unwrap<M>::type;
    if constexpr (v2::root_style_of<T>() == v2::root_style::members)
        if (m.json == v2::root_name<T>()) return "required: the document's root key";
    if (m.required) {
        if constexpr (v2::category_of<V> == v2::category::string || v2::category_of<V> == v2::category::list)
            return v2::category_of<M> == v2::category::nullable ? "required (null counts as given)"
                                                                : "required, not empty";
        return "required";
    }
    if constexpr (v2::category_of<M> == v2::category::nullable) return "optional; null is kept";
    else if constexpr (v2::category_of<M> == v2::category::optional) return "optional; null reads as absent";
    else return "optional";
}

template <class V>
void scalar_notes(findings& f) {
    constexpr v2::category k = v2::category_of<V>;
    if constexpr (k == v2::category::optional || k == v2::category::nullable) {
        scalar_notes<typename vd::unwrap<V>::type>(f);
    } else if constexpr (k == v2::category::list) {
        scalar_notes<typename V::value_type>(f);
    } else if constexpr (k == v2::category::integer) {
        f.integers = true;
    } else if constexpr (k == v2::category::custom) {
        using X = v2::value_traits<V>;
        auto once = [](std::vector<std::string>& list, std::string s) {
            for (const auto& e : list)
                if (e == s) return;
            list.push_back(std::move(s));
        };
        const std::string name(v2::value_traits<V>::name);
        if constexpr (requires { X::description; }) once(f.scalars, name + ": " + std::string(X::description));
        else once(f.scalars, name + ": a string");
        if constexpr (requires { X::beyond; }) once(f.scalar_limits, name + ": " + std::string(X::beyond));
    }
}

template <class M>
std::string constraints_text(const v2::member_meta& m, findings& f, std::string_view owner) {
    std::vector<std::string> c;
    if (m.max_length) c.push_back("at most " + std::to_string(m.max_length) + " characters");
    if (m.range) c.push_back("from " + std::to_string(m.range->min) + " to " + std::to_string(m.range->max));
    if (m.numbers_as_text) {
        c.push_back("a JSON integer is read as its text and written back as a string");
        if (m.max_length) f.text_numbers_with_length.push_back(std::string(owner) + "." + std::string(m.json));
    }
    for (auto a : m.aliases)
        if (!a.empty()) c.push_back("also read as " + code(a) + " (not both)");
    if (m.values_wrapper)
        c.push_back(
            "written as `{\"values\": [...]}` by default (`list_style::keystone`), as a plain array with "
            "`list_style::spec`");
    if (m.empty_object_is_list) c.push_back("`{}` reads as an empty list");
    if (m.empty_string_is_list) c.push_back("`\"\"` reads as an empty list");
    scalar_notes<M>(f);
    return join(c, "; ");
}

std::string ns_note(std::string_view u, std::string_view parent) {
    if (u.empty() || u == parent) return "";
    return " (namespace " + std::string(ns_name(u)) + ")";
}

// What a member's XML placement depends on besides its annotations: the shape of its C++ type.
// (The text below is written once, not once per member: this program is compiled in every build.)
enum class shape { scalar, list, object };
struct member_type {
    shape kind = shape::scalar;
    std::string_view ns;        // an object's namespace, or a list's items' when they are described
    bool scalar_items = false;  // a list of strings, numbers or booleans
};

template <class M>
member_type type_of() {
    using V = vx::value_t<M>;
    if constexpr (vx::is_scalar_v<V>) {
        return {};
    } else if constexpr (v2::category_of<V> == v2::category::list) {
        using E = typename V::value_type;
        member_type t{.kind = shape::list, .scalar_items = vx::is_scalar_v<E>};
        if constexpr (v2::described<E>) t.ns = vx::type_ns<E>();
        return t;
    } else {
        return {.kind = shape::object, .ns = vx::type_ns<V>()};
    }
}

// The effective XML placement of a member of a type in namespace own, in dialect d: the
// annotation as the writer resolves it (r, xml::resolved_v), with the automatic form spelled out.
std::string xml_text(const member_type& t, const vx::resolved& r, const v2::member_meta& m, v2::xml_dialect d,
                     std::string_view own) {
    const int i = static_cast<int>(d);
    const v2::xml_meta& x = r.x[i];
    if (x.form == v2::xml_form::omit) return "not written";
    const bool foreign = d == v2::xml_dialect::schema && x.foreign;
    std::string s;
    auto order = [&] {
        if (x.order < 0) s += ", before the other child elements";
        if (x.order > 0) s += ", after the other child elements";
    };
    if (t.kind == shape::scalar) {
        if (foreign) return "attribute " + code("ks:" + std::string(r.json_local));
        if (!r.path[i].element.empty())
            return "attribute " + code(r.path[i].attribute) + " of the child element " +
                   code("<" + std::string(r.path[i].element) + ">") + " (shared with the other members there)";
        switch (x.form) {
        case v2::xml_form::element:
            s = "child element " + code("<" + std::string(r.name[i]) + ">") + ns_note(x.ns, own);
            if (x.always) s += ", written empty when absent";
            order();
            return s;
        case v2::xml_form::text: return "text content of the element";
        default:
            if (!x.ns.empty() && x.ns != own)
                return "attribute " + code(std::string(ns_name(x.ns)) + ":" + std::string(r.name[i]));
            return "attribute " + code(r.name[i]);
        }
    } else if (t.kind == shape::list) {
        std::string_view item_ns = x.ns.empty() ? t.ns : x.ns;
        if (foreign) item_ns = {};
        std::string item(vx::item_name(m, x));
        std::string pre = foreign ? "ks:" : "";
        if (item.empty() && t.scalar_items) item = "item";
        std::string items = item.empty() ? "one child element per item, named after the item's member that is set"
                                         : code("<" + pre + item + ">") + " elements" + ns_note(item_ns, own);
        if (x.form == v2::xml_form::unwrapped) {
            s = item.empty() ? items : "repeated " + items + " directly in the element";
        } else {
            s = code("<" + pre + std::string(r.wrapper[i]) + ">") + ns_note(x.ns, own) + " holding " + items;
            if (x.omit_empty) s += "; nothing when the list is empty";
            else s += "; an empty list is an empty " + code("<" + pre + std::string(r.wrapper[i]) + "/>");
        }
        if (x.always)
            s += foreign ? "; where declared (not foreign), written empty even when absent"
                         : "; written (empty) even when absent";
        if (foreign) s += "; in the foreign namespace";
        order();
    } else {
        std::string_view u = x.ns.empty() ? t.ns : x.ns;
        if (foreign) s = "child element " + code("<ks:" + std::string(r.name[i]) + ">") + " in the foreign namespace";
        else s = "child element " + code("<" + std::string(r.name[i]) + ">") + ns_note(u, own);
        if (x.always)
            s += foreign ? ", where declared (not foreign) written empty when absent" : ", written empty when absent";
        order();
    }
    if (d == v2::xml_dialect::schema) {
        std::vector<std::string> f, n;
        for (auto k : m.xml_foreign)
            if (!k.empty()) f.push_back(code(k));
        for (auto k : m.xml_native)
            if (!k.empty()) n.push_back(code(k));
        if (!f.empty()) s += "; here its " + join(f, ", ") + " are in the foreign namespace";
        if (!n.empty()) s += "; here its " + join(n, ", ") + " are declared (not foreign)";
    }
    return s;
}

std::string cell(std::string s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else out += c;
    }
    return out.empty() ? " " : out;
}

std::string_view rule_kind(v2::presence k) {
    switch (k) {
    case v2::presence::at_most_one: return "at most one of";
    case v2::presence::exactly_one: return "exactly one of";
    case v2::presence::at_least_one: return "at least one of";
    }
    return "";
}

class page {
public:
    std::string text;
    findings found;

    template <class T>
    void types() {
        queue_.push_back(&page::section<T>);
        seen_.push_back(v2::type_name<T>());
        for (std::size_t i = 0; i < queue_.size(); ++i) (this->*queue_[i])();
    }

private:
    std::vector<void (page::*)()> queue_;
    std::vector<std::string_view> seen_;

    void row(const v2::member_meta& m, bool docs, const std::string& type, const std::string& required,
             const std::string& constraints, const member_type& t, const vx::resolved& r, std::string_view own) {
        text += "| " + code(m.json) + " | " + cell(type) + " | " + required + " | " + cell(constraints) + " | " +
                cell(xml_text(t, r, m, v2::xml_dialect::keystone, own)) + " | " +
                cell(xml_text(t, r, m, v2::xml_dialect::schema, own)) + " |";
        text += docs ? " " + cell(std::string(m.doc)) + " |\n" : "\n";
    }

    template <class V>
    void discover() {
        if constexpr (v2::described<V>) {
            for (auto s : seen_)
                if (s == v2::type_name<V>()) return;
            seen_.push_back(v2::type_name<V>());
            queue_.push_back(&page::section<V>);
        }
    }

    template <class T>
    void section() {
        const std::string name(v2::type_name<T>());
        const bool first = text.empty();
        text += "\n### " + name + "\n\n";
        if constexpr (requires { v2::schema<T>::doc; })  // the page's own type has it under the title
            if (!first) text += std::string(v2::schema<T>::doc) + "\n\n";
        const std::string_view tns = vx::type_ns<T>();
        if (!tns.empty()) text += "XML namespace: " + code(tns) + ".\n\n";
        bool docs = false;
        v2::for_each_member<T>([&](auto, const v2::member_meta& m) { docs = docs || !m.doc.empty(); });
        text += "| JSON | type | presence | constraints | XML, keystone dialect | XML, schema dialect |";
        text += docs ? " description |\n" : "\n";
        text += "| --- | --- | --- | --- | --- | --- |";
        text += docs ? " --- |\n" : "\n";
        v2::for_each_member<T>([&](auto d, const v2::member_meta& m) {
            using D = decltype(d);
            using M = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;
            row(m, docs, type_text<M>(m), required_text<T, M>(m), constraints_text<M>(m, found, name), type_of<M>(),
                vx::resolved_v<T, D>, tns);
            discover<inner_t<M>>();
        });
        if constexpr (requires { v2::schema<T>::rules; }) {
            text += "\nRules (null, an empty string and an empty list count as not given):\n\n";
            for (const v2::presence_rule& r : v2::schema<T>::rules) {
                std::vector<std::string> names;
                for (std::size_t k = 0; k < r.size; ++k)
                    v2::for_each_member<T>([&](auto d, const v2::member_meta& m) {
                        if (v2::member_id_of<decltype(d)::pointer> == r.members[k]) names.push_back(code(m.json));
                    });
                text += "- " + std::string(rule_kind(r.kind)) + " " + join(names, ", ") + "\n";
            }
        }
    }
};

// A value with every member set (placeholders), then the presence rules applied: of the
// members of an at-most-one or exactly-one rule, the first is kept.
template <class V>
void fill(V& v) {
    using c = v2::category;
    constexpr c k = v2::category_of<V>;
    if constexpr (k == c::optional || k == c::nullable) {
        fill(v.emplace());
    } else if constexpr (k == c::string) {
        v = "string";
    } else if constexpr (k == c::boolean) {
        v = true;
    } else if constexpr (k == c::integer || k == c::number || k == c::enumeration) {
        // the type's own default (a fault's code is 500)
    } else if constexpr (k == c::custom) {
        if constexpr (requires { v2::value_traits<V>::example; }) (void)vd::parse_text(v2::value_traits<V>::example, v);
    } else if constexpr (k == c::list) {
        v.resize(1);
        fill(v[0]);
    } else {
        v2::for_each_member<V>([&](auto d, const v2::member_meta&) { fill(v.*decltype(d)::pointer); });
        if constexpr (requires { v2::schema<V>::rules; })
            for (const v2::presence_rule& r : v2::schema<V>::rules) {
                if (r.kind == v2::presence::at_least_one) continue;
                for (std::size_t k = 1; k < r.size; ++k)
                    v2::for_each_member<V>([&](auto d, const v2::member_meta&) {
                        if (v2::member_id_of<decltype(d)::pointer> == r.members[k]) v.*decltype(d)::pointer = {};
                    });
            }
    }
}

// Whether the validator checks rules of T that reading alone does not (presence rules, required
// members that can be absent): those see the merged value of a tagged root's two objects.
template <class T>
bool checked_after_merge() {
    bool any = false;
    if constexpr (requires { v2::schema<T>::rules; }) any = true;
    v2::for_each_member<T>([&](auto d, const v2::member_meta& m) {
        using M = std::remove_cvref_t<decltype(std::declval<T&>().*decltype(d)::pointer)>;
        any = any || (m.required && v2::says_absent<M>);
    });
    return any;
}

template <class T>
std::string json_root_text() {
    const auto keys = v2::json_root_keys<T>();
    constexpr auto style = v2::root_style_of<T>();
    if constexpr (style == v2::root_style::wrapped) {
        return code("{\"" + std::string(keys[0]) + "\": {...}}") + ": the object under the root key";
    } else if constexpr (style == v2::root_style::members) {
        std::vector<std::string> members;
        v2::for_each_member<T>([&](auto, const v2::member_meta& m) {
            members.push_back("\"" + std::string(m.json) + "\": ...");
        });
        std::vector<std::string> k;
        for (auto s : keys) k.push_back(code(s));
        return code("{" + join(members, ", ") + "}") + ": the members below are the top-level keys; " +
               join(k, " or ") + " must be there";
    } else {
        std::vector<std::string> tags;
        for (std::size_t i = 0; i + 1 < keys.size(); ++i) tags.push_back(code(keys[i]));
        return code("{\"<kind>\": {...}}") + " where the root key names the kind: " + join(tags, ", ") + "; " +
               code("{\"" + std::string(keys.back()) + "\": {...}}") +
               " is read too (the kind then comes from the code). Written with both keys by default "
               "(`fault_style::both`), or one of them (`fault_style::spec`, `fault_style::keystone`)";
    }
}

template <class T>
std::string xml_root_text() {
    std::string s = code("<" + std::string(vx::root_element<T>()) + ">");
    if constexpr (v2::root_style_of<T>() == v2::root_style::tagged) {
        const auto keys = v2::json_root_keys<T>();
        s = "the kind's element (" + code("<" + std::string(keys[0]) + ">") + ", ...) in the schema dialect, " +
            code("<" + std::string(keys.back()) + ">") +
            " in the keystone dialect (`xml_options::faults`); both are read";
    }
    if (vx::type_ns<T>().empty()) return s;
    if constexpr (v2::root_style_of<T>() == v2::root_style::tagged) return "in " + code(vx::type_ns<T>()) + ", " + s;
    return s + " in " + code(vx::type_ns<T>());
}

// What a type's page says, gathered from the type; written out by write_files.
struct page_parts {
    std::string name, doc, json_root, xml_root, json, xml_keystone, xml_schema, schema, key, element;
    page body;
    bool merged_rules = false;  // a tagged root whose rules see the merged value of its two objects
};

bool write_files(const std::filesystem::path& dir, const page_parts& x, std::string& index) {
    std::string t;
    t += "<!-- Generated by examples/identity_reference.cpp from the annotations in "
         "include/openstack/identity/v2/model/. Do not edit: run build/examples/identity-reference docs/reference. "
         "-->\n\n";
    t += "# " + x.name + "\n\n";
    if (!x.doc.empty()) t += x.doc + "\n\n";
    t += "| | |\n| --- | --- |\n";
    t += "| C++ type | " + code("openstack::identity::v2::" + x.name) + " |\n";
    t += "| JSON | " + cell(x.json_root) + " |\n";
    t += "| XML root | " + cell(x.xml_root) + " |\n";
    t += "| JSON Schema | [" + x.name + ".schema.json](" + x.name + ".schema.json) (draft 2020-12, `json_schema<" +
         x.name + ">()`) |\n";
    t += "\n## Members\n\n";
    t += "Presence: a required member must be given (a required string or list must not be empty). Reading, "
         "unknown members are ignored (`unknown_policy::keep` keeps them, `reject` refuses them), a member given "
         "twice is refused, and every list also reads as `{\"values\": [...]}` and as `\"\"` (empty). XML: the "
         "keystone dialect is what Keystone wrote, the schema dialect validates against the published XSDs; "
         "\"foreign namespace\" is `" +
         std::string(v2::ns::keystone_ext) +
         "` (prefix `ks`), where the schema dialect puts what the XSD cannot hold. The reader takes both dialects.\n";
    t += x.body.text;
    const findings& found = x.body.found;
    if (!found.scalars.empty()) t += "\n### Value types\n\n- " + join(found.scalars, "\n- ") + "\n";

    t += "\n## Example\n\nEvery member set, with placeholder values, written by the library (`to_json`, `to_xml`; "
         "indented here for reading).\n\n";
    t += "JSON:\n\n```json\n" + osi_pretty::json(x.json) + "\n```\n\n";
    t += "XML, keystone dialect:\n\n```xml\n" + osi_pretty::xml(x.xml_keystone) + "\n```\n\n";
    t += "XML, schema dialect:\n\n```xml\n" + osi_pretty::xml(x.xml_schema) + "\n```\n\n";

    std::vector<std::string> limits{
        "a member given twice: the reader refuses it; JSON Schema sees parsed JSON, in which a key is there once",
        "documents nested deeper than 64 levels or larger than 16 MiB: the reader refuses them (`read_options`)"};
    if (found.integers)
        limits.push_back(
            "an integer written with a fraction or an exponent (`1.0`, `1e2`): the reader refuses it, "
            "JSON Schema's `integer` accepts it");
    for (const auto& s : found.scalar_limits) limits.push_back(s + ": the reader refuses them, the pattern does not");
    for (const auto& s : found.text_numbers_with_length)
        limits.push_back("the length of an integer given for " + code(s) +
                         ": the reader checks the limit on its text, the schema only on strings");
    if (x.merged_rules)
        limits.push_back(
            "both root keys at once: the reader fills what the named object lacks from the other "
            "one and applies the rules to the result, the schema applies them to each object");
    t += "## Where the JSON Schema differs from the reader\n\n"
         "The schema accepts what the reader accepts and rejects what the validator rejects, except:\n\n- " +
         join(limits, ";\n- ") + ".\n";

    std::ofstream(dir / (x.name + ".md"), std::ios::binary) << t;
    std::ofstream(dir / (x.name + ".schema.json"), std::ios::binary) << osi_pretty::json(x.schema) << "\n";
    index += "| [" + x.name + "](" + x.name + ".md) | " + x.key + " | " + x.element + " | " + cell(x.doc) + " |\n";
    return true;
}

template <class T>
bool write_page(const std::filesystem::path& dir, std::string& index) {
    page_parts x;
    x.name = v2::type_name<T>();
    T value{};
    fill(value);
    const std::string_view root = v2::root_style_of<T>() == v2::root_style::members ? "" : v2::root_name<T>();
    if (auto errors = v2::validate_all(value, root); !errors.empty()) {
        std::cerr << "identity-reference: the example " << x.name << " breaks a rule: " << errors.front().what()
                  << "\n";
        return false;
    }
    x.json = v2::to_json(value);
    if (!v2::try_from_json<T>(x.json)) {
        std::cerr << "identity-reference: the example " << x.name << " does not read back\n";
        return false;
    }
    x.xml_keystone = v2::to_xml(value, v2::xml_options{.dialect = v2::xml_dialect::keystone});
    x.xml_schema = v2::to_xml(value, v2::xml_options{.dialect = v2::xml_dialect::schema});
    x.schema = v2::json_schema<T>();
    x.body.types<T>();
    if constexpr (requires { v2::schema<T>::doc; }) x.doc = std::string(v2::schema<T>::doc);
    x.json_root = json_root_text<T>();
    x.xml_root = xml_root_text<T>();
    x.key = code(v2::json_root_keys<T>().front());
    x.element = code("<" + std::string(vx::root_element<T>()) + ">");
    if constexpr (v2::root_style_of<T>() == v2::root_style::tagged) {
        x.key = "`<kind>`, " + code(v2::json_root_keys<T>().back());
        x.element = "`<kind>`, " + code("<" + std::string(v2::json_root_keys<T>().back()) + ">");
        x.merged_rules = checked_after_merge<T>();
    }
    return write_files(dir, x, index);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: identity-reference DIR   (writes DIR/<type>.md, DIR/<type>.schema.json, DIR/README.md)\n";
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        std::cerr << "identity-reference: cannot create " << dir << ": " << ec.message() << "\n";
        return 2;
    }
    std::string index;
    bool ok = true;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<std::type_identity, v2::document_types>>([&](auto t) {
        ok = write_page<typename decltype(t)::type>(dir, index) && ok;
    });
    if (!ok) return 1;
    std::ofstream(dir / "README.md", std::ios::binary)
        << "<!-- Generated by examples/identity_reference.cpp. Do not edit: run build/examples/identity-reference "
           "docs/reference. -->\n\n"
           "# Document reference\n\n"
           "Every v2.0 document type the library reads and writes, generated from the same annotations the reader, "
           "the writers and the validator use (a test fails when these pages and the code disagree). Each page "
           "lists the members with their JSON name, type, presence, constraints and XML placement in both "
           "dialects, shows a complete example in JSON and XML, and links the type's JSON Schema.\n\n"
           "| type | JSON root key | XML root | what |\n| --- | --- | --- | --- |\n"
        << index
        << "\nWhere the samples, the XSDs, the seed and Keystone disagree, and what the library does: "
           "[decisions](../decisions.md). XML in detail: [xml](../xml.md).\n";
    return 0;
}
