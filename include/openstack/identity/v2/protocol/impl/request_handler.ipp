#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_IMPL_REQUEST_HANDLER_IPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_IMPL_REQUEST_HANDLER_IPP

// The protocol (protocol/request_handler.hpp): header-only, or compiled once (detail/config.hpp).

#include <openstack/identity/v2/protocol/request_handler.hpp>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

namespace detail {

OPENSTACK_IDENTITY_V2_ASIO_DECL int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Percent-decoding; plus_is_space for query strings. nullopt for a bad escape or a NUL.
OPENSTACK_IDENTITY_V2_ASIO_DECL std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            c = static_cast<char>(hi * 16 + lo);
            if (c == '\0') return std::nullopt;
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        out.push_back(c);
    }
    return out;
}

struct request_target {
    std::vector<std::string> segments;
    std::vector<std::pair<std::string, std::string>> query;

    const std::string* param(std::string_view name) const {
        for (const auto& [k, v] : query)
            if (k == name) return &v;
        return nullptr;
    }
};

// Text from the client (a path, an id) echoed in a fault: bytes that are not UTF-8 and control
// characters become '?', so that the fault stays a valid JSON or XML document.
OPENSTACK_IDENTITY_V2_ASIO_DECL std::string printable(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    for (std::size_t i = 0; i < s.size();) {
        const unsigned c = p[i];
        const std::size_t len = c < 0x80             ? 1
                                : (c & 0xe0) == 0xc0 ? 2
                                : (c & 0xf0) == 0xe0 ? 3
                                : (c & 0xf8) == 0xf0 ? 4
                                                     : 0;
        std::uint32_t cp = len == 1 ? c : c & (0x7f >> len);
        bool ok = len != 0 && s.size() - i >= len;
        for (std::size_t k = 1; ok && k < len; ++k) {
            ok = (p[i + k] & 0xc0) == 0x80;
            cp = cp << 6 | (p[i + k] & 0x3f);
        }
        constexpr std::uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
        ok = ok && (len == 1 ? cp >= 0x20 && cp != 0x7f
                             : cp >= least[len] && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) && cp != 0xfffe &&
                                   cp != 0xffff);
        if (ok) {
            out.append(s.substr(i, len));
            i += len;
        } else {
            out.push_back('?');
            ++i;
        }
    }
    return out;
}

// The path of a target without its query and with token ids masked ("/v2.0/tokens/***/endpoints"):
// token ids are secrets, and this is what logs and faults show. The router decodes each segment,
// so the segment after "tokens" is masked however either is spelled ("%74okens", "//v2.0/tokens/",
// "TOKENS"), and a segment that decodes to something with "tokens/" in it is masked whole.
OPENSTACK_IDENTITY_V2_ASIO_DECL std::string masked_path(std::string_view target) {
    const std::string_view path = target.substr(0, target.find('?'));
    std::string out;
    bool mask_next = false;
    for (std::size_t i = 0;;) {
        const auto slash = path.find('/', i);
        const std::string_view seg = path.substr(i, slash == std::string_view::npos ? slash : slash - i);
        std::string lower = percent_decode(seg, false).value_or(std::string(seg));
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (mask_next && !seg.empty()) {
            out += "***";
            mask_next = false;
        } else if (lower.find("tokens/") != std::string::npos) {
            out += "***";
        } else {
            out += seg;
            mask_next = mask_next || lower == "tokens";
        }
        if (slash == std::string_view::npos) break;
        out += '/';
        i = slash + 1;
    }
    return out;
}

// Splits an origin-form target. One trailing slash is ignored (as Keystone's url_normalize).
OPENSTACK_IDENTITY_V2_ASIO_DECL std::optional<request_target> parse_target(std::string_view t) {
    if (t.empty() || t.front() != '/') return std::nullopt;
    request_target out;
    std::string_view path = t, query;
    if (auto q = t.find('?'); q != std::string_view::npos) {
        path = t.substr(0, q);
        query = t.substr(q + 1);
    }
    if (auto h = path.find('#'); h != std::string_view::npos) path = path.substr(0, h);
    if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    path.remove_prefix(1);
    while (!path.empty()) {
        auto slash = path.find('/');
        auto seg = percent_decode(path.substr(0, slash), false);
        if (!seg) return std::nullopt;
        out.segments.push_back(std::move(*seg));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
        if (path.empty()) out.segments.emplace_back();
    }
    while (!query.empty()) {
        auto amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        auto k = percent_decode(pair.substr(0, eq), true);
        auto v = percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
        if (!k || !v) return std::nullopt;
        out.query.emplace_back(std::move(*k), std::move(*v));
    }
    return out;
}

// The methods a route can answer, in the order Allow lists them.
inline constexpr std::pair<methods, bhttp::verb> method_verbs[] = {
    {methods::get, bhttp::verb::get}, {methods::head, bhttp::verb::head},       {methods::post, bhttp::verb::post},
    {methods::put, bhttp::verb::put}, {methods::delete_, bhttp::verb::delete_}, {methods::patch, bhttp::verb::patch}};

constexpr bool has(methods set, methods m) { return (static_cast<unsigned>(set) & static_cast<unsigned>(m)) != 0; }

OPENSTACK_IDENTITY_V2_ASIO_DECL methods method_of(bhttp::verb v) {
    for (auto [m, verb] : method_verbs)
        if (verb == v) return m;
    return methods{};
}

// The Allow header: "GET, HEAD, DELETE".
OPENSTACK_IDENTITY_V2_ASIO_DECL std::string allow_header(methods set) {
    std::string out;
    for (auto [m, verb] : method_verbs) {
        if (!has(set, m)) continue;
        if (!out.empty()) out += ", ";
        out += bhttp::to_string(verb);
    }
    return out;
}

// Whether a row's path matches a target's segments. Literal segments and captures are never
// empty, so a target with an empty segment ("/v2.0//tokens") matches no row.
OPENSTACK_IDENTITY_V2_ASIO_DECL bool matches(std::string_view path, const std::vector<std::string>& segments) {
    std::size_t i = 0;
    for (path.remove_prefix(1); !path.empty(); ++i) {
        const auto slash = path.find('/');
        const std::string_view p = path.substr(0, slash);
        path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
        if (i == segments.size() || (p.front() == '{' ? segments[i].empty() : segments[i] != p)) return false;
    }
    return i == segments.size();
}

// The rows a target's path matches on a listener: the first that answers the method, and the
// methods that any of them answers (none: no such resource on this listener).
struct route_match {
    const route* row = nullptr;
    methods allow{};
};

OPENSTACK_IDENTITY_V2_ASIO_DECL route_match match_route(const std::vector<std::string>& segments, listener_kind side,
                                                        bhttp::verb v) {
    route_match out;
    const methods m = method_of(v);
    for (const route& row : routes()) {
        if (row.on == listeners::admin && side != listener_kind::admin_api) continue;
        if (!matches(row.path, segments)) continue;
        out.allow = out.allow | row.allow;
        if (!out.row && has(row.allow, m)) out.row = &row;
    }
    return out;
}

// A request matched to a row, as the row's member reads it.
struct routed {
    const request& req;
    http::media media;  // the answer's
    const route& row;
    const request_target& target;

    // The decoded segment at {name} in the row's path. A name the path lacks is the handler's bug
    // (500, which the route table test finds).
    std::string_view capture(std::string_view name) const {
        const std::string key = "/{" + std::string(name) + "}";
        const auto at = row.path.find(key);
        if (at == std::string_view::npos)
            throw std::logic_error("no {" + std::string(name) + "} in " + std::string(row.path));
        return target.segments[std::count(row.path.begin(), row.path.begin() + at, '/')];
    }
};

}  // namespace detail

OPENSTACK_IDENTITY_V2_ASIO_DECL request_handler::request_handler(std::shared_ptr<v2::protocol::backend> b,
                                                                 request_handler_options opt)
    : backend_(std::move(b)), opt_(std::move(opt)) {
    opt_.read.max_size = opt_.body_limit;
    if (opt_.public_url.empty()) opt_.public_url = opt_.base_url;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL bool request_handler::checks_password(const request& req) {
    const auto t = detail::parse_target(std::string_view(req.target().data(), req.target().size()));
    if (!t) return false;
    // The admin listener serves every route.
    const auto r = detail::match_route(t->segments, listener_kind::admin_api, req.method());
    if (!r.row) return false;
    const auto a = r.row->answer;
    return a == &request_handler::authenticate || a == &request_handler::create_user ||
           a == &request_handler::update_user || a == &request_handler::change_own_password;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::handle(const request& req) const {
    const http::media m = response_media(req);
    response res = dispatch(req, m);
    res.version(req.version());
    res.keep_alive(req.keep_alive());
    res.set(bhttp::field::vary, "X-Auth-Token");
    if (req.method() == bhttp::verb::head) {
        // The GET's headers, Content-Length included, and no body.
        const std::size_t n = res.body().size();
        res.body().clear();
        res.set(bhttp::field::content_length, std::to_string(n));
    } else if (res.result() != bhttp::status::no_content) {
        res.prepare_payload();
    }
    return res;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::fault_response(int status, std::string message,
                                                                         std::string_view accept, unsigned version,
                                                                         bool head) const {
    const http::media m = http::negotiate(accept).value_or(http::media::json);
    response res = make_fault_response(status, std::move(message), m);
    res.version(version);
    res.keep_alive(false);
    res.set(bhttp::field::vary, "X-Auth-Token");
    if (head) {
        const std::size_t n = res.body().size();
        res.body().clear();
        res.set(bhttp::field::content_length, std::to_string(n));
    } else {
        res.prepare_payload();
    }
    return res;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL http::media request_handler::response_media(const request& req) {
    auto it = req.find(bhttp::field::accept);
    if (it == req.end()) return http::media::json;
    return http::negotiate(it->value()).value_or(http::media::json);
}

template <class T>
std::string request_handler::write(const T& doc, http::media m) const {
    if (m == http::media::xml) return to_xml(doc, opt_.xml);
    write_options w;
    w.faults = opt_.faults.json;
    return to_json(doc, w);
}

template <class T>
response request_handler::document(bhttp::status s, const T& doc, http::media m) const {
    response res{s, 11};
    res.set(bhttp::field::content_type, http::content_type(m));
    res.body() = write(doc, m);
    return res;
}

template <class T>
response request_handler::reply(const result<T>& x, http::media m) const {
    return x ? document(bhttp::status::ok, *x, m) : backend_fault(x.error(), m);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response
request_handler::make_fault_response(int status, std::string message, http::media m,
                                     std::optional<std::string> details) const {
    fault f = http::make_status_fault(status, detail::printable(message));
    if (details) f.details = detail::printable(*details);
    response res{static_cast<bhttp::status>(status), 11};
    res.set(bhttp::field::content_type, http::content_type(m));
    res.body() = http::fault_body(f, m, opt_.faults);
    if (status == 401) res.set(bhttp::field::www_authenticate, "Keystone uri=\"" + opt_.public_url + "\"");
    return res;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::backend_fault(const error& e, http::media m) const {
    switch (e.kind) {
    case fault_kind::unauthorized:
        return make_fault_response(401, e.message.empty() ? std::string(unauthorized_message) : e.message, m);
    case fault_kind::forbidden:
    case fault_kind::user_disabled: {
        response r = make_fault_response(403, e.message.empty() ? std::string(forbidden_message) : e.message, m);
        if (e.kind == fault_kind::user_disabled) {
            fault f = http::make_status_fault(403, detail::printable(e.message));
            f.kind = fault_kind::user_disabled;
            r.body() = http::fault_body(f, m, opt_.faults);
        }
        return r;
    }
    case fault_kind::item_not_found:
        return make_fault_response(404, e.message.empty() ? "Could not find the requested item." : e.message, m);
    case fault_kind::bad_request:
        return make_fault_response(400, e.what(), m, e.path.empty() ? std::nullopt : std::optional(e.path));
    case fault_kind::tenant_conflict: return make_fault_response(409, e.message, m);
    default: return make_fault_response(503, e.message.empty() ? "The identity store is unavailable." : e.message, m);
    }
}

template <class F>
auto request_handler::call(F&& f) const -> decltype(f()) {
    try {
        return f();
    } catch (...) {
        return backend_error(fault_kind::service_unavailable, "The identity store is unavailable.");
    }
}

OPENSTACK_IDENTITY_V2_ASIO_DECL std::string_view request_handler::auth_token(const request& req) {
    auto it = req.find("X-Auth-Token");
    return it == req.end() ? std::string_view{} : std::string_view(it->value().data(), it->value().size());
}

OPENSTACK_IDENTITY_V2_ASIO_DECL std::variant<principal, response> request_handler::caller(const request& req,
                                                                                          http::media m,
                                                                                          bool need_admin) const {
    const std::string_view tok = auth_token(req);
    if (tok.empty()) return make_fault_response(401, std::string(unauthorized_message), m);
    auto p = call([&] { return backend_->authorize(tok); });
    if (!p) {
        if (p.error().kind == fault_kind::unauthorized || p.error().kind == fault_kind::item_not_found)
            return make_fault_response(401, std::string(unauthorized_message), m);
        return backend_fault(p.error(), m);
    }
    if (need_admin && !p->admin) return make_fault_response(403, std::string(forbidden_message), m);
    return std::move(*p);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL version request_handler::version_document() const {
    version v;
    v.id = "v2.0";
    v.status = version_status{opt_.version_status};
    timestamp t;
    if (!value_traits<timestamp>::parse(opt_.version_updated, t)) v.updated = t;
    v.links = std::vector<link>{
        link{.rel = "self", .href = opt_.base_url + "/v2.0/"},
        link{.rel = "describedby", .type = "text/html", .href = "https://docs.openstack.org/"},
    };
    v.media_types = std::vector<media_type>{
        media_type{.base = "application/json", .type = "application/vnd.openstack.identity-v2.0+json"},
        media_type{.base = "application/xml", .type = "application/vnd.openstack.identity-v2.0+xml"},
    };
    return v;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::dispatch(const request& req, http::media m) const {
    const std::string_view target(req.target().data(), req.target().size());
    const auto t = detail::parse_target(target);
    if (!t) return make_fault_response(400, "The request target is not a valid path.", m);
    const auto r = detail::match_route(t->segments, opt_.side, req.method());
    if (r.allow == detail::methods{})
        return make_fault_response(404, "(" + detail::masked_path(target) + "): The resource could not be found.", m);
    if (!r.row) {
        response res =
            make_fault_response(405, "Method " + std::string(req.method_string()) + " is not allowed on this resource.",
                                m);
        res.set(bhttp::field::allow, detail::allow_header(r.allow));
        return res;
    }
    if (req.body().size() > opt_.body_limit)
        return make_fault_response(413,
                                   "Request is too large. Larger than max_request_body_size (" +
                                       std::to_string(opt_.body_limit) + ").",
                                   m);
    try {
        if (r.row->on == detail::listeners::admin) {
            auto who = caller(req, m, true);
            if (auto* res = std::get_if<response>(&who)) return std::move(*res);
        }
        return (this->*r.row->answer)(detail::routed{req, m, *r.row, *t});
    } catch (const std::bad_alloc&) {
        return make_fault_response(503, "The service is out of memory.", m);
    } catch (...) {
        return make_fault_response(500, "An unexpected error prevented the server from fulfilling your request.", m);
    }
}

OPENSTACK_IDENTITY_V2_ASIO_DECL error request_handler::not_found_as(error e, std::string message) {
    if (e.kind == fault_kind::item_not_found || e.kind == fault_kind::unauthorized) {
        e.kind = fault_kind::item_not_found;
        e.message = std::move(message);
    }
    return e;
}

// clang-format off
OPENSTACK_IDENTITY_V2_ASIO_DECL std::span<const detail::route> detail::routes() {
    using enum methods;
    using enum listeners;
    static constexpr route table[] = {
        {get | head, "/",                                               both,  &request_handler::list_versions},
        {get | head, "/v2.0",                                           both,  &request_handler::show_version},
        {get | head, "/v2.0/extensions",                                both,  &request_handler::list_extensions},
        {get | head, "/v2.0/extensions/{alias}",                        both,  &request_handler::show_extension},
        {post,       "/v2.0/tokens",                                    both,  &request_handler::authenticate},
        {get | head, "/v2.0/tokens/{token_id}",                         admin, &request_handler::validate_token},
        {delete_,    "/v2.0/tokens/{token_id}",                         admin, &request_handler::revoke_token},
        {get | head, "/v2.0/tokens/{token_id}/endpoints",               admin, &request_handler::list_token_endpoints},
        {get | head, "/v2.0/tenants",                                   both,  &request_handler::list_tenants},
        {get | head, "/v2.0/tenants/{tenant_id}",                       admin, &request_handler::show_tenant},
        {get | head, "/v2.0/tenants/{tenant_id}/users/{user_id}/roles", admin, &request_handler::list_tenant_user_roles},
        {get | head, "/v2.0/users",                                     admin, &request_handler::find_user},
        {get | head, "/v2.0/users/{user_id}",                           admin, &request_handler::show_user},
        {get | head, "/v2.0/users/{user_id}/roles",                     admin, &request_handler::list_user_roles},
        // OS-KSADM (Keystone's admin_crud), OS-KSCRUD and OS-EC2.
        {post,       "/v2.0/tenants",                                   admin, &request_handler::create_tenant},
        {put | post, "/v2.0/tenants/{tenant_id}",                       admin, &request_handler::update_tenant},
        {delete_,    "/v2.0/tenants/{tenant_id}",                       admin, &request_handler::delete_tenant},
        {get | head, "/v2.0/tenants/{tenant_id}/users",                 admin, &request_handler::list_tenant_users},
        {put,        "/v2.0/tenants/{tenant_id}/users/{user_id}/roles/OS-KSADM/{role_id}", admin, &request_handler::grant_role},
        {delete_,    "/v2.0/tenants/{tenant_id}/users/{user_id}/roles/OS-KSADM/{role_id}", admin, &request_handler::revoke_role},
        {post,       "/v2.0/users",                                     admin, &request_handler::create_user},
        {put,        "/v2.0/users/{user_id}",                           admin, &request_handler::update_user},
        {delete_,    "/v2.0/users/{user_id}",                           admin, &request_handler::delete_user},
        {put,        "/v2.0/users/{user_id}/OS-KSADM/password",         admin, &request_handler::update_user},
        {put,        "/v2.0/users/{user_id}/OS-KSADM/enabled",          admin, &request_handler::update_user},
        {put,        "/v2.0/users/{user_id}/OS-KSADM/tenant",           admin, &request_handler::update_user},
        {put,        "/v2.0/users/{user_id}/password",                  admin, &request_handler::update_user},
        {put,        "/v2.0/users/{user_id}/enabled",                   admin, &request_handler::update_user},
        {put,        "/v2.0/users/{user_id}/tenant",                    admin, &request_handler::update_user},
        {put,        "/v2.0/users/{user_id}/roles/OS-KSADM/{role_id}",  admin, &request_handler::grant_role},
        {delete_,    "/v2.0/users/{user_id}/roles/OS-KSADM/{role_id}",  admin, &request_handler::revoke_role},
        {get | head, "/v2.0/users/{user_id}/credentials/OS-EC2",        admin, &request_handler::list_ec2_credentials},
        {post,       "/v2.0/users/{user_id}/credentials/OS-EC2",        admin, &request_handler::create_ec2_credential},
        {get | head, "/v2.0/users/{user_id}/credentials/OS-EC2/{access}", admin, &request_handler::show_ec2_credential},
        {delete_,    "/v2.0/users/{user_id}/credentials/OS-EC2/{access}", admin, &request_handler::delete_ec2_credential},
        {get | head, "/v2.0/OS-KSADM/roles",                            admin, &request_handler::list_roles},
        {post,       "/v2.0/OS-KSADM/roles",                            admin, &request_handler::create_role},
        {get | head, "/v2.0/OS-KSADM/roles/{role_id}",                  admin, &request_handler::show_role},
        {delete_,    "/v2.0/OS-KSADM/roles/{role_id}",                  admin, &request_handler::delete_role},
        {get | head, "/v2.0/OS-KSADM/services",                         admin, &request_handler::list_services},
        {post,       "/v2.0/OS-KSADM/services",                         admin, &request_handler::create_service},
        {get | head, "/v2.0/OS-KSADM/services/{service_id}",            admin, &request_handler::show_service},
        {delete_,    "/v2.0/OS-KSADM/services/{service_id}",            admin, &request_handler::delete_service},
        {get | head, "/v2.0/endpoints",                                 admin, &request_handler::list_endpoints},
        {post,       "/v2.0/endpoints",                                 admin, &request_handler::create_endpoint},
        {delete_,    "/v2.0/endpoints/{endpoint_id}",                   admin, &request_handler::delete_endpoint},
        // The caller's own token, which the member checks.
        {patch,      "/v2.0/OS-KSCRUD/users/{user_id}",                 both,  &request_handler::change_own_password},
        {post,       "/v2.0/ec2tokens",                                 both,  &request_handler::ec2_authenticate},
    };
    return table;
}
// clang-format on

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_versions(const detail::routed& r) const {
    versions vs;
    vs.items.push_back(version_document());
    return document(bhttp::status::multiple_choices, vs, r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::show_version(const detail::routed& r) const {
    return document(bhttp::status::ok, version_document(), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_extensions(const detail::routed& r) const {
    extensions es;
    es.items = opt_.extensions;
    return document(bhttp::status::ok, es, r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::show_extension(const detail::routed& r) const {
    const std::string_view alias = r.capture("alias");
    for (const auto& e : opt_.extensions)
        if (e.alias == alias) return document(bhttp::status::ok, e, r.media);
    return make_fault_response(404, "Could not find extension: " + std::string(alias) + ".", r.media);
}

template <class T, class F>
response request_handler::with_body(const detail::routed& r, F&& f) const {
    std::string_view ct;
    if (auto it = r.req.find(bhttp::field::content_type); it != r.req.end())
        ct = std::string_view(it->value().data(), it->value().size());
    const auto in = http::body_media(ct);
    if (!in)
        return make_fault_response(415,
                                   "Unsupported media type: " + std::string(ct) +
                                       " (send application/json or application/xml).",
                                   r.media);
    const std::string_view body = r.req.body();
    result<T> a = *in == http::media::xml ? try_from_xml<T>(body, opt_.read) : try_from_json<T>(body, opt_.read);
    if (!a) {
        const error& e = a.error();
        const int status = http_status(e.kind);
        return make_fault_response(status, e.what(), r.media, e.path.empty() ? std::nullopt : std::optional(e.path));
    }
    return f(*a);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::done(const result<void>& x, http::media m) const {
    return x ? response{bhttp::status::no_content, 11} : backend_fault(x.error(), m);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::authenticate(const detail::routed& r) const {
    return with_body<auth>(r, [&](auth& a) {
        return token_reply(call([&] { return backend_->authenticate(a); }), r.media);
    });
}

// A new token's access document, which no cache keeps.
OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::token_reply(const result<access>& x, http::media m) const {
    if (!x) return backend_fault(x.error(), m);
    response res = document(bhttp::status::ok, *x, m);
    res.set(bhttp::field::cache_control, "no-store");
    return res;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::validate_token(const detail::routed& r) const {
    const std::string_view id = r.capture("token_id");
    auto x = call([&]() -> result<access_ptr> {
        auto doc = backend_->validate_token(id);
        if (doc && !*doc) return backend_error(fault_kind::service_unavailable, "The identity store is unavailable.");
        return doc;
    });
    if (!x) return backend_fault(not_found_as(x.error(), "Could not find token."), r.media);
    if (const std::string* belongs = r.target.param("belongsTo")) {
        const auto& scope = (*x)->token.tenant;
        const bool ok = scope && scope->id && *scope->id == *belongs;
        if (!ok) return make_fault_response(404, "Could not find token.", r.media);
    }
    response res = document(bhttp::status::ok, **x, r.media);
    res.set(bhttp::field::cache_control, "no-store");
    return res;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::revoke_token(const detail::routed& r) const {
    const std::string_view id = r.capture("token_id");
    auto x = call([&] { return backend_->revoke_token(id); });
    if (!x) return backend_fault(not_found_as(x.error(), "Could not find token."), r.media);
    return response{bhttp::status::no_content, 11};
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_token_endpoints(const detail::routed& r) const {
    const std::string_view id = r.capture("token_id");
    auto x = call([&] { return backend_->token_endpoints(id); });
    if (!x) return backend_fault(not_found_as(x.error(), "Could not find token."), r.media);
    endpoints e = std::move(*x);
    if (!e.links) e.links.emplace();
    return document(bhttp::status::ok, e, r.media);
}

// On the public listener, the tenants of the caller's token; on the admin listener, for an admin,
// all tenants or the one named by ?name=.
OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_tenants(const detail::routed& r) const {
    const bool admin = opt_.side == listener_kind::admin_api;
    auto who = caller(r.req, r.media, admin);
    if (auto* res = std::get_if<response>(&who)) return std::move(*res);
    if (admin) {
        if (const std::string* name = r.target.param("name"))
            return reply(call([&] { return backend_->tenant_by_name(*name); }), r.media);
        return reply(call([&] { return backend_->list_tenants(); }), r.media);
    }
    auto x = call([&] { return backend_->tenants_for_token(auth_token(r.req)); });
    if (!x && x.error().kind == fault_kind::item_not_found)
        return make_fault_response(401, std::string(unauthorized_message), r.media);
    return reply(x, r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::show_tenant(const detail::routed& r) const {
    const std::string_view id = r.capture("tenant_id");
    return reply(call([&] { return backend_->tenant_by_id(id); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_tenant_user_roles(const detail::routed& r) const {
    const std::string_view tenant = r.capture("tenant_id"), user = r.capture("user_id");
    return reply(call([&] { return backend_->user_roles(user, tenant); }), r.media);
}

// GET /v2.0/users: the user named by ?name=, or all users.
OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::find_user(const detail::routed& r) const {
    if (const std::string* name = r.target.param("name"))
        return reply(call([&] { return backend_->user_by_name(*name); }), r.media);
    return reply(call([&] { return backend_->list_users(); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::show_user(const detail::routed& r) const {
    const std::string_view id = r.capture("user_id");
    return reply(call([&] { return backend_->user_by_id(id); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_user_roles(const detail::routed& r) const {
    const std::string_view id = r.capture("user_id");
    return reply(call([&] { return backend_->user_roles(id, std::nullopt); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::create_tenant(const detail::routed& r) const {
    return with_body<tenant>(r, [&](tenant& t) {
        return reply(call([&] { return backend_->create_tenant(t); }), r.media);
    });
}

// Keystone's tenant update is POST (keystoneclient) or PUT.
OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::update_tenant(const detail::routed& r) const {
    return with_body<tenant>(r, [&](tenant& t) {
        return reply(call([&] { return backend_->update_tenant(r.capture("tenant_id"), t); }), r.media);
    });
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::delete_tenant(const detail::routed& r) const {
    return done(call([&] { return backend_->delete_tenant(r.capture("tenant_id")); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_tenant_users(const detail::routed& r) const {
    return reply(call([&] { return backend_->tenant_users(r.capture("tenant_id")); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::create_user(const detail::routed& r) const {
    return with_body<user>(r, [&](user& u) { return reply(call([&] { return backend_->create_user(u); }), r.media); });
}

// PUT /users/{id} and its OS-KSADM password, enabled and tenant forms: each sends a user document
// with the members it changes.
OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::update_user(const detail::routed& r) const {
    return with_body<user>(r, [&](user& u) {
        return reply(call([&] { return backend_->update_user(r.capture("user_id"), u); }), r.media);
    });
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::delete_user(const detail::routed& r) const {
    return done(call([&] { return backend_->delete_user(r.capture("user_id")); }), r.media);
}

// On either listener, with the user's own token (any other is 403).
OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::change_own_password(const detail::routed& r) const {
    auto who = caller(r.req, r.media, false);
    if (auto* res = std::get_if<response>(&who)) return std::move(*res);
    return with_body<password_change>(r, [&](password_change& p) {
        return token_reply(call([&] {
                               return backend_->change_own_password(auth_token(r.req), r.capture("user_id"),
                                                                    p.original_password, p.password);
                           }),
                           r.media);
    });
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_roles(const detail::routed& r) const {
    return reply(call([&] { return backend_->list_roles(); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::create_role(const detail::routed& r) const {
    return with_body<role>(r,
                           [&](role& ro) { return reply(call([&] { return backend_->create_role(ro); }), r.media); });
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::show_role(const detail::routed& r) const {
    return reply(call([&] { return backend_->role_by_id(r.capture("role_id")); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::delete_role(const detail::routed& r) const {
    return done(call([&] { return backend_->delete_role(r.capture("role_id")); }), r.media);
}

// The tenant form, or the global one (a path without {tenant_id}).
OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::grant_role(const detail::routed& r) const {
    const bool on_tenant = r.row.path.find("{tenant_id}") != std::string_view::npos;
    const std::optional<std::string_view> tenant = on_tenant ? std::optional(r.capture("tenant_id")) : std::nullopt;
    return reply(call([&] { return backend_->grant_role(r.capture("user_id"), tenant, r.capture("role_id")); }),
                 r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::revoke_role(const detail::routed& r) const {
    const bool on_tenant = r.row.path.find("{tenant_id}") != std::string_view::npos;
    const std::optional<std::string_view> tenant = on_tenant ? std::optional(r.capture("tenant_id")) : std::nullopt;
    return done(call([&] { return backend_->revoke_role(r.capture("user_id"), tenant, r.capture("role_id")); }),
                r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_services(const detail::routed& r) const {
    return reply(call([&] { return backend_->list_services(); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::create_service(const detail::routed& r) const {
    return with_body<service>(r, [&](service& s) {
        return reply(call([&] { return backend_->create_service(s); }), r.media);
    });
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::show_service(const detail::routed& r) const {
    return reply(call([&] { return backend_->service_by_id(r.capture("service_id")); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::delete_service(const detail::routed& r) const {
    return done(call([&] { return backend_->delete_service(r.capture("service_id")); }), r.media);
}

namespace detail {

OPENSTACK_IDENTITY_V2_ASIO_DECL endpoint_record to_record(std::string service_id, const endpoint& e) {
    return endpoint_record{.id = e.id,
                           .region = e.region,
                           .service_id = std::move(service_id),
                           .public_url = e.public_url,
                           .admin_url = e.admin_url,
                           .internal_url = e.internal_url};
}

}  // namespace detail

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_endpoints(const detail::routed& r) const {
    auto x = call([&] { return backend_->list_endpoints(); });
    if (!x) return backend_fault(x.error(), r.media);
    endpoint_records out;
    for (auto& [service_id, e] : *x) out.items.push_back(detail::to_record(std::move(service_id), e));
    return document(bhttp::status::ok, out, r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::create_endpoint(const detail::routed& r) const {
    return with_body<endpoint_record>(r, [&](endpoint_record& in) {
        endpoint e;
        e.id = in.id;
        e.region = in.region;
        e.public_url = in.public_url;
        e.admin_url = in.admin_url;
        e.internal_url = in.internal_url;
        auto x = call([&] { return backend_->create_endpoint(in.service_id, e); });
        if (!x) return backend_fault(x.error(), r.media);
        return document(bhttp::status::ok, detail::to_record(in.service_id, *x), r.media);
    });
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::delete_endpoint(const detail::routed& r) const {
    return done(call([&] { return backend_->delete_endpoint(r.capture("endpoint_id")); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::list_ec2_credentials(const detail::routed& r) const {
    auto x = call([&] { return backend_->list_ec2_credentials(r.capture("user_id")); });
    if (!x) return backend_fault(x.error(), r.media);
    credential_list out;
    out.items = std::move(*x);
    return document(bhttp::status::ok, out, r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::create_ec2_credential(const detail::routed& r) const {
    return with_body<credential_request>(r, [&](credential_request& c) {
        return reply(call([&] { return backend_->create_ec2_credential(r.capture("user_id"), c.tenant_id); }), r.media);
    });
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::show_ec2_credential(const detail::routed& r) const {
    return reply(call([&] { return backend_->ec2_credential(r.capture("user_id"), r.capture("access")); }), r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::delete_ec2_credential(const detail::routed& r) const {
    return done(call([&] { return backend_->delete_ec2_credential(r.capture("user_id"), r.capture("access")); }),
                r.media);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response request_handler::ec2_authenticate(const detail::routed& r) const {
    return with_body<ec2_request>(r, [&](ec2_request& q) {
        return token_reply(call([&] { return backend_->ec2_authenticate(q); }), r.media);
    });
}

}  // namespace openstack::identity::v2::protocol

#endif
