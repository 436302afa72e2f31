#ifndef OPENSTACK_IDENTITY_V2_MODEL_FEED_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_FEED_HPP

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/model/link.hpp>
#include <openstack/identity/v2/model/timestamp.hpp>

#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// Atom text construct: <title type="text">Version v2.0</title>.
struct atom_text {
    std::optional<std::string> type;
    std::string text;
    unknown_members extra;
    bool operator==(const atom_text&) const = default;
};
BOOST_DESCRIBE_STRUCT(atom_text, (), (type, text))

template <>
struct schema<atom_text> {
    static constexpr std::string_view doc = "An Atom text construct: <title type=\"text\">Version v2.0</title>.";
    static constexpr std::string_view xml_ns = ns::atom;
    static constexpr field_def members[] = {
        field<&atom_text::text>({.xml = {.form = xml_form::text}}),
    };
};

struct atom_person {
    std::optional<std::string> name;
    std::optional<std::string> uri;
    unknown_members extra;
    bool operator==(const atom_person&) const = default;
};
BOOST_DESCRIBE_STRUCT(atom_person, (), (name, uri))

template <>
struct schema<atom_person> {
    static constexpr std::string_view doc = "An Atom person (a feed author).";
    static constexpr std::string_view xml_ns = ns::atom;
    static constexpr field_def members[] = {
        field<&atom_person::name>({.xml = {.form = xml_form::element}}),
        field<&atom_person::uri>({.xml = {.form = xml_form::element}}),
    };
};

struct atom_entry {
    std::string id;
    std::optional<atom_text> title;
    std::optional<timestamp> updated;
    std::optional<std::vector<link>> links;
    std::optional<atom_text> content;
    unknown_members extra;
    bool operator==(const atom_entry&) const = default;
};
BOOST_DESCRIBE_STRUCT(atom_entry, (), (id, title, updated, links, content))

template <>
struct schema<atom_entry> {
    static constexpr std::string_view doc = "An Atom entry: one version.";
    static constexpr std::string_view xml_ns = ns::atom;
    static constexpr field_def members[] = {
        field<&atom_entry::id>({.required = true, .xml = {.form = xml_form::element}}),
        field<&atom_entry::updated>({.xml = {.form = xml_form::element}}),
        field<&atom_entry::links>({.xml = {.form = xml_form::unwrapped, .name = "link"}}),
    };
};

// The Atom feed form of version discovery (samples/version-atom.xml, versions-atom.xml).
struct feed {
    std::optional<atom_text> title;
    std::optional<timestamp> updated;
    std::string id;
    std::optional<atom_person> author;
    std::optional<std::vector<link>> links;
    std::vector<atom_entry> entries;
    unknown_members extra;
    bool operator==(const feed&) const = default;
};
BOOST_DESCRIBE_STRUCT(feed, (), (title, updated, id, author, links, entries))

template <>
struct schema<feed> {
    static constexpr std::string_view doc =
        "The Atom feed form of version discovery (samples/version-atom.xml, versions-atom.xml).";
    static constexpr std::string_view root = "feed";
    static constexpr std::string_view xml_ns = ns::atom;
    static constexpr field_def members[] = {
        field<&feed::updated>({.xml = {.form = xml_form::element}}),
        field<&feed::id>({.required = true, .xml = {.form = xml_form::element}}),
        field<&feed::links>({.xml = {.form = xml_form::unwrapped, .name = "link"}}),
        field<&feed::entries>({.xml = {.form = xml_form::unwrapped, .name = "entry"}}),
    };
};

}  // namespace openstack::identity::v2

#endif
