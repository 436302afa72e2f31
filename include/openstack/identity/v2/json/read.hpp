#ifndef OPENSTACK_IDENTITY_V2_JSON_READ_HPP
#define OPENSTACK_IDENTITY_V2_JSON_READ_HPP

// Reading JSON straight from Boost.JSON's basic_parser events into described
// structs: no DOM is built. Each type gets one handler function (its "ops");
// objects and arrays push frames; member lookup uses a per-type table made at
// compile time from the Describe list and the schema.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/detail/limits.hpp>
#include <openstack/identity/v2/detail/names.hpp>
#include <openstack/identity/v2/detail/path.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/options.hpp>
#include <openstack/identity/v2/schema.hpp>
#include <openstack/identity/v2/validate/validate.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_stack.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {
namespace detail::json_read {

enum class event : unsigned char { object, array, string, int64, uint64, real, boolean, null };

struct scalar {
    std::string_view text;  // strings, and the raw text of numbers
    bool escaped = true;    // a string not taken verbatim from the input
    std::int64_t i = 0;
    std::uint64_t u = 0;
    bool b = false;
};

class context;
struct frame;

// The stack of open objects and arrays, kept per thread so that a read does not allocate it
// (a read never starts another one on the same thread).
inline std::vector<frame>& frame_stack();

using handler = bool (*)(context&, void* obj, const member_meta* meta, event ev, const scalar& s);

struct member_entry {
    std::string_view key;
    std::uint64_t head;
    unsigned index;
    handler handle;  // takes the struct, hands its member to the member type's handler
    const member_meta* meta;
};

struct struct_table {
    const member_entry* entries;
    std::size_t size;
    unknown_members* (*extra)(void*);
    std::uint64_t must_see;  // required members whose type cannot say "absent" (numbers, timestamps, ...)
    bool open;               // schema<T>::open: undeclared members are kept whatever the policy
};

struct frame {
    enum kind_t : unsigned char { object, array, values, skip, capture, root } kind;
    void* obj = nullptr;
    const struct_table* table = nullptr;
    const member_meta* meta = nullptr;
    handler add = nullptr;   // a list's next item: a new item, then its value's handler
    handler self = nullptr;  // a {"values": [...]} wrapper hands "values" back to the list's handler
    std::uint64_t seen = 0;
    std::size_t index = 0;
    const member_entry* current = nullptr;
    bool has_current = false;
};

inline std::vector<frame>& frame_stack() {
    static thread_local std::vector<frame> frames = [] {
        std::vector<frame> v;
        v.reserve(16);
        return v;
    }();
    return frames;
}

struct target {
    void* obj = nullptr;
    handler handle = nullptr;
    const member_meta* meta = nullptr;
};

class context {
public:
    explicit context(const read_options& o) : opt(o), frames(frame_stack()) { frames.clear(); }

    const read_options& opt;
    std::vector<frame>& frames;
    target pending{};
    std::string root_key;  // the root member when the root is wrapped or tagged
    bool saw_tag = false;
    bool saw_alias = false;
    std::uint64_t root_seen = 0;  // members seen in a list document's top-level object

    // An error about a top-level key: its path is the key alone.
    bool fail_at_root(errc code, std::string message, std::string_view key) {
        fail(code, std::move(message));
        err.path.assign(key);
        return false;
    }
    error err;
    bool failed = false;

    // Keeping an unknown member: its key and a value_stack fed with its events.
    std::string capture_key;
    boost::json::object* capture_into = nullptr;  // where a kept member goes
    boost::json::value_stack capture_stack;
    std::vector<std::size_t> capture_counts;

    bool fail(errc code, std::string message, std::string_view last = {}) {
        if (failed) return false;
        failed = true;
        err.code = code;
        err.kind = fault_kind_of(code);
        err.message = std::move(message);
        err.path = path_str(last);
        return false;
    }

    std::string path_str(std::string_view last = {}) const {
        std::string s;
        if (!root_key.empty()) s = root_key;
        for (const auto& f : frames) {
            if (f.kind == frame::object && f.has_current) {
                if (f.current) path::append(s, {f.current->meta->json, 0, false});
            } else if (f.kind == frame::array && f.has_current) {
                path::append(s, {{}, f.index, true});
            } else if (f.kind == frame::values && f.has_current) {
                path::append(s, {"values", 0, false});
            }
        }
        if (!last.empty()) path::append(s, {last, 0, false});
        return s;
    }
};

template <class V>
bool handle(context& c, void* p, const member_meta* m, event ev, const scalar& s);

inline const char* describe(event ev) {
    switch (ev) {
    case event::object: return "an object";
    case event::array: return "an array";
    case event::string: return "a string";
    case event::int64:
    case event::uint64:
    case event::real: return "a number";
    case event::boolean: return "a boolean";
    case event::null: return "null";
    }
    return "a value";
}

inline bool wrong_type(context& c, const char* expected, event ev) {
    return c.fail(errc::wrong_type, std::string("expected ") + expected + ", got " + describe(ev));
}

template <class T, class D>
bool handle_member(context& c, void* o, const member_meta* m, event ev, const scalar& s) {
    auto& v = static_cast<T*>(o)->*D::pointer;
    return handle<std::remove_cvref_t<decltype(v)>>(c, &v, m, ev, s);
}

template <class T>
constexpr std::size_t entry_count() {
    std::size_t n = 0;
    for_each_member<T>([&](auto, const member_meta& m) {
        ++n;
        for (std::size_t k = 0; k < m.aliases.size(); ++k) n += !m.aliases[k].empty();
    });
    return n;
}

template <class T>
constexpr auto make_entries() {
    std::array<member_entry, entry_count<T>()> out{};
    std::size_t i = 0;
    unsigned index = 0;
    for_each_member<T>([&](auto d, const member_meta&) {
        using D = decltype(d);
        const member_meta* meta = &meta_v<T, D>;
        out[i++] = {meta->json, name_head(meta->json), index, &handle_member<T, D>, meta};
        for (std::size_t k = 0; k < meta->aliases.size(); ++k)
            if (!meta->aliases[k].empty())
                out[i++] = {meta->aliases[k], name_head(meta->aliases[k]), index, &handle_member<T, D>, meta};
        ++index;
    });
    return out;
}

template <class T>
inline constexpr auto entries_v = make_entries<T>();

template <class T>
unknown_members* extra_of(void* o) {
    if constexpr (keeps_unknown<T>) return &static_cast<T*>(o)->extra;
    else return nullptr;
}

// A required std::string, optional, nullable or list says "absent" itself and is left to
// validation; other required members must be seen while reading.
template <class T>
constexpr std::uint64_t must_see_mask() {
    std::uint64_t mask = 0;
    unsigned index = 0;
    for_each_member<T>([&](auto d, const member_meta& m) {
        using V = std::remove_cvref_t<decltype(std::declval<T&>().*decltype(d)::pointer)>;
        if (m.required && !says_absent<V> && index < 64) mask |= std::uint64_t(1) << index;
        ++index;
    });
    return mask;
}

template <class T>
inline constexpr struct_table table_v{entries_v<T>.data(), entries_v<T>.size(), &extra_of<T>, must_see_mask<T>(),
                                      open_members<T>};

template <class V>
bool add_item(context& c, void* vec, const member_meta* m, event ev, const scalar& s) {
    return handle<typename V::value_type>(c, &detail::new_item(*static_cast<V*>(vec)), m, ev, s);
}

inline bool push_object(context& c, void* obj, const struct_table* t) {
    frame f{};
    f.kind = frame::object;
    f.obj = obj;
    f.table = t;
    c.frames.push_back(f);
    return true;
}

template <class V>
bool handle(context& c, void* p, const member_meta* m, event ev, const scalar& s) {
    V& v = *static_cast<V*>(p);
    constexpr category cat = category_of<V>;
    if constexpr (cat == category::optional) {
        if (ev == event::null) {
            v.reset();
            return true;
        }
        return handle<typename V::value_type>(c, &v.emplace(), m, ev, s);
    } else if constexpr (cat == category::nullable) {
        if (ev == event::null) {
            v.set_null();
            return true;
        }
        using U = typename detail::unwrap<V>::type;
        return handle<U>(c, &v.emplace(), m, ev, s);
    } else if constexpr (cat == category::string) {
        if (ev == event::string) {
            // Raw input cannot hold a NUL inside a string (the parser rejects control
            // characters): only unescaped text (\u0000) can.
            if (s.escaped && s.text.find('\0') != std::string_view::npos)
                return c.fail(errc::invalid_value, "string contains a NUL character");
            v.assign(s.text);
            return true;
        }
        if (m && m->numbers_as_text && (ev == event::int64 || ev == event::uint64)) {
            v.assign(s.text);
            return true;
        }
        return wrong_type(c, "a string", ev);
    } else if constexpr (cat == category::boolean) {
        if (ev != event::boolean) return wrong_type(c, "a boolean", ev);
        v = s.b;
        return true;
    } else if constexpr (cat == category::integer) {
        if (ev == event::int64) {
            if (s.i < std::numeric_limits<V>::min() || s.i > std::numeric_limits<V>::max())
                return c.fail(errc::invalid_value, "number out of range");
            v = static_cast<V>(s.i);
            return true;
        }
        if (ev == event::uint64) return c.fail(errc::invalid_value, "number out of range");
        if (ev == event::real && s.text.find_first_of(".eE") == std::string_view::npos)
            return c.fail(errc::invalid_value, "number out of range");
        return wrong_type(c, "an integer", ev);
    } else if constexpr (cat == category::number) {
        if (ev != event::int64 && ev != event::uint64 && ev != event::real) return wrong_type(c, "a number", ev);
        // From the number's text: the nearest V, whatever width the parser converted to.
        if (const char* why = detail::parse_text(s.text, v)) return c.fail(errc::invalid_value, why);
        return true;
    } else if constexpr (cat == category::enumeration || cat == category::custom) {
        // Through the wire form: a string for enumerations and string-coded leaves.
        constexpr category w = wire_of<V>;
        if constexpr (w == category::string) {
            if (ev != event::string) return wrong_type(c, "a string", ev);
            if (const char* why = detail::parse_text(s.text, v)) return c.fail(errc::invalid_value, why);
            return true;
        } else {
            typename value_traits<V>::wire x{};
            if (!handle<decltype(x)>(c, &x, m, ev, s)) return false;
            if (const char* why = value_traits<V>::parse(x, v)) return c.fail(errc::invalid_value, why);
            return true;
        }
    } else if constexpr (cat == category::list) {
        if (ev == event::array || ev == event::object) {
            v.clear();
            frame f{};
            f.kind = ev == event::array ? frame::array : frame::values;
            f.obj = p;
            f.meta = m;
            f.add = &add_item<V>;
            f.self = &handle<V>;
            c.frames.push_back(f);
            return true;
        }
        // The spec's choices.json writes an empty list as "": only where a member says so.
        if (ev == event::string && s.text.empty() && m && m->empty_string_is_list) {
            v.clear();
            return true;
        }
        return wrong_type(c, "an array", ev);
    } else {
        static_assert(cat == category::object);
        if (ev != event::object) return wrong_type(c, "an object", ev);
        return push_object(c, p, &table_v<V>);
    }
}

// Events for a value nobody wants (ignored members).
inline bool skip_value(context& c, void*, const member_meta*, event ev, const scalar&) {
    if (ev == event::object || ev == event::array) {
        frame f{};
        f.kind = frame::skip;
        c.frames.push_back(f);
    }
    return true;
}

// Keeping an unknown member: a marker; the handler feeds the value's events to a value_stack.
inline bool capture_start(context&, void*, const member_meta*, event, const scalar&) { return true; }

inline bool not_an_object_root(context& c, void*, const member_meta*, event ev, const scalar&) {
    return c.fail(errc::wrong_root, std::string("expected an object at the root, got ") + describe(ev));
}

template <class T>
bool members_root(context& c, void* p, const member_meta* m, event ev, const scalar& s) {
    if (ev != event::object) return not_an_object_root(c, p, m, ev, s);
    return handle<T>(c, p, m, ev, s);
}

// The index of a list document's primary member (the one named like the root).
template <class T>
constexpr unsigned root_member_index() {
    unsigned index = 0, found = 0;
    for_each_member<T>([&](auto, const member_meta& m) {
        if (m.json == root_name<T>()) found = index;
        ++index;
    });
    return found;
}

// The root: knows the document's shape and where its value goes.
template <class T>
struct root_binding {
    static bool take(context& c, void* into, bool& seen, std::string_view key) {
        if (seen) return c.fail_at_root(errc::duplicate_member, "root member given more than once", key);
        seen = true;
        c.pending = {into, &handle<T>, nullptr};
        c.root_key.assign(key);
        return true;
    }

    static bool on_key(context& c, T& out, T* alias, std::string_view key) {
        constexpr auto style = root_style_of<T>();
        if constexpr (style == root_style::wrapped) {
            if (key == root_name<T>()) return take(c, &out, c.saw_tag, key);
        } else if constexpr (style == root_style::tagged) {
            using S = schema<T>;
            if (auto tag = S::tag_from_name(key)) {
                if (c.saw_tag)
                    return c.fail_at_root(errc::duplicate_member, "more than one fault in one document", key);
                out.*S::tag = *tag;
                return take(c, &out, c.saw_tag, key);
            }
            if (key == S::alias_root) return take(c, alias, c.saw_alias, key);
        }
        if (c.opt.unknown == unknown_policy::reject)
            return c.fail_at_root(errc::unknown_member, "unknown root member \"" + std::string(key) + "\"", key);
        if constexpr (keeps_unknown<T>) {
            if (c.opt.unknown == unknown_policy::keep) {
                if (out.extra.beside.contains(key))
                    return c.fail_at_root(errc::duplicate_member, "root member given more than once", key);
                c.capture_key.assign(key);
                c.capture_into = &out.extra.beside;
                c.pending = {nullptr, &capture_start, nullptr};
                return true;
            }
        }
        c.pending = {nullptr, &skip_value, nullptr};
        return true;
    }
};

class handler_impl {
public:
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    context* c = nullptr;
    bool (*root_key)(context&, void* out, void* alias, std::string_view) = nullptr;
    void* out = nullptr;
    void* alias = nullptr;
    target root_target{};
    bool seen_root_value = false;

    std::string_view input;  // the whole text being read
    std::string key_buf;
    std::string str_buf;
    std::string num_buf;

    using ec_t = boost::system::error_code;

    bool stop(ec_t& ec) {
        ec = c->err.code ? c->err.code : make_error_code(errc::malformed_json);
        return false;
    }

    bool value(event ev, const scalar& s, ec_t& ec) {
        context& x = *c;
        target t{};
        if (x.frames.empty()) {
            if (seen_root_value) return true;
            seen_root_value = true;
            t = root_target;
        } else {
            frame& f = x.frames.back();
            switch (f.kind) {
            case frame::skip:
                if (ev == event::object || ev == event::array) x.frames.push_back(f);
                return true;
            case frame::capture: return capture(ev, s, ec);
            case frame::array:
                if (f.has_current) ++f.index;
                f.has_current = true;
                t = {f.obj, f.add, f.meta};
                break;
            case frame::values:
            case frame::object:
            case frame::root:
                t = x.pending;
                x.pending = {};
                break;
            }
        }
        if (!t.handle) {
            x.fail(errc::malformed_json, "unexpected value");
            return stop(ec);
        }
        if (t.handle == &capture_start) return capture(ev, s, ec);
        if (!t.handle(x, t.obj, t.meta, ev, s)) return stop(ec);
        return true;
    }

    bool capture(event ev, const scalar& s, ec_t&) {
        context& x = *c;
        auto& st = x.capture_stack;
        bool starting = x.frames.empty() || x.frames.back().kind != frame::capture;
        if (starting) {
            st.reset();
            x.capture_counts.clear();
        } else {
            ++x.capture_counts.back();
        }
        switch (ev) {
        case event::object:
        case event::array: {
            frame f{};
            f.kind = frame::capture;
            f.index = ev == event::object;
            x.frames.push_back(f);
            x.capture_counts.push_back(0);
            return true;
        }
        case event::string: st.push_string(s.text); break;
        case event::int64: st.push_int64(s.i); break;
        case event::uint64: st.push_uint64(s.u); break;
        case event::real: st.push_double(std::strtod(std::string(s.text).c_str(), nullptr)); break;
        case event::boolean: st.push_bool(s.b); break;
        case event::null: st.push_null(); break;
        }
        if (starting) finish_capture();
        return true;
    }

    void finish_capture() {
        context& x = *c;
        if (x.capture_into) x.capture_into->insert_or_assign(x.capture_key, x.capture_stack.release());
        else x.capture_stack.release();
    }

    bool end_container(ec_t& ec) {
        context& x = *c;
        if (x.frames.empty()) return true;
        frame f = x.frames.back();
        if (f.kind == frame::values && !f.has_current && !(f.meta && f.meta->empty_object_is_list)) {
            x.fail(errc::wrong_type, "expected an array, or an object with \"values\"");
            return stop(ec);
        }
        if (f.kind == frame::object && (f.seen & f.table->must_see) != f.table->must_see) {
            for (std::size_t i = 0; i < f.table->size; ++i) {
                const member_entry& e = f.table->entries[i];
                if (e.index < 64 && (f.table->must_see >> e.index & 1) && !(f.seen >> e.index & 1)) {
                    x.frames.back().has_current = false;
                    x.fail(errc::missing_member, "required member is missing", e.meta->json);
                    return stop(ec);
                }
            }
        }
        x.frames.pop_back();
        if (x.frames.empty()) x.root_seen = f.seen;
        if (f.kind == frame::capture) {
            std::size_t n = x.capture_counts.back();
            x.capture_counts.pop_back();
            if (f.index) x.capture_stack.push_object(n);
            else x.capture_stack.push_array(n);
            if (x.frames.empty() || x.frames.back().kind != frame::capture) finish_capture();
        }
        return true;
    }

    bool on_document_begin(ec_t&) { return true; }
    bool on_document_end(ec_t&) { return true; }

    bool on_object_begin(ec_t& ec) {
        context& x = *c;
        if (x.frames.empty() && !seen_root_value && root_key) {
            // The document's own root object: wrapped and tagged roots look at its keys.
            seen_root_value = true;
            frame f{};
            f.kind = frame::root;
            x.frames.push_back(f);
            return true;
        }
        return value(event::object, {}, ec);
    }
    bool on_object_end(std::size_t, ec_t& ec) { return end_container(ec); }
    bool on_array_begin(ec_t& ec) { return value(event::array, {}, ec); }
    bool on_array_end(std::size_t, ec_t& ec) { return end_container(ec); }

    bool on_key_part(boost::json::string_view s, std::size_t, ec_t&) {
        key_buf.append(s.data(), s.size());
        return true;
    }
    bool on_key(boost::json::string_view s, std::size_t n, ec_t& ec) {
        std::string_view key(s.data(), s.size());
        if (n != s.size()) {
            key_buf.append(s.data(), s.size());
            key = key_buf;
        }
        bool ok = on_full_key(key, ec);
        key_buf.clear();
        return ok;
    }

    bool on_full_key(std::string_view key, ec_t& ec) {
        context& x = *c;
        frame& f = x.frames.back();
        switch (f.kind) {
        case frame::skip: return true;
        case frame::capture: x.capture_stack.push_key(key); return true;
        case frame::root:
            if (!root_key(x, out, alias, key)) return stop(ec);
            return true;
        case frame::values:
            if (key == "values") {
                if (f.has_current) {
                    x.fail(errc::duplicate_member, "member given more than once");
                    return stop(ec);
                }
                f.has_current = true;
                x.pending = {f.obj, f.self, f.meta};
                return true;
            }
            x.fail(errc::wrong_type, "expected an array, or an object with \"values\"");
            return stop(ec);
        case frame::array: break;
        case frame::object: {
            const struct_table& t = *f.table;
            const std::uint64_t head = name_head(key);
            // Members usually come in declaration order: start after the last one matched.
            std::size_t start = f.current ? std::size_t(f.current - t.entries) + 1 : 0;
            for (std::size_t n = 0, i = start; n < t.size; ++n, ++i) {
                if (i == t.size) i = 0;
                const member_entry& e = t.entries[i];
                if (!same_name(e.key, e.head, key, head)) continue;
                f.current = &e;
                f.has_current = true;
                if (e.index < 64) {
                    std::uint64_t bit = std::uint64_t(1) << e.index;
                    if (f.seen & bit) {
                        x.fail(errc::duplicate_member, "member given more than once");
                        return stop(ec);
                    }
                    f.seen |= bit;
                }
                x.pending = {f.obj, e.handle, e.meta};
                return true;
            }
            f.current = nullptr;
            f.has_current = true;
            switch (t.open ? unknown_policy::keep : x.opt.unknown) {
            case unknown_policy::reject:
                x.fail(errc::unknown_member, "unknown member \"" + std::string(key) + "\"", key);
                return stop(ec);
            case unknown_policy::keep:
                if (unknown_members* u = t.extra(f.obj)) {
                    if (u->members.contains(key)) {
                        x.fail(errc::duplicate_member, "member given more than once", key);
                        return stop(ec);
                    }
                    x.capture_key.assign(key);
                    x.capture_into = &u->members;
                    x.pending = {nullptr, &capture_start, nullptr};
                    return true;
                }
                [[fallthrough]];
            case unknown_policy::ignore: x.pending = {nullptr, &skip_value, nullptr}; return true;
            }
            return true;
        }
        }
        return true;
    }

    bool on_string_part(boost::json::string_view s, std::size_t, ec_t&) {
        str_buf.append(s.data(), s.size());
        return true;
    }
    bool on_string(boost::json::string_view s, std::size_t n, ec_t& ec) {
        scalar v;
        if (n != s.size()) {
            str_buf.append(s.data(), s.size());
            v.text = str_buf;
        } else {
            v.text = {s.data(), s.size()};
            const auto at = reinterpret_cast<std::uintptr_t>(s.data()) - reinterpret_cast<std::uintptr_t>(input.data());
            v.escaped = at > input.size() || s.size() > input.size() - at;
        }
        bool ok = value(event::string, v, ec);
        str_buf.clear();
        return ok;
    }
    bool on_number_part(boost::json::string_view s, ec_t&) {
        num_buf.append(s.data(), s.size());
        return true;
    }
    scalar number_text(boost::json::string_view s) {
        scalar v;
        if (!num_buf.empty()) {
            num_buf.append(s.data(), s.size());
            v.text = num_buf;
        } else {
            v.text = {s.data(), s.size()};
        }
        return v;
    }
    bool on_int64(std::int64_t i, boost::json::string_view s, ec_t& ec) {
        scalar v = number_text(s);
        v.i = i;
        bool ok = value(event::int64, v, ec);
        num_buf.clear();
        return ok;
    }
    bool on_uint64(std::uint64_t u, boost::json::string_view s, ec_t& ec) {
        scalar v = number_text(s);
        v.u = u;
        bool ok = value(event::uint64, v, ec);
        num_buf.clear();
        return ok;
    }
    bool on_double(double, boost::json::string_view s, ec_t& ec) {
        scalar v = number_text(s);
        bool ok = value(event::real, v, ec);
        num_buf.clear();
        return ok;
    }
    bool on_bool(bool b, ec_t& ec) {
        scalar v;
        v.b = b;
        return value(event::boolean, v, ec);
    }
    bool on_null(ec_t& ec) { return value(event::null, {}, ec); }
    bool on_comment_part(boost::json::string_view, ec_t&) { return true; }
    bool on_comment(boost::json::string_view, ec_t&) { return true; }
};

// Only for finding where a syntax error is.
struct null_handler {
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);
    using ec_t = boost::system::error_code;
    using sv = boost::json::string_view;
    bool on_document_begin(ec_t&) { return true; }
    bool on_document_end(ec_t&) { return true; }
    bool on_object_begin(ec_t&) { return true; }
    bool on_object_end(std::size_t, ec_t&) { return true; }
    bool on_array_begin(ec_t&) { return true; }
    bool on_array_end(std::size_t, ec_t&) { return true; }
    bool on_key_part(sv, std::size_t, ec_t&) { return true; }
    bool on_key(sv, std::size_t, ec_t&) { return true; }
    bool on_string_part(sv, std::size_t, ec_t&) { return true; }
    bool on_string(sv, std::size_t, ec_t&) { return true; }
    bool on_number_part(sv, ec_t&) { return true; }
    bool on_int64(std::int64_t, sv, ec_t&) { return true; }
    bool on_uint64(std::uint64_t, sv, ec_t&) { return true; }
    bool on_double(double, sv, ec_t&) { return true; }
    bool on_bool(bool, ec_t&) { return true; }
    bool on_null(ec_t&) { return true; }
    bool on_comment_part(sv, ec_t&) { return true; }
    bool on_comment(sv, ec_t&) { return true; }
};

// Where a syntax error is: basic_parser does not say, so find the shortest prefix
// that already fails (only on the error path). A template, so that only a TU that
// reads JSON instantiates the parser.
template <class Handler = null_handler>
std::size_t syntax_error_offset(std::string_view text, std::size_t max_depth) {
    auto fails = [&](std::size_t n) {
        boost::json::parse_options po;
        po.max_depth = max_depth;
        boost::json::basic_parser<Handler> p(po);
        boost::system::error_code ec;
        p.write_some(true, text.data(), n, ec);
        return bool(ec);
    };
    if (!fails(text.size())) return text.size();
    std::size_t lo = 0, hi = text.size();  // fails(hi), !fails(lo)
    while (hi - lo > 1) {
        std::size_t mid = lo + (hi - lo) / 2;
        (fails(mid) ? hi : lo) = mid;
    }
    return hi - 1;
}

template <class T>
bool root_key_fn(context& c, void* out, void* alias, std::string_view key) {
    return root_binding<T>::on_key(c, *static_cast<T*>(out), static_cast<T*>(alias), key);
}

template <class T>
void merge_missing(T& into, const T& from) {
    for_each_member<T>([&](auto d, const member_meta&) {
        if (!is_present(into.*d.pointer) && is_present(from.*d.pointer)) into.*d.pointer = from.*d.pointer;
    });
}

template <class T>
result<T> read(std::string_view text, const read_options& opt) {
    constexpr auto style = root_style_of<T>();
    context ctx(opt);
    T out{};
    // Only a tagged root (faults) has a second root member to merge.
    std::conditional_t<style == root_style::tagged, T, std::nullptr_t> alias{};
    if (auto e = over_size(text, opt)) return *e;
    boost::json::parse_options po;
    po.max_depth = opt.max_depth;
    boost::json::basic_parser<handler_impl> p(po);
    handler_impl& h = p.handler();
    h.c = &ctx;
    h.input = text;
    h.out = &out;
    if constexpr (style == root_style::tagged) h.alias = &alias;
    // A list document's members, and a type that is no document (a fragment), are the root object.
    if constexpr (style == root_style::members || style == root_style::none)
        h.root_target = {&out, &members_root<T>, nullptr};
    else h.root_target = {nullptr, &not_an_object_root, nullptr}, h.root_key = &root_key_fn<T>;

    boost::system::error_code ec;
    std::size_t used = p.write_some(false, text.data(), text.size(), ec);
    if (!ec && used < text.size()) {
        ctx.fail(errc::malformed_json, "malformed JSON: data after the document");
        ctx.err.path.clear();
        ctx.err.offset = used;
        return ctx.err;
    }
    if (ec) {
        if (!ctx.failed) {
            ctx.failed = true;
            ctx.err.code = make_error_code(ec == boost::json::error::too_deep ? errc::too_deep : errc::malformed_json);
            ctx.err.kind = fault_kind::bad_request;
            ctx.err.message = ec == boost::json::error::too_deep
                                  ? "nesting deeper than " + std::to_string(opt.max_depth)
                                  : "malformed JSON: " + ec.message();
            ctx.err.offset = syntax_error_offset(text, opt.max_depth);
        }
        return ctx.err;
    }
    if constexpr (style == root_style::none) {
    } else if constexpr (style == root_style::members) {
        if (!(ctx.root_seen >> root_member_index<T>() & 1)) {
            ctx.fail(errc::wrong_root, "expected an object with the member \"" + std::string(root_name<T>()) + "\"");
            return ctx.err;
        }
    } else {
        if (ctx.root_key.empty()) {
            ctx.fail(errc::wrong_root,
                     "expected an object with the root member \"" + std::string(root_name<T>()) + "\"");
            return ctx.err;
        }
        if constexpr (style == root_style::tagged) {
            using S = schema<T>;
            // The alias root carries no tag: derive it, or merge it into the tagged value.
            if (!ctx.saw_tag) {
                out = std::move(alias);
                out.*S::tag = S::tag_from_value(out);
            } else if (ctx.saw_alias) {
                merge_missing(out, alias);
            }
        }
    }
    if (opt.validate)
        if (auto e = validate(out, root_path<T>()); e) return std::move(*e);
    return out;
}

}  // namespace detail::json_read

// Reads a whole document ({"access": {...}} for access), or the object of a described type that
// is no document (a fragment: {"name": ..., ...}). Never throws for bad input.
template <described T>
result<T> try_from_json(std::string_view text, const read_options& opt = {}) {
    return detail::json_read::read<T>(text, opt);
}

// Throws v2::exception for bad input.
template <described T>
T from_json(std::string_view text, const read_options& opt = {}) {
    return try_from_json<T>(text, opt).value();
}

}  // namespace openstack::identity::v2

#endif
