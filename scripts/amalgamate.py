#!/usr/bin/env python3
"""Writes the single headers from include/.

single_include/openstack/identity_v2.hpp       <- include/openstack/identity/v2.hpp (model, JSON, XML, validation)
single_include/openstack/identity_v2_asio.hpp  <- include/openstack/identity/v2/asio.hpp (transport, with the core)

Each project header is inlined once, where it is first included, with its own
include guard kept, so the two single headers can be included together.
Other #include lines (the standard library, Boost, pugixml, OpenSSL) stay.

usage: amalgamate.py [--out DIR]   (default: single_include next to include/)
"""

import argparse
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
INCLUDE = ROOT / "include"
OURS = re.compile(r'^\s*#\s*include\s*<(openstack/[^>]+)>\s*$')

TARGETS = [
    ("openstack/identity_v2.hpp", "openstack/identity/v2.hpp", "OPENSTACK_IDENTITY_V2_SINGLE_HPP"),
    ("openstack/identity_v2_asio.hpp", "openstack/identity/v2/asio.hpp", "OPENSTACK_IDENTITY_V2_ASIO_SINGLE_HPP"),
]


def version():
    text = (INCLUDE / "openstack/identity/v2/version.hpp").read_text()
    parts = [re.search(rf"VERSION_{p} (\d+)", text).group(1) for p in ("MAJOR", "MINOR", "PATCH")]
    return ".".join(parts)


def inline(rel, seen, out):
    if rel in seen:
        return
    seen.add(rel)
    path = INCLUDE / rel
    if not path.exists():
        sys.exit(f"amalgamate: {rel} is included but does not exist under include/")
    out.append(f"// ---- begin {rel}\n")
    for line in path.read_text().splitlines(keepends=True):
        if "__has_include(<openstack/" in line:
            # Inlined, the header would sit behind a test that fails where only the single header exists.
            sys.exit(f"amalgamate: {rel} includes a project header conditionally; include it unconditionally")
        m = OURS.match(line)
        if m:
            inline(m.group(1), seen, out)
        else:
            out.append(line)
    out.append(f"// ---- end {rel}\n")


def amalgamate(entry, guard):
    body = []
    inline(entry, set(), body)
    head = (
        f"// openstack-identity-v2 {version()}: single header generated from include/{entry}\n"
        "// by scripts/amalgamate.py. Do not edit: change include/ and run the script.\n"
        "// SPDX-License-Identifier: Apache-2.0\n"
        f"#ifndef {guard}\n#define {guard}\n\n"
    )
    return head + "".join(body) + f"\n#endif  // {guard}\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "single_include"))
    args = ap.parse_args()
    for target, entry, guard in TARGETS:
        if not (INCLUDE / entry).exists():
            continue
        dest = pathlib.Path(args.out) / target
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(amalgamate(entry, guard))


if __name__ == "__main__":
    main()
