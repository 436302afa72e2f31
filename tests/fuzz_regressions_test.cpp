#include <boost/test/unit_test.hpp>

// The fuzz targets' checks (fuzz/targets.hpp, fuzz/handler_target.hpp, fuzz/server_target.hpp)
// on every input a fuzzer ever found (tests/data/fuzz-regressions/<target>/, written by
// scripts/fuzz.sh), on the test documents read as every root type, on the documents mutated by
// hand, and on known-nasty inputs (documents, requests, and connections to a real server);
// with the published reference, on its samples (vendor extensions' too) as well.
// A check returns what is wrong: a crash, a failed round trip, an error outside the library's
// category, a 5xx, a body that is not a fault, a connection answered wrongly.

#include "../fuzz/handler_target.hpp"
#include "../fuzz/server_target.hpp"
#include "../fuzz/targets.hpp"
#include "asio_server_fixture.hpp"
#include "support.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

BOOST_AUTO_TEST_SUITE(fuzz_regressions_test)

namespace fs = std::filesystem;

namespace {

using check_fn = std::string (*)(std::string_view);

std::vector<fs::path> files_under(const fs::path& dir, std::initializer_list<std::string_view> extensions = {}) {
    std::vector<fs::path> out;
    if (!fs::exists(dir)) return out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        const auto ext = e.path().extension().string();
        if (extensions.size() == 0 || std::find(extensions.begin(), extensions.end(), ext) != extensions.end())
            out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

const fs::path regressions = fs::path(OSI_DATA_DIR) / "fuzz-regressions";

// The documents under a folder, JSON or XML: OSI_DATA_DIR (the test documents, the seed's, the
// XML fixtures) or OSI_SPEC_DIR (the published samples, vendor extensions included).
std::vector<std::string> documents_under(const fs::path& dir, std::string_view ext) {
    std::vector<std::string> out;
    for (const auto& p : files_under(dir, {ext})) {
        const auto s = p.string();
        if (s.find("/wadl/") != std::string::npos || s.find("/xsd") != std::string::npos ||
            s.find("fuzz-regressions") != std::string::npos)
            continue;
        out.push_back(osi_test::read_file(s));
    }
    return out;
}

std::vector<std::string> samples(std::string_view ext) { return documents_under(OSI_DATA_DIR, ext); }
std::vector<std::string> published_samples(std::string_view ext) { return documents_under(OSI_SPEC_DIR, ext); }

// The document as each root type, through one check.
void as_every_type(check_fn check, const std::string& doc, std::string_view what) {
    for (std::size_t i = 0; i < osi_fuzz::type_count; ++i) {
        const std::string why = check(std::string(1, static_cast<char>(i)) + doc);
        BOOST_TEST(why.empty(), what << " as " << osi_fuzz::type_name(i) << ": " << why);
    }
}

// The types a document reads as (at least the first type, so that every document is tried).
std::vector<std::size_t> types_of(bool xml, const std::string& doc) {
    std::vector<std::size_t> out{0};
    for (std::size_t i = 1; i < osi_fuzz::type_count; ++i) {
        const bool ok = osi_fuzz::mp::mp_with_index<osi_fuzz::type_count>(i, [&](auto I) {
            using T = osi_fuzz::mp::mp_at_c<osi_fuzz::v2::document_types, I>;
            return xml ? osi_fuzz::v2::try_from_xml<T>(doc).has_value()
                       : osi_fuzz::v2::try_from_json<T>(doc).has_value();
        });
        if (ok) out.push_back(i);
    }
    return out;
}

std::size_t type_index(std::string_view root) {
    for (std::size_t i = 0; i < osi_fuzz::type_count; ++i)
        if (osi_fuzz::type_name(i) == root) return i;
    throw std::runtime_error("no root type " + std::string(root));
}

// Hand-made mutations: truncations, bytes that must not be there, repeats.
std::vector<std::string> mutations(const std::string& doc, bool xml) {
    std::vector<std::string> out;
    for (std::size_t k = 1; k <= 8; ++k) out.push_back(doc.substr(0, doc.size() * k / 9));
    const std::vector<std::string> inserts =
        xml ? std::vector<std::string>{"\xc0\xaf",     std::string(1, '\0'), "&#0;", "&#xD800;",
                                       "\xed\xa0\x80", "<!DOCTYPE x>",       "&x;",  "<![CDATA[",
                                       "<x>",          "\xf4\x90\x80\x80",   "\x7f", "\xef\xbf\xbf"}
            : std::vector<std::string>{"\xc0\xaf",
                                       std::string(1, '\0'),
                                       "\\u0000",
                                       "\\ud800",
                                       "\xed\xa0\x80",
                                       "1e999",
                                       "18446744073709551616",
                                       "null",
                                       "[",
                                       "{",
                                       "\x7f",
                                       "\\\""};
    for (const auto& ins : inserts)
        for (std::size_t k = 1; k <= 4; ++k) {
            std::string m = doc;
            m.insert(doc.size() * k / 5, ins);
            out.push_back(std::move(m));
        }
    out.push_back(doc + doc);
    std::string q = doc;
    std::replace(q.begin(), q.end(), '"', '\'');
    out.push_back(q);
    // Every value repeated: the first string made long.
    if (auto a = doc.find(xml ? "=\"" : ": \""); a != std::string::npos) {
        std::string l = doc;
        l.insert(a + 2, std::string(70000, xml ? 'x' : 'y'));
        out.push_back(std::move(l));
    }
    return out;
}

std::string deep(std::string_view open, std::string_view close, std::size_t n) {
    std::string s;
    s.reserve((open.size() + close.size()) * n);
    for (std::size_t i = 0; i < n; ++i) s += open;
    for (std::size_t i = 0; i < n; ++i) s += close;
    return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_input_a_fuzzer_found) {
    std::size_t n = 0;
    for (auto [target, check] : {std::pair<std::string, check_fn>{"json_fuzz", &osi_fuzz::check_json},
                                 {"xml_fuzz", &osi_fuzz::check_xml},
                                 {"handler_fuzz", &osi_fuzz::check_handler},
                                 {"server_fuzz", [](std::string_view in) { return osi_fuzz::check_server(in); }}})
        for (const auto& p : files_under(regressions / target)) {
            const std::string why = check(osi_test::read_file(p.string()));
            BOOST_TEST(why.empty(), p.filename().string() << ": " << why);
            ++n;
        }
    BOOST_TEST_MESSAGE(n << " regression inputs");
}

namespace {

void check_as_every_type(const std::vector<std::string>& json, const std::vector<std::string>& xml) {
    BOOST_TEST(json.size() > 40u);
    BOOST_TEST(xml.size() > 40u);
    for (const auto& d : json) as_every_type(&osi_fuzz::check_json, d, d.substr(0, 60));
    for (const auto& d : xml) as_every_type(&osi_fuzz::check_xml, d, d.substr(0, 60));
}

// As the types the document is (mutations of a document mostly fail at the root otherwise).
void check_mutated(const std::vector<std::string>& docs, bool xml) {
    const check_fn check = xml ? &osi_fuzz::check_xml : &osi_fuzz::check_json;
    for (const auto& d : docs) {
        const auto types = types_of(xml, d);
        for (const auto& m : mutations(d, xml))
            for (std::size_t i : types) {
                const std::string why = check(std::string(1, static_cast<char>(i)) + m);
                BOOST_TEST(why.empty(), m.substr(0, 60) << " as " << osi_fuzz::type_name(i) << ": " << why);
            }
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(samples_as_every_type) { check_as_every_type(samples(".json"), samples(".xml")); }

BOOST_AUTO_TEST_CASE(samples_mutated_by_hand) {
    for (bool xml : {false, true}) check_mutated(samples(xml ? ".xml" : ".json"), xml);
}

BOOST_AUTO_TEST_SUITE(published, OSI_PUBLISHED)
BOOST_AUTO_TEST_CASE(published_samples_as_every_type) {
    check_as_every_type(published_samples(".json"), published_samples(".xml"));
}

BOOST_AUTO_TEST_CASE(published_samples_mutated_by_hand) {
    for (bool xml : {false, true}) check_mutated(published_samples(xml ? ".xml" : ".json"), xml);
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(known_nasty_documents) {
    const std::string ns = R"( xmlns="http://docs.openstack.org/identity/api/v2.0")";
    // 10 MB strings, as the type they belong to.
    const std::string tenant(1, static_cast<char>(type_index("tenant")));
    for (const std::string& d : {R"({"tenant": {"name": ")" + std::string(10u << 20, 'n') + R"("}})",
                                 R"({"tenant": {"description": ")" + std::string(10u << 20, 'd') + R"("}})"})
        BOOST_TEST(osi_fuzz::check_json(tenant + d).empty());
    for (const std::string& d :
         {"<tenant" + ns + " name=\"" + std::string(10u << 20, 'n') + "\"/>",
          "<tenant" + ns + "><description>" + std::string(10u << 20, 'd') + "</description></tenant>"})
        BOOST_TEST(osi_fuzz::check_xml(tenant + d).empty());
    for (
        const std::string& d : std::vector<std::string>{
            R"({"auth": )" + deep("[", "]", 100000) + "}",
            R"({"auth": )" + deep(R"({"a":)", "}", 100000) + "}",
            deep("[", "", 100000),
            R"({"tenants": [)" +
                [] {
                    std::string s = "{}";
                    for (int i = 0; i < 100000; ++i) s += ",{}";
                    return s;
                }() +
                "]}",
            std::string(R"({"auth": {"tenantName": "a)") + '\0' + "b\"}}",
            std::string("\xef\xbb\xbf") + R"({"tenants": []})",
            R"({"access": {"token": {"id": "t", "expires": "9999-12-31T23:59:59.999999999999Z"}}})",
            R"({"access": {"token": {"id": "t", "expires": "-0001-01-01T00:00:00Z"}}})",
            R"({"access": {"metadata": {"is_admin": -9223372036854775808}, "token": {"id": "t", "expires": "2014-01-31T15:30:58Z"}}})",
        })
        as_every_type(&osi_fuzz::check_json, d, d.substr(0, 60));
    for (const std::string& d : std::vector<std::string>{
             "<auth" + ns + ">" + deep("<x>", "</x>", 100000) + "</auth>",
             osi_test::data_file("xml/billion_laughs.xml"),
             osi_test::data_file("xml/external_entity.xml"),
             "<tenant" + ns + " name=\"&#x10FFFF;&#xFFFD;&#9;\"/>",
             "<tenant" + ns + " name=\"&#x110000;\"/>",
             "<tenant" + ns + " name=\"&#99999999999;\"/>",
             "<tenant" + ns + " name=\"a\tb\nc\rd\"/>",
             "<tenant" + ns + "><name> padded </name><description>\r\n x \r\n</description></tenant>",
             "<tenants" + ns + ">" +
                 [] {
                     std::string s;
                     for (int i = 0; i < 20000; ++i) s += "<tenant name=\"t\"/>";
                     return s;
                 }() +
                 "</tenants>",
             std::string("<tenant") + ns + " name=\"a\0b\"/>",
             "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><tenant" + ns + " name=\"\xe9\"/>",
             "<tenant" + ns + " xmlns:a=\"" + std::string(100000, 'u') + "\" a:name=\"x\"/>",
         })
        as_every_type(&osi_fuzz::check_xml, d, d.substr(0, 60));
}

namespace {

std::string post(std::string_view ct, const std::string& body) {
    return "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: " + std::string(ct) +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// Every document and its mutations, posted as a token request.
std::vector<std::string> posts_of(const std::vector<std::string>& json, const std::vector<std::string>& xml) {
    std::vector<std::string> reqs;
    for (const auto& d : json) {
        reqs.push_back(post("application/json", d));
        for (const auto& m : mutations(d, false)) reqs.push_back(post("application/json", m));
    }
    for (const auto& d : xml) {
        reqs.push_back(post("application/xml", d));
        for (const auto& m : mutations(d, true)) reqs.push_back(post("application/xml", m));
    }
    return reqs;
}

}  // namespace

BOOST_AUTO_TEST_CASE(known_nasty_requests) {
    const std::string ns = R"( xmlns="http://docs.openstack.org/identity/api/v2.0")";
    std::vector<std::string> reqs;
    for (const std::string& target : std::vector<std::string>{"/",
                                                              "/v2.0",
                                                              "/v2.0/",
                                                              "//",
                                                              "/v2.0//tokens",
                                                              "/v2.0/tokens/",
                                                              "/v2.0/tokens/x/",
                                                              "/v2.0/tokens/%00",
                                                              "/v2.0/tokens/%zz",
                                                              "/v2.0/users/%C0%AF",
                                                              "/v2.0/users/\xff",
                                                              "/v2.0/users/%ED%A0%80",
                                                              "/v2.0/users?name=%FF",
                                                              "/v2.0/users?name",
                                                              "/v2.0/users?=&&=",
                                                              "/v2.0/tenants?name=%E9",
                                                              "/v2.0/extensions/%F4%90%80%80",
                                                              "/v2.0/tenants/t-demo/users/u-demo/roles/x",
                                                              "/v2.0/" + std::string(8000, 'a'),
                                                              "/v2.0/tokens#x",
                                                              "/%2e%2e/v2.0",
                                                              "/v2.0/tokens/abc?belongsTo=%C0",
                                                              "*",
                                                              "http://x/v2.0"})
        for (const char* method : {"GET", "HEAD", "DELETE", "POST", "OPTIONS"})
            for (const char* headers :
                 {"", "X-Auth-Token: ADMIN\r\n", "X-Auth-Token: ADMIN\r\nAccept: application/xml\r\n",
                  "X-Auth-Token: \xff\r\nAccept: text/xml;q=0.9, */*;q=0.1\r\n"})
                reqs.push_back(std::string(method) + " " + target + " HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n");
    for (auto& r : posts_of(samples(".json"), samples(".xml"))) reqs.push_back(std::move(r));
    reqs.push_back(post("application/json", R"({"auth": )" + deep("[", "]", 50000) + "}"));
    reqs.push_back(post("application/xml", "<auth" + ns + ">" + deep("<x>", "</x>", 30000) + "</auth>"));
    reqs.push_back(post(
        "application/json",
        R"({"auth": {"tenantName": "demo", "passwordCredentials": {"username": "demo", "password": "secretsecret"}}})"));
    reqs.push_back(post("text/plain", "x"));
    reqs.push_back(post("application/xml; charset=\xff", "<auth" + ns + "/>"));
    reqs.push_back("POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n0\r\n\r\n");
    for (const auto& r : reqs) {
        const std::string why = osi_fuzz::check_handler(r);
        BOOST_TEST(why.empty(), r.substr(0, 80) << ": " << why);
    }
}

namespace {

std::string many(std::size_t n, std::string_view s) {
    std::string out;
    out.reserve(n * s.size());
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

std::string hex(std::size_t n) {
    std::ostringstream os;
    os << std::hex << n;
    return os.str();
}

// Connections for server_fuzz's check, without the mode byte: pipelined good requests, partial
// ones, and the hostile ones of asio_hardening_test (trailers, chunk framing that never ends,
// request smuggling, limits), each followed by a request that must not be read when the
// connection is to close.
std::vector<std::string> connections() {
    const std::string get = "GET /v2.0 HTTP/1.1\r\nHost: x\r\n\r\n";
    const std::string auth = osi_test::demo_auth_json;
    const std::string post_auth = post("application/json", auth);
    const std::string te = "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n";
    const std::string head_te = "HEAD /v2.0 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n";
    std::vector<std::string> c{
        // Good requests, one and pipelined.
        get,
        "GET / HTTP/1.1\r\nHost: x\r\n\r\n" + get + post_auth + "HEAD /v2.0 HTTP/1.1\r\nHost: x\r\n\r\n" +
            "DELETE /v2.0/tokens/ADMIN HTTP/1.1\r\nHost: x\r\nX-Auth-Token: ADMIN\r\n\r\n" + get,
        many(50, get),
        many(20, post_auth),
        "GET /v2.0/tenants HTTP/1.1\r\nHost: x\r\nX-Auth-Token: ADMIN\r\nAccept: application/xml\r\n\r\n"
        "HEAD /v2.0/tokens/ADMIN HTTP/1.1\r\nHost: x\r\nX-Auth-Token: ADMIN\r\n\r\n" +
            get,
        get + "GET /v2.0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" + get,
        "GET /v2.0 HTTP/1.0\r\n\r\n" + get,
        "GET /v2.0 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n" + get,
        "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: " +
            std::to_string(auth.size()) + "\r\n\r\n" + auth + get,
        te + "\r\n5\r\n{\"aut\r\n4;a=b\r\nh\":{\r\n2\r\n}}\r\n0\r\n\r\n" + get,
        te + "Content-Type: application/json\r\n\r\n" + hex(auth.size()) + "\r\n" + auth + "\r\n0\r\n\r\n" + get,
        "FOO / HTTP/1.1\r\nHost: x\r\n\r\n" + get,
        "GET / HTTP/9.9\r\nHost: x\r\n\r\n" + get,
        // Partial requests.
        "",
        "\r\n",
        "\r\n" + get,
        "GET /v2.0 HT",
        "GET /v2.0 HTTP/1.1\r\nHost: x\r\nAcc",
        "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 99\r\n\r\n{\"auth\"",
        te + "\r\n10\r\n{\"auth\"",
        te + "\r\n2\r\n{}\r\n0\r\n",
        get + "GET /v2.0 HTTP/1.1\r\nHo",
        "GET /v2.0 HTTP/1.1\nHost: x\n\n" + get,
        // Trailers (issue #16, items 1 and 6).
        "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: " + std::string(65534, 'a') +
            "\r\n\r\n" + get,
        "GET /v2.0/users?name=admin HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-Auth-Token: "
        "ADMIN\r\n\r\n" +
            get,
        te + "\r\n" + hex(auth.size()) + "\r\n" + auth + "\r\n0\r\nContent-Type: application/json\r\n\r\n" + get,
        // Chunk framing that never ends (item 2), chunks over the body limit.
        te + "\r\n" + std::string(100000, '0'),
        te + "\r\n5;" + std::string(100000, 'e'),
        te + "\r\n0\r\nX: " + std::string(100000, 'a'),
        te + "\r\n5;" + std::string(200000, 'e') + "\r\n{}{}{\r\n0\r\n\r\n" + get,
        te + "\r\n1000000\r\n{\"auth\"",
        te + "\r\nfffffffffffffffffffff\r\nx\r\n" + get,
        te + "\r\n" + many(1200, "64\r\n" + std::string(100, ' ') + "\r\n"),
        // Request smuggling (item 5).
        "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n" + get,
        "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n" + get,
        "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nContent-Length: 36\r\n\r\n" + get,
        "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 36\r\n\r\n" + get,
        "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" +
            get,
        "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n" + get,
        "POST /v2.0/tokens HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + get,
        // Token ids masked however the path is spelled (item 9).
        "GET /v2.0/%74okens/0123456789abcdef0123456789abcdef HTTP/1.1\r\nHost: x\r\nX-Auth-Token: ADMIN\r\n\r\n" + get,
        // Limits of the header.
        "GET /v2.0/" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n" + get,
        "GET /v2.0 HTTP/1.1\r\nHost: x\r\n" + many(3000, "X-A: b\r\n") + "\r\n" + get,
        std::string("GET /v2.0 HTTP/1.1\r\nHost: x\r\nX-A: a") + '\0' + "b\r\n\r\n" + get,
        "GET /v2.0 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab" + get,
        "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n" + get,
        "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 114689\r\n\r\n" + get,
        "GET /v2.0 HTTP/1.1\r\nHost: x\r\nAccept: application/xml;q=44555555555\r\n\r\n" + get,
        // HEAD refused by the connection layer (see below).
        "HEAD /v2.0 HTTP/1.1\r\nHost: x\r\nContent-Length: 999999\r\n\r\n",
        head_te + "\r\n0\r\nX: y\r\n\r\n" + get,
    };
    return c;
}

// The modes of server_fuzz's first byte: public and admin, written at once and in 1-, 2-, 7- and
// 64-byte segments (at once in debug builds with a Beast before 1.86: see fuzz/server_target.hpp).
constexpr unsigned char connection_modes[] = {0x00, 0x01, 0x08, 0x0b, 0x0c, 0x0f};

}  // namespace

BOOST_AUTO_TEST_CASE(known_nasty_connections) {
    for (const auto& c : connections())
        for (unsigned char mode : connection_modes) {
            const std::string why = osi_fuzz::check_server(std::string(1, static_cast<char>(mode)) + c);
            BOOST_TEST(why.empty(), osi_fuzz::detail::printable(c, 80) << " (mode " << int(mode) << "): " << why);
        }
}

// A HEAD refused by the connection layer (framing, trailers, a body over the limit or malformed,
// a bad field) is answered without a body: it had the fault's body until server_fuzz found it.
BOOST_AUTO_TEST_CASE(head_refusals_carry_no_body) {
    const std::string head = "HEAD /v2.0 HTTP/1.1\r\nHost: x\r\n";
    const std::vector<std::string> refused{
        head + "Transfer-Encoding: xchunked\r\n\r\n",
        head + "Transfer-Encoding: gzip, chunked\r\n\r\n",
        head + "Transfer-Encoding: chunked\r\n\r\n0\r\nX: y\r\n\r\n",
        head + "Transfer-Encoding: chunked\r\n\r\n1c001\r\n",
        head + "Content-Length: 1\r\nContent-Length: 2\r\n\r\n",
    };
    for (const auto& c : refused) {
        const std::string why = osi_fuzz::check_server(std::string(1, '\0') + c);
        BOOST_TEST(why.empty(), osi_fuzz::detail::printable(c) << ": " << why);
    }
}

BOOST_AUTO_TEST_SUITE(published, OSI_PUBLISHED)
BOOST_AUTO_TEST_CASE(published_samples_posted) {
    for (const auto& r : posts_of(published_samples(".json"), published_samples(".xml"))) {
        const std::string why = osi_fuzz::check_handler(r);
        BOOST_TEST(why.empty(), r.substr(0, 80) << ": " << why);
    }
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()
