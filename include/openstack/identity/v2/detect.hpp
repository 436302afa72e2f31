#ifndef OPENSTACK_IDENTITY_V2_DETECT_HPP
#define OPENSTACK_IDENTITY_V2_DETECT_HPP

// Which document type a text is, for tools that take any v2.0 document (identity-doc):
// the format from the first character, the type from the root key or root element, and
// the types by name. Generic over a type list (document_types by default).

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/json/read.hpp>
#include <openstack/identity/v2/model.hpp>
#include <openstack/identity/v2/type_name.hpp>
#include <openstack/identity/v2/xml/read.hpp>

#include <boost/mp11/algorithm.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

enum class document_format : unsigned char { json, xml };

// XML when the first character after blanks (and a UTF-8 byte order mark) is '<', else JSON.
constexpr document_format format_of(std::string_view text) noexcept {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    auto i = text.find_first_not_of(" \t\r\n");
    return i != std::string_view::npos && text[i] == '<' ? document_format::xml : document_format::json;
}

inline constexpr std::size_t document_type_count = boost::mp11::mp_size<document_types>::value;

// Calls f(std::type_identity<T>{}) with the document type at `index` in document_types.
template <class F>
decltype(auto) visit_document_type(std::size_t index, F&& f) {
    return boost::mp11::mp_with_index<document_type_count>(index, [&](auto i) -> decltype(auto) {
        return f(std::type_identity<boost::mp11::mp_at_c<document_types, i>>{});
    });
}

// The type_name of document type number `index` ("access", "endpoint_templates").
// These are templates so that a program that does not call them does not instantiate them.
template <class Types = document_types>
std::string_view document_type_name(std::size_t index) {
    return boost::mp11::mp_with_index<boost::mp11::mp_size<Types>::value>(index, [](auto i) {
        return type_name<boost::mp11::mp_at_c<Types, i>>();
    });
}

// The index of the document type called `name`, if there is one.
template <class Types = document_types>
std::optional<std::size_t> document_type_index(std::string_view name) {
    for (std::size_t i = 0; i < boost::mp11::mp_size<Types>::value; ++i)
        if (document_type_name<Types>(i) == name) return i;
    return std::nullopt;
}

// The index of the document type whose root the text has. The text is read as every type, with
// validation off and unknown members ignored, so the answer is the reader's own: a type fits
// when reading fails for any reason but the root. When several fit, those that also read with
// unknown members rejected are preferred (the registry's {"endpoint": {"publicurl"}} is not the
// catalog's endpoint); types that share one root and still tie (an empty list) give the
// document to the first of them in Types. Errors: the reader's, when the text fails before any
// root is looked at (malformed, too large, too deep, DOCTYPE); wrong_root when no type or
// several fit. Costs a read or two per type: meant for tools, not for request handling.
// A template so that only a program that calls it instantiates the readers of every type.
template <class Types = document_types>
result<std::size_t> detect_document(std::string_view text, read_options opt = {}) {
    constexpr std::size_t count = boost::mp11::mp_size<Types>::value;
    opt.validate = false;
    const bool xml = format_of(text) == document_format::xml;
    auto read_as = [&](std::size_t i, const read_options& o) {
        return boost::mp11::mp_with_index<count>(i, [&](auto n) -> std::optional<error> {
            using T = boost::mp11::mp_at_c<Types, n>;
            auto r = xml ? try_from_xml<T>(text, o) : try_from_json<T>(text, o);
            if (r) return std::nullopt;
            return r.error();
        });
    };
    auto root_of = [](std::size_t i) {
        return boost::mp11::mp_with_index<count>(i, [](auto n) { return root_name<boost::mp11::mp_at_c<Types, n>>(); });
    };
    read_options loose = opt, strict = opt;
    loose.unknown = unknown_policy::ignore;
    strict.unknown = unknown_policy::reject;
    std::optional<error> errors[count];
    bool fit[count] = {}, clean[count] = {};
    std::size_t fits = 0, cleans = 0;
    for (std::size_t i = 0; i < count; ++i) {
        errors[i] = read_as(i, loose);
        fit[i] = !errors[i] || errors[i]->code != make_error_code(errc::wrong_root);
        fits += fit[i];
    }
    if (fits == count && count > 1 && errors[0]) return *errors[0];  // failed before the root
    if (fits > 1)
        for (std::size_t i = 0; i < count; ++i)
            if (fit[i]) cleans += clean[i] = !read_as(i, strict);
    // The candidates: the clean fits if there are any, else every fit.
    auto candidate = [&](std::size_t i) { return cleans > 0 ? clean[i] : fit[i]; };
    std::optional<std::size_t> first;
    bool one_root = true;
    for (std::size_t i = 0; i < count; ++i)
        if (candidate(i)) {
            if (!first) first = i;
            else one_root = one_root && root_of(i) == root_of(*first);
        }
    if (first && one_root) return *first;
    error e;
    e.code = make_error_code(errc::wrong_root);
    e.kind = fault_kind::bad_request;
    if (fits == 0) {
        e.message = xml ? "the root element is not that of a v2.0 document"
                        : "no top-level member names a v2.0 document";
        return e;
    }
    e.message = "the document has the roots of more than one type:";
    const char* sep = " ";
    for (std::size_t i = 0; i < count; ++i)
        if (candidate(i)) {
            e.message.append(sep).append(document_type_name<Types>(i));
            sep = ", ";
        }
    return e;
}

}  // namespace openstack::identity::v2

#endif
