#ifndef OPENSTACK_IDENTITY_V2_MODEL_CREDENTIALS_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_CREDENTIALS_HPP

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/model/link.hpp>

#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

struct password_credentials {
    std::optional<std::string> username;
    std::optional<std::string> user_id;
    std::string password;
    unknown_members extra;
    bool operator==(const password_credentials&) const = default;
};
BOOST_DESCRIBE_STRUCT(password_credentials, (), (username, user_id, password))

template <>
struct schema<password_credentials> {
    static constexpr std::string_view doc = "A user name (or id) and password: in auth, and as an OS-KSADM credential.";
    static constexpr std::string_view root = "passwordCredentials";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&password_credentials::username>({.max_length = 64}),
        // PasswordCredentialsRequiredUsername takes no other attribute, not even a foreign one.
        field<&password_credentials::user_id>({.json = "userId",
                                               .max_length = 64,
                                               .xml_schema = xml_meta{.form = xml_form::omit}}),
        field<&password_credentials::password>({.required = true, .max_length = 4096}),
    };
    static constexpr presence_rule rules[] = {
        at_least_one<&password_credentials::username, &password_credentials::user_id>(),
    };
};

// The token of a token-authentication request: {"id": "..."}.
struct token_credentials {
    std::string id;
    unknown_members extra;
    bool operator==(const token_credentials&) const = default;
};
BOOST_DESCRIBE_STRUCT(token_credentials, (), (id))

template <>
struct schema<token_credentials> {
    static constexpr std::string_view doc = "The token of a token authentication (rescoping): {\"id\": \"...\"}.";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&token_credentials::id>({.required = true, .max_length = 8192}),
    };
};

// OS-KSEC2. The JSON sample carries "secret", the XML sample "key": both are kept.
struct ec2_credentials {
    std::optional<std::string> username;
    std::optional<std::string> key;
    std::optional<std::string> secret;
    std::optional<std::string> signature;
    unknown_members extra;
    bool operator==(const ec2_credentials&) const = default;
};
BOOST_DESCRIBE_STRUCT(ec2_credentials, (), (username, key, secret, signature))

template <>
struct schema<ec2_credentials> {
    static constexpr std::string_view doc = "OS-KSEC2 credentials: in auth, and as an OS-KSADM credential.";
    static constexpr std::string_view root = "OS-KSEC2-ec2Credentials";
    static constexpr std::string_view xml_root = "ec2Credentials";
    static constexpr std::string_view xml_ns = ns::os_ksec2;
    static constexpr field_def members[] = {
        field<&ec2_credentials::username>({.max_length = 64}),
        field<&ec2_credentials::secret>({.xml_schema = xml_meta{.foreign = true}}),
    };
};

// OS-KSS3. As for EC2, the JSON sample carries "secret", the XML sample and the XSD "key": both are kept.
struct s3_credentials {
    std::optional<std::string> username;
    std::optional<std::string> key;
    std::optional<std::string> secret;
    std::optional<std::string> signature;
    unknown_members extra;
    bool operator==(const s3_credentials&) const = default;
};
BOOST_DESCRIBE_STRUCT(s3_credentials, (), (username, key, secret, signature))

template <>
struct schema<s3_credentials> {
    static constexpr std::string_view doc = "OS-KSS3 credentials (an OS-KSADM credential).";
    static constexpr std::string_view root = "OS-KSS3:s3Credentials";
    static constexpr std::string_view xml_ns = ns::os_kss3;
    static constexpr field_def members[] = {
        field<&s3_credentials::username>({.max_length = 64}),
        field<&s3_credentials::secret>({.xml_schema = xml_meta{.foreign = true}}),
    };
};

// One entry of an OS-KSADM credentials list: exactly one kind of credential.
struct credential_entry {
    std::optional<v2::password_credentials> password_credentials;
    std::optional<v2::ec2_credentials> ec2_credentials;
    std::optional<v2::s3_credentials> s3_credentials;
    unknown_members extra;
    bool operator==(const credential_entry&) const = default;
};
BOOST_DESCRIBE_STRUCT(credential_entry, (), (password_credentials, ec2_credentials, s3_credentials))

template <>
struct schema<credential_entry> {
    static constexpr std::string_view doc =
        "One entry of an OS-KSADM credentials list: exactly one kind of credential.";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&credential_entry::password_credentials>({.json = "passwordCredentials"}),
        field<&credential_entry::ec2_credentials>({.json = "OS-KSEC2-ec2Credentials",
                                                   .aliases = {"OS-KSEC2:ec2Credentials"},
                                                   .xml = {.name = "ec2Credentials", .ns = ns::os_ksec2}}),
        field<&credential_entry::s3_credentials>({.json = "OS-KSS3:s3Credentials",
                                                  .xml = {.name = "s3Credentials", .ns = ns::os_kss3}}),
    };
    static constexpr presence_rule rules[] = {
        exactly_one<&credential_entry::password_credentials, &credential_entry::ec2_credentials,
                    &credential_entry::s3_credentials>(),
    };
};

struct credentials {
    std::vector<credential_entry> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const credentials&) const = default;
};
BOOST_DESCRIBE_STRUCT(credentials, (), (items, links))

template <>
struct schema<credentials> {
    static constexpr std::string_view doc = "OS-KSADM: GET /v2.0/users/{userId}/OS-KSADM/credentials.";
    static constexpr std::string_view root = "credentials";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&credentials::items>({.json = "credentials", .xml = {.form = xml_form::unwrapped}}),
        // CredentialListType has no wildcard: the links have nowhere to go in the schema dialect.
        field<&credentials::links>({.json = "credentials_links",
                                    .xml = {.form = xml_form::unwrapped, .name = "link"},
                                    .xml_schema = xml_meta{.form = xml_form::omit}}),
    };
};

// Keystone's OS-EC2 credential: POST /v2.0/users/{id}/credentials/OS-EC2.
struct credential {
    std::optional<std::string> access;
    std::optional<std::string> secret;
    std::optional<std::string> tenant_id;
    std::optional<std::string> user_id;
    nullable<std::string> trust_id;
    unknown_members extra;
    bool operator==(const credential&) const = default;
};
BOOST_DESCRIBE_STRUCT(credential, (), (access, secret, tenant_id, user_id, trust_id))

template <>
struct schema<credential> {
    static constexpr std::string_view doc = "Keystone's OS-EC2 credential: POST /v2.0/users/{id}/credentials/OS-EC2.";
    static constexpr std::string_view root = "credential";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        // Its id: a list entry without one is no OS-EC2 credential (RAX-KSKEY's apiKeyCredentials).
        field<&credential::access>({.required = true, .doc = "the access key, the credential's id"}),
    };
};

}  // namespace openstack::identity::v2

#endif
