#include <boost/test/unit_test.hpp>

// Vendor extensions kept with read_options{.unknown = keep}: every kept member goes through both
// formats with its namespace (JSON's "PREFIX:name" is XML's name in the namespace the table maps
// the prefix to; a namespace outside the table is "{uri}name" in JSON), numbers keep their
// shortest spelling, and what a format cannot carry fails the write instead of vanishing.

#include <openstack/identity/v2.hpp>

#include <boost/json/parse.hpp>

#include <string>

BOOST_AUTO_TEST_SUITE(extensions_test)

namespace v2 = openstack::identity::v2;

namespace {

v2::read_options keep() {
    v2::read_options o;
    o.unknown = v2::unknown_policy::keep;
    return o;
}

// A Keystone access document with Rackspace's and other vendors' members at every level.
const std::string keystone_json = R"({"access": {
  "token": {"id": "t", "expires": "2014-01-31T15:30:58Z", "RAX-AUTH:authenticatedBy": ["APIKEY", "PASSWORD"],
            "tenant": {"id": "1", "name": "n", "RAX-AUTH:ratio": 2.5}},
  "user": {"id": "u", "name": "n", "roles": [], "RAX-AUTH:defaultRegion": "DFW",
           "RAX-AUTH:domain": {"id": "d", "name": "dn", "RAX-AUTH:level": 3},
           "{urn:example:acme}badge": "gold", "OS-KSADM:note": "x", "plain_vendor_key": "p"},
  "serviceCatalog": [],
  "metadata": {"is_admin": 0, "roles": []}},
 "RAX-AUTH:sessionInfo": {"ttl": 60}})";

// Rackspace-style XML: vendor prefixes on attributes and elements, a namespace outside the table.
const std::string rackspace_xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<access xmlns="http://docs.openstack.org/identity/api/v2.0"
        xmlns:rax-auth="http://docs.rackspace.com/identity/api/ext/RAX-AUTH/v1.0"
        xmlns:acme="urn:example:acme">
  <token id="t" expires="2014-01-31T15:30:58Z">
    <tenant id="1" name="n"/>
    <rax-auth:authenticatedBy><rax-auth:credential>PASSWORD</rax-auth:credential></rax-auth:authenticatedBy>
  </token>
  <user id="u" name="n" rax-auth:defaultRegion="DFW" acme:badge="gold">
    <roles/>
    <rax-auth:domain id="d" name="dn"><rax-auth:owner>o</rax-auth:owner><acme:seal/></rax-auth:domain>
  </user>
</access>)";

}  // namespace

BOOST_AUTO_TEST_CASE(keystone_json_to_xml_and_back) {
    const auto a = v2::from_json<v2::access>(keystone_json, keep());
    BOOST_TEST(a.user->extra.members.at("RAX-AUTH:defaultRegion").as_string() == "DFW");
    BOOST_TEST(a.extra.beside.at("RAX-AUTH:sessionInfo").as_object().at("ttl").as_int64() == 60);

    // Kept members keep their namespaces in XML.
    v2::xml_options no_beside;
    auto inner = a;
    inner.extra.beside.clear();
    const std::string xml = v2::to_xml(inner, no_beside);
    BOOST_TEST(xml.find(R"(xmlns:RAX-AUTH="http://docs.rackspace.com/identity/api/ext/RAX-AUTH/v1.0")") !=
               std::string::npos);
    BOOST_TEST(xml.find(R"(RAX-AUTH:defaultRegion="DFW")") != std::string::npos);
    BOOST_TEST(xml.find(R"(RAX-AUTH:ratio="2.5")") != std::string::npos);  // not 2.5E0
    BOOST_TEST(xml.find(R"(="urn:example:acme")") != std::string::npos);
    BOOST_TEST(xml.find(R"(OS-KSADM:note="x")") != std::string::npos);

    // And come back with them: XML has no types, so numbers and one-item lists come back as text.
    const auto b = v2::from_xml<v2::access>(xml, keep());
    const auto& u = b.user->extra.members;
    BOOST_TEST(u.at("RAX-AUTH:defaultRegion").as_string() == "DFW");
    BOOST_TEST(u.at("{urn:example:acme}badge").as_string() == "gold");
    BOOST_TEST(u.at("OS-KSADM:note").as_string() == "x");
    BOOST_TEST(u.at("plain_vendor_key").as_string() == "p");
    BOOST_TEST(u.at("RAX-AUTH:domain").as_object().at("id").as_string() == "d");
    BOOST_TEST(u.at("RAX-AUTH:domain").as_object().at("RAX-AUTH:level").as_string() == "3");
    BOOST_TEST(b.token.extra.members.at("RAX-AUTH:authenticatedBy") == boost::json::parse(R"(["APIKEY", "PASSWORD"])"));
    BOOST_TEST(b.token.tenant->extra.members.at("RAX-AUTH:ratio").as_string() == "2.5");

    // JSON again: the same members under the same keys.
    const auto c = v2::from_json<v2::access>(v2::to_json(b), keep());
    BOOST_TEST((c.user->extra == b.user->extra));
    BOOST_TEST((c.token.extra == b.token.extra));
    BOOST_TEST((c.token.tenant->extra == b.token.tenant->extra));
}

BOOST_AUTO_TEST_CASE(rackspace_xml_to_json_and_back) {
    const auto a = v2::from_xml<v2::access>(rackspace_xml, keep());
    const auto& u = a.user->extra.members;
    BOOST_TEST(u.at("RAX-AUTH:defaultRegion").as_string() == "DFW");
    BOOST_TEST(u.at("{urn:example:acme}badge").as_string() == "gold");
    const auto& domain = u.at("RAX-AUTH:domain").as_object();
    BOOST_TEST(domain.at("id").as_string() == "d");
    BOOST_TEST(domain.at("owner").as_string() == "o");  // in its parent's namespace: no prefix
    BOOST_TEST(domain.at("{urn:example:acme}seal").as_string() == "");
    BOOST_TEST(a.token.extra.members.at("RAX-AUTH:authenticatedBy").as_object().at("credential").as_string() ==
               "PASSWORD");

    const std::string json = v2::to_json(a);
    BOOST_TEST(json.find(R"("RAX-AUTH:defaultRegion":"DFW")") != std::string::npos);

    // XML -> JSON -> XML: every member in its namespace, read back to the same value.
    const auto b = v2::from_json<v2::access>(json, keep());
    const auto c = v2::from_xml<v2::access>(v2::to_xml(b), keep());
    BOOST_TEST((c.user->extra == a.user->extra));
    BOOST_TEST((c.token.extra == a.token.extra));
    BOOST_TEST((c == a));
    // Both XML dialects.
    v2::xml_options schema;
    schema.dialect = v2::xml_dialect::schema;
    const auto d = v2::from_xml<v2::access>(v2::to_xml(b, schema), keep());
    BOOST_TEST((d.user->extra == a.user->extra));
    BOOST_TEST((d.token.extra == a.token.extra));
}

BOOST_AUTO_TEST_CASE(numbers_keep_their_shortest_spelling) {
    const auto t = v2::from_json<v2::tenant>(R"({"tenant": {"id": "1", "name": "n", "x:y": 1, "ratio": 2.5,)"
                                             R"( "big": 1e300, "tiny": 0.1, "neg": -7, "u": 18446744073709551615,)"
                                             R"( "list": [1.5, true, null]}})",
                                             keep());
    const std::string json = v2::to_json(t);
    for (const char* s : {R"("ratio":2.5)", R"("big":1e+300)", R"("tiny":0.1)", R"("neg":-7)",
                          R"("u":18446744073709551615)", R"("list":[1.5,true,null])"})
        BOOST_TEST(json.find(s) != std::string::npos, s << " in " << json);
}

BOOST_AUTO_TEST_CASE(what_xml_cannot_carry_fails_the_write) {
    auto write_error = [](const char* members) {
        const auto t =
            v2::from_json<v2::tenant>(std::string(R"({"tenant": {"id": "1", "name": "n", )") + members + "}}", keep());
        auto r = v2::try_to_xml(t);
        return r ? std::string("written: ") + *r : r.error().path + ": " + r.error().message;
    };
    // A prefix that names no namespace the library knows: the key has no XML form.
    BOOST_TEST(write_error(R"("NOPE:x": "1")").starts_with("NOPE:x: "));
    BOOST_TEST(write_error(R"("not a name": "1")").starts_with("not a name: "));
    BOOST_TEST(write_error(R"("empty": [])").starts_with("empty: "));
    BOOST_TEST(write_error(R"("nested": [[1]])").starts_with("nested: "));
    auto r = v2::try_to_xml(v2::from_json<v2::tenant>(R"({"tenant": {"id": "1", "name": "n", "NOPE:x": 1}})", keep()));
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().code == make_error_code(v2::errc::not_representable));
    BOOST_CHECK_THROW(v2::to_xml(v2::from_json<v2::tenant>(R"({"tenant": {"name": "n", "NOPE:x": 1}})", keep())),
                      v2::exception);
    // A member beside the root has no XML form either.
    const auto a = v2::from_json<v2::access>(keystone_json, keep());
    auto beside = v2::try_to_xml(a);
    BOOST_REQUIRE(!beside);
    BOOST_TEST(beside.error().path == "RAX-AUTH:sessionInfo");
    // A null is xsi:nil, and reads back as null.
    const auto n = v2::from_json<v2::tenant>(R"({"tenant": {"id": "1", "name": "n", "RAX-AUTH:gone": null}})", keep());
    const std::string xml = v2::to_xml(n);
    BOOST_TEST(xml.find(R"(xsi:nil="true")") != std::string::npos);
    BOOST_TEST(v2::from_xml<v2::tenant>(xml, keep()).extra.members.at("RAX-AUTH:gone").is_null());
}

BOOST_AUTO_TEST_CASE(members_beside_the_root_are_kept_in_json) {
    const auto a = v2::from_json<v2::access>(keystone_json, keep());
    const auto b = v2::from_json<v2::access>(v2::to_json(a), keep());
    BOOST_TEST((b.extra.beside == a.extra.beside));
    BOOST_TEST((b == a));
    // Without keep they are ignored (or refused in strict mode), as before.
    BOOST_TEST(v2::from_json<v2::access>(keystone_json).extra.empty());
    v2::read_options reject;
    reject.unknown = v2::unknown_policy::reject;
    BOOST_TEST(!v2::try_from_json<v2::access>(keystone_json, reject));
    // Given twice: refused.
    auto twice = v2::try_from_json<v2::tenant>(R"({"tenant": {"name": "n"}, "x": 1, "x": 2})", keep());
    BOOST_REQUIRE(!twice);
    BOOST_TEST(twice.error().code == make_error_code(v2::errc::duplicate_member));
}

BOOST_AUTO_TEST_SUITE_END()
