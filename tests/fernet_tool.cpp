// Fernet tokens from the command line, for tests/fernet_interop.py (Keystone's own code on the
// other side) and by hand:
//   fernet_tool setup DIR [MAX_ACTIVE_KEYS]
//   fernet_tool rotate DIR [MAX_ACTIVE_KEYS]
//   fernet_tool mint DIR USER_ID METHODS EXPIRES_US [--project ID] [--audit ID]...
//   fernet_tool read DIR TOKEN [--now-us US]
// EXPIRES_US and US are microseconds since the epoch. read prints the payload as JSON. Errors go
// to stderr, with exit status 1 (2 for usage).

#include <openstack/identity/v2/protocol/fernet.hpp>

#include <boost/json.hpp>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace fernet = openstack::identity::v2::protocol::fernet;

namespace {

int usage() {
    std::cerr << "usage: fernet_tool setup|rotate DIR [MAX_ACTIVE_KEYS]\n"
                 "       fernet_tool mint DIR USER_ID METHODS EXPIRES_US [--project ID] [--audit ID]...\n"
                 "       fernet_tool read DIR TOKEN [--now-us US]\n";
    return 2;
}

template <class T>
bool number(std::string_view s, T& out) {
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && end == s.data() + s.size();
}

template <class R>
int fail(const R& r) {
    std::cerr << "fernet_tool: " << r.error().what() << " [" << r.error().code.message() << "]\n";
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.size() < 2) return usage();
    const std::string_view cmd = args[0];
    const std::string dir(args[1]);
    using us = std::chrono::microseconds;

    if (cmd == "setup" || cmd == "rotate") {
        unsigned max = fernet::default_max_active_keys;
        if (args.size() > 3 || (args.size() == 3 && !number(args[2], max))) return usage();
        const auto r = cmd == "setup" ? fernet::setup(dir, max) : fernet::rotate(dir, max);
        return r ? 0 : fail(r);
    }

    const auto provider = fernet::provider::load(dir);
    if (!provider) return fail(provider);

    if (cmd == "mint") {
        fernet::payload p;
        std::int64_t expires = 0;
        if (args.size() < 5 || !number(args[3], p.methods) || !number(args[4], expires)) return usage();
        p.user_id = args[2];
        p.expires_at = std::chrono::sys_time<us>{us{expires}};
        for (std::size_t i = 5; i < args.size(); i += 2) {
            if (i + 1 == args.size()) return usage();
            if (args[i] == "--project") p.project_id = std::string(args[i + 1]);
            else if (args[i] == "--audit") p.audit_ids.emplace_back(args[i + 1]);
            else return usage();
        }
        const auto token = provider->mint(p);
        if (!token) return fail(token);
        std::cout << *token << "\n";
        return 0;
    }

    if (cmd == "read") {
        auto now = std::chrono::system_clock::now();
        if (args.size() == 5 && args[3] == "--now-us") {
            std::int64_t n = 0;
            if (!number(args[4], n)) return usage();
            now = std::chrono::system_clock::time_point{us{n}};
        } else if (args.size() != 3) {
            return usage();
        }
        const auto info = provider->read(args[2], now);
        if (!info) return fail(info);
        const fernet::payload& p = info->payload;
        boost::json::array audit;
        for (const auto& a : p.audit_ids) audit.emplace_back(a);
        boost::json::object o{
            {"version", p.version()},        {"user_id", p.user_id},
            {"methods", p.methods},          {"expires_at_us", p.expires_at.time_since_epoch().count()},
            {"audit_ids", std::move(audit)}, {"issued_at", info->issued_at.time_since_epoch().count()}};
        if (p.project_id) o["project_id"] = *p.project_id;
        else o["project_id"] = nullptr;
        std::cout << boost::json::serialize(o) << "\n";
        return 0;
    }
    return usage();
}
