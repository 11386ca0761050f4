#!/usr/bin/env python3
# check-metainfo.py
#
# Copyright 2026 The Deliberate authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Validates the built metainfo with `appstreamcli validate --no-net` and
# fails on every error, warning and info it reports; pedantic notes are
# not shown. One info alone is let through: AppStream before 1.0 does not
# know the <developer> element that 1.0 asks for in place of the
# deprecated <developer_name>, and calls it an unknown tag.
#
# Usage: check-metainfo.py APPSTREAMCLI METAINFO

import re
import subprocess
import sys


def appstream_version(appstreamcli):
    out = subprocess.run([appstreamcli, "--version"], capture_output=True, text=True).stdout
    m = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", out)
    return tuple(int(part or 0) for part in m.groups()) if m else (0, 0, 0)


def main(argv):
    if len(argv) != 2:
        print("usage: check-metainfo.py APPSTREAMCLI METAINFO")
        return 2
    appstreamcli, metainfo = argv
    run = subprocess.run([appstreamcli, "validate", "--no-net", "--explain", metainfo],
                         capture_output=True, text=True)
    sys.stdout.write(run.stdout)
    sys.stderr.write(run.stderr)

    tolerated = set()
    if appstream_version(appstreamcli) < (1, 0, 0):
        tolerated.add(("unknown-tag", "developer"))

    problems = []
    for line in run.stdout.splitlines():
        # "W: org.deliberate.Deliberate:12: tag hint", or "~" for the file.
        m = re.match(r"([EWI]): \S+ (\S+)(?: (.*))?$", line)
        if m is None:
            continue
        severity, tag, hint = m.group(1), m.group(2), (m.group(3) or "").strip()
        if severity == "I" and (tag, hint) in tolerated:
            continue
        problems.append(line)

    if run.returncode != 0 and not problems:
        problems.append(f"appstreamcli validate exited with {run.returncode}")
    for problem in problems:
        print(f"not clean: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
