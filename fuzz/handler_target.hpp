#ifndef OSI_FUZZ_HANDLER_TARGET_HPP
#define OSI_FUZZ_HANDLER_TARGET_HPP

// What the handler fuzz target checks, shared with tests/fuzz_regressions_test.cpp.
// check_handler: the input is an HTTP request (parsed by Beast as the server parses it); both
// listeners' handlers must answer it without throwing, never 5xx, with a fault document for 4xx,
// a well-formed body otherwise and a Content-Length that matches. Returns what is wrong (empty:
// nothing).

#include <openstack/identity/v2.hpp>
#include <openstack/identity/v2/protocol/request_handler.hpp>
#include <openstack/identity/v2/protocol/memory_backend.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/json/parse.hpp>

#include <pugixml.hpp>

#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <string_view>

namespace osi_fuzz {

namespace v2 = openstack::identity::v2;
namespace proto = openstack::identity::v2::protocol;

// The demo scenario with the cheapest hashes and one-second tokens, so that nothing piles up.
inline const char* handler_config = R"({
  "admin_token": "ADMIN", "token_lifetime": 1, "pbkdf2_iterations": 1,
  "tenants": [{"id": "t-demo", "name": "demo", "enabled": true}, {"id": "t-admin", "name": "admin"},
              {"id": "t-off", "name": "off", "enabled": false}],
  "roles": [{"id": "r-member", "name": "Member"}, {"id": "r-admin", "name": "admin"}],
  "users": [{"id": "u-demo", "name": "demo", "tenantId": "t-demo", "password": "secretsecret"},
            {"id": "u-admin", "name": "admin", "password": "adminsecret"},
            {"id": "u-off", "name": "disabled", "enabled": false, "password": "offsecret"}],
  "assignments": [{"user": "demo", "tenant": "demo", "roles": ["Member"]},
                  {"user": "admin", "tenant": "admin", "roles": ["admin"]}],
  "catalog": [{"type": "identity", "name": "keystone", "endpoints": [
    {"id": "ep", "region": "RegionOne", "publicURL": "$(public_url)s/v2.0/$(tenant_id)s", "adminURL": "$(admin_url)s/v2.0"}]}]
})";

struct handlers {
    std::shared_ptr<proto::memory_backend> store;
    proto::request_handler public_api, admin_api;

    static proto::request_handler_options options(proto::listener_kind side, std::string url) {
        proto::request_handler_options o;
        o.side = side;
        o.base_url = std::move(url);
        o.public_url = "http://127.0.0.1:5000";
        o.extensions = {v2::extension{.name = "OpenStack Keystone Admin",
                                      .namespace_ = "http://docs.openstack.org/identity/api/ext/OS-KSADM/v1.0",
                                      .alias = "OS-KSADM"}};
        return o;
    }

    handlers()
        : store(std::make_shared<proto::memory_backend>(proto::parse_memory_config(handler_config).value())),
          public_api(store, options(proto::listener_kind::public_api, "http://127.0.0.1:5000")),
          admin_api(store, options(proto::listener_kind::admin_api, "http://127.0.0.1:35357")) {
        store->set_listener_urls("http://127.0.0.1:5000", "http://127.0.0.1:35357");
    }

    static handlers& get() {
        static handlers h;
        return h;
    }
};

inline std::string check_response(const proto::request& req, const proto::response& res) {
    const unsigned status = res.result_int();
    if (status >= 500) return "answered " + std::to_string(status) + ": " + res.body();
    auto cl = res.find(boost::beast::http::field::content_length);
    const bool head = req.method() == boost::beast::http::verb::head;
    if (status != 204 && cl == res.end()) return "no Content-Length";
    if (head) {
        if (!res.body().empty()) return "a body in the answer to HEAD";
        return {};
    }
    if (cl != res.end() && cl->value() != std::to_string(res.body().size()))
        return "Content-Length does not match the body";
    if (status == 204) return res.body().empty() ? std::string{} : "a body with 204";
    const bool xml = res[boost::beast::http::field::content_type] == "application/xml";
    if (status >= 400) {
        auto f = xml ? v2::try_from_xml<v2::fault>(res.body()) : v2::try_from_json<v2::fault>(res.body());
        if (!f) return "a " + std::to_string(status) + " whose body is not a fault: " + f.error().what();
        if (f->code != static_cast<std::int64_t>(status)) return "a fault whose code is not the status";
        return {};
    }
    if (xml) {
        pugi::xml_document d;
        if (!d.load_buffer(res.body().data(), res.body().size())) return "an XML body that is not well-formed";
    } else {
        boost::system::error_code ec;
        boost::json::parse(res.body(), ec);
        if (ec) return "a JSON body that is not JSON: " + ec.message();
    }
    return {};
}

inline std::string check_handler(std::string_view input) {
    namespace bhttp = boost::beast::http;
    bhttp::request_parser<bhttp::string_body> p;
    p.eager(true);
    p.header_limit(16 * 1024);
    p.body_limit(v2::http::default_body_limit);
    boost::beast::error_code ec;
    while (!input.empty() && !p.is_done()) {
        const std::size_t n = p.put(boost::asio::buffer(input.data(), input.size()), ec);
        if (ec == bhttp::error::need_more) break;
        if (ec || n == 0) return {};  // the server answers malformed HTTP itself (400/413) without the handler
        input.remove_prefix(n);
    }
    if (!p.is_done()) {
        if (!p.is_header_done()) return {};
        p.put_eof(ec);
        if (ec || !p.is_done()) return {};
    }
    const proto::request req = p.release();
    for (const proto::request_handler* h : {&handlers::get().public_api, &handlers::get().admin_api}) {
        try {
            if (std::string why = check_response(req, h->handle(req)); !why.empty())
                return std::string(h == &handlers::get().public_api ? "public" : "admin") + ": " + why;
        } catch (const std::exception& e) {
            return std::string("handle threw: ") + e.what();
        }
    }
    return {};
}

}  // namespace osi_fuzz

#endif
