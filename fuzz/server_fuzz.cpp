// libFuzzer target: bytes over a TCP connection to a real asio::server (both listeners on
// loopback), so that the connection code runs too; see fuzz/server_target.hpp for what it checks.

// Boost's assertions go to the handler below (before any Boost header).
#define BOOST_ENABLE_ASSERT_HANDLER

#include "server_target.hpp"

#include <boost/json/src.hpp>
#include <boost/version.hpp>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace boost {

// Every failed assertion aborts (a finding), but one: Beast before 1.86 asserts `n >= 5` in
// basic_parser::parse_chunk_header when a chunked body starts with its last chunk and the rest
// arrives in pieces ("0\r\n", then "\r"), which the code after the assertion parses right
// (boostorg/beast#2861; found by this target, tests/data/fuzz-regressions/server_fuzz/). Said once.
void assertion_failed(char const* expr, char const* function, char const* file, long line) {
#if BOOST_VERSION < 108600
    if (std::string_view(expr) == "n >= 5" && std::string_view(file).ends_with("/beast/http/impl/basic_parser.ipp")) {
        static std::atomic<bool> said{false};
        if (!said.exchange(true))
            std::fprintf(stderr, "server_fuzz: tolerated Beast's assertion `n >= 5' (boostorg/beast#2861)\n");
        return;
    }
#endif
    std::fprintf(stderr, "%s:%ld: %s: Assertion `%s' failed.\n", file, line, function, expr);
    std::abort();
}

void assertion_failed_msg(char const* expr, char const* msg, char const* function, char const* file, long line) {
    std::fprintf(stderr, "%s:%ld: %s: Assertion `%s' failed: %s\n", file, line, function, expr, msg);
    std::abort();
}

}  // namespace boost

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string why = osi_fuzz::check_server({reinterpret_cast<const char*>(data), size});
    if (!why.empty()) {
        std::fprintf(stderr, "server_fuzz: %s\n", why.c_str());
        std::abort();
    }
    return 0;
}
