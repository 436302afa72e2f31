#ifndef OPENSTACK_IDENTITY_V2_MODEL_ADMIN_HPP
#define OPENSTACK_IDENTITY_V2_MODEL_ADMIN_HPP

// The documents of Keystone's v2.0 admin API that the core and OS-KSADM documents do not cover:
// the endpoint registry (/endpoints), OS-EC2 credentials, OS-KSCRUD's own-password change and
// the ec2tokens request. Several share a root with an older document ("endpoint", "user",
// "credentials"): detect_document tells them apart by their members (detect.hpp).

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/model/credentials.hpp>
#include <openstack/identity/v2/model/link.hpp>

#include <optional>
#include <string>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE {

// An endpoint as Keystone's endpoint registry has it: GET|POST /v2.0/endpoints. Not the
// catalog's endpoint: it names its service and spells the URLs in lower case.
struct endpoint_record {
    std::optional<std::string> id;
    nullable<std::string> region;
    std::string service_id;
    std::optional<std::string> public_url;
    std::optional<std::string> admin_url;
    std::optional<std::string> internal_url;
    unknown_members extra;
    bool operator==(const endpoint_record&) const = default;
};
BOOST_DESCRIBE_STRUCT(endpoint_record, (), (id, region, service_id, public_url, admin_url, internal_url))

template <>
struct schema<endpoint_record> {
    static constexpr std::string_view doc =
        "Keystone's registered endpoint: POST /v2.0/endpoints (not the catalog's endpoint: service_id, publicurl).";
    static constexpr std::string_view root = "endpoint";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&endpoint_record::id>({.max_length = 64}),
        field<&endpoint_record::region>({.max_length = 255, .doc = "null when the endpoint has no region"}),
        field<&endpoint_record::service_id>({.required = true, .max_length = 64}),
        field<&endpoint_record::public_url>({.json = "publicurl"}),
        field<&endpoint_record::admin_url>({.json = "adminurl"}),
        field<&endpoint_record::internal_url>({.json = "internalurl"}),
    };
    static constexpr presence_rule rules[] = {
        at_least_one<&endpoint_record::public_url, &endpoint_record::admin_url, &endpoint_record::internal_url>(),
    };
};

struct endpoint_records {
    std::vector<endpoint_record> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const endpoint_records&) const = default;
};
BOOST_DESCRIBE_STRUCT(endpoint_records, (), (items, links))

template <>
struct schema<endpoint_records> {
    static constexpr std::string_view doc = "Keystone's endpoint registry: GET /v2.0/endpoints.";
    static constexpr std::string_view root = "endpoints";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&endpoint_records::items>({.json = "endpoints",
                                         .xml = {.form = xml_form::unwrapped, .name = "endpoint"}}),
        field<&endpoint_records::links>({.json = "endpoints_links",
                                         .xml = {.form = xml_form::unwrapped, .name = "link"}}),
    };
};

// A user's OS-EC2 credentials (credential, in credentials.hpp): GET /v2.0/users/{id}/credentials/OS-EC2.
// Not `credentials`, the OS-KSADM list of password, EC2 and S3 credentials.
struct credential_list {
    std::vector<credential> items;
    std::optional<std::vector<link>> links;
    unknown_members extra;
    bool operator==(const credential_list&) const = default;
};
BOOST_DESCRIBE_STRUCT(credential_list, (), (items, links))

template <>
struct schema<credential_list> {
    static constexpr std::string_view doc =
        "Keystone's OS-EC2 credentials of a user: GET /v2.0/users/{id}/credentials/OS-EC2.";
    static constexpr std::string_view root = "credentials";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&credential_list::items>({.json = "credentials",
                                        .xml = {.form = xml_form::unwrapped, .name = "credential"}}),
        field<&credential_list::links>({.json = "credentials_links",
                                        .xml = {.form = xml_form::unwrapped, .name = "link"}}),
    };
};

// The request that creates an OS-EC2 credential: {"tenant_id": "..."}. Keystone's body has no
// root key; in XML, which Keystone never spoke here, our own <credentialRequest tenant_id="..."/>
// in the OS-KSEC2 namespace (<credential> would be the credential's).
struct credential_request {
    std::string tenant_id;
    unknown_members extra;
    bool operator==(const credential_request&) const = default;
};
BOOST_DESCRIBE_STRUCT(credential_request, (), (tenant_id))

template <>
struct schema<credential_request> {
    static constexpr std::string_view doc =
        "Creates an OS-EC2 credential: POST /v2.0/users/{id}/credentials/OS-EC2 {\"tenant_id\": ...}.";
    static constexpr std::string_view root = "tenant_id";
    static constexpr std::string_view xml_root = "credentialRequest";
    static constexpr root_style style = root_style::members;
    static constexpr std::string_view xml_ns = ns::os_ksec2;
    static constexpr field_def members[] = {
        field<&credential_request::tenant_id>({.required = true, .max_length = 64}),
    };
};

// OS-KSCRUD: a user changes their own password, PATCH /v2.0/OS-KSCRUD/users/{id}.
struct password_change {
    std::string password;
    std::string original_password;
    unknown_members extra;
    bool operator==(const password_change&) const = default;
};
BOOST_DESCRIBE_STRUCT(password_change, (), (password, original_password))

template <>
struct schema<password_change> {
    static constexpr std::string_view doc =
        "OS-KSCRUD: a user's own password change, PATCH /v2.0/OS-KSCRUD/users/{id} (answered with an access).";
    static constexpr std::string_view root = "user";
    static constexpr std::string_view xml_ns = ns::identity;
    static constexpr field_def members[] = {
        field<&password_change::password>({.required = true, .max_length = 4096, .doc = "the new password"}),
        field<&password_change::original_password>({.required = true, .max_length = 4096}),
    };
};

// Names and values of an EC2 request (its query parameters, or its headers for signature v4):
// any member is one of them, kept whatever the read's unknown policy.
struct ec2_values {
    unknown_members extra;
    bool operator==(const ec2_values&) const = default;
};
BOOST_DESCRIBE_STRUCT(ec2_values, (), ())

template <>
struct schema<ec2_values> {
    static constexpr std::string_view doc = "Names and values of an EC2 request: every member is kept.";
    static constexpr std::string_view xml_ns = ns::os_ksec2;
    static constexpr bool open = true;
};

// POST /v2.0/ec2tokens: an EC2 request signed with a credential's secret, as keystoneclient's
// Ec2Signer (keystoneclient/contrib/ec2/utils.py) and Keystone's ec2tokens read it.
struct ec2_request {
    std::string access;
    std::string signature;
    std::optional<std::string> host;
    std::optional<std::string> verb;
    std::optional<std::string> path;
    std::optional<ec2_values> params;
    std::optional<ec2_values> headers;
    std::optional<std::string> body_hash;
    unknown_members extra;
    bool operator==(const ec2_request&) const = default;
};
BOOST_DESCRIBE_STRUCT(ec2_request, (), (access, signature, host, verb, path, params, headers, body_hash))

template <>
struct schema<ec2_request> {
    static constexpr std::string_view doc =
        "POST /v2.0/ec2tokens: a signed EC2 request (signature v2 or v4), answered with an access.";
    static constexpr std::string_view root = "credentials";
    static constexpr std::string_view xml_ns = ns::os_ksec2;
    static constexpr field_def members[] = {
        field<&ec2_request::access>({.required = true, .max_length = 255, .doc = "the credential's access key"}),
        field<&ec2_request::signature>({.required = true, .max_length = 1024}),
        field<&ec2_request::host>({.max_length = 1024}),
        field<&ec2_request::verb>({.max_length = 16}),
        field<&ec2_request::path>({.max_length = 8192}),
        field<&ec2_request::params>({.doc = "the query parameters (v2: SignatureVersion, Timestamp, ...)"}),
        field<&ec2_request::headers>({.doc = "v4: the request's headers"}),
        field<&ec2_request::body_hash>({.max_length = 128, .doc = "v4: SHA-256 of the body, hex"}),
    };
};

}  // namespace openstack::identity::v2

#endif
