// Shared helpers of the XML tests (not a test module itself).
#ifndef OSI_XML_TEST_UTIL_HPP
#define OSI_XML_TEST_UTIL_HPP

#include "support.hpp"

#include <openstack/identity/v2.hpp>
#include <openstack/identity/v2/xml.hpp>

#include <boost/json.hpp>
#include <pugixml.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace xt {

namespace v2 = openstack::identity::v2;

inline std::string spec(const std::string& rel) { return osi_test::spec_file(rel); }  // OSI_PUBLISHED tests only
inline std::string data(const std::string& rel) { return osi_test::data_file(rel); }

// Paths (JSON pointer style) where two JSON values differ.
inline void diff(const boost::json::value& a, const boost::json::value& b, const std::string& at,
                 std::vector<std::string>& out) {
    if (a.is_object() && b.is_object()) {
        std::set<std::string> keys;
        for (auto& kv : a.as_object()) keys.insert(kv.key());
        for (auto& kv : b.as_object()) keys.insert(kv.key());
        for (auto& k : keys) {
            auto* x = a.as_object().if_contains(k);
            auto* y = b.as_object().if_contains(k);
            if (!x || !y) out.push_back(at + "/" + k + (x ? " (xml only)" : " (json only)"));
            else diff(*x, *y, at + "/" + k, out);
        }
        return;
    }
    if (a.is_array() && b.is_array()) {
        auto& x = a.as_array();
        auto& y = b.as_array();
        if (x.size() != y.size()) {
            out.push_back(at + " (length " + std::to_string(x.size()) + " vs " + std::to_string(y.size()) + ")");
            return;
        }
        for (std::size_t i = 0; i < x.size(); ++i) diff(x[i], y[i], at + "/" + std::to_string(i), out);
        return;
    }
    if (a != b) out.push_back(at);
}

// The value read from the XML sample against the value read from its JSON twin, both
// written as JSON; the paths where they differ.
template <class T>
std::vector<std::string> pair_diff(const std::string& xml, const std::string& json) {
    T x = v2::from_xml<T>(xml);
    T j = v2::from_json<T>(json);
    std::vector<std::string> out;
    diff(boost::json::parse(v2::to_json(x)), boost::json::parse(v2::to_json(j)), "", out);
    return out;
}

// Canonical form of an XML element: {ns}name, sorted attributes (no xmlns), trimmed text, children.
inline std::string ns_of(pugi::xml_node e, std::string_view prefix) {
    for (; e && e.type() == pugi::node_element; e = e.parent())
        for (auto a : e.attributes()) {
            std::string_view n = a.name();
            if (prefix.empty() ? n == "xmlns" : (n.starts_with("xmlns:") && n.substr(6) == prefix)) return a.value();
        }
    return {};
}
inline std::string trim(std::string s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}
// Attribute values that are timestamps compare as instants (our timestamps always carry a zone).
inline std::string canon_value(const std::string& v) {
    v2::timestamp t;
    if (v.size() >= 19 && v[4] == '-' && v[10] == 'T' && !v2::value_traits<v2::timestamp>::parse(v, t)) {
        std::string s;
        v2::value_traits<v2::timestamp>::format(t, s);
        return s;
    }
    return v;
}
inline std::string canon(pugi::xml_node e, int indent = 0) {
    std::string name = e.name();
    std::string prefix, local = name;
    if (auto p = name.find(':'); p != std::string::npos) prefix = name.substr(0, p), local = name.substr(p + 1);
    std::string s(indent, ' ');
    s += "{" + ns_of(e, prefix) + "}" + local;
    std::vector<std::string> attrs;
    for (auto a : e.attributes()) {
        std::string n = a.name();
        if (n == "xmlns" || n.starts_with("xmlns:")) continue;
        std::string an = n;
        if (auto p = n.find(':'); p != std::string::npos) an = "{" + ns_of(e, n.substr(0, p)) + "}" + n.substr(p + 1);
        attrs.push_back(an + "=" + canon_value(a.value()));
    }
    std::sort(attrs.begin(), attrs.end());
    for (auto& a : attrs) s += " " + a;
    std::string text;
    for (auto c : e.children())
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) text += c.value();
    text = trim(text);
    if (!text.empty()) s += " text=" + text;
    s += "\n";
    for (auto c : e.children())
        if (c.type() == pugi::node_element) s += canon(c, indent + 1);
    return s;
}
inline std::string canon(const std::string& xml) {
    pugi::xml_document d;
    auto r = d.load_string(xml.c_str());
    if (!r) throw std::runtime_error(std::string("canon: ") + r.description());
    return canon(d.document_element());
}

// xmllint --noout --schema OSI_SPEC_DIR/xsd10/<xsd> on the document; the exit status. The XSDs
// are the published reference's: only tests decorated OSI_PUBLISHED may call this.
inline int xmllint(const std::string& doc, const std::string& xsd, std::string* output = nullptr) {
    static int counter = 0;
    std::string file = "/tmp/osi_xml_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".xml";
    std::string log = file + ".log";
    {
        std::ofstream f(file, std::ios::binary);
        f << doc;
    }
    std::string cmd = "xmllint --noout --schema " + std::string(OSI_SPEC_DIR) + "/xsd10/" + xsd + " " + file + " >" +
                      log + " 2>&1";
    int rc = std::system(cmd.c_str());
    if (output) *output = osi_test::read_file(log);
    std::remove(file.c_str());
    std::remove(log.c_str());
    return rc;
}

}  // namespace xt

#endif
