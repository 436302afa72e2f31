#ifndef OPENSTACK_IDENTITY_V2_VALIDATE_VALIDATE_HPP
#define OPENSTACK_IDENTITY_V2_VALIDATE_VALIDATE_HPP

// The rules declared in each type's schema (required members, lengths, presence
// rules), applied to a value whatever format it came from.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/detail/path.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/schema.hpp>

#include <cmath>
#include <cstdint>
#include <iterator>
#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {
namespace detail::check {

class walker {
public:
    explicit walker(std::size_t max) : max_(max) {}

    std::vector<error> errors;

    bool full() const { return errors.size() >= max_; }

    void add(const at_node* at, errc code, std::string message, std::string_view last = {}) {
        if (full()) return;
        error e;
        e.code = make_error_code(code);
        e.kind = fault_kind_of(code);
        e.path = at_node::str(at, last);
        e.message = std::move(message);
        errors.push_back(std::move(e));
    }

    template <class V>
    void value(const V& v, const member_meta& m, const at_node* at) {
        constexpr category c = category_of<V>;
        if constexpr (c == category::optional || c == category::nullable) {
            if (v.has_value()) value(*v, m, at);
        } else if constexpr (c == category::string) {
            if (m.max_length && v.size() > m.max_length && utf8_length(v) > m.max_length)
                add(at, errc::too_long, "longer than " + std::to_string(m.max_length) + " characters");
        } else if constexpr (c == category::integer) {
            if (m.range && (std::cmp_less(v, m.range->min) || std::cmp_greater(v, m.range->max)))
                add(at, errc::invalid_value,
                    "must be between " + std::to_string(m.range->min) + " and " + std::to_string(m.range->max));
        } else if constexpr (c == category::number) {
            // Neither JSON nor the readers have infinities or NaN: such a value cannot be written.
            if (!std::isfinite(v)) add(at, errc::invalid_value, "not a finite number");
        } else if constexpr (c == category::enumeration) {
            if (detail::enum_name(v).empty()) add(at, errc::invalid_value, detail::enum_choices<V>());
        } else if constexpr (c == category::list) {
            for (std::size_t i = 0; i < v.size() && !full(); ++i) {
                const at_node here{at, path::of(i)};
                value(v[i], m, &here);
            }
        } else if constexpr (c == category::object) {
            object(v, at);
        }
    }

    template <class T>
    void object(const T& v, const at_node* at) {
        for_each_member<T>([&](auto d, const member_meta& m) {
            if (full()) return;
            const auto& mv = v.*d.pointer;
            const at_node here{at, path::of(m.json)};
            if (m.required && !is_present(mv))
                add(&here, errc::missing_member,
                    std::is_same_v<std::remove_cvref_t<decltype(mv)>, std::string>
                        ? "required member is missing or empty"
                        : "required member is missing");
            else value(mv, m, &here);
        });
        if constexpr (requires { schema<T>::rules; }) [&]<std::size_t... R>(std::index_sequence<R...>) {
                (check_rule<T, R>(v, at), ...);
            }
        (std::make_index_sequence<std::size(schema<T>::rules)>{});
    }

    // The members rule R of T names, as bits by declaration index (found at compile time,
    // so that checking a rule compares no names).
    template <class T, std::size_t R>
    static constexpr std::uint64_t rule_mask() {
        std::uint64_t mask = 0;
        unsigned index = 0;
        for_each_member<T>([&](auto d, const member_meta&) {
            const presence_rule& r = schema<T>::rules[R];
            for (std::size_t k = 0; k < r.size; ++k)
                if (member_id_of<decltype(d)::pointer> == r.members[k] && index < 64) mask |= std::uint64_t(1) << index;
            ++index;
        });
        return mask;
    }

    template <class T, std::size_t R>
    void check_rule(const T& v, const at_node* at) {
        constexpr std::uint64_t mask = rule_mask<T, R>();
        constexpr presence kind = schema<T>::rules[R].kind;
        unsigned count = 0;
        unsigned index = 0;
        for_each_member<T>([&](auto d, const member_meta&) {
            if ((mask >> index++ & 1) && is_present(v.*d.pointer)) ++count;
        });
        const bool ok = kind == presence::at_least_one  ? count >= 1
                        : kind == presence::at_most_one ? count <= 1
                                                        : count == 1;
        if (!ok) rule(v, schema<T>::rules[R], at);
    }

    template <class T>
    void rule(const T& v, const presence_rule& r, const at_node* at) {
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
        if (too_many) add(at, errc::conflicting_members, "only one of " + names + " may be given", second);
        else add(at, errc::missing_alternative, (r.size == 1 ? "" : "one of ") + names + " is required");
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
    const detail::at_node top{nullptr, detail::path::of(root)};
    w.object(v, root.empty() ? nullptr : &top);
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
