#ifndef OPENSTACK_IDENTITY_V2_ASIO_IMPL_HANDLER_IPP
#define OPENSTACK_IDENTITY_V2_ASIO_IMPL_HANDLER_IPP

// The protocol (asio/handler.hpp): header-only, or compiled once (detail/config.hpp).

#include <openstack/identity/v2/asio/handler.hpp>

#include <cctype>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::asio {

namespace detail {

enum class route : unsigned char {
    root,
    version,
    tokens,
    token,
    token_endpoints,
    tenants,
    tenant,
    users,
    user,
    user_roles,
    tenant_user_roles,
    extensions,
    extension,
};

struct route_match {
    route id;
    std::vector<std::string> params;
};

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

struct target {
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
OPENSTACK_IDENTITY_V2_ASIO_DECL std::optional<target> parse_target(std::string_view t) {
    if (t.empty() || t.front() != '/') return std::nullopt;
    target out;
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

OPENSTACK_IDENTITY_V2_ASIO_DECL std::optional<route_match> match_route(const std::vector<std::string>& s,
                                                                       listener_kind side) {
    const bool admin = side == listener_kind::admin_api;
    for (const auto& seg : s)
        if (seg.empty()) return std::nullopt;
    const std::size_t n = s.size();
    if (n == 0) return route_match{route::root, {}};
    if (s[0] != "v2.0") return std::nullopt;
    if (n == 1) return route_match{route::version, {}};
    const std::string& r = s[1];
    if (r == "tokens") {
        if (n == 2) return route_match{route::tokens, {}};
        if (!admin) return std::nullopt;
        if (n == 3) return route_match{route::token, {s[2]}};
        if (n == 4 && s[3] == "endpoints") return route_match{route::token_endpoints, {s[2]}};
        return std::nullopt;
    }
    if (r == "tenants") {
        if (n == 2) return route_match{route::tenants, {}};
        if (!admin) return std::nullopt;
        if (n == 3) return route_match{route::tenant, {s[2]}};
        if (n == 6 && s[3] == "users" && s[5] == "roles") return route_match{route::tenant_user_roles, {s[2], s[4]}};
        return std::nullopt;
    }
    if (r == "users" && admin) {
        if (n == 2) return route_match{route::users, {}};
        if (n == 3) return route_match{route::user, {s[2]}};
        if (n == 4 && s[3] == "roles") return route_match{route::user_roles, {s[2]}};
        return std::nullopt;
    }
    if (r == "extensions") {
        if (n == 2) return route_match{route::extensions, {}};
        if (n == 3) return route_match{route::extension, {s[2]}};
    }
    return std::nullopt;
}

// The methods a route answers, as the Allow header spells them.
OPENSTACK_IDENTITY_V2_ASIO_DECL std::string_view allowed_methods(route r) {
    switch (r) {
    case route::tokens: return "POST";
    case route::token: return "GET, HEAD, DELETE";
    default: return "GET, HEAD";
    }
}

OPENSTACK_IDENTITY_V2_ASIO_DECL bool method_allowed(route r, bhttp::verb v) {
    switch (r) {
    case route::tokens: return v == bhttp::verb::post;
    case route::token: return v == bhttp::verb::get || v == bhttp::verb::head || v == bhttp::verb::delete_;
    default: return v == bhttp::verb::get || v == bhttp::verb::head;
    }
}

}  // namespace detail

OPENSTACK_IDENTITY_V2_ASIO_DECL handler::handler(std::shared_ptr<v2::asio::backend> b, handler_options opt)
    : backend_(std::move(b)), opt_(std::move(opt)) {
    opt_.read.max_size = opt_.body_limit;
    if (opt_.public_url.empty()) opt_.public_url = opt_.base_url;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL bool handler::checks_password(const request& req) {
    if (req.method() != bhttp::verb::post) return false;
    const auto t = detail::parse_target(std::string_view(req.target().data(), req.target().size()));
    if (!t) return false;
    const auto r = detail::match_route(t->segments, listener_kind::public_api);
    return r && r->id == route::tokens;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response handler::handle(const request& req) const {
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

OPENSTACK_IDENTITY_V2_ASIO_DECL response handler::fault_response(int status, std::string message,
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

OPENSTACK_IDENTITY_V2_ASIO_DECL http::media handler::response_media(const request& req) {
    auto it = req.find(bhttp::field::accept);
    if (it == req.end()) return http::media::json;
    return http::negotiate(it->value()).value_or(http::media::json);
}

template <class T>
std::string handler::write(const T& doc, http::media m) const {
    if (m == http::media::xml) return to_xml(doc, opt_.xml);
    write_options w;
    w.faults = opt_.faults.json;
    return to_json(doc, w);
}

template <class T>
response handler::document(bhttp::status s, const T& doc, http::media m) const {
    response res{s, 11};
    res.set(bhttp::field::content_type, http::content_type(m));
    res.body() = write(doc, m);
    return res;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response handler::make_fault_response(int status, std::string message, http::media m,
                                                                      std::optional<std::string> details) const {
    fault f = http::make_status_fault(status, detail::printable(message));
    if (details) f.details = detail::printable(*details);
    response res{static_cast<bhttp::status>(status), 11};
    res.set(bhttp::field::content_type, http::content_type(m));
    res.body() = http::fault_body(f, m, opt_.faults);
    if (status == 401) res.set(bhttp::field::www_authenticate, "Keystone uri=\"" + opt_.public_url + "\"");
    return res;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response handler::backend_fault(const error& e, http::media m) const {
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
auto handler::call(F&& f) const -> decltype(f()) {
    try {
        return f();
    } catch (...) {
        return backend_error(fault_kind::service_unavailable, "The identity store is unavailable.");
    }
}

OPENSTACK_IDENTITY_V2_ASIO_DECL std::string_view handler::auth_token(const request& req) {
    auto it = req.find("X-Auth-Token");
    return it == req.end() ? std::string_view{} : std::string_view(it->value().data(), it->value().size());
}

OPENSTACK_IDENTITY_V2_ASIO_DECL std::variant<principal, response> handler::caller(const request& req, http::media m,
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

OPENSTACK_IDENTITY_V2_ASIO_DECL version handler::version_document() const {
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

OPENSTACK_IDENTITY_V2_ASIO_DECL response handler::dispatch(const request& req, http::media m) const {
    auto t = detail::parse_target(std::string_view(req.target().data(), req.target().size()));
    if (!t) return make_fault_response(400, "The request target is not a valid path.", m);
    auto r = detail::match_route(t->segments, opt_.side);
    if (!r) {
        const std::string path = detail::masked_path(std::string_view(req.target().data(), req.target().size()));
        return make_fault_response(404, "(" + path + "): The resource could not be found.", m);
    }
    if (!detail::method_allowed(r->id, req.method())) {
        response res =
            make_fault_response(405, "Method " + std::string(req.method_string()) + " is not allowed on this resource.",
                                m);
        res.set(bhttp::field::allow, detail::allowed_methods(r->id));
        return res;
    }
    if (req.body().size() > opt_.body_limit)
        return make_fault_response(413,
                                   "Request is too large. Larger than max_request_body_size (" +
                                       std::to_string(opt_.body_limit) + ").",
                                   m);
    try {
        return route_request(req, *r, *t, m);
    } catch (const std::bad_alloc&) {
        return make_fault_response(503, "The service is out of memory.", m);
    } catch (...) {
        return make_fault_response(500, "An unexpected error prevented the server from fulfilling your request.", m);
    }
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response handler::route_request(const request& req, const detail::route_match& r,
                                                                const detail::target& t, http::media m) const {
    switch (r.id) {
    case route::root: {
        versions vs;
        vs.items.push_back(version_document());
        return document(bhttp::status::multiple_choices, vs, m);
    }
    case route::version: return document(bhttp::status::ok, version_document(), m);
    case route::extensions: {
        extensions es;
        es.items = opt_.extensions;
        return document(bhttp::status::ok, es, m);
    }
    case route::extension: {
        for (const auto& e : opt_.extensions)
            if (e.alias == r.params[0]) return document(bhttp::status::ok, e, m);
        return make_fault_response(404, "Could not find extension: " + r.params[0] + ".", m);
    }
    case route::tokens: return authenticate(req, m);
    case route::tenants: {
        const bool admin = opt_.side == listener_kind::admin_api;
        auto who = caller(req, m, admin);
        if (auto* res = std::get_if<response>(&who)) return std::move(*res);
        if (admin) {
            if (const std::string* name = t.param("name")) {
                auto x = call([&] { return backend_->tenant_by_name(*name); });
                return x ? document(bhttp::status::ok, *x, m) : backend_fault(x.error(), m);
            }
            auto x = call([&] { return backend_->list_tenants(); });
            return x ? document(bhttp::status::ok, *x, m) : backend_fault(x.error(), m);
        }
        auto x = call([&] { return backend_->tenants_for_token(auth_token(req)); });
        if (!x && x.error().kind == fault_kind::item_not_found)
            return make_fault_response(401, std::string(unauthorized_message), m);
        return x ? document(bhttp::status::ok, *x, m) : backend_fault(x.error(), m);
    }
    default: break;
    }
    // Everything else is the admin API.
    auto who = caller(req, m, true);
    if (auto* res = std::get_if<response>(&who)) return std::move(*res);
    switch (r.id) {
    case route::token: {
        const std::string& id = r.params[0];
        if (req.method() == bhttp::verb::delete_) {
            auto x = call([&] { return backend_->revoke_token(id); });
            if (!x) return backend_fault(not_found_as(x.error(), "Could not find token."), m);
            response res{bhttp::status::no_content, 11};
            return res;
        }
        auto x = call([&]() -> result<access_ptr> {
            auto doc = backend_->validate_token(id);
            if (doc && !*doc)
                return backend_error(fault_kind::service_unavailable, "The identity store is unavailable.");
            return doc;
        });
        if (!x) return backend_fault(not_found_as(x.error(), "Could not find token."), m);
        if (const std::string* belongs = t.param("belongsTo")) {
            const auto& scope = (*x)->token.tenant;
            const bool ok = scope && scope->id && *scope->id == *belongs;
            if (!ok) return make_fault_response(404, "Could not find token.", m);
        }
        response res = document(bhttp::status::ok, **x, m);
        res.set(bhttp::field::cache_control, "no-store");
        return res;
    }
    case route::token_endpoints: {
        auto x = call([&] { return backend_->token_endpoints(r.params[0]); });
        if (!x) return backend_fault(not_found_as(x.error(), "Could not find token."), m);
        endpoints e = std::move(*x);
        if (!e.links) e.links.emplace();
        return document(bhttp::status::ok, e, m);
    }
    case route::tenant: {
        auto x = call([&] { return backend_->tenant_by_id(r.params[0]); });
        return x ? document(bhttp::status::ok, *x, m) : backend_fault(x.error(), m);
    }
    case route::users: {
        const std::string* name = t.param("name");
        if (!name) return make_fault_response(400, "The query parameter name is required.", m, "name");
        auto x = call([&] { return backend_->user_by_name(*name); });
        return x ? document(bhttp::status::ok, *x, m) : backend_fault(x.error(), m);
    }
    case route::user: {
        auto x = call([&] { return backend_->user_by_id(r.params[0]); });
        return x ? document(bhttp::status::ok, *x, m) : backend_fault(x.error(), m);
    }
    case route::user_roles: {
        auto x = call([&] { return backend_->user_roles(r.params[0], std::nullopt); });
        return x ? document(bhttp::status::ok, *x, m) : backend_fault(x.error(), m);
    }
    case route::tenant_user_roles: {
        auto x = call([&] { return backend_->user_roles(r.params[1], std::string_view(r.params[0])); });
        return x ? document(bhttp::status::ok, *x, m) : backend_fault(x.error(), m);
    }
    default: break;
    }
    return make_fault_response(404, "The resource could not be found.", m);
}

OPENSTACK_IDENTITY_V2_ASIO_DECL error handler::not_found_as(error e, std::string message) {
    if (e.kind == fault_kind::item_not_found || e.kind == fault_kind::unauthorized) {
        e.kind = fault_kind::item_not_found;
        e.message = std::move(message);
    }
    return e;
}

OPENSTACK_IDENTITY_V2_ASIO_DECL response handler::authenticate(const request& req, http::media m) const {
    std::string_view ct;
    if (auto it = req.find(bhttp::field::content_type); it != req.end())
        ct = std::string_view(it->value().data(), it->value().size());
    const auto in = http::body_media(ct);
    if (!in)
        return make_fault_response(415,
                                   "Unsupported media type: " + std::string(ct) +
                                       " (send application/json or application/xml).",
                                   m);
    const std::string_view body = req.body();
    result<auth> a = *in == http::media::xml ? try_from_xml<auth>(body, opt_.read)
                                             : try_from_json<auth>(body, opt_.read);
    if (!a) {
        const error& e = a.error();
        const int status = http_status(e.kind);
        return make_fault_response(status, e.what(), m, e.path.empty() ? std::nullopt : std::optional(e.path));
    }
    auto x = call([&] { return backend_->authenticate(*a); });
    if (!x) return backend_fault(x.error(), m);
    response res = document(bhttp::status::ok, *x, m);
    res.set(bhttp::field::cache_control, "no-store");
    return res;
}

}  // namespace openstack::identity::v2::asio

#endif
