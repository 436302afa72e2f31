// Fernet tokens (protocol/fernet.hpp): the spec's published vectors (tests/data/fernet), Keystone's
// v2.0 payloads (a payload packed by Keystone itself, byte for byte), the key repository as
// Keystone's fernet_utils keeps it, and the provider. tests/fernet_interop.py checks the same
// against Keystone's own code.

#include "support.hpp"

#include <openstack/identity/v2/protocol/fernet.hpp>
#include <openstack/identity/v2/protocol/token_provider.hpp>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <msgpuck.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(fernet_test)

namespace v2 = openstack::identity::v2;
namespace proto = openstack::identity::v2::protocol;
namespace fernet = openstack::identity::v2::protocol::fernet;
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace std::string_literals;

namespace {

boost::json::array vectors(const char* name) {
    return boost::json::parse(osi_test::data_file(std::string("fernet/") + name)).as_array();
}

std::chrono::sys_seconds when(boost::json::string_view s) {
    v2::timestamp t;
    BOOST_TEST_REQUIRE(!v2::value_traits<v2::timestamp>::parse(std::string_view(s.data(), s.size()), t));
    return std::chrono::floor<std::chrono::seconds>(t.time());
}

fernet::key parse_key(std::string_view text) {
    auto k = fernet::key::parse(text);
    BOOST_TEST_REQUIRE(k.has_value());
    return *k;
}

// A fresh directory, removed with everything in it at the end of the test.
struct temp_dir {
    fs::path path;
    temp_dir() {
        std::string t = (fs::temp_directory_path() / "fernet_test.XXXXXX").string();
        BOOST_TEST_REQUIRE(::mkdtemp(t.data()) != nullptr);
        path = t;
    }
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::set<std::string> names(const fs::path& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
    return out;
}

unsigned mode(const fs::path& p) {
    struct stat st {};
    BOOST_TEST_REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

std::string file_text(const fs::path& p) { return osi_test::read_file(p.string()); }

void put_file(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

std::string hex(std::string_view s) {
    return proto::crypto::to_hex(reinterpret_cast<const unsigned char*>(s.data()), s.size());
}

const auto expiry = std::chrono::sys_time<std::chrono::microseconds>{1924992000123456us};  // 2030-12-31

fernet::payload scoped() {
    return {.user_id = "4b8a2a0b7c2d4f3e9a1b2c3d4e5f6a7b",
            .methods = fernet::method::password,
            .project_id = "demo-project",
            .expires_at = expiry,
            .audit_ids = {"QZ5k1dV9Tj-8Ag7m3xYqWw"}};
}

// msgpack built by hand, for payloads Keystone would not write.
template <class F>
std::string msgpack(F&& build) {
    std::string buf(256, '\0');
    char* end = build(buf.data());
    buf.resize(static_cast<std::size_t>(end - buf.data()));
    return buf;
}

}  // namespace

// ---- the spec's vectors

BOOST_AUTO_TEST_CASE(spec_generate) {
    const auto all = vectors("generate.json");
    BOOST_TEST_REQUIRE(all.size() == 1u);
    for (const auto& v : all) {
        const auto& o = v.as_object();
        std::array<unsigned char, 16> iv{};
        const auto& bytes = o.at("iv").as_array();
        BOOST_TEST_REQUIRE(bytes.size() == iv.size());
        for (std::size_t i = 0; i < iv.size(); ++i) iv[i] = static_cast<unsigned char>(bytes[i].as_int64());
        const auto k = parse_key(o.at("secret").as_string());
        BOOST_TEST(fernet::encrypt(k, o.at("src").as_string(), when(o.at("now").as_string()), iv) ==
                   o.at("token").as_string());
    }
}

BOOST_AUTO_TEST_CASE(spec_verify) {
    const auto all = vectors("verify.json");
    BOOST_TEST_REQUIRE(all.size() == 1u);
    for (const auto& v : all) {
        const auto& o = v.as_object();
        const std::vector<fernet::key> keys{parse_key(o.at("secret").as_string())};
        const auto m = fernet::decrypt(keys, o.at("token").as_string(),
                                       std::chrono::seconds(o.at("ttl_sec").as_int64()), when(o.at("now").as_string()));
        BOOST_TEST_REQUIRE(m.has_value());
        BOOST_TEST(m->data == o.at("src").as_string());
        BOOST_TEST(m->time.time_since_epoch().count() == 499162800);  // 1985-10-26T01:20:00-07:00
    }
}

BOOST_AUTO_TEST_CASE(spec_invalid) {
    // Why each fails, by the vector's description.
    const std::map<std::string, fernet::errc> expected{
        {"incorrect mac", fernet::errc::bad_signature},
        {"too short", fernet::errc::malformed_token},
        {"invalid base64", fernet::errc::malformed_token},
        {"payload size not multiple of block size", fernet::errc::malformed_token},
        {"payload padding error", fernet::errc::bad_padding},
        {"far-future TS (unacceptable clock skew)", fernet::errc::from_the_future},
        {"expired TTL", fernet::errc::expired},
        {"incorrect IV (causes padding error)", fernet::errc::bad_padding},
    };
    const auto all = vectors("invalid.json");
    BOOST_TEST_REQUIRE(all.size() == expected.size());
    for (const auto& v : all) {
        const auto& o = v.as_object();
        const std::string desc(o.at("desc").as_string());
        BOOST_TEST_CONTEXT(desc) {
            BOOST_TEST_REQUIRE(expected.count(desc) == 1u);
            const std::vector<fernet::key> keys{parse_key(o.at("secret").as_string())};
            const auto m = fernet::decrypt(keys, o.at("token").as_string(),
                                           std::chrono::seconds(o.at("ttl_sec").as_int64()),
                                           when(o.at("now").as_string()));
            BOOST_TEST_REQUIRE(m.has_error());
            BOOST_TEST((m.error().code == expected.at(desc)));
            BOOST_TEST((m.error().kind == v2::fault_kind::item_not_found));
            BOOST_TEST((m.error().code == v2::fault_kind::item_not_found));  // the code's condition too
        }
    }
}

// ---- base64url, keys and the Fernet format

BOOST_AUTO_TEST_CASE(base64url) {
    const std::string bytes = "\xfb\xff\x00\x01"s;
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    BOOST_TEST(proto::crypto::base64url_encode(p, 4) == "-_8AAQ==");
    BOOST_TEST(proto::crypto::base64url_encode(p, 4, false) == "-_8AAQ");
    BOOST_TEST(proto::crypto::base64url_encode(p, 0) == "");
    for (const char* text : {"-_8AAQ==", "-_8AAQ"}) {
        const auto d = proto::crypto::base64url_decode(text);
        BOOST_TEST_REQUIRE(d.has_value());
        BOOST_TEST(std::string(d->begin(), d->end()) == bytes);
    }
    BOOST_TEST(proto::crypto::base64url_decode("")->empty());
    for (const char* bad : {"+/8AAQ==", "-_8AAQ=", "-_8A AQ", "-_8AAQ===", "A", "AAAAA", "AA=A", "%%%%"})
        BOOST_TEST(!proto::crypto::base64url_decode(bad).has_value(), bad);
    BOOST_TEST(proto::crypto::random_audit_id().size() == 22u);
}

BOOST_AUTO_TEST_CASE(keys) {
    const auto k = fernet::key::generate();
    const std::string text = k.text();
    BOOST_TEST(text.size() == 44u);  // 32 bytes, padded as Python writes keys
    BOOST_TEST(text.back() == '=');
    BOOST_TEST(parse_key(text).text() == text);
    BOOST_TEST(parse_key(text.substr(0, 43)).text() == text);  // unpadded
    BOOST_TEST(parse_key(" " + text + "\n").text() == text);   // a file's newline
    BOOST_TEST(fernet::key::generate().text() != text);

    const auto short_key = fernet::key::parse(
        proto::crypto::base64url_encode(reinterpret_cast<const unsigned char*>("0123456789012345678901234567890"), 31));
    BOOST_TEST_REQUIRE(short_key.has_error());
    BOOST_TEST((short_key.error().code == fernet::errc::bad_key));
    BOOST_TEST((short_key.error().kind == v2::fault_kind::identity_fault));
    BOOST_TEST(short_key.error().message == "31 bytes, not 32");
    const auto garbage = fernet::key::parse("this is not a key");
    BOOST_TEST_REQUIRE(garbage.has_error());
    BOOST_TEST(garbage.error().message == "not base64url");
}

BOOST_AUTO_TEST_CASE(encrypt_and_decrypt) {
    const std::vector<fernet::key> keys{fernet::key::generate(), fernet::key::generate()};
    const auto now = fernet::now_seconds();
    const std::string token = fernet::encrypt(keys[1], "payload", now);
    BOOST_TEST(token.substr(0, 4) == "gAAA");                       // version 0x80
    BOOST_TEST(fernet::encrypt(keys[1], "payload", now) != token);  // a new IV each time

    const auto m = fernet::decrypt(keys, token);  // the second key signed it
    BOOST_TEST_REQUIRE(m.has_value());
    BOOST_TEST(m->data == "payload");
    BOOST_TEST((m->time == now));
    // Padding restored as Keystone does: the same token without its '='.
    const auto stripped = token.substr(0, token.find_last_not_of('=') + 1);
    BOOST_TEST(stripped.size() < token.size());
    BOOST_TEST(fernet::decrypt(keys, stripped).has_value());
    // Empty plaintext: one block of padding.
    BOOST_TEST(fernet::decrypt(keys, fernet::encrypt(keys[0], "", now))->data == "");

    // A key that did not sign it.
    const std::vector<fernet::key> other{fernet::key::generate()};
    BOOST_TEST((fernet::decrypt(other, token).error().code == fernet::errc::bad_signature));

    // Every byte matters: a flipped bit anywhere after the version fails the HMAC.
    auto raw = *proto::crypto::base64url_decode(token);
    for (std::size_t i = 1; i < raw.size(); ++i) {
        raw[i] ^= 1;
        const auto r = fernet::decrypt(keys, proto::crypto::base64url_encode(raw.data(), raw.size()));
        BOOST_TEST((r.error().code == fernet::errc::bad_signature), "byte " << i);
        raw[i] ^= 1;
    }
    raw[0] = 0x81;
    BOOST_TEST((fernet::decrypt(keys, proto::crypto::base64url_encode(raw.data(), raw.size())).error().code ==
                fernet::errc::malformed_token));
    BOOST_TEST((fernet::decrypt(keys, "").error().code == fernet::errc::malformed_token));

    // The TTL and the clock skew, at their edges.
    BOOST_TEST(fernet::decrypt(keys, token, 60s, now + 60s).has_value());
    BOOST_TEST((fernet::decrypt(keys, token, 60s, now + 61s).error().code == fernet::errc::expired));
    BOOST_TEST(fernet::decrypt(keys, token, 60s, now - 60s).has_value());
    BOOST_TEST((fernet::decrypt(keys, token, 60s, now - 61s).error().code == fernet::errc::from_the_future));
    BOOST_TEST(fernet::decrypt(keys, token, std::nullopt, now + 1000h).has_value());  // no TTL, no limit
}

// ---- Keystone's payloads

BOOST_AUTO_TEST_CASE(payload_as_keystone_packs_it) {
    // Keystone 22 (Debian python3-keystone): msgpack.packb((2,) + ProjectScopedPayload.assemble(
    // '0123456789abcdef0123456789abcdef', ['password', 'token'], None, 'demo', None,
    // '2030-01-01T00:00:00.000000Z', ['AAAAAAAAAAAAAAAAAAAAAA'], ...)).hex()
    const std::string keystone =
        "960292c3c4100123456789abcdef0123456789abcdef0692c2a464656d6fcb41dc36f62000000091c410000000000000000000000000"
        "00000000";
    const fernet::payload p{.user_id = "0123456789abcdef0123456789abcdef",
                            .methods = fernet::method::password | fernet::method::token,
                            .project_id = "demo",
                            .expires_at = std::chrono::sys_time<std::chrono::microseconds>{1893456000s},
                            .audit_ids = {"AAAAAAAAAAAAAAAAAAAAAA"}};
    const auto packed = fernet::pack(p);
    BOOST_TEST_REQUIRE(packed.has_value());
    BOOST_TEST(hex(*packed) == keystone);
    const auto back = fernet::unpack(*packed);
    BOOST_TEST_REQUIRE(back.has_value());
    BOOST_TEST((*back == p));
    BOOST_TEST(back->version() == 2);
    BOOST_TEST(fernet::method::external == 1u);  // 2^index in Keystone's default [auth] methods
    BOOST_TEST(fernet::method::application_credential == 32u);
}

BOOST_AUTO_TEST_CASE(payload_round_trips) {
    auto uuid_text = scoped();
    uuid_text.project_id = "f00dfeedf00dfeedf00dfeedf00dfeed";
    auto unscoped = scoped();
    unscoped.project_id.reset();
    unscoped.user_id = "admin";
    unscoped.audit_ids.push_back("c1_Ozs2Xx0i2-JlEm0RJEA");
    // Forms uuid.UUID() takes but Keystone would give back changed: packed as text here.
    auto upper = scoped();
    upper.user_id = "4B8A2A0B7C2D4F3E9A1B2C3D4E5F6A7B";
    upper.project_id = "4b8a2a0b-7c2d-4f3e-9a1b-2c3d4e5f6a7b";
    auto odd = scoped();
    odd.user_id = std::string(300, 'u');  // str 16
    odd.methods = (1ull << 33) | fernet::method::mapped;
    odd.audit_ids.clear();
    odd.expires_at = std::chrono::sys_time<std::chrono::microseconds>{-1s};
    for (const auto& p : {scoped(), uuid_text, unscoped, upper, odd}) {
        BOOST_TEST_CONTEXT(p.user_id) {
            const auto packed = fernet::pack(p);
            BOOST_TEST_REQUIRE(packed.has_value());
            const auto back = fernet::unpack(*packed);
            BOOST_TEST_REQUIRE(back.has_value());
            BOOST_TEST((*back == p));
        }
    }
    // How ids were packed: (true, 16 bytes) for the UUID, (false, text) for the others.
    BOOST_TEST(hex(*fernet::pack(scoped())).substr(4, 8) == "92c3c410");
    BOOST_TEST(hex(*fernet::pack(upper)).substr(4, 6) == "92c2d9");  // a 32-character str 8
    BOOST_TEST(fernet::unpack(*fernet::pack(unscoped))->version() == 0);
}

BOOST_AUTO_TEST_CASE(payload_errors) {
    for (const char* bad : {"QZ5k1dV9Tj-8Ag7m3xYqWw==", "QZ5k1dV9Tj+8Ag7m3xYqWw", "not base64"}) {
        auto p = scoped();
        p.audit_ids.push_back(bad);
        const auto r = fernet::pack(p);
        BOOST_TEST_REQUIRE(r.has_error(), bad);
        BOOST_TEST((r.error().code == v2::errc::invalid_value));
        BOOST_TEST(r.error().path == "audit_ids[1]");
    }

    const auto uuid = std::string(16, '\x42');
    const auto rejected = [](const std::string& data) {
        const auto r = fernet::unpack(data);
        return r.has_error() && r.error().code == fernet::errc::bad_payload &&
               r.error().kind == v2::fault_kind::item_not_found;
    };
    const auto good = *fernet::pack(scoped());
    BOOST_TEST(rejected(""));
    BOOST_TEST(rejected(good.substr(0, good.size() - 1)));  // truncated
    BOOST_TEST(rejected(good + "\x01"));                    // two values
    BOOST_TEST(rejected("\xc1"));                           // never used
    BOOST_TEST(rejected(msgpack([](char* w) { return mp_encode_uint(w, 2); })));
    BOOST_TEST(rejected(msgpack([](char* w) { return mp_encode_array(w, 0); })));
    // Versions v2.0 had no use for: 1 (domain), 3 (trust) and the rest.
    for (unsigned version : {1u, 3u, 9u})
        BOOST_TEST(rejected(msgpack([&](char* w) {
            w = mp_encode_array(w, 6);
            return mp_encode_uint(w, version);
        })));
    // Version 0 with version 2's length.
    BOOST_TEST(rejected(msgpack([](char* w) {
        w = mp_encode_array(w, 6);
        return mp_encode_uint(w, 0);
    })));
    // The pieces, one wrong at a time: [0, (is_bytes, id), methods, expires_at, audit_ids].
    const auto unscoped = [&](auto user, auto methods, auto expires, auto audit) {
        return msgpack([&](char* w) {
            w = mp_encode_array(w, 5);
            w = mp_encode_uint(w, 0);
            w = user(w);
            w = methods(w);
            w = expires(w);
            return audit(w);
        });
    };
    const auto user_bytes = [&](char* w) {
        w = mp_encode_array(w, 2);
        w = mp_encode_bool(w, true);
        return mp_encode_bin(w, uuid.data(), 16);
    };
    const auto methods = [](char* w) { return mp_encode_uint(w, 2); };
    const auto expires = [](char* w) { return mp_encode_double(w, 1924992000.5); };
    const auto audit = [](char* w) {
        w = mp_encode_array(w, 1);
        return mp_encode_bin(w, "0123456789abcdef", 16);
    };
    const auto ok = fernet::unpack(unscoped(user_bytes, methods, expires, audit));
    BOOST_TEST_REQUIRE(ok.has_value());
    BOOST_TEST(ok->user_id == "42424242424242424242424242424242");
    BOOST_TEST(ok->expires_at.time_since_epoch().count() == 1924992000500000);
    // Bytes packed as msgpack str, as msgpack before 1.0 wrote them (Keystone before Ussuri).
    const auto old_style = fernet::unpack(unscoped(
        [&](char* w) {
            w = mp_encode_array(w, 2);
            w = mp_encode_bool(w, true);
            return mp_encode_str(w, uuid.data(), 16);
        },
        methods, expires, audit));
    BOOST_TEST_REQUIRE(old_style.has_value());
    BOOST_TEST(old_style->user_id == ok->user_id);

    BOOST_TEST(rejected(unscoped(
        [&](char* w) {
            w = mp_encode_array(w, 2);
            w = mp_encode_bool(w, true);
            return mp_encode_bin(w, uuid.data(), 15);  // a UUID of 15 bytes
        },
        methods, expires, audit)));
    BOOST_TEST(rejected(unscoped([&](char* w) { return mp_encode_str(w, "admin", 5); },  // not a pair
                                 methods, expires, audit)));
    BOOST_TEST(rejected(unscoped(
        user_bytes, [](char* w) { return mp_encode_int(w, -2); }, expires, audit)));
    BOOST_TEST(rejected(unscoped(
        user_bytes, methods, [](char* w) { return mp_encode_uint(w, 1924992000); }, audit)));
    BOOST_TEST(rejected(unscoped(
        user_bytes, methods, [](char* w) { return mp_encode_double(w, std::numeric_limits<double>::quiet_NaN()); },
        audit)));
    BOOST_TEST(rejected(unscoped(
        user_bytes, methods, [](char* w) { return mp_encode_double(w, 1e300); }, audit)));
    BOOST_TEST(rejected(unscoped(user_bytes, methods, expires, [](char* w) {
        w = mp_encode_array(w, 1);
        return mp_encode_uint(w, 7);
    })));
}

// ---- the provider

BOOST_AUTO_TEST_CASE(provider_mints_and_reads) {
    const fernet::provider provider({fernet::key::generate(), fernet::key::generate()});
    const auto now = fernet::now_seconds();
    const auto token = provider.mint(scoped(), now);
    BOOST_TEST_REQUIRE(token.has_value());
    BOOST_TEST(token->find('=') == std::string::npos);  // Keystone strips the padding
    BOOST_TEST(token->size() < 255u);                   // Keystone's max_token_size

    const auto info = provider.read(*token);
    BOOST_TEST_REQUIRE(info.has_value());
    BOOST_TEST((info->payload == scoped()));
    BOOST_TEST((info->issued_at == now));
    // Minted with the primary (first) key alone.
    BOOST_TEST(fernet::decrypt(provider.keys().first(1), *token).has_value());
    BOOST_TEST(!fernet::decrypt(provider.keys().last(1), *token).has_value());

    // Expired by its payload: refused from its expiry on.
    const auto at_expiry = std::chrono::system_clock::time_point{expiry.time_since_epoch()};
    BOOST_TEST(provider.read(*token, at_expiry - 1us).has_value());
    const auto expired = provider.read(*token, at_expiry);
    BOOST_TEST_REQUIRE(expired.has_error());
    BOOST_TEST((expired.error().code == fernet::errc::expired));
    BOOST_TEST((expired.error().kind == v2::fault_kind::item_not_found));

    // Signed, but not a payload.
    const auto not_payload = fernet::encrypt(provider.keys()[0], "hello");
    BOOST_TEST((provider.read(not_payload).error().code == fernet::errc::bad_payload));
    // A token says nothing of itself in an error.
    const auto bad = provider.read(token->substr(0, token->size() - 2) + "AA");
    BOOST_TEST_REQUIRE(bad.has_error());
    BOOST_TEST(bad.error().what().find(token->substr(0, 20)) == std::string::npos);

    auto p = scoped();
    p.audit_ids = {"=="};
    BOOST_TEST(provider.mint(p).has_error());
    BOOST_CHECK_THROW(fernet::provider({}), std::invalid_argument);
}

// ---- the key repository

BOOST_AUTO_TEST_CASE(repository_setup) {
    temp_dir tmp;
    const auto dir = tmp.path / "keys" / "fernet";
    BOOST_TEST_REQUIRE(fernet::setup(dir).has_value());
    BOOST_TEST((names(dir) == std::set<std::string>{"0", "1"}));  // staged 0, primary 1
    BOOST_TEST(mode(dir) == 0700u);
    BOOST_TEST(mode(dir / "0") == 0600u);
    BOOST_TEST(mode(dir / "1") == 0600u);
    const auto staged = file_text(dir / "0"), primary = file_text(dir / "1");
    BOOST_TEST(staged.size() == 44u);  // as Python writes them: no newline
    BOOST_TEST(staged != primary);
    // A repository with a key 0 is left alone.
    BOOST_TEST_REQUIRE(fernet::setup(dir).has_value());
    BOOST_TEST((names(dir) == std::set<std::string>{"0", "1"}));
    BOOST_TEST(file_text(dir / "0") == staged);
    BOOST_TEST(file_text(dir / "1") == primary);

    const auto keys = fernet::load_keys(dir);
    BOOST_TEST_REQUIRE(keys.has_value());
    BOOST_TEST_REQUIRE(keys->size() == 2u);
    BOOST_TEST((*keys)[0].text() == primary);  // the primary first, the staged key last
    BOOST_TEST((*keys)[1].text() == staged);
}

BOOST_AUTO_TEST_CASE(repository_rotation) {
    temp_dir tmp;
    const auto dir = tmp.path;
    BOOST_TEST_REQUIRE(fernet::setup(dir).has_value());
    std::vector<std::string> tokens;  // tokens[i]: minted after i rotations
    const std::vector<std::set<std::string>> expected{
        {"0", "1"}, {"0", "1", "2"}, {"0", "2", "3"}, {"0", "3", "4"}, {"0", "4", "5"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        if (i > 0) {
            const auto staged = file_text(dir / "0");
            BOOST_TEST_REQUIRE(fernet::rotate(dir, 3).has_value());
            // The staged key became the primary, under the next number.
            BOOST_TEST(file_text(dir / std::to_string(i + 1)) == staged);
            BOOST_TEST(file_text(dir / "0") != staged);
            BOOST_TEST(mode(dir / "0") == 0600u);
        }
        BOOST_TEST((names(dir) == expected[i]), "after " << i << " rotations");
        const auto provider = fernet::provider::load(dir);
        BOOST_TEST_REQUIRE(provider.has_value());
        BOOST_TEST(provider->keys()[0].text() == file_text(dir / std::to_string(i + 1)));
        tokens.push_back(*provider->mint(scoped()));
        // Every earlier token reads while its key is kept (i - j < 2 rotations), then fails.
        for (std::size_t j = 0; j <= i; ++j) {
            const auto r = provider->read(tokens[j]);
            BOOST_TEST(r.has_value() == (i - j < 2), "token " << j << " after " << i << " rotations");
            if (!r) BOOST_TEST((r.error().code == fernet::errc::bad_signature));
        }
    }
    // More keys kept: nothing purged until there are five.
    BOOST_TEST_REQUIRE(fernet::rotate(dir, 5).has_value());
    BOOST_TEST_REQUIRE(fernet::rotate(dir, 5).has_value());
    BOOST_TEST((names(dir) == std::set<std::string>{"0", "4", "5", "6", "7"}));
    BOOST_TEST_REQUIRE(fernet::rotate(dir, 2).has_value());
    BOOST_TEST((names(dir) == std::set<std::string>{"0", "8"}));
    // Keystone's minimum, 1: the staged key alone, which then mints.
    BOOST_TEST_REQUIRE(fernet::rotate(dir, 1).has_value());
    BOOST_TEST((names(dir) == std::set<std::string>{"0"}));
    BOOST_TEST(fernet::provider::load(dir)->keys()[0].text() == file_text(dir / "0"));
    const auto zero = fernet::rotate(dir, 0);
    BOOST_TEST_REQUIRE(zero.has_error());
    BOOST_TEST(zero.error().path == "max_active_keys");
}

BOOST_AUTO_TEST_CASE(repository_errors) {
    temp_dir tmp;
    const auto dir = tmp.path;
    const auto fails = [](const v2::result<std::vector<fernet::key>>& r, const fs::path& path,
                          boost::system::error_code code, std::string_view message) {
        BOOST_TEST_REQUIRE(r.has_error());
        BOOST_TEST(r.error().path == path.string());
        BOOST_TEST((r.error().code == code));
        BOOST_TEST((r.error().kind == v2::fault_kind::identity_fault));
        BOOST_TEST(r.error().what().find(message) != std::string::npos, r.error().what());
    };
    using boost::system::errc::make_error_code;
    namespace errc = boost::system::errc;

    fails(fernet::load_keys(dir / "missing"), dir / "missing", make_error_code(errc::no_such_file_or_directory),
          "cannot read the key repository");
    put_file(dir / "file", "x");
    fails(fernet::load_keys(dir / "file"), dir / "file", make_error_code(errc::not_a_directory),
          "cannot read the key repository");
    fs::remove(dir / "file");

    // Empty, or only what is not a key: no keys. Empty files are skipped, as Keystone does.
    fails(fernet::load_keys(dir), dir, fernet::make_error_code(fernet::errc::no_keys), "no keys");
    put_file(dir / "0.tmp", fernet::key::generate().text());
    put_file(dir / "01", fernet::key::generate().text());
    put_file(dir / "README", "keys");
    put_file(dir / "2", "");
    fs::create_directory(dir / "3");
    fails(fernet::load_keys(dir), dir, fernet::make_error_code(fernet::errc::no_keys), "no keys");
    const auto rotated = fernet::rotate(dir);
    BOOST_TEST_REQUIRE(rotated.has_error());
    BOOST_TEST(rotated.error().path == (dir / "0").string());

    // A good key 0 beside a bad key 1: the bad one is named.
    put_file(dir / "0", fernet::key::generate().text());
    put_file(dir / "1",
             proto::crypto::base64url_encode(reinterpret_cast<const unsigned char*>("0123456789012345678901234567890"),
                                             31));
    fails(fernet::load_keys(dir), dir / "1", fernet::make_error_code(fernet::errc::bad_key), "31 bytes, not 32");
    put_file(dir / "1", "not base64 at all!\n");
    fails(fernet::load_keys(dir), dir / "1", fernet::make_error_code(fernet::errc::bad_key), "not base64url");
    put_file(dir / "1", std::string(5000, 'A'));
    fails(fernet::load_keys(dir), dir / "1", fernet::make_error_code(fernet::errc::bad_key), "over 4096 bytes");
    put_file(dir / "1", fernet::key::generate().text() + "\n");  // a newline, as an editor leaves it
    const auto keys = fernet::load_keys(dir);
    BOOST_TEST_REQUIRE(keys.has_value());
    BOOST_TEST(keys->size() == 2u);
    // The empty 2 is not a key: rotation promotes 0 to 2 over it, as Keystone's os.rename would.
    BOOST_TEST_REQUIRE(fernet::rotate(dir).has_value());
    BOOST_TEST(fernet::load_keys(dir)->size() == 3u);
}

// fernet_provider::open reads the repository again once `refresh` has passed (0: on every call): a
// rotation is used at once, and a repository broken for a moment leaves the keys as they were.
BOOST_AUTO_TEST_CASE(provider_follows_its_repository) {
    temp_dir tmp;
    const auto dir = tmp.path;
    BOOST_TEST_REQUIRE(fernet::setup(dir).has_value());
    auto following = proto::fernet_provider::open(dir, 0ms);
    auto fixed = proto::fernet_provider::open(dir, 1h);
    BOOST_TEST_REQUIRE(following.has_value());
    BOOST_TEST_REQUIRE(fixed.has_value());
    const auto now = std::chrono::system_clock::now();
    const auto mint = [&](proto::token_provider& p) {
        proto::token_data t{.user_id = "4b8a2a0b7c2d4f3e9a1b2c3d4e5f6a7b",
                            .issued = now,
                            .expires = now + 1h,
                            .audit_ids = {"QZ5k1dV9Tj-8Ag7m3xYqWw"},
                            .methods = fernet::method::password};
        auto id = p.issue(t);
        BOOST_TEST_REQUIRE(id.has_value());
        return *id;
    };
    const auto reads = [&](proto::token_provider& p, const std::string& id) {
        auto r = p.read(id, now);
        BOOST_TEST_REQUIRE(r.has_value());
        return r->has_value();
    };
    // The key alone opens the token: it was minted with it.
    const auto minted_with = [&](const std::string& key_text, const std::string& token) {
        const fernet::key k = parse_key(key_text);
        return fernet::decrypt(std::span<const fernet::key>(&k, 1), token).has_value();
    };
    const auto key_file = [&](const char* name) { return file_text(dir / name); };

    const std::string first = key_file("1"), t1 = mint(**following);
    BOOST_TEST(minted_with(first, t1));
    // Two active keys: the staged key 0 becomes the primary 2, and 1 is purged.
    BOOST_TEST_REQUIRE(fernet::rotate(dir, 2).has_value());
    BOOST_TEST(!reads(**following, t1));
    const std::string t2 = mint(**following);
    BOOST_TEST(minted_with(key_file("2"), t2));
    // The provider that reads the repository once an hour still has the keys of the start.
    BOOST_TEST(reads(**fixed, t1));
    BOOST_TEST(minted_with(first, mint(**fixed)));
    BOOST_TEST(reads(**fixed, t2));  // 2 was its staged key

    // A file that is not a key: the keys stay as they were.
    put_file(dir / "7", "not a key");
    BOOST_TEST(reads(**following, t2));
    BOOST_TEST(minted_with(key_file("2"), mint(**following)));
    fs::remove(dir / "7");
    BOOST_TEST_REQUIRE(fernet::rotate(dir, 2).has_value());
    BOOST_TEST(minted_with(key_file("3"), mint(**following)));
    BOOST_TEST(!reads(**following, t2));
}

BOOST_AUTO_TEST_SUITE_END()
