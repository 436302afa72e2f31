#include <boost/test/unit_test.hpp>

#include "documents.hpp"

#include <openstack/identity/v2/catalog.hpp>

BOOST_AUTO_TEST_SUITE(catalog_test)

namespace v2 = openstack::identity::v2;
using v2::interface_type;

namespace {

v2::access seed() { return v2::from_json<v2::access>(osi_test::data_file("seed_access.json")); }
// The published samples/auth.json, as written by the library into tests/data/documents.
v2::access sample() { return v2::from_json<v2::access>(osi_test::document_json("samples/auth")); }

v2::endpoint_filter type(std::string t) {
    v2::endpoint_filter f;
    f.service_type = std::move(t);
    return f;
}

}  // namespace

BOOST_AUTO_TEST_CASE(interface_spellings) {
    BOOST_TEST((v2::parse_interface("public") == interface_type::public_));
    BOOST_TEST((v2::parse_interface("publicURL") == interface_type::public_));
    BOOST_TEST((v2::parse_interface("internalURL") == interface_type::internal));
    BOOST_TEST((v2::parse_interface("ADMIN") == interface_type::admin));
    BOOST_TEST((v2::parse_interface("adminurl") == interface_type::admin));
    BOOST_TEST(!v2::parse_interface("url").has_value());
    BOOST_TEST(!v2::parse_interface("secret").has_value());
}

BOOST_AUTO_TEST_CASE(seed_lookup) {
    const auto a = seed();
    auto r = v2::find_endpoint(a, type("compute"));
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->url == "http://23.253.72.207:8774/v2/fc394f2ab2df4114bde39905f800dc57");
    BOOST_TEST(r->region == "RegionOne");
    BOOST_TEST(*r->service->name == "nova");

    auto f = type("network");
    f.interfaces = {interface_type::admin};
    BOOST_TEST(v2::endpoint_url_for(a, f).value() == "http://23.253.72.207:9696/");

    f = type("compute");
    f.region = "RegionTwo";
    auto none = v2::find_endpoint(a, f);
    BOOST_TEST_REQUIRE(!none.has_value());
    BOOST_TEST((none.error().code == v2::catalog_errc::no_endpoint));
    BOOST_TEST(none.error().message.find("RegionOne") != std::string::npos);

    auto missing = v2::find_endpoint(a, type("dns"));
    BOOST_TEST((missing.error().code == v2::catalog_errc::no_service));

    // The same type under another name: computev3 is its own type; the name filter narrows.
    f = type("compute");
    f.service_name = "nova";
    BOOST_TEST(v2::find_endpoint(a, f).has_value());
    f.service_name = "other";
    BOOST_TEST((v2::find_endpoint(a, f).error().code == v2::catalog_errc::no_service));
}

BOOST_AUTO_TEST_CASE(several_endpoints_first_and_strict) {
    const auto a = sample();
    // Two North endpoints for compute: first in catalog order.
    auto r = v2::find_endpoint(a, type("compute"));
    BOOST_TEST(r.value().url == "https://compute.north.host.com/v1/t1000");

    auto f = type("compute");
    f.policy = v2::match_policy::strict;
    auto amb = v2::find_endpoint(a, f);
    BOOST_TEST_REQUIRE(!amb.has_value());
    BOOST_TEST((amb.error().code == v2::catalog_errc::ambiguous));
    BOOST_TEST(amb.error().candidates.size() == 2u);
    BOOST_TEST(amb.error().message.find("https://compute.north.host.com/v1.1/t1000") != std::string::npos);
    BOOST_CHECK_THROW(v2::find_endpoint(a, f).value(), v2::catalog_exception);

    // Regions: no region means every region; a region picks exactly.
    f = type("object-store");
    BOOST_TEST(v2::find_endpoint(a, f).value().url == "https://storage.north.host.com/v1/t1000");
    f.region = "South";
    f.policy = v2::match_policy::strict;
    BOOST_TEST(v2::find_endpoint(a, f).value().url == "https://storage.south.host.com/v1/t1000");
    f.region.reset();
    BOOST_TEST((v2::find_endpoint(a, f).error().code == v2::catalog_errc::ambiguous));

    // No region on the endpoint: matches when no region is asked, never a named region.
    f = type("dnsextension:dns");
    BOOST_TEST(v2::find_endpoint(a, f).value().region == "");
    f.region = "North";
    BOOST_TEST((v2::find_endpoint(a, f).error().code == v2::catalog_errc::no_endpoint));
}

BOOST_AUTO_TEST_CASE(interface_preference_and_empty_urls) {
    auto a = sample();
    // The sample has no adminURL: admin alone fails, admin then internal falls back.
    auto f = type("object-store");
    f.region = "South";
    f.interfaces = {interface_type::admin};
    BOOST_TEST((v2::find_endpoint(a, f).error().code == v2::catalog_errc::no_endpoint));
    f.interfaces = {interface_type::admin, interface_type::internal};
    auto r = v2::find_endpoint(a, f);
    BOOST_TEST(r.value().url == "https://storage.south.internal/v1/t1000");
    BOOST_TEST((r.value().interface == interface_type::internal));

    // Keystone writes publicURL "" when only internal/admin exist: skipped, never returned.
    (*a.service_catalog)[1].endpoints[0].public_url = "";
    f = type("object-store");
    BOOST_TEST(v2::find_endpoint(a, f).value().url == "https://storage.south.host.com/v1/t1000");

    // Identical URLs are not an ambiguity.
    (*a.service_catalog)[1].endpoints[0].public_url = "https://storage.south.host.com/v1/t1000";
    f.policy = v2::match_policy::strict;
    BOOST_TEST(v2::find_endpoint(a, f).has_value());
}

BOOST_AUTO_TEST_CASE(endpoint_id_and_unscoped) {
    const auto a = seed();
    auto f = type("compute");
    f.endpoint_id = "2dad48f09e2a447a9bf852bcd93548ef";
    BOOST_TEST(v2::find_endpoint(a, f).has_value());
    f.endpoint_id = "nope";
    BOOST_TEST((v2::find_endpoint(a, f).error().code == v2::catalog_errc::no_endpoint));

    auto unscoped = v2::from_json<v2::access>(
        R"({"access":{"token":{"id":"x","expires":"2030-01-01T00:00:00Z"},"serviceCatalog":{}}})");
    BOOST_TEST((v2::find_endpoint(unscoped, type("compute")).error().code == v2::catalog_errc::no_catalog));
}

// What a service asks of a validated token: the tenant, the roles with their ids, a role by name.
BOOST_AUTO_TEST_CASE(access_helpers) {
    const v2::access a = seed();
    BOOST_TEST(v2::tenant_id(a) == *a.token.tenant->id);
    BOOST_TEST_REQUIRE(a.user->roles->size() == a.metadata->roles->size());
    const auto roles = v2::roles_of(a);
    BOOST_TEST_REQUIRE(roles.size() == a.user->roles->size());
    for (std::size_t i = 0; i < roles.size(); ++i) {
        BOOST_TEST(roles[i].name == *(*a.user->roles)[i].name);
        BOOST_TEST(roles[i].id == (*a.metadata->roles)[i]);
        BOOST_TEST(v2::has_role(a, roles[i].name));
    }
    BOOST_TEST(!v2::has_role(a, "no such role"));
    BOOST_TEST(!v2::has_role(a, ""));

    // An id in user.roles comes first; a role past metadata's list has none; unscoped: no tenant.
    v2::access b = a;
    b.token.tenant.reset();
    (*b.user->roles)[0].id = "own-id";
    b.user->roles->push_back(v2::role{.name = "extra"});
    const auto more = v2::roles_of(b);
    BOOST_TEST(v2::tenant_id(b).empty());
    BOOST_TEST(more.front().id == "own-id");
    BOOST_TEST((more.back() == v2::role_ref{.id = {}, .name = "extra"}));
    BOOST_TEST(v2::roles_of(v2::access{}).empty());
    BOOST_TEST(!v2::has_role(v2::access{}, "admin"));
}

BOOST_AUTO_TEST_SUITE_END()
