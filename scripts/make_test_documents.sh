#!/bin/sh
# Writes the test documents of tests/data/documents (see its README.md) with identity-doc:
# every JSON sample of the published v2.0 reference (samples/ and the OS-KS* extensions'
# samples/), the two Atom feeds (samples/version-atom.xml, versions-atom.xml, which have no JSON
# twin) and a Keystone OS-EC2 credential (no published sample at all: written from the text
# below), each as <stem>.json (the default writer: Keystone's list style), <stem>.keystone.xml
# and <stem>.schema.xml, all three written from the same value, vendor extensions kept.
#
# usage: scripts/make_test_documents.sh IDENTITY_DOC SPEC_DIR OUT_DIR
#   IDENTITY_DOC  build/examples/identity-doc
#   SPEC_DIR      the published reference, ../shared/spec/identity-v2.0
#   OUT_DIR       tests/data/documents (its README.md is kept; every other file is rewritten)
#
# The test test_documents_in_sync (tests/documents_check.py) runs this into a scratch folder and
# compares it with tests/data/documents.
set -eu

if [ $# -ne 3 ]; then
    echo "usage: $0 IDENTITY_DOC SPEC_DIR OUT_DIR" >&2
    exit 2
fi
doc=$1
spec=$2
out=$3
if [ ! -f "$spec/samples/auth.json" ]; then
    echo "$0: $spec is not the published v2.0 reference (no samples/auth.json)" >&2
    exit 2
fi

mkdir -p "$out"
find "$out" -type f ! -path "$out/README.md" -exec rm -f {} +
find "$out" -mindepth 1 -type d -empty -delete

# write SOURCE STEM: the three documents of one value read from SOURCE ("-": stdin).
write() {
    mkdir -p "$(dirname "$out/$2")"
    "$doc" convert --keep-unknown --to json --pretty "$1" >"$out/$2.json"
    # XML: from the JSON just written, so that stdin is read once and all three carry one value.
    "$doc" convert --keep-unknown --to xml --dialect keystone --pretty "$out/$2.json" >"$out/$2.keystone.xml"
    "$doc" convert --keep-unknown --to xml --dialect schema --pretty "$out/$2.json" >"$out/$2.schema.xml"
}

# The samples of the core API and of the OpenStack extensions Keystone shipped (RAX-* and HP-IDM
# are vendor extensions, out of scope). Sorted, so that a failure always stops at the same file.
(cd "$spec" && find samples OS-KS*/samples -name '*.json' | LC_ALL=C sort) | while read -r rel; do
    write "$spec/$rel" "${rel%.json}"
done

for feed in samples/version-atom samples/versions-atom; do
    write "$spec/$feed.xml" "$feed"
done

# Keystone's OS-EC2 credential (POST /v2.0/users/{id}/credentials/OS-EC2), for the seed's demo
# user and tenant; trust_id null as Keystone wrote it.
printf '%s\n' '{"credential": {"access": "8f1c4e7a2b9d4c6e9a0b3d5f7e1c2a4b",' \
    '"secret": "c2a4b6d8e0f1a3c5e7b9d1f3a5c7e9b0", "tenant_id": "fc394f2ab2df4114bde39905f800dc57",' \
    '"user_id": "9a6590b2ab024747bc2167c4e064d00d", "trust_id": null}}' | write - OS-EC2/credential

# Keystone's admin API documents (include/openstack/identity/v2/model/admin.hpp), none published:
# written from the text below, with the seed's demo user, tenant and identity service.
printf '%s\n' '{"endpoint": {"id": "1b2c3d4e5f60718293a4b5c6d7e8f901", "region": "RegionOne",' \
    '"service_id": "3c2a1f0e9d8c4b7a8f6e5d4c3b2a1f0e", "publicurl": "http://127.0.0.1:5000/v2.0",' \
    '"adminurl": "http://127.0.0.1:35357/v2.0", "internalurl": "http://127.0.0.1:5000/v2.0"}}' |
    write - admin/endpoint
printf '%s\n' '{"endpoints": [{"id": "1b2c3d4e5f60718293a4b5c6d7e8f901", "region": "RegionOne",' \
    '"service_id": "3c2a1f0e9d8c4b7a8f6e5d4c3b2a1f0e", "publicurl": "http://127.0.0.1:5000/v2.0",' \
    '"adminurl": "http://127.0.0.1:35357/v2.0", "internalurl": "http://127.0.0.1:5000/v2.0"},' \
    '{"id": "2c3d4e5f60718293a4b5c6d7e8f90112", "region": null,' \
    '"service_id": "4d3b2a1f0e9d8c4b7a8f6e5d4c3b2a1f", "publicurl": "http://127.0.0.1:8774/v2"}]}' |
    write - admin/endpoints
printf '%s\n' '{"credentials": [{"access": "8f1c4e7a2b9d4c6e9a0b3d5f7e1c2a4b",' \
    '"secret": "c2a4b6d8e0f1a3c5e7b9d1f3a5c7e9b0", "tenant_id": "fc394f2ab2df4114bde39905f800dc57",' \
    '"user_id": "9a6590b2ab024747bc2167c4e064d00d", "trust_id": null}]}' | write - OS-EC2/credentials
printf '%s\n' '{"tenant_id": "fc394f2ab2df4114bde39905f800dc57"}' | write - OS-EC2/credential_request
printf '%s\n' '{"user": {"password": "n3w-secret", "original_password": "secrete"}}' | write - OS-KSCRUD/password_change
printf '%s\n' '{"credentials": {"access": "8f1c4e7a2b9d4c6e9a0b3d5f7e1c2a4b",' \
    '"signature": "Xx0/Ep8bwm8ErDRUVSaB6kvZHpKM7HYA0Nc2ufhlcJ0=", "host": "127.0.0.1:8773",' \
    '"verb": "GET", "path": "/services/Cloud", "body_hash": "",' \
    '"params": {"Action": "DescribeInstances", "AWSAccessKeyId": "8f1c4e7a2b9d4c6e9a0b3d5f7e1c2a4b",' \
    '"SignatureMethod": "HmacSHA256", "SignatureVersion": "2", "Timestamp": "2014-01-30T15:30:58Z"}}}' |
    write - OS-EC2/ec2tokens
