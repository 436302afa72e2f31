// A program that uses the library the way a consumer project would.
#if defined(OSI_SINGLE_HEADER_ASIO)
#include <openstack/identity_v2_asio.hpp>
#elif defined(OSI_SINGLE_HEADER)
#include <openstack/identity_v2.hpp>
#else
#include <openstack/identity/v2.hpp>
#endif

#include <cstdio>

namespace v2 = openstack::identity::v2;

int main() {
    auto a = v2::try_from_json<v2::auth>(
        R"({"auth":{"tenantName":"demo","passwordCredentials":{"username":"demo","password":"secretsecret"}}})");
    if (!a || a->tenant_name != "demo") return 1;
    auto bad = v2::try_from_json<v2::auth>(R"({"auth":{"tenantName":"a","tenantId":"b","token":{"id":"t"}}})");
    if (bad || bad.error().path != "auth.tenantId") return 2;
    std::puts(v2::to_json(*a).c_str());
    std::puts(v2::to_xml(*a).c_str());
#ifdef OSI_SINGLE_HEADER_ASIO
    // The transport is in the single header too: client, session and server.
    auto url = v2::asio::parse_url("https://keystone.example:5000/v2.0");
    if (!url || v2::asio::versioned_url("http://h:5000/v2.0") != "http://h:5000/v2.0") return 3;
    v2::asio::server_options server_opts;
    (void)server_opts;
#endif
    return 0;
}
