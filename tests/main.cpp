// The test executables' main (Boost.Test); every test file is a suite named after it.
#define BOOST_TEST_MODULE openstack_identity_v2
#include <boost/test/unit_test.hpp>
