#ifndef OPENSTACK_IDENTITY_V2_CATALOG_HPP
#define OPENSTACK_IDENTITY_V2_CATALOG_HPP

// Service catalog lookup on an `access` value. No transport: usable on any token response.
//
// The rule (docs/client.md):
//  1. services: `type` equal to the requested type (exact), and `name` equal when one is asked for;
//  2. endpoints: every endpoint of those services, in catalog order, whose region equals the
//     requested one (exact) when one is given; with no region every region is considered; with an
//     endpoint id only that endpoint;
//  3. interfaces: tried in the preference order given (default: public only); the first interface
//     for which some endpoint has a non-empty URL wins; empty URLs (Keystone's `publicURL: ""`) are skipped;
//  4. several endpoints left: `first` takes the first in catalog order (keystoneauth, gophercloud);
//     `strict` fails with `catalog_errc::ambiguous` and lists the candidates, unless all of them carry
//     the same URL (duplicated entries are not an ambiguity).

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/model/access.hpp>

#include <boost/system/error_category.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>
#include <boost/system/system_error.hpp>
#include <boost/throw_exception.hpp>

#include <algorithm>
#include <cctype>
#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

enum class interface_type : unsigned char { public_, internal, admin };

constexpr std::string_view interface_name(interface_type i) noexcept {
    switch (i) {
    case interface_type::public_: return "public";
    case interface_type::internal: return "internal";
    case interface_type::admin: return "admin";
    }
    return "public";
}

// "public", "publicURL", "internal", "internalURL", "admin", "adminURL", case-insensitive.
inline std::optional<interface_type> parse_interface(std::string_view s) noexcept {
    std::string l;
    for (char c : s) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (l.size() > 3 && l.ends_with("url")) l.resize(l.size() - 3);
    if (l == "public") return interface_type::public_;
    if (l == "internal" || l == "private") return interface_type::internal;
    if (l == "admin") return interface_type::admin;
    return std::nullopt;
}

inline const std::optional<std::string>& endpoint_url(const endpoint& e, interface_type i) noexcept {
    switch (i) {
    case interface_type::internal: return e.internal_url;
    case interface_type::admin: return e.admin_url;
    default: return e.public_url;
    }
}

enum class match_policy : unsigned char {
    first,   // several candidates: the first in catalog order
    strict,  // several candidates with different URLs: catalog_errc::ambiguous
};

struct endpoint_filter {
    std::string service_type;
    std::vector<interface_type> interfaces{interface_type::public_};  // in order of preference
    std::optional<std::string> region;
    std::optional<std::string> service_name;
    std::optional<std::string> endpoint_id;
    match_policy policy = match_policy::first;
};

// One candidate: the service, the endpoint, the interface and its URL.
struct endpoint_match {
    const catalog_entry* service = nullptr;
    const v2::endpoint* endpoint = nullptr;
    interface_type interface = interface_type::public_;
    std::string url;
    std::string region;  // empty when the endpoint has none
};

enum class catalog_errc {
    no_catalog = 1,  // the access has no service catalog (unscoped token)
    no_service,      // no service of that type (and name)
    no_endpoint,     // services found, but no endpoint for the region / interfaces asked
    ambiguous,       // strict lookup and several endpoints with different URLs
    bad_interface,   // an interface name that is none of public/internal/admin
};

class catalog_category_impl : public boost::system::error_category {
public:
    constexpr catalog_category_impl() noexcept : boost::system::error_category(0x6f73696476320003ull) {}
    const char* name() const noexcept override { return "openstack.identity.v2.catalog"; }
    std::string message(int ev) const override {
        switch (static_cast<catalog_errc>(ev)) {
        case catalog_errc::no_catalog: return "the token has no service catalog";
        case catalog_errc::no_service: return "no service of that type in the catalog";
        case catalog_errc::no_endpoint: return "no endpoint matches the region and interface";
        case catalog_errc::ambiguous: return "several endpoints match";
        case catalog_errc::bad_interface: return "unknown interface";
        }
        return "catalog error";
    }
};

inline const boost::system::error_category& catalog_category() noexcept {
    static constexpr catalog_category_impl instance;
    return instance;
}

inline boost::system::error_code make_error_code(catalog_errc e) noexcept {
    return {static_cast<int>(e), catalog_category()};
}

struct catalog_error {
    boost::system::error_code code;
    std::string message;                     // says what was asked, and lists the candidates
    std::vector<endpoint_match> candidates;  // for `ambiguous` (and `no_endpoint`: what the service has)
    std::string what() const { return message.empty() ? code.message() : message; }
};

class catalog_exception : public boost::system::system_error {
public:
    explicit catalog_exception(catalog_error e) : boost::system::system_error(e.code, e.what()), error_(std::move(e)) {}
    const catalog_error& error() const noexcept { return error_; }

private:
    catalog_error error_;
};

[[noreturn]] inline void throw_exception_from_error(const catalog_error& e, const boost::source_location& loc) {
    boost::throw_exception(catalog_exception(e), loc);
}

template <class T>
using catalog_result = boost::system::result<T, catalog_error>;

namespace detail {

inline std::string describe_match(const endpoint_match& m) {
    std::string s(interface_name(m.interface));
    s.append(" ").append(m.url);
    if (!m.region.empty()) s.append(" (region ").append(m.region).append(")");
    if (m.service && m.service->name) s.append(" [").append(*m.service->name).append("]");
    return s;
}

inline std::string describe_filter(const endpoint_filter& f) {
    std::string s = "type '" + f.service_type + "'";
    if (f.service_name) s += ", name '" + *f.service_name + "'";
    if (f.region) s += ", region '" + *f.region + "'";
    if (f.endpoint_id) s += ", endpoint id '" + *f.endpoint_id + "'";
    s += ", interface ";
    for (std::size_t i = 0; i < f.interfaces.size(); ++i) {
        if (i) s += "|";
        s += interface_name(f.interfaces[i]);
    }
    return s;
}

}  // namespace detail

// Every endpoint of the matching services and regions, for every requested interface with a
// non-empty URL, in preference order then catalog order. The lookup's candidate list.
// (The lookups are templates on `access` only so that a program that never calls them does
// not compile them.)
template <std::same_as<access> A>
std::vector<endpoint_match> endpoint_candidates(const A& a, const endpoint_filter& f) {
    std::vector<endpoint_match> out;
    if (!a.service_catalog) return out;
    for (interface_type itf : f.interfaces) {
        for (const catalog_entry& s : *a.service_catalog) {
            if (s.type != f.service_type) continue;
            if (f.service_name && s.name.value_or("") != *f.service_name) continue;
            for (const endpoint& e : s.endpoints) {
                const std::string region = e.region.has_value() ? *e.region : std::string();
                if (f.region && region != *f.region) continue;
                if (f.endpoint_id && e.id.value_or("") != *f.endpoint_id) continue;
                const auto& u = endpoint_url(e, itf);
                if (!u || u->empty()) continue;
                out.push_back(endpoint_match{&s, &e, itf, *u, region});
            }
        }
    }
    return out;
}

// The lookup described at the top of this file.
template <std::same_as<access> A>
catalog_result<endpoint_match> find_endpoint(const A& a, const endpoint_filter& f) {
    auto fail = [&](catalog_errc c, std::string msg, std::vector<endpoint_match> cands = {}) {
        return catalog_error{make_error_code(c), std::move(msg), std::move(cands)};
    };
    if (!a.service_catalog || a.service_catalog->empty())
        return fail(catalog_errc::no_catalog, "the token has no service catalog (unscoped token?)");
    if (f.interfaces.empty()) return fail(catalog_errc::bad_interface, "no interface requested");
    const bool any_service =
        std::any_of(a.service_catalog->begin(), a.service_catalog->end(), [&](const catalog_entry& s) {
            return s.type == f.service_type && (!f.service_name || s.name.value_or("") == *f.service_name);
        });
    if (!any_service) return fail(catalog_errc::no_service, "no service matches " + detail::describe_filter(f));
    auto all = endpoint_candidates(a, f);
    if (all.empty()) {
        endpoint_filter loose = f;
        loose.region.reset();
        loose.endpoint_id.reset();
        loose.interfaces = {interface_type::public_, interface_type::internal, interface_type::admin};
        auto available = endpoint_candidates(a, loose);
        std::string msg = "no endpoint matches " + detail::describe_filter(f);
        if (!available.empty()) {
            msg += "; the catalog has:";
            for (const auto& m : available) msg += "\n  " + detail::describe_match(m);
        }
        return fail(catalog_errc::no_endpoint, std::move(msg), std::move(available));
    }
    // Only the best interface's candidates compete.
    std::vector<endpoint_match> best;
    for (auto& m : all)
        if (m.interface == all.front().interface) best.push_back(m);
    if (f.policy == match_policy::strict && best.size() > 1) {
        const bool same = std::all_of(best.begin(), best.end(),
                                      [&](const endpoint_match& m) { return m.url == best.front().url; });
        if (!same) {
            std::string msg = std::to_string(best.size()) + " endpoints match " + detail::describe_filter(f) +
                              " (give a region, a service name or an endpoint id):";
            for (const auto& m : best) msg += "\n  " + detail::describe_match(m);
            return fail(catalog_errc::ambiguous, std::move(msg), std::move(best));
        }
    }
    return best.front();
}

// Convenience: the URL only.
template <std::same_as<access> A>
catalog_result<std::string> endpoint_url_for(const A& a, const endpoint_filter& f) {
    auto r = find_endpoint(a, f);
    if (!r) return r.error();
    return r->url;
}

}  // namespace openstack::identity::v2

template <>
struct boost::system::is_error_code_enum<openstack::identity::v2::catalog_errc> : std::true_type {};

#endif
