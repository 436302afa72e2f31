#include <boost/test/unit_test.hpp>

#include "documents.hpp"

BOOST_AUTO_TEST_SUITE(validate_test)

namespace v2 = openstack::identity::v2;

BOOST_AUTO_TEST_CASE(rules_apply_to_values_built_in_code) {
    v2::access a;
    a.token.id = "t";
    v2::catalog_entry s;
    s.endpoints.push_back({});
    a.service_catalog = {s};
    auto all = v2::validate_all(a, "access");
    BOOST_REQUIRE_EQUAL(all.size(), 2u);
    BOOST_TEST(all[0].path == "access.serviceCatalog[0].type");
    BOOST_TEST((all[0].code == v2::errc::missing_member));
    BOOST_TEST(all[1].path == "access.serviceCatalog[0].endpoints[0]");
    BOOST_TEST((all[1].code == v2::errc::missing_alternative));
    BOOST_TEST(all[1].message == "one of publicURL, internalURL, adminURL is required");
    BOOST_TEST(v2::validate(a, "access")->path == "access.serviceCatalog[0].type");
}

BOOST_AUTO_TEST_CASE(a_valid_value_has_no_errors) {
    v2::auth a;
    a.tenant_name = "demo";
    a.password_credentials = v2::password_credentials{.username = "demo", .password = "secretsecret"};
    BOOST_TEST(!v2::validate(a).has_value());
    a.password_credentials->username = std::string(64, 'u');
    BOOST_TEST(!v2::validate(a).has_value());
    a.password_credentials->username = std::string(65, 'u');
    BOOST_TEST(v2::validate(a, "auth")->path == "auth.passwordCredentials.username");
}

BOOST_AUTO_TEST_CASE(limits_count_characters_not_bytes) {
    v2::tenant t;
    std::string e_acute = "\xc3\xa9";
    for (int i = 0; i < 64; ++i) t.name = t.name.value_or("") + e_acute;
    BOOST_TEST(!v2::validate(t).has_value());
    *t.name += e_acute;
    BOOST_TEST(v2::validate(t, "tenant")->message == "longer than 64 characters");
}

BOOST_AUTO_TEST_CASE(the_cap_on_collected_errors_holds) {
    v2::tenants ts;
    v2::tenant bad;
    bad.id = std::string(65, 'x');
    ts.items.assign(10, bad);
    BOOST_TEST(v2::validate_all(ts).size() == 10u);
    BOOST_TEST(v2::validate_all(ts, {}, 3).size() == 3u);
    BOOST_TEST(v2::validate_all(ts)[9].path == "tenants[9].id");
}

BOOST_AUTO_TEST_SUITE(published, OSI_PUBLISHED)
BOOST_AUTO_TEST_CASE(the_seed_fixtures_are_the_seed) {
    std::string seed = osi_test::read_file(OSI_SEED_FILE);
    BOOST_TEST(std::size(osi_test::seed_documents) == 3u);
    for (const auto& d : osi_test::seed_documents) {
        for (const char* ext : {".json", ".xml"}) {
            std::string data = osi_test::data_file(std::string(d.stem) + ext);
            data.pop_back();  // the fixture ends with a newline the seed's excerpt lacks
            BOOST_TEST(seed.find(data) != std::string::npos, d.stem << ext);
        }
    }
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()
