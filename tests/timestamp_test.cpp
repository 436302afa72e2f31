#include <boost/test/unit_test.hpp>

#include <openstack/identity/v2/model/timestamp.hpp>

#include <chrono>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

BOOST_AUTO_TEST_SUITE(timestamp_test)

namespace v2 = openstack::identity::v2;
using v2::timestamp;
using traits = v2::value_traits<timestamp>;
using namespace std::chrono;
using namespace std::string_view_literals;

namespace {

constexpr timestamp::time_point utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0,
                                    std::int64_t us = 0) {
    return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s} + microseconds{us};
}

std::int64_t ticks(timestamp::time_point t) { return t.time_since_epoch().count(); }

std::string message_of(const char* m) { return m ? m : "<success>"; }

std::string format(const timestamp& t) {
    std::string out;
    traits::format(t, out);
    return out;
}

constexpr std::string_view syntax_error =
    "expected an ISO 8601 timestamp (YYYY-MM-DDThh:mm:ss[.fraction][Z|+hh:mm|-hh:mm])";

struct good_case {
    std::string_view input;
    timestamp::time_point expected;
    int digits;
    std::string_view formatted;
};

const std::vector<good_case> good_cases = {
    {"2014-01-31T15:30:58Z", utc(2014, 1, 31, 15, 30, 58), 0, "2014-01-31T15:30:58Z"},
    {"2014-01-30T15:30:58.819584", utc(2014, 1, 30, 15, 30, 58, 819584), 6, "2014-01-30T15:30:58.819584Z"},
    {"2017-08-17T05:55:07.000000Z", utc(2017, 8, 17, 5, 55, 7), 6, "2017-08-17T05:55:07.000000Z"},
    {"2010-11-01T03:32:15-05:00", utc(2010, 11, 1, 8, 32, 15), 0, "2010-11-01T08:32:15Z"},
    {"2011-01-12T11:22:33-06:00", utc(2011, 1, 12, 17, 22, 33), 0, "2011-01-12T17:22:33Z"},
    {"2010-12-12T18:30:02.25Z", utc(2010, 12, 12, 18, 30, 2, 250000), 2, "2010-12-12T18:30:02.25Z"},
    {"2010-12-12T18:30:02.2Z", utc(2010, 12, 12, 18, 30, 2, 200000), 1, "2010-12-12T18:30:02.2Z"},
    {"2010-12-12T18:30:02.123Z", utc(2010, 12, 12, 18, 30, 2, 123000), 3, "2010-12-12T18:30:02.123Z"},
    {"2010-12-12T18:30:02.0001Z", utc(2010, 12, 12, 18, 30, 2, 100), 4, "2010-12-12T18:30:02.0001Z"},
    {"2010-12-12T18:30:02.00001Z", utc(2010, 12, 12, 18, 30, 2, 10), 5, "2010-12-12T18:30:02.00001Z"},
    {"2010-12-12T18:30:02.000001Z", utc(2010, 12, 12, 18, 30, 2, 1), 6, "2010-12-12T18:30:02.000001Z"},
    {"2010-12-12T18:30:02.1234567Z", utc(2010, 12, 12, 18, 30, 2, 123456), 6, "2010-12-12T18:30:02.123456Z"},
    {"2010-12-12T18:30:02.123456789Z", utc(2010, 12, 12, 18, 30, 2, 123456), 6, "2010-12-12T18:30:02.123456Z"},
    {"2010-12-12T18:30:02.99999999999999999999999Z", utc(2010, 12, 12, 18, 30, 2, 999999), 6,
     "2010-12-12T18:30:02.999999Z"},
    {"2014-01-31t15:30:58z", utc(2014, 1, 31, 15, 30, 58), 0, "2014-01-31T15:30:58Z"},
    {"2014-01-31T15:30:58", utc(2014, 1, 31, 15, 30, 58), 0, "2014-01-31T15:30:58Z"},
    {"2014-01-31T15:30:58+05:30", utc(2014, 1, 31, 10, 0, 58), 0, "2014-01-31T10:00:58Z"},
    {"2014-01-31T15:30:58+0530", utc(2014, 1, 31, 10, 0, 58), 0, "2014-01-31T10:00:58Z"},
    {"2014-01-31T15:30:58-0130", utc(2014, 1, 31, 17, 0, 58), 0, "2014-01-31T17:00:58Z"},
    {"2014-01-31T15:30:58+00:00", utc(2014, 1, 31, 15, 30, 58), 0, "2014-01-31T15:30:58Z"},
    {"2014-01-31T15:30:58-00:00", utc(2014, 1, 31, 15, 30, 58), 0, "2014-01-31T15:30:58Z"},
    {"2014-01-31T15:30:58.819584+01:00", utc(2014, 1, 31, 14, 30, 58, 819584), 6, "2014-01-31T14:30:58.819584Z"},
    {"2014-01-01T01:00:00+02:00", utc(2013, 12, 31, 23), 0, "2013-12-31T23:00:00Z"},
    {"2013-12-31T23:30:00-01:00", utc(2014, 1, 1, 0, 30), 0, "2014-01-01T00:30:00Z"},
    {"2016-02-28T23:00:00-01:00", utc(2016, 2, 29), 0, "2016-02-29T00:00:00Z"},
    {"2014-01-31T00:00:00-23:59", utc(2014, 1, 31, 23, 59), 0, "2014-01-31T23:59:00Z"},
    {"2014-01-31T23:59:00+23:59", utc(2014, 1, 31), 0, "2014-01-31T00:00:00Z"},
    {"2016-02-29T00:00:00Z", utc(2016, 2, 29), 0, "2016-02-29T00:00:00Z"},
    {"2000-02-29T12:00:00Z", utc(2000, 2, 29, 12), 0, "2000-02-29T12:00:00Z"},
    {"2014-12-31T23:59:59Z", utc(2014, 12, 31, 23, 59, 59), 0, "2014-12-31T23:59:59Z"},
    {"1970-01-01T00:00:00Z", utc(1970, 1, 1), 0, "1970-01-01T00:00:00Z"},
    {"1969-12-31T23:59:59.5Z", utc(1969, 12, 31, 23, 59, 59, 500000), 1, "1969-12-31T23:59:59.5Z"},
    {"0001-01-01T00:00:00Z", utc(1, 1, 1), 0, "0001-01-01T00:00:00Z"},
    {"0001-01-01T00:00:00-01:00", utc(1, 1, 1, 1), 0, "0001-01-01T01:00:00Z"},
    {"0999-06-15T08:09:10Z", utc(999, 6, 15, 8, 9, 10), 0, "0999-06-15T08:09:10Z"},
    {"9999-12-31T23:59:59.999999Z", utc(9999, 12, 31, 23, 59, 59, 999999), 6, "9999-12-31T23:59:59.999999Z"},
    {"9999-12-31T23:00:00+01:00", utc(9999, 12, 31, 22), 0, "9999-12-31T22:00:00Z"},
};

struct bad_case {
    std::string_view input;
    std::string_view message;
};

const std::vector<bad_case> bad_cases = {
    {"", "timestamp must not be empty"},
    {"2014-01-31", syntax_error},
    {"2014-01-31T", syntax_error},
    {"2014-01-31T15:30Z", syntax_error},
    {"2014-01-31T15:30", syntax_error},
    {"2014-01-31T15:30:5Z", syntax_error},
    {"2014-01-31T15:30:58Zjunk", syntax_error},
    {"2014-01-31T15:30:58ZZ", syntax_error},
    {"2014-01-31T15:30:58 ", syntax_error},
    {" 2014-01-31T15:30:58Z", syntax_error},
    {"2014-01-31 15:30:58Z", syntax_error},
    {"2014-01-31X15:30:58Z", syntax_error},
    {"2014/01/31T15:30:58Z", syntax_error},
    {"2014-01-31T15.30.58Z", syntax_error},
    {"2014-1-31T15:30:58Z", syntax_error},
    {"2014-01-3T15:30:58Z", syntax_error},
    {"2014-01-31T5:30:58Z", syntax_error},
    {"14-01-31T15:30:58Z", syntax_error},
    {"+2014-01-31T15:30:58Z", syntax_error},
    {"-2014-01-31T15:30:58Z", syntax_error},
    {"10000-01-01T00:00:00Z", syntax_error},
    {"2014-01-31T15:30:58.", syntax_error},
    {"2014-01-31T15:30:58.Z", syntax_error},
    {"2014-01-31T15:30:58,5Z", syntax_error},
    {"2014-01-31T15:30:58.12a", syntax_error},
    {"2014-01-31T15:30:58.-1Z", syntax_error},
    {"2014-01-31T15:30:58+05", syntax_error},
    {"2014-01-31T15:30:58+5:00", syntax_error},
    {"2014-01-31T15:30:58+05:3", syntax_error},
    {"2014-01-31T15:30:58+05:", syntax_error},
    {"2014-01-31T15:30:58+", syntax_error},
    {"2014-01-31T15:30:58+05:30Z", syntax_error},
    {"2014-01-31T15:30:58Z+01:00", syntax_error},
    {"2014-01-31T15:30:58 +01:00", syntax_error},
    {"2014-01-31T15:30:58UTC", syntax_error},
    {"2014-0a-31T15:30:58Z", syntax_error},
    {"2014-01-31T15:30:58\0Z"sv, syntax_error},
    {"2014-01-31T15:30:58Z\0"sv, syntax_error},
    {"2014-01-31\0T15:30:58Z"sv, syntax_error},
    {"\0"sv, syntax_error},
    {"2014-01-31T15:30:58+24:00", "timezone offset out of range"},
    {"2014-01-31T15:30:58-99:00", "timezone offset out of range"},
    {"2014-01-31T15:30:58+05:60", "timezone offset out of range"},
    {"0000-01-01T00:00:00Z", "year out of range"},
    {"2014-00-10T00:00:00Z", "month out of range"},
    {"2014-13-10T00:00:00Z", "month out of range"},
    {"2014-99-10T00:00:00Z", "month out of range"},
    {"2014-02-30T00:00:00Z", "day out of range for month"},
    {"2013-02-29T00:00:00Z", "day out of range for month"},
    {"1900-02-29T00:00:00Z", "day out of range for month"},
    {"2014-04-31T00:00:00Z", "day out of range for month"},
    {"2014-01-00T00:00:00Z", "day out of range for month"},
    {"2014-01-32T00:00:00Z", "day out of range for month"},
    {"2014-01-31T24:00:00Z", "hour out of range"},
    {"2014-01-31T99:00:00Z", "hour out of range"},
    {"2014-01-31T23:60:00Z", "minute out of range"},
    {"2014-12-31T23:59:60Z", "second out of range"},
    {"2014-12-31T23:59:61Z", "second out of range"},
    {"0001-01-01T00:00:00+00:01", "timestamp out of range after timezone adjustment"},
    {"9999-12-31T23:59:59-00:01", "timestamp out of range after timezone adjustment"},
};

}  // namespace

static_assert(v2::custom_value<timestamp>);
static_assert(traits::name == "timestamp");
static_assert([] {
    timestamp t;
    return traits::parse("2010-11-01T03:32:15.5-05:00", t) == nullptr &&
           t.time() == utc(2010, 11, 1, 8, 32, 15, 500000) && t.fraction_digits() == 1;
}());

BOOST_AUTO_TEST_CASE(parses_good_inputs) {
    for (const auto& c : good_cases) {
        BOOST_TEST_CONTEXT("input: " << c.input) {
            timestamp t;
            BOOST_TEST(message_of(traits::parse(c.input, t)) == "<success>");
            BOOST_TEST(ticks(t.time()) == ticks(c.expected));
            BOOST_TEST(t.fraction_digits() == c.digits);
            BOOST_TEST(format(t) == c.formatted);
        }
    }
}

BOOST_AUTO_TEST_CASE(rejects_bad_inputs) {
    const timestamp sentinel{utc(2000, 1, 2, 3, 4, 5, 600000), 3};
    for (const auto& c : bad_cases) {
        BOOST_TEST_CONTEXT("input: " << std::string(c.input) << " (length " << c.input.size() << ")") {
            timestamp t = sentinel;
            BOOST_TEST(message_of(traits::parse(c.input, t)) == c.message);
            BOOST_TEST(ticks(t.time()) == ticks(sentinel.time()));
            BOOST_TEST(t.fraction_digits() == 3);
        }
    }
}

BOOST_AUTO_TEST_CASE(round_trips) {
    for (const auto& c : good_cases) {
        BOOST_TEST_CONTEXT("input: " << c.input) {
            timestamp first;
            BOOST_TEST(message_of(traits::parse(c.input, first)) == "<success>");
            const std::string text = format(first);
            timestamp second;
            BOOST_TEST(message_of(traits::parse(text, second)) == "<success>");
            BOOST_TEST(ticks(second.time()) == ticks(first.time()));
            BOOST_TEST(second.fraction_digits() == first.fraction_digits());
            BOOST_TEST(format(second) == text);
        }
    }
}

BOOST_AUTO_TEST_CASE(canonical_text_is_unchanged) {
    for (std::string_view text : {"2014-01-31T15:30:58Z", "2014-01-30T15:30:58.819584Z", "2017-08-17T05:55:07.000000Z",
                                  "2010-12-12T18:30:02.25Z", "2010-12-12T18:30:02.050Z", "0001-01-01T00:00:00.0Z",
                                  "9999-12-31T23:59:59.99999Z"}) {
        BOOST_TEST_CONTEXT("text: " << text) {
            timestamp t;
            BOOST_TEST(message_of(traits::parse(text, t)) == "<success>");
            BOOST_TEST(format(t) == text);
        }
    }
}

BOOST_AUTO_TEST_CASE(format_appends) {
    std::string out = "expires=";
    traits::format(timestamp{utc(2014, 1, 31, 15, 30, 58)}, out);
    BOOST_TEST(out == "expires=2014-01-31T15:30:58Z");
}

// Printed as on the wire, with the fraction digits it keeps: to_string, and << on any ostream.
BOOST_AUTO_TEST_CASE(prints_as_on_the_wire) {
    timestamp t;
    BOOST_TEST_REQUIRE(message_of(traits::parse("2010-11-01T03:32:15.250-05:00", t)) == "<success>");
    BOOST_TEST(to_string(t) == "2010-11-01T08:32:15.250Z");
    std::ostringstream os;
    os << "expires " << t << " / " << timestamp{utc(2014, 1, 31, 15, 30, 58)};
    BOOST_TEST(os.str() == "expires 2010-11-01T08:32:15.250Z / 2014-01-31T15:30:58Z");
#if defined(__cpp_lib_format)
    BOOST_TEST(std::format("[{:>26}]", t) == "[  2010-11-01T08:32:15.250Z]");
#endif
}

BOOST_AUTO_TEST_CASE(equality_ignores_fraction_digits) {
    timestamp a, b, c, d;
    BOOST_TEST(message_of(traits::parse("2010-11-01T03:32:15-05:00", a)) == "<success>");
    BOOST_TEST(message_of(traits::parse("2010-11-01T08:32:15Z", b)) == "<success>");
    BOOST_TEST(message_of(traits::parse("2010-11-01T08:32:15.000000Z", c)) == "<success>");
    BOOST_TEST(message_of(traits::parse("2010-11-01T08:32:15.000001Z", d)) == "<success>");
    BOOST_TEST((a == b));
    BOOST_TEST((b == c));
    BOOST_TEST(c.fraction_digits() != b.fraction_digits());
    BOOST_TEST((c != d));
    BOOST_TEST(((a <=> c) == std::strong_ordering::equal));
    BOOST_TEST(((c <=> d) == std::strong_ordering::less));
    BOOST_TEST(((d <=> c) == std::strong_ordering::greater));
}

BOOST_AUTO_TEST_CASE(ordering) {
    const std::vector<std::string_view> ascending = {
        "0001-01-01T00:00:00Z",        "1969-12-31T23:59:59.999999Z", "1970-01-01T00:00:00Z",
        "1970-01-01T00:00:00.000001Z", "2010-11-01T08:32:14.999999Z", "2010-11-01T03:32:15-05:00",
        "2010-11-01T08:32:15.25",      "2010-11-01T10:32:16+02:00",   "2014-01-31T15:30:58Z",
        "2014-01-31T15:30:59+00:00",   "9999-12-31T23:59:59.999999Z",
    };
    std::vector<timestamp> parsed;
    for (auto text : ascending) {
        timestamp t;
        BOOST_TEST_CONTEXT("text: " << text) { BOOST_TEST(message_of(traits::parse(text, t)) == "<success>"); }
        parsed.push_back(t);
    }
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        for (std::size_t j = 0; j < parsed.size(); ++j) {
            BOOST_TEST_CONTEXT(ascending[i] << " vs " << ascending[j]) {
                BOOST_TEST((parsed[i] < parsed[j]) == (i < j));
                BOOST_TEST((parsed[i] == parsed[j]) == (i == j));
                BOOST_TEST((parsed[i] >= parsed[j]) == (i >= j));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(constructors_and_accessors) {
    const timestamp epoch;
    BOOST_TEST(ticks(epoch.time()) == 0);
    BOOST_TEST(epoch.fraction_digits() == 0);
    BOOST_TEST(format(epoch) == "1970-01-01T00:00:00Z");

    const auto t = utc(2014, 1, 30, 15, 30, 58, 819584);
    BOOST_TEST(ticks(timestamp{t}.time()) == ticks(t));
    BOOST_TEST(timestamp{t}.fraction_digits() == 0);
    BOOST_TEST(timestamp(t, 3).fraction_digits() == 3);
    BOOST_TEST(timestamp(t, 9).fraction_digits() == 6);
    BOOST_TEST(timestamp(t, -1).fraction_digits() == 0);

    BOOST_TEST(format(timestamp{t}) == "2014-01-30T15:30:58Z");
    BOOST_TEST(format(timestamp(t, 2)) == "2014-01-30T15:30:58.81Z");
    BOOST_TEST(format(timestamp(t, 6)) == "2014-01-30T15:30:58.819584Z");
    BOOST_TEST(format(timestamp(t, 9)) == "2014-01-30T15:30:58.819584Z");
}

BOOST_AUTO_TEST_CASE(formats_years_outside_parse_range) {
    BOOST_TEST(format(timestamp{utc(-1, 3, 4, 5, 6, 7)}) == "-0001-03-04T05:06:07Z");
    BOOST_TEST(format(timestamp{utc(0, 12, 31, 23, 59, 59)}) == "0000-12-31T23:59:59Z");
    BOOST_TEST(format(timestamp(utc(12345, 1, 2, 3, 4, 5, 6), 6)) == "12345-01-02T03:04:05.000006Z");
}

BOOST_AUTO_TEST_CASE(now_round_trips) {
    const auto before = floor<microseconds>(system_clock::now());
    const timestamp n = timestamp::now();
    const auto after = floor<microseconds>(system_clock::now());
    BOOST_TEST(ticks(n.time()) >= ticks(before));
    BOOST_TEST(ticks(n.time()) <= ticks(after));
    BOOST_TEST(n.fraction_digits() == 6);

    timestamp back;
    BOOST_TEST(message_of(traits::parse(format(n), back)) == "<success>");
    BOOST_TEST(ticks(back.time()) == ticks(n.time()));
}

// The integer calendar agrees with <chrono>'s on every day the text form can carry, and beyond.
BOOST_AUTO_TEST_CASE(calendar_matches_chrono) {
    const long long first = sys_days{year{-1000} / January / 1}.time_since_epoch().count();
    const long long final_day = sys_days{year{12000} / December / 31}.time_since_epoch().count();
    long long mismatches = 0;
    for (long long z = first; z <= final_day; ++z) {
        const year_month_day ymd{sys_days{days{z}}};
        const auto c = v2::detail::civil_from_days(z);
        const auto m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
        if (c.year != int(ymd.year()) || c.month != m || c.day != d || v2::detail::days_from_civil(c.year, m, d) != z ||
            v2::detail::days_in_month(c.year, m) != unsigned((ymd.year() / ymd.month() / last).day()))
            ++mismatches;
    }
    BOOST_TEST(mismatches == 0);
}

BOOST_AUTO_TEST_SUITE_END()
