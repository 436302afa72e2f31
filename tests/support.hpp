#ifndef OSI_TESTS_SUPPORT_HPP
#define OSI_TESTS_SUPPORT_HPP

// Shared test helpers: fixture locations, reading files, the OSI_PUBLISHED decorator, and
// Boost.Test printers so that documents, errors and enums can appear in BOOST_TEST expressions.

#include <openstack/identity/v2.hpp>

#include <boost/json.hpp>

#include <boost/test/tools/assertion_result.hpp>
#include <boost/test/tools/detail/print_helper.hpp>
#include <boost/test/tree/decorator.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

// tests/CMakeLists.txt says where the fixtures are (OSI_SPEC_DIR is empty without the reference).
#if !defined(OSI_SPEC_DIR) || !defined(OSI_DATA_DIR) || !defined(OSI_SEED_FILE)
#error "OSI_SPEC_DIR, OSI_DATA_DIR and OSI_SEED_FILE come from tests/CMakeLists.txt"
#endif

namespace osi_test {

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// OSI_SPEC_DIR/<rel>, the published reference: for the tests under OSI_PUBLISHED only.
inline std::string spec_file(std::string_view rel) {
    return read_file(std::string(OSI_SPEC_DIR) + "/" + std::string(rel));
}
inline std::string data_file(std::string_view rel) {
    return read_file(std::string(OSI_DATA_DIR) + "/" + std::string(rel));
}

// The published v2.0 reference (OSI_SPEC_DIR, and the seed file beside it) is not part of the
// repository: a clone alone has tests/data only. Tests that check conformance to the reference
// itself are under OSI_PUBLISHED; everything else runs on tests/data alone.
inline bool have_reference() {
    std::error_code ec;
    return std::filesystem::is_regular_file(std::filesystem::path(OSI_SPEC_DIR) / "samples" / "auth.json", ec);
}

// The precondition of OSI_PUBLISHED: the test is skipped, saying why, when the reference is absent.
struct reference_present {
    boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const {
        boost::test_tools::assertion_result r(have_reference());
        if (!r)
            r.message() << "the published v2.0 reference is not at " << OSI_SPEC_DIR
                        << " (no samples/auth.json; configure with -DOSI_SPEC_DIR=)";
        return r;
    }
};

}  // namespace osi_test

// Decorates the suite of the tests that need the published reference or the seed file, nested
// in the suite of their file (<file>/published):
//   BOOST_AUTO_TEST_SUITE(published, OSI_PUBLISHED)
//   BOOST_AUTO_TEST_CASE(name) { ... }
//   BOOST_AUTO_TEST_SUITE_END()
// CTest runs `--run_test=<file>/published` as <file>_published, and the file's other tests with
// `--run_test=<file> --run_test=!@published`.
#define OSI_PUBLISHED \
    *boost::unit_test::label("published") * boost::unit_test::precondition(osi_test::reference_present())

// Printers, found by ADL from Boost.Test.
namespace openstack::identity::v2 {

inline std::ostream& boost_test_print_type(std::ostream& os, errc e) {
    return os << make_error_code(e).message() << " (" << static_cast<int>(e) << ")";
}

inline std::ostream& boost_test_print_type(std::ostream& os, fault_kind k) { return os << fault_name(k); }

inline std::ostream& boost_test_print_type(std::ostream& os, const error& e) {
    os << "{code=" << e.code.message() << ", kind=" << fault_name(e.kind) << ", path=\"" << e.path << "\", message=\""
       << e.message << "\"";
    if (e.offset != error::no_offset) os << ", offset=" << e.offset;
    return os << "}";
}

template <custom_value T>
std::ostream& boost_test_print_type(std::ostream& os, const T& v) {
    std::string s;
    value_traits<T>::format(v, s);
    return os << s;
}

template <described T>
std::ostream& boost_test_print_type(std::ostream& os, const T& v) {
    std::string s;
    write_options opt;
    if constexpr (document<T>) {
        try_to_json(v, s, opt);  // compiled once under separate compilation (detail/instances.hpp)
    } else {
        detail::json_write::writer(s, opt).value(v, nullptr);
    }
    return os << s;
}

}  // namespace openstack::identity::v2

// std::optional cannot be given an ADL printer: specialize Boost.Test's own.
namespace boost::test_tools::tt_detail {

template <class T>
struct print_log_value<std::optional<T>> {
    void operator()(std::ostream& os, const std::optional<T>& v) {
        if (!v) {
            os << "nullopt";
            return;
        }
        os << "optional(";
        print_log_value<T>()(os, *v);
        os << ")";
    }
};

}  // namespace boost::test_tools::tt_detail

#endif
