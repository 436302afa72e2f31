// identity-client: a small command line client for the v2.0 API, in the spirit of the openstack CLI.
//
//   identity-client [options] token issue
//   identity-client [options] token validate ID [--belongs-to TENANT_ID]
//   identity-client [options] catalog list
//   identity-client [options] catalog show TYPE
//   identity-client [options] endpoint get TYPE [--interface public|internal|admin] [--region R] [--name N] [--strict]
//   identity-client [options] tenant list
//   identity-client [options] extension list
//   identity-client [options] version discover
//
// The admin API (an admin token: OS_TOKEN, else a token of the credentials given, on OS_ADMIN_URL):
//   identity-client [options] tenant create NAME [--description D] [--enable|--disable]
//   identity-client [options] tenant set ID [--name N] [--description D] [--enable|--disable]
//   identity-client [options] tenant delete ID
//   identity-client [options] user create NAME [--password P] [--email E] [--tenant T] [--enable|--disable]
//   identity-client [options] user set ID [--name N] [--email E] [--tenant T] [--enable|--disable]
//   identity-client [options] user delete ID
//   identity-client [options] user password ID NEW [--original OLD]
//     (with --original: the user changes their own password, OS-KSCRUD, as OS_USERNAME/OS_PASSWORD)
//   identity-client [options] role create NAME | role delete ID
//   identity-client [options] role add|remove ROLE_ID --user U [--tenant T]  (no --tenant: a global grant)
//   identity-client [options] service create TYPE [--name N] [--description D] | service delete ID
//   identity-client [options] endpoint create SERVICE_ID [--region R] [--publicurl U] [--adminurl U] [--internalurl U]
//   identity-client [options] endpoint delete ID
//   identity-client [options] ec2 credentials create --user U --tenant T
//   identity-client [options] ec2 credentials list --user U
//   identity-client [options] ec2 credentials delete ACCESS --user U
//
// Options (and their environment variables): --os-auth-url (OS_AUTH_URL), --os-username (OS_USERNAME),
// --os-password (OS_PASSWORD), --os-tenant-name (OS_TENANT_NAME), --os-tenant-id (OS_TENANT_ID),
// --os-token (OS_TOKEN), --os-admin-url (OS_ADMIN_URL), -f table|json, --wire json|xml,
// --os-cacert FILE (OS_CACERT), --os-cert FILE, --os-key FILE, --insecure, --timeout SECONDS.
//
// Errors print the fault kind and message on stderr and exit 1 (2 for usage errors).

#include <openstack/identity/v2/asio/client.hpp>
#include <openstack/identity/v2/asio/session.hpp>
#include <openstack/identity/v2/catalog.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace v2 = openstack::identity::v2;
namespace ia = openstack::identity::v2::asio;
namespace json = boost::json;

namespace {

struct usage_error {
    std::string message;
};

struct config {
    std::string auth_url, admin_url, username, password, tenant_name, tenant_id, token;
    std::string format = "table";
    std::string interface = "public";
    std::optional<std::string> region, service_name, belongs_to;
    // The admin commands' options.
    std::optional<std::string> description, user_password, email, user, tenant, publicurl, adminurl, internalurl,
        original;
    std::optional<bool> enabled;
    bool strict = false;
    ia::client_options client;
    std::vector<std::string> args;  // the command and its positional arguments
};

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

config parse(int argc, char** argv) {
    config c;
    c.auth_url = env("OS_AUTH_URL");
    c.admin_url = env("OS_ADMIN_URL");
    c.username = env("OS_USERNAME");
    c.password = env("OS_PASSWORD");
    c.tenant_name = env("OS_TENANT_NAME");
    c.tenant_id = env("OS_TENANT_ID");
    c.token = env("OS_TOKEN");
    c.client.tls.ca_file = env("OS_CACERT");
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        std::string value;
        bool has_value = false;
        if (a.starts_with("--") && a.find('=') != std::string::npos) {
            value = a.substr(a.find('=') + 1);
            a = a.substr(0, a.find('='));
            has_value = true;
        }
        auto next = [&]() -> std::string {
            if (has_value) return value;
            if (i + 1 >= argc) throw usage_error{a + " needs a value"};
            return argv[++i];
        };
        if (a == "--os-auth-url") c.auth_url = next();
        else if (a == "--os-admin-url") c.admin_url = next();
        else if (a == "--os-username") c.username = next();
        else if (a == "--os-password") c.password = next();
        else if (a == "--os-tenant-name") c.tenant_name = next();
        else if (a == "--os-tenant-id") c.tenant_id = next();
        else if (a == "--os-token") c.token = next();
        else if (a == "-f" || a == "--format") c.format = next();
        else if (a == "--wire") {
            const auto w = next();
            if (w != "json" && w != "xml") throw usage_error{"--wire takes json or xml"};
            c.client.format = w == "xml" ? ia::wire_format::xml : ia::wire_format::json;
        } else if (a == "--os-cacert") c.client.tls.ca_file = next();
        else if (a == "--os-cert") c.client.tls.cert_file = next();
        else if (a == "--os-key") c.client.tls.key_file = next();
        else if (a == "--insecure") c.client.tls.insecure = true;
        else if (a == "--timeout") {
            const auto s = std::chrono::seconds(std::stol(next()));
            c.client.request_timeout = s;
            c.client.total_timeout = 4 * s;
        } else if (a == "--interface") c.interface = next();
        else if (a == "--region") c.region = next();
        else if (a == "--name") c.service_name = next();
        else if (a == "--belongs-to") c.belongs_to = next();
        else if (a == "--strict") c.strict = true;
        else if (a == "--description") c.description = next();
        else if (a == "--password") c.user_password = next();
        else if (a == "--email") c.email = next();
        else if (a == "--user") c.user = next();
        else if (a == "--tenant") c.tenant = next();
        else if (a == "--publicurl") c.publicurl = next();
        else if (a == "--adminurl") c.adminurl = next();
        else if (a == "--internalurl") c.internalurl = next();
        else if (a == "--original") c.original = next();
        else if (a == "--enable") c.enabled = true;
        else if (a == "--disable") c.enabled = false;
        else if (a == "-h" || a == "--help") throw usage_error{};
        else if (a.starts_with("-")) throw usage_error{"unknown option " + a};
        else c.args.push_back(a);
    }
    if (c.format != "table" && c.format != "json") throw usage_error{"-f takes table or json"};
    if (c.auth_url.empty()) throw usage_error{"no auth URL: set OS_AUTH_URL or --os-auth-url"};
    return c;
}

// Rows of (column, value), printed as the openstack CLI does, or as JSON.
using row = std::vector<std::pair<std::string, std::string>>;

void print(const config& c, const std::vector<row>& rows, bool single, std::vector<std::string> columns = {}) {
    if (c.format == "json") {
        json::array arr;
        for (const auto& r : rows) {
            json::object o;
            for (const auto& [k, v] : r) o[k] = v;
            arr.push_back(std::move(o));
        }
        if (single && arr.size() == 1) std::cout << json::serialize(arr[0]) << "\n";
        else std::cout << json::serialize(arr) << "\n";
        return;
    }
    auto table = [](const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& body) {
        std::vector<std::size_t> w(head.size());
        for (std::size_t i = 0; i < head.size(); ++i) w[i] = head[i].size();
        for (const auto& r : body)
            for (std::size_t i = 0; i < r.size(); ++i)
                for (std::size_t p = 0, q; p <= r[i].size(); p = q + 1) {
                    q = r[i].find('\n', p);
                    if (q == std::string::npos) q = r[i].size();
                    w[i] = std::max(w[i], q - p);
                }
        auto rule = [&] {
            std::cout << "+";
            for (auto n : w) std::cout << std::string(n + 2, '-') << "+";
            std::cout << "\n";
        };
        auto line = [&](const std::vector<std::string>& cells) {
            std::vector<std::vector<std::string>> parts(cells.size());
            std::size_t lines = 1;
            for (std::size_t i = 0; i < cells.size(); ++i) {
                for (std::size_t p = 0, q; p <= cells[i].size(); p = q + 1) {
                    q = cells[i].find('\n', p);
                    if (q == std::string::npos) q = cells[i].size();
                    parts[i].push_back(cells[i].substr(p, q - p));
                }
                lines = std::max(lines, parts[i].size());
            }
            for (std::size_t l = 0; l < lines; ++l) {
                std::cout << "|";
                for (std::size_t i = 0; i < cells.size(); ++i) {
                    const std::string s = l < parts[i].size() ? parts[i][l] : "";
                    std::cout << " " << s << std::string(w[i] - s.size(), ' ') << " |";
                }
                std::cout << "\n";
            }
        };
        rule();
        line(head);
        rule();
        for (const auto& r : body) line(r);
        rule();
    };
    if (single && rows.size() == 1) {
        std::vector<std::vector<std::string>> body;
        for (const auto& [k, v] : rows[0]) body.push_back({k, v});
        table({"Field", "Value"}, body);
        return;
    }
    std::vector<std::string> head = std::move(columns);
    if (!rows.empty()) {
        head.clear();
        for (const auto& [k, v] : rows[0]) head.push_back(k);
    }
    std::vector<std::vector<std::string>> body;
    for (const auto& r : rows) {
        std::vector<std::string> cells;
        for (const auto& [k, v] : r) cells.push_back(v);
        body.push_back(std::move(cells));
    }
    table(head, body);
}

std::string text(const v2::timestamp& t) {
    std::string s;
    v2::value_traits<v2::timestamp>::format(t, s);
    return s;
}

row token_row(const v2::access& a) {
    row r{{"expires", text(a.token.expires)}, {"id", a.token.id}};
    r.push_back({"tenant_id", a.token.tenant && a.token.tenant->id ? *a.token.tenant->id : ""});
    r.push_back({"user_id", a.user && a.user->id ? *a.user->id : ""});
    return r;
}

std::string endpoints_text(const v2::catalog_entry& s) {
    std::string out;
    for (const auto& e : s.endpoints) {
        const std::string region = e.region.has_value() ? *e.region : std::string();
        for (auto i : {v2::interface_type::public_, v2::interface_type::internal, v2::interface_type::admin}) {
            const auto& u = v2::endpoint_url(e, i);
            if (!u || u->empty()) continue;
            if (!out.empty()) out += "\n";
            out += region + (region.empty() ? "" : " ") + std::string(v2::interface_name(i)) + ": " + *u;
        }
    }
    return out;
}

std::string flag(const std::optional<bool>& b) { return b ? (*b ? "True" : "False") : ""; }

row tenant_row(const v2::tenant& t) {
    return {{"id", t.id.value_or("")},
            {"name", t.name.value_or("")},
            {"description", t.description.has_value() ? *t.description : std::string()},
            {"enabled", flag(t.enabled)}};
}

row user_row(const v2::user& u) {
    return {{"id", u.id.value_or("")},
            {"name", u.name.value_or(u.username.value_or(""))},
            {"email", u.email.value_or("")},
            {"enabled", flag(u.enabled)},
            {"tenant_id", u.tenant_id.value_or("")}};
}

row role_row(const v2::role& r) { return {{"id", r.id.value_or("")}, {"name", r.name.value_or("")}}; }

row service_row(const v2::service& s) {
    return {{"id", s.id.value_or("")},
            {"name", s.name.value_or("")},
            {"type", s.type},
            {"description", s.description.value_or("")}};
}

row endpoint_row(const v2::endpoint_record& e) {
    return {{"id", e.id.value_or("")},
            {"region", e.region.has_value() ? *e.region : std::string()},
            {"service_id", e.service_id},
            {"publicurl", e.public_url.value_or("")},
            {"adminurl", e.admin_url.value_or("")},
            {"internalurl", e.internal_url.value_or("")}};
}

row credential_row(const v2::credential& k) {
    return {{"access", k.access.value_or("")},
            {"secret", k.secret.value_or("")},
            {"tenant_id", k.tenant_id.value_or("")},
            {"user_id", k.user_id.value_or("")}};
}

[[noreturn]] void fail(const ia::client_error& e) {
    if (e.kind) {
        std::cerr << "error: " << v2::fault_name(*e.kind);
        if (e.status) std::cerr << " (HTTP " << e.status << ")";
        std::cerr << ": " << e.message;
        if (e.details && !e.details->empty()) std::cerr << " [" << *e.details << "]";
        std::cerr << "\n";
    } else {
        std::cerr << "error: " << e.code.message() << (e.message.empty() ? "" : ": " + e.message) << "\n";
    }
    std::exit(1);
}

template <class T>
T get(ia::client_result<T> r) {
    if (!r) fail(r.error());
    if constexpr (!std::is_void_v<T>) return std::move(*r);
}

v2::auth credentials(const config& c) {
    ia::tenant_scope scope;
    if (!c.tenant_id.empty()) scope.tenant_id = c.tenant_id;
    if (!c.tenant_name.empty()) scope.tenant_name = c.tenant_name;
    if (!c.username.empty() && !c.password.empty()) return ia::password_auth(c.username, c.password, scope);
    if (!c.token.empty()) return ia::token_auth(c.token, scope);
    throw usage_error{"no credentials: set OS_USERNAME and OS_PASSWORD (or OS_TOKEN)"};
}

// The admin commands: tenant, user, role, service, endpoint create|delete and ec2 credentials.
// false when `c` names none of them.
bool run_admin(const config& c, const ia::client& pub, const ia::client& adm) {
    const auto& a = c.args;
    if (a.size() < 2) return false;
    const std::string what = a[0], verb = a[1];
    auto arity = [&](std::size_t n, const char* form) {
        if (a.size() != n) throw usage_error{std::string(form)};
    };
    auto need = [](const std::optional<std::string>& v, const char* form) -> const std::string& {
        if (!v || v->empty()) throw usage_error{std::string(form)};
        return *v;
    };
    // OS_TOKEN is the admin token; else the token of the credentials given (a user with the admin role).
    std::optional<std::string> admin_token;
    auto admin = [&]() -> std::string {
        if (!admin_token)
            admin_token = !c.token.empty() ? c.token
                                           : get(pub.async_authenticate(credentials(c), ia::use_blocking)).token.id;
        return *admin_token;
    };
    constexpr auto b = ia::use_blocking;
    if (what == "tenant" && (verb == "create" || verb == "set")) {
        const bool create = verb == "create";
        arity(3, create ? "tenant create NAME [--description D] [--enable|--disable]"
                        : "tenant set ID [--name N] [--description D] [--enable|--disable]");
        v2::tenant t;
        if (create) t.name = a[2];
        else if (c.service_name) t.name = c.service_name;
        if (c.description) t.description = *c.description;
        t.enabled = create ? c.enabled.value_or(true) : c.enabled;
        if (!create) t.id = a[2];
        print(c,
              {tenant_row(get(create ? adm.async_create_tenant(admin(), t, b)
                                     : adm.async_update_tenant(admin(), a[2], t, b)))},
              true);
    } else if (what == "tenant" && verb == "delete") {
        arity(3, "tenant delete ID");
        get(adm.async_delete_tenant(admin(), a[2], b));
    } else if (what == "user" && (verb == "create" || verb == "set")) {
        const bool create = verb == "create";
        arity(3, create ? "user create NAME [--password P] [--email E] [--tenant T] [--enable|--disable]"
                        : "user set ID [--name N] [--email E] [--tenant T] [--enable|--disable]");
        v2::user u;
        if (create) u.name = a[2];
        else if (c.service_name) u.name = c.service_name;
        if (create) u.password = c.user_password;
        u.email = c.email;
        u.tenant_id = c.tenant;
        u.enabled = create ? c.enabled.value_or(true) : c.enabled;
        if (!create) u.id = a[2];
        print(c,
              {user_row(get(create ? adm.async_create_user(admin(), u, b)
                                   : adm.async_update_user(admin(), a[2], u, b)))},
              true);
    } else if (what == "user" && verb == "delete") {
        arity(3, "user delete ID");
        get(adm.async_delete_user(admin(), a[2], b));
    } else if (what == "user" && verb == "password") {
        arity(4, "user password ID NEW [--original OLD]");
        if (c.original) {
            // The user's own change: their own token, on the public URL.
            const auto own = get(pub.async_authenticate(credentials(c), b));
            print(c, {token_row(get(pub.async_change_own_password(own.token.id, a[2], *c.original, a[3], b)))}, true);
        } else {
            print(c, {user_row(get(adm.async_set_user_password(admin(), a[2], a[3], b)))}, true);
        }
    } else if (what == "role" && verb == "create") {
        arity(3, "role create NAME");
        print(c, {role_row(get(adm.async_create_role(admin(), v2::role{.name = a[2]}, b)))}, true);
    } else if (what == "role" && verb == "delete") {
        arity(3, "role delete ID");
        get(adm.async_delete_role(admin(), a[2], b));
    } else if (what == "role" && (verb == "add" || verb == "remove")) {
        const char* form = "role add|remove ROLE_ID --user U [--tenant T]";
        arity(3, form);
        const std::string& user_id = need(c.user, form);
        if (verb == "add") get(adm.async_grant_role(admin(), c.tenant, user_id, a[2], b));
        else get(adm.async_revoke_role(admin(), c.tenant, user_id, a[2], b));
    } else if (what == "service" && verb == "create") {
        arity(3, "service create TYPE [--name N] [--description D]");
        v2::service s{.name = c.service_name, .type = a[2], .description = c.description};
        print(c, {service_row(get(adm.async_create_service(admin(), s, b)))}, true);
    } else if (what == "service" && verb == "delete") {
        arity(3, "service delete ID");
        get(adm.async_delete_service(admin(), a[2], b));
    } else if (what == "endpoint" && verb == "create") {
        arity(3, "endpoint create SERVICE_ID [--region R] [--publicurl U] [--adminurl U] [--internalurl U]");
        if (!c.publicurl && !c.adminurl && !c.internalurl)
            throw usage_error{"endpoint create needs at least one of --publicurl, --adminurl, --internalurl"};
        v2::endpoint_record e;
        e.service_id = a[2];
        if (c.region) e.region = *c.region;
        e.public_url = c.publicurl;
        e.admin_url = c.adminurl;
        e.internal_url = c.internalurl;
        print(c, {endpoint_row(get(adm.async_create_endpoint(admin(), e, b)))}, true);
    } else if (what == "endpoint" && verb == "delete") {
        arity(3, "endpoint delete ID");
        get(adm.async_delete_endpoint(admin(), a[2], b));
    } else if (what == "ec2" && verb == "credentials" && a.size() >= 3) {
        const std::string& op = a[2];
        if (op == "create") {
            const char* form = "ec2 credentials create --user U --tenant T";
            arity(3, form);
            const std::string& user_id = need(c.user, form);
            print(c, {credential_row(get(adm.async_create_ec2_credential(admin(), user_id, need(c.tenant, form), b)))},
                  true);
        } else if (op == "list") {
            const char* form = "ec2 credentials list --user U";
            arity(3, form);
            std::vector<row> rows;
            for (const auto& k : get(adm.async_list_ec2_credentials(admin(), need(c.user, form), b)).items)
                rows.push_back(credential_row(k));
            print(c, rows, false, {"access", "secret", "tenant_id", "user_id"});
        } else if (op == "delete") {
            const char* form = "ec2 credentials delete ACCESS --user U";
            arity(4, form);
            get(adm.async_delete_ec2_credential(admin(), need(c.user, form), a[3], b));
        } else {
            throw usage_error{"ec2 credentials create|list|delete"};
        }
    } else {
        return false;
    }
    return true;
}

int run(const config& c) {
    const auto& a = c.args;
    auto is = [&](std::initializer_list<const char*> words) {
        if (a.size() < words.size()) return false;
        std::size_t i = 0;
        for (const char* w : words)
            if (a[i++] != w) return false;
        return true;
    };
    ia::client pub(c.auth_url, c.client);
    ia::client adm(c.admin_url.empty() ? c.auth_url : c.admin_url, c.client);
    if (run_admin(c, pub, adm)) return 0;

    if (is({"token", "issue"})) {
        print(c, {token_row(get(pub.async_authenticate(credentials(c), ia::use_blocking)))}, true);
    } else if (is({"token", "validate"})) {
        if (a.size() != 3) throw usage_error{"token validate ID"};
        // v2.0 validation is for admins (Keystone's policy: admin_required): the admin token if
        // given, else the token of a user who must hold the admin role.
        std::string admin = c.token;
        if (admin.empty()) admin = get(pub.async_authenticate(credentials(c), ia::use_blocking)).token.id;
        auto v = adm.async_validate_token(admin, a[2], c.belongs_to, ia::use_blocking);
        if (!v && (v.error().status == 401 || v.error().status == 403))
            std::cerr << "note: v2.0 token validation needs an admin token: set OS_TOKEN to the service's admin "
                         "token, or authenticate as a user with the admin role, against the admin endpoint "
                         "(OS_ADMIN_URL)\n";
        print(c, {token_row(get(std::move(v)))}, true);
    } else if (is({"catalog", "list"}) || is({"catalog", "show"})) {
        const bool show = a[1] == "show";
        if (show && a.size() != 3) throw usage_error{"catalog show TYPE"};
        const auto acc = get(pub.async_authenticate(credentials(c), ia::use_blocking));
        std::vector<row> rows;
        if (acc.service_catalog)
            for (const auto& s : *acc.service_catalog)
                if (!show || s.type == a[2])
                    rows.push_back({{"Name", s.name.value_or("")}, {"Type", s.type}, {"Endpoints", endpoints_text(s)}});
        if (show && rows.empty()) {
            std::cerr << "error: no service of type " << a[2] << " in the catalog\n";
            return 1;
        }
        print(c, rows, show, {"Name", "Type", "Endpoints"});
    } else if (is({"endpoint", "get"})) {
        if (a.size() != 3) throw usage_error{"endpoint get TYPE [--interface I] [--region R]"};
        v2::endpoint_filter f;
        f.service_type = a[2];
        const auto itf = v2::parse_interface(c.interface);
        if (!itf) throw usage_error{"--interface takes public, internal or admin (or publicURL, ...)"};
        f.interfaces = {*itf};
        f.region = c.region;
        f.service_name = c.service_name;
        f.policy = c.strict ? v2::match_policy::strict : v2::match_policy::first;
        const auto acc = get(pub.async_authenticate(credentials(c), ia::use_blocking));
        auto m = v2::find_endpoint(acc, f);
        if (!m) {
            std::cerr << "error: " << m.error().what() << "\n";
            return 1;
        }
        print(c,
              {{{"type", f.service_type},
                {"interface", std::string(v2::interface_name(m->interface))},
                {"region", m->region},
                {"url", m->url}}},
              true);
    } else if (is({"tenant", "list"})) {
        // With only a token, list that token's tenants; else authenticate first.
        std::string tok = (c.username.empty() || c.password.empty()) ? c.token : std::string();
        if (tok.empty()) tok = get(pub.async_authenticate(credentials(c), ia::use_blocking)).token.id;
        std::vector<row> rows;
        for (const auto& t : get(pub.async_list_tenants(tok, ia::use_blocking)).items)
            rows.push_back({{"ID", t.id.value_or("")},
                            {"Name", t.name.value_or("")},
                            {"Enabled", t.enabled ? (*t.enabled ? "True" : "False") : ""}});
        print(c, rows, false, {"ID", "Name", "Enabled"});
    } else if (is({"extension", "list"})) {
        std::vector<row> rows;
        for (const auto& e : get(pub.async_list_extensions(ia::use_blocking)).items)
            rows.push_back({{"Name", e.name}, {"Alias", e.alias}, {"Namespace", e.namespace_}});
        print(c, rows, false, {"Name", "Alias", "Namespace"});
    } else if (is({"version", "discover"})) {
        const auto d = get(pub.async_discover(std::nullopt, ia::use_blocking));
        print(c, {{{"id", d.version.id}, {"status", d.version.status.spelling()}, {"url", d.url}}}, true);
    } else {
        throw usage_error{a.empty() ? "no command" : "unknown command: " + a[0] + (a.size() > 1 ? " " + a[1] : "")};
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(parse(argc, argv));
    } catch (const usage_error& e) {
        if (!e.message.empty()) std::cerr << "identity-client: " << e.message << "\n";
        std::cerr
            << "usage: identity-client [--os-auth-url URL] [--os-username U] [--os-password P]\n"
               "                       [--os-tenant-name N | --os-tenant-id ID] [--os-token T] [--os-admin-url URL]\n"
               "                       [-f table|json] [--wire json|xml] [--os-cacert F] [--os-cert F --os-key F]\n"
               "                       [--insecure] [--timeout S] COMMAND\n"
               "commands: token issue | token validate ID [--belongs-to T] | catalog list | catalog show TYPE |\n"
               "          endpoint get TYPE [--interface I] [--region R] [--name N] [--strict] |\n"
               "          tenant list | extension list | version discover |\n"
               "          tenant create NAME | tenant set ID | tenant delete ID |\n"
               "          user create NAME | user set ID | user delete ID | user password ID NEW [--original OLD] |\n"
               "          role create NAME | role delete ID | role add|remove ROLE_ID --user U [--tenant T] |\n"
               "          service create TYPE | service delete ID |\n"
               "          endpoint create SERVICE_ID --publicurl U ... | endpoint delete ID |\n"
               "          ec2 credentials create --user U --tenant T | ec2 credentials list|delete ... --user U\n"
               "options of these: --name N --description D --password P --email E --tenant T --user U\n"
               "                  --enable --disable --region R --publicurl U --adminurl U --internalurl U\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
}
