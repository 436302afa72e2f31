#ifndef OPENSTACK_IDENTITY_V2_ASIO_SESSION_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_SESSION_HPP

// A session: the credentials, the current access (token + catalog), and the rules that keep it valid.
//
//  - Before expiry: a token is renewed once `now >= expires - window`, where window is
//    `refresh_before` (default 120 s, keystoneauth's) but at most half the token's lifetime as seen
//    when it was obtained, so that short-lived tokens are not renewed on every call.
//  - After a 401: the call is retried once with a new token. If another caller already replaced the
//    token that failed, its replacement is used without authenticating again.
//  - Re-authentication always sends the credentials the session was given (password, or the
//    caller's token), never the session's current token (fog#3266: an expired token inside the
//    authentication request gets "token not found").
//  - Thread-safe: every member may be called from any thread. Concurrent callers that find the token
//    missing or stale share one authentication request. So a use_blocking call may wait for an
//    authentication another call started: not on a thread that this other call needs (the only
//    thread of its executor), or it waits forever.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/asio/client.hpp>
#include <openstack/identity/v2/catalog.hpp>

#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::asio {

struct session_options {
    std::chrono::seconds refresh_before{120};
};

namespace detail::sess {

struct waiter {
    virtual ~waiter() = default;
    virtual void complete(const client_result<access_ptr>& r) = 0;
};

template <class Handler, class Work>
struct waiter_impl final : waiter {
    Handler h;
    Work work;
    waiter_impl(Handler hh, Work w) : h(std::move(hh)), work(std::move(w)) {}
    void complete(const client_result<access_ptr>& r) override {
        auto ex = work.get_executor();
        work.reset();
        net::post(ex, [h = std::move(h), r]() mutable { std::move(h)(std::move(r)); });
    }
};

// One authentication in flight, and whoever waits for it.
struct refresh {
    bool done = false;
    client_result<access_ptr> result = make_client_error(make_error_code(client_errc::not_authenticated));
    std::vector<std::unique_ptr<waiter>> waiters;
};

struct state {
    state(asio::client c, auth a, session_options o) : cli(std::move(c)), credentials(std::move(a)), options(o) {}
    asio::client cli;
    const auth credentials;
    const session_options options;
    mutable std::mutex m;
    access_ptr current;
    std::chrono::system_clock::time_point refresh_at{};
    std::shared_ptr<refresh> pending;
    unsigned authentications = 0;
};

inline bool fresh(const state& s, const access_ptr& a) { return a && std::chrono::system_clock::now() < s.refresh_at; }

// The state's client, named through a dependent expression: GCC instantiates what a template
// calls non-dependently at the template's definition, and would then emit the client's
// authentication, and all it reaches, in every unit that includes this header (47 s against 20 s
// to compile one that uses none of it). Hence also get<Void>, async_wait<Void> and the generic
// lambdas below.
template <class Void>
const asio::client& client_of(const state& s) {
    return s.cli;
}

template <class Void, class Token>
auto async_wait(std::shared_ptr<state> st, std::shared_ptr<refresh> r, Token&& token) {
    return net::async_initiate<Token, void(client_result<access_ptr>)>(
        [st, r](auto handler) {
            auto work = net::make_work_guard(net::get_associated_executor(handler, st->cli.get_executor()));
            std::unique_lock lk(st->m);
            if (r->done) {
                auto res = r->result;
                lk.unlock();
                auto ex = work.get_executor();
                net::post(ex, [h = std::move(handler), res]() mutable { std::move(h)(std::move(res)); });
                return;
            }
            r->waiters.push_back(std::make_unique<waiter_impl<decltype(handler), decltype(work)>>(std::move(handler),
                                                                                                  std::move(work)));
        },
        token);
}

// A valid access: the current one if fresh (and not `failed`), else one authentication shared by
// every concurrent caller.
template <class Void = void>  // see basic_client
net::awaitable<client_result<access_ptr>> get(std::shared_ptr<state> st, access_ptr failed) {
    std::shared_ptr<refresh> r;
    bool leader = false;
    {
        std::lock_guard lk(st->m);
        if (st->current && st->current != failed && fresh(*st, st->current)) co_return st->current;
        if (!st->pending) {
            st->pending = std::make_shared<refresh>();
            leader = true;
        }
        r = st->pending;
    }
    if (!leader) co_return co_await async_wait<Void>(st, r, net::use_awaitable);

    // Whatever happens, the waiters are completed and the next caller may try again.
    client_result<access> a = make_client_error(make_error_code(client_errc::internal));
    try {
        a = co_await client_of<Void>(*st).async_authenticate(st->credentials, net::use_awaitable);
    } catch (const std::exception& e) {
        a = make_client_error(make_error_code(client_errc::internal), e.what());
    }
    client_result<access_ptr> out = a ? client_result<access_ptr>(std::make_shared<const access>(std::move(*a)))
                                      : client_result<access_ptr>(a.error());
    std::vector<std::unique_ptr<waiter>> ws;
    {
        std::lock_guard lk(st->m);
        if (out) {
            const auto now = std::chrono::system_clock::now();
            const auto expires =
                std::chrono::time_point_cast<std::chrono::system_clock::duration>((*out)->token.expires.time());
            auto window = std::chrono::duration_cast<std::chrono::system_clock::duration>(st->options.refresh_before);
            if (expires > now) window = std::min(window, (expires - now) / 2);
            st->current = *out;
            st->refresh_at = expires - window;
            ++st->authentications;
        }
        st->pending.reset();
        r->done = true;
        r->result = out;
        ws.swap(r->waiters);
    }
    for (auto& w : ws) w->complete(out);
    co_return out;
}

// Run `f(client, token_id)`; on a 401, once more with a new token.
template <class T, class F>
net::awaitable<client_result<T>> with_token(std::shared_ptr<state> st, F f) {
    auto a = co_await get<std::void_t<F>>(st, nullptr);
    if (!a) co_return a.error();
    client_result<T> r = co_await f(st->cli, (*a)->token.id);
    if (!r && r.error().status == 401) {
        auto b = co_await get<std::void_t<F>>(st, *a);
        if (!b) co_return b.error();
        r = co_await f(st->cli, (*b)->token.id);
    }
    co_return r;
}

// The session's operations, as functions rather than lambdas in basic_session's members: one
// coroutine each whatever the completion token, which separate compilation declares below. Their
// calls into the client and into get() are dependent (see client_of).

template <class Void = void>  // see basic_client
net::awaitable<client_result<std::string>> token_of(std::shared_ptr<state> st) {
    auto a = co_await get<Void>(st, nullptr);
    if (!a) co_return a.error();
    co_return (*a)->token.id;
}

template <class Void = void>  // see basic_client
net::awaitable<client_result<std::string>> endpoint_of(std::shared_ptr<state> st, endpoint_filter f) {
    auto a = co_await get<Void>(st, nullptr);
    if (!a) co_return a.error();
    auto m = find_endpoint(**a, f);
    if (!m) {
        client_error e;
        e.code = m.error().code;
        e.message = m.error().message;
        co_return e;
    }
    co_return m->url;
}

template <class = void>  // see basic_client
net::awaitable<client_result<tenants>> list_tenants(std::shared_ptr<state> st) {
    return with_token<tenants>(std::move(st), [](const auto& c, std::string t) {
        return c.async_list_tenants(std::move(t), net::use_awaitable);
    });
}

template <class = void>  // see basic_client
net::awaitable<client_result<access>> validate_token(std::shared_ptr<state> st, std::string id,
                                                     std::optional<std::string> belongs_to) {
    return with_token<access>(std::move(st),
                              [id = std::move(id), belongs_to = std::move(belongs_to)](const auto& c, std::string t) {
                                  return c.async_validate_token(std::move(t), id, belongs_to, net::use_awaitable);
                              });
}

template <class = void>  // see basic_client
net::awaitable<client_result<bool>> check_token(std::shared_ptr<state> st, std::string id,
                                                std::optional<std::string> belongs_to) {
    return with_token<bool>(std::move(st),
                            [id = std::move(id), belongs_to = std::move(belongs_to)](const auto& c, std::string t) {
                                return c.async_check_token(std::move(t), id, belongs_to, net::use_awaitable);
                            });
}

template <class = void>  // see basic_client
net::awaitable<client_result<endpoints>> token_endpoints(std::shared_ptr<state> st, std::string id) {
    return with_token<endpoints>(std::move(st), [id = std::move(id)](const auto& c, std::string t) {
        return c.async_token_endpoints(std::move(t), id, net::use_awaitable);
    });
}

}  // namespace detail::sess

// A template for the reason basic_client is. Use `session`.
template <class V = void>
class basic_session {
public:
    // `credentials`: see password_auth() / token_auth(). The client says where and how.
    basic_session(asio::client c, auth credentials, session_options opt = {})
        : st_(std::make_shared<detail::sess::state>(std::move(c), std::move(credentials), opt)) {}

    const asio::client& client() const noexcept { return st_->cli; }

    // The current access without any request (null before the first authentication).
    access_ptr current() const {
        std::lock_guard lk(st_->m);
        return st_->current;
    }
    // Forget the token: the next call authenticates.
    void invalidate() {
        std::lock_guard lk(st_->m);
        st_->current.reset();
    }
    // How many authentication requests succeeded (for diagnostics and tests).
    unsigned authentications() const {
        std::lock_guard lk(st_->m);
        return st_->authentications;
    }

    // Every operation: its arguments, then the completion token, as the client's.

    // A valid access: the current one, or a new one.
    template <class Token = net::default_completion_token_t<net::any_io_executor>>
    auto async_access(Token&& token = {}) const {
        return launch(detail::sess::get<V>(st_, nullptr), std::forward<Token>(token));
    }

    // The token id of a valid access.
    template <class Token = net::default_completion_token_t<net::any_io_executor>>
    auto async_token(Token&& token = {}) const {
        return launch(detail::sess::token_of<V>(st_), std::forward<Token>(token));
    }

    // The endpoint URL for a catalog lookup (find_endpoint's rule) on a valid access.
    template <class Token = net::default_completion_token_t<net::any_io_executor>>
    auto async_endpoint(endpoint_filter f, Token&& token = {}) const {
        return launch(detail::sess::endpoint_of<V>(st_, std::move(f)), std::forward<Token>(token));
    }

    // Authenticated calls: the session's token as X-Auth-Token, 401 → one retry with a new token.
    // `f(client, token_id)` gives the awaitable of a client operation with that token, for
    // instance `c.async_list_tenants(std::move(token_id), net::use_awaitable)`.
    template <class T, class F, class Token = net::default_completion_token_t<net::any_io_executor>>
    auto async_with_token(F f, Token&& token = {}) const {
        return launch(detail::sess::with_token<T>(st_, std::move(f)), std::forward<Token>(token));
    }

    // GET /tenants with the session's token.
    template <class Token = net::default_completion_token_t<net::any_io_executor>>
    auto async_list_tenants(Token&& token = {}) const {
        return launch(detail::sess::list_tenants<V>(st_), std::forward<Token>(token));
    }

    // Validation with the session's token as the admin token (Keystone lets a user validate their own).
    template <class Token = net::default_completion_token_t<net::any_io_executor>>
    auto async_validate_token(std::string id, std::optional<std::string> belongs_to, Token&& token = {}) const {
        return launch(detail::sess::validate_token<V>(st_, std::move(id), std::move(belongs_to)),
                      std::forward<Token>(token));
    }
    template <class Token = net::default_completion_token_t<net::any_io_executor>>
    auto async_check_token(std::string id, std::optional<std::string> belongs_to, Token&& token = {}) const {
        return launch(detail::sess::check_token<V>(st_, std::move(id), std::move(belongs_to)),
                      std::forward<Token>(token));
    }
    template <class Token = net::default_completion_token_t<net::any_io_executor>>
    auto async_token_endpoints(std::string id, Token&& token = {}) const {
        return launch(detail::sess::token_endpoints<V>(st_, std::move(id)), std::forward<Token>(token));
    }

private:
    template <class T, class Token>
    auto launch(net::awaitable<client_result<T>> op, Token&& token) const {
        return detail::cli::launch(st_->cli.get_executor(), std::move(op), std::forward<Token>(token));
    }

    std::shared_ptr<detail::sess::state> st_;
};

using session = basic_session<>;

// Separate compilation: as the client's operations (client.hpp).
#if defined(OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION)
namespace detail::cli {
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template client_result<access_ptr> run_blocking<access_ptr>(
    net::awaitable<client_result<access_ptr>>);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template client_result<std::string> run_blocking<std::string>(
    net::awaitable<client_result<std::string>>);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<access_ptr>> guarded<access_ptr>(
    net::awaitable<client_result<access_ptr>>);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<std::string>> guarded<std::string>(
    net::awaitable<client_result<std::string>>);
}  // namespace detail::cli
namespace detail::sess {
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<access_ptr>> get<>(std::shared_ptr<state>,
                                                                                           access_ptr);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<std::string>> token_of<>(
    std::shared_ptr<state>);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<std::string>> endpoint_of<>(
    std::shared_ptr<state>, endpoint_filter);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<tenants>> list_tenants<>(
    std::shared_ptr<state>);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<access>> validate_token<>(
    std::shared_ptr<state>, std::string, std::optional<std::string>);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<bool>> check_token<>(
    std::shared_ptr<state>, std::string, std::optional<std::string>);
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template net::awaitable<client_result<endpoints>> token_endpoints<>(
    std::shared_ptr<state>, std::string);
}  // namespace detail::sess
OPENSTACK_IDENTITY_V2_ASIO_EXTERN template class basic_session<>;
#endif

}  // namespace openstack::identity::v2::asio

#endif
