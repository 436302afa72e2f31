#ifndef OSI_FUZZ_TARGETS_HPP
#define OSI_FUZZ_TARGETS_HPP

// What the document fuzz targets check, shared with tests/fuzz_regressions_test.cpp. Each check
// takes the raw fuzzer input and returns what is wrong with the library's answer to it (empty:
// nothing).
//
//   check_json / check_xml: the first byte picks a root type of document_types (modulo their
//     number), the rest is the document. try_from_json/try_from_xml must return a value or an
//     error of the library's category with a message; a value must write (to_json/to_xml), the
//     text must read back equal, and writing must not blow the input up. A value read from XML
//     must also write as JSON that reads back.
// check_handler is in handler_target.hpp.

#include <openstack/identity/v2.hpp>

#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace osi_fuzz {

namespace v2 = openstack::identity::v2;
namespace mp = boost::mp11;

inline constexpr std::size_t type_count = mp::mp_size<v2::document_types>::value;

// The name of the type an input's first byte selects (for messages).
inline std::string type_name(std::size_t i) {
    return mp::mp_with_index<type_count>(i % type_count, [](auto I) {
        return std::string(v2::root_name<mp::mp_at_c<v2::document_types, I>>());
    });
}

inline std::string bad_error(const v2::error& e) {
    if (e.code.category() != v2::error_category()) return "error outside the library's category: " + e.code.message();
    if (e.kind != v2::fault_kind_of(static_cast<v2::errc>(e.code.value()))) return "error kind does not match its code";
    if (e.what().empty()) return "error without a message";
    return {};
}

// Written text may grow by escaping (a byte becomes at most "\u00XX" or "&quot;") and by the
// members a writer always puts out, never more.
inline bool blown_up(std::string_view in, std::string_view out) { return out.size() > 8 * in.size() + 4096; }

enum class format { json, xml };

template <class T>
std::string check_as(format f, std::string_view doc) {
    const bool j = f == format::json;
    auto r = j ? v2::try_from_json<T>(doc) : v2::try_from_xml<T>(doc);
    if (!r) return bad_error(r.error());
    auto out = j ? v2::try_to_json(*r) : v2::try_to_xml(*r);
    if (!out) return "a value that was read does not write: " + out.error().what();
    if (blown_up(doc, *out)) return "writing blew the document up to " + std::to_string(out->size()) + " bytes";
    auto back = j ? v2::try_from_json<T>(*out) : v2::try_from_xml<T>(*out);
    if (!back) return "the written document does not read back: " + back.error().what() + "\n" + *out;
    if (!(*back == *r)) return "the round trip changed the value:\n" + *out;
    if (!j) {
        // Whatever XML lets in must be good JSON too (UTF-8, no NUL): the server answers in either.
        auto js = v2::try_to_json(*r);
        if (!js) return "a value read from XML does not write as JSON: " + js.error().what();
        if (auto jr = v2::try_from_json<T>(*js); !jr)
            return "a value read from XML does not read back from JSON: " + jr.error().what() + "\n" + *js;
    }
    return {};
}

inline std::string check_document(format f, std::string_view input) {
    if (input.empty()) return {};
    const std::size_t i = static_cast<unsigned char>(input[0]) % type_count;
    std::string why = mp::mp_with_index<type_count>(i, [&](auto I) {
        return check_as<mp::mp_at_c<v2::document_types, I>>(f, input.substr(1));
    });
    return why.empty() ? why : type_name(i) + ": " + why;
}

inline std::string check_json(std::string_view input) { return check_document(format::json, input); }
inline std::string check_xml(std::string_view input) { return check_document(format::xml, input); }

}  // namespace osi_fuzz

#endif
