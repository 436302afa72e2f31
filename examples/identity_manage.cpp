// identity-manage: what an operator does to an identity server's state outside the server.
//
//   identity-manage fernet-setup --keys DIR [--max-active-keys N]
//   identity-manage fernet-rotate --keys DIR [--max-active-keys N]
//
// The key repository is Keystone's (keystone-manage fernet_setup / fernet_rotate): files named
// 0 (the staged key), 1..N (the highest is the primary, which mints tokens); each rotation makes
// the staged key primary, writes a new staged key and removes the oldest past max_active_keys
// (default 3). Every server sharing tokens needs the same repository: rotate on one node, then
// copy the directory to the others (docs/server.md). Exit 0 on success, 1 when the repository
// cannot be made or rotated (the message names the file), 2 for a usage error.

#include <openstack/identity/v2/protocol/fernet.hpp>

#include <charconv>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

namespace fernet = openstack::identity::v2::protocol::fernet;

namespace {

int usage() {
    std::cerr << "usage: identity-manage fernet-setup --keys DIR [--max-active-keys N]\n"
                 "       identity-manage fernet-rotate --keys DIR [--max-active-keys N]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage();
    const std::string_view cmd = argv[1];
    std::optional<std::string> keys;
    unsigned max_active = fernet::default_max_active_keys;
    for (int i = 2; i < argc; ++i) {
        const std::string_view a = argv[i];
        const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
        if (!v) return usage();
        ++i;
        if (a == "--keys") {
            keys = v;
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
    if (!keys || keys->empty()) return usage();
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
