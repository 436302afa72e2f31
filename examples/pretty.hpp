// Indenting the library's compact output for people: JSON (a container that fits in the
// line stays on one line) and XML (pugixml's indentation). Shared by identity-doc and
// identity-reference.

#ifndef OSI_EXAMPLES_PRETTY_HPP
#define OSI_EXAMPLES_PRETTY_HPP

#include <boost/json.hpp>
#include <pugixml.hpp>

#include <sstream>
#include <string>
#include <string_view>

namespace osi_pretty {

namespace detail {

inline std::string inline_form(const boost::json::value& v) {
    switch (v.kind()) {
    case boost::json::kind::object: {
        std::string s = "{";
        for (const auto& kv : v.get_object()) {
            if (s.size() > 1) s += ", ";
            s += boost::json::serialize(boost::json::value(kv.key())) + ": " + inline_form(kv.value());
        }
        return s + "}";
    }
    case boost::json::kind::array: {
        std::string s = "[";
        for (const auto& e : v.get_array()) {
            if (s.size() > 1) s += ", ";
            s += inline_form(e);
        }
        return s + "]";
    }
    default: return boost::json::serialize(v);
    }
}

// `v` starts at column `column` on a line indented by `indent`.
inline void write(std::string& out, const boost::json::value& v, std::size_t indent, std::size_t column,
                  std::size_t width) {
    std::string flat = inline_form(v);
    if (column + flat.size() <= width || (!v.is_object() && !v.is_array())) {
        out += flat;
        return;
    }
    const std::string pad(indent + 2, ' ');
    const bool obj = v.is_object();
    out += obj ? "{\n" : "[\n";
    bool first = true;
    auto item = [&](std::string_view key, const boost::json::value& e) {
        if (!first) out += ",\n";
        first = false;
        out += pad;
        std::size_t at = indent + 2;
        if (obj) {
            std::string k = boost::json::serialize(boost::json::value(key)) + ": ";
            out += k;
            at += k.size();
        }
        write(out, e, indent + 2, at, width);
    };
    if (obj)
        for (const auto& kv : v.get_object()) item(kv.key(), kv.value());
    else
        for (const auto& e : v.get_array()) item({}, e);
    out += "\n" + std::string(indent, ' ') + (obj ? "}" : "]");
}

}  // namespace detail

// JSON text indented by two spaces; containers that fit in `width` columns stay on one line.
// Text that does not parse is returned as it is.
inline std::string json(std::string_view text, std::size_t width = 100) {
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec);
    if (ec) return std::string(text);
    std::string out;
    detail::write(out, v, 0, 0, width);
    return out;
}

// XML text indented by two spaces (declaration kept). Text that does not parse is returned as it is.
inline std::string xml(std::string_view text) {
    pugi::xml_document doc;
    if (!doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_declaration))
        return std::string(text);
    std::ostringstream os;
    doc.save(os, "  ", pugi::format_indent);
    std::string s = os.str();
    while (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
}

}  // namespace osi_pretty

#endif
