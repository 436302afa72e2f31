#define BOOST_TEST_MODULE header_only_json
#include <boost/test/unit_test.hpp>

// Built without Boost::json: Boost.JSON's sources come from this translation unit.
#include <openstack/identity/v2.hpp>
#include <openstack/identity/v2/src.hpp>

namespace v2 = openstack::identity::v2;

BOOST_AUTO_TEST_CASE(reads_and_writes_without_the_compiled_library) {
    auto a = v2::from_json<v2::auth>(R"({"auth":{"tenantName":"demo","token":{"id":"abc"}}})");
    BOOST_TEST(a.token->id == "abc");
    BOOST_TEST(v2::to_json(a) == R"({"auth":{"tenantName":"demo","token":{"id":"abc"}}})");
}
