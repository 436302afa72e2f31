// libFuzzer target: an HTTP request (as Beast parses it off the wire) through both listeners' handlers.
#include "handler_target.hpp"

#include <boost/json/src.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string why = osi_fuzz::check_handler({reinterpret_cast<const char*>(data), size});
    if (!why.empty()) {
        std::fprintf(stderr, "handler_fuzz: %s\n", why.c_str());
        std::abort();
    }
    return 0;
}
