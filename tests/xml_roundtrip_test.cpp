#include <boost/test/unit_test.hpp>

#include "documents.hpp"
#include "xml_test_util.hpp"

#include <string_view>

BOOST_AUTO_TEST_SUITE(xml_roundtrip_test)

// JSON -> value -> XML -> value -> JSON over every test document (tests/data/documents), every
// published JSON sample and the seed, in both dialects; and the test documents' stored XML
// against their JSON. What XML cannot carry (docs/xml.md, "What a round trip loses") is removed
// from both sides by `normalize` before comparing; everything else must come back.

namespace v2 = openstack::identity::v2;
using v2::xml_dialect;

namespace {

// keystone: nulls and empty lists. schema: also the empty values written for required
// elements (<description/>, <tenant/>, <user><roles/></user>), and the members the XSD has no
// room for at all (passwordCredentials userId, credentials_links).
void normalize(boost::json::value& v, xml_dialect d) {
    if (v.is_array()) {
        for (auto& e : v.as_array()) normalize(e, d);
        return;
    }
    if (!v.is_object()) return;
    auto& o = v.as_object();
    for (auto it = o.begin(); it != o.end();) {
        normalize(it->value(), d);
        const auto& x = it->value();
        bool drop = x.is_null() || (x.is_array() && x.as_array().empty());
        if (d == xml_dialect::schema)
            drop = drop || (x.is_string() && x.as_string().empty()) || (x.is_object() && x.as_object().empty()) ||
                   it->key() == "userId" || it->key() == "credentials_links";
        it = drop ? o.erase(it) : it + 1;
    }
}

template <class T>
std::vector<std::string> roundtrip(const std::string& json, xml_dialect d, std::string* xml_out = nullptr) {
    T v = v2::from_json<T>(json);
    std::string xml = v2::to_xml(v, {.dialect = d});
    if (xml_out) *xml_out = xml;
    T back = v2::from_xml<T>(xml);
    auto a = boost::json::parse(v2::to_json(v));
    auto b = boost::json::parse(v2::to_json(back));
    normalize(a, d);
    normalize(b, d);
    std::vector<std::string> out;
    xt::diff(b, a, "", out);
    return out;
}

// The round trip of a JSON text, as the document's type.
std::vector<std::string> roundtrip_as(const osi_test::document& d, const std::string& json, xml_dialect x,
                                      std::string* xml_out) {
    return osi_test::visit_type(d, [&](auto t) { return roundtrip<typename decltype(t)::type>(json, x, xml_out); });
}

void check_roundtrip(const osi_test::document& d, const std::string& json) {
    for (auto x : {xml_dialect::keystone, xml_dialect::schema}) {
        BOOST_TEST_CONTEXT(d.stem << (x == xml_dialect::schema ? " (schema)" : " (keystone)")) {
            std::vector<std::string> got;
            std::string xml;
            BOOST_REQUIRE_NO_THROW(got = roundtrip_as(d, json, x, &xml));
            BOOST_TEST(got.empty(), "differences: " << got.size() << (got.empty() ? "" : " first " + got[0]) << "\n"
                                                    << xml);
        }
    }
}

// What XML gives back of a kept unknown member (docs/xml.md, "Unknown members"): text for every
// scalar, and one element for a list of one item. Applied in `kept` (a document read keeping
// unknown members) where `plain` (the same document read ignoring them) does not have the member.
void as_xml_carries(boost::json::value& v) {
    if (v.is_array() && v.as_array().size() == 1) v = boost::json::value(v.as_array()[0]);
    if (v.is_array()) {
        for (auto& e : v.as_array()) as_xml_carries(e);
    } else if (v.is_object()) {
        for (auto& m : v.as_object()) as_xml_carries(m.value());
    } else if (v.is_number() || v.is_bool()) {
        v = boost::json::serialize(v);
    }
}

void kept_as_xml_carries(boost::json::value& kept, const boost::json::value& plain) {
    if (kept.is_object() && plain.is_object()) {
        for (auto& m : kept.as_object()) {
            if (const auto* p = plain.as_object().if_contains(m.key())) kept_as_xml_carries(m.value(), *p);
            else as_xml_carries(m.value());
        }
    } else if (kept.is_array() && plain.is_array() && kept.as_array().size() == plain.as_array().size()) {
        auto& k = kept.as_array();
        for (std::size_t i = 0; i < k.size(); ++i) kept_as_xml_carries(k[i], plain.as_array()[i]);
    }
}

// The value read from an XML document, written as JSON, against the value read from a JSON
// document, with unknown members kept in both; the paths where they differ after `normalize`
// and `kept_as_xml_carries`.
template <class T>
std::vector<std::string> xml_against_json(const std::string& xml, const std::string& json, xml_dialect d) {
    v2::read_options keep;
    keep.unknown = v2::unknown_policy::keep;
    auto a = boost::json::parse(v2::to_json(v2::from_json<T>(json, keep)));
    kept_as_xml_carries(a, boost::json::parse(v2::to_json(v2::from_json<T>(json))));
    auto b = boost::json::parse(v2::to_json(v2::from_xml<T>(xml, keep)));
    normalize(a, d);
    normalize(b, d);
    std::vector<std::string> out;
    xt::diff(b, a, "", out);
    return out;
}

}  // namespace

// tests/data/documents: JSON -> value -> XML -> value -> JSON, in both dialects.
BOOST_AUTO_TEST_CASE(every_document_survives_both_dialects) {
    for (const auto& d : osi_test::documents) check_roundtrip(d, osi_test::document_json(d));
}

// tests/data/documents: <stem>.keystone.xml and <stem>.schema.xml read to the value <stem>.json
// reads to, up to what the dialect cannot carry. The XML was written from that value: this is
// the reader on text the writer wrote earlier, not only on text it writes now.
BOOST_AUTO_TEST_CASE(every_document_xml_reads_to_its_json_value) {
    for (const auto& d : osi_test::documents) {
        for (auto x : {xml_dialect::keystone, xml_dialect::schema}) {
            BOOST_TEST_CONTEXT(d.stem << osi_test::dialect_suffix(x)) {
                std::vector<std::string> got;
                BOOST_REQUIRE_NO_THROW(got = osi_test::visit_type(d, [&](auto t) {
                                           return xml_against_json<typename decltype(t)::type>(
                                               osi_test::document_xml(d, x), osi_test::document_json(d), x);
                                       }));
                BOOST_TEST(got.empty(), "differences: " << got.size() << (got.empty() ? "" : " first " + got[0]));
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE(published, OSI_PUBLISHED)
// The published JSON samples themselves.
BOOST_AUTO_TEST_CASE(every_json_sample_survives_both_dialects) {
    const auto samples = osi_test::documents_from(osi_test::origin::json_sample);
    BOOST_TEST(samples.size() == 46u);
    for (const auto& d : samples) check_roundtrip(d, osi_test::read_file(osi_test::published_path(d, ".json")));
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(seed_survives_both_dialects) {
    for (const auto& d : osi_test::seed_documents) check_roundtrip(d, xt::data(std::string(d.stem) + ".json"));
    // Keystone dialect: the only loss on the seed is the null description.
    auto v = v2::from_json<v2::access>(xt::data("seed_access.json"));
    auto back = v2::from_xml<v2::access>(v2::to_xml(v));
    BOOST_TEST((back != v));
    v.token.tenant->description.reset();
    BOOST_TEST((back == v));
    // Schema dialect keeps Keystone's extras in the foreign namespace: nothing but the null is lost.
    auto sback = v2::from_xml<v2::access>(v2::to_xml(v, {.dialect = xml_dialect::schema}));
    BOOST_TEST((sback == v));
}

BOOST_AUTO_TEST_CASE(documented_losses_are_real) {
    // passwordCredentials.userId has no place in the schema dialect.
    auto p = v2::from_json<v2::password_credentials>(
        R"({"passwordCredentials":{"username":"u","userId":"i","password":"p"}})");
    auto k = v2::from_xml<v2::password_credentials>(v2::to_xml(p));
    BOOST_TEST(k.user_id.value() == "i");
    auto s = v2::from_xml<v2::password_credentials>(v2::to_xml(p, {.dialect = xml_dialect::schema}));
    BOOST_TEST(!s.user_id.has_value());
    // An absent tenant description becomes <description/> (required by the XSD): "" on reading.
    auto t = v2::from_json<v2::tenant>(R"({"tenant":{"name":"n"}})");
    BOOST_TEST(v2::from_xml<v2::tenant>(v2::to_xml(t, {.dialect = xml_dialect::schema})).description.value() == "");
    BOOST_TEST(v2::from_xml<v2::tenant>(v2::to_xml(t)).description.is_absent());
}

namespace {
const char* const tenant_with_extras =
    R"(<tenant xmlns="http://docs.openstack.org/identity/api/v2.0" id="1" name="n" domain_id="default">)"
    R"(<description>d</description><bind kerberos="k"/></tenant>)";
}  // namespace

BOOST_AUTO_TEST_CASE(kept_unknown_members_are_written_back) {
    v2::read_options keep;
    keep.unknown = v2::unknown_policy::keep;
    const std::string doc = tenant_with_extras;
    auto t = v2::from_xml<v2::tenant>(doc, keep);
    BOOST_TEST(t.extra.members.size() == 2u);
    for (auto d : {xml_dialect::keystone, xml_dialect::schema}) {
        auto back = v2::from_xml<v2::tenant>(v2::to_xml(t, {.dialect = d}), keep);
        BOOST_TEST((back == t));
    }
    BOOST_TEST(xt::canon(v2::to_xml(t)) == xt::canon(doc));
}

BOOST_AUTO_TEST_SUITE(published, OSI_PUBLISHED)
BOOST_AUTO_TEST_CASE(kept_unknown_members_in_the_schema_dialect_validate) {
    v2::read_options keep;
    keep.unknown = v2::unknown_policy::keep;
    const std::string doc = tenant_with_extras;
    auto t = v2::from_xml<v2::tenant>(doc, keep);
    BOOST_TEST_REQUIRE(t.extra.members.size() == 2u);
    // Schema dialect: the extras go to the foreign namespace, which the XSD allows.
    BOOST_TEST(xt::xmllint(v2::to_xml(t, {.dialect = xml_dialect::schema}), "api.xsd") == 0);
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()
