#!/usr/bin/python3
"""The identity-doc command line (examples/identity_doc.cpp).

usage: identity_doc_test.py IDENTITY_DOC DATA_DIR
       identity_doc_test.py IDENTITY_DOC DATA_DIR --reference SPEC_DIR

The first form runs on tests/data alone (the seed's fixtures and tests/data/documents). The
second runs only what needs the published reference: the schema dialect validated against its
XSDs with xmllint, and the published samples themselves; exit 77 (skipped) when SPEC_DIR is not
the reference.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

DOC, DATA = sys.argv[1:3]
SPEC = None
if len(sys.argv) == 5 and sys.argv[3] == "--reference":
    SPEC = sys.argv[4]
elif len(sys.argv) != 3:
    sys.exit(__doc__)
IDENTITY = "{http://docs.openstack.org/identity/api/v2.0}"
failures = []


def run(*args, stdin=None):
    r = subprocess.run([DOC, *args], input=stdin.encode() if stdin is not None else None, capture_output=True)
    return r.returncode, r.stdout.decode(), r.stderr.decode()


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def read(path):
    with open(path) as f:
        return f.read()


seed_json = os.path.join(DATA, "seed_access.json")
seed_xml = os.path.join(DATA, "seed_access.xml")


def document(stem, suffix=".json"):
    """A test document (tests/data/documents, written by scripts/make_test_documents.sh)."""
    return os.path.join(DATA, "documents", stem + suffix)


def published():
    """What needs the published reference: its XSDs and its samples as published."""
    if not os.path.isfile(os.path.join(SPEC, "samples", "auth.json")):
        print(f"the published v2.0 reference is not at {SPEC}: skipped")
        sys.exit(77)
    xmllint = shutil.which("xmllint")
    if not xmllint:
        print("xmllint is not installed: skipped")
        sys.exit(77)
    # convert JSON -> XML, schema dialect: valid against the published XSD.
    for sample, xsd in (("samples/auth_credentials.json", "api.xsd"), ("samples/auth.json", "api.xsd"),
                        ("samples/tenants.json", "api.xsd"), ("samples/version.json", "api-common.xsd")):
        rc, out, _ = run("convert", "--dialect", "schema", os.path.join(SPEC, sample))
        with tempfile.NamedTemporaryFile("w", suffix=".xml") as f:
            f.write(out)
            f.flush()
            v = subprocess.run([xmllint, "--noout", "--schema", os.path.join(SPEC, "xsd10", xsd), f.name],
                               capture_output=True)
        check(rc == 0 and v.returncode == 0, f"{sample} converted to the schema dialect validates against {xsd}")
    # The same for the test documents written from them.
    for stem, xsd in (("samples/auth_credentials", "api.xsd"), ("samples/auth", "api.xsd"),
                      ("samples/tenants", "api.xsd"), ("samples/version", "api-common.xsd")):
        v = subprocess.run([xmllint, "--noout", "--schema", os.path.join(SPEC, "xsd10", xsd),
                            document(stem, ".schema.xml")], capture_output=True)
        check(v.returncode == 0, f"documents/{stem}.schema.xml validates against {xsd}")

    # Round trip JSON -> XML -> JSON through the command (a sample without nulls: XML has none).
    auth_sample = os.path.join(SPEC, "samples/auth.json")
    rc, xml_text, _ = run("convert", auth_sample)
    rc, back, _ = run("convert", stdin=xml_text)
    rc, direct, _ = run("convert", "--to", "json", auth_sample)
    check(json.loads(back) == json.loads(direct), "JSON -> XML -> JSON gives what JSON -> JSON gives (published)")
    rc, out, _ = run("validate", os.path.join(SPEC, "samples/auth_credentials.xml"))
    check(rc == 0 and out.strip() == "auth: valid", "validate a published XML sample: auth")


def data_only():
    """Everything else, on tests/data alone."""
    # convert JSON -> XML, keystone dialect (the default): Keystone's shape, <role> right under <user>.
    rc, out, _ = run("convert", seed_json)
    check(rc == 0 and out.startswith("<?xml"), "convert JSON to XML exits 0 with an XML document")
    root = ET.fromstring(out.split("\n", 1)[1])
    check(root.tag == IDENTITY + "access", "the XML root is identity:access")
    check(root.find(IDENTITY + "token").get("id") == "aaaaa-bbbbb-ccccc-dddd", "token/@id is the seed's")
    check(len(root.findall(f"{IDENTITY}user/{IDENTITY}role")) == 2, "keystone dialect: two <role> right under <user>")
    check(root.find(f"{IDENTITY}user/{IDENTITY}roles") is None, "keystone dialect: no <roles> wrapper")

    # convert JSON -> XML, schema dialect (validated against the XSD in the --reference run).
    rc, out, _ = run("convert", "--to", "xml", "--dialect", "schema", seed_json)
    check(rc == 0, "convert --dialect schema exits 0")
    root = ET.fromstring(out.split("\n", 1)[1])
    check(len(root.findall(f"{IDENTITY}user/{IDENTITY}roles/{IDENTITY}role")) == 2,
          "schema dialect: <user><roles><role/>")

    # convert XML -> JSON (the default target for XML input), from a file and from stdin.
    rc, out, _ = run("convert", seed_xml)
    check(rc == 0, "convert XML to JSON exits 0")
    doc = json.loads(out)
    check(doc["access"]["token"]["id"] == "aaaaa-bbbbb-ccccc-dddd", "access.token.id read from the seed's XML")
    check([r["name"] for r in doc["access"]["user"]["roles"]] == ["Member", "anotherrole"], "user.roles from <role>s")
    rc2, out2, _ = run("convert", stdin=read(seed_xml))
    check(rc2 == 0 and out2 == out, "stdin gives the same as the file")
    rc3, out3, _ = run("convert", "-", stdin=read(seed_xml))
    check(rc3 == 0 and out3 == out, "\"-\" reads stdin")

    # Round trip JSON -> XML -> JSON through the command (a document without nulls: XML has none).
    auth_doc = document("samples/auth")
    rc, xml_text, _ = run("convert", auth_doc)
    rc, back, _ = run("convert", stdin=xml_text)
    rc, direct, _ = run("convert", "--to", "json", auth_doc)
    check(json.loads(back) == json.loads(direct), "JSON -> XML -> JSON gives what JSON -> JSON gives")
    rc, compact, _ = run("convert", "--to", "json", seed_json)
    rc, pretty, _ = run("convert", "--to", "json", "--pretty", seed_json)
    check(rc == 0 and json.loads(pretty) == json.loads(compact) and compact.count("\n") == 1
          and pretty.count("\n") > 20, "--pretty indents, the same document")

    # --keep-unknown: a vendor extension's member is written out, in JSON and in XML; dropped without it.
    ext = document("samples/ext-getuser")
    rc, kept, _ = run("convert", "--to", "json", "--keep-unknown", ext)
    rc2, dropped, _ = run("convert", "--to", "json", ext)
    check(rc == 0 and rc2 == 0, "convert --keep-unknown exits 0")
    metadata = {"values": {"MetaKey1": "MetaValue1", "MetaKey2": "MetaValue2"}}
    check(json.loads(kept)["user"].get("RS-META:metadata") == metadata, "--keep-unknown keeps RS-META:metadata")
    check("RS-META:metadata" not in json.loads(dropped)["user"], "without --keep-unknown it is dropped")
    check(json.loads(kept) == json.loads(read(ext)), "--keep-unknown on a test document writes it back as it is")
    # In XML, in the namespace the table gives RS-META, and back to the same JSON.
    rc, ext_xml, _ = run("convert", "--to", "xml", "--keep-unknown", ext)
    check(rc == 0 and 'xmlns:RS-META="http://docs.rackspacecloud.com/identity/api/ext/meta/v2.0"' in ext_xml
          and "<RS-META:metadata>" in ext_xml, "--keep-unknown writes RS-META:metadata in its XML namespace")
    rc, ext_back, _ = run("convert", "--keep-unknown", stdin=ext_xml)
    check(rc == 0 and json.loads(ext_back)["user"].get("RS-META:metadata") == metadata,
          "RS-META:metadata reads back from XML under its JSON key")
    # What XML cannot carry is reported, not dropped: exit 1 with a fault naming the member.
    rc, out, _ = run("convert", "--to", "xml", "--keep-unknown", stdin='{"tenant": {"name": "n", "NOPE:x": 1}}')
    check(rc == 1 and "NOPE:x" in out and json.loads(out)["badRequest"]["code"] == 400,
          "a kept member XML cannot carry: exit 1 and a fault naming it")
    # Plain keys too.
    tenant = '{"tenant": {"id": "1", "name": "n", "domain_id": "default", "bind": {"kerberos": "k"}}}'
    rc, kept_xml, _ = run("convert", "--to", "xml", "--keep-unknown", stdin=tenant)
    rc2, dropped_xml, _ = run("convert", "--to", "xml", stdin=tenant)
    check(rc == 0 and 'domain_id="default"' in kept_xml and 'kerberos="k"' in kept_xml, "--keep-unknown in XML")
    check(rc2 == 0 and "domain_id" not in dropped_xml and "kerberos" not in dropped_xml,
          "without --keep-unknown, not in XML")
    rc, out, _ = run("convert", "--keep-unknown", stdin=kept_xml)
    check(rc == 0 and json.loads(out) == json.loads(tenant), "kept members read back from the XML")

    # validate: good, bad (JSON and XML faults), stdin, --type.
    rc, out, _ = run("validate", seed_json)
    check(rc == 0 and out.strip() == "access: valid", "validate the seed: exit 0, \"access: valid\"")
    for dialect in ("keystone", "schema"):
        rc, out, _ = run("validate", document("samples/auth_credentials", f".{dialect}.xml"))
        check(rc == 0 and out.strip() == "auth: valid", f"validate an XML document ({dialect} dialect): auth")
    bad = '{"auth": {"passwordCredentials": {"username": "u"}}}'
    rc, out, _ = run("validate", stdin=bad)
    fault = json.loads(out) if rc == 1 else {}
    check(rc == 1, "validate a bad document from stdin: exit 1")
    check(fault.get("badRequest", {}).get("code") == 400 and fault.get("error", {}).get("code") == 400,
          "the fault document on stdout is JSON, badRequest and error, code 400")
    check("auth.passwordCredentials.password" in fault.get("badRequest", {}).get("message", ""),
          "the fault's message names the path")
    bad_xml = '<auth xmlns="http://docs.openstack.org/identity/api/v2.0"><passwordCredentials username="u"/></auth>'
    rc, out, _ = run("validate", stdin=bad_xml)
    check(rc == 1 and out.startswith("<?xml"), "a bad XML document gets an XML fault")
    err = ET.fromstring(out.split("\n", 1)[1]) if rc == 1 else None
    check(err is not None and err.tag == IDENTITY + "error" and err.get("code") == "400", "<error code=\"400\">")
    rc, out, _ = run("validate", "--dialect", "schema", stdin=bad_xml)
    check(rc == 1 and ET.fromstring(out.split("\n", 1)[1]).tag == IDENTITY + "badRequest",
          "--dialect schema: the spec's <badRequest> fault")
    rc, out, _ = run("convert", stdin="{\"auth\": {")
    check(rc == 1 and "malformed JSON" in json.loads(out)["badRequest"]["message"], "convert of malformed JSON: exit 1")
    rc, out, _ = run("validate", stdin='{"bogus": {}}')
    check(rc == 1 and "no top-level member" in json.loads(out)["badRequest"]["message"], "no known root: exit 1")
    rc, out, _ = run("validate", stdin='{"tenant": {}, "user": {}}')
    check(rc == 1 and "tenant, user" in json.loads(out)["badRequest"]["message"], "two roots: exit 1, both named")

    # --type forces the type: the same document as another type is a wrong root.
    tenants = read(document("samples/tenants"))
    rc, out, _ = run("validate", "--type", "tenants", stdin=tenants)
    check(rc == 0 and out.strip() == "tenants: valid", "--type tenants on tenants.json")
    rc, out, _ = run("validate", "--type", "tenant", stdin=tenants)
    check(rc == 1 and "tenant" in json.loads(out)["badRequest"]["message"], "--type tenant on tenants.json: exit 1")
    rc, out, _ = run("validate", "--type", "auth", stdin='{"auth": {"token": {"id": "t"}}, "tenant": {}}')
    check(rc == 0, "--type settles a document with two roots")

    # Usage errors: exit 2, nothing on stdout.
    for args, what in ((["frob"], "an unknown command"), ([], "no command"),
                       (["convert", "--to", "yaml"], "--to yaml"), (["convert", "--dialect", "x"], "a bad dialect"),
                       (["validate", "--type", "nope"], "an unknown type"),
                       (["validate", "--type"], "--type without a value"),
                       (["validate", "--bogus"], "an unknown option"),
                       (["validate", seed_json, seed_json], "two files"),
                       (["validate", "/nonexistent"], "a missing file"),
                       (["convert", "--to", "json", "--dialect", "schema", seed_json], "--dialect with --to json"),
                       (["validate", "--keep-unknown", seed_json], "--keep-unknown with validate")):
        rc, out, err = run(*args, stdin="")
        check(rc == 2 and out == "" and err != "", f"{what}: exit 2 with a message on stderr")
    rc, out, _ = run("--help")
    check(rc == 0 and "--keep-unknown" in out, "--help documents --keep-unknown")

    rc, out, _ = run("types")
    names = out.split()
    check(rc == 0 and "access" in names and "endpoint_templates" in names and len(names) == len(set(names)) >= 26,
          "types lists every document type once")


if SPEC is None:
    data_only()
else:
    published()
if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
