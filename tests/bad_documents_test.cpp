#include <boost/test/unit_test.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

#include "support.hpp"

#include <openstack/identity/v2.hpp>
#include <openstack/identity/v2/xml.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// One table of bad documents, each read as JSON and as XML: every row states its defect once,
// with its spelling in each format, and both readers must answer with the same fault kind.
BOOST_AUTO_TEST_SUITE(bad_documents_test)

namespace v2 = openstack::identity::v2;
using v2::errc;
using v2::fault_kind;

namespace {

// What reading one document as one type gave: the error of try_from_json or try_from_xml (if
// any), and whether from_json or from_xml threw a v2::exception carrying the same error.
struct outcome {
    std::optional<v2::error> error;
    bool thrown_matches = false;
};

using reader = outcome (*)(std::string_view, const v2::read_options&);

enum class format { json, xml };

template <class T, format F>
outcome read_as(std::string_view text, const v2::read_options& opt) {
    outcome o;
    auto r = F == format::json ? v2::try_from_json<T>(text, opt) : v2::try_from_xml<T>(text, opt);
    if (r) return o;
    o.error = r.error();
    try {
        if constexpr (F == format::json) (void)v2::from_json<T>(text, opt);
        else (void)v2::from_xml<T>(text, opt);
    } catch (const v2::exception& e) {
        o.thrown_matches = e.error() == *o.error && e.code() == o.error->code && e.kind() == o.error->kind;
    } catch (...) {
    }
    return o;
}

constexpr std::size_t any_offset = static_cast<std::size_t>(-2);  // malformed: some offset inside the text
constexpr std::size_t no_offset = v2::error::no_offset;

// A row's document in XML, and what the XML reader says besides the row's expectations.
struct xml_form {
    std::string text;
    std::string element{};  // the error's element ("" where the XML reader names none)
    std::size_t offset = no_offset;
    // Where XML reports the same defect otherwise (each row says why): its code, path, message.
    std::optional<errc> code{};
    std::optional<std::string> path{};
    std::optional<std::string> message_part{};
};

// A row with no spelling in one format; each group says why.
constexpr std::nullopt_t json_only = std::nullopt;
constexpr std::nullopt_t xml_only = std::nullopt;

struct row {
    std::string name;
    std::string type;
    reader read_json;
    reader read_xml;
    std::optional<std::string> json;
    std::optional<xml_form> xml;
    v2::read_options opt{};
    errc code;  // malformed_json: malformed_xml in XML
    fault_kind kind = fault_kind::bad_request;
    std::string path;
    std::string message_part{};
    std::size_t offset = no_offset;  // in JSON: exact expected offset, any_offset, or no_offset
};

// clang-format 14 reads the template argument list here as comparisons.
// clang-format off
#define OSI_T(T) #T, &read_as<v2::T, format::json>, &read_as<v2::T, format::xml>
// clang-format on

v2::read_options strict() {
    v2::read_options o;
    o.unknown = v2::unknown_policy::reject;
    return o;
}
v2::read_options keep() {
    v2::read_options o;
    o.unknown = v2::unknown_policy::keep;
    return o;
}
v2::read_options depth(std::size_t d) {
    v2::read_options o;
    o.max_depth = d;
    return o;
}
v2::read_options size(std::size_t n) {
    v2::read_options o;
    o.max_size = n;
    return o;
}
v2::read_options no_validate() {
    v2::read_options o;
    o.validate = false;
    return o;
}

const std::string tok = R"("token": {"id": "t", "expires": "2014-01-31T15:30:58Z"})";
std::string access_with(std::string_view members) { return R"({"access": {)" + tok + std::string(members) + "}}"; }
std::string token_with(std::string_view members) {
    return R"({"access": {"token": {"id": "t", "expires": "2014-01-31T15:30:58Z")" + std::string(members) + "}}}";
}
std::string auth_pw_with(std::string_view tenant_part) {
    return R"({"auth": {"passwordCredentials": {"username": "u", "password": "p"})" + std::string(tenant_part) + "}}";
}
std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out.append(s);
    return out;
}
const std::string e_acute = "\xc3\xa9";  // U+00E9, two bytes in UTF-8

// The same documents in XML (Keystone's dialect: scalars as attributes).
const std::string id_ns = R"( xmlns="http://docs.openstack.org/identity/api/v2.0")";
const std::string common_ns = R"( xmlns="http://docs.openstack.org/common/api/v1.0")";
std::string element(std::string_view name, std::string_view attrs, std::string_view children = {}) {
    std::string s = "<" + std::string(name) + std::string(attrs);
    if (children.empty()) return s + "/>";
    return s + ">" + std::string(children) + "</" + std::string(name) + ">";
}
// A root element: in the identity namespace unless told.
std::string doc(std::string_view root, std::string_view attrs, std::string_view children = {},
                const std::string& ns = id_ns) {
    return element(root, ns + std::string(attrs), children);
}
const std::string tok_xml = R"(<token id="t" expires="2014-01-31T15:30:58Z"/>)";
std::string access_xml(std::string_view children) { return doc("access", "", tok_xml + std::string(children)); }
std::string token_xml(std::string_view attrs, std::string_view children = {}) {
    return doc("access", "",
               element("token", R"( id="t" expires="2014-01-31T15:30:58Z")" + std::string(attrs), children));
}
std::string auth_pw_xml(std::string_view tenant_attrs) {
    return doc("auth", tenant_attrs, R"(<passwordCredentials username="u" password="p"/>)");
}

const std::vector<row>& rows() {
    static const std::vector<row> table = [] {
        std::vector<row> t;
        // ---- Malformed documents ----------------------------------------------------------------
        // JSON's separators, quotes, bare words and comments have no XML counterpart (XML quotes
        // with either mark, and has text and comments of its own).
        t.push_back({"truncated",
                     OSI_T(auth),
                     R"({"auth": {"tenantName": "x")",
                     xml_form{.text = "<auth" + id_ns + R"( tenantName="x">)", .offset = 72},
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     27});
        t.push_back({"trailing comma",
                     OSI_T(auth),
                     R"({"auth": {"tenantName": "x",}})",
                     json_only,
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     28});
        t.push_back({"bare word",
                     OSI_T(auth),
                     R"({"auth": demo})",
                     json_only,
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     9});
        t.push_back({"truncated literal",
                     OSI_T(tenant),
                     R"({"tenant": {"enabled": tru}})",
                     xml_form{.text = doc("tenant", " enabled=tru"), .offset = 68},
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     26});
        t.push_back({"empty document",
                     OSI_T(access),
                     "",
                     xml_form{.text = "", .offset = 0},
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     0});
        t.push_back({"only whitespace",
                     OSI_T(access),
                     "   \n",
                     xml_form{.text = "   \n", .offset = 4},
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     4});
        // XML reports where the text node starts, at its white space.
        t.push_back({"data after the document",
                     OSI_T(tenants),
                     R"({"tenants": []} x)",
                     xml_form{.text = doc("tenants", "") + " x", .offset = 62},
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     16});
        t.push_back({"data before the document",
                     OSI_T(tenants),
                     R"(x {"tenants": []})",
                     xml_form{.text = "x " + doc("tenants", ""), .offset = 0},
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     0});
        // pugixml's offset of an element is that of its name.
        t.push_back({"two documents",
                     OSI_T(tenants),
                     R"({"tenants": []}{"tenants": []})",
                     xml_form{.text = doc("tenants", "") + doc("tenants", ""), .offset = 63},
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     15});
        t.push_back({"single quotes",
                     OSI_T(auth),
                     R"({'auth': {}})",
                     json_only,
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     1});
        t.push_back({"comment",
                     OSI_T(tenants),
                     R"({"tenants": [] /* c */})",
                     json_only,
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     15});
        t.push_back({"invalid UTF-8",
                     OSI_T(tenant),
                     "{\"tenant\": {\"name\": \"\xff\"}}",
                     xml_form{.text = doc("tenant", " name=\"\xff\""), .offset = 66},
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     21});
        t.push_back({"lone surrogate escape",
                     OSI_T(tenant),
                     R"({"tenant": {"name": "\ud800"}})",
                     xml_form{.text = doc("tenant", R"( name="&#xD800;")"), .offset = 66},
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     any_offset});
        // Boost.JSON validates UTF-8: overlong forms, encoded surrogates, code points over U+10FFFF,
        // truncated sequences and raw control characters are syntax errors (Boost.JSON decides at or
        // just after the sequence). The XML reader checks the bytes before pugixml sees them, and
        // reports the first bad one.
        const std::string xml_head = "<tenant" + id_ns + " name=\"a";
        for (auto [what, bytes] :
             std::vector<std::pair<std::string, std::string>>{{"overlong '/'", "\xc0\xaf"},
                                                              {"overlong NUL", "\xc0\x80"},
                                                              {"3-byte overlong", "\xe0\x80\xaf"},
                                                              {"4-byte overlong", "\xf0\x80\x80\xaf"},
                                                              {"encoded surrogate", "\xed\xa0\x80"},
                                                              {"beyond U+10FFFF", "\xf4\x90\x80\x80"},
                                                              {"5-byte form", "\xf8\x88\x80\x80\x80"},
                                                              {"truncated sequence", "\xe2\x82"},
                                                              {"lone continuation byte", "\x80"},
                                                              {"raw NUL", std::string(1, '\0')},
                                                              {"raw control character", "\x1b"}})
            t.push_back({"UTF-8: " + what,
                         OSI_T(tenant),
                         "{\"tenant\": {\"name\": \"a" + bytes + "\"}}",
                         xml_form{.text = xml_head + bytes + "\"/>", .offset = xml_head.size()},
                         {},
                         errc::malformed_json,
                         fault_kind::bad_request,
                         "",
                         "malformed JSON",
                         any_offset});
        t.push_back({"missing colon",
                     OSI_T(tenant),
                     R"({"tenant" {}})",
                     xml_form{.text = doc("tenant", R"( name"x")"), .offset = 65},
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     10});
        // XML's own: markup that JSON does not have.
        t.push_back({"DOCTYPE",
                     OSI_T(tenant),
                     xml_only,
                     xml_form{.text = "<!DOCTYPE tenant>" + doc("tenant", ""), .offset = 0},
                     {},
                     errc::forbidden_markup,
                     fault_kind::bad_request,
                     "",
                     "DOCTYPE"});
        t.push_back({"undeclared entity",
                     OSI_T(auth),
                     xml_only,
                     xml_form{.text = doc("auth", R"( tenantName="&xxe;")", R"(<token id="t"/>)"), .offset = 70},
                     {},
                     errc::malformed_xml,
                     fault_kind::bad_request,
                     "",
                     "undeclared entity"});

        // ---- Root ---------------------------------------------------------------------------
        // An XML document is one root element: JSON's root values other than an object, and its
        // object without the root member, have no XML spelling.
        t.push_back({"wrong root key",
                     OSI_T(auth),
                     R"({"access": {}})",
                     xml_form{.text = doc("access", ""), .element = "/access"},
                     {},
                     errc::wrong_root,
                     fault_kind::bad_request,
                     "",
                     "auth"});
        t.push_back({"empty root object",
                     OSI_T(access),
                     R"({})",
                     json_only,
                     {},
                     errc::wrong_root,
                     fault_kind::bad_request,
                     "",
                     "access"});
        t.push_back({"root is an array",
                     OSI_T(auth),
                     R"([{"auth": {}}])",
                     json_only,
                     {},
                     errc::wrong_root,
                     fault_kind::bad_request,
                     "",
                     "an array"});
        t.push_back({"root is a string",
                     OSI_T(access),
                     R"("access")",
                     json_only,
                     {},
                     errc::wrong_root,
                     fault_kind::bad_request,
                     "",
                     "a string"});
        t.push_back({"root is null",
                     OSI_T(tenant),
                     R"(null)",
                     json_only,
                     {},
                     errc::wrong_root,
                     fault_kind::bad_request,
                     "",
                     "null"});
        // "" for an empty list is choices.json's quirk, read for choices_links only (JSON's
        // spellings of an empty list: XML's is no element).
        t.push_back({"empty string for a list",
                     OSI_T(user),
                     R"({"user": {"roles": ""}})",
                     json_only,
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "user.roles",
                     "an array"});
        t.push_back({"list root is an array",
                     OSI_T(tenants),
                     R"([{"id": "1"}])",
                     json_only,
                     {},
                     errc::wrong_root,
                     fault_kind::bad_request,
                     ""});
        t.push_back({"list document with another root",
                     OSI_T(tenants),
                     access_with(""),
                     xml_form{.text = access_xml(""), .element = "/access"},
                     {},
                     errc::wrong_root,
                     fault_kind::bad_request,
                     ""});
        t.push_back({"fault with an unknown root",
                     OSI_T(fault),
                     R"({"notAFault": {"code": 500}})",
                     xml_form{.text = doc("notAFault", R"( code="500")"), .element = "/notAFault"},
                     {},
                     errc::wrong_root,
                     fault_kind::bad_request,
                     ""});
        t.push_back({"root in another namespace",
                     OSI_T(access),
                     xml_only,
                     xml_form{.text = R"(<access xmlns="urn:somebody-else"/>)", .element = "/access"},
                     {},
                     errc::wrong_root,
                     fault_kind::bad_request,
                     "",
                     "urn:somebody-else"});

        // ---- Wrong types ------------------------------------------------------------------------
        // XML text has no types: a number, a boolean or null where a string belongs, or an object
        // or a list spelled as another JSON type, have no XML spelling. A scalar whose text is not
        // of the member's type is a bad value in XML (invalid_value), a bad type in JSON.
        t.push_back({"number for string",
                     OSI_T(auth),
                     R"({"auth": {"tenantName": 5, "token": {"id": "t"}}})",
                     json_only,
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "auth.tenantName",
                     "expected a string, got a number"});
        t.push_back({"number for string, validation off", OSI_T(auth), R"({"auth": {"tenantName": 5}})", json_only,
                     no_validate(), errc::wrong_type, fault_kind::bad_request, "auth.tenantName", "a string"});
        t.push_back({"bool for string",
                     OSI_T(tenant),
                     R"({"tenant": {"name": true}})",
                     json_only,
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "tenant.name",
                     "a boolean"});
        t.push_back({"null for required string",
                     OSI_T(auth),
                     R"({"auth": {"token": {"id": null}}})",
                     json_only,
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "auth.token.id",
                     "null"});
        t.push_back({"string for bool",
                     OSI_T(tenant),
                     R"({"tenant": {"id": "1", "enabled": "true"}})",
                     xml_form{.text = doc("tenant", R"( id="1" enabled="True")"),
                              .element = "/tenant/@enabled",
                              .code = errc::invalid_value,
                              .message_part = "expected a boolean"},
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "tenant.enabled",
                     "expected a boolean, got a string"});
        // xs:boolean is true, false, 1 or 0.
        t.push_back({"number for bool",
                     OSI_T(user),
                     R"({"user": {"enabled": 1}})",
                     xml_form{.text = doc("user", R"( enabled="2")"),
                              .element = "/user/@enabled",
                              .code = errc::invalid_value},
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "user.enabled",
                     "a boolean"});
        t.push_back({"object for array",
                     OSI_T(access),
                     access_with(R"(, "serviceCatalog": {"type": "compute"})"),
                     json_only,
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "access.serviceCatalog",
                     "array"});
        t.push_back({"empty object for array",
                     OSI_T(user),
                     R"({"user": {"roles": {}}})",
                     json_only,
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "user.roles",
                     "array"});
        t.push_back({"array for object",
                     OSI_T(access),
                     R"({"access": {"token": []}})",
                     json_only,
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "access.token",
                     "expected an object, got an array"});
        // In XML an attribute named as an object member is an unknown member.
        t.push_back({"string for object",
                     OSI_T(auth),
                     R"({"auth": {"passwordCredentials": "u:p"}})",
                     json_only,
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "auth.passwordCredentials",
                     "an object"});
        t.push_back({"string for document object",
                     OSI_T(access),
                     R"({"access": "token"})",
                     json_only,
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "access",
                     "an object"});
        t.push_back({"number for list",
                     OSI_T(tenants),
                     R"({"tenants": 5})",
                     json_only,
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "tenants",
                     "an array"});
        t.push_back({"number in list of objects",
                     OSI_T(tenants),
                     R"({"tenants": [{"id": "1"}, 5]})",
                     json_only,
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "tenants[1]",
                     "an object"});
        t.push_back({"number in list of strings",
                     OSI_T(access),
                     access_with(R"(, "metadata": {"roles": ["a", 1]})"),
                     json_only,
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "access.metadata.roles[1]",
                     "a string"});
        t.push_back({"number for URL deep in catalog",
                     OSI_T(access),
                     access_with(R"(, "serviceCatalog": [{"type": "compute", "endpoints": [{"publicURL": 5}]}])"),
                     json_only,
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "access.serviceCatalog[0].endpoints[0].publicURL",
                     "a string"});
        t.push_back({"float for id that takes numbers",
                     OSI_T(endpoint),
                     R"({"endpoint": {"id": 1.5, "publicURL": "u"}})",
                     json_only,
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "endpoint.id",
                     "a string"});
        t.push_back({"number for nullable string",
                     OSI_T(endpoint),
                     R"({"endpoint": {"region": 5, "publicURL": "u"}})",
                     json_only,
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "endpoint.region",
                     "a string"});
        t.push_back({"number for timestamp",
                     OSI_T(access),
                     R"({"access": {"token": {"id": "t", "expires": 12345}}})",
                     xml_form{.text = doc("access", "", R"(<token id="t" expires="12345"/>)"),
                              .element = "/access/token/@expires",
                              .code = errc::invalid_value,
                              .message_part = "ISO 8601"},
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "access.token.expires",
                     "a string"});
        t.push_back({"bool for integer",
                     OSI_T(fault),
                     R"({"itemNotFound": {"code": true, "message": "m"}})",
                     xml_form{.text = doc("itemNotFound", R"( code="true")", "<message>m</message>"),
                              .element = "/itemNotFound/@code",
                              .code = errc::invalid_value},
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "itemNotFound.code",
                     "an integer"});
        t.push_back({"float for integer",
                     OSI_T(fault),
                     R"({"itemNotFound": {"code": 404.5, "message": "m"}})",
                     xml_form{.text = doc("itemNotFound", R"( code="404.5")", "<message>m</message>"),
                              .element = "/itemNotFound/@code",
                              .code = errc::invalid_value},
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "itemNotFound.code",
                     "an integer"});
        t.push_back({"string for integer",
                     OSI_T(fault),
                     R"({"itemNotFound": {"code": "404", "message": "m"}})",
                     xml_form{.text = doc("itemNotFound", R"( code="four")", "<message>m</message>"),
                              .element = "/itemNotFound/@code",
                              .code = errc::invalid_value},
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "itemNotFound.code",
                     "an integer"});
        t.push_back({"float for integer in metadata",
                     OSI_T(access),
                     access_with(R"(, "metadata": {"is_admin": 0.0})"),
                     xml_form{.text = access_xml(R"(<metadata is_admin="0.0"/>)"),
                              .element = "/access/metadata/@is_admin",
                              .code = errc::invalid_value},
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "access.metadata.is_admin",
                     "an integer"});

        // ---- Numbers out of range ---------------------------------------------------------------
        t.push_back({"integer above int64",
                     OSI_T(access),
                     access_with(R"(, "metadata": {"is_admin": 9223372036854775808})"),
                     xml_form{.text = access_xml(R"(<metadata is_admin="9223372036854775808"/>)"),
                              .element = "/access/metadata/@is_admin"},
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "access.metadata.is_admin",
                     "out of range"});
        t.push_back({"integer at uint64 max",
                     OSI_T(fault),
                     R"({"itemNotFound": {"code": 18446744073709551615, "message": "m"}})",
                     xml_form{.text = doc("itemNotFound", R"( code="18446744073709551615")", "<message>m</message>"),
                              .element = "/itemNotFound/@code"},
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "itemNotFound.code",
                     "out of range"});
        t.push_back({"integer below int64",
                     OSI_T(access),
                     access_with(R"(, "metadata": {"is_admin": -9223372036854775809})"),
                     xml_form{.text = access_xml(R"(<metadata is_admin="-9223372036854775809"/>)"),
                              .element = "/access/metadata/@is_admin"},
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "access.metadata.is_admin",
                     "out of range"});

        // ---- The seed's authentication rules ----------------------------------------------------
        // Validation, after reading, names no XML element.
        t.push_back({"tenantName and tenantId",
                     OSI_T(auth),
                     auth_pw_with(R"(, "tenantName": "a", "tenantId": "b")"),
                     xml_form{.text = auth_pw_xml(R"( tenantName="a" tenantId="b")")},
                     {},
                     errc::conflicting_members,
                     fault_kind::bad_request,
                     "auth.tenantId",
                     "tenantName"});
        t.push_back({"no credentials",
                     OSI_T(auth),
                     R"({"auth": {"tenantName": "demo"}})",
                     xml_form{.text = doc("auth", R"( tenantName="demo")")},
                     {},
                     errc::missing_alternative,
                     fault_kind::bad_request,
                     "auth",
                     "passwordCredentials"});
        t.push_back({"empty auth",
                     OSI_T(auth),
                     R"({"auth": {}})",
                     xml_form{.text = doc("auth", "")},
                     {},
                     errc::missing_alternative,
                     fault_kind::bad_request,
                     "auth",
                     "token"});
        t.push_back({"password and token",
                     OSI_T(auth),
                     R"({"auth": {"passwordCredentials": {"username": "u", "password": "p"}, "token": {"id": "t"}}})",
                     xml_form{
                         .text = doc("auth", "", R"(<passwordCredentials username="u" password="p"/><token id="t"/>)")},
                     {},
                     errc::conflicting_members,
                     fault_kind::bad_request,
                     "auth.token",
                     "only one of"});
        t.push_back({"password missing",
                     OSI_T(auth),
                     R"({"auth": {"passwordCredentials": {"username": "u"}}})",
                     xml_form{.text = doc("auth", "", R"(<passwordCredentials username="u"/>)")},
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "auth.passwordCredentials.password"});
        t.push_back({"password empty",
                     OSI_T(auth),
                     R"({"auth": {"passwordCredentials": {"username": "u", "password": ""}}})",
                     xml_form{.text = doc("auth", "", R"(<passwordCredentials username="u" password=""/>)")},
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "auth.passwordCredentials.password"});
        t.push_back({"neither username nor userId",
                     OSI_T(auth),
                     R"({"auth": {"passwordCredentials": {"password": "p"}}})",
                     xml_form{.text = doc("auth", "", R"(<passwordCredentials password="p"/>)")},
                     {},
                     errc::missing_alternative,
                     fault_kind::bad_request,
                     "auth.passwordCredentials",
                     "username"});
        t.push_back({"empty username counts as missing",
                     OSI_T(auth),
                     R"({"auth": {"passwordCredentials": {"username": "", "password": "p"}}})",
                     xml_form{.text = doc("auth", "", R"(<passwordCredentials username="" password="p"/>)")},
                     {},
                     errc::missing_alternative,
                     fault_kind::bad_request,
                     "auth.passwordCredentials",
                     "userId"});
        t.push_back({"token without id",
                     OSI_T(auth),
                     R"({"auth": {"token": {}}})",
                     xml_form{.text = doc("auth", "", "<token/>")},
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "auth.token.id"});
        t.push_back({"token with empty id",
                     OSI_T(auth),
                     R"({"auth": {"token": {"id": ""}}})",
                     xml_form{.text = doc("auth", "", R"(<token id=""/>)")},
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "auth.token.id"});
        // In XML each credential element is one entry: an entry cannot hold two kinds, or none.
        t.push_back(
            {"two kinds of credential in a list entry",
             OSI_T(credentials),
             R"({"credentials": [{"passwordCredentials": {"username": "u", "password": "p"}, "OS-KSS3:s3Credentials": {"username": "u"}}]})",
             json_only,
             {},
             errc::conflicting_members,
             fault_kind::bad_request,
             "credentials[0].OS-KSS3:s3Credentials"});
        t.push_back({"no credential in a list entry",
                     OSI_T(credentials),
                     R"({"credentials": [{}]})",
                     json_only,
                     {},
                     errc::missing_alternative,
                     fault_kind::bad_request,
                     "credentials[0]"});

        // ---- Keystone's limits ------------------------------------------------------------------
        t.push_back({"tenantName of 65 characters",
                     OSI_T(auth),
                     auth_pw_with(R"(, "tenantName": ")" + std::string(65, 'a') + "\""),
                     xml_form{.text = auth_pw_xml(R"( tenantName=")" + std::string(65, 'a') + "\"")},
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "auth.tenantName",
                     "64"});
        t.push_back({"tenantId of 65 characters",
                     OSI_T(auth),
                     auth_pw_with(R"(, "tenantId": ")" + std::string(65, '1') + "\""),
                     xml_form{.text = auth_pw_xml(R"( tenantId=")" + std::string(65, '1') + "\"")},
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "auth.tenantId",
                     "64"});
        t.push_back({"tenantName of 65 two-byte characters",
                     OSI_T(auth),
                     auth_pw_with(R"(, "tenantName": ")" + repeat(e_acute, 65) + "\""),
                     xml_form{.text = auth_pw_xml(R"( tenantName=")" + repeat(e_acute, 65) + "\"")},
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "auth.tenantName",
                     "64"});
        t.push_back({"username of 65 characters",
                     OSI_T(auth),
                     R"({"auth": {"passwordCredentials": {"username": ")" + std::string(65, 'u') +
                         R"(", "password": "p"}}})",
                     xml_form{.text = doc("auth", "",
                                          element("passwordCredentials",
                                                  R"( username=")" + std::string(65, 'u') + R"(" password="p")"))},
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "auth.passwordCredentials.username"});
        t.push_back({"password of 4097 characters",
                     OSI_T(auth),
                     R"({"auth": {"passwordCredentials": {"username": "u", "password": ")" + std::string(4097, 'p') +
                         R"("}}})",
                     xml_form{.text = doc("auth", "",
                                          element("passwordCredentials",
                                                  R"( username="u" password=")" + std::string(4097, 'p') + "\""))},
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "auth.passwordCredentials.password",
                     "4096"});
        t.push_back({"token id of 8193 characters",
                     OSI_T(auth),
                     R"({"auth": {"token": {"id": ")" + std::string(8193, 't') + R"("}}})",
                     xml_form{.text = doc("auth", "", element("token", R"( id=")" + std::string(8193, 't') + "\""))},
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "auth.token.id",
                     "8192"});
        t.push_back({"response token id of 8193 characters",
                     OSI_T(access),
                     R"({"access": {"token": {"id": ")" + std::string(8193, 't') +
                         R"(", "expires": "2014-01-31T15:30:58Z"}}})",
                     xml_form{.text = doc("access", "",
                                          element("token", R"( id=")" + std::string(8193, 't') +
                                                               R"(" expires="2014-01-31T15:30:58Z")"))},
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "access.token.id",
                     "8192"});
        t.push_back({"user name of 65 characters",
                     OSI_T(user),
                     R"({"user": {"name": ")" + std::string(65, 'n') + R"("}})",
                     xml_form{.text = doc("user", R"( name=")" + std::string(65, 'n') + "\"")},
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "user.name"});

        // ---- Response requirements --------------------------------------------------------------
        // A required member whose type cannot say "absent" is missing while reading (the XML
        // reader names the element that lacks it); the others, in validation.
        t.push_back({"access without token",
                     OSI_T(access),
                     R"({"access": {"user": {"id": "u"}}})",
                     xml_form{.text = doc("access", "", R"(<user id="u"/>)"), .element = "/access"},
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "access.token"});
        t.push_back({"token without id",
                     OSI_T(access),
                     R"({"access": {"token": {"expires": "2014-01-31T15:30:58Z"}}})",
                     xml_form{.text = doc("access", "", R"(<token expires="2014-01-31T15:30:58Z"/>)")},
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "access.token.id"});
        t.push_back({"token without expires",
                     OSI_T(access),
                     R"({"access": {"token": {"id": "t"}}})",
                     xml_form{.text = doc("access", "", R"(<token id="t"/>)"), .element = "/access/token"},
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "access.token.expires"});
        t.push_back({"expires not a timestamp",
                     OSI_T(access),
                     R"({"access": {"token": {"id": "t", "expires": "tomorrow"}}})",
                     xml_form{.text = doc("access", "", R"(<token id="t" expires="tomorrow"/>)"),
                              .element = "/access/token/@expires"},
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "access.token.expires",
                     "ISO 8601"});
        t.push_back({"expires with month 13",
                     OSI_T(access),
                     R"({"access": {"token": {"id": "t", "expires": "2010-13-01T03:32:15Z"}}})",
                     xml_form{.text = doc("access", "", R"(<token id="t" expires="2010-13-01T03:32:15Z"/>)"),
                              .element = "/access/token/@expires"},
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "access.token.expires",
                     "month out of range"});
        t.push_back({"expires with offset +24:00",
                     OSI_T(access),
                     R"({"access": {"token": {"id": "t", "expires": "2010-11-01T03:32:15+24:00"}}})",
                     xml_form{.text = doc("access", "", R"(<token id="t" expires="2010-11-01T03:32:15+24:00"/>)"),
                              .element = "/access/token/@expires"},
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "access.token.expires",
                     "offset"});
        t.push_back({"empty issued_at",
                     OSI_T(access),
                     token_with(R"(, "issued_at": "")"),
                     xml_form{.text = token_xml(R"( issued_at="")"), .element = "/access/token/@issued_at"},
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "access.token.issued_at"});
        t.push_back({"service without type",
                     OSI_T(access),
                     access_with(R"(, "serviceCatalog": [)"
                                 R"({"type": "compute", "endpoints": [{"publicURL": "a"}]},)"
                                 R"({"type": "image", "endpoints": [{"publicURL": "b"}]},)"
                                 R"({"name": "nova", "endpoints": [{"publicURL": "c"}]}])"),
                     xml_form{.text = access_xml(R"(<serviceCatalog>)"
                                                 R"(<service type="compute"><endpoint publicURL="a"/></service>)"
                                                 R"(<service type="image"><endpoint publicURL="b"/></service>)"
                                                 R"(<service name="nova"><endpoint publicURL="c"/></service>)"
                                                 R"(</serviceCatalog>)")},
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "access.serviceCatalog[2].type"});
        t.push_back({"endpoint without any URL",
                     OSI_T(access),
                     access_with(R"(, "serviceCatalog": [{"type": "compute", "endpoints": [)"
                                 R"({"publicURL": "a"}, {"region": "North", "versionId": "1"}]}])"),
                     xml_form{.text = access_xml(R"(<serviceCatalog><service type="compute">)"
                                                 R"(<endpoint publicURL="a"/><endpoint region="North" versionId="1"/>)"
                                                 R"(</service></serviceCatalog>)")},
                     {},
                     errc::missing_alternative,
                     fault_kind::bad_request,
                     "access.serviceCatalog[0].endpoints[1]",
                     "adminURL"});
        t.push_back({"link without href",
                     OSI_T(tenants),
                     R"({"tenants": [], "tenants_links": [{"rel": "next"}]})",
                     xml_form{.text = doc("tenants", R"( xmlns:atom="http://www.w3.org/2005/Atom")",
                                          R"(<atom:link rel="next"/>)")},
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "tenants_links[0].href"});
        t.push_back(
            {"service document without type",
             OSI_T(service),
             R"({"OS-KSADM:service": {"name": "nova"}})",
             xml_form{
                 .text =
                     R"(<OS-KSADM:service xmlns:OS-KSADM="http://docs.openstack.org/identity/api/ext/OS-KSADM/v1.0" name="nova"/>)"},
             {},
             errc::missing_member,
             fault_kind::bad_request,
             "OS-KSADM:service.type"});

        // ---- Unknown members in strict mode ------------------------------------------------------
        // XML names an unknown member as JSON does, its namespace through the namespace table
        // (RAX-AUTH:foo). An XML document has nothing beside its root element.
        t.push_back({"unknown member in token", OSI_T(access), token_with(R"(, "RAX-AUTH:foo": {"a": 1})"),
                     xml_form{.text = token_xml("", R"(<RAX-AUTH:foo xmlns:RAX-AUTH=")" +
                                                        std::string(v2::ns::rax_auth) + R"(" a="1"/>)"),
                              .element = "/access/token/RAX-AUTH:foo"},
                     strict(), errc::unknown_member, fault_kind::bad_request, "access.token.RAX-AUTH:foo",
                     "RAX-AUTH:foo"});
        t.push_back({"unknown member in a list element", OSI_T(tenants), R"({"tenants": [{"id": "1", "bogus": 1}]})",
                     xml_form{.text = doc("tenants", "", R"(<tenant id="1" bogus="1"/>)"),
                              .element = "/tenants/tenant/@bogus"},
                     strict(), errc::unknown_member, fault_kind::bad_request, "tenants[0].bogus", "bogus"});
        t.push_back({"unknown top-level member of a list document", OSI_T(tenants), R"({"tenants": [], "bogus": 1})",
                     xml_form{.text = doc("tenants", R"( bogus="1")"), .element = "/tenants/@bogus"}, strict(),
                     errc::unknown_member, fault_kind::bad_request, "bogus", "bogus"});
        t.push_back({"unknown root member before the root", OSI_T(auth),
                     R"({"bogus": 1, "auth": {"token": {"id": "t"}}})", json_only, strict(), errc::unknown_member,
                     fault_kind::bad_request, "bogus", "bogus"});
        t.push_back({"unknown root member after the root", OSI_T(auth),
                     R"({"auth": {"token": {"id": "t"}}, "bogus": 1})", json_only, strict(), errc::unknown_member,
                     fault_kind::bad_request, "bogus", "bogus"});

        // ---- Duplicate members --------------------------------------------------------------------
        // In XML a member given twice is an attribute and an element, or an element twice. XML has
        // one root element (a second is malformed: "two documents"), lists of repeated elements
        // (an unknown member repeated is kept as a list) and no "values" wrapper.
        t.push_back({"duplicate member",
                     OSI_T(auth),
                     R"({"auth": {"tenantName": "a", "tenantName": "b", "token": {"id": "t"}}})",
                     xml_form{.text = doc("auth", R"( tenantName="a")", R"(<tenantName>b</tenantName><token id="t"/>)"),
                              .element = "/auth/tenantName"},
                     {},
                     errc::duplicate_member,
                     fault_kind::bad_request,
                     "auth.tenantName"});
        t.push_back(
            {"duplicate member deep in catalog",
             OSI_T(access),
             access_with(R"(, "serviceCatalog": [{"type": "a", "endpoints": [{"publicURL": "x", "publicURL": "y"}]}])"),
             xml_form{.text = access_xml(R"(<serviceCatalog><service type="a"><endpoint publicURL="x">)"
                                         R"(<publicURL>y</publicURL></endpoint></service></serviceCatalog>)"),
                      .element = "/access/serviceCatalog/service/endpoint/publicURL"},
             {},
             errc::duplicate_member,
             fault_kind::bad_request,
             "access.serviceCatalog[0].endpoints[0].publicURL"});
        // XML has one name for the credential: the same element twice.
        t.push_back(
            {"duplicate member through an alias",
             OSI_T(auth),
             R"({"auth": {"OS-KSEC2-ec2Credentials": {"username": "a"}, "OS-KSEC2:ec2Credentials": {"username": "b"}}})",
             xml_form{.text = doc("auth", R"( xmlns:ec2="http://docs.openstack.org/identity/api/ext/OS-KSEC2/v1.0")",
                                  R"(<ec2:ec2Credentials username="a"/><ec2:ec2Credentials username="b"/>)"),
                      .element = "/auth/ec2:ec2Credentials[2]"},
             {},
             errc::duplicate_member,
             fault_kind::bad_request,
             "auth.OS-KSEC2-ec2Credentials"});
        t.push_back({"duplicate root member",
                     OSI_T(auth),
                     R"({"auth": {"token": {"id": "t"}}, "auth": {"token": {"id": "u"}}})",
                     json_only,
                     {},
                     errc::duplicate_member,
                     fault_kind::bad_request,
                     "auth"});
        t.push_back({"duplicate list member",
                     OSI_T(tenants),
                     R"({"tenants": [], "tenants": []})",
                     json_only,
                     {},
                     errc::duplicate_member,
                     fault_kind::bad_request,
                     "tenants"});
        t.push_back({"duplicate unknown member kept", OSI_T(tenant), R"({"tenant": {"x": 1, "x": 2}})", json_only,
                     keep(), errc::duplicate_member, fault_kind::bad_request, "tenant.x"});
        t.push_back({"two fault kinds",
                     OSI_T(fault),
                     R"({"itemNotFound": {"code": 404, "message": "a"}, "badRequest": {"code": 400, "message": "b"}})",
                     json_only,
                     {},
                     errc::duplicate_member,
                     fault_kind::bad_request,
                     "badRequest"});
        t.push_back({"values given twice",
                     OSI_T(extensions),
                     R"({"extensions": {"values": [], "values": []}})",
                     json_only,
                     {},
                     errc::duplicate_member,
                     fault_kind::bad_request,
                     "extensions.values"});
        // pugixml takes a repeated attribute: the reader refuses it as a member given twice.
        t.push_back({"attribute given twice",
                     OSI_T(auth),
                     xml_only,
                     xml_form{.text = doc("auth", R"( tenantName="a" tenantName="b")", R"(<token id="t"/>)"),
                              .element = "/auth/@tenantName"},
                     {},
                     errc::duplicate_member,
                     fault_kind::bad_request,
                     "auth.tenantName"});

        // ---- Strings ------------------------------------------------------------------------------
        // XML cannot carry a NUL at all: &#0; makes the document malformed, before any member is read.
        const xml_form nul_in_xml{.code = errc::malformed_xml, .path = "", .message_part = "XML does not allow"};
        xml_form nul_name = nul_in_xml;
        nul_name.text = doc("auth", R"( tenantName="a&#0;b")", R"(<token id="t"/>)");
        nul_name.offset = 71;
        t.push_back({"NUL in string",
                     OSI_T(auth),
                     R"({"auth": {"tenantName": "a\u0000b", "token": {"id": "t"}}})",
                     nul_name,
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "auth.tenantName",
                     "NUL"});
        xml_form nul_id = nul_in_xml;
        nul_id.text = doc("access", "", R"(<token id="&#0;" expires="2014-01-31T15:30:58Z"/>)");
        nul_id.offset = 71;
        t.push_back({"NUL in token id",
                     OSI_T(access),
                     R"({"access": {"token": {"id": "\u0000", "expires": "2014-01-31T15:30:58Z"}}})",
                     nul_id,
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "access.token.id",
                     "NUL"});

        // ---- Limits on the document -------------------------------------------------------------
        // JSON counts objects and arrays, XML elements; XML's depth is measured on the parsed
        // tree, so it has no offset.
        t.push_back({"too deep", OSI_T(tenant), R"({"tenant": {"x": [[[]]]}})",
                     xml_form{.text = doc("tenant", "", "<x><x><x/></x></x>")}, depth(3), errc::too_deep,
                     fault_kind::bad_request, "", "nesting deeper than 3", 18});
        t.push_back({"too deep by default",
                     OSI_T(tenant),
                     R"({"tenant": {"x": )" + std::string(100, '[') + std::string(100, ']') + "}}",
                     xml_form{.text = doc("tenant", "", repeat("<x>", 100) + repeat("</x>", 100))},
                     {},
                     errc::too_deep,
                     fault_kind::bad_request,
                     "",
                     "",
                     any_offset});
        t.push_back({"100,000-deep nesting",
                     OSI_T(auth),
                     R"({"auth": {"x": )" + std::string(100000, '[') + std::string(100000, ']') + "}}",
                     xml_form{.text = doc("auth", "", repeat("<x>", 100000) + repeat("</x>", 100000))},
                     {},
                     errc::too_deep,
                     fault_kind::bad_request,
                     "",
                     "nesting deeper than 64",
                     any_offset});
        // Boost.JSON stops at the limit; pugixml (which does not recurse) parses the whole document
        // before the reader measures it: unclosed, it is malformed first.
        t.push_back({"100,000-deep objects",
                     OSI_T(auth),
                     R"({"auth": )" + repeat(R"({"a": )", 100000),
                     xml_form{.text = doc("auth", "") + repeat("<a>", 100000),
                              .offset = any_offset,
                              .code = errc::malformed_xml,
                              .message_part = "malformed XML"},
                     {},
                     errc::too_deep,
                     fault_kind::bad_request,
                     "",
                     "nesting deeper than 64",
                     any_offset});
        // A 10 MB string is read (under the 16 MiB default) and then refused by its member's limit,
        // without being quoted.
        t.push_back({"10 MB password",
                     OSI_T(auth),
                     R"({"auth": {"passwordCredentials": {"username": "u", "password": ")" +
                         std::string(10u << 20, 'p') + R"("}}})",
                     xml_form{.text = doc("auth", "",
                                          element("passwordCredentials",
                                                  R"( username="u" password=")" + std::string(10u << 20, 'p') + "\""))},
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "auth.passwordCredentials.password",
                     "longer than 4096 characters"});
        // One failure for both readers, before any parsing: overLimit (413), not badRequest.
        t.push_back({"too large", OSI_T(tenants), R"({"tenants": []})", xml_form{.text = doc("tenants", "")}, size(14),
                     errc::too_large, fault_kind::over_limit, "", "over the limit of 14"});
        t.push_back({"too large by one byte", OSI_T(tenants), xml_only, xml_form{.text = doc("tenants", "")}, size(61),
                     errc::too_large, fault_kind::over_limit, "", "document of 62 bytes"});

        // ---- Faults ---------------------------------------------------------------------------------
        t.push_back({"fault without code",
                     OSI_T(fault),
                     R"({"badRequest": {"message": "x"}})",
                     xml_form{.text = doc("badRequest", "", "<message>x</message>"), .element = "/badRequest"},
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "badRequest.code"});
        t.push_back({"Keystone error without code",
                     OSI_T(fault),
                     R"({"error": {"title": "Not Found", "message": "x"}})",
                     xml_form{.text = doc("error", R"( title="Not Found" message="x")"), .element = "/error"},
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "error.code"});
        t.push_back({"fault with bad retryAt",
                     OSI_T(fault),
                     R"({"overLimit": {"code": 413, "message": "x", "retryAt": "soon"}})",
                     xml_form{.text = doc("overLimit", R"( code="413" retryAt="soon")", "<message>x</message>"),
                              .element = "/overLimit/@retryAt"},
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "overLimit.retryAt"});

        // ---- Versions and extensions ------------------------------------------------------------
        // XML lists have no "values" wrapper.
        t.push_back({"version without status",
                     OSI_T(version),
                     R"({"version": {"id": "v2.0"}})",
                     xml_form{.text = doc("version", R"( id="v2.0")", "", common_ns), .element = "/version"},
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "version.status"});
        t.push_back({"version without id",
                     OSI_T(version),
                     R"({"version": {"status": "CURRENT"}})",
                     xml_form{.text = doc("version", R"( status="CURRENT")", "", common_ns)},
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "version.id"});
        t.push_back({"listed version without status",
                     OSI_T(versions),
                     R"({"versions": [{"id": "v2.0"}]})",
                     xml_form{.text = doc("versions", "", R"(<version id="v2.0"/>)", common_ns),
                              .element = "/versions/version"},
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "versions[0].status"});
        t.push_back({"extension without alias",
                     OSI_T(extension),
                     R"({"extension": {"name": "n", "namespace": "http://x"}})",
                     xml_form{.text = doc("extension", R"( name="n" namespace="http://x")", "", common_ns)},
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "extension.alias"});
        t.push_back(
            {"listed extension without alias",
             OSI_T(extensions),
             R"({"extensions": [{"name": "a", "namespace": "x", "alias": "A"}, {"name": "n", "namespace": "x"}]})",
             xml_form{.text = doc("extensions", "",
                                  R"(<extension name="a" namespace="x" alias="A"/><extension name="n" namespace="x"/>)",
                                  common_ns)},
             {},
             errc::missing_member,
             fault_kind::bad_request,
             "extensions[1].alias"});
        t.push_back({"values wrapper with a wrong key",
                     OSI_T(extensions),
                     R"({"extensions": {"items": []}})",
                     json_only,
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "extensions",
                     "values"});
        t.push_back({"values wrapper holding a number",
                     OSI_T(extensions),
                     R"({"extensions": {"values": 5}})",
                     json_only,
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "extensions.values",
                     "an array"});
        t.push_back(
            {"extension with bad updated",
             OSI_T(extension),
             R"({"extension": {"name": "n", "namespace": "x", "alias": "A", "updated": "2011-02-30T00:00:00Z"}})",
             xml_form{.text = doc("extension", R"( name="n" namespace="x" alias="A" updated="2011-02-30T00:00:00Z")",
                                  "", common_ns),
                      .element = "/extension/@updated"},
             {},
             errc::invalid_value,
             fault_kind::bad_request,
             "extension.updated",
             "day"});
        // ---- Escapes and edge cases ---------------------------------------------------------------
        // XML names have no escapes, and XML no null.
        t.push_back({"escaped key is the same member",
                     OSI_T(auth),
                     R"({"auth": {"tenant\u004eame": "a", "tenantId": "b", "token": {"id": "t"}}})",
                     json_only,
                     {},
                     errc::conflicting_members,
                     fault_kind::bad_request,
                     "auth.tenantId"});
        t.push_back({"escaped key given twice",
                     OSI_T(auth),
                     R"({"auth": {"tenantName": "a", "tenant\u004eame": "b", "token": {"id": "t"}}})",
                     json_only,
                     {},
                     errc::duplicate_member,
                     fault_kind::bad_request,
                     "auth.tenantName"});
        t.push_back({"65 escaped characters",
                     OSI_T(auth),
                     auth_pw_with(R"(, "tenantName": ")" + repeat("\\u00e9", 65) + "\""),
                     xml_form{.text = auth_pw_xml(R"( tenantName=")" + repeat("&#xe9;", 65) + "\"")},
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "auth.tenantName"});
        t.push_back({"duplicate member after null",
                     OSI_T(tenant),
                     R"({"tenant": {"name": null, "name": "x"}})",
                     json_only,
                     {},
                     errc::duplicate_member,
                     fault_kind::bad_request,
                     "tenant.name"});
        t.push_back({"unknown member in a fault, strict", OSI_T(fault),
                     R"({"itemNotFound": {"code": 404, "message": "m", "bogus": 1}})",
                     xml_form{.text = doc("itemNotFound", R"( code="404" bogus="1")", "<message>m</message>"),
                              .element = "/itemNotFound/@bogus"},
                     strict(), errc::unknown_member, fault_kind::bad_request, "itemNotFound.bogus"});
        t.push_back({"leap second",
                     OSI_T(access),
                     R"({"access": {"token": {"id": "t", "expires": "2016-12-31T23:59:60Z"}}})",
                     xml_form{.text = doc("access", "", R"(<token id="t" expires="2016-12-31T23:59:60Z"/>)"),
                              .element = "/access/token/@expires"},
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "access.token.expires",
                     "second"});
        t.push_back({"fraction without digits",
                     OSI_T(access),
                     R"({"access": {"token": {"id": "t", "expires": "2010-11-01T03:32:15.Z"}}})",
                     xml_form{.text = doc("access", "", R"(<token id="t" expires="2010-11-01T03:32:15.Z"/>)"),
                              .element = "/access/token/@expires"},
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "access.token.expires"});
        return t;
    }();
    return table;
}

// What one format's reader must report for a row.
struct expected {
    errc code;
    std::string path;
    std::string message_part;
    std::size_t offset;
    std::string element;
};

void check(const row& r, reader read, const std::string& text, const expected& x) {
    outcome o = read(text, r.opt);
    BOOST_TEST_REQUIRE(o.error.has_value(), "the document was accepted");
    const v2::error& e = *o.error;
    BOOST_TEST_INFO("error: " << e.what());
    BOOST_TEST(e.code == v2::make_error_code(x.code));
    BOOST_TEST(e.kind == r.kind);
    // The code, as an error condition, is the fault kind a server answers with.
    BOOST_TEST((e.code == r.kind));
    BOOST_TEST(e.path == x.path);
    BOOST_TEST(e.element == x.element);
    if (!x.message_part.empty())
        BOOST_TEST(e.message.find(x.message_part) != std::string::npos,
                   "message \"" << e.message << "\" lacks \"" << x.message_part << "\"");
    BOOST_TEST(!e.message.empty());
    if (x.offset == any_offset) {
        BOOST_TEST(e.offset != v2::error::no_offset);
        BOOST_TEST(e.offset <= text.size());
    } else {
        BOOST_TEST(e.offset == x.offset);
    }
    BOOST_TEST(o.thrown_matches, "from_json or from_xml did not throw a v2::exception with the same error");
}

}  // namespace

BOOST_AUTO_TEST_CASE(table_is_large_enough) {
    std::size_t both = 0;
    for (const row& r : rows()) both += r.json && r.xml;
    BOOST_TEST_MESSAGE(rows().size() << " bad documents, " << both << " in both formats");
    BOOST_TEST(rows().size() >= 130u);
    BOOST_TEST(both >= 90u);
    for (const row& r : rows()) BOOST_TEST((r.json || r.xml), r.name);
}

BOOST_DATA_TEST_CASE(bad_document, boost::unit_test::data::xrange(rows().size()), i) {
    const row& r = rows()[i];
    if (r.json) {
        BOOST_TEST_CONTEXT("row " << i << " \"" << r.name << "\" as " << r.type
                                  << " in JSON: " << r.json->substr(0, 200)) {
            check(r, r.read_json, *r.json, {r.code, r.path, r.message_part, r.offset, ""});
        }
    }
    if (r.xml) {
        const xml_form& x = *r.xml;
        BOOST_TEST_CONTEXT("row " << i << " \"" << r.name << "\" as " << r.type
                                  << " in XML: " << x.text.substr(0, 200)) {
            // Malformed JSON is malformed XML in XML.
            const bool malformed = r.code == errc::malformed_json;
            check(r, r.read_xml, x.text,
                  {x.code.value_or(malformed ? errc::malformed_xml : r.code), x.path.value_or(r.path),
                   x.message_part.value_or(malformed ? "malformed XML" : r.message_part), x.offset, x.element});
        }
    }
}

// Positive controls: the documents just inside each limit and rule read.
namespace {

struct good_row {
    std::string name;
    reader read_json;
    reader read_xml;
    // Either is none where the other format has no such document: a JSON type or null (XML text has
    // neither), a member beside the root, or a size limit just at the other's length.
    std::optional<std::string> json;
    std::optional<std::string> xml;
    v2::read_options opt{};
};

// clang-format off
#define OSI_G(T) &read_as<v2::T, format::json>, &read_as<v2::T, format::xml>
// clang-format on

const std::vector<good_row>& good_rows() {
    static const std::vector<good_row> table = [] {
        std::vector<good_row> t;
        t.push_back({"tenantName of 64 characters", OSI_G(auth),
                     auth_pw_with(R"(, "tenantName": ")" + std::string(64, 'a') + "\""),
                     auth_pw_xml(R"( tenantName=")" + std::string(64, 'a') + "\"")});
        t.push_back({"tenantName of 64 two-byte characters", OSI_G(auth),
                     auth_pw_with(R"(, "tenantName": ")" + repeat(e_acute, 64) + "\""),
                     auth_pw_xml(R"( tenantName=")" + repeat(e_acute, 64) + "\"")});
        t.push_back({"tenantName of 40 three-byte characters", OSI_G(auth),
                     auth_pw_with(R"(, "tenantName": ")" + repeat("\xe2\x82\xac", 40) + "\""),
                     auth_pw_xml(R"( tenantName=")" + repeat("\xe2\x82\xac", 40) + "\"")});
        t.push_back({"tenantId of 64 characters", OSI_G(auth),
                     auth_pw_with(R"(, "tenantId": ")" + std::string(64, '1') + "\""),
                     auth_pw_xml(R"( tenantId=")" + std::string(64, '1') + "\"")});
        t.push_back({"password of 4096 characters", OSI_G(auth),
                     R"({"auth": {"passwordCredentials": {"username": "u", "password": ")" + std::string(4096, 'p') +
                         R"("}}})",
                     doc("auth", "",
                         element("passwordCredentials",
                                 R"( username="u" password=")" + std::string(4096, 'p') + "\""))});
        t.push_back({"token id of 8192 characters", OSI_G(auth),
                     R"({"auth": {"token": {"id": ")" + std::string(8192, 't') + R"("}}})",
                     doc("auth", "", element("token", R"( id=")" + std::string(8192, 't') + "\""))});
        t.push_back({"userId instead of username", OSI_G(auth),
                     R"({"auth": {"passwordCredentials": {"userId": "u1", "password": "p"}}})",
                     doc("auth", "", R"(<passwordCredentials userId="u1" password="p"/>)")});
        t.push_back({"null tenantName", OSI_G(auth), R"({"auth": {"tenantName": null, "token": {"id": "t"}}})",
                     std::nullopt});
        t.push_back(
            {"ec2 alias", OSI_G(auth), R"({"auth": {"OS-KSEC2:ec2Credentials": {"username": "u"}}})",
             doc("auth", "",
                 R"(<ec2Credentials xmlns="http://docs.openstack.org/identity/api/ext/OS-KSEC2/v1.0" username="u"/>)")});
        t.push_back({"unknown members ignored", OSI_G(access), token_with(R"(, "RAX-AUTH:foo": {"a": [1, {}]})"),
                     token_xml("", R"(<RAX-AUTH:foo xmlns:RAX-AUTH="urn:rax" a="1"><b/></RAX-AUTH:foo>)")});
        t.push_back({"unknown root member ignored", OSI_G(auth), R"({"auth": {"token": {"id": "t"}}, "bogus": 1})",
                     std::nullopt});
        t.push_back({"depth just inside", OSI_G(tenant), R"({"tenant": {"x": [1]}})", doc("tenant", "", "<x><x/></x>"),
                     depth(3)});
        t.push_back({"size just inside", OSI_G(tenants), R"({"tenants": []})", std::nullopt, size(15)});
        t.push_back({"XML size just inside", OSI_G(tenants), std::nullopt, doc("tenants", ""), size(62)});
        t.push_back({"integer at int64 max", OSI_G(access),
                     access_with(R"(, "metadata": {"is_admin": 9223372036854775807})"),
                     access_xml(R"(<metadata is_admin="9223372036854775807"/>)")});
        t.push_back({"integer at int64 min", OSI_G(access),
                     access_with(R"(, "metadata": {"is_admin": -9223372036854775808})"),
                     access_xml(R"(<metadata is_admin="-9223372036854775808"/>)")});
        t.push_back({"whitespace around the document", OSI_G(tenants), " \t\n{\"tenants\": []}\r\n ",
                     " \t\n" + doc("tenants", "") + "\r\n "});
        t.push_back({"only the admin URL", OSI_G(access),
                     access_with(R"(, "serviceCatalog": [{"type": "compute", "endpoints": [{"adminURL": "a"}]}])"),
                     access_xml(R"(<serviceCatalog><service type="compute"><endpoint adminURL="a"/></service>)"
                                R"(</serviceCatalog>)")});
        t.push_back({"numeric endpoint ids", OSI_G(endpoint),
                     R"({"endpoint": {"id": 1, "tenantId": 1, "publicURL": "u"}})", std::nullopt});
        t.push_back({"validation off", OSI_G(auth), R"({"auth": {}})", doc("auth", ""), no_validate()});
        return t;
    }();
    return table;
}

}  // namespace

BOOST_DATA_TEST_CASE(good_document, boost::unit_test::data::xrange(good_rows().size()), i) {
    const good_row& r = good_rows()[i];
    if (r.json) {
        BOOST_TEST_CONTEXT("good row " << i << " \"" << r.name << "\" in JSON") {
            outcome o = r.read_json(*r.json, r.opt);
            BOOST_TEST(!o.error.has_value(), "rejected: " << (o.error ? o.error->what() : std::string()));
        }
    }
    if (r.xml) {
        BOOST_TEST_CONTEXT("good row " << i << " \"" << r.name << "\" in XML") {
            outcome o = r.read_xml(*r.xml, r.opt);
            BOOST_TEST(!o.error.has_value(), "rejected: " << (o.error ? o.error->what() : std::string()));
        }
    }
}

// A few direct checks of what the table cannot say.
BOOST_AUTO_TEST_CASE(error_what_and_exception) {
    auto r = v2::try_from_json<v2::auth>(R"({"auth": {"token": {}}})");
    BOOST_TEST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().what() == "auth.token.id: " + r.error().message);
    BOOST_CHECK_EXCEPTION(v2::from_json<v2::auth>(R"({"auth": {"token": {}}})"), v2::exception,
                          [](const v2::exception& e) {
                              return e.error().path == "auth.token.id" && e.code() == errc::missing_member &&
                                     std::string(e.what()).find("auth.token.id") != std::string::npos;
                          });

    auto m = v2::try_from_json<v2::auth>(R"({"auth": {"tenantName": "x",}})");
    BOOST_TEST_REQUIRE(!m.has_value());
    BOOST_TEST(m.error().what().find("(at byte 28)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(validate_all_reports_every_rule) {
    v2::auth a;
    a.tenant_name = std::string(65, 'x');
    a.tenant_id = "t";
    a.password_credentials.emplace();
    a.token.emplace();
    auto all = v2::validate_all(a, "auth");
    std::vector<std::string> paths;
    for (const auto& e : all) paths.push_back(e.path);
    const std::vector<std::string> expected{"auth.tenantName",
                                            "auth.passwordCredentials.password",
                                            "auth.passwordCredentials",
                                            "auth.token.id",
                                            "auth.tenantId",
                                            "auth.token"};
    BOOST_TEST(paths == expected, boost::test_tools::per_element());
    auto first = v2::validate(a, "auth");
    BOOST_TEST_REQUIRE(first.has_value());
    BOOST_TEST(first->path == "auth.tenantName");
    BOOST_TEST(first->code == v2::make_error_code(errc::too_long));
}

BOOST_AUTO_TEST_SUITE_END()
