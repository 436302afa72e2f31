#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_EC2_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_EC2_HPP

// The signature of an EC2 request (POST /v2.0/ec2tokens), as keystoneclient's Ec2Signer
// (keystoneclient/contrib/ec2/utils.py) computes it and Keystone's ec2tokens compared it:
// signature version 2 (HMAC-SHA256 over the verb, host, path and sorted query, base64) and AWS
// signature version 4 (the canonical request, the credential scope's derived key, hex).
// Versions 0 and 1 (HMAC-SHA1 over the parameters alone) are not computed: nothing signs with
// them any more, and they do not cover the host or path.

#include <openstack/identity/v2/version.hpp>
#include <openstack/identity/v2/error.hpp>
#include <openstack/identity/v2/model.hpp>
#include <openstack/identity/v2/protocol/crypto.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace OPENSTACK_IDENTITY_V2_NAMESPACE::protocol::ec2 {

namespace detail {

using pairs = std::vector<std::pair<std::string, std::string>>;

// A member's value as Python's str() of it: strings as they are, anything else as JSON.
inline pairs values_of(const std::optional<ec2_values>& v) {
    pairs out;
    if (!v) return out;
    for (const auto& m : v->extra.members) {
        const auto& x = m.value();
        out.emplace_back(std::string(m.key()), x.is_string() ? std::string(x.get_string()) : boost::json::serialize(x));
    }
    return out;
}

inline const std::string* find(const pairs& p, std::string_view name) {
    for (const auto& [k, v] : p)
        if (k == name) return &v;
    return nullptr;
}

// Python's urllib.parse.quote(s, safe): unreserved characters and `safe` as they are, every other
// byte %XX in upper case.
inline std::string quote(std::string_view s, std::string_view safe) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '_' || c == '.' || c == '-' || c == '~' ||
            safe.find(ch) != std::string_view::npos) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(digits[c >> 4]);
            out.push_back(digits[c & 15]);
        }
    }
    return out;
}

// Ec2Signer._canonical_qs: sorted by name (bytes), name=value, values quoted keeping -_~.
inline std::string canonical_qs(pairs p) {
    std::sort(p.begin(), p.end());
    std::string out;
    for (const auto& [k, v] : p) {
        if (!out.empty()) out += '&';
        out += quote(k, "") + '=' + quote(v, "-_~");
    }
    return out;
}

inline std::string base64(const std::array<unsigned char, 32>& d) {
    std::string s(4 * ((d.size() + 2) / 3) + 1, '\0');
    const int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(s.data()), d.data(), static_cast<int>(d.size()));
    s.resize(static_cast<std::size_t>(len));
    return s;
}

inline std::array<unsigned char, 32> hmac(std::string_view key, std::string_view msg) {
    return crypto::hmac_sha256(reinterpret_cast<const unsigned char*>(key.data()), key.size(),
                               reinterpret_cast<const unsigned char*>(msg.data()), msg.size());
}

inline std::string_view as_text(const std::array<unsigned char, 32>& d) {
    return {reinterpret_cast<const char*>(d.data()), d.size()};
}

inline std::string lower_trimmed(std::string_view s) {
    const auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    std::string out(b == std::string_view::npos ? std::string_view{} : s.substr(b, e - b + 1));
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

inline std::string trimmed(std::string_view s) {
    const auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    return std::string(b == std::string_view::npos ? std::string_view{} : s.substr(b, e - b + 1));
}

inline error bad_signature(std::string message) {
    error e;
    e.kind = fault_kind::unauthorized;
    e.message = std::move(message);
    return e;
}

}  // namespace detail

// The signature the request would carry if signed with `secret`, for the request's version; an
// error (unauthorized) when the request is of no version computed here or lacks what it needs.
inline result<std::string> signature(const ec2_request& q, std::string_view secret) {
    using namespace detail;
    pairs params = values_of(q.params);
    const pairs headers = values_of(q.headers);
    const std::string verb = q.verb.value_or(""), host = q.host.value_or(""), path = q.path.value_or("");
    const std::string* version = find(params, "SignatureVersion");
    if (version && *version == "2") {
        // The signer sets SignatureMethod before it signs.
        std::erase_if(params, [](const auto& p) { return p.first == "SignatureMethod"; });
        params.emplace_back("SignatureMethod", "HmacSHA256");
        return base64(hmac(secret, verb + '\n' + host + '\n' + path + '\n' + canonical_qs(std::move(params))));
    }
    const std::string* authz = find(headers, "Authorization");
    const std::string* algorithm = find(params, "X-Amz-Algorithm");
    const bool v4 = authz ? authz->starts_with("AWS4-HMAC-SHA256") : algorithm && *algorithm == "AWS4-HMAC-SHA256";
    if (!v4) return bad_signature(version ? "Unknown signature version: " + *version : "Unexpected signature format.");
    // A parameter of the Authorization header ("Credential=...,"), else X-Amz-<name>.
    auto auth_param = [&](std::string_view name) -> std::string {
        if (authz) {
            const std::string key = std::string(name) + '=';
            const auto at = authz->find(key);
            if (at == std::string::npos) return {};
            const auto from = at + key.size();
            return authz->substr(from, authz->find(',', from) == std::string::npos ? std::string::npos
                                                                                   : authz->find(',', from) - from);
        }
        const std::string* v = find(params, "X-Amz-" + std::string(name));
        return v ? *v : std::string{};
    };
    const std::string signed_headers = auth_param("SignedHeaders");
    std::string canonical_headers;
    for (std::size_t i = 0; i <= signed_headers.size();) {
        const auto semi = std::min(signed_headers.find(';', i), signed_headers.size());
        const std::string h = signed_headers.substr(i, semi - i);
        i = semi + 1;
        for (const auto& [k, v] : headers)
            if (lower_trimmed(k) == h) {
                canonical_headers += h + ':' + trimmed(v) + '\n';
                break;
            }
    }
    if (canonical_headers.empty()) canonical_headers = "\n";
    std::string upper_verb = verb;
    for (char& c : upper_verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const std::string query = upper_verb == "POST" ? std::string{} : canonical_qs(params);
    const std::string canonical_request = upper_verb + '\n' + path + '\n' + query + '\n' + canonical_headers + '\n' +
                                          signed_headers + '\n' + q.body_hash.value_or("");
    // Credential=<access>/<date>/<region>/<service>/aws4_request
    std::vector<std::string> scope_parts;
    const std::string credential = auth_param("Credential");
    for (std::size_t i = 0; i <= credential.size();) {
        const auto slash = std::min(credential.find('/', i), credential.size());
        scope_parts.push_back(credential.substr(i, slash - i));
        i = slash + 1;
    }
    if (scope_parts.size() < 4) return bad_signature("The request's credential scope is incomplete.");
    const std::string scope = credential.substr(credential.find('/') + 1);
    const std::string* header_date = find(headers, "X-Amz-Date");
    const std::string* param_date = find(params, "X-Amz-Date");
    const std::string date = header_date ? *header_date : param_date ? *param_date : std::string{};
    if (!date.starts_with(scope_parts[1])) return bad_signature("Request date mismatch error.");
    const auto cr_hash = crypto::sha256(canonical_request);
    const std::string to_sign = "AWS4-HMAC-SHA256\n" + date + '\n' + scope + '\n' +
                                crypto::to_hex(cr_hash.data(), cr_hash.size());
    auto key = hmac("AWS4" + std::string(secret), scope_parts[1]);
    key = hmac(as_text(key), scope_parts[2]);
    key = hmac(as_text(key), scope_parts[3]);
    key = hmac(as_text(key), "aws4_request");
    const auto sig = hmac(as_text(key), to_sign);
    return crypto::to_hex(sig.data(), sig.size());
}

// Whether the request is signed with `secret`. As Keystone, a host with a port is tried again
// without it: some libraries sign without the port.
inline result<bool> signed_with(const ec2_request& q, std::string_view secret) {
    auto s = signature(q, secret);
    if (!s) return s.error();
    if (crypto::secrets_equal(*s, q.signature)) return true;
    if (!q.host || q.host->find(':') == std::string::npos) return false;
    ec2_request bare = q;
    bare.host = q.host->substr(0, q.host->find(':'));
    s = signature(bare, secret);
    if (!s) return s.error();
    return crypto::secrets_equal(*s, q.signature);
}

}  // namespace openstack::identity::v2::protocol::ec2

#endif
