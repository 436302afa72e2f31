#include <boost/test/unit_test.hpp>

#include "asio_server_fixture.hpp"
#include "support.hpp"

#include <openstack/identity/v2/protocol/request_handler.hpp>
#include <openstack/identity/v2/protocol/memory_backend.hpp>
#include <openstack/identity/v2/http.hpp>

#include <boost/json.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

BOOST_AUTO_TEST_SUITE(asio_handler_test)

namespace v2 = openstack::identity::v2;
namespace proto = openstack::identity::v2::protocol;
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using v2::http::media;

struct fixture {
    std::shared_ptr<osi_test::test_backend> backend = osi_test::make_test_backend();
    proto::request_handler pub{backend, options(proto::listener_kind::public_api)};
    proto::request_handler adm{backend, options(proto::listener_kind::admin_api)};

    static proto::request_handler_options options(proto::listener_kind side) {
        proto::request_handler_options o;
        o.side = side;
        o.base_url = side == proto::listener_kind::public_api ? "http://127.0.0.1:5000" : "http://127.0.0.1:35357";
        o.public_url = "http://127.0.0.1:5000";
        o.extensions.push_back(v2::extension{.name = "OpenStack Keystone Admin",
                                             .namespace_ = "http://docs.openstack.org/identity/api/ext/OS-KSADM/v1.0",
                                             .alias = "OS-KSADM",
                                             .description = "Admin extension"});
        return o;
    }

    static proto::response call(const proto::request_handler& h, bhttp::verb v, std::string target,
                                std::string body = {},
                                std::initializer_list<std::pair<std::string, std::string>> headers = {}) {
        proto::request req{v, target, 11};
        for (auto& [k, val] : headers) req.set(k, val);
        if (!body.empty() || v == bhttp::verb::post) {
            if (req.find(bhttp::field::content_type) == req.end())
                req.set(bhttp::field::content_type, "application/json");
            req.body() = std::move(body);
            req.prepare_payload();
        }
        return h.handle(req);
    }

    std::string token(std::string auth = osi_test::demo_auth_json) {
        auto res = call(pub, bhttp::verb::post, "/v2.0/tokens", auth);
        BOOST_REQUIRE_EQUAL(res.result_int(), 200u);
        return std::string(json::parse(res.body()).at_pointer("/access/token/id").as_string());
    }

    std::string admin_user_token() {
        return token(
            R"({"auth":{"tenantName":"admin","passwordCredentials":{"username":"admin","password":"adminsecret"}}})");
    }
};

namespace {

json::value body_json(const proto::response& r) { return json::parse(r.body()); }

// A fault answer: status, both dialects in the body, JSON.
void check_fault(const proto::response& r, unsigned status, std::string_view name) {
    BOOST_TEST(r.result_int() == status);
    BOOST_TEST(r[bhttp::field::content_type] == "application/json");
    auto j = body_json(r);
    BOOST_TEST(j.at("error").at("code").as_int64() == status);
    BOOST_TEST(j.at(name).at("code").as_int64() == status);
    auto f = v2::try_from_json<v2::fault>(r.body());
    BOOST_TEST(f.has_value());
}

void check_xml_fault(const proto::response& r, unsigned status) {
    BOOST_TEST(r.result_int() == status);
    BOOST_TEST(r[bhttp::field::content_type] == "application/xml");
    auto f = v2::try_from_xml<v2::fault>(r.body());
    BOOST_TEST_REQUIRE(f.has_value());
    BOOST_TEST(f->code == status);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(negotiation)

BOOST_AUTO_TEST_CASE(accept_header) {
    using v2::http::negotiate;
    BOOST_TEST((negotiate("") == media::json));
    BOOST_TEST((negotiate("*/*") == media::json));
    BOOST_TEST((negotiate("application/json") == media::json));
    BOOST_TEST((negotiate("application/xml") == media::xml));
    BOOST_TEST((negotiate("text/xml") == media::xml));
    BOOST_TEST((negotiate("application/xml, */*") == media::xml));
    BOOST_TEST((negotiate("application/json, application/xml") == media::json));
    BOOST_TEST((negotiate("application/json;q=0.5, application/xml") == media::xml));
    BOOST_TEST((negotiate("application/xml;q=0.2, application/json;q=0.9") == media::json));
    BOOST_TEST((negotiate("application/vnd.openstack.identity-v2.0+xml") == media::xml));
    BOOST_TEST((negotiate("application/json;q=0") == std::nullopt));
    BOOST_TEST((negotiate("text/html") == std::nullopt));
}

BOOST_AUTO_TEST_CASE(content_type_header) {
    using v2::http::body_media;
    BOOST_TEST((body_media("") == media::json));
    BOOST_TEST((body_media("application/json; charset=UTF-8") == media::json));
    BOOST_TEST((body_media("APPLICATION/XML") == media::xml));
    BOOST_TEST((body_media("text/plain") == std::nullopt));
    BOOST_TEST((body_media("application/x-www-form-urlencoded") == std::nullopt));
}

BOOST_AUTO_TEST_CASE(crypto_primitives) {
    namespace c = proto::crypto;
    const auto a = c::random_id(), b = c::random_id();
    BOOST_TEST(a.size() == 32u);
    BOOST_TEST(a != b);
    BOOST_TEST(a.find_first_not_of("0123456789abcdef") == std::string::npos);
    BOOST_TEST(c::random_audit_id().size() == 22u);
    const auto h = c::hash_password("pw", 1000);
    BOOST_TEST(h.rfind("pbkdf2-sha256$1000$", 0) == 0u);
    auto p = c::parse_password_hash(h);
    BOOST_TEST_REQUIRE(p.has_value());
    BOOST_TEST(c::verify_password("pw", *p));
    BOOST_TEST(!c::verify_password("pW", *p));
    BOOST_TEST(c::hash_password("pw", 1000) != h);  // per-hash salt
    BOOST_TEST(!c::parse_password_hash("plain").has_value());
    BOOST_TEST(c::secrets_equal("ADMIN", "ADMIN"));
    BOOST_TEST(!c::secrets_equal("ADMIN", "ADMIM"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(routes, fixture)

BOOST_AUTO_TEST_CASE(root_is_300_with_absolute_links) {
    auto r = call(pub, bhttp::verb::get, "/");
    BOOST_TEST(r.result_int() == 300u);
    BOOST_TEST(r[bhttp::field::content_type] == "application/json");
    BOOST_TEST(r[bhttp::field::vary] == "X-Auth-Token");
    auto vs = v2::from_json<v2::versions>(r.body());
    BOOST_TEST_REQUIRE(vs.items.size() == 1u);
    BOOST_TEST(vs.items[0].id == "v2.0");
    BOOST_TEST(vs.items[0].links->at(0).href == "http://127.0.0.1:5000/v2.0/");
    BOOST_TEST(body_json(r).at("versions").at("values").is_array());

    auto a = call(adm, bhttp::verb::get, "/");
    BOOST_TEST(v2::from_json<v2::versions>(a.body()).items[0].links->at(0).href == "http://127.0.0.1:35357/v2.0/");

    auto x = call(pub, bhttp::verb::get, "/", {}, {{"Accept", "application/xml"}});
    BOOST_TEST(x.result_int() == 300u);
    BOOST_TEST(x[bhttp::field::content_type] == "application/xml");
    BOOST_TEST(v2::from_xml<v2::versions>(x.body()).items.at(0).links->at(0).href == "http://127.0.0.1:5000/v2.0/");
}

BOOST_AUTO_TEST_CASE(version_with_and_without_slash) {
    for (const char* t : {"/v2.0", "/v2.0/"}) {
        auto r = call(pub, bhttp::verb::get, t);
        BOOST_TEST(r.result_int() == 200u);
        auto v = v2::from_json<v2::version>(r.body());
        BOOST_TEST(v.id == "v2.0");
        BOOST_TEST(v.links->at(0).rel == "self");
        BOOST_TEST(v.links->at(0).href == "http://127.0.0.1:5000/v2.0/");
    }
    auto x = call(adm, bhttp::verb::get, "/v2.0", {}, {{"Accept", "application/xml"}});
    BOOST_TEST(x.result_int() == 200u);
    BOOST_TEST(v2::from_xml<v2::version>(x.body()).id == "v2.0");
}

BOOST_AUTO_TEST_CASE(extensions) {
    auto r = call(pub, bhttp::verb::get, "/v2.0/extensions");
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(body_json(r).at("extensions").at("values").as_array().size() == 1u);
    auto e = call(adm, bhttp::verb::get, "/v2.0/extensions/OS-KSADM");
    BOOST_TEST(e.result_int() == 200u);
    BOOST_TEST(v2::from_json<v2::extension>(e.body()).alias == "OS-KSADM");
    check_fault(call(pub, bhttp::verb::get, "/v2.0/extensions/OS-NOPE"), 404, "itemNotFound");
    auto x = call(pub, bhttp::verb::get, "/v2.0/extensions", {}, {{"Accept", "application/xml"}});
    BOOST_TEST(v2::from_xml<v2::extensions>(x.body()).items.size() == 1u);
    check_xml_fault(call(pub, bhttp::verb::get, "/v2.0/extensions/none", {}, {{"Accept", "application/xml"}}), 404);
}

BOOST_AUTO_TEST_CASE(authenticate_password_json) {
    auto r = call(pub, bhttp::verb::post, "/v2.0/tokens", osi_test::demo_auth_json);
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(r[bhttp::field::content_type] == "application/json");
    BOOST_TEST(r[bhttp::field::cache_control] == "no-store");
    auto j = body_json(r);
    const std::string expires(j.at_pointer("/access/token/expires").as_string());
    BOOST_TEST(expires.back() == 'Z');
    BOOST_TEST(std::string(j.at_pointer("/access/token/issued_at").as_string()).back() == 'Z');
    auto a = v2::from_json<v2::access>(r.body());
    BOOST_TEST(a.token.id.size() == 32u);
    BOOST_TEST(*a.token.tenant->id == "t-demo");
    BOOST_TEST_REQUIRE(a.service_catalog->size() == 2u);
    BOOST_TEST(*a.service_catalog->at(0).endpoints.at(0).public_url == "http://127.0.0.1:8774/v2/t-demo");
    BOOST_TEST(*a.service_catalog->at(1).endpoints.at(0).public_url == "http://127.0.0.1:5000/v2.0");
    BOOST_TEST(*a.service_catalog->at(1).endpoints.at(0).admin_url == "http://127.0.0.1:35357/v2.0");
    BOOST_TEST(a.user->roles->size() == 2u);
    BOOST_TEST(*a.user->roles->at(0).name == "Member");
    BOOST_TEST((a.metadata->roles == std::vector<std::string>{"r-member", "r-another"}));
    BOOST_TEST(*a.metadata->is_admin == 0);
    // The password is nowhere in the answer.
    BOOST_TEST(r.body().find("secretsecret") == std::string::npos);
    // The admin listener authenticates too.
    BOOST_TEST(call(adm, bhttp::verb::post, "/v2.0/tokens", osi_test::demo_auth_json).result_int() == 200u);
    // By user id and tenant id.
    auto b =
        call(pub, bhttp::verb::post, "/v2.0/tokens",
             R"({"auth":{"tenantId":"t-demo","passwordCredentials":{"userId":"u-demo","password":"secretsecret"}}})");
    BOOST_TEST(b.result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(authenticate_unscoped) {
    auto r = call(pub, bhttp::verb::post, "/v2.0/tokens",
                  R"({"auth":{"passwordCredentials":{"username":"demo","password":"secretsecret"}}})");
    BOOST_TEST(r.result_int() == 200u);
    auto a = v2::from_json<v2::access>(r.body());
    BOOST_TEST(!a.token.tenant.has_value());
    BOOST_TEST(a.service_catalog->empty());
    BOOST_TEST(body_json(r).at_pointer("/access/serviceCatalog").as_array().empty());
}

BOOST_AUTO_TEST_CASE(authenticate_xml) {
    const std::string body = R"(<?xml version="1.0" encoding="UTF-8"?>
<auth xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://docs.openstack.org/identity/api/v2.0" tenantName="demo">
  <passwordCredentials username="demo" password="secretsecret"/>
</auth>)";
    auto r = call(pub, bhttp::verb::post, "/v2.0/tokens", body,
                  {{"Content-Type", "application/xml"}, {"Accept", "application/xml"}});
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(r[bhttp::field::content_type] == "application/xml");
    auto a = v2::try_from_xml<v2::access>(r.body());
    BOOST_TEST_REQUIRE(a.has_value());
    BOOST_TEST(*a->token.tenant->name == "demo");
    BOOST_TEST(r.body().find("expires=\"") != std::string::npos);
    // XML in, JSON out.
    auto j = call(pub, bhttp::verb::post, "/v2.0/tokens", body, {{"Content-Type", "application/xml"}});
    BOOST_TEST(j.result_int() == 200u);
    BOOST_TEST(j[bhttp::field::content_type] == "application/json");
    // Malformed XML: 400 in XML.
    auto bad = call(pub, bhttp::verb::post, "/v2.0/tokens", "<auth><oops",
                    {{"Content-Type", "application/xml"}, {"Accept", "application/xml"}});
    check_xml_fault(bad, 400);
    // Wrong credentials in XML: 401 in XML with the header.
    auto u = call(
        pub, bhttp::verb::post, "/v2.0/tokens",
        R"(<auth xmlns="http://docs.openstack.org/identity/api/v2.0"><passwordCredentials username="demo" password="nope"/></auth>)",
        {{"Content-Type", "application/xml"}, {"Accept", "application/xml"}});
    check_xml_fault(u, 401);
    BOOST_TEST(u[bhttp::field::www_authenticate] == "Keystone uri=\"http://127.0.0.1:5000\"");
}

BOOST_AUTO_TEST_CASE(authenticate_token_with_x_auth_token) {
    const std::string t = token();
    const std::string body = R"({"auth":{"tenantName":"demo","token":{"id":")" + t + R"("}}})";
    auto r = call(pub, bhttp::verb::post, "/v2.0/tokens", body, {{"X-Auth-Token", t}});
    BOOST_TEST(r.result_int() == 200u);
    auto a = v2::from_json<v2::access>(r.body());
    BOOST_TEST(a.token.id != t);
    // The original expiry is kept, and the audit chain.
    auto first = v2::from_json<v2::access>(
        call(adm, bhttp::verb::get, "/v2.0/tokens/" + t, {}, {{"X-Auth-Token", "ADMIN"}}).body());
    BOOST_TEST(a.token.expires == first.token.expires);
    BOOST_TEST(a.token.audit_ids->size() == 2u);
    BOOST_TEST(a.token.audit_ids->at(1) == first.token.audit_ids->at(0));
    // A header that is not a token does not matter on authenticate.
    BOOST_TEST(call(pub, bhttp::verb::post, "/v2.0/tokens", body, {{"X-Auth-Token", "garbage"}}).result_int() == 200u);
    // An unknown token as the credential is 401.
    auto u = call(pub, bhttp::verb::post, "/v2.0/tokens", R"({"auth":{"token":{"id":"0123"}}})");
    check_fault(u, 401, "unauthorized");
}

BOOST_AUTO_TEST_CASE(authenticate_failures_are_401) {
    for (const char* body : {
             R"({"auth":{"passwordCredentials":{"username":"demo","password":"wrong-password"}}})",
             R"({"auth":{"passwordCredentials":{"username":"nobody","password":"wrong-password"}}})",
             R"({"auth":{"tenantName":"admin","passwordCredentials":{"username":"demo","password":"secretsecret"}}})",
             R"({"auth":{"tenantName":"nosuch","passwordCredentials":{"username":"demo","password":"secretsecret"}}})",
             R"({"auth":{"tenantName":"off","passwordCredentials":{"username":"demo","password":"secretsecret"}}})",
         }) {
        auto r = call(pub, bhttp::verb::post, "/v2.0/tokens", body);
        check_fault(r, 401, "unauthorized");
        BOOST_TEST(r[bhttp::field::www_authenticate] == "Keystone uri=\"http://127.0.0.1:5000\"");
        BOOST_TEST(r.body().find("wrong-password") == std::string::npos);
        BOOST_TEST(r.body().find("secretsecret") == std::string::npos);
    }
    // The admin listener's 401 points at the public URL too.
    auto a = call(adm, bhttp::verb::post, "/v2.0/tokens",
                  R"({"auth":{"passwordCredentials":{"username":"demo","password":"x"}}})");
    BOOST_TEST(a[bhttp::field::www_authenticate] == "Keystone uri=\"http://127.0.0.1:5000\"");
    // A disabled user with the right password: userDisabled (403).
    auto d = call(pub, bhttp::verb::post, "/v2.0/tokens",
                  R"({"auth":{"passwordCredentials":{"username":"disabled","password":"offsecret"}}})");
    check_fault(d, 403, "userDisabled");
    // ... and with a wrong one, 401 like anyone else.
    check_fault(call(pub, bhttp::verb::post, "/v2.0/tokens",
                     R"({"auth":{"passwordCredentials":{"username":"disabled","password":"nope"}}})"),
                401, "unauthorized");
}

BOOST_AUTO_TEST_CASE(bad_bodies_are_400_with_the_path) {
    auto m = call(pub, bhttp::verb::post, "/v2.0/tokens", R"({"auth": )");
    check_fault(m, 400, "badRequest");
    auto missing = call(pub, bhttp::verb::post, "/v2.0/tokens",
                        R"({"auth":{"passwordCredentials":{"username":"demo"}}})");
    check_fault(missing, 400, "badRequest");
    BOOST_TEST(std::string(body_json(missing).at("error").at("message").as_string())
                   .find("auth.passwordCredentials.password") != std::string::npos);
    BOOST_TEST(std::string(body_json(missing).at("badRequest").at("details").as_string()) ==
               "auth.passwordCredentials.password");
    auto both = call(
        pub, bhttp::verb::post, "/v2.0/tokens",
        R"({"auth":{"tenantId":"t-demo","tenantName":"demo","passwordCredentials":{"username":"demo","password":"hunter2-secret"}}})");
    check_fault(both, 400, "badRequest");
    BOOST_TEST(both.body().find("hunter2") == std::string::npos);
    auto wrong_type = call(pub, bhttp::verb::post, "/v2.0/tokens",
                           R"({"auth":{"passwordCredentials":{"username":"demo","password":12345678}}})");
    check_fault(wrong_type, 400, "badRequest");
    BOOST_TEST(wrong_type.body().find("12345678") == std::string::npos);
    check_fault(call(pub, bhttp::verb::post, "/v2.0/tokens", ""), 400, "badRequest");
    check_fault(call(pub, bhttp::verb::post, "/v2.0/tokens", R"({"notauth":{}})"), 400, "badRequest");
    // In XML when asked for.
    check_xml_fault(call(pub, bhttp::verb::post, "/v2.0/tokens", "{", {{"Accept", "application/xml"}}), 400);
}

BOOST_AUTO_TEST_CASE(unsupported_media_type_is_415) {
    auto r = call(pub, bhttp::verb::post, "/v2.0/tokens", "auth=1",
                  {{"Content-Type", "application/x-www-form-urlencoded"}});
    check_fault(r, 415, "badMediaType");
    check_xml_fault(call(pub, bhttp::verb::post, "/v2.0/tokens", "x",
                         {{"Content-Type", "text/plain"}, {"Accept", "application/xml"}}),
                    415);
}

BOOST_AUTO_TEST_CASE(body_over_the_limit_is_413) {
    std::string big = R"({"auth":{"passwordCredentials":{"username":"demo","password":")" + std::string(200000, 'x') +
                      R"("}}})";
    auto r = call(pub, bhttp::verb::post, "/v2.0/tokens", big);
    check_fault(r, 413, "overLimit");
    check_xml_fault(call(pub, bhttp::verb::post, "/v2.0/tokens", big, {{"Accept", "application/xml"}}), 413);
    // Exactly at the limit is read (and here rejected as a document, not as too large).
    std::string at(v2::http::default_body_limit, ' ');
    at[0] = '{';
    at[at.size() - 1] = '}';
    BOOST_TEST(call(pub, bhttp::verb::post, "/v2.0/tokens", at).result_int() == 400u);
    // Configurable.
    auto o = options(proto::listener_kind::public_api);
    o.body_limit = 64;
    proto::request_handler small(backend, o);
    check_fault(call(small, bhttp::verb::post, "/v2.0/tokens", osi_test::demo_auth_json), 413, "overLimit");
}

BOOST_AUTO_TEST_CASE(wrong_method_is_405_with_allow) {
    struct {
        const proto::request_handler* h;
        bhttp::verb v;
        const char* target;
        const char* allow;
    } cases[] = {
        {&pub, bhttp::verb::get, "/v2.0/tokens", "POST"},
        {&pub, bhttp::verb::put, "/v2.0/tokens", "POST"},
        {&pub, bhttp::verb::post, "/v2.0", "GET, HEAD"},
        {&pub, bhttp::verb::delete_, "/", "GET, HEAD"},
        {&pub, bhttp::verb::post, "/v2.0/tenants", "GET, HEAD"},
        {&pub, bhttp::verb::put, "/v2.0/extensions/OS-KSADM", "GET, HEAD"},
        {&adm, bhttp::verb::post, "/v2.0/tokens/abc", "GET, HEAD, DELETE"},
        {&adm, bhttp::verb::delete_, "/v2.0/tokens/abc/endpoints", "GET, HEAD"},
        {&adm, bhttp::verb::post, "/v2.0/users/u-demo", "GET, HEAD, PUT, DELETE"},
        {&adm, bhttp::verb::patch, "/v2.0/tenants/t-demo/users/u-demo/roles", "GET, HEAD"},
        {&adm, bhttp::verb::get, "/v2.0/OS-KSCRUD/users/u-demo", "PATCH"},
        {&adm, bhttp::verb::put, "/v2.0/endpoints", "GET, HEAD, POST"},
    };
    for (auto& c : cases) {
        auto r = call(*c.h, c.v, c.target, c.v == bhttp::verb::post ? "{}" : "");
        BOOST_TEST_CONTEXT(c.target) {
            check_fault(r, 405, "badMethod");
            BOOST_TEST(r[bhttp::field::allow] == c.allow);
        }
    }
    auto x = call(pub, bhttp::verb::get, "/v2.0/tokens", {}, {{"Accept", "application/xml"}});
    check_xml_fault(x, 405);
    BOOST_TEST(x[bhttp::field::allow] == "POST");
}

// The route table against the handler. On a listener that serves a row, each method of its
// resource (the rows there with its path) is answered: not 404 (the captures hold real ids),
// not 405, not 5xx (a capture the member reads under a name its row lacks is 500); any other
// method is 405 with those methods, in the order GET, HEAD, POST, PUT, DELETE, PATCH, as Allow. On the
// public listener an admin-only row is 404 whatever the method, unless a public row has its path
// (POST /v2.0/tenants: 405, as the public GET's resource). Each row on a backend of its own:
// the admin rows' DELETE removes what the captures name.
BOOST_AUTO_TEST_CASE(every_row_answers_its_methods_and_only_them) {
    using proto::detail::listeners;
    using proto::detail::methods;
    const std::pair<methods, bhttp::verb> named[] = {
        {methods::get, bhttp::verb::get},         {methods::head, bhttp::verb::head},
        {methods::post, bhttp::verb::post},       {methods::put, bhttp::verb::put},
        {methods::delete_, bhttp::verb::delete_}, {methods::patch, bhttp::verb::patch}};
    const bhttp::verb tried[] = {bhttp::verb::get,     bhttp::verb::head,  bhttp::verb::post,   bhttp::verb::put,
                                 bhttp::verb::delete_, bhttp::verb::patch, bhttp::verb::options};
    BOOST_TEST_REQUIRE(!proto::detail::routes().empty());
    for (const proto::detail::route& row : proto::detail::routes()) {
        fixture x;
        const auto& pub = x.pub;
        const auto& adm = x.adm;
        std::map<std::string, std::string, std::less<>> ids{{"tenant_id", "t-demo"},
                                                            {"user_id", "u-demo"},
                                                            {"alias", "OS-KSADM"},
                                                            {"role_id", "r-member"},
                                                            {"endpoint_id", "ep-nova"}};
        ids["service_id"] = *x.backend->list_services().value().items.at(0).id;
        ids["access"] = *x.backend->create_ec2_credential("u-demo", "t-demo").value().access;
        auto token = [&] { return x.token(); };
        // The path with an id in each capture; a fresh token each time, as DELETE revokes it.
        auto with_ids = [&](std::string_view path) {
            std::string out;
            for (std::size_t at; (at = path.find('{')) != std::string_view::npos;) {
                const std::size_t end = path.find('}', at);
                const std::string_view name = path.substr(at + 1, end - at - 1);
                out += path.substr(0, at);
                if (name == "token_id") {
                    out += token();
                } else {
                    auto id = ids.find(name);
                    BOOST_TEST_REQUIRE((id != ids.end()), "no id for the capture {" << name << "} of " << path);
                    out += id->second;
                }
                path.remove_prefix(end + 1);
            }
            return out += path;
        };
        const std::pair<std::string, std::string> admin{"X-Auth-Token", x.admin_user_token()};
        for (const proto::request_handler* h : {&pub, &adm}) {
            const bool on_public = h == &pub;
            unsigned resource = 0;
            for (const proto::detail::route& other : proto::detail::routes())
                if (other.path == row.path && (!on_public || other.on == listeners::both))
                    resource |= static_cast<unsigned>(other.allow);
            std::string allow;
            for (auto [m, v] : named) {
                if (!(resource & static_cast<unsigned>(m))) continue;
                if (!allow.empty()) allow += ", ";
                allow += bhttp::to_string(v);
            }
            for (bhttp::verb v : tried) {
                unsigned bit = 0;
                for (auto [m, named_v] : named)
                    if (named_v == v) bit = static_cast<unsigned>(m);
                const std::string target = with_ids(row.path);
                auto r = call(*h, v, target, v == bhttp::verb::post ? osi_test::demo_auth_json : "", {admin});
                const bool head = v == bhttp::verb::head;
                BOOST_TEST_CONTEXT(bhttp::to_string(v)
                                   << ' ' << target << " on the " << (on_public ? "public" : "admin")
                                   << " listener (row " << row.path << ")") {
                    if (on_public && row.on == listeners::admin && resource == 0) {
                        BOOST_TEST(r.result_int() == 404u);
                        if (!head) check_fault(r, 404, "itemNotFound");
                    } else if (resource & bit) {
                        BOOST_TEST(r.result_int() != 404u);
                        BOOST_TEST(r.result_int() != 405u);
                        BOOST_TEST(r.result_int() < 500u, r.body());
                    } else {
                        BOOST_TEST(r.result_int() == 405u);
                        if (!head) check_fault(r, 405, "badMethod");
                        BOOST_TEST(r[bhttp::field::allow] == allow);
                    }
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(unknown_paths_are_404) {
    for (const char* t :
         {"/v3", "/v2.0/nothing", "/v2.0/tokens/a/b/c", "/v2.0//tokens", "/v2.0/tenants/x/users/y", "/v2.0/OS-KSADM"}) {
        BOOST_TEST_CONTEXT(t) { check_fault(call(adm, bhttp::verb::get, t), 404, "itemNotFound"); }
    }
    // The admin API is not on the public listener.
    for (const char* t :
         {"/v2.0/tokens/abc", "/v2.0/tokens/abc/endpoints", "/v2.0/users", "/v2.0/users/u-demo", "/v2.0/tenants/t-demo",
          "/v2.0/users/u-demo/roles", "/v2.0/tenants/t-demo/users/u-demo/roles"}) {
        BOOST_TEST_CONTEXT(t) {
            check_fault(call(pub, bhttp::verb::get, t, {}, {{"X-Auth-Token", "ADMIN"}}), 404, "itemNotFound");
        }
    }
    check_fault(call(pub, bhttp::verb::get, "/v2.0/%zz"), 400, "badRequest");
}

BOOST_AUTO_TEST_CASE(public_tenants) {
    check_fault(call(pub, bhttp::verb::get, "/v2.0/tenants"), 401, "unauthorized");
    check_fault(call(pub, bhttp::verb::get, "/v2.0/tenants", {}, {{"X-Auth-Token", "nope"}}), 401, "unauthorized");
    auto r = call(pub, bhttp::verb::get, "/v2.0/tenants", {}, {{"X-Auth-Token", token()}});
    BOOST_TEST(r.result_int() == 200u);
    auto ts = v2::from_json<v2::tenants>(r.body());
    BOOST_TEST_REQUIRE(ts.items.size() == 1u);
    BOOST_TEST(*ts.items[0].name == "demo");
    BOOST_TEST(body_json(r).at("tenants_links").as_array().empty());
    auto x = call(pub, bhttp::verb::get, "/v2.0/tenants", {},
                  {{"X-Auth-Token", token()}, {"Accept", "application/xml"}});
    BOOST_TEST(v2::from_xml<v2::tenants>(x.body()).items.size() == 1u);
}

BOOST_AUTO_TEST_CASE(admin_requires_an_admin_token) {
    const std::string user = token();
    for (const char* t : {"/v2.0/tokens/x", "/v2.0/tokens/x/endpoints", "/v2.0/tenants", "/v2.0/tenants?name=demo",
                          "/v2.0/tenants/t-demo", "/v2.0/users/u-demo", "/v2.0/users?name=demo",
                          "/v2.0/users/u-demo/roles", "/v2.0/tenants/t-demo/users/u-demo/roles"}) {
        BOOST_TEST_CONTEXT(t) {
            auto none = call(adm, bhttp::verb::get, t);
            check_fault(none, 401, "unauthorized");
            BOOST_TEST(none[bhttp::field::www_authenticate] == "Keystone uri=\"http://127.0.0.1:5000\"");
            check_fault(call(adm, bhttp::verb::get, t, {}, {{"X-Auth-Token", "ADMINX"}}), 401, "unauthorized");
            check_fault(call(adm, bhttp::verb::get, t, {}, {{"X-Auth-Token", user}}), 403, "forbidden");
            check_xml_fault(call(adm, bhttp::verb::get, t, {}, {{"X-Auth-Token", user}, {"Accept", "application/xml"}}),
                            403);
        }
    }
    check_fault(call(adm, bhttp::verb::delete_, "/v2.0/tokens/" + user, {}, {{"X-Auth-Token", user}}), 403,
                "forbidden");
    // A user with the admin role on its token's tenant is an admin.
    auto r = call(adm, bhttp::verb::get, "/v2.0/tokens/" + user, {}, {{"X-Auth-Token", admin_user_token()}});
    BOOST_TEST(r.result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(validate_token) {
    const std::string t = token();
    auto r = call(adm, bhttp::verb::get, "/v2.0/tokens/" + t, {}, {{"X-Auth-Token", "ADMIN"}});
    BOOST_TEST(r.result_int() == 200u);
    auto a = v2::from_json<v2::access>(r.body());
    BOOST_TEST(a.token.id == t);
    BOOST_TEST(a.service_catalog->size() == 2u);
    BOOST_TEST(std::string(body_json(r).at_pointer("/access/token/expires").as_string()).back() == 'Z');
    BOOST_TEST(call(adm, bhttp::verb::get, "/v2.0/tokens/" + t + "?belongsTo=t-demo", {}, {{"X-Auth-Token", "ADMIN"}})
                   .result_int() == 200u);
    check_fault(call(adm, bhttp::verb::get, "/v2.0/tokens/" + t + "?belongsTo=t-admin", {},
                     {{"X-Auth-Token", "ADMIN"}}),
                404, "itemNotFound");
    check_fault(call(adm, bhttp::verb::get, "/v2.0/tokens/0000?belongsTo=t-demo", {}, {{"X-Auth-Token", "ADMIN"}}), 404,
                "itemNotFound");
    check_fault(call(adm, bhttp::verb::get, "/v2.0/tokens/unknown", {}, {{"X-Auth-Token", "ADMIN"}}), 404,
                "itemNotFound");
    auto x = call(adm, bhttp::verb::get, "/v2.0/tokens/" + t, {},
                  {{"X-Auth-Token", "ADMIN"}, {"Accept", "application/xml"}});
    BOOST_TEST(x.result_int() == 200u);
    BOOST_TEST(v2::from_xml<v2::access>(x.body()).token.id == t);
    check_xml_fault(call(adm, bhttp::verb::get, "/v2.0/tokens/nope", {},
                         {{"X-Auth-Token", "ADMIN"}, {"Accept", "application/xml"}}),
                    404);
    // Unscoped token with belongsTo: 404.
    auto un = v2::from_json<v2::access>(
        call(pub, bhttp::verb::post, "/v2.0/tokens",
             R"({"auth":{"passwordCredentials":{"username":"demo","password":"secretsecret"}}})")
            .body());
    check_fault(call(adm, bhttp::verb::get, "/v2.0/tokens/" + un.token.id + "?belongsTo=t-demo", {},
                     {{"X-Auth-Token", "ADMIN"}}),
                404, "itemNotFound");
}

BOOST_AUTO_TEST_CASE(head_has_headers_and_no_body) {
    const std::string t = token();
    auto g = call(adm, bhttp::verb::get, "/v2.0/tokens/" + t, {}, {{"X-Auth-Token", "ADMIN"}});
    auto h = call(adm, bhttp::verb::head, "/v2.0/tokens/" + t, {}, {{"X-Auth-Token", "ADMIN"}});
    BOOST_TEST(h.result_int() == 200u);
    BOOST_TEST(h.body().empty());
    BOOST_TEST(h[bhttp::field::content_length] == std::to_string(g.body().size()));
    BOOST_TEST(h[bhttp::field::content_type] == "application/json");
    auto hb = call(adm, bhttp::verb::head, "/v2.0/tokens/" + t + "?belongsTo=t-admin", {}, {{"X-Auth-Token", "ADMIN"}});
    BOOST_TEST(hb.result_int() == 404u);
    BOOST_TEST(hb.body().empty());
    auto hn = call(adm, bhttp::verb::head, "/v2.0/tokens/nope", {}, {{"X-Auth-Token", "ADMIN"}});
    BOOST_TEST(hn.result_int() == 404u);
    BOOST_TEST(hn.body().empty());
    auto he = call(adm, bhttp::verb::head, "/v2.0/tokens/" + t + "/endpoints", {}, {{"X-Auth-Token", "ADMIN"}});
    BOOST_TEST(he.result_int() == 200u);
    BOOST_TEST(he.body().empty());
    BOOST_TEST(std::stoul(std::string(he[bhttp::field::content_length])) > 0u);
    auto h401 = call(adm, bhttp::verb::head, "/v2.0/tokens/" + t);
    BOOST_TEST(h401.result_int() == 401u);
    BOOST_TEST(h401.body().empty());
    BOOST_TEST(!h401[bhttp::field::www_authenticate].empty());
    auto hv = call(pub, bhttp::verb::head, "/v2.0");
    BOOST_TEST(hv.result_int() == 200u);
    BOOST_TEST(hv.body().empty());
}

BOOST_AUTO_TEST_CASE(token_endpoints) {
    const std::string t = token();
    auto r = call(adm, bhttp::verb::get, "/v2.0/tokens/" + t + "/endpoints", {}, {{"X-Auth-Token", "ADMIN"}});
    BOOST_TEST(r.result_int() == 200u);
    auto e = v2::from_json<v2::endpoints>(r.body());
    BOOST_TEST_REQUIRE(e.items.size() == 2u);
    BOOST_TEST(*e.items[0].type == "compute");
    BOOST_TEST(*e.items[0].name == "nova");
    BOOST_TEST(*e.items[0].public_url == "http://127.0.0.1:8774/v2/t-demo");
    BOOST_TEST(body_json(r).at("endpoints_links").as_array().empty());
    check_fault(call(adm, bhttp::verb::get, "/v2.0/tokens/nope/endpoints", {}, {{"X-Auth-Token", "ADMIN"}}), 404,
                "itemNotFound");
    auto x = call(adm, bhttp::verb::get, "/v2.0/tokens/" + t + "/endpoints", {},
                  {{"X-Auth-Token", "ADMIN"}, {"Accept", "application/xml"}});
    BOOST_TEST(v2::from_xml<v2::endpoints>(x.body()).items.size() == 2u);
}

BOOST_AUTO_TEST_CASE(revoke_token) {
    const std::string t = token();
    auto d = call(adm, bhttp::verb::delete_, "/v2.0/tokens/" + t, {}, {{"X-Auth-Token", "ADMIN"}});
    BOOST_TEST(d.result_int() == 204u);
    BOOST_TEST(d.body().empty());
    check_fault(call(adm, bhttp::verb::get, "/v2.0/tokens/" + t, {}, {{"X-Auth-Token", "ADMIN"}}), 404, "itemNotFound");
    check_fault(call(adm, bhttp::verb::delete_, "/v2.0/tokens/" + t, {}, {{"X-Auth-Token", "ADMIN"}}), 404,
                "itemNotFound");
    check_fault(call(pub, bhttp::verb::get, "/v2.0/tenants", {}, {{"X-Auth-Token", t}}), 401, "unauthorized");
}

BOOST_AUTO_TEST_CASE(expired_tokens_are_404_and_purged) {
    auto now = std::make_shared<std::chrono::system_clock::time_point>(std::chrono::system_clock::now());
    backend->set_clock([now] { return *now; });
    const std::string t = token();
    *now += std::chrono::hours(2);
    check_fault(call(adm, bhttp::verb::get, "/v2.0/tokens/" + t, {}, {{"X-Auth-Token", "ADMIN"}}), 404, "itemNotFound");
    check_fault(call(pub, bhttp::verb::get, "/v2.0/tenants", {}, {{"X-Auth-Token", t}}), 401, "unauthorized");
    check_fault(call(pub, bhttp::verb::post, "/v2.0/tokens", R"({"auth":{"token":{"id":")" + t + R"("}}})"), 401,
                "unauthorized");
    const std::string t2 = token(), t3 = token();
    BOOST_TEST(backend->purge_expired() <= 1u);  // t, unless reading it dropped it
    BOOST_TEST(backend->validate_token(t2).has_value());
    *now += std::chrono::hours(2);
    BOOST_TEST(backend->purge_expired() == 2u);
    BOOST_TEST(backend->purge_expired() == 0u);
}

// A user holds at most max_tokens_per_user live tokens: issuing more (rescoping costs no password
// hash) revokes the user's oldest; other users keep theirs. What is kept to expire and cap tokens
// stays within a small multiple of the live tokens however many are revoked (issue #16, item 3).
BOOST_AUTO_TEST_CASE(live_tokens_per_user_are_capped) {
    auto cfg = proto::parse_memory_config(osi_test::test_config).value();
    cfg.max_tokens_per_user = 3;
    proto::memory_backend b(std::move(cfg));
    const auto demo = v2::from_json<v2::auth>(osi_test::demo_auth_json);
    const std::string other =
        b.authenticate(v2::from_json<v2::auth>(
                           R"({"auth":{"passwordCredentials":{"username":"admin","password":"adminsecret"}}})"))
            .value()
            .token.id;
    std::vector<std::string> ids{b.authenticate(demo).value().token.id};
    for (int i = 0; i < 2000; ++i) {
        v2::auth rescope;
        rescope.token = v2::token_credentials{.id = ids.back()};
        rescope.tenant_name = "demo";
        ids.push_back(b.authenticate(rescope).value().token.id);
    }
    BOOST_TEST(b.token_count() == 4u);  // demo's last 3, and admin's
    for (std::size_t i = 0; i < ids.size(); ++i)
        BOOST_TEST(b.validate_token(ids[i]).has_value() == (i + 3 >= ids.size()), "token " << i);
    BOOST_TEST(b.validate_token(other).has_value());
    for (int i = 0; i < 3000; ++i) {
        v2::auth rescope;
        rescope.token = v2::token_credentials{.id = ids.back()};
        const std::string t = b.authenticate(rescope).value().token.id;
        BOOST_TEST_REQUIRE(b.revoke_token(t).has_value());
    }
    const auto u = b.memory_usage();
    BOOST_TEST(u.tokens == 3u);  // admin's, and demo's last two (the first new token took the third's place)
    BOOST_TEST(b.validate_token(ids.back()).has_value());
    BOOST_TEST(u.expiry_entries <= 2 * u.tokens + 1024);
    BOOST_TEST(u.issue_order_entries <= 2 * u.tokens + 32);
    auto bad = proto::parse_memory_config(R"({"max_tokens_per_user": 0})");
    BOOST_TEST_REQUIRE(!bad.has_value());
    BOOST_TEST(bad.error().path == "max_tokens_per_user");
}

// Validation answers are kept for the last `document_cache` tokens validated: a repeat hands out
// the same document, an evicted token's is made again (the same content), 0 keeps none.
BOOST_AUTO_TEST_CASE(validation_documents_are_cached_and_bounded) {
    for (std::size_t size : {0u, 2u}) {
        auto cfg = proto::parse_memory_config(osi_test::test_config).value();
        cfg.document_cache = size;
        proto::memory_backend b(std::move(cfg));
        auto issue = [&] { return b.authenticate(v2::from_json<v2::auth>(osi_test::demo_auth_json)).value().token.id; };
        const std::string t1 = issue(), t2 = issue(), t3 = issue();
        auto first = b.validate_token(t1).value();
        BOOST_TEST(first->token.id == t1);
        BOOST_TEST((b.validate_token(t1).value() == first) == (size > 0));
        BOOST_TEST(b.validate_token(t2).value()->token.id == t2);
        BOOST_TEST(b.validate_token(t3).value()->token.id == t3);  // with 2 kept: t1's is dropped
        auto again = b.validate_token(t1).value();
        BOOST_TEST(again != first);
        BOOST_TEST((*again == *first));
        BOOST_TEST(b.revoke_token(t1).has_value());
        BOOST_TEST(!b.validate_token(t1).has_value());
    }
    {
        // A token revoked since holds no slot: with 2 kept, t1's document outlives t2's revocation and t3.
        auto cfg = proto::parse_memory_config(osi_test::test_config).value();
        cfg.document_cache = 2;
        proto::memory_backend b(std::move(cfg));
        auto issue = [&] { return b.authenticate(v2::from_json<v2::auth>(osi_test::demo_auth_json)).value().token.id; };
        const std::string t1 = issue(), t2 = issue(), t3 = issue();
        auto first = b.validate_token(t1).value();
        BOOST_TEST(b.validate_token(t2).has_value());
        BOOST_TEST(b.revoke_token(t2).has_value());
        auto third = b.validate_token(t3).value();
        BOOST_TEST(b.validate_token(t1).value() == first);
        // Tokens validated and revoked one after another: each takes t1's place or a free one,
        // and t3's document stays.
        for (int i = 0; i < 10; ++i) {
            const std::string t = issue();
            BOOST_TEST(b.validate_token(t).has_value());
            BOOST_TEST(b.revoke_token(t).has_value());
        }
        BOOST_TEST(b.validate_token(t3).value() == third);
        BOOST_TEST(b.validate_token(t1).value() != first);
    }
    auto bad = proto::parse_memory_config(R"({"document_cache": -1})");
    BOOST_TEST_REQUIRE(!bad.has_value());
    BOOST_TEST(bad.error().path == "document_cache");
}

BOOST_AUTO_TEST_CASE(admin_lookups) {
    const std::pair<std::string, std::string> admin{"X-Auth-Token", "ADMIN"};
    auto all = call(adm, bhttp::verb::get, "/v2.0/tenants", {}, {admin});
    BOOST_TEST(v2::from_json<v2::tenants>(all.body()).items.size() == 3u);
    auto byname = call(adm, bhttp::verb::get, "/v2.0/tenants?name=demo", {}, {admin});
    BOOST_TEST(byname.result_int() == 200u);
    BOOST_TEST(*v2::from_json<v2::tenant>(byname.body()).id == "t-demo");
    check_fault(call(adm, bhttp::verb::get, "/v2.0/tenants?name=none", {}, {admin}), 404, "itemNotFound");
    BOOST_TEST(*v2::from_json<v2::tenant>(call(adm, bhttp::verb::get, "/v2.0/tenants/t-admin", {}, {admin}).body())
                    .name == "admin");
    check_fault(call(adm, bhttp::verb::get, "/v2.0/tenants/none", {}, {admin}), 404, "itemNotFound");
    auto u = call(adm, bhttp::verb::get, "/v2.0/users/u-demo", {}, {admin});
    BOOST_TEST(u.result_int() == 200u);
    auto user = v2::from_json<v2::user>(u.body());
    BOOST_TEST(*user.name == "demo");
    BOOST_TEST(!user.password.has_value());
    BOOST_TEST(u.body().find("pbkdf2") == std::string::npos);
    BOOST_TEST(*v2::from_json<v2::user>(call(adm, bhttp::verb::get, "/v2.0/users?name=demo", {}, {admin}).body()).id ==
               "u-demo");
    check_fault(call(adm, bhttp::verb::get, "/v2.0/users?name=nobody", {}, {admin}), 404, "itemNotFound");
    // Without ?name=, every user (OS-KSADM).
    const auto listed = v2::from_json<v2::users>(call(adm, bhttp::verb::get, "/v2.0/users", {}, {admin}).body());
    BOOST_TEST(listed.items.size() == 3u);
    check_fault(call(adm, bhttp::verb::get, "/v2.0/users/nobody", {}, {admin}), 404, "itemNotFound");
    auto gr = v2::from_json<v2::roles>(call(adm, bhttp::verb::get, "/v2.0/users/u-admin/roles", {}, {admin}).body());
    BOOST_TEST_REQUIRE(gr.items.size() == 1u);
    BOOST_TEST(*gr.items[0].name == "global");
    check_fault(call(adm, bhttp::verb::get, "/v2.0/users/nobody/roles", {}, {admin}), 404, "itemNotFound");
    auto tr = call(adm, bhttp::verb::get, "/v2.0/tenants/t-demo/users/u-demo/roles", {}, {admin});
    BOOST_TEST(tr.result_int() == 200u);
    auto roles = v2::from_json<v2::roles>(tr.body());
    BOOST_TEST_REQUIRE(roles.items.size() == 2u);
    BOOST_TEST(*roles.items[0].id == "r-member");
    check_fault(call(adm, bhttp::verb::get, "/v2.0/tenants/none/users/u-demo/roles", {}, {admin}), 404, "itemNotFound");
    check_fault(call(adm, bhttp::verb::get, "/v2.0/tenants/t-demo/users/none/roles", {}, {admin}), 404, "itemNotFound");
    // XML answers.
    const std::pair<std::string, std::string> xml{"Accept", "application/xml"};
    BOOST_TEST(*v2::from_xml<v2::user>(call(adm, bhttp::verb::get, "/v2.0/users/u-demo", {}, {admin, xml}).body()).id ==
               "u-demo");
    BOOST_TEST(*v2::from_xml<v2::tenant>(call(adm, bhttp::verb::get, "/v2.0/tenants/t-demo", {}, {admin, xml}).body())
                    .id == "t-demo");
    BOOST_TEST(v2::from_xml<v2::roles>(
                   call(adm, bhttp::verb::get, "/v2.0/tenants/t-demo/users/u-demo/roles", {}, {admin, xml}).body())
                   .items.size() == 2u);
    check_xml_fault(call(adm, bhttp::verb::get, "/v2.0/users/none", {}, {admin, xml}), 404);
    BOOST_TEST(*v2::from_xml<v2::user>(call(adm, bhttp::verb::get, "/v2.0/users?name=demo", {}, {admin, xml}).body())
                    .id == "u-demo");
    BOOST_TEST(
        *v2::from_xml<v2::tenant>(call(adm, bhttp::verb::get, "/v2.0/tenants?name=demo", {}, {admin, xml}).body()).id ==
        "t-demo");
    BOOST_TEST(v2::from_xml<v2::tenants>(call(adm, bhttp::verb::get, "/v2.0/tenants", {}, {admin, xml}).body())
                   .items.size() == 3u);
    BOOST_TEST(
        v2::from_xml<v2::roles>(call(adm, bhttp::verb::get, "/v2.0/users/u-admin/roles", {}, {admin, xml}).body())
            .items.size() == 1u);
    check_xml_fault(call(adm, bhttp::verb::get, "/v2.0/users", {}, {admin, xml}), 400);
    auto hx = call(adm, bhttp::verb::head, "/v2.0/users/u-demo", {}, {admin, xml});
    BOOST_TEST(hx.result_int() == 200u);
    BOOST_TEST(hx.body().empty());
    BOOST_TEST(hx[bhttp::field::content_type] == "application/xml");
    // Percent-encoded query values.
    BOOST_TEST(call(adm, bhttp::verb::get, "/v2.0/tenants?name=%64emo", {}, {admin}).result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(fault_dialects) {
    auto o = options(proto::listener_kind::public_api);
    o.faults.json = v2::fault_style::keystone;
    proto::request_handler k(backend, o);
    auto r = call(k, bhttp::verb::get, "/v2.0/nothing");
    auto j = body_json(r);
    BOOST_TEST(j.as_object().size() == 1u);
    BOOST_TEST(j.at("error").at("title").as_string() == "Not Found");
    o.faults.json = v2::fault_style::spec;
    proto::request_handler s(backend, o);
    auto j2 = body_json(call(s, bhttp::verb::get, "/v2.0/nothing"));
    BOOST_TEST(j2.as_object().size() == 1u);
    BOOST_TEST(j2.at("itemNotFound").at("code").as_int64() == 404);
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

// A store that fails: every call reports unavailability, or throws.
struct failing_backend : proto::backend {
    bool throw_ = false;
    v2::error fail() const {
        if (throw_) throw std::runtime_error("database password is hunter2");
        return proto::backend_error(v2::fault_kind::service_unavailable, "The identity store is unavailable.");
    }
    v2::result<v2::access> authenticate(const v2::auth&) override { return fail(); }
    v2::result<proto::principal> authorize(std::string_view) override { return fail(); }
    v2::result<v2::access_ptr> validate_token(std::string_view) override { return fail(); }
    v2::result<v2::endpoints> token_endpoints(std::string_view) override { return fail(); }
    v2::result<void> revoke_token(std::string_view) override { return fail(); }
    v2::result<v2::tenants> tenants_for_token(std::string_view) override { return fail(); }
    v2::result<v2::tenants> list_tenants() override { return fail(); }
    v2::result<v2::tenant> tenant_by_id(std::string_view) override { return fail(); }
    v2::result<v2::tenant> tenant_by_name(std::string_view) override { return fail(); }
    v2::result<v2::user> user_by_id(std::string_view) override { return fail(); }
    v2::result<v2::user> user_by_name(std::string_view) override { return fail(); }
    v2::result<v2::roles> user_roles(std::string_view, std::optional<std::string_view>) override { return fail(); }
};

// A store that breaks its contract: a token "found" without a document.
struct null_document_backend : failing_backend {
    v2::result<proto::principal> authorize(std::string_view) override { return proto::principal{.admin = true}; }
    v2::result<v2::access_ptr> validate_token(std::string_view) override { return v2::access_ptr{}; }
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_null_document_from_the_store_is_503) {
    proto::request_handler_options o;
    o.side = proto::listener_kind::admin_api;
    proto::request_handler h(std::make_shared<null_document_backend>(), o);
    check_fault(fixture::call(h, bhttp::verb::get, "/v2.0/tokens/x", {}, {{"X-Auth-Token", "ADMIN"}}), 503,
                "serviceUnavailable");
    BOOST_TEST(fixture::call(h, bhttp::verb::head, "/v2.0/tokens/x", {}, {{"X-Auth-Token", "ADMIN"}}).result_int() ==
               503u);
}

BOOST_AUTO_TEST_CASE(backend_failure_is_503) {
    for (bool throws : {false, true}) {
        auto b = std::make_shared<failing_backend>();
        b->throw_ = throws;
        proto::request_handler_options o;
        o.side = proto::listener_kind::admin_api;
        proto::request_handler h(b, o);
        auto r = fixture::call(h, bhttp::verb::post, "/v2.0/tokens", osi_test::demo_auth_json);
        check_fault(r, 503, "serviceUnavailable");
        BOOST_TEST(r.body().find("hunter2") == std::string::npos);
        check_fault(fixture::call(h, bhttp::verb::get, "/v2.0/tokens/x", {}, {{"X-Auth-Token", "ADMIN"}}), 503,
                    "serviceUnavailable");
        check_fault(fixture::call(h, bhttp::verb::get, "/v2.0/tenants", {}, {{"X-Auth-Token", "ADMIN"}}), 503,
                    "serviceUnavailable");
        check_xml_fault(fixture::call(h, bhttp::verb::get, "/v2.0/users/x", {},
                                      {{"X-Auth-Token", "ADMIN"}, {"Accept", "application/xml"}}),
                        503);
        // Routes that need no store still answer.
        BOOST_TEST(fixture::call(h, bhttp::verb::get, "/v2.0").result_int() == 200u);
    }
}

BOOST_AUTO_TEST_CASE(config_errors_name_the_member) {
    auto r = proto::parse_memory_config(R"({"users":[{"id":"a","name":"b","password_hash":"nope"}]})");
    BOOST_TEST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().path == "users[0].password_hash");
    auto s = proto::parse_memory_config(
        R"({"users":[{"id":"a","name":"b","password":"pw"}],"assignments":[{"user":"zz","roles":[]}]})");
    BOOST_TEST_REQUIRE(!s.has_value());
    BOOST_TEST(s.error().path == "assignments[0].user");
    auto c = proto::parse_memory_config(R"({"catalog":[{"name":"x"}]})");
    BOOST_TEST_REQUIRE(!c.has_value());
    BOOST_TEST(c.error().path.rfind("catalog", 0) == 0u);
}

// Every number of the configuration has a range (issue #16, item 10: a token_lifetime of 1e10 s
// overflowed the expiry into 1759, and no token validated).
BOOST_AUTO_TEST_CASE(config_numbers_have_ranges) {
    for (auto [doc, member] : std::initializer_list<std::pair<const char*, const char*>>{
             {R"({"token_lifetime": 10000000000})", "token_lifetime"},
             {R"({"token_lifetime": 31536001})", "token_lifetime"},
             {R"({"token_lifetime": 0})", "token_lifetime"},
             {R"({"pbkdf2_iterations": 10000001})", "pbkdf2_iterations"},
             {R"({"pbkdf2_iterations": 0})", "pbkdf2_iterations"},
             {R"({"document_cache": 100000001})", "document_cache"}}) {
        auto r = proto::parse_memory_config(doc);
        BOOST_TEST_REQUIRE(!r.has_value(), doc);
        BOOST_TEST(r.error().path == member);
        BOOST_TEST(r.error().message.find("between") != std::string::npos, r.error().message);
    }
    BOOST_TEST(proto::parse_memory_config(R"({"token_lifetime": 31536000})").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
