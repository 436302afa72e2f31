#include <boost/test/unit_test.hpp>

#include <openstack/identity/v2.hpp>

#include <string>
#include <typeinfo>

BOOST_AUTO_TEST_SUITE(version_test)

namespace v2 = openstack::identity::v2;

#define OSI_STR2(x) #x
#define OSI_STR(x) OSI_STR2(x)

BOOST_AUTO_TEST_CASE(cmake_reads_the_version_from_version_hpp) {
    std::string v = OSI_STR(OPENSTACK_IDENTITY_V2_VERSION_MAJOR) "." OSI_STR(
        OPENSTACK_IDENTITY_V2_VERSION_MINOR) "." OSI_STR(OPENSTACK_IDENTITY_V2_VERSION_PATCH);
    BOOST_TEST(v == OSI_PROJECT_VERSION);
}

BOOST_AUTO_TEST_CASE(symbols_carry_the_version_in_an_inline_namespace) {
    std::string abi = OSI_STR(OPENSTACK_IDENTITY_V2_ABI);
    BOOST_TEST(abi == "abi_v" OSI_STR(OPENSTACK_IDENTITY_V2_VERSION_MAJOR) "_" OSI_STR(
                          OPENSTACK_IDENTITY_V2_VERSION_MINOR) "_" OSI_STR(OPENSTACK_IDENTITY_V2_VERSION_PATCH));
    // Mangled names contain the versioned namespace, code names the plain one.
    BOOST_TEST(std::string(typeid(v2::access).name()).find(abi) != std::string::npos);
    BOOST_TEST(std::string(typeid(openstack::identity::v2::OPENSTACK_IDENTITY_V2_ABI::access).name()) ==
               typeid(v2::access).name());
}

BOOST_AUTO_TEST_SUITE_END()
