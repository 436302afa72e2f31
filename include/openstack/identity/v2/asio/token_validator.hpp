#ifndef OPENSTACK_IDENTITY_V2_ASIO_TOKEN_VALIDATOR_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_TOKEN_VALIDATOR_HPP

// The service side of a token: a service that receives X-Auth-Token asks the identity admin API
// (GET /v2.0/tokens/{id}) who is calling, as keystonemiddleware's auth_token and Ceph RGW do, and
// keeps the answers for a while. See docs/token-validator.md (and docs/protecting-a-service.md).
//
//  - Authenticated with a static admin token, or with a service user's credentials kept by a
//    session (asio/session.hpp): a 401 on the session's own token makes it authenticate once
//    more and retry (RGW's stale admin token: hours of 403s).
//  - A cache in process: LRU, at most cache_size entries, each kept cache_time (auth_token's
//    token_cache_time) but never past the token's own expiry; tokens found invalid are kept
//    negative_cache_time. Concurrent requests for one uncached token make one validation.
//  - Optionally a cache shared in memcached (libmemcached), its entries protected as auth_token's
//    (asio/memcache_crypt.hpp). The key is never the token id itself.
//  - Accepted roles (RGW's rgw_keystone_accepted_roles): fnmatch(3) patterns, one of which a role
//    name of the token must match. Service tokens (X-Service-Token) must hold one of
//    service_token_roles when service_token_roles_required (auth_token's defaults).
//  - A validation sent to a listener that is not the admin API (Keystone's public port: 404 on
//    the route), or refused because the validator's own credentials are not an admin's (401 after
//    the retry, 403), is a configuration error, never "token not found".
//
// Memcached calls block the calling thread (libmemcached is synchronous), bounded by
// memcache_timeout: a service on loopback or LAN memcached pays well under a millisecond, once per
// token per validator, since the cache in process answers first.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/asio/client.hpp>
#include <openstack/identity/v2/asio/memcache_crypt.hpp>
#include <openstack/identity/v2/asio/session.hpp>
#include <openstack/identity/v2/protocol/crypto.hpp>

#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fnmatch.h>
#include <libmemcached/memcached.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::asio {

// The client options a validator uses by default: a service waits seconds, not minutes, for the
// identity service before it answers 503.
inline client_options validator_client_options() {
    client_options o;
    o.connect_timeout = std::chrono::seconds(3);
    o.request_timeout = std::chrono::seconds(5);
    o.total_timeout = std::chrono::seconds(10);
    o.retry.max_retries = 1;
    return o;
}

struct token_validator_options {
    // The identity admin API: "http://keystone:35357/v2.0" (or its root, to which "/v2.0" is added).
    std::string identity_url;
    // How the validator authenticates its own requests: a static admin token, or (when admin_token
    // is empty) the credentials of a service user with an admin role (password_auth(...)).
    std::string admin_token;
    std::optional<auth> service_credentials;
    // Tokens must be scoped to this tenant id (belongsTo).
    std::optional<std::string> belongs_to;
    // How long a valid token is kept (never past its expiry); 0: no cache in process.
    std::chrono::seconds cache_time{300};
    // How long a token found invalid is kept (so that a flood of bad tokens does not reach the
    // identity service); 0: not kept.
    std::chrono::seconds negative_cache_time{10};
    // At most this many tokens in the cache in process (least recently used go first).
    std::size_t cache_size = 10000;
    // The shared cache: "host:port" of each memcached server (none: no shared cache), the secret
    // and the protection of what is stored (none stores the access document in clear, under a
    // SHA-256 of the token id).
    std::vector<std::string> memcached_servers;
    std::string memcache_secret;
    memcache_protection memcache_strategy = memcache_protection::none;
    std::chrono::milliseconds memcache_timeout{500};  // connect and each read or write
    // Role names a token must have one of (fnmatch(3) patterns: "Member", "admin", "swift*");
    // empty: every valid token is accepted.
    std::vector<std::string> accepted_roles;
    // A service token (X-Service-Token) must have one of these roles (exact names).
    std::vector<std::string> service_token_roles{"service"};
    bool service_token_roles_required = true;
    // Requests whose token is missing, invalid or cannot be checked go on marked Invalid instead
    // of being answered 401 or 503 (auth_token's delay_auth_decision); the middleware reads it.
    bool delay_auth_decision = false;
    // The URL clients authenticate at, for WWW-Authenticate on a 401: by default the identity
    // URL's root.
    std::string www_authenticate_uri;
    client_options client = validator_client_options();
};

// What one token turned out to be.
enum class token_status : unsigned char {
    confirmed,      // valid, and it has an accepted role
    missing,        // no token was sent
    invalid,        // unknown, expired, revoked, malformed, or not scoped to belongs_to
    forbidden,      // valid, but none of the accepted (or, for a service token, required) roles
    unavailable,    // the identity service could not be reached, timed out or answered 5xx
    misconfigured,  // the identity service refused the validator itself: not the admin API, not admin credentials
};

constexpr std::string_view to_string(token_status s) noexcept {
    switch (s) {
    case token_status::confirmed: return "confirmed";
    case token_status::missing: return "missing";
    case token_status::invalid: return "invalid";
    case token_status::forbidden: return "forbidden";
    case token_status::unavailable: return "unavailable";
    case token_status::misconfigured: return "misconfigured";
    }
    return "unknown";
}

inline std::ostream& operator<<(std::ostream& os, token_status s) { return os << to_string(s); }

struct token_verdict {
    token_status status = token_status::missing;
    access_ptr access;    // the validated document (confirmed and forbidden)
    std::string reason;   // why, for logs; never holds the token id
    bool cached = false;  // answered from a cache (in process or memcached), not by the identity service
};

// A request's tokens: the user's (X-Auth-Token) and the service's (X-Service-Token), if sent.
struct validation {
    token_verdict user;
    std::optional<token_verdict> service;

    // The user token is confirmed, and so is the service token when one was sent.
    bool confirmed() const noexcept {
        return user.status == token_status::confirmed && (!service || service->status == token_status::confirmed);
    }
};

// Counters, for diagnostics, tests and benches.
struct validator_stats {
    std::uint64_t local_hits = 0;          // answered by the cache in process
    std::uint64_t memcached_hits = 0;      // answered by memcached
    std::uint64_t identity_requests = 0;   // validations sent to the identity service
    std::uint64_t coalesced = 0;           // waited for a validation another request had started
    std::uint64_t memcached_rejected = 0;  // entries found in memcached whose protection did not verify
};

namespace detail::tv {

using sys_clock = std::chrono::system_clock;

// A libmemcached handle (not thread-safe: used under the cache's mutex).
class memcached_cache {
public:
    memcached_cache(const std::vector<std::string>& servers, std::chrono::milliseconds timeout) {
        mc_ = memcached_create(nullptr);
        if (!mc_) throw std::runtime_error("memcached_create failed");
        const auto ms = static_cast<std::uint64_t>(timeout.count());
        memcached_behavior_set(mc_, MEMCACHED_BEHAVIOR_CONNECT_TIMEOUT, ms);
        memcached_behavior_set(mc_, MEMCACHED_BEHAVIOR_POLL_TIMEOUT, ms);
        memcached_behavior_set(mc_, MEMCACHED_BEHAVIOR_RCV_TIMEOUT, ms * 1000);
        memcached_behavior_set(mc_, MEMCACHED_BEHAVIOR_SND_TIMEOUT, ms * 1000);
        // A server that failed is not tried again for a second, so a dead memcached costs one
        // timeout a second, not one per request.
        memcached_behavior_set(mc_, MEMCACHED_BEHAVIOR_RETRY_TIMEOUT, 1);
        for (const auto& s : servers) {
            const auto colon = s.rfind(':');
            std::string host = s.substr(0, colon);
            unsigned port = 11211;
            if (colon != std::string::npos) {
                const std::string_view p = std::string_view(s).substr(colon + 1);
                auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), port);
                if (ec != std::errc() || end != p.data() + p.size() || port == 0 || port > 65535) {
                    memcached_free(mc_);
                    throw std::invalid_argument("memcached server \"" + s + "\": bad port");
                }
            }
            if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
            if (memcached_server_add(mc_, host.c_str(), static_cast<in_port_t>(port)) != MEMCACHED_SUCCESS) {
                memcached_free(mc_);
                throw std::invalid_argument("memcached server \"" + s + "\" is not usable");
            }
        }
    }
    memcached_cache(const memcached_cache&) = delete;
    memcached_cache& operator=(const memcached_cache&) = delete;
    ~memcached_cache() { memcached_free(mc_); }

    std::optional<std::string> get(const std::string& key) {
        std::lock_guard lk(m_);
        std::size_t len = 0;
        std::uint32_t flags = 0;
        memcached_return_t rc{};
        char* v = memcached_get(mc_, key.data(), key.size(), &len, &flags, &rc);
        if (!v) return std::nullopt;
        std::string out(v, len);
        std::free(v);
        return out;
    }

    void set(const std::string& key, const std::string& value, std::chrono::seconds ttl) {
        std::lock_guard lk(m_);
        memcached_set(mc_, key.data(), key.size(), value.data(), value.size(), static_cast<time_t>(ttl.count()), 0);
    }

private:
    std::mutex m_;
    memcached_st* mc_ = nullptr;
};

// A validation in flight and whoever waits for it.
struct waiter {
    virtual ~waiter() = default;
    virtual void complete(const token_verdict& v) = 0;
};

template <class Handler, class Work>
struct waiter_impl final : waiter {
    Handler h;
    Work work;
    waiter_impl(Handler hh, Work w) : h(std::move(hh)), work(std::move(w)) {}
    void complete(const token_verdict& v) override {
        auto ex = work.get_executor();
        work.reset();
        net::post(ex, [h = std::move(h), v]() mutable { std::move(h)(std::move(v)); });
    }
};

struct flight {
    bool done = false;
    token_verdict result;
    std::vector<std::unique_ptr<waiter>> waiters;
};

// A cache entry: what the identity service said (confirmed: valid; invalid), until when.
struct entry {
    std::string key;
    token_verdict verdict;
    sys_clock::time_point until;
};

struct state {
    state(net::any_io_executor ex, token_validator_options o)
        : options(std::move(o)), cli(ex, options.identity_url, options.client) {
        if (options.identity_url.empty()) throw std::invalid_argument("token validator: no identity URL");
        if (options.admin_token.empty() && !options.service_credentials)
            throw std::invalid_argument("token validator: neither an admin token nor service credentials");
        if (options.memcache_strategy != memcache_protection::none && options.memcache_secret.empty())
            throw std::invalid_argument("token validator: a memcache strategy needs a memcache secret");
        if (options.admin_token.empty()) sess.emplace(cli, *options.service_credentials);
        if (!options.memcached_servers.empty())
            memcached = std::make_unique<memcached_cache>(options.memcached_servers, options.memcache_timeout);
        if (options.www_authenticate_uri.empty()) {
            www_authenticate = root_url(cli.base_url());
            while (www_authenticate.size() > 1 && www_authenticate.back() == '/') www_authenticate.pop_back();
        } else {
            www_authenticate = options.www_authenticate_uri;
        }
    }

    const token_validator_options options;
    asio::client cli;
    std::optional<asio::session> sess;
    std::unique_ptr<memcached_cache> memcached;
    std::string www_authenticate;

    mutable std::mutex m;
    std::list<entry> lru;  // most recently used first
    std::unordered_map<std::string, std::list<entry>::iterator> index;
    std::unordered_map<std::string, std::shared_ptr<flight>> flights;
    std::optional<bool> admin_api;  // what the probe found (see is_admin_api)
    validator_stats stats;
};

// The key of a token in the cache in process: a SHA-256 of its id, so that the map holds no token.
inline std::string local_key(std::string_view token) {
    const auto d = protocol::crypto::sha256(token);
    return protocol::crypto::to_hex(d.data(), d.size());
}

template <class Void, class Token>
auto async_wait(std::shared_ptr<state> st, std::shared_ptr<flight> f, Token&& token) {
    return net::async_initiate<Token, void(token_verdict)>(
        [st, f](auto handler) {
            auto work = net::make_work_guard(net::get_associated_executor(handler, st->cli.get_executor()));
            std::unique_lock lk(st->m);
            if (f->done) {
                auto res = f->result;
                lk.unlock();
                auto ex = work.get_executor();
                net::post(ex, [h = std::move(handler), res]() mutable { std::move(h)(std::move(res)); });
                return;
            }
            f->waiters.push_back(std::make_unique<waiter_impl<decltype(handler), decltype(work)>>(std::move(handler),
                                                                                                  std::move(work)));
        },
        token);
}

// Under st.m: the cached verdict for key, if any and still good.
inline std::optional<token_verdict> lookup(state& st, const std::string& key) {
    auto it = st.index.find(key);
    if (it == st.index.end()) return std::nullopt;
    if (sys_clock::now() >= it->second->until) {
        st.lru.erase(it->second);
        st.index.erase(it);
        return std::nullopt;
    }
    st.lru.splice(st.lru.begin(), st.lru, it->second);
    token_verdict v = it->second->verdict;
    v.cached = true;
    return v;
}

// Under st.m: keep a verdict until `until`, within the size bound.
inline void store(state& st, const std::string& key, const token_verdict& v, sys_clock::time_point until) {
    if (st.options.cache_size == 0 || until <= sys_clock::now()) return;
    if (auto it = st.index.find(key); it != st.index.end()) {
        st.lru.erase(it->second);
        st.index.erase(it);
    }
    while (st.lru.size() >= st.options.cache_size) {
        st.index.erase(st.lru.back().key);
        st.lru.pop_back();
    }
    st.lru.push_front(entry{key, v, until});
    st.index.emplace(key, st.lru.begin());
}

inline sys_clock::time_point expiry_of(const access& a) {
    return std::chrono::time_point_cast<sys_clock::duration>(a.token.expires.time());
}

// How long a valid token may be kept: cache_time, never past its expiry.
inline sys_clock::time_point keep_until(const state& st, const access& a, sys_clock::time_point now) {
    return std::min(now + st.options.cache_time, expiry_of(a));
}

// The memcached entry of a token: its key, and the value for a validated access.
// The value is "<until, Unix seconds>\n<access JSON>", protected as the strategy says.
inline std::string memcached_key(const state& st, std::string_view token) {
    if (st.options.memcache_strategy == memcache_protection::none) return "tokens/" + local_key(token);
    return memcache_crypt::cache_key(memcache_crypt::derive(token, st.options.memcache_secret,
                                                            st.options.memcache_strategy));
}

// Read and write the memcached entry (templates, like every operation here, so that a program
// compiles them only if it uses the validator).
template <class Void>
std::optional<token_verdict> shared_get(state& st, std::string_view token, sys_clock::time_point& until) {
    auto raw = st.memcached->get(memcached_key(st, token));
    if (!raw) return std::nullopt;
    std::optional<std::string> data = std::move(raw);
    if (st.options.memcache_strategy != memcache_protection::none) {
        data = memcache_crypt::unprotect(memcache_crypt::derive(token, st.options.memcache_secret,
                                                                st.options.memcache_strategy),
                                         *data);
        if (!data) {
            std::lock_guard lk(st.m);
            ++st.stats.memcached_rejected;
            return std::nullopt;
        }
    }
    const auto nl = data->find('\n');
    if (nl == std::string::npos) return std::nullopt;
    std::int64_t secs = 0;
    auto [end, ec] = std::from_chars(data->data(), data->data() + nl, secs);
    if (ec != std::errc() || end != data->data() + nl) return std::nullopt;
    auto doc = try_from_json<access>(std::string_view(*data).substr(nl + 1));
    if (!doc || doc->token.id != token) return std::nullopt;
    const auto now = sys_clock::now();
    until = std::min(sys_clock::time_point(std::chrono::seconds(secs)), expiry_of(*doc));
    if (until <= now) return std::nullopt;
    token_verdict v;
    v.status = token_status::confirmed;
    v.access = std::make_shared<const access>(std::move(*doc));
    v.cached = true;
    return v;
}

template <class Void>
void shared_put(state& st, std::string_view token, const access& a, sys_clock::time_point until) {
    const auto now = sys_clock::now();
    // Rounded up: a cache time of 1 s must not store for 0 s (memcached's "never expires").
    const auto ttl = std::chrono::ceil<std::chrono::seconds>(until - now);
    if (ttl.count() <= 0) return;
    std::string value =
        std::to_string(std::chrono::duration_cast<std::chrono::seconds>(until.time_since_epoch()).count());
    value += '\n';
    value += to_json(a);
    if (st.options.memcache_strategy != memcache_protection::none)
        value = memcache_crypt::protect(memcache_crypt::derive(token, st.options.memcache_secret,
                                                               st.options.memcache_strategy),
                                        value);
    st.memcached->set(memcached_key(st, token), value, ttl);
}

inline token_verdict verdict(token_status s, std::string reason) {
    token_verdict v;
    v.status = s;
    v.reason = std::move(reason);
    return v;
}

// Whether the identity URL is the admin API, asked once: GET /v2.0/users is an admin route, which
// Keystone's public listener (and ours) does not have (404); the admin listener answers anything
// else (200, 400 without a name, 401/403). nullopt: the identity service could not say.
template <class Void = void>
net::awaitable<std::optional<bool>> is_admin_api(std::shared_ptr<state> st) {
    {
        std::lock_guard lk(st->m);
        if (st->admin_api) co_return st->admin_api;
    }
    client_result<http_reply> r = make_client_error(make_error_code(client_errc::internal));
    if (st->sess) {
        r = co_await st->sess->template async_with_token<http_reply>(
            [](const auto& c, std::string t) {
                return c.async_raw(c.make(bhttp::verb::get, "users", std::move(t)), net::use_awaitable);
            },
            net::use_awaitable);
    } else {
        r = co_await st->cli.async_raw(st->cli.make(bhttp::verb::get, "users", st->options.admin_token),
                                       net::use_awaitable);
    }
    if (!r || r->status >= 500) co_return std::nullopt;
    std::lock_guard lk(st->m);
    st->admin_api = r->status != 404;
    co_return st->admin_api;
}

// What the identity service says of a token (no cache).
template <class Void = void>
net::awaitable<token_verdict> ask_identity(std::shared_ptr<state> st, std::string token) {
    {
        std::lock_guard lk(st->m);
        ++st->stats.identity_requests;
    }
    client_result<access> r = make_client_error(make_error_code(client_errc::internal));
    if (st->sess) r = co_await st->sess->async_validate_token(token, st->options.belongs_to, net::use_awaitable);
    else
        r = co_await st->cli.async_validate_token(st->options.admin_token, token, st->options.belongs_to,
                                                  net::use_awaitable);
    if (r) {
        if (expiry_of(*r) <= sys_clock::now()) co_return verdict(token_status::invalid, "the token has expired");
        token_verdict v;
        v.status = token_status::confirmed;
        v.access = std::make_shared<const access>(std::move(*r));
        co_return v;
    }
    const client_error& e = r.error();
    if (e.code == client_errc::invalid_argument) co_return verdict(token_status::invalid, "malformed token");
    if (e.code != client_errc::remote_fault) {
        if (e.code == client_errc::bad_url) co_return verdict(token_status::misconfigured, e.what());
        co_return verdict(token_status::unavailable, "the identity service is unavailable: " + e.what());
    }
    if (e.status == 404) {
        const auto admin = co_await is_admin_api<Void>(st);
        if (!admin) co_return verdict(token_status::unavailable, "the identity service is unavailable");
        if (!*admin)
            co_return verdict(token_status::misconfigured,
                              "the identity URL " + st->cli.base_url() +
                                  " is not the admin API (it has no token validation route): use the admin endpoint");
        co_return verdict(token_status::invalid, "token not found");
    }
    if (e.status == 401 || e.status == 403)
        co_return verdict(token_status::misconfigured,
                          std::string("the identity service refused the validator's own ") +
                              (st->sess ? "credentials" : "admin token") + " (" + std::to_string(e.status) +
                              "): they must be an admin's, on the admin API");
    if (e.status >= 500 || e.status == 429)
        co_return verdict(token_status::unavailable, "the identity service is unavailable: " + e.what());
    co_return verdict(token_status::invalid, e.what());
}

// A token's verdict from the caches or the identity service, one validation per uncached token
// whatever the number of concurrent callers. Role checks are the caller's.
template <class Void = void>
net::awaitable<token_verdict> check(std::shared_ptr<state> st, std::string token) {
    if (token.empty()) co_return verdict(token_status::missing, "no token");
    const std::string key = local_key(token);
    std::shared_ptr<flight> f;
    bool leader = false;
    {
        std::lock_guard lk(st->m);
        if (auto v = lookup(*st, key)) {
            ++st->stats.local_hits;
            co_return *v;
        }
        auto it = st->flights.find(key);
        if (it == st->flights.end()) {
            f = std::make_shared<flight>();
            st->flights.emplace(key, f);
            leader = true;
        } else {
            f = it->second;
            ++st->stats.coalesced;
        }
    }
    if (!leader) co_return co_await async_wait<Void>(st, f, net::use_awaitable);

    token_verdict v;
    sys_clock::time_point until{};
    try {
        std::optional<token_verdict> shared;
        if (st->memcached && st->options.cache_time.count() > 0) shared = shared_get<Void>(*st, token, until);
        if (shared) {
            v = std::move(*shared);
        } else {
            v = co_await ask_identity<Void>(st, token);
            const auto now = sys_clock::now();
            if (v.status == token_status::confirmed) {
                until = keep_until(*st, *v.access, now);
                if (st->memcached && st->options.cache_time.count() > 0) shared_put<Void>(*st, token, *v.access, until);
            } else if (v.status == token_status::invalid) {
                until = now + st->options.negative_cache_time;
            }
        }
    } catch (const std::exception& e) {
        v = verdict(token_status::unavailable, std::string("validation failed: ") + e.what());
    }
    std::vector<std::unique_ptr<waiter>> ws;
    {
        std::lock_guard lk(st->m);
        if (v.cached) ++st->stats.memcached_hits;
        const bool keep = v.status == token_status::confirmed ? st->options.cache_time.count() > 0
                                                              : v.status == token_status::invalid;
        if (keep && until != sys_clock::time_point{}) store(*st, key, v, until);
        st->flights.erase(key);
        f->done = true;
        f->result = v;
        ws.swap(f->waiters);
    }
    for (auto& w : ws) w->complete(v);
    co_return v;
}

// Whether a role of the token matches one of the patterns (fnmatch(3)); with `exact`, one of the
// names.
inline bool has_any_role(const access& a, const std::vector<std::string>& patterns, bool exact) {
    if (!a.user || !a.user->roles) return false;
    for (const role& r : *a.user->roles) {
        if (!r.name) continue;
        for (const auto& p : patterns)
            if (exact ? *r.name == p : ::fnmatch(p.c_str(), r.name->c_str(), 0) == 0) return true;
    }
    return false;
}

template <class Void = void>
net::awaitable<client_result<validation>> validate(std::shared_ptr<state> st, std::string token,
                                                   std::optional<std::string> service_token) {
    validation out;
    out.user = co_await check<Void>(st, std::move(token));
    const auto& o = st->options;
    if (out.user.status == token_status::confirmed && !o.accepted_roles.empty() &&
        !has_any_role(*out.user.access, o.accepted_roles, false)) {
        out.user.status = token_status::forbidden;
        out.user.reason = "the token has none of the accepted roles";
    }
    if (service_token) {
        out.service = co_await check<Void>(st, std::move(*service_token));
        if (out.service->status == token_status::confirmed && o.service_token_roles_required &&
            !has_any_role(*out.service->access, o.service_token_roles, true)) {
            out.service->status = token_status::forbidden;
            out.service->reason = "the service token has none of the service roles";
        }
    }
    co_return out;
}

}  // namespace detail::tv

// A template for the reason basic_client is. Use `token_validator`. Cheap to copy (the state is
// shared); safe to use from several threads at once.
template <class V = void>
class basic_token_validator {
public:
    // Throws std::invalid_argument for options no validator can work with (no identity URL,
    // neither admin token nor credentials, a memcache strategy without a secret, a bad memcached
    // address).
    basic_token_validator(net::any_io_executor ex, token_validator_options opt)
        : st_(std::make_shared<detail::tv::state>(std::move(ex), std::move(opt))) {}

    const token_validator_options& options() const noexcept { return st_->options; }

    // What goes in WWW-Authenticate: Keystone uri="...".
    const std::string& www_authenticate_uri() const noexcept { return st_->www_authenticate; }

    // The session that keeps the validator's own token (service credentials), or null.
    const asio::session* session() const noexcept { return st_->sess ? &*st_->sess : nullptr; }

    validator_stats stats() const {
        std::lock_guard lk(st_->m);
        return st_->stats;
    }

    // Forgets every token kept in process (not those in memcached).
    void clear_cache() {
        std::lock_guard lk(st_->m);
        st_->lru.clear();
        st_->index.clear();
    }

    // Validates the user token (empty: none was sent) and the service token, if any. Completion
    // signature void(client_result<validation>), with any completion token the client takes; the
    // outcome is in the validation (an error only if an exception escaped).
    template <class Token = net::default_completion_token_t<net::any_io_executor>>
    auto async_validate(std::string token, std::optional<std::string> service_token = std::nullopt,
                        Token&& completion = {}) const {
        return detail::cli::launch(st_->cli.get_executor(),
                                   detail::tv::validate<V>(st_, std::move(token), std::move(service_token)),
                                   std::forward<Token>(completion));
    }

private:
    std::shared_ptr<detail::tv::state> st_;
};

using token_validator = basic_token_validator<>;

// Separate compilation: as the client's operations (client.hpp).
#if defined(OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION)
namespace detail::cli {
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template client_result<validation> run_blocking<validation>(
    net::awaitable<client_result<validation>>);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<validation>> guarded<validation>(
    net::awaitable<client_result<validation>>);
}  // namespace detail::cli
namespace detail::tv {
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<validation>> validate<>(
    std::shared_ptr<state>, std::string, std::optional<std::string>);
}  // namespace detail::tv
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template class basic_token_validator<>;
#endif

}  // namespace openstack::identity::v2::asio

#endif
