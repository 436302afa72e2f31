#ifndef OPENSTACK_IDENTITY_V2_MODEL_TIMESTAMP_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_TIMESTAMP_HPP

#include <openstack/identity/v2/version.hpp>
#include <chrono>
#include <compare>
#include <cstddef>
#include <string>
#include <string_view>

#include <openstack/identity/v2/scalar.hpp>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

class timestamp {
public:
    using time_point = std::chrono::sys_time<std::chrono::microseconds>;

    constexpr timestamp() noexcept = default;
    constexpr explicit timestamp(time_point t, int digits = 0) noexcept
        : time_(t), digits_(digits < 0 ? 0 : digits > 6 ? 6 : digits) {}

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

constexpr char* ts_put(char* p, unsigned v, int width) noexcept {
    char* end = p + width;
    for (char* q = end; q != p;) {
        *--q = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    return end;
}

}  // namespace detail

template <>
struct scalar_traits<timestamp> {
    static constexpr std::string_view name = "timestamp";

    static constexpr const char* parse(std::string_view s, timestamp& out) noexcept {
        using namespace std::chrono;
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
        const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
        if (!ymd.ok()) return "day out of range for month";
        if (h > 23) return "hour out of range";
        if (mi > 59) return "minute out of range";
        if (se > 59) return "second out of range";

        const timestamp::time_point t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{se} + microseconds{micros} -
                                        minutes{offset};
        if (t < sys_days{year{1} / January / 1} || t >= sys_days{year{10000} / January / 1})
            return "timestamp out of range after timezone adjustment";
        out = timestamp{t, digits};
        return nullptr;
    }

    static void format(const timestamp& v, std::string& out) {
        using namespace std::chrono;
        using detail::ts_put;
        const timestamp::time_point t = v.time();
        const sys_days dp = floor<days>(t);
        const year_month_day ymd{dp};
        const hh_mm_ss<microseconds> hms{t - dp};

        char buf[40];
        char* p = buf;
        int y = static_cast<int>(ymd.year());
        if (y < 0) {
            *p++ = '-';
            y = -y;
        }
        p = ts_put(p, static_cast<unsigned>(y), y > 9999 ? 5 : 4);
        *p++ = '-';
        p = ts_put(p, static_cast<unsigned>(ymd.month()), 2);
        *p++ = '-';
        p = ts_put(p, static_cast<unsigned>(ymd.day()), 2);
        *p++ = 'T';
        p = ts_put(p, static_cast<unsigned>(hms.hours().count()), 2);
        *p++ = ':';
        p = ts_put(p, static_cast<unsigned>(hms.minutes().count()), 2);
        *p++ = ':';
        p = ts_put(p, static_cast<unsigned>(hms.seconds().count()), 2);
        if (const int n = v.fraction_digits(); n > 0) {
            *p++ = '.';
            unsigned frac = static_cast<unsigned>(hms.subseconds().count());
            for (int k = n; k < 6; ++k) frac /= 10;
            p = ts_put(p, frac, n);
        }
        *p++ = 'Z';
        out.append(buf, static_cast<std::size_t>(p - buf));
    }
};

}  // namespace openstack::identity::v2

#endif
