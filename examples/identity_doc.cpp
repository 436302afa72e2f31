// Converts and checks v2.0 documents, JSON or XML, of any type.
//
//   identity-doc convert [--to json|xml] [--dialect keystone|schema] [--type TYPE] [--pretty] [--keep-unknown] [FILE]
//   identity-doc validate [--type TYPE] [--dialect keystone|schema] [FILE]
//   identity-doc types
//
// The input is read from FILE, or stdin when FILE is absent or "-"; its format is XML when it
// starts with '<', else JSON; its type comes from the root key or element unless --type names
// it. convert writes the other format unless --to says which (XML: the keystone dialect unless
// --dialect schema). Members the type does not declare (vendor extensions) are dropped unless
// --keep-unknown keeps them (unknown_policy::keep), with their namespaces, in both formats. Exit 0
// on success; 1 for a document that does not read or breaks a rule, or that has a kept member the
// output format cannot carry, with the fault document on stdout in the input's format; 2 for a
// usage error.

#include "pretty.hpp"

#include <openstack/identity/v2.hpp>
#include <openstack/identity/v2/detect.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace v2 = openstack::identity::v2;

namespace {

constexpr std::string_view usage_text =
    "usage: identity-doc convert [--to json|xml] [--dialect keystone|schema] [--type TYPE] [--pretty]\n"
    "                            [--keep-unknown] [FILE]\n"
    "       identity-doc validate [--type TYPE] [--dialect keystone|schema] [FILE]\n"
    "       identity-doc types\n"
    "FILE absent or \"-\": stdin. TYPE: one of `identity-doc types`.\n"
    "--keep-unknown: members the type does not declare (vendor extensions) are written out, not dropped.\n";

int usage(std::string_view why = {}) {
    if (!why.empty()) std::cerr << "identity-doc: " << why << "\n";
    std::cerr << usage_text;
    return 2;
}

struct options {
    std::string command;
    std::optional<v2::document_format> to;
    v2::xml_dialect dialect = v2::xml_dialect::keystone;
    bool dialect_given = false;
    std::optional<std::size_t> type;
    bool pretty = false;
    bool keep_unknown = false;
    std::string file;
};

std::string show(std::string text, v2::document_format f, bool pretty) {
    if (!pretty) return text;
    return f == v2::document_format::json ? osi_pretty::json(text) : osi_pretty::xml(text);
}

// The fault document for a bad input, in the input's format.
int fault(const v2::error& e, v2::document_format f, const options& o) {
    auto doc = v2::make_fault(e);
    if (f == v2::document_format::json) std::cout << show(v2::to_json(doc), f, o.pretty) << "\n";
    else std::cout << show(v2::to_xml(doc, v2::xml_options{.dialect = o.dialect}), f, o.pretty) << "\n";
    return 1;
}

template <class T>
int run(std::string_view text, v2::document_format in, const options& o) {
    v2::read_options read;
    if (o.keep_unknown) read.unknown = v2::unknown_policy::keep;
    auto value = in == v2::document_format::json ? v2::try_from_json<T>(text, read) : v2::try_from_xml<T>(text, read);
    if (!value) return fault(value.error(), in, o);
    if (o.command == "validate") {
        std::cout << v2::type_name<T>() << ": valid\n";
        return 0;
    }
    const auto out = o.to.value_or(in == v2::document_format::json ? v2::document_format::xml
                                                                   : v2::document_format::json);
    // A kept member the output format cannot carry fails the conversion (reported in the input's format).
    auto text_out = out == v2::document_format::json ? v2::try_to_json(*value)
                                                     : v2::try_to_xml(*value, v2::xml_options{.dialect = o.dialect});
    if (!text_out) return fault(text_out.error(), in, o);
    std::cout << show(std::move(*text_out), out, o.pretty) << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    options o;
    if (argc < 2) return usage();
    o.command = argv[1];
    if (o.command == "--help" || o.command == "-h") {
        std::cout << usage_text;
        return 0;
    }
    if (o.command == "types") {
        if (argc != 2) return usage("types takes no arguments");
        for (std::size_t i = 0; i < v2::document_type_count; ++i) std::cout << v2::document_type_name(i) << "\n";
        return 0;
    }
    if (o.command != "convert" && o.command != "validate") return usage("unknown command \"" + o.command + "\"");
    bool have_file = false;
    for (int i = 2; i < argc; ++i) {
        std::string_view a = argv[i];
        auto value = [&]() -> std::optional<std::string_view> {
            if (i + 1 >= argc) return std::nullopt;
            return std::string_view(argv[++i]);
        };
        if (a == "--to" && o.command == "convert") {
            auto v = value();
            if (v == "json") o.to = v2::document_format::json;
            else if (v == "xml") o.to = v2::document_format::xml;
            else return usage("--to takes json or xml");
        } else if (a == "--dialect") {
            auto v = value();
            if (v == "keystone") o.dialect = v2::xml_dialect::keystone;
            else if (v == "schema") o.dialect = v2::xml_dialect::schema;
            else return usage("--dialect takes keystone or schema");
            o.dialect_given = true;
        } else if (a == "--type") {
            auto v = value();
            if (!v) return usage("--type takes a type name");
            o.type = v2::document_type_index(*v);
            if (!o.type) return usage("unknown type \"" + std::string(*v) + "\" (see identity-doc types)");
        } else if (a == "--pretty" && o.command == "convert") {
            o.pretty = true;
        } else if (a == "--keep-unknown" && o.command == "convert") {
            o.keep_unknown = true;
        } else if (a.size() > 1 && a[0] == '-') {
            return usage("unknown option " + std::string(a));
        } else if (have_file) {
            return usage("more than one file");
        } else {
            o.file = a;
            have_file = true;
        }
    }
    if (o.dialect_given && o.command == "convert" && o.to == v2::document_format::json)
        return usage("--dialect applies to XML output");

    std::string text;
    if (o.file.empty() || o.file == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), {});
    } else {
        std::ifstream in(o.file, std::ios::binary);
        if (!in) {
            std::cerr << "identity-doc: cannot open " << o.file << "\n";
            return 2;
        }
        text.assign(std::istreambuf_iterator<char>(in), {});
    }

    const auto format = v2::format_of(text);
    std::size_t type;
    if (o.type) {
        type = *o.type;
    } else {
        auto detected = v2::detect_document(text);
        if (!detected) return fault(detected.error(), format, o);
        type = *detected;
    }
    return v2::visit_document_type(type, [&](auto t) { return run<typename decltype(t)::type>(text, format, o); });
}
