#ifndef OPENSTACK_IDENTITY_V2_VALIDATE_VALIDATE_HPP
#define OPENSTACK_IDENTITY_V2_VALIDATE_VALIDATE_HPP

// The rules declared in each type's schema (required members, lengths, presence
// rules), applied to a value whatever format it came from.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/detail/path.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/schema.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {
namespace detail::check {

class walker {
public:
    explicit walker(std::size_t max) : max_(max) {}

    std::vector<error> errors;
    detail::path at;

    bool full() const { return errors.size() >= max_; }

    void add(errc code, std::string message, std::string_view last = {}) {
        if (full()) return;
        if (!last.empty()) at.push(last);
        error e;
        e.code = make_error_code(code);
        e.kind = fault_kind_of(code);
        e.path = at.str();
        e.message = std::move(message);
        if (!last.empty()) at.pop();
        errors.push_back(std::move(e));
    }

    template <class V>
    void value(const V& v, const member_meta& m) {
        if constexpr (is_optional<V>::value || is_nullable<V>::value) {
            if (v.has_value()) value(*v, m);
        } else if constexpr (std::is_same_v<V, std::string>) {
            if (m.max_length && v.size() > m.max_length && utf8_length(v) > m.max_length)
                add(errc::too_long, "longer than " + std::to_string(m.max_length) + " characters");
        } else if constexpr (is_vector<V>::value) {
            for (std::size_t i = 0; i < v.size() && !full(); ++i) {
                at.push(i);
                value(v[i], m);
                at.pop();
            }
        } else if constexpr (described<V>) {
            object(v);
        }
    }

    template <class T>
    void object(const T& v) {
        for_each_member<T>([&](auto d, const member_meta& m) {
            if (full()) return;
            const auto& mv = v.*d.pointer;
            at.push(m.json);
            if (m.required && !is_present(mv))
                add(errc::missing_member, std::is_same_v<std::remove_cvref_t<decltype(mv)>, std::string>
                                              ? "required member is missing or empty"
                                              : "required member is missing");
            else
                value(mv, m);
            at.pop();
        });
        if constexpr (requires { schema<T>::rules; })
            for (const presence_rule& r : schema<T>::rules) rule(v, r);
    }

    template <class T>
    void rule(const T& v, const presence_rule& r) {
        if (full()) return;
        std::size_t count = 0;
        std::string_view second;
        for_each_rule_member<T>(r, [&](auto d, const member_meta& m) {
            if (is_present(v.*d.pointer) && ++count == 2) second = m.json;
        });
        const bool too_many = count > 1 && r.kind != presence::at_least_one;
        const bool too_few = count == 0 && r.kind != presence::at_most_one;
        if (!too_many && !too_few) return;
        std::string names;  // only on failure: the usual document costs no allocation here
        for_each_rule_member<T>(r, [&](auto, const member_meta& m) {
            names.append(names.empty() ? "" : ", ").append(m.json);
        });
        if (too_many) add(errc::conflicting_members, "only one of " + names + " may be given", second);
        else add(errc::missing_alternative, (r.size == 1 ? "" : "one of ") + names + " is required");
    }

    // Calls f(descriptor, meta) for the members a rule names, in the rule's order.
    template <class T, class F>
    static void for_each_rule_member(const presence_rule& r, F&& f) {
        for (std::size_t k = 0; k < r.size; ++k)
            for_each_member<T>([&](auto d, const member_meta& m) {
                if (member_id_of<decltype(d)::pointer> == r.members[k]) f(d, m);
            });
    }

private:
    std::size_t max_;
};

}  // namespace detail::check

// Every rule the value breaks (up to `max`), with paths that start at `root`
// (a document's root key, or empty).
template <described T>
std::vector<error> validate_all(const T& v, std::string_view root = {}, std::size_t max = 100) {
    detail::check::walker w(max);
    if (!root.empty()) w.at.push(root);
    w.object(v);
    return std::move(w.errors);
}

// The first rule the value breaks.
template <described T>
std::optional<error> validate(const T& v, std::string_view root = {}) {
    auto all = validate_all(v, root, 1);
    if (all.empty()) return std::nullopt;
    return std::move(all.front());
}

}  // namespace openstack::identity::v2

#endif
