#ifndef OPENSTACK_IDENTITY_V2_MODEL_USER_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_USER_HPP

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/model/role.hpp>

#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// A user as the token response shows it, and as the admin API reads and writes it
// (OS-KSADM adds the password on create and update).
struct user {
    std::optional<std::string> id;
    std::optional<std::string> name;
    std::optional<std::string> username;
    std::optional<std::string> email;
    std::optional<bool> enabled;
    std::optional<std::string> tenant_id;
    std::optional<std::string> password;
    std::optional<std::vector<role>> roles;
    std::optional<std::vector<link>> roles_links;
    unknown_members extra;
    bool operator==(const user&) const = default;
};
BOOST_DESCRIBE_STRUCT(user, (), (id, name, username, email, enabled, tenant_id, password, roles, roles_links))

template <>
struct schema<user> {
    static constexpr std::string_view doc =
        "A user: in a token response, and GET /v2.0/users/{id} (OS-KSADM adds the password on create and update).";
    static constexpr std::string_view root = "user";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&user::id>({.max_length = 64}),
        field<&user::name>({.max_length = 64, .xml_schema = xml_meta{.foreign = true}}),
        field<&user::username>({.max_length = 64, .doc = "Keystone's copy of name"}),
        field<&user::tenant_id>({.json = "tenantId",
                                 .max_length = 64,
                                 .xml_schema = xml_meta{.foreign = true},
                                 .doc = "the user's default tenant"}),
        field<&user::password>({.json = "OS-KSADM:password",
                                .aliases = {"password"},
                                .max_length = 4096,
                                .xml = {.name = "password", .ns = ns::os_ksadm},
                                .doc = "OS-KSADM: on create and update only"}),
        field<&user::roles>({.xml = {.form = xml_form::unwrapped, .name = "role"},
                             .xml_schema =
                                 xml_meta{.form = xml_form::wrapped, .name = "role", .always = true, .foreign = true},
                             .doc = "in a token: the user's roles on the token's tenant"}),
        field<&user::roles_links>({.xml = {.form = xml_form::wrapped, .name = "link", .order = -1},
                                   .xml_schema = xml_meta{.form = xml_form::wrapped, .name = "link", .foreign = true}}),
    };
};

struct users {
    std::vector<user> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const users&) const = default;
};
BOOST_DESCRIBE_STRUCT(users, (), (items, links))

template <>
struct schema<users> {
    static constexpr std::string_view doc = "OS-KSADM: GET /v2.0/users and GET /v2.0/tenants/{id}/users.";
    static constexpr std::string_view root = "users";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&users::items>({.json = "users", .xml = {.form = xml_form::unwrapped, .name = "user"}}),
        field<&users::links>({.json = "users_links", .xml = {.form = xml_form::unwrapped, .name = "link"}}),
    };
};

}  // namespace openstack::identity::v2

#endif
