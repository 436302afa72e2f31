#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_CRYPTO_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_CRYPTO_HPP

// The few cryptographic primitives the example backend and the Fernet tokens need, from OpenSSL:
// random ids, base64url, PBKDF2-HMAC-SHA256 password hashes, SHA-256, HMAC-SHA256 and
// constant-time comparison.

#include <openstack/identity/v2/version.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/opensslv.h>
#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol::crypto {

inline std::string to_hex(const unsigned char* p, std::size_t n) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s(2 * n, '0');
    for (std::size_t i = 0; i < n; ++i) {
        s[2 * i] = digits[p[i] >> 4];
        s[2 * i + 1] = digits[p[i] & 15];
    }
    return s;
}

inline std::optional<std::vector<unsigned char>> from_hex(std::string_view s) {
    if (s.size() % 2) return std::nullopt;
    std::vector<unsigned char> out(s.size() / 2);
    auto v = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int hi = v(s[2 * i]), lo = v(s[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out[i] = static_cast<unsigned char>(hi * 16 + lo);
    }
    return out;
}

// n bytes from OpenSSL's CSPRNG. Throws if the generator fails.
inline std::vector<unsigned char> random_bytes(std::size_t n) {
    std::vector<unsigned char> b(n);
    if (n && RAND_bytes(b.data(), static_cast<int>(n)) != 1) throw std::runtime_error("RAND_bytes failed");
    return b;
}

// A 128-bit random identifier as 32 lower-case hex digits (the shape of Keystone's UUID tokens).
inline std::string random_id() {
    auto b = random_bytes(16);
    return to_hex(b.data(), b.size());
}

// base64url (RFC 4648 section 5) through OpenSSL's base64, whose alphabet differs in two
// characters ('+' and '/' for '-' and '_'). Padded as Python's urlsafe_b64encode writes it, or
// unpadded as Keystone's ids and tokens are.
inline std::string base64url_encode(const unsigned char* p, std::size_t n, bool pad = true) {
    std::string s(4 * ((n + 2) / 3) + 1, '\0');  // EVP_EncodeBlock ends it with a NUL
    const int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(s.data()), p, static_cast<int>(n));
    s.resize(static_cast<std::size_t>(len));
    for (char& c : s) {
        if (c == '+') c = '-';
        else if (c == '/') c = '_';
    }
    if (!pad) s.erase(s.find_last_not_of('=') + 1);
    return s;
}

// The bytes of base64url text, padded or not. Only the url-safe alphabet is accepted (no '+',
// '/' nor whitespace), and padding only where it makes the length a multiple of four.
inline std::optional<std::vector<unsigned char>> base64url_decode(std::string_view s) {
    std::size_t n = s.size();
    if (n % 4 == 0)
        for (int i = 0; i < 2 && n > 0 && s[n - 1] == '='; ++i) --n;
    if (n % 4 == 1) return std::nullopt;
    std::string t(s.substr(0, n));
    for (char& c : t) {
        if (c == '-') c = '+';
        else if (c == '_') c = '/';
        else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return std::nullopt;
    }
    const std::size_t pads = (4 - n % 4) % 4;
    t.append(pads, '=');
    std::vector<unsigned char> out(t.size() / 4 * 3);
    const int len = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(t.data()),
                                    static_cast<int>(t.size()));
    if (len < 0) return std::nullopt;
    // EVP_DecodeBlock counts the padding as zero bytes.
    out.resize(static_cast<std::size_t>(len) - pads);
    return out;
}

// 16 random bytes as 22 characters of unpadded base64url (Keystone's audit ids).
inline std::string random_audit_id() {
    const auto b = random_bytes(16);
    return base64url_encode(b.data(), b.size(), false);
}

inline std::array<unsigned char, 32> sha256(std::string_view data) {
    std::array<unsigned char, 32> out{};
    unsigned int len = 0;
#if OPENSSL_VERSION_MAJOR >= 3
    // Fetched once: with EVP_sha256(), OpenSSL 3 looks the algorithm up again on every digest.
    static EVP_MD* const fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    const EVP_MD* md = fetched ? fetched : EVP_sha256();
#else
    const EVP_MD* md = EVP_sha256();
#endif
    if (EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    return out;
}

inline std::array<unsigned char, 32> hmac_sha256(const unsigned char* key, std::size_t key_size, const unsigned char* p,
                                                 std::size_t n) {
    std::array<unsigned char, 32> out{};
    unsigned int len = 0;
    if (!HMAC(EVP_sha256(), key, static_cast<int>(key_size), p, n, out.data(), &len))
        throw std::runtime_error("HMAC-SHA256 failed");
    return out;
}

// Equal-length buffers compared in constant time.
inline bool equal(const unsigned char* a, const unsigned char* b, std::size_t n) noexcept {
    return CRYPTO_memcmp(a, b, n) == 0;
}

// Strings of any length compared in time that depends only on their lengths' digests: both are
// hashed first, so neither the length nor the content of the secret leaks through timing.
inline bool secrets_equal(std::string_view a, std::string_view b) {
    const auto x = sha256(a), y = sha256(b);
    return equal(x.data(), y.data(), x.size());
}

inline std::vector<unsigned char> pbkdf2_sha256(std::string_view password, const std::vector<unsigned char>& salt,
                                                unsigned iterations, std::size_t length = 32) {
    std::vector<unsigned char> out(length);
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                          static_cast<int>(salt.size()), static_cast<int>(iterations), EVP_sha256(),
                          static_cast<int>(length), out.data()) != 1)
        throw std::runtime_error("PBKDF2 failed");
    return out;
}

// PBKDF2-HMAC-SHA256 iterations for new password hashes: OWASP's Password Storage Cheat Sheet
// (2023) asks 600,000 for this function. A check then costs about 0.2 s of one core (bench/), which is
// why checks run on threads of their own (server_options::auth_threads).
inline constexpr unsigned default_iterations = 600'000;

struct password_hash {
    unsigned iterations = 0;
    std::vector<unsigned char> salt;
    std::vector<unsigned char> hash;
    friend bool operator==(const password_hash&, const password_hash&) = default;
};

// The text form: "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>".
inline std::string format_password_hash(const password_hash& h) {
    return "pbkdf2-sha256$" + std::to_string(h.iterations) + "$" + to_hex(h.salt.data(), h.salt.size()) + "$" +
           to_hex(h.hash.data(), h.hash.size());
}

// The text form of a new hash of the password, with a fresh 16-byte salt.
inline std::string hash_password(std::string_view password, unsigned iterations = default_iterations) {
    if (iterations == 0) iterations = 1;
    password_hash h{.iterations = iterations, .salt = random_bytes(16), .hash = {}};
    h.hash = pbkdf2_sha256(password, h.salt, iterations);
    return format_password_hash(h);
}

inline std::optional<password_hash> parse_password_hash(std::string_view s) {
    constexpr std::string_view prefix = "pbkdf2-sha256$";
    if (s.substr(0, prefix.size()) != prefix) return std::nullopt;
    s.remove_prefix(prefix.size());
    const auto d1 = s.find('$');
    if (d1 == std::string_view::npos) return std::nullopt;
    password_hash h;
    const auto it = s.substr(0, d1);
    auto [p, ec] = std::from_chars(it.data(), it.data() + it.size(), h.iterations);
    if (ec != std::errc{} || p != it.data() + it.size() || h.iterations == 0 || h.iterations > 10'000'000)
        return std::nullopt;
    s.remove_prefix(d1 + 1);
    const auto d2 = s.find('$');
    if (d2 == std::string_view::npos) return std::nullopt;
    auto salt = from_hex(s.substr(0, d2));
    auto hash = from_hex(s.substr(d2 + 1));
    if (!salt || !hash || salt->empty() || hash->size() < 16) return std::nullopt;
    h.salt = std::move(*salt);
    h.hash = std::move(*hash);
    return h;
}

// Recomputes and compares in constant time.
inline bool verify_password(std::string_view password, const password_hash& h) {
    const auto got = pbkdf2_sha256(password, h.salt, h.iterations, h.hash.size());
    return equal(got.data(), h.hash.data(), got.size());
}

}  // namespace openstack::identity::v2::protocol::crypto

#endif
