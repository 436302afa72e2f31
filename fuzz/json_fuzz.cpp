// libFuzzer target: from_json of every root type (the first byte picks it), then a round trip.
#include "targets.hpp"

#include <boost/json/src.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string why = osi_fuzz::check_json({reinterpret_cast<const char*>(data), size});
    if (!why.empty()) {
        std::fprintf(stderr, "json_fuzz: %s\n", why.c_str());
        std::abort();
    }
    return 0;
}
