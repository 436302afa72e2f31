#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_SQL_STORE_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_SQL_STORE_HPP

// The store in SQL (SQLite or PostgreSQL, protocol/sql.hpp), which several server instances can
// share: Keystone's tables, simplified to what v2.0 keeps.
//
//   migration(version)                               the schema versions applied
//   tenant(id, name unique, description, enabled, seq)
//   "user"(id, name unique, email, enabled, tenant_id, password)   password: its hash's text form
//   role(id, name unique, seq)
//   assignment(user_id, tenant_id, role_id)          tenant_id NULL: a global role; unique
//   catalog(seq, entry, id unique, description)      one service as the library's JSON
//   ec2_credential(access, secret, user_id, tenant_id)
//   token(digest, user_id, tenant_id, issued, expires, audit_ids)
//   revocation_event(audit_id, user_id, tenant_id, issued_before, revoked_at)
//
// Times are integer microseconds since the epoch (a time_point is kept to the microsecond,
// rounded down); booleans are integers 0 and 1; seq is the order of creation, which lists and
// roles follow. A token's digest is the lower-case hex of the token_key; its audit ids a JSON
// array.
//
// The catalog is kept whole, one row of JSON per service, rather than as service and endpoint
// tables: the store reads all of it for a token (the backend substitutes the templates per
// token), and the JSON carries every member the model has (regions, version fields, members
// kept from a configuration) without a column for each. OS-KSADM's endpoint writes rewrite their
// service's row, in a transaction that locks it first.
//
// The schema is versioned (sql::migrations): db_sync() applies the missing versions in order,
// each in a transaction, and does nothing on a database that is up to date. sql_store::open()
// takes only a database at this code's version: older, it asks for db_sync; newer (written by a
// later release), it refuses.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/json.hpp>
#include <openstack/identity/v2/model.hpp>
#include <openstack/identity/v2/protocol/crypto.hpp>
#include <openstack/identity/v2/protocol/memory_store.hpp>
#include <openstack/identity/v2/protocol/sql.hpp>
#include <openstack/identity/v2/protocol/store.hpp>

#include <boost/json.hpp>

#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol {

namespace sql {

// A schema version: statements without parameters, in SQL that both engines read.
struct migration {
    int version;
    std::string_view script;
};

inline constexpr migration migrations[] = {
    {1, R"sql(
CREATE TABLE tenant (
    id text PRIMARY KEY,
    name text NOT NULL UNIQUE,
    description text,
    enabled integer NOT NULL,
    seq bigint NOT NULL UNIQUE
);
CREATE TABLE "user" (
    id text PRIMARY KEY,
    name text NOT NULL UNIQUE,
    email text,
    enabled integer NOT NULL,
    tenant_id text,
    password text NOT NULL
);
CREATE TABLE role (
    id text PRIMARY KEY,
    name text NOT NULL UNIQUE,
    seq bigint NOT NULL UNIQUE
);
CREATE TABLE assignment (
    user_id text NOT NULL REFERENCES "user" (id),
    tenant_id text REFERENCES tenant (id),
    role_id text NOT NULL REFERENCES role (id)
);
-- NULLs are distinct in a unique constraint: a global role is unique through coalesce.
CREATE UNIQUE INDEX assignment_unique ON assignment (user_id, coalesce(tenant_id, ''), role_id);
CREATE TABLE catalog (
    seq bigint PRIMARY KEY,
    entry text NOT NULL
);
CREATE TABLE token (
    digest text PRIMARY KEY,
    user_id text NOT NULL,
    tenant_id text,
    issued bigint NOT NULL,
    expires bigint NOT NULL,
    audit_ids text NOT NULL
);
CREATE INDEX token_expires ON token (expires);
CREATE INDEX token_user ON token (user_id, issued);
CREATE TABLE revocation_event (
    audit_id text,
    user_id text,
    tenant_id text,
    issued_before bigint NOT NULL,
    revoked_at bigint NOT NULL
);
CREATE INDEX revocation_event_revoked_at ON revocation_event (revoked_at);
)sql"},
    // OS-KSADM names services by id; OS-EC2 keeps credentials.
    {2, R"sql(
ALTER TABLE catalog ADD COLUMN id text;
ALTER TABLE catalog ADD COLUMN description text;
UPDATE catalog SET id = CAST(seq AS text);
CREATE UNIQUE INDEX catalog_id ON catalog (id);
CREATE TABLE ec2_credential (
    access text PRIMARY KEY,
    secret text NOT NULL,
    user_id text NOT NULL,
    tenant_id text NOT NULL
);
CREATE INDEX ec2_credential_user ON ec2_credential (user_id);
)sql"},
};

inline constexpr int latest_version = migrations[std::size(migrations) - 1].version;

// The database's schema version: 0 when it has none yet.
inline result<int> schema_version(pool& p) {
    return p.with([](connection& c) -> result<int> {
        auto t = c.query(c.kind() == engine::sqlite
                             ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'migration'"
                             : "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = "
                               "'migration'");
        if (!t) return t.error();
        if (t->rows.empty() || t->rows[0][0] == "0") return 0;
        auto v = c.query("SELECT max(version) FROM migration");
        if (!v) return v.error();
        if (v->rows.empty() || !v->rows[0][0]) return 0;
        int n = 0;
        const std::string& s = *v->rows[0][0];
        if (std::from_chars(s.data(), s.data() + s.size(), n).ec != std::errc{})
            return unavailable("the migration table holds an unreadable version");
        return n;
    });
}

inline error newer_schema(int version) {
    return unavailable("the database's schema is version " + std::to_string(version) + ", newer than this program's (" +
                       std::to_string(latest_version) + ")");
}

// Brings the database to latest_version; answers it.
inline result<int> db_sync(pool& p) {
    auto made = p.with([](connection& c) {
        return c.script("CREATE TABLE IF NOT EXISTS migration (version integer PRIMARY KEY)");
    });
    if (!made) return made.error();
    auto v = schema_version(p);
    if (!v) return v.error();
    if (*v > latest_version) return newer_schema(*v);
    for (const migration& m : migrations) {
        if (m.version <= *v) continue;
        // The version's row first: a second db_sync at the same time fails on it (after waiting
        // for this one), finds the version applied and goes on.
        auto r = p.transact([&](connection& c) -> result<void> {
            if (auto x = c.query("INSERT INTO migration (version) VALUES ($1)", {m.version}); !x) return x.error();
            return c.script(m.script);
        });
        if (!r) {
            auto now = schema_version(p);
            if (!now || *now < m.version) return r.error();
        }
    }
    return latest_version;
}

}  // namespace sql

class sql_store final : public store {
public:
    // A store on the pool's database, which must be at sql::latest_version.
    static result<std::unique_ptr<sql_store>> open(std::shared_ptr<sql::pool> p) {
        auto v = sql::schema_version(*p);
        if (!v) return v.error();
        if (*v > sql::latest_version) return sql::newer_schema(*v);
        if (*v < sql::latest_version)
            return sql::unavailable("the database's schema is version " + std::to_string(*v) + ", this program's " +
                                    std::to_string(sql::latest_version) + ": run db_sync");
        return std::unique_ptr<sql_store>(new sql_store(std::move(p)));
    }
    static result<std::unique_ptr<sql_store>> open(std::string url, sql::pool_options o = {}) {
        auto p = sql::pool::open(std::move(url), o);
        if (!p) return p.error();
        return open(std::move(*p));
    }

    // Loads a configuration's tenants, roles, users, assignments and catalog into a database
    // that holds none of them, in one transaction, and answers true. A database that holds any
    // is left as it is: false. So every server of a deployment may bootstrap from the same file
    // at start: the first one loads it.
    result<bool> bootstrap(const memory_config& cfg) {
        auto r = pool_->transact([&](sql::connection& c) -> result<bool> {
            auto e = empty(c);
            if (!e || !*e) return e;
            for (std::size_t i = 0; i < cfg.tenants.size(); ++i) {
                const tenant& t = cfg.tenants[i];
                auto x = c.query("INSERT INTO tenant (id, name, description, enabled, seq) VALUES ($1, $2, $3, $4, $5)",
                                 {t.id, t.name, t.description ? sql::param(*t.description) : std::nullopt,
                                  t.enabled.value_or(true), i});
                if (!x) return x.error();
            }
            for (std::size_t i = 0; i < cfg.roles.size(); ++i) {
                const role& ro = cfg.roles[i];
                auto x = c.query("INSERT INTO role (id, name, seq) VALUES ($1, $2, $3)", {ro.id, ro.name, i});
                if (!x) return x.error();
            }
            for (const stored_user& u : cfg.users) {
                auto x = c.query(
                    "INSERT INTO \"user\" (id, name, email, enabled, tenant_id, password) VALUES ($1, $2, $3, $4, $5, "
                    "$6)",
                    {u.id, u.name, u.email, u.enabled, u.tenant_id, crypto::format_password_hash(u.password)});
                if (!x) return x.error();
            }
            // A configuration may name a role twice.
            for (const assignment& a : cfg.assignments) {
                auto x = c.query(
                    "INSERT INTO assignment (user_id, tenant_id, role_id) VALUES ($1, $2, $3) "
                    "ON CONFLICT DO NOTHING",
                    {a.user_id, a.tenant_id, a.role_id});
                if (!x) return x.error();
            }
            const auto services = services_of(cfg.catalog);
            for (std::size_t i = 0; i < services.size(); ++i) {
                auto x = c.query("INSERT INTO catalog (seq, entry, id, description) VALUES ($1, $2, $3, $4)",
                                 {i, to_json(services[i].entry), services[i].id, services[i].description});
                if (!x) return x.error();
            }
            return true;
        });
        if (r) return r;
        // Another server bootstrapping at the same time won (PostgreSQL: this one's rows waited
        // for its commit, then collided with them).
        auto e = pool_->with([](sql::connection& c) { return empty(c); });
        if (e && !*e) return false;
        return r;
    }

    result<std::optional<stored_user>> user_by_id(std::string_view id) override {
        return user_where("SELECT id, name, email, enabled, tenant_id, password FROM \"user\" WHERE id = $1", id);
    }
    result<std::optional<stored_user>> user_by_name(std::string_view name) override {
        return user_where("SELECT id, name, email, enabled, tenant_id, password FROM \"user\" WHERE name = $1", name);
    }

    result<std::optional<tenant>> tenant_by_id(std::string_view id) override {
        return first(tenants_where("SELECT id, name, description, enabled FROM tenant WHERE id = $1", {id}));
    }
    result<std::optional<tenant>> tenant_by_name(std::string_view name) override {
        return first(tenants_where("SELECT id, name, description, enabled FROM tenant WHERE name = $1", {name}));
    }
    result<std::vector<tenant>> list_tenants() override {
        return tenants_where("SELECT id, name, description, enabled FROM tenant ORDER BY seq", {});
    }

    result<std::vector<role>> roles_of(std::string_view user_id, std::optional<std::string_view> tenant_id) override {
        return pool_->with([&](sql::connection& c) -> result<std::vector<role>> {
            auto r = tenant_id ? c.query(
                                     "SELECT id, name FROM role r WHERE EXISTS (SELECT 1 FROM assignment a "
                                     "WHERE a.role_id = r.id AND a.user_id = $1 AND a.tenant_id = $2) ORDER BY seq",
                                     {user_id, *tenant_id})
                               : c.query(
                                     "SELECT id, name FROM role r WHERE EXISTS (SELECT 1 FROM assignment a "
                                     "WHERE a.role_id = r.id AND a.user_id = $1 AND a.tenant_id IS NULL) ORDER BY seq",
                                     {user_id});
            if (!r) return r.error();
            std::vector<role> out;
            for (auto& x : r->rows) out.push_back(role{.id = std::move(x[0]), .name = std::move(x[1])});
            return out;
        });
    }

    result<std::vector<tenant>> tenants_of(std::string_view user_id) override {
        return tenants_where(
            "SELECT id, name, description, enabled FROM tenant t WHERE enabled = 1 AND EXISTS "
            "(SELECT 1 FROM assignment a WHERE a.tenant_id = t.id AND a.user_id = $1) ORDER BY seq",
            {user_id});
    }

    result<std::vector<catalog_entry>> catalog() override {
        return pool_->with([&](sql::connection& c) -> result<std::vector<catalog_entry>> {
            auto r = c.query("SELECT entry FROM catalog ORDER BY seq");
            if (!r) return r.error();
            std::vector<catalog_entry> out;
            for (auto& x : r->rows) {
                auto e = try_from_json<catalog_entry>(x[0].value_or(""), {.unknown = unknown_policy::keep});
                if (!e) return unreadable("catalog entry");
                out.push_back(std::move(*e));
            }
            return out;
        });
    }

    result<void> create_tenant(const tenant& t) override {
        return pool_->transact([&](sql::connection& c) -> result<void> {
            auto taken = c.query("SELECT 1 FROM tenant WHERE id = $1 OR name = $2", {t.id, t.name});
            if (!taken) return taken.error();
            if (!taken->rows.empty())
                return conflict("Conflict occurred attempting to store tenant - Duplicate entry.");
            auto seq = next_seq(c, "SELECT coalesce(max(seq), -1) + 1 FROM tenant");
            if (!seq) return seq.error();
            auto x = c.query("INSERT INTO tenant (id, name, description, enabled, seq) VALUES ($1, $2, $3, $4, $5)",
                             {t.id, t.name, t.description ? sql::param(*t.description) : std::nullopt,
                              t.enabled.value_or(true), *seq});
            if (!x) return x.error();
            return {};
        });
    }
    result<bool> update_tenant(const tenant& t) override {
        return pool_->transact([&](sql::connection& c) -> result<bool> {
            auto taken = c.query("SELECT 1 FROM tenant WHERE id <> $1 AND name = $2", {t.id, t.name});
            if (!taken) return taken.error();
            if (!taken->rows.empty())
                return conflict("Conflict occurred attempting to store tenant - Duplicate entry.");
            auto x = c.query("UPDATE tenant SET name = $2, description = $3, enabled = $4 WHERE id = $1",
                             {t.id, t.name, t.description ? sql::param(*t.description) : std::nullopt,
                              t.enabled.value_or(true)});
            if (!x) return x.error();
            return x->changed > 0;
        });
    }
    result<bool> delete_tenant(std::string_view id) override {
        return delete_with({"DELETE FROM assignment WHERE tenant_id = $1", "DELETE FROM tenant WHERE id = $1"}, id);
    }

    result<std::vector<stored_user>> list_users() override {
        return users_where("SELECT id, name, email, enabled, tenant_id, password FROM \"user\" ORDER BY name", {});
    }
    result<std::vector<stored_user>> users_of(std::string_view tenant_id) override {
        return users_where(
            "SELECT id, name, email, enabled, tenant_id, password FROM \"user\" u WHERE EXISTS "
            "(SELECT 1 FROM assignment a WHERE a.user_id = u.id AND a.tenant_id = $1) ORDER BY name",
            {tenant_id});
    }
    result<void> create_user(const stored_user& u) override {
        return pool_->transact([&](sql::connection& c) -> result<void> {
            auto taken = c.query("SELECT 1 FROM \"user\" WHERE id = $1 OR name = $2", {u.id, u.name});
            if (!taken) return taken.error();
            if (!taken->rows.empty()) return conflict("Conflict occurred attempting to store user - Duplicate entry.");
            auto x = c.query(
                "INSERT INTO \"user\" (id, name, email, enabled, tenant_id, password) VALUES ($1, $2, $3, $4, $5, $6)",
                {u.id, u.name, u.email, u.enabled, u.tenant_id, crypto::format_password_hash(u.password)});
            if (!x) return x.error();
            return {};
        });
    }
    result<bool> update_user(const stored_user& u) override {
        return pool_->transact([&](sql::connection& c) -> result<bool> {
            auto taken = c.query("SELECT 1 FROM \"user\" WHERE id <> $1 AND name = $2", {u.id, u.name});
            if (!taken) return taken.error();
            if (!taken->rows.empty()) return conflict("Conflict occurred attempting to store user - Duplicate entry.");
            auto x = c.query(
                "UPDATE \"user\" SET name = $2, email = $3, enabled = $4, tenant_id = $5, password = $6 WHERE id = $1",
                {u.id, u.name, u.email, u.enabled, u.tenant_id, crypto::format_password_hash(u.password)});
            if (!x) return x.error();
            return x->changed > 0;
        });
    }
    result<bool> delete_user(std::string_view id) override {
        return delete_with({"DELETE FROM assignment WHERE user_id = $1",
                            "DELETE FROM ec2_credential WHERE user_id = $1", "DELETE FROM \"user\" WHERE id = $1"},
                           id);
    }

    result<std::vector<role>> list_roles() override {
        return pool_->with([&](sql::connection& c) -> result<std::vector<role>> {
            auto r = c.query("SELECT id, name FROM role ORDER BY seq");
            if (!r) return r.error();
            std::vector<role> out;
            for (auto& x : r->rows) out.push_back(role{.id = std::move(x[0]), .name = std::move(x[1])});
            return out;
        });
    }
    result<void> create_role(const role& ro) override {
        return pool_->transact([&](sql::connection& c) -> result<void> {
            auto taken = c.query("SELECT 1 FROM role WHERE id = $1 OR name = $2", {ro.id, ro.name});
            if (!taken) return taken.error();
            if (!taken->rows.empty()) return conflict("Conflict occurred attempting to store role - Duplicate entry.");
            auto seq = next_seq(c, "SELECT coalesce(max(seq), -1) + 1 FROM role");
            if (!seq) return seq.error();
            auto x = c.query("INSERT INTO role (id, name, seq) VALUES ($1, $2, $3)", {ro.id, ro.name, *seq});
            if (!x) return x.error();
            return {};
        });
    }
    result<bool> delete_role(std::string_view id) override {
        return delete_with({"DELETE FROM assignment WHERE role_id = $1", "DELETE FROM role WHERE id = $1"}, id);
    }
    result<bool> grant(const assignment& a) override {
        return pool_->with([&](sql::connection& c) -> result<bool> {
            auto x = c.query(
                "INSERT INTO assignment (user_id, tenant_id, role_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                {a.user_id, a.tenant_id, a.role_id});
            if (!x) return x.error();
            return x->changed > 0;
        });
    }
    result<bool> revoke(const assignment& a) override {
        return pool_->with([&](sql::connection& c) -> result<bool> {
            auto x = a.tenant_id
                         ? c.query("DELETE FROM assignment WHERE user_id = $1 AND tenant_id = $2 AND role_id = $3",
                                   {a.user_id, *a.tenant_id, a.role_id})
                         : c.query("DELETE FROM assignment WHERE user_id = $1 AND tenant_id IS NULL AND role_id = $2",
                                   {a.user_id, a.role_id});
            if (!x) return x.error();
            return x->changed > 0;
        });
    }

    result<std::vector<stored_service>> list_services() override {
        return pool_->with([&](sql::connection& c) { return services(c); });
    }
    result<void> create_service(const stored_service& s) override {
        return pool_->transact([&](sql::connection& c) -> result<void> {
            auto taken = c.query("SELECT 1 FROM catalog WHERE id = $1", {s.id});
            if (!taken) return taken.error();
            if (!taken->rows.empty())
                return conflict("Conflict occurred attempting to store service - Duplicate entry.");
            auto seq = next_seq(c, "SELECT coalesce(max(seq), -1) + 1 FROM catalog");
            if (!seq) return seq.error();
            auto x = c.query("INSERT INTO catalog (seq, entry, id, description) VALUES ($1, $2, $3, $4)",
                             {*seq, to_json(s.entry), s.id, s.description});
            if (!x) return x.error();
            return {};
        });
    }
    result<bool> delete_service(std::string_view id) override {
        return delete_with({"DELETE FROM catalog WHERE id = $1"}, id);
    }
    result<bool> add_endpoint(std::string_view service_id, const endpoint& e) override {
        return pool_->transact([&](sql::connection& c) -> result<bool> {
            // Every row locked (PostgreSQL; SQLite's transaction holds the write lock): endpoint
            // ids are unique over all services, and the row is rewritten from what was read.
            if (auto l = c.query("UPDATE catalog SET entry = entry"); !l) return l.error();
            auto all = services(c);
            if (!all) return all.error();
            for (const auto& s : *all)
                for (const auto& x : s.entry.endpoints)
                    if (x.id == e.id)
                        return conflict("Conflict occurred attempting to store endpoint - Duplicate entry.");
            for (auto& s : *all)
                if (s.id == service_id) {
                    s.entry.endpoints.push_back(e);
                    return rewrite(c, s);
                }
            return false;
        });
    }
    result<bool> delete_endpoint(std::string_view id) override {
        return pool_->transact([&](sql::connection& c) -> result<bool> {
            if (auto l = c.query("UPDATE catalog SET entry = entry"); !l) return l.error();
            auto all = services(c);
            if (!all) return all.error();
            for (auto& s : *all)
                if (std::erase_if(s.entry.endpoints, [&](const endpoint& x) { return x.id == id; }))
                    return rewrite(c, s);
            return false;
        });
    }

    result<void> create_ec2(const ec2_record& e) override {
        return pool_->transact([&](sql::connection& c) -> result<void> {
            auto taken = c.query("SELECT 1 FROM ec2_credential WHERE access = $1", {e.access});
            if (!taken) return taken.error();
            if (!taken->rows.empty())
                return conflict("Conflict occurred attempting to store credential - Duplicate entry.");
            auto x = c.query("INSERT INTO ec2_credential (access, secret, user_id, tenant_id) VALUES ($1, $2, $3, $4)",
                             {e.access, e.secret, e.user_id, e.tenant_id});
            if (!x) return x.error();
            return {};
        });
    }
    result<std::optional<ec2_record>> ec2_by_access(std::string_view access) override {
        auto r = ec2_where("SELECT access, secret, user_id, tenant_id FROM ec2_credential WHERE access = $1", access);
        if (!r) return r.error();
        if (r->empty()) return std::nullopt;
        return std::move(r->front());
    }
    result<std::vector<ec2_record>> ec2_of(std::string_view user_id) override {
        return ec2_where(
            "SELECT access, secret, user_id, tenant_id FROM ec2_credential WHERE user_id = $1 ORDER BY access",
            user_id);
    }
    result<bool> delete_ec2(std::string_view access) override {
        return delete_with({"DELETE FROM ec2_credential WHERE access = $1"}, access);
    }

    // The cap counts the tokens live at t.issued. Under PostgreSQL's read committed isolation,
    // tokens of one user put at the same moment do not see each other before they commit: the
    // user may hold a few over the cap, until the next put.
    result<void> put_token(const token_key& key, const token_record& t, std::size_t max_per_user) override {
        const std::string digest = hex(key);
        boost::json::array audit;
        for (const auto& a : t.audit_ids) audit.emplace_back(a);
        const std::string audit_ids = boost::json::serialize(audit);
        return pool_->transact([&](sql::connection& c) -> result<void> {
            auto x = c.query(
                "INSERT INTO token (digest, user_id, tenant_id, issued, expires, audit_ids) "
                "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (digest) DO UPDATE SET "
                "user_id = excluded.user_id, tenant_id = excluded.tenant_id, issued = excluded.issued, "
                "expires = excluded.expires, audit_ids = excluded.audit_ids",
                {digest, t.user_id, t.tenant_id, micros(t.issued), micros(t.expires), audit_ids});
            if (!x) return x.error();
            auto y = c.query(
                "DELETE FROM token WHERE user_id = $1 AND expires > $2 AND digest NOT IN "
                "(SELECT digest FROM token WHERE user_id = $1 AND expires > $2 "
                "ORDER BY issued DESC, digest DESC LIMIT $3)",
                {t.user_id, micros(t.issued), max_per_user});
            if (!y) return y.error();
            return {};
        });
    }

    result<std::optional<token_record>> find_token(const token_key& key, time_point now) override {
        return pool_->with([&](sql::connection& c) -> result<std::optional<token_record>> {
            auto r = c.query(
                "SELECT user_id, tenant_id, issued, expires, audit_ids FROM token "
                "WHERE digest = $1 AND expires > $2",
                {hex(key), micros(now)});
            if (!r) return r.error();
            if (r->rows.empty()) return std::nullopt;
            auto& x = r->rows[0];
            token_record t;
            t.user_id = x[0].value_or("");
            t.tenant_id = std::move(x[1]);
            auto issued = integer(x[2]), expires = integer(x[3]);
            boost::system::error_code ec;
            const auto audit = boost::json::parse(x[4].value_or(""), ec);
            if (!issued || !expires || ec || !audit.is_array()) return unreadable("token");
            t.issued = from_micros(*issued);
            t.expires = from_micros(*expires);
            for (const auto& a : audit.get_array()) {
                if (!a.is_string()) return unreadable("token");
                t.audit_ids.emplace_back(a.get_string());
            }
            return t;
        });
    }

    result<bool> erase_token(const token_key& key) override {
        return pool_->with([&](sql::connection& c) -> result<bool> {
            auto r = c.query("DELETE FROM token WHERE digest = $1", {hex(key)});
            if (!r) return r.error();
            return r->changed > 0;
        });
    }

    result<std::size_t> purge_tokens(time_point now) override {
        return changed("DELETE FROM token WHERE expires <= $1", micros(now));
    }

    result<void> add_revocation(const revocation_event& e) override {
        return pool_->with([&](sql::connection& c) -> result<void> {
            auto r = c.query(
                "INSERT INTO revocation_event (audit_id, user_id, tenant_id, issued_before, revoked_at) "
                "VALUES ($1, $2, $3, $4, $5)",
                {e.audit_id, e.user_id, e.tenant_id, micros(e.issued_before), micros(e.revoked_at)});
            if (!r) return r.error();
            return {};
        });
    }

    result<std::vector<revocation_event>> revocations(time_point since) override {
        return pool_->with([&](sql::connection& c) -> result<std::vector<revocation_event>> {
            auto r = c.query(
                "SELECT audit_id, user_id, tenant_id, issued_before, revoked_at FROM revocation_event "
                "WHERE revoked_at >= $1 ORDER BY revoked_at, issued_before",
                {micros(since)});
            if (!r) return r.error();
            std::vector<revocation_event> out;
            for (auto& x : r->rows) {
                auto before = integer(x[3]), at = integer(x[4]);
                if (!before || !at) return unreadable("revocation event");
                out.push_back({.audit_id = std::move(x[0]),
                               .user_id = std::move(x[1]),
                               .tenant_id = std::move(x[2]),
                               .issued_before = from_micros(*before),
                               .revoked_at = from_micros(*at)});
            }
            return out;
        });
    }

    result<std::size_t> prune_revocations(time_point before) override {
        return changed("DELETE FROM revocation_event WHERE revoked_at < $1", micros(before));
    }

private:
    explicit sql_store(std::shared_ptr<sql::pool> p) : pool_(std::move(p)) {}

    static error unreadable(std::string_view what) {
        return sql::unavailable("the database holds an unreadable " + std::string(what));
    }

    static std::int64_t micros(time_point t) {
        return std::chrono::floor<std::chrono::microseconds>(t.time_since_epoch()).count();
    }
    static time_point from_micros(std::int64_t v) { return time_point(std::chrono::microseconds(v)); }
    static std::string hex(const token_key& k) { return crypto::to_hex(k.data(), k.size()); }

    static std::optional<std::int64_t> integer(const std::optional<std::string>& s) {
        std::int64_t v = 0;
        if (!s || std::from_chars(s->data(), s->data() + s->size(), v).ec != std::errc{}) return std::nullopt;
        return v;
    }

    static result<bool> empty(sql::connection& c) {
        auto r = c.query(
            "SELECT (SELECT count(*) FROM tenant) + (SELECT count(*) FROM \"user\") + "
            "(SELECT count(*) FROM role) + (SELECT count(*) FROM catalog)");
        if (!r) return r.error();
        return !r->rows.empty() && r->rows[0][0] == "0";
    }

    result<std::optional<stored_user>> user_where(std::string_view sql, std::string_view key) {
        auto r = users_where(sql, {key});
        if (!r) return r.error();
        if (r->empty()) return std::nullopt;
        return std::move(r->front());
    }

    result<std::vector<stored_user>> users_where(std::string_view sql, std::initializer_list<sql::param> params) {
        return pool_->with([&](sql::connection& c) -> result<std::vector<stored_user>> {
            auto r = c.query(sql, params);
            if (!r) return r.error();
            std::vector<stored_user> out;
            for (auto& x : r->rows) {
                auto password = crypto::parse_password_hash(x[5].value_or(""));
                if (!password) return unreadable("password hash");
                out.push_back(stored_user{.id = x[0].value_or(""),
                                          .name = x[1].value_or(""),
                                          .email = std::move(x[2]),
                                          .enabled = x[3] == "1",
                                          .tenant_id = std::move(x[4]),
                                          .password = std::move(*password)});
            }
            return out;
        });
    }

    result<std::vector<ec2_record>> ec2_where(std::string_view sql, std::string_view key) {
        return pool_->with([&](sql::connection& c) -> result<std::vector<ec2_record>> {
            auto r = c.query(sql, {key});
            if (!r) return r.error();
            std::vector<ec2_record> out;
            for (auto& x : r->rows)
                out.push_back({.access = x[0].value_or(""),
                               .secret = x[1].value_or(""),
                               .user_id = x[2].value_or(""),
                               .tenant_id = x[3].value_or("")});
            return out;
        });
    }

    static result<std::int64_t> next_seq(sql::connection& c, std::string_view sql) {
        auto r = c.query(sql);
        if (!r) return r.error();
        auto v = r->rows.empty() ? std::nullopt : integer(r->rows[0][0]);
        if (!v) return unreadable("sequence number");
        return *v;
    }

    // The statements, in one transaction, each on the id; whether the last removed a row.
    result<bool> delete_with(std::initializer_list<std::string_view> statements, std::string_view id) {
        return pool_->transact([&](sql::connection& c) -> result<bool> {
            std::size_t changed = 0;
            for (auto sql : statements) {
                auto x = c.query(sql, {id});
                if (!x) return x.error();
                changed = x->changed;
            }
            return changed > 0;
        });
    }

    static result<std::vector<stored_service>> services(sql::connection& c) {
        auto r = c.query("SELECT id, description, entry FROM catalog ORDER BY seq");
        if (!r) return r.error();
        std::vector<stored_service> out;
        for (auto& x : r->rows) {
            auto e = try_from_json<catalog_entry>(x[2].value_or(""), {.unknown = unknown_policy::keep});
            if (!e) return unreadable("catalog entry");
            out.push_back({.id = x[0].value_or(""), .description = std::move(x[1]), .entry = std::move(*e)});
        }
        return out;
    }

    static result<bool> rewrite(sql::connection& c, const stored_service& s) {
        auto x = c.query("UPDATE catalog SET entry = $2 WHERE id = $1", {s.id, to_json(s.entry)});
        if (!x) return x.error();
        return true;
    }

    result<std::vector<tenant>> tenants_where(std::string_view sql, std::initializer_list<sql::param> params) {
        return pool_->with([&](sql::connection& c) -> result<std::vector<tenant>> {
            auto r = c.query(sql, params);
            if (!r) return r.error();
            std::vector<tenant> out;
            for (auto& x : r->rows) {
                tenant t{
                    .id = std::move(x[0]), .name = std::move(x[1]), .description = nullptr, .enabled = x[3] == "1"};
                if (x[2]) t.description = std::move(*x[2]);  // NULL: Keystone's "description": null
                out.push_back(std::move(t));
            }
            return out;
        });
    }

    static result<std::optional<tenant>> first(result<std::vector<tenant>> r) {
        if (!r) return r.error();
        if (r->empty()) return std::nullopt;
        return std::move(r->front());
    }

    result<std::size_t> changed(std::string_view sql, std::int64_t at) {
        return pool_->with([&](sql::connection& c) -> result<std::size_t> {
            auto r = c.query(sql, {at});
            if (!r) return r.error();
            return r->changed;
        });
    }

    std::shared_ptr<sql::pool> pool_;
};

}  // namespace openstack::identity::v2::protocol

#endif
