#ifndef OPENSTACK_IDENTITY_V2_MODEL_VERSION_STATUS_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_VERSION_STATUS_HPP

#include <openstack/identity/v2/version.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include <openstack/identity/v2/value.hpp>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

class version_status {
public:
    enum kind { current, supported, deprecated, experimental, unknown };

    version_status() = default;
    explicit version_status(kind k);
    explicit version_status(std::string spelling) : kind_(classify(spelling)), spelling_(std::move(spelling)) {}

    kind value() const noexcept { return kind_; }
    const std::string& spelling() const noexcept { return spelling_; }

    friend bool operator==(const version_status&, const version_status&) = default;

    static constexpr kind classify(std::string_view s) noexcept {
        if (iequals(s, "current") || iequals(s, "stable")) return current;
        if (iequals(s, "supported")) return supported;
        if (iequals(s, "deprecated")) return deprecated;
        if (iequals(s, "experimental") || iequals(s, "beta") || iequals(s, "alpha")) return experimental;
        return unknown;
    }

private:
    static constexpr bool iequals(std::string_view a, std::string_view lower) noexcept {
        if (a.size() != lower.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            const char c = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
            if (c != lower[i]) return false;
        }
        return true;
    }

    kind kind_ = unknown;
    std::string spelling_;
};

constexpr std::string_view to_string(version_status::kind k) noexcept {
    switch (k) {
    case version_status::current: return "CURRENT";
    case version_status::supported: return "SUPPORTED";
    case version_status::deprecated: return "DEPRECATED";
    case version_status::experimental: return "EXPERIMENTAL";
    case version_status::unknown: break;
    }
    return "UNKNOWN";
}

// Classifying the canonical spelling maps out-of-range enumerator values to unknown.
inline version_status::version_status(kind k) : kind_(classify(to_string(k))), spelling_(to_string(k)) {}

template <>
struct value_traits<version_status> {
    static constexpr std::string_view name = "version status";
    static constexpr std::string_view description =
        "not empty; CURRENT, SUPPORTED, DEPRECATED, EXPERIMENTAL (any case, and stable, beta, alpha) are recognised, "
        "others are kept as unknown; written as read";
    static constexpr std::size_t min_length = 1;
    static constexpr std::string_view example = "CURRENT";

    static const char* parse(std::string_view text, version_status& out) {
        if (text.empty()) return "version status must not be empty";
        out = version_status{std::string(text)};
        return nullptr;
    }

    static void format(const version_status& v, std::string& out) { out += v.spelling(); }
};

}  // namespace openstack::identity::v2

#endif
