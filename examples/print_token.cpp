// Reads a v2.0 token response (JSON, from a file or stdin), checks it, and
// prints what a client needs from it, then the document as the library writes it.
//
//   print-token [--keep-unknown] [FILE]
//
// --keep-unknown: members the library does not declare (vendor extensions such as
// "RAX-AUTH:defaultRegion") are kept and written out; without it they are dropped.

#include <openstack/identity/v2.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>

namespace v2 = openstack::identity::v2;

int main(int argc, char** argv) {
    v2::read_options read;
    int arg = 1;
    if (arg < argc && std::string_view(argv[arg]) == "--keep-unknown") {
        read.unknown = v2::unknown_policy::keep;
        ++arg;
    }
    if (argc - arg > 1) {
        std::cerr << "usage: print-token [--keep-unknown] [FILE]\n";
        return 2;
    }
    std::string text;
    if (arg < argc) {
        std::ifstream in(argv[arg], std::ios::binary);
        if (!in) {
            std::cerr << "cannot open " << argv[arg] << "\n";
            return 2;
        }
        text.assign(std::istreambuf_iterator<char>(in), {});
    } else {
        text.assign(std::istreambuf_iterator<char>(std::cin), {});
    }

    auto access = v2::try_from_json<v2::access>(text, read);
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
