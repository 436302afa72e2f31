// RSS drift of a running identity server: after a warm-up, N token validations and M token
// issues over keep-alive connections, reading the server's VmRSS from /proc before and after.
//
//   osi_bench_drift --pid PID --public PORT --admin PORT [--validations N] [--issues M]
//                   [--connections C] [--ttl SECONDS]
// The server should run with a short token_lifetime (--ttl, the same value) so that tokens
// expire and are purged while the run goes on. Prints one JSON object.

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

long rss_kib(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
    return -1;
}

const std::string auth_body =
    R"({"auth":{"tenantName":"demo","passwordCredentials":{"username":"demo","password":"secretsecret"}}})";

class client {
public:
    client(net::io_context& ioc, unsigned short pub, unsigned short adm)
        : pub_(ioc), adm_(ioc), pub_port_(pub), adm_port_(adm) {
        pub_.connect({lo(), pub});
        adm_.connect({lo(), adm});
    }

    // POST /v2.0/tokens; returns the new token id (empty on failure).
    std::string issue() {
        http::request<http::string_body> req{http::verb::post, "/v2.0/tokens", 11};
        req.set(http::field::host, "127.0.0.1");
        req.set(http::field::content_type, "application/json");
        req.body() = auth_body;
        req.prepare_payload();
        auto res = round_trip(pub_, req);
        if (res.result_int() != 200) return {};
        const std::string& b = res.body();
        const auto t = b.find("\"token\"");
        const auto i = t == std::string::npos ? t : b.find("\"id\":\"", t);
        if (i == std::string::npos) return {};
        const auto end = b.find('"', i + 6);
        return b.substr(i + 6, end - i - 6);
    }

    // GET /v2.0/tokens/{id} with the admin token; returns the status.
    unsigned validate(const std::string& id) {
        http::request<http::string_body> req{http::verb::get, "/v2.0/tokens/" + id, 11};
        req.set(http::field::host, "127.0.0.1");
        req.set("X-Auth-Token", "ADMIN");
        return round_trip(adm_, req).result_int();
    }

private:
    static net::ip::address lo() { return net::ip::make_address("127.0.0.1"); }

    // The server closes a keep-alive connection after max_requests_per_connection answers
    // (`Connection: close`): connect again, as any HTTP client does.
    http::response<http::string_body> round_trip(beast::tcp_stream& s, http::request<http::string_body>& req) {
        http::write(s, req);
        http::response<http::string_body> res;
        http::read(s, buf_, res);
        if (!res.keep_alive()) {
            s.close();
            buf_.clear();
            s.connect({lo(), &s == &pub_ ? pub_port_ : adm_port_});
        }
        return res;
    }
    beast::tcp_stream pub_, adm_;
    unsigned short pub_port_, adm_port_;
    beast::flat_buffer buf_;
};

struct totals {
    std::atomic<long> validations{0}, issues{0}, failures{0};
};

// Each connection: one issue, then `ratio` validations of that token, until its share is done.
void work(unsigned short pub, unsigned short adm, long validations, long issues, totals& t) {
    net::io_context ioc;
    client c(ioc, pub, adm);
    const long ratio = issues > 0 ? validations / issues : validations;
    std::string token;
    long v = 0, i = 0;
    while (v < validations || i < issues) {
        if (i < issues && (token.empty() || v >= (i * ratio))) {
            token = c.issue();
            ++i;
            if (token.empty()) ++t.failures;
            continue;
        }
        if (c.validate(token) != 200) ++t.failures;
        ++v;
    }
    t.validations += v;
    t.issues += i;
}

double run(unsigned short pub, unsigned short adm, unsigned conns, long validations, long issues, totals& t) {
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (unsigned k = 0; k < conns; ++k)
        pool.emplace_back([&, k] {
            const long v = validations / conns + (k < validations % conns);
            const long i = issues / conns + (k < issues % conns);
            work(pub, adm, v, i, t);
        });
    for (auto& th : pool) th.join();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    int pid = 0;
    unsigned short pub = 0, adm = 0;
    long validations = 1000000, issues = 100000;
    unsigned conns = 4;
    int ttl = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view a = argv[i];
        const char* v = argv[i + 1];
        if (a == "--pid") pid = std::atoi(v);
        else if (a == "--public") pub = static_cast<unsigned short>(std::atoi(v));
        else if (a == "--admin") adm = static_cast<unsigned short>(std::atoi(v));
        else if (a == "--validations") validations = std::atol(v);
        else if (a == "--issues") issues = std::atol(v);
        else if (a == "--connections") conns = static_cast<unsigned>(std::atoi(v));
        else if (a == "--ttl") ttl = std::atoi(v);
    }
    if (!pid || !pub || !adm || !conns) {
        std::cerr << "usage: osi_bench_drift --pid PID --public PORT --admin PORT [--validations N] [--issues M]\n";
        return 2;
    }
    try {
        const long rss_start = rss_kib(pid);
        // Warm-up: a tenth of the run, long enough for tokens to start expiring, so that the
        // live token set and the allocator's pools reach their steady state.
        totals warm;
        const double warm_s = run(pub, adm, conns, validations / 10, issues / 10, warm);
        const long rss_before = rss_kib(pid);
        totals t;
        const double secs = run(pub, adm, conns, validations, issues, t);
        const long rss_after = rss_kib(pid);
        // Let every token expire; the next authentication purges them.
        std::this_thread::sleep_for(std::chrono::seconds(ttl + 1));
        {
            net::io_context ioc;
            client(ioc, pub, adm).issue();
        }
        const long rss_purged = rss_kib(pid);
        std::printf(
            "{\"rss_start_kib\":%ld,\"rss_before_kib\":%ld,\"rss_after_kib\":%ld,\"rss_after_purge_kib\":%ld,"
            "\"validations\":%ld,\"issues\":%ld,\"failures\":%ld,\"warmup_failures\":%ld,\"seconds\":%.2f,"
            "\"warmup_seconds\":%.2f,\"requests_per_second\":%.0f}\n",
            rss_start, rss_before, rss_after, rss_purged, t.validations.load(), t.issues.load(), t.failures.load(),
            warm.failures.load(), secs, warm_s, double(t.validations + t.issues) / secs);
    } catch (const std::exception& e) {
        std::cerr << "osi_bench_drift: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
