#include <boost/test/unit_test.hpp>

#include <openstack/identity/v2/model/version_status.hpp>

#include <string>
#include <string_view>
#include <vector>

BOOST_AUTO_TEST_SUITE(version_status_test)

namespace v2 = openstack::identity::v2;
using v2::version_status;
using traits = v2::value_traits<version_status>;
using namespace std::string_view_literals;

namespace {

std::string message_of(const char* m) { return m ? m : "<success>"; }

std::string format(const version_status& v) {
    std::string out;
    traits::format(v, out);
    return out;
}

int as_int(version_status::kind k) { return static_cast<int>(k); }

struct spelling_case {
    std::string_view spelling;
    version_status::kind expected;
};

const std::vector<spelling_case> spelling_cases = {
    {"CURRENT", version_status::current},
    {"current", version_status::current},
    {"Current", version_status::current},
    {"cUrReNt", version_status::current},
    {"stable", version_status::current},
    {"STABLE", version_status::current},
    {"Stable", version_status::current},
    {"SUPPORTED", version_status::supported},
    {"supported", version_status::supported},
    {"Supported", version_status::supported},
    {"DEPRECATED", version_status::deprecated},
    {"deprecated", version_status::deprecated},
    {"Deprecated", version_status::deprecated},
    {"EXPERIMENTAL", version_status::experimental},
    {"experimental", version_status::experimental},
    {"beta", version_status::experimental},
    {"BETA", version_status::experimental},
    {"Beta", version_status::experimental},
    {"alpha", version_status::experimental},
    {"ALPHA", version_status::experimental},
    {"UNKNOWN", version_status::unknown},
    {"unknown", version_status::unknown},
    {"retired", version_status::unknown},
    {"DEVELOPMENT", version_status::unknown},
    {"x", version_status::unknown},
    {" ", version_status::unknown},
    {" current", version_status::unknown},
    {"current ", version_status::unknown},
    {"cur rent", version_status::unknown},
    {"curren", version_status::unknown},
    {"currents", version_status::unknown},
    {"stable-1", version_status::unknown},
    {"rc", version_status::unknown},
    {"CURRENT\0"sv, version_status::unknown},
    {"\0"sv, version_status::unknown},
    {"\xC3\x9F"
     "eta",
     version_status::unknown},
    {"\xEF\xBC\xA3URRENT", version_status::unknown},
};

}  // namespace

static_assert(v2::custom_value<version_status>);
static_assert(traits::name == "version status");
static_assert(v2::to_string(version_status::current) == "CURRENT");
static_assert(version_status::classify("Beta") == version_status::experimental);
static_assert(version_status::classify("betas") == version_status::unknown);

BOOST_AUTO_TEST_CASE(classifies_and_keeps_spelling) {
    for (const auto& c : spelling_cases) {
        BOOST_TEST_CONTEXT("spelling: " << std::string(c.spelling) << " (length " << c.spelling.size() << ")") {
            version_status v;
            BOOST_TEST(message_of(traits::parse(c.spelling, v)) == "<success>");
            BOOST_TEST(as_int(v.value()) == as_int(c.expected));
            BOOST_TEST(v.spelling().size() == c.spelling.size());
            BOOST_TEST(v.spelling() == c.spelling);
            BOOST_TEST(format(v) == c.spelling);
            BOOST_TEST(as_int(version_status::classify(c.spelling)) == as_int(c.expected));

            const version_status constructed{std::string(c.spelling)};
            BOOST_TEST((constructed == v));
        }
    }
}

BOOST_AUTO_TEST_CASE(round_trip_is_exact) {
    for (const auto& c : spelling_cases) {
        BOOST_TEST_CONTEXT("spelling: " << std::string(c.spelling)) {
            version_status first;
            BOOST_TEST(message_of(traits::parse(c.spelling, first)) == "<success>");
            version_status second;
            BOOST_TEST(message_of(traits::parse(format(first), second)) == "<success>");
            BOOST_TEST((second == first));
            BOOST_TEST(format(second) == c.spelling);
        }
    }
}

BOOST_AUTO_TEST_CASE(rejects_empty) {
    version_status v{version_status::deprecated};
    BOOST_TEST(message_of(traits::parse("", v)) == "version status must not be empty");
    BOOST_TEST(as_int(v.value()) == as_int(version_status::deprecated));
    BOOST_TEST(v.spelling() == "DEPRECATED");
}

BOOST_AUTO_TEST_CASE(constructs_from_kind_with_canonical_spelling) {
    struct kind_case {
        version_status::kind k;
        std::string_view canonical;
    };
    const std::vector<kind_case> cases = {
        {version_status::current, "CURRENT"},       {version_status::supported, "SUPPORTED"},
        {version_status::deprecated, "DEPRECATED"}, {version_status::experimental, "EXPERIMENTAL"},
        {version_status::unknown, "UNKNOWN"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT("kind: " << as_int(c.k)) {
            const version_status v{c.k};
            BOOST_TEST(as_int(v.value()) == as_int(c.k));
            BOOST_TEST(v.spelling() == c.canonical);
            BOOST_TEST(v2::to_string(c.k) == c.canonical);
            BOOST_TEST(format(v) == c.canonical);

            version_status back;
            BOOST_TEST(message_of(traits::parse(format(v), back)) == "<success>");
            BOOST_TEST((back == v));
        }
    }
}

BOOST_AUTO_TEST_CASE(out_of_range_kind_becomes_unknown) {
    const auto bogus = static_cast<version_status::kind>(7);
    BOOST_TEST(v2::to_string(bogus) == "UNKNOWN");
    const version_status v{bogus};
    BOOST_TEST(as_int(v.value()) == as_int(version_status::unknown));
    BOOST_TEST(v.spelling() == "UNKNOWN");
}

BOOST_AUTO_TEST_CASE(equality_compares_kind_and_spelling) {
    const version_status canonical{version_status::current};
    BOOST_TEST((canonical == version_status{std::string("CURRENT")}));
    BOOST_TEST((canonical != version_status{std::string("current")}));
    BOOST_TEST((canonical != version_status{std::string("stable")}));
    BOOST_TEST((canonical != version_status{version_status::supported}));
    BOOST_TEST((version_status{std::string("beta")} != version_status{std::string("alpha")}));
    BOOST_TEST((version_status{std::string("beta")} == version_status{std::string("beta")}));
}

BOOST_AUTO_TEST_CASE(default_is_unknown_and_empty) {
    const version_status v;
    BOOST_TEST(as_int(v.value()) == as_int(version_status::unknown));
    BOOST_TEST(v.spelling().empty());
    BOOST_TEST(format(v).empty());
    BOOST_TEST((v != version_status{version_status::unknown}));
}

BOOST_AUTO_TEST_CASE(format_appends) {
    std::string out = "status=";
    traits::format(version_status{std::string("stable")}, out);
    BOOST_TEST(out == "status=stable");
}

BOOST_AUTO_TEST_SUITE_END()
