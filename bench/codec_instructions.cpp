// The codec's instructions per operation on one access document (samples/auth, with a catalog), for
// comparing two trees when the machine is too busy for timings (bench/README.md, issue #17):
//   g++ -std=c++20 -O2 -DNDEBUG -I<tree>/include bench/codec_instructions.cpp -lboost_json -lpugixml
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null ./a.out OP N   (run from the tree's root)
// OP: read_json, write_json, read_xml or write_xml; (Ir at N=1000 - Ir at N=0) / 1000 per operation.

#include <openstack/identity/v2.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace v2 = openstack::identity::v2;

static std::string slurp(const char* p) {
    std::ifstream f(p);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: codec_instructions read_json|write_json|read_xml|write_xml N\n";
        return 2;
    }
    const std::string op = argv[1];
    const int n = std::atoi(argv[2]);
    std::string js = slurp("tests/data/documents/samples/auth.json");
    std::string xs = slurp("tests/data/documents/samples/auth.keystone.xml");
    auto a = v2::from_json<v2::access>(js);
    std::size_t sink = 0;
    for (int i = 0; i < n; ++i) {
        if (op == "read_json") sink += v2::from_json<v2::access>(js).token.id.size();
        else if (op == "write_json") sink += v2::to_json(a).size();
        else if (op == "read_xml") sink += v2::from_xml<v2::access>(xs).token.id.size();
        else sink += v2::to_xml(a).size();
    }
    std::cout << sink << "\n";
}
