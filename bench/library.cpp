// Library benchmarks: JSON and XML read and write of token responses, each next to its baseline
// (Boost.JSON, pugixml) and the peer (nlohmann/json) in the same binary, so that bench/report.py
// can give ratios measured in one run. Every benchmark also reports allocations per iteration
// (global operator new is counted). The token validator's cost per request whose token it has
// cached (asio/token_validator.hpp, asio/middleware.hpp) is measured too, against the project's
// identity server on loopback, which only the first validation reaches.

#include <openstack/identity/v2.hpp>
#include <openstack/identity/v2/asio.hpp>
#include <openstack/identity/v2/protocol/crypto.hpp>
#include <openstack/identity/v2/protocol/memory_backend.hpp>

#include "peer.hpp"

#include <benchmark/benchmark.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json.hpp>
#include <pugixml.hpp>

#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <new>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

// ---- counting allocator (the benchmarks run on one thread) ------------------------------------

namespace {
std::size_t allocations = 0;
}

void* operator new(std::size_t n) {
    ++allocations;
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return ::operator new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    ++allocations;
    return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return ::operator new(n, t); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace {

namespace v2 = openstack::identity::v2;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// ---- documents ------------------------------------------------------------------------------

struct document {
    std::string name;
    std::string json, xml;   // what is read
    v2::access value;        // what is written (read from `json`)
    boost::json::value dom;  // the equivalent Boost.JSON DOM (of our output)
    std::string xml_out;     // our XML output, loaded into pugixml for the save baseline
    peer::access peer_value;
};

std::string hex_id(std::uint64_t seed) {
    std::uint64_t x = seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull;
    std::string s;
    for (int half = 0; half < 2; ++half) {
        x ^= x >> 31;
        x *= 0xBF58476D1CE4E5B9ull;
        x ^= x >> 29;
        char buf[17];
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(x));
        s += buf;
    }
    return s;
}

// The seed's shape, with `services` services of 3 regions each and a user with 50 roles.
v2::access generated(const v2::access& seed, int services) {
    static const char* const regions[] = {"RegionOne", "RegionTwo", "RegionThree"};
    v2::access a;
    a.token = seed.token;
    const std::string tenant = *seed.token.tenant->id;
    a.service_catalog.emplace();
    for (int i = 0; i < services; ++i) {
        v2::catalog_entry e;
        e.type = "service-" + std::to_string(i);
        e.name = "svc" + std::to_string(i);
        e.endpoints_links.emplace();
        for (int r = 0; r < 3; ++r) {
            const std::string base = "http://23.253.72." + std::to_string(10 + r) + ":" + std::to_string(8000 + i) +
                                     "/v2/";
            v2::endpoint ep;
            ep.id = hex_id(std::uint64_t(i) * 3 + r);
            ep.region = std::string(regions[r]);
            ep.public_url = base + tenant;
            ep.internal_url = base + tenant;
            ep.admin_url = "http://10.0.0." + std::to_string(10 + r) + ":" + std::to_string(8000 + i) + "/v2/" + tenant;
            e.endpoints.push_back(std::move(ep));
        }
        a.service_catalog->push_back(std::move(e));
    }
    a.user = seed.user;
    a.user->roles.emplace();
    a.metadata.emplace();
    a.metadata->is_admin = 0;
    a.metadata->roles.emplace();
    for (int i = 0; i < 50; ++i) {
        a.user->roles->push_back(v2::role{.name = "role-" + std::to_string(i)});
        a.metadata->roles->push_back(hex_id(100000 + i));
    }
    return a;
}

void finish(document& d) {
    d.value = v2::from_json<v2::access>(d.json);
    d.dom = boost::json::parse(v2::to_json(d.value));
    d.xml_out = v2::to_xml(d.value);
    d.peer_value = nlohmann::json::parse(d.json).get<peer::access>();
}

std::vector<document> load_documents() {
    std::vector<document> docs;
    const std::string spec = OSI_SPEC_DIR;
    const std::string data = OSI_DATA_DIR;
    docs.push_back({"seed", read_file(data + "/seed_access.json"), read_file(data + "/seed_access.xml")});
    docs.push_back({"validatetoken", read_file(spec + "/samples/validatetoken.json"),
                    read_file(spec + "/samples/validatetoken.xml")});
    const auto seed = v2::from_json<v2::access>(docs[0].json);
    // From 8 KB to 1.1 MB, closely enough that a cliff cannot hide between two sizes (one did:
    // JSON write fell off one between 107 and 143 KB, bench/README.md).
    for (int n : {10, 30, 100, 150, 200, 400, 1000, 1500}) {
        const auto a = generated(seed, n);
        docs.push_back({"gen" + std::to_string(n), v2::to_json(a), v2::to_xml(a)});
    }
    for (auto& d : docs) finish(d);
    return docs;
}

// ---- expected allocations of a read ---------------------------------------------------------

// Strings over the small-string buffer, and the growth steps of each list filled one element
// at a time (the readers give a new list room for 4, then it doubles: capacities 4, 8, 16, ...).
struct alloc_budget {
    std::size_t long_strings = 0;
    std::size_t list_growth = 0;
};

template <class V>
void budget_of(const V& v, alloc_budget& b) {
    using namespace v2::detail;
    if constexpr (is_optional<V>::value) {
        if (v) budget_of(*v, b);
    } else if constexpr (is_nullable<V>::value) {
        if (v.has_value()) budget_of(*v, b);
    } else if constexpr (std::is_same_v<V, std::string>) {
        if (v.size() > 15) ++b.long_strings;
    } else if constexpr (is_vector<V>::value) {
        if (!v.empty()) b.list_growth += std::bit_width((v.size() - 1) >> 2) + 1;
        for (const auto& e : v) budget_of(e, b);
    } else if constexpr (v2::described<V>) {
        v2::for_each_member<V>([&](auto d, const v2::member_meta&) { budget_of(v.*d.pointer, b); });
    }
}

// ---- benchmarks -----------------------------------------------------------------------------

template <class F>
void measure(benchmark::State& state, F&& f) {
    const std::size_t before = allocations;
    for (auto _ : state) f();
    state.counters["allocs"] = double(allocations - before) / double(state.iterations());
}

struct string_writer final : pugi::xml_writer {
    std::string out;
    void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
};

std::size_t bare_walk(pugi::xml_node e) {
    std::size_t n = 0;
    for (auto a = e.first_attribute(); a; a = a.next_attribute()) n += std::strlen(a.name()) + std::strlen(a.value());
    for (auto c = e.first_child(); c; c = c.next_sibling())
        n += c.type() == pugi::node_element ? std::strlen(c.name()) + bare_walk(c) : std::strlen(c.value());
    return n;
}

void register_all(const std::vector<document>& docs) {
    auto add = [](const std::string& name, std::function<void(benchmark::State&)> f) {
        benchmark::RegisterBenchmark(name.c_str(), std::move(f))->Unit(benchmark::kMicrosecond);
    };
    for (const document& dd : docs) {
        const document* d = &dd;
        const std::string& n = d->name;
        // JSON read
        add("json_read/" + n + "/boost_parse",
            [d](benchmark::State& s) { measure(s, [&] { benchmark::DoNotOptimize(boost::json::parse(d->json)); }); });
        add("json_read/" + n + "/ours", [d](benchmark::State& s) {
            measure(s, [&] {
                auto r = v2::try_from_json<v2::access>(d->json);
                if (!r) s.SkipWithError("read failed");
                benchmark::DoNotOptimize(r);
            });
            alloc_budget b;
            budget_of(d->value, b);
            s.counters["long_strings"] = double(b.long_strings);
            s.counters["list_growth"] = double(b.list_growth);
        });
        add("json_read/" + n + "/ours_no_validate", [d](benchmark::State& s) {
            v2::read_options o;
            o.validate = false;
            measure(s, [&] { benchmark::DoNotOptimize(v2::try_from_json<v2::access>(d->json, o)); });
        });
        // The floor of any reader on basic_parser (information): the parser alone, every event
        // ignored. A reader adds to it at least what building its result costs (result/.../copy).
        add("json_read/" + n + "/parser_only", [d](benchmark::State& s) {
            measure(s, [&] {
                boost::json::basic_parser<v2::detail::json_read::null_handler> p(boost::json::parse_options{});
                boost::system::error_code ec;
                benchmark::DoNotOptimize(p.write_some(false, d->json.data(), d->json.size(), ec));
            });
        });
        add("json_read/" + n + "/nlohmann", [d](benchmark::State& s) {
            measure(s, [&] { benchmark::DoNotOptimize(nlohmann::json::parse(d->json).get<peer::access>()); });
        });
        // JSON write
        add("json_write/" + n + "/boost_serialize", [d](benchmark::State& s) {
            measure(s, [&] { benchmark::DoNotOptimize(boost::json::serialize(d->dom)); });
            s.counters["bytes"] = double(boost::json::serialize(d->dom).size());
        });
        add("json_write/" + n + "/ours", [d](benchmark::State& s) {
            measure(s, [&] { benchmark::DoNotOptimize(v2::to_json(d->value)); });
            s.counters["bytes"] = double(v2::to_json(d->value).size());
        });
        add("json_write/" + n + "/nlohmann", [d](benchmark::State& s) {
            measure(s, [&] { benchmark::DoNotOptimize(nlohmann::json(d->peer_value).dump()); });
        });
        // XML read
        add("xml_read/" + n + "/pugixml_load", [d](benchmark::State& s) {
            measure(s, [&] {
                pugi::xml_document doc;
                benchmark::DoNotOptimize(doc.load_buffer(d->xml.data(), d->xml.size()));
            });
        });
        // The floor of any reader on pugixml's DOM (information): load, then visit every node and
        // attribute and take the length of each name and value, and nothing else.
        add("xml_read/" + n + "/pugixml_walk", [d](benchmark::State& s) {
            measure(s, [&] {
                pugi::xml_document doc;
                doc.load_buffer(d->xml.data(), d->xml.size());
                benchmark::DoNotOptimize(bare_walk(doc));
            });
        });
        add("xml_read/" + n + "/ours", [d](benchmark::State& s) {
            measure(s, [&] {
                auto r = v2::try_from_xml<v2::access>(d->xml);
                if (!r) s.SkipWithError("read failed");
                benchmark::DoNotOptimize(r);
            });
        });
        // What building a reader's result costs at least (information): a copy of the value read,
        // and its destruction: every string and list allocated once, at its final size.
        add("result/" + n + "/copy", [d](benchmark::State& s) {
            measure(s, [&] {
                v2::access copy = d->value;
                benchmark::DoNotOptimize(copy);
            });
        });
        // XML write: pugixml saves the DOM of our output, unindented (format_raw), like ours.
        add("xml_write/" + n + "/pugixml_save", [d](benchmark::State& s) {
            pugi::xml_document doc;
            doc.load_buffer(d->xml_out.data(), d->xml_out.size());
            measure(s, [&] {
                string_writer w;
                doc.save(w, "", pugi::format_raw, pugi::encoding_utf8);
                benchmark::DoNotOptimize(w.out);
            });
        });
        add("xml_write/" + n + "/ours", [d](benchmark::State& s) {
            measure(s, [&] { benchmark::DoNotOptimize(v2::to_xml(d->value)); });
            s.counters["bytes"] = double(v2::to_xml(d->value).size());
        });
    }
    // Password checks cost what the configured PBKDF2 iterations cost: reported on their own.
    for (unsigned iterations : {1000u, 100000u, v2::protocol::crypto::default_iterations}) {
        add("pbkdf2/" + std::to_string(iterations), [iterations](benchmark::State& s) {
            const auto h =
                *v2::protocol::crypto::parse_password_hash(v2::protocol::crypto::hash_password("secretsecret",
                                                                                               iterations));
            measure(s, [&] { benchmark::DoNotOptimize(v2::protocol::crypto::verify_password("secretsecret", h)); });
        });
    }
    // A wrong password for a user whose hash was made at 200,000 iterations, and for a name that
    // does not exist, with the store's own pbkdf2_iterations at 1,000: the two must cost the same,
    // or the time of a 401 tells which names exist (#16, item 7).
    static const auto store = [] {
        const std::string slow = v2::protocol::crypto::hash_password("slowsecret", 200'000);
        return std::make_shared<v2::protocol::memory_backend>(
            v2::protocol::parse_memory_config(R"({"pbkdf2_iterations": 1000, "tenants": [{"id": "t", "name": "t"}],
              "users": [{"id": "u", "name": "slow", "password_hash": ")" +
                                              slow + R"("},
                        {"id": "f", "name": "fast", "password": "fastsecret"}]})")
                .value());
    }();
    for (const char* name : {"slow", "nobody"}) {
        add(std::string("wrong_password/") + (name == std::string("slow") ? "known_user" : "unknown_user"),
            [name](benchmark::State& s) {
                v2::auth a;
                a.password_credentials = v2::password_credentials{.username = name, .password = "wrong"};
                measure(s, [&] { benchmark::DoNotOptimize(store->authenticate(a)); });
            });
    }
}

// ---- the token validator, on a cached token ---------------------------------------------------

namespace ia = openstack::identity::v2::asio;

// The identity server (memory backend, demo user) on loopback, a validator with a static admin
// token, and a token of the demo user that the validator has validated once.
struct validator_setup {
    ia::server srv;
    boost::asio::thread_pool pool{1};
    std::optional<ia::token_validator> tv;
    std::string token;

    static ia::server_options options() {
        ia::server_options o;
        o.public_listener = {"127.0.0.1", 0};
        o.admin_listener = ia::listen_address{"127.0.0.1", 0};
        o.threads = 1;
        o.handle_signals = false;
        return o;
    }
    validator_setup()
        : srv(std::make_shared<v2::protocol::memory_backend>(v2::protocol::parse_memory_config(
                                                                 R"({"admin_token": "ADMIN", "pbkdf2_iterations": 1000,
                          "tenants": [{"id": "t-demo", "name": "demo"}],
                          "roles": [{"id": "r-member", "name": "Member"}, {"id": "r-other", "name": "anotherrole"}],
                          "users": [{"id": "u-demo", "name": "demo", "password": "secretsecret"}],
                          "assignments": [{"user": "demo", "tenant": "demo", "roles": ["Member", "anotherrole"]}],
                          "catalog": [{"type": "compute", "name": "nova", "endpoints": [{"region": "RegionOne",
                            "publicURL": "http://127.0.0.1:8774/v2", "adminURL": "http://127.0.0.1:8774/v2"}]}]})")
                                                                 .value()),
              options()) {
        srv.listen();
        srv.start();
        ia::client pub(srv.public_url());
        token = pub.async_authenticate(ia::password_auth("demo", "secretsecret", {.tenant_name = "demo"}),
                                       ia::use_blocking)
                    .value()
                    .token.id;
        ia::token_validator_options o;
        o.identity_url = srv.admin_url();
        o.admin_token = "ADMIN";
        o.accepted_roles = {"Member"};
        tv.emplace(pool.get_executor(), o);
        if (!tv->async_validate(token, std::nullopt, ia::use_blocking).value().confirmed())
            throw std::runtime_error("the bench's token is not confirmed");
    }
    ~validator_setup() {
        srv.stop();
        srv.wait();
        pool.join();
    }
};

// Runs the benchmark loop inside a coroutine (the validator's operations are awaited), counting
// allocations as measure() does.
template <class Step>
void measure_awaited(benchmark::State& state, Step step) {
    boost::asio::io_context ioc;
    boost::asio::co_spawn(
        ioc,
        [&]() -> boost::asio::awaitable<void> {
            const std::size_t before = allocations;
            for (auto _ : state)
                if (!co_await step()) state.SkipWithError("not confirmed");
            state.counters["allocs"] = double(allocations - before) / double(state.iterations());
        },
        boost::asio::detached);
    ioc.run();
}

void register_validator() {
    auto add = [](const std::string& name, std::function<void(benchmark::State&)> f) {
        benchmark::RegisterBenchmark(name.c_str(), std::move(f))->Unit(benchmark::kMicrosecond);
    };
    static std::unique_ptr<validator_setup> setup;
    auto get = []() -> validator_setup& {
        if (!setup) setup = std::make_unique<validator_setup>();
        return *setup;
    };
    // The validation itself: the cache in process, the accepted role check.
    add("validator/cached_validate", [get](benchmark::State& s) {
        auto& v = get();
        measure_awaited(s, [&]() -> boost::asio::awaitable<bool> {
            auto r = co_await v.tv->async_validate(v.token, std::nullopt, boost::asio::use_awaitable);
            co_return r && r->confirmed();
        });
    });
    // What a protected request pays: the middleware on a request header (forged identity headers
    // removed, the token validated, the identity headers set, the catalog as JSON among them).
    add("validator/cached_middleware", [get](benchmark::State& s) {
        auto& v = get();
        boost::beast::http::request<boost::beast::http::empty_body> base{boost::beast::http::verb::get, "/v1/x", 11};
        base.set("X-Auth-Token", v.token);
        base.set("X-Roles", "admin");
        base.set(boost::beast::http::field::host, "service");
        measure_awaited(s, [&]() -> boost::asio::awaitable<bool> {
            auto req = base;
            auto answer = co_await ia::authorize(*v.tv, req.base());
            co_return !answer && req["X-Identity-Status"] == "Confirmed";
        });
    });
}

}  // namespace

int main(int argc, char** argv) {
    static const std::vector<document> docs = load_documents();
    register_all(docs);
    register_validator();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
