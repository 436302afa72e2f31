#!/usr/bin/python3
"""tests/data/documents is what scripts/make_test_documents.sh writes from the published reference.

usage: documents_check.py MAKE_SCRIPT IDENTITY_DOC SPEC_DIR DOCUMENTS_DIR SCRATCH_DIR

Runs MAKE_SCRIPT IDENTITY_DOC SPEC_DIR SCRATCH_DIR and fails when a file differs, is missing or
is extra (DOCUMENTS_DIR/README.md, written by hand, excepted). Exit 77 (skipped) when SPEC_DIR is
not the reference.
"""

import difflib
import os
import shutil
import subprocess
import sys

SCRIPT, DOC, SPEC, SOURCE, SCRATCH = sys.argv[1:6]

if not os.path.isfile(os.path.join(SPEC, "samples", "auth.json")):
    print(f"the published v2.0 reference is not at {SPEC}: skipped")
    sys.exit(77)

shutil.rmtree(SCRATCH, ignore_errors=True)
r = subprocess.run(["sh", SCRIPT, DOC, SPEC, SCRATCH])
if r.returncode != 0:
    print(f"{SCRIPT} failed ({r.returncode})")
    sys.exit(1)


def files(root):
    out = set()
    for d, _, names in os.walk(root):
        for n in names:
            out.add(os.path.relpath(os.path.join(d, n), root))
    return out


committed = files(SOURCE)
written = files(SCRATCH)
failures = []
if "README.md" not in committed:
    failures.append("no README.md")
committed.discard("README.md")
for f in sorted(written - committed):
    failures.append(f"missing: {f}")
for f in sorted(committed - written):
    failures.append(f"not written by the script: {f}")
shown = 0
for f in sorted(committed & written):
    with open(os.path.join(SOURCE, f), "rb") as a, open(os.path.join(SCRATCH, f), "rb") as b:
        old, new = a.read(), b.read()
    if old != new:
        failures.append(f"out of date: {f}")
        if shown < 5:
            shown += 1
            sys.stdout.writelines(difflib.unified_diff(old.decode(errors="replace").splitlines(True),
                                                       new.decode(errors="replace").splitlines(True),
                                                       "tests/data/documents/" + f, "written/" + f))
for f in failures:
    print("FAIL", f)
print(f"{len(written)} documents written, {len(committed)} committed")
if failures:
    print("regenerate: scripts/make_test_documents.sh build/examples/identity-doc "
          "../shared/spec/identity-v2.0 tests/data/documents")
    sys.exit(1)
print("tests/data/documents is what scripts/make_test_documents.sh writes")
