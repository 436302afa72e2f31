// The admin API (OS-KSADM, OS-KSCRUD, OS-EC2) through the request handler, on the fixture's
// backend (memory, or SQLite as protocol_admin_test_sqlite): every route's answers, and that the
// writes take effect on tokens at once.

#include <boost/test/unit_test.hpp>

#include "asio_server_fixture.hpp"

#include <openstack/identity/v2/protocol/ec2.hpp>
#include <openstack/identity/v2/protocol/request_handler.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

BOOST_AUTO_TEST_SUITE(protocol_admin_test)

namespace v2 = openstack::identity::v2;
namespace proto = openstack::identity::v2::protocol;
namespace bhttp = boost::beast::http;
namespace json = boost::json;

namespace {

using headers = std::vector<std::pair<std::string, std::string>>;
}  // namespace

// Outside the anonymous namespace: the test cases derive from it (GCC's -Wsubobject-linkage in unity builds).
struct fixture {
    std::shared_ptr<osi_test::test_backend> backend = osi_test::make_test_backend();
    proto::request_handler pub{backend, options(proto::listener_kind::public_api)};
    proto::request_handler adm{backend, options(proto::listener_kind::admin_api)};
    std::string admin_token = token("admin", "adminsecret", "admin");

    static proto::request_handler_options options(proto::listener_kind side) {
        proto::request_handler_options o;
        o.side = side;
        o.base_url = side == proto::listener_kind::public_api ? "http://127.0.0.1:5000" : "http://127.0.0.1:35357";
        return o;
    }

    static proto::response call(const proto::request_handler& h, bhttp::verb v, std::string target,
                                std::string body = {}, headers hs = {}) {
        proto::request req{v, target, 11};
        for (auto& [k, val] : hs) req.set(k, val);
        if (!body.empty()) {
            if (req.find(bhttp::field::content_type) == req.end())
                req.set(bhttp::field::content_type, "application/json");
            req.body() = std::move(body);
            req.prepare_payload();
        }
        return h.handle(req);
    }

    // An admin's call on the admin listener.
    proto::response admin(bhttp::verb v, std::string target, std::string body = {}, headers hs = {}) {
        hs.emplace_back("X-Auth-Token", admin_token);
        return call(adm, v, std::move(target), std::move(body), std::move(hs));
    }

    proto::response authenticate(std::string_view user, std::string_view password, std::string_view tenant = {}) {
        json::object creds{{"username", user}, {"password", password}};
        json::object a{{"passwordCredentials", creds}};
        if (!tenant.empty()) a["tenantName"] = tenant;
        return call(pub, bhttp::verb::post, "/v2.0/tokens", json::serialize(json::object{{"auth", a}}));
    }

    std::string token(std::string_view user, std::string_view password, std::string_view tenant = {}) {
        auto r = authenticate(user, password, tenant);
        BOOST_REQUIRE_EQUAL(r.result_int(), 200u);
        return std::string(json::parse(r.body()).at_pointer("/access/token/id").as_string());
    }

    unsigned validate(const std::string& tok) { return admin(bhttp::verb::get, "/v2.0/tokens/" + tok).result_int(); }

    // The public URLs of a token's catalog.
    std::vector<std::string> catalog_urls(const proto::response& auth) {
        std::vector<std::string> out;
        const json::value doc = json::parse(auth.body());
        for (const auto& s : doc.at_pointer("/access/serviceCatalog").as_array())
            for (const auto& e : s.at("endpoints").as_array())
                if (const auto* u = e.as_object().if_contains("publicURL")) out.emplace_back(u->as_string());
        return out;
    }
};

namespace {

json::value body(const proto::response& r) { return json::parse(r.body()); }

void check_fault(const proto::response& r, unsigned status, std::string_view name) {
    BOOST_TEST(r.result_int() == status);
    BOOST_TEST(body(r).as_object().contains(name), r.body());
}

std::string id_at(const proto::response& r, std::string_view pointer) {
    return std::string(body(r).at_pointer(pointer).as_string());
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(admin_routes_need_an_admin_token, fixture) {
    const std::string demo = token("demo", "secretsecret", "demo");
    const std::pair<bhttp::verb, std::string> routes[] = {
        {bhttp::verb::post, "/v2.0/tenants"},
        {bhttp::verb::delete_, "/v2.0/tenants/t-demo"},
        {bhttp::verb::get, "/v2.0/tenants/t-demo/users"},
        {bhttp::verb::post, "/v2.0/users"},
        {bhttp::verb::put, "/v2.0/users/u-demo/OS-KSADM/password"},
        {bhttp::verb::put, "/v2.0/tenants/t-demo/users/u-demo/roles/OS-KSADM/r-admin"},
        {bhttp::verb::get, "/v2.0/OS-KSADM/roles"},
        {bhttp::verb::post, "/v2.0/OS-KSADM/services"},
        {bhttp::verb::get, "/v2.0/endpoints"},
        {bhttp::verb::delete_, "/v2.0/endpoints/ep-nova"},
        {bhttp::verb::get, "/v2.0/users/u-demo/credentials/OS-EC2"},
    };
    for (const auto& [verb, target] : routes) {
        BOOST_TEST_CONTEXT(bhttp::to_string(verb) << ' ' << target) {
            check_fault(call(adm, verb, target, "{}"), 401, "unauthorized");
            check_fault(call(adm, verb, target, "{}", {{"X-Auth-Token", "nope"}}), 401, "unauthorized");
            check_fault(call(adm, verb, target, "{}", {{"X-Auth-Token", demo}}), 403, "forbidden");
            // Not on the public listener (POST /v2.0/tenants: the public GET's resource, 405).
            if (target == "/v2.0/tenants") {
                auto r = call(pub, verb, target, "{}", {{"X-Auth-Token", admin_token}});
                check_fault(r, 405, "badMethod");
                BOOST_TEST(r[bhttp::field::allow] == "GET, HEAD");
            } else {
                check_fault(call(pub, verb, target, "{}", {{"X-Auth-Token", admin_token}}), 404, "itemNotFound");
            }
        }
    }
    // Nothing was changed by the refused calls.
    BOOST_TEST(validate(demo) == 200u);
    BOOST_TEST(catalog_urls(authenticate("demo", "secretsecret", "demo")).size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(tenants, fixture) {
    auto c = admin(bhttp::verb::post, "/v2.0/tenants", R"({"tenant":{"name":"ops","description":"Ops"}})");
    BOOST_TEST_REQUIRE(c.result_int() == 200u, c.body());
    const std::string id = id_at(c, "/tenant/id");
    BOOST_TEST(body(c).at_pointer("/tenant/enabled").as_bool());
    check_fault(admin(bhttp::verb::post, "/v2.0/tenants", R"({"tenant":{"name":"ops"}})"), 409, "tenantConflict");
    check_fault(admin(bhttp::verb::post, "/v2.0/tenants", R"({"tenant":{"description":"x"}})"), 400, "badRequest");
    auto bad = admin(bhttp::verb::post, "/v2.0/tenants", R"({"tenant":{"name":"x","enabled":"yes"}})");
    check_fault(bad, 400, "badRequest");
    BOOST_TEST(body(bad).at_pointer("/badRequest/details").as_string().find("enabled") != std::string::npos,
               bad.body());

    // keystoneclient updates with POST, Keystone also took PUT.
    auto u = admin(bhttp::verb::post, "/v2.0/tenants/" + id, R"({"tenant":{"id":")" + id + R"(","name":"ops2"}})");
    BOOST_TEST_REQUIRE(u.result_int() == 200u, u.body());
    BOOST_TEST(id_at(u, "/tenant/name") == "ops2");
    BOOST_TEST(id_at(u, "/tenant/description") == "Ops");
    check_fault(admin(bhttp::verb::put, "/v2.0/tenants/" + id, R"({"tenant":{"name":"demo"}})"), 409, "tenantConflict");
    check_fault(admin(bhttp::verb::put, "/v2.0/tenants/nope", R"({"tenant":{"name":"n"}})"), 404, "itemNotFound");
    BOOST_TEST(id_at(admin(bhttp::verb::get, "/v2.0/tenants/" + id), "/tenant/name") == "ops2");

    auto users = admin(bhttp::verb::get, "/v2.0/tenants/t-demo/users");
    BOOST_TEST_REQUIRE(users.result_int() == 200u);
    std::vector<std::string> names;
    const json::value user_list = body(users);
    for (const auto& x : user_list.at("users").as_array()) names.emplace_back(x.at("name").as_string());
    BOOST_TEST(names == (std::vector<std::string>{"demo", "disabled"}), boost::test_tools::per_element());
    check_fault(admin(bhttp::verb::get, "/v2.0/tenants/nope/users"), 404, "itemNotFound");

    BOOST_TEST(admin(bhttp::verb::delete_, "/v2.0/tenants/" + id).result_int() == 204u);
    check_fault(admin(bhttp::verb::get, "/v2.0/tenants/" + id), 404, "itemNotFound");
    check_fault(admin(bhttp::verb::delete_, "/v2.0/tenants/" + id), 404, "itemNotFound");
}

BOOST_FIXTURE_TEST_CASE(deleting_or_disabling_a_tenant_ends_its_tokens, fixture) {
    const std::string demo = token("demo", "secretsecret", "demo");
    BOOST_TEST(admin(bhttp::verb::put, "/v2.0/tenants/t-demo", R"({"tenant":{"enabled":false}})").result_int() == 200u);
    BOOST_TEST(validate(demo) == 404u);
    check_fault(authenticate("demo", "secretsecret", "demo"), 401, "unauthorized");
    BOOST_TEST(admin(bhttp::verb::put, "/v2.0/tenants/t-demo", R"({"tenant":{"enabled":true}})").result_int() == 200u);
    const std::string again = token("demo", "secretsecret", "demo");
    BOOST_TEST(admin(bhttp::verb::delete_, "/v2.0/tenants/t-demo").result_int() == 204u);
    BOOST_TEST(validate(again) == 404u);
}

BOOST_FIXTURE_TEST_CASE(users, fixture) {
    auto c = admin(bhttp::verb::post, "/v2.0/users",
                   R"({"user":{"name":"carol","password":"carolpass","email":"c@example.com","tenantId":"t-demo"}})");
    BOOST_TEST_REQUIRE(c.result_int() == 200u, c.body());
    const std::string id = id_at(c, "/user/id");
    BOOST_TEST(!body(c).at("user").as_object().contains("password"));
    BOOST_TEST(!body(c).at("user").as_object().contains("OS-KSADM:password"));
    check_fault(admin(bhttp::verb::post, "/v2.0/users", R"({"user":{"name":"carol","password":"x"}})"), 409,
                "tenantConflict");
    check_fault(admin(bhttp::verb::post, "/v2.0/users", R"({"user":{"name":"dan","tenantId":"nope"}})"), 404,
                "itemNotFound");
    auto bad = admin(bhttp::verb::post, "/v2.0/users", R"({"user":{"name":["dan"]}})");
    check_fault(bad, 400, "badRequest");
    BOOST_TEST(body(bad).at_pointer("/badRequest/details").as_string().find("name") != std::string::npos, bad.body());

    auto list = admin(bhttp::verb::get, "/v2.0/users");
    BOOST_TEST_REQUIRE(list.result_int() == 200u);
    bool listed = false;
    const json::value all = body(list);
    for (const auto& u : all.at("users").as_array()) listed = listed || u.at("id").as_string() == id;
    BOOST_TEST(listed);
    BOOST_TEST(id_at(admin(bhttp::verb::get, "/v2.0/users?name=carol"), "/user/id") == id);

    // Renamed: the old name no longer authenticates; a taken name is a conflict.
    auto r = admin(bhttp::verb::put, "/v2.0/users/" + id, R"({"user":{"name":"caroline","email":"x@example.com"}})");
    BOOST_TEST_REQUIRE(r.result_int() == 200u, r.body());
    BOOST_TEST(id_at(r, "/user/email") == "x@example.com");
    check_fault(authenticate("carol", "carolpass"), 401, "unauthorized");
    BOOST_TEST(authenticate("caroline", "carolpass").result_int() == 200u);
    check_fault(admin(bhttp::verb::put, "/v2.0/users/" + id, R"({"user":{"name":"demo"}})"), 409, "tenantConflict");
    check_fault(admin(bhttp::verb::put, "/v2.0/users/nope", R"({"user":{"name":"z"}})"), 404, "itemNotFound");

    auto t = admin(bhttp::verb::put, "/v2.0/users/" + id + "/OS-KSADM/tenant", R"({"user":{"tenantId":"t-admin"}})");
    BOOST_TEST(id_at(t, "/user/tenantId") == "t-admin");

    BOOST_TEST(admin(bhttp::verb::delete_, "/v2.0/users/" + id).result_int() == 204u);
    check_fault(admin(bhttp::verb::get, "/v2.0/users/" + id), 404, "itemNotFound");
    check_fault(admin(bhttp::verb::delete_, "/v2.0/users/" + id), 404, "itemNotFound");
    check_fault(authenticate("caroline", "carolpass"), 401, "unauthorized");
}

BOOST_FIXTURE_TEST_CASE(a_new_password_and_a_disabled_user_take_effect_at_once, fixture) {
    const std::string old = token("demo", "secretsecret", "demo");
    auto p = admin(bhttp::verb::put, "/v2.0/users/u-demo/OS-KSADM/password",
                   R"({"user":{"id":"u-demo","password":"newsecret"}})");
    BOOST_TEST_REQUIRE(p.result_int() == 200u, p.body());
    BOOST_TEST(validate(old) == 404u);
    check_fault(authenticate("demo", "secretsecret", "demo"), 401, "unauthorized");
    const std::string fresh = token("demo", "newsecret", "demo");
    BOOST_TEST(validate(fresh) == 200u);

    auto d = admin(bhttp::verb::put, "/v2.0/users/u-demo/OS-KSADM/enabled", R"({"user":{"enabled":false}})");
    BOOST_TEST_REQUIRE(d.result_int() == 200u, d.body());
    BOOST_TEST(!body(d).at_pointer("/user/enabled").as_bool());
    BOOST_TEST(validate(fresh) == 404u);
    check_fault(authenticate("demo", "newsecret", "demo"), 403, "userDisabled");
    BOOST_TEST(admin(bhttp::verb::put, "/v2.0/users/u-demo/enabled", R"({"user":{"enabled":true}})").result_int() ==
               200u);
    BOOST_TEST(validate(token("demo", "newsecret", "demo")) == 200u);

    const std::string last = token("demo", "newsecret", "demo");
    BOOST_TEST(admin(bhttp::verb::delete_, "/v2.0/users/u-demo").result_int() == 204u);
    BOOST_TEST(validate(last) == 404u);
}

BOOST_FIXTURE_TEST_CASE(own_password_on_the_public_listener, fixture) {
    const std::string tok = token("demo", "secretsecret", "demo");
    const std::string change = R"({"user":{"password":"mine-now","original_password":"secretsecret"}})";
    check_fault(call(pub, bhttp::verb::patch, "/v2.0/OS-KSCRUD/users/u-demo", change), 401, "unauthorized");
    check_fault(call(pub, bhttp::verb::patch, "/v2.0/OS-KSCRUD/users/u-admin", change, {{"X-Auth-Token", tok}}), 403,
                "forbidden");
    check_fault(call(pub, bhttp::verb::patch, "/v2.0/OS-KSCRUD/users/u-demo",
                     R"({"user":{"password":"x","original_password":"wrong"}})", {{"X-Auth-Token", tok}}),
                401, "unauthorized");
    auto missing = call(pub, bhttp::verb::patch, "/v2.0/OS-KSCRUD/users/u-demo", R"({"user":{"password":"x"}})",
                        {{"X-Auth-Token", tok}});
    check_fault(missing, 400, "badRequest");
    BOOST_TEST(body(missing).at_pointer("/badRequest/details").as_string().find("original_password") !=
                   std::string::npos,
               missing.body());

    auto r = call(pub, bhttp::verb::patch, "/v2.0/OS-KSCRUD/users/u-demo", change, {{"X-Auth-Token", tok}});
    BOOST_TEST_REQUIRE(r.result_int() == 200u, r.body());
    const std::string fresh = id_at(r, "/access/token/id");
    BOOST_TEST(id_at(r, "/access/token/tenant/id") == "t-demo");
    BOOST_TEST(validate(tok) == 404u);
    BOOST_TEST(validate(fresh) == 200u);
    check_fault(authenticate("demo", "secretsecret"), 401, "unauthorized");
    BOOST_TEST(authenticate("demo", "mine-now").result_int() == 200u);
}

BOOST_FIXTURE_TEST_CASE(roles_and_grants, fixture) {
    auto c = admin(bhttp::verb::post, "/v2.0/OS-KSADM/roles", R"({"role":{"name":"auditor"}})");
    BOOST_TEST_REQUIRE(c.result_int() == 200u, c.body());
    const std::string role = id_at(c, "/role/id");
    check_fault(admin(bhttp::verb::post, "/v2.0/OS-KSADM/roles", R"({"role":{"name":"auditor"}})"), 409,
                "tenantConflict");
    check_fault(admin(bhttp::verb::post, "/v2.0/OS-KSADM/roles", R"({"role":{}})"), 400, "badRequest");
    BOOST_TEST(id_at(admin(bhttp::verb::get, "/v2.0/OS-KSADM/roles/" + role), "/role/name") == "auditor");
    BOOST_TEST(body(admin(bhttp::verb::get, "/v2.0/OS-KSADM/roles")).at("roles").as_array().size() == 5u);

    // The admin user has no role on the demo tenant: a grant lets it scope there.
    check_fault(authenticate("admin", "adminsecret", "demo"), 401, "unauthorized");
    const std::string grant = "/v2.0/tenants/t-demo/users/u-admin/roles/OS-KSADM/" + role;
    auto g = admin(bhttp::verb::put, grant);
    BOOST_TEST_REQUIRE(g.result_int() == 200u, g.body());
    BOOST_TEST(id_at(g, "/role/name") == "auditor");
    check_fault(admin(bhttp::verb::put, grant), 409, "tenantConflict");
    check_fault(admin(bhttp::verb::put, "/v2.0/tenants/t-demo/users/nope/roles/OS-KSADM/" + role), 404, "itemNotFound");
    check_fault(admin(bhttp::verb::put, "/v2.0/tenants/t-demo/users/u-admin/roles/OS-KSADM/nope"), 404, "itemNotFound");
    const std::string scoped = token("admin", "adminsecret", "demo");
    auto roles = admin(bhttp::verb::get, "/v2.0/tenants/t-demo/users/u-admin/roles");
    BOOST_TEST(body(roles).at("roles").as_array().size() == 1u);

    // Removing it ends that token and the next one's scoping.
    BOOST_TEST(admin(bhttp::verb::delete_, grant).result_int() == 204u);
    BOOST_TEST(validate(scoped) == 404u);
    check_fault(authenticate("admin", "adminsecret", "demo"), 401, "unauthorized");
    check_fault(admin(bhttp::verb::delete_, grant), 404, "itemNotFound");

    // The global form.
    const std::string global = "/v2.0/users/u-demo/roles/OS-KSADM/" + role;
    BOOST_TEST(admin(bhttp::verb::put, global).result_int() == 200u);
    BOOST_TEST(body(admin(bhttp::verb::get, "/v2.0/users/u-demo/roles")).at("roles").as_array().size() == 1u);
    BOOST_TEST(admin(bhttp::verb::delete_, global).result_int() == 204u);
    BOOST_TEST(body(admin(bhttp::verb::get, "/v2.0/users/u-demo/roles")).at("roles").as_array().empty());

    // A deleted role takes its assignments with it.
    BOOST_TEST(admin(bhttp::verb::put, grant).result_int() == 200u);
    BOOST_TEST(admin(bhttp::verb::delete_, "/v2.0/OS-KSADM/roles/" + role).result_int() == 204u);
    check_fault(admin(bhttp::verb::get, "/v2.0/OS-KSADM/roles/" + role), 404, "itemNotFound");
    check_fault(admin(bhttp::verb::delete_, "/v2.0/OS-KSADM/roles/" + role), 404, "itemNotFound");
    check_fault(authenticate("admin", "adminsecret", "demo"), 401, "unauthorized");
}

BOOST_FIXTURE_TEST_CASE(services_and_endpoints_make_the_next_catalog, fixture) {
    auto s = admin(bhttp::verb::post, "/v2.0/OS-KSADM/services",
                   R"({"OS-KSADM:service":{"name":"glance","type":"image","description":"Images"}})");
    BOOST_TEST_REQUIRE(s.result_int() == 200u, s.body());
    const std::string service = id_at(s, "/OS-KSADM:service/id");
    BOOST_TEST(id_at(s, "/OS-KSADM:service/type") == "image");
    check_fault(admin(bhttp::verb::post, "/v2.0/OS-KSADM/services", R"({"OS-KSADM:service":{"name":"x"}})"), 400,
                "badRequest");
    BOOST_TEST(id_at(admin(bhttp::verb::get, "/v2.0/OS-KSADM/services/" + service), "/OS-KSADM:service/name") ==
               "glance");
    BOOST_TEST(body(admin(bhttp::verb::get, "/v2.0/OS-KSADM/services")).at("OS-KSADM:services").as_array().size() ==
               3u);

    // A catalog made before the endpoint (cached for the user and tenant) is not the next one.
    BOOST_TEST(catalog_urls(authenticate("demo", "secretsecret", "demo")).size() == 2u);
    auto e = admin(bhttp::verb::post, "/v2.0/endpoints",
                   R"({"endpoint":{"region":"RegionOne","service_id":")" + service +
                       R"(","publicurl":"http://glance:9292/$(tenant_id)s","adminurl":"http://glance:9292",)"
                       R"("internalurl":"http://glance:9292"}})");
    BOOST_TEST_REQUIRE(e.result_int() == 200u, e.body());
    const std::string endpoint = id_at(e, "/endpoint/id");
    BOOST_TEST(id_at(e, "/endpoint/service_id") == service);
    const auto urls = catalog_urls(authenticate("demo", "secretsecret", "demo"));
    BOOST_TEST(std::count(urls.begin(), urls.end(), "http://glance:9292/t-demo") == 1);
    bool listed = false;
    const json::value endpoints = body(admin(bhttp::verb::get, "/v2.0/endpoints"));
    for (const auto& x : endpoints.at("endpoints").as_array())
        listed = listed || (x.at("id").as_string() == endpoint &&
                            x.at("publicurl").as_string() == "http://glance:9292/$(tenant_id)s");
    BOOST_TEST(listed);
    check_fault(admin(bhttp::verb::post, "/v2.0/endpoints",
                      R"({"endpoint":{"service_id":"nope","publicurl":"http://x"}})"),
                404, "itemNotFound");
    auto no_url = admin(bhttp::verb::post, "/v2.0/endpoints", R"({"endpoint":{"service_id":")" + service + R"("}})");
    check_fault(no_url, 400, "badRequest");

    BOOST_TEST(admin(bhttp::verb::delete_, "/v2.0/endpoints/" + endpoint).result_int() == 204u);
    BOOST_TEST(catalog_urls(authenticate("demo", "secretsecret", "demo")).size() == 2u);
    check_fault(admin(bhttp::verb::delete_, "/v2.0/endpoints/" + endpoint), 404, "itemNotFound");
    // A configured endpoint goes too.
    BOOST_TEST(admin(bhttp::verb::delete_, "/v2.0/endpoints/ep-nova").result_int() == 204u);
    BOOST_TEST(catalog_urls(authenticate("demo", "secretsecret", "demo")).size() == 1u);

    BOOST_TEST(admin(bhttp::verb::delete_, "/v2.0/OS-KSADM/services/" + service).result_int() == 204u);
    check_fault(admin(bhttp::verb::get, "/v2.0/OS-KSADM/services/" + service), 404, "itemNotFound");
    check_fault(admin(bhttp::verb::delete_, "/v2.0/OS-KSADM/services/" + service), 404, "itemNotFound");
}

BOOST_FIXTURE_TEST_CASE(xml_bodies_and_answers, fixture) {
    const headers xml{{"Content-Type", "application/xml"}, {"Accept", "application/xml"}};
    auto c = admin(bhttp::verb::post, "/v2.0/tenants",
                   R"(<tenant xmlns="http://docs.openstack.org/identity/api/v2.0" name="xmlten" enabled="true"/>)",
                   xml);
    BOOST_TEST_REQUIRE(c.result_int() == 200u, c.body());
    BOOST_TEST(c[bhttp::field::content_type] == "application/xml");
    auto t = v2::try_from_xml<v2::tenant>(c.body());
    BOOST_TEST_REQUIRE(t.has_value());
    BOOST_TEST(*t->name == "xmlten");
    auto dup = admin(bhttp::verb::post, "/v2.0/tenants",
                     R"(<tenant xmlns="http://docs.openstack.org/identity/api/v2.0" name="xmlten"/>)", xml);
    BOOST_TEST(dup.result_int() == 409u);
    BOOST_TEST(dup[bhttp::field::content_type] == "application/xml");
    auto roles = admin(bhttp::verb::get, "/v2.0/OS-KSADM/roles", {}, {{"Accept", "application/xml"}});
    auto r = v2::try_from_xml<v2::roles>(roles.body());
    BOOST_TEST_REQUIRE(r.has_value(), roles.body());
    BOOST_TEST(r->items.size() == 4u);
}

BOOST_FIXTURE_TEST_CASE(ec2_credentials, fixture) {
    const std::string base = "/v2.0/users/u-demo/credentials/OS-EC2";
    auto c = admin(bhttp::verb::post, base, R"({"tenant_id":"t-demo"})");
    BOOST_TEST_REQUIRE(c.result_int() == 200u, c.body());
    const std::string access = id_at(c, "/credential/access"), secret = id_at(c, "/credential/secret");
    BOOST_TEST(id_at(c, "/credential/tenant_id") == "t-demo");
    check_fault(admin(bhttp::verb::post, base, R"({"tenant_id":"nope"})"), 404, "itemNotFound");
    check_fault(admin(bhttp::verb::post, "/v2.0/users/nope/credentials/OS-EC2", R"({"tenant_id":"t-demo"})"), 404,
                "itemNotFound");
    auto bad = admin(bhttp::verb::post, base, R"({"tenant":"t-demo"})");
    check_fault(bad, 400, "badRequest");
    BOOST_TEST(body(admin(bhttp::verb::get, base)).at("credentials").as_array().size() == 1u);
    BOOST_TEST(id_at(admin(bhttp::verb::get, base + "/" + access), "/credential/secret") == secret);
    // Another user's credential is not found under this one.
    check_fault(admin(bhttp::verb::get, "/v2.0/users/u-admin/credentials/OS-EC2/" + access), 404, "itemNotFound");

    // Signature version 2, signed here as Ec2Signer does (keystoneclient_test.py signs with
    // keystoneclient's own).
    v2::ec2_request q;
    q.access = access;
    q.host = "ec2.example.com:8773";
    q.verb = "GET";
    q.path = "/";
    q.params.emplace();
    q.params->extra.members = {{"SignatureVersion", "2"}, {"Action", "DescribeInstances"}, {"AWSAccessKeyId", access}};
    q.signature = proto::ec2::signature(q, secret).value();
    auto ok = call(pub, bhttp::verb::post, "/v2.0/ec2tokens", v2::to_json(q));
    BOOST_TEST_REQUIRE(ok.result_int() == 200u, ok.body());
    BOOST_TEST(id_at(ok, "/access/token/tenant/id") == "t-demo");
    BOOST_TEST(id_at(ok, "/access/user/id") == "u-demo");
    BOOST_TEST(validate(id_at(ok, "/access/token/id")) == 200u);
    // Signed without the port, as some libraries do.
    v2::ec2_request bare = q;
    bare.host = "ec2.example.com";
    q.signature = proto::ec2::signature(bare, secret).value();
    BOOST_TEST(call(pub, bhttp::verb::post, "/v2.0/ec2tokens", v2::to_json(q)).result_int() == 200u);
    q.signature = proto::ec2::signature(q, "another secret").value();
    check_fault(call(pub, bhttp::verb::post, "/v2.0/ec2tokens", v2::to_json(q)), 401, "unauthorized");
    q.params->extra.members["SignatureVersion"] = "1";
    check_fault(call(pub, bhttp::verb::post, "/v2.0/ec2tokens", v2::to_json(q)), 401, "unauthorized");
    check_fault(call(pub, bhttp::verb::post, "/v2.0/ec2tokens", R"({"credentials":{"access":"x"}})"), 400,
                "badRequest");

    BOOST_TEST(admin(bhttp::verb::delete_, base + "/" + access).result_int() == 204u);
    check_fault(admin(bhttp::verb::get, base + "/" + access), 404, "itemNotFound");
    check_fault(admin(bhttp::verb::delete_, base + "/" + access), 404, "itemNotFound");
    q.params->extra.members["SignatureVersion"] = "2";
    q.signature = proto::ec2::signature(q, secret).value();
    check_fault(call(pub, bhttp::verb::post, "/v2.0/ec2tokens", v2::to_json(q)), 401, "unauthorized");
}

// AWS's published signature version 4 example (docs.aws.amazon.com/general/latest/gr/
// sigv4-calculate-signature.html: IAM ListUsers, 2015-08-30).
BOOST_AUTO_TEST_CASE(signature_v4_matches_the_aws_example) {
    v2::ec2_request q;
    q.access = "AKIDEXAMPLE";
    q.verb = "GET";
    q.host = "iam.amazonaws.com";
    q.path = "/";
    q.params.emplace();
    q.params->extra.members = {{"Action", "ListUsers"}, {"Version", "2010-05-08"}};
    q.headers.emplace();
    q.headers->extra.members = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
                                {"Host", "iam.amazonaws.com"},
                                {"X-Amz-Date", "20150830T123600Z"},
                                {"Authorization",
                                 "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                                 "SignedHeaders=content-type;host;x-amz-date, Signature=x"}};
    q.body_hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    BOOST_TEST(proto::ec2::signature(q, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY").value() ==
               "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
    // A date outside the credential's scope is refused.
    q.headers->extra.members["X-Amz-Date"] = "20150831T000000Z";
    BOOST_TEST(!proto::ec2::signature(q, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
