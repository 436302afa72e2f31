#define BOOST_TEST_MODULE xml_roundtrip
#include <boost/test/unit_test.hpp>

#include "xml_test_util.hpp"

// JSON -> value -> XML -> value -> JSON over every JSON sample with an XML twin (and the seed),
// in both dialects. What XML cannot carry (docs/xml.md, "What a round trip loses") is removed
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

struct sample {
    const char* file;
    std::vector<std::string> (*run)(const std::string&, xml_dialect, std::string*);
};

const std::vector<sample> samples = {
    {"OS-KSADM/samples/credentials.json", &roundtrip<v2::credentials>},
    {"OS-KSADM/samples/passwordcredentials.json", &roundtrip<v2::password_credentials>},
    {"OS-KSADM/samples/role.json", &roundtrip<v2::role>},
    {"OS-KSADM/samples/roles.json", &roundtrip<v2::roles>},
    {"OS-KSADM/samples/service.json", &roundtrip<v2::service>},
    {"OS-KSADM/samples/services.json", &roundtrip<v2::services>},
    {"OS-KSADM/samples/tenant.json", &roundtrip<v2::tenant>},
    {"OS-KSADM/samples/tenantwithoutid.json", &roundtrip<v2::tenant>},
    {"OS-KSADM/samples/user.json", &roundtrip<v2::user>},
    {"OS-KSADM/samples/users.json", &roundtrip<v2::users>},
    {"OS-KSADM/samples/userwithenabledonly.json", &roundtrip<v2::user>},
    {"OS-KSADM/samples/userwithoutid.json", &roundtrip<v2::user>},
    {"OS-KSCATALOG/samples/endpoint.json", &roundtrip<v2::endpoint>},
    {"OS-KSCATALOG/samples/endpointTemplate.json", &roundtrip<v2::endpoint_template>},
    {"OS-KSCATALOG/samples/endpointTemplateWithOnlyId.json", &roundtrip<v2::endpoint_template>},
    {"OS-KSCATALOG/samples/endpointTemplates.json", &roundtrip<v2::endpoint_templates>},
    {"OS-KSCATALOG/samples/endpoints.json", &roundtrip<v2::endpoints>},
    {"OS-KSEC2/samples/auth_credentials-OS-KSEC2.json", &roundtrip<v2::auth>},
    {"OS-KSEC2/samples/credentialswithec2.json", &roundtrip<v2::credentials>},
    {"OS-KSEC2/samples/ec2Credentials.json", &roundtrip<v2::ec2_credentials>},
    {"OS-KSS3/samples/credentialswiths3.json", &roundtrip<v2::credentials>},
    {"OS-KSS3/samples/s3Credentials.json", &roundtrip<v2::s3_credentials>},
    {"OS-KSVALIDATE/samples/endpoints.json", &roundtrip<v2::endpoints>},
    {"OS-KSVALIDATE/samples/validatetoken.json", &roundtrip<v2::access>},
    {"samples/auth.json", &roundtrip<v2::access>},
    {"samples/auth_credentials.json", &roundtrip<v2::auth>},
    {"samples/auth_with_token.json", &roundtrip<v2::auth>},
    {"samples/choices.json", &roundtrip<v2::choices>},
    {"samples/endpoints.json", &roundtrip<v2::endpoints>},
    {"samples/ext-getuser.json", &roundtrip<v2::user>},
    {"samples/extension.json", &roundtrip<v2::extension>},
    {"samples/extensions.json", &roundtrip<v2::extensions>},
    {"samples/getuser-1.json", &roundtrip<v2::user>},
    {"samples/identity_fault.json", &roundtrip<v2::fault>},
    {"samples/item_not_found.json", &roundtrip<v2::fault>},
    {"samples/roles.json", &roundtrip<v2::roles>},
    {"samples/tenant.json", &roundtrip<v2::tenant>},
    {"samples/tenants-1.json", &roundtrip<v2::tenants>},
    {"samples/tenants-2.json", &roundtrip<v2::tenants>},
    {"samples/tenants-3.json", &roundtrip<v2::tenants>},
    {"samples/tenants.json", &roundtrip<v2::tenants>},
    {"samples/user.json", &roundtrip<v2::user>},
    {"samples/validatetoken.json", &roundtrip<v2::access>},
    {"samples/version.json", &roundtrip<v2::version>},
    {"samples/versions.json", &roundtrip<v2::versions>},
    {"OS-KSADM/samples/create_user_request.json", &roundtrip<v2::user>},
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_json_sample_survives_both_dialects) {
    BOOST_TEST(samples.size() == 46u);
    for (const auto& s : samples) {
        for (auto d : {xml_dialect::keystone, xml_dialect::schema}) {
            BOOST_TEST_CONTEXT(s.file << (d == xml_dialect::schema ? " (schema)" : " (keystone)")) {
                std::vector<std::string> got;
                std::string xml;
                BOOST_REQUIRE_NO_THROW(got = s.run(xt::spec(s.file), d, &xml));
                BOOST_TEST(got.empty(), "differences: " << got.size() << (got.empty() ? "" : " first " + got[0]) << "\n" << xml);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(seed_survives_both_dialects) {
    for (auto d : {xml_dialect::keystone, xml_dialect::schema}) {
        BOOST_TEST(roundtrip<v2::access>(xt::data("seed_access.json"), d).empty());
        BOOST_TEST(roundtrip<v2::auth>(xt::data("seed_auth_password.json"), d).empty());
        BOOST_TEST(roundtrip<v2::auth>(xt::data("seed_auth_token.json"), d).empty());
    }
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
    auto p = v2::from_json<v2::password_credentials>(R"({"passwordCredentials":{"username":"u","userId":"i","password":"p"}})");
    auto k = v2::from_xml<v2::password_credentials>(v2::to_xml(p));
    BOOST_TEST(k.user_id.value() == "i");
    auto s = v2::from_xml<v2::password_credentials>(v2::to_xml(p, {.dialect = xml_dialect::schema}));
    BOOST_TEST(!s.user_id.has_value());
    // An absent tenant description becomes <description/> (required by the XSD): "" on reading.
    auto t = v2::from_json<v2::tenant>(R"({"tenant":{"name":"n"}})");
    BOOST_TEST(v2::from_xml<v2::tenant>(v2::to_xml(t, {.dialect = xml_dialect::schema})).description.value() == "");
    BOOST_TEST(v2::from_xml<v2::tenant>(v2::to_xml(t)).description.is_absent());
}

BOOST_AUTO_TEST_CASE(kept_unknown_members_are_written_back) {
    v2::read_options keep;
    keep.unknown = v2::unknown_policy::keep;
    std::string doc = R"(<tenant xmlns="http://docs.openstack.org/identity/api/v2.0" id="1" name="n" domain_id="default">)"
                      R"(<description>d</description><bind kerberos="k"/></tenant>)";
    auto t = v2::from_xml<v2::tenant>(doc, keep);
    BOOST_TEST(t.extra.members.size() == 2u);
    for (auto d : {xml_dialect::keystone, xml_dialect::schema}) {
        auto back = v2::from_xml<v2::tenant>(v2::to_xml(t, {.dialect = d}), keep);
        BOOST_TEST((back == t));
    }
    BOOST_TEST(xt::canon(v2::to_xml(t)) == xt::canon(doc));
    // Schema dialect: the extras go to the foreign namespace, which the XSD allows.
    BOOST_TEST(xt::xmllint(v2::to_xml(t, {.dialect = xml_dialect::schema}), "api.xsd") == 0);
}
