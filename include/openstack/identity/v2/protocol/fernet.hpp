#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_FERNET_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_FERNET_HPP

// Keystone's Fernet tokens (issue #18), without sockets or server: the Fernet format
// (github.com/fernet/spec) over OpenSSL, the msgpack payloads Keystone packs for v2.0 tokens
// (keystone/token/token_formatters.py), its key repository (keystone/common/fernet_utils.py),
// and a provider that mints with the primary key and reads with every key (MultiFernet).
//
// Errors: a token that fails to read is fault_kind::item_not_found, as Keystone's Fernet
// provider answers any token it cannot read (TokenNotFound, 404); a request authenticated by
// such a token is answered 401 by the caller, as Keystone does. A bad key or key repository is
// fault_kind::identity_fault (500, Keystone's KeysNotFound), with the file in error::path.
// Token text never appears in an error.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/protocol/crypto.hpp>
#include <msgpuck.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol::fernet {

enum class errc {
    malformed_token = 1,  // not base64url, not version 0x80, or not the size of a token
    bad_signature,        // no key's HMAC matches
    bad_padding,          // signed, but the plaintext's PKCS#7 padding is wrong
    expired,              // older than the TTL asked for, or past the payload's expiry
    from_the_future,      // stamped more than max_clock_skew ahead of now
    bad_payload,          // signed, but not a v2.0 payload (Keystone's versions 0 and 2)
    bad_key,              // not base64url of 32 bytes
    no_keys,              // a key repository without a key
};

class error_category_impl : public boost::system::error_category {
public:
    constexpr error_category_impl() noexcept : boost::system::error_category(0x6f73696476320003ull) {}
    const char* name() const noexcept override { return "openstack.identity.v2.fernet"; }
    std::string message(int ev) const override { return message(ev, nullptr, 0); }
    const char* message(int ev, char*, std::size_t) const noexcept override {
        switch (static_cast<errc>(ev)) {
        case errc::malformed_token: return "malformed Fernet token";
        case errc::bad_signature: return "Fernet token not signed by any key";
        case errc::bad_padding: return "Fernet token with bad padding";
        case errc::expired: return "Fernet token expired";
        case errc::from_the_future: return "Fernet token from the future";
        case errc::bad_payload: return "not a v2.0 Fernet payload";
        case errc::bad_key: return "not a Fernet key (base64url of 32 bytes)";
        case errc::no_keys: return "no Fernet keys";
        }
        return "unknown error";
    }
    boost::system::error_condition default_error_condition(int ev) const noexcept override {
        const auto e = static_cast<errc>(ev);
        return make_error_condition(e == errc::bad_key || e == errc::no_keys ? fault_kind::identity_fault
                                                                             : fault_kind::item_not_found);
    }
};

inline const boost::system::error_category& error_category() noexcept {
    static constexpr error_category_impl instance;
    return instance;
}

inline boost::system::error_code make_error_code(errc e) noexcept { return {static_cast<int>(e), error_category()}; }

namespace detail {

inline error make_error(boost::system::error_code code, fault_kind kind, std::string path, std::string message) {
    error e;
    e.code = code;
    e.kind = kind;
    e.path = std::move(path);
    e.message = std::move(message);
    return e;
}

inline error token_error(errc e) {
    return make_error(make_error_code(e), fault_kind::item_not_found, {}, make_error_code(e).message());
}

// A key repository's file or directory: identity_fault, naming it.
inline error file_error(boost::system::error_code code, const std::filesystem::path& p, std::string message) {
    return make_error(code, fault_kind::identity_fault, p.string(), std::move(message));
}

inline error errno_error(const std::filesystem::path& p, std::string_view what, int err) {
    const boost::system::error_code code(err, boost::system::generic_category());
    return file_error(code, p, std::string(what) + ": " + code.message());
}

inline error fs_error(const std::filesystem::path& p, std::string_view what, const std::error_code& ec) {
    return errno_error(p, what, ec.value());
}

}  // namespace detail

// A Fernet key: the signing key (16 bytes), then the encryption key (16 bytes). Zeroed when
// destroyed.
class key {
public:
    static constexpr std::size_t size = 32;

    // Base64url of 32 bytes, padded (as Python writes keys) or not. Whitespace around it (a key
    // file's newline) is ignored, as Python's decoder does.
    static result<key> parse(std::string_view text) {
        const auto first = text.find_first_not_of(" \t\r\n");
        text = first == std::string_view::npos ? std::string_view{} : text.substr(first);
        text = text.substr(0, text.find_last_not_of(" \t\r\n") + 1);
        auto bytes = crypto::base64url_decode(text);
        if (!bytes)
            return detail::make_error(make_error_code(errc::bad_key), fault_kind::identity_fault, {}, "not base64url");
        key k;
        const std::size_t n = bytes->size();
        if (n == size) std::copy(bytes->begin(), bytes->end(), k.bytes_.begin());
        OPENSSL_cleanse(bytes->data(), n);
        if (n != size)
            return detail::make_error(make_error_code(errc::bad_key), fault_kind::identity_fault, {},
                                      std::to_string(n) + " bytes, not 32");
        return k;
    }

    // A new key from OpenSSL's CSPRNG.
    static key generate() {
        key k;
        if (RAND_bytes(k.bytes_.data(), static_cast<int>(size)) != 1) throw std::runtime_error("RAND_bytes failed");
        return k;
    }

    // Padded base64url, as Python's Fernet.generate_key() writes it (and Keystone's key files).
    std::string text() const { return crypto::base64url_encode(bytes_.data(), size); }

    const unsigned char* signing() const noexcept { return bytes_.data(); }
    const unsigned char* encryption() const noexcept { return bytes_.data() + 16; }

    key(const key&) = default;
    key& operator=(const key&) = default;
    ~key() { OPENSSL_cleanse(bytes_.data(), size); }

private:
    key() = default;
    std::array<unsigned char, size> bytes_{};
};

// The spec's limit on how far ahead of now a token's timestamp may be, when a TTL is checked.
inline constexpr std::chrono::seconds max_clock_skew{60};

inline std::chrono::sys_seconds now_seconds() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

namespace detail {

inline constexpr std::size_t header_size = 1 + 8 + 16;  // version, timestamp, IV
inline constexpr std::size_t mac_size = 32;

struct cipher_ctx_deleter {
    void operator()(EVP_CIPHER_CTX* c) const noexcept { EVP_CIPHER_CTX_free(c); }
};
using cipher_ctx = std::unique_ptr<EVP_CIPHER_CTX, cipher_ctx_deleter>;

}  // namespace detail

// The Fernet token of plaintext under k, stamped with time and encrypted with this IV, padded as
// the spec writes tokens. The IV must be new for every token: this form is for the spec's test
// vectors; the one below draws it.
inline std::string encrypt(const key& k, std::string_view plaintext, std::chrono::sys_seconds time,
                           std::span<const unsigned char, 16> iv) {
    std::vector<unsigned char> t(detail::header_size + plaintext.size() + 16 + detail::mac_size);
    t[0] = 0x80;
    const auto ts = static_cast<std::uint64_t>(time.time_since_epoch().count());
    for (int i = 0; i < 8; ++i) t[1 + i] = static_cast<unsigned char>(ts >> (56 - 8 * i));
    std::copy(iv.begin(), iv.end(), t.begin() + 9);
    detail::cipher_ctx ctx(EVP_CIPHER_CTX_new());
    int n = 0, fin = 0;
    unsigned char* out = t.data() + detail::header_size;
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, k.encryption(), iv.data()) != 1 ||
        EVP_EncryptUpdate(ctx.get(), out, &n, reinterpret_cast<const unsigned char*>(plaintext.data()),
                          static_cast<int>(plaintext.size())) != 1 ||
        EVP_EncryptFinal_ex(ctx.get(), out + n, &fin) != 1)
        throw std::runtime_error("AES-128-CBC encryption failed");
    const std::size_t signed_size = detail::header_size + static_cast<std::size_t>(n + fin);
    const auto mac = crypto::hmac_sha256(k.signing(), 16, t.data(), signed_size);
    std::copy(mac.begin(), mac.end(), t.begin() + static_cast<std::ptrdiff_t>(signed_size));
    return crypto::base64url_encode(t.data(), signed_size + detail::mac_size);
}

// The Fernet token of plaintext under k, stamped now, with a random IV.
inline std::string encrypt(const key& k, std::string_view plaintext, std::chrono::sys_seconds now = now_seconds()) {
    std::array<unsigned char, 16> iv{};
    if (RAND_bytes(iv.data(), static_cast<int>(iv.size())) != 1) throw std::runtime_error("RAND_bytes failed");
    return encrypt(k, plaintext, now, iv);
}

// What a token holds: its plaintext, and when it was made.
struct message {
    std::string data;
    std::chrono::sys_seconds time{};
};

// The plaintext of a token made under any of keys, as the spec verifies (and Python's
// MultiFernet): the HMAC compared in constant time before anything is decrypted. With a TTL, a
// token older than it, or stamped more than max_clock_skew ahead of now, fails. Padding is
// optional (Keystone strips it).
inline result<message> decrypt(std::span<const key> keys, std::string_view token,
                               std::optional<std::chrono::seconds> ttl = std::nullopt,
                               std::chrono::sys_seconds now = now_seconds()) {
    const auto t = crypto::base64url_decode(token);
    // At least one block of ciphertext: PKCS#7 always adds one.
    if (!t || t->size() < detail::header_size + 16 + detail::mac_size ||
        (t->size() - detail::header_size - detail::mac_size) % 16 != 0 || (*t)[0] != 0x80)
        return detail::token_error(errc::malformed_token);
    std::uint64_t ts = 0;
    for (std::size_t i = 1; i <= 8; ++i) ts = (ts << 8) | (*t)[i];
    // Seconds that sys_seconds cannot hold were never a time a token was made.
    if (ts > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return detail::token_error(errc::malformed_token);
    const std::chrono::sys_seconds time{std::chrono::seconds{static_cast<std::int64_t>(ts)}};
    if (ttl) {
        if (time < now - *ttl) return detail::token_error(errc::expired);
        if (time > now + max_clock_skew) return detail::token_error(errc::from_the_future);
    }
    const std::size_t signed_size = t->size() - detail::mac_size;
    for (const key& k : keys) {
        const auto mac = crypto::hmac_sha256(k.signing(), 16, t->data(), signed_size);
        if (!crypto::equal(mac.data(), t->data() + signed_size, mac.size())) continue;
        std::string plain(signed_size - detail::header_size, '\0');
        auto* out = reinterpret_cast<unsigned char*>(plain.data());
        detail::cipher_ctx ctx(EVP_CIPHER_CTX_new());
        int n = 0, fin = 0;
        if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, k.encryption(), t->data() + 9) != 1 ||
            EVP_DecryptUpdate(ctx.get(), out, &n, t->data() + detail::header_size,
                              static_cast<int>(signed_size - detail::header_size)) != 1)
            throw std::runtime_error("AES-128-CBC decryption failed");
        if (EVP_DecryptFinal_ex(ctx.get(), out + n, &fin) != 1) return detail::token_error(errc::bad_padding);
        plain.resize(static_cast<std::size_t>(n + fin));
        return message{std::move(plain), time};
    }
    return detail::token_error(errc::bad_signature);
}

// Authentication methods, as Keystone packs them: bit 2^i for the i-th name of its [auth]
// methods option, whose default (keystone/conf/constants.py) is external, password, token,
// oauth1, mapped, application_credential. A deployment that changes that option changes these.
namespace method {
inline constexpr std::uint64_t external = 1, password = 2, token = 4, oauth1 = 8, mapped = 16,
                               application_credential = 32;
}  // namespace method

// The payload of a v2.0 token: Keystone's version 0 (unscoped) without a project, version 2
// (project-scoped) with one.
struct payload {
    std::string user_id;
    std::uint64_t methods = 0;  // method:: bits
    std::optional<std::string> project_id;
    std::chrono::sys_time<std::chrono::microseconds> expires_at{};
    std::vector<std::string> audit_ids;  // Keystone's: 22 characters of unpadded base64url

    int version() const noexcept { return project_id ? 2 : 0; }
    friend bool operator==(const payload&, const payload&) = default;
};

namespace detail {

// An id as 32 lower-case hex digits: the only form of UUID that Keystone's packing (16 bytes)
// gives back as it was. Keystone also packs the other forms uuid.UUID() accepts (upper case,
// hyphens) as bytes, and reads them back as lower-case hex; they are packed as text here.
inline std::optional<std::vector<unsigned char>> uuid_bytes(std::string_view id) {
    if (id.size() != 32 || id.find_first_not_of("0123456789abcdef") != std::string_view::npos) return std::nullopt;
    return crypto::from_hex(id);
}

inline char* put_id(char* w, std::string_view id) {
    w = mp_encode_array(w, 2);
    if (const auto b = uuid_bytes(id)) {
        w = mp_encode_bool(w, true);
        return mp_encode_bin(w, reinterpret_cast<const char*>(b->data()), 16);
    }
    w = mp_encode_bool(w, false);
    return mp_encode_str(w, id.data(), static_cast<std::uint32_t>(id.size()));
}

// Readers over a buffer that mp_check has validated: each checks the type before decoding.
inline bool take_uint(const char*& p, std::uint64_t& v) {
    if (mp_typeof(*p) != MP_UINT) return false;
    v = mp_decode_uint(&p);
    return true;
}

// Strings and binary alike: msgpack before 1.0 (Keystone's before Ussuri) packed bytes as str.
inline bool take_blob(const char*& p, std::string_view& v) {
    std::uint32_t n = 0;
    const char* s = nullptr;
    if (mp_typeof(*p) == MP_STR) s = mp_decode_str(&p, &n);
    else if (mp_typeof(*p) == MP_BIN) s = mp_decode_bin(&p, &n);
    else return false;
    v = {s, n};
    return true;
}

// Keystone's (is_bytes, value) pair: 16 bytes of a UUID, or the id's text.
inline bool take_id(const char*& p, std::string& id) {
    std::string_view v;
    if (mp_typeof(*p) != MP_ARRAY || mp_decode_array(&p) != 2 || mp_typeof(*p) != MP_BOOL) return false;
    const bool is_bytes = mp_decode_bool(&p);
    if (!take_blob(p, v) || (is_bytes && v.size() != 16)) return false;
    id = is_bytes ? crypto::to_hex(reinterpret_cast<const unsigned char*>(v.data()), 16) : std::string(v);
    return true;
}

// Seconds since the epoch as a float, Keystone's expires_at, to microseconds; rounded half to
// even as Python's datetime.utcfromtimestamp does. Years 1 to 9999, Python's datetime range.
inline bool take_time(const char*& p, std::chrono::sys_time<std::chrono::microseconds>& t) {
    if (mp_typeof(*p) != MP_DOUBLE) return false;
    const double s = mp_decode_double(&p);
    if (!(s >= -62135596800.0 && s < 253402300800.0)) return false;
    t = std::chrono::sys_time<std::chrono::microseconds>{
        std::chrono::microseconds{static_cast<std::int64_t>(std::nearbyint(s * 1e6))}};
    return true;
}

inline error bad_payload(std::string message) {
    return make_error(make_error_code(errc::bad_payload), fault_kind::item_not_found, {}, std::move(message));
}

}  // namespace detail

// Keystone's msgpack of a payload, byte for byte: [version, user, methods, (project,)
// expires_at, audit_ids], each id an (is_bytes, value) pair, expires_at a float of seconds,
// the audit ids their 16 bytes. An audit id that is not unpadded base64url fails
// (errc::invalid_value, bad_request).
inline result<std::string> pack(const payload& p) {
    std::vector<std::vector<unsigned char>> audit;
    std::size_t size = 64 + p.user_id.size() + p.project_id.value_or("").size();
    for (std::size_t i = 0; i < p.audit_ids.size(); ++i) {
        auto b = crypto::base64url_decode(p.audit_ids[i]);
        // Keystone writes them back unpadded: only that form reads back as it was.
        if (!b || crypto::base64url_encode(b->data(), b->size(), false) != p.audit_ids[i])
            return detail::make_error(v2::make_error_code(v2::errc::invalid_value), fault_kind::bad_request,
                                      "audit_ids[" + std::to_string(i) + "]", "not unpadded base64url");
        size += 5 + b->size();
        audit.push_back(std::move(*b));
    }
    std::string out(size, '\0');
    char* w = mp_encode_array(out.data(), p.project_id ? 6 : 5);
    w = mp_encode_uint(w, static_cast<std::uint64_t>(p.version()));
    w = detail::put_id(w, p.user_id);
    w = mp_encode_uint(w, p.methods);
    if (p.project_id) w = detail::put_id(w, *p.project_id);
    // Exact: microseconds below 2^53 are exact doubles, and the division rounds once, as
    // Python's timedelta.total_seconds() does.
    w = mp_encode_double(w, static_cast<double>(p.expires_at.time_since_epoch().count()) / 1e6);
    w = mp_encode_array(w, static_cast<std::uint32_t>(audit.size()));
    for (const auto& b : audit)
        w = mp_encode_bin(w, reinterpret_cast<const char*>(b.data()), static_cast<std::uint32_t>(b.size()));
    out.resize(static_cast<std::size_t>(w - out.data()));
    return out;
}

// A payload Keystone packed for a v2.0 token (versions 0 and 2; v2.0 had no other scopes).
inline result<payload> unpack(std::string_view data) {
    const char* p = data.data();
    const char* end = data.data() + data.size();
    {
        const char* q = p;
        if (data.empty() || mp_check(&q, end) != 0 || q != end) return detail::bad_payload("not one msgpack value");
    }
    payload out;
    std::uint64_t version = 0;
    if (mp_typeof(*p) != MP_ARRAY) return detail::bad_payload("not a msgpack array");
    const std::uint32_t n = mp_decode_array(&p);
    if (n == 0 || !detail::take_uint(p, version) || (version != 0 && version != 2))
        return detail::bad_payload("payload version not 0 (unscoped) or 2 (project-scoped)");
    if (n != (version == 2 ? 6u : 5u)) return detail::bad_payload("payload of the wrong length for its version");
    if (!detail::take_id(p, out.user_id)) return detail::bad_payload("bad user id");
    if (!detail::take_uint(p, out.methods)) return detail::bad_payload("bad methods");
    if (version == 2 && !detail::take_id(p, out.project_id.emplace())) return detail::bad_payload("bad project id");
    if (!detail::take_time(p, out.expires_at)) return detail::bad_payload("bad expiry");
    if (mp_typeof(*p) != MP_ARRAY) return detail::bad_payload("bad audit ids");
    const std::uint32_t audits = mp_decode_array(&p);
    for (std::uint32_t i = 0; i < audits; ++i) {
        std::string_view b;
        if (!detail::take_blob(p, b)) return detail::bad_payload("bad audit id");
        out.audit_ids.push_back(crypto::base64url_encode(reinterpret_cast<const unsigned char*>(b.data()), b.size(),
                                                         false));
    }
    return out;
}

// The key repository, as Keystone's fernet_utils keeps it: a directory of files named by
// number, each a key's text. 0 is the staged key (the next primary), the highest number the
// primary (it mints), the others secondary; all of them read tokens.

inline constexpr unsigned default_max_active_keys = 3;  // Keystone's [fernet_tokens] max_active_keys

namespace detail {

// A key file's number: decimal digits without leading zeros ("0.tmp" and other names are not
// keys). Keystone's int(name) also takes "01" or "+1"; such names are left alone here.
inline std::optional<unsigned long long> key_number(const std::string& name) {
    unsigned long long v = 0;
    if (name.empty() || (name.size() > 1 && name[0] == '0')) return std::nullopt;
    const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), v);
    if (ec != std::errc{} || end != name.data() + name.size()) return std::nullopt;
    return v;
}

// A key file's text; files over 4 KiB are not keys (a key is 44 characters).
inline result<std::string> read_key_file(const std::filesystem::path& p) {
    const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno_error(p, "cannot read the key", errno);
    std::string text(4097, '\0');
    std::size_t n = 0;
    while (n < text.size()) {
        const ssize_t r = ::read(fd, text.data() + n, text.size() - n);
        if (r > 0) n += static_cast<std::size_t>(r);
        else if (r == 0) break;
        else if (errno != EINTR) {
            const int err = errno;
            ::close(fd);
            OPENSSL_cleanse(text.data(), text.size());
            return errno_error(p, "cannot read the key", err);
        }
    }
    ::close(fd);
    if (n == text.size()) return file_error(make_error_code(errc::bad_key), p, "not a Fernet key: over 4096 bytes");
    text.resize(n);
    return text;
}

// The repository's key files by number, the empty ones left out as Keystone does.
inline result<std::map<unsigned long long, std::filesystem::path>> key_files(const std::filesystem::path& dir) {
    std::error_code ec;
    std::map<unsigned long long, std::filesystem::path> files;
    std::filesystem::directory_iterator it(dir, ec), end;
    if (ec) return fs_error(dir, "cannot read the key repository", ec);
    for (; it != end; it.increment(ec)) {
        const auto number = key_number(it->path().filename().string());
        // Followed links, and what cannot be looked at skipped, as Python's os.path.isfile does.
        std::error_code fec;
        if (!number || !it->is_regular_file(fec) || it->file_size(fec) == 0 || fec) continue;
        files.emplace(*number, it->path());
    }
    if (ec) return fs_error(dir, "cannot read the key repository", ec);
    return files;
}

// A new key, written as Keystone writes one: to 0.tmp, readable by its owner only (Keystone's
// umask 0177), to be renamed to 0.
inline result<void> write_new_key(const std::filesystem::path& tmp) {
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return errno_error(tmp, "cannot write a new key", errno);
    std::string text = key::generate().text();
    bool ok = ::fchmod(fd, 0600) == 0;  // a 0.tmp left by a crash keeps its mode otherwise
    for (std::size_t n = 0; ok && n < text.size();) {
        const ssize_t r = ::write(fd, text.data() + n, text.size() - n);
        if (r > 0) n += static_cast<std::size_t>(r);
        else ok = r < 0 && errno == EINTR;
    }
    ok = ok && ::fsync(fd) == 0;
    const int err = errno;
    OPENSSL_cleanse(text.data(), text.size());
    ::close(fd);
    if (!ok) {
        ::unlink(tmp.c_str());
        return errno_error(tmp, "cannot write a new key", err);
    }
    return {};
}

inline result<void> rename_file(const std::filesystem::path& from, const std::filesystem::path& to) {
    std::error_code ec;
    std::filesystem::rename(from, to, ec);
    if (ec) return fs_error(to, "cannot rename " + from.filename().string() + " to it", ec);
    return {};
}

}  // namespace detail

// Keystone's rotate_keys: the staged key 0 becomes the primary (the highest number plus one), a
// new staged key 0 replaces it, and the oldest secondary keys are removed until max_active_keys
// remain, the staged one included. Keystone's minimum, 1, keeps the staged key alone.
inline result<void> rotate(const std::filesystem::path& dir, unsigned max_active_keys = default_max_active_keys) {
    if (max_active_keys < 1)
        return detail::make_error(v2::make_error_code(v2::errc::invalid_value), fault_kind::identity_fault,
                                  "max_active_keys", "at least 1");
    auto files = detail::key_files(dir);
    if (!files) return files.error();
    if (!files->contains(0))
        return detail::file_error(make_error_code(errc::no_keys), dir / "0",
                                  "no staged key to promote (set the repository up first)");
    const unsigned long long primary = files->rbegin()->first + 1;
    // The new key first, as Keystone: between the two renames only is there no key 0.
    if (auto r = detail::write_new_key(dir / "0.tmp"); !r) return r;
    if (auto r = detail::rename_file(dir / "0", dir / std::to_string(primary)); !r) return r;
    if (auto r = detail::rename_file(dir / "0.tmp", dir / "0"); !r) return r;
    files->erase(0);
    files->emplace(primary, dir / std::to_string(primary));
    while (files->size() > max_active_keys - 1) {
        std::error_code ec;
        if (!std::filesystem::remove(files->begin()->second, ec) && ec)
            return detail::fs_error(files->begin()->second, "cannot remove the excess key", ec);
        files->erase(files->begin());
    }
    return {};
}

// Keystone's initialize_key_repository (keystone-manage fernet_setup): the directory is made
// (mode 0700) when missing, and a repository without a key 0 gets one, which a rotation then
// promotes: keys 0 (staged) and 1 (primary). A repository with a key 0 is left as it is.
inline result<void> setup(const std::filesystem::path& dir, unsigned max_active_keys = default_max_active_keys) {
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec)) {
        if (ec) return detail::fs_error(dir, "cannot reach the key repository", ec);
        std::filesystem::create_directories(dir, ec);
        if (!ec) std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
        if (ec) return detail::fs_error(dir, "cannot make the key repository", ec);
    }
    if (std::filesystem::exists(dir / "0", ec)) return {};
    if (ec) return detail::fs_error(dir / "0", "cannot reach the staged key", ec);
    if (auto r = detail::write_new_key(dir / "0.tmp"); !r) return r;
    if (auto r = detail::rename_file(dir / "0.tmp", dir / "0"); !r) return r;
    return rotate(dir, max_active_keys);
}

// Keystone's load_keys: every key of the repository, the primary first (it mints), then the
// secondary keys from the newest, the staged key 0 last. A file that is not a key fails, naming
// it (Keystone fails later, on every token).
inline result<std::vector<key>> load_keys(const std::filesystem::path& dir) {
    auto files = detail::key_files(dir);
    if (!files) return files.error();
    if (files->empty()) return detail::file_error(make_error_code(errc::no_keys), dir, "no keys in the repository");
    std::vector<key> keys;
    for (auto it = files->rbegin(); it != files->rend(); ++it) {
        auto text = detail::read_key_file(it->second);
        if (!text) return text.error();
        auto k = key::parse(*text);
        OPENSSL_cleanse(text->data(), text->size());
        if (!k) return detail::file_error(k.error().code, it->second, "not a Fernet key: " + k.error().message);
        keys.push_back(std::move(*k));
    }
    return keys;
}

// What a v2.0 token says: its payload, and when it was minted (the Fernet timestamp: Keystone's
// issued_at).
struct token_info {
    fernet::payload payload;
    std::chrono::sys_seconds issued_at{};
};

// Mints and reads v2.0 tokens as Keystone's Fernet provider: minted with the primary key, padding
// stripped; read with every key, padding restored, and refused once the payload has expired.
class provider {
public:
    // Keys as load_keys gives them, the primary first. Throws std::invalid_argument without one.
    explicit provider(std::vector<key> keys) : keys_(std::move(keys)) {
        if (keys_.empty()) throw std::invalid_argument("a Fernet provider needs a key");
    }

    static result<provider> load(const std::filesystem::path& repository) {
        auto keys = load_keys(repository);
        if (!keys) return keys.error();
        return provider(std::move(*keys));
    }

    result<std::string> mint(const payload& p, std::chrono::sys_seconds now = now_seconds()) const {
        auto data = pack(p);
        if (!data) return data.error();
        auto token = encrypt(keys_.front(), *data, now);
        token.erase(token.find_last_not_of('=') + 1);
        return token;
    }

    result<token_info> read(std::string_view token,
                            std::chrono::system_clock::time_point now = std::chrono::system_clock::now()) const {
        auto m = decrypt(keys_, token);
        if (!m) return m.error();
        auto p = unpack(m->data);
        if (!p) return p.error();
        if (p->expires_at <= now) return detail::token_error(errc::expired);
        return token_info{std::move(*p), m->time};
    }

    std::span<const key> keys() const noexcept { return keys_; }

private:
    std::vector<key> keys_;
};

}  // namespace openstack::identity::v2::protocol::fernet

template <>
struct boost::system::is_error_code_enum<openstack::identity::v2::protocol::fernet::errc> : std::true_type {};

#endif
