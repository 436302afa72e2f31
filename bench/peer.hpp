// The peer a C++ user would otherwise pick: nlohmann/json with hand-written from_json/to_json
// into structs equivalent to v2::access. Timestamps stay text and nothing is validated, which
// favours the peer.
#ifndef OSI_BENCH_PEER_HPP
#define OSI_BENCH_PEER_HPP

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace peer {

using nlohmann::json;

template <class T>
void opt_from(const json& j, const char* key, std::optional<T>& out) {
    if (auto it = j.find(key); it != j.end() && !it->is_null()) out = it->get<T>();
}
template <class T>
void opt_to(json& j, const char* key, const std::optional<T>& v) {
    if (v) j[key] = *v;
}

struct tenant {
    std::optional<std::string> id, name, description;
    bool description_null = false;
    std::optional<bool> enabled;
};
inline void from_json(const json& j, tenant& t) {
    opt_from(j, "id", t.id);
    opt_from(j, "name", t.name);
    if (auto it = j.find("description"); it != j.end()) {
        if (it->is_null()) t.description_null = true;
        else t.description = it->get<std::string>();
    }
    opt_from(j, "enabled", t.enabled);
}
inline void to_json(json& j, const tenant& t) {
    j = json::object();
    opt_to(j, "id", t.id);
    opt_to(j, "name", t.name);
    if (t.description_null) j["description"] = nullptr;
    else opt_to(j, "description", t.description);
    opt_to(j, "enabled", t.enabled);
}

struct token {
    std::string id;
    std::optional<std::string> issued_at;
    std::string expires;
    std::optional<peer::tenant> tenant;
    std::optional<std::vector<std::string>> audit_ids;
};
inline void from_json(const json& j, token& t) {
    j.at("id").get_to(t.id);
    opt_from(j, "issued_at", t.issued_at);
    j.at("expires").get_to(t.expires);
    opt_from(j, "tenant", t.tenant);
    opt_from(j, "audit_ids", t.audit_ids);
}
inline void to_json(json& j, const token& t) {
    j = json{{"id", t.id}};
    opt_to(j, "issued_at", t.issued_at);
    j["expires"] = t.expires;
    opt_to(j, "tenant", t.tenant);
    opt_to(j, "audit_ids", t.audit_ids);
}

struct link {
    std::string rel;
    std::optional<std::string> type;
    std::string href;
};
inline void from_json(const json& j, link& l) {
    j.at("rel").get_to(l.rel);
    opt_from(j, "type", l.type);
    j.at("href").get_to(l.href);
}
inline void to_json(json& j, const link& l) {
    j = json{{"rel", l.rel}};
    opt_to(j, "type", l.type);
    j["href"] = l.href;
}

struct endpoint {
    std::optional<std::string> id, region, public_url, internal_url, admin_url, tenant_id;
};
inline void from_json(const json& j, endpoint& e) {
    opt_from(j, "id", e.id);
    opt_from(j, "region", e.region);
    opt_from(j, "publicURL", e.public_url);
    opt_from(j, "internalURL", e.internal_url);
    opt_from(j, "adminURL", e.admin_url);
    opt_from(j, "tenantId", e.tenant_id);
}
inline void to_json(json& j, const endpoint& e) {
    j = json::object();
    opt_to(j, "id", e.id);
    opt_to(j, "region", e.region);
    opt_to(j, "publicURL", e.public_url);
    opt_to(j, "internalURL", e.internal_url);
    opt_to(j, "adminURL", e.admin_url);
    opt_to(j, "tenantId", e.tenant_id);
}

struct catalog_entry {
    std::string type;
    std::optional<std::string> name;
    std::vector<endpoint> endpoints;
    std::optional<std::vector<link>> endpoints_links;
};
inline void from_json(const json& j, catalog_entry& c) {
    j.at("type").get_to(c.type);
    opt_from(j, "name", c.name);
    j.at("endpoints").get_to(c.endpoints);
    opt_from(j, "endpoints_links", c.endpoints_links);
}
inline void to_json(json& j, const catalog_entry& c) {
    j = json{{"type", c.type}};
    opt_to(j, "name", c.name);
    j["endpoints"] = c.endpoints;
    opt_to(j, "endpoints_links", c.endpoints_links);
}

struct role {
    std::optional<std::string> id, name, description, service_id, tenant_id;
};
inline void from_json(const json& j, role& r) {
    opt_from(j, "id", r.id);
    opt_from(j, "name", r.name);
    opt_from(j, "description", r.description);
    opt_from(j, "serviceId", r.service_id);
    opt_from(j, "tenantId", r.tenant_id);
}
inline void to_json(json& j, const role& r) {
    j = json::object();
    opt_to(j, "id", r.id);
    opt_to(j, "name", r.name);
    opt_to(j, "description", r.description);
    opt_to(j, "serviceId", r.service_id);
    opt_to(j, "tenantId", r.tenant_id);
}

struct user {
    std::optional<std::string> id, name, username;
    std::optional<std::vector<role>> roles;
    std::optional<std::vector<link>> roles_links;
};
inline void from_json(const json& j, user& u) {
    opt_from(j, "id", u.id);
    opt_from(j, "name", u.name);
    opt_from(j, "username", u.username);
    opt_from(j, "roles", u.roles);
    opt_from(j, "roles_links", u.roles_links);
}
inline void to_json(json& j, const user& u) {
    j = json::object();
    opt_to(j, "id", u.id);
    opt_to(j, "name", u.name);
    opt_to(j, "username", u.username);
    opt_to(j, "roles", u.roles);
    opt_to(j, "roles_links", u.roles_links);
}

struct metadata {
    std::optional<std::int64_t> is_admin;
    std::optional<std::vector<std::string>> roles;
};
inline void from_json(const json& j, metadata& m) {
    opt_from(j, "is_admin", m.is_admin);
    opt_from(j, "roles", m.roles);
}
inline void to_json(json& j, const metadata& m) {
    j = json::object();
    opt_to(j, "is_admin", m.is_admin);
    opt_to(j, "roles", m.roles);
}

struct access {
    peer::token token;
    std::optional<std::vector<catalog_entry>> service_catalog;
    std::optional<peer::user> user;
    std::optional<peer::metadata> metadata;
};
inline void from_json(const json& j, access& a) {
    const json& x = j.at("access");
    x.at("token").get_to(a.token);
    opt_from(x, "serviceCatalog", a.service_catalog);
    opt_from(x, "user", a.user);
    opt_from(x, "metadata", a.metadata);
}
inline void to_json(json& j, const access& a) {
    json x{{"token", a.token}};
    opt_to(x, "serviceCatalog", a.service_catalog);
    opt_to(x, "user", a.user);
    opt_to(x, "metadata", a.metadata);
    j = json{{"access", std::move(x)}};
}

}  // namespace peer

#endif
