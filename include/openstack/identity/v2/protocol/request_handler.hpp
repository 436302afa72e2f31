#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_REQUEST_HANDLER_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_REQUEST_HANDLER_HPP

// The v2.0 protocol as a function: a Beast request in, a Beast response out, no socket.
// Routing (public and admin listeners as Keystone served them), content negotiation, request
// validation, admin checks, faults, status codes and headers. See docs/server.md.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2.hpp>
#include <openstack/identity/v2/protocol/backend.hpp>
#include <openstack/identity/v2/asio/detail/config.hpp>
#include <openstack/identity/v2/http.hpp>
#include <openstack/identity/v2/xml.hpp>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>

#include <array>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

namespace bhttp = boost::beast::http;

using request = bhttp::request<bhttp::string_body>;
using response = bhttp::response<bhttp::string_body>;

// Which of Keystone's two listeners a handler serves.
enum class listener_kind : unsigned char {
    public_api,  // Keystone's port 5000
    admin_api,   // Keystone's port 35357: the public routes plus token validation and lookups
};

struct request_handler_options {
    listener_kind side = listener_kind::public_api;
    // This listener's absolute base URL without a trailing slash ("http://127.0.0.1:5000"): the
    // self links of the version documents are built from it.
    std::string base_url = "http://127.0.0.1:5000";
    // The public listener's URL, for WWW-Authenticate on 401 (defaults to base_url).
    std::string public_url;
    std::size_t body_limit = http::default_body_limit;
    http::fault_options faults{};       // JSON fault dialect (both by default) and XML options
    xml_options xml{};                  // XML response options (Keystone's dialect by default)
    read_options read{};                // how request bodies are read (max_size is body_limit)
    std::vector<extension> extensions;  // what GET /v2.0/extensions lists
    std::string version_status = "stable";
    std::string version_updated = "2014-04-17T00:00:00Z";
};

// The extensions whose routes a listener of request_handler serves, in the documents Keystone's v2
// gave them (its admin_crud, user_crud and ec2 extensions): OS-KSCRUD and OS-EC2 (POST
// /v2.0/ec2tokens) on both listeners, OS-KSADM on the admin one. Clients decide from this list:
// jclouds uses the admin API only where OS-KSADM is listed.
inline std::vector<extension> served_extensions(listener_kind side) {
    auto make = [](std::string_view alias, std::string_view name, std::string_view updated,
                   std::string_view description) {
        extension e;
        e.name = name;
        e.namespace_ = "http://docs.openstack.org/identity/api/ext/" + std::string(alias) + "/v1.0";
        e.alias = alias;
        e.updated.emplace();
        v2::detail::parse_text(updated, *e.updated);
        e.description = std::string(description);
        e.links = {link{.rel = "describedby",
                        .type = std::string("text/html"),
                        .href = "https://github.com/openstack/identity-api"}};
        return e;
    };
    std::vector<extension> out;
    if (side == listener_kind::admin_api)
        out.push_back(make("OS-KSADM", "OpenStack Keystone Admin", "2013-07-11T17:14:00Z",
                           "OpenStack extensions to Keystone v2.0 API enabling Administrative Operations."));
    out.push_back(make("OS-KSCRUD", "OpenStack Keystone User CRUD", "2013-07-07T12:00:00Z",
                       "OpenStack extensions to Keystone v2.0 API enabling User Operations."));
    out.push_back(make("OS-EC2", "OpenStack EC2 API", "2013-07-07T12:00:00Z", "OpenStack EC2 Credentials backend."));
    return out;
}

// The generic texts Keystone sent (details of a 401/403 would help an attacker).
inline constexpr std::string_view unauthorized_message = "The request you have made requires authentication.";
inline constexpr std::string_view forbidden_message = "You are not authorized to perform the requested action.";

class request_handler;

namespace detail {

struct routed;  // a request matched to a row (impl/request_handler.ipp)

// The methods a route answers, a set; Allow lists them in this order.
enum class methods : unsigned char { get = 1, head = 2, post = 4, put = 8, delete_ = 16, patch = 32 };
constexpr methods operator|(methods a, methods b) noexcept {
    return static_cast<methods>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}

// The listeners that serve a route: both, or the admin listener only (404 on the public one),
// where the route answers an admin's token only.
enum class listeners : unsigned char { both, admin };

// A row of the route table. path is matched segment by segment on the decoded target: a {name}
// segment matches any non-empty segment, which the member reads as capture("name"). Rows with
// the same path are one resource: their methods together are its Allow.
struct route {
    methods allow;
    std::string_view path;
    listeners on;
    response (request_handler::*answer)(const routed&) const;
};

// The route table (impl/request_handler.ipp): every route, and all that routing knows.
OPENSTACK_IDENTITY_V2_ASIO_DECL std::span<const route> routes();

}  // namespace detail

class request_handler {
public:
    request_handler(std::shared_ptr<v2::protocol::backend> b, request_handler_options opt);

    const request_handler_options& options() const noexcept { return opt_; }

    // The whole protocol. Never throws for anything a client sends; backend exceptions are 503.
    response handle(const request& req) const;

    // Whether answering req may check or hash a password (POST /v2.0/tokens, a user's creation or
    // password): PBKDF2, tens of milliseconds, which the server runs off its I/O threads.
    static bool checks_password(const request& req);

    // A fault answer for a request whose body was not (fully) read, e.g. 413 from the socket
    // layer or 503 over the connection limit. The connection is to be closed after it.
    response fault_response(int status, std::string message, std::string_view accept, unsigned version = 11,
                            bool head = false) const;

private:
    friend std::span<const detail::route> detail::routes();

    static http::media response_media(const request& req);
    template <class T>
    std::string write(const T& doc, http::media m) const;
    template <class T>
    response document(bhttp::status s, const T& doc, http::media m) const;
    // 200 with the backend's document, or its fault.
    template <class T>
    response reply(const result<T>& x, http::media m) const;
    response make_fault_response(int status, std::string message, http::media m,
                                 std::optional<std::string> details = std::nullopt) const;
    // A backend failure as a fault answer. 5xx-like kinds become 503 without the backend's text
    // for exceptions.
    response backend_fault(const error& e, http::media m) const;
    // Calls the backend; exceptions become service_unavailable.
    template <class F>
    auto call(F&& f) const -> decltype(f());
    static std::string_view auth_token(const request& req);
    // The caller's principal, or the 401/403/503 answer.
    std::variant<principal, response> caller(const request& req, http::media m, bool need_admin) const;
    version version_document() const;
    response dispatch(const request& req, http::media m) const;
    static error not_found_as(error e, std::string message);

    // The routes, one member a row of detail::routes().
    response list_versions(const detail::routed& r) const;
    response show_version(const detail::routed& r) const;
    response list_extensions(const detail::routed& r) const;
    response show_extension(const detail::routed& r) const;
    response authenticate(const detail::routed& r) const;
    response validate_token(const detail::routed& r) const;
    response revoke_token(const detail::routed& r) const;
    response list_token_endpoints(const detail::routed& r) const;
    response list_tenants(const detail::routed& r) const;
    response show_tenant(const detail::routed& r) const;
    response list_tenant_user_roles(const detail::routed& r) const;
    response find_user(const detail::routed& r) const;
    response show_user(const detail::routed& r) const;
    response list_user_roles(const detail::routed& r) const;
    // Administration (OS-KSADM, OS-KSCRUD, OS-EC2).
    response create_tenant(const detail::routed& r) const;
    response update_tenant(const detail::routed& r) const;
    response delete_tenant(const detail::routed& r) const;
    response list_tenant_users(const detail::routed& r) const;
    response create_user(const detail::routed& r) const;
    response update_user(const detail::routed& r) const;
    response delete_user(const detail::routed& r) const;
    response change_own_password(const detail::routed& r) const;
    response list_roles(const detail::routed& r) const;
    response create_role(const detail::routed& r) const;
    response show_role(const detail::routed& r) const;
    response delete_role(const detail::routed& r) const;
    response grant_role(const detail::routed& r) const;
    response revoke_role(const detail::routed& r) const;
    response list_services(const detail::routed& r) const;
    response create_service(const detail::routed& r) const;
    response show_service(const detail::routed& r) const;
    response delete_service(const detail::routed& r) const;
    response list_endpoints(const detail::routed& r) const;
    response create_endpoint(const detail::routed& r) const;
    response delete_endpoint(const detail::routed& r) const;
    response list_ec2_credentials(const detail::routed& r) const;
    response create_ec2_credential(const detail::routed& r) const;
    response show_ec2_credential(const detail::routed& r) const;
    response delete_ec2_credential(const detail::routed& r) const;
    response ec2_authenticate(const detail::routed& r) const;

    // f(T&) with the request's body read as a T (JSON or XML by Content-Type), or the 400/415
    // answer of a body that is not one.
    template <class T, class F>
    response with_body(const detail::routed& r, F&& f) const;
    // 200 with a new token's access document (Cache-Control: no-store), or the backend's fault.
    response token_reply(const result<access>& x, http::media m) const;
    // 204, or the backend's fault.
    response done(const result<void>& x, http::media m) const;

    std::shared_ptr<v2::protocol::backend> backend_;
    request_handler_options opt_;
};

}  // namespace openstack::identity::v2::protocol

#if OPENSTACK_IDENTITY_V2_ASIO_DEFINITIONS
#include <openstack/identity/v2/protocol/impl/request_handler.ipp>
#endif

#endif
