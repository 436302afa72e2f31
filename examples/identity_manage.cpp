// identity-manage: what an operator does to an identity server's state outside the server.
//
//   identity-manage fernet-setup --keys DIR [--max-active-keys N]
//   identity-manage fernet-rotate --keys DIR [--max-active-keys N]
//   identity-manage db-sync --store URL
//   identity-manage bootstrap --store URL --config FILE
//
// The key repository is Keystone's (keystone-manage fernet_setup / fernet_rotate): files named
// 0 (the staged key), 1..N (the highest is the primary, which mints tokens); each rotation makes
// the staged key primary, writes a new staged key and removes the oldest past max_active_keys
// (default 3). Every server sharing tokens needs the same repository: rotate on one node, then
// copy the directory to the others (docs/server.md).
//
// The database (URL: sqlite:PATH or postgresql://user@host:port/db) is keystone-manage's:
// db-sync creates or migrates the schema to this program's version and prints it, once per
// deployment and release (a server never migrates on its own); bootstrap loads a configuration's
// tenants, roles, users, assignments and catalog into a database that holds none of them. Like
// keystone-manage bootstrap it may be run again: a database that already holds data is left as it
// is, exit 0, "already holds data".
//
// Exit 0 on success, 1 when the repository or the database cannot be made, read or changed (the
// message names the file or the store), 2 for a usage error.

#include <openstack/identity/v2/protocol/fernet.hpp>
#include <openstack/identity/v2/protocol/memory_store.hpp>
#include <openstack/identity/v2/protocol/sql_store.hpp>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>
#include <optional>
#include <string>
#include <string_view>

namespace proto = openstack::identity::v2::protocol;
namespace fernet = proto::fernet;

namespace {

int usage() {
    std::cerr << "usage: identity-manage fernet-setup --keys DIR [--max-active-keys N]\n"
                 "       identity-manage fernet-rotate --keys DIR [--max-active-keys N]\n"
                 "       identity-manage db-sync --store URL\n"
                 "       identity-manage bootstrap --store URL --config FILE\n";
    return 2;
}

// One line: an engine's message (libpq's) may run over several.
int failed(std::string_view cmd, std::string what) {
    std::replace_if(
        what.begin(), what.end(), [](char c) { return c == '\n' || c == '\t'; }, ' ');
    std::cerr << "identity-manage: " << cmd << ": " << what << "\n";
    return 1;
}

// db-sync and bootstrap: the database at `url`.
int database(std::string_view cmd, const std::string& url, const std::optional<std::string>& config) {
    std::optional<proto::memory_config> cfg;
    if (config) {
        std::ifstream in(*config, std::ios::binary);
        if (!in) return failed(cmd, "cannot read " + *config);
        std::stringstream ss;
        ss << in.rdbuf();
        auto parsed = proto::parse_memory_config(ss.str());
        if (!parsed) return failed(cmd, *config + ": " + parsed.error().what());
        cfg = std::move(*parsed);
    }
    auto pool = proto::sql::pool::open(url, {.size = 1});
    if (!pool) return failed(cmd, url + ": " + pool.error().what());
    if (cmd == "db-sync") {
        const auto v = proto::sql::db_sync(**pool);
        if (!v) return failed(cmd, url + ": " + v.error().what());
        std::cout << url << ": schema version " << *v << "\n";
        return 0;
    }
    // Said in this tool's words: the library's message names its function.
    const auto version = proto::sql::schema_version(**pool);
    if (!version) return failed(cmd, url + ": " + version.error().what());
    if (*version < proto::sql::latest_version)
        return failed(cmd, url + ": the database's schema is version " + std::to_string(*version) +
                               ", this program's " + std::to_string(proto::sql::latest_version) +
                               ": run identity-manage db-sync --store URL first");
    auto store = proto::sql_store::open(std::move(*pool));
    if (!store) return failed(cmd, url + ": " + store.error().what());
    const auto loaded = (*store)->bootstrap(*cfg);
    if (!loaded) return failed(cmd, url + ": " + loaded.error().what());
    std::cout << url
              << (*loaded ? ": bootstrapped from " + *config : std::string(": already holds data, left as it is"))
              << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage();
    const std::string_view cmd = argv[1];
    std::optional<std::string> keys, store, config;
    unsigned max_active = fernet::default_max_active_keys;
    for (int i = 2; i < argc; ++i) {
        const std::string_view a = argv[i];
        const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
        if (!v) return usage();
        ++i;
        if (a == "--keys") {
            keys = v;
        } else if (a == "--store") {
            store = v;
        } else if (a == "--config") {
            config = v;
        } else if (a == "--max-active-keys") {
            const std::string_view s = v;
            const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), max_active);
            // Keystone's own floor: one key, the staged one, is all a rotation may leave.
            if (ec != std::errc{} || end != s.data() + s.size() || max_active < 1 || max_active > 1000) {
                std::cerr << "identity-manage: --max-active-keys must be an integer between 1 and 1000\n";
                return 2;
            }
        } else {
            return usage();
        }
    }
    if (cmd == "db-sync" || cmd == "bootstrap") {
        if (keys || !store || store->empty() || (cmd == "bootstrap") != config.has_value()) return usage();
        return database(cmd, *store, config);
    }
    if (store || config || !keys || keys->empty()) return usage();
    if (cmd != "fernet-setup" && cmd != "fernet-rotate") return usage();
    // A repository with a file that is no key is refused before it changes: rotating it would
    // hand the broken file on to every node it is copied to.
    if (cmd == "fernet-rotate")
        if (const auto before = fernet::load_keys(*keys); !before) {
            std::cerr << "identity-manage: " << cmd << ": " << before.error().what() << "\n";
            return 1;
        }
    const auto r = cmd == "fernet-setup" ? fernet::setup(*keys, max_active) : fernet::rotate(*keys, max_active);
    if (!r) {
        std::cerr << "identity-manage: " << cmd << ": " << r.error().what() << "\n";
        return 1;
    }
    const auto loaded = fernet::load_keys(*keys);
    if (!loaded) {
        std::cerr << "identity-manage: " << cmd << ": " << loaded.error().what() << "\n";
        return 1;
    }
    std::cout << *keys << ": " << loaded->size() << " keys\n";
    return 0;
}
