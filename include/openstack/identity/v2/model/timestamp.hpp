#ifndef OPENSTACK_IDENTITY_V2_MODEL_TIMESTAMP_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_TIMESTAMP_HPP

#include <openstack/identity/v2/version.hpp>
#include <compare>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <version>
#if defined(__cpp_lib_format)
#include <format>
#endif
// Clocks and durations only: with libstdc++, C++20's <chrono> adds the calendar and time zones,
// a twentieth of the compile cost of the core header, for nothing the model uses.
#if defined(__GLIBCXX__) && __has_include(<bits/chrono.h>)
#include <bits/chrono.h>
#else
#include <chrono>
#endif

#include <openstack/identity/v2/value.hpp>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

class timestamp {
public:
    using time_point = std::chrono::sys_time<std::chrono::microseconds>;

    constexpr timestamp() noexcept = default;
    constexpr explicit timestamp(time_point t, int digits = 0) noexcept
        : time_(t), digits_(digits < 0   ? 0
                            : digits > 6 ? 6
                                         : digits) {}

    // Six digits so that the text form carries the full value.
    static timestamp now() {
        return timestamp{std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now()), 6};
    }

    constexpr time_point time() const noexcept { return time_; }
    constexpr int fraction_digits() const noexcept { return digits_; }

    friend constexpr bool operator==(const timestamp& a, const timestamp& b) noexcept { return a.time_ == b.time_; }
    friend constexpr std::strong_ordering operator<=>(const timestamp& a, const timestamp& b) noexcept {
        return a.time_ <=> b.time_;
    }

private:
    time_point time_{};
    int digits_ = 0;
};

namespace detail {

constexpr bool ts_fixed(std::string_view s, std::size_t& i, std::size_t n, int& out) noexcept {
    if (s.size() - i < n) return false;
    int v = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const char c = s[i + k];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    i += n;
    out = v;
    return true;
}

constexpr bool ts_lit(std::string_view s, std::size_t& i, char a, char b = '\0') noexcept {
    if (i < s.size() && (s[i] == a || (b != '\0' && s[i] == b))) {
        ++i;
        return true;
    }
    return false;
}

constexpr char* ts_put(char* p, unsigned long long v, int width) noexcept {
    char* end = p + width;
    for (char* q = end; q != p;) {
        *--q = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    return end;
}

// Civil dates as day counts since 1970-01-01 (proleptic Gregorian), after H. Hinnant's
// algorithms: plain integer arithmetic, cheaper to compile and run than <chrono>'s calendar.
constexpr long long days_from_civil(long long y, unsigned m, unsigned d) noexcept {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

struct civil_date {
    long long year;
    unsigned month, day;
};

constexpr civil_date civil_from_days(long long z) noexcept {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<long long>(yoe) + era * 400 + (m <= 2), m, d};
}

constexpr unsigned days_in_month(long long y, unsigned m) noexcept {
    if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
    return (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
}

inline constexpr long long micros_per_day = 86'400'000'000;

}  // namespace detail

template <>
struct value_traits<timestamp> {
    static constexpr std::string_view name = "timestamp";
    static constexpr std::string_view description =
        "ISO 8601 date and time, YYYY-MM-DDThh:mm:ss[.fraction][Z|+hh:mm|-hh:mm]; no zone means UTC; written in "
        "UTC with Z and the fraction's digits as read (up to 6)";
    // YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm|±hhmm], months of 30 and 31 days, no year 0, no leap second,
    // no line break (a trailing "\n" would pass Python's `$`).
    static constexpr std::string_view pattern =
        "^(?!.*\\n)(?!0000)[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-"
        "(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|[12][0-9]))[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
        "(?:\\.[0-9]+)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):?[0-5][0-9])?$";
    static constexpr std::size_t min_length = 1;
    static constexpr std::string_view example = "2014-01-31T15:30:58Z";
    static constexpr std::string_view beyond =
        "February 29 in a year that is not a leap year, and instants that fall outside the years 1 to 9999 once "
        "the offset is applied";

    static constexpr const char* parse(std::string_view s, timestamp& out) noexcept {
        using detail::ts_fixed;
        using detail::ts_lit;
        constexpr const char* syntax =
            "expected an ISO 8601 timestamp (YYYY-MM-DDThh:mm:ss[.fraction][Z|+hh:mm|-hh:mm])";
        if (s.empty()) return "timestamp must not be empty";

        std::size_t i = 0;
        int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
        if (!ts_fixed(s, i, 4, y) || !ts_lit(s, i, '-') || !ts_fixed(s, i, 2, mo) || !ts_lit(s, i, '-') ||
            !ts_fixed(s, i, 2, d) || !ts_lit(s, i, 'T', 't') || !ts_fixed(s, i, 2, h) || !ts_lit(s, i, ':') ||
            !ts_fixed(s, i, 2, mi) || !ts_lit(s, i, ':') || !ts_fixed(s, i, 2, se))
            return syntax;

        long long micros = 0;
        int digits = 0;
        if (ts_lit(s, i, '.')) {
            const std::size_t start = i;
            for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i)
                if (i - start < 6) micros = micros * 10 + (s[i] - '0');
            const std::size_t n = i - start;
            if (n == 0) return syntax;
            digits = n < 6 ? static_cast<int>(n) : 6;
            for (int k = digits; k < 6; ++k) micros *= 10;
        }

        int offset = 0;
        if (i < s.size()) {
            const char c = s[i];
            if (c == 'Z' || c == 'z') {
                ++i;
            } else if (c == '+' || c == '-') {
                ++i;
                int oh = 0, om = 0;
                if (!ts_fixed(s, i, 2, oh)) return syntax;
                ts_lit(s, i, ':');
                if (!ts_fixed(s, i, 2, om)) return syntax;
                if (oh > 23 || om > 59) return "timezone offset out of range";
                offset = (oh * 60 + om) * (c == '-' ? -1 : 1);
            } else {
                return syntax;
            }
        }
        if (i != s.size()) return syntax;

        if (y < 1) return "year out of range";
        if (mo < 1 || mo > 12) return "month out of range";
        if (d < 1 || static_cast<unsigned>(d) > detail::days_in_month(y, static_cast<unsigned>(mo)))
            return "day out of range for month";
        if (h > 23) return "hour out of range";
        if (mi > 59) return "minute out of range";
        if (se > 59) return "second out of range";

        const long long day = detail::days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
        const long long us = day * detail::micros_per_day + ((h * 60LL + mi - offset) * 60 + se) * 1'000'000 + micros;
        if (us < detail::days_from_civil(1, 1, 1) * detail::micros_per_day ||
            us >= detail::days_from_civil(10000, 1, 1) * detail::micros_per_day)
            return "timestamp out of range after timezone adjustment";
        const timestamp::time_point t{std::chrono::microseconds{us}};
        out = timestamp{t, digits};
        return nullptr;
    }

    static void format(const timestamp& v, std::string& out) {
        using detail::ts_put;
        const long long us = v.time().time_since_epoch().count();
        long long day = us / detail::micros_per_day;
        long long rem = us % detail::micros_per_day;
        if (rem < 0) {
            rem += detail::micros_per_day;
            --day;
        }
        const detail::civil_date date = detail::civil_from_days(day);
        const auto secs = static_cast<unsigned>(rem / 1'000'000);

        char buf[40];
        char* p = buf;
        long long y = date.year;
        if (y < 0) {
            *p++ = '-';
            y = -y;
        }
        int width = 4;
        for (long long rest = y; rest > 9999; rest /= 10) ++width;
        p = ts_put(p, y, width);
        *p++ = '-';
        p = ts_put(p, date.month, 2);
        *p++ = '-';
        p = ts_put(p, date.day, 2);
        *p++ = 'T';
        p = ts_put(p, secs / 3600, 2);
        *p++ = ':';
        p = ts_put(p, secs / 60 % 60, 2);
        *p++ = ':';
        p = ts_put(p, secs % 60, 2);
        if (const int n = v.fraction_digits(); n > 0) {
            *p++ = '.';
            auto frac = static_cast<unsigned>(rem % 1'000'000);
            for (int k = n; k < 6; ++k) frac /= 10;
            p = ts_put(p, frac, n);
        }
        *p++ = 'Z';
        out.append(buf, static_cast<std::size_t>(p - buf));
    }
};

// The wire text: "2026-12-07T14:00:00Z", with the fraction digits the timestamp keeps.
inline std::string to_string(const timestamp& t) {
    std::string s;
    value_traits<timestamp>::format(t, s);
    return s;
}

// As to_string. A template, so that this header needs only <iosfwd>.
template <class Traits>
std::basic_ostream<char, Traits>& operator<<(std::basic_ostream<char, Traits>& os, const timestamp& t) {
    return os << to_string(t);
}

}  // namespace openstack::identity::v2

// std::format("{}", t) and its width, fill and alignment, as for a string: where the standard
// library has <format> (libstdc++ 13, libc++ 17); GCC 12's has not.
#if defined(__cpp_lib_format)
template <>
struct std::formatter<OPENSTACK_IDENTITY_V2_NAMESPACE::timestamp, char> : std::formatter<std::string_view, char> {
    template <class Context>
    auto format(const OPENSTACK_IDENTITY_V2_NAMESPACE::timestamp& t, Context& ctx) const {
        return std::formatter<std::string_view, char>::format(OPENSTACK_IDENTITY_V2_NAMESPACE::to_string(t), ctx);
    }
};
#endif

#endif
