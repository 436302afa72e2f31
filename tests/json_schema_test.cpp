#include <boost/test/unit_test.hpp>

#include "support.hpp"

#include <openstack/identity/v2.hpp>

#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>

#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

// The shape of json_schema<T>(): well formed, self-contained, and saying what the annotations
// say. Whether it accepts and rejects what the reader does is tests/json_schema_check.py
// (python3-jsonschema on the samples, the seed and bad documents).

namespace v2 = openstack::identity::v2;
namespace json = boost::json;

// A document type with the annotations no model type has (yet): a required list, a required
// member with an alias, a required nullable, a rule over a list.
namespace osi_schema_probe {
struct probe {
    std::vector<std::string> tags;
    std::optional<std::string> label;
    v2::nullable<std::string> note;
    std::optional<std::vector<std::string>> a;
    std::optional<bool> b;
    bool operator==(const probe&) const = default;
};
BOOST_DESCRIBE_STRUCT(probe, (), (tags, label, note, a, b))
}  // namespace osi_schema_probe

template <>
struct openstack::identity::v2::schema<osi_schema_probe::probe> {
    using P = osi_schema_probe::probe;
    static constexpr std::string_view root = "probe";
    static constexpr field_def members[] = {
        field<&P::tags>({.required = true, .max_length = 8}),
        field<&P::label>({.aliases = {"name"}, .required = true}),
        field<&P::note>({.required = true}),
    };
    static constexpr presence_rule rules[] = {at_most_one<&P::a, &P::b>()};
};

BOOST_AUTO_TEST_SUITE(json_schema_test)

namespace {

template <class F>
void for_each_document_type(F f) {
    boost::mp11::mp_for_each<boost::mp11::mp_transform<std::type_identity, v2::document_types>>(f);
}

void collect_refs(const json::value& v, std::vector<std::string>& out) {
    if (v.is_object()) {
        for (const auto& kv : v.get_object()) {
            if (kv.key() == "$ref" && kv.value().is_string()) out.emplace_back(kv.value().get_string());
            else collect_refs(kv.value(), out);
        }
    } else if (v.is_array()) {
        for (const auto& e : v.get_array()) collect_refs(e, out);
    }
}

json::value schema_of(std::string_view text) {
    json::value v = json::parse(text);
    BOOST_TEST_REQUIRE(v.is_object());
    return v;
}

const json::object& def(const json::value& s, std::string_view name) { return s.at("$defs").at(name).as_object(); }

std::set<std::string> strings(const json::value& a) {
    std::set<std::string> out;
    for (const auto& e : a.as_array()) out.emplace(e.as_string());
    return out;
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

// Every member of T and of the types it holds, against T's schema: its keys are properties, its
// limits are there, required single-key members are in "required", and each presence rule and
// each aliased member has its clause.
template <class T>
void check_members(const json::value& s, std::set<std::string>& done) {
    const std::string name(v2::type_name<T>());
    if (!done.insert(name).second) return;
    BOOST_TEST_CONTEXT("$defs." << name) {
        const auto& d = def(s, name);
        BOOST_TEST(d.at("type") == "object");
        BOOST_TEST(d.at("additionalProperties") == true);  // unknown members are ignored by the reader
        const auto& props = d.at("properties").as_object();
        std::set<std::string> required;
        if (d.contains("required")) required = strings(d.at("required"));
        std::size_t clauses = 0;
        v2::for_each_member<T>([&](auto m, const v2::member_meta& meta) {
            using M = std::remove_cvref_t<decltype(std::declval<T&>().*decltype(m)::pointer)>;
            BOOST_TEST(props.contains(meta.json), meta.json);
            for (auto a : meta.aliases)
                if (!a.empty()) BOOST_TEST(props.contains(a), a);
            bool aliased = false;
            for (auto a : meta.aliases) aliased = aliased || !a.empty();
            clauses += aliased + (aliased && meta.required);
            BOOST_TEST(required.count(std::string(meta.json)) == std::size_t(meta.required && !aliased), meta.json);
            if (std::is_same_v<typename v2::detail::unwrap<M>::type, std::string> && meta.max_length &&
                props.contains(meta.json)) {
                const auto& p = props.at(meta.json).as_object();
                BOOST_TEST((p.contains("maxLength") && p.at("maxLength") == meta.max_length), meta.json);
            }
            if constexpr (v2::described<typename inner<M>::type>) check_members<typename inner<M>::type>(s, done);
        });
        if constexpr (requires { v2::schema<T>::rules; }) clauses += std::size(v2::schema<T>::rules);
        BOOST_TEST((d.contains("allOf") ? d.at("allOf").as_array().size() : 0u) == clauses);
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_document_type_has_a_self_contained_draft_2020_12_schema) {
    std::size_t n = 0;
    for_each_document_type([&](auto t) {
        using T = typename decltype(t)::type;
        ++n;
        BOOST_TEST_CONTEXT(v2::type_name<T>()) {
            json::value s = schema_of(v2::json_schema<T>());
            BOOST_TEST(s.at("$schema") == "https://json-schema.org/draft/2020-12/schema");
            BOOST_TEST(s.at("title").as_string() == v2::type_name<T>());
            BOOST_TEST(s.at("$defs").as_object().contains(v2::type_name<T>()));
            std::vector<std::string> refs;
            collect_refs(s, refs);
            BOOST_TEST(!refs.empty());
            for (const auto& r : refs) {
                BOOST_TEST_REQUIRE(r.rfind("#/$defs/", 0) == 0u, r);
                BOOST_TEST(s.at("$defs").as_object().contains(r.substr(8)), r);
            }
            std::set<std::string> done;
            check_members<T>(s, done);
        }
    });
    BOOST_TEST(n == 32u);
}

// But for the roots Keystone's admin API reused (model/admin.hpp), whose types detect_document
// tells apart by their members.
BOOST_AUTO_TEST_CASE(root_keys_name_one_document_type_each) {
    const std::set<std::string> reused{"endpoint", "endpoints", "credentials", "user"};
    std::set<std::string> seen, shared;
    std::size_t keys = 0;
    for_each_document_type([&](auto t) {
        using T = typename decltype(t)::type;
        for (auto k : v2::json_root_keys<T>()) {
            ++keys;
            if (!seen.insert(std::string(k)).second) shared.insert(std::string(k));
        }
    });
    BOOST_TEST((shared == reused));
    // one per type, plus the other spelling of endpointTemplates, plus fault's other kinds and "error";
    // ec2_request and credential_list both take "credentials"
    BOOST_TEST(keys == 32u + 1u + 11u);
}

BOOST_AUTO_TEST_CASE(roots) {
    auto access = schema_of(v2::json_schema<v2::access>());
    BOOST_TEST(strings(access.at("required")) == std::set<std::string>{"access"});
    BOOST_TEST(access.at("properties").at("access").at("$ref") == "#/$defs/access");

    // A list document is its own object: its primary member is a top-level key.
    auto tenants = schema_of(v2::json_schema<v2::tenants>());
    BOOST_TEST(tenants.at("$ref") == "#/$defs/tenants");
    BOOST_TEST(strings(tenants.at("required")) == std::set<std::string>{"tenants"});
    auto templates = schema_of(v2::json_schema<v2::endpoint_templates>());
    BOOST_TEST_REQUIRE(templates.as_object().contains("anyOf"));
    BOOST_TEST(templates.at("anyOf").as_array().size() == 2u);
    BOOST_TEST(templates.at("anyOf").at(1).at("required").at(0) == "OS-KSCATALOG:endpointTemplates");

    // A fault: one named kind (with or without "error"), or "error" alone.
    auto fault = schema_of(v2::json_schema<v2::fault>());
    const auto& props = fault.at("properties").as_object();
    BOOST_TEST(props.size() == 12u);
    for (auto k : v2::all_fault_kinds) BOOST_TEST(props.contains(v2::fault_name(k)), v2::fault_name(k));
    BOOST_TEST(props.contains("error"));
    const auto& any = fault.at("anyOf").as_array();
    BOOST_TEST_REQUIRE(any.size() == 2u);
    BOOST_TEST(any.at(0).at("oneOf").as_array().size() == 11u);
    BOOST_TEST(any.at(1).at("required").at(0) == "error");
    BOOST_TEST(any.at(1).at("not").at("anyOf").as_array().size() == 11u);
}

BOOST_AUTO_TEST_CASE(members) {
    auto s = schema_of(v2::json_schema<v2::access>());
    // Required and not empty, with Keystone's limit.
    const auto& id = def(s, "token").at("properties").at("id").as_object();
    BOOST_TEST(id.at("type") == "string");
    BOOST_TEST(id.at("minLength") == 1);
    BOOST_TEST(id.at("maxLength") == 8192);
    BOOST_TEST(strings(def(s, "token").at("required")) == (std::set<std::string>{"id", "expires"}));
    // Optional members may be null (read as absent); nullable ones too (kept).
    BOOST_TEST(def(s, "user").at("properties").at("name").at("type") == json::parse(R"(["string","null"])"));
    BOOST_TEST(def(s, "tenant").at("properties").at("description").at("type") == json::parse(R"(["string","null"])"));
    BOOST_TEST(def(s, "metadata").at("properties").at("is_admin").at("minimum") ==
               std::numeric_limits<std::int64_t>::min());
    // Timestamps: a pattern the reader's grammar fits in.
    const auto& expires = def(s, "token").at("properties").at("expires").as_object();
    BOOST_TEST(expires.at("type") == "string");
    BOOST_TEST(expires.contains("pattern"));
    // Numbers as text: an integer of either sign, as Boost.JSON reads it.
    const auto& eid = def(s, "endpoint").at("properties").at("id").as_object();
    BOOST_TEST(eid.at("type") == json::parse(R"(["string","integer","null"])"));
    BOOST_TEST(eid.at("maximum") == std::numeric_limits<std::uint64_t>::max());
    // Essex's "serviceCatalog": {}: the list's object form need not hold "values" there.
    const std::string catalog(
        s.at("$defs").at("access").at("properties").at("serviceCatalog").at("anyOf").at(1).at("$ref").as_string());
    BOOST_TEST(catalog == "#/$defs/catalog_entry-list-or-empty-object");
    const auto& forms = def(s, "catalog_entry-list-or-empty-object").at("anyOf").as_array();
    BOOST_TEST(forms.size() == 2u);  // an array or {"values": ...}; "" is choices_links' alone
    BOOST_TEST(!forms.at(1).as_object().contains("required"));
    BOOST_TEST(forms.at(1).at("properties").at("values").at("$ref") == "#/$defs/catalog_entry-list-or-empty-object");
    BOOST_TEST(def(s, "endpoint-list").at("anyOf").at(1).at("required").at(0) == "values");
    const auto c = schema_of(v2::json_schema<v2::choices>());
    const auto& links = def(c, "link-list-or-empty-string").at("anyOf").as_array();
    BOOST_TEST(links.size() == 3u);
    BOOST_TEST(links.at(2).at("const") == "");
}

BOOST_AUTO_TEST_CASE(rules) {
    auto s = schema_of(v2::json_schema<v2::auth>());
    const auto& clauses = def(s, "auth").at("allOf").as_array();
    std::vector<std::string> said;
    for (const auto& c : clauses) said.emplace_back(c.at("description").as_string());
    const std::vector<std::string> expected{"at most one of OS-KSEC2-ec2Credentials, OS-KSEC2:ec2Credentials",
                                            "at most one of tenantName, tenantId",
                                            "exactly one of passwordCredentials, token, OS-KSEC2-ec2Credentials"};
    BOOST_TEST(said == expected, boost::test_tools::per_element());
    // The EC2 credentials count under either spelling.
    const auto& credentials = clauses.at(2).at("oneOf").as_array();
    BOOST_TEST_REQUIRE(credentials.size() == 3u);
    BOOST_TEST(credentials.at(2).at("anyOf").as_array().size() == 2u);
    // "Given" means not null and not empty.
    const auto& tenant_name = clauses.at(1).at("not").at("allOf").at(0).at("properties").at("tenantName").as_object();
    BOOST_TEST(tenant_name.at("type") == "string");
    BOOST_TEST(tenant_name.at("minLength") == 1);

    auto e = schema_of(v2::json_schema<v2::endpoint>());
    BOOST_TEST(def(e, "endpoint").at("allOf").at(0).at("anyOf").as_array().size() == 3u);
}

BOOST_AUTO_TEST_CASE(annotations_no_model_type_has_yet) {
    auto s = schema_of(v2::json_schema<osi_schema_probe::probe>());
    std::set<std::string> done;
    check_members<osi_schema_probe::probe>(s, done);
    const auto& d = def(s, "probe");
    BOOST_TEST(strings(d.at("required")) == (std::set<std::string>{"tags", "note"}));
    // A required list: the list, and not one of its empty forms.
    const auto& tags = d.at("properties").at("tags").at("allOf").as_array();
    BOOST_TEST(tags.at(0).at("$ref") == "#/$defs/string-list-max8");
    BOOST_TEST(tags.at(1).at("not").at("$ref") == "#/$defs/string-list-max8-empty");
    BOOST_TEST(def(s, "string-list-max8-empty").at("anyOf").at(0).at("const") == json::array());
    BOOST_TEST(def(s, "string-list-max8").at("anyOf").at(0).at("items").at("maxLength") == 8);
    // A required nullable: null counts as given, "" does not.
    const auto& note = d.at("properties").at("note").as_object();
    BOOST_TEST(note.at("type") == json::parse(R"(["string","null"])"));
    BOOST_TEST(note.at("minLength") == 1);
    // A required member with an alias: given under either key, not both.
    const auto& rules = d.at("allOf").as_array();
    BOOST_TEST_REQUIRE(rules.size() == 3u);
    BOOST_TEST(rules.at(0).at("description") == "required: label, name");
    BOOST_TEST(rules.at(0).at("allOf").at(0).at("anyOf").as_array().size() == 2u);
    BOOST_TEST(rules.at(0).at("allOf").at(0).at("anyOf").at(1).at("properties").at("name").at("type") == "string");
    BOOST_TEST(rules.at(1).at("description") == "at most one of label, name");
    BOOST_TEST(rules.at(1).at("not").at("required") == json::parse(R"(["label","name"])"));
    // A rule over a list: a list that counts as given is a non-empty one.
    BOOST_TEST(rules.at(2).at("description") == "at most one of a, b");
    BOOST_TEST(
        rules.at(2).at("not").at("allOf").at(0).at("properties").at("a").at("allOf").at(1).at("not").at("$ref") ==
        "#/$defs/string-list-empty");
}

BOOST_AUTO_TEST_SUITE_END()
