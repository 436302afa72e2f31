#ifndef OPENSTACK_IDENTITY_V2_MODEL_FAULT_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_FAULT_HPP

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/model/namespaces.hpp>
#include <openstack/identity/v2/model/timestamp.hpp>
#include <openstack/identity/v2/schema.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// A fault document. The spec names the root after the kind ({"itemNotFound": {...}});
// Keystone always sent {"error": {"code", "title", "message"}}. Both read into this type.
struct fault {
    fault_kind kind = fault_kind::identity_fault;
    std::int64_t code = 500;
    std::string message;
    std::optional<std::string> details;
    std::optional<std::string> title;
    std::optional<timestamp> retry_at;
    unknown_members extra;
    bool operator==(const fault&) const = default;
};
BOOST_DESCRIBE_STRUCT(fault, (), (code, message, details, title, retry_at))

template <>
struct schema<fault> {
    static constexpr std::string_view doc = "A fault (error) document: the body of every 4xx and 5xx answer.";
    static constexpr std::string_view root = "identityFault";
    static constexpr root_style style = root_style::tagged;
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr auto tag = &fault::kind;
    static constexpr std::string_view alias_root = "error";
    static constexpr std::string_view tag_name(fault_kind k) { return fault_name(k); }
    static constexpr std::optional<fault_kind> tag_from_name(std::string_view n) { return fault_kind_from_name(n); }
    static constexpr fault_kind tag_from_value(const fault& f) {
        return fault_kind_for_status(static_cast<int>(f.code));
    }
    static constexpr field_def members[] = {
        field<&fault::code>({.required = true, .doc = "the HTTP status"}),
        // Keystone wrote every scalar of <error> as an attribute; the XSD wants elements.
        field<&fault::message>({.xml_schema = xml_meta{.form = xml_form::element, .always = true}}),
        field<&fault::details>({.xml_schema = xml_meta{.form = xml_form::element},
                                .doc = "more about the error (spec)"}),
        field<&fault::title>({.xml_schema = xml_meta{.foreign = true}, .doc = "the HTTP reason phrase (Keystone)"}),
        field<&fault::retry_at>({.json = "retryAt", .doc = "overLimit: when to try again"}),
    };
};

inline fault make_fault(fault_kind kind, std::string message, std::optional<std::string> details = std::nullopt) {
    fault f;
    f.kind = kind;
    f.code = http_status(kind);
    f.message = std::move(message);
    f.details = std::move(details);
    f.title = std::string(fault_info(kind).title);
    return f;
}

// The fault a server answers with for a document error.
inline fault make_fault(const error& e) { return make_fault(e.kind, e.what()); }

}  // namespace openstack::identity::v2

#endif
