#include <boost/test/unit_test.hpp>

#include "support.hpp"

BOOST_AUTO_TEST_SUITE(json_write_test)

namespace v2 = openstack::identity::v2;

BOOST_AUTO_TEST_CASE(strings_are_escaped) {
    v2::tenant t;
    t.name = std::string("a\"b\\c\n\t\x01") + "\xc3\xa9";
    BOOST_TEST(v2::to_json(t) == "{\"tenant\":{\"name\":\"a\\\"b\\\\c\\n\\t\\u0001\xc3\xa9\"}}");
    auto back = v2::from_json<v2::tenant>(v2::to_json(t));
    BOOST_TEST(*back.name == *t.name);
}

BOOST_AUTO_TEST_CASE(absent_null_and_values) {
    v2::tenant t;
    BOOST_TEST(v2::to_json(t) == R"({"tenant":{}})");
    t.description = nullptr;
    t.enabled = false;
    BOOST_TEST(v2::to_json(t) == R"({"tenant":{"description":null,"enabled":false}})");
    t.description = "d";
    BOOST_TEST(v2::to_json(t) == R"({"tenant":{"description":"d","enabled":false}})");
    auto back = v2::from_json<v2::tenant>(R"({"tenant":{"description":null}})");
    BOOST_TEST(back.description.is_null());
    BOOST_TEST(v2::from_json<v2::tenant>(R"({"tenant":{}})").description.is_absent());
}

BOOST_AUTO_TEST_CASE(timestamps_are_written_in_utc_with_z) {
    auto a = v2::from_json<v2::access>(
        R"({"access":{"token":{"id":"t","issued_at":"2014-01-30T15:30:58.819584","expires":"2010-11-01T03:32:15-05:00"}}})");
    BOOST_TEST(
        v2::to_json(a) ==
        R"({"access":{"token":{"id":"t","issued_at":"2014-01-30T15:30:58.819584Z","expires":"2010-11-01T08:32:15Z"}}})");
}

BOOST_AUTO_TEST_CASE(list_styles) {
    v2::extensions e;
    e.items.push_back({.name = "n", .namespace_ = "ns", .alias = "OS-X"});
    BOOST_TEST(v2::to_json(e) == R"({"extensions":{"values":[{"name":"n","namespace":"ns","alias":"OS-X"}]}})");
    BOOST_TEST(v2::to_json(e, {.lists = v2::list_style::spec}) ==
               R"({"extensions":[{"name":"n","namespace":"ns","alias":"OS-X"}]})");
    v2::tenants t;
    t.links.emplace();
    BOOST_TEST(v2::to_json(t) == R"({"tenants":[],"tenants_links":[]})");
}

BOOST_AUTO_TEST_CASE(fault_styles) {
    auto f = v2::make_fault(v2::fault_kind::item_not_found, "Could not find token: x");
    BOOST_TEST(v2::to_json(f, {.faults = v2::fault_style::spec}) ==
               R"({"itemNotFound":{"code":404,"message":"Could not find token: x","title":"Not Found"}})");
    BOOST_TEST(v2::to_json(f) ==
               R"({"itemNotFound":{"code":404,"message":"Could not find token: x","title":"Not Found"},)"
               R"("error":{"code":404,"message":"Could not find token: x","title":"Not Found"}})");
    BOOST_TEST(v2::from_json<v2::fault>(v2::to_json(f)) == f);
}

BOOST_AUTO_TEST_CASE(validation_before_writing_is_on_request) {
    v2::auth a;
    a.tenant_id = "t";
    a.tenant_name = "n";
    a.token = v2::token_credentials{.id = "x"};
    BOOST_TEST(v2::to_json(a) == R"({"auth":{"tenantName":"n","tenantId":"t","token":{"id":"x"}}})");
    auto r = v2::try_to_json(a, {.validate = true});
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().path == "auth.tenantId");
    BOOST_TEST((r.error().code == v2::errc::conflicting_members));
}

BOOST_AUTO_TEST_CASE(appends_to_a_buffer) {
    std::string out = "x";
    v2::role r;
    r.name = "admin";
    BOOST_TEST(v2::try_to_json(r, out).has_value());
    BOOST_TEST(out == R"(x{"role":{"name":"admin"}})");
}

// The writers' buffer (detail/sink.hpp) is the thread's, kept between documents up to
// sink::max_kept: documents of every size from a few bytes to past that bound come out whole,
// one after another and appended; a sink made while another writes has a buffer of its own.
BOOST_AUTO_TEST_CASE(documents_of_every_size) {
    using v2::detail::sink;
    std::string previous;
    for (std::size_t n : {0u, 10u, 1000u, 5000u, 70000u, 200000u, 1200000u, 3000u}) {
        v2::tenant t;
        t.name = std::string(n, 'n');
        const std::string expected = R"({"tenant":{"name":")" + *t.name + R"("}})";
        BOOST_TEST(v2::to_json(t) == expected, "a name of " << n << " bytes");
        std::string out = previous;
        BOOST_TEST_REQUIRE(v2::try_to_json(t, out).has_value());
        BOOST_TEST((out == previous + expected));
        previous = expected.substr(0, 100);
    }
    std::string outer = ">";
    {
        sink a(outer);
        a.append("[outer");
        std::string inner = "<";
        {
            sink b(inner);
            b.append(std::string(sink::max_kept + 10, 'i'));
            b.insert(1, "|");  // positions count from the string's start
        }
        BOOST_TEST(inner.size() == sink::max_kept + 12);
        BOOST_TEST(inner.substr(0, 4) == "<|ii");
        a.append("]");
        a.insert(2, "^");
        BOOST_TEST(a.size() == 9u);
        a.resize(8);
    }
    BOOST_TEST(outer == ">[^outer");
}

BOOST_AUTO_TEST_CASE(kept_unknown_members_are_written_back) {
    std::string doc = R"({"user":{"id":"u","RAX-AUTH:defaultRegion":"DFW","x":{"a":[1,true,null,"s",2.5]}}})";
    auto u = v2::from_json<v2::user>(doc, {.unknown = v2::unknown_policy::keep});
    BOOST_TEST(u.extra.members.size() == 2u);
    // Same JSON value (Boost.JSON spells 2.5 as 2.5E0).
    BOOST_TEST(boost::json::parse(v2::to_json(u)) == boost::json::parse(doc));
    BOOST_TEST(v2::to_json(u).find(R"("RAX-AUTH:defaultRegion":"DFW")") != std::string::npos);
    BOOST_TEST(v2::from_json<v2::user>(doc).extra.empty());
}

BOOST_AUTO_TEST_SUITE_END()
