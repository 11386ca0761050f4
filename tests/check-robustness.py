#!/usr/bin/python3
# check-robustness.py
#
# Copyright 2026 The Deliberate authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks docs/robustness.md against the program: every row of its table
# names a hostile input class by an id in backticks; this script makes
# that input, runs the command of the row, and checks the exit status,
# that standard error holds the words the row quotes, and what the row says
# is left on disk. A row whose check lives in another test names that test
# ("checked by `crash-store`") and that test must be registered in
# tests/meson.build. A row without a maker here, or a maker without a row,
# fails: the table and the program cannot drift apart.
#
# Usage: check-robustness.py DELIBERATE DOC TESTS-MESON-BUILD

import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

EXE = None


# No hostile input may hold the program up for more than 10 s; a build
# with the sanitizers, several times slower, says so in DLB_SLOWDOWN.
TIMEOUT = 10 * float(os.environ.get("DLB_SLOWDOWN", "1"))


def run(args, timeout=TIMEOUT):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="en")
    try:
        p = subprocess.run([EXE] + args, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return None, "timed out"
    return p.returncode, p.stderr


def digest(path):
    if not os.path.exists(path):
        return None
    if os.path.isdir(path):
        return "folder"
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def example_json(folder):
    path = os.path.join(folder, "example.json")
    if not os.path.exists(path):
        subprocess.run([EXE, "--example", "--export-json", path], check=True)
    return path


def example_case(folder):
    path = os.path.join(folder, "example.deliberate")
    if not os.path.exists(path):
        subprocess.run([EXE, "--example", "--export-case", path], check=True)
    return path


def edited_json(folder, name, edit):
    import json

    with open(example_json(folder), encoding="utf-8") as f:
        case = json.load(f)
    edit(case)
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(case, f)
    return path


def write(folder, name, data):
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


# Each maker returns (arguments, input paths that must stay unchanged,
# output path that must not be left, or None).

def malformed_json(d):
    case = write(d, "cut.json", b'{"format": "deliberate-case", "version": 4, "case": {')
    return [case, "--export-pdf", os.path.join(d, "out.pdf")], [case], os.path.join(d, "out.pdf")


def json_not_a_case(d):
    case = write(d, "list.json", b"[1, 2, 3]\n")
    return [case, "--export-json", os.path.join(d, "out.json")], [case], os.path.join(d, "out.json")


def text_named_case(d):
    case = write(d, "notes.deliberate", b"Meeting notes, not a case.\n" * 40)
    return [case, "--export-pdf", os.path.join(d, "out.pdf")], [case], os.path.join(d, "out.pdf")


def other_database(d):
    path = os.path.join(d, "other.deliberate")
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    db.commit()
    db.close()
    return [path, "--export-pdf", os.path.join(d, "out.pdf")], [path], os.path.join(d, "out.pdf")


def newer_json(d):
    case = edited_json(d, "newer.json", lambda c: c.__setitem__("version", 99))
    return [case, "--export-pdf", os.path.join(d, "out.pdf")], [case], os.path.join(d, "out.pdf")


def newer_case_file(d):
    path = os.path.join(d, "newer.deliberate")
    shutil.copy(example_case(d), path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    return [path, "--export-pdf", os.path.join(d, "out.pdf")], [path], os.path.join(d, "out.pdf")


def absurd_number(d):
    def edit(c):
        c["stakeholders"][0]["power"] = 1e308
    case = edited_json(d, "absurd.json", edit)
    return [case, "--export-pdf", os.path.join(d, "out.pdf")], [case], os.path.join(d, "out.pdf")


def negative_seed(d):
    return ["--example", "--analyze", "--seed", "-5"], [], None


def missing_file(d):
    return [os.path.join(d, "nowhere.deliberate"), "--export-pdf", os.path.join(d, "out.pdf")], [], \
        os.path.join(d, "out.pdf")


def read_only_folder(d):
    # As root a folder's permissions do not stop a write; a file system
    # mounted read-only does.
    if os.geteuid() == 0:
        target = "/sys/memo.pdf"
    else:
        folder = os.path.join(d, "locked")
        os.mkdir(folder)
        os.chmod(folder, 0o555)
        target = os.path.join(folder, "memo.pdf")
    return ["--example", "--export-pdf", target], [], target


def edited_case_file(d, name, sql):
    path = os.path.join(d, name)
    shutil.copy(example_case(d), path)
    db = sqlite3.connect(path)
    db.execute(sql)
    db.commit()
    db.close()
    return [path, "--export-pdf", os.path.join(d, "out.pdf")], [path], os.path.join(d, "out.pdf")


def hostile_schema(d):
    return edited_case_file(d, "view.deliberate", "CREATE VIEW spin AS SELECT 1")


def changed_outside(d):
    return edited_case_file(d, "changed.deliberate", "UPDATE stakeholder SET name = 'Someone else' WHERE rowid = 1")


def out_pdf(d):
    return os.path.join(d, "out.pdf")


def named_pipe(d):
    path = os.path.join(d, "pipe.deliberate")
    os.mkfifo(path)
    return [path, "--export-pdf", out_pdf(d)], [], out_pdf(d)


def folder_as_case(d):
    path = os.path.join(d, "folder.deliberate")
    os.mkdir(path)
    return [path, "--export-pdf", out_pdf(d)], [path], out_pdf(d)


def device(d):
    return ["/dev/zero", "--export-pdf", out_pdf(d)], [], out_pdf(d)


def link_loop(d):
    path = os.path.join(d, "loop.deliberate")
    os.symlink("loop.deliberate", path)
    return [path, "--export-pdf", out_pdf(d)], [], out_pdf(d)


def deep_nesting(d):
    # The nesting comes after a quoted string that looks like nesting.
    data = '{"title": "[[[{", "stakeholders": ' + "[" * 100000 + "]" * 100000 + "}"
    path = write(d, "deep.json", data.encode())
    return [path, "--export-pdf", out_pdf(d)], [path], out_pdf(d)


def huge_json(d):
    data = '{"title": "' + "x" * (17 * 1024 * 1024) + '"}'
    path = write(d, "huge.json", data.encode())
    return [path, "--export-pdf", out_pdf(d)], [path], out_pdf(d)


def flipped_bytes(d):
    # Bytes changed inside a stakeholder's name, where SQLite sees nothing
    # wrong: only the checksum the case keeps can tell.
    path = os.path.join(d, "flipped.deliberate")
    with open(example_case(d), "rb") as f:
        data = bytearray(f.read())
    at = data.find(b"American Civil Liberties")
    assert at > 0
    data[at:at + 8] = b"Amerikan"
    write(d, "flipped.deliberate", bytes(data))
    return [path, "--export-pdf", out_pdf(d)], [path], out_pdf(d)


def wal_beside(d):
    # A write-ahead log left beside the case by a program that stopped:
    # a read neither replays nor removes it.
    path = os.path.join(d, "logged.deliberate")
    shutil.copy(example_case(d), path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA wal_autocheckpoint = 0")
    db.execute("CREATE TABLE scratch (x)")
    db.commit()
    shutil.copy(path + "-wal", path + ".kept-wal")
    db.close()
    shutil.move(path + ".kept-wal", path + "-wal")
    return [path, "--export-pdf", out_pdf(d)], [path, path + "-wal"], out_pdf(d)


def full_disk(d):
    # A file system with no room: a small tmpfs, which only root can mount.
    if os.geteuid() != 0:
        return None
    mount = os.path.join(d, "full")
    os.mkdir(mount)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount], check=True)
    FULL_MOUNTS.append(mount)
    return ["--example", "--export-pdf", os.path.join(mount, "memo.pdf")], [], os.path.join(mount, "memo.pdf")


FULL_MOUNTS = []


MAKERS = {
    "named-pipe": named_pipe,
    "folder-as-case": folder_as_case,
    "device": device,
    "link-loop": link_loop,
    "deep-nesting": deep_nesting,
    "huge-json": huge_json,
    "flipped-bytes": flipped_bytes,
    "wal-beside": wal_beside,
    "full-disk": full_disk,
    "hostile-schema": hostile_schema,
    "changed-outside": changed_outside,
    "malformed-json": malformed_json,
    "json-not-a-case": json_not_a_case,
    "text-named-case": text_named_case,
    "other-database": other_database,
    "newer-json": newer_json,
    "newer-case-file": newer_case_file,
    "absurd-number": absurd_number,
    "negative-seed": negative_seed,
    "missing-file": missing_file,
    "read-only-folder": read_only_folder,
}


def parse_table(doc):
    rows = []
    with open(doc, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("| `"):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            m = re.match(r"`([a-z0-9-]+)`", cells[0])
            if m is None or len(cells) < 5:
                continue
            rows.append({
                "id": m.group(1),
                "command": cells[1],
                "message": cells[2],
                "exit": cells[3],
                "left": cells[4],
            })
    return rows


def check_row(row, folder, tests):
    problems = []
    elsewhere = re.search(r"checked by `([a-z0-9-]+)`", row["command"] + " " + row["left"])
    if elsewhere:
        if elsewhere.group(1) not in tests:
            problems.append(f"names the test {elsewhere.group(1)}, which does not exist")
        return problems
    maker = MAKERS.get(row["id"])
    if maker is None:
        return ["has no maker in check-robustness.py"]
    d = os.path.join(folder, row["id"])
    os.mkdir(d)
    made = maker(d)
    if made is None:
        print(f"{row['id']}: cannot be made by this user; not checked here")
        return problems
    args, inputs, output = made
    before = {p: digest(p) for p in inputs}
    status, stderr = run(args)
    if status is None:
        return [f"the command did not finish within {TIMEOUT:g} s"]
    want = int(row["exit"]) if row["exit"].isdigit() else None
    if want is None or status != want:
        problems.append(f"exit status {status}, the table says {row['exit']}")
    for words in re.findall(r"“([^”]+)”", row["message"]):
        if words not in stderr:
            problems.append(f"standard error lacks “{words}”: {stderr.strip()[:300]}")
    for p in inputs:
        if digest(p) != before[p]:
            problems.append(f"{os.path.basename(p)} was changed")
    if want == 0 and output is not None and not os.path.exists(output):
        problems.append(f"{os.path.basename(output)} was not written")
    if want != 0 and output is not None and os.path.exists(output):
        problems.append(f"{os.path.basename(output)} was left")
    if output is not None and os.path.isdir(os.path.dirname(output)):
        stray = [n for n in os.listdir(os.path.dirname(output))
                 if n.startswith(".") and os.path.basename(output) in n]
        if stray:
            problems.append(f"temporary files left: {stray}")
    return problems


def main(argv):
    global EXE
    if len(argv) != 3:
        print("usage: check-robustness.py DELIBERATE DOC TESTS-MESON-BUILD")
        return 2
    EXE, doc = argv[0], argv[1]
    with open(argv[2], encoding="utf-8") as f:
        build = f.read()
    # test('name', ...) and the entries of the tables that the loops of
    # tests/meson.build register ('name': [...], or 'name', in a list).
    tests = set(re.findall(r"test\('([a-z0-9-]+)'", build))
    tests |= set(re.findall(r"^\s*'([a-z0-9-]+)'\s*(?::\s*\[|,)", build, re.M))
    rows = parse_table(doc)
    failed = False
    seen = set()
    folder = tempfile.mkdtemp(prefix="dlb-robust-")
    try:
        for row in rows:
            seen.add(row["id"])
            problems = check_row(row, folder, tests)
            if problems:
                failed = True
                print(f"{row['id']}: " + "; ".join(problems))
            else:
                print(f"{row['id']}: as the table says")
        for name in sorted(set(MAKERS) - seen):
            failed = True
            print(f"{name}: made here but missing from the table")
    finally:
        for mount in FULL_MOUNTS:
            subprocess.run(["umount", mount])
        for root, dirs, _ in os.walk(folder):
            for name in dirs:
                os.chmod(os.path.join(root, name), 0o755)
        shutil.rmtree(folder, ignore_errors=True)
    if not rows:
        print("the table has no rows")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
