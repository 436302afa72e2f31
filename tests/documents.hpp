// The test documents and their types, declared once: every document of tests/data/documents
// (scripts/make_test_documents.sh writes them; tests/data/documents/README.md says what they
// are) and the seed's fixtures in tests/data. The tests that go over documents (json_samples,
// xml_roundtrip, xml_read, detect, ...) take the list from here.
#ifndef OSI_TESTS_DOCUMENTS_HPP
#define OSI_TESTS_DOCUMENTS_HPP

#include "support.hpp"

#include <openstack/identity/v2.hpp>
#include <openstack/identity/v2/detect.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace osi_test {

namespace v2 = openstack::identity::v2;

// What a document under tests/data/documents was written from.
enum class origin {
    json_sample,  // the published <stem>.json (its XML twin <stem>.xml, when there is one, is published too)
    xml_sample,   // the published <stem>.xml, which has no JSON twin (the Atom feeds)
    own,          // text in the script: the reference has no sample of this type
};

struct document {
    // tests/data/documents/<stem>.json, <stem>.keystone.xml and <stem>.schema.xml; for a sample,
    // also its published path under OSI_SPEC_DIR without the extension.
    std::string_view stem;
    std::string_view type;  // v2::type_name of the document's type
    origin from = origin::json_sample;
};

// In the order of their JSON files' names (C locale). Every JSON sample of samples/ and OS-KS*/samples (46), the two
// Atom feeds, Keystone's OS-EC2 credential and its admin API's documents: every document type at least once.
inline constexpr document documents[] = {
    {"OS-EC2/credential", "credential", origin::own},
    {"OS-EC2/credential_request", "credential_request", origin::own},
    {"OS-EC2/credentials", "credential_list", origin::own},
    {"OS-EC2/ec2tokens", "ec2_request", origin::own},
    {"OS-KSADM/samples/create_user_request", "user"},
    {"OS-KSADM/samples/credentials", "credentials"},
    {"OS-KSADM/samples/passwordcredentials", "password_credentials"},
    {"OS-KSADM/samples/role", "role"},
    {"OS-KSADM/samples/roles", "roles"},
    {"OS-KSADM/samples/service", "service"},
    {"OS-KSADM/samples/services", "services"},
    {"OS-KSADM/samples/tenant", "tenant"},
    {"OS-KSADM/samples/tenantwithoutid", "tenant"},
    {"OS-KSADM/samples/user", "user"},
    {"OS-KSADM/samples/users", "users"},
    {"OS-KSADM/samples/userwithenabledonly", "user"},
    {"OS-KSADM/samples/userwithoutid", "user"},
    {"OS-KSCATALOG/samples/endpoint", "endpoint"},
    {"OS-KSCATALOG/samples/endpointTemplate", "endpoint_template"},
    {"OS-KSCATALOG/samples/endpointTemplateWithOnlyId", "endpoint_template"},
    {"OS-KSCATALOG/samples/endpointTemplates", "endpoint_templates"},
    {"OS-KSCATALOG/samples/endpoints", "endpoints"},
    {"OS-KSCRUD/password_change", "password_change", origin::own},
    {"OS-KSEC2/samples/auth_credentials-OS-KSEC2", "auth"},
    {"OS-KSEC2/samples/credentialswithec2", "credentials"},
    {"OS-KSEC2/samples/ec2Credentials", "ec2_credentials"},
    {"OS-KSS3/samples/credentialswiths3", "credentials"},
    {"OS-KSS3/samples/s3Credentials", "s3_credentials"},
    {"OS-KSVALIDATE/samples/endpoints", "endpoints"},
    {"OS-KSVALIDATE/samples/validatetoken", "access"},
    {"admin/endpoint", "endpoint_record", origin::own},
    {"admin/endpoints", "endpoint_records", origin::own},
    {"samples/auth", "access"},
    {"samples/auth_credentials", "auth"},
    {"samples/auth_with_token", "auth"},
    {"samples/choices", "choices"},
    {"samples/endpoints", "endpoints"},
    {"samples/ext-getuser", "user"},
    {"samples/extension", "extension"},
    {"samples/extensions", "extensions"},
    {"samples/getuser-1", "user"},
    {"samples/identity_fault", "fault"},
    {"samples/item_not_found", "fault"},
    {"samples/roles", "roles"},
    {"samples/tenant", "tenant"},
    {"samples/tenants-1", "tenants"},
    {"samples/tenants-2", "tenants"},
    {"samples/tenants-3", "tenants"},
    {"samples/tenants", "tenants"},
    {"samples/user", "user"},
    {"samples/validatetoken", "access"},
    {"samples/version-atom", "feed", origin::xml_sample},
    {"samples/version", "version"},
    {"samples/versions-atom", "feed", origin::xml_sample},
    {"samples/versions", "versions"},
};

// The seed's token response and auth requests as Keystone wrote them, JSON and XML (its
// keystone dialect): tests/data/<stem>.json and <stem>.xml, excerpts of the seed file
// (validate_test's the_seed_fixtures_are_the_seed checks that).
inline constexpr document seed_documents[] = {
    {"seed_access", "access", origin::own},
    {"seed_auth_password", "auth", origin::own},
    {"seed_auth_token", "auth", origin::own},
};

// The documents written from one origin.
inline std::vector<document> documents_from(origin o) {
    std::vector<document> out;
    for (const auto& d : documents)
        if (d.from == o) out.push_back(d);
    return out;
}

inline const document& find_document(std::string_view stem) {
    for (const auto& d : documents)
        if (d.stem == stem) return d;
    throw std::logic_error("documents.hpp: no document " + std::string(stem));
}

inline std::string_view dialect_suffix(v2::xml_dialect d) {
    return d == v2::xml_dialect::schema ? ".schema.xml" : ".keystone.xml";
}

// tests/data/documents/<stem><suffix>, suffix ".json", ".keystone.xml" or ".schema.xml".
inline std::string document_path(const document& d, std::string_view suffix) {
    return std::string(OSI_DATA_DIR) + "/documents/" + std::string(d.stem) + std::string(suffix);
}
inline std::string document_json(const document& d) { return read_file(document_path(d, ".json")); }
inline std::string document_xml(const document& d, v2::xml_dialect x) {
    return read_file(document_path(d, dialect_suffix(x)));
}
inline std::string document_json(std::string_view stem) { return document_json(find_document(stem)); }
inline std::string document_xml(std::string_view stem, v2::xml_dialect x) {
    return document_xml(find_document(stem), x);
}

// OSI_SPEC_DIR/<stem><ext> (ext ".json" or ".xml"): the published sample a document was written from.
inline std::string published_path(const document& d, std::string_view ext) {
    return std::string(OSI_SPEC_DIR) + "/" + std::string(d.stem) + std::string(ext);
}

// Calls f(std::type_identity<T>{}) with the document's type.
template <class F>
decltype(auto) visit_type(const document& d, F&& f) {
    const auto i = v2::document_type_index(d.type);
    if (!i) throw std::logic_error("documents.hpp: no document type " + std::string(d.type));
    return v2::visit_document_type(*i, std::forward<F>(f));
}

}  // namespace osi_test

#endif
