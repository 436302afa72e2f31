#ifndef OPENSTACK_IDENTITY_V2_MODEL_AUTH_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_AUTH_HPP

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/model/credentials.hpp>

#include <optional>
#include <string>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// The authentication request: POST /v2.0/tokens.
struct auth {
    std::optional<std::string> tenant_name;
    std::optional<std::string> tenant_id;
    std::optional<v2::password_credentials> password_credentials;
    std::optional<token_credentials> token;
    std::optional<v2::ec2_credentials> ec2_credentials;
    unknown_members extra;
    bool operator==(const auth&) const = default;
};
BOOST_DESCRIBE_STRUCT(auth, (), (tenant_name, tenant_id, password_credentials, token, ec2_credentials))

template <>
struct schema<auth> {
    static constexpr std::string_view doc = "The authentication request: POST /v2.0/tokens.";
    static constexpr std::string_view root = "auth";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&auth::token>({.doc = "authenticate with a token (rescoping)"}),
        field<&auth::tenant_name>({.json = "tenantName",
                                   .max_length = 64,
                                   .doc = "scope the token to this tenant, by name"}),
        field<&auth::tenant_id>({.json = "tenantId", .max_length = 64, .doc = "scope the token to this tenant, by id"}),
        field<&auth::password_credentials>({.json = "passwordCredentials", .doc = "authenticate with a password"}),
        field<&auth::ec2_credentials>({.json = "OS-KSEC2-ec2Credentials",
                                       .aliases = {"OS-KSEC2:ec2Credentials"},
                                       .xml = {.name = "ec2Credentials", .ns = ns::os_ksec2},
                                       .doc = "authenticate with EC2 credentials (OS-KSEC2)"}),
    };
    static constexpr presence_rule rules[] = {
        at_most_one<&auth::tenant_name, &auth::tenant_id>(),
        exactly_one<&auth::password_credentials, &auth::token, &auth::ec2_credentials>(),
    };
};

}  // namespace openstack::identity::v2

#endif
