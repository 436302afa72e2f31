#include <boost/test/unit_test.hpp>

#include "xml_test_util.hpp"

#include <boost/algorithm/hex.hpp>

#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(xml_safety_test)

namespace v2 = openstack::identity::v2;
using v2::errc;

namespace {
template <class T>
v2::error fails(const std::string& doc, const v2::read_options& o = {}) {
    auto r = v2::try_from_xml<T>(doc, o);
    BOOST_REQUIRE(!r);
    return r.error();
}
const std::string id_ns = R"( xmlns="http://docs.openstack.org/identity/api/v2.0")";
}  // namespace

BOOST_AUTO_TEST_CASE(billion_laughs_is_rejected_not_expanded) {
    auto doc = xt::data("xml/billion_laughs.xml");
    auto e = fails<v2::tenant>(doc);
    BOOST_TEST(e.code == make_error_code(errc::forbidden_markup));
    BOOST_TEST(e.offset == doc.find("<!DOCTYPE"));
    BOOST_CHECK_THROW(v2::from_xml<v2::tenant>(doc), v2::exception);
}

BOOST_AUTO_TEST_CASE(external_entity_is_rejected) {
    auto e = fails<v2::auth>(xt::data("xml/external_entity.xml"));
    BOOST_TEST(e.code == make_error_code(errc::forbidden_markup));
    // Without a DOCTYPE, an entity reference is undeclared: malformed, never looked up.
    auto u = fails<v2::auth>("<auth" + id_ns + R"( tenantName="&xxe;"><token id="t"/></auth>)");
    BOOST_TEST(u.code == make_error_code(errc::malformed_xml));
    BOOST_TEST(u.offset == std::string("<auth" + id_ns + R"( tenantName=")").size());
    // Keystone: a bare & is a 400 too.
    auto amp = fails<v2::auth>("<auth" + id_ns + R"(><passwordCredentials username="u" password="a&b"/></auth>)");
    BOOST_TEST(amp.code == make_error_code(errc::malformed_xml));
    // ... while the five predefined entities and character references are fine.
    auto ok = v2::from_xml<v2::auth>("<auth" + id_ns +
                                     R"(><passwordCredentials username="&lt;&#65;&#x42;&amp;" password="p"/></auth>)");
    BOOST_TEST(ok.password_credentials->username.value() == "<AB&");
    // An & inside a comment or CDATA is no reference.
    auto cd =
        v2::from_xml<v2::tenant>("<tenant" + id_ns +
                                 R"( name="n"><!-- a & b --><description><![CDATA[x & y]]></description></tenant>)");
    BOOST_TEST(cd.description.value() == "x & y");
}

BOOST_AUTO_TEST_CASE(only_well_formed_utf8_of_characters_xml_allows) {
    // pugixml takes bytes as they come: the reader checks them first, and reports the first bad one.
    const std::string head = "<tenant" + id_ns + " name=\"a";
    const std::vector<std::string> bad{"\xff",
                                       "\xc0\xaf",
                                       "\xc0\x80",
                                       "\xe0\x80\xaf",
                                       "\xf0\x80\x80\xaf",
                                       "\xed\xa0\x80",
                                       "\xf4\x90\x80\x80",
                                       "\xf8\x88\x80\x80\x80",
                                       "\xe2\x82",
                                       "\x80",
                                       "\xef\xbf\xbe",
                                       "\xef\xbf\xbf",
                                       std::string(1, '\0'),
                                       "\x01",
                                       "\x1b",
                                       "\x7f\x80"};
    for (const std::string& bytes : bad) {
        BOOST_TEST_CONTEXT("bytes " << boost::algorithm::hex(bytes)) {
            auto e = fails<v2::tenant>(head + bytes + "\"/>");
            BOOST_TEST(e.code == make_error_code(errc::malformed_xml));
            BOOST_TEST(e.offset == head.size() + (bytes[0] == '\x7f'));
            BOOST_TEST(e.message.find("not UTF-8") != std::string::npos);
            auto t = fails<v2::tenant>("<tenant" + id_ns + "><description>" + bytes + "</description></tenant>");
            BOOST_TEST(t.code == make_error_code(errc::malformed_xml));
        }
    }
    // Character references must name characters XML allows.
    for (const char* ref :
         {"&#0;", "&#x0;", "&#1;", "&#xD800;", "&#xDFFF;", "&#xFFFE;", "&#xFFFF;", "&#x110000;", "&#99999999999;"}) {
        auto e = fails<v2::tenant>(head + ref + "\"/>");
        BOOST_TEST(e.code == make_error_code(errc::malformed_xml), ref);
        BOOST_TEST(e.offset == head.size(), ref);
    }
    // What is allowed: tab (a reference to it is not normalized to a space), DEL, the edges of
    // the ranges, 4-byte forms, a byte order mark.
    auto ok = v2::from_xml<v2::tenant>(
        "\xef\xbb\xbf<tenant" + id_ns +
        " name=\"&#9;&#xD7FF;&#xE000;&#xFFFD;&#x10000;&#x10FFFF;\x7f\xf0\x9f\x98\x80\xc3\xa9\"/>");
    BOOST_TEST(*ok.name ==
               "\t\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbd\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\x7f\xf0\x9f\x98\x80\xc3\xa9");
}

BOOST_AUTO_TEST_CASE(a_ten_megabyte_string_is_refused_by_its_limit_unquoted) {
    const std::string pw(10u << 20, 'p');
    auto e = fails<v2::auth>("<auth" + id_ns + R"(><passwordCredentials username="u" password=")" + pw + "\"/></auth>");
    BOOST_TEST(e.code == make_error_code(errc::too_long));
    BOOST_TEST(e.path == "auth.passwordCredentials.password");
    BOOST_TEST(e.what().size() < 200u);
}

BOOST_AUTO_TEST_CASE(nesting_is_bounded) {
    std::string deep = "<tenant" + id_ns + " name=\"n\">";
    for (int i = 0; i < 100000; ++i) deep += "<x>";
    for (int i = 0; i < 100000; ++i) deep += "</x>";
    deep += "</tenant>";
    auto e = fails<v2::tenant>(deep);
    BOOST_TEST(e.code == make_error_code(errc::too_deep));
    v2::read_options o;
    o.max_depth = 3;
    auto a = xt::data("seed_access.xml");  // access/serviceCatalog/service/endpoint: depth 4
    BOOST_TEST(fails<v2::access>(a, o).code == make_error_code(errc::too_deep));
    o.max_depth = 4;
    BOOST_TEST(v2::try_from_xml<v2::access>(a, o).has_value());
}

// A document over max_size: tests/bad_documents_test.cpp, for both formats.
BOOST_AUTO_TEST_CASE(malformed) {
    std::string doc = "<tenant" + id_ns + " name=\"n\"><description>d</tenant>";
    auto e = fails<v2::tenant>(doc);
    BOOST_TEST(e.code == make_error_code(errc::malformed_xml));
    BOOST_TEST(e.offset != v2::error::no_offset);
    BOOST_TEST(e.offset >= doc.find("</tenant>"));
    BOOST_TEST(fails<v2::tenant>("").code == make_error_code(errc::malformed_xml));
    BOOST_TEST(fails<v2::tenant>("not xml").code == make_error_code(errc::malformed_xml));
}

BOOST_AUTO_TEST_CASE(wrong_root) {
    auto e = fails<v2::access>("<tenant" + id_ns + "/>");
    BOOST_TEST(e.code == make_error_code(errc::wrong_root));
    BOOST_TEST(e.element == "/tenant");
    auto f = fails<v2::access>(R"(<access xmlns="urn:somebody-else"/>)");
    BOOST_TEST(f.code == make_error_code(errc::wrong_root));
    BOOST_TEST(fails<v2::fault>("<tenant" + id_ns + "/>").code == make_error_code(errc::wrong_root));
}

BOOST_AUTO_TEST_CASE(bad_values_carry_json_paths_and_elements) {
    auto seed = xt::data("seed_access.xml");
    std::string bad = seed;
    bad.replace(bad.find("enabled=\"true\""), 14, "enabled=\"yes\"");
    auto e = fails<v2::access>(bad);
    BOOST_TEST(e.code == make_error_code(errc::invalid_value));
    BOOST_TEST(e.path == "access.token.tenant.enabled");
    BOOST_TEST(e.element == "/access/token/tenant/@enabled");

    bad = seed;
    bad.replace(bad.find("is_admin=\"0\""), 12, "is_admin=\"no\"");
    e = fails<v2::access>(bad);
    BOOST_TEST(e.code == make_error_code(errc::invalid_value));
    BOOST_TEST(e.path == "access.metadata.is_admin");
    BOOST_TEST(e.element == "/access/metadata/@is_admin");

    bad = seed;
    bad.replace(bad.find("expires=\"2014-01-31T15:49:11Z\""), 30, "expires=\"tomorrow\"");
    e = fails<v2::access>(bad);
    BOOST_TEST(e.code == make_error_code(errc::invalid_value));
    BOOST_TEST(e.path == "access.token.expires");

    // An error inside a list: the index in JSON terms, the element in XML terms.
    bad = seed;
    auto third = bad.find("<endpoints_links/>", bad.find("volumev2"));
    bad.insert(third,
               "<endpoint publicURL=\"x\" id=\"a\" id2=\"b\"/><endpoint publicURL=\"y\"><version id=\"1\" info=\"i\" "
               "list=\"l\"/></endpoint>");
    v2::read_options strict;
    strict.unknown = v2::unknown_policy::reject;
    e = fails<v2::access>(bad, strict);
    BOOST_TEST(e.code == make_error_code(errc::unknown_member));
    BOOST_TEST(e.path == "access.serviceCatalog[2].endpoints[0].id2");
    BOOST_TEST(e.element == "/access/serviceCatalog/service[3]/endpoint[1]/@id2");

    auto f = fails<v2::fault>("<itemNotFound" + id_ns + " code=\"four\"><message>m</message></itemNotFound>");
    BOOST_TEST(f.path == "itemNotFound.code");
    BOOST_TEST(f.element == "/itemNotFound/@code");
}

BOOST_AUTO_TEST_CASE(validation_runs_after_reading_with_json_paths) {
    // token id is required; the same rule and path as JSON.
    auto e = fails<v2::access>("<access" + id_ns + R"(><token expires="2014-01-31T15:30:58Z"/></access>)");
    BOOST_TEST(e.code == make_error_code(errc::missing_member));
    BOOST_TEST(e.path == "access.token.id");
    auto j = v2::try_from_json<v2::access>(R"({"access":{"token":{"expires":"2014-01-31T15:30:58Z"}}})");
    BOOST_REQUIRE(!j);
    BOOST_TEST(j.error().path == e.path);
    auto both = fails<v2::auth>("<auth" + id_ns + R"( tenantId="a" tenantName="b"><token id="t"/></auth>)");
    BOOST_TEST(both.code == make_error_code(errc::conflicting_members));
    BOOST_TEST(both.path == j.error().path.substr(0, 0) + "auth.tenantId");
    // Duplicates: the same member as attribute and as element.
    auto dup = fails<v2::tenant>("<tenant" + id_ns + R"( name="a"><name>b</name></tenant>)");
    BOOST_TEST(dup.code == make_error_code(errc::duplicate_member));
    BOOST_TEST(dup.path == "tenant.name");
    v2::read_options no;
    no.validate = false;
    BOOST_TEST(v2::try_from_xml<v2::access>("<access" + id_ns + "><token/></access>", no).has_value());
}

BOOST_AUTO_TEST_CASE(writer_validate_option) {
    v2::tenant t;
    t.name = std::string(65, 'x');
    auto r = v2::try_to_xml(t, v2::xml_options{.validate = true});
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().code == make_error_code(errc::too_long));
    BOOST_TEST(r.error().path == "tenant.name");
    BOOST_TEST(v2::try_to_xml(t).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
