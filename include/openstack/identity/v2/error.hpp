#ifndef OPENSTACK_IDENTITY_V2_ERROR_HPP
#define OPENSTACK_IDENTITY_V2_ERROR_HPP

#include <openstack/identity/v2/version.hpp>
#include <boost/assert/source_location.hpp>
#include <boost/system/error_category.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/error_condition.hpp>
#include <boost/system/result.hpp>
#include <boost/system/system_error.hpp>
#include <boost/throw_exception.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// The v2.0 fault documents. Each kind knows its root name and HTTP status.
enum class fault_kind : unsigned char {
    identity_fault = 1,
    bad_request,
    unauthorized,
    forbidden,
    user_disabled,
    item_not_found,
    bad_method,
    tenant_conflict,
    over_limit,
    bad_media_type,
    service_unavailable,
};

// The fault kinds in one table: the root name of their documents, the HTTP status a server
// answers with, and that status's reason phrase (Keystone's error "title"). The first row of a
// status is the kind a bare status stands for (403: forbidden, not userDisabled).
struct fault_row {
    fault_kind kind;
    std::string_view name;
    int status;
    std::string_view title;
};

inline constexpr fault_row fault_table[] = {
    {fault_kind::identity_fault, "identityFault", 500, "Internal Server Error"},
    {fault_kind::bad_request, "badRequest", 400, "Bad Request"},
    {fault_kind::unauthorized, "unauthorized", 401, "Unauthorized"},
    {fault_kind::forbidden, "forbidden", 403, "Forbidden"},
    {fault_kind::user_disabled, "userDisabled", 403, "Forbidden"},
    {fault_kind::item_not_found, "itemNotFound", 404, "Not Found"},
    {fault_kind::bad_method, "badMethod", 405, "Method Not Allowed"},
    {fault_kind::tenant_conflict, "tenantConflict", 409, "Conflict"},
    {fault_kind::over_limit, "overLimit", 413, "Request Entity Too Large"},
    {fault_kind::bad_media_type, "badMediaType", 415, "Unsupported Media Type"},
    {fault_kind::service_unavailable, "serviceUnavailable", 503, "Service Unavailable"},
};

inline constexpr auto all_fault_kinds = [] {
    std::array<fault_kind, std::size(fault_table)> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = fault_table[i].kind;
    return out;
}();

constexpr const fault_row& fault_info(fault_kind k) noexcept {
    for (const fault_row& r : fault_table)
        if (r.kind == k) return r;
    return fault_table[0];
}

constexpr std::string_view fault_name(fault_kind k) noexcept { return fault_info(k).name; }
constexpr int http_status(fault_kind k) noexcept { return fault_info(k).status; }

constexpr std::optional<fault_kind> fault_kind_from_name(std::string_view name) noexcept {
    for (const fault_row& r : fault_table)
        if (r.name == name) return r.kind;
    return std::nullopt;
}

// The kind a bare status code stands for (Keystone's {"error": {...}} carries only a code).
constexpr fault_kind fault_kind_for_status(int status) noexcept {
    for (const fault_row& r : fault_table)
        if (r.status == status) return r.kind;
    return status >= 400 && status < 500 ? fault_kind::bad_request : fault_kind::identity_fault;
}

// What went wrong while reading, validating or writing a document.
enum class errc {
    malformed_json = 1,   // not JSON at all, or truncated
    malformed_xml,        // not well-formed XML
    forbidden_markup,     // DOCTYPE, entity declarations and the like
    too_deep,             // nesting over the configured limit
    too_large,            // document over the configured size
    wrong_root,           // the root member or element is not the expected one
    wrong_type,           // e.g. a number where a string belongs
    invalid_value,        // the right type, but not an acceptable value (a bad timestamp)
    missing_member,       // a required member is absent or empty
    unknown_member,       // a member the type does not know, in strict mode
    duplicate_member,     // the same member twice in one object
    too_long,             // a string over its limit
    conflicting_members,  // members that must not appear together
    missing_alternative,  // none of the members of which one is required
    not_representable,    // writing: a kept member the format cannot carry (an empty list in XML)
};

class error_category_impl : public boost::system::error_category {
public:
    constexpr error_category_impl() noexcept : boost::system::error_category(0x6f73696476320001ull) {}
    const char* name() const noexcept override { return "openstack.identity.v2"; }
    std::string message(int ev) const override { return message(ev, nullptr, 0); }
    const char* message(int ev, char*, std::size_t) const noexcept override {
        switch (static_cast<errc>(ev)) {
        case errc::malformed_json: return "malformed JSON";
        case errc::malformed_xml: return "malformed XML";
        case errc::forbidden_markup: return "forbidden XML markup";
        case errc::too_deep: return "document nested too deeply";
        case errc::too_large: return "document too large";
        case errc::wrong_root: return "unexpected root";
        case errc::wrong_type: return "wrong type";
        case errc::invalid_value: return "invalid value";
        case errc::missing_member: return "missing member";
        case errc::unknown_member: return "unknown member";
        case errc::duplicate_member: return "duplicate member";
        case errc::too_long: return "value too long";
        case errc::conflicting_members: return "conflicting members";
        case errc::missing_alternative: return "missing alternative";
        case errc::not_representable: return "not representable in this format";
        }
        return "unknown error";
    }
    boost::system::error_condition default_error_condition(int ev) const noexcept override;
};

class fault_category_impl : public boost::system::error_category {
public:
    constexpr fault_category_impl() noexcept : boost::system::error_category(0x6f73696476320002ull) {}
    const char* name() const noexcept override { return "openstack.identity.v2.fault"; }
    std::string message(int ev) const override { return std::string(fault_name(static_cast<fault_kind>(ev))); }
};

inline const boost::system::error_category& error_category() noexcept {
    static constexpr error_category_impl instance;
    return instance;
}

inline const boost::system::error_category& fault_category() noexcept {
    static constexpr fault_category_impl instance;
    return instance;
}

inline boost::system::error_code make_error_code(errc e) noexcept { return {static_cast<int>(e), error_category()}; }

// Fault kinds are error conditions: `ec == fault_kind::bad_request` holds for every document error.
inline boost::system::error_condition make_error_condition(fault_kind k) noexcept {
    return {static_cast<int>(k), fault_category()};
}

// The fault a server answers a document error with.
constexpr fault_kind fault_kind_of(errc e) noexcept {
    return e == errc::too_large ? fault_kind::over_limit : fault_kind::bad_request;
}

inline boost::system::error_condition error_category_impl::default_error_condition(int ev) const noexcept {
    return make_error_condition(fault_kind_of(static_cast<errc>(ev)));
}

// One error: what (code), which fault a server answers with (kind), where (path in JSON names,
// and for XML the element), and why (message). Byte offset for malformed input.
struct error {
    static constexpr std::size_t no_offset = static_cast<std::size_t>(-1);

    boost::system::error_code code;
    fault_kind kind = fault_kind::bad_request;
    std::string path;
    std::string message;
    std::size_t offset = no_offset;
    std::string element;

    // "access.token.id: required member is missing"
    std::string what() const {
        std::string s;
        if (!path.empty()) s.append(path).append(": ");
        s.append(message.empty() ? code.message() : message);
        if (offset != no_offset) s.append(" (at byte ").append(std::to_string(offset)).append(")");
        if (!element.empty()) s.append(" (element ").append(element).append(")");
        return s;
    }

    friend bool operator==(const error&, const error&) = default;

    template <class Ostream>
    friend Ostream& operator<<(Ostream& os, const error& e) {
        return os << e.what();
    }
};

class exception : public boost::system::system_error {
public:
    explicit exception(v2::error e) : boost::system::system_error(e.code, e.what()), error_(std::move(e)) {}
    const v2::error& error() const noexcept { return error_; }
    fault_kind kind() const noexcept { return error_.kind; }

private:
    v2::error error_;
};

template <class T>
using result = boost::system::result<T, error>;

[[noreturn]] inline void throw_exception_from_error(const error& e, const boost::source_location& loc) {
    boost::throw_exception(exception(e), loc);
}

}  // namespace openstack::identity::v2

template <>
struct boost::system::is_error_code_enum<openstack::identity::v2::errc> : std::true_type {};
template <>
struct boost::system::is_error_condition_enum<openstack::identity::v2::fault_kind> : std::true_type {};

#endif
