#ifndef OPENSTACK_IDENTITY_V2_HTTP_HPP
#define OPENSTACK_IDENTITY_V2_HTTP_HPP

// HTTP helpers shared by servers and clients, with no transport: media types, Accept and
// Content-Type negotiation, and fault bodies.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/json.hpp>
#include <openstack/identity/v2/model/fault.hpp>
#include <openstack/identity/v2/options.hpp>
#include <openstack/identity/v2/xml.hpp>

#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::http {

// The two representations of every v2.0 document.
enum class media : unsigned char { json, xml };

constexpr std::string_view content_type(media m) noexcept {
    return m == media::xml ? "application/xml" : "application/json";
}

// HTTP reason phrase: the fault table's, and those of the statuses no fault kind has.
constexpr std::string_view status_title(int status) noexcept {
    for (const fault_row& r : fault_table)
        if (r.status == status) return r.title;
    return status == 410 ? "Gone" : status == 501 ? "Not Implemented" : "Error";
}

// The default limit on request bodies (Keystone's max_request_body_size).
inline constexpr std::size_t default_body_limit = 114688;

namespace detail {

constexpr char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

constexpr std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

constexpr bool iends_with(std::string_view s, std::string_view suffix) noexcept {
    return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

// "type/subtype" of a media type, parameters stripped and trimmed.
constexpr std::string_view essence(std::string_view s) noexcept {
    if (auto semi = s.find(';'); semi != std::string_view::npos) s = s.substr(0, semi);
    return trim(s);
}

// The media a "type/subtype" names: JSON, XML or neither. Vendor types count by their suffix
// (application/vnd.openstack.identity-v2.0+json).
constexpr std::optional<media> classify(std::string_view t) noexcept {
    if (iequals(t, "application/json") ||
        (t.size() > 12 && iequals(t.substr(0, 12), "application/") && iends_with(t, "+json")))
        return media::json;
    if (iequals(t, "application/xml") || iequals(t, "text/xml") ||
        (t.size() > 12 && iequals(t.substr(0, 12), "application/") && iends_with(t, "+xml")))
        return media::xml;
    return std::nullopt;
}

// The q parameter of one Accept entry (1 when absent, 0 when unparsable).
constexpr int quality(std::string_view entry) noexcept {
    std::size_t pos = entry.find(';');
    while (pos != std::string_view::npos) {
        std::string_view rest = entry.substr(pos + 1);
        std::size_t next = rest.find(';');
        std::string_view param = trim(rest.substr(0, next));
        if (param.size() >= 2 && lower(param[0]) == 'q' && param[1] == '=') {
            std::string_view v = param.substr(2);
            int whole = 0, frac = 0, fdigits = 0;
            std::size_t i = 0;
            if (i >= v.size() || v[i] < '0' || v[i] > '9') return 0;
            // Only whether the whole part is at least 1 matters: it stops growing there (no overflow).
            while (i < v.size() && v[i] >= '0' && v[i] <= '9') {
                if (whole < 10) whole = whole * 10 + (v[i] - '0');
                ++i;
            }
            if (i < v.size() && v[i] == '.') {
                ++i;
                while (i < v.size() && v[i] >= '0' && v[i] <= '9') {
                    if (fdigits < 3) {
                        frac = frac * 10 + (v[i] - '0');
                        ++fdigits;
                    }
                    ++i;
                }
            }
            if (i != v.size()) return 0;
            while (fdigits < 3) {
                frac *= 10;
                ++fdigits;
            }
            const int thousandths = whole >= 1 ? 1000 : frac;
            return thousandths;
        }
        pos = next == std::string_view::npos ? std::string_view::npos : pos + 1 + next;
    }
    return 1000;
}

}  // namespace detail

// The response media for an Accept header. No Accept, an empty one, */* or application/* give
// JSON; XML only when asked for by name with at least JSON's quality. Returns nullopt when the
// header accepts neither (a server may answer 406 or, like Keystone, JSON anyway).
constexpr std::optional<media> negotiate(std::string_view accept) noexcept {
    accept = detail::trim(accept);
    if (accept.empty()) return media::json;
    // For each media: the quality of its most specific matching range (2 exact, 1 wildcard).
    int q[2] = {-1, -1}, spec[2] = {0, 0};
    while (!accept.empty()) {
        std::size_t comma = accept.find(',');
        std::string_view entry = accept.substr(0, comma);
        accept = comma == std::string_view::npos ? std::string_view{} : accept.substr(comma + 1);
        std::string_view type = detail::essence(entry);
        if (type.empty()) continue;
        const int qv = detail::quality(entry);
        auto apply = [&](int i, int s) {
            if (s > spec[i] || (s == spec[i] && qv > q[i])) {
                spec[i] = s;
                q[i] = qv;
            }
        };
        if (auto m = detail::classify(type)) {
            apply(static_cast<int>(*m), 3);
        } else if (detail::iequals(type, "*/*")) {
            apply(0, 1);
            apply(1, 1);
        } else if (detail::iequals(type, "application/*")) {
            apply(0, 2);
            apply(1, 2);
        } else if (detail::iequals(type, "text/*")) {
            apply(1, 2);
        }
    }
    const bool json_ok = q[0] > 0, xml_ok = q[1] > 0;
    if (xml_ok && (!json_ok || q[1] > q[0] || (q[1] == q[0] && spec[1] > spec[0]))) return media::xml;
    if (json_ok) return media::json;
    return std::nullopt;
}

// The media of a request body from its Content-Type. An absent or empty header counts as JSON
// (as Keystone did); anything that is neither JSON nor XML is nullopt (415).
constexpr std::optional<media> body_media(std::string_view content_type) noexcept {
    std::string_view t = detail::essence(content_type);
    if (t.empty()) return media::json;
    return detail::classify(t);
}

// How fault documents are written, per media.
struct fault_options {
    fault_style json = fault_style::both;
    xml_options xml{};
};

// The body of a fault answer in the given media. (A template only so that a TU that
// never writes a fault does not instantiate both writers.)
template <std::same_as<fault> Fault>
std::string fault_body(const Fault& f, media m, const fault_options& opt = {}) {
    if (m == media::xml) return to_xml(f, opt.xml);
    write_options w;
    w.faults = opt.json;
    return to_json(f, w);
}

// The fault for a status with a message; the title is the reason phrase.
inline fault make_status_fault(int status, std::string message) {
    fault f = make_fault(fault_kind_for_status(status), std::move(message));
    f.code = status;
    f.title = std::string(status_title(status));
    return f;
}

}  // namespace openstack::identity::v2::http

#endif
