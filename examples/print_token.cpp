// Reads a v2.0 token response (JSON, from a file or stdin), checks it, and
// prints what a client needs from it, then the document as the library writes it.
//
//   print-token ../shared/seeds/... | print-token < response.json

#include <openstack/identity/v2.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

namespace v2 = openstack::identity::v2;

int main(int argc, char** argv) {
    std::string text;
    if (argc > 1) {
        std::ifstream in(argv[1], std::ios::binary);
        if (!in) {
            std::cerr << "cannot open " << argv[1] << "\n";
            return 2;
        }
        text.assign(std::istreambuf_iterator<char>(in), {});
    } else {
        text.assign(std::istreambuf_iterator<char>(std::cin), {});
    }

    auto access = v2::try_from_json<v2::access>(text);
    if (!access) {
        std::cerr << v2::to_json(v2::make_fault(access.error())) << "\n";
        return 1;
    }

    std::string expires;
    v2::value_traits<v2::timestamp>::format(access->token.expires, expires);
    std::cout << "token   " << access->token.id << "\nexpires " << expires << "\n";
    if (access->token.tenant) std::cout << "tenant  " << access->token.tenant->name.value_or("?") << "\n";
    if (access->user) std::cout << "user    " << access->user->name.value_or("?") << "\n";
    for (const auto& service : access->service_catalog.value_or(std::vector<v2::catalog_entry>{}))
        for (const auto& e : service.endpoints)
            std::cout << "  " << service.type << " " << e.public_url.value_or("") << "\n";
    std::cout << v2::to_json(*access) << "\n";
}
