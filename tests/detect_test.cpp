#include <boost/test/unit_test.hpp>

#include "documents.hpp"

#include <openstack/identity/v2.hpp>
#include <openstack/identity/v2/detect.hpp>

#include <boost/mp11/list.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <string_view>

BOOST_AUTO_TEST_SUITE(detect_test)

namespace v2 = openstack::identity::v2;
using v2::errc;

namespace {

std::string name_of(const v2::result<std::size_t>& r) {
    return r ? std::string(v2::document_type_name(*r)) : "error: " + r.error().what();
}

}  // namespace

BOOST_AUTO_TEST_CASE(names) {
    BOOST_TEST(v2::document_type_count == 32u);
    std::set<std::string_view> names;
    for (std::size_t i = 0; i < v2::document_type_count; ++i) {
        auto n = v2::document_type_name(i);
        BOOST_TEST(names.insert(n).second, n);
        BOOST_TEST(v2::document_type_index(n) == std::optional<std::size_t>(i));
    }
    BOOST_TEST(v2::document_type_name(0) == "access");
    BOOST_TEST(v2::type_name<v2::catalog_entry>() == "catalog_entry");
    BOOST_TEST(!v2::document_type_index("catalog_entry").has_value());  // not a document
    BOOST_TEST(!v2::document_type_index("").has_value());
}

BOOST_AUTO_TEST_CASE(formats) {
    BOOST_TEST((v2::format_of("{}") == v2::document_format::json));
    BOOST_TEST((v2::format_of(" \r\n\t<a/>") == v2::document_format::xml));
    BOOST_TEST((v2::format_of("\xEF\xBB\xBF<a/>") == v2::document_format::xml));
    BOOST_TEST((v2::format_of("") == v2::document_format::json));
    BOOST_TEST((v2::format_of("x<") == v2::document_format::json));
}

// What the library writes for each type is detected as that type, in JSON and both XML dialects;
// but for the empty lists of two types of one root, which are the first type's (detect.hpp).
BOOST_AUTO_TEST_CASE(every_type_is_detected_from_what_the_library_writes) {
    for (std::size_t i = 0; i < v2::document_type_count; ++i) {
        v2::visit_document_type(i, [&](auto t) {
            using T = typename decltype(t)::type;
            const T value{};
            std::string_view expected = v2::type_name<T>();
            if (expected == "endpoint_records") expected = "endpoints";
            if (expected == "credential_list") expected = "credentials";
            BOOST_TEST_CONTEXT(v2::type_name<T>()) {
                BOOST_TEST(name_of(v2::detect_document(v2::to_json(value))) == expected);
                for (auto d : {v2::xml_dialect::keystone, v2::xml_dialect::schema})
                    BOOST_TEST(name_of(v2::detect_document(v2::to_xml(value, {.dialect = d}))) == expected);
            }
        });
    }
}

// Documents of one root: the members say which type; when they cannot, the first listed has it.
BOOST_AUTO_TEST_CASE(shared_roots) {
    BOOST_TEST(name_of(v2::detect_document(R"({"endpoint": {"service_id": "s", "publicurl": "u"}})")) ==
               "endpoint_record");
    BOOST_TEST(name_of(v2::detect_document(R"({"endpoint": {"publicURL": "u"}})")) == "endpoint");
    BOOST_TEST(name_of(v2::detect_document(R"({"endpoint": {}})")) == "endpoint");
    BOOST_TEST(name_of(v2::detect_document(R"({"user": {"password": "p", "original_password": "o"}})")) ==
               "password_change");
    BOOST_TEST(name_of(v2::detect_document(R"({"user": {"password": "p"}})")) == "user");
    BOOST_TEST(name_of(v2::detect_document(R"({"credentials": [{"access": "a"}]})")) == "credential_list");
    BOOST_TEST(name_of(v2::detect_document(R"({"credentials": [{"passwordCredentials": {}}]})")) == "credentials");
    BOOST_TEST(name_of(v2::detect_document(R"({"credentials": {"access": "a"}})")) == "ec2_request");
    // A member neither type has leaves the tie to the first.
    BOOST_TEST(name_of(v2::detect_document(R"({"endpoint": {"publicurl": "u", "publicURL": "v"}})")) == "endpoint");
}

// Every test document, in JSON and both dialects, is detected as the type documents.hpp says.
BOOST_AUTO_TEST_CASE(samples) {
    for (const auto& d : osi_test::documents) {
        BOOST_TEST(name_of(v2::detect_document(osi_test::document_json(d))) == d.type, d.stem << ".json");
        for (auto x : {v2::xml_dialect::keystone, v2::xml_dialect::schema})
            BOOST_TEST(name_of(v2::detect_document(osi_test::document_xml(d, x))) == d.type,
                       d.stem << osi_test::dialect_suffix(x));
    }
    for (const auto& d : osi_test::seed_documents)
        for (const char* ext : {".json", ".xml"})
            BOOST_TEST(name_of(v2::detect_document(osi_test::data_file(std::string(d.stem) + ext))) == d.type,
                       d.stem << ext);
    BOOST_TEST(name_of(v2::detect_document(R"({"error": {"code": 404}})")) == "fault");
    // Detection does not validate: a bad document of a known type is that type.
    BOOST_TEST(name_of(v2::detect_document(R"({"auth": {}})")) == "auth");
    BOOST_TEST(name_of(v2::detect_document(R"({"auth": {"tenantName": 5}})")) == "auth");
    // Unknown members, even with strict reading asked for, do not hide the root.
    v2::read_options strict;
    strict.unknown = v2::unknown_policy::reject;
    BOOST_TEST(name_of(v2::detect_document(R"({"x": 1, "tenant": {"y": 2}})", strict)) == "tenant");
}

BOOST_AUTO_TEST_SUITE(published, OSI_PUBLISHED)
// Every published sample a test document was written from, JSON and XML, as published.
BOOST_AUTO_TEST_CASE(published_samples) {
    std::size_t n = 0;
    for (const auto& d : osi_test::documents) {
        if (d.from == osi_test::origin::own) continue;
        for (const char* ext : {".json", ".xml"}) {
            const std::string path = osi_test::published_path(d, ext);
            if (!std::filesystem::is_regular_file(path)) continue;
            BOOST_TEST(name_of(v2::detect_document(osi_test::read_file(path))) == d.type, d.stem << ext);
            ++n;
        }
    }
    BOOST_TEST(n == 46u + 45u + 2u);  // the JSON samples, their XML twins, the Atom feeds
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(errors) {
    auto code = [](std::string_view text) {
        auto r = v2::detect_document(text);
        BOOST_TEST_REQUIRE(!r.has_value(), text << " detected as " << name_of(r));
        BOOST_TEST((r.error().kind == v2::fault_kind::bad_request));
        return r.error();
    };
    auto malformed = code(R"({"auth": {)");
    BOOST_TEST(malformed.code == v2::make_error_code(errc::malformed_json));
    BOOST_TEST(malformed.offset == 10u);
    BOOST_TEST(code("<auth>").code == v2::make_error_code(errc::malformed_xml));
    BOOST_TEST(code("<!DOCTYPE a [<!ENTITY x \"y\">]><auth/>").code == v2::make_error_code(errc::forbidden_markup));
    BOOST_TEST(code(R"({"tenantz": {}})").code == v2::make_error_code(errc::wrong_root));
    BOOST_TEST(code("[]").code == v2::make_error_code(errc::wrong_root));
    BOOST_TEST(code("<tenant xmlns=\"urn:other\"/>").code == v2::make_error_code(errc::wrong_root));
    BOOST_TEST(code("<bogus/>").code == v2::make_error_code(errc::wrong_root));
    auto two = code(R"({"tenant": {}, "user": {}})");
    BOOST_TEST(two.code == v2::make_error_code(errc::wrong_root));
    BOOST_TEST(two.message.find("tenant, user") != std::string::npos, two.message);
}

// Detection among a type list of one's own: indexes and names are those of that list.
BOOST_AUTO_TEST_CASE(among_a_type_list_of_ones_own) {
    using types = boost::mp11::mp_list<v2::tenants, v2::access>;
    const std::string doc = v2::to_json(v2::access{.token = {.id = "t", .expires = v2::timestamp::now()}});
    auto r = v2::detect_document<types>(doc);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(*r == 1u);
    BOOST_TEST(v2::document_type_name<types>(*r) == "access");
    BOOST_TEST(v2::document_type_index<types>("tenants") == std::optional<std::size_t>(0));
    BOOST_TEST(!v2::document_type_index<types>("tenant").has_value());
    auto none = v2::detect_document<boost::mp11::mp_list<v2::tenants>>(doc);
    BOOST_TEST_REQUIRE(!none.has_value());
    BOOST_TEST((none.error().code == errc::wrong_root));
}

BOOST_AUTO_TEST_SUITE_END()
