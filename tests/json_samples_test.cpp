#include <boost/test/unit_test.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

#include "documents.hpp"

#include <openstack/identity/v2.hpp>

#include <boost/json.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

BOOST_AUTO_TEST_SUITE(json_samples_test)

namespace v2 = openstack::identity::v2;
namespace json = boost::json;
namespace fs = std::filesystem;
using namespace std::chrono;

namespace {

v2::timestamp utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0, std::int64_t us = 0) {
    return v2::timestamp{sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s} +
                         microseconds{us}};
}

bool as_timestamp(const json::value& v, v2::timestamp& out) {
    if (!v.is_string()) return false;
    const auto& s = v.get_string();
    return v2::value_traits<v2::timestamp>::parse(std::string_view(s.data(), s.size()), out) == nullptr;
}

// JSON equality where two strings that denote the same instant are equal.
bool same_json(const json::value& a, const json::value& b, const std::string& at, std::string& why) {
    if (a.kind() != b.kind()) {
        why = at + ": " + json::serialize(a) + " vs " + json::serialize(b);
        return false;
    }
    switch (a.kind()) {
    case json::kind::object: {
        const auto& oa = a.get_object();
        const auto& ob = b.get_object();
        for (const auto& kv : oa)
            if (!ob.contains(kv.key())) {
                why = at + "." + std::string(kv.key()) + ": only in the first";
                return false;
            }
        for (const auto& kv : ob)
            if (!oa.contains(kv.key())) {
                why = at + "." + std::string(kv.key()) + ": only in the second";
                return false;
            }
        for (const auto& kv : oa)
            if (!same_json(kv.value(), ob.at(kv.key()), at + "." + std::string(kv.key()), why)) return false;
        return true;
    }
    case json::kind::array: {
        const auto& xa = a.get_array();
        const auto& xb = b.get_array();
        if (xa.size() != xb.size()) {
            why = at + ": arrays of " + std::to_string(xa.size()) + " and " + std::to_string(xb.size());
            return false;
        }
        for (std::size_t i = 0; i < xa.size(); ++i)
            if (!same_json(xa[i], xb[i], at + "[" + std::to_string(i) + "]", why)) return false;
        return true;
    }
    case json::kind::string: {
        if (a == b) return true;
        v2::timestamp ta, tb;
        if (as_timestamp(a, ta) && as_timestamp(b, tb) && ta == tb) return true;
        why = at + ": " + json::serialize(a) + " vs " + json::serialize(b);
        return false;
    }
    default:
        if (a == b) return true;
        why = at + ": " + json::serialize(a) + " vs " + json::serialize(b);
        return false;
    }
}

// The spot checks of one document: on the value read as the reader does by default (unknown
// members ignored) and on the value read keeping them. The type they take is the one the
// document table says (checked before they run).
struct spot {
    std::string_view type;
    std::function<void(const void*)> plain;
    std::function<void(const void*)> kept;
};

template <class T>
spot check(std::function<void(const T&)> plain, std::function<void(const T&)> kept = {}) {
    spot s{v2::type_name<T>(), {}, {}};
    if (plain) s.plain = [plain](const void* v) { plain(*static_cast<const T*>(v)); };
    if (kept) s.kept = [kept](const void* v) { kept(*static_cast<const T*>(v)); };
    return s;
}

// Reads, validates, writes (both list styles, and for faults every fault style) and reads
// back, then runs the document's spot checks.
template <class T>
void sample(const std::string& text, const spot& checks) {
    BOOST_TEST_REQUIRE(checks.type == v2::type_name<T>(), "the spot checks take " << checks.type);
    constexpr std::string_view root = v2::root_style_of<T>() == v2::root_style::members ? std::string_view{}
                                                                                        : v2::root_name<T>();
    auto r = v2::try_from_json<T>(text);
    BOOST_TEST_REQUIRE(r.has_value(), "read failed: " << (r ? std::string() : r.error().what()));
    const T& value = *r;
    auto errors = v2::validate_all(value, root);
    BOOST_TEST(errors.empty(), "validation: " << (errors.empty() ? std::string() : errors.front().what()));

    auto written = v2::try_to_json(value, v2::write_options{.validate = true});
    BOOST_TEST_REQUIRE(written.has_value(), "write failed: " << (written ? std::string() : written.error().what()));
    auto back = v2::try_from_json<T>(*written);
    BOOST_TEST_REQUIRE(back.has_value(), "written text does not read: " << (back ? std::string() : back.error().what())
                                                                        << "\n"
                                                                        << *written);
    BOOST_TEST(*back == value);

    auto spec = v2::to_json(value, v2::write_options{.lists = v2::list_style::spec});
    auto back_spec = v2::try_from_json<T>(spec);
    BOOST_TEST_REQUIRE(back_spec.has_value(), "spec-style text does not read: " << spec);
    BOOST_TEST(*back_spec == value);

    if constexpr (std::is_same_v<T, v2::fault>) {
        for (auto style : {v2::fault_style::spec, v2::fault_style::keystone, v2::fault_style::both}) {
            auto f = v2::to_json(value, v2::write_options{.faults = style});
            auto fb = v2::try_from_json<v2::fault>(f);
            BOOST_TEST_REQUIRE(fb.has_value(), "fault text does not read: " << f);
            BOOST_TEST(*fb == value, "fault style " << int(style) << ": " << f);
        }
    }

    // Keeping unknown members: reads, writes them back, reads back to the same value.
    v2::read_options keep;
    keep.unknown = v2::unknown_policy::keep;
    auto k = v2::try_from_json<T>(text, keep);
    BOOST_TEST_REQUIRE(k.has_value(), "read (keep) failed: " << (k ? std::string() : k.error().what()));
    auto kw = v2::to_json(*k);
    auto kb = v2::try_from_json<T>(kw, keep);
    BOOST_TEST_REQUIRE(kb.has_value(), "written text (keep) does not read: " << kw);
    BOOST_TEST(*kb == *k);

    if (checks.plain) checks.plain(&value);
    if (checks.kept) checks.kept(&*k);
}

void check_access_spec_sample(const v2::access& a, std::string_view tenant_id, std::string_view user_id) {
    BOOST_TEST(a.token.id == "ab48a9efdfedb23ty3494");
    BOOST_TEST(a.token.expires == utc(2010, 11, 1, 8, 32, 15));
    BOOST_TEST((a.token.expires.time() == utc(2010, 11, 1, 8, 32, 15).time()));
    BOOST_TEST_REQUIRE(a.token.tenant.has_value());
    BOOST_TEST(a.token.tenant->id == std::optional<std::string>(tenant_id));
    BOOST_TEST(a.token.tenant->name == std::optional<std::string>("My Project"));
    BOOST_TEST(!a.token.issued_at.has_value());
    BOOST_TEST_REQUIRE(a.user.has_value());
    BOOST_TEST(a.user->id == std::optional<std::string>(user_id));
    BOOST_TEST(a.user->name == std::optional<std::string>("jqsmith"));
    BOOST_TEST_REQUIRE(a.user->roles.has_value());
    BOOST_TEST_REQUIRE(a.user->roles->size() == 2u);
    BOOST_TEST((*a.user->roles)[0].name == std::optional<std::string>("compute:admin"));
    BOOST_TEST(!(*a.user->roles)[0].tenant_id.has_value());
    BOOST_TEST((*a.user->roles)[1].name == std::optional<std::string>("object-store:admin"));
    BOOST_TEST_REQUIRE(a.user->roles_links.has_value());
    BOOST_TEST(a.user->roles_links->empty());
}

// The spot checks of every document of documents.hpp, by stem: the published JSON samples and
// tests/data/documents (written from them, so the same values), and the seed's fixtures.
const std::map<std::string_view, spot>& spots() {
    static const std::map<std::string_view, spot> table = [] {
        struct entry {
            std::string_view stem;
            spot checks;
        };
        std::vector<entry> t;
        // ---- samples/ ------------------------------------------------------------------------
        t.push_back({"samples/auth", check<v2::access>([](const v2::access& a) {
                         check_access_spec_sample(a, "t1000", "u123");
                         BOOST_TEST((*a.user->roles)[1].tenant_id == std::optional<std::string>("t1000"));
                         BOOST_TEST_REQUIRE(a.service_catalog.has_value());
                         const auto& sc = *a.service_catalog;
                         BOOST_TEST_REQUIRE(sc.size() == 3u);
                         BOOST_TEST(sc[0].name == std::optional<std::string>("Cloud Servers"));
                         BOOST_TEST(sc[0].type == "compute");
                         BOOST_TEST_REQUIRE(sc[0].endpoints.size() == 2u);
                         BOOST_TEST(sc[0].endpoints[1].version_id == std::optional<std::string>("1.1"));
                         BOOST_TEST(sc[0].endpoints[1].public_url ==
                                    std::optional<std::string>("https://compute.north.host.com/v1.1/t1000"));
                         BOOST_TEST(sc[0].endpoints[1].tenant_id == std::optional<std::string>("t1000"));
                         BOOST_TEST(*sc[0].endpoints[0].region == "North");
                         BOOST_TEST(!sc[0].endpoints[0].admin_url.has_value());
                         BOOST_TEST_REQUIRE(sc[0].endpoints_links.has_value());
                         BOOST_TEST(sc[0].endpoints_links->empty());
                         BOOST_TEST(sc[1].type == "object-store");
                         BOOST_TEST(!sc[1].endpoints_links.has_value());
                         BOOST_TEST(*sc[1].endpoints[1].region == "South");
                         BOOST_TEST(sc[2].type == "dnsextension:dns");
                         BOOST_TEST_REQUIRE(sc[2].endpoints.size() == 1u);
                         BOOST_TEST(sc[2].endpoints[0].region.is_absent());
                         BOOST_TEST(sc[2].endpoints[0].version_id == std::optional<std::string>("2.0"));
                         BOOST_TEST(!a.metadata.has_value());
                     })});
        t.push_back({"samples/auth_credentials", check<v2::auth>([](const v2::auth& a) {
                         BOOST_TEST(a.tenant_name == std::optional<std::string>("customer-x"));
                         BOOST_TEST(!a.tenant_id.has_value());
                         BOOST_TEST_REQUIRE(a.password_credentials.has_value());
                         BOOST_TEST(a.password_credentials->username == std::optional<std::string>("test_user"));
                         BOOST_TEST(a.password_credentials->password == "mypass");
                         BOOST_TEST(!a.token.has_value());
                         BOOST_TEST(!a.ec2_credentials.has_value());
                     })});
        t.push_back({"samples/auth_with_token", check<v2::auth>([](const v2::auth& a) {
                         BOOST_TEST(a.tenant_name == std::optional<std::string>("customer-x"));
                         BOOST_TEST_REQUIRE(a.token.has_value());
                         BOOST_TEST(a.token->id == "abcdefghijk");
                         BOOST_TEST(!a.password_credentials.has_value());
                     })});
        t.push_back({"samples/choices", check<v2::choices>([](const v2::choices& c) {
                         BOOST_TEST_REQUIRE(c.items.size() == 3u);
                         BOOST_TEST(c.items[0].id == "v1.0");
                         BOOST_TEST(c.items[0].status.value() == v2::version_status::deprecated);
                         BOOST_TEST(c.items[1].status.value() == v2::version_status::current);
                         BOOST_TEST(c.items[2].id == "v2.0");
                         BOOST_TEST(c.items[2].status.spelling() == "BETA");
                         BOOST_TEST(c.items[2].status.value() == v2::version_status::experimental);
                         BOOST_TEST_REQUIRE(c.items[2].media_types.has_value());
                         BOOST_TEST_REQUIRE(c.items[2].media_types->size() == 2u);
                         BOOST_TEST((*c.items[2].media_types)[1].base == "application/json");
                         BOOST_TEST((*c.items[2].media_types)[1].type ==
                                    "application/vnd.openstack.identity+json;version=2.0");
                         BOOST_TEST_REQUIRE(c.items[0].links.has_value());
                         BOOST_TEST((*c.items[0].links)[0].href == "http://identity.api.openstack.org/v1.0");
                         // "choices_links": "" is an empty list.
                         BOOST_TEST_REQUIRE(c.links.has_value());
                         BOOST_TEST(c.links->empty());
                     })});
        t.push_back({"samples/endpoints", check<v2::endpoints>([](const v2::endpoints& e) {
                         BOOST_TEST_REQUIRE(e.items.size() == 1u);
                         BOOST_TEST(e.items[0].name == std::optional<std::string>("Nova"));
                         BOOST_TEST(e.items[0].type == std::optional<std::string>("compute"));
                         BOOST_TEST(*e.items[0].region == "north");
                         BOOST_TEST(e.items[0].id == std::optional<std::string>("8c3426bd730c48f5b59527df3a51b901"));
                         BOOST_TEST(e.items[0].admin_url == std::optional<std::string>("http://admin.openstack/nova"));
                         BOOST_TEST_REQUIRE(e.links.has_value());
                         BOOST_TEST(e.links->empty());
                     })});
        t.push_back({"samples/ext-getuser",
                     check<v2::user>(
                         [](const v2::user& u) {
                             BOOST_TEST(u.id == std::optional<std::string>("1000"));
                             BOOST_TEST(u.username == std::optional<std::string>("jqsmith"));
                             BOOST_TEST(u.email == std::optional<std::string>("john.smith@example.org"));
                             BOOST_TEST(u.enabled == std::optional<bool>(true));
                             BOOST_TEST(u.extra.empty());
                         },
                         [](const v2::user& u) {
                             BOOST_TEST_REQUIRE(u.extra.members.contains("RS-META:metadata"));
                             BOOST_TEST(
                                 u.extra.members.at("RS-META:metadata") ==
                                 json::parse(R"({"values": {"MetaKey1": "MetaValue1", "MetaKey2": "MetaValue2"}})"));
                         })});
        t.push_back({"samples/extension", check<v2::extension>([](const v2::extension& e) {
                         BOOST_TEST(e.name == "User Metadata Extension");
                         BOOST_TEST(e.namespace_ == "http://docs.rackspacecloud.com/identity/api/ext/meta/v2.0");
                         BOOST_TEST(e.alias == "RS-META");
                         BOOST_TEST(e.updated == std::optional<v2::timestamp>(utc(2011, 1, 12, 17, 22, 33)));
                         BOOST_TEST(e.description ==
                                    std::optional<std::string>("Allows associating arbitrary metadata with a user."));
                         BOOST_TEST_REQUIRE(e.links.has_value());
                         BOOST_TEST_REQUIRE(e.links->size() == 2u);
                         BOOST_TEST((*e.links)[0].rel == "describedby");
                         BOOST_TEST((*e.links)[0].type == std::optional<std::string>("application/pdf"));
                         BOOST_TEST((*e.links)[1].type == std::optional<std::string>("application/vnd.sun.wadl+xml"));
                     })});
        t.push_back({"samples/extensions", check<v2::extensions>([](const v2::extensions& e) {
                         BOOST_TEST_REQUIRE(e.items.size() == 2u);
                         BOOST_TEST(e.items[0].alias == "RS-RPE");
                         BOOST_TEST(e.items[1].alias == "RS-META");
                         BOOST_TEST(e.items[0].name == "Reset Password Extension");
                         BOOST_TEST(e.items[0].updated == std::optional<v2::timestamp>(utc(2011, 1, 22, 19, 25, 27)));
                         BOOST_TEST_REQUIRE(e.items[0].links.has_value());
                         BOOST_TEST(e.items[0].links->size() == 2u);
                         BOOST_TEST_REQUIRE(e.links.has_value());
                         BOOST_TEST(e.links->empty());
                     })});
        t.push_back({"samples/getuser-1",
                     check<v2::user>(
                         [](const v2::user& u) {
                             BOOST_TEST(u.id == std::optional<std::string>("u1000"));
                             BOOST_TEST(u.username == std::optional<std::string>("jqsmith"));
                             BOOST_TEST(u.enabled == std::optional<bool>(true));
                             BOOST_TEST(!u.roles.has_value());  // "OS-ROLE:roles" is an extension's member
                         },
                         [](const v2::user& u) {
                             BOOST_TEST_REQUIRE(u.extra.members.contains("OS-ROLE:roles"));
                             BOOST_TEST(u.extra.members.at("OS-ROLE:roles").as_array().size() == 2u);
                             BOOST_TEST(u.extra.members.contains("OS-ROLE:roles_links"));
                         })});
        t.push_back({"samples/identity_fault", check<v2::fault>([](const v2::fault& f) {
                         BOOST_TEST(f.kind == v2::fault_kind::identity_fault);
                         BOOST_TEST(f.code == 500);
                         BOOST_TEST(f.message == "Fault");
                         BOOST_TEST(f.details == std::optional<std::string>("Error Details..."));
                         BOOST_TEST(!f.title.has_value());
                     })});
        t.push_back({"samples/item_not_found", check<v2::fault>([](const v2::fault& f) {
                         BOOST_TEST(f.kind == v2::fault_kind::item_not_found);
                         BOOST_TEST(f.code == 404);
                         BOOST_TEST(v2::http_status(f.kind) == 404);
                         BOOST_TEST(f.message == "Item not found.");
                         BOOST_TEST(f.details == std::optional<std::string>("Error Details..."));
                     })});
        auto nova_admin_roles = [](const v2::roles& r) {
            BOOST_TEST_REQUIRE(r.items.size() == 1u);
            BOOST_TEST(r.items[0].id == std::optional<std::string>("123"));
            BOOST_TEST(r.items[0].name == std::optional<std::string>("compute:admin"));
            BOOST_TEST(r.items[0].description == std::optional<std::string>("Nova Administrator"));
            BOOST_TEST_REQUIRE(r.links.has_value());
            BOOST_TEST(r.links->empty());
        };
        t.push_back({"samples/roles", check<v2::roles>(nova_admin_roles)});
        auto acme = [](const v2::tenant& x) {
            BOOST_TEST(x.id == std::optional<std::string>("1234"));
            BOOST_TEST(x.name == std::optional<std::string>("ACME corp"));
            BOOST_TEST_REQUIRE(x.description.has_value());
            BOOST_TEST(*x.description == "A description ...");
            BOOST_TEST(x.enabled == std::optional<bool>(true));
        };
        t.push_back({"samples/tenant", check<v2::tenant>(acme)});
        t.push_back({"samples/tenants-1", check<v2::tenants>([](const v2::tenants& x) {
                         BOOST_TEST_REQUIRE(x.items.size() == 1u);
                         BOOST_TEST(x.items[0].id == std::optional<std::string>("1234"));
                         BOOST_TEST_REQUIRE(x.links.has_value());
                         BOOST_TEST_REQUIRE(x.links->size() == 1u);
                         BOOST_TEST((*x.links)[0].rel == "next");
                         BOOST_TEST((*x.links)[0].href ==
                                    "http://identity.api.openstack.org/v2.0/tenants?limit=1&marker=1234");
                     })});
        t.push_back({"samples/tenants-2", check<v2::tenants>([](const v2::tenants& x) {
                         BOOST_TEST_REQUIRE(x.items.size() == 1u);
                         BOOST_TEST(x.items[0].name == std::optional<std::string>("Iron Works"));
                         BOOST_TEST_REQUIRE(x.links.has_value());
                         BOOST_TEST_REQUIRE(x.links->size() == 2u);
                         BOOST_TEST((*x.links)[0].rel == "next");
                         BOOST_TEST((*x.links)[1].rel == "previous");
                     })});
        t.push_back({"samples/tenants-3", check<v2::tenants>([](const v2::tenants& x) {
                         BOOST_TEST_REQUIRE(x.items.size() == 1u);
                         BOOST_TEST(x.items[0].id == std::optional<std::string>("9999"));
                         BOOST_TEST(x.items[0].name == std::optional<std::string>("Bigz"));
                         BOOST_TEST_REQUIRE(x.links.has_value());
                         BOOST_TEST_REQUIRE(x.links->size() == 1u);
                         BOOST_TEST((*x.links)[0].rel == "previous");
                     })});
        t.push_back({"samples/tenants", check<v2::tenants>([](const v2::tenants& x) {
                         BOOST_TEST_REQUIRE(x.items.size() == 2u);
                         BOOST_TEST(x.items[0].name == std::optional<std::string>("ACME Corp"));
                         BOOST_TEST(x.items[1].id == std::optional<std::string>("3456"));
                         BOOST_TEST(x.items[1].enabled == std::optional<bool>(true));
                         BOOST_TEST_REQUIRE(x.links.has_value());
                         BOOST_TEST(x.links->empty());
                     })});
        t.push_back({"samples/user", check<v2::user>([](const v2::user& u) {
                         BOOST_TEST(u.id == std::optional<std::string>("u1000"));
                         BOOST_TEST(u.username == std::optional<std::string>("jqsmith"));
                         BOOST_TEST(u.email == std::optional<std::string>("john.smith@example.org"));
                         BOOST_TEST(u.enabled == std::optional<bool>(true));
                         BOOST_TEST(!u.name.has_value());
                     })});
        t.push_back({"samples/validatetoken", check<v2::access>([](const v2::access& a) {
                         check_access_spec_sample(a, "345", "123");
                         BOOST_TEST((*a.user->roles)[1].tenant_id == std::optional<std::string>("1"));
                         BOOST_TEST(!a.service_catalog.has_value());
                     })});
        t.push_back({"samples/version", check<v2::version>([](const v2::version& v) {
                         BOOST_TEST(v.id == "v2.0");
                         BOOST_TEST(v.status.value() == v2::version_status::current);
                         BOOST_TEST(v.status.spelling() == "CURRENT");
                         BOOST_TEST(v.updated == std::optional<v2::timestamp>(utc(2011, 1, 21, 17, 33, 21)));
                         BOOST_TEST_REQUIRE(v.links.has_value());
                         BOOST_TEST_REQUIRE(v.links->size() == 3u);
                         BOOST_TEST((*v.links)[0].rel == "self");
                         BOOST_TEST((*v.links)[2].href == "http://docs.openstack.org/identity/api/v2.0/identity.wadl");
                         BOOST_TEST_REQUIRE(v.media_types.has_value());
                         BOOST_TEST_REQUIRE(v.media_types->size() == 2u);
                         BOOST_TEST((*v.media_types)[0].base == "application/xml");
                     })});
        t.push_back({"samples/versions", check<v2::versions>([](const v2::versions& v) {
                         BOOST_TEST_REQUIRE(v.items.size() == 3u);
                         BOOST_TEST(v.items[0].id == "v1.0");
                         BOOST_TEST(v.items[0].updated == std::optional<v2::timestamp>(utc(2009, 10, 9, 11, 30, 0)));
                         BOOST_TEST(v.items[1].updated ==
                                    std::optional<v2::timestamp>(utc(2010, 12, 12, 18, 30, 2, 250000)));
                         BOOST_TEST(v.items[1].updated->fraction_digits() == 2);
                         BOOST_TEST(v.items[2].status.value() == v2::version_status::experimental);
                         BOOST_TEST_REQUIRE(v.links.has_value());
                         BOOST_TEST(v.links->empty());
                     })});

        // ---- OS-KSADM/samples --------------------------------------------------------------------
        t.push_back({"OS-KSADM/samples/create_user_request", check<v2::user>([](const v2::user& u) {
                         BOOST_TEST(u.name == std::optional<std::string>("jqsmith"));
                         BOOST_TEST(u.password == std::optional<std::string>("secrete"));
                         BOOST_TEST(u.enabled == std::optional<bool>(true));
                         BOOST_TEST(u.tenant_id == std::optional<std::string>("af615b6af60b497e860392ad5e9f8dab"));
                         BOOST_TEST(!u.id.has_value());
                     })});
        t.push_back({"OS-KSADM/samples/credentials", check<v2::credentials>([](const v2::credentials& c) {
                         BOOST_TEST_REQUIRE(c.items.size() == 1u);
                         BOOST_TEST_REQUIRE(c.items[0].password_credentials.has_value());
                         BOOST_TEST(c.items[0].password_credentials->username ==
                                    std::optional<std::string>("test_user"));
                         BOOST_TEST(c.items[0].password_credentials->password == "mypass");
                         BOOST_TEST(!c.items[0].ec2_credentials.has_value());
                     })});
        t.push_back({"OS-KSADM/samples/passwordcredentials",
                     check<v2::password_credentials>([](const v2::password_credentials& p) {
                         BOOST_TEST(p.username == std::optional<std::string>("test_user"));
                         BOOST_TEST(p.password == "mypass");
                         BOOST_TEST(!p.user_id.has_value());
                     })});
        t.push_back({"OS-KSADM/samples/role", check<v2::role>([](const v2::role& r) {
                         BOOST_TEST(r.id == std::optional<std::string>("123"));
                         BOOST_TEST(r.name == std::optional<std::string>("Guest"));
                         BOOST_TEST(r.description == std::optional<std::string>("Guest Access"));
                     })});
        t.push_back({"OS-KSADM/samples/roles", check<v2::roles>(nova_admin_roles)});
        t.push_back({"OS-KSADM/samples/service", check<v2::service>([](const v2::service& s) {
                         BOOST_TEST(s.id == std::optional<std::string>("123"));
                         BOOST_TEST(s.name == std::optional<std::string>("nova"));
                         BOOST_TEST(s.type == "compute");
                         BOOST_TEST(s.description == std::optional<std::string>("OpenStack Compute Service"));
                     })});
        t.push_back({"OS-KSADM/samples/services", check<v2::services>([](const v2::services& s) {
                         BOOST_TEST_REQUIRE(s.items.size() == 2u);
                         BOOST_TEST(s.items[0].type == "compute");
                         BOOST_TEST(s.items[1].type == "image");
                         BOOST_TEST(s.items[1].name == std::optional<std::string>("glance"));
                         BOOST_TEST_REQUIRE(s.links.has_value());
                         BOOST_TEST(s.links->empty());
                     })});
        t.push_back({"OS-KSADM/samples/tenant", check<v2::tenant>(acme)});
        t.push_back({"OS-KSADM/samples/tenantwithoutid", check<v2::tenant>([](const v2::tenant& x) {
                         BOOST_TEST(!x.id.has_value());
                         BOOST_TEST(x.name == std::optional<std::string>("ACME corp"));
                         BOOST_TEST(x.enabled == std::optional<bool>(true));
                     })});
        t.push_back({"OS-KSADM/samples/user", check<v2::user>([](const v2::user& u) {
                         BOOST_TEST(u.id == std::optional<std::string>("84cdc81d5ba5448f885f857c3e7ae7dd"));
                         BOOST_TEST(u.name == std::optional<std::string>("jqsmith"));
                         BOOST_TEST(u.tenant_id == std::optional<std::string>("af615b6af60b497e860392ad5e9f8dab"));
                         BOOST_TEST(!u.password.has_value());
                     })});
        t.push_back({"OS-KSADM/samples/users", check<v2::users>([](const v2::users& u) {
                         BOOST_TEST_REQUIRE(u.items.size() == 2u);
                         BOOST_TEST(u.items[0].id == std::optional<std::string>("u1000"));
                         BOOST_TEST(u.items[1].id == std::optional<std::string>("u1001"));
                         BOOST_TEST_REQUIRE(u.links.has_value());
                         BOOST_TEST(u.links->empty());
                     })});
        t.push_back({"OS-KSADM/samples/userwithenabledonly", check<v2::user>([](const v2::user& u) {
                         v2::user expected;
                         expected.enabled = true;
                         BOOST_TEST(u == expected);
                     })});
        t.push_back({"OS-KSADM/samples/userwithoutid", check<v2::user>([](const v2::user& u) {
                         BOOST_TEST(!u.id.has_value());
                         BOOST_TEST(u.username == std::optional<std::string>("jqsmith"));
                         BOOST_TEST(u.password == std::optional<std::string>("secrete"));
                     })});

        // ---- OS-KSCATALOG/samples ---------------------------------------------------------------
        t.push_back({"OS-KSCATALOG/samples/endpoint", check<v2::endpoint>([](const v2::endpoint& e) {
                         BOOST_TEST(e.id == std::optional<std::string>("1"));  // a JSON number in the sample
                         BOOST_TEST(e.tenant_id == std::optional<std::string>("1"));
                         BOOST_TEST(*e.region == "North");
                         BOOST_TEST(e.type == std::optional<std::string>("compute"));
                         BOOST_TEST(e.admin_url == std::optional<std::string>("https://compute.north.internal.com/v1"));
                         BOOST_TEST(e.version_list == std::optional<std::string>("https://compute.north.public.com/"));
                     })});
        t.push_back({"OS-KSCATALOG/samples/endpointTemplate",
                     check<v2::endpoint_template>([](const v2::endpoint_template& e) {
                         BOOST_TEST(e.id == std::optional<std::string>("1"));
                         BOOST_TEST(e.global == std::optional<bool>(true));
                         BOOST_TEST(e.enabled == std::optional<bool>(true));
                         BOOST_TEST(*e.region == "North");
                         BOOST_TEST(!e.admin_url.has_value());
                         BOOST_TEST(e.version_id == std::optional<std::string>("1"));
                     })});
        t.push_back({"OS-KSCATALOG/samples/endpointTemplateWithOnlyId",
                     check<v2::endpoint_template>([](const v2::endpoint_template& e) {
                         v2::endpoint_template expected;
                         expected.id = "1";
                         BOOST_TEST(e == expected);
                     })});
        t.push_back({"OS-KSCATALOG/samples/endpointTemplates",
                     check<v2::endpoint_templates>([](const v2::endpoint_templates& e) {
                         BOOST_TEST_REQUIRE(e.items.size() == 5u);
                         BOOST_TEST(e.items[1].id == std::optional<std::string>("2"));
                         BOOST_TEST(e.items[1].enabled == std::optional<bool>(false));
                         BOOST_TEST(!e.items[1].global.has_value());
                         BOOST_TEST(e.items[4].region.is_absent());
                         BOOST_TEST(e.items[4].type == std::optional<std::string>("OS-DNS:DNS"));
                         BOOST_TEST_REQUIRE(e.links.has_value());
                         BOOST_TEST(e.links->empty());
                     })});
        auto five_endpoints = [](const v2::endpoints& e) {
            BOOST_TEST_REQUIRE(e.items.size() == 5u);
            const char* regions[] = {"North", "South", "East", "West", "Global"};
            for (std::size_t i = 0; i < 5; ++i) {
                BOOST_TEST(e.items[i].id == std::optional<std::string>(std::to_string(i + 1)));
                BOOST_TEST(*e.items[i].region == regions[i]);
                BOOST_TEST(e.items[i].tenant_id == std::optional<std::string>("1"));
            }
            BOOST_TEST_REQUIRE(e.links.has_value());
            BOOST_TEST(e.links->empty());
        };
        t.push_back({"OS-KSCATALOG/samples/endpoints", check<v2::endpoints>(five_endpoints)});

        // ---- OS-KSEC2/samples ---------------------------------------------------------------------
        auto ec2 = [](const v2::ec2_credentials& c) {
            BOOST_TEST(c.username == std::optional<std::string>("test_user"));
            BOOST_TEST(c.secret == std::optional<std::string>("aaaaa"));
            BOOST_TEST(c.signature == std::optional<std::string>("bbb"));
            BOOST_TEST(!c.key.has_value());
        };
        t.push_back({"OS-KSEC2/samples/auth_credentials-OS-KSEC2", check<v2::auth>([ec2](const v2::auth& a) {
                         BOOST_TEST(a.tenant_id == std::optional<std::string>("77654"));
                         BOOST_TEST(!a.tenant_name.has_value());
                         BOOST_TEST_REQUIRE(a.ec2_credentials.has_value());
                         ec2(*a.ec2_credentials);
                         BOOST_TEST(!a.password_credentials.has_value());
                     })});
        t.push_back({"OS-KSEC2/samples/credentialswithec2", check<v2::credentials>([ec2](const v2::credentials& c) {
                         BOOST_TEST_REQUIRE(c.items.size() == 2u);
                         BOOST_TEST(c.items[0].password_credentials.has_value());
                         BOOST_TEST_REQUIRE(c.items[1].ec2_credentials.has_value());
                         ec2(*c.items[1].ec2_credentials);
                         BOOST_TEST(!c.items[1].password_credentials.has_value());
                     })});
        t.push_back({"OS-KSEC2/samples/ec2Credentials", check<v2::ec2_credentials>(ec2)});

        // ---- OS-KSS3/samples ----------------------------------------------------------------------
        auto s3 = [](const v2::s3_credentials& c) {
            BOOST_TEST(c.username == std::optional<std::string>("test_user"));
            BOOST_TEST(c.secret == std::optional<std::string>("aaaaa"));
            BOOST_TEST(c.signature == std::optional<std::string>("bbb"));
        };
        t.push_back({"OS-KSS3/samples/credentialswiths3", check<v2::credentials>([s3](const v2::credentials& c) {
                         BOOST_TEST_REQUIRE(c.items.size() == 2u);
                         BOOST_TEST(c.items[0].password_credentials.has_value());
                         BOOST_TEST_REQUIRE(c.items[1].s3_credentials.has_value());
                         s3(*c.items[1].s3_credentials);
                     })});
        t.push_back({"OS-KSS3/samples/s3Credentials", check<v2::s3_credentials>(s3)});

        // ---- OS-KSVALIDATE/samples -------------------------------------------------------------
        t.push_back({"OS-KSVALIDATE/samples/endpoints", check<v2::endpoints>(five_endpoints)});
        t.push_back({"OS-KSVALIDATE/samples/validatetoken", check<v2::access>([](const v2::access& a) {
                         check_access_spec_sample(a, "345", "123");
                         BOOST_TEST(!a.service_catalog.has_value());
                     })});

        // ---- Written from the published Atom feeds (no JSON twin), and Keystone's OS-EC2 credential ----
        t.push_back({"samples/version-atom", check<v2::feed>([](const v2::feed& f) {
                         BOOST_TEST_REQUIRE(f.title.has_value());
                         BOOST_TEST(f.title->text == "About This Version");
                         BOOST_TEST(f.title->type == std::optional<std::string>("text"));
                         BOOST_TEST(f.updated == std::optional<v2::timestamp>(utc(2011, 1, 21, 17, 33, 21)));
                         BOOST_TEST(f.id == "http://identity.api.openstack.org/v2.0/");
                         BOOST_TEST_REQUIRE(f.author.has_value());
                         BOOST_TEST(f.author->name == std::optional<std::string>("OpenStack"));
                         BOOST_TEST(f.author->uri == std::optional<std::string>("http://www.openstack.org/"));
                         BOOST_TEST_REQUIRE(f.entries.size() == 1u);
                         BOOST_TEST_REQUIRE(f.entries[0].links.has_value());
                         BOOST_TEST_REQUIRE(f.entries[0].links->size() == 3u);
                         BOOST_TEST((*f.entries[0].links)[1].type == std::optional<std::string>("application/pdf"));
                         BOOST_TEST_REQUIRE(f.entries[0].content.has_value());
                         BOOST_TEST(f.entries[0].content->text == "Version v2.0 CURRENT (2011-01-21T11:33:21-06:00)");
                         BOOST_TEST(f.entries[0].updated == f.updated);
                     })});
        t.push_back({"samples/versions-atom", check<v2::feed>([](const v2::feed& f) {
                         BOOST_TEST(f.id == "http://identity.api.openstack.org/");
                         BOOST_TEST(f.updated == std::optional<v2::timestamp>(utc(2010, 12, 12, 18, 30, 2, 250000)));
                         BOOST_TEST_REQUIRE(f.entries.size() == 3u);
                         BOOST_TEST(f.entries[2].id == "http://identity.api.openstack.org/v1.0/");
                         BOOST_TEST_REQUIRE(f.entries[2].title.has_value());
                         BOOST_TEST(f.entries[2].title->text == "Version v1.0");
                         BOOST_TEST(f.entries[0].updated ==
                                    std::optional<v2::timestamp>(utc(2011, 5, 27, 20, 22, 2, 250000)));
                     })});
        t.push_back({"OS-EC2/credential", check<v2::credential>([](const v2::credential& c) {
                         BOOST_TEST(c.access == std::optional<std::string>("8f1c4e7a2b9d4c6e9a0b3d5f7e1c2a4b"));
                         BOOST_TEST(c.secret == std::optional<std::string>("c2a4b6d8e0f1a3c5e7b9d1f3a5c7e9b0"));
                         BOOST_TEST(c.tenant_id == std::optional<std::string>("fc394f2ab2df4114bde39905f800dc57"));
                         BOOST_TEST(c.user_id == std::optional<std::string>("9a6590b2ab024747bc2167c4e064d00d"));
                         BOOST_TEST(c.trust_id.is_null());
                     })});

        // ---- Keystone's admin API (model/admin.hpp) ------------------------------------------------
        t.push_back({"OS-EC2/credential_request", check<v2::credential_request>([](const v2::credential_request& r) {
                         BOOST_TEST(r.tenant_id == "fc394f2ab2df4114bde39905f800dc57");
                     })});
        t.push_back({"OS-EC2/credentials", check<v2::credential_list>([](const v2::credential_list& l) {
                         BOOST_TEST_REQUIRE(l.items.size() == 1u);
                         BOOST_TEST(l.items[0].access ==
                                    std::optional<std::string>("8f1c4e7a2b9d4c6e9a0b3d5f7e1c2a4b"));
                         BOOST_TEST(l.items[0].trust_id.is_null());
                     })});
        t.push_back({"OS-EC2/ec2tokens", check<v2::ec2_request>([](const v2::ec2_request& r) {
                         BOOST_TEST(r.access == "8f1c4e7a2b9d4c6e9a0b3d5f7e1c2a4b");
                         BOOST_TEST(r.verb == std::optional<std::string>("GET"));
                         BOOST_TEST(r.body_hash == std::optional<std::string>(""));
                         BOOST_TEST_REQUIRE(r.params.has_value());
                         // Every parameter is kept, though the reader ignores unknown members.
                         BOOST_TEST(r.params->extra.members.size() == 5u);
                         BOOST_TEST(r.params->extra.members.at("SignatureVersion") == "2");
                         BOOST_TEST(!r.headers.has_value());
                     })});
        t.push_back({"OS-KSCRUD/password_change", check<v2::password_change>([](const v2::password_change& p) {
                         BOOST_TEST(p.password == "n3w-secret");
                         BOOST_TEST(p.original_password == "secrete");
                     })});
        t.push_back({"admin/endpoint", check<v2::endpoint_record>([](const v2::endpoint_record& e) {
                         BOOST_TEST(e.service_id == "3c2a1f0e9d8c4b7a8f6e5d4c3b2a1f0e");
                         BOOST_TEST(e.region.value() == "RegionOne");
                         BOOST_TEST(e.admin_url == std::optional<std::string>("http://127.0.0.1:35357/v2.0"));
                     })});
        t.push_back({"admin/endpoints", check<v2::endpoint_records>([](const v2::endpoint_records& l) {
                         BOOST_TEST_REQUIRE(l.items.size() == 2u);
                         BOOST_TEST(l.items[1].region.is_null());
                         BOOST_TEST(l.items[1].public_url == std::optional<std::string>("http://127.0.0.1:8774/v2"));
                         BOOST_TEST(!l.items[1].admin_url.has_value());
                     })});

        // ---- The seed -----------------------------------------------------------------------------
        t.push_back({"seed_access", check<v2::access>([](const v2::access& a) {
                         BOOST_TEST(a.token.id == "aaaaa-bbbbb-ccccc-dddd");
                         // The zone-less issued_at is UTC.
                         BOOST_TEST(a.token.issued_at ==
                                    std::optional<v2::timestamp>(utc(2014, 1, 30, 15, 30, 58, 819584)));
                         BOOST_TEST(a.token.expires == utc(2014, 1, 31, 15, 30, 58));
                         BOOST_TEST_REQUIRE(a.token.tenant.has_value());
                         BOOST_TEST(a.token.tenant->description.is_null());
                         BOOST_TEST(a.token.tenant->name == std::optional<std::string>("demo"));
                         BOOST_TEST_REQUIRE(a.service_catalog.has_value());
                         BOOST_TEST_REQUIRE(a.service_catalog->size() == 10u);
                         BOOST_TEST((*a.service_catalog)[9].type == "identity");
                         BOOST_TEST((*a.service_catalog)[9].endpoints[0].admin_url ==
                                    std::optional<std::string>("http://23.253.72.207:35357/v2.0"));
                         BOOST_TEST_REQUIRE(a.user.has_value());
                         BOOST_TEST(a.user->username == std::optional<std::string>("demo"));
                         BOOST_TEST_REQUIRE(a.user->roles.has_value());
                         BOOST_TEST(a.user->roles->size() == 2u);
                         BOOST_TEST_REQUIRE(a.metadata.has_value());
                         BOOST_TEST(a.metadata->is_admin == std::optional<std::int64_t>(0));
                         BOOST_TEST_REQUIRE(a.metadata->roles.has_value());
                         BOOST_TEST(a.metadata->roles->size() == 2u);
                     })});
        t.push_back({"seed_auth_password", check<v2::auth>([](const v2::auth& a) {
                         BOOST_TEST(a.tenant_name == std::optional<std::string>("demo"));
                         BOOST_TEST_REQUIRE(a.password_credentials.has_value());
                         BOOST_TEST(a.password_credentials->username == std::optional<std::string>("demo"));
                         BOOST_TEST(a.password_credentials->password == "secretsecret");
                     })});
        t.push_back({"seed_auth_token", check<v2::auth>([](const v2::auth& a) {
                         BOOST_TEST(a.tenant_name == std::optional<std::string>("demo"));
                         BOOST_TEST_REQUIRE(a.token.has_value());
                         BOOST_TEST(a.token->id == "cbc36478b0bd8e67e89469c7749d4127");
                     })});
        std::map<std::string_view, spot> m;
        for (auto& e : t)
            if (!m.emplace(e.stem, std::move(e.checks)).second)
                throw std::logic_error("json_samples_test: spot checks listed twice for " + std::string(e.stem));
        return m;
    }();
    return table;
}

// The document's generic checks and spot checks, as the type the document table says.
void check_document(const osi_test::document& d, const std::string& text) {
    const auto it = spots().find(d.stem);
    BOOST_TEST_REQUIRE((it != spots().end()), "no spot checks for " << d.stem);
    osi_test::visit_type(d, [&](auto t) { sample<typename decltype(t)::type>(text, it->second); });
}

const std::vector<osi_test::document>& published_samples() {
    static const auto v = osi_test::documents_from(osi_test::origin::json_sample);
    return v;
}

}  // namespace

// tests/data/documents/<stem>.json: every document, always.
BOOST_DATA_TEST_CASE(document_file, boost::unit_test::data::xrange(std::size(osi_test::documents)), i) {
    const auto& d = osi_test::documents[i];
    BOOST_TEST_CONTEXT("documents/" << d.stem << ".json as " << d.type) {
        check_document(d, osi_test::document_json(d));
    }
}

// The seed's fixtures, tests/data/seed_*.json.
BOOST_DATA_TEST_CASE(seed_file, boost::unit_test::data::xrange(std::size(osi_test::seed_documents)), i) {
    const auto& d = osi_test::seed_documents[i];
    BOOST_TEST_CONTEXT(d.stem << ".json as " << d.type) {
        check_document(d, osi_test::data_file(std::string(d.stem) + ".json"));
    }
}

BOOST_AUTO_TEST_SUITE(published, OSI_PUBLISHED)
// The published JSON samples themselves, with the same spot checks.
BOOST_DATA_TEST_CASE(sample_file, boost::unit_test::data::xrange(published_samples().size()), i) {
    const auto& d = published_samples()[i];
    BOOST_TEST_CONTEXT(d.stem << ".json as " << d.type) {
        check_document(d, osi_test::read_file(osi_test::published_path(d, ".json")));
    }
}
BOOST_AUTO_TEST_SUITE_END()

// tests/data/documents holds the table's documents, each in JSON and both XML dialects, and nothing
// else; every document type is among them; every document has its spot checks.
BOOST_AUTO_TEST_CASE(table_covers_every_sample) {
    std::set<std::string> expected{"README.md"};
    std::set<std::string_view> stems, types;
    for (const auto& d : osi_test::documents) {
        BOOST_TEST(stems.insert(d.stem).second, "listed twice: " << d.stem);
        BOOST_TEST(v2::document_type_index(d.type).has_value(), d.stem << ": no document type " << d.type);
        types.insert(d.type);
        for (const char* suffix : {".json", ".keystone.xml", ".schema.xml"})
            expected.insert(std::string(d.stem) + suffix);
        BOOST_TEST(spots().count(d.stem) == 1u, "no spot checks for " << d.stem);
    }
    const fs::path root = fs::path(OSI_DATA_DIR) / "documents";
    BOOST_TEST_REQUIRE(fs::is_directory(root), "no directory " << root);
    std::set<std::string> found;
    for (const auto& f : fs::recursive_directory_iterator(root))
        if (f.is_regular_file()) found.insert(fs::relative(f.path(), root).generic_string());
    for (const auto& f : expected) BOOST_TEST(found.count(f) == 1u, "missing file: documents/" << f);
    for (const auto& f : found) BOOST_TEST(expected.count(f) == 1u, "not in documents.hpp: documents/" << f);
    // 46 JSON samples, 2 Atom feeds, the OS-EC2 credential, 6 documents of Keystone's admin API
    BOOST_TEST(std::size(osi_test::documents) == 55u);
    BOOST_TEST(found.size() == 3 * 55u + 1u);
    for (std::size_t i = 0; i < v2::document_type_count; ++i)
        BOOST_TEST(types.count(v2::document_type_name(i)) == 1u, "no document of type " << v2::document_type_name(i));

    for (const auto& d : osi_test::seed_documents) {
        BOOST_TEST(stems.insert(d.stem).second, "listed twice: " << d.stem);
        BOOST_TEST(spots().count(d.stem) == 1u, "no spot checks for " << d.stem);
        for (const char* ext : {".json", ".xml"})
            BOOST_TEST(fs::is_regular_file(fs::path(OSI_DATA_DIR) / (std::string(d.stem) + ext)), d.stem << ext);
    }
    BOOST_TEST(spots().size() == stems.size());  // no spot checks for a document that is not in the table
}

BOOST_AUTO_TEST_SUITE(published, OSI_PUBLISHED)
// Every JSON sample of the core API and of the OpenStack extensions is in the table, and the
// samples the table names are published.
BOOST_AUTO_TEST_CASE(table_covers_every_published_sample) {
    std::set<std::string> mapped;
    for (const auto& d : osi_test::documents) {
        const bool json = fs::is_regular_file(osi_test::published_path(d, ".json"));
        const bool xml = fs::is_regular_file(osi_test::published_path(d, ".xml"));
        switch (d.from) {
        case osi_test::origin::json_sample:
            BOOST_TEST(json, "missing file: " << osi_test::published_path(d, ".json"));
            mapped.insert(std::string(d.stem) + ".json");
            break;
        case osi_test::origin::xml_sample:
            BOOST_TEST((xml && !json), d.stem << ": an XML sample without a JSON twin");
            break;
        case osi_test::origin::own:
            BOOST_TEST((!xml && !json), d.stem << ": published, but written from the script's own text");
            break;
        }
    }
    std::size_t seen = 0;
    for (const char* dir : {"samples", "OS-KSADM/samples", "OS-KSCATALOG/samples", "OS-KSEC2/samples",
                            "OS-KSS3/samples", "OS-KSVALIDATE/samples"}) {
        const fs::path d = fs::path(OSI_SPEC_DIR) / dir;
        BOOST_TEST_REQUIRE(fs::is_directory(d), "no directory " << d);
        for (const auto& f : fs::directory_iterator(d)) {
            if (f.path().extension() != ".json") continue;
            ++seen;
            const std::string rel = std::string(dir) + "/" + f.path().filename().string();
            BOOST_TEST(mapped.count(rel) == 1u, "unmapped sample: " << rel);
        }
    }
    BOOST_TEST(seen == 46u);
    BOOST_TEST(mapped.size() == 46u);
}
BOOST_AUTO_TEST_SUITE_END()

// ---- The seed: what we write is the seed, up to the spelling of timestamps --------------------

namespace {

template <class T>
void check_seed_semantics(const std::string& file) {
    const std::string text = osi_test::data_file(file);
    auto r = v2::try_from_json<T>(text);
    BOOST_TEST_REQUIRE(r.has_value(), file << ": " << (r ? std::string() : r.error().what()));
    const std::string out = v2::to_json(*r);
    std::string why;
    BOOST_TEST(same_json(json::parse(text), json::parse(out), "", why), file << ": " << why << "\nwritten: " << out);
    // And not merely semantically: every member the seed has is written.
    BOOST_TEST(json::parse(out).as_object().size() == json::parse(text).as_object().size());
}

}  // namespace

BOOST_AUTO_TEST_CASE(seed_written_equals_seed) {
    check_seed_semantics<v2::access>("seed_access.json");
    check_seed_semantics<v2::auth>("seed_auth_password.json");
    check_seed_semantics<v2::auth>("seed_auth_token.json");
}

BOOST_AUTO_TEST_CASE(zoneless_issued_at_is_utc) {
    auto a = v2::from_json<v2::access>(osi_test::data_file("seed_access.json"));
    BOOST_TEST_REQUIRE(a.token.issued_at.has_value());
    BOOST_TEST(*a.token.issued_at == utc(2014, 1, 30, 15, 30, 58, 819584));
    const auto out = json::parse(v2::to_json(a));
    BOOST_TEST(out.at("access").at("token").at("issued_at") == json::value("2014-01-30T15:30:58.819584Z"));
    BOOST_TEST(out.at("access").at("token").at("expires") == json::value("2014-01-31T15:30:58Z"));

    // The same instant with Z, with +00:00 and with an offset all read equal.
    auto with = [](std::string_view ts) {
        return v2::from_json<v2::access>(R"({"access": {"token": {"id": "t", "expires": ")" + std::string(ts) +
                                         R"("}}})")
            .token.expires;
    };
    BOOST_TEST(with("2014-01-31T15:30:58") == utc(2014, 1, 31, 15, 30, 58));
    BOOST_TEST(with("2014-01-31T15:30:58Z") == utc(2014, 1, 31, 15, 30, 58));
    BOOST_TEST(with("2014-01-31T15:30:58+00:00") == utc(2014, 1, 31, 15, 30, 58));
    BOOST_TEST(with("2014-01-31T10:30:58-05:00") == utc(2014, 1, 31, 15, 30, 58));
}

// ---- Keystone's list wrappers -----------------------------------------------------------------

namespace {

// The spec sample with its list wrapped as Keystone wrote it: {"<key>": {"values": [...]}}.
std::string keystone_wrapped(const std::string& spec_text, std::string_view key) {
    json::value v = json::parse(spec_text);
    json::object wrapper;
    wrapper["values"] = v.as_object().at(key);
    v.as_object()[key] = std::move(wrapper);
    return json::serialize(v);
}

// Keystone's document with its list unwrapped as the spec writes it: {"<key>": [...]}.
std::string spec_unwrapped(const std::string& keystone_text, std::string_view key) {
    json::value v = json::parse(keystone_text);
    json::value items = v.as_object().at(key).as_object().at("values");
    v.as_object()[key] = std::move(items);
    return json::serialize(v);
}

// The same list in the spec's form and in Keystone's reads to one value, and each list style
// writes its own form.
template <class T>
void check_values_wrapper(const std::string& spec_text, const std::string& keystone_text, std::string_view key,
                          std::size_t count) {
    auto from_spec = v2::try_from_json<T>(spec_text);
    auto from_keystone = v2::try_from_json<T>(keystone_text);
    BOOST_TEST_REQUIRE(from_spec.has_value());
    BOOST_TEST_REQUIRE(from_keystone.has_value(),
                       keystone_text << ": " << (from_keystone ? std::string() : from_keystone.error().what()));
    BOOST_TEST(*from_keystone == *from_spec);
    BOOST_TEST(from_keystone->items.size() == count);

    const json::value spec_out = json::parse(v2::to_json(*from_spec, v2::write_options{.lists = v2::list_style::spec}));
    BOOST_TEST_REQUIRE(spec_out.as_object().contains(key));
    BOOST_TEST(spec_out.at(key).is_array());
    BOOST_TEST(spec_out.at(key).as_array().size() == count);

    const json::value ks_out = json::parse(v2::to_json(*from_spec));  // list_style::keystone is the default
    BOOST_TEST_REQUIRE(ks_out.at(key).is_object());
    BOOST_TEST(ks_out.at(key).as_object().size() == 1u);
    BOOST_TEST_REQUIRE(ks_out.at(key).as_object().contains("values"));
    BOOST_TEST(ks_out.at(key).at("values").as_array().size() == count);
    BOOST_TEST(ks_out.at(key).at("values") == spec_out.at(key));

    // The written Keystone form is the Keystone document, up to timestamps.
    std::string why;
    BOOST_TEST(same_json(json::parse(keystone_text), ks_out, "", why), why);
}

// Our documents are in Keystone's list style (the default writer's): the spec's form is made from them.
template <class T>
void check_document_values_wrapper(std::string_view stem, std::string_view key, std::size_t count) {
    BOOST_TEST_CONTEXT(stem) {
        const std::string keystone_text = osi_test::document_json(stem);
        BOOST_TEST_REQUIRE(json::parse(keystone_text).at(key).is_object(), "not in Keystone's list style");
        check_values_wrapper<T>(spec_unwrapped(keystone_text, key), keystone_text, key, count);
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(keystone_values_wrapper) {
    check_document_values_wrapper<v2::extensions>("samples/extensions", "extensions", 2);
    check_document_values_wrapper<v2::versions>("samples/versions", "versions", 3);

    // An empty Keystone list.
    auto e = v2::try_from_json<v2::extensions>(R"({"extensions": {"values": []}})");
    BOOST_TEST_REQUIRE(e.has_value());
    BOOST_TEST(e->items.empty());
    BOOST_TEST(v2::to_json(*e) == R"({"extensions":{"values":[]}})");
    BOOST_TEST(v2::to_json(*e, v2::write_options{.lists = v2::list_style::spec}) == R"({"extensions":[]})");
}

BOOST_AUTO_TEST_SUITE(published, OSI_PUBLISHED)
// The published samples are in the spec's form: Keystone's is made from them.
BOOST_AUTO_TEST_CASE(keystone_values_wrapper_of_published_samples) {
    const std::string extensions = osi_test::spec_file("samples/extensions.json");
    check_values_wrapper<v2::extensions>(extensions, keystone_wrapped(extensions, "extensions"), "extensions", 2);
    const std::string versions = osi_test::spec_file("samples/versions.json");
    check_values_wrapper<v2::versions>(versions, keystone_wrapped(versions, "versions"), "versions", 3);
}
BOOST_AUTO_TEST_SUITE_END()

// ---- Faults ------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(keystone_error_document) {
    auto f = v2::try_from_json<v2::fault>(
        R"({"error": {"code": 404, "title": "Not Found", "message": "Could not find token: abc"}})");
    BOOST_TEST_REQUIRE(f.has_value(), (f ? std::string() : f.error().what()));
    BOOST_TEST(f->kind == v2::fault_kind::item_not_found);
    BOOST_TEST(f->code == 404);
    BOOST_TEST(f->title == std::optional<std::string>("Not Found"));
    BOOST_TEST(f->message == "Could not find token: abc");
    BOOST_TEST(!f->details.has_value());

    struct status_case {
        int code;
        v2::fault_kind kind;
    };
    for (auto c : {status_case{400, v2::fault_kind::bad_request}, status_case{401, v2::fault_kind::unauthorized},
                   status_case{403, v2::fault_kind::forbidden}, status_case{409, v2::fault_kind::tenant_conflict},
                   status_case{413, v2::fault_kind::over_limit}, status_case{500, v2::fault_kind::identity_fault},
                   status_case{503, v2::fault_kind::service_unavailable}}) {
        auto g = v2::try_from_json<v2::fault>(R"({"error": {"code": )" + std::to_string(c.code) +
                                              R"(, "title": "t", "message": "m"}})");
        BOOST_TEST_REQUIRE(g.has_value());
        BOOST_TEST(g->kind == c.kind, "code " << c.code);
    }
}

BOOST_AUTO_TEST_CASE(fault_written_both_ways) {
    v2::fault f = v2::make_fault(v2::fault_kind::item_not_found, "Could not find token: abc", "details");
    const std::string both = v2::to_json(f, v2::write_options{.faults = v2::fault_style::both});
    const json::value jv = json::parse(both);
    BOOST_TEST_REQUIRE(jv.is_object());
    BOOST_TEST(jv.as_object().size() == 2u);
    BOOST_TEST_REQUIRE(jv.as_object().contains("itemNotFound"));
    BOOST_TEST_REQUIRE(jv.as_object().contains("error"));
    BOOST_TEST(jv.at("itemNotFound").at("code") == json::value(404));
    BOOST_TEST(jv.at("error").at("code") == json::value(404));
    BOOST_TEST(jv.at("error").at("title") == json::value("Not Found"));
    BOOST_TEST(jv.at("error").at("message") == json::value("Could not find token: abc"));
    auto back = v2::try_from_json<v2::fault>(both);
    BOOST_TEST_REQUIRE(back.has_value());
    BOOST_TEST(*back == f);

    // Either half alone reads back to the same fault.
    for (auto style : {v2::fault_style::spec, v2::fault_style::keystone}) {
        const std::string one = v2::to_json(f, v2::write_options{.faults = style});
        BOOST_TEST(json::parse(one).as_object().size() == 1u);
        auto b = v2::try_from_json<v2::fault>(one);
        BOOST_TEST_REQUIRE(b.has_value());
        BOOST_TEST(*b == f, one);
    }
    BOOST_TEST(json::parse(v2::to_json(f, v2::write_options{.faults = v2::fault_style::spec}))
                   .as_object()
                   .contains("itemNotFound"));
    BOOST_TEST(json::parse(v2::to_json(f, v2::write_options{.faults = v2::fault_style::keystone}))
                   .as_object()
                   .contains("error"));

    // The keystone half alone for a kind that shares its status (userDisabled is a 403, as forbidden).
    v2::fault d = v2::make_fault(v2::fault_kind::user_disabled, "disabled");
    auto db = v2::try_from_json<v2::fault>(v2::to_json(d));
    BOOST_TEST_REQUIRE(db.has_value());
    BOOST_TEST(db->kind == v2::fault_kind::user_disabled);
}

// ---- Unknown members ----------------------------------------------------------------------------

namespace {

const char* const token_with_extras = R"({
  "access": {
    "token": {"id": "abc", "expires": "2014-01-31T15:30:58Z", "RAX-AUTH:authenticatedBy": ["PASSWORD"],
              "tenant": {"id": "t1", "name": "demo", "enabled": true, "RAX-AUTH:x": 1}},
    "serviceCatalog": [{"type": "compute", "name": "nova", "RAX-AUTH:region": "DFW",
                        "endpoints": [{"publicURL": "http://x", "region": "DFW", "RAX-AUTH:weight": 1.5}]}],
    "user": {"id": "u1", "name": "jqsmith", "RAX-AUTH:defaultRegion": "DFW",
             "roles": [{"id": "r1", "name": "admin", "RAX-AUTH:scope": null}]},
    "RAX-KSKEY:nested": {"a": [1, 2, {"b": true, "c": null}], "d": {"e": "f"}, "g": -3, "h": 18446744073709551615}
  }
})";

const char* const token_without_extras = R"({
  "access": {
    "token": {"id": "abc", "expires": "2014-01-31T15:30:58Z",
              "tenant": {"id": "t1", "name": "demo", "enabled": true}},
    "serviceCatalog": [{"type": "compute", "name": "nova",
                        "endpoints": [{"publicURL": "http://x", "region": "DFW"}]}],
    "user": {"id": "u1", "name": "jqsmith",
             "roles": [{"id": "r1", "name": "admin"}]}
  }
})";

}  // namespace

BOOST_AUTO_TEST_CASE(unknown_members_ignored_by_default) {
    auto with = v2::try_from_json<v2::access>(token_with_extras);
    auto without = v2::try_from_json<v2::access>(token_without_extras);
    BOOST_TEST_REQUIRE(with.has_value(), (with ? std::string() : with.error().what()));
    BOOST_TEST_REQUIRE(without.has_value());
    BOOST_TEST(*with == *without);
    BOOST_TEST(with->extra.empty());
    BOOST_TEST(with->user->extra.empty());
    BOOST_TEST(json::parse(v2::to_json(*with)) == json::parse(v2::to_json(*without)));
}

BOOST_AUTO_TEST_CASE(unknown_members_kept_and_written_back) {
    v2::read_options keep;
    keep.unknown = v2::unknown_policy::keep;
    auto a = v2::try_from_json<v2::access>(token_with_extras, keep);
    BOOST_TEST_REQUIRE(a.has_value(), (a ? std::string() : a.error().what()));
    BOOST_TEST_REQUIRE(a->user.has_value());
    BOOST_TEST_REQUIRE(a->user->extra.members.contains("RAX-AUTH:defaultRegion"));
    BOOST_TEST(a->user->extra.members.at("RAX-AUTH:defaultRegion") == json::value("DFW"));
    BOOST_TEST_REQUIRE(a->extra.members.contains("RAX-KSKEY:nested"));
    BOOST_TEST(
        a->extra.members.at("RAX-KSKEY:nested") ==
        json::parse(R"({"a": [1, 2, {"b": true, "c": null}], "d": {"e": "f"}, "g": -3, "h": 18446744073709551615})"));
    BOOST_TEST(a->token.extra.members.size() == 1u);
    BOOST_TEST(a->token.tenant->extra.members.size() == 1u);
    BOOST_TEST((*a->service_catalog)[0].endpoints[0].extra.members.at("RAX-AUTH:weight") == json::value(1.5));
    BOOST_TEST((*a->user->roles)[0].extra.members.at("RAX-AUTH:scope").is_null());

    const std::string out = v2::to_json(*a);
    BOOST_TEST(json::parse(out) == json::parse(token_with_extras), out);

    // The kept value is not the plain one, and reads back to itself.
    BOOST_TEST(!(*a == v2::from_json<v2::access>(token_with_extras)));
    BOOST_TEST(v2::from_json<v2::access>(out, keep) == *a);

    // A list document keeps its top-level extras too.
    const char* tenants_doc = R"({"tenants": [{"id": "1", "x": [1]}], "tenants_links": [], "RAX:next": {"m": 2}})";
    auto t = v2::try_from_json<v2::tenants>(tenants_doc, keep);
    BOOST_TEST_REQUIRE(t.has_value());
    BOOST_TEST(json::parse(v2::to_json(*t)) == json::parse(tenants_doc));
}

BOOST_AUTO_TEST_CASE(essex_unscoped_token_with_an_empty_catalog_object) {
    auto a = v2::from_json<v2::access>(
        R"({"access":{"token":{"id":"t","expires":"2012-04-01T00:00:00Z"},"serviceCatalog":{}}})");
    BOOST_REQUIRE(a.service_catalog.has_value());
    BOOST_TEST(a.service_catalog->empty());
    auto bad = v2::try_from_json<v2::access>(
        R"({"access":{"token":{"id":"t","expires":"2012-04-01T00:00:00Z"},"user":{"roles":{}}}})");
    BOOST_REQUIRE(!bad);
    BOOST_TEST(bad.error().path == "access.user.roles");
}

BOOST_AUTO_TEST_SUITE_END()
