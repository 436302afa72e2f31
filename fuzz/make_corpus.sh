#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets into DIR/<target>/:
#   json_fuzz, xml_fuzz: every JSON/XML sample of the spec (extensions included) and of the seed
#     (tests/data), once per type selector byte 0..63 (the targets take the byte modulo the number
#     of root types, so every sample is tried as every type);
#   handler_fuzz: HTTP requests for every route, with the spec's auth samples as bodies.
# Usage: fuzz/make_corpus.sh DIR [SPEC_DIR]
set -euo pipefail
export LC_ALL=C
root=$(cd "$(dirname "$0")/.." && pwd)
out=$1
spec=${2:-$root/../shared/spec/identity-v2.0}
mkdir -p "$out/json_fuzz" "$out/xml_fuzz" "$out/handler_fuzz"

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
echo "corpus: $n samples x 64 types, $(ls "$h" | wc -l) requests in $out"
