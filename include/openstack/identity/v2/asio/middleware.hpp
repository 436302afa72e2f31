#ifndef OPENSTACK_IDENTITY_V2_ASIO_MIDDLEWARE_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_MIDDLEWARE_HPP

// keystonemiddleware's auth_token for Beast: in front of any request handler, it removes every
// identity header the caller sent (a caller must not forge X-Roles), validates X-Auth-Token (or
// X-Storage-Token) and X-Service-Token with a token_validator, then either sets the identity
// headers as auth_token does and calls the handler, or answers:
//   401 + WWW-Authenticate: Keystone uri="..."  no token, or an invalid one (user or service token)
//   403                                          a valid token without an accepted role
//   503                                          the identity service cannot be reached
//   500                                          the validator is misconfigured (not the admin API, not admin
//   credentials)
// In deferred mode (delay_auth_decision) every request goes on, marked X-Identity-Status: Invalid
// when its token is not confirmed: the handler decides. See docs/token-validator.md.
//
// The pieces (strip_identity_headers, set_identity_headers, rejection_status, rejection_response,
// authorize) serve callers that are not a request -> response function, such as a proxy that
// streams bodies.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/asio/token_validator.hpp>
#include <openstack/identity/v2/http.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http.hpp>

#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::asio {

using http_response = bhttp::response<bhttp::string_body>;

// The headers auth_token sets (and so removes from what the caller sent), v2 tokens' subset of
// its _request.py, with the deprecated ones. Every other X-Service-* header is removed too, except
// X-Service-Token, which is the caller's to send.
inline constexpr std::string_view identity_headers[] = {"X-Identity-Status",
                                                        "X-Domain-Id",
                                                        "X-Domain-Name",
                                                        "X-Project-Id",
                                                        "X-Project-Name",
                                                        "X-Project-Domain-Id",
                                                        "X-Project-Domain-Name",
                                                        "X-User-Id",
                                                        "X-User-Name",
                                                        "X-User-Domain-Id",
                                                        "X-User-Domain-Name",
                                                        "X-Roles",
                                                        "X-Service-Catalog",
                                                        "X-Is-Admin-Project",
                                                        "X-Tenant-Id",
                                                        "X-Tenant-Name",
                                                        "X-Tenant",
                                                        "X-User",
                                                        "X-Role",
                                                        "X-Trust-Id",
                                                        "X-Service-Identity-Status"};

inline constexpr std::string_view service_header_prefix = "X-Service-";

// Removes every identity header from `f`.
inline void strip_identity_headers(bhttp::fields& f) {
    for (auto h : identity_headers) f.erase(h);
    for (auto it = f.begin(); it != f.end();) {
        const std::string_view name = it->name_string();
        if (name.size() > service_header_prefix.size() &&
            http::detail::iequals(name.substr(0, service_header_prefix.size()), service_header_prefix) &&
            !http::detail::iequals(name, "X-Service-Token"))
            it = f.erase(it);
        else ++it;
    }
}

// The user's token: X-Auth-Token, or the legacy X-Storage-Token (Swift); empty when neither.
inline std::string request_token(const bhttp::fields& f) {
    if (auto it = f.find("X-Auth-Token"); it != f.end()) return std::string(it->value());
    if (auto it = f.find("X-Storage-Token"); it != f.end()) return std::string(it->value());
    return {};
}

inline std::optional<std::string> request_service_token(const bhttp::fields& f) {
    if (auto it = f.find("X-Service-Token"); it != f.end()) return std::string(it->value());
    return std::nullopt;
}

namespace detail::mw {

inline std::string roles_header(const access& a) {
    std::string out;
    for (const auto& r : roles_of(a)) {
        if (r.name.empty()) continue;
        if (!out.empty()) out += ',';
        out += r.name;
    }
    return out;
}

// The catalog as v2 JSON: the value of "serviceCatalog", a list (empty for an unscoped token).
inline std::string catalog_json(const access& a) {
    std::string out = "[";
    if (a.service_catalog)
        for (const auto& e : *a.service_catalog) {
            if (out.size() > 1) out += ',';
            out += to_json(e);
        }
    out += ']';
    return out;
}

// The headers of one confirmed token, under `prefix` ("X-" or "X-Service-").
inline void set_token_headers(bhttp::fields& f, std::string_view prefix, const access& a) {
    auto put = [&](std::string_view name, std::string_view value) {
        std::string h(prefix);
        h += name;
        f.set(h, value);
    };
    if (a.user) {
        if (a.user->id) put("User-Id", *a.user->id);
        if (a.user->name) put("User-Name", *a.user->name);
        else if (a.user->username) put("User-Name", *a.user->username);
    }
    const std::string_view tenant = tenant_id(a);
    const std::string_view tenant_name = a.token.tenant && a.token.tenant->name
                                             ? std::string_view(*a.token.tenant->name)
                                             : std::string_view();
    if (!tenant.empty()) put("Project-Id", tenant);
    if (!tenant_name.empty()) put("Project-Name", tenant_name);
    put("Roles", roles_header(a));
}

}  // namespace detail::mw

// Sets the identity headers of a validation (after strip_identity_headers): X-Identity-Status
// always, the user's headers when the user token is confirmed, X-Service-Identity-Status and the
// X-Service-* ones when a service token was sent.
inline void set_identity_headers(bhttp::fields& f, const validation& v) {
    const bool user_ok = v.user.status == token_status::confirmed;
    f.set("X-Identity-Status", user_ok ? "Confirmed" : "Invalid");
    if (user_ok) {
        const access& a = *v.user.access;
        detail::mw::set_token_headers(f, "X-", a);
        // The deprecated names (auth_token still sets them).
        if (!tenant_id(a).empty()) {
            f.set("X-Tenant-Id", tenant_id(a));
            f.set("X-Tenant", a.token.tenant->name ? *a.token.tenant->name : std::string(tenant_id(a)));
            if (a.token.tenant->name) f.set("X-Tenant-Name", *a.token.tenant->name);
        }
        if (a.user && a.user->name) f.set("X-User", *a.user->name);
        f.set("X-Role", detail::mw::roles_header(a));
        // v2 has no admin project: every project is one, as auth_token says for v2 tokens.
        f.set("X-Is-Admin-Project", "True");
        f.set("X-Service-Catalog", detail::mw::catalog_json(a));
    }
    if (v.service) {
        const bool ok = v.service->status == token_status::confirmed;
        f.set("X-Service-Identity-Status", ok ? "Confirmed" : "Invalid");
        if (ok) detail::mw::set_token_headers(f, "X-Service-", *v.service->access);
    }
}

// The status a request gets for a validation, or 0 when it goes on (always 0 in deferred mode).
inline unsigned rejection_status(const validation& v, bool delay_auth_decision) {
    if (v.confirmed() || delay_auth_decision) return 0;
    auto rank = [](token_status s) -> unsigned {
        switch (s) {
        case token_status::confirmed: return 0;
        case token_status::misconfigured: return 500;
        case token_status::unavailable: return 503;
        case token_status::forbidden: return 403;
        case token_status::missing:
        case token_status::invalid: return 401;
        }
        return 401;
    };
    const unsigned user = rank(v.user.status);
    unsigned service = v.service ? rank(v.service->status) : 0;
    if (service == 403) service = 401;  // a service token without the service role is not one
    // Whatever stops the service from deciding (500, 503) goes first, then 401, then 403.
    for (unsigned s : {500u, 503u, 401u, 403u})
        if (user == s || service == s) return s;
    return 401;
}

// The answer to a request that does not go on, in the media its Accept asks (JSON by default).
inline http_response rejection_response(unsigned status, std::string_view www_authenticate_uri, std::string_view accept,
                                        unsigned version, bool keep_alive) {
    const http::media m = http::negotiate(accept).value_or(http::media::json);
    std::string message;
    switch (status) {
    case 401: message = "The request you have made requires authentication."; break;
    case 403: message = "You are not authorized to perform the requested action."; break;
    case 503: message = "The Keystone service is temporarily unavailable."; break;
    default: message = "The service cannot validate tokens: its identity settings are wrong."; break;
    }
    http_response res{static_cast<bhttp::status>(status), version};
    res.set(bhttp::field::content_type, http::content_type(m));
    if (status == 401)
        res.set(bhttp::field::www_authenticate, "Keystone uri=\"" + std::string(www_authenticate_uri) + "\"");
    res.body() = http::fault_body(http::make_status_fault(static_cast<int>(status), std::move(message)), m);
    res.keep_alive(keep_alive);
    res.prepare_payload();
    return res;
}

// The whole of it on a request header: strips the identity headers, validates its tokens, sets
// the headers. Returns the answer the request gets instead of going on, if any. `Validator` is
// token_validator: a template parameter so that GCC does not emit the whole validator in every unit
// that includes this header (it instantiates a coroutine template's non-dependent calls at its
// definition).
template <class Validator, class Fields>
net::awaitable<std::optional<http_response>> authorize(const Validator& tv, bhttp::header<true, Fields>& req) {
    std::string token = request_token(req);
    std::optional<std::string> service = request_service_token(req);
    strip_identity_headers(req);
    auto r = co_await tv.async_validate(std::move(token), std::move(service), net::use_awaitable);
    validation v;
    if (r) {
        v = std::move(*r);
    } else {
        v.user.status = token_status::unavailable;
        v.user.reason = r.error().what();
    }
    set_identity_headers(req, v);
    const unsigned status = rejection_status(v, tv.options().delay_auth_decision);
    if (!status) co_return std::nullopt;
    // Keep-alive as Beast's message::keep_alive() reads it, from the header alone.
    bhttp::token_list connection{req[bhttp::field::connection]};  // exists() is not const
    const bool keep_alive = req.version() >= 11 ? !connection.exists("close") : connection.exists("keep-alive");
    co_return rejection_response(status, tv.www_authenticate_uri(), req[bhttp::field::accept], req.version(),
                                 keep_alive);
}

// A request handler behind the middleware. Handler: http_response(bhttp::request<Body>) or
// net::awaitable<http_response>(bhttp::request<Body>).
template <class Handler>
class middleware {
public:
    middleware(token_validator tv, Handler h) : tv_(std::move(tv)), h_(std::move(h)) {}

    const token_validator& validator() const noexcept { return tv_; }

    template <class Body>
    net::awaitable<http_response> operator()(bhttp::request<Body> req) const {
        if (auto answer = co_await authorize(tv_, req.base())) co_return std::move(*answer);
        using result = std::invoke_result_t<const Handler&, bhttp::request<Body>>;
        if constexpr (std::is_same_v<result, net::awaitable<http_response>>) co_return co_await h_(std::move(req));
        else co_return h_(std::move(req));
    }

private:
    token_validator tv_;
    Handler h_;
};

}  // namespace openstack::identity::v2::asio

#endif
