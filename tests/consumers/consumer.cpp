// A program that uses the library the way a consumer project would.
#ifdef OSI_SINGLE_HEADER
#include <openstack/identity_v2.hpp>
#else
#include <openstack/identity/v2.hpp>
#endif

#include <cstdio>

namespace v2 = openstack::identity::v2;

int main() {
    auto a = v2::try_from_json<v2::auth>(R"({"auth":{"tenantName":"demo","passwordCredentials":{"username":"demo","password":"secretsecret"}}})");
    if (!a || a->tenant_name != "demo") return 1;
    auto bad = v2::try_from_json<v2::auth>(R"({"auth":{"tenantName":"a","tenantId":"b","token":{"id":"t"}}})");
    if (bad || bad.error().path != "auth.tenantId") return 2;
    std::puts(v2::to_json(*a).c_str());
    std::puts(v2::to_xml(*a).c_str());
    return 0;
}
