#include <boost/test/unit_test.hpp>

// A user's own document type, declared outside the library's namespace as a user would: its own
// XML namespace, an enumeration, a floating-point member, and a leaf type of the user's own
// (value_traits). It must go through JSON and XML both ways, in both XML dialects, validate, and
// have a JSON Schema: what docs/extending.md shows.

#include <openstack/identity/v2.hpp>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vendor {

enum class tier { bronze, silver, gold };
BOOST_DESCRIBE_ENUM(tier, bronze, silver, gold)

// Cents, written as a JSON integer and as XML text.
struct money {
    std::int64_t cents = 0;
    bool operator==(const money&) const = default;
};

// A region code travels as a string: two upper-case letters.
struct region {
    char code[2] = {'X', 'X'};
    bool operator==(const region&) const = default;
};

struct quota {
    std::string name;
    tier level = tier::bronze;
    double ratio = 0;
    money price;
    region home;
    std::optional<std::vector<tier>> history;
    bool operator==(const quota&) const = default;
};
BOOST_DESCRIBE_STRUCT(quota, (), (name, level, ratio, price, home, history))

// No root: a fragment, read and written as its bare object (JSON) or an element named after
// the type (XML).
struct limit {
    std::string resource;
    std::int64_t most = 0;
    std::optional<tier> level;
    bool operator==(const limit&) const = default;
};
BOOST_DESCRIBE_STRUCT(limit, (), (resource, most, level))

}  // namespace vendor

namespace openstack::identity::v2 {

template <>
struct value_traits<vendor::money> {
    static constexpr std::string_view name = "money";
    using wire = std::int64_t;
    static const char* parse(std::int64_t x, vendor::money& out) {
        if (x < 0) return "money must not be negative";
        out.cents = x;
        return nullptr;
    }
    static std::int64_t format(const vendor::money& m) { return m.cents; }
};

template <>
struct value_traits<vendor::region> {
    static constexpr std::string_view name = "region";
    static constexpr std::string_view description = "two upper-case letters";
    static constexpr std::string_view pattern = "^[A-Z]{2}$";
    static constexpr std::string_view example = "FR";
    static const char* parse(std::string_view text, vendor::region& out) {
        if (text.size() != 2 || text[0] < 'A' || text[0] > 'Z' || text[1] < 'A' || text[1] > 'Z')
            return "expected two upper-case letters";
        out.code[0] = text[0];
        out.code[1] = text[1];
        return nullptr;
    }
    static void format(const vendor::region& r, std::string& out) { out.append(r.code, 2); }
};

template <>
struct schema<vendor::quota> {
    static constexpr std::string_view root = "quota";
    static constexpr std::string_view xml_ns = "urn:example:vendor:quota:v1";
    static constexpr field_def members[] = {
        field<&vendor::quota::name>({.required = true, .max_length = 16}),
        field<&vendor::quota::price>({.required = true}),
        field<&vendor::quota::history>({.xml = {.name = "tier"}}),
    };
};

}  // namespace openstack::identity::v2

BOOST_AUTO_TEST_SUITE(user_types_test)

namespace v2 = openstack::identity::v2;

namespace {

vendor::quota sample() {
    return {.name = "gold-plan",
            .level = vendor::tier::gold,
            .ratio = 0.1,
            .price = {1234},
            .home = {{'F', 'R'}},
            .history = std::vector{vendor::tier::bronze, vendor::tier::silver}};
}

}  // namespace

static_assert(v2::category_of<vendor::tier> == v2::category::enumeration);
static_assert(v2::category_of<double> == v2::category::number);
static_assert(v2::category_of<vendor::money> == v2::category::custom);
static_assert(v2::wire_of<vendor::money> == v2::category::integer);
static_assert(v2::wire_of<vendor::region> == v2::category::string);

BOOST_AUTO_TEST_CASE(json_both_ways) {
    const std::string j = v2::to_json(sample());
    BOOST_TEST(j == R"({"quota":{"name":"gold-plan","level":"gold","ratio":0.1,"price":1234,"home":"FR",)"
                    R"("history":["bronze","silver"]}})");
    BOOST_TEST((v2::from_json<vendor::quota>(j) == sample()));
    // A number in any JSON spelling reads as the nearest double.
    auto q = v2::from_json<vendor::quota>(R"({"quota":{"name":"n","level":"bronze","ratio":1E-1,"price":0}})");
    BOOST_TEST(q.ratio == 0.1);
    q = v2::from_json<vendor::quota>(R"({"quota":{"name":"n","level":"bronze","ratio":3,"price":0}})");
    BOOST_TEST(q.ratio == 3.0);
}

BOOST_AUTO_TEST_CASE(xml_both_ways_in_both_dialects) {
    for (auto d : {v2::xml_dialect::keystone, v2::xml_dialect::schema}) {
        const std::string x = v2::to_xml(sample(), {.dialect = d});
        BOOST_TEST(x.find(R"(<quota xmlns="urn:example:vendor:quota:v1")") != std::string::npos, x);
        BOOST_TEST(x.find(R"(level="gold" ratio="0.1" price="1234" home="FR")") != std::string::npos, x);
        auto back = v2::try_from_xml<vendor::quota>(x);
        BOOST_TEST_REQUIRE(back.has_value(), x << ": " << back.error().what());
        BOOST_TEST((*back == sample()));
    }
    // A root in another namespace is still not this type.
    auto wrong = v2::try_from_xml<vendor::quota>(R"(<quota xmlns="urn:other" name="n" price="1"/>)");
    BOOST_TEST_REQUIRE(!wrong.has_value());
    BOOST_TEST((wrong.error().code == v2::errc::wrong_root));
}

BOOST_AUTO_TEST_CASE(bad_values_name_their_path) {
    struct bad {
        std::string json, path, message;
    };
    const bad cases[] = {
        {R"({"quota":{"name":"n","level":"platinum","price":1}})", "quota.level",
         "expected one of bronze, silver, gold"},
        {R"({"quota":{"name":"n","level":1,"price":1}})", "quota.level", ""},
        {R"({"quota":{"name":"n","price":-5}})", "quota.price", "money must not be negative"},
        {R"({"quota":{"name":"n","price":"5"}})", "quota.price", ""},
        {R"({"quota":{"name":"n","price":1,"home":"fr"}})", "quota.home", "expected two upper-case letters"},
        {R"({"quota":{"name":"n","price":1,"ratio":"0.5"}})", "quota.ratio", ""},
        {R"({"quota":{"name":"n","price":1,"ratio":1e999}})", "quota.ratio", "number out of range"},
        {R"({"quota":{"name":"n"}})", "quota.price", "required member is missing"},
    };
    for (const auto& c : cases) {
        auto r = v2::try_from_json<vendor::quota>(c.json);
        BOOST_TEST_REQUIRE(!r.has_value(), c.json);
        BOOST_TEST(r.error().path == c.path, c.json);
        if (!c.message.empty()) BOOST_TEST(r.error().message == c.message, c.json);
    }
    auto x = v2::try_from_xml<vendor::quota>(
        R"(<quota xmlns="urn:example:vendor:quota:v1" name="n" level="platinum" price="1"/>)");
    BOOST_TEST_REQUIRE(!x.has_value());
    BOOST_TEST(x.error().path == "quota.level");
    BOOST_TEST(x.error().message == "expected one of bronze, silver, gold");
    x = v2::try_from_xml<vendor::quota>(R"(<quota xmlns="urn:example:vendor:quota:v1" name="n" price="x"/>)");
    BOOST_TEST_REQUIRE(!x.has_value());
    BOOST_TEST(x.error().path == "quota.price");
}

BOOST_AUTO_TEST_CASE(validation) {
    auto q = sample();
    BOOST_TEST(!v2::validate(q, "quota").has_value());
    q.name = std::string(17, 'n');
    BOOST_TEST(v2::validate(q, "quota")->path == "quota.name");
    q = sample();
    q.ratio = std::nan("");
    BOOST_TEST(v2::validate(q, "quota")->message == "not a finite number");
    q = sample();
    q.level = static_cast<vendor::tier>(7);
    BOOST_TEST(v2::validate(q, "quota")->message == "expected one of bronze, silver, gold");
    // A write that validates refuses what cannot be read back.
    BOOST_TEST(!v2::try_to_json(q, {.validate = true}).has_value());
}

BOOST_AUTO_TEST_CASE(json_schema) {
    const std::string s = v2::json_schema<vendor::quota>();
    BOOST_TEST(s.find(R"("level":{"type":"string","enum":["bronze","silver","gold"]})") != std::string::npos, s);
    BOOST_TEST(s.find(R"("ratio":{"type":"number"})") != std::string::npos, s);
    BOOST_TEST(s.find(R"("price":{"type":"integer"})") != std::string::npos, s);
    BOOST_TEST(s.find(R"("home":{"type":"string","description":"two upper-case letters","pattern":"^[A-Z]{2}$")") !=
                   std::string::npos,
               s);
    BOOST_TEST(s.find(R"("required":["name","price"])") != std::string::npos, s);
}

BOOST_AUTO_TEST_CASE(fragments_without_a_root) {
    const vendor::limit l{.resource = "cpu", .most = 8, .level = vendor::tier::silver};
    const std::string j = v2::to_json(l);
    BOOST_TEST(j == R"({"resource":"cpu","most":8,"level":"silver"})");
    BOOST_TEST((v2::from_json<vendor::limit>(j) == l));
    const std::string x = v2::to_xml(l, {.declaration = false});
    BOOST_TEST(x == R"(<limit resource="cpu" most="8" level="silver"/>)");
    BOOST_TEST((v2::from_xml<vendor::limit>(x) == l));
    // Errors name the path from the fragment's own members.
    auto r = v2::try_from_json<vendor::limit>(R"({"resource":"cpu","most":"8"})");
    BOOST_TEST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().path == "most");
    BOOST_TEST((r.error().code == v2::errc::wrong_type));
    r = v2::try_from_json<vendor::limit>("[1]");
    BOOST_TEST_REQUIRE(!r.has_value());
    BOOST_TEST((r.error().code == v2::errc::wrong_root));
    auto rx = v2::try_from_xml<vendor::limit>(R"(<other resource="cpu"/>)");
    BOOST_TEST_REQUIRE(!rx.has_value());
    BOOST_TEST((rx.error().code == v2::errc::wrong_root));
    // A library type as a fragment: an endpoint without {"endpoint": ...} is a document type, so
    // it keeps its root; a catalog entry has none.
    v2::catalog_entry e;
    e.type = "compute";
    e.endpoints.push_back({});
    e.endpoints[0].public_url = "http://nova";
    const std::string ej = v2::to_json(e);
    BOOST_TEST(ej.find(R"({"type":"compute")") == 0u, ej);
    BOOST_TEST((v2::from_json<v2::catalog_entry>(ej) == e));
    auto bad = v2::try_from_json<v2::catalog_entry>(R"({"endpoints":[{}]})");
    BOOST_TEST_REQUIRE(!bad.has_value());
    BOOST_TEST(bad.error().path == "type");
}

BOOST_AUTO_TEST_SUITE_END()
