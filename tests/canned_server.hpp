#ifndef OSI_TESTS_CANNED_SERVER_HPP
#define OSI_TESTS_CANNED_SERVER_HPP

// A tiny HTTP(S) server on 127.0.0.1 and an ephemeral port, answering with whatever the test's
// handler returns, and recording every request. For client tests: Keystone-shaped canned answers
// (the seed's token, {"error": ...} faults, values wrappers, an HTML 413, 503 then 200, ...).

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace osi_test {

namespace cnet = boost::asio;
namespace cbeast = boost::beast;
namespace chttp = boost::beast::http;

using canned_request = chttp::request<chttp::string_body>;
using canned_response = chttp::response<chttp::string_body>;

inline canned_response reply(unsigned status, std::string body, std::string content_type = "application/json") {
    canned_response r{static_cast<chttp::status>(status), 11};
    if (!content_type.empty()) r.set(chttp::field::content_type, content_type);
    r.body() = std::move(body);
    r.prepare_payload();
    return r;
}

// What the server saw.
struct seen_request {
    chttp::verb method;
    std::string target;
    std::string auth_token;
    std::string content_type;
    std::string accept;
    std::string body;
};

// A self-signed certificate for 127.0.0.1 (subjectAltName IP), written as PEM files in a temp dir.
struct test_certificate {
    std::filesystem::path dir, cert, key;

    test_certificate() {
        dir = std::filesystem::temp_directory_path() /
              ("osi-tls-" + std::to_string(::getpid()) + "-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        std::filesystem::create_directories(dir);
        cert = dir / "cert.pem";
        key = dir / "key.pem";
        EVP_PKEY* pkey = EVP_EC_gen("P-256");
        X509* x = X509_new();
        X509_set_version(x, 2);
        ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
        X509_gmtime_adj(X509_getm_notBefore(x), -60);
        X509_gmtime_adj(X509_getm_notAfter(x), 3600);
        X509_set_pubkey(x, pkey);
        X509_NAME* name = X509_get_subject_name(x);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1,
                                   -1, 0);
        X509_set_issuer_name(x, name);
        X509V3_CTX ctx;
        X509V3_set_ctx_nodb(&ctx);
        X509V3_set_ctx(&ctx, x, x, nullptr, nullptr, 0);
        for (auto [nid, value] :
             {std::pair{NID_subject_alt_name, "IP:127.0.0.1"}, std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
            X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
            X509_add_ext(x, ext, -1);
            X509_EXTENSION_free(ext);
        }
        X509_sign(x, pkey, EVP_sha256());
        FILE* f = std::fopen(cert.c_str(), "w");
        PEM_write_X509(f, x);
        std::fclose(f);
        f = std::fopen(key.c_str(), "w");
        PEM_write_PrivateKey(f, pkey, nullptr, nullptr, 0, nullptr, nullptr);
        std::fclose(f);
        X509_free(x);
        EVP_PKEY_free(pkey);
    }
    ~test_certificate() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

class canned_server {
public:
    using handler_type = std::function<canned_response(const canned_request&)>;

    explicit canned_server(handler_type h, const test_certificate* tls = nullptr) : handler_(std::move(h)) {
        if (tls) {
            ssl_.emplace(cnet::ssl::context::tls_server);
            ssl_->use_certificate_chain_file(tls->cert.string());
            ssl_->use_private_key_file(tls->key.string(), cnet::ssl::context::pem);
        }
        acceptor_.open(cnet::ip::tcp::v4());
        acceptor_.set_option(cnet::socket_base::reuse_address(true));
        acceptor_.bind({cnet::ip::make_address("127.0.0.1"), 0});
        acceptor_.listen();
        port_ = acceptor_.local_endpoint().port();
        cnet::co_spawn(ioc_, accept_loop(), cnet::detached);
        thread_ = std::thread([this] { ioc_.run(); });
    }

    ~canned_server() {
        ioc_.stop();
        thread_.join();
    }

    unsigned short port() const { return port_; }
    std::string root() const { return std::string(ssl_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_); }
    std::string url() const { return root() + "/v2.0"; }

    std::vector<seen_request> requests() const {
        std::lock_guard lk(m_);
        return seen_;
    }
    std::size_t count(chttp::verb m, std::string_view target_prefix = "") const {
        std::lock_guard lk(m_);
        std::size_t n = 0;
        for (const auto& r : seen_)
            if (r.method == m && r.target.starts_with(target_prefix)) ++n;
        return n;
    }

private:
    cnet::awaitable<void> accept_loop() {
        for (;;) {
            boost::system::error_code ec;
            auto sock = co_await acceptor_.async_accept(cnet::redirect_error(cnet::use_awaitable, ec));
            if (ec) co_return;
            cnet::co_spawn(ioc_, serve(std::move(sock)), cnet::detached);
        }
    }

    template <class Stream>
    cnet::awaitable<void> serve_stream(Stream& s) {
        cbeast::flat_buffer buf;
        for (;;) {
            boost::system::error_code ec;
            canned_request req;
            co_await chttp::async_read(s, buf, req, cnet::redirect_error(cnet::use_awaitable, ec));
            if (ec) co_return;
            {
                std::lock_guard lk(m_);
                seen_.push_back({req.method(), std::string(req.target()), std::string(req["X-Auth-Token"]),
                                 std::string(req[chttp::field::content_type]), std::string(req[chttp::field::accept]),
                                 req.body()});
            }
            canned_response res = handler_(req);
            if (req.method() == chttp::verb::head) {
                const auto len = res.body().size();
                res.body().clear();
                res.content_length(len);
            }
            res.keep_alive(req.keep_alive());
            const bool head = req.method() == chttp::verb::head;
            if (head) {
                chttp::response_serializer<chttp::string_body> sr(res);
                co_await chttp::async_write_header(s, sr, cnet::redirect_error(cnet::use_awaitable, ec));
            } else {
                co_await chttp::async_write(s, res, cnet::redirect_error(cnet::use_awaitable, ec));
            }
            if (ec || !req.keep_alive()) co_return;
        }
    }

    cnet::awaitable<void> serve(cnet::ip::tcp::socket sock) {
        if (!ssl_) {
            co_await serve_stream(sock);
            co_return;
        }
        cbeast::ssl_stream<cnet::ip::tcp::socket> s(std::move(sock), *ssl_);
        boost::system::error_code ec;
        co_await s.async_handshake(cnet::ssl::stream_base::server, cnet::redirect_error(cnet::use_awaitable, ec));
        if (ec) co_return;
        co_await serve_stream(s);
    }

    handler_type handler_;
    cnet::io_context ioc_;
    std::optional<cnet::ssl::context> ssl_;
    cnet::ip::tcp::acceptor acceptor_{ioc_};
    unsigned short port_ = 0;
    std::thread thread_;
    mutable std::mutex m_;
    std::vector<seen_request> seen_;
};

}  // namespace osi_test

#endif
