#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets into DIR/<target>/:
#   json_fuzz, xml_fuzz: every JSON/XML sample of the spec (extensions included) and of the seed
#     (tests/data), once per type selector byte 0..63 (the targets take the byte modulo the number
#     of root types, so every sample is tried as every type);
#   handler_fuzz: HTTP requests for every route, with the spec's auth samples as bodies;
#   server_fuzz: those requests again behind a mode byte (listener, how they are written), and
#     pipelined, partial, chunked and hostile ones (tests/asio_hardening_test.cpp's).
# Usage: fuzz/make_corpus.sh DIR [SPEC_DIR]
set -euo pipefail
export LC_ALL=C
root=$(cd "$(dirname "$0")/.." && pwd)
out=$1
spec=${2:-$root/../shared/spec/identity-v2.0}
mkdir -p "$out/json_fuzz" "$out/xml_fuzz" "$out/handler_fuzz" "$out/server_fuzz"

# The published reference when it is there; the project's own documents (tests/data) always.
[ -d "$spec" ] || spec=$root/tests/data/documents
mapfile -t samples < <(find "$spec" "$root/tests/data" -maxdepth 4 -type f \( -name '*.json' -o -name '*.xml' \) \
                         -not -path '*/wadl/*' -not -path '*/xsd*' -not -path '*/fuzz-regressions/*' | sort -u)
n=0
for f in "${samples[@]}"; do
  case $f in *.json) dir=json_fuzz ;; *) dir=xml_fuzz ;; esac
  base=$(echo "$f" | sed "s|^$spec/||; s|^$root/||; s|/|_|g")
  for i in $(seq 0 63); do
    { printf "\\x$(printf %02x "$i")"; cat "$f"; } > "$out/$dir/$i-$base"
  done
  n=$((n + 1))
done

h=$out/handler_fuzz
req() {  # name, then the request text with \r\n line ends
  printf '%b' "$2" > "$h/$1"
}
post() {  # name, content type, body file
  local body
  body=$(cat "$3")
  { printf 'POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n' "$2" "${#body}"
    printf '%s' "$body"; } > "$h/$1"
}
for path in / /v2.0 /v2.0/ /v2.0/extensions /v2.0/extensions/OS-KSADM /v2.0/tenants "/v2.0/tenants?name=demo" \
            /v2.0/tenants/t-demo /v2.0/users "/v2.0/users?name=demo" /v2.0/users/u-demo /v2.0/users/u-demo/roles \
            /v2.0/tenants/t-demo/users/u-demo/roles "/v2.0/tokens/abc?belongsTo=t-demo" /v2.0/tokens/abc/endpoints; do
  name=$(echo "$path" | tr '/?=' '___')
  req "get$name" "GET $path HTTP/1.1\r\nHost: x\r\nX-Auth-Token: ADMIN\r\n\r\n"
  req "head$name" "HEAD $path HTTP/1.1\r\nHost: x\r\nAccept: application/xml\r\n\r\n"
done
req delete_token "DELETE /v2.0/tokens/abc HTTP/1.1\r\nHost: x\r\nX-Auth-Token: ADMIN\r\n\r\n"
req put_tokens "PUT /v2.0/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"
req chunked "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"aut\r\n4\r\nh\":{\r\n2\r\n}}\r\n0\r\n\r\n"
for f in "$spec"/samples/auth*.json "$spec"/*/samples/auth*.json "$root"/tests/data/seed_auth_*.json; do
  post "post_$(basename "$f")" application/json "$f"
done
for f in "$spec"/samples/auth*.xml "$spec"/*/samples/auth*.xml "$root"/tests/data/seed_auth_*.xml; do
  post "post_$(basename "$f")" application/xml "$f"
done
printf '%s' '{"auth":{"tenantName":"demo","passwordCredentials":{"username":"demo","password":"secretsecret"}}}' > "$out/demo.json"
post post_demo application/json "$out/demo.json"
printf '%s' '<auth xmlns="http://docs.openstack.org/identity/api/v2.0" tenantName="admin"><passwordCredentials username="admin" password="adminsecret"/></auth>' > "$out/admin.xml"
post post_admin_xml application/xml "$out/admin.xml"
rm "$out/demo.json" "$out/admin.xml"

# server_fuzz: the first byte is the mode (fuzz/server_target.hpp): bit 0 the listener (public,
# admin), bits 1-3 the writing (0-3 at once; 4-7 in segments of 1, 2, 7, 64 bytes).
s=$out/server_fuzz
for f in "$h"/*; do
  { printf '\x00'; cat "$f"; } > "$s/public_$(basename "$f")"
  { printf '\x01'; cat "$f"; } > "$s/admin_$(basename "$f")"
done
sreq() {  # name, mode (two hex digits), then the bytes with \r\n line ends
  { printf "\\x$2"; printf '%b' "$3"; } > "$s/$1"
}
many() {  # count, text: the text repeated
  local i out=""
  for ((i = 0; i < $1; i++)); do out+=$2; done
  printf '%s' "$out"
}
get='GET /v2.0 HTTP/1.1\r\nHost: x\r\n\r\n'
auth='{"auth":{"tenantName":"demo","passwordCredentials":{"username":"demo","password":"secretsecret"}}}'
post="POST /v2.0/tokens HTTP/1.1\\r\\nHost: x\\r\\nContent-Type: application/json\\r\\nContent-Length: ${#auth}\\r\\n\\r\\n$auth"
te='POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n'
# Pipelined, in every way of writing.
for m in 00 01 08 0b 0c 0f; do
  sreq "pipelined_$m" $m "GET / HTTP/1.1\r\nHost: x\r\n\r\n$get$post${get/GET/HEAD}DELETE /v2.0/tokens/ADMIN HTTP/1.1\r\nHost: x\r\nX-Auth-Token: ADMIN\r\n\r\n$get"
done
sreq pipelined_close 00 "$get${get/Host: x/Host: x\\r\\nConnection: close}$get"
sreq pipelined_http10 01 "GET /v2.0 HTTP/1.0\r\n\r\n$get"
sreq pipelined_http10_keepalive 01 "GET /v2.0 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n$get"
sreq pipelined_expect 00 "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: ${#auth}\r\n\r\n$auth$get"
sreq pipelined_chunked 08 "${te}\r\n5\r\n{\"aut\r\n4;a=b\r\nh\":{\r\n2\r\n}}\r\n0\r\n\r\n$get"
sreq pipelined_token_check 01 "GET /v2.0/tokens/ADMIN HTTP/1.1\r\nHost: x\r\nX-Auth-Token: ADMIN\r\n\r\nHEAD /v2.0/tokens/ADMIN HTTP/1.1\r\nHost: x\r\nX-Auth-Token: ADMIN\r\n\r\n"
# Partial requests.
sreq partial_line 00 'GET /v2.0 HT'
sreq partial_header 08 'GET /v2.0 HTTP/1.1\r\nHost: x\r\nAcc'
sreq partial_body 00 'POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 99\r\n\r\n{"auth"'
sreq partial_chunk 0c "${te}\r\n10\r\n{\"auth\""
sreq partial_last_chunk 00 "${te}\r\n2\r\n{}\r\n0\r\n"
sreq bare_lf 00 'GET /v2.0 HTTP/1.1\nHost: x\n\n'
sreq leading_crlf 00 "\r\n$get"
# The hostile inputs of tests/asio_hardening_test.cpp, scaled to the fuzzed server's limits
# (header_limit 4096, body_limit 8192; fuzz/server_target.hpp).
sreq trailer_over_limit 01 "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: $(many 5000 a)\r\n\r\n"
sreq trailer_token 01 'GET /v2.0/users?name=admin HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-Auth-Token: ADMIN\r\n\r\n'
sreq trailer_content_type 00 "${te}\r\n$(printf %x ${#auth})\r\n$auth\r\n0\r\nContent-Type: application/json\r\n\r\n"
sreq chunk_size_unterminated 00 "${te}\r\n$(many 5000 0)"
sreq chunk_extension_unterminated 00 "${te}\r\n5;$(many 5000 e)"
sreq trailer_unterminated 00 "${te}\r\n0\r\nX: $(many 5000 a)"
sreq chunk_extension_over_limit 0e "${te}\r\n5;$(many 5000 e)\r\n{}{}{\r\n0\r\n\r\n"
sreq chunk_over_body_limit 00 "${te}\r\n1000000\r\n{\"auth\""
sreq chunks_over_body_limit 00 "${te}\r\n$(many 85 "64\r\n$(many 100 ' ')\r\n")"
sreq chunk_size_overflow 00 "${te}\r\nfffffffffffffffffffff\r\nx\r\n"
i=0
for hdr in 'Transfer-Encoding: xchunked' 'Transfer-Encoding: chunked, identity' 'Transfer-Encoding: gzip\r\nContent-Length: 36' \
         'Transfer-Encoding: chunked\r\nContent-Length: 36' 'Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked' \
         'Transfer-Encoding: gzip, chunked'; do
  sreq "smuggling_$i" 00 "POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\n$hdr\r\n\r\n$get"
  i=$((i + 1))
done
sreq smuggling_http10 00 "POST /v2.0/tokens HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n$get"
sreq masked_token_path 01 'GET /v2.0/%74okens/0123456789abcdef0123456789abcdef HTTP/1.1\r\nHost: x\r\nX-Auth-Token: ADMIN\r\n\r\n'
sreq target_over_limit 00 "GET /v2.0/$(many 5000 a) HTTP/1.1\r\nHost: x\r\n\r\n"
sreq fields_over_limit 00 "GET /v2.0 HTTP/1.1\r\nHost: x\r\n$(many 700 'X-A: b\r\n')\r\n"
sreq nul_in_header 00 'GET /v2.0 HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n'
sreq two_content_lengths 00 'GET /v2.0 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab'
sreq huge_content_length 00 'POST /v2.0/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n'
sreq accept_quality 00 'GET /v2.0 HTTP/1.1\r\nHost: x\r\nAccept: application/xml;q=44555555555\r\n\r\n'
echo "corpus: $n samples x 64 types, $(ls "$h" | wc -l) requests, $(ls "$s" | wc -l) connections in $out"
