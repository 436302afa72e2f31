#ifndef OPENSTACK_IDENTITY_V2_JSON_WRITE_HPP
#define OPENSTACK_IDENTITY_V2_JSON_WRITE_HPP

// Writing JSON straight into a string from the described structs: no DOM.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/options.hpp>
#include <openstack/identity/v2/schema.hpp>
#include <openstack/identity/v2/validate/validate.hpp>

#include <boost/json/serialize.hpp>

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {
namespace detail::json_write {

inline constexpr auto needs_escape = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = true;
    t['"'] = t['\\'] = true;
    return t;
}();

inline void escape_into(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (!needs_escape[c]) continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            out.append(u, 6);
        }
        }
    }
    out.append(s.data() + run, s.size() - run);
}

inline void string(std::string& out, std::string_view s) {
    out.push_back('"');
    escape_into(out, s);
    out.push_back('"');
}

inline void key(std::string& out, std::string_view k) {
    string(out, k);
    out.push_back(':');
}

class writer {
public:
    writer(std::string& o, const write_options& opt) : out(o), opt_(opt) {}
    std::string& out;

    template <class V>
    static bool written(const V& v) {
        if constexpr (is_optional<V>::value) return v.has_value();
        else if constexpr (is_nullable<V>::value) return !v.is_absent();
        else return true;
    }

    template <class V>
    void value(const V& v, const member_meta* m) {
        if constexpr (is_optional<V>::value) {
            value(*v, m);
        } else if constexpr (is_nullable<V>::value) {
            if (v.is_null()) out.append("null");
            else value(*v, m);
        } else if constexpr (std::is_same_v<V, std::string>) {
            string(out, v);
        } else if constexpr (std::is_same_v<V, bool>) {
            out.append(v ? "true" : "false");
        } else if constexpr (std::is_integral_v<V>) {
            char buf[24];
            auto r = std::to_chars(buf, buf + sizeof buf, v);
            out.append(buf, r.ptr);
        } else if constexpr (custom_scalar<V>) {
            out.push_back('"');
            std::size_t from = out.size();
            scalar_traits<V>::format(v, out);
            for (std::size_t i = from; i < out.size(); ++i) {
                if (needs_escape[static_cast<unsigned char>(out[i])]) {
                    std::string raw = out.substr(from);
                    out.resize(from);
                    escape_into(out, raw);
                    break;
                }
            }
            out.push_back('"');
        } else if constexpr (is_vector<V>::value) {
            bool wrap = m && m->values_wrapper && opt_.lists == list_style::keystone;
            if (wrap) out.append("{\"values\":");
            out.push_back('[');
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (i) out.push_back(',');
                value(v[i], m);
            }
            out.push_back(']');
            if (wrap) out.push_back('}');
        } else if constexpr (described<V>) {
            out.push_back('{');
            members(v);
            out.push_back('}');
        } else {
            static_assert(sizeof(V) == 0, "no JSON mapping for this member type");
        }
    }

    // The members of v, without braces; returns whether any was written.
    template <class T>
    bool members(const T& v) {
        bool first = true;
        for_each_member<T>([&](auto d, const member_meta& m) {
            const auto& mv = v.*d.pointer;
            if (!written(mv)) return;
            if (!first) out.push_back(',');
            first = false;
            key(out, m.json);
            value(mv, &m);
        });
        if constexpr (keeps_unknown<T>) {
            for (const auto& kv : v.extra.members) {
                if (!first) out.push_back(',');
                first = false;
                key(out, kv.key());
                out.append(boost::json::serialize(kv.value()));
            }
        }
        return !first;
    }

    template <class T>
    void document(const T& v) {
        constexpr auto style = root_style_of<T>();
        if constexpr (style == root_style::members) {
            value(v, nullptr);
        } else if constexpr (style == root_style::tagged) {
            using S = schema<T>;
            out.push_back('{');
            if (opt_.faults != fault_style::keystone) {
                key(out, S::tag_name(v.*S::tag));
                value(v, nullptr);
            }
            if (opt_.faults == fault_style::both) out.push_back(',');
            if (opt_.faults != fault_style::spec) {
                key(out, S::alias_root);
                value(v, nullptr);
            }
            out.push_back('}');
        } else {
            out.push_back('{');
            key(out, root_name<T>());
            value(v, nullptr);
            out.push_back('}');
        }
    }

private:
    const write_options& opt_;
};

}  // namespace detail::json_write

// Appends the document to `out`. With opt.validate, checks the rules first.
template <document T>
result<void> try_to_json(const T& v, std::string& out, const write_options& opt = {}) {
    if (opt.validate)
        if (auto e = validate(v, root_style_of<T>() == root_style::members ? std::string_view{} : root_name<T>()))
            return std::move(*e);
    detail::json_write::writer(out, opt).document(v);
    return {};
}

template <document T>
result<std::string> try_to_json(const T& v, const write_options& opt = {}) {
    std::string out;
    auto r = try_to_json(v, out, opt);
    if (!r) return r.error();
    return out;
}

template <document T>
std::string to_json(const T& v, const write_options& opt = {}) {
    return try_to_json(v, opt).value();
}

}  // namespace openstack::identity::v2

#endif
