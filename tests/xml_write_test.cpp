#include <boost/test/unit_test.hpp>

#include "xml_test_util.hpp"

BOOST_AUTO_TEST_SUITE(xml_write_test)

namespace v2 = openstack::identity::v2;
using v2::xml_dialect;

namespace {
const v2::xml_options schema_dialect{.dialect = xml_dialect::schema};
}

// ---- keystone dialect -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(seed_xml_written_back_in_keystone_dialect_is_canonically_equal) {
    auto seed = xt::data("seed_access.xml");
    auto x = v2::from_xml<v2::access>(seed);
    auto out = v2::to_xml(x);
    BOOST_TEST(xt::canon(out) == xt::canon(seed));
    BOOST_TEST(out.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<access xmlns=\"http://docs.openstack.org/identity/api/v2.0\">"));
}

BOOST_AUTO_TEST_CASE(seed_json_written_in_keystone_dialect_is_the_seed_xml) {
    auto j = v2::from_json<v2::access>(xt::data("seed_access.json"));
    auto seed = xt::data("seed_access.xml");
    // The seed's XML capture is a later request: only the token times differ.
    BOOST_TEST(xt::canon(v2::to_xml(j)) != xt::canon(seed));
    auto x = v2::from_xml<v2::access>(seed);
    j.token.issued_at = x.token.issued_at;
    j.token.expires = x.token.expires;
    BOOST_TEST(xt::canon(v2::to_xml(j)) == xt::canon(seed));
}

BOOST_AUTO_TEST_CASE(keystone_dialect_shapes) {
    auto j = v2::from_json<v2::access>(xt::data("seed_access.json"));
    auto out = v2::to_xml(j);
    BOOST_TEST(out.find("<user id=\"9a6590b2ab024747bc2167c4e064d00d\" name=\"demo\" "
                        "username=\"demo\"><roles_links/><role name=\"Member\"/>") != std::string::npos);
    BOOST_TEST(out.find("<metadata is_admin=\"0\"><roles><role>7598ac3c634d4c3da4b9126a5f67ca2b</role>") !=
               std::string::npos);
    BOOST_TEST(out.find("description") == std::string::npos);  // null dropped
    v2::tenant t;
    t.id = "1";
    t.description = "a <b> & \"c\"";
    auto tx = v2::to_xml(t);
    BOOST_TEST(tx.find("<description>a &lt;b&gt; &amp; \"c\"</description>") != std::string::npos);
    BOOST_TEST(v2::from_xml<v2::tenant>(tx).description.value() == "a <b> & \"c\"");
    // Keystone's fault: <error code title message/>.
    auto f = v2::make_fault(v2::fault_kind::item_not_found, "Could not find token");
    BOOST_TEST(
        xt::canon(v2::to_xml(f)) ==
        xt::canon(
            R"(<error xmlns="http://docs.openstack.org/identity/api/v2.0" code="404" message="Could not find token" title="Not Found"/>)"));
}

BOOST_AUTO_TEST_CASE(escaping_of_attributes_and_control_characters) {
    v2::role r;
    r.name = "a\"b<c>&d\te\nf\rg";
    r.id = std::string("x\x01y");
    auto out = v2::to_xml(r);
    BOOST_TEST(out.find("name=\"a&quot;b&lt;c&gt;&amp;d&#9;e&#10;f&#13;g\"") != std::string::npos);
    auto back = v2::from_xml<v2::role>(out);
    BOOST_TEST(back.name.value() == "a\"b<c>&d\te\nf\rg");
    BOOST_TEST(back.id.value() == "x\xEF\xBF\xBDy");  // C0 controls cannot be carried by XML 1.0
}

// ---- schema dialect: every document type validates ------------------------------------------

namespace {

struct schema_case {
    const char* name;
    std::string (*write)(const char* json);
    const char* json;
    const char* xsd;
};

template <class T>
std::string write_schema(const char* json) {
    return v2::to_xml(v2::from_json<T>(json), schema_dialect);
}

// Populated values: every member set, including those the XSD cannot carry (they go to the
// foreign namespace or are dropped, docs/xml.md).
const std::vector<schema_case> cases = {
    {"access", &write_schema<v2::access>, R"({"access":{
        "token":{"id":"tok","issued_at":"2014-01-30T15:30:58.819584","expires":"2014-01-31T15:30:58Z",
                 "tenant":{"id":"t1","name":"demo","description":null,"enabled":true},"audit_ids":["a1","a2"]},
        "serviceCatalog":[{"type":"compute","name":"nova","endpoints_links":[],
            "endpoints":[{"id":"e1","region":"RegionOne","publicURL":"http://h:8774/v2/t1","internalURL":"http://i:8774/v2/t1",
                          "adminURL":"http://a:8774/v2/t1","tenantId":"t1","versionId":"2","versionInfo":"http://h:8774/v2/",
                          "versionList":"http://h:8774/"}]}],
        "user":{"id":"u1","name":"demo","username":"demo","roles":[{"id":"r1","name":"Member","description":"d",
                 "serviceId":"s1","tenantId":"t1"}],"roles_links":[]},
        "metadata":{"is_admin":0,"roles":["r1"]}}})",
     "api.xsd"},
    {"access (unscoped, minimal)", &write_schema<v2::access>,
     R"({"access":{"token":{"id":"tok","expires":"2014-01-31T15:30:58Z"},"serviceCatalog":[]}})", "api.xsd"},
    {"auth password", &write_schema<v2::auth>,
     R"({"auth":{"tenantName":"demo","passwordCredentials":{"username":"demo","password":"secret"}}})", "api.xsd"},
    {"auth token", &write_schema<v2::auth>, R"({"auth":{"tenantId":"t1","token":{"id":"tok"}}})", "api.xsd"},
    {"auth ec2", &write_schema<v2::auth>,
     R"({"auth":{"tenantId":"t1","OS-KSEC2-ec2Credentials":{"username":"u","key":"k","secret":"s","signature":"sig"}}})",
     "OS-KSEC2-credentials.xsd"},
    {"tenant", &write_schema<v2::tenant>, R"({"tenant":{"id":"1","name":"acme","description":"d","enabled":true}})",
     "api.xsd"},
    {"tenant (null description)", &write_schema<v2::tenant>, R"({"tenant":{"name":"acme","description":null}})",
     "OS-KSADM.xsd"},
    {"tenants", &write_schema<v2::tenants>,
     R"({"tenants":[{"id":"1","name":"a","description":"x","enabled":false},{"id":"2","name":"b"}],
         "tenants_links":[{"rel":"next","href":"http://h/v2.0/tenants?marker=2"}]})",
     "api.xsd"},
    {"user", &write_schema<v2::user>,
     R"({"user":{"id":"u1","name":"n","username":"jq","email":"e@x","enabled":true,"tenantId":"t1",
         "OS-KSADM:password":"pw","roles":[{"name":"Member"}],"roles_links":[]}})",
     "api.xsd"},
    {"users", &write_schema<v2::users>,
     R"({"users":[{"id":"u1","username":"a","enabled":true}],"users_links":[{"rel":"next","href":"http://h/u"}]})",
     "api.xsd"},
    {"role", &write_schema<v2::role>,
     R"({"role":{"id":"1","name":"admin","description":"All","serviceId":"s","tenantId":"t"}})", "api.xsd"},
    {"roles", &write_schema<v2::roles>,
     R"({"roles":[{"id":"1","name":"admin","description":"All"}],"roles_links":[{"rel":"next","href":"http://h/r"}]})",
     "api.xsd"},
    {"endpoint", &write_schema<v2::endpoint>,
     R"({"endpoint":{"id":1,"name":"Compute","type":"compute","region":"North","publicURL":"http://p/v1",
         "internalURL":"http://i/v1","adminURL":"http://a/v1","tenantId":1,"versionId":"1","versionInfo":"http://p/v1/",
         "versionList":"http://p/"}})",
     "api.xsd"},
    {"endpoints", &write_schema<v2::endpoints>,
     R"({"endpoints":[{"id":"1","type":"compute","publicURL":"http://p/v1"},{"id":"2","type":"OS-DNS:DNS","publicURL":"http://d"}],
         "endpoints_links":[{"rel":"next","href":"http://h/e"}]})",
     "api.xsd"},
    {"endpoint template", &write_schema<v2::endpoint_template>,
     R"({"OS-KSCATALOG:endpointTemplate":{"id":1,"region":"North","global":true,"type":"compute","publicURL":"http://p/v1",
         "internalURL":"http://i/v1","adminURL":"http://a/v1","versionId":"1","versionInfo":"http://p/v1/",
         "versionList":"http://p/","enabled":true}})",
     "OS-KSCATALOG.xsd"},
    {"endpoint templates", &write_schema<v2::endpoint_templates>,
     R"({"OS-KSCATALOG:endpointsTemplates":[{"id":1,"type":"compute","publicURL":"http://p/v1"},{"id":2}],
         "OS-KSCATALOG:endpointsTemplates_links":[{"rel":"next","href":"http://h/t"}]})",
     "OS-KSCATALOG.xsd"},
    {"extension", &write_schema<v2::extension>,
     R"({"extension":{"name":"Admin","namespace":"http://docs.openstack.org/identity/api/ext/OS-KSADM/v1.0","alias":"OS-KSADM",
         "updated":"2013-07-11T17:14:00-00:00","description":"d",
         "links":[{"rel":"describedby","type":"text/html","href":"https://github.com/openstack/identity-api"}]}})",
     "api-common.xsd"},
    {"extensions", &write_schema<v2::extensions>,
     R"({"extensions":{"values":[{"name":"A","namespace":"http://x/a","alias":"X-A","description":"d"},
                                  {"name":"B","namespace":"http://x/b","alias":"X-B"}]},
         "extensions_links":[{"rel":"next","href":"http://h/x"}]})",
     "api-common.xsd"},
    {"version", &write_schema<v2::version>,
     R"({"version":{"id":"v2.0","status":"CURRENT","updated":"2014-04-17T00:00:00Z",
         "links":[{"rel":"self","href":"http://h:5000/v2.0/"},{"rel":"describedby","type":"text/html","href":"http://docs.openstack.org/"}],
         "media-types":[{"base":"application/json","type":"application/vnd.openstack.identity-v2.0+json"}]}})",
     "api-common.xsd"},
    {"versions", &write_schema<v2::versions>,
     R"({"versions":{"values":[{"id":"v2.0","status":"CURRENT","links":[{"rel":"self","href":"http://h/v2.0/"}],
         "media-types":[]}, {"id":"v1.0","status":"DEPRECATED"}]},"versions_links":[{"rel":"next","href":"http://h/"}]})",
     "api-common.xsd"},
    {"choices", &write_schema<v2::choices>,
     R"({"choices":[{"id":"v2.0","status":"BETA","media-types":{"values":[{"base":"application/xml","type":"application/x"}]}}],
         "choices_links":[]})",
     "api-common.xsd"},
    {"fault itemNotFound (Keystone error)", &write_schema<v2::fault>,
     R"({"error":{"code":404,"title":"Not Found","message":"Could not find token"}})", "api.xsd"},
    {"fault overLimit", &write_schema<v2::fault>,
     R"({"overLimit":{"code":413,"message":"m","details":"d","retryAt":"2014-01-31T15:30:58Z"}})", "api.xsd"},
    {"service", &write_schema<v2::service>,
     R"({"OS-KSADM:service":{"id":"1","name":"nova","type":"compute","description":"Compute"}})", "OS-KSADM.xsd"},
    {"services", &write_schema<v2::services>,
     R"({"OS-KSADM:services":[{"id":"1","name":"nova","type":"compute"},{"id":"2","name":"glance","type":"image","description":"d"}],
         "OS-KSADM:services_links":[{"rel":"next","href":"http://h/s"}]})",
     "OS-KSADM.xsd"},
    {"password credentials", &write_schema<v2::password_credentials>,
     R"({"passwordCredentials":{"username":"u","userId":"u1","password":"p"}})", "api.xsd"},
    {"ec2 credentials", &write_schema<v2::ec2_credentials>,
     R"({"OS-KSEC2-ec2Credentials":{"username":"u","key":"k","secret":"s","signature":"sig"}})",
     "OS-KSEC2-credentials.xsd"},
    {"s3 credentials", &write_schema<v2::s3_credentials>,
     R"({"OS-KSS3:s3Credentials":{"username":"u","key":"k","secret":"s","signature":"sig"}})",
     "OS-KSS3-credentials.xsd"},
    {"credentials (password, ec2)", &write_schema<v2::credentials>,
     R"({"credentials":[{"passwordCredentials":{"username":"u","password":"p"}},
         {"OS-KSEC2-ec2Credentials":{"username":"u","key":"k","signature":"s"}}],"credentials_links":[]})",
     "OS-KSEC2-credentials.xsd"},
    {"credentials (s3)", &write_schema<v2::credentials>,
     R"({"credentials":[{"OS-KSS3:s3Credentials":{"username":"u","key":"k","signature":"s"}}]})",
     "OS-KSS3-credentials.xsd"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(published, OSI_PUBLISHED)
BOOST_AUTO_TEST_CASE(schema_dialect_validates_with_xmllint) {
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.name) {
            std::string doc;
            BOOST_REQUIRE_NO_THROW(doc = c.write(c.json));
            std::string log;
            int rc = xt::xmllint(doc, c.xsd, &log);
            BOOST_TEST(rc == 0, "xmllint: " << log << "\n" << doc);
        }
    }
}

// What the schema dialect cannot make valid (docs/xml.md, "Limits of the schema dialect"):
// values the XSD's types reject, and documents the XSDs do not declare. Pinned so that the
// docs stay true.
BOOST_AUTO_TEST_CASE(schema_dialect_limits_are_as_documented) {
    std::string log;
    // Keystone's service types (no colon) are not ExtensibleServiceType.
    auto s = write_schema<v2::service>(R"({"OS-KSADM:service":{"id":"1","name":"neutron","type":"network"}})");
    BOOST_TEST(xt::xmllint(s, "OS-KSADM.xsd", &log) != 0);
    BOOST_TEST(log.find("network") != std::string::npos);
    // Endpoint ids are xs:int in the Endpoint type.
    auto e =
        write_schema<v2::endpoints>(R"({"endpoints":[{"id":"8c3426bd","type":"compute","publicURL":"http://p"}]})");
    BOOST_TEST(xt::xmllint(e, "api.xsd") != 0);
    // badMethod and badMediaType are not declared.
    auto f = write_schema<v2::fault>(R"({"badMethod":{"code":405,"message":"m"}})");
    BOOST_TEST(f.find("<badMethod") != std::string::npos);
    BOOST_TEST(xt::xmllint(f, "api.xsd") != 0);
    // Keystone's OS-EC2 credential has no XSD at all.
    auto c = write_schema<v2::credential>(R"({"credential":{"access":"a","secret":"s"}})");
    BOOST_TEST(xt::xmllint(c, "api.xsd") != 0);
    // An empty tenants list: the XSD wants 1..100 tenants.
    auto t = write_schema<v2::tenants>(R"({"tenants":[]})");
    BOOST_TEST(xt::xmllint(t, "api.xsd") != 0);
    // Keystone's lower-case version status.
    auto v = write_schema<v2::version>(R"({"version":{"id":"v2.0","status":"stable"}})");
    BOOST_TEST(xt::xmllint(v, "api-common.xsd") != 0);
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()
