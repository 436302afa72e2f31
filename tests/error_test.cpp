#include <boost/test/unit_test.hpp>

#include <openstack/identity/v2.hpp>

BOOST_AUTO_TEST_SUITE(error_test)

namespace v2 = openstack::identity::v2;

BOOST_AUTO_TEST_CASE(fault_kinds_know_their_name_and_status) {
    BOOST_TEST(v2::fault_name(v2::fault_kind::item_not_found) == "itemNotFound");
    BOOST_TEST(v2::http_status(v2::fault_kind::item_not_found) == 404);
    BOOST_TEST(v2::http_status(v2::fault_kind::user_disabled) == 403);
    BOOST_TEST(v2::http_status(v2::fault_kind::over_limit) == 413);
    BOOST_TEST(v2::http_status(v2::fault_kind::bad_media_type) == 415);
    BOOST_TEST(v2::http_status(v2::fault_kind::identity_fault) == 500);
    for (auto k : v2::all_fault_kinds) BOOST_TEST((v2::fault_kind_from_name(v2::fault_name(k)) == k));
    BOOST_TEST(!v2::fault_kind_from_name("error").has_value());
}

BOOST_AUTO_TEST_CASE(status_codes_map_back_to_kinds) {
    BOOST_TEST((v2::fault_kind_for_status(401) == v2::fault_kind::unauthorized));
    BOOST_TEST((v2::fault_kind_for_status(404) == v2::fault_kind::item_not_found));
    BOOST_TEST((v2::fault_kind_for_status(503) == v2::fault_kind::service_unavailable));
    BOOST_TEST((v2::fault_kind_for_status(418) == v2::fault_kind::bad_request));
    BOOST_TEST((v2::fault_kind_for_status(501) == v2::fault_kind::identity_fault));
    BOOST_TEST(v2::http::status_title(404) == "Not Found");
    BOOST_TEST(v2::http::status_title(403) == "Forbidden");
    BOOST_TEST(v2::http::status_title(501) == "Not Implemented");
    BOOST_TEST(v2::http::status_title(299) == "Error");
    BOOST_TEST((v2::fault_kind_for_status(403) == v2::fault_kind::forbidden));
}

BOOST_AUTO_TEST_CASE(error_codes_are_boost_system_codes) {
    boost::system::error_code ec = v2::errc::wrong_type;
    BOOST_TEST(ec.category().name() == std::string("openstack.identity.v2"));
    BOOST_TEST(ec.message() == "wrong type");
    BOOST_TEST((ec == v2::fault_kind::bad_request));
    BOOST_TEST(!(ec == v2::fault_kind::unauthorized));
    // std::error_code interop keeps the condition.
    std::error_code sec = ec;
    BOOST_TEST(sec.message() == "wrong type");
}

BOOST_AUTO_TEST_CASE(result_value_throws_the_error) {
    auto r = v2::try_from_json<v2::auth>(R"({"auth":{"tenantName":"a","tenantId":"b","token":{"id":"t"}}})");
    BOOST_REQUIRE(!r);
    try {
        (void)v2::from_json<v2::auth>(R"({"auth":{"tenantName":"a","tenantId":"b","token":{"id":"t"}}})");
        BOOST_FAIL("no exception");
    } catch (const v2::exception& e) {
        BOOST_TEST(e.error() == r.error());
        BOOST_TEST((e.kind() == v2::fault_kind::bad_request));
        BOOST_TEST((e.code() == v2::errc::conflicting_members));
        BOOST_TEST(std::string(e.what()).find("auth.tenantId: only one of tenantName, tenantId") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(an_error_becomes_a_fault_document) {
    auto r = v2::try_from_json<v2::auth>(R"({"auth":{"token":{}}})");
    BOOST_REQUIRE(!r);
    v2::fault f = v2::make_fault(r.error());
    BOOST_TEST(f.code == 400);
    BOOST_TEST(f.message == "auth.token.id: required member is missing or empty");
    BOOST_TEST(
        v2::to_json(f, {.faults = v2::fault_style::keystone}) ==
        R"({"error":{"code":400,"message":"auth.token.id: required member is missing or empty","title":"Bad Request"}})");
}

BOOST_AUTO_TEST_SUITE_END()
