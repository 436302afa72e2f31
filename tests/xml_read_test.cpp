#include <boost/test/unit_test.hpp>

#include "documents.hpp"
#include "xml_test_util.hpp"

#include <filesystem>
#include <set>
#include <string_view>

BOOST_AUTO_TEST_SUITE(xml_read_test)

namespace v2 = openstack::identity::v2;
namespace fs = std::filesystem;
using v2::errc;

namespace {

// The published pair <stem>.xml and <stem>.json read as the document's type (documents.hpp).
std::vector<std::string> diffs(std::string_view stem) {
    const auto& d = osi_test::find_document(stem);
    return osi_test::visit_type(d, [&](auto t) {
        return xt::pair_diff<typename decltype(t)::type>(osi_test::read_file(osi_test::published_path(d, ".xml")),
                                                         osi_test::read_file(osi_test::published_path(d, ".json")));
    });
}

struct sample_pair {
    const char* stem;
    std::vector<std::string> expected;  // where the published pair disagrees (docs/xml.md)
};

// Every XML sample of the core spec and of OS-KSADM, OS-KSCATALOG, OS-KSEC2, OS-KSS3 and
// OS-KSVALIDATE that has a JSON twin. The expected differences are the published samples'
// own disagreements (docs/xml-mapping.md §16); anything else is a reader bug.
const std::vector<sample_pair> pairs = {
    {"OS-KSADM/samples/credentials", {"/credentials/0/passwordCredentials/password", "/credentials_links (json only)"}},
    {"OS-KSADM/samples/passwordcredentials", {"/passwordCredentials/password"}},
    {"OS-KSADM/samples/role", {"/role/description", "/role/name"}},
    {"OS-KSADM/samples/roles", {"/roles (length 2 vs 1)", "/roles_links (json only)"}},
    {"OS-KSADM/samples/service", {}},
    {"OS-KSADM/samples/services", {"/OS-KSADM:services_links (json only)"}},
    {"OS-KSADM/samples/tenant", {"/tenant/description", "/tenant/name"}},
    {"OS-KSADM/samples/tenantwithoutid", {"/tenant/description", "/tenant/name"}},
    {"OS-KSADM/samples/user",
     {"/user/id", "/user/name (json only)", "/user/tenantId (json only)", "/user/username (xml only)"}},
    {"OS-KSADM/samples/users", {"/users_links (json only)"}},
    {"OS-KSADM/samples/userwithenabledonly", {}},
    {"OS-KSADM/samples/userwithoutid", {}},
    {"OS-KSCATALOG/samples/endpoint", {"/endpoint/name (xml only)"}},
    {"OS-KSCATALOG/samples/endpointTemplate",
     {"/OS-KSCATALOG:endpointTemplate/internalURL", "/OS-KSCATALOG:endpointTemplate/publicURL"}},
    {"OS-KSCATALOG/samples/endpointTemplateWithOnlyId", {}},
    {"OS-KSCATALOG/samples/endpointTemplates",
     {"/OS-KSCATALOG:endpointsTemplates/0/versionInfo",
      "/OS-KSCATALOG:endpointsTemplates/1/internalURL",
      "/OS-KSCATALOG:endpointsTemplates/1/publicURL",
      "/OS-KSCATALOG:endpointsTemplates/1/region",
      "/OS-KSCATALOG:endpointsTemplates/1/versionInfo",
      "/OS-KSCATALOG:endpointsTemplates/1/versionList",
      "/OS-KSCATALOG:endpointsTemplates/2/publicURL",
      "/OS-KSCATALOG:endpointsTemplates/2/region",
      "/OS-KSCATALOG:endpointsTemplates/2/type",
      "/OS-KSCATALOG:endpointsTemplates/2/versionId",
      "/OS-KSCATALOG:endpointsTemplates/2/versionInfo",
      "/OS-KSCATALOG:endpointsTemplates/2/versionList",
      "/OS-KSCATALOG:endpointsTemplates/3/publicURL",
      "/OS-KSCATALOG:endpointsTemplates/3/region",
      "/OS-KSCATALOG:endpointsTemplates/3/type",
      "/OS-KSCATALOG:endpointsTemplates/3/versionId",
      "/OS-KSCATALOG:endpointsTemplates/3/versionInfo",
      "/OS-KSCATALOG:endpointsTemplates/3/versionList",
      "/OS-KSCATALOG:endpointsTemplates/4/enabled (json only)",
      "/OS-KSCATALOG:endpointsTemplates/4/publicURL",
      "/OS-KSCATALOG:endpointsTemplates/4/type",
      "/OS-KSCATALOG:endpointsTemplates/4/versionId",
      "/OS-KSCATALOG:endpointsTemplates/4/versionInfo",
      "/OS-KSCATALOG:endpointsTemplates/4/versionList",
      "/OS-KSCATALOG:endpointsTemplates_links (json only)"}},
    {"OS-KSCATALOG/samples/endpoints",
     {"/endpoints/0/name (xml only)", "/endpoints/1/name (xml only)", "/endpoints/1/tenantId",
      "/endpoints/2/name (xml only)", "/endpoints/2/versionId (json only)", "/endpoints/2/versionInfo (json only)",
      "/endpoints/2/versionList (json only)", "/endpoints/3/name (xml only)", "/endpoints/4/name (xml only)",
      "/endpoints_links (json only)"}},
    {"OS-KSEC2/samples/auth_credentials-OS-KSEC2",
     {"/auth/OS-KSEC2-ec2Credentials/key (xml only)", "/auth/OS-KSEC2-ec2Credentials/secret (json only)",
      "/auth/OS-KSEC2-ec2Credentials/signature", "/auth/OS-KSEC2-ec2Credentials/username", "/auth/tenantId"}},
    {"OS-KSEC2/samples/credentialswithec2",
     {"/credentials/0/passwordCredentials/password", "/credentials/1/OS-KSEC2-ec2Credentials/key (xml only)",
      "/credentials/1/OS-KSEC2-ec2Credentials/secret (json only)", "/credentials/1/OS-KSEC2-ec2Credentials/signature",
      "/credentials/1/OS-KSEC2-ec2Credentials/username", "/credentials_links (json only)"}},
    {"OS-KSEC2/samples/ec2Credentials",
     {"/OS-KSEC2-ec2Credentials/key (xml only)", "/OS-KSEC2-ec2Credentials/secret (json only)",
      "/OS-KSEC2-ec2Credentials/signature", "/OS-KSEC2-ec2Credentials/username"}},
    {"OS-KSS3/samples/credentialswiths3",
     {"/credentials/0/passwordCredentials/password", "/credentials/1/OS-KSS3:s3Credentials/key (xml only)",
      "/credentials/1/OS-KSS3:s3Credentials/secret (json only)", "/credentials/1/OS-KSS3:s3Credentials/signature",
      "/credentials/1/OS-KSS3:s3Credentials/username", "/credentials_links (json only)"}},
    {"OS-KSS3/samples/s3Credentials",
     {"/OS-KSS3:s3Credentials/key (xml only)", "/OS-KSS3:s3Credentials/secret (json only)",
      "/OS-KSS3:s3Credentials/signature", "/OS-KSS3:s3Credentials/username"}},
    {"OS-KSVALIDATE/samples/endpoints",
     {"/endpoints/0/name (xml only)", "/endpoints/1/name (xml only)", "/endpoints/1/tenantId",
      "/endpoints/2/name (xml only)", "/endpoints/2/versionId (json only)", "/endpoints/2/versionInfo (json only)",
      "/endpoints/2/versionList (json only)", "/endpoints/3/name (xml only)", "/endpoints/4/name (xml only)",
      "/endpoints_links (json only)"}},
    {"OS-KSVALIDATE/samples/validatetoken",
     {"/access/token/tenant/id", "/access/user/roles/0/id", "/access/user/roles/0/name",
      "/access/user/roles/0/tenantId (xml only)", "/access/user/roles_links (json only)"}},
    {"samples/auth",
     {"/access/serviceCatalog/0/endpoints/0/internalURL", "/access/serviceCatalog/0/endpoints/1/internalURL",
      "/access/serviceCatalog/0/endpoints_links (json only)", "/access/serviceCatalog/1/endpoints/0/internalURL",
      "/access/serviceCatalog/1/endpoints/1/internalURL", "/access/user/roles_links (json only)"}},
    {"samples/auth_credentials", {"/auth/passwordCredentials/password"}},
    {"samples/auth_with_token", {}},
    {"samples/choices", {"/choices_links (json only)"}},
    {"samples/endpoints", {"/endpoints_links (json only)"}},
    {"samples/ext-getuser", {"/user/id"}},
    {"samples/extension", {"/extension/links/1/href"}},
    {"samples/extensions",
     {"/extensions/values/0/description", "/extensions/values/0/namespace", "/extensions_links (json only)"}},
    {"samples/getuser-1", {}},
    {"samples/identity_fault", {}},
    {"samples/item_not_found", {}},
    {"samples/roles", {"/roles (length 2 vs 1)", "/roles_links (json only)"}},
    {"samples/tenant", {"/tenant/description", "/tenant/name"}},
    {"samples/tenants-1", {"/tenants/0/description", "/tenants/0/name"}},
    {"samples/tenants-2",
     {"/tenants/0/description", "/tenants_links/0/href", "/tenants_links/0/rel", "/tenants_links/1/href",
      "/tenants_links/1/rel"}},
    {"samples/tenants-3", {"/tenants/0/description"}},
    {"samples/tenants",
     {"/tenants/0/description", "/tenants/1/description", "/tenants/1/id", "/tenants_links (json only)"}},
    {"samples/user", {}},
    {"samples/validatetoken",
     {"/access/token/tenant/id", "/access/user/name (json only)", "/access/user/roles/0/id",
      "/access/user/roles/0/name", "/access/user/roles/0/tenantId (xml only)", "/access/user/roles_links (json only)",
      "/access/user/username (xml only)"}},
    {"samples/version", {"/version/links/1/href"}},
    {"samples/versions", {"/versions_links (json only)"}},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(published, OSI_PUBLISHED)
BOOST_AUTO_TEST_CASE(every_sample_pair_reads_to_the_same_value_except_published_disagreements) {
    BOOST_TEST(pairs.size() == 45u);
    std::set<std::string_view> listed;
    for (const auto& p : pairs) {
        listed.insert(p.stem);
        BOOST_TEST_CONTEXT(p.stem) {
            std::vector<std::string> got;
            BOOST_REQUIRE_NO_THROW(got = diffs(p.stem));
            BOOST_TEST(got == p.expected, boost::test_tools::per_element());
        }
    }
    // Every JSON sample with a published XML twin is a pair above.
    for (const auto& d : osi_test::documents_from(osi_test::origin::json_sample))
        if (fs::is_regular_file(osi_test::published_path(d, ".xml")))
            BOOST_TEST(listed.count(d.stem) == 1u, "not a pair above: " << d.stem);
}
BOOST_AUTO_TEST_SUITE_END()

namespace {

// Version discovery as Atom feeds: one version, and three. Read strictly: nothing unknown.
void check_atom_feeds(const std::string& version_atom, const std::string& versions_atom) {
    auto one = v2::from_xml<v2::feed>(version_atom, {.unknown = v2::unknown_policy::reject});
    BOOST_TEST(one.title->text == "About This Version");
    BOOST_TEST(*one.title->type == "text");
    BOOST_TEST(one.author->name.value() == "OpenStack");
    BOOST_REQUIRE_EQUAL(one.entries.size(), 1u);
    BOOST_TEST(one.entries[0].links->size() == 3u);
    BOOST_TEST(one.entries[0].content->text == "Version v2.0 CURRENT (2011-01-21T11:33:21-06:00)");
    BOOST_TEST((*one.updated == *one.entries[0].updated));
    auto many = v2::from_xml<v2::feed>(versions_atom, {.unknown = v2::unknown_policy::reject});
    BOOST_REQUIRE_EQUAL(many.entries.size(), 3u);
    BOOST_TEST(many.entries[2].id == "http://identity.api.openstack.org/v1.0/");
    // Every element we write is in the Atom namespace, and the feed survives both formats.
    for (auto dialect : {v2::xml_dialect::keystone, v2::xml_dialect::schema}) {
        std::string x = v2::to_xml(many, {.dialect = dialect});
        pugi::xml_document doc;
        BOOST_REQUIRE(doc.load_string(x.c_str()));
        std::string root = doc.document_element().name();
        std::string prefix = root.substr(0, root.find(':') + 1);  // "atom:" or "" with a default xmlns
        for (auto n : doc.select_nodes("//*")) {
            std::string name = n.node().name();
            BOOST_TEST(name.compare(0, prefix.size(), prefix) == 0, name);
        }
        BOOST_TEST((v2::from_xml<v2::feed>(x) == many));
    }
    BOOST_TEST((v2::from_json<v2::feed>(v2::to_json(many)) == many));
    // A feed is not a version document.
    auto r = v2::try_from_xml<v2::version>(version_atom);
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().code == make_error_code(errc::wrong_root));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(published, OSI_PUBLISHED)
// samples/version-atom.xml and versions-atom.xml as published.
BOOST_AUTO_TEST_CASE(atom_feed_samples_read_as_feeds) {
    check_atom_feeds(xt::spec("samples/version-atom.xml"), xt::spec("samples/versions-atom.xml"));
}
BOOST_AUTO_TEST_SUITE_END()

// The test documents written from them, in both dialects.
BOOST_AUTO_TEST_CASE(atom_feed_documents_read_as_feeds) {
    for (auto x : {v2::xml_dialect::keystone, v2::xml_dialect::schema}) {
        BOOST_TEST_CONTEXT(osi_test::dialect_suffix(x)) {
            check_atom_feeds(osi_test::document_xml("samples/version-atom", x),
                             osi_test::document_xml("samples/versions-atom", x));
        }
    }
}

BOOST_AUTO_TEST_SUITE(published, OSI_PUBLISHED)
BOOST_AUTO_TEST_CASE(sample_values_spot_checks) {
    auto a = v2::from_xml<v2::access>(xt::spec("samples/auth.xml"));
    BOOST_TEST(a.token.id == "ab48a9efdfedb23ty3494");
    BOOST_TEST(a.token.tenant->name.value() == "My Project");
    BOOST_REQUIRE(a.user && a.user->roles);
    BOOST_TEST(a.user->roles->size() == 2u);
    BOOST_TEST(a.user->roles->at(1).tenant_id.value() == "t1000");
    BOOST_REQUIRE(a.service_catalog);
    BOOST_TEST(a.service_catalog->size() == 3u);
    BOOST_TEST(a.service_catalog->at(0).endpoints.size() == 2u);
    BOOST_TEST(a.service_catalog->at(0).endpoints[1].version_id.value() == "1.1");
    BOOST_TEST(a.service_catalog->at(0).endpoints[1].version_info.value() == "https://compute.north.host.com/v1.1/");

    // The spec's extension description has surrounding whitespace; element text is trimmed.
    auto e = v2::from_xml<v2::extension>(xt::spec("samples/extension.xml"));
    BOOST_TEST(e.description.value() == "Allows associating arbitrary metadata with a user.");
    BOOST_REQUIRE(e.links);
    BOOST_TEST(e.links->size() == 2u);
    BOOST_TEST(e.links->at(0).type.value() == "application/pdf");

    // OS-KSADM:password is a namespaced attribute.
    auto u = v2::from_xml<v2::user>(xt::spec("OS-KSADM/samples/userwithoutid.xml"));
    BOOST_TEST(u.password.value() == "secrete");
    BOOST_TEST(u.enabled.value() == true);

    // credentials: one item per credential element, whatever its namespace.
    auto c = v2::from_xml<v2::credentials>(xt::spec("OS-KSS3/samples/credentialswiths3.xml"));
    BOOST_REQUIRE(c.items.size() == 2u);
    BOOST_TEST(c.items[0].password_credentials->username.value() == "test_user");
    BOOST_REQUIRE(c.items[1].s3_credentials);
    BOOST_TEST(c.items[1].s3_credentials->username.value() == "testuser");
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(seed_xml_reads_to_the_seed_json_value) {
    auto x = v2::from_xml<v2::access>(xt::data("seed_access.xml"));
    auto j = v2::from_json<v2::access>(xt::data("seed_access.json"));
    BOOST_TEST((x != j));
    // The seed's two captures are two requests: the token times differ (docs/xml.md).
    BOOST_TEST(xt::canon_value("2014-01-30T15:49:11.054709") == xt::canon_value("2014-01-30T15:49:11.054709Z"));
    BOOST_TEST((x.token.expires != j.token.expires));
    x.token.issued_at = j.token.issued_at;
    x.token.expires = j.token.expires;
    // Keystone dropped nulls from XML: "description": null has no XML form.
    BOOST_TEST(j.token.tenant->description.is_null());
    BOOST_TEST(x.token.tenant->description.is_absent());
    j.token.tenant->description.reset();
    BOOST_TEST((x == j));
    BOOST_TEST(x.metadata->is_admin.value() == 0);
    BOOST_TEST(x.user->roles->size() == 2u);
    BOOST_TEST(x.user->roles_links->empty());
    BOOST_TEST(x.service_catalog->size() == 10u);
    BOOST_TEST(x.service_catalog->at(0).endpoints_links->empty());
}

// The reader parses in place a copy kept in a buffer of the thread's (up to the writers'
// sink::max_kept): documents of every size, from a few bytes to past that bound, read whole one
// after another, and the last byte of each counts (text after the root is refused).
BOOST_AUTO_TEST_CASE(documents_of_every_size) {
    for (std::size_t n : {std::size_t(0), std::size_t(10), std::size_t(5000), std::size_t(200000),
                          v2::detail::sink::max_kept + 100, std::size_t(3000), std::size_t(1)}) {
        v2::tenant t;
        t.name = std::string(n, 'n');
        const std::string doc = v2::to_xml(t);
        const auto r = v2::try_from_xml<v2::tenant>(doc, {.validate = false});
        BOOST_TEST_REQUIRE(r.has_value(), "a name of " << n << " bytes: " << r.error().message);
        BOOST_TEST(r->name.value_or("") == *t.name, "a name of " << n << " bytes");
        const auto bad = v2::try_from_xml<v2::tenant>(doc + "x", {.validate = false});
        BOOST_TEST_REQUIRE(!bad.has_value(), "a name of " << n << " bytes, then x");
        BOOST_TEST((bad.error().code == errc::malformed_xml));
    }
}

BOOST_AUTO_TEST_CASE(seed_auth_requests_read) {
    auto p = v2::from_xml<v2::auth>(xt::data("seed_auth_password.xml"));
    BOOST_TEST((p == v2::from_json<v2::auth>(xt::data("seed_auth_password.json"))));
    auto t = v2::from_xml<v2::auth>(xt::data("seed_auth_token.xml"));
    BOOST_TEST((t == v2::from_json<v2::auth>(xt::data("seed_auth_token.json"))));
}

BOOST_AUTO_TEST_CASE(prefixes_resolve_and_order_does_not_matter) {
    auto plain = v2::from_xml<v2::access>(xt::data("xml/access_default_ns.xml"));
    auto prefixed = v2::from_xml<v2::access>(xt::data("xml/access_prefixed.xml"));
    BOOST_TEST((plain == prefixed));
    BOOST_TEST(plain.token.id == "tok");
    BOOST_TEST(plain.user->roles->size() == 2u);
    BOOST_TEST(plain.service_catalog->at(0).endpoints.at(0).version_id.value() == "2");
}

namespace {

// <roles xmlns=".../ext/role"> is an extension's, not user.roles.
void check_foreign_roles(const std::string& user_xml) {
    auto u = v2::from_xml<v2::user>(user_xml);
    BOOST_TEST(!u.roles.has_value());
    v2::read_options strict;
    strict.unknown = v2::unknown_policy::reject;
    auto r = v2::try_from_xml<v2::user>(user_xml, strict);
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().code == make_error_code(errc::unknown_member));
    // Named as JSON names the member: the spec's getuser-1.json has "OS-ROLE:roles".
    BOOST_TEST(r.error().path == "user.OS-ROLE:roles");
    BOOST_TEST(r.error().element == "/user/roles");
}

}  // namespace

BOOST_AUTO_TEST_CASE(foreign_namespace_content_is_not_ours) {
    // The shape of the published samples/getuser-1.xml.
    check_foreign_roles(
        R"(<user xmlns="http://docs.openstack.org/identity/api/v2.0" xmlns:atom="http://www.w3.org/2005/Atom")"
        R"( enabled="true" username="jqsmith" id="u1000">)"
        R"(<roles xmlns="http://docs.openstack.org/identity/api/ext/role"><role tenantId="1234" id="Admin"/>)"
        R"(<atom:link rel="next" href="http://identity.api.openstack.org/v2.0/next"/></roles></user>)");
}

BOOST_AUTO_TEST_SUITE(published, OSI_PUBLISHED)
BOOST_AUTO_TEST_CASE(foreign_namespace_content_of_the_published_sample_is_not_ours) {
    check_foreign_roles(xt::spec("samples/getuser-1.xml"));
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(unknown_policy_keep_and_reject) {
    std::string doc =
        R"(<tenant xmlns="http://docs.openstack.org/identity/api/v2.0" id="1" name="n" domain_id="default">)"
        R"(<description>d</description><bind kerberos="k"/></tenant>)";
    auto ignored = v2::from_xml<v2::tenant>(doc);
    BOOST_TEST(ignored.extra.empty());
    v2::read_options keep;
    keep.unknown = v2::unknown_policy::keep;
    auto kept = v2::from_xml<v2::tenant>(doc, keep);
    BOOST_TEST(kept.extra.members.at("domain_id").as_string() == "default");
    BOOST_TEST(kept.extra.members.at("bind").as_object().at("kerberos").as_string() == "k");
    v2::read_options reject;
    reject.unknown = v2::unknown_policy::reject;
    auto r = v2::try_from_xml<v2::tenant>(doc, reject);
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().code == make_error_code(errc::unknown_member));
    BOOST_TEST(r.error().path == "tenant.domain_id");
    BOOST_TEST(r.error().element == "/tenant/@domain_id");
}

BOOST_AUTO_TEST_CASE(keystone_error_and_spec_faults_read) {
    auto k = v2::from_xml<v2::fault>(
        R"(<error xmlns="http://docs.openstack.org/identity/api/v2.0" code="404" title="Not Found" message="Could not find token"/>)");
    BOOST_TEST((k.kind == v2::fault_kind::item_not_found));
    BOOST_TEST(k.code == 404);
    BOOST_TEST(k.message == "Could not find token");
    BOOST_TEST(k.title.value() == "Not Found");
    auto s = v2::from_xml<v2::fault>(
        R"(<badRequest xmlns="http://docs.openstack.org/identity/api/v2.0" code="400"><message>m</message><details/></badRequest>)");
    BOOST_TEST((s.kind == v2::fault_kind::bad_request));
    BOOST_TEST(s.message == "m");
    BOOST_TEST(s.details.value() == "");
}

BOOST_AUTO_TEST_SUITE_END()
