#include <boost/test/unit_test.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

#include "support.hpp"

#include <openstack/identity/v2.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

BOOST_AUTO_TEST_SUITE(json_bad_documents_test)

namespace v2 = openstack::identity::v2;
using v2::errc;
using v2::fault_kind;

namespace {

// What reading one document as one type gave: the error of try_from_json (if any),
// and whether from_json threw a v2::exception carrying the same error.
struct outcome {
    std::optional<v2::error> error;
    bool thrown_matches = false;
};

using reader = outcome (*)(std::string_view, const v2::read_options&);

template <class T>
outcome read_as(std::string_view text, const v2::read_options& opt) {
    outcome o;
    auto r = v2::try_from_json<T>(text, opt);
    if (r) return o;
    o.error = r.error();
    try {
        (void)v2::from_json<T>(text, opt);
    } catch (const v2::exception& e) {
        o.thrown_matches = e.error() == *o.error && e.code() == o.error->code && e.kind() == o.error->kind;
    } catch (...) {
    }
    return o;
}

constexpr std::size_t any_offset = static_cast<std::size_t>(-2);  // malformed: some offset inside the text
constexpr std::size_t no_offset = v2::error::no_offset;

struct row {
    std::string name;
    std::string type;
    reader read;
    std::string json;
    v2::read_options opt{};
    errc code;
    fault_kind kind = fault_kind::bad_request;
    std::string path;
    std::string message_part{};
    std::size_t offset = no_offset;  // exact expected offset, any_offset, or no_offset
};

// clang-format 14 reads the template argument list here as comparisons.
// clang-format off
#define OSI_T(T) #T, &read_as<v2::T>
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

const std::vector<row>& rows() {
    static const std::vector<row> table = [] {
        std::vector<row> t;
        // ---- Malformed JSON -------------------------------------------------------------
        t.push_back({"truncated",
                     OSI_T(auth),
                     R"({"auth": {"tenantName": "x")",
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     27});
        t.push_back({"trailing comma",
                     OSI_T(auth),
                     R"({"auth": {"tenantName": "x",}})",
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     28});
        t.push_back({"bare word",
                     OSI_T(auth),
                     R"({"auth": demo})",
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     9});
        t.push_back({"truncated literal",
                     OSI_T(tenant),
                     R"({"tenant": {"enabled": tru}})",
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     26});
        t.push_back({"empty document",
                     OSI_T(access),
                     "",
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     0});
        t.push_back({"only whitespace",
                     OSI_T(access),
                     "   \n",
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     4});
        t.push_back({"data after the document",
                     OSI_T(tenants),
                     R"({"tenants": []} x)",
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     16});
        t.push_back({"two documents",
                     OSI_T(tenants),
                     R"({"tenants": []}{"tenants": []})",
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     15});
        t.push_back({"single quotes",
                     OSI_T(auth),
                     R"({'auth': {}})",
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     1});
        t.push_back({"comment",
                     OSI_T(tenants),
                     R"({"tenants": [] /* c */})",
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     15});
        t.push_back({"invalid UTF-8",
                     OSI_T(tenant),
                     "{\"tenant\": {\"name\": \"\xff\"}}",
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     21});
        t.push_back({"lone surrogate escape",
                     OSI_T(tenant),
                     R"({"tenant": {"name": "\ud800"}})",
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     any_offset});
        // Boost.JSON validates UTF-8: overlong forms, encoded surrogates, code points over U+10FFFF,
        // truncated sequences and raw control characters are syntax errors (Boost.JSON decides at or
        // just after the sequence).
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
                         {},
                         errc::malformed_json,
                         fault_kind::bad_request,
                         "",
                         "malformed JSON",
                         any_offset});
        t.push_back({"missing colon",
                     OSI_T(tenant),
                     R"({"tenant" {}})",
                     {},
                     errc::malformed_json,
                     fault_kind::bad_request,
                     "",
                     "malformed JSON",
                     10});

        // ---- Root ---------------------------------------------------------------------------
        t.push_back({"wrong root key",
                     OSI_T(auth),
                     R"({"access": {}})",
                     {},
                     errc::wrong_root,
                     fault_kind::bad_request,
                     "",
                     "auth"});
        t.push_back(
            {"empty root object", OSI_T(access), R"({})", {}, errc::wrong_root, fault_kind::bad_request, "", "access"});
        t.push_back({"root is an array",
                     OSI_T(auth),
                     R"([{"auth": {}}])",
                     {},
                     errc::wrong_root,
                     fault_kind::bad_request,
                     "",
                     "an array"});
        t.push_back({"root is a string",
                     OSI_T(access),
                     R"("access")",
                     {},
                     errc::wrong_root,
                     fault_kind::bad_request,
                     "",
                     "a string"});
        t.push_back(
            {"root is null", OSI_T(tenant), R"(null)", {}, errc::wrong_root, fault_kind::bad_request, "", "null"});
        // "" for an empty list is choices.json's quirk, read for choices_links only.
        t.push_back({"empty string for a list",
                     OSI_T(user),
                     R"({"user": {"roles": ""}})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "user.roles",
                     "an array"});
        t.push_back({"list root is an array",
                     OSI_T(tenants),
                     R"([{"id": "1"}])",
                     {},
                     errc::wrong_root,
                     fault_kind::bad_request,
                     ""});
        t.push_back({"list document with another root",
                     OSI_T(tenants),
                     access_with(""),
                     {},
                     errc::wrong_root,
                     fault_kind::bad_request,
                     ""});
        t.push_back({"fault with an unknown root",
                     OSI_T(fault),
                     R"({"notAFault": {"code": 500}})",
                     {},
                     errc::wrong_root,
                     fault_kind::bad_request,
                     ""});

        // ---- Wrong types ------------------------------------------------------------------------
        t.push_back({"number for string",
                     OSI_T(auth),
                     R"({"auth": {"tenantName": 5, "token": {"id": "t"}}})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "auth.tenantName",
                     "expected a string, got a number"});
        t.push_back({"number for string, validation off", OSI_T(auth), R"({"auth": {"tenantName": 5}})", no_validate(),
                     errc::wrong_type, fault_kind::bad_request, "auth.tenantName", "a string"});
        t.push_back({"bool for string",
                     OSI_T(tenant),
                     R"({"tenant": {"name": true}})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "tenant.name",
                     "a boolean"});
        t.push_back({"null for required string",
                     OSI_T(auth),
                     R"({"auth": {"token": {"id": null}}})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "auth.token.id",
                     "null"});
        t.push_back({"string for bool",
                     OSI_T(tenant),
                     R"({"tenant": {"id": "1", "enabled": "true"}})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "tenant.enabled",
                     "expected a boolean, got a string"});
        t.push_back({"number for bool",
                     OSI_T(user),
                     R"({"user": {"enabled": 1}})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "user.enabled",
                     "a boolean"});
        t.push_back({"object for array",
                     OSI_T(access),
                     access_with(R"(, "serviceCatalog": {"type": "compute"})"),
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "access.serviceCatalog",
                     "array"});
        t.push_back({"empty object for array",
                     OSI_T(user),
                     R"({"user": {"roles": {}}})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "user.roles",
                     "array"});
        t.push_back({"array for object",
                     OSI_T(access),
                     R"({"access": {"token": []}})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "access.token",
                     "expected an object, got an array"});
        t.push_back({"string for object",
                     OSI_T(auth),
                     R"({"auth": {"passwordCredentials": "u:p"}})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "auth.passwordCredentials",
                     "an object"});
        t.push_back({"string for document object",
                     OSI_T(access),
                     R"({"access": "token"})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "access",
                     "an object"});
        t.push_back({"number for list",
                     OSI_T(tenants),
                     R"({"tenants": 5})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "tenants",
                     "an array"});
        t.push_back({"number in list of objects",
                     OSI_T(tenants),
                     R"({"tenants": [{"id": "1"}, 5]})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "tenants[1]",
                     "an object"});
        t.push_back({"number in list of strings",
                     OSI_T(access),
                     access_with(R"(, "metadata": {"roles": ["a", 1]})"),
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "access.metadata.roles[1]",
                     "a string"});
        t.push_back({"number for URL deep in catalog",
                     OSI_T(access),
                     access_with(R"(, "serviceCatalog": [{"type": "compute", "endpoints": [{"publicURL": 5}]}])"),
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "access.serviceCatalog[0].endpoints[0].publicURL",
                     "a string"});
        t.push_back({"float for id that takes numbers",
                     OSI_T(endpoint),
                     R"({"endpoint": {"id": 1.5, "publicURL": "u"}})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "endpoint.id",
                     "a string"});
        t.push_back({"number for nullable string",
                     OSI_T(endpoint),
                     R"({"endpoint": {"region": 5, "publicURL": "u"}})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "endpoint.region",
                     "a string"});
        t.push_back({"number for timestamp",
                     OSI_T(access),
                     R"({"access": {"token": {"id": "t", "expires": 12345}}})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "access.token.expires",
                     "a string"});
        t.push_back({"bool for integer",
                     OSI_T(fault),
                     R"({"itemNotFound": {"code": true, "message": "m"}})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "itemNotFound.code",
                     "an integer"});
        t.push_back({"float for integer",
                     OSI_T(fault),
                     R"({"itemNotFound": {"code": 404.5, "message": "m"}})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "itemNotFound.code",
                     "an integer"});
        t.push_back({"string for integer",
                     OSI_T(fault),
                     R"({"itemNotFound": {"code": "404", "message": "m"}})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "itemNotFound.code",
                     "an integer"});
        t.push_back({"float for integer in metadata",
                     OSI_T(access),
                     access_with(R"(, "metadata": {"is_admin": 0.0})"),
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "access.metadata.is_admin",
                     "an integer"});

        // ---- Numbers out of range ---------------------------------------------------------------
        t.push_back({"integer above int64",
                     OSI_T(access),
                     access_with(R"(, "metadata": {"is_admin": 9223372036854775808})"),
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "access.metadata.is_admin",
                     "out of range"});
        t.push_back({"integer at uint64 max",
                     OSI_T(fault),
                     R"({"itemNotFound": {"code": 18446744073709551615, "message": "m"}})",
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "itemNotFound.code",
                     "out of range"});
        t.push_back({"integer below int64",
                     OSI_T(access),
                     access_with(R"(, "metadata": {"is_admin": -9223372036854775809})"),
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "access.metadata.is_admin",
                     "out of range"});

        // ---- The seed's authentication rules ----------------------------------------------------
        t.push_back({"tenantName and tenantId",
                     OSI_T(auth),
                     auth_pw_with(R"(, "tenantName": "a", "tenantId": "b")"),
                     {},
                     errc::conflicting_members,
                     fault_kind::bad_request,
                     "auth.tenantId",
                     "tenantName"});
        t.push_back({"no credentials",
                     OSI_T(auth),
                     R"({"auth": {"tenantName": "demo"}})",
                     {},
                     errc::missing_alternative,
                     fault_kind::bad_request,
                     "auth",
                     "passwordCredentials"});
        t.push_back({"empty auth",
                     OSI_T(auth),
                     R"({"auth": {}})",
                     {},
                     errc::missing_alternative,
                     fault_kind::bad_request,
                     "auth",
                     "token"});
        t.push_back({"password and token",
                     OSI_T(auth),
                     R"({"auth": {"passwordCredentials": {"username": "u", "password": "p"}, "token": {"id": "t"}}})",
                     {},
                     errc::conflicting_members,
                     fault_kind::bad_request,
                     "auth.token",
                     "only one of"});
        t.push_back({"password missing",
                     OSI_T(auth),
                     R"({"auth": {"passwordCredentials": {"username": "u"}}})",
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "auth.passwordCredentials.password"});
        t.push_back({"password empty",
                     OSI_T(auth),
                     R"({"auth": {"passwordCredentials": {"username": "u", "password": ""}}})",
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "auth.passwordCredentials.password"});
        t.push_back({"neither username nor userId",
                     OSI_T(auth),
                     R"({"auth": {"passwordCredentials": {"password": "p"}}})",
                     {},
                     errc::missing_alternative,
                     fault_kind::bad_request,
                     "auth.passwordCredentials",
                     "username"});
        t.push_back({"empty username counts as missing",
                     OSI_T(auth),
                     R"({"auth": {"passwordCredentials": {"username": "", "password": "p"}}})",
                     {},
                     errc::missing_alternative,
                     fault_kind::bad_request,
                     "auth.passwordCredentials",
                     "userId"});
        t.push_back({"token without id",
                     OSI_T(auth),
                     R"({"auth": {"token": {}}})",
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "auth.token.id"});
        t.push_back({"token with empty id",
                     OSI_T(auth),
                     R"({"auth": {"token": {"id": ""}}})",
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "auth.token.id"});
        t.push_back(
            {"two kinds of credential in a list entry",
             OSI_T(credentials),
             R"({"credentials": [{"passwordCredentials": {"username": "u", "password": "p"}, "OS-KSS3:s3Credentials": {"username": "u"}}]})",
             {},
             errc::conflicting_members,
             fault_kind::bad_request,
             "credentials[0].OS-KSS3:s3Credentials"});
        t.push_back({"no credential in a list entry",
                     OSI_T(credentials),
                     R"({"credentials": [{}]})",
                     {},
                     errc::missing_alternative,
                     fault_kind::bad_request,
                     "credentials[0]"});

        // ---- Keystone's limits ------------------------------------------------------------------
        t.push_back({"tenantName of 65 characters",
                     OSI_T(auth),
                     auth_pw_with(R"(, "tenantName": ")" + std::string(65, 'a') + "\""),
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "auth.tenantName",
                     "64"});
        t.push_back({"tenantId of 65 characters",
                     OSI_T(auth),
                     auth_pw_with(R"(, "tenantId": ")" + std::string(65, '1') + "\""),
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "auth.tenantId",
                     "64"});
        t.push_back({"tenantName of 65 two-byte characters",
                     OSI_T(auth),
                     auth_pw_with(R"(, "tenantName": ")" + repeat(e_acute, 65) + "\""),
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "auth.tenantName",
                     "64"});
        t.push_back({"username of 65 characters",
                     OSI_T(auth),
                     R"({"auth": {"passwordCredentials": {"username": ")" + std::string(65, 'u') +
                         R"(", "password": "p"}}})",
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "auth.passwordCredentials.username"});
        t.push_back({"password of 4097 characters",
                     OSI_T(auth),
                     R"({"auth": {"passwordCredentials": {"username": "u", "password": ")" + std::string(4097, 'p') +
                         R"("}}})",
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "auth.passwordCredentials.password",
                     "4096"});
        t.push_back({"token id of 8193 characters",
                     OSI_T(auth),
                     R"({"auth": {"token": {"id": ")" + std::string(8193, 't') + R"("}}})",
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "auth.token.id",
                     "8192"});
        t.push_back({"response token id of 8193 characters",
                     OSI_T(access),
                     R"({"access": {"token": {"id": ")" + std::string(8193, 't') +
                         R"(", "expires": "2014-01-31T15:30:58Z"}}})",
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "access.token.id",
                     "8192"});
        t.push_back({"user name of 65 characters",
                     OSI_T(user),
                     R"({"user": {"name": ")" + std::string(65, 'n') + R"("}})",
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "user.name"});

        // ---- Response requirements --------------------------------------------------------------
        t.push_back({"access without token",
                     OSI_T(access),
                     R"({"access": {"user": {"id": "u"}}})",
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "access.token"});
        t.push_back({"token without id",
                     OSI_T(access),
                     R"({"access": {"token": {"expires": "2014-01-31T15:30:58Z"}}})",
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "access.token.id"});
        t.push_back({"token without expires",
                     OSI_T(access),
                     R"({"access": {"token": {"id": "t"}}})",
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "access.token.expires"});
        t.push_back({"expires not a timestamp",
                     OSI_T(access),
                     R"({"access": {"token": {"id": "t", "expires": "tomorrow"}}})",
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "access.token.expires",
                     "ISO 8601"});
        t.push_back({"expires with month 13",
                     OSI_T(access),
                     R"({"access": {"token": {"id": "t", "expires": "2010-13-01T03:32:15Z"}}})",
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "access.token.expires",
                     "month out of range"});
        t.push_back({"expires with offset +24:00",
                     OSI_T(access),
                     R"({"access": {"token": {"id": "t", "expires": "2010-11-01T03:32:15+24:00"}}})",
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "access.token.expires",
                     "offset"});
        t.push_back({"empty issued_at",
                     OSI_T(access),
                     token_with(R"(, "issued_at": "")"),
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
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "access.serviceCatalog[2].type"});
        t.push_back({"endpoint without any URL",
                     OSI_T(access),
                     access_with(R"(, "serviceCatalog": [{"type": "compute", "endpoints": [)"
                                 R"({"publicURL": "a"}, {"region": "North", "versionId": "1"}]}])"),
                     {},
                     errc::missing_alternative,
                     fault_kind::bad_request,
                     "access.serviceCatalog[0].endpoints[1]",
                     "adminURL"});
        t.push_back({"link without href",
                     OSI_T(tenants),
                     R"({"tenants": [], "tenants_links": [{"rel": "next"}]})",
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "tenants_links[0].href"});
        t.push_back({"service document without type",
                     OSI_T(service),
                     R"({"OS-KSADM:service": {"name": "nova"}})",
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "OS-KSADM:service.type"});

        // ---- Unknown members in strict mode ------------------------------------------------------
        t.push_back({"unknown member in token", OSI_T(access), token_with(R"(, "RAX-AUTH:foo": {"a": 1})"), strict(),
                     errc::unknown_member, fault_kind::bad_request, "access.token.RAX-AUTH:foo", "RAX-AUTH:foo"});
        t.push_back({"unknown member in a list element", OSI_T(tenants), R"({"tenants": [{"id": "1", "bogus": 1}]})",
                     strict(), errc::unknown_member, fault_kind::bad_request, "tenants[0].bogus", "bogus"});
        t.push_back({"unknown top-level member of a list document", OSI_T(tenants), R"({"tenants": [], "bogus": 1})",
                     strict(), errc::unknown_member, fault_kind::bad_request, "bogus", "bogus"});
        t.push_back({"unknown root member before the root", OSI_T(auth),
                     R"({"bogus": 1, "auth": {"token": {"id": "t"}}})", strict(), errc::unknown_member,
                     fault_kind::bad_request, "bogus", "bogus"});
        t.push_back({"unknown root member after the root", OSI_T(auth),
                     R"({"auth": {"token": {"id": "t"}}, "bogus": 1})", strict(), errc::unknown_member,
                     fault_kind::bad_request, "bogus", "bogus"});

        // ---- Duplicate members --------------------------------------------------------------------
        t.push_back({"duplicate member",
                     OSI_T(auth),
                     R"({"auth": {"tenantName": "a", "tenantName": "b", "token": {"id": "t"}}})",
                     {},
                     errc::duplicate_member,
                     fault_kind::bad_request,
                     "auth.tenantName"});
        t.push_back(
            {"duplicate member deep in catalog",
             OSI_T(access),
             access_with(R"(, "serviceCatalog": [{"type": "a", "endpoints": [{"publicURL": "x", "publicURL": "y"}]}])"),
             {},
             errc::duplicate_member,
             fault_kind::bad_request,
             "access.serviceCatalog[0].endpoints[0].publicURL"});
        t.push_back(
            {"duplicate member through an alias",
             OSI_T(auth),
             R"({"auth": {"OS-KSEC2-ec2Credentials": {"username": "a"}, "OS-KSEC2:ec2Credentials": {"username": "b"}}})",
             {},
             errc::duplicate_member,
             fault_kind::bad_request,
             "auth.OS-KSEC2-ec2Credentials"});
        t.push_back({"duplicate root member",
                     OSI_T(auth),
                     R"({"auth": {"token": {"id": "t"}}, "auth": {"token": {"id": "u"}}})",
                     {},
                     errc::duplicate_member,
                     fault_kind::bad_request,
                     "auth"});
        t.push_back({"duplicate list member",
                     OSI_T(tenants),
                     R"({"tenants": [], "tenants": []})",
                     {},
                     errc::duplicate_member,
                     fault_kind::bad_request,
                     "tenants"});
        t.push_back({"duplicate unknown member kept", OSI_T(tenant), R"({"tenant": {"x": 1, "x": 2}})", keep(),
                     errc::duplicate_member, fault_kind::bad_request, "tenant.x"});
        t.push_back({"two fault kinds",
                     OSI_T(fault),
                     R"({"itemNotFound": {"code": 404, "message": "a"}, "badRequest": {"code": 400, "message": "b"}})",
                     {},
                     errc::duplicate_member,
                     fault_kind::bad_request,
                     "badRequest"});
        t.push_back({"values given twice",
                     OSI_T(extensions),
                     R"({"extensions": {"values": [], "values": []}})",
                     {},
                     errc::duplicate_member,
                     fault_kind::bad_request,
                     "extensions.values"});

        // ---- Strings ------------------------------------------------------------------------------
        t.push_back({"NUL in string",
                     OSI_T(auth),
                     R"({"auth": {"tenantName": "a\u0000b", "token": {"id": "t"}}})",
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "auth.tenantName",
                     "NUL"});
        t.push_back({"NUL in token id",
                     OSI_T(access),
                     R"({"access": {"token": {"id": "\u0000", "expires": "2014-01-31T15:30:58Z"}}})",
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "access.token.id",
                     "NUL"});

        // ---- Limits on the document -------------------------------------------------------------
        t.push_back({"too deep", OSI_T(tenant), R"({"tenant": {"x": [[[]]]}})", depth(3), errc::too_deep,
                     fault_kind::bad_request, "", "", 18});
        t.push_back({"too deep by default",
                     OSI_T(tenant),
                     R"({"tenant": {"x": )" + std::string(100, '[') + std::string(100, ']') + "}}",
                     {},
                     errc::too_deep,
                     fault_kind::bad_request,
                     "",
                     "",
                     any_offset});
        t.push_back({"100,000-deep nesting",
                     OSI_T(auth),
                     R"({"auth": {"x": )" + std::string(100000, '[') + std::string(100000, ']') + "}}",
                     {},
                     errc::too_deep,
                     fault_kind::bad_request,
                     "",
                     "nesting deeper than 64",
                     any_offset});
        t.push_back({"100,000-deep objects",
                     OSI_T(auth),
                     R"({"auth": )" + repeat(R"({"a": )", 100000),
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
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "auth.passwordCredentials.password",
                     "longer than 4096 characters"});
        t.push_back({"too large", OSI_T(tenants), R"({"tenants": []})", size(14), errc::too_large,
                     fault_kind::over_limit, "", "14"});

        // ---- Faults ---------------------------------------------------------------------------------
        t.push_back({"fault without code",
                     OSI_T(fault),
                     R"({"badRequest": {"message": "x"}})",
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "badRequest.code"});
        t.push_back({"Keystone error without code",
                     OSI_T(fault),
                     R"({"error": {"title": "Not Found", "message": "x"}})",
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "error.code"});
        t.push_back({"fault with bad retryAt",
                     OSI_T(fault),
                     R"({"overLimit": {"code": 413, "message": "x", "retryAt": "soon"}})",
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "overLimit.retryAt"});

        // ---- Versions and extensions ------------------------------------------------------------
        t.push_back({"version without status",
                     OSI_T(version),
                     R"({"version": {"id": "v2.0"}})",
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "version.status"});
        t.push_back({"version without id",
                     OSI_T(version),
                     R"({"version": {"status": "CURRENT"}})",
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "version.id"});
        t.push_back({"listed version without status",
                     OSI_T(versions),
                     R"({"versions": [{"id": "v2.0"}]})",
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "versions[0].status"});
        t.push_back({"extension without alias",
                     OSI_T(extension),
                     R"({"extension": {"name": "n", "namespace": "http://x"}})",
                     {},
                     errc::missing_member,
                     fault_kind::bad_request,
                     "extension.alias"});
        t.push_back(
            {"listed extension without alias",
             OSI_T(extensions),
             R"({"extensions": [{"name": "a", "namespace": "x", "alias": "A"}, {"name": "n", "namespace": "x"}]})",
             {},
             errc::missing_member,
             fault_kind::bad_request,
             "extensions[1].alias"});
        t.push_back({"values wrapper with a wrong key",
                     OSI_T(extensions),
                     R"({"extensions": {"items": []}})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "extensions",
                     "values"});
        t.push_back({"values wrapper holding a number",
                     OSI_T(extensions),
                     R"({"extensions": {"values": 5}})",
                     {},
                     errc::wrong_type,
                     fault_kind::bad_request,
                     "extensions.values",
                     "an array"});
        t.push_back(
            {"extension with bad updated",
             OSI_T(extension),
             R"({"extension": {"name": "n", "namespace": "x", "alias": "A", "updated": "2011-02-30T00:00:00Z"}})",
             {},
             errc::invalid_value,
             fault_kind::bad_request,
             "extension.updated",
             "day"});
        // ---- Escapes and edge cases ---------------------------------------------------------------
        t.push_back({"escaped key is the same member",
                     OSI_T(auth),
                     R"({"auth": {"tenant\u004eame": "a", "tenantId": "b", "token": {"id": "t"}}})",
                     {},
                     errc::conflicting_members,
                     fault_kind::bad_request,
                     "auth.tenantId"});
        t.push_back({"escaped key given twice",
                     OSI_T(auth),
                     R"({"auth": {"tenantName": "a", "tenant\u004eame": "b", "token": {"id": "t"}}})",
                     {},
                     errc::duplicate_member,
                     fault_kind::bad_request,
                     "auth.tenantName"});
        t.push_back({"65 escaped characters",
                     OSI_T(auth),
                     auth_pw_with(R"(, "tenantName": ")" + repeat("\\u00e9", 65) + "\""),
                     {},
                     errc::too_long,
                     fault_kind::bad_request,
                     "auth.tenantName"});
        t.push_back({"duplicate member after null",
                     OSI_T(tenant),
                     R"({"tenant": {"name": null, "name": "x"}})",
                     {},
                     errc::duplicate_member,
                     fault_kind::bad_request,
                     "tenant.name"});
        t.push_back({"unknown member in a fault, strict", OSI_T(fault),
                     R"({"itemNotFound": {"code": 404, "message": "m", "bogus": 1}})", strict(), errc::unknown_member,
                     fault_kind::bad_request, "itemNotFound.bogus"});
        t.push_back({"leap second",
                     OSI_T(access),
                     R"({"access": {"token": {"id": "t", "expires": "2016-12-31T23:59:60Z"}}})",
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "access.token.expires",
                     "second"});
        t.push_back({"fraction without digits",
                     OSI_T(access),
                     R"({"access": {"token": {"id": "t", "expires": "2010-11-01T03:32:15.Z"}}})",
                     {},
                     errc::invalid_value,
                     fault_kind::bad_request,
                     "access.token.expires"});
        return t;
    }();
    return table;
}

}  // namespace

BOOST_AUTO_TEST_CASE(table_is_large_enough) {
    BOOST_TEST_MESSAGE(rows().size() << " bad documents");
    BOOST_TEST(rows().size() >= 45u);
}

BOOST_DATA_TEST_CASE(bad_document, boost::unit_test::data::xrange(rows().size()), i) {
    const row& r = rows()[i];
    BOOST_TEST_CONTEXT("row " << i << " \"" << r.name << "\" as " << r.type << ": " << r.json.substr(0, 200)) {
        outcome o = r.read(r.json, r.opt);
        BOOST_TEST_REQUIRE(o.error.has_value(), "the document was accepted");
        const v2::error& e = *o.error;
        BOOST_TEST_INFO("error: " << e.what());
        BOOST_TEST(e.code == v2::make_error_code(r.code));
        BOOST_TEST(e.kind == r.kind);
        BOOST_TEST(e.path == r.path);
        if (!r.message_part.empty())
            BOOST_TEST(e.message.find(r.message_part) != std::string::npos,
                       "message \"" << e.message << "\" lacks \"" << r.message_part << "\"");
        BOOST_TEST(!e.message.empty());
        if (r.offset == any_offset) {
            BOOST_TEST(e.offset != v2::error::no_offset);
            BOOST_TEST(e.offset <= r.json.size());
        } else {
            BOOST_TEST(e.offset == r.offset);
        }
        // The code, as an error condition, is the fault kind a server answers with.
        BOOST_TEST((e.code == r.kind));
        BOOST_TEST(o.thrown_matches, "from_json did not throw a v2::exception with the same error");
    }
}

// Positive controls: the documents just inside each limit and rule read.
namespace {

struct good_row {
    std::string name;
    reader read;
    std::string json;
    v2::read_options opt{};
};

// clang-format off
#define OSI_G(T) &read_as<v2::T>
// clang-format on

const std::vector<good_row>& good_rows() {
    static const std::vector<good_row> table = [] {
        std::vector<good_row> t;
        t.push_back({"tenantName of 64 characters", OSI_G(auth),
                     auth_pw_with(R"(, "tenantName": ")" + std::string(64, 'a') + "\"")});
        t.push_back({"tenantName of 64 two-byte characters", OSI_G(auth),
                     auth_pw_with(R"(, "tenantName": ")" + repeat(e_acute, 64) + "\"")});
        t.push_back({"tenantName of 40 three-byte characters", OSI_G(auth),
                     auth_pw_with(R"(, "tenantName": ")" + repeat("\xe2\x82\xac", 40) + "\"")});
        t.push_back({"tenantId of 64 characters", OSI_G(auth),
                     auth_pw_with(R"(, "tenantId": ")" + std::string(64, '1') + "\"")});
        t.push_back({"password of 4096 characters", OSI_G(auth),
                     R"({"auth": {"passwordCredentials": {"username": "u", "password": ")" + std::string(4096, 'p') +
                         R"("}}})"});
        t.push_back({"token id of 8192 characters", OSI_G(auth),
                     R"({"auth": {"token": {"id": ")" + std::string(8192, 't') + R"("}}})"});
        t.push_back({"userId instead of username", OSI_G(auth),
                     R"({"auth": {"passwordCredentials": {"userId": "u1", "password": "p"}}})"});
        t.push_back({"null tenantName", OSI_G(auth), R"({"auth": {"tenantName": null, "token": {"id": "t"}}})"});
        t.push_back({"ec2 alias", OSI_G(auth), R"({"auth": {"OS-KSEC2:ec2Credentials": {"username": "u"}}})"});
        t.push_back({"unknown members ignored", OSI_G(access), token_with(R"(, "RAX-AUTH:foo": {"a": [1, {}]})")});
        t.push_back({"unknown root member ignored", OSI_G(auth), R"({"auth": {"token": {"id": "t"}}, "bogus": 1})"});
        t.push_back({"depth just inside", OSI_G(tenant), R"({"tenant": {"x": [1]}})", depth(3)});
        t.push_back({"size just inside", OSI_G(tenants), R"({"tenants": []})", size(15)});
        t.push_back({"integer at int64 max", OSI_G(access),
                     access_with(R"(, "metadata": {"is_admin": 9223372036854775807})")});
        t.push_back({"integer at int64 min", OSI_G(access),
                     access_with(R"(, "metadata": {"is_admin": -9223372036854775808})")});
        t.push_back({"whitespace around the document", OSI_G(tenants), " \t\n{\"tenants\": []}\r\n "});
        t.push_back({"only the admin URL", OSI_G(access),
                     access_with(R"(, "serviceCatalog": [{"type": "compute", "endpoints": [{"adminURL": "a"}]}])")});
        t.push_back({"numeric endpoint ids", OSI_G(endpoint),
                     R"({"endpoint": {"id": 1, "tenantId": 1, "publicURL": "u"}})"});
        t.push_back({"validation off", OSI_G(auth), R"({"auth": {}})", no_validate()});
        return t;
    }();
    return table;
}

}  // namespace

BOOST_DATA_TEST_CASE(good_document, boost::unit_test::data::xrange(good_rows().size()), i) {
    const good_row& r = good_rows()[i];
    BOOST_TEST_CONTEXT("good row " << i << " \"" << r.name << "\"") {
        outcome o = r.read(r.json, r.opt);
        BOOST_TEST(!o.error.has_value(), "rejected: " << (o.error ? o.error->what() : std::string()));
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
