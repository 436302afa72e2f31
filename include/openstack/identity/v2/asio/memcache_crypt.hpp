#ifndef OPENSTACK_IDENTITY_V2_ASIO_MEMCACHE_CRYPT_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_MEMCACHE_CRYPT_HPP

// The protection of what a token validator stores in memcached, as keystonemiddleware's auth_token
// does it (auth_token/_memcache_crypt.py, memcache_security_strategy MAC or ENCRYPT with
// memcache_secret_key): HMAC-SHA384(secret, token id || strategy) split in three 16-byte keys, the
// first naming the entry, the second signing it (HMAC-SHA384, base64), the third encrypting it
// (AES-128-CBC, random IV, PKCS#7 padding) under ENCRYPT. The stored value is
// base64(MAC) || base64([IV || ciphertext] or the plain data). Whoever can write to memcached but
// lacks the secret can neither forge an entry nor, under ENCRYPT, read one; an entry whose MAC
// does not verify is a miss. OpenSSL's EVP does the work.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/protocol/crypto.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::asio {

// What protects memcached entries (auth_token's memcache_security_strategy).
enum class memcache_protection : unsigned char {
    none,     // plain JSON under "tokens/" + sha256 hex of the token id (auth_token without a strategy)
    mac,      // signed: a tampered entry is a miss
    encrypt,  // signed and encrypted
};

namespace memcache_crypt {

inline constexpr std::size_t digest_size = 48;                            // SHA-384
inline constexpr std::size_t key_size = digest_size / 3;                  // 16
inline constexpr std::size_t mac_b64_size = 4 * ((digest_size + 2) / 3);  // 64

// The three keys of one token (derive_keys).
struct keys {
    std::array<unsigned char, key_size> cache_key{};
    std::array<unsigned char, key_size> mac{};
    std::array<unsigned char, key_size> encryption{};
    memcache_protection strategy = memcache_protection::mac;
};

inline std::string_view strategy_name(memcache_protection p) noexcept {
    return p == memcache_protection::encrypt ? "ENCRYPT" : "MAC";
}

inline std::array<unsigned char, digest_size> hmac_sha384(const unsigned char* key, std::size_t key_len,
                                                          std::string_view data) {
    std::array<unsigned char, digest_size> out{};
    unsigned len = 0;
    if (!HMAC(EVP_sha384(), key, static_cast<int>(key_len), reinterpret_cast<const unsigned char*>(data.data()),
              data.size(), out.data(), &len) ||
        len != digest_size)
        throw std::runtime_error("HMAC-SHA384 failed");
    return out;
}

inline std::string base64(const unsigned char* p, std::size_t n) {
    std::string s(4 * ((n + 2) / 3) + 1, '\0');
    const int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(s.data()), p, static_cast<int>(n));
    s.resize(static_cast<std::size_t>(len));
    return s;
}

// Standard base64 (with padding) back to bytes; nullopt when it is not.
inline std::optional<std::string> unbase64(std::string_view s) {
    if (s.size() % 4) return std::nullopt;
    std::string out(s.size() / 4 * 3, '\0');
    const int len = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                    reinterpret_cast<const unsigned char*>(s.data()), static_cast<int>(s.size()));
    if (len < 0) return std::nullopt;
    std::size_t n = static_cast<std::size_t>(len);
    // EVP_DecodeBlock counts the padding as zero bytes.
    if (!s.empty() && s.back() == '=') --n;
    if (s.size() > 1 && s[s.size() - 2] == '=') --n;
    out.resize(n);
    return out;
}

// derive_keys(token, secret, strategy).
inline keys derive(std::string_view token_id, std::string_view secret, memcache_protection strategy) {
    std::string data(token_id);
    data += strategy_name(strategy);
    const auto d = hmac_sha384(reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), data);
    keys k;
    k.strategy = strategy;
    std::copy_n(d.begin(), key_size, k.cache_key.begin());
    std::copy_n(d.begin() + key_size, key_size, k.mac.begin());
    std::copy_n(d.begin() + 2 * key_size, key_size, k.encryption.begin());
    return k;
}

// The memcached key of the entry: auth_token's "tokens/" + base64 of the cache key.
inline std::string cache_key(const keys& k) { return "tokens/" + base64(k.cache_key.data(), k.cache_key.size()); }

inline std::string sign(const keys& k, std::string_view data) {
    const auto m = hmac_sha384(k.mac.data(), k.mac.size(), data);
    return base64(m.data(), m.size());
}

namespace detail {
struct cipher_ctx_free {
    void operator()(EVP_CIPHER_CTX* c) const noexcept { EVP_CIPHER_CTX_free(c); }
};
using cipher_ctx = std::unique_ptr<EVP_CIPHER_CTX, cipher_ctx_free>;
}  // namespace detail

// IV || AES-128-CBC(key, PKCS#7(data)).
inline std::string encrypt(const keys& k, std::string_view data) {
    const auto iv = protocol::crypto::random_bytes(16);
    std::string out(16 + data.size() + 16, '\0');
    std::copy(iv.begin(), iv.end(), out.begin());
    detail::cipher_ctx ctx(EVP_CIPHER_CTX_new());
    auto* o = reinterpret_cast<unsigned char*>(out.data()) + 16;
    int n = 0, fin = 0;
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, k.encryption.data(), iv.data()) != 1 ||
        EVP_EncryptUpdate(ctx.get(), o, &n, reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size())) != 1 ||
        EVP_EncryptFinal_ex(ctx.get(), o + n, &fin) != 1)
        throw std::runtime_error("AES-128-CBC encryption failed");
    out.resize(16 + static_cast<std::size_t>(n + fin));
    return out;
}

inline std::optional<std::string> decrypt(const keys& k, std::string_view data) {
    if (data.size() < 32 || data.size() % 16) return std::nullopt;
    std::string out(data.size() - 16, '\0');
    detail::cipher_ctx ctx(EVP_CIPHER_CTX_new());
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    const auto* in = reinterpret_cast<const unsigned char*>(data.data());
    int n = 0, fin = 0;
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, k.encryption.data(), in) != 1 ||
        EVP_DecryptUpdate(ctx.get(), o, &n, in + 16, static_cast<int>(data.size() - 16)) != 1 ||
        EVP_DecryptFinal_ex(ctx.get(), o + n, &fin) != 1)
        return std::nullopt;
    out.resize(static_cast<std::size_t>(n + fin));
    return out;
}

// protect_data: the value stored.
inline std::string protect(const keys& k, std::string_view data) {
    const std::string body =
        k.strategy == memcache_protection::encrypt
            ? [&] {
                  const std::string e = encrypt(k, data);
                  return base64(reinterpret_cast<const unsigned char*>(e.data()), e.size());
              }()
            : base64(reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return sign(k, body) + body;
}

// unprotect_data: the data, or nullopt when the MAC does not verify or the rest is not what
// protect() writes.
inline std::optional<std::string> unprotect(const keys& k, std::string_view value) {
    if (value.size() < mac_b64_size) return std::nullopt;
    const std::string_view body = value.substr(mac_b64_size);
    const std::string mac = sign(k, body);
    if (!protocol::crypto::equal(reinterpret_cast<const unsigned char*>(mac.data()),
                                 reinterpret_cast<const unsigned char*>(value.data()), mac_b64_size))
        return std::nullopt;
    auto data = unbase64(body);
    if (!data || k.strategy != memcache_protection::encrypt) return data;
    return decrypt(k, *data);
}

}  // namespace memcache_crypt

}  // namespace openstack::identity::v2::asio

#endif
