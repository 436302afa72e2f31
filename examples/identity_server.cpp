// identity-server: an OpenStack Identity v2.0 server, its store in memory (loaded from JSON) or in SQL.
//
//   identity-server --config examples/demo.json [--public HOST:PORT] [--admin HOST:PORT]
//                   [--data DIR] [--store memory|sqlite:PATH|postgresql://...] [--db-pool N]
//                   [--token-provider uuid|fernet] [--fernet-keys DIR]
//                   [--threads N] [--public-url URL] [--admin-url URL]
//                   [--body-limit BYTES] [--max-connections N] [--max-connections-per-address N]
//                   [--max-requests-per-connection N] [--auth-threads N] [--auth-queue N]
//   identity-server --hash-password [--iterations N] < password   (prints a password_hash value)
//
// Without --store, the server keeps its state in a SQLite database of its own, identity.sqlite in
// the data folder (--data DIR; by default $STATE_DIRECTORY as systemd's StateDirectory= sets it,
// else $XDG_STATE_HOME/openstack-identity-v2, else ~/.local/state/openstack-identity-v2): made
// (mode 0700) and brought to this program's schema on start, bootstrapped from --config the first
// time. Tokens, revocations and whatever the database holds survive a restart.
//
// --store memory keeps everything in this process, loaded from --config. A SQL store named by
// --store (sqlite:PATH, postgresql://user@host:port/db) may be shared by several servers: its
// schema must be at this program's version (identity-manage db-sync --store URL; the server never
// migrates a store it may share), and a database that holds no tenant, role, user or catalog entry
// yet is bootstrapped from --config; one that does is left as it is, --config then giving the
// settings only (admin token, token lifetime, ...). SQL calls block: requests are handled on
// max(2, --db-pool) threads of their own, off the I/O threads.
//
// Tokens are UUIDs kept in memory (the default), or Keystone's Fernet tokens minted with the keys of
// a Keystone key repository (identity-manage fernet-setup, or keystone-manage fernet_setup): a
// repository that cannot be read, or holds no key or a bad one, stops it before it listens (exit
// code 1, the file named). The repository is read again every second while tokens are used, so a
// rotation (identity-manage fernet-rotate, or the repository copied from the node that rotates)
// needs no restart; a repository unreadable at that moment leaves the keys as they were.
//
// On start it prints one line per listener ("public http://127.0.0.1:5000") on stdout; port 0
// picks an ephemeral port. SIGINT or SIGTERM stops it gracefully. One access-log line per
// request goes to stderr (method, path with token ids masked, status: never bodies, passwords or tokens).

#include <openstack/identity/v2/protocol/fernet.hpp>
#include <openstack/identity/v2/protocol/memory_backend.hpp>
#include <openstack/identity/v2/protocol/memory_store.hpp>
#include <openstack/identity/v2/protocol/sql_store.hpp>
#include <openstack/identity/v2/protocol/standard_backend.hpp>
#include <openstack/identity/v2/protocol/token_provider.hpp>
#include <openstack/identity/v2/asio/server.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

namespace v2 = openstack::identity::v2;
namespace ia = openstack::identity::v2::asio;
namespace proto = openstack::identity::v2::protocol;

namespace {

int usage() {
    std::cerr << "usage: identity-server --config FILE [--public HOST:PORT] [--admin HOST:PORT] [--threads N]\n"
                 "                       [--data DIR] [--store memory|sqlite:PATH|postgresql://...] [--db-pool N]\n"
                 "                       [--token-provider uuid|fernet] [--fernet-keys DIR]\n"
                 "                       [--public-url URL] [--admin-url URL]\n"
                 "                       [--body-limit BYTES] [--max-connections N] [--max-connections-per-address N]\n"
                 "                       [--max-requests-per-connection N] [--auth-threads N] [--auth-queue N]\n"
                 "       identity-server --hash-password [--iterations N] < password\n";
    return 2;
}

bool parse_address(std::string_view s, ia::listen_address& out) {
    const auto colon = s.rfind(':');
    if (colon == std::string_view::npos) return false;
    std::string host(s.substr(0, colon));
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (host.empty()) return false;
    const std::string port(s.substr(colon + 1));
    char* end = nullptr;
    const long p = std::strtol(port.c_str(), &end, 10);
    if (port.empty() || *end || p < 0 || p > 65535) return false;
    out.host = host;
    out.port = static_cast<unsigned short>(p);
    return true;
}

// A number in [lo, hi], said in full ("--threads must be an integer between 1 and 256").
std::optional<unsigned long long> number(std::string_view flag, const char* v, unsigned long long lo,
                                         unsigned long long hi) {
    char* end = nullptr;
    errno = 0;
    const unsigned long long n = v && *v != '-' ? std::strtoull(v, &end, 10) : 0;
    if (!v || !*v || *v == '-' || *end || errno || n < lo || n > hi) {
        std::cerr << "identity-server: " << flag << " must be an integer between " << lo << " and " << hi << "\n";
        return std::nullopt;
    }
    return n;
}

// An engine's message on one line (libpq's run over several).
std::string one_line(std::string s) {
    std::replace_if(
        s.begin(), s.end(), [](char c) { return c == '\n' || c == '\t'; }, ' ');
    return s;
}

// The default data folder (see the top of this file); empty when there is no home to put it in.
std::filesystem::path default_data_folder() {
    if (const char* d = std::getenv("STATE_DIRECTORY"); d && *d) {
        // systemd may list several, separated by colons: the first is the service's own.
        const std::string_view all(d);
        return std::filesystem::path(std::string(all.substr(0, all.find(':'))));
    }
    if (const char* x = std::getenv("XDG_STATE_HOME"); x && *x == '/')
        return std::filesystem::path(x) / "openstack-identity-v2";
    if (const char* h = std::getenv("HOME"); h && *h == '/')
        return std::filesystem::path(h) / ".local/state/openstack-identity-v2";
    return {};
}

// The data folder, made when missing, readable by its owner only (it holds password hashes).
v2::result<void> make_data_folder(const std::filesystem::path& dir) {
    std::error_code ec;
    if (std::filesystem::create_directories(dir, ec) && !ec)
        std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
    if (ec || !std::filesystem::is_directory(dir, ec))
        return proto::backend_error(v2::fault_kind::identity_fault,
                                    "cannot make the data folder " + dir.string() + ": " +
                                        (ec ? ec.message() : std::string("not a directory")));
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    std::string config_path;
    std::string token_provider = "uuid";
    std::optional<std::string> store_url;  // none: the data folder's own SQLite database
    std::optional<std::filesystem::path> data_folder;
    std::size_t db_pool = 4;
    std::optional<std::string> fernet_keys;
    ia::server_options opt;
    bool hash_mode = false;
    unsigned iterations = proto::crypto::default_iterations;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        if (a == "--config") {
            const char* v = next();
            if (!v) return usage();
            config_path = v;
        } else if (a == "--store") {
            const char* v = next();
            if (!v || !*v) return usage();
            store_url = v;
        } else if (a == "--data") {
            const char* v = next();
            if (!v || !*v) return usage();
            data_folder = v;
        } else if (a == "--db-pool") {
            const auto n = number(a, next(), 1, 256);
            if (!n) return 2;
            db_pool = static_cast<std::size_t>(*n);
        } else if (a == "--token-provider") {
            const char* v = next();
            if (!v || (std::string_view(v) != "uuid" && std::string_view(v) != "fernet")) {
                std::cerr << "identity-server: --token-provider takes uuid or fernet\n";
                return 2;
            }
            token_provider = v;
        } else if (a == "--fernet-keys") {
            const char* v = next();
            if (!v) return usage();
            fernet_keys = v;
        } else if (a == "--public" || a == "--admin") {
            const char* v = next();
            ia::listen_address la;
            if (!v || !parse_address(v, la)) {
                std::cerr << "identity-server: " << a << " takes HOST:PORT\n";
                return 2;
            }
            if (a == "--public") opt.public_listener = la;
            else opt.admin_listener = la;
        } else if (a == "--threads") {
            const auto n = number(a, next(), 1, 256);
            if (!n) return 2;
            opt.threads = static_cast<unsigned>(*n);
        } else if (a == "--public-url") {
            const char* v = next();
            if (!v) return usage();
            opt.public_url = v;
        } else if (a == "--admin-url") {
            const char* v = next();
            if (!v) return usage();
            opt.admin_url = v;
        } else if (a == "--body-limit") {
            const auto n = number(a, next(), 1024, 1ull << 30);
            if (!n) return 2;
            opt.body_limit = static_cast<std::size_t>(*n);
        } else if (a == "--max-connections") {
            const auto n = number(a, next(), 1, 1'000'000);
            if (!n) return 2;
            opt.max_connections = static_cast<std::size_t>(*n);
        } else if (a == "--max-connections-per-address") {
            const auto n = number(a, next(), 0, 1'000'000);
            if (!n) return 2;
            opt.max_connections_per_address = static_cast<std::size_t>(*n);
        } else if (a == "--max-requests-per-connection") {
            const auto n = number(a, next(), 0, 1'000'000'000);
            if (!n) return 2;
            opt.max_requests_per_connection = static_cast<std::size_t>(*n);
        } else if (a == "--auth-threads") {
            const auto n = number(a, next(), 0, 256);
            if (!n) return 2;
            opt.auth_threads = static_cast<unsigned>(*n);
        } else if (a == "--auth-queue") {
            const auto n = number(a, next(), 1, 1'000'000);
            if (!n) return 2;
            opt.auth_queue = static_cast<std::size_t>(*n);
        } else if (a == "--hash-password") {
            hash_mode = true;
        } else if (a == "--iterations") {
            const auto n = number(a, next(), 1, 10'000'000);
            if (!n) return 2;
            iterations = static_cast<unsigned>(*n);
        } else {
            return usage();
        }
    }

    if (hash_mode) {
        std::string password;
        std::getline(std::cin, password);
        std::cout << proto::crypto::hash_password(password, iterations) << '\n';
        return 0;
    }
    if (config_path.empty()) return usage();
    if (fernet_keys.has_value() != (token_provider == "fernet")) {
        std::cerr << "identity-server: --token-provider fernet and --fernet-keys DIR go together\n";
        return 2;
    }

    std::ifstream in(config_path, std::ios::binary);
    if (!in) {
        std::cerr << "identity-server: cannot read " << config_path << '\n';
        return 1;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    auto cfg = proto::parse_memory_config(ss.str());
    if (!cfg) {
        std::cerr << "identity-server: " << config_path << ": " << cfg.error().what() << '\n';
        return 1;
    }
    std::shared_ptr<proto::token_provider> provider;
    if (fernet_keys) {
        auto keys = proto::fernet_provider::open(*fernet_keys);
        if (!keys) {
            std::cerr << "identity-server: Fernet keys: " << keys.error().what() << '\n';
            return 1;
        }
        provider = std::move(*keys);
    }
    if (store_url && data_folder) {
        std::cerr << "identity-server: --data is the folder of the server's own database: not with --store\n";
        return 2;
    }
    // The embedded store: the data folder's database, which this server alone uses, so it
    // migrates it itself.
    bool own_store = false;
    if (!store_url) {
        if (!data_folder) data_folder = default_data_folder();
        if (data_folder->empty()) {
            std::cerr << "identity-server: no data folder: set HOME, or give --data DIR or --store URL\n";
            return 2;
        }
        if (auto r = make_data_folder(*data_folder); !r) {
            std::cerr << "identity-server: " << r.error().what() << '\n';
            return 1;
        }
        store_url = "sqlite:" + (*data_folder / "identity.sqlite").string();
        own_store = true;
        std::clog << "identity-server: data in " << data_folder->string() << std::endl;
    }
    std::shared_ptr<proto::standard_backend> backend;
    if (*store_url == "memory") {
        if (provider) {
            auto options = proto::memory_backend_options(*cfg);
            backend = std::make_shared<proto::standard_backend>(std::make_shared<proto::memory_store>(std::move(*cfg)),
                                                                std::move(provider), std::move(options));
        } else {
            backend = std::make_shared<proto::memory_backend>(std::move(*cfg));
        }
    } else {
        // Every failure here is before listening: a server starts whole or not at all.
        auto fail = [&](const v2::error& e) {
            std::cerr << "identity-server: --store " << *store_url << ": " << one_line(e.what()) << '\n';
            return 1;
        };
        auto pool = proto::sql::pool::open(*store_url, {.size = db_pool});
        if (!pool) return fail(pool.error());
        const auto version = own_store ? proto::sql::db_sync(**pool) : proto::sql::schema_version(**pool);
        if (!version) return fail(version.error());
        if (*version < proto::sql::latest_version) {
            std::cerr << "identity-server: --store " << *store_url << ": the database's schema is version " << *version
                      << ", this program's " << proto::sql::latest_version
                      << ": run identity-manage db-sync --store URL first\n";
            return 1;
        }
        auto store = proto::sql_store::open(std::move(*pool));
        if (!store) return fail(store.error());
        std::shared_ptr<proto::sql_store> shared = std::move(*store);
        const auto loaded = shared->bootstrap(*cfg);
        if (!loaded) return fail(loaded.error());
        std::clog << "identity-server: "
                  << (*loaded ? "bootstrapped from " + config_path
                              : std::string("database already holds data; --config used for settings only"))
                  << std::endl;
        if (!provider) provider = std::make_shared<proto::uuid_provider>(shared, cfg->max_tokens_per_user);
        backend = std::make_shared<proto::standard_backend>(shared, std::move(provider),
                                                            proto::memory_backend_options(*cfg));
        opt.backend_threads = static_cast<unsigned>(std::max<std::size_t>(2, db_pool));
    }
    // One write per line: lines from the server's threads never interleave.
    opt.log = [](const std::string& line) {
        std::string l = line + '\n';
        std::fwrite(l.data(), 1, l.size(), stderr);
    };

    try {
        ia::server srv(backend, opt);
        srv.listen();
        backend->set_listener_urls(srv.public_url(), srv.admin_url());
        std::cout << "public " << srv.public_url() << '\n' << "admin " << srv.admin_url() << std::endl;
        srv.run();
        std::clog << "identity-server: stopped" << std::endl;
    } catch (const std::exception& e) {
        std::cerr << "identity-server: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
