#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_SQL_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_SQL_HPP

// A small SQL layer for the SQL store: one interface over SQLite (libsqlite3) and PostgreSQL
// (libpq), opened by URL, and a bounded pool of connections.
//
//   sqlite:PATH            a database file, created when missing; WAL mode, so that the pool's
//                          connections read while one writes
//   sqlite::memory:        a private in-memory database; its pool holds one connection, since
//                          every SQLite connection to :memory: is a database of its own
//   postgresql://user@host:port/db?...  (or postgres://...) given to libpq as it is; a
//                          connect_timeout is added unless the URL sets one
//
// Statements are written once, with PostgreSQL's placeholders ($1, $2, ...; SQLite is given ?1,
// ?2, ...), prepared on a connection's first use and run with parameters: no value is ever put
// into SQL text. Values travel as text (SQLite binds integers as integers, so that LIMIT and
// comparisons see numbers); NULL is std::nullopt.
//
// Errors are v2::error of kind service_unavailable (a URL that is none of the above: bad_request),
// but for a statement refused by a unique constraint: tenant_conflict (409), which is how a second
// writer that lost a race (two instances creating one name at once) learns it.
// Their messages hold the engine's own primary message, never the URL, and a password the URL
// carries is cut out of libpq's messages. A connection found lost (the server restarted, a
// failover) is dropped with the pool's idle ones, and the call is tried once more on a new one.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/protocol/backend.hpp>

// libpq's header is in its own directory on Debian (/usr/include/postgresql), which the CMake
// targets add; a program that does not use them finds it there.
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#else
#include <postgresql/libpq-fe.h>
#endif
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <concepts>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol::sql {

enum class engine : unsigned char { sqlite, postgresql };

inline error unavailable(std::string message) {
    return backend_error(fault_kind::service_unavailable, std::move(message));
}

inline error duplicate() {
    return backend_error(fault_kind::tenant_conflict, "Conflict occurred attempting to store - Duplicate entry.");
}

// A statement's parameter: text, an integer or NULL. It refers to the caller's text.
struct param {
    enum class type : unsigned char { null, text, integer };
    type kind = type::null;
    std::string_view text;
    std::int64_t integer = 0;

    param(std::nullopt_t) noexcept {}
    param(std::string_view s) noexcept : kind(type::text), text(s) {}
    param(const std::string& s) noexcept : param(std::string_view(s)) {}
    param(const char* s) noexcept : param(std::string_view(s)) {}
    param(const std::optional<std::string>& s) noexcept {
        if (s) *this = param(*s);
    }
    param(std::optional<std::string_view> s) noexcept {
        if (s) *this = param(*s);
    }
    template <std::integral I>
    param(I v) noexcept : kind(type::integer), integer(static_cast<std::int64_t>(v)) {}
};

using row = std::vector<std::optional<std::string>>;

struct answer {
    std::vector<row> rows;
    std::size_t changed = 0;  // rows inserted, updated or deleted
};

class connection {
public:
    virtual ~connection() = default;
    virtual engine kind() const noexcept = 0;
    // One statement, placeholders $1..$n. It is prepared on first use and kept for the
    // connection's life: callers run a fixed set of statements.
    virtual result<answer> query(std::string_view sql, std::span<const param> params) = 0;
    result<answer> query(std::string_view sql, std::initializer_list<param> params = {}) {
        return query(sql, std::span<const param>(params.begin(), params.size()));
    }
    // Statements without parameters, run as written: schema changes, transaction control.
    virtual result<void> script(std::string_view sql) = 0;
    // The server is gone: the connection cannot be used again.
    virtual bool broken() const noexcept = 0;
};

namespace detail {

// PostgreSQL's $n placeholders as SQLite's ?n, outside quoted text and names.
inline std::string sqlite_placeholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size());
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
            c = '?';
        }
        out.push_back(c);
    }
    return out;
}

class sqlite_connection final : public connection {
public:
    static result<std::unique_ptr<connection>> open(const std::string& path, std::chrono::milliseconds busy) {
        sqlite3* db = nullptr;
        const int rc = sqlite3_open_v2(path.c_str(), &db,
                                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
        std::unique_ptr<sqlite_connection> c(new sqlite_connection(db));  // closes db, even when open failed
        if (rc != SQLITE_OK) return c->fail("cannot open the database");
        // A writer waits for another connection's write as long as a caller waits for a connection.
        sqlite3_busy_timeout(db, static_cast<int>(busy.count()));
        // SQLite checks foreign keys only when asked, per connection. WAL lets the pool's
        // connections read while one writes; in WAL, synchronous=NORMAL cannot corrupt the file
        // (a power cut may lose the last transactions, not a crash of the process).
        auto r = c->script(path == ":memory:"
                               ? "PRAGMA foreign_keys = ON"
                               : "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
        if (!r) return r.error();
        return std::unique_ptr<connection>(std::move(c));
    }

    ~sqlite_connection() override {
        for (auto& [sql, st] : statements_) sqlite3_finalize(st);
        sqlite3_close_v2(db_);
    }

    engine kind() const noexcept override { return engine::sqlite; }
    bool broken() const noexcept override { return false; }

    result<answer> query(std::string_view sql, std::span<const param> params) override {
        auto it = statements_.find(sql);
        if (it == statements_.end()) {
            const std::string text = sqlite_placeholders(sql);
            sqlite3_stmt* st = nullptr;
            if (sqlite3_prepare_v3(db_, text.data(), static_cast<int>(text.size()), SQLITE_PREPARE_PERSISTENT, &st,
                                   nullptr) != SQLITE_OK)
                return fail("cannot prepare a statement");
            it = statements_.emplace(std::string(sql), st).first;
        }
        sqlite3_stmt* st = it->second;
        // Resets the statement whatever happens, which ends its implicit read transaction.
        const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> reset(st, sqlite3_reset);
        sqlite3_clear_bindings(st);
        for (std::size_t i = 0; i < params.size(); ++i) {
            const param& p = params[i];
            const int at = static_cast<int>(i + 1);
            int rc = SQLITE_OK;
            if (p.kind == param::type::text)
                rc = sqlite3_bind_text64(st, at, p.text.data(), p.text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
            else if (p.kind == param::type::integer) rc = sqlite3_bind_int64(st, at, p.integer);
            if (rc != SQLITE_OK) return fail("cannot bind a parameter");
        }
        answer a;
        const int columns = sqlite3_column_count(st);
        for (;;) {
            const int rc = sqlite3_step(st);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) return fail("a statement failed");
            row& r = a.rows.emplace_back(static_cast<std::size_t>(columns));
            for (int i = 0; i < columns; ++i)
                if (sqlite3_column_type(st, i) != SQLITE_NULL) {
                    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
                    r[static_cast<std::size_t>(i)].emplace(p, static_cast<std::size_t>(sqlite3_column_bytes(st, i)));
                }
        }
        if (!sqlite3_stmt_readonly(st)) a.changed = static_cast<std::size_t>(sqlite3_changes64(db_));
        return a;
    }

    result<void> script(std::string_view sql) override {
        const std::string text(sql);
        if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) return fail("a statement failed");
        return {};
    }

private:
    explicit sqlite_connection(sqlite3* db) : db_(db) {}

    error fail(std::string_view what) const {
        if (db_) {
            const int code = sqlite3_extended_errcode(db_);
            if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) return duplicate();
        }
        return unavailable("SQLite: " + std::string(what) + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory"));
    }

    sqlite3* db_;
    std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
};

// The password a PostgreSQL URL carries, to be cut out of libpq's messages; nullopt when libpq
// cannot read the URL.
inline std::optional<std::string> pg_password(const std::string& url) {
    char* message = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &message);
    if (message) PQfreemem(message);  // it may quote the URL
    if (!options) return std::nullopt;
    std::string password;
    for (const PQconninfoOption* o = options; o->keyword; ++o)
        if (std::strcmp(o->keyword, "password") == 0 && o->val) password = o->val;
    PQconninfoFree(options);
    return password;
}

class pg_connection final : public connection {
public:
    static result<std::unique_ptr<connection>> open(const std::string& url, const std::string& password,
                                                    std::chrono::seconds connect_timeout) {
        // Keywords in order, later ones winning: the URL's own connect_timeout, if any, wins.
        const std::string timeout = std::to_string(connect_timeout.count());
        const char* const keys[] = {"connect_timeout", "dbname", nullptr};
        const char* const values[] = {timeout.c_str(), url.c_str(), nullptr};
        PGconn* pg = PQconnectdbParams(keys, values, 1);
        if (!pg) return unavailable("PostgreSQL: out of memory");
        std::unique_ptr<pg_connection> c(new pg_connection(pg, password));
        if (PQstatus(pg) != CONNECTION_OK) return c->fail(nullptr, "cannot connect");
        // Notices ("relation already exists, skipping") would go to stderr.
        PQsetNoticeProcessor(
            pg, [](void*, const char*) {}, nullptr);
        return std::unique_ptr<connection>(std::move(c));
    }

    ~pg_connection() override { PQfinish(pg_); }

    engine kind() const noexcept override { return engine::postgresql; }
    bool broken() const noexcept override { return PQstatus(pg_) == CONNECTION_BAD; }

    result<answer> query(std::string_view sql, std::span<const param> params) override {
        auto it = statements_.find(sql);
        if (it == statements_.end()) {
            std::string name = "osi_" + std::to_string(statements_.size());
            const result_ptr r(PQprepare(pg_, name.c_str(), std::string(sql).c_str(), 0, nullptr));
            if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) return fail(r.get(), "cannot prepare a statement");
            it = statements_.emplace(std::string(sql), std::move(name)).first;
        }
        // Text parameters, NUL-terminated; the vectors are sized once so the pointers stay.
        std::vector<std::string> texts(params.size());
        std::vector<const char*> values(params.size(), nullptr);
        for (std::size_t i = 0; i < params.size(); ++i) {
            if (params[i].kind == param::type::null) continue;
            texts[i] = params[i].kind == param::type::text ? std::string(params[i].text)
                                                           : std::to_string(params[i].integer);
            values[i] = texts[i].c_str();
        }
        const result_ptr r(PQexecPrepared(pg_, it->second.c_str(), static_cast<int>(params.size()), values.data(),
                                          nullptr, nullptr, 0));
        const ExecStatusType status = PQresultStatus(r.get());
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return fail(r.get(), "a statement failed");
        answer a;
        const int rows = PQntuples(r.get()), columns = PQnfields(r.get());
        a.rows.reserve(static_cast<std::size_t>(rows));
        for (int i = 0; i < rows; ++i) {
            row& x = a.rows.emplace_back(static_cast<std::size_t>(columns));
            for (int j = 0; j < columns; ++j)
                if (!PQgetisnull(r.get(), i, j))
                    x[static_cast<std::size_t>(j)].emplace(PQgetvalue(r.get(), i, j),
                                                           static_cast<std::size_t>(PQgetlength(r.get(), i, j)));
        }
        // PQcmdTuples counts a SELECT's rows too: only a command's count is a change.
        if (status == PGRES_COMMAND_OK) a.changed = std::strtoull(PQcmdTuples(r.get()), nullptr, 10);
        return a;
    }

    result<void> script(std::string_view sql) override {
        const result_ptr r(PQexec(pg_, std::string(sql).c_str()));
        const ExecStatusType status = PQresultStatus(r.get());
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return fail(r.get(), "a statement failed");
        return {};
    }

private:
    struct clear {
        void operator()(PGresult* r) const noexcept { PQclear(r); }
    };
    using result_ptr = std::unique_ptr<PGresult, clear>;

    pg_connection(PGconn* pg, std::string password) : pg_(pg), password_(std::move(password)) {}

    // The server's primary message and SQLSTATE, or libpq's own message when there is no server
    // answer (a lost connection); the URL's password cut out of it.
    error fail(const PGresult* r, std::string_view what) const {
        if (const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
            state && std::string_view(state) == "23505")  // unique_violation
            return duplicate();
        std::string m;
        if (const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr) {
            m = primary;
            if (const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE))
                m.append(" (SQLSTATE ").append(state).append(")");
        } else {
            m = PQerrorMessage(pg_);
        }
        while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
        for (auto& c : m)
            if (c == '\n') c = ' ';
        if (!password_.empty())
            for (auto at = m.find(password_); at != std::string::npos; at = m.find(password_, at + 3))
                m.replace(at, password_.size(), "***");
        return unavailable("PostgreSQL: " + std::string(what) + ": " + m);
    }

    PGconn* pg_;
    std::string password_;
    std::map<std::string, std::string, std::less<>> statements_;  // SQL to the prepared statement's name
};

}  // namespace detail

struct pool_options {
    std::size_t size = 4;                  // connections at most (at least 1)
    std::chrono::milliseconds wait{5000};  // for a free connection; then service_unavailable
};

// A bounded pool of connections to one database. Leases must not outlive their pool.
class pool {
public:
    class lease {
    public:
        lease(lease&& o) noexcept : pool_(std::exchange(o.pool_, nullptr)), c_(std::move(o.c_)) {}
        lease& operator=(lease&&) = delete;
        ~lease() {
            if (pool_) pool_->release(std::move(c_));
        }
        connection& operator*() const noexcept { return *c_; }
        connection* operator->() const noexcept { return c_.get(); }

    private:
        friend class pool;
        lease(pool* p, std::unique_ptr<connection> c) noexcept : pool_(p), c_(std::move(c)) {}
        pool* pool_;
        std::unique_ptr<connection> c_;
    };

    // Reads the URL and opens a first connection, so that a wrong URL or an unreachable database
    // fails here rather than on the first request.
    static result<std::shared_ptr<pool>> open(std::string url, pool_options o = {}) {
        std::shared_ptr<pool> p;
        o.size = std::max<std::size_t>(o.size, 1);
        if (url.starts_with("sqlite:")) {
            std::string path = url.substr(7);
            if (path.empty()) return bad_url();
            if (path == ":memory:") o.size = 1;
            p.reset(new pool(engine::sqlite, o,
                             [path, wait = o.wait] { return detail::sqlite_connection::open(path, wait); }));
        } else if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
            auto password = detail::pg_password(url);
            if (!password) return bad_url();
            // libpq counts whole seconds, and takes less than 2 as 2.
            const auto timeout = std::max(std::chrono::ceil<std::chrono::seconds>(o.wait), std::chrono::seconds(2));
            p.reset(new pool(engine::postgresql, o, [url, password = std::move(*password), timeout] {
                return detail::pg_connection::open(url, password, timeout);
            }));
        } else {
            return bad_url();
        }
        auto first = p->acquire();
        if (!first) return first.error();
        return p;
    }

    engine kind() const noexcept { return engine_; }

    // A connection: an idle one, or a new one while fewer than `size` are open; else the first
    // one released within `wait`.
    result<lease> acquire() {
        std::unique_lock lk(mu_);
        if (!freed_.wait_for(lk, options_.wait, [&] { return !idle_.empty() || open_ < options_.size; }))
            return unavailable("no database connection came free within " + std::to_string(options_.wait.count()) +
                               " ms (a pool of " + std::to_string(options_.size) + ")");
        if (!idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            return lease(this, std::move(c));
        }
        ++open_;
        lk.unlock();
        auto c = connect_();
        if (!c) {
            lk.lock();
            --open_;
            freed_.notify_one();
            return c.error();
        }
        return lease(this, std::move(*c));
    }

    // f(connection&) -> result<T> on a leased connection, and once more on a new connection when
    // the first was found lost (its server restarted since it was last used).
    template <class F>
    std::invoke_result_t<F&, connection&> with(F&& f) {
        for (int attempt = 0;; ++attempt) {
            auto c = acquire();
            if (!c) return c.error();
            auto r = f(**c);
            if (r || attempt == 1 || !(*c)->broken()) return r;
        }
    }

    // The same in a transaction: committed when f succeeds, else rolled back. SQLite's begins
    // IMMEDIATE, taking the write lock at once: a transaction that read first and then wrote
    // could not wait for another writer (SQLITE_BUSY at once, whatever the timeout).
    template <class F>
    std::invoke_result_t<F&, connection&> transact(F&& f) {
        return with([&](connection& c) -> std::invoke_result_t<F&, connection&> {
            if (auto b = c.script(c.kind() == engine::sqlite ? "BEGIN IMMEDIATE" : "BEGIN"); !b) return b.error();
            // Rolls back unless committed: on a failure, and on an exception out of f.
            struct open_transaction {
                connection& c;
                bool done = false;
                ~open_transaction() {
                    if (!done && !c.broken()) (void)c.script("ROLLBACK");
                }
            } t{c};
            auto r = f(c);
            if (!r) return r;
            if (auto k = c.script("COMMIT"); !k) return k.error();
            t.done = true;
            return r;
        });
    }

private:
    using connect_fn = std::function<result<std::unique_ptr<connection>>()>;

    pool(engine e, pool_options o, connect_fn f) : engine_(e), options_(o), connect_(std::move(f)) {}

    static error bad_url() {
        error e;
        e.code = make_error_code(errc::invalid_value);
        e.kind = fault_kind::bad_request;
        e.message = "not a database URL: sqlite:PATH, sqlite::memory: or postgresql://user@host:port/database";
        return e;
    }

    void release(std::unique_ptr<connection> c) {
        std::vector<std::unique_ptr<connection>> lost;  // closed outside the lock
        {
            std::lock_guard lk(mu_);
            if (c->broken()) {
                // The server went away (a restart, a failover): the idle connections to it are
                // lost too, and would each fail one call before being found out.
                lost = std::move(idle_);
                idle_.clear();
                open_ -= lost.size() + 1;
                lost.push_back(std::move(c));
            } else {
                idle_.push_back(std::move(c));
            }
        }
        freed_.notify_all();
    }

    const engine engine_;
    const pool_options options_;
    const connect_fn connect_;
    std::mutex mu_;
    std::condition_variable freed_;
    std::vector<std::unique_ptr<connection>> idle_;
    std::size_t open_ = 0;  // idle and leased
};

}  // namespace openstack::identity::v2::protocol::sql

#endif
